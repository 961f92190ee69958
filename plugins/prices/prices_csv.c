/*
 * prices_csv.c - the CSV price formats, read by their header: the columns
 * are found by name (Date, Open, High, Low, Close, Adj Close, Volume, and
 * Stooq's <TICKER>, <PER>, <DATE>, <VOL>, ...), so column order and
 * extra columns do not matter. yfinance's three-row header
 * (Price,Close,High,... / Ticker,NVDA,... / Date,,,...) is read too.
 */
#include "prices_rows.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_FIELDS 32

enum { C_DATE, C_OPEN, C_HIGH, C_LOW, C_CLOSE, C_ADJ, C_VOL, C_TICKER, C_PER, NCOL };
static const char *const col_title[NCOL] = {"Date",      "Open",   "High",   "Low", "Close",
                                            "Adj Close", "Volume", "Ticker", "Per"};

typedef struct field {
    const char *s;
    size_t len;
} field;

/* Splits line[0..len) at commas; fields lose surrounding spaces and
 * double quotes. Returns the number of fields (at most max). */
static size_t split(const char *line, size_t len, field *f, size_t max)
{
    size_t n = 0, start = 0;
    for (size_t i = 0; i <= len && n < max; i++) {
        if (i < len && line[i] != ',')
            continue;
        const char *s = line + start;
        size_t l = i - start;
        while (l && isspace((unsigned char)*s))
            s++, l--;
        while (l && isspace((unsigned char)s[l - 1]))
            l--;
        if (l >= 2 && s[0] == '"' && s[l - 1] == '"')
            s++, l -= 2;
        f[n].s = s;
        f[n].len = l;
        n++;
        start = i + 1;
    }
    return n;
}

/* A column name reduced to lower-case letters: "<Adj Close>" -> "adjclose". */
static void norm(const field *f, char *out, size_t outlen)
{
    size_t o = 0;
    for (size_t i = 0; i < f->len && o + 1 < outlen; i++)
        if (isalnum((unsigned char)f->s[i]))
            out[o++] = (char)tolower((unsigned char)f->s[i]);
    out[o] = '\0';
}

static int column_of(const char *name)
{
    static const struct {
        const char *name;
        int col;
    } names[] = {{"date", C_DATE},         {"open", C_OPEN},     {"high", C_HIGH},
                 {"low", C_LOW},           {"close", C_CLOSE},   {"adjclose", C_ADJ},
                 {"adjustedclose", C_ADJ}, {"volume", C_VOL},    {"vol", C_VOL},
                 {"ticker", C_TICKER},     {"symbol", C_TICKER}, {"per", C_PER}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(name, names[i].name) == 0)
            return names[i].col;
    return -1;
}

static int all_empty(const field *f, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (f[i].len)
            return 0;
    return 1;
}

/* The next line: its start, length without the line end, and where the
 * one after starts. */
static int next_line(const char *body, size_t len, size_t *pos, const char **line, size_t *llen)
{
    if (*pos >= len)
        return 0;
    const char *s = body + *pos;
    const char *nl = memchr(s, '\n', len - *pos);
    size_t l = nl ? (size_t)(nl - s) : len - *pos;
    *pos += l + (nl ? 1 : 0);
    if (l && s[l - 1] == '\r')
        l--;
    *line = s;
    *llen = l;
    return 1;
}

static void first_line_shown(const char *line, size_t l, char *out, size_t outlen)
{
    size_t n = l > 100 ? 100 : l;
    snprintf(out, outlen, "%.*s%s", (int)n, line, l > n ? "..." : "");
}

/* One data row into c (a bar or a problem). */
static int read_row(const int *col, int txt, const field *f, size_t nf, size_t need, long lineno,
                    const char *line, size_t llen, char *symbol, size_t symlen, cand_list *c)
{
    char why[200], w[160];
    price_bar b;
    memset(&b, 0, sizeof b);
    if (nf < need) {
        snprintf(why, sizeof why, "%zu field%s, the header has %zu", nf, nf == 1 ? "" : "s", need);
        return cand_add(c, NULL, lineno, line, llen, why);
    }
    if (col[C_TICKER] >= 0) {
        const field *t = &f[col[C_TICKER]];
        if (!*symbol && t->len && t->len < symlen) {
            memcpy(symbol, t->s, t->len);
            symbol[t->len] = '\0';
        } else if (t->len && (strlen(symbol) != t->len || strncasecmp(symbol, t->s, t->len) != 0)) {
            snprintf(why, sizeof why, "ticker %.*s is not the file's %s",
                     (int)(t->len > 40 ? 40 : t->len), t->s, symbol);
            return cand_add(c, NULL, lineno, line, llen, why);
        }
    }
    if (col[C_PER] >= 0 &&
        !(f[col[C_PER]].len == 1 && toupper((unsigned char)f[col[C_PER]].s[0]) == 'D')) {
        snprintf(why, sizeof why, "not a daily bar (<PER> is '%.*s')",
                 (int)(f[col[C_PER]].len > 20 ? 20 : f[col[C_PER]].len), f[col[C_PER]].s);
        return cand_add(c, NULL, lineno, line, llen, why);
    }
    const field *d = &f[col[C_DATE]];
    if (prices_parse_date(d->s, d->len, &b.date) != 0 || (txt && d->len != 8)) {
        snprintf(why, sizeof why, "not a date: '%.*s'", (int)(d->len > 40 ? 40 : d->len), d->s);
        return cand_add(c, NULL, lineno, line, llen, why);
    }
    double *dst[] = {&b.open, &b.high, &b.low, &b.close, &b.adj_close};
    for (int k = C_OPEN; k <= C_ADJ; k++) {
        if (col[k] < 0)
            continue;
        if (parse_price(f[col[k]].s, f[col[k]].len, dst[k - C_OPEN], w, sizeof w) != 0) {
            snprintf(why, sizeof why, "%s: %s", col_title[k], w);
            return cand_add(c, NULL, lineno, line, llen, why);
        }
    }
    b.has_adj = col[C_ADJ] >= 0;
    if (col[C_VOL] >= 0) {
        if (parse_volume(f[col[C_VOL]].s, f[col[C_VOL]].len, &b.volume, w, sizeof w) != 0) {
            snprintf(why, sizeof why, "Volume: %s", w);
            return cand_add(c, NULL, lineno, line, llen, why);
        }
        b.has_volume = 1;
    }
    if (b.low > b.high) {
        snprintf(why, sizeof why, "Low %.10g is above High %.10g", b.low, b.high);
        return cand_add(c, NULL, lineno, line, llen, why);
    }
    return cand_add(c, &b, lineno, line, llen, NULL);
}

int prices_read_csv(const char *body, size_t len, price_format want, price_format *got,
                    char *symbol, size_t symlen, cand_list *c, char *err, size_t errlen)
{
    size_t pos = 0, hlen = 0;
    const char *hline = NULL;
    long lineno = 0;
    field f[MAX_FIELDS];
    /* the header: the first line with something in it */
    while (next_line(body, len, &pos, &hline, &hlen)) {
        lineno++;
        if (hlen && !all_empty(f, split(hline, hlen, f, MAX_FIELDS)))
            break;
        hline = NULL;
    }
    if (!hline) {
        snprintf(err, errlen, "an empty answer: no bars");
        return -1;
    }
    size_t nh = split(hline, hlen, f, MAX_FIELDS);
    int col[NCOL];
    for (int k = 0; k < NCOL; k++)
        col[k] = -1;
    int angle = 0, multirow = 0;
    char name[64];
    for (size_t i = 0; i < nh; i++) {
        norm(&f[i], name, sizeof name);
        angle |= f[i].len > 2 && f[i].s[0] == '<';
        if (i == 0 &&
            strcmp(name, "price") == 0) { /* yfinance: Price,Close,...; Date is column 0 */
            multirow = 1;
            col[C_DATE] = 0;
            continue;
        }
        int k = column_of(name);
        if (k >= 0 && col[k] < 0)
            col[k] = (int)i;
    }
    price_format detected = angle || col[C_PER] >= 0 ? PF_STOOQ_TXT
                            : multirow               ? PF_YFINANCE_CSV
                            : col[C_ADJ] >= 0        ? PF_YAHOO_CSV
                                                     : PF_STOOQ_CSV;
    char shown[160];
    first_line_shown(hline, hlen, shown, sizeof shown);
    for (int k = C_DATE; k <= C_CLOSE; k++)
        if (col[k] < 0) {
            snprintf(err, errlen, "not a price CSV: no %s column in the first line \"%s\"",
                     col_title[k], shown);
            return -1;
        }
    if ((want == PF_YAHOO_CSV && col[C_ADJ] < 0) ||
        (want == PF_STOOQ_TXT && detected != PF_STOOQ_TXT) ||
        ((want == PF_STOOQ_CSV || want == PF_YFINANCE_CSV) && detected == PF_STOOQ_TXT)) {
        snprintf(err, errlen, "expected %s, got a header \"%s\" (%s?): check the feed's format",
                 price_format_name(want), shown, price_format_name(detected));
        return -1;
    }
    *got = want == PF_AUTO ? detected : want;
    size_t need = 0;
    for (int k = 0; k < NCOL; k++)
        if (col[k] >= 0 && (size_t)col[k] + 1 > need)
            need = (size_t)col[k] + 1;
    const char *line;
    size_t llen;
    int in_header = multirow;
    while (next_line(body, len, &pos, &line, &llen)) {
        lineno++;
        size_t nf = split(line, llen, f, MAX_FIELDS);
        if (llen == 0 || all_empty(f, nf))
            continue;
        if (in_header) { /* yfinance's Ticker,... and Date,,, rows */
            norm(&f[0], name, sizeof name);
            if (strcmp(name, "ticker") == 0 || strcmp(name, "date") == 0) {
                if (strcmp(name, "ticker") == 0 && nf > 1 && f[1].len && f[1].len < symlen) {
                    memcpy(symbol, f[1].s, f[1].len);
                    symbol[f[1].len] = '\0';
                }
                continue;
            }
            in_header = 0;
        }
        if (read_row(col, detected == PF_STOOQ_TXT, f, nf, need, lineno, line, llen, symbol, symlen,
                     c) != 0) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
    }
    return 0;
}
