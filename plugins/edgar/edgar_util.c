/* edgar_util.c - dates, CIKs, accession numbers, SEC hosts. */
#include "edgar_util.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Howard Hinnant's days_from_civil algorithm (public domain arithmetic). */
int64_t edgar_days_from_civil(int y, int m, int d)
{
    int64_t yy = (int64_t)y - (m <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void edgar_civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int month_days(int y, int m)
{
    static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return n[m - 1];
}

int edgar_parse_date(const char *s, size_t len, int64_t *days)
{
    if (len != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    for (size_t i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
            return -1;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < 1800 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
        return -1;
    *days = edgar_days_from_civil(y, m, d);
    return 0;
}

void edgar_format_date(int64_t days, char out[11])
{
    int y, m, d;
    edgar_civil_from_days(days, &y, &m, &d);
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

int edgar_cik10(const char *s, char out[11])
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return -1;
    while (n > 10 && *s == '0')
        s++, n--;
    if (n > 10)
        return -1;
    memset(out, '0', 10 - n);
    memcpy(out + 10 - n, s, n);
    out[10] = '\0';
    return strcmp(out, "0000000000") == 0 ? -1 : 0;
}

int edgar_is_accession(const char *s)
{
    if (!s || strlen(s) != 20 || s[10] != '-' || s[13] != '-')
        return 0;
    for (int i = 0; i < 20; i++)
        if (i != 10 && i != 13 && !isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

void edgar_accession_nodash(const char *acc, char out[19])
{
    size_t o = 0;
    for (const char *p = acc; *p && o < 18; p++)
        if (*p != '-')
            out[o++] = *p;
    out[o] = '\0';
}

int edgar_is_sec_url(const char *url)
{
    const char *p = strstr(url ? url : "", "://");
    if (!p)
        return 0;
    p += 3;
    const char *at = NULL;
    for (const char *q = p; *q && *q != '/' && *q != '?' && *q != '#'; q++)
        if (*q == '@')
            at = q;
    if (at)
        p = at + 1;
    size_t n = strcspn(p, ":/?#");
    while (n && p[n - 1] == '.')
        n--; /* "sec.gov." is sec.gov too */
    if (n == 7 && strncasecmp(p, "sec.gov", 7) == 0)
        return 1;
    return n > 8 && strncasecmp(p + n - 8, ".sec.gov", 8) == 0;
}

int edgar_has_email(const char *s)
{
    for (const char *at = strchr(s ? s : "", '@'); at; at = strchr(at + 1, '@')) {
        const char *l = at;
        while (l > s && !isspace((unsigned char)l[-1]) && l[-1] != '<' && l[-1] != '(')
            l--;
        if (l == at)
            continue;
        const char *r = at + 1, *dot = NULL;
        while (*r && !isspace((unsigned char)*r) && *r != '>' && *r != ')') {
            if (*r == '.' && r > at + 1)
                dot = r;
            r++;
        }
        while (r > at + 1 && r[-1] == '.')
            r--;
        if (dot && dot < r - 1 && dot > at + 1)
            return 1;
    }
    return 0;
}
