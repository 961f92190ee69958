/*
 * test_pg.c - the postgres sink against a real server (a throwaway
 * cluster for this binary): values of every type and the nastiest ones
 * come back exactly as sent; a re-run never adds a row twice; on_conflict
 * "update" replaces rows; a new field adds a column and a changed type
 * stops the run with the fix; rows the server refuses are dead-lettered
 * while the rest lands; names and values built to inject SQL stay inert;
 * the password never shows; the runs table tells each run's story; a
 * failure that is not about a row fails the commit and commits nothing.
 */
#include "pgcluster.h"
#include "pggate.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pgc cluster;

/* ---- helpers ---- */

typedef struct env {
    char *dir;
} env;

static void env_init(env *e)
{
    e->dir = tmpdir_new();
}

static void env_free(env *e)
{
    tmpdir_free(e->dir);
}

static void env_write(env *e, const char *name, const char *text)
{
    char *p = path_in(e->dir, name);
    write_text(p, text);
    free(p);
}

static char *env_read(env *e, const char *name)
{
    char *p = path_in(e->dir, name);
    char *text = read_text(p, NULL);
    free(p);
    return text ? text : strdup("");
}

/* Writes p.json: one pgsrc source reading in.jsonl with fields, into one
 * postgres sink with extra sink config (may be ""). */
static void pipeline(env *e, const char *name, const char *fields, const char *sink_cfg)
{
    char text[8192];
    snprintf(text, sizeof text,
             "{\"name\": \"%s\",\n"
             " \"sources\": [{\"id\": \"in\", \"plugin\": \"pgsrc\", \"path\": \"in.jsonl\",\n"
             "   \"fields\": %s}],\n"
             " \"sinks\": [{\"id\": \"pg\", \"plugin\": \"postgres\", \"input\": [\"in.things\"],\n"
             "   \"conninfo\": \"${ASSAY_PG}\"%s%s}]}\n",
             name, fields, *sink_cfg ? ", " : "", sink_cfg);
    env_write(e, "p.json", text);
}

static int run(env *e, proc *p)
{
    const char *args[] = {"run", "p.json", NULL};
    return pgc_assay(&cluster, p, e->dir, cluster.conninfo, args, 180);
}

/* One row of schema.table by id: the listed expressions as text (NULL
 * stays NULL). The caller PQclears. */
static PGresult *row_by_id(const char *table, const char *exprs, const char *id)
{
    PGconn *conn = pgc_connect(&cluster);
    PQclear(PQexec(conn, "SET TimeZone = 'UTC'"));
    char sql[1024];
    snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = $1", exprs, table);
    const char *v[] = {id};
    PGresult *r = PQexecParams(conn, sql, 1, NULL, v, NULL, NULL, 0);
    ck_assert_msg(PQresultStatus(r) == PGRES_TUPLES_OK, "%s: %s", sql, PQresultErrorMessage(r));
    ck_assert_msg(PQntuples(r) == 1, "%s: no row %s", table, id);
    PQfinish(conn);
    return r;
}

/* Asserts that the first value sql returns is want. */
static void expect(const char *sql, const char *want)
{
    char *v = pgc_value(&cluster, sql);
    int same = strcmp(v, want) == 0;
    char got[256];
    snprintf(got, sizeof got, "%s", v);
    free(v);
    ck_assert_msg(same, "%s: want '%s', got '%s'", sql, want, got);
}

static void check_text(const PGresult *r, int col, const char *want, const char *what)
{
    if (!want) {
        ck_assert_msg(PQgetisnull(r, 0, col), "%s: want NULL, got '%s'", what,
                      PQgetvalue(r, 0, col));
        return;
    }
    ck_assert_msg(!PQgetisnull(r, 0, col), "%s: want '%s', got NULL", what, want);
    ck_assert_msg(strcmp(PQgetvalue(r, 0, col), want) == 0, "%s: want '%s', got '%s'", what, want,
                  PQgetvalue(r, 0, col));
}

/* ---- values of every type ---- */

#define ALL_TYPES                                                                                  \
    "{\"id\": \"string key\", \"s\": \"string\", \"i\": \"int\", \"f\": \"float\", \"b\": "        \
    "\"bool\", \"t\": \"timestamp\", \"d\": \"date\", \"j\": \"json\"}"

typedef struct nasty {
    const char *json;
    const char *want[7]; /* s i f b t d j as text; NULL: SQL NULL */
} nasty;

static const nasty rows[] = {
    {"{\"id\": \"r01\", \"s\": \"plain\", \"i\": 1, \"f\": 0.1, \"b\": true}",
     {"plain", "1", "0.1", "true", NULL, NULL, NULL}},
    {"{\"id\": \"r02\", \"s\": \"comma, 'single' \\\"double\\\"\", \"i\": -9223372036854775808, "
     "\"f\": 1e300}",
     {"comma, 'single' \"double\"", "-9223372036854775808", "1e+300", NULL, NULL, NULL, NULL}},
    {"{\"id\": \"r03\", \"s\": \"back\\\\slash \\\\N \\\\. tab\\there\", \"i\": "
     "9223372036854775807, \"f\": -0.0}",
     {"back\\slash \\N \\. tab\there", "9223372036854775807", "-0", NULL, NULL, NULL, NULL}},
    {"{\"id\": \"r04\", \"s\": \"line\\nbreak\\r\\ncrlf\\n\", \"f\": \"NaN\"}",
     {"line\nbreak\r\ncrlf\n", NULL, "NaN", NULL, NULL, NULL, NULL}},
    {"{\"id\": \"r05\", \"s\": \"emoji \xF0\x9F\x98\x80 caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC\", "
     "\"f\": \"Infinity\"}",
     {"emoji \xF0\x9F\x98\x80 caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC", NULL, "Infinity", NULL, NULL,
      NULL, NULL}},
    {"{\"id\": \"r06\", \"s\": \"\", \"f\": \"-Infinity\", \"b\": false}",
     {"", NULL, "-Infinity", "false", NULL, NULL, NULL}},
    {"{\"id\": \"r07\", \"s\": null}", {NULL, NULL, NULL, NULL, NULL, NULL, NULL}},
    {"{\"id\": \"r08\", \"t\": \"2026-11-23T12:06:40.25+01:00\", \"d\": \"2024-02-29\"}",
     {NULL, NULL, NULL, NULL, "2026-11-23 11:06:40.25+00", "2024-02-29", NULL}},
    {"{\"id\": \"r09\", \"s\": \"'); DROP TABLE things; --\", \"j\": {\"n\": null, \"k\": [1, "
     "\"a,\\\"b\"], \"u\": \"\\u00e9\xC3\xA9\"}}",
     {"'); DROP TABLE things; --", NULL, NULL, NULL, NULL, NULL,
      "{\"k\": [1, \"a,\\\"b\"], \"n\": null, \"u\": \"\xC3\xA9\xC3\xA9\"}"}},
    {"{\"id\": \"r10\", \"i\": 0, \"f\": 5e-324, \"t\": \"1970-01-01T00:00:00Z\", \"d\": "
     "\"1970-01-01\", \"j\": []}",
     {NULL, "0", "5e-324", NULL, "1970-01-01 00:00:00+00", "1970-01-01", "[]"}},
    {"{\"id\": \"r11\", \"t\": \"1900-03-01T23:59:59.999999Z\", \"d\": \"0999-12-31\", \"j\": "
     "\"just a string\"}",
     {NULL, NULL, NULL, NULL, "1900-03-01 23:59:59.999999+00", "0999-12-31", "\"just a string\""}},
    {"{\"id\": \"it's \\\"quoted\\\"; --\", \"s\": \"\\\\.\", \"j\": [1.5, true]}",
     {"\\.", NULL, NULL, NULL, NULL, NULL, "[1.5, true]"}},
};

START_TEST(types_and_nasty_values_round_trip)
{
    env e;
    env_init(&e);
    pipeline(&e, "types", ALL_TYPES, "\"schema\": \"t_types\", \"batch_size\": 5");
    char *in = path_in(e.dir, "in.jsonl");
    FILE *f = fopen(in, "w");
    free(in);
    size_t n = sizeof rows / sizeof rows[0];
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s\n", rows[i].json);
    /* a 1 MiB string */
    fputs("{\"id\": \"big\", \"s\": \"", f);
    for (int i = 0; i < (1 << 20); i++)
        fputc('a' + i % 26, f);
    fputs("\"}\n", f);
    /* no PostgreSQL text can hold a NUL: set aside here */
    fputs("{\"id\": \"x-nul\", \"s\": \"nul\\u0000byte\"}\n", f);
    /* jsonb refuses \u0000: set aside by the server, the rest goes on */
    fputs("{\"id\": \"x-jsonb\", \"j\": {\"a\": \"\\u0000\"}}\n", f);
    fputs("{\"id\": \"last\", \"s\": \"after the bad ones\"}\n", f);
    fclose(f);

    proc p;
    ck_assert_msg(run(&e, &p) == 1, "exit %d (want 1: partial)\n%s", p.code, p.err);
    proc_free(&p);

    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM t_types.things"), (long long)n + 2);
    const char *names[] = {"s", "i", "f", "b", "t", "d", "j"};
    for (size_t i = 0; i < n; i++) {
        char id[64];
        const char *q = strstr(rows[i].json, "\"id\": \"") + 7;
        /* the id as stored: the JSON unescaped */
        size_t k = 0;
        for (; *q != '"' && k < sizeof id - 1; q++)
            id[k++] = *q == '\\' ? *++q : *q;
        id[k] = '\0';
        PGresult *r = row_by_id("t_types.things",
                                "s, i::text, f::text, b::text, t::text, "
                                "d::text, j::text",
                                id);
        for (int c = 0; c < 7; c++) {
            char what[128];
            snprintf(what, sizeof what, "row %s, column %s", id, names[c]);
            check_text(r, c, rows[i].want[c], what);
        }
        PQclear(r);
    }
    PGresult *r = row_by_id("t_types.things", "s, length(s)", "big");
    ck_assert_int_eq(PQgetlength(r, 0, 0), 1 << 20);
    for (int i = 0; i < (1 << 20); i++)
        if (PQgetvalue(r, 0, 0)[i] != 'a' + i % 26)
            ck_abort_msg("the 1 MiB string differs at byte %d", i);
    PQclear(r);
    /* the column types come from the field types */
    char *types = pgc_value(&cluster, "SELECT string_agg(column_name || ' ' || data_type, ', ' "
                                      "ORDER BY ordinal_position) FROM information_schema.columns "
                                      "WHERE table_schema = 't_types' AND table_name = 'things'");
    ck_assert_str_eq(types, "id text, s text, i bigint, f double precision, b boolean, t "
                            "timestamp with time zone, d date, j jsonb");
    free(types);
    expect("SELECT string_agg(a.attname, ',') FROM pg_index i JOIN "
           "pg_attribute a ON a.attrelid = i.indrelid AND a.attnum "
           "= ANY(i.indkey) WHERE i.indrelid = "
           "'t_types.things'::regclass AND i.indisprimary",
           "id");

    char *dl = env_read(&e, "state/types/dead-letter.jsonl");
    ck_assert_msg(contains(dl, "\"x-nul\"") && contains(dl, "NUL byte"), "%s", dl);
    ck_assert_msg(contains(dl, "\"x-jsonb\"") && contains(dl, "22P05"), "%s", dl);
    ck_assert_msg(contains(dl, "\"table\":\"t_types.things\""), "%s", dl);
    free(dl);
    env_free(&e);
}
END_TEST

/* ---- idempotence ---- */

static void write_facts(env *e, const char *name, int from, int to, const char *kind)
{
    char *path = path_in(e->dir, name);
    FILE *f = fopen(path, "a");
    for (int i = from; i < to; i++)
        fprintf(f,
                "{\"fact_id\": \"f%06d\", \"doc_id\": \"d%d\", \"kind\": \"%s\", \"low\": %d, "
                "\"span_start\": %d, \"extracted_at\": \"2026-11-23T11:00:00Z\"}\n",
                i, i / 10, kind, i * 3, i);
    fclose(f);
    free(path);
}

static void facts_pipeline(env *e, const char *name, const char *sink_cfg)
{
    char text[4096];
    snprintf(
        text, sizeof text,
        "{\"name\": \"%s\",\n"
        " \"sources\": [{\"id\": \"in\", \"plugin\": \"files\", \"paths\": [\"facts.jsonl\"],\n"
        "   \"jsonl_stream\": \"facts\"}],\n"
        " \"sinks\": [{\"id\": \"pg\", \"plugin\": \"postgres\", \"input\": [\"in.facts\"],\n"
        "   \"conninfo\": \"${ASSAY_PG}\", %s}]}\n",
        name, sink_cfg);
    env_write(e, "p.json", text);
}

START_TEST(rerun_never_adds_a_row_twice)
{
    env e;
    env_init(&e);
    facts_pipeline(&e, "idem", "\"schema\": \"t_idem\", \"batch_size\": 250");
    write_facts(&e, "facts.jsonl", 0, 2000, "money");
    proc p;
    ck_assert_msg(run(&e, &p) == 0, "%s", p.err);
    ck_assert_msg(contains(p.out, "\"written\":2000"), "%s", p.out);
    proc_free(&p);
    /* the same input again: every row is there already */
    ck_assert_msg(run(&e, &p) == 0, "%s", p.err);
    ck_assert_msg(contains(p.out, "\"unchanged\":2000"), "%s", p.out);
    proc_free(&p);
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM t_idem.facts"), 2000);
    /* new rows among old ones, a key twice in one batch (the first wins),
     * and a changed row that must not replace the stored one */
    write_facts(&e, "facts.jsonl", 1990, 2600, "power");
    write_facts(&e, "facts.jsonl", 2500, 2501, "count");
    ck_assert_msg(run(&e, &p) == 0, "%s", p.err);
    proc_free(&p);
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM t_idem.facts"), 2600);
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(DISTINCT fact_id) FROM t_idem.facts"), 2600);
    char *k = pgc_value(&cluster, "SELECT kind FROM t_idem.facts WHERE fact_id = 'f001995'");
    ck_assert_str_eq(k, "money"); /* on_conflict nothing: the stored row stays */
    free(k);
    k = pgc_value(&cluster, "SELECT kind FROM t_idem.facts WHERE fact_id = 'f002500'");
    ck_assert_str_eq(k, "power");
    free(k);
    ck_assert_int_eq(pgc_count(&cluster, "SELECT sum(span_start) FROM t_idem.facts"),
                     2600LL * 2599 / 2);
    /* and again, all of it, once more */
    ck_assert_msg(run(&e, &p) == 0, "%s", p.err);
    ck_assert_msg(contains(p.out, "\"unchanged\":2611"), "%s", p.out);
    proc_free(&p);
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM t_idem.facts"), 2600);
    env_free(&e);
}
END_TEST

START_TEST(a_key_of_three_columns)
{
    env e;
    env_init(&e);
    pipeline(&e, "bars",
             "{\"symbol\": \"string key\", \"date\": \"date key\", \"source\": "
             "\"string key\", \"close\": \"float\"}",
             "\"schema\": \"t_bars\", \"batch_size\": 50");
    char *path = path_in(e.dir, "in.jsonl");
    FILE *f = fopen(path, "w");
    for (int i = 0; i < 330; i++) /* 300 keys, the first 30 of them twice */
        fprintf(f,
                "{\"symbol\": \"S%d\", \"date\": \"2026-01-%02d\", \"source\": \"%s\", "
                "\"close\": %d.25}\n",
                i % 300 % 50, 1 + i % 300 / 50, i % 300 % 2 ? "stooq" : "yahoo", i);
    fclose(f);
    proc p;
    ck_assert_msg(run(&e, &p) == 0, "%s", p.err);
    ck_assert_msg(contains(p.out, "\"written\":300") && contains(p.out, "\"unchanged\":30"), "%s",
                  p.out);
    proc_free(&p);
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM t_bars.things"), 300);
    expect("SELECT close FROM t_bars.things WHERE symbol = 'S0' AND date = '2026-01-01'", "0.25");
    expect("SELECT string_agg(a.attname, ',' ORDER BY a.attnum) FROM pg_index i JOIN pg_attribute "
           "a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = "
           "'t_bars.things'::regclass AND i.indisprimary",
           "symbol,date,source");
    /* the same again, and some new rows among them */
    f = fopen(path, "a");
    for (int i = 0; i < 20; i++)
        fprintf(f, "{\"symbol\": \"NEW%d\", \"date\": \"2026-02-01\", \"source\": \"x\"}\n", i);
    fclose(f);
    free(path);
    ck_assert_msg(run(&e, &p) == 0, "%s", p.err);
    ck_assert_msg(contains(p.out, "\"written\":20") && contains(p.out, "\"unchanged\":330"), "%s",
                  p.out);
    proc_free(&p);
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM t_bars.things"), 320);
    env_free(&e);
}
END_TEST

START_TEST(on_conflict_update_replaces_rows)
{
    env e;
    env_init(&e);
    pipeline(&e, "upd",
             "{\"id\": \"string key\", \"v\": \"int\", \"note\": \"string\", \"j\": \"json\"}",
             "\"schema\": \"t_upd\", \"on_conflict\": \"update\", \"batch_size\": 3");
    env_write(&e, "in.jsonl",
              "{\"id\": \"a\", \"v\": 1, \"note\": \"first\", \"j\": {\"x\": 1}}\n"
              "{\"id\": \"b\", \"v\": 1}\n"
              "{\"id\": \"c\", \"v\": 1, \"note\": \"same\"}\n");
    proc p;
    ck_assert_msg(run(&e, &p) == 0, "%s", p.err);
    proc_free(&p);
    env_write(&e, "in.jsonl",
              "{\"id\": \"a\", \"v\": 2, \"note\": \"second\", \"j\": {\"x\": 2}}\n"
              "{\"id\": \"b\", \"v\": 2}\n"
              "{\"id\": \"b\", \"v\": 3}\n" /* twice in a batch: the last wins */
              "{\"id\": \"c\", \"v\": 1, \"note\": \"same\"}\n"
              "{\"id\": \"d\", \"v\": 1}\n");
    ck_assert_msg(run(&e, &p) == 0, "%s", p.err);
    /* a, b (once: its first row is superseded) and d written; c is the
     * same as stored, so it is not rewritten */
    ck_assert_msg(contains(p.out, "\"written\":3") && contains(p.out, "\"unchanged\":2"), "%s",
                  p.out);
    proc_free(&p);
    PGresult *r = row_by_id("t_upd.things", "v::text, note, j::text", "a");
    check_text(r, 0, "2", "a.v");
    check_text(r, 1, "second", "a.note");
    check_text(r, 2, "{\"x\": 2}", "a.j");
    PQclear(r);
    r = row_by_id("t_upd.things", "v::text, note", "b");
    check_text(r, 0, "3", "b.v");
    check_text(r, 1, NULL, "b.note");
    PQclear(r);
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM t_upd.things"), 4);
    env_free(&e);
}
END_TEST

/* ---- schema evolution ---- */

START_TEST(new_field_adds_a_column_and_a_type_change_stops)
{
    env e;
    env_init(&e);
    pipeline(&e, "evo", "{\"id\": \"string key\", \"a\": \"string\"}", "\"schema\": \"t_evo\"");
    env_write(&e, "in.jsonl", "{\"id\": \"1\", \"a\": \"x\"}\n");
    proc p;
    ck_assert_msg(run(&e, &p) == 0, "%s", p.err);
    proc_free(&p);

    pipeline(&e, "evo", "{\"id\": \"string key\", \"a\": \"string\", \"n\": \"int\"}",
             "\"schema\": \"t_evo\"");
    env_write(&e, "in.jsonl", "{\"id\": \"2\", \"a\": \"y\", \"n\": 7}\n");
    ck_assert_msg(run(&e, &p) == 0, "%s", p.err);
    ck_assert_msg(contains(p.err, "added column n bigint"), "%s", p.err);
    proc_free(&p);
    expect("SELECT n IS NULL FROM t_evo.things WHERE id = '1'", "t");
    expect("SELECT n FROM t_evo.things WHERE id = '2'", "7");
    expect("SELECT is_nullable FROM information_schema.columns "
           "WHERE table_schema = 't_evo' AND column_name = 'n'",
           "YES");

    /* a field that changes type: the run stops before loading, naming the
     * column and the fix; nothing is dropped or converted */
    pipeline(&e, "evo", "{\"id\": \"string key\", \"a\": \"int\", \"n\": \"int\"}",
             "\"schema\": \"t_evo\"");
    env_write(&e, "in.jsonl", "{\"id\": \"3\", \"a\": 5}\n");
    ck_assert_int_eq(run(&e, &p), 3);
    ck_assert_msg(
        contains(p.err, "column a is text") && contains(p.err, "declares field a as int") &&
            contains(p.err, "ALTER TABLE \"t_evo\".\"things\" ALTER COLUMN \"a\" TYPE bigint"),
        "%s", p.err);
    ck_assert_msg(contains(p.out, "column a is text"), "summary: %s", p.out);
    proc_free(&p);
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM t_evo.things"), 2);
    expect("SELECT data_type FROM information_schema.columns "
           "WHERE table_schema = 't_evo' AND column_name = 'a'",
           "text");

    /* a key the table has no unique index for */
    pipeline(&e, "evo", "{\"id\": \"string key\", \"a\": \"string key\"}", "\"schema\": \"t_evo\"");
    ck_assert_int_eq(run(&e, &p), 3);
    ck_assert_msg(contains(p.err, "no primary key or unique index on (id, a)"), "%s", p.err);
    proc_free(&p);

    /* narrower types an analyst chose are written directly; a value that
     * does not fit is set aside */
    pgc_exec(&cluster, "CREATE TABLE t_evo.narrow (id text PRIMARY KEY, small integer, r real, "
                       "v varchar(4), ts timestamp)");
    char text[2048];
    snprintf(
        text, sizeof text,
        "{\"name\": \"narrow\", \"sources\": [{\"id\": \"in\", \"plugin\": \"pgsrc\", \"path\": "
        "\"in.jsonl\", \"stream\": \"narrow\", \"fields\": {\"id\": \"string key\", \"small\": "
        "\"int\", \"r\": \"float\", \"v\": \"string\", \"ts\": \"timestamp\"}}],"
        " \"sinks\": [{\"id\": \"pg\", \"plugin\": \"postgres\", \"input\": [\"in.narrow\"], "
        "\"conninfo\": \"${ASSAY_PG}\", \"schema\": \"t_evo\"}]}");
    env_write(&e, "p.json", text);
    env_write(&e, "in.jsonl",
              "{\"id\": \"ok\", \"small\": 5, \"r\": 1.5, \"v\": \"abcd\", \"ts\": "
              "\"2026-01-02T03:04:05Z\"}\n"
              "{\"id\": \"big\", \"small\": 3000000000}\n"
              "{\"id\": \"long\", \"v\": \"abcde\"}\n"
              "{\"id\": \"huge\", \"r\": 1e300}\n");
    ck_assert_int_eq(run(&e, &p), 1);
    proc_free(&p);
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM t_evo.narrow"), 1);
    expect("SELECT small || ' ' || r || ' ' || v || ' ' || ts FROM "
           "t_evo.narrow",
           "5 1.5 abcd 2026-01-02 03:04:05");
    char *dl = env_read(&e, "state/narrow/dead-letter.jsonl");
    ck_assert_msg(contains(dl, "3000000000 is out of range for column small of type integer"), "%s",
                  dl);
    ck_assert_msg(contains(dl, "22001"), "%s", dl); /* varchar(4): the server's own check */
    ck_assert_msg(contains(dl, "out of range for column r of type real"), "%s", dl);
    free(dl);
    env_free(&e);
}
END_TEST

/* ---- bad rows ---- */

START_TEST(bad_rows_are_set_aside_and_good_rows_land)
{
    env e;
    env_init(&e);
    pipeline(&e, "bad",
             "{\"id\": \"string key\", \"n\": \"int\", \"u\": \"string\", \"j\": \"json\"}",
             "\"schema\": \"t_bad\", \"batch_size\": 100");
    env_write(&e, "in.jsonl", "{\"id\": \"seed\", \"n\": 1, \"u\": \"taken\"}\n");
    proc p;
    ck_assert_msg(run(&e, &p) == 0, "%s", p.err);
    proc_free(&p);
    /* constraints the server checks row by row */
    pgc_exec(&cluster, "ALTER TABLE t_bad.things ADD CHECK (n >= 0)");
    pgc_exec(&cluster, "CREATE UNIQUE INDEX ON t_bad.things (u)");
    pgc_exec(&cluster, "CREATE FUNCTION t_bad.no_evil() RETURNS trigger LANGUAGE plpgsql AS $$ "
                       "BEGIN IF NEW.u = 'evil' THEN RAISE EXCEPTION 'no evil here'; END IF; "
                       "RETURN NEW; END $$");
    pgc_exec(&cluster, "CREATE TRIGGER no_evil BEFORE INSERT ON t_bad.things FOR EACH ROW "
                       "EXECUTE FUNCTION t_bad.no_evil()");

    /* bad rows first, last, side by side, and among duplicates */
    char *path = path_in(e.dir, "in.jsonl");
    FILE *f = fopen(path, "w");
    fprintf(f, "{\"id\": \"neg-first\", \"n\": -1}\n");
    for (int i = 0; i < 60; i++) {
        if (i == 10)
            fprintf(f, "{\"id\": \"dup-u\", \"n\": 1, \"u\": \"taken\"}\n");
        if (i == 20) {
            fprintf(f, "{\"id\": \"neg-a\", \"n\": -2}\n");
            fprintf(f, "{\"id\": \"neg-b\", \"n\": -3}\n");
            fprintf(f, "{\"id\": \"jsonb-nul\", \"j\": {\"a\": \"\\u0000\"}}\n");
        }
        if (i == 30)
            fprintf(f, "{\"id\": \"evil\", \"u\": \"evil\"}\n");
        if (i == 40)
            fprintf(f, "{\"id\": \"seed\", \"n\": 1}\n"); /* there already */
        fprintf(f, "{\"id\": \"good%02d\", \"n\": %d}\n", i, i);
    }
    fprintf(f, "{\"id\": \"neg-last\", \"n\": -4}\n");
    fclose(f);
    free(path);
    ck_assert_int_eq(run(&e, &p), 1);
    ck_assert_msg(contains(p.out, "\"written\":60") && contains(p.out, "\"rejected\":7"), "%s",
                  p.out);
    proc_free(&p);
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM t_bad.things"), 61);
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM t_bad.things WHERE id LIKE 'good%'"),
                     60);
    char *dl = env_read(&e, "state/bad/dead-letter.jsonl");
    const char *want[][2] = {{"neg-first", "23514"},  {"neg-a", "23514"},     {"neg-b", "23514"},
                             {"neg-last", "23514"},   {"jsonb-nul", "22P05"}, {"dup-u", "23505"},
                             {"evil", "no evil here"}};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        char id[64];
        snprintf(id, sizeof id, "\"id\":\"%s\"", want[i][0]);
        const char *line = strstr(dl, id);
        ck_assert_msg(line, "no dead letter for %s:\n%s", want[i][0], dl);
        const char *eol = strchr(line, '\n');
        /* the reason sits before the record on the line */
        const char *start = line;
        while (start > dl && start[-1] != '\n')
            start--;
        char *entry = strndup(start, (size_t)(eol - start));
        ck_assert_msg(contains(entry, want[i][1]), "%s: want %s in\n%s", want[i][0], want[i][1],
                      entry);
        free(entry);
    }
    ck_assert_msg(contains(dl, "PostgreSQL refused this row of t_bad.things"), "%s", dl);
    free(dl);

    /* the same again: now every good row is a duplicate, and the bad ones
     * are found on the other path too */
    ck_assert_int_eq(run(&e, &p), 1);
    ck_assert_msg(contains(p.out, "\"unchanged\":61") && contains(p.out, "\"rejected\":7"), "%s",
                  p.out);
    proc_free(&p);
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM t_bad.things"), 61);
    env_free(&e);
}
END_TEST

/* ---- injection ---- */

START_TEST(names_and_values_cannot_inject_sql)
{
    env e;
    env_init(&e);
    pgc_exec(&cluster, "CREATE TABLE public.canary (x int)");
    /* reserved words as stream and field names, a schema and a runs table
     * named to break out of quotes */
    char text[4096];
    snprintf(text, sizeof text,
             "{\"name\": \"inj\", \"sources\": [{\"id\": \"in\", \"plugin\": \"pgsrc\", \"path\": "
             "\"in.jsonl\", \"stream\": \"select\", \"fields\": {\"from\": \"string key\", "
             "\"user\": \"string\", \"order\": \"int\", \"table\": \"json\"}}],"
             " \"sinks\": [{\"id\": \"pg\", \"plugin\": \"postgres\", \"input\": [\"in.select\"], "
             "\"conninfo\": \"${ASSAY_PG}\", \"schema\": \"x\\\"; DROP TABLE public.canary; --\", "
             "\"runs_table\": \"r'); DROP TABLE public.canary; --\"}]}");
    env_write(&e, "p.json", text);
    env_write(&e, "in.jsonl",
              "{\"from\": \"'); DROP TABLE public.canary; --\", \"user\": \"\\\"; DROP TABLE "
              "public.canary; --\", \"order\": 1, \"table\": {\"$$\": \"$$; DROP TABLE "
              "public.canary; $$\"}}\n"
              "{\"from\": \"E'\\\\x27' OR 1=1\", \"user\": \"\\\\.\\n\\\\N\"}\n");
    proc p;
    ck_assert_msg(run(&e, &p) == 0, "%s", p.err);
    proc_free(&p);
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM public.canary"),
                     0); /* still there */
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM \"x\"\"; DROP TABLE public.canary; "
                                         "--\".\"select\""),
                     2);
    expect("SELECT \"user\" FROM \"x\"\"; DROP TABLE public.canary; "
           "--\".\"select\" WHERE \"order\" = 1",
           "\"; DROP TABLE public.canary; --");
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM \"x\"\"; DROP TABLE public.canary; "
                                         "--\".\"r'); DROP TABLE public.canary; --\""),
                     1);
    /* and again: the duplicate path (key lookup) with the same names */
    ck_assert_msg(run(&e, &p) == 0, "%s", p.err);
    ck_assert_msg(contains(p.out, "\"unchanged\":2"), "%s", p.out);
    proc_free(&p);
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM public.canary"), 0);
    env_free(&e);
}
END_TEST

/* ---- the password ---- */

#define SECRET "Sup3r-Secret-Pw"

static void assert_no_secret(env *e, proc *p, const char *secret)
{
    ck_assert_msg(!contains(p->err, secret), "password in stderr:\n%s", p->err);
    ck_assert_msg(!contains(p->out, secret), "password in the summary:\n%s", p->out);
    char *dl = env_read(e, "state/pw/dead-letter.jsonl");
    ck_assert_msg(!contains(dl, secret), "password in dead letters");
    free(dl);
    char *st = env_read(e, "state/pw/state.json");
    ck_assert_msg(!contains(st, secret), "password in the state");
    free(st);
}

static int run_with(env *e, proc *p, const char *conninfo)
{
    const char *args[] = {"run", "p.json", NULL};
    return pgc_assay(&cluster, p, e->dir, conninfo, args, 120);
}

START_TEST(the_password_never_shows)
{
    env e;
    env_init(&e);
    pgc_exec(&cluster, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pwuser') "
                       "THEN CREATE ROLE pwuser LOGIN PASSWORD '" SECRET "'; END IF; END $$");
    pipeline(&e, "pw", "{\"id\": \"string key\"}",
             "\"schema\": \"t_pw\", \"reconnect_seconds\": 2");
    env_write(&e, "in.jsonl", "{\"id\": \"1\"}\n");
    char ci[1024];
    proc p;

    /* a wrong password in a URI */
    snprintf(ci, sizeof ci, "postgresql://pwuser:Wr0ng-" SECRET "@127.0.0.1:%d/postgres",
             cluster.port);
    ck_assert_int_eq(run_with(&e, &p, ci), 3);
    ck_assert_msg(contains(p.err, "password authentication failed"), "%s", p.err);
    assert_no_secret(&e, &p, SECRET);
    proc_free(&p);

    /* a URI libpq cannot parse quotes its user info back */
    snprintf(ci, sizeof ci, "postgresql://pwuser:" SECRET "%%zz@127.0.0.1:%d/postgres",
             cluster.port);
    ck_assert_int_eq(run_with(&e, &p, ci), 3);
    ck_assert_msg(contains(p.err, "***"), "%s", p.err);
    assert_no_secret(&e, &p, SECRET);
    proc_free(&p);

    /* key=value, right password, but no right to create the schema */
    snprintf(ci, sizeof ci, "host=127.0.0.1 port=%d dbname=postgres user=pwuser password=" SECRET,
             cluster.port);
    ck_assert_int_eq(run_with(&e, &p, ci), 3);
    ck_assert_msg(contains(p.err, "cannot create schema t_pw"), "%s", p.err);
    assert_no_secret(&e, &p, SECRET);
    proc_free(&p);

    /* key=value quoted, and a server that is not there */
    snprintf(ci, sizeof ci,
             "host=127.0.0.1 port=1 user=pwuser password='" SECRET "' connect_timeout=1");
    ck_assert_int_eq(run_with(&e, &p, ci), 3);
    ck_assert_msg(contains(p.err, "gave up after"), "%s", p.err);
    assert_no_secret(&e, &p, SECRET);
    proc_free(&p);

    /* and a good run with it: nothing in the runs table either */
    pgc_exec(&cluster, "CREATE SCHEMA t_pw AUTHORIZATION pwuser");
    snprintf(ci, sizeof ci, "postgresql://pwuser:" SECRET "@127.0.0.1:%d/postgres", cluster.port);
    ck_assert_msg(run_with(&e, &p, ci) == 0, "%s", p.err);
    assert_no_secret(&e, &p, SECRET);
    proc_free(&p);
    ck_assert_int_eq(pgc_count(&cluster,
                               "SELECT count(*) FROM t_pw.runs WHERE row_to_json(runs)::text "
                               "LIKE '%" SECRET "%'"),
                     0);
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM t_pw.things"), 1);

    /* postgres-check: what this role may do, without the password */
    snprintf(ci, sizeof ci, "postgresql://pwuser:" SECRET "@127.0.0.1:%d/postgres", cluster.port);
    const char *check_new[] = {"postgres-check", ci, "t_pw_new", NULL};
    ck_assert_int_eq(pgc_assay(&cluster, &p, e.dir, NULL, check_new, 60), 1);
    ck_assert_msg(contains(p.out, "schema t_pw_new does not exist and this role may not create it"),
                  "%s", p.out);
    assert_no_secret(&e, &p, SECRET);
    proc_free(&p);
    const char *check_ok[] = {"postgres-check", ci, "t_pw", NULL};
    ck_assert_msg(pgc_assay(&cluster, &p, e.dir, NULL, check_ok, 60) == 0, "%s", p.out);
    ck_assert_msg(contains(p.out, "ok: table t_pw.things: rows may be inserted and read"), "%s",
                  p.out);
    assert_no_secret(&e, &p, SECRET);
    proc_free(&p);
    snprintf(ci, sizeof ci, "postgresql://pwuser:Wr0ng-" SECRET "@127.0.0.1:%d/postgres",
             cluster.port);
    const char *check_bad[] = {"postgres-check", ci, NULL};
    ck_assert_int_eq(pgc_assay(&cluster, &p, e.dir, NULL, check_bad, 60), 1);
    ck_assert_msg(contains(p.out, "password authentication failed"), "%s", p.out);
    assert_no_secret(&e, &p, SECRET);
    proc_free(&p);

    /* assay check on the pipeline runs the same checks (the sink's check()) */
    const char *check_pipeline[] = {"check", "p.json", NULL};
    ck_assert_int_eq(pgc_assay(&cluster, &p, e.dir, ci, check_pipeline, 60), 2);
    ck_assert_msg(contains(p.err, "p.json:4:12: error: postgres 'pg': ") &&
                      contains(p.err, "password authentication failed"),
                  "%s", p.err);
    assert_no_secret(&e, &p, SECRET);
    proc_free(&p);
    snprintf(ci, sizeof ci, "postgresql://pwuser:" SECRET "@127.0.0.1:%d/postgres", cluster.port);
    ck_assert_msg(pgc_assay(&cluster, &p, e.dir, ci, check_pipeline, 60) == 0, "%s", p.err);
    ck_assert_msg(contains(p.out, "ok: pipeline 'pw'"), "%s", p.out);
    assert_no_secret(&e, &p, SECRET);
    proc_free(&p);
    env_free(&e);
}
END_TEST

/* ---- a server that is still recovering ---- */

/* A server in crash recovery turns connections away (57P03) and is ready
 * a moment later. A sink that took that first refusal for a wrong
 * password failed the run; it must wait while the server recovers, and
 * give up only after reconnect_seconds when it never comes up. */
START_TEST(a_server_still_recovering_is_waited_for)
{
    env e;
    env_init(&e);
    pipeline(&e, "recovering", "{\"id\": \"string key\"}",
             "\"schema\": \"t_recovering\", \"reconnect_seconds\": 3");
    env_write(&e, "in.jsonl", "{\"id\": \"1\"}\n{\"id\": \"2\"}\n");
    char ci[512];
    proc p;

    /* refused once, ready when pinged: the run loads */
    pggate gate;
    ck_assert_int_eq(pggate_start(&gate, &cluster, 1), 0);
    snprintf(ci, sizeof ci,
             "host=127.0.0.1 port=%d dbname=postgres user=postgres sslmode=disable "
             "gssencmode=disable",
             gate.port);
    int rc = run_with(&e, &p, ci);
    pggate_stop(&gate);
    ck_assert_msg(rc == 0, "exit %d: %s", rc, p.err);
    proc_free(&p);
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM t_recovering.things"), 2);

    /* never ready: the sink waits reconnect_seconds, then says so */
    ck_assert_int_eq(pggate_start(&gate, &cluster, 1000000), 0);
    snprintf(ci, sizeof ci,
             "host=127.0.0.1 port=%d dbname=postgres user=postgres sslmode=disable "
             "gssencmode=disable",
             gate.port);
    env_write(&e, "in.jsonl", "{\"id\": \"3\"}\n");
    rc = run_with(&e, &p, ci);
    pggate_stop(&gate);
    ck_assert_msg(rc == 3, "exit %d: %s", rc, p.err);
    ck_assert_msg(contains(p.err, "not yet accepting connections") &&
                      contains(p.err, "gave up after"),
                  "%s", p.err);
    proc_free(&p);
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM t_recovering.things"), 2);
    env_free(&e);
}
END_TEST

/* ---- one run at a time ---- */

START_TEST(a_second_run_of_the_pipeline_is_refused_while_one_loads)
{
    env e;
    env_init(&e);
    pipeline(&e, "lock", "{\"id\": \"string key\"}",
             "\"schema\": \"t_lock\", \"batch_size\": 100, \"reconnect_seconds\": 1");
    char *path = path_in(e.dir, "in.jsonl");
    FILE *f = fopen(path, "w");
    for (int i = 0; i < 3000; i++)
        fprintf(f, "{\"id\": \"k%d\"}\n", i);
    fclose(f);
    free(path);
    /* slow: 3000 lines, a pause every 100 */
    char text[2048];
    snprintf(text, sizeof text,
             "{\"name\": \"lock\", \"sources\": [{\"id\": \"in\", \"plugin\": \"pgsrc\", \"path\": "
             "\"in.jsonl\", \"fields\": {\"id\": \"string key\"}, \"sleep_us\": 100000}],"
             " \"sinks\": [{\"id\": \"pg\", \"plugin\": \"postgres\", \"input\": [\"in.things\"], "
             "\"conninfo\": \"${ASSAY_PG}\", \"schema\": \"t_lock\", \"batch_size\": 100, "
             "\"reconnect_seconds\": 1}]}");
    env_write(&e, "p.json", text);
    proc a, b;
    const char *args_a[] = {"run", "p.json", NULL};
    pgc_assay_start(&cluster, &a, e.dir, cluster.conninfo, args_a);
    for (int i = 0; i < 300; i++) {
        usleep(20000);
        char *v = pgc_value(&cluster, "SELECT count(*) FROM pg_stat_activity WHERE "
                                      "application_name = 'assay lock/pg'");
        int up = strcmp(v, "1") == 0;
        free(v);
        if (up)
            break;
    }
    /* another state folder: the file lock does not see it, the server does */
    const char *args_b[] = {"run", "--state-dir", "other-state", "p.json", NULL};
    ck_assert_int_eq(pgc_assay(&cluster, &b, e.dir, cluster.conninfo, args_b, 60), 3);
    ck_assert_msg(contains(b.err, "holds the lock of pipeline lock, sink pg, schema t_lock") &&
                      contains(b.err, "application \"assay lock/pg\""),
                  "%s", b.err);
    proc_free(&b);
    kill(-a.pid, SIGTERM);
    int code = proc_wait(&a, 60);
    ck_assert_msg(code == 143, "exit %d\n%s", code, a.err);
    proc_free(&a);
    env_free(&e);
}
END_TEST

/* ---- the runs table, and failures that are not about a row ---- */

START_TEST(runs_table_and_a_failed_commit)
{
    env e;
    env_init(&e);
    pgc_exec(&cluster, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'loader') "
                       "THEN CREATE ROLE loader LOGIN; END IF; END $$");
    pgc_exec(&cluster, "CREATE SCHEMA t_runs AUTHORIZATION loader");
    pipeline(&e, "runs", "{\"id\": \"string key\", \"n\": \"int\"}",
             "\"schema\": \"t_runs\", \"batch_size\": 10");
    env_write(&e, "in.jsonl", "{\"id\": \"1\", \"n\": 1}\n{\"id\": \"2\", \"n\": 2}\n");
    char ci[1024];
    snprintf(ci, sizeof ci, "host=%s port=%d dbname=postgres user=loader", cluster.dir,
             cluster.port);
    proc p;
    ck_assert_msg(run_with(&e, &p, ci) == 0, "%s", p.err);
    proc_free(&p);
    char *v =
        pgc_value(&cluster, "SELECT outcome || ' ' || (counts->'things'->>'written') || ' ' || "
                            "(finished_at IS NOT NULL) || ' ' || pipeline || ' ' || sink FROM "
                            "t_runs.runs");
    ck_assert_str_eq(v, "ok 2 true runs pg");
    free(v);

    /* a line the source sets aside: the run's outcome, not the sink's */
    env_write(&e, "in.jsonl", "{\"id\": \"2\", \"n\": 2}\n{\"id\": \"x\", \"n\": \"not a number\"}\n");
    ck_assert_int_eq(run_with(&e, &p, ci), 1);
    proc_free(&p);
    v = pgc_value(&cluster, "SELECT outcome FROM t_runs.runs ORDER BY started_at DESC LIMIT 1");
    ck_assert_str_eq(v, "partial");
    free(v);

    /* a statement-level failure (no right to insert any more): the commit
     * fails, nothing of the batch lands, the run says so */
    pgc_exec(&cluster, "ALTER TABLE t_runs.things OWNER TO postgres");
    pgc_exec(&cluster, "GRANT SELECT ON t_runs.things TO loader");
    env_write(&e, "in.jsonl", "{\"id\": \"3\", \"n\": 3}\n{\"id\": \"4\", \"n\": 4}\n");
    ck_assert_int_eq(run_with(&e, &p, ci), 4);
    ck_assert_msg(contains(p.err, "permission denied") && contains(p.err, "not committed"), "%s",
                  p.err);
    proc_free(&p);
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM t_runs.things"), 2);
    v = pgc_value(&cluster, "SELECT outcome || ' ' || (error LIKE '%permission denied%') FROM "
                            "t_runs.runs ORDER BY started_at DESC LIMIT 1");
    ck_assert_str_eq(v, "failed true");
    free(v);
    pgc_exec(&cluster, "GRANT INSERT ON t_runs.things TO loader");

    /* a run killed outright stays "running" until the next run sees its
     * process gone */
    pipeline(&e, "runs", "{\"id\": \"string key\", \"n\": \"int\"}",
             "\"schema\": \"t_runs\", \"batch_size\": 1");
    char *path = path_in(e.dir, "in.jsonl");
    FILE *f = fopen(path, "w");
    for (int i = 0; i < 100000; i++)
        fprintf(f, "{\"id\": \"k%d\", \"n\": %d}\n", i, i);
    fclose(f);
    free(path);
    const char *args[] = {"run", "p.json", NULL};
    pgc_assay_start(&cluster, &p, e.dir, ci, args);
    for (int i = 0; i < 200 && pgc_count(&cluster, "SELECT count(*) FROM t_runs.runs WHERE outcome "
                                                   "= 'running'") == 0;
         i++)
        usleep(20000);
    usleep(100000);
    kill(-p.pid, SIGKILL);
    proc_wait(&p, 30);
    proc_free(&p);
    ck_assert_int_eq(
        pgc_count(&cluster, "SELECT count(*) FROM t_runs.runs WHERE outcome = 'running'"), 1);
    long long loaded = pgc_count(&cluster, "SELECT count(*) FROM t_runs.things");
    long long counted = pgc_count(&cluster, "SELECT (counts->'things'->>'written')::int FROM "
                                            "t_runs.runs WHERE outcome = 'running'");
    /* its counts are exact: they were written with each batch */
    ck_assert_int_eq(counted, loaded - 2);
    env_write(&e, "in.jsonl", "{\"id\": \"z\", \"n\": 1}\n");
    ck_assert_msg(run_with(&e, &p, ci) == 0, "%s", p.err);
    proc_free(&p);
    ck_assert_int_eq(
        pgc_count(&cluster, "SELECT count(*) FROM t_runs.runs WHERE outcome = 'running'"), 0);
    ck_assert_int_eq(
        pgc_count(&cluster, "SELECT count(*) FROM t_runs.runs WHERE outcome = 'unfinished'"), 1);
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM t_runs.runs"), 5);
    env_free(&e);
}
END_TEST

/* ---- several streams, one sink; a stream without a key ---- */

START_TEST(two_streams_one_transaction_and_a_keyless_stream)
{
    env e;
    env_init(&e);
    write_facts(&e, "facts.jsonl", 0, 300, "money");
    char *path = path_in(e.dir, "in.jsonl");
    FILE *f = fopen(path, "w");
    for (int i = 0; i < 300; i++)
        fprintf(f, "{\"msg\": \"line %d\", \"n\": %d}\n", i, i);
    fclose(f);
    free(path);
    env_write(
        &e, "p.json",
        "{\"name\": \"two\", \"sources\": ["
        "{\"id\": \"facts\", \"plugin\": \"files\", \"paths\": [\"facts.jsonl\"], "
        "\"jsonl_stream\": \"facts\"},"
        "{\"id\": \"log\", \"plugin\": \"pgsrc\", \"path\": \"in.jsonl\", \"stream\": "
        "\"events\", \"fields\": {\"msg\": \"string\", \"n\": \"int\"}, \"every\": 50}],"
        " \"sinks\": [{\"id\": \"pg\", \"plugin\": \"postgres\", \"input\": [\"facts.facts\", "
        "\"log.events\"], \"conninfo\": \"${ASSAY_PG}\", \"schema\": \"t_two\", "
        "\"batch_size\": 64}]}");
    proc p;
    ck_assert_msg(run(&e, &p) == 0, "%s", p.err);
    ck_assert_msg(contains(p.err, "stream events declares no key"), "%s", p.err);
    proc_free(&p);
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM t_two.facts"), 300);
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM t_two.events"), 300);
    /* again: facts are idempotent by key; events are not re-sent, the
     * source's bookmark (kept with the data) says they are done */
    ck_assert_msg(run(&e, &p) == 0, "%s", p.err);
    proc_free(&p);
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM t_two.facts"), 300);
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM t_two.events"), 300);
    char *c =
        pgc_value(&cluster, "SELECT counts::text FROM t_two.runs ORDER BY started_at LIMIT 1");
    ck_assert_msg(contains(c, "\"facts\": {\"written\": 300") &&
                      contains(c, "\"events\": {\"written\": 300"),
                  "%s", c);
    free(c);
    env_free(&e);
}
END_TEST

int main(void)
{
    int rc = pgc_start(&cluster);
    if (rc == -2)
        return PGC_SKIP;
    if (rc != 0) {
        pgc_stop(&cluster);
        return 1;
    }
    Suite *s = suite_create("postgres sink");
    TCase *tc = tcase_create("load");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, types_and_nasty_values_round_trip);
    tcase_add_test(tc, rerun_never_adds_a_row_twice);
    tcase_add_test(tc, a_key_of_three_columns);
    tcase_add_test(tc, on_conflict_update_replaces_rows);
    tcase_add_test(tc, new_field_adds_a_column_and_a_type_change_stops);
    tcase_add_test(tc, bad_rows_are_set_aside_and_good_rows_land);
    tcase_add_test(tc, names_and_values_cannot_inject_sql);
    tcase_add_test(tc, the_password_never_shows);
    tcase_add_test(tc, a_server_still_recovering_is_waited_for);
    tcase_add_test(tc, runs_table_and_a_failed_commit);
    tcase_add_test(tc, a_second_run_of_the_pipeline_is_refused_while_one_loads);
    tcase_add_test(tc, two_streams_one_transaction_and_a_keyless_stream);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    pgc_stop(&cluster);
    return failed ? 1 : 0;
}
