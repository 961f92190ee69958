/*
 * figures_extract.c - the standalone driver of the figure extractor:
 *
 *   figures-extract extract --jsonl FILE...     facts as JSON lines (FORMAT.md)
 *   figures-extract extract --explain FILE...   sentences with figures marked
 *   figures-extract bench FILE [--repeat N]     extraction speed in MB/s
 *
 * Options: --date YYYY-MM-DD (the documents' date), --entities FILE and
 * --rules FILE (repeatable), --replace-rules. Thin on purpose: the work is
 * in the library; `assay extract` reaches the same library via the plugin.
 */
#include "figures.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int fig_read_file(const char *path, char **out, size_t *len, char *err, size_t errlen);

static void usage(FILE *f)
{
    fprintf(f, "usage: figures-extract extract (--jsonl | --explain) [--date YYYY-MM-DD]\n"
               "                               [--entities FILE]... [--rules FILE]... [--replace-rules] FILE...\n"
               "       figures-extract bench FILE [--repeat N]\n");
}

/* A JSON number: an integer when the value is one, a real otherwise. */
static json_t *num(double v)
{
    if (v == (double)(long long)v && v < 9007199254740992.0 && v > -9007199254740992.0)
        return json_integer((json_int_t)v);
    return json_real(v);
}

/* A JSON string of len bytes, made valid UTF-8. */
static json_t *str(const char *s, size_t len)
{
    char stackbuf[1024];
    char *buf = 3 * len + 1 <= sizeof stackbuf ? stackbuf : malloc(3 * len + 1);
    if (!buf)
        return NULL;
    size_t n = fig_utf8_clean(buf, s, len);
    json_t *j = json_stringn(buf, n);
    if (buf != stackbuf)
        free(buf);
    return j;
}

typedef struct out_ctx {
    FILE *out;
    int explain, color;
    const char *doc;
    size_t last_sentence; /* explain: byte offset of the last sentence shown, +1 */
} out_ctx;

static int emit_jsonl(const fig_fact *f, void *ud)
{
    out_ctx *o = ud;
    json_t *j = json_object();
    if (!j)
        return 1;
    json_object_set_new(j, "text", str(f->text, f->text_len));
    json_object_set_new(j, "start", json_integer((json_int_t)f->start_cp));
    json_object_set_new(j, "end", json_integer((json_int_t)f->end_cp));
    json_object_set_new(j, "kind", json_string(fig_kind_name(f->kind)));
    json_object_set_new(j, "low", num(f->low));
    json_object_set_new(j, "high", num(f->high));
    json_object_set_new(j, "unit", json_string(f->unit));
    if (f->per)
        json_object_set_new(j, "per", json_string(f->per));
    if (f->qualifier)
        json_object_set_new(j, "qualifier", json_string(fig_qualifier_name(f->qualifier)));
    json_object_set_new(j, "metric", json_string(f->metric));
    if (f->entity)
        json_object_set_new(j, "entity", json_string(f->entity));
    if (f->counterparty)
        json_object_set_new(j, "counterparty", json_string(f->counterparty));
    if (f->period)
        json_object_set_new(j, "period", json_string(f->period));
    char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(j);
    if (!s)
        return 1;
    fputs(s, o->out);
    fputc('\n', o->out);
    free(s);
    return 0;
}

/* Prints bytes made valid UTF-8. */
static void put_clean(FILE *out, const char *s, size_t len)
{
    char *buf = malloc(3 * len + 1);
    if (!buf)
        return;
    size_t n = fig_utf8_clean(buf, s, len);
    fwrite(buf, 1, n, out);
    free(buf);
}

static void fmt_value(char *buf, size_t n, const fig_fact *f)
{
    if (f->low == f->high)
        snprintf(buf, n, "%.10g %s", f->low, f->unit);
    else
        snprintf(buf, n, "%.10g-%.10g %s", f->low, f->high, f->unit);
    if (f->per) {
        size_t l = strlen(buf);
        snprintf(buf + l, n - l, "/%s", f->per);
    }
}

static int emit_explain(const fig_fact *f, void *ud)
{
    out_ctx *o = ud;
    if (o->last_sentence != f->sentence_start_byte + 1) {
        o->last_sentence = f->sentence_start_byte + 1;
        fputc('\n', o->out);
        put_clean(o->out, f->sentence, f->sentence_len);
        fputc('\n', o->out);
    }
    char val[128];
    fmt_value(val, sizeof val, f);
    fputs("  ", o->out);
    fputs(o->color ? "\033[1;33m" : "[", o->out);
    put_clean(o->out, f->text, f->text_len);
    fputs(o->color ? "\033[0m" : "]", o->out);
    fprintf(o->out, "  %s %s%s%s  metric=%s entity=%s%s%s%s%s\n      cue: %s\n",
            fig_kind_name(f->kind), val, f->qualifier ? " " : "", fig_qualifier_name(f->qualifier),
            f->metric, f->entity ? f->entity : "-", f->counterparty ? " counterparty=" : "",
            f->counterparty ? f->counterparty : "", f->period ? " period=" : "",
            f->period ? f->period : "", f->cue);
    return 0;
}

static int noop(const fig_fact *f, void *ud)
{
    (*(size_t *)ud)++;
    (void)f;
    return 0;
}

int main(int argc, char **argv)
{
    const char *ent_files[32], *rule_files[32], *files[256];
    size_t nent = 0, nrule = 0, nfiles = 0;
    int jsonl = 0, explain = 0, replace = 0, repeat = 1, bench = 0;
    fig_doc_info info = {0, 0, 0};
    int have_date = 0;
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "bench") == 0)
        bench = 1;
    else if (strcmp(argv[1], "extract") != 0) {
        usage(stderr);
        return 2;
    }
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--jsonl") == 0)
            jsonl = 1;
        else if (strcmp(a, "--explain") == 0)
            explain = 1;
        else if (strcmp(a, "--replace-rules") == 0)
            replace = 1;
        else if (strcmp(a, "--date") == 0 && i + 1 < argc) {
            if (fig_parse_date(argv[i + 1], strlen(argv[i + 1]), &info) < 0) {
                fprintf(stderr, "figures-extract: bad --date %s (want YYYY-MM-DD)\n", argv[i + 1]);
                return 2;
            }
            have_date = 1;
            i++;
        } else if (strcmp(a, "--entities") == 0 && i + 1 < argc && nent < 32)
            ent_files[nent++] = argv[++i];
        else if (strcmp(a, "--rules") == 0 && i + 1 < argc && nrule < 32)
            rule_files[nrule++] = argv[++i];
        else if (strcmp(a, "--repeat") == 0 && i + 1 < argc)
            repeat = atoi(argv[++i]);
        else if (a[0] == '-' && a[1]) {
            usage(stderr);
            return 2;
        } else if (nfiles < 256)
            files[nfiles++] = a;
    }
    if (!nfiles || (!bench && !jsonl && !explain) || repeat < 1) {
        usage(stderr);
        return 2;
    }
    fig_options opt = {ent_files, nent, rule_files, nrule, replace};
    fig_engine *eng;
    char err[512];
    int rc = fig_engine_new(&opt, &eng, err, sizeof err);
    if (rc) {
        fprintf(stderr, "figures-extract: %s\n", err);
        return 1;
    }
    int status = 0;
    out_ctx o = {stdout, explain && !jsonl, explain && isatty(1), NULL, 0};
    for (size_t k = 0; k < nfiles; k++) {
        char *buf;
        size_t len;
        rc = fig_read_file(files[k], &buf, &len, err, sizeof err);
        if (rc) {
            fprintf(stderr, "figures-extract: %s\n", err);
            status = 1;
            continue;
        }
        if (bench) {
            size_t facts = 0;
            struct timespec t0, t1;
            clock_gettime(CLOCK_MONOTONIC, &t0);
            for (int r = 0; r < repeat; r++)
                fig_extract(eng, buf, len, have_date ? &info : NULL, noop, &facts);
            clock_gettime(CLOCK_MONOTONIC, &t1);
            double sec = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
            double mb = (double)len * repeat / 1e6;
            printf("%s: %.1f MB in %.3f s = %.1f MB/s, %zu facts\n", files[k], mb, sec,
                   sec > 0 ? mb / sec : 0.0, facts / (size_t)repeat);
        } else {
            o.doc = buf;
            o.last_sentence = 0;
            rc = fig_extract(eng, buf, len, have_date ? &info : NULL,
                             o.explain ? emit_explain : emit_jsonl, &o);
            if (rc) {
                fprintf(stderr, "figures-extract: %s: %s\n", files[k], fig_strerror(rc));
                status = 1;
            }
        }
        free(buf);
    }
    fig_engine_free(eng);
    if (fflush(stdout) != 0)
        status = 1;
    return status;
}
