/*
 * files_plugin.c - the `files` source: local files, folders and globs.
 *
 * .txt (and any file named directly) becomes one document with the file's
 * text byte for byte, so that fact offsets point into the file itself;
 * .html/.htm becomes one document with its visible text; .jsonl yields one
 * record per line on the stream the config names (documents by default).
 * Files that are too large, unreadable or binary are skipped with a
 * warning and a dead-letter entry; a bad JSON line costs only that line.
 */
#include <assay/assay.h>

#include "files_walk.h"
#include "html_charset.h"
#include "html_text.h"
#include "utf8.h"

#include <errno.h>
#include <jansson.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define JSONL_CHUNK (1u << 20)

typedef struct files {
    const assay_host *host;
    assay_ctx *ctx;
    const assay_stream *docs;  /* documents, when declared */
    const assay_stream *jsonl; /* where .jsonl lines go */
    int64_t max_bytes;
    int incremental;
    const char *kind;
    const char *source;
    /* documents field indexes */
    int f_id, f_url, f_source, f_kind, f_title, f_fetched, f_text, f_hash;
} files;

static const char *const html_exts[] = {".html", ".htm", NULL};
static const char *const all_exts[] = {".txt", ".text", ".md", ".html", ".htm", ".jsonl", NULL};

static int ends_with(const char *s, const char *const *exts)
{
    size_t n = strlen(s);
    for (; *exts; exts++) {
        size_t e = strlen(*exts);
        if (n > e && strcasecmp(s + n - e, *exts) == 0)
            return 1;
    }
    return 0;
}

/* A JSON object {"file": path} for dead-letter entries. */
static char *file_detail(const char *path, long line)
{
    size_t n = strlen(path);
    char *out = malloc(n * 6 + 64);
    if (!out)
        return NULL;
    char *o = out;
    o += sprintf(o, "{\"file\":\"");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)path[i];
        if (c == '"' || c == '\\')
            *o++ = '\\', *o++ = (char)c;
        else if (c < 0x20)
            o += sprintf(o, "\\u%04x", c);
        else
            *o++ = (char)c;
    }
    *o++ = '"';
    if (line > 0)
        o += sprintf(o, ",\"line\":%ld", line);
    sprintf(o, "}");
    return out;
}

/* Logs and dead-letters one input that could not be used. Returns what
 * the dead-letter call returned (STOPPED under on_error: fail). */
static assay_rc skip_input(files *f, const char *path, long line, const char *why)
{
    char *detail = file_detail(path, line);
    char reason[1024];
    if (line > 0)
        snprintf(reason, sizeof reason, "%s, line %ld: %s", path, line, why);
    else
        snprintf(reason, sizeof reason, "%s: %s", path, why);
    assay_rc rc = f->host->dead_letter(f->ctx, NULL, detail, reason);
    free(detail);
    f->host->count(f->ctx, "skipped", 1);
    return rc;
}

static void walk_problem(void *ud, const char *path, const char *why)
{
    skip_input(ud, path, 0, why);
}

/* ---- documents from whole files ---- */

/* Reads a whole file of at most max bytes. Returns the bytes or NULL with
 * why set. */
static char *slurp(const char *path, int64_t max, size_t *len, const char **why)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        *why = strerror(errno);
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        *why = "not a regular file";
        close(fd);
        return NULL;
    }
    if (st.st_size > max) {
        static char msg[128];
        snprintf(msg, sizeof msg, "%lld bytes, over the max_bytes limit of %lld",
                 (long long)st.st_size, (long long)max);
        *why = msg;
        close(fd);
        return NULL;
    }
    char *data = malloc((size_t)st.st_size + 1);
    if (!data) {
        *why = "out of memory";
        close(fd);
        return NULL;
    }
    size_t got = 0;
    while (got < (size_t)st.st_size) {
        ssize_t n = read(fd, data + got, (size_t)st.st_size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *why = strerror(errno);
            free(data);
            close(fd);
            return NULL;
        }
        if (n == 0)
            break; /* the file shrank while we read it: take what is there */
        got += (size_t)n;
    }
    close(fd);
    data[got] = '\0';
    *len = got;
    return data;
}

/* Binary: NUL bytes, or many control characters other than whitespace. */
static int looks_binary(const char *p, size_t len)
{
    if (memchr(p, '\0', len))
        return 1;
    size_t n = len < 65536 ? len : 65536, ctrl = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
            ctrl++;
    }
    return n && ctrl * 10 > n;
}

/* The first non-empty line, trimmed to at most 300 bytes on a UTF-8
 * boundary. */
static char *first_line(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len && (text[i] == '\n' || text[i] == '\r' || text[i] == ' ' || text[i] == '\t'))
        i++;
    size_t end = i;
    while (end < len && text[end] != '\n' && text[end] != '\r')
        end++;
    while (end > i && (text[end - 1] == ' ' || text[end - 1] == '\t'))
        end--;
    if (end - i > 300) {
        end = i + 300;
        while (end > i && ((unsigned char)text[end] & 0xC0) == 0x80)
            end--;
    }
    return end > i ? strndup(text + i, end - i) : NULL;
}

static assay_rc emit_document(files *f, const char *path, const char *text, size_t len,
                              const char *title)
{
    const assay_host *h = f->host;
    char abs[PATH_MAX + 8], url[PATH_MAX + 16], hash[65], id[65];
    if (!realpath(path, abs))
        snprintf(abs, sizeof abs, "%s", path);
    snprintf(url, sizeof url, "file://%s", abs);
    h->sha256_hex(url, strlen(url), id);
    id[32] = '\0'; /* 128 bits name a document well enough, and read better */
    h->sha256_hex(text, len, hash);
    assay_record *r = h->record_new(f->ctx, f->docs);
    if (!r)
        return ASSAY_ERR_NOMEM;
    assay_rc rc = h->set_string(r, f->f_id, id, strlen(id));
    if (!rc)
        rc = h->set_string(r, f->f_url, url, strlen(url));
    if (!rc)
        rc = h->set_string(r, f->f_source, f->source, strlen(f->source));
    if (!rc)
        rc = h->set_string(r, f->f_kind, f->kind, strlen(f->kind));
    if (!rc && title)
        rc = h->set_string(r, f->f_title, title, strlen(title));
    if (!rc)
        rc = h->set_timestamp(r, f->f_fetched, h->now());
    if (!rc)
        rc = h->set_string(r, f->f_text, text, len);
    if (!rc)
        rc = h->set_string(r, f->f_hash, hash, strlen(hash));
    if (rc) {
        h->record_free(r);
        return skip_input(f, path, 0, "cannot make a document of it (see the log)");
    }
    return h->emit(f->ctx, r);
}

static assay_rc read_document(files *f, const char *path)
{
    const char *why = NULL;
    size_t len = 0;
    char *data = slurp(path, f->max_bytes, &len, &why);
    if (!data)
        return skip_input(f, path, 0, why);
    assay_rc rc;
    if (ends_with(path, html_exts)) {
        char *text = NULL, *title = NULL, err[256];
        size_t tlen = 0;
        if (html_to_text(data, len, NULL, &text, &tlen, &title, err, sizeof err) != 0) {
            rc = skip_input(f, path, 0, err);
        } else {
            rc = emit_document(f, path, text, tlen, title);
            free(text);
            free(title);
        }
    } else if (looks_binary(data, len)) {
        rc = skip_input(f, path, 0, "binary data, not text");
    } else if (utf8_valid(data, len)) {
        char *title = first_line(data, len);
        rc = emit_document(f, path, data, len, title);
        free(title);
    } else {
        /* Text in a legacy single-byte encoding: windows-1252 is what such
         * files almost always are, and it decodes every byte. */
        char used[32], err[256];
        size_t ulen = 0;
        char *utf8 = html_to_utf8(data, len, "windows-1252", &ulen, used, sizeof used, err,
                                  sizeof err);
        if (!utf8) {
            rc = skip_input(f, path, 0, err);
        } else {
            f->host->log(f->ctx, ASSAY_LOG_WARN, "%s: not UTF-8; read as windows-1252", path);
            f->host->count(f->ctx, "converted", 1);
            char *title = first_line(utf8, ulen);
            rc = emit_document(f, path, utf8, ulen, title);
            free(title);
            free(utf8);
        }
    }
    free(data);
    return rc;
}

/* ---- records from JSON lines ---- */

static assay_rc jsonl_line(files *f, const char *path, long lineno, const char *line, size_t len)
{
    const assay_host *h = f->host;
    while (len && (line[len - 1] == '\r' || line[len - 1] == ' ' || line[len - 1] == '\t'))
        len--;
    size_t i = 0;
    while (i < len && (line[i] == ' ' || line[i] == '\t'))
        i++;
    if (i == len)
        return ASSAY_OK; /* blank lines separate nothing; skip them */
    assay_record *r = h->record_new(f->ctx, f->jsonl);
    if (!r)
        return ASSAY_ERR_NOMEM;
    assay_rc rc = h->set_from_json(r, line + i, len - i);
    if (rc) {
        h->record_free(r);
        return skip_input(f, path, lineno, h->error_message(f->ctx));
    }
    rc = h->emit(f->ctx, r);
    if (rc == ASSAY_ERR_SCHEMA)
        return ASSAY_OK; /* the core dead-lettered it */
    return rc;
}

/* Streams a .jsonl file line by line; a line over max_bytes is skipped
 * without being held in memory. */
static assay_rc read_jsonl(files *f, const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return skip_input(f, path, 0, strerror(errno));
    char *chunk = malloc(JSONL_CHUNK);
    char *line = NULL;
    size_t llen = 0, lcap = 0;
    long lineno = 1;
    int oversized = 0;
    assay_rc rc = ASSAY_OK;
    if (!chunk) {
        fclose(fp);
        return ASSAY_ERR_NOMEM;
    }
    size_t n;
    while (rc == ASSAY_OK && (n = fread(chunk, 1, JSONL_CHUNK, fp)) > 0) {
        size_t start = 0;
        while (start < n && rc == ASSAY_OK) {
            char *nl = memchr(chunk + start, '\n', n - start);
            size_t take = nl ? (size_t)(nl - (chunk + start)) : n - start;
            if (!oversized && llen + take > (size_t)f->max_bytes) {
                oversized = 1;
                llen = 0;
            }
            if (!oversized && take) {
                if (llen + take > lcap) {
                    size_t cap = lcap ? lcap : 4096;
                    while (cap < llen + take)
                        cap *= 2;
                    char *p = realloc(line, cap);
                    if (!p) {
                        rc = ASSAY_ERR_NOMEM;
                        break;
                    }
                    line = p, lcap = cap;
                }
                memcpy(line + llen, chunk + start, take);
                llen += take;
            }
            start += take;
            if (nl) {
                start++;
                if (oversized)
                    rc = skip_input(f, path, lineno, "line longer than max_bytes");
                else if (!memchr(line ? line : "", '\0', llen))
                    rc = jsonl_line(f, path, lineno, line, llen);
                else
                    rc = skip_input(f, path, lineno, "NUL byte in the line");
                oversized = 0;
                llen = 0;
                lineno++;
            }
        }
    }
    if (rc == ASSAY_OK && ferror(fp))
        rc = skip_input(f, path, lineno, "read error");
    else if (rc == ASSAY_OK && (llen || oversized)) /* a last line without a newline */
        rc = oversized ? skip_input(f, path, lineno, "line longer than max_bytes")
                       : jsonl_line(f, path, lineno, line, llen);
    fclose(fp);
    free(chunk);
    free(line);
    return rc;
}

/* ---- incremental runs ---- */

/* 1 when the file is unchanged since a run that already read it. */
static int seen_before(files *f, const char *path, char *stamp, size_t stamplen)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return 0;
    snprintf(stamp, stamplen, "%lld:%lld.%09ld", (long long)st.st_size,
             (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    char *old = f->host->state_get(f->ctx, path);
    int same = old && strcmp(old, stamp) == 0;
    f->host->free(old);
    return same;
}

/* ---- the plugin ---- */

static assay_rc files_declare(const assay_host *h, assay_ctx *ctx)
{
    const char *stream = h->cfg_string(ctx, "jsonl_stream");
    const char *fields = h->cfg_json(ctx, "jsonl_fields");
    if (!fields) {
        if (strcmp(stream, "documents") == 0)
            return ASSAY_OK; /* declared in the descriptor */
        assay_stream_def def = {stream, NULL, NULL}; /* a standard stream by name */
        return h->declare_stream(ctx, &def);
    }
    /* {"name": "string", "n": "int", ...}: a stream of the user's own */
    static const struct {
        const char *name;
        assay_type type;
    } types[] = {{"string", ASSAY_T_STRING},       {"int", ASSAY_T_INT},
                 {"float", ASSAY_T_FLOAT},         {"bool", ASSAY_T_BOOL},
                 {"timestamp", ASSAY_T_TIMESTAMP}, {"json", ASSAY_T_JSON},
                 {"date", ASSAY_T_DATE}};
    const size_t ntypes = sizeof types / sizeof types[0];
    json_t *obj = json_loads(fields, 0, NULL);
    if (!json_is_object(obj) || json_object_size(obj) == 0 || json_object_size(obj) > 256) {
        json_decref(obj);
        return h->fail(ctx, ASSAY_ERR_CONFIG,
                       "jsonl_fields must be an object of 1 to 256 field names, each to a type "
                       "(string, int, float, bool, timestamp, date, json)");
    }
    assay_field *list = calloc(json_object_size(obj) + 1, sizeof *list);
    if (!list) {
        json_decref(obj);
        return h->fail(ctx, ASSAY_ERR_NOMEM, "out of memory");
    }
    size_t n = 0;
    const char *key;
    json_t *v;
    assay_rc rc = ASSAY_OK;
    json_object_foreach(obj, key, v)
    {
        size_t t = 0;
        while (t < ntypes && !(json_is_string(v) && strcmp(types[t].name, json_string_value(v)) == 0))
            t++;
        if (t == ntypes) {
            rc = h->fail(ctx, ASSAY_ERR_CONFIG,
                         "jsonl_fields: field '%s' has no known type (string, int, float, bool, "
                         "timestamp, date, json)",
                         key);
            break;
        }
        list[n++] = (assay_field){key, types[t].type, 0, NULL};
    }
    if (rc == ASSAY_OK) {
        assay_stream_def def = {stream, list, NULL};
        rc = h->declare_stream(ctx, &def); /* the core copies the names */
    }
    free(list);
    json_decref(obj);
    return rc;
}

static assay_rc files_create(const assay_host *h, assay_ctx *ctx, void **self)
{
    files *f = calloc(1, sizeof *f);
    if (!f)
        return h->fail(ctx, ASSAY_ERR_NOMEM, "out of memory");
    f->host = h;
    f->ctx = ctx;
    f->docs = h->stream(ctx, "documents");
    f->jsonl = h->stream(ctx, h->cfg_string(ctx, "jsonl_stream"));
    f->max_bytes = h->cfg_int(ctx, "max_bytes");
    f->incremental = h->cfg_bool(ctx, "incremental");
    f->kind = h->cfg_string(ctx, "kind");
    f->source = h->cfg_isset(ctx, "source") ? h->cfg_string(ctx, "source") : h->instance_id(ctx);
    *self = f;
    if (f->max_bytes < 1)
        return h->fail(ctx, ASSAY_ERR_CONFIG, "max_bytes must be at least 1");
    f->f_id = h->stream_field_index(f->docs, "id");
    f->f_url = h->stream_field_index(f->docs, "url");
    f->f_source = h->stream_field_index(f->docs, "source");
    f->f_kind = h->stream_field_index(f->docs, "kind");
    f->f_title = h->stream_field_index(f->docs, "title");
    f->f_fetched = h->stream_field_index(f->docs, "fetched_at");
    f->f_text = h->stream_field_index(f->docs, "text");
    f->f_hash = h->stream_field_index(f->docs, "content_hash");
    return ASSAY_OK;
}

static assay_rc files_run(void *self, assay_ctx *ctx)
{
    files *f = self;
    const assay_host *h = f->host;
    file_list list = {0};
    int recursive = h->cfg_bool(ctx, "recursive");
    size_t n = h->cfg_list_len(ctx, "paths");
    for (size_t i = 0; i < n; i++)
        if (walk_path(h->cfg_list_item(ctx, "paths", i), recursive, all_exts, &list, walk_problem,
                      f) != 0) {
            file_list_free(&list);
            return h->fail(ctx, ASSAY_ERR_NOMEM, "out of memory listing files");
        }
    file_list_finish(&list);
    h->log(ctx, ASSAY_LOG_DEBUG, "%zu file%s to read", list.n, list.n == 1 ? "" : "s");
    assay_rc rc = ASSAY_OK;
    for (size_t i = 0; i < list.n && rc == ASSAY_OK && !h->should_stop(ctx); i++) {
        const char *path = list.paths[i];
        char stamp[96];
        if (f->incremental && seen_before(f, path, stamp, sizeof stamp)) {
            h->count(ctx, "unchanged", 1);
            continue;
        }
        rc = ends_with(path, (const char *const[]){".jsonl", NULL}) ? read_jsonl(f, path)
                                                                    : read_document(f, path);
        h->count(ctx, "files", 1);
        if (f->incremental && (rc == ASSAY_OK || rc == ASSAY_ERR_STOPPED))
            h->state_put(ctx, path, stamp);
    }
    file_list_free(&list);
    if (rc == ASSAY_ERR_STOPPED)
        return ASSAY_OK;
    return rc;
}

static void files_destroy(void *self)
{
    free(self);
}

static const assay_config_key files_config[] = {
    {"paths", ASSAY_CFG_LIST, 1, NULL,
     "files, folders or glob patterns to read (relative to the current directory)"},
    {"recursive", ASSAY_CFG_BOOL, 0, "true", "walk into sub-folders of a folder"},
    {"max_bytes", ASSAY_CFG_INT, 0, "16777216",
     "largest file (or .jsonl line) read; larger ones are skipped and dead-lettered"},
    {"kind", ASSAY_CFG_STRING, 0, "\"article\"", "documents.kind of what is read (article, filing)"},
    {"source", ASSAY_CFG_STRING, 0, NULL, "documents.source (default: this entry's id)"},
    {"jsonl_stream", ASSAY_CFG_STRING, 0, "\"documents\"",
     "stream that .jsonl lines are emitted on: documents, facts, bars, or a name of your own "
     "with jsonl_fields"},
    {"jsonl_fields", ASSAY_CFG_JSON, 0, NULL,
     "schema of a jsonl_stream of your own: {\"field\": \"string|int|float|bool|timestamp|date|json\"}"},
    {"incremental", ASSAY_CFG_BOOL, 0, "false",
     "skip files unchanged (size and mtime) since a run that read them"},
    {NULL, 0, 0, NULL, NULL}};

static const assay_stream_def files_streams[] = {
    {"documents", NULL, "one document per .txt/.html file (and .jsonl lines by default)"},
    {NULL, NULL, NULL}};

ASSAY_EXPORT const assay_plugin assay_plugin_descriptor = {
    ASSAY_PLUGIN_HEADER,
    .name = "files",
    .kind = ASSAY_SOURCE,
    .version = "1.0.0",
    .description = "local files, folders and globs: .txt, .html and .jsonl",
    .config = files_config,
    .streams = files_streams,
    .create = files_create,
    .run = files_run,
    .destroy = files_destroy,
    .declare = files_declare,
};
