/*
 * engine.c - building and freeing an extraction engine: the fixed lexicon,
 * the shipped gazetteer and rules (compiled in from entities.tsv and
 * metrics.rules), then an analyst's files. Also the small public helpers
 * (names of kinds and qualifiers, result strings, dates).
 */
#include "fig_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const char fig_entities_tsv[];
extern const size_t fig_entities_tsv_len;
extern const char fig_metrics_rules[];
extern const size_t fig_metrics_rules_len;

/* See figures.h. */
int fig_engine_new(const fig_options *opt, fig_engine **out, char *err, size_t errlen)
{
    static const fig_options none;
    char dummy[1];
    if (!err || !errlen) {
        err = dummy;
        errlen = sizeof dummy;
    }
    err[0] = 0;
    *out = NULL;
    if (!opt)
        opt = &none;
    int rc = FIG_ERR_NOMEM;
    fig_engine *eng = calloc(1, sizeof *eng);
    if (!eng)
        goto fail;
    if (fig_lexicon_init(eng) < 0 || fig_orgs_init(eng) < 0)
        goto fail;
    rc = fig_gz_load_text(eng, fig_entities_tsv, fig_entities_tsv_len, "entities.tsv", err, errlen);
    if (rc)
        goto fail;
    for (size_t i = 0; i < opt->n_entity_files; i++) {
        rc = fig_gz_load_file(eng, opt->entity_files[i], err, errlen);
        if (rc)
            goto fail;
    }
    if (!opt->replace_rules || !opt->n_rule_files) {
        rc = fig_rules_load_text(eng, fig_metrics_rules, fig_metrics_rules_len, "metrics.rules", err,
                                 errlen);
        if (rc)
            goto fail;
    }
    for (size_t i = 0; i < opt->n_rule_files; i++) {
        rc = fig_rules_load_file(eng, opt->rule_files[i], err, errlen);
        if (rc)
            goto fail;
    }
    rc = FIG_ERR_NOMEM;
    if (fig_gz_finish(eng) < 0 || fig_rules_finish(eng) < 0)
        goto fail;
    *out = eng;
    return FIG_OK;
fail:
    if (rc == FIG_ERR_NOMEM && !err[0])
        snprintf(err, errlen, "out of memory");
    fig_engine_free(eng);
    return rc;
}

void fig_engine_free(fig_engine *eng)
{
    if (!eng)
        return;
    fig_gz_free(eng);
    fig_rules_free(eng);
    fig_map_free(&eng->lex);
    free(eng->lexv);
    free(eng);
}

size_t fig_engine_entity_count(const fig_engine *eng)
{
    return eng ? eng->entities.n : 0;
}

size_t fig_engine_rule_count(const fig_engine *eng)
{
    return eng ? eng->rules.n : 0;
}

const char *fig_kind_name(fig_kind k)
{
    switch (k) {
    case FIG_MONEY: return "money";
    case FIG_POWER: return "power";
    case FIG_COUNT: return "count";
    case FIG_PERCENT: return "percent";
    }
    return "";
}

const char *fig_qualifier_name(fig_qualifier q)
{
    switch (q) {
    case FIG_Q_ABOUT: return "about";
    case FIG_Q_OVER: return "over";
    case FIG_Q_UNDER: return "under";
    case FIG_Q_UP_TO: return "up_to";
    case FIG_Q_NEARLY: return "nearly";
    case FIG_Q_AT_LEAST: return "at_least";
    case FIG_Q_NONE: break;
    }
    return "";
}

const char *fig_strerror(int rc)
{
    switch (rc) {
    case FIG_OK: return "ok";
    case FIG_ERR_NOMEM: return "out of memory";
    case FIG_ERR_IO: return "cannot read a data file";
    case FIG_ERR_PARSE: return "malformed data file";
    case FIG_ERR_INVALID: return "invalid argument";
    case FIG_STOPPED: return "stopped by the caller";
    }
    return "unknown error";
}

/* See figures.h. */
int fig_parse_date(const char *s, size_t len, fig_doc_info *info)
{
    memset(info, 0, sizeof *info);
    if (!s || len < 4)
        return -1;
    int y = 0;
    for (int i = 0; i < 4; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        y = y * 10 + (s[i] - '0');
    }
    info->year = y;
    if (len >= 7 && s[4] == '-' && s[5] >= '0' && s[5] <= '9' && s[6] >= '0' && s[6] <= '9')
        info->month = (s[5] - '0') * 10 + (s[6] - '0');
    if (len >= 10 && s[7] == '-' && s[8] >= '0' && s[8] <= '9' && s[9] >= '0' && s[9] <= '9')
        info->day = (s[8] - '0') * 10 + (s[9] - '0');
    return 0;
}
