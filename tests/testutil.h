/*
 * testutil.h - what the tests share: temporary folders, files, and
 * running build/assay (or python3) as a real child process with a
 * timeout, capturing its exit code and output.
 */
#ifndef ASSAY_TESTUTIL_H
#define ASSAY_TESTUTIL_H

#include <check.h>
#include <stddef.h>
#include <sys/types.h>

typedef struct proc {
    pid_t pid;
    int code;  /* exit code, or 128 + signal number */
    char *out; /* stdout and stderr, NUL-terminated */
    char *err;
    char *out_path, *err_path;
} proc;

/* A new empty folder under $TMPDIR; removed by tmpdir_free. */
char *tmpdir_new(void);
void tmpdir_free(char *dir);
/* path = dir + "/" + name, malloc'd. */
char *path_in(const char *dir, const char *name);

void write_text(const char *path, const char *text);
void write_bytes(const char *path, const void *data, size_t len);
/* The whole file, NUL-terminated, or NULL if it cannot be read. */
char *read_text(const char *path, size_t *len);
int file_exists(const char *path);

/* Runs argv (argv[0] is a path) in cwd, waiting at most timeout_s. The
 * environment gets extra "NAME=value" entries (NULL-terminated, may be
 * NULL). Returns the exit code; output lands in p. */
int proc_run(proc *p, const char *cwd, const char *const argv[], const char *const env[],
             int timeout_s);
/* Starts without waiting; proc_wait collects. */
void proc_start(proc *p, const char *cwd, const char *const argv[], const char *const env[]);
int proc_wait(proc *p, int timeout_s);
void proc_free(proc *p);

/* Runs build/assay with the test plugin folder on the path. */
int assay_run(proc *p, const char *cwd, const char *const args[], int timeout_s);
void assay_start(proc *p, const char *cwd, const char *const args[]);
/* Runs `assay check` on this pipeline text (as p.json in a folder of its
 * own, removed afterwards); returns the exit code, output in p. */
int assay_check_text(proc *p, const char *pipeline_text);

/* Reads a CSV file with Python's csv module (an independent reader) and
 * returns its rows as JSON text ([["a","b"],...]), or NULL on error. */
char *python_csv_json(const char *path);
/* The number of data rows (not counting the header) per Python, or -1. */
long python_csv_rows(const char *path);

/* The line of text in s that contains needle, for messages; or NULL. */
int contains(const char *s, const char *needle);

#endif
