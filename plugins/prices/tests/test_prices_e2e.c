/*
 * test_prices_e2e.c - the prices source run by build/assay against the
 * test HTTP server on 127.0.0.1 serving the price fixtures: every format,
 * every bad answer, incremental runs with the overlap window, and API
 * keys kept out of logs and dead letters. The request and time figures of
 * a second (incremental) run against the first are printed.
 */
#include "e2e.h"
#include "prices_parse.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SECRET "SECRETKEY42"

/* p.json: a prices entry with these keys (%B is the server's base URL),
 * a csv sink for its bars. */
static void write_pipeline(env *e, const char *extra)
{
    char keys[8192];
    size_t o = 0;
    for (const char *s = extra; *s && o < sizeof keys - 64; s++) {
        if (s[0] == '%' && s[1] == 'B') {
            o += (size_t)snprintf(keys + o, sizeof keys - o, "%s", e->srv.base);
            s++;
        } else {
            keys[o++] = *s;
        }
    }
    keys[o] = '\0';
    char text[10000];
    snprintf(
        text, sizeof text,
        "{\"name\": \"px\",\n"
        " \"sources\": [{\"id\": \"prices\", \"plugin\": \"prices\", \"max_rate\": 50,\n"
        "   \"http\": {\"retries\": 0}, %s}],\n"
        " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [\"prices.bars\"]}]}\n",
        keys);
    char *p = path_in(e->dir, "p.json");
    write_text(p, text);
    snprintf(e->pipeline, sizeof e->pipeline, "%s", p);
    free(p);
}

static int run(env *e, proc *p)
{
    const char *args[] = {"run", e->pipeline, NULL};
    return assay_run(p, e->dir, args, 300);
}

static json_t *bars(env *e)
{
    return env_csv(e, "out/bars.csv");
}

static json_t *dead_letters(env *e)
{
    return env_json_lines(e, "state/px/dead-letter.jsonl");
}

static void clear_outputs(env *e)
{
    static const char *const names[] = {"out/bars.csv", "state/px/dead-letter.jsonl", NULL};
    env_remove(e, names);
}

static void link_fixture(env *e, const char *rel, const char *fixture_rel)
{
    char *target = path_in(FIXTURES, fixture_rel);
    link_to(e->root, rel, target);
    free(target);
}

static size_t count_bars(json_t *rows, const char *symbol, const char *source)
{
    size_t n = 0, i;
    json_t *r;
    json_array_foreach(rows, i, r) n +=
        strcmp(col(r, "symbol"), symbol) == 0 && strcmp(col(r, "source"), source) == 0;
    return n;
}

static json_t *bar_on(json_t *rows, const char *symbol, const char *source, const char *date)
{
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) if (strcmp(col(r, "symbol"), symbol) == 0 &&
                                       strcmp(col(r, "source"), source) == 0 &&
                                       strcmp(col(r, "date"), date) == 0) return r;
    return NULL;
}

/* Bars of (symbol, source) in rows dated after the newest one minus days. */
static size_t count_recent(json_t *rows, const char *symbol, const char *source, int days)
{
    int64_t newest = INT64_MIN, d;
    size_t i, n = 0;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        if (strcmp(col(r, "symbol"), symbol) || strcmp(col(r, "source"), source))
            continue;
        ck_assert_int_eq(prices_parse_date(col(r, "date"), 10, &d), 0);
        if (d > newest)
            newest = d;
    }
    json_array_foreach(rows, i, r)
    {
        if (strcmp(col(r, "symbol"), symbol) || strcmp(col(r, "source"), source))
            continue;
        prices_parse_date(col(r, "date"), 10, &d);
        n += d > newest - days;
    }
    return n;
}

static const char fixture_feeds[] =
    "\"overlap_days\": 7, \"feeds\": ["
    "{\"name\": \"stooq\", \"url\": \"%B/prices/stooq2/{symbol_lower}_us_d.csv\", \"format\": "
    "\"stooq_csv\", \"symbols\": [\"NVDA\"]},"
    "{\"name\": \"stooq_bulk\", \"url\": \"%B/prices/stooq/{symbol_lower}.us.txt\", \"symbols\": "
    "[\"NVDA\"]},"
    "{\"name\": \"yahoo\", \"url\": \"%B/prices/yahoo/{symbol_upper}.csv\", \"format\": "
    "\"yahoo_csv\", \"symbols\": [\"NVDA\"]},"
    "{\"name\": \"yfinance\", \"url\": \"%B/prices/yfinance/{symbol}.csv\", \"format\": "
    "\"yfinance_csv\", \"symbols\": [\"CRWV\", \"META\", \"MSFT\"]},"
    "{\"name\": \"alphavantage\", \"url\": "
    "\"%B/prices/alphavantage/{symbol}.json?function=TIME_SERIES_DAILY&apikey=" SECRET "\","
    " \"format\": \"alphavantage_json\", \"symbols\": [\"MSFT\", \"BADCALL\"], \"max_rate\": 20,"
    " \"symbol_map\": {\"MSFT\": \"TIME_SERIES_DAILY-MSFT-compact\", \"BADCALL\": "
    "\"error-invalid-call\"}}]";

static void link_price_fixtures(env *e)
{
    link_fixture(e, "prices/stooq/nvda_us_d.csv", "prices/stooq/nvda_us_d.csv");
    link_fixture(e, "prices/stooq/nvda.us.txt", "prices/stooq/nvda.us.txt");
    link_fixture(e, "prices/yahoo/NVDA.csv", "prices/yahoo/NVDA.csv");
    link_fixture(e, "prices/yfinance/CRWV.csv", "prices/yfinance/CRWV.csv");
    link_fixture(e, "prices/yfinance/META.csv", "prices/yfinance/META.csv");
    link_fixture(e, "prices/yfinance/MSFT.csv", "prices/yfinance/MSFT.csv");
    link_fixture(e, "prices/alphavantage/TIME_SERIES_DAILY-MSFT-compact.json",
                 "prices/alphavantage/TIME_SERIES_DAILY-MSFT-compact.json");
    link_fixture(e, "prices/alphavantage/error-invalid-call.json",
                 "prices/alphavantage/error-invalid-call.json");
}

/* Every price fixture through its feed: all bars with their values and
 * source, Alpha Vantage's HTTP-200 error a dead letter for that symbol
 * alone, the API key nowhere in logs or dead letters. A second run emits
 * only the overlap window (the last 7 days of each series); a third, after
 * a feed gained a day, that window plus the new bar. */
START_TEST(fixtures_and_incremental)
{
    env e;
    env_init(&e);
    link_price_fixtures(&e);
    /* Stooq's CSV as a copy (prices/stooq2/), so that the third run can add a day */
    size_t len;
    char *csv = fixture("prices/stooq/nvda_us_d.csv", &len);
    put_file(e.root, "prices/stooq2/nvda_us_d.csv", csv, len);
    write_pipeline(&e, fixture_feeds);
    proc p;
    int code = run(&e, &p);
    ck_assert_msg(code == 1, "exit %d (want 1: BADCALL)\n%s", code, p.err);
    json_t *log1 = httpd_log(&e.srv);
    json_t *sum1 = run_summary(&p);
    json_t *rows = bars(&e);
    ck_assert_uint_eq(count_bars(rows, "NVDA", "stooq"), 6914);
    ck_assert_uint_eq(count_bars(rows, "NVDA", "stooq_bulk"), 6811);
    ck_assert_uint_eq(count_bars(rows, "NVDA", "yahoo"), 250);
    ck_assert_uint_eq(count_bars(rows, "CRWV", "yfinance"), 317);
    ck_assert_uint_eq(count_bars(rows, "META", "yfinance"), 501);
    ck_assert_uint_eq(count_bars(rows, "MSFT", "yfinance"), 501);
    ck_assert_uint_eq(count_bars(rows, "MSFT", "alphavantage"), 100);
    ck_assert_uint_eq(json_array_size(rows), 6914 + 6811 + 250 + 317 + 501 + 501 + 100);
    json_t *b = bar_on(rows, "NVDA", "stooq", "2026-07-21");
    ck_assert_ptr_nonnull(b);
    ck_assert_str_eq(col(b, "open"), "207.54");
    ck_assert_str_eq(col(b, "close"), "207.29");
    ck_assert_str_eq(col(b, "volume"), "108685563");
    ck_assert_str_eq(col(b, "adj_close"), "");
    b = bar_on(rows, "NVDA", "stooq_bulk", "2026-02-20");
    ck_assert_ptr_nonnull(b);
    ck_assert_str_eq(col(b, "low"), "185.9378");
    b = bar_on(rows, "NVDA", "yahoo", "2023-03-31");
    ck_assert_ptr_nonnull(b);
    ck_assert_str_eq(col(b, "adj_close"), "277.680908");
    b = bar_on(rows, "CRWV", "yfinance", "2025-03-28");
    ck_assert_ptr_nonnull(b);
    ck_assert_str_eq(col(b, "high"), "41.939998626708984");
    b = bar_on(rows, "MSFT", "alphavantage", "2018-04-10");
    ck_assert_ptr_nonnull(b);
    ck_assert_str_eq(col(b, "open"), "92.39");
    ck_assert_str_eq(col(b, "volume"), "26865981");
    json_t *dl = dead_letters(&e);
    ck_assert_msg(dead_letter_has(dl, "alphavantage BADCALL",
                                  "Alpha Vantage answered with Error Message \"Invalid API call.",
                                  NULL),
                  "%s", p.err);
    ck_assert_uint_eq(json_array_size(dl), 1);
    char *dltext = path_in(e.dir, "state/px/dead-letter.jsonl");
    char *all = read_text(dltext, NULL);
    ck_assert_msg(!strstr(all, SECRET), "the API key is in the dead-letter file: %s", all);
    ck_assert_msg(strstr(all, "apikey=***") != NULL, "%s", all);
    ck_assert_msg(!strstr(p.err, SECRET) && !strstr(p.out, SECRET), "the API key is in the log: %s",
                  p.err);
    free(all);
    free(dltext);
    /* the state after the first run, to know the overlap */
    size_t want2 =
        count_recent(rows, "NVDA", "stooq", 7) + count_recent(rows, "NVDA", "stooq_bulk", 7) +
        count_recent(rows, "NVDA", "yahoo", 7) + count_recent(rows, "CRWV", "yfinance", 7) +
        count_recent(rows, "META", "yfinance", 7) + count_recent(rows, "MSFT", "yfinance", 7) +
        count_recent(rows, "MSFT", "alphavantage", 7);
    size_t req1 = log_count(log1, NULL);
    double sec1 = json_real_value(json_object_get(sum1, "seconds"));
    json_decref(dl);
    json_decref(rows);
    proc_free(&p);

    clear_outputs(&e);
    httpd_reset(&e.srv);
    code = run(&e, &p);
    ck_assert_msg(code == 1, "exit %d\n%s", code, p.err);
    json_t *log2 = httpd_log(&e.srv);
    json_t *sum2 = run_summary(&p);
    rows = bars(&e);
    ck_assert_uint_eq(json_array_size(rows), want2);
    ck_assert_uint_eq(count_bars(rows, "NVDA", "stooq"), 5); /* 07-15 .. 07-21 */
    ck_assert_ptr_nonnull(bar_on(rows, "NVDA", "stooq", "2026-07-15"));
    ck_assert_ptr_null(bar_on(rows, "NVDA", "stooq", "2026-07-14"));
    ck_assert_int_eq(summary_counter(sum2, "prices", "bars_new"), 0);
    size_t req2 = log_count(log2, NULL);
    double sec2 = json_real_value(json_object_get(sum2, "seconds"));
    printf("prices incremental: first run %zu requests, %zu bars, %.3f s; second run %zu requests, "
           "%zu bars, %.3f s\n",
           req1, (size_t)summary_counter(sum1, "prices", "bars"), sec1, req2,
           (size_t)summary_counter(sum2, "prices", "bars"), sec2);
    json_decref(rows);
    proc_free(&p);

    /* a new day on Stooq's CSV */
    char *more = malloc(len + 64);
    memcpy(more, csv, len);
    int add = snprintf(more + len, 64, "2026-07-22,208.00,210.00,206.50,209.10,99000000\r\n");
    put_file(e.root, "prices/stooq2/nvda_us_d.csv", more, len + (size_t)add);
    free(more);
    free(csv);
    clear_outputs(&e);
    code = run(&e, &p);
    rows = bars(&e);
    ck_assert_uint_eq(count_bars(rows, "NVDA", "stooq"),
                      6); /* the window before 07-21, and 07-22 */
    b = bar_on(rows, "NVDA", "stooq", "2026-07-22");
    ck_assert_ptr_nonnull(b);
    ck_assert_str_eq(col(b, "close"), "209.1");
    json_t *sum3 = run_summary(&p);
    ck_assert_int_eq(summary_counter(sum3, "prices", "bars_new"), 1);
    json_decref(sum3);
    json_decref(rows);
    json_decref(sum1);
    json_decref(sum2);
    json_decref(log1);
    json_decref(log2);
    proc_free(&p);
    env_free(&e);
}
END_TEST

/* Every bad answer is a clear error for that symbol or a dead-lettered
 * row, never zero bars silently and never a made-up value: "No data",
 * N/D rows, an HTML page labelled CSV, a header alone, an empty body, a
 * 404, rows with missing or non-numeric fields, repeated and out-of-order
 * dates; Alpha Vantage's "Note" stops that feed for the run (the symbol
 * after it is not asked) and "Information" is an error too. */
START_TEST(bad_answers)
{
    env e;
    env_init(&e);
    put_text(e.root, "bad/NODATA.csv", "No data");
    put_text(
        e.root, "bad/ND.csv",
        "Symbol,Date,Time,Open,High,Low,Close,Volume\r\nXYZ.US,N/D,N/D,N/D,N/D,N/D,N/D,N/D\r\n");
    link_fixture(&e, "bad/HTML.csv", "edgar/errors/maintenance-503.html");
    put_text(e.root, "bad/HEADER.csv", "Date,Open,High,Low,Close,Volume\r\n");
    put_text(e.root, "bad/EMPTY.csv", "");
    put_text(e.root, "bad/ROWS.csv",
             "Date,Open,High,Low,Close,Adj Close,Volume\n"
             "2024-01-02,10,11,9,10.5,10.4,1000\n"
             "2024-01-03,10,11,9,,10.4,1000\n"
             "2024-01-04,10,11,9,abc,10.4,1000\n"
             "2024-01-05,10,11,9,10.5\n"
             "2024-01-08,10,11,9,10.5,10.4,1000\n");
    put_text(e.root, "bad/DUPS.csv",
             "Date,Open,High,Low,Close,Volume\n"
             "2024-01-02,10,11,9,10,100\n"
             "2024-01-03,10,11,9,10,100\n"
             "2024-01-03,10,11,9,10,100\n"
             "2024-01-04,10,11,9,10,100\n"
             "2024-01-04,10,11,9,10.5,100\n"
             "2024-01-08,10,11,9,10,100\n"
             "2024-01-05,10,11,9,10,100\n"
             "2024-01-09,10,11,9,10,100\n");
    put_text(e.root, "av/NOTE.json",
             "{\"Note\": \"Thank you for using Alpha Vantage! Our standard API call frequency is 5 "
             "calls per minute.\"}");
    put_text(e.root, "av/INFO.json",
             "{\"Information\": \"The **demo** API key is for demo purposes only.\"}");
    link_fixture(&e, "av/OK.json", "prices/alphavantage/TIME_SERIES_DAILY-MSFT-compact.json");
    write_pipeline(
        &e, "\"feeds\": ["
            "{\"name\": \"bad\", \"url\": \"%B/bad/{symbol}.csv\", \"symbols\": [\"NODATA\", "
            "\"ND\", \"HTML\", \"HEADER\", \"EMPTY\", \"MISSING\", \"ROWS\", \"DUPS\"]},"
            "{\"name\": \"av1\", \"url\": \"%B/av/{symbol}.json?apikey=" SECRET
            "\", \"format\": \"alphavantage_json\", \"max_rate\": 1, \"symbols\": [\"INFO\"]},"
            "{\"name\": \"av2\", \"url\": \"%B/av/{symbol}.json?apikey=" SECRET
            "\", \"format\": \"alphavantage_json\", \"max_rate\": 1, \"symbols\": [\"NOTE\", "
            "\"OK\"]}]");
    proc p;
    int code = run(&e, &p);
    ck_assert_msg(code == 1, "exit %d\n%s", code, p.err);
    json_t *dl = dead_letters(&e);
    ck_assert_msg(dead_letter_has(dl, "bad NODATA",
                                  "no data for this symbol (it answered \"No data\")", NULL),
                  "%s", p.err);
    ck_assert_msg(dead_letter_has(dl, "bad ND", "no usable bars", NULL), "%s", p.err);
    ck_assert_msg(
        dead_letter_has(dl, "bad HTML",
                        "expected prices, got an HTML page (\"SEC.gov | File Unavailable\")", NULL),
        "%s", p.err);
    ck_assert_msg(
        dead_letter_has(dl, "bad HEADER", "no bars: the answer has a header but no rows", NULL),
        "%s", p.err);
    ck_assert_msg(dead_letter_has(dl, "bad EMPTY", "an empty answer", NULL), "%s", p.err);
    ck_assert_msg(dead_letter_has(dl, "bad MISSING", "HTTP 404", NULL), "%s", p.err);
    ck_assert_msg(dead_letter_has(dl, "bad ROWS line 3: Close: empty", NULL), "%s", p.err);
    ck_assert_msg(dead_letter_has(dl, "bad ROWS line 4: Close: not a number: 'abc'", NULL), "%s",
                  p.err);
    ck_assert_msg(dead_letter_has(dl, "bad ROWS line 5: 5 fields, the header has 7", NULL), "%s",
                  p.err);
    ck_assert_msg(
        dead_letter_has(
            dl, "bad DUPS line 5: date 2024-01-04 appears 2 times with different values", NULL),
        "%s", p.err);
    ck_assert_msg(dead_letter_has(dl, "bad DUPS line 6", NULL), "%s", p.err);
    ck_assert_msg(dead_letter_has(dl, "bad DUPS line 8: date 2024-01-05 out of order", NULL), "%s",
                  p.err);
    ck_assert_msg(dead_letter_has(dl, "av1 INFO", "Alpha Vantage answered with Information", NULL),
                  "%s", p.err);
    ck_assert_msg(dead_letter_has(dl, "av2 NOTE", "Alpha Vantage answered with Note", NULL), "%s",
                  p.err);
    ck_assert_msg(
        dead_letter_has(dl, "av2 OK: not fetched: the feed answered with a usage limit", NULL),
        "%s", p.err);
    /* a bad row's dead letter carries the row and its line */
    size_t i;
    json_t *d;
    int seen_row = 0;
    json_array_foreach(dl, i, d)
    {
        json_t *det = json_object_get(d, "detail");
        if (json_integer_value(json_object_get(det, "line")) == 4 &&
            strcmp(json_string_value(json_object_get(det, "symbol")), "ROWS") == 0) {
            ck_assert_str_eq(json_string_value(json_object_get(det, "row")),
                             "2024-01-04,10,11,9,abc,10.4,1000");
            ck_assert_str_eq(json_string_value(json_object_get(det, "feed")), "bad");
            seen_row = 1;
        }
    }
    ck_assert(seen_row);
    json_t *rows = bars(&e);
    ck_assert_uint_eq(count_bars(rows, "ROWS", "bad"), 2);
    ck_assert_uint_eq(count_bars(rows, "DUPS", "bad"), 4); /* 01-02, 01-03 once, 01-08, 01-09 */
    ck_assert_ptr_null(bar_on(rows, "DUPS", "bad", "2024-01-04"));
    ck_assert_ptr_null(bar_on(rows, "DUPS", "bad", "2024-01-05"));
    ck_assert_uint_eq(json_array_size(rows), 6);
    json_t *log = httpd_log(&e.srv);
    ck_assert_uint_eq(log_count(log, "/av/OK.json"), 0);
    ck_assert_uint_eq(log_count(log, "/av/NOTE.json"), 1);
    char *dlp = path_in(e.dir, "state/px/dead-letter.jsonl");
    char *all = read_text(dlp, NULL);
    ck_assert_msg(!strstr(all, SECRET), "the API key is in the dead-letter file");
    ck_assert(!strstr(p.err, SECRET));
    free(all);
    free(dlp);
    json_decref(log);
    json_decref(rows);
    json_decref(dl);
    proc_free(&p);
    env_free(&e);
}
END_TEST

/* `assay check` refuses feeds it cannot use, saying where and why. */
START_TEST(config_checks)
{
    char *dir = tmpdir_new();
    char *p = path_in(dir, "p.json");
    const struct {
        const char *keys, *want;
    } cases[] = {
        {"\"feeds\": [{\"url\": \"https://stooq.com/q/d/l/?s={symbol_lower}.us&i=d\"}]",
         "has no symbols"},
        {"\"symbols\": [\"NVDA\"], \"feeds\": [{\"url\": \"https://x/all.csv\"}]", "no {symbol}"},
        {"\"symbols\": [\"NVDA\"], \"feeds\": [{\"url\": \"https://x/{symbol}\", \"format\": "
         "\"csv\"}]",
         "format must be"},
        {"\"symbols\": [\"NVDA\"], \"since\": \"July\", \"feeds\": [{\"url\": "
         "\"https://x/{symbol}\"}]",
         "since must be a date"},
        {"\"symbols\": [\"NVDA\"], \"overlap_days\": -1, \"feeds\": [{\"url\": "
         "\"https://x/{symbol}\"}]",
         "overlap_days"},
        {"\"symbols\": [\"NVDA\"], \"feeds\": [{\"url\": "
         "\"https://stooq.com/q/d/l/?s={symbol_lower}.us&i=d\", \"format\": \"stooq_csv\"}]",
         NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[2048];
        snprintf(
            text, sizeof text,
            "{\"name\": \"c\", \"sources\": [{\"id\": \"prices\", \"plugin\": \"prices\", %s}],\n"
            " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [\"prices\"]}]}\n",
            cases[i].keys);
        write_text(p, text);
        proc pr;
        const char *args[] = {"check", p, NULL};
        int code = assay_run(&pr, dir, args, 60);
        if (cases[i].want) {
            ck_assert_msg(code == 2, "case %zu passed: %s", i, pr.err);
            ck_assert_msg(contains(pr.err, cases[i].want), "case %zu: %s", i, pr.err);
            ck_assert_msg(contains(pr.err, "p.json:"), "case %zu: no position: %s", i, pr.err);
        } else {
            ck_assert_msg(code == 0, "case %zu refused: %s", i, pr.err);
        }
        proc_free(&pr);
    }
    free(p);
    tmpdir_free(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("prices_e2e");
    TCase *tc = tcase_create("all");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, fixtures_and_incremental);
    tcase_add_test(tc, bad_answers);
    tcase_add_test(tc, config_checks);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
