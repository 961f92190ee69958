/* html_charset.h - find an HTML document's charset and turn it into UTF-8.
 *
 * The order is the one browsers use, simplified: a byte-order mark, then
 * the charset the caller was told (HTTP header), then <meta charset> or
 * <meta http-equiv="Content-Type" content="...; charset=..."> in the first
 * 8 KiB, then an XML declaration, then a guess: UTF-8 if the bytes mostly
 * are, else windows-1252. Labels are mapped the WHATWG way (latin1 and
 * us-ascii mean windows-1252, gb2312 means GB18030, a meta utf-16 means
 * UTF-8, ...).
 */
#ifndef ASSAY_COMMON_HTML_CHARSET_H
#define ASSAY_COMMON_HTML_CHARSET_H

#include <stddef.h>

/* Look for a declared charset in p[0..len): a BOM first, then meta tags,
 * then an XML declaration. On success returns 1 and writes the label as
 * found (lower case, trimmed, at most outlen-1 bytes) to out; *bom_len is
 * the BOM's length (0 if none). Returns 0 if nothing is declared. */
int html_sniff_charset(const char *p, size_t len, char *out, size_t outlen,
                       size_t *bom_len);

/* Convert p[0..len) to clean UTF-8 (see utf8_sanitize_append: no invalid
 * sequences, no NULs or stray controls). charset is the caller's hint
 * (may be NULL or unknown, then the document decides). On success returns
 * a malloc'd NUL-terminated string, its length in *outlen, and the charset
 * used in used[0..usedlen) (may be NULL). Returns NULL only when out of
 * memory, with errbuf filled. */
char *html_to_utf8(const char *p, size_t len, const char *charset,
                   size_t *outlen, char *used, size_t usedlen,
                   char *errbuf, size_t errlen);

#endif
