/* sbuf.c - a growable byte buffer, always NUL-terminated (see sbuf.h). */
#include "sbuf.h"

#include <stdlib.h>
#include <string.h>

int sbuf_reserve(sbuf *b, size_t n)
{
    size_t need, cap;
    char *p;

    if (b->oom)
        return -1;
    if (n > (size_t)-1 / 2 - b->len) {
        b->oom = 1;
        return -1;
    }
    need = b->len + n + 1;
    if (need <= b->cap)
        return 0;
    cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    p = realloc(b->s, cap);
    if (p == NULL) {
        b->oom = 1;
        return -1;
    }
    b->s = p;
    b->cap = cap;
    return 0;
}

void sbuf_add(sbuf *b, const char *p, size_t n)
{
    if (sbuf_reserve(b, n) != 0)
        return;
    if (n)
        memcpy(b->s + b->len, p, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void sbuf_adds(sbuf *b, const char *p)
{
    sbuf_add(b, p, strlen(p));
}

void sbuf_addc(sbuf *b, char c)
{
    if (b->len + 1 < b->cap && !b->oom) {
        b->s[b->len++] = c;
        b->s[b->len] = '\0';
        return;
    }
    sbuf_add(b, &c, 1);
}

void sbuf_truncate(sbuf *b, size_t len)
{
    if (b->s == NULL || len >= b->len)
        return;
    b->len = len;
    b->s[len] = '\0';
}

int sbuf_failed(const sbuf *b)
{
    return b->oom;
}

char *sbuf_detach(sbuf *b, size_t *len)
{
    char *s;

    if (b->oom) {
        sbuf_free(b);
        if (len)
            *len = 0;
        return NULL;
    }
    s = b->s ? b->s : strdup("");
    if (len)
        *len = b->s ? b->len : 0;
    b->s = NULL;
    b->len = b->cap = 0;
    return s;
}

void sbuf_free(sbuf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}
