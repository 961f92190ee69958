/*
 * figures.h - the figure extractor's library API (plugin-private).
 *
 * The library finds money, power, compute-unit counts and percentages in
 * plain UTF-8 text, normalises them to base units (USD or another ISO
 * currency, watts, units, percent points) and attributes each one to a
 * metric, an entity, a counterparty and a period. It depends on libc only
 * (plus jansson in the driver and plugin glue, not here) and knows nothing
 * of the assay core.
 *
 * Ownership, stated once: the engine owns everything it hands out. A
 * fig_fact passed to a callback, and every string it points to, is valid
 * only during that callback; copy what you keep. Text pointers (text,
 * sentence) point into the caller's document and are not NUL-terminated.
 *
 * Threads: an engine is read-only after fig_engine_new() returns, so any
 * number of threads may call fig_extract() on one engine at once.
 */
#ifndef FIGURES_H
#define FIGURES_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Result codes. Zero is success. */
#define FIG_OK 0
#define FIG_ERR_NOMEM 1   /* out of memory */
#define FIG_ERR_IO 2      /* a data file could not be read */
#define FIG_ERR_PARSE 3   /* a data file is malformed (the message says where) */
#define FIG_ERR_INVALID 4 /* a bad argument */
#define FIG_STOPPED 5     /* the callback asked to stop */

typedef enum fig_kind {
    FIG_MONEY = 1,
    FIG_POWER = 2,
    FIG_COUNT = 3,
    FIG_PERCENT = 4
} fig_kind;

typedef enum fig_qualifier {
    FIG_Q_NONE = 0,
    FIG_Q_ABOUT,
    FIG_Q_OVER,
    FIG_Q_UNDER,
    FIG_Q_UP_TO,
    FIG_Q_NEARLY,
    FIG_Q_AT_LEAST
} fig_qualifier;

/* One figure found in a document. */
typedef struct fig_fact {
    fig_kind kind;
    double low, high;          /* base units; low == high for a single value */
    const char *unit;          /* "USD", "EUR", "W", "gpu", "chip", "%" */
    const char *per;           /* "month", "year", "GW", "GW-year", ... or NULL */
    fig_qualifier qualifier;
    const char *metric;        /* "capex", "power_capacity", ..., "other" */
    const char *entity;        /* canonical name, or NULL */
    const char *counterparty;  /* canonical name, or NULL */
    const char *period;        /* "2026", "2025-2032", or NULL */
    const char *text;          /* the span, in the document */
    size_t text_len;
    size_t start_byte, end_byte; /* byte offsets of the span */
    size_t start_cp, end_cp;     /* Unicode code point offsets of the span */
    const char *sentence;      /* the sentence, in the document */
    size_t sentence_len;
    size_t sentence_start_byte;
    const char *cue;           /* what decided metric and entity (--explain) */
} fig_fact;

/* Called once per fact, in document order. Return 0 to go on, nonzero to
 * stop (fig_extract then returns FIG_STOPPED). */
typedef int (*fig_fact_cb)(const fig_fact *fact, void *ud);

/* What is known about a document besides its text. Zero fields are unknown.
 * The date resolves relative periods ("this year", "next year", FY26) and
 * tells past spending from guidance; without it the extractor uses the
 * year the text mentions most. */
typedef struct fig_doc_info {
    int year, month, day;
} fig_doc_info;

/* Engine options. Every member may be zero/NULL. */
typedef struct fig_options {
    /* Extra gazetteer files (TSV, see README) loaded after the shipped one. */
    const char *const *entity_files;
    size_t n_entity_files;
    /* Extra metric rules files (see README), loaded after the shipped rules,
     * or instead of them when replace_rules is 1. */
    const char *const *rule_files;
    size_t n_rule_files;
    int replace_rules;
} fig_options;

typedef struct fig_engine fig_engine;

/*
 * Builds an engine: the shipped gazetteer and rules (compiled in), then the
 * files named in opt. Returns FIG_OK and *out, or an error code with a
 * message ("file:line: what") in err (errlen bytes, may be 0) and *out NULL.
 */
int fig_engine_new(const fig_options *opt, fig_engine **out, char *err, size_t errlen);

/* Frees an engine. NULL is fine. */
void fig_engine_free(fig_engine *eng);

/* Number of entities and metric rules loaded (for logs and tests). */
size_t fig_engine_entity_count(const fig_engine *eng);
size_t fig_engine_rule_count(const fig_engine *eng);

/*
 * Extracts the facts of one document of len bytes (any bytes: invalid
 * UTF-8 and NUL bytes are tolerated) and calls cb for each, in order.
 * info may be NULL. Time is linear in len; memory is bounded by the
 * longest sentence (sentences are cut at a fixed token count), not by len.
 * Returns FIG_OK, FIG_ERR_NOMEM, FIG_ERR_INVALID or FIG_STOPPED.
 */
int fig_extract(const fig_engine *eng, const char *text, size_t len,
                const fig_doc_info *info, fig_fact_cb cb, void *ud);

/* Names of the enumerations, for output: "money", "about", ... ("" for none). */
const char *fig_kind_name(fig_kind k);
const char *fig_qualifier_name(fig_qualifier q);

/* A short description of a result code. */
const char *fig_strerror(int rc);

/*
 * Copies len bytes of src to dst as valid UTF-8: each invalid byte and each
 * NUL becomes U+FFFD. dst must hold 3 * len + 1 bytes; it is NUL-terminated.
 * Returns the number of bytes written (without the NUL).
 */
size_t fig_utf8_clean(char *dst, const char *src, size_t len);

/* Parses "YYYY-MM-DD..." (or "YYYY") into info. Returns 0 or -1. */
int fig_parse_date(const char *s, size_t len, fig_doc_info *info);

#ifdef __cplusplus
}
#endif
#endif /* FIGURES_H */
