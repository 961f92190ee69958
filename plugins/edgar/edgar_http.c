/*
 * edgar_http.c - fetching from SEC politely: every request carries the
 * configured User-Agent and a rate of at most max_rate per host (never
 * over SEC's 10/s), and SEC's "Request Rate Threshold Exceeded" answer
 * pauses the plugin instead of being retried at once.
 */
#include "edgar_int.h"

#include "edgar_body.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void copy_str(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src ? src : "");
}

static void on_done(const assay_http_response *res, void *ud)
{
    (void)ud;
    edgar_resp *r = res->request->user;
    r->rc = res->rc;
    r->status = res->status;
    r->len = res->body ? res->body_len : 0;
    r->body = malloc(r->len + 1);
    if (r->body) {
        if (r->len)
            memcpy(r->body, res->body, r->len);
        r->body[r->len] = '\0';
    } else {
        r->len = 0;
        r->rc = ASSAY_ERR_NOMEM;
    }
    copy_str(r->content_type, sizeof r->content_type, res->content_type);
    copy_str(r->charset, sizeof r->charset, res->charset);
    if (r->rc != ASSAY_OK) {
        char msg[600];
        if (r->rc == ASSAY_ERR_NOMEM)
            snprintf(msg, sizeof msg, "GET %s: out of memory keeping the answer",
                     res->request->url);
        else
            snprintf(msg, sizeof msg, "%s", res->error ? res->error : "the request failed");
        r->error = strdup(msg);
    }
    r->rate_limited =
        (res->status == 429 || (res->status == 403 && edgar_is_rate_limit_page(r->body, r->len)));
}

/* One round of requests for the indexes in idx[0..n). */
static assay_rc fetch_round(edgar *e, const char *const *urls, const size_t *idx, size_t n,
                            size_t max_bytes, edgar_resp *out)
{
    const char *headers[2] = {e->ua_header, NULL};
    assay_http_request *reqs = calloc(n, sizeof *reqs);
    if (!reqs)
        return e->h->fail(e->ctx, ASSAY_ERR_NOMEM, "out of memory");
    for (size_t k = 0; k < n; k++) {
        size_t i = idx[k];
        edgar_resp_free(&out[i]);
        reqs[k].url = urls[i];
        reqs[k].headers = e->ua_header ? headers : NULL;
        reqs[k].max_bytes = max_bytes;
        reqs[k].max_rate = e->max_rate;
        reqs[k].user = &out[i];
        out[i].rc = ASSAY_ERR_STOPPED; /* until answered */
    }
    e->h->count(e->ctx, "requests", (int64_t)n);
    assay_rc rc = e->h->http_fetch(e->ctx, reqs, n, on_done, NULL);
    for (size_t k = 0; k < n; k++) {
        edgar_resp *r = &out[idx[k]];
        if (r->rc == ASSAY_ERR_STOPPED && !r->error) {
            char msg[600];
            snprintf(msg, sizeof msg, "GET %s: not fetched, the run is stopping", urls[idx[k]]);
            r->error = strdup(msg);
        }
    }
    free(reqs);
    return rc == ASSAY_ERR_STOPPED ? ASSAY_ERR_STOPPED : ASSAY_OK;
}

/* Sleeps seconds, waking early when the run stops. Returns 1 if stopped. */
static int pause_for(edgar *e, int64_t seconds)
{
    int64_t end = e->h->now() + seconds * 1000000;
    while (!e->h->should_stop(e->ctx)) {
        int64_t left = end - e->h->now();
        if (left <= 0)
            return 0;
        struct timespec ts = {0, (long)(left > 200000 ? 200000 : left) * 1000};
        nanosleep(&ts, NULL);
    }
    return 1;
}

static void fail_blocked(edgar_resp *r, const char *url)
{
    char msg[900];
    snprintf(msg, sizeof msg,
             "GET %s: not sent: SEC rate-limited this address twice in this run, so the plugin "
             "sends it no more requests until the next run (" SEC_RATE_RULE ")",
             url);
    edgar_resp_free(r);
    r->rc = ASSAY_ERR_HTTP;
    r->error = strdup(msg);
    r->body = strdup("");
    r->rate_limited = 1;
}

assay_rc edgar_fetch(edgar *e, const char *const *urls, size_t n, size_t max_bytes, edgar_resp *out)
{
    memset(out, 0, n * sizeof *out);
    if (e->blocked) {
        for (size_t i = 0; i < n; i++)
            fail_blocked(&out[i], urls[i]);
        return ASSAY_OK;
    }
    size_t *idx = calloc(n ? n : 1, sizeof *idx);
    if (!idx)
        return e->h->fail(e->ctx, ASSAY_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    assay_rc rc = fetch_round(e, urls, idx, n, max_bytes, out);
    size_t again = 0;
    for (size_t i = 0; i < n; i++)
        if (out[i].rate_limited)
            idx[again++] = i;
    if (rc == ASSAY_OK && again) {
        e->h->count(e->ctx, "rate_limited", 1);
        e->h->log(e->ctx, ASSAY_LOG_WARN,
                  "%s answered \"Request Rate Threshold Exceeded\" (%zu request%s). " SEC_RATE_RULE
                  " Pausing %lld s before trying once more; lower max_rate if this repeats",
                  urls[idx[0]], again, again == 1 ? "" : "s", (long long)e->pause_s);
        if (pause_for(e, e->pause_s)) {
            rc = ASSAY_ERR_STOPPED;
        } else {
            rc = fetch_round(e, urls, idx, again, max_bytes, out);
            for (size_t k = 0; k < again && rc == ASSAY_OK; k++)
                if (out[idx[k]].rate_limited && !e->blocked) {
                    e->blocked = 1;
                    e->h->log(e->ctx, ASSAY_LOG_ERROR,
                              "SEC still rate-limits this address after a %lld s pause: no more "
                              "requests in this run; the next run picks up where this one "
                              "stopped",
                              (long long)e->pause_s);
                }
            if (e->blocked)
                for (size_t k = 0; k < again; k++)
                    if (out[idx[k]].rate_limited)
                        fail_blocked(&out[idx[k]], urls[idx[k]]);
        }
    }
    free(idx);
    return rc;
}

void edgar_resp_free(edgar_resp *r)
{
    free(r->body);
    free(r->error);
    memset(r, 0, sizeof *r);
}

void edgar_resp_why(const edgar_resp *r, char *out, size_t outlen)
{
    const char *err = r->error ? r->error : "the request failed";
    if (r->len && !r->rate_limited) {
        char what[400];
        edgar_describe_body(r->body, r->len, r->content_type, what, sizeof what);
        snprintf(out, outlen, "%s; the answer was %s", err, what);
    } else {
        snprintf(out, outlen, "%s", err);
    }
}
