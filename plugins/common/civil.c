/* civil.c - proleptic Gregorian dates as day numbers.
 *
 * Howard Hinnant's days_from_civil / civil_from_days, written out: a year
 * is shifted to start in March so that the leap day comes last, and the
 * 400-year cycle (146097 days) makes it exact for any year, without the C
 * library's time zone state. 719468 is the day number of 0000-03-01. */
#include "civil.h"

int64_t civil_to_days(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

int civil_month_days(int64_t y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

void civil_format(int64_t days, char out[11])
{
    int64_t y;
    int m, d;

    civil_from_days(days, &y, &m, &d);
    if (y < 0 || y > 9999)
        y = y < 0 ? 0 : 9999;
    unsigned v[3] = {(unsigned)y, (unsigned)m, (unsigned)d};
    char *o = out;
    for (int k = 0, w = 4; k < 3; k++, w = 2) {
        for (int i = w - 1; i >= 0; i--, v[k] /= 10)
            o[i] = (char)('0' + v[k] % 10);
        o += w;
        *o++ = k < 2 ? '-' : '\0';
    }
}
