/* dedup_store.c - the memory file of the dedup transform (format and
 * guarantees in dedup_store.h).
 */
#include "dedup_store.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#define MAGIC "ASSAYDD1"
#define VERSION 1
#define HEADER_LEN 24
#define FIXED_LEN 32 /* id, content, story, time, has_sig, source len, id len */
#define MAX_PAYLOAD (FIXED_LEN + DD_K + 255 + 65535)

static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void put64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get64(const unsigned char *p)
{
    return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

/* mkdir -p of the folder holding path. */
static int make_parent(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return -1;
    char *dir = dirname(copy);
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
            free(copy);
            return -1;
        }
        *p = '/';
    }
    int rc = mkdir(dir, 0755) != 0 && errno != EEXIST ? -1 : 0;
    free(copy);
    return rc;
}

static int write_all(int fd, const void *data, size_t n)
{
    const char *p = data;
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static void header(unsigned char *h, int shingle_words)
{
    memcpy(h, MAGIC, 8);
    put32(h + 8, VERSION);
    put32(h + 12, DD_K);
    put32(h + 16, (uint32_t)shingle_words);
    put32(h + 20, 0);
}

/* One record (length, CRC, payload) for e into buf (MAX_PAYLOAD + 8
 * bytes); returns its length. */
static size_t encode(unsigned char *buf, const dd_entry *e, const char *source)
{
    size_t slen = strlen(source), ilen = strlen(e->doc_id);
    if (slen > 255)
        slen = 255;
    if (ilen > 65535)
        ilen = 65535;
    unsigned char *p = buf + 8;
    put64(p, e->id);
    put64(p + 8, e->content);
    put64(p + 16, e->story);
    put32(p + 24, e->time);
    p[28] = (unsigned char)(e->has_sig != 0);
    p[29] = (unsigned char)slen;
    p[30] = (unsigned char)(ilen & 0xFF);
    p[31] = (unsigned char)(ilen >> 8);
    size_t n = FIXED_LEN;
    if (e->has_sig) {
        memcpy(p + n, e->sig.v, DD_K);
        n += DD_K;
    }
    memcpy(p + n, source, slen);
    n += slen;
    memcpy(p + n, e->doc_id, ilen);
    n += ilen;
    put32(buf, (uint32_t)n);
    put32(buf + 4, (uint32_t)crc32(0L, p, (uInt)n));
    return n + 8;
}

/* A record read back: fields point into the file's bytes. */
typedef struct raw {
    dd_entry e;
    const char *source;
    size_t slen;
    const char *id;
    size_t ilen;
} raw;

typedef struct story_time {
    uint64_t story;
    uint32_t last;
} story_time;

static int by_story(const void *a, const void *b)
{
    uint64_t x = ((const story_time *)a)->story, y = ((const story_time *)b)->story;
    return x < y ? -1 : x > y;
}

static uint32_t last_of(const story_time *t, size_t n, uint64_t story)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t[mid].story < story)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && t[lo].story == story ? t[lo].last : 0;
}

static char *slurp_fd(int fd, size_t *len)
{
    struct stat sb;
    if (fstat(fd, &sb) != 0)
        return NULL;
    char *data = malloc((size_t)sb.st_size + 1);
    if (!data)
        return NULL;
    size_t got = 0;
    while (got < (size_t)sb.st_size) {
        ssize_t r = pread(fd, data + got, (size_t)sb.st_size - got, (off_t)got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    *len = got;
    return data;
}

int dd_store_open(dd_store *st, const char *path, int shingle_words, dd_index *x, uint32_t now,
                  uint32_t window, char *warn, size_t warnlen, char *err, size_t errlen)
{
    char *data = NULL;
    size_t len = 0, nraw = 0;
    raw *raws = NULL;
    story_time *times = NULL;
    int rc = -1;

    memset(st, 0, sizeof *st);
    st->fd = -1;
    st->shingle_words = shingle_words;
    st->last_sync = mono();
    warn[0] = '\0';
    st->path = strdup(path);
    if (!st->path) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (make_parent(path) != 0) {
        snprintf(err, errlen, "%s: cannot create its folder: %s", path, strerror(errno));
        return -1;
    }
    st->fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (st->fd < 0) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    data = slurp_fd(st->fd, &len);
    if (!data) {
        snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno ? errno : ENOMEM));
        goto done;
    }
    if (len == 0) {
        unsigned char h[HEADER_LEN];
        header(h, shingle_words);
        if (write_all(st->fd, h, sizeof h) != 0 || fsync(st->fd) != 0) {
            snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
            goto done;
        }
        rc = 0;
        goto done;
    }
    const unsigned char *u = (const unsigned char *)data;
    if (len < HEADER_LEN || memcmp(u, MAGIC, 8) != 0 || get32(u + 8) != VERSION ||
        get32(u + 12) != DD_K) {
        snprintf(err, errlen,
                 "%s is not a dedup memory file of this version; move it away to start with an "
                 "empty memory",
                 path);
        goto done;
    }
    int same_shingles = get32(u + 16) == (uint32_t)shingle_words;
    if (!same_shingles)
        snprintf(warn, warnlen,
                 "%s was made with shingle_words %u, not %d: its documents match only exactly",
                 path, get32(u + 16), shingle_words);

    /* the records, up to the first that does not check */
    size_t off = HEADER_LEN, cap = 0;
    while (off + 8 <= len) {
        uint32_t n = get32(u + off), crc = get32(u + off + 4);
        const unsigned char *p = u + off + 8;
        if (n < FIXED_LEN || n > MAX_PAYLOAD || off + 8 + n > len ||
            (uint32_t)crc32(0L, p, n) != crc)
            break;
        size_t need = FIXED_LEN + (p[28] ? DD_K : 0) + p[29] + (p[30] | (size_t)p[31] << 8);
        if (need != n)
            break;
        if (nraw == cap) {
            cap = cap ? cap * 2 : 1024;
            raw *r = realloc(raws, cap * sizeof *r);
            if (!r) {
                snprintf(err, errlen, "out of memory reading %s", path);
                goto done;
            }
            raws = r;
        }
        raw *r = &raws[nraw++];
        memset(r, 0, sizeof *r);
        r->e.id = get64(p);
        r->e.content = get64(p + 8);
        r->e.story = get64(p + 16);
        r->e.time = get32(p + 24);
        size_t at = FIXED_LEN;
        if (p[28]) {
            memcpy(r->e.sig.v, p + at, DD_K);
            r->e.has_sig = same_shingles;
            at += DD_K;
        }
        r->source = (const char *)p + at;
        r->slen = p[29];
        at += r->slen;
        r->id = (const char *)p + at;
        r->ilen = (size_t)p[30] | (size_t)p[31] << 8;
        off += 8 + n;
    }
    if (off < len) {
        size_t n = strlen(warn);
        snprintf(warn + n, warnlen - n, "%s%s: the last %zu bytes are not a whole record (a write "
                 "cut short); cut off", n ? "; " : "", path, len - off);
        if (ftruncate(st->fd, (off_t)off) != 0) {
            snprintf(err, errlen, "%s: cannot cut off the damaged end: %s", path, strerror(errno));
            goto done;
        }
    }
    st->records = nraw;

    /* stories active within the window stay */
    times = malloc((nraw ? nraw : 1) * sizeof *times);
    if (!times) {
        snprintf(err, errlen, "out of memory reading %s", path);
        goto done;
    }
    for (size_t i = 0; i < nraw; i++)
        times[i] = (story_time){raws[i].e.story, raws[i].e.time};
    qsort(times, nraw, sizeof *times, by_story);
    size_t nt = 0;
    for (size_t i = 0; i < nraw; i++) {
        if (nt && times[nt - 1].story == times[i].story) {
            if (times[i].last > times[nt - 1].last)
                times[nt - 1].last = times[i].last;
        } else {
            times[nt++] = times[i];
        }
    }
    for (size_t i = 0; i < nraw; i++) {
        raw *r = &raws[i];
        uint32_t last = last_of(times, nt, r->e.story);
        if (window && now > window && last < now - window)
            continue; /* a story nobody has reported for a while: forgotten */
        if (dd_index_by_id(x, r->e.id) != DD_NONE)
            continue; /* written twice (a replayed document): keep the first */
        char *source = strndup(r->source, r->slen), *id = strndup(r->id, r->ilen);
        if (!source || !id) {
            free(source);
            free(id);
            snprintf(err, errlen, "out of memory reading %s", path);
            goto done;
        }
        r->e.source = dd_index_source(x, source);
        r->e.doc_id = id;
        uint32_t idx = r->e.source == DD_NONE ? DD_NONE : dd_index_add(x, &r->e);
        free(source);
        free(id);
        if (idx == DD_NONE) {
            snprintf(err, errlen, "out of memory reading %s", path);
            goto done;
        }
    }
    rc = 0;
done:
    free(times);
    free(raws);
    free(data);
    if (rc != 0 && st->fd >= 0) {
        close(st->fd);
        st->fd = -1;
    }
    return rc;
}

int dd_store_append(dd_store *st, const dd_entry *e, const char *source, char *err,
                    size_t errlen)
{
    unsigned char small[1024], *buf = small;
    size_t need = 8 + FIXED_LEN + DD_K + 255 + strlen(e->doc_id);
    if (need > sizeof small && !(buf = malloc(need > MAX_PAYLOAD + 8 ? MAX_PAYLOAD + 8 : need))) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    size_t n = encode(buf, e, source);
    int rc = write_all(st->fd, buf, n);
    if (buf != small)
        free(buf);
    if (rc != 0) {
        snprintf(err, errlen, "%s: cannot write: %s", st->path, strerror(errno));
        return -1;
    }
    st->records++;
    st->unsynced++;
    return dd_store_sync(st, 0, err, errlen);
}

int dd_store_sync(dd_store *st, int force, char *err, size_t errlen)
{
    if (!st->unsynced)
        return 0;
    double t = mono();
    if (!force && st->unsynced < DD_SYNC_EVERY && t - st->last_sync < 1.0)
        return 0;
    if (fdatasync(st->fd) != 0) {
        snprintf(err, errlen, "%s: cannot sync: %s", st->path, strerror(errno));
        return -1;
    }
    st->unsynced = 0;
    st->last_sync = t;
    return 0;
}

/* Writes x's entries to a new file and renames it over the old one. */
static int compact(dd_store *st, const dd_index *x, char *err, size_t errlen)
{
    char *tmp = NULL;
    unsigned char h[HEADER_LEN];
    FILE *f = NULL;
    int fd = -1, rc = -1;
    unsigned char *buf = malloc(MAX_PAYLOAD + 8);
    if (!buf || asprintf(&tmp, "%s.tmp.%ld", st->path, (long)getpid()) < 0) {
        tmp = NULL;
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 || !(f = fdopen(fd, "wb"))) {
        snprintf(err, errlen, "%s: cannot create: %s", tmp, strerror(errno));
        goto done;
    }
    fd = -1;
    header(h, st->shingle_words);
    fwrite(h, 1, sizeof h, f);
    for (size_t i = 0; i < x->n; i++) {
        size_t n = encode(buf, &x->e[i], x->sources[x->e[i].source]);
        fwrite(buf, 1, n, f);
    }
    if (fflush(f) != 0 || fsync(fileno(f)) != 0 || ferror(f)) {
        snprintf(err, errlen, "%s: cannot write: %s", tmp, strerror(errno));
        goto done;
    }
    if (fclose(f) != 0) {
        f = NULL;
        snprintf(err, errlen, "%s: cannot write: %s", tmp, strerror(errno));
        goto done;
    }
    f = NULL;
    if (rename(tmp, st->path) != 0) {
        snprintf(err, errlen, "cannot rename %s to %s: %s", tmp, st->path, strerror(errno));
        goto done;
    }
    free(tmp);
    tmp = NULL;
    /* the rename itself must survive a power loss */
    char *copy = strdup(st->path);
    if (copy) {
        int dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
        free(copy);
    }
    close(st->fd);
    st->fd = open(st->path, O_RDWR | O_APPEND | O_CLOEXEC);
    if (st->fd < 0) {
        snprintf(err, errlen, "%s: cannot reopen: %s", st->path, strerror(errno));
        goto done;
    }
    st->records = x->n;
    rc = 0;
done:
    if (f)
        fclose(f);
    if (fd >= 0)
        close(fd);
    if (tmp) {
        unlink(tmp);
        free(tmp);
    }
    free(buf);
    return rc;
}

int dd_store_finish(dd_store *st, const dd_index *x, char *err, size_t errlen)
{
    if (st->fd < 0)
        return 0;
    if (dd_store_sync(st, 1, err, errlen) != 0)
        return -1;
    if (st->records >= x->n + x->n / 4 + 64)
        return compact(st, x, err, errlen);
    return 0;
}

void dd_store_close(dd_store *st)
{
    if (st->fd >= 0)
        close(st->fd);
    st->fd = -1;
    free(st->path);
    st->path = NULL;
}
