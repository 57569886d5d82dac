/* What a file type is called in messages: one wording for input and output. */
#ifndef CF_IO_FILE_TYPE_H
#define CF_IO_FILE_TYPE_H

#include <sys/types.h>

const char *cf_file_type_name(mode_t mode);

#endif
