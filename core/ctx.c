/* ctx.c - plugin instance contexts: identity, streams, errors, counters. */
#include "ctx.h"

#include "loader.h"
#include "log.h"
#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

assay_ctx *ctx_new(const char *id, const char *pipeline_name, const loaded_plugin *p,
                   json_t *config, json_t *config_set)
{
    assay_ctx *ctx = xcalloc(1, sizeof *ctx);
    ctx->id = xstrdup(id);
    ctx->pipeline_name = pipeline_name;
    ctx->plugin = p;
    ctx->config = config ? config : json_object();
    ctx->config_set = config_set ? config_set : json_object();
    return ctx;
}

void ctx_free(assay_ctx *ctx)
{
    if (!ctx)
        return;
    for (size_t i = 0; i < ctx->noutputs; i++)
        stream_free(ctx->outputs[i]);
    free(ctx->outputs);
    free(ctx->inputs);
    for (size_t i = 0; i < ctx->ncounters; i++)
        free(ctx->counters[i].name);
    free(ctx->counters);
    for (size_t i = 0; i < ctx->nstrings; i++)
        free(ctx->strings[i]);
    free(ctx->strings);
    json_decref(ctx->config);
    json_decref(ctx->config_set);
    json_decref(ctx->http);
    free(ctx->id);
    free(ctx);
}

assay_stream *ctx_output(assay_ctx *ctx, const char *name)
{
    for (size_t i = 0; i < ctx->noutputs; i++)
        if (strcmp(ctx->outputs[i]->name, name) == 0)
            return ctx->outputs[i];
    return NULL;
}

/* Adds one declared stream; shared by the descriptor and declare(). */
static assay_rc add_output(assay_ctx *ctx, const assay_stream_def *def)
{
    char err[256];
    if (def->name && ctx_output(ctx, def->name))
        return ctx_fail(ctx, ASSAY_ERR_CONFIG, "stream '%s' is declared twice", def->name);
    assay_stream *s = stream_resolve(def, ctx->id, err, sizeof err);
    if (!s)
        return ctx_fail(ctx, ASSAY_ERR_CONFIG, "%s", err);
    ctx->outputs = xrealloc(ctx->outputs, (ctx->noutputs + 1) * sizeof *ctx->outputs);
    ctx->outputs[ctx->noutputs++] = s;
    return ASSAY_OK;
}

assay_rc ctx_declare_stream(assay_ctx *ctx, const assay_stream_def *def)
{
    if (!ctx->declaring)
        return ctx_fail(ctx, ASSAY_ERR_INVALID, "declare_stream() may only be called from declare()");
    return add_output(ctx, def);
}

assay_rc ctx_declare_outputs(assay_ctx *ctx)
{
    const assay_plugin *d = ctx->plugin->desc;
    if (d->streams)
        for (const assay_stream_def *s = d->streams; s->name; s++) {
            assay_rc rc = add_output(ctx, s);
            if (rc)
                return rc;
        }
    if (loader_has(ctx->plugin, declare) && d->declare) {
        ctx_clear_error(ctx);
        ctx->declaring = 1;
        assay_rc rc = d->declare(host_table(), ctx);
        ctx->declaring = 0;
        if (rc) {
            if (!ctx->errmsg[0])
                ctx_fail(ctx, rc, "declare() failed: %s", rc_string(rc));
            return rc;
        }
    }
    return ASSAY_OK;
}

assay_rc ctx_vfail(assay_ctx *ctx, assay_rc rc, const char *fmt, va_list ap)
{
    if (!ctx) {
        log_vmsg(ASSAY_LOG_DEBUG, NULL, fmt, ap);
        return rc;
    }
    ctx->err = rc;
    vsnprintf(ctx->errmsg, sizeof ctx->errmsg, fmt, ap);
    return rc;
}

assay_rc ctx_fail(assay_ctx *ctx, assay_rc rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ctx_vfail(ctx, rc, fmt, ap);
    va_end(ap);
    return rc;
}

void ctx_clear_error(assay_ctx *ctx)
{
    ctx->err = ASSAY_OK;
    ctx->errmsg[0] = '\0';
}

const char *ctx_error(const assay_ctx *ctx, assay_rc rc)
{
    return ctx && ctx->errmsg[0] ? ctx->errmsg : rc_string(rc);
}

void ctx_count(assay_ctx *ctx, const char *name, int64_t delta)
{
    for (size_t i = 0; i < ctx->ncounters; i++)
        if (strcmp(ctx->counters[i].name, name) == 0) {
            ctx->counters[i].value += delta;
            return;
        }
    ctx->counters = xrealloc(ctx->counters, (ctx->ncounters + 1) * sizeof *ctx->counters);
    ctx->counters[ctx->ncounters].name = xstrdup(name);
    ctx->counters[ctx->ncounters].value = delta;
    ctx->ncounters++;
}

