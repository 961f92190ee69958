/*
 * edgar_facts.h - XBRL company facts (data.sec.gov/api/xbrl/companyfacts)
 * as rows: one row per distinct value of a mapped concept for one period.
 *
 * companyfacts lists every fact every filing reported, so a quarter's
 * capex appears once in its 10-Q, again as the prior-year column of next
 * year's 10-Q, and so on. Rows here are distinct (concept, unit, period,
 * value): a repeat is the same row, kept with the filing that first
 * reported it; a different value for a period already reported is a new
 * row that restates the earlier one.
 *
 * The fy/fp SEC attaches to a fact are the fiscal year and period of the
 * filing that carried it (a 10-K's prior-year columns share its fy), and
 * some filers tag them inconsistently; the period label here is worked
 * out from the fact's own dates and the company's fiscal year end.
 */
#ifndef EDGAR_FACTS_H
#define EDGAR_FACTS_H

#include <stddef.h>
#include <stdint.h>

/* One concept to read, and the metric it counts as. */
typedef struct xbrl_concept {
    char *taxonomy; /* "us-gaap" */
    char *name;     /* "PaymentsToAcquireProductiveAssets" */
    char *metric;   /* "capex" */
} xbrl_concept;

typedef struct xbrl_map {
    xbrl_concept *v;
    size_t n;
} xbrl_map;

/* Builds a map from a JSON object {"[taxonomy:]Concept": "metric", ...}
 * (taxonomy defaults to us-gaap). Returns 0, or -1 with err. */
int xbrl_map_parse(const char *json, xbrl_map *map, char *err, size_t errlen);
void xbrl_map_free(xbrl_map *map);
/* A short stable hash (16 hex digits) of the map, to tell maps apart in
 * state keys. */
void xbrl_map_id(const xbrl_map *map, char out[17]);

typedef struct xbrl_row {
    const xbrl_concept *concept; /* points into the map */
    char unit[32];               /* the companyfacts unit key: "USD", "USD/shares" */
    int64_t start;               /* days; INT64_MIN for an instant */
    int64_t end;                 /* days */
    double value;
    char value_text[40];     /* the value as written in the JSON */
    char accession[21];      /* of the filing that first reported it */
    int64_t filed;           /* that filing's date, days */
    char form[24];           /* that filing's form */
    int fy;                  /* SEC's fy of that filing (0 when absent) */
    char fp[8];              /* SEC's fp of that filing ("FY", "Q2"; "" when absent) */
    int fiscal_year;         /* worked out from the dates */
    char period[32];         /* "2026", "2026-Q1", "2026-H1", "2026-9M", or start..end */
    int restates;            /* 1: an earlier filing gave another value */
    char prev_value[40];     /* that value, when restates */
    char prev_accession[21]; /* and its filing */
    int rounding;            /* restates only by rounding the earlier value to
                                this one's precision (29068000 -> 29000000) */
} xbrl_row;

typedef struct xbrl_facts {
    char cik[11];
    char *entity;   /* entityName */
    xbrl_row *rows; /* sorted by (filed, accession, concept, end) */
    size_t n;
    /* The newest filing anywhere in the file (every concept, mapped or
     * not): its date and the accession numbers filed that day, to tell
     * on a later run which rows are new. */
    int64_t last_filed; /* INT64_MIN when the file lists no facts */
    char **last_accessions;
    size_t nlast;
    size_t skipped; /* facts without a usable date, value or accession */
    char fye[5];    /* the fiscal year end used ("0131") */
} xbrl_facts;

/* Reads a companyfacts body. fye is the company's fiscal year end "MMDD"
 * from its submissions file, or NULL/"" to work it out from the 10-K
 * facts themselves (else December 31). Returns 0, or -1 with err when
 * the body is not a companyfacts object. */
int xbrl_facts_parse(const char *body, size_t len, const char *content_type, const xbrl_map *map,
                     const char *fye, xbrl_facts *out, char *err, size_t errlen);
void xbrl_facts_free(xbrl_facts *f);

/* The period label of [start, end] (start INT64_MIN: an instant) for a
 * fiscal year ending on month/day fye_m/fye_d, and its fiscal year. */
void xbrl_period_label(int64_t start, int64_t end, int fye_m, int fye_d, char *out, size_t outlen,
                       int *fiscal_year);

#endif
