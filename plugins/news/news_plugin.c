/* news_plugin.c - the `news` source: RSS/Atom feeds and article URLs to
 * article documents (main text, title, author, date), fetched through the
 * core's HTTP service; and `assay article`, the extractor on local files.
 *
 * This file is the descriptor and its config keys, the checks shared by
 * `assay check` and create(), and teardown. How a run goes is news_run.c;
 * what is remembered between runs, news_memory.c.
 */
#include "news_int.h"

#include "article_cli.h"
#include "news_url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const assay_config_key news_config[] = {
    {"feeds", ASSAY_CFG_LIST, 0, "[]",
     "RSS 2.0, RSS 1.0 (RDF) or Atom feed URLs; their new items' pages are fetched"},
    {"urls", ASSAY_CFG_LIST, 0, "[]",
     "article page URLs to fetch (once each), besides the feeds' items"},
    {"max_articles", ASSAY_CFG_INT, 0, "200",
     "article pages fetched per run at most; the rest wait in the backlog for later runs"},
    {"since", ASSAY_CFG_STRING, 0, NULL,
     "only articles published in this window: back from now (90m, 36h, 7d, 2w) or from a date "
     "(2026-01-31, 2026-01-31T08:00:00Z); undated items are kept"},
    {"source", ASSAY_CFG_STRING, 0, NULL,
     "documents.source of every document (default: the article's host, without www.)"},
    {"remember_days", ASSAY_CFG_INT, 0, "90",
     "days a fetched article URL is remembered, and so not fetched again"},
    {"retry_failed", ASSAY_CFG_INT, 0, "2",
     "later runs that retry a page after a network error, timeout, 429 or 5xx (0: none)"},
    {"backlog_max", ASSAY_CFG_INT, 0, "10000",
     "items kept waiting for later runs at most; past it the oldest are dropped, with a warning"},
    {"min_text_chars", ASSAY_CFG_INT, 0, "1",
     "a page with less article text than this is dead-lettered, not emitted"},
    {"strip_params", ASSAY_CFG_LIST, 0, "[]",
     "more query parameters to drop from article URLs (besides utm_* and the known click and "
     "campaign ids); a trailing * matches a prefix"},
    {NULL, 0, 0, NULL, NULL}};

static const assay_stream_def news_streams[] = {
    {"documents", NULL, "one document per article page: main text, title, author, date"},
    {NULL, NULL, NULL}};

static const char *const field_names[NF_COUNT] = {
    "id", "url", "source", "kind", "title", "author", "published_at", "fetched_at",
    "text", "content_hash"};

/* ---- config ---- */

/* The start of the `since` window for a run starting at now (usec), into
 * *start. Returns 0, or -1 with *why. */
static int parse_since(const assay_host *h, const char *s, int64_t now, int64_t *start,
                       const char **why)
{
    *start = 0;
    if (!s || !*s)
        return 0;
    char *end;
    double v = strtod(s, &end);
    if (end != s && *end && !end[1] && v > 0) {
        static const struct {
            char unit;
            double seconds;
        } units[] = {{'m', 60}, {'h', 3600}, {'d', 86400}, {'w', 7 * 86400}};
        for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
            if (*end == units[i].unit) {
                double usec = v * units[i].seconds * 1e6;
                if (usec > 1e17) {
                    *why = "too long a window";
                    return -1;
                }
                *start = now - (int64_t)usec;
                return 0;
            }
    }
    if (h->parse_time(s, strlen(s), start) == ASSAY_OK && *start > 0)
        return 0;
    *why = "not a window (90m, 36h, 7d, 2w) or a date (2026-01-31, 2026-01-31T08:00:00Z)";
    return -1;
}

/* Checks what can be checked without running; shared by check() and
 * create(). Reports the first problem with host->fail(). */
static assay_rc check_config(const assay_host *h, assay_ctx *ctx)
{
    static const struct {
        const char *key;
        int64_t min, max;
    } ranges[] = {{"max_articles", 1, 1000000},  {"remember_days", 1, 36500},
                  {"retry_failed", 0, 100},      {"backlog_max", 1, 10000000},
                  {"min_text_chars", 0, 1000000}};
    const char *lists[] = {"feeds", "urls"};
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
        int64_t v = h->cfg_int(ctx, ranges[i].key);
        if (v < ranges[i].min || v > ranges[i].max)
            return h->fail(ctx, ASSAY_ERR_CONFIG, "%s must be from %lld to %lld, not %lld",
                           ranges[i].key, (long long)ranges[i].min, (long long)ranges[i].max,
                           (long long)v);
    }
    if (h->cfg_list_len(ctx, "feeds") + h->cfg_list_len(ctx, "urls") == 0)
        return h->fail(ctx, ASSAY_ERR_CONFIG,
                       "nothing to read: give feeds (RSS or Atom URLs) or urls (article pages)");
    for (size_t l = 0; l < 2; l++)
        for (size_t i = 0; i < h->cfg_list_len(ctx, lists[l]); i++) {
            const char *u = h->cfg_list_item(ctx, lists[l], i), *why;
            char *c = url_canonical(u, NULL, &why);
            if (!c)
                return h->fail(ctx, ASSAY_ERR_CONFIG, "%s[%zu] '%s' is not usable: %s", lists[l],
                               i, u, why);
            free(c);
        }
    int64_t start;
    const char *why;
    if (parse_since(h, h->cfg_string(ctx, "since"), h->now(), &start, &why) != 0)
        return h->fail(ctx, ASSAY_ERR_CONFIG, "since '%s': %s", h->cfg_string(ctx, "since"), why);
    const char *src = h->cfg_string(ctx, "source");
    if (src && !*src)
        return h->fail(ctx, ASSAY_ERR_CONFIG, "source must not be empty (leave it out for the "
                                              "article's host)");
    return ASSAY_OK;
}

static assay_rc news_check(const assay_host *h, assay_ctx *ctx)
{
    return check_config(h, ctx);
}

/* ---- life cycle ---- */

static void news_destroy(void *self)
{
    news *nw = self;
    if (!nw)
        return;
    news_memory_free(nw);
    if (nw->strip)
        for (char **p = nw->strip; *p; p++)
            free(*p);
    free(nw->strip);
    free(nw);
}

static assay_rc news_create(const assay_host *h, assay_ctx *ctx, void **self)
{
    news *nw = calloc(1, sizeof *nw);
    if (!nw)
        return h->fail(ctx, ASSAY_ERR_NOMEM, "out of memory");
    *self = nw;
    nw->h = h;
    nw->ctx = ctx;
    assay_rc rc = check_config(h, ctx);
    if (rc != ASSAY_OK)
        return rc;
    nw->docs = h->stream(ctx, "documents");
    for (int i = 0; i < NF_COUNT; i++)
        nw->f[i] = h->stream_field_index(nw->docs, field_names[i]);
    nw->now = h->now();
    time_t t = (time_t)(nw->now / 1000000);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(nw->today, sizeof nw->today, "%Y-%m-%d", &tm);
    nw->max_articles = h->cfg_int(ctx, "max_articles");
    nw->remember_days = h->cfg_int(ctx, "remember_days");
    nw->retry_failed = h->cfg_int(ctx, "retry_failed");
    nw->backlog_max = h->cfg_int(ctx, "backlog_max");
    nw->min_text = h->cfg_int(ctx, "min_text_chars");
    nw->source = h->cfg_string(ctx, "source");
    const char *why;
    parse_since(h, h->cfg_string(ctx, "since"), nw->now, &nw->since, &why);
    size_t n = h->cfg_list_len(ctx, "strip_params");
    nw->strip = calloc(n + 1, sizeof *nw->strip);
    if (!nw->strip)
        return h->fail(ctx, ASSAY_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        if (!(nw->strip[i] = strdup(h->cfg_list_item(ctx, "strip_params", i))))
            return h->fail(ctx, ASSAY_ERR_NOMEM, "out of memory");
    return ASSAY_OK;
}

/* `assay article`: no pipeline, no host services needed. */
static int news_command(const assay_host *h, int argc, char **argv)
{
    (void)h;
    return article_cli("assay article", argc, argv);
}

ASSAY_EXPORT const assay_plugin assay_plugin_descriptor = {
    ASSAY_PLUGIN_HEADER,
    .name = "news",
    .kind = ASSAY_SOURCE,
    .version = "1.0.0",
    .description = "RSS/Atom feeds and article URLs to article documents (main text, title, "
                   "author, date)",
    .config = news_config,
    .streams = news_streams,
    .create = news_create,
    .run = news_run,
    .destroy = news_destroy,
    .command_name = "article",
    .command = news_command,
    .check = news_check,
};
