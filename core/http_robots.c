/*
 * http_robots.c - robots.txt for the HTTP service: which paths a host
 * allows (RFC 9309), and the per-run cache of each host's file.
 *
 * Matching follows RFC 9309: the groups naming our product token (case
 * insensitive) are merged and used; without one, the "*" groups are. Of the
 * Allow and Disallow rules whose pattern matches the path ('*' any run of
 * bytes, a final '$' the end), the longest pattern decides, and Allow wins a
 * tie. Patterns are matched with a state set, never by backtracking, so a
 * hostile file costs at most O(path x pattern) per rule.
 */
#include "http.h"

#include "mem.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#define ROBOTS_MAX_PATTERN 2048 /* longer rules are ignored */

/* ------------------------------------------------------------------------
 * Matching
 * --------------------------------------------------------------------- */

/* 1 when pattern p (plen bytes, '*' wildcards, optional final '$') matches
 * a prefix of s (all of s when anchored by '$'). */
static int pattern_match(const char *p, size_t plen, const char *s)
{
    int anchored = plen > 0 && p[plen - 1] == '$';
    if (anchored)
        plen--;
    unsigned char cur[ROBOTS_MAX_PATTERN + 1], nxt[ROBOTS_MAX_PATTERN + 1];
    memset(cur, 0, plen + 1);
    cur[0] = 1;
    for (const char *c = s;; c++) {
        /* close over stars: '*' may match nothing */
        for (size_t i = 0; i < plen; i++)
            if (cur[i] && p[i] == '*')
                cur[i + 1] = 1;
        if (cur[plen] && (!anchored || !*c))
            return 1;
        if (!*c)
            return 0;
        memset(nxt, 0, plen + 1);
        int any = 0;
        for (size_t i = 0; i < plen; i++) {
            if (!cur[i])
                continue;
            if (p[i] == '*')
                nxt[i] = any = 1; /* the star eats this byte and stays */
            else if (p[i] == *c)
                nxt[i + 1] = any = 1;
        }
        if (!any)
            return 0;
        memcpy(cur, nxt, plen + 1);
    }
}

/* One line of the file, split: the field name (lower-cased into key) and
 * its value (trimmed, comment removed), pointing into line. */
static int split_line(const char *line, size_t len, char *key, size_t keylen, const char **val,
                      size_t *vlen)
{
    const char *hash = memchr(line, '#', len);
    if (hash)
        len = (size_t)(hash - line);
    const char *colon = memchr(line, ':', len);
    if (!colon)
        return 0;
    const char *k = line, *ke = colon;
    while (k < ke && isspace((unsigned char)*k))
        k++;
    while (ke > k && isspace((unsigned char)ke[-1]))
        ke--;
    if ((size_t)(ke - k) >= keylen)
        return 0;
    for (size_t i = 0; k + i < ke; i++)
        key[i] = (char)tolower((unsigned char)k[i]);
    key[ke - k] = '\0';
    const char *v = colon + 1, *ve = line + len;
    while (v < ve && isspace((unsigned char)*v))
        v++;
    while (ve > v && isspace((unsigned char)ve[-1]))
        ve--;
    *val = v;
    *vlen = (size_t)(ve - v);
    return 1;
}

/* 1 when a User-agent value names our product token (its first word, up
 * to a '/' or a space), compared without case. */
static int agent_matches(const char *v, size_t vlen, const char *agent)
{
    size_t n = 0;
    while (n < vlen && v[n] != '/' && !isspace((unsigned char)v[n]))
        n++;
    return n > 0 && strlen(agent) == n && strncasecmp(v, agent, n) == 0;
}

/* The verdict of the rules in groups selected by `pick` (1: groups naming
 * agent, 0: '*' groups). Returns -1 when no group was selected, else 1/0
 * (allowed/disallowed) with the deciding rule in rule. */
static int verdict(const char *text, const char *agent, const char *path, int pick, char *rule,
                   size_t rulelen)
{
    int selected = 0, in_group = 0, group_on = 0, last_was_agent = 0;
    size_t best_len = 0;
    int best_allow = 1, have_best = 0;
    const char *line = text;
    while (*line) {
        size_t len = strcspn(line, "\r\n");
        char key[32];
        const char *v;
        size_t vlen;
        if (split_line(line, len, key, sizeof key, &v, &vlen)) {
            if (strcmp(key, "user-agent") == 0) {
                if (!last_was_agent)
                    group_on = 0; /* a new group starts */
                int hit = pick ? agent_matches(v, vlen, agent) : (vlen == 1 && v[0] == '*');
                group_on |= hit;
                selected |= hit; /* a matching group without rules allows all */
                in_group = 1;
                last_was_agent = 1;
            } else if (strcmp(key, "allow") == 0 || strcmp(key, "disallow") == 0) {
                last_was_agent = 0;
                if (in_group && group_on) {
                    int allow = key[0] == 'a';
                    if (vlen > 0 && vlen <= ROBOTS_MAX_PATTERN && pattern_match(v, vlen, path) &&
                        (!have_best || vlen > best_len ||
                         (vlen == best_len && allow && !best_allow))) {
                        have_best = 1;
                        best_len = vlen;
                        best_allow = allow;
                        if (rule)
                            snprintf(rule, rulelen, "%s: %.*s", allow ? "Allow" : "Disallow",
                                     (int)vlen, v);
                    }
                }
            } /* sitemap, crawl-delay, ...: ignored, and no group boundary */
        }
        line += len;
        while (*line == '\r' || *line == '\n')
            line++;
    }
    if (!selected)
        return -1;
    return have_best ? best_allow : 1;
}

int robots_allowed(const char *text, const char *agent, const char *path, char *rule,
                   size_t rulelen)
{
    if (rule && rulelen)
        rule[0] = '\0';
    if (!text || strcmp(path, "/robots.txt") == 0)
        return 1;
    if (strncmp(text, "\xEF\xBB\xBF", 3) == 0)
        text += 3; /* a UTF-8 byte order mark */
    int v = verdict(text, agent, path, 1, rule, rulelen);
    if (v < 0)
        v = verdict(text, agent, path, 0, rule, rulelen);
    return v != 0;
}

/* ------------------------------------------------------------------------
 * The cache: one entry per origin, for the whole run
 * --------------------------------------------------------------------- */

typedef struct robots_entry {
    char *origin;
    robots_state state;
    pthread_t owner; /* the thread fetching it, while pending */
    char *text;      /* NULL: no rules */
    char *error;     /* non-NULL: unreadable, nothing may be fetched */
} robots_entry;

static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static robots_entry *cache;
static size_t ncache;

static robots_entry *cache_find(const char *origin)
{
    for (size_t i = 0; i < ncache; i++)
        if (strcmp(cache[i].origin, origin) == 0)
            return &cache[i];
    return NULL;
}

robots_state robots_cache_get(const char *origin, char **text, char **error)
{
    *text = NULL;
    *error = NULL;
    pthread_mutex_lock(&cache_mu);
    robots_entry *e = cache_find(origin);
    robots_state st;
    if (!e) {
        cache = xrealloc(cache, (ncache + 1) * sizeof *cache);
        cache[ncache++] =
            (robots_entry){xstrdup(origin), ROBOTS_PENDING, pthread_self(), NULL, NULL};
        st = ROBOTS_ABSENT;
    } else if (e->state == ROBOTS_PENDING && pthread_equal(e->owner, pthread_self())) {
        /* fetched by a call this thread is inside of (http_fetch from a
         * done() callback): waiting would never end, so fetch it again */
        st = ROBOTS_ABSENT;
    } else {
        st = e->state;
        if (st == ROBOTS_READY) {
            *text = e->text ? xstrdup(e->text) : NULL;
            *error = e->error ? xstrdup(e->error) : NULL;
        }
    }
    pthread_mutex_unlock(&cache_mu);
    return st;
}

void robots_cache_put(const char *origin, const char *text, const char *error)
{
    pthread_mutex_lock(&cache_mu);
    robots_entry *e = cache_find(origin);
    if (!e) {
        cache = xrealloc(cache, (ncache + 1) * sizeof *cache);
        e = &cache[ncache++];
        *e = (robots_entry){xstrdup(origin), ROBOTS_PENDING, pthread_self(), NULL, NULL};
    }
    if (e->state != ROBOTS_READY) {
        e->state = ROBOTS_READY;
        e->text = text ? xstrdup(text) : NULL;
        e->error = error ? xstrdup(error) : NULL;
    }
    pthread_mutex_unlock(&cache_mu);
}

void robots_cache_abandon(const char *origin)
{
    pthread_mutex_lock(&cache_mu);
    robots_entry *e = cache_find(origin);
    if (e && e->state == ROBOTS_PENDING) {
        free(e->origin);
        *e = cache[--ncache];
    }
    pthread_mutex_unlock(&cache_mu);
}

void robots_cache_clear(void)
{
    pthread_mutex_lock(&cache_mu);
    for (size_t i = 0; i < ncache; i++) {
        free(cache[i].origin);
        free(cache[i].text);
        free(cache[i].error);
    }
    free(cache);
    cache = NULL;
    ncache = 0;
    pthread_mutex_unlock(&cache_mu);
}
