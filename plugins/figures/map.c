/*
 * map.c - the small containers the extractor needs: a string-keyed hash
 * map with int values (open addressing, linear probing) and a growable
 * pointer array. Keys are copied; nothing here knows about words.
 *
 * The slots' hashes are also kept in an array of their own: the tokenizer
 * looks every word up, most words are in no table, and a probe that reads
 * 4 bytes a slot stays in cache where one that reads the 24-byte slot does
 * not. A slot is read only when its hash matches.
 */
#include "fig_int.h"

#include <stdlib.h>
#include <string.h>

struct fig_map_slot {
    char *key; /* NULL: empty */
    size_t len;
    uint32_t hash;
    int value;
};

/* FNV-1a over len bytes. */
uint32_t fig_hash(const char *s, size_t len)
{
    uint32_t h = fig_hash_start();
    for (size_t i = 0; i < len; i++)
        h = fig_hash_step(h, (unsigned char)s[i]);
    return fig_hash_done(h);
}

/* Doubles the table. Returns 0 or -1 (out of memory; the map is intact). */
static int map_grow(fig_map *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 64;
    struct fig_map_slot *ns = calloc(ncap, sizeof *ns);
    uint32_t *nh = calloc(ncap, sizeof *nh);
    if (!ns || !nh) {
        free(ns);
        free(nh);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        struct fig_map_slot *s = &m->slots[i];
        if (!s->key)
            continue;
        size_t j = s->hash & (ncap - 1);
        while (ns[j].key)
            j = (j + 1) & (ncap - 1);
        ns[j] = *s;
        nh[j] = s->hash;
    }
    free(m->slots);
    free(m->hashes);
    m->slots = ns;
    m->hashes = nh;
    m->cap = ncap;
    return 0;
}

/* Inserts or replaces key -> value. Returns 0, or -1 when out of memory. */
int fig_map_put(fig_map *m, const char *key, size_t len, int value)
{
    if ((m->count + 1) * 2 > m->cap && map_grow(m) < 0)
        return -1;
    uint32_t h = fig_hash(key, len);
    size_t j = h & (m->cap - 1);
    while (m->slots[j].key) {
        struct fig_map_slot *s = &m->slots[j];
        if (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0) {
            s->value = value;
            return 0;
        }
        j = (j + 1) & (m->cap - 1);
    }
    char *k = malloc(len + 1);
    if (!k)
        return -1;
    memcpy(k, key, len);
    k[len] = 0;
    m->slots[j].key = k;
    m->slots[j].len = len;
    m->slots[j].hash = h;
    m->slots[j].value = value;
    m->hashes[j] = h;
    m->count++;
    return 0;
}

/* 1 if the len bytes at a and b are the same. A loop, not memcmp(): the
 * keys are words of a few bytes, shorter than the library call's set-up. */
static int same_bytes(const char *a, const char *b, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/* The value for key (hash as from fig_hash, or 0 to compute it), or -1. */
int fig_map_get(const fig_map *m, const char *key, size_t len, uint32_t hash)
{
    if (!m->cap)
        return -1;
    uint32_t h = hash ? hash : fig_hash(key, len);
    size_t j = h & (m->cap - 1);
    /* fig_hash is never 0, so a 0 in hashes is an empty slot */
    for (uint32_t sh; (sh = m->hashes[j]) != 0; j = (j + 1) & (m->cap - 1)) {
        if (sh != h)
            continue;
        const struct fig_map_slot *s = &m->slots[j];
        if (s->len == len && same_bytes(s->key, key, len))
            return s->value;
    }
    return -1;
}

void fig_map_free(fig_map *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    free(m->hashes);
    m->slots = NULL;
    m->hashes = NULL;
    m->cap = m->count = 0;
}

/* Appends p. Returns 0 or -1 (out of memory; p is not owned then). */
int fig_vec_push(fig_vec *a, void *p)
{
    if (a->n == a->cap) {
        size_t ncap = a->cap ? a->cap * 2 : 16;
        void **nv = realloc(a->v, ncap * sizeof *nv);
        if (!nv)
            return -1;
        a->v = nv;
        a->cap = ncap;
    }
    a->v[a->n++] = p;
    return 0;
}

/* Frees the array, calling fr on each element when fr is not NULL. */
void fig_vec_free(fig_vec *a, void (*fr)(void *))
{
    if (fr)
        for (size_t i = 0; i < a->n; i++)
            fr(a->v[i]);
    free(a->v);
    a->v = NULL;
    a->n = a->cap = 0;
}
