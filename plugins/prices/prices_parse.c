/* prices_parse.c - telling what a price body is, and checking its rows. */
#include "prices_parse.h"

#include "civil.h"
#include "html_text.h"
#include "prices_rows.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const format_names[] = {"auto",      "stooq_csv",    "stooq_txt",
                                           "yahoo_csv", "yfinance_csv", "alphavantage_json"};

int price_format_from_name(const char *name)
{
    for (int i = 0; i < (int)(sizeof format_names / sizeof *format_names); i++)
        if (name && strcmp(name, format_names[i]) == 0)
            return i;
    return -1;
}

const char *price_format_name(price_format f)
{
    return (unsigned)f < sizeof format_names / sizeof *format_names ? format_names[f] : "?";
}

/* ---- dates and numbers ---- */

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

int prices_parse_date(const char *s, size_t len, int64_t *days)
{
    int y, m, d;
    if (len >= 10 && s[4] == '-' && s[7] == '-' && digits(s, 4) && digits(s + 5, 2) &&
        digits(s + 8, 2) && (len == 10 || s[10] == ' ' || s[10] == 'T')) {
        y = atoi(s), m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    } else if (len == 8 && digits(s, 8)) {
        y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        m = (s[4] - '0') * 10 + (s[5] - '0');
        d = (s[6] - '0') * 10 + (s[7] - '0');
    } else {
        return -1;
    }
    if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > civil_month_days(y, m))
        return -1;
    *days = civil_to_days(y, m, d);
    return 0;
}

void prices_format_date(int64_t days, char out[11])
{
    civil_format(days, out);
}

static void shown(const char *s, size_t len, char *out, size_t outlen)
{
    size_t n = len < 40 ? len : 40;
    if (n >= outlen)
        n = outlen - 1;
    for (size_t i = 0; i < n; i++)
        out[i] = (unsigned char)s[i] < 0x20 ? '?' : s[i];
    out[n] = '\0';
}

int parse_price(const char *s, size_t len, double *v, char *why, size_t whylen)
{
    while (len && isspace((unsigned char)*s))
        s++, len--;
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    char buf[64], show[48];
    shown(s, len, show, sizeof show);
    if (len == 0) {
        snprintf(why, whylen, "empty");
        return -1;
    }
    if ((len == 3 && strncasecmp(s, "N/D", 3) == 0) || (len == 2 && strncasecmp(s, "NA", 2) == 0)) {
        snprintf(why, whylen, "%s (no data)", show);
        return -1;
    }
    if (len >= sizeof buf) {
        snprintf(why, whylen, "not a number: '%s...'", show);
        return -1;
    }
    memcpy(buf, s, len);
    buf[len] = '\0';
    char *end;
    double x = strtod(buf, &end);
    int plain = 1; /* no hex, inf or nan spellings */
    for (size_t i = 0; i < len; i++)
        if (!(isdigit((unsigned char)buf[i]) || buf[i] == '.' || buf[i] == '-' || buf[i] == '+' ||
              buf[i] == 'e' || buf[i] == 'E'))
            plain = 0;
    if (end == buf || *end || !plain || !isfinite(x)) {
        snprintf(why, whylen, "not a number: '%s'", show);
        return -1;
    }
    if (!(x > 0)) {
        snprintf(why, whylen, "not above zero: %s", show);
        return -1;
    }
    *v = x;
    return 0;
}

int parse_volume(const char *s, size_t len, int64_t *v, char *why, size_t whylen)
{
    while (len && isspace((unsigned char)*s))
        s++, len--;
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    char buf[64], show[48];
    shown(s, len, show, sizeof show);
    if (len == 0) {
        snprintf(why, whylen, "empty");
        return -1;
    }
    if ((len == 3 && strncasecmp(s, "N/D", 3) == 0) || (len == 2 && strncasecmp(s, "NA", 2) == 0)) {
        snprintf(why, whylen, "%s (no data)", show);
        return -1;
    }
    int ok = len < sizeof buf;
    for (size_t i = 0; ok && i < len; i++)
        ok = isdigit((unsigned char)s[i]) || s[i] == '.' || s[i] == 'e' || s[i] == 'E' ||
             (s[i] == '+' && (i == 0 || s[i - 1] == 'e' || s[i - 1] == 'E'));
    double x = 0;
    if (ok) {
        memcpy(buf, s, len);
        buf[len] = '\0';
        char *end;
        x = strtod(buf, &end);
        ok = end != buf && !*end && isfinite(x);
    }
    if (!ok) {
        snprintf(why, whylen, "not a volume: '%s'", show);
        return -1;
    }
    if (x != floor(x) || x > 9.0e18) {
        snprintf(why, whylen, "not a whole number of shares: %s", show);
        return -1;
    }
    *v = (int64_t)x;
    return 0;
}

/* ---- candidate rows ---- */

int cand_add(cand_list *c, const price_bar *b, long line, const char *row, size_t rowlen,
             const char *why)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 512;
        cand *v = realloc(c->v, cap * sizeof *v);
        if (!v)
            return -1;
        c->v = v, c->cap = cap;
    }
    cand *x = &c->v[c->n];
    memset(x, 0, sizeof *x);
    if (b)
        x->b = *b;
    x->line = line;
    if (rowlen > 2000)
        rowlen = 2000;
    x->row = strndup(row ? row : "", row ? rowlen : 0);
    if (!x->row)
        return -1;
    if (why) {
        x->bad = 1;
        snprintf(x->why, sizeof x->why, "%s", why);
    }
    c->n++;
    return 0;
}

void cand_free(cand_list *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->v[i].row);
    free(c->v);
    memset(c, 0, sizeof *c);
}

static int same_bar(const price_bar *a, const price_bar *b)
{
    return a->open == b->open && a->high == b->high && a->low == b->low && a->close == b->close &&
           a->has_adj == b->has_adj && (!a->has_adj || a->adj_close == b->adj_close) &&
           a->has_volume == b->has_volume && (!a->has_volume || a->volume == b->volume);
}

static const cand *sort_base;
static int by_date(const void *pa, const void *pb)
{
    const cand *a = &sort_base[*(const size_t *)pa], *b = &sort_base[*(const size_t *)pb];
    if (a->b.date != b->b.date)
        return a->b.date < b->b.date ? -1 : 1;
    return *(const size_t *)pa < *(const size_t *)pb ? -1 : 1;
}

static int bar_cmp(const void *pa, const void *pb)
{
    const price_bar *a = pa, *b = pb;
    return a->date < b->date ? -1 : a->date > b->date;
}

int cand_finish(cand_list *c, price_series *out, char *err, size_t errlen)
{
    int rc = -1;
    size_t good = 0;
    size_t *idx = malloc((c->n ? c->n : 1) * sizeof *idx);
    char *dropped = calloc(c->n ? c->n : 1, 1);
    if (!idx || !dropped) {
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < c->n; i++)
        if (!c->v[i].bad)
            idx[good++] = i;
    /* repeated dates: identical copies count once, conflicting ones not at all */
    sort_base = c->v;
    qsort(idx, good, sizeof *idx, by_date);
    for (size_t g = 0; g < good;) {
        size_t e = g + 1;
        while (e < good && c->v[idx[e]].b.date == c->v[idx[g]].b.date)
            e++;
        int conflict = 0;
        for (size_t k = g + 1; k < e; k++)
            conflict |= !same_bar(&c->v[idx[g]].b, &c->v[idx[k]].b);
        for (size_t k = g + 1; k < e; k++) {
            if (!conflict) {
                dropped[idx[k]] = 1;
                out->duplicates++;
            }
        }
        if (conflict) {
            char d[11];
            prices_format_date(c->v[idx[g]].b.date, d);
            for (size_t k = g; k < e; k++) {
                cand *x = &c->v[idx[k]];
                x->bad = 1;
                snprintf(x->why, sizeof x->why,
                         "date %s appears %zu times with different values (first on line %ld); "
                         "none is taken",
                         d, e - g, c->v[idx[g]].line);
            }
        }
        g = e;
    }
    /* order: the direction most neighbours follow; rows against it are problems */
    long asc = 0, desc = 0;
    int64_t prev = INT64_MIN;
    for (size_t i = 0; i < c->n; i++) {
        if (c->v[i].bad || dropped[i])
            continue;
        if (prev != INT64_MIN)
            asc += c->v[i].b.date > prev, desc += c->v[i].b.date < prev;
        prev = c->v[i].b.date;
    }
    int dir = asc >= desc ? 1 : -1;
    prev = INT64_MIN;
    for (size_t i = 0; i < c->n; i++) {
        cand *x = &c->v[i];
        if (x->bad || dropped[i])
            continue;
        if (prev != INT64_MIN && (x->b.date - prev) * dir < 0) {
            char a[11], b[11];
            prices_format_date(x->b.date, a);
            prices_format_date(prev, b);
            x->bad = 1;
            snprintf(x->why, sizeof x->why,
                     "date %s out of order: it comes after %s in a file in %s order", a, b,
                     dir > 0 ? "ascending" : "descending");
            continue;
        }
        prev = x->b.date;
    }
    /* what is left */
    size_t nbars = 0, nprob = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (dropped[i])
            continue;
        if (c->v[i].bad)
            nprob++;
        else
            nbars++;
    }
    out->rows = c->n;
    out->bars = calloc(nbars ? nbars : 1, sizeof *out->bars);
    out->problems = calloc(nprob ? nprob : 1, sizeof *out->problems);
    if (!out->bars || !out->problems) {
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < c->n; i++) {
        cand *x = &c->v[i];
        if (dropped[i])
            continue;
        if (!x->bad) {
            out->bars[out->n++] = x->b;
            continue;
        }
        price_problem *p = &out->problems[out->nproblems++];
        p->line = x->line;
        p->row = x->row;
        x->row = NULL;
        memcpy(p->why, x->why, sizeof p->why);
    }
    qsort(out->bars, out->n, sizeof *out->bars, bar_cmp);
    if (out->n == 0) {
        if (out->nproblems)
            snprintf(err, errlen, "no usable bars: all %zu rows are bad (first%s%.0ld: %s)",
                     out->nproblems, out->problems[0].line ? ", line " : "", out->problems[0].line,
                     out->problems[0].why);
        else
            snprintf(err, errlen, "no bars: the answer has a header but no rows");
        goto done;
    }
    rc = 0;
done:
    free(idx);
    free(dropped);
    cand_free(c);
    return rc;
}

/* ---- what the body is ---- */

static void describe_html(const char *body, size_t len, char *out, size_t outlen)
{
    char *text = NULL, *title = NULL, err[64];
    size_t tlen = 0;
    if (html_to_text(body, len, NULL, &text, &tlen, &title, err, sizeof err) != 0) {
        snprintf(out, outlen, "an HTML page");
        return;
    }
    const char *what = title && *title ? title : text ? text : "";
    size_t n = strcspn(what, "\n");
    if (n > 120)
        n = 120;
    while (n && ((unsigned char)what[n] & 0xC0) == 0x80)
        n--;
    if (n)
        snprintf(out, outlen, "an HTML page (\"%.*s\")", (int)n, what);
    else
        snprintf(out, outlen, "an HTML page");
    free(text);
    free(title);
}

/* HTML or XML where prices were expected (Stooq's bulk header starts
 * with '<' too: "<TICKER>,<PER>,..."). */
static int looks_like_markup(const char *p, size_t n, const char *content_type)
{
    if (content_type && (strstr(content_type, "html") || strstr(content_type, "xml")))
        return 1;
    if (*p != '<')
        return 0;
    size_t w = 1;
    while (w < n && w < 32 && p[w] != '>' && p[w] != ',' && !isspace((unsigned char)p[w]))
        w++;
    return !(w < n && p[w] == '>' && w + 1 < n && p[w + 1] == ',');
}

int prices_parse(const char *body, size_t len, const char *content_type, price_format fmt,
                 price_series *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    size_t i = 0;
    if (len >= 3 && (unsigned char)body[0] == 0xEF && (unsigned char)body[1] == 0xBB &&
        (unsigned char)body[2] == 0xBF)
        i = 3;
    while (i < len && isspace((unsigned char)body[i]))
        i++;
    if (!body || i >= len) {
        snprintf(err, errlen, "an empty answer: no bars");
        return -1;
    }
    const char *p = body + i;
    size_t n = len - i;
    cand_list c = {0};
    char symbol[40] = "";
    price_format got = fmt;
    int rc;
    if (*p == '{' || *p == '[') {
        char inner[600];
        rc = prices_read_av(p, n, symbol, sizeof symbol, &c, &out->limited, inner, sizeof inner);
        if (fmt != PF_AUTO && fmt != PF_ALPHAVANTAGE) {
            snprintf(err, errlen, "expected %s, got JSON%s%s", price_format_name(fmt),
                     rc ? ": " : "", rc ? inner : "");
            cand_free(&c);
            return -1;
        }
        if (rc) {
            snprintf(err, errlen, "%s", inner);
            return -1;
        }
        got = PF_ALPHAVANTAGE;
    } else if (looks_like_markup(p, n, content_type)) {
        char what[300];
        describe_html(p, n, what, sizeof what);
        snprintf(err, errlen, "expected prices, got %s", what);
        return -1;
    } else {
        size_t l1 = strcspn(p, "\r\n");
        while (l1 && isspace((unsigned char)p[l1 - 1]))
            l1--;
        if ((l1 == 7 && strncasecmp(p, "No data", 7) == 0) ||
            (l1 == 3 && strncasecmp(p, "N/D", 3) == 0)) {
            snprintf(err, errlen, "the feed has no data for this symbol (it answered \"%.*s\")",
                     (int)l1, p);
            return -1;
        }
        if (fmt == PF_ALPHAVANTAGE) {
            snprintf(err, errlen, "expected Alpha Vantage JSON, got text starting \"%.*s\"",
                     (int)(l1 > 80 ? 80 : l1), p);
            return -1;
        }
        if (prices_read_csv(p, n, fmt, &got, symbol, sizeof symbol, &c, err, errlen) != 0) {
            cand_free(&c);
            return -1;
        }
    }
    out->format = got;
    memcpy(out->symbol, symbol, sizeof out->symbol);
    return cand_finish(&c, out, err, errlen);
}

void price_series_free(price_series *s)
{
    for (size_t i = 0; i < s->nproblems; i++)
        free(s->problems[i].row);
    free(s->problems);
    free(s->bars);
    memset(s, 0, sizeof *s);
}
