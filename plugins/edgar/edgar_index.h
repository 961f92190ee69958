/*
 * edgar_index.h - an EDGAR filing index page (<accession>-index.html):
 * the table of a filing's documents, with each one's sequence number,
 * description, file, link and type (8-K, EX-99.1, GRAPHIC, ...).
 *
 * Read with libxml2's HTML parser; only tables of class "tableFile" are
 * looked at, and their columns are found by their header cells, so a
 * reordered table still reads right.
 */
#ifndef EDGAR_INDEX_H
#define EDGAR_INDEX_H

#include <stddef.h>

typedef struct edgar_index_doc {
    int seq;           /* 0 when the row has none (the complete .txt) */
    char *description; /* "PRESS RELEASE"; "" when none */
    char *name;        /* the file name shown: "ex99-1.htm" */
    char *href;        /* the link, with SEC's "/ix?doc=" viewer prefix removed */
    char *type;        /* "EX-99.1"; "" when none */
} edgar_index_doc;

typedef struct edgar_index {
    edgar_index_doc *v;
    size_t n;
} edgar_index;

/* Parses an index page. Returns 0 with out filled (possibly with no
 * documents), or -1 with err when the page has no document table at all
 * (an error page, or not an index page). */
int edgar_parse_index(const char *body, size_t len, edgar_index *out, char *err, size_t errlen);
void edgar_index_free(edgar_index *ix);

/* 1 when an index entry of type `type` matches one of the n prefixes
 * (case-insensitive: "EX-99" matches "EX-99.1" and "EX-99.01" but not
 * "EX-990"). */
int edgar_type_matches(const char *type, const char *const *prefixes, size_t n);

#endif
