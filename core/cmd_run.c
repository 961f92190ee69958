/* cmd_run.c - `assay run` and `assay check`: load, resolve, run. */
#include "cli.h"
#include "ctx.h"
#include "log.h"
#include "pipeline.h"
#include "runner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Loads and resolves; prints diagnostics. Returns the pipeline, or NULL
 * with *code set. */
static pipeline *load_and_resolve(const cli_common *c, const char *path, loader *L, int *code)
{
    diags d;
    diags_init(&d, path);
    pipeline *p = pipeline_load(path, &d);
    loader_init(L, c->plugin_path);
    int load_failed = 0;
    if (p) {
        /* resolve even after errors: check reports all it can */
        pipeline_resolve(p, L, &d);
        for (size_t i = 0; i < p->nentries; i++)
            load_failed |= p->entries[i].lp == NULL;
    }
    diags_print(&d, stderr);
    if (!p || d.errors) {
        fprintf(stderr, "%s: %zu error%s\n", path, d.errors ? d.errors : 1,
                d.errors == 1 ? "" : "s");
        *code = load_failed ? EXIT_START : EXIT_USAGE;
        diags_free(&d);
        pipeline_free(p);
        return NULL;
    }
    diags_free(&d);
    *code = EXIT_OK;
    return p;
}

/* Each plugin's own check() (a database reachable, a folder writable).
 * Returns the number that failed; each failure is printed. */
static int plugin_checks(pipeline *p)
{
    int failed = 0;
    for (size_t i = 0; i < p->nentries; i++) {
        pl_entry *e = &p->entries[i];
        if (!e->lp || !loader_has(e->lp, check) || !e->lp->desc->check)
            continue;
        ctx_clear_error(e->ctx);
        assay_rc rc = e->lp->desc->check(host_table(), e->ctx);
        if (rc != ASSAY_OK) {
            int line, col;
            pipeline_pos(p, e->pointer, 0, &line, &col);
            fprintf(stderr, "%s:%d:%d: error: %s '%s': %s\n", p->path, line, col,
                    e->lp->desc->name, e->id, ctx_error(e->ctx, rc));
            failed++;
        }
    }
    return failed;
}

int cmd_check(const cli_common *c, int argc, char **argv)
{
    if (argc != 1)
        return usage_error("check takes one pipeline file");
    loader L;
    int code;
    pipeline *p = load_and_resolve(c, argv[0], &L, &code);
    if (p && plugin_checks(p) != 0) {
        fprintf(stderr, "%s: the plugins' own checks failed\n", argv[0]);
        pipeline_free(p);
        loader_free(&L);
        return EXIT_USAGE;
    }
    if (p) {
        size_t counts[4] = {0};
        for (size_t i = 0; i < p->nentries; i++)
            counts[p->entries[i].kind]++;
        printf("%s: ok: pipeline '%s', %zu source%s, %zu transform%s, %zu sink%s\n", argv[0],
               p->name, counts[ASSAY_SOURCE], counts[ASSAY_SOURCE] == 1 ? "" : "s",
               counts[ASSAY_TRANSFORM], counts[ASSAY_TRANSFORM] == 1 ? "" : "s",
               counts[ASSAY_SINK], counts[ASSAY_SINK] == 1 ? "" : "s");
        pipeline_free(p);
    }
    loader_free(&L);
    /* check reports every invalid pipeline with one code */
    return code == EXIT_OK ? EXIT_OK : EXIT_USAGE;
}

int cmd_run(const cli_common *c, int argc, char **argv)
{
    run_options o;
    memset(&o, 0, sizeof o);
    const char *file = NULL;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--state-dir") || !strcmp(a, "--summary") || !strcmp(a, "--dead-letter")) {
            if (i + 1 >= argc)
                return usage_error("%s needs a value", a);
            const char *v = argv[++i];
            if (!strcmp(a, "--state-dir"))
                o.state_dir = v;
            else if (!strcmp(a, "--summary"))
                o.summary_path = v;
            else
                o.dead_letter = v;
        } else if (a[0] == '-' && a[1]) {
            return usage_error("unknown option '%s' for run", a);
        } else if (file) {
            return usage_error("run takes one pipeline file");
        } else {
            file = a;
        }
    }
    if (!file)
        return usage_error("run needs a pipeline file");
    loader L;
    int code;
    pipeline *p = load_and_resolve(c, file, &L, &code);
    if (p) {
        code = run_pipeline(p, &o);
        pipeline_free(p);
    }
    loader_free(&L);
    return code;
}
