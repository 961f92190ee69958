/*
 * record.h - one record on one stream: typed values in schema order, with
 * their strings in a single arena. Records are built by one thread, then
 * shared read-only by every consumer of their stream (reference counted).
 */
#ifndef ASSAY_RECORD_H
#define ASSAY_RECORD_H

#include <assay/assay.h>

#include "mem.h"
#include "schema.h"

#include <stdatomic.h>

typedef struct rval {
    assay_type type; /* ASSAY_T_NULL when unset */
    size_t len;      /* strings and JSON */
    union {
        size_t off; /* strings and JSON: offset into the arena */
        int64_t i;
        double f;
        int b;
    } v;
} rval;

struct assay_record {
    const assay_stream *stream;
    assay_ctx *origin; /* the instance that made it, for messages */
    atomic_int refs;
    char *arena;
    size_t arena_len, arena_cap;
    rval vals[]; /* stream->nfields entries */
};

assay_record *record_new(assay_ctx *origin, const assay_stream *s);
void record_ref(assay_record *r, int n);
/* Drops one reference; frees at zero. */
void record_unref(assay_record *r);
/* Frees regardless of references (never-emitted records). */
void record_free(assay_record *r);

assay_rc record_set_string(assay_record *r, int field, const char *s, size_t len);
assay_rc record_set_int(assay_record *r, int field, int64_t v);
assay_rc record_set_float(assay_record *r, int field, double v);
assay_rc record_set_bool(assay_record *r, int field, int v);
assay_rc record_set_timestamp(assay_record *r, int field, int64_t usec);
assay_rc record_set_date(assay_record *r, int field, int64_t days);
assay_rc record_set_json(assay_record *r, int field, const char *json, size_t len);
assay_rc record_set_null(assay_record *r, int field);
assay_rc record_set_from_json(assay_record *r, const char *json, size_t len);

/* ASSAY_OK, or ASSAY_ERR_SCHEMA naming the first required field unset. */
assay_rc record_check_required(const assay_record *r);
assay_rc record_get(const assay_record *r, size_t i, assay_value *out);
/* Appends the record as one compact JSON object. */
void record_to_json(const assay_record *r, buf *out);
assay_record *record_copy(assay_ctx *ctx, const assay_record *r, const assay_stream *s);
/* The shortest text that reads back as v; NaN, Infinity, -Infinity. */
void format_double(double v, char out[32]);
/* Appends one value as JSON (strings quoted, timestamps as RFC 3339). */
void value_to_json(const assay_value *v, buf *out);

#endif
