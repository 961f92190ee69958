/* utf8.h - UTF-8 validation and code point counting. */
#ifndef ASSAY_UTF8_H
#define ASSAY_UTF8_H

#include <stddef.h>

/* 1 when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates,
 * nothing above U+10FFFF); else 0 with *bad set to the first bad byte. */
int utf8_valid(const char *s, size_t len, size_t *bad);
/* The length of the valid sequence starting at s (1..4), or 0. */
size_t utf8_seq_len(const unsigned char *s, size_t avail);

#endif
