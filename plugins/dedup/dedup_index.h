/* dedup_index.h - the dedup transform's memory of documents, in RAM: who
 * was seen (by id), what text (by content hash), what text looked like
 * (LSH buckets of MinHash signatures), and the stories documents were
 * grouped into, with their distinct sources.
 *
 * Every lookup is a hash-table probe; a near-duplicate search probes one
 * bucket per band and compares the signatures found there (at most
 * DD_CHAIN_MAX per band), so adding n documents costs O(n), never the
 * O(n^2) of comparing every pair.
 *
 * A story is named by the id hash of its first document (its root);
 * stories and sources are indexes into the arrays below, stable for the
 * life of the index.
 */
#ifndef ASSAY_DEDUP_INDEX_H
#define ASSAY_DEDUP_INDEX_H

#include "dedup_sig.h"

#include <stddef.h>
#include <stdint.h>

#define DD_CHAIN_MAX 256 /* signatures compared per band and lookup, at most */

typedef struct dd_entry {
    uint64_t id;      /* hash of the document id */
    uint64_t content; /* first 64 bits of the text's SHA-256 */
    uint64_t story;   /* id hash of the story's first document */
    uint32_t time;    /* when dedup first saw it, Unix seconds */
    uint32_t source;  /* index into the source names */
    int has_sig;      /* 0: too few words for near-duplicate matching */
    dd_sig sig;
    char *doc_id;     /* the document id (malloc'd) */
} dd_entry;

typedef struct dd_story {
    uint64_t key;
    uint32_t root;        /* entry index of its first document */
    uint32_t ndocs;
    uint32_t first, last; /* times of its first and latest document */
    uint32_t *sources;    /* distinct source indexes, in order of arrival */
    uint32_t nsources, cap;
} dd_story;

/* An open-addressing map from a nonzero 64-bit key to a 32-bit value. */
typedef struct dd_map {
    uint64_t *keys;
    uint32_t *vals;
    size_t cap, n;
} dd_map;

typedef struct dd_index {
    int bands, rows;
    dd_entry *e;
    size_t n, cap;
    uint32_t *next;   /* per entry and band: the previous entry in that bucket */
    uint32_t *stamp;  /* per entry: last lookup that compared it */
    uint32_t lookups;
    dd_map by_id, by_content, buckets, by_story, by_source;
    dd_story *stories;
    size_t nstories, stories_cap;
    char **sources;
    size_t nsources, sources_cap;
} dd_index;

#define DD_NONE UINT32_MAX

/* An empty index whose buckets suit this similarity threshold. */
void dd_index_init(dd_index *x, double threshold);
void dd_index_free(dd_index *x);

/* The index of a source name (added when new), or DD_NONE when out of
 * memory. */
uint32_t dd_index_source(dd_index *x, const char *name);

/* Adds a copy of *e (doc_id is copied) to the maps, its buckets and its
 * story (created when e->story is new, with e as its root). Returns the
 * entry index, or DD_NONE when out of memory. */
uint32_t dd_index_add(dd_index *x, const dd_entry *e);

/* Lookups: an entry index, or DD_NONE. */
uint32_t dd_index_by_id(const dd_index *x, uint64_t id);
uint32_t dd_index_by_content(const dd_index *x, uint64_t content);
/* The most similar earlier entry with a similarity >= threshold (*sim
 * receives it), or DD_NONE. */
uint32_t dd_index_similar(dd_index *x, const dd_sig *sig, double threshold, double *sim);

/* The story with this key, or NULL. */
dd_story *dd_index_story(const dd_index *x, uint64_t key);

#endif
