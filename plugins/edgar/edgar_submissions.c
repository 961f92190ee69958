/* edgar_submissions.c - the submissions JSON and its older-filings pages. */
#include "edgar_submissions.h"

#include "edgar_body.h"
#include "edgar_util.h"

#include <ctype.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "2026-03-04T17:33:32.000Z" (fraction and Z optional) in microseconds
 * UTC, or 0 when it is not that shape. */
static int64_t parse_accepted(const char *s)
{
    int64_t days;
    if (!s || strlen(s) < 19 || edgar_parse_date(s, 10, &days) != 0 || s[10] != 'T')
        return 0;
    int hh, mm, ss;
    if (sscanf(s + 11, "%2d:%2d:%2d", &hh, &mm, &ss) != 3 || hh > 23 || mm > 59 || ss > 60)
        return 0;
    return ((days * 86400) + hh * 3600 + mm * 60 + ss) * 1000000;
}

static char *dup_or_empty(const char *s)
{
    return strdup(s ? s : "");
}

/* Appends one filing; returns 0 or -1 when out of memory. */
static int push(edgar_filing_list *l, const edgar_filing *f)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        edgar_filing *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v, l->cap = cap;
    }
    l->v[l->n++] = *f;
    return 0;
}

static void bad_row(edgar_filing_list *l, size_t row, const char *why)
{
    if (l->bad_rows++ == 0)
        snprintf(l->first_bad, sizeof l->first_bad, "row %zu: %s", row + 1, why);
}

/* Reads the column arrays of one filings block (recent, or a page). */
static int read_columns(json_t *cols, edgar_filing_list *out, char *err, size_t errlen)
{
    static const char *const names[] = {"accessionNumber",
                                        "filingDate",
                                        "form",
                                        "acceptanceDateTime",
                                        "primaryDocument",
                                        "primaryDocDescription",
                                        "isXBRL",
                                        "isInlineXBRL"};
    enum { ACC, DATE, FORM, ACCEPTED, DOC, DESC, XBRL, IXBRL, NCOLS };
    json_t *c[NCOLS];
    if (!json_is_object(cols)) {
        snprintf(err, errlen, "no filings columns (filings.recent) in the JSON");
        return -1;
    }
    size_t rows = 0;
    for (int k = 0; k < NCOLS; k++) {
        c[k] = json_object_get(cols, names[k]);
        if (!c[k] && k <= FORM) {
            snprintf(err, errlen, "the filings have no '%s' column: not a submissions file",
                     names[k]);
            return -1;
        }
        if (c[k] && !json_is_array(c[k])) {
            snprintf(err, errlen, "the filings column '%s' is not an array", names[k]);
            return -1;
        }
        if (k == ACC)
            rows = json_array_size(c[k]);
        else if (c[k] && json_array_size(c[k]) != rows) {
            snprintf(err, errlen,
                     "the filings columns differ in length (accessionNumber has %zu, %s has %zu): "
                     "a damaged file",
                     rows, names[k], json_array_size(c[k]));
            return -1;
        }
    }
    for (size_t i = 0; i < rows; i++) {
        const char *acc = json_string_value(json_array_get(c[ACC], i));
        const char *date = json_string_value(json_array_get(c[DATE], i));
        const char *form = json_string_value(json_array_get(c[FORM], i));
        edgar_filing f;
        memset(&f, 0, sizeof f);
        if (!edgar_is_accession(acc)) {
            bad_row(out, i, "not an accession number");
            continue;
        }
        if (!date || edgar_parse_date(date, strlen(date), &f.filed) != 0) {
            bad_row(out, i, "no valid filingDate");
            continue;
        }
        if (!form || !*form || strlen(form) >= sizeof f.form) {
            bad_row(out, i, "no valid form type");
            continue;
        }
        memcpy(f.accession, acc, 21);
        snprintf(f.form, sizeof f.form, "%s", form);
        f.accepted_us =
            c[ACCEPTED] ? parse_accepted(json_string_value(json_array_get(c[ACCEPTED], i))) : 0;
        f.is_xbrl = (c[XBRL] && json_integer_value(json_array_get(c[XBRL], i)) != 0) ||
                    (c[IXBRL] && json_integer_value(json_array_get(c[IXBRL], i)) != 0);
        f.primary_doc = dup_or_empty(c[DOC] ? json_string_value(json_array_get(c[DOC], i)) : NULL);
        f.description =
            dup_or_empty(c[DESC] ? json_string_value(json_array_get(c[DESC], i)) : NULL);
        if (!f.primary_doc || !f.description || push(out, &f) != 0) {
            free(f.primary_doc);
            free(f.description);
            snprintf(err, errlen, "out of memory");
            return -1;
        }
    }
    return 0;
}

static int64_t page_date(json_t *v, int64_t dflt)
{
    const char *s = json_string_value(v);
    int64_t d;
    return s && edgar_parse_date(s, strlen(s), &d) == 0 ? d : dflt;
}

int edgar_parse_submissions(const char *body, size_t len, const char *content_type,
                            edgar_company *co, edgar_filing_list *out, char *err, size_t errlen)
{
    memset(co, 0, sizeof *co);
    json_t *root = edgar_json_object(body, len, content_type, err, errlen);
    if (!root)
        return -1;
    int rc = -1;
    json_t *cik = json_object_get(root, "cik");
    json_t *filings = json_object_get(root, "filings");
    char cikbuf[24];
    if (json_is_integer(cik))
        snprintf(cikbuf, sizeof cikbuf, "%lld", (long long)json_integer_value(cik));
    else
        snprintf(cikbuf, sizeof cikbuf, "%s", json_is_string(cik) ? json_string_value(cik) : "");
    if (!json_is_object(filings) || edgar_cik10(cikbuf, co->cik) != 0) {
        snprintf(err, errlen, "a JSON object without 'cik' and 'filings': not a submissions file");
        goto done;
    }
    const char *name = json_string_value(json_object_get(root, "name"));
    co->name = strdup(name && *name ? name : co->cik);
    const char *fye = json_string_value(json_object_get(root, "fiscalYearEnd"));
    if (fye && strlen(fye) == 4 && isdigit((unsigned char)fye[0]) && isdigit((unsigned char)fye[3]))
        memcpy(co->fye, fye, 5);
    size_t tl = 0;
    json_t *tickers = json_object_get(root, "tickers"), *t;
    size_t i;
    char tick[256] = "";
    json_array_foreach(tickers, i, t)
    {
        const char *s = json_string_value(t);
        if (s && tl + strlen(s) + 2 < sizeof tick)
            tl += (size_t)sprintf(tick + tl, "%s%s", tl ? "," : "", s);
    }
    co->tickers = strdup(tick);
    if (!co->name || !co->tickers) {
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    if (read_columns(json_object_get(filings, "recent"), out, err, errlen) != 0)
        goto done;
    json_t *files = json_object_get(filings, "files"), *f;
    if (files && !json_is_array(files)) {
        snprintf(err, errlen, "filings.files is not an array");
        goto done;
    }
    co->pages = calloc(json_array_size(files) + 1, sizeof *co->pages);
    if (!co->pages) {
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    json_array_foreach(files, i, f)
    {
        const char *pname = json_string_value(json_object_get(f, "name"));
        /* a page name is a file name in the same folder: nothing else */
        if (!pname || !*pname || strchr(pname, '/') || strstr(pname, "..") || strchr(pname, '?'))
            continue;
        edgar_page *pg = &co->pages[co->npages];
        pg->name = strdup(pname);
        if (!pg->name) {
            snprintf(err, errlen, "out of memory");
            goto done;
        }
        pg->from = page_date(json_object_get(f, "filingFrom"), INT64_MIN);
        pg->to = page_date(json_object_get(f, "filingTo"), INT64_MAX);
        co->npages++;
    }
    rc = 0;
done:
    json_decref(root);
    if (rc != 0)
        edgar_company_free(co);
    return rc;
}

int edgar_parse_submissions_page(const char *body, size_t len, const char *content_type,
                                 edgar_filing_list *out, char *err, size_t errlen)
{
    json_t *root = edgar_json_object(body, len, content_type, err, errlen);
    if (!root)
        return -1;
    int rc = read_columns(root, out, err, errlen);
    json_decref(root);
    return rc;
}

void edgar_company_free(edgar_company *co)
{
    for (size_t i = 0; i < co->npages; i++)
        free(co->pages[i].name);
    free(co->pages);
    free(co->name);
    free(co->tickers);
    memset(co, 0, sizeof *co);
}

void edgar_filing_list_free(edgar_filing_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].primary_doc);
        free(l->v[i].description);
    }
    free(l->v);
    memset(l, 0, sizeof *l);
}
