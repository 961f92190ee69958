/*
 * pg_plugin.c - the `postgres` sink: typed tables from stream schemas,
 * binary COPY loads, idempotent, one transaction per commit with the
 * pipeline's state in it.
 *
 * create()        reads the config, connects (waiting up to
 *                 reconnect_seconds for a server that is down or
 *                 starting), creates or evolves the tables, and inserts
 *                 this run's row into the runs table.
 * restore_state() hands the core the state snapshot stored with the data.
 * process()       encodes the batch (pg_copy.c); values no column could
 *                 hold are dead-lettered at once. Nothing is sent yet.
 * commit()        one transaction: each table's rows (pg_load.c), the
 *                 state snapshot and commit token (pg_state.c), the runs
 *                 row's counts (pg_runs.c), COMMIT. ASSAY_OK only once
 *                 COMMIT has succeeded. A broken connection is redone on a
 *                 new one within reconnect_seconds (a COMMIT whose answer
 *                 was lost is settled by its token); a deadlock or
 *                 serialization failure is redone at once; past that, the
 *                 commit fails, nothing of the batch is committed, and the
 *                 core does not advance the state.
 * destroy()       records a run that did not reach its final commit as
 *                 failed, and disconnects.
 */
#include "pg_sink.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_RETRIES 10    /* deadlocks and serialization failures in one commit */
#define NAME_MAX_BYTES 63 /* PostgreSQL truncates longer identifiers */

/* ---- create ---- */

assay_rc pg_read_config(pg_sink *s)
{
    const assay_host *h = s->h;
    assay_ctx *ctx = s->ctx;
    const char *ci = h->cfg_string(ctx, "conninfo");
    const char *schema = h->cfg_string(ctx, "schema");
    const char *conflict = h->cfg_string(ctx, "on_conflict");
    const char *runs = h->cfg_string(ctx, "runs_table");
    s->reconnect_s = (double)h->cfg_int(ctx, "reconnect_seconds");
    s->connect_timeout = (int)h->cfg_int(ctx, "connect_timeout");
    pg_mask_init(s, ci); /* before any message can mention it */
    if (ci && *ci && !(s->conninfo = strdup(ci)))
        return pg_fail(s, ASSAY_ERR_NOMEM, "out of memory");
    if (!schema || !*schema || strlen(schema) > NAME_MAX_BYTES)
        return pg_fail(s, ASSAY_ERR_CONFIG, "schema must be 1 to %d bytes long", NAME_MAX_BYTES);
    if (!(s->schema = strdup(schema)))
        return pg_fail(s, ASSAY_ERR_NOMEM, "out of memory");
    if (strcmp(conflict, "update") == 0)
        s->update = 1;
    else if (strcmp(conflict, "nothing") != 0)
        return pg_fail(s, ASSAY_ERR_CONFIG,
                       "on_conflict must be \"nothing\" (keep the row already there) or "
                       "\"update\" (replace it), not \"%s\"",
                       conflict);
    if (s->reconnect_s < 0 || s->reconnect_s > 86400)
        return pg_fail(s, ASSAY_ERR_CONFIG, "reconnect_seconds must be 0 to 86400");
    if (s->connect_timeout < 0 || s->connect_timeout > 3600)
        return pg_fail(s, ASSAY_ERR_CONFIG, "connect_timeout must be 0 (wait forever) to 3600");
    if (runs && *runs) {
        if (strlen(runs) > NAME_MAX_BYTES)
            return pg_fail(s, ASSAY_ERR_CONFIG, "runs_table must be at most %d bytes long",
                           NAME_MAX_BYTES);
        if (!(s->runs_name = strdup(runs)))
            return pg_fail(s, ASSAY_ERR_NOMEM, "out of memory");
    }
    char app[64];
    snprintf(app, sizeof app, "assay %s/%s", h->pipeline_name(ctx), h->instance_id(ctx));
    if (!(s->app_name = strdup(app)))
        return pg_fail(s, ASSAY_ERR_NOMEM, "out of memory");
    return ASSAY_OK;
}

/* One table per input stream, with its key. */
static assay_rc read_streams(pg_sink *s)
{
    const assay_host *h = s->h;
    size_t n = h->input_count(s->ctx);
    s->tables = calloc(n ? n : 1, sizeof *s->tables);
    if (!s->tables)
        return pg_fail(s, ASSAY_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        pg_table *t = &s->tables[s->ntables++];
        t->b = &t->slot[0];
        t->stream = h->input_stream(s->ctx, i);
        t->name = h->stream_name(t->stream);
        if (strcmp(t->name, PG_STATE_TABLE) == 0 ||
            (s->runs_name && strcmp(t->name, s->runs_name) == 0))
            return pg_fail(s, ASSAY_ERR_CONFIG,
                           "input stream %s has the name of this sink's own table %s.%s; rename "
                           "the stream%s",
                           t->name, s->schema, t->name,
                           strcmp(t->name, PG_STATE_TABLE) ? ", or set runs_table to another name"
                                                           : "");
        t->ncols = h->stream_field_count(t->stream);
        t->cols = calloc(t->ncols, sizeof *t->cols);
        t->key = calloc(t->ncols, sizeof *t->key);
        if (!t->cols || !t->key)
            return pg_fail(s, ASSAY_ERR_NOMEM, "out of memory");
        for (size_t k = 0; k < t->ncols; k++) {
            t->cols[k].field = h->stream_field(t->stream, k);
            if (t->cols[k].field->flags & ASSAY_FIELD_KEY)
                t->key[t->nkey++] = k;
        }
        if (!t->nkey)
            pg_log(s, ASSAY_LOG_WARN,
                   "stream %s declares no key: its rows are appended to %s.%s, and input loaded "
                   "again (a source without state, a re-run) adds them again",
                   t->name, s->schema, t->name);
    }
    return ASSAY_OK;
}

/* Quoted names, once connected (PQescapeIdentifier needs the connection). */
static assay_rc make_idents(pg_sink *s)
{
    if (!(s->schema_ident = pg_ident(s, s->schema)))
        return pg_fail(s, ASSAY_ERR_NOMEM, "out of memory");
    char *state = pg_ident(s, PG_STATE_TABLE);
    char *runs = s->runs_name ? pg_ident(s, s->runs_name) : NULL;
    pg_buf b = {0};
    pg_buf_printf(&b, "%s.%s", s->schema_ident, state ? state : "");
    s->state_table = pg_buf_take(&b);
    if (runs) {
        pg_buf_printf(&b, "%s.%s", s->schema_ident, runs);
        s->runs_table = pg_buf_take(&b);
    }
    free(state);
    free(runs);
    if (!s->state_table || (s->runs_name && !s->runs_table))
        return pg_fail(s, ASSAY_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < s->ntables; i++) {
        pg_table *t = &s->tables[i];
        char *name = pg_ident(s, t->name);
        if (name) {
            pg_buf_printf(&b, "%s.%s", s->schema_ident, name);
            t->qname = pg_buf_take(&b);
            pg_buf_printf(&b, "%s.%s", s->schema, t->name);
            t->display = pg_buf_take(&b);
        }
        free(name);
        if (!t->qname || !t->display)
            return pg_fail(s, ASSAY_ERR_NOMEM, "out of memory");
        for (size_t k = 0; k < t->ncols; k++)
            if (!(t->cols[k].ident = pg_ident(s, t->cols[k].field->name)))
                return pg_fail(s, ASSAY_ERR_NOMEM, "out of memory");
    }
    return ASSAY_OK;
}

static assay_rc pg_create(const assay_host *h, assay_ctx *ctx, void **self)
{
    pg_sink *s = calloc(1, sizeof *s);
    if (!s)
        return h->fail(ctx, ASSAY_ERR_NOMEM, "out of memory");
    *self = s;
    s->h = h;
    s->ctx = ctx;
    assay_rc rc = pg_read_config(s);
    if (rc == ASSAY_OK)
        rc = read_streams(s);
    if (rc)
        return rc;
    double deadline = pg_now() + s->reconnect_s;
    if (pg_connect(s, s->reconnect_s) != PG_OK || (rc = make_idents(s)))
        return rc ? rc : s->last_rc;
    pg_status st;
    /* a server restarting right now: try again on a new connection */
    while ((st = pg_prepare_tables(s)) == PG_LOST || st == PG_RETRY) {
        double left = deadline - pg_now();
        if (left <= 0 || pg_connect(s, left) != PG_OK)
            return s->last_rc ? s->last_rc : ASSAY_ERR_IO;
    }
    if (st == PG_OK)
        st = pg_runs_start(s);
    return st == PG_OK ? ASSAY_OK : s->last_rc ? s->last_rc : ASSAY_ERR_FAILED;
}

static assay_rc pg_restore_state(void *self, assay_ctx *ctx, char **snapshot)
{
    pg_sink *s = self;
    *snapshot = NULL;
    pg_status st = pg_state_read(s, snapshot);
    if (st == PG_LOST && pg_connect(s, s->reconnect_s) == PG_OK)
        st = pg_state_read(s, snapshot);
    return st == PG_OK ? ASSAY_OK : s->last_rc;
}

/* ---- process ---- */

static pg_table *table_for(pg_sink *s, const assay_stream *st)
{
    for (size_t i = 0; i < s->ntables; i++)
        if (s->tables[i].stream == st)
            return &s->tables[i];
    const char *name = s->h->stream_name(st);
    for (size_t i = 0; i < s->ntables; i++)
        if (strcmp(s->tables[i].name, name) == 0)
            return &s->tables[i];
    return NULL;
}

static assay_rc pg_process(void *self, assay_ctx *ctx, const assay_record *const *recs, size_t n)
{
    pg_sink *s = self;
    const assay_host *h = s->h;
    pg_table *t = NULL;
    for (size_t i = 0; i < n; i++) {
        const assay_stream *st = h->record_stream(recs[i]);
        if (!t || t->stream != st)
            t = table_for(s, st);
        if (!t)
            return pg_fail(s, ASSAY_ERR_INVALID, "a record of stream %s, which is not an input",
                           h->stream_name(st));
        char why[768];
        assay_rc rc = pg_encode_row(s, t, recs[i], why, sizeof why);
        if (rc == ASSAY_ERR_REJECT) {
            char *what = pg_reject_detail(t, NULL, NULL);
            t->b->rejects++;
            rc = h->dead_letter(ctx, recs[i], what, why);
            free(what);
            if (rc != ASSAY_OK)
                return pg_fail(s, rc, "stopping at a value %s cannot hold: %s", t->display, why);
        } else if (rc) {
            return pg_fail(s, ASSAY_ERR_NOMEM,
                           "out of memory holding a batch of %zu rows for %s; lower batch_size",
                           t->b->nrows, t->display);
        }
    }
    return ASSAY_OK;
}

/* ---- commit ---- */

/* One try at the whole transaction. *in_doubt is set once COMMIT has been
 * sent: a connection lost after that may or may not have committed. */
static pg_status try_commit(pg_sink *s, const char *snapshot, int final, const char *token,
                            int *in_doubt)
{
    *in_doubt = 0;
    for (size_t i = 0; i < s->ntables; i++)
        s->tables[i].b->written = s->tables[i].b->unchanged = 0;
    if (!s->conn || PQstatus(s->conn) != CONNECTION_OK)
        return PG_LOST;
    pg_status st = pg_exec(s, "cannot start a transaction", "BEGIN");
    for (size_t i = 0; i < s->ntables && st == PG_OK; i++)
        st = pg_load_table(s, &s->tables[i]);
    if (st == PG_OK)
        st = pg_state_write(s, snapshot, token);
    if (st == PG_OK)
        st = pg_runs_update(s, final);
    if (st)
        return st;
    *in_doubt = 1;
    PGresult *res = PQexec(s->conn, "COMMIT");
    if (res && PQresultStatus(res) == PGRES_COMMAND_OK) {
        int rolled_back = strcmp(PQcmdStatus(res), "COMMIT") != 0;
        PQclear(res);
        if (!rolled_back)
            return PG_OK;
        *in_doubt = 0;
        pg_fail(s, ASSAY_ERR_COMMIT, "the server rolled the transaction back at COMMIT");
        return PG_FAILED;
    }
    st = pg_fail_result(s, pg_classify(s, res), "COMMIT failed", res);
    if (st != PG_LOST)
        *in_doubt = 0; /* the server answered: it did not commit */
    PQclear(res);
    return st;
}

/* After a failed try: the open transaction goes, and what it created. */
static void abandon(pg_sink *s)
{
    if (s->conn && PQstatus(s->conn) == CONNECTION_OK &&
        PQtransactionStatus(s->conn) != PQTRANS_IDLE) {
        PGresult *r = PQexec(s->conn, "ROLLBACK");
        PQclear(r);
    }
    for (size_t i = 0; i < s->ntables; i++)
        if (s->tables[i].stage_ready == PG_STAGE_OPEN)
            s->tables[i].stage_ready = PG_STAGE_NONE;
}

/* The batches in t->b are committed: counted, and emptied. */
static void committed(pg_sink *s, int final)
{
    const assay_host *h = s->h;
    int64_t w = 0, u = 0, r = 0;
    for (size_t i = 0; i < s->ntables; i++) {
        pg_table *t = &s->tables[i];
        pg_batch *b = t->b;
        t->written += b->written;
        t->unchanged += b->unchanged;
        t->rejects += b->rejects;
        w += b->written, u += b->unchanged, r += b->rejects;
        if (t->stage_ready == PG_STAGE_OPEN)
            t->stage_ready = PG_STAGE_READY;
        pg_batch_clear(b);
    }
    if (w)
        h->count(s->ctx, "written", w);
    if (u)
        h->count(s->ctx, "unchanged", u);
    if (r)
        h->count(s->ctx, "rejected", r);
    s->commits++;
    if (final)
        s->finished = 1;
}

static assay_rc commit_failed(pg_sink *s, const char *why)
{
    char where[512];
    pg_describe_target(s, where, sizeof where);
    char msg[1024];
    snprintf(msg, sizeof msg, "%s", s->h->error_message(s->ctx));
    pg_fail(s, ASSAY_ERR_COMMIT,
            "%s%s; the batch was not committed to %s (the state does not "
            "advance: the next run loads it again)",
            why, msg, where);
    snprintf(s->last_error, sizeof s->last_error, "%s", s->h->error_message(s->ctx));
    for (size_t i = 0; i < s->ntables; i++)
        s->tables[i].b->written = s->tables[i].b->unchanged = 0;
    return ASSAY_ERR_COMMIT;
}

/* Reconnects after a lost connection, within what is left of the budget
 * that started at *deadline (0: starts now). PG_OK or PG_FAILED. */
static pg_status reconnect(pg_sink *s, double *deadline)
{
    if (*deadline == 0)
        *deadline = pg_now() + s->reconnect_s;
    char where[512];
    pg_describe_target(s, where, sizeof where);
    pg_log(s, ASSAY_LOG_WARN, "lost the connection to %s during a commit (%s); reconnecting", where,
           s->h->error_message(s->ctx));
    double left = *deadline - pg_now();
    if (left <= 0 || pg_connect(s, left) != PG_OK)
        return PG_FAILED;
    s->h->count(s->ctx, "reconnects", 1);
    return PG_OK;
}

/* Commits the batches in t->b in line: tries again across lost
 * connections (within reconnect_seconds), deadlocks and serialization
 * failures. ASSAY_OK once committed; otherwise nothing of them is. */
static assay_rc commit_sync(pg_sink *s, const char *snapshot, int final)
{
    double deadline = 0;
    int retries = 0;
    for (int attempt = 0;; attempt++) {
        char token[128];
        snprintf(token, sizeof token, "%s/%lld/%d", s->run_id, (long long)s->commits, attempt);
        int in_doubt = 0;
        pg_status st = try_commit(s, snapshot, final, token, &in_doubt);
        if (st == PG_OK) {
            committed(s, final);
            return ASSAY_OK;
        }
        abandon(s);
        if (st == PG_FAILED)
            return commit_failed(s, "");
        if (st == PG_RETRY) {
            if (++retries > MAX_RETRIES)
                return commit_failed(s, "gave up after repeated deadlocks or serialization "
                                        "failures: ");
            pg_log(s, ASSAY_LOG_WARN, "%s; trying the transaction again",
                   s->h->error_message(s->ctx));
            pg_backoff(retries - 1, pg_now() + 2.0);
            continue;
        }
        /* PG_LOST: a new connection, within reconnect_seconds of the first loss */
        if (reconnect(s, &deadline) != PG_OK)
            return commit_failed(s, "lost the connection and could not get it back within "
                                    "reconnect_seconds: ");
        if (in_doubt) {
            int done = pg_state_committed(s, token);
            if (done == 1) {
                pg_log(s, ASSAY_LOG_INFO, "the commit whose answer was lost did go through");
                committed(s, final);
                return ASSAY_OK;
            }
            if (done < 0)
                /* loading it again could load it twice: let the next run,
                 * which restores the state stored with the data, decide */
                return commit_failed(s, "the connection broke during COMMIT and whether it "
                                        "went through cannot be read back: ");
        }
        pg_log(s, ASSAY_LOG_INFO, "reconnected; loading the batch again");
    }
}

/* Points each table's t->b at its batch in flight, or back. */
static void swap_flight(pg_sink *s)
{
    for (size_t i = 0; i < s->ntables; i++) {
        pg_table *t = &s->tables[i];
        pg_batch *tmp = t->b;
        t->b = t->flight;
        t->flight = tmp;
    }
}

/* Waits for the batch the loader thread has: counted when it committed,
 * otherwise loaded again here, in line, with everything pg_load.c does. */
static assay_rc settle_flight(pg_sink *s)
{
    if (!s->job.running)
        return ASSAY_OK;
    pg_status st = pg_async_join(s);
    pg_job *j = &s->job;
    assay_rc rc = ASSAY_OK;
    swap_flight(s);
    if (st == PG_OK) {
        for (size_t i = 0; i < s->ntables; i++) {
            pg_table *t = &s->tables[i];
            if (t->dupes && t->b->nrows && t->b->unchanged == 0)
                t->dupes = 0; /* none of its keys was there: the fast path again */
        }
        committed(s, 0);
        goto done;
    }
    char what[300];
    snprintf(what, sizeof what, "%s failed", j->step);
    pg_fail_result(s, st, what, j->err);
    /* a duplicate key is the usual reason (a re-run): not worth a warning */
    pg_log(s, strcmp(pg_sqlstate(j->err), "23505") == 0 ? ASSAY_LOG_DEBUG : ASSAY_LOG_INFO,
           "a batch committed in the background did not go through (%s); loading it again",
           s->h->error_message(s->ctx));
    if (strcmp(pg_sqlstate(j->err), "23505") == 0)
        for (size_t i = 0; i < s->ntables; i++)
            if (s->tables[i].b->nrows)
                s->tables[i].dupes = 1;
    if (st == PG_LOST) {
        double deadline = 0;
        if (reconnect(s, &deadline) != PG_OK) {
            rc = commit_failed(s, "lost the connection and could not get it back within "
                                  "reconnect_seconds: ");
            goto done;
        }
        int done_already = j->in_doubt ? pg_state_committed(s, j->token) : 0;
        if (done_already == 1) {
            committed(s, 0);
            goto done;
        }
        if (done_already < 0) {
            rc = commit_failed(s, "the connection broke during COMMIT and whether it went "
                                  "through cannot be read back: ");
            goto done;
        }
    }
    abandon(s);
    rc = commit_sync(s, j->snapshot, 0);
done:
    swap_flight(s);
    for (size_t i = 0; i < s->ntables; i++)
        s->tables[i].flight = NULL;
    pg_async_clear(s);
    return rc;
}

static assay_rc pg_commit(void *self, assay_ctx *ctx, int final)
{
    pg_sink *s = self;
    assay_rc rc = settle_flight(s);
    if (rc)
        return rc;
    size_t rows = 0, rejects = 0;
    for (size_t i = 0; i < s->ntables; i++) {
        rows += s->tables[i].b->nrows;
        rejects += (size_t)s->tables[i].b->rejects;
    }
    char *snapshot = s->h->state_snapshot(ctx);
    if (!rows && !rejects && !snapshot && !final)
        return ASSAY_OK;
    /* Pipelined only when the batch moves no state: the core writes its
     * state file once a commit answers ASSAY_OK, a save per bookmark it
     * acknowledges, so a chain of pending commits that carried bookmarks
     * would end in a long burst of saves (see pg_async.c). */
    if (!final && !snapshot && pg_async_can(s, rows) && pg_async_start(s, NULL) == PG_OK)
        return ASSAY_PENDING; /* the loader thread has it */
    rc = commit_sync(s, snapshot, final);
    s->h->free(snapshot);
    return rc;
}

/* ---- destroy ---- */

static void free_table(pg_table *t)
{
    for (size_t k = 0; k < t->ncols; k++) {
        free(t->cols[k].ident);
        free(t->cols[k].type_sql);
        free(t->cols[k].base_sql);
    }
    free(t->cols);
    free(t->key);
    free(t->qname);
    free(t->display);
    free(t->copy_sql);
    free(t->probe_sql);
    free(t->stage_ident);
    free(t->stage_create);
    free(t->stage_copy);
    free(t->merge_sql);
    pg_batch_free(&t->slot[0]);
    pg_batch_free(&t->slot[1]);
}

static void pg_destroy(void *self)
{
    pg_sink *s = self;
    if (!s)
        return;
    if (s->job.running) {
        /* the run stopped without a final commit: whatever the thread
         * did is whole (committed with its state, or rolled back) */
        pg_async_join(s);
        swap_flight(s);
        if (s->job.st == PG_OK)
            committed(s, 0);
        swap_flight(s);
        pg_async_clear(s);
    }
    if (s->run_row && !s->finished)
        pg_runs_fail(s);
    else
        pg_runs_record_outcome(s);
    if (s->conn)
        PQfinish(s->conn);
    for (size_t i = 0; i < s->ntables; i++)
        free_table(&s->tables[i]);
    free(s->tables);
    for (size_t i = 0; i < s->nsecrets; i++)
        free(s->secrets[i]);
    free(s->conninfo);
    free(s->schema);
    free(s->schema_ident);
    free(s->state_table);
    free(s->runs_name);
    free(s->runs_table);
    free(s->app_name);
    pg_buf_free(&s->send);
    free(s);
}

/* ---- descriptor ---- */

static const assay_config_key pg_config[] = {
    {"conninfo", ASSAY_CFG_STRING, 0, NULL,
     "libpq connection string, URI or key=value (usually \"${ASSAY_PG}\"); unset: libpq's "
     "defaults (PGHOST, PGDATABASE, ~/.pgpass, ...)"},
    {"schema", ASSAY_CFG_STRING, 0, "\"assay\"", "schema of the tables (created if missing)"},
    {"on_conflict", ASSAY_CFG_STRING, 0, "\"nothing\"",
     "a row whose key is already there: nothing (keep the stored row) or update (replace it)"},
    {"reconnect_seconds", ASSAY_CFG_INT, 0, "60",
     "how long to keep reconnecting when the server goes away before the commit fails"},
    {"connect_timeout", ASSAY_CFG_INT, 0, "10",
     "seconds one connection attempt may take (the conninfo's connect_timeout wins)"},
    {"runs_table", ASSAY_CFG_STRING, 0, "\"runs\"",
     "table of one row per run (in schema); \"\" for none"},
    {NULL, 0, 0, NULL, NULL}};

ASSAY_EXPORT const assay_plugin assay_plugin_descriptor = {
    ASSAY_PLUGIN_HEADER,
    .name = "postgres",
    .kind = ASSAY_SINK,
    .version = "1.0.0",
    .description = "PostgreSQL tables from stream schemas: binary COPY, idempotent, one "
                   "transaction per batch with the pipeline state",
    .config = pg_config,
    .create = pg_create,
    .process = pg_process,
    .commit = pg_commit,
    .destroy = pg_destroy,
    .restore_state = pg_restore_state,
    .command_name = "postgres-check",
    .command = pg_check_command,
    .check = pg_check_hook,
};
