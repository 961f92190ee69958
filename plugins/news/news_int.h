/* news_int.h - what the news source's files share; not a public API.
 *
 *   news_plugin.c   the descriptor, config keys, create/check/destroy and
 *                   the `assay article` command
 *   news_memory.c   what the source remembers between runs (state): the
 *                   URLs already emitted, and the backlog of items found
 *                   but not fetched yet
 *   news_run.c      one run: feeds, then the backlog's articles
 *   news_page.c     one fetched article page to one document
 *
 * Memory, in the instance's state (plain values, each small):
 *   "seen-days"       the days that have a bucket: "2026-11-21,2026-11-22"
 *   "seen:YYYY-MM-DD" the URLs first emitted that day: 16 hex digits (the
 *                     first 64 bits of SHA-256 of the canonical URL) each,
 *                     back to back; a bucket older than remember_days is
 *                     deleted
 *   "backlog"         JSON: items found in feeds (or configured) that are
 *                     waiting for their page to be fetched
 *   "http:<feed URL>" the feed's validators, kept by the HTTP service
 */
#ifndef ASSAY_NEWS_INT_H
#define ASSAY_NEWS_INT_H

#include <assay/assay.h>

#include "sbuf.h"

#include <stddef.h>
#include <stdint.h>

#define NEWS_NO_TIME INT64_MIN /* a timestamp that is unknown */

/* One item waiting for its page. */
typedef struct news_item {
    char *url;         /* canonical */
    char *feed;        /* the feed that listed it; NULL for a configured URL */
    char *title;       /* from the feed, or NULL */
    char *author;      /* from the feed, or NULL */
    int64_t published; /* from the feed (usec UTC), or NEWS_NO_TIME */
    uint64_t key;      /* news_url_key(url) */
    int attempts;      /* earlier runs in which fetching it failed */
    int done;          /* this run: handled (emitted, skipped or given up) */
} news_item;

/* Output fields of the documents stream. */
enum {
    NF_ID, NF_URL, NF_SOURCE, NF_KIND, NF_TITLE, NF_AUTHOR, NF_PUBLISHED, NF_FETCHED,
    NF_TEXT, NF_HASH, NF_COUNT
};

/* A set of 64-bit keys (open addressing; 0 is never a key). */
typedef struct keyset {
    uint64_t *slots;
    size_t cap, n;
} keyset;

typedef struct news {
    const assay_host *h;
    assay_ctx *ctx;
    const assay_stream *docs;
    int f[NF_COUNT];

    /* config */
    int64_t max_articles;
    int64_t since;        /* usec: items published before it are skipped; 0: no window */
    int64_t remember_days;
    int64_t retry_failed; /* later runs that retry a transient failure */
    int64_t backlog_max;
    int64_t min_text;     /* characters of text a page needs */
    const char *source;   /* documents.source, or NULL: the outlet's host */
    char **strip;         /* extra query parameters to drop, NULL-terminated */
    char today[11];       /* "YYYY-MM-DD" (UTC) of this run */
    int64_t now;          /* this run's start */

    /* memory (news_memory.c) */
    keyset seen;          /* URLs emitted (or given up) in this and earlier runs */
    keyset queued;        /* URLs in the backlog */
    sbuf bucket;          /* today's bucket value, as it will be put */
    int bucket_dirty;
    int bucket_listed;    /* today is in "seen-days" */
    char *days;           /* the "seen-days" value */
    news_item *backlog;
    size_t nbacklog, backlog_cap;
    int backlog_dirty;
    int since_flush;      /* documents emitted since the bucket was last put */
} news;

/* ---- news_memory.c ---- */

/* The 64-bit key of a canonical URL (the first 16 hex digits of its
 * SHA-256, which also begin the document id). */
uint64_t news_url_key(const assay_host *h, const char *canonical, char id_out[33]);

/* Loads the seen buckets (deleting those past remember_days) and the
 * backlog. Returns ASSAY_OK or an error set with host->fail(). */
assay_rc news_memory_load(news *nw);
int news_seen_has(const news *nw, uint64_t key);
/* Remembers key as emitted today. The bucket is put by news_seen_flush
 * (every few documents, and at the end). Returns 0, or -1 out of memory. */
int news_seen_add(news *nw, uint64_t key);
/* Puts today's bucket (and the list of days) if it changed. */
assay_rc news_seen_flush(news *nw);

int keyset_has(const keyset *s, uint64_t key);
/* Returns 1 when added, 0 when already there, -1 when out of memory. */
int keyset_add(keyset *s, uint64_t key);

/* Appends an item under its key (the strings are copied; feed, title,
 * author may be NULL) and adds the key to nw->queued. Returns 0, or -1
 * when out of memory. */
int news_backlog_add(news *nw, uint64_t key, const char *url, const char *feed,
                     const char *title, const char *author, int64_t published);
/* Drops the items marked done, then, past backlog_max, the oldest (with
 * a warning); puts the backlog if it changed. */
assay_rc news_backlog_save(news *nw);
void news_memory_free(news *nw);

/* ---- news_page.c ---- */

/* What became of one page. */
typedef enum page_outcome {
    PAGE_EMITTED = 0,   /* a document went out */
    PAGE_SKIPPED = 1,   /* nothing to emit, nothing wrong (old, seen) */
    PAGE_FAILED = 2,    /* dead-lettered; do not try again */
    PAGE_RETRY = 3,     /* dead-lettered; a later run may try again */
    PAGE_STOPPED = 4    /* the run is stopping */
} page_outcome;

/* Turns the answer for it into a document and emits it, or dead-letters
 * the item with the reason. */
page_outcome news_page(news *nw, news_item *it, const assay_http_response *res);

/* ---- news_run.c ---- */

assay_rc news_run(void *self, assay_ctx *ctx);

/* Dead-letters an item that could not be made a document: a warning
 * naming the URL and the reason, and a dead-letter entry with the URL,
 * the feed and the HTTP status. Returns what dead_letter returned. */
assay_rc news_item_failed(news *nw, const news_item *it, long status, const char *reason);

#endif
