/*
 * loader.h - finding plugins and loading them with their ABI checked.
 *
 * Like PostgreSQL's PG_MODULE_MAGIC, a shared object is accepted only when
 * it presents a descriptor with our magic number and ABI major, a minor
 * not newer than ours, and callbacks that fit its kind. Every refusal is
 * one message naming the file and what was expected and found; none of
 * them crashes (the file's ELF header is read before dlopen is tried).
 */
#ifndef ASSAY_LOADER_H
#define ASSAY_LOADER_H

#include <assay/assay.h>
#include <stddef.h>

typedef struct loaded_plugin {
    char *path; /* the file it was loaded from */
    void *handle;
    const assay_plugin *desc;
    struct loaded_plugin *next;
} loaded_plugin;

typedef struct loader {
    char **dirs; /* search path, in order */
    size_t ndirs;
    loaded_plugin *loaded; /* cache, by descriptor name and path */
} loader;

/* True when the plugin's descriptor is large enough to hold member m:
 * members appended in later minors are absent from older plugins. */
#define loader_has(p, m)                                                                    \
    ((p)->desc->size >= offsetof(assay_plugin, m) + sizeof(((assay_plugin *)0)->m))

/* Builds the search path: each directory of cli_path (colon-separated,
 * may be NULL), then of $ASSAY_PLUGIN_PATH, then the build tree's plugins
 * folder beside the executable, then the install folder. */
void loader_init(loader *L, const char *cli_path);
void loader_free(loader *L);

/* Loads a plugin by name (searched) or by path (when it contains '/').
 * Returns it (owned by the loader), or NULL with err filled. */
const loaded_plugin *loader_load(loader *L, const char *name_or_path, char *err, size_t errlen);

/* Loads one file with every check; for `assay plugins` and the tests.
 * Returns 0 and *out (caller frees with loader_release), or -1 and err. */
int loader_open_file(const char *path, loaded_plugin **out, char *err, size_t errlen);
void loader_release(loaded_plugin *p);

/* Calls fn for every *.so in the search path, in order, with its path and
 * whether an earlier directory already had a plugin of that file name. */
void loader_scan(loader *L, void (*fn)(const char *path, int shadowed, void *ud), void *ud);

#endif
