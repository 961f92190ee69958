/*
 * prices_av.c - Alpha Vantage TIME_SERIES_DAILY (and _ADJUSTED) JSON.
 *
 * Alpha Vantage answers HTTP 200 for its errors too: a body whose only
 * key is "Error Message" (a bad call or symbol), "Note" or "Information"
 * (call frequency and daily limits, premium endpoints). Those are errors
 * that quote the message, never an empty series.
 */
#include "prices_rows.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void clip(const char *s, char *out, size_t outlen)
{
    size_t n = strlen(s);
    if (n > 300)
        n = 300;
    while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    snprintf(out, outlen, "%.*s%s", (int)n, s, strlen(s) > n ? "..." : "");
}

/* The "N. name" member of a bar object: "1. open" for "open". */
static json_t *member(json_t *bar, const char *name)
{
    const char *k;
    json_t *v;
    json_object_foreach(bar, k, v)
    {
        const char *dot = strstr(k, ". ");
        if (dot && strcmp(dot + 2, name) == 0)
            return v;
    }
    return NULL;
}

int prices_read_av(const char *body, size_t len, char *symbol, size_t symlen, cand_list *c,
                   int *limited, char *err, size_t errlen)
{
    json_error_t je;
    json_t *root = json_loadb(body, len, 0, &je);
    if (!root) {
        snprintf(err, errlen, "the JSON does not parse (%s at byte %d of %zu)%s", je.text,
                 je.position, len, je.position >= (int)len - 1 ? ": a truncated answer" : "");
        return -1;
    }
    int rc = -1;
    char msg[400];
    if (!json_is_object(root)) {
        snprintf(err, errlen, "expected an Alpha Vantage JSON object, got a JSON %s",
                 json_is_array(root) ? "array" : "value");
        goto done;
    }
    static const char *const notes[] = {"Error Message", "Note", "Information"};
    for (int i = 0; i < 3; i++) {
        const char *m = json_string_value(json_object_get(root, notes[i]));
        if (m) {
            clip(m, msg, sizeof msg);
            *limited = i > 0;
            snprintf(err, errlen, "Alpha Vantage answered with %s \"%s\"%s", notes[i], msg,
                     i ? " (a usage limit: no more requests to this feed in this run)" : "");
            goto done;
        }
    }
    const char *sym = json_string_value(member(json_object_get(root, "Meta Data"), "Symbol"));
    if (sym)
        snprintf(symbol, symlen, "%s", sym);
    json_t *series = NULL;
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v)
    {
        if (strncmp(key, "Time Series", 11) == 0 && json_is_object(v)) {
            if (!strstr(key, "Daily")) {
                snprintf(err, errlen, "Alpha Vantage sent \"%s\", not a daily series", key);
                goto done;
            }
            series = v;
        }
    }
    if (!series) {
        size_t o = 0;
        char keys[200] = "";
        json_object_foreach(root, key, v)
        {
            int w = snprintf(keys + o, sizeof keys - o, "%s\"%s\"", o ? ", " : "", key);
            if (w < 0 || (size_t)w >= sizeof keys - o)
                break;
            o += (size_t)w;
        }
        snprintf(err, errlen, "no \"Time Series (Daily)\" in the Alpha Vantage JSON (it has %s)",
                 o ? keys : "no members");
        goto done;
    }
    json_object_foreach(series, key, v)
    {
        price_bar b;
        memset(&b, 0, sizeof b);
        char why[200], w[160];
        const char *what = NULL;
        if (prices_parse_date(key, strlen(key), &b.date) != 0 || strlen(key) != 10) {
            snprintf(why, sizeof why, "not a date: '%.40s'", key);
            what = why;
        }
        static const char *const names[] = {"open", "high", "low", "close", "adjusted close"};
        double *dst[] = {&b.open, &b.high, &b.low, &b.close, &b.adj_close};
        for (int k = 0; k < 5 && !what; k++) {
            json_t *x = member(v, names[k]);
            if (!x && k == 4)
                break;
            const char *s = json_string_value(x);
            char num[64];
            if (!s && json_is_number(x)) {
                snprintf(num, sizeof num, "%.17g", json_number_value(x));
                s = num;
            }
            if (!s) {
                snprintf(why, sizeof why, "%s: missing", names[k]);
                what = why;
            } else if (parse_price(s, strlen(s), dst[k], w, sizeof w) != 0) {
                snprintf(why, sizeof why, "%s: %s", names[k], w);
                what = why;
            }
            if (k == 4)
                b.has_adj = 1;
        }
        json_t *vol = member(v, "volume");
        if (!what && vol) {
            const char *s = json_string_value(vol);
            char num[64];
            if (!s && json_is_integer(vol)) {
                snprintf(num, sizeof num, "%lld", (long long)json_integer_value(vol));
                s = num;
            }
            if (!s || parse_volume(s, strlen(s), &b.volume, w, sizeof w) != 0) {
                snprintf(why, sizeof why, "volume: %s", s ? w : "not a number");
                what = why;
            }
            b.has_volume = 1;
        }
        if (!what && b.low > b.high) {
            snprintf(why, sizeof why, "low %.10g is above high %.10g", b.low, b.high);
            what = why;
        }
        char *row = json_dumps(v, JSON_COMPACT);
        char line[2100];
        snprintf(line, sizeof line, "\"%s\": %s", key, row ? row : "?");
        free(row);
        if (cand_add(c, what ? NULL : &b, 0, line, strlen(line), what) != 0) {
            snprintf(err, errlen, "out of memory");
            goto done;
        }
    }
    rc = 0;
done:
    json_decref(root);
    return rc;
}
