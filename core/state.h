/*
 * state.h - the per-pipeline state folder: the key-value store kept
 * between runs, and the lock that stops two runs of one pipeline.
 *
 * The folder holds `lock` (flock'd for the whole run; it names the pid
 * holding it) and `state.json` ({"<instance id>": {"<key>": "<value>"}}),
 * which is only ever replaced whole: written to a temporary file, fsync'd,
 * renamed over the old one, and the folder fsync'd, so that a crash at any
 * moment leaves either the old state or the new one.
 */
#ifndef ASSAY_STATE_H
#define ASSAY_STATE_H

#include <jansson.h>
#include <stddef.h>

typedef struct state_store {
    char *dir;
    int lock_fd;
    json_t *data;     /* what is on disk, plus what has become durable since */
    json_t *versions; /* instance id -> the version its values are at */
    int dirty;
} state_store;

/* The member of state.json (and of snapshots) holding the versions; no
 * instance id can collide with it.
 *
 * Why versions: each instance's values change only through its own puts,
 * numbered 1, 2, 3, ... across runs. A sink that keeps a snapshot with
 * its data and the state file can each be ahead of the other for some
 * instance (a crash between a sink's commit and the file's rename), so a
 * restore takes, instance by instance, whichever copy is further on. */
#define STATE_VERSIONS_KEY "@v"

typedef enum state_open_rc {
    STATE_OPEN_OK = 0,
    STATE_OPEN_LOCKED = 1, /* another run holds the lock; err names its pid */
    STATE_OPEN_ERROR = 2   /* err says what */
} state_open_rc;

/* Creates the folder (and parents) if needed, takes the lock, loads the
 * state. */
state_open_rc state_open(state_store *s, const char *dir, char *err, size_t errlen);
/* Loads state without locking (for `assay state` style inspection). */
int state_peek(const char *dir, json_t **out, char *err, size_t errlen);
/* The committed value, or NULL; valid until the next state_set. */
const char *state_lookup(const state_store *s, const char *id, const char *key);
/* Changes the in-memory store (value NULL deletes) and marks it dirty. */
void state_set(state_store *s, const char *id, const char *key, const char *value);
/* The version an instance's values are at (0: never put). */
int64_t state_version(const state_store *s, const char *id);
void state_set_version(state_store *s, const char *id, int64_t version);
/* data and versions as one JSON text (a snapshot for a sink to keep);
 * caller frees. */
char *state_snapshot_text(json_t *data, json_t *versions);
/* Adopts, instance by instance, what a snapshot holds further on than the
 * store. Returns how many instances it took (0: nothing newer), or -1 when
 * the snapshot is not a state object (err). */
int state_adopt(state_store *s, const char *snapshot, char *err, size_t errlen);
/* Writes state.json atomically if dirty. Returns 0, or -1 with err. */
int state_save(state_store *s, char *err, size_t errlen);
/* Releases the lock and frees the store. */
void state_close(state_store *s);

/* Writes data to path atomically: path.tmp.<pid>, fsync, rename, fsync of
 * the folder. Returns 0, or -1 with errno set. */
int write_file_atomic(const char *path, const void *data, size_t len);
/* mkdir -p; returns 0 or -1 with errno set. */
int make_dirs(const char *path, int mode);

#endif
