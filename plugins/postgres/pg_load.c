/*
 * pg_load.c - loading one table's batch inside the open transaction.
 *
 * Fast path: one binary COPY straight into the table. New rows pay
 * nothing more than psql's \copy would.
 *
 * A duplicate key (SQLSTATE 23505: the rows are there from an earlier
 * run, or twice in this batch) rolls the COPY back to its savepoint. With
 * on_conflict "nothing", one query then finds the keys that are there
 * (pg_probe.c), those rows are skipped and the rest is COPYed. Later
 * batches of the table start with that lookup while they keep meeting
 * existing keys (a re-run); one that meets none sends the next batch down
 * the fast path again.
 *
 * Staging path: COPY into a temporary table (ON COMMIT DELETE ROWS,
 * created once per connection), then INSERT ... SELECT ... ORDER BY key
 * ON CONFLICT (key) DO NOTHING or DO UPDATE. It serves on_conflict
 * "update", tables without a key (any unique index decides), and the
 * rare duplicate that appears after the lookup (another writer).
 *
 * Bad rows: a COPY that fails on a value (SQLSTATE class 22 or 23) names
 * the row; it is set aside (pg_reject.c), the rows before it are loaded
 * as their own COPY, and the load goes on after it. A merge that fails on
 * a row names no line, so the range is halved until the row is found.
 * Errors that are not about a row (permissions, a dropped table, a full
 * disk) fail the batch at once. A broken connection, a deadlock or a
 * serialization failure is handed up: the whole transaction is redone.
 *
 * Every COPY and merge runs under a savepoint, so a failure undoes only
 * that step; the savepoint is released after success, so they never nest.
 */
#include "pg_sink.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Batches that go to staging before the fast path is tried again in
 * "update" mode (where a merge cannot tell new rows from updated ones). */
#define UPDATE_PROBE_EVERY 8

static pg_status savepoint(pg_sink *s)
{
    return pg_exec(s, "cannot set a savepoint", "SAVEPOINT assay_load");
}

static pg_status release(pg_sink *s)
{
    return pg_exec(s, "cannot release a savepoint", "RELEASE SAVEPOINT assay_load");
}

static pg_status rollback_to(pg_sink *s)
{
    return pg_exec(s, "cannot roll back to a savepoint", "ROLLBACK TO SAVEPOINT assay_load");
}

/* An error about one row's value, rather than about the statement: data
 * exceptions (22), integrity constraints (23), a trigger's RAISE (P0). */
static int row_level(const char *code)
{
    return strncmp(code, "22", 2) == 0 || strncmp(code, "23", 2) == 0 ||
           strncmp(code, "P0", 2) == 0;
}

/* Handles a COPY that failed with a line number: sets the row aside and
 * narrows [cur, *end) to the rows before it. PG_OK to go on. */
static pg_status isolate(pg_sink *s, pg_table *t, size_t cur, size_t *end, const PGresult *res)
{
    unsigned long line = pg_copy_line(res);
    size_t bad = line ? pg_nth_live(t, cur, *end, line) : (size_t)-1;
    if (bad == (size_t)-1)
        return PG_FAILED; /* keeps the message pg_copy_rows set */
    pg_status st = pg_reject_row(s, t, bad, res, NULL);
    if (st == PG_OK && bad > cur)
        *end = bad; /* the rows before it next, then the rest */
    return st;
}

/* Merges rows [a, b) of the staging table into the table; on a row-level
 * error, halves the range until the row is found and set aside. */
static pg_status merge_range(pg_sink *s, pg_table *t, size_t a, size_t b)
{
    size_t live = pg_live_rows(t, a, b);
    if (live == 0)
        return PG_OK;
    pg_status st = savepoint(s);
    if (st)
        return st;
    char va[32], vb[32];
    snprintf(va, sizeof va, "%zu", a);
    snprintf(vb, sizeof vb, "%zu", b);
    const char *v[] = {va, vb};
    PGresult *res = PQexecParams(s->conn, t->merge_sql, 2, NULL, v, NULL, NULL, 0);
    if (res && PQresultStatus(res) == PGRES_COMMAND_OK) {
        size_t n = (size_t)strtoull(PQcmdTuples(res), NULL, 10);
        PQclear(res);
        t->b->written += (int64_t)n;
        t->b->unchanged += (int64_t)(live - (n < live ? n : live));
        return release(s);
    }
    char what[300];
    snprintf(what, sizeof what, "merging a batch into %s failed", t->display);
    st = pg_fail_result(s, pg_classify(s, res), what, res);
    if (st == PG_LOST || st == PG_RETRY) {
        PQclear(res);
        return st;
    }
    pg_status rb = rollback_to(s);
    if (rb || !row_level(pg_sqlstate(res))) {
        PQclear(res);
        return rb ? rb : PG_FAILED;
    }
    if (live == 1) {
        st = pg_reject_row(s, t, pg_nth_live(t, a, b, 1), res, NULL);
        PQclear(res);
        return st;
    }
    PQclear(res);
    size_t mid = a + (b - a) / 2;
    st = merge_range(s, t, a, mid);
    return st ? st : merge_range(s, t, mid, b);
}

/* COPYs rows [from, to) into the staging table, setting aside rows the
 * column types refuse, then merges them. */
static pg_status load_staged(pg_sink *s, pg_table *t, size_t from, size_t to)
{
    pg_status st = pg_stage_ready(s, t);
    if (st)
        return st;
    size_t cur = from, end = to;
    while (cur < to) {
        if (pg_live_rows(t, cur, end) == 0) {
            cur = end, end = to;
            continue;
        }
        if ((st = savepoint(s)))
            return st;
        size_t nsent;
        PGresult *res;
        st = pg_copy_rows(s, t, cur, end, 1, &nsent, &res);
        if (st == PG_OK) {
            if ((st = release(s)))
                return st;
            cur = end, end = to;
            continue;
        }
        if (st == PG_LOST || st == PG_RETRY) {
            PQclear(res);
            return st;
        }
        pg_status rb = rollback_to(s);
        if (rb == PG_OK && row_level(pg_sqlstate(res)))
            st = isolate(s, t, cur, &end, res);
        else
            st = rb ? rb : PG_FAILED;
        PQclear(res);
        if (st)
            return st;
    }
    return merge_range(s, t, from, to);
}

static pg_status load_probe(pg_sink *s, pg_table *t, size_t from, size_t to);

/* COPYs rows [from, to) straight into the table. A duplicate key sends
 * the rest to the key lookup (may_probe) or to staging. */
static pg_status load_copy(pg_sink *s, pg_table *t, size_t from, size_t to, int may_probe)
{
    size_t cur = from, end = to;
    while (cur < to) {
        if (pg_live_rows(t, cur, end) == 0) {
            cur = end, end = to;
            continue;
        }
        pg_status st = savepoint(s);
        if (st)
            return st;
        size_t nsent;
        PGresult *res;
        st = pg_copy_rows(s, t, cur, end, 0, &nsent, &res);
        if (st == PG_OK) {
            t->b->written += (int64_t)nsent;
            if ((st = release(s)))
                return st;
            cur = end, end = to;
            continue;
        }
        if (st == PG_LOST || st == PG_RETRY) {
            PQclear(res);
            return st;
        }
        pg_status rb = rollback_to(s);
        const char *code = pg_sqlstate(res);
        if (rb) {
            st = rb;
        } else if (strcmp(code, "23505") == 0) {
            /* a key that is already there: these rows and the rest of the
             * batch go the slower way */
            PQclear(res);
            t->dupes = 1;
            if (may_probe && !s->update && t->nkey && t->nkey <= PG_PROBE_MAX_KEYS)
                return load_probe(s, t, cur, to);
            return load_staged(s, t, cur, to);
        } else if (row_level(code) && pg_copy_line(res)) {
            st = isolate(s, t, cur, &end, res);
        } else if (row_level(code)) {
            /* a row-level error that names no line (a foreign key): the
             * staging merge finds the row by halving */
            PQclear(res);
            return load_staged(s, t, cur, to);
        } else {
            st = PG_FAILED;
        }
        PQclear(res);
        if (st)
            return st;
    }
    return PG_OK;
}

/* Skips the rows of [from, to) whose keys are there, COPYs the rest. */
static pg_status load_probe(pg_sink *s, pg_table *t, size_t from, size_t to)
{
    size_t skipped;
    pg_status st = pg_probe_existing(s, t, from, to, &skipped);
    if (st)
        return st;
    t->b->unchanged += (int64_t)skipped;
    if (skipped == 0)
        t->dupes = 0; /* none of these keys was there: the fast path next time */
    return load_copy(s, t, from, to, 0);
}

pg_status pg_load_table(pg_sink *s, pg_table *t)
{
    pg_batch *b = t->b;
    for (size_t i = 0; i < b->nrows; i++)
        if (b->mark[i] == PG_ROW_SKIPPED)
            b->mark[i] = PG_ROW_LIVE; /* a new try: the table may have changed */
    if (b->nrows == 0)
        return PG_OK;
    if (!t->dupes)
        return load_copy(s, t, 0, b->nrows, 1);
    if (!s->update && t->nkey && t->nkey <= PG_PROBE_MAX_KEYS)
        return load_probe(s, t, 0, b->nrows);
    pg_status st = load_staged(s, t, 0, b->nrows);
    if (st)
        return st;
    if (!s->update) {
        /* nothing was there already: new rows again, back to the fast path */
        if (b->written == (int64_t)pg_live_rows(t, 0, b->nrows))
            t->dupes = 0;
    } else if (++t->dupes > UPDATE_PROBE_EVERY) {
        t->dupes = 0;
    }
    return PG_OK;
}
