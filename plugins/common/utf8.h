/* utf8.h - UTF-8 checks and repair for text that came from the web.
 *
 * Everything the HTML helpers hand out goes through here, so their output
 * is valid UTF-8 whatever the input was.
 */
#ifndef ASSAY_COMMON_UTF8_H
#define ASSAY_COMMON_UTF8_H

#include <stddef.h>
#include "sbuf.h"

/* Length of the valid UTF-8 sequence at p (at most n bytes available), or
 * 0 if p does not start one (overlong forms, surrogates and code points
 * above U+10FFFF are invalid). n must be >= 1. */
size_t utf8_seq_len(const unsigned char *p, size_t n);

/* Count, over n bytes, the invalid bytes and the valid multi-byte
 * sequences. Used to guess whether undeclared text is UTF-8. */
void utf8_stats(const char *p, size_t n, size_t *invalid, size_t *multibyte);

/* Append p[0..n) to out as valid UTF-8: each byte that does not start a
 * valid sequence becomes U+FFFD, NUL and the C0 controls other than tab,
 * LF, CR and FF are dropped, as are U+FEFF (stray byte-order marks). */
void utf8_sanitize_append(sbuf *out, const char *p, size_t n);

/* 1 if p[0..n) is valid UTF-8, else 0. */
int utf8_valid(const char *p, size_t n);

/* Append code point cp (<= 0x10FFFF, not a surrogate) as UTF-8. */
void utf8_put(sbuf *out, unsigned cp);

#endif
