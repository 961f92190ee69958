/*
 * test_csv.c - the csv sink: nasty values survive a round trip through
 * assay and back through an independent reader (Python's csv module);
 * replace mode is atomic; append mode appends whole batches and refuses a
 * file with other columns.
 */
#include "testutil.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *pipeline_json =
    "{\"name\": \"csvtest\",\n"
    " \"sources\": [{\"id\": \"in\", \"plugin\": \"files\", \"paths\": [\"in.jsonl\"],\n"
    "   \"jsonl_stream\": \"things\", \"jsonl_fields\": {\"s\": \"string\", \"i\": \"int\",\n"
    "   \"f\": \"float\", \"b\": \"bool\", \"t\": \"timestamp\", \"d\": \"date\", \"j\": \"json\"}}],\n"
    " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [\"in.things\"]%s}]}\n";

typedef struct env {
    char *dir, *pipeline, *input, *csv;
} env;

static void env_init(env *e, const char *sink_cfg)
{
    e->dir = tmpdir_new();
    e->pipeline = path_in(e->dir, "p.json");
    e->input = path_in(e->dir, "in.jsonl");
    e->csv = path_in(e->dir, "out/things.csv");
    char text[4096];
    snprintf(text, sizeof text, pipeline_json, sink_cfg);
    write_text(e->pipeline, text);
}

static void env_free(env *e)
{
    free(e->pipeline);
    free(e->input);
    free(e->csv);
    tmpdir_free(e->dir);
}

static int run(env *e, proc *p)
{
    const char *args[] = {"run", e->pipeline, NULL};
    return assay_run(p, e->dir, args, 120);
}

/* The values each input line must read back as, column by column. */
typedef struct row {
    const char *json;
    const char *want[7];
} row;

static const row nasty[] = {
    {"{\"s\": \"plain\", \"i\": 1, \"f\": 0.1, \"b\": true}", {"plain", "1", "0.1", "true", "", "", ""}},
    {"{\"s\": \"comma, inside\", \"i\": -9223372036854775807, \"f\": 1e300}",
     {"comma, inside", "-9223372036854775807", "1e+300", "", "", "", ""}},
    {"{\"s\": \"say \\\"hi\\\" \\\"\\\"\", \"i\": 9223372036854775807, \"f\": -0.0}",
     {"say \"hi\" \"\"", "9223372036854775807", "-0", "", "", "", ""}},
    {"{\"s\": \"line\\nbreak and\\r\\ncrlf\", \"f\": \"NaN\"}",
     {"line\nbreak and\r\ncrlf", "", "NaN", "", "", "", ""}},
    {"{\"s\": \"tab\\there, back\\\\slash\", \"f\": \"Infinity\"}",
     {"tab\there, back\\slash", "", "Infinity", "", "", "", ""}},
    {"{\"s\": \"emoji \xF0\x9F\x98\x80 caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC\", \"f\": \"-Infinity\"}",
     {"emoji \xF0\x9F\x98\x80 caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC", "", "-Infinity", "", "", "", ""}},
    {"{\"s\": \"\", \"b\": false}", {"", "", "", "false", "", "", ""}},
    {"{\"s\": null}", {"", "", "", "", "", "", ""}},
    {"{\"s\": \"  padded  \", \"t\": \"2026-11-23T12:06:40.25+01:00\", \"d\": \"2024-02-29\"}",
     {"  padded  ", "", "", "", "2026-11-23T11:06:40.250000Z", "2024-02-29", ""}},
    {"{\"s\": \"=1+2\", \"j\": {\"k\": [1, \"a,\\\"b\"], \"n\": null}}",
     {"=1+2", "", "", "", "", "", "{\"k\":[1,\"a,\\\"b\"],\"n\":null}"}},
};

START_TEST(nasty_values_round_trip)
{
    env e;
    env_init(&e, "");
    FILE *f = fopen(e.input, "w");
    size_t n = sizeof nasty / sizeof nasty[0];
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s\n", nasty[i].json);
    /* a NUL inside a string is kept (CSV can carry it) */
    fputs("{\"s\": \"nul\\u0000byte\"}\n", f);
    /* and a 1 MiB string */
    fputs("{\"s\": \"", f);
    for (int i = 0; i < (1 << 20); i++)
        fputc('a' + i % 26, f);
    fputs("\"}\n", f);
    fclose(f);
    proc p;
    ck_assert_msg(run(&e, &p) == 0, "stderr: %s", p.err);
    proc_free(&p);

    char *rows_json = python_csv_json(e.csv);
    ck_assert_ptr_nonnull(rows_json);
    json_t *rows = json_loads(rows_json, JSON_ALLOW_NUL, NULL);
    ck_assert_ptr_nonnull(rows);
    ck_assert_int_eq(json_array_size(rows), n + 3);
    const char *header[] = {"s", "i", "f", "b", "t", "d", "j"};
    for (size_t c = 0; c < 7; c++)
        ck_assert_str_eq(json_string_value(json_array_get(json_array_get(rows, 0), c)), header[c]);
    for (size_t i = 0; i < n; i++) {
        json_t *r = json_array_get(rows, i + 1);
        ck_assert_int_eq(json_array_size(r), 7);
        for (size_t c = 0; c < 7; c++) {
            json_t *cell = json_array_get(r, c);
            const char *want = nasty[i].want[c];
            ck_assert_msg(strcmp(json_string_value(cell), want) == 0,
                          "row %zu column %s: got '%s', want '%s'", i, header[c],
                          json_string_value(cell), want);
        }
    }
    json_t *nul = json_array_get(json_array_get(rows, n + 1), 0);
    ck_assert_int_eq(json_string_length(nul), 8);
    ck_assert(memcmp(json_string_value(nul), "nul\0byte", 8) == 0);
    json_t *big = json_array_get(json_array_get(rows, n + 2), 0);
    ck_assert_int_eq(json_string_length(big), 1 << 20);
    json_decref(rows);
    free(rows_json);

    /* NULL and "" stay apart in the file itself */
    char *raw = read_text(e.csv, NULL);
    ck_assert(contains(raw, "\n\"\",,,false,,,\n")); /* "" then NULLs */
    ck_assert(contains(raw, "\n,,,,,,\n"));            /* all NULL */
    free(raw);
    env_free(&e);
}
END_TEST

START_TEST(bad_lines_are_dead_lettered)
{
    env e;
    env_init(&e, "");
    write_text(e.input, "{\"s\": \"ok 1\"}\n"
                        "{\"s\": \"bad \xFF utf8\"}\n"
                        "{\"s\": \"truncated\"\n"
                        "not json at all\n"
                        "{\"s\": 5}\n"
                        "{\"unknown\": 1}\n"
                        "\n"
                        "{\"s\": \"ok 2\"}");
    proc p;
    ck_assert_int_eq(run(&e, &p), 1);
    proc_free(&p);
    ck_assert_int_eq(python_csv_rows(e.csv), 2);
    char *dl_path = path_in(e.dir, "state/csvtest/dead-letter.jsonl");
    char *dl = read_text(dl_path, NULL);
    ck_assert_ptr_nonnull(dl);
    for (int line = 2; line <= 6; line++) {
        char want[32];
        snprintf(want, sizeof want, "\"line\":%d", line);
        ck_assert_msg(contains(dl, want), "no dead letter for line %d:\n%s", line, dl);
    }
    ck_assert(contains(dl, "unknown field 'unknown'"));
    ck_assert(contains(dl, "field s: expected string, got a number"));
    free(dl);
    free(dl_path);
    env_free(&e);
}
END_TEST

START_TEST(append_mode_appends_and_checks_columns)
{
    env e;
    env_init(&e, ", \"mode\": \"append\"");
    write_text(e.input, "{\"s\": \"a\"}\n{\"s\": \"b\"}\n");
    proc p;
    ck_assert_int_eq(run(&e, &p), 0);
    proc_free(&p);
    ck_assert_int_eq(run(&e, &p), 0);
    proc_free(&p);
    ck_assert_int_eq(python_csv_rows(e.csv), 4); /* the header once */
    /* bytes past the last recorded commit (a killed append) are cut off */
    FILE *f = fopen(e.csv, "a");
    fputs("half a row,\"unclosed", f);
    fclose(f);
    ck_assert_int_eq(run(&e, &p), 0);
    ck_assert(contains(p.err, "did not finish"));
    proc_free(&p);
    ck_assert_int_eq(python_csv_rows(e.csv), 6);
    /* a file with other columns is refused, not appended to */
    char *other = path_in(e.dir, "out/things.csv");
    write_text(other, "x,y\n1,2\n");
    char *side = path_in(e.dir, "out/.things.csv.committed");
    unlink(side);
    ck_assert_int_eq(run(&e, &p), 3);
    ck_assert(contains(p.err, "other columns"));
    proc_free(&p);
    free(side);
    free(other);
    env_free(&e);
}
END_TEST

START_TEST(replace_mode_is_atomic)
{
    env e;
    env_init(&e, ", \"null\": \"NULL\", \"header\": false");
    write_text(e.input, "{\"s\": \"one\"}\n");
    proc p;
    ck_assert_int_eq(run(&e, &p), 0);
    proc_free(&p);
    char *raw = read_text(e.csv, NULL);
    ck_assert_str_eq(raw, "one,NULL,NULL,NULL,NULL,NULL,NULL\n");
    free(raw);
    /* a failing run (the source cannot start) leaves the old file */
    char *bad = path_in(e.dir, "bad.json");
    write_text(bad, "{\"name\": \"csvtest\", \"sources\": [{\"id\": \"in\", \"plugin\": \"files\", "
                    "\"paths\": [\"in.jsonl\"], \"max_bytes\": 0}],\n"
                    " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [\"in\"]}]}");
    const char *args[] = {"run", bad, NULL};
    ck_assert_int_eq(assay_run(&p, e.dir, args, 60), 3);
    proc_free(&p);
    raw = read_text(e.csv, NULL);
    ck_assert_str_eq(raw, "one,NULL,NULL,NULL,NULL,NULL,NULL\n");
    free(raw);
    free(bad);
    env_free(&e);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("csv");
    TCase *tc = tcase_create("sink");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, nasty_values_round_trip);
    tcase_add_test(tc, bad_lines_are_dead_lettered);
    tcase_add_test(tc, append_mode_appends_and_checks_columns);
    tcase_add_test(tc, replace_mode_is_atomic);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
