/*
 * periods.c - years and the periods figures are for: explicit years
 * ("in 2026", "2025-2030", "by 2030", "until 2032"), fiscal and year-end
 * forms (FY26, fiscal 2026, YE25), and years relative to the document's
 * date ("this year", "next year", "over the next five years"). Also guesses
 * a document's year when none is given.
 */
#include "fig_int.h"

#include <stdio.h>
#include <string.h>

/* The lower-cased word ending right before byte i (skipping spaces), in w
 * (n bytes); returns its length. */
static size_t word_before(const unsigned char *p, size_t i, char *w, size_t n)
{
    size_t e = i;
    while (e > 0 && (p[e - 1] == ' ' || p[e - 1] == '\t'))
        e--;
    size_t b = e;
    while (b > 0 && e - b < n - 1 && (((p[b - 1] | 0x20) >= 'a' && (p[b - 1] | 0x20) <= 'z')))
        b--;
    for (size_t k = b; k < e; k++)
        w[k - b] = (char)(p[k] | 0x20);
    w[e - b] = 0;
    return e - b;
}

/* Weight of a year at byte i as evidence of the document's own year: a
 * date ("November 3, 2025", "15 October 2025", "2025-07-24") counts three
 * times, a target ("by 2030", "until 2032", "to 2030") or a maturity
 * ("bonds due 2049", "notes maturing 2031") not at all. */
static int year_weight(const unsigned char *p, size_t i, size_t j, size_t len)
{
    static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};
    char w[16];
    size_t k = i;
    /* "November 3, 2025": skip the day */
    while (k > 0 && (p[k - 1] == ' ' || p[k - 1] == ','))
        k--;
    size_t d = k;
    while (d > 0 && p[d - 1] >= '0' && p[d - 1] <= '9' && k - d < 2)
        d--;
    size_t wl = word_before(p, d < k ? d : i, w, sizeof w);
    if (wl >= 3)
        for (int m = 0; m < 12; m++)
            if (strncmp(w, months[m], 3) == 0)
                return 3;
    if (j + 3 <= len && p[j] == '-' && p[j + 1] >= '0' && p[j + 1] <= '1' && p[j + 2] >= '0' &&
        p[j + 2] <= '9' && j + 3 < len && p[j + 3] == '-')
        return 3;
    wl = word_before(p, i, w, sizeof w);
    /* "by fiscal 2030", "through calendar 2027": the word before those */
    if (strcmp(w, "fiscal") == 0 || strcmp(w, "calendar") == 0 || strcmp(w, "fy") == 0) {
        size_t e = i;
        while (e > 0 && (p[e - 1] == ' ' || p[e - 1] == '\t'))
            e--;
        wl = word_before(p, e - wl, w, sizeof w);
    }
    if ((wl == 2 && (strcmp(w, "by") == 0 || strcmp(w, "to") == 0)) ||
        strcmp(w, "until") == 0 || strcmp(w, "through") == 0 || strcmp(w, "till") == 0 ||
        strcmp(w, "before") == 0 || strcmp(w, "due") == 0 || strcmp(w, "maturing") == 0)
        return 0;
    return 1;
}

/* See fig_int.h: the year mentioned most (ties go to the later year). */
int fig_guess_year(const char *s, size_t len)
{
    int hist[120] = {0};
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        if (p[i] < '0' || p[i] > '9') {
            i++;
            continue;
        }
        size_t j = i;
        while (j < len && p[j] >= '0' && p[j] <= '9')
            j++;
        int prev_ok = i == 0 || !(p[i - 1] == ',' || p[i - 1] == '.' || p[i - 1] == '$');
        int next_ok = j >= len || !(p[j] == ',' && j + 1 < len && p[j + 1] >= '0' && p[j + 1] <= '9');
        if (j - i == 4 && prev_ok && next_ok) {
            int y = (p[i] - '0') * 1000 + (p[i + 1] - '0') * 100 + (p[i + 2] - '0') * 10 + (p[i + 3] - '0');
            if (y >= 1990 && y < 2110)
                hist[y - 1990] += year_weight(p, i, j, len);
        }
        i = j;
    }
    int best = 0, bestc = 0;
    for (int k = 0; k < 120; k++)
        if (hist[k] && hist[k] >= bestc) {
            best = 1990 + k;
            bestc = hist[k];
        }
    return best;
}

/* The year written by token i, or 0: "2026", "FY2026", "FY26", "YE25", "CY2025". */
int fig_tok_year(const char *doc, const fig_sent *st, int i)
{
    if (i < 0 || i >= st->n)
        return 0;
    const fig_tok *t = &st->tok[i];
    if (t->type == TK_NUM) {
        if (t->ndig == 4 && !(t->flags & (TF_COMMA | TF_DEC)) && t->num >= 1990 && t->num < 2110)
            return (int)t->num;
        return 0;
    }
    if (t->type != TK_WORD || t->len < 4 || t->len > 6)
        return 0;
    const char *w = doc + t->off;
    size_t pre = 0;
    while (pre < t->len && ((w[pre] >= 'A' && w[pre] <= 'Z') || (w[pre] >= 'a' && w[pre] <= 'z')))
        pre++;
    if (pre != 2)
        return 0;
    char a = (char)(w[0] | 0x20), b = (char)(w[1] | 0x20);
    if (!((a == 'f' && b == 'y') || (a == 'y' && b == 'e') || (a == 'c' && b == 'y')))
        return 0;
    size_t nd = t->len - pre;
    int y = 0;
    for (size_t k = pre; k < t->len; k++) {
        if (w[k] < '0' || w[k] > '9')
            return 0;
        y = y * 10 + (w[k] - '0');
    }
    if (nd == 2)
        return 2000 + y;
    if (nd == 4 && y >= 1990 && y < 2110)
        return y;
    return 0;
}

/* A period mention in a sentence. */
typedef struct pmention {
    int tok, end;   /* tokens [tok, end) */
    int y0, y1;
} pmention;

/* Small number words for "the next five years". */
static int small_count(const fig_sent *st, int i)
{
    const fig_tok *t = &st->tok[i];
    if (t->type == TK_NUM && t->ndig <= 2 && !(t->flags & (TF_COMMA | TF_DEC)))
        return (int)t->num;
    if (t->lex && (t->lex->cls & LX_NUM) && t->lex->val < 30)
        return (int)t->lex->val;
    return 0;
}

/* Collects the period mentions of a sentence into out (max m). */
static int collect(const char *doc, const fig_sent *st, int doc_year, pmention *out, int m)
{
    int n = 0;
    for (int i = 0; i < st->n && n < m; i++) {
        int y = fig_tok_year(doc, st, i);
        if (y) {
            /* a year is no period when it is a figure's own number */
            if (i + 1 < st->n && st->tok[i + 1].type == TK_SYM && st->tok[i + 1].cp == '%')
                continue;
            pmention p = {i, i + 1, y, y};
            /* 2025-2030, 2025–27, from 2025 to 2030, YE25 to YE30 */
            int k = i + 1;
            if (tok_is_dash(st, k) || tok_is(st, k, "to") || tok_is(st, k, "through")) {
                int y2 = fig_tok_year(doc, st, k + 1);
                if (!y2 && st->tok[k + 1 < st->n ? k + 1 : k].type == TK_NUM && k + 1 < st->n &&
                    st->tok[k + 1].ndig == 2 && tok_is_dash(st, k))
                    y2 = (y / 100) * 100 + (int)st->tok[k + 1].num;
                if (y2 > y && y2 - y < 50) {
                    p.y1 = y2;
                    p.end = k + 2;
                }
            }
            out[n++] = p;
            i = p.end - 1;
            continue;
        }
        if (!doc_year)
            continue;
        /* this year, this fiscal year, next year, last year, the coming year */
        int off = -100;
        int j = i + 1;
        if (tok_is(st, i, "this") || tok_is(st, i, "current"))
            off = 0;
        else if (tok_is(st, i, "next") || tok_is(st, i, "coming"))
            off = 1;
        else if (tok_is(st, i, "last") || tok_is(st, i, "previous"))
            off = -1;
        if ((tok_is(st, i, "for") || tok_is(st, i, "full")) && tok_is(st, i + 1, "the") &&
            tok_is(st, i + 2, "year") && !tok_is(st, i + 3, "ago")) {
            pmention p = {i, i + 3, doc_year, doc_year};
            out[n++] = p;
            i += 2;
            continue;
        }
        /* "for the full year": the document's year, as "for the year"
         * (not "full-year revenue", often last year's results) */
        if (tok_is(st, i, "full") && i > 0 && tok_is(st, i - 1, "the")) {
            int w = i + 1;
            if (tok_is(st, w, "year") && !tok_is(st, w + 1, "ago") &&
                !fig_tok_year(doc, st, w + 1) && !tok_is(st, w + 1, "fiscal")) {
                pmention p = {i, w + 1, doc_year, doc_year};
                out[n++] = p;
                i = w;
                continue;
            }
        }
        if (off != -100) {
            if (tok_is(st, j, "fiscal") || tok_is(st, j, "calendar"))
                j++;
            if (tok_is(st, j, "year")) {
                pmention p = {i, j + 1, doc_year + off, doc_year + off};
                out[n++] = p;
                i = j;
                continue;
            }
            /* over the next five years */
            int c = small_count(st, j);
            if (off == 1 && c > 0 && tok_is(st, j + 1, "years")) {
                pmention p = {i, j + 2, doc_year, doc_year + c};
                out[n++] = p;
                i = j + 1;
            }
        }
    }
    return n;
}

/* See fig_int.h. Returns the last year of the period (0 if none). */
int fig_find_period(const char *doc, const fig_sent *st, const fig_item *it, int clause0,
                    int clause1, int doc_year, char *out, size_t outlen)
{
    pmention pm[32];
    int n = collect(doc, st, doc_year, pm, 32);
    out[0] = 0;
    int best = -1, bestd = 1 << 30;
    /* a bracket right after the figure is its conversion: "160 billion yuan
     * (about $22.6 billion) in 2026" */
    int t1 = it->t1;
    if (t1 < st->n && st->tok[t1].type == TK_SYM && st->tok[t1].cp == '(')
        for (int k = t1 + 1; k < st->n && k < t1 + 12; k++)
            if (st->tok[k].type == TK_SYM && st->tok[k].cp == ')') {
                t1 = k + 1;
                break;
            }
    for (int k = 0; k < n; k++) {
        int d;
        if (pm[k].tok >= t1)
            d = (pm[k].tok - t1) * 2;
        else if (pm[k].tok >= it->t1)
            continue;
        else if (pm[k].end <= it->q0)
            d = (it->q0 - pm[k].end) * 3 + 1;
        else
            continue;
        if (pm[k].tok < clause0 || pm[k].tok >= clause1)
            d += 40;
        /* a year right before another figure ("2024's $52.5bn") is that figure's */
        if (pm[k].tok >= it->t1)
            for (int t = pm[k].end; t < pm[k].end + 4 && t < st->n; t++)
                if (st->tok[t].type == TK_NUM ||
                    (st->tok[t].type == TK_SYM && (st->tok[t].cp == '$' || st->tok[t].cp == 0x20AC ||
                                                   st->tok[t].cp == 0xA3))) {
                    d += t - pm[k].end <= 2 ? 100 : 40; /* "2024's $52.5bn" */
                    break;
                }
        /* a year beyond another number is that number's */
        int lo = pm[k].tok >= t1 ? t1 : pm[k].end, hi = pm[k].tok >= t1 ? pm[k].tok : it->q0;
        for (int t = lo; t < hi; t++)
            if (st->tok[t].type == TK_NUM && !fig_tok_year(doc, st, t)) {
                d += 40;
                break;
            }
        /* "in 2026" right after is best; "since" or "ago" years are not a period */
        if (pm[k].tok > 0 && (tok_is(st, pm[k].tok - 1, "since") || tok_is(st, pm[k].tok - 1, "ago")))
            d += 100;
        if (d < bestd) {
            bestd = d;
            best = k;
        }
    }
    if (best < 0 || bestd > 60)
        return 0;
    if (pm[best].y0 == pm[best].y1)
        snprintf(out, outlen, "%d", pm[best].y0);
    else
        snprintf(out, outlen, "%d-%d", pm[best].y0, pm[best].y1);
    return pm[best].y1;
}
