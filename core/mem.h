/*
 * mem.h - allocation that cannot fail, and a growable byte buffer.
 *
 * Like Redis's zmalloc, the core treats running out of memory as fatal: it
 * logs and aborts rather than threading NOMEM through every path. Plugins
 * make their own choice.
 */
#ifndef ASSAY_MEM_H
#define ASSAY_MEM_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable buffer; always NUL-terminated after any append. */
typedef struct buf {
    char *data;
    size_t len;
    size_t cap;
} buf;

void buf_init(buf *b);
void buf_free(buf *b);
void buf_reset(buf *b);
void buf_reserve(buf *b, size_t extra);
void buf_append(buf *b, const void *data, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
/* Appends s as a JSON string literal, quotes included. */
void buf_json_string(buf *b, const char *s, size_t n);
/* Hands the data over (caller frees) and leaves b empty. */
char *buf_steal(buf *b);

#endif
