/* dedup_sig.h - what a text looks like to the near-duplicate finder: its
 * set of word shingles, summarised as a MinHash signature that estimates
 * the Jaccard similarity of two such sets, and the LSH bands that find
 * the signatures worth comparing without comparing all pairs.
 *
 * Words are runs of letters and digits (ASCII, lower-cased) or of bytes
 * of non-ASCII characters; punctuation and case do not count, so a text
 * re-wrapped, re-punctuated or re-capitalised keeps its shingles. A
 * shingle is shingle_words consecutive words.
 *
 * The signature is one-permutation MinHash (one hash per shingle, the
 * smallest in each of DD_K bins; an empty bin borrows from the next
 * non-empty one, rotated, so short texts still get a full signature),
 * keeping 8 bits of each minimum (b-bit MinHash): DD_K bytes a document.
 * Two signatures agree in a bin with probability J + (1 - J) / 256 for
 * sets of Jaccard similarity J, which dd_similarity() inverts.
 */
#ifndef ASSAY_DEDUP_SIG_H
#define ASSAY_DEDUP_SIG_H

#include <stddef.h>
#include <stdint.h>

#define DD_K 128 /* bins, and bytes of a signature */

typedef struct dd_sig {
    uint8_t v[DD_K];
} dd_sig;

/* Shingles text[0..len) (UTF-8, or any bytes) and fills *out. Returns the
 * number of words; a text with fewer than shingle_words words has no
 * shingles and its signature is all zero. */
size_t dd_signature(const char *text, size_t len, int shingle_words, dd_sig *out);

/* Estimated Jaccard similarity of the shingle sets behind a and b,
 * clamped to [0, 1]. */
double dd_similarity(const dd_sig *a, const dd_sig *b);

/* LSH parameters for a similarity threshold in (0, 1]: *rows bins per
 * band and *bands bands (rows * bands <= DD_K), the most rows for which a
 * pair at the threshold still shares a band with probability >= 0.95
 * (more rows: fewer chance candidates). */
void dd_bands(double threshold, int *bands, int *rows);

/* The key of band b of s (rows bins from b * rows), mixed with b. */
uint64_t dd_band_key(const dd_sig *s, int band, int rows);

/* 64-bit hash of bytes (FNV-1a, then a strong final mix). */
uint64_t dd_hash64(const void *p, size_t n);

#endif
