/*
 * cmd_extract.c - `assay extract`: the figures transform run on local text
 * files, its facts printed as JSON lines in the shape the gold set is
 * scored in (--jsonl), or each sentence with its figures marked and the
 * reasons beside them (--explain).
 *
 * The command loads the transform like any pipeline would, hands it one
 * `documents` record per file, and collects what it emits: what is scored
 * and explained here is exactly what a pipeline writes to its warehouse.
 */
#include "cli.h"
#include "ctx.h"
#include "factfmt.h"
#include "loader.h"
#include "log.h"
#include "mem.h"
#include "pipeline.h"
#include "record.h"
#include "runner.h"
#include "schema.h"
#include "timefmt.h"
#include "utf8.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EXTRACT_MAX_BYTES (256u << 20)

/* The facts one document produced, in the order emitted; or, with
 * stream set, none: each is printed as it comes, so memory stays flat
 * however large the document. */
typedef struct collector {
    assay_record **recs;
    size_t n, cap;
    const char *file;
    FILE *stream;
} collector;

static void print_jsonl(const collector *c, FILE *out);

static assay_rc collect_emit(assay_ctx *ctx, assay_record *r)
{
    collector *c = ctx->ops_data;
    assay_rc rc = record_check_required(r);
    if (rc) {
        log_warn("%s: a fact was dropped: %s", c->file, ctx->errmsg);
        record_free(r);
        return rc;
    }
    if (c->stream) {
        collector one = {&r, 1, 1, c->file, NULL};
        print_jsonl(&one, c->stream);
        record_free(r);
        return ASSAY_OK;
    }
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 64;
        c->recs = xrealloc(c->recs, c->cap * sizeof *c->recs);
    }
    c->recs[c->n++] = r;
    return ASSAY_OK;
}

static assay_rc collect_dead_letter(assay_ctx *ctx, const assay_record *r, const char *what,
                                    const char *reason)
{
    collector *c = ctx->ops_data;
    (void)r, (void)what;
    log_warn("%s: %s", c->file, reason);
    return ASSAY_OK;
}

static const ctx_ops extract_ops = {collect_emit, collect_dead_letter, NULL, NULL, NULL, NULL, NULL};

/* ---- reading the fields of a fact ---- */

static const char *str_field(const assay_record *r, const char *name, size_t *len)
{
    int i = stream_field_index(r->stream, name);
    assay_value v;
    if (i < 0 || record_get(r, (size_t)i, &v) || v.type != ASSAY_T_STRING)
        return NULL;
    if (len)
        *len = v.len;
    return v.v.s;
}

static int num_field(const assay_record *r, const char *name, double *out)
{
    int i = stream_field_index(r->stream, name);
    assay_value v;
    if (i < 0 || record_get(r, (size_t)i, &v))
        return -1;
    if (v.type == ASSAY_T_FLOAT)
        *out = v.v.f;
    else if (v.type == ASSAY_T_INT)
        *out = (double)v.v.i;
    else
        return -1;
    return 0;
}

/* ---- --jsonl ---- */

static void print_jsonl(const collector *c, FILE *out)
{
    /* FORMAT.md's fields first, in its order, then where the fact is */
    static const char *const fields[] = {"text", "kind", "low", "high", "unit", "per", "qualifier",
                                         "metric", "entity", "counterparty", "period"};
    buf line;
    buf_init(&line);
    for (size_t k = 0; k < c->n; k++) {
        const assay_record *r = c->recs[k];
        buf_reset(&line);
        buf_putc(&line, '{');
        int first = 1;
        for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
            int i = stream_field_index(r->stream, fields[f]);
            assay_value v;
            if (i < 0 || record_get(r, (size_t)i, &v) || v.type == ASSAY_T_NULL)
                continue;
            buf_printf(&line, "%s\"%s\":", first ? "" : ",", fields[f]);
            value_to_json(&v, &line);
            first = 0;
            if (f == 0) {
                double start, end;
                if (num_field(r, "span_start", &start) == 0 && num_field(r, "span_end", &end) == 0)
                    buf_printf(&line, ",\"start\":%.0f,\"end\":%.0f", start, end);
            }
        }
        buf_puts(&line, first ? "\"doc\":" : ",\"doc\":");
        buf_json_string(&line, c->file, strlen(c->file));
        buf_puts(&line, "}\n");
        fwrite(line.data, 1, line.len, out);
    }
    buf_free(&line);
}

/* ---- --explain ---- */

/* Byte offset of code point cp in text, scanning on from a cursor. */
typedef struct cp_cursor {
    const char *text;
    size_t len, byte, cp;
} cp_cursor;

static size_t byte_of(cp_cursor *c, size_t cp)
{
    if (cp < c->cp)
        c->byte = c->cp = 0;
    while (c->cp < cp && c->byte < c->len) {
        size_t n = utf8_seq_len((const unsigned char *)c->text + c->byte, c->len - c->byte);
        c->byte += n ? n : 1;
        c->cp++;
    }
    return c->byte;
}

static void explain_value(const assay_record *r, buf *out)
{
    double low = 0, high = 0;
    num_field(r, "low", &low);
    num_field(r, "high", &high);
    fact_value_format(out, str_field(r, "kind", NULL), low, high, str_field(r, "unit", NULL),
                      str_field(r, "per", NULL), str_field(r, "qualifier", NULL));
}

static void print_explain(const collector *c, const char *text, size_t len, FILE *out, int colour)
{
    const char *hi = colour ? "\033[1;33m" : "[", *lo = colour ? "\033[0m" : "]";
    const char *dim = colour ? "\033[2m" : "", *plain = colour ? "\033[0m" : "";
    fprintf(out, "%s== %s: %zu fact%s ==%s\n", colour ? "\033[1m" : "", c->file, c->n,
            c->n == 1 ? "" : "s", plain);
    cp_cursor cur = {text, len, 0, 0};
    size_t k = 0;
    buf val;
    buf_init(&val);
    while (k < c->n) {
        /* the facts that share this sentence */
        size_t slen = 0;
        const char *sentence = str_field(c->recs[k], "sentence", &slen);
        size_t group = k + 1;
        while (group < c->n) {
            size_t l2 = 0;
            const char *s2 = str_field(c->recs[group], "sentence", &l2);
            if (!sentence || !s2 || l2 != slen || memcmp(s2, sentence, slen) != 0)
                break;
            group++;
        }
        /* where the sentence stands in the text: the occurrence that holds
         * the first figure */
        double start = 0;
        num_field(c->recs[k], "span_start", &start);
        size_t at = byte_of(&cur, (size_t)start);
        const char *sent_at = NULL;
        if (sentence && slen) {
            size_t from = at > slen ? at - slen : 0;
            for (const char *p = text + from; p <= text + at && p + slen <= text + len; p++)
                if (memcmp(p, sentence, slen) == 0 && (size_t)(p - text) + slen >= at) {
                    sent_at = p;
                    break;
                }
        }
        fputs("\n  ", out);
        if (sent_at) {
            size_t pos = (size_t)(sent_at - text);
            for (size_t i = k; i < group; i++) {
                double s = 0, e = 0;
                num_field(c->recs[i], "span_start", &s);
                num_field(c->recs[i], "span_end", &e);
                size_t bs = byte_of(&cur, (size_t)s), be = byte_of(&cur, (size_t)e);
                if (bs < pos || be > (size_t)(sent_at - text) + slen)
                    continue; /* overlapping spans: mark the first */
                fwrite(text + pos, 1, bs - pos, out);
                fprintf(out, "%s", hi);
                fwrite(text + bs, 1, be - bs, out);
                fprintf(out, "%s%s(%zu)%s", lo, dim, i + 1, plain);
                pos = be;
            }
            fwrite(text + pos, 1, (size_t)(sent_at - text) + slen - pos, out);
        } else if (sentence) {
            fwrite(sentence, 1, slen, out);
        }
        fputc('\n', out);
        for (size_t i = k; i < group; i++) {
            const assay_record *r = c->recs[i];
            buf_reset(&val);
            explain_value(r, &val);
            const char *metric = str_field(r, "metric", NULL), *entity = str_field(r, "entity", NULL);
            const char *cp = str_field(r, "counterparty", NULL), *period = str_field(r, "period", NULL);
            const char *cue = str_field(r, "cue", NULL);
            fprintf(out, "    (%zu) %-22s %-15s %s%s%s%s%s\n", i + 1, val.data, metric ? metric : "-",
                    entity ? entity : "(no entity)", cp ? " with " : "", cp ? cp : "",
                    period ? "  period " : "", period ? period : "");
            if (cue)
                fprintf(out, "        %scue: %s%s\n", dim, cue, plain);
        }
        k = group;
    }
    buf_free(&val);
    fputc('\n', out);
}

/* ---- the command ---- */

static char *read_whole(const char *path, size_t *len, const char **why)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        *why = strerror(errno);
        return NULL;
    }
    buf b;
    buf_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        buf_append(&b, chunk, n);
        if (b.len > EXTRACT_MAX_BYTES) {
            *why = "larger than 256 MiB";
            fclose(f);
            buf_free(&b);
            return NULL;
        }
    }
    if (ferror(f)) {
        *why = "read error";
        fclose(f);
        buf_free(&b);
        return NULL;
    }
    fclose(f);
    *len = b.len;
    return buf_steal(&b);
}

/* key=value from --set: the value is read by the key's declared type. */
static int apply_setting(const assay_plugin *d, json_t *config, json_t *set, const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (!eq)
        return usage_error("--set wants key=value, not '%s'", arg);
    char *key = xstrndup(arg, (size_t)(eq - arg));
    const char *value = eq + 1;
    const assay_config_key *k = NULL;
    for (const assay_config_key *it = d->config; it && it->name; it++)
        if (!strcmp(it->name, key))
            k = it;
    int rc = 0;
    json_t *v = NULL;
    char *end;
    if (!k) {
        rc = usage_error("plugin %s has no config key '%s' (see assay plugins %s)", d->name, key,
                         d->name);
        goto done;
    }
    switch (k->type) {
    case ASSAY_CFG_STRING: v = json_string(value); break;
    case ASSAY_CFG_INT: {
        long long n = strtoll(value, &end, 10);
        v = *value && !*end ? json_integer(n) : NULL;
        break;
    }
    case ASSAY_CFG_FLOAT: {
        double n = strtod(value, &end);
        v = *value && !*end ? json_real(n) : NULL;
        break;
    }
    case ASSAY_CFG_BOOL:
        v = !strcmp(value, "true") ? json_true() : !strcmp(value, "false") ? json_false() : NULL;
        break;
    case ASSAY_CFG_LIST: {
        /* repeated --set key=a --set key=b builds the list */
        json_t *list = json_object_get(set, key) ? json_object_get(config, key) : NULL;
        v = list ? json_incref(list) : json_array();
        json_array_append_new(v, json_string(value));
        break;
    }
    case ASSAY_CFG_JSON: v = json_loads(value, JSON_DECODE_ANY, NULL); break;
    }
    if (!v || (k->type == ASSAY_CFG_STRING && !utf8_valid(value, strlen(value), NULL))) {
        json_decref(v);
        rc = usage_error("--set %s: '%s' is not %s", key, value, cfg_type_name(k->type));
        goto done;
    }
    json_object_set_new(config, key, v);
    json_object_set_new(set, key, json_true());
done:
    free(key);
    return rc;
}

int cmd_extract(const cli_common *c, int argc, char **argv)
{
    int explain = 0, code = EXIT_OK;
    const char *plugin = "figures", *date = NULL;
    const char **files = xcalloc((size_t)argc + 1, sizeof *files);
    char **sets = xcalloc((size_t)argc + 1, sizeof *sets);
    size_t nfiles = 0, nsets = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--jsonl")) {
            explain = 0;
        } else if (!strcmp(a, "--explain")) {
            explain = 1;
        } else if ((!strcmp(a, "--plugin") || !strcmp(a, "--date") || !strcmp(a, "--set") ||
                    !strcmp(a, "--entities") || !strcmp(a, "--rules")) && i + 1 < argc) {
            const char *v = argv[++i];
            if (!strcmp(a, "--plugin"))
                plugin = v;
            else if (!strcmp(a, "--date"))
                date = v;
            else if (!strcmp(a, "--set"))
                sets[nsets++] = xstrdup(v);
            else /* --entities FILE is --set entities=FILE */
                sets[nsets++] = xasprintf("%s=%s", a + 2, v);
        } else if (a[0] == '-' && a[1]) {
            code = usage_error("unknown option '%s' for extract", a);
            goto out_args;
        } else {
            files[nfiles++] = a;
        }
    }
    int64_t published = 0;
    if (date && time_parse(date, strlen(date), &published) != 0) {
        code = usage_error("--date wants YYYY-MM-DD, not '%s'", date);
        goto out_args;
    }
    if (!nfiles) {
        code = usage_error("extract needs text files");
        goto out_args;
    }

    loader L;
    loader_init(&L, c->plugin_path);
    char err[1024];
    const loaded_plugin *lp = loader_load(&L, plugin, err, sizeof err);
    assay_ctx *ctx = NULL;
    assay_stream *docs = NULL;
    void *self = NULL;
    int created = 0;
    if (!lp) {
        fprintf(stderr, "assay: %s\n", err);
        code = EXIT_START;
        goto out;
    }
    if (lp->desc->kind != ASSAY_TRANSFORM) {
        fprintf(stderr, "assay: plugin %s is a %s; extract runs a transform\n", lp->desc->name,
                kind_name(lp->desc->kind));
        code = EXIT_USAGE;
        goto out;
    }
    json_t *config = json_object(), *set = json_object();
    for (const assay_config_key *k = lp->desc->config; k && k->name; k++) {
        json_t *dv = config_default(k);
        if (dv)
            json_object_set_new(config, k->name, dv);
    }
    for (size_t i = 0; i < nsets && code == EXIT_OK; i++)
        code = apply_setting(lp->desc, config, set, sets[i]);
    for (const assay_config_key *k = lp->desc->config; k && k->name && code == EXIT_OK; k++)
        if (k->required && !json_object_get(set, k->name))
            code = usage_error("plugin %s needs --set %s=...", lp->desc->name, k->name);
    ctx = ctx_new("extract", "extract", lp, config, set);
    if (code != EXIT_OK)
        goto out;
    assay_stream_def docs_def = {"documents", NULL, NULL};
    docs = stream_resolve(&docs_def, "extract", err, sizeof err);
    ctx->inputs = xcalloc(1, sizeof *ctx->inputs);
    ctx->inputs[0] = docs;
    ctx->ninputs = 1;
    if (ctx_declare_outputs(ctx) != ASSAY_OK) {
        fprintf(stderr, "assay: %s: %s\n", lp->desc->name, ctx->errmsg);
        code = EXIT_START;
        goto out;
    }
    collector col = {NULL, 0, 0, NULL, explain ? NULL : stdout};
    ctx->ops = &extract_ops;
    ctx->ops_data = &col;
    if (lp->desc->create) {
        assay_rc rc = lp->desc->create(host_table(), ctx, &self);
        if (rc != ASSAY_OK) {
            fprintf(stderr, "assay: %s failed to start: %s\n", lp->desc->name, ctx_error(ctx, rc));
            code = EXIT_START;
            goto out;
        }
    }
    created = 1;
    int colour = explain && isatty(STDOUT_FILENO);
    for (size_t f = 0; f < nfiles; f++) {
        const char *why = NULL;
        size_t len = 0;
        char *text = read_whole(files[f], &len, &why);
        size_t bad;
        if (!text) {
            fprintf(stderr, "assay: %s: %s\n", files[f], why);
            code = EXIT_PARTIAL;
            continue;
        }
        if (!utf8_valid(text, len, &bad)) {
            fprintf(stderr, "assay: %s: not UTF-8 (byte 0x%02x at offset %zu)\n", files[f],
                    (unsigned char)text[bad], bad);
            code = EXIT_PARTIAL;
            free(text);
            continue;
        }
        col.file = files[f];
        assay_record *doc = record_new(ctx, docs);
        char absolute[PATH_MAX + 8];
        char *url = realpath(files[f], absolute) ? xasprintf("file://%s", absolute) : NULL;
        record_set_string(doc, stream_field_index(docs, "id"), files[f], strlen(files[f]));
        if (url)
            record_set_string(doc, stream_field_index(docs, "url"), url, strlen(url));
        record_set_string(doc, stream_field_index(docs, "text"), text, len);
        if (date)
            record_set_timestamp(doc, stream_field_index(docs, "published_at"), published);
        free(url);
        ctx_clear_error(ctx);
        const assay_record *in = doc;
        assay_rc rc = lp->desc->process(self, ctx, &in, 1);
        if (rc != ASSAY_OK) {
            fprintf(stderr, "assay: %s: %s\n", files[f], ctx_error(ctx, rc));
            code = rc == ASSAY_ERR_REJECT ? EXIT_PARTIAL : EXIT_FAILED;
        }
        if (explain)
            print_explain(&col, text, len, stdout, colour);
        for (size_t k = 0; k < col.n; k++)
            record_free(col.recs[k]);
        col.n = 0;
        record_free(doc);
        free(text);
        if (code == EXIT_FAILED)
            break;
    }
    free(col.recs);
    if (fflush(stdout) != 0)
        code = EXIT_FAILED;
out:
    if (created && lp->desc->destroy)
        lp->desc->destroy(self);
    stream_free(docs);
    ctx_free(ctx);
    loader_free(&L);
out_args:
    for (size_t i = 0; i < nsets; i++)
        free(sets[i]);
    free(files);
    free(sets);
    return code;
}
