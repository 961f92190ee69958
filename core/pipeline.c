/*
 * pipeline.c - reading a pipeline file and checking everything about it
 * that can be checked before anything runs.
 */
#include "pipeline.h"

#include "ctx.h"
#include "http.h"
#include "mem.h"
#include "schema.h"
#include "utf8.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const top_keys[] = {"name",       "description", "on_error", "dead_letter",
                                       "sources",    "transforms",  "sinks"};
static const size_t ntop_keys = sizeof top_keys / sizeof top_keys[0];

/* Keys the core reads from every entry, besides the plugin's own. */
static const char *const entry_keys[] = {"id", "plugin", "input", "batch_size", "flush_seconds",
                                         "http"};
#define NENTRY_KEYS (sizeof entry_keys / sizeof entry_keys[0])

#define DEFAULT_BATCH_SIZE 1000
#define DEFAULT_FLUSH_SECONDS 2.0

/* ------------------------------------------------------------------------
 * Positions
 * --------------------------------------------------------------------- */

void pipeline_pos(const pipeline *p, const char *pointer, int key, int *line, int *col)
{
    const jpos *pos = jpos_get(p->pos, pointer);
    *line = 1, *col = 1;
    if (!pos)
        return;
    if (key && pos->key_line) {
        *line = pos->key_line, *col = pos->key_col;
    } else {
        *line = pos->line, *col = pos->col;
    }
}

/* An error or warning at the value (key == 0) or key (key == 1) of
 * pointer. */
static void vdiag_at(diags *d, int warning, const pipeline *p, const char *pointer, int key,
                     const char *hint, const char *fmt, va_list ap)
{
    int line, col;
    pipeline_pos(p, pointer, key, &line, &col);
    buf b;
    buf_init(&b);
    buf_vprintf(&b, fmt, ap);
    if (warning)
        diag_warning(d, line, col, hint, "%s", b.data);
    else
        diag_error(d, line, col, hint, "%s", b.data);
    buf_free(&b);
}

static void err_at(diags *d, const pipeline *p, const char *pointer, int key, const char *hint,
                   const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static void err_at(diags *d, const pipeline *p, const char *pointer, int key, const char *hint,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vdiag_at(d, 0, p, pointer, key, hint, fmt, ap);
    va_end(ap);
}

static void warn_at(diags *d, const pipeline *p, const char *pointer, int key, const char *hint,
                    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static void warn_at(diags *d, const pipeline *p, const char *pointer, int key, const char *hint,
                    const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vdiag_at(d, 1, p, pointer, key, hint, fmt, ap);
    va_end(ap);
}

static const char *json_kind(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "a value";
}

/* ------------------------------------------------------------------------
 * Environment substitution
 * --------------------------------------------------------------------- */

char *env_substitute(const char *s, char **missing)
{
    buf out;
    buf_init(&out);
    *missing = NULL;
    const char *p = s;
    while (*p) {
        if (p[0] == '$' && p[1] == '$' && p[2] == '{') {
            buf_puts(&out, "${");
            p += 3;
            continue;
        }
        if (p[0] != '$' || p[1] != '{') {
            buf_putc(&out, *p++);
            continue;
        }
        const char *name = p + 2, *q = name;
        if (!(isalpha((unsigned char)*q) || *q == '_'))
            goto syntax;
        while (isalnum((unsigned char)*q) || *q == '_')
            q++;
        size_t nlen = (size_t)(q - name);
        const char *def = NULL;
        size_t dlen = 0;
        if (q[0] == ':' && q[1] == '-') {
            def = q + 2;
            const char *close = strchr(def, '}');
            if (!close)
                goto syntax;
            dlen = (size_t)(close - def);
            q = close;
        }
        if (*q != '}')
            goto syntax;
        char *var = xstrndup(name, nlen);
        const char *val = getenv(var);
        if (val && (*val || !def)) {
            buf_puts(&out, val);
        } else if (def) {
            buf_append(&out, def, dlen);
        } else {
            *missing = var;
            buf_free(&out);
            return NULL;
        }
        free(var);
        p = q + 1;
    }
    return buf_steal(&out);
syntax:
    buf_free(&out);
    return NULL;
}

/* Substitutes in every string of v (recursively; jansson bounds depth). */
static void substitute_all(pipeline *p, json_t *v, const char *pointer, diags *d)
{
    if (json_is_object(v)) {
        const char *key;
        json_t *child;
        json_object_foreach(v, key, child)
        {
            char *cp = jpos_child(pointer, key);
            substitute_all(p, child, cp, d);
            free(cp);
        }
    } else if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v); i++) {
            char *cp = jpos_index(pointer, i);
            substitute_all(p, json_array_get(v, i), cp, d);
            free(cp);
        }
    } else if (json_is_string(v) && strchr(json_string_value(v), '$')) {
        const char *s = json_string_value(v);
        if (!strstr(s, "${"))
            return;
        char *missing;
        char *out = env_substitute(s, &missing);
        if (!out) {
            if (missing) {
                char *hint = xasprintf("set it in the environment, or give a default: ${%s:-value}",
                                       missing);
                err_at(d, p, pointer, 0, hint, "environment variable %s is not set", missing);
                free(hint);
                free(missing);
            } else {
                err_at(d, p, pointer, 0,
                       "write ${NAME} or ${NAME:-default}; $${ stands for a literal ${",
                       "malformed ${...} in '%s'", s);
            }
            return;
        }
        json_string_set(v, out);
        free(out);
        json_object_set_new(p->substituted, pointer, json_true());
    }
}

/* ------------------------------------------------------------------------
 * Reading the file
 * --------------------------------------------------------------------- */

/* Line and column (code points) of byte offset off in text. */
static void offset_pos(const char *text, size_t off, int *line, int *col)
{
    *line = 1, *col = 1;
    for (size_t i = 0; i < off; i++) {
        if (text[i] == '\n')
            (*line)++, *col = 1;
        else if (((unsigned char)text[i] & 0xC0) != 0x80)
            (*col)++;
    }
}

static char *read_file(const char *path, size_t *len, diags *d)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        diag_error(d, 0, 0, NULL, "cannot open: %s", strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        diag_error(d, 0, 0, NULL, "not a regular file");
        close(fd);
        return NULL;
    }
    if ((size_t)st.st_size > PIPELINE_MAX_BYTES) {
        diag_error(d, 0, 0, "a pipeline is a page of configuration; keep data in files it names",
                   "file is %lld bytes; pipeline files are limited to %u bytes",
                   (long long)st.st_size, PIPELINE_MAX_BYTES);
        close(fd);
        return NULL;
    }
    char *text = xmalloc((size_t)st.st_size + 1);
    size_t got = 0;
    while (got < (size_t)st.st_size) {
        ssize_t n = read(fd, text + got, (size_t)st.st_size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    text[got] = '\0';
    *len = got;
    return text;
}

/* ------------------------------------------------------------------------
 * The file's own shape
 * --------------------------------------------------------------------- */

static int id_valid(const char *s)
{
    if (!*s || strlen(s) > 63)
        return 0;
    for (; *s; s++)
        if (!(isalnum((unsigned char)*s) || *s == '_' || *s == '-'))
            return 0;
    return 1;
}

static int name_valid(const char *s)
{
    if (!*s || strlen(s) > 100 || s[0] == '.')
        return 0;
    for (; *s; s++)
        if (!(isalnum((unsigned char)*s) || *s == '_' || *s == '-' || *s == '.'))
            return 0;
    return 1;
}

static void parse_inputs(pipeline *p, pl_entry *e, diags *d)
{
    json_t *in = json_object_get(e->obj, "input");
    char *ptr = jpos_child(e->pointer, "input");
    if (e->kind == ASSAY_SOURCE) {
        if (in)
            err_at(d, p, ptr, 1, "sources read from outside the pipeline; remove this key",
                   "source '%s' cannot have an input", e->id);
        free(ptr);
        return;
    }
    if (!in) {
        err_at(d, p, e->pointer, 0, "name the streams it reads: \"input\": [\"<id>.<stream>\"]",
               "%s '%s' has no input", e->kind == ASSAY_SINK ? "sink" : "transform", e->id);
        free(ptr);
        return;
    }
    size_t n = json_is_array(in) ? json_array_size(in) : 1;
    if (!json_is_array(in) && !json_is_string(in)) {
        err_at(d, p, ptr, 0, "\"input\": [\"<id>.<stream>\", ...]",
               "input must be a list of \"<id>.<stream>\" strings, found %s", json_kind(in));
        free(ptr);
        return;
    }
    if (n == 0)
        err_at(d, p, ptr, 0, "\"input\": [\"<id>.<stream>\", ...]", "input is empty");
    for (size_t i = 0; i < n; i++) {
        json_t *item = json_is_array(in) ? json_array_get(in, i) : in;
        char *iptr = json_is_array(in) ? jpos_index(ptr, i) : xstrdup(ptr);
        if (!json_is_string(item)) {
            err_at(d, p, iptr, 0, NULL, "input must be a string \"<id>.<stream>\", found %s",
                   json_kind(item));
            free(iptr);
            continue;
        }
        const char *s = json_string_value(item);
        const char *dot = strchr(s, '.');
        pl_input pi = {0};
        pi.producer = dot ? xstrndup(s, (size_t)(dot - s)) : xstrdup(s);
        pi.stream = dot ? xstrdup(dot + 1) : NULL;
        pi.pointer = iptr;
        if (!id_valid(pi.producer) || (pi.stream && !ident_valid(pi.stream))) {
            err_at(d, p, iptr, 0, "write \"<id>.<stream>\" (or \"<id>\" for all its streams)",
                   "malformed input '%s'", s);
            free(pi.producer), free(pi.stream), free(pi.pointer);
            continue;
        }
        e->inputs = xrealloc(e->inputs, (e->ninputs + 1) * sizeof *e->inputs);
        e->inputs[e->ninputs++] = pi;
    }
    free(ptr);
}

static void parse_sink_settings(pipeline *p, pl_entry *e, diags *d)
{
    e->batch_size = DEFAULT_BATCH_SIZE;
    e->flush_seconds = DEFAULT_FLUSH_SECONDS;
    json_t *bs = json_object_get(e->obj, "batch_size");
    json_t *fs = json_object_get(e->obj, "flush_seconds");
    char *bptr = jpos_child(e->pointer, "batch_size");
    char *fptr = jpos_child(e->pointer, "flush_seconds");
    if ((bs || fs) && e->kind != ASSAY_SINK)
        err_at(d, p, bs ? bptr : fptr, 1, "batching is a sink setting",
               "'%s' only applies to sinks", bs ? "batch_size" : "flush_seconds");
    if (bs) {
        if (!json_is_integer(bs) || json_integer_value(bs) < 1 || json_integer_value(bs) > 1000000)
            err_at(d, p, bptr, 0, "records per commit, 1 to 1000000 (default 1000)",
                   "batch_size must be an integer from 1 to 1000000");
        else
            e->batch_size = json_integer_value(bs);
    }
    if (fs) {
        if (!json_is_number(fs) || json_number_value(fs) <= 0 || json_number_value(fs) > 3600)
            err_at(d, p, fptr, 0, "longest wait before a partial batch is committed (default 2)",
                   "flush_seconds must be a number above 0 and at most 3600");
        else
            e->flush_seconds = json_number_value(fs);
    }
    free(bptr);
    free(fptr);
}

/* The entry's "http" settings, checked by the HTTP service itself. */
static void parse_http_settings(pipeline *p, pl_entry *e, diags *d)
{
    json_t *http = json_object_get(e->obj, "http");
    if (!http)
        return;
    char *ptr = jpos_child(e->pointer, "http");
    const char *key = NULL, *hint = NULL;
    char err[512];
    if (http_config_check(http, &key, err, sizeof err, &hint) != 0) {
        char *kptr = key ? jpos_child(ptr, key) : xstrdup(ptr);
        err_at(d, p, kptr, key != NULL, hint, "%s", err);
        free(kptr);
    }
    free(ptr);
}

static void parse_section(pipeline *p, const char *section, assay_kind kind, diags *d)
{
    json_t *arr = json_object_get(p->root, section);
    char *sptr = jpos_child("", section);
    if (!arr) {
        free(sptr);
        return;
    }
    if (!json_is_array(arr)) {
        err_at(d, p, sptr, 0, NULL, "'%s' must be an array of objects, found %s", section,
               json_kind(arr));
        free(sptr);
        return;
    }
    for (size_t i = 0; i < json_array_size(arr); i++) {
        json_t *obj = json_array_get(arr, i);
        char *eptr = jpos_index(sptr, i);
        if (!json_is_object(obj)) {
            err_at(d, p, eptr, 0, "{\"id\": \"...\", \"plugin\": \"...\", ...}",
                   "each of '%s' must be an object, found %s", section, json_kind(obj));
            free(eptr);
            continue;
        }
        json_t *id = json_object_get(obj, "id");
        json_t *plugin = json_object_get(obj, "plugin");
        char *idptr = jpos_child(eptr, "id");
        char *plptr = jpos_child(eptr, "plugin");
        int ok = 1;
        if (!id || !json_is_string(id) || !id_valid(json_string_value(id))) {
            err_at(d, p, id ? idptr : eptr, 0,
                   "ids are [A-Za-z0-9_-]+, unique in the pipeline; inputs refer to them",
                   id ? "bad id" : "entry has no \"id\"");
            ok = 0;
        }
        if (!plugin || !json_is_string(plugin) || !*json_string_value(plugin)) {
            err_at(d, p, plugin ? plptr : eptr, 0, "see `assay plugins` for what is installed",
                   plugin ? "\"plugin\" must be a plugin name" : "entry has no \"plugin\"");
            ok = 0;
        }
        if (ok) {
            pl_entry *dup = pipeline_entry(p, json_string_value(id));
            if (dup) {
                int line, col;
                pipeline_pos(p, dup->pointer, 0, &line, &col);
                char *hint = xasprintf("the first is at line %d, column %d", line, col);
                err_at(d, p, idptr, 0, hint, "duplicate id '%s'", json_string_value(id));
                free(hint);
                ok = 0;
            }
        }
        if (ok) {
            p->entries = xrealloc(p->entries, (p->nentries + 1) * sizeof *p->entries);
            pl_entry *e = &p->entries[p->nentries++];
            memset(e, 0, sizeof *e);
            e->kind = kind;
            e->id = xstrdup(json_string_value(id));
            e->plugin = xstrdup(json_string_value(plugin));
            e->pointer = xstrdup(eptr);
            e->obj = obj;
            parse_inputs(p, e, d);
            parse_sink_settings(p, e, d);
            parse_http_settings(p, e, d);
        }
        free(idptr);
        free(plptr);
        free(eptr);
    }
    free(sptr);
}

pipeline *pipeline_load(const char *path, diags *d)
{
    size_t len = 0;
    char *text = read_file(path, &len, d);
    if (!text)
        return NULL;
    pipeline *p = NULL;
    size_t bad;
    int line, col;
    if (len == 0 || strspn(text, " \t\r\n") == len) {
        diag_error(d, 0, 0, "a pipeline is a JSON object: {\"name\": ..., \"sources\": [...], ...}",
                   "file is empty");
        goto done;
    }
    if (!utf8_valid(text, len, &bad)) {
        offset_pos(text, bad, &line, &col);
        diag_error(d, line, col, "pipeline files are UTF-8; re-save it as UTF-8",
                   "not valid UTF-8 (byte 0x%02x)", (unsigned char)text[bad]);
        goto done;
    }
    if (memchr(text, '\0', len)) {
        offset_pos(text, (size_t)((char *)memchr(text, '\0', len) - text), &line, &col);
        diag_error(d, line, col, NULL, "NUL byte in the file");
        goto done;
    }
    json_error_t err;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
    if (!root) {
        diag_error(d, err.line > 0 ? err.line : 1, err.column > 0 ? err.column : 1, NULL,
                   "invalid JSON: %s", err.text);
        goto done;
    }
    p = xcalloc(1, sizeof *p);
    p->path = xstrdup(path);
    p->root = root;
    p->pos = jpos_scan(text, len);
    p->substituted = json_object();
    if (!json_is_object(root)) {
        diag_error(d, 1, 1, "{\"name\": ..., \"sources\": [...], \"sinks\": [...]}",
                   "a pipeline must be a JSON object, found %s", json_kind(root));
        goto done;
    }
    substitute_all(p, root, "", d);

    const char *key;
    json_t *v;
    json_object_foreach(root, key, v)
    {
        int known = 0;
        for (size_t i = 0; i < ntop_keys; i++)
            known |= strcmp(key, top_keys[i]) == 0;
        if (known || key[0] == '_')
            continue;
        char *kptr = jpos_child("", key);
        const char *near = nearest_word(key, top_keys, ntop_keys);
        char *hint = near ? xasprintf("did you mean '%s'?", near)
                          : xstrdup("pipeline keys: name, description, on_error, dead_letter, "
                                    "sources, transforms, sinks (and _comments)");
        err_at(d, p, kptr, 1, hint, "unknown pipeline key '%s'", key);
        free(hint);
        free(kptr);
    }
    json_t *name = json_object_get(root, "name");
    if (!name) {
        diag_error(d, 1, 1, "it names the state folder and the lock: \"name\": \"ai-news\"",
                   "pipeline has no \"name\"");
    } else if (!json_is_string(name) || !name_valid(json_string_value(name))) {
        err_at(d, p, "/name", 0, "letters, digits, '_', '-' and '.', up to 100",
               "bad pipeline name");
    } else {
        p->name = xstrdup(json_string_value(name));
    }
    json_t *desc = json_object_get(root, "description");
    if (desc && !json_is_string(desc))
        err_at(d, p, "/description", 0, NULL, "description must be a string");
    else if (desc)
        p->description = xstrdup(json_string_value(desc));
    json_t *on_error = json_object_get(root, "on_error");
    if (on_error) {
        const char *s = json_string_value(on_error);
        if (s && strcmp(s, "fail") == 0)
            p->on_error_fail = 1;
        else if (!s || strcmp(s, "dead_letter") != 0)
            err_at(d, p, "/on_error", 0,
                   "\"dead_letter\" (the default) sets bad records aside and goes on; "
                   "\"fail\" stops the run",
                   "on_error must be \"dead_letter\" or \"fail\"");
    }
    json_t *dl = json_object_get(root, "dead_letter");
    if (dl && (!json_is_string(dl) || !*json_string_value(dl)))
        err_at(d, p, "/dead_letter", 0, NULL, "dead_letter must be a file path");
    else if (dl)
        p->dead_letter = xstrdup(json_string_value(dl));

    parse_section(p, "sources", ASSAY_SOURCE, d);
    parse_section(p, "transforms", ASSAY_TRANSFORM, d);
    parse_section(p, "sinks", ASSAY_SINK, d);
    size_t nsrc = 0, nsink = 0;
    for (size_t i = 0; i < p->nentries; i++) {
        nsrc += p->entries[i].kind == ASSAY_SOURCE;
        nsink += p->entries[i].kind == ASSAY_SINK;
    }
    if (!json_object_get(root, "sources") || (nsrc == 0 && json_is_array(json_object_get(root, "sources"))))
        diag_error(d, 1, 1, "\"sources\": [{\"id\": \"in\", \"plugin\": \"files\", ...}]",
                   "pipeline has no sources");
    if (!json_object_get(root, "sinks") || (nsink == 0 && json_is_array(json_object_get(root, "sinks"))))
        diag_error(d, 1, 1, "\"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [...]}]",
                   "pipeline has no sinks: nothing it reads would be kept");
done:
    free(text);
    return p;
}

pl_entry *pipeline_entry(pipeline *p, const char *id)
{
    for (size_t i = 0; i < p->nentries; i++)
        if (strcmp(p->entries[i].id, id) == 0)
            return &p->entries[i];
    return NULL;
}

void pipeline_free(pipeline *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nentries; i++) {
        pl_entry *e = &p->entries[i];
        for (size_t j = 0; j < e->ninputs; j++) {
            free(e->inputs[j].producer);
            free(e->inputs[j].stream);
            free(e->inputs[j].pointer);
        }
        free(e->inputs);
        free(e->id);
        free(e->plugin);
        free(e->pointer);
        ctx_free(e->ctx);
    }
    free(p->entries);
    json_decref(p->root);
    json_decref(p->substituted);
    jpos_free(p->pos);
    free(p->path);
    free(p->name);
    free(p->description);
    free(p->dead_letter);
    free(p);
}

/* ------------------------------------------------------------------------
 * Config against the plugin's declared keys
 * --------------------------------------------------------------------- */

json_t *config_default(const assay_config_key *k)
{
    if (!k->default_value)
        return NULL;
    json_t *dv = json_loads(k->default_value, JSON_DECODE_ANY, NULL);
    if (dv && k->type == ASSAY_CFG_LIST && json_is_string(dv)) {
        json_t *a = json_array();
        json_array_append_new(a, dv);
        dv = a;
    } else if (dv && k->type == ASSAY_CFG_FLOAT && json_is_integer(dv)) {
        json_t *r = json_real((double)json_integer_value(dv));
        json_decref(dv);
        dv = r;
    }
    return dv;
}

/* Parses text that came from ${...} as the key's scalar type. */
static json_t *coerce(const char *text, assay_cfg_type type)
{
    char *end;
    errno = 0;
    switch (type) {
    case ASSAY_CFG_INT: {
        long long v = strtoll(text, &end, 10);
        return *text && !*end && !errno ? json_integer(v) : NULL;
    }
    case ASSAY_CFG_FLOAT: {
        double v = strtod(text, &end);
        return *text && !*end && !errno && isfinite(v) ? json_real(v) : NULL;
    }
    case ASSAY_CFG_BOOL:
        if (!strcmp(text, "true") || !strcmp(text, "1") || !strcmp(text, "yes"))
            return json_true();
        if (!strcmp(text, "false") || !strcmp(text, "0") || !strcmp(text, "no") || !*text)
            return json_false();
        return NULL;
    default:
        return NULL;
    }
}

/* Checks one value against its declared key; returns the value to keep
 * (a new reference) or NULL after reporting the problem. */
static json_t *check_value(pipeline *p, const pl_entry *e, const assay_config_key *k, json_t *v,
                           const char *ptr, diags *d)
{
    const char *help = k->help;
    switch (k->type) {
    case ASSAY_CFG_STRING:
        if (json_is_string(v))
            return json_incref(v);
        break;
    case ASSAY_CFG_INT:
        if (json_is_integer(v))
            return json_incref(v);
        break;
    case ASSAY_CFG_FLOAT:
        if (json_is_number(v))
            return json_real(json_number_value(v));
        break;
    case ASSAY_CFG_BOOL:
        if (json_is_boolean(v))
            return json_incref(v);
        break;
    case ASSAY_CFG_LIST:
        if (json_is_string(v)) {
            json_t *a = json_array();
            json_array_append(a, v);
            return a;
        }
        if (json_is_array(v)) {
            for (size_t i = 0; i < json_array_size(v); i++)
                if (!json_is_string(json_array_get(v, i))) {
                    char *iptr = jpos_index(ptr, i);
                    err_at(d, p, iptr, 0, help, "'%s' of %s '%s' must list strings, found %s",
                           k->name, e->plugin, e->id, json_kind(json_array_get(v, i)));
                    free(iptr);
                    return NULL;
                }
            return json_incref(v);
        }
        break;
    case ASSAY_CFG_JSON:
        return json_incref(v);
    }
    /* A whole value that came from ${...} may stand for a number or flag. */
    if (json_is_string(v) && json_object_get(p->substituted, ptr)) {
        json_t *c = coerce(json_string_value(v), k->type);
        if (c)
            return c;
        err_at(d, p, ptr, 0, help, "'%s' of %s '%s' must be %s; the environment made it '%s'",
               k->name, e->plugin, e->id, cfg_type_name(k->type), json_string_value(v));
        return NULL;
    }
    err_at(d, p, ptr, 0, help, "'%s' of %s '%s' must be %s, found %s", k->name, e->plugin, e->id,
           cfg_type_name(k->type), json_kind(v));
    return NULL;
}

static void check_config(pipeline *p, pl_entry *e, json_t *config, json_t *config_set, diags *d)
{
    const assay_plugin *desc = e->lp->desc;
    const assay_config_key *keys = desc->config;
    size_t nkeys = 0;
    while (keys && keys[nkeys].name)
        nkeys++;
    const char **names = xcalloc(nkeys + NENTRY_KEYS, sizeof *names);
    for (size_t i = 0; i < nkeys; i++)
        names[i] = keys[i].name;
    for (size_t i = 0; i < NENTRY_KEYS; i++)
        names[nkeys + i] = entry_keys[i];

    const char *key;
    json_t *v;
    json_object_foreach(e->obj, key, v)
    {
        int core_key = 0;
        for (size_t i = 0; i < NENTRY_KEYS; i++)
            core_key |= strcmp(key, entry_keys[i]) == 0;
        if (core_key || key[0] == '_')
            continue;
        char *ptr = jpos_child(e->pointer, key);
        const assay_config_key *k = NULL;
        for (size_t i = 0; i < nkeys; i++)
            if (strcmp(keys[i].name, key) == 0)
                k = &keys[i];
        if (!k) {
            const char *near = nearest_word(key, names, nkeys + NENTRY_KEYS);
            buf hint;
            buf_init(&hint);
            if (near) {
                buf_printf(&hint, "did you mean '%s'?", near);
                for (size_t i = 0; i < nkeys; i++)
                    if (strcmp(keys[i].name, near) == 0 && keys[i].help)
                        buf_printf(&hint, " (%s)", keys[i].help);
            } else if (nkeys) {
                buf_printf(&hint, "%s takes: ", e->lp->desc->name);
                for (size_t i = 0; i < nkeys; i++)
                    buf_printf(&hint, "%s%s", i ? ", " : "", keys[i].name);
                buf_puts(&hint, " (see `assay plugins ");
                buf_puts(&hint, e->lp->desc->name);
                buf_puts(&hint, "`)");
            } else {
                buf_printf(&hint, "%s takes no config keys", e->lp->desc->name);
            }
            err_at(d, p, ptr, 1, hint.data, "unknown key '%s' for plugin %s", key,
                   e->lp->desc->name);
            buf_free(&hint);
        } else {
            json_t *kept = check_value(p, e, k, v, ptr, d);
            if (kept) {
                json_object_set_new(config, key, kept);
                json_object_set_new(config_set, key, json_true());
            }
        }
        free(ptr);
    }
    for (size_t i = 0; i < nkeys; i++) {
        if (json_object_get(e->obj, keys[i].name))
            continue;
        if (keys[i].required) {
            err_at(d, p, e->pointer, 0, keys[i].help, "%s '%s' needs key '%s' (%s)",
                   e->lp->desc->name, e->id, keys[i].name, cfg_type_name(keys[i].type));
        } else {
            json_t *dv = config_default(&keys[i]);
            if (dv)
                json_object_set_new(config, keys[i].name, dv);
        }
    }
    free(names);
}

/* ------------------------------------------------------------------------
 * Resolution: plugins, configs, streams, wiring
 * --------------------------------------------------------------------- */

static void resolve_entry(pipeline *p, pl_entry *e, loader *L, diags *d)
{
    char err[1024];
    char *plptr = jpos_child(e->pointer, "plugin");
    e->lp = loader_load(L, e->plugin, err, sizeof err);
    if (!e->lp) {
        err_at(d, p, plptr, 0, "see `assay plugins`; --plugin-path and ASSAY_PLUGIN_PATH add folders",
               "%s", err);
        free(plptr);
        return;
    }
    if (e->lp->desc->kind != e->kind) {
        char *hint = xasprintf("list it under \"%s\"", e->lp->desc->kind == ASSAY_SOURCE ? "sources"
                                                       : e->lp->desc->kind == ASSAY_SINK ? "sinks"
                                                                                         : "transforms");
        err_at(d, p, plptr, 0, hint, "plugin %s is a %s, not a %s", e->lp->desc->name,
               kind_name(e->lp->desc->kind), kind_name(e->kind));
        free(hint);
        free(plptr);
        e->lp = NULL;
        return;
    }
    free(plptr);
    json_t *config = json_object(), *config_set = json_object();
    size_t before = d->errors;
    check_config(p, e, config, config_set, d);
    e->ctx = ctx_new(e->id, p->name ? p->name : "", e->lp, config, config_set);
    e->ctx->http = json_incref(json_object_get(e->obj, "http"));
    if (d->errors != before)
        return; /* declare() may rely on a valid config */
    if (ctx_declare_outputs(e->ctx))
        err_at(d, p, e->pointer, 0, NULL, "%s '%s': %s", e->lp->desc->name, e->id, e->ctx->errmsg);
    else
        e->declared = 1;
}

static void add_input_stream(pl_entry *e, const assay_stream *s)
{
    for (size_t i = 0; i < e->ctx->ninputs; i++)
        if (e->ctx->inputs[i] == s)
            return;
    e->ctx->inputs = xrealloc(e->ctx->inputs, (e->ctx->ninputs + 1) * sizeof *e->ctx->inputs);
    e->ctx->inputs[e->ctx->ninputs++] = s;
}

static void wire_inputs(pipeline *p, pl_entry *e, diags *d)
{
    for (size_t i = 0; i < e->ninputs; i++) {
        pl_input *in = &e->inputs[i];
        pl_entry *prod = pipeline_entry(p, in->producer);
        if (!prod) {
            const char **ids = xcalloc(p->nentries + 1, sizeof *ids);
            for (size_t j = 0; j < p->nentries; j++)
                ids[j] = p->entries[j].id;
            const char *near = nearest_word(in->producer, ids, p->nentries);
            char *hint = near ? xasprintf("did you mean '%s'?", near) : NULL;
            err_at(d, p, in->pointer, 0, hint, "input names '%s', which is not an id in this pipeline",
                   in->producer);
            free(hint);
            free(ids);
            continue;
        }
        if (prod == e) {
            err_at(d, p, in->pointer, 0, NULL, "'%s' cannot read its own output", e->id);
            continue;
        }
        if (prod->kind == ASSAY_SINK) {
            err_at(d, p, in->pointer, 0, "inputs come from sources and transforms",
                   "'%s' is a sink: it emits nothing", prod->id);
            continue;
        }
        if (!prod->declared || !e->ctx)
            continue; /* the producer's own errors are already reported */
        if (!in->stream) {
            for (size_t j = 0; j < prod->ctx->noutputs; j++)
                add_input_stream(e, prod->ctx->outputs[j]);
            continue;
        }
        assay_stream *s = ctx_output(prod->ctx, in->stream);
        if (!s) {
            const char **names = xcalloc(prod->ctx->noutputs + 1, sizeof *names);
            buf hint;
            buf_init(&hint);
            for (size_t j = 0; j < prod->ctx->noutputs; j++)
                names[j] = prod->ctx->outputs[j]->name;
            const char *near = nearest_word(in->stream, names, prod->ctx->noutputs);
            if (near)
                buf_printf(&hint, "did you mean '%s.%s'? ", prod->id, near);
            buf_printf(&hint, "%s emits: ", prod->id);
            for (size_t j = 0; j < prod->ctx->noutputs; j++)
                buf_printf(&hint, "%s%s", j ? ", " : "", names[j]);
            if (!prod->ctx->noutputs)
                buf_puts(&hint, "nothing");
            err_at(d, p, in->pointer, 0, hint.data, "'%s' emits no stream '%s'", prod->id,
                   in->stream);
            buf_free(&hint);
            free(names);
            continue;
        }
        add_input_stream(e, s);
    }
}

/* Kahn's algorithm over the entries; reports one cycle if there is one. */
static void check_cycles(pipeline *p, diags *d)
{
    size_t n = p->nentries;
    size_t *indeg = xcalloc(n + 1, sizeof *indeg);
    int *done = xcalloc(n + 1, sizeof *done);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < p->entries[i].ninputs; j++)
            if (pipeline_entry(p, p->entries[i].inputs[j].producer))
                indeg[i]++;
    size_t removed = 0;
    for (int progress = 1; progress;) {
        progress = 0;
        for (size_t i = 0; i < n; i++) {
            if (done[i] || indeg[i])
                continue;
            done[i] = 1, removed++, progress = 1;
            for (size_t k = 0; k < n; k++)
                for (size_t j = 0; j < p->entries[k].ninputs; j++)
                    if (strcmp(p->entries[k].inputs[j].producer, p->entries[i].id) == 0)
                        indeg[k]--;
        }
    }
    if (removed < n) {
        /* Walk back along inputs from a node left over until one repeats. */
        size_t start = 0;
        while (done[start])
            start++;
        size_t *path = xcalloc(n + 1, sizeof *path);
        int *onpath = xcalloc(n + 1, sizeof *onpath);
        size_t len = 0, cur = start;
        while (!onpath[cur]) {
            onpath[cur] = 1;
            path[len++] = cur;
            pl_entry *e = &p->entries[cur];
            for (size_t j = 0; j < e->ninputs; j++) {
                pl_entry *prod = pipeline_entry(p, e->inputs[j].producer);
                if (prod && !done[prod - p->entries]) {
                    cur = (size_t)(prod - p->entries);
                    break;
                }
            }
        }
        buf b;
        buf_init(&b);
        size_t from = 0;
        while (path[from] != cur)
            from++;
        for (size_t i = len; i-- > from;)
            buf_printf(&b, "%s -> ", p->entries[path[i]].id);
        buf_puts(&b, p->entries[path[len - 1]].id);
        err_at(d, p, p->entries[cur].pointer, 0,
               "data flows one way: sources -> transforms -> sinks", "inputs form a cycle: %s",
               b.data);
        buf_free(&b);
        free(path);
        free(onpath);
    }
    free(indeg);
    free(done);
}

size_t pipeline_resolve(pipeline *p, loader *L, diags *d)
{
    size_t before = d->errors;
    for (size_t i = 0; i < p->nentries; i++)
        resolve_entry(p, &p->entries[i], L, d);
    for (size_t i = 0; i < p->nentries; i++)
        wire_inputs(p, &p->entries[i], d);
    check_cycles(p, d);
    for (size_t i = 0; i < p->nentries; i++) {
        pl_entry *e = &p->entries[i];
        if (e->kind == ASSAY_SINK || !e->ctx)
            continue;
        int used = 0;
        for (size_t k = 0; k < p->nentries; k++)
            for (size_t j = 0; j < p->entries[k].ninputs; j++)
                used |= strcmp(p->entries[k].inputs[j].producer, e->id) == 0;
        if (!used)
            warn_at(d, p, e->pointer, 0, "add it to some entry's \"input\", or remove it",
                    "nothing reads the output of '%s'", e->id);
    }
    return d->errors - before;
}
