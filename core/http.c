/*
 * http.c - the HTTP service behind host->http_fetch: libcurl's multi
 * interface, driven from the calling thread.
 *
 * Each thread drives its own multi handle (kept between its calls, so its
 * idle connections are reused; a call made from inside done() gets one of
 * its own), so plugin threads never share a curl handle or a connection.
 * What threads do share is behind mutexes: DNS answers and TLS sessions
 * (a curl share), the per-host request rate (this file) and the
 * robots.txt cache (http_robots.c). A call is a loop:
 *
 *   1. requests whose origin's robots.txt is not known yet wait for it
 *      (the call fetches it itself, once per origin per run, unless
 *      another call is already doing so);
 *   2. ready requests start, in order, while the call has fewer than
 *      `concurrency` transfers in flight, fewer than `per_host` to their
 *      host, and the host's rate allows one more;
 *   3. curl moves the transfers; each finished one is a success, a retry
 *      (network error, 429, 5xx: after Retry-After or an exponential
 *      backoff with jitter) or a failure with a message saying what;
 *   4. done() runs for each request once, in this thread; after it returns
 *      the new validators of a conditional GET are put in state.
 *
 * The loop never sleeps more than POLL_MS at once, so the run's stop flag
 * ends backoff and rate waits promptly: every request not answered by then
 * gets ASSAY_ERR_STOPPED.
 */
#include "http.h"

#include "ctx.h"
#include "log.h"
#include "mem.h"

#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define POLL_MS 50                     /* longest wait between stop checks */
#define ROBOTS_MAX_BYTES (512u * 1024) /* RFC 9309: parse at least 500 KiB */
#define STATE_PREFIX "http:"

/* ------------------------------------------------------------------------
 * Process-wide: curl's global state, and the per-host request rate
 * --------------------------------------------------------------------- */

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static int curl_ready;

/* DNS answers and TLS sessions are shared by every transfer of every
 * thread (curl allows both across threads, with locks); connections are
 * not (curl does not support that), see thread_multi(). */
static CURLSH *share;
static pthread_mutex_t share_mu[CURL_LOCK_DATA_LAST];

static void share_lock(CURL *e, curl_lock_data data, curl_lock_access access, void *ud)
{
    (void)e, (void)access, (void)ud;
    pthread_mutex_lock(&share_mu[data]);
}

static void share_unlock(CURL *e, curl_lock_data data, void *ud)
{
    (void)e, (void)ud;
    pthread_mutex_unlock(&share_mu[data]);
}

/* Each thread keeps one multi handle between its calls, so its idle
 * connections are reused by its next call; freed when the thread ends. */
static pthread_key_t multi_key;

static void free_thread_multi(void *m)
{
    curl_multi_cleanup(m);
}

static void init_curl(void)
{
    curl_ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    for (int i = 0; i < CURL_LOCK_DATA_LAST; i++)
        pthread_mutex_init(&share_mu[i], NULL);
    share = curl_share_init();
    if (share) {
        curl_share_setopt(share, CURLSHOPT_LOCKFUNC, share_lock);
        curl_share_setopt(share, CURLSHOPT_UNLOCKFUNC, share_unlock);
        curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
        curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    }
    pthread_key_create(&multi_key, free_thread_multi);
}

void http_global_init(void)
{
    pthread_once(&init_once, init_curl);
}

/* The calling thread's multi handle, or a new one of this call's own when
 * the thread's is busy (http_fetch called from a done() callback). *own is
 * set to 1 when the caller must clean it up. */
static _Thread_local int multi_busy;

static CURLM *thread_multi(int *own)
{
    CURLM *m = multi_busy ? NULL : pthread_getspecific(multi_key);
    *own = 0;
    if (!m) {
        m = curl_multi_init();
        if (m && !multi_busy && pthread_setspecific(multi_key, m) == 0)
            *own = 0;
        else
            *own = 1;
    }
    if (m && !*own)
        multi_busy = 1;
    return m;
}

static void release_multi(CURLM *m, int own)
{
    if (!m)
        return;
    if (own)
        curl_multi_cleanup(m);
    else
        multi_busy = 0;
}

typedef struct rate_slot {
    char *host;
    double last; /* monotonic time of the last request started */
} rate_slot;

static pthread_mutex_t rate_mu = PTHREAD_MUTEX_INITIALIZER;
static rate_slot *rates;
static size_t nrates;

void http_global_cleanup(void)
{
    /* the calling thread's multi handle (other threads have ended) */
    CURLM *m = curl_ready && !multi_busy ? pthread_getspecific(multi_key) : NULL;
    if (m) {
        pthread_setspecific(multi_key, NULL);
        curl_multi_cleanup(m);
    }
    if (share)
        curl_share_cleanup(share);
    share = NULL;
    if (curl_ready)
        curl_global_cleanup();
    curl_ready = 0;
    pthread_mutex_lock(&rate_mu);
    for (size_t i = 0; i < nrates; i++)
        free(rates[i].host);
    free(rates);
    rates = NULL;
    nrates = 0;
    pthread_mutex_unlock(&rate_mu);
    robots_cache_clear();
}

static double now_mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Takes a request slot for host at time now if the last one started at
 * least interval seconds ago (every thread shares the table). Returns 1,
 * or 0 with *when set to the earliest time one could start. */
static int rate_take(const char *host, double interval, double now, double *when)
{
    int ok = 1;
    pthread_mutex_lock(&rate_mu);
    rate_slot *r = NULL;
    for (size_t i = 0; i < nrates && !r; i++)
        if (strcmp(rates[i].host, host) == 0)
            r = &rates[i];
    if (!r) {
        rates = xrealloc(rates, (nrates + 1) * sizeof *rates);
        r = &rates[nrates++];
        r->host = xstrdup(host);
        r->last = -1e18;
    }
    if (now - r->last >= interval)
        r->last = now;
    else {
        *when = r->last + interval;
        ok = 0;
    }
    pthread_mutex_unlock(&rate_mu);
    return ok;
}

/* ------------------------------------------------------------------------
 * One call: its jobs, hosts and origins
 * --------------------------------------------------------------------- */

typedef enum job_phase {
    J_ROBOTS,  /* waiting for its origin's robots.txt */
    J_READY,   /* may start at not_before */
    J_RUNNING, /* in the multi handle */
    J_DONE
} job_phase;

typedef struct job {
    const assay_http_request *req; /* NULL for a robots.txt fetch */
    char *url;
    size_t host;   /* index into fetch.hosts */
    size_t origin; /* index into fetch.origins */
    char *path;    /* path and query, for robots.txt */
    job_phase phase;
    double not_before;
    double interval; /* seconds between requests to this host; 0: none */
    int attempts;
    size_t cap;
    const char *agent; /* the User-Agent header sent */
    char token[64];    /* its product token, for robots.txt */
    struct curl_slist *headers;
    int conditional; /* validators were sent */
    int http_error;  /* the last attempt ended in an HTTP error status */
    CURL *easy;
    buf body;
    int over_cap;
    char *etag, *last_modified, *retry_after, *location; /* of the last response */
    char errbuf[CURL_ERROR_SIZE];
} job;

typedef struct host_slot {
    char *name;
    long running;      /* this call's transfers to it */
    double wait_until; /* its rate allows no request before then */
} host_slot;

typedef enum origin_state { O_UNKNOWN, O_FETCHING, O_READY } origin_state;

typedef struct origin_slot {
    char *name; /* "https://host:port" */
    char *host; /* "host", for limits */
    origin_state state;
    unsigned long asked; /* the turn the cache was last asked */
    char *text;          /* robots.txt; NULL: no rules */
    char *error;         /* non-NULL: unreadable, requests fail */
} origin_slot;

typedef struct fetch {
    assay_ctx *ctx;
    const http_config *cfg;
    CURLM *multi;
    job **jobs; /* the requests in order, then robots.txt fetches */
    size_t njobs;
    size_t left; /* requests not answered yet */
    long running;
    host_slot *hosts;
    size_t nhosts;
    origin_slot *origins;
    size_t norigins;
    assay_http_done done;
    void *ud;
    uint64_t rng;
    unsigned long turn; /* loop iterations */
    int stopped;
} fetch;

static const char *who(const fetch *f)
{
    return f->ctx ? f->ctx->id : NULL;
}

static int should_stop(fetch *f)
{
    if (!f->stopped && f->ctx && f->ctx->ops && f->ctx->ops->should_stop &&
        f->ctx->ops->should_stop(f->ctx))
        f->stopped = 1;
    return f->stopped;
}

static void count(fetch *f, const char *name, int64_t delta)
{
    if (f->ctx && delta)
        ctx_count(f->ctx, name, delta);
}

/* A uniform double in [0, 1): xorshift64*, per call, so threads never
 * share a generator. */
static double rand01(fetch *f)
{
    f->rng ^= f->rng >> 12;
    f->rng ^= f->rng << 25;
    f->rng ^= f->rng >> 27;
    return (double)((f->rng * 2685821657736338717ull) >> 11) / 9007199254740992.0;
}

/* The index of a host's slot in this call, added when new. */
static size_t host_of(fetch *f, const char *name)
{
    for (size_t i = 0; i < f->nhosts; i++)
        if (strcmp(f->hosts[i].name, name) == 0)
            return i;
    f->hosts = xrealloc(f->hosts, (f->nhosts + 1) * sizeof *f->hosts);
    f->hosts[f->nhosts] = (host_slot){xstrdup(name), 0, 0};
    return f->nhosts++;
}

/* The index of an origin's slot in this call, added when new. */
static size_t origin_of(fetch *f, const char *name, const char *host)
{
    for (size_t i = 0; i < f->norigins; i++)
        if (strcmp(f->origins[i].name, name) == 0)
            return i;
    f->origins = xrealloc(f->origins, (f->norigins + 1) * sizeof *f->origins);
    f->origins[f->norigins] =
        (origin_slot){.name = xstrdup(name), .host = xstrdup(host), .state = O_UNKNOWN};
    return f->norigins++;
}

static void job_clear_response(job *j)
{
    buf_reset(&j->body);
    j->over_cap = 0;
    j->errbuf[0] = '\0';
    free(j->etag);
    free(j->last_modified);
    free(j->retry_after);
    free(j->location);
    j->etag = j->last_modified = j->retry_after = j->location = NULL;
}

static void job_free(job *j)
{
    if (!j)
        return;
    if (j->easy)
        curl_easy_cleanup(j->easy);
    job_clear_response(j);
    buf_free(&j->body);
    curl_slist_free_all(j->headers);
    free(j->url);
    free(j->path);
    free(j);
}

/* ------------------------------------------------------------------------
 * curl callbacks
 * --------------------------------------------------------------------- */

/* Counts body bytes as they arrive (after decompression): the cap holds
 * for gzip bombs too. A robots.txt is cut at its cap instead. */
static size_t on_body(char *data, size_t size, size_t nmemb, void *ud)
{
    job *j = ud;
    size_t n = size * nmemb;
    if (n > j->cap - j->body.len) {
        if (!j->req) {
            buf_append(&j->body, data, j->cap - j->body.len);
            return n;
        }
        j->over_cap = 1;
        return 0; /* curl ends the transfer: CURLE_WRITE_ERROR */
    }
    buf_append(&j->body, data, n);
    return n;
}

static char *header_value(const char *line, size_t len, const char *name)
{
    size_t nl = strlen(name);
    if (len <= nl || strncasecmp(line, name, nl) != 0 || line[nl] != ':')
        return NULL;
    const char *v = line + nl + 1, *e = line + len;
    while (v < e && (*v == ' ' || *v == '\t'))
        v++;
    while (e > v && isspace((unsigned char)e[-1]))
        e--;
    return xstrndup(v, (size_t)(e - v));
}

static void keep(char **slot, char *v)
{
    if (v) {
        free(*slot);
        *slot = v;
    }
}

/* Keeps the headers of the last response (a redirect's are replaced by
 * the next response's). */
static size_t on_header(char *line, size_t size, size_t nmemb, void *ud)
{
    job *j = ud;
    size_t n = size * nmemb;
    if (n >= 5 && memcmp(line, "HTTP/", 5) == 0) {
        free(j->etag);
        free(j->last_modified);
        free(j->retry_after);
        free(j->location);
        j->etag = j->last_modified = j->retry_after = j->location = NULL;
        return n;
    }
    keep(&j->etag, header_value(line, n, "etag"));
    keep(&j->last_modified, header_value(line, n, "last-modified"));
    keep(&j->retry_after, header_value(line, n, "retry-after"));
    keep(&j->location, header_value(line, n, "location"));
    return n;
}

/* ------------------------------------------------------------------------
 * Building jobs
 * --------------------------------------------------------------------- */

/* Splits url into host ("example.com"), origin ("https://example.com:443")
 * and path ("/a?b"). Returns 0, or -1 with why. */
static int parse_url(const char *url, char **host, char **origin, char **path, char *why,
                     size_t whylen)
{
    int rc = -1;
    char *scheme = NULL, *h = NULL, *port = NULL, *p = NULL, *q = NULL;
    CURLU *u = curl_url();
    CURLUcode uc = curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME);
    if (uc) {
        snprintf(why, whylen, "not a valid URL (%s)", curl_url_strerror(uc));
        goto out;
    }
    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0);
    if (!scheme || (strcasecmp(scheme, "http") != 0 && strcasecmp(scheme, "https") != 0)) {
        snprintf(why, whylen, "only http and https URLs are fetched");
        goto out;
    }
    if (curl_url_get(u, CURLUPART_HOST, &h, 0) || !h || !*h) {
        snprintf(why, whylen, "not a valid URL (no host)");
        goto out;
    }
    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
    curl_url_get(u, CURLUPART_PATH, &p, 0);
    curl_url_get(u, CURLUPART_QUERY, &q, 0);
    for (char *c = h; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    for (char *c = scheme; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    *host = xstrdup(h);
    *origin = xasprintf("%s://%s:%s", scheme, h, port ? port : "");
    *path = xasprintf("%s%s%s", p && *p ? p : "/", q ? "?" : "", q ? q : "");
    rc = 0;
out:
    curl_free(scheme);
    curl_free(h);
    curl_free(port);
    curl_free(p);
    curl_free(q);
    curl_url_cleanup(u);
    return rc;
}

/* The product token of a User-Agent: "assay" of "assay/0.1 (...)". */
static void agent_token(const char *ua, char *out, size_t outlen)
{
    size_t n = strcspn(ua, "/ \t");
    if (n >= outlen)
        n = outlen - 1;
    memcpy(out, ua, n);
    out[n] = '\0';
}

/* Reads the validators kept for a conditional GET into If-None-Match and
 * If-Modified-Since headers. */
static void add_validators(fetch *f, job *j)
{
    if (!f->ctx || !f->ctx->ops || !f->ctx->ops->state_get || !j->req->cache_key)
        return;
    char *key = xasprintf(STATE_PREFIX "%s", j->req->cache_key);
    char *text = f->ctx->ops->state_get(f->ctx, key);
    free(key);
    json_t *v = text ? json_loads(text, 0, NULL) : NULL;
    free(text);
    const char *etag = json_string_value(json_object_get(v, "etag"));
    const char *lm = json_string_value(json_object_get(v, "last_modified"));
    char *line;
    if (etag && *etag && !strpbrk(etag, "\r\n")) {
        line = xasprintf("If-None-Match: %s", etag);
        j->headers = curl_slist_append(j->headers, line);
        free(line);
        j->conditional = 1;
    }
    if (lm && *lm && !strpbrk(lm, "\r\n")) {
        line = xasprintf("If-Modified-Since: %s", lm);
        j->headers = curl_slist_append(j->headers, line);
        free(line);
        j->conditional = 1;
    }
    json_decref(v);
}

static job *job_new(fetch *f, const assay_http_request *req, const char *url, const char *host,
                    const char *origin, const char *path)
{
    const http_config *c = f->cfg;
    job *j = xcalloc(1, sizeof *j);
    j->req = req;
    j->url = xstrdup(url);
    j->path = xstrdup(path);
    j->host = host_of(f, host);
    j->origin = origin_of(f, origin, host);
    j->phase = req && c->robots ? J_ROBOTS : J_READY;
    j->cap = req ? (req->max_bytes ? req->max_bytes : c->max_bytes) : ROBOTS_MAX_BYTES;
    double rate = c->rate_per_host;
    if (req && req->max_rate > 0 && (rate <= 0 || req->max_rate < rate))
        rate = req->max_rate;
    j->interval = rate > 0 ? 1.0 / rate : 0;
    j->agent = c->user_agent;
    buf_init(&j->body);
    if (req && req->headers)
        for (const char *const *h = req->headers; *h; h++) {
            if (strncasecmp(*h, "User-Agent:", 11) == 0) {
                j->agent = *h + 11;
                while (*j->agent == ' ' || *j->agent == '\t')
                    j->agent++;
            }
            j->headers = curl_slist_append(j->headers, *h);
        }
    agent_token(j->agent, j->token, sizeof j->token);
    if (req)
        add_validators(f, j);
    f->jobs = xrealloc(f->jobs, (f->njobs + 1) * sizeof *f->jobs);
    f->jobs[f->njobs++] = j;
    return j;
}

/* ------------------------------------------------------------------------
 * Answers
 * --------------------------------------------------------------------- */

/* "text/html" and "utf-8" out of "Text/HTML; Charset=\"UTF-8\"". */
static void media_type(const char *ct, char *type, size_t tlen, char *charset, size_t clen)
{
    type[0] = charset[0] = '\0';
    if (!ct)
        return;
    size_t n = strcspn(ct, ";");
    while (n && isspace((unsigned char)ct[n - 1]))
        n--;
    while (n && isspace((unsigned char)*ct))
        ct++, n--;
    size_t i = 0;
    for (; i < n && i + 1 < tlen; i++)
        type[i] = (char)tolower((unsigned char)ct[i]);
    type[i] = '\0';
    for (const char *p = strchr(ct, ';'); p; p = strchr(p + 1, ';')) {
        const char *a = p + 1;
        while (*a == ' ' || *a == '\t')
            a++;
        if (strncasecmp(a, "charset=", 8) != 0)
            continue;
        a += 8;
        if (*a == '"')
            a++;
        size_t k = 0;
        while (a[k] && a[k] != '"' && a[k] != ';' && !isspace((unsigned char)a[k]) &&
               k + 1 < clen) {
            charset[k] = (char)tolower((unsigned char)a[k]);
            k++;
        }
        charset[k] = '\0';
        break;
    }
}

/* After done() has returned for a 200 to a conditional GET: its validators
 * go to state, so they become durable with what done() emitted. */
static void put_validators(fetch *f, job *j)
{
    if (!f->ctx || !f->ctx->ops || !f->ctx->ops->state_put || !j->req->cache_key)
        return;
    char *key = xasprintf(STATE_PREFIX "%s", j->req->cache_key);
    if (j->etag || j->last_modified) {
        json_t *v = json_object();
        if (j->etag)
            json_object_set_new(v, "etag", json_string(j->etag));
        if (j->last_modified)
            json_object_set_new(v, "last_modified", json_string(j->last_modified));
        char *text = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);
        if (text)
            f->ctx->ops->state_put(f->ctx, key, text);
        free(text);
        json_decref(v);
    } else if (j->conditional) {
        f->ctx->ops->state_put(f->ctx, key, NULL); /* the old ones no longer apply */
    }
    free(key);
}

/* Answers a request: done(), then state. rc and error describe a failure
 * (error without the "GET <url>: " prefix). */
static void answer(fetch *f, job *j, assay_rc rc, const char *error)
{
    char type[128], charset[64];
    char *msg = NULL;
    const char *ct = NULL, *final_url = NULL;
    long status = 0;
    if (j->easy) {
        curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &status);
        curl_easy_getinfo(j->easy, CURLINFO_CONTENT_TYPE, &ct);
        curl_easy_getinfo(j->easy, CURLINFO_EFFECTIVE_URL, &final_url);
    }
    media_type(ct, type, sizeof type, charset, sizeof charset);
    int not_modified = rc == ASSAY_OK && status == 304;
    if (rc != ASSAY_OK) {
        if (j->attempts > 1)
            msg = xasprintf("GET %s: %s after %d attempts", j->url, error, j->attempts);
        else
            msg = xasprintf("GET %s: %s", j->url, error);
    }
    /* a failure keeps the body of an HTTP error page, never a partial one */
    int keep_body = rc == ASSAY_OK || (rc == ASSAY_ERR_HTTP && j->http_error);
    assay_http_response res = {
        .request = j->req,
        .rc = rc,
        .status = status,
        .attempts = j->attempts,
        .not_modified = not_modified,
        .error = msg,
        .body = keep_body && j->body.data ? j->body.data : "",
        .body_len = keep_body ? j->body.len : 0,
        .content_type = type[0] ? type : NULL,
        .charset = charset[0] ? charset : NULL,
        .final_url = final_url ? final_url : j->url,
        .last_modified = rc == ASSAY_OK ? j->last_modified : NULL,
    };
    if (rc == ASSAY_OK)
        count(f, not_modified ? "http_not_modified" : "http_fetched", 1);
    else if (rc != ASSAY_ERR_STOPPED)
        count(f, "http_failed", 1);
    if (rc != ASSAY_OK && rc != ASSAY_ERR_STOPPED)
        log_msg(ASSAY_LOG_DEBUG, who(f), "%s", msg);
    f->done(&res, f->ud);
    /* a run stopping may have cut done() short: then keep the old
     * validators, and the next run fetches the page again */
    if (rc == ASSAY_OK && !not_modified && !should_stop(f))
        put_validators(f, j);
    free(msg);
    j->phase = J_DONE;
    f->left--;
    if (j->easy) {
        curl_easy_cleanup(j->easy);
        j->easy = NULL;
    }
    job_clear_response(j);
    buf_free(&j->body);
}

/* ------------------------------------------------------------------------
 * Transfers
 * --------------------------------------------------------------------- */

static int start(fetch *f, job *j)
{
    const http_config *c = f->cfg;
    job_clear_response(j);
    if (!j->easy && !(j->easy = curl_easy_init()))
        return -1;
    CURL *e = j->easy;
    curl_easy_reset(e);
    curl_easy_setopt(e, CURLOPT_URL, j->url);
    curl_easy_setopt(e, CURLOPT_PRIVATE, j);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, c->max_redirects > 0 ? 1L : 0L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, c->max_redirects);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");      /* every encoding curl decodes */
    curl_easy_setopt(e, CURLOPT_USERAGENT, c->user_agent); /* a header in the request wins */
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, j->headers);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, (long)(c->connect_timeout * 1000));
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)(c->timeout * 1000));
    if (c->low_speed_time > 0) {
        curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, c->low_speed_time);
        curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, c->low_speed_limit);
    }
    if (j->req)
        curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)j->cap);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, j);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, j);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, j->errbuf);
    curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
    if (share)
        curl_easy_setopt(e, CURLOPT_SHARE, share);
    if (curl_multi_add_handle(f->multi, e) != CURLM_OK)
        return -1;
    j->attempts++;
    j->phase = J_RUNNING;
    f->hosts[j->host].running++;
    f->running++;
    if (j->attempts > 1)
        count(f, "http_retries", 1);
    return 0;
}

static void robots_done(fetch *f, job *j, long status, const char *error);

/* Starts what the limits allow; *wake gets the earliest time a waiting
 * job could start. */
static void start_ready(fetch *f, double now, double *wake)
{
    /* robots.txt fetches first: requests wait on them */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < f->njobs && f->running < f->cfg->concurrency; i++) {
            job *j = f->jobs[i];
            if (j->phase != J_READY || (pass == 0) != (j->req == NULL))
                continue;
            if (now < j->not_before) {
                if (j->not_before < *wake)
                    *wake = j->not_before;
                continue;
            }
            host_slot *h = &f->hosts[j->host];
            if (h->running >= f->cfg->per_host)
                continue;
            if (j->interval > 0 && now < h->wait_until) {
                if (h->wait_until < *wake) /* known already: no need to ask */
                    *wake = h->wait_until;
                continue;
            }
            double when;
            if (j->interval > 0 && !rate_take(h->name, j->interval, now, &when)) {
                h->wait_until = when;
                if (when < *wake)
                    *wake = when;
                continue;
            }
            if (start(f, j) != 0) {
                if (j->req)
                    answer(f, j, ASSAY_ERR_HTTP, "curl could not start the transfer");
                else
                    robots_done(f, j, 0, "curl could not start the transfer");
            }
        }
}

/* What a failed transfer says, in a few words, with curl's own text. */
static void describe_curl(job *j, CURLcode res, const http_config *c, char *out, size_t n)
{
    long oserr = 0;
    curl_easy_getinfo(j->easy, CURLINFO_OS_ERRNO, &oserr);
    const char *what;
    switch (res) {
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
        what = oserr == ECONNRESET || oserr == EPIPE ? "connection reset"
               : res == CURLE_RECV_ERROR             ? "receive failed"
                                                     : "send failed";
        break;
    case CURLE_COULDNT_CONNECT: what = "could not connect"; break;
    case CURLE_COULDNT_RESOLVE_HOST: what = "could not resolve host"; break;
    case CURLE_PARTIAL_FILE: what = "body cut short"; break;
    case CURLE_GOT_NOTHING: what = "empty reply"; break;
    case CURLE_PEER_FAILED_VERIFICATION: what = "TLS certificate not trusted"; break;
    case CURLE_SSL_CONNECT_ERROR: what = "TLS handshake failed"; break;
    case CURLE_BAD_CONTENT_ENCODING: what = "bad content encoding"; break;
    case CURLE_OPERATION_TIMEDOUT:
        what = strncmp(j->errbuf, "Operation too slow", 18) == 0 ? "too slow" : "timed out";
        break;
    default: what = "transfer failed"; break;
    }
    const char *detail = j->errbuf[0] ? j->errbuf : curl_easy_strerror(res);
    if (strcmp(what, "too slow") == 0)
        snprintf(out, n, "too slow: under %ld bytes/s for %ld s (curl: %s)", c->low_speed_limit,
                 c->low_speed_time, detail);
    else
        snprintf(out, n, "%s (curl: %s)", what, detail);
}

static int retryable_curl(CURLcode res)
{
    switch (res) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_GOT_NOTHING:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM: return 1;
    default: return 0;
    }
}

/* Seconds a Retry-After value asks for (delta-seconds or an HTTP-date);
 * -1 when absent or unreadable. */
static double retry_after_seconds(const char *v)
{
    if (!v || !*v)
        return -1;
    if (isdigit((unsigned char)*v)) {
        char *end;
        double s = strtod(v, &end);
        return *end == '\0' ? s : -1;
    }
    time_t t = curl_getdate(v, NULL);
    if (t == (time_t)-1)
        return -1;
    double d = difftime(t, time(NULL));
    return d > 0 ? d : 0;
}

/* A robots.txt fetch ended: keep what it says for the origin. */
static void robots_done(fetch *f, job *j, long status, const char *error)
{
    origin_slot *o = &f->origins[j->origin];
    if (error && j->attempts > 1)
        o->error = xasprintf("robots.txt of %s could not be read (%s after %d attempts)", o->name,
                             error, j->attempts);
    else if (error)
        o->error = xasprintf("robots.txt of %s could not be read (%s)", o->name, error);
    else if (status >= 200 && status < 300) {
        o->text = xstrndup(j->body.data ? j->body.data : "", j->body.len);
    }
    /* 4xx: no robots.txt, everything allowed (RFC 9309, 2.3.1.3) */
    robots_cache_put(o->name, o->text, o->error);
    o->state = O_READY;
    log_msg(ASSAY_LOG_DEBUG, who(f), "robots.txt of %s: %s", o->name,
            o->error  ? o->error
            : o->text ? "rules read"
                      : "none (all allowed)");
    j->phase = J_DONE;
    if (j->easy) {
        curl_easy_cleanup(j->easy);
        j->easy = NULL;
    }
    job_clear_response(j);
    buf_free(&j->body);
}

/* A transfer ended: answer, retry, or fail. */
static void finished(fetch *f, job *j, CURLcode res)
{
    const http_config *c = f->cfg;
    long status = 0;
    char what[CURL_ERROR_SIZE + 512];
    int retry = 0;
    curl_multi_remove_handle(f->multi, j->easy);
    f->hosts[j->host].running--;
    f->running--;
    curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &status);
    what[0] = '\0';
    j->http_error = res == CURLE_OK;
    if (res == CURLE_OK) {
        if ((status >= 200 && status < 300) || (status == 304 && j->conditional)) {
            if (j->req)
                answer(f, j, ASSAY_OK, NULL);
            else
                robots_done(f, j, status, NULL);
            return;
        }
        if (status == 429 || status == 408 || status >= 500)
            retry = 1;
        if (status >= 300 && status < 400)
            snprintf(what, sizeof what, "HTTP %ld (redirect%s%s not followed)", status,
                     j->location ? " to " : "", j->location ? j->location : "");
        else
            snprintf(what, sizeof what, "HTTP %ld", status);
    } else if ((res == CURLE_WRITE_ERROR && j->over_cap) || res == CURLE_FILESIZE_EXCEEDED) {
        snprintf(what, sizeof what, "body over %zu bytes", j->cap);
    } else if (res == CURLE_TOO_MANY_REDIRECTS) {
        char *next = NULL;
        curl_easy_getinfo(j->easy, CURLINFO_REDIRECT_URL, &next);
        snprintf(what, sizeof what, "more than %ld redirects (the next to %s)", c->max_redirects,
                 next          ? next
                 : j->location ? j->location
                               : "?");
    } else if (res == CURLE_UNSUPPORTED_PROTOCOL) {
        char *eff = NULL;
        curl_easy_getinfo(j->easy, CURLINFO_EFFECTIVE_URL, &eff);
        snprintf(what, sizeof what, "redirect to %s refused (only http and https are followed)",
                 eff           ? eff
                 : j->location ? j->location
                               : "?");
    } else {
        describe_curl(j, res, c, what, sizeof what);
        retry = retryable_curl(res);
    }

    if (!j->req && !retry) {
        /* robots.txt missing (4xx), redirected away, ...: no rules; only a
         * server or network failure makes it unreadable (RFC 9309 2.3.1) */
        robots_done(f, j, status, NULL);
        return;
    }
    if (retry && j->attempts <= c->retries) {
        double ra = status == 429 || status == 503 ? retry_after_seconds(j->retry_after) : -1;
        double wait;
        if (ra > c->retry_after_max) {
            char more[128];
            snprintf(more, sizeof more, " with Retry-After %.0f s, over retry_after_max %g s", ra,
                     c->retry_after_max);
            strncat(what, more, sizeof what - strlen(what) - 1);
            goto fail;
        }
        if (ra >= 0) {
            wait = ra;
        } else {
            double b = c->backoff_base * pow(2, j->attempts - 1);
            if (b > c->backoff_max)
                b = c->backoff_max;
            wait = b / 2 + rand01(f) * b / 2; /* "equal jitter" */
        }
        log_msg(ASSAY_LOG_DEBUG, who(f), "GET %s: %s; attempt %d of %ld in %.2f s", j->url, what,
                j->attempts + 1, c->retries + 1, wait);
        j->not_before = now_mono() + wait;
        j->phase = J_READY;
        return;
    }
fail:
    if (j->req)
        answer(f, j, ASSAY_ERR_HTTP, what);
    else
        robots_done(f, j, status, what);
}

/* Requests waiting for robots.txt: decide those whose origin is known,
 * and fetch the robots.txt of origins nobody has. One pass over the jobs;
 * the shared cache is asked at most once per origin per turn. */
static void check_robots(fetch *f)
{
    f->turn++;
    for (size_t i = 0; i < f->njobs; i++) {
        job *j = f->jobs[i];
        if (j->phase != J_ROBOTS)
            continue;
        origin_slot *o = &f->origins[j->origin];
        if (o->state == O_UNKNOWN && o->asked != f->turn) {
            o->asked = f->turn;
            switch (robots_cache_get(o->name, &o->text, &o->error)) {
            case ROBOTS_READY: o->state = O_READY; break;
            case ROBOTS_PENDING: break; /* another call fetches it: ask again next turn */
            case ROBOTS_ABSENT: {
                char *url = xasprintf("%s/robots.txt", o->name);
                job_new(f, NULL, url, o->host, o->name, "/robots.txt");
                free(url);
                o = &f->origins[j->origin];
                o->state = O_FETCHING;
                break;
            }
            }
        }
        if (o->state != O_READY)
            continue;
        char rule[256], why[512];
        if (o->error) {
            snprintf(why, sizeof why, "%s; not fetched", o->error);
            answer(f, j, ASSAY_ERR_HTTP, why);
        } else if (!robots_allowed(o->text, j->token, j->path, rule, sizeof rule)) {
            snprintf(why, sizeof why, "disallowed by robots.txt of %s (%s)", o->name, rule);
            answer(f, j, ASSAY_ERR_HTTP, why);
        } else {
            j->phase = J_READY;
        }
    }
}

/* The run is stopping: everything not answered is answered so. */
static void stop_all(fetch *f)
{
    for (size_t i = 0; i < f->njobs; i++) {
        job *j = f->jobs[i];
        if (j->phase == J_RUNNING) {
            curl_multi_remove_handle(f->multi, j->easy);
            f->hosts[j->host].running--;
            f->running--;
            j->phase = J_READY;
        }
        if (j->phase != J_DONE && j->req) {
            job_clear_response(j);
            if (j->easy) {
                curl_easy_cleanup(j->easy);
                j->easy = NULL;
            }
            answer(f, j, ASSAY_ERR_STOPPED, "not fetched: the run is stopping");
        }
    }
}

/* ------------------------------------------------------------------------
 * The call
 * --------------------------------------------------------------------- */

assay_rc http_fetch_with(assay_ctx *ctx, const http_config *cfg, const assay_http_request *reqs,
                         size_t n, assay_http_done done, void *ud)
{
    http_config defaults;
    fetch f;
    int own_multi = 0;
    assay_rc rc = ASSAY_OK;

    if (n == 0)
        return ASSAY_OK;
    if (!reqs || !done)
        return ctx_fail(ctx, ASSAY_ERR_INVALID, "http_fetch: no requests or no done() callback");
    http_global_init();
    if (!cfg) {
        http_config_load(NULL, &defaults);
        cfg = &defaults;
    }
    memset(&f, 0, sizeof f);
    f.ctx = ctx;
    f.cfg = cfg;
    f.done = done;
    f.ud = ud;
    f.rng = (uint64_t)(now_mono() * 1e9) ^ (uint64_t)(uintptr_t)&f ^ 0x9e3779b97f4a7c15ull;
    f.left = n;
    for (size_t i = 0; i < n; i++) {
        char *host = NULL, *origin = NULL, *path = NULL, why[256];
        const char *url = reqs[i].url ? reqs[i].url : "";
        if (parse_url(url, &host, &origin, &path, why, sizeof why) != 0) {
            job *j = job_new(&f, &reqs[i], url, "", "", "/");
            answer(&f, j, ASSAY_ERR_HTTP, reqs[i].url ? why : "no URL given");
        } else {
            job_new(&f, &reqs[i], url, host, origin, path);
        }
        free(host);
        free(origin);
        free(path);
    }
    f.multi = thread_multi(&own_multi);
    if (!f.multi) {
        for (size_t i = 0; i < f.njobs; i++)
            if (f.jobs[i]->phase != J_DONE)
                answer(&f, f.jobs[i], ASSAY_ERR_HTTP, "curl_multi_init failed");
        goto out;
    }
    curl_multi_setopt(f.multi, CURLMOPT_MAXCONNECTS, cfg->concurrency);

    while (f.left > 0) {
        if (should_stop(&f)) {
            stop_all(&f);
            rc = ASSAY_ERR_STOPPED;
            break;
        }
        double now = now_mono(), wake = now + POLL_MS / 1000.0;
        check_robots(&f);
        start_ready(&f, now, &wake);
        int still = 0;
        curl_multi_perform(f.multi, &still);
        CURLMsg *msg;
        int left_msgs, ended = 0;
        while ((msg = curl_multi_info_read(f.multi, &left_msgs))) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            char *priv = NULL;
            CURLcode res = msg->data.result;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
            finished(&f, (job *)priv, res);
            ended = 1;
        }
        if (f.left == 0)
            break;
        if (ended)
            continue; /* slots came free: fill them before waiting */
        /* retries and rate waits that came due while we worked: go on */
        double ms = (wake - now_mono()) * 1000;
        if (ms > POLL_MS)
            ms = POLL_MS;
        if (ms >= 1)
            curl_multi_poll(f.multi, NULL, 0, (int)ms, NULL);
    }

out:
    for (size_t i = 0; i < f.njobs; i++) {
        job *j = f.jobs[i];
        if (j->easy && j->phase == J_RUNNING)
            curl_multi_remove_handle(f.multi, j->easy);
        if (!j->req && j->phase != J_DONE)
            robots_cache_abandon(f.origins[j->origin].name);
        job_free(j);
    }
    free(f.jobs);
    for (size_t i = 0; i < f.nhosts; i++)
        free(f.hosts[i].name);
    free(f.hosts);
    for (size_t i = 0; i < f.norigins; i++) {
        free(f.origins[i].name);
        free(f.origins[i].host);
        free(f.origins[i].text);
        free(f.origins[i].error);
    }
    free(f.origins);
    release_multi(f.multi, own_multi);
    return rc;
}

assay_rc http_fetch(assay_ctx *ctx, const assay_http_request *reqs, size_t n, assay_http_done done,
                    void *ud)
{
    http_config cfg;
    http_config_load(ctx ? ctx->http : NULL, &cfg);
    return http_fetch_with(ctx, &cfg, reqs, n, done, ud);
}
