/*
 * summary.h - the one JSON line a run leaves behind (stdout or a file):
 * the outcome, the exit code, and per plugin the records in and out, the
 * dead letters, the seconds spent in its callbacks and its own counters.
 */
#ifndef ASSAY_SUMMARY_H
#define ASSAY_SUMMARY_H

#include <assay/assay.h>

#include "ctx.h"
#include "mem.h"

typedef struct summary {
    char *pipeline;
    int64_t started_us;
    double started_mono;
    buf plugins; /* the "plugins" array's items, comma-separated */
    buf line;    /* the finished line */
} summary;

void summary_init(summary *s, const char *pipeline);
void summary_plugin(summary *s, const char *id, const char *plugin, assay_kind kind, int64_t in,
                    int64_t out, int64_t dead, double seconds, const ctx_counter *counters,
                    size_t ncounters, const char *error);
void summary_finish(summary *s, const char *outcome, int exit_code, const char *error,
                    const char *state_dir, const char *dead_letter_file, size_t dead_letters);
/* Writes the line to path (atomically) or, when path is NULL, to stdout.
 * Returns 0 or -1 (logged). */
int summary_emit(summary *s, const char *path);
void summary_free(summary *s);

#endif
