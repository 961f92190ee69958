/* test_article.c - article_extract(): body, metadata, dates, and pages
 * that are malformed, truncated, not UTF-8, oversized, empty or not
 * articles at all. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "article_int.h"
#include "utf8.h"

static article a;
static char err[256];

static void teardown(void)
{
    article_free(&a);
}

/* Three paragraphs of article text, long enough to score. */
#define P1 "<p>The company said on Tuesday that it would spend $40 billion on new data centres next year, far more than analysts had expected, as demand for computing power keeps growing.</p>"
#define P2 "<p>Executives told investors that the buildings, in Texas, Ohio and abroad, would draw about two gigawatts of power once finished, and that contracts for most of it were signed.</p>"
#define P3 "<p>Shares rose 4% in early trading. Critics, however, warned that the spending could outrun revenue if the boom cools, as it has before in the industry's history.</p>"

static void extract_n(const char *html, size_t len, const char *charset)
{
    int rc = article_extract(html, len, "https://example.com/a", charset, &a, err, sizeof err);
    ck_assert_msg(rc == 0, "article_extract failed: %s", err);
    ck_assert_ptr_nonnull(a.text);
    ck_assert_uint_eq(strlen(a.text), a.text_len);
    ck_assert(utf8_valid(a.text, a.text_len));
    if (a.title)
        ck_assert(utf8_valid(a.title, strlen(a.title)));
    if (a.author)
        ck_assert(utf8_valid(a.author, strlen(a.author)));
}

static void extract(const char *html)
{
    extract_n(html, strlen(html), NULL);
}

static int has(const char *needle)
{
    return strstr(a.text, needle) != NULL;
}

START_TEST(test_boilerplate_removed)
{
    extract("<html><head><title>Big Spend - The Daily</title></head><body>"
            "<div class=\"cookie-banner\"><p>We use cookies to improve your experience, "
            "by continuing you accept our policy, terms and conditions.</p></div>"
            "<nav><ul><li><a href=/>Home</a></li><li><a href=/tech>Tech</a></li></ul></nav>"
            "<div class=\"page\"><main><article><h1>Big Spend</h1>"
            "<div class=\"byline\">By Jane Doe</div>"
            "<div class=\"share-bar\"><a href=#>Facebook</a> <a href=#>Twitter</a></div>"
            "<div class=\"article-body\">" P1 P2
            "<div class=\"ad-slot\"><p>Advertisement: buy our product today, it is great, really, truly.</p></div>"
            P3 "</div>"
            "<div class=\"related-stories\"><h3>Related</h3><ul>"
            "<li><a href=/x>Another story about data centres and power, with words</a></li>"
            "<li><a href=/y>Yet another story about chips and money, with words</a></li>"
            "</ul></div></article>"
            "<section id=\"comments\"><p>Great article, thanks for writing it, I learned a lot today!</p>"
            "<p>I disagree with most of it, but it was well written and clear, to be fair.</p></section>"
            "</main><aside><p>Most read: something else entirely, a long teaser text here.</p></aside>"
            "</div><footer><p>Copyright 2024 The Daily, all rights reserved, call us.</p></footer>"
            "</body></html>");
    ck_assert_msg(has("spend $40 billion"), "got: %s", a.text);
    ck_assert(has("two gigawatts"));
    ck_assert(has("Shares rose 4%"));
    ck_assert(!has("cookies"));
    ck_assert(!has("Home"));
    ck_assert(!has("Facebook"));
    ck_assert(!has("Advertisement"));
    ck_assert(!has("Another story"));
    ck_assert(!has("Great article"));
    ck_assert(!has("Most read"));
    ck_assert(!has("Copyright"));
    ck_assert(!has("Jane Doe"));
    ck_assert_ptr_null(strstr(a.text, "\n\n\n"));
    ck_assert_str_eq(a.title, "Big Spend");  /* the <h1> beats <title> */
}
END_TEST

START_TEST(test_metadata_jsonld)
{
    extract("<html><head><title>T - Site</title>"
            "<meta property=\"og:title\" content=\"OG title\">"
            "<meta name=\"author\" content=\"Meta Author\">"
            "<meta property=\"article:published_time\" content=\"2020-01-01T00:00:00Z\">"
            "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
            "\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"Site\"},"
            "{\"@type\":\"NewsArticle\",\"headline\":\"Headline &amp; more\","
            "\"datePublished\":\"2019-11-19T10:02:00-05:00\","
            "\"author\":[{\"@type\":\"Person\",\"name\":\"Ann Lee\"},{\"@type\":\"Person\",\"name\":\"Bo Chan\"}]}]}"
            "</script></head><body><article>" P1 P2 P3 "</article></body></html>");
    ck_assert_str_eq(a.title, "Headline & more");
    ck_assert_str_eq(a.author, "Ann Lee, Bo Chan");
    ck_assert_str_eq(a.published_at, "2019-11-19T15:02:00Z");
}
END_TEST

START_TEST(test_metadata_meta_and_time)
{
    extract("<html><head><title>Only title</title>"
            "<meta name=\"author\" content=\"By  Meta  Author\"></head><body>"
            "<article><h1>Heading</h1><time datetime=\"2018-10-06T08:57:00+02:00\">Oct 6</time>"
            P1 P2 "</article></body></html>");
    ck_assert_str_eq(a.title, "Heading");
    ck_assert_str_eq(a.author, "Meta Author");
    ck_assert_str_eq(a.published_at, "2018-10-06T06:57:00Z");
    teardown();
    extract("<meta property=\"og:title\" content=\"OG\">"
            "<meta property=\"article:published_time\" content=\"Tue, 19 Nov 2019 10:02:00 GMT\">"
            P1 P2);
    ck_assert_str_eq(a.title, "OG");
    ck_assert_ptr_null(a.author);
    ck_assert_str_eq(a.published_at, "2019-11-19T10:02:00Z");
}
END_TEST

START_TEST(test_dates)
{
    static const struct { const char *in, *out; } cases[] = {
        {"2019-11-19", "2019-11-19T00:00:00Z"},
        {"2019-11-19T10:02:03Z", "2019-11-19T10:02:03Z"},
        {"2019-11-19T10:02:03.123+05:30", "2019-11-19T04:32:03Z"},
        {"2019-11-19 23:30:00-0800", "2019-11-20T07:30:00Z"},
        {"2019/11/19 10:02", "2019-11-19T10:02:00Z"},
        {"Tue, 19 Nov 2019 10:02:00 +0100", "2019-11-19T09:02:00Z"},
        {"November 19, 2019 10:02 AM EST", "2019-11-19T15:02:00Z"},
        {"Nov. 19, 2019 at 9:45 pm", "2019-11-19T21:45:00Z"},
        {"19 November 2019", "2019-11-19T00:00:00Z"},
        {"19.11.2019 12:00", "2019-11-19T12:00:00Z"},
        {"1574157720", "2019-11-19T10:02:00Z"},
        {"1574157720000", "2019-11-19T10:02:00Z"},
        {"2020-02-29T12:00:00Z", "2020-02-29T12:00:00Z"},
        {"2019-12-31T23:30:00-01:00", "2020-01-01T00:30:00Z"},
    };
    static const char *const bad[] = {
        "", "yesterday", "2019-02-30", "2019-13-01", "12:30", "abc 2019",
        "2019/13/45", NULL,
    };
    char out[21];
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ck_assert_msg(article_date_iso(cases[i].in, out) == 0, "no date in %s", cases[i].in);
        ck_assert_msg(strcmp(out, cases[i].out) == 0, "%s -> %s, want %s",
                      cases[i].in, out, cases[i].out);
    }
    for (i = 0; bad[i]; i++)
        ck_assert_msg(article_date_iso(bad[i], out) != 0, "date found in '%s'", bad[i]);
    ck_assert_int_ne(article_date_iso(NULL, out), 0);
}
END_TEST

START_TEST(test_malformed)
{
    /* unclosed and misnested tags, stray end tags, attributes without
     * quotes, a broken comment */
    extract("<html><body><div class=content><p>The company said on Tuesday that it "
            "would spend <b><i>$40 billion</b></i> on new data centres next year, far "
            "more than expected, as demand grows.<p>Executives told investors, in "
            "a call, that the buildings would draw <span>two gigawatts</div> of power "
            "once finished, and contracts were signed.</span></td></tr><p>Shares rose "
            "4% in early trading, then fell back; critics, however, were worried. <!-- x "
            "</body>");
    ck_assert_msg(has("$40 billion"), "got: %s", a.text);
    ck_assert(has("two gigawatts"));
}
END_TEST

START_TEST(test_truncated)
{
    const char *page = "<html><head><title>Cut</title></head><body><article>" P1 P2 P3
                       "</article></body></html>";
    size_t full = strlen(page), cut;

    /* every cut point must work; the text grows with the cut */
    for (cut = 0; cut <= full; cut += 7) {
        extract_n(page, cut, NULL);
        teardown();
    }
    extract_n(page, strstr(page, "Executives") - page + 40, NULL);
    ck_assert(has("spend $40 billion"));
    ck_assert(has("Executives told investors"));
    ck_assert(!has("Shares rose"));
}
END_TEST

START_TEST(test_non_utf8)
{
    /* windows-1252 / Latin-1 page, declared in a meta tag */
    static const char latin1[] =
        "<html><head><meta charset=\"iso-8859-1\"><title>Caf\xE9 \x96 na\xEFve</title></head>"
        "<body><article><p>Le caf\xE9 a d\xE9pens\xE9 40 milliards d'euros, selon les "
        "analystes, pour de nouveaux centres de donn\xE9" "es, ce qui est \xE9norme.</p>"
        "<p>Les dirigeants ont d\xE9" "clar\xE9 aux investisseurs, mardi, que les b\xE2timents "
        "consommeraient deux gigawatts.</p></article></body></html>";
    /* undeclared, and invalid as UTF-8 */
    static const char junk[] =
        "<p>Bytes \xFF\xFE\xC3 here, then text that is long enough to be a paragraph, "
        "with commas, and more words, and more.</p>";

    extract_n(latin1, sizeof latin1 - 1, NULL);
    ck_assert_str_eq(a.title, "Caf\xC3\xA9 \xE2\x80\x93 na\xC3\xAFve");
    ck_assert_msg(has("Le caf\xC3\xA9 a d\xC3\xA9pens\xC3\xA9"), "got: %s", a.text);
    ck_assert(has("b\xC3\xA2timents"));
    teardown();
    /* the HTTP header's charset beats the page */
    extract_n(latin1, sizeof latin1 - 1, "windows-1252");
    ck_assert(has("b\xC3\xA2timents"));
    teardown();
    extract_n(junk, sizeof junk - 1, NULL);
    ck_assert(has("then text"));
    teardown();
    extract_n(junk, sizeof junk - 1, "utf-8");
    ck_assert(has("\xEF\xBF\xBD"));
}
END_TEST

START_TEST(test_oversized)
{
    /* 20 MB: an article then lots of comment-like junk and link lists */
    size_t cap = 21u << 20, n = 0;
    char *html = malloc(cap);
    const char *head = "<html><body><article>" P1 P2 P3 "</article><div class=\"comments\">";
    const char *item = "<div class=comment><p>A reader comment, with commas, that goes on a bit, "
                       "and on, and on.</p><a href=/u>user</a></div>\n";
    size_t il = strlen(item);

    ck_assert_ptr_nonnull(html);
    memcpy(html, head, strlen(head));
    n = strlen(head);
    while (n + il < (20u << 20)) {
        memcpy(html + n, item, il);
        n += il;
    }
    extract_n(html, n, NULL);
    free(html);
    ck_assert(has("spend $40 billion"));
    ck_assert(!has("A reader comment"));
}
END_TEST

START_TEST(test_empty)
{
    extract_n("", 0, NULL);
    ck_assert_str_eq(a.text, "");
    ck_assert_ptr_null(a.title);
    ck_assert_ptr_null(a.author);
    ck_assert_ptr_null(a.published_at);
    teardown();
    extract_n(NULL, 0, NULL);
    ck_assert_str_eq(a.text, "");
    teardown();
    extract("<html><head></head><body></body></html>");
    ck_assert_str_eq(a.text, "");
    teardown();
    extract_n("\0\0\0\0", 4, NULL);
    ck_assert_str_eq(a.text, "");
}
END_TEST

START_TEST(test_no_article)
{
    /* a page of navigation only: no paragraph text to give */
    extract("<html><head><title>Index</title></head><body>"
            "<nav><ul><li><a href=/a>News</a></li><li><a href=/b>Sport</a></li></ul></nav>"
            "<div class=\"grid\"><div><a href=/1>First story headline goes here today</a></div>"
            "<div><a href=/2>Second story headline goes here today</a></div>"
            "<div><a href=/3>Third story headline goes here today</a></div></div>"
            "<footer>About us | Contact</footer></body></html>");
    ck_assert_msg(a.text_len == 0, "got: %s", a.text);
    ck_assert_str_eq(a.title, "Index");
}
END_TEST

START_TEST(test_jsonld_body_fallback)
{
    /* the page shows no body (rendered by script), JSON-LD carries it */
    extract("<html><head><script type=\"application/ld+json\">\n{\"@type\": \"NewsArticle\", "
            "\"headline\": \"H\", \"articleBody\": \"First paragraph of the body, "
            "long enough.\n\nSecond paragraph &amp; more: the company said it would "
            "spend forty billion on data centres, and the shares rose four percent in "
            "early trading, while critics warned of a bubble in the industry.\"}\n</script>"
            "</head><body><div id=app></div></body></html>");
    ck_assert_msg(has("Second paragraph & more"), "got: %s", a.text);
    ck_assert(has("First paragraph"));
}
END_TEST

START_TEST(test_split_article)
{
    /* an article cut into chunks of the same class, with ads between */
    extract("<html><body><div class=\"chunks\">"
            "<div class=\"row\"><div class=\"body-chunk x\">" P1 "</div><div class=\"ad-rail\">Ad</div></div>"
            "<div class=\"row\"><div class=\"body-chunk\">" P2 "</div><div class=\"ad-rail\">Ad</div></div>"
            "<div class=\"row\"><div class=\"body-chunk\">" P3 "</div></div>"
            "</div><div class=\"more\"><a href=/z>More stories from the site about things</a></div>"
            "</body></html>");
    ck_assert_msg(has("spend $40 billion"), "got: %s", a.text);
    ck_assert(has("two gigawatts"));
    ck_assert(has("Shares rose"));
}
END_TEST

START_TEST(test_teasers_and_repeated_title)
{
    /* the headline repeated as a paragraph, an all-link "read more"
     * paragraph, a tweet embedded in a widget box, and a grid of teasers
     * (linked image + headline + summary) inside the article container */
    extract("<html><head><meta property=\"og:title\" content=\"Data centre spending soars again this year\">"
            "</head><body><div class=\"storybody\">"
            "<p class=\"headline\">Data centre spending soars again this year</p>" P1
            "<p><a href=/o>READ MORE: Other story about something else entirely</a></p>" P2
            "<div class=\"embed-widget\"><blockquote class=\"twitter-tweet\"><p>What a day for "
            "the grid, two gigawatts, and more to come soon, they say.</p>&mdash; Someone</blockquote></div>"
            P3 "<div class=\"grid\">"
            "<div class=\"tile\"><a href=/1><img src=1.jpg></a><a href=/1>One</a><p>First teaser summary, short.</p></div>"
            "<div class=\"tile\"><a href=/2><img src=2.jpg></a><a href=/2>Two</a><p>Second teaser summary, short.</p></div>"
            "<div class=\"tile\"><a href=/3><img src=3.jpg></a><a href=/3>Three</a><p>Third teaser summary, short.</p></div>"
            "</div></div></body></html>");
    ck_assert_msg(has("spend $40 billion"), "got: %s", a.text);
    ck_assert(has("Shares rose 4%"));
    ck_assert(has("What a day for the grid"));
    ck_assert(!has("soars again"));
    ck_assert(!has("READ MORE"));
    ck_assert(!has("teaser summary"));
}
END_TEST

START_TEST(test_deep_nesting)
{
    const size_t depth = 100000;
    size_t n = 0, i;
    char *html = malloc(depth * 11 + 1024);

    ck_assert_ptr_nonnull(html);
    for (i = 0; i < depth; i++) {
        memcpy(html + n, "<div>", 5);
        n += 5;
    }
    memcpy(html + n, P1 P2, strlen(P1 P2));
    n += strlen(P1 P2);
    for (i = 0; i < depth; i++) {
        memcpy(html + n, "</div>", 6);
        n += 6;
    }
    extract_n(html, n, NULL);
    free(html);
    ck_assert(has("two gigawatts"));
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("article");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_boilerplate_removed);
    tcase_add_test(tc, test_metadata_jsonld);
    tcase_add_test(tc, test_metadata_meta_and_time);
    tcase_add_test(tc, test_dates);
    tcase_add_test(tc, test_malformed);
    tcase_add_test(tc, test_truncated);
    tcase_add_test(tc, test_non_utf8);
    tcase_add_test(tc, test_oversized);
    tcase_add_test(tc, test_empty);
    tcase_add_test(tc, test_no_article);
    tcase_add_test(tc, test_jsonld_body_fallback);
    tcase_add_test(tc, test_split_article);
    tcase_add_test(tc, test_teasers_and_repeated_title);
    tcase_add_test(tc, test_deep_nesting);
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
