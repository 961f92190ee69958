/*
 * pg_gen.c - a bench-only source: `count` facts made up on the spot, in
 * the shape bench/gen_facts.py writes (a dozen fields, a third with a
 * counterparty, a fifth with a qualifier), cheaply and deterministically,
 * so that bench/postgres.sh measures the postgres sink and not a parser.
 *
 * Built by plugins/postgres/CMakeLists.txt into build/bench/plugins (never
 * installed).
 */
#include <assay/assay.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct gen {
    const assay_host *h;
    const assay_stream *facts;
    int64_t count;
    int f_fact, f_doc, f_entity, f_counterparty, f_metric, f_kind, f_low, f_high, f_unit,
        f_qualifier, f_period, f_text, f_start, f_end, f_extracted;
} gen;

static const char *const entities[] = {"Meta",   "Alphabet",  "Microsoft", "Amazon",
                                       "Oracle", "CoreWeave", "Nebius",    "OpenAI"};
static const char *const metrics[] = {"capex",          "capex_guidance", "power_capacity",
                                      "contract_value", "compute_units",  "price"};

static assay_rc gen_create(const assay_host *h, assay_ctx *ctx, void **self)
{
    gen *g = calloc(1, sizeof *g);
    if (!g)
        return h->fail(ctx, ASSAY_ERR_NOMEM, "out of memory");
    *self = g;
    g->h = h;
    g->facts = h->stream(ctx, "facts");
    g->count = h->cfg_int(ctx, "count");
    const assay_stream *s = g->facts;
    g->f_fact = h->stream_field_index(s, "fact_id");
    g->f_doc = h->stream_field_index(s, "doc_id");
    g->f_entity = h->stream_field_index(s, "entity");
    g->f_counterparty = h->stream_field_index(s, "counterparty");
    g->f_metric = h->stream_field_index(s, "metric");
    g->f_kind = h->stream_field_index(s, "kind");
    g->f_low = h->stream_field_index(s, "low");
    g->f_high = h->stream_field_index(s, "high");
    g->f_unit = h->stream_field_index(s, "unit");
    g->f_qualifier = h->stream_field_index(s, "qualifier");
    g->f_period = h->stream_field_index(s, "period");
    g->f_text = h->stream_field_index(s, "text");
    g->f_start = h->stream_field_index(s, "span_start");
    g->f_end = h->stream_field_index(s, "span_end");
    g->f_extracted = h->stream_field_index(s, "extracted_at");
    return ASSAY_OK;
}

static void put(const assay_host *h, assay_record *r, int f, const char *s)
{
    h->set_string(r, f, s, strlen(s));
}

/* v as 32 lowercase hex digits, zero-padded, into out[33] (no printf:
 * this source should cost as little as possible). */
static void hex32(uint64_t v, char out[33])
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 31; i >= 0; i--, v >>= 4)
        out[i] = digits[v & 15];
    out[32] = '\0';
}

static assay_rc gen_run(void *self, assay_ctx *ctx)
{
    gen *g = self;
    const assay_host *h = g->h;
    uint64_t x = 1; /* xorshift64: the same rows every run */
    int64_t extracted;
    h->parse_time("2026-11-23T11:00:00Z", 20, &extracted);
    for (int64_t i = 0; i < g->count; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        char id[33], doc[33], text[48];
        hex32((uint64_t)i * 2654435761u, id);
        hex32((uint64_t)(i / 7), doc);
        double low = (double)(1 + x % 900) * 1e9;
        snprintf(text, sizeof text, "$%d billion", (int)(low / 1e9));
        assay_record *r = h->record_new(ctx, g->facts);
        put(h, r, g->f_fact, id);
        put(h, r, g->f_doc, doc);
        put(h, r, g->f_entity, entities[x % 8]);
        if (i % 3 == 0)
            put(h, r, g->f_counterparty, entities[(x >> 8) % 8]);
        put(h, r, g->f_metric, metrics[(x >> 16) % 6]);
        put(h, r, g->f_kind, "money");
        h->set_float(r, g->f_low, low);
        h->set_float(r, g->f_high, low * 1.1);
        put(h, r, g->f_unit, "USD");
        if (i % 5 == 0)
            put(h, r, g->f_qualifier, "about");
        put(h, r, g->f_period, "2026");
        put(h, r, g->f_text, text);
        h->set_int(r, g->f_start, i % 5000);
        h->set_int(r, g->f_end, i % 5000 + 12);
        h->set_timestamp(r, g->f_extracted, extracted);
        assay_rc rc = h->emit(ctx, r);
        if (rc == ASSAY_ERR_STOPPED)
            break;
        if (rc != ASSAY_OK)
            return rc;
    }
    return ASSAY_OK;
}

static void gen_destroy(void *self)
{
    free(self);
}

static const assay_config_key gen_config[] = {
    {"count", ASSAY_CFG_INT, 0, "1000000", "facts to emit"}, {NULL, 0, 0, NULL, NULL}};

static const assay_stream_def gen_streams[] = {{"facts", NULL, NULL}, {NULL, NULL, NULL}};

ASSAY_EXPORT const assay_plugin assay_plugin_descriptor = {
    ASSAY_PLUGIN_HEADER,
    .name = "pg_gen",
    .kind = ASSAY_SOURCE,
    .version = "0.1.0",
    .description = "bench only: generated facts, cheaply",
    .config = gen_config,
    .streams = gen_streams,
    .create = gen_create,
    .run = gen_run,
    .destroy = gen_destroy,
};
