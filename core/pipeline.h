/*
 * pipeline.h - pipeline files: reading, checking and resolving them.
 *
 * A pipeline file is one JSON object:
 *
 *   { "name": "ai-news", "on_error": "dead_letter",
 *     "sources":    [ {"id": "news", "plugin": "news", ...config} ],
 *     "transforms": [ {"id": "figures", "plugin": "figures",
 *                      "input": ["news.documents"], ...config} ],
 *     "sinks":      [ {"id": "pg", "plugin": "postgres",
 *                      "input": ["figures.facts"], ...config} ] }
 *
 * pipeline_load() reads and checks the file's own shape; pipeline_resolve()
 * loads each entry's plugin, checks its config against the plugin's
 * declared keys, declares its streams and checks the wiring. Every problem
 * becomes a diagnostic with file:line:column; both go on after an error so
 * that one `assay check` reports everything it can.
 */
#ifndef ASSAY_PIPELINE_H
#define ASSAY_PIPELINE_H

#include <assay/assay.h>
#include <jansson.h>

#include "diag.h"
#include "jsonpos.h"
#include "loader.h"

/* Files larger than this are refused before parsing: a pipeline is a page
 * of configuration, and a multi-megabyte one is a mistake. */
#define PIPELINE_MAX_BYTES (4u << 20)

typedef struct pl_input {
    char *producer; /* the id before the dot */
    char *stream;   /* after the dot; NULL means every stream it emits */
    char *pointer;  /* of the string in the file, for messages */
} pl_input;

typedef struct pl_entry {
    assay_kind kind; /* from its section */
    char *id;
    char *plugin;   /* name or path as written */
    char *pointer;  /* "/sources/0" */
    json_t *obj;    /* borrowed from the pipeline's root */
    pl_input *inputs;
    size_t ninputs;
    int64_t batch_size;   /* sinks: records per commit */
    double flush_seconds; /* sinks: longest wait before a commit */

    /* set by pipeline_resolve */
    const loaded_plugin *lp;
    assay_ctx *ctx; /* config, declared outputs, wired inputs */
    int declared;   /* its outputs are known: errors about them are real */
} pl_entry;

typedef struct pipeline {
    char *path;
    char *name;
    char *description;
    int on_error_fail; /* "on_error": "fail" */
    char *dead_letter; /* path from the file, or NULL */
    json_t *root;
    jpos_map *pos;
    json_t *substituted; /* pointers of strings that held ${...} */
    pl_entry *entries;
    size_t nentries;
} pipeline;

/* Reads, parses and checks the file's shape. Returns the pipeline even
 * with errors in d (for further checks) unless it could not be parsed at
 * all, when it returns NULL. */
pipeline *pipeline_load(const char *path, diags *d);
/* Loads plugins and checks configs and wiring; creates each entry's ctx.
 * Returns the number of new errors added to d. */
size_t pipeline_resolve(pipeline *p, loader *L, diags *d);
void pipeline_free(pipeline *p);

pl_entry *pipeline_entry(pipeline *p, const char *id);
/* The position of the value at pointer (1,1 when unknown). */
void pipeline_pos(const pipeline *p, const char *pointer, int key, int *line, int *col);

/* A key's declared default as the value the plugin reads (lists and
 * floats normalised), or NULL when it has none. */
json_t *config_default(const assay_config_key *k);

/* Replaces ${VAR} and ${VAR:-default} in s; $${ is a literal ${.
 * Returns a new string, or NULL with *missing set to the name of an unset
 * variable (caller frees it) or to NULL for a syntax error. */
char *env_substitute(const char *s, char **missing);

#endif
