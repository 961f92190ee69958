/*
 * test_extract.c - `assay extract` (the figures transform driven through
 * the plugin ABI) and `assay table`'s value column, as a user runs them.
 */
#include "testutil.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int extract(proc *p, const char *dir, const char *const args[])
{
    const char *argv[16] = {ASSAY_BIN, "--plugin-path", BUILD_PLUGIN_DIR, "extract"};
    size_t n = 4;
    for (size_t i = 0; args[i] && n < 15; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    return proc_run(p, dir, argv, NULL, 60);
}

/* The text holds a two-byte character before the figure: offsets must
 * count code points, not bytes. */
static const char *article = "Caf\xC3\xA9 notes\n\n"
                             "Oracle said its capital expenditure would be about $25 billion in "
                             "fiscal 2026, up from $21.2 billion.\n";

START_TEST(jsonl_shape)
{
    char *dir = tmpdir_new();
    char *file = path_in(dir, "a.txt");
    write_text(file, article);
    proc p;
    const char *args[] = {"--jsonl", file, NULL};
    ck_assert_msg(extract(&p, dir, args) == 0, "stderr: %s", p.err);
    json_error_t err;
    json_t *first = json_loads(p.out, JSON_DISABLE_EOF_CHECK, &err);
    ck_assert_msg(first != NULL, "not JSON: %s", p.out);
    ck_assert_str_eq(json_string_value(json_object_get(first, "text")), "about $25 billion");
    ck_assert_str_eq(json_string_value(json_object_get(first, "kind")), "money");
    ck_assert(json_number_value(json_object_get(first, "low")) == 25e9);
    ck_assert(json_number_value(json_object_get(first, "high")) == 25e9);
    ck_assert_str_eq(json_string_value(json_object_get(first, "unit")), "USD");
    ck_assert_str_eq(json_string_value(json_object_get(first, "qualifier")), "about");
    ck_assert_str_eq(json_string_value(json_object_get(first, "entity")), "Oracle");
    ck_assert_str_eq(json_string_value(json_object_get(first, "doc")), file);
    /* "Café notes\n\nOracle said its capital expenditure would be " is 57 code points */
    const char *at = strstr(article, "about $25");
    long bytes = (long)(at - article);
    ck_assert_int_eq(json_integer_value(json_object_get(first, "start")), bytes - 1);
    ck_assert_int_eq(json_integer_value(json_object_get(first, "end")), bytes - 1 + 17);
    ck_assert_ptr_null(json_object_get(first, "per")); /* absent fields are left out */
    json_decref(first);
    /* one line per fact */
    int lines = 0;
    for (const char *c = p.out; *c; c++)
        lines += *c == '\n';
    ck_assert_int_eq(lines, 2);
    proc_free(&p);
    free(file);
    tmpdir_free(dir);
}
END_TEST

START_TEST(explain_marks_figures)
{
    char *dir = tmpdir_new();
    char *file = path_in(dir, "a.txt");
    write_text(file, article);
    proc p;
    const char *args[] = {"--explain", file, NULL};
    ck_assert_int_eq(extract(&p, dir, args), 0);
    /* not a terminal: brackets, no colour */
    ck_assert_msg(contains(p.out, "[about $25 billion](1)"), "%s", p.out);
    ck_assert(contains(p.out, "[$21.2 billion](2)"));
    ck_assert(contains(p.out, "about $25bn"));
    ck_assert(contains(p.out, "Oracle"));
    ck_assert(contains(p.out, "cue: "));
    ck_assert(!contains(p.out, "\033["));
    proc_free(&p);
    free(file);
    tmpdir_free(dir);
}
END_TEST

START_TEST(bad_inputs_and_options)
{
    char *dir = tmpdir_new();
    char *good = path_in(dir, "good.txt"), *latin = path_in(dir, "latin.txt");
    write_text(good, article);
    write_text(latin, "caf\xE9 $5 billion\n");
    proc p;
    const char *missing[] = {"/no/such/file.txt", good, NULL};
    ck_assert_int_eq(extract(&p, dir, missing), 1);
    ck_assert(contains(p.err, "/no/such/file.txt: No such file"));
    ck_assert(contains(p.out, "about $25 billion")); /* the other file still done */
    proc_free(&p);
    const char *bad_utf8[] = {latin, NULL};
    ck_assert_int_eq(extract(&p, dir, bad_utf8), 1);
    ck_assert(contains(p.err, "not UTF-8 (byte 0xe9 at offset 3)"));
    proc_free(&p);
    const char *bad_key[] = {"--set", "colour=red", good, NULL};
    ck_assert_int_eq(extract(&p, dir, bad_key), 2);
    ck_assert(contains(p.err, "no config key 'colour'"));
    proc_free(&p);
    const char *bad_date[] = {"--date", "tomorrow", good, NULL};
    ck_assert_int_eq(extract(&p, dir, bad_date), 2);
    proc_free(&p);
    const char *sink[] = {"--plugin", "csv", good, NULL};
    ck_assert_int_eq(extract(&p, dir, sink), 2);
    ck_assert(contains(p.err, "is a sink"));
    proc_free(&p);
    const char *bad_entities[] = {"--entities", "/no/such/entities.tsv", good, NULL};
    ck_assert_int_eq(extract(&p, dir, bad_entities), 3);
    ck_assert(contains(p.err, "entities.tsv"));
    proc_free(&p);
    const char *none[] = {NULL};
    ck_assert_int_eq(extract(&p, dir, none), 2);
    proc_free(&p);
    free(good);
    free(latin);
    tmpdir_free(dir);
}
END_TEST

START_TEST(table_value_column)
{
    char *dir = tmpdir_new();
    char *csv = path_in(dir, "facts.csv");
    write_text(csv, "entity,kind,low,high,unit,per,qualifier,text\n"
                    "Meta,money,115000000000,135000000000,USD,,,\"$115 billion to $135 billion\"\n"
                    "Meta,power,5000000000,5000000000,W,,about,around 5GW\n"
                    "xAI,money,1250000000,1250000000,USD,month,,\"$1.25 billion per month\"\n"
                    "Nvidia,count,250000,250000,gpu,,at_least,250000+ GPUs\n"
                    "KOSPI,percent,7,7,%,,about,about 7%\n"
                    "Meta,power,2000000000,3000000000,W,,,2-3 GW\n"
                    "Meta,power,500000000,1500000000,W,,,0.5 to 1.5 GW\n");
    const char *argv[] = {ASSAY_BIN, "table", csv, "--columns", "entity,value,text", NULL};
    proc p;
    ck_assert_int_eq(proc_run(&p, dir, argv, NULL, 30), 0);
    ck_assert_msg(contains(p.out, "$115\xE2\x80\x93" "135bn"), "%s", p.out);
    ck_assert(contains(p.out, "about 5 GW"));
    ck_assert(contains(p.out, "$1.25bn/month"));
    ck_assert(contains(p.out, "at least 250,000 gpu"));
    ck_assert(contains(p.out, "about 7%"));
    ck_assert(contains(p.out, "2\xE2\x80\x93" "3 GW"));
    ck_assert(contains(p.out, "500 MW\xE2\x80\x93" "1.5 GW")); /* different scales: both said */
    ck_assert(contains(p.out, "(7 rows)"));
    proc_free(&p);
    const char *bad[] = {ASSAY_BIN, "table", csv, "--columns", "entity,nope", NULL};
    ck_assert_int_eq(proc_run(&p, dir, bad, NULL, 30), 2);
    ck_assert(contains(p.err, "no column 'nope'"));
    proc_free(&p);
    write_text(csv, "a,b\n\"unclosed,1\n");
    const char *broken[] = {ASSAY_BIN, "table", csv, NULL};
    ck_assert_int_eq(proc_run(&p, dir, broken, NULL, 30), 2);
    ck_assert(contains(p.err, "not closed"));
    proc_free(&p);
    free(csv);
    tmpdir_free(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("extract");
    TCase *tc = tcase_create("cli");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, jsonl_shape);
    tcase_add_test(tc, explain_marks_figures);
    tcase_add_test(tc, bad_inputs_and_options);
    tcase_add_test(tc, table_value_column);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
