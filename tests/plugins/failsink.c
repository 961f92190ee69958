/*
 * failsink.c - a test sink that counts what it gets and fails to commit
 * once it has seen `fail_after` records, or fails in create() when told.
 * With `store`, it keeps the state snapshot of each commit in that file
 * and hands it back through restore_state(), as a database sink keeps it
 * in its own transaction.
 */
#include <assay/assay.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct failsink {
    const assay_host *h;
    assay_ctx *ctx;
    int64_t seen, fail_after;
    const char *store;
    const char *runs;
} failsink;

static assay_rc failsink_create(const assay_host *h, assay_ctx *ctx, void **self)
{
    if (h->cfg_bool(ctx, "fail_create"))
        return h->fail(ctx, ASSAY_ERR_CONFIG, "failsink: told to fail in create()");
    failsink *f = calloc(1, sizeof *f);
    if (!f)
        return ASSAY_ERR_NOMEM;
    *self = f;
    f->h = h;
    f->fail_after = h->cfg_int(ctx, "fail_after");
    f->store = h->cfg_string(ctx, "store");
    f->runs = h->cfg_string(ctx, "runs");
    f->ctx = ctx;
    return ASSAY_OK;
}

static assay_rc failsink_process(void *self, assay_ctx *ctx, const assay_record *const *recs,
                                 size_t n)
{
    failsink *f = self;
    (void)recs;
    (void)ctx;
    f->seen += (int64_t)n;
    return ASSAY_OK;
}

static assay_rc failsink_commit(void *self, assay_ctx *ctx, int final)
{
    failsink *f = self;
    (void)final;
    if (f->fail_after >= 0 && f->seen >= f->fail_after)
        return f->h->fail(ctx, ASSAY_ERR_COMMIT, "failsink: commit refused after %lld records",
                          (long long)f->seen);
    char *snap = f->store ? f->h->state_snapshot(ctx) : NULL;
    if (snap) {
        char tmp[4096];
        snprintf(tmp, sizeof tmp, "%s.tmp", f->store);
        FILE *out = fopen(tmp, "w");
        int ok = out && fputs(snap, out) >= 0;
        if (out && fclose(out) != 0)
            ok = 0;
        f->h->free(snap);
        if (!ok || rename(tmp, f->store) != 0)
            return f->h->fail(ctx, ASSAY_ERR_COMMIT, "failsink: cannot store the snapshot");
    }
    return ASSAY_OK;
}

static assay_rc failsink_restore(void *self, assay_ctx *ctx, char **snapshot)
{
    failsink *f = self;
    (void)ctx;
    *snapshot = NULL;
    FILE *in = f->store ? fopen(f->store, "r") : NULL;
    if (!in)
        return ASSAY_OK;
    char *text = calloc(1, 1 << 20);
    if (text && fread(text, 1, (1 << 20) - 1, in) > 0)
        *snapshot = text;
    else
        free(text);
    fclose(in);
    return ASSAY_OK;
}

static assay_rc failsink_check(const assay_host *h, assay_ctx *ctx)
{
    if (h->cfg_bool(ctx, "check_fails"))
        return h->fail(ctx, ASSAY_ERR_CONFIG, "failsink: cannot reach its store (told to fail)");
    return ASSAY_OK;
}

static void failsink_destroy(void *self)
{
    failsink *f = self;
    if (f && f->runs) {
        /* a sink that records runs: the summary is ready by now */
        char *summary = f->h->run_summary(f->ctx);
        FILE *out = fopen(f->runs, "a");
        if (out) {
            fprintf(out, "%s\n", summary ? summary : "null");
            fclose(out);
        }
        f->h->free(summary);
    }
    free(f);
}

static const assay_config_key failsink_config[] = {
    {"fail_after", ASSAY_CFG_INT, 0, "-1", "refuse to commit once this many records arrived"},
    {"fail_create", ASSAY_CFG_BOOL, 0, "false", "fail in create()"},
    {"store", ASSAY_CFG_STRING, 0, NULL, "keep each commit's state snapshot in this file"},
    {"check_fails", ASSAY_CFG_BOOL, 0, "false", "fail in check()"},
    {"runs", ASSAY_CFG_STRING, 0, NULL, "append each run's summary to this file in destroy()"},
    {NULL, 0, 0, NULL, NULL}};

ASSAY_EXPORT const assay_plugin assay_plugin_descriptor = {
    ASSAY_PLUGIN_HEADER,
    .name = "failsink",
    .kind = ASSAY_SINK,
    .version = "0.1.0",
    .description = "test sink: fails to commit on demand",
    .config = failsink_config,
    .create = failsink_create,
    .process = failsink_process,
    .commit = failsink_commit,
    .destroy = failsink_destroy,
    .restore_state = failsink_restore,
    .check = failsink_check,
};
