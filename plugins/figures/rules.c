/*
 * rules.c - the metric rules file: which words around a figure decide what
 * it measures. Analysts add or replace rules without recompiling.
 *
 * Line forms ('#' starts a comment):
 *   METRIC KINDS WEIGHT [COND...] : phrase | phrase ...
 *   @default KINDS METRIC [COND...]      metric when no cue matched
 *   @future : word | word ...            forward-looking words
 *   @past : word | word ...              words of spending already done
 *   @promote FROM TO                     FROM becomes TO when forward-looking
 *   @part UNIT : word | word ...         plural model names counted as UNIT
 * KINDS: money,power,count,percent or *. WEIGHT: 1..20.
 * COND: min=N max=N (the figure's high value), per=a,b (its rate),
 *       noper, perx (a non-time denominator: per share, per rack),
 *       before / after (where the cue must stand), near=N (tokens),
 *       equity (an investment in a named company is "other"), pledge (not
 *       promoted for a year to come), unless=METRIC (not when a cue of
 *       METRIC stands in the clause), nocp (not when a company follows the
 *       figure with to/with/from), firm (the phrase speaks of a company's
 *       accounts: a sentence naming nobody goes on about the last subject).
 * Phrases are words; "*" matches any one word, "invest*" any word that
 * starts with "invest".
 */
#include "fig_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int fig_read_file(const char *path, char **out, size_t *len, char *err, size_t errlen);

static void rule_free(void *p)
{
    fig_rule *r = p;
    if (!r)
        return;
    for (int i = 0; i < r->ntok; i++)
        free(r->words[i]);
    free(r->words);
    free(r->metric);
    free(r->per);
    free(r->unless);
    free(r->phrase);
    free(r);
}

static void default_free(void *p)
{
    fig_default *d = p;
    if (!d)
        return;
    free(d->metric);
    free(d->per);
    free(d);
}

/* Parses "money,power" or "*" into kind bits. Returns 0 on a bad name. */
static unsigned parse_kinds(const char *s)
{
    if (strcmp(s, "*") == 0)
        return 0x1Eu;
    unsigned k = 0;
    char buf[128], *save = NULL;
    snprintf(buf, sizeof buf, "%s", s);
    for (char *p = strtok_r(buf, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
        if (strcmp(p, "money") == 0) k |= 1u << FIG_MONEY;
        else if (strcmp(p, "power") == 0) k |= 1u << FIG_POWER;
        else if (strcmp(p, "count") == 0) k |= 1u << FIG_COUNT;
        else if (strcmp(p, "percent") == 0) k |= 1u << FIG_PERCENT;
        else return 0;
    }
    return k;
}

/* Parses one condition word into the fields. Returns 0 or -1. */
static int parse_cond(const char *w, unsigned *cond, double *min, double *max, int *near,
                      char **per, char **unless)
{
    char *end;
    if (strncmp(w, "min=", 4) == 0) {
        *min = strtod(w + 4, &end);
        *cond |= RC_MIN;
        return *end ? -1 : 0;
    }
    if (strncmp(w, "max=", 4) == 0) {
        *max = strtod(w + 4, &end);
        *cond |= RC_MAX;
        return *end ? -1 : 0;
    }
    if (strncmp(w, "near=", 5) == 0) {
        *near = (int)strtol(w + 5, &end, 10);
        *cond |= RC_NEAR;
        return *end || *near < 0 ? -1 : 0;
    }
    if (strncmp(w, "per=", 4) == 0) {
        free(*per);
        *per = strdup(w + 4);
        *cond |= RC_PER;
        return *per ? 0 : -1;
    }
    if (strcmp(w, "noper") == 0) { *cond |= RC_NOPER; return 0; }
    if (strcmp(w, "perx") == 0) { *cond |= RC_PERX; return 0; }
    if (strcmp(w, "before") == 0) { *cond |= RC_BEFORE; return 0; }
    if (strcmp(w, "after") == 0) { *cond |= RC_AFTER; return 0; }
    if (strcmp(w, "equity") == 0) { *cond |= RC_EQUITY; return 0; }
    if (strcmp(w, "pledge") == 0) { *cond |= RC_PLEDGE; return 0; }
    if (strcmp(w, "nocp") == 0) { *cond |= RC_NOCP; return 0; }
    if (strcmp(w, "firm") == 0) { *cond |= RC_FIRM; return 0; }
    if (strncmp(w, "unless=", 7) == 0 && w[7]) {
        free(*unless);
        *unless = strdup(w + 7);
        *cond |= RC_UNLESS;
        return *unless ? 0 : -1;
    }
    return -1;
}

/* Splits a phrase into lower-cased words on spaces. Returns the count, or
 * -1 when out of memory. */
static int phrase_words(const char *ph, char ***out)
{
    char **w = NULL;
    int n = 0;
    const char *p = ph;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *q = p;
        while (*q && *q != ' ')
            q++;
        char **nw = realloc(w, (size_t)(n + 1) * sizeof *nw);
        if (!nw)
            goto oom;
        w = nw;
        w[n] = malloc((size_t)(q - p) + 1);
        if (!w[n])
            goto oom;
        for (const char *c = p; c < q; c++)
            w[n][c - p] = (*c >= 'A' && *c <= 'Z') ? (char)(*c | 0x20) : *c;
        w[n][q - p] = 0;
        n++;
        p = q;
    }
    *out = w;
    return n;
oom:
    for (int i = 0; i < n; i++)
        free(w[i]);
    free(w);
    return -1;
}

/* Parses rules text (see the top of this file). */
int fig_rules_load_text(struct fig_engine *eng, const char *text, size_t len, const char *fname,
                        char *err, size_t errlen)
{
    int rc = FIG_OK, lineno = 0;
    char *buf = malloc(len + 1);
    if (!buf)
        return FIG_ERR_NOMEM;
    memcpy(buf, text, len);
    buf[len] = 0;
    char *cursor = buf, *l;
    while ((l = fig_next_line(&cursor, &lineno, 0)) != NULL) {
        l = fig_trim(l);
        char *colon = strchr(l, ':');
        char *rhs = NULL;
        if (colon) {
            *colon = 0;
            rhs = fig_trim(colon + 1);
        }
        char *head[16], *save = NULL;
        int nh = 0;
        for (char *p = strtok_r(l, " \t", &save); p && nh < 16; p = strtok_r(NULL, " \t", &save))
            head[nh++] = p;
        if (nh == 0) {
            snprintf(err, errlen, "%s:%d: nothing before ':'", fname, lineno);
            rc = FIG_ERR_PARSE;
            goto done;
        }
        if (strcmp(head[0], "@future") == 0 || strcmp(head[0], "@past") == 0 ||
            strcmp(head[0], "@part") == 0) {
            int part = head[0][1] == 'p' && head[0][2] == 'a' && head[0][3] == 'r';
            uint32_t cls = strcmp(head[0], "@future") == 0 ? LX_FUTURE : part ? LX_COUNT : LX_PAST;
            const char *unit = NULL;
            if (part) {
                if (nh != 2) {
                    snprintf(err, errlen, "%s:%d: @part needs a unit (@part gpu : rubins | ...)",
                             fname, lineno);
                    rc = FIG_ERR_PARSE;
                    goto done;
                }
                /* units live as long as the engine: keep them in the lexicon's
                 * string pool (the rules vector owns a copy) */
                char *u = strdup(head[1]);
                if (!u || fig_vec_push(&eng->parts, u) < 0) {
                    free(u);
                    rc = FIG_ERR_NOMEM;
                    goto done;
                }
                unit = u;
            }
            if (!rhs) {
                snprintf(err, errlen, "%s:%d: %s needs ': word | word'", fname, lineno, head[0]);
                rc = FIG_ERR_PARSE;
                goto done;
            }
            for (char *p = strtok_r(rhs, "|", &save); p; p = strtok_r(NULL, "|", &save)) {
                char *w = fig_trim(p);
                for (char *c = w; *c; c++)
                    if (*c >= 'A' && *c <= 'Z')
                        *c = (char)(*c | 0x20);
                if (*w && fig_lex_add(eng, w, cls, 0, unit) < 0) {
                    rc = FIG_ERR_NOMEM;
                    goto done;
                }
            }
            continue;
        }
        if (strcmp(head[0], "@promote") == 0) {
            if (nh != 3) {
                snprintf(err, errlen, "%s:%d: @promote needs FROM TO", fname, lineno);
                rc = FIG_ERR_PARSE;
                goto done;
            }
            char *a = strdup(head[1]), *b = strdup(head[2]);
            if (!a || !b || fig_vec_push(&eng->promotes, a) < 0) {
                free(a);
                free(b);
                rc = FIG_ERR_NOMEM;
                goto done;
            }
            if (fig_vec_push(&eng->promotes, b) < 0) {
                free(b);
                rc = FIG_ERR_NOMEM;
                goto done;
            }
            continue;
        }
        if (strcmp(head[0], "@default") == 0) {
            if (nh < 3) {
                snprintf(err, errlen, "%s:%d: @default needs KINDS METRIC [COND...]", fname, lineno);
                rc = FIG_ERR_PARSE;
                goto done;
            }
            fig_default *d = calloc(1, sizeof *d);
            if (!d) {
                rc = FIG_ERR_NOMEM;
                goto done;
            }
            d->kinds = parse_kinds(head[1]);
            d->metric = strdup(head[2]);
            int near = 0;
            char *unless = NULL;
            int bad = !d->kinds || !d->metric;
            for (int k = 3; k < nh && !bad; k++)
                bad = parse_cond(head[k], &d->cond, &d->min, &d->max, &near, &d->per, &unless) < 0;
            free(unless);
            if (bad || fig_vec_push(&eng->defaults, d) < 0) {
                default_free(d);
                snprintf(err, errlen, "%s:%d: bad @default (kinds money,power,count,percent or *; "
                         "conditions min= max= per= noper perx)", fname, lineno);
                rc = FIG_ERR_PARSE;
                goto done;
            }
            continue;
        }
        if (head[0][0] == '@') {
            snprintf(err, errlen, "%s:%d: unknown directive %s", fname, lineno, head[0]);
            rc = FIG_ERR_PARSE;
            goto done;
        }
        if (nh < 3 || !rhs || !*rhs) {
            snprintf(err, errlen, "%s:%d: expected METRIC KINDS WEIGHT [COND...] : phrase | ...",
                     fname, lineno);
            rc = FIG_ERR_PARSE;
            goto done;
        }
        unsigned kinds = parse_kinds(head[1]);
        char *end;
        long weight = strtol(head[2], &end, 10);
        if (!kinds || *end || weight < 1 || weight > 20) {
            snprintf(err, errlen, "%s:%d: bad kinds \"%s\" or weight \"%s\" (1..20)", fname, lineno,
                     head[1], head[2]);
            rc = FIG_ERR_PARSE;
            goto done;
        }
        unsigned cond = 0;
        double min = 0, max = 0;
        int near = 0;
        char *per = NULL, *unless = NULL;
        for (int k = 3; k < nh; k++)
            if (parse_cond(head[k], &cond, &min, &max, &near, &per, &unless) < 0) {
                free(per);
                free(unless);
                snprintf(err, errlen, "%s:%d: unknown condition \"%s\"", fname, lineno, head[k]);
                rc = FIG_ERR_PARSE;
                goto done;
            }
        for (char *p = strtok_r(rhs, "|", &save); p; p = strtok_r(NULL, "|", &save)) {
            char *ph = fig_trim(p);
            if (!*ph)
                continue;
            fig_rule *r = calloc(1, sizeof *r);
            if (!r) {
                free(per);
                free(unless);
                rc = FIG_ERR_NOMEM;
                goto done;
            }
            r->metric = strdup(head[0]);
            r->kinds = kinds;
            r->weight = (int)weight;
            r->cond = cond;
            r->min = min;
            r->max = max;
            r->near = near;
            r->per = per ? strdup(per) : NULL;
            r->unless = unless ? strdup(unless) : NULL;
            r->phrase = strdup(ph);
            r->line = lineno;
            r->ntok = phrase_words(ph, &r->words);
            for (int k = 1; k < r->ntok && k <= 4 && !r->hash2_pos; k++)
                if (!strchr(r->words[k], '*')) {
                    r->hash2 = fig_hash(r->words[k], strlen(r->words[k]));
                    r->hash2_pos = k;
                }
            if (!r->metric || !r->phrase || (per && !r->per) || (unless && !r->unless) ||
                r->ntok < 0 || fig_vec_push(&eng->rules, r) < 0) {
                if (r->ntok < 0)
                    r->ntok = 0;
                rule_free(r);
                free(per);
                free(unless);
                rc = FIG_ERR_NOMEM;
                goto done;
            }
        }
        free(per);
        free(unless);
    }
done:
    free(buf);
    return rc;
}

int fig_rules_load_file(struct fig_engine *eng, const char *path, char *err, size_t errlen)
{
    char *buf;
    size_t len;
    int rc = fig_read_file(path, &buf, &len, err, errlen);
    if (rc)
        return rc;
    rc = fig_rules_load_text(eng, buf, len, path, err, errlen);
    free(buf);
    return rc;
}

/* Builds the first-word index of the rules (phrases whose first word is a
 * prefix pattern go to slot "*"). Returns 0 or -1. */
int fig_rules_finish(struct fig_engine *eng)
{
    fig_map_free(&eng->rule_first);
    fig_vec_free(&eng->rule_lists, free);
    free(eng->rule_hash2);
    free(eng->rule_hash2_pos);
    eng->rule_hash2 = malloc((eng->rules.n + 1) * sizeof *eng->rule_hash2);
    eng->rule_hash2_pos = malloc(eng->rules.n + 1);
    if (!eng->rule_hash2 || !eng->rule_hash2_pos)
        return -1;
    for (size_t i = 0; i < eng->rules.n; i++) {
        const fig_rule *r = eng->rules.v[i];
        eng->rule_hash2[i] = r->hash2;
        eng->rule_hash2_pos[i] = (unsigned char)r->hash2_pos;
    }
    for (size_t i = 0; i < eng->rules.n; i++) {
        fig_rule *r = eng->rules.v[i];
        /* a cue of company accounts: a firm money cue, or a metric other
         * than "other", capacity or units ("revenue", "shares", "capex";
         * not "vacancy", not "construction") */
        r->firm = (r->cond & RC_FIRM) ||
                  (r->weight >= 7 &&
                   ((r->kinds & (1u << FIG_MONEY)) ||
                    (strcmp(r->metric, "other") != 0 && strcmp(r->metric, "power_capacity") != 0 &&
                     strcmp(r->metric, "compute_units") != 0)));
        if (!r->ntok)
            continue;
        const char *w = r->words[0];
        size_t wl = strlen(w);
        if (wl > 1 && w[wl - 1] == '*')
            w = "*", wl = 1;
        int slot = fig_map_get(&eng->rule_first, w, wl, 0);
        if (slot < 0) {
            int *l = malloc(2 * sizeof *l);
            if (!l)
                return -1;
            l[0] = 0;
            if (fig_vec_push(&eng->rule_lists, l) < 0) {
                free(l);
                return -1;
            }
            slot = (int)eng->rule_lists.n - 1;
            if (fig_map_put(&eng->rule_first, w, wl, slot) < 0 ||
                (wl <= FIG_MAX_WORD && fig_lex_slot(eng, w, slot, 1) < 0))
                return -1;
        }
        int *l = eng->rule_lists.v[slot];
        int *nl = realloc(l, (size_t)(l[0] + 2) * sizeof *nl);
        if (!nl)
            return -1;
        nl[++nl[0]] = (int)i;
        eng->rule_lists.v[slot] = nl;
    }
    return 0;
}

void fig_rules_free(struct fig_engine *eng)
{
    free(eng->rule_hash2);
    free(eng->rule_hash2_pos);
    eng->rule_hash2 = NULL;
    eng->rule_hash2_pos = NULL;
    fig_vec_free(&eng->rules, rule_free);
    fig_vec_free(&eng->defaults, default_free);
    fig_vec_free(&eng->promotes, free);
    fig_vec_free(&eng->parts, free);
    fig_vec_free(&eng->rule_lists, free);
    fig_map_free(&eng->rule_first);
}
