/* article.h - the main text and metadata of a news article page.
 *
 * Given the HTML bytes of one page, article_extract() finds the title,
 * the author(s), the publication time and the article body, leaving out
 * navigation, ads, share bars, related-article lists, comments and cookie
 * banners. It uses general signals only (schema.org/JSON-LD, meta tags,
 * text and link density, paragraph structure, common boilerplate class
 * and id words), never rules for a particular site.
 *
 * Thread-safe: no global state besides libxml2's one-time initialisation.
 */
#ifndef ASSAY_NEWS_ARTICLE_H
#define ASSAY_NEWS_ARTICLE_H

#include <stddef.h>

typedef struct article {
    char *title;          /* UTF-8, or NULL if none found */
    char *author;         /* "A, B" when several, or NULL */
    char *published_at;   /* "YYYY-MM-DDTHH:MM:SSZ" (UTC), or NULL */
    char *text;           /* the body: paragraphs separated by a blank
                             line; "" when no article text was found */
    size_t text_len;      /* strlen(text) */
} article;

/* Extract the article in html[0..len) (any bytes; len may be 0).
 * url (may be NULL) is where the page came from; charset (may be NULL) is
 * the encoding named by the HTTP header, which beats the page's own.
 * On success returns 0 and fills *out; free it with article_free(). A
 * page with no article gives 0 with an empty text. Returns -1 with a
 * message in errbuf only when out of memory or the input is over 2 GiB;
 * *out is then empty. */
int article_extract(const char *html, size_t len, const char *url,
                    const char *charset, article *out,
                    char *errbuf, size_t errlen);

/* Free what article_extract() put in a and zero it. */
void article_free(article *a);

#endif
