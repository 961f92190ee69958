/*
 * reject.c - a test transform: passes facts on, rejects those whose low
 * value is a multiple of `every`, and fails outright at `fail_at`.
 */
#include <assay/assay.h>

#include <stdlib.h>

typedef struct reject {
    const assay_host *h;
    const assay_stream *out;
    int64_t every, fail_at;
    int f_low;
} reject;

static assay_rc reject_create(const assay_host *h, assay_ctx *ctx, void **self)
{
    reject *r = calloc(1, sizeof *r);
    if (!r)
        return ASSAY_ERR_NOMEM;
    *self = r;
    r->h = h;
    r->out = h->stream(ctx, "facts");
    r->every = h->cfg_int(ctx, "every");
    r->fail_at = h->cfg_int(ctx, "fail_at");
    r->f_low = h->stream_field_index(r->out, "low");
    return ASSAY_OK;
}

static assay_rc reject_process(void *self, assay_ctx *ctx, const assay_record *const *recs, size_t n)
{
    reject *r = self;
    for (size_t i = 0; i < n; i++) {
        assay_value v;
        r->h->record_get(recs[i], (size_t)r->f_low, &v);
        int64_t low = v.type == ASSAY_T_FLOAT ? (int64_t)v.v.f : -1;
        if (low == r->fail_at)
            return r->h->fail(ctx, ASSAY_ERR_FAILED, "reject: told to fail at %lld", (long long)low);
        if (r->every > 0 && low % r->every == 0)
            return r->h->fail(ctx, ASSAY_ERR_REJECT, "reject: %lld is a multiple of %lld",
                              (long long)low, (long long)r->every);
        assay_rc rc = r->h->emit(ctx, r->h->record_copy(ctx, recs[i], r->out));
        if (rc && rc != ASSAY_ERR_STOPPED)
            return rc;
    }
    return ASSAY_OK;
}

static void reject_destroy(void *self)
{
    free(self);
}

static const assay_config_key reject_config[] = {
    {"every", ASSAY_CFG_INT, 0, "0", "reject records whose low is a multiple of this"},
    {"fail_at", ASSAY_CFG_INT, 0, "-1", "fail at the record whose low is this"},
    {NULL, 0, 0, NULL, NULL}};

static const assay_stream_def reject_streams[] = {{"facts", NULL, NULL}, {NULL, NULL, NULL}};

ASSAY_EXPORT const assay_plugin assay_plugin_descriptor = {
    ASSAY_PLUGIN_HEADER,
    .name = "reject",
    .kind = ASSAY_TRANSFORM,
    .version = "0.1.0",
    .description = "test transform: rejects some records",
    .config = reject_config,
    .streams = reject_streams,
    .create = reject_create,
    .process = reject_process,
    .destroy = reject_destroy,
};
