/*
 * pg_conn.c - connecting, reconnecting with backoff, running statements,
 * and sorting errors into "the connection broke", "try the transaction
 * again" and "failed".
 *
 * Connection parameters: a few defaults go before the pipeline's conninfo
 * (so the conninfo overrides them): connect_timeout, application_name,
 * TCP keepalives and a TCP user timeout, so that a cut network is noticed
 * in about a minute rather than the kernel's fifteen. client_encoding goes
 * after it (records are UTF-8, always). A conninfo that is absent leaves
 * everything else to libpq (PGHOST, PGDATABASE, ~/.pgpass, services).
 *
 * When a connection attempt fails, PQping with the same parameters tells
 * a server that is down or starting (wait and retry, within the budget)
 * from one that answers and refuses us: a wrong password, a missing
 * database or role is reported after a second refusal (the first may have
 * come from a server still recovering that was ready by the ping), since
 * waiting cannot fix it.
 */
#include "pg_sink.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

double pg_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void pg_backoff(int k, double deadline)
{
    double d = 0.25;
    for (int i = 0; i < k && d < 5.0; i++)
        d *= 2;
    if (d > 5.0)
        d = 5.0;
    d *= 0.75 + 0.5 * ((double)rand() / RAND_MAX); /* jitter: many workers do not retry in step */
    double left = deadline - pg_now();
    if (d > left)
        d = left;
    if (d <= 0)
        return;
    struct timespec ts = {(time_t)d, (long)((d - (double)(time_t)d) * 1e9)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

/* Makes a libpq message one line, in place (cap: the buffer's size):
 * trailing newlines go, and a newline (with the indentation after it)
 * becomes "; ". */
static void one_line(char *m, size_t cap)
{
    char *copy = strdup(m);
    if (!copy)
        return;
    size_t n = strlen(copy);
    while (n && (copy[n - 1] == '\n' || copy[n - 1] == '\r' || copy[n - 1] == ' '))
        copy[--n] = '\0';
    size_t w = 0;
    for (const char *r = copy; *r && w + 3 < cap; r++) {
        if (*r == '\n') {
            while (r[1] == '\t' || r[1] == ' ')
                r++;
            m[w++] = ';';
            m[w++] = ' ';
        } else if (*r != '\r') {
            m[w++] = *r;
        }
    }
    m[w] = '\0';
    free(copy);
}

/* ---- parameters ---- */

#define MAX_PARAMS 16

typedef struct params {
    const char *k[MAX_PARAMS + 1];
    const char *v[MAX_PARAMS + 1];
    int n;
    char timeout[16];
} params;

static void param(params *p, const char *k, const char *v)
{
    p->k[p->n] = k;
    p->v[p->n] = v;
    p->n++;
    p->k[p->n] = NULL;
    p->v[p->n] = NULL;
}

static void build_params(pg_sink *s, params *p)
{
    memset(p, 0, sizeof *p);
    snprintf(p->timeout, sizeof p->timeout, "%d", s->connect_timeout);
    /* defaults the conninfo may override */
    param(p, "connect_timeout", p->timeout);
    param(p, "application_name", s->app_name);
    param(p, "keepalives", "1");
    param(p, "keepalives_idle", "30");
    param(p, "keepalives_interval", "10");
    param(p, "keepalives_count", "3");
    param(p, "tcp_user_timeout", "60000");
    if (s->conninfo && *s->conninfo)
        param(p, "dbname", s->conninfo); /* expanded: a URI or key=value */
    /* and what it may not */
    param(p, "client_encoding", "UTF8");
}

void pg_describe_target(pg_sink *s, char *out, size_t len)
{
    if (!s->conn) {
        snprintf(out, len, "PostgreSQL (not connected)");
        return;
    }
    const char *host = PQhost(s->conn);
    const char *port = PQport(s->conn);
    const char *db = PQdb(s->conn);
    const char *user = PQuser(s->conn);
    snprintf(out, len, "PostgreSQL at %s%s port %s, database %s, user %s",
             host && host[0] == '/' ? "socket folder " : "host ",
             host && *host ? host : "(default)", port && *port ? port : "(default)",
             db && *db ? db : "(default)", user && *user ? user : "(default)");
}

/* Takes this pipeline's and sink's session lock (an advisory lock on a
 * hash of pipeline, sink and schema), waiting until deadline for the
 * session that holds it to go. That session is, nearly always, the
 * leftover of a run that died: its backend may still be finishing the
 * COMMIT that run sent last, and until it is gone neither the stored
 * state (restore_state) nor a commit token (pg_state.c) can be trusted.
 * A leftover of this very process (a connection we lost) is terminated.
 * A live run elsewhere keeps it: this one fails, saying who holds it. */
static pg_status take_lock(pg_sink *s, double deadline)
{
    char key[512];
    snprintf(key, sizeof key, "assay %s/%s in %s", s->h->pipeline_name(s->ctx),
             s->h->instance_id(s->ctx), s->schema);
    const char *v[] = {key};
    int logged = 0, terminated = 0;
    for (int k = 0;; k++) {
        PGresult *r = PQexecParams(s->conn,
                                   "SELECT pg_try_advisory_lock(hashtextextended($1, 0)), "
                                   "hashtextextended($1, 0) >> 32, hashtextextended($1, 0) & "
                                   "4294967295",
                                   1, NULL, v, NULL, NULL, 0);
        if (!r || PQresultStatus(r) != PGRES_TUPLES_OK) {
            pg_status st =
                pg_fail_result(s, pg_classify(s, r), "cannot take the pipeline's lock", r);
            PQclear(r);
            return st;
        }
        int got = PQgetvalue(r, 0, 0)[0] == 't';
        char classid[32], objid[32];
        snprintf(classid, sizeof classid, "%s", PQgetvalue(r, 0, 1));
        snprintf(objid, sizeof objid, "%s", PQgetvalue(r, 0, 2));
        PQclear(r);
        if (got)
            return PG_OK;
        /* who has it? (classid is the key's high half, as a signed number) */
        const char *hv[] = {classid, objid};
        r = PQexecParams(
            s->conn,
            "SELECT l.pid, coalesce(a.application_name, ''), coalesce(host(a.client_addr), "
            "'local'), coalesce(a.state, '') FROM pg_locks l LEFT JOIN pg_stat_activity a "
            "ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND "
            "l.classid = ($1::bigint & 4294967295)::oid AND l.objid = $2::bigint::oid "
            "AND l.objsubid = 1",
            2, NULL, hv, NULL, NULL, 0);
        char who[512] = "another session";
        int pid = 0;
        if (r && PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0) {
            pid = atoi(PQgetvalue(r, 0, 0));
            snprintf(who, sizeof who, "backend %d (application \"%s\", client %s, %s)", pid,
                     PQgetvalue(r, 0, 1), PQgetvalue(r, 0, 2), PQgetvalue(r, 0, 3));
        }
        PQclear(r);
        if (pid && pid == s->prev_backend && !terminated) {
            /* our own lost connection: its backend may hang on for a long
             * time when the network, not the server, went away */
            char p[16];
            snprintf(p, sizeof p, "%d", pid);
            const char *tv[] = {p};
            PQclear(PQexecParams(s->conn, "SELECT pg_terminate_backend($1::int)", 1, NULL, tv, NULL,
                                 NULL, 0));
            terminated = 1;
            continue;
        }
        if (pg_now() >= deadline) {
            pg_fail(s, ASSAY_ERR_CONFIG,
                    "%s holds the lock of pipeline %s, sink %s, schema %s: another run of this "
                    "pipeline is loading (only one may), or a leftover session; if it is a "
                    "leftover, end it with SELECT pg_terminate_backend(%d)",
                    who, s->h->pipeline_name(s->ctx), s->h->instance_id(s->ctx), s->schema, pid);
            return PG_FAILED;
        }
        if (!logged++)
            pg_log(s, ASSAY_LOG_INFO,
                   "waiting for %s to let go of this pipeline's lock (a run "
                   "that ended without closing its session)",
                   who);
        pg_backoff(k < 3 ? 0 : 2, deadline);
    }
}

/* After a successful connect: checks the server speaks what we need. */
static pg_status after_connect(pg_sink *s, double deadline)
{
    if (PQserverVersion(s->conn) < 120000) {
        char where[512];
        pg_describe_target(s, where, sizeof where);
        pg_fail(s, ASSAY_ERR_CONFIG,
                "%s runs server version %d; the postgres sink needs PostgreSQL 12 or later", where,
                PQserverVersion(s->conn));
        return PG_FAILED;
    }
    for (size_t i = 0; i < s->ntables; i++)
        s->tables[i].stage_ready = PG_STAGE_NONE; /* temporary tables went with the old session */
    /* A commit this sink reports as durable must be: with
     * synchronous_commit off, COMMIT returns before its WAL is flushed,
     * and a server crash then loses a batch the pipeline's state has
     * already moved past. "local" waits for the local flush only (no
     * replication waits the server was not set up for). */
    PGresult *r = PQexec(s->conn, "SHOW synchronous_commit");
    int off = r && PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 &&
              strcmp(PQgetvalue(r, 0, 0), "off") == 0;
    PQclear(r);
    pg_status st;
    if (off) {
        st = pg_exec(s, "cannot set synchronous_commit", "SET synchronous_commit = local");
        if (st)
            return st;
        if (!s->said_sync) {
            pg_log(s, ASSAY_LOG_INFO,
                   "the server has synchronous_commit off; this sink's "
                   "sessions use local, so that what it commits survives a "
                   "server crash");
            s->said_sync = 1;
        }
    }
    /* Plan our few parameterised statements for any value. The key
     * lookup (pg_probe.c) sends thousands of keys in one array; planned
     * for that exact array, the planner weighs thousands of index probes
     * against one scan of the table and picks the scan, which reads the
     * whole table for every batch. Generic plans assume a short array and
     * use the index, which is right here: a batch is a sliver of a table. */
    st = pg_exec(s, "cannot set plan_cache_mode", "SET plan_cache_mode = force_generic_plan");
    if (st)
        return st;
    return s->checking ? PG_OK : take_lock(s, deadline);
}

pg_status pg_connect(pg_sink *s, double budget_s)
{
    double start = pg_now(), deadline = start + budget_s;
    params p;
    build_params(s, &p);
    int refused_while_up = 0;
    for (int attempt = 0;; attempt++) {
        if (s->conn) {
            if (PQbackendPID(s->conn))
                s->prev_backend = PQbackendPID(s->conn);
            PQfinish(s->conn);
        }
        s->conn = PQconnectdbParams(p.k, p.v, 1);
        if (!s->conn) {
            pg_fail(s, ASSAY_ERR_NOMEM, "out of memory creating a PostgreSQL connection");
            return PG_FAILED;
        }
        if (PQstatus(s->conn) == CONNECTION_OK) {
            pg_status st = after_connect(s, deadline);
            if (st == PG_OK && attempt > 0)
                pg_log(s, ASSAY_LOG_INFO, "connected again after %.1f s", pg_now() - start);
            if (st != PG_LOST || pg_now() >= deadline)
                return st == PG_LOST ? PG_FAILED : st;
            pg_backoff(attempt, deadline); /* went away again at once */
            continue;
        }
        char msg[1024], where[512];
        snprintf(msg, sizeof msg, "%s", PQerrorMessage(s->conn));
        one_line(msg, sizeof msg);
        pg_describe_target(s, where, sizeof where);
        PGPing ping = PQpingParams(p.k, p.v, 1);
        if (ping == PQPING_OK && !refused_while_up) {
            /* The server answers now, but it may have been starting or
             * recovering when it turned us away a moment ago ("not yet
             * accepting connections"): the ping comes after the refusal.
             * Only a second refusal while the server is up is final. */
            refused_while_up = 1;
            continue;
        }
        if (ping == PQPING_OK || ping == PQPING_NO_ATTEMPT) {
            /* the server answers, and refused us twice: waiting will not help */
            pg_fail(s, ASSAY_ERR_CONFIG,
                    "cannot connect to %s: %s; check conninfo (or PGHOST, PGUSER, ~/.pgpass, ...) "
                    "and that the role may log in",
                    where, msg);
            return PG_FAILED;
        }
        if (pg_now() >= deadline) {
            if (budget_s > 0)
                pg_fail(s, ASSAY_ERR_IO,
                        "cannot connect to %s: %s; gave up after %.0f s (reconnect_seconds); is "
                        "the server running and reachable?",
                        where, msg, pg_now() - start);
            else
                pg_fail(s, ASSAY_ERR_IO, "cannot connect to %s: %s", where, msg);
            return PG_FAILED;
        }
        if (attempt == 0)
            pg_log(s, ASSAY_LOG_WARN,
                   "cannot connect to %s: %s; retrying for up to %.0f s (reconnect_seconds)", where,
                   msg, budget_s);
        pg_backoff(attempt, deadline);
    }
}

pg_status pg_reconnect(pg_sink *s)
{
    char where[512];
    pg_describe_target(s, where, sizeof where);
    pg_log(s, ASSAY_LOG_WARN, "lost the connection to %s; reconnecting (for up to %.0f s)", where,
           s->reconnect_s);
    return pg_connect(s, s->reconnect_s);
}

/* ---- statements ---- */

const char *pg_sqlstate(const PGresult *res)
{
    const char *st = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    return st ? st : "";
}

pg_status pg_classify_conn(PGconn *conn, const PGresult *res)
{
    const char *st = pg_sqlstate(res);
    if (!conn || PQstatus(conn) == CONNECTION_BAD)
        return PG_LOST;
    /* connection exceptions, and the server shutting down or starting */
    if (strncmp(st, "08", 2) == 0 || strcmp(st, "57P01") == 0 || strcmp(st, "57P02") == 0 ||
        strcmp(st, "57P03") == 0)
        return PG_LOST;
    /* no SQLSTATE at all: libpq's own error, such as a write to a socket
     * the server closed (the status may still say OK until libpq reads
     * the end of the stream); a new connection settles it */
    if (!*st && (!res || PQresultStatus(res) == PGRES_FATAL_ERROR))
        return PG_LOST;
    if (strcmp(st, "40001") == 0 || strcmp(st, "40P01") == 0)
        return PG_RETRY;
    return PG_FAILED;
}

pg_status pg_classify(pg_sink *s, const PGresult *res)
{
    return pg_classify_conn(s->conn, res);
}

pg_status pg_fail_result(pg_sink *s, pg_status st, const char *what, const PGresult *res)
{
    char msg[2048];
    const char *m = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    if (!m)
        m = res && *PQresultErrorMessage(res) ? PQresultErrorMessage(res)
            : s->conn                         ? PQerrorMessage(s->conn)
                                              : "no connection";
    const char *code = pg_sqlstate(res);
    const char *detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;
    const char *hint = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_HINT) : NULL;
    int n = snprintf(msg, sizeof msg, "%s: %s", what, m);
    one_line(msg, sizeof msg);
    n = (int)strlen(msg);
    if (*code && n < (int)sizeof msg)
        n += snprintf(msg + n, sizeof msg - (size_t)n, " (SQLSTATE %s)", code);
    if (detail && n < (int)sizeof msg)
        n += snprintf(msg + n, sizeof msg - (size_t)n, "; detail: %s", detail);
    if (hint && n < (int)sizeof msg)
        snprintf(msg + n, sizeof msg - (size_t)n, "; hint: %s", hint);
    one_line(msg, sizeof msg);
    pg_fail(s, ASSAY_ERR_FAILED, "%s", msg);
    return st;
}

pg_status pg_exec(pg_sink *s, const char *what, const char *sql)
{
    PGresult *res = PQexec(s->conn, sql);
    ExecStatusType rs = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (rs == PGRES_COMMAND_OK || rs == PGRES_TUPLES_OK) {
        PQclear(res);
        return PG_OK;
    }
    pg_status st = pg_fail_result(s, pg_classify(s, res), what, res);
    PQclear(res);
    return st;
}

pg_status pg_exec_params(pg_sink *s, const char *what, const char *sql, int n,
                         const char *const *values, PGresult **out)
{
    if (out)
        *out = NULL;
    PGresult *res = PQexecParams(s->conn, sql, n, NULL, values, NULL, NULL, 0);
    ExecStatusType rs = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (rs == PGRES_COMMAND_OK || rs == PGRES_TUPLES_OK) {
        if (out)
            *out = res;
        else
            PQclear(res);
        return PG_OK;
    }
    pg_status st = pg_fail_result(s, pg_classify(s, res), what, res);
    PQclear(res);
    return st;
}
