/*
 * prices_rows.h - what the format readers share: candidate rows (a bar,
 * or the reason a row is no bar), and turning them into a checked series
 * (duplicates, order). Private to prices_parse.c, prices_csv.c and
 * prices_av.c.
 */
#ifndef PRICES_ROWS_H
#define PRICES_ROWS_H

#include "prices_parse.h"

#include <stddef.h>

typedef struct cand {
    price_bar b;
    long line;
    char *row;
    int bad; /* 1: why says what is wrong */
    char why[200];
} cand;

typedef struct cand_list {
    cand *v;
    size_t n, cap;
} cand_list;

/* Adds a row: a bar when why is NULL, else a problem. Returns 0 or -1
 * (out of memory). */
int cand_add(cand_list *c, const price_bar *b, long line, const char *row, size_t rowlen,
             const char *why);
void cand_free(cand_list *c);

/* Checks the rows (duplicates, order), moves bars and problems into out
 * and frees c. Returns 0, or -1 with err when no bar is left. */
int cand_finish(cand_list *c, price_series *out, char *err, size_t errlen);

/* A price: a finite number above zero, the whole field. Returns 0, or -1
 * with why ("N/D (no data)", "not a number: 'abc'", "not above zero: 0"). */
int parse_price(const char *s, size_t len, double *v, char *why, size_t whylen);
/* A volume: a whole number, zero or more ("123" or "123.0"). */
int parse_volume(const char *s, size_t len, int64_t *v, char *why, size_t whylen);

/* Readers. Each returns 0 (rows in c, symbol set if the body names one)
 * or -1 with err when the body is not of its kind. prices_read_av sets
 * *limited when the answer is a usage-limit message. */
int prices_read_csv(const char *body, size_t len, price_format want, price_format *got,
                    char *symbol, size_t symlen, cand_list *c, char *err, size_t errlen);
int prices_read_av(const char *body, size_t len, char *symbol, size_t symlen, cand_list *c,
                   int *limited, char *err, size_t errlen);

#endif
