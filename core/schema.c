/*
 * schema.c - the standard stream schemas and stream resolution.
 *
 * The standard schemas are the warehouse's tables (DESIGN.md, "Streams").
 * They only grow: a field is appended, never renamed or retyped, because
 * sinks create columns from them and analysts query those columns.
 */
#include "schema.h"

#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEY (ASSAY_FIELD_KEY | ASSAY_FIELD_REQUIRED)
#define REQ ASSAY_FIELD_REQUIRED

static const assay_field documents_fields[] = {
    {"id", ASSAY_T_STRING, KEY, "stable id of the document (a hash of where it came from)"},
    {"url", ASSAY_T_STRING, 0, "where it came from (http(s):// or file://)"},
    {"source", ASSAY_T_STRING, 0, "the plugin instance or outlet that produced it"},
    {"kind", ASSAY_T_STRING, 0, "article or filing"},
    {"title", ASSAY_T_STRING, 0, "headline or filing title"},
    {"author", ASSAY_T_STRING, 0, "byline, when known"},
    {"published_at", ASSAY_T_TIMESTAMP, 0, "when it was published, UTC"},
    {"fetched_at", ASSAY_T_TIMESTAMP, 0, "when assay read it, UTC"},
    {"text", ASSAY_T_STRING, REQ, "the main text, UTF-8; fact offsets count code points in it"},
    {"content_hash", ASSAY_T_STRING, 0, "SHA-256 of text, hex"},
    {"cik", ASSAY_T_STRING, 0, "filings: the filer's SEC CIK"},
    {"company", ASSAY_T_STRING, 0, "filings: the filer's name"},
    {"form", ASSAY_T_STRING, 0, "filings: form type (8-K, 10-Q, ...)"},
    {"accession", ASSAY_T_STRING, 0, "filings: accession number"},
    {"filed_at", ASSAY_T_DATE, 0, "filings: the filing date"},
    {NULL, 0, 0, NULL}};

static const assay_field facts_fields[] = {
    {"fact_id", ASSAY_T_STRING, KEY, "stable hash of document, span and value"},
    {"doc_id", ASSAY_T_STRING, REQ, "the document the fact was read from"},
    {"entity", ASSAY_T_STRING, 0, "the organisation the figure belongs to"},
    {"counterparty", ASSAY_T_STRING, 0, "for a contract, the other side"},
    {"metric", ASSAY_T_STRING, 0, "capex, capex_guidance, power_capacity, contract_value, ..."},
    {"kind", ASSAY_T_STRING, REQ, "money, power, count or percent"},
    {"low", ASSAY_T_FLOAT, 0, "lower value in base units (USD, W, units, percent points)"},
    {"high", ASSAY_T_FLOAT, 0, "upper value; equal to low for a single value"},
    {"unit", ASSAY_T_STRING, 0, "USD or another ISO currency, W, the thing counted, %"},
    {"per", ASSAY_T_STRING, 0, "for a rate: month, year, GW, GW-year"},
    {"qualifier", ASSAY_T_STRING, 0, "about, over, under, up_to, nearly, at_least"},
    {"period", ASSAY_T_STRING, 0, "the year or years it is for (2026, 2025-2032)"},
    {"text", ASSAY_T_STRING, 0, "the figure as written"},
    {"sentence", ASSAY_T_STRING, 0, "the sentence it stands in"},
    {"span_start", ASSAY_T_INT, 0, "offset of text in the document, in code points"},
    {"span_end", ASSAY_T_INT, 0, "end offset (exclusive), in code points"},
    {"concept", ASSAY_T_STRING, 0, "XBRL facts: the concept (us-gaap:...)"},
    {"cue", ASSAY_T_STRING, 0, "what decided the metric and entity"},
    {"extracted_at", ASSAY_T_TIMESTAMP, 0, "when the fact was extracted, UTC"},
    {NULL, 0, 0, NULL}};

static const assay_field bars_fields[] = {
    {"symbol", ASSAY_T_STRING, KEY, "ticker"},
    {"date", ASSAY_T_DATE, KEY, "trading day"},
    {"open", ASSAY_T_FLOAT, 0, NULL},
    {"high", ASSAY_T_FLOAT, 0, NULL},
    {"low", ASSAY_T_FLOAT, 0, NULL},
    {"close", ASSAY_T_FLOAT, 0, NULL},
    {"adj_close", ASSAY_T_FLOAT, 0, "close adjusted for splits and dividends"},
    {"volume", ASSAY_T_INT, 0, NULL},
    {"source", ASSAY_T_STRING, KEY, "the feed the bar came from"},
    {NULL, 0, 0, NULL}};

static const assay_field runs_fields[] = {
    {"run_id", ASSAY_T_STRING, KEY, "unique id of the run"},
    {"pipeline", ASSAY_T_STRING, REQ, NULL},
    {"host", ASSAY_T_STRING, 0, NULL},
    {"started_at", ASSAY_T_TIMESTAMP, 0, NULL},
    {"finished_at", ASSAY_T_TIMESTAMP, 0, NULL},
    {"outcome", ASSAY_T_STRING, 0, "ok, partial, failed, interrupted"},
    {"counts", ASSAY_T_JSON, 0, "records per plugin and stream"},
    {NULL, 0, 0, NULL}};

static const assay_stream_def standard[] = {
    {"documents", documents_fields, "articles and filings, with their main text"},
    {"facts", facts_fields, "figures with their metric, entity and source span"},
    {"bars", bars_fields, "daily price bars"},
    {"runs", runs_fields, "one row per pipeline run"},
    {NULL, NULL, NULL}};

const assay_stream_def *schema_standard(const char *name)
{
    for (const assay_stream_def *d = standard; d->name; d++)
        if (strcmp(d->name, name) == 0)
            return d;
    return NULL;
}

const char *const *schema_standard_names(void)
{
    static const char *const names[] = {"documents", "facts", "bars", "runs", NULL};
    return names;
}

int ident_valid(const char *s)
{
    size_t n = 0;
    if (!s || !*s || !((*s >= 'a' && *s <= 'z') || *s == '_'))
        return 0;
    for (; s[n]; n++)
        if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') || s[n] == '_'))
            return 0;
    return n <= 63;
}

assay_stream *stream_resolve(const assay_stream_def *def, const char *owner, char *err,
                             size_t errlen)
{
    const assay_field *fields = def->fields;
    if (!def->name || !ident_valid(def->name)) {
        snprintf(err, errlen, "stream name '%s' is not an identifier ([a-z_][a-z0-9_]*)",
                 def->name ? def->name : "(null)");
        return NULL;
    }
    if (!fields) {
        const assay_stream_def *std = schema_standard(def->name);
        if (!std) {
            snprintf(err, errlen,
                     "stream '%s' declares no fields and is not a standard stream "
                     "(documents, facts, bars, runs)",
                     def->name);
            return NULL;
        }
        fields = std->fields;
    }
    size_t n = 0;
    while (fields[n].name)
        n++;
    if (n == 0) {
        snprintf(err, errlen, "stream '%s' has no fields", def->name);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        if (!ident_valid(fields[i].name)) {
            snprintf(err, errlen, "stream '%s': field name '%s' is not an identifier", def->name,
                     fields[i].name);
            return NULL;
        }
        if (fields[i].type < ASSAY_T_STRING || fields[i].type > ASSAY_T_DATE) {
            snprintf(err, errlen, "stream '%s': field '%s' has unknown type %d", def->name,
                     fields[i].name, (int)fields[i].type);
            return NULL;
        }
        for (size_t j = 0; j < i; j++)
            if (strcmp(fields[i].name, fields[j].name) == 0) {
                snprintf(err, errlen, "stream '%s': field '%s' is declared twice", def->name,
                         fields[i].name);
                return NULL;
            }
    }
    assay_stream *s = xcalloc(1, sizeof *s);
    s->name = xstrdup(def->name);
    s->owner = owner ? xstrdup(owner) : NULL;
    s->nfields = n;
    s->fields = xcalloc(n, sizeof *s->fields);
    for (size_t i = 0; i < n; i++) {
        s->fields[i].name = xstrdup(fields[i].name);
        s->fields[i].type = fields[i].type;
        s->fields[i].flags = fields[i].flags;
        s->fields[i].help = fields[i].help ? xstrdup(fields[i].help) : NULL;
    }
    return s;
}

void stream_free(assay_stream *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nfields; i++) {
        free((char *)s->fields[i].name);
        free((char *)s->fields[i].help);
    }
    free(s->fields);
    free(s->name);
    free(s->owner);
    free(s);
}

int stream_field_index(const assay_stream *s, const char *name)
{
    for (size_t i = 0; i < s->nfields; i++)
        if (strcmp(s->fields[i].name, name) == 0)
            return (int)i;
    return -1;
}

int stream_same_schema(const assay_stream *a, const assay_stream *b)
{
    if (a->nfields != b->nfields)
        return 0;
    for (size_t i = 0; i < a->nfields; i++)
        if (strcmp(a->fields[i].name, b->fields[i].name) != 0 ||
            a->fields[i].type != b->fields[i].type)
            return 0;
    return 1;
}

const char *type_name(assay_type t)
{
    switch (t) {
    case ASSAY_T_NULL: return "null";
    case ASSAY_T_STRING: return "string";
    case ASSAY_T_INT: return "int";
    case ASSAY_T_FLOAT: return "float";
    case ASSAY_T_BOOL: return "bool";
    case ASSAY_T_TIMESTAMP: return "timestamp";
    case ASSAY_T_JSON: return "json";
    case ASSAY_T_DATE: return "date";
    }
    return "unknown";
}

const char *cfg_type_name(assay_cfg_type t)
{
    switch (t) {
    case ASSAY_CFG_STRING: return "string";
    case ASSAY_CFG_INT: return "integer";
    case ASSAY_CFG_FLOAT: return "number";
    case ASSAY_CFG_BOOL: return "boolean";
    case ASSAY_CFG_LIST: return "list of strings";
    case ASSAY_CFG_JSON: return "JSON value";
    }
    return "unknown";
}

const char *kind_name(assay_kind k)
{
    switch (k) {
    case ASSAY_SOURCE: return "source";
    case ASSAY_TRANSFORM: return "transform";
    case ASSAY_SINK: return "sink";
    }
    return "unknown";
}
