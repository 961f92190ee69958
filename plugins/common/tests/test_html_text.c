/* test_html_text.c - html_to_text() and the pieces under it. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "html_charset.h"
#include "html_text.h"
#include "utf8.h"

static char *text, *title;
static size_t tlen;
static char err[256];

static void teardown(void)
{
    free(text);
    free(title);
    text = title = NULL;
}

/* The rules every output keeps: valid UTF-8, no NUL, no line ending in a
 * space or tab, never more than one blank line, no leading/trailing
 * blank lines. */
static void check_invariants(const char *s, size_t n)
{
    ck_assert_uint_eq(strlen(s), n);
    ck_assert_msg(utf8_valid(s, n), "output is not valid UTF-8");
    ck_assert_ptr_null(strstr(s, "\n\n\n"));
    ck_assert_ptr_null(strstr(s, " \n"));
    ck_assert_ptr_null(strstr(s, "\t\n"));
    if (n) {
        ck_assert(s[0] != '\n' && s[0] != ' ');
        ck_assert(s[n - 1] != '\n' && s[n - 1] != ' ' && s[n - 1] != '\t');
    }
    /* (one check per byte would be slow: each ck_assert logs a line) */
    ck_assert_ptr_null(memchr(s, '\0', n));
}

static void run_n(const char *html, size_t len, const char *charset)
{
    int rc = html_to_text(html, len, charset, &text, &tlen, &title, err, sizeof err);
    ck_assert_msg(rc == 0, "html_to_text failed: %s", err);
    ck_assert_ptr_nonnull(text);
    check_invariants(text, tlen);
}

static void run(const char *html)
{
    run_n(html, strlen(html), NULL);
}

START_TEST(test_entities)
{
    run("<p>a &amp; b &lt;c&gt; caf&eacute; &#x263A; &#233; x&nbsp;&nbsp;y&nbsp;</p>");
    ck_assert_str_eq(text, "a & b <c> caf\xC3\xA9 \xE2\x98\xBA \xC3\xA9 x y");
}
END_TEST

START_TEST(test_nested_blocks)
{
    run("<html><body><div><div><p>One</p><p>Two <b>bold</b> and "
        "<i>it</i>.</p></div><div>Three</div>Four<ul><li>a</li><li>b</li>"
        "</ul><h2>Head</h2><table><tr><td>c1</td><td>c2</td></tr>"
        "<tr><td>c3</td></tr></table></div></body></html>");
    ck_assert_str_eq(text, "One\n\nTwo bold and it.\n\nThree\nFour\n\na\nb\n\n"
                           "Head\n\nc1 c2\nc3");
}
END_TEST

START_TEST(test_whitespace_collapse)
{
    run("<p>  lots   of\n\n  space\t here  </p>\n\n\n<p>\n</p><p> x </p>"
        "<span>in</span><span>line</span> <em> gap </em>");
    ck_assert_str_eq(text, "lots of space here\n\nx\n\ninline gap");
}
END_TEST

START_TEST(test_script_style_removed)
{
    run("<html><head><title> The  Title </title><style>p{color:red}</style>"
        "<script>var x = '<p>no</p>';</script><meta charset=utf-8></head>"
        "<body><script>alert(1)</script><p>keep</p><noscript>no js</noscript>"
        "<template><p>tpl</p></template><svg><title>icon</title><text>svg</text>"
        "</svg><style>.a{}</style><div hidden>secret</div>"
        "<div style=\"DISPLAY: none\">gone</div><p>also kept</p></body></html>");
    ck_assert_str_eq(text, "keep\n\nalso kept");
    ck_assert_ptr_nonnull(title);
    ck_assert_str_eq(title, "The Title");
}
END_TEST

START_TEST(test_no_title)
{
    run("<p>text</p>");
    ck_assert_ptr_null(title);
    ck_assert_str_eq(text, "text");
}
END_TEST

START_TEST(test_br)
{
    run("<p>line one<br>line two<br/><br>after blank<br><br><br><br>once</p>"
        "<p>x<br></p><p>y</p>");
    ck_assert_str_eq(text, "line one\nline two\n\nafter blank\n\nonce\n\nx\n\ny");
}
END_TEST

START_TEST(test_pre)
{
    run("<p>before</p><pre>  int x;   \r\n    if (x)\n\treturn;\n</pre><p>after  it</p>");
    ck_assert_str_eq(text, "before\n\n  int x;\n    if (x)\n\treturn;\n\nafter it");
}
END_TEST

START_TEST(test_latin1_meta)
{
    /* "café – naïve" in windows-1252 with a Latin-1 label (browsers read
     * iso-8859-1 as windows-1252, so 0x96 is an en dash). */
    static const char html[] =
        "<html><head><meta http-equiv=\"Content-Type\" "
        "content=\"text/html; charset=ISO-8859-1\"><title>Caf\xE9</title></head>"
        "<body><p>caf\xE9 \x96 na\xEFve</p></body></html>";
    run_n(html, sizeof html - 1, NULL);
    ck_assert_str_eq(text, "caf\xC3\xA9 \xE2\x80\x93 na\xC3\xAFve");
    ck_assert_str_eq(title, "Caf\xC3\xA9");
    teardown();

    /* <meta charset> form */
    run("<meta charset='latin1'><p>\xFC" "ber</p>");
    ck_assert_str_eq(text, "\xC3\xBC" "ber");
}
END_TEST

START_TEST(test_charset_hint_wins)
{
    /* The caller's charset (from HTTP) beats the meta tag. */
    static const char html[] = "<meta charset=utf-8><p>\xE9t\xE9</p>";
    run_n(html, sizeof html - 1, "iso-8859-1");
    ck_assert_str_eq(text, "\xC3\xA9t\xC3\xA9");
}
END_TEST

START_TEST(test_undeclared_latin1_guess)
{
    /* No declaration, not UTF-8 at all: read as windows-1252. */
    static const char html[] = "<p>Gr\xFC\xDF" "e aus K\xF6ln</p>";
    run_n(html, sizeof html - 1, NULL);
    ck_assert_str_eq(text, "Gr\xC3\xBC\xC3\x9F" "e aus K\xC3\xB6ln");
}
END_TEST

START_TEST(test_invalid_utf8)
{
    /* Mostly UTF-8 with a few bad bytes: U+FFFD for each bad byte, the
     * rest untouched (including what follows the bad bytes). */
    static const char html[] =
        "<meta charset=utf-8><p>ok \xC3\xA9 bad \xFF\xC3 \xED\xA0\x80 "
        "\xF8\x88\x80\x80\x80 end \xE2\x82\xAC</p>";
    const char *p;
    run_n(html, sizeof html - 1, NULL);
    ck_assert_msg(strncmp(text, "ok \xC3\xA9 bad \xEF\xBF\xBD", 10) == 0, "got %s", text);
    p = strstr(text, " end \xE2\x82\xAC");
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(p, " end \xE2\x82\xAC");
}
END_TEST

START_TEST(test_boms)
{
    static const char u8[] = "\xEF\xBB\xBF<p>bom \xC3\xA9</p>";
    static const char u16le[] = "\xFF\xFE<\0p\0>\0h\0\xE9\0<\0/\0p\0>\0";
    run_n(u8, sizeof u8 - 1, "iso-8859-1");     /* the BOM wins */
    ck_assert_str_eq(text, "bom \xC3\xA9");
    teardown();
    run_n(u16le, sizeof u16le - 1, NULL);
    ck_assert_str_eq(text, "h\xC3\xA9");
}
END_TEST

START_TEST(test_truncated)
{
    run("<html><head><title>T</title></head><body><div><p>first para</p>"
        "<p>second <a href=\"x\">link");
    ck_assert_str_eq(text, "first para\n\nsecond link");
    teardown();
    run("<p>cut in a tag <a hre");
    ck_assert_str_eq(text, "cut in a tag");
    teardown();
    run("<p>cut in an entity &am");
    ck_assert_str_eq(text, "cut in an entity &am");
    teardown();
    run("<script>never closed <p>x</p>");
    ck_assert_str_eq(text, "");
    teardown();
    run("<!-- open comment <p>x</p>");
    ck_assert_str_eq(text, "");
}
END_TEST

START_TEST(test_empty)
{
    run_n("", 0, NULL);
    ck_assert_str_eq(text, "");
    ck_assert_uint_eq(tlen, 0);
    ck_assert_ptr_null(title);
    teardown();
    run_n(NULL, 0, NULL);
    ck_assert_str_eq(text, "");
    teardown();
    run("   \n\t ");
    ck_assert_str_eq(text, "");
    teardown();
    run("<html><body></body></html>");
    ck_assert_str_eq(text, "");
    teardown();
    run("plain text, no tags");
    ck_assert_str_eq(text, "plain text, no tags");
}
END_TEST

START_TEST(test_nul_bytes)
{
    static const char html[] = "<p>a\0b</p>\0<p>c\0</p><scr\0ipt>x</script>";
    run_n(html, sizeof html - 1, NULL);
    ck_assert_ptr_nonnull(strstr(text, "ab"));
    ck_assert_ptr_nonnull(strstr(text, "c"));
}
END_TEST

START_TEST(test_big_document)
{
    /* 20 MB of paragraphs, and one 2 MB text node. */
    const char *para = "<p>The quick brown fox jumps over the lazy dog &amp; co.</p>\n";
    size_t plen = strlen(para), n = 0, cap = 21u << 20;
    char *html = malloc(cap);
    size_t count = 0;
    const char *p;

    ck_assert_ptr_nonnull(html);
    while (n + plen < (20u << 20)) {
        memcpy(html + n, para, plen);
        n += plen;
        count++;
    }
    memcpy(html + n, "<p>", 3);
    n += 3;
    memset(html + n, 'x', cap - n - 8);
    n = cap - 8;
    memcpy(html + n, "</p>", 4);
    n += 4;
    run_n(html, n, NULL);
    free(html);
    ck_assert_uint_gt(tlen, count * 50);
    p = strstr(text, "fox jumps over the lazy dog & co.\n\nThe quick");
    ck_assert_ptr_nonnull(p);
    ck_assert_uint_eq(text[tlen - 1], 'x');
}
END_TEST

START_TEST(test_deep_nesting)
{
    /* 100,000 nested divs must not overflow the stack (parser, walk or
     * free). */
    const size_t depth = 100000;
    size_t n = 0, i;
    char *html = malloc(depth * 11 + 64);

    ck_assert_ptr_nonnull(html);
    for (i = 0; i < depth; i++) {
        memcpy(html + n, "<div>", 5);
        n += 5;
    }
    memcpy(html + n, "deep", 4);
    n += 4;
    for (i = 0; i < depth; i++) {
        memcpy(html + n, "</div>", 6);
        n += 6;
    }
    memcpy(html + n, "<p>after</p>", 12);
    n += 12;
    run_n(html, n, NULL);
    free(html);
    ck_assert_ptr_nonnull(strstr(text, "deep"));
}
END_TEST

START_TEST(test_deep_unclosed)
{
    /* 100,000 unclosed inline elements, truncated. */
    const size_t depth = 100000;
    size_t n = 0, i;
    char *html = malloc(depth * 6 + 64);

    ck_assert_ptr_nonnull(html);
    for (i = 0; i < depth; i++) {
        memcpy(html + n, "<b><i>", 6);
        n += 6;
        i++;
    }
    memcpy(html + n, "end", 3);
    n += 3;
    run_n(html, n, NULL);
    free(html);
    ck_assert_str_eq(text, "end");
}
END_TEST

START_TEST(test_sniff)
{
    char cs[64];
    size_t bom;
    const char *m = "<!-- <meta charset=koi8-r> --><META Charset = \"Windows-1251\">";
    const char *x = "<?xml version='1.0' encoding='ISO-8859-2'?><p>";
    ck_assert_int_eq(html_sniff_charset(m, strlen(m), cs, sizeof cs, &bom), 1);
    ck_assert_str_eq(cs, "windows-1251");
    ck_assert_int_eq(html_sniff_charset("<p>none</p>", 11, cs, sizeof cs, &bom), 0);
    ck_assert_int_eq(html_sniff_charset(x, strlen(x), cs, sizeof cs, &bom), 1);
    ck_assert_str_eq(cs, "iso-8859-2");
}
END_TEST

START_TEST(test_cyrillic_meta)
{
    /* "Привет" in windows-1251 */
    static const char html[] = "<meta charset=windows-1251><p>\xCF\xF0\xE8\xE2\xE5\xF2</p>";
    run_n(html, sizeof html - 1, NULL);
    ck_assert_str_eq(text, "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");
}
END_TEST

START_TEST(test_stripped_parts)
{
    /* what html_parse() drops before parsing must not change the text:
     * '>' inside quoted attributes, "</p>" inside scripts, comments with
     * tags, unquoted and valueless attributes, case */
    run("<div title=\"a > b\" data-x='<p>no</p>' hidden-not=1 CLASS=x>one</div>"
        "<SCRIPT type=text/javascript>document.write('</p><p>no');</SCRIPT>"
        "<p>two<!-- <p>no</p> -->three</p><scriptx>four</scriptx>"
        "<style media=\"x>y\">p:after{content:'no'}</style>"
        "<svg viewBox=\"0 0 1 1\"><text>no</text></svg>"
        "<img src=x alt=\"no\" srcset=\"a 1x, b 2x\"><p data-a=1 style=\"color:red\">five</p>"
        "<p hidden>no</p><input value=no><!--> <p>six</p>");
    ck_assert_str_eq(text, "one\n\ntwothree\n\nfour\n\nfive\n\nsix");
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("html_text");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_entities);
    tcase_add_test(tc, test_nested_blocks);
    tcase_add_test(tc, test_whitespace_collapse);
    tcase_add_test(tc, test_script_style_removed);
    tcase_add_test(tc, test_no_title);
    tcase_add_test(tc, test_br);
    tcase_add_test(tc, test_pre);
    tcase_add_test(tc, test_latin1_meta);
    tcase_add_test(tc, test_charset_hint_wins);
    tcase_add_test(tc, test_undeclared_latin1_guess);
    tcase_add_test(tc, test_invalid_utf8);
    tcase_add_test(tc, test_boms);
    tcase_add_test(tc, test_truncated);
    tcase_add_test(tc, test_empty);
    tcase_add_test(tc, test_nul_bytes);
    tcase_add_test(tc, test_big_document);
    tcase_add_test(tc, test_deep_nesting);
    tcase_add_test(tc, test_deep_unclosed);
    tcase_add_test(tc, test_sniff);
    tcase_add_test(tc, test_cyrillic_meta);
    tcase_add_test(tc, test_stripped_parts);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
