/* e2e.c - the test server, its log, folders and run output, for the
 * end-to-end tests of the edgar and prices sources. */
#include "e2e.h"

#include <curl/curl.h>
#include <errno.h>
#include <libgen.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void httpd_start(httpd *s, const char *root)
{
    memset(s, 0, sizeof *s);
    s->dir = tmpdir_new();
    char *pf = path_in(s->dir, "port");
    const char *argv[] = {"/usr/bin/python3", SEC_HTTPD, "--root", root, "--port-file", pf, NULL};
    proc_start(&s->p, NULL, argv, NULL);
    for (int i = 0; i < 200 && !file_exists(pf); i++) {
        struct timespec ts = {0, 50 * 1000000L};
        nanosleep(&ts, NULL);
    }
    char *text = read_text(pf, NULL);
    ck_assert_msg(text != NULL, "the test server did not start (no port file)");
    s->port = atoi(text);
    ck_assert_int_gt(s->port, 0);
    snprintf(s->base, sizeof s->base, "http://127.0.0.1:%d", s->port);
    free(text);
    free(pf);
}

void httpd_stop(httpd *s)
{
    if (s->p.pid > 0) {
        kill(s->p.pid, SIGTERM);
        proc_wait(&s->p, 10);
    }
    proc_free(&s->p);
    tmpdir_free(s->dir);
    memset(s, 0, sizeof *s);
}

void env_init(env *e)
{
    memset(e, 0, sizeof *e);
    e->dir = tmpdir_new();
    e->root = path_in(e->dir, "root");
    mkdir(e->root, 0755);
    httpd_start(&e->srv, e->root);
}

void env_free(env *e)
{
    httpd_stop(&e->srv);
    free(e->root);
    tmpdir_free(e->dir);
}

json_t *env_csv(env *e, const char *rel)
{
    char *p = path_in(e->dir, rel);
    json_t *rows = csv_objects(p);
    free(p);
    return rows;
}

json_t *env_json_lines(env *e, const char *rel)
{
    char *p = path_in(e->dir, rel);
    json_t *lines = json_lines(p);
    free(p);
    return lines;
}

void env_remove(env *e, const char *const names[])
{
    for (const char *const *n = names; *n; n++) {
        char *p = path_in(e->dir, *n);
        unlink(p);
        free(p);
    }
}

typedef struct buf {
    char *p;
    size_t n;
} buf;

static size_t on_data(char *d, size_t size, size_t n, void *ud)
{
    buf *b = ud;
    char *p = realloc(b->p, b->n + size * n + 1);
    if (!p)
        return 0;
    memcpy(p + b->n, d, size * n);
    b->p = p;
    b->n += size * n;
    p[b->n] = '\0';
    return size * n;
}

char *httpd_get(httpd *s, const char *path, long *status)
{
    char url[2048];
    snprintf(url, sizeof url, "%s%s", s->base, path);
    CURL *c = curl_easy_init();
    buf b = {NULL, 0};
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
    CURLcode rc = curl_easy_perform(c);
    ck_assert_msg(rc == CURLE_OK, "GET %s: %s", url, curl_easy_strerror(rc));
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
    curl_easy_cleanup(c);
    return b.p ? b.p : strdup("");
}

json_t *httpd_log(httpd *s)
{
    long st;
    char *body = httpd_get(s, "/__log", &st);
    json_error_t je;
    json_t *log = json_loads(body, 0, &je);
    ck_assert_msg(log != NULL, "the server's log does not parse: %s", je.text);
    free(body);
    return log;
}

void httpd_reset(httpd *s)
{
    long st;
    free(httpd_get(s, "/__reset", &st));
    ck_assert_int_eq(st, 200);
}

static int is_robots(json_t *r)
{
    const char *p = json_string_value(json_object_get(r, "path"));
    return p && strcmp(p, "/robots.txt") == 0;
}

size_t log_count(json_t *log, const char *prefix)
{
    size_t n = 0, i;
    json_t *r;
    json_array_foreach(json_object_get(log, "requests"), i, r)
    {
        const char *p = json_string_value(json_object_get(r, "path"));
        if (!prefix ? !is_robots(r) : strncmp(p, prefix, strlen(prefix)) == 0)
            n++;
    }
    return n;
}

double log_seconds(json_t *log)
{
    json_t *reqs = json_object_get(log, "requests");
    size_t n = json_array_size(reqs);
    if (n == 0)
        return 0;
    double first = json_number_value(json_object_get(json_array_get(reqs, 0), "time"));
    double last = 0;
    size_t i;
    json_t *r;
    json_array_foreach(reqs, i, r)
    {
        double e = json_number_value(json_object_get(r, "end"));
        if (e > last)
            last = e;
    }
    return last - first;
}

size_t log_max_per_second(json_t *log)
{
    json_t *reqs = json_object_get(log, "requests");
    size_t best = 0, i, j;
    json_t *r, *q;
    json_array_foreach(reqs, i, r)
    {
        if (is_robots(r))
            continue;
        double t = json_number_value(json_object_get(r, "time"));
        size_t n = 0;
        json_array_foreach(reqs, j, q)
        {
            double u = json_number_value(json_object_get(q, "time"));
            n += !is_robots(q) && u >= t && u < t + 1.0;
        }
        if (n > best)
            best = n;
    }
    return best;
}

double log_mean_rate(json_t *log)
{
    double first = -1, last = -1;
    size_t n = 0, i;
    json_t *r;
    json_array_foreach(json_object_get(log, "requests"), i, r)
    {
        if (is_robots(r))
            continue;
        double t = json_number_value(json_object_get(r, "time"));
        if (first < 0)
            first = t;
        last = t;
        n++;
    }
    return n < 2 || last <= first ? 0 : (double)(n - 1) / (last - first);
}

static void make_parents(const char *path)
{
    char *copy = strdup(path);
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        mkdir(copy, 0755);
        *p = '/';
    }
    free(copy);
}

void link_to(const char *root, const char *rel, const char *target)
{
    char *p = path_in(root, rel);
    make_parents(p);
    unlink(p);
    ck_assert_msg(symlink(target, p) == 0, "symlink %s: %s", p, strerror(errno));
    free(p);
}

void put_file(const char *root, const char *rel, const char *data, size_t len)
{
    char *p = path_in(root, rel);
    make_parents(p);
    write_bytes(p, data, len);
    free(p);
}

void put_text(const char *root, const char *rel, const char *text)
{
    put_file(root, rel, text, strlen(text));
}

char *fixture(const char *rel, size_t *len)
{
    char *p = path_in(FIXTURES, rel);
    char *data = read_text(p, len);
    ck_assert_msg(data != NULL, "cannot read fixture %s", p);
    free(p);
    return data;
}

json_t *csv_objects(const char *path)
{
    json_t *out = json_array();
    if (!file_exists(path))
        return out;
    char *text = python_csv_json(path);
    ck_assert_msg(text != NULL, "cannot read %s as CSV", path);
    json_t *rows = json_loads(text, 0, NULL);
    free(text);
    ck_assert(json_is_array(rows));
    json_t *head = json_array_get(rows, 0);
    for (size_t i = 1; i < json_array_size(rows); i++) {
        json_t *row = json_array_get(rows, i), *o = json_object();
        for (size_t k = 0; k < json_array_size(head); k++)
            json_object_set(o, json_string_value(json_array_get(head, k)), json_array_get(row, k));
        json_array_append_new(out, o);
    }
    json_decref(rows);
    return out;
}

json_t *json_lines(const char *path)
{
    json_t *out = json_array();
    char *text = read_text(path, NULL);
    if (!text)
        return out;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        json_t *v = json_loads(line, 0, NULL);
        ck_assert_msg(v != NULL, "%s: a line that is not JSON: %.200s", path, line);
        json_array_append_new(out, v);
    }
    free(text);
    return out;
}

json_t *run_summary(const proc *p)
{
    json_t *found = NULL;
    char *copy = strdup(p->out ? p->out : "");
    for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n")) {
        json_t *v = json_loads(line, 0, NULL);
        if (json_is_object(v)) {
            json_decref(found);
            found = v;
        } else {
            json_decref(v);
        }
    }
    free(copy);
    ck_assert_msg(found != NULL, "no summary line in: %s\nstderr: %s", p->out, p->err);
    return found;
}

long long summary_counter(json_t *summary, const char *id, const char *counter)
{
    size_t i;
    json_t *pl;
    json_array_foreach(json_object_get(summary, "plugins"), i, pl)
    {
        if (strcmp(json_string_value(json_object_get(pl, "id")), id) == 0)
            return json_integer_value(json_object_get(json_object_get(pl, "counters"), counter));
    }
    return 0;
}

int dead_letter_has(json_t *dl, ...)
{
    size_t i;
    json_t *e;
    json_array_foreach(dl, i, e)
    {
        const char *reason = json_string_value(json_object_get(e, "reason"));
        if (!reason)
            continue;
        va_list ap;
        va_start(ap, dl);
        int all = 1;
        for (const char *s = va_arg(ap, const char *); s && all; s = va_arg(ap, const char *))
            all = strstr(reason, s) != NULL;
        va_end(ap);
        if (all)
            return 1;
    }
    return 0;
}

const char *col(json_t *row, const char *column)
{
    const char *v = json_string_value(json_object_get(row, column));
    return v ? v : "";
}

json_t *row_where(json_t *rows, const char *column, const char *value)
{
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) if (strcmp(col(r, column), value) == 0) return r;
    return NULL;
}

size_t rows_where(json_t *rows, const char *column, const char *value)
{
    size_t i, n = 0;
    json_t *r;
    json_array_foreach(rows, i, r) n += strcmp(col(r, column), value) == 0;
    return n;
}
