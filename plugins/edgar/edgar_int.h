/*
 * edgar_int.h - the edgar plugin's own state, shared by its files:
 * edgar_plugin.c (descriptor, config, the run), edgar_http.c (polite
 * fetching), edgar_filings.c (documents) and edgar_xbrl.c (facts).
 */
#ifndef EDGAR_INT_H
#define EDGAR_INT_H

#include <assay/assay.h>

#include "edgar_facts.h"
#include "edgar_submissions.h"

#include <stddef.h>
#include <stdint.h>

/* SEC's fair-access rule, quoted where the plugin enforces it. */
#define SEC_RATE_RULE                                                                              \
    "SEC: \"Current guidelines limit each user to a total of no more than 10 requests per "        \
    "second, regardless of the number of machines used to submit requests.\""
#define SEC_UA_RULE                                                                                \
    "SEC's fair-access rules ask automated tools to declare who they are, with a contact, in "   \
    "the User-Agent header; its sample: \"User-Agent: Sample Company Name "                      \
    "AdminContact@<sample company domain>.com\" (https://www.sec.gov/os/accessing-edgar-data)"
#define SEC_MAX_RATE 10.0

typedef struct edgar {
    const assay_host *h;
    assay_ctx *ctx;

    /* config */
    const char *data_url, *archives_url, *tickers_url, *source;
    char *ua_header; /* "User-Agent: ..." or NULL */
    double max_rate;
    int64_t pause_s;     /* rate_limit_pause */
    int64_t since;       /* days; INT64_MIN when unset */
    int64_t max_filings; /* per company per run; 0: no limit */
    size_t max_doc_bytes;
    int want_filings, want_facts;
    char **forms;
    size_t nforms;
    char **exhibits;
    size_t nexhibits;
    xbrl_map map;
    char map_id[17];

    /* streams and field indexes */
    const assay_stream *docs, *facts, *xbrl;
    int d_id, d_url, d_source, d_kind, d_title, d_published, d_fetched, d_text, d_hash, d_cik,
        d_company, d_form, d_accession, d_filed;
    int f_id, f_doc, f_entity, f_metric, f_kind, f_low, f_high, f_unit, f_per, f_period, f_concept,
        f_cue, f_extracted;

    /* run */
    int blocked; /* SEC rate-limited us twice: no more requests this run */
} edgar;

/* ---- edgar_http.c ---- */

typedef struct edgar_resp {
    assay_rc rc; /* ASSAY_OK: a complete 2xx answer */
    long status; /* 0 when no answer came */
    char *body;  /* malloc'd, NUL-terminated; "" when none */
    size_t len;
    char content_type[96];
    char charset[48];
    char *error; /* malloc'd: what went wrong, for messages; NULL when ok */
    int rate_limited;
} edgar_resp;

/* Fetches urls[0..n) (many at once, within the rate), each answer copied
 * into out[i]. A rate-limit answer from SEC makes the plugin pause
 * rate_limit_pause seconds and try once more; a second one stops all its
 * requests for the rest of the run (they fail at once, saying why).
 * Returns ASSAY_OK (each answer's result is in out[i]) or
 * ASSAY_ERR_STOPPED. Free each out[i] with edgar_resp_free. */
assay_rc edgar_fetch(edgar *e, const char *const *urls, size_t n, size_t max_bytes,
                     edgar_resp *out);
void edgar_resp_free(edgar_resp *r);
/* One line about a failed answer: the service's message, plus what the
 * body was when there is one ("503 ...: an HTML page (\"...\")"). */
void edgar_resp_why(const edgar_resp *r, char *out, size_t outlen);

/* ---- edgar_plugin.c ---- */

/* Writes a dead letter {"cik": ..., "url": ...} with the reason (the
 * core logs it as a warning); counts it under `counter`. Returns what
 * dead_letter did. */
assay_rc edgar_problem(edgar *e, const char *counter, const char *cik, const char *url,
                       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* ---- edgar_filings.c ---- */

/* The documents of co's filings that match the config and were not seen
 * in earlier runs (the recent list is in filings; older pages are fetched
 * here when `since` reaches them). Returns ASSAY_OK, ASSAY_ERR_STOPPED,
 * or a fatal error. */
assay_rc edgar_filings_run(edgar *e, const edgar_company *co, edgar_filing_list *filings);

/* ---- edgar_xbrl.c ---- */

/* The facts of co that are new since the last run, fetched only when its
 * filings show a report the last companyfacts did not have. */
assay_rc edgar_xbrl_run(edgar *e, const edgar_company *co, const edgar_filing_list *filings);

/* The state key for co's facts watermark, in out. */
void edgar_xbrl_state_key(const edgar *e, const char *cik, char *out, size_t outlen);

#endif
