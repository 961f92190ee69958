/*
 * edgar_util.h - small things the edgar modules share: calendar dates,
 * CIK and accession-number forms, and the SEC host test.
 *
 * Dates are "YYYY-MM-DD" strings on the outside and days since
 * 1970-01-01 inside (the documents and bars streams' date type).
 */
#ifndef EDGAR_UTIL_H
#define EDGAR_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Parses exactly "YYYY-MM-DD" (a real calendar date) at s[0..len).
 * Returns 0 and sets *days, or -1. */
int edgar_parse_date(const char *s, size_t len, int64_t *days);
/* Writes "YYYY-MM-DD" (11 bytes with the NUL). */
void edgar_format_date(int64_t days, char out[11]);

/* A CIK as ten digits with leading zeros, from 1 to 10 digits of input
 * (leading zeros allowed, nothing else). Returns 0, or -1 when s is not a
 * CIK. out has 11 bytes. */
int edgar_cik10(const char *s, char out[11]);
/* 1 when s is an accession number "NNNNNNNNNN-NN-NNNNNN". */
int edgar_is_accession(const char *s);
/* The accession number without dashes (18 digits; out has 19 bytes). */
void edgar_accession_nodash(const char *acc, char out[19]);

/* 1 when the URL's host is sec.gov or a subdomain of it (www.sec.gov,
 * data.sec.gov, efts.sec.gov): the hosts SEC's fair-access rules cover. */
int edgar_is_sec_url(const char *url);
/* 1 when s holds something shaped like an e-mail address
 * (local@domain.tld, no spaces), as SEC asks a User-Agent to carry. */
int edgar_has_email(const char *s);

#endif
