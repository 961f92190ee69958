/* news_memory.c - what the news source remembers between runs (the keys
 * are listed in news_int.h).
 *
 * Seen URLs: a set of 64-bit keys in memory, loaded from one state value
 * per day. Only today's bucket changes during a run, so a put copies one
 * day's keys (16 bytes a URL), never the whole history, and forgetting
 * the oldest day is one delete. Sets are open addressing with linear
 * probing, at most half full.
 *
 * The backlog: items found but not fetched yet, one JSON state value,
 * put when a feed adds to it and at the end of the run, when the items
 * handled are dropped. An item the backlog still holds after a crash is
 * dropped next run as seen if its document was emitted: nothing is
 * fetched twice once its document is durable.
 */
#include "news_int.h"

#include "civil.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BACKLOG_KEY "backlog"
#define DAYS_KEY "seen-days"
#define BUCKET_PREFIX "seen:"
#define KEY_HEX 16

uint64_t news_url_key(const assay_host *h, const char *canonical, char id_out[33])
{
    char hex[65];
    uint64_t k = 0;
    h->sha256_hex(canonical, strlen(canonical), hex);
    for (int i = 0; i < KEY_HEX; i++) {
        char c = hex[i];
        k = k << 4 | (uint64_t)(c <= '9' ? c - '0' : c - 'a' + 10);
    }
    if (id_out) {
        memcpy(id_out, hex, 32);
        id_out[32] = '\0';
    }
    return k ? k : 1; /* 0 marks an empty slot */
}

/* ---- sets of keys ---- */

static size_t slot_of(uint64_t k, size_t cap)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return (size_t)k & (cap - 1);
}

static int keyset_grow(keyset *s)
{
    size_t cap = s->cap ? s->cap * 2 : 1024;
    uint64_t *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < s->cap; i++) {
        uint64_t k = s->slots[i];
        if (!k)
            continue;
        size_t j = slot_of(k, cap);
        while (slots[j])
            j = (j + 1) & (cap - 1);
        slots[j] = k;
    }
    free(s->slots);
    s->slots = slots;
    s->cap = cap;
    return 0;
}

int keyset_has(const keyset *s, uint64_t key)
{
    if (!s->cap)
        return 0;
    for (size_t j = slot_of(key, s->cap); s->slots[j]; j = (j + 1) & (s->cap - 1))
        if (s->slots[j] == key)
            return 1;
    return 0;
}

int keyset_add(keyset *s, uint64_t key)
{
    if ((s->n + 1) * 2 > s->cap && keyset_grow(s) != 0)
        return -1;
    size_t j = slot_of(key, s->cap);
    for (; s->slots[j]; j = (j + 1) & (s->cap - 1))
        if (s->slots[j] == key)
            return 0;
    s->slots[j] = key;
    s->n++;
    return 1;
}

static void keyset_free(keyset *s)
{
    free(s->slots);
    memset(s, 0, sizeof *s);
}

int news_seen_has(const news *nw, uint64_t key)
{
    return keyset_has(&nw->seen, key);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Adds every key of a bucket value; bad keys are skipped. */
static int load_bucket(news *nw, const char *v)
{
    size_t n = strlen(v);
    for (size_t i = 0; i + KEY_HEX <= n; i += KEY_HEX) {
        uint64_t k = 0;
        int ok = 1;
        for (int j = 0; j < KEY_HEX && ok; j++) {
            int d = hexval(v[i + (size_t)j]);
            ok = d >= 0;
            k = k << 4 | (uint64_t)(d & 15);
        }
        if (ok && k && keyset_add(&nw->seen, k) < 0)
            return -1;
    }
    return 0;
}

/* Days since 1970-01-01 of "YYYY-MM-DD", or -1. */
static long day_number(const char *s)
{
    int y, m, d;
    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 ||
        d < 1 || d > 31)
        return -1;
    return (long)civil_to_days(y, m, d);
}

/* ---- the backlog ---- */

static void item_free(news_item *it)
{
    free(it->url);
    free(it->feed);
    free(it->title);
    free(it->author);
    memset(it, 0, sizeof *it);
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

int news_backlog_add(news *nw, uint64_t key, const char *url, const char *feed, const char *title,
                     const char *author, int64_t published)
{
    if (nw->nbacklog == nw->backlog_cap) {
        size_t cap = nw->backlog_cap ? nw->backlog_cap * 2 : 64;
        news_item *p = realloc(nw->backlog, cap * sizeof *p);
        if (!p)
            return -1;
        nw->backlog = p;
        nw->backlog_cap = cap;
    }
    news_item *it = &nw->backlog[nw->nbacklog];
    memset(it, 0, sizeof *it);
    it->url = strdup(url);
    it->feed = dup_or_null(feed);
    it->title = dup_or_null(title);
    it->author = dup_or_null(author);
    it->published = published;
    it->key = key;
    if (keyset_add(&nw->queued, key) < 0 || !it->url || (feed && !it->feed) || (title && !it->title) || (author && !it->author)) {
        item_free(it);
        return -1;
    }
    nw->nbacklog++;
    nw->backlog_dirty = 1;
    return 0;
}

static const char *jstr(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static assay_rc load_backlog(news *nw)
{
    const assay_host *h = nw->h;
    char *text = h->state_get(nw->ctx, BACKLOG_KEY);
    if (!text)
        return ASSAY_OK;
    json_error_t e;
    json_t *root = json_loads(text, 0, &e);
    h->free(text);
    json_t *items = json_object_get(root, "items");
    if (!json_is_array(items)) {
        h->log(nw->ctx, ASSAY_LOG_WARN, "state: the backlog is unreadable (%s); starting without it",
               root ? "no items" : e.text);
        json_decref(root);
        nw->backlog_dirty = 1;
        return ASSAY_OK;
    }
    assay_rc rc = ASSAY_OK;
    size_t i;
    json_t *o;
    json_array_foreach(items, i, o)
    {
        const char *url = jstr(o, "u"), *p = jstr(o, "p");
        int64_t when = NEWS_NO_TIME;
        if (!url)
            continue;
        if (p && h->parse_time(p, strlen(p), &when) != ASSAY_OK)
            when = NEWS_NO_TIME;
        uint64_t key = news_url_key(h, url, NULL);
        if (keyset_has(&nw->queued, key))
            continue; /* listed twice: keep the first */
        if (news_backlog_add(nw, key, url, jstr(o, "f"), jstr(o, "t"), jstr(o, "a"), when) != 0) {
            rc = h->fail(nw->ctx, ASSAY_ERR_NOMEM, "out of memory loading the backlog");
            break;
        }
        nw->backlog[nw->nbacklog - 1].attempts = (int)json_integer_value(json_object_get(o, "n"));
    }
    json_decref(root);
    nw->backlog_dirty = 0;
    return rc;
}

assay_rc news_backlog_save(news *nw)
{
    const assay_host *h = nw->h;
    size_t keep = 0;
    for (size_t i = 0; i < nw->nbacklog; i++) {
        if (nw->backlog[i].done) {
            item_free(&nw->backlog[i]);
            nw->backlog_dirty = 1;
        } else {
            nw->backlog[keep++] = nw->backlog[i];
        }
    }
    nw->nbacklog = keep;
    if (nw->backlog_max > 0 && keep > (size_t)nw->backlog_max) {
        /* full: the oldest waiting items go (they are the least fresh news) */
        size_t drop = keep - (size_t)nw->backlog_max;
        h->log(nw->ctx, ASSAY_LOG_WARN,
               "backlog over backlog_max (%lld): dropping the %zu oldest items, found but never "
               "fetched (the first: %s)",
               (long long)nw->backlog_max, drop, nw->backlog[0].url);
        h->count(nw->ctx, "backlog_dropped", (int64_t)drop);
        for (size_t i = 0; i < drop; i++)
            item_free(&nw->backlog[i]);
        memmove(nw->backlog, nw->backlog + drop, (keep - drop) * sizeof *nw->backlog);
        keep -= drop;
        nw->nbacklog = keep;
        nw->backlog_dirty = 1;
    }
    if (!nw->backlog_dirty)
        return ASSAY_OK;
    if (keep == 0) {
        nw->backlog_dirty = 0;
        return h->state_put(nw->ctx, BACKLOG_KEY, NULL);
    }
    json_t *items = json_array(), *root = json_object();
    for (size_t i = 0; i < keep; i++) {
        news_item *it = &nw->backlog[i];
        json_t *o = json_object();
        json_object_set_new(o, "u", json_string(it->url));
        if (it->feed)
            json_object_set_new(o, "f", json_string(it->feed));
        if (it->title)
            json_object_set_new(o, "t", json_string(it->title));
        if (it->author)
            json_object_set_new(o, "a", json_string(it->author));
        if (it->published != NEWS_NO_TIME) {
            char when[40];
            h->format_time(it->published, when);
            json_object_set_new(o, "p", json_string(when));
        }
        if (it->attempts)
            json_object_set_new(o, "n", json_integer(it->attempts));
        json_array_append_new(items, o);
    }
    json_object_set_new(root, "items", items);
    char *text = json_dumps(root, JSON_COMPACT);
    json_decref(root);
    if (!text)
        return h->fail(nw->ctx, ASSAY_ERR_NOMEM, "out of memory saving the backlog");
    assay_rc rc = h->state_put(nw->ctx, BACKLOG_KEY, text);
    free(text);
    if (rc == ASSAY_OK)
        nw->backlog_dirty = 0;
    return rc;
}

/* ---- loading and saving ---- */

assay_rc news_memory_load(news *nw)
{
    const assay_host *h = nw->h;
    long today = day_number(nw->today);
    char *days = h->state_get(nw->ctx, DAYS_KEY);
    sbuf keep = SBUF_INIT;
    assay_rc rc = ASSAY_OK;
    int changed = 0;

    for (char *d = days, *next; d && *d; d = next) {
        next = strchr(d, ',');
        if (next)
            *next++ = '\0';
        long n = day_number(d);
        char key[32];
        snprintf(key, sizeof key, BUCKET_PREFIX "%.10s", d);
        if (n < 0 || (today >= 0 && today - n >= nw->remember_days)) {
            /* past the window: forget that day (or a key we cannot read) */
            h->state_put(nw->ctx, key, NULL);
            changed = 1;
            continue;
        }
        char *v = h->state_get(nw->ctx, key);
        if (v) {
            int bad = load_bucket(nw, v) != 0;
            if (!bad && strcmp(d, nw->today) == 0) {
                sbuf_adds(&nw->bucket, v);
                nw->bucket_listed = 1;
            }
            h->free(v);
            if (bad) {
                rc = h->fail(nw->ctx, ASSAY_ERR_NOMEM, "out of memory loading seen URLs");
                break;
            }
        }
        if (keep.len)
            sbuf_addc(&keep, ',');
        sbuf_adds(&keep, d);
    }
    h->free(days);
    if (sbuf_failed(&keep) || sbuf_failed(&nw->bucket))
        rc = h->fail(nw->ctx, ASSAY_ERR_NOMEM, "out of memory loading seen URLs");
    if (rc == ASSAY_OK) {
        nw->days = sbuf_detach(&keep, NULL);
        if (!nw->days)
            rc = h->fail(nw->ctx, ASSAY_ERR_NOMEM, "out of memory");
        else if (changed)
            rc = h->state_put(nw->ctx, DAYS_KEY, nw->days[0] ? nw->days : NULL);
    }
    sbuf_free(&keep);
    if (rc == ASSAY_OK)
        rc = load_backlog(nw);
    return rc;
}

int news_seen_add(news *nw, uint64_t key)
{
    int r = keyset_add(&nw->seen, key);
    if (r <= 0)
        return r;
    char hex[KEY_HEX + 1];
    snprintf(hex, sizeof hex, "%016llx", (unsigned long long)key);
    sbuf_add(&nw->bucket, hex, KEY_HEX);
    nw->bucket_dirty = 1;
    return sbuf_failed(&nw->bucket) ? -1 : 0;
}

assay_rc news_seen_flush(news *nw)
{
    const assay_host *h = nw->h;
    if (!nw->bucket_dirty)
        return ASSAY_OK;
    char key[32];
    snprintf(key, sizeof key, BUCKET_PREFIX "%s", nw->today);
    assay_rc rc = h->state_put(nw->ctx, key, nw->bucket.s ? nw->bucket.s : "");
    if (rc == ASSAY_OK && !nw->bucket_listed) {
        size_t n = strlen(nw->days);
        char *days = malloc(n + 12);
        if (!days)
            return h->fail(nw->ctx, ASSAY_ERR_NOMEM, "out of memory");
        snprintf(days, n + 12, "%s%s%s", nw->days, n ? "," : "", nw->today);
        free(nw->days);
        nw->days = days;
        rc = h->state_put(nw->ctx, DAYS_KEY, days);
        nw->bucket_listed = rc == ASSAY_OK;
    }
    if (rc == ASSAY_OK) {
        nw->bucket_dirty = 0;
        nw->since_flush = 0;
    }
    return rc;
}

void news_memory_free(news *nw)
{
    for (size_t i = 0; i < nw->nbacklog; i++)
        item_free(&nw->backlog[i]);
    free(nw->backlog);
    nw->backlog = NULL;
    nw->nbacklog = nw->backlog_cap = 0;
    keyset_free(&nw->seen);
    keyset_free(&nw->queued);
    sbuf_free(&nw->bucket);
    free(nw->days);
    nw->days = NULL;
}
