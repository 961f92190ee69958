/*
 * assay.h - the plugin API of assay, and the only header a plugin needs.
 *
 * A plugin is a shared object that exports one data symbol,
 *
 *     ASSAY_EXPORT const assay_plugin assay_plugin_descriptor = {
 *         ASSAY_PLUGIN_HEADER,
 *         .name = "example", .kind = ASSAY_SOURCE, ...
 *     };
 *
 * The loader reads the header fields (magic, ABI major and minor, size)
 * before anything else and refuses a plugin built for another ABI major.
 * Everything the core offers a plugin arrives through the assay_host table
 * handed to create(): a plugin links against nothing of the core.
 *
 * Compatibility rules, kept for every release with the same ABI major:
 *   - assay_plugin and assay_host only grow at their end. Each carries its
 *     size, so either side can tell whether a later member is present.
 *   - Enumerations only gain new values; existing values never change.
 *   - Records, streams and contexts are opaque; plugins use accessors.
 *
 * Ownership, stated once: a string a plugin passes in is copied before the
 * call returns; a string the host returns stays valid for as long as the
 * thing it came from (the record, the config, the context) unless the
 * function's comment says the caller frees it with host->free().
 *
 * Threads: each plugin instance runs in a thread of its own and its
 * callbacks are never called concurrently for one instance. The host table
 * may be used from that thread; plugin-created threads may only use log().
 */
#ifndef ASSAY_ASSAY_H
#define ASSAY_ASSAY_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------
 * Versions
 * --------------------------------------------------------------------- */

#define ASSAY_PLUGIN_MAGIC 0x59415341u /* "ASAY" in little-endian bytes */
#define ASSAY_ABI_MAJOR 1 /* changes only when old plugins cannot work */
#define ASSAY_ABI_MINOR 0 /* grows when members are appended */

#define ASSAY_EXPORT __attribute__((visibility("default")))

/* The symbol every plugin exports. */
#define ASSAY_PLUGIN_SYMBOL "assay_plugin_descriptor"

/* ------------------------------------------------------------------------
 * Result codes: one type for every call. Zero is success.
 * --------------------------------------------------------------------- */

typedef enum assay_rc {
    ASSAY_OK = 0,
    ASSAY_ERR_NOMEM = 1,    /* out of memory */
    ASSAY_ERR_INVALID = 2,  /* a bad argument or malformed input */
    ASSAY_ERR_IO = 3,       /* a file or socket operation failed */
    ASSAY_ERR_CONFIG = 4,   /* the plugin's configuration is unusable */
    ASSAY_ERR_SCHEMA = 5,   /* a record does not fit its stream's schema */
    ASSAY_ERR_REJECT = 6,   /* this record cannot be handled: dead-letter it */
    ASSAY_ERR_STOPPED = 7,  /* the run is stopping: return promptly */
    ASSAY_ERR_NOTFOUND = 8, /* no such key, field, stream or file */
    ASSAY_ERR_HTTP = 9,     /* an HTTP transfer failed (see the message) */
    ASSAY_ERR_COMMIT = 10,  /* a sink could not make a batch durable */
    ASSAY_ERR_FAILED = 11,  /* anything else: the message says what */
    ASSAY_PENDING = 12      /* commit(): accepted, not yet durable (see below) */
} assay_rc;

/* ------------------------------------------------------------------------
 * Types of stream fields and config keys
 * --------------------------------------------------------------------- */

typedef enum assay_type {
    ASSAY_T_NULL = 0,      /* only as a value's type: the field is unset */
    ASSAY_T_STRING = 1,    /* UTF-8 text */
    ASSAY_T_INT = 2,       /* int64_t */
    ASSAY_T_FLOAT = 3,     /* double */
    ASSAY_T_BOOL = 4,      /* 0 or 1 */
    ASSAY_T_TIMESTAMP = 5, /* int64_t microseconds since 1970-01-01 UTC */
    ASSAY_T_JSON = 6,      /* a JSON value, held as compact UTF-8 text */
    ASSAY_T_DATE = 7       /* int64_t days since 1970-01-01 */
} assay_type;

typedef enum assay_cfg_type {
    ASSAY_CFG_STRING = 1,
    ASSAY_CFG_INT = 2,
    ASSAY_CFG_FLOAT = 3,
    ASSAY_CFG_BOOL = 4,
    ASSAY_CFG_LIST = 5, /* a JSON array of strings (a single string is a list of one) */
    ASSAY_CFG_JSON = 6  /* any JSON value, handed over as text */
} assay_cfg_type;

typedef enum assay_kind {
    ASSAY_SOURCE = 1,
    ASSAY_TRANSFORM = 2,
    ASSAY_SINK = 3
} assay_kind;

typedef enum assay_log_level {
    ASSAY_LOG_ERROR = 0,
    ASSAY_LOG_WARN = 1,
    ASSAY_LOG_INFO = 2,
    ASSAY_LOG_DEBUG = 3
} assay_log_level;

/* ------------------------------------------------------------------------
 * Declarations a plugin makes in its descriptor
 * --------------------------------------------------------------------- */

/* One config key. Arrays of keys end with an entry whose name is NULL. */
typedef struct assay_config_key {
    const char *name;
    assay_cfg_type type;
    int required;              /* 1: the pipeline must set it */
    const char *default_value; /* as JSON text ("10", "true", "\"out\"",
                                  "[\"a\"]"); NULL for none */
    const char *help;          /* one line, shown by check and `plugins` */
} assay_config_key;

/* Field flags. */
#define ASSAY_FIELD_REQUIRED 0x1u /* an emitted record must set it */
#define ASSAY_FIELD_KEY 0x2u      /* part of the stream's primary key */

/* One field of a stream. Arrays of fields end with a NULL name. */
typedef struct assay_field {
    const char *name;
    assay_type type;
    unsigned flags;
    const char *help;
} assay_field;

/*
 * A stream a plugin emits. Arrays of streams end with a NULL name.
 * A stream whose fields are NULL takes the core's standard schema of the
 * same name: "documents", "facts" or "bars" (see `assay plugins` or the
 * SDK guide), so that every plugin emitting facts agrees on their shape.
 */
typedef struct assay_stream_def {
    const char *name;
    const assay_field *fields;
    const char *help;
} assay_stream_def;

/* ------------------------------------------------------------------------
 * Opaque handles
 * --------------------------------------------------------------------- */

typedef struct assay_ctx assay_ctx;       /* one plugin instance in a run */
typedef struct assay_record assay_record; /* one record on one stream */
typedef struct assay_stream assay_stream; /* a resolved stream and schema */

/* A value read from a record. Strings and JSON are not NUL-terminated
 * beyond len (they are, in fact, but len is the truth). */
typedef struct assay_value {
    assay_type type; /* ASSAY_T_NULL when the field is unset */
    size_t len;      /* bytes of s for strings and JSON */
    union {
        const char *s;
        int64_t i; /* INT, TIMESTAMP, DATE */
        double f;
        int b;
    } v;
} assay_value;

/* ------------------------------------------------------------------------
 * HTTP, through the core's libcurl service
 *
 * Limits come from the entry's "http" object in the pipeline (see
 * `assay plugins`): transfers in flight, per host, requests per second per
 * host, timeouts, retries with backoff and jitter on network errors, 429
 * and 5xx (Retry-After honoured), a body cap that also caps decompressed
 * size, at most 5 redirects and only to http/https, TLS verified,
 * robots.txt honoured unless turned off.
 * --------------------------------------------------------------------- */

typedef struct assay_http_request {
    const char *url;            /* http:// or https:// only */
    const char *const *headers; /* extra "Name: value" lines, NULL-terminated, or NULL;
                                   a User-Agent here replaces the configured one */
    const char *cache_key;      /* non-NULL: a conditional GET. The validators
                                   (ETag, Last-Modified) of the last 200 answer
                                   are kept in this instance's state under this
                                   key, put after done() returns (so they are
                                   durable only with the records done() emitted),
                                   and an unchanged resource answers 304 */
    size_t max_bytes;           /* 0: the configured cap (default 20 MiB) */
    double max_rate;            /* > 0: at most this many requests per second to
                                   this URL's host (lower than configured wins) */
    void *user;                 /* handed back in the response */
} assay_http_request;

typedef struct assay_http_response {
    const assay_http_request *request;
    assay_rc rc;               /* ASSAY_OK: a complete 2xx answer, or a 304 to a
                                  conditional GET; ASSAY_ERR_HTTP: see error;
                                  ASSAY_ERR_STOPPED: the run stopped first */
    long status;               /* the last HTTP status; 0 when none came */
    int attempts;              /* transfers tried, retries included */
    int not_modified;          /* 1: a 304 to a conditional GET; no body */
    const char *error;         /* on failure, what happened: method, URL,
                                  status or network error, attempts */
    const char *body;          /* NUL-terminated; body_len is the truth */
    size_t body_len;
    const char *content_type;  /* media type in lower case, no parameters */
    const char *charset;       /* from Content-Type, lower case, or NULL */
    const char *final_url;     /* after redirects */
    const char *last_modified; /* the Last-Modified header, or NULL */
} assay_http_response;

typedef void (*assay_http_done)(const assay_http_response *res, void *ud);

/* ------------------------------------------------------------------------
 * The host table: everything the core does for a plugin
 * --------------------------------------------------------------------- */

typedef struct assay_host {
    uint32_t size;      /* sizeof(assay_host) of the running core */
    uint16_t abi_major; /* of the running core */
    uint16_t abi_minor;

    /* -- logging and errors -- */

    /* Logs one line, prefixed with the instance id. */
    void (*log)(assay_ctx *ctx, assay_log_level level, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
    /* Sets the message that goes with the error code a callback returns
     * (shown in logs, the summary and dead-letter entries). Returns rc. */
    assay_rc (*fail)(assay_ctx *ctx, assay_rc rc, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
    /* A short, stable description of a result code. */
    const char *(*strerror)(assay_rc rc);
    /* The message that went with the last error this instance met: set by
     * fail(), or by a host call that returned an error (a setter naming
     * the field, set_from_json naming the key). Never NULL. */
    const char *(*error_message)(assay_ctx *ctx);

    /* -- config: validated against the descriptor before create() -- */

    /* The value of a declared key, or its default. Asking for an
     * undeclared key or with the wrong type is a plugin bug: it logs and
     * returns the zero value. Strings are NULL when unset with no default. */
    const char *(*cfg_string)(assay_ctx *ctx, const char *key);
    int64_t (*cfg_int)(assay_ctx *ctx, const char *key);
    double (*cfg_float)(assay_ctx *ctx, const char *key);
    int (*cfg_bool)(assay_ctx *ctx, const char *key);
    size_t (*cfg_list_len)(assay_ctx *ctx, const char *key);
    const char *(*cfg_list_item)(assay_ctx *ctx, const char *key, size_t i);
    /* Compact JSON text of a JSON (or any) key; NULL when unset. */
    const char *(*cfg_json)(assay_ctx *ctx, const char *key);
    /* 1 when the pipeline file set the key, 0 when it is a default. */
    int (*cfg_isset)(assay_ctx *ctx, const char *key);

    /* -- identity -- */

    const char *(*instance_id)(assay_ctx *ctx);   /* "news" */
    const char *(*pipeline_name)(assay_ctx *ctx); /* "ai-capex" */

    /* -- streams -- */

    /* An output stream this instance declared, by name; NULL if none. */
    const assay_stream *(*stream)(assay_ctx *ctx, const char *name);
    /* A stream's name and fields (the resolved schema). */
    const char *(*stream_name)(const assay_stream *s);
    size_t (*stream_field_count)(const assay_stream *s);
    const assay_field *(*stream_field)(const assay_stream *s, size_t i);
    /* The index of a field, or -1. */
    int (*stream_field_index)(const assay_stream *s, const char *name);
    /* From declare() only: adds an output stream whose schema depends on
     * the config (the core copies def). Fields NULL means the standard
     * schema of that name, as in the descriptor. */
    assay_rc (*declare_stream)(assay_ctx *ctx, const assay_stream_def *def);
    /* Transforms and sinks: the streams wired to this instance's input. */
    size_t (*input_count)(assay_ctx *ctx);
    const assay_stream *(*input_stream)(assay_ctx *ctx, size_t i);

    /* -- records: build one, then emit it (emit takes ownership) -- */

    assay_record *(*record_new)(assay_ctx *ctx, const assay_stream *s);
    /* Setters check the value against the field's type and return
     * ASSAY_ERR_SCHEMA (with a message naming plugin, stream and field)
     * when it does not fit. field < 0 is ASSAY_ERR_NOTFOUND. */
    assay_rc (*set_string)(assay_record *r, int field, const char *s, size_t len);
    assay_rc (*set_int)(assay_record *r, int field, int64_t v);
    assay_rc (*set_float)(assay_record *r, int field, double v);
    assay_rc (*set_bool)(assay_record *r, int field, int v);
    assay_rc (*set_timestamp)(assay_record *r, int field, int64_t usec);
    assay_rc (*set_date)(assay_record *r, int field, int64_t days);
    assay_rc (*set_json)(assay_record *r, int field, const char *json, size_t len);
    assay_rc (*set_null)(assay_record *r, int field);
    /* Fills a record from one JSON object (field names as keys; strings
     * for timestamps and dates in ISO 8601). Unknown keys are an error. */
    assay_rc (*set_from_json)(assay_record *r, const char *json, size_t len);
    /* Hands a record to the core; it is delivered to every consumer of its
     * stream. Blocks while consumers are full (back-pressure). Returns
     * ASSAY_ERR_SCHEMA for a record missing a required field (the record
     * is dead-lettered), ASSAY_ERR_STOPPED when the run is stopping. The
     * record belongs to the core afterwards, whatever the result. */
    assay_rc (*emit)(assay_ctx *ctx, assay_record *r);
    /* Frees a record that was never emitted. */
    void (*record_free)(assay_record *r);
    /* A new record on stream s holding the fields of r that s also has
     * (by name and type): the way a transform passes a record on. */
    assay_record *(*record_copy)(assay_ctx *ctx, const assay_record *r,
                                 const assay_stream *s);

    /* Reading records (transforms and sinks). */
    const assay_stream *(*record_stream)(const assay_record *r);
    /* Fills *out with field i; returns ASSAY_ERR_NOTFOUND past the end. */
    assay_rc (*record_get)(const assay_record *r, size_t i, assay_value *out);
    /* The whole record as one compact JSON object; caller frees it with
     * host->free(). */
    char *(*record_to_json)(const assay_record *r);

    /* -- dead letters: what could not be handled, kept, with the reason -- */

    /* Writes one dead-letter entry: the record (may be NULL), this plugin,
     * and the reason. `what` (may be NULL) is a JSON object of extra
     * detail, such as {"file": "..."} for a source's unreadable input.
     * When the pipeline says "on_error": "fail", the run then fails. */
    assay_rc (*dead_letter)(assay_ctx *ctx, const assay_record *r,
                            const char *what_json, const char *reason);

    /* -- state: small per-pipeline key-value store, kept between runs -- */

    /* The value last put for key by this instance, as committed by an
     * earlier run or put earlier in this one; NULL when absent. The string
     * is a copy the caller frees with host->free(). */
    char *(*state_get)(assay_ctx *ctx, const char *key);
    /* Puts a value (NULL deletes). It becomes durable only after every
     * sink downstream has committed the records this instance emitted
     * before the call; a run that dies earlier leaves the old value. */
    assay_rc (*state_put)(assay_ctx *ctx, const char *key, const char *value);

    /* -- run control and metrics -- */

    /* 1 once the run is stopping (signal, or a fatal error elsewhere). */
    int (*should_stop)(assay_ctx *ctx);
    /* Adds to a named counter shown in this instance's summary entry. */
    void (*count)(assay_ctx *ctx, const char *name, int64_t delta);

    /* -- utilities -- */

    void (*free)(void *p);
    /* Lowercase hex SHA-256 of data into out (65 bytes with the NUL). */
    void (*sha256_hex)(const void *data, size_t len, char out[65]);
    /* Microseconds since the epoch, UTC. */
    int64_t (*now)(void);
    /* Parses ISO 8601 / RFC 3339 / RFC 2822 dates into microseconds UTC. */
    assay_rc (*parse_time)(const char *s, size_t len, int64_t *usec);
    /* Formats values the way every sink should write them:
     * "2026-11-23T11:06:40Z" (with .ffffff when there is a fraction),
     * "2026-11-23", and the shortest text that reads back as the same
     * double ("NaN", "Infinity", "-Infinity" for those). */
    void (*format_time)(int64_t usec, char out[40]);
    void (*format_date)(int64_t days, char out[24]);
    void (*format_float)(double v, char out[32]);

    /* -- HTTP -- */

    /* Fetches n requests, many at once within the configured limits, and
     * calls done once per request, in this thread, as each finishes.
     * Returns when all have finished: ASSAY_OK (each request's own result
     * is in its response), or ASSAY_ERR_STOPPED when the run stopped (the
     * requests not yet answered get rc ASSAY_ERR_STOPPED). A response and
     * its strings are valid only during done(). */
    assay_rc (*http_fetch)(assay_ctx *ctx, const assay_http_request *reqs, size_t n,
                           assay_http_done done, void *ud);

    /* -- state kept with the data (sinks) -- */

    /* During commit(): the pipeline's whole state as it will be once this
     * commit is durable (a JSON object), or NULL when the commit advances
     * no state. A sink that can store it in the same transaction as the
     * batch should, and hand it back through restore_state(): then a crash
     * between its commit and the state file loses nothing. Free it with
     * host->free(). */
    char *(*state_snapshot)(assay_ctx *ctx);

    /* -- the run -- */

    /* In destroy(), once the run is over: its summary line (a JSON object:
     * outcome, exit code, times, per-plugin counts; see the README), for a
     * sink that records runs. NULL before then. Free with host->free();
     * keep the ctx from create() to call it. */
    char *(*run_summary)(assay_ctx *ctx);
} assay_host;

/* ------------------------------------------------------------------------
 * The descriptor
 * --------------------------------------------------------------------- */

/*
 * Callbacks by kind (all return assay_rc; set a message with host->fail):
 *
 *   create   every kind. Reads config, prepares; *self is the plugin's own
 *            state, passed to every later call. A failure here stops the
 *            run before any record moves; a *self set before failing is
 *            still handed to destroy().
 *   run      sources. Emits records until done, then returns ASSAY_OK.
 *            Should return promptly once emit() says ASSAY_ERR_STOPPED or
 *            should_stop() is 1.
 *   process  transforms: called once per input record (n == 1), in
 *            order; emits zero or more records. ASSAY_ERR_REJECT
 *            dead-letters that record and the run goes on.
 *            Sinks: called with a batch of records (n >= 1), in order,
 *            between two commits; a sink sets a single bad record aside
 *            with host->dead_letter() and goes on.
 *            Any other error stops the run. Input records are shared with
 *            other consumers: read them, never change or keep them.
 *   commit   sinks: make everything since the last commit durable.
 *            ASSAY_OK means durable; ASSAY_PENDING means accepted but only
 *            durable at a later commit (state waits for it); final is 1
 *            for the last commit of the run. Transforms: flush anything
 *            held back (called at end of input with final == 1).
 *   destroy  every kind; frees *self. Called once, also after failures.
 *   declare  optional, every kind: called before create() (and by
 *            `assay check`) for plugins whose output streams depend on
 *            their config; it calls host->declare_stream() for each.
 *   restore_state
 *            optional, sinks: after create(), before any record moves,
 *            the last snapshot this sink stored (see state_snapshot), or
 *            NULL in *snapshot (malloc'd; the core frees it). The core
 *            keeps whichever is newer, this or its state file.
 *   check    optional, every kind: called by `assay check` (and nothing
 *            else) after the config is validated, to check what can be
 *            checked without running: a database reachable and writable, a
 *            folder writable, a URL well-formed. Report with host->fail();
 *            no records move and create() is not called.
 *   command  optional: a subcommand the plugin adds to the command line,
 *            `assay <command_name> ARGS...` (the news plugin's `assay
 *            article`). argv[0] is the command name; it returns the exit
 *            code. No pipeline runs: the host table's logging, utilities
 *            and HTTP may be used with a NULL context.
 */
typedef struct assay_plugin {
    /* header: fixed forever, read before anything else */
    uint32_t magic;     /* ASSAY_PLUGIN_MAGIC */
    uint16_t abi_major; /* ASSAY_ABI_MAJOR the plugin was built with */
    uint16_t abi_minor;
    uint32_t size; /* sizeof(assay_plugin) as the plugin was built */

    const char *name;
    assay_kind kind;
    const char *version;
    const char *description;
    const assay_config_key *config;  /* NULL-name terminated */
    const assay_stream_def *streams; /* outputs; NULL-name terminated */

    assay_rc (*create)(const assay_host *host, assay_ctx *ctx, void **self);
    assay_rc (*run)(void *self, assay_ctx *ctx);
    assay_rc (*process)(void *self, assay_ctx *ctx, const assay_record *const *recs,
                        size_t n);
    assay_rc (*commit)(void *self, assay_ctx *ctx, int final);
    void (*destroy)(void *self);
    assay_rc (*declare)(const assay_host *host, assay_ctx *ctx);
    assay_rc (*restore_state)(void *self, assay_ctx *ctx, char **snapshot);
    const char *command_name;
    int (*command)(const assay_host *host, int argc, char **argv);
    assay_rc (*check)(const assay_host *host, assay_ctx *ctx);
} assay_plugin;

#define ASSAY_PLUGIN_HEADER                                                       \
    .magic = ASSAY_PLUGIN_MAGIC, .abi_major = ASSAY_ABI_MAJOR,                    \
    .abi_minor = ASSAY_ABI_MINOR, .size = sizeof(assay_plugin)

#ifdef __cplusplus
}
#endif
#endif /* ASSAY_ASSAY_H */
