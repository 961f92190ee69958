/*
 * pg_check.c - `assay postgres-check [CONNINFO] [SCHEMA]`: can this role
 * load into that schema? Connects once, and reports the server version,
 * whether the schema exists or may be created, whether tables may be
 * created in it, and for the tables already there (the sink's own, and
 * any stream's) whether rows may be inserted, read and updated. Creates
 * nothing. Exit code 0 when everything a load needs is allowed, 1 when
 * not, 2 for a bad command line.
 *
 * `assay check` runs the same checks for each postgres entry of a
 * pipeline (pg_check_hook, the plugin's check() callback), with the
 * entry's conninfo and schema: findings go to the log, the first error
 * becomes the entry's error. Every line passes through pg_mask().
 */
#include "pg_sink.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct check {
    pg_sink *s;
    int problems;
    assay_ctx *ctx;        /* set for `assay check`: report through the host */
    char first_error[1024];
} check;

static void say(check *c, const char *level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void say(check *c, const char *level, const char *fmt, ...)
{
    char raw[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    char *m = pg_mask(c->s, raw);
    int error = strcmp(level, "error") == 0;
    if (!c->ctx) {
        printf("%s: %s\n", level, m ? m : "(out of memory)");
    } else if (error) {
        if (!c->problems)
            snprintf(c->first_error, sizeof c->first_error, "%s", m ? m : "(out of memory)");
    } else {
        c->s->h->log(c->ctx, strcmp(level, "warning") == 0 ? ASSAY_LOG_WARN : ASSAY_LOG_INFO,
                     "%s", m ? m : "(out of memory)");
    }
    free(m);
    if (error)
        c->problems++;
}

/* The first value of a one-row query with text parameters, into out;
 * "" on error (reported). */
static void value(check *c, const char *sql, int n, const char *const *v, char *out, size_t len)
{
    out[0] = '\0';
    PGresult *r = PQexecParams(c->s->conn, sql, n, NULL, v, NULL, NULL, 0);
    if (r && PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
        snprintf(out, len, "%s", PQgetisnull(r, 0, 0) ? "" : PQgetvalue(r, 0, 0));
    else
        say(c, "error", "query failed: %s", PQerrorMessage(c->s->conn));
    PQclear(r);
}

/* Privileges on the tables of schema that exist already. */
static void check_tables(check *c, const char *schema)
{
    const char *v[] = {schema};
    PGresult *r = PQexecParams(
        c->s->conn,
        "SELECT c.relname, has_table_privilege(c.oid, 'INSERT'), has_table_privilege(c.oid, "
        "'SELECT'), has_table_privilege(c.oid, 'UPDATE'), pg_has_role(c.relowner, 'USAGE') FROM "
        "pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND "
        "c.relkind IN ('r', 'p') ORDER BY 1",
        1, NULL, v, NULL, NULL, 0);
    if (!r || PQresultStatus(r) != PGRES_TUPLES_OK) {
        say(c, "error", "cannot list the tables of schema %s: %s", schema,
            PQerrorMessage(c->s->conn));
        PQclear(r);
        return;
    }
    for (int i = 0; i < PQntuples(r); i++) {
        const char *name = PQgetvalue(r, i, 0);
        int ins = PQgetvalue(r, i, 1)[0] == 't', sel = PQgetvalue(r, i, 2)[0] == 't',
            upd = PQgetvalue(r, i, 3)[0] == 't', own = PQgetvalue(r, i, 4)[0] == 't';
        int ours = strcmp(name, PG_STATE_TABLE) == 0 || strcmp(name, "runs") == 0;
        if (ins && sel && (upd || !ours))
            say(c, "ok", "table %s.%s: rows may be inserted and read%s%s", schema, name,
                upd ? ", updated (on_conflict \"update\")" : "",
                own ? "; new fields may add columns" : "");
        else
            say(c, "error",
                "table %s.%s: this role may not %s%s%s it; GRANT %s ON %s.%s TO the role", schema,
                name, ins ? "" : "insert into ", sel ? "" : "read ",
                (upd || !ours) ? "" : "update ", ours ? "INSERT, SELECT, UPDATE" : "INSERT, SELECT",
                schema, name);
        if (!own && ins)
            say(c, "note",
                "table %s.%s belongs to another role: a new field of its stream "
                "cannot add a column (ALTER TABLE needs the owner)",
                schema, name);
    }
    PQclear(r);
}

static int run_check(check *c, const char *schema)
{
    pg_sink *s = c->s;
    s->checking = 1; /* no pipeline lock: a run may be going on */
    if (pg_connect(s, 0) != PG_OK) {
        say(c, "error", "%s", s->last_msg[0] ? s->last_msg : "cannot connect");
        return 1;
    }
    char where[512], ver[64];
    pg_describe_target(s, where, sizeof where);
    value(c, "SHOW server_version", 0, NULL, ver, sizeof ver);
    say(c, "ok", "connected to %s (server %s)", where, ver);
    if (PQserverVersion(s->conn) < 120000)
        say(c, "error", "the postgres sink needs PostgreSQL 12 or later");

    char exists[8], usage[8], create[8], dbcreate[8], db[256];
    const char *v[] = {schema};
    value(c, "SELECT count(*) FROM pg_namespace WHERE nspname = $1", 1, v, exists, sizeof exists);
    value(c, "SELECT current_database()", 0, NULL, db, sizeof db);
    if (strcmp(exists, "1") != 0) {
        value(c, "SELECT has_database_privilege(current_database(), 'CREATE')", 0, NULL, dbcreate,
              sizeof dbcreate);
        if (dbcreate[0] == 't')
            say(c, "ok",
                "schema %s does not exist yet; this role may create it (the first run "
                "will)",
                schema);
        else
            say(c, "error",
                "schema %s does not exist and this role may not create it (no "
                "CREATE on database %s); create it for the role: CREATE SCHEMA %s "
                "AUTHORIZATION <role>",
                schema, db, schema);
        return c->problems ? 1 : 0;
    }
    value(c, "SELECT has_schema_privilege($1, 'USAGE')", 1, v, usage, sizeof usage);
    value(c, "SELECT has_schema_privilege($1, 'CREATE')", 1, v, create, sizeof create);
    if (usage[0] != 't')
        say(c, "error", "this role may not use schema %s: GRANT USAGE ON SCHEMA %s TO the role",
            schema, schema);
    else if (create[0] == 't')
        say(c, "ok", "schema %s: this role may create tables in it", schema);
    else
        say(c, "warning",
            "schema %s: this role may not create tables in it, so every stream's "
            "table (and %s, runs) must exist already: GRANT CREATE ON SCHEMA %s to "
            "the role, or create them",
            schema, PG_STATE_TABLE, schema);
    if (usage[0] == 't')
        check_tables(c, schema);
    return c->problems ? 1 : 0;
}

int pg_check_command(const assay_host *h, int argc, char **argv)
{
    if (argc > 3 || (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0))) {
        fprintf(
            argc > 3 ? stderr : stdout,
            "usage: assay %s [CONNINFO] [SCHEMA]\n"
            "  connects (CONNINFO: a libpq URI or key=value string; absent or \"\": libpq's\n"
            "  defaults, PGHOST, PGDATABASE, ...) and reports whether this role may create\n"
            "  and load the postgres sink's tables in SCHEMA (default assay); creates nothing\n",
            argv[0]);
        return argc > 3 ? 2 : 0;
    }
    pg_sink *s = calloc(1, sizeof *s);
    if (!s)
        return 1;
    s->h = h;
    s->connect_timeout = 10;
    const char *ci = argc > 1 ? argv[1] : NULL;
    pg_mask_init(s, ci);
    s->conninfo = ci && *ci ? strdup(ci) : NULL;
    s->app_name = strdup("assay postgres-check");
    const char *schema = argc > 2 ? argv[2] : "assay";
    check c = {s, 0, NULL, ""};
    int code = run_check(&c, schema);
    printf("%s\n", code ? "postgres-check: problems found (see the errors above)"
                        : "postgres-check: ok: this role can load into that schema");
    if (s->conn)
        PQfinish(s->conn);
    for (size_t i = 0; i < s->nsecrets; i++)
        free(s->secrets[i]);
    free(s->conninfo);
    free(s->app_name);
    free(s);
    return code;
}

assay_rc pg_check_hook(const assay_host *h, assay_ctx *ctx)
{
    pg_sink *s = calloc(1, sizeof *s);
    if (!s)
        return h->fail(ctx, ASSAY_ERR_NOMEM, "out of memory");
    s->h = h;
    s->ctx = ctx;
    assay_rc rc = pg_read_config(s);
    if (rc == ASSAY_OK) {
        check c = {s, 0, ctx, ""};
        run_check(&c, s->schema);
        if (c.problems > 1)
            rc = h->fail(ctx, ASSAY_ERR_CONFIG, "%s (and %d more: assay postgres-check says all)",
                         c.first_error, c.problems - 1);
        else if (c.problems)
            rc = h->fail(ctx, ASSAY_ERR_CONFIG, "%s", c.first_error);
    }
    if (s->conn)
        PQfinish(s->conn);
    for (size_t i = 0; i < s->nsecrets; i++)
        free(s->secrets[i]);
    free(s->conninfo);
    free(s->schema);
    free(s->runs_name);
    free(s->app_name);
    free(s);
    return rc;
}
