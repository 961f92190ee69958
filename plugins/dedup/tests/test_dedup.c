/*
 * test_dedup.c - the dedup transform: signatures against the true
 * Jaccard similarity of composed near-duplicates, LSH recall, speed on
 * 100,000 documents, the memory file (reload, torn tail, expiry,
 * compaction), and the plugin through `assay run` across runs.
 */
#include "dedup_index.h"
#include "dedup_sig.h"
#include "dedup_store.h"
#include "testutil.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- composing texts ---- */

static uint64_t rng = 88172645463325252ULL;

static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Word w of a 20,000-word made-up vocabulary ("tomalu", "keribo"...). */
static void word(unsigned w, char *out)
{
    static const char *const syl[] = {"ka", "to", "ri", "ma", "lu", "be", "no", "si", "ve", "da",
                                      "pe", "go", "ni", "ha", "zu", "te", "wo", "ra", "mi", "fe"};
    int n = 0;
    out[n] = '\0';
    unsigned v = w % 20000;
    do {
        n += sprintf(out + n, "%s", syl[v % 20]);
        v /= 20;
    } while (v);
    if (w % 7 == 0)
        out[0] = (char)(out[0] - 32); /* some capitals */
}

/* A text of n words, sentences of 12, drawn from the vocabulary. */
static char *compose(int n)
{
    char *t = malloc((size_t)n * 12 + 16), w[32];
    size_t len = 0;
    for (int i = 0; i < n; i++) {
        word((unsigned)(next_rand() % 20000), w);
        len += (size_t)sprintf(t + len, "%s%s", w, (i + 1) % 12 == 0 ? ". " : " ");
    }
    t[len] = '\0';
    return t;
}

/* base with every k-th word (from a random start) replaced. */
static char *edit_words(const char *base, int every)
{
    char *t = malloc(strlen(base) * 2 + 16), w[32];
    size_t len = 0;
    int i = 0, start = (int)(next_rand() % (unsigned)every);
    for (const char *p = base; *p;) {
        size_t n = strcspn(p, " ");
        if (i++ % every == start) {
            word((unsigned)(next_rand() % 20000) + 20000, w);
            len += (size_t)sprintf(t + len, "X%s", w);
        } else {
            memcpy(t + len, p, n);
            len += n;
        }
        p += n;
        while (*p == ' ')
            t[len++] = *p++;
    }
    t[len] = '\0';
    return t;
}

/* The first frac of base's words. */
static char *cut(const char *base, double frac)
{
    size_t words = 1;
    for (const char *p = base; *p; p++)
        words += *p == ' ';
    size_t keep = (size_t)((double)words * frac), seen = 0, i = 0;
    for (; base[i] && seen < keep; i++)
        seen += base[i] == ' ';
    return strndup(base, i);
}

static char *wrap(const char *pre, const char *base, const char *post)
{
    char *t = malloc(strlen(pre) + strlen(base) + strlen(post) + 3);
    sprintf(t, "%s %s %s", pre, base, post);
    return t;
}

/* ---- the true Jaccard similarity, counted directly ---- */

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The sorted distinct shingle hashes of t (k words; ASCII texts). */
static uint64_t *shingles(const char *t, int k, size_t *n)
{
    size_t cap = strlen(t) + 1, nw = 0;
    uint64_t *w = malloc(cap * sizeof *w), *s = malloc(cap * sizeof *s);
    for (const char *p = t; *p;) {
        while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                       (*p >= '0' && *p <= '9')))
            p++;
        if (!*p)
            break;
        uint64_t h = 1469598103934665603ULL;
        while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')) {
            h = (h ^ (uint64_t)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p)) * 1099511628211ULL;
            p++;
        }
        w[nw++] = h;
    }
    *n = 0;
    for (size_t i = 0; i + (size_t)k <= nw; i++) {
        uint64_t h = 0;
        for (int j = 0; j < k; j++)
            h = (h ^ w[i + (size_t)j]) * 0x9e3779b97f4a7c15ULL + (uint64_t)j;
        s[(*n)++] = h;
    }
    qsort(s, *n, sizeof *s, cmp_u64);
    size_t u = 0;
    for (size_t i = 0; i < *n; i++)
        if (!u || s[u - 1] != s[i])
            s[u++] = s[i];
    *n = u;
    free(w);
    return s;
}

static double true_jaccard(const char *a, const char *b, int k)
{
    size_t na, nb, i = 0, j = 0, both = 0;
    uint64_t *sa = shingles(a, k, &na), *sb = shingles(b, k, &nb);
    while (i < na && j < nb) {
        if (sa[i] == sb[j])
            both++, i++, j++;
        else if (sa[i] < sb[j])
            i++;
        else
            j++;
    }
    free(sa);
    free(sb);
    return na + nb - both ? (double)both / (double)(na + nb - both) : 1;
}

static double estimate(const char *a, const char *b)
{
    dd_sig x, y;
    dd_signature(a, strlen(a), 5, &x);
    dd_signature(b, strlen(b), 5, &y);
    return dd_similarity(&x, &y);
}

/* ---- signatures ---- */

START_TEST(signature_basics)
{
    const char *a = "The company said on Tuesday it would spend $40 billion on data centres "
                    "this year, up from $30 billion, as demand for AI compute keeps growing.";
    const char *b = "the COMPANY said, on tuesday, it would spend $40 billion on data-centres\n\n"
                    "this year up from $30 billion as demand for AI compute keeps growing!!";
    ck_assert(estimate(a, a) == 1.0);
    /* case, punctuation and line breaks do not count */
    ck_assert_msg(estimate(a, b) > 0.95, "%f", estimate(a, b));
    /* non-ASCII letters make words; their punctuation does not */
    ck_assert(estimate("Ça coûte 5 milliards d’euros cette année à l’entreprise, dit-elle.",
                       "ça coûte 5 milliards d’euros cette année à l’entreprise — dit elle") > 0.9);
    dd_sig s;
    ck_assert_uint_eq(dd_signature("three short words", 17, 5, &s), 3);
    for (int i = 0; i < DD_K; i++)
        ck_assert_uint_eq(s.v[i], 0);
    char *x = compose(500), *y = compose(500);
    ck_assert_msg(estimate(x, y) < 0.08, "unrelated texts: %f", estimate(x, y));
    free(x);
    free(y);
}
END_TEST

/* Composed near-duplicates: each estimate within four standard errors of
 * the truth (MinHash's is sqrt(J(1-J)/128)), on average within 0.03, and
 * the 0.7 threshold sorts them as the truth does. */
START_TEST(composed_near_duplicates)
{
    double total_err = 0;
    int trials = 0;
    for (int round = 0; round < 20; round++) {
        char *base = compose(600);
        struct {
            const char *what;
            char *text;
        } v[] = {
            {"wire credits added", wrap("LONDON (Wire) -", base, "Reporting by A. Writer; "
                                        "editing by B. Editor. Our standards: the trust "
                                        "principles.")},
            {"one word in 100 changed", edit_words(base, 100)},
            {"one word in 40 changed", edit_words(base, 40)},
            {"one word in 10 changed", edit_words(base, 10)},
            {"the first 80%", cut(base, 0.8)},
            {"the first 50%", cut(base, 0.5)},
            {"another story", compose(600)},
        };
        for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
            double t = true_jaccard(base, v[i].text, 5), e = estimate(base, v[i].text);
            double tol = 4 * sqrt(t * (1 - t) / DD_K) + 0.02;
            ck_assert_msg(fabs(e - t) <= tol, "%s: estimate %.3f, true %.3f", v[i].what, e, t);
            total_err += fabs(e - t);
            trials++;
            if (t > 0.8)
                ck_assert_msg(e >= 0.7, "%s: %.3f (true %.3f) missed", v[i].what, e, t);
            if (t < 0.6)
                ck_assert_msg(e < 0.7, "%s: %.3f (true %.3f) matched", v[i].what, e, t);
            free(v[i].text);
        }
        free(base);
    }
    printf("signatures: mean absolute error %.4f over %d composed pairs\n", total_err / trials,
           trials);
    ck_assert_msg(total_err / trials < 0.03, "mean error %.3f", total_err / trials);
}
END_TEST

START_TEST(band_choice)
{
    for (double t = 0.3; t < 0.99; t += 0.05) {
        int b, r;
        dd_bands(t, &b, &r);
        ck_assert_int_le(b * r, DD_K);
        double p = t + (1 - t) / 256;
        double hit = 1;
        double miss_band = 1;
        for (int i = 0; i < r; i++)
            miss_band *= p;
        for (int i = 0; i < b; i++)
            hit *= 1 - miss_band;
        ck_assert_msg(1 - hit >= 0.95, "threshold %.2f: %d bands of %d find a pair %.3f", t, b, r,
                      1 - hit);
    }
}
END_TEST

/* ---- the index ---- */

static void add_doc(dd_index *x, const char *id, const char *text, uint32_t time, double thr,
                    uint32_t *story_root)
{
    dd_entry e = {0};
    e.id = dd_hash64(id, strlen(id));
    e.content = dd_hash64(text, strlen(text));
    e.time = time;
    e.doc_id = (char *)id;
    e.source = dd_index_source(x, "s");
    e.has_sig = dd_signature(text, strlen(text), 5, &e.sig) >= 25;
    uint32_t j = dd_index_by_content(x, e.content);
    if (j == DD_NONE && e.has_sig) {
        double sim;
        j = dd_index_similar(x, &e.sig, thr, &sim);
    }
    e.story = j == DD_NONE ? e.id : x->e[j].story;
    uint32_t at = dd_index_add(x, &e);
    ck_assert_uint_ne(at, DD_NONE);
    if (story_root)
        *story_root = dd_index_story(x, e.story)->root;
}

/* 20,000 unrelated documents and 500 near-duplicates of some of them:
 * every near-duplicate found, no unrelated one grouped. */
START_TEST(index_recall)
{
    dd_index x;
    dd_index_init(&x, 0.7);
    char **texts = calloc(20000, sizeof *texts);
    char id[32];
    for (int i = 0; i < 20000; i++) {
        texts[i] = compose(150 + (int)(next_rand() % 400));
        snprintf(id, sizeof id, "doc-%d", i);
        uint32_t root;
        add_doc(&x, id, texts[i], 1000, 0.7, &root);
        ck_assert_msg(root == (uint32_t)i, "doc %d grouped with %u", i, root);
    }
    int found = 0;
    for (int k = 0; k < 500; k++) {
        int of = (int)(next_rand() % 20000);
        char *t = wrap("By a staff writer.", texts[of], "Copyright the agency.");
        char *v = edit_words(t, 60);
        snprintf(id, sizeof id, "near-%d", k);
        uint32_t root;
        add_doc(&x, id, v, 1000, 0.7, &root);
        found += root == (uint32_t)of;
        free(t);
        free(v);
    }
    ck_assert_msg(found >= 495, "%d of 500 near-duplicates found", found);
    ck_assert_uint_eq(x.nstories, 20000);
    for (int i = 0; i < 20000; i++)
        free(texts[i]);
    free(texts);
    dd_index_free(&x);
}
END_TEST

/* 100,000 documents of 300 words, a tenth of them near-duplicates:
 * signature and index together, no pairwise comparison. */
START_TEST(speed_100k)
{
    dd_index x;
    dd_index_init(&x, 0.7);
    enum { N = 100000 };
    char **texts = calloc(N, sizeof *texts);
    for (int i = 0; i < N; i++)
        texts[i] = i % 10 == 9 ? edit_words(texts[i - 1 - (int)(next_rand() % 8)], 50)
                               : compose(300);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char id[32];
    for (int i = 0; i < N; i++) {
        snprintf(id, sizeof id, "d%d", i);
        add_doc(&x, id, texts[i], 1000, 0.7, NULL);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    size_t dups = N - x.nstories;
    printf("dedup index: %d documents of 300 words in %.2f s (%.0f documents/s), %zu grouped "
           "(%d planted)\n",
           N, s, N / s, dups, N / 10);
    ck_assert_msg(dups >= N / 10 - N / 100 && dups <= N / 10 + N / 1000, "%zu grouped", dups);
    ck_assert_msg(s < 60, "100,000 documents took %.1f s", s);
    for (int i = 0; i < N; i++)
        free(texts[i]);
    free(texts);
    dd_index_free(&x);
}
END_TEST

/* ---- the memory file ---- */

static void entry_for(dd_index *x, dd_entry *e, const char *id, const char *text, uint64_t story,
                      uint32_t time)
{
    memset(e, 0, sizeof *e);
    e->id = dd_hash64(id, strlen(id));
    e->content = dd_hash64(text, strlen(text));
    e->story = story ? story : e->id;
    e->time = time;
    e->doc_id = (char *)id;
    e->source = dd_index_source(x, "outlet");
    e->has_sig = dd_signature(text, strlen(text), 5, &e->sig) >= 5;
}

START_TEST(store_reload_and_repair)
{
    char *dir = tmpdir_new(), *path = path_in(dir, "sub/folder/m.dedup");
    char warn[512], err[512];
    dd_store st;
    dd_index x;
    dd_index_init(&x, 0.7);
    ck_assert_int_eq(dd_store_open(&st, path, 5, &x, 100000, 0, warn, sizeof warn, err, sizeof err),
                     0);
    char *texts[10];
    dd_entry e;
    uint64_t first = 0;
    for (int i = 0; i < 10; i++) {
        char id[16];
        snprintf(id, sizeof id, "id-%d", i);
        texts[i] = compose(100);
        entry_for(&x, &e, id, texts[i], first, 100000 + (uint32_t)i);
        if (!first)
            first = e.id;
        ck_assert_int_eq(dd_store_append(&st, &e, "outlet", err, sizeof err), 0);
        ck_assert_uint_ne(dd_index_add(&x, &e), DD_NONE);
    }
    ck_assert_int_eq(dd_store_finish(&st, &x, err, sizeof err), 0);
    dd_store_close(&st);
    dd_index_free(&x);

    /* reloaded: the same entries, one story of ten */
    dd_index_init(&x, 0.7);
    ck_assert_int_eq(dd_store_open(&st, path, 5, &x, 100020, 0, warn, sizeof warn, err, sizeof err),
                     0);
    ck_assert_str_eq(warn, "");
    ck_assert_uint_eq(x.n, 10);
    ck_assert_uint_eq(x.nstories, 1);
    ck_assert_uint_eq(dd_index_story(&x, first)->ndocs, 10);
    ck_assert_str_eq(x.e[3].doc_id, "id-3");
    ck_assert(x.e[3].has_sig);
    dd_sig s;
    dd_signature(texts[3], strlen(texts[3]), 5, &s);
    ck_assert_int_eq(memcmp(s.v, x.e[3].sig.v, DD_K), 0);
    dd_store_close(&st);
    dd_index_free(&x);

    /* a write cut short: the damaged end is cut off, the rest kept */
    struct stat sb;
    stat(path, &sb);
    ck_assert_int_eq(truncate(path, sb.st_size - 7), 0);
    dd_index_init(&x, 0.7);
    ck_assert_int_eq(dd_store_open(&st, path, 5, &x, 100020, 0, warn, sizeof warn, err, sizeof err),
                     0);
    ck_assert_msg(strstr(warn, "not a whole record") != NULL, "%s", warn);
    ck_assert_uint_eq(x.n, 9);
    /* and appending goes on after the cut */
    entry_for(&x, &e, "id-9", texts[9], first, 100009);
    ck_assert_int_eq(dd_store_append(&st, &e, "outlet", err, sizeof err), 0);
    dd_store_close(&st);
    dd_index_free(&x);
    dd_index_init(&x, 0.7);
    ck_assert_int_eq(dd_store_open(&st, path, 5, &x, 100020, 0, warn, sizeof warn, err, sizeof err),
                     0);
    ck_assert_str_eq(warn, "");
    ck_assert_uint_eq(x.n, 10);
    dd_store_close(&st);
    dd_index_free(&x);

    /* other shingle settings: entries kept, signatures not */
    dd_index_init(&x, 0.7);
    ck_assert_int_eq(dd_store_open(&st, path, 4, &x, 100020, 0, warn, sizeof warn, err, sizeof err),
                     0);
    ck_assert_msg(strstr(warn, "shingle_words 5") != NULL, "%s", warn);
    ck_assert_uint_eq(x.n, 10);
    ck_assert(!x.e[0].has_sig);
    dd_store_close(&st);
    dd_index_free(&x);

    /* not a memory file */
    write_text(path, "something else entirely, long enough for a header");
    dd_index_init(&x, 0.7);
    ck_assert_int_eq(dd_store_open(&st, path, 5, &x, 100020, 0, warn, sizeof warn, err, sizeof err),
                     -1);
    ck_assert_msg(strstr(err, "is not a dedup memory file") != NULL, "%s", err);
    dd_store_close(&st);
    dd_index_free(&x);
    for (int i = 0; i < 10; i++)
        free(texts[i]);
    free(path);
    tmpdir_free(dir);
}
END_TEST

/* Stories older than the window are forgotten on load and compacted away
 * when the run ends. */
START_TEST(store_window_and_compaction)
{
    char *dir = tmpdir_new(), *path = path_in(dir, "m.dedup");
    char warn[512], err[512];
    dd_store st;
    dd_index x;
    dd_entry e;
    dd_index_init(&x, 0.7);
    ck_assert_int_eq(dd_store_open(&st, path, 5, &x, 0, 0, warn, sizeof warn, err, sizeof err), 0);
    /* 300 old stories (day 1), 100 recent ones (day 40); one old story
     * also got a document on day 40, so it stays whole */
    char id[32];
    uint64_t kept_story = 0;
    for (int i = 0; i < 400; i++) {
        char *t = compose(60);
        snprintf(id, sizeof id, "doc-%d", i);
        entry_for(&x, &e, id, t, 0, i < 300 ? 86400u : 40u * 86400u);
        if (i == 0)
            kept_story = e.id;
        ck_assert_int_eq(dd_store_append(&st, &e, "outlet", err, sizeof err), 0);
        free(t);
    }
    char *t = compose(60);
    entry_for(&x, &e, "late", t, kept_story, 40u * 86400u);
    free(t);
    ck_assert_int_eq(dd_store_append(&st, &e, "outlet", err, sizeof err), 0);
    dd_store_close(&st);
    dd_index_free(&x);

    dd_index_init(&x, 0.7);
    ck_assert_int_eq(dd_store_open(&st, path, 5, &x, 41u * 86400u, 30u * 86400u, warn, sizeof warn,
                                   err, sizeof err),
                     0);
    ck_assert_uint_eq(x.n, 102);
    ck_assert_uint_eq(x.nstories, 101);
    ck_assert_uint_eq(dd_index_story(&x, kept_story)->ndocs, 2);
    struct stat before, after;
    stat(path, &before);
    ck_assert_int_eq(dd_store_finish(&st, &x, err, sizeof err), 0);
    stat(path, &after);
    ck_assert_msg(after.st_size < before.st_size / 2, "not compacted: %lld -> %lld",
                  (long long)before.st_size, (long long)after.st_size);
    dd_store_close(&st);
    dd_index_free(&x);
    dd_index_init(&x, 0.7);
    ck_assert_int_eq(dd_store_open(&st, path, 5, &x, 41u * 86400u, 30u * 86400u, warn, sizeof warn,
                                   err, sizeof err),
                     0);
    ck_assert_uint_eq(x.n, 102);
    dd_store_close(&st);
    dd_index_free(&x);
    free(path);
    tmpdir_free(dir);
}
END_TEST

/* ---- the plugin, through assay run ---- */

static json_t *csv_objects(const char *path)
{
    json_t *out = json_array();
    char *text = python_csv_json(path);
    ck_assert_msg(text != NULL, "cannot read %s", path);
    json_t *rows = json_loads(text, 0, NULL);
    free(text);
    json_t *head = json_array_get(rows, 0);
    for (size_t i = 1; i < json_array_size(rows); i++) {
        json_t *o = json_object(), *row = json_array_get(rows, i);
        for (size_t k = 0; k < json_array_size(head); k++)
            json_object_set(o, json_string_value(json_array_get(head, k)), json_array_get(row, k));
        json_array_append_new(out, o);
    }
    json_decref(rows);
    return out;
}

static json_t *by_id(json_t *rows, const char *key, const char *id)
{
    json_t *r;
    size_t i;
    json_t *last = NULL;
    json_array_foreach(rows, i, r)
    {
        if (strcmp(json_string_value(json_object_get(r, key)), id) == 0)
            last = r; /* stories: the latest row of a story wins */
    }
    return last;
}

static const char *f(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static void add_line(FILE *fp, const char *id, const char *source, const char *text)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "id", id, "source", source, "text", text,
                          "url", "https://example.test/x");
    char *s = json_dumps(o, JSON_COMPACT);
    fprintf(fp, "%s\n", s);
    free(s);
    json_decref(o);
}

static int run_pipeline(const char *dir, const char *extra, proc *p)
{
    char *pl = path_in(dir, "p.json");
    char text[2048];
    snprintf(text, sizeof text,
             "{\"name\": \"dd\",\n"
             " \"sources\": [{\"id\": \"in\", \"plugin\": \"files\", \"paths\": [\"docs.jsonl\"]}],\n"
             " \"transforms\": [{\"id\": \"dedup\", \"plugin\": \"dedup\", \"input\": "
             "[\"in.documents\"]%s}],\n"
             " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [\"dedup.documents\", "
             "\"dedup.originals\", \"dedup.stories\"]}]}\n",
             extra);
    write_text(pl, text);
    free(pl);
    const char *args[] = {"run", "p.json", NULL};
    return assay_run(p, dir, args, 120);
}

START_TEST(plugin_across_runs)
{
    char *dir = tmpdir_new(), *docs = path_in(dir, "docs.jsonl");
    char *a = compose(400), *b = compose(300), *c = compose(200);
    char *a_wire = wrap("NEW YORK (Wire) -", a, "Reporting by A. Writer."), *a_edit = edit_words(a, 80);
    char *b_near = edit_words(b, 100);
    FILE *fp = fopen(docs, "w");
    add_line(fp, "A", "outlet-a.test", a);
    add_line(fp, "A-copy", "outlet-b.test", a);     /* exact, another outlet */
    add_line(fp, "A-wire", "outlet-c.test", a_wire); /* near, a third */
    add_line(fp, "B", "outlet-a.test", b);
    add_line(fp, "B-again", "outlet-a.test", b_near); /* near, same outlet */
    add_line(fp, "C", "outlet-a.test", c);
    add_line(fp, "short-1", "outlet-a.test", "Shares rose 3% on Monday.");
    add_line(fp, "short-2", "outlet-b.test", "Shares rose 3% on Monday.");
    add_line(fp, "short-3", "outlet-c.test", "Shares rose 4% on Monday.");
    fclose(fp);
    proc p;
    int code = run_pipeline(dir, "", &p);
    ck_assert_msg(code == 0, "exit %d: %s", code, p.err);
    proc_free(&p);
    char *dpath = path_in(dir, "out/documents.csv"), *opath = path_in(dir, "out/originals.csv"),
         *spath = path_in(dir, "out/stories.csv");
    json_t *d = csv_objects(dpath), *o = csv_objects(opath), *s = csv_objects(spath);
    ck_assert_int_eq((int)json_array_size(d), 9);
    ck_assert_str_eq(f(by_id(d, "id", "A"), "duplicate_of"), "");
    ck_assert_str_eq(f(by_id(d, "id", "A"), "sources"), "1");
    ck_assert_str_eq(f(by_id(d, "id", "A-copy"), "duplicate_of"), "A");
    ck_assert_str_eq(f(by_id(d, "id", "A-copy"), "sources"), "2");
    ck_assert_str_eq(f(by_id(d, "id", "A-wire"), "duplicate_of"), "A");
    ck_assert_str_eq(f(by_id(d, "id", "A-wire"), "sources"), "3");
    ck_assert_str_eq(f(by_id(d, "id", "B-again"), "duplicate_of"), "B");
    ck_assert_str_eq(f(by_id(d, "id", "B-again"), "sources"), "1"); /* the same outlet */
    ck_assert_str_eq(f(by_id(d, "id", "C"), "duplicate_of"), "");
    ck_assert_str_eq(f(by_id(d, "id", "short-2"), "duplicate_of"), "short-1"); /* exact */
    ck_assert_str_eq(f(by_id(d, "id", "short-3"), "duplicate_of"), "");        /* too short */
    /* the other fields pass through */
    ck_assert_str_eq(f(by_id(d, "id", "C"), "text"), c);
    ck_assert_str_eq(f(by_id(d, "id", "C"), "source"), "outlet-a.test");
    /* originals: one per story */
    ck_assert_int_eq((int)json_array_size(o), 5);
    ck_assert_ptr_null(by_id(o, "id", "A-copy"));
    /* stories: the latest row says five outlets... three here */
    json_t *sa = by_id(s, "story_id", "A");
    ck_assert_str_eq(f(sa, "documents"), "3");
    ck_assert_str_eq(f(sa, "sources"), "3");
    ck_assert_str_eq(f(sa, "source_names"), "[\"outlet-a.test\",\"outlet-b.test\",\"outlet-c.test\"]");
    json_decref(d);
    json_decref(o);
    json_decref(s);

    /* the next run: a fourth outlet's rewrite of A, and A-copy again (a
     * replay: the same answer, nothing new remembered) */
    char *mem = path_in(dir, "state/dd/dd.dedup.dedup");
    struct stat before, after;
    ck_assert_int_eq(stat(mem, &before), 0);
    fp = fopen(docs, "w");
    add_line(fp, "A-fourth", "outlet-d.test", a_edit);
    add_line(fp, "A-copy", "outlet-b.test", a);
    fclose(fp);
    code = run_pipeline(dir, "", &p);
    ck_assert_msg(code == 0, "exit %d: %s", code, p.err);
    proc_free(&p);
    d = csv_objects(dpath);
    s = csv_objects(spath);
    ck_assert_str_eq(f(by_id(d, "id", "A-fourth"), "duplicate_of"), "A");
    ck_assert_str_eq(f(by_id(d, "id", "A-fourth"), "sources"), "4");
    ck_assert_str_eq(f(by_id(d, "id", "A-copy"), "duplicate_of"), "A");
    ck_assert_str_eq(f(by_id(d, "id", "A-copy"), "sources"), "4");
    ck_assert_str_eq(f(by_id(s, "story_id", "A"), "sources"), "4");
    ck_assert_str_eq(f(by_id(s, "story_id", "A"), "documents"), "4");
    ck_assert_int_eq(stat(mem, &after), 0);
    ck_assert_msg(after.st_size > before.st_size && after.st_size < before.st_size + 400,
                  "one record more expected: %lld -> %lld", (long long)before.st_size,
                  (long long)after.st_size);
    json_decref(d);
    json_decref(s);

    /* persist false: nothing is remembered, nothing written */
    char *dir2 = tmpdir_new(), *docs2 = path_in(dir2, "docs.jsonl");
    fp = fopen(docs2, "w");
    add_line(fp, "A-fourth", "outlet-d.test", a_edit);
    fclose(fp);
    code = run_pipeline(dir2, ", \"persist\": false", &p);
    ck_assert_msg(code == 0, "exit %d: %s", code, p.err);
    proc_free(&p);
    char *mem2 = path_in(dir2, "state/dd/dd.dedup.dedup");
    ck_assert(!file_exists(mem2));
    free(mem2);
    free(docs2);
    tmpdir_free(dir2);

    free(mem);
    free(dpath);
    free(opath);
    free(spath);
    free(a);
    free(b);
    free(c);
    free(a_wire);
    free(a_edit);
    free(b_near);
    free(docs);
    tmpdir_free(dir);
}
END_TEST

/* kill -9 mid-run, then the run again: every document comes out, and a
 * document written by both runs is the duplicate of the same document both
 * times (the memory file already held what the killed run passed on); its
 * sources count can only have grown. */
START_TEST(killed_run_same_answers)
{
    char *dir = tmpdir_new(), *docs = path_in(dir, "docs.jsonl");
    FILE *fp = fopen(docs, "w");
    char **texts = calloc(30000, sizeof *texts), id[32], src[32];
    for (int i = 0; i < 30000; i++) {
        texts[i] = i % 5 == 4 ? edit_words(texts[i - 1], 60) : compose(200);
        snprintf(id, sizeof id, "doc-%d", i);
        snprintf(src, sizeof src, "outlet-%d", i % 7);
        add_line(fp, id, src, texts[i]);
    }
    fclose(fp);
    char *pl = path_in(dir, "p.json");
    write_text(pl, "{\"name\": \"dd\",\n"
                   " \"sources\": [{\"id\": \"in\", \"plugin\": \"files\", \"paths\": "
                   "[\"docs.jsonl\"]}],\n"
                   " \"transforms\": [{\"id\": \"dedup\", \"plugin\": \"dedup\", \"input\": "
                   "[\"in.documents\"]}],\n"
                   " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": "
                   "[\"dedup.documents\"], \"mode\": \"append\", \"batch_size\": 500}]}\n");
    const char *args[] = {"run", "p.json", NULL};
    char *mem = path_in(dir, "state/dd/dd.dedup.dedup");
    proc p;
    assay_start(&p, dir, args);
    struct stat sb;
    for (int i = 0; i < 1000 && !(stat(mem, &sb) == 0 && sb.st_size > 180 * 8000); i++) {
        struct timespec ts = {0, 5 * 1000000};
        nanosleep(&ts, NULL);
    }
    kill(p.pid, SIGKILL);
    proc_wait(&p, 30);
    proc_free(&p);
    int code = assay_run(&p, dir, args, 300);
    ck_assert_msg(code == 0, "exit %d: %s", code, p.err);
    proc_free(&p);
    char *csv = path_in(dir, "out/documents.csv");
    json_t *rows = csv_objects(csv), *marks = json_object(), *r;
    size_t i;
    int again = 0;
    json_array_foreach(rows, i, r)
    {
        const char *key = f(r, "id");
        char mark[256];
        snprintf(mark, sizeof mark, "%s/%s", f(r, "duplicate_of"), f(r, "sources"));
        json_t *prev = json_object_get(marks, key);
        if (prev) {
            const char *was = json_string_value(prev);
            size_t cut = strcspn(was, "/");
            again++;
            ck_assert_msg(strncmp(was, mark, cut + 1) == 0, "%s: %s, then %s", key, was, mark);
            ck_assert_msg(atoi(was + cut + 1) <= atoi(strchr(mark, '/') + 1), "%s: %s, then %s",
                          key, was, mark);
        }
        json_object_set_new(marks, key, json_string(mark));
    }
    ck_assert_int_eq((int)json_object_size(marks), 30000);
    ck_assert_msg(again > 0, "the first run was not killed midway");
    /* the near-duplicates are marked whichever run wrote them */
    int dups = 0;
    const char *k;
    json_t *v;
    json_object_foreach(marks, k, v)
    {
        dups += json_string_value(v)[0] != '/';
    }
    ck_assert_msg(dups >= 5900 && dups <= 6000, "%d duplicates of 6000", dups);
    json_decref(rows);
    json_decref(marks);
    for (int j = 0; j < 30000; j++)
        free(texts[j]);
    free(texts);
    free(csv);
    free(mem);
    free(pl);
    free(docs);
    tmpdir_free(dir);
}
END_TEST

START_TEST(check_reports_bad_config)
{
    static const char *const cases[][2] = {
        {", \"threshold\": 1.5", "threshold must be above 0 and at most 1"},
        {", \"shingle_words\": 0", "shingle_words must be from 1 to 16"},
        {", \"window_days\": -1", "window_days must be from 0"},
        {", \"dir\": \"\"", "dir must not be empty"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[2048];
        snprintf(text, sizeof text,
                 "{\"name\": \"dd\", \"sources\": [{\"id\": \"in\", \"plugin\": \"files\", "
                 "\"paths\": [\"x\"]}], \"transforms\": [{\"id\": \"dedup\", \"plugin\": "
                 "\"dedup\", \"input\": [\"in.documents\"]%s}], \"sinks\": [{\"id\": \"out\", "
                 "\"plugin\": \"csv\", \"input\": [\"dedup.documents\"]}]}",
                 cases[i][0]);
        proc p;
        int code = assay_check_text(&p, text);
        ck_assert_msg(code == 2, "case %zu: exit %d", i, code);
        ck_assert_msg(strstr(p.err, cases[i][1]) != NULL, "case %zu: %s", i, p.err);
        proc_free(&p);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("dedup");
    TCase *tc = tcase_create("dedup");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, signature_basics);
    tcase_add_test(tc, composed_near_duplicates);
    tcase_add_test(tc, band_choice);
    tcase_add_test(tc, index_recall);
    tcase_add_test(tc, speed_100k);
    tcase_add_test(tc, store_reload_and_repair);
    tcase_add_test(tc, store_window_and_compaction);
    tcase_add_test(tc, plugin_across_runs);
    tcase_add_test(tc, killed_run_same_answers);
    tcase_add_test(tc, check_reports_bad_config);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
