/* pg_buf.c - a growable byte buffer for COPY data and SQL text. */
#include "pg_sink.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pg_buf_free(pg_buf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

int pg_buf_reserve(pg_buf *b, size_t n)
{
    if (b->failed)
        return -1;
    if (b->len + n + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + n + 1) {
        if (cap > SIZE_MAX / 2) {
            b->failed = 1;
            return -1;
        }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

void pg_buf_add(pg_buf *b, const void *p, size_t n)
{
    if (pg_buf_reserve(b, n) != 0)
        return;
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void pg_buf_str(pg_buf *b, const char *s)
{
    pg_buf_add(b, s, strlen(s));
}

void pg_buf_printf(pg_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if ((size_t)n < sizeof small) {
        pg_buf_add(b, small, (size_t)n);
        return;
    }
    if (pg_buf_reserve(b, (size_t)n) != 0)
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void pg_buf_reset(pg_buf *b, size_t keep)
{
    if (b->cap > keep) {
        free(b->data);
        b->data = NULL;
        b->cap = 0;
    }
    b->len = 0;
    b->failed = 0;
    if (b->data)
        b->data[0] = '\0';
}

char *pg_buf_take(pg_buf *b)
{
    if (b->failed || !b->data) {
        pg_buf_free(b);
        return b->failed ? NULL : strdup("");
    }
    char *p = b->data;
    memset(b, 0, sizeof *b);
    return p;
}
