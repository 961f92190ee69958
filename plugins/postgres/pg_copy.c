/*
 * pg_copy.c - rows in PostgreSQL's binary COPY format, and sending them.
 *
 * Why binary (README, "Load path"): the server is the bottleneck of a
 * bulk load, and binary COPY spares it the text parsing of every value
 * (floats, timestamps, escapes); it is also exact (a double travels as
 * its 8 bytes, NaN and -0 included) and the client only copies bytes,
 * with no escaping. The price is that each value must be written in the
 * column's own binary form, so pg_ddl.c picks an encoder per column from
 * the table's actual types, and a value a narrower column cannot hold
 * (3e9 into integer) is set aside here with a message, before the server
 * sees it. A text value holding a NUL byte, which no PostgreSQL text can
 * store, is set aside here too.
 *
 * A batch keeps its rows encoded back to back, each as a complete tuple
 * (field count, then length and bytes per field), with their offsets, so
 * that any range of them can be sent again: the rows before a bad one,
 * the rest after it, or the whole batch into the staging table (each row
 * then gets its index as an extra column) or after a reconnect.
 *
 * Layout (the COPY BINARY file format): a 19-byte header (signature,
 * flags, extension length), tuples, and a trailer of int16 -1. Integers
 * are big-endian; a NULL is length -1; timestamps are microseconds and
 * dates days since 2000-01-01; jsonb is a version byte 1 and the text.
 */
#include "pg_sink.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PG_EPOCH_USEC INT64_C(946684800000000) /* 2000-01-01 in Unix microseconds */
#define PG_EPOCH_DAYS INT64_C(10957)           /* 2000-01-01 in Unix days */
#define SEND_CHUNK (1u << 20)                  /* bytes per CopyData message */
#define KEEP_BYTES (8u << 20)                  /* a batch buffer larger is freed after use */

static const char copy_header[19] = {'P',  'G', 'C', 'O', 'P', 'Y', '\n', '\377', '\r', '\n',
                                     '\0', 0,   0,   0,   0,   0,   0,    0,      0};
static const char copy_trailer[2] = {'\377', '\377'};

/* ---- big-endian writes into reserved space ---- */

static void put16(pg_buf *b, uint16_t v)
{
    unsigned char p[2] = {(unsigned char)(v >> 8), (unsigned char)v};
    pg_buf_add(b, p, 2);
}

static void put32(pg_buf *b, uint32_t v)
{
    unsigned char p[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 8), (unsigned char)v};
    pg_buf_add(b, p, 4);
}

static void put64(pg_buf *b, uint64_t v)
{
    unsigned char p[8];
    for (int i = 7; i >= 0; i--, v >>= 8)
        p[i] = (unsigned char)v;
    pg_buf_add(b, p, 8);
}

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t get64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | p[i];
    return v;
}

/* ---- encoding ---- */

void pg_batch_clear(pg_batch *b)
{
    pg_buf_reset(&b->rows, KEEP_BYTES);
    b->nrows = 0;
    if (b->off)
        b->off[0] = 0;
    if (b->mark)
        memset(b->mark, 0, b->offcap);
    b->written = b->unchanged = b->rejects = 0;
}

void pg_batch_free(pg_batch *b)
{
    pg_buf_free(&b->rows);
    free(b->off);
    free(b->mark);
    memset(b, 0, sizeof *b);
}

/* Room for one more row's offset and mark. */
static int grow_rows(pg_batch *b)
{
    if (b->nrows + 2 <= b->offcap)
        return 0;
    size_t cap = b->offcap ? b->offcap * 2 : 1024;
    size_t *off = realloc(b->off, cap * sizeof *off);
    if (!off)
        return -1;
    b->off = off;
    unsigned char *mark = realloc(b->mark, cap);
    if (!mark)
        return -1;
    memset(mark + b->offcap, 0, cap - b->offcap);
    b->mark = mark;
    if (b->offcap == 0)
        b->off[0] = 0;
    b->offcap = cap;
    return 0;
}

assay_rc pg_encode_row(pg_sink *s, pg_table *t, const assay_record *r, char *why, size_t whylen)
{
    const assay_host *h = s->h;
    pg_batch *batch = t->b;
    if (grow_rows(batch) != 0)
        return ASSAY_ERR_NOMEM;
    pg_buf *b = &batch->rows;
    size_t start = b->len;
    put16(b, (uint16_t)t->ncols);
    for (size_t i = 0; i < t->ncols; i++) {
        const pg_col *c = &t->cols[i];
        assay_value v;
        if (h->record_get(r, i, &v) != ASSAY_OK || v.type == ASSAY_T_NULL) {
            put32(b, UINT32_MAX); /* -1: NULL */
            continue;
        }
        switch (c->enc) {
        case PG_ENC_TEXT:
            if (memchr(v.v.s, '\0', v.len)) {
                snprintf(why, whylen,
                         "field %s holds a NUL byte (\\u0000), which PostgreSQL text cannot store",
                         c->field->name);
                goto reject;
            }
            if (v.len > INT32_MAX - 1) {
                snprintf(why, whylen, "field %s is longer than PostgreSQL's 1 GB limit",
                         c->field->name);
                goto reject;
            }
            put32(b, (uint32_t)v.len);
            pg_buf_add(b, v.v.s, v.len);
            break;
        case PG_ENC_JSONB:
        case PG_ENC_JSONTEXT: {
            int jb = c->enc == PG_ENC_JSONB;
            if (v.len > INT32_MAX - 2) {
                snprintf(why, whylen, "field %s is longer than PostgreSQL's 1 GB limit",
                         c->field->name);
                goto reject;
            }
            put32(b, (uint32_t)(v.len + (jb ? 1 : 0)));
            if (jb)
                pg_buf_add(b, "\1", 1); /* jsonb binary format version */
            pg_buf_add(b, v.v.s, v.len);
            break;
        }
        case PG_ENC_INT8:
            put32(b, 8);
            put64(b, (uint64_t)v.v.i);
            break;
        case PG_ENC_INT4:
            if (v.v.i < INT32_MIN || v.v.i > INT32_MAX) {
                snprintf(why, whylen,
                         "field %s: %lld is out of range for column %s of type integer; widen it "
                         "(ALTER TABLE %s ALTER COLUMN %s TYPE bigint)",
                         c->field->name, (long long)v.v.i, c->field->name, t->qname, c->ident);
                goto reject;
            }
            put32(b, 4);
            put32(b, (uint32_t)(int32_t)v.v.i);
            break;
        case PG_ENC_INT2:
            if (v.v.i < INT16_MIN || v.v.i > INT16_MAX) {
                snprintf(why, whylen,
                         "field %s: %lld is out of range for column %s of type smallint; widen it "
                         "(ALTER TABLE %s ALTER COLUMN %s TYPE bigint)",
                         c->field->name, (long long)v.v.i, c->field->name, t->qname, c->ident);
                goto reject;
            }
            put32(b, 2);
            put16(b, (uint16_t)(int16_t)v.v.i);
            break;
        case PG_ENC_FLOAT8: {
            uint64_t bits;
            memcpy(&bits, &v.v.f, 8);
            put32(b, 8);
            put64(b, bits);
            break;
        }
        case PG_ENC_FLOAT4: {
            if (isfinite(v.v.f) && fabs(v.v.f) > FLT_MAX) {
                snprintf(why, whylen,
                         "field %s: %g is out of range for column %s of type real; widen it "
                         "(ALTER TABLE %s ALTER COLUMN %s TYPE double precision)",
                         c->field->name, v.v.f, c->field->name, t->qname, c->ident);
                goto reject;
            }
            float f = (float)v.v.f;
            uint32_t bits;
            memcpy(&bits, &f, 4);
            put32(b, 4);
            put32(b, bits);
            break;
        }
        case PG_ENC_BOOL:
            put32(b, 1);
            pg_buf_add(b, v.v.b ? "\1" : "\0", 1);
            break;
        case PG_ENC_TIMESTAMP:
            if (v.v.i < INT64_MIN + PG_EPOCH_USEC) {
                snprintf(why, whylen, "field %s: the timestamp is out of PostgreSQL's range",
                         c->field->name);
                goto reject;
            }
            put32(b, 8);
            put64(b, (uint64_t)(v.v.i - PG_EPOCH_USEC));
            break;
        case PG_ENC_DATE: {
            int64_t d = v.v.i - PG_EPOCH_DAYS;
            if (v.v.i < INT64_MIN + PG_EPOCH_DAYS || d < INT32_MIN || d > INT32_MAX) {
                snprintf(why, whylen, "field %s: the date is out of PostgreSQL's range",
                         c->field->name);
                goto reject;
            }
            put32(b, 4);
            put32(b, (uint32_t)(int32_t)d);
            break;
        }
        }
    }
    if (b->failed)
        return ASSAY_ERR_NOMEM;
    batch->off[batch->nrows] = start;
    batch->mark[batch->nrows] = PG_ROW_LIVE;
    batch->nrows++;
    batch->off[batch->nrows] = b->len;
    return ASSAY_OK;
reject:
    b->len = start;
    return ASSAY_ERR_REJECT;
}

/* ---- decoding, for dead letters ---- */

assay_record *pg_decode_row(pg_sink *s, pg_table *t, size_t i)
{
    const assay_host *h = s->h;
    const pg_batch *b = t->b;
    const unsigned char *p = (const unsigned char *)b->rows.data + b->off[i];
    const unsigned char *end = (const unsigned char *)b->rows.data + b->off[i + 1];
    assay_record *r = h->record_new(s->ctx, t->stream);
    if (!r)
        return NULL;
    p += 2;
    for (size_t k = 0; k < t->ncols && p + 4 <= end; k++) {
        uint32_t len = get32(p);
        p += 4;
        if (len == UINT32_MAX)
            continue;
        if (p + len > end)
            break;
        const pg_col *c = &t->cols[k];
        int f = (int)k;
        switch (c->enc) {
        case PG_ENC_TEXT: h->set_string(r, f, (const char *)p, len); break;
        case PG_ENC_JSONB:
            if (len > 0)
                h->set_json(r, f, (const char *)p + 1, len - 1);
            break;
        case PG_ENC_JSONTEXT: h->set_json(r, f, (const char *)p, len); break;
        case PG_ENC_INT8: h->set_int(r, f, (int64_t)get64(p)); break;
        case PG_ENC_INT4: h->set_int(r, f, (int32_t)get32(p)); break;
        case PG_ENC_INT2: h->set_int(r, f, (int16_t)(uint16_t)(p[0] << 8 | p[1])); break;
        case PG_ENC_FLOAT8: {
            uint64_t bits = get64(p);
            double d;
            memcpy(&d, &bits, 8);
            h->set_float(r, f, d);
            break;
        }
        case PG_ENC_FLOAT4: {
            uint32_t bits = get32(p);
            float fl;
            memcpy(&fl, &bits, 4);
            h->set_float(r, f, fl);
            break;
        }
        case PG_ENC_BOOL: h->set_bool(r, f, p[0] != 0); break;
        case PG_ENC_TIMESTAMP: h->set_timestamp(r, f, (int64_t)get64(p) + PG_EPOCH_USEC); break;
        case PG_ENC_DATE: h->set_date(r, f, (int64_t)(int32_t)get32(p) + PG_EPOCH_DAYS); break;
        }
        p += len;
    }
    return r;
}

const unsigned char *pg_row_field(const pg_table *t, const pg_batch *b, size_t i, size_t col,
                                  size_t *len)
{
    const unsigned char *p = (const unsigned char *)b->rows.data + b->off[i] + 2;
    for (size_t c = 0; c < col && c < t->ncols; c++) {
        uint32_t n = get32(p);
        p += 4 + (n == UINT32_MAX ? 0 : n);
    }
    uint32_t n = get32(p);
    *len = 4 + (n == UINT32_MAX ? 0 : n);
    return p;
}

/* ---- sending ---- */

static int send_data(PGconn *conn, const char *p, size_t n)
{
    while (n) {
        size_t k = n < SEND_CHUNK ? n : SEND_CHUNK;
        if (PQputCopyData(conn, p, (int)k) != 1)
            return -1;
        p += k, n -= k;
    }
    return 0;
}

pg_status pg_copy_send(PGconn *conn, const pg_table *t, const pg_batch *b, size_t from, size_t to,
                       int staging, pg_buf *scratch, size_t *nsent, PGresult **res)
{
    *nsent = 0;
    *res = PQexec(conn, staging ? t->stage_copy : t->copy_sql);
    if (!*res || PQresultStatus(*res) != PGRES_COPY_IN) {
        pg_status st = pg_classify_conn(conn, *res);
        return st == PG_OK ? PG_FAILED : st;
    }
    PQclear(*res);
    *res = NULL;
    int broken = send_data(conn, copy_header, sizeof copy_header) != 0;
    int oom = 0;
    size_t i = from;
    while (!broken && i < to) {
        if (b->mark[i] != PG_ROW_LIVE) {
            i++;
            continue;
        }
        if (!staging) {
            /* a run of live rows goes straight from the batch */
            size_t j = i;
            while (j < to && b->mark[j] == PG_ROW_LIVE)
                j++;
            broken = send_data(conn, b->rows.data + b->off[i], b->off[j] - b->off[i]) != 0;
            *nsent += j - i;
            i = j;
            continue;
        }
        /* staging: the row with one more field, its index */
        put16(scratch, (uint16_t)(t->ncols + 1));
        pg_buf_add(scratch, b->rows.data + b->off[i] + 2, b->off[i + 1] - b->off[i] - 2);
        put32(scratch, 8);
        put64(scratch, (uint64_t)i);
        if (scratch->failed) {
            oom = 1;
            break;
        }
        (*nsent)++;
        i++;
        if (scratch->len >= SEND_CHUNK) {
            broken = send_data(conn, scratch->data, scratch->len) != 0;
            pg_buf_reset(scratch, KEEP_BYTES);
        }
    }
    if (!broken && !oom && scratch->len)
        broken = send_data(conn, scratch->data, scratch->len) != 0;
    pg_buf_reset(scratch, KEEP_BYTES);
    if (!broken && !oom)
        broken = send_data(conn, copy_trailer, sizeof copy_trailer) != 0;
    if (!broken)
        broken = PQputCopyEnd(conn, oom ? "the client ran out of memory" : NULL) != 1;
    PGresult *r;
    int ended = 0;
    while ((r = PQgetResult(conn))) {
        PQclear(*res);
        *res = r;
        if (PQresultStatus(r) == PGRES_COPY_IN) {
            /* a failed send left the COPY open: end it once, then give up */
            broken = 1;
            if (ended++ || PQputCopyEnd(conn, "the client could not send its data") != 1)
                break;
        }
    }
    if (*res && PQresultStatus(*res) == PGRES_COMMAND_OK && !broken && !oom) {
        PQclear(*res);
        *res = NULL;
        return PG_OK;
    }
    if (oom)
        return PG_NOMEM;
    /* a send that failed means the connection is gone or unusable: the
     * caller reconnects and redoes the transaction */
    pg_status st = broken ? PG_LOST : pg_classify_conn(conn, *res);
    return st == PG_OK ? PG_FAILED : st;
}

pg_status pg_copy_rows(pg_sink *s, pg_table *t, size_t from, size_t to, int staging, size_t *nsent,
                       PGresult **res)
{
    pg_status st = pg_copy_send(s->conn, t, t->b, from, to, staging, &s->send, nsent, res);
    if (st == PG_OK)
        return PG_OK;
    if (st == PG_NOMEM) {
        pg_fail(s, ASSAY_ERR_NOMEM, "out of memory sending a batch to %s", t->display);
        return PG_FAILED;
    }
    char what[400];
    snprintf(what, sizeof what, "COPY into %s%s failed", staging ? "the staging table of " : "",
             t->display);
    return pg_fail_result(s, st, what, *res);
}
