/* summary.c - building and writing the run's summary line. */
#include "summary.h"

#include "log.h"
#include "schema.h"
#include "state.h"
#include "timefmt.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int64_t wall_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void json_str_or_null(buf *b, const char *s)
{
    if (s)
        buf_json_string(b, s, strlen(s));
    else
        buf_puts(b, "null");
}

void summary_init(summary *s, const char *pipeline)
{
    memset(s, 0, sizeof *s);
    s->pipeline = xstrdup(pipeline ? pipeline : "");
    s->started_us = wall_us();
    s->started_mono = mono();
    buf_init(&s->plugins);
    buf_init(&s->line);
}

void summary_plugin(summary *s, const char *id, const char *plugin, assay_kind kind, int64_t in,
                    int64_t out, int64_t dead, double seconds, const ctx_counter *counters,
                    size_t ncounters, const char *error)
{
    buf *b = &s->plugins;
    if (b->len)
        buf_putc(b, ',');
    buf_puts(b, "{\"id\":");
    json_str_or_null(b, id);
    buf_puts(b, ",\"plugin\":");
    json_str_or_null(b, plugin);
    buf_printf(b, ",\"kind\":\"%s\",\"in\":%lld,\"out\":%lld,\"dead_letter\":%lld,\"seconds\":%.3f",
               kind_name(kind), (long long)in, (long long)out, (long long)dead, seconds);
    if (ncounters) {
        buf_puts(b, ",\"counters\":{");
        for (size_t i = 0; i < ncounters; i++) {
            if (i)
                buf_putc(b, ',');
            buf_json_string(b, counters[i].name, strlen(counters[i].name));
            buf_printf(b, ":%lld", (long long)counters[i].value);
        }
        buf_putc(b, '}');
    }
    if (error) {
        buf_puts(b, ",\"error\":");
        json_str_or_null(b, error);
    }
    buf_putc(b, '}');
}

void summary_finish(summary *s, const char *outcome, int exit_code, const char *error,
                    const char *state_dir, const char *dead_letter_file, size_t dead_letters)
{
    char started[40], finished[40], host[256] = "";
    time_format(s->started_us - s->started_us % 1000, started);
    time_format(wall_us() / 1000 * 1000, finished);
    gethostname(host, sizeof host - 1);
    buf *b = &s->line;
    buf_reset(b);
    buf_puts(b, "{\"pipeline\":");
    json_str_or_null(b, s->pipeline);
    buf_printf(b, ",\"outcome\":\"%s\",\"exit_code\":%d,\"started_at\":\"%s\",\"finished_at\":\"%s\""
                  ",\"seconds\":%.3f,\"host\":",
               outcome, exit_code, started, finished, mono() - s->started_mono);
    json_str_or_null(b, host);
    buf_printf(b, ",\"pid\":%ld,\"state_dir\":", (long)getpid());
    json_str_or_null(b, state_dir);
    buf_printf(b, ",\"dead_letters\":%zu,\"dead_letter_file\":", dead_letters);
    json_str_or_null(b, dead_letter_file);
    buf_puts(b, ",\"error\":");
    json_str_or_null(b, error);
    buf_puts(b, ",\"plugins\":[");
    if (s->plugins.len)
        buf_append(b, s->plugins.data, s->plugins.len);
    buf_puts(b, "]}\n");
}

int summary_emit(summary *s, const char *path)
{
    if (path) {
        if (write_file_atomic(path, s->line.data, s->line.len) != 0) {
            log_error("summary file %s: cannot write: %s", path, strerror(errno));
            return -1;
        }
        return 0;
    }
    if (fwrite(s->line.data, 1, s->line.len, stdout) != s->line.len || fflush(stdout) != 0) {
        log_error("cannot write the summary to stdout: %s", strerror(errno));
        return -1;
    }
    return 0;
}

void summary_free(summary *s)
{
    free(s->pipeline);
    buf_free(&s->plugins);
    buf_free(&s->line);
}
