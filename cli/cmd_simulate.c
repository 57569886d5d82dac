/* cmd_simulate.c — placeholder until the model core lands (being written now). */
#include "cli.h"
#include <stdio.h>
int cmd_simulate(int argc, char **argv)
{
    (void)argc; (void)argv;
    fprintf(stderr, "cellforge simulate: not built yet\n");
    return 1;
}
