/*
 * test_loader.c - the plugin loader refuses every broken plugin with one
 * clear message naming the file and what it expected, and never crashes.
 */
#include "testutil.h"

#include "loader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Loads path and expects a refusal mentioning each of the needles. */
static void refused(const char *path, const char *needle1, const char *needle2)
{
    loaded_plugin *p = NULL;
    char err[1024] = "";
    ck_assert_int_eq(loader_open_file(path, &p, err, sizeof err), -1);
    ck_assert_ptr_null(p);
    ck_assert_msg(contains(err, path), "message does not name the file: %s", err);
    ck_assert_msg(contains(err, needle1), "message lacks '%s': %s", needle1, err);
    if (needle2)
        ck_assert_msg(contains(err, needle2), "message lacks '%s': %s", needle2, err);
}

START_TEST(text_file)
{
    refused(BROKEN_DIR "/text.so", "not an ELF shared object", NULL);
    refused(BROKEN_DIR "/empty.so", "not an ELF shared object", "empty file");
}
END_TEST

START_TEST(object_file)
{
    refused(BROKEN_DIR "/object.so", "expected a shared object", "object file");
}
END_TEST

START_TEST(missing_file_and_folder)
{
    refused(BROKEN_DIR "/does-not-exist.so", "cannot open", NULL);
    refused(BROKEN_DIR, "not a regular file", NULL);
}
END_TEST

START_TEST(no_descriptor)
{
    refused(BROKEN_DIR "/nosym.so", "no 'assay_plugin_descriptor' symbol", "ASSAY_EXPORT");
}
END_TEST

START_TEST(tiny_descriptor)
{
    refused(BROKEN_DIR "/tiny.so", "too small for a descriptor", NULL);
}
END_TEST

START_TEST(wrong_magic)
{
    refused(BROKEN_DIR "/magic.so", "bad magic 0xdeadbeef", "expected 0x59415341");
}
END_TEST

START_TEST(other_abi_major)
{
    char found[64], expected[64];
    snprintf(found, sizeof found, "built for plugin ABI %d.%d", ASSAY_ABI_MAJOR + 1, ASSAY_ABI_MINOR);
    snprintf(expected, sizeof expected, "this assay provides ABI %d.%d", ASSAY_ABI_MAJOR,
             ASSAY_ABI_MINOR);
    refused(BROKEN_DIR "/major.so", found, expected);
}
END_TEST

START_TEST(newer_abi_minor)
{
    char found[64];
    snprintf(found, sizeof found, "built for plugin ABI %d.%d", ASSAY_ABI_MAJOR, ASSAY_ABI_MINOR + 1);
    refused(BROKEN_DIR "/minor.so", found, "upgrade assay");
}
END_TEST

START_TEST(short_descriptor)
{
    refused(BROKEN_DIR "/size.so", "descriptor says it is 16 bytes", NULL);
}
END_TEST

START_TEST(bad_default)
{
    refused(BROKEN_DIR "/default.so", "default of config key 'count' is not JSON of type integer", NULL);
}
END_TEST

START_TEST(missing_callback)
{
    refused(BROKEN_DIR "/norun.so", "a source needs a run() callback", NULL);
}
END_TEST

START_TEST(good_plugin_loads)
{
    loaded_plugin *p = NULL;
    char err[1024] = "";
    ck_assert_int_eq(loader_open_file(TEST_PLUGIN_DIR "/gen.so", &p, err, sizeof err), 0);
    ck_assert_str_eq(p->desc->name, "gen");
    ck_assert_int_eq(p->desc->kind, ASSAY_SOURCE);
    loader_release(p);
}
END_TEST

START_TEST(search_order)
{
    /* --plugin-path comes before ASSAY_PLUGIN_PATH, then the build tree */
    setenv("ASSAY_PLUGIN_PATH", "/env/one:/env/two", 1);
    loader L;
    loader_init(&L, "/cli/a:/cli/b");
    ck_assert_uint_ge(L.ndirs, 5);
    ck_assert_str_eq(L.dirs[0], "/cli/a");
    ck_assert_str_eq(L.dirs[1], "/cli/b");
    ck_assert_str_eq(L.dirs[2], "/env/one");
    ck_assert_str_eq(L.dirs[3], "/env/two");
    loader_free(&L);
    unsetenv("ASSAY_PLUGIN_PATH");
    loader_init(&L, TEST_PLUGIN_DIR);
    char err[1024];
    const loaded_plugin *p = loader_load(&L, "gen", err, sizeof err);
    ck_assert_msg(p != NULL, "%s", err);
    ck_assert_ptr_eq(loader_load(&L, "gen", err, sizeof err), p); /* cached */
    ck_assert_ptr_null(loader_load(&L, "no-such-plugin", err, sizeof err));
    ck_assert(contains(err, "not found (searched " TEST_PLUGIN_DIR));
    ck_assert_ptr_null(loader_load(&L, "../escape", err, sizeof err));
    loader_free(&L);
}
END_TEST

/* `assay plugins` lists what loads and reports what does not, without
 * crashing on the broken ones. */
START_TEST(plugins_command)
{
    proc p;
    const char *argv[] = {ASSAY_BIN, "--plugin-path", BROKEN_DIR ":" TEST_PLUGIN_DIR, "plugins", NULL};
    ck_assert_int_eq(proc_run(&p, NULL, argv, NULL, 60), 0);
    ck_assert(contains(p.out, "NAME"));
    ck_assert(contains(p.out, "gen "));
    ck_assert(contains(p.out, "files "));
    ck_assert(contains(p.err, "text.so: not an ELF shared object"));
    ck_assert(contains(p.err, "major.so: built for plugin ABI"));
    proc_free(&p);
    const char *one[] = {ASSAY_BIN, "--plugin-path", TEST_PLUGIN_DIR, "plugins", "gen", NULL};
    ck_assert_int_eq(proc_run(&p, NULL, one, NULL, 60), 0);
    ck_assert(contains(p.out, "count"));
    ck_assert(contains(p.out, "records to emit in all"));
    ck_assert(contains(p.out, "fact_id"));
    proc_free(&p);
    const char *none[] = {ASSAY_BIN, "plugins", "nope", NULL};
    ck_assert_int_eq(proc_run(&p, NULL, none, NULL, 60), 3);
    ck_assert(contains(p.err, "plugin 'nope' not found"));
    proc_free(&p);
    const char *bad_path[] = {ASSAY_BIN, "--plugin-path", "/does/not/exist", "plugins", "gen", NULL};
    ck_assert_int_eq(proc_run(&p, NULL, bad_path, NULL, 60), 3);
    proc_free(&p);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("loader");
    TCase *tc = tcase_create("abi");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, text_file);
    tcase_add_test(tc, object_file);
    tcase_add_test(tc, missing_file_and_folder);
    tcase_add_test(tc, no_descriptor);
    tcase_add_test(tc, tiny_descriptor);
    tcase_add_test(tc, wrong_magic);
    tcase_add_test(tc, other_abi_major);
    tcase_add_test(tc, newer_abi_minor);
    tcase_add_test(tc, short_descriptor);
    tcase_add_test(tc, bad_default);
    tcase_add_test(tc, missing_callback);
    tcase_add_test(tc, good_plugin_loads);
    tcase_add_test(tc, search_order);
    tcase_add_test(tc, plugins_command);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
