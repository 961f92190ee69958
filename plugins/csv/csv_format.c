/* csv_format.c - RFC 4180 fields from assay values. */
#include "csv_format.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void csv_buf_init(csv_buf *b)
{
    memset(b, 0, sizeof *b);
}

void csv_buf_free(csv_buf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

void csv_buf_reset(csv_buf *b)
{
    b->len = 0;
}

static int reserve(csv_buf *b, size_t n)
{
    if (b->failed)
        return -1;
    if (b->len + n <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 65536;
    while (cap < b->len + n)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

void csv_buf_add(csv_buf *b, const char *p, size_t n)
{
    if (reserve(b, n) == 0) {
        memcpy(b->data + b->len, p, n);
        b->len += n;
    }
}

void csv_buf_putc(csv_buf *b, char c)
{
    if (reserve(b, 1) == 0)
        b->data[b->len++] = c;
}

int csv_buf_failed(const csv_buf *b)
{
    return b->failed;
}

void csv_put_text(csv_buf *b, const char *s, size_t n)
{
    int quote = n == 0;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        csv_buf_add(b, s, n);
        return;
    }
    /* worst case every byte is a quote */
    if (reserve(b, 2 * n + 2) != 0)
        return;
    char *o = b->data + b->len;
    *o++ = '"';
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            *o++ = '"';
        *o++ = s[i];
    }
    *o++ = '"';
    b->len = (size_t)(o - b->data);
}

void csv_put_value(csv_buf *b, const assay_host *h, const assay_value *v, const char *null_text)
{
    char tmp[48];
    int n;
    switch (v->type) {
    case ASSAY_T_NULL:
        csv_buf_add(b, null_text, strlen(null_text));
        break;
    case ASSAY_T_STRING:
    case ASSAY_T_JSON:
        csv_put_text(b, v->v.s, v->len);
        break;
    case ASSAY_T_INT:
        n = snprintf(tmp, sizeof tmp, "%" PRId64, v->v.i);
        csv_buf_add(b, tmp, (size_t)n);
        break;
    case ASSAY_T_FLOAT:
        h->format_float(v->v.f, tmp);
        csv_buf_add(b, tmp, strlen(tmp));
        break;
    case ASSAY_T_BOOL:
        csv_buf_add(b, v->v.b ? "true" : "false", v->v.b ? 4 : 5);
        break;
    case ASSAY_T_TIMESTAMP:
        h->format_time(v->v.i, tmp);
        csv_buf_add(b, tmp, strlen(tmp));
        break;
    case ASSAY_T_DATE:
        h->format_date(v->v.i, tmp);
        csv_buf_add(b, tmp, strlen(tmp));
        break;
    }
}
