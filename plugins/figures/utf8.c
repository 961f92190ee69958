/*
 * utf8.c - UTF-8 decoding, code point counting and cleaning. The extractor
 * works on raw bytes; these helpers turn byte offsets into the code point
 * offsets facts carry and make any span safe to print as JSON.
 */
#include "fig_int.h"

/* Decodes one code point (see fig_int.h). Overlong forms, surrogates and
 * truncated sequences decode as U+FFFD consuming one byte. */
size_t fig_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t need;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1; v = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2; v = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3; v = c & 0x07; min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (n < need + 1) {
        *cp = 0xFFFD;
        return 1;
    }
    for (size_t i = 1; i <= need; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = v;
    return need + 1;
}

/* Counts the bytes of s[0..n) that start a code point. For valid UTF-8
 * this is the code point count (what Python's len() gives). */
size_t fig_utf8_count(const char *s, size_t n)
{
    size_t c = 0;
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++)
        c += (p[i] & 0xC0) != 0x80;
    return c;
}

/* See figures.h. */
size_t fig_utf8_clean(char *dst, const char *src, size_t len)
{
    const unsigned char *s = (const unsigned char *)src;
    size_t i = 0, o = 0;
    while (i < len) {
        uint32_t cp;
        size_t k = fig_utf8_decode(s + i, len - i, &cp);
        if (cp == 0xFFFD && !(k == 3 && s[i] == 0xEF && s[i + 1] == 0xBF && s[i + 2] == 0xBD)) {
            dst[o++] = (char)0xEF; dst[o++] = (char)0xBF; dst[o++] = (char)0xBD;
        } else if (cp == 0) {
            dst[o++] = (char)0xEF; dst[o++] = (char)0xBF; dst[o++] = (char)0xBD;
        } else {
            for (size_t j = 0; j < k; j++)
                dst[o++] = (char)s[i + j];
        }
        i += k;
    }
    dst[o] = 0;
    return o;
}
