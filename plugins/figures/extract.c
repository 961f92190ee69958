/*
 * extract.c - fig_extract(): walks a document sentence by sentence, finds
 * the figures of each, attributes them and hands them to the caller with
 * byte and code point offsets. Memory: one token buffer, one figure
 * buffer and FIG_HOLD held facts per call, whatever the document's size;
 * time: linear.
 */
#include "fig_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Facts are held back until the document ends (or FIG_HOLD of them wait)
 * so that a company found under a short name early ("Halvorsen Grid
 * files plans") and under a longer one later ("Halvorsen Grid Partners")
 * carries the longer in all its facts, and one the text calls by an
 * acronym more than by its name carries the acronym: names are looked up
 * when a fact leaves, not when it is found. Memory stays bounded. */
#define FIG_HOLD 256

typedef struct held_fact {
    fig_fact f;
    int entity, counterparty;
    /* the names the text prefers: an acronym, an index's own form */
    char entity_name[FIG_DYN_NAME], counterparty_name[FIG_DYN_NAME];
    char period[24];
    char cue[FIG_CUE_MAX];
} held_fact;

/* The name facts carry for entity e: an index as the text first names it
 * ("Nikkei 225" for the Nikkei), one space between words; the acronym the
 * text names a company by more often than by any other form ("AEP" in a
 * story that says "American Electric Power (AEP)" once and "AEP" after:
 * its common name there); else its name. buf (FIG_DYN_NAME bytes) holds
 * the text's form. */
static const char *doc_name(const fig_engine *eng, const fig_docstate *ds, int e, char *buf,
                            const char *text)
{
    const fig_entity *en = fig_entity_at(eng, ds, e);
    if (!en)
        return NULL;
    const fig_name_use *u = &ds->name_use[e];
    if (en->type == ET_INDEX && u->first_end > u->first_off) {
        size_t l = 0;
        for (size_t k = u->first_off; k < u->first_end && l + 1 < FIG_DYN_NAME; k++) {
            char ch = text[k];
            int space = ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
            if (space && (l == 0 || buf[l - 1] == ' '))
                continue;
            buf[l++] = space ? ' ' : ch;
        }
        while (l && buf[l - 1] == ' ')
            l--;
        buf[l] = 0;
        if (l)
            return buf;
    }
    if (!u->acr_len || u->acr_n <= u->other_n || u->acr_len > 6)
        return en->name;
    memcpy(buf, text + u->acr_off, u->acr_len);
    buf[u->acr_len] = 0;
    return buf;
}

/* Hands the first n held facts to cb with their entities' current names
 * and moves the rest to the front. Returns cb's result (nonzero: stop). */
static int flush_held(const fig_engine *eng, const fig_docstate *ds, const char *text, held_fact *h,
                      int *nh, int n, fig_fact_cb cb, void *ud)
{
    int rc = 0, k = 0;
    for (; k < n && !rc; k++) {
        fig_fact *f = &h[k].f;
        f->entity = doc_name(eng, ds, h[k].entity, h[k].entity_name, text);
        f->counterparty = doc_name(eng, ds, h[k].counterparty, h[k].counterparty_name, text);
        f->period = h[k].period[0] ? h[k].period : NULL;
        f->cue = h[k].cue;
        rc = cb(f, ud);
    }
    memmove(h, h + k, (size_t)(*nh - k) * sizeof *h);
    *nh -= k;
    return rc;
}

/* 1 if the text is a call's transcript: its first line says so ("Q3 2025
 * Earnings Call Transcript"), or a line starts with "Operator:". Looks at
 * the first 2 KiB only. */
static int is_transcript(const char *text, size_t len)
{
    static const char *const marks[] = {"earnings call", "conference call", "transcript"};
    size_t n = len < 4096 ? len : 4096;
    int first_line = 1, question = 0;
    for (size_t i = 0; i < n; i++) {
        if (text[i] == '\n')
            first_line = 0;
        if ((i == 0 || text[i - 1] == '\n') && n - i >= 9 && memcmp(text + i, "Operator:", 9) == 0)
            return 1;
        /* an interview: a line "Q: ..." answered by a line "A: ..." */
        if ((i == 0 || text[i - 1] == '\n') && n - i >= 3 && text[i + 1] == ':' && text[i + 2] == ' ') {
            if (text[i] == 'Q')
                question = 1;
            else if (text[i] == 'A' && question)
                return 1;
        }
        for (size_t k = 0; first_line && k < sizeof marks / sizeof marks[0]; k++) {
            size_t l = strlen(marks[k]);
            if (n - i >= l && strncasecmp(text + i, marks[k], l) == 0)
                return 1;
        }
    }
    return 0;
}

/* See figures.h. */
int fig_extract(const fig_engine *eng, const char *text, size_t len, const fig_doc_info *info,
                fig_fact_cb cb, void *ud)
{
    if (!eng || (!text && len) || !cb)
        return FIG_ERR_INVALID;
    int rc = FIG_ERR_NOMEM;
    fig_tok *tok = malloc(FIG_MAX_TOK * sizeof *tok);
    fig_item *items = malloc(FIG_MAX_ITEMS * sizeof *items);
    held_fact *held = malloc(FIG_HOLD * sizeof *held);
    int nheld = 0;
    fig_docstate ds;
    memset(&ds, 0, sizeof ds);
    ds.nent = eng->entities.n;
    ds.mention_count = calloc(ds.nent + FIG_DYN_MAX, sizeof *ds.mention_count);
    ds.last_sent = calloc(ds.nent + FIG_DYN_MAX, sizeof *ds.last_sent);
    ds.name_use = calloc(ds.nent + FIG_DYN_MAX, sizeof *ds.name_use);
    ds.based = calloc(ds.nent + FIG_DYN_MAX, sizeof *ds.based);
    if (!tok || !items || !held || !ds.mention_count || !ds.last_sent || !ds.name_use ||
        !ds.based)
        goto done;
    ds.focus = -1;
    ds.section = -1;
    ds.para_topic = -1;
    ds.country = -1;
    ds.company_def = -1;
    ds.list_owner = -1;
    ds.title_ent = -1;
    ds.transcript = is_transcript(text, len);
    ds.deal_ent = -1;
    ds.deal_cp = -1;
    ds.dom_top = -1;
    ds.doc_year = info && info->year ? info->year : fig_guess_year(text, len);
    ds.year_guessed = !(info && info->year);
    fig_lexer lx;
    fig_lexer_init(&lx, eng, text, len);
    fig_sent st;
    st.tok = tok;
    size_t cp_byte = 0, cp_count = 0; /* code points before byte cp_byte */
    rc = FIG_OK;
    while (fig_next_sentence(&lx, &st)) {
        int n = fig_find_figures(eng, text, &st, items, FIG_MAX_ITEMS);
        fig_attribute(eng, text, &st, items, n, &ds);
        for (int k = 0; k < n; k++) {
            const fig_item *it = &items[k];
            if (nheld == FIG_HOLD && flush_held(eng, &ds, text, held, &nheld, FIG_HOLD / 2, cb, ud)) {
                rc = FIG_STOPPED;
                goto done;
            }
            held_fact *h = &held[nheld++];
            fig_fact f;
            memset(&f, 0, sizeof f);
            f.kind = (fig_kind)it->kind;
            f.low = it->low;
            f.high = it->high;
            f.unit = it->unit;
            f.per = it->per;
            f.qualifier = (fig_qualifier)it->qual;
            f.metric = it->metric ? it->metric : "other";
            h->entity = it->entity;
            h->counterparty = it->counterparty;
            memcpy(h->period, it->period, sizeof h->period);
            f.start_byte = st.tok[it->q0].off;
            f.end_byte = st.tok[it->t1 - 1].off + st.tok[it->t1 - 1].len;
            f.text = text + f.start_byte;
            f.text_len = f.end_byte - f.start_byte;
            if (f.start_byte < cp_byte) { /* never happens: figures come in order */
                cp_byte = 0;
                cp_count = 0;
            }
            cp_count += fig_utf8_count(text + cp_byte, f.start_byte - cp_byte);
            cp_byte = f.start_byte;
            f.start_cp = cp_count;
            f.end_cp = cp_count + fig_utf8_count(f.text, f.text_len);
            f.sentence = text + st.start;
            f.sentence_len = st.end - st.start;
            f.sentence_start_byte = st.start;
            memcpy(h->cue, it->cue, sizeof h->cue);
            h->f = f;
        }
    }
    if (flush_held(eng, &ds, text, held, &nheld, nheld, cb, ud))
        rc = FIG_STOPPED;
done:
    free(held);
    free(tok);
    free(items);
    free(ds.mention_count);
    free(ds.last_sent);
    free(ds.name_use);
    free(ds.based);
    return rc;
}
