/*
 * record.c - building, checking, reading and serialising records.
 *
 * Every setter checks the value against the field's declared type, so a
 * record that reaches a sink always fits its schema; errors name the
 * plugin, the stream and the field (through ctx_fail).
 */
#include "record.h"

#include "ctx.h"
#include "timefmt.h"
#include "utf8.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

assay_record *record_new(assay_ctx *origin, const assay_stream *s)
{
    assay_record *r = xcalloc(1, sizeof *r + s->nfields * sizeof(rval));
    r->stream = s;
    r->origin = origin;
    atomic_init(&r->refs, 1);
    return r;
}

void record_ref(assay_record *r, int n)
{
    atomic_fetch_add_explicit(&r->refs, n, memory_order_relaxed);
}

void record_free(assay_record *r)
{
    if (!r)
        return;
    free(r->arena);
    free(r);
}

void record_unref(assay_record *r)
{
    if (r && atomic_fetch_sub_explicit(&r->refs, 1, memory_order_acq_rel) == 1)
        record_free(r);
}

/* Looks up field i, failing with a message when it is out of range or not
 * of type want. Returns the field or NULL. */
static const assay_field *field_for(assay_record *r, int field, assay_type want)
{
    if (field < 0 || (size_t)field >= r->stream->nfields) {
        ctx_fail(r->origin, ASSAY_ERR_NOTFOUND, "stream %s: no field number %d", r->stream->name,
                 field);
        return NULL;
    }
    const assay_field *f = &r->stream->fields[field];
    if (want != ASSAY_T_NULL && f->type != want) {
        ctx_fail(r->origin, ASSAY_ERR_SCHEMA, "stream %s, field %s: is %s, not %s",
                 r->stream->name, f->name, type_name(f->type), type_name(want));
        return NULL;
    }
    return f;
}

static assay_rc bad_field(assay_record *r, int field)
{
    return field < 0 || (size_t)field >= r->stream->nfields ? ASSAY_ERR_NOTFOUND
                                                             : ASSAY_ERR_SCHEMA;
}

/* Copies bytes into the arena and returns their offset. */
static size_t arena_put(assay_record *r, const char *s, size_t len)
{
    if (r->arena_len + len + 1 > r->arena_cap) {
        size_t cap = r->arena_cap ? r->arena_cap : 128;
        while (cap < r->arena_len + len + 1)
            cap *= 2;
        r->arena = xrealloc(r->arena, cap);
        r->arena_cap = cap;
    }
    size_t off = r->arena_len;
    if (len)
        memcpy(r->arena + off, s, len);
    r->arena[off + len] = '\0';
    r->arena_len += len + 1;
    return off;
}

assay_rc record_set_string(assay_record *r, int field, const char *s, size_t len)
{
    const assay_field *f = field_for(r, field, ASSAY_T_STRING);
    if (!f)
        return bad_field(r, field);
    if (!s)
        return record_set_null(r, field);
    size_t bad;
    if (!utf8_valid(s, len, &bad))
        return ctx_fail(r->origin, ASSAY_ERR_SCHEMA,
                        "stream %s, field %s: not valid UTF-8 (bad byte 0x%02x at offset %zu)",
                        r->stream->name, f->name, (unsigned char)s[bad], bad);
    r->vals[field].type = ASSAY_T_STRING;
    r->vals[field].len = len;
    r->vals[field].v.off = arena_put(r, s, len);
    return ASSAY_OK;
}

assay_rc record_set_int(assay_record *r, int field, int64_t v)
{
    if (!field_for(r, field, ASSAY_T_INT))
        return bad_field(r, field);
    r->vals[field].type = ASSAY_T_INT;
    r->vals[field].v.i = v;
    return ASSAY_OK;
}

assay_rc record_set_float(assay_record *r, int field, double v)
{
    if (!field_for(r, field, ASSAY_T_FLOAT))
        return bad_field(r, field);
    r->vals[field].type = ASSAY_T_FLOAT;
    r->vals[field].v.f = v;
    return ASSAY_OK;
}

assay_rc record_set_bool(assay_record *r, int field, int v)
{
    if (!field_for(r, field, ASSAY_T_BOOL))
        return bad_field(r, field);
    r->vals[field].type = ASSAY_T_BOOL;
    r->vals[field].v.b = v ? 1 : 0;
    return ASSAY_OK;
}

assay_rc record_set_timestamp(assay_record *r, int field, int64_t usec)
{
    if (!field_for(r, field, ASSAY_T_TIMESTAMP))
        return bad_field(r, field);
    r->vals[field].type = ASSAY_T_TIMESTAMP;
    r->vals[field].v.i = usec;
    return ASSAY_OK;
}

assay_rc record_set_date(assay_record *r, int field, int64_t days)
{
    if (!field_for(r, field, ASSAY_T_DATE))
        return bad_field(r, field);
    r->vals[field].type = ASSAY_T_DATE;
    r->vals[field].v.i = days;
    return ASSAY_OK;
}

/* Stores a parsed JSON value as compact text. */
static assay_rc put_json_value(assay_record *r, int field, json_t *v)
{
    char *text = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    if (!text)
        return ctx_fail(r->origin, ASSAY_ERR_NOMEM, "stream %s, field %s: cannot encode JSON",
                        r->stream->name, r->stream->fields[field].name);
    size_t len = strlen(text);
    r->vals[field].type = ASSAY_T_JSON;
    r->vals[field].len = len;
    r->vals[field].v.off = arena_put(r, text, len);
    free(text);
    return ASSAY_OK;
}

assay_rc record_set_json(assay_record *r, int field, const char *json, size_t len)
{
    const assay_field *f = field_for(r, field, ASSAY_T_JSON);
    if (!f)
        return bad_field(r, field);
    if (!json)
        return record_set_null(r, field);
    json_error_t err;
    json_t *v = json_loadb(json, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
    if (!v)
        return ctx_fail(r->origin, ASSAY_ERR_SCHEMA, "stream %s, field %s: not JSON: %s",
                        r->stream->name, f->name, err.text);
    assay_rc rc = put_json_value(r, field, v);
    json_decref(v);
    return rc;
}

assay_rc record_set_null(assay_record *r, int field)
{
    if (!field_for(r, field, ASSAY_T_NULL))
        return bad_field(r, field);
    r->vals[field].type = ASSAY_T_NULL;
    r->vals[field].len = 0;
    return ASSAY_OK;
}

assay_rc record_check_required(const assay_record *r)
{
    for (size_t i = 0; i < r->stream->nfields; i++)
        if ((r->stream->fields[i].flags & ASSAY_FIELD_REQUIRED) &&
            r->vals[i].type == ASSAY_T_NULL)
            return ctx_fail(r->origin, ASSAY_ERR_SCHEMA,
                            "stream %s, field %s: required, but not set", r->stream->name,
                            r->stream->fields[i].name);
    return ASSAY_OK;
}

assay_rc record_get(const assay_record *r, size_t i, assay_value *out)
{
    if (i >= r->stream->nfields)
        return ASSAY_ERR_NOTFOUND;
    const rval *v = &r->vals[i];
    out->type = v->type;
    out->len = 0;
    switch (v->type) {
    case ASSAY_T_STRING:
    case ASSAY_T_JSON:
        out->len = v->len;
        out->v.s = r->arena + v->v.off;
        break;
    case ASSAY_T_INT:
    case ASSAY_T_TIMESTAMP:
    case ASSAY_T_DATE:
        out->v.i = v->v.i;
        break;
    case ASSAY_T_FLOAT:
        out->v.f = v->v.f;
        break;
    case ASSAY_T_BOOL:
        out->v.b = v->v.b;
        break;
    case ASSAY_T_NULL:
        out->v.s = NULL;
        break;
    }
    return ASSAY_OK;
}

void format_double(double v, char out[32])
{
    if (isnan(v)) {
        strcpy(out, "NaN");
    } else if (isinf(v)) {
        strcpy(out, v > 0 ? "Infinity" : "-Infinity");
    } else {
        /* the shorter of %.15g and %.17g that reads back exactly */
        snprintf(out, 32, "%.15g", v);
        if (strtod(out, NULL) != v)
            snprintf(out, 32, "%.17g", v);
    }
}

void value_to_json(const assay_value *v, buf *out)
{
    char tmp[48];
    switch (v->type) {
    case ASSAY_T_NULL:
        buf_puts(out, "null");
        break;
    case ASSAY_T_STRING:
        buf_json_string(out, v->v.s, v->len);
        break;
    case ASSAY_T_JSON:
        buf_append(out, v->v.s, v->len);
        break;
    case ASSAY_T_INT:
        buf_printf(out, "%lld", (long long)v->v.i);
        break;
    case ASSAY_T_FLOAT:
        format_double(v->v.f, tmp);
        if (isfinite(v->v.f))
            buf_puts(out, tmp);
        else
            buf_printf(out, "\"%s\"", tmp); /* JSON has no NaN: a string says it */
        break;
    case ASSAY_T_BOOL:
        buf_puts(out, v->v.b ? "true" : "false");
        break;
    case ASSAY_T_TIMESTAMP:
        time_format(v->v.i, tmp);
        buf_printf(out, "\"%s\"", tmp);
        break;
    case ASSAY_T_DATE:
        date_format(v->v.i, tmp);
        buf_printf(out, "\"%s\"", tmp);
        break;
    }
}

void record_to_json(const assay_record *r, buf *out)
{
    buf_putc(out, '{');
    int first = 1;
    for (size_t i = 0; i < r->stream->nfields; i++) {
        assay_value v;
        record_get(r, i, &v);
        if (v.type == ASSAY_T_NULL)
            continue;
        if (!first)
            buf_putc(out, ',');
        first = 0;
        buf_json_string(out, r->stream->fields[i].name, strlen(r->stream->fields[i].name));
        buf_putc(out, ':');
        value_to_json(&v, out);
    }
    buf_putc(out, '}');
}

assay_record *record_copy(assay_ctx *ctx, const assay_record *r, const assay_stream *s)
{
    assay_record *c = record_new(ctx, s);
    for (size_t i = 0; i < s->nfields; i++) {
        int j = stream_field_index(r->stream, s->fields[i].name);
        if (j < 0 || r->stream->fields[j].type != s->fields[i].type)
            continue;
        const rval *v = &r->vals[j];
        c->vals[i] = *v;
        if (v->type == ASSAY_T_STRING || v->type == ASSAY_T_JSON)
            c->vals[i].v.off = arena_put(c, r->arena + v->v.off, v->len);
    }
    return c;
}
