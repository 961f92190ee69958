/* test_units.c - the core's building blocks, one by one. */
#include "testutil.h"

#include "csvread.h"
#include "ctx.h"
#include "diag.h"
#include "jsonpos.h"
#include "mem.h"
#include "pipeline.h"
#include "queue.h"
#include "record.h"
#include "schema.h"
#include "sha256.h"
#include "timefmt.h"
#include "utf8.h"

#include <jansson.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ---- sha256: FIPS 180-4 example vectors ---- */

START_TEST(sha256_vectors)
{
    char hex[65];
    sha256_hex("", 0, hex);
    ck_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    sha256_hex("abc", 3, hex);
    ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    sha256_hex(two, strlen(two), hex);
    ck_assert_str_eq(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    /* a million 'a's, fed in uneven pieces */
    sha256_ctx c;
    unsigned char d[32];
    char chunk[1000];
    memset(chunk, 'a', sizeof chunk);
    sha256_init(&c);
    size_t left = 1000000, step = 1;
    while (left) {
        size_t n = step < left ? step : left;
        sha256_update(&c, chunk, n);
        left -= n;
        step = step % 997 + 1;
    }
    sha256_final(&c, d);
    ck_assert_int_eq(d[0], 0xcd);
    ck_assert_int_eq(d[31], 0xd0);
}
END_TEST

/* ---- dates and times ---- */

START_TEST(time_parse_forms)
{
    int64_t t;
    ck_assert_int_eq(time_parse("2026-11-23", 10, &t), 0);
    ck_assert_int_eq(t, 1795392000LL * 1000000);
    const char *s = "2026-11-23T11:06:40Z";
    ck_assert_int_eq(time_parse(s, strlen(s), &t), 0);
    ck_assert_int_eq(t, (1795392000LL + 11 * 3600 + 6 * 60 + 40) * 1000000);
    s = "2026-11-23T12:06:40+01:00";
    int64_t t2;
    ck_assert_int_eq(time_parse(s, strlen(s), &t2), 0);
    ck_assert_int_eq(t, t2);
    s = "2026-11-23 06:06:40.5-0500";
    ck_assert_int_eq(time_parse(s, strlen(s), &t2), 0);
    ck_assert_int_eq(t2, t + 500000);
    s = "Mon, 23 Nov 2026 11:06:40 GMT";
    ck_assert_int_eq(time_parse(s, strlen(s), &t2), 0);
    ck_assert_int_eq(t, t2);
    s = "Mon, 23 Nov 2026 06:06:40 EST";
    ck_assert_int_eq(time_parse(s, strlen(s), &t2), 0);
    ck_assert_int_eq(t, t2);
    s = "23 Nov 2026 11:06:40 +0000";
    ck_assert_int_eq(time_parse(s, strlen(s), &t2), 0);
    ck_assert_int_eq(t, t2);
}
END_TEST

START_TEST(time_parse_rejects)
{
    int64_t t;
    const char *bad[] = {"",           "2026",          "2026-13-01",         "2026-02-30",
                         "2025-02-29", "2026-11-23T25:00", "2026-11-23T11:06:40+25:00",
                         "yesterday",  "Mon, 32 Nov 2026 11:06:40 GMT", "2026-11-23Tjunk",
                         "Mon, 23 Foo 2026 11:06:40 GMT", NULL};
    for (int i = 0; bad[i]; i++)
        ck_assert_msg(time_parse(bad[i], strlen(bad[i]), &t) != 0, "accepted '%s'", bad[i]);
    ck_assert_int_eq(time_parse("2024-02-29", 10, &t), 0); /* a leap day */
}
END_TEST

START_TEST(time_format_round_trip)
{
    char out[40];
    time_format(0, out);
    ck_assert_str_eq(out, "1970-01-01T00:00:00Z");
    time_format(-1, out);
    ck_assert_str_eq(out, "1969-12-31T23:59:59.999999Z");
    int64_t t;
    ck_assert_int_eq(time_parse("2000-02-29T23:59:59.123456Z", 27, &t), 0);
    time_format(t, out);
    ck_assert_str_eq(out, "2000-02-29T23:59:59.123456Z");
    char d[24];
    date_format(-135080, d); /* the day arithmetic itself: common.civil */
    ck_assert_str_eq(d, "1600-03-01");
}
END_TEST

/* ---- UTF-8 ---- */

START_TEST(utf8_checks)
{
    size_t bad;
    ck_assert(utf8_valid("plain ascii", 11, &bad));
    ck_assert(utf8_valid("\xE2\x82\xAC \xF0\x9F\x98\x80 \xC3\xA9", 11, &bad));
    ck_assert(!utf8_valid("ab\xC3", 3, &bad)); /* truncated */
    ck_assert_int_eq(bad, 2);
    ck_assert(!utf8_valid("\xC0\xAF", 2, &bad));         /* overlong '/' */
    ck_assert(!utf8_valid("\xED\xA0\x80", 3, &bad));     /* a surrogate */
    ck_assert(!utf8_valid("\xF4\x90\x80\x80", 4, &bad)); /* above U+10FFFF */
    ck_assert(!utf8_valid("abcdefgh\xFFxyz", 12, &bad)); /* past the fast path */
    ck_assert_int_eq(bad, 8);
}
END_TEST

/* ---- positions in JSON ---- */

START_TEST(jsonpos_positions)
{
    const char *text = "{\n  \"name\": \"x\",\n  \"sources\": [\n    {\"id\": \"a\", \"p~/q\": [1, {\"k\": true}]}\n  ],\n  \"é\": \"ü\", \"z\": null\n}";
    jpos_map *m = jpos_scan(text, strlen(text));
    ck_assert_ptr_nonnull(m);
    const jpos *p = jpos_get(m, "/name");
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(p->key_line, 2);
    ck_assert_int_eq(p->key_col, 3);
    ck_assert_int_eq(p->line, 2);
    ck_assert_int_eq(p->col, 11);
    p = jpos_get(m, "/sources/0/id");
    ck_assert_int_eq(p->line, 4);
    ck_assert_int_eq(p->col, 12);
    p = jpos_get(m, "/sources/0/p~0~1q/1/k");
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(p->col, 35);
    p = jpos_get(m, "/z");
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(p->line, 6);
    ck_assert_int_eq(p->key_col, 13); /* code points: in bytes it would be 15 */
    ck_assert_ptr_null(jpos_get(m, "/nothing"));
    jpos_free(m);
    ck_assert_ptr_null(jpos_scan("{\"a\": ", 6));
}
END_TEST

START_TEST(jsonpos_deep_and_large)
{
    /* deep nesting needs no C stack; past the limit, no positions */
    size_t depth = 2000;
    char *deep = malloc(2 * depth + 1);
    memset(deep, '[', depth);
    memset(deep + depth, ']', depth);
    deep[2 * depth] = '\0';
    jpos_map *m = jpos_scan(deep, 2 * depth);
    ck_assert_ptr_nonnull(m);
    jpos_free(m);
    free(deep);
    depth = 100000;
    deep = malloc(2 * depth + 1);
    memset(deep, '[', depth);
    memset(deep + depth, ']', depth);
    ck_assert_ptr_null(jpos_scan(deep, 2 * depth));
    free(deep);
    /* many values: the hash map keeps lookups fast */
    buf b;
    buf_init(&b);
    buf_putc(&b, '[');
    for (int i = 0; i < 100000; i++)
        buf_printf(&b, "%s{\"k\":%d}", i ? "," : "", i);
    buf_putc(&b, ']');
    m = jpos_scan(b.data, b.len);
    ck_assert_ptr_nonnull(m);
    ck_assert_ptr_nonnull(jpos_get(m, "/99999/k"));
    jpos_free(m);
    buf_free(&b);
}
END_TEST

/* ---- environment substitution ---- */

START_TEST(env_substitution)
{
    setenv("ASSAY_T_SET", "value", 1);
    setenv("ASSAY_T_EMPTY", "", 1);
    unsetenv("ASSAY_T_UNSET");
    char *missing;
    char *s = env_substitute("a ${ASSAY_T_SET} b", &missing);
    ck_assert_str_eq(s, "a value b");
    free(s);
    s = env_substitute("${ASSAY_T_UNSET:-fallback}/${ASSAY_T_EMPTY:-e}", &missing);
    ck_assert_str_eq(s, "fallback/e");
    free(s);
    s = env_substitute("[${ASSAY_T_EMPTY}] $${ASSAY_T_SET} $x $", &missing);
    ck_assert_str_eq(s, "[] ${ASSAY_T_SET} $x $");
    free(s);
    ck_assert_ptr_null(env_substitute("${ASSAY_T_UNSET}", &missing));
    ck_assert_str_eq(missing, "ASSAY_T_UNSET");
    free(missing);
    ck_assert_ptr_null(env_substitute("${unclosed", &missing));
    ck_assert_ptr_null(missing);
    ck_assert_ptr_null(env_substitute("${1bad}", &missing));
    ck_assert_ptr_null(missing);
}
END_TEST

/* ---- suggestions ---- */

START_TEST(nearest_words)
{
    const char *keys[] = {"paths", "recursive", "max_bytes", "kind"};
    ck_assert_int_eq(edit_distance("pathz", "paths"), 1);
    ck_assert_int_eq(edit_distance("recrusive", "recursive"), 1); /* a transposition */
    ck_assert_str_eq(nearest_word("pahts", keys, 4), "paths");
    ck_assert_str_eq(nearest_word("max_byte", keys, 4), "max_bytes");
    ck_assert_ptr_null(nearest_word("colour", keys, 4));
}
END_TEST

/* ---- CSV reading ---- */

START_TEST(csv_reader_cases)
{
    const char *data = "a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\n\"multi\nline\",,\"\"\nlast,row,end";
    csv_reader r;
    csv_row row;
    char err[128];
    csv_reader_init(&r, data, strlen(data));
    ck_assert_int_eq(csv_next(&r, &row, err, sizeof err), 1);
    ck_assert_int_eq(row.n, 3);
    csv_row_free(&row);
    ck_assert_int_eq(csv_next(&r, &row, err, sizeof err), 1);
    ck_assert_str_eq(row.fields[0].text, "x,1");
    ck_assert_str_eq(row.fields[1].text, "say \"hi\"");
    ck_assert_str_eq(row.fields[2].text, "");
    ck_assert_int_eq(row.fields[2].quoted, 0);
    csv_row_free(&row);
    ck_assert_int_eq(csv_next(&r, &row, err, sizeof err), 1);
    ck_assert_str_eq(row.fields[0].text, "multi\nline");
    ck_assert_int_eq(row.fields[2].quoted, 1); /* "" is an empty string, not a NULL */
    csv_row_free(&row);
    ck_assert_int_eq(csv_next(&r, &row, err, sizeof err), 1);
    ck_assert_str_eq(row.fields[2].text, "end");
    csv_row_free(&row);
    ck_assert_int_eq(csv_next(&r, &row, err, sizeof err), 0);

    const char *bad[] = {"\"never closed", "a\"b", "\"x\"y", NULL};
    for (int i = 0; bad[i]; i++) {
        csv_reader_init(&r, bad[i], strlen(bad[i]));
        ck_assert_int_eq(csv_next(&r, &row, err, sizeof err), -1);
        ck_assert(contains(err, "line 1"));
    }
}
END_TEST

/* ---- records ---- */

static assay_stream *test_stream(void)
{
    static const assay_field fields[] = {{"id", ASSAY_T_STRING, ASSAY_FIELD_KEY | ASSAY_FIELD_REQUIRED, NULL},
                                         {"n", ASSAY_T_INT, 0, NULL},
                                         {"x", ASSAY_T_FLOAT, 0, NULL},
                                         {"ok", ASSAY_T_BOOL, 0, NULL},
                                         {"at", ASSAY_T_TIMESTAMP, 0, NULL},
                                         {"day", ASSAY_T_DATE, 0, NULL},
                                         {"meta", ASSAY_T_JSON, 0, NULL},
                                         {NULL, 0, 0, NULL}};
    assay_stream_def def = {"things", fields, NULL};
    char err[256];
    assay_stream *s = stream_resolve(&def, "me", err, sizeof err);
    ck_assert_msg(s != NULL, "%s", err);
    return s;
}

START_TEST(record_types_and_json)
{
    assay_stream *s = test_stream();
    assay_record *r = record_new(NULL, s);
    ck_assert_int_eq(record_check_required(r), ASSAY_ERR_SCHEMA);
    ck_assert_int_eq(record_set_string(r, 0, "a\"b\n\xC3\xA9", 6), ASSAY_OK);
    ck_assert_int_eq(record_set_int(r, 1, -42), ASSAY_OK);
    ck_assert_int_eq(record_set_float(r, 2, 0.1), ASSAY_OK);
    ck_assert_int_eq(record_set_bool(r, 3, 7), ASSAY_OK);
    ck_assert_int_eq(record_set_timestamp(r, 4, 1500000), ASSAY_OK);
    ck_assert_int_eq(record_set_date(r, 5, 1), ASSAY_OK);
    const char *meta = " { \"k\" : [1, 2] } ";
    ck_assert_int_eq(record_set_json(r, 6, meta, strlen(meta)), ASSAY_OK);
    ck_assert_int_eq(record_check_required(r), ASSAY_OK);
    /* wrong types and bad values are refused */
    ck_assert_int_eq(record_set_int(r, 0, 1), ASSAY_ERR_SCHEMA);
    ck_assert_int_eq(record_set_string(r, 0, "\xFF", 1), ASSAY_ERR_SCHEMA);
    ck_assert_int_eq(record_set_json(r, 6, "{nope", 5), ASSAY_ERR_SCHEMA);
    ck_assert_int_eq(record_set_int(r, 99, 1), ASSAY_ERR_NOTFOUND);
    buf b;
    buf_init(&b);
    record_to_json(r, &b);
    ck_assert_str_eq(b.data, "{\"id\":\"a\\\"b\\n\xC3\xA9\",\"n\":-42,\"x\":0.1,\"ok\":true,"
                             "\"at\":\"1970-01-01T00:00:01.500000Z\",\"day\":\"1970-01-02\","
                             "\"meta\":{\"k\":[1,2]}}");
    /* and the JSON reads back into an equal record */
    assay_record *back = record_new(NULL, s);
    ck_assert_int_eq(record_set_from_json(back, b.data, b.len), ASSAY_OK);
    buf again;
    buf_init(&again);
    record_to_json(back, &again);
    ck_assert_str_eq(again.data, b.data);
    buf_free(&again);
    buf_free(&b);
    record_free(back);
    record_free(r);
    stream_free(s);
}
END_TEST

START_TEST(record_from_bad_json)
{
    assay_stream *s = test_stream();
    const char *bad[] = {"", "[1]", "{\"id\": 1}", "{\"id\": \"a\", \"nope\": 1}",
                         "{\"id\": \"a\", \"n\": 1.5}", "{\"id\": \"a\", \"ok\": \"yes\"}",
                         "{\"id\": \"a\", \"at\": \"yesterday\"}", "{\"id\": \"a\", \"day\": \"2026-02-30\"}",
                         "{\"id\": \"a\", \"id\": \"b\"}", "{\"id\": \"a\"", "{\"id\": \"\xFF\"}", NULL};
    for (int i = 0; bad[i]; i++) {
        assay_record *r = record_new(NULL, s);
        ck_assert_msg(record_set_from_json(r, bad[i], strlen(bad[i])) != ASSAY_OK, "accepted %s",
                      bad[i]);
        record_free(r);
    }
    assay_record *r = record_new(NULL, s);
    const char *ok = "{\"id\": \"a\", \"x\": \"NaN\", \"n\": 3.0, \"meta\": null}";
    ck_assert_int_eq(record_set_from_json(r, ok, strlen(ok)), ASSAY_OK);
    assay_value v;
    record_get(r, 2, &v);
    ck_assert(isnan(v.v.f));
    record_get(r, 1, &v);
    ck_assert_int_eq(v.v.i, 3);
    record_get(r, 6, &v);
    ck_assert_int_eq(v.type, ASSAY_T_NULL);
    record_free(r);
    stream_free(s);
}
END_TEST

START_TEST(stream_resolution)
{
    char err[256];
    assay_stream_def std = {"facts", NULL, NULL};
    assay_stream *s = stream_resolve(&std, NULL, err, sizeof err);
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(stream_field_index(s, "fact_id"), 0);
    stream_free(s);
    assay_stream_def unknown = {"mystery", NULL, NULL};
    ck_assert_ptr_null(stream_resolve(&unknown, NULL, err, sizeof err));
    ck_assert(contains(err, "not a standard stream"));
    static const assay_field dup[] = {{"a", ASSAY_T_INT, 0, NULL}, {"a", ASSAY_T_INT, 0, NULL}, {NULL, 0, 0, NULL}};
    assay_stream_def d = {"x", dup, NULL};
    ck_assert_ptr_null(stream_resolve(&d, NULL, err, sizeof err));
    ck_assert(contains(err, "declared twice"));
    static const assay_field badname[] = {{"Bad Name", ASSAY_T_INT, 0, NULL}, {NULL, 0, 0, NULL}};
    assay_stream_def b = {"x", badname, NULL};
    ck_assert_ptr_null(stream_resolve(&b, NULL, err, sizeof err));
}
END_TEST

/* The JSON-lines parser agrees with jansson on what is JSON: mutated
 * objects are accepted by one exactly when the other accepts them. */
START_TEST(record_json_matches_jansson)
{
    static const assay_field fields[] = {{"a", ASSAY_T_JSON, 0, NULL},
                                         {"b", ASSAY_T_JSON, 0, NULL},
                                         {"c", ASSAY_T_JSON, 0, NULL},
                                         {NULL, 0, 0, NULL}};
    assay_stream_def def = {"anyjson", fields, NULL};
    char err[256];
    assay_stream *s = stream_resolve(&def, NULL, err, sizeof err);
    const char *seeds[] = {
        "{\"a\": 1, \"b\": [true, false, null], \"c\": {\"k\": \"v\"}}",
        "{\"a\": \"esc \\\" \\\\ \\/ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00\"}",
        "{\"a\": -0.5e+10, \"b\": 0, \"c\": -12}",
        " { \"c\" : [ [ ], { } , 1.25E-3 ] } ",
        "{\"a\": \"caf\xC3\xA9\", \"b\": \"\xF0\x9F\x98\x80\"}",
    };
    static const char alphabet[] = "{}[],:\"\\0-e.tfn \x80\xff"; /* JSON's own bytes */
    unsigned seed = 12345;
    int compared = 0;
    for (size_t k = 0; k < sizeof seeds / sizeof seeds[0]; k++) {
        size_t len = strlen(seeds[k]);
        char *m = malloc(len + 2);
        for (int round = 0; round < 3000; round++) {
            memcpy(m, seeds[k], len + 1);
            size_t mlen = len;
            seed = seed * 1103515245 + 12345;
            size_t at = (seed >> 8) % len;
            switch ((seed >> 4) % 4) {
            case 0: mlen = at; break;                                  /* truncate */
            case 1: m[at] = (char)((seed >> 16) & 0xFF); break;         /* replace a byte */
            case 2: m[at] = alphabet[(seed >> 16) % (sizeof alphabet - 1)]; break;
            case 3: memmove(m + at, m + at + 1, len - at); mlen--; break; /* delete */
            }
            if (memchr(m, '\0', mlen))
                continue; /* jansson skips raw NUL bytes; RFC 8259 (and we) do not */
            json_t *j = json_loadb(m, mlen, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, NULL);
            int only_known = json_is_object(j);
            const char *key;
            json_t *v;
            if (j)
                json_object_foreach(j, key, v)
                    only_known &= (!strcmp(key, "a") || !strcmp(key, "b") || !strcmp(key, "c"));
            if (j && !only_known) {
                json_decref(j);
                continue;
            }
            assay_record *r = record_new(NULL, s);
            int ours = record_set_from_json(r, m, mlen) == ASSAY_OK;
            record_free(r);
            ck_assert_msg(ours == (j != NULL), "jansson %s, we %s: %.*s", j ? "accepts" : "rejects",
                          ours ? "accept" : "reject", (int)mlen, m);
            json_decref(j);
            compared++;
        }
        free(m);
    }
    ck_assert_int_gt(compared, 10000);
    stream_free(s);
}
END_TEST

START_TEST(record_json_numbers_and_strings)
{
    assay_stream *s = test_stream();
    struct {
        const char *json;
        int ok;
    } cases[] = {
        {"{\"id\": \"x\", \"n\": 01}", 0},                     /* leading zero */
        {"{\"id\": \"x\", \"n\": 1.}", 0},
        {"{\"id\": \"x\", \"n\": +1}", 0},
        {"{\"id\": \"x\", \"n\": 99999999999999999999}", 0},   /* past int64 */
        {"{\"id\": \"x\", \"n\": -9223372036854775808}", 1},
        {"{\"id\": \"x\", \"n\": 2e3}", 1},                    /* an integral number */
        {"{\"id\": \"x\",}", 0},                                /* trailing comma */
        {"{\"id\": \"\\ud800\"}", 0},                          /* lone surrogate */
        {"{\"id\": \"tab\there\"}", 0},                          /* raw control character */
        {"{\"id\": \"x\"} {}", 0},                               /* two values */
        {"{\"id\": \"x\", \"meta\": \"just a string\"}", 1},
        {"{\"id\": \"x\", \"x\": 1", 0},                       /* unterminated */
        {"{\"id\": \"x\", \"n\": [1]}", 0},                     /* an array for an int */
        {NULL, 0}};
    for (int i = 0; cases[i].json; i++) {
        assay_record *r = record_new(NULL, s);
        assay_rc rc = record_set_from_json(r, cases[i].json, strlen(cases[i].json));
        ck_assert_msg((rc == ASSAY_OK) == cases[i].ok, "case %d: %s -> %d", i, cases[i].json, rc);
        record_free(r);
    }
    /* a 10,000-digit number is read without overflow into a float field */
    buf b;
    buf_init(&b);
    buf_puts(&b, "{\"id\": \"x\", \"x\": 1");
    for (int i = 0; i < 10000; i++)
        buf_putc(&b, '0');
    buf_puts(&b, "}");
    assay_record *r = record_new(NULL, s);
    ck_assert_int_eq(record_set_from_json(r, b.data, b.len), ASSAY_OK);
    assay_value v;
    record_get(r, 2, &v);
    ck_assert(isinf(v.v.f));
    record_free(r);
    buf_free(&b);
    stream_free(s);
}
END_TEST

/* ---- the queue ---- */

typedef struct qtest {
    queue *q;
    int n;
} qtest;

static void *producer(void *arg)
{
    qtest *t = arg;
    for (int i = 0; i < t->n; i++)
        queue_push(t->q, (qitem){Q_MARKER, 0, (uint64_t)i, NULL});
    return NULL;
}

START_TEST(queue_order_and_backpressure)
{
    queue q;
    queue_init(&q, 8); /* far smaller than what passes: producers must wait */
    qtest t = {&q, 100000};
    pthread_t th;
    pthread_create(&th, NULL, producer, &t);
    qitem items[16];
    uint64_t expect = 0;
    while (expect < (uint64_t)t.n) {
        size_t n = queue_pop(&q, items, 16, 5000);
        ck_assert_uint_gt(n, 0);
        ck_assert_uint_le(q.count, q.cap);
        for (size_t i = 0; i < n; i++)
            ck_assert_uint_eq(items[i].version, expect++);
    }
    pthread_join(th, NULL);
    ck_assert_uint_eq(queue_pop(&q, items, 16, 10), 0); /* empty: times out */
    queue_destroy(&q);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("units");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, sha256_vectors);
    tcase_add_test(tc, time_parse_forms);
    tcase_add_test(tc, time_parse_rejects);
    tcase_add_test(tc, time_format_round_trip);
    tcase_add_test(tc, utf8_checks);
    tcase_add_test(tc, jsonpos_positions);
    tcase_add_test(tc, jsonpos_deep_and_large);
    tcase_add_test(tc, env_substitution);
    tcase_add_test(tc, nearest_words);
    tcase_add_test(tc, csv_reader_cases);
    tcase_add_test(tc, record_types_and_json);
    tcase_add_test(tc, record_from_bad_json);
    tcase_add_test(tc, stream_resolution);
    tcase_add_test(tc, record_json_matches_jansson);
    tcase_add_test(tc, record_json_numbers_and_strings);
    tcase_add_test(tc, queue_order_and_backpressure);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
