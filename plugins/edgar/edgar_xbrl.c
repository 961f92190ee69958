/*
 * edgar_xbrl.c - a company's XBRL facts (companyfacts) as facts rows.
 *
 * companyfacts is a large file that changes only when the company files
 * a report with financial statements, and data.sec.gov sends no
 * validators for a conditional GET. So it is fetched on a company's
 * first run, and afterwards only when the submissions file lists a
 * 10-K/10-Q-like XBRL filing that the last companyfacts did not contain
 * (for FACTS_LAG_DAYS after its filing date, since SEC adds it to
 * companyfacts some time after the filing appears).
 *
 * State "facts:<cik>:<map id>" = "<date> <accession>,<accession>...": the
 * newest filing date in the last companyfacts read and the filings of
 * that day. A row is new when its first filing is newer than that. The
 * map id changes with the concepts config, so a new concept is read from
 * its beginning.
 */
#include "edgar_int.h"

#include "edgar_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FACTS_LAG_DAYS 14

/* Forms that carry financial statements into companyfacts. */
static int is_report(const char *form)
{
    static const char *const forms[] = {"10-K", "10-Q", "10-KT", "10-QT", "20-F", "40-F", NULL};
    for (const char *const *f = forms; *f; f++) {
        size_t n = strlen(*f);
        if (strncmp(form, *f, n) == 0 && (form[n] == '\0' || strcmp(form + n, "/A") == 0))
            return 1;
    }
    return 0;
}

void edgar_xbrl_state_key(const edgar *e, const char *cik, char *out, size_t outlen)
{
    snprintf(out, outlen, "facts:%s:%s", cik, e->map_id);
}

/* The watermark from state: *last (INT64_MIN when none) and the
 * accessions of that day as one comma-separated string (malloc'd). */
static char *read_mark(edgar *e, const char *key, int64_t *last)
{
    *last = INT64_MIN;
    char *v = e->h->state_get(e->ctx, key);
    if (!v)
        return NULL;
    char *acc = NULL;
    if (strlen(v) >= 10 && edgar_parse_date(v, 10, last) == 0)
        acc = strdup(v[10] == ' ' ? v + 11 : "");
    else
        *last = INT64_MIN;
    e->h->free(v);
    return acc;
}

static int in_list(const char *list, const char *acc)
{
    size_t n = strlen(acc);
    for (const char *p = list ? strstr(list, acc) : NULL; p; p = strstr(p + 1, acc))
        if ((p == list || p[-1] == ',') && (p[n] == '\0' || p[n] == ','))
            return 1;
    return 0;
}

static int is_new(int64_t filed, const char *acc, int64_t last, const char *last_acc)
{
    return last == INT64_MIN || filed > last || (filed == last && !in_list(last_acc, acc));
}

/* facts.kind, unit, per and the scale of a companyfacts unit. */
static void unit_kind(const char *xunit, const char **kind, char *unit, size_t unitlen,
                      const char **per, double *scale)
{
    const char *slash = strchr(xunit, '/');
    size_t base = slash ? (size_t)(slash - xunit) : strlen(xunit);
    int currency = base == 3;
    for (size_t i = 0; i < base && currency; i++)
        currency = xunit[i] >= 'A' && xunit[i] <= 'Z';
    *per = NULL;
    *scale = 1;
    if (currency) {
        *kind = "money";
        snprintf(unit, unitlen, "%.*s", (int)base, xunit);
        if (slash)
            *per = strcasecmp(slash + 1, "shares") == 0 ? "share" : slash + 1;
    } else if (strcmp(xunit, "pure") == 0) {
        *kind = "percent";
        snprintf(unit, unitlen, "%%");
        *scale = 100; /* XBRL ratios are fractions; percent facts are points */
    } else if (strcmp(xunit, "shares") == 0) {
        *kind = "count";
        snprintf(unit, unitlen, "share");
    } else {
        *kind = "count";
        snprintf(unit, unitlen, "%s", xunit);
    }
}

static void fact_id(edgar *e, const char *cik, const xbrl_row *r, char out[65])
{
    char buf[512], a[11] = "", b[11];
    if (r->start != INT64_MIN)
        edgar_format_date(r->start, a);
    edgar_format_date(r->end, b);
    int n = snprintf(buf, sizeof buf, "xbrl|%s|%s:%s|%s|%s|%s|%s", cik, r->concept->taxonomy,
                     r->concept->name, r->unit, a, b, r->value_text);
    e->h->sha256_hex(buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1, out);
}

static void cue_text(const xbrl_row *r, char *out, size_t outlen)
{
    char a[11] = "", b[11], filed[11], fy[64] = "";
    if (r->start != INT64_MIN)
        edgar_format_date(r->start, a);
    edgar_format_date(r->end, b);
    edgar_format_date(r->filed, filed);
    if (r->fy || *r->fp)
        snprintf(fy, sizeof fy, "; SEC lists fy %d fp %s", r->fy, *r->fp ? r->fp : "-");
    int n = snprintf(out, outlen, "XBRL %s:%s, %s%s%s, %s %s filed %s%s", r->concept->taxonomy,
                     r->concept->name, r->start != INT64_MIN ? a : "as of ",
                     r->start != INT64_MIN ? ".." : "", b, *r->form ? r->form : "filing",
                     r->accession, filed, fy);
    if (r->restates && n > 0 && (size_t)n < outlen)
        snprintf(out + n, outlen - (size_t)n, "; restates %s reported in %s%s", r->prev_value,
                 r->prev_accession, r->rounding ? " (a rounding of it)" : "");
}

static assay_rc emit_fact(edgar *e, const xbrl_facts *xf, const xbrl_row *r)
{
    const assay_host *h = e->h;
    char id[65], unit[40], cue[600], concept[300];
    const char *kind, *per;
    double scale;
    fact_id(e, xf->cik, r, id);
    unit_kind(r->unit, &kind, unit, sizeof unit, &per, &scale);
    cue_text(r, cue, sizeof cue);
    snprintf(concept, sizeof concept, "%s:%s", r->concept->taxonomy, r->concept->name);
    double v = r->value * scale;
    assay_record *rec = h->record_new(e->ctx, e->facts);
    if (!rec)
        return h->fail(e->ctx, ASSAY_ERR_NOMEM, "out of memory");
    assay_rc rc = h->set_string(rec, e->f_id, id, 64);
    if (!rc)
        rc = h->set_string(rec, e->f_doc, r->accession, strlen(r->accession));
    if (!rc)
        rc = h->set_string(rec, e->f_entity, xf->entity, strlen(xf->entity));
    if (!rc)
        rc = h->set_string(rec, e->f_metric, r->concept->metric, strlen(r->concept->metric));
    if (!rc)
        rc = h->set_string(rec, e->f_kind, kind, strlen(kind));
    if (!rc)
        rc = h->set_float(rec, e->f_low, v);
    if (!rc)
        rc = h->set_float(rec, e->f_high, v);
    if (!rc)
        rc = h->set_string(rec, e->f_unit, unit, strlen(unit));
    if (!rc && per)
        rc = h->set_string(rec, e->f_per, per, strlen(per));
    if (!rc)
        rc = h->set_string(rec, e->f_period, r->period, strlen(r->period));
    if (!rc)
        rc = h->set_string(rec, e->f_concept, concept, strlen(concept));
    if (!rc)
        rc = h->set_string(rec, e->f_cue, cue, strlen(cue));
    if (!rc)
        rc = h->set_timestamp(rec, e->f_extracted, h->now());
    if (rc) {
        char msg[600];
        snprintf(msg, sizeof msg, "%s", h->error_message(e->ctx));
        h->record_free(rec);
        return edgar_problem(e, "fact_errors", xf->cik, NULL, "%s %s %s: cannot make a fact: %s",
                             xf->entity, concept, r->period, msg);
    }
    rc = h->emit(e->ctx, rec);
    if (rc == ASSAY_OK)
        h->count(e->ctx, "facts", 1);
    return rc == ASSAY_ERR_SCHEMA ? ASSAY_OK : rc;
}

/* The same row with every detail typed, on the xbrl stream. */
static assay_rc emit_xbrl(edgar *e, const xbrl_facts *xf, const xbrl_row *r)
{
    const assay_host *h = e->h;
    const assay_stream *s = e->xbrl;
    char id[65];
    fact_id(e, xf->cik, r, id);
    assay_record *rec = h->record_new(e->ctx, s);
    if (!rec)
        return h->fail(e->ctx, ASSAY_ERR_NOMEM, "out of memory");
#define F(name) h->stream_field_index(s, name)
#define STR(name, v) (rc ? rc : h->set_string(rec, F(name), (v), strlen(v)))
    assay_rc rc = ASSAY_OK;
    rc = STR("fact_id", id);
    rc = STR("cik", xf->cik);
    rc = STR("entity", xf->entity);
    rc = STR("taxonomy", r->concept->taxonomy);
    rc = STR("concept", r->concept->name);
    rc = STR("metric", r->concept->metric);
    rc = STR("unit", r->unit);
    rc = rc ? rc : h->set_float(rec, F("value"), r->value);
    rc = STR("value_text", r->value_text);
    if (r->start != INT64_MIN)
        rc = rc ? rc : h->set_date(rec, F("period_start"), r->start);
    rc = rc ? rc : h->set_date(rec, F("period_end"), r->end);
    rc = rc ? rc : h->set_int(rec, F("fiscal_year"), r->fiscal_year);
    rc = STR("period", r->period);
    if (r->fy)
        rc = rc ? rc : h->set_int(rec, F("fy"), r->fy);
    if (*r->fp)
        rc = STR("fp", r->fp);
    if (*r->form)
        rc = STR("form", r->form);
    rc = STR("accession", r->accession);
    rc = rc ? rc : h->set_date(rec, F("filed"), r->filed);
    rc = rc ? rc : h->set_bool(rec, F("restates"), r->restates);
    if (r->restates) {
        rc = STR("restated_value", r->prev_value);
        rc = STR("restated_accession", r->prev_accession);
    }
#undef STR
#undef F
    if (rc) {
        h->record_free(rec);
        return ASSAY_OK; /* the facts row said what was wrong already */
    }
    rc = h->emit(e->ctx, rec);
    return rc == ASSAY_ERR_SCHEMA ? ASSAY_OK : rc;
}

/* 1 when companyfacts may hold something the last read did not. */
static int facts_due(edgar *e, const edgar_filing_list *filings, int64_t last, const char *last_acc,
                     int *any_report)
{
    int64_t today = e->h->now() / 86400000000LL;
    *any_report = 0;
    for (size_t i = 0; i < filings->n; i++) {
        const edgar_filing *f = &filings->v[i];
        if (!f->is_xbrl || !is_report(f->form))
            continue;
        *any_report = 1;
        if (last == INT64_MIN)
            return 1;
        if (is_new(f->filed, f->accession, last, last_acc) && f->filed >= today - FACTS_LAG_DAYS)
            return 1;
    }
    return 0;
}

assay_rc edgar_xbrl_run(edgar *e, const edgar_company *co, const edgar_filing_list *filings)
{
    const assay_host *h = e->h;
    char key[80];
    edgar_xbrl_state_key(e, co->cik, key, sizeof key);
    int64_t last;
    char *last_acc = read_mark(e, key, &last);
    int any_report = 0;
    assay_rc rc = ASSAY_OK;
    if (!facts_due(e, filings, last, last_acc, &any_report)) {
        if (!any_report)
            h->log(e->ctx, ASSAY_LOG_INFO,
                   "%s (CIK %s): no 10-K/10-Q XBRL filings in its recent filings; no company facts "
                   "to read",
                   co->name, co->cik);
        h->count(e->ctx, "facts_unchanged", 1);
        free(last_acc);
        return ASSAY_OK;
    }
    char url[1024];
    snprintf(url, sizeof url, "%s/api/xbrl/companyfacts/CIK%s.json", e->data_url, co->cik);
    const char *u = url;
    edgar_resp r;
    rc = edgar_fetch(e, &u, 1, 0, &r);
    if (rc)
        goto done;
    char err[1200];
    if (r.rc != ASSAY_OK) {
        edgar_resp_why(&r, err, sizeof err);
        rc = edgar_problem(e, "company_errors", co->cik, url,
                           "%s (CIK %s): cannot read its XBRL company facts: %s", co->name, co->cik,
                           err);
        goto done;
    }
    xbrl_facts xf;
    if (xbrl_facts_parse(r.body, r.len, r.content_type, &e->map, co->fye, &xf, err, sizeof err) !=
        0) {
        rc = edgar_problem(e, "company_errors", co->cik, url, "%s (CIK %s): %s: %s", co->name,
                           co->cik, url, err);
        goto done;
    }
    if (strcmp(xf.cik, co->cik) != 0)
        h->log(e->ctx, ASSAY_LOG_WARN, "%s: the file is for CIK %s, not %s", url, xf.cik, co->cik);
    if (xf.skipped)
        h->log(e->ctx, ASSAY_LOG_INFO,
               "%s: %zu facts without a usable date, value or accession "
               "were left out",
               url, xf.skipped);
    size_t emitted = 0;
    for (size_t i = 0; i < xf.n && rc == ASSAY_OK; i++) {
        const xbrl_row *row = &xf.rows[i];
        if (!is_new(row->filed, row->accession, last, last_acc))
            continue;
        rc = emit_fact(e, &xf, row);
        if (rc == ASSAY_OK && e->xbrl)
            rc = emit_xbrl(e, &xf, row);
        emitted++;
    }
    h->log(e->ctx, ASSAY_LOG_DEBUG, "%s (CIK %s): %zu fact rows, %zu new", co->name, co->cik, xf.n,
           emitted);
    if (rc == ASSAY_OK && xf.last_filed != INT64_MIN) {
        size_t cap = 16 + xf.nlast * 22;
        char *mark = malloc(cap);
        if (!mark) {
            rc = h->fail(e->ctx, ASSAY_ERR_NOMEM, "out of memory");
        } else {
            edgar_format_date(xf.last_filed, mark);
            size_t o = 10;
            mark[o++] = ' ';
            for (size_t k = 0; k < xf.nlast; k++)
                o += (size_t)snprintf(mark + o, cap - o, "%s%s", k ? "," : "",
                                      xf.last_accessions[k]);
            mark[o] = '\0';
            h->state_put(e->ctx, key, mark);
            free(mark);
        }
    }
    xbrl_facts_free(&xf);
done:
    edgar_resp_free(&r);
    free(last_acc);
    return rc;
}
