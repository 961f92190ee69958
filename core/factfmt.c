/* factfmt.c - human-readable fact values for tables and --explain. */
#include "factfmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* 1234567 -> "1,234,567"; fractions keep up to two decimals. */
static void grouped(buf *out, double v)
{
    char digits[64];
    if (fabs(v) >= 1e15 || v != floor(v)) {
        snprintf(digits, sizeof digits, "%.2f", v);
        size_t n = strlen(digits);
        while (n && digits[n - 1] == '0')
            digits[--n] = '\0';
        if (n && digits[n - 1] == '.')
            digits[--n] = '\0';
        buf_puts(out, digits);
        return;
    }
    snprintf(digits, sizeof digits, "%.0f", fabs(v));
    if (v < 0)
        buf_putc(out, '-');
    size_t n = strlen(digits);
    for (size_t i = 0; i < n; i++) {
        buf_putc(out, digits[i]);
        if ((n - i - 1) % 3 == 0 && i + 1 < n)
            buf_putc(out, ',');
    }
}

/* v scaled by the largest step it reaches: 1.5e9 -> "1.5" + "bn". */
static void scaled(buf *out, double v, const double *steps, const char *const *names, size_t n)
{
    size_t k = n;
    while (k > 0 && fabs(v) < steps[k - 1])
        k--;
    double shown = k ? v / steps[k - 1] : v;
    char num[48];
    snprintf(num, sizeof num, "%.3f", shown);
    size_t len = strlen(num);
    while (len && num[len - 1] == '0')
        num[--len] = '\0';
    if (len && num[len - 1] == '.')
        num[--len] = '\0';
    buf_puts(out, num);
    buf_puts(out, k ? names[k - 1] : "");
}

static void one(buf *out, const char *kind, double v, const char *unit)
{
    if (!strcmp(kind, "money")) {
        static const double steps[] = {1e3, 1e6, 1e9, 1e12};
        static const char *const names[] = {"k", "m", "bn", "tn"};
        if (!unit || !strcmp(unit, "USD"))
            buf_putc(out, '$');
        else if (!strcmp(unit, "EUR"))
            buf_puts(out, "\xE2\x82\xAC");
        else if (!strcmp(unit, "GBP"))
            buf_puts(out, "\xC2\xA3");
        else
            buf_printf(out, "%s ", unit);
        if (fabs(v) < 1e6)
            grouped(out, v);
        else
            scaled(out, v, steps, names, 4);
    } else if (!strcmp(kind, "power")) {
        static const double steps[] = {1e3, 1e6, 1e9, 1e12};
        static const char *const names[] = {" kW", " MW", " GW", " TW"};
        if (fabs(v) < 1e3) {
            grouped(out, v);
            buf_puts(out, " W");
        } else {
            scaled(out, v, steps, names, 4);
        }
    } else if (!strcmp(kind, "percent")) {
        grouped(out, v);
        buf_putc(out, '%');
    } else {
        grouped(out, v);
        if (unit && *unit)
            buf_printf(out, " %s", unit);
    }
}

void fact_value_format(buf *out, const char *kind, double low, double high, const char *unit,
                       const char *per, const char *qualifier)
{
    static const struct {
        const char *name, *words;
    } qualifiers[] = {{"about", "about "},     {"over", "over "},        {"under", "under "},
                      {"up_to", "up to "},     {"nearly", "nearly "},    {"at_least", "at least "}};
    if (!kind)
        kind = "";
    for (size_t i = 0; qualifier && i < sizeof qualifiers / sizeof qualifiers[0]; i++)
        if (!strcmp(qualifier, qualifiers[i].name))
            buf_puts(out, qualifiers[i].words);
    int is_count = strcmp(kind, "money") && strcmp(kind, "power") && strcmp(kind, "percent");
    if (isnan(low) || isnan(high)) {
        buf_puts(out, "?");
        return;
    }
    if (low == high) {
        one(out, kind, low, unit);
    } else {
        /* a range says its unit once where both ends share it:
         * "$115-135bn", "2-3 GW", "5-7%", "40,000-50,000 gpu" */
        buf a, b;
        buf_init(&a);
        buf_init(&b);
        one(&a, kind, low, is_count ? NULL : unit);
        one(&b, kind, high, unit);
        /* the currency before the first digit, the unit after the last */
        size_t pa = strcspn(a.data, "0123456789"), pb = strcspn(b.data, "0123456789");
        size_t sa = a.len, sb = b.len;
        while (sa > 0 && !(a.data[sa - 1] >= '0' && a.data[sa - 1] <= '9'))
            sa--;
        while (sb > 0 && !(b.data[sb - 1] >= '0' && b.data[sb - 1] <= '9'))
            sb--;
        size_t prefix = pa == pb && !memcmp(a.data, b.data, pa) ? pb : 0;
        size_t suffix = a.len - sa == b.len - sb && !memcmp(a.data + sa, b.data + sb, a.len - sa)
                            ? a.len - sa
                            : 0;
        buf_append(out, a.data, a.len - suffix);
        buf_puts(out, "\xE2\x80\x93"); /* an en dash */
        buf_append(out, b.data + prefix, b.len - prefix);
        buf_free(&a);
        buf_free(&b);
    }
    if (per && *per)
        buf_printf(out, "/%s", per);
}
