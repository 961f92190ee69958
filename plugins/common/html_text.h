/* html_text.h - the visible text of an HTML document.
 *
 * What "visible text" means is set out in html_walk.h: no script, style,
 * noscript, template, svg or head content; blocks and <br> become line
 * breaks, paragraphs are separated by one blank line; inline whitespace
 * collapses; entities are decoded; <pre> is kept; the result is always
 * valid UTF-8 with no trailing spaces.
 */
#ifndef ASSAY_COMMON_HTML_TEXT_H
#define ASSAY_COMMON_HTML_TEXT_H

#include <stddef.h>

/* Extract the visible text of html[0..len) (any bytes, len may be 0).
 *
 * charset is the encoding named outside the document (an HTTP header) or
 * NULL; then the document decides: a byte-order mark, <meta charset>,
 * <meta http-equiv="Content-Type">, else UTF-8 when the bytes mostly are
 * (invalid bytes become U+FFFD), else windows-1252.
 *
 * Returns 0 and sets *text (malloc'd, NUL-terminated UTF-8, "" when there
 * is no text), *text_len (its length in bytes) and *title (the <title>
 * text, malloc'd, or NULL if there is none). The caller frees both.
 * Returns -1 (only when out of memory or the input is over 2 GiB) with a
 * message in errbuf; then *text and *title are NULL. */
int html_to_text(const char *html, size_t len, const char *charset,
                 char **text, size_t *text_len, char **title,
                 char *errbuf, size_t errlen);

#endif
