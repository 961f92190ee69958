/* state.c - the state folder: lock, load, atomic save. */
#include "state.h"

#include "mem.h"
#include "timefmt.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int make_dirs(const char *path, int mode)
{
    char *copy = xstrdup(path);
    size_t len = strlen(copy);
    while (len > 1 && copy[len - 1] == '/')
        copy[--len] = '\0';
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, (mode_t)mode) != 0 && errno != EEXIST) {
            free(copy);
            return -1;
        }
        *p = '/';
    }
    int rc = mkdir(copy, (mode_t)mode);
    if (rc != 0 && errno == EEXIST) {
        struct stat st;
        rc = stat(copy, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
        if (rc)
            errno = ENOTDIR;
    }
    free(copy);
    return rc;
}

static int fsync_dir_of(const char *path)
{
    char *copy = xstrdup(path);
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(copy);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

int write_file_atomic(const char *path, const void *data, size_t len)
{
    char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        free(tmp);
        return -1;
    }
    const char *p = data;
    size_t left = len;
    while (left) {
        ssize_t n = write(fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            goto fail;
        p += n, left -= (size_t)n;
    }
    if (fsync(fd) != 0)
        goto fail;
    if (close(fd) != 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) != 0)
        goto fail;
    free(tmp);
    return fsync_dir_of(path);
fail:;
    int saved = errno;
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    free(tmp);
    errno = saved;
    return -1;
}

static int load(state_store *s, char *err, size_t errlen)
{
    char *path = xasprintf("%s/state.json", s->dir);
    json_error_t jerr;
    s->data = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    if (!s->data) {
        if (access(path, F_OK) != 0 && errno == ENOENT) {
            s->data = json_object();
            s->versions = json_object();
            free(path);
            return 0;
        }
        snprintf(err, errlen,
                 "%s:%d:%d: state file is unreadable (%s); it is rewritten only whole, so "
                 "this is outside damage: move it away to start afresh",
                 path, jerr.line, jerr.column, jerr.text);
        free(path);
        return -1;
    }
    if (!json_is_object(s->data)) {
        snprintf(err, errlen, "%s: state file is not a JSON object; move it away to start afresh",
                 path);
        free(path);
        return -1;
    }
    json_t *v = json_object_get(s->data, STATE_VERSIONS_KEY);
    s->versions = json_is_object(v) ? json_incref(v) : json_object();
    json_object_del(s->data, STATE_VERSIONS_KEY);
    json_object_del(s->data, "@seq"); /* written by earlier builds */
    free(path);
    return 0;
}

int64_t state_version(const state_store *s, const char *id)
{
    return json_integer_value(json_object_get(s->versions, id));
}

void state_set_version(state_store *s, const char *id, int64_t version)
{
    json_object_set_new(s->versions, id, json_integer(version));
    s->dirty = 1;
}

char *state_snapshot_text(json_t *data, json_t *versions)
{
    json_t *copy = json_deep_copy(data);
    json_object_set(copy, STATE_VERSIONS_KEY, versions);
    char *text = json_dumps(copy, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(copy);
    return text;
}

int state_adopt(state_store *s, const char *snapshot, char *err, size_t errlen)
{
    json_error_t jerr;
    json_t *snap = json_loads(snapshot, 0, &jerr);
    json_t *versions = json_object_get(snap, STATE_VERSIONS_KEY);
    if (!json_is_object(snap) || !json_is_object(versions)) {
        snprintf(err, errlen, "a stored state snapshot is not a state object (%s)",
                 snap ? "no versions" : jerr.text);
        json_decref(snap);
        return -1;
    }
    int taken = 0;
    const char *id;
    json_t *v;
    json_object_foreach(versions, id, v)
    {
        if (json_integer_value(v) <= state_version(s, id))
            continue;
        json_t *values = json_object_get(snap, id);
        if (json_is_object(values))
            json_object_set(s->data, id, values);
        else
            json_object_del(s->data, id);
        state_set_version(s, id, json_integer_value(v));
        taken++;
    }
    json_decref(snap);
    return taken;
}

state_open_rc state_open(state_store *s, const char *dir, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    s->lock_fd = -1;
    if (make_dirs(dir, 0755) != 0) {
        snprintf(err, errlen, "state folder %s: cannot create: %s", dir, strerror(errno));
        return STATE_OPEN_ERROR;
    }
    s->dir = xstrdup(dir);
    char *lock = xasprintf("%s/lock", dir);
    s->lock_fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (s->lock_fd < 0) {
        snprintf(err, errlen, "%s: cannot open: %s", lock, strerror(errno));
        free(lock);
        state_close(s);
        return STATE_OPEN_ERROR;
    }
    if (flock(s->lock_fd, LOCK_EX | LOCK_NB) != 0) {
        int saved = errno;
        char holder[256] = "";
        ssize_t n = pread(s->lock_fd, holder, sizeof holder - 1, 0);
        holder[n > 0 ? n : 0] = '\0';
        long pid = 0;
        char since[64] = "";
        sscanf(holder, "pid %ld since %63s", &pid, since);
        if (saved == EWOULDBLOCK && pid > 0)
            snprintf(err, errlen,
                     "already running: process %ld holds %s (since %s); this run stops here",
                     pid, lock, since[0] ? since : "unknown");
        else if (saved == EWOULDBLOCK)
            snprintf(err, errlen, "already running: another process holds %s", lock);
        else
            snprintf(err, errlen, "%s: cannot lock: %s", lock, strerror(saved));
        free(lock);
        close(s->lock_fd);
        s->lock_fd = -1;
        state_close(s);
        return saved == EWOULDBLOCK ? STATE_OPEN_LOCKED : STATE_OPEN_ERROR;
    }
    free(lock);
    char stamp[40], line[128];
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    time_format((int64_t)ts.tv_sec * 1000000, stamp);
    int len = snprintf(line, sizeof line, "pid %ld since %s\n", (long)getpid(), stamp);
    if (ftruncate(s->lock_fd, 0) == 0 && pwrite(s->lock_fd, line, (size_t)len, 0) < 0) {
        /* the pid is only a courtesy for the message above */
    }
    if (load(s, err, errlen) != 0) {
        state_close(s);
        return STATE_OPEN_ERROR;
    }
    return STATE_OPEN_OK;
}

int state_peek(const char *dir, json_t **out, char *err, size_t errlen)
{
    state_store s;
    memset(&s, 0, sizeof s);
    s.dir = (char *)dir;
    if (load(&s, err, errlen) != 0)
        return -1;
    *out = s.data; /* without its versions */
    json_decref(s.versions);
    return 0;
}

const char *state_lookup(const state_store *s, const char *id, const char *key)
{
    return json_string_value(json_object_get(json_object_get(s->data, id), key));
}

void state_set(state_store *s, const char *id, const char *key, const char *value)
{
    json_t *obj = json_object_get(s->data, id);
    if (!obj) {
        if (!value)
            return;
        obj = json_object();
        json_object_set_new(s->data, id, obj);
    }
    if (value)
        json_object_set_new(obj, key, json_string(value));
    else
        json_object_del(obj, key);
    s->dirty = 1;
}

int state_save(state_store *s, char *err, size_t errlen)
{
    if (!s->dirty)
        return 0;
    json_object_set(s->data, STATE_VERSIONS_KEY, s->versions);
    char *text = json_dumps(s->data, JSON_INDENT(1) | JSON_SORT_KEYS);
    json_object_del(s->data, STATE_VERSIONS_KEY);
    char *path = xasprintf("%s/state.json", s->dir);
    int rc = 0;
    if (!text || write_file_atomic(path, text, strlen(text)) != 0) {
        snprintf(err, errlen, "%s: cannot write: %s", path, text ? strerror(errno) : "encoding failed");
        rc = -1;
    } else {
        s->dirty = 0;
    }
    free(text);
    free(path);
    return rc;
}

void state_close(state_store *s)
{
    if (s->lock_fd >= 0)
        close(s->lock_fd); /* releases the flock */
    s->lock_fd = -1;
    json_decref(s->data);
    s->data = NULL;
    json_decref(s->versions);
    s->versions = NULL;
    free(s->dir);
    s->dir = NULL;
}
