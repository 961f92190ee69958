/*
 * csv_format.h - formatting values as RFC 4180 fields.
 *
 * A field is quoted when it holds a comma, a quote, a CR or an LF, or when
 * it is empty (so "" is an empty string and an unquoted empty field is a
 * NULL); quotes inside are doubled.
 */
#ifndef CSV_FORMAT_H
#define CSV_FORMAT_H

#include <assay/assay.h>
#include <stddef.h>

typedef struct csv_buf {
    char *data;
    size_t len, cap;
    int failed; /* an allocation failed; further appends are ignored */
} csv_buf;

void csv_buf_init(csv_buf *b);
void csv_buf_free(csv_buf *b);
void csv_buf_reset(csv_buf *b);
void csv_buf_add(csv_buf *b, const char *p, size_t n);
void csv_buf_putc(csv_buf *b, char c);
int csv_buf_failed(const csv_buf *b);

/* Appends text as one field, quoted as needed. */
void csv_put_text(csv_buf *b, const char *s, size_t n);
/* Appends a record value as one field (see the file comment). */
void csv_put_value(csv_buf *b, const assay_host *h, const assay_value *v, const char *null_text);

#endif
