/*
 * fig_int.h - internals shared by the extractor's source files: tokens,
 * sentences, the lexicon, the gazetteer, the rules and the figure record.
 * Nothing here is part of figures.h; the driver and the plugin never
 * include it.
 */
#ifndef FIG_INT_H
#define FIG_INT_H

#include "figures.h"
#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------------------
 * Limits
 * --------------------------------------------------------------------- */

#define FIG_MAX_TOK 1024    /* tokens per sentence: longer runs are cut */
#define FIG_MAX_ITEMS 512   /* figures per sentence (the rest are dropped) */
#define FIG_MAX_DIGITS 18   /* a longer digit run is not a figure */
#define FIG_MAX_VALUE 1e17  /* a larger value in base units is rejected */
#define FIG_MAX_WORD 64     /* longest word looked up in the tables */
#define FIG_CUE_MAX 200

/* ------------------------------------------------------------------------
 * Small string map (map.c): byte keys, int values, open addressing
 * --------------------------------------------------------------------- */

typedef struct fig_map {
    struct fig_map_slot *slots;
    uint32_t *hashes; /* slot j's hash (0: empty), probed before the slot */
    size_t cap, count;
} fig_map;

uint32_t fig_hash(const char *s, size_t len);
/* fig_hash one byte at a time, for a caller that already walks the bytes
 * (the tokenizer, so that no second pass hashes the word): start from
 * fig_hash_start, fold each byte with fig_hash_step, finish with
 * fig_hash_done. Same value as fig_hash. */
static inline uint32_t fig_hash_start(void)
{
    return 2166136261u;
}
static inline uint32_t fig_hash_step(uint32_t h, unsigned char c)
{
    return (h ^ c) * 16777619u;
}
static inline uint32_t fig_hash_done(uint32_t h)
{
    return h ? h : 1;
}
int fig_map_put(fig_map *m, const char *key, size_t len, int value); /* 0 or -1 */
/* The value stored for key, or -1. */
int fig_map_get(const fig_map *m, const char *key, size_t len, uint32_t hash);
void fig_map_free(fig_map *m);

/* Growable arrays of pointers / bytes (map.c). */
typedef struct fig_vec {
    void **v;
    size_t n, cap;
} fig_vec;
int fig_vec_push(fig_vec *a, void *p);
void fig_vec_free(fig_vec *a, void (*fr)(void *));

/* ------------------------------------------------------------------------
 * UTF-8 (utf8.c)
 * --------------------------------------------------------------------- */

/* Decodes one code point at s[0..n); sets *cp (0xFFFD when invalid) and
 * returns the bytes consumed (>= 1). */
size_t fig_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Code points in s[0..n): bytes that are not continuation bytes. */
size_t fig_utf8_count(const char *s, size_t n);

/* ------------------------------------------------------------------------
 * Lexicon (lexicon.c): fixed word classes used by the parser
 * --------------------------------------------------------------------- */

#define LX_NUM      0x00000001u /* number word: val */
#define LX_FRAC     0x00000002u /* half, quarter, third: val */
#define LX_SCALE    0x00000004u /* thousand .. trillion, bn, mn, lakh: val */
#define LX_CURWORD  0x00000008u /* dollars, euros, ... after a number: str */
#define LX_CURCODE  0x00000010u /* USD, EUR, ...: str (upper case only) */
#define LX_POWER    0x00000020u /* W, kW, megawatts: val (multiplier) */
#define LX_PCT      0x00000040u /* percent, pct */
#define LX_COUNT    0x00000080u /* gpus, chips: str (unit) */
#define LX_MOD      0x00000100u /* words allowed between a count and its noun */
#define LX_MONTH    0x00000200u /* january .. dec */
#define LX_CHANGE   0x00000400u /* rose, fell, raised, ...: a change */
#define LX_TIME     0x00000800u /* month, year, ... after per/a/every: str */
#define LX_RATEADV  0x00001000u /* annually, monthly: str */
#define LX_PREP     0x00002000u /* prepositions */
#define LX_PRON     0x00004000u /* it, its, they, ... */
#define LX_ANAPH    0x00008000u /* company, firm, campus: "the X" refers back */
#define LX_GROUP    0x00010000u /* hyperscalers, combined, global: a group */
#define LX_CLAUSE   0x00020000u /* while, whereas, but: a new clause */
#define LX_ABBR     0x00040000u /* Mr, Inc, Corp: a following "." ends nothing */
#define LX_VAGUE    0x00080000u /* several, dozens, hundreds: not a figure */
#define LX_LOCADV   0x00100000u /* globally, worldwide: may follow a bare number */
#define LX_DISTRIB  0x00200000u /* both, each, respectively */
#define LX_MOVE     0x00400000u /* rose, fell, surged: a price move verb */
#define LX_ORDSUF   0x00800000u /* st, nd, rd, th after digits */
#define LX_DETERM   0x01000000u /* the, this, that, these, those */
#define LX_FUTURE   0x02000000u /* set by the rules file (@future) */
#define LX_PAST     0x04000000u /* set by the rules file (@past) */
#define LX_CONNECT  0x08000000u /* and, or, versus, vs: joins two figures */
#define LX_DURATION 0x10000000u /* days, years, months: a duration noun */
#define LX_SOURCEV  0x20000000u /* said, according, reported: a source verb */
#define LX_QUALW    0x40000000u /* about, nearly, over: qualifier words */

/* Word lists of orgs.c (fig_lex.org): what tells a name is an organisation. */
#define LO_SUFFIX 0x01u /* ends a company's name: Group, Energy, Digital */
#define LO_LEGAL  0x02u /* a legal form, dropped from names: Inc, Ltd */
#define LO_NOUN   0x04u /* says what an organisation is: maker, start-up */
#define LO_VERB   0x08u /* a company acting: signed, plans, leased */
#define LO_TITLE  0x10u /* before a person's name: chief, minister */
#define LO_DAY    0x20u /* Monday, today */
#define LO_SPEAK  0x40u /* said, told: a speaker */
#define LO_DIVEND 0x80u /* ends a division's name: Solutions, Services, Segment */
#define LO_SEGMENT 0x100u /* a generic word of a division's name: Client, Gas */

typedef struct fig_lex {
    uint32_t cls;
    double val;
    const char *str; /* unit, currency code, per */
    int gz;          /* gazetteer first-word slot, or -1 */
    int rule;        /* rules first-word slot, or -1 */
    unsigned org;    /* LO_* bits */
} fig_lex;

/* 1 if the entry makes a word known to the parser (a class, a gazetteer or
 * rules first word), not only to orgs.c's word lists. */
static inline int fig_lex_known(const fig_lex *l)
{
    return l && (l->cls || l->gz >= 0 || l->rule >= 0);
}

/* ------------------------------------------------------------------------
 * Tokens (tokens.c)
 * --------------------------------------------------------------------- */

enum { TK_WORD = 1, TK_NUM = 2, TK_SYM = 3 };

#define TF_SPACE  0x0001u /* whitespace before the token */
#define TF_NL     0x0002u /* a line break before the token */
#define TF_CAP    0x0004u /* word starts with an upper-case letter */
#define TF_UPPER  0x0008u /* every letter of the word is upper case */
#define TF_POSS   0x0010u /* the word was followed by 's (consumed) */
#define TF_BADNUM 0x0020u /* number too long: never a figure */
#define TF_COMMA  0x0040u /* number has thousands separators */
#define TF_DEC    0x0080u /* number has a decimal point */
#define TF_DIGIT  0x0100u /* word contains a digit */
#define TF_LOWER  0x0200u /* word has a lower-case letter */
#define TF_PARA   0x0400u /* a blank line before the token */
#define TF_HASUP  0x0800u /* word has an upper-case letter */
#define TF_CAMEL  0x1000u /* word starts lower case, has a capital: "eStruxture" */

typedef struct fig_tok {
    size_t off;           /* byte offset in the document */
    uint32_t len;         /* bytes (tokens longer than 4 GiB are cut) */
    uint16_t type, flags;
    uint32_t cp;          /* TK_SYM: its code point */
    const fig_lex *lex;   /* lexicon entry of the lower-cased word */
    uint32_t hash;        /* hash of the lower-cased word (0 if none) */
    int rule_word;        /* index in the rules' first-word table, or -1 */
    int gz;               /* gazetteer first-word slot, or -1 */
    int ndig;             /* TK_NUM: digits */
    double num;           /* TK_NUM: value */
} fig_tok;

/* A tokenizer over one document: yields one sentence at a time. */
typedef struct fig_lexer {
    const char *s;
    size_t len, pos;
    const struct fig_engine *eng;
    int pending_nl;      /* a line break seen before the next token */
    int pending_para;
} fig_lexer;

#define FIG_MAX_CAND 48 /* name candidates noted per sentence (orgs.c) */

/* One sentence: its tokens and byte range. */
typedef struct fig_sent {
    const char *doc;     /* the document the offsets point into */
    fig_tok *tok;
    int n;
    size_t start, end;   /* byte range of the sentence in the document */
    /* capitalised words the parser does not know, in order: where a name
     * the gazetteer lacks may start; ncand -1 when there were too many */
    short cand[FIG_MAX_CAND];
    int ncand;
} fig_sent;

void fig_lexer_init(fig_lexer *lx, const struct fig_engine *eng, const char *s, size_t len);
/* Fills st with the next sentence (at most FIG_MAX_TOK tokens). Returns 1,
 * or 0 at the end of the text. st->tok must hold FIG_MAX_TOK tokens. */
int fig_next_sentence(fig_lexer *lx, fig_sent *st);

/* Token helpers. tok_is: 1 if token i is the word w (given in lower case);
 * inline so that strlen() of a literal folds away. */
static inline __attribute__((always_inline)) int tok_is(const fig_sent *st, int i, const char *w)
{
    if (i < 0 || i >= st->n || st->tok[i].type != 1 /* TK_WORD */)
        return 0;
    const fig_tok *t = &st->tok[i];
    size_t n = __builtin_strlen(w);
    if (t->len != n)
        return 0;
    const char *d = st->doc + t->off;
    for (size_t k = 0; k < n; k++) {
        char c = d[k];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c | 0x20);
        if (c != w[k])
            return 0;
    }
    return 1;
}
/* tok_is for a word taken from a table (not a literal): strlen() would not
 * fold away there, so one walk over w compares and finds its end at once;
 * most words differ at the first letter. */
static inline int tok_is_var(const fig_sent *st, int i, const char *w)
{
    if (i < 0 || i >= st->n || st->tok[i].type != 1 /* TK_WORD */)
        return 0;
    const fig_tok *t = &st->tok[i];
    const char *d = st->doc + t->off;
    size_t k = 0;
    for (; w[k]; k++) {
        if (k >= t->len)
            return 0;
        char c = d[k];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c | 0x20);
        if (c != w[k])
            return 0;
    }
    return k == t->len;
}
/* 1 if token i is one of the n words (lower case) of list; 1 if one of
 * them stands in tokens [a, b). */
static inline int word_of(const fig_sent *st, int i, const char *const *list, size_t n)
{
    for (size_t v = 0; v < n; v++)
        if (tok_is_var(st, i, list[v]))
            return 1;
    return 0;
}
static inline int word_in(const fig_sent *st, int a, int b, const char *const *list, size_t n)
{
    for (int w = a < 0 ? 0 : a; w < b && w < st->n; w++)
        if (word_of(st, w, list, n))
            return 1;
    return 0;
}
/* 1 if token i is the symbol cp; the lexicon classes of token i (0 for
 * none). Inline: the attribution asks them for every token it looks at. */
static inline int tok_sym(const fig_sent *st, int i, uint32_t cp)
{
    return i >= 0 && i < st->n && st->tok[i].type == 3 /* TK_SYM */ && st->tok[i].cp == cp;
}
static inline uint32_t tok_cls(const fig_sent *st, int i)
{
    if (i < 0 || i >= st->n || !st->tok[i].lex)
        return 0;
    return st->tok[i].lex->cls;
}
/* 1 if token i has no space before it */
static inline int tok_glued(const fig_sent *st, int i)
{
    return i >= 0 && i < st->n && !(st->tok[i].flags & TF_SPACE);
}
/* 1 if token i is a hyphen or a dash (en, em, minus, non-breaking) */
static inline int tok_is_dash(const fig_sent *st, int i)
{
    if (i < 0 || i >= st->n || st->tok[i].type != TK_SYM)
        return 0;
    uint32_t c = st->tok[i].cp;
    return c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2212 || c == 0x2010 || c == 0x2011;
}

/* lines.c: the line files analysts extend. fig_trim() trims blanks at both
 * ends in place. fig_next_line() returns the next line of the buffer at
 * *cursor that is not blank once its '#' comment is cut (cut into the
 * buffer, untrimmed), or NULL at the end; *lineno counts every line read.
 * With hash_after_blank a '#' starts a comment only at the start of the
 * line or after a blank, so names may contain one. */
char *fig_trim(char *s);
char *fig_next_line(char **cursor, int *lineno, int hash_after_blank);
/* Lower-cases a word token into buf (FIG_MAX_WORD); returns its length or 0. */
size_t tok_lower(const char *doc, const fig_tok *t, char *buf);

/* ------------------------------------------------------------------------
 * Gazetteer (gazetteer.c)
 * --------------------------------------------------------------------- */

enum { ET_COMPANY = 0, ET_COUNTRY, ET_INDEX, ET_PERSON, ET_AGENCY, ET_SOURCE, ET_REGION };
enum { ER_NONE = 0, ER_CLOUD, ER_CHIP, ER_LAB, ER_UTILITY, ER_BUILDER };

#define FIG_BASED_MAX 4

typedef struct fig_entity {
    char *name;
    int type, role;
    char *cik;
    /* where it is based: fig_hash of the last word of each place the
     * gazetteer names ("Santa Clara|California": "clara", "california") */
    uint32_t based[FIG_BASED_MAX];
} fig_entity;

typedef struct fig_alias {
    int entity;
    int ntok;
    char **words;        /* lower-cased words */
    int lower_ok;        /* alias written in lower case: any case matches */
    int exact_case;      /* a ticker: match upper case only */
    char *raw;           /* as written (tickers) */
} fig_alias;

/* A mention of an entity in a sentence. */
typedef struct fig_mention {
    int tok, ntok;
    int entity;
} fig_mention;

int fig_gz_load_text(struct fig_engine *eng, const char *text, size_t len,
                     const char *fname, char *err, size_t errlen);
int fig_gz_load_file(struct fig_engine *eng, const char *path, char *err, size_t errlen);
int fig_gz_finish(struct fig_engine *eng);
void fig_gz_free(struct fig_engine *eng);
int fig_read_file(const char *path, char **out, size_t *len, char *err, size_t errlen);
/* Finds mentions in a sentence (longest match); returns the count. */
int fig_gz_find(const struct fig_engine *eng, const char *doc, const fig_sent *st,
                fig_mention *out, int max);

/* ------------------------------------------------------------------------
 * Metric rules (rules.c)
 * --------------------------------------------------------------------- */

#define RC_MIN      0x01u
#define RC_MAX      0x02u
#define RC_PER      0x04u
#define RC_NOPER    0x08u
#define RC_BEFORE   0x10u
#define RC_AFTER    0x20u
#define RC_NEAR     0x40u
#define RC_PERX     0x80u
#define RC_EQUITY  0x100u
#define RC_PLEDGE  0x200u /* a pledge: stays FROM of @promote for years to come */
#define RC_UNLESS  0x400u /* not when a cue of metric `unless` stands in the clause */
#define RC_NOCP    0x800u /* not when a company follows with to/with/from: a deal */
#define RC_FIRM   0x1000u /* speaks of a company's accounts (see fig_rules_finish) */

typedef struct fig_rule {
    char *metric;
    unsigned kinds;       /* bit (1 << fig_kind) */
    int weight;
    unsigned cond;
    double min, max;
    int near;
    char *per;            /* comma list for RC_PER / RC_PERX */
    char *unless;         /* RC_UNLESS: the metric whose cue cancels this one */
    int firm;             /* speaks of company accounts (see fig_rules_finish) */
    int ntok;
    char **words;         /* lower-cased; "*" any word; "xyz*" a prefix */
    uint32_t hash2;       /* fig_hash of the first plain word after the first */
    int hash2_pos;        /* (1 to 4; 0: none), so that a rule tried at every
                           * "of" fails fast */
    char *phrase;         /* as written, for cues */
    int line;
} fig_rule;

typedef struct fig_default {
    unsigned kinds;
    char *metric;
    unsigned cond;
    double min, max;
    char *per;
} fig_default;

int fig_rules_load_text(struct fig_engine *eng, const char *text, size_t len,
                        const char *fname, char *err, size_t errlen);
int fig_rules_load_file(struct fig_engine *eng, const char *path, char *err, size_t errlen);
int fig_rules_finish(struct fig_engine *eng);
void fig_rules_free(struct fig_engine *eng);

/* ------------------------------------------------------------------------
 * The engine
 * --------------------------------------------------------------------- */

struct fig_engine {
    fig_map lex;              /* lower-cased word -> index in lexv */
    fig_lex *lexv;
    size_t nlex, caplex;

    fig_vec entities;         /* fig_entity* */
    fig_vec aliases;          /* fig_alias* */
    fig_map gz_first;         /* first word -> index in gz_lists */
    fig_vec gz_lists;         /* int arrays: [n, alias...] sorted by ntok desc */
    unsigned char *gz_needcap; /* per list: every alias needs a capital in the text */
    fig_map entity_by_name;   /* lower-cased canonical name -> entity */

    fig_vec rules;            /* fig_rule* */
    fig_map rule_first;       /* first word of a phrase -> index in rule_lists */
    fig_vec rule_lists;       /* int arrays: [n, rule...] */
    uint32_t *rule_hash2;     /* per rule: its hash2 and hash2_pos side by */
    unsigned char *rule_hash2_pos; /* side, where the cue search reads them */
    fig_vec defaults;         /* fig_default* */
    fig_vec promotes;         /* char* pairs: from, to */
    fig_vec parts;            /* unit strings of @part lines (the lexicon points at them) */
};

/* Lexicon set-up (lexicon.c). */
int fig_lexicon_init(struct fig_engine *eng);
/* Adds orgs.c's word lists to the lexicon (orgs.c). Returns 0 or -1. */
int fig_orgs_init(struct fig_engine *eng);
const fig_lex *fig_lex_get(const struct fig_engine *eng, const char *w, size_t n, uint32_t h);
/* Adds classes to a word (used by the rules file for @future/@past/@part). */
int fig_lex_add(struct fig_engine *eng, const char *w, uint32_t cls, double val, const char *str);
int fig_lex_slot(struct fig_engine *eng, const char *w, int slot, int rule);

/* ------------------------------------------------------------------------
 * Figures found in a sentence (figures.c) and their attribution (attrib.c)
 * --------------------------------------------------------------------- */

#define FI_BARE     0x0001u /* a number with no unit (may inherit one) */
#define FI_RANGE    0x0002u
#define FI_SCALE    0x0004u /* carries its own scale word */
#define FI_CUR      0x0008u /* carries its own currency */
#define FI_WORDNUM  0x0010u /* written in words */
#define FI_YEARLIKE 0x0020u
#define FI_DROP     0x0040u
#define FI_PLUS     0x0080u /* trailing + */
#define FI_NOUN     0x0100u /* a bare number followed by some other noun */
#define FI_DATE     0x0200u
#define FI_LEADPLUS 0x0400u
#define FI_INHERIT  0x0800u /* took its unit from a neighbour */
#define FI_CHANGE   0x1000u /* one end of a change (from X to Y) */

typedef struct fig_item {
    int q0;          /* first token (qualifier included) */
    int t0;          /* first token of the figure proper */
    int t1;          /* one past the last token */
    int numtok;      /* the (first) number token */
    unsigned flags;
    int kind;        /* 0 while bare */
    double low, high;
    double scale;    /* scale applied (1 if none) */
    double mult;     /* power multiplier (W per unit) */
    double umult;    /* a range's unit multiplier (scale x power), for neighbours */
    const char *unit;
    const char *per;
    const char *perx; /* a non-time denominator: rack, share, user */
    int qual;
    /* attribution */
    const char *metric;
    int entity, counterparty;
    char period[24];
    char cue[FIG_CUE_MAX];
    int metric_score;
    int cue_tok;     /* first token of the deciding cue, or -1 */
    const char *cue_metric; /* the metric its cue named before @promote, or NULL */
} fig_item;

/* Finds the figures of a sentence; returns their count (<= max). */
int fig_find_figures(const struct fig_engine *eng, const char *doc, const fig_sent *st,
                     fig_item *items, int max);

/* How a document names an entity: by an acronym the gazetteer's name is
 * not ("AEP" for American Electric Power), or by another form. */
typedef struct fig_name_use {
    size_t acr_off;              /* the acronym's offset in the document */
    unsigned char acr_len;       /* 0: never named by an acronym */
    unsigned short acr_n, other_n;
    size_t first_off, first_end; /* an index: the bytes of its first mention */
} fig_name_use;

/* Per-document attribution state. */
typedef struct fig_prev_fact {
    int kind;
    double low, high;
    const char *unit, *per;
    const char *metric;
    int metric_score;            /* 10 when only a default decided it */
    int entity, counterparty;
} fig_prev_fact;

#define FIG_PREV_MAX 64
#define FIG_TAB_COLS 8     /* columns of a table written as text */
#define FIG_DYN_MAX 64     /* organisations found outside the gazetteer, per document */
#define FIG_DYN_NAME 64

typedef struct fig_docstate {
    int doc_year;                /* from info, or the year mentioned most */
    int year_guessed;            /* doc_year is the guess, no date given */
    int focus;                   /* entity of the last subject, or -1 */
    int focus_age;               /* sentences since focus was set */
    int section;                 /* entity of the last line that is only a name, or -1 */
    int para_topic;              /* entity of this paragraph's heading ("X: ...", "X - ..."), or -1 */
    int country;                 /* the country named last (a dateline's city too), or -1 */
    int deal_ent, deal_cp;       /* the last deal's provider and buyer, or -1 */
    int deal_age;                /* sentences since that deal was named */
    int company_def;             /* who "the Company" is (a release's '"X" or the "Company"'), or -1 */
    int list_owner;              /* who the bullets under a line ending in ':' are about, or -1 */
    int transcript;              /* the text is a call's transcript: "we" is its company */
    int title_ent;               /* the first company the first line names, or -1 */
    /* a table written as text: its header's columns (attrib.c) */
    int tab_ncol;                /* 0: no table open */
    const char *tab_caption;     /* the metric the line above the header names */
    const char *tab_metric[FIG_TAB_COLS];     /* a money cue first ("Backlog": revenue) */
    const char *tab_metric_pct[FIG_TAB_COLS]; /* the best percent cue */
    int tab_year[FIG_TAB_COLS];
    signed char tab_when[FIG_TAB_COLS]; /* 1 forecast ("guide", "est."), -1 done ("actual") */
    int *mention_count;          /* per entity, mentions so far */
    int *last_sent;              /* per entity, the sentence it was last named in (0: never) */
    fig_name_use *name_use;      /* per entity, the forms the text names it by */
    uint32_t (*based)[FIG_BASED_MAX]; /* per entity, where the text says it is based */
    int nsent;                   /* sentences so far, this one included */
    int dom_top, dom_c1, dom_c2; /* the most mentioned owner and the two top counts */
    size_t nent;
    fig_prev_fact prev[FIG_PREV_MAX]; /* ring of recent facts (coreference) */
    int nprev, prevpos;
    const char *last_capex;      /* last capex-family metric */
    int prev_rules[16];          /* cue rules matched in the previous sentence */
    int nprev_rules;
    /* organisations found in the text (orgs.c): ids from eng->entities.n */
    fig_entity dyn[FIG_DYN_MAX];
    char dyn_name[FIG_DYN_MAX][FIG_DYN_NAME];
    char dyn_base[FIG_DYN_MAX][FIG_DYN_NAME];
    char dyn_abbr[FIG_DYN_MAX][8];   /* "NPC" after "Northwind Power Cooperative (NPC)" */
    int ndyn;
    short dyn_slot[4 * FIG_DYN_MAX]; /* hash of a name or base -> index + 1 */
    int dyn_used;                /* slots taken in dyn_slot */
} fig_docstate;

#define FIG_PREV_RULES 16

void fig_attribute(const struct fig_engine *eng, const char *doc, const fig_sent *st,
                   fig_item *items, int n, fig_docstate *ds);

/* Organisations outside the gazetteer (orgs.c): adds to out[0..n) (the
 * gazetteer's mentions, in token order) the names the sentence shows to be
 * organisations or that the document named before; returns the new count
 * (<= max), still in token order. */
int fig_org_find(const struct fig_engine *eng, const fig_sent *st, fig_docstate *ds,
                 fig_mention *out, int n, int max);
/* The entity of id e: the gazetteer's, or one found in the document; NULL
 * if none. */
const fig_entity *fig_entity_at(const struct fig_engine *eng, const fig_docstate *ds, int e);

/* Periods (periods.c). */
/* The year mentioned most in the text (19xx/20xx), 0 if none. Linear. */
int fig_guess_year(const char *s, size_t len);
/* The period for a figure: writes "2026" / "2025-2030" into out or "". */
int fig_find_period(const char *doc, const fig_sent *st, const fig_item *it,
                    int clause0, int clause1, int doc_year, char *out, size_t outlen);
/* Year of a token ("2025", "FY26", "YE25", "2025's"), 0 if none. */
int fig_tok_year(const char *doc, const fig_sent *st, int i);

#endif /* FIG_INT_H */
