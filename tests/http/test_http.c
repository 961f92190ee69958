/*
 * test_http.c - the core's HTTP service against a real server on
 * 127.0.0.1 (tests/httpd/server.py) that misbehaves on purpose.
 *
 * Every fault ends in a clear per-request error or a correct result while
 * the other requests of the same call are unaffected. Timing claims (rate,
 * Retry-After, limits) are read from the server's own request log, not
 * from the client. The service is called directly with a context these
 * tests build (state and stop flag of their own), and through `assay run`
 * with the httpget test plugin (state kept by the runner between runs).
 */
#include "testutil.h"

#include "ctx.h"
#include "http.h"
#include "mem.h"

#include <curl/curl.h>
#include <jansson.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------------------
 * The server: one per test case, started by the (unforked) fixture
 * --------------------------------------------------------------------- */

static proc server;
static char *server_dir;
static int port;

static void server_start(void)
{
    server_dir = tmpdir_new();
    char *pf = path_in(server_dir, "port");
    const char *argv[] = {"/usr/bin/python3", TESTS_DIR "/httpd/server.py", "--port-file", pf,
                          NULL};
    proc_start(&server, NULL, argv, NULL);
    for (int i = 0; i < 400 && !file_exists(pf); i++) {
        struct timespec ts = {0, 25 * 1000000};
        nanosleep(&ts, NULL);
    }
    char *text = read_text(pf, NULL);
    ck_assert_msg(text != NULL, "the test server did not start");
    port = atoi(text);
    ck_assert_int_gt(port, 0);
    free(text);
    free(pf);
    http_global_init();
}

static void server_stop(void)
{
    kill(server.pid, SIGTERM);
    proc_wait(&server, 10);
    proc_free(&server);
    tmpdir_free(server_dir);
}

static char *url_of(const char *path)
{
    return xasprintf("http://127.0.0.1:%d%s", port, path);
}

static size_t collect_body(char *data, size_t size, size_t n, void *ud)
{
    buf_append(ud, data, size * n);
    return size * n;
}

/* A plain GET to the server (control paths), with curl directly. */
static char *srv_get(const char *path)
{
    char *url = url_of(path);
    buf b;
    buf_init(&b);
    CURL *c = curl_easy_init();
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
    CURLcode rc = curl_easy_perform(c);
    ck_assert_msg(rc == CURLE_OK, "GET %s: %s", url, curl_easy_strerror(rc));
    curl_easy_cleanup(c);
    free(url);
    buf_puts(&b, "");
    return buf_steal(&b);
}

static void srv_reset(void)
{
    free(srv_get("/__reset"));
}

/* Sets robots.txt for every host (status 200 unless given). */
static void srv_robots(const char *text, int status)
{
    char *esc = curl_easy_escape(NULL, text, 0);
    char *path = xasprintf("/__robots?status=%d&text=%s", status, esc);
    free(srv_get(path));
    free(path);
    curl_free(esc);
}

static json_t *srv_log(void)
{
    char *text = srv_get("/__log");
    json_t *j = json_loads(text, 0, NULL);
    ck_assert_msg(j != NULL, "/__log is not JSON: %s", text);
    free(text);
    return j;
}

/* The logged requests whose path starts with prefix, in arrival order. */
static json_t *logged(json_t *log, const char *prefix)
{
    json_t *out = json_array();
    json_t *reqs = json_object_get(log, "requests");
    for (size_t i = 0; i < json_array_size(reqs); i++) {
        json_t *r = json_array_get(reqs, i);
        if (strncmp(json_string_value(json_object_get(r, "path")), prefix, strlen(prefix)) == 0)
            json_array_append(out, r);
    }
    return out;
}

static size_t count_logged(const char *prefix)
{
    json_t *log = srv_log();
    json_t *l = logged(log, prefix);
    size_t n = json_array_size(l);
    json_decref(l);
    json_decref(log);
    return n;
}

static double req_time(json_t *list, size_t i)
{
    return json_real_value(json_object_get(json_array_get(list, i), "time"));
}

static const char *req_header(json_t *list, size_t i, const char *name)
{
    json_t *h = json_object_get(json_array_get(list, i), "headers");
    const char *k;
    json_t *v;
    json_object_foreach(h, k, v)
    {
        if (strcasecmp(k, name) == 0)
            return json_string_value(v);
    }
    return NULL;
}

static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ------------------------------------------------------------------------
 * A context of our own: state in a JSON object, a stop flag, and a trace
 * of done() calls and state puts (to check their order)
 * --------------------------------------------------------------------- */

typedef struct tctx {
    json_t *state;
    atomic_int stop;
    buf trace;
} tctx;

static char *t_state_get(assay_ctx *ctx, const char *key)
{
    tctx *t = ctx->ops_data;
    const char *v = json_string_value(json_object_get(t->state, key));
    return v ? xstrdup(v) : NULL;
}

static assay_rc t_state_put(assay_ctx *ctx, const char *key, const char *value)
{
    tctx *t = ctx->ops_data;
    buf_printf(&t->trace, "put %s;", key);
    if (value)
        json_object_set_new(t->state, key, json_string(value));
    else
        json_object_del(t->state, key);
    return ASSAY_OK;
}

static int t_should_stop(assay_ctx *ctx)
{
    tctx *t = ctx->ops_data;
    return atomic_load(&t->stop);
}

static const ctx_ops test_ops = {
    .state_get = t_state_get, .state_put = t_state_put, .should_stop = t_should_stop};

/* A context whose entry has these "http" settings (JSON text, or NULL). */
static assay_ctx *make_ctx(tctx *t, const char *http_json)
{
    memset(t, 0, sizeof *t);
    t->state = json_object();
    buf_init(&t->trace);
    assay_ctx *ctx = ctx_new("t", "test", NULL, NULL, NULL);
    ctx->ops = &test_ops;
    ctx->ops_data = t;
    if (http_json) {
        json_error_t e;
        ctx->http = json_loads(http_json, 0, &e);
        ck_assert_msg(ctx->http != NULL, "test bug: %s", e.text);
        const char *key, *hint;
        char err[512];
        ck_assert_msg(http_config_check(ctx->http, &key, err, sizeof err, &hint) == 0, "%s", err);
    }
    return ctx;
}

static void free_ctx(assay_ctx *ctx, tctx *t)
{
    ctx_free(ctx);
    json_decref(t->state);
    buf_free(&t->trace);
}

/* ------------------------------------------------------------------------
 * Fetching and keeping what done() saw
 * --------------------------------------------------------------------- */

typedef struct got {
    int called;
    assay_rc rc;
    long status;
    int attempts, not_modified;
    char *error, *body, *content_type, *charset, *final_url, *last_modified;
    size_t body_len;
    double at;
    int thread_ok;
} got;

typedef struct batch {
    const assay_http_request *reqs;
    got *g;
    size_t n;
    pthread_t caller;
    tctx *t;
    int stop_after; /* > 0: set the stop flag after this many answers */
    size_t answered;
} batch;

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static void on_done(const assay_http_response *res, void *ud)
{
    batch *b = ud;
    size_t i = (size_t)(res->request - b->reqs);
    ck_assert_msg(i < b->n, "done() got a request that is not ours");
    got *g = &b->g[i];
    ck_assert_msg(!g->called, "done() called twice for %s", res->request->url);
    g->called = 1;
    g->rc = res->rc;
    g->status = res->status;
    g->attempts = res->attempts;
    g->not_modified = res->not_modified;
    g->error = dup_or_null(res->error);
    ck_assert_msg(res->body != NULL, "body is NULL for %s", res->request->url);
    ck_assert_msg(res->body[res->body_len] == '\0', "body not NUL-terminated");
    g->body = xstrndup(res->body, res->body_len);
    g->body_len = res->body_len;
    g->content_type = dup_or_null(res->content_type);
    g->charset = dup_or_null(res->charset);
    g->final_url = dup_or_null(res->final_url);
    g->last_modified = dup_or_null(res->last_modified);
    g->at = mono();
    g->thread_ok = pthread_equal(pthread_self(), b->caller);
    if (b->t)
        buf_printf(&b->t->trace, "done %zu;", i);
    b->answered++;
    if (b->stop_after > 0 && b->answered == (size_t)b->stop_after && b->t)
        atomic_store(&b->t->stop, 1);
}

/* Fetches n requests; every request must be answered exactly once, in the
 * calling thread. */
static assay_rc fetch(assay_ctx *ctx, tctx *t, const assay_http_request *reqs, size_t n, got *g,
                      int stop_after)
{
    memset(g, 0, n * sizeof *g);
    batch b = {reqs, g, n, pthread_self(), t, stop_after, 0};
    assay_rc rc = http_fetch(ctx, reqs, n, on_done, &b);
    for (size_t i = 0; i < n; i++) {
        ck_assert_msg(g[i].called, "no answer for %s", reqs[i].url ? reqs[i].url : "(null)");
        ck_assert_msg(g[i].thread_ok, "done() for %s ran in another thread", reqs[i].url);
        if (g[i].rc != ASSAY_OK)
            ck_assert_msg(g[i].error && *g[i].error, "a failure without a message");
    }
    return rc;
}

static void free_got(got *g, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(g[i].error);
        free(g[i].body);
        free(g[i].content_type);
        free(g[i].charset);
        free(g[i].final_url);
        free(g[i].last_modified);
    }
}

/* Requests for these paths on the test server (urls freed by free_reqs). */
static assay_http_request *reqs_for(const char *const *paths, size_t n)
{
    assay_http_request *r = xcalloc(n, sizeof *r);
    for (size_t i = 0; i < n; i++)
        r[i].url = url_of(paths[i]);
    return r;
}

static void free_reqs(assay_http_request *r, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free((char *)r[i].url);
    free(r);
}

#define expect_error(g, text)                                                                      \
    ck_assert_msg((g).rc == ASSAY_ERR_HTTP && (g).error && strstr((g).error, text),                \
                  "expected an error containing '%s', got rc %d: %s", text, (g).rc,                \
                  (g).error ? (g).error : "(none)")

#define expect_ok(g)                                                                               \
    ck_assert_msg((g).rc == ASSAY_OK, "expected success, got rc %d: %s", (g).rc,                   \
                  (g).error ? (g).error : "(none)")

/* Fast retries for tests: the waits are not what is under test here. */
#define FAST "\"backoff_base\": 0.05, \"backoff_max\": 0.2"

/* ------------------------------------------------------------------------
 * Correct answers
 * --------------------------------------------------------------------- */

START_TEST(serves_fixtures)
{
    srv_reset();
    const char *paths[] = {
        "/feeds/guardian-us.rss",
        "/ok",
        "/echo",
        "/gzip/feeds/heise-developer.atom",
        "/invalid-utf8",
        "/empty",
        "/wrong-type",
        "/no-type",
        "/articles/html/04a6711caa7c687592777718866e781e976e0fe684faebe8b3cedcef8cd0ea34.html"};
    size_t n = sizeof paths / sizeof *paths;
    assay_http_request *r = reqs_for(paths, n);
    got g[9];
    ck_assert_int_eq(fetch(NULL, NULL, r, n, g, 0), ASSAY_OK);
    for (size_t i = 0; i < n; i++) {
        expect_ok(g[i]);
        ck_assert_int_eq(g[i].status, 200);
        ck_assert_int_eq(g[i].attempts, 1);
        ck_assert_str_eq(g[i].final_url, r[i].url);
    }
    size_t len;
    char *rss = read_text(SHARED_DIR "/fixtures/feeds/guardian-us.rss", &len);
    ck_assert_uint_eq(g[0].body_len, len);
    ck_assert(memcmp(g[0].body, rss, len) == 0);
    free(rss);
    ck_assert_str_eq(g[0].content_type, "application/rss+xml");
    ck_assert_ptr_null(g[0].charset);
    ck_assert_ptr_nonnull(g[0].last_modified);
    ck_assert_str_eq(g[1].body, "ok\n");
    /* the default User-Agent, and gzip offered */
    json_t *echo = json_loads(g[2].body, 0, NULL);
    const char *ua =
        json_string_value(json_object_get(json_object_get(echo, "headers"), "User-Agent"));
    ck_assert_str_eq(ua, http_default_user_agent());
    ck_assert(strncmp(ua, "assay/", 6) == 0);
    ck_assert(contains(
        json_string_value(json_object_get(json_object_get(echo, "headers"), "Accept-Encoding")),
        "gzip"));
    json_decref(echo);
    /* a gzip-encoded body arrives decoded */
    char *atom = read_text(SHARED_DIR "/fixtures/feeds/heise-developer.atom", &len);
    ck_assert_uint_eq(g[3].body_len, len);
    ck_assert(memcmp(g[3].body, atom, len) == 0);
    free(atom);
    /* bytes are handed over as they came; the charset is reported */
    ck_assert(memmem(g[4].body, g[4].body_len, "\xff\xfe", 2) != NULL);
    ck_assert_str_eq(g[4].content_type, "text/html");
    ck_assert_str_eq(g[4].charset, "utf-8");
    /* an empty 200 is a success with an empty (not NULL) body */
    ck_assert_uint_eq(g[5].body_len, 0);
    ck_assert_str_eq(g[5].body, "");
    /* wrong or missing types are reported as they are, for the plugin to judge */
    ck_assert_str_eq(g[6].content_type, "image/png");
    ck_assert_ptr_null(g[7].content_type);
    ck_assert(contains(g[8].body, "<html"));
    free_got(g, n);
    free_reqs(r, n);
}
END_TEST

START_TEST(user_agent_config_and_header)
{
    srv_reset();
    tctx t;
    assay_ctx *ctx = make_ctx(&t, "{\"user_agent\": \"assay-test/1 (ops@example.com)\"}");
    const char *h[] = {"User-Agent: other/2.0", "X-Extra: yes", NULL};
    assay_http_request r[2] = {{.url = url_of("/echo")}, {.url = url_of("/echo"), .headers = h}};
    got g[2];
    ck_assert_int_eq(fetch(ctx, &t, r, 2, g, 0), ASSAY_OK);
    json_t *a = json_loads(g[0].body, 0, NULL), *b = json_loads(g[1].body, 0, NULL);
    ck_assert_str_eq(
        json_string_value(json_object_get(json_object_get(a, "headers"), "User-Agent")),
        "assay-test/1 (ops@example.com)");
    ck_assert_str_eq(
        json_string_value(json_object_get(json_object_get(b, "headers"), "User-Agent")),
        "other/2.0");
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(b, "headers"), "X-Extra")),
                     "yes");
    json_decref(a);
    json_decref(b);
    free_got(g, 2);
    free((char *)r[0].url);
    free((char *)r[1].url);
    free_ctx(ctx, &t);
}
END_TEST

/* ------------------------------------------------------------------------
 * Faults: each a clear error, the rest of the call unaffected
 * --------------------------------------------------------------------- */

START_TEST(status_errors_are_not_retried)
{
    srv_reset();
    const char *paths[] = {"/status/404", "/status/410", "/ok", "/missing-file.html"};
    assay_http_request *r = reqs_for(paths, 4);
    got g[4];
    ck_assert_int_eq(fetch(NULL, NULL, r, 4, g, 0), ASSAY_OK);
    char want[256];
    snprintf(want, sizeof want, "GET %s: HTTP 404", r[0].url);
    ck_assert_str_eq(g[0].error, want);
    ck_assert_int_eq(g[0].status, 404);
    ck_assert_int_eq(g[0].attempts, 1);
    ck_assert_str_eq(g[0].body, "status 404\n"); /* the error page is kept */
    expect_error(g[1], "HTTP 410");
    expect_ok(g[2]);
    expect_error(g[3], "HTTP 404");
    ck_assert_uint_eq(count_logged("/status/"), 2); /* one attempt each */
    free_got(g, 4);
    free_reqs(r, 4);
}
END_TEST

START_TEST(retries_then_success)
{
    srv_reset();
    tctx t;
    assay_ctx *ctx = make_ctx(&t, "{" FAST ", \"retries\": 2}");
    const char *paths[] = {"/fail/500/2/a", "/fail/503/1/b", "/status/503", "/fail/502/3/c", "/ok"};
    assay_http_request *r = reqs_for(paths, 5);
    got g[5];
    ck_assert_int_eq(fetch(ctx, &t, r, 5, g, 0), ASSAY_OK);
    expect_ok(g[0]);
    ck_assert_int_eq(g[0].attempts, 3);
    ck_assert_str_eq(g[0].body, "ok a\n");
    expect_ok(g[1]);
    ck_assert_int_eq(g[1].attempts, 2);
    char want[256];
    snprintf(want, sizeof want, "GET %s: HTTP 503 after 3 attempts", r[2].url);
    ck_assert_str_eq(g[2].error, want);
    ck_assert_int_eq(g[2].status, 503);
    expect_error(g[3], "HTTP 502 after 3 attempts"); /* needed 4 */
    expect_ok(g[4]);
    ck_assert_int_eq(g[4].attempts, 1);
    ck_assert_uint_eq(count_logged("/status/503"), 3);
    ck_assert_uint_eq(count_logged("/fail/500/2/a"), 3);
    free_got(g, 5);
    free_reqs(r, 5);
    free_ctx(ctx, &t);
}
END_TEST

START_TEST(retry_after_is_honoured)
{
    srv_reset();
    tctx t;
    /* a backoff far shorter than Retry-After: only the header explains the wait */
    assay_ctx *ctx = make_ctx(&t, "{" FAST ", \"retry_after_max\": 5}");
    const char *paths[] = {"/fail/429/1/ra?retry_after=1", "/fail/503/1/rd?retry_after_date=2",
                           "/status/429?retry_after=600", "/ok"};
    assay_http_request *r = reqs_for(paths, 4);
    got g[4];
    double t0 = mono();
    ck_assert_int_eq(fetch(ctx, &t, r, 4, g, 0), ASSAY_OK);
    expect_ok(g[0]);
    ck_assert_int_eq(g[0].attempts, 2);
    expect_ok(g[1]);
    ck_assert_int_eq(g[1].attempts, 2);
    /* over retry_after_max: fails at once, saying why */
    expect_error(g[2], "HTTP 429 with Retry-After 600 s, over retry_after_max 5 s");
    ck_assert_int_eq(g[2].attempts, 1);
    ck_assert(g[2].at - t0 < 1.0);
    expect_ok(g[3]);
    json_t *log = srv_log();
    json_t *a = logged(log, "/fail/429/1/ra"), *b = logged(log, "/fail/503/1/rd");
    ck_assert_uint_eq(json_array_size(a), 2);
    ck_assert_uint_eq(json_array_size(b), 2);
    double gap_s = req_time(a, 1) - req_time(a, 0), gap_d = req_time(b, 1) - req_time(b, 0);
    ck_assert_msg(gap_s >= 0.95 && gap_s < 2.5, "Retry-After: 1 gave a gap of %.3f s", gap_s);
    /* an HTTP-date two seconds ahead, at one-second resolution */
    ck_assert_msg(gap_d >= 0.95 && gap_d < 3.5, "Retry-After: <date +2 s> gave %.3f s", gap_d);
    json_decref(a);
    json_decref(b);
    json_decref(log);
    free_got(g, 4);
    free_reqs(r, 4);
    free_ctx(ctx, &t);
}
END_TEST

START_TEST(connection_reset_mid_body)
{
    srv_reset();
    tctx t;
    assay_ctx *ctx = make_ctx(&t, "{" FAST ", \"retries\": 2}");
    const char *paths[] = {"/reset?after=5000", "/ok"};
    assay_http_request *r = reqs_for(paths, 2);
    got g[2];
    ck_assert_int_eq(fetch(ctx, &t, r, 2, g, 0), ASSAY_OK);
    char want[256];
    snprintf(want, sizeof want, "GET %s: connection reset (curl: ", r[0].url);
    ck_assert_msg(strncmp(g[0].error, want, strlen(want)) == 0, "got: %s", g[0].error);
    ck_assert_msg(contains(g[0].error, ") after 3 attempts"), "got: %s", g[0].error);
    ck_assert_uint_eq(g[0].body_len, 0); /* never a partial body */
    expect_ok(g[1]);
    ck_assert_uint_eq(count_logged("/reset"), 3);
    free_got(g, 2);
    free_reqs(r, 2);
    free_ctx(ctx, &t);
}
END_TEST

START_TEST(slow_bodies_and_timeouts)
{
    srv_reset();
    tctx t;
    assay_ctx *ctx =
        make_ctx(&t, "{\"retries\": 0, \"low_speed_time\": 1, \"low_speed_limit\": 100}");
    const char *paths[] = {"/trickle?bytes=60&interval_ms=100", "/ok?delay=3000", "/ok"};
    assay_http_request *r = reqs_for(paths, 3);
    got g[3];
    double t0 = mono();
    ck_assert_int_eq(fetch(ctx, &t, r, 3, g, 0), ASSAY_OK);
    expect_error(g[0], "too slow: under 100 bytes/s for 1 s (curl: ");
    ck_assert_msg(g[0].at - t0 < 3.0, "the low-speed limit took %.2f s", g[0].at - t0);
    expect_error(g[1], "too slow"); /* nothing at all for a second is slow too */
    expect_ok(g[2]);
    free_got(g, 3);
    free_ctx(ctx, &t);

    /* the whole attempt's limit, and retries of a timeout */
    srv_reset();
    ctx = make_ctx(&t, "{" FAST ", \"retries\": 1, \"low_speed_time\": 0, \"timeout\": 0.5}");
    t0 = mono();
    ck_assert_int_eq(fetch(ctx, &t, r + 1, 2, g, 0), ASSAY_OK);
    expect_error(g[0], "timed out (curl: ");
    expect_error(g[0], "after 2 attempts");
    ck_assert_msg(g[0].at - t0 >= 0.95 && g[0].at - t0 < 2.5, "two timeouts took %.2f s",
                  g[0].at - t0);
    expect_ok(g[1]);
    free_got(g, 2);
    free_reqs(r, 3);
    free_ctx(ctx, &t);
}
END_TEST

START_TEST(body_caps)
{
    srv_reset();
    const char *paths[] = {"/big", "/big?chunked=1", "/gzip-bomb", "/big?mb=1", "/ok"};
    assay_http_request *r = reqs_for(paths, 5);
    r[3].max_bytes = 2 << 20; /* a request's own cap */
    got g[5];
    double t0 = mono();
    ck_assert_int_eq(fetch(NULL, NULL, r, 5, g, 0), ASSAY_OK);
    char want[256];
    snprintf(want, sizeof want, "GET %s: body over 20971520 bytes", r[0].url);
    ck_assert_str_eq(g[0].error, want); /* refused on its Content-Length */
    ck_assert_int_eq(g[0].attempts, 1);
    snprintf(want, sizeof want, "GET %s: body over 20971520 bytes", r[1].url);
    ck_assert_str_eq(g[1].error, want); /* counted as it came */
    /* ~100 KB on the wire, 100 MiB inflated: stopped at the cap */
    snprintf(want, sizeof want, "GET %s: body over 20971520 bytes", r[2].url);
    ck_assert_str_eq(g[2].error, want);
    ck_assert_uint_eq(g[2].body_len, 0);
    expect_ok(g[3]);
    ck_assert_uint_eq(g[3].body_len, 1 << 20);
    expect_ok(g[4]);
    ck_assert_msg(mono() - t0 < 10, "caps took %.1f s", mono() - t0);
    ck_assert_uint_eq(count_logged("/gzip-bomb"), 1); /* not retried */
    free_got(g, 5);
    free_reqs(r, 5);
    /* a smaller configured cap */
    tctx t;
    assay_ctx *ctx = make_ctx(&t, "{\"max_bytes\": 1000}");
    const char *p2[] = {"/feeds/guardian-us.rss", "/ok"};
    r = reqs_for(p2, 2);
    ck_assert_int_eq(fetch(ctx, &t, r, 2, g, 0), ASSAY_OK);
    expect_error(g[0], "body over 1000 bytes");
    expect_ok(g[1]);
    free_got(g, 2);
    free_reqs(r, 2);
    free_ctx(ctx, &t);
}
END_TEST

START_TEST(redirects)
{
    srv_reset();
    const char *paths[] = {"/redirect/5",
                           "/redirect/6",
                           "/redirect-loop",
                           "/redirect-file",
                           "/redirect-to?url=ftp://127.0.0.1/x",
                           "/ok"};
    assay_http_request *r = reqs_for(paths, 6);
    got g[6];
    ck_assert_int_eq(fetch(NULL, NULL, r, 6, g, 0), ASSAY_OK);
    expect_ok(g[0]);
    char *final = url_of("/ok");
    ck_assert_str_eq(g[0].final_url, final);
    free(final);
    expect_error(g[1], "more than 5 redirects (the next to http://127.0.0.1:");
    expect_error(g[2], "more than 5 redirects");
    char want[256];
    snprintf(want, sizeof want,
             "GET %s: redirect to file:///etc/passwd refused (only http and https are followed)",
             r[3].url);
    ck_assert_str_eq(g[3].error, want);
    expect_error(g[4], "redirect to ftp://127.0.0.1/x refused");
    expect_ok(g[5]);
    for (int i = 1; i <= 4; i++)
        ck_assert_int_eq(g[i].attempts, 1);
    ck_assert_uint_eq(count_logged("/redirect-loop"), 6); /* the first and five redirects */
    free_got(g, 6);
    free_reqs(r, 6);
    /* fewer when configured */
    tctx t;
    assay_ctx *ctx = make_ctx(&t, "{\"max_redirects\": 1}");
    const char *p2[] = {"/redirect/1", "/redirect/2"};
    r = reqs_for(p2, 2);
    ck_assert_int_eq(fetch(ctx, &t, r, 2, g, 0), ASSAY_OK);
    expect_ok(g[0]);
    expect_error(g[1], "more than 1 redirects");
    free_got(g, 2);
    free_reqs(r, 2);
    free_ctx(ctx, &t);
}
END_TEST

START_TEST(bad_urls)
{
    srv_reset();
    assay_http_request r[5] = {{.url = "file:///etc/passwd"},
                               {.url = "ftp://127.0.0.1/x"},
                               {.url = "not a url"},
                               {.url = NULL},
                               {.url = NULL}};
    char *ok = url_of("/ok");
    r[4].url = ok;
    got g[5];
    ck_assert_int_eq(fetch(NULL, NULL, r, 5, g, 0), ASSAY_OK);
    ck_assert_str_eq(g[0].error, "GET file:///etc/passwd: only http and https URLs are fetched");
    expect_error(g[1], "only http and https URLs are fetched");
    expect_error(g[2], "GET not a url: not a valid URL");
    expect_error(g[3], "no URL given");
    expect_ok(g[4]);
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(g[i].attempts, 0);
    free_got(g, 5);
    free(ok);
}
END_TEST

START_TEST(network_errors)
{
    /* a port nobody listens on: refused at once, retried, then reported */
    tctx t;
    assay_ctx *ctx = make_ctx(&t, "{" FAST ", \"retries\": 1, \"robots\": false}");
    srv_reset();
    assay_http_request r[2] = {{.url = "http://127.0.0.1:1/x"}, {.url = url_of("/ok")}};
    got g[2];
    ck_assert_int_eq(fetch(ctx, &t, r, 2, g, 0), ASSAY_OK);
    ck_assert_msg(strncmp(g[0].error, "GET http://127.0.0.1:1/x: could not connect (curl: ", 51) ==
                      0,
                  "got: %s", g[0].error);
    ck_assert(contains(g[0].error, "after 2 attempts"));
    ck_assert_int_eq(g[0].status, 0);
    expect_ok(g[1]);
    free_got(g, 2);
    free((char *)r[1].url);
    free_ctx(ctx, &t);
}
END_TEST

/* ------------------------------------------------------------------------
 * Conditional GET, with state
 * --------------------------------------------------------------------- */

START_TEST(conditional_get)
{
    srv_reset();
    tctx t;
    assay_ctx *ctx = make_ctx(&t, NULL);
    assay_http_request r[2] = {{.url = url_of("/doc/c1"), .cache_key = "feed-c1"},
                               {.url = url_of("/feeds/guardian-us.rss"), .cache_key = "guardian"}};
    got g[2];

    /* first: a plain GET; validators put after done() returned */
    ck_assert_int_eq(fetch(ctx, &t, r, 2, g, 0), ASSAY_OK);
    expect_ok(g[0]);
    ck_assert_int_eq(g[0].status, 200);
    ck_assert_int_eq(g[0].not_modified, 0);
    ck_assert_msg(contains(t.trace.data, "done 0;put http:feed-c1;"), "trace: %s", t.trace.data);
    ck_assert_msg(contains(t.trace.data, "done 1;put http:guardian;"), "trace: %s", t.trace.data);
    const char *kept = json_string_value(json_object_get(t.state, "http:feed-c1"));
    ck_assert_ptr_nonnull(kept);
    ck_assert_msg(contains(kept, "\"etag\": \"\\\"c1-v1\\\"\"") ||
                      contains(kept, "\"etag\":\"\\\"c1-v1\\\"\""),
                  "kept: %s", kept);
    free_got(g, 2);

    /* again: validators sent, 304s, nothing put */
    buf_reset(&t.trace);
    ck_assert_int_eq(fetch(ctx, &t, r, 2, g, 0), ASSAY_OK);
    for (int i = 0; i < 2; i++) {
        expect_ok(g[i]);
        ck_assert_int_eq(g[i].status, 304);
        ck_assert_int_eq(g[i].not_modified, 1);
        ck_assert_uint_eq(g[i].body_len, 0);
    }
    ck_assert_msg(!contains(t.trace.data, "put"), "trace: %s", t.trace.data);
    json_t *log = srv_log();
    json_t *docs = logged(log, "/doc/c1"), *feeds = logged(log, "/feeds/guardian-us.rss");
    ck_assert_uint_eq(json_array_size(docs), 2);
    ck_assert_ptr_null(req_header(docs, 0, "If-None-Match"));
    ck_assert_str_eq(req_header(docs, 1, "If-None-Match"), "\"c1-v1\"");
    ck_assert_ptr_nonnull(req_header(docs, 1, "If-Modified-Since"));
    ck_assert_ptr_nonnull(req_header(feeds, 1, "If-None-Match"));
    ck_assert_int_eq(json_integer_value(json_object_get(json_array_get(docs, 1), "status")), 304);
    json_decref(docs);
    json_decref(feeds);
    json_decref(log);
    free_got(g, 2);

    /* changed: a 200 with the new body, and the new validators kept */
    free(srv_get("/__bump/c1"));
    buf_reset(&t.trace);
    ck_assert_int_eq(fetch(ctx, &t, r, 1, g, 0), ASSAY_OK);
    expect_ok(g[0]);
    ck_assert_int_eq(g[0].status, 200);
    ck_assert_str_eq(g[0].body, "c1 version 2\n");
    ck_assert(contains(json_string_value(json_object_get(t.state, "http:feed-c1")), "c1-v2"));
    free_got(g, 1);

    /* without a context there is no state: a plain GET */
    srv_reset();
    ck_assert_int_eq(fetch(NULL, NULL, r, 1, g, 0), ASSAY_OK);
    ck_assert_int_eq(g[0].status, 200);
    log = srv_log();
    docs = logged(log, "/doc/c1");
    ck_assert_ptr_null(req_header(docs, 0, "If-None-Match"));
    json_decref(docs);
    json_decref(log);
    free_got(g, 1);

    free((char *)r[0].url);
    free((char *)r[1].url);
    free_ctx(ctx, &t);
}
END_TEST

/* ------------------------------------------------------------------------
 * Limits: rate, per host, in flight
 * --------------------------------------------------------------------- */

START_TEST(rate_per_host)
{
    srv_reset();
    tctx t;
    assay_ctx *ctx = make_ctx(&t, "{\"rate_per_host\": 10, \"concurrency\": 16, \"per_host\": 16}");
    enum { N = 12 };
    const char *paths[N];
    for (int i = 0; i < N; i++)
        paths[i] = "/ok";
    assay_http_request *r = reqs_for(paths, N);
    r[N - 1].url = (free((char *)r[N - 1].url), url_of("/ok?last"));
    got g[N];
    ck_assert_int_eq(fetch(ctx, &t, r, N, g, 0), ASSAY_OK);
    for (int i = 0; i < N; i++)
        expect_ok(g[i]);
    json_t *log = srv_log();
    json_t *l = logged(log, "/ok");
    ck_assert_uint_eq(json_array_size(l), N);
    double min_gap = 1e9;
    for (size_t i = 1; i < N; i++) {
        double gap = req_time(l, i) - req_time(l, i - 1);
        if (gap < min_gap)
            min_gap = gap;
    }
    double span = req_time(l, N - 1) - req_time(l, 0);
    /* 10/s: 0.1 s apart (a little less allowed for the network), no burst */
    ck_assert_msg(min_gap >= 0.09, "two requests %.3f s apart", min_gap);
    ck_assert_msg(span >= 1.0 && span < 1.6, "12 requests at 10/s took %.3f s", span);
    json_decref(l);
    json_decref(log);
    free_got(g, N);

    /* a request's own max_rate, lower, wins */
    srv_reset();
    for (int i = 0; i < 4; i++)
        r[i].max_rate = 4;
    ck_assert_int_eq(fetch(ctx, &t, r, 4, g, 0), ASSAY_OK);
    log = srv_log();
    l = logged(log, "/ok");
    for (size_t i = 1; i < 4; i++)
        ck_assert_msg(req_time(l, i) - req_time(l, i - 1) >= 0.23, "gap %.3f",
                      req_time(l, i) - req_time(l, i - 1));
    json_decref(l);
    json_decref(log);
    free_got(g, 4);
    free_reqs(r, N);
    free_ctx(ctx, &t);
}
END_TEST

START_TEST(per_host_and_concurrency_limits)
{
    srv_reset();
    tctx t;
    assay_ctx *ctx = make_ctx(&t, "{\"concurrency\": 16, \"per_host\": 2}");
    enum { N = 8 };
    const char *paths[N];
    for (int i = 0; i < N; i++)
        paths[i] = "/ok?delay=200";
    assay_http_request *r = reqs_for(paths, N);
    got g[N];
    double t0 = mono();
    ck_assert_int_eq(fetch(ctx, &t, r, N, g, 0), ASSAY_OK);
    double took = mono() - t0;
    for (int i = 0; i < N; i++)
        expect_ok(g[i]);
    json_t *log = srv_log();
    ck_assert_int_eq(json_integer_value(json_object_get(log, "max_inflight")), 2);
    ck_assert_msg(took >= 0.75 && took < 2.0, "8 x 200 ms, 2 at a time, took %.2f s", took);
    json_decref(log);
    free_got(g, N);
    free_ctx(ctx, &t);

    /* the global limit binds when per_host does not */
    srv_reset();
    ctx = make_ctx(&t, "{\"concurrency\": 3, \"per_host\": 10}");
    ck_assert_int_eq(fetch(ctx, &t, r, N, g, 0), ASSAY_OK);
    log = srv_log();
    ck_assert_int_eq(json_integer_value(json_object_get(log, "max_inflight")), 3);
    json_decref(log);
    free_got(g, N);
    free_ctx(ctx, &t);

    /* and all at once when both allow (each answer takes 800 ms, so that
     * all eight are in flight together on a loaded machine too: with 200
     * ms, one started under ASan once after another had ended) */
    srv_reset();
    free_reqs(r, N);
    for (int i = 0; i < N; i++)
        paths[i] = "/ok?delay=800";
    r = reqs_for(paths, N);
    ctx = make_ctx(&t, "{\"concurrency\": 16, \"per_host\": 16}");
    t0 = mono();
    ck_assert_int_eq(fetch(ctx, &t, r, N, g, 0), ASSAY_OK);
    ck_assert_msg(mono() - t0 < 2.4, "8 x 800 ms at once took %.2f s", mono() - t0);
    log = srv_log();
    ck_assert_int_eq(json_integer_value(json_object_get(log, "max_inflight")), N);
    json_decref(log);
    free_got(g, N);
    free_ctx(ctx, &t);
    free_reqs(r, N);
}
END_TEST

/* ------------------------------------------------------------------------
 * robots.txt
 * --------------------------------------------------------------------- */

START_TEST(robots_rules)
{
    const char *txt = "# comment\n"
                      "User-agent: *\n"
                      "Disallow: /\n"
                      "\n"
                      "User-agent: Assay\n"
                      "User-agent: other\n"
                      "Disallow: /private\n"
                      "Allow: /private/open\n"
                      "Disallow: /*.pdf$\n"
                      "Disallow: /a*b\n"
                      "Allow: /same\n"
                      "Disallow: /same\n"
                      "Sitemap: https://example.com/sitemap.xml\n";
    char rule[256];
    ck_assert_int_eq(robots_allowed(txt, "assay", "/news/1", rule, sizeof rule), 1);
    ck_assert_int_eq(robots_allowed(txt, "assay", "/private/x", rule, sizeof rule), 0);
    ck_assert_str_eq(rule, "Disallow: /private");
    ck_assert_int_eq(robots_allowed(txt, "assay", "/private/open/1", rule, sizeof rule), 1);
    ck_assert_int_eq(robots_allowed(txt, "assay", "/doc.pdf", rule, sizeof rule), 0);
    ck_assert_int_eq(robots_allowed(txt, "assay", "/doc.pdf?x=1", rule, sizeof rule), 1);
    ck_assert_int_eq(robots_allowed(txt, "assay", "/axxxb/c", rule, sizeof rule), 0);
    ck_assert_int_eq(robots_allowed(txt, "assay", "/same", rule, sizeof rule),
                     1); /* Allow wins a tie */
    /* an agent without a group of its own falls back to '*' */
    ck_assert_int_eq(robots_allowed(txt, "somebot", "/news/1", rule, sizeof rule), 0);
    ck_assert_str_eq(rule, "Disallow: /");
    ck_assert_int_eq(robots_allowed(txt, "somebot", "/robots.txt", rule, sizeof rule), 1);
    ck_assert_int_eq(robots_allowed(NULL, "assay", "/x", rule, sizeof rule), 1);
    ck_assert_int_eq(robots_allowed("\xEF\xBB\xBFUser-agent: *\nCrawl-delay: 5\nDisallow: /x\n",
                                    "assay", "/x", rule, sizeof rule),
                     0);
    ck_assert_int_eq(robots_allowed("User-agent: *\nDisallow:\n", "assay", "/x", rule, sizeof rule),
                     1);
    /* no backtracking blow-up on hostile patterns */
    char path[4096];
    memset(path, 'a', sizeof path - 1);
    path[0] = '/';
    path[sizeof path - 1] = '\0';
    ck_assert_int_eq(robots_allowed("User-agent: *\nDisallow: /*a*a*a*a*a*a*a*a*a*a*a*b\n", "assay",
                                    path, rule, sizeof rule),
                     1);
}
END_TEST

START_TEST(robots_honoured)
{
    srv_reset();
    robots_cache_clear();
    srv_robots(
        "User-agent: *\nDisallow: /\n\nUser-agent: assay\nDisallow: /doc/\nAllow: /doc/ok$\n", 200);
    tctx t;
    assay_ctx *ctx = make_ctx(&t, NULL);
    const char *paths[] = {"/ok", "/doc/x", "/doc/ok", "/echo"};
    assay_http_request *r = reqs_for(paths, 4);
    got g[4];
    ck_assert_int_eq(fetch(ctx, &t, r, 4, g, 0), ASSAY_OK);
    expect_ok(g[0]);
    char want[300];
    snprintf(want, sizeof want,
             "GET %s: disallowed by robots.txt of http://127.0.0.1:%d (Disallow: /doc/)", r[1].url,
             port);
    ck_assert_str_eq(g[1].error, want);
    ck_assert_int_eq(g[1].attempts, 0);
    expect_ok(g[2]);
    expect_ok(g[3]);
    free_got(g, 4);
    /* a second call in the same run: robots.txt is not fetched again */
    ck_assert_int_eq(fetch(ctx, &t, r, 4, g, 0), ASSAY_OK);
    free_got(g, 4);
    ck_assert_uint_eq(count_logged("/robots.txt"), 1);
    ck_assert_uint_eq(count_logged("/doc/x"), 0);
    json_t *log = srv_log();
    json_t *l = logged(log, "/");
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(l, 0), "path")),
                     "/robots.txt");
    json_decref(l);
    json_decref(log);
    /* another agent (a User-Agent header) gets the '*' group */
    const char *h[] = {"User-Agent: otherbot/1.0", NULL};
    r[0].headers = h;
    ck_assert_int_eq(fetch(ctx, &t, r, 1, g, 0), ASSAY_OK);
    expect_error(g[0], "disallowed by robots.txt");
    expect_error(g[0], "(Disallow: /)");
    free_got(g, 1);
    r[0].headers = NULL;
    free_ctx(ctx, &t);

    /* "robots": false: everything fetched, robots.txt never asked for */
    srv_reset();
    robots_cache_clear();
    srv_robots("User-agent: *\nDisallow: /\n", 200);
    ctx = make_ctx(&t, "{\"robots\": false}");
    ck_assert_int_eq(fetch(ctx, &t, r, 4, g, 0), ASSAY_OK);
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(g[i].status, 200);
    ck_assert_uint_eq(count_logged("/robots.txt"), 0);
    free_got(g, 4);
    free_ctx(ctx, &t);
    free_reqs(r, 4);
}
END_TEST

START_TEST(robots_missing_or_unreachable)
{
    /* 404: no rules */
    srv_reset();
    robots_cache_clear();
    const char *paths[] = {"/ok", "/doc/y"};
    assay_http_request *r = reqs_for(paths, 2);
    got g[2];
    ck_assert_int_eq(fetch(NULL, NULL, r, 2, g, 0), ASSAY_OK);
    expect_ok(g[0]);
    expect_ok(g[1]);
    ck_assert_uint_eq(count_logged("/robots.txt"), 1);
    free_got(g, 2);

    /* 503 after every retry: the host is off limits for the run (RFC 9309) */
    srv_reset();
    robots_cache_clear();
    srv_robots("User-agent: *\nAllow: /\n", 503);
    tctx t;
    assay_ctx *ctx = make_ctx(&t, "{" FAST ", \"retries\": 1}");
    ck_assert_int_eq(fetch(ctx, &t, r, 2, g, 0), ASSAY_OK);
    char want[300];
    snprintf(want, sizeof want,
             "GET %s: robots.txt of http://127.0.0.1:%d could not be read (HTTP 503 after 2 "
             "attempts); not fetched",
             r[0].url, port);
    ck_assert_str_eq(g[0].error, want);
    expect_error(g[1], "could not be read");
    ck_assert_uint_eq(count_logged("/robots.txt"), 2);
    ck_assert_uint_eq(count_logged("/ok"), 0);
    free_got(g, 2);
    free_ctx(ctx, &t);
    free_reqs(r, 2);
}
END_TEST

/* Several plugin threads at once: robots.txt still fetched once. */
typedef struct thread_arg {
    assay_http_request r[6];
    got g[6];
    assay_rc rc;
} thread_arg;

static void *fetch_thread(void *p)
{
    thread_arg *a = p;
    memset(a->g, 0, sizeof a->g);
    batch b = {a->r, a->g, 6, pthread_self(), NULL, 0, 0};
    a->rc = http_fetch(NULL, a->r, 6, on_done, &b);
    return NULL;
}

START_TEST(threads)
{
    srv_reset();
    robots_cache_clear();
    srv_robots("User-agent: *\nDisallow: /status\n", 200);
    enum { T = 4 };
    thread_arg a[T];
    pthread_t th[T];
    for (int k = 0; k < T; k++) {
        for (int i = 0; i < 6; i++) {
            char p[64];
            snprintf(p, sizeof p, i == 5 ? "/status/200" : "/ok?delay=50&t=%d&i=%d", k, i);
            a[k].r[i] = (assay_http_request){.url = url_of(p)};
        }
        pthread_create(&th[k], NULL, fetch_thread, &a[k]);
    }
    for (int k = 0; k < T; k++) {
        pthread_join(th[k], NULL);
        ck_assert_int_eq(a[k].rc, ASSAY_OK);
        for (int i = 0; i < 6; i++) {
            ck_assert(a[k].g[i].called);
            ck_assert(a[k].g[i].thread_ok);
            if (i == 5)
                expect_error(a[k].g[i], "disallowed by robots.txt");
            else
                expect_ok(a[k].g[i]);
        }
        free_got(a[k].g, 6);
        for (int i = 0; i < 6; i++)
            free((char *)a[k].r[i].url);
    }
    ck_assert_uint_eq(count_logged("/robots.txt"), 1);
    ck_assert_uint_eq(count_logged("/ok"), T * 5);
}
END_TEST

/* done() may fetch again (a feed's items from the feed's answer), and a
 * thread's later calls reuse its kept-alive connections. */
typedef struct nested {
    batch outer;
    got inner[2];
    assay_rc inner_rc;
} nested;

static void on_done_nested(const assay_http_response *res, void *ud)
{
    nested *nb = ud;
    on_done(res, &nb->outer);
    if (res->request != &nb->outer.reqs[0])
        return;
    assay_http_request r[2] = {{.url = url_of("/doc/n1")}, {.url = url_of("/ok?inner")}};
    memset(nb->inner, 0, sizeof nb->inner);
    batch b = {r, nb->inner, 2, pthread_self(), NULL, 0, 0};
    nb->inner_rc = http_fetch(NULL, r, 2, on_done, &b);
    free((char *)r[0].url);
    free((char *)r[1].url);
}

START_TEST(nested_calls_and_reuse)
{
    srv_reset();
    const char *paths[] = {"/ok?outer", "/ok?delay=300&outer2"};
    assay_http_request *r = reqs_for(paths, 2);
    nested nb;
    got g[2];
    memset(&nb, 0, sizeof nb);
    memset(g, 0, sizeof g);
    nb.outer = (batch){r, g, 2, pthread_self(), NULL, 0, 0};
    ck_assert_int_eq(http_fetch(NULL, r, 2, on_done_nested, &nb), ASSAY_OK);
    expect_ok(g[0]);
    expect_ok(g[1]);
    ck_assert_int_eq(nb.inner_rc, ASSAY_OK);
    expect_ok(nb.inner[0]);
    expect_ok(nb.inner[1]);
    ck_assert_str_eq(nb.inner[0].body, "n1 version 1\n");
    free_got(g, 2);
    free_got(nb.inner, 2);
    ck_assert_uint_eq(count_logged("/robots.txt"), 1);

    /* two calls one after the other: the second reuses the connection */
    srv_reset();
    ck_assert_int_eq(fetch(NULL, NULL, r, 1, g, 0), ASSAY_OK);
    free_got(g, 1);
    ck_assert_int_eq(fetch(NULL, NULL, r, 1, g, 0), ASSAY_OK);
    free_got(g, 1);
    json_t *log = srv_log();
    json_t *l = logged(log, "/ok?outer");
    ck_assert_uint_eq(json_array_size(l), 2);
    ck_assert_int_eq(json_integer_value(json_object_get(json_array_get(l, 0), "client_port")),
                     json_integer_value(json_object_get(json_array_get(l, 1), "client_port")));
    json_decref(l);
    json_decref(log);
    free_reqs(r, 2);
}
END_TEST

/* ------------------------------------------------------------------------
 * The stop flag
 * --------------------------------------------------------------------- */

typedef struct stopper {
    tctx *t;
    double after;
} stopper;

static void *stop_later(void *p)
{
    stopper *s = p;
    struct timespec ts = {(time_t)s->after, (long)((s->after - floor(s->after)) * 1e9)};
    nanosleep(&ts, NULL);
    atomic_store(&s->t->stop, 1);
    return NULL;
}

START_TEST(stop_interrupts_waits)
{
    /* a long backoff and a slow rate: the stop flag ends both at once */
    srv_reset();
    tctx t;
    assay_ctx *ctx =
        make_ctx(&t, "{\"backoff_base\": 20, \"backoff_max\": 20, \"rate_per_host\": 0.2,"
                     " \"robots\": false}");
    const char *paths[] = {"/status/503", "/ok?a", "/ok?b", "/ok?c"};
    assay_http_request *r = reqs_for(paths, 4);
    got g[4];
    stopper s = {&t, 0.5};
    pthread_t th;
    pthread_create(&th, NULL, stop_later, &s);
    double t0 = mono();
    ck_assert_int_eq(fetch(ctx, &t, r, 4, g, 0), ASSAY_ERR_STOPPED);
    double took = mono() - t0;
    pthread_join(th, NULL);
    ck_assert_msg(took < 1.0, "stopping took %.2f s", took);
    /* the 503 waited to retry, and three /ok waited for the rate */
    int stopped = 0;
    for (int i = 0; i < 4; i++)
        if (g[i].rc == ASSAY_ERR_STOPPED) {
            stopped++;
            ck_assert(contains(g[i].error, "the run is stopping"));
        }
    ck_assert_int_ge(stopped, 3);
    ck_assert_int_eq(g[0].rc, ASSAY_ERR_STOPPED);
    ck_assert_uint_le(count_logged("/"), 2);
    free_got(g, 4);
    free_ctx(ctx, &t);

    /* transfers in flight are abandoned too, at once */
    srv_reset();
    ctx = make_ctx(&t, "{\"robots\": false}");
    const char *slow[] = {"/trickle?bytes=100&interval_ms=100", "/ok?delay=5000"};
    assay_http_request *rs = reqs_for(slow, 2);
    atomic_store(&t.stop, 0);
    s.after = 0.4;
    pthread_create(&th, NULL, stop_later, &s);
    t0 = mono();
    ck_assert_int_eq(fetch(ctx, &t, rs, 2, g, 0), ASSAY_ERR_STOPPED);
    took = mono() - t0;
    pthread_join(th, NULL);
    ck_assert_msg(took < 1.0, "stopping transfers in flight took %.2f s", took);
    ck_assert_int_eq(g[0].rc, ASSAY_ERR_STOPPED);
    ck_assert_int_eq(g[1].rc, ASSAY_ERR_STOPPED);
    free_got(g, 2);
    free_reqs(rs, 2);
    free_ctx(ctx, &t);

    /* set from done(): what had not started is never started */
    srv_reset();
    ctx = make_ctx(&t, "{\"concurrency\": 1}");
    ck_assert_int_eq(fetch(ctx, &t, r + 1, 3, g, 1), ASSAY_ERR_STOPPED);
    expect_ok(g[0]);
    ck_assert_int_eq(g[1].rc, ASSAY_ERR_STOPPED);
    ck_assert_int_eq(g[2].rc, ASSAY_ERR_STOPPED);
    ck_assert_uint_eq(count_logged("/ok"), 1);
    free_got(g, 3);
    free_ctx(ctx, &t);
    free_reqs(r, 4);
}
END_TEST

/* ------------------------------------------------------------------------
 * The "http" settings
 * --------------------------------------------------------------------- */

static void expect_check(const char *json, const char *key, const char *err_part,
                         const char *hint_part)
{
    json_t *o = json_loads(json, JSON_DECODE_ANY, NULL);
    ck_assert_msg(o != NULL, "test bug: %s", json);
    const char *k = NULL, *hint = NULL;
    char err[512];
    int rc = http_config_check(o, &k, err, sizeof err, &hint);
    if (!err_part) {
        ck_assert_msg(rc == 0, "%s: %s", json, err);
    } else {
        ck_assert_msg(rc == -1, "%s passed", json);
        ck_assert_msg(contains(err, err_part), "%s: got '%s'", json, err);
        if (key)
            ck_assert_str_eq(k, key);
        else
            ck_assert_ptr_null(k);
        if (hint_part)
            ck_assert_msg(hint && contains(hint, hint_part), "%s: hint '%s'", json,
                          hint ? hint : "");
    }
    json_decref(o);
}

START_TEST(config_check)
{
    expect_check("{}", NULL, NULL, NULL);
    expect_check("{\"user_agent\": \"x/1 (me@example.com)\", \"concurrency\": 32, \"per_host\": 8,"
                 " \"rate_per_host\": 9.5, \"timeout\": 30, \"connect_timeout\": 5,"
                 " \"low_speed_time\": 20, \"low_speed_limit\": 10, \"retries\": 0,"
                 " \"backoff_base\": 0.5, \"backoff_max\": 10, \"retry_after_max\": 60,"
                 " \"max_bytes\": 1048576, \"max_redirects\": 0, \"robots\": false, \"_note\": 1}",
                 NULL, NULL, NULL);
    expect_check("[1]", NULL, "\"http\" must be an object of settings, found an array", NULL);
    expect_check("{\"concurency\": 4}", "concurency", "unknown key 'concurency' in \"http\"",
                 "did you mean 'concurrency'? (transfers in flight");
    expect_check("{\"rate\": 4}", "rate", "unknown key 'rate'", NULL);
    expect_check("{\"zzzzzzzzz\": 4}", "zzzzzzzzz", "unknown key",
                 "\"http\" takes: user_agent, concurrency");
    expect_check("{\"per_host\": \"4\"}", "per_host",
                 "'per_host' must be an integer from 1 to 1024, found a string", "default 4");
    expect_check("{\"per_host\": 4.5}", "per_host",
                 "must be an integer from 1 to 1024, found a number", NULL);
    expect_check("{\"concurrency\": 0}", "concurrency",
                 "must be an integer from 1 to 1024, found 0", NULL);
    expect_check("{\"rate_per_host\": -1}", "rate_per_host", "must be a number from 0 to", NULL);
    expect_check("{\"timeout\": \"30s\"}", "timeout", "must be a number", NULL);
    expect_check("{\"robots\": 1}", "robots", "'robots' must be true or false, found an integer",
                 NULL);
    expect_check("{\"user_agent\": 7}", "user_agent",
                 "'user_agent' must be a string, found an integer", NULL);
    expect_check("{\"user_agent\": \"a\\r\\nX-Evil: 1\"}", "user_agent", "must be one line", NULL);
    expect_check("{\"max_redirects\": 50}", "max_redirects", "from 0 to 20", NULL);
    expect_check("{\"backoff_base\": 5, \"backoff_max\": 1}", "backoff_max",
                 "backoff_max (1 s) is below backoff_base (5 s)", NULL);
    /* loading fills defaults */
    http_config c;
    http_config_load(NULL, &c);
    ck_assert_int_eq(c.concurrency, 16);
    ck_assert_int_eq(c.per_host, 4);
    ck_assert_int_eq(c.retries, 4);
    ck_assert_int_eq(c.max_redirects, 5);
    ck_assert_uint_eq(c.max_bytes, 20971520);
    ck_assert_int_eq(c.robots, 1);
    ck_assert(c.rate_per_host == 0);
    ck_assert_str_eq(c.user_agent, http_default_user_agent());
    json_t *o = json_loads("{\"per_host\": 2, \"max_bytes\": 5, \"robots\": false}", 0, NULL);
    http_config_load(o, &c);
    ck_assert_int_eq(c.per_host, 2);
    ck_assert_uint_eq(c.max_bytes, 5);
    ck_assert_int_eq(c.robots, 0);
    json_decref(o);
}
END_TEST

/* ------------------------------------------------------------------------
 * Through `assay`: the pipeline's "http" object, the runner's state
 * --------------------------------------------------------------------- */

static const char *pipeline_fmt =
    "{\"name\": \"h\",\n"
    " \"sources\": [{\"id\": \"get\", \"plugin\": \"httpget\", \"cache\": true,\n"
    "   \"urls\": [\"http://127.0.0.1:%d/doc/run1\", \"http://127.0.0.1:%d/status/404\"],\n"
    "   \"http\": {%s}}],\n"
    " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [\"get\"], \"dir\": "
    "\"out\"}]}\n";

START_TEST(through_assay_run)
{
    srv_reset();
    char *dir = tmpdir_new();
    char *pl = path_in(dir, "p.json");
    char text[1024];
    snprintf(text, sizeof text, pipeline_fmt, port, port,
             "\"user_agent\": \"assay-it/1\", \"retries\": 0");
    write_text(pl, text);
    const char *args[] = {"run", pl, NULL};
    proc p;
    ck_assert_int_eq(assay_run(&p, dir, args, 60), 0);
    proc_free(&p);
    char *csv = path_in(dir, "out/responses.csv");
    char *rows = python_csv_json(csv);
    ck_assert_msg(rows && contains(rows, "/doc/run1\", \"ok\", \"200\", \"false\""), "rows: %s",
                  rows);
    ck_assert_msg(contains(rows, "HTTP 404"), "rows: %s", rows);
    free(rows);
    char *state_path = path_in(dir, "state/h/state.json");
    char *state = read_text(state_path, NULL);
    ck_assert_msg(state && contains(state, "http:http://127.0.0.1:") && contains(state, "run1-v1"),
                  "state: %s", state ? state : "(none)");
    free(state);

    /* the next run sends the validators and gets a 304 */
    ck_assert_int_eq(assay_run(&p, dir, args, 60), 0);
    proc_free(&p);
    rows = python_csv_json(csv);
    ck_assert_msg(rows && contains(rows, "/doc/run1\", \"ok\", \"304\", \"true\""), "rows: %s",
                  rows);
    free(rows);
    json_t *log = srv_log();
    json_t *l = logged(log, "/doc/run1");
    ck_assert_uint_eq(json_array_size(l), 2);
    ck_assert_str_eq(req_header(l, 1, "If-None-Match"), "\"run1-v1\"");
    ck_assert_str_eq(req_header(l, 0, "User-Agent"), "assay-it/1");
    json_decref(l);
    json_decref(log);

    /* `assay check` reports a bad "http" member where it stands */
    snprintf(text, sizeof text, pipeline_fmt, port, port, "\"per_hots\": 2");
    write_text(pl, text);
    const char *check[] = {"check", pl, NULL};
    ck_assert_int_eq(assay_run(&p, dir, check, 60), 2);
    char where[4200];
    snprintf(where, sizeof where, "%s:4:13: error: unknown key 'per_hots' in \"http\"", pl);
    ck_assert_msg(contains(p.err, where), "stderr: %s", p.err);
    ck_assert_msg(contains(p.err, "hint: did you mean 'per_host'?"), "stderr: %s", p.err);
    proc_free(&p);
    free(state_path);
    free(csv);
    free(pl);
    tmpdir_free(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("http");
    TCase *tc = tcase_create("service");
    tcase_add_unchecked_fixture(tc, server_start, server_stop);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, config_check);
    tcase_add_test(tc, robots_rules);
    tcase_add_test(tc, serves_fixtures);
    tcase_add_test(tc, user_agent_config_and_header);
    tcase_add_test(tc, status_errors_are_not_retried);
    tcase_add_test(tc, retries_then_success);
    tcase_add_test(tc, retry_after_is_honoured);
    tcase_add_test(tc, connection_reset_mid_body);
    tcase_add_test(tc, slow_bodies_and_timeouts);
    tcase_add_test(tc, body_caps);
    tcase_add_test(tc, redirects);
    tcase_add_test(tc, bad_urls);
    tcase_add_test(tc, network_errors);
    tcase_add_test(tc, conditional_get);
    tcase_add_test(tc, rate_per_host);
    tcase_add_test(tc, per_host_and_concurrency_limits);
    tcase_add_test(tc, robots_honoured);
    tcase_add_test(tc, robots_missing_or_unreachable);
    tcase_add_test(tc, threads);
    tcase_add_test(tc, nested_calls_and_reuse);
    tcase_add_test(tc, stop_interrupts_waits);
    tcase_add_test(tc, through_assay_run);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
