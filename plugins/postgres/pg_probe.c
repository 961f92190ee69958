/*
 * pg_probe.c - which keys of a batch are in the table already.
 *
 * For a batch that meets existing keys (a re-run over the same input), one
 * query asks for the keys the table already holds: the batch's keys go
 * over as binary arrays (one per key column) and come back, binary too,
 * for the rows that exist. Those rows, and a key's later repeats within
 * the batch, are skipped (DO NOTHING keeps the first row of a key); the
 * rest is COPYed as new rows. A full re-run then costs the server an
 * index lookup per row, not a parse, a sort and an insert attempt.
 *
 * Keys are compared as the bytes the binary format gives them, which is
 * equality for the types keys are made of (text, integers, dates,
 * timestamps). Values that are equal with different bytes (-0 and 0 as
 * float keys) look new here; their COPY then meets the duplicate and the
 * staging merge decides, so the probe can only make loads faster, never
 * different.
 */
#include "pg_sink.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct key_ref {
    uint64_t hash;
    size_t off, len; /* in the set's arena */
} key_ref;

typedef struct key_set {
    pg_buf arena;
    key_ref *slots;
    size_t cap; /* a power of two */
} key_set;

static uint64_t hash_bytes(const unsigned char *p, size_t n)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211u;
    }
    return h | 1; /* 0 marks an empty slot */
}

/* Adds the key at arena[off, off + len); returns 1 when it was there. */
static int set_add(key_set *ks, size_t off, size_t len)
{
    const unsigned char *k = (const unsigned char *)ks->arena.data + off;
    uint64_t h = hash_bytes(k, len);
    for (size_t i = h & (ks->cap - 1);; i = (i + 1) & (ks->cap - 1)) {
        key_ref *r = &ks->slots[i];
        if (!r->hash) {
            *r = (key_ref){h, off, len};
            return 0;
        }
        if (r->hash == h && r->len == len && memcmp(ks->arena.data + r->off, k, len) == 0)
            return 1;
    }
}

/* Appends row i's key (each key column's length word and bytes). */
static void row_key(const pg_table *t, const pg_batch *b, size_t i, pg_buf *out)
{
    for (size_t k = 0; k < t->nkey; k++) {
        size_t len;
        const unsigned char *p = pg_row_field(t, b, i, t->key[k], &len);
        pg_buf_add(out, p, len);
    }
}

static size_t live_rows(const pg_batch *b, size_t from, size_t to)
{
    size_t n = 0;
    for (size_t i = from; i < to; i++)
        n += b->mark[i] == PG_ROW_LIVE;
    return n;
}

static void put_be32(pg_buf *b, uint32_t v)
{
    unsigned char p[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 8), (unsigned char)v};
    pg_buf_add(b, p, 4);
}

pg_status pg_probe_send(PGconn *conn, const pg_table *t, pg_batch *b, size_t from, size_t to,
                        size_t *skipped, PGresult **err)
{
    *skipped = 0;
    *err = NULL;
    size_t live = live_rows(b, from, to);
    if (live == 0)
        return PG_OK;

    /* one binary array per key column: ndim, has-nulls, element type,
     * length, lower bound, then the elements as the rows hold them */
    pg_buf arrays[PG_PROBE_MAX_KEYS] = {{0}};
    const char *values[PG_PROBE_MAX_KEYS];
    int lengths[PG_PROBE_MAX_KEYS], formats[PG_PROBE_MAX_KEYS];
    key_set ks = {{0}, NULL, 0};
    PGresult *res = NULL;
    pg_status st = PG_OK;
    for (size_t k = 0; k < t->nkey; k++) {
        pg_buf *a = &arrays[k];
        put_be32(a, 1);
        put_be32(a, 1); /* may hold NULLs: the server checks each element */
        put_be32(a, t->cols[t->key[k]].base_oid);
        put_be32(a, (uint32_t)live);
        put_be32(a, 1);
        for (size_t i = from; i < to; i++) {
            if (b->mark[i] != PG_ROW_LIVE)
                continue;
            size_t len;
            const unsigned char *p = pg_row_field(t, b, i, t->key[k], &len);
            pg_buf_add(a, p, len);
        }
        if (a->failed || a->len > INT32_MAX)
            goto oom;
        values[k] = a->data;
        lengths[k] = (int)a->len;
        formats[k] = 1;
    }
    res = PQexecParams(conn, t->probe_sql, (int)t->nkey, NULL, values, lengths, formats, 1);
    if (!res || PQresultStatus(res) != PGRES_TUPLES_OK) {
        st = pg_classify_conn(conn, res);
        if (st == PG_OK)
            st = PG_FAILED;
        *err = res;
        res = NULL;
        goto done;
    }

    int found = PQntuples(res);
    ks.cap = 16;
    while (ks.cap < 2 * ((size_t)found + live))
        ks.cap *= 2;
    ks.slots = calloc(ks.cap, sizeof *ks.slots);
    if (!ks.slots)
        goto oom;
    for (int r = 0; r < found; r++) {
        size_t off = ks.arena.len;
        for (int k = 0; k < (int)t->nkey; k++) {
            if (PQgetisnull(res, r, k)) {
                put_be32(&ks.arena, UINT32_MAX);
                continue;
            }
            put_be32(&ks.arena, (uint32_t)PQgetlength(res, r, k));
            pg_buf_add(&ks.arena, PQgetvalue(res, r, k), (size_t)PQgetlength(res, r, k));
        }
        if (ks.arena.failed)
            goto oom;
        set_add(&ks, off, ks.arena.len - off);
    }
    for (size_t i = from; i < to; i++) {
        if (b->mark[i] != PG_ROW_LIVE)
            continue;
        size_t off = ks.arena.len;
        row_key(t, b, i, &ks.arena);
        if (ks.arena.failed)
            goto oom;
        if (set_add(&ks, off, ks.arena.len - off)) {
            b->mark[i] = PG_ROW_SKIPPED; /* there already, or earlier in this batch */
            (*skipped)++;
        }
    }
    goto done;
oom:
    st = PG_NOMEM;
done:
    PQclear(res);
    for (size_t k = 0; k < t->nkey; k++)
        pg_buf_free(&arrays[k]);
    pg_buf_free(&ks.arena);
    free(ks.slots);
    return st;
}

pg_status pg_probe_existing(pg_sink *s, pg_table *t, size_t from, size_t to, size_t *skipped)
{
    PGresult *err;
    pg_status st = pg_probe_send(s->conn, t, t->b, from, to, skipped, &err);
    if (st == PG_NOMEM) {
        pg_fail(s, ASSAY_ERR_NOMEM, "out of memory looking up the keys of a batch for %s",
                t->display);
        return PG_FAILED;
    }
    if (st != PG_OK) {
        char what[300];
        snprintf(what, sizeof what, "looking up which keys of a batch %s holds failed", t->display);
        st = pg_fail_result(s, st, what, err);
    }
    PQclear(err);
    return st;
}
