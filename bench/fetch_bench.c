/*
 * fetch_bench.c - the HTTP service's throughput driver for fetch.sh:
 *
 *     fetch_bench BASE_URL N CONCURRENCY
 *
 * fetches BASE_URL/pages/0 .. /pages/N-1 in one http_fetch call with
 * CONCURRENCY transfers in flight (per host too; robots.txt off, no
 * retries), checks that every page came back whole, and prints the
 * seconds it took on stdout.
 */
#include "http.h"
#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct tally {
    size_t ok, failed;
    size_t bytes;
} tally;

static void on_done(const assay_http_response *res, void *ud)
{
    tally *t = ud;
    if (res->rc == ASSAY_OK && res->status == 200 && res->body_len > 0) {
        t->ok++;
        t->bytes += res->body_len;
    } else {
        if (t->failed++ < 5)
            fprintf(stderr, "fetch_bench: %s\n", res->error ? res->error : "empty page");
    }
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: fetch_bench BASE_URL N CONCURRENCY\n");
        return 2;
    }
    const char *base = argv[1];
    size_t n = strtoul(argv[2], NULL, 10);
    long conc = strtol(argv[3], NULL, 10);
    http_global_init();
    http_config cfg;
    http_config_load(NULL, &cfg);
    cfg.concurrency = conc;
    cfg.per_host = conc;
    cfg.robots = 0;
    cfg.retries = 0;
    assay_http_request *reqs = xcalloc(n, sizeof *reqs);
    for (size_t i = 0; i < n; i++)
        reqs[i].url = xasprintf("%s/pages/%zu", base, i);
    tally t = {0, 0, 0};
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    assay_rc rc = http_fetch_with(NULL, &cfg, reqs, n, on_done, &t);
    clock_gettime(CLOCK_MONOTONIC, &b);
    double s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    for (size_t i = 0; i < n; i++)
        free((char *)reqs[i].url);
    free(reqs);
    http_global_cleanup();
    if (rc != ASSAY_OK || t.ok != n) {
        fprintf(stderr, "fetch_bench: %zu of %zu pages fetched\n", t.ok, n);
        return 1;
    }
    printf("%.3f %zu\n", s, t.bytes);
    return 0;
}
