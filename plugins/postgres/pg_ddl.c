/*
 * pg_ddl.c - identifiers, column types, and the tables themselves.
 *
 * Each input stream gets a table of its name in the configured schema:
 * a column per field (string text, int bigint, float double precision,
 * bool boolean, timestamp timestamptz, date date, json jsonb) and a
 * primary key from the fields flagged ASSAY_FIELD_KEY. What is missing is
 * created; a field the table lacks becomes a new nullable column; nothing
 * is ever dropped or retyped. A column whose type cannot hold its field
 * stops the run with the ALTER TABLE that would fix it.
 *
 * Existing tables may use narrower or related types, which the binary
 * COPY encoder writes directly: varchar and char(n) for strings, integer
 * and smallint for ints (values that do not fit are set aside), real for
 * floats, timestamp without time zone, json or text for JSON, and domains
 * over any of these.
 *
 * Every identifier goes through PQescapeIdentifier; names and values in
 * catalog queries are parameters. DDL runs in one transaction under an
 * advisory lock on the schema, so workers starting together do not race
 * to create the same table.
 */
#include "pg_sink.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Built-in type OIDs (pg_type.dat): fixed across every release. */
#define OID_BOOL 16u
#define OID_INT8 20u
#define OID_INT2 21u
#define OID_INT4 23u
#define OID_TEXT 25u
#define OID_JSON 114u
#define OID_FLOAT4 700u
#define OID_FLOAT8 701u
#define OID_BPCHAR 1042u
#define OID_VARCHAR 1043u
#define OID_DATE 1082u
#define OID_TIMESTAMP 1114u
#define OID_TIMESTAMPTZ 1184u
#define OID_JSONB 3802u

#define ORD_COLUMN "assay$ord" /* the staging table's row order; no field can be called so */

const char *pg_type_for(assay_type t)
{
    switch (t) {
    case ASSAY_T_STRING: return "text";
    case ASSAY_T_INT: return "bigint";
    case ASSAY_T_FLOAT: return "double precision";
    case ASSAY_T_BOOL: return "boolean";
    case ASSAY_T_TIMESTAMP: return "timestamptz";
    case ASSAY_T_DATE: return "date";
    case ASSAY_T_JSON: return "jsonb";
    case ASSAY_T_NULL: break;
    }
    return "text";
}

static const char *field_type_name(assay_type t)
{
    switch (t) {
    case ASSAY_T_STRING: return "string";
    case ASSAY_T_INT: return "int";
    case ASSAY_T_FLOAT: return "float";
    case ASSAY_T_BOOL: return "bool";
    case ASSAY_T_TIMESTAMP: return "timestamp";
    case ASSAY_T_DATE: return "date";
    case ASSAY_T_JSON: return "json";
    case ASSAY_T_NULL: break;
    }
    return "null";
}

/* How a field of type ft is written into a column of base type oid; 0
 * when it cannot be. */
static pg_enc enc_for(assay_type ft, unsigned oid)
{
    switch (ft) {
    case ASSAY_T_STRING:
        return oid == OID_TEXT || oid == OID_VARCHAR || oid == OID_BPCHAR ? PG_ENC_TEXT : 0;
    case ASSAY_T_INT:
        return oid == OID_INT8   ? PG_ENC_INT8
               : oid == OID_INT4 ? PG_ENC_INT4
               : oid == OID_INT2 ? PG_ENC_INT2
                                 : 0;
    case ASSAY_T_FLOAT:
        return oid == OID_FLOAT8 ? PG_ENC_FLOAT8 : oid == OID_FLOAT4 ? PG_ENC_FLOAT4 : 0;
    case ASSAY_T_BOOL: return oid == OID_BOOL ? PG_ENC_BOOL : 0;
    case ASSAY_T_TIMESTAMP:
        return oid == OID_TIMESTAMPTZ || oid == OID_TIMESTAMP ? PG_ENC_TIMESTAMP : 0;
    case ASSAY_T_DATE: return oid == OID_DATE ? PG_ENC_DATE : 0;
    case ASSAY_T_JSON:
        return oid == OID_JSONB                     ? PG_ENC_JSONB
               : oid == OID_JSON || oid == OID_TEXT ? PG_ENC_JSONTEXT
                                                    : 0;
    case ASSAY_T_NULL: break;
    }
    return 0;
}

char *pg_ident(pg_sink *s, const char *name)
{
    char *q = PQescapeIdentifier(s->conn, name, strlen(name));
    if (!q)
        return NULL;
    char *copy = strdup(q);
    PQfreemem(q);
    return copy;
}

/* ---- catalog queries ---- */

/* The table's oid (as text, "" when there is no such relation) and kind. */
static pg_status find_relation(pg_sink *s, const char *name, char oid[24], char *kind)
{
    const char *sql = "SELECT c.oid, c.relkind FROM pg_class c JOIN pg_namespace n ON "
                      "n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2";
    const char *v[] = {s->schema, name};
    PGresult *res;
    pg_status st = pg_exec_params(s, "reading the catalog", sql, 2, v, &res);
    if (st)
        return st;
    oid[0] = '\0';
    *kind = 0;
    if (PQntuples(res) == 1) {
        snprintf(oid, 24, "%s", PQgetvalue(res, 0, 0));
        *kind = PQgetvalue(res, 0, 1)[0];
    }
    PQclear(res);
    return PG_OK;
}

/* Columns of relation oid: name, type as SQL, base type oid, NOT NULL,
 * has a default, base type as SQL. */
static pg_status read_columns(pg_sink *s, const char *oid, PGresult **res)
{
    const char *sql =
        "SELECT a.attname, format_type(a.atttypid, a.atttypmod), "
        "CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END, a.attnotnull, "
        "a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '', "
        "format_type(CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END, NULL) "
        "FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
        "WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
    const char *v[] = {oid};
    return pg_exec_params(s, "reading the catalog", sql, 1, v, res);
}

static int find_column(const PGresult *cols, const char *name)
{
    for (int r = 0; r < PQntuples(cols); r++)
        if (strcmp(PQgetvalue(cols, r, 0), name) == 0)
            return r;
    return -1;
}

/* ---- creating ---- */

static pg_status ensure_schema(pg_sink *s)
{
    const char *v[] = {s->schema};
    PGresult *res;
    pg_status st = pg_exec_params(s, "reading the catalog",
                                  "SELECT 1 FROM pg_namespace WHERE nspname = $1", 1, v, &res);
    if (st)
        return st;
    int exists = PQntuples(res) == 1;
    PQclear(res);
    if (exists)
        return PG_OK;
    pg_buf b = {0};
    pg_buf_printf(&b, "CREATE SCHEMA %s", s->schema_ident);
    char *sql = pg_buf_take(&b);
    if (!sql)
        return pg_fail(s, ASSAY_ERR_NOMEM, "out of memory"), PG_FAILED;
    char what[600];
    snprintf(what, sizeof what,
             "cannot create schema %s (set \"schema\" to one this role may create tables in, or "
             "have it created: CREATE SCHEMA %s AUTHORIZATION <role>)",
             s->schema, s->schema_ident);
    st = pg_exec(s, what, sql);
    free(sql);
    if (st == PG_OK)
        pg_log(s, ASSAY_LOG_INFO, "created schema %s", s->schema);
    return st;
}

static pg_status create_table(pg_sink *s, pg_table *t)
{
    pg_buf b = {0};
    pg_buf_printf(&b, "CREATE TABLE %s (", t->qname);
    for (size_t i = 0; i < t->ncols; i++)
        pg_buf_printf(&b, "%s%s %s", i ? ", " : "", t->cols[i].ident,
                      pg_type_for(t->cols[i].field->type));
    if (t->nkey) {
        pg_buf_str(&b, ", PRIMARY KEY (");
        for (size_t k = 0; k < t->nkey; k++)
            pg_buf_printf(&b, "%s%s", k ? ", " : "", t->cols[t->key[k]].ident);
        pg_buf_str(&b, ")");
    }
    pg_buf_str(&b, ")");
    char *sql = pg_buf_take(&b);
    if (!sql)
        return pg_fail(s, ASSAY_ERR_NOMEM, "out of memory"), PG_FAILED;
    char what[600];
    snprintf(what, sizeof what, "cannot create table %s for stream %s", t->display, t->name);
    pg_status st = pg_exec(s, what, sql);
    free(sql);
    if (st == PG_OK)
        pg_log(s, ASSAY_LOG_INFO, "created table %s (%zu columns%s)", t->display, t->ncols,
               t->nkey ? ", primary key from the stream's key" : ", no key");
    return st;
}

static pg_status add_column(pg_sink *s, pg_table *t, const pg_col *c)
{
    pg_buf b = {0};
    pg_buf_printf(&b, "ALTER TABLE %s ADD COLUMN IF NOT EXISTS %s %s", t->qname, c->ident,
                  pg_type_for(c->field->type));
    char *sql = pg_buf_take(&b);
    if (!sql)
        return pg_fail(s, ASSAY_ERR_NOMEM, "out of memory"), PG_FAILED;
    char what[600];
    snprintf(what, sizeof what, "cannot add column %s for the new field of stream %s to %s",
             c->field->name, t->name, t->display);
    pg_status st = pg_exec(s, what, sql);
    free(sql);
    if (st == PG_OK)
        pg_log(s, ASSAY_LOG_INFO, "added column %s %s to %s: a new field of stream %s",
               c->field->name, pg_type_for(c->field->type), t->display, t->name);
    return st;
}

/* ---- checking ---- */

/* The table must have a unique index (or primary key) on exactly the
 * stream's key fields: ON CONFLICT needs it. */
static pg_status check_key(pg_sink *s, pg_table *t, const char *oid)
{
    if (t->nkey == 0)
        return PG_OK;
    const char *sql =
        "SELECT i.indexrelid, a.attname FROM pg_index i "
        "CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n) "
        "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
        "WHERE i.indrelid = $1::oid AND i.indisunique AND i.indimmediate AND i.indisvalid "
        "AND i.indpred IS NULL AND i.indexprs IS NULL AND k.n <= i.indnkeyatts "
        "ORDER BY i.indexrelid, k.n";
    const char *v[] = {oid};
    PGresult *res;
    pg_status st = pg_exec_params(s, "reading the catalog", sql, 1, v, &res);
    if (st)
        return st;
    int found = 0;
    int rows = PQntuples(res);
    for (int r = 0; r < rows && !found;) {
        const char *idx = PQgetvalue(res, r, 0);
        int end = r;
        while (end < rows && strcmp(PQgetvalue(res, end, 0), idx) == 0)
            end++;
        int match = (size_t)(end - r) == t->nkey;
        for (size_t k = 0; match && k < t->nkey; k++) {
            int hit = 0;
            for (int q = r; q < end; q++)
                hit |= strcmp(PQgetvalue(res, q, 1), t->cols[t->key[k]].field->name) == 0;
            match = hit;
        }
        found = match;
        r = end;
    }
    PQclear(res);
    if (found)
        return PG_OK;
    pg_buf names = {0}, idents = {0};
    for (size_t k = 0; k < t->nkey; k++) {
        pg_buf_printf(&names, "%s%s", k ? ", " : "", t->cols[t->key[k]].field->name);
        pg_buf_printf(&idents, "%s%s", k ? ", " : "", t->cols[t->key[k]].ident);
    }
    pg_fail(s, ASSAY_ERR_CONFIG,
            "table %s has no primary key or unique index on (%s), the key of stream %s, so "
            "loads cannot skip rows that are already there; add one (ALTER TABLE %s ADD "
            "PRIMARY KEY (%s)) or load into another schema",
            t->display, names.data ? names.data : "", t->name, t->qname,
            idents.data ? idents.data : "");
    pg_buf_free(&names);
    pg_buf_free(&idents);
    return PG_FAILED;
}

/* Matches each field with its column; fails on a type that cannot hold
 * it and on a NOT NULL column the stream never fills. */
static pg_status check_columns(pg_sink *s, pg_table *t, const PGresult *cols)
{
    for (size_t i = 0; i < t->ncols; i++) {
        pg_col *c = &t->cols[i];
        int r = find_column(cols, c->field->name);
        if (r < 0)
            return pg_fail(s, ASSAY_ERR_FAILED, "table %s: column %s is missing after adding it",
                           t->display, c->field->name),
                   PG_FAILED;
        const char *type_sql = PQgetvalue(cols, r, 1);
        unsigned base = (unsigned)strtoul(PQgetvalue(cols, r, 2), NULL, 10);
        c->enc = enc_for(c->field->type, base);
        if (!c->enc) {
            const char *want = pg_type_for(c->field->type);
            pg_fail(s, ASSAY_ERR_CONFIG,
                    "table %s: column %s is %s, but stream %s now declares field %s as %s (%s); "
                    "assay never changes a column's type. Convert the column (ALTER TABLE %s "
                    "ALTER COLUMN %s TYPE %s USING %s::%s), or rename it so that assay adds a "
                    "new one, or load into another schema",
                    t->display, c->field->name, type_sql, t->name, c->field->name,
                    field_type_name(c->field->type), want, t->qname, c->ident, want, c->ident,
                    want);
            return PG_FAILED;
        }
        free(c->type_sql);
        free(c->base_sql);
        c->type_sql = strdup(type_sql);
        c->base_sql = strdup(PQgetvalue(cols, r, 5));
        c->base_oid = base;
        if (!c->type_sql || !c->base_sql)
            return pg_fail(s, ASSAY_ERR_NOMEM, "out of memory"), PG_FAILED;
    }
    for (int r = 0; r < PQntuples(cols); r++) {
        const char *name = PQgetvalue(cols, r, 0);
        int in_stream = 0;
        for (size_t i = 0; i < t->ncols && !in_stream; i++)
            in_stream = strcmp(t->cols[i].field->name, name) == 0;
        if (!in_stream && PQgetvalue(cols, r, 3)[0] == 't' && PQgetvalue(cols, r, 4)[0] != 't')
            return pg_fail(s, ASSAY_ERR_CONFIG,
                           "table %s: column %s is NOT NULL without a default, and stream %s has "
                           "no such field, so no row could be loaded; give it a default or drop "
                           "NOT NULL",
                           t->display, name, t->name),
                   PG_FAILED;
    }
    return PG_OK;
}

static pg_status prepare_table(pg_sink *s, pg_table *t)
{
    char oid[24], kind;
    pg_status st = find_relation(s, t->name, oid, &kind);
    if (st)
        return st;
    if (!oid[0]) {
        if ((st = create_table(s, t)) || (st = find_relation(s, t->name, oid, &kind)))
            return st;
    } else if (kind != 'r' && kind != 'p') {
        return pg_fail(s, ASSAY_ERR_CONFIG,
                       "%s exists but is not a table (relkind '%c'); stream %s needs a table of "
                       "that name: drop or rename it, or load into another schema",
                       t->display, kind, t->name),
               PG_FAILED;
    }
    PGresult *cols;
    if ((st = read_columns(s, oid, &cols)))
        return st;
    int added = 0;
    for (size_t i = 0; i < t->ncols && st == PG_OK; i++)
        if (find_column(cols, t->cols[i].field->name) < 0) {
            st = add_column(s, t, &t->cols[i]);
            added = 1;
        }
    if (st == PG_OK && added) {
        PQclear(cols);
        cols = NULL;
        st = read_columns(s, oid, &cols);
    }
    if (st == PG_OK)
        st = check_columns(s, t, cols);
    PQclear(cols);
    if (st == PG_OK)
        st = check_key(s, t, oid);
    return st;
}

/* Creates one of the sink's own tables (state, runs) when missing. */
static pg_status ensure_own_table(pg_sink *s, const char *name, const char *qname,
                                  const char *columns)
{
    char oid[24], kind;
    pg_status st = find_relation(s, name, oid, &kind);
    if (st || oid[0])
        return st;
    pg_buf b = {0};
    pg_buf_printf(&b, "CREATE TABLE %s (%s)", qname, columns);
    char *sql = pg_buf_take(&b);
    if (!sql)
        return pg_fail(s, ASSAY_ERR_NOMEM, "out of memory"), PG_FAILED;
    char what[600];
    snprintf(what, sizeof what, "cannot create table %s.%s", s->schema, name);
    st = pg_exec(s, what, sql);
    free(sql);
    if (st == PG_OK)
        pg_log(s, ASSAY_LOG_INFO, "created table %s.%s", s->schema, name);
    return st;
}

/* ---- statements ---- */

static char *column_list(pg_table *t, const char *prefix)
{
    pg_buf b = {0};
    for (size_t i = 0; i < t->ncols; i++)
        pg_buf_printf(&b, "%s%s%s", i ? ", " : "", prefix, t->cols[i].ident);
    return pg_buf_take(&b);
}

static pg_status build_statements(pg_sink *s, pg_table *t, size_t index)
{
    char stage_name[48];
    snprintf(stage_name, sizeof stage_name, "assay_stage_%zu", index);
    char *cols = column_list(t, "");
    char *stage = pg_ident(s, stage_name);
    pg_buf b = {0}, keys = {0};
    if (!cols || !stage)
        goto oom;
    t->stage_ident = stage;
    stage = NULL;

    pg_buf_printf(&b, "COPY %s (%s) FROM STDIN (FORMAT binary)", t->qname, cols);
    if (!(t->copy_sql = pg_buf_take(&b)))
        goto oom;

    pg_buf_printf(&b, "CREATE TEMP TABLE IF NOT EXISTS %s (", t->stage_ident);
    for (size_t i = 0; i < t->ncols; i++)
        pg_buf_printf(&b, "%s %s, ", t->cols[i].ident, t->cols[i].type_sql);
    pg_buf_str(&b, "\"" ORD_COLUMN "\" bigint) ON COMMIT DELETE ROWS");
    if (!(t->stage_create = pg_buf_take(&b)))
        goto oom;

    pg_buf_printf(&b, "COPY pg_temp.%s (%s, \"" ORD_COLUMN "\") FROM STDIN (FORMAT binary)",
                  t->stage_ident, cols);
    if (!(t->stage_copy = pg_buf_take(&b)))
        goto oom;

    /* The merge: rows of one range of the batch, in key order (the index
     * is walked in order, which is what makes re-runs cheap). With
     * "update", the last row of a key wins and unchanged rows are left
     * alone (no dead tuple for a re-run that changes nothing). */
    for (size_t k = 0; k < t->nkey; k++)
        pg_buf_printf(&keys, "%s%s", k ? ", " : "", t->cols[t->key[k]].ident);
    const char *kl = keys.data ? keys.data : "";
    size_t nonkey = t->ncols - t->nkey;
    int update = s->update && t->nkey && nonkey;
    pg_buf_printf(&b,
                  "INSERT INTO %s AS t (%s) SELECT %s%s%s %s FROM pg_temp.%s WHERE \"" ORD_COLUMN
                  "\" >= $1 AND \"" ORD_COLUMN "\" < $2",
                  t->qname, cols, update ? "DISTINCT ON (" : "", update ? kl : "",
                  update ? ")" : "", cols, t->stage_ident);
    if (t->nkey)
        pg_buf_printf(&b, " ORDER BY %s%s", kl, update ? ", \"" ORD_COLUMN "\" DESC" : "");
    else
        pg_buf_str(&b, " ORDER BY \"" ORD_COLUMN "\"");
    if (!t->nkey) {
        pg_buf_str(&b, " ON CONFLICT DO NOTHING");
    } else if (!update) {
        pg_buf_printf(&b, " ON CONFLICT (%s) DO NOTHING", kl);
    } else {
        pg_buf_printf(&b, " ON CONFLICT (%s) DO UPDATE SET ", kl);
        int first = 1;
        for (size_t i = 0; i < t->ncols; i++) {
            int is_key = 0;
            for (size_t k = 0; k < t->nkey; k++)
                is_key |= t->key[k] == i;
            if (is_key)
                continue;
            pg_buf_printf(&b, "%s%s = EXCLUDED.%s", first ? "" : ", ", t->cols[i].ident,
                          t->cols[i].ident);
            first = 0;
        }
        pg_buf_str(&b, " WHERE ");
        first = 1;
        for (size_t i = 0; i < t->ncols; i++) {
            int is_key = 0;
            for (size_t k = 0; k < t->nkey; k++)
                is_key |= t->key[k] == i;
            if (is_key)
                continue;
            /* json has no equality operator: compare its text */
            const char *cast = t->cols[i].enc == PG_ENC_JSONTEXT ? "::text" : "";
            pg_buf_printf(&b, "%st.%s%s IS DISTINCT FROM EXCLUDED.%s%s", first ? "" : " OR ",
                          t->cols[i].ident, cast, t->cols[i].ident, cast);
            first = 0;
        }
    }
    if (!(t->merge_sql = pg_buf_take(&b)))
        goto oom;

    /* The key lookup (pg_probe.c): the keys that are there, from arrays. */
    if (t->nkey == 1) {
        const pg_col *k = &t->cols[t->key[0]];
        pg_buf_printf(&b, "SELECT %s FROM %s WHERE %s = ANY($1::%s[])", k->ident, t->qname,
                      k->ident, k->base_sql);
    } else if (t->nkey > 1) {
        pg_buf_str(&b, "SELECT ");
        for (size_t k = 0; k < t->nkey; k++)
            pg_buf_printf(&b, "%st.%s", k ? ", " : "", t->cols[t->key[k]].ident);
        pg_buf_str(&b, " FROM unnest(");
        for (size_t k = 0; k < t->nkey; k++)
            pg_buf_printf(&b, "%s$%zu::%s[]", k ? ", " : "", k + 1, t->cols[t->key[k]].base_sql);
        pg_buf_printf(&b, ") AS u(%s) JOIN %s AS t ON ", kl, t->qname);
        for (size_t k = 0; k < t->nkey; k++)
            pg_buf_printf(&b, "%st.%s = u.%s", k ? " AND " : "", t->cols[t->key[k]].ident,
                          t->cols[t->key[k]].ident);
    }
    pg_buf_free(&keys);
    if (t->nkey && !(t->probe_sql = pg_buf_take(&b)))
        goto oom;
    free(cols);
    return PG_OK;
oom:
    free(cols);
    free(stage);
    pg_buf_free(&b);
    pg_buf_free(&keys);
    pg_fail(s, ASSAY_ERR_NOMEM, "out of memory");
    return PG_FAILED;
}

pg_status pg_stage_ready(pg_sink *s, pg_table *t)
{
    if (t->stage_ready != PG_STAGE_NONE)
        return PG_OK;
    char what[300];
    snprintf(what, sizeof what, "cannot create the temporary staging table for %s", t->display);
    pg_status st = pg_exec(s, what, t->stage_create);
    if (st == PG_OK)
        t->stage_ready =
            PQtransactionStatus(s->conn) == PQTRANS_INTRANS ? PG_STAGE_OPEN : PG_STAGE_READY;
    return st;
}

/* ---- everything ---- */

pg_status pg_prepare_tables(pg_sink *s)
{
    pg_status st = pg_exec(s, "cannot start a transaction", "BEGIN");
    if (st)
        return st;
    const char *v[] = {s->schema};
    st = pg_exec_params(s, "cannot take the schema's DDL lock",
                        "SELECT pg_advisory_xact_lock(hashtext('assay ddl ' || $1))", 1, v, NULL);
    if (st == PG_OK)
        st = ensure_schema(s);
    for (size_t i = 0; i < s->ntables && st == PG_OK; i++)
        st = prepare_table(s, &s->tables[i]);
    if (st == PG_OK)
        st = ensure_own_table(s, PG_STATE_TABLE, s->state_table,
                              "pipeline text NOT NULL, sink text NOT NULL, snapshot text, "
                              "commit_token text, updated_at timestamptz NOT NULL DEFAULT now(), "
                              "PRIMARY KEY (pipeline, sink)");
    if (st == PG_OK && s->runs_table)
        st = ensure_own_table(s, s->runs_name, s->runs_table,
                              "run_id text PRIMARY KEY, pipeline text NOT NULL, sink text, host "
                              "text, pid integer, started_at timestamptz NOT NULL DEFAULT now(), "
                              "finished_at timestamptz, outcome text NOT NULL, counts jsonb NOT "
                              "NULL DEFAULT '{}', error text");
    if (st == PG_OK)
        st = pg_exec(s, "cannot commit the table definitions", "COMMIT");
    if (st != PG_OK) {
        if (st != PG_LOST && s->conn && PQstatus(s->conn) == CONNECTION_OK) {
            PGresult *r = PQexec(s->conn, "ROLLBACK");
            PQclear(r);
        }
        return st;
    }
    for (size_t i = 0; i < s->ntables; i++)
        if ((st = build_statements(s, &s->tables[i], i)))
            return st;
    return PG_OK;
}
