/*
 * test_pipeline.c - `assay check`'s diagnostics: every mistake a pipeline
 * file can hold is reported with its exact line and column.
 */
#include "testutil.h"

#include "ctx.h"
#include "diag.h"
#include "loader.h"
#include "mem.h"
#include "pipeline.h"

#include <stdlib.h>
#include <string.h>

typedef struct checked {
    const char *text; /* as written, to find where things stand */
    char *dir, *file;
    diags d;
    pipeline *p;
    loader L;
} checked;

/* Writes text to a pipeline file and checks it as `assay check` does. */
static void check_text(checked *c, const char *text, size_t len)
{
    c->text = text;
    c->dir = tmpdir_new();
    c->file = path_in(c->dir, "p.json");
    write_bytes(c->file, text, len);
    diags_init(&c->d, c->file);
    c->p = pipeline_load(c->file, &c->d);
    loader_init(&c->L, BUILD_PLUGIN_DIR ":" TEST_PLUGIN_DIR);
    if (c->p)
        pipeline_resolve(c->p, &c->L, &c->d);
}

static void check_str(checked *c, const char *text)
{
    check_text(c, text, strlen(text));
}

static void checked_free(checked *c)
{
    pipeline_free(c->p);
    loader_free(&c->L);
    diags_free(&c->d);
    free(c->file);
    tmpdir_free(c->dir);
}

static void dump(const checked *c)
{
    for (size_t i = 0; i < c->d.n; i++)
        fprintf(stderr, "  %d:%d %s%s | %s\n", c->d.items[i].line, c->d.items[i].col,
                c->d.items[i].warning ? "warning: " : "", c->d.items[i].msg,
                c->d.items[i].hint ? c->d.items[i].hint : "");
}

/* Asserts an error at line:col whose message contains msg and, if hint
 * is given, whose hint contains hint. */
static void expect(const checked *c, int line, int col, const char *msg, const char *hint)
{
    for (size_t i = 0; i < c->d.n; i++) {
        const diag_item *it = &c->d.items[i];
        if (!it->warning && it->line == line && it->col == col && contains(it->msg, msg) &&
            (!hint || contains(it->hint, hint)))
            return;
    }
    dump(c);
    ck_abort_msg("no error at %d:%d containing '%s' (hint '%s')", line, col, msg, hint ? hint : "");
}

/* The line and column (in code points, from 1) where the first occurrence
 * of needle starts in the pipeline text: counted here independently of
 * the code under test. */
static void position_of(const checked *c, const char *needle, int *line, int *col)
{
    const char *at = strstr(c->text, needle);
    ck_assert_msg(at != NULL, "test bug: '%s' is not in the pipeline text", needle);
    *line = 1, *col = 1;
    for (const char *p = c->text; p < at; p++) {
        if (*p == '\n')
            (*line)++, *col = 1;
        else if (((unsigned char)*p & 0xC0) != 0x80)
            (*col)++;
    }
}

/* Asserts an error where needle stands. */
static void expect_at(const checked *c, const char *needle, const char *msg, const char *hint)
{
    int line, col;
    position_of(c, needle, &line, &col);
    expect(c, line, col, msg, hint);
}

static void expect_ok(const checked *c)
{
    if (c->d.errors)
        dump(c);
    ck_assert_int_eq(c->d.errors, 0);
}

START_TEST(valid_pipeline)
{
    checked c;
    check_str(&c, "{\"name\": \"ok\",\n"
                  " \"sources\": [{\"id\": \"g\", \"plugin\": \"gen\", \"count\": 5}],\n"
                  " \"transforms\": [{\"id\": \"r\", \"plugin\": \"reject\", \"input\": \"g.facts\"}],\n"
                  " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [\"r\"], \"_note\": \"ignored\"}]}\n");
    expect_ok(&c);
    ck_assert_int_eq(c.p->nentries, 3);
    pl_entry *out = pipeline_entry(c.p, "out");
    ck_assert_int_eq(out->ctx->ninputs, 1); /* "r" alone means all its streams */
    ck_assert_int_eq(out->batch_size, 1000);
    /* defaults were filled in */
    ck_assert_str_eq(json_string_value(json_object_get(out->ctx->config, "mode")), "replace");
    checked_free(&c);
}
END_TEST

START_TEST(empty_and_blank_files)
{
    checked c;
    check_str(&c, "");
    expect(&c, 0, 0, "file is empty", NULL);
    checked_free(&c);
    check_str(&c, "  \n\t\n");
    expect(&c, 0, 0, "file is empty", NULL);
    checked_free(&c);
}
END_TEST

START_TEST(not_json)
{
    checked c;
    check_str(&c, "{\"name\": \"x\",\n  \"sources\": [}\n");
    expect(&c, 2, 15, "invalid JSON", NULL);
    checked_free(&c);
    check_str(&c, "{\"name\": \"x\", \"sources\": [");
    expect(&c, 1, 26, "invalid JSON", NULL); /* jansson: the last character read */
    checked_free(&c);
    check_str(&c, "[1, 2]");
    expect(&c, 1, 1, "must be a JSON object", NULL);
    checked_free(&c);
    check_str(&c, "{\"name\": \"x\", \"name\": \"y\"}");
    expect(&c, 1, 20, "duplicate", NULL); /* jansson: the end of the key */
    checked_free(&c);
}
END_TEST

START_TEST(not_utf8_and_nul)
{
    checked c;
    check_str(&c, "{\"name\": \"ok\",\n \"description\": \"caf\xE9\"}");
    expect_at(&c, "\xE9", "not valid UTF-8", "UTF-8");
    checked_free(&c);
    check_text(&c, "{\"name\": \"ok\"}\n\0", 16);
    expect(&c, 2, 1, "NUL byte", NULL); /* the byte after the newline */
    checked_free(&c);
}
END_TEST

START_TEST(oversized_file)
{
    size_t n = 10u << 20;
    char *big = malloc(n);
    memset(big, ' ', n);
    memcpy(big, "{\"name\": \"big\"}", 15);
    checked c;
    check_text(&c, big, n);
    expect(&c, 0, 0, "limited to", NULL);
    free(big);
    checked_free(&c);
}
END_TEST

START_TEST(unknown_top_level_key)
{
    checked c;
    check_str(&c, "{\n  \"name\": \"x\",\n  \"sources\": [{\"id\": \"g\", \"plugin\": \"gen\"}],\n"
                  "  \"sink\": []\n}\n");
    expect_at(&c, "\"sink\"", "unknown pipeline key 'sink'", "did you mean 'sinks'?");
    expect(&c, 1, 1, "pipeline has no sinks", NULL);
    checked_free(&c);
}
END_TEST

START_TEST(unknown_plugin_key_suggests)
{
    checked c;
    check_str(&c, "{\"name\": \"x\",\n"
                  " \"sources\": [{\"id\": \"in\", \"plugin\": \"files\",\n"
                  "              \"pathz\": [\"a\"]}],\n"
                  " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [\"in.documents\"]}]}\n");
    expect_at(&c, "\"pathz\"", "unknown key 'pathz' for plugin files", "did you mean 'paths'?");
    /* the hint carries the key's help text */
    expect_at(&c, "\"pathz\"", "pathz", "files, folders or glob patterns");
    /* and paths itself is now missing: reported at the entry */
    expect_at(&c, "{\"id\": \"in\"", "needs key 'paths'", NULL);
    checked_free(&c);
}
END_TEST

START_TEST(unknown_key_lists_keys)
{
    checked c;
    check_str(&c, "{\"name\": \"x\", \"sources\": [{\"id\": \"g\", \"plugin\": \"gen\", \"colour\": 1}],\n"
                  " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [\"g.facts\"]}]}\n");
    expect_at(&c, "\"colour\"", "unknown key 'colour'", "gen takes: count, every");
    checked_free(&c);
}
END_TEST

START_TEST(mistyped_values)
{
    checked c;
    check_str(&c, "{\"name\": \"x\",\n"
                  " \"sources\": [{\"id\": \"in\", \"plugin\": \"files\", \"paths\": [\"a\", 7],\n"
                  "   \"recursive\": \"yes\", \"max_bytes\": 1.5}],\n"
                  " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [\"in.documents\"],\n"
                  "   \"batch_size\": 0}]}\n");
    expect_at(&c, "7]", "must list strings, found an integer", NULL);
    expect_at(&c, "\"yes\"", "'recursive' of files 'in' must be boolean, found a string",
           "walk into sub-folders");
    expect_at(&c, "1.5", "must be integer, found a number", NULL);
    expect_at(&c, "0}", "batch_size must be an integer from 1", NULL);
    checked_free(&c);
}
END_TEST

START_TEST(environment_values)
{
    setenv("ASSAY_TEST_COUNT", "12", 1);
    setenv("ASSAY_TEST_WORD", "twelve", 1);
    unsetenv("ASSAY_TEST_MISSING");
    checked c;
    check_str(&c, "{\"name\": \"x\", \"sources\": [{\"id\": \"g\", \"plugin\": \"gen\", \"count\": \"${ASSAY_TEST_COUNT}\"}],\n"
                  " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [\"g.facts\"], \"dir\": \"${ASSAY_TEST_MISSING:-fallback}\"}]}\n");
    expect_ok(&c);
    ck_assert_int_eq(json_integer_value(json_object_get(pipeline_entry(c.p, "g")->ctx->config, "count")), 12);
    ck_assert_str_eq(json_string_value(json_object_get(pipeline_entry(c.p, "out")->ctx->config, "dir")), "fallback");
    checked_free(&c);
    check_str(&c, "{\"name\": \"x\", \"sources\": [{\"id\": \"g\", \"plugin\": \"gen\", \"count\": \"${ASSAY_TEST_WORD}\"}],\n"
                  " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [\"g.facts\"], \"dir\": \"${ASSAY_TEST_MISSING}\"}]}\n");
    expect_at(&c, "\"${ASSAY_TEST_MISSING}", "environment variable ASSAY_TEST_MISSING is not set", "${ASSAY_TEST_MISSING:-value}");
    checked_free(&c);
    check_str(&c, "{\"name\": \"x\", \"sources\": [{\"id\": \"g\", \"plugin\": \"gen\", \"count\": \"${ASSAY_TEST_WORD}\"}],\n"
                  " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [\"g.facts\"]}]}\n");
    expect_at(&c, "\"${ASSAY_TEST_WORD}", "must be integer; the environment made it 'twelve'", NULL);
    checked_free(&c);
}
END_TEST

START_TEST(inputs_that_do_not_resolve)
{
    checked c;
    check_str(&c, "{\"name\": \"x\",\n"
                  " \"sources\": [{\"id\": \"news\", \"plugin\": \"gen\"}],\n"
                  " \"sinks\": [{\"id\": \"a\", \"plugin\": \"csv\", \"input\": [\"nwes.facts\"]},\n"
                  "           {\"id\": \"b\", \"plugin\": \"csv\", \"input\": [\"news.fact\"]},\n"
                  "           {\"id\": \"c\", \"plugin\": \"csv\", \"input\": [\"a.facts\"]},\n"
                  "           {\"id\": \"d\", \"plugin\": \"csv\", \"input\": [\"bad input!\"]}]}\n");
    expect_at(&c, "\"nwes.facts\"", "input names 'nwes', which is not an id", "did you mean 'news'?");
    expect_at(&c, "\"news.fact\"", "'news' emits no stream 'fact'", "did you mean 'news.facts'?");
    expect_at(&c, "\"a.facts\"", "'a' is a sink: it emits nothing", NULL);
    expect_at(&c, "\"bad input!\"", "malformed input 'bad input!'", NULL);
    checked_free(&c);
}
END_TEST

START_TEST(inputs_where_they_do_not_belong)
{
    checked c;
    check_str(&c, "{\"name\": \"x\",\n"
                  " \"sources\": [{\"id\": \"g\", \"plugin\": \"gen\", \"input\": [\"x.y\"]}],\n"
                  " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\"}]}\n");
    expect_at(&c, "\"input\"", "source 'g' cannot have an input", NULL);
    expect_at(&c, "{\"id\": \"out\"", "sink 'out' has no input", NULL);
    checked_free(&c);
}
END_TEST

START_TEST(duplicate_ids)
{
    checked c;
    check_str(&c, "{\"name\": \"x\",\n"
                  " \"sources\": [{\"id\": \"g\", \"plugin\": \"gen\"}],\n"
                  " \"sinks\": [{\"id\": \"g\", \"plugin\": \"csv\", \"input\": [\"g.facts\"]}]}\n");
    expect(&c, 3, 19, "duplicate id 'g'", "line 2, column 14");
    checked_free(&c);
}
END_TEST

START_TEST(cycles)
{
    checked c;
    check_str(&c, "{\"name\": \"x\",\n"
                  " \"sources\": [{\"id\": \"g\", \"plugin\": \"gen\"}],\n"
                  " \"transforms\": [{\"id\": \"a\", \"plugin\": \"reject\", \"input\": [\"g.facts\", \"b.facts\"]},\n"
                  "                {\"id\": \"b\", \"plugin\": \"reject\", \"input\": [\"a.facts\"]}],\n"
                  " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [\"b.facts\"]}]}\n");
    int found = 0;
    for (size_t i = 0; i < c.d.n; i++)
        found |= contains(c.d.items[i].msg, "inputs form a cycle") &&
                 (contains(c.d.items[i].msg, "a -> b -> a") || contains(c.d.items[i].msg, "b -> a -> b"));
    if (!found)
        dump(&c);
    ck_assert(found);
    checked_free(&c);
}
END_TEST

START_TEST(plugin_problems)
{
    checked c;
    check_str(&c, "{\"name\": \"x\",\n"
                  " \"sources\": [{\"id\": \"g\", \"plugin\": \"nosuchplugin\"},\n"
                  "             {\"id\": \"h\", \"plugin\": \"csv\"}],\n"
                  " \"sinks\": [{\"id\": \"out\", \"plugin\": \"" BROKEN_DIR "/text.so\", \"input\": [\"g\"]}]}\n");
    expect_at(&c, "\"nosuchplugin\"", "plugin 'nosuchplugin' not found (searched ", NULL);
    expect_at(&c, "\"csv\"", "plugin csv is a sink, not a source", "list it under \"sinks\"");
    expect_at(&c, "\"" BROKEN_DIR, "not an ELF shared object", NULL);
    checked_free(&c);
}
END_TEST

START_TEST(plugin_declare_errors)
{
    /* files' declare() refuses a jsonl schema it cannot use */
    checked c;
    check_str(&c, "{\"name\": \"x\",\n"
                  " \"sources\": [{\"id\": \"in\", \"plugin\": \"files\", \"paths\": [\"a\"],\n"
                  "   \"jsonl_stream\": \"events\", \"jsonl_fields\": {\"n\": \"integer\"}}],\n"
                  " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [\"in.events\"]}]}\n");
    expect_at(&c, "{\"id\": \"in\"", "field 'n' has no known type", NULL);
    checked_free(&c);
    check_str(&c, "{\"name\": \"x\",\n"
                  " \"sources\": [{\"id\": \"in\", \"plugin\": \"files\", \"paths\": [\"a\"],\n"
                  "   \"jsonl_stream\": \"events\", \"jsonl_fields\": {\"n\": \"int\", \"s\": \"string\"}}],\n"
                  " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [\"in.events\"]}]}\n");
    expect_ok(&c);
    checked_free(&c);
}
END_TEST

START_TEST(bad_names_and_settings)
{
    checked c;
    check_str(&c, "{\"name\": \"../etc\", \"on_error\": \"ignore\", \"dead_letter\": 5,\n"
                  " \"sources\": {\"id\": \"g\"}, \"sinks\": [7]}\n");
    expect_at(&c, "\"../etc\"", "bad pipeline name", NULL);
    expect_at(&c, "\"ignore\"", "on_error must be \"dead_letter\" or \"fail\"", NULL);
    expect_at(&c, "5,", "dead_letter must be a file path", NULL);
    expect_at(&c, "{\"id\": \"g\"}", "'sources' must be an array of objects", NULL);
    expect_at(&c, "7]", "each of 'sinks' must be an object", NULL);
    checked_free(&c);
    check_str(&c, "{\"sources\": [{\"plugin\": \"gen\"}], \"sinks\": [{\"id\": \"a b\", \"plugin\": \"csv\"}]}");
    expect(&c, 1, 1, "pipeline has no \"name\"", NULL);
    expect_at(&c, "{\"plugin\"", "entry has no \"id\"", NULL);
    expect_at(&c, "\"a b\"", "bad id", NULL);
    checked_free(&c);
}
END_TEST

/* The command itself: exit codes and the printed positions. */
START_TEST(check_command)
{
    char *dir = tmpdir_new();
    char *good = path_in(dir, "good.json"), *bad = path_in(dir, "bad.json");
    write_text(good, "{\"name\": \"x\", \"sources\": [{\"id\": \"g\", \"plugin\": \"gen\"}],\n"
                     " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [\"g.facts\"]}]}\n");
    write_text(bad, "{\"name\": \"x\", \"sources\": [{\"id\": \"g\", \"plugin\": \"gen\", \"cuont\": 3}],\n"
                    " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [\"g.facts\"]}]}\n");
    proc p;
    const char *ok_args[] = {"check", good, NULL};
    ck_assert_int_eq(assay_run(&p, dir, ok_args, 60), 0);
    ck_assert(contains(p.out, "ok: pipeline 'x', 1 source, 0 transforms, 1 sink"));
    proc_free(&p);
    const char *bad_args[] = {"check", bad, NULL};
    ck_assert_int_eq(assay_run(&p, dir, bad_args, 60), 2);
    char where[4200];
    snprintf(where, sizeof where, "%s:1:56: error: unknown key 'cuont' for plugin gen", bad);
    ck_assert_msg(contains(p.err, where), "stderr: %s", p.err);
    ck_assert(contains(p.err, "hint: did you mean 'count'?"));
    proc_free(&p);
    /* the plugins' own checks run too */
    write_text(good, "{\"name\": \"x\", \"sources\": [{\"id\": \"g\", \"plugin\": \"gen\"}],\n"
                     " \"sinks\": [{\"id\": \"s\", \"plugin\": \"failsink\", \"input\": [\"g\"], \"check_fails\": true}]}\n");
    ck_assert_int_eq(assay_run(&p, dir, ok_args, 60), 2);
    snprintf(where, sizeof where, "%s:2:12: error: failsink 's': failsink: cannot reach its store", good);
    ck_assert_msg(contains(p.err, where), "stderr: %s", p.err);
    proc_free(&p);
    const char *missing_args[] = {"check", "/nonexistent/pipeline.json", NULL};
    ck_assert_int_eq(assay_run(&p, dir, missing_args, 60), 2);
    ck_assert(contains(p.err, "cannot open"));
    proc_free(&p);
    const char *usage[] = {"check", NULL};
    ck_assert_int_eq(assay_run(&p, dir, usage, 60), 2);
    proc_free(&p);
    free(good);
    free(bad);
    tmpdir_free(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pipeline");
    TCase *tc = tcase_create("check");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, valid_pipeline);
    tcase_add_test(tc, empty_and_blank_files);
    tcase_add_test(tc, not_json);
    tcase_add_test(tc, not_utf8_and_nul);
    tcase_add_test(tc, oversized_file);
    tcase_add_test(tc, unknown_top_level_key);
    tcase_add_test(tc, unknown_plugin_key_suggests);
    tcase_add_test(tc, unknown_key_lists_keys);
    tcase_add_test(tc, mistyped_values);
    tcase_add_test(tc, environment_values);
    tcase_add_test(tc, inputs_that_do_not_resolve);
    tcase_add_test(tc, inputs_where_they_do_not_belong);
    tcase_add_test(tc, duplicate_ids);
    tcase_add_test(tc, cycles);
    tcase_add_test(tc, plugin_problems);
    tcase_add_test(tc, plugin_declare_errors);
    tcase_add_test(tc, bad_names_and_settings);
    tcase_add_test(tc, check_command);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
