/*
 * test_files.c - the files source: text kept byte for byte, HTML made
 * visible text, JSON lines, folders and globs, and every bad input (too
 * big, binary, not UTF-8, missing, bad lines) skipped with a dead letter.
 */
#include "testutil.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct env {
    char *dir, *pipeline, *csv, *dl;
} env;

static void env_init(env *e, const char *source_cfg)
{
    e->dir = tmpdir_new();
    e->pipeline = path_in(e->dir, "p.json");
    e->csv = path_in(e->dir, "out/documents.csv");
    e->dl = path_in(e->dir, "state/ft/dead-letter.jsonl");
    char text[4096];
    snprintf(text, sizeof text,
             "{\"name\": \"ft\",\n"
             " \"sources\": [{\"id\": \"in\", \"plugin\": \"files\", %s}],\n"
             " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [\"in.documents\"]}]}\n",
             source_cfg);
    write_text(e->pipeline, text);
    char *data = path_in(e->dir, "data");
    mkdir(data, 0755);
    free(data);
}

static void env_free(env *e)
{
    free(e->pipeline);
    free(e->csv);
    free(e->dl);
    tmpdir_free(e->dir);
}

static void mkdir_in(env *e, const char *name)
{
    char *p = path_in(e->dir, name);
    mkdir(p, 0755);
    free(p);
}

static void put(env *e, const char *name, const char *data, size_t len)
{
    char *p = path_in(e->dir, name);
    write_bytes(p, data, len);
    free(p);
}

static void puts_file(env *e, const char *name, const char *text)
{
    put(e, name, text, strlen(text));
}

static int run(env *e, proc *p)
{
    const char *args[] = {"run", e->pipeline, NULL};
    return assay_run(p, e->dir, args, 120);
}

/* Rows of documents.csv as read by Python, keyed by a column. */
static json_t *rows(env *e)
{
    char *j = python_csv_json(e->csv);
    ck_assert_ptr_nonnull(j);
    json_t *r = json_loads(j, 0, NULL);
    free(j);
    return r;
}

static int column(json_t *rs, const char *name)
{
    json_t *h = json_array_get(rs, 0);
    for (size_t i = 0; i < json_array_size(h); i++)
        if (strcmp(json_string_value(json_array_get(h, i)), name) == 0)
            return (int)i;
    ck_abort_msg("no column %s", name);
    return -1;
}

/* The row whose url ends with suffix, or NULL. */
static json_t *row_for(json_t *rs, const char *suffix)
{
    int url = column(rs, "url");
    for (size_t i = 1; i < json_array_size(rs); i++) {
        const char *u = json_string_value(json_array_get(json_array_get(rs, i), (size_t)url));
        size_t n = strlen(u), m = strlen(suffix);
        if (n >= m && strcmp(u + n - m, suffix) == 0)
            return json_array_get(rs, i);
    }
    return NULL;
}

static const char *cell(json_t *rs, json_t *row, const char *col)
{
    return json_string_value(json_array_get(row, (size_t)column(rs, col)));
}

START_TEST(folder_of_mixed_files)
{
    env e;
    env_init(&e, "\"paths\": [\"data\"], \"max_bytes\": 4096");
    mkdir_in(&e, "data/sub");
    const char *article = "Meta raises capex\r\n\r\nMeta said it will spend $70 billion in 2025.\n";
    puts_file(&e, "data/a.txt", article);
    puts_file(&e, "data/b.html",
              "<html><head><title>A &amp; B</title><style>p{}</style>"
              "<script>var x = 1;</script></head><body><p>First &euro;1bn.</p><div>Second</div></body></html>");
    puts_file(&e, "data/sub/d.txt", "Nested file\n");
    puts_file(&e, "data/.hidden.txt", "editors leave these\n");
    puts_file(&e, "data/notes.bin", "not a text extension\n");
    put(&e, "data/binary.txt", "abc\0def", 7);
    char big[5000];
    memset(big, 'x', sizeof big);
    put(&e, "data/big.txt", big, sizeof big);
    puts_file(&e, "data/latin1.txt", "caf\xE9 cr\xE8me \x80 5\n");
    puts_file(&e, "data/empty.txt", "");
    proc p;
    ck_assert_int_eq(run(&e, &p), 1); /* binary and big were dead-lettered */
    proc_free(&p);
    json_t *rs = rows(&e);
    ck_assert_int_eq(json_array_size(rs), 6); /* header + a, b, sub/d, latin1, empty */
    json_t *a = row_for(rs, "/data/a.txt");
    ck_assert_ptr_nonnull(a);
    ck_assert_str_eq(cell(rs, a, "text"), article); /* byte for byte, CRLF kept */
    ck_assert_str_eq(cell(rs, a, "title"), "Meta raises capex");
    ck_assert_str_eq(cell(rs, a, "kind"), "article");
    ck_assert_str_eq(cell(rs, a, "source"), "in");
    ck_assert_int_eq(strlen(cell(rs, a, "id")), 32);
    ck_assert_int_eq(strlen(cell(rs, a, "content_hash")), 64);
    json_t *b = row_for(rs, "/data/b.html");
    ck_assert_str_eq(cell(rs, b, "title"), "A & B");
    ck_assert(contains(cell(rs, b, "text"), "First \xE2\x82\xAC" "1bn."));
    ck_assert(contains(cell(rs, b, "text"), "Second"));
    ck_assert(!contains(cell(rs, b, "text"), "var x"));
    ck_assert(!contains(cell(rs, b, "text"), "p{}"));
    ck_assert_ptr_nonnull(row_for(rs, "/data/sub/d.txt"));
    ck_assert_ptr_null(row_for(rs, "/data/.hidden.txt"));
    ck_assert_ptr_null(row_for(rs, "/data/notes.bin"));
    json_t *l = row_for(rs, "/data/latin1.txt");
    ck_assert_str_eq(cell(rs, l, "text"), "caf\xC3\xA9 cr\xC3\xA8me \xE2\x82\xAC 5\n");
    json_decref(rs);
    char *dl = read_text(e.dl, NULL);
    ck_assert(contains(dl, "binary.txt: binary data, not text"));
    ck_assert(contains(dl, "big.txt: 5000 bytes, over the max_bytes limit of 4096"));
    free(dl);
    env_free(&e);
}
END_TEST

START_TEST(ids_are_stable)
{
    env e;
    env_init(&e, "\"paths\": [\"data/*.txt\"]");
    puts_file(&e, "data/a.txt", "same text\n");
    proc p;
    ck_assert_int_eq(run(&e, &p), 0);
    proc_free(&p);
    json_t *first = rows(&e);
    ck_assert_int_eq(run(&e, &p), 0);
    proc_free(&p);
    json_t *second = rows(&e);
    ck_assert_str_eq(cell(first, json_array_get(first, 1), "id"),
                     cell(second, json_array_get(second, 1), "id"));
    json_decref(first);
    json_decref(second);
    env_free(&e);
}
END_TEST

START_TEST(missing_paths_and_empty_globs)
{
    env e;
    env_init(&e, "\"paths\": [\"data/nope.txt\", \"data/*.md\", \"data/ok.txt\"]");
    puts_file(&e, "data/ok.txt", "fine\n");
    proc p;
    ck_assert_int_eq(run(&e, &p), 1);
    proc_free(&p);
    char *dl = read_text(e.dl, NULL);
    ck_assert(contains(dl, "data/nope.txt: No such file or directory"));
    ck_assert(contains(dl, "data/*.md: the pattern matches no files"));
    ck_assert(contains(dl, "\"detail\":{\"file\":\"data/nope.txt\"}"));
    free(dl);
    ck_assert_int_eq(python_csv_rows(e.csv), 1);
    env_free(&e);
}
END_TEST

START_TEST(jsonl_documents)
{
    env e;
    env_init(&e, "\"paths\": [\"data/docs.jsonl\"], \"max_bytes\": 200");
    char line[400];
    memset(line, 'y', sizeof line);
    line[sizeof line - 1] = '\0';
    char text[2048];
    snprintf(text, sizeof text,
             "{\"id\": \"d1\", \"text\": \"first\", \"published_at\": \"2026-01-02T03:04:05Z\"}\n"
             "{\"id\": \"d2\", \"title\": \"no text\"}\n"
             "{\"id\": \"d3\", \"text\": \"%s\"}\n"
             "{\"id\": \"d4\", \"text\": \"last, with no newline\"}",
             line);
    puts_file(&e, "data/docs.jsonl", text);
    proc p;
    ck_assert_int_eq(run(&e, &p), 1);
    proc_free(&p);
    json_t *rs = rows(&e);
    ck_assert_int_eq(json_array_size(rs), 3);
    ck_assert_str_eq(cell(rs, json_array_get(rs, 1), "published_at"), "2026-01-02T03:04:05Z");
    ck_assert_str_eq(cell(rs, json_array_get(rs, 2), "text"), "last, with no newline");
    json_decref(rs);
    char *dl = read_text(e.dl, NULL);
    ck_assert(contains(dl, "field text: required, but not set"));
    ck_assert(contains(dl, "line 3: line longer than max_bytes"));
    free(dl);
    env_free(&e);
}
END_TEST

START_TEST(incremental_skips_unchanged_files)
{
    env e;
    env_init(&e, "\"paths\": [\"data\"], \"incremental\": true");
    puts_file(&e, "data/a.txt", "one\n");
    puts_file(&e, "data/b.txt", "two\n");
    proc p;
    ck_assert_int_eq(run(&e, &p), 0);
    proc_free(&p);
    ck_assert_int_eq(python_csv_rows(e.csv), 2);
    ck_assert_int_eq(run(&e, &p), 0);
    ck_assert(contains(p.out, "\"unchanged\":2"));
    proc_free(&p);
    ck_assert_int_eq(python_csv_rows(e.csv), 0); /* replace mode: this run found nothing new */
    struct timespec nap = {0, 20 * 1000000};
    nanosleep(&nap, NULL);
    puts_file(&e, "data/b.txt", "two, changed\n");
    ck_assert_int_eq(run(&e, &p), 0);
    proc_free(&p);
    ck_assert_int_eq(python_csv_rows(e.csv), 1);
    env_free(&e);
}
END_TEST

START_TEST(not_recursive)
{
    env e;
    env_init(&e, "\"paths\": \"data\", \"recursive\": false");
    mkdir_in(&e, "data/sub");
    puts_file(&e, "data/top.txt", "top\n");
    puts_file(&e, "data/sub/deep.txt", "deep\n");
    proc p;
    ck_assert_int_eq(run(&e, &p), 0);
    proc_free(&p);
    ck_assert_int_eq(python_csv_rows(e.csv), 1);
    env_free(&e);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("files");
    TCase *tc = tcase_create("source");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, folder_of_mixed_files);
    tcase_add_test(tc, ids_are_stable);
    tcase_add_test(tc, missing_paths_and_empty_globs);
    tcase_add_test(tc, jsonl_documents);
    tcase_add_test(tc, incremental_skips_unchanged_files);
    tcase_add_test(tc, not_recursive);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
