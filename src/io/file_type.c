/* What a file type is called in a message ("is a FIFO (named pipe)"), shared
 * by the input reader and the output writer so both refuse in the same words. */
#define _POSIX_C_SOURCE 200809L /* S_ISSOCK, S_ISLNK */
#include "io/file_type.h"

#include <sys/stat.h>

const char *cf_file_type_name(mode_t m)
{
    if (S_ISDIR(m)) return "a directory";
    if (S_ISFIFO(m)) return "a FIFO (named pipe)";
    if (S_ISCHR(m)) return "a character device";
    if (S_ISBLK(m)) return "a block device";
    if (S_ISSOCK(m)) return "a socket";
    if (S_ISLNK(m)) return "a symbolic link";
    return "not a regular file";
}
