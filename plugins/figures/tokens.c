/*
 * tokens.c - the tokenizer and sentence splitter. One pass over the bytes:
 * words (letters, with digits inside: "H100s"), numbers (digits with
 * thousands separators and decimals), and symbols (one code point each).
 * Sentences end at . ! ? before a capital, at line breaks (unless the next
 * line starts in lower case) and after FIG_MAX_TOK tokens, so memory stays
 * bounded whatever the input. Every word is looked up once in the lexicon,
 * the gazetteer's first words and the rules' first words.
 */
#include "fig_int.h"

#include <string.h>

/* 1 for code points that separate tokens like a space. */
static int cp_space(uint32_t cp)
{
    return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000 || cp == 0xFEFF;
}

/* 1 for code points that are letters for our purposes (anything that is
 * not punctuation, a symbol or a space). */
static int cp_letter(uint32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    if (cp >= 0xA0 && cp <= 0xBF)
        return 0;
    if (cp == 0xD7 || cp == 0xF7)
        return 0;
    if (cp >= 0x2000 && cp <= 0x2BFF)
        return 0;
    if (cp >= 0x3000 && cp <= 0x303F)
        return 0;
    if (cp == 0xFFFD || cp == 0xFEFF)
        return 0;
    return 1;
}

void fig_lexer_init(fig_lexer *lx, const struct fig_engine *eng, const char *s, size_t len)
{
    memset(lx, 0, sizeof *lx);
    lx->s = s;
    lx->len = len;
    lx->eng = eng;
}

/* Skips whitespace at lx->pos, noting line breaks. */
static void skip_space(fig_lexer *lx)
{
    const unsigned char *s = (const unsigned char *)lx->s;
    int nl_here = 0;
    while (lx->pos < lx->len) {
        unsigned c = s[lx->pos];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' || c == 0) {
            lx->pos++;
            continue;
        }
        if (c == '\n') {
            if (nl_here || lx->pending_nl)
                lx->pending_para = 1;
            nl_here = 1;
            lx->pending_nl = 1;
            lx->pos++;
            continue;
        }
        if (c >= 0x80) {
            uint32_t cp;
            size_t k = fig_utf8_decode(s + lx->pos, lx->len - lx->pos, &cp);
            if (cp_space(cp)) {
                lx->pos += k;
                continue;
            }
            if (cp == 0x2028 || cp == 0x2029) {
                lx->pending_nl = 1;
                lx->pending_para |= cp == 0x2029;
                lx->pos += k;
                continue;
            }
        }
        break;
    }
}

/* Reads one number token at lx->pos into t. */
static void read_number(fig_lexer *lx, fig_tok *t)
{
    const unsigned char *s = (const unsigned char *)lx->s;
    size_t p = lx->pos, n = lx->len;
    double v = 0;
    int nd = 0;
    while (p < n && s[p] >= '0' && s[p] <= '9') {
        if (nd < FIG_MAX_DIGITS + 1)
            v = v * 10 + (s[p] - '0');
        nd++;
        p++;
    }
    /* thousands groups: ",ddd" not followed by another digit */
    while (p + 3 < n + 0 && s[p] == ',' && p + 3 < n && s[p + 1] >= '0' && s[p + 1] <= '9' &&
           s[p + 2] >= '0' && s[p + 2] <= '9' && s[p + 3] >= '0' && s[p + 3] <= '9' &&
           (p + 4 >= n || !(s[p + 4] >= '0' && s[p + 4] <= '9'))) {
        for (int k = 1; k <= 3; k++) {
            if (nd < FIG_MAX_DIGITS + 1)
                v = v * 10 + (s[p + k] - '0');
            nd++;
        }
        t->flags |= TF_COMMA;
        p += 4;
    }
    if (p + 1 < n && s[p] == '.' && s[p + 1] >= '0' && s[p + 1] <= '9') {
        double f = 0.1;
        p++;
        t->flags |= TF_DEC;
        int fd = 0;
        while (p < n && s[p] >= '0' && s[p] <= '9') {
            if (fd < 12)
                v += (s[p] - '0') * f;
            f /= 10;
            fd++;
            p++;
        }
        /* a second dot: a version number or an address, never a figure */
        if (p + 1 < n && s[p] == '.' && s[p + 1] >= '0' && s[p + 1] <= '9') {
            t->flags |= TF_BADNUM;
            while (p < n && ((s[p] >= '0' && s[p] <= '9') || s[p] == '.'))
                p++;
        }
    }
    if (nd > FIG_MAX_DIGITS)
        t->flags |= TF_BADNUM;
    t->type = TK_NUM;
    t->num = v;
    t->ndig = nd;
    t->len = (uint32_t)(p - lx->pos);
    lx->pos = p;
}

/* Reads one word token (letters and digits) into t and looks it up. */
static void read_word(fig_lexer *lx, fig_tok *t)
{
    const unsigned char *s = (const unsigned char *)lx->s;
    const struct fig_engine *eng = lx->eng;
    size_t p = lx->pos, n = lx->len;
    char low[FIG_MAX_WORD];
    size_t lw = 0;
    /* hashed as it is lowered: no second pass over the word */
    uint32_t h = fig_hash_start();
    int up = 0, lo = 0, dig = 0;
    /* a currency's letters glued to its amount end the word: "RM20",
     * "Rp500", "Rs500" */
    size_t stop = n;
    if (p + 2 < n && s[p] == 'R' && (s[p + 1] == 'M' || s[p + 1] == 'p' || s[p + 1] == 's') &&
        s[p + 2] >= '0' && s[p + 2] <= '9')
        stop = p + 2;
    while (p < stop) {
        unsigned c = s[p];
        if (c < 0x80) {
            if (c >= '0' && c <= '9') {
                dig = 1;
            } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
                if (c <= 'Z')
                    up = 1;
                else
                    lo = 1;
                c |= 0x20;
            } else {
                break;
            }
            if (lw < FIG_MAX_WORD)
                low[lw] = (char)c;
            h = fig_hash_step(h, (unsigned char)c);
            lw++;
            p++;
            continue;
        }
        uint32_t cp;
        size_t k = fig_utf8_decode(s + p, n - p, &cp);
        if (!cp_letter(cp))
            break;
        for (size_t j = 0; j < k; j++, lw++) {
            if (lw < FIG_MAX_WORD)
                low[lw] = (char)s[p + j];
            h = fig_hash_step(h, s[p + j]);
        }
        lo = 1;
        p += k;
    }
    t->type = TK_WORD;
    t->len = (uint32_t)((p - lx->pos) > 0xFFFFFFF0u ? 0xFFFFFFF0u : (p - lx->pos));
    if (s[lx->pos] >= 'A' && s[lx->pos] <= 'Z')
        t->flags |= TF_CAP;
    if (up && !lo)
        t->flags |= TF_UPPER;
    if (lo)
        t->flags |= TF_LOWER;
    if (up)
        t->flags |= TF_HASUP;
    /* a name written lower case first: "eStruxture", "atNorth" */
    if (up && lo && s[lx->pos] >= 'a' && s[lx->pos] <= 'z')
        t->flags |= TF_CAMEL;
    if (dig)
        t->flags |= TF_DIGIT;
    lx->pos = p;
    /* possessive 's (ASCII or U+2019) */
    if (p + 1 < n && (s[p] == '\'' ) && (s[p + 1] == 's' || s[p + 1] == 'S') &&
        (p + 2 >= n || !(((s[p + 2] | 0x20) >= 'a' && (s[p + 2] | 0x20) <= 'z') ||
                         (s[p + 2] >= '0' && s[p + 2] <= '9')))) {
        t->flags |= TF_POSS;
        lx->pos = p + 2;
    } else if (p + 3 < n && s[p] == 0xE2 && s[p + 1] == 0x80 && s[p + 2] == 0x99 &&
               (s[p + 3] == 's' || s[p + 3] == 'S') &&
               (p + 4 >= n || !(((s[p + 4] | 0x20) >= 'a' && (s[p + 4] | 0x20) <= 'z')))) {
        t->flags |= TF_POSS;
        lx->pos = p + 4;
    }
    if (lw <= FIG_MAX_WORD) {
        h = fig_hash_done(h);
        t->hash = h;
        t->lex = fig_lex_get(eng, low, lw, h);
        if (t->lex) {
            t->gz = t->lex->gz;
            t->rule_word = t->lex->rule;
        }
    }
}

/* Reads the token at lx->pos, where skip_space has left it (the caller
 * skips once, to see whether a line break ends the sentence first);
 * before is where the skipped space began. lx->pos < lx->len. */
static void read_token(fig_lexer *lx, fig_tok *t, size_t before)
{
    memset(t, 0, sizeof *t);
    t->gz = t->rule_word = -1;
    t->off = lx->pos;
    if (lx->pos > before)
        t->flags |= TF_SPACE;
    if (lx->pending_nl)
        t->flags |= TF_NL | TF_SPACE;
    if (lx->pending_para)
        t->flags |= TF_PARA;
    const unsigned char *s = (const unsigned char *)lx->s;
    unsigned c = s[lx->pos];
    if (c >= '0' && c <= '9') {
        read_number(lx, t);
        return;
    }
    uint32_t cp = c;
    size_t k = 1;
    if (c >= 0x80)
        k = fig_utf8_decode(s + lx->pos, lx->len - lx->pos, &cp);
    if (cp_letter(cp)) {
        read_word(lx, t);
        return;
    }
    t->type = TK_SYM;
    t->cp = cp;
    t->len = (uint32_t)k;
    lx->pos += k;
}

/* Lower-case first byte class of the text at pos: 1 if a lower-case ASCII
 * letter starts there. */
static int starts_lower(const fig_lexer *lx, size_t pos)
{
    return pos < lx->len && lx->s[pos] >= 'a' && lx->s[pos] <= 'z';
}

/* 1 if a name written lower case first starts at pos ("xAI", "eStruxture"):
 * it may open a sentence, as a capital does. */
static int camel_at(const fig_lexer *lx, size_t pos)
{
    for (size_t q = pos + 1; q < lx->len && q < pos + 32; q++) {
        char c = lx->s[q];
        if (c >= 'A' && c <= 'Z')
            return 1;
        if (!(c >= 'a' && c <= 'z'))
            return 0;
    }
    return 0;
}

/* 1 if token t (a ".") ends a sentence, looking at what follows. */
static int period_ends(const fig_lexer *lx, const fig_sent *st)
{
    const fig_tok *dot = &st->tok[st->n - 1];
    size_t p = dot->off + 1;
    if (p < lx->len) {
        unsigned c = (unsigned char)lx->s[p];
        if (!(c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '"' || c == ')' ||
              c >= 0x80))
            return 0; /* "U.S.", "x.ai", "3.5" */
    }
    if (st->n >= 2) {
        const fig_tok *w = &st->tok[st->n - 2];
        if (w->type == TK_WORD && dot->off == w->off + w->len) {
            int abbr = (w->lex && (w->lex->cls & LX_ABBR)) || (w->len == 1 && (w->flags & TF_CAP));
            if (abbr) {
                /* an abbreviation ends a sentence only at a line break */
                size_t q = p;
                while (q < lx->len && (lx->s[q] == ' ' || lx->s[q] == '\t'))
                    q++;
                return q >= lx->len || lx->s[q] == '\n';
            }
        }
    }
    size_t q = p;
    while (q < lx->len && (lx->s[q] == ' ' || lx->s[q] == '\t' || lx->s[q] == '\r'))
        q++;
    return !starts_lower(lx, q) || camel_at(lx, q);
}

/* See fig_int.h. */
int fig_next_sentence(fig_lexer *lx, fig_sent *st)
{
    st->n = 0;
    st->ncand = 0;
    st->doc = lx->s;
    for (;;) {
        size_t save_pos = lx->pos;
        int save_nl = lx->pending_nl, save_para = lx->pending_para;
        skip_space(lx);
        if (lx->pos >= lx->len)
            break;
        if (st->n > 0 && lx->pending_nl && (lx->pending_para || !starts_lower(lx, lx->pos))) {
            /* a line break ends the sentence; the break belongs to the next */
            lx->pos = save_pos;
            lx->pending_nl = save_nl;
            lx->pending_para = save_para;
            break;
        }
        /* the token starts after the space just skipped (skipping it again
         * from save_pos would give the same position and flags) */
        fig_tok *t = &st->tok[st->n];
        read_token(lx, t, save_pos);
        lx->pending_nl = lx->pending_para = 0;
        if (t->type == TK_WORD && (t->flags & (TF_CAP | TF_CAMEL)) && !(t->flags & TF_DIGIT) &&
            !fig_lex_known(t->lex) && st->ncand >= 0) {
            if (st->ncand < FIG_MAX_CAND)
                st->cand[st->ncand++] = (short)st->n;
            else
                st->ncand = -1;
        }
        st->n++;
        if (st->n >= FIG_MAX_TOK) {
            /* cut after a function word, so no figure is split in two */
            for (int k = st->n - 1; k > st->n - 48 && k > 1; k--) {
                if (tok_cls(st, k - 1) & (LX_PREP | LX_CONNECT | LX_DETERM | LX_CLAUSE) &&
                    st->tok[k].type == TK_WORD && !(tok_cls(st, k) & (LX_SCALE | LX_POWER | LX_PCT | LX_COUNT | LX_CURWORD))) {
                    lx->pos = st->tok[k].off;
                    lx->pending_nl = lx->pending_para = 0;
                    st->n = k;
                    break;
                }
            }
            break;
        }
        if (t->type == TK_SYM) {
            if (t->cp == '.' && period_ends(lx, st))
                break;
            if ((t->cp == '!' || t->cp == '?' || t->cp == 0x2026) &&
                (lx->pos >= lx->len || lx->s[lx->pos] == ' ' || lx->s[lx->pos] == '\n' ||
                 lx->s[lx->pos] == '"'))
                break;
        }
    }
    if (st->n == 0)
        return 0;
    st->start = st->tok[0].off;
    st->end = st->tok[st->n - 1].off + st->tok[st->n - 1].len;
    return 1;
}

/* ------------------------------------------------------------------------
 * Token helpers (tok_glued and tok_is_dash are inline in fig_int.h)
 * --------------------------------------------------------------------- */

size_t tok_lower(const char *doc, const fig_tok *t, char *buf)
{
    if (t->type != TK_WORD || t->len > FIG_MAX_WORD)
        return 0;
    for (uint32_t i = 0; i < t->len; i++) {
        char c = doc[t->off + i];
        buf[i] = (c >= 'A' && c <= 'Z') ? (char)(c | 0x20) : c;
    }
    return t->len;
}
