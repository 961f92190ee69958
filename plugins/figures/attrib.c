/*
 * attrib.c - whose figure it is and what it measures. For each sentence:
 * entity mentions (from the gazetteer) with the preposition that governs
 * them, clauses, metric cues (from the rules file); then for each figure
 * the entity (deal "between A and B", clause subject, "of/for X", "by X",
 * a line's "X:" heading, anaphora, the sentence subject, an earlier fact
 * with the same value, the document's dominant entity), the counterparty,
 * the metric (best cue by weight and distance, the same value seen before,
 * a list's head, defaults) and the period. Each decision leaves a short
 * note in the figure's cue string.
 */
#include "fig_int.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define MAX_MENT 64
#define MAX_CUE 256
#define MAX_CL 64

#define MF_POSS 0x01
#define MF_SOURCE 0x02
#define MF_LIST 0x04
#define MF_COUNTMOD 0x08
#define MF_HEADER 0x10
#define MF_DATELINE 0x20

enum { P_NONE = 0, P_WITH, P_TO, P_FROM, P_IN, P_BY, P_FOR, P_OF, P_BETWEEN, P_BETWEEN2, P_OTHER,
       P_MOD };

typedef struct ment {
    int tok, end, ent, flags, prep, clause, list, list_pos;
    int prep0;   /* the preposition before any list took it over */
    int andjoin; /* joined to the one before by and/or/+/& (not a bare comma) */
} ment;

typedef struct cue_match {
    int rule, c, d;
} cue_match;

typedef struct sctx {
    const struct fig_engine *eng;
    const char *doc;
    const fig_sent *st;
    fig_docstate *ds;
    ment m[MAX_MENT];
    int nm;
    int cl[MAX_CL + 1];
    int ncl;
    cue_match cm[MAX_CUE];
    int ncm;
    int header;
    int sent_subject;
    int sent_subject_tok;
    int dateline;      /* tokens [0, dateline) are a dateline ("SEOUL, Sept 1 (Reuters) -") */
    int firm_cue;      /* a cue of company accounts stands in the sentence */
    int grp_all;       /* a group word in the sentence (-1: not looked yet) */
    int mover;         /* the company the figure being decided shows moving
                          ("..., and SoftBank Group, which ..., climbed 8.8%"),
                          or -1: choose_metric sets it, choose_entity reads it */
} sctx;

static const fig_entity *ENT(const sctx *c, int e)
{
    return fig_entity_at(c->eng, c->ds, e);
}

/* 1 if entity e may own a figure no clause gives it: a company or an
 * agency, not a country, index, person or source. */
static int can_own(const struct fig_engine *eng, const fig_docstate *ds, int e)
{
    const fig_entity *en = fig_entity_at(eng, ds, e);
    return en && (en->type == ET_COMPANY || en->type == ET_AGENCY);
}

/* 1 if token i is a, an or the. */
static int is_art(const fig_sent *st, int i)
{
    return tok_is(st, i, "a") || tok_is(st, i, "an") || tok_is(st, i, "the");
}

/* 1 if token k is a verb of speaking: "said", "told". */
static int speaker_at(const fig_sent *st, int k)
{
    return k < st->n && st->tok[k].lex && (st->tok[k].lex->org & LO_SPEAK) &&
           !tok_is(st, k, "added") && !tok_is(st, k, "posted");
}

/* ------------------------------------------------------------------------
 * Clauses
 * --------------------------------------------------------------------- */

/* The clause of token i. */
static int clause_of(const sctx *c, int i)
{
    int k = 0;
    while (k + 1 < c->ncl && c->cl[k + 1] <= i)
        k++;
    return k;
}

/* 1 if a mention starts within tokens [i, i+span). */
static int mention_within(const sctx *c, int i, int span)
{
    for (int k = 0; k < c->nm; k++)
        if (c->m[k].tok >= i && c->m[k].tok < i + span)
            return 1;
    return 0;
}

static int mention_near(const sctx *c, int i)
{
    return mention_within(c, i, 3);
}

/* 1 if a mention ends right before token i. */
static int mention_ending(const sctx *c, int i)
{
    for (int k = 0; k < c->nm; k++)
        if (c->m[k].end == i)
            return 1;
    return 0;
}

/* The mention starting at token i, or NULL. */
static const ment *mention_at(const sctx *c, int i)
{
    for (int k = 0; k < c->nm && c->m[k].tok <= i; k++)
        if (c->m[k].tok == i)
            return &c->m[k];
    return NULL;
}

/* The token after a ticker in brackets starting at token i ("(TLN)",
 * "(NYSE: OKLO)", "(Nasdaq:IREN)"), or -1. */
static int paren_ticker(const fig_sent *st, int i);

/* The token after a name that ends at token i, over what only completes
 * it: a legal form ("Advantest Corp. slid 7.2%", "Tokyo Electron Ltd.
 * lost 5.1%") and a ticker in brackets ("Talen Energy (TLN) climbed"). */
static int after_name(const fig_sent *st, int i)
{
    /* (a name found with its legal form: its full stop) */
    if (tok_sym(st, i, '.') && tok_glued(st, i) && i > 0 &&
        (tok_is(st, i - 1, "corp") || tok_is(st, i - 1, "inc") || tok_is(st, i - 1, "ltd") ||
         tok_is(st, i - 1, "co")))
        return paren_ticker(st, i + 1) > 0 ? paren_ticker(st, i + 1) : i + 1;
    if (i < st->n && st->tok[i].type == TK_WORD && (st->tok[i].flags & TF_CAP) &&
        (tok_is(st, i, "corp") || tok_is(st, i, "inc") || tok_is(st, i, "ltd") || tok_is(st, i, "co") ||
         tok_is(st, i, "plc") || tok_is(st, i, "ag") || tok_is(st, i, "se") || tok_is(st, i, "nv") ||
         tok_is(st, i, "sa") || tok_is(st, i, "asa") || tok_is(st, i, "holdings") ||
         tok_is(st, i, "corporation") || tok_is(st, i, "limited") || tok_is(st, i, "bhd") ||
         tok_is(st, i, "berhad"))) {
        i++;
        if (tok_sym(st, i, '.') && tok_glued(st, i))
            i++;
    }
    if (paren_ticker(st, i) > 0)
        i = paren_ticker(st, i);
    return i;
}

static int paren_ticker(const fig_sent *st, int i)
{
    if (!tok_sym(st, i, '('))
        return -1;
    int j = i + 1;
    if (j + 1 < st->n && st->tok[j].type == TK_WORD && tok_sym(st, j + 1, ':'))
        j += 2; /* the exchange */
    if (j >= st->n || st->tok[j].type != TK_WORD || !(st->tok[j].flags & TF_UPPER) || st->tok[j].len > 6)
        return -1;
    return tok_sym(st, j + 1, ')') ? j + 2 : -1;
}

/* 1 if a named company or index at token i moves at once ("Nebius shed
 * 4%", "SK Hynix down 4.2%", "Intel shares gained") or, with verbs, acts
 * ("OpenAI commits"). */
static int acts_at(const sctx *c, int i, int verbs)
{
    const fig_sent *st = c->st;
    /* "and cable maker Fujikura losing 6.4%": a few lower-case words first */
    const ment *m = NULL;
    for (int k = i; k < i + 5 && k < st->n && !m; k++) {
        m = mention_at(c, k);
        /* "and the Nasdaq Composite slid 1.7%" */
        if (!m && k == i && tok_is(st, k, "the") && mention_at(c, k + 1))
            continue;
        /* "and Swedish start-up Evroc is developing" */
        if (!m && (st->tok[k].type != TK_WORD ||
                   (tok_cls(st, k) & (LX_PREP | LX_CONNECT | LX_DETERM | LX_CLAUSE | LX_MOVE))) &&
            !tok_is_dash(st, k) && !(tok_is_dash(st, k - 1) && tok_glued(st, k)))
            return 0;
    }
    if (!m)
        return 0;
    int v = after_name(st, m->end); /* "Oklo (NYSE: OKLO) gained 7%" */
    /* a country's government acting: "in which the U.S. government took a
     * 9.9% stake" */
    if ((tok_is(st, v, "government") || tok_is(st, v, "administration") || tok_is(st, v, "state")) &&
        ENT(c, m->ent)->type == ET_COUNTRY)
        v++;
    /* over an apposition: "as SoftBank Group, a big backer of OpenAI, slid 8.9%" */
    if (tok_sym(st, v, ',') && (tok_is(st, v + 1, "a") || tok_is(st, v + 1, "an") || tok_is(st, v + 1, "the")))
        for (int k = v + 2; k < st->n && k < v + 12; k++)
            if (tok_sym(st, k, ',')) {
                if (tok_cls(st, k + 1) & LX_MOVE)
                    v = k + 1;
                break;
            }
    if (tok_is(st, v, "shares") || tok_is(st, v, "stock"))
        v++;
    if (tok_cls(st, v) & LX_MOVE)
        return 1;
    if (!verbs)
        return 0;
    /* "OpenAI commits", "Nscale is building", "Anthropic will adopt" */
    int aux = 0;
    if (tok_is(st, v, "is") || tok_is(st, v, "are") || tok_is(st, v, "was") || tok_is(st, v, "were") ||
        tok_is(st, v, "has") || tok_is(st, v, "have") || tok_is(st, v, "had") || tok_is(st, v, "will") ||
        tok_is(st, v, "would") || tok_is(st, v, "could") || tok_is(st, v, "can") ||
        tok_is(st, v, "plans") || tok_is(st, v, "says") || tok_is(st, v, "said")) {
        v++;
        aux = 1;
        if (tok_is(st, v, "also") || tok_is(st, v, "initially") || tok_is(st, v, "now") ||
            tok_is(st, v, "eventually") || tok_is(st, v, "then"))
            v++;
    }
    /* reported speech: "after Oracle said it would spend $40 billion" */
    if (aux && (tok_is(st, v - 1, "said") || tok_is(st, v - 1, "says")) &&
        (tok_is(st, v, "it") || tok_is(st, v, "its") || tok_is(st, v, "that") ||
         (tok_is(st, v, "the") && tok_is(st, v + 1, "company"))))
        return 1;
    const fig_tok *t = v < st->n ? &st->tok[v] : NULL;
    if (!t || t->type != TK_WORD || (t->flags & (TF_CAP | TF_POSS)) || t->len <= 2 ||
        (tok_cls(st, v) & (LX_PREP | LX_DETERM | LX_CONNECT | LX_PRON | LX_NUM)))
        return aux && t && (tok_is(st, v, "to") || tok_is(st, v, "could"));
    if (aux)
        return 1;
    return (t->lex && (t->lex->org & LO_VERB)) ||
           (!fig_lex_known(t->lex) && st->doc[t->off + t->len - 1] == 's');
}

/* 1 if token i is a verb the lexicon does not know, in the present tense,
 * before its object: "and Core Scientific hosts about 590MW", "... runs a
 * 300 MW site" (a word ending in s before a number or a determiner). */
static int verb_before_object(const fig_sent *st, int i)
{
    if (i + 1 >= st->n || st->tok[i].type != TK_WORD || (st->tok[i].flags & TF_CAP) ||
        fig_lex_known(st->tok[i].lex) || st->tok[i].len < 4 ||
        st->doc[st->tok[i].off + st->tok[i].len - 1] != 's')
        return 0;
    return st->tok[i + 1].type == TK_NUM || tok_is(st, i + 1, "about") ||
           tok_is(st, i + 1, "roughly") || tok_is(st, i + 1, "around") || tok_is(st, i + 1, "nearly") ||
           tok_is(st, i + 1, "more") || tok_is(st, i + 1, "up") || tok_is(st, i + 1, "a") ||
           tok_is(st, i + 1, "an") || tok_is(st, i + 1, "the") || tok_is(st, i + 1, "its");
}

/* 1 if token i, right after a name, is the verb of a new clause whose
 * subject the name is: "..., and AMD will supply", "..., Cipher Mining has
 * leased 300MW", "..., and Core Scientific hosts about 590MW". */
static int new_subject_verb(const fig_sent *st, int i)
{
    return i < st->n &&
           (tok_is(st, i, "will") || tok_is(st, i, "would") || tok_is(st, i, "is") ||
            tok_is(st, i, "has") || tok_is(st, i, "plans") || tok_is(st, i, "said") ||
            (tok_cls(st, i) & LX_MOVE) || (st->tok[i].lex && (st->tok[i].lex->org & LO_VERB)) ||
            verb_before_object(st, i));
}

/* 1 if a descriptor starting at token i stands before a name in commas:
 * "a Galician start-up, Eolia Norte, said ..." */
static int appos_name(const sctx *c, int i)
{
    const fig_sent *st = c->st;
    if (!tok_is(st, i, "a") && !tok_is(st, i, "an") && !tok_is(st, i, "the"))
        return 0;
    for (int k = i + 2; k < i + 8 && k + 1 < st->n; k++) {
        if (tok_sym(st, k, ',')) {
            const ment *m = mention_at(c, k + 1);
            return m && tok_sym(st, m->end, ',');
        }
        if (st->tok[k].type != TK_WORD && !tok_is_dash(st, k))
            return 0;
    }
    return 0;
}

static void add_clause(sctx *c, int at)
{
    if (c->ncl < MAX_CL && at > c->cl[c->ncl - 1] && at < c->st->n)
        c->cl[c->ncl++] = at;
}

/* 1 if token i is a main clause's verb coming back after a relative clause:
 * "reported", "climbed", "plans", "is". */
static int main_verb_at(const fig_sent *st, int i)
{
    if (i >= st->n || st->tok[i].type != TK_WORD || (st->tok[i].flags & TF_CAP))
        return 0;
    /* "..., each dropped about 2%", "..., both rose" */
    if ((tok_is(st, i, "each") || tok_is(st, i, "both") || tok_is(st, i, "also")) && i + 1 < st->n &&
        !tok_is(st, i + 1, "each") && !tok_is(st, i + 1, "both") && !tok_is(st, i + 1, "also"))
        return main_verb_at(st, i + 1);
    if ((tok_cls(st, i) & (LX_MOVE | LX_CHANGE)) || (st->tok[i].lex && (st->tok[i].lex->org & LO_VERB)))
        return 1;
    return tok_is(st, i, "is") || tok_is(st, i, "was") || tok_is(st, i, "has") || tok_is(st, i, "had") ||
           tok_is(st, i, "are") || tok_is(st, i, "were") || tok_is(st, i, "have") ||
           tok_is(st, i, "will") || tok_is(st, i, "would") || tok_is(st, i, "expects") ||
           tok_is(st, i, "said") || tok_is(st, i, "says") || tok_is(st, i, "saw");
}

/* 1 if token i is a noun naming a company ("the Taiwanese contract
 * manufacturer, which ..."): a descriptor a relative clause may follow. */
static int company_noun(const fig_sent *st, int i)
{
    return i >= 0 && i < st->n && st->tok[i].type == TK_WORD && !(st->tok[i].flags & TF_CAP) &&
           st->tok[i].lex && (st->tok[i].lex->org & LO_NOUN);
}

static int anaphor_at(const fig_sent *st, int a, int b);

/* 1 if a verb of speaking stands in tokens [a, b). */
static int said_within(const fig_sent *st, int a, int b)
{
    for (int k = a; k < b && k < st->n; k++)
        if (speaker_at(st, k))
            return 1;
    return 0;
}

/* Splits the sentence into clauses (with full, also where a named company
 * starts acting: only a sentence with figures needs those). */
static void find_clauses(sctx *c, int full)
{
    const fig_sent *st = c->st;
    c->ncl = 1;
    c->cl[0] = 0;
    static const char *const lead[] = {"if", "when", "as", "although", "while", "once", "after",
                                       "before", "since", "despite", "though", "because",
                                       "following", "unlike", "whereas"};
    int sub_lead = 0;
    for (size_t k = 0; st->n && st->tok[0].type == TK_WORD && st->tok[0].len <= 9 &&
                       k < sizeof lead / sizeof lead[0]; k++)
        if (tok_is_var(st, 0, lead[k]))
            sub_lead = 1;
    if (c->dateline)
        add_clause(c, c->dateline);
    int rel = 0; /* a relative clause is open: "Arm, in which SoftBank holds 90%," */
    for (int i = 1; i < st->n; i++) {
        const fig_tok *t = &st->tok[i];
        if (t->type == TK_SYM) {
            if (rel && t->cp == ',' && main_verb_at(st, i + 1)) {
                /* "..., reported revenue of $1.14 billion": the main clause again */
                add_clause(c, i + 1);
                rel = 0;
            } else if (t->cp == ';' || t->cp == '|' || (t->cp == ':' && i <= 5 && !tok_sym(st, i - 2, '(')))
                add_clause(c, i + 1); /* not "(NASDAQ: IREN)"; a bar parts a row's cells */
            else if (t->cp == ',' && sub_lead) {
                add_clause(c, i + 1);
                sub_lead = 0;
            } else if (t->cp == ',' && (tok_is(st, i + 1, "and") || tok_is(st, i + 1, "while")) &&
                       (mention_near(c, i + 2) || acts_at(c, i + 2, 1) || appos_name(c, i + 2))) {
                add_clause(c, i + 1);
            } else if (t->cp == ',' && tok_is(st, i + 1, "and") &&
                       (tok_is(st, i + 2, "its") || tok_is(st, i + 2, "their") ||
                        (tok_is(st, i + 2, "it") && !speaker_at(st, i + 3)))) {
                /* "..., and its shares have doubled" */
                add_clause(c, i + 1);
            } else if (t->cp == ',' && tok_is(st, i + 1, "with") && mention_within(c, i + 2, 6)) {
                /* ", with chip-testing equipment maker Advantest falling 5%" */
                add_clause(c, i + 1);
            } else if ((t->cp == 0x2014 || t->cp == 0x2013 || t->cp == '-') && (t->flags & TF_SPACE) &&
                       i + 1 < st->n && (st->tok[i + 1].flags & TF_SPACE)) {
                add_clause(c, i + 1);
            } else if (full && t->cp == ',' && (tok_is(st, i + 1, "which") || tok_is(st, i + 1, "who")) &&
                       (mention_ending(c, i) || company_noun(st, i - 1) ||
                        /* "the S&P 500 utilities index, which is up 14%" */
                        (tok_is(st, i - 1, "index") &&
                         (mention_ending(c, i - 1) || mention_ending(c, i - 2) || mention_ending(c, i - 3)))) &&
                       i + 2 < st->n &&
                       st->tok[i + 2].type == TK_WORD &&
                       !(st->tok[i + 2].flags & TF_CAP) &&
                       !(tok_cls(st, i + 2) & (LX_PRON | LX_DETERM | LX_PREP))) {
                /* "Humain, which plans to deploy ...": the relative clause */
                add_clause(c, i + 1);
                rel = 1;
            } else if (full && t->cp == ',' && tok_is(st, i + 1, "which") && tok_is(st, i + 2, "the") &&
                       anaphor_at(st, i + 2, i + 12) == i + 2 && said_within(st, i + 3, i + 12)) {
                /* "its Munich cloud, which the Bonn-based group said now
                 * runs 10,000 GPUs": the speaker's own clause */
                add_clause(c, i + 1);
                rel = 1;
            } else if (full && t->cp == ',' && acts_at(c, i + 1, 0)) {
                /* "AMZN fell 8.5%, MSFT dropped 10%" */
                add_clause(c, i + 1);
            } else if (full && t->cp == ',' && !rel && mention_at(c, i + 1) &&
                       new_subject_verb(st, mention_at(c, i + 1)->end)) {
                /* a list of deals: "IREN signed a $9.7 billion contract with
                 * Microsoft last year, Cipher Mining has leased 300MW to
                 * Amazon, and ..." */
                add_clause(c, i + 1);
            }
            continue;
        }
        /* "Meta said Oklo would develop a 1.2 GW campus": the reported
         * clause has a subject of its own */
        /* (not a provider speaking of its customer's deal: "the cloud
         * provider said Meta had signed a contract worth $20 billion" is
         * the provider's, "AWS says Anthropic will use 1M chips") */
        static const char *const deal[] = {"deal", "contract", "lease", "agreement", "order",
                                           "signed", "leased", "ordered"};
        if (full && speaker_at(st, i) && i + 1 < st->n) {
            int j = i + 1 + tok_is(st, i + 1, "that");
            const ment *m = mention_at(c, j);
            if (m && word_in(st, i, st->n, deal, sizeof deal / sizeof *deal))
                m = NULL; /* (looked for only after a name: "said" is common) */
            const ment *sp = NULL; /* the speaker: the name before, or the subject */
            for (int q = 0; m && q < c->nm; q++)
                if (c->m[q].end <= i && (c->m[q].end >= i - 3 || (!sp && c->m[q].prep == P_NONE)))
                    sp = &c->m[q];
            if (m && sp && ENT(c, m->ent)->role == ER_LAB &&
                (ENT(c, sp->ent)->role == ER_CLOUD || ENT(c, sp->ent)->role == ER_CHIP))
                m = NULL;
            if (m && !(m->flags & MF_SOURCE) && (tok_is(st, m->end, "would") || tok_is(st, m->end, "will") ||
                                                 tok_is(st, m->end, "had") || tok_is(st, m->end, "has") ||
                                                 tok_is(st, m->end, "plans") || tok_is(st, m->end, "was") ||
                                                 tok_is(st, m->end, "is"))) {
                add_clause(c, j);
                continue;
            }
        }
        /* (an adverb set off by commas opens no clause: "SK Group,
         * meanwhile, is building ...", "Oracle, however, said ...") */
        if (t->lex && (t->lex->cls & LX_CLAUSE) && !tok_is(st, i, "if") && !tok_is(st, i, "then") &&
            !(tok_sym(st, i - 1, ',') && tok_sym(st, i + 1, ',') &&
              (tok_is(st, i, "meanwhile") || tok_is(st, i, "however") || tok_is(st, i, "though")))) {
            add_clause(c, i);
            rel |= tok_is(st, i, "whose") && tok_sym(st, i - 1, ',');
        }
        /* "CoreWeave tumbled 8% and Nebius shed 4%"; "... as OpenAI commits to 6 GW" */
        else if (full && c->nm && t->len <= 7 &&
                 ((tok_is(st, i, "and") && acts_at(c, i + 1, 0)) ||
                  ((tok_is(st, i, "as") || tok_is(st, i, "after") || tok_is(st, i, "because") ||
                    tok_is(st, i, "since") || tok_is(st, i, "when") || tok_is(st, i, "once") ||
                    tok_is(st, i, "which") || tok_is(st, i, "that") || tok_is(st, i, "who")) &&
                   acts_at(c, i + 1, 1)))) {
            add_clause(c, i);
            rel |= (tok_is(st, i, "which") || tok_is(st, i, "who")) &&
                   (tok_sym(st, i - 1, ',') || (tok_sym(st, i - 2, ',') && (tok_cls(st, i - 1) & LX_PREP)));
        }
    }
}

/* ------------------------------------------------------------------------
 * Tables written as text: columns are runs of two or more spaces, tabs or
 * bars. A line with three columns or more and no figure is a header; the
 * lines with figures below it are its rows, until a blank line.
 * --------------------------------------------------------------------- */

/* 1 if a column break (two spaces or more, a tab, a bar) stands before token i. */
static int col_break(const fig_sent *st, int i)
{
    if (i <= 0 || i >= st->n)
        return 0;
    const fig_tok *p = &st->tok[i - 1], *t = &st->tok[i];
    if (p->type == TK_SYM && p->cp == '|')
        return 0;
    if (t->type == TK_SYM && t->cp == '|')
        return 1;
    size_t e = p->off + p->len;
    if (t->off < e + 2) {
        return t->off > e && st->doc[e] == '\t';
    }
    for (size_t k = e; k < t->off; k++)
        if (st->doc[k] != ' ' && st->doc[k] != '\t')
            return 0;
    return 1;
}

/* The column of token i: the column breaks before it on its line. */
static int column_of(const fig_sent *st, int i)
{
    int col = 0;
    for (int k = 1; k <= i && k < st->n; k++)
        if (col_break(st, k))
            col++;
    return col;
}

/* 1 if token i names a trading session: "rose 6% in extended trading to
 * $289.70", "in morning trade" */
static int session_word(const fig_sent *st, int i)
{
    return tok_is(st, i, "in") || tok_is(st, i, "extended") || tok_is(st, i, "trading") ||
           tok_is(st, i, "trade") || tok_is(st, i, "morning") || tok_is(st, i, "afternoon") ||
           tok_is(st, i, "early") || tok_is(st, i, "late") || tok_is(st, i, "premarket") ||
           tok_is(st, i, "after") || tok_is(st, i, "hours") || tok_is(st, i, "intraday");
}

/* 1 if token i is a verb that ends or holds a trading session: "closed",
 * "ended", "finished", "trades" ("closed up 3.1%", "ended 3.0% lower",
 * "trades about 35% below its peak") */
static int session_end(const fig_sent *st, int i)
{
    return tok_is(st, i, "closed") || tok_is(st, i, "close") || tok_is(st, i, "closes") ||
           tok_is(st, i, "ended") || tok_is(st, i, "ends") || tok_is(st, i, "finished") ||
           tok_is(st, i, "finish") || tok_is(st, i, "trades") || tok_is(st, i, "traded") ||
           tok_is(st, i, "trading") || tok_is(st, i, "settled");
}

/* 1 if token i, right after a percentage, tells which way a price went:
 * "3.0% lower", "35% below", "2% higher" */
static int after_move(const fig_sent *st, int i)
{
    return i < st->n && (tok_is(st, i, "lower") || tok_is(st, i, "higher") ||
                         tok_is(st, i, "below") || tok_is(st, i, "above"));
}

/* 1 if figure f is a market quote in a row that starts with a company,
 * under no header ("Micron      $223.77   +4.4%"): a plain amount (no scale word,
 * under 100,000) is its share price, a signed percentage its move. */
static int quote_row(const sctx *c, const fig_item *f)
{
    const fig_sent *st = c->st;
    /* (a table with a header says what its columns hold) */
    if (c->ds->tab_ncol || !c->nm || c->m[0].tok > 1 || ENT(c, c->m[0].ent)->type != ET_COMPANY)
        return 0;
    /* or a short line after the company and a colon: "AMD: $203.17, down 3.9%" */
    int colon = tok_sym(st, c->m[0].end, ':') && st->n <= 16;
    if (!col_break(st, f->q0) && !colon)
        return 0;
    if (f->kind == FIG_MONEY)
        return f->scale == 1 && f->high < 100000 && !f->per;
    if (f->kind == FIG_PERCENT)
        return tok_sym(st, f->q0, '+') || tok_sym(st, f->q0, '-') || tok_sym(st, f->q0, 0x2212) ||
               (colon && f->q0 > c->m[0].end + 1 && (tok_cls(st, f->q0 - 1) & LX_MOVE));
    return 0;
}

/* 1 if the sentence has a column break: column_of(st, st->n - 1) > 0,
 * stopping at the first break (a table's rows have many). */
static int has_column(const fig_sent *st)
{
    for (int k = 1; k < st->n; k++)
        if (col_break(st, k))
            return 1;
    return 0;
}

/* Closes the open table at a blank line or a line with no columns. */
static void table_close(sctx *c)
{
    const fig_sent *st = c->st;
    if (c->ds->tab_ncol && st->n && ((st->tok[0].flags & TF_PARA) || !has_column(st)))
        c->ds->tab_ncol = 0;
}

/* Reads a header line (three columns or more, no figure) into the
 * document state. */
static void table_line(sctx *c, int nfig)
{
    fig_docstate *ds = c->ds;
    const fig_sent *st = c->st;
    /* a header is a short line of its own */
    if (nfig || !st->n || st->n > 40 || (!(st->tok[0].flags & TF_NL) && st->start > 0))
        return;
    int ncol = column_of(st, st->n - 1) + 1;
    if (ncol < 3)
        return;
    /* the line above names the table's metric: "Capex by company" */
    const char *caption = NULL;
    int cw = 0;
    for (int m = 0; m < ds->nprev_rules; m++) {
        const fig_rule *r = c->eng->rules.v[ds->prev_rules[m]];
        if ((r->kinds & (1u << FIG_MONEY)) && r->weight > cw && strcmp(r->metric, "other") != 0) {
            cw = r->weight;
            caption = r->metric;
        }
    }
    ds->tab_ncol = ncol < FIG_TAB_COLS ? ncol : FIG_TAB_COLS;
    ds->tab_caption = caption;
    int wbest[FIG_TAB_COLS] = {0}, wpct[FIG_TAB_COLS] = {0};
    for (int k = 0; k < ds->tab_ncol; k++) {
        ds->tab_metric[k] = NULL;
        ds->tab_metric_pct[k] = NULL;
        ds->tab_year[k] = 0;
        ds->tab_when[k] = 0;
    }
    /* a plan is a forecast, an earlier one too: "Capex plan (5 yr)",
     * "Prior plan" */
    unsigned plan = 0;
    for (int i = 0, col = 0; i < st->n; i++) {
        if (col_break(st, i))
            col++;
        if (col >= FIG_TAB_COLS)
            break;
        if (tok_is(st, i, "plan") || tok_is(st, i, "plans") || tok_is(st, i, "budget") ||
            tok_is(st, i, "outlook") || tok_is(st, i, "forecast") || tok_is(st, i, "projected"))
            plan |= 1u << col;
        int y = fig_tok_year(c->doc, st, i);
        if (!y && st->tok[i].type == TK_WORD && st->tok[i].len == 5 && (st->tok[i].flags & TF_DIGIT)) {
            /* "2026E": an estimate for 2026 */
            const char *w = c->doc + st->tok[i].off;
            if ((w[4] == 'E' || w[4] == 'e') && w[0] >= '1' && w[0] <= '2') {
                y = (w[0] - '0') * 1000 + (w[1] - '0') * 100 + (w[2] - '0') * 10 + (w[3] - '0');
                ds->tab_when[col] = 1;
            }
        }
        if (y && !ds->tab_year[col])
            ds->tab_year[col] = y;
        uint32_t cl = tok_cls(st, i);
        if ((cl & LX_FUTURE) || tok_is(st, i, "est") || tok_is(st, i, "guide") ||
            tok_is(st, i, "guidance") || tok_is(st, i, "target"))
            ds->tab_when[col] = 1;
        if (tok_is(st, i, "actual") || tok_is(st, i, "reported") || (cl & LX_PAST))
            ds->tab_when[col] = -1;
    }
    for (int k = 0; k < FIG_TAB_COLS; k++)
        if ((plan >> k) & 1u)
            ds->tab_when[k] = 1;
    for (int m = 0; m < c->ncm; m++) {
        const fig_rule *r = c->eng->rules.v[c->cm[m].rule];
        int col = column_of(st, c->cm[m].c);
        if (col >= ds->tab_ncol)
            continue;
        /* a money cue outweighs the others: "Backlog" is revenue */
        int w = r->weight + ((r->kinds & (1u << FIG_MONEY)) ? 100 : 0);
        if (w > wbest[col]) {
            wbest[col] = w;
            ds->tab_metric[col] = r->metric;
        }
        if ((r->kinds & (1u << FIG_PERCENT)) && r->weight > wpct[col]) {
            wpct[col] = r->weight;
            ds->tab_metric_pct[col] = r->metric;
        }
    }
    /* a year's column with no measure of its own measures what a year's
     * column beside it does: "2025 capex | 2026 guide" (the later one a
     * forecast by its own word) */
    const char *ym = NULL;
    for (int k = 0; k < ds->tab_ncol && !ym; k++)
        if (ds->tab_year[k] && ds->tab_metric[k] && wbest[k] > 100)
            ym = ds->tab_metric[k];
    for (int k = 0; ym && k < ds->tab_ncol; k++)
        if (ds->tab_year[k] && !ds->tab_metric[k] && ds->tab_when[k])
            ds->tab_metric[k] = ym;
}

/* ------------------------------------------------------------------------
 * Mentions
 * --------------------------------------------------------------------- */

static int prep_code(const fig_sent *st, int j)
{
    if (tok_is(st, j, "with")) return P_WITH;
    if (tok_is(st, j, "to")) return P_TO;
    if (tok_is(st, j, "from")) return P_FROM;
    if (tok_is(st, j, "in") || tok_is(st, j, "into")) return P_IN;
    if (tok_is(st, j, "by")) return P_BY;
    if (tok_is(st, j, "for")) return P_FOR;
    if (tok_is(st, j, "of")) return P_OF;
    if (tok_is(st, j, "between")) return P_BETWEEN;
    return P_OTHER;
}

/* 1 if a compute-unit noun follows token i over at most three words. */
static int count_noun_follows(const fig_sent *st, int i)
{
    for (int k = i; k < st->n && k < i + 4; k++) {
        uint32_t cl = tok_cls(st, k);
        if (cl & LX_COUNT)
            return 1;
        if (st->tok[k].type != TK_WORD)
            return 0;
        if (!(cl & LX_MOD) && !(st->tok[k].flags & (TF_CAP | TF_DIGIT)))
            return 0;
    }
    return 0;
}

/* 1 if mention m names the maker of a product right after it: a model
 * name ("Nvidia H200", "AMD MI450") or units counted ("Nvidia chips",
 * "Nvidia Blackwell GPUs"), not the company acting. */
static int brand_of_product(const fig_sent *st, const ment *m)
{
    if (m->flags & MF_POSS)
        return 0;
    int k = m->end;
    if (k < st->n && st->tok[k].type == TK_WORD && (st->tok[k].flags & TF_DIGIT) &&
        (st->tok[k].flags & TF_CAP))
        return 1;
    return (m->flags & MF_COUNTMOD) != 0;
}

/* The end of a dateline opening the sentence ("SEOUL, Sept 1 (Reuters) -",
 * "MUMBAI/HYDERABAD:", "ATLANTA, July 15, 2025 -"): the token after its dash
 * or colon, or 0. Places in capitals, dates and a bracketed source only. */
static int dateline_end(const fig_sent *st)
{
    if (!st->n || st->tok[0].type != TK_WORD || !(st->tok[0].flags & TF_UPPER) ||
        st->tok[0].len < 3)
        return 0;
    int paren = 0;
    for (int k = 1; k < st->n && k < 24; k++) {
        const fig_tok *t = &st->tok[k];
        if (t->type == TK_SYM) {
            if (t->cp == '(')
                paren++;
            else if (t->cp == ')')
                paren--;
            else if (!paren && (t->cp == ':' || ((t->cp == '-' || t->cp == 0x2013 || t->cp == 0x2014) &&
                                                  (t->flags & TF_SPACE))))
                return k + 1 < st->n && tok_is_dash(st, k + 1) ? k + 2 : k + 1;
            continue;
        }
        if (paren || t->type == TK_NUM || (t->flags & (TF_UPPER | TF_CAP)) || tok_is(st, k, "and"))
            continue;
        return 0;
    }
    return 0;
}

static int word_match(const char *doc, const fig_tok *t, const char *w);

/* 1 if a metric phrase of the rules starts at token i ("deal", "will
 * cost"; not "will have"). */
static int phrase_at(const sctx *c, int i)
{
    const fig_sent *st = c->st;
    if (i >= st->n || st->tok[i].rule_word < 0)
        return 0;
    const int *l = c->eng->rule_lists.v[st->tok[i].rule_word];
    for (int k = 1; k <= l[0]; k++) {
        const fig_rule *r = c->eng->rules.v[l[k]];
        int j = i, w = 0;
        for (; w < r->ntok; w++, j++) {
            while (j < st->n && tok_is_dash(st, j) && tok_glued(st, j) && w > 0)
                j++;
            if (j >= st->n || st->tok[j].type == TK_NUM || !word_match(c->doc, &st->tok[j], r->words[w]))
                break;
        }
        if (w == r->ntok)
            return 1;
    }
    return 0;
}

/* 1 if acr (len letters) is the initials of name's words, small words
 * skipped: "AEP" of "American Electric Power", "QIA" of "Qatar Investment
 * Authority". */
static int initials_of(const char *name, const char *acr, size_t len)
{
    size_t k = 0;
    const char *p = name;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *w = p;
        while (*p && *p != ' ')
            p++;
        size_t wl = (size_t)(p - w);
        int small = (wl == 2 && strncasecmp(w, "of", 2) == 0) || (wl == 3 && strncasecmp(w, "and", 3) == 0) ||
                    (wl == 3 && strncasecmp(w, "the", 3) == 0);
        if (k < len && (w[0] | 0x20) == (acr[k] | 0x20))
            k++;
        else if (!small)
            return 0;
    }
    return k == len;
}

/* Counts how the text names an entity: by an acronym of two to six
 * capitals that is not its name ("AEP", "TCS", "QIA"), or otherwise.
 * extract.c gives facts the acronym when the text uses it more. */
static void note_name_form(sctx *c, const fig_mention *mn)
{
    const fig_entity *en = ENT(c, mn->entity);
    fig_docstate *ds = c->ds;
    if (!en || !ds->name_use || (en->type != ET_COMPANY && en->type != ET_AGENCY && en->type != ET_INDEX))
        return;
    fig_name_use *u = &ds->name_use[mn->entity];
    const fig_tok *t = &c->st->tok[mn->tok];
    /* an index is named as the text first names it: "Nikkei 225", "PHLX
     * Semiconductor Index", "Dow Jones Industrial Average" */
    if (en->type == ET_INDEX && !u->first_end) {
        const fig_tok *e = &c->st->tok[mn->tok + mn->ntok - 1];
        u->first_off = t->off;
        u->first_end = e->off + e->len;
    }
    int acr = mn->ntok == 1 && (t->flags & TF_UPPER) && t->len >= 2 && t->len <= 6 &&
              !(strlen(en->name) == t->len && strncasecmp(en->name, c->doc + t->off, t->len) == 0);
    for (size_t k = 0; acr && k < t->len; k++)
        acr = (c->doc[t->off + k] >= 'A' && c->doc[t->off + k] <= 'Z') || c->doc[t->off + k] == '&';
    /* the gazetteer's own: only its name's initials ("AEP"), not a ticker
     * ("MSFT") or a division ("AWS"); one the text defined in brackets is
     * an acronym whatever its letters */
    if (acr && (size_t)mn->entity < ds->nent && en->type != ET_INDEX)
        acr = initials_of(en->name, c->doc + t->off, t->len);
    if (acr) {
        if (u->acr_n < 60000)
            u->acr_n++;
        u->acr_off = t->off;
        u->acr_len = (unsigned char)t->len;
    } else if (u->other_n < 60000) {
        u->other_n++;
    }
}

static void analyse_mentions(sctx *c)
{
    const fig_sent *st = c->st;
    fig_mention raw[MAX_MENT];
    int n = fig_gz_find(c->eng, c->doc, st, raw, MAX_MENT);
    n = fig_org_find(c->eng, st, c->ds, raw, n, MAX_MENT);
    c->dateline = dateline_end(st);
    for (int k = 0; k < n && c->dateline; k++)
        if (raw[k].tok < c->dateline && can_own(c->eng, c->ds, raw[k].entity))
            c->dateline = 0; /* "NVIDIA: ..." is a heading */
    c->nm = 0;
    c->header = -1;
    int lists = 0;
    /* a person owns only a net worth or a fortune */
    int worth = 0, person = 0;
    for (int k = 0; k < n; k++)
        person |= ENT(c, raw[k].entity)->type == ET_PERSON;
    /* ("a deal with Oracle worth $20 billion" is a deal's worth: "worth"
     * counts after "net", a verb "to be" or a comma, as in "Musk, worth") */
    for (int i = 0; person && i < st->n && !worth; i++)
        worth = (tok_is(st, i, "worth") &&
                 (tok_is(st, i - 1, "net") || tok_is(st, i - 1, "is") || tok_is(st, i - 1, "was") ||
                  tok_is(st, i - 1, "be") || tok_is(st, i - 1, "been") || tok_is(st, i - 1, "now") ||
                  tok_sym(st, i - 1, ','))) ||
                tok_is(st, i, "fortune") || tok_is(st, i, "wealth") || tok_is(st, i, "richest") ||
                tok_is(st, i, "billionaire");
    for (int k = 0; k < n; k++) {
        note_name_form(c, &raw[k]);
        ment *m = &c->m[c->nm];
        memset(m, 0, sizeof *m);
        m->tok = raw[k].tok;
        m->end = raw[k].tok + raw[k].ntok;
        m->ent = raw[k].entity;
        m->list = -1;
        if (st->tok[m->end - 1].flags & TF_POSS)
            m->flags |= MF_POSS;
        if (ENT(c, m->ent)->type == ET_SOURCE || (ENT(c, m->ent)->type == ET_PERSON && !worth))
            m->flags |= MF_SOURCE;
        /* a dateline's place owns nothing */
        if (m->tok < c->dateline)
            m->flags |= MF_SOURCE | MF_DATELINE;
        /* the governing preposition, over determiners and capitalised words */
        int j = m->tok - 1, skipped = 0;
        /* "its OpenAI contracts": a name after its/their qualifies a noun of
         * the company spoken of; it owns nothing here */
        if (tok_is(st, j, "its") || tok_is(st, j, "their"))
            m->prep = P_OTHER;
        while (j >= 0 && skipped <= 3 && !m->prep) {
            const fig_tok *t = &st->tok[j];
            uint32_t cl = t->lex ? t->lex->cls : 0;
            if (t->type == TK_WORD && (cl & LX_PREP) && !(cl & LX_QUALW && !tok_is(st, j, "about"))) {
                m->prep = prep_code(st, j);
                break;
            }
            /* (not over another name: "In Seoul SK Hynix fell 6.2%" has no
             * preposition governing SK Hynix) */
            if (j == m->tok - 1 && k > 0 && raw[k - 1].tok + raw[k - 1].ntok == m->tok &&
                (t->flags & TF_CAP) && !(t->flags & TF_POSS) &&
                ENT(c, raw[k - 1].entity)->type == ET_COUNTRY)
                break;
            if (t->type == TK_WORD && ((cl & LX_DETERM) || (cl & LX_ANAPH) ||
                                       ((t->flags & TF_CAP) && !cl) || tok_is(st, j, "its"))) {
                j--;
                skipped++;
                continue;
            }
            break;
        }
        /* "Shares of Anant Raj, ..., have gained 70%", "Shares in Arm rose
         * 4%": the company moving */
        if ((m->prep == P_OF || m->prep == P_IN) && m->tok >= 2 &&
            (tok_is(st, m->tok - 2, "shares") || tok_is(st, m->tok - 2, "stock")) &&
            (m->tok == 2 || st->tok[m->tok - 3].type == TK_SYM || tok_is(st, m->tok - 3, "the") ||
             tok_is(st, m->tok - 3, "and") || m->tok - 2 == c->dateline))
            m->prep = P_NONE;
        /* sources: "according to X", "estimates from X", "X analysts" */
        for (int b = m->tok - 1; b >= 0 && b >= m->tok - 3; b--) {
            if (tok_cls(st, b) & LX_SOURCEV) {
                m->flags |= MF_SOURCE;
                break;
            }
            /* "according to X", "estimates from X", "analysts at X" only */
            if (!(tok_cls(st, b) & (LX_PREP | LX_DETERM)))
                break;
        }
        if (count_noun_follows(st, m->end))
            m->flags |= MF_COUNTMOD;
        /* "Google's tensor processing units": the maker of the units counted */
        if ((m->flags & MF_POSS) && !(m->flags & MF_COUNTMOD))
            for (int w = m->end; w < m->end + 4 && w < st->n && st->tok[w].type == TK_WORD; w++)
                if ((tok_cls(st, w) & LX_COUNT) || tok_is(st, w, "units")) {
                    m->flags |= MF_COUNTMOD;
                    break;
                }
        /* "Amazon: ...", "Cipher Mining - a 15-year lease ..." */
        if ((m->tok == 0 || (m->tok == 1 && st->tok[0].type == TK_SYM)) &&
            (tok_sym(st, m->end, ':') ||
             (tok_is_dash(st, m->end) && (st->tok[m->end].flags & TF_SPACE) &&
              m->end + 1 < st->n && (st->tok[m->end + 1].flags & TF_SPACE)))) {
            m->flags |= MF_HEADER;
            /* "Portugal: 12,600 GPUs at ...": a country heading owns nothing */
            if (can_own(c->eng, c->ds, m->ent))
                c->header = m->ent;
        }
        /* "a 10-year Fluidstack agreement", "the Meta deal": a name before a
         * deal noun qualifies it; the other side of the deal, not its owner */
        /* (not a verb: "the KOSPI closed up 1.9%") */
        if (m->prep == P_NONE && m->end < st->n && st->tok[m->end].type == TK_WORD &&
            !(st->tok[m->end].flags & TF_CAP) &&
            (phrase_at(c, m->end) || (tok_cls(st, m->end) & LX_COUNT)) &&
            !(tok_cls(st, m->end) & (LX_MOVE | LX_CHANGE)) &&
            !(m->flags & MF_POSS) && m->tok > 0) {
            int p = m->tok - 1;
            int adj = st->tok[p].type == TK_NUM || is_art(st, p) || tok_is(st, p, "its") ||
                      tok_is(st, p, "their") || tok_is(st, p, "this") || tok_is(st, p, "that") ||
                      (st->tok[p].type == TK_WORD && tok_is_dash(st, p - 1) && tok_glued(st, p));
            if (adj)
                m->prep = P_MOD;
        }
        m->prep0 = m->prep;
        /* lists: A and B, A, B and C, A + B */
        if (c->nm > 0) {
            ment *p = &c->m[c->nm - 1];
            int gap = m->tok - p->end;
            int join = 0;
            if (gap == 1 && (tok_is(st, p->end, "and") || tok_sym(st, p->end, ',') ||
                             tok_sym(st, p->end, '+') || tok_sym(st, p->end, '&') ||
                             tok_is(st, p->end, "or")))
                join = 1;
            if (gap == 2 && tok_sym(st, p->end, ',') && (tok_is(st, p->end + 1, "and") ||
                                                         tok_is(st, p->end + 1, "or")))
                join = 1;
            /* "... from Nvidia, and AMD will supply ...": a new clause's
             * subject, no list */
            if (join && gap == 2 && tok_sym(st, p->end, ',') && tok_is(st, p->end + 1, "and") &&
                new_subject_verb(st, m->end))
                join = 0;
            /* "Across its sites in Texas and British Columbia, IREN has
             * secured 2.9GW": a new subject after a comma, no list */
            if (join && gap == 1 && tok_sym(st, p->end, ',') && new_subject_verb(st, m->end))
                join = 0;
            /* "In Germany, Deutsche Telekom and Nvidia ...": the opening
             * place and the subject make no list */
            if (join && gap == 1 && tok_sym(st, p->end, ',') && p->prep == P_IN && p->tok <= 2 + c->dateline)
                join = 0;
            m->andjoin = join && !(gap == 1 && tok_sym(st, p->end, ','));
            if (join && p->prep == P_BETWEEN && tok_is(st, m->tok - 1, "and")) {
                m->prep = P_BETWEEN2;
            } else if (join && !(p->flags & MF_POSS)) {
                if (p->list < 0) {
                    p->list = lists++;
                    p->flags |= MF_LIST;
                    p->list_pos = 0;
                }
                m->list = p->list;
                m->list_pos = p->list_pos + 1;
                m->flags |= MF_LIST;
                m->prep = p->prep == P_BETWEEN ? P_BETWEEN2 : p->prep;
                m->flags |= p->flags & MF_SOURCE;
            }
        }
        /* a state after its town is a place: "the campus in Richland
         * Parish, Louisiana is planned at 2 GW" */
        if (ENT(c, m->ent)->type == ET_COUNTRY && m->tok >= 3 && tok_sym(st, m->tok - 1, ',') &&
            (st->tok[m->tok - 2].flags & TF_CAP)) {
            for (int w = m->tok - 3; w >= 0 && w >= m->tok - 6; w--)
                if (tok_is(st, w, "in") || tok_is(st, w, "at") || tok_is(st, w, "near") ||
                    tok_is(st, w, "outside")) {
                    m->flags |= MF_SOURCE;
                    break;
                }
        }
        /* a region is only a place, no organisation: "orders in North
         * America up 20%", "Gulf states will account for 7%" */
        if (ENT(c, m->ent)->type == ET_REGION)
            continue;
        c->nm++;
    }
    /* "In Portugal, Start Campus plans": two names and a comma make no list;
     * a list ends with and/or ("A, B and C") */
    for (int k = 0; k < c->nm; k++) {
        ment *m = &c->m[k];
        if (!(m->flags & MF_LIST) || m->list_pos != 0)
            continue;
        int size = 0, conj = 0, last = k;
        for (int q = k; q < c->nm; q++)
            if (c->m[q].list == m->list) {
                size++;
                conj |= c->m[q].andjoin;
                last = q;
            }
        /* "With Oracle, SoftBank and the new sites, Stargate ...": the list
         * goes on past its names to an item that is none */
        int e = c->m[last].end;
        if (tok_sym(st, e, ','))
            e++;
        conj |= tok_is(st, e, "and") || tok_is(st, e, "or");
        if (conj || size != 2)
            continue;
        int id = m->list;
        for (int q = k; q < c->nm; q++)
            if (c->m[q].list == id) {
                ment *x = &c->m[q];
                x->flags &= ~MF_LIST;
                x->list = -1;
                x->prep = x->prep0;
                if (q > k) {
                    /* the second is no source because the first is */
                    int t = ENT(c, x->ent)->type;
                    int src = t == ET_SOURCE || (t == ET_PERSON && !worth);
                    for (int b = x->tok - 1; b >= 0 && b >= x->tok - 3 && !src; b--) {
                        src |= (tok_cls(st, b) & LX_SOURCEV) != 0;
                        if (!(tok_cls(st, b) & (LX_PREP | LX_DETERM)))
                            break;
                    }
                    if (!src)
                        x->flags &= ~MF_SOURCE;
                }
            }
    }
}

/* ------------------------------------------------------------------------
 * Metric cues
 * --------------------------------------------------------------------- */

/* 1 if doc token t matches rule word w ("*" any, "xyz*" prefix). One
 * walk over w, no strlen: it runs for every rule tried at every word. */
static int word_match(const char *doc, const fig_tok *t, const char *w)
{
    if (w[0] == '*' && w[1] == 0)
        return 1;
    size_t k = 0;
    for (; w[k]; k++) {
        /* a final "*" after at least one letter: the prefix matched */
        if (k > 0 && w[k] == '*' && w[k + 1] == 0)
            return 1;
        if (k >= t->len)
            return 0;
        char ch = doc[t->off + k];
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch | 0x20);
        if (ch != w[k])
            return 0;
    }
    return k == t->len;
}

/* Tries rule r at token i; on a match records it. */
static void try_rule(sctx *c, int ri, int i)
{
    const fig_rule *r = c->eng->rules.v[ri];
    const fig_sent *st = c->st;
    int j = i;
    for (int w = 0; w < r->ntok; w++, j++) {
        /* hyphens inside a phrase are skipped: "sell-off" = "sell off" */
        while (j < st->n && tok_is_dash(st, j) && tok_glued(st, j) && w > 0)
            j++;
        if (j >= st->n || st->tok[j].type == TK_NUM || !word_match(c->doc, &st->tok[j], r->words[w]))
            return;
    }
    if (c->ncm < MAX_CUE) {
        c->cm[c->ncm].rule = ri;
        c->cm[c->ncm].c = i;
        c->cm[c->ncm].d = j;
        c->ncm++;
    }
}

static void find_cues(sctx *c)
{
    const fig_sent *st = c->st;
    c->ncm = 0;
    int star = fig_map_get(&c->eng->rule_first, "*", 1, 0);
    for (int i = 0; i < st->n; i++) {
        const fig_tok *t = &st->tok[i];
        if (t->type != TK_WORD)
            continue;
        if (t->rule_word >= 0) {
            /* the next word's hash, once: most rules tried at a common
             * first word ("of", "to") fail at their second */
            /* (the words after it read only as far as a rule asks) */
            int have[5] = {0, 0, 0, 0, 0}, known = 0, n2 = i;
            uint32_t h[5] = {0, 0, 0, 0, 0};
            const int *l = c->eng->rule_lists.v[t->rule_word];
            const uint32_t *rh = c->eng->rule_hash2;
            const unsigned char *rp = c->eng->rule_hash2_pos;
            for (int k = 1; k <= l[0]; k++) {
                int p = rp[l[k]];
                while (known < p && n2 < st->n) {
                    n2++;
                    while (n2 < st->n && st->tok[n2].type == TK_SYM && tok_is_dash(st, n2) && tok_glued(st, n2))
                        n2++;
                    known++;
                    if (n2 < st->n && st->tok[n2].type == TK_WORD && st->tok[n2].len <= FIG_MAX_WORD) {
                        have[known] = 1;
                        h[known] = st->tok[n2].hash;
                    }
                }
                if (p && (!have[p] || rh[l[k]] != h[p]))
                    continue;
                try_rule(c, l[k], i);
            }
        }
        if (star >= 0) {
            const int *l = c->eng->rule_lists.v[star];
            for (int k = 1; k <= l[0]; k++)
                try_rule(c, l[k], i);
        }
    }
}

/* 1 if the figure's rate is one of the comma-separated names in list. */
/* 1 if a rate is per unit of capacity ("GW", "MW-year", "kW-month"), not
 * per unit of energy ("MWh") or of time. */
static int per_capacity(const char *per)
{
    if (!per)
        return 0;
    if (*per == 'k' || *per == 'M' || *per == 'G' || *per == 'T')
        per++;
    return per[0] == 'W' && (per[1] == 0 || per[1] == '-');
}

static int per_in(const char *list, const char *per)
{
    if (!per || !list)
        return 0;
    size_t n = strlen(per);
    const char *p = list;
    while (*p) {
        const char *q = strchr(p, ',');
        size_t l = q ? (size_t)(q - p) : strlen(p);
        if (l == n && strncmp(p, per, n) == 0)
            return 1;
        if (!q)
            break;
        p = q + 1;
    }
    return 0;
}

/* 1 if rule conditions (other than position) hold for figure f. */
static int cond_ok(unsigned cond, double min, double max, const char *per, const fig_item *f)
{
    if ((cond & RC_MIN) && f->high < min)
        return 0;
    if ((cond & RC_MAX) && f->high > max)
        return 0;
    if ((cond & RC_PER) && !per_in(per, f->per))
        return 0;
    if ((cond & RC_NOPER) && f->per)
        return 0;
    if ((cond & RC_PERX) && !f->perx)
        return 0;
    return 1;
}

/* ------------------------------------------------------------------------
 * Metric
 * --------------------------------------------------------------------- */

/* 1 if a word of class cls stands in [a, b). */
static int has_cls(const fig_sent *st, int a, int b, uint32_t cls)
{
    if (a < 0)
        a = 0;
    for (int k = a; k < b && k < st->n; k++)
        if (tok_cls(st, k) & cls)
            return 1;
    return 0;
}

/* Punctuation marks in tokens [a, b): commas, semicolons, colons,
 * brackets, quotes and spaced dashes. */
static int punct_in(const fig_sent *st, int a, int b)
{
    int n = 0;
    for (int t = a; t < b && t < st->n; t++) {
        const fig_tok *k = &st->tok[t];
        if (k->type != TK_SYM)
            continue;
        uint32_t cp = k->cp;
        if (cp == ',' || cp == ';' || cp == ':' || cp == '(' || cp == ')' || cp == '"' ||
            cp == 0x201C || cp == 0x201D || cp == 0x2014 ||
            ((cp == 0x2013 || cp == '-') && (k->flags & TF_SPACE)))
            n++;
    }
    return n;
}

/* 1 if tokens [a, b) may stand between a figure and its head noun: names,
 * model words, years, modifiers, but no preposition or conjunction. */
static int head_gap(const fig_sent *st, int a, int b)
{
    for (int t = a; t < b && t < st->n; t++) {
        uint32_t cl = tok_cls(st, t);
        if (cl & (LX_PREP | LX_CONNECT | LX_CLAUSE | LX_DETERM | LX_CHANGE | LX_PRON))
            return 0;
    }
    return 1;
}

/* The promoted metric for m, or NULL. */
static const char *promoted(const struct fig_engine *eng, const char *m)
{
    for (size_t k = 0; k + 1 < eng->promotes.n; k += 2)
        if (strcmp(eng->promotes.v[k], m) == 0)
            return eng->promotes.v[k + 1];
    return NULL;
}

/* The metric m is promoted from, or m: a figure that takes another's
 * metric decides spending or forecast by its own time words. */
static const char *unpromoted(const struct fig_engine *eng, const char *m)
{
    for (size_t k = 0; k + 1 < eng->promotes.n; k += 2)
        if (strcmp(eng->promotes.v[k + 1], m) == 0)
            return eng->promotes.v[k];
    return m;
}

/* 1 if m is a metric some @promote line leads from or to. */
static int promote_family(const struct fig_engine *eng, const char *m)
{
    for (size_t k = 0; k < eng->promotes.n; k++)
        if (strcmp(eng->promotes.v[k], m) == 0)
            return 1;
    return 0;
}

/* 1 if a cue of metric m stands in clause cl, for figure f. */
static int cue_in_clause(const sctx *c, const char *m, int cl, const fig_item *f)
{
    for (int q = 0; q < c->ncm; q++) {
        const fig_rule *r = c->eng->rules.v[c->cm[q].rule];
        if (strcmp(r->metric, m) != 0 || clause_of(c, c->cm[q].c) != cl)
            continue;
        /* (a cue whose kinds or conditions the figure fails is no cue of
         * it: "At the offer price Lambda was valued at $19.6 billion" holds
         * a rate's "price" only) */
        if (!(r->kinds & (1u << f->kind)) || !cond_ok(r->cond, r->min, r->max, r->per, f))
            continue;
        /* (not one after the figure beyond a comma, where an apposition
         * ends: "OpenAI, valued at $500 billion in a share sale, has signed
         * ...") */
        int comma = 0;
        for (int w = f->t1; w < c->cm[q].c && !comma; w++)
            comma = tok_sym(c->st, w, ',');
        if (!comma)
            return 1;
    }
    return 0;
}

/* 1 if a company follows figure f with to/with/from: "$6 billion to Corning". */
static int company_follows(const sctx *c, const fig_item *f)
{
    for (int q = 0; q < c->nm; q++) {
        const ment *m = &c->m[q];
        if (m->tok >= f->t1 && m->tok <= f->t1 + 4 &&
            (m->prep == P_TO || m->prep == P_WITH || m->prep == P_FROM) &&
            can_own(c->eng, c->ds, m->ent))
            return 1;
    }
    return 0;
}

/* 1 if a purpose follows a sum at token i: "on a campus", "to build",
 * "to turn ... into", over a span of time ("over three years to ..."). */
static int purpose_after(const fig_sent *st, int i)
{
    static const char *const verbs[] = {"build", "turn", "convert", "expand", "raise", "add",
                                        "construct", "develop", "upgrade", "create", "boost",
                                        "double", "triple", "set", "restart", "reopen",
                                        "revive", "refurbish", "retrofit", "modernise",
                                        "modernize", "install", "establish"};
    static const char *const gerunds[] = {"building", "constructing", "developing", "expanding",
                                          "upgrading", "installing", "converting", "restarting"};
    /* over a bracketed conversion: "380 billion yuan ($53 billion) on ..." */
    if (tok_sym(st, i, '('))
        for (int k = i + 1; k < st->n && k < i + 8; k++)
            if (tok_sym(st, k, ')')) {
                i = k + 1;
                break;
            }
    for (int k = i; k < st->n && k < i + 8; k++) {
        if (st->tok[k].type == TK_SYM)
            return 0;
        /* "on a campus", "on AI data centres", "on construction" (not "on
         * Monday", "on time") */
        /* (nor "on capital expenditures", which names what the sum is, not
         * what it builds: "would spend more than $30 billion on capital
         * expenditures in its fiscal first quarter" is a forecast) */
        if (tok_is(st, k, "on") && k + 1 < st->n && st->tok[k + 1].type == TK_WORD &&
            !(tok_cls(st, k + 1) & (LX_TIME | LX_MONTH | LX_NUM)) && !tok_is(st, k + 1, "top") &&
            !tok_is(st, k + 1, "time") && !tok_is(st, k + 1, "average") &&
            !tok_is(st, k + 1, "capital") && !tok_is(st, k + 1, "capex") &&
            !(st->tok[k + 1].lex && (st->tok[k + 1].lex->org & LO_DAY)))
            return 1;
        if (tok_is(st, k, "to") && word_of(st, k + 1, verbs, sizeof verbs / sizeof verbs[0]))
            return 1;
        /* "spend about $1.1 billion building it" */
        if (word_of(st, k, gerunds, sizeof gerunds / sizeof gerunds[0]))
            return 1;
        /* only a span of time may come first */
        if (!(tok_is(st, k, "over") || tok_is(st, k, "the") || tok_is(st, k, "next") ||
              tok_is(st, k, "through") || tok_is(st, k, "by") || tok_is(st, k, "until") ||
              st->tok[k].type == TK_NUM || (tok_cls(st, k) & (LX_NUM | LX_DURATION))))
            return 0;
    }
    return 0;
}

/* 1 if analysts speak before token i: "Analysts at UBS said companies
 * would spend ...", "analysts expect". */
static int analysts_before(const fig_sent *st, int i)
{
    for (int k = 0; k < i; k++)
        if (tok_is(st, k, "analysts") || tok_is(st, k, "analyst") || tok_is(st, k, "estimates") ||
            tok_is(st, k, "estimated") || tok_is(st, k, "forecasts"))
            return 1;
    return 0;
}

/* 1 if clause cl buys a company: "agreed to buy Calpine", "to acquire
 * Core Scientific", "a takeover". */
static int acquisition_in(const sctx *c, int cl)
{
    const fig_sent *st = c->st;
    int a = c->cl[cl], b = cl + 1 < c->ncl ? c->cl[cl + 1] : st->n;
    for (int k = a; k < b; k++) {
        if (tok_is(st, k, "takeover") || tok_is(st, k, "merger") || tok_is(st, k, "buyout"))
            return 1;
        if (!(tok_is(st, k, "buy") || tok_is(st, k, "buys") || tok_is(st, k, "bought") ||
              tok_is(st, k, "buying") || tok_is(st, k, "acquire") || tok_is(st, k, "acquires") ||
              tok_is(st, k, "acquired") || tok_is(st, k, "acquiring")))
            continue;
        int o = k + 1 + tok_is(st, k + 1, "the");
        const ment *m = mention_at(c, o);
        if (m && ENT(c, m->ent)->type == ET_COMPANY && !(m->flags & MF_COUNTMOD))
            return 1;
    }
    return 0;
}

/* 1 if clause cl says the spending of figure f falls in one year: "in
 * 2026", "this year", "next year", "for fiscal 2026" (not "by 2028"). The
 * clause ends for it at the first comma after it: "would invest $50 billion
 * in data centers ..., with the first sites coming online during 2026" and
 * "expects to spend $4.1 billion on the plant, with construction starting
 * in 2028" say when something else happens. */
static int one_year_in(const sctx *c, int cl, const fig_item *f)
{
    const fig_sent *st = c->st;
    int a = c->cl[cl], b = cl + 1 < c->ncl ? c->cl[cl + 1] : st->n;
    for (int w = f->t1; w < b; w++)
        if (tok_sym(st, w, ',') || tok_sym(st, w, ';')) {
            b = w;
            break;
        }
    for (int k = a; k + 1 < b; k++) {
        /* "this fiscal year", "next year" anywhere */
        if ((tok_is(st, k, "this") || tok_is(st, k, "next")) &&
            (tok_is(st, k + 1, "year") ||
             ((tok_is(st, k + 1, "fiscal") || tok_is(st, k + 1, "calendar")) && tok_is(st, k + 2, "year"))))
            return 1;
        if (!tok_is(st, k, "in") && !tok_is(st, k, "for") && !tok_is(st, k, "during"))
            continue;
        int y = k + 1;
        /* "in the fiscal year ending March 2026", "for the current year" */
        int the = tok_is(st, y, "the") || tok_is(st, y, "its");
        if (the)
            y++;
        if (tok_is(st, y, "current") || tok_is(st, y, "coming"))
            y++;
        if (tok_is(st, y, "fiscal") || tok_is(st, y, "calendar"))
            y++;
        if ((!the && fig_tok_year(c->doc, st, y)) || (the && tok_is(st, y, "year")) ||
            ((tok_is(st, y, "this") || tok_is(st, y, "next")) && tok_is(st, y + 1, "year")))
            return 1;
    }
    return 0;
}

/* 1 if the pledge's cue (match m) is a noun ("investment", "commitments")
 * that a forecast word other than a plan's speaks of in [a, b): "investment
 * in the sector could touch 1.5 lakh crore by 2027" is a forecast, "would
 * invest $700 million through 2027" or "plans to spend ... by 2028" a
 * pledge. */
static int noun_forecast(const sctx *c, int m, int a, int b)
{
    const fig_sent *st = c->st;
    const fig_tok *t = &st->tok[c->cm[m].d - 1];
    const char *e = st->doc + t->off + t->len;
    if (t->type != TK_WORD || t->len < 6 ||
        !((e[-4] == 'm' && e[-3] == 'e' && e[-2] == 'n' && e[-1] == 't') ||
          (e[-4] == 'e' && e[-3] == 'n' && e[-2] == 't' && e[-1] == 's')))
        return 0;
    for (int k = a; k < b; k++)
        if ((tok_cls(st, k) & LX_FUTURE) && !tok_is(st, k, "plans") && !tok_is(st, k, "planned") &&
            !tok_is(st, k, "planning"))
            return 1;
    return 0;
}

/* 1 if a forecast's word (@future) leads to figure k in its clause, which
 * starts at token a: no spending word (@past) and no other figure between
 * ("expects 2025 capital spending of $40 billion", not "was close to $70
 * billion, with guidance for 2026", nor "expected at $58bn, and above
 * 2024's $52.5bn"). */
static int forecast_lead(const sctx *c, const fig_item *items, int k, int a)
{
    const fig_sent *st = c->st;
    int stop = k > 0 && items[k - 1].t1 > a ? items[k - 1].t1 : a;
    for (int w = items[k].q0 - 1; w >= stop; w--) {
        uint32_t cls = tok_cls(st, w);
        if (cls & LX_PAST)
            return 0;
        if (cls & LX_FUTURE)
            return 1;
    }
    return 0;
}

/* 1 if money figure f is a plain amount a share is priced at: no scale
 * word, under 100,000 (10 million in a currency of small units: won, yen,
 * rupees), no rate ("$250", "$183.60", "552,000 won"). */
static int small_plain(const fig_item *f)
{
    if (f->kind != FIG_MONEY || f->scale != 1 || f->per || f->perx || !f->unit)
        return 0;
    int small = strcmp(f->unit, "KRW") == 0 || strcmp(f->unit, "JPY") == 0 ||
                strcmp(f->unit, "INR") == 0 || strcmp(f->unit, "IDR") == 0 ||
                strcmp(f->unit, "VND") == 0;
    return f->high < (small ? 1e7 : 1e5);
}

/* 1 if metric m measures a company's or a deal's large sums (capital
 * spending, deals, commitments, market value): a plain amount such as
 * "$250" never is one ("raises Nvidia target to $250" is no capex). */
static int big_metric(const struct fig_engine *eng, const char *m)
{
    const char *u = unpromoted(eng, m);
    return strcmp(u, "capex") == 0 || strcmp(m, "contract_value") == 0 ||
           strcmp(m, "commitments") == 0 || strcmp(m, "market_value") == 0;
}

/* The distance from figure f to the nearest word of class cls in tokens
 * [a, b), or b - a + 1 when there is none; a past word that qualifies a
 * forecast counts for none. */
static int nearest_cls(const fig_sent *st, int a, int b, const fig_item *f, uint32_t cls)
{
    int best = b - a + 1;
    for (int w = a; w < b && w < st->n; w++) {
        if (!(tok_cls(st, w) & cls))
            continue;
        /* (what "will be spent" is no spending done) */
        if (cls == LX_PAST && w > 0 && tok_is(st, w - 1, "be"))
            continue;
        /* (nor is an earlier forecast: "up from a previous range of", "its
         * prior forecast of") */
        if (cls == LX_PAST && ((tok_cls(st, w + 1) & LX_FUTURE) || tok_is(st, w + 1, "range") ||
                               tok_is(st, w + 1, "plan") || tok_is(st, w + 1, "view") ||
                               tok_is(st, w + 1, "target") || tok_is(st, w + 1, "budget")))
            continue;
        int d = w < f->q0 ? f->q0 - w : w >= f->t1 ? w - f->t1 : 0;
        if (d < best)
            best = d;
    }
    return best;
}

/* 1 if a verb that revises a figure stands in tokens [a, b): "lifted its
 * 2025 capital spending forecast to ...", "raised its plan to ...". */
static int revised_in(const fig_sent *st, int a, int b)
{
    static const char *const verbs[] = {"raise", "raised", "raises", "raising", "lift", "lifted",
                                        "lifts", "lifting", "cut", "cuts", "cutting", "lower",
                                        "lowered", "lowers", "narrowed", "narrows", "trimmed",
                                        "trims", "boosted", "boosts", "increased", "increases",
                                        "reduced", "reduces", "upped", "hiked", "revised",
                                        "revises", "bumped", "pared"};
    return word_in(st, a, b, verbs, sizeof verbs / sizeof verbs[0]);
}

/* 1 if a word of forecasting stands in tokens [a, b): "analysts expect",
 * "has guided to", "estimates". Not a modal ("could", "would"): what might
 * happen is no forecast of an amount. */
static int forecast_verb_in(const fig_sent *st, int a, int b)
{
    static const char *const verbs[] = {"expect", "expects", "expected", "expecting", "guided",
                                        "guides", "guidance", "forecast", "forecasts",
                                        "forecasting", "estimate", "estimates", "estimated",
                                        "projected", "projects", "predict", "predicts",
                                        "anticipate", "anticipates", "anticipated"};
    return word_in(st, a, b, verbs, sizeof verbs / sizeof verbs[0]);
}

/* The final metric of the money figure before figure k: in this sentence,
 * else the latest of the sentences before when the sentence before has a
 * cue of that metric's family (it still speaks of it); NULL otherwise. */
static const char *last_money_metric(const sctx *c, const fig_item *items, int k)
{
    for (int o = k - 1; o >= 0; o--)
        if (items[o].kind == FIG_MONEY)
            return items[o].metric;
    const fig_docstate *ds = c->ds;
    int spoke = 0;
    for (int m = 0; m < ds->nprev_rules && !spoke; m++)
        spoke = promote_family(c->eng,
                               ((const fig_rule *)c->eng->rules.v[ds->prev_rules[m]])->metric);
    if (!spoke)
        return NULL;
    for (int i = 1; i <= ds->nprev; i++) {
        const fig_prev_fact *pf = &ds->prev[(ds->prevpos - i + FIG_PREV_MAX) % FIG_PREV_MAX];
        if (pf->kind == FIG_MONEY)
            return pf->metric;
    }
    return NULL;
}

/* 1 if money figure k is what chips are worth: "35,000 Blackwell chips in
 * its first batch, worth about $1 billion", "the value of the GPUs to be
 * supplied at more than 10 trillion won" - a sale's value. */
static int chips_worth(const fig_sent *st, const fig_item *items, int k)
{
    const fig_item *f = &items[k];
    int w = -1;
    for (int t = f->q0 - 1; t >= 0 && t >= f->q0 - 9 && w < 0; t--)
        if (tok_is(st, t, "worth") || tok_is(st, t, "value") || tok_is(st, t, "valued"))
            w = t;
    if (w < 0)
        return 0;
    if (has_cls(st, w + 1, f->q0, LX_COUNT))
        return 1;
    if (!tok_is(st, w, "worth"))
        return 0;
    for (int o = k - 1; o >= 0; o--)
        if (items[o].kind == FIG_COUNT)
            return items[o].t1 <= w && w - items[o].t1 <= 8;
    return 0;
}

/* 1 if a forecast is named as the object of a verb at token i: "raise our
 * 2027 estimate to $780bn" revises a forecast, it raises no money. */
static int forecast_object(const fig_sent *st, int i)
{
    for (int w = i; w < st->n && w < i + 5; w++)
        if (tok_is(st, w, "estimate") || tok_is(st, w, "estimates") || tok_is(st, w, "forecast") ||
            tok_is(st, w, "forecasts") || tok_is(st, w, "guidance") || tok_is(st, w, "outlook") ||
            tok_is(st, w, "target") || tok_is(st, w, "projection") || tok_is(st, w, "view"))
            return 1;
    return 0;
}

/* 1 if figure f is said to be last year's right after it: "up from roughly
 * 150 billion yuan last year", "$3.2 billion a year earlier", "a year ago". */
static int last_year_after(const fig_sent *st, const fig_item *f)
{
    int w = f->t1;
    if (tok_is(st, w, "in") && tok_is(st, w + 1, "the"))
        w += 2;
    if ((tok_is(st, w, "last") || tok_is(st, w, "previous") || tok_is(st, w, "prior")) &&
        tok_is(st, w + 1, "year"))
        return 1;
    return tok_is(st, w, "a") && tok_is(st, w + 1, "year") &&
           (tok_is(st, w + 2, "earlier") || tok_is(st, w + 2, "ago") || tok_is(st, w + 2, "before"));
}

/* 1 if a rule's phrase starts with word stem p: "commit" for "committed". */
static int phrase_stem(const fig_rule *r, const char *p)
{
    return strncmp(r->phrase, p, strlen(p)) == 0;
}

/* 1 if the forecast word at token w is only what a figure is measured
 * against: "as Azure growth tops forecasts", "beat analysts' estimates",
 * "ahead of expectations" - the figure is reported, not forecast. */
static int beats_forecast(const fig_sent *st, int w)
{
    static const char *const verbs[] = {"beat", "beats", "beating", "top", "tops", "topped",
                                        "topping", "above", "exceeded", "exceeds", "exceeding",
                                        "surpassed", "surpasses", "missed", "misses", "below",
                                        "ahead", "outpaced", "outstripped", "trailed"};
    return word_in(st, w - 3, w, verbs, sizeof verbs / sizeof verbs[0]);
}

/* 1 if a word of forecasting (@future) stands in tokens [a, b) that is not
 * only a yardstick figure f beats or misses (beats_forecast); a yardstick
 * that names f is f's ("above analysts' estimates of $30.1 billion"). */
static int future_in(const fig_sent *st, int a, int b, const fig_item *f)
{
    for (int w = a < 0 ? 0 : a; w < b && w < st->n; w++) {
        if (!(tok_cls(st, w) & LX_FUTURE))
            continue;
        int names = w + 1 == f->q0 || (w + 2 == f->q0 && (tok_is(st, w + 1, "of") ||
                                                          tok_is(st, w + 1, "at")));
        if (names || !beats_forecast(st, w))
            return 1;
    }
    return 0;
}

/* 1 if the word at token w names a company by its trade: "Data centre
 * developer Meridian Ridge lands $2.3 billion" is no data centre built. */
static int trade_noun(const fig_sent *st, int w)
{
    static const char *const nouns[] = {"developer", "developers", "operator", "operators",
                                        "provider", "providers", "company", "companies", "firm",
                                        "firms", "landlord", "landlords", "reit", "reits", "owner",
                                        "owners", "startup", "startups", "stocks", "shares"};
    for (size_t v = 0; v < sizeof nouns / sizeof nouns[0]; v++)
        if (tok_is(st, w, nouns[v]))
            return 1;
    return 0;
}

/* 1 if tokens [a, b) name a span of years begun before the text's year dy
 * and running on ("between 2023 and 2029", "from 2024 to 2028",
 * "2025-2028"): a programme under way ("has pledged to spend $15.2 billion
 * between 2023 and 2029"), whose sum is being spent, not a forecast. */
static int span_begun(const sctx *c, int a, int b, int dy, const fig_item *f)
{
    static const char *const verbs[] = {"spend", "spends", "invest", "invests", "pledged",
                                        "pledges", "committed", "commits", "earmarked", "allocated"};
    const fig_sent *st = c->st;
    if (!dy)
        return 0;
    /* (a spender's own verb before the figure: not a forecaster's total,
     * "a financing gap for data center spending between 2025 and 2028,
     * which it puts at about $2.9 trillion") */
    int verb = 0;
    for (int w = a < 0 ? 0 : a; w < f->q0 && !verb; w++)
        for (size_t v = 0; v < sizeof verbs / sizeof verbs[0] && !verb; v++)
            verb = tok_is(st, w, verbs[v]);
    if (!verb)
        return 0;
    for (int w = a < 0 ? 0 : a; w + 2 < b && w + 2 < st->n; w++) {
        int y0 = fig_tok_year(c->doc, st, w);
        if (!y0 || y0 >= dy)
            continue;
        int j = w + 1;
        int link = tok_is(st, j, "and") || tok_is(st, j, "to") || tok_is(st, j, "through") ||
                   tok_is(st, j, "until") || tok_is_dash(st, j);
        int y1 = link ? fig_tok_year(c->doc, st, j + 1) : 0;
        int opened = tok_is_dash(st, j) || (w >= 1 && (tok_is(st, w - 1, "between") ||
                                                       tok_is(st, w - 1, "from")));
        if (y1 > y0 && y1 >= dy && opened)
            return 1;
    }
    return 0;
}

/* 1 if money figure f has two denominators, one of them time: "$180 per
 * kilowatt per month", "$30 per user per month" - a price as quoted. */
static int two_denominators(const fig_sent *st, const fig_item *f)
{
    if (f->kind != FIG_MONEY || !f->per)
        return 0;
    if (strcmp(f->per, "month") != 0 && strcmp(f->per, "year") != 0 &&
        strcmp(f->per, "week") != 0 && strcmp(f->per, "day") != 0 && strcmp(f->per, "hour") != 0)
        return 0;
    int pers = 0;
    for (int w = f->q0; w < f->t1 && w < st->n; w++)
        pers += tok_is(st, w, "per") || (tok_sym(st, w, '/') && tok_glued(st, w + 1));
    return pers >= 2;
}

/* 1 if money figure k is a per-share amount restating the figure before:
 * "Net income: $27.7 billion, or $3.72 per share" - earnings per share. */
static int per_share_restated(const fig_sent *st, const fig_item *items, int k)
{
    const fig_item *f = &items[k];
    if (k < 1 || f->kind != FIG_MONEY || !f->perx || items[k - 1].kind != FIG_MONEY ||
        items[k - 1].per || items[k - 1].perx)
        return 0;
    int share = 0;
    for (int w = f->q0; w < f->t1 && w + 1 < st->n && !share; w++)
        share = tok_is(st, w, "per") && (tok_is(st, w + 1, "share") || tok_is(st, w + 1, "diluted"));
    return share && f->q0 >= 2 && tok_is(st, f->q0 - 1, "or") && tok_sym(st, f->q0 - 2, ',') &&
           items[k - 1].t1 == f->q0 - 2;
}

static void choose_metric(sctx *c, fig_item *items, int n, int k, int year)
{
    int tab_when = 0;
    const char *from_prev = NULL; /* the final metric of the figure it follows */
    fig_item *f = &items[k];
    const fig_sent *st = c->st;
    const struct fig_engine *eng = c->eng;
    int fcl = clause_of(c, f->t0);
    int best = -1000, bi = -1;
    int plain = small_plain(f);
    /* a rate per unit of capacity ("$1.6 million per megawatt per year",
     * "$50 billion per gigawatt") is no deal's or budget's total either */
    int cap_rate = f->kind == FIG_MONEY && per_capacity(f->per);
    /* money per unit of energy ("$81 per MWh") is what energy costs or
     * fetches, under a contract or not */
    size_t pl = f->per ? strlen(f->per) : 0;
    int energy_rate = f->kind == FIG_MONEY && pl >= 2 && strcmp(f->per + pl - 2, "Wh") == 0;
    int hour_rate = f->kind == FIG_MONEY && f->per && strcmp(f->per, "hour") == 0;
    for (int m = 0; m < c->ncm; m++) {
        const cue_match *cm = &c->cm[m];
        const fig_rule *r = eng->rules.v[cm->rule];
        if (!(r->kinds & (1u << f->kind)))
            continue;
        if (!cond_ok(r->cond, r->min, r->max, r->per, f))
            continue;
        if ((plain || cap_rate) && big_metric(eng, r->metric))
            continue;
        if (energy_rate && strcmp(r->metric, "price") != 0 && strcmp(r->metric, "cost") != 0)
            continue;
        /* money per hour ("Rs 67 per GPU-hour") is a rental price */
        if (hour_rate && strcmp(r->metric, "price") != 0)
            continue;
        int dist, after;
        if (cm->c >= f->t1) {
            dist = cm->c - f->t1;
            after = 1;
        } else if (cm->d <= f->q0) {
            dist = f->q0 - cm->d;
            after = 0;
        } else {
            dist = 0;
            after = 1;
        }
        if ((r->cond & RC_BEFORE) && after)
            continue;
        if ((r->cond & RC_AFTER) && !after)
            continue;
        if ((r->cond & RC_NEAR) && dist > r->near)
            continue;
        if (dist > 30)
            continue;
        if ((r->cond & RC_UNLESS) && cue_in_clause(c, r->unless, fcl, f))
            continue;
        if ((r->cond & RC_NOCP) && company_follows(c, f))
            continue;
        /* a facility's word that names a company's trade builds nothing */
        if (promote_family(eng, r->metric) && (r->cond & RC_PLEDGE) && trade_noun(st, cm->d))
            continue;
        /* (raising a forecast is no financing: "raise our 2027 estimate to
         * $780bn") */
        if (strcmp(r->metric, "other") == 0 && phrase_stem(r, "rais") && forecast_object(st, cm->d))
            continue;
        int pen = 2 * dist;
        if (clause_of(c, cm->c) != fcl) {
            /* a later clause's stock words are its own: "reported a 26% jump
             * in shipments, and its shares have doubled" */
            if (after && f->kind == FIG_PERCENT && strcmp(r->metric, "stock_move") == 0)
                continue;
            pen += 15;
        }
        /* figures and punctuation between the cue and the figure */
        int between = 0, same = 0, punct = 0;
        if (after) {
            for (int o = k + 1; o < n && items[o].q0 < cm->c; o++) {
                between++;
                same += items[o].kind == f->kind;
            }
            punct = punct_in(st, f->t1, cm->c);
        } else {
            for (int o = k - 1; o >= 0 && items[o].t1 > cm->d; o--) {
                between++;
                same += items[o].kind == f->kind;
            }
            punct = punct_in(st, cm->d, f->q0);
        }
        /* a figure of another kind between costs less: "revenue rose 17%
         * to $81.3 billion" */
        pen += 8 * same + 3 * (between - same) + 6 * (punct > 2 ? 2 : punct);
        /* the head noun right after the figure: "$2B Nvidia investment" */
        if (after && dist <= 3 && !punct && !between && head_gap(st, f->t1, cm->c))
            pen -= 15;
        /* a cue in the complement of another cue's noun is that noun's:
         * "backlog of signed but not commenced leases", "cost of revenue"
         * (not a rate's: "the cost of renting an H100 ... $2 an hour") */
        for (int q = 0; q < c->ncm && !f->per; q++) {
            const cue_match *oq = &c->cm[q];
            const fig_rule *orl = eng->rules.v[oq->rule];
            /* (in words: a compound's hyphens are none, "backlog of
             * signed-but-not-commenced leases") */
            int span = 0;
            for (int w = oq->d; w < cm->c && w < st->n; w++)
                span += !(tok_is_dash(st, w) && tok_glued(st, w) && tok_glued(st, w + 1));
            if (oq->d < cm->c && span <= 6 && tok_is(st, oq->d, "of") &&
                !punct_in(st, oq->d, cm->c) && strcmp(orl->metric, r->metric) != 0 &&
                (orl->kinds & (1u << f->kind))) {
                pen += 25;
                break;
            }
        }
        /* a cue attached to another figure of a kind it fits is that one's:
         * "$200 billion capex guidance after revenue of $213.4 billion" */
        int o = after ? k + between : k - between; /* the figure next to the cue */
        if (between > 0 && o >= 0 && o < n && (r->kinds & (1u << items[o].kind))) {
            const fig_item *g = &items[o];
            if (after && g->t1 <= cm->c && cm->c - g->t1 <= 3 && !punct_in(st, g->t1, cm->c) &&
                head_gap(st, g->t1, cm->c))
                pen += 30;
            if (!after && g->q0 >= cm->d && g->q0 - cm->d <= 2 && !punct_in(st, cm->d, g->q0))
                pen += 30;
        }
        /* a cue that is the head noun of an earlier figure is that one's:
         * "24 GW of firm customer commitments ... and plans to spend $72
         * billion", "a $13 billion funding round ... valued it at $183 billion" */
        if (!after) {
            for (int g = k - 1; g >= 0; g--) {
                const fig_item *gi = &items[g];
                if (gi->t1 > cm->c || cm->c - gi->t1 > 4)
                    continue;
                int ok = !punct_in(st, gi->t1, cm->c);
                for (int w = gi->t1; w < cm->c && ok; w++)
                    ok = tok_is(st, w, "of") || !(tok_cls(st, w) & (LX_PREP | LX_CONNECT | LX_CLAUSE));
                if (ok)
                    pen += 30;
                break;
            }
        }
        /* a cue right before a later figure is that one's: "raised $1.38
         * billion at a valuation above $13 billion" */
        if (after && !between) {
            for (int g = k + 1; g < n; g++)
                if (items[g].q0 >= cm->d && items[g].q0 - cm->d <= 2 &&
                    (r->kinds & (1u << items[g].kind)) && !punct_in(st, cm->d, items[g].q0)) {
                    pen += 30;
                    break;
                }
        }
        int score = r->weight * 10 - pen;
        if (score > best) {
            best = score;
            bi = m;
        }
    }
    const char *metric = NULL;
    char why[120] = "";
    int pledge = 0;
    int cmp_word = -1; /* "from" in "up from $13.8 billion": compared with the figure before */
    int conv = 0;      /* a bracketed conversion of the figure before */
    int revision = 0;  /* "raised its forecast to $20 billion from $18 billion" */
    f->cue_tok = -1;
    f->cue_metric = NULL;
    c->mover = -1;
    if (bi >= 0) {
        const fig_rule *r = eng->rules.v[c->cm[bi].rule];
        metric = r->metric;
        f->cue_metric = r->metric;
        /* a pledge ("will invest $15 billion over five years") is capex even
         * for years to come, unless a spending cue of the same metric stands
         * in the clause ("invest 160 billion yuan in capital expenditure") */
        if (r->cond & RC_PLEDGE) {
            pledge = 1;
            for (int q = 0; q < c->ncm && pledge; q++) {
                const fig_rule *o = eng->rules.v[c->cm[q].rule];
                /* (a bare verb of spending cancels nothing: "pledged in
                 * September to spend R$10.1 billion through 2034") */
                if ((o->cond & RC_PLEDGE) || strcmp(o->metric, r->metric) != 0 ||
                    clause_of(c, c->cm[q].c) != fcl || o->weight < 9)
                    continue;
                /* near, over brackets but no comma: "invest 160 billion yuan
                 * (about $22.6 billion) in capital expenditure"; not "pledged
                 * $30 billion in the UK, half of it on capital expenditure" */
                int lo = c->cm[q].c < f->q0 ? c->cm[q].d : f->t1;
                int hi = c->cm[q].c < f->q0 ? f->q0 : c->cm[q].c;
                int comma = 0;
                for (int w = lo; w < hi; w++)
                    comma |= tok_sym(st, w, ',') || tok_sym(st, w, ';');
                if (!comma && hi - lo <= 10)
                    pledge = 0;
            }
        }
        /* money spent on a project is committed: "would spend about 100
         * billion yen over three years to turn a former plant into ...",
         * "spend about $7 billion on a campus", whatever cue won: "expects
         * to spend about $1.1 billion building it" */
        /* (analysts' estimates of what others will spend are forecasts) */
        if (promoted(eng, r->metric) && purpose_after(st, f->t1) && !one_year_in(c, fcl, f) &&
            !analysts_before(st, f->q0))
            pledge = 1;
        f->cue_tok = c->cm[bi].c;
        snprintf(why, sizeof why, "'%s'", r->phrase);
        /* an investment in a named company is a stake, not capital spending */
        if (r->cond & RC_EQUITY) {
            int cb = c->cm[bi].c;
            for (int q = 0; q < c->nm; q++) {
                const ment *mm = &c->m[q];
                if (ENT(c, mm->ent)->type != ET_COMPANY || (mm->flags & MF_SOURCE))
                    continue;
                int in_after = (mm->prep == P_IN) && mm->tok >= f->t1 && mm->tok <= f->t1 + 8 &&
                               clause_of(c, mm->tok) == fcl;
                int in_after_cue = (mm->prep == P_IN) && mm->tok > cb && mm->tok <= c->cm[bi].d + 2;
                int before_cue = mm->end == cb && cb > f->t1;
                /* "agreed to buy Aligned Data Centers for $40 billion" */
                int object = mm->tok >= c->cm[bi].d && mm->tok <= c->cm[bi].d + 1 &&
                             (mm->tok == c->cm[bi].d || tok_is(st, c->cm[bi].d, "the"));
                /* "bought US cooling specialist Motivair for $1.1 billion" */
                if (!object && mm->tok > c->cm[bi].d && mm->tok <= c->cm[bi].d + 4) {
                    int noun = 0, ok = 1;
                    for (int w = c->cm[bi].d; w < mm->tok && ok; w++) {
                        ok = st->tok[w].type == TK_WORD &&
                             !(tok_cls(st, w) & (LX_PREP | LX_CONNECT | LX_CLAUSE | LX_PRON | LX_NUM));
                        noun |= st->tok[w].lex && (st->tok[w].lex->org & LO_NOUN) &&
                                !(st->tok[w].flags & TF_CAP);
                    }
                    object = ok && noun;
                }
                if (in_after || in_after_cue || before_cue || object) {
                    metric = "other";
                    snprintf(why, sizeof why, "'%s' in a company", r->phrase);
                    break;
                }
            }
            /* "invest up to $10 billion in the start-up": a company, unnamed */
            for (int q = f->t1; strcmp(metric, "other") != 0 && q < f->t1 + 8 && q < st->n &&
                                clause_of(c, q) == fcl; q++) {
                if (!tok_is(st, q, "in") && !tok_is(st, q, "into"))
                    continue;
                int w = q + 1;
                if (tok_is(st, w, "the") || tok_is(st, w, "its") || tok_is(st, w, "a"))
                    w++;
                for (int e = w; e < w + 3 && e < st->n; e++)
                    if (tok_is(st, e, "company") || tok_is(st, e, "startup") || tok_is(st, e, "start") ||
                        tok_is(st, e, "lab") || tok_is(st, e, "firm") || tok_is(st, e, "chipmaker") ||
                        tok_is(st, e, "equity") || tok_is(st, e, "maker") || tok_is(st, e, "business")) {
                        metric = "other";
                        snprintf(why, sizeof why, "'%s' in a company", r->phrase);
                        break;
                    }
                break;
            }
            /* a relative clause on the company invested in ("The Claude
             * developer, in which Amazon has invested $8 billion"), or a
             * holding named with the sum ("has invested around $3 billion and
             * owns roughly 14 percent of the company") */
            for (int w = cb - 1; strcmp(metric, "other") != 0 && w >= 1 && w >= cb - 5; w--)
                if (tok_is(st, w - 1, "in") && tok_is(st, w, "which")) {
                    metric = "other";
                    snprintf(why, sizeof why, "'%s' in the company before", r->phrase);
                }
            for (int w = f->t1; strcmp(metric, "other") != 0 && w + 1 < st->n && w < f->t1 + 4; w++) {
                if (tok_sym(st, w, ',') || tok_sym(st, w, ';'))
                    break;
                if (tok_is(st, w, "and") && (tok_is(st, w + 1, "owns") || tok_is(st, w + 1, "holds") ||
                                             tok_is(st, w + 1, "own") || tok_is(st, w + 1, "hold"))) {
                    metric = "other";
                    snprintf(why, sizeof why, "'%s' for a holding", r->phrase);
                }
            }
            /* the seed capital of a joint venture: "has formed a joint venture
             * with Meta with an initial investment of 855 crore" (not what a
             * venture spends on a purpose: "through its joint venture ... to
             * build hyperscale sites") */
            if (strcmp(metric, "other") != 0 && cb >= 1 && tok_is(st, cb - 1, "initial") &&
                !purpose_after(st, f->t1)) {
                /* (over the holdings named between: "a joint venture with
                 * Meta in which Reliance will hold 70% and Meta 30%, with an
                 * initial investment of") */
                for (int w = cb - 2; w >= 1 && w >= cb - 24; w--)
                    if (tok_is(st, w - 1, "joint") && tok_is_var(st, w, "venture")) {
                        metric = "other";
                        snprintf(why, sizeof why, "'%s' of a joint venture", r->phrase);
                        break;
                    }
            }
        }
        /* money committed or pledged to an AI lab funds it: "has committed
         * more than $30 billion to the ChatGPT maker", "its $22.5 billion
         * commitment to OpenAI" (a pledge to a cloud is a deal: "pledges $30
         * billion to Azure") */
        if ((phrase_stem(r, "commit") || phrase_stem(r, "pledg")) &&
            (promote_family(eng, metric) || strcmp(metric, "contract_value") == 0)) {
            int from = c->cm[bi].d > f->t1 ? c->cm[bi].d : f->t1;
            for (int q = 0; q < c->nm; q++) {
                const ment *mm = &c->m[q];
                if (mm->prep == P_TO && mm->tok >= from && mm->tok <= from + 3 &&
                    ENT(c, mm->ent)->type == ET_COMPANY && ENT(c, mm->ent)->role == ER_LAB) {
                    metric = "other";
                    snprintf(why, sizeof why, "'%s' to a lab", r->phrase);
                    break;
                }
            }
        }
        /* a stake's worth, not the company's: "holds a stake of about 27% in
         * OpenAI's for-profit arm, valued at roughly $135 billion"; and a
         * takeover's price: "to Acquire Core Scientific in All-Stock
         * Transaction Valued at Approximately $9 Billion" */
        if (strcmp(metric, "market_value") == 0 && tok_is(st, c->cm[bi].c, "valued")) {
            int stake = 0;
            for (int w = f->q0 - 1; w >= 0 && w >= f->q0 - 16 && !stake; w--) {
                int money = 0;
                for (int o = k - 1; o >= 0 && !money; o--)
                    money = items[o].kind == FIG_MONEY && items[o].q0 >= w;
                if (money)
                    break;
                stake = tok_is(st, w, "stake") || tok_is(st, w, "stakes") || tok_is(st, w, "holding");
            }
            if (stake || acquisition_in(c, fcl)) {
                metric = "other";
                snprintf(why, sizeof why, "'%s', %s", r->phrase, stake ? "a stake" : "an acquisition");
            }
        }
    }
    /* buying a company is no compute deal: "Constellation to buy Calpine in
     * $16.4 billion deal" */
    if (metric && strcmp(metric, "contract_value") == 0 && acquisition_in(c, fcl)) {
        metric = "other";
        snprintf(why, sizeof why, "an acquisition");
    }
    /* a plant or a campus bought for a sum is an asset changing hands, no
     * compute deal: "agreed to buy two gas plants from Caithness for $3.5
     * billion" (not "buy the GPUs ... from Dell for $5.8 billion") */
    if (metric && strcmp(metric, "contract_value") == 0 && f->cue_tok >= 0 && f->cue_tok < f->q0 &&
        f->q0 - f->cue_tok <= 16 && tok_is(st, f->q0 - 1, "for") &&
        (tok_is(st, f->cue_tok, "buy") || tok_is(st, f->cue_tok, "bought") ||
         tok_is(st, f->cue_tok, "buys") || tok_is(st, f->cue_tok, "buying") ||
         tok_is(st, f->cue_tok, "purchase") || tok_is(st, f->cue_tok, "purchased"))) {
        int asset = 0, gear = 0;
        for (int w = f->cue_tok + 1; w < f->q0 - 1; w++) {
            asset |= tok_is(st, w, "plant") || tok_is(st, w, "plants") || tok_is(st, w, "campus") ||
                     tok_is(st, w, "campuses") || tok_is(st, w, "site") || tok_is(st, w, "sites") ||
                     tok_is(st, w, "building") || tok_is(st, w, "buildings") ||
                     tok_is(st, w, "property") || tok_is(st, w, "properties") ||
                     tok_is(st, w, "factory") || tok_is(st, w, "factories") || tok_is(st, w, "land") ||
                     tok_is(st, w, "asset") || tok_is(st, w, "assets");
            gear |= tok_is(st, w, "gpu") || tok_is(st, w, "gpus") || tok_is(st, w, "chip") ||
                    tok_is(st, w, "chips") || tok_is(st, w, "server") || tok_is(st, w, "servers") ||
                    tok_is(st, w, "capacity") || tok_is(st, w, "compute") || tok_is(st, w, "equipment") ||
                    tok_is(st, w, "system") || tok_is(st, w, "systems") || tok_is(st, w, "rack") ||
                    tok_is(st, w, "racks");
        }
        if (asset && !gear) {
            metric = "other";
            snprintf(why, sizeof why, "an asset bought");
        }
    }
    /* chips counted and what they are worth: a sale, whoever names it */
    if (f->kind == FIG_MONEY && !f->per && !plain && best < 60 && chips_worth(st, items, k)) {
        best = 60;
        metric = "contract_value";
        f->cue_metric = metric;
        snprintf(why, sizeof why, "what the chips are worth");
    }
    /* the previous sentence's cues, much weaker */
    int deal_cue = 0, prev_won = 0;
    for (int q = 0; q < c->ncm && !deal_cue; q++)
        deal_cue = clause_of(c, c->cm[q].c) == fcl && c->cm[q].d <= f->q0 &&
                   strcmp(((const fig_rule *)eng->rules.v[c->cm[q].rule])->metric,
                          "contract_value") == 0;
    for (int m = 0; m < c->ds->nprev_rules; m++) {
        const fig_rule *r = eng->rules.v[c->ds->prev_rules[m]];
        if (!(r->kinds & (1u << f->kind)) || !cond_ok(r->cond, r->min, r->max, r->per, f) ||
            (r->cond & RC_NEAR) || ((plain || cap_rate) && big_metric(eng, r->metric)))
            continue;
        /* a stock move needs its verb here: not "Shares rose. ... every 10%
         * cut to our assumptions" */
        if (f->kind == FIG_PERCENT && strcmp(r->metric, "stock_move") == 0 &&
            !has_cls(st, f->q0 - 3, f->q0, LX_MOVE))
            continue;
        /* capacity under a deal named before it in its clause is no demand
         * the sentence before spoke of:
         * "... peak demand to reach 145 GW. The agreement follows
         * Constellation's plan to restart the 835 MW Crane plant" */
        if (f->kind == FIG_POWER && deal_cue)
            continue;
        int score = r->weight * 10 - 70;
        if (score > best) {
            best = score;
            metric = r->metric;
            f->cue_metric = r->metric;
            prev_won = 1;
            snprintf(why, sizeof why, "'%s' (previous sentence)", r->phrase);
        }
    }
    /* the same value seen earlier in the document */
    fig_docstate *ds = c->ds;
    for (int p = 0; p < ds->nprev; p++) {
        const fig_prev_fact *pf = &ds->prev[p];
        if (f->kind != FIG_PERCENT && pf->kind == f->kind && pf->low == f->low &&
            pf->high == f->high && strcmp(pf->unit, f->unit) == 0 &&
            (pf->per == f->per || (pf->per && f->per && strcmp(pf->per, f->per) == 0))) {
            /* an earlier default decides nothing */
            /* the same organisation's figure: it is named here, or spoken of */
            int same = pf->entity < 0, others = 0;
            for (int q = 0; q < c->nm && !same; q++) {
                same = c->m[q].ent == pf->entity;
                others |= can_own(c->eng, c->ds, c->m[q].ent) && !(c->m[q].flags & MF_SOURCE);
            }
            if (!same && !others && pf->entity == c->ds->focus)
                same = 1;
            if (110 > best && same && (pf->metric_score > 10 || best < 20)) {
                best = 110;
                metric = pf->metric;
                snprintf(why, sizeof why, "same value earlier");
            }
            break;
        }
    }
    /* a list: $32 billion, $73 billion ... take the head's metric */
    if (k > 0) {
        fig_item *h = &items[k - 1];
        int gap = f->q0 - h->t1, ok = h->kind == f->kind && gap >= 0 && gap <= 3 &&
                                       !(c->ds->tab_ncol && col_break(st, f->q0));
        for (int m = h->t1; m < f->q0 && ok; m++)
            ok = tok_sym(st, m, ',') || tok_sym(st, m, '(') || tok_sym(st, m, ')') ||
                 tok_is(st, m, "and") || tok_is(st, m, "or");
        if (ok && h->metric && h->metric_score > best) {
            best = h->metric_score - 1;
            metric = unpromoted(eng, h->metric);
            from_prev = h->metric;
            f->cue_metric = h->cue_metric;
            /* "SEK 95 billion (about $10 billion)": the same amount */
            conv = tok_sym(st, h->t1, '(') && f->q0 == h->t1 + 1;
            snprintf(why, sizeof why, "list with the figure before");
        }
        /* a comparison: "$12 billion, up from $8.5 billion", "to $850 from
         * $810", "above our $34bn estimate", "versus the earlier range of" */
        int cmpw = 0;
        /* "$76 billion for 2025 through 2029, up from $63 billion" */
        int upfrom = tok_is(st, f->q0 - 1, "from") &&
                     (tok_is(st, f->q0 - 2, "up") || tok_is(st, f->q0 - 2, "down"));
        /* over a change of another kind: "~$660bn, up ~60% from ~$410bn" */
        const fig_item *hc = h;
        int over = 0;
        if (h->kind != f->kind && k >= 2 && items[k - 2].kind == f->kind) {
            hc = &items[k - 2];
            over = h->t1 - h->q0;
        }
        int gapc = f->q0 - hc->t1 - over;
        ok = hc->kind == f->kind && gapc >= 1 && gapc <= (upfrom ? 16 : 8) && hc->unit && f->unit &&
             strcmp(hc->unit, f->unit) == 0 && clause_of(c, hc->t1) == fcl;
        int cmpat = -1;
        for (int m = hc->t1; m < f->q0 && ok; m++) {
            if (tok_sym(st, m, ';') || tok_sym(st, m, ':'))
                ok = 0;
            if (tok_is(st, m, "from") || tok_is(st, m, "versus") || tok_is(st, m, "vs") ||
                tok_is(st, m, "compared") || tok_is(st, m, "against") || tok_is(st, m, "above") ||
                tok_is(st, m, "below") || tok_is(st, m, "ahead") || tok_is(st, m, "short") ||
                tok_is(st, m, "than") || tok_is(st, m, "beat") || tok_is(st, m, "missed") ||
                /* ("topped expectations of $1.32" after $1.53; not "a market
                 * value that had topped $4 trillion" after a share price) */
                ((tok_is(st, m, "topped") || tok_is(st, m, "exceeded")) && hc->low > 0 &&
                 f->low < hc->low * 10 && f->low * 10 > hc->low)) {
                cmpw = 1;
                cmpat = m;
            }
        }
        /* (over a cue past a comma after it, which speaks of what follows:
         * "would lift its capital spending to about $20 billion from $18
         * billion, and that its HBM business had reached an annualised
         * revenue run rate of ...") */
        int late = bi >= 0 && f->cue_tok == c->cm[bi].c && c->cm[bi].c >= f->t1;
        for (int w = f->t1; late && w < c->cm[bi].c; w++)
            if (tok_sym(st, w, ',') || tok_sym(st, w, ';'))
                late = 2;
        if (ok && cmpw && hc->metric && (hc->metric_score > best || late == 2) &&
            hc->metric_score >= 50) {
            best = hc->metric_score - 1;
            metric = unpromoted(eng, hc->metric);
            from_prev = hc->metric;
            f->cue_metric = hc->cue_metric;
            cmp_word = cmpat;
            conv = 0;
            /* a figure revised "to A from B": B is what A replaced */
            revision = tok_is(st, cmpat, "from") && hc->q0 >= 1 && tok_is(st, hc->q0 - 1, "to") &&
                       revised_in(st, c->cl[fcl], hc->q0);
            snprintf(why, sizeof why, "compared with the figure before");
        }
        /* a part of the figure before: "160 billion yuan ..., of which about
         * 85 billion yuan will buy processors" */
        int part = 0;
        /* (over a figure of another kind: "151.2 billion yuan, down 8%, of
         * which investment in computing will reach 37.3 billion yuan") */
        const fig_item *whole = h;
        for (int o = k - 1; o >= 0 && whole->kind != f->kind; o--)
            if (items[o].kind == f->kind)
                whole = &items[o];
        for (int m = whole->t1; m + 1 < f->q0 && m < whole->t1 + 14 && !part; m++)
            part = tok_is(st, m, "of") && tok_is(st, m + 1, "which") && f->q0 - m <= 8;
        if (part && whole->kind == f->kind && whole->metric && whole->metric_score >= 50) {
            best = (best > whole->metric_score ? best : whole->metric_score) + 1;
            metric = unpromoted(eng, whole->metric);
            from_prev = whole->metric;
            f->cue_metric = whole->cue_metric;
            cmp_word = -1;
            conv = 0;
            revision = 0;
            snprintf(why, sizeof why, "part of the figure before");
        }
        /* the same verb for another company: "Nvidia will invest up to $10
         * billion in the start-up and Microsoft up to $5 billion" */
        for (int q = 0; q < c->nm; q++) {
            const ment *mm = &c->m[q];
            if (mm->end != f->q0 || mm->tok < 1 ||
                !(tok_is(st, mm->tok - 1, "and") || tok_sym(st, mm->tok - 1, ',')))
                continue;
            if (h->kind == f->kind && h->metric && h->metric_score >= 50 && h->metric_score > best) {
                best = h->metric_score - 1;
                metric = unpromoted(eng, h->metric);
                from_prev = h->metric;
                f->cue_metric = h->cue_metric;
                cmp_word = -1;
                conv = 0;
                snprintf(why, sizeof why, "same verb as the figure before");
            }
            break;
        }
    }
    /* a company moving N% at once: "Palantir slid 7%", "AMD, now valued at
     * $390 billion, edged up 0.8%", "SK Hynix down 4.2%" */
    if (f->kind == FIG_PERCENT && best < 105) {
        for (int m = 0; m < c->nm; m++) {
            const ment *mm = &c->m[m];
            /* (over a relative clause of its own: "Talen Energy, which
             * supplies Amazon with 1.92 GW, gained 3.2%") */
            if (mm->end > f->q0 || mm->prep != P_NONE ||
                (clause_of(c, mm->tok) != fcl && !tok_sym(st, after_name(st, mm->end), ',')))
                continue;
            int t = ENT(c, mm->ent)->type;
            if (t != ET_COMPANY && t != ET_INDEX)
                continue;
            int v = after_name(st, mm->end);
            if (tok_sym(st, v, ',')) /* an apposition */
                while (v < f->q0 && !tok_sym(st, ++v, ','))
                    ;
            if (clause_of(c, mm->tok) != fcl && !(tok_sym(st, v, ',') && v + 1 < f->q0 &&
                                                 clause_of(c, v + 1) == fcl))
                continue;
            if (tok_sym(st, v, ','))
                v++;
            if (tok_is(st, v, "shares") || tok_is(st, v, "stock"))
                v++;
            /* "Japan's Nikkei share average fell 1.7%" */
            else if ((tok_is(st, v, "share") || tok_is(st, v, "stock")) &&
                     (tok_is(st, v + 1, "average") || tok_is(st, v + 1, "index")))
                v += 2;
            /* "Quanta Computer and Wistron both climbed by the daily limit" */
            if (tok_is(st, v, "both") || tok_is(st, v, "all"))
                v++;
            /* "STMicroelectronics was down 1.9%" */
            /* ("SK Hynix had surged about 210% over the past 12 months") */
            if ((tok_is(st, v, "was") || tok_is(st, v, "were") || tok_is(st, v, "is") ||
                 tok_is(st, v, "are") || tok_is(st, v, "had") || tok_is(st, v, "has") ||
                 tok_is(st, v, "have")) && (tok_cls(st, v + 1) & LX_MOVE))
                v++;
            /* a session's end: "closed up 3.1%", "ended 3.0% lower",
             * "ended the day 2.4% lower", "trades about 35% below its June
             * peak" */
            int end = session_end(st, v) &&
                      ((tok_cls(st, v + 1) & LX_MOVE) || after_move(st, f->t1));
            /* a signed move right after the name: "Nebius +9.4% | Oracle -4.5%" */
            int sign = ((f->flags & FI_LEADPLUS) && v == f->q0) ||
                       (v + 1 == f->q0 && tok_is_dash(st, v) && tok_glued(st, f->q0) &&
                        (st->tok[v].flags & TF_SPACE));
            if (sign) {
                best = 105;
                metric = "stock_move";
                c->mover = mm->ent;
                snprintf(why, sizeof why, "%s moved", ENT(c, mm->ent)->name);
                continue;
            }
            if (!((tok_cls(st, v) & LX_MOVE) || end) || f->q0 <= v)
                continue;
            int ok = 1, lim = 0;
            for (int w = v + 1; w < f->q0 && ok; w++) {
                /* "climbed by the daily limit of 10%" */
                lim |= tok_is(st, w, "limit");
                ok = (tok_cls(st, w) & LX_MOVE) || tok_is(st, w, "by") || tok_is(st, w, "a") ||
                     tok_is(st, w, "further") || tok_is(st, w, "another") ||
                     tok_is(st, w, "the") || tok_is(st, w, "its") || tok_is(st, w, "their") ||
                     tok_is(st, w, "daily") || tok_is(st, w, "limit") || tok_is(st, w, "of") ||
                     (end && (tok_is(st, w, "day") || tok_is(st, w, "session")));
            }
            if (ok && (f->q0 - v <= 3 || (lim && f->q0 - v <= 6))) {
                best = 105;
                metric = "stock_move";
                /* (not the second of a pair: "CoreWeave and Nebius dropped
                 * 13% and 17%" is the first's, as a figure of several; nor
                 * the tail of a longer name: "Kioxia Holdings shares") */
                int pair = 0;
                for (int q = 0; q < c->nm && !pair; q++)
                    pair = c->m[q].end == mm->tok ||
                           (mm->tok >= 1 && c->m[q].end == mm->tok - 1 &&
                            tok_is(st, mm->tok - 1, "and"));
                c->mover = pair ? -1 : mm->ent;
                snprintf(why, sizeof why, "%s moved", ENT(c, mm->ent)->name);
            }
        }
    }
    /* a company moving N%: a stock move */
    if (f->kind == FIG_PERCENT && best < 50) {
        for (int m = 0; m < c->nm; m++) {
            const ment *mm = &c->m[m];
            if (mm->end > f->q0 || clause_of(c, mm->tok) != fcl || mm->prep != P_NONE)
                continue;
            int t = ENT(c, mm->ent)->type;
            /* farther over a comma: "CoreWeave was the hardest hit among
             * the neoclouds, down 10%" */
            int tail = (tok_cls(st, f->q0 - 1) & LX_MOVE) && tok_sym(st, f->q0 - 2, ',') &&
                       f->q0 - mm->end <= 14;
            /* (not a company that speaks of something else moving: "Digital
             * Realty said cash rents rose 8.2%", "was 54%, AMD said, up from
             * 53%") */
            int speaks = said_within(st, mm->end, f->q0);
            if ((t == ET_COMPANY || t == ET_INDEX) && !speaks &&
                has_cls(st, mm->end, f->q0, LX_MOVE) && (f->q0 - mm->end <= 6 || tail)) {
                best = 60;
                metric = "stock_move";
                c->mover = mm->ent;
                snprintf(why, sizeof why, "%s moved", ENT(c, mm->ent)->name);
            }
            break;
        }
    }
    /* a session's close, whoever moved: "before paring the gain to close up
     * 3.1%", "ended the day 2% higher" */
    if (f->kind == FIG_PERCENT && best < 50 && f->q0 >= 2 &&
        ((session_end(st, f->q0 - 2) && (tok_cls(st, f->q0 - 1) & LX_MOVE)) ||
         (session_end(st, f->q0 - 1) && after_move(st, f->t1)))) {
        best = 60;
        metric = "stock_move";
        snprintf(why, sizeof why, "a session's close");
    }
    /* a move that goes on from a stock's move before it in the sentence:
     * "helping the KOSPI to a 2.1% gain", "extending its decline from last
     * week's record to about 9%", "down an average of 3%", "has since
     * given back 40%" */
    if (f->kind == FIG_PERCENT && best < 50 && k > 0 && items[k - 1].t1 <= f->q0) {
        int moved = 0;
        for (int o = k - 1; o >= 0 && !moved; o--)
            moved = items[o].kind == FIG_PERCENT && items[o].metric &&
                    strcmp(items[o].metric, "stock_move") == 0;
        int a = f->q0 - 8 > items[k - 1].t1 ? f->q0 - 8 : items[k - 1].t1, on = 0;
        for (int w = a; moved && w <= f->t1 && w < st->n && !on; w++) {
            if (w >= f->q0 && w < f->t1)
                continue;
            int noun = tok_is(st, w, "gain") || tok_is(st, w, "decline") || tok_is(st, w, "loss") ||
                       tok_is(st, w, "slide") || tok_is(st, w, "drop") || tok_is(st, w, "fall") ||
                       tok_is(st, w, "rally") || tok_is(st, w, "rise") || tok_is(st, w, "advance") ||
                       tok_is(st, w, "retreat") || tok_is(st, w, "selloff");
            on = w == f->t1 ? noun : (noun || (w >= f->q0 - 4 && (tok_cls(st, w) & LX_MOVE)) ||
                                      (w == f->q0 - 1 && tok_is(st, w, "back")));
        }
        if (on) {
            best = 60;
            metric = "stock_move";
            snprintf(why, sizeof why, "a move going on from the one before");
        }
    }
    /* a price a move ends at: "shedding 4.5% to $189.97", "dropped 2.6% to
     * about $90,000" */
    /* (a share's price: below 100,000, or 10 million in a currency of small
     * units; "rose 1.8% to 560,000 won", "jumped 5.6% to a record 298,000
     * won", not "rose 17% to $81.3 billion") */
    int small = f->unit && (strcmp(f->unit, "KRW") == 0 || strcmp(f->unit, "JPY") == 0 ||
                            strcmp(f->unit, "INR") == 0 || strcmp(f->unit, "IDR") == 0 ||
                            strcmp(f->unit, "VND") == 0);
    /* (over a financing word, which no share price is: "jumped 24.7% to
     * $75.73 before paring gains") */
    if (f->kind == FIG_MONEY && k > 0 && (best < 105 || (metric && strcmp(metric, "other") == 0)) &&
        f->high <= (small ? 1e7 : 1e5) && !f->per && !f->perx) {
        const fig_item *h = &items[k - 1];
        int gap = f->q0 - h->t1, words = 1;
        for (int w = h->t1 + 1; w < f->q0 && words; w++)
            words = tok_is(st, w, "a") || tok_is(st, w, "an") || tok_is(st, w, "record") ||
                    tok_is(st, w, "high") || tok_is(st, w, "low") || tok_is(st, w, "of") ||
                    tok_is(st, w, "new") || tok_is(st, w, "all") || tok_is(st, w, "time") ||
                    tok_is_dash(st, w) || session_word(st, w) ||
                    (w == f->q0 - 1 && (tok_is(st, w, "to") || tok_is(st, w, "at")));
        if (h->kind == FIG_PERCENT && gap >= 1 && gap <= 8 && words &&
            (tok_is(st, h->t1, "to") || tok_is(st, h->t1, "at") ||
             /* ("before closing 6.4% lower at 612,000 won") */
             ((session_word(st, h->t1) || after_move(st, h->t1)) &&
              (tok_is(st, f->q0 - 1, "to") || tok_is(st, f->q0 - 1, "at")))) &&
            ((h->metric && strcmp(h->metric, "stock_move") == 0) ||
             has_cls(st, h->q0 - 2, h->q0, LX_MOVE))) {
            best = 105;
            metric = "price";
            c->mover = h->entity;
            snprintf(why, sizeof why, "the price a move ends at");
        }
    }
    /* a table row: the header names what the column measures, and when */
    /* (its year and time too under a stronger cue, where the column looks
     * back or ahead: a total row's "$403bn", the same value as a sentence's
     * before, in a "2025 capex" column of a text on 2026; not "Three months
     * ended ... 2025" in a text of 2025) */
    if (c->ds->tab_ncol) {
        int col = column_of(st, f->t0);
        if (col < c->ds->tab_ncol && best >= 60) {
            if (!f->period[0] && c->ds->tab_year[col] &&
                (c->ds->tab_when[col] > 0 || c->ds->tab_year[col] < c->ds->doc_year)) {
                year = c->ds->tab_year[col];
                snprintf(f->period, sizeof f->period, "%d", year);
            }
            tab_when = c->ds->tab_when[col];
        } else if (col < c->ds->tab_ncol) {
            const char *cm = f->kind == FIG_PERCENT ? c->ds->tab_metric_pct[col] : c->ds->tab_metric[col];
            if (!cm && f->kind == FIG_MONEY)
                cm = c->ds->tab_caption;
            if (cm && (f->kind == FIG_MONEY || strcmp(cm, "other") == 0 ||
                       f->kind == FIG_PERCENT)) {
                if (f->kind != FIG_PERCENT || strcmp(cm, "stock_move") == 0 ||
                    strcmp(cm, "other") == 0) {
                    metric = unpromoted(eng, cm);
                    f->cue_metric = cm;
                    cmp_word = -1;
                    conv = 0;
                    best = 70;
                    snprintf(why, sizeof why, "the table's column");
                }
            }
            if (!f->period[0] && c->ds->tab_year[col]) {
                year = c->ds->tab_year[col];
                snprintf(f->period, sizeof f->period, "%d", year);
            }
            tab_when = c->ds->tab_when[col];
        }
    }
    /* an amount a forecast names with no word of its own, right after
     * spending figures: "analysts polled by Visible Alpha expect roughly
     * $110 billion in 2026", "Amazon alone has guided to roughly $125
     * billion" (a past year or a past word still makes it spending) */
    /* (revenue too, when it stands before in the sentence: "reported
     * revenue of $11.3 billion ... and guided to $12.5 billion for the
     * current quarter") */
    if (f->kind == FIG_MONEY && !f->per && !f->perx && !plain &&
        (best < 20 || !metric || prev_won) &&
        forecast_verb_in(st, c->cl[fcl], fcl + 1 < c->ncl ? c->cl[fcl + 1] : st->n)) {
        const char *lm = last_money_metric(c, items, k);
        int here = 0;
        for (int o = k - 1; o >= 0 && !here; o--)
            here = items[o].kind == FIG_MONEY;
        if (lm && (promote_family(eng, lm) || (here && strcmp(lm, "revenue") == 0))) {
            metric = unpromoted(eng, lm);
            f->cue_metric = NULL;
            best = 30;
            snprintf(why, sizeof why, "a forecast after %s",
                     promote_family(eng, lm) ? "spending" : lm);
        }
    }
    if (best < 20 || !metric) {
        metric = NULL;
        for (size_t d = 0; d < eng->defaults.n; d++) {
            const fig_default *df = eng->defaults.v[d];
            if ((df->kinds & (1u << f->kind)) && cond_ok(df->cond, df->min, df->max, df->per, f)) {
                metric = df->metric;
                break;
            }
        }
        if (!metric)
            metric = "other";
        best = 10;
        f->cue_metric = NULL;
        cmp_word = -1;
        conv = 0;
        snprintf(why, sizeof why, "default for %s", fig_kind_name((fig_kind)f->kind));
        if (quote_row(c, f)) {
            metric = f->kind == FIG_MONEY ? "price" : "stock_move";
            snprintf(why, sizeof why, "a quote in a company's row");
        }
    }
    /* spending at a monthly rate with nothing it buys is a burn rate, what a
     * company costs to run: "xAI is spending roughly $1 billion a month"
     * (not "expects to spend as much as $450 million a month on equipment",
     * nor a forecast's noun: "the range implies spending of about $15bn per
     * month") */
    if (bi >= 0 && f->cue_tok == c->cm[bi].c && f->per && strcmp(f->per, "month") == 0 &&
        strcmp(unpromoted(eng, metric), "capex") == 0 && !tok_is(st, c->cm[bi].d, "of") &&
        !has_cls(st, c->cl[fcl], fcl + 1 < c->ncl ? c->cl[fcl + 1] : st->n, LX_FUTURE) &&
        phrase_stem(eng->rules.v[c->cm[bi].rule], "spen") && !purpose_after(st, f->t1)) {
        metric = "cost";
        snprintf(why, sizeof why, "'%s' by the month", ((const fig_rule *)eng->rules.v[c->cm[bi].rule])->phrase);
    }
    /* a price as quoted, whatever the words around it: "lease rates ...
     * climbed to as much as $180 per kilowatt per month" (LABELLING: two
     * denominators are a price) */
    if (two_denominators(st, f) && strcmp(metric, "price") != 0) {
        metric = "price";
        if (best < 60)
            best = 60;
        snprintf(why, sizeof why, "two denominators");
    }
    /* earnings per share after the earnings, whatever price word the
     * "per share" is */
    if (per_share_restated(st, items, k)) {
        metric = "other";
        if (best < 60)
            best = 60;
        snprintf(why, sizeof why, "per share of the figure before");
    }
    /* spending done, or a forecast? */
    const char *to = promoted(eng, metric);
    if (to) {
        int a = c->cl[fcl], b = fcl + 1 < c->ncl ? c->cl[fcl + 1] : st->n;
        int fut = future_in(st, a, b, f) || tab_when > 0;
        int past = (has_cls(st, a, b, LX_PAST) || tab_when < 0) && tab_when <= 0;
        /* what spending was: "Meta's capital expenditure was $21.3 billion"
         * (a copula in the past right before the figure, with no forecast
         * word before it: not "was expected to be", "was forecast at", "its
         * forecast for capital spending was") */
        int was = f->q0 >= 1 && !tab_when &&
                  (tok_is(st, f->q0 - 1, "was") || tok_is(st, f->q0 - 1, "were")) &&
                  !has_cls(st, a < f->q0 ? a : f->q0, f->q0, LX_FUTURE);
        if (was)
            past = 1;
        /* both: the nearer word tells ("Spending in the third quarter rose
         * to $24.6 billion ..., above the $22.9 billion analysts had
         * expected", "capex of $37.5bn in the quarter was above our
         * estimate") */
        if (fut && past && !tab_when &&
            (was || nearest_cls(st, a, b, f, LX_PAST) < nearest_cls(st, a, b, f, LX_FUTURE)))
            fut = 0;
        int dy = ds->doc_year;
        const char *res;
        const char *because;
        /* the figure a forecast is compared with ("$18 billion in fiscal
         * 2026, up from $13.8 billion") has its own time: its own year, its
         * own forecast words ("from its prior forecast of $2 billion", "the
         * earlier range of"), an earlier plan when a plan is revised ("raised
         * its capital plan to $76 billion, up from $63 billion a year ago"),
         * else the spending of the period before */
        int own = 0, fwd = 0;
        for (int w = cmp_word + 1; cmp_word >= 0 && w < st->n && w < f->t1 + 5; w++) {
            if (w >= f->q0 && w < f->t1)
                continue;
            if (w >= f->t1 && (tok_sym(st, w, ',') || tok_sym(st, w, ';') || tok_sym(st, w, '.')))
                break;
            int y = fig_tok_year(c->doc, st, w);
            if (y)
                own = y;
            /* "compared with roughly $400 billion this year": a year still
             * running */
            if (dy && tok_is(st, w, "this") && tok_is(st, w + 1, "year"))
                own = dy;
            if ((tok_cls(st, w) & LX_FUTURE) || tok_is(st, w, "range") || tok_is(st, w, "plan") ||
                tok_is(st, w, "guidance") || tok_is(st, w, "view") || tok_is(st, w, "target") ||
                tok_is(st, w, "outlook") || tok_is(st, w, "budget"))
                fwd = 1;
        }
        if (conv && from_prev) {
            res = from_prev;
            because = "as the figure it converts";
        } else if (cmp_word >= 0 && from_prev) {
            if (own && dy && own < dy) {
                res = metric;
                because = "compared, past year";
            } else if (own && dy) {
                res = to;
                because = "compared, current or coming year";
            } else if (fwd) {
                res = to;
                because = "compared with an earlier forecast";
            } else if (revision && strcmp(from_prev, to) == 0) {
                res = to;
                because = "the forecast it revises";
            } else if (f->cue_metric && strcmp(f->cue_metric, to) == 0) {
                res = to;
                because = "compared with an earlier plan";
            } else {
                res = metric;
                because = "compared, the period before";
            }
            if (!own)
                f->period[0] = 0;
        } else if (year && dy && year < dy &&
                   !(ds->year_guessed && forecast_lead(c, items, k, a))) {
            /* (a forecast for a year before a guessed one is no past year:
             * the guess leans to the years the text looks ahead to, and a
             * forecast word before the figure says more than it; "expects
             * 2025 capital spending of $40 billion" in a text about 2026 and
             * 2027, "It expects capital expenditures of roughly $125 billion
             * in 2025" in one that also builds by 2028) */
            res = metric;
            because = "past year";
        } else if (last_year_after(st, f)) {
            /* "plans to spend about 160 billion yuan ... in 2026, up from
             * roughly 150 billion yuan last year" */
            res = metric;
            because = "last year's";
        } else if (pledge && !from_prev &&
                   strcmp(metric, ((const fig_rule *)eng->rules.v[c->cm[bi].rule])->metric) == 0 &&
                   !(fut && year && !strchr(f->period, '-') &&
                     (one_year_in(c, fcl, f) || noun_forecast(c, bi, a, b)))) {
            /* (a part of a forecast, or a figure listed after one, follows it:
             * "capex for 2025 is planned at 151.2 billion yuan, of which
             * investment in computing will reach 37.3 billion yuan") */
            /* a forecast for one year ("investments ... are expected to be
             * $650 billion in 2026") is no pledge */
            res = metric;
            because = "a pledge";
        } else if (fut) {
            res = to;
            because = "forward-looking";
        } else if (past) {
            res = metric;
            because = "spent/reported";
        } else if (span_begun(c, a, b, dy, f)) {
            res = metric;
            because = "a programme under way";
        } else if (year && dy && year >= dy) {
            res = to;
            because = "current or coming year";
        } else if (from_prev && strcmp(unpromoted(eng, from_prev), metric) == 0) {
            res = from_prev;
            because = "as the figure it follows";
        } else if (ds->last_capex) {
            res = ds->last_capex;
            because = "as the figure before";
        } else {
            res = metric;
            because = "no time cue";
        }
        metric = res;
        size_t l = strlen(why);
        snprintf(why + l, sizeof why - l, ", %s", because);
    }
    f->metric = metric;
    f->metric_score = best;
    snprintf(f->cue, sizeof f->cue, "metric %s by %s", metric, why);
}

/* ------------------------------------------------------------------------
 * Entity
 * --------------------------------------------------------------------- */

/* 1 if mention m is a place's possessive before a part of it ("Alberta's
 * Peace River region", "Ohio's capital"): where a site is, not whose. */
static int place_of(const sctx *c, const ment *m)
{
    const fig_sent *st = c->st;
    if (ENT(c, m->ent)->type != ET_COUNTRY)
        return 0;
    for (int j = m->end; j < st->n && j < m->end + 4 && st->tok[j].type == TK_WORD; j++)
        if (tok_is(st, j, "region") || tok_is(st, j, "province") || tok_is(st, j, "county") ||
            tok_is(st, j, "city") || tok_is(st, j, "area") || tok_is(st, j, "district") ||
            tok_is(st, j, "valley") || tok_is(st, j, "coast") || tok_is(st, j, "capital") ||
            tok_is(st, j, "town") || tok_is(st, j, "desert") || tok_is(st, j, "interior") ||
            tok_is(st, j, "countryside") || tok_is(st, j, "hinterland"))
            return 1;
    return 0;
}

/* The company right after a place's possessive ("Abu Dhabi's G42",
 * "Taiwan's Foxconn"), or NULL: the place says where the company is from,
 * the company is whose. */
static const ment *company_after_place(const sctx *c, const ment *m)
{
    if (ENT(c, m->ent)->type != ET_COUNTRY || !(m->flags & MF_POSS))
        return NULL;
    long q = m - c->m;
    if (q < 0 || q + 1 >= c->nm || c->m[q + 1].tok != m->end ||
        !can_own(c->eng, c->ds, c->m[q + 1].ent) || ENT(c, c->m[q + 1].ent)->type == ET_COUNTRY)
        return NULL;
    return &c->m[q + 1];
}

/* 1 if the "by" before the mention at token i follows a verb of supply
 * ("powered by Hydro-Ontario", "fed by the utility"): the supplier of a
 * site owns none of its figures. */
static int supply_by(const fig_sent *st, int i)
{
    for (int j = i - 1; j >= 0 && j >= i - 3; j--)
        if (tok_is(st, j, "by"))
            return tok_is(st, j - 1, "powered") || tok_is(st, j - 1, "fed") ||
                   tok_is(st, j - 1, "supplied") || tok_is(st, j - 1, "served") ||
                   tok_is(st, j - 1, "cooled") || tok_is(st, j - 1, "connected");
    return 0;
}

/* The entity of the last heading line, or -1. */
static int ds_section(const sctx *c)
{
    return c->ds->section;
}

/* Counts a mention of e towards the text's main subject, keeping the two
 * highest counts of companies and agencies (a country, index, person or
 * source makes no owner of a text: "US data centers"). */
static void count_mention(const struct fig_engine *eng, fig_docstate *ds, int e)
{
    if (e < 0 || (size_t)e >= ds->nent + (size_t)ds->ndyn)
        return;
    int v = ++ds->mention_count[e];
    ds->last_sent[e] = ds->nsent;
    if (!can_own(eng, ds, e))
        return;
    if (e == ds->dom_top) {
        ds->dom_c1 = v;
    } else if (v > ds->dom_c1) {
        ds->dom_c2 = ds->dom_c1;
        ds->dom_c1 = v;
        ds->dom_top = e;
    } else if (v > ds->dom_c2) {
        ds->dom_c2 = v;
    }
}

/* The dominant entity of the document so far, or -1. */
static int dominant(const fig_docstate *ds)
{
    int c1 = ds->dom_c1, c2 = ds->dom_c2;
    if ((c1 >= 3 && c1 >= 2 * c2) || (c1 >= 1 && c2 == 0))
        return ds->dom_top;
    return -1;
}

/* 1 if v has one significant digit (50, 3e9, 0.5): a round number. */
static int round_value(double v)
{
    if (v <= 0)
        return 0;
    for (int k = 0; k < 40 && v < 1; k++)
        v *= 10;
    for (int k = 0; k < 40 && v >= 10 && v == (double)(long long)(v / 10) * 10; k++)
        v /= 10;
    return v < 10 && v == (double)(long long)v;
}

/* 1 if a group word ("hyperscalers", "Big Tech", "global") stands in [a, b). */
static int group_in(const fig_sent *st, int a, int b)
{
    if (a < 0)
        a = 0;
    for (int k = a; k < b && k < st->n; k++) {
        if (tok_cls(st, k) & LX_GROUP) {
            /* a word of a name: "Kestrel Labs", "Global Infrastructure
             * Partners" */
            if (k > 0 && (st->tok[k].flags & TF_CAP) && !(st->tok[k - 1].flags & TF_NL) &&
                !tok_sym(st, k - 1, ':'))
                continue;
            /* "Nscale, the AI hyperscaler,": one company, no group */
            int one = 0;
            for (int q = k - 1; q >= a && q >= k - 4 && st->tok[q].type == TK_WORD && !one; q--)
                one = is_art(st, q);
            if (tok_is(st, k, "hyperscaler") && one)
                continue;
            /* "together with Nvidia": a partner, no total */
            if (tok_is(st, k, "together") && tok_is(st, k + 1, "with"))
                continue;
            /* "the combined company" after a merger, "the two companies":
             * the company (or pair) spoken of */
            if (tok_is(st, k, "combined") && (tok_is(st, k + 1, "company") || tok_is(st, k + 1, "group") ||
                                              tok_is(st, k + 1, "entity") || tok_is(st, k + 1, "business")))
                continue;
            if ((tok_is(st, k, "companies") || tok_is(st, k, "firms")) &&
                (tok_is(st, k - 1, "two") || tok_is(st, k - 1, "both")))
                continue;
            /* a share of a market: "held 57% of the global market", "3% of
             * global data-centre capacity" */
            if ((tok_is(st, k, "global") || tok_is(st, k, "worldwide") || tok_is(st, k, "industry") ||
                 tok_is(st, k, "sector")) &&
                (tok_is(st, k - 1, "of") || (tok_is(st, k - 1, "the") && tok_is(st, k - 2, "of"))))
                continue;
            /* one owner's total: "projects with a combined capacity of 5.9
             * GW", "two units have a combined capacity of 2,400 MW" */
            if (tok_is(st, k, "combined") && tok_is(st, k - 1, "a"))
                continue;
            /* a compound: "combined-cycle gas plants", "global-scale" */
            if (tok_is_dash(st, k + 1) && tok_glued(st, k + 1))
                continue;
            return 1;
        }
        if (tok_is(st, k, "big") && tok_is(st, k + 1, "tech"))
            return 1;
        /* the world as a subject ("McKinsey estimates that the world will
         * need $5.2 trillion"; not "the world's largest chipmaker") */
        if (tok_is(st, k, "world") && tok_is(st, k - 1, "the") && !(st->tok[k].flags & TF_POSS) &&
            (tok_is(st, k + 1, "will") || tok_is(st, k + 1, "would") || tok_is(st, k + 1, "could") ||
             tok_is(st, k + 1, "needs") || tok_is(st, k + 1, "need") || tok_is(st, k + 1, "may")))
            return 1;
    }
    return 0;
}

/* 1 if a source (a bank, an outlet, an analyst firm) is the subject right
 * before token k, from token a on: "Jefferies raised its ...". */
static int source_before(const sctx *c, int a, int k)
{
    for (int q = c->nm - 1; q >= 0; q--) {
        const ment *m = &c->m[q];
        if (m->end > k || m->tok < a)
            continue;
        return (m->flags & MF_SOURCE) && m->prep == P_NONE && k - m->end <= 3;
    }
    return 0;
}

/* 1 if token i is a lower-case noun, not a verb: "data" in "U.S. data
 * centers will need" (not "US weighs", "Britain has pledged"). */
static int noun_after(const fig_sent *st, int i)
{
    if (i >= st->n || st->tok[i].type != TK_WORD || (st->tok[i].flags & (TF_CAP | TF_POSS)))
        return 0;
    const fig_tok *t = &st->tok[i];
    if (new_subject_verb(st, i) || tok_is(st, i, "has") || tok_is(st, i, "have") ||
        tok_is(st, i, "is") || tok_is(st, i, "are") || tok_is(st, i, "was") || tok_is(st, i, "were") ||
        tok_is(st, i, "could") || tok_is(st, i, "may") || tok_is(st, i, "can") || tok_is(st, i, "to"))
        return 0;
    if (tok_cls(st, i) & LX_GROUP)
        return 1; /* "U.S. hyperscalers" */
    if (t->lex && (t->lex->org & LO_NOUN))
        return 1; /* "UK neocloud Nscale", "Dutch chipmaker" */
    if (fig_lex_known(t->lex) &&
        ((t->lex->org & LO_VERB) ||
         (tok_cls(st, i) & (LX_MOVE | LX_CHANGE | LX_PREP | LX_DETERM | LX_CONNECT | LX_CLAUSE |
                            LX_PRON | LX_NUM | LX_FUTURE | LX_PAST))))
        return 0;
    /* (a verb in -s or -ed: "India approves", "Malaysia approved") */
    return st->doc[t->off + t->len - 1] != 's' &&
           !(t->len > 2 && st->doc[t->off + t->len - 2] == 'e' && st->doc[t->off + t->len - 1] == 'd');
}

/* 1 if "that"/"this" at token k stands for what was said before ("That is
 * more than expected", "that means"). */
static int demonstrative(const fig_sent *st, int k)
{
    static const char *const verbs[] = {"is", "was", "means", "represents", "would", "will",
                                        "could", "includes", "brings", "puts", "makes", "marks",
                                        "amounts", "equals", "compares", "takes", "gives", "came",
                                        "comes", "implies", "translates", "works"};
    if (!tok_is(st, k, "that") && !tok_is(st, k, "this"))
        return 0;
    if (k > 0 && !tok_sym(st, k - 1, ',') && !tok_sym(st, k - 1, ';'))
        return 0;
    return word_of(st, k + 1, verbs, sizeof verbs / sizeof verbs[0]);
}

/* 1 if a pronoun or "the company"-like phrase stands in [a, b). */
static int anaphor_in(const fig_sent *st, int a, int b)
{
    if (a < 0)
        a = 0;
    for (int k = a; k < b && k < st->n; k++) {
        uint32_t cl = tok_cls(st, k);
        /* it, its, they, their: not we or he (an analyst, a person); not
         * a speaker ("rentals rose 8%, it said") */
        if ((cl & LX_PRON) && speaker_at(st, k + 1))
            continue;
        if ((cl & LX_PRON) && (tok_is(st, k, "it") || tok_is(st, k, "its") || tok_is(st, k, "itself") ||
                               tok_is(st, k, "they") || tok_is(st, k, "their") || tok_is(st, k, "them")))
            return 1;
        if (demonstrative(st, k))
            return 1;
        if ((tok_is(st, k, "companies") || tok_is(st, k, "firms")) &&
            (tok_is(st, k - 1, "two") || tok_is(st, k - 1, "both")))
            return 1;
        if ((cl & LX_ANAPH) && k > 0 && (tok_cls(st, k - 1) & LX_DETERM))
            return 1;
        if ((cl & LX_ANAPH) && k > 1 && (tok_cls(st, k - 2) & LX_DETERM))
            return 1;
    }
    return 0;
}

/* 1 if the description at token an is a name: an epithet the gazetteer
 * knows ("the ChatGPT maker", "the Facebook parent") covers its noun. */
static int epithet_at(const sctx *c, int an)
{
    if (an < 0 || !tok_is(c->st, an, "the"))
        return 0;
    for (int q = 0; q < c->nm; q++)
        if (c->m[q].tok > an && c->m[q].tok <= an + 3)
            for (int k = c->m[q].tok; k < c->m[q].end; k++)
                if (tok_cls(c->st, k) & LX_ANAPH)
                    return 1;
    return 0;
}

/* ------------------------------------------------------------------------
 * Where companies are based: "the San Francisco-based company"
 * --------------------------------------------------------------------- */

/* 1 if token i is "based", "headquartered" or "listed" after a dash: the
 * end of a description by place ("Denver-based", "Nasdaq-listed"). */
static int place_word(const fig_sent *st, int i)
{
    return i >= 1 && tok_is_dash(st, i - 1) &&
           (tok_is(st, i, "based") || tok_is(st, i, "headquartered") || tok_is(st, i, "listed"));
}

/* The places of a "-based" at token i ("San Francisco-based", "Livingston,
 * New Jersey-based"): the hashes of their capitalised words into h (at
 * most FIG_BASED_MAX, the last word first), the first place token into
 * *first, and into *city the index in h of a town's last word before a
 * comma ("Castle Rock, Colorado": "rock"; left alone without a comma).
 * Returns the count; 0 when token i is no "-based" (or "-listed",
 * "-headquartered") after a place.
 * The walk back stops at a name ("Nvidia, Santa Clara-based" keeps
 * Nvidia out of the place). */
static int place_based(const sctx *c, int i, uint32_t *h, int *first, int *city)
{
    const fig_sent *st = c->st;
    if (i < 2 || !place_word(st, i) || !tok_glued(st, i - 1))
        return 0;
    int n = 0;
    for (int k = i - 2; k >= 0 && k >= i - 8 && n < FIG_BASED_MAX; k--) {
        const fig_tok *t = &st->tok[k];
        /* (a state or a country is a place: "Colorado-based") */
        const ment *m = NULL;
        for (int q = 0; q < c->nm && !m; q++)
            if (c->m[q].tok <= k && k < c->m[q].end)
                m = &c->m[q];
        if (m && ENT(c, m->ent)->type != ET_COUNTRY && ENT(c, m->ent)->type != ET_REGION)
            break;
        if (t->type == TK_WORD && (t->flags & TF_CAP) && !tok_cls(st, k) && t->hash) {
            h[n++] = t->hash;
            *first = k;
        } else if (tok_sym(st, k, ',') && n > 0 && k > 0 && (st->tok[k - 1].flags & TF_CAP)) {
            *city = n; /* "Castle Rock, Colorado": the town's last word comes next */
        } else {
            break;
        }
    }
    return n;
}


/* Records that entity e is based in the n places of h. */
static void set_based(sctx *c, int e, const uint32_t *h, int n)
{
    if (e < 0 || (size_t)e >= c->ds->nent + FIG_DYN_MAX || !can_own(c->eng, c->ds, e))
        return;
    memset(c->ds->based[e], 0, sizeof c->ds->based[e]);
    memcpy(c->ds->based[e], h, (size_t)n * sizeof *h);
}

/* Learns where the sentence says its companies are based: "Denver-based
 * developer Crusoe", "Crusoe, a Denver-based developer", "Crusoe, which is
 * based in Denver". */
static void note_bases(sctx *c)
{
    const fig_sent *st = c->st;
    if (!c->nm)
        return;
    /* (every sentence passes here: one compare of the word's hash a token) */
    uint32_t based_hash = fig_hash("based", 5);
    for (int i = 2; i < st->n; i++) {
        if (st->tok[i].hash != based_hash || !tok_is(st, i, "based"))
            continue;
        uint32_t h[FIG_BASED_MAX];
        int first = i, city = 0, n = place_based(c, i, h, &first, &city);
        if (tok_is(st, i, "listed"))
            continue; /* an exchange is no base */
        if (n) {
            /* a name after it, over lower-case nouns: "Denver-based developer Crusoe" */
            int k = i + 1;
            while (k < st->n && k < i + 5 && st->tok[k].type == TK_WORD &&
                   !(st->tok[k].flags & TF_CAP) && !tok_is(st, k, "and"))
                k++;
            const ment *m = mention_at(c, k);
            if (m) {
                set_based(c, m->ent, h, n);
                continue;
            }
            /* a name before it: "Crusoe, a Denver-based developer", "Crusoe
             * is a Denver-based ..." */
            int d = first - 1;
            if (d >= 2 && (tok_is(st, d, "a") || tok_is(st, d, "an") || tok_is(st, d, "the")) &&
                (tok_sym(st, d - 1, ',') || tok_is(st, d - 1, "is") || tok_is(st, d - 1, "was")))
                for (int q = 0; q < c->nm; q++)
                    if (c->m[q].end == d - 1)
                        set_based(c, c->m[q].ent, h, n);
            continue;
        }
        /* "Crusoe, which is based in Denver", "Crusoe, based in Denver," */
        if (!tok_is(st, i + 1, "in"))
            continue;
        for (int k = i + 2; k < st->n && k < i + 8 && n < FIG_BASED_MAX; k++) {
            if (st->tok[k].type == TK_WORD && (st->tok[k].flags & TF_CAP) && !tok_cls(st, k) &&
                st->tok[k].hash)
                h[n++] = st->tok[k].hash;
            else if (!tok_sym(st, k, ','))
                break;
        }
        int owner = -1;
        for (int q = 0; q < c->nm; q++)
            if (c->m[q].end <= i && c->m[q].end >= i - 4)
                owner = c->m[q].ent;
        if (n && owner >= 0)
            set_based(c, owner, h, n);
    }
}

/* A name glued to a participle qualifies the noun after it and owns
 * nothing there: "a Temasek-backed group", "Microsoft-backed OpenAI",
 * "SoftBank-owned Arm", "a Denver-based developer". */
static void note_modifiers(sctx *c)
{
    /* (not "led": "an Apollo-led group lines up $24bn" is Apollo's, as "a
     * group led by Apollo" is; not a headline's capitals: "Oracle-Linked
     * Data Centers") */
    static const char *const parts[] = {"backed", "owned", "based", "linked", "controlled",
                                        "funded", "affiliated", "listed", "run", "operated",
                                        "sponsored", "supported", "made", "built", "designed"};
    const fig_sent *st = c->st;
    for (int q = 0; q < c->nm; q++) {
        int e = c->m[q].end;
        if (tok_is_dash(st, e) && tok_glued(st, e) && tok_glued(st, e + 1) &&
            !(st->tok[e + 1].flags & TF_CAP) && word_of(st, e + 1, parts, sizeof parts / sizeof *parts))
            c->m[q].flags |= MF_SOURCE;
    }
}

/* 1 if the text or the gazetteer says where entity e is based. */
static int based_known(const sctx *c, int e)
{
    const fig_entity *en = fig_entity_at(c->eng, c->ds, e);
    if (!en || e < 0 || (size_t)e >= c->ds->nent + FIG_DYN_MAX)
        return 0;
    return c->ds->based[e][0] != 0 || en->based[0] != 0;
}

/* The company a "-based" description in tokens [a, b) names: the one the
 * text or the gazetteer puts in that place, named last; -2 when the
 * description names a place none is known in, -1 when it has no
 * "-based". */
static int based_owner(const sctx *c, int a, int b)
{
    const fig_sent *st = c->st;
    const fig_docstate *ds = c->ds;
    uint32_t h[FIG_BASED_MAX];
    int n = 0, first = 0, city = 0;
    for (int i = a; i < b && i < st->n && !n; i++)
        n = place_based(c, i, h, &first, &city);
    if (!n)
        return -1;
    /* a town and its state ("Castle Rock, Colorado-based"): the town must
     * match; the state alone would take any company of the state */
    uint32_t key = city > 0 && city < n ? h[city] : h[0];
    int best = -2, best_sent = 0;
    for (size_t e = 0; e < ds->nent + (size_t)ds->ndyn; e++) {
        if (ds->last_sent[e] <= best_sent)
            continue;
        const fig_entity *en = fig_entity_at(c->eng, ds, (int)e);
        if (!en || !can_own(c->eng, ds, (int)e))
            continue;
        int hit = 0;
        for (int j = 0; j < FIG_BASED_MAX && !hit; j++)
            hit = (ds->based[e][j] && ds->based[e][j] == key) || (en->based[j] && en->based[j] == key);
        if (hit) {
            best = (int)e;
            best_sent = ds->last_sent[e];
        }
    }
    return best;
}

/* The first token of [a, b) that refers back to a company ("it", "its",
 * "the company", "the chipmaker"), or -1. */
static int anaphor_at(const fig_sent *st, int a, int b)
{
    for (int k = a < 0 ? 0 : a; k < b && k < st->n; k++) {
        /* only a pronoun or a determiner starts one */
        uint32_t cl = tok_cls(st, k);
        if (!(cl & (LX_PRON | LX_DETERM)))
            continue;
        if ((tok_is(st, k, "it") && !speaker_at(st, k + 1)) || tok_is(st, k, "its"))
            return k;
        if ((cl & LX_DETERM) && (tok_cls(st, k + 1) & LX_ANAPH) && k + 1 < b &&
            !tok_is(st, k + 1, "shares") && !tok_is(st, k + 1, "stock"))
            return k;
        /* "The Japanese conglomerate said", "the Taiwanese contract
         * manufacturer": up to three adjectives or compounds between */
        if (tok_is(st, k, "the")) {
            int j = k + 1, lim = k + 4;
            /* over a place: "the San Francisco-based company", "the
             * Livingston, New Jersey-based company" */
            for (int q = k + 2; q < b && q < k + 8 && (st->tok[k + 1].flags & TF_CAP); q++)
                if (place_word(st, q)) {
                    j = q + 1;
                    lim = j + 3;
                    break;
                } else if (st->tok[q].type == TK_WORD && !(st->tok[q].flags & TF_CAP)) {
                    break;
                }
            while (j < b && j < lim && st->tok[j].type == TK_WORD && !tok_cls(st, j))
                j += 1 + (tok_is_dash(st, j + 1) && j + 2 < b && !tok_cls(st, j + 2));
            if (j > k + 1 && j < b && (tok_cls(st, j) & LX_ANAPH) && !tok_is(st, j, "shares") &&
                !tok_is(st, j, "stock") && !tok_is(st, j, "site") && !tok_is(st, j, "project"))
                return k;
        }
        /* "The two companies will invest", "the combined company" */
        if (tok_is(st, k, "the") && k + 2 < b && (tok_is(st, k + 1, "two") || tok_is(st, k + 1, "combined")) &&
            (tok_is(st, k + 2, "companies") || tok_is(st, k + 2, "company") || tok_is(st, k + 2, "firms") ||
             tok_is(st, k + 2, "group")))
            return k;
    }
    return -1;
}

/* The country the text names most (a Tokyo report that once names Ohio is
 * Japan's), else the one named last, or -1. */
static int main_country(const sctx *c)
{
    int own = c->ds->country, most = 0;
    for (size_t e = 0; e < c->ds->nent + (size_t)c->ds->ndyn; e++)
        if (c->ds->mention_count[e] > most && ENT(c, (int)e)->type == ET_COUNTRY) {
            most = c->ds->mention_count[e];
            own = (int)e;
        }
    return own;
}

/* The clause's subject is a government, its officials or a minister: the
 * token of that word in [a, b), or -1. "The Ministry of Science has set
 * aside", "At a summit, President Emmanuel Macron announced", "the
 * government aims". Not after a preposition ("subsidies from the state"). */
static int gov_subject(const sctx *c, int a, int b, int *owner)
{
    static const char *const gov[] = {"government", "governments", "ministry", "cabinet",
                                      "parliament", "congress", "administration", "state",
                                      "country", "nation", "president", "premier", "minister",
                                      "chancellor", "department", "regulators", "regulator", "authorities",
                                      "officials", "lawmakers"};
    const fig_sent *st = c->st;
    for (int k = a; k < b && k < a + 10; k++) {
        if (st->tok[k].type != TK_WORD)
            continue;
        /* a name comes first: the subject rule's; not a country after a
         * preposition ("In Britain, the Department for Business ...") */
        if (mention_at(c, k) && !(mention_at(c, k)->flags & MF_SOURCE) &&
            !(ENT(c, mention_at(c, k)->ent)->type == ET_COUNTRY && k > a &&
              (tok_cls(st, k - 1) & LX_PREP)))
            return -1;
        if (st->tok[k].len < 5 || st->tok[k].len > 14 || tok_cls(st, k))
            continue; /* (cheap: no word of the list is shorter, longer or a class word) */
        size_t g = 0;
        while (g < sizeof gov / sizeof gov[0] && !tok_is_var(st, k, gov[g]))
            g++;
        if (g == sizeof gov / sizeof gov[0])
            continue;
        /* "the state", "the country": not "state-backed", "country's" */
        if (g >= 7 && g <= 9 && (!tok_is(st, k - 1, "the") || (st->tok[k].flags & TF_POSS) ||
                                 tok_is_dash(st, k + 1)))
            continue;
        int p = k - 1;
        while (p >= a && st->tok[p].type == TK_WORD &&
               ((tok_cls(st, p) & LX_DETERM) || ((st->tok[p].flags & TF_CAP) && !tok_cls(st, p)) ||
                tok_is(st, p, "prime") || tok_is(st, p, "federal") || tok_is(st, p, "national") ||
                tok_is(st, p, "central") || tok_is(st, p, "local")))
            p--;
        if (p >= a && st->tok[p].type == TK_WORD && (tok_cls(st, p) & (LX_PREP | LX_MOVE | LX_CHANGE)))
            return -1;
        /* a government owns its figures as its country; officials own none */
        *owner = -1;
        if (g < 15) {
            for (int q = 0; q < c->nm; q++)
                if (c->m[q].tok < k && ENT(c, c->m[q].ent)->type == ET_COUNTRY)
                    *owner = c->m[q].ent;
            if (*owner < 0)
                *owner = c->ds->country >= 0 ? c->ds->country : main_country(c);
        }
        return k;
    }
    return -1;
}

/* Who the anaphor at token an stands for: the company a press release
 * defined as "the Company" when it reads so, else dflt. */
/* The deal role a description names: "the chipmaker", "the memory
 * maker", "the utility", "the grid operator", "the cloud provider", "the
 * AI lab", "the developer"; ER_NONE for "the company", "the group". The
 * description runs from token an (its determiner) to its head noun. */
static int described_role(const fig_sent *st, int an)
{
    for (int k = an + 1; k < st->n && k <= an + 4; k++) {
        if (!(tok_cls(st, k) & LX_ANAPH))
            continue;
        int mod = k - 1 > an ? k - 1 : -1; /* the word before the head */
        if (tok_is(st, k, "chipmaker") || tok_is(st, k, "designer") ||
            (mod >= 0 && (tok_is(st, k, "maker") || tok_is(st, k, "company") ||
                          tok_is(st, k, "manufacturer") || tok_is(st, k, "supplier")) &&
             (tok_is(st, mod, "chip") || tok_is(st, mod, "memory") || tok_is(st, mod, "semiconductor") ||
              tok_is(st, mod, "processor") || tok_is(st, mod, "gpu"))))
            return ER_CHIP;
        if (tok_is(st, k, "utility") ||
            (mod >= 0 && (tok_is(st, k, "operator") || tok_is(st, k, "company") ||
                          tok_is(st, k, "producer") || tok_is(st, k, "supplier")) &&
             (tok_is(st, mod, "grid") || tok_is(st, mod, "power") || tok_is(st, mod, "electricity") ||
              tok_is(st, mod, "energy"))))
            return ER_UTILITY;
        if (tok_is(st, k, "neocloud") ||
            (mod >= 0 && (tok_is(st, k, "provider") || tok_is(st, k, "company") ||
                          tok_is(st, k, "operator") || tok_is(st, k, "giant")) &&
             tok_is(st, mod, "cloud")))
            return ER_CLOUD;
        if (mod >= 0 && (tok_is(st, k, "lab") || tok_is(st, k, "startup") || tok_is(st, k, "developer")) &&
            (tok_is(st, mod, "ai") || tok_is(st, mod, "model")))
            return ER_LAB;
        if (tok_is(st, k, "landlord") || (tok_is(st, k, "developer") && mod < 0))
            return ER_BUILDER;
        return ER_NONE;
    }
    return ER_NONE;
}

/* Who an anaphor refers to, dflt being the subject before. "The Company"
 * is who a release defined it to be. A description naming a role ("the
 * chipmaker", "the utility") is the company of that role named last, within
 * the last few sentences, when the subject before has another role:
 * "Broadcom shares rose after Oracle said it would spend $40 billion. The
 * chipmaker ...". */
static int anaphor_owner(const sctx *c, int an, int dflt)
{
    const fig_sent *st = c->st;
    const fig_docstate *ds = c->ds;
    if (an >= 0 && ds->company_def >= 0 && tok_is(st, an, "the") && tok_is(st, an + 1, "company") &&
        (st->tok[an + 1].flags & TF_CAP))
        return ds->company_def;
    /* "The larger rival", "its biggest competitor": the company named
     * last that is neither the subject before nor the text's own; a name
     * right after it is the rival itself ("rival AMD") */
    for (int k = an + 1; an >= 0 && k <= an + 3 && k < st->n; k++) {
        if (!tok_is(st, k, "rival") && !tok_is(st, k, "competitor"))
            continue;
        if (mention_at(c, k + 1))
            return mention_at(c, k + 1)->ent;
        int about = ds->title_ent >= 0 ? ds->title_ent : dominant(ds);
        int best = -1, best_sent = ds->nsent - 4;
        for (size_t e = 0; e < ds->nent + (size_t)ds->ndyn; e++) {
            if (ds->last_sent[e] <= best_sent || (int)e == dflt || (int)e == about ||
                !can_own(c->eng, ds, (int)e) || fig_entity_at(c->eng, ds, (int)e)->type != ET_COMPANY)
                continue;
            /* (not one the sentence names after it: "Its rival has signed
             * deals with Oracle, Microsoft ...") */
            int later = 0;
            for (int q = 0; q < c->nm && !later; q++)
                later = c->m[q].ent == (int)e && c->m[q].tok > an;
            if (later)
                continue;
            best = (int)e;
            best_sent = ds->last_sent[e];
        }
        return best >= 0 ? best : dflt;
    }
    if (an < 0 || !tok_is(st, an, "the"))
        return dflt;
    /* "the San Francisco-based company": the one based there */
    int based = based_owner(c, an + 1, an + 9);
    if (based >= 0)
        return based;
    /* (a place no company named is known in, or an exchange: the subject
     * before, or else the company the text is about, when nothing puts it
     * elsewhere; that is how a story varies a company's name) */
    if (based == -2) {
        int about = ds->title_ent >= 0 && can_own(c->eng, ds, ds->title_ent) ? ds->title_ent
                    : dominant(ds) >= 0                                      ? dominant(ds)
                    : ds->dom_c1 > 0 && can_own(c->eng, ds, ds->dom_top)     ? ds->dom_top
                                                                             : -1;
        if (dflt >= 0 && can_own(c->eng, ds, dflt) && !based_known(c, dflt))
            return dflt;
        if (about >= 0 && !based_known(c, about))
            return about;
        if (about >= 0 && dflt < 0)
            return about;
    }
    int role = described_role(st, an);
    const fig_entity *d = ENT(c, dflt);
    if (role == ER_NONE || (d && d->role == role))
        return dflt;
    int best = -1, best_sent = ds->nsent - 4;
    for (size_t e = 0; e < ds->nent + (size_t)ds->ndyn; e++) {
        const fig_entity *en = fig_entity_at(c->eng, ds, (int)e);
        if (ds->last_sent[e] > 0 && ds->last_sent[e] > best_sent && en && en->role == role &&
            en->type == ET_COMPANY &&
            can_own(c->eng, ds, (int)e)) {
            best = (int)e;
            best_sent = ds->last_sent[e];
        }
    }
    return best >= 0 ? best : dflt;
}

/* Resolves a list subject: distributive lists give the member matching the
 * figure, collective ones no entity. */
static int list_member(const sctx *c, const ment *m, const fig_item *items, int n, int k,
                       int a, int b, const char **how)
{
    const fig_sent *st = c->st;
    const fig_item *f = &items[k];
    if (has_cls(st, a, b, LX_DISTRIB) && tok_is(st, b - 1, "respectively")) {
        /* the figure's position among the clause's figures */
        int idx = 0;
        for (int o = 0; o < k; o++)
            if (items[o].t0 >= a && items[o].kind == f->kind)
                idx++;
        for (int q = 0; q < c->nm; q++)
            if (c->m[q].list == m->list && c->m[q].list_pos == idx) {
                *how = "respectively";
                return c->m[q].ent;
            }
    }
    for (int q = a; q < b; q++)
        if (tok_is(st, q, "respectively")) {
            int idx = 0;
            for (int o = 0; o < k; o++)
                if (items[o].t0 >= a && items[o].kind == f->kind)
                    idx++;
            for (int z = 0; z < c->nm; z++)
                if (c->m[z].list == m->list && c->m[z].list_pos == idx) {
                    *how = "respectively";
                    return c->m[z].ent;
                }
        }
    if (f->kind == FIG_PERCENT && (has_cls(st, a, f->q0, LX_DISTRIB) || has_cls(st, m->end, f->q0, LX_MOVE))) {
        *how = "first of several";
        return m->ent;
    }
    (void)n;
    /* two companies doing one thing ("Humain and xAI will build a 500 MW
     * data center"), or more in a joint venture, share the figure: the
     * first named has it. A total ("combined", "together") has no owner. */
    int size = 0, first = -1;
    for (int q = 0; q < c->nm; q++)
        if (c->m[q].list == m->list && (c->m[q].flags & MF_LIST)) {
            if (first < 0)
                first = c->m[q].ent;
            size++;
        }
    int joint = 0;
    for (int q = a; q < b && !joint; q++)
        joint = tok_is(st, q, "joint") || tok_is(st, q, "jointly") || tok_is(st, q, "venture") ||
                tok_is(st, q, "partnership") || tok_is(st, q, "collaboration") ||
                tok_is(st, q, "consortium") || tok_is(st, q, "alliance");
    if (first >= 0 && !has_cls(st, a, b, LX_GROUP) && (size == 2 || joint) &&
        can_own(c->eng, c->ds, first)) {
        *how = "first of the partners";
        return first;
    }
    *how = "group";
    return -1;
}

/* 1 if a verb of leasing or renting stands in [a, b). */
static int leased_between(const fig_sent *st, int a, int b)
{
    for (int k = a < 0 ? 0 : a; k < b && k < st->n; k++)
        if (tok_is(st, k, "leases") || tok_is(st, k, "leased") || tok_is(st, k, "leasing") ||
            tok_is(st, k, "lease") || tok_is(st, k, "rents") || tok_is(st, k, "rented") ||
            tok_is(st, k, "renting") || tok_is(st, k, "rent"))
            return 1;
    return 0;
}

/* 1 if a verb of buying stands in tokens [a, b): "agreed to buy $38
 * billion of capacity from Amazon" names the seller after "from". */
static int bought_between(const fig_sent *st, int a, int b)
{
    static const char *const buy[] = {"buy", "buys", "bought", "buying", "purchase", "purchases",
                                      "purchased", "purchasing", "procure", "procures", "procured"};
    return word_in(st, a, b, buy, sizeof buy / sizeof buy[0]);
}

/* 1 if a verb of taking a supply stands in [a, b): buying, or taking,
 * renting or ordering capacity ("agreed to take capacity", "signed an
 * order worth"). */
static int taken_between(const fig_sent *st, int a, int b)
{
    static const char *const take[] = {"take",  "takes", "took",   "taken", "taking",
                                       "rent",  "rents", "rented", "order", "orders",
                                       "ordered"};
    return bought_between(st, a, b) || word_in(st, a, b, take, sizeof take / sizeof take[0]);
}

/* 1 if the word before token i is a verb of supplying that makes the name
 * at i the buyer: "AMD agreed to supply OpenAI with 6 GW", "Broadcom will
 * help OpenAI deploy 10 GW". */
static int supplied_to(const fig_sent *st, int i)
{
    int v = i - 1;
    /* over a possessor: "supply Elon Musk's xAI with ..." */
    if (v >= 0 && (st->tok[v].flags & TF_POSS))
        while (v >= 0 && v >= i - 4 && st->tok[v].type == TK_WORD && (st->tok[v].flags & TF_CAP))
            v--;
    return tok_is(st, v, "supply") || tok_is(st, v, "supplies") || tok_is(st, v, "supplying") ||
           tok_is(st, v, "provide") || tok_is(st, v, "provides") || tok_is(st, v, "providing") ||
           tok_is(st, v, "help") || tok_is(st, v, "helps") || tok_is(st, v, "helping") ||
           tok_is(st, v, "equip") || tok_is(st, v, "equips") || tok_is(st, v, "sell") ||
           tok_is(st, v, "sells");
}

/* 1 if mention m is a cloud whose capacity or services figure f buys, named
 * right after it: "$14 billion of Google Cloud services", "$6 billion of
 * capacity on Oracle's cloud", "2 gigawatts of capacity on Azure", "500 MW
 * at Nebius data centers". */
static int cloud_of(const sctx *c, const ment *m, const fig_item *f)
{
    const fig_sent *st = c->st;
    if (ENT(c, m->ent)->role != ER_CLOUD || clause_of(c, m->tok) != clause_of(c, f->t0))
        return 0;
    if (f->kind == FIG_MONEY && !(f->metric && strcmp(f->metric, "contract_value") == 0))
        return 0;
    if (f->kind == FIG_PERCENT)
        return 0;
    /* or right before it: "additional Azure capacity of up to one gigawatt" */
    if (m->end < f->q0 && f->q0 - m->end <= 3 && !(m->flags & MF_POSS)) {
        int j = m->end;
        if (!(tok_is(st, j, "capacity") || tok_is(st, j, "compute") || tok_is(st, j, "computing") ||
              tok_is(st, j, "services") || tok_is(st, j, "infrastructure")))
            return 0;
        return tok_is(st, j + 1, "of") || tok_is(st, j + 1, "worth");
    }
    if (m->tok < f->t1 || m->tok > f->t1 + 6)
        return 0;
    int j = m->tok - 1;
    if (tok_is(st, j, "the"))
        j--;
    if (!(tok_is(st, j, "of") || tok_is(st, j, "on") || tok_is(st, j, "at")))
        return 0;
    for (int w = f->t1; w < j; w++)
        if (st->tok[w].type == TK_SYM || (tok_cls(st, w) & (LX_CLAUSE | LX_CONNECT)))
            return 0;
    return 1;
}

/* 1 if token i looks like a noun a preposition hangs on ("commitments to
 * OpenAI"), not a verb ("pointed to Humain"). */
static int noun_at(const fig_sent *st, int i)
{
    const fig_tok *t = &st->tok[i];
    if (t->type != TK_WORD || (t->flags & TF_CAP) || t->len < 3 || tok_cls(st, i) ||
        (t->lex && (t->lex->org & LO_VERB)))
        return 0;
    const char *e = st->doc + t->off + t->len;
    return !(e[-2] == 'e' && e[-1] == 'd') && !(e[-3] == 'i' && e[-2] == 'n' && e[-1] == 'g');
}

/* 1 if token i names a market-wide statistic: a commodity's prices, a
 * market's size, a yield, rents ("Contract prices for DRAM", "the memory
 * market", "US 10-year yield", "Rental prices for an H100"); not a share's
 * price, a company's average price per unit, a market value or a market
 * share. */
static int stat_word(const fig_sent *st, int i)
{
    if (st->tok[i].type != TK_WORD || st->tok[i].len < 5)
        return 0;
    if (tok_is(st, i, "prices") || tok_is(st, i, "price"))
        return !tok_is(st, i - 1, "share") && !tok_is(st, i - 1, "stock") &&
               !tok_is(st, i - 1, "target") && !tok_is(st, i - 1, "selling") &&
               !tok_is(st, i - 1, "average") && !tok_is(st, i - 1, "its") &&
               !tok_is(st, i - 1, "their") && !tok_is(st, i + 1, "target") &&
               !tok_is(st, i + 1, "targets") && !tok_is(st, i + 1, "per");
    if (tok_is(st, i, "market"))
        return !tok_is(st, i + 1, "value") && !tok_is(st, i + 1, "values") &&
               !tok_is(st, i + 1, "cap") && !tok_is(st, i + 1, "capitalization") &&
               !tok_is(st, i + 1, "capitalisation") && !tok_is(st, i + 1, "share") &&
               !tok_is(st, i + 1, "shares") && !tok_is(st, i + 1, "leader") &&
               !tok_is(st, i - 1, "its") && !tok_is(st, i - 1, "their");
    return tok_is(st, i, "yield") || tok_is(st, i, "yields") || tok_is(st, i, "rents") ||
           tok_is(st, i, "rentals") || tok_is(st, i, "vacancy");
}

/* 1 if figure f of the clause starting at a is a market-wide statistic:
 * a statistic's word stands before it in the clause (or is its head noun:
 * "a $94 billion market") and no company, pronoun or "the company" does;
 * a country qualifying it owns nothing ("US 10-year yield: 4.15%"). A
 * stock move is its company's. */
static int market_stat(const sctx *c, const fig_item *f, int a)
{
    const fig_sent *st = c->st;
    if (f->metric && strcmp(f->metric, "stock_move") == 0)
        return 0;
    int stat = f->t1 < st->n && tok_is(st, f->t1, "market") && stat_word(st, f->t1);
    for (int i = a; i < f->q0; i++) {
        const ment *m = mention_at(c, i);
        if (m) {
            if (!(m->flags & MF_SOURCE) && ENT(c, m->ent)->type != ET_COUNTRY)
                return 0;
            i = m->end - 1;
            continue;
        }
        stat |= stat_word(st, i);
    }
    return stat && !anaphor_in(st, a, f->q0);
}

static int list_item(const sctx *c);
static int bullet_item(const sctx *c);

/* 1 if capacity or chip count f, in a sentence that names nobody, goes on
 * about the last subject ("... Oracle will lease 1.8 GW. The first 600 MW
 * is due in 2026"), not a chipmaker: not a list item, nor an analyst's own count ("We
 * estimate the four have more than 20GW", "Our coverage has 4.1 GW"). */
static int going_on(const sctx *c, const fig_item *f)
{
    const fig_sent *st = c->st;
    if (f->kind != FIG_COUNT &&
        !(f->kind == FIG_POWER && f->metric && strcmp(f->metric, "power_capacity") == 0))
        return 0;
    /* (a chipmaker spoken of owns no capacity: its buyer deploys it, and
     * "Nvidia B200 systems arrive next year" speaks of products) */
    if (list_item(c) || c->ds->focus < 0 || ENT(c, c->ds->focus)->role == ER_CHIP)
        return 0;
    for (int i = 0; i < st->n; i++)
        if (tok_is(st, i, "we") || tok_is(st, i, "our") || tok_is(st, i, "us"))
            return 0;
    return 1;
}

/* 1 if the sentence speaks of a deal already named: a deal's noun ("The
 * contract is worth ...", "Under the agreement, ...") or a part of its
 * capacity ("The first 600 MW is due ...", "the remaining 2 GW"), not a
 * company's totals ("contracted power of 2.5 GW") */
static int deal_referred(const fig_sent *st, const fig_item *f)
{
    static const char *const nouns[] = {"deal", "contract", "agreement", "lease", "arrangement",
                                        "tranche", "pact", "order"};
    for (int q = 0; q < st->n; q++)
        for (size_t w = 0; w < sizeof nouns / sizeof *nouns; w++)
            if (tok_is(st, q, nouns[w]))
                return 1;
    int p = f->q0 - 1;
    return tok_is(st, p, "first") || tok_is(st, p, "remaining") || tok_is(st, p, "initial");
}

/* 1 for the metrics a deal's figures take: its value, capacity and chips */
static int deal_metric(const char *m)
{
    return m && (strcmp(m, "contract_value") == 0 || strcmp(m, "power_capacity") == 0 ||
                 strcmp(m, "compute_units") == 0);
}

/* 1 if money figure f is borrowed: a loan, debt or bonds right after it
 * ("a $38 billion loan package", "$2.3 billion of debt financing"). */
static int borrowed(const fig_sent *st, const fig_item *f)
{
    for (int w = f->t1; w < st->n && w <= f->t1 + 3; w++) {
        if (tok_is(st, w, "loan") || tok_is(st, w, "loans") || tok_is(st, w, "debt") ||
            tok_is(st, w, "financing") || tok_is(st, w, "bonds") || tok_is(st, w, "bond") ||
            tok_is(st, w, "credit") || tok_is(st, w, "notes"))
            return 1;
        if (!(tok_is(st, w, "of") || tok_is(st, w, "in") || tok_is(st, w, "new") ||
              tok_is(st, w, "senior") || tok_is(st, w, "secured") || tok_is(st, w, "term") ||
              tok_is(st, w, "construction") || tok_is(st, w, "private")))
            return 0;
    }
    return 0;
}

/* 1 if the anaphor at token an opens what a person reports: "He said the
 * company ...", "She told analysts it ...", at the sentence's start. */
static int reported_by_person(const fig_sent *st, int an)
{
    if (an < 2 || an > 5 || !(tok_is(st, 0, "he") || tok_is(st, 0, "she")))
        return 0;
    for (int k = 1; k < an; k++)
        if (st->tok[k].lex && (st->tok[k].lex->org & LO_SPEAK))
            return 1;
    return 0;
}

/* 1 if power figure f is electricity bought: a verb of buying or securing
 * in its clause before it, and "of nuclear (solar, clean ...) power", "of
 * energy" or "of electricity" right after it. */
static int energy_bought(const sctx *c, const fig_item *f)
{
    static const char *const secure[] = {"secured", "secure", "secures", "contracted", "contracts"};
    static const char *const kind[] = {"nuclear", "solar", "wind", "renewable", "clean", "firm",
                                       "carbon", "emissions", "free", "gas", "fired", "geothermal",
                                       "new", "additional", "green", "zero", "emission", "hydro",
                                       "low"};
    const fig_sent *st = c->st;
    int w = f->t1;
    if (!tok_is(st, w, "of"))
        return 0;
    w++;
    int kinds = 0; /* ("buys over a hundred megawatts of power" for its own halls is no electricity bought) */
    while (w < st->n && w < f->t1 + 6 &&
           (word_of(st, w, kind, sizeof kind / sizeof kind[0]) || tok_is_dash(st, w))) {
        kinds += !tok_is_dash(st, w);
        w++;
    }
    if (!((kinds && tok_is(st, w, "power")) || tok_is(st, w, "energy") || tok_is(st, w, "electricity")))
        return 0;
    int a = c->cl[clause_of(c, f->t0)];
    return bought_between(st, a, f->q0) || word_in(st, a, f->q0, secure, sizeof secure / sizeof secure[0]);
}

/* 1 if entity e is named after token from with a noun of providing right
 * before it: "with neocloud provider Nebius", "from landlord Core
 * Scientific", "with supplier Dell". */
static int provider_named(const sctx *c, int e, int from)
{
    const fig_sent *st = c->st;
    for (int q = 0; q < c->nm; q++) {
        const ment *m = &c->m[q];
        if (m->ent != e || m->tok < from)
            continue;
        int p = m->tok - 1;
        if (tok_is(st, p, "provider") || tok_is(st, p, "supplier") || tok_is(st, p, "landlord") ||
            tok_is(st, p, "neocloud") || tok_is(st, p, "operator") || tok_is(st, p, "developer"))
            return 1;
    }
    return 0;
}

/* Gives figure f another metric once its owner is known, keeping in its
 * cue what decided the first and saying why it changed. */
static void remetric(fig_item *f, const char *metric, const char *why)
{
    const char *by = strstr(f->cue, " by ");
    char was[96];
    snprintf(was, sizeof was, "%s", by ? by + 4 : "");
    f->metric = metric;
    snprintf(f->cue, sizeof f->cue, "metric %s by %s, %s", metric, was, why);
}

/* The mention covering token i, or NULL. */
static const ment *mention_over(const sctx *c, int i)
{
    for (int q = 0; q < c->nm; q++)
        if (c->m[q].tok <= i && i < c->m[q].end)
            return &c->m[q];
    return NULL;
}

/* 1 if token i is a noun of a company's accounts a share is taken of. */
static int account_noun(const fig_sent *st, int i)
{
    static const char *const nouns[] = {"revenue", "revenues", "sales", "backlog", "bookings",
                                        "orders", "income", "turnover", "business", "profit",
                                        "profits", "earnings", "billings"};
    return word_of(st, i, nouns, sizeof nouns / sizeof *nouns);
}

/* Whose accounts percent figure f is a share of, or -1: "Microsoft
 * accounted for 62% of CoreWeave's revenue", "62% of the neocloud's
 * revenue", "Meta will be about 45% of our revenue" (on a call), and with
 * no owner named after it, the possessive before it: "Kestrel's largest
 * customer, representing approximately 45% of backlog". */
static int account_share_owner(const sctx *c, const fig_item *f)
{
    static const char *const makes[] = {"accounted", "accounts", "account", "accounting",
                                        "represents", "represented", "representing", "represent",
                                        "made", "makes", "make", "making", "comprised", "comprises",
                                        "contributed", "contributes", "contributing", "is", "was",
                                        "are", "were", "be", "constitutes", "constituted"};
    const fig_sent *st = c->st;
    int j = f->t1;
    if (f->kind != FIG_PERCENT || !tok_is(st, j, "of"))
        return -1;
    /* a part a customer makes up ("accounted for", "representing", "will
     * be"), not one a rival wins ("could capture 10% of Nvidia's revenue") */
    if (!word_in(st, f->q0 - 4, f->q0, makes, sizeof makes / sizeof *makes))
        return -1;
    j++;
    int owner = -1, named = 0;
    const ment *m = mention_at(c, j);
    if (m && (m->flags & MF_POSS)) {
        if (!can_own(c->eng, c->ds, m->ent))
            return -1;
        owner = m->ent;
        named = 1;
        j = m->end;
    } else if (tok_is(st, j, "our")) {
        if (!c->ds->transcript || c->ds->title_ent < 0)
            return -1;
        owner = c->ds->title_ent;
        named = 1;
        j++;
    } else if (tok_is(st, j, "the")) {
        /* "the neocloud's", "the company's" */
        int p = j + 1;
        while (p < st->n && p < j + 4 && st->tok[p].type == TK_WORD && !(st->tok[p].flags & TF_POSS))
            p++;
        if (p < st->n && p < j + 4 && (st->tok[p].flags & TF_POSS) && (tok_cls(st, p) & LX_ANAPH)) {
            owner = anaphor_owner(c, j, c->ds->focus);
            named = 1;
            j = p + 1;
        }
    }
    /* the account, over a few adjectives: "of its total revenue", "of new bookings" */
    int k = j, noun = 0;
    for (; k < st->n && k < j + 4 && !noun; k++) {
        noun = account_noun(st, k);
        if (!noun && (st->tok[k].type != TK_WORD || (st->tok[k].flags & TF_CAP)))
            break;
    }
    if (!noun)
        return -1;
    if (named)
        return owner >= 0 && can_own(c->eng, c->ds, owner) ? owner : -1;
    /* "of backlog": the possessive before the figure in the sentence */
    for (int q = c->nm - 1; q >= 0; q--) {
        const ment *pm = &c->m[q];
        if (pm->end <= f->q0 && (pm->flags & MF_POSS) && !(pm->flags & MF_SOURCE) &&
            can_own(c->eng, c->ds, pm->ent))
            return pm->ent;
    }
    return -1;
}

/* A name a figure is set beside, or -1: "followed by Samsung Electronics
 * with 22%", "Amazon (down 9% since results)", "owned 51% by Norrsken",
 * "Blue Owl holds 60% and MGX the remaining 40%". */
static int beside_owner(const sctx *c, const fig_item *f, const char **how)
{
    const fig_sent *st = c->st;
    int q0 = f->q0;
    /* "followed by NAME with 22%", ", NAME with 21%" (not "supply NAME with
     * 2 GW", an object's) */
    if (tok_is(st, q0 - 1, "with")) {
        const ment *m = mention_over(c, q0 - 2);
        int pre = m ? m->tok - 1 : -1;
        if (m && m->end == q0 - 1 && can_own(c->eng, c->ds, m->ent) && !(m->flags & MF_SOURCE) &&
            (tok_is(st, pre, "by") || tok_is(st, pre, "and") || tok_sym(st, pre, ','))) {
            *how = "the name it stands with";
            return m->ent;
        }
    }
    /* "NAME (down 9%)", "NAME (+4%)": the figure in brackets right after a name */
    int p = q0 - 1;
    while (p >= 0 && p > q0 - 3 && st->tok[p].type == TK_WORD && (tok_cls(st, p) & (LX_MOVE | LX_CHANGE)))
        p--;
    if (tok_sym(st, p, '(') && (p == q0 - 1 || f->kind == FIG_PERCENT)) {
        const ment *m = mention_over(c, p - 1);
        if (m && m->end == p && (can_own(c->eng, c->ds, m->ent) || ENT(c, m->ent)->type == ET_INDEX)) {
            *how = "the name before its brackets";
            return m->ent;
        }
    }
    /* "lagging a 6% gain in the S&P 500", "a 2% drop in Nvidia shares" */
    if (f->kind == FIG_PERCENT) {
        static const char *const moves[] = {"gain", "gains", "rise", "fall", "drop", "decline",
                                            "advance", "loss", "rally", "slide", "jump", "slump"};
        int w = f->t1;
        if (word_of(st, w, moves, sizeof moves / sizeof *moves) &&
            (tok_is(st, w + 1, "in") || tok_is(st, w + 1, "for") || tok_is(st, w + 1, "by"))) {
            const ment *m = mention_at(c, w + 2 + tok_is(st, w + 2, "the"));
            if (m && !(m->flags & MF_SOURCE) &&
                (ENT(c, m->ent)->type == ET_INDEX || can_own(c->eng, c->ds, m->ent))) {
                *how = "the name its move is in";
                return m->ent;
            }
        }
    }
    /* a clause with no verb of its own: "Nvidia agreed to invest up to
     * $10bn in Anthropic and Microsoft up to $5bn" */
    if (f->kind == FIG_MONEY && q0 >= 2) {
        const ment *m = mention_over(c, q0 - 1);
        if (m && m->end == q0 && m->tok >= 1 && tok_is(st, m->tok - 1, "and") &&
            can_own(c->eng, c->ds, m->ent) && !(m->flags & MF_SOURCE)) {
            int money_before = 0; /* (the verb's own figure before it) */
            for (int o = 0; o < q0 && !money_before; o++)
                money_before = tok_sym(st, o, '$') || st->tok[o].type == TK_NUM;
            if (money_before) {
                *how = "the name of a clause with no verb";
                return m->ent;
            }
        }
    }
    /* a government's money: "a 50.1 billion yen subsidy from the economy
     * ministry", "$2 billion in grants from the federal government" */
    if (f->kind == FIG_MONEY) {
        static const char *const aid[] = {"subsidy", "subsidies", "grant", "grants", "support",
                                          "funding", "loan", "loans", "aid", "incentives"};
        static const char *const gov[] = {"ministry", "government", "state", "cabinet"};
        for (int w = f->t1; w < st->n && w < f->t1 + 3; w++) {
            if (!word_of(st, w, aid, sizeof aid / sizeof *aid) || !tok_is(st, w + 1, "from"))
                continue;
            for (int g = w + 2; g < st->n && g < w + 6; g++) {
                if (!word_of(st, g, gov, sizeof gov / sizeof *gov))
                    continue;
                int own = main_country(c);
                for (int q = 0; q < c->nm; q++)
                    if (c->m[q].tok > w && c->m[q].tok < g && ENT(c, c->m[q].ent)->type == ET_COUNTRY)
                        own = c->m[q].ent;
                if (own >= 0) {
                    *how = "a government's money";
                    return own;
                }
            }
            break;
        }
    }
    /* "24% of Amazon's revenue, against roughly 50% at Meta" */
    if (f->kind == FIG_PERCENT && tok_is(st, f->t1, "at")) {
        const ment *m = mention_at(c, f->t1 + 1);
        if (m && !(m->flags & MF_SOURCE) && can_own(c->eng, c->ds, m->ent) &&
            (m->end >= st->n || tok_sym(st, m->end, '.') || tok_sym(st, m->end, ',') ||
             tok_sym(st, m->end, ';') || tok_is(st, m->end, "and"))) {
            *how = "the name it is put at";
            return m->ent;
        }
    }
    /* "owned 51% by Norrsken and 49% by Telenor" */
    if (f->kind == FIG_PERCENT && tok_is(st, f->t1, "by")) {
        const ment *m = mention_at(c, f->t1 + 1);
        int owned = 0;
        for (int w = q0 - 1; w >= 0 && w >= q0 - 8 && !owned; w--)
            owned = tok_is(st, w, "owned") || tok_is(st, w, "held");
        if (m && owned && can_own(c->eng, c->ds, m->ent)) {
            *how = "owned by";
            return m->ent;
        }
    }
    /* "... and MGX the remaining 40%", "and Meta the other 20%" */
    if (f->kind == FIG_PERCENT && q0 >= 3 &&
        (tok_is(st, q0 - 1, "remaining") || tok_is(st, q0 - 1, "other") || tok_is(st, q0 - 1, "rest")) &&
        tok_is(st, q0 - 2, "the")) {
        const ment *m = mention_over(c, q0 - 3);
        if (m && m->end == q0 - 2 && m->tok > 0 && tok_is(st, m->tok - 1, "and") &&
            can_own(c->eng, c->ds, m->ent)) {
            *how = "the name of a clause with no verb";
            return m->ent;
        }
    }
    return -1;
}

static void choose_entity(sctx *c, fig_item *items, int n, int k, int *deal_ent, int *deal_cp)
{
    fig_item *f = &items[k];
    const fig_sent *st = c->st;
    int fcl = clause_of(c, f->t0);
    int a = c->cl[fcl], b = fcl + 1 < c->ncl ? c->cl[fcl + 1] : st->n;
    int ent = -1, strong = 0;
    const char *how = NULL;
    const ment *subj = NULL;
    /* a deal between A and B */
    if (f->kind != FIG_PERCENT) {
        for (int q = 0; q + 1 < c->nm; q++)
            if (c->m[q].prep == P_BETWEEN && c->m[q + 1].prep == P_BETWEEN2 &&
                clause_of(c, c->m[q].tok) == fcl) {
                ent = c->m[q].ent;
                f->counterparty = c->m[q + 1].ent;
                how = "deal between";
                strong = 1;
            }
    }
    /* "we" on a call is the company whose call it is: "We ended the quarter
     * with approximately 590 megawatts", "our largest customer now
     * represents less than 35% of backlog" */
    if (ent < 0 && !how && c->ds->transcript && c->ds->title_ent >= 0) {
        int we = -1;
        for (int w = a; w < f->q0 && we < 0; w++)
            if (tok_is(st, w, "we") || tok_is(st, w, "our"))
                we = w;
        int named = 0;
        for (int q = 0; q < c->nm && we >= 0 && !named; q++)
            named = c->m[q].tok >= a && c->m[q].tok < we && c->m[q].prep == P_NONE &&
                    !(c->m[q].flags & MF_SOURCE) && can_own(c->eng, c->ds, c->m[q].ent);
        if (we >= 0 && !named) {
            ent = c->ds->title_ent;
            how = "we: the company on the call";
            strong = 1;
        }
    }
    /* a loan is the borrower's, whoever arranges it: "banks led by
     * JPMorgan are arranging a $38 billion loan package for Vantage",
     * "agreed to provide $2.3 billion of debt financing to Crusoe" */
    if (ent < 0 && !how && f->kind == FIG_MONEY && borrowed(st, f)) {
        /* (a borrower that is the subject keeps it: "xAI is seeking $12.5
         * billion of debt tied to the Nvidia processors") */
        int subject = 0;
        for (int q = 0; q < c->nm && !subject; q++)
            subject = c->m[q].tok >= a && c->m[q].end <= f->q0 && c->m[q].prep == P_NONE &&
                      !(c->m[q].flags & MF_SOURCE) && can_own(c->eng, c->ds, c->m[q].ent);
        for (int q = 0; q < c->nm && !subject; q++) {
            const ment *m = &c->m[q];
            if (m->tok < f->t1 || m->tok > f->t1 + 8 || clause_of(c, m->tok) != fcl ||
                (m->prep != P_FOR && m->prep != P_TO) || (m->flags & MF_SOURCE) ||
                !can_own(c->eng, c->ds, m->ent) || (!(m->flags & MF_POSS) && noun_after(st, m->end)))
                continue;
            ent = m->ent;
            how = "the borrower";
            strong = 1;
            break;
        }
    }
    /* a possessive right before the figure owns it, whatever the subject:
     * "It also backs Crusoe's 1.2GW campus", "Meta's $10 billion
     * investment" */
    if (ent < 0 && !how && f->kind != FIG_PERCENT &&
        /* (not a deal's: "OpenAI's $300 billion agreement with Oracle" is
         * the provider's, decided below) */
        !(f->metric && (strcmp(f->metric, "contract_value") == 0 || strcmp(f->metric, "commitments") == 0))) {
        for (int q = 0; q < c->nm; q++) {
            const ment *m = &c->m[q];
            if (m->end == f->q0 && (m->flags & MF_POSS) && !(m->flags & MF_SOURCE) &&
                can_own(c->eng, c->ds, m->ent) && !place_of(c, m)) {
                ent = m->ent;
                how = "possessive";
                strong = 1;
            }
        }
    }
    /* a name right before the figure: "Samsung Electronics 50,000, SK
     * Group 50,000", a table row "Amazon   $131bn" */
    if (ent < 0 && !how) {
        for (int q = 0; q < c->nm; q++) {
            const ment *m = &c->m[q];
            if (m->end == f->q0 && m->prep == P_NONE && !(m->flags & (MF_SOURCE | MF_POSS)) &&
                (can_own(c->eng, c->ds, m->ent) ||
                 (f->kind == FIG_PERCENT && ENT(c, m->ent)->type == ET_INDEX))) {
                ent = m->ent;
                how = "named before the figure";
                strong = 1;
            }
            /* "ahead of Micron at 21%", "with AMD at 10%", "values
             * Anthropic at $183 billion": the name the figure is put at */
            if (!how && m->end + 1 == f->q0 && tok_is(st, m->end, "at") &&
                !(m->flags & (MF_SOURCE | MF_POSS)) &&
                (can_own(c->eng, c->ds, m->ent) || ENT(c, m->ent)->type == ET_INDEX)) {
                ent = m->ent;
                how = "the name it is put at";
                strong = 1;
            }
        }
    }
    /* an index moving right before the figure, whoever pulled it: "...,
     * pulling South Korea's KOSPI down 2.8%", "the benchmark Kospi added
     * 0.9%" */
    if (ent < 0 && !how && f->kind == FIG_PERCENT) {
        for (int q = 0; q < c->nm; q++) {
            const ment *m = &c->m[q];
            if (ENT(c, m->ent)->type != ET_INDEX || m->end >= f->q0 || (m->flags & MF_SOURCE))
                continue;
            /* over the rest of its name: "the Nikkei 225 Stock Average down
             * 2.4%", "the benchmark Kospi index dropped 3.2%" */
            int e = m->end;
            while (e < f->q0 && e < m->end + 3 &&
                   (tok_is(st, e, "index") || (e == m->end && st->tok[e].type == TK_NUM) ||
                    (st->tok[e].type == TK_WORD && (st->tok[e].flags & TF_CAP) &&
                     !(tok_cls(st, e) & (LX_MOVE | LX_PREP | LX_CONNECT | LX_CLAUSE)))))
                e++;
            if (f->q0 - e > 2)
                continue;
            int ok = 1;
            for (int w = e; w < f->q0 && ok; w++)
                ok = (tok_cls(st, w) & LX_MOVE) != 0;
            if (ok) {
                ent = m->ent;
                how = "an index moving";
                strong = 1;
            }
        }
    }
    /* "the index", "the tech-heavy index", "the benchmark" moving: the index
     * named last, in this sentence or the three before */
    if (ent < 0 && !how && f->kind == FIG_PERCENT) {
        int head = -1;
        for (int w = a; w < f->q0 && w < a + 5 && head < 0; w++)
            if ((tok_is(st, w, "index") || tok_is(st, w, "benchmark") || tok_is(st, w, "gauge")) &&
                !(st->tok[w].flags & TF_CAP) && !tok_is(st, w - 1, "price") &&
                (tok_is(st, a, "the") || tok_is(st, w - 1, "the")))
                head = w;
        if (head >= 0 && !mention_within(c, a, head - a + 1) && has_cls(st, head, f->q0, LX_MOVE)) {
            int best = -1, best_sent = c->ds->nsent - 4;
            for (size_t e = 0; e < c->ds->nent + (size_t)c->ds->ndyn; e++) {
                const fig_entity *en = fig_entity_at(c->eng, c->ds, (int)e);
                if (en && en->type == ET_INDEX && c->ds->last_sent[e] > 0 && c->ds->last_sent[e] > best_sent) {
                    best = (int)e;
                    best_sent = c->ds->last_sent[e];
                }
            }
            if (best >= 0) {
                ent = best;
                how = "the index named last";
                strong = 1;
            }
        }
    }
    /* the company the metric saw moving, over a relative clause and a
     * sentence subject before it: "Tokyo Electron rose 6.2%, and SoftBank
     * Group, which has committed ..., climbed 8.8% to ¥24,400" */
    if (ent < 0 && !how && c->mover >= 0 && f->metric &&
        (strcmp(f->metric, "stock_move") == 0 || strcmp(f->metric, "price") == 0)) {
        ent = c->mover;
        how = "the company that moved";
        strong = 1;
    }
    /* the owner in a relative clause right after the figure: "a 200-megawatt
     * deployment that Humain will operate" */
    if (ent < 0 && !how && f->kind != FIG_PERCENT) {
        for (int w = f->t1; w < f->t1 + 4 && w + 1 < st->n; w++) {
            if (!tok_is(st, w, "that") && !tok_is(st, w, "which"))
                continue;
            const ment *m = mention_at(c, w + 1);
            if (!m || (m->flags & MF_SOURCE) || !can_own(c->eng, c->ds, m->ent))
                break;
            int v = m->end;
            if (tok_is(st, v, "will") || tok_is(st, v, "would") || tok_is(st, v, "plans") ||
                tok_is(st, v, "is") || tok_is(st, v, "has"))
                v++;
            if (tok_is(st, v, "to"))
                v++;
            if (tok_is(st, v, "operate") || tok_is(st, v, "operates") || tok_is(st, v, "run") ||
                tok_is(st, v, "runs") || tok_is(st, v, "build") || tok_is(st, v, "builds") ||
                tok_is(st, v, "building") || tok_is(st, v, "own") || tok_is(st, v, "owns") ||
                tok_is(st, v, "develop") || tok_is(st, v, "develops") || tok_is(st, v, "deploy") ||
                tok_is(st, v, "use") || tok_is(st, v, "uses") || tok_is(st, v, "operating")) {
                ent = m->ent;
                f->counterparty = -1;
                how = "the relative clause after";
                strong = 1;
            }
            break;
        }
    }
    /* a company named between the figure and its head noun owns it, the
     * subject is the other side: "Nebius $27B Meta deal", "$2B Nvidia investment" */
    if (ent < 0 && !how && f->kind == FIG_MONEY && f->cue_tok > f->t1 && f->cue_tok <= f->t1 + 3) {
        for (int q = 0; q < c->nm; q++) {
            const ment *m = &c->m[q];
            if (m->tok >= f->t1 && m->end <= f->cue_tok && ENT(c, m->ent)->type == ET_COMPANY) {
                ent = m->ent;
                how = "named with the figure";
                strong = 1;
                for (int s = 0; s < c->nm; s++)
                    if (c->m[s].end <= f->q0 && c->m[s].tok >= a && c->m[s].prep == P_NONE &&
                        c->m[s].ent != ent && !(c->m[s].flags & MF_SOURCE)) {
                        f->counterparty = c->m[s].ent;
                        break;
                    }
                break;
            }
        }
    }
    /* "Humain, which plans to deploy 600,000 GPUs": the name before which */
    if (ent < 0 && !how && a >= 2 &&
        (tok_is(st, a, "which") || tok_is(st, a, "who") || tok_is(st, a, "whose")) &&
        tok_sym(st, a - 1, ',')) {
        /* the nearest company before, over a place: "Crusoe's campus in
         * Abilene, Texas, which it is building ..." */
        for (int q = c->nm - 1; q >= 0; q--) {
            const ment *m = &c->m[q];
            if (m->end > a - 1 || m->end < a - 9)
                continue;
            /* (an index moves: "the S&P 500 utilities index, which is up 14%") */
            int index_move = ENT(c, m->ent)->type == ET_INDEX && f->kind == FIG_PERCENT && f->metric &&
                             strcmp(f->metric, "stock_move") == 0;
            if ((!can_own(c->eng, c->ds, m->ent) && !index_move) || (m->flags & MF_SOURCE))
                continue;
            /* "commitments to OpenAI, which include ...": the noun before
             * the preposition is the antecedent */
            if (m->end == a - 1 && m->prep != P_NONE && m->prep != P_MOD && !(m->flags & MF_POSS) &&
                m->tok >= 2 && noun_at(st, m->tok - 2))
                break;
            ent = m->ent;
            how = "which";
            strong = 1;
            break;
        }
    }
    /* the clause subject: the first mention before the figure with no
     * preposition governing it */
    if (ent < 0 && !how) {
        for (int q = 0; q < c->nm; q++) {
            const ment *m = &c->m[q];
            if (m->tok < a || m->end > f->q0)
                continue;
            if (m->flags & (MF_SOURCE | MF_HEADER))
                continue;
            if (m->prep != P_NONE)
                continue;
            if ((m->flags & MF_COUNTMOD) && !(m->flags & MF_POSS))
                continue;
            if (ENT(c, m->ent)->type == ET_COUNTRY && !(m->flags & MF_POSS) &&
                m->tok > a + 1 + (tok_is(st, m->tok - 1, "the") && m->tok - 1 <= a + 1))
                continue;
            /* a country qualifying the subject's noun is no subject: "U.S.
             * data centers will need 134 GW", "U.S. data-centre
             * construction spending is running at $40 billion a year" */
            /* (but "The Andhra Pradesh government has offered" is the state's) */
            if (ENT(c, m->ent)->type == ET_COUNTRY && !(m->flags & MF_POSS) && noun_after(st, m->end) &&
                !tok_is(st, m->end, "government") && !tok_is(st, m->end, "administration") &&
                !tok_is(st, m->end, "cabinet") && !tok_is(st, m->end, "ministry"))
                continue;
            /* "Taiwan's TSMC", "Saudi Arabia's Humain": the company is the
             * subject; "Germany's DAX lost 1.1%": the index */
            if (ENT(c, m->ent)->type == ET_COUNTRY && (m->flags & MF_POSS) && q + 1 < c->nm &&
                c->m[q + 1].tok == m->end &&
                (can_own(c->eng, c->ds, c->m[q + 1].ent) ||
                 (f->kind == FIG_PERCENT && ENT(c, c->m[q + 1].ent)->type == ET_INDEX)))
                continue;
            subj = m;
            break;
        }
        /* "To raise funds, the company sold its 32 million Nvidia shares for
         * $5.8 billion": the anaphor before the first name is the subject */
        int an = anaphor_at(st, a, subj ? subj->tok : f->q0);
        if (epithet_at(c, an))
            an = -1;
        /* a source's own "its" is the source's, not the subject before:
         * "Jefferies raised its forecast for ... capital spending by the
         * four largest cloud companies to $590 billion" (a later anaphor
         * still counts: "... its estimate for the company's capex") */
        while (an >= 0 && tok_is(st, an, "its") && source_before(c, a, an))
            an = anaphor_at(st, an + 1, subj ? subj->tok : f->q0);
        /* a facility the name right after it builds or runs: "the cluster
         * Amazon built in Indiana", "the campus Crusoe operates" */
        if (an >= 0 && subj && subj->tok == an + 2 &&
            (tok_is(st, an + 1, "cluster") || tok_is(st, an + 1, "campus") || tok_is(st, an + 1, "site") ||
             tok_is(st, an + 1, "facility") || tok_is(st, an + 1, "plant") ||
             tok_is(st, an + 1, "supercomputer") || tok_is(st, an + 1, "project")))
            an = -1;
        /* a descriptor the name stands in apposition to is that name: "The
         * city utility, MLGW, has agreed to supply 150MW" */
        if (an >= 0 && subj && subj->tok > an && subj->tok - an <= 6 &&
            tok_sym(st, subj->tok - 1, ',') && tok_sym(st, subj->end, ','))
            an = -1;
        /* a facility named after the clause's start is an object, no
         * anaphor: "the state has offered the project a 25% discount" */
        if (an > a + 1 && tok_is(st, an, "the") && st->tok[an - 1].type == TK_WORD &&
            (tok_is(st, an + 1, "project") || tok_is(st, an + 1, "campus") || tok_is(st, an + 1, "site") ||
             tok_is(st, an + 1, "plant") || tok_is(st, an + 1, "cluster") || tok_is(st, an + 1, "facility") ||
             tok_is(st, an + 1, "phase") || tok_is(st, an + 1, "supercomputer")))
            an = -1;
        /* an anaphor in a phrase before the subject: "To supply it, utility
         * Entergy is building ...", "Despite its losses, Oracle raised ..." */
        if (an >= 0 && subj && subj->tok > an &&
            (tok_sym(st, subj->tok - 1, ',') ||
             (subj->tok >= 2 && tok_sym(st, subj->tok - 2, ',') && st->tok[subj->tok - 1].type == TK_WORD &&
              !(st->tok[subj->tok - 1].flags & TF_CAP) && !(tok_cls(st, subj->tok - 1) & ~LX_ANAPH))))
            an = -1;
        /* "the group's combined free cash flow": many companies, nobody's */
        if (an >= 0 && an < f->q0 && !subj && tok_is(st, an, "the") && group_in(st, an + 1, an + 5)) {
            how = "group";
            an = -1;
        }
        if (an >= 0 && an < f->q0 && c->ds->focus >= 0 && !(subj && subj->ent == c->ds->focus)) {
            /* (the line's heading first: "Entergy: The utility will build
             * ...") */
            int ref = c->sent_subject >= 0 && c->sent_subject_tok < a ? c->sent_subject
                      : c->header >= 0                                 ? c->header
                                                                       : c->ds->focus;
            /* an executive's "the company" is the text's main company, not
             * the last one named: "He said the company added nearly 2
             * gigawatts", "she told analysts it expects ..." */
            if (reported_by_person(st, an) && dominant(c->ds) >= 0 &&
                (tok_is(st, an, "it") || tok_is(st, an + 1, "company")))
                ref = dominant(c->ds);
            ref = anaphor_owner(c, an, ref);
            if (subj && (!can_own(c->eng, c->ds, ref) || tok_is(st, an, "its")))
                ref = -1; /* "its OpenAI contracts" keeps the name */
            /* (a person quoted last is no "it") */
            if (ref >= 0 && ENT(c, ref)->type == ET_PERSON)
                ref = -1;
            if (ref >= 0) {
                ent = ref;
                how = "it: the subject before";
                strong = 1;
                subj = NULL;
            }
        }
        /* a country qualifying a market's statistic: "US 10-year yield" */
        if (subj && ENT(c, subj->ent)->type == ET_COUNTRY && !(subj->flags & MF_POSS) &&
            market_stat(c, f, a)) {
            how = "a market statistic";
            subj = NULL;
        }
        if (subj) {
            if (group_in(st, subj->end, f->q0) || group_in(st, f->t1, f->t1 + 4)) {
                how = "group";
            } else if (subj->flags & MF_LIST) {
                ent = list_member(c, subj, items, n, k, a, b, &how);
            } else {
                ent = subj->ent;
                how = "subject";
                /* a country's share of a company's accounts: "China accounted
                 * for 13% of Nvidia's revenue" */
                if (ENT(c, subj->ent)->type == ET_COUNTRY)
                    for (int q = 0; q < c->nm; q++)
                        if (c->m[q].tok > f->t1 && c->m[q].tok <= f->t1 + 2 && (c->m[q].flags & MF_POSS) &&
                            tok_is(st, c->m[q].tok - 1, "of") && can_own(c->eng, c->ds, c->m[q].ent)) {
                            ent = c->m[q].ent;
                            how = "the company whose share it is";
                        }
            }
            strong = 1;
        }
    }
    /* X's before the figure: "driven by Google Cloud's sales, which surged 32%" */
    if (ent < 0 && !how) {
        for (int q = c->nm - 1; q >= 0; q--) {
            const ment *m = &c->m[q];
            if (m->tok < a || m->end > f->q0 || !(m->flags & MF_POSS) || (m->flags & MF_SOURCE) ||
                place_of(c, m))
                continue;
            ent = m->ent;
            how = "possessive";
            strong = 1;
            break;
        }
    }
    /* of/for X before the figure: "the investments of A, B and C", "the figure for Google" */
    if (ent < 0 && !how) {
        for (int q = 0; q < c->nm; q++) {
            const ment *m = &c->m[q];
            if (m->tok < a || m->end > f->q0 || (m->flags & MF_SOURCE))
                continue;
            /* "revenue in Azure" as "of X" ("revenue from Amazon" may be a customer's) */
            int acct = m->prep == P_IN && m->tok >= 2 &&
                       (tok_is(st, m->tok - 2, "revenue") || tok_is(st, m->tok - 2, "revenues") ||
                        tok_is(st, m->tok - 2, "sales") || tok_is(st, m->tok - 2, "growth"));
            /* "our price target on Nebius", "our rating on IREN", "our target
             * price on Dominion" */
            int on = m->tok >= 2 && tok_is(st, m->tok - 1, "on") &&
                     (tok_is(st, m->tok - 2, "target") || tok_is(st, m->tok - 2, "rating") ||
                      tok_is(st, m->tok - 2, "estimate") || tok_is(st, m->tok - 2, "estimates") ||
                      (tok_is(st, m->tok - 2, "price") && tok_is(st, m->tok - 3, "target")));
            /* "At Oracle, the cloud business grew 55%": the sentence opens
             * at the company whose part speaks */
            int at = m->tok >= 1 && m->tok <= 2 && tok_is(st, m->tok - 1, "at") &&
                     tok_sym(st, m->end, ',');
            if (m->prep != P_OF && m->prep != P_FOR && !acct && !on && !at)
                continue;
            if (ENT(c, m->ent)->type == ET_COUNTRY && !(m->flags & MF_POSS))
                continue;
            if (m->flags & MF_LIST)
                ent = list_member(c, m, items, n, k, a, b, &how);
            else {
                ent = m->ent;
                how = "of/for";
            }
            strong = 1;
            break;
        }
    }
    /* by X after the figure: "a $20 billion commitment by X" */
    if (ent < 0 && !how) {
        for (int q = 0; q < c->nm; q++) {
            const ment *m = &c->m[q];
            if (m->tok < f->t1 || m->tok >= b || m->tok > f->t1 + 8 || (m->flags & MF_SOURCE))
                continue;
            if (m->prep == P_BY && !supply_by(c->st, m->tok)) {
                ent = m->ent;
                how = "by";
                strong = 1;
                break;
            }
        }
    }
    /* the agent of a passive before the figure: "The campus is being built
     * by G42 for OpenAI ..., and is planned to grow to 1 GW" */
    if (ent < 0 && !how && f->kind != FIG_PERCENT) {
        for (int q = 0; q < c->nm; q++) {
            const ment *m = &c->m[q];
            if (m->end > f->q0 || m->prep != P_BY || m->tok < 2 || (m->flags & MF_SOURCE) ||
                !can_own(c->eng, c->ds, m->ent))
                continue;
            int v = m->tok - 2;
            if (tok_is(st, v, "built") || tok_is(st, v, "operated") || tok_is(st, v, "developed") ||
                tok_is(st, v, "owned") || tok_is(st, v, "run") || tok_is(st, v, "constructed") ||
                tok_is(st, v, "managed") || tok_is(st, v, "hosted")) {
                ent = m->ent;
                how = "built by";
                strong = 1;
                break;
            }
        }
    }
    /* "We are going to spend about $10 billion," said Sam Altman, chief
     * executive of OpenAI: "we" in a quote is the speaker's company, named
     * after the quote (an analyst's bank owns nothing) */
    if (ent < 0 && !how) {
        int quotes = 0, close = -1, we = 0;
        for (int i = 0; i < st->n; i++) {
            const fig_tok *t = &st->tok[i];
            if (t->type == TK_SYM && (t->cp == '"' || t->cp == 0x201C || t->cp == 0x201D)) {
                quotes++;
                if (i > f->t1 && !(quotes & 1)) {
                    close = i;
                    break;
                }
            } else if ((quotes & 1) && i < f->q0 &&
                       (tok_is(st, i, "we") || tok_is(st, i, "our") || tok_is(st, i, "us"))) {
                we = 1;
            }
        }
        for (int q = 0; we && close >= 0 && q < c->nm; q++) {
            const ment *m = &c->m[q];
            int t = ENT(c, m->ent)->type;
            if (m->tok <= close || t == ET_COUNTRY || t == ET_INDEX || t == ET_PERSON)
                continue;
            ent = t == ET_SOURCE ? -1 : m->ent;
            how = t == ET_SOURCE ? "a source's quote" : "the speaker's company";
            strong = 1;
            break;
        }
    }
    /* a government: its country; officials: nobody */
    if (ent < 0 && !how) {
        int own = -1;
        if (gov_subject(c, a, f->q0, &own) >= 0) {
            ent = own;
            how = "the government";
            strong = 1;
            /* money from a named party: "the president announced pledges,
             * including up to €50 billion from the UAE" */
            for (int q = 0; q < c->nm && f->kind == FIG_MONEY; q++) {
                const ment *m = &c->m[q];
                if (m->prep == P_FROM && m->tok >= f->t1 && m->tok <= f->t1 + 3 && m->tok < b &&
                    !(m->flags & MF_SOURCE) &&
                    (can_own(c->eng, c->ds, m->ent) || ENT(c, m->ent)->type == ET_COUNTRY)) {
                    ent = m->ent;
                    how = "from X, not the government";
                    break;
                }
            }
        }
    }
    /* a bullet under a line that opens a list: the company that line is
     * about ("Nscale said the GPUs will go to four sites:" over "- Texas:
     * around 104,000 GPUs at a 240MW campus"), not the place it heads */
    if (ent < 0 && !how && c->ds->list_owner >= 0 && bullet_item(c) &&
        !(c->header >= 0 && can_own(c->eng, c->ds, c->header))) {
        ent = c->ds->list_owner;
        how = "the list's owner";
    }
    /* a market's statistic with no company acting: nobody's */
    if (ent < 0 && !how && market_stat(c, f, a))
        how = "a market statistic";
    /* a line's heading: "Amazon: ..." */
    if (ent < 0 && !how && c->header >= 0) {
        ent = c->header;
        how = "heading";
    }
    /* a chipmaker heading a bullet under a buyer's heading: the capacity or
     * chips are the buyer's ("OpenAI" over "- AMD: 6GW of Instinct GPUs") */
    {
        int owner = c->ds->list_owner >= 0 ? c->ds->list_owner : c->ds->section;
        if (ent == c->header && c->header >= 0 && owner >= 0 && owner != c->header && bullet_item(c) &&
            (f->kind == FIG_POWER || f->kind == FIG_COUNT) && ENT(c, c->header)->role == ER_CHIP &&
            can_own(c->eng, c->ds, owner) && ENT(c, owner)->role != ER_CHIP) {
            f->counterparty = c->header;
            ent = owner;
            how = "the list's buyer";
        }
    }
    /* groups before anything weaker */
    if (ent < 0 && !how && (group_in(st, a, f->q0) || group_in(st, f->t1, f->t1 + 4)))
        how = "group";
    /* it, its, the company: the last subject */
    if (ent < 0 && !how && anaphor_in(st, a, f->t1 + 4 < b ? f->t1 + 4 : b) &&
        !epithet_at(c, anaphor_at(st, a, f->t1 + 4 < b ? f->t1 + 4 : b))) {
        int def = anaphor_owner(c, anaphor_at(st, a, f->t1 + 4 < b ? f->t1 + 4 : b), -1);
        if (def >= 0) {
            ent = def;
            how = "the Company";
        } else if (c->sent_subject >= 0 && c->sent_subject_tok < a) {
            /* "OpenAI has lined up 33 GW, while its revenue is $13 billion" */
            ent = c->sent_subject;
            how = "it: the sentence's subject";
        } else if (c->ds->para_topic >= 0 && c->header < 0) {
            ent = c->ds->para_topic;
            how = "it: the paragraph's heading";
        } else if (c->ds->focus >= 0) {
            ent = c->ds->focus;
            how = "it/the company";
        }
    }
    /* the sentence's subject, when this clause names nobody */
    if (ent < 0 && !how && fcl > 0 && c->sent_subject >= 0 && c->sent_subject_tok < a) {
        int named = 0;
        for (int q = 0; q < c->nm; q++)
            if (c->m[q].tok >= a && c->m[q].tok < b && !(c->m[q].flags & (MF_COUNTMOD | MF_SOURCE)) &&
                ENT(c, c->m[q].ent)->type != ET_INDEX &&
                /* ("..., has also signed a $10 billion agreement with AMD":
                 * a name after a preposition is no subject) */
                (c->m[q].prep == P_NONE || c->m[q].tok < f->q0))
                named = 1;
        if (!named) {
            ent = c->sent_subject;
            how = "sentence subject";
        }
    }
    /* the nearest possessive after the figure: "the size of xAI's deal" */
    if (ent < 0 && !how) {
        for (int q = 0; q < c->nm; q++) {
            const ment *m = &c->m[q];
            if (m->tok >= f->t1 && m->tok < b && m->tok <= f->t1 + 6 && (m->flags & MF_POSS) &&
                !(m->flags & MF_SOURCE)) {
                const ment *co = company_after_place(c, m);
                ent = co ? co->ent : m->ent;
                how = co ? "company after a place's possessive" : "possessive after";
                break;
            }
        }
    }
    /* the same value earlier in the document; a round number ($50 billion:
     * two pledges of the same size are common) only for a company named here */
    if (ent < 0 && !how) {
        fig_docstate *ds = c->ds;
        int round = round_value(f->low);
        for (int p = 0; p < ds->nprev; p++) {
            const fig_prev_fact *pf = &ds->prev[p];
            if (pf->kind != f->kind || pf->low != f->low || pf->high != f->high || pf->entity < 0 ||
                strcmp(pf->unit, f->unit) != 0)
                continue;
            int named = !round;
            for (int q = 0; q < c->nm && !named; q++)
                named = c->m[q].ent == pf->entity;
            if (named) {
                ent = pf->entity;
                if (f->counterparty < 0)
                    f->counterparty = pf->counterparty;
                how = "same value earlier";
                break;
            }
        }
    }
    /* what a unit of capacity costs or fetches is the industry's, when the
     * sentence names nobody ("the shell now runs to $10 billion to $12
     * billion a gigawatt", "leases ... signed at $1.6 million per megawatt
     * per year"): no last subject, heading or main subject owns it */
    if (ent < 0 && !how && f->kind == FIG_MONEY && per_capacity(f->per))
        how = "a cost per unit of capacity";
    /* the document's main subject, when the sentence names nobody */
    if (ent < 0 && !how) {
        int named = 0;
        for (int q = 0; q < c->nm; q++) {
            const ment *m = &c->m[q];
            if (m->flags & MF_SOURCE)
                continue;
            if ((m->tok >= a && m->end <= f->q0) || (m->prep == P_NONE && !(m->flags & MF_LIST) &&
                                                     m->end <= f->q0))
                named = 1;
        }
        /* only the other side of a deal is named: "The contract with OpenAI
         * is worth $300 billion" (after "Oracle ..." ) */
        if (named && c->firm_cue) {
            int plain = 0;
            /* (a country qualifying the subject's noun names the place a
             * statistic is of: "U.S. data-centre construction spending") */
            for (int q = 0; q < c->nm; q++)
                if (c->m[q].prep == P_NONE && !(c->m[q].flags & (MF_SOURCE | MF_COUNTMOD)) &&
                    (can_own(c->eng, c->ds, c->m[q].ent) ||
                     (ENT(c, c->m[q].ent)->type == ET_COUNTRY && noun_after(st, c->m[q].end))))
                    plain = 1;
            if (!plain && c->ds->focus_age <= 1 && can_own(c->eng, c->ds, c->ds->focus)) {
                int seen = 0;
                for (int q = 0; q < c->nm; q++)
                    seen |= c->m[q].ent == c->ds->focus;
                named = seen;
            }
        }
        int dom = dominant(c->ds);
        /* the main subject named here only as the other side: "committed $20
         * billion to a joint venture with Brookfield" */
        for (int q = 0; q < c->nm && dom >= 0; q++)
            if (c->m[q].ent == dom && c->m[q].prep != P_NONE)
                dom = -1;
        if (c->grp_all < 0)
            c->grp_all = group_in(st, 0, st->n);
        int grp = c->grp_all;
        if (!named && !grp && c->firm_cue && c->ds->para_topic >= 0 && c->header < 0) {
            ent = c->ds->para_topic;
            how = "the paragraph's heading";
        } else if (!named && !grp &&
                   (c->firm_cue || going_on(c, f)) &&
                   c->ds->focus_age <= 1 && can_own(c->eng, c->ds, c->ds->focus)) {
            /* a sentence that names nobody goes on about the last subject:
             * "Oracle lifted its forecast. Remaining performance obligations
             * rose 438%", its capacity and chips too: "... The first 600 MW
             * is due in 2026" */
            ent = c->ds->focus;
            how = "the last subject";
        } else if (!named && ds_section(c) >= 0 && !grp) {
            ent = ds_section(c);
            how = "the section's heading";
        } else if (!named && dom >= 0 && !grp &&
                   (c->firm_cue || f->kind == FIG_POWER || f->kind == FIG_COUNT ||
                    (c->ds->dom_c1 >= 3 && c->ds->dom_c1 >= 3 * c->ds->dom_c2))) {
            /* a capacity, a company's accounts, or a text about one company
             * only: not "vacancy rates hit 1.6%" in a story of many */
            ent = dom;
            how = "main subject of the text";
        } else if (!named && c->ds->focus >= 0 && anaphor_in(st, 0, st->n)) {
            ent = c->ds->focus;
            how = "it/the company";
        }
    }
    /* counterparty: with/to/from/in X, or the maker of the chips counted */
    int cp_from = 0;
    if (f->kind != FIG_PERCENT && f->counterparty < 0) {
        int bestd = 1 << 30;
        for (int q = 0; q < c->nm; q++) {
            const ment *m = &c->m[q];
            if (m->ent == ent || (m->flags & MF_SOURCE) || ENT(c, m->ent)->type != ET_COMPANY)
                continue;
            int okp = m->prep == P_WITH || m->prep == P_TO || m->prep == P_FROM ||
                      m->prep == P_IN || m->prep == P_BETWEEN2 || m->prep == P_MOD ||
                      cloud_of(c, m, f);
            if (!okp && !((m->flags & MF_COUNTMOD) && f->kind != FIG_MONEY))
                continue;
            if (m->prep == P_TO && f->kind == FIG_PERCENT)
                continue;
            int mc = clause_of(c, m->tok);
            /* one before the figure counts a little farther: "OpenAI's $300
             * billion agreement with Oracle and a $22.4 billion contract with
             * CoreWeave" */
            int d = m->tok >= f->t1 ? m->tok - f->t1 : f->q0 - m->end + 2;
            if (mc != fcl)
                d += 20;
            if (d < 0)
                d = 0;
            if (d < bestd && d <= 25) {
                bestd = d;
                f->counterparty = m->ent;
                cp_from = m->prep == P_FROM;
            }
        }
    }
    /* a deal's capacity and chips follow the deal when nothing closer says */
    if (!strong && (f->kind == FIG_POWER || f->kind == FIG_COUNT) && *deal_ent >= 0) {
        ent = *deal_ent;
        f->counterparty = *deal_cp;
        how = "the deal in this sentence";
    }
    /* chips or capacity a chipmaker supplies to a named buyer: "AMD will
     * supply OpenAI ... 6 gigawatts of AMD GPUs" */
    int maker = 0; /* ent names the units counted: "6 GW of AMD Instinct GPUs" */
    for (int q = 0; q < c->nm && ent >= 0; q++)
        maker |= c->m[q].ent == ent && (c->m[q].flags & MF_COUNTMOD) && c->m[q].tok >= f->t0 &&
                 c->m[q].tok <= f->t1 + 2;
    if (ent >= 0 && f->counterparty < 0 && (f->kind == FIG_POWER || f->kind == FIG_COUNT) &&
        ENT(c, ent)->role == ER_CHIP) {
        for (int q = 0; q < c->nm; q++) {
            const ment *m = &c->m[q];
            int r = ENT(c, m->ent)->role;
            /* the buyer right after a verb of supplying, before the figure,
             * even when the units are not named by maker ("supply OpenAI
             * with 6 gigawatts of Instinct GPUs") */
            int sup = m->tok < f->q0 && m->tok >= a && supplied_to(st, m->tok);
            if (!maker && !sup)
                continue;
            if (m->ent != ent && !(m->flags & MF_SOURCE) && (r == ER_LAB || r == ER_CLOUD) &&
                (m->prep == P_NONE || m->prep == P_TO || m->prep == P_WITH)) {
                f->counterparty = m->ent;
                break;
            }
        }
    }
    /* chips a chipmaker supplies to a country are the country's, which
     * deploys them: "Nvidia said it would supply more than 260,000 GPUs to
     * South Korea" */
    if (ent >= 0 && (f->kind == FIG_COUNT || f->kind == FIG_POWER) && ENT(c, ent)->role == ER_CHIP) {
        int sup = 0;
        for (int w = a; w < f->q0 && !sup; w++)
            sup = tok_is(st, w, "supply") || tok_is(st, w, "supplies") || tok_is(st, w, "ship") ||
                  tok_is(st, w, "ships") || tok_is(st, w, "deliver") || tok_is(st, w, "delivers") ||
                  tok_is(st, w, "sell") || tok_is(st, w, "sells") || tok_is(st, w, "export");
        for (int q = 0; q < c->nm && sup; q++) {
            const ment *m = &c->m[q];
            if (m->tok >= f->t1 && m->tok <= f->t1 + 4 && m->prep == P_TO &&
                ENT(c, m->ent)->type == ET_COUNTRY && !(m->flags & (MF_SOURCE | MF_POSS))) {
                f->counterparty = ent;
                ent = m->ent;
                how = "the country the chips go to";
                break;
            }
        }
    }
    /* a chipmaker supplying a later clause's capacity to the sentence's
     * subject: "Humain agreed to buy 18,000 GB300 chips, and AMD will supply
     * chips for another 500 MW" is Humain's */
    if (ent >= 0 && f->counterparty < 0 && (f->kind == FIG_POWER || f->kind == FIG_COUNT) &&
        ENT(c, ent)->role == ER_CHIP && c->sent_subject >= 0 && c->sent_subject != ent &&
        c->sent_subject_tok < a && can_own(c->eng, c->ds, c->sent_subject) &&
        ENT(c, c->sent_subject)->role != ER_CHIP) {
        int supply = 0;
        for (int q = a; q < f->q0 && !supply; q++)
            supply = tok_is(st, q, "supply") || tok_is(st, q, "supplies") || tok_is(st, q, "provide") ||
                     tok_is(st, q, "provides") || tok_is(st, q, "deliver") || tok_is(st, q, "delivers");
        if (supply)
            f->counterparty = c->sent_subject;
    }
    /* who provides: a deal's value belongs to the seller, the capacity of
     * chips bought belongs to the buyer */
    if (ent >= 0 && f->counterparty >= 0 && f->counterparty != ent) {
        int re = ENT(c, ent)->role, rc = ENT(c, f->counterparty)->role;
        int swap = 0;
        int supplier = rc == ER_CLOUD || rc == ER_CHIP || rc == ER_UTILITY || rc == ER_BUILDER;
        if (f->metric && strcmp(f->metric, "contract_value") == 0 && re == ER_LAB && supplier)
            swap = 1;
        if ((f->kind == FIG_POWER || f->kind == FIG_COUNT) && re == ER_CHIP && rc != ER_CHIP)
            swap = 1;
        /* a lab's capacity or chips from a cloud: the cloud provides them
         * ("Anthropic ... up to one million of Google's TPUs") */
        if ((f->kind == FIG_POWER || f->kind == FIG_COUNT) && re == ER_LAB && rc == ER_CLOUD)
            swap = 1;
        /* power a utility or generator sells: "Meta signed a power purchase
         * agreement with Constellation Energy for 1.1GW" is Constellation's */
        if (f->kind == FIG_POWER && rc == ER_UTILITY && re != ER_UTILITY)
            swap = 1;
        /* leased or rented from a landlord: "CoreWeave leases about 590 MW
         * of capacity from Core Scientific" is the landlord's */
        if (cp_from && leased_between(st, c->cl[fcl], f->q0))
            swap = 1;
        /* bought from a supplier: "IREN agreed to purchase the GPUs from Dell
         * for $5.8 billion" */
        if (f->metric && strcmp(f->metric, "contract_value") == 0 && cp_from &&
            (rc == ER_CHIP || rc == ER_BUILDER || rc == ER_UTILITY) && re != rc)
            swap = 1;
        /* a verb of buying names the seller after "from", whatever their
         * roles: "Microsoft will buy $9.7 billion of capacity from IREN" */
        if (f->metric && strcmp(f->metric, "contract_value") == 0 && cp_from &&
            bought_between(st, c->cl[fcl], f->q0))
            swap = 1;
        /* the other side called a provider: "signed a deal worth up to $19.4
         * billion with neocloud provider Nebius" */
        if (f->metric && (strcmp(f->metric, "contract_value") == 0 || f->kind == FIG_POWER ||
                          f->kind == FIG_COUNT) &&
            provider_named(c, f->counterparty, f->t1))
            swap = 1;
        if (swap) {
            int t = ent;
            ent = f->counterparty;
            f->counterparty = t;
            how = "provider of the deal";
        }
    }
    /* electricity a company buys is its seller's, with the buyer across;
     * no seller named, nobody's: "Meta secured 6.6 gigawatts of nuclear
     * power through three partnerships", "Microsoft will buy 10.5 GW of
     * renewable power from Brookfield" */
    if (ent >= 0 && f->kind == FIG_POWER && ENT(c, ent)->role != ER_UTILITY && energy_bought(c, f)) {
        int seller = -1;
        for (int q = 0; q < c->nm && seller < 0; q++) {
            const ment *m = &c->m[q];
            if (m->tok >= f->t1 && m->prep == P_FROM && m->ent != ent && !(m->flags & MF_SOURCE) &&
                can_own(c->eng, c->ds, m->ent) && clause_of(c, m->tok) == fcl)
                seller = m->ent;
        }
        /* ("from the plant" of the generator the text is about) */
        int about = c->ds->title_ent >= 0 ? c->ds->title_ent : dominant(c->ds);
        int from = 0;
        for (int w = f->t1; w < st->n && w < f->t1 + 12 && !from; w++)
            from = tok_is(st, w, "from");
        if (seller < 0 && from && about >= 0 && about != ent && ENT(c, about)->role == ER_UTILITY)
            seller = about;
        f->counterparty = ent;
        ent = seller;
        how = seller >= 0 ? "the seller of the power" : "power bought from nobody named";
    }
    /* a buyer the sentence names buys from a seller it does not: the
     * company the text is about sells ("Microsoft has agreed to take
     * capacity at Loughton under a contract worth £10bn" in a story on
     * Nscale; "Meta signed an order worth up to $14.2 billion" in one on
     * CoreWeave) */
    if (ent >= 0 && f->counterparty < 0 && f->metric &&
        (strcmp(f->metric, "contract_value") == 0 ||
         /* capacity a buyer takes ("has also taken an option on a further
          * 64MW") */
         (f->kind == FIG_POWER && strcmp(f->metric, "power_capacity") == 0 &&
          !bought_between(st, c->cl[fcl], f->q0) && ENT(c, ent)->role != ER_UTILITY &&
          ENT(c, ent)->role != ER_BUILDER) ||
         /* power bought "from the plant": the generator the text is about */
         (f->kind == FIG_POWER && bought_between(st, c->cl[fcl], f->q0) && ENT(c, ent)->role != ER_UTILITY &&
          ((c->ds->title_ent >= 0 && ENT(c, c->ds->title_ent)->role == ER_UTILITY) ||
           (c->ds->title_ent < 0 && dominant(c->ds) >= 0 && ENT(c, dominant(c->ds))->role == ER_UTILITY)))) &&
        taken_between(st, c->cl[fcl], f->q0)) {
        int seller = c->ds->title_ent >= 0 ? c->ds->title_ent : dominant(c->ds);
        int named = 0; /* (in the figure's clause: "..., while Kelana's chief said") */
        for (int q = 0; q < c->nm && !named; q++)
            named = c->m[q].ent == seller && clause_of(c, c->m[q].tok) == fcl;
        if (seller >= 0 && seller != ent && !named && can_own(c->eng, c->ds, seller) &&
            ENT(c, seller)->role != ER_LAB) {
            f->counterparty = ent;
            ent = seller;
            how = "the seller the text is about";
        }
    }
    /* capacity "leased to" a tenant is its landlord's: "The first 250 MW
     * phase has been leased in full to Amazon Web Services" in a story on
     * the developer */
    if (ent >= 0 && f->metric &&
        (strcmp(f->metric, "power_capacity") == 0 || strcmp(f->metric, "contract_value") == 0)) {
        const ment *tenant = NULL;
        for (int q = 0; q < c->nm && !tenant; q++) {
            const ment *m = &c->m[q];
            if (m->ent != ent || m->tok < 2 || !tok_is(st, m->tok - 1, "to"))
                continue;
            for (int w = m->tok - 2; w >= 0 && w >= m->tok - 4 && !tenant; w--)
                if (tok_is(st, w, "leased") || tok_is(st, w, "rented") || tok_is(st, w, "let"))
                    tenant = m;
        }
        int landlord = c->ds->title_ent >= 0 ? c->ds->title_ent : dominant(c->ds);
        int named = 0;
        for (int q = 0; q < c->nm && tenant && !named; q++)
            named = c->m[q].ent != ent && c->m[q].prep == P_NONE && can_own(c->eng, c->ds, c->m[q].ent) &&
                    c->m[q].tok < tenant->tok;
        if (tenant && !named && landlord >= 0 && landlord != ent && can_own(c->eng, c->ds, landlord)) {
            f->counterparty = ent;
            ent = landlord;
            how = "the landlord of a tenant's lease";
            *deal_ent = ent; /* (the lease goes on: "The lease is worth ...") */
            *deal_cp = f->counterparty;
        }
    }
    /* a buyer the sentence does not name buys from a seller it does: "The
     * ChatGPT maker agreed to buy $38 billion of capacity from Amazon" */
    if (ent < 0 && f->counterparty >= 0 && cp_from && f->metric &&
        strcmp(f->metric, "contract_value") == 0 && bought_between(st, c->cl[fcl], f->q0) &&
        can_own(c->eng, c->ds, f->counterparty)) {
        ent = f->counterparty;
        f->counterparty = -1;
        how = "the seller";
    }
    /* a deal named in an earlier sentence goes on: "Arkose signed a lease
     * with Microsoft. The contract is worth about $7.4 billion and covers
     * 300 megawatts" is Arkose's, with Microsoft across the table; the
     * capacity or chips its buyer deploys are the buyer's, the provider
     * across ("xAI will deploy the chips ... a 1-gigawatt tranche") */
    if (ent >= 0 && f->counterparty < 0 && f->kind != FIG_PERCENT && c->ds->deal_ent >= 0 &&
        c->ds->deal_cp >= 0 && c->ds->deal_age > 0 && c->ds->deal_age <= 3 && deal_metric(f->metric) &&
        deal_referred(st, f)) {
        if (ent == c->ds->deal_ent) {
            f->counterparty = c->ds->deal_cp;
            c->ds->deal_age = 0;
        } else if (ent == c->ds->deal_cp && (f->kind == FIG_POWER || f->kind == FIG_COUNT)) {
            f->counterparty = c->ds->deal_ent;
            c->ds->deal_age = 0;
        }
    }
    /* on a call, a sentence that names nobody speaks of the call's company:
     * "Interest expense was $390 million" */
    if (ent < 0 && c->nm == 0 && c->ds->transcript && c->ds->title_ent >= 0 &&
        can_own(c->eng, c->ds, c->ds->title_ent) && !group_in(st, 0, st->n) &&
        !(how && strcmp(how, "group") == 0)) {
        ent = c->ds->title_ent;
        how = "the company on the call";
    }
    /* "Alphabet, which reported a day earlier, and Microsoft, which
     * reports Thursday, each slipped 1%": the first of them */
    if (ent >= 0 && (tok_is(st, f->q0 - 2, "each") || tok_is(st, f->q0 - 2, "both") ||
                     tok_is(st, f->q0 - 3, "each") || tok_is(st, f->q0 - 3, "both"))) {
        const ment *last = NULL, *first = NULL;
        for (int q = 0; q < c->nm; q++) {
            const ment *m = &c->m[q];
            if (m->end > f->q0 || m->prep != P_NONE || (m->flags & MF_SOURCE) ||
                !can_own(c->eng, c->ds, m->ent))
                continue;
            int v = after_name(st, m->end);
            if (m->ent == ent && first)
                last = m;
            else if (tok_sym(st, v, ',') && (tok_is(st, v + 1, "which") || tok_is(st, v + 1, "who")))
                first = m; /* "Alphabet, which ..." */
        }
        if (first && last && first != last && tok_is(st, last->tok - 1, "and") &&
            tok_sym(st, last->tok - 2, ',')) {
            ent = first->ent;
            how = "the first of those moving together";
        }
    }
    /* a name a figure is set beside, a share of a company's accounts */
    {
        const char *bhow = NULL;
        int beside = beside_owner(c, f, &bhow);
        int share = beside < 0 ? account_share_owner(c, f) : -1;
        if (beside >= 0 && beside != ent) {
            ent = beside;
            how = bhow;
            f->counterparty = -1;
        } else if (share >= 0 && share != ent) {
            ent = share;
            how = "the company whose accounts it is a share of";
            f->counterparty = -1;
        }
    }
    if (f->counterparty == ent)
        f->counterparty = -1;
    f->entity = ent;
    /* a buyer's deal with no seller named is its purchase obligations:
     * "OpenAI has signed up for about $1.4 trillion of computing capacity"
     * (a deal's value is the seller's; one left with a buyer is a total) */
    if (f->metric && strcmp(f->metric, "contract_value") == 0 && ent >= 0 &&
        f->counterparty < 0 && ENT(c, ent)->role == ER_LAB && small_plain(f) == 0) {
        remetric(f, "commitments", "a buyer's deal");
    }
    /* a government's spending plan is a pledge, not a forecast: "The
     * government will spend 10.1 trillion won on AI next year" */
    if (f->metric && strcmp(f->metric, "capex_guidance") == 0 && ent >= 0 &&
        ENT(c, ent)->type == ET_COUNTRY) {
        remetric(f, "capex", "a government's budget");
    }
    /* a country paying for compute with nobody on the other side runs a
     * programme, not a deal: "Britain has pledged £2 billion for sovereign
     * compute" is spending */
    if (f->metric && strcmp(f->metric, "contract_value") == 0 && ent >= 0 &&
        ENT(c, ent)->type == ET_COUNTRY && f->counterparty < 0 && f->cue_tok >= 0 &&
        (tok_is(st, f->cue_tok, "compute") || tok_is(st, f->cue_tok, "computing"))) {
        f->metric = "capex";
        snprintf(f->cue, sizeof f->cue, "metric capex by '%s', a country's programme",
                 tok_is(st, f->cue_tok, "compute") ? "compute" : "computing");
    }
    if (f->metric && strcmp(f->metric, "contract_value") == 0 && ent >= 0) {
        *deal_ent = ent;
        *deal_cp = f->counterparty;
    }
    size_t l = strlen(f->cue);
    if (ent >= 0)
        snprintf(f->cue + l, sizeof f->cue - l, "; entity %s by %s", ENT(c, ent)->name, how ? how : "?");
    else
        snprintf(f->cue + l, sizeof f->cue - l, "; no entity%s%s", how ? " by " : "", how ? how : "");
}

/* 1 if the sentence is a list item: a line of its own that starts with a
 * bullet ("- ", "• ") or a name and a colon ("Meta: $70 billion"). */
static int bullet_item(const sctx *c)
{
    const fig_sent *st = c->st;
    if (!st->n || (!(st->tok[0].flags & TF_NL) && st->start > 0))
        return 0;
    const fig_tok *t = &st->tok[0];
    return t->type == TK_SYM && (t->cp == '-' || t->cp == '*' || t->cp == 0x2022 || t->cp == 0x2013 ||
                                 t->cp == 0x25AA || t->cp == 0x25CF);
}

static int list_item(const sctx *c)
{
    const fig_sent *st = c->st;
    if (!st->n || (!(st->tok[0].flags & TF_NL) && st->start > 0))
        return 0;
    if (bullet_item(c))
        return 1;
    const fig_tok *t = &st->tok[0];
    /* "Transmission: $12.4 billion", a year's row: "2027: $790 billion" */
    if (t->type == TK_NUM && t->ndig == 4 && t->num >= 1990 && t->num <= 2100 && tok_sym(st, 1, ':'))
        return 1;
    for (int k = 1; k < st->n && k <= 4; k++)
        if (tok_sym(st, k, ':'))
            return st->tok[0].type == TK_WORD && (st->tok[0].flags & TF_CAP);
    return c->header >= 0;
}

/* ------------------------------------------------------------------------
 * The sentence
 * --------------------------------------------------------------------- */

void fig_attribute(const struct fig_engine *eng, const char *doc, const fig_sent *st,
                   fig_item *items, int n, fig_docstate *ds)
{
    sctx c;
    c.eng = eng;
    c.doc = doc;
    c.st = st;
    c.ds = ds;
    ds->nsent++;
    /* a blank line starts a paragraph; its heading is its topic */
    if (st->n && (st->tok[0].flags & TF_PARA))
        ds->para_topic = -1;
    analyse_mentions(&c);
    note_modifiers(&c);
    note_bases(&c);
    if (c.header >= 0)
        ds->para_topic = c.header;
    /* a brand before a product ("Nvidia H200 systems", "AMD chips") is
     * not what the text is about */
    for (int q = 0; q < c.nm; q++)
        if (!(c.m[q].flags & MF_SOURCE) && !brand_of_product(st, &c.m[q]))
            count_mention(eng, ds, c.m[q].ent);
    find_clauses(&c, n > 0);
    for (int q = 0; q < c.nm; q++) {
        ment *m = &c.m[q];
        m->clause = clause_of(&c, m->tok);
        /* ", with X falling 7%": X is that clause's subject */
        /* (not at the sentence's start: "With Oracle, SoftBank and the new
         * sites, Stargate now counts 7GW" is Stargate's) */
        if (m->prep == P_WITH && tok_is(st, c.cl[m->clause], "with") && m->tok - c.cl[m->clause] <= 4 &&
            c.cl[m->clause] > 0)
            m->prep = P_NONE;
        /* "... as OpenAI commits to 6 GW": the clause's conjunction governs no name */
        /* "A group led by Apollo has agreed to provide $24 billion": the
         * leader is the subject */
        if (m->prep == P_BY && m->tok >= 3 && tok_is(st, m->tok - 2, "led") &&
            (tok_is(st, m->tok - 3, "group") || tok_is(st, m->tok - 3, "consortium") ||
             tok_is(st, m->tok - 3, "investors") || tok_is(st, m->tok - 3, "syndicate")) &&
            m->tok - 3 - c.cl[m->clause] <= 2)
            m->prep = P_NONE;
        /* ("after the ChatGPT maker agreed to buy ...") */
        int conj = c.cl[m->clause] == m->tok - 1 ? m->tok - 1
                   : c.cl[m->clause] == m->tok - 2 && tok_is(st, m->tok - 1, "the") ? m->tok - 2
                                                                                    : -1;
        if (m->prep == P_OTHER && m->clause > 0 && conj >= 0 &&
            (tok_is(st, conj, "as") || tok_is(st, conj, "after") || tok_is(st, conj, "since")))
            m->prep = P_NONE;
    }
    /* the sentence's subject: first plain mention of its first clauses */
    c.sent_subject = -1;
    c.sent_subject_tok = st->n;
    for (int q = 0; q < c.nm; q++) {
        const ment *m = &c.m[q];
        /* "Deutsche Telekom and Nvidia are building ...": the first of a pair */
        int pair = (m->flags & MF_LIST) && m->list_pos == 0 && q + 1 < c.nm &&
                   c.m[q + 1].list == m->list && m->andjoin == 0 && c.m[q + 1].andjoin &&
                   (q + 2 >= c.nm || c.m[q + 2].list != m->list) && can_own(eng, ds, m->ent) &&
                   !group_in(st, 0, st->n);
        if (m->prep == P_NONE && !(m->flags & (MF_SOURCE | MF_HEADER)) &&
            (!(m->flags & MF_LIST) || pair) &&
            (!(m->flags & MF_COUNTMOD) || (m->flags & MF_POSS)) &&
            ENT(&c, m->ent)->type != ET_COUNTRY) {
            c.sent_subject = m->ent;
            c.sent_subject_tok = m->tok;
            break;
        }
    }
    if (c.sent_subject < 0 && c.header >= 0) {
        c.sent_subject = c.header;
        c.sent_subject_tok = 0;
    }
    /* "the company sold its Nvidia shares": the company spoken of stays the
     * subject, not the name after it */
    /* (with no name for a subject, an anaphor opening the sentence) */
    int an_end = c.sent_subject >= 0 ? c.sent_subject_tok : (st->n < 4 ? st->n : 4);
    /* ("The San Francisco-based company, which ..., said": a place before
     * the noun) */
    for (int k = 2; c.sent_subject < 0 && k < 9 && k < st->n; k++)
        if (place_word(st, k)) {
            an_end = k + 4 < st->n ? k + 4 : st->n;
            break;
        }
    int an = anaphor_at(st, 0, an_end);
    int anref = anaphor_owner(&c, an, ds->focus);
    if (an >= 0 && !tok_is(st, an, "its") && can_own(eng, ds, anref) && c.header < 0) {
        c.sent_subject = anref;
        c.sent_subject_tok = an;
    }
    /* a release names who "the Company" is: 'Georgia Power Company
     * ("Georgia Power" or "the Company")' */
    for (int q = 0; q < c.nm; q++) {
        const ment *m = &c.m[q];
        int po = m->end; /* over a legal form: "Nebius Group N.V. (" */
        while (po < m->end + 4 && po < st->n && !tok_sym(st, po, '(') &&
               ((st->tok[po].type == TK_WORD && (st->tok[po].flags & TF_CAP)) || tok_sym(st, po, '.') ||
                tok_sym(st, po, ',')))
            po++;
        if (!tok_sym(st, po, '(') || !can_own(eng, ds, m->ent))
            continue;
        for (int i = po + 1; i + 1 < st->n && i < po + 16 && !tok_sym(st, i, ')'); i++)
            if (tok_is(st, i, "the") && tok_is(st, i + 1 + tok_sym(st, i + 1, '"') + tok_sym(st, i + 1, 0x201C), "company") &&
                (st->tok[i + 1 + tok_sym(st, i + 1, '"') + tok_sym(st, i + 1, 0x201C)].flags & TF_CAP)) {
                ds->company_def = m->ent;
                break;
            }
    }
    /* a line that is only a name ("AMAZON (AMZN)") heads what follows */
    int same = c.nm > 0;
    for (int q = 1; q < c.nm; q++)
        same &= c.m[q].ent == c.m[0].ent;
    if (same && n == 0 && can_own(eng, ds, c.m[0].ent)) {
        int only = 1;
        for (int i = 0; i < st->n && only; i++) {
            const ment *mi = mention_at(&c, i);
            if (mi) {
                i = mi->end - 1;
                continue;
            }
            const fig_tok *t = &st->tok[i];
            int ticker = t->type == TK_WORD && (t->flags & TF_UPPER) && tok_sym(st, i - 1, '(');
            only = t->type == TK_SYM || ticker;
        }
        if (only)
            ds->section = c.m[0].ent;
    }
    /* a heading in capitals that names nobody ("BY THE NUMBERS") ends the
     * section of the name heading before it */
    if (n == 0 && c.nm == 0 && st->n && (st->tok[0].flags & TF_UPPER) && st->n <= 12) {
        int caps = 0, other = 0;
        for (int i = 0; i < st->n; i++)
            if (st->tok[i].type == TK_WORD) {
                if ((st->tok[i].flags & TF_UPPER) && st->tok[i].len >= 2)
                    caps++;
                else
                    other++;
            }
        if (caps && !other) {
            ds->section = -1;
            ds->para_topic = -1;
            ds->focus = -1;
        }
    }
    /* a subject counts twice towards the text's main subject (a brand
     * before its product does not: "Nvidia B200 systems arrive in May") */
    const ment *sm = c.sent_subject >= 0 ? mention_at(&c, c.sent_subject_tok) : NULL;
    if (!sm || !brand_of_product(st, sm))
        count_mention(eng, ds, c.sent_subject);
    c.firm_cue = 0;
    c.grp_all = -1;
    table_close(&c);
    if (n > 0) {
        find_cues(&c);
        for (int m = 0; m < c.ncm && !c.firm_cue; m++)
            c.firm_cue = ((const fig_rule *)eng->rules.v[c.cm[m].rule])->firm;
        int deal_ent = -1, deal_cp = -1;
        ds->deal_age++;
        for (int k = 0; k < n; k++) {
            fig_item *f = &items[k];
            int fcl = clause_of(&c, f->t0);
            int a = c.cl[fcl], b = fcl + 1 < c.ncl ? c.cl[fcl + 1] : st->n;
            int year = fig_find_period(doc, st, f, a, b, ds->doc_year, f->period, sizeof f->period);
            /* a period that another figure stands between is that figure's */
            choose_metric(&c, items, n, k, year);
            choose_entity(&c, items, n, k, &deal_ent, &deal_cp);
        }
        if (deal_ent >= 0 && deal_cp >= 0 && deal_cp != deal_ent) {
            ds->deal_ent = deal_ent;
            ds->deal_cp = deal_cp;
            ds->deal_age = 0;
        }
        for (int k = 0; k < n; k++) {
            fig_item *f = &items[k];
            fig_prev_fact *pf = &ds->prev[ds->prevpos];
            pf->kind = f->kind;
            pf->low = f->low;
            pf->high = f->high;
            pf->unit = f->unit;
            pf->per = f->per;
            pf->metric = f->metric;
            pf->metric_score = f->metric_score;
            pf->entity = f->entity;
            pf->counterparty = f->counterparty;
            ds->prevpos = (ds->prevpos + 1) % FIG_PREV_MAX;
            if (ds->nprev < FIG_PREV_MAX)
                ds->nprev++;
            if (promote_family(eng, f->metric))
                ds->last_capex = f->metric;
        }
    } else {
        c.ncm = 0;
        find_cues(&c);
    }
    table_line(&c, n);
    /* carry this sentence's cues to the next one; a list item with no cue
     * of its own passes the caption's on ("Capex guidance, FY2026" over
     * "- Microsoft: about $120 billion", "- Alphabet: $91 billion") */
    if (!(c.ncm == 0 && n > 0 && list_item(&c))) {
        ds->nprev_rules = 0;
        for (int m = 0; m < c.ncm && ds->nprev_rules < FIG_PREV_RULES; m++)
            ds->prev_rules[ds->nprev_rules++] = c.cm[m].rule;
    }
    /* (not a company's origin: "a Singapore-based start-up") */
    for (int q = 0; q < c.nm; q++)
        if (ENT(&c, c.m[q].ent)->type == ET_COUNTRY &&
            !(tok_is_dash(st, c.m[q].end) && tok_glued(st, c.m[q].end) && tok_is(st, c.m[q].end + 1, "based")))
            ds->country = c.m[q].ent;
    /* the company the first line names: a transcript's "we" */
    if (ds->nsent == 1)
        for (int q = 0; q < c.nm && ds->title_ent < 0; q++)
            if (can_own(eng, ds, c.m[q].ent) && !(c.m[q].flags & MF_SOURCE))
                ds->title_ent = c.m[q].ent;
    /* a line ending in a colon opens a list of bullets about its subject;
     * a line that is no bullet closes it */
    if (st->n && tok_sym(st, st->n - 1, ':') && !bullet_item(&c))
        ds->list_owner = c.sent_subject >= 0 && can_own(eng, ds, c.sent_subject) ? c.sent_subject
                         : ds->focus;
    else if (!bullet_item(&c))
        ds->list_owner = -1;
    int last_fig_ent = -1;
    for (int k = 0; k < n; k++)
        if (items[k].entity >= 0)
            last_fig_ent = items[k].entity;
    if (c.sent_subject >= 0 || last_fig_ent >= 0) {
        ds->focus = c.sent_subject >= 0 ? c.sent_subject : last_fig_ent;
        ds->focus_age = 0;
    } else if (++ds->focus_age > 4) {
        ds->focus = -1;
    }
}
