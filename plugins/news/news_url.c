/* news_url.c - resolving and canonicalising URLs (see news_url.h).
 *
 * A URL is cut into its five parts (scheme, authority, path, query,
 * fragment) by the generic syntax of RFC 3986 appendix B; resolution is
 * section 5.2's algorithm, dot segments removed as in 5.2.4. Everything
 * works on bytes; non-ASCII bytes are only ever escaped, never
 * interpreted.
 */
#include "news_url.h"

#include "sbuf.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* One part of a URL: s[0..n), present or not (an empty query "?" is
 * present with n == 0). */
typedef struct upart {
    const char *s;
    size_t n;
    int has;
} upart;

typedef struct uparts {
    upart scheme, auth, path, query, frag;
} uparts;

static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = lower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int unreserved(int c)
{
    return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

/* A copy of s without surrounding whitespace and without the tabs and
 * line breaks feeds sometimes leave inside a link. NULL when empty. */
static char *tidy(const char *s)
{
    if (!s)
        return NULL;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r' ||
                 s[n - 1] == '\f'))
        n--;
    if (n == 0)
        return NULL;
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
            out[k++] = s[i];
    out[k] = '\0';
    return out;
}

/* Cuts s into its parts (RFC 3986 appendix B). */
static void split(const char *s, uparts *u)
{
    memset(u, 0, sizeof *u);
    const char *p = s;
    if (is_alpha((unsigned char)*p)) {
        const char *q = p + 1;
        while (is_alpha((unsigned char)*q) || is_digit((unsigned char)*q) || *q == '+' ||
               *q == '-' || *q == '.')
            q++;
        if (*q == ':') {
            u->scheme = (upart){p, (size_t)(q - p), 1};
            p = q + 1;
        }
    }
    if (p[0] == '/' && p[1] == '/') {
        p += 2;
        size_t n = strcspn(p, "/?#");
        u->auth = (upart){p, n, 1};
        p += n;
    }
    size_t n = strcspn(p, "?#");
    u->path = (upart){p, n, 1};
    p += n;
    if (*p == '?') {
        p++;
        n = strcspn(p, "#");
        u->query = (upart){p, n, 1};
        p += n;
    }
    if (*p == '#') {
        p++;
        u->frag = (upart){p, strlen(p), 1};
    }
}

/* Appends path p[0..n) to out with its dot segments removed (RFC 3986
 * 5.2.4), working segment by segment. */
static void remove_dots(sbuf *out, const char *p, size_t n)
{
    size_t start = out->len;
    size_t i = 0;
    while (i < n) {
        /* A. leading "../" or "./" */
        if (n - i >= 3 && memcmp(p + i, "../", 3) == 0) {
            i += 3;
        } else if (n - i >= 2 && memcmp(p + i, "./", 2) == 0) {
            i += 2;
        /* B. "/./" or a final "/." */
        } else if (n - i >= 3 && memcmp(p + i, "/./", 3) == 0) {
            i += 2;
        } else if (n - i == 2 && memcmp(p + i, "/.", 2) == 0) {
            sbuf_addc(out, '/');
            i += 2;
        /* C. "/../" or a final "/..": drop the last output segment */
        } else if ((n - i >= 4 && memcmp(p + i, "/../", 4) == 0) ||
                   (n - i == 3 && memcmp(p + i, "/..", 3) == 0)) {
            size_t k = out->len;
            while (k > start && out->s[k - 1] != '/')
                k--;
            if (k > start)
                k--;
            sbuf_truncate(out, k);
            if (n - i == 3) {
                sbuf_addc(out, '/');
                i += 3;
            } else {
                i += 3; /* leave the last "/" as the start of the next segment */
            }
        /* D. a lone "." or ".." */
        } else if ((n - i == 1 && p[i] == '.') || (n - i == 2 && memcmp(p + i, "..", 2) == 0)) {
            i = n;
        /* E. move the first segment (with its leading "/") to the output */
        } else {
            size_t j = i + (p[i] == '/');
            while (j < n && p[j] != '/')
                j++;
            sbuf_add(out, p + i, j - i);
            i = j;
        }
    }
}

/* Merges a relative path onto the base's (RFC 3986 5.2.3) into out. */
static void merge_paths(sbuf *out, const uparts *b, const upart *ref)
{
    sbuf tmp = SBUF_INIT;
    if (b->auth.has && b->path.n == 0) {
        sbuf_addc(&tmp, '/');
    } else {
        size_t k = b->path.n;
        while (k && b->path.s[k - 1] != '/')
            k--;
        sbuf_add(&tmp, b->path.s, k);
    }
    sbuf_add(&tmp, ref->s, ref->n);
    if (tmp.s)
        remove_dots(out, tmp.s, tmp.len);
    if (sbuf_failed(&tmp))
        out->oom = 1;
    sbuf_free(&tmp);
}

static void add_part(sbuf *out, const char *pre, const upart *p)
{
    if (!p->has)
        return;
    sbuf_adds(out, pre);
    sbuf_add(out, p->s, p->n);
}

char *url_resolve(const char *base, const char *ref)
{
    char *r = tidy(ref), *b = tidy(base);
    char *result = NULL;
    sbuf out = SBUF_INIT;
    uparts R, B;
    if (!r)
        goto done;
    split(r, &R);
    if (R.scheme.has) {
        /* already absolute: only its dot segments go */
        sbuf_add(&out, R.scheme.s, R.scheme.n);
        sbuf_addc(&out, ':');
        if (R.auth.has) {
            sbuf_adds(&out, "//");
            sbuf_add(&out, R.auth.s, R.auth.n);
        }
        remove_dots(&out, R.path.s, R.path.n);
        add_part(&out, "?", &R.query);
        add_part(&out, "#", &R.frag);
        goto finish;
    }
    if (!b)
        goto done;
    split(b, &B);
    if (!B.scheme.has)
        goto done; /* a base must be absolute */
    sbuf_add(&out, B.scheme.s, B.scheme.n);
    sbuf_addc(&out, ':');
    if (R.auth.has) {
        sbuf_adds(&out, "//");
        sbuf_add(&out, R.auth.s, R.auth.n);
        remove_dots(&out, R.path.s, R.path.n);
        add_part(&out, "?", &R.query);
    } else {
        if (B.auth.has) {
            sbuf_adds(&out, "//");
            sbuf_add(&out, B.auth.s, B.auth.n);
        }
        if (R.path.n == 0) {
            sbuf_add(&out, B.path.s, B.path.n);
            add_part(&out, "?", R.query.has ? &R.query : &B.query);
        } else {
            if (R.path.s[0] == '/')
                remove_dots(&out, R.path.s, R.path.n);
            else
                merge_paths(&out, &B, &R.path);
            add_part(&out, "?", &R.query);
        }
    }
    add_part(&out, "#", &R.frag);
finish:
    if (!sbuf_failed(&out))
        result = sbuf_detach(&out, NULL);
done:
    sbuf_free(&out);
    free(r);
    free(b);
    return result;
}

/* ---- canonical form ---- */

int url_is_tracking_param(const char *name, size_t len)
{
    /* prefixes: Google Analytics campaign tags, Matomo/Piwik campaigns,
     * HubSpot ad and e-mail tags */
    static const char *const prefixes[] = {"utm_", "pk_", "mtm_", "hsa_", "_hs", "__hs", NULL};
    /* click ids of ad platforms, mailing-list and marketing-automation
     * tags, analytics linkers, share tracking, campaign ids */
    static const char *const names[] = {
        "fbclid",  "gclid",      "gclsrc",     "dclid",  "gbraid",   "wbraid",   "msclkid",
        "yclid",   "twclid",     "ttclid",     "li_fat_id", "igshid", "igsh",    "epik",
        "mc_cid",  "mc_eid",     "mkt_tok",    "_ga",    "_gl",      "_openstat", "oly_anon_id",
        "oly_enc_id", "vero_id", "vero_conv",  "ref_src", "ref_url", "s_cid",    "icid",
        "ocid",    "cmpid",      "wt_mc",      "wt.mc_id", "at_medium", "at_campaign", "rb_clickid",
        "sc_cid",  "srsltid",    NULL};
    for (const char *const *p = prefixes; *p; p++) {
        size_t k = strlen(*p);
        if (len > k && strncasecmp(name, *p, k) == 0)
            return 1;
    }
    for (const char *const *p = names; *p; p++)
        if (strlen(*p) == len && strncasecmp(name, *p, len) == 0)
            return 1;
    return 0;
}

static int in_list(const char *name, size_t len, const char *const *extra)
{
    for (; extra && *extra; extra++) {
        size_t k = strlen(*extra);
        if (k && (*extra)[k - 1] == '*') {
            if (len >= k - 1 && strncasecmp(name, *extra, k - 1) == 0)
                return 1;
        } else if (k == len && strncasecmp(name, *extra, len) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Appends s[0..n) with escapes normalised: upper-case hex, unreserved
 * characters decoded, a stray '%' and bytes that may not appear raw
 * escaped. */
static void add_escaped(sbuf *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%' && i + 2 < n && hexval((unsigned char)s[i + 1]) >= 0 &&
            hexval((unsigned char)s[i + 2]) >= 0) {
            int v = hexval((unsigned char)s[i + 1]) * 16 + hexval((unsigned char)s[i + 2]);
            if (unreserved(v)) {
                sbuf_addc(out, (char)v);
            } else {
                sbuf_addc(out, '%');
                sbuf_addc(out, hex[v >> 4]);
                sbuf_addc(out, hex[v & 15]);
            }
            i += 2;
        } else if (c == '%' || c <= 0x20 || c >= 0x7F || strchr("\"<>\\^`{|}", c)) {
            sbuf_addc(out, '%');
            sbuf_addc(out, hex[c >> 4]);
            sbuf_addc(out, hex[c & 15]);
        } else {
            sbuf_addc(out, (char)c);
        }
    }
}

/* Host and port out of an authority; userinfo is skipped. Returns 0 or
 * -1 with *why. */
static int host_port(const upart *auth, const char **host, size_t *hlen, long *port,
                     const char **why)
{
    const char *a = auth->s, *end = auth->s + auth->n;
    const char *at = NULL;
    for (const char *p = a; p < end; p++)
        if (*p == '@')
            at = p;
    if (at)
        a = at + 1;
    const char *colon = NULL;
    if (a < end && *a == '[') {
        const char *close = memchr(a, ']', (size_t)(end - a));
        if (!close) {
            *why = "bad IPv6 host";
            return -1;
        }
        if (close + 1 < end && close[1] == ':')
            colon = close + 1;
        else if (close + 1 != end) {
            *why = "bad host";
            return -1;
        }
        *host = a;
        *hlen = (size_t)(close + 1 - a);
    } else {
        colon = memchr(a, ':', (size_t)(end - a));
        *host = a;
        *hlen = colon ? (size_t)(colon - a) : (size_t)(end - a);
    }
    *port = -1;
    if (colon && colon + 1 < end) {
        long v = 0;
        for (const char *p = colon + 1; p < end; p++) {
            if (!is_digit((unsigned char)*p) || v > 65535) {
                *why = "bad port";
                return -1;
            }
            v = v * 10 + (*p - '0');
        }
        if (v < 1 || v > 65535) {
            *why = "bad port";
            return -1;
        }
        *port = v;
    }
    while (*hlen && (*host)[*hlen - 1] == '.')
        (*hlen)--;
    if (*hlen == 0) {
        *why = "no host";
        return -1;
    }
    for (size_t i = 0; i < *hlen; i++) {
        unsigned char c = (unsigned char)(*host)[i];
        if (c <= 0x20 || c == 0x7F || strchr("\"<>\\^`{|}/?#@%", c)) {
            *why = "bad host";
            return -1;
        }
    }
    return 0;
}

char *url_canonical(const char *in, const char *const *extra, const char **why)
{
    char *t = tidy(in), *result = NULL;
    sbuf out = SBUF_INIT, path = SBUF_INIT;
    uparts u;
    const char *host;
    size_t hlen;
    long port;
    int https;
    *why = "out of memory";
    if (!t) {
        if (!in || strspn(in, " \t\n\r\f") == strlen(in))
            *why = "empty URL";
        goto done;
    }
    split(t, &u);
    if (!u.scheme.has || !((u.scheme.n == 4 && strncasecmp(u.scheme.s, "http", 4) == 0) ||
                           (u.scheme.n == 5 && strncasecmp(u.scheme.s, "https", 5) == 0))) {
        *why = u.scheme.has ? "not an http(s) URL" : "not an absolute URL";
        goto done;
    }
    https = u.scheme.n == 5;
    if (!u.auth.has) {
        *why = "no host";
        goto done;
    }
    if (host_port(&u.auth, &host, &hlen, &port, why) != 0)
        goto done;
    sbuf_adds(&out, https ? "https://" : "http://");
    for (size_t i = 0; i < hlen; i++)
        sbuf_addc(&out, (char)lower((unsigned char)host[i]));
    if (port > 0 && port != (https ? 443 : 80)) {
        char num[16];
        size_t k = sizeof num;
        num[--k] = '\0';
        do {
            num[--k] = (char)('0' + port % 10);
            port /= 10;
        } while (port);
        sbuf_addc(&out, ':');
        sbuf_adds(&out, num + k);
    }
    /* path: escapes first (so %2E is a dot), then dot segments */
    add_escaped(&path, u.path.s, u.path.n);
    if (path.len == 0 || path.s[0] != '/') {
        sbuf_addc(&out, '/');
        if (path.len)
            remove_dots(&out, path.s, path.len);
    } else {
        remove_dots(&out, path.s, path.len);
    }
    /* query: parameters in order, tracking ones dropped */
    if (u.query.has) {
        const char *q = u.query.s, *qend = u.query.s + u.query.n;
        int first = 1;
        while (q < qend) {
            const char *amp = memchr(q, '&', (size_t)(qend - q));
            const char *pend = amp ? amp : qend;
            const char *eq = memchr(q, '=', (size_t)(pend - q));
            size_t nlen = (size_t)((eq ? eq : pend) - q);
            if (pend > q && !url_is_tracking_param(q, nlen) && !in_list(q, nlen, extra)) {
                sbuf_addc(&out, first ? '?' : '&');
                add_escaped(&out, q, (size_t)(pend - q));
                first = 0;
            }
            q = amp ? amp + 1 : qend;
        }
    }
    if (!sbuf_failed(&out) && !sbuf_failed(&path))
        result = sbuf_detach(&out, NULL);
    else
        *why = "out of memory";
done:
    sbuf_free(&out);
    sbuf_free(&path);
    free(t);
    return result;
}

int url_outlet(const char *url, char *out, size_t outlen)
{
    uparts u;
    const char *host, *why;
    size_t hlen, k = 0;
    long port;
    if (outlen)
        out[0] = '\0';
    if (!url || !outlen)
        return -1;
    split(url, &u);
    if (!u.auth.has || host_port(&u.auth, &host, &hlen, &port, &why) != 0)
        return -1;
    if (hlen > 4 && strncasecmp(host, "www.", 4) == 0)
        host += 4, hlen -= 4;
    for (size_t i = 0; i < hlen && k + 1 < outlen; i++)
        out[k++] = (char)lower((unsigned char)host[i]);
    out[k] = '\0';
    return 0;
}
