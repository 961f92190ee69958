/*
 * figures_plugin.c - the assay transform "figures": reads documents, runs
 * the figure extractor on each one's text and emits one record per figure
 * on the standard "facts" stream. Glue only: the extraction is figures.h.
 *
 * Config keys: entities (extra gazetteer files), rules (extra metric rules
 * files), replace_rules (the rules files replace the shipped rules),
 * text_field (default "text"), date_field (default "published_at"),
 * id_field (default "id").
 */
#include <assay/assay.h>

#include "figures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const assay_config_key CONFIG[] = {
    {"entities", ASSAY_CFG_LIST, 0, "[]", "extra gazetteer files (TSV: name, type, role, aliases, tickers, cik)"},
    {"rules", ASSAY_CFG_LIST, 0, "[]", "extra metric rules files (see plugins/figures/README.md)"},
    {"replace_rules", ASSAY_CFG_BOOL, 0, "false", "the rules files replace the shipped metric rules"},
    {"text_field", ASSAY_CFG_STRING, 0, "\"text\"", "the input field holding the document text"},
    {"date_field", ASSAY_CFG_STRING, 0, "\"published_at\"", "the input field holding the document date"},
    {"id_field", ASSAY_CFG_STRING, 0, "\"id\"", "the input field holding the document id"},
    {NULL, 0, 0, NULL, NULL}};

static const assay_stream_def STREAMS[] = {
    {"facts", NULL, "figures found in documents: value, unit, metric, entity, span"},
    {NULL, NULL, NULL}};

/* Output field indexes on the facts stream (-1: the schema lacks it). */
enum {
    F_FACT_ID, F_DOC_ID, F_ENTITY, F_COUNTERPARTY, F_METRIC, F_KIND, F_LOW, F_HIGH, F_UNIT,
    F_PER, F_QUALIFIER, F_PERIOD, F_TEXT, F_SENTENCE, F_SPAN_START, F_SPAN_END, F_CUE,
    F_EXTRACTED_AT, F_COUNT
};
static const char *const FIELD_NAMES[F_COUNT] = {
    "fact_id", "doc_id", "entity", "counterparty", "metric", "kind", "low", "high", "unit",
    "per", "qualifier", "period", "text", "sentence", "span_start", "span_end", "cue",
    "extracted_at"};

typedef struct figures_self {
    const assay_host *host;
    fig_engine *eng;
    const assay_stream *out;
    int field[F_COUNT];
    const char *text_field, *date_field, *id_field;
} figures_self;

/* State of one document while its facts are emitted. */
typedef struct doc_ctx {
    figures_self *self;
    assay_ctx *ctx;
    const char *doc_id;
    size_t doc_id_len;
    int64_t now;
    assay_rc rc;
    int64_t facts;
} doc_ctx;

static assay_rc figures_create(const assay_host *host, assay_ctx *ctx, void **out)
{
    figures_self *self = calloc(1, sizeof *self);
    const char **ent = NULL, **rul = NULL;
    assay_rc rc = ASSAY_ERR_NOMEM;
    if (!self)
        goto fail;
    self->host = host;
    size_t ne = host->cfg_list_len(ctx, "entities"), nr = host->cfg_list_len(ctx, "rules");
    ent = calloc(ne + 1, sizeof *ent);
    rul = calloc(nr + 1, sizeof *rul);
    if (!ent || !rul)
        goto fail;
    for (size_t i = 0; i < ne; i++)
        ent[i] = host->cfg_list_item(ctx, "entities", i);
    for (size_t i = 0; i < nr; i++)
        rul[i] = host->cfg_list_item(ctx, "rules", i);
    fig_options opt = {ent, ne, rul, nr, host->cfg_bool(ctx, "replace_rules")};
    char err[512];
    int frc = fig_engine_new(&opt, &self->eng, err, sizeof err);
    if (frc) {
        rc = host->fail(ctx, frc == FIG_ERR_NOMEM ? ASSAY_ERR_NOMEM : ASSAY_ERR_CONFIG,
                        "figures: %s", err);
        goto fail;
    }
    self->text_field = host->cfg_string(ctx, "text_field");
    self->date_field = host->cfg_string(ctx, "date_field");
    self->id_field = host->cfg_string(ctx, "id_field");
    self->out = host->stream(ctx, "facts");
    if (!self->out) {
        rc = host->fail(ctx, ASSAY_ERR_CONFIG, "figures: no \"facts\" output stream");
        goto fail;
    }
    for (int f = 0; f < F_COUNT; f++)
        self->field[f] = host->stream_field_index(self->out, FIELD_NAMES[f]);
    host->log(ctx, ASSAY_LOG_DEBUG, "figures: %zu entities, %zu metric rules",
              fig_engine_entity_count(self->eng), fig_engine_rule_count(self->eng));
    free(ent);
    free(rul);
    *out = self;
    return ASSAY_OK;
fail:
    free(ent);
    free(rul);
    if (self)
        fig_engine_free(self->eng);
    free(self);
    return rc;
}

/* Sets a string field when the schema has it and s is not NULL. */
static assay_rc set_str(const figures_self *self, assay_record *r, int f, const char *s, size_t len)
{
    if (self->field[f] < 0 || !s)
        return ASSAY_OK;
    return self->host->set_string(r, self->field[f], s, len);
}

/* The stable id of a fact: sha256 of doc id, span and values. */
static void fact_id(const doc_ctx *d, const fig_fact *f, char out[65])
{
    char buf[512];
    int n = snprintf(buf, sizeof buf, "%.*s\x1f%zu\x1f%zu\x1f%s\x1f%.17g\x1f%.17g\x1f%s\x1f%s",
                     (int)(d->doc_id_len > 200 ? 200 : d->doc_id_len), d->doc_id ? d->doc_id : "",
                     f->start_cp, f->end_cp, fig_kind_name(f->kind), f->low, f->high, f->unit,
                     f->per ? f->per : "");
    d->self->host->sha256_hex(buf, n < 0 ? 0 : (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1, out);
}

/* Emits one fact; returns nonzero to stop the extraction. */
static int on_fact(const fig_fact *f, void *ud)
{
    doc_ctx *d = ud;
    figures_self *self = d->self;
    const assay_host *h = self->host;
    assay_record *r = h->record_new(d->ctx, self->out);
    if (!r) {
        d->rc = ASSAY_ERR_NOMEM;
        return 1;
    }
    char id[65];
    fact_id(d, f, id);
    char *text = malloc(3 * f->text_len + 1), *sent = malloc(3 * f->sentence_len + 1);
    assay_rc rc = ASSAY_ERR_NOMEM;
    if (!text || !sent)
        goto fail;
    size_t tl = fig_utf8_clean(text, f->text, f->text_len);
    size_t sl = fig_utf8_clean(sent, f->sentence, f->sentence_len);
    const char *q = fig_qualifier_name(f->qualifier);
    const char *kind = fig_kind_name(f->kind);
    if ((rc = set_str(self, r, F_FACT_ID, id, 64)) ||
        (rc = set_str(self, r, F_DOC_ID, d->doc_id, d->doc_id_len)) ||
        (rc = set_str(self, r, F_ENTITY, f->entity, f->entity ? strlen(f->entity) : 0)) ||
        (rc = set_str(self, r, F_COUNTERPARTY, f->counterparty,
                      f->counterparty ? strlen(f->counterparty) : 0)) ||
        (rc = set_str(self, r, F_METRIC, f->metric, strlen(f->metric))) ||
        (rc = set_str(self, r, F_KIND, kind, strlen(kind))) ||
        (rc = set_str(self, r, F_UNIT, f->unit, strlen(f->unit))) ||
        (rc = set_str(self, r, F_PER, f->per, f->per ? strlen(f->per) : 0)) ||
        (rc = set_str(self, r, F_QUALIFIER, *q ? q : NULL, strlen(q))) ||
        (rc = set_str(self, r, F_PERIOD, f->period, f->period ? strlen(f->period) : 0)) ||
        (rc = set_str(self, r, F_TEXT, text, tl)) ||
        (rc = set_str(self, r, F_SENTENCE, sent, sl)) ||
        (rc = set_str(self, r, F_CUE, f->cue, strlen(f->cue))))
        goto fail;
    if ((self->field[F_LOW] >= 0 && (rc = h->set_float(r, self->field[F_LOW], f->low))) ||
        (self->field[F_HIGH] >= 0 && (rc = h->set_float(r, self->field[F_HIGH], f->high))) ||
        (self->field[F_SPAN_START] >= 0 &&
         (rc = h->set_int(r, self->field[F_SPAN_START], (int64_t)f->start_cp))) ||
        (self->field[F_SPAN_END] >= 0 &&
         (rc = h->set_int(r, self->field[F_SPAN_END], (int64_t)f->end_cp))) ||
        (self->field[F_EXTRACTED_AT] >= 0 &&
         (rc = h->set_timestamp(r, self->field[F_EXTRACTED_AT], d->now))))
        goto fail;
    free(text);
    free(sent);
    rc = h->emit(d->ctx, r); /* the record is the core's now, whatever rc */
    if (rc) {
        d->rc = rc;
        return 1;
    }
    d->facts++;
    return 0;
fail:
    free(text);
    free(sent);
    h->record_free(r);
    d->rc = rc;
    return 1;
}

/* Reads field name of record r into *v; returns 0 when present. */
static int get_field(const assay_host *h, const assay_record *r, const char *name, assay_value *v)
{
    const assay_stream *s = h->record_stream(r);
    int i = name ? h->stream_field_index(s, name) : -1;
    if (i < 0 || h->record_get(r, (size_t)i, v) != ASSAY_OK || v->type == ASSAY_T_NULL)
        return -1;
    return 0;
}

static assay_rc figures_process(void *selfp, assay_ctx *ctx, const assay_record *const *recs,
                                size_t n)
{
    figures_self *self = selfp;
    const assay_host *h = self->host;
    for (size_t k = 0; k < n; k++) {
        const assay_record *r = recs[k];
        assay_value text, id, date;
        if (get_field(h, r, self->text_field, &text) < 0 || text.type != ASSAY_T_STRING)
            continue; /* a document without text has no figures */
        doc_ctx d = {self, ctx, NULL, 0, h->now(), ASSAY_OK, 0};
        if (get_field(h, r, self->id_field, &id) == 0 && id.type == ASSAY_T_STRING) {
            d.doc_id = id.v.s;
            d.doc_id_len = id.len;
        }
        fig_doc_info info = {0, 0, 0};
        if (get_field(h, r, self->date_field, &date) == 0) {
            if (date.type == ASSAY_T_TIMESTAMP || date.type == ASSAY_T_DATE) {
                time_t t = date.type == ASSAY_T_DATE ? (time_t)(date.v.i * 86400)
                                                     : (time_t)(date.v.i / 1000000);
                struct tm tm;
                if (gmtime_r(&t, &tm)) {
                    info.year = tm.tm_year + 1900;
                    info.month = tm.tm_mon + 1;
                    info.day = tm.tm_mday;
                }
            } else if (date.type == ASSAY_T_STRING) {
                fig_parse_date(date.v.s, date.len, &info);
            }
        }
        int frc = fig_extract(self->eng, text.v.s, text.len, info.year ? &info : NULL, on_fact, &d);
        h->count(ctx, "documents", 1);
        h->count(ctx, "facts", d.facts);
        if (frc == FIG_STOPPED)
            return d.rc ? d.rc : ASSAY_ERR_STOPPED;
        if (frc)
            return h->fail(ctx, ASSAY_ERR_NOMEM, "figures: %s", fig_strerror(frc));
        if (h->should_stop(ctx))
            return ASSAY_ERR_STOPPED;
    }
    return ASSAY_OK;
}

static assay_rc figures_commit(void *self, assay_ctx *ctx, int final)
{
    (void)self;
    (void)ctx;
    (void)final;
    return ASSAY_OK;
}

static void figures_destroy(void *selfp)
{
    figures_self *self = selfp;
    if (!self)
        return;
    fig_engine_free(self->eng);
    free(self);
}

ASSAY_EXPORT const assay_plugin assay_plugin_descriptor = {
    ASSAY_PLUGIN_HEADER,
    .name = "figures",
    .kind = ASSAY_TRANSFORM,
    .version = "0.1.0",
    .description = "money, power, compute-unit counts and percentages in documents, attributed "
                   "to an entity, a metric and a period",
    .config = CONFIG,
    .streams = STREAMS,
    .create = figures_create,
    .run = NULL,
    .process = figures_process,
    .commit = figures_commit,
    .destroy = figures_destroy,
    .declare = NULL,
};
