/*
 * e2e.h - what the edgar and prices end-to-end tests share: the test
 * HTTP server (tests/httpd/server.py) on a folder
 * built for the test, its request log, files and links in that folder,
 * and reading what a run of build/assay left (CSV rows, dead letters,
 * the summary line).
 */
#ifndef EDGAR_E2E_H
#define EDGAR_E2E_H

#include "testutil.h"

#include <jansson.h>

typedef struct httpd {
    proc p;
    char *dir; /* temporary folder of the server's port file */
    int port;
    char base[64]; /* "http://127.0.0.1:PORT" */
} httpd;

/* Starts the test server (tests/httpd/server.py) on root; a file's
 * .answer.json sidecar answers it with an error status and page. */
void httpd_start(httpd *s, const char *root);
void httpd_stop(httpd *s);
/* GET base + path; returns the body (malloc'd) and sets *status. */
char *httpd_get(httpd *s, const char *path, long *status);
/* The request log (GET /__log), a new reference. */
json_t *httpd_log(httpd *s);
void httpd_reset(httpd *s);
/* Requests in log whose path starts with prefix (NULL: all but robots.txt). */
size_t log_count(json_t *log, const char *prefix);
/* Seconds from the first request to the end of the last one. */
double log_seconds(json_t *log);
/* The most requests that arrived within any one second (robots.txt left
 * out), and their mean rate per second from the first to the last. */
size_t log_max_per_second(json_t *log);
double log_mean_rate(json_t *log);

/* One test's world: a temporary folder, the server on its root/ and the
 * path of the pipeline file the test writes. */
typedef struct env {
    char *dir, *root;
    httpd srv;
    char pipeline[4096];
} env;

void env_init(env *e);
void env_free(env *e);
/* What a run left in e->dir: a CSV file as objects, a JSON-lines file as
 * an array (both empty when absent); env_remove unlinks each of the
 * NULL-ended relative names. */
json_t *env_csv(env *e, const char *rel);
json_t *env_json_lines(env *e, const char *rel);
void env_remove(env *e, const char *const names[]);

/* root/rel as a symbolic link to target (folders made as needed). */
void link_to(const char *root, const char *rel, const char *target);
/* root/rel with these bytes (folders made as needed). */
void put_file(const char *root, const char *rel, const char *data, size_t len);
void put_text(const char *root, const char *rel, const char *text);
/* A fixture's bytes (malloc'd). */
char *fixture(const char *rel, size_t *len);

/* A CSV file as an array of objects keyed by the header (Python's csv). */
json_t *csv_objects(const char *path);
/* The JSON lines of a file as an array ([] when there is no file). */
json_t *json_lines(const char *path);
/* The summary line a run printed (the last line of stdout that parses as
 * a JSON object). */
json_t *run_summary(const proc *p);
/* A counter of one plugin in a summary (0 when absent). */
long long summary_counter(json_t *summary, const char *id, const char *counter);

/* 1 when some dead letter's reason contains every one of the NULL-ended
 * strings. */
int dead_letter_has(json_t *dl, ...);
/* The first row (object) of rows whose column equals value, or NULL. */
json_t *row_where(json_t *rows, const char *column, const char *value);
size_t rows_where(json_t *rows, const char *column, const char *value);
const char *col(json_t *row, const char *column);

#endif
