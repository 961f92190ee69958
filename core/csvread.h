/*
 * csvread.h - an RFC 4180 reader, for `assay table` and the tests:
 * quoted fields with doubled quotes, commas and line breaks inside quotes,
 * CRLF or LF line ends. A quoted empty field ("") and an empty one are
 * told apart (the csv sink writes NULL as empty and '' as "").
 */
#ifndef ASSAY_CSVREAD_H
#define ASSAY_CSVREAD_H

#include <stddef.h>

typedef struct csv_field {
    char *text;
    size_t len;
    int quoted;
} csv_field;

typedef struct csv_row {
    csv_field *fields;
    size_t n;
} csv_row;

typedef struct csv_reader {
    const char *p, *end;
    size_t line; /* of the row being read, from 1 */
} csv_reader;

void csv_reader_init(csv_reader *r, const char *data, size_t len);
/* Reads the next row. Returns 1 with a row (free with csv_row_free), 0 at
 * the end, -1 on a malformed row (err filled with line and reason). */
int csv_next(csv_reader *r, csv_row *row, char *err, size_t errlen);
void csv_row_free(csv_row *row);

#endif
