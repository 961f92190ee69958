/*
 * jsonpos.c - one pass over a JSON text recording where each value is.
 *
 * Iterative, with an explicit stack, so that input depth cannot exhaust
 * the C stack. Entries live in an open-addressing hash table keyed by
 * pointer, so lookups stay cheap on large files.
 */
#include "jsonpos.h"

#include "mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry {
    char *pointer; /* NULL: empty slot */
    jpos pos;
} entry;

struct jpos_map {
    entry *slots;
    size_t cap, n; /* cap is a power of two */
};

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static void map_put(jpos_map *m, char *pointer, jpos pos);

static void map_grow(jpos_map *m)
{
    entry *old = m->slots;
    size_t oldcap = m->cap;
    m->cap = oldcap ? oldcap * 2 : 64;
    m->slots = xcalloc(m->cap, sizeof *m->slots);
    m->n = 0;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].pointer)
            map_put(m, old[i].pointer, old[i].pos);
    free(old);
}

/* Takes ownership of pointer. A repeated pointer (a duplicate key, which
 * jansson rejects anyway) keeps its first position. */
static void map_put(jpos_map *m, char *pointer, jpos pos)
{
    if ((m->n + 1) * 2 > m->cap)
        map_grow(m);
    size_t i = hash(pointer) & (m->cap - 1);
    while (m->slots[i].pointer) {
        if (strcmp(m->slots[i].pointer, pointer) == 0) {
            free(pointer);
            return;
        }
        i = (i + 1) & (m->cap - 1);
    }
    m->slots[i].pointer = pointer;
    m->slots[i].pos = pos;
    m->n++;
}

const jpos *jpos_get(const jpos_map *m, const char *pointer)
{
    if (!m || !m->cap)
        return NULL;
    size_t i = hash(pointer) & (m->cap - 1);
    while (m->slots[i].pointer) {
        if (strcmp(m->slots[i].pointer, pointer) == 0)
            return &m->slots[i].pos;
        i = (i + 1) & (m->cap - 1);
    }
    return NULL;
}

void jpos_free(jpos_map *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].pointer);
    free(m->slots);
    free(m);
}

char *jpos_child(const char *pointer, const char *token)
{
    buf b;
    buf_init(&b);
    buf_puts(&b, pointer);
    buf_putc(&b, '/');
    for (const char *t = token; *t; t++) {
        if (*t == '~')
            buf_puts(&b, "~0");
        else if (*t == '/')
            buf_puts(&b, "~1");
        else
            buf_putc(&b, *t);
    }
    return buf_steal(&b);
}

char *jpos_index(const char *pointer, size_t i)
{
    return xasprintf("%s/%zu", pointer, i);
}

/* ---- the scanner ---- */

typedef struct scanner {
    const char *p, *end;
    int line, col;
} scanner;

static void advance(scanner *s)
{
    unsigned char c = (unsigned char)*s->p++;
    if (c == '\n') {
        s->line++;
        s->col = 1;
    } else if ((c & 0xC0) != 0x80) {
        s->col++; /* count code points, not continuation bytes */
    }
}

static void skip_ws(scanner *s)
{
    while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
        advance(s);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static void put_utf8(buf *b, unsigned cp)
{
    char u[4];
    if (cp < 0x80) {
        buf_putc(b, (char)cp);
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | cp >> 6), u[1] = (char)(0x80 | (cp & 0x3F));
        buf_append(b, u, 2);
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12), u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        buf_append(b, u, 3);
    } else {
        u[0] = (char)(0xF0 | cp >> 18), u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), u[3] = (char)(0x80 | (cp & 0x3F));
        buf_append(b, u, 4);
    }
}

static int read_hex4(scanner *s, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        if (s->p >= s->end || hexval(*s->p) < 0)
            return -1;
        v = v * 16 + (unsigned)hexval(*s->p);
        advance(s);
    }
    *out = v;
    return 0;
}

/* Reads a string at s->p (the opening quote); decoded into out if given. */
static int read_string(scanner *s, buf *out)
{
    if (s->p >= s->end || *s->p != '"')
        return -1;
    advance(s);
    while (s->p < s->end && *s->p != '"') {
        if (*s->p == '\\') {
            advance(s);
            if (s->p >= s->end)
                return -1;
            char e = *s->p;
            advance(s);
            unsigned cp;
            switch (e) {
            case 'n': cp = '\n'; break;
            case 't': cp = '\t'; break;
            case 'r': cp = '\r'; break;
            case 'b': cp = '\b'; break;
            case 'f': cp = '\f'; break;
            case 'u':
                if (read_hex4(s, &cp))
                    return -1;
                if (cp >= 0xD800 && cp < 0xDC00 && s->end - s->p >= 6 && s->p[0] == '\\' &&
                    s->p[1] == 'u') {
                    unsigned lo;
                    advance(s), advance(s);
                    if (read_hex4(s, &lo))
                        return -1;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                }
                break;
            default: cp = (unsigned char)e; break;
            }
            if (out)
                put_utf8(out, cp);
        } else {
            if (out)
                buf_putc(out, *s->p);
            advance(s);
        }
    }
    if (s->p >= s->end)
        return -1;
    advance(s); /* closing quote */
    return 0;
}

/* jansson refuses input nested deeper than 2048; pointers grow with depth,
 * so a bound here also bounds the memory a scan can take. */
#define JPOS_MAX_DEPTH 4096

typedef struct frame {
    int is_object;
    char *pointer;
    size_t index; /* arrays: the current item */
} frame;

jpos_map *jpos_scan(const char *text, size_t len)
{
    jpos_map *m = xcalloc(1, sizeof *m);
    scanner s = {text, text + len, 1, 1};
    frame *stack = NULL;
    size_t depth = 0, cap = 0;
    char *pointer = xstrdup(""); /* of the value about to be read */
    jpos pos = {0, 0, 0, 0};
    int ok = 0;
    enum { VALUE, AFTER, KEY } want = VALUE;

    for (;;) {
        skip_ws(&s);
        if (want == VALUE) {
            if (s.p >= s.end)
                break;
            pos.line = s.line, pos.col = s.col;
            char *mine = pointer;
            pointer = NULL;
            map_put(m, xstrdup(mine), pos);
            pos.key_line = pos.key_col = 0;
            char c = *s.p;
            if (c == '{' || c == '[') {
                if (depth == JPOS_MAX_DEPTH) {
                    free(mine);
                    break; /* deeper than jansson reads: no positions */
                }
                if (depth == cap) {
                    cap = cap ? cap * 2 : 16;
                    stack = xrealloc(stack, cap * sizeof *stack);
                }
                stack[depth++] = (frame){c == '{', mine, 0};
                advance(&s);
                skip_ws(&s);
                if (s.p < s.end && (*s.p == '}' || *s.p == ']')) {
                    advance(&s);
                    free(stack[--depth].pointer);
                    want = AFTER;
                } else if (c == '{') {
                    want = KEY;
                } else {
                    pointer = jpos_index(mine, 0);
                    want = VALUE;
                }
                continue;
            }
            free(mine);
            if (c == '"') {
                if (read_string(&s, NULL))
                    break;
            } else {
                while (s.p < s.end && strchr("+-.0123456789eEtrufalsn", *s.p))
                    advance(&s);
            }
            want = AFTER;
        } else if (want == AFTER) {
            if (depth == 0) {
                ok = 1;
                break;
            }
            if (s.p >= s.end)
                break;
            frame *f = &stack[depth - 1];
            if (*s.p == ',') {
                advance(&s);
                if (f->is_object) {
                    want = KEY;
                } else {
                    pointer = jpos_index(f->pointer, ++f->index);
                    want = VALUE;
                }
            } else if (*s.p == '}' || *s.p == ']') {
                advance(&s);
                free(f->pointer);
                depth--;
            } else {
                break;
            }
        } else { /* KEY */
            pos.key_line = s.line, pos.key_col = s.col;
            buf key;
            buf_init(&key);
            if (read_string(&s, &key)) {
                buf_free(&key);
                break;
            }
            skip_ws(&s);
            if (s.p >= s.end || *s.p != ':') {
                buf_free(&key);
                break;
            }
            advance(&s);
            pointer = jpos_child(stack[depth - 1].pointer, key.data ? key.data : "");
            buf_free(&key);
            want = VALUE;
        }
    }
    free(pointer);
    while (depth)
        free(stack[--depth].pointer);
    free(stack);
    if (!ok) {
        jpos_free(m);
        return NULL;
    }
    return m;
}
