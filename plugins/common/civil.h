/* civil.h - proleptic Gregorian dates as day numbers, for the plugins.
 *
 * Plugins link nothing of the core, so the date arithmetic several of them
 * need (feeds, filings, price bars, article dates) lives here once. */
#ifndef ASSAY_COMMON_CIVIL_H
#define ASSAY_COMMON_CIVIL_H

#include <stdint.h>

/* Days since 1970-01-01 of y-m-d (m 1-12, d 1-31; not checked). */
int64_t civil_to_days(int64_t y, int m, int d);

/* The date of a day number. */
void civil_from_days(int64_t days, int64_t *y, int *m, int *d);

/* Days in month m (1-12) of year y. */
int civil_month_days(int64_t y, int m);

/* "YYYY-MM-DD" of a day number, the year clamped to 0000-9999. */
void civil_format(int64_t days, char out[11]);

#endif
