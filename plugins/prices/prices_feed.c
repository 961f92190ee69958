/* prices_feed.c - feed configs, URL templates, secrets kept out of messages. */
#include "prices_feed.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *default_name(price_format f)
{
    switch (f) {
    case PF_STOOQ_CSV:
    case PF_STOOQ_TXT:
        return "stooq";
    case PF_YAHOO_CSV:
        return "yahoo";
    case PF_YFINANCE_CSV:
        return "yfinance";
    case PF_ALPHAVANTAGE:
        return "alphavantage";
    default:
        return NULL;
    }
}

static int one_feed(json_t *o, size_t i, price_feed *f, char *err, size_t errlen)
{
    static const char *const keys[] = {"url",        "format",   "name", "symbols",
                                       "symbol_map", "max_rate", NULL};
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v)
    {
        int known = k[0] == '_';
        for (const char *const *p = keys; *p && !known; p++)
            known = strcmp(*p, k) == 0;
        if (!known) {
            snprintf(err, errlen,
                     "feeds[%zu]: unknown key '%s' (a feed has url, format, name, symbols, "
                     "symbol_map, max_rate)",
                     i, k);
            return -1;
        }
    }
    const char *url = json_string_value(json_object_get(o, "url"));
    if (!url || (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0)) {
        snprintf(err, errlen, "feeds[%zu]: \"url\" must be an http:// or https:// URL template", i);
        return -1;
    }
    json_t *fmt = json_object_get(o, "format");
    int format = PF_AUTO;
    if (fmt) {
        format = price_format_from_name(json_string_value(fmt));
        if (format < 0) {
            snprintf(err, errlen,
                     "feeds[%zu]: format must be auto, stooq_csv, stooq_txt, yahoo_csv, "
                     "yfinance_csv or alphavantage_json",
                     i);
            return -1;
        }
    }
    f->format = (price_format)format;
    json_t *name = json_object_get(o, "name");
    const char *nm = name ? json_string_value(name) : default_name(f->format);
    if (name && (!nm || !*nm)) {
        snprintf(err, errlen, "feeds[%zu]: \"name\" must be a non-empty string", i);
        return -1;
    }
    char fallback[32];
    if (!nm) {
        snprintf(fallback, sizeof fallback, "feed%zu", i + 1);
        nm = fallback;
    }
    f->name = strdup(nm);
    f->url = strdup(url);
    if (!f->name || !f->url) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    json_t *syms = json_object_get(o, "symbols");
    if (syms) {
        if (!json_is_array(syms) || json_array_size(syms) == 0) {
            snprintf(err, errlen, "feeds[%zu]: \"symbols\" must be a non-empty list of strings", i);
            return -1;
        }
        f->symbols = calloc(json_array_size(syms), sizeof *f->symbols);
        size_t j;
        json_t *s;
        json_array_foreach(syms, j, s)
        {
            const char *t = json_string_value(s);
            if (!t || !*t) {
                snprintf(err, errlen, "feeds[%zu]: symbols[%zu] must be a non-empty string", i, j);
                return -1;
            }
            if (!f->symbols || !(f->symbols[f->nsymbols++] = strdup(t))) {
                snprintf(err, errlen, "out of memory");
                return -1;
            }
        }
    }
    json_t *map = json_object_get(o, "symbol_map");
    if (map) {
        const char *mk;
        json_t *mv;
        int ok = json_is_object(map);
        json_object_foreach(map, mk, mv) ok &= json_is_string(mv) && *json_string_value(mv);
        if (!ok) {
            snprintf(err, errlen, "feeds[%zu]: \"symbol_map\" must map symbols to strings", i);
            return -1;
        }
        f->symbol_map = json_dumps(map, JSON_COMPACT);
    }
    json_t *rate = json_object_get(o, "max_rate");
    if (rate && (!json_is_number(rate) || !(json_number_value(rate) > 0))) {
        snprintf(err, errlen, "feeds[%zu]: \"max_rate\" must be a number above 0 (requests/s)", i);
        return -1;
    }
    f->max_rate = rate ? json_number_value(rate) : 0;
    if (!strchr(f->url, '{')) {
        snprintf(err, errlen,
                 "feeds[%zu]: the url has no {symbol}, {symbol_lower} or {symbol_upper}: every "
                 "symbol would get the same answer",
                 i);
        return -1;
    }
    return 0;
}

int prices_feeds_parse(const char *json, price_feed **out, size_t *n, char *err, size_t errlen)
{
    *out = NULL;
    *n = 0;
    json_t *root = json_loads(json ? json : "", 0, NULL);
    if (json_is_object(root)) {
        json_t *arr = json_array();
        json_array_append_new(arr, root);
        root = arr;
    }
    if (!json_is_array(root) || json_array_size(root) == 0) {
        json_decref(root);
        snprintf(err, errlen,
                 "feeds must be a list of feeds, each {\"url\": \"https://...{symbol}...\", "
                 "\"format\": \"stooq_csv\"}");
        return -1;
    }
    size_t count = json_array_size(root);
    price_feed *f = calloc(count, sizeof *f);
    int rc = f ? 0 : -1;
    if (!f)
        snprintf(err, errlen, "out of memory");
    for (size_t i = 0; i < count && rc == 0; i++) {
        json_t *o = json_array_get(root, i);
        if (!json_is_object(o)) {
            snprintf(err, errlen, "feeds[%zu] must be an object with a \"url\"", i);
            rc = -1;
            break;
        }
        rc = one_feed(o, i, &f[i], err, errlen);
        *n = i + 1;
        for (size_t j = 0; rc == 0 && j < i; j++)
            if (strcmp(f[j].name, f[i].name) == 0) {
                snprintf(
                    err, errlen,
                    "feeds[%zu] and feeds[%zu] are both named '%s': give one a \"name\" of its "
                    "own (it is bars.source and part of the state key)",
                    j, i, f[i].name);
                rc = -1;
            }
    }
    json_decref(root);
    if (rc) {
        prices_feeds_free(f, *n);
        *n = 0;
        return -1;
    }
    *out = f;
    return 0;
}

void prices_feeds_free(price_feed *f, size_t n)
{
    for (size_t i = 0; f && i < n; i++) {
        free(f[i].name);
        free(f[i].url);
        for (size_t j = 0; j < f[i].nsymbols; j++)
            free(f[i].symbols[j]);
        free(f[i].symbols);
        free(f[i].symbol_map);
    }
    free(f);
}

static void put_encoded(char **o, const char *s, int mode)
{
    static const char hex[] = "0123456789ABCDEF";
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (mode < 0)
            c = (unsigned char)tolower(c);
        else if (mode > 0)
            c = (unsigned char)toupper(c);
        if (isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '^' || c == '=') {
            if (c == '^' || c == '=') { /* index and FX tickers: encode to be safe */
                *(*o)++ = '%', *(*o)++ = hex[c >> 4], *(*o)++ = hex[c & 15];
            } else {
                *(*o)++ = (char)c;
            }
        } else {
            *(*o)++ = '%', *(*o)++ = hex[c >> 4], *(*o)++ = hex[c & 15];
        }
    }
}

char *prices_feed_url(const price_feed *f, const char *symbol)
{
    const char *sym = symbol;
    json_t *map = f->symbol_map ? json_loads(f->symbol_map, 0, NULL) : NULL;
    const char *mapped = json_string_value(json_object_get(map, symbol));
    if (mapped)
        sym = mapped;
    size_t cap = strlen(f->url) + 3 * strlen(sym) * 4 + 1;
    char *out = malloc(cap), *o = out;
    for (const char *p = f->url; out && *p;) {
        if (strncmp(p, "{symbol}", 8) == 0)
            put_encoded(&o, sym, 0), p += 8;
        else if (strncmp(p, "{symbol_lower}", 14) == 0)
            put_encoded(&o, sym, -1), p += 14;
        else if (strncmp(p, "{symbol_upper}", 14) == 0)
            put_encoded(&o, sym, 1), p += 14;
        else
            *o++ = *p++;
    }
    if (out)
        *o = '\0';
    json_decref(map);
    return out;
}

static int secret_param(const char *name, size_t n)
{
    static const char *const names[] = {"apikey",   "api_key",    "api-key",      "key",
                                        "token",    "access_key", "access_token", "secret",
                                        "password", NULL};
    for (const char *const *p = names; *p; p++)
        if (strlen(*p) == n && strncasecmp(*p, name, n) == 0)
            return 1;
    return 0;
}

/* Replaces every occurrence of secret (len n >= 4) in *text. */
static char *replace_all(char *text, const char *secret, size_t n)
{
    size_t count = 0;
    for (const char *p = strstr(text, secret); p; p = strstr(p + n, secret))
        count++;
    if (!count)
        return text;
    char *out = malloc(strlen(text) + count * 3 + 1), *o = out;
    if (!out)
        return text;
    const char *s = text;
    for (const char *p = strstr(s, secret); p; p = strstr(s, secret)) {
        memcpy(o, s, (size_t)(p - s));
        o += p - s;
        memcpy(o, "***", 3);
        o += 3;
        s = p + n;
    }
    strcpy(o, s);
    free(text);
    return out;
}

char *prices_redact(const char *text, const char *url)
{
    char *out = strdup(text ? text : "");
    const char *q = url ? strchr(url, '?') : NULL;
    while (out && q && *q) {
        q++;
        size_t plen = strcspn(q, "&#");
        const char *eq = memchr(q, '=', plen);
        if (eq && secret_param(q, (size_t)(eq - q))) {
            size_t vlen = plen - (size_t)(eq + 1 - q);
            if (vlen >= 4) {
                char *secret = strndup(eq + 1, vlen);
                if (secret)
                    out = replace_all(out, secret, vlen);
                free(secret);
            }
        }
        q += plen;
        if (*q == '#')
            break;
    }
    return out;
}
