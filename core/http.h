/*
 * http.h - the core's HTTP service behind host->http_fetch: libcurl's
 * multi interface, limits and retries configured by an entry's "http"
 * object in the pipeline file.
 *
 * Files: http.c (the transfer loop: limits, retries, conditional GET),
 * http_config.c (the "http" settings: table, check, defaults) and
 * http_robots.c (robots.txt: parsing, matching, the per-run cache).
 * docs/http.md documents every setting.
 */
#ifndef ASSAY_HTTP_H
#define ASSAY_HTTP_H

#include <assay/assay.h>
#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

/* ------------------------------------------------------------------------
 * Settings (http_config.c)
 * --------------------------------------------------------------------- */

/* An entry's "http" settings with every default filled in. Times are in
 * seconds. */
typedef struct http_config {
    char user_agent[512];
    long concurrency;     /* transfers in flight per http_fetch call */
    long per_host;        /* of those, to one host */
    double rate_per_host; /* requests per second to one host, 0: no limit */
    double timeout;       /* one attempt, connect to last byte */
    double connect_timeout;
    long low_speed_time;    /* abort when under low_speed_limit for this long; 0: off */
    long low_speed_limit;   /* bytes per second */
    long retries;           /* attempts = 1 + retries */
    double backoff_base;    /* first retry waits about this long, doubling */
    double backoff_max;     /* no backoff wait is longer */
    double retry_after_max; /* a longer Retry-After fails the request instead */
    size_t max_bytes;       /* body cap, after decompression */
    long max_redirects;
    int robots; /* 1: honour robots.txt */
} http_config;

/* Checks an entry's "http" object. Returns 0, or -1 with *key set to the
 * offending member (NULL: the object itself) and err to what is wrong,
 * and hint (may be NULL) to what would be right. *key points into obj;
 * *hint stays valid until the next call in the same thread. */
int http_config_check(json_t *obj, const char **key, char *err, size_t errlen, const char **hint);

/* Fills *cfg from obj (NULL: every default). obj should have passed
 * http_config_check; members that did not are left at their defaults. */
void http_config_load(const json_t *obj, http_config *cfg);

/* The User-Agent sent when the pipeline sets none. */
const char *http_default_user_agent(void);
/* Prints each setting of the "http" object with its help, one a line. */
void http_config_help(FILE *out);

/* ------------------------------------------------------------------------
 * robots.txt (http_robots.c)
 * --------------------------------------------------------------------- */

/* The verdict of a robots.txt text for one path ("/a/b?q"), for the agent
 * whose product token is `agent` ("assay"). Returns 1 when allowed, 0 when
 * not; on 0, rule (may be NULL) receives the deciding line, such as
 * "Disallow: /private". text NULL means no robots.txt: all allowed. */
int robots_allowed(const char *text, const char *agent, const char *path, char *rule,
                   size_t rulelen);

/* The per-run cache of robots.txt texts, by origin ("http://host:port"),
 * shared by every thread. */
typedef enum robots_state {
    ROBOTS_ABSENT = 0,  /* nobody has it: the caller now fetches it */
    ROBOTS_PENDING = 1, /* another call is fetching it: ask again later */
    ROBOTS_READY = 2    /* *text (NULL: no rules) or *error is set */
} robots_state;

/* Looks origin up. ROBOTS_READY hands back a malloc'd copy of the text
 * (or NULL) in *text, or the reason it could not be had (malloc'd) in
 * *error. ROBOTS_ABSENT registers the caller as the one fetching it: it
 * must later call robots_cache_put or robots_cache_abandon. A fetch
 * pending in the calling thread itself (a call made from done()) is
 * answered ROBOTS_ABSENT too, since waiting for it would never end. */
robots_state robots_cache_get(const char *origin, char **text, char **error);
/* Stores what the fetch found: the text (NULL: none, all allowed), or an
 * error (the host's robots.txt could not be read: nothing is fetched). */
void robots_cache_put(const char *origin, const char *text, const char *error);
/* Gives a pending fetch up (the call stopped), so another can try. */
void robots_cache_abandon(const char *origin);
/* Empties the cache: a new run (tests). */
void robots_cache_clear(void);

/* ------------------------------------------------------------------------
 * The service (http.c)
 * --------------------------------------------------------------------- */

/* host->http_fetch. ctx may be NULL (a plugin's command): defaults apply
 * and no state is read or written. */
assay_rc http_fetch(assay_ctx *ctx, const assay_http_request *reqs, size_t n, assay_http_done done,
                    void *ud);

/* http_fetch with explicit settings (NULL: defaults), for the core and the
 * tests; ctx is used only for state, the stop flag, counters and logs. */
assay_rc http_fetch_with(assay_ctx *ctx, const http_config *cfg, const assay_http_request *reqs,
                         size_t n, assay_http_done done, void *ud);

/* Process-wide set-up and tear-down (curl_global_init / cleanup). init is
 * idempotent and thread-safe; http_fetch calls it too. */
void http_global_init(void);
void http_global_cleanup(void);

#endif
