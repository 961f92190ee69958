/*
 * http_config.c - an entry's "http" settings: one table of members (name,
 * type, range, default, help), the check `assay check` runs, and loading
 * the values with their defaults for the service.
 *
 * Like nginx's directive tables: the table is the only place a member is
 * declared; check, load and docs/http.md follow it.
 */
#include "http.h"

#include "diag.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#ifndef ASSAY_VERSION
#define ASSAY_VERSION "0.0.0"
#endif

typedef enum ktype { K_STRING, K_INT, K_NUMBER, K_BOOL } ktype;

typedef struct http_key {
    const char *name;
    ktype type;
    double min, max;  /* numbers: the inclusive range */
    double def;       /* numbers and booleans */
    size_t off;       /* where load() stores it in http_config */
    const char *help; /* one line: what it is and its default */
} http_key;

#define OFF(m) offsetof(http_config, m)

static const http_key keys[] = {
    {"user_agent", K_STRING, 0, 0, 0, OFF(user_agent),
     "User-Agent header (default \"assay/<version>\"; SEC wants a contact address in it)"},
    {"concurrency", K_INT, 1, 1024, 16, OFF(concurrency),
     "transfers in flight at once per fetch call (default 16)"},
    {"per_host", K_INT, 1, 1024, 4, OFF(per_host),
     "of those, transfers in flight to one host (default 4)"},
    {"rate_per_host", K_NUMBER, 0, 100000, 0, OFF(rate_per_host),
     "requests per second to one host, 0 for no limit (default 0)"},
    {"timeout", K_NUMBER, 0.001, 86400, 60, OFF(timeout),
     "seconds one attempt may take, connect to last byte (default 60)"},
    {"connect_timeout", K_NUMBER, 0.001, 3600, 10, OFF(connect_timeout),
     "seconds to connect, TLS included (default 10)"},
    {"low_speed_time", K_INT, 0, 3600, 30, OFF(low_speed_time),
     "abort after this many seconds under low_speed_limit, 0 for never (default 30)"},
    {"low_speed_limit", K_INT, 1, 1e9, 1024, OFF(low_speed_limit),
     "bytes per second below which a transfer is too slow (default 1024)"},
    {"retries", K_INT, 0, 20, 4, OFF(retries),
     "retries after a network error, 429 or 5xx (default 4: five attempts)"},
    {"backoff_base", K_NUMBER, 0, 3600, 1, OFF(backoff_base),
     "seconds before the first retry, doubling each time, with jitter (default 1)"},
    {"backoff_max", K_NUMBER, 0, 86400, 60, OFF(backoff_max),
     "longest backoff wait in seconds (default 60)"},
    {"retry_after_max", K_NUMBER, 0, 86400, 120, OFF(retry_after_max),
     "longest Retry-After honoured, in seconds; longer fails the request (default 120)"},
    {"max_bytes", K_INT, 1, 1099511627776.0, 20971520, OFF(max_bytes),
     "largest body in bytes, after decompression (default 20971520, 20 MiB)"},
    {"max_redirects", K_INT, 0, 20, 5, OFF(max_redirects),
     "redirects followed, only to http and https (default 5)"},
    {"robots", K_BOOL, 0, 1, 1, OFF(robots), "honour each host's robots.txt (default true)"},
};
#define NKEYS (sizeof keys / sizeof keys[0])

void http_config_help(FILE *out)
{
    for (size_t i = 0; i < NKEYS; i++)
        fprintf(out, "  %-16s %s\n", keys[i].name, keys[i].help);
}

const char *http_default_user_agent(void)
{
    return "assay/" ASSAY_VERSION;
}

static const char *kind_of(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "a value";
}

/* "%g" without a trailing ".0" noise, for ranges in messages. */
static void fmt_num(char *out, size_t n, double v)
{
    snprintf(out, n, "%.15g", v);
}

/* Checks one member's value against its table entry; 0 or -1 with err. */
static int check_value(const http_key *k, const json_t *v, char *err, size_t errlen)
{
    char lo[32], hi[32];
    fmt_num(lo, sizeof lo, k->min);
    fmt_num(hi, sizeof hi, k->max);
    switch (k->type) {
    case K_STRING: {
        const char *s = json_string_value(v);
        if (!s) {
            snprintf(err, errlen, "'%s' must be a string, found %s", k->name, kind_of(v));
            return -1;
        }
        if (!*s || strlen(s) >= sizeof(((http_config *)0)->user_agent) || strpbrk(s, "\r\n")) {
            snprintf(err, errlen, "'%s' must be one line of 1 to %zu bytes", k->name,
                     sizeof(((http_config *)0)->user_agent) - 1);
            return -1;
        }
        return 0;
    }
    case K_BOOL:
        if (!json_is_boolean(v)) {
            snprintf(err, errlen, "'%s' must be true or false, found %s", k->name, kind_of(v));
            return -1;
        }
        return 0;
    case K_INT:
        if (!json_is_integer(v)) {
            snprintf(err, errlen, "'%s' must be an integer from %s to %s, found %s", k->name, lo,
                     hi, kind_of(v));
            return -1;
        }
        if ((double)json_integer_value(v) < k->min || (double)json_integer_value(v) > k->max) {
            snprintf(err, errlen, "'%s' must be an integer from %s to %s, found %lld", k->name, lo,
                     hi, (long long)json_integer_value(v));
            return -1;
        }
        return 0;
    case K_NUMBER:
        if (!json_is_number(v)) {
            snprintf(err, errlen,
                     "'%s' must be a number from %s to %s (seconds or a rate), found %s", k->name,
                     lo, hi, kind_of(v));
            return -1;
        }
        if (!isfinite(json_number_value(v)) || json_number_value(v) < k->min ||
            json_number_value(v) > k->max) {
            char got[32];
            fmt_num(got, sizeof got, json_number_value(v));
            snprintf(err, errlen, "'%s' must be a number from %s to %s, found %s", k->name, lo, hi,
                     got);
            return -1;
        }
        return 0;
    }
    return 0;
}

static const http_key *find_key(const char *name)
{
    for (size_t i = 0; i < NKEYS; i++)
        if (strcmp(keys[i].name, name) == 0)
            return &keys[i];
    return NULL;
}

int http_config_check(json_t *obj, const char **key, char *err, size_t errlen, const char **hint)
{
    static _Thread_local char hintbuf[1024];
    const char *name;
    json_t *v;

    *key = NULL;
    *hint = NULL;
    if (!json_is_object(obj)) {
        snprintf(err, errlen, "\"http\" must be an object of settings, found %s", kind_of(obj));
        *hint = "{\"user_agent\": \"...\", \"rate_per_host\": 10, ...} (see docs/http.md)";
        return -1;
    }
    json_object_foreach(obj, name, v)
    {
        if (name[0] == '_')
            continue; /* a comment, as everywhere in a pipeline file */
        const http_key *k = find_key(name);
        if (!k) {
            const char *names[NKEYS];
            for (size_t i = 0; i < NKEYS; i++)
                names[i] = keys[i].name;
            const char *near = nearest_word(name, names, NKEYS);
            *key = name;
            snprintf(err, errlen, "unknown key '%s' in \"http\"", name);
            if (near) {
                snprintf(hintbuf, sizeof hintbuf, "did you mean '%s'? (%s)", near,
                         find_key(near)->help);
            } else {
                size_t used = (size_t)snprintf(hintbuf, sizeof hintbuf, "\"http\" takes: ");
                for (size_t i = 0; i < NKEYS && used < sizeof hintbuf; i++)
                    used += (size_t)snprintf(hintbuf + used, sizeof hintbuf - used, "%s%s",
                                             i ? ", " : "", keys[i].name);
            }
            *hint = hintbuf;
            return -1;
        }
        if (check_value(k, v, err, errlen) != 0) {
            *key = name;
            *hint = k->help;
            return -1;
        }
    }
    /* Members that only make sense together. */
    json_t *base = json_object_get(obj, "backoff_base"), *max = json_object_get(obj, "backoff_max");
    double b = base ? json_number_value(base) : find_key("backoff_base")->def;
    double m = max ? json_number_value(max) : find_key("backoff_max")->def;
    if (m < b) {
        *key = max ? "backoff_max" : "backoff_base";
        snprintf(err, errlen, "backoff_max (%g s) is below backoff_base (%g s)", m, b);
        *hint = "backoff_max caps the doubling waits that start at backoff_base";
        return -1;
    }
    return 0;
}

void http_config_load(const json_t *obj, http_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    for (size_t i = 0; i < NKEYS; i++) {
        const http_key *k = &keys[i];
        const json_t *v = obj ? json_object_get(obj, k->name) : NULL;
        char e[256];
        if (v && check_value(k, v, e, sizeof e) != 0)
            v = NULL;
        char *at = (char *)cfg + k->off;
        switch (k->type) {
        case K_STRING:
            snprintf(at, sizeof cfg->user_agent, "%s",
                     v ? json_string_value(v) : http_default_user_agent());
            break;
        case K_BOOL: *(int *)at = v ? json_is_true(v) : (int)k->def; break;
        case K_INT:
            if (k->off == OFF(max_bytes))
                *(size_t *)at = v ? (size_t)json_integer_value(v) : (size_t)k->def;
            else
                *(long *)at = v ? (long)json_integer_value(v) : (long)k->def;
            break;
        case K_NUMBER: *(double *)at = v ? json_number_value(v) : k->def; break;
        }
    }
    if (cfg->backoff_max < cfg->backoff_base)
        cfg->backoff_max = cfg->backoff_base;
}
