/*
 * edgar_plugin.c - the `edgar` source: SEC EDGAR filings and XBRL facts
 * for a list of companies (CIKs or tickers).
 *
 * A run resolves tickers to CIKs (company_tickers.json, cached in state),
 * then for each company reads its submissions file, emits the filings
 * not seen before as documents (edgar_filings.c) and the XBRL facts that
 * are new as facts (edgar_xbrl.c). A company whose data cannot be read
 * costs a warning and a dead letter; the others go on.
 *
 * State keys: "ticker:<T>" (the CIK), "filing:<accession>" (a filing
 * already emitted), "facts:<cik>:<map id>" (what companyfacts held last
 * time). Each is put only after the records it covers were emitted.
 */
#include "edgar_int.h"

#include "edgar_tickers.h"
#include "edgar_util.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_CONCEPTS                                                                           \
    "{\"us-gaap:PaymentsToAcquirePropertyPlantAndEquipment\": \"capex\", "                         \
    "\"us-gaap:PaymentsToAcquireProductiveAssets\": \"capex\", "                                   \
    "\"us-gaap:Revenues\": \"revenue\", "                                                          \
    "\"us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax\": \"revenue\", "               \
    "\"us-gaap:PropertyPlantAndEquipmentNet\": \"ppe_net\", "                                      \
    "\"us-gaap:PropertyPlantAndEquipmentGross\": \"ppe_gross\"}"

/* ---- problems ---- */

assay_rc edgar_problem(edgar *e, const char *counter, const char *cik, const char *url,
                       const char *fmt, ...)
{
    char reason[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    json_t *what = json_object();
    if (cik)
        json_object_set_new(what, "cik", json_string(cik));
    if (url)
        json_object_set_new(what, "url", json_string(url));
    char *detail = json_dumps(what, JSON_COMPACT);
    json_decref(what);
    assay_rc rc = e->h->dead_letter(e->ctx, NULL, detail, reason);
    free(detail);
    e->h->count(e->ctx, counter, 1);
    return rc;
}

/* ---- config ---- */

/* Everything about the config that can be checked before a run; shared
 * by check() (so `assay check` reports it, at the entry's position) and
 * create() (so a run refuses it before any request). */
static assay_rc check_config(const assay_host *h, assay_ctx *ctx)
{
    const char *urls[] = {h->cfg_string(ctx, "data_url"), h->cfg_string(ctx, "archives_url"),
                          h->cfg_string(ctx, "tickers_url")};
    const char *keys[] = {"data_url", "archives_url", "tickers_url"};
    int sec = 0;
    for (int i = 0; i < 3; i++) {
        if (!urls[i] ||
            (strncmp(urls[i], "http://", 7) != 0 && strncmp(urls[i], "https://", 8) != 0))
            return h->fail(ctx, ASSAY_ERR_CONFIG, "%s must be an http:// or https:// URL, not '%s'",
                           keys[i], urls[i] ? urls[i] : "");
        sec |= edgar_is_sec_url(urls[i]);
    }
    const char *ua = h->cfg_string(ctx, "user_agent");
    if (sec && (!ua || !edgar_has_email(ua)))
        return h->fail(ctx, ASSAY_ERR_CONFIG,
                       "edgar refuses to send requests to sec.gov without a contact e-mail in "
                       "user_agent (now %s%s%s). " SEC_UA_RULE
                       ". Set \"user_agent\": \"Your Name or Company you@example.com\" "
                       "(for example from ${SEC_CONTACT})",
                       ua ? "'" : "", ua ? ua : "unset", ua ? "'" : "");
    if (ua && (strchr(ua, '\r') || strchr(ua, '\n')))
        return h->fail(ctx, ASSAY_ERR_CONFIG, "user_agent must be one line");
    double rate = h->cfg_float(ctx, "max_rate");
    if (!(rate > 0))
        return h->fail(ctx, ASSAY_ERR_CONFIG, "max_rate must be more than 0 requests per second");
    if (sec && rate > SEC_MAX_RATE)
        return h->fail(ctx, ASSAY_ERR_CONFIG,
                       "max_rate %g is over SEC's limit. " SEC_RATE_RULE " Use 10 or less", rate);
    if (h->cfg_int(ctx, "rate_limit_pause") < 0)
        return h->fail(ctx, ASSAY_ERR_CONFIG, "rate_limit_pause must be 0 or more seconds");
    if (h->cfg_int(ctx, "max_filings") < 0)
        return h->fail(ctx, ASSAY_ERR_CONFIG, "max_filings must be 0 (no limit) or more");
    if (h->cfg_int(ctx, "max_doc_bytes") < 1024)
        return h->fail(ctx, ASSAY_ERR_CONFIG, "max_doc_bytes must be at least 1024");
    const char *since = h->cfg_string(ctx, "since");
    int64_t d;
    if (since && *since && edgar_parse_date(since, strlen(since), &d) != 0)
        return h->fail(ctx, ASSAY_ERR_CONFIG, "since must be a date YYYY-MM-DD, not '%s'", since);
    size_t n = h->cfg_list_len(ctx, "companies");
    if (n == 0)
        return h->fail(ctx, ASSAY_ERR_CONFIG,
                       "companies is empty: list CIKs (\"1045810\") or tickers (\"NVDA\")");
    for (size_t i = 0; i < n; i++) {
        const char *c = h->cfg_list_item(ctx, "companies", i);
        char cik[11];
        if (edgar_cik10(c, cik) != 0 && !edgar_is_ticker(c))
            return h->fail(ctx, ASSAY_ERR_CONFIG,
                           "companies: '%s' is neither a CIK (up to 10 digits) nor a ticker", c);
    }
    for (size_t i = 0; i < h->cfg_list_len(ctx, "forms"); i++)
        if (!*h->cfg_list_item(ctx, "forms", i))
            return h->fail(ctx, ASSAY_ERR_CONFIG, "forms: an empty form type");
    xbrl_map map;
    char err[300];
    if (xbrl_map_parse(h->cfg_json(ctx, "concepts"), &map, err, sizeof err) != 0)
        return h->fail(ctx, ASSAY_ERR_CONFIG, "%s", err);
    xbrl_map_free(&map);
    return ASSAY_OK;
}

static assay_rc edgar_check(const assay_host *h, assay_ctx *ctx)
{
    return check_config(h, ctx);
}

static char **copy_list(const assay_host *h, assay_ctx *ctx, const char *key, size_t *n)
{
    *n = h->cfg_list_len(ctx, key);
    char **v = calloc(*n + 1, sizeof *v);
    for (size_t i = 0; v && i < *n; i++)
        if (!(v[i] = strdup(h->cfg_list_item(ctx, key, i))))
            return NULL; /* freed with the rest by destroy (n known) */
    return v;
}

static int field(const assay_host *h, const assay_stream *s, const char *name)
{
    return s ? h->stream_field_index(s, name) : -1;
}

static assay_rc edgar_create(const assay_host *h, assay_ctx *ctx, void **self)
{
    edgar *e = calloc(1, sizeof *e);
    if (!e)
        return h->fail(ctx, ASSAY_ERR_NOMEM, "out of memory");
    *self = e;
    e->h = h;
    e->ctx = ctx;
    assay_rc rc = check_config(h, ctx);
    if (rc)
        return rc;
    e->data_url = h->cfg_string(ctx, "data_url");
    e->archives_url = h->cfg_string(ctx, "archives_url");
    e->tickers_url = h->cfg_string(ctx, "tickers_url");
    e->source = h->cfg_isset(ctx, "source") ? h->cfg_string(ctx, "source") : h->instance_id(ctx);
    const char *ua = h->cfg_string(ctx, "user_agent");
    if (ua && *ua) {
        size_t n = strlen(ua) + 16;
        if (!(e->ua_header = malloc(n)))
            return h->fail(ctx, ASSAY_ERR_NOMEM, "out of memory");
        snprintf(e->ua_header, n, "User-Agent: %s", ua);
    }
    e->max_rate = h->cfg_float(ctx, "max_rate"); /* over 10 only for hosts not SEC's (checked) */
    e->pause_s = h->cfg_int(ctx, "rate_limit_pause");
    e->max_filings = h->cfg_int(ctx, "max_filings");
    e->max_doc_bytes = (size_t)h->cfg_int(ctx, "max_doc_bytes");
    e->want_filings = h->cfg_bool(ctx, "filings");
    e->want_facts = h->cfg_bool(ctx, "facts");
    const char *since = h->cfg_string(ctx, "since");
    e->since = INT64_MIN;
    if (since && *since)
        edgar_parse_date(since, strlen(since), &e->since);
    e->forms = copy_list(h, ctx, "forms", &e->nforms);
    e->exhibits = copy_list(h, ctx, "exhibits", &e->nexhibits);
    char err[300];
    if (!e->forms || !e->exhibits)
        return h->fail(ctx, ASSAY_ERR_NOMEM, "out of memory");
    if (xbrl_map_parse(h->cfg_json(ctx, "concepts"), &e->map, err, sizeof err) != 0)
        return h->fail(ctx, ASSAY_ERR_CONFIG, "%s", err);
    xbrl_map_id(&e->map, e->map_id);

    e->docs = h->stream(ctx, "documents");
    e->facts = h->stream(ctx, "facts");
    e->d_id = field(h, e->docs, "id");
    e->d_url = field(h, e->docs, "url");
    e->d_source = field(h, e->docs, "source");
    e->d_kind = field(h, e->docs, "kind");
    e->d_title = field(h, e->docs, "title");
    e->d_published = field(h, e->docs, "published_at");
    e->d_fetched = field(h, e->docs, "fetched_at");
    e->d_text = field(h, e->docs, "text");
    e->d_hash = field(h, e->docs, "content_hash");
    e->d_cik = field(h, e->docs, "cik");
    e->d_company = field(h, e->docs, "company");
    e->d_form = field(h, e->docs, "form");
    e->d_accession = field(h, e->docs, "accession");
    e->d_filed = field(h, e->docs, "filed_at");
    e->f_id = field(h, e->facts, "fact_id");
    e->f_doc = field(h, e->facts, "doc_id");
    e->f_entity = field(h, e->facts, "entity");
    e->f_metric = field(h, e->facts, "metric");
    e->f_kind = field(h, e->facts, "kind");
    e->f_low = field(h, e->facts, "low");
    e->f_high = field(h, e->facts, "high");
    e->f_unit = field(h, e->facts, "unit");
    e->f_per = field(h, e->facts, "per");
    e->f_period = field(h, e->facts, "period");
    e->f_concept = field(h, e->facts, "concept");
    e->f_cue = field(h, e->facts, "cue");
    e->f_extracted = field(h, e->facts, "extracted_at");
    e->xbrl = h->stream(ctx, "xbrl");
    return ASSAY_OK;
}

/* ---- the run ---- */

/* CIKs for the configured companies, tickers resolved (state first, then
 * one fetch of company_tickers.json for the rest). Unknown tickers are
 * dead-lettered. Returns the list (ciks[i][0] == '\0' for a company that
 * cannot be run) or NULL when out of memory. */
static char (*resolve_companies(edgar *e, size_t *n, assay_rc *rc))[11]
{
    const assay_host *h = e->h;
    *n = h->cfg_list_len(e->ctx, "companies");
    *rc = ASSAY_OK;
    char(*ciks)[11] = calloc(*n + 1, sizeof *ciks);
    const char **todo = calloc(*n + 1, sizeof *todo);
    size_t *where = calloc(*n + 1, sizeof *where);
    size_t ntodo = 0;
    if (!ciks || !todo || !where) {
        free(ciks), free(todo), free(where);
        *rc = h->fail(e->ctx, ASSAY_ERR_NOMEM, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < *n; i++) {
        const char *c = h->cfg_list_item(e->ctx, "companies", i);
        if (edgar_cik10(c, ciks[i]) == 0)
            continue;
        char key[64];
        snprintf(key, sizeof key, "ticker:%s", c);
        char *cached = h->state_get(e->ctx, key);
        if (cached && edgar_cik10(cached, ciks[i]) == 0) {
            h->free(cached);
            continue;
        }
        h->free(cached);
        todo[ntodo] = c;
        where[ntodo++] = i;
    }
    if (ntodo) {
        edgar_resp r;
        const char *url = e->tickers_url;
        *rc = edgar_fetch(e, &url, 1, 0, &r);
        char(*found)[11] = calloc(ntodo, sizeof *found);
        char err[700] = "";
        int ok = *rc == ASSAY_OK && found && r.rc == ASSAY_OK;
        if (*rc == ASSAY_OK && found && r.rc != ASSAY_OK)
            edgar_resp_why(&r, err, sizeof err);
        if (ok && edgar_tickers_find(r.body, r.len, r.content_type, todo, ntodo, found, err,
                                     sizeof err) != 0)
            ok = 0;
        for (size_t k = 0; k < ntodo && *rc == ASSAY_OK; k++) {
            if (!ok) {
                *rc = edgar_problem(e, "company_errors", NULL, url,
                                    "ticker %s: cannot read SEC's ticker list %s: %s", todo[k], url,
                                    err);
            } else if (!found[k][0]) {
                *rc = edgar_problem(e, "company_errors", NULL, url,
                                    "ticker %s is not in SEC's ticker list %s: check the spelling, "
                                    "or give the company's CIK instead",
                                    todo[k], url);
            } else {
                char key[64];
                snprintf(key, sizeof key, "ticker:%s", todo[k]);
                memcpy(ciks[where[k]], found[k], 11);
                h->state_put(e->ctx, key, found[k]);
                h->log(e->ctx, ASSAY_LOG_DEBUG, "ticker %s is CIK %s", todo[k], found[k]);
            }
        }
        free(found);
        edgar_resp_free(&r);
    }
    free(todo);
    free(where);
    return ciks;
}

/* One company: its submissions file, then filings and facts. Returns
 * ASSAY_OK when the run may go on with the next company. */
static assay_rc run_company(edgar *e, const char *cik)
{
    char url[1024];
    snprintf(url, sizeof url, "%s/submissions/CIK%s.json", e->data_url, cik);
    const char *u = url;
    edgar_resp r;
    assay_rc rc = edgar_fetch(e, &u, 1, 0, &r);
    if (rc) {
        edgar_resp_free(&r);
        return rc;
    }
    char err[1200];
    if (r.rc != ASSAY_OK) {
        edgar_resp_why(&r, err, sizeof err);
        rc = edgar_problem(e, "company_errors", cik, url,
                           "CIK %s: cannot read its submissions (%s)%s", cik, err,
                           r.status == 404 ? ": no such company on EDGAR? check the CIK" : "");
        edgar_resp_free(&r);
        return rc;
    }
    edgar_company co;
    edgar_filing_list filings = {0};
    if (edgar_parse_submissions(r.body, r.len, r.content_type, &co, &filings, err, sizeof err) !=
        0) {
        rc = edgar_problem(e, "company_errors", cik, url, "CIK %s: %s: %s", cik, url, err);
        edgar_resp_free(&r);
        edgar_filing_list_free(&filings);
        return rc;
    }
    edgar_resp_free(&r);
    e->h->count(e->ctx, "companies", 1);
    if (filings.bad_rows)
        e->h->log(e->ctx, ASSAY_LOG_WARN, "%s (CIK %s): %zu filing rows skipped in %s; first: %s",
                  co.name, cik, filings.bad_rows, url, filings.first_bad);
    if (filings.n == 0 && co.npages == 0) {
        rc =
            edgar_problem(e, "company_errors", cik, url,
                          "%s (CIK %s) has no filings on EDGAR (%s lists none)", co.name, cik, url);
    } else {
        if (e->want_filings)
            rc = edgar_filings_run(e, &co, &filings);
        if (rc == ASSAY_OK && e->want_facts && !e->h->should_stop(e->ctx))
            rc = edgar_xbrl_run(e, &co, &filings);
    }
    edgar_company_free(&co);
    edgar_filing_list_free(&filings);
    return rc;
}

static assay_rc edgar_run(void *self, assay_ctx *ctx)
{
    edgar *e = self;
    size_t n = 0;
    assay_rc rc;
    char(*ciks)[11] = resolve_companies(e, &n, &rc);
    if (!ciks)
        return rc;
    for (size_t i = 0; i < n && rc == ASSAY_OK && !e->h->should_stop(ctx); i++) {
        if (!ciks[i][0])
            continue;
        size_t j = 0; /* a company named twice (CIK and ticker) runs once */
        while (j < i && strcmp(ciks[j], ciks[i]) != 0)
            j++;
        if (j < i)
            continue;
        rc = run_company(e, ciks[i]);
    }
    free(ciks);
    if (rc == ASSAY_ERR_STOPPED)
        return ASSAY_OK;
    return rc;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}

static void edgar_destroy(void *self)
{
    edgar *e = self;
    if (!e)
        return;
    free(e->ua_header);
    free_list(e->forms, e->nforms);
    free_list(e->exhibits, e->nexhibits);
    xbrl_map_free(&e->map);
    free(e);
}

/* ---- the descriptor ---- */

static const assay_config_key edgar_config[] = {
    {"companies", ASSAY_CFG_LIST, 1, NULL,
     "companies to follow: CIKs (\"1045810\") or tickers (\"NVDA\", looked up in SEC's "
     "company_tickers.json once and kept in state)"},
    {"user_agent", ASSAY_CFG_STRING, 0, NULL,
     "User-Agent sent to SEC, with a contact e-mail (\"Acme Research ops@acme.example\"); "
     "required against sec.gov"},
    {"forms", ASSAY_CFG_LIST, 0, "[\"8-K\", \"8-K/A\", \"10-K\", \"10-K/A\", \"10-Q\", \"10-Q/A\"]",
     "form types whose filings become documents (exact names; amendments end in /A)"},
    {"since", ASSAY_CFG_STRING, 0, NULL,
     "only filings filed on or after this date (YYYY-MM-DD); older-filings pages are read only "
     "when they reach it. Unset: every filing EDGAR lists"},
    {"exhibits", ASSAY_CFG_LIST, 0, "[\"EX-99\"]",
     "exhibit types fetched from 8-K filings as documents of their own (prefixes: EX-99 takes "
     "EX-99.1, EX-99.2, ...); [] for none"},
    {"filings", ASSAY_CFG_BOOL, 0, "true", "emit filings as documents"},
    {"facts", ASSAY_CFG_BOOL, 0, "true",
     "emit XBRL company facts for the mapped concepts as facts"},
    {"concepts", ASSAY_CFG_JSON, 0, DEFAULT_CONCEPTS,
     "XBRL concepts to read, each to the metric it counts as: {\"us-gaap:Concept\": \"metric\"}"},
    {"max_filings", ASSAY_CFG_INT, 0, "0",
     "most new filings per company in one run, newest first (0: no limit); the rest come next run"},
    {"max_doc_bytes", ASSAY_CFG_INT, 0, "67108864", "largest filing document fetched"},
    {"max_rate", ASSAY_CFG_FLOAT, 0, "10",
     "requests per second to each host, at most 10 to SEC (its fair-access limit)"},
    {"rate_limit_pause", ASSAY_CFG_INT, 0, "600",
     "seconds to pause when SEC answers 'Request Rate Threshold Exceeded' before one more try; a "
     "second such answer ends this run's requests"},
    {"data_url", ASSAY_CFG_STRING, 0, "\"https://data.sec.gov\"",
     "base URL of submissions and companyfacts JSON"},
    {"archives_url", ASSAY_CFG_STRING, 0, "\"https://www.sec.gov\"",
     "base URL of filing documents and index pages (/Archives/edgar/data/...)"},
    {"tickers_url", ASSAY_CFG_STRING, 0, "\"https://www.sec.gov/files/company_tickers.json\"",
     "SEC's ticker to CIK list"},
    {"source", ASSAY_CFG_STRING, 0, NULL, "documents.source (default: this entry's id)"},
    {NULL, 0, 0, NULL, NULL}};

static const assay_field xbrl_fields[] = {
    {"fact_id", ASSAY_T_STRING, ASSAY_FIELD_KEY | ASSAY_FIELD_REQUIRED,
     "the same fact_id as the row on the facts stream"},
    {"cik", ASSAY_T_STRING, ASSAY_FIELD_REQUIRED, "the filer's CIK, ten digits"},
    {"entity", ASSAY_T_STRING, 0, "entityName"},
    {"taxonomy", ASSAY_T_STRING, 0, "us-gaap, dei, ifrs-full, ..."},
    {"concept", ASSAY_T_STRING, 0, "the XBRL concept"},
    {"metric", ASSAY_T_STRING, 0, "what the concept counts as (concepts config)"},
    {"unit", ASSAY_T_STRING, 0, "the XBRL unit: USD, USD/shares, shares, ..."},
    {"value", ASSAY_T_FLOAT, 0, NULL},
    {"value_text", ASSAY_T_STRING, 0, "the value exactly as SEC gives it"},
    {"period_start", ASSAY_T_DATE, 0, "null for an instant (a balance)"},
    {"period_end", ASSAY_T_DATE, 0, NULL},
    {"fiscal_year", ASSAY_T_INT, 0, "worked out from the period and the fiscal year end"},
    {"period", ASSAY_T_STRING, 0, "2026, 2026-Q1, 2026-H1, 2026-9M or start..end"},
    {"fy", ASSAY_T_INT, 0, "fiscal year of the reporting filing, as SEC lists it"},
    {"fp", ASSAY_T_STRING, 0, "fiscal period of the reporting filing, as SEC lists it"},
    {"form", ASSAY_T_STRING, 0, "form of the filing that first reported the value"},
    {"accession", ASSAY_T_STRING, 0, "that filing's accession number"},
    {"filed", ASSAY_T_DATE, 0, "that filing's date"},
    {"restates", ASSAY_T_BOOL, 0, "an earlier filing gave another value for this period"},
    {"restated_value", ASSAY_T_STRING, 0, "that earlier value"},
    {"restated_accession", ASSAY_T_STRING, 0, "and its filing"},
    {NULL, 0, 0, NULL}};

static const assay_stream_def edgar_streams[] = {
    {"documents", NULL, "filings (primary documents and 8-K press-release exhibits), plain text"},
    {"facts", NULL, "XBRL facts of the mapped concepts, one row per distinct value and period"},
    {"xbrl", xbrl_fields, "the same XBRL facts with every detail in typed columns"},
    {NULL, NULL, NULL}};

ASSAY_EXPORT const assay_plugin assay_plugin_descriptor = {
    ASSAY_PLUGIN_HEADER,
    .name = "edgar",
    .kind = ASSAY_SOURCE,
    .version = "1.0.0",
    .description = "SEC EDGAR: filings as documents and XBRL company facts (capex, revenue, PP&E)",
    .config = edgar_config,
    .streams = edgar_streams,
    .create = edgar_create,
    .run = edgar_run,
    .destroy = edgar_destroy,
    .check = edgar_check,
};
