/*
 * figures.c - finds the figures of one sentence: amounts of money, power,
 * compute-unit counts and percentages, with their qualifiers, rates and
 * ranges, normalised to base units.
 *
 * Two passes over the sentence's tokens. The first reads "atoms": a number
 * (digits or words) with whatever currency, scale word, unit and rate
 * stand at it, plus the qualifier before it. The second joins atoms:
 * ranges (2-3 GW, between X and Y, X to Y), changes (rose from X to Y:
 * two figures), shared units (20/30 GW, 10-20 after 100-200 kW) — and
 * drops the numbers that never found a unit (years, dates, list numbers).
 * Both passes are linear in the sentence length.
 */
#include "fig_int.h"

#include <math.h>
#include <string.h>

enum { Q_NONE = FIG_Q_NONE, Q_ABOUT = FIG_Q_ABOUT, Q_OVER = FIG_Q_OVER, Q_UNDER = FIG_Q_UNDER,
       Q_UPTO = FIG_Q_UP_TO, Q_NEARLY = FIG_Q_NEARLY, Q_ATLEAST = FIG_Q_AT_LEAST };

/* ------------------------------------------------------------------------
 * Currencies before a number
 * --------------------------------------------------------------------- */

/* The currency written at token i ("$", "US$", "€", "USD", "Rs."), with
 * *ntok set to the tokens it takes; NULL if none. */
static const char *currency_prefix(const fig_sent *st, int i, int *ntok)
{
    const fig_tok *t = &st->tok[i];
    *ntok = 1;
    if (t->type == TK_SYM) {
        switch (t->cp) {
        case '$': return "USD";
        case 0x20AC: return "EUR";
        case 0xA3: return "GBP";
        case 0xA5: return "JPY";
        case 0x20B9: return "INR";
        case 0x20A9: return "KRW";
        case 0x20BD: return "RUB";
        case 0x20AA: return "ILS";
        default: return NULL;
        }
    }
    if (t->type != TK_WORD)
        return NULL;
    /* letters glued to a dollar sign: US$, C$, A$, HK$, S$, NT$, R$ */
    if (tok_sym(st, i + 1, '$') && tok_glued(st, i + 1) && (t->flags & TF_CAP)) {
        static const char *const pre[][2] = {
            {"us", "USD"}, {"c", "CAD"}, {"ca", "CAD"}, {"a", "AUD"}, {"au", "AUD"},
            {"hk", "HKD"}, {"s", "SGD"}, {"nt", "TWD"}, {"r", "BRL"}, {"nz", "NZD"},
        };
        for (size_t k = 0; k < sizeof pre / sizeof pre[0]; k++)
            if (tok_is_var(st, i, pre[k][0])) {
                *ntok = 2;
                return pre[k][1];
            }
        return NULL;
    }
    if (t->lex && (t->lex->cls & LX_CURCODE) && (t->flags & TF_UPPER))
        return t->lex->str;
    if (tok_is(st, i, "rs") && (t->flags & TF_CAP)) {
        if (tok_sym(st, i + 1, '.') && tok_glued(st, i + 1))
            *ntok = 2;
        return "INR";
    }
    /* ringgit and rupiah: "RM20 billion", "RM 5 billion", "Rp 500 billion" */
    if (tok_is(st, i, "rm") && (t->flags & TF_UPPER) && i + 1 < st->n && st->tok[i + 1].type == TK_NUM)
        return "MYR";
    if (tok_is(st, i, "rp") && (t->flags & TF_CAP) && i + 1 < st->n && st->tok[i + 1].type == TK_NUM)
        return "IDR";
    return NULL;
}

/* ------------------------------------------------------------------------
 * Numbers written in words
 * --------------------------------------------------------------------- */

/* 1 if token i is "a" or "an". */
static int is_article(const fig_sent *st, int i)
{
    return tok_is(st, i, "a") || tok_is(st, i, "an");
}

/* Token index after an optional glued dash at i ("half-a"), else i. */
static int skip_hyphen(const fig_sent *st, int i)
{
    if (tok_is_dash(st, i) && tok_glued(st, i) && tok_glued(st, i + 1))
        return i + 1;
    return i;
}

/*
 * Parses a number written in words at token i: "six", "twenty-five",
 * "one hundred and fifty", "a hundred", "two and a half", "half a",
 * "a quarter of a", and "a"/"an" before a scale word ("a billion").
 * Sets *val and *end (one past the last token). Returns 1 or 0.
 */
static int parse_numword(const fig_sent *st, int i, double *val, int *end)
{
    uint32_t pc = tok_cls(st, i - 1);
    if (pc & LX_VAGUE)
        return 0; /* "several hundred", "a few thousand" */
    if (is_article(st, i)) {
        int j = skip_hyphen(st, i + 1);
        uint32_t c = tok_cls(st, j);
        if ((c & LX_FRAC) && !tok_is(st, j, "half")) {
            /* a quarter of a trillion */
            int k = skip_hyphen(st, j + 1);
            if (tok_is(st, k, "of") && is_article(st, skip_hyphen(st, k + 1))) {
                *val = st->tok[j].lex->val;
                *end = skip_hyphen(st, k + 1) + 1;
                return 1;
            }
            return 0;
        }
        if ((c & LX_NUM) && (tok_is(st, j, "hundred") || tok_is(st, j, "dozen"))) {
            *val = st->tok[j].lex->val;
            *end = j + 1;
            return 1;
        }
        if (c & LX_SCALE) {
            *val = 1;
            *end = i + 1;
            return 1;
        }
        /* "well over a gigawatt", "about a megawatt": a qualified unit */
        if ((c & LX_POWER) && st->tok[j].len > 2 && st->doc[st->tok[j].off + st->tok[j].len - 1] == 't' &&
            (tok_is(st, i - 1, "over") || tok_is(st, i - 1, "than") || tok_is(st, i - 1, "about") ||
             tok_is(st, i - 1, "around") || tok_is(st, i - 1, "nearly") || tok_is(st, i - 1, "almost") ||
             tok_is(st, i - 1, "roughly") || tok_is(st, i - 1, "least") || tok_is(st, i - 1, "above") ||
             tok_is(st, i - 1, "approximately") || tok_is(st, i - 1, "exceeding") ||
             (tok_is(st, i - 1, "to") && tok_is(st, i - 2, "up")))) {
            *val = 1;
            *end = i + 1;
            return 1;
        }
        return 0;
    }
    if (tok_is(st, i, "half")) {
        int j = skip_hyphen(st, i + 1);
        if (is_article(st, j)) {
            *val = 0.5;
            *end = j + 1;
            return 1;
        }
        return 0;
    }
    if (!(tok_cls(st, i) & LX_NUM) || tok_is(st, i, "hundred") || tok_is(st, i, "dozen"))
        return 0;
    double cur = 0;
    int j = i, got = 0, last_hundred = 0;
    while (j < st->n && (tok_cls(st, j) & LX_NUM)) {
        double v = st->tok[j].lex->val;
        if (tok_is(st, j, "dozen"))
            break;
        if (v == 100) {
            cur = (cur ? cur : 1) * 100;
            last_hundred = 1;
        } else {
            cur += v;
            last_hundred = 0;
        }
        got = 1;
        j++;
        if (tok_is_dash(st, j) && tok_glued(st, j) && tok_glued(st, j + 1) &&
            (tok_cls(st, j + 1) & LX_NUM)) {
            j++;
            continue;
        }
        if (last_hundred && tok_is(st, j, "and") && (tok_cls(st, j + 1) & LX_NUM)) {
            j++;
            continue;
        }
        if (j < st->n && !(st->tok[j].flags & TF_SPACE))
            break;
    }
    if (!got)
        return 0;
    /* two and a half, one and a quarter */
    if (tok_is(st, j, "and") && is_article(st, j + 1) &&
        (tok_is(st, j + 2, "half") || tok_is(st, j + 2, "quarter"))) {
        cur += st->tok[j + 2].lex->val;
        j += 3;
    }
    *val = cur;
    *end = j;
    return 1;
}

/* ------------------------------------------------------------------------
 * Scale words, units and rates after a number
 * --------------------------------------------------------------------- */

/* The scale at token j ("billion", "bn", glued "B"/"k"/"M"/"T", "-billion"):
 * returns its value and sets *next, or returns 0. cur says whether a
 * currency was written (then "m", "b", "T" count as scales). */
static double scale_at(const fig_sent *st, int j, int cur, int *next)
{
    if (j >= st->n)
        return 0;
    const fig_tok *t = &st->tok[j];
    if (tok_is_dash(st, j) && tok_glued(st, j) && tok_glued(st, j + 1) &&
        (tok_cls(st, j + 1) & LX_SCALE)) {
        *next = j + 2;
        return st->tok[j + 1].lex->val;
    }
    if (t->type != TK_WORD)
        return 0;
    if (t->lex && (t->lex->cls & LX_SCALE)) {
        *next = j + 1;
        return t->lex->val;
    }
    if (t->lex && tok_is(st, j, "hundred")) {
        *next = j + 1;
        return 100;
    }
    if (t->len == 1 && !(t->flags & TF_SPACE)) {
        char c = st->doc[t->off];
        double v = 0;
        if (c == 'k' || c == 'K')
            v = 1e3;
        else if (c == 'M' || (c == 'm' && cur))
            v = 1e6;
        else if (c == 'B' || (c == 'b' && cur))
            v = 1e9;
        else if (c == 'T' && cur)
            v = 1e12;
        if (v) {
            *next = j + 1;
            return v;
        }
    }
    return 0;
}

/* 1 if token j is a power unit; sets *mult. "W" must be upper case and
 * "mW" (milliwatts) is refused. */
static int power_unit(const fig_sent *st, int j, double *mult)
{
    if (j >= st->n || st->tok[j].type != TK_WORD)
        return 0;
    const fig_tok *t = &st->tok[j];
    if (!t->lex || !(t->lex->cls & LX_POWER))
        return 0;
    const char *w = st->doc + t->off;
    if (t->len == 1 && w[0] != 'W')
        return 0;
    if (t->len == 2 && w[0] == 'm' && w[1] == 'W')
        return 0;
    *mult = t->lex->val;
    return 1;
}

/* A currency named by its country's adjective and its word, at token j:
 * "Canadian dollars", "New Taiwan dollars", "Hong Kong dollars",
 * "Philippine pesos", "Swedish kronor". Sets *code and returns the tokens
 * taken; 0 for none. A bare "pesos" is Mexico's, a bare "kronor"
 * Sweden's (the lexicon's currency words). */
static int national_currency(const fig_sent *st, int j, const char **code)
{
    static const struct {
        const char *w1, *w2, *money, *code;
    } names[] = {
        {"canadian", NULL, "dollars", "CAD"},  {"australian", NULL, "dollars", "AUD"},
        {"singapore", NULL, "dollars", "SGD"}, {"taiwan", NULL, "dollars", "TWD"},
        {"new", "taiwan", "dollars", "TWD"},   {"hong", "kong", "dollars", "HKD"},
        {"new", "zealand", "dollars", "NZD"},  {"mexican", NULL, "pesos", "MXN"},
        {"philippine", NULL, "pesos", "PHP"},  {"argentine", NULL, "pesos", "ARS"},
        {"chilean", NULL, "pesos", "CLP"},     {"colombian", NULL, "pesos", "COP"},
        {"swedish", NULL, "kronor", "SEK"},    {"swedish", NULL, "crowns", "SEK"},
        {"norwegian", NULL, "kroner", "NOK"},  {"norwegian", NULL, "crowns", "NOK"},
        {"danish", NULL, "kroner", "DKK"},     {"danish", NULL, "crowns", "DKK"},
        {"saudi", NULL, "riyals", "SAR"},      {"qatari", NULL, "riyals", "QAR"},
        {"south", "african", "rand", "ZAR"},   {"brazilian", NULL, "reais", "BRL"},
        {"indian", NULL, "rupees", "INR"},     {"indonesian", NULL, "rupiah", "IDR"},
        {"malaysian", NULL, "ringgit", "MYR"}, {"swiss", NULL, "francs", "CHF"},
        {"japanese", NULL, "yen", "JPY"},      {"chinese", NULL, "yuan", "CNY"},
        {"south", "korean", "won", "KRW"},     {"uae", NULL, "dirhams", "AED"},
    };
    if (j >= st->n || st->tok[j].type != TK_WORD || !(st->tok[j].flags & TF_CAP))
        return 0;
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        int n = names[k].w2 ? 3 : 2;
        if (tok_is_var(st, j, names[k].w1) && (!names[k].w2 || tok_is_var(st, j + 1, names[k].w2)) &&
            tok_is_var(st, j + n - 1, names[k].money)) {
            *code = names[k].code;
            return n;
        }
    }
    return 0;
}

/* 1 if an hour follows the power unit that ends before token j
 * ("megawatt-hours", "gigawatt hours"): energy, which is no capacity, as
 * "MWh" is not. */
static int hours_follow(const fig_sent *st, int j)
{
    if (tok_is_dash(st, j) && tok_glued(st, j))
        j++;
    return tok_is(st, j, "hour") || tok_is(st, j, "hours");
}

/* 1 if token j names a GPU model in the plural ("H100s", "GB200s",
 * "MI300Xs"): capital letters, digits, a trailing lower-case s. */
static int model_plural(const fig_sent *st, int j)
{
    const fig_tok *t = &st->tok[j];
    if (t->type != TK_WORD || !(t->flags & TF_DIGIT) || !(t->flags & TF_CAP) || t->len < 3)
        return 0;
    const char *w = st->doc + t->off;
    if (w[t->len - 1] != 's')
        return 0;
    for (uint32_t k = 0; k + 1 < t->len; k++)
        if (w[k] >= 'a' && w[k] <= 'z')
            return 0;
    return 1;
}

/* 1 if word token k ends as adjectives do: "domestic", "additional",
 * "developed", "proprietary" (a cheap test: a count's noun may follow). */
static int adjective(const fig_sent *st, int k)
{
    const fig_tok *t = &st->tok[k];
    if (t->type != TK_WORD || t->len < 5 || (t->flags & TF_DIGIT))
        return 0;
    const char *e = st->doc + t->off + t->len;
    return (e[-2] == 'i' && e[-1] == 'c') || (e[-2] == 'a' && e[-1] == 'l') ||
           (e[-2] == 'e' && e[-1] == 'd') || (e[-3] == 'i' && e[-2] == 'v' && e[-1] == 'e') ||
           (e[-3] == 'o' && e[-2] == 'u' && e[-1] == 's') || (e[-3] == 'a' && e[-2] == 'r' && e[-1] == 'y');
}

/* Looks for a compute-unit noun after a count starting at token j, over up
 * to four modifiers ("Nvidia", "next-generation AI", "GB200"). Sets *unit
 * and returns the token after the noun, or 0. */
/* 1 if number token k is part of a product's name rather than a count:
 * a short plain integer right after a capitalised name word and right
 * before a thing counted ("Siyuan 690 processors", "Gaudi 3
 * accelerators"). A count written that way would have its separators
 * ("Nvidia 2,000 GPUs") or follow a word that is no name. */
static int model_number(const fig_sent *st, int k)
{
    const fig_tok *t = &st->tok[k];
    if (t->type != TK_NUM || (t->flags & (TF_COMMA | TF_DEC)) || t->len > 4 || k < 1 || k + 1 >= st->n)
        return 0;
    const fig_tok *name = &st->tok[k - 1];
    if (name->type != TK_WORD || !(name->flags & TF_CAP) || (name->flags & TF_POSS) ||
        (tok_cls(st, k - 1) & (LX_PREP | LX_DETERM | LX_CONNECT | LX_MONTH | LX_COUNT | LX_POWER |
                                LX_CURWORD | LX_CURCODE)))
        return 0;
    /* the first word of a sentence may be any capitalised word */
    if (k - 1 == 0 || (name->flags & TF_NL))
        return 0;
    return tok_glued(st, k) == 0 && st->tok[k + 1].type == TK_WORD && st->tok[k + 1].lex &&
           (st->tok[k + 1].lex->cls & LX_COUNT);
}

static int count_noun(const fig_sent *st, int j, const char **unit)
{
    int mods = 0;
    for (int k = j; k < st->n && mods <= 4; k++) {
        const fig_tok *t = &st->tok[k];
        if (t->type == TK_WORD && t->lex && (t->lex->cls & LX_COUNT)) {
            *unit = t->lex->str;
            return k + 1;
        }
        if (t->type == TK_WORD && model_plural(st, k)) {
            *unit = "gpu";
            return k + 1;
        }
        if (tok_is_dash(st, k) && tok_glued(st, k) && tok_glued(st, k + 1) && k > j)
            continue;
        /* a model number: "Ascend 910C chips" */
        if (t->type == TK_NUM && k > j && (st->tok[k - 1].flags & TF_CAP) && k + 1 < st->n &&
            st->tok[k + 1].type == TK_WORD && tok_glued(st, k + 1) && (st->tok[k + 1].flags & TF_UPPER)) {
            k++;
            mods++;
            continue;
        }
        /* "500,000 Siyuan 690 processors" */
        if (t->type == TK_NUM && k > j && model_number(st, k)) {
            mods++;
            continue;
        }
        if (t->type != TK_WORD)
            return 0;
        uint32_t c = t->lex ? t->lex->cls : 0;
        int ok = (c & LX_MOD) || (t->flags & TF_DIGIT) ||
                 ((t->flags & TF_CAP) && !(c & (LX_PREP | LX_DETERM | LX_CONNECT | LX_MONTH)));
        /* two model names: "Nvidia GB200 and GB300 chips" */
        if (!ok && (tok_is(st, k, "and") || tok_is(st, k, "or")) && k > j &&
            (st->tok[k - 1].flags & TF_DIGIT) && (st->tok[k - 1].flags & TF_CAP) && k + 1 < st->n &&
            (st->tok[k + 1].flags & TF_DIGIT) && (st->tok[k + 1].flags & TF_CAP))
            ok = 1;
        /* an adjective or a compound: "domestic AI chips", "self-developed
         * Kunlun chips" */
        if (!ok && !c && !(t->flags & TF_CAP) && (adjective(st, k) ||
                                                  (tok_is_dash(st, k + 1) && tok_glued(st, k + 1) &&
                                                   tok_glued(st, k + 2))))
            ok = 1;
        if (!ok)
            return 0;
        mods++;
    }
    return 0;
}

/* The unit of energy token j names ("MWh", "kWh"), as a rate's `per`, or
 * NULL: prices of electricity are quoted per unit of energy. */
static const char *energy_unit(const fig_sent *st, int j)
{
    if (tok_is(st, j, "kwh"))
        return "kWh";
    if (tok_is(st, j, "mwh"))
        return "MWh";
    if (tok_is(st, j, "gwh"))
        return "GWh";
    return NULL;
}

/* Reads a rate after a figure at token j: "per month", "a year", "/GW/year",
 * "annually", "per share" (perx). Returns the token after it. */
static int read_rate(const fig_sent *st, int j, const char **per, const char **perx)
{
    static const char *const power_per[] = {"W", "kW", "MW", "GW", "TW"};
    static const char *const energy_per[] = {"Wh", "kWh", "MWh", "GWh", "TWh"};
    /* capacity over time: "$333 per megawatt-day", "$30 billion/GW/year" */
    static const char *const times[] = {"day", "week", "month", "year"};
    static const char *const capacity_per[5][4] = {
        {"W-day", "W-week", "W-month", "W-year"},     {"kW-day", "kW-week", "kW-month", "kW-year"},
        {"MW-day", "MW-week", "MW-month", "MW-year"}, {"GW-day", "GW-week", "GW-month", "GW-year"},
        {"TW-day", "TW-week", "TW-month", "TW-year"},
    };
    int power_at = -1; /* index of *per in power_per once a power unit is read */
    /* "1 GW of new capacity per week": a rate over a short noun phrase */
    if (tok_is(st, j, "of")) {
        for (int k = j + 1; k < st->n && k <= j + 4; k++) {
            const fig_tok *t = &st->tok[k];
            if (t->type != TK_WORD || (tok_cls(st, k) & (LX_CONNECT | LX_DETERM | LX_CLAUSE)))
                break;
            if ((tok_is(st, k, "per") || tok_is(st, k, "every")) && (tok_cls(st, k + 1) & LX_TIME) && k > j + 1) {
                j = k;
                break;
            }
            if (tok_cls(st, k) & LX_PREP)
                break;
        }
    }
    for (int round = 0; round < 3 && j < st->n; round++) {
        const fig_tok *t = &st->tok[j];
        if (t->lex && (t->lex->cls & LX_RATEADV) && !*per) {
            *per = t->lex->str;
            return j + 1;
        }
        int slash = tok_sym(st, j, '/') && tok_glued(st, j + 1);
        int perw = tok_is(st, j, "per");
        int art = is_article(st, j) || tok_is(st, j, "every") || tok_is(st, j, "each");
        if (!slash && !perw && !art)
            break;
        int k = j + 1;
        if (k >= st->n)
            break;
        const fig_tok *u = &st->tok[k];
        double mult;
        if (u->lex && (u->lex->cls & LX_TIME)) {
            if (art && (tok_is(st, k + 1, "ago") || tok_is(st, k + 1, "earlier") ||
                        tok_is(st, k + 1, "before") || tok_is(st, k + 1, "later") ||
                        tok_is(st, k + 1, "prior") ||
                        /* "a year from now", but "$2 an hour from $8" is a rate */
                        (tok_is(st, k + 1, "from") && !tok_is(st, k, "hour")) ||
                        tok_is(st, k + 1, "or") || tok_is(st, k + 1, "of")))
                break;
            /* "per megawatt per year", "/MW/day": capacity over a time; but
             * two denominators give the time one ("$180 per kilowatt per
             * month", as rents are quoted) */
            if (power_at >= 0 && (strcmp(u->lex->str, "year") == 0 || strcmp(u->lex->str, "day") == 0))
                *per = capacity_per[power_at][strcmp(u->lex->str, "day") == 0 ? 0 : 3];
            /* two denominators: the time one ("$180 per kilowatt per month") */
            else if (!*per || (*per)[strlen(*per) - 1] == 'W')
                *per = u->lex->str;
            else
                break;
            j = k + 1;
            continue;
        }
        /* "$10 billion to $12 billion a gigawatt in the US": after an
         * article only as the phrase's end, not "a gigawatt campus" */
        int art_unit = art && !tok_is(st, j, "each") && (k + 1 >= st->n ||
                        st->tok[k + 1].type != TK_WORD ||
                        (tok_cls(st, k + 1) & (LX_PREP | LX_CONNECT | LX_CLAUSE))) &&
                       !(tok_is_dash(st, k + 1) && tok_glued(st, k + 1));
        if ((!art || art_unit) && power_unit(st, k, &mult)) {
            if (*per)
                break;
            int e = 0;
            double m = mult;
            for (e = 0; e < 5; e++)
                if (m <= 1.5) break; else m /= 1000;
            if (e > 4)
                e = 3;
            /* "per megawatt-hour": a price of energy, not of capacity */
            if (tok_is_dash(st, k + 1) && tok_glued(st, k + 1) && tok_is(st, k + 2, "hour")) {
                *per = energy_per[e];
                j = k + 3;
                continue;
            }
            /* "per megawatt-day", "/kW-month": capacity over a time */
            if (tok_is_dash(st, k + 1) && tok_glued(st, k + 1) && tok_glued(st, k + 2)) {
                size_t ti = 0;
                while (ti < sizeof times / sizeof times[0] && !tok_is(st, k + 2, times[ti]))
                    ti++;
                if (ti < sizeof times / sizeof times[0]) {
                    *per = capacity_per[e][ti];
                    j = k + 3;
                    continue;
                }
            }
            *per = power_per[e];
            power_at = e;
            j = k + 1;
            continue;
        }
        /* "/MWh", "per kWh" */
        if (!art && energy_unit(st, k)) {
            if (*per)
                break;
            *per = energy_unit(st, k);
            j = k + 1;
            continue;
        }
        /* "per GPU-hour", "per token-month": a price over time */
        if (perw && u->type == TK_WORD && tok_is_dash(st, k + 1) && tok_glued(st, k + 1) &&
            tok_glued(st, k + 2) && st->tok[k + 2].lex && (st->tok[k + 2].lex->cls & LX_TIME) && !*per) {
            *per = st->tok[k + 2].lex->str;
            j = k + 3;
            continue;
        }
        if (perw && u->type == TK_WORD && !(u->flags & TF_DIGIT) && !fig_lex_known(u->lex)) {
            *perx = "unit";
            j = k + 1;
            continue;
        }
        if (perw && u->type == TK_WORD && fig_lex_known(u->lex) &&
            !(u->lex->cls & (LX_PREP | LX_DETERM | LX_CONNECT | LX_PCT))) {
            *perx = "unit";
            j = k + 1;
            continue;
        }
        break;
    }
    return j;
}

/* ------------------------------------------------------------------------
 * Qualifiers
 * --------------------------------------------------------------------- */

typedef struct qual_phrase {
    const char *w[3];
    int q;
} qual_phrase;

static const qual_phrase QUALS[] = {
    {{"no", "more", "than"}, Q_UNDER}, {{"not", "more", "than"}, Q_UNDER},
    {{"no", "less", "than"}, Q_ATLEAST}, {{"as", "much", "as"}, Q_UPTO},
    {{"as", "many", "as"}, Q_UPTO}, {{"as", "high", "as"}, Q_UPTO},
    {{"in", "excess", "of"}, Q_OVER}, {{"a", "minimum", "of"}, Q_ATLEAST},
    {{"a", "maximum", "of"}, Q_UPTO}, {{"just", "shy", "of"}, Q_NEARLY},
    {{"more", "than", 0}, Q_OVER}, {{"greater", "than", 0}, Q_OVER},
    {{"higher", "than", 0}, Q_OVER}, {{"less", "than", 0}, Q_UNDER},
    {{"fewer", "than", 0}, Q_UNDER}, {{"lower", "than", 0}, Q_UNDER},
    {{"at", "least", 0}, Q_ATLEAST}, {{"at", "most", 0}, Q_UNDER},
    {{"up", "to", 0}, Q_UPTO}, {{"close", "to", 0}, Q_NEARLY},
    {{"well", "over", 0}, Q_OVER}, {{"well", "above", 0}, Q_OVER},
    {{"just", "over", 0}, Q_OVER}, {{"just", "under", 0}, Q_UNDER},
    {{"upwards", "of", 0}, Q_OVER}, {{"north", "of", 0}, Q_OVER},
    {{"an", "estimated", 0}, Q_ABOUT}, {{"shy", "of", 0}, Q_NEARLY},
    {{"about", 0, 0}, Q_ABOUT}, {{"around", 0, 0}, Q_ABOUT},
    {{"approximately", 0, 0}, Q_ABOUT}, {{"approx", 0, 0}, Q_ABOUT},
    {{"roughly", 0, 0}, Q_ABOUT}, {{"some", 0, 0}, Q_ABOUT}, {{"circa", 0, 0}, Q_ABOUT},
    {{"estimated", 0, 0}, Q_ABOUT}, {{"nearly", 0, 0}, Q_NEARLY},
    {{"almost", 0, 0}, Q_NEARLY}, {{"over", 0, 0}, Q_OVER}, {{"above", 0, 0}, Q_OVER},
    {{"exceeding", 0, 0}, Q_OVER}, {{"exceed", 0, 0}, Q_OVER}, {{"exceeds", 0, 0}, Q_OVER},
    {{"exceeded", 0, 0}, Q_OVER}, {{"crossing", 0, 0}, Q_OVER}, {{"beyond", 0, 0}, Q_OVER},
    {{"surpassing", 0, 0}, Q_OVER}, {{"surpass", 0, 0}, Q_OVER},
    {{"under", 0, 0}, Q_UNDER}, {{"below", 0, 0}, Q_UNDER},
};

/* The qualifier written just before token t0; sets *q0 to its first token. */
static int qual_before(const fig_sent *st, int t0, int *q0)
{
    *q0 = t0;
    if (t0 > 0 && st->tok[t0 - 1].type == TK_SYM &&
        (st->tok[t0 - 1].cp == '~' || st->tok[t0 - 1].cp == 0x2248 || st->tok[t0 - 1].cp == 0x223C)) {
        *q0 = t0 - 1;
        return Q_ABOUT;
    }
    /* every phrase ends with a word just before t0: without one, no need
     * to try them all */
    if (t0 <= 0 || st->tok[t0 - 1].type != TK_WORD)
        return Q_NONE;
    for (size_t k = 0; k < sizeof QUALS / sizeof QUALS[0]; k++) {
        const qual_phrase *p = &QUALS[k];
        int n = p->w[2] ? 3 : p->w[1] ? 2 : 1;
        if (t0 - n < 0)
            continue;
        int ok = 1;
        for (int m = 0; m < n && ok; m++)
            ok = tok_is_var(st, t0 - n + m, p->w[m]);
        if (ok) {
            *q0 = t0 - n;
            return p->q;
        }
    }
    return Q_NONE;
}

/* ------------------------------------------------------------------------
 * Atoms
 * --------------------------------------------------------------------- */

/* 1 if token i is a year-like number: four digits, 1900-2100, bare. */
static int yearlike(const fig_sent *st, int i)
{
    const fig_tok *t = &st->tok[i];
    return t->type == TK_NUM && t->ndig == 4 && !(t->flags & (TF_COMMA | TF_DEC)) &&
           t->num >= 1900 && t->num <= 2100;
}

/*
 * Reads the atom starting at token i into it. Returns the token after it,
 * or i when no number starts here.
 */
static int parse_atom(const fig_sent *st, int i, fig_item *it)
{
    memset(it, 0, sizeof *it);
    it->entity = it->counterparty = -1;
    it->scale = 1;
    int j = i, ntok;
    int t0 = i;
    if (tok_sym(st, j, '+') && j + 1 < st->n && st->tok[j + 1].type == TK_NUM && tok_glued(st, j + 1) &&
        (j == 0 || (st->tok[j].flags & TF_SPACE) || !tok_glued(st, j))) {
        it->flags |= FI_LEADPLUS;
        j++;
    }
    const char *cur = currency_prefix(st, j, &ntok);
    if (cur) {
        j += ntok;
        if (j < st->n && st->tok[j].type == TK_SYM && st->tok[j].cp == '~')
            j++;
    }
    double v = 0;
    int numtok = j;
    if (j < st->n && st->tok[j].type == TK_NUM) {
        const fig_tok *t = &st->tok[j];
        if (t->flags & TF_BADNUM)
            return j + 1;
        v = t->num;
        j++;
        /* GPT-5, S-1: a number glued to a word by a dash is part of a name */
        if (!cur && j - 2 >= 0 && tok_is_dash(st, j - 2) && tok_glued(st, j - 1) &&
            tok_glued(st, j - 2) && st->tok[j - 3 >= 0 ? j - 3 : 0].type == TK_WORD && j - 3 >= 0)
            it->flags |= FI_NOUN;
        /* 1st, 2nd, 10x, 5G: glued letters that are no scale or unit */
        if (j < st->n && st->tok[j].type == TK_WORD && tok_glued(st, j) &&
            st->tok[j].lex && (st->tok[j].lex->cls & LX_ORDSUF))
            return j + 1;
    } else if (!cur && parse_numword(st, j, &v, &j)) {
        it->flags |= FI_WORDNUM;
    } else if (cur && parse_numword(st, j, &v, &j)) {
        it->flags |= FI_WORDNUM;
    } else {
        return i;
    }
    it->numtok = numtok;
    if (cur)
        it->flags |= FI_CUR;
    /* trailing plus before or after the scale: 1+ million, 250,000+ */
    if (tok_sym(st, j, '+') && tok_glued(st, j)) {
        it->flags |= FI_PLUS;
        j++;
    }
    double sc = 1;
    for (int k = 0; k < 2; k++) {
        int nx;
        double s = scale_at(st, j, cur != NULL, &nx);
        if (!s)
            break;
        sc *= s;
        j = nx;
        it->flags |= FI_SCALE;
    }
    if (tok_sym(st, j, '+') && tok_glued(st, j)) {
        it->flags |= FI_PLUS;
        j++;
    }
    if (tok_is_dash(st, j) && tok_glued(st, j) && tok_is(st, j + 1, "plus")) {
        it->flags |= FI_PLUS;
        j += 2;
    }
    it->scale = sc;
    it->mult = 1;
    double mult;
    if (j < st->n && st->tok[j].type == TK_WORD && tok_glued(st, j) &&
        !(tok_cls(st, j) & (LX_POWER | LX_COUNT | LX_PCT | LX_CURWORD | LX_CURCODE)) &&
        !model_plural(st, j)) {
        it->t0 = t0;
        it->q0 = t0;
        it->t1 = j + 1;
        it->numtok = numtok;
        it->flags |= FI_BARE | FI_NOUN;
        return j + 1;
    }
    const char *unit = NULL;
    int ncur;
    if (cur) {
        it->kind = FIG_MONEY;
        unit = cur;
        /* $12 billion USD, $5 billion dollars: one figure */
        if (j < st->n && st->tok[j].lex && (st->tok[j].lex->cls & LX_CURCODE) &&
            (st->tok[j].flags & TF_UPPER) && strcmp(st->tok[j].lex->str, cur) == 0)
            j++;
        else if (j < st->n && st->tok[j].lex && (st->tok[j].lex->cls & LX_CURWORD) &&
                 strcmp(st->tok[j].lex->str, cur) == 0)
            j++;
    } else if (tok_sym(st, j, '%')) {
        it->kind = FIG_PERCENT;
        unit = "%";
        j++;
        if (tok_sym(st, j, '+') && tok_glued(st, j)) { /* 40%+ */
            it->flags |= FI_PLUS;
            j++;
        }
    } else if (j < st->n && st->tok[j].lex && (st->tok[j].lex->cls & LX_PCT)) {
        it->kind = FIG_PERCENT;
        unit = "%";
        j++;
        if (tok_is(st, j, "points") || tok_is(st, j, "point"))
            j++;
    } else if (tok_is(st, j, "per") && tok_is(st, j + 1, "cent")) {
        it->kind = FIG_PERCENT;
        unit = "%";
        j += 2;
    } else if (j + 1 < st->n && (tok_is(st, j, "us") || tok_is(st, j, "american")) &&
               tok_is(st, j + 1, "dollars")) {
        it->kind = FIG_MONEY;
        unit = "USD";
        j += 2;
    } else if ((ncur = national_currency(st, j, &unit)) > 0) {
        it->kind = FIG_MONEY;
        j += ncur;
    } else if (j < st->n && st->tok[j].lex && (st->tok[j].lex->cls & LX_CURWORD) &&
               ((it->flags & FI_SCALE) || !(tok_is(st, j, "won") || tok_is(st, j, "pounds")) ||
                /* a share price in won: "closed at 97,500 won" */
                (tok_is(st, j, "won") && (st->tok[numtok].flags & TF_COMMA)))) {
        it->kind = FIG_MONEY;
        unit = st->tok[j].lex->str;
        j++;
    } else if (j < st->n && st->tok[j].lex && (st->tok[j].lex->cls & LX_CURCODE) &&
               (st->tok[j].flags & TF_UPPER)) {
        it->kind = FIG_MONEY;
        unit = st->tok[j].lex->str;
        j++;
    } else if (power_unit(st, j, &mult) && !hours_follow(st, j + 1)) {
        it->kind = FIG_POWER;
        it->mult = mult;
        unit = "W";
        j++;
    } else if (tok_is_dash(st, j) && tok_glued(st, j) && tok_glued(st, j + 1) &&
               power_unit(st, j + 1, &mult) && !hours_follow(st, j + 2)) {
        it->kind = FIG_POWER;
        it->mult = mult;
        unit = "W";
        j += 2;
    } else if (!model_number(st, numtok)) {
        const char *cu = NULL;
        int e = count_noun(st, j, &cu);
        if (!e && tok_is_dash(st, j) && tok_glued(st, j))
            e = count_noun(st, j + 1, &cu);
        /* "260,000 of its latest Blackwell GPUs" */
        if (!e && tok_is(st, j, "of") &&
            (tok_is(st, j + 1, "its") || tok_is(st, j + 1, "their") || tok_is(st, j + 1, "the") ||
             tok_is(st, j + 1, "our")))
            e = count_noun(st, j + 2, &cu);
        /* "18,000 of Nvidia's GB300 chips" */
        if (!e && tok_is(st, j, "of") && j + 1 < st->n && (st->tok[j + 1].flags & TF_CAP) &&
            (st->tok[j + 1].flags & TF_POSS))
            e = count_noun(st, j + 1, &cu);
        if (e) {
            it->kind = FIG_COUNT;
            unit = cu;
            j = e;
        }
    }
    it->unit = unit;
    if (it->kind == FIG_MONEY || it->kind == FIG_POWER || it->kind == FIG_COUNT)
        j = read_rate(st, j, &it->per, &it->perx);
    /* X or more / X or so / X-plus */
    if (tok_is(st, j, "or") && tok_is(st, j + 1, "more")) {
        it->flags |= FI_PLUS;
        j += 2;
    }
    it->t0 = t0;
    it->t1 = j;
    it->low = it->high = v;
    if (it->flags & FI_PLUS)
        it->qual = Q_ATLEAST;
    int q0;
    int q = qual_before(st, t0, &q0);
    if (q && !(it->flags & FI_LEADPLUS)) {
        it->qual = it->qual ? it->qual : q;
        it->q0 = q0;
    } else {
        it->q0 = t0;
    }
    /* at the 5GW level */
    if (!it->qual && t0 >= 2 && tok_is(st, t0 - 2, "at") && tok_is(st, t0 - 1, "the") &&
        (tok_is(st, j, "level") || (tok_is_dash(st, j) && tok_is(st, j + 1, "level"))))
        it->qual = Q_ABOUT;
    if (tok_is(st, j, "or") && tok_is(st, j + 1, "so") && !it->qual)
        it->qual = Q_ABOUT;
    if (!it->kind) {
        it->flags |= FI_BARE;
        if (yearlike(st, numtok) && !(it->flags & FI_SCALE))
            it->flags |= FI_YEARLIKE;
        if ((tok_cls(st, numtok - 1) & LX_MONTH) || (tok_cls(st, j) & LX_MONTH))
            it->flags |= FI_DATE;
        if (j < st->n) {
            const fig_tok *nt = &st->tok[j];
            if (nt->type == TK_WORD) {
                uint32_t c = nt->lex ? nt->lex->cls : 0;
                if (!(c & (LX_PREP | LX_CONNECT | LX_LOCADV | LX_CLAUSE | LX_DETERM | LX_MOVE |
                           LX_QUALW)))
                    it->flags |= FI_NOUN;
                if (tok_glued(st, j))
                    it->flags |= FI_NOUN;
            } else if (nt->type == TK_SYM && tok_glued(st, j) &&
                       (nt->cp == ':' || nt->cp == '.' ) && j + 1 < st->n &&
                       st->tok[j + 1].type == TK_NUM && tok_glued(st, j + 1)) {
                it->flags |= FI_NOUN; /* 12:30, 3.1.4 */
            }
        }
    } else if (yearlike(st, numtok) && !(it->flags & FI_SCALE) && !cur &&
               it->kind != FIG_PERCENT) {
        /* "in 2024 GPUs were scarce": a year, not 2,024 GPUs */
        it->flags |= FI_YEARLIKE;
        it->kind = 0;
        it->flags |= FI_BARE | FI_NOUN;
    }
    /* model versions: "Dojo 4 chips", "Llama 3" */
    if ((it->kind == FIG_COUNT || it->kind == 0) && !(it->flags & (FI_SCALE | FI_WORDNUM | FI_CUR)) &&
        numtok > 0 &&
        st->tok[numtok].ndig <= 2 && !(st->tok[numtok].flags & (TF_COMMA | TF_DEC))) {
        const fig_tok *p = &st->tok[numtok - 1];
        if (p->type == TK_WORD && (p->flags & TF_CAP) && !fig_lex_known(p->lex) && p->gz < 0) {
            it->kind = 0;
            it->flags |= FI_BARE | FI_NOUN;
        }
    }
    /* an index's name: "the CAC 40 added 0.4%", "the CSI 300's 16%" */
    if (it->kind == 0 && numtok > 0 && st->tok[numtok].ndig <= 3 &&
        !(st->tok[numtok].flags & (TF_COMMA | TF_DEC)) && st->tok[numtok - 1].type == TK_WORD &&
        (st->tok[numtok - 1].flags & TF_CAP) && st->tok[numtok - 1].gz >= 0 &&
        !tok_glued(st, numtok))
        it->flags |= FI_NOUN;
    return j > i ? j : i + 1;
}

/* ------------------------------------------------------------------------
 * Joining atoms
 * --------------------------------------------------------------------- */

/* Value of an atom in base units (low or high). */
static double base_value(const fig_item *a, double v)
{
    return v * a->scale * a->mult;
}

/* Tries to make one range of a and b (a before b). Fills r and returns 1,
 * or 0 when their units disagree or the ends are out of order. */
static int make_range(const fig_item *a, const fig_item *b, fig_item *r)
{
    int kind = a->kind ? a->kind : b->kind;
    if (a->kind && b->kind && a->kind != b->kind)
        return 0;
    if (a->unit && b->unit && strcmp(a->unit, b->unit) != 0)
        return 0;
    if ((a->flags & FI_YEARLIKE) && !(b->flags & FI_CUR))
        return 0;
    if (b->flags & (FI_YEARLIKE | FI_DATE))
        return 0;
    if ((a->flags & FI_NOUN) && a->kind == 0 && !(a->flags & FI_YEARLIKE))
        return 0;
    double as = a->scale, bs = b->scale;
    if (!(a->flags & FI_SCALE) && (b->flags & FI_SCALE))
        as = bs;
    else if ((a->flags & FI_SCALE) && !(b->flags & FI_SCALE) && b->low * as >= a->low * as)
        bs = as;
    double am = a->kind ? a->mult : b->mult;
    double bm = b->kind ? b->mult : a->mult;
    if (a->kind == FIG_POWER && b->kind == FIG_POWER) {
        am = a->mult;
        bm = b->mult;
    }
    double lo = a->low * as * am, hi = b->high * bs * bm;
    if (!(lo < hi))
        return 0;
    *r = *b;
    r->q0 = a->q0;
    r->t0 = a->t0;
    r->numtok = a->numtok;
    r->kind = kind;
    r->unit = a->unit ? a->unit : b->unit;
    r->per = b->per ? b->per : a->per;
    r->perx = b->perx ? b->perx : a->perx;
    r->qual = a->qual ? a->qual : b->qual;
    r->flags = (a->flags | b->flags | FI_RANGE) & ~(FI_BARE | FI_NOUN | FI_YEARLIKE);
    if (!kind)
        r->flags |= FI_BARE;
    r->low = lo;
    r->high = hi;
    r->umult = bs * bm;
    r->scale = 1;
    r->mult = 1;
    return 1;
}

/* Gives bare atom x the unit of figure f (kind, currency, power multiplier,
 * and the scale when x has none). */
static void inherit_unit(fig_item *x, const fig_item *f)
{
    x->kind = f->kind;
    x->unit = f->unit;
    x->perx = f->perx;
    double fm = (f->flags & FI_RANGE) ? f->umult : f->mult * f->scale;
    if (!(x->flags & FI_RANGE)) {
        if (!(x->flags & FI_SCALE)) {
            x->scale = 1;
            x->mult = fm;
        } else {
            x->mult = (f->flags & FI_RANGE) ? 1 : f->mult;
        }
    } else if (!(x->flags & FI_SCALE)) {
        /* a bare range already holds plain values */
        x->low *= fm;
        x->high *= fm;
    }
    x->flags = (x->flags & ~FI_BARE) | FI_INHERIT;
}

/* 1 if a change verb stands in tokens [from, to). */
static int change_verb_in(const fig_sent *st, int from, int to)
{
    if (from < 0)
        from = 0;
    for (int k = from; k < to; k++) {
        if (tok_sym(st, k, ';') || tok_sym(st, k, '.'))
            from = k + 1;
    }
    for (int k = from; k < to; k++)
        if (tok_cls(st, k) & LX_CHANGE)
            return 1;
    return 0;
}

/* 1 if the figure starting at token to is compared with the one ending at
 * from: "up from", "from" after a change ("fallen to $2 an hour from $8"),
 * "against", "versus", "compared with" right before it, within a clause. */
static int rate_compared(const fig_sent *st, int from, int to)
{
    if (to - from < 1 || to - from > 12)
        return 0;
    for (int k = from; k < to; k++)
        if (tok_sym(st, k, ';') || tok_sym(st, k, '.') || tok_sym(st, k, ':') ||
            st->tok[k].type == TK_NUM)
            return 0;
    int w = to - 1;
    if (tok_is(st, w, "against") || tok_is(st, w, "versus") || tok_is(st, w, "vs") ||
        ((tok_is(st, w, "with") || tok_is(st, w, "to")) && tok_is(st, w - 1, "compared")))
        return 1;
    if (!tok_is(st, w, "from"))
        return 0;
    return tok_is(st, w - 1, "up") || tok_is(st, w - 1, "down") ||
           change_verb_in(st, from - 12, to);
}

/* The rate of a money figure whose unit of capacity stands before it as
 * what is priced, in tokens [from, to): "each gigawatt costs $35 billion",
 * "A gigawatt now costs $50 billion", "the cost of a gigawatt of capacity
 * at $50 billion". "GW" or "MW", or NULL. A unit that is itself a figure
 * ("a gigawatt of capacity for $10 billion" read as 1 GW) is no rate: only
 * tokens before the figure and after the previous one are looked at. */
static const char *unit_priced(const fig_sent *st, int from, int to)
{
    if (from < to - 14)
        from = to - 14;
    for (int k = to - 2; k >= from; k--) {
        if (tok_sym(st, k, ';') || tok_sym(st, k, '.') || tok_sym(st, k, ':') ||
            (tok_cls(st, k) & LX_CLAUSE))
            return NULL;
        double mult;
        if (!power_unit(st, k + 1, &mult) || hours_follow(st, k + 2) ||
            (tok_is_dash(st, k + 2) && tok_glued(st, k + 2)))
            continue;
        if (!is_article(st, k) && !tok_is(st, k, "each") && !tok_is(st, k, "every") &&
            !tok_is(st, k, "per"))
            continue;
        if (mult > 5e8)
            return mult > 5e11 ? NULL : "GW";
        return mult > 5e5 ? "MW" : NULL;
    }
    return NULL;
}

/* Converts an atom's values to base units (once, at the end). */
static void finish_values(fig_item *a)
{
    if (!(a->flags & FI_RANGE)) {
        a->low = base_value(a, a->low);
        a->high = base_value(a, a->high);
    }
    a->scale = 1;
    a->mult = 1;
}

/* Removes item k from the array of n. */
static void drop_item(fig_item *items, int *n, int k)
{
    memmove(&items[k], &items[k + 1], (size_t)(*n - k - 1) * sizeof *items);
    (*n)--;
}

/* See fig_int.h. */
int fig_find_figures(const struct fig_engine *eng, const char *doc, const fig_sent *st,
                     fig_item *items, int max)
{
    (void)eng;
    (void)doc;
    int n = 0;
    /* pass 1: atoms */
    for (int i = 0; i < st->n && n < max;) {
        const fig_tok *t = &st->tok[i];
        int cand = t->type == TK_NUM ||
                   (t->type == TK_SYM && (t->cp == '$' || t->cp == 0x20AC || t->cp == 0xA3 ||
                                          t->cp == 0xA5 || t->cp == 0x20B9 || t->cp == 0x20A9 ||
                                          t->cp == 0x20BD || t->cp == 0x20AA || t->cp == '+')) ||
                   (t->type == TK_WORD && t->lex &&
                    (t->lex->cls & (LX_NUM | LX_FRAC | LX_CURCODE))) ||
                   (t->type == TK_WORD && (t->flags & TF_CAP) && tok_sym(st, i + 1, '$')) ||
                   (t->type == TK_WORD && t->len <= 2 &&
                    (is_article(st, i) || tok_is(st, i, "rs") || tok_is(st, i, "rm") ||
                     tok_is(st, i, "rp")));
        if (!cand) {
            i++;
            continue;
        }
        int nx = parse_atom(st, i, &items[n]);
        if (nx > i && items[n].t1 > items[n].t0 && items[n].t1 <= nx &&
            (items[n].kind || (items[n].flags & FI_BARE))) {
            n++;
            i = nx;
        } else {
            i = nx > i ? nx : i + 1;
        }
    }
    /* pass 2a: dash ranges (2-3 GW, $125-145 billion, 55-65%) */
    for (int k = 0; k + 1 < n; k++) {
        fig_item *a = &items[k], *b = &items[k + 1];
        if (b->q0 != b->t0 || b->t0 != a->t1 + 1 || !tok_is_dash(st, a->t1))
            continue;
        if (a->flags & FI_RANGE)
            continue;
        fig_item r;
        if (make_range(a, b, &r)) {
            *a = r;
            drop_item(items, &n, k + 1);
            k--;
        }
    }
    /* pass 2b: between X and Y; X to Y (a range unless it is a change) */
    for (int k = 0; k + 1 < n; k++) {
        fig_item *a = &items[k], *b = &items[k + 1];
        if (b->q0 != a->t1 + 1)
            continue;
        int between = a->q0 > 0 && tok_is(st, a->q0 - 1, "between") && tok_is(st, a->t1, "and");
        int to = tok_is(st, a->t1, "to") || tok_is(st, a->t1, "through");
        if (!between && !to)
            continue;
        if (to) {
            int from = a->q0 > 0 && tok_is(st, a->q0 - 1, "from");
            int change = 0;
            if (from)
                change = change_verb_in(st, a->q0 - 13, a->q0 - 1);
            else
                change = change_verb_in(st, a->q0 - 3, a->q0);
            if (change && from) {
                /* raised from X to Y, to Z to W: X to Y is a range after all */
                int c = b->t1;
                if (tok_sym(st, c, ','))
                    c++;
                if (tok_is(st, c, "to") && k + 2 < n && items[k + 2].q0 == c + 1)
                    change = 0;
            }
            if (change) {
                a->flags |= FI_CHANGE;
                b->flags |= FI_CHANGE;
                if (b->per && !a->per && b->kind)
                    a->per = b->per;
                if ((a->flags & FI_BARE) && b->kind && !(a->flags & (FI_YEARLIKE | FI_NOUN)))
                    inherit_unit(a, b);
                continue;
            }
        }
        /* an index level after a move is no range: "down 2.8% to 3,853.26" */
        if (a->kind == FIG_PERCENT && (b->flags & FI_BARE) &&
            ((st->tok[b->numtok].flags & TF_COMMA) || b->low > 100))
            continue;
        fig_item r;
        if (make_range(a, b, &r)) {
            if (between)
                r.q0 = a->q0 - 1;
            *a = r;
            drop_item(items, &n, k + 1);
            k--;
        }
    }
    /* pass 2c: 20/30 GW, 2 or 3 GW, 150,000 and 40,000 GPUs: shared unit */
    for (int k = 0; k + 1 < n; k++) {
        fig_item *a = &items[k], *b = &items[k + 1];
        if (!(a->flags & FI_BARE) || !b->kind || b->q0 != a->t1 + 1)
            continue;
        if (a->flags & (FI_YEARLIKE | FI_DATE | FI_NOUN))
            continue;
        int slash = tok_sym(st, a->t1, '/') && tok_glued(st, a->t1) && tok_glued(st, a->t1 + 1);
        int conj = tok_is(st, a->t1, "or") || tok_is(st, a->t1, "and");
        if ((slash || conj) && (!(a->flags & FI_WORDNUM) || conj))
            inherit_unit(a, b);
    }
    /* pass 2d: a bare number after a figure takes its unit
     * (58,000 GPUs in Texas and 300,000 globally; 100-200 kW versus 10-20) */
    for (int k = 1; k < n; k++) {
        fig_item *x = &items[k], *f = &items[k - 1];
        if (!(x->flags & FI_BARE) || !f->kind)
            continue;
        if (x->flags & (FI_YEARLIKE | FI_DATE | FI_NOUN | FI_WORDNUM))
            continue;
        int gap = x->q0 - f->t1;
        /* a list of names and numbers: "50,000 GPUs for the project,
         * Samsung 50,000, SK Group 50,000 and Naver 60,000" */
        int named = x->q0 > 0 && st->tok[x->q0 - 1].type == TK_WORD &&
                    (st->tok[x->q0 - 1].flags & TF_CAP) && !(tok_cls(st, x->q0 - 1) & LX_MONTH) &&
                    (x->t1 >= st->n || tok_sym(st, x->t1, ',') || tok_sym(st, x->t1, '.') ||
                     tok_sym(st, x->t1, ';') || tok_is(st, x->t1, "and"));
        if (gap < 1 || gap > (named && f->kind == FIG_COUNT ? 20 : 6))
            continue;
        /* an index level is no percentage: "rose 1.2%, the Dow 44,000" */
        if (f->kind == FIG_PERCENT && ((st->tok[x->numtok].flags & TF_COMMA) || x->low > 100))
            continue;
        int connector = 0, bad = 0;
        for (int m = f->t1; m < x->q0; m++) {
            uint32_t c = tok_cls(st, m);
            if ((c & LX_CONNECT) || tok_sym(st, m, ','))
                connector = 1;
            if (tok_sym(st, m, ';') || tok_sym(st, m, ':') || tok_sym(st, m, '(') ||
                tok_sym(st, m, '.') || st->tok[m].type == TK_NUM)
                bad = 1;
            /* "rose 2.5% and closed above 4,100": another quantity */
            if (c & (LX_MOVE | LX_CHANGE))
                bad = 1;
        }
        if (!connector || bad)
            continue;
        inherit_unit(x, f);
    }
    /* pass 2e: rates written around the figure */
    for (int k = 0; k < n; k++) {
        fig_item *a = &items[k];
        if (a->kind != FIG_MONEY || a->per || a->perx)
            continue;
        /* compared with a rate: "$68 per megawatt-hour, up from $46",
         * "€170 per MWh in Germany, against about €60 in France" */
        if (k > 0) {
            const fig_item *b = &items[k - 1];
            if (b->kind == FIG_MONEY && b->per && b->unit && a->unit &&
                strcmp(b->unit, a->unit) == 0 && rate_compared(st, b->t1, a->q0))
                a->per = b->per;
        }
        if (a->per)
            continue;
        /* a unit of capacity as what is priced: "each gigawatt costs about
         * $35 billion", "the cost of a gigawatt of capacity at $50 billion" */
        const char *per = unit_priced(st, k > 0 ? items[k - 1].t1 : 0, a->q0);
        if (per)
            a->per = per;
    }
    /* finish: base units, drop what never became a figure */
    for (int k = 0; k < n; k++) {
        fig_item *a = &items[k];
        if (!a->kind || (a->flags & FI_BARE)) {
            drop_item(items, &n, k--);
            continue;
        }
        finish_values(a);
        if (!(a->low >= 0) || !(a->high >= a->low) || a->high > FIG_MAX_VALUE ||
            !isfinite(a->low) || !isfinite(a->high)) {
            drop_item(items, &n, k--);
            continue;
        }
        if (a->kind == FIG_COUNT && a->low < 1) {
            drop_item(items, &n, k--);
            continue;
        }
    }
    return n;
}
