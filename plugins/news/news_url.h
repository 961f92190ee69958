/* news_url.h - URLs as the news source handles them: resolving a link
 * against its base (RFC 3986, section 5) and reducing it to the one
 * canonical form that names an article, so that the same article reached
 * through two spellings of its address is fetched once.
 *
 * Canonical form (url_canonical):
 *   - only http and https; scheme and host in lower case, a trailing dot
 *     on the host dropped, the default port (80, 443) dropped;
 *   - user name and password dropped (a feed link never needs them);
 *   - an empty path becomes "/", dot segments are removed;
 *   - percent escapes in upper case, escapes of unreserved characters
 *     decoded, bytes that may not appear raw (spaces, non-ASCII, quotes,
 *     <, >, ...) escaped;
 *   - the fragment dropped; tracking parameters dropped from the query
 *     (utm_* and the click ids and mailing-list tags of ad and e-mail
 *     platforms: url_is_tracking_param), plus any the caller names; the
 *     other parameters keep their order; an empty query disappears.
 * Pure functions, no global state: safe from any thread.
 */
#ifndef ASSAY_NEWS_URL_H
#define ASSAY_NEWS_URL_H

#include <stddef.h>

/* Resolve ref against base (both UTF-8 text; surrounding whitespace is
 * ignored). base may be NULL when ref is absolute. Returns a malloc'd
 * absolute URL, or NULL when ref is empty, base is needed but missing or
 * not absolute, or out of memory. The result is not canonical. */
char *url_resolve(const char *base, const char *ref);

/* The canonical form of the absolute URL in (see above). extra (may be
 * NULL) is a NULL-terminated list of further query parameter names to
 * drop (compared without case; a name ending in '*' is a prefix). Returns
 * a malloc'd string, or NULL with *why set to a static reason ("not an
 * http(s) URL", "no host", "bad port", "out of memory"...). */
char *url_canonical(const char *in, const char *const *extra, const char **why);

/* 1 when a query parameter name (len bytes, not decoded) is a known
 * tracking parameter, else 0. */
int url_is_tracking_param(const char *name, size_t len);

/* The host of an absolute URL, lower case, without port and without a
 * leading "www." (an outlet's name: "example.com"), into out. Returns 0,
 * or -1 when there is no host (out is then ""). */
int url_outlet(const char *url, char *out, size_t outlen);

#endif
