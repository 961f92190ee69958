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

#define MAX_MENT 64
#define MAX_CUE 256
#define MAX_CL 64

#define MF_POSS 0x01
#define MF_SOURCE 0x02
#define MF_LIST 0x04
#define MF_COUNTMOD 0x08
#define MF_HEADER 0x10

enum { P_NONE = 0, P_WITH, P_TO, P_FROM, P_IN, P_BY, P_FOR, P_OF, P_BETWEEN, P_BETWEEN2, P_OTHER };

typedef struct ment {
    int tok, end, ent, flags, prep, clause, list, list_pos;
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
} sctx;

static const fig_entity *ENT(const sctx *c, int e)
{
    return c->eng->entities.v[e];
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

/* 1 if a mention starts within tokens [i, i+3). */
static int mention_near(const sctx *c, int i)
{
    for (int k = 0; k < c->nm; k++)
        if (c->m[k].tok >= i && c->m[k].tok < i + 3)
            return 1;
    return 0;
}

static void add_clause(sctx *c, int at)
{
    if (c->ncl < MAX_CL && at > c->cl[c->ncl - 1] && at < c->st->n)
        c->cl[c->ncl++] = at;
}

/* Splits the sentence into clauses. */
static void find_clauses(sctx *c)
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
        if (tok_is(st, 0, lead[k]))
            sub_lead = 1;
    for (int i = 1; i < st->n; i++) {
        const fig_tok *t = &st->tok[i];
        if (t->type == TK_SYM) {
            if (t->cp == ';' || (t->cp == ':' && i <= 5))
                add_clause(c, i + 1);
            else if (t->cp == ',' && sub_lead) {
                add_clause(c, i + 1);
                sub_lead = 0;
            } else if (t->cp == ',' && (tok_is(st, i + 1, "with") || tok_is(st, i + 1, "and") ||
                                        tok_is(st, i + 1, "while")) &&
                       mention_near(c, i + 2)) {
                add_clause(c, i + 1);
            } else if ((t->cp == 0x2014 || t->cp == 0x2013 || t->cp == '-') && (t->flags & TF_SPACE) &&
                       i + 1 < st->n && (st->tok[i + 1].flags & TF_SPACE)) {
                add_clause(c, i + 1);
            }
            continue;
        }
        if (t->lex && (t->lex->cls & LX_CLAUSE) && !tok_is(st, i, "if") && !tok_is(st, i, "then"))
            add_clause(c, i);
    }
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

static void analyse_mentions(sctx *c)
{
    const fig_sent *st = c->st;
    fig_mention raw[MAX_MENT];
    int n = fig_gz_find(c->eng, c->doc, st, raw, MAX_MENT);
    c->nm = 0;
    c->header = -1;
    int lists = 0;
    /* a person owns only a net worth or a fortune */
    int worth = 0, person = 0;
    for (int k = 0; k < n; k++)
        person |= ENT(c, raw[k].entity)->type == ET_PERSON;
    for (int i = 0; person && i < st->n && !worth; i++)
        worth = tok_is(st, i, "worth") || tok_is(st, i, "fortune") || tok_is(st, i, "wealth") ||
                tok_is(st, i, "richest");
    for (int k = 0; k < n; k++) {
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
        /* the governing preposition, over determiners and capitalised words */
        int j = m->tok - 1, skipped = 0;
        while (j >= 0 && skipped <= 3) {
            const fig_tok *t = &st->tok[j];
            uint32_t cl = t->lex ? t->lex->cls : 0;
            if (t->type == TK_WORD && (cl & LX_PREP) && !(cl & LX_QUALW && !tok_is(st, j, "about"))) {
                m->prep = prep_code(st, j);
                break;
            }
            if (t->type == TK_WORD && ((cl & LX_DETERM) || (cl & LX_ANAPH) ||
                                       ((t->flags & TF_CAP) && !cl) || tok_is(st, j, "its"))) {
                j--;
                skipped++;
                continue;
            }
            break;
        }
        /* sources: "according to X", "estimates from X", "X analysts" */
        for (int b = m->tok - 1; b >= 0 && b >= m->tok - 4; b--)
            if (tok_cls(st, b) & LX_SOURCEV)
                m->flags |= MF_SOURCE;
        if (count_noun_follows(st, m->end))
            m->flags |= MF_COUNTMOD;
        if ((m->tok == 0 || (m->tok == 1 && st->tok[0].type == TK_SYM)) && tok_sym(st, m->end, ':')) {
            m->flags |= MF_HEADER;
            c->header = m->ent;
        }
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
        c->nm++;
    }
}

/* ------------------------------------------------------------------------
 * Metric cues
 * --------------------------------------------------------------------- */

/* 1 if doc token t matches rule word w ("*" any, "xyz*" prefix). */
static int word_match(const char *doc, const fig_tok *t, const char *w)
{
    size_t wl = strlen(w);
    if (wl == 1 && w[0] == '*')
        return 1;
    int prefix = wl > 1 && w[wl - 1] == '*';
    if (prefix)
        wl--;
    if (prefix ? t->len < wl : t->len != wl)
        return 0;
    for (size_t k = 0; k < wl; k++) {
        char ch = doc[t->off + k];
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch | 0x20);
        if (ch != w[k])
            return 0;
    }
    return 1;
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
            const int *l = c->eng->rule_lists.v[t->rule_word];
            for (int k = 1; k <= l[0]; k++)
                try_rule(c, l[k], i);
        }
        if (star >= 0) {
            const int *l = c->eng->rule_lists.v[star];
            for (int k = 1; k <= l[0]; k++)
                try_rule(c, l[k], i);
        }
    }
}

/* 1 if the figure's rate is one of the comma-separated names in list. */
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
        if (cl & (LX_PREP | LX_CONNECT | LX_CLAUSE | LX_DETERM))
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

/* 1 if m is a metric some @promote line leads from or to. */
static int promote_family(const struct fig_engine *eng, const char *m)
{
    for (size_t k = 0; k < eng->promotes.n; k++)
        if (strcmp(eng->promotes.v[k], m) == 0)
            return 1;
    return 0;
}

static void choose_metric(sctx *c, fig_item *items, int n, int k, int year)
{
    fig_item *f = &items[k];
    const fig_sent *st = c->st;
    const struct fig_engine *eng = c->eng;
    int fcl = clause_of(c, f->t0);
    int best = -1000, bi = -1;
    for (int m = 0; m < c->ncm; m++) {
        const cue_match *cm = &c->cm[m];
        const fig_rule *r = eng->rules.v[cm->rule];
        if (!(r->kinds & (1u << f->kind)))
            continue;
        if (!cond_ok(r->cond, r->min, r->max, r->per, f))
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
        int pen = 2 * dist;
        if (clause_of(c, cm->c) != fcl)
            pen += 15;
        /* figures and punctuation between the cue and the figure */
        int between = 0, punct = 0;
        if (after) {
            for (int o = k + 1; o < n && items[o].q0 < cm->c; o++)
                between++;
            punct = punct_in(st, f->t1, cm->c);
        } else {
            for (int o = k - 1; o >= 0 && items[o].t1 > cm->d; o--)
                between++;
            punct = punct_in(st, cm->d, f->q0);
        }
        pen += 8 * between + 6 * (punct > 2 ? 2 : punct);
        /* the head noun right after the figure: "$2B Nvidia investment" */
        if (after && dist <= 3 && !punct && !between && head_gap(st, f->t1, cm->c))
            pen -= 15;
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
        int score = r->weight * 10 - pen;
        if (score > best) {
            best = score;
            bi = m;
        }
    }
    const char *metric = NULL;
    char why[120] = "";
    f->cue_tok = -1;
    if (bi >= 0) {
        const fig_rule *r = eng->rules.v[c->cm[bi].rule];
        metric = r->metric;
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
                if (in_after || in_after_cue || before_cue) {
                    metric = "other";
                    snprintf(why, sizeof why, "'%s' in a company", r->phrase);
                    break;
                }
            }
        }
    }
    /* the previous sentence's cues, much weaker */
    for (int m = 0; m < c->ds->nprev_rules; m++) {
        const fig_rule *r = eng->rules.v[c->ds->prev_rules[m]];
        if (!(r->kinds & (1u << f->kind)) || !cond_ok(r->cond, r->min, r->max, r->per, f) ||
            (r->cond & RC_NEAR))
            continue;
        int score = r->weight * 10 - 70;
        if (score > best) {
            best = score;
            metric = r->metric;
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
            if (110 > best) {
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
        int gap = f->q0 - h->t1, ok = h->kind == f->kind && gap >= 0 && gap <= 3;
        for (int m = h->t1; m < f->q0 && ok; m++)
            ok = tok_sym(st, m, ',') || tok_sym(st, m, '(') || tok_sym(st, m, ')') ||
                 tok_is(st, m, "and") || tok_is(st, m, "or");
        if (ok && h->metric && h->metric_score > best) {
            best = h->metric_score - 1;
            metric = h->metric;
            snprintf(why, sizeof why, "list with the figure before");
        }
    }
    /* a company moving N%: a stock move */
    if (f->kind == FIG_PERCENT && best < 50) {
        for (int m = 0; m < c->nm; m++) {
            const ment *mm = &c->m[m];
            if (mm->end > f->q0 || clause_of(c, mm->tok) != fcl || mm->prep != P_NONE)
                continue;
            int t = ENT(c, mm->ent)->type;
            if ((t == ET_COMPANY || t == ET_INDEX) && has_cls(st, mm->end, f->q0, LX_MOVE) &&
                f->q0 - mm->end <= 6) {
                best = 60;
                metric = "stock_move";
                snprintf(why, sizeof why, "%s moved", ENT(c, mm->ent)->name);
            }
            break;
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
        snprintf(why, sizeof why, "default for %s", fig_kind_name((fig_kind)f->kind));
    }
    /* spending done, or a forecast? */
    const char *to = promoted(eng, metric);
    if (to) {
        int a = c->cl[fcl], b = fcl + 1 < c->ncl ? c->cl[fcl + 1] : st->n;
        int fut = has_cls(st, a, b, LX_FUTURE);
        int past = has_cls(st, a, b, LX_PAST);
        int dy = ds->doc_year;
        const char *res;
        const char *because;
        if (year && dy && year < dy) {
            res = metric;
            because = "past year";
        } else if (fut) {
            res = to;
            because = "forward-looking";
        } else if (past) {
            res = metric;
            because = "spent/reported";
        } else if (year && dy && year >= dy) {
            res = to;
            because = "current or coming year";
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

/* The dominant entity of the document so far, or -1. */
static int dominant(const fig_docstate *ds)
{
    int top = -1, c1 = 0, c2 = 0;
    for (size_t e = 0; e < ds->nent; e++) {
        int v = ds->mention_count[e];
        if (v > c1) {
            c2 = c1;
            c1 = v;
            top = (int)e;
        } else if (v > c2) {
            c2 = v;
        }
    }
    if ((c1 >= 3 && c1 >= 2 * c2) || (c1 >= 1 && c2 == 0))
        return top;
    return -1;
}

/* 1 if a group word ("hyperscalers", "Big Tech", "global") stands in [a, b). */
static int group_in(const fig_sent *st, int a, int b)
{
    if (a < 0)
        a = 0;
    for (int k = a; k < b && k < st->n; k++) {
        if (tok_cls(st, k) & LX_GROUP)
            return 1;
        if (tok_is(st, k, "big") && tok_is(st, k + 1, "tech"))
            return 1;
    }
    return 0;
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
    for (size_t v = 0; v < sizeof verbs / sizeof verbs[0]; v++)
        if (tok_is(st, k + 1, verbs[v]))
            return 1;
    return 0;
}

/* 1 if a pronoun or "the company"-like phrase stands in [a, b). */
static int anaphor_in(const fig_sent *st, int a, int b)
{
    if (a < 0)
        a = 0;
    for (int k = a; k < b && k < st->n; k++) {
        uint32_t cl = tok_cls(st, k);
        if (cl & LX_PRON)
            return 1;
        if (demonstrative(st, k))
            return 1;
        if ((cl & LX_ANAPH) && k > 0 && (tok_cls(st, k - 1) & LX_DETERM))
            return 1;
        if ((cl & LX_ANAPH) && k > 1 && (tok_cls(st, k - 2) & LX_DETERM))
            return 1;
    }
    return 0;
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
    *how = "group";
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
            if (ENT(c, m->ent)->type == ET_COUNTRY && !(m->flags & MF_POSS) && m->tok > a + 1)
                continue;
            subj = m;
            break;
        }
        if (subj) {
            if (group_in(st, subj->end, f->q0) || group_in(st, f->t1, f->t1 + 4)) {
                how = "group";
            } else if (subj->flags & MF_LIST) {
                ent = list_member(c, subj, items, n, k, a, b, &how);
            } else {
                ent = subj->ent;
                how = "subject";
            }
            strong = 1;
        }
    }
    /* X's before the figure: "driven by Google Cloud's sales, which surged 32%" */
    if (ent < 0 && !how) {
        for (int q = c->nm - 1; q >= 0; q--) {
            const ment *m = &c->m[q];
            if (m->tok < a || m->end > f->q0 || !(m->flags & MF_POSS) || (m->flags & MF_SOURCE))
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
            if (m->prep != P_OF && m->prep != P_FOR)
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
            if (m->prep == P_BY) {
                ent = m->ent;
                how = "by";
                strong = 1;
                break;
            }
        }
    }
    /* a line's heading: "Amazon: ..." */
    if (ent < 0 && !how && c->header >= 0) {
        ent = c->header;
        how = "heading";
    }
    /* groups before anything weaker */
    if (ent < 0 && !how && (group_in(st, a, f->q0) || group_in(st, f->t1, f->t1 + 4)))
        how = "group";
    /* it, its, the company: the last subject */
    if (ent < 0 && !how && anaphor_in(st, a, f->t1 + 4 < b ? f->t1 + 4 : b) && c->ds->focus >= 0) {
        ent = c->ds->focus;
        how = "it/the company";
    }
    /* the sentence's subject, when this clause names nobody */
    if (ent < 0 && !how && fcl > 0 && c->sent_subject >= 0) {
        int named = 0;
        for (int q = 0; q < c->nm; q++)
            if (c->m[q].tok >= a && c->m[q].tok < b && !(c->m[q].flags & (MF_COUNTMOD | MF_SOURCE)))
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
                ent = m->ent;
                how = "possessive after";
                break;
            }
        }
    }
    /* the same value earlier in the document */
    if (ent < 0 && !how) {
        fig_docstate *ds = c->ds;
        for (int p = 0; p < ds->nprev; p++) {
            const fig_prev_fact *pf = &ds->prev[p];
            if (pf->kind == f->kind && pf->low == f->low && pf->high == f->high &&
                strcmp(pf->unit, f->unit) == 0 && pf->entity >= 0) {
                ent = pf->entity;
                if (f->counterparty < 0)
                    f->counterparty = pf->counterparty;
                how = "same value earlier";
                break;
            }
        }
    }
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
        int dom = dominant(c->ds);
        if (!named && dom >= 0 && !group_in(st, 0, st->n)) {
            ent = dom;
            how = "main subject of the text";
        } else if (!named && c->ds->focus >= 0 && anaphor_in(st, 0, st->n)) {
            ent = c->ds->focus;
            how = "it/the company";
        }
    }
    /* counterparty: with/to/from/in X, or the maker of the chips counted */
    if (f->kind != FIG_PERCENT && f->counterparty < 0) {
        int bestd = 1 << 30;
        for (int q = 0; q < c->nm; q++) {
            const ment *m = &c->m[q];
            if (m->ent == ent || (m->flags & MF_SOURCE) || ENT(c, m->ent)->type != ET_COMPANY)
                continue;
            int okp = m->prep == P_WITH || m->prep == P_TO || m->prep == P_FROM ||
                      m->prep == P_IN || m->prep == P_BETWEEN2;
            if (!okp && !((m->flags & MF_COUNTMOD) && f->kind != FIG_MONEY))
                continue;
            if (m->prep == P_TO && f->kind == FIG_PERCENT)
                continue;
            int mc = clause_of(c, m->tok);
            int d = m->tok >= f->t1 ? m->tok - f->t1 : f->q0 - m->end;
            if (mc != fcl)
                d += 20;
            if (d < 0)
                d = 0;
            if (d < bestd && d <= 25) {
                bestd = d;
                f->counterparty = m->ent;
            }
        }
    }
    /* a deal's capacity and chips follow the deal when nothing closer says */
    if (!strong && (f->kind == FIG_POWER || f->kind == FIG_COUNT) && *deal_ent >= 0) {
        ent = *deal_ent;
        f->counterparty = *deal_cp;
        how = "the deal in this sentence";
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
        if ((f->kind == FIG_POWER || f->kind == FIG_COUNT) && re == ER_LAB && rc == ER_CLOUD &&
            f->metric && strcmp(f->metric, "power_capacity") == 0 && *deal_ent == f->counterparty)
            swap = 1;
        if (swap) {
            int t = ent;
            ent = f->counterparty;
            f->counterparty = t;
            how = "provider of the deal";
        }
    }
    if (f->counterparty == ent)
        f->counterparty = -1;
    f->entity = ent;
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
    analyse_mentions(&c);
    for (int q = 0; q < c.nm; q++)
        if (!(c.m[q].flags & MF_SOURCE) && (size_t)c.m[q].ent < ds->nent)
            ds->mention_count[c.m[q].ent]++;
    find_clauses(&c);
    for (int q = 0; q < c.nm; q++) {
        ment *m = &c.m[q];
        m->clause = clause_of(&c, m->tok);
        /* ", with X falling 7%": X is that clause's subject */
        if (m->prep == P_WITH && tok_is(st, c.cl[m->clause], "with") && m->tok - c.cl[m->clause] <= 4)
            m->prep = P_NONE;
    }
    /* the sentence's subject: first plain mention of its first clauses */
    c.sent_subject = -1;
    for (int q = 0; q < c.nm; q++) {
        const ment *m = &c.m[q];
        if (m->prep == P_NONE && !(m->flags & (MF_SOURCE | MF_LIST | MF_HEADER)) &&
            (!(m->flags & MF_COUNTMOD) || (m->flags & MF_POSS)) &&
            ENT(&c, m->ent)->type != ET_COUNTRY) {
            c.sent_subject = m->ent;
            break;
        }
    }
    if (c.sent_subject < 0 && c.header >= 0)
        c.sent_subject = c.header;
    if (n > 0) {
        find_cues(&c);
        int deal_ent = -1, deal_cp = -1;
        for (int k = 0; k < n; k++) {
            fig_item *f = &items[k];
            int fcl = clause_of(&c, f->t0);
            int a = c.cl[fcl], b = fcl + 1 < c.ncl ? c.cl[fcl + 1] : st->n;
            int year = fig_find_period(doc, st, f, a, b, ds->doc_year, f->period, sizeof f->period);
            /* a period that another figure stands between is that figure's */
            choose_metric(&c, items, n, k, year);
            choose_entity(&c, items, n, k, &deal_ent, &deal_cp);
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
    /* carry this sentence's cues to the next one */
    ds->nprev_rules = 0;
    for (int m = 0; m < c.ncm && ds->nprev_rules < FIG_PREV_RULES; m++)
        ds->prev_rules[ds->nprev_rules++] = c.cm[m].rule;
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
