/*
 * http.h - the core's HTTP service behind host->http_fetch: libcurl's
 * multi interface, limits and retries configured by an entry's "http"
 * object in the pipeline file.
 */
#ifndef ASSAY_HTTP_H
#define ASSAY_HTTP_H

#include <assay/assay.h>
#include <jansson.h>
#include <stddef.h>

/* Checks an entry's "http" object. Returns 0, or -1 with *key set to the
 * offending member (NULL: the object itself) and err to what is wrong,
 * and hint (may be NULL) to what would be right. */
int http_config_check(json_t *obj, const char **key, char *err, size_t errlen, const char **hint);

/* host->http_fetch. ctx may be NULL (a plugin's command): defaults apply. */
assay_rc http_fetch(assay_ctx *ctx, const assay_http_request *reqs, size_t n, assay_http_done done,
                    void *ud);

/* Process-wide set-up and tear-down (curl_global_init / cleanup). */
void http_global_init(void);
void http_global_cleanup(void);

#endif
