/* dedup_plugin.c - the `dedup` transform: the same story from several
 * outlets counted once, with how many sources corroborate it.
 *
 * For each document: seen before (same id)? Then it is a replay and gets
 * the answer it got the first time. Else the same text as an earlier one
 * (content hash)? An exact duplicate. Else a text whose shingles are
 * similar enough to an earlier one's (MinHash, LSH buckets)? A near-
 * duplicate. Else the first document of a new story. Every document
 * passes on, marked with `duplicate_of` (the story's first document) and
 * `sources` (distinct sources that have reported the story, this one
 * included); first documents also go out on `originals`, and the story's
 * counts on `stories`.
 *
 * The memory of earlier documents is dedup_store.h's file, appended to
 * before each document is passed on; the matching is dedup_index.h and
 * dedup_sig.h.
 */
#include <assay/assay.h>

#include "dedup_index.h"
#include "dedup_sig.h"
#include "dedup_store.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_NAMES 100 /* source names listed in a stories row */

#define DOC_FIELDS                                                                                \
    {"id", ASSAY_T_STRING, ASSAY_FIELD_KEY, "stable id of the document (a hash of where it came from)"}, \
    {"url", ASSAY_T_STRING, 0, "where it came from (http(s):// or file://)"},                     \
    {"source", ASSAY_T_STRING, 0, "the plugin instance or outlet that produced it"},              \
    {"kind", ASSAY_T_STRING, 0, "article or filing"},                                             \
    {"title", ASSAY_T_STRING, 0, "headline or filing title"},                                     \
    {"author", ASSAY_T_STRING, 0, "byline, when known"},                                          \
    {"published_at", ASSAY_T_TIMESTAMP, 0, "when it was published, UTC"},                         \
    {"fetched_at", ASSAY_T_TIMESTAMP, 0, "when assay read it, UTC"},                              \
    {"text", ASSAY_T_STRING, ASSAY_FIELD_REQUIRED,                                                \
     "the main text, UTF-8; fact offsets count code points in it"},                               \
    {"content_hash", ASSAY_T_STRING, 0, "SHA-256 of text, hex"},                                  \
    {"cik", ASSAY_T_STRING, 0, "filings: the filer's SEC CIK"},                                   \
    {"company", ASSAY_T_STRING, 0, "filings: the filer's name"},                                  \
    {"form", ASSAY_T_STRING, 0, "filings: form type (8-K, 10-Q, ...)"},                           \
    {"accession", ASSAY_T_STRING, 0, "filings: accession number"},                                \
    {"filed_at", ASSAY_T_DATE, 0, "filings: the filing date"},                                    \
    {"duplicate_of", ASSAY_T_STRING, 0,                                                           \
     "id of the first document of the same story; null for that first document"},               \
    {"sources", ASSAY_T_INT, 0,                                                                   \
     "distinct sources that have reported the story so far, this document's included"},         \
    {NULL, 0, 0, NULL}

/* The standard documents fields, then duplicate_of and sources. */
static const assay_field doc_fields[] = {DOC_FIELDS};

static const assay_field story_fields[] = {
    {"story_id", ASSAY_T_STRING, ASSAY_FIELD_KEY | ASSAY_FIELD_REQUIRED,
     "id of the story's first document (documents.id, facts.doc_id of its figures)"},
    {"documents", ASSAY_T_INT, 0, "documents of the story so far"},
    {"sources", ASSAY_T_INT, 0, "distinct sources that have reported it"},
    {"source_names", ASSAY_T_JSON, 0, "those sources in order of arrival (the first 100)"},
    {"first_seen", ASSAY_T_TIMESTAMP, 0, "when dedup saw its first document"},
    {"last_seen", ASSAY_T_TIMESTAMP, 0, "when dedup saw its latest document"},
    {NULL, 0, 0, NULL}};

static const assay_stream_def dedup_streams[] = {
    {"documents", doc_fields,
     "every document, marked: duplicate_of (the story's first document) and sources"},
    {"originals", doc_fields,
     "the first document of each story only (feed figures from here: one fact per story)"},
    {"stories", story_fields,
     "one row per story, emitted again each time it grows (upsert by story_id)"},
    {NULL, NULL, NULL}};

static const assay_config_key dedup_config[] = {
    {"threshold", ASSAY_CFG_FLOAT, 0, "0.7",
     "estimated Jaccard similarity of word shingles from which a document is a near-duplicate "
     "(0.5 loose ... 0.95 strict)"},
    {"shingle_words", ASSAY_CFG_INT, 0, "5", "words per shingle (1 to 16)"},
    {"min_words", ASSAY_CFG_INT, 0, "25",
     "documents with fewer words are matched only when their text is the same"},
    {"window_days", ASSAY_CFG_INT, 0, "30",
     "days a story is remembered after its latest document (0: forever)"},
    {"dir", ASSAY_CFG_STRING, 0, NULL,
     "folder of the memory file <pipeline>.<id>.dedup (default: state/<pipeline>, the default "
     "state folder)"},
    {"persist", ASSAY_CFG_BOOL, 0, "true",
     "keep the memory between runs (false: each run starts empty)"},
    {"id_field", ASSAY_CFG_STRING, 0, "\"id\"", "the input field holding the document id"},
    {"text_field", ASSAY_CFG_STRING, 0, "\"text\"", "the input field holding the text"},
    {"source_field", ASSAY_CFG_STRING, 0, "\"source\"",
     "the input field naming the outlet (when unset: the host of the url field)"},
    {NULL, 0, 0, NULL, NULL}};

/* Where the fields are in one input stream. */
typedef struct input_map {
    const assay_stream *s;
    int id, text, source, url, hash;
} input_map;

typedef struct dedup {
    const assay_host *h;
    assay_ctx *ctx;
    const assay_stream *docs, *originals, *stories;
    int d_dup, d_sources, o_dup, o_sources;
    int s_id, s_docs, s_sources, s_names, s_first, s_last;
    double threshold;
    int shingle_words;
    int64_t min_words;
    int persist;
    const char *id_field, *text_field, *source_field;
    dd_index x;
    dd_store st;
    input_map maps[16];
    size_t nmaps;
    int64_t n_docs, n_exact, n_near, n_replayed, n_new;
} dedup;

/* ---- reading input ---- */

static const input_map *map_for(dedup *d, const assay_stream *s)
{
    const assay_host *h = d->h;
    for (size_t i = 0; i < d->nmaps; i++)
        if (d->maps[i].s == s)
            return &d->maps[i];
    input_map *m = d->nmaps < 16 ? &d->maps[d->nmaps++] : &d->maps[15];
    m->s = s;
    m->id = h->stream_field_index(s, d->id_field);
    m->text = h->stream_field_index(s, d->text_field);
    m->source = h->stream_field_index(s, d->source_field);
    m->url = h->stream_field_index(s, "url");
    m->hash = h->stream_field_index(s, "content_hash");
    return m;
}

/* A string field as a NUL-terminated copy, or NULL when unset. */
static char *get_str(dedup *d, const assay_record *r, int field, size_t *len)
{
    assay_value v;
    if (field < 0 || d->h->record_get(r, (size_t)field, &v) != ASSAY_OK ||
        (v.type != ASSAY_T_STRING && v.type != ASSAY_T_JSON))
        return NULL;
    if (len)
        *len = v.len;
    return strndup(v.v.s, v.len);
}

/* The host of a URL ("example.com" from "https://www.example.com:8/x"). */
static char *host_of(const char *url)
{
    const char *p = url ? strstr(url, "://") : NULL;
    if (!p)
        return NULL;
    p += 3;
    const char *at = p + strcspn(p, "/?#");
    for (const char *q = p; q < at; q++)
        if (*q == '@')
            p = q + 1;
    size_t n = strcspn(p, ":/?#");
    if (n > 4 && strncasecmp(p, "www.", 4) == 0)
        p += 4, n -= 4;
    if (!n)
        return NULL;
    char *out = strndup(p, n);
    for (char *c = out; c && *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c += 32;
    return out;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                          : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The first 64 bits of a hex digest, or 0 when it is not one. */
static uint64_t hex64(const char *s, size_t n)
{
    uint64_t v = 0;
    if (n < 16)
        return 0;
    for (int i = 0; i < 16; i++) {
        int x = hexval(s[i]);
        if (x < 0)
            return 0;
        v = v << 4 | (uint64_t)x;
    }
    return v ? v : 1;
}

/* ---- output ---- */

static assay_rc emit_marked(dedup *d, const assay_record *in, const assay_stream *s, int f_dup,
                            int f_sources, const char *dup_of, int64_t sources)
{
    const assay_host *h = d->h;
    assay_record *r = h->record_copy(d->ctx, in, s);
    if (!r)
        return h->fail(d->ctx, ASSAY_ERR_NOMEM, "out of memory");
    assay_rc rc = dup_of ? h->set_string(r, f_dup, dup_of, strlen(dup_of)) : h->set_null(r, f_dup);
    if (!rc)
        rc = h->set_int(r, f_sources, sources);
    if (rc) {
        h->record_free(r);
        return rc;
    }
    rc = h->emit(d->ctx, r);
    return rc == ASSAY_ERR_SCHEMA ? ASSAY_OK : rc; /* the core dead-lettered it */
}

static assay_rc emit_story(dedup *d, const dd_story *s)
{
    const assay_host *h = d->h;
    const dd_entry *root = &d->x.e[s->root];
    assay_record *r = h->record_new(d->ctx, d->stories);
    if (!r)
        return h->fail(d->ctx, ASSAY_ERR_NOMEM, "out of memory");
    json_t *names = json_array();
    for (uint32_t i = 0; i < s->nsources && i < MAX_NAMES; i++)
        json_array_append_new(names, json_string(d->x.sources[s->sources[i]]));
    char *text = json_dumps(names, JSON_COMPACT);
    json_decref(names);
    assay_rc rc = h->set_string(r, d->s_id, root->doc_id, strlen(root->doc_id));
    if (!rc)
        rc = h->set_int(r, d->s_docs, s->ndocs);
    if (!rc)
        rc = h->set_int(r, d->s_sources, s->nsources);
    if (!rc && text)
        rc = h->set_json(r, d->s_names, text, strlen(text));
    if (!rc)
        rc = h->set_timestamp(r, d->s_first, (int64_t)s->first * 1000000);
    if (!rc)
        rc = h->set_timestamp(r, d->s_last, (int64_t)s->last * 1000000);
    free(text);
    if (rc) {
        h->record_free(r);
        return rc;
    }
    rc = h->emit(d->ctx, r);
    return rc == ASSAY_ERR_SCHEMA ? ASSAY_OK : rc;
}

/* ---- one document ---- */

/* Decides which story a new document belongs to; fills e. */
static void match(dedup *d, const char *text, size_t len, dd_entry *e, const char **how,
                  double *sim)
{
    uint32_t j = dd_index_by_content(&d->x, e->content);
    *sim = 1;
    if (j != DD_NONE) {
        e->story = d->x.e[j].story;
        *how = "exact";
    }
    size_t words = dd_signature(text, len, d->shingle_words, &e->sig);
    e->has_sig = words >= (size_t)d->min_words && words >= (size_t)d->shingle_words;
    if (j != DD_NONE)
        return;
    if (e->has_sig) {
        j = dd_index_similar(&d->x, &e->sig, d->threshold, sim);
        if (j != DD_NONE) {
            e->story = d->x.e[j].story;
            *how = "near";
            return;
        }
    }
    e->story = e->id;
    *how = "new";
}

static assay_rc dedup_process(void *self, assay_ctx *ctx, const assay_record *const *recs,
                              size_t n)
{
    dedup *d = self;
    const assay_host *h = d->h;
    assay_rc rc = ASSAY_OK;
    d->ctx = ctx;
    for (size_t k = 0; k < n && rc == ASSAY_OK; k++) {
        const assay_record *in = recs[k];
        const input_map *m = map_for(d, h->record_stream(in));
        size_t text_len = 0, id_len = 0, hash_len = 0;
        char *id = get_str(d, in, m->id, &id_len);
        char *text = get_str(d, in, m->text, &text_len);
        char *source = get_str(d, in, m->source, NULL);
        char *hash = get_str(d, in, m->hash, &hash_len);
        char *url = NULL;
        if (!id || !*id || !text) {
            rc = h->fail(ctx, ASSAY_ERR_REJECT, "a document without %s (field '%s')",
                         !id || !*id ? "an id" : "text", !id || !*id ? d->id_field : d->text_field);
            goto next;
        }
        if (!source || !*source) {
            free(source);
            url = get_str(d, in, m->url, NULL);
            source = host_of(url);
            if (!source)
                source = strdup("unknown");
        }
        d->n_docs++;
        uint64_t idh = dd_hash64(id, id_len);
        uint32_t at = dd_index_by_id(&d->x, idh);
        const char *how = "replay";
        double sim = 1;
        if (at == DD_NONE) {
            dd_entry e = {0};
            char digest[65];
            e.id = idh;
            e.content = hash ? hex64(hash, hash_len) : 0;
            if (!e.content) {
                h->sha256_hex(text, text_len, digest);
                e.content = hex64(digest, 64);
            }
            e.time = (uint32_t)(h->now() / 1000000);
            e.doc_id = id;
            e.source = dd_index_source(&d->x, source);
            if (e.source == DD_NONE) {
                rc = h->fail(ctx, ASSAY_ERR_NOMEM, "out of memory");
                goto next;
            }
            match(d, text, text_len, &e, &how, &sim);
            char err[512];
            /* on disk before the document goes on: never forgotten once passed */
            if (d->persist && dd_store_append(&d->st, &e, source, err, sizeof err) != 0) {
                rc = h->fail(ctx, ASSAY_ERR_IO, "memory file: %s", err);
                goto next;
            }
            at = dd_index_add(&d->x, &e);
            if (at == DD_NONE) {
                rc = h->fail(ctx, ASSAY_ERR_NOMEM, "out of memory");
                goto next;
            }
        }
        const dd_entry *e = &d->x.e[at];
        const dd_story *s = dd_index_story(&d->x, e->story);
        const dd_entry *root = &d->x.e[s->root];
        const char *dup_of = s->root == at ? NULL : root->doc_id;
        if (strcmp(how, "exact") == 0)
            d->n_exact++;
        else if (strcmp(how, "near") == 0)
            d->n_near++;
        else if (strcmp(how, "new") == 0)
            d->n_new++;
        else
            d->n_replayed++;
        if (dup_of && strcmp(how, "replay") != 0)
            h->log(ctx, ASSAY_LOG_DEBUG, "%s: %s duplicate of %s (similarity %.2f), %u sources",
                   id, how, dup_of, sim, s->nsources);
        rc = emit_marked(d, in, d->docs, d->d_dup, d->d_sources, dup_of, s->nsources);
        if (rc == ASSAY_OK && !dup_of)
            rc = emit_marked(d, in, d->originals, d->o_dup, d->o_sources, NULL, s->nsources);
        if (rc == ASSAY_OK)
            rc = emit_story(d, s);
    next:
        free(id);
        free(text);
        free(source);
        free(hash);
        free(url);
    }
    return rc;
}

/* ---- life cycle ---- */

static assay_rc check_config(const assay_host *h, assay_ctx *ctx)
{
    double t = h->cfg_float(ctx, "threshold");
    int64_t sw = h->cfg_int(ctx, "shingle_words"), mw = h->cfg_int(ctx, "min_words"),
            wd = h->cfg_int(ctx, "window_days");
    if (!(t > 0 && t <= 1))
        return h->fail(ctx, ASSAY_ERR_CONFIG, "threshold must be above 0 and at most 1, not %g", t);
    if (sw < 1 || sw > 16)
        return h->fail(ctx, ASSAY_ERR_CONFIG, "shingle_words must be from 1 to 16, not %lld",
                       (long long)sw);
    if (mw < 0 || mw > 1000000)
        return h->fail(ctx, ASSAY_ERR_CONFIG, "min_words must be from 0 to 1000000, not %lld",
                       (long long)mw);
    if (wd < 0 || wd > 36500)
        return h->fail(ctx, ASSAY_ERR_CONFIG, "window_days must be from 0 (forever) to 36500, "
                                              "not %lld", (long long)wd);
    const char *dir = h->cfg_string(ctx, "dir");
    if (dir && !*dir)
        return h->fail(ctx, ASSAY_ERR_CONFIG, "dir must not be empty (leave it out for "
                                              "state/<pipeline>)");
    return ASSAY_OK;
}

static assay_rc dedup_check(const assay_host *h, assay_ctx *ctx)
{
    return check_config(h, ctx);
}

static void dedup_destroy(void *self)
{
    dedup *d = self;
    if (!d)
        return;
    dd_store_close(&d->st);
    dd_index_free(&d->x);
    free(d);
}

static assay_rc dedup_create(const assay_host *h, assay_ctx *ctx, void **self)
{
    dedup *d = calloc(1, sizeof *d);
    if (!d)
        return h->fail(ctx, ASSAY_ERR_NOMEM, "out of memory");
    *self = d;
    d->h = h;
    d->ctx = ctx;
    d->st.fd = -1;
    assay_rc rc = check_config(h, ctx);
    if (rc != ASSAY_OK)
        return rc;
    d->threshold = h->cfg_float(ctx, "threshold");
    d->shingle_words = (int)h->cfg_int(ctx, "shingle_words");
    d->min_words = h->cfg_int(ctx, "min_words");
    d->persist = h->cfg_bool(ctx, "persist");
    d->id_field = h->cfg_string(ctx, "id_field");
    d->text_field = h->cfg_string(ctx, "text_field");
    d->source_field = h->cfg_string(ctx, "source_field");
    d->docs = h->stream(ctx, "documents");
    d->originals = h->stream(ctx, "originals");
    d->stories = h->stream(ctx, "stories");
    d->d_dup = h->stream_field_index(d->docs, "duplicate_of");
    d->d_sources = h->stream_field_index(d->docs, "sources");
    d->o_dup = h->stream_field_index(d->originals, "duplicate_of");
    d->o_sources = h->stream_field_index(d->originals, "sources");
    d->s_id = h->stream_field_index(d->stories, "story_id");
    d->s_docs = h->stream_field_index(d->stories, "documents");
    d->s_sources = h->stream_field_index(d->stories, "sources");
    d->s_names = h->stream_field_index(d->stories, "source_names");
    d->s_first = h->stream_field_index(d->stories, "first_seen");
    d->s_last = h->stream_field_index(d->stories, "last_seen");
    dd_index_init(&d->x, d->threshold);
    if (!d->persist)
        return ASSAY_OK;

    const char *dir = h->cfg_string(ctx, "dir");
    char *path = NULL, warn[1024], err[1024];
    int made = dir ? asprintf(&path, "%s/%s.%s.dedup", dir, h->pipeline_name(ctx),
                              h->instance_id(ctx))
                   : asprintf(&path, "state/%s/%s.%s.dedup", h->pipeline_name(ctx),
                              h->pipeline_name(ctx), h->instance_id(ctx));
    if (made < 0)
        return h->fail(ctx, ASSAY_ERR_NOMEM, "out of memory");
    int64_t window = h->cfg_int(ctx, "window_days") * 86400;
    if (dd_store_open(&d->st, path, d->shingle_words, &d->x, (uint32_t)(h->now() / 1000000),
                      (uint32_t)window, warn, sizeof warn, err, sizeof err) != 0) {
        free(path);
        return h->fail(ctx, ASSAY_ERR_IO, "memory file: %s", err);
    }
    if (warn[0])
        h->log(ctx, ASSAY_LOG_WARN, "memory file: %s", warn);
    h->log(ctx, ASSAY_LOG_DEBUG, "memory %s: %zu documents in %zu stories (%d bands of %d)", path,
           d->x.n, d->x.nstories, d->x.bands, d->x.rows);
    free(path);
    return ASSAY_OK;
}

static assay_rc dedup_commit(void *self, assay_ctx *ctx, int final)
{
    dedup *d = self;
    const assay_host *h = d->h;
    char err[1024];
    (void)final;
    if (d->persist && dd_store_finish(&d->st, &d->x, err, sizeof err) != 0)
        return h->fail(ctx, ASSAY_ERR_IO, "memory file: %s", err);
    h->count(ctx, "documents", d->n_docs);
    h->count(ctx, "new_stories", d->n_new);
    h->count(ctx, "exact_duplicates", d->n_exact);
    h->count(ctx, "near_duplicates", d->n_near);
    h->count(ctx, "replayed", d->n_replayed);
    h->log(ctx, ASSAY_LOG_INFO,
           "%lld documents: %lld new stories, %lld exact and %lld near duplicates, %lld seen "
           "before; memory: %zu documents in %zu stories",
           (long long)d->n_docs, (long long)d->n_new, (long long)d->n_exact, (long long)d->n_near,
           (long long)d->n_replayed, d->x.n, d->x.nstories);
    d->n_docs = d->n_new = d->n_exact = d->n_near = d->n_replayed = 0;
    return ASSAY_OK;
}

ASSAY_EXPORT const assay_plugin assay_plugin_descriptor = {
    ASSAY_PLUGIN_HEADER,
    .name = "dedup",
    .kind = ASSAY_TRANSFORM,
    .version = "1.0.0",
    .description = "marks exact and near-duplicate documents and counts the sources of each story",
    .config = dedup_config,
    .streams = dedup_streams,
    .create = dedup_create,
    .process = dedup_process,
    .commit = dedup_commit,
    .destroy = dedup_destroy,
    .check = dedup_check,
};
