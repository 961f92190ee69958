/*
 * httpget.c - a test source for the HTTP service: fetches its `urls` with
 * one host->http_fetch call and emits one "responses" record per answer
 * (from done(), in the fetching thread), so tests can drive the service
 * through `assay run` with the entry's "http" settings, the runner's
 * state (conditional GET across runs) and its stop flag.
 */
#include <assay/assay.h>

#include <stdlib.h>
#include <string.h>

static const assay_field response_fields[] = {
    {"url", ASSAY_T_STRING, ASSAY_FIELD_KEY | ASSAY_FIELD_REQUIRED, "the requested URL"},
    {"rc", ASSAY_T_STRING, 0, "the response's result code, as text"},
    {"status", ASSAY_T_INT, 0, "last HTTP status"},
    {"not_modified", ASSAY_T_BOOL, 0, "a 304 to a conditional GET"},
    {"attempts", ASSAY_T_INT, 0, "transfers tried"},
    {"body_len", ASSAY_T_INT, 0, "body bytes"},
    {"content_type", ASSAY_T_STRING, 0, "media type"},
    {"error", ASSAY_T_STRING, 0, "what went wrong"},
    {NULL, 0, 0, NULL}};

typedef struct httpget {
    const assay_host *h;
    assay_ctx *ctx;
    const assay_stream *out;
    int cache;
    assay_rc emit_rc;
} httpget;

static assay_rc hg_create(const assay_host *h, assay_ctx *ctx, void **self)
{
    httpget *g = calloc(1, sizeof *g);
    if (!g)
        return ASSAY_ERR_NOMEM;
    *self = g;
    g->h = h;
    g->out = h->stream(ctx, "responses");
    g->cache = h->cfg_bool(ctx, "cache");
    return ASSAY_OK;
}

static void hg_done(const assay_http_response *res, void *ud)
{
    httpget *g = ud;
    const assay_host *h = g->h;
    const assay_stream *s = g->out;
    assay_record *r = h->record_new(g->ctx, s);
    const char *url = res->request->url;
    h->set_string(r, h->stream_field_index(s, "url"), url, strlen(url));
    const char *rc = h->strerror(res->rc);
    h->set_string(r, h->stream_field_index(s, "rc"), rc, strlen(rc));
    h->set_int(r, h->stream_field_index(s, "status"), res->status);
    h->set_bool(r, h->stream_field_index(s, "not_modified"), res->not_modified);
    h->set_int(r, h->stream_field_index(s, "attempts"), res->attempts);
    h->set_int(r, h->stream_field_index(s, "body_len"), (int64_t)res->body_len);
    if (res->content_type)
        h->set_string(r, h->stream_field_index(s, "content_type"), res->content_type,
                      strlen(res->content_type));
    if (res->error)
        h->set_string(r, h->stream_field_index(s, "error"), res->error, strlen(res->error));
    assay_rc rc2 = h->emit(g->ctx, r);
    if (rc2 != ASSAY_OK && !g->emit_rc)
        g->emit_rc = rc2;
}

static assay_rc hg_run(void *self, assay_ctx *ctx)
{
    httpget *g = self;
    const assay_host *h = g->h;
    size_t n = h->cfg_list_len(ctx, "urls");
    assay_http_request *reqs = calloc(n ? n : 1, sizeof *reqs);
    if (!reqs)
        return ASSAY_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        reqs[i].url = h->cfg_list_item(ctx, "urls", i);
        reqs[i].cache_key = g->cache ? reqs[i].url : NULL;
    }
    g->ctx = ctx;
    assay_rc rc = h->http_fetch(ctx, reqs, n, hg_done, g);
    free(reqs);
    if (rc == ASSAY_ERR_STOPPED || g->emit_rc == ASSAY_ERR_STOPPED)
        return ASSAY_OK;
    return rc ? h->fail(ctx, rc, "http_fetch: %s", h->error_message(ctx)) : ASSAY_OK;
}

static void hg_destroy(void *self)
{
    free(self);
}

static const assay_config_key hg_config[] = {
    {"urls", ASSAY_CFG_LIST, 1, NULL, "URLs to fetch"},
    {"cache", ASSAY_CFG_BOOL, 0, "false", "conditional GET, the URL as cache key"},
    {NULL, 0, 0, NULL, NULL}};

static const assay_stream_def hg_streams[] = {
    {"responses", response_fields, "one record per answered request"}, {NULL, NULL, NULL}};

ASSAY_EXPORT const assay_plugin assay_plugin_descriptor = {
    ASSAY_PLUGIN_HEADER,
    .name = "httpget",
    .kind = ASSAY_SOURCE,
    .version = "0.1.0",
    .description = "test source: fetches URLs through the core's HTTP service",
    .config = hg_config,
    .streams = hg_streams,
    .create = hg_create,
    .run = hg_run,
    .destroy = hg_destroy,
};
