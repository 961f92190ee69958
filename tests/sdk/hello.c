/*
 * hello.c - the smallest useful plugin, built out of tree against an
 * installed assay (pkg-config assay) by tests/install.sh: a source that
 * emits `count` documents saying hello.
 */
#include <assay/assay.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct hello {
    const assay_host *host;
    const assay_stream *docs;
    int64_t count;
} hello;

static assay_rc hello_create(const assay_host *host, assay_ctx *ctx, void **self)
{
    hello *h = calloc(1, sizeof *h);
    if (!h)
        return host->fail(ctx, ASSAY_ERR_NOMEM, "out of memory");
    h->host = host;
    h->docs = host->stream(ctx, "documents");
    h->count = host->cfg_int(ctx, "count");
    *self = h;
    return ASSAY_OK;
}

static assay_rc hello_run(void *self, assay_ctx *ctx)
{
    hello *h = self;
    const assay_host *host = h->host;
    for (int64_t i = 0; i < h->count && !host->should_stop(ctx); i++) {
        char id[32], text[64];
        snprintf(id, sizeof id, "hello-%lld", (long long)i);
        snprintf(text, sizeof text, "Hello number %lld.", (long long)i);
        assay_record *r = host->record_new(ctx, h->docs);
        host->set_string(r, host->stream_field_index(h->docs, "id"), id, strlen(id));
        host->set_string(r, host->stream_field_index(h->docs, "text"), text, strlen(text));
        assay_rc rc = host->emit(ctx, r);
        if (rc == ASSAY_ERR_STOPPED)
            break;
    }
    return ASSAY_OK;
}

static void hello_destroy(void *self)
{
    free(self);
}

static const assay_config_key hello_config[] = {
    {"count", ASSAY_CFG_INT, 0, "3", "how many documents to emit"},
    {NULL, 0, 0, NULL, NULL}};

static const assay_stream_def hello_streams[] = {{"documents", NULL, "greetings"},
                                                 {NULL, NULL, NULL}};

ASSAY_EXPORT const assay_plugin assay_plugin_descriptor = {
    ASSAY_PLUGIN_HEADER,
    .name = "hello",
    .kind = ASSAY_SOURCE,
    .version = "1.0.0",
    .description = "says hello, count times",
    .config = hello_config,
    .streams = hello_streams,
    .create = hello_create,
    .run = hello_run,
    .destroy = hello_destroy,
};
