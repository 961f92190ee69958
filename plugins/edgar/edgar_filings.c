/*
 * edgar_filings.c - a company's filings as documents.
 *
 * From the submissions file's filings (and the older-filings pages that
 * `since` reaches), the ones whose form is configured, filed on or after
 * `since` and not seen in an earlier run are fetched a few at a time:
 * the primary document, and for 8-Ks the filing index page, whose
 * EX-99.x press releases are fetched too. HTML and inline XBRL become
 * plain text through html_to_text(). The primary document's id is the
 * accession number (the doc_id XBRL facts point at); an exhibit's is
 * "<accession>/<file name>".
 *
 * A filing is marked seen (state "filing:<accession>") once its
 * documents were emitted, or once it failed for good (404, not a text
 * document): then it is dead-lettered and not fetched again. A failure
 * that may pass (5xx after retries, network, SEC's rate limit) leaves it
 * unmarked, so the next run tries again.
 */
#include "edgar_int.h"

#include "edgar_index.h"
#include "edgar_util.h"
#include "html_charset.h"
#include "html_text.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define BATCH 4 /* filings fetched at once: bounds memory (10-Ks are large) */
#define MAX_EXHIBITS 8

typedef struct job {
    const edgar_filing *f;
    char *doc_url;   /* the primary document; NULL until known */
    char *index_url; /* 8-Ks (and filings without a primary document) */
    edgar_resp doc, index;
    edgar_index ix;
    int nex;
    char *ex_url[MAX_EXHIBITS];
    const edgar_index_doc *ex[MAX_EXHIBITS];
    edgar_resp ex_resp[MAX_EXHIBITS];
    int retry; /* something failed that may pass: do not mark seen */
} job;

static int is_8k(const char *form)
{
    return strncmp(form, "8-K", 3) == 0;
}

static int has_ext(const char *name, const char *const *exts)
{
    size_t n = strlen(name);
    for (; *exts; exts++) {
        size_t k = strlen(*exts);
        if (n > k && strcasecmp(name + n - k, *exts) == 0)
            return 1;
    }
    return 0;
}

static const char *const html_exts[] = {".htm", ".html", ".xhtml", NULL};
static const char *const text_exts[] = {".txt", NULL};

/* Permanent failures: asking again will not help. */
static int failed_for_good(const edgar_resp *r)
{
    return r->rc != ASSAY_ERR_STOPPED && !r->rate_limited &&
           (r->status == 404 || r->status == 410 || (r->status == 403 && !r->rate_limited));
}

/* "{archives}/Archives/edgar/data/{cik}/{accession without dashes}/" */
static void folder_url(const edgar *e, const edgar_company *co, const edgar_filing *f, char *out,
                       size_t outlen)
{
    const char *cik = co->cik;
    while (*cik == '0' && cik[1])
        cik++;
    char nodash[19];
    edgar_accession_nodash(f->accession, nodash);
    snprintf(out, outlen, "%s/Archives/edgar/data/%s/%s/", e->archives_url, cik, nodash);
}

/* An index page link as a URL on archives_url: "/Archives/..." joins the
 * base, a bare name joins the filing's folder; links elsewhere are not
 * followed. Returns malloc'd or NULL. */
static char *link_url(const edgar *e, const char *folder, const char *href)
{
    char buf[2048];
    if (href[0] == '/' && href[1] != '/')
        snprintf(buf, sizeof buf, "%s%s", e->archives_url, href);
    else if (!strstr(href, "://") && href[0] != '/')
        snprintf(buf, sizeof buf, "%s%s", folder, href);
    else if (strncmp(href, e->archives_url, strlen(e->archives_url)) == 0)
        snprintf(buf, sizeof buf, "%s", href);
    else
        return NULL;
    return strdup(buf);
}

/* The text of a fetched document. Returns 0 with *text (malloc'd) or -1
 * with why. */
static int doc_text(const edgar_resp *r, const char *name, char **text, size_t *tlen, char *why,
                    size_t whylen)
{
    const char *ct = r->content_type;
    int html = strstr(ct, "html") != NULL || (!*ct && has_ext(name, html_exts)) ||
               (strcmp(ct, "application/octet-stream") == 0 && has_ext(name, html_exts));
    int plain =
        !html &&
        (strncmp(ct, "text/plain", 10) == 0 ||
         ((!*ct || strcmp(ct, "application/octet-stream") == 0) && has_ext(name, text_exts)));
    *text = NULL;
    if (html) {
        char *title = NULL, err[256];
        if (html_to_text(r->body, r->len, *r->charset ? r->charset : NULL, text, tlen, &title, err,
                         sizeof err) != 0) {
            snprintf(why, whylen, "%s", err);
            return -1;
        }
        free(title);
    } else if (plain) {
        char used[32], err[256];
        if (utf8_valid(r->body, r->len) && !memchr(r->body, '\0', r->len)) {
            *text = strdup(r->body);
            *tlen = r->len;
        } else {
            *text = html_to_utf8(r->body, r->len, *r->charset ? r->charset : "windows-1252", tlen,
                                 used, sizeof used, err, sizeof err);
        }
        if (!*text) {
            snprintf(why, whylen, "out of memory");
            return -1;
        }
    } else {
        snprintf(why, whylen, "not an HTML or text document (Content-Type %s)",
                 *ct ? ct : "absent");
        return -1;
    }
    size_t i = 0;
    while (i < *tlen &&
           ((*text)[i] == ' ' || (*text)[i] == '\n' || (*text)[i] == '\r' || (*text)[i] == '\t'))
        i++;
    if (i == *tlen) {
        free(*text);
        *text = NULL;
        snprintf(why, whylen, "the document has no text");
        return -1;
    }
    return 0;
}

/* Emits one document. Returns ASSAY_OK, ASSAY_ERR_STOPPED, or (after a
 * dead letter) ASSAY_OK with *bad = 1 when the record could not be made. */
static assay_rc emit_doc(edgar *e, const edgar_company *co, const edgar_filing *f, const char *id,
                         const char *url, const char *title, const char *text, size_t tlen)
{
    const assay_host *h = e->h;
    char hash[65], filed[11];
    h->sha256_hex(text, tlen, hash);
    edgar_format_date(f->filed, filed);
    assay_record *r = h->record_new(e->ctx, e->docs);
    if (!r)
        return h->fail(e->ctx, ASSAY_ERR_NOMEM, "out of memory");
    assay_rc rc = h->set_string(r, e->d_id, id, strlen(id));
    if (!rc)
        rc = h->set_string(r, e->d_url, url, strlen(url));
    if (!rc)
        rc = h->set_string(r, e->d_source, e->source, strlen(e->source));
    if (!rc)
        rc = h->set_string(r, e->d_kind, "filing", 6);
    if (!rc)
        rc = h->set_string(r, e->d_title, title, strlen(title));
    if (!rc && f->accepted_us)
        rc = h->set_timestamp(r, e->d_published, f->accepted_us);
    if (!rc)
        rc = h->set_timestamp(r, e->d_fetched, h->now());
    if (!rc)
        rc = h->set_string(r, e->d_text, text, tlen);
    if (!rc)
        rc = h->set_string(r, e->d_hash, hash, 64);
    if (!rc)
        rc = h->set_string(r, e->d_cik, co->cik, 10);
    if (!rc)
        rc = h->set_string(r, e->d_company, co->name, strlen(co->name));
    if (!rc)
        rc = h->set_string(r, e->d_form, f->form, strlen(f->form));
    if (!rc)
        rc = h->set_string(r, e->d_accession, f->accession, strlen(f->accession));
    if (!rc)
        rc = h->set_date(r, e->d_filed, f->filed);
    if (rc) {
        char msg[600];
        snprintf(msg, sizeof msg, "%s", h->error_message(e->ctx));
        h->record_free(r);
        return edgar_problem(e, "document_errors", co->cik, url,
                             "%s %s: cannot make a document: %s", f->form, f->accession, msg);
    }
    rc = h->emit(e->ctx, r);
    if (rc == ASSAY_OK)
        h->count(e->ctx, "documents", 1);
    return rc == ASSAY_ERR_SCHEMA ? ASSAY_OK : rc;
}

/* Turns one fetched document into a record, or dead-letters it. */
static assay_rc one_doc(edgar *e, const edgar_company *co, job *j, const char *id, const char *url,
                        const char *name, const edgar_resp *r, const char *title)
{
    char why[1200];
    if (r->rc != ASSAY_OK) {
        if (r->rc == ASSAY_ERR_STOPPED)
            return ASSAY_ERR_STOPPED;
        if (!failed_for_good(r))
            j->retry = 1;
        edgar_resp_why(r, why, sizeof why);
        return edgar_problem(e, "document_errors", co->cik, url, "%s (CIK %s) %s %s: %s%s",
                             co->name, co->cik, j->f->form, j->f->accession, why,
                             j->retry ? " (tried again next run)" : "");
    }
    char *text = NULL;
    size_t tlen = 0;
    if (doc_text(r, name, &text, &tlen, why, sizeof why) != 0)
        return edgar_problem(e, "document_errors", co->cik, url, "%s (CIK %s) %s %s: %s: %s",
                             co->name, co->cik, j->f->form, j->f->accession, url, why);
    assay_rc rc = emit_doc(e, co, j->f, id, url, title, text, tlen);
    free(text);
    return rc;
}

static void job_free(job *j)
{
    free(j->doc_url);
    free(j->index_url);
    edgar_resp_free(&j->doc);
    edgar_resp_free(&j->index);
    edgar_index_free(&j->ix);
    for (int k = 0; k < j->nex; k++) {
        free(j->ex_url[k]);
        edgar_resp_free(&j->ex_resp[k]);
    }
    memset(j, 0, sizeof *j);
}

/* Fetches and emits the documents of up to BATCH filings; counts in
 * *retries the filings left for the next run. */
static assay_rc run_batch(edgar *e, const edgar_company *co, const edgar_filing *const *fs,
                          size_t n, size_t *retries)
{
    const assay_host *h = e->h;
    job jobs[BATCH];
    memset(jobs, 0, sizeof jobs);
    const char *urls[BATCH * MAX_EXHIBITS + BATCH];
    edgar_resp resps[BATCH * MAX_EXHIBITS + BATCH];
    assay_rc rc = ASSAY_OK;
    char folder[1024], buf[2048];

    /* 1: primary documents and index pages */
    size_t nu = 0;
    for (size_t i = 0; i < n; i++) {
        job *j = &jobs[i];
        j->f = fs[i];
        folder_url(e, co, j->f, folder, sizeof folder);
        if (*j->f->primary_doc) {
            snprintf(buf, sizeof buf, "%s%s", folder, j->f->primary_doc);
            j->doc_url = strdup(buf);
        }
        if (!*j->f->primary_doc || (is_8k(j->f->form) && e->nexhibits)) {
            snprintf(buf, sizeof buf, "%s%s-index.html", folder, j->f->accession);
            j->index_url = strdup(buf);
        }
        if ((*j->f->primary_doc && !j->doc_url) || (!*j->f->primary_doc && !j->index_url)) {
            rc = h->fail(e->ctx, ASSAY_ERR_NOMEM, "out of memory");
            goto done;
        }
    }
    nu = 0;
    for (size_t i = 0; i < n; i++) {
        if (jobs[i].doc_url)
            urls[nu++] = jobs[i].doc_url;
        if (jobs[i].index_url)
            urls[nu++] = jobs[i].index_url;
    }
    rc = edgar_fetch(e, urls, nu, e->max_doc_bytes, resps);
    if (rc)
        goto done_resps;
    nu = 0;
    for (size_t i = 0; i < n; i++) {
        if (jobs[i].doc_url)
            jobs[i].doc = resps[nu++];
        if (jobs[i].index_url)
            jobs[i].index = resps[nu++];
    }

    /* 2: read the index pages; find press releases (and missing primaries) */
    nu = 0;
    for (size_t i = 0; i < n && rc == ASSAY_OK; i++) {
        job *j = &jobs[i];
        if (!j->index_url)
            continue;
        char err[1200];
        if (j->index.rc != ASSAY_OK) {
            if (j->index.rc == ASSAY_ERR_STOPPED) {
                rc = ASSAY_ERR_STOPPED;
                break;
            }
            if (!failed_for_good(&j->index))
                j->retry = 1;
            edgar_resp_why(&j->index, err, sizeof err);
            rc = edgar_problem(e, "document_errors", co->cik, j->index_url,
                               "%s (CIK %s) %s %s: cannot read its index page, so its exhibits are "
                               "missing: %s",
                               co->name, co->cik, j->f->form, j->f->accession, err);
            continue;
        }
        if (edgar_parse_index(j->index.body, j->index.len, &j->ix, err, sizeof err) != 0) {
            rc = edgar_problem(e, "document_errors", co->cik, j->index_url,
                               "%s (CIK %s) %s %s: %s: %s", co->name, co->cik, j->f->form,
                               j->f->accession, j->index_url, err);
            continue;
        }
        folder_url(e, co, j->f, folder, sizeof folder);
        for (size_t k = 0; k < j->ix.n; k++) {
            const edgar_index_doc *d = &j->ix.v[k];
            int primary = !j->doc_url && d->seq == 1;
            int exhibit =
                is_8k(j->f->form) &&
                edgar_type_matches(d->type, (const char *const *)e->exhibits, e->nexhibits);
            if (!primary && !exhibit)
                continue;
            if (!has_ext(d->name, html_exts) && !has_ext(d->name, text_exts)) {
                h->log(e->ctx, ASSAY_LOG_INFO, "%s %s: %s (%s) is not HTML or text; skipped",
                       j->f->form, j->f->accession, d->name, d->type);
                h->count(e->ctx, "exhibits_skipped", 1);
                continue;
            }
            char *u = link_url(e, folder, d->href);
            if (!u)
                continue;
            if (primary) {
                j->doc_url = u;
                continue;
            }
            if (j->nex == MAX_EXHIBITS) {
                free(u);
                continue;
            }
            j->ex[j->nex] = d;
            j->ex_url[j->nex++] = u;
        }
    }
    for (size_t i = 0; i < n && rc == ASSAY_OK; i++) {
        job *j = &jobs[i];
        if (!*j->f->primary_doc && j->doc_url)
            urls[nu++] = j->doc_url;
        for (int k = 0; k < j->nex; k++)
            urls[nu++] = j->ex_url[k];
    }
    if (rc == ASSAY_OK && nu) {
        rc = edgar_fetch(e, urls, nu, e->max_doc_bytes, resps);
        if (rc)
            goto done_resps;
        nu = 0;
        for (size_t i = 0; i < n; i++) {
            job *j = &jobs[i];
            if (!*j->f->primary_doc && j->doc_url)
                j->doc = resps[nu++];
            for (int k = 0; k < j->nex; k++)
                j->ex_resp[k] = resps[nu++];
        }
    }

    /* 3: emit, filing by filing, and mark each seen */
    for (size_t i = 0; i < n && rc == ASSAY_OK; i++) {
        job *j = &jobs[i];
        char filed[11], title[1024];
        edgar_format_date(j->f->filed, filed);
        if (j->doc_url) {
            snprintf(title, sizeof title, "%s %s filed %s", co->name, j->f->form, filed);
            const char *name = strrchr(j->doc_url, '/') + 1;
            rc = one_doc(e, co, j, j->f->accession, j->doc_url, name, &j->doc, title);
        } else if (j->index.rc == ASSAY_OK && j->ix.n) {
            rc = edgar_problem(e, "document_errors", co->cik, j->index_url,
                               "%s (CIK %s) %s %s: no primary document in the submissions file or "
                               "the index page",
                               co->name, co->cik, j->f->form, j->f->accession);
        }
        for (int k = 0; k < j->nex && rc == ASSAY_OK; k++) {
            const edgar_index_doc *d = j->ex[k];
            char id[300];
            snprintf(id, sizeof id, "%s/%s", j->f->accession, d->name);
            if (*d->description && strcasecmp(d->description, d->type) != 0)
                snprintf(title, sizeof title, "%s %s filed %s, %s: %s", co->name, j->f->form, filed,
                         d->type, d->description);
            else
                snprintf(title, sizeof title, "%s %s filed %s, %s", co->name, j->f->form, filed,
                         d->type);
            rc = one_doc(e, co, j, id, j->ex_url[k], d->name, &j->ex_resp[k], title);
            if (rc == ASSAY_OK && j->ex_resp[k].rc == ASSAY_OK)
                h->count(e->ctx, "exhibits", 1);
        }
        if (rc == ASSAY_OK && !j->retry) {
            char key[64], val[64];
            snprintf(key, sizeof key, "filing:%s", j->f->accession);
            snprintf(val, sizeof val, "%s %s", j->f->form, filed);
            h->state_put(e->ctx, key, val);
            h->count(e->ctx, "filings", 1);
        } else if (rc == ASSAY_OK) {
            h->count(e->ctx, "filings_retry", 1);
            (*retries)++;
        }
    }
    goto done;
done_resps:
    for (size_t i = 0; i < nu; i++)
        edgar_resp_free(&resps[i]);
done:
    for (size_t i = 0; i < n; i++)
        job_free(&jobs[i]);
    return rc;
}

/* ---- choosing the filings ---- */

static int form_wanted(const edgar *e, const char *form)
{
    for (size_t i = 0; i < e->nforms; i++)
        if (strcasecmp(e->forms[i], form) == 0)
            return 1;
    return 0;
}

/* Newest first; ties by accession number, newest first. */
static int by_date_desc(const void *pa, const void *pb)
{
    const edgar_filing *a = *(const edgar_filing *const *)pa, *b = *(const edgar_filing *const *)pb;
    if (a->filed != b->filed)
        return a->filed > b->filed ? -1 : 1;
    return -strcmp(a->accession, b->accession);
}

/* The state key of an older-filings page that was read through. */
static void page_key(const edgar_company *co, const edgar_page *pg, char *key, size_t keylen,
                     char *val, size_t vallen)
{
    snprintf(key, keylen, "page:%s:%s", co->cik, pg->name);
    char a[11] = "", b[11] = "";
    if (pg->from != INT64_MIN)
        edgar_format_date(pg->from, a);
    if (pg->to != INT64_MAX)
        edgar_format_date(pg->to, b);
    snprintf(val, vallen, "%s..%s", a, b);
}

/* Reads the older-filings pages `since` reaches and that were not read
 * through before, appending their filings. read[i] is set for each page
 * read. Returns ASSAY_OK or ASSAY_ERR_STOPPED (or a dead letter's rc). */
static assay_rc read_pages(edgar *e, const edgar_company *co, edgar_filing_list *filings, int *read)
{
    const assay_host *h = e->h;
    char **urls = calloc(co->npages + 1, sizeof *urls);
    size_t *which = calloc(co->npages + 1, sizeof *which);
    edgar_resp *resps = calloc(co->npages + 1, sizeof *resps);
    size_t n = 0;
    assay_rc rc = ASSAY_OK;
    if (!urls || !which || !resps) {
        rc = h->fail(e->ctx, ASSAY_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < co->npages; i++) {
        const edgar_page *pg = &co->pages[i];
        if (e->since != INT64_MIN && pg->to < e->since)
            continue;
        char key[300], val[40];
        page_key(co, pg, key, sizeof key, val, sizeof val);
        char *old = h->state_get(e->ctx, key);
        int done_before = old && strcmp(old, val) == 0;
        h->free(old);
        if (done_before) {
            h->count(e->ctx, "pages_unchanged", 1);
            continue;
        }
        char url[1200];
        snprintf(url, sizeof url, "%s/submissions/%s", e->data_url, pg->name);
        if (!(urls[n] = strdup(url))) {
            rc = h->fail(e->ctx, ASSAY_ERR_NOMEM, "out of memory");
            goto done;
        }
        which[n++] = i;
    }
    if (n == 0)
        goto done;
    rc = edgar_fetch(e, (const char *const *)urls, n, 0, resps);
    for (size_t k = 0; k < n && rc == ASSAY_OK; k++) {
        char err[1200];
        const edgar_resp *r = &resps[k];
        if (r->rc != ASSAY_OK) {
            edgar_resp_why(r, err, sizeof err);
            rc = edgar_problem(e, "company_errors", co->cik, urls[k],
                               "%s (CIK %s): cannot read older filings page %s: %s", co->name,
                               co->cik, co->pages[which[k]].name, err);
        } else if (edgar_parse_submissions_page(r->body, r->len, r->content_type, filings, err,
                                                sizeof err) != 0) {
            rc = edgar_problem(e, "company_errors", co->cik, urls[k],
                               "%s (CIK %s): older filings page %s: %s", co->name, co->cik, urls[k],
                               err);
        } else {
            read[which[k]] = 1;
            h->count(e->ctx, "pages", 1);
        }
    }
done:
    for (size_t k = 0; k < n; k++) {
        free(urls[k]);
        edgar_resp_free(&resps[k]);
    }
    free(urls);
    free(which);
    free(resps);
    return rc;
}

assay_rc edgar_filings_run(edgar *e, const edgar_company *co, edgar_filing_list *filings)
{
    const assay_host *h = e->h;
    int *read = calloc(co->npages + 1, sizeof *read);
    const edgar_filing **want = NULL;
    assay_rc rc = ASSAY_OK;
    if (!read) {
        rc = h->fail(e->ctx, ASSAY_ERR_NOMEM, "out of memory");
        goto done;
    }
    rc = read_pages(e, co, filings, read);
    if (rc)
        goto done;
    want = calloc(filings->n + 1, sizeof *want);
    if (!want) {
        rc = h->fail(e->ctx, ASSAY_ERR_NOMEM, "out of memory");
        goto done;
    }
    size_t nw = 0, seen = 0;
    for (size_t i = 0; i < filings->n; i++) {
        const edgar_filing *f = &filings->v[i];
        if (!form_wanted(e, f->form) || (e->since != INT64_MIN && f->filed < e->since))
            continue;
        char key[64];
        snprintf(key, sizeof key, "filing:%s", f->accession);
        char *old = h->state_get(e->ctx, key);
        h->free(old);
        if (old) {
            seen++;
            continue;
        }
        want[nw++] = f;
    }
    qsort(want, nw, sizeof *want, by_date_desc);
    size_t uniq = 0; /* a filing listed twice (recent and a page) once */
    for (size_t i = 0; i < nw; i++)
        if (uniq == 0 || strcmp(want[uniq - 1]->accession, want[i]->accession) != 0)
            want[uniq++] = want[i];
    nw = uniq;
    int all = 1;
    if (e->max_filings > 0 && nw > (size_t)e->max_filings) {
        h->log(e->ctx, ASSAY_LOG_INFO, "%s (CIK %s): %zu new filings; %lld this run (max_filings)",
               co->name, co->cik, nw, (long long)e->max_filings);
        nw = (size_t)e->max_filings;
        all = 0;
    }
    h->log(e->ctx, ASSAY_LOG_DEBUG, "%s (CIK %s): %zu new filing%s, %zu seen before", co->name,
           co->cik, nw, nw == 1 ? "" : "s", seen);
    h->count(e->ctx, "filings_seen_before", (int64_t)seen);
    size_t retries = 0;
    for (size_t i = 0; i < nw && rc == ASSAY_OK && !h->should_stop(e->ctx); i += BATCH)
        rc = run_batch(e, co, want + i, nw - i < BATCH ? nw - i : BATCH, &retries);
    /* A page whose filings are all handled need not be read again. A
     * filing left for later is still in state as unseen, so the page is
     * marked only when this run took everything. */
    if (rc == ASSAY_OK && all && !retries && !h->should_stop(e->ctx) && !e->blocked) {
        for (size_t i = 0; i < co->npages; i++) {
            if (!read[i])
                continue;
            char key[300], val[40];
            page_key(co, &co->pages[i], key, sizeof key, val, sizeof val);
            h->state_put(e->ctx, key, val);
        }
    }
done:
    free(read);
    free(want);
    return rc;
}
