/*
 * pg_mask.c - keeping the password out of every message.
 *
 * A password may sit in the conninfo (key=value "password=..." or a URI's
 * "user:password@"), and libpq's own messages quote pieces of a conninfo
 * it cannot parse. So every message this plugin logs or fails with passes
 * through pg_mask(): the passwords found in the conninfo are replaced
 * wherever they appear, and anything shaped like password=... or
 * scheme://user:...@ is masked whatever it holds. Passwords from
 * PGPASSWORD or ~/.pgpass never reach a message: libpq does not print them.
 */
#include "pg_sink.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MASK "***"

/* Shorter secrets are not replaced verbatim (they would garble every
 * message); the shape-based masking still covers them. */
#define MIN_VERBATIM 3

static void add_secret(pg_sink *s, const char *p, size_t n)
{
    if (n == 0 || s->nsecrets == PG_MAX_SECRETS)
        return;
    char *copy = malloc(n + 1);
    if (!copy)
        return;
    memcpy(copy, p, n);
    copy[n] = '\0';
    s->secrets[s->nsecrets++] = copy;
}

/* Percent-decodes a URI piece into a new secret too: libpq reports the
 * decoded form. */
static void add_uri_secret(pg_sink *s, const char *p, size_t n)
{
    add_secret(s, p, n);
    char *dec = malloc(n + 1);
    if (!dec)
        return;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '%' && i + 2 < n && isxdigit((unsigned char)p[i + 1]) &&
            isxdigit((unsigned char)p[i + 2])) {
            char hex[3] = {p[i + 1], p[i + 2], 0};
            dec[k++] = (char)strtol(hex, NULL, 16);
            i += 2;
        } else {
            dec[k++] = p[i];
        }
    }
    if (k != n || memcmp(dec, p, n) != 0)
        add_secret(s, dec, k);
    free(dec);
}

/* Guesses the password of a conninfo libpq could not parse. */
static void guess_secrets(pg_sink *s, const char *ci)
{
    const char *scheme = strstr(ci, "://");
    if (scheme) {
        const char *auth = scheme + 3;
        const char *end = auth + strcspn(auth, "/?#");
        const char *at = NULL;
        for (const char *p = auth; p < end; p++)
            if (*p == '@')
                at = p; /* the last @ before the host ends the user info */
        const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
        if (colon)
            add_uri_secret(s, colon + 1, (size_t)(at - colon - 1));
    }
    /* password=value anywhere, also in a URI's query (password=...) */
    for (const char *p = ci; (p = strstr(p, "password")) != NULL; p += 8) {
        const char *q = p + 8;
        while (*q == ' ' || *q == '\t')
            q++;
        if (*q != '=')
            continue;
        q++;
        while (*q == ' ' || *q == '\t')
            q++;
        if (*q == '\'') {
            const char *e = ++q;
            while (*e && *e != '\'')
                e += (*e == '\\' && e[1]) ? 2 : 1;
            add_secret(s, q, (size_t)(e - q));
        } else {
            add_uri_secret(s, q, strcspn(q, " \t&#"));
        }
    }
}

void pg_mask_init(pg_sink *s, const char *conninfo)
{
    if (!conninfo || !*conninfo)
        return;
    char *err = NULL;
    PQconninfoOption *opts = PQconninfoParse(conninfo, &err);
    if (opts) {
        for (PQconninfoOption *o = opts; o->keyword; o++)
            if (strcmp(o->keyword, "password") == 0 && o->val && *o->val)
                add_secret(s, o->val, strlen(o->val));
        PQconninfoFree(opts);
    }
    PQfreemem(err);
    /* and whatever the text itself shows, parsed or not */
    guess_secrets(s, conninfo);
}

/* Appends n bytes to a growing string. */
static int put(char **out, size_t *len, size_t *cap, const char *p, size_t n)
{
    if (*len + n + 1 > *cap) {
        size_t c = *cap ? *cap : 128;
        while (c < *len + n + 1)
            c *= 2;
        char *grown = realloc(*out, c);
        if (!grown)
            return -1;
        *out = grown;
        *cap = c;
    }
    memcpy(*out + *len, p, n);
    *len += n;
    (*out)[*len] = '\0';
    return 0;
}

/* Masks the shapes: password=value, password = 'value', and
 * scheme://user:value@. */
static char *mask_shapes(const char *in)
{
    char *out = NULL;
    size_t len = 0, cap = 0;
    const char *p = in;
    if (put(&out, &len, &cap, "", 0) != 0)
        return NULL;
    while (*p) {
        if (strncmp(p, "password", 8) == 0) {
            const char *q = p + 8;
            while (*q == ' ' || *q == '\t')
                q++;
            if (*q == '=') {
                q++;
                while (*q == ' ' || *q == '\t')
                    q++;
                if (put(&out, &len, &cap, p, (size_t)(q - p)) != 0)
                    goto oom;
                if (*q == '\'') {
                    const char *e = q + 1;
                    while (*e && *e != '\'')
                        e += (*e == '\\' && e[1]) ? 2 : 1;
                    if (*e)
                        e++;
                    q = e;
                } else {
                    q += strcspn(q, " \t&#\"\n");
                }
                if (put(&out, &len, &cap, MASK, strlen(MASK)) != 0)
                    goto oom;
                p = q;
                continue;
            }
        }
        if (strncmp(p, "://", 3) == 0) {
            const char *auth = p + 3;
            const char *end = auth + strcspn(auth, "/?# \t\n\"'");
            const char *at = NULL;
            for (const char *a = auth; a < end; a++)
                if (*a == '@')
                    at = a;
            const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
            if (colon) {
                if (put(&out, &len, &cap, p, (size_t)(colon + 1 - p)) != 0 ||
                    put(&out, &len, &cap, MASK, strlen(MASK)) != 0)
                    goto oom;
                p = at;
                continue;
            }
        }
        if (put(&out, &len, &cap, p, 1) != 0)
            goto oom;
        p++;
    }
    return out;
oom:
    free(out);
    return NULL;
}

char *pg_mask(const pg_sink *s, const char *msg)
{
    char *cur = mask_shapes(msg ? msg : "");
    for (size_t i = 0; cur && i < s->nsecrets; i++) {
        const char *sec = s->secrets[i];
        size_t n = strlen(sec);
        if (n < MIN_VERBATIM || !strstr(cur, sec))
            continue;
        char *out = NULL;
        size_t len = 0, cap = 0;
        const char *p = cur, *hit;
        int ok = put(&out, &len, &cap, "", 0) == 0;
        while (ok && (hit = strstr(p, sec)) != NULL) {
            ok = put(&out, &len, &cap, p, (size_t)(hit - p)) == 0 &&
                 put(&out, &len, &cap, MASK, strlen(MASK)) == 0;
            p = hit + n;
        }
        ok = ok && put(&out, &len, &cap, p, strlen(p)) == 0;
        free(cur);
        if (!ok) {
            free(out);
            return NULL;
        }
        cur = out;
    }
    return cur;
}

assay_rc pg_fail(pg_sink *s, assay_rc rc, const char *fmt, ...)
{
    char raw[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    char *m = pg_mask(s, raw);
    s->h->fail(s->ctx, rc, "%s", m ? m : "(out of memory masking a message)");
    s->last_rc = rc;
    snprintf(s->last_msg, sizeof s->last_msg, "%s", m ? m : "");
    free(m);
    return rc;
}

void pg_log(pg_sink *s, assay_log_level level, const char *fmt, ...)
{
    char raw[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    char *m = pg_mask(s, raw);
    s->h->log(s->ctx, level, "%s", m ? m : "(out of memory masking a message)");
    free(m);
}
