/* article_cli.c - what the extractor finds in local HTML files: the body
 * of both `assay article` (the news plugin's command) and the stand-alone
 * article-extract program, which share this code and these options:
 *
 *   PROG [--json] [-j N] [--charset NAME] [--url URL] FILE...
 *
 * Reads each FILE (.html, or gzip-compressed .html.gz: zlib reads both),
 * extracts the article and prints, with --json, one JSON object per line
 * per file: {"file", "title", "author", "published_at", "text"} (null
 * where nothing was found); without it, a short human-readable report.
 * A file that cannot be read gives {"file", "error"} and exit status 1;
 * the other files are still done. "-" reads standard input.
 * -j N extracts N files at a time (default: one per CPU); the output is
 * in the order of the arguments either way.
 */
#include "article_cli.h"

#include "article.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <zlib.h>

#define MAX_FILE_BYTES (64u << 20)   /* decompressed bytes per file */

/* Read a whole file, gunzipping when it is gzip (zlib passes other files
 * through unchanged). Returns a malloc'd buffer or NULL with err set. */
static char *slurp(const char *path, size_t *len, char *err, size_t errlen)
{
    gzFile gz;
    char *buf = NULL, *p;
    size_t cap = 0, n = 0;
    int r;

    if (strcmp(path, "-") == 0)
        gz = gzdopen(dup(STDIN_FILENO), "rb");
    else
        gz = gzopen(path, "rb");
    if (gz == NULL) {
        snprintf(err, errlen, "cannot open: %s", errno ? strerror(errno) : "out of memory");
        return NULL;
    }
    gzbuffer(gz, 1u << 17);
    for (;;) {
        if (cap - n < 65536) {
            cap = cap ? cap * 2 : 1u << 18;
            if (cap > MAX_FILE_BYTES + 65536u)
                cap = MAX_FILE_BYTES + 65536u;
            p = realloc(buf, cap);
            if (p == NULL) {
                snprintf(err, errlen, "out of memory reading the file");
                goto fail;
            }
            buf = p;
        }
        r = gzread(gz, buf + n, (unsigned)(cap - n));
        if (r < 0) {
            int e;
            const char *m = gzerror(gz, &e);
            snprintf(err, errlen, "cannot read: %s",
                     e == Z_ERRNO ? strerror(errno) : m);
            goto fail;
        }
        if (r == 0)
            break;
        n += (size_t)r;
        if (n > MAX_FILE_BYTES) {
            snprintf(err, errlen, "larger than %u MiB (decompressed)", MAX_FILE_BYTES >> 20);
            goto fail;
        }
    }
    gzclose(gz);
    *len = n;
    return buf;
fail:
    gzclose(gz);
    free(buf);
    return NULL;
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* One file's result, formatted by a worker, printed by main in order. */
typedef struct job {
    const char *path;
    char *out;          /* what to print, malloc'd */
    int failed;
    char err[256];
} job;

static char *format_json(const char *file, const article *a, const char *error)
{
    json_t *o = json_object(), *name = json_string(file);
    char *s;

    /* a path that is not UTF-8 cannot be a JSON string as it is */
    json_object_set_new(o, "file", name ? name : json_string("(path not UTF-8)"));
    if (error) {
        json_object_set_new(o, "error", json_string(error));
    } else {
        json_object_set_new(o, "title", str_or_null(a->title));
        json_object_set_new(o, "author", str_or_null(a->author));
        json_object_set_new(o, "published_at", str_or_null(a->published_at));
        json_object_set_new(o, "text", json_stringn(a->text, a->text_len));
    }
    s = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    return s;
}

static char *format_text(const char *file, const article *a, const char *error)
{
    char *s = NULL;
    int rc;

    if (error)
        rc = asprintf(&s, "== %s\nerror: %s\n", file, error);
    else
        rc = asprintf(&s, "== %s\ntitle:        %s\nauthor:       %s\n"
                          "published_at: %s\ntext:         %zu bytes\n\n%s\n",
                      file, a->title ? a->title : "-", a->author ? a->author : "-",
                      a->published_at ? a->published_at : "-", a->text_len, a->text);
    return rc < 0 ? NULL : s;
}

static struct {
    job *jobs;
    int njobs, next, json;
    const char *charset, *url;
    pthread_mutex_t lock;
} work = {NULL, 0, 0, 0, NULL, NULL, PTHREAD_MUTEX_INITIALIZER};

static void run_job(job *j)
{
    char *err = j->err;
    size_t len = 0;
    char *html = slurp(j->path, &len, err, sizeof j->err);
    article a;

    memset(&a, 0, sizeof a);
    if (html == NULL ||
        article_extract(html, len, work.url, work.charset, &a, err, sizeof j->err) != 0) {
        j->failed = 1;
        j->out = work.json ? format_json(j->path, &a, err) : format_text(j->path, &a, err);
    } else {
        j->out = work.json ? format_json(j->path, &a, NULL) : format_text(j->path, &a, NULL);
    }
    free(html);
    article_free(&a);
}

/* Workers take the next file until none is left. */
static void *worker(void *arg)
{
    (void)arg;
    for (;;) {
        int i;
        pthread_mutex_lock(&work.lock);
        i = work.next < work.njobs ? work.next++ : -1;
        pthread_mutex_unlock(&work.lock);
        if (i < 0)
            return NULL;
        run_job(&work.jobs[i]);
    }
}

static void usage(FILE *to, const char *prog)
{
    fprintf(to,
            "usage: %s [--json] [-j N] [--charset NAME] [--url URL] FILE...\n"
            "  what the article extractor finds in local HTML pages\n"
            "  FILE is .html or .html.gz; - reads standard input\n"
            "  --json          one JSON object per line per file: file, title, author,\n"
            "                  published_at, text (else a report for reading)\n"
            "  -j N            extract N files at a time (default: one per CPU)\n"
            "  --charset NAME  the pages' charset, as an HTTP header would say it\n"
            "  --url URL       where the pages came from\n",
            prog);
}

int article_cli(const char *prog, int argc, char **argv)
{
    int status = 0, i, nthreads = 0, t;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    pthread_t *tids;

    work.jobs = NULL;
    work.njobs = work.next = work.json = 0;
    work.charset = work.url = NULL;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) {
            work.json = 1;
        } else if (strcmp(argv[i], "--charset") == 0 && i + 1 < argc) {
            work.charset = argv[++i];
        } else if (strcmp(argv[i], "--url") == 0 && i + 1 < argc) {
            work.url = argv[++i];
        } else if (strcmp(argv[i], "-j") == 0 && i + 1 < argc) {
            nthreads = atoi(argv[++i]);
            if (nthreads < 1 || nthreads > 256) {
                fprintf(stderr, "%s: -j wants 1 to 256\n", prog);
                return 2;
            }
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout, prog);
            return 0;
        } else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "%s: unknown option %s\n", prog, argv[i]);
            usage(stderr, prog);
            return 2;
        } else {
            break;
        }
    }
    if (i >= argc) {
        usage(stderr, prog);
        return 2;
    }
    work.njobs = argc - i;
    work.jobs = calloc((size_t)work.njobs, sizeof *work.jobs);
    if (work.jobs == NULL) {
        fprintf(stderr, "%s: out of memory\n", prog);
        return 1;
    }
    for (t = 0; t < work.njobs; t++)
        work.jobs[t].path = argv[i + t];
    if (nthreads == 0)
        nthreads = ncpu > 0 ? (int)(ncpu < 16 ? ncpu : 16) : 1;
    if (nthreads > work.njobs)
        nthreads = work.njobs;
    json_object_seed(0);                /* before any thread makes objects */

    /* Workers keep each file's formatted result (text, small next to the
     * page); main prints them in argument order at the end. */
    tids = calloc((size_t)nthreads, sizeof *tids);
    if (tids == NULL) {
        fprintf(stderr, "%s: out of memory\n", prog);
        return 1;
    }
    if (nthreads == 1) {
        worker(NULL);
    } else {
        for (t = 0; t < nthreads; t++)
            if (pthread_create(&tids[t], NULL, worker, NULL) != 0) {
                fprintf(stderr, "%s: cannot start a thread\n", prog);
                return 1;
            }
        for (t = 0; t < nthreads; t++)
            pthread_join(tids[t], NULL);
    }
    for (t = 0; t < work.njobs; t++) {
        job *j = &work.jobs[t];
        if (j->failed) {
            status = 1;
            fprintf(stderr, "%s: %s: %s\n", prog, j->path, j->err);
        }
        if (j->out) {
            fputs(j->out, stdout);
            fputc('\n', stdout);
            free(j->out);
        } else {
            status = 1;
        }
    }
    free(tids);
    free(work.jobs);
    return status;
}
