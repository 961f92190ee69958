/* edgar_util.c - dates, CIKs, accession numbers, SEC hosts. */
#include "edgar_util.h"

#include "civil.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

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
    if (y < 1800 || m < 1 || m > 12 || d < 1 || d > civil_month_days(y, m))
        return -1;
    *days = civil_to_days(y, m, d);
    return 0;
}

void edgar_format_date(int64_t days, char out[11])
{
    civil_format(days, out);
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
