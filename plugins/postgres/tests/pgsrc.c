/*
 * pgsrc.c - a test source for the postgres sink: JSON lines from a file
 * into a stream whose fields (and key) the config declares, with a
 * bookmark in the state so that a run resumes exactly where the last
 * committed one stopped, and an optional pause so that tests can kill or
 * restart things in the middle of a run.
 *
 * Config: path (the file), stream (its name), fields ({"name": "type"},
 * type one of string int float bool timestamp date json, followed by
 * " key" for a key field (also required) or " nkey" for a key field the
 * record may leave out), every (put the bookmark every N lines and at the
 * end; 0: keep no bookmark, read the whole file every run), sleep_us
 * (pause after every 100 records).
 */
#include <assay/assay.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct src {
    const assay_host *h;
    const assay_stream *out;
    const char *path;
    int64_t every, sleep_us;
} src;

static assay_rc src_declare(const assay_host *h, assay_ctx *ctx)
{
    static const struct {
        const char *name;
        assay_type type;
    } types[] = {{"string", ASSAY_T_STRING},
                 {"int", ASSAY_T_INT},
                 {"float", ASSAY_T_FLOAT},
                 {"bool", ASSAY_T_BOOL},
                 {"timestamp", ASSAY_T_TIMESTAMP},
                 {"date", ASSAY_T_DATE},
                 {"json", ASSAY_T_JSON}};
    json_t *obj = json_loads(h->cfg_json(ctx, "fields"), 0, NULL);
    if (!json_is_object(obj)) {
        json_decref(obj);
        return h->fail(ctx, ASSAY_ERR_CONFIG, "fields must be an object");
    }
    assay_field *list = calloc(json_object_size(obj) + 1, sizeof *list);
    size_t n = 0;
    const char *key;
    json_t *v;
    assay_rc rc = ASSAY_OK;
    json_object_foreach(obj, key, v)
    {
        const char *spec = json_string_value(v);
        size_t t = 0;
        while (spec && t < sizeof types / sizeof types[0] &&
               strncmp(spec, types[t].name, strlen(types[t].name)) != 0)
            t++;
        if (!spec || t == sizeof types / sizeof types[0]) {
            rc = h->fail(ctx, ASSAY_ERR_CONFIG, "field %s: unknown type", key);
            break;
        }
        unsigned flags = strstr(spec, " nkey")  ? ASSAY_FIELD_KEY
                         : strstr(spec, " key") ? ASSAY_FIELD_KEY | ASSAY_FIELD_REQUIRED
                                                : 0;
        list[n++] = (assay_field){key, types[t].type, flags, NULL};
    }
    if (rc == ASSAY_OK) {
        assay_stream_def def = {h->cfg_string(ctx, "stream"), list, NULL};
        rc = h->declare_stream(ctx, &def);
    }
    free(list);
    json_decref(obj);
    return rc;
}

static assay_rc src_create(const assay_host *h, assay_ctx *ctx, void **self)
{
    src *s = calloc(1, sizeof *s);
    if (!s)
        return ASSAY_ERR_NOMEM;
    *self = s;
    s->h = h;
    s->out = h->stream(ctx, h->cfg_string(ctx, "stream"));
    s->path = h->cfg_string(ctx, "path");
    s->every = h->cfg_int(ctx, "every");
    s->sleep_us = h->cfg_int(ctx, "sleep_us");
    return ASSAY_OK;
}

static void bookmark(src *s, assay_ctx *ctx, long long line)
{
    char v[32];
    snprintf(v, sizeof v, "%lld", line);
    s->h->state_put(ctx, "line", v);
}

static assay_rc src_run(void *self, assay_ctx *ctx)
{
    src *s = self;
    const assay_host *h = s->h;
    char *saved = h->state_get(ctx, "line");
    long long skip = saved ? strtoll(saved, NULL, 10) : 0, line = 0;
    h->free(saved);
    FILE *f = fopen(s->path, "r");
    if (!f)
        return h->fail(ctx, ASSAY_ERR_IO, "%s: cannot open", s->path);
    char *buf = NULL;
    size_t cap = 0;
    ssize_t len;
    assay_rc rc = ASSAY_OK;
    while ((len = getline(&buf, &cap, f)) >= 0) {
        if (++line <= skip)
            continue;
        while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
            len--;
        if (len) {
            assay_record *r = h->record_new(ctx, s->out);
            if (h->set_from_json(r, buf, (size_t)len) != ASSAY_OK) {
                char reason[1100];
                snprintf(reason, sizeof reason, "line %lld: %s", line, h->error_message(ctx));
                h->dead_letter(ctx, NULL, NULL, reason);
                h->record_free(r);
            } else {
                rc = h->emit(ctx, r);
                if (rc == ASSAY_ERR_SCHEMA)
                    rc = ASSAY_OK;
                if (rc != ASSAY_OK)
                    break;
            }
        }
        if (s->every > 0 && line % s->every == 0)
            bookmark(s, ctx, line);
        if (s->sleep_us > 0 && line % 100 == 0) {
            struct timespec ts = {s->sleep_us / 1000000, (s->sleep_us % 1000000) * 1000};
            nanosleep(&ts, NULL);
        }
    }
    if (rc == ASSAY_OK && s->every > 0)
        bookmark(s, ctx, line);
    free(buf);
    fclose(f);
    return rc == ASSAY_ERR_STOPPED ? ASSAY_OK : rc;
}

static void src_destroy(void *self)
{
    free(self);
}

static const assay_config_key src_config[] = {
    {"path", ASSAY_CFG_STRING, 1, NULL, "JSON lines file"},
    {"stream", ASSAY_CFG_STRING, 0, "\"things\"", "stream name"},
    {"fields", ASSAY_CFG_JSON, 1, NULL, "{\"field\": \"type[ key]\"}"},
    {"every", ASSAY_CFG_INT, 0, "0", "bookmark every N lines and at the end (0: none)"},
    {"sleep_us", ASSAY_CFG_INT, 0, "0", "pause after every 100 records"},
    {NULL, 0, 0, NULL, NULL}};

ASSAY_EXPORT const assay_plugin assay_plugin_descriptor = {
    ASSAY_PLUGIN_HEADER,
    .name = "pgsrc",
    .kind = ASSAY_SOURCE,
    .version = "0.1.0",
    .description = "test source: JSON lines into a declared stream, with a bookmark",
    .config = src_config,
    .declare = src_declare,
    .create = src_create,
    .run = src_run,
    .destroy = src_destroy,
};
