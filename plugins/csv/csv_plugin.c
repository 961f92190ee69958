/*
 * csv_plugin.c - the `csv` sink: one RFC 4180 file per input stream.
 *
 * replace mode (the default): each stream is written to a hidden temporary
 * file in the output folder, renamed over <stream>.csv only at the run's
 * final commit, after an fsync. A run that is killed leaves the previous
 * file untouched and a stale temporary, removed by the next run. Because
 * nothing is durable before that rename, intermediate commits answer
 * ASSAY_PENDING and the pipeline's state waits for the final one.
 *
 * append mode: each commit appends its batch with one write and an fsync,
 * then records the file's committed length in a hidden side file
 * (.<stream>.csv.committed, replaced atomically). A run killed in the
 * middle of an append leaves bytes past that length; the next run cuts
 * them off before writing, so the file only ever grows by whole batches.
 *
 * Values: NULL is written as the `null` text (empty by default, unquoted)
 * and an empty string as "", so the two stay apart; floats are written in
 * their shortest exact form; timestamps as RFC 3339 UTC; dates as
 * YYYY-MM-DD; JSON as its text. UTF-8 is written as is.
 */
#include <assay/assay.h>

#include "csv_format.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct csv_out {
    const assay_stream *stream;
    char *path;    /* <dir>/<stream>.csv */
    char *tmp;     /* replace mode: the temporary being written */
    char *sidecar; /* append mode: the committed length */
    int fd;
    off_t committed; /* append mode */
    csv_buf pending;  /* rows formatted since the last commit */
} csv_out;

typedef struct csv_sink {
    const assay_host *host;
    assay_ctx *ctx;
    char *dir;
    int append;
    int header;
    const char *null_text;
    csv_out *outs;
    size_t nouts;
} csv_sink;

/* ---- files ---- */

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w, n -= (size_t)w;
    }
    return 0;
}

static int fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

static int make_dirs(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return -1;
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, 0755) != 0 && errno != EEXIST) {
            free(copy);
            return -1;
        }
        *p = '/';
    }
    int rc = mkdir(copy, 0755) == 0 || errno == EEXIST ? 0 : -1;
    free(copy);
    return rc;
}

static char *path_join3(const char *dir, const char *a, const char *b)
{
    size_t n = strlen(dir) + strlen(a) + strlen(b) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s%s", dir, a, b);
    return p;
}

/* Removes temporaries that killed runs left for this stream: their
 * writer's pid is in the name and no longer alive. */
static void remove_stale_temps(csv_sink *c, const char *stream)
{
    DIR *d = opendir(c->dir);
    if (!d)
        return;
    char prefix[128];
    snprintf(prefix, sizeof prefix, ".%s.csv.tmp-", stream);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, prefix, strlen(prefix)) != 0)
            continue;
        long pid = strtol(e->d_name + strlen(prefix), NULL, 10);
        if (pid > 0 && pid != (long)getpid() && kill((pid_t)pid, 0) == 0)
            continue; /* its writer is still running */
        char *p = path_join3(c->dir, e->d_name, "");
        if (p && unlink(p) == 0)
            c->host->log(c->ctx, ASSAY_LOG_INFO, "removed %s, left by a run that did not finish", p);
        free(p);
    }
    closedir(d);
}

static void header_line(csv_sink *c, const assay_stream *s, csv_buf *out)
{
    size_t n = c->host->stream_field_count(s);
    for (size_t i = 0; i < n; i++) {
        const assay_field *f = c->host->stream_field(s, i);
        if (i)
            csv_buf_putc(out, ',');
        csv_put_text(out, f->name, strlen(f->name));
    }
    csv_buf_putc(out, '\n');
}

/* Reads the committed length from the side file; -1 when there is none. */
static off_t read_sidecar(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    long long v = -1;
    if (fscanf(f, "%lld", &v) != 1)
        v = -1;
    fclose(f);
    return (off_t)v;
}

static int write_sidecar(const char *path, off_t len)
{
    char tmp[4096], text[32];
    snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid());
    int n = snprintf(text, sizeof text, "%lld\n", (long long)len);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    if (write_all(fd, text, (size_t)n) != 0 || fsync(fd) != 0) {
        close(fd);
        unlink(tmp);
        return -1;
    }
    close(fd);
    return rename(tmp, path);
}

static assay_rc open_replace(csv_sink *c, csv_out *o, const char *name)
{
    char suffix[64];
    snprintf(suffix, sizeof suffix, ".csv.tmp-%ld", (long)getpid());
    remove_stale_temps(c, name);
    char *hidden = malloc(strlen(name) + 2);
    if (!hidden)
        return ASSAY_ERR_NOMEM;
    sprintf(hidden, ".%s", name);
    o->tmp = path_join3(c->dir, hidden, suffix);
    free(hidden);
    if (!o->tmp)
        return ASSAY_ERR_NOMEM;
    o->fd = open(o->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (o->fd < 0)
        return c->host->fail(c->ctx, ASSAY_ERR_IO, "%s: cannot create: %s", o->tmp, strerror(errno));
    if (c->header)
        header_line(c, o->stream, &o->pending);
    return ASSAY_OK;
}

static assay_rc open_append(csv_sink *c, csv_out *o, const char *name)
{
    char *hidden = malloc(strlen(name) + 2);
    if (!hidden)
        return ASSAY_ERR_NOMEM;
    sprintf(hidden, ".%s", name);
    o->sidecar = path_join3(c->dir, hidden, ".csv.committed");
    free(hidden);
    if (!o->sidecar)
        return ASSAY_ERR_NOMEM;
    o->fd = open(o->path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (o->fd < 0)
        return c->host->fail(c->ctx, ASSAY_ERR_IO, "%s: cannot open: %s", o->path, strerror(errno));
    struct stat st;
    if (fstat(o->fd, &st) != 0)
        return c->host->fail(c->ctx, ASSAY_ERR_IO, "%s: %s", o->path, strerror(errno));
    off_t committed = read_sidecar(o->sidecar);
    if (committed >= 0 && st.st_size > committed) {
        /* a batch that was being appended when a run died: cut it off */
        if (ftruncate(o->fd, committed) != 0 || fsync(o->fd) != 0)
            return c->host->fail(c->ctx, ASSAY_ERR_IO, "%s: cannot roll back an unfinished append: %s",
                                 o->path, strerror(errno));
        c->host->log(c->ctx, ASSAY_LOG_WARN,
                     "%s: removed %lld bytes of a batch a killed run did not finish", o->path,
                     (long long)(st.st_size - committed));
        st.st_size = committed;
    } else if (committed >= 0 && st.st_size < committed) {
        c->host->log(c->ctx, ASSAY_LOG_WARN,
                     "%s is shorter than its last commit recorded: it was changed outside assay",
                     o->path);
    }
    o->committed = st.st_size;
    csv_buf want;
    csv_buf_init(&want);
    header_line(c, o->stream, &want);
    if (st.st_size == 0) {
        if (c->header)
            csv_buf_add(&o->pending, want.data, want.len);
    } else if (c->header) {
        /* the existing header must be ours, or rows would land under the
         * wrong columns */
        char *have = malloc(want.len + 1);
        ssize_t got = have ? pread(o->fd, have, want.len, 0) : -1;
        int same = got == (ssize_t)want.len && memcmp(have, want.data, want.len) == 0;
        free(have);
        if (!same) {
            csv_buf_free(&want);
            return c->host->fail(c->ctx, ASSAY_ERR_CONFIG,
                                 "%s has other columns than stream %s has now; append to "
                                 "another folder, or use mode \"replace\"",
                                 o->path, c->host->stream_name(o->stream));
        }
    }
    csv_buf_free(&want);
    if (lseek(o->fd, 0, SEEK_END) < 0)
        return c->host->fail(c->ctx, ASSAY_ERR_IO, "%s: %s", o->path, strerror(errno));
    return ASSAY_OK;
}

/* ---- the plugin ---- */

static void csv_destroy(void *self);

static assay_rc csv_create(const assay_host *h, assay_ctx *ctx, void **self)
{
    csv_sink *c = calloc(1, sizeof *c);
    if (!c)
        return h->fail(ctx, ASSAY_ERR_NOMEM, "out of memory");
    *self = c;
    c->host = h;
    c->ctx = ctx;
    c->dir = strdup(h->cfg_string(ctx, "dir"));
    c->header = h->cfg_bool(ctx, "header");
    c->null_text = h->cfg_string(ctx, "null");
    const char *mode = h->cfg_string(ctx, "mode");
    if (!c->dir)
        return h->fail(ctx, ASSAY_ERR_NOMEM, "out of memory");
    if (strcmp(mode, "append") == 0)
        c->append = 1;
    else if (strcmp(mode, "replace") != 0)
        return h->fail(ctx, ASSAY_ERR_CONFIG, "mode must be \"replace\" or \"append\", not \"%s\"",
                       mode);
    if (strchr(c->null_text, '"') || strchr(c->null_text, ',') || strchr(c->null_text, '\n'))
        return h->fail(ctx, ASSAY_ERR_CONFIG, "null must not contain quotes, commas or line breaks");
    if (make_dirs(c->dir) != 0)
        return h->fail(ctx, ASSAY_ERR_IO, "%s: cannot create the folder: %s", c->dir,
                       strerror(errno));
    size_t n = h->input_count(ctx);
    c->outs = calloc(n ? n : 1, sizeof *c->outs);
    if (!c->outs)
        return h->fail(ctx, ASSAY_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const assay_stream *s = h->input_stream(ctx, i);
        const char *name = h->stream_name(s);
        csv_out *same = NULL;
        for (size_t j = 0; j < c->nouts; j++)
            if (strcmp(h->stream_name(c->outs[j].stream), name) == 0)
                same = &c->outs[j];
        if (same) {
            /* two producers of one stream name share its file: only if the
             * columns agree */
            size_t a = h->stream_field_count(s), b = h->stream_field_count(same->stream);
            int agree = a == b;
            for (size_t k = 0; agree && k < a; k++)
                agree = strcmp(h->stream_field(s, k)->name, h->stream_field(same->stream, k)->name) == 0 &&
                        h->stream_field(s, k)->type == h->stream_field(same->stream, k)->type;
            if (!agree)
                return h->fail(ctx, ASSAY_ERR_CONFIG,
                               "two inputs are both called '%s' but have different fields; give "
                               "them separate csv sinks",
                               name);
            continue;
        }
        csv_out *o = &c->outs[c->nouts++];
        o->stream = s;
        o->fd = -1;
        csv_buf_init(&o->pending);
        o->path = path_join3(c->dir, name, ".csv");
        if (!o->path)
            return h->fail(ctx, ASSAY_ERR_NOMEM, "out of memory");
        assay_rc rc = c->append ? open_append(c, o, name) : open_replace(c, o, name);
        if (rc)
            return rc;
    }
    return ASSAY_OK;
}

static csv_out *out_for(csv_sink *c, const assay_stream *s)
{
    for (size_t i = 0; i < c->nouts; i++)
        if (c->outs[i].stream == s)
            return &c->outs[i];
    const char *name = c->host->stream_name(s);
    for (size_t i = 0; i < c->nouts; i++)
        if (strcmp(c->host->stream_name(c->outs[i].stream), name) == 0)
            return &c->outs[i];
    return NULL;
}

static assay_rc csv_process(void *self, assay_ctx *ctx, const assay_record *const *recs, size_t n)
{
    csv_sink *c = self;
    const assay_host *h = c->host;
    for (size_t i = 0; i < n; i++) {
        const assay_stream *s = h->record_stream(recs[i]);
        csv_out *o = out_for(c, s);
        if (!o)
            return h->fail(ctx, ASSAY_ERR_INVALID, "a record of stream %s, which is not an input",
                           h->stream_name(s));
        size_t nf = h->stream_field_count(s);
        for (size_t k = 0; k < nf; k++) {
            assay_value v;
            h->record_get(recs[i], k, &v);
            if (k)
                csv_buf_putc(&o->pending, ',');
            csv_put_value(&o->pending, h, &v, c->null_text);
        }
        csv_buf_putc(&o->pending, '\n');
        if (csv_buf_failed(&o->pending))
            return h->fail(ctx, ASSAY_ERR_NOMEM, "out of memory formatting a batch");
    }
    return ASSAY_OK;
}

static assay_rc commit_replace(csv_sink *c, csv_out *o, int final)
{
    if (o->pending.len && write_all(o->fd, o->pending.data, o->pending.len) != 0)
        return c->host->fail(c->ctx, ASSAY_ERR_COMMIT, "%s: write failed: %s", o->tmp, strerror(errno));
    csv_buf_reset(&o->pending);
    if (!final)
        return ASSAY_PENDING;
    if (fsync(o->fd) != 0 || close(o->fd) != 0) {
        o->fd = -1;
        return c->host->fail(c->ctx, ASSAY_ERR_COMMIT, "%s: fsync failed: %s", o->tmp, strerror(errno));
    }
    o->fd = -1;
    if (rename(o->tmp, o->path) != 0)
        return c->host->fail(c->ctx, ASSAY_ERR_COMMIT, "cannot rename %s to %s: %s", o->tmp, o->path,
                             strerror(errno));
    free(o->tmp);
    o->tmp = NULL;
    return ASSAY_OK;
}

static assay_rc commit_append(csv_sink *c, csv_out *o)
{
    if (!o->pending.len)
        return ASSAY_OK;
    if (write_all(o->fd, o->pending.data, o->pending.len) != 0 || fsync(o->fd) != 0) {
        int saved = errno;
        /* take back what may have been written, so the file stays whole */
        if (ftruncate(o->fd, o->committed) == 0)
            lseek(o->fd, 0, SEEK_END);
        return c->host->fail(c->ctx, ASSAY_ERR_COMMIT, "%s: append failed: %s", o->path,
                             strerror(saved));
    }
    o->committed += (off_t)o->pending.len;
    csv_buf_reset(&o->pending);
    if (write_sidecar(o->sidecar, o->committed) != 0)
        return c->host->fail(c->ctx, ASSAY_ERR_COMMIT, "%s: cannot record the commit: %s",
                             o->sidecar, strerror(errno));
    return ASSAY_OK;
}

static assay_rc csv_commit(void *self, assay_ctx *ctx, int final)
{
    csv_sink *c = self;
    assay_rc result = ASSAY_OK;
    for (size_t i = 0; i < c->nouts; i++) {
        csv_out *o = &c->outs[i];
        assay_rc rc = c->append ? commit_append(c, o) : commit_replace(c, o, final);
        if (rc == ASSAY_PENDING)
            result = ASSAY_PENDING;
        else if (rc)
            return rc;
    }
    if (final && !c->append && fsync_dir(c->dir) != 0)
        return c->host->fail(ctx, ASSAY_ERR_COMMIT, "%s: fsync failed: %s", c->dir, strerror(errno));
    return result;
}

static void csv_destroy(void *self)
{
    csv_sink *c = self;
    if (!c)
        return;
    for (size_t i = 0; i < c->nouts; i++) {
        csv_out *o = &c->outs[i];
        if (o->fd >= 0)
            close(o->fd);
        if (o->tmp)
            unlink(o->tmp); /* never committed: the old file stays */
        free(o->tmp);
        free(o->path);
        free(o->sidecar);
        csv_buf_free(&o->pending);
    }
    free(c->outs);
    free(c->dir);
    free(c);
}

static const assay_config_key csv_config[] = {
    {"dir", ASSAY_CFG_STRING, 0, "\"out\"", "folder for the files, one <stream>.csv per input stream"},
    {"mode", ASSAY_CFG_STRING, 0, "\"replace\"",
     "replace: each run writes whole new files, renamed into place at the end; append: each "
     "commit appends its batch"},
    {"header", ASSAY_CFG_BOOL, 0, "true", "write a header line of field names"},
    {"null", ASSAY_CFG_STRING, 0, "\"\"", "text written for a missing value (an empty string is \"\")"},
    {NULL, 0, 0, NULL, NULL}};

ASSAY_EXPORT const assay_plugin assay_plugin_descriptor = {
    ASSAY_PLUGIN_HEADER,
    .name = "csv",
    .kind = ASSAY_SINK,
    .version = "1.0.0",
    .description = "RFC 4180 CSV files, one per stream, written atomically",
    .config = csv_config,
    .create = csv_create,
    .process = csv_process,
    .commit = csv_commit,
    .destroy = csv_destroy,
};
