/* article_date.c - dates as pages write them, to ISO 8601 UTC (see
 * article_date_iso() in article_int.h).
 *
 * First the machine forms (ISO 8601 / RFC 3339, digits only for Unix
 * time), then a token reader for the human ones: month names (English),
 * day, year, hh:mm[:ss], am/pm, a zone abbreviation or a numeric offset,
 * in whatever order ("Tue, 19 Nov 2019 10:02:00 GMT", "November 19, 2019
 * 10:02 AM EST", "19.11.2019 10:02").
 */
#include "article_int.h"

#include "civil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Write the UTC time of local y-m-d h:mi:s at offset off_min minutes. */
static int emit(int y, int mo, int d, int h, int mi, int s, int off_min,
                char out[21])
{
    long long t;

    if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 ||
        d > civil_month_days(y, mo) || h < 0 || h > 24 || mi < 0 || mi > 59 ||
        s < 0 || s > 60 || off_min < -18 * 60 || off_min > 18 * 60)
        return -1;
    if (s == 60)
        s = 59;
    t = civil_to_days(y, mo, d) * 86400LL +
        h * 3600LL + mi * 60LL + s - off_min * 60LL;
    return article_epoch_iso(t, out);
}

int article_epoch_iso(long long t, char out[21])
{
    long long days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    long long rem = t - days * 86400;
    int64_t y;
    int m, d;

    unsigned hh = (unsigned)(rem / 3600) % 24, mm = (unsigned)(rem / 60 % 60),
             ss = (unsigned)(rem % 60);

    civil_from_days(days, &y, &m, &d);
    if (y < 1900 || y > 2200)
        return -1;
    snprintf(out, 21, "%04u-%02u-%02uT%02u:%02u:%02uZ", (unsigned)y % 10000,
             (unsigned)m % 100, (unsigned)d % 100, hh, mm, ss);
    return 0;
}

static int digits(const char *s, int n, int *v)
{
    int i, x = 0;

    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        x = x * 10 + (s[i] - '0');
    }
    *v = x;
    return 0;
}

/* "+05:30", "-0800", "+01", "Z" at s; sets minutes east of UTC. Returns
 * characters used, 0 if none. */
static int numeric_offset(const char *s, int *off)
{
    int h, m = 0, sign;

    if (*s == 'Z' || *s == 'z') {
        *off = 0;
        return 1;
    }
    if (*s != '+' && *s != '-')
        return 0;
    sign = *s == '-' ? -1 : 1;
    if (digits(s + 1, 2, &h) != 0)
        return 0;
    if (s[3] == ':' && digits(s + 4, 2, &m) == 0) {
        *off = sign * (h * 60 + m);
        return 6;
    }
    if (digits(s + 3, 2, &m) == 0) {
        *off = sign * (h * 60 + m);
        return 5;
    }
    *off = sign * h * 60;
    return 3;
}

/* YYYY-MM-DD[(T| )HH:MM[:SS[.frac]]][offset], also with '/' or '.'. */
static int iso(const char *s, char out[21])
{
    int y, mo, d, h = 0, mi = 0, sec = 0, off = 0, k;
    char sep;

    if (digits(s, 4, &y) != 0)
        return -1;
    sep = s[4];
    if ((sep != '-' && sep != '/' && sep != '.') || digits(s + 5, 2, &mo) != 0 ||
        s[7] != sep || digits(s + 8, 2, &d) != 0)
        return -1;
    s += 10;
    if ((*s == 'T' || *s == 't' || *s == ' ') && digits(s + 1, 2, &h) == 0 &&
        s[3] == ':' && digits(s + 4, 2, &mi) == 0) {
        s += 6;
        if (*s == ':' && digits(s + 1, 2, &sec) == 0) {
            s += 3;
            if (*s == '.' || *s == ',') {
                s++;
                while (*s >= '0' && *s <= '9')
                    s++;
            }
        }
        while (*s == ' ')
            s++;
        k = numeric_offset(s, &off);
        if (k == 0 && (strncmp(s, "UTC", 3) == 0 || strncmp(s, "GMT", 3) == 0))
            off = 0;
    }
    return emit(y, mo, d, h, mi, sec, off, out);
}

static const struct { const char *name; int min; } zones[] = {
    {"utc", 0}, {"gmt", 0}, {"z", 0}, {"ut", 0},
    {"est", -300}, {"edt", -240}, {"cst", -360}, {"cdt", -300},
    {"mst", -420}, {"mdt", -360}, {"pst", -480}, {"pdt", -420},
    {"akst", -540}, {"akdt", -480}, {"hst", -600}, {"bst", 60},
    {"cet", 60}, {"cest", 120}, {"eet", 120}, {"eest", 180},
    {"wet", 0}, {"west", 60}, {"msk", 180}, {"ist", 330}, {"jst", 540},
    {"kst", 540}, {"aest", 600}, {"aedt", 660}, {"awst", 480},
    {"nzst", 720}, {"nzdt", 780}, {"sgt", 480}, {"hkt", 480},
};

static const char *const months[] = {
    "jan", "feb", "mar", "apr", "may", "jun",
    "jul", "aug", "sep", "oct", "nov", "dec",
};

/* The human forms: pick out the parts wherever they are. */
static int loose(const char *s, char out[21])
{
    int y = -1, mo = -1, d = -1, h = 0, mi = 0, sec = 0, off = 0, pm = -1;
    int nums[3], nn = 0, year_first = 0;
    size_t i;

    while (*s) {
        if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')) {
            char w[16];
            size_t n = 0;
            while (((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))) {
                if (n + 1 < sizeof w)
                    w[n++] = (char)(*s | 0x20);
                s++;
            }
            w[n] = '\0';
            if (n >= 3) {
                for (i = 0; i < 12; i++)
                    if (strncmp(w, months[i], 3) == 0 && mo < 0) {
                        mo = (int)i + 1;
                        break;
                    }
                if (i < 12)
                    continue;
            }
            if (strcmp(w, "am") == 0 || strcmp(w, "a") == 0) {
                pm = 0;
                if (*s == '.' && (s[1] == 'm' || s[1] == 'M'))
                    s += 2;
            } else if (strcmp(w, "pm") == 0 || strcmp(w, "p") == 0) {
                pm = 1;
                if (*s == '.' && (s[1] == 'm' || s[1] == 'M'))
                    s += 2;
            } else {
                for (i = 0; i < sizeof zones / sizeof zones[0]; i++)
                    if (strcmp(w, zones[i].name) == 0) {
                        off = zones[i].min;
                        if (*s == '+' || *s == '-') {
                            int extra;
                            int k = numeric_offset(s, &extra);
                            if (k) {
                                off = extra;
                                s += k;
                            }
                        }
                        break;
                    }
            }
            continue;
        }
        if (*s >= '0' && *s <= '9') {
            long v = 0;
            int n = 0;
            while (*s >= '0' && *s <= '9') {
                if (n < 9)
                    v = v * 10 + (*s - '0');
                n++;
                s++;
            }
            if (*s == ':' && s[1] >= '0' && s[1] <= '9' && n <= 2) {
                h = (int)v;
                s++;
                mi = (int)strtol(s, (char **)&s, 10);
                if (*s == ':' && s[1] >= '0' && s[1] <= '9') {
                    s++;
                    sec = (int)strtol(s, (char **)&s, 10);
                }
                if (*s == '.')
                    while (s[1] >= '0' && s[1] <= '9')
                        s++;
                continue;
            }
            if (n == 4 && y < 0) {
                y = (int)v;
                year_first = nn == 0;
            }
            else if (n <= 2 && nn < 3)
                nums[nn++] = (int)v;
            /* (st, nd, rd, th) suffixes are skipped as words */
            continue;
        }
        if ((*s == '+' || *s == '-') && h + mi > 0 && s[1] >= '0' && s[1] <= '9') {
            int k = numeric_offset(s, &off);
            s += k ? k : 1;
            continue;
        }
        s++;
    }
    if (y < 0)
        return -1;
    if (mo > 0) {
        if (nn < 1)
            return -1;
        d = nums[0];
    } else {
        /* numeric day and month: day first (19.11.2019) unless that cannot
         * be (11/19/2019) */
        if (nn < 2)
            return -1;
        d = nums[year_first ? 1 : 0];
        mo = nums[year_first ? 0 : 1];
        if (mo > 12 && d <= 12) {
            int t = d;
            d = mo;
            mo = t;
        }
    }
    if (pm == 1 && h < 12)
        h += 12;
    else if (pm == 0 && h == 12)
        h = 0;
    return emit(y, mo, d, h, mi, sec, off, out);
}

int article_date_iso(const char *s, char out[21])
{
    size_t n, i;

    if (s == NULL)
        return -1;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    n = strlen(s);
    if (n == 0 || n > 200)
        return -1;
    for (i = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
        ;
    if (i == n && (n == 10 || n == 13)) {
        long long t = strtoll(s, NULL, 10);
        if (n == 13)
            t /= 1000;
        return article_epoch_iso(t, out);
    }
    if (iso(s, out) == 0)
        return 0;
    if (n >= 10 && s[4] == '-' && s[7] == '-')
        return -1;                      /* ISO-shaped but not a date */
    return loose(s, out);
}
