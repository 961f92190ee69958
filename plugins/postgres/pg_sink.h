/*
 * pg_sink.h - the postgres sink's internal interface, shared by its files.
 *
 * One file per job:
 *   pg_plugin.c   the descriptor, config, and the callbacks: create, process
 *                 (encode), commit (one transaction, retried across outages),
 *                 restore_state, destroy
 *   pg_conn.c     connecting, reconnecting with backoff, the pipeline's
 *                 session lock, running statements, classifying errors
 *   pg_mask.c     keeping the password out of every message
 *   pg_ddl.c      identifiers, column types, creating and evolving tables
 *   pg_copy.c     the binary COPY encoding of rows, and sending a COPY
 *   pg_load.c     loading one table's batch: COPY straight into the table,
 *                 the key lookup or staging + INSERT ... ON CONFLICT after
 *                 a duplicate key
 *   pg_probe.c    which keys of a batch the table holds already
 *   pg_reject.c   setting a row the server refused aside (dead letter)
 *   pg_async.c    the loader thread: one batch committed while the next
 *                 is gathered
 *   pg_state.c    the state table: the pipeline state kept with the data
 *   pg_runs.c     the runs table: one row per run
 *   pg_check.c    `assay postgres-check`: may this role load there?
 *   pg_buf.c      a growable byte buffer
 *
 * Results inside the plugin are pg_status values; an assay_rc (with the
 * message set through host->fail) is made only at the edge, in
 * pg_plugin.c, and where a status carries one (PG_FAILED).
 */
#ifndef ASSAY_PG_SINK_H
#define ASSAY_PG_SINK_H

#include <assay/assay.h>
#include <libpq-fe.h>

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------------------
 * Results
 * --------------------------------------------------------------------- */

typedef enum pg_status {
    PG_OK = 0,
    PG_LOST = 1,   /* the connection broke: reconnect and redo the transaction */
    PG_RETRY = 2,  /* a deadlock or serialization failure: redo the transaction */
    PG_FAILED = 3, /* anything else; host->fail() has set the message and rc
                      (except in the loader thread and pg_copy_send, which
                      never call the host: the caller makes the message) */
    PG_NOMEM = 4,  /* pg_copy_send only: out of memory */
} pg_status;

/* ------------------------------------------------------------------------
 * A growable byte buffer
 * --------------------------------------------------------------------- */

typedef struct pg_buf {
    char *data;
    size_t len, cap;
    int failed; /* an allocation failed: later appends are ignored */
} pg_buf;

void pg_buf_free(pg_buf *b);
/* Makes room for n more bytes; returns 0, or -1 (and sets failed). */
int pg_buf_reserve(pg_buf *b, size_t n);
void pg_buf_add(pg_buf *b, const void *p, size_t n);
void pg_buf_str(pg_buf *b, const char *s);
void pg_buf_printf(pg_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Empties the buffer, releasing its memory when it grew past keep bytes. */
void pg_buf_reset(pg_buf *b, size_t keep);
/* The text built (NUL-terminated, malloc'd; "" when empty), leaving the
 * buffer empty; NULL when an allocation failed on the way. */
char *pg_buf_take(pg_buf *b);

/* ------------------------------------------------------------------------
 * Tables
 * --------------------------------------------------------------------- */

/* How a value is written in binary COPY, chosen from the column's type. */
typedef enum pg_enc {
    PG_ENC_TEXT = 1,  /* string into text, varchar or char(n) */
    PG_ENC_INT8,      /* int into bigint */
    PG_ENC_INT4,      /* int into integer (range checked here) */
    PG_ENC_INT2,      /* int into smallint (range checked here) */
    PG_ENC_FLOAT8,    /* float into double precision */
    PG_ENC_FLOAT4,    /* float into real (range checked here) */
    PG_ENC_BOOL,      /* bool into boolean */
    PG_ENC_TIMESTAMP, /* timestamp into timestamptz or timestamp */
    PG_ENC_DATE,      /* date into date */
    PG_ENC_JSONB,     /* json into jsonb */
    PG_ENC_JSONTEXT   /* json into json or text */
} pg_enc;

/* One stream field and the column that holds it. */
typedef struct pg_col {
    const assay_field *field;
    char *ident;    /* the quoted column name */
    char *type_sql; /* the column's type as format_type() writes it */
    char *base_sql; /* its base type (below a domain), for array casts */
    unsigned base_oid;
    pg_enc enc;
} pg_col;

/* Whether a table's staging table exists on the current connection. */
#define PG_STAGE_NONE 0
#define PG_STAGE_OPEN 1 /* created in the open transaction: gone if it rolls back */
#define PG_STAGE_READY 2

/* What a row of a batch is to the transaction being tried. */
#define PG_ROW_LIVE 0
#define PG_ROW_REJECTED 1 /* set aside (dead-lettered): never sent again */
#define PG_ROW_SKIPPED 2  /* its key is there already: not sent in this try */

/* One table's rows of one batch: binary COPY tuples back to back. */
typedef struct pg_batch {
    pg_buf rows;
    size_t *off; /* row i is rows.data[off[i] .. off[i + 1]) */
    size_t nrows, offcap;
    unsigned char *mark; /* PG_ROW_* per row */
    /* in the transaction being tried: rows written (inserted or updated)
     * and unchanged (key already there); rows set aside in this batch
     * (kept across tries, since those rows are not sent again) */
    int64_t written, unchanged, rejects;
} pg_batch;

/* One input stream and its table. */
typedef struct pg_table {
    const assay_stream *stream;
    const char *name; /* the stream's name, also the table's */
    char *qname;      /* "schema"."table", quoted */
    char *display;    /* schema.table, for messages */
    pg_col *cols;     /* in the stream's field order */
    size_t ncols;
    size_t *key; /* indexes into cols of the primary key */
    size_t nkey;
    char *copy_sql;     /* COPY into the table */
    char *probe_sql;    /* which of an array of keys are in the table */
    char *stage_ident;  /* the temporary staging table, quoted */
    char *stage_create; /* CREATE TEMP TABLE for it */
    char *stage_copy;   /* COPY into the staging table */
    char *merge_sql;    /* INSERT INTO the table SELECT from staging */
    int stage_ready;    /* PG_STAGE_*: the staging table on this connection */
    int dupes;          /* > 0: recent batches met existing keys (see pg_load.c) */

    pg_batch slot[2];
    pg_batch *b;      /* the batch process() fills and commit() loads */
    pg_batch *flight; /* the batch the loader thread has (pg_async.c), or NULL */

    /* committed so far in this run */
    int64_t written, unchanged, rejects;
} pg_table;

/* ------------------------------------------------------------------------
 * A batch's transaction in the loader thread (pg_async.c)
 * --------------------------------------------------------------------- */

typedef struct pg_job {
    pthread_t thread;
    int running; /* started and not yet joined */
    /* made by the committing thread before the start */
    char *snapshot; /* from host->state_snapshot; freed with host->free */
    char token[128];
    char *state_sql, *runs_sql, *counts;
    const char *state_args[4], *runs_args[4];
    /* what happened */
    pg_status st;
    int in_doubt;   /* COMMIT was sent: a lost connection may have committed */
    PGresult *err;  /* the failed result, or NULL */
    char step[256]; /* what failed */
    pg_buf scratch;
} pg_job;

/* ------------------------------------------------------------------------
 * The sink
 * --------------------------------------------------------------------- */

#define PG_MAX_SECRETS 4
#define PG_STATE_TABLE "assay_state" /* in the sink's schema */

typedef struct pg_sink {
    const assay_host *h;
    assay_ctx *ctx;
    PGconn *conn;

    /* config */
    char *conninfo; /* NULL: libpq's defaults */
    char *schema;
    char *schema_ident; /* quoted */
    int update;         /* on_conflict "update" */
    double reconnect_s;
    int connect_timeout;
    char *state_table; /* PG_STATE_TABLE, quoted and qualified */
    char *runs_name;   /* the runs table's name; NULL: none */
    char *runs_table;  /* the same, quoted and qualified */
    char *app_name;

    /* secrets to mask in every message */
    char *secrets[PG_MAX_SECRETS];
    size_t nsecrets;

    pg_table *tables;
    size_t ntables;

    /* the run */
    char run_id[64];
    char host_name[256];
    int64_t commits;       /* transactions committed */
    int64_t attempts;      /* transactions tried: part of each commit token */
    int run_row;           /* the runs row was inserted */
    int finished;          /* the final commit went through */
    int said_sync;         /* logged that synchronous_commit was raised */
    int prev_backend;      /* the server process of the connection last lost */
    assay_rc last_rc;      /* the code of the last pg_fail() */
    char last_msg[1024];   /* and its message (masked) */
    int checking;          /* postgres-check: no context, no pipeline lock */
    char last_error[1024]; /* why a commit failed, for the runs table */

    pg_buf send; /* scratch for COPY data that is not sent straight from a batch */

    pg_job job;       /* the batch the loader thread commits, if any */
    size_t full_rows; /* the largest batch so far: smaller ones are flushes */
} pg_sink;

/* ------------------------------------------------------------------------
 * pg_conn.c
 * --------------------------------------------------------------------- */

/* Connects, retrying while the server is unreachable or starting, for at
 * most budget_s seconds. A server that answers but refuses us (password,
 * database, permission) fails at once. PG_OK or PG_FAILED. */
pg_status pg_connect(pg_sink *s, double budget_s);
/* Drops the connection (if any) and connects again within reconnect_s. */
pg_status pg_reconnect(pg_sink *s);
/* Runs sql (no parameters; may hold several statements). Returns PG_OK,
 * or a classified error with the message set, prefixed by what. */
pg_status pg_exec(pg_sink *s, const char *what, const char *sql);
/* Runs sql with text parameters; on success *out (when given) holds the
 * result for the caller to PQclear. */
pg_status pg_exec_params(pg_sink *s, const char *what, const char *sql, int n,
                         const char *const *values, PGresult **out);
/* Classifies a failed result (or a NULL one) on the connection. */
pg_status pg_classify(pg_sink *s, const PGresult *res);
/* The same without the sink: any thread may call it. */
pg_status pg_classify_conn(PGconn *conn, const PGresult *res);
/* Sets the failure message for a failed result: "what: <server message>
 * (SQLSTATE x)" plus detail and hint, masked. Returns the status given. */
pg_status pg_fail_result(pg_sink *s, pg_status st, const char *what, const PGresult *res);
/* The SQLSTATE of a result, or "" when there is none. */
const char *pg_sqlstate(const PGresult *res);
/* "host H port P, database D, user U" for messages (never the password). */
void pg_describe_target(pg_sink *s, char *out, size_t len);
/* Sleeps for the k-th backoff step (0.25 s doubling to 5 s, with jitter),
 * never past deadline (monotonic seconds). */
void pg_backoff(int k, double deadline);
double pg_now(void);

/* ------------------------------------------------------------------------
 * pg_mask.c
 * --------------------------------------------------------------------- */

/* Collects the passwords a conninfo holds (parsed, or guessed from a
 * malformed string) into s->secrets. */
void pg_mask_init(pg_sink *s, const char *conninfo);
/* A copy of msg with every secret replaced by "***", and password=...
 * and URI user:password@ forms masked whatever they hold. malloc'd;
 * NULL only when out of memory. */
char *pg_mask(const pg_sink *s, const char *msg);
/* host->fail with the formatted message masked first. */
assay_rc pg_fail(pg_sink *s, assay_rc rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* host->log with the formatted message masked first. */
void pg_log(pg_sink *s, assay_log_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ------------------------------------------------------------------------
 * pg_ddl.c
 * --------------------------------------------------------------------- */

/* A quoted identifier (PQescapeIdentifier), malloc'd; NULL on failure. */
char *pg_ident(pg_sink *s, const char *name);
/* Creates the schema and each stream's table if missing, adds columns for
 * new fields, checks column types and keys, and prepares each table's
 * statements. The state and runs tables too. PG_OK or an error. */
pg_status pg_prepare_tables(pg_sink *s);
/* Creates t's staging table on this connection if it is not there yet. */
pg_status pg_stage_ready(pg_sink *s, pg_table *t);
/* The SQL type a field gets in a new table ("double precision"). */
const char *pg_type_for(assay_type t);

/* ------------------------------------------------------------------------
 * pg_copy.c
 * --------------------------------------------------------------------- */

/* Encodes r as one binary COPY tuple appended to t's batch (t->b).
 * Returns ASSAY_OK, ASSAY_ERR_REJECT with *why set (a value this column
 * cannot hold: the record should be dead-lettered; nothing was appended),
 * or ASSAY_ERR_NOMEM. */
assay_rc pg_encode_row(pg_sink *s, pg_table *t, const assay_record *r, char *why, size_t whylen);
/* Empties a batch (keeping a modest buffer for the next one). */
void pg_batch_clear(pg_batch *b);
void pg_batch_free(pg_batch *b);
/* Sends rows [from, to) of batch b that are live as one COPY, into t or
 * (staging) into its staging table with each row's index as its order
 * column; scratch is a buffer for the staging form. *nsent gets the
 * number of rows sent. Calls nothing of the host (the loader thread uses
 * it). Returns PG_OK, PG_NOMEM, or an error with *res (may be NULL)
 * holding the failed result for the caller to PQclear. */
pg_status pg_copy_send(PGconn *conn, const pg_table *t, const pg_batch *b, size_t from, size_t to,
                       int staging, pg_buf *scratch, size_t *nsent, PGresult **res);
/* pg_copy_send on t->b over the sink's connection, with the message set
 * on failure. */
pg_status pg_copy_rows(pg_sink *s, pg_table *t, size_t from, size_t to, int staging, size_t *nsent,
                       PGresult **res);
/* Rebuilds row i of t->b as a record (for a dead letter); the caller
 * frees it with host->record_free. NULL when it cannot. */
assay_record *pg_decode_row(pg_sink *s, pg_table *t, size_t i);
/* The bytes of key column k (its length word and value) in row i of b,
 * for comparing keys. */
const unsigned char *pg_row_field(const pg_table *t, const pg_batch *b, size_t i, size_t col,
                                  size_t *len);

/* ------------------------------------------------------------------------
 * pg_load.c
 * --------------------------------------------------------------------- */

/* Loads t's batch inside the open transaction: COPY into the table, or
 * staging and a merge once a key is already there; rows the server
 * refuses are set aside and the rest go on. */
pg_status pg_load_table(pg_sink *s, pg_table *t);

/* ------------------------------------------------------------------------
 * pg_probe.c
 * --------------------------------------------------------------------- */

#define PG_PROBE_MAX_KEYS 8 /* more key columns: duplicates go to staging */

/* Marks the live rows of [from, to) of t->b whose key the table holds, or
 * that repeat an earlier row's key, PG_ROW_SKIPPED; *skipped counts them. */
pg_status pg_probe_existing(pg_sink *s, pg_table *t, size_t from, size_t to, size_t *skipped);
/* The same for batch b over conn, calling nothing of the host: PG_OK,
 * PG_NOMEM, or an error with *err (may be NULL) for the caller to
 * PQclear. */
pg_status pg_probe_send(PGconn *conn, const pg_table *t, pg_batch *b, size_t from, size_t to,
                        size_t *skipped, PGresult **err);

/* ------------------------------------------------------------------------
 * pg_async.c
 * --------------------------------------------------------------------- */

/* 1 when the open batch (rows in all) may be committed by the loader
 * thread while the next one is gathered. */
int pg_async_can(pg_sink *s, size_t rows);
/* Hands the open batches to the loader thread, which runs the fast path's
 * transaction (COPY each table, state, runs row, COMMIT); each table's
 * t->flight holds them meanwhile and t->b is a fresh batch. Takes
 * snapshot on success. PG_OK, or PG_FAILED when the thread could not
 * start (nothing changed; commit synchronously). */
pg_status pg_async_start(pg_sink *s, char *snapshot);
/* Waits for the loader thread; returns its status (PG_OK: committed). The
 * job's err, step and in_doubt say more; pg_async_clear releases it. */
pg_status pg_async_join(pg_sink *s);
void pg_async_clear(pg_sink *s);

/* ------------------------------------------------------------------------
 * pg_check.c
 * --------------------------------------------------------------------- */

/* `assay postgres-check [CONNINFO] [SCHEMA]` (a plugin command). */
int pg_check_command(const assay_host *h, int argc, char **argv);
/* The check() callback: `assay check` connects with the entry's config and
 * reports what this role may do in its schema. */
assay_rc pg_check_hook(const assay_host *h, assay_ctx *ctx);
/* destroy(): the run's own outcome (from the core's summary) into its row
 * of the runs table. */
void pg_runs_record_outcome(pg_sink *s);
/* Reads and checks the entry's config into s (s->h and s->ctx set). */
assay_rc pg_read_config(pg_sink *s);

/* ------------------------------------------------------------------------
 * pg_reject.c
 * --------------------------------------------------------------------- */

/* The 1-based line a failed COPY names in its context ("COPY t, line N"),
 * or 0 when it names none. */
unsigned long pg_copy_line(const PGresult *res);
/* The row of [from, to) that is the n-th (1-based) not yet rejected one,
 * or (size_t)-1. */
size_t pg_nth_live(const pg_table *t, size_t from, size_t to, unsigned long n);
/* Number of rows of [from, to) not rejected. */
size_t pg_live_rows(const pg_table *t, size_t from, size_t to);
/* The dead-letter detail object: {"table": ..., "sqlstate": ...,
 * "column": ...} (NULLs left out); malloc'd, NULL when out of memory. */
char *pg_reject_detail(const pg_table *t, const char *sqlstate, const char *column);
/* Sets row i of t aside: marks it and writes a dead letter with the
 * server's message from res (or why when res is NULL). PG_OK, or
 * PG_FAILED when the dead letter could not be written or the pipeline
 * says on_error "fail". */
pg_status pg_reject_row(pg_sink *s, pg_table *t, size_t i, const PGresult *res, const char *why);

/* ------------------------------------------------------------------------
 * pg_state.c
 * --------------------------------------------------------------------- */

/* Inside the open transaction: stores snapshot (may be NULL: keep the
 * stored one) and the commit token under (pipeline, sink). */
pg_status pg_state_write(pg_sink *s, const char *snapshot, const char *token);
/* Its statement: parameters pipeline, sink, snapshot, token; malloc'd. */
char *pg_state_sql(pg_sink *s);
/* The stored snapshot for this pipeline and sink, malloc'd, or NULL. */
pg_status pg_state_read(pg_sink *s, char **snapshot);
/* After a connection broke during COMMIT: 1 when token is the stored one
 * (the commit went through), 0 when not, -1 when it cannot tell. */
int pg_state_committed(pg_sink *s, const char *token);

/* ------------------------------------------------------------------------
 * pg_runs.c
 * --------------------------------------------------------------------- */

/* Makes the run id; with a runs table, marks rows of runs that died
 * without finishing and inserts this run's row (outcome "running"). */
pg_status pg_runs_start(pg_sink *s);
/* Which batch's rows pg_runs_counts adds to the committed ones. */
#define PG_COUNT_COMMITTED 0 /* none */
#define PG_COUNT_OPEN 1      /* t->b: the transaction being tried in line */
#define PG_COUNT_FLIGHT 2    /* t->flight: the loader thread's */

/* The JSON of rows per stream, committed plus those of the batches which
 * names. Calls nothing of the host. malloc'd, NULL when out of memory. */
char *pg_runs_counts(const pg_sink *s, int which);
/* Inside the open transaction: brings this run's row up to date (final:
 * finished_at and the outcome too). */
pg_status pg_runs_update(pg_sink *s, int final);
/* Its statement: parameters run id, counts, outcome, finished (a
 * boolean); malloc'd, NULL when out of memory (with the message set). */
char *pg_runs_update_sql(pg_sink *s);
/* The outcome the final commit records: ok, partial or stopped. */
const char *pg_runs_outcome(pg_sink *s);
/* The run ends without its final commit: outcome "failed" with the
 * error, on the open connection or a fresh one; best effort. */
void pg_runs_fail(pg_sink *s);

#endif
