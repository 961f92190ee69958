/*
 * pg_runs.c - the runs table: one row per run of a pipeline, per sink.
 *
 * Columns: run_id, pipeline, sink, host, pid, started_at, finished_at,
 * outcome, counts (jsonb: per stream, rows written, unchanged and
 * rejected), error.
 *
 * The row is inserted when the sink starts (outcome "running"); every
 * commit brings its counts up to date in the same transaction as the
 * batch, so they are exact even for a run that was killed; the final
 * commit sets finished_at and the outcome as the sink sees it: "ok",
 * "partial" (it set rows aside) or "stopped" (the run was stopping: a
 * signal, or an error elsewhere). A run whose commit failed ends
 * "failed", with the error. A run killed outright stays "running" until
 * the next run of the same pipeline and sink on the same host finds its
 * process gone and marks it "unfinished".
 *
 * When the run is over, destroy() asks the core for the run's summary
 * (host->run_summary) and puts the run's own outcome in the row: "ok",
 * "partial" (something was dead-lettered, anywhere in the pipeline),
 * "failed" or "interrupted", with the run's error if it had one.
 */
#include "pg_sink.h"

#include <errno.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

static char *runs_sql(pg_sink *s, const char *fmt)
{
    pg_buf b = {0};
    pg_buf_printf(&b, fmt, s->runs_table);
    char *sql = pg_buf_take(&b);
    if (!sql)
        pg_fail(s, ASSAY_ERR_NOMEM, "out of memory");
    return sql;
}

/* Marks rows of this pipeline and sink on this host that say "running"
 * while their process is gone. */
static pg_status mark_unfinished(pg_sink *s)
{
    char *sql = runs_sql(s, "SELECT run_id, pid FROM %s WHERE pipeline = $1 AND sink = $2 AND "
                            "host = $3 AND outcome = 'running'");
    if (!sql)
        return PG_FAILED;
    const char *v[] = {s->h->pipeline_name(s->ctx), s->h->instance_id(s->ctx), s->host_name};
    PGresult *res;
    pg_status st = pg_exec_params(s, "cannot read the runs table", sql, 3, v, &res);
    free(sql);
    if (st)
        return st;
    sql = runs_sql(s, "UPDATE %s SET outcome = 'unfinished' WHERE run_id = $1 AND outcome = "
                      "'running'");
    for (int r = 0; sql && st == PG_OK && r < PQntuples(res); r++) {
        long pid = strtol(PQgetvalue(res, r, 1), NULL, 10);
        if (pid > 0 && (kill((pid_t)pid, 0) == 0 || errno != ESRCH))
            continue; /* still alive: a run of another state folder, perhaps */
        const char *id[] = {PQgetvalue(res, r, 0)};
        st = pg_exec_params(s, "cannot update the runs table", sql, 1, id, NULL);
    }
    int oom = !sql;
    PQclear(res);
    free(sql);
    return oom ? PG_FAILED : st;
}

pg_status pg_runs_start(pg_sink *s)
{
    if (gethostname(s->host_name, sizeof s->host_name - 1) != 0)
        snprintf(s->host_name, sizeof s->host_name, "unknown");
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    char seed[512], hash[65];
    snprintf(seed, sizeof seed, "%s %ld %ld %ld", s->host_name, (long)getpid(), (long)ts.tv_sec,
             ts.tv_nsec);
    s->h->sha256_hex(seed, strlen(seed), hash);
    snprintf(s->run_id, sizeof s->run_id, "%s-%.8s", stamp, hash);
    if (!s->runs_table)
        return PG_OK; /* the id still names this run's commits (pg_state.c) */

    pg_status st = mark_unfinished(s);
    if (st)
        return st;
    char *sql = runs_sql(s, "INSERT INTO %s (run_id, pipeline, sink, host, pid, started_at, "
                            "outcome, counts) VALUES ($1, $2, $3, $4, $5, now(), 'running', '{}')");
    if (!sql)
        return PG_FAILED;
    char pid[24];
    snprintf(pid, sizeof pid, "%ld", (long)getpid());
    const char *v[] = {s->run_id, s->h->pipeline_name(s->ctx), s->h->instance_id(s->ctx),
                       s->host_name, pid};
    st = pg_exec_params(s, "cannot insert this run's row into the runs table", sql, 5, v, NULL);
    free(sql);
    if (st == PG_OK)
        s->run_row = 1;
    return st;
}

char *pg_runs_counts(const pg_sink *s, int which)
{
    pg_buf b = {0};
    pg_buf_str(&b, "{");
    int first = 1;
    for (size_t i = 0; i < s->ntables; i++) {
        const pg_table *t = &s->tables[i];
        int seen = 0;
        for (size_t j = 0; j < i; j++)
            seen |= strcmp(s->tables[j].name, t->name) == 0;
        if (seen)
            continue; /* two inputs of one name share a table: summed below */
        int64_t w = 0, u = 0, r = 0;
        for (size_t j = i; j < s->ntables; j++) {
            const pg_table *o = &s->tables[j];
            if (strcmp(o->name, t->name) != 0)
                continue;
            const pg_batch *ob = which == PG_COUNT_OPEN     ? o->b
                                 : which == PG_COUNT_FLIGHT ? o->flight
                                                            : NULL;
            w += o->written + (ob ? ob->written : 0);
            u += o->unchanged + (ob ? ob->unchanged : 0);
            r += o->rejects + (ob ? ob->rejects : 0);
        }
        /* stream names are identifiers: no escaping needed */
        pg_buf_printf(&b, "%s\"%s\": {\"written\": %lld, \"unchanged\": %lld, \"rejected\": %lld}",
                      first ? "" : ", ", t->name, (long long)w, (long long)u, (long long)r);
        first = 0;
    }
    pg_buf_str(&b, "}");
    return pg_buf_take(&b);
}

const char *pg_runs_outcome(pg_sink *s)
{
    if (s->h->should_stop(s->ctx))
        return "stopped";
    for (size_t i = 0; i < s->ntables; i++)
        if (s->tables[i].rejects + s->tables[i].b->rejects)
            return "partial";
    return "ok";
}

char *pg_runs_update_sql(pg_sink *s)
{
    return runs_sql(s, "UPDATE %s SET counts = $2::jsonb, outcome = $3, finished_at = CASE WHEN "
                       "$4::boolean THEN now() END WHERE run_id = $1");
}

pg_status pg_runs_update(pg_sink *s, int final)
{
    if (!s->run_row)
        return PG_OK;
    char *counts = pg_runs_counts(s, PG_COUNT_OPEN);
    char *sql = counts ? pg_runs_update_sql(s) : NULL;
    if (!sql) {
        free(counts);
        pg_fail(s, ASSAY_ERR_NOMEM, "out of memory");
        return PG_FAILED;
    }
    const char *v[] = {s->run_id, counts, final ? pg_runs_outcome(s) : "running",
                       final ? "true" : "false"};
    pg_status st =
        pg_exec_params(s, "cannot update this run's row in the runs table", sql, 4, v, NULL);
    free(sql);
    free(counts);
    return st;
}

void pg_runs_fail(pg_sink *s)
{
    if (!s->run_row || s->finished)
        return;
    if (!s->conn || PQstatus(s->conn) != CONNECTION_OK) {
        /* one quick try: the run is ending anyway */
        if (pg_connect(s, 0) != PG_OK)
            return;
    } else if (PQtransactionStatus(s->conn) != PQTRANS_IDLE) {
        PGresult *r = PQexec(s->conn, "ROLLBACK");
        PQclear(r);
    }
    char *counts = pg_runs_counts(s, PG_COUNT_COMMITTED);
    char *sql = counts ? runs_sql(s, "UPDATE %s SET counts = $2::jsonb, outcome = 'failed', "
                                     "finished_at = now(), error = $3 WHERE run_id = $1")
                       : NULL;
    if (sql) {
        const char *v[] = {s->run_id, counts,
                           s->last_error[0] ? s->last_error
                                            : "the run ended before its final commit"};
        if (pg_exec_params(s, "cannot record the failed run in the runs table", sql, 3, v, NULL))
            pg_log(s, ASSAY_LOG_WARN, "%s", s->h->error_message(s->ctx));
    }
    free(sql);
    free(counts);
}

void pg_runs_record_outcome(pg_sink *s)
{
    if (!s->run_row || !s->finished || !s->conn || PQstatus(s->conn) != CONNECTION_OK ||
        PQtransactionStatus(s->conn) != PQTRANS_IDLE)
        return;
    char *summary = s->h->run_summary(s->ctx);
    json_t *j = summary ? json_loads(summary, 0, NULL) : NULL;
    s->h->free(summary);
    const char *outcome = json_string_value(json_object_get(j, "outcome"));
    const char *error = json_string_value(json_object_get(j, "error"));
    char *masked = error ? pg_mask(s, error) : NULL;
    char *sql = outcome ? runs_sql(s, "UPDATE %s SET outcome = $2, error = COALESCE($3, error) "
                                      "WHERE run_id = $1")
                        : NULL;
    if (sql) {
        const char *v[] = {s->run_id, outcome, masked};
        if (pg_exec_params(s, "cannot record the run's outcome in the runs table", sql, 3, v,
                           NULL))
            pg_log(s, ASSAY_LOG_WARN, "%s", s->h->error_message(s->ctx));
    }
    free(sql);
    free(masked);
    json_decref(j);
}
