/*
 * gen.c - a test source: emits `count` facts-shaped records numbered from
 * where the last run stopped (state key "next"), saving the bookmark every
 * `every` records, optionally slowly, failing, or emitting a bad record.
 */
#include <assay/assay.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct gen {
    const assay_host *h;
    const assay_stream *facts;
    int64_t count, every, sleep_us, fail_at, bad_at, text_bytes;
    int f_id, f_doc, f_kind, f_low, f_text;
} gen;

static assay_rc gen_create(const assay_host *h, assay_ctx *ctx, void **self)
{
    gen *g = calloc(1, sizeof *g);
    if (!g)
        return ASSAY_ERR_NOMEM;
    *self = g;
    g->h = h;
    g->facts = h->stream(ctx, "facts");
    g->count = h->cfg_int(ctx, "count");
    g->every = h->cfg_int(ctx, "every");
    g->sleep_us = h->cfg_int(ctx, "sleep_us");
    g->fail_at = h->cfg_int(ctx, "fail_at");
    g->bad_at = h->cfg_int(ctx, "bad_at");
    g->text_bytes = h->cfg_int(ctx, "text_bytes");
    g->f_id = h->stream_field_index(g->facts, "fact_id");
    g->f_doc = h->stream_field_index(g->facts, "doc_id");
    g->f_kind = h->stream_field_index(g->facts, "kind");
    g->f_low = h->stream_field_index(g->facts, "low");
    g->f_text = h->stream_field_index(g->facts, "text");
    return ASSAY_OK;
}

static assay_rc gen_run(void *self, assay_ctx *ctx)
{
    gen *g = self;
    const assay_host *h = g->h;
    char *saved = h->state_get(ctx, "next");
    int64_t i = saved ? strtoll(saved, NULL, 10) : 0;
    h->free(saved);
    char *text = NULL;
    if (g->text_bytes > 0) {
        text = malloc((size_t)g->text_bytes);
        if (!text)
            return ASSAY_ERR_NOMEM;
        for (int64_t k = 0; k < g->text_bytes; k++)
            text[k] = (char)('a' + k % 26);
    }
    for (; i < g->count; i++) {
        if (h->should_stop(ctx))
            break;
        if (g->fail_at >= 0 && i == g->fail_at) {
            free(text);
            return h->fail(ctx, ASSAY_ERR_FAILED, "gen: told to fail at record %lld", (long long)i);
        }
        char id[32];
        snprintf(id, sizeof id, "f%08lld", (long long)i);
        assay_record *r = h->record_new(ctx, g->facts);
        h->set_string(r, g->f_id, id, strlen(id));
        if (i != g->bad_at) /* doc_id is required: leave it out once */
            h->set_string(r, g->f_doc, "doc", 3);
        h->set_string(r, g->f_kind, "money", 5);
        h->set_float(r, g->f_low, (double)i);
        if (text)
            h->set_string(r, g->f_text, text, (size_t)g->text_bytes);
        assay_rc rc = h->emit(ctx, r);
        if (rc == ASSAY_ERR_STOPPED) {
            i++;
            break;
        }
        if (rc != ASSAY_OK && rc != ASSAY_ERR_SCHEMA) {
            free(text);
            return rc;
        }
        if (g->every > 0 && (i + 1) % g->every == 0) {
            char next[32];
            snprintf(next, sizeof next, "%lld", (long long)(i + 1));
            h->state_put(ctx, "next", next);
        }
        if (g->sleep_us > 0) {
            struct timespec ts = {g->sleep_us / 1000000, (g->sleep_us % 1000000) * 1000};
            nanosleep(&ts, NULL);
        }
    }
    char next[32];
    snprintf(next, sizeof next, "%lld", (long long)i);
    h->state_put(ctx, "next", next);
    free(text);
    return ASSAY_OK;
}

static void gen_destroy(void *self)
{
    free(self);
}

static const assay_config_key gen_config[] = {
    {"count", ASSAY_CFG_INT, 0, "10", "records to emit in all (across runs)"},
    {"every", ASSAY_CFG_INT, 0, "0", "save the bookmark every N records (0: only at the end)"},
    {"sleep_us", ASSAY_CFG_INT, 0, "0", "pause after each record"},
    {"fail_at", ASSAY_CFG_INT, 0, "-1", "fail when reaching this record number"},
    {"bad_at", ASSAY_CFG_INT, 0, "-1", "emit this record without its required doc_id"},
    {"text_bytes", ASSAY_CFG_INT, 0, "0", "length of a text field to add to each record"},
    {NULL, 0, 0, NULL, NULL}};

static const assay_stream_def gen_streams[] = {{"facts", NULL, NULL}, {NULL, NULL, NULL}};

ASSAY_EXPORT const assay_plugin assay_plugin_descriptor = {
    ASSAY_PLUGIN_HEADER,
    .name = "gen",
    .kind = ASSAY_SOURCE,
    .version = "0.1.0",
    .description = "test source: numbered facts with a bookmark",
    .config = gen_config,
    .streams = gen_streams,
    .create = gen_create,
    .run = gen_run,
    .destroy = gen_destroy,
};
