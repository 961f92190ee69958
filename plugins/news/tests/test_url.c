/* test_url.c - resolving and canonicalising URLs (news_url.h): RFC 3986's
 * own resolution examples, and the canonical form as tables of input and
 * expected output. */
#include "news_url.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

typedef struct pair {
    const char *in, *want;
} pair;

/* RFC 3986 section 5.4.1, base "http://a/b/c/d;p?q". */
START_TEST(rfc3986_normal_examples)
{
    static const pair cases[] = {
        {"g:h", "g:h"},           {"g", "http://a/b/c/g"},        {"./g", "http://a/b/c/g"},
        {"g/", "http://a/b/c/g/"}, {"/g", "http://a/g"},           {"//g", "http://g"},
        {"?y", "http://a/b/c/d;p?y"}, {"g?y", "http://a/b/c/g?y"}, {"#s", "http://a/b/c/d;p?q#s"},
        {"g#s", "http://a/b/c/g#s"}, {"g?y#s", "http://a/b/c/g?y#s"}, {";x", "http://a/b/c/;x"},
        {"g;x", "http://a/b/c/g;x"}, {"g;x?y#s", "http://a/b/c/g;x?y#s"},
        {"", NULL}, /* empty: nothing to resolve */
        {".", "http://a/b/c/"},   {"./", "http://a/b/c/"},        {"..", "http://a/b/"},
        {"../", "http://a/b/"},   {"../g", "http://a/b/g"},       {"../..", "http://a/"},
        {"../../", "http://a/"},  {"../../g", "http://a/g"},
        /* abnormal examples (5.4.2) */
        {"../../../g", "http://a/g"}, {"../../../../g", "http://a/g"}, {"/./g", "http://a/g"},
        {"/../g", "http://a/g"},  {"g.", "http://a/b/c/g."},      {".g", "http://a/b/c/.g"},
        {"g..", "http://a/b/c/g.."}, {"..g", "http://a/b/c/..g"}, {"./../g", "http://a/b/g"},
        {"./g/.", "http://a/b/c/g/"}, {"g/./h", "http://a/b/c/g/h"}, {"g/../h", "http://a/b/c/h"},
        {"g;x=1/./y", "http://a/b/c/g;x=1/y"}, {"g;x=1/../y", "http://a/b/c/y"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = url_resolve("http://a/b/c/d;p?q", cases[i].in);
        if (!cases[i].want)
            ck_assert_msg(got == NULL, "'%s' -> '%s', want nothing", cases[i].in, got);
        else
            ck_assert_msg(got && strcmp(got, cases[i].want) == 0, "'%s' -> '%s', want '%s'",
                          cases[i].in, got ? got : "(null)", cases[i].want);
        free(got);
    }
}
END_TEST

START_TEST(resolve_edges)
{
    char *u = url_resolve(NULL, "/relative");
    ck_assert_ptr_null(u); /* no base */
    u = url_resolve("not-absolute", "x");
    ck_assert_ptr_null(u);
    u = url_resolve("http://h/feeds/a.xml", "  \n\t /articles/1.html \n");
    ck_assert_str_eq(u, "http://h/articles/1.html"); /* feeds wrap links in whitespace */
    free(u);
    u = url_resolve("http://h/feeds/a.xml", "https://other/x/../y");
    ck_assert_str_eq(u, "https://other/y");
    free(u);
    u = url_resolve("http://h/a/b", "c\nd"); /* a line break inside a link */
    ck_assert_str_eq(u, "http://h/a/cd");
    free(u);
}
END_TEST

START_TEST(canonical_forms)
{
    static const pair cases[] = {
        {"HTTP://Example.COM/A/b", "http://example.com/A/b"},
        {"http://example.com", "http://example.com/"},
        {"http://example.com:80/x", "http://example.com/x"},
        {"https://example.com:443/x", "https://example.com/x"},
        {"https://example.com:8443/x", "https://example.com:8443/x"},
        {"http://example.com:443/x", "http://example.com:443/x"},
        {"http://example.com./x", "http://example.com/x"},
        {"http://user:pw@example.com/x", "http://example.com/x"},
        {"http://example.com/x#frag", "http://example.com/x"},
        {"http://example.com/a/./b/../c", "http://example.com/a/c"},
        {"http://example.com/%7euser/%2e/x/%2E%2e/y", "http://example.com/~user/y"},
        {"http://example.com/a%2fb%3a", "http://example.com/a%2Fb%3A"},
        {"http://example.com/a b", "http://example.com/a%20b"},
        {"http://example.com/caf\xc3\xa9", "http://example.com/caf%C3%A9"},
        {"http://example.com/100%", "http://example.com/100%25"},
        {"http://example.com/x?utm_source=rss&utm_medium=feed", "http://example.com/x"},
        {"http://example.com/x?id=3&utm_campaign=a&page=2", "http://example.com/x?id=3&page=2"},
        {"http://example.com/x?fbclid=abc", "http://example.com/x"},
        {"http://example.com/x?GCLID=abc&b=1", "http://example.com/x?b=1"},
        {"http://example.com/x?mc_cid=1&mc_eid=2&msclkid=3&q=a", "http://example.com/x?q=a"},
        {"http://example.com/x?", "http://example.com/x"},
        {"http://example.com/x?a=1&&b=2", "http://example.com/x?a=1&b=2"},
        {"http://example.com/x?b=2&a=1", "http://example.com/x?b=2&a=1"}, /* order kept */
        {"http://example.com/x?utm=1", "http://example.com/x?utm=1"},     /* not utm_ */
        {"http://[::1]:8080/x", "http://[::1]:8080/x"},
        {"  http://example.com/x  ", "http://example.com/x"},
        {"http://127.0.0.1:41234/articles/html/a.html?utm_source=rss#comments",
         "http://127.0.0.1:41234/articles/html/a.html"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *why = NULL;
        char *got = url_canonical(cases[i].in, NULL, &why);
        ck_assert_msg(got && strcmp(got, cases[i].want) == 0, "'%s' -> '%s' (%s), want '%s'",
                      cases[i].in, got ? got : "(null)", got ? "" : why, cases[i].want);
        /* canonical forms are fixed points */
        char *again = url_canonical(got, NULL, &why);
        ck_assert_str_eq(again, got);
        free(again);
        free(got);
    }
}
END_TEST

START_TEST(canonical_refusals)
{
    static const pair cases[] = {
        {"ftp://example.com/x", "not an http(s) URL"},
        {"file:///etc/passwd", "not an http(s) URL"},
        {"javascript:alert(1)", "not an http(s) URL"},
        {"/relative/path", "not an absolute URL"},
        {"http:///x", "no host"},
        {"http://example.com:99999/", "bad port"},
        {"http://example.com:8a/", "bad port"},
        {"http://exa mple.com/", "bad host"},
        {"", "empty URL"},
        {"   ", "empty URL"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *why = NULL;
        char *got = url_canonical(cases[i].in, NULL, &why);
        ck_assert_msg(got == NULL, "'%s' accepted as '%s'", cases[i].in, got);
        ck_assert_msg(why && strcmp(why, cases[i].want) == 0, "'%s': '%s', want '%s'",
                      cases[i].in, why, cases[i].want);
    }
}
END_TEST

START_TEST(extra_parameters)
{
    const char *extra[] = {"ref", "cmp_*", NULL};
    const char *why;
    char *got = url_canonical("https://e.com/a?ref=home&cmp_x=1&CMP_Y=2&id=7", extra, &why);
    ck_assert_str_eq(got, "https://e.com/a?id=7");
    free(got);
    ck_assert(url_is_tracking_param("utm_content", 11));
    ck_assert(!url_is_tracking_param("utm_", 4));
    ck_assert(!url_is_tracking_param("id", 2));
}
END_TEST

START_TEST(outlets)
{
    char out[64];
    ck_assert_int_eq(url_outlet("https://WWW.Example.com:8443/x", out, sizeof out), 0);
    ck_assert_str_eq(out, "example.com");
    ck_assert_int_eq(url_outlet("http://news.example.co.uk/", out, sizeof out), 0);
    ck_assert_str_eq(out, "news.example.co.uk");
    ck_assert_int_eq(url_outlet("no url", out, sizeof out), -1);
    ck_assert_str_eq(out, "");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("news_url");
    TCase *tc = tcase_create("url");
    tcase_add_test(tc, rfc3986_normal_examples);
    tcase_add_test(tc, resolve_edges);
    tcase_add_test(tc, canonical_forms);
    tcase_add_test(tc, canonical_refusals);
    tcase_add_test(tc, extra_parameters);
    tcase_add_test(tc, outlets);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
