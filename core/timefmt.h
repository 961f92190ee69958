/*
 * timefmt.h - dates and times: parsing the forms feeds and files use, and
 * printing timestamps (microseconds since the epoch, UTC) as RFC 3339.
 */
#ifndef ASSAY_TIMEFMT_H
#define ASSAY_TIMEFMT_H

#include <stddef.h>
#include <stdint.h>

/* Parses, into microseconds UTC:
 *   2026-11-23, 2026-11-23T11:06:40, ...:40.123456, with Z, +01:00, +0100
 *   (a space may stand for the T; no zone means UTC), and RFC 2822
 *   "Mon, 23 Nov 2026 11:06:40 GMT" (+0100, UT, GMT, EST..PDT, Z).
 * Returns 0, or -1 for anything else, including impossible dates. */
int time_parse(const char *s, size_t len, int64_t *usec);
/* Parses YYYY-MM-DD only, into days since the epoch. */
int date_parse(const char *s, size_t len, int64_t *days);

/* "2026-11-23T11:06:40Z", with ".123456" when there is a fraction. */
void time_format(int64_t usec, char out[40]);
/* "2026-11-23". */
void date_format(int64_t days, char out[24]);

#endif
