/* news_run.c - one run of the news source (news_int.h).
 *
 *   1. Every feed in one http_fetch call, each a conditional GET (an
 *      unchanged feed costs one 304). Each feed's new items -- not seen,
 *      not already waiting, not older than `since` -- join the backlog,
 *      which is put in state before done() returns: the service puts the
 *      feed's new validators only after that, so a crash can never leave
 *      validators saying "nothing new" for items nobody kept.
 *   2. Configured article URLs not seen yet join the backlog too.
 *   3. Up to max_articles backlog items, oldest first, in one http_fetch
 *      call; each answer becomes a document (news_page.c), emitted from
 *      done(). The seen bucket is put after the documents it covers
 *      (after each one while it is small), and at the end.
 *   4. The backlog is put without the items handled.
 * A feed or page that fails costs a warning and a dead-letter entry; the
 * rest of the run goes on.
 */
#include "news_int.h"

#include "news_feed.h"
#include "news_url.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The seen bucket is put after every document while it is small (a put
 * copies it), then after every FLUSH_EVERY: a run killed at any moment
 * re-fetches at most that many pages next run (same ids: keyed sinks and
 * dedup take them as replays). */
#define FLUSH_EVERY 32
#define FLUSH_SMALL (32u * 1024)

typedef struct run_counts {
    long feeds_ok, feeds_unchanged, feeds_failed;
    long new_items, known_items, old_items, bad_links;
    long fetched, emitted, skipped, failed, retry;
    int stopped;
} run_counts;

typedef struct run {
    news *nw;
    run_counts c;
    assay_rc rc; /* a fatal error met in a callback */
} run;

/* Dead-letters a feed-level problem: {"feed": url, ...} and the reason. */
static assay_rc feed_problem(run *rn, const char *url, long status, int errors,
                             const char *reason)
{
    const assay_host *h = rn->nw->h;
    json_t *o = json_object();
    json_object_set_new(o, "feed", json_string(url));
    if (status)
        json_object_set_new(o, "status", json_integer(status));
    if (errors)
        json_object_set_new(o, "xml_errors", json_integer(errors));
    char *what = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    assay_rc rc = h->dead_letter(rn->nw->ctx, NULL, what, reason);
    free(what);
    return rc;
}

/* Items of one parsed feed into the backlog. */
static void take_items(run *rn, const char *feed_url, const feed *f)
{
    news *nw = rn->nw;
    const assay_host *h = nw->h;
    for (size_t i = 0; i < f->n && rn->rc == ASSAY_OK; i++) {
        const feed_item *it = &f->items[i];
        const char *why;
        char *url = url_canonical(it->link, (const char *const *)nw->strip, &why);
        if (!url) {
            rn->c.bad_links++;
            h->log(nw->ctx, ASSAY_LOG_DEBUG, "%s: item link '%s' skipped: %s", feed_url,
                   it->link, why);
            continue;
        }
        uint64_t key = news_url_key(h, url, NULL);
        int64_t when = NEWS_NO_TIME;
        if (it->published && h->parse_time(it->published, strlen(it->published), &when) != 0)
            when = NEWS_NO_TIME;
        if (news_seen_has(nw, key) || keyset_has(&nw->queued, key)) {
            rn->c.known_items++;
        } else if (nw->since && when != NEWS_NO_TIME && when < nw->since) {
            rn->c.old_items++;
        } else if (news_backlog_add(nw, key, url, feed_url, it->title, it->author, when) != 0) {
            rn->rc = h->fail(nw->ctx, ASSAY_ERR_NOMEM, "out of memory");
        } else {
            rn->c.new_items++;
        }
        free(url);
    }
}

static void on_feed(const assay_http_response *res, void *ud)
{
    run *rn = ud;
    news *nw = rn->nw;
    const assay_host *h = nw->h;
    const char *url = res->request->url;
    char err[512], reason[1024];
    feed f;

    if (rn->rc != ASSAY_OK || res->rc == ASSAY_ERR_STOPPED) {
        rn->c.stopped = 1;
        return;
    }
    if (res->rc != ASSAY_OK) {
        rn->c.feeds_failed++;
        snprintf(reason, sizeof reason, "feed %s", res->error ? res->error : "failed");
        if (feed_problem(rn, url, res->status, 0, reason) != ASSAY_OK)
            rn->c.stopped = 1;
        return;
    }
    if (res->not_modified) {
        rn->c.feeds_unchanged++;
        h->log(nw->ctx, ASSAY_LOG_DEBUG, "feed %s: unchanged (304)", url);
        return;
    }
    rn->c.feeds_ok++;
    const char *base = res->final_url ? res->final_url : url;
    if (feed_parse(res->body, res->body_len, base, res->charset, &f, err, sizeof err) != 0) {
        rn->c.feeds_failed++;
        snprintf(reason, sizeof reason, "feed %s: %s", url, err);
        if (feed_problem(rn, url, res->status, 0, reason) != ASSAY_OK)
            rn->c.stopped = 1;
        feed_free(&f);
        return;
    }
    size_t before = rn->c.new_items;
    take_items(rn, url, &f);
    h->log(nw->ctx, ASSAY_LOG_DEBUG, "feed %s: %s, %zu items (%zu new), read as %s", url,
           feed_format_name(f.format), f.n, (size_t)(rn->c.new_items - (long)before), f.charset);
    if (f.skipped)
        h->log(nw->ctx, ASSAY_LOG_INFO, "feed %s: %zu item%s without a link skipped", url,
               f.skipped, f.skipped == 1 ? "" : "s");
    if (f.errors) {
        /* what parsed is kept; the rest is reported */
        snprintf(reason, sizeof reason,
                 "feed %s: malformed XML, %d error%s, the first at %s; the %zu items read "
                 "are kept",
                 url, f.errors, f.errors == 1 ? "" : "s", f.error, f.n);
        h->count(nw->ctx, "feeds_malformed", 1);
        if (feed_problem(rn, url, res->status, f.errors, reason) != ASSAY_OK)
            rn->c.stopped = 1;
    }
    feed_free(&f);
    /* before done() returns, so before the service puts the validators */
    if (rn->rc == ASSAY_OK) {
        assay_rc rc = news_backlog_save(nw);
        if (rc != ASSAY_OK)
            rn->rc = rc;
    }
}

static void on_page(const assay_http_response *res, void *ud)
{
    run *rn = ud;
    news *nw = rn->nw;
    news_item *it = res->request->user;
    if (rn->rc != ASSAY_OK || rn->c.stopped)
        return;
    rn->c.fetched++;
    page_outcome outcome = news_page(nw, it, res);
    switch (outcome) {
    case PAGE_EMITTED:
        rn->c.emitted++;
        it->done = 1;
        if (++nw->since_flush >= FLUSH_EVERY || nw->bucket.len < FLUSH_SMALL) {
            assay_rc rc = news_seen_flush(nw);
            if (rc != ASSAY_OK)
                rn->rc = rc;
        }
        break;
    case PAGE_SKIPPED:
    case PAGE_FAILED:
        /* nothing more to do for it, now or in a later run */
        if (outcome == PAGE_SKIPPED)
            rn->c.skipped++;
        else
            rn->c.failed++;
        it->done = 1;
        if (news_seen_add(nw, it->key) != 0)
            rn->rc = nw->h->fail(nw->ctx, ASSAY_ERR_NOMEM, "out of memory");
        break;
    case PAGE_RETRY:
        rn->c.retry++;
        it->attempts++;
        nw->backlog_dirty = 1;
        break;
    case PAGE_STOPPED:
        rn->c.stopped = 1;
        break;
    }
}

assay_rc news_run(void *self, assay_ctx *ctx)
{
    news *nw = self;
    const assay_host *h = nw->h;
    run rn = {nw, {0}, ASSAY_OK};
    assay_http_request *reqs = NULL;
    size_t nfeeds = h->cfg_list_len(ctx, "feeds"), nurls = h->cfg_list_len(ctx, "urls");
    assay_rc rc;

    nw->ctx = ctx;
    rc = news_memory_load(nw);
    if (rc != ASSAY_OK)
        return rc;

    /* 1. feeds */
    if (nfeeds) {
        reqs = calloc(nfeeds, sizeof *reqs);
        if (!reqs)
            return h->fail(ctx, ASSAY_ERR_NOMEM, "out of memory");
        for (size_t i = 0; i < nfeeds; i++) {
            reqs[i].url = h->cfg_list_item(ctx, "feeds", i);
            reqs[i].cache_key = reqs[i].url;
        }
        rc = h->http_fetch(ctx, reqs, nfeeds, on_feed, &rn);
        free(reqs);
        reqs = NULL;
        if (rc == ASSAY_ERR_STOPPED || rn.c.stopped)
            goto finish;
        if (rc != ASSAY_OK || rn.rc != ASSAY_OK)
            goto finish;
    }

    /* 2. configured article URLs */
    for (size_t i = 0; i < nurls; i++) {
        const char *why, *u = h->cfg_list_item(ctx, "urls", i);
        char *url = url_canonical(u, (const char *const *)nw->strip, &why);
        if (!url)
            continue; /* create() refused such a config already */
        uint64_t key = news_url_key(h, url, NULL);
        if (news_seen_has(nw, key) || keyset_has(&nw->queued, key))
            rn.c.known_items++;
        else if (news_backlog_add(nw, key, url, NULL, NULL, NULL, NEWS_NO_TIME) != 0)
            rn.rc = h->fail(ctx, ASSAY_ERR_NOMEM, "out of memory");
        else
            rn.c.new_items++;
        free(url);
    }
    if (rn.rc != ASSAY_OK)
        goto finish;

    /* 3. the backlog's pages, oldest first */
    size_t cap = nw->nbacklog < (size_t)nw->max_articles ? nw->nbacklog : (size_t)nw->max_articles;
    size_t n = 0, waiting = 0;
    reqs = calloc(cap ? cap : 1, sizeof *reqs);
    if (!reqs) {
        rc = h->fail(ctx, ASSAY_ERR_NOMEM, "out of memory");
        goto finish;
    }
    for (size_t i = 0; i < nw->nbacklog; i++) {
        news_item *it = &nw->backlog[i];
        if (news_seen_has(nw, it->key)) {
            it->done = 1; /* emitted by a run that ended before it could say so */
        } else if (nw->since && it->published != NEWS_NO_TIME && it->published < nw->since) {
            it->done = 1;
            rn.c.old_items++;
        } else if (n < cap) {
            reqs[n].url = it->url;
            reqs[n].user = it;
            n++;
        } else {
            waiting++;
        }
    }
    if (n) {
        rc = h->http_fetch(ctx, reqs, n, on_page, &rn);
        if (rc == ASSAY_ERR_STOPPED)
            rc = ASSAY_OK;
    }
    if (waiting)
        h->log(ctx, ASSAY_LOG_INFO, "%zu article%s wait in the backlog for a later run "
               "(max_articles is %lld)", waiting, waiting == 1 ? "" : "s",
               (long long)nw->max_articles);
    h->count(ctx, "waiting", (int64_t)waiting);

finish:
    free(reqs);
    /* 4. what this run did, durable after the documents it covers */
    if (rn.rc == ASSAY_OK) {
        assay_rc r2 = news_seen_flush(nw);
        if (r2 == ASSAY_OK)
            r2 = news_backlog_save(nw);
        if (r2 != ASSAY_OK)
            rn.rc = r2;
    }
    h->count(ctx, "feeds", rn.c.feeds_ok);
    h->count(ctx, "feeds_unchanged", rn.c.feeds_unchanged);
    h->count(ctx, "feeds_failed", rn.c.feeds_failed);
    h->count(ctx, "new_items", rn.c.new_items);
    h->count(ctx, "pages", rn.c.fetched);
    h->count(ctx, "too_old", rn.c.old_items);
    h->log(ctx, ASSAY_LOG_INFO,
           "feeds: %ld read, %ld unchanged, %ld failed; items: %ld new, %ld known, %ld too old, "
           "%ld bad links; pages: %ld fetched, %ld documents, %ld skipped, %ld failed, %ld to retry",
           rn.c.feeds_ok, rn.c.feeds_unchanged, rn.c.feeds_failed, rn.c.new_items,
           rn.c.known_items, rn.c.old_items, rn.c.bad_links, rn.c.fetched, rn.c.emitted,
           rn.c.skipped, rn.c.failed, rn.c.retry);
    if (rn.rc != ASSAY_OK)
        return rn.rc;
    return rc == ASSAY_ERR_STOPPED ? ASSAY_OK : rc;
}
