/*
 * host.c - the assay_host table: what every plugin can ask of the core.
 *
 * Most entries are thin: they route to the record model, the context, or
 * the operations the context was given (runner, check or extract). The
 * table is append-only; see the compatibility rules in assay.h.
 */
#include "ctx.h"

#include "http.h"
#include "loader.h"
#include "log.h"
#include "mem.h"
#include "record.h"
#include "sha256.h"
#include "timefmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *rc_string(assay_rc rc)
{
    switch (rc) {
    case ASSAY_OK: return "ok";
    case ASSAY_ERR_NOMEM: return "out of memory";
    case ASSAY_ERR_INVALID: return "invalid argument or input";
    case ASSAY_ERR_IO: return "input/output error";
    case ASSAY_ERR_CONFIG: return "bad configuration";
    case ASSAY_ERR_SCHEMA: return "record does not fit its schema";
    case ASSAY_ERR_REJECT: return "record rejected";
    case ASSAY_ERR_STOPPED: return "run is stopping";
    case ASSAY_ERR_NOTFOUND: return "not found";
    case ASSAY_ERR_HTTP: return "HTTP transfer failed";
    case ASSAY_ERR_COMMIT: return "commit failed";
    case ASSAY_ERR_FAILED: return "failed";
    case ASSAY_PENDING: return "pending";
    }
    return "unknown result code";
}

static const char *host_error_message(assay_ctx *ctx)
{
    return ctx_error(ctx, ctx->err);
}

static void host_log(assay_ctx *ctx, assay_log_level level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_vmsg(level, ctx ? ctx->id : NULL, fmt, ap);
    va_end(ap);
}

static assay_rc host_fail(assay_ctx *ctx, assay_rc rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ctx_vfail(ctx, rc, fmt, ap);
    va_end(ap);
    return rc;
}

/* ---- config ---- */

/* The declared key, or NULL after logging the plugin's mistake. */
static const assay_config_key *declared_key(assay_ctx *ctx, const char *key, assay_cfg_type want)
{
    const assay_config_key *k = ctx->plugin->desc->config;
    for (; k && k->name; k++)
        if (strcmp(k->name, key) == 0) {
            if (k->type != want && !(want == ASSAY_CFG_JSON))
                log_msg(ASSAY_LOG_ERROR, ctx->id,
                        "plugin bug: config key '%s' is declared %s but read as %s", key,
                        cfg_type_name(k->type), cfg_type_name(want));
            return k->type == want || want == ASSAY_CFG_JSON ? k : NULL;
        }
    log_msg(ASSAY_LOG_ERROR, ctx->id, "plugin bug: reads config key '%s', which it never declared",
            key);
    return NULL;
}

static json_t *cfg_value(assay_ctx *ctx, const char *key, assay_cfg_type want)
{
    if (!declared_key(ctx, key, want))
        return NULL;
    return json_object_get(ctx->config, key);
}

static const char *host_cfg_string(assay_ctx *ctx, const char *key)
{
    return json_string_value(cfg_value(ctx, key, ASSAY_CFG_STRING));
}

static int64_t host_cfg_int(assay_ctx *ctx, const char *key)
{
    return json_integer_value(cfg_value(ctx, key, ASSAY_CFG_INT));
}

static double host_cfg_float(assay_ctx *ctx, const char *key)
{
    return json_number_value(cfg_value(ctx, key, ASSAY_CFG_FLOAT));
}

static int host_cfg_bool(assay_ctx *ctx, const char *key)
{
    return json_is_true(cfg_value(ctx, key, ASSAY_CFG_BOOL));
}

static size_t host_cfg_list_len(assay_ctx *ctx, const char *key)
{
    return json_array_size(cfg_value(ctx, key, ASSAY_CFG_LIST));
}

static const char *host_cfg_list_item(assay_ctx *ctx, const char *key, size_t i)
{
    return json_string_value(json_array_get(cfg_value(ctx, key, ASSAY_CFG_LIST), i));
}

static const char *host_cfg_json(assay_ctx *ctx, const char *key)
{
    json_t *v = cfg_value(ctx, key, ASSAY_CFG_JSON);
    if (!v)
        return NULL;
    char *text = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    if (!text)
        return NULL;
    ctx->strings = xrealloc(ctx->strings, (ctx->nstrings + 1) * sizeof *ctx->strings);
    ctx->strings[ctx->nstrings++] = text;
    return text;
}

static int host_cfg_isset(assay_ctx *ctx, const char *key)
{
    return json_object_get(ctx->config_set, key) != NULL;
}

/* ---- identity and streams ---- */

static const char *host_instance_id(assay_ctx *ctx)
{
    return ctx->id;
}

static const char *host_pipeline_name(assay_ctx *ctx)
{
    return ctx->pipeline_name;
}

static const assay_stream *host_stream(assay_ctx *ctx, const char *name)
{
    return ctx_output(ctx, name);
}

static const char *host_stream_name(const assay_stream *s)
{
    return s->name;
}

static size_t host_stream_field_count(const assay_stream *s)
{
    return s->nfields;
}

static const assay_field *host_stream_field(const assay_stream *s, size_t i)
{
    return i < s->nfields ? &s->fields[i] : NULL;
}

static int host_stream_field_index(const assay_stream *s, const char *name)
{
    return stream_field_index(s, name);
}

static size_t host_input_count(assay_ctx *ctx)
{
    return ctx->ninputs;
}

static const assay_stream *host_input_stream(assay_ctx *ctx, size_t i)
{
    return i < ctx->ninputs ? ctx->inputs[i] : NULL;
}

/* ---- records ---- */

static assay_record *host_record_new(assay_ctx *ctx, const assay_stream *s)
{
    if (!s) {
        ctx_fail(ctx, ASSAY_ERR_INVALID, "record_new() with no stream");
        return NULL;
    }
    return record_new(ctx, s);
}

static assay_rc host_emit(assay_ctx *ctx, assay_record *r)
{
    if (!r)
        return ctx_fail(ctx, ASSAY_ERR_INVALID, "emit() with no record");
    if (r->stream->owner == NULL || strcmp(r->stream->owner, ctx->id) != 0) {
        assay_rc rc = ctx_fail(ctx, ASSAY_ERR_INVALID,
                               "emit() on stream %s, which this instance did not declare",
                               r->stream->name);
        record_free(r);
        return rc;
    }
    return ctx->ops->emit(ctx, r);
}

static const assay_stream *host_record_stream(const assay_record *r)
{
    return r->stream;
}

static char *host_record_to_json(const assay_record *r)
{
    buf b;
    buf_init(&b);
    record_to_json(r, &b);
    return buf_steal(&b);
}

static assay_rc host_dead_letter(assay_ctx *ctx, const assay_record *r, const char *what,
                                 const char *reason)
{
    return ctx->ops->dead_letter(ctx, r, what, reason ? reason : "no reason given");
}

static char *host_state_get(assay_ctx *ctx, const char *key)
{
    return ctx->ops->state_get ? ctx->ops->state_get(ctx, key) : NULL;
}

static assay_rc host_state_put(assay_ctx *ctx, const char *key, const char *value)
{
    if (!key || !*key)
        return ctx_fail(ctx, ASSAY_ERR_INVALID, "state_put() with an empty key");
    return ctx->ops->state_put ? ctx->ops->state_put(ctx, key, value) : ASSAY_OK;
}

static char *host_state_snapshot(assay_ctx *ctx)
{
    return ctx && ctx->ops && ctx->ops->state_snapshot ? ctx->ops->state_snapshot(ctx) : NULL;
}

static char *host_run_summary(assay_ctx *ctx)
{
    return ctx && ctx->ops && ctx->ops->run_summary ? ctx->ops->run_summary(ctx) : NULL;
}

static int host_should_stop(assay_ctx *ctx)
{
    return ctx->ops->should_stop ? ctx->ops->should_stop(ctx) : 0;
}

static void host_count(assay_ctx *ctx, const char *name, int64_t delta)
{
    ctx_count(ctx, name, delta);
}

static void host_free(void *p)
{
    free(p);
}

static int64_t host_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static assay_rc host_parse_time(const char *s, size_t len, int64_t *usec)
{
    return s && time_parse(s, len, usec) == 0 ? ASSAY_OK : ASSAY_ERR_INVALID;
}

static const assay_host host = {
    .size = sizeof(assay_host),
    .abi_major = ASSAY_ABI_MAJOR,
    .abi_minor = ASSAY_ABI_MINOR,
    .log = host_log,
    .fail = host_fail,
    .strerror = rc_string,
    .error_message = host_error_message,
    .cfg_string = host_cfg_string,
    .cfg_int = host_cfg_int,
    .cfg_float = host_cfg_float,
    .cfg_bool = host_cfg_bool,
    .cfg_list_len = host_cfg_list_len,
    .cfg_list_item = host_cfg_list_item,
    .cfg_json = host_cfg_json,
    .cfg_isset = host_cfg_isset,
    .instance_id = host_instance_id,
    .pipeline_name = host_pipeline_name,
    .stream = host_stream,
    .stream_name = host_stream_name,
    .stream_field_count = host_stream_field_count,
    .stream_field = host_stream_field,
    .stream_field_index = host_stream_field_index,
    .declare_stream = ctx_declare_stream,
    .input_count = host_input_count,
    .input_stream = host_input_stream,
    .record_new = host_record_new,
    .set_string = record_set_string,
    .set_int = record_set_int,
    .set_float = record_set_float,
    .set_bool = record_set_bool,
    .set_timestamp = record_set_timestamp,
    .set_date = record_set_date,
    .set_json = record_set_json,
    .set_null = record_set_null,
    .set_from_json = record_set_from_json,
    .emit = host_emit,
    .record_free = record_free,
    .record_copy = record_copy,
    .record_stream = host_record_stream,
    .record_get = record_get,
    .record_to_json = host_record_to_json,
    .dead_letter = host_dead_letter,
    .state_get = host_state_get,
    .state_put = host_state_put,
    .should_stop = host_should_stop,
    .count = host_count,
    .free = host_free,
    .sha256_hex = sha256_hex,
    .now = host_now,
    .parse_time = host_parse_time,
    .format_time = time_format,
    .format_date = date_format,
    .format_float = format_double,
    .http_fetch = http_fetch,
    .state_snapshot = host_state_snapshot,
    .run_summary = host_run_summary,
};

const assay_host *host_table(void)
{
    return &host;
}
