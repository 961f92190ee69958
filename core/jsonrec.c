/*
 * jsonrec.c - one JSON object straight into a record, without a tree.
 *
 * This is the hot path of every JSON-lines input: building a jansson tree
 * for each line and then copying it into the record costs several times
 * more than the parse itself. The parser here is strict RFC 8259 (it
 * rejects what jansson rejects: bad escapes, invalid UTF-8, control
 * characters in strings, trailing commas, leading zeros, duplicate keys)
 * and writes each member into its field as it goes; the field setters
 * check UTF-8. A nested object or array is accepted only for a json field;
 * its text is checked and normalised by jansson, which is rare enough not
 * to matter.
 */
#include "record.h"

#include "ctx.h"
#include "timefmt.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct parser {
    const char *start, *p, *end;
    assay_record *r;
    buf scratch; /* a string with escapes, decoded */
    const char *err; /* a syntax error, or NULL */
} parser;

static void skip_ws(parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

static int fail(parser *ps, const char *why)
{
    if (!ps->err)
        ps->err = why;
    return -1;
}

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

static void put_utf8(buf *b, unsigned cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp, n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | cp >> 6), u[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12), u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
    } else {
        u[0] = (char)(0xF0 | cp >> 18), u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), u[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
    }
    buf_append(b, u, n);
}

/* Reads a string at ps->p (on its opening quote). On success *s and *len
 * are the decoded text: a slice of the input when it had no escapes, else
 * the scratch buffer. Raw bytes must be valid UTF-8 (checked here). */
static int read_string(parser *ps, const char **s, size_t *len)
{
    const char *p = ps->p + 1;
    const char *run = p;
    int escaped = 0;
    for (;;) {
        /* the common case: plain bytes up to the next quote or backslash */
        while (p < ps->end && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
            p++;
        if (p >= ps->end)
            return fail(ps, "unterminated string");
        if ((unsigned char)*p < 0x20)
            return fail(ps, "control character in a string");
        if (*p == '"')
            break;
        /* a backslash: switch to decoding into scratch */
        if (!escaped) {
            buf_reset(&ps->scratch);
            escaped = 1;
        }
        buf_append(&ps->scratch, run, (size_t)(p - run));
        if (p + 1 >= ps->end)
            return fail(ps, "unterminated string");
        char e = p[1];
        p += 2;
        switch (e) {
        case '"': buf_putc(&ps->scratch, '"'); break;
        case '\\': buf_putc(&ps->scratch, '\\'); break;
        case '/': buf_putc(&ps->scratch, '/'); break;
        case 'b': buf_putc(&ps->scratch, '\b'); break;
        case 'f': buf_putc(&ps->scratch, '\f'); break;
        case 'n': buf_putc(&ps->scratch, '\n'); break;
        case 'r': buf_putc(&ps->scratch, '\r'); break;
        case 't': buf_putc(&ps->scratch, '\t'); break;
        case 'u': {
            unsigned cp;
            if (ps->end - p < 4 || hex4(p, &cp))
                return fail(ps, "bad \\u escape");
            p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                unsigned lo;
                if (ps->end - p < 6 || p[0] != '\\' || p[1] != 'u' || hex4(p + 2, &lo) ||
                    lo < 0xDC00 || lo > 0xDFFF)
                    return fail(ps, "unpaired surrogate in a \\u escape");
                p += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return fail(ps, "unpaired surrogate in a \\u escape");
            }
            put_utf8(&ps->scratch, cp);
            break;
        }
        default:
            return fail(ps, "bad escape in a string");
        }
        run = p;
    }
    /* UTF-8 is checked where the text lands: record_set_string for string
     * fields, jansson for json fields; keys must match a field name. */
    if (escaped) {
        buf_append(&ps->scratch, run, (size_t)(p - run));
        *s = ps->scratch.data;
        *len = ps->scratch.len;
    } else {
        *s = ps->p + 1;
        *len = (size_t)(p - ps->p - 1);
    }
    ps->p = p + 1;
    return 0;
}

/* Checks the JSON number grammar at ps->p; sets *is_int when it has no
 * fraction or exponent. */
static int scan_number(parser *ps, const char **num, size_t *len, int *is_int)
{
    const char *p = ps->p;
    *is_int = 1;
    if (p < ps->end && *p == '-')
        p++;
    if (p >= ps->end)
        return fail(ps, "bad number");
    if (*p == '0') {
        p++;
    } else if (*p >= '1' && *p <= '9') {
        while (p < ps->end && *p >= '0' && *p <= '9')
            p++;
    } else {
        return fail(ps, "bad number");
    }
    if (p < ps->end && *p == '.') {
        *is_int = 0;
        p++;
        if (p >= ps->end || *p < '0' || *p > '9')
            return fail(ps, "bad number");
        while (p < ps->end && *p >= '0' && *p <= '9')
            p++;
    }
    if (p < ps->end && (*p == 'e' || *p == 'E')) {
        *is_int = 0;
        p++;
        if (p < ps->end && (*p == '+' || *p == '-'))
            p++;
        if (p >= ps->end || *p < '0' || *p > '9')
            return fail(ps, "bad number");
        while (p < ps->end && *p >= '0' && *p <= '9')
            p++;
    }
    *num = ps->p;
    *len = (size_t)(p - ps->p);
    ps->p = p;
    return 0;
}

static int literal(parser *ps, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
        return fail(ps, "invalid literal");
    ps->p += n;
    return 0;
}

/* Reads `"key" :` (with the white space around), leaving ps->p on the
 * value. The key may point into the scratch buffer. */
static int read_key(parser *ps, const char **key, size_t *klen)
{
    skip_ws(ps);
    if (ps->p >= ps->end || *ps->p != '"')
        return fail(ps, "expected a string key");
    if (read_string(ps, key, klen))
        return -1;
    skip_ws(ps);
    if (ps->p >= ps->end || *ps->p != ':')
        return fail(ps, "expected ':'");
    ps->p++;
    return 0;
}

/* Skips a nested value, checking its syntax; for json fields, jansson
 * then reads the span. Iterative, with a depth limit like jansson's. */
static int skip_nested(parser *ps)
{
    char stack[2048];
    int depth = 0;
    for (;;) {
        skip_ws(ps);
        if (ps->p >= ps->end)
            return fail(ps, "unexpected end of input");
        char c = *ps->p;
        if (c == '{' || c == '[') {
            if (depth == (int)sizeof stack)
                return fail(ps, "nested too deeply");
            stack[depth++] = c;
            ps->p++;
            skip_ws(ps);
            if (ps->p < ps->end && *ps->p == (c == '{' ? '}' : ']')) {
                ps->p++;
                depth--;
                goto after_value;
            }
            const char *key;
            size_t klen;
            if (c == '{' && read_key(ps, &key, &klen))
                return -1;
            continue;
        }
        if (c == '"') {
            const char *s;
            size_t n;
            if (read_string(ps, &s, &n))
                return -1;
        } else if (c == 't') {
            if (literal(ps, "true"))
                return -1;
        } else if (c == 'f') {
            if (literal(ps, "false"))
                return -1;
        } else if (c == 'n') {
            if (literal(ps, "null"))
                return -1;
        } else {
            const char *num;
            size_t n;
            int is_int;
            if (scan_number(ps, &num, &n, &is_int))
                return -1;
        }
    after_value:
        for (;;) {
            if (depth == 0)
                return 0;
            skip_ws(ps);
            if (ps->p >= ps->end)
                return fail(ps, "unexpected end of input");
            char open = stack[depth - 1];
            if (*ps->p == ',') {
                ps->p++;
                const char *key;
                size_t klen;
                if (open == '{' && read_key(ps, &key, &klen))
                    return -1;
                break;
            }
            if (*ps->p == (open == '{' ? '}' : ']')) {
                ps->p++;
                depth--;
                continue;
            }
            return fail(ps, open == '{' ? "expected ',' or '}'" : "expected ',' or ']'");
        }
    }
}

static const char *kind_of(char c)
{
    switch (c) {
    case '{': return "an object";
    case '[': return "an array";
    case '"': return "a string";
    case 't':
    case 'f': return "a boolean";
    case 'n': return "null";
    default: return "a number";
    }
}

static assay_rc type_error(parser *ps, int field, const char *got)
{
    const assay_field *f = &ps->r->stream->fields[field];
    return ctx_fail(ps->r->origin, ASSAY_ERR_SCHEMA, "stream %s, field %s: expected %s, got %s",
                    ps->r->stream->name, f->name, type_name(f->type), got);
}

static assay_rc number_value(parser *ps, int field, const char *tmp, size_t n, int is_int);

/* Reads one member value into field; returns an rc (syntax errors set
 * ps->err and return ASSAY_ERR_SCHEMA). */
static assay_rc read_value(parser *ps, int field)
{
    assay_record *r = ps->r;
    const assay_field *f = &r->stream->fields[field];
    const char *sname = r->stream->name;
    if (ps->p >= ps->end)
        return fail(ps, "unexpected end of input"), ASSAY_ERR_SCHEMA;
    char c = *ps->p;
    if (c == 'n') {
        if (literal(ps, "null"))
            return ASSAY_ERR_SCHEMA;
        return record_set_null(r, field);
    }
    if (c == '{' || c == '[') {
        const char *from = ps->p;
        if (skip_nested(ps))
            return ASSAY_ERR_SCHEMA;
        if (f->type != ASSAY_T_JSON)
            return type_error(ps, field, kind_of(c));
        return record_set_json(r, field, from, (size_t)(ps->p - from));
    }
    if (c == 't' || c == 'f') {
        if (literal(ps, c == 't' ? "true" : "false"))
            return ASSAY_ERR_SCHEMA;
        if (f->type == ASSAY_T_BOOL)
            return record_set_bool(r, field, c == 't');
        if (f->type == ASSAY_T_JSON)
            return record_set_json(r, field, c == 't' ? "true" : "false", c == 't' ? 4 : 5);
        return type_error(ps, field, "a boolean");
    }
    if (c == '"') {
        const char *s;
        size_t n;
        if (read_string(ps, &s, &n))
            return ASSAY_ERR_SCHEMA;
        switch (f->type) {
        case ASSAY_T_STRING:
            return record_set_string(r, field, s, n);
        case ASSAY_T_TIMESTAMP: {
            int64_t usec;
            if (time_parse(s, n, &usec) == 0)
                return record_set_timestamp(r, field, usec);
            return ctx_fail(r->origin, ASSAY_ERR_SCHEMA,
                            "stream %s, field %s: '%.*s' is not a date and time (ISO 8601)", sname,
                            f->name, (int)(n > 40 ? 40 : n), s);
        }
        case ASSAY_T_DATE: {
            int64_t days;
            if (date_parse(s, n, &days) == 0)
                return record_set_date(r, field, days);
            return ctx_fail(r->origin, ASSAY_ERR_SCHEMA,
                            "stream %s, field %s: '%.*s' is not a date (YYYY-MM-DD)", sname, f->name,
                            (int)(n > 40 ? 40 : n), s);
        }
        case ASSAY_T_FLOAT:
            if (n == 3 && memcmp(s, "NaN", 3) == 0)
                return record_set_float(r, field, NAN);
            if (n == 8 && memcmp(s, "Infinity", 8) == 0)
                return record_set_float(r, field, INFINITY);
            if (n == 9 && memcmp(s, "-Infinity", 9) == 0)
                return record_set_float(r, field, -INFINITY);
            return type_error(ps, field, "a string");
        case ASSAY_T_JSON: {
            buf b;
            buf_init(&b);
            buf_json_string(&b, s, n);
            assay_rc rc = record_set_json(r, field, b.data, b.len);
            buf_free(&b);
            return rc;
        }
        default:
            return type_error(ps, field, "a string");
        }
    }
    const char *num;
    size_t n;
    int is_int;
    if (scan_number(ps, &num, &n, &is_int))
        return ASSAY_ERR_SCHEMA;
    /* strtod needs a terminated copy: the input need not be terminated */
    char small[64];
    char *tmp = n < sizeof small ? small : xmalloc(n + 1);
    memcpy(tmp, num, n);
    tmp[n] = '\0';
    assay_rc rc = number_value(ps, field, tmp, n, is_int);
    if (tmp != small)
        free(tmp);
    return rc;
}

/* Stores the number text tmp (n bytes, terminated) into field. */
static assay_rc number_value(parser *ps, int field, const char *tmp, size_t n, int is_int)
{
    assay_record *r = ps->r;
    const assay_field *f = &r->stream->fields[field];
    const char *sname = r->stream->name;
    switch (f->type) {
    case ASSAY_T_INT:
        if (is_int) {
            errno = 0;
            long long v = strtoll(tmp, NULL, 10);
            if (errno)
                return ctx_fail(r->origin, ASSAY_ERR_SCHEMA,
                                "stream %s, field %s: %.40s%s does not fit in 64 bits", sname,
                                f->name, tmp, n > 40 ? "..." : "");
            return record_set_int(r, field, v);
        } else {
            double d = strtod(tmp, NULL);
            if (d == floor(d) && fabs(d) < 9007199254740992.0)
                return record_set_int(r, field, (int64_t)d);
            return type_error(ps, field, "a number with a fraction");
        }
    case ASSAY_T_FLOAT:
        return record_set_float(r, field, strtod(tmp, NULL));
    case ASSAY_T_JSON:
        return record_set_json(r, field, tmp, n);
    default:
        return type_error(ps, field, "a number");
    }
}

assay_rc record_set_from_json(assay_record *r, const char *json, size_t len)
{
    parser ps = {json, json, json + len, r, {NULL, 0, 0}, NULL};
    size_t nfields = r->stream->nfields;
    unsigned char seen_small[64];
    unsigned char *seen = nfields <= sizeof seen_small ? seen_small : xcalloc(nfields, 1);
    memset(seen, 0, nfields <= sizeof seen_small ? sizeof seen_small : nfields);
    assay_rc rc = ASSAY_OK;

    skip_ws(&ps);
    if (ps.p >= ps.end || *ps.p != '{') {
        if (ps.p < ps.end && (*ps.p == '[' || *ps.p == '"' || *ps.p == 't' || *ps.p == 'f' ||
                              *ps.p == 'n' || *ps.p == '-' || (*ps.p >= '0' && *ps.p <= '9')))
            rc = ctx_fail(r->origin, ASSAY_ERR_SCHEMA, "stream %s: expected a JSON object",
                          r->stream->name);
        else
            fail(&ps, ps.p >= ps.end ? "empty input" : "expected '{'");
        goto done;
    }
    ps.p++;
    skip_ws(&ps);
    if (ps.p < ps.end && *ps.p == '}') {
        ps.p++;
    } else {
        for (;;) {
            const char *key;
            size_t klen;
            if (read_key(&ps, &key, &klen))
                goto done;
            int field = -1;
            for (size_t i = 0; i < nfields; i++)
                if (strncmp(r->stream->fields[i].name, key, klen) == 0 &&
                    r->stream->fields[i].name[klen] == '\0') {
                    field = (int)i;
                    break;
                }
            if (field < 0) {
                rc = ctx_fail(r->origin, ASSAY_ERR_SCHEMA, "stream %s: unknown field '%.*s'",
                              r->stream->name, (int)(klen > 64 ? 64 : klen), key);
                goto done;
            }
            if (seen[field]) {
                rc = ctx_fail(r->origin, ASSAY_ERR_SCHEMA, "stream %s: field '%s' appears twice",
                              r->stream->name, r->stream->fields[field].name);
                goto done;
            }
            seen[field] = 1;
            skip_ws(&ps);
            rc = read_value(&ps, field);
            if (rc || ps.err)
                goto done;
            skip_ws(&ps);
            if (ps.p < ps.end && *ps.p == ',') {
                ps.p++;
                continue;
            }
            if (ps.p < ps.end && *ps.p == '}') {
                ps.p++;
                break;
            }
            fail(&ps, "expected ',' or '}'");
            goto done;
        }
    }
    skip_ws(&ps);
    if (ps.p != ps.end)
        fail(&ps, "text after the object");
done:
    if (ps.err && rc == ASSAY_OK)
        rc = ASSAY_ERR_SCHEMA;
    if (ps.err)
        ctx_fail(r->origin, ASSAY_ERR_SCHEMA, "stream %s: not JSON (column %zu): %s",
                 r->stream->name, (size_t)(ps.p - ps.start) + 1, ps.err);
    buf_free(&ps.scratch);
    if (seen != seen_small)
        free(seen);
    return rc;
}
