/* cmd_plugins.c - `assay plugins [NAME]`: what is installed, and how to
 * configure one. */
#include "cli.h"
#include "http.h"
#include "loader.h"
#include "runner.h"
#include "schema.h"

#include <stdio.h>
#include <string.h>

typedef struct listing {
    int rows;
    int broken;
} listing;

static void list_one(const char *path, int shadowed, void *ud)
{
    listing *l = ud;
    char err[1024];
    loaded_plugin *p;
    if (loader_open_file(path, &p, err, sizeof err) != 0) {
        fprintf(stderr, "assay: %s\n", err);
        l->broken++;
        return;
    }
    const assay_plugin *d = p->desc;
    if (l->rows++ == 0)
        printf("%-14s %-10s %-9s %-5s %s\n", "NAME", "KIND", "VERSION", "ABI", "PATH");
    printf("%-14s %-10s %-9s %u.%-3u %s%s\n", d->name, kind_name(d->kind), d->version,
           d->abi_major, d->abi_minor, path, shadowed ? "  (shadowed by an earlier folder)" : "");
    if (loader_has(p, command) && d->command && d->command_name)
        printf("%-14s adds the command: assay %s\n", "", d->command_name);
    loader_release(p);
}

static void print_stream(const assay_stream *s)
{
    printf("  %s\n", s->name);
    for (size_t i = 0; i < s->nfields; i++) {
        const assay_field *f = &s->fields[i];
        char flags[32] = "";
        if (f->flags & ASSAY_FIELD_KEY)
            strcat(flags, " key");
        else if (f->flags & ASSAY_FIELD_REQUIRED)
            strcat(flags, " required");
        printf("    %-14s %-9s%-9s %s\n", f->name, type_name(f->type), flags, f->help ? f->help : "");
    }
}

static int show_one(loader *L, const char *name)
{
    char err[1024];
    const loaded_plugin *p = loader_load(L, name, err, sizeof err);
    if (!p) {
        fprintf(stderr, "assay: %s\n", err);
        return EXIT_START;
    }
    const assay_plugin *d = p->desc;
    printf("%s %s (%s, plugin ABI %u.%u)\n%s\n\nfile: %s\n\nconfig keys:\n", d->name, d->version,
           kind_name(d->kind), d->abi_major, d->abi_minor, d->description, p->path);
    int any = 0;
    for (const assay_config_key *k = d->config; k && k->name; k++, any = 1) {
        printf("  %-16s %-16s %s", k->name, cfg_type_name(k->type),
               k->required ? "required" : k->default_value ? "default " : "optional");
        if (!k->required && k->default_value)
            printf("%s", k->default_value);
        printf("\n      %s\n", k->help ? k->help : "");
    }
    if (!any)
        printf("  (none)\n");
    if (d->kind == ASSAY_SINK) {
        printf("  %-16s %-16s default 1000\n      records per commit (core setting)\n",
               "batch_size", "integer");
        printf("  %-16s %-16s default 2\n      longest wait before a partial batch is committed "
               "(core setting)\n",
               "flush_seconds", "number");
    }
    if (d->kind == ASSAY_SOURCE) {
        printf("\nhttp settings (the entry's \"http\" object, for sources that fetch; "
               "docs/http.md):\n");
        http_config_help(stdout);
    }
    if (d->kind != ASSAY_SINK) {
        printf("\nstreams emitted:\n");
        any = 0;
        for (const assay_stream_def *sd = d->streams; sd && sd->name; sd++, any = 1) {
            assay_stream *s = stream_resolve(sd, NULL, err, sizeof err);
            if (s)
                print_stream(s);
            stream_free(s);
        }
        if (d->declare)
            printf("  %s(further streams depend on the config)\n", any ? "" : "");
        else if (!any)
            printf("  (none)\n");
    }
    return EXIT_OK;
}

int cmd_plugins(const cli_common *c, int argc, char **argv)
{
    if (argc > 1)
        return usage_error("plugins takes at most one plugin name");
    loader L;
    loader_init(&L, c->plugin_path);
    int code = EXIT_OK;
    if (argc == 1) {
        code = show_one(&L, argv[0]);
    } else {
        listing l = {0, 0};
        loader_scan(&L, list_one, &l);
        if (l.rows == 0)
            fprintf(stderr, "assay: no plugins found in the search path\n");
        code = l.rows == 0 ? EXIT_START : EXIT_OK;
    }
    loader_free(&L);
    return code;
}
