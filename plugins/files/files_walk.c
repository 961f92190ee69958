/*
 * files_walk.c - expanding paths, folders and globs.
 *
 * Folder walks use an explicit stack rather than recursion, do not follow
 * symbolic links to folders (a link loop cannot trap them), and sort what
 * they find, so that a run reads files in the same order every time.
 */
#include "files_walk.h"

#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int add(file_list *l, const char *path)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        char **p = realloc(l->paths, cap * sizeof *p);
        if (!p)
            return -1;
        l->paths = p;
        l->cap = cap;
    }
    l->paths[l->n] = strdup(path);
    if (!l->paths[l->n])
        return -1;
    l->n++;
    return 0;
}

static int has_ext(const char *name, const char *const *exts)
{
    size_t n = strlen(name);
    for (; *exts; exts++) {
        size_t e = strlen(*exts);
        if (n > e && strcasecmp(name + n - e, *exts) == 0)
            return 1;
    }
    return 0;
}

static char *join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (!p)
        return NULL;
    memcpy(p, dir, a);
    size_t off = a;
    if (a && dir[a - 1] != '/')
        p[off++] = '/';
    memcpy(p + off, name, b + 1);
    return p;
}

static int walk_dir(const char *root, int recursive, const char *const *exts, file_list *out,
                    walk_problem_fn problem, void *ud)
{
    file_list todo = {0};
    if (add(&todo, root))
        return -1;
    int rc = 0;
    while (todo.n && rc == 0) {
        char *dir = todo.paths[--todo.n];
        DIR *d = opendir(dir);
        if (!d) {
            problem(ud, dir, strerror(errno));
            free(dir);
            continue;
        }
        struct dirent *e;
        while ((e = readdir(d)) && rc == 0) {
            if (e->d_name[0] == '.')
                continue; /* ., .., and hidden files such as editors' temporaries */
            char *path = join(dir, e->d_name);
            if (!path) {
                rc = -1;
                break;
            }
            struct stat st;
            if (lstat(path, &st) != 0) {
                problem(ud, path, strerror(errno));
            } else if (S_ISDIR(st.st_mode)) {
                if (recursive)
                    rc = add(&todo, path);
            } else if ((S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) && has_ext(e->d_name, exts)) {
                rc = add(out, path);
            }
            free(path);
        }
        closedir(d);
        free(dir);
    }
    file_list_free(&todo);
    return rc;
}

int walk_path(const char *spec, int recursive, const char *const *exts, file_list *out,
              walk_problem_fn problem, void *ud)
{
    if (strpbrk(spec, "*?[")) {
        glob_t g;
        int grc = glob(spec, GLOB_MARK, NULL, &g);
        if (grc == GLOB_NOMATCH) {
            problem(ud, spec, "the pattern matches no files");
            return 0;
        }
        if (grc != 0) {
            problem(ud, spec, grc == GLOB_NOSPACE ? "out of memory" : "cannot read a folder");
            return grc == GLOB_NOSPACE ? -1 : 0;
        }
        int rc = 0;
        for (size_t i = 0; i < g.gl_pathc && rc == 0; i++) {
            const char *p = g.gl_pathv[i];
            size_t n = strlen(p);
            if (n && p[n - 1] == '/')
                rc = walk_dir(p, recursive, exts, out, problem, ud);
            else
                rc = add(out, p);
        }
        globfree(&g);
        return rc;
    }
    struct stat st;
    if (stat(spec, &st) != 0) {
        problem(ud, spec, strerror(errno));
        return 0;
    }
    if (S_ISDIR(st.st_mode))
        return walk_dir(spec, recursive, exts, out, problem, ud);
    return add(out, spec);
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void file_list_finish(file_list *l)
{
    if (!l->n)
        return;
    qsort(l->paths, l->n, sizeof *l->paths, cmp);
    size_t keep = 1;
    for (size_t i = 1; i < l->n; i++) {
        if (strcmp(l->paths[i], l->paths[keep - 1]) == 0)
            free(l->paths[i]);
        else
            l->paths[keep++] = l->paths[i];
    }
    l->n = keep;
}

void file_list_free(file_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->paths[i]);
    free(l->paths);
    l->paths = NULL;
    l->n = l->cap = 0;
}
