/*
 * pg_async.c - committing one batch while the next is gathered.
 *
 * The runner hands a sink a batch and waits for its commit before it
 * gathers the next one, and a source can only run a queue's length ahead.
 * Committed in line, a bulk load would leave the server idle while records
 * are made and encoded, and the client idle while the server loads. So a
 * full batch on the fast path goes to a loader thread instead: commit()
 * answers ASSAY_PENDING and the runner gathers the next batch meanwhile;
 * the next commit() waits for the thread first (pg_plugin.c). Two batches
 * are alive at most: the one in flight (t->flight) and the open one.
 *
 * The thread runs the optimistic transaction only: BEGIN, one COPY per
 * table straight into it (after looking up the keys that are there, for
 * a table meeting existing keys), the commit token (pg_state.c), the
 * runs row, COMMIT. It never calls the host (plugin threads may not): any
 * failure (a duplicate key, a bad row, a lost connection) is rolled back
 * and left for the committing thread, which loads that batch again with
 * everything pg_load.c knows, so the outcome is the same as in line.
 *
 * Only batches that move no state go this way (host->state_snapshot()
 * gives NULL for them): ASSAY_PENDING holds back the acknowledgement of
 * every bookmark the batch carried until a later commit answers
 * ASSAY_OK, and the core then saves its state file once per bookmark, so
 * a chain of pending commits with bookmarks would end in a burst of saves
 * during which a crash finds an older state file with a newer sequence
 * number than the snapshot kept with the data (see the README). A batch
 * that moves the state is committed in line and answers ASSAY_OK, like
 * the final batch and partial batches (flushes of a quiet stream).
 */
#include "pg_sink.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pg_async_can(pg_sink *s, size_t rows)
{
    if (rows > s->full_rows)
        s->full_rows = rows;
    if (rows == 0 || rows < s->full_rows || s->job.running)
        return 0;
    if (!s->conn || PQstatus(s->conn) != CONNECTION_OK)
        return 0;
    for (size_t i = 0; i < s->ntables; i++) {
        const pg_table *t = &s->tables[i];
        /* meeting existing keys: the thread can look them up, but not
         * merge (staging may need to find a bad row, in line) */
        if (t->b->nrows && t->dupes && (s->update || !t->nkey || t->nkey > PG_PROBE_MAX_KEYS))
            return 0;
    }
    return 1;
}

/* Records what failed; the result is kept for the committing thread. */
static void job_fail(pg_job *j, PGconn *c, PGresult *r, const char *step)
{
    j->st = pg_classify_conn(c, r);
    if (j->st == PG_OK)
        j->st = PG_FAILED;
    if (j->st != PG_LOST)
        j->in_doubt = 0; /* the server answered: nothing was committed */
    PQclear(j->err);
    j->err = r;
    snprintf(j->step, sizeof j->step, "%s", step);
}

static int command_ok(PGresult *r)
{
    return r && PQresultStatus(r) == PGRES_COMMAND_OK;
}

static void *loader_main(void *arg)
{
    pg_sink *s = arg;
    pg_job *j = &s->job;
    PGconn *c = s->conn;
    j->st = PG_OK;
    j->in_doubt = 0;
    PGresult *r = PQexec(c, "BEGIN");
    if (!command_ok(r)) {
        job_fail(j, c, r, "starting a transaction");
        goto rollback;
    }
    PQclear(r);
    for (size_t i = 0; i < s->ntables; i++) {
        pg_table *t = &s->tables[i];
        pg_batch *b = t->flight;
        b->written = b->unchanged = 0;
        if (!b->nrows)
            continue;
        char step[256];
        pg_status st = PG_OK;
        if (t->dupes) {
            /* a re-run: skip the keys that are there */
            size_t skipped;
            st = pg_probe_send(c, t, b, 0, b->nrows, &skipped, &r);
            b->unchanged = (int64_t)skipped;
            snprintf(step, sizeof step, "looking up the keys of a batch in %s", t->display);
        }
        size_t nsent = 0;
        if (st == PG_OK) {
            st = pg_copy_send(c, t, b, 0, b->nrows, 0, &j->scratch, &nsent, &r);
            snprintf(step, sizeof step, "COPY into %s", t->display);
        }
        b->written = (int64_t)nsent;
        if (st != PG_OK) {
            job_fail(j, c, r, st == PG_NOMEM ? "out of memory in the loader thread" : step);
            if (st == PG_LOST)
                j->st = PG_LOST;
            goto rollback;
        }
    }
    if (j->runs_sql) {
        j->counts = pg_runs_counts(s, PG_COUNT_FLIGHT);
        if (!j->counts) {
            job_fail(j, c, NULL, "out of memory in the loader thread");
            goto rollback;
        }
        j->runs_args[1] = j->counts;
    }
    r = PQexecParams(c, j->state_sql, 4, NULL, j->state_args, NULL, NULL, 0);
    if (!command_ok(r)) {
        job_fail(j, c, r, "storing the pipeline state");
        goto rollback;
    }
    PQclear(r);
    if (j->runs_sql) {
        r = PQexecParams(c, j->runs_sql, 4, NULL, j->runs_args, NULL, NULL, 0);
        if (!command_ok(r)) {
            job_fail(j, c, r, "updating the runs table");
            goto rollback;
        }
        PQclear(r);
    }
    j->in_doubt = 1;
    r = PQexec(c, "COMMIT");
    if (command_ok(r) && strcmp(PQcmdStatus(r), "COMMIT") == 0) {
        PQclear(r);
        j->in_doubt = 0;
        return NULL;
    }
    job_fail(j, c, r, "COMMIT");
    return NULL;
rollback:
    if (PQstatus(c) == CONNECTION_OK && PQtransactionStatus(c) != PQTRANS_IDLE)
        PQclear(PQexec(c, "ROLLBACK"));
    return NULL;
}

pg_status pg_async_start(pg_sink *s, char *snapshot)
{
    pg_job *j = &s->job;
    const assay_host *h = s->h;
    j->state_sql = pg_state_sql(s);
    j->runs_sql = s->run_row ? pg_runs_update_sql(s) : NULL;
    if (!j->state_sql || (s->run_row && !j->runs_sql)) {
        pg_async_clear(s);
        return PG_FAILED;
    }
    snprintf(j->token, sizeof j->token, "%s/%lld/a", s->run_id, (long long)s->commits);
    j->state_args[0] = h->pipeline_name(s->ctx);
    j->state_args[1] = h->instance_id(s->ctx);
    j->state_args[2] = snapshot;
    j->state_args[3] = j->token;
    j->runs_args[0] = s->run_id;
    j->runs_args[1] = NULL; /* the counts: made once the thread knows them */
    j->runs_args[2] = "running";
    j->runs_args[3] = "false";
    for (size_t i = 0; i < s->ntables; i++) {
        pg_table *t = &s->tables[i];
        t->flight = t->b;
        t->b = t->b == &t->slot[0] ? &t->slot[1] : &t->slot[0];
        pg_batch_clear(t->b);
    }
    if (pthread_create(&j->thread, NULL, loader_main, s) != 0) {
        for (size_t i = 0; i < s->ntables; i++) {
            pg_table *t = &s->tables[i];
            t->b = t->flight;
            t->flight = NULL;
        }
        pg_async_clear(s);
        return PG_FAILED;
    }
    j->snapshot = snapshot;
    j->running = 1;
    return PG_OK;
}

pg_status pg_async_join(pg_sink *s)
{
    pg_job *j = &s->job;
    if (!j->running)
        return PG_OK;
    pthread_join(j->thread, NULL);
    j->running = 0;
    return j->st;
}

void pg_async_clear(pg_sink *s)
{
    pg_job *j = &s->job;
    if (j->snapshot)
        s->h->free(j->snapshot);
    free(j->state_sql);
    free(j->runs_sql);
    free(j->counts);
    PQclear(j->err);
    pg_buf_free(&j->scratch);
    memset(j, 0, sizeof *j);
}
