/*
 * main.c - assay's command line: global options, then a subcommand.
 */
#include "cli.h"
#include "ctx.h"
#include "http.h"
#include "loader.h"
#include "log.h"
#include "runner.h"

#include <assay/assay.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef ASSAY_VERSION
#define ASSAY_VERSION "0.0.0"
#endif

static const char help_text[] =
    "usage: assay [global options] <command> [arguments]\n"
    "\n"
    "commands:\n"
    "  run FILE            run a pipeline\n"
    "      --state-dir DIR     state and lock folder (default ./state/<pipeline name>)\n"
    "      --summary FILE      write the summary line there instead of stdout\n"
    "      --dead-letter FILE  dead-letter file (default <state dir>/dead-letter.jsonl)\n"
    "  check FILE          validate a pipeline and every plugin's config; runs nothing\n"
    "  plugins [NAME]      list installed plugins, or show one's config keys and streams\n"
    "  extract FILE...     run the figures transform on text files and print its facts\n"
    "      --jsonl             one JSON object per fact (the default; the scored shape)\n"
    "      --explain           each sentence with its figures marked, and why\n"
    "      --date YYYY-MM-DD   the documents' date (resolves 'next year', FY26, ...)\n"
    "      --entities FILE     an extra gazetteer; --rules FILE extra metric rules\n"
    "      --set KEY=VALUE     any config key of the plugin; --plugin NAME another transform\n"
    "  table FILE.csv      print a CSV file as a table\n"
    "  new-plugin NAME --kind source|transform|sink [DIR]\n"
    "                      write a working plugin to start from, built out of tree\n"
    "                      against the installed SDK (pkg-config assay)\n"
    "  COMMAND ...         a command a plugin adds (article: the news plugin's extractor)\n"
    "      --columns a,b,c     only these columns, in this order\n"
    "      --width N           widest a cell may be (default 48)\n"
    "                          a 'value' column is made from kind, low, high, unit, per\n"
    "\n"
    "global options:\n"
    "  --plugin-path DIRS  colon-separated plugin folders, searched first\n"
    "                      (then $ASSAY_PLUGIN_PATH, the build tree, the install folder)\n"
    "  -v, --verbose       log debug messages     -q, --quiet   log errors only\n"
    "  --version           print the version and the plugin ABI\n"
    "\n"
    "exit codes:\n"
    "  0    ok\n"
    "  1    partial: the run finished, but something was dead-lettered\n"
    "  2    bad pipeline file or command line (check: the pipeline is invalid)\n"
    "  3    a plugin failed to load or to start\n"
    "  4    a sink failed to commit (state was not advanced)\n"
    "  5    already running: another run of this pipeline holds its lock\n"
    "  6    a plugin failed while running\n"
    "  130  stopped by SIGINT, 143 stopped by SIGTERM (after draining and committing)\n";

int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("assay: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\n(see assay --help)\n", stderr);
    va_end(ap);
    return EXIT_USAGE;
}

typedef struct command_search {
    const char *name;
    loaded_plugin *found;
} command_search;

static void find_command(const char *path, int shadowed, void *ud)
{
    command_search *cs = ud;
    loaded_plugin *p;
    char err[1024];
    if (cs->found || shadowed || loader_open_file(path, &p, err, sizeof err) != 0)
        return;
    if (loader_has(p, command) && p->desc->command && p->desc->command_name &&
        strcmp(p->desc->command_name, cs->name) == 0)
        cs->found = p;
    else
        loader_release(p);
}

/* A subcommand a plugin adds (the news plugin's `assay article`). */
static int plugin_command(const cli_common *c, const char *name, int argc, char **argv)
{
    loader L;
    loader_init(&L, c->plugin_path);
    command_search cs = {name, NULL};
    loader_scan(&L, find_command, &cs);
    int code;
    if (cs.found) {
        code = cs.found->desc->command(host_table(), argc, argv);
        fflush(stdout);
        loader_release(cs.found);
    } else {
        code = usage_error("unknown command '%s'", name);
    }
    loader_free(&L);
    return code;
}

int main(int argc, char **argv)
{
    cli_common common = {NULL};
    log_init();
    /* libcurl's global state, once, before any thread starts */
    http_global_init();
    atexit(http_global_cleanup);
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(help_text, stdout);
            return EXIT_OK;
        } else if (!strcmp(a, "--version")) {
            printf("assay %s (plugin ABI %d.%d)\n", ASSAY_VERSION, ASSAY_ABI_MAJOR, ASSAY_ABI_MINOR);
            return EXIT_OK;
        } else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
            log_set_level(ASSAY_LOG_DEBUG);
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            log_set_level(ASSAY_LOG_ERROR);
        } else if (!strcmp(a, "--plugin-path")) {
            if (++i >= argc)
                return usage_error("--plugin-path needs a folder");
            common.plugin_path = argv[i];
        } else {
            return usage_error("unknown option '%s'", a);
        }
    }
    if (i >= argc) {
        fputs(help_text, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[i];
    int sub_argc = argc - i - 1;
    char **sub_argv = argv + i + 1;
    if (!strcmp(cmd, "run"))
        return cmd_run(&common, sub_argc, sub_argv);
    if (!strcmp(cmd, "check"))
        return cmd_check(&common, sub_argc, sub_argv);
    if (!strcmp(cmd, "plugins"))
        return cmd_plugins(&common, sub_argc, sub_argv);
    if (!strcmp(cmd, "table"))
        return cmd_table(&common, sub_argc, sub_argv);
    if (!strcmp(cmd, "extract"))
        return cmd_extract(&common, sub_argc, sub_argv);
    if (!strcmp(cmd, "new-plugin"))
        return cmd_new_plugin(&common, sub_argc, sub_argv);
    if (!strcmp(cmd, "help")) {
        fputs(help_text, stdout);
        return EXIT_OK;
    }
    return plugin_command(&common, cmd, argc - i, argv + i);
}
