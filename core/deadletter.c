/* deadletter.c - appending dead-letter entries as JSON lines. */
#include "deadletter.h"

#include "log.h"
#include "mem.h"
#include "state.h"
#include "timefmt.h"

#include <errno.h>
#include <jansson.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void deadletter_init(deadletter *dl, const char *path)
{
    memset(dl, 0, sizeof *dl);
    dl->path = xstrdup(path);
    pthread_mutex_init(&dl->mu, NULL);
}

int deadletter_write(deadletter *dl, const char *pipeline, const char *id, const char *plugin,
                     const assay_record *r, const char *detail_json, const char *reason)
{
    buf line;
    buf_init(&line);
    char stamp[40];
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    time_format((int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000, stamp);
    buf_printf(&line, "{\"time\":\"%s\",\"pipeline\":", stamp);
    buf_json_string(&line, pipeline, strlen(pipeline));
    buf_puts(&line, ",\"id\":");
    buf_json_string(&line, id, strlen(id));
    buf_puts(&line, ",\"plugin\":");
    buf_json_string(&line, plugin, strlen(plugin));
    if (r) {
        buf_puts(&line, ",\"stream\":");
        buf_json_string(&line, r->stream->name, strlen(r->stream->name));
    }
    buf_puts(&line, ",\"reason\":");
    buf_json_string(&line, reason, strlen(reason));
    if (detail_json) {
        /* Only valid JSON goes in, so the file stays one object per line. */
        json_t *d = json_loads(detail_json, JSON_DECODE_ANY, NULL);
        char *compact = d ? json_dumps(d, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
        buf_puts(&line, ",\"detail\":");
        if (compact)
            buf_puts(&line, compact);
        else
            buf_json_string(&line, detail_json, strlen(detail_json));
        free(compact);
        json_decref(d);
    }
    if (r) {
        buf_puts(&line, ",\"record\":");
        record_to_json(r, &line);
    }
    buf_puts(&line, "}\n");

    int rc = 0;
    pthread_mutex_lock(&dl->mu);
    if (!dl->f && !dl->failed) {
        char *copy = xstrdup(dl->path);
        make_dirs(dirname(copy), 0755);
        free(copy);
        dl->f = fopen(dl->path, "a");
        if (!dl->f) {
            log_error("dead-letter file %s: cannot open: %s", dl->path, strerror(errno));
            dl->failed = 1;
        }
    }
    if (dl->f && fwrite(line.data, 1, line.len, dl->f) == line.len && fflush(dl->f) == 0) {
        dl->count++;
    } else {
        if (dl->f)
            log_error("dead-letter file %s: cannot write: %s", dl->path, strerror(errno));
        dl->failed = 1;
        rc = -1;
    }
    pthread_mutex_unlock(&dl->mu);
    buf_free(&line);
    return rc;
}

int deadletter_sync(deadletter *dl)
{
    int rc = 0;
    pthread_mutex_lock(&dl->mu);
    if (dl->f && (fflush(dl->f) != 0 || fsync(fileno(dl->f)) != 0))
        rc = -1;
    pthread_mutex_unlock(&dl->mu);
    return rc;
}

void deadletter_close(deadletter *dl)
{
    if (dl->f) {
        fflush(dl->f);
        fsync(fileno(dl->f));
        fclose(dl->f);
    }
    pthread_mutex_destroy(&dl->mu);
    free(dl->path);
    memset(dl, 0, sizeof *dl);
}
