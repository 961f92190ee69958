/*
 * deadletter.h - the dead-letter file: one JSON line per record (or input)
 * that could not be handled, with the plugin and the reason, so that
 * nothing a run meets is silently lost.
 *
 *   {"time": "...", "pipeline": "p", "plugin": "files", "id": "in",
 *    "stream": "documents", "reason": "...", "detail": {...},
 *    "record": {...}}
 */
#ifndef ASSAY_DEADLETTER_H
#define ASSAY_DEADLETTER_H

#include <pthread.h>
#include <stdio.h>

#include "record.h"

typedef struct deadletter {
    char *path;
    FILE *f; /* opened at the first entry */
    pthread_mutex_t mu;
    size_t count;
    int failed; /* the file could not be written */
} deadletter;

void deadletter_init(deadletter *dl, const char *path);
/* Appends one entry; thread-safe. Returns 0, or -1 if it could not be
 * written (logged; the caller fails the run: nothing may be lost). */
int deadletter_write(deadletter *dl, const char *pipeline, const char *id, const char *plugin,
                     const assay_record *r, const char *detail_json, const char *reason);
/* Flushes and fsyncs; called before state is saved. */
int deadletter_sync(deadletter *dl);
void deadletter_close(deadletter *dl);

#endif
