/*
 * files_walk.h - turning the `paths` config (files, folders, globs) into
 * a sorted, de-duplicated list of regular files to read.
 */
#ifndef FILES_WALK_H
#define FILES_WALK_H

#include <stddef.h>

typedef struct file_list {
    char **paths;
    size_t n, cap;
} file_list;

/* Called for a path that cannot be used (does not exist, matches nothing,
 * unreadable folder): the plugin logs it and dead-letters it. */
typedef void (*walk_problem_fn)(void *ud, const char *path, const char *why);

/* Expands one config entry into out. Folders are walked (recursively when
 * recursive is 1) and yield only files whose extension is in exts (a
 * NULL-terminated list of ".txt"-style suffixes); files named directly or
 * matched by a glob are always taken. Returns 0, or -1 when out of
 * memory. */
int walk_path(const char *spec, int recursive, const char *const *exts, file_list *out,
              walk_problem_fn problem, void *ud);
/* Sorts and removes duplicates. */
void file_list_finish(file_list *l);
void file_list_free(file_list *l);

#endif
