/* dedup_store.h - the dedup transform's memory on disk: one file per
 * pipeline and instance, `<dir>/<pipeline>.<id>.dedup`.
 *
 * Format (integers little-endian):
 *   header   "ASSAYDD1", u32 version (1), u32 DD_K, u32 shingle_words,
 *            u32 reserved                                   (24 bytes)
 *   records  u32 payload length, u32 CRC-32 of the payload, payload:
 *            u64 id, u64 content, u64 story, u32 time, u8 has_sig,
 *            u8 source length, u16 doc id length, [DD_K signature bytes
 *            when has_sig], source name, doc id
 * About 180 bytes a document.
 *
 * The file is a log: a document's record is appended (write(2), so it
 * survives the process being killed) before the document is passed on,
 * and fdatasync'd at least every DD_SYNC_EVERY records or second and when
 * the run ends. A record whose length or CRC does not check (a write cut
 * short by a power loss) ends the log: it is cut off, with a warning.
 * When the run ends, a file holding many forgotten stories (older than
 * the window) is rewritten whole: temporary file, fsync, rename, fsync of
 * the folder.
 */
#ifndef ASSAY_DEDUP_STORE_H
#define ASSAY_DEDUP_STORE_H

#include "dedup_index.h"

#include <stddef.h>
#include <stdint.h>

#define DD_SYNC_EVERY 1000

typedef struct dd_store {
    char *path;
    int fd;              /* open for appending, or -1 */
    size_t records;      /* in the file */
    size_t unsynced;
    double last_sync;    /* monotonic seconds */
    int shingle_words;
} dd_store;

/* Loads path (created, with its folder, when missing) into x: the stories
 * whose latest document is no older than window seconds before now.
 * Signatures made with other shingle settings are dropped (the documents
 * still match exactly). Returns 0, or -1 with err. *warn (may be "")
 * says what was repaired or dropped. */
int dd_store_open(dd_store *st, const char *path, int shingle_words, dd_index *x, uint32_t now,
                  uint32_t window, char *warn, size_t warnlen, char *err, size_t errlen);

/* Appends entry e (with its source name). Returns 0, or -1 with err. */
int dd_store_append(dd_store *st, const dd_entry *e, const char *source, char *err,
                    size_t errlen);

/* fdatasync when due (force: now). Returns 0, or -1 with err. */
int dd_store_sync(dd_store *st, int force, char *err, size_t errlen);

/* The end of a run: syncs, and rewrites the file with only x's entries
 * when it holds at least a quarter more records than that. Returns 0, or
 * -1 with err. */
int dd_store_finish(dd_store *st, const dd_index *x, char *err, size_t errlen);

void dd_store_close(dd_store *st);

#endif
