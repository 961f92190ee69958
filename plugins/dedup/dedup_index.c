/* dedup_index.c - the in-memory index of documents and stories (see
 * dedup_index.h). Maps are open addressing with linear probing, kept at
 * most half full; a bucket of the LSH tables is a linked list threaded
 * through the per-entry `next` array, newest first.
 */
#include "dedup_index.h"

#include <stdlib.h>
#include <string.h>

/* ---- maps ---- */

static size_t probe_start(uint64_t k, size_t cap)
{
    k ^= k >> 31;
    k *= 0x7fb5d329728ea185ULL;
    k ^= k >> 27;
    return (size_t)k & (cap - 1);
}

static uint64_t nz(uint64_t k)
{
    return k ? k : 1; /* 0 marks an empty slot */
}

static uint32_t map_get(const dd_map *m, uint64_t key)
{
    key = nz(key);
    if (!m->cap)
        return DD_NONE;
    for (size_t i = probe_start(key, m->cap); m->keys[i]; i = (i + 1) & (m->cap - 1))
        if (m->keys[i] == key)
            return m->vals[i];
    return DD_NONE;
}

static int map_grow(dd_map *m)
{
    size_t cap = m->cap ? m->cap * 2 : 1024;
    uint64_t *keys = calloc(cap, sizeof *keys);
    uint32_t *vals = malloc(cap * sizeof *vals);
    if (!keys || !vals) {
        free(keys);
        free(vals);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = probe_start(m->keys[i], cap);
        while (keys[j])
            j = (j + 1) & (cap - 1);
        keys[j] = m->keys[i];
        vals[j] = m->vals[i];
    }
    free(m->keys);
    free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = cap;
    return 0;
}

/* Sets key to val; returns 0 or -1 (out of memory). */
static int map_put(dd_map *m, uint64_t key, uint32_t val)
{
    key = nz(key);
    if ((m->n + 1) * 2 > m->cap && map_grow(m) != 0)
        return -1;
    size_t i = probe_start(key, m->cap);
    for (; m->keys[i]; i = (i + 1) & (m->cap - 1))
        if (m->keys[i] == key) {
            m->vals[i] = val;
            return 0;
        }
    m->keys[i] = key;
    m->vals[i] = val;
    m->n++;
    return 0;
}

static void map_free(dd_map *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

/* ---- the index ---- */

void dd_index_init(dd_index *x, double threshold)
{
    memset(x, 0, sizeof *x);
    dd_bands(threshold, &x->bands, &x->rows);
}

void dd_index_free(dd_index *x)
{
    for (size_t i = 0; i < x->n; i++)
        free(x->e[i].doc_id);
    free(x->e);
    free(x->next);
    free(x->stamp);
    map_free(&x->by_id);
    map_free(&x->by_content);
    map_free(&x->buckets);
    map_free(&x->by_story);
    map_free(&x->by_source);
    for (size_t i = 0; i < x->nstories; i++)
        free(x->stories[i].sources);
    free(x->stories);
    for (size_t i = 0; i < x->nsources; i++)
        free(x->sources[i]);
    free(x->sources);
    memset(x, 0, sizeof *x);
}

/* FNV-1a of a string, never 0. */
static uint64_t str_key(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ULL;
    }
    return nz(h);
}

uint32_t dd_index_source(dd_index *x, const char *name)
{
    uint64_t k = str_key(name);
    /* a key names one source; on a (most unlikely) collision compare */
    uint32_t i = map_get(&x->by_source, k);
    if (i != DD_NONE && strcmp(x->sources[i], name) == 0)
        return i;
    if (i != DD_NONE)
        k = nz(k + 0x9e3779b97f4a7c15ULL); /* second choice for the newcomer */
    i = map_get(&x->by_source, k);
    if (i != DD_NONE && strcmp(x->sources[i], name) == 0)
        return i;
    if (x->nsources == x->sources_cap) {
        size_t cap = x->sources_cap ? x->sources_cap * 2 : 64;
        char **p = realloc(x->sources, cap * sizeof *p);
        if (!p)
            return DD_NONE;
        x->sources = p;
        x->sources_cap = cap;
    }
    char *copy = strdup(name);
    if (!copy || map_put(&x->by_source, k, (uint32_t)x->nsources) != 0) {
        free(copy);
        return DD_NONE;
    }
    x->sources[x->nsources] = copy;
    return (uint32_t)x->nsources++;
}

uint32_t dd_index_by_id(const dd_index *x, uint64_t id)
{
    return map_get(&x->by_id, id);
}

uint32_t dd_index_by_content(const dd_index *x, uint64_t content)
{
    return map_get(&x->by_content, content);
}

dd_story *dd_index_story(const dd_index *x, uint64_t key)
{
    uint32_t i = map_get(&x->by_story, key);
    return i == DD_NONE ? NULL : &x->stories[i];
}

/* Makes room for one more entry in every per-entry array. */
static int reserve_entry(dd_index *x)
{
    if (x->n < x->cap)
        return 0;
    size_t cap = x->cap ? x->cap * 2 : 1024;
    dd_entry *e = realloc(x->e, cap * sizeof *e);
    if (!e)
        return -1;
    x->e = e;
    uint32_t *next = realloc(x->next, cap * (size_t)x->bands * sizeof *next);
    if (!next)
        return -1;
    x->next = next;
    uint32_t *stamp = realloc(x->stamp, cap * sizeof *stamp);
    if (!stamp)
        return -1;
    x->stamp = stamp;
    x->cap = cap;
    return 0;
}

static int story_add_source(dd_story *s, uint32_t source)
{
    for (uint32_t i = 0; i < s->nsources; i++)
        if (s->sources[i] == source)
            return 0;
    if (s->nsources == s->cap) {
        uint32_t cap = s->cap ? s->cap * 2 : 4;
        uint32_t *p = realloc(s->sources, cap * sizeof *p);
        if (!p)
            return -1;
        s->sources = p;
        s->cap = cap;
    }
    s->sources[s->nsources++] = source;
    return 0;
}

uint32_t dd_index_add(dd_index *x, const dd_entry *in)
{
    if (x->n >= DD_NONE - 1 || reserve_entry(x) != 0)
        return DD_NONE;
    uint32_t idx = (uint32_t)x->n;
    dd_entry *e = &x->e[idx];
    *e = *in;
    e->doc_id = strdup(in->doc_id ? in->doc_id : "");
    if (!e->doc_id)
        return DD_NONE;
    x->stamp[idx] = 0;

    /* its story */
    uint32_t si = map_get(&x->by_story, e->story);
    if (si == DD_NONE) {
        if (x->nstories == x->stories_cap) {
            size_t cap = x->stories_cap ? x->stories_cap * 2 : 1024;
            dd_story *p = realloc(x->stories, cap * sizeof *p);
            if (!p)
                goto oom;
            x->stories = p;
            x->stories_cap = cap;
        }
        si = (uint32_t)x->nstories;
        if (map_put(&x->by_story, e->story, si) != 0)
            goto oom;
        dd_story *s = &x->stories[x->nstories++];
        memset(s, 0, sizeof *s);
        s->key = e->story;
        s->root = idx;
        s->first = e->time;
    }
    dd_story *s = &x->stories[si];
    if (story_add_source(s, e->source) != 0)
        goto oom;
    s->ndocs++;
    if (e->time > s->last)
        s->last = e->time;

    /* lookups */
    if (map_put(&x->by_id, e->id, idx) != 0)
        goto oom;
    if (map_get(&x->by_content, e->content) == DD_NONE &&
        map_put(&x->by_content, e->content, idx) != 0)
        goto oom;
    for (int b = 0; b < x->bands; b++) {
        uint32_t *link = &x->next[(size_t)idx * (size_t)x->bands + (size_t)b];
        *link = DD_NONE;
        if (!e->has_sig)
            continue;
        uint64_t k = dd_band_key(&e->sig, b, x->rows);
        *link = map_get(&x->buckets, k);
        if (map_put(&x->buckets, k, idx) != 0)
            goto oom;
    }
    x->n++;
    return idx;
oom:
    free(e->doc_id);
    e->doc_id = NULL;
    return DD_NONE;
}

uint32_t dd_index_similar(dd_index *x, const dd_sig *sig, double threshold, double *sim)
{
    uint32_t best = DD_NONE;
    double best_sim = -1;
    if (++x->lookups == 0) { /* stamps wrapped: clear them */
        memset(x->stamp, 0, x->n * sizeof *x->stamp);
        x->lookups = 1;
    }
    for (int b = 0; b < x->bands; b++) {
        uint32_t i = map_get(&x->buckets, dd_band_key(sig, b, x->rows));
        for (int walked = 0; i != DD_NONE && walked < DD_CHAIN_MAX; walked++) {
            if (x->stamp[i] != x->lookups) {
                x->stamp[i] = x->lookups;
                double s = dd_similarity(sig, &x->e[i].sig);
                /* the earlier entry wins a tie: its story came first */
                if (s >= threshold && (s > best_sim || (s == best_sim && i < best))) {
                    best = i;
                    best_sim = s;
                }
            }
            i = x->next[(size_t)i * (size_t)x->bands + (size_t)b];
        }
    }
    if (sim)
        *sim = best_sim < 0 ? 0 : best_sim;
    return best;
}
