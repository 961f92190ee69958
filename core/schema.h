/*
 * schema.h - streams and their schemas: the standard ones every plugin
 * shares (documents, facts, bars, runs) and the resolved form the core
 * works with.
 */
#ifndef ASSAY_SCHEMA_H
#define ASSAY_SCHEMA_H

#include <assay/assay.h>

/* A stream as the core holds it: a private copy of its declaration. */
struct assay_stream {
    char *name;
    assay_field *fields; /* nfields entries, strings owned */
    size_t nfields;
    char *owner;      /* id of the instance emitting it; NULL if none */
    void *route;      /* the runner's delivery list for this stream */
};

/* The standard declaration of "documents", "facts", "bars" or "runs";
 * NULL for any other name. */
const assay_stream_def *schema_standard(const char *name);
/* NULL-terminated list of the standard names, for help texts. */
const char *const *schema_standard_names(void);

/* Copies a declaration into a stream. A declaration with NULL fields takes
 * the standard schema of its name. Returns NULL with err filled when the
 * declaration is unusable (no such standard schema, a field name that is
 * not an identifier, a repeated field, an unknown type). */
assay_stream *stream_resolve(const assay_stream_def *def, const char *owner, char *err,
                             size_t errlen);
void stream_free(assay_stream *s);
int stream_field_index(const assay_stream *s, const char *name);
/* 1 when both have the same fields with the same types, in order. */
int stream_same_schema(const assay_stream *a, const assay_stream *b);

const char *type_name(assay_type t);
const char *cfg_type_name(assay_cfg_type t);
const char *kind_name(assay_kind k);
/* 1 for [a-z_][a-z0-9_]* up to 63 bytes: safe as a column or file name. */
int ident_valid(const char *s);

#endif
