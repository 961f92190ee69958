/*
 * gazetteer.c - the organisations (and countries, indices, people) figures
 * belong to: loading the TSV gazetteer (shipped, then analysts' files) and
 * finding mentions in a sentence. Aliases are tokenized with the document
 * tokenizer, so "Google Cloud", "AT&T" and "x.ai" match token by token.
 *
 * File format (one entity a line, TAB-separated, '#' starts a comment):
 *   name  type  role  aliases(|)  tickers(|)  cik  based(|)
 * type: company country index person agency source (default company)
 * based (optional): the places it is based in ("Santa Clara|California"),
 * so that "the Santa Clara-based chipmaker" finds it; at most four.
 * role: cloud chip lab utility builder - (what it is in a deal)
 * A line whose name is already known adds aliases to that entity and, when
 * type or role are not "-", replaces them.
 */
#include "fig_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const TYPES[] = {"company", "country", "index", "person", "agency", "source", "region"};
static const char *const ROLES[] = {"-", "cloud", "chip", "lab", "utility", "builder"};

/* Index of w in names[0..n), or -1 ("" is -1). */
static int name_index(const char *const *names, int n, const char *w)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], w) == 0)
            return i;
    return -1;
}

static void alias_free(void *p)
{
    fig_alias *a = p;
    if (!a)
        return;
    for (int i = 0; i < a->ntok; i++)
        free(a->words[i]);
    free(a->words);
    free(a->raw);
    free(a);
}

/* Splits s on sep into at most max pieces (in place). Returns the count. */
static int split(char *s, char sep, char **out, int max)
{
    int n = 0;
    char *p = s;
    while (n < max) {
        out[n++] = p;
        char *q = strchr(p, sep);
        if (!q)
            break;
        *q = 0;
        p = q + 1;
    }
    return n;
}

/* Adds one alias of entity e. ticker: match the exact upper-case form.
 * Returns 0 or -1 (out of memory). An alias that yields no token is skipped. */
static int add_alias(struct fig_engine *eng, int e, const char *text, int ticker)
{
    static _Thread_local fig_tok big[FIG_MAX_TOK];
    fig_sent st = {0};
    st.tok = big;
    fig_lexer lx;
    fig_lexer_init(&lx, eng, text, strlen(text));
    /* an alias is short: read its tokens as one "sentence", keep 16 at most */
    if (!fig_next_sentence(&lx, &st))
        return 0;
    int n = st.n > 16 ? 16 : st.n;
    fig_alias *a = calloc(1, sizeof *a);
    if (!a)
        return -1;
    a->entity = e;
    a->ntok = n;
    a->exact_case = ticker;
    a->lower_ok = 1;
    for (const char *p = text; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            a->lower_ok = 0;
    a->raw = strdup(text);
    a->words = calloc((size_t)n, sizeof *a->words);
    if (!a->raw || !a->words) {
        alias_free(a);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        const fig_tok *t = &big[i];
        char *w = malloc(t->len + 1);
        if (!w) {
            a->ntok = i;
            alias_free(a);
            return -1;
        }
        for (uint32_t k = 0; k < t->len; k++) {
            char c = text[t->off + k];
            w[k] = (c >= 'A' && c <= 'Z') ? (char)(c | 0x20) : c;
        }
        w[t->len] = 0;
        a->words[i] = w;
    }
    if (fig_vec_push(&eng->aliases, a) < 0) {
        alias_free(a);
        return -1;
    }
    return 0;
}

/* The hash a token has for the last word of place p ("Santa Clara":
 * "clara"), as the tokenizer hashes lower-cased words; 0 for none. */
static uint32_t place_hash(const char *p)
{
    const char *end = p + strlen(p), *w = end;
    while (w > p && w[-1] != ' ')
        w--;
    if (w == end || end - w > 63)
        return 0;
    char low[64];
    size_t n = 0;
    for (const char *q = w; q < end; q++)
        low[n++] = (*q >= 'A' && *q <= 'Z') ? (char)(*q | 0x20) : *q;
    return fig_hash(low, n);
}

/* Parses gazetteer text (see the top of this file). */
int fig_gz_load_text(struct fig_engine *eng, const char *text, size_t len, const char *fname,
                     char *err, size_t errlen)
{
    int rc = FIG_OK, lineno = 0;
    char *buf = malloc(len + 1);
    if (!buf)
        return FIG_ERR_NOMEM;
    memcpy(buf, text, len);
    buf[len] = 0;
    char *cursor = buf, *l;
    while ((l = fig_next_line(&cursor, &lineno, 1)) != NULL) {
        char *col[7] = {0};
        int nc = split(l, '\t', col, 7);
        for (int i = 0; i < nc; i++)
            col[i] = fig_trim(col[i]);
        const char *name = col[0];
        if (!*name) {
            snprintf(err, errlen, "%s:%d: empty entity name", fname, lineno);
            rc = FIG_ERR_PARSE;
            goto done;
        }
        int type = -2, role = -2;
        if (nc > 1 && *col[1] && strcmp(col[1], "-") != 0) {
            type = name_index(TYPES, (int)(sizeof TYPES / sizeof TYPES[0]), col[1]);
            if (type < 0) {
                snprintf(err, errlen, "%s:%d: unknown type \"%s\" (company, country, index, person, agency, source, region)",
                         fname, lineno, col[1]);
                rc = FIG_ERR_PARSE;
                goto done;
            }
        }
        if (nc > 2 && *col[2] && strcmp(col[2], "-") != 0) {
            role = name_index(ROLES, 6, col[2]);
            if (role < 0) {
                snprintf(err, errlen, "%s:%d: unknown role \"%s\" (cloud, chip, lab, utility, builder, -)",
                         fname, lineno, col[2]);
                rc = FIG_ERR_PARSE;
                goto done;
            }
        }
        char lname[256];
        size_t ln = strlen(name);
        if (ln >= sizeof lname) {
            snprintf(err, errlen, "%s:%d: entity name too long", fname, lineno);
            rc = FIG_ERR_PARSE;
            goto done;
        }
        for (size_t k = 0; k <= ln; k++)
            lname[k] = (name[k] >= 'A' && name[k] <= 'Z') ? (char)(name[k] | 0x20) : name[k];
        int e = fig_map_get(&eng->entity_by_name, lname, ln, 0);
        if (e < 0) {
            fig_entity *ent = calloc(1, sizeof *ent);
            if (!ent || !(ent->name = strdup(name))) {
                free(ent);
                rc = FIG_ERR_NOMEM;
                goto done;
            }
            ent->type = type >= 0 ? type : ET_COMPANY;
            ent->role = role >= 0 ? role : ER_NONE;
            if (fig_vec_push(&eng->entities, ent) < 0) {
                free(ent->name);
                free(ent);
                rc = FIG_ERR_NOMEM;
                goto done;
            }
            e = (int)eng->entities.n - 1;
            if (fig_map_put(&eng->entity_by_name, lname, ln, e) < 0 || add_alias(eng, e, name, 0) < 0) {
                rc = FIG_ERR_NOMEM;
                goto done;
            }
        } else {
            fig_entity *ent = eng->entities.v[e];
            if (type >= 0)
                ent->type = type;
            if (role >= 0)
                ent->role = role;
        }
        fig_entity *ent = eng->entities.v[e];
        if (nc > 5 && *col[5] && strcmp(col[5], "-") != 0) {
            free(ent->cik);
            if (!(ent->cik = strdup(col[5]))) {
                rc = FIG_ERR_NOMEM;
                goto done;
            }
        }
        if (nc > 6 && *col[6] && strcmp(col[6], "-") != 0) {
            char *parts[FIG_BASED_MAX + 1];
            int np = split(col[6], '|', parts, FIG_BASED_MAX + 1);
            if (np > FIG_BASED_MAX) {
                snprintf(err, errlen, "%s:%d: more than %d places in the based column", fname,
                         lineno, FIG_BASED_MAX);
                rc = FIG_ERR_PARSE;
                goto done;
            }
            memset(ent->based, 0, sizeof ent->based);
            for (int k = 0, nb = 0; k < np; k++) {
                uint32_t h = place_hash(fig_trim(parts[k]));
                if (h) /* (an empty part, or a place too long to be a word) */
                    ent->based[nb++] = h;
            }
        }
        for (int c = 3; c <= 4 && c < nc; c++) {
            char *parts[256];
            if (!*col[c] || strcmp(col[c], "-") == 0)
                continue;
            int np = split(col[c], '|', parts, 256);
            for (int k = 0; k < np; k++) {
                char *a = fig_trim(parts[k]);
                if (!*a)
                    continue;
                if (add_alias(eng, e, a, c == 4) < 0) {
                    rc = FIG_ERR_NOMEM;
                    goto done;
                }
            }
        }
    }
done:
    free(buf);
    return rc;
}

/* Reads a whole file into a new buffer. Returns FIG_OK or FIG_ERR_IO. */
int fig_read_file(const char *path, char **out, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return FIG_ERR_IO;
    }
    for (;;) {
        if (n + 4096 > cap) {
            size_t ncap = cap ? cap * 2 : 65536;
            if (ncap > ((size_t)1 << 30)) {
                snprintf(err, errlen, "%s: file too large (over 1 GiB)", path);
                free(buf);
                fclose(f);
                return FIG_ERR_IO;
            }
            char *nb = realloc(buf, ncap);
            if (!nb) {
                free(buf);
                fclose(f);
                return FIG_ERR_NOMEM;
            }
            buf = nb;
            cap = ncap;
        }
        size_t k = fread(buf + n, 1, cap - n, f);
        n += k;
        if (k == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        snprintf(err, errlen, "%s: read error", path);
        free(buf);
        return FIG_ERR_IO;
    }
    *out = buf;
    *len = n;
    return FIG_OK;
}

int fig_gz_load_file(struct fig_engine *eng, const char *path, char *err, size_t errlen)
{
    char *buf;
    size_t len;
    int rc = fig_read_file(path, &buf, &len, err, errlen);
    if (rc)
        return rc;
    rc = fig_gz_load_text(eng, buf, len, path, err, errlen);
    free(buf);
    return rc;
}

/* Orders alias indices by token count, longest first. */
static const struct fig_engine *sort_eng;
static int by_len_desc(const void *x, const void *y)
{
    const fig_alias *a = sort_eng->aliases.v[*(const int *)x];
    const fig_alias *b = sort_eng->aliases.v[*(const int *)y];
    return b->ntok - a->ntok;
}

/* Builds the first-word index once every file is loaded. Returns 0 or -1. */
int fig_gz_finish(struct fig_engine *eng)
{
    fig_map_free(&eng->gz_first);
    fig_vec_free(&eng->gz_lists, free);
    for (size_t i = 0; i < eng->aliases.n; i++) {
        fig_alias *a = eng->aliases.v[i];
        if (!a->ntok)
            continue;
        const char *w = a->words[0];
        int slot = fig_map_get(&eng->gz_first, w, strlen(w), 0);
        if (slot < 0) {
            int *l = malloc(2 * sizeof *l);
            if (!l)
                return -1;
            l[0] = 0;
            if (fig_vec_push(&eng->gz_lists, l) < 0) {
                free(l);
                return -1;
            }
            slot = (int)eng->gz_lists.n - 1;
            if (fig_map_put(&eng->gz_first, w, strlen(w), slot) < 0 ||
                (strlen(w) <= FIG_MAX_WORD && fig_lex_slot(eng, w, slot, 0) < 0))
                return -1;
        }
        int *l = eng->gz_lists.v[slot];
        int *nl = realloc(l, (size_t)(l[0] + 2) * sizeof *nl);
        if (!nl)
            return -1;
        nl[++nl[0]] = (int)i;
        eng->gz_lists.v[slot] = nl;
    }
    sort_eng = eng;
    free(eng->gz_needcap);
    eng->gz_needcap = malloc(eng->gz_lists.n ? eng->gz_lists.n : 1);
    if (!eng->gz_needcap)
        return -1;
    for (size_t s = 0; s < eng->gz_lists.n; s++) {
        int *l = eng->gz_lists.v[s];
        qsort(l + 1, (size_t)l[0], sizeof *l, by_len_desc);
        /* "The Verge", "New Jersey", "US Department of Energy": no need to
         * look at every lower-case "the", "new" or "us" */
        unsigned char cap = 1;
        for (int k = 1; k <= l[0]; k++) {
            const fig_alias *a = eng->aliases.v[l[k]];
            cap &= a->exact_case || !a->lower_ok;
        }
        eng->gz_needcap[s] = cap;
    }
    return 0;
}

/* 1 if document token t equals alias word w (lower case). */
static int tok_eq(const char *doc, const fig_tok *t, const char *w)
{
    for (size_t k = 0; k < t->len; k++) {
        char c = doc[t->off + k];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c | 0x20);
        if (c != w[k]) /* also at w's end */
            return 0;
    }
    return w[t->len] == 0;
}

/* See fig_int.h. */
int fig_gz_find(const struct fig_engine *eng, const char *doc, const fig_sent *st,
                fig_mention *out, int max)
{
    int n = 0;
    for (int i = 0; i < st->n && n < max; i++) {
        const fig_tok *t = &st->tok[i];
        if (t->gz < 0 || (eng->gz_needcap[t->gz] && !(t->flags & TF_HASUP)))
            continue;
        const int *l = eng->gz_lists.v[t->gz];
        int found = 0;
        for (int k = 1; k <= l[0] && !found; k++) {
            const fig_alias *a = eng->aliases.v[l[k]];
            if (i + a->ntok > st->n)
                continue;
            /* an alias written with capitals needs one in the text */
            if (!a->exact_case && !a->lower_ok && !(t->flags & TF_HASUP))
                continue;
            int ok = 1;
            for (int m = 0; m < a->ntok && ok; m++) {
                ok = tok_eq(doc, &st->tok[i + m], a->words[m]);
                /* multi-token aliases are contiguous words, spaces allowed */
                if (ok && m > 0 && (st->tok[i + m].flags & TF_NL))
                    ok = 0;
            }
            if (!ok)
                continue;
            if (a->exact_case) {
                if (!(t->flags & TF_UPPER) || t->len != strlen(a->raw) ||
                    memcmp(doc + t->off, a->raw, t->len) != 0 || a->ntok != 1)
                    continue;
            } else if (!a->lower_ok && !(t->flags & TF_HASUP)) {
                continue;
            }
            out[n].tok = i;
            out[n].ntok = a->ntok;
            out[n].entity = a->entity;
            n++;
            found = 1;
            i += a->ntok - 1;
        }
    }
    return n;
}

void fig_gz_free(struct fig_engine *eng)
{
    for (size_t i = 0; i < eng->entities.n; i++) {
        fig_entity *e = eng->entities.v[i];
        free(e->name);
        free(e->cik);
        free(e);
    }
    fig_vec_free(&eng->entities, NULL);
    fig_vec_free(&eng->aliases, alias_free);
    fig_vec_free(&eng->gz_lists, free);
    free(eng->gz_needcap);
    eng->gz_needcap = NULL;
    fig_map_free(&eng->gz_first);
    fig_map_free(&eng->entity_by_name);
}
