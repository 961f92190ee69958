/*
 * ctx.h - assay_ctx: one plugin instance as the core sees it.
 *
 * A context carries the instance's id, its validated config, its declared
 * output streams and the streams wired to its input, its last error, its
 * counters, and a small table of operations (ctx_ops) that decides where
 * emitted records, dead letters and state go. The runner, `assay check`
 * and `assay extract` each supply their own operations, so a plugin runs
 * the same code in all three.
 */
#ifndef ASSAY_CTX_H
#define ASSAY_CTX_H

#include <assay/assay.h>
#include <jansson.h>

#include "schema.h"

struct loaded_plugin;

typedef struct ctx_ops {
    assay_rc (*emit)(assay_ctx *ctx, assay_record *r);
    assay_rc (*dead_letter)(assay_ctx *ctx, const assay_record *r, const char *what_json,
                            const char *reason);
    char *(*state_get)(assay_ctx *ctx, const char *key);
    assay_rc (*state_put)(assay_ctx *ctx, const char *key, const char *value);
    int (*should_stop)(assay_ctx *ctx);
    char *(*state_snapshot)(assay_ctx *ctx); /* sinks, during commit */
    char *(*run_summary)(assay_ctx *ctx);    /* once the run is over */
} ctx_ops;

typedef struct ctx_counter {
    char *name;
    int64_t value;
} ctx_counter;

struct assay_ctx {
    char *id;
    const char *pipeline_name;
    const struct loaded_plugin *plugin;
    json_t *config; /* every declared key: its value or default (NULL: unset) */
    json_t *config_set; /* the keys the pipeline file set */
    json_t *http;       /* the entry's "http" settings object, or NULL */

    assay_stream **outputs; /* declared output streams, owned */
    size_t noutputs;
    const assay_stream **inputs; /* streams wired to the input, not owned */
    size_t ninputs;
    int declaring; /* 1 while declare() runs: declare_stream allowed */

    const ctx_ops *ops;
    void *ops_data; /* the runner's node, or a collector */

    assay_rc err; /* last error set with fail() */
    char errmsg[1024];

    ctx_counter *counters;
    size_t ncounters;
    char **strings; /* strings handed out by cfg_json, freed with the ctx */
    size_t nstrings;
};

/* A context for instance id of plugin p with a validated config (taken). */
assay_ctx *ctx_new(const char *id, const char *pipeline_name, const struct loaded_plugin *p,
                   json_t *config, json_t *config_set);
void ctx_free(assay_ctx *ctx);

/* Resolves the descriptor's streams and, if the plugin has declare(),
 * calls it. Returns ASSAY_OK, or an error with ctx->errmsg set. */
assay_rc ctx_declare_outputs(assay_ctx *ctx);
assay_stream *ctx_output(assay_ctx *ctx, const char *name);
/* host->declare_stream: only while declare() runs. */
assay_rc ctx_declare_stream(assay_ctx *ctx, const assay_stream_def *def);

/* Sets the context's error (ctx may be NULL: then it is only logged at
 * debug level) and returns rc. */
assay_rc ctx_fail(assay_ctx *ctx, assay_rc rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
assay_rc ctx_vfail(assay_ctx *ctx, assay_rc rc, const char *fmt, va_list ap);
/* Clears the error before a callback, so a stale message is never shown. */
void ctx_clear_error(assay_ctx *ctx);
/* The message for the last error, or the code's description. */
const char *ctx_error(const assay_ctx *ctx, assay_rc rc);

void ctx_count(assay_ctx *ctx, const char *name, int64_t delta);

/* The host table the core hands to every plugin. */
const assay_host *host_table(void);
const char *rc_string(assay_rc rc);

#endif
