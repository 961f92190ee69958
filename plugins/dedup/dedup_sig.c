/* dedup_sig.c - word shingles, one-permutation b-bit MinHash and LSH
 * bands (see dedup_sig.h). One pass over the text, one hash per word and
 * one per shingle: linear in the text, no allocation.
 */
#include "dedup_sig.h"

#include <math.h>
#include <string.h>

#define MAX_SHINGLE 16
#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

/* A strong 64-bit finaliser (the splitmix64 output function): every input
 * bit affects every output bit. */
static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

uint64_t dd_hash64(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = FNV_OFFSET;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= FNV_PRIME;
    }
    return mix64(h);
}

/* The code point at s[*i] (advancing *i); invalid bytes come back as
 * themselves, which is enough to tell words apart. */
static uint32_t next_cp(const unsigned char *s, size_t n, size_t *i)
{
    uint32_t c = s[(*i)++];
    int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (c < 0x80 || more == 0 || *i + (size_t)more > n)
        return c;
    uint32_t cp = c & (0x3Fu >> more);
    for (int k = 0; k < more; k++) {
        if ((s[*i + (size_t)k] & 0xC0) != 0x80)
            return c;
        cp = cp << 6 | (s[*i + (size_t)k] & 0x3F);
    }
    *i += (size_t)more;
    return cp;
}

/* Letters and digits make words; spaces, punctuation and symbols
 * (ASCII, Latin-1's, the general punctuation and symbol blocks, CJK
 * punctuation, BOM, U+FFFD) separate them. */
static int word_cp(uint32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (c <= 0xBF || c == 0xD7 || c == 0xF7)
        return 0;
    if ((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) || c == 0xFEFF ||
        c == 0xFFFD)
        return 0;
    return 1;
}

static uint32_t fold(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 32; /* Latin-1 capitals */
    return c;
}

size_t dd_signature(const char *text, size_t len, int shingle_words, dd_sig *out)
{
    const unsigned char *s = (const unsigned char *)text;
    uint32_t mins[DD_K];
    uint64_t ring[MAX_SHINGLE];
    size_t words = 0, i = 0;
    uint64_t h = 0;
    int in_word = 0;
    int k = shingle_words < 1 ? 1 : shingle_words > MAX_SHINGLE ? MAX_SHINGLE : shingle_words;

    memset(out, 0, sizeof *out);
    for (int b = 0; b < DD_K; b++)
        mins[b] = UINT32_MAX;
    int filled = 0;
    unsigned char has[DD_K] = {0};
    while (i <= len) {
        uint32_t c = i < len ? next_cp(s, len, &i) : (i++, 0u);
        if (c && word_cp(c)) {
            if (!in_word)
                h = FNV_OFFSET, in_word = 1;
            h ^= fold(c);
            h *= FNV_PRIME;
            continue;
        }
        if (!in_word)
            continue;
        in_word = 0;
        ring[words % (size_t)k] = mix64(h);
        words++;
        if (words < (size_t)k)
            continue;
        /* the shingle of the last k words, in order */
        uint64_t sh = 0;
        for (int j = 0; j < k; j++)
            sh = mix64(sh ^ ring[(words - (size_t)k + (size_t)j) % (size_t)k]);
        uint64_t y = mix64(sh + 0x9e3779b97f4a7c15ULL);
        int bin = (int)(y >> 57); /* top 7 bits: DD_K == 128 */
        uint32_t v = (uint32_t)y;
        if (!has[bin])
            has[bin] = 1, filled++;
        if (v < mins[bin])
            mins[bin] = v;
    }
    if (filled == 0)
        return words;
    for (int b = 0; b < DD_K; b++) {
        uint64_t v;
        if (has[b]) {
            v = mins[b];
        } else {
            /* rotation: the next non-empty bin, offset by the distance */
            int d = 1;
            while (!has[(b + d) % DD_K])
                d++;
            v = (uint64_t)mins[(b + d) % DD_K] + (uint64_t)d * 0x100000000ULL;
        }
        out->v[b] = (uint8_t)mix64(v);
    }
    return words;
}

double dd_similarity(const dd_sig *a, const dd_sig *b)
{
    int m = 0;
    for (int i = 0; i < DD_K; i++)
        m += a->v[i] == b->v[i];
    double p = (double)m / DD_K, chance = 1.0 / 256;
    double j = (p - chance) / (1 - chance);
    return j < 0 ? 0 : j > 1 ? 1 : j;
}

void dd_bands(double threshold, int *bands, int *rows)
{
    double t = threshold <= 0 ? 0.01 : threshold > 1 ? 1 : threshold;
    double p = t + (1 - t) / 256; /* a bin agrees this often at the threshold */
    *rows = 1;
    *bands = DD_K;
    for (int r = 1; r <= DD_K; r++) {
        int b = DD_K / r;
        double hit = 1 - pow(1 - pow(p, r), b);
        if (hit >= 0.95) {
            *rows = r;
            *bands = b;
        }
    }
}

uint64_t dd_band_key(const dd_sig *s, int band, int rows)
{
    uint64_t h = FNV_OFFSET ^ ((uint64_t)band * 0x9e3779b97f4a7c15ULL);
    const uint8_t *p = s->v + band * rows;
    for (int i = 0; i < rows; i++) {
        h ^= p[i];
        h *= FNV_PRIME;
    }
    return mix64(h);
}
