/*
 * pg_state.c - the pipeline state kept with the data.
 *
 * Table <schema>.assay_state, one row per (pipeline, sink): the state
 * snapshot the core hands over during commit (host->state_snapshot: the
 * pipeline's state as it is once this commit is durable), written in the
 * same transaction as the batch it goes with, and the commit's token.
 *
 * The snapshot makes a crash between the PostgreSQL commit and the core's
 * state file harmless: at the next start restore_state() hands it back,
 * the core keeps whichever is newer, and no source fetches again what is
 * already loaded (nor skips what is not).
 *
 * The token (run id, commit number, attempt) settles the one case a client
 * cannot know by itself: the connection broke after COMMIT was sent and
 * before its answer came. After reconnecting, the stored token says
 * whether that transaction committed, so the batch is neither lost nor
 * loaded twice.
 */
#include "pg_sink.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *pg_state_sql(pg_sink *s)
{
    pg_buf b = {0};
    pg_buf_printf(&b,
                  "INSERT INTO %s AS st (pipeline, sink, snapshot, commit_token, updated_at) "
                  "VALUES ($1, $2, $3, $4, now()) ON CONFLICT (pipeline, sink) DO UPDATE SET "
                  "snapshot = COALESCE(EXCLUDED.snapshot, st.snapshot), commit_token = "
                  "EXCLUDED.commit_token, updated_at = now()",
                  s->state_table);
    return pg_buf_take(&b);
}

pg_status pg_state_write(pg_sink *s, const char *snapshot, const char *token)
{
    char *sql = pg_state_sql(s);
    if (!sql) {
        pg_fail(s, ASSAY_ERR_NOMEM, "out of memory");
        return PG_FAILED;
    }
    const char *v[] = {s->h->pipeline_name(s->ctx), s->h->instance_id(s->ctx), snapshot, token};
    char what[300];
    snprintf(what, sizeof what, "cannot store the pipeline state in %s.%s", s->schema,
             PG_STATE_TABLE);
    pg_status st = pg_exec_params(s, what, sql, 4, v, NULL);
    free(sql);
    return st;
}

/* Reads one column of this pipeline's and sink's row into *out (malloc'd,
 * NULL when there is no row or the value is NULL). */
static pg_status read_column(pg_sink *s, const char *column, char **out)
{
    *out = NULL;
    pg_buf b = {0};
    pg_buf_printf(&b, "SELECT %s FROM %s WHERE pipeline = $1 AND sink = $2", column,
                  s->state_table);
    char *sql = pg_buf_take(&b);
    if (!sql) {
        pg_fail(s, ASSAY_ERR_NOMEM, "out of memory");
        return PG_FAILED;
    }
    const char *v[] = {s->h->pipeline_name(s->ctx), s->h->instance_id(s->ctx)};
    char what[300];
    snprintf(what, sizeof what, "cannot read the stored pipeline state from %s.%s", s->schema,
             PG_STATE_TABLE);
    PGresult *res;
    pg_status st = pg_exec_params(s, what, sql, 2, v, &res);
    free(sql);
    if (st)
        return st;
    if (PQntuples(res) == 1 && !PQgetisnull(res, 0, 0)) {
        *out = strdup(PQgetvalue(res, 0, 0));
        if (!*out) {
            PQclear(res);
            pg_fail(s, ASSAY_ERR_NOMEM, "out of memory");
            return PG_FAILED;
        }
    }
    PQclear(res);
    return PG_OK;
}

pg_status pg_state_read(pg_sink *s, char **snapshot)
{
    return read_column(s, "snapshot", snapshot);
}

int pg_state_committed(pg_sink *s, const char *token)
{
    char *stored = NULL;
    if (read_column(s, "commit_token", &stored) != PG_OK)
        return -1;
    int same = stored && strcmp(stored, token) == 0;
    free(stored);
    return same;
}
