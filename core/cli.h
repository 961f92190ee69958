/*
 * cli.h - the subcommands of build/assay. Each takes the arguments after
 * its name and returns the process exit code (see runner.h).
 */
#ifndef ASSAY_CLI_H
#define ASSAY_CLI_H

typedef struct cli_common {
    const char *plugin_path; /* --plugin-path, may be NULL */
} cli_common;

int cmd_run(const cli_common *c, int argc, char **argv);
int cmd_check(const cli_common *c, int argc, char **argv);
int cmd_plugins(const cli_common *c, int argc, char **argv);
int cmd_table(const cli_common *c, int argc, char **argv);
int cmd_extract(const cli_common *c, int argc, char **argv);
int cmd_new_plugin(const cli_common *c, int argc, char **argv);

/* Prints "assay: <msg>" for a usage mistake and returns EXIT_USAGE. */
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
