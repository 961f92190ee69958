/*
 * jsonpos.h - where each value of a JSON text stands (line and column).
 *
 * jansson reports positions only for syntax errors; `assay check` needs
 * them for valid JSON too ("unknown key at 12:7"). This scanner walks the
 * text once and records, for every value, its JSON Pointer (RFC 6901,
 * "/sources/0/paths"), the position of its key (for object members) and of
 * the value itself. Lines and columns count from 1; columns count code
 * points, as jansson's do.
 */
#ifndef ASSAY_JSONPOS_H
#define ASSAY_JSONPOS_H

#include <stddef.h>

typedef struct jpos {
    int key_line, key_col; /* 0 for array items and the root */
    int line, col;         /* the value */
} jpos;

typedef struct jpos_map jpos_map;

/* Scans text (which jansson has already accepted). NULL if it is not JSON
 * after all; positions are then simply unavailable. */
jpos_map *jpos_scan(const char *text, size_t len);
void jpos_free(jpos_map *m);
/* The position of the value at pointer, or NULL. */
const jpos *jpos_get(const jpos_map *m, const char *pointer);

/* Appends one reference token to a pointer, escaping '~' and '/'. */
char *jpos_child(const char *pointer, const char *token);
char *jpos_index(const char *pointer, size_t i);

#endif
