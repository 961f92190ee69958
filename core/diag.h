/*
 * diag.h - diagnostics for pipeline files: what is wrong, where
 * (file:line:column), and what to do, in the style of a compiler:
 *
 *   pipelines/x.json:12:7: error: unknown key 'pathz' for plugin 'files'
 *     hint: did you mean 'paths'? (files, folders or globs to read)
 */
#ifndef ASSAY_DIAG_H
#define ASSAY_DIAG_H

#include <stdio.h>

typedef struct diag_item {
    int line, col; /* 0 when the message has no position */
    int warning;
    char *msg;
    char *hint; /* may be NULL */
} diag_item;

typedef struct diags {
    const char *file;
    diag_item *items;
    size_t n;
    size_t errors;
} diags;

void diags_init(diags *d, const char *file);
void diags_free(diags *d);
void diag_error(diags *d, int line, int col, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void diag_warning(diags *d, int line, int col, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Prints every item, in the order found, to f. */
void diags_print(const diags *d, FILE *f);

/* Damerau-Levenshtein distance of two short strings (capped at 64 bytes). */
int edit_distance(const char *a, const char *b);
/* The candidate nearest to word, or NULL when none is near enough to be a
 * likely misspelling. */
const char *nearest_word(const char *word, const char *const *candidates, size_t n);

#endif
