/* utf8.c - UTF-8 checks and repair (see utf8.h). */
#include "utf8.h"

#include <stdint.h>
#include <string.h>

size_t utf8_seq_len(const unsigned char *p, size_t n)
{
    unsigned c = p[0];

    if (c < 0x80)
        return 1;
    if (c < 0xC2)
        return 0;                       /* continuation or overlong lead */
    if (c < 0xE0) {
        if (n < 2 || (p[1] & 0xC0) != 0x80)
            return 0;
        return 2;
    }
    if (c < 0xF0) {
        if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && p[1] < 0xA0)
            return 0;                   /* overlong */
        if (c == 0xED && p[1] >= 0xA0)
            return 0;                   /* surrogate */
        return 3;
    }
    if (c < 0xF5) {
        if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
            (p[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && p[1] < 0x90)
            return 0;                   /* overlong */
        if (c == 0xF4 && p[1] >= 0x90)
            return 0;                   /* above U+10FFFF */
        return 4;
    }
    return 0;
}

void utf8_stats(const char *p, size_t n, size_t *invalid, size_t *multibyte)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t i = 0, bad = 0, multi = 0, k;

    while (i < n) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        k = utf8_seq_len(s + i, n - i);
        if (k == 0) {
            bad++;
            i++;
        } else {
            multi++;
            i += k;
        }
    }
    *invalid = bad;
    *multibyte = multi;
}

void utf8_put(sbuf *out, unsigned cp)
{
    char b[4];

    if (cp < 0x80) {
        sbuf_addc(out, (char)cp);
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        sbuf_add(out, b, 2);
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        sbuf_add(out, b, 3);
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        sbuf_add(out, b, 4);
    }
}

void utf8_sanitize_append(sbuf *out, const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t i = 0, run = 0, k;

    if (sbuf_reserve(out, n) != 0)
        return;
    /* Copy runs of good bytes in one go; stop at anything to fix. */
    while (i < n) {
        unsigned c;

        /* fast path: eight printable ASCII bytes at once */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (((w | (w - 0x2020202020202020ULL)) & 0x8080808080808080ULL) != 0)
                break;                  /* a byte >= 0x80 or < 0x20 */
            i += 8;
        }
        if (i >= n)
            break;
        c = s[i];

        if (c >= 0x20 && c < 0x80) {
            i++;
            continue;
        }
        if (c < 0x80) {
            if (c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                i++;
                continue;
            }
            sbuf_add(out, p + run, i - run);        /* drop the control */
            run = ++i;
            continue;
        }
        k = utf8_seq_len(s + i, n - i);
        if (k == 3 && c == 0xEF && s[i + 1] == 0xBB && s[i + 2] == 0xBF) {
            sbuf_add(out, p + run, i - run);        /* drop a stray BOM */
            i += 3;
            run = i;
            continue;
        }
        if (k) {
            i += k;
            continue;
        }
        sbuf_add(out, p + run, i - run);
        sbuf_add(out, "\xEF\xBF\xBD", 3);
        run = ++i;
    }
    sbuf_add(out, p + run, i - run);
}

int utf8_valid(const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t i = 0, k;

    while (i < n) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        k = utf8_seq_len(s + i, n - i);
        if (k == 0)
            return 0;
        i += k;
    }
    return 1;
}
