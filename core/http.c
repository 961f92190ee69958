/*
 * http.c - placeholder for the HTTP service (issue 4): every request fails
 * with a clear message until the libcurl service lands.
 */
#include "http.h"

#include <stdio.h>

int http_config_check(json_t *obj, const char **key, char *err, size_t errlen, const char **hint)
{
    *key = NULL;
    *hint = NULL;
    if (!json_is_object(obj)) {
        snprintf(err, errlen, "\"http\" must be an object of settings");
        return -1;
    }
    return 0;
}

assay_rc http_fetch(assay_ctx *ctx, const assay_http_request *reqs, size_t n, assay_http_done done,
                    void *ud)
{
    (void)ctx;
    for (size_t i = 0; i < n; i++) {
        char msg[512];
        snprintf(msg, sizeof msg, "GET %s: this assay was built without its HTTP service",
                 reqs[i].url ? reqs[i].url : "(no url)");
        assay_http_response res = {&reqs[i], ASSAY_ERR_HTTP, 0, 0, 0, msg, "", 0, NULL, NULL,
                                   reqs[i].url, NULL};
        done(&res, ud);
    }
    return ASSAY_OK;
}

void http_global_init(void)
{
}

void http_global_cleanup(void)
{
}
