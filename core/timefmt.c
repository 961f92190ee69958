/* timefmt.c - date arithmetic without the C library's time zone state. */
#include "timefmt.h"

#include "civil.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* A cursor over the input, so parsers read like the grammar. */
typedef struct cur {
    const char *p, *end;
} cur;

static int digits(cur *c, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (c->p >= c->end || !isdigit((unsigned char)*c->p))
            return -1;
        v = v * 10 + (*c->p++ - '0');
    }
    *out = v;
    return 0;
}

static int eat(cur *c, char ch)
{
    if (c->p < c->end && *c->p == ch) {
        c->p++;
        return 1;
    }
    return 0;
}

static void skip_space(cur *c)
{
    while (c->p < c->end && isspace((unsigned char)*c->p))
        c->p++;
}

static int valid_ymd(int64_t y, int m, int d)
{
    return m >= 1 && m <= 12 && d >= 1 && d <= civil_month_days(y, m);
}

static int64_t to_usec(int64_t days, int h, int mi, int s, int64_t frac_us, int off_min)
{
    return ((days * 86400 + h * 3600 + mi * 60 + s) - (int64_t)off_min * 60) * 1000000 + frac_us;
}

/* +HH:MM, +HHMM, +HH, Z; returns minutes east of UTC or -9999. */
static int zone_offset(cur *c)
{
    if (eat(c, 'Z') || eat(c, 'z'))
        return 0;
    int sign;
    if (eat(c, '+'))
        sign = 1;
    else if (eat(c, '-'))
        sign = -1;
    else
        return -9999;
    int hh, mm = 0;
    if (digits(c, 2, &hh))
        return -9999;
    if (eat(c, ':')) {
        if (digits(c, 2, &mm))
            return -9999;
    } else if (c->p < c->end && isdigit((unsigned char)*c->p)) {
        if (digits(c, 2, &mm))
            return -9999;
    }
    if (hh > 23 || mm > 59)
        return -9999;
    return sign * (hh * 60 + mm);
}

static int parse_iso(cur *c, int64_t *usec)
{
    int y, m, d, h = 0, mi = 0, s = 0, off = 0;
    int64_t frac = 0;
    if (digits(c, 4, &y) || !eat(c, '-') || digits(c, 2, &m) || !eat(c, '-') || digits(c, 2, &d))
        return -1;
    if (!valid_ymd(y, m, d))
        return -1;
    if (c->p < c->end && (*c->p == 'T' || *c->p == 't' || *c->p == ' ')) {
        c->p++;
        if (digits(c, 2, &h) || !eat(c, ':') || digits(c, 2, &mi))
            return -1;
        if (eat(c, ':')) {
            if (digits(c, 2, &s))
                return -1;
            if (eat(c, '.') || eat(c, ',')) {
                int64_t scale = 100000;
                int any = 0;
                while (c->p < c->end && isdigit((unsigned char)*c->p)) {
                    frac += (*c->p++ - '0') * scale;
                    scale /= 10;
                    any = 1;
                }
                if (!any)
                    return -1;
            }
        }
        if (h > 24 || mi > 59 || s > 60 || (h == 24 && (mi || s || frac)))
            return -1;
        if (s == 60)
            s = 59; /* a leap second: keep it inside its minute */
        skip_space(c);
        if (c->p < c->end) {
            off = zone_offset(c);
            if (off == -9999)
                return -1;
        }
    }
    *usec = to_usec(civil_to_days(y, m, d), h, mi, s, frac, off);
    return 0;
}

/* The value of n decimal digits already known to be digits. */
static int atoi_n(const char *p, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (p[i] - '0');
    return v;
}

static int month_from_name(const char *p, size_t n)
{
    static const char *names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
    if (n < 3)
        return -1;
    for (int i = 0; i < 12; i++)
        if (strncasecmp(p, names[i], 3) == 0)
            return i + 1;
    return -1;
}

/* RFC 2822 section 3.3, with the obsolete zone names of section 4.3. */
static int parse_rfc2822(cur *c, int64_t *usec)
{
    skip_space(c);
    /* optional day name and comma */
    const char *save = c->p;
    while (c->p < c->end && isalpha((unsigned char)*c->p))
        c->p++;
    if (c->p > save) {
        if (!eat(c, ','))
            return -1;
        skip_space(c);
    }
    int d, y, h, mi, s = 0;
    const char *dp = c->p;
    while (c->p < c->end && isdigit((unsigned char)*c->p))
        c->p++;
    if (c->p - dp < 1 || c->p - dp > 2)
        return -1;
    d = atoi_n(dp, (size_t)(c->p - dp));
    skip_space(c);
    const char *mp = c->p;
    while (c->p < c->end && isalpha((unsigned char)*c->p))
        c->p++;
    int m = month_from_name(mp, (size_t)(c->p - mp));
    if (m < 0)
        return -1;
    skip_space(c);
    const char *yp = c->p;
    while (c->p < c->end && isdigit((unsigned char)*c->p))
        c->p++;
    if (c->p - yp == 4)
        y = atoi_n(yp, 4);
    else if (c->p - yp == 2) {
        y = atoi_n(yp, 2);
        y += y < 50 ? 2000 : 1900;
    } else
        return -1;
    if (!valid_ymd(y, m, d))
        return -1;
    skip_space(c);
    if (digits(c, 2, &h) || !eat(c, ':') || digits(c, 2, &mi))
        return -1;
    if (eat(c, ':') && digits(c, 2, &s))
        return -1;
    if (h > 23 || mi > 59 || s > 60)
        return -1;
    if (s == 60)
        s = 59;
    skip_space(c);
    int off = 0;
    if (c->p < c->end) {
        static const struct {
            const char *name;
            int minutes;
        } zones[] = {{"UT", 0},        {"UTC", 0},       {"GMT", 0},       {"EST", -5 * 60},
                     {"EDT", -4 * 60}, {"CST", -6 * 60}, {"CDT", -5 * 60}, {"MST", -7 * 60},
                     {"MDT", -6 * 60}, {"PST", -8 * 60}, {"PDT", -7 * 60}};
        const char *zp = c->p;
        while (c->p < c->end && isalpha((unsigned char)*c->p))
            c->p++;
        size_t zn = (size_t)(c->p - zp);
        if (zn) {
            off = -9999;
            for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++)
                if (strlen(zones[i].name) == zn && strncasecmp(zp, zones[i].name, zn) == 0)
                    off = zones[i].minutes;
            if (off == -9999 && zn == 1)
                off = 0; /* military zones: RFC 2822 says treat as -0000 */
            if (off == -9999)
                return -1;
        } else {
            off = zone_offset(c);
            if (off == -9999)
                return -1;
        }
    }
    *usec = to_usec(civil_to_days(y, m, d), h, mi, s, 0, off);
    return 0;
}

int time_parse(const char *s, size_t len, int64_t *usec)
{
    cur c = {s, s + len};
    skip_space(&c);
    while (c.end > c.p && isspace((unsigned char)c.end[-1]))
        c.end--;
    if (c.p == c.end)
        return -1;
    cur iso = c;
    if (parse_iso(&iso, usec) == 0 && iso.p == iso.end)
        return 0;
    cur rfc = c;
    if (parse_rfc2822(&rfc, usec) == 0) {
        skip_space(&rfc);
        /* a trailing comment such as "(UTC)" is allowed by RFC 2822 */
        if (rfc.p == rfc.end || *rfc.p == '(')
            return 0;
    }
    return -1;
}

int date_parse(const char *s, size_t len, int64_t *days)
{
    cur c = {s, s + len};
    int y, m, d;
    if (digits(&c, 4, &y) || !eat(&c, '-') || digits(&c, 2, &m) || !eat(&c, '-') ||
        digits(&c, 2, &d) || c.p != c.end || !valid_ymd(y, m, d))
        return -1;
    *days = civil_to_days(y, m, d);
    return 0;
}

void time_format(int64_t usec, char out[40])
{
    int64_t secs = usec / 1000000, frac = usec % 1000000;
    if (frac < 0)
        frac += 1000000, secs--;
    int64_t days = secs / 86400, rem = secs % 86400;
    if (rem < 0)
        rem += 86400, days--;
    int64_t y;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    if (frac)
        snprintf(out, 40, "%04lld-%02d-%02dT%02d:%02d:%02d.%06lldZ", (long long)y, m, d,
                 (int)(rem / 3600), (int)(rem / 60 % 60), (int)(rem % 60), (long long)frac);
    else
        snprintf(out, 40, "%04lld-%02d-%02dT%02d:%02d:%02dZ", (long long)y, m, d,
                 (int)(rem / 3600), (int)(rem / 60 % 60), (int)(rem % 60));
}

void date_format(int64_t days, char out[24])
{
    int64_t y;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    snprintf(out, 24, "%04lld-%02d-%02d", (long long)y, m, d);
}
