/*
 * test_news_e2e.c - the news source through `assay run` against the test
 * HTTP server (tests/httpd/server.py) on 127.0.0.1, serving the site that
 * make_site.py builds from shared/fixtures: real feeds whose links point
 * back at the server, the benchmark's article pages (uncompressed), and
 * links to the server's fault paths.
 *
 * What is claimed is read from the outside: the documents from the CSV
 * sink's file, the dead letters from their file, and what was fetched from
 * the server's own request log.
 */
#include "testutil.h"

#include <curl/curl.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef NEWS_TESTS_DIR
#define NEWS_TESTS_DIR "."
#endif

/* ---- the server, shared by the tests of the case ---- */

static proc server;
static char *site;
static int port;

static void server_start(void)
{
    site = tmpdir_new();
    char *pf = path_in(site, "port");
    const char *argv[] = {"/usr/bin/python3", TESTS_DIR "/httpd/server.py", "--root", site,
                          "--port-file", pf, NULL};
    proc_start(&server, NULL, argv, NULL);
    for (int i = 0; i < 400 && !file_exists(pf); i++) {
        struct timespec ts = {0, 25 * 1000000};
        nanosleep(&ts, NULL);
    }
    char *text = read_text(pf, NULL);
    ck_assert_msg(text != NULL, "the test server did not start");
    port = atoi(text);
    free(text);
    free(pf);
    char portarg[16];
    snprintf(portarg, sizeof portarg, "%d", port);
    const char *mk[] = {"/usr/bin/python3", NEWS_TESTS_DIR "/make_site.py", site, portarg, NULL};
    proc p;
    int code = proc_run(&p, NULL, mk, NULL, 120);
    ck_assert_msg(code == 0, "make_site.py failed: %s", p.err);
    proc_free(&p);
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

static void server_stop(void)
{
    kill(server.pid, SIGTERM);
    proc_wait(&server, 10);
    proc_free(&server);
    tmpdir_free(site);
}

static size_t collect(char *data, size_t size, size_t n, void *ud)
{
    FILE *f = ud;
    return fwrite(data, size, n, f);
}

/* A control request to the server; the body, malloc'd. */
static char *srv_get(const char *path)
{
    char url[512], *body = NULL;
    size_t len = 0;
    snprintf(url, sizeof url, "http://127.0.0.1:%d%s", port, path);
    FILE *f = open_memstream(&body, &len);
    CURL *c = curl_easy_init();
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, f);
    CURLcode rc = curl_easy_perform(c);
    curl_easy_cleanup(c);
    fclose(f);
    ck_assert_msg(rc == CURLE_OK, "GET %s: %s", url, curl_easy_strerror(rc));
    return body;
}

static void srv_reset(void)
{
    free(srv_get("/__reset"));
}

/* The logged requests whose path starts with prefix (and, when status is
 * not 0, answered with it). */
static int logged(const char *prefix, int status)
{
    char *text = srv_get("/__log");
    json_t *log = json_loads(text, 0, NULL);
    free(text);
    ck_assert_ptr_nonnull(log);
    json_t *reqs = json_object_get(log, "requests"), *r;
    size_t i;
    int n = 0;
    json_array_foreach(reqs, i, r)
    {
        const char *path = json_string_value(json_object_get(r, "path"));
        if (strncmp(path, prefix, strlen(prefix)) == 0 &&
            (!status || json_integer_value(json_object_get(r, "status")) == status))
            n++;
    }
    json_decref(log);
    return n;
}

/* The most requests the server was answering at once. */
static int max_inflight(void)
{
    char *text = srv_get("/__log");
    json_t *log = json_loads(text, 0, NULL);
    free(text);
    int n = (int)json_integer_value(json_object_get(log, "max_inflight"));
    json_decref(log);
    return n;
}

/* The largest number of requests for any one path under prefix. */
static int most_per_path(const char *prefix)
{
    char *text = srv_get("/__log");
    json_t *log = json_loads(text, 0, NULL), *seen = json_object();
    free(text);
    json_t *reqs = json_object_get(log, "requests"), *r;
    size_t i;
    int most = 0;
    json_array_foreach(reqs, i, r)
    {
        const char *path = json_string_value(json_object_get(r, "path"));
        if (strncmp(path, prefix, strlen(prefix)) != 0)
            continue;
        int n = (int)json_integer_value(json_object_get(seen, path)) + 1;
        json_object_set_new(seen, path, json_integer(n));
        if (n > most)
            most = n;
    }
    json_decref(seen);
    json_decref(log);
    return most;
}

/* ---- running a pipeline ---- */

typedef struct run {
    char *dir;      /* its own folder: p.json, state/, out/ */
    int code;
    json_t *summary;
    json_t *docs;   /* rows of out/documents.csv as objects */
    json_t *dead;   /* dead-letter entries */
    char *err;      /* stderr */
} run;

static json_t *csv_objects(const char *path)
{
    json_t *out = json_array();
    if (!file_exists(path))
        return out;
    char *text = python_csv_json(path);
    ck_assert_ptr_nonnull(text);
    json_t *rows = json_loads(text, 0, NULL);
    free(text);
    json_t *head = json_array_get(rows, 0);
    for (size_t i = 1; i < json_array_size(rows); i++) {
        json_t *o = json_object(), *row = json_array_get(rows, i);
        for (size_t k = 0; k < json_array_size(head); k++)
            json_object_set(o, json_string_value(json_array_get(head, k)), json_array_get(row, k));
        json_array_append_new(out, o);
    }
    json_decref(rows);
    return out;
}

static json_t *jsonl_objects(const char *path)
{
    json_t *out = json_array();
    char *text = file_exists(path) ? read_text(path, NULL) : NULL;
    for (char *line = text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        json_t *o = json_loads(line, 0, NULL);
        ck_assert_msg(o != NULL, "a dead-letter line is not JSON: %s", line);
        json_array_append_new(out, o);
        if (!next)
            break;
    }
    free(text);
    return out;
}

/* The news entry's config (JSON members, without braces) and its
 * "http" settings; the CSV sink writes out/documents.csv (replaced each
 * run). The same dir keeps state between runs. */
static void run_news(run *r, const char *dir, const char *config)
{
    char *p = path_in(dir, "p.json");
    char text[16384];
    snprintf(text, sizeof text,
             "{\"name\": \"e2e\",\n"
             " \"sources\": [{\"id\": \"news\", \"plugin\": \"news\", %s,\n"
             "   \"http\": {\"retries\": 1, \"backoff_base\": 0.1, \"low_speed_time\": 2,\n"
             "              \"timeout\": 20, \"retry_after_max\": 5}}],\n"
             " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [\"news.documents\"],\n"
             "   \"dir\": \"out\"}]}\n",
             config);
    write_text(p, text);
    char *dl = path_in(dir, "state/dead-letter.jsonl");
    unlink(dl);
    char *out = path_in(dir, "out/documents.csv");
    unlink(out);
    const char *args[] = {"run", "p.json", "--state-dir", "state", NULL};
    proc pr;
    memset(r, 0, sizeof *r);
    r->dir = strdup(dir);
    r->code = assay_run(&pr, dir, args, 300);
    r->summary = json_loads(pr.out, 0, NULL);
    ck_assert_msg(r->summary != NULL, "no summary line (exit %d): %s", r->code, pr.err);
    r->err = strdup(pr.err);
    proc_free(&pr);
    r->docs = csv_objects(out);
    r->dead = jsonl_objects(dl);
    free(p);
    free(dl);
    free(out);
}

static void run_free(run *r)
{
    free(r->dir);
    free(r->err);
    json_decref(r->summary);
    json_decref(r->docs);
    json_decref(r->dead);
}

static int64_t counter(const run *r, const char *name)
{
    json_t *plugins = json_object_get(r->summary, "plugins"), *p;
    size_t i;
    json_array_foreach(plugins, i, p)
    {
        if (strcmp(json_string_value(json_object_get(p, "id")), "news") == 0)
            return json_integer_value(json_object_get(json_object_get(p, "counters"), name));
    }
    return -1;
}

static const char *field(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* The document whose url contains needle, or NULL. */
static json_t *doc_with_url(const run *r, const char *needle)
{
    json_t *d;
    size_t i;
    json_array_foreach(r->docs, i, d)
    {
        if (strstr(field(d, "url"), needle))
            return d;
    }
    return NULL;
}

/* The dead letter whose detail url or feed contains needle, or NULL. */
static json_t *dead_for(const run *r, const char *needle)
{
    json_t *d;
    size_t i;
    json_array_foreach(r->dead, i, d)
    {
        json_t *detail = json_object_get(d, "detail");
        const char *u = field(detail, "url"), *f = field(detail, "feed");
        if ((u && strstr(u, needle)) || (!u && f && strstr(f, needle)))
            return d;
    }
    return NULL;
}

static char *feed_url(const char *name)
{
    char *u;
    ck_assert(asprintf(&u, "http://127.0.0.1:%d/feeds/%s", port, name) > 0);
    return u;
}

/* ---- tests ---- */

/* Three real feeds (RSS with absolute links, ISO-8859-1 RSS with relative
 * links, Atom with xml:base): every distinct article once, tracking
 * parameters gone; an hour later nothing is fetched but three 304s. */
START_TEST(real_feeds_then_hourly)
{
    char *dir = tmpdir_new();
    char *g = feed_url("guardian.rss"), *l = feed_url("latin1.rss"), *a = feed_url("heise.atom");
    char cfg[2048];
    snprintf(cfg, sizeof cfg, "\"feeds\": [\"%s\", \"%s\", \"%s\"]", g, l, a);
    srv_reset();
    /* each answer takes 30 ms, so that fetches overlap even on a loaded
     * machine where an instant answer would finish before the next starts */
    free(srv_get("/__config?latency_ms=30"));
    run r;
    run_news(&r, dir, cfg);
    free(srv_get("/__config?latency_ms=0"));
    ck_assert_msg(r.code == 0, "exit %d: %s", r.code, r.err);
    /* pages 0..54 (guardian), 50..89 (latin1), 1..15 (heise): 90 pages */
    ck_assert_int_eq((int)json_array_size(r.docs), 90);
    ck_assert_int_eq(logged("/articles/html/", 200), 90);
    ck_assert_int_eq(most_per_path("/articles/html/"), 1);
    /* fetched concurrently (per_host defaults to 4) */
    ck_assert_msg(max_inflight() >= 2, "at most %d request at once", max_inflight());
    json_t *d;
    size_t i;
    json_array_foreach(r.docs, i, d)
    {
        const char *url = field(d, "url");
        ck_assert_msg(strncmp(url, "http://127.0.0.1:", 17) == 0, "%s", url);
        ck_assert_msg(!strstr(url, "utm_") && !strchr(url, '#'), "not canonical: %s", url);
        ck_assert_int_eq((int)strlen(field(d, "id")), 32);
        ck_assert_str_eq(field(d, "kind"), "article");
        ck_assert_str_eq(field(d, "source"), "127.0.0.1");
        ck_assert_msg(strlen(field(d, "text")) > 200, "%s: short text", url);
        ck_assert_msg(*field(d, "title"), "%s: no title", url);
        ck_assert_msg(*field(d, "published_at"), "%s: no date (page or feed)", url);
        ck_assert_int_eq((int)strlen(field(d, "content_hash")), 64);
    }
    ck_assert_int_eq(counter(&r, "feeds"), 3);
    run_free(&r);

    /* an hour later: unchanged feeds cost one 304 each, no page is fetched */
    srv_reset();
    run_news(&r, dir, cfg);
    ck_assert_msg(r.code == 0, "exit %d: %s", r.code, r.err);
    ck_assert_int_eq((int)json_array_size(r.docs), 0);
    ck_assert_int_eq(logged("/feeds/", 304), 3);
    ck_assert_int_eq(logged("/feeds/", 0), 3);
    ck_assert_int_eq(logged("/articles/", 0), 0);
    ck_assert_int_eq(counter(&r, "feeds_unchanged"), 3);
    run_free(&r);
    free(g);
    free(l);
    free(a);
    tmpdir_free(dir);
}
END_TEST

/* A feed that gains an item between runs: the next run fetches the feed
 * (200) and that one page only. */
START_TEST(growing_feed_fetches_only_the_new_item)
{
    char *dir = tmpdir_new();
    char *u = feed_url("growing.rss");
    char cfg[1024];
    snprintf(cfg, sizeof cfg, "\"feeds\": [\"%s\"]", u);
    char *ids_path = path_in(site, "ids.txt");
    char *ids = read_text(ids_path, NULL);
    char *feed_path = path_in(site, "feeds/growing.rss");
    char *orig = read_text(feed_path, NULL);
    srv_reset();
    run r;
    run_news(&r, dir, cfg);
    ck_assert_msg(r.code == 0, "exit %d: %s", r.code, r.err);
    ck_assert_int_eq((int)json_array_size(r.docs), 2);
    run_free(&r);

    /* a third item: page 72 */
    char id72[65] = "";
    const char *p = ids;
    for (int k = 0; k < 72; k++)
        p = strchr(p, '\n') + 1;
    memcpy(id72, p, 64);
    char item[512];
    snprintf(item, sizeof item,
             "<item><title>grow 72</title><link>http://127.0.0.1:%d/articles/html/%s.html</link>"
             "</item>\n</channel></rss>",
             port, id72);
    char *grown = malloc(strlen(orig) + sizeof item);
    strcpy(grown, orig);
    strcpy(strstr(grown, "</channel>"), item);
    sleep(1); /* a new mtime, so a new ETag */
    write_text(feed_path, grown);
    srv_reset();
    run_news(&r, dir, cfg);
    ck_assert_msg(r.code == 0, "exit %d: %s", r.code, r.err);
    ck_assert_int_eq(logged("/feeds/growing.rss", 200), 1);
    ck_assert_int_eq(logged("/articles/", 0), 1);
    ck_assert_int_eq((int)json_array_size(r.docs), 1);
    ck_assert_ptr_nonnull(doc_with_url(&r, id72));
    run_free(&r);
    write_text(feed_path, orig);
    free(grown);
    free(orig);
    free(feed_path);
    free(ids);
    free(ids_path);
    free(u);
    tmpdir_free(dir);
}
END_TEST

typedef struct fault {
    const char *path, *reason;
    int retried; /* 1: a transient failure, tried again next run */
} fault;

/* Every faulty answer: a clear per-item dead letter naming the URL, or a
 * correct document, and the good pages of the same feed unaffected. */
START_TEST(faulty_answers)
{
    static const fault faults[] = {
        {"/status/404", "HTTP 404", 0},
        {"/status/410", "HTTP 410", 0},
        {"/status/429", "HTTP 429 after 2 attempts", 1},
        {"/reset", "connection reset", 1},
        {"/trickle", "too slow", 1},
        {"/big", "body over 20971520 bytes", 0},
        {"/gzip-bomb", "body over 20971520 bytes", 0},
        {"/redirect-loop", "more than 5 redirects", 0},
        {"/redirect-file", "redirect to file:///etc/passwd refused", 0},
        {"/wrong-type", "not a web page (content type image/png)", 0},
        {"/no-type", "no article text", 0},
        {"/invalid-utf8", "no article text", 0},
        {"/empty", "empty body", 0},
    };
    const size_t nfaults = sizeof faults / sizeof faults[0];
    char *dir = tmpdir_new();
    char *u = feed_url("faults.rss");
    char cfg[1024];
    snprintf(cfg, sizeof cfg, "\"feeds\": [\"%s\"], \"retry_failed\": 1", u);
    srv_reset();
    time_t t0 = time(NULL);
    run r;
    run_news(&r, dir, cfg);
    ck_assert_msg(time(NULL) - t0 < 120, "the faults took %lds", (long)(time(NULL) - t0));
    ck_assert_msg(r.code == 1, "want exit 1 (partial), got %d: %s", r.code, r.err);
    /* documents: three good pages, 500-then-200, a page with no content
     * type, a page with invalid UTF-8 */
    ck_assert_int_eq((int)json_array_size(r.docs), 6);
    json_t *ok = doc_with_url(&r, "/fail/500/1/e2e");
    ck_assert_ptr_nonnull(ok);
    ck_assert_str_eq(field(ok, "text"), "ok e2e");
    json_t *untyped = doc_with_url(&r, "?content_type=");
    ck_assert_msg(untyped && strlen(field(untyped, "text")) > 500, "no content type: not read");
    json_t *bad = doc_with_url(&r, "invalid-utf8.html");
    ck_assert_ptr_nonnull(bad);
    ck_assert_msg(strstr(field(bad, "text"), "bad \xef\xbf\xbd\xef\xbf\xbd and") != NULL,
                  "invalid bytes not replaced by U+FFFD");
    /* one dead letter per fault, naming URL and reason */
    ck_assert_int_eq((int)json_array_size(r.dead), (int)nfaults);
    for (size_t i = 0; i < nfaults; i++) {
        json_t *d = dead_for(&r, faults[i].path);
        ck_assert_msg(d != NULL, "no dead letter for %s", faults[i].path);
        const char *reason = field(d, "reason");
        ck_assert_msg(strstr(reason, faults[i].reason) != NULL, "%s: '%s', want '%s'",
                      faults[i].path, reason, faults[i].reason);
        ck_assert_msg(strstr(reason, faults[i].path) != NULL, "%s: reason names no URL: %s",
                      faults[i].path, reason);
        ck_assert_str_eq(field(json_object_get(d, "detail"), "feed"), u);
        ck_assert_msg(strstr(r.err, reason) != NULL, "%s: no warning on stderr", faults[i].path);
    }
    run_free(&r);

    /* the next run retries the transient failures only (retry_failed 1);
     * the run after that nothing */
    srv_reset();
    run_news(&r, dir, cfg);
    ck_assert_int_eq(logged("/feeds/faults.rss", 304), 1);
    for (size_t i = 0; i < nfaults; i++)
        ck_assert_msg((logged(faults[i].path, 0) > 0) == faults[i].retried,
                      "%s: %d requests on the second run", faults[i].path,
                      logged(faults[i].path, 0));
    ck_assert_int_eq(logged("/articles/", 0), 0);
    ck_assert_int_eq((int)json_array_size(r.docs), 0);
    run_free(&r);
    srv_reset();
    run_news(&r, dir, cfg);
    ck_assert_msg(r.code == 0, "exit %d: %s", r.code, r.err);
    ck_assert_int_eq(logged("/", 0) - logged("/feeds/", 0) - logged("/robots.txt", 0), 0);
    run_free(&r);
    free(u);
    tmpdir_free(dir);
}
END_TEST

/* Feeds that fail as a whole: an error status, a page that is not a feed,
 * truncated XML (whose complete items are still fetched). The other feed
 * of the run is unaffected. */
START_TEST(broken_feeds)
{
    char *dir = tmpdir_new();
    char *t = feed_url("truncated.rss"), *g = feed_url("growing.rss");
    char cfg[2048];
    snprintf(cfg, sizeof cfg,
             "\"feeds\": [\"%s\", \"http://127.0.0.1:%d/status/503\", "
             "\"http://127.0.0.1:%d/articles/html/invalid-utf8.html\", \"%s\"]",
             t, port, port, g);
    srv_reset();
    run r;
    run_news(&r, dir, cfg);
    ck_assert_msg(r.code == 1, "exit %d: %s", r.code, r.err);
    json_t *d = dead_for(&r, "truncated.rss");
    ck_assert_ptr_nonnull(d);
    ck_assert_msg(strstr(field(d, "reason"), "malformed XML") &&
                      strstr(field(d, "reason"), "items read are kept"),
                  "%s", field(d, "reason"));
    d = dead_for(&r, "/status/503");
    ck_assert_msg(d && strstr(field(d, "reason"), "HTTP 503"), "503 feed");
    d = dead_for(&r, "invalid-utf8.html");
    ck_assert_msg(d && strstr(field(d, "reason"), "not a feed: the root element is <html>"),
                  "html feed");
    /* the 19 whole items of the truncated feed, and growing.rss's 2 */
    size_t n = json_array_size(r.docs);
    ck_assert_msg(n >= 21 && n <= 22, "%zu documents", n);
    ck_assert_int_eq((int)json_array_size(r.dead), 3);
    run_free(&r);
    free(t);
    free(g);
    tmpdir_free(dir);
}
END_TEST

/* 10,000 items: max_articles a run, the rest wait in the backlog and are
 * fetched by the next runs, even though the feed then answers 304. */
START_TEST(ten_thousand_items_backlog)
{
    char *dir = tmpdir_new();
    char *u = feed_url("big.rss");
    char cfg[1024];
    snprintf(cfg, sizeof cfg, "\"feeds\": [\"%s\"], \"max_articles\": 40", u);
    srv_reset();
    time_t t0 = time(NULL);
    run r;
    run_news(&r, dir, cfg);
    ck_assert_msg(r.code == 0, "exit %d: %s", r.code, r.err);
    ck_assert_msg(time(NULL) - t0 < 60, "took %lds", (long)(time(NULL) - t0));
    ck_assert_int_eq((int)json_array_size(r.docs), 40);
    ck_assert_int_eq(counter(&r, "new_items"), 10000);
    ck_assert_int_eq(counter(&r, "waiting"), 9960);
    ck_assert_ptr_nonnull(doc_with_url(&r, "/pages/0"));
    ck_assert_ptr_nonnull(doc_with_url(&r, "/pages/39"));
    run_free(&r);

    srv_reset();
    run_news(&r, dir, cfg);
    ck_assert_msg(r.code == 0, "exit %d: %s", r.code, r.err);
    ck_assert_int_eq(logged("/feeds/big.rss", 304), 1);
    ck_assert_int_eq(logged("/pages/", 200), 40);
    ck_assert_int_eq((int)json_array_size(r.docs), 40);
    ck_assert_ptr_nonnull(doc_with_url(&r, "/pages/40"));
    ck_assert_ptr_nonnull(doc_with_url(&r, "/pages/79"));
    ck_assert_ptr_null(doc_with_url(&r, "/pages/39"));
    ck_assert_int_eq(counter(&r, "waiting"), 9920);
    run_free(&r);
    free(u);
    tmpdir_free(dir);
}
END_TEST

/* since: items older than the window are not fetched. */
START_TEST(since_window)
{
    char *dir = tmpdir_new();
    char *u = feed_url("big.rss");
    char cfg[1024];
    snprintf(cfg, sizeof cfg, "\"feeds\": [\"%s\"], \"since\": \"7d\"", u);
    srv_reset();
    run r;
    run_news(&r, dir, cfg);
    ck_assert_msg(r.code == 0, "exit %d: %s", r.code, r.err);
    ck_assert_int_eq((int)json_array_size(r.docs), 0);
    ck_assert_int_eq(counter(&r, "too_old"), 10000);
    ck_assert_int_eq(logged("/pages/", 0), 0);
    run_free(&r);
    free(u);
    tmpdir_free(dir);
}
END_TEST

/* urls: configured pages, fetched once whatever their spelling. */
START_TEST(configured_urls)
{
    char *dir = tmpdir_new();
    char *ids_path = path_in(site, "ids.txt");
    char *ids = read_text(ids_path, NULL);
    char id[65] = "";
    memcpy(id, ids, 64);
    char cfg[2048];
    snprintf(cfg, sizeof cfg,
             "\"urls\": [\"http://127.0.0.1:%d/articles/html/%s.html?utm_source=x\", "
             "\"HTTP://127.0.0.1:%d/articles/./html/%s.html#top\"], \"source\": \"wire\"",
             port, id, port, id);
    srv_reset();
    run r;
    run_news(&r, dir, cfg);
    ck_assert_msg(r.code == 0, "exit %d: %s", r.code, r.err);
    ck_assert_int_eq((int)json_array_size(r.docs), 1);
    ck_assert_str_eq(field(json_array_get(r.docs, 0), "source"), "wire");
    run_free(&r);
    srv_reset();
    run_news(&r, dir, cfg);
    ck_assert_int_eq(logged("/articles/", 0), 0);
    ck_assert_int_eq((int)json_array_size(r.docs), 0);
    run_free(&r);
    free(ids);
    free(ids_path);
    tmpdir_free(dir);
}
END_TEST

/* kill -9 in the middle of fetching pages: the next run finishes the
 * work; every article is there, and the few pages fetched twice are the
 * same documents (same ids) - a keyed sink or dedup takes them as one. */
START_TEST(killed_run_loses_nothing)
{
    char *dir = tmpdir_new();
    char *g = feed_url("guardian.rss");
    char *p = path_in(dir, "p.json");
    char text[4096];
    snprintf(text, sizeof text,
             "{\"name\": \"e2e\",\n"
             " \"sources\": [{\"id\": \"news\", \"plugin\": \"news\", \"feeds\": [\"%s\"],\n"
             "   \"http\": {\"per_host\": 2, \"retries\": 1, \"backoff_base\": 0.1}}],\n"
             " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [\"news.documents\"],\n"
             "   \"dir\": \"out\", \"mode\": \"append\", \"batch_size\": 3, "
             "\"flush_seconds\": 0.1}]}\n",
             g);
    write_text(p, text);
    srv_reset();
    free(srv_get("/__config?latency_ms=150"));
    const char *args[] = {"run", "p.json", "--state-dir", "state", NULL};
    proc pr;
    assay_start(&pr, dir, args);
    /* 55 pages, two at a time, 0.15 s each: about 4 s; stop it midway */
    for (int i = 0; i < 200 && logged("/articles/html/", 200) < 20; i++) {
        struct timespec ts = {0, 20 * 1000000};
        nanosleep(&ts, NULL);
    }
    kill(pr.pid, SIGKILL);
    proc_wait(&pr, 30);
    proc_free(&pr);
    int before = logged("/articles/html/", 200);
    ck_assert_msg(before >= 20 && before < 55, "killed after %d pages", before);
    free(srv_get("/__config?latency_ms=0"));
    int code = assay_run(&pr, dir, args, 120);
    ck_assert_msg(code == 0, "exit %d: %s", code, pr.err);
    proc_free(&pr);
    char *csv = path_in(dir, "out/documents.csv");
    json_t *docs = csv_objects(csv), *ids = json_object(), *d;
    size_t i;
    json_array_foreach(docs, i, d)
    {
        json_t *prev = json_object_get(ids, field(d, "id"));
        if (prev)
            ck_assert_str_eq(json_string_value(prev), field(d, "content_hash"));
        json_object_set_new(ids, field(d, "id"), json_string(field(d, "content_hash")));
    }
    ck_assert_int_eq((int)json_object_size(ids), 55);
    int twice = (int)json_array_size(docs) - 55;
    ck_assert_msg(twice <= 8, "%d documents written twice", twice);
    /* re-fetched: pages whose documents were not yet committed when the
     * run died, and those committed before their bookmark was */
    ck_assert_msg(logged("/articles/html/", 200) <= 55 + 10, "%d pages fetched",
                  logged("/articles/html/", 200));
    json_decref(ids);
    json_decref(docs);
    free(csv);
    free(p);
    free(g);
    tmpdir_free(dir);
}
END_TEST

/* assay check: the plugin's own checks, before anything runs. */
START_TEST(check_reports_bad_config)
{
    static const char *const cases[][2] = {
        {"\"feeds\": [\"ftp://x.test/feed\"]", "feeds[0] 'ftp://x.test/feed' is not usable"},
        {"\"feeds\": [\"http://x.test/f\"], \"since\": \"yesterday\"", "since 'yesterday'"},
        {"\"feeds\": []", "nothing to read"},
        {"\"feeds\": [\"http://x.test/f\"], \"max_articles\": 0", "max_articles must be"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[2048];
        snprintf(text, sizeof text,
                 "{\"name\": \"c\", \"sources\": [{\"id\": \"news\", \"plugin\": \"news\", %s}],\n"
                 " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": "
                 "[\"news.documents\"]}]}\n",
                 cases[i][0]);
        proc pr;
        int code = assay_check_text(&pr, text);
        ck_assert_msg(code == 2, "case %zu: exit %d", i, code);
        ck_assert_msg(strstr(pr.err, cases[i][1]) != NULL, "case %zu: %s", i, pr.err);
        proc_free(&pr);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("news_e2e");
    TCase *tc = tcase_create("e2e");
    tcase_add_unchecked_fixture(tc, server_start, server_stop);
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, real_feeds_then_hourly);
    tcase_add_test(tc, growing_feed_fetches_only_the_new_item);
    tcase_add_test(tc, faulty_answers);
    tcase_add_test(tc, broken_feeds);
    tcase_add_test(tc, ten_thousand_items_backlog);
    tcase_add_test(tc, since_window);
    tcase_add_test(tc, configured_urls);
    tcase_add_test(tc, killed_run_loses_nothing);
    tcase_add_test(tc, check_reports_bad_config);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
