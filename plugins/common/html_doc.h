/* html_doc.h - HTML bytes to a libxml2 tree, safely.
 *
 * The bytes are first turned into clean UTF-8 (html_charset.h), so the
 * parser never sees an invalid sequence or a NUL. Then what can never be
 * visible and costs the parser most is dropped: comments, the bodies of
 * <script> (JSON-LD ones are kept), <style> and <svg>, and attributes no
 * helper reads (only class, id, style, hidden, role, itemprop, itemtype,
 * rel, type, name, property, content, charset, http-equiv, datetime and
 * aria-hidden stay) -- more than half the bytes of a news page. Then
 * libxml2's HTML parser reads it in recover mode with no network access
 * and no error output. The tree can be as deep as the input: walk it
 * iteratively.
 */
#ifndef ASSAY_COMMON_HTML_DOC_H
#define ASSAY_COMMON_HTML_DOC_H

#include <stddef.h>
#include <libxml/HTMLparser.h>

/* Parse html[0..len) (any bytes; len may be 0). charset is a hint from
 * outside the document (HTTP header) or NULL; url may be NULL. Returns a
 * document to free with xmlFreeDoc(), never NULL except when out of
 * memory (then errbuf says so). A document with no content has no root
 * element. */
htmlDocPtr html_parse(const char *html, size_t len, const char *charset,
                      const char *url, char *errbuf, size_t errlen);

#endif
