/* sbuf.h - a growable byte buffer, always NUL-terminated.
 *
 * Used by the HTML helpers to build text. A buffer that failed to grow is
 * marked with oom=1 and ignores further appends, so callers append freely
 * and check sbuf_failed() once at the end.
 */
#ifndef ASSAY_COMMON_SBUF_H
#define ASSAY_COMMON_SBUF_H

#include <stddef.h>

typedef struct sbuf {
    char *s;        /* NULL until the first append; else NUL-terminated */
    size_t len;     /* bytes used, not counting the NUL */
    size_t cap;     /* bytes allocated */
    int oom;        /* 1 once an allocation failed */
} sbuf;

#define SBUF_INIT {NULL, 0, 0, 0}

/* Make room for at least n more bytes (plus the NUL). Returns 0 or -1. */
int sbuf_reserve(sbuf *b, size_t n);
/* Append n bytes of p. */
void sbuf_add(sbuf *b, const char *p, size_t n);
/* Append a NUL-terminated string. */
void sbuf_adds(sbuf *b, const char *p);
/* Append one byte. */
void sbuf_addc(sbuf *b, char c);
/* Drop bytes from the end until the length is len (len <= b->len). */
void sbuf_truncate(sbuf *b, size_t len);
/* 1 if an allocation failed at some point. */
int sbuf_failed(const sbuf *b);
/* Hand the string to the caller (malloc'd, never NULL unless out of
 * memory: an empty buffer gives ""), and reset b to empty. */
char *sbuf_detach(sbuf *b, size_t *len);
/* Free the memory and reset b to empty. */
void sbuf_free(sbuf *b);

#endif
