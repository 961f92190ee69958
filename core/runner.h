/*
 * runner.h - running a resolved pipeline: one thread per plugin instance,
 * bounded queues between them, batched sink commits, state that advances
 * only behind the sinks, the lock, signals, and the summary line.
 */
#ifndef ASSAY_RUNNER_H
#define ASSAY_RUNNER_H

#include "pipeline.h"

/* Exit codes of `assay run`, documented in the README and --help. */
enum {
    EXIT_OK = 0,        /* every record handled */
    EXIT_PARTIAL = 1,   /* finished, but something was dead-lettered */
    EXIT_USAGE = 2,     /* bad pipeline file or command line */
    EXIT_START = 3,     /* a plugin failed to load or to start (create) */
    EXIT_COMMIT = 4,    /* a sink failed to commit: state not advanced */
    EXIT_LOCKED = 5,    /* another run of this pipeline holds the lock */
    EXIT_FAILED = 6,    /* a plugin failed while running */
    EXIT_SIGINT = 130,  /* stopped by SIGINT, after draining and committing */
    EXIT_SIGTERM = 143  /* stopped by SIGTERM, likewise */
};

typedef struct run_options {
    const char *state_dir;    /* NULL: ./state/<pipeline name> */
    const char *dead_letter;  /* NULL: the pipeline's, else <state_dir>/dead-letter.jsonl */
    const char *summary_path; /* NULL: the summary line goes to stdout */
    size_t queue_capacity;    /* items per queue; 0: the default */
} run_options;

/* Runs p (already resolved without errors). Returns the exit code. */
int run_pipeline(pipeline *p, const run_options *o);

#endif
