/*
 * test_prices_parse.c - the price formats on every price fixture, and
 * every bad answer a feed gives: error messages served with HTTP 200,
 * "N/D" and "No data", HTML, a header alone, missing or non-numeric
 * fields, repeated and out-of-order dates. No network, no host.
 */
#include "prices_feed.h"
#include "prices_parse.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *rel, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", FIXTURES, rel);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open fixture %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = malloc((size_t)n + 1);
    ck_assert(fread(p, 1, (size_t)n, f) == (size_t)n);
    p[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return p;
}

static int64_t D(const char *s)
{
    int64_t d;
    ck_assert_msg(prices_parse_date(s, strlen(s), &d) == 0, "bad test date %s", s);
    return d;
}

/* Parses text that must give bars. */
static void ok(const char *text, price_format f, price_series *s)
{
    char err[600];
    ck_assert_msg(prices_parse(text, strlen(text), NULL, f, s, err, sizeof err) == 0, "%s", err);
}

/* Parses text that must be refused with a message containing want. */
static void refused(const char *text, const char *ctype, price_format f, const char *want)
{
    price_series s;
    char err[600];
    ck_assert_msg(prices_parse(text, strlen(text), ctype, f, &s, err, sizeof err) == -1,
                  "accepted: %.60s", text);
    ck_assert_msg(strstr(err, want) != NULL, "message '%s' lacks '%s'", err, want);
    price_series_free(&s);
}

static int has_problem(const price_series *s, long line, const char *want)
{
    for (size_t i = 0; i < s->nproblems; i++)
        if ((line < 0 || s->problems[i].line == line) && strstr(s->problems[i].why, want))
            return 1;
    return 0;
}

/* ---- the fixtures ---- */

/* Stooq's web CSV: 6,914 bars, CRLF lines, no Adj Close, detected. */
START_TEST(stooq_csv)
{
    size_t len;
    char *body = slurp("prices/stooq/nvda_us_d.csv", &len);
    price_series s;
    char err[600];
    ck_assert_msg(prices_parse(body, len, "text/csv", PF_AUTO, &s, err, sizeof err) == 0, "%s",
                  err);
    ck_assert_int_eq(s.format, PF_STOOQ_CSV);
    ck_assert_uint_eq(s.n, 6914);
    ck_assert_uint_eq(s.nproblems, 0);
    ck_assert_int_eq(s.bars[0].date, D("1999-01-22"));
    ck_assert(s.bars[0].open == 0.0401271);
    ck_assert(s.bars[0].low == 0.0355331);
    ck_assert_int_eq(s.bars[0].volume, 740416863);
    ck_assert(!s.bars[0].has_adj);
    ck_assert(s.bars[0].has_volume);
    ck_assert_int_eq(s.bars[s.n - 1].date, D("2026-07-21"));
    ck_assert(s.bars[s.n - 1].close == 207.29);
    ck_assert_int_eq(s.bars[s.n - 1].volume, 108685563);
    price_series_free(&s);
    /* configured explicitly, and as yfinance (the same header) */
    ck_assert_int_eq(prices_parse(body, len, NULL, PF_STOOQ_CSV, &s, err, sizeof err), 0);
    price_series_free(&s);
    ck_assert_int_eq(prices_parse(body, len, NULL, PF_YFINANCE_CSV, &s, err, sizeof err), 0);
    ck_assert_int_eq(s.format, PF_YFINANCE_CSV);
    price_series_free(&s);
    /* but not as Yahoo's (no Adj Close) or Stooq's bulk text */
    ck_assert_int_eq(prices_parse(body, len, NULL, PF_YAHOO_CSV, &s, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "expected yahoo_csv") != NULL, "%s", err);
    price_series_free(&s);
    ck_assert_int_eq(prices_parse(body, len, NULL, PF_STOOQ_TXT, &s, err, sizeof err), -1);
    price_series_free(&s);
    free(body);
}
END_TEST

/* Stooq's bulk text: <TICKER>,<PER>,<DATE>,...; YYYYMMDD dates; the file
 * names its ticker. */
START_TEST(stooq_txt)
{
    size_t len;
    char *body = slurp("prices/stooq/nvda.us.txt", &len);
    price_series s;
    char err[600];
    ck_assert_msg(prices_parse(body, len, "text/plain", PF_AUTO, &s, err, sizeof err) == 0, "%s",
                  err);
    ck_assert_int_eq(s.format, PF_STOOQ_TXT);
    ck_assert_str_eq(s.symbol, "NVDA.US");
    ck_assert_uint_eq(s.n, 6811);
    ck_assert_uint_eq(s.nproblems, 0);
    ck_assert_int_eq(s.bars[0].date, D("1999-01-22"));
    ck_assert_int_eq(s.bars[s.n - 1].date, D("2026-02-20"));
    ck_assert(s.bars[s.n - 1].low == 185.9378);
    ck_assert(s.bars[s.n - 1].close == 189.82);
    price_series_free(&s);
    ck_assert_int_eq(prices_parse(body, len, NULL, PF_STOOQ_CSV, &s, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "expected stooq_csv") != NULL, "%s", err);
    price_series_free(&s);
    free(body);
}
END_TEST

/* Yahoo's CSV with Adj Close; the last line has no newline. */
START_TEST(yahoo_csv)
{
    size_t len;
    char *body = slurp("prices/yahoo/NVDA.csv", &len);
    price_series s;
    char err[600];
    ck_assert_msg(prices_parse(body, len, NULL, PF_AUTO, &s, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(s.format, PF_YAHOO_CSV);
    ck_assert_uint_eq(s.n, 250);
    ck_assert(s.bars[0].has_adj);
    ck_assert(s.bars[0].close == 277.769989);
    ck_assert(s.bars[0].adj_close == 277.680908);
    ck_assert_int_eq(s.bars[249].date, D("2024-03-28"));
    ck_assert(s.bars[249].adj_close == 903.559998);
    ck_assert_int_eq(s.bars[249].volume, 43521200);
    price_series_free(&s);
    ck_assert_int_eq(prices_parse(body, len, NULL, PF_YAHOO_CSV, &s, err, sizeof err), 0);
    price_series_free(&s);
    free(body);
}
END_TEST

/* yfinance's to_csv output, float32 noise kept exactly as written. */
START_TEST(yfinance_csv)
{
    const char *files[] = {"prices/yfinance/CRWV.csv", "prices/yfinance/META.csv",
                           "prices/yfinance/MSFT.csv"};
    const size_t rows[] = {317, 501, 501};
    for (int i = 0; i < 3; i++) {
        size_t len;
        char *body = slurp(files[i], &len);
        price_series s;
        char err[600];
        ck_assert_msg(prices_parse(body, len, NULL, PF_YFINANCE_CSV, &s, err, sizeof err) == 0,
                      "%s", err);
        ck_assert_uint_eq(s.n, rows[i]);
        ck_assert_uint_eq(s.nproblems, 0);
        if (i == 0) {
            ck_assert_int_eq(s.bars[0].date, D("2025-03-28"));
            ck_assert(s.bars[0].high == 41.939998626708984);
            ck_assert(s.bars[0].open == 39.0);
        }
        price_series_free(&s);
        free(body);
    }
}
END_TEST

/* yfinance's newer three-row header. */
START_TEST(yfinance_multirow)
{
    price_series s;
    ok("Price,Close,High,Low,Open,Volume\n"
       "Ticker,NVDA,NVDA,NVDA,NVDA,NVDA\n"
       "Date,,,,,\n"
       "2024-07-03,128.28,128.28,125.0,126.0,150000000\n"
       "2024-07-05,125.83,128.0,125.0,127.0,210000000\n",
       PF_AUTO, &s);
    ck_assert_int_eq(s.format, PF_YFINANCE_CSV);
    ck_assert_str_eq(s.symbol, "NVDA");
    ck_assert_uint_eq(s.n, 2);
    ck_assert(s.bars[0].close == 128.28);
    ck_assert(s.bars[0].open == 126.0);
    ck_assert_int_eq(s.bars[1].volume, 210000000);
    price_series_free(&s);
}
END_TEST

/* Alpha Vantage TIME_SERIES_DAILY: newest first in the file, ascending
 * out; the symbol echoed in lower case. */
START_TEST(alphavantage_daily)
{
    size_t len;
    char *body = slurp("prices/alphavantage/TIME_SERIES_DAILY-MSFT-compact.json", &len);
    price_series s;
    char err[600];
    ck_assert_msg(prices_parse(body, len, "application/json", PF_AUTO, &s, err, sizeof err) == 0,
                  "%s", err);
    ck_assert_int_eq(s.format, PF_ALPHAVANTAGE);
    ck_assert_str_eq(s.symbol, "msft");
    ck_assert_uint_eq(s.n, 100);
    ck_assert_uint_eq(s.nproblems, 0);
    ck_assert_int_eq(s.bars[0].date, D("2017-11-14"));
    ck_assert_int_eq(s.bars[99].date, D("2018-04-10"));
    ck_assert(s.bars[99].open == 92.39);
    ck_assert(s.bars[99].close == 92.88);
    ck_assert_int_eq(s.bars[99].volume, 26865981);
    ck_assert(!s.bars[99].has_adj);
    price_series_free(&s);
    /* a CSV feed given this JSON says so */
    ck_assert_int_eq(prices_parse(body, len, NULL, PF_STOOQ_CSV, &s, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "expected stooq_csv, got JSON") != NULL, "%s", err);
    price_series_free(&s);
    /* truncated */
    ck_assert_int_eq(prices_parse(body, len / 2, NULL, PF_AUTO, &s, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "truncated") != NULL, "%s", err);
    price_series_free(&s);
    free(body);
}
END_TEST

/* Alpha Vantage's errors come with HTTP 200: each is an error quoting the
 * message; "Note" and "Information" (usage limits) also say so. */
START_TEST(alphavantage_errors)
{
    size_t len;
    char *body = slurp("prices/alphavantage/error-invalid-call.json", &len);
    price_series s;
    char err[600];
    ck_assert_int_eq(
        prices_parse(body, len, "application/json", PF_ALPHAVANTAGE, &s, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "Alpha Vantage answered with Error Message \"Invalid API call.") !=
                      NULL,
                  "%s", err);
    ck_assert_int_eq(s.limited, 0);
    price_series_free(&s);
    free(body);
    const char *note =
        "{\"Note\": \"Thank you for using Alpha Vantage! Our standard API call frequency is "
        "5 calls per minute and 500 calls per day.\"}";
    ck_assert_int_eq(prices_parse(note, strlen(note), NULL, PF_AUTO, &s, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "Note \"Thank you") != NULL, "%s", err);
    ck_assert_int_eq(s.limited, 1);
    price_series_free(&s);
    const char *info =
        "{\"Information\": \"We have detected your API key as demo and our standard API "
        "rate limit is 25 requests per day.\"}";
    ck_assert_int_eq(prices_parse(info, strlen(info), NULL, PF_AUTO, &s, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "Information \"We have detected") != NULL, "%s", err);
    ck_assert_int_eq(s.limited, 1);
    price_series_free(&s);
    refused("{\"Meta Data\": {\"2. Symbol\": \"X\"}}", NULL, PF_AUTO, "no \"Time Series (Daily)\"");
    refused("{\"Meta Data\": {}, \"Weekly Time Series\": {}}", NULL, PF_AUTO,
            "no \"Time Series (Daily)\"");
    refused("{\"Meta Data\": {}, \"Time Series (60min)\": {}}", NULL, PF_AUTO,
            "not a daily series");
    refused("{\"Meta Data\": {}, \"Time Series (Daily)\": {}}", NULL, PF_AUTO,
            "header but no rows");
    refused("[]", NULL, PF_AUTO, "JSON array");
    refused("Date,Open,High,Low,Close\n2024-01-02,1,2,1,2\n", NULL, PF_ALPHAVANTAGE,
            "expected Alpha Vantage JSON");
}
END_TEST

/* Alpha Vantage rows that are not bars; the adjusted series' adj close. */
START_TEST(alphavantage_rows)
{
    price_series s;
    ok("{\"Meta Data\": {\"2. Symbol\": \"IBM\"}, \"Time Series (Daily)\": {"
       "\"2024-01-05\": {\"1. open\": \"10\", \"2. high\": \"11\", \"3. low\": \"9\", \"4. "
       "close\": \"10.5\", "
       "\"5. adjusted close\": \"10.4\", \"6. volume\": \"100\"},"
       "\"2024-01-04\": {\"1. open\": \"10\", \"2. high\": \"11\", \"3. low\": \"9\", \"4. "
       "close\": \"10\", \"5. adjusted close\": \"9.9\", \"6. volume\": \"100\"},"
       "\"2024-01-03\": {\"1. open\": \"10\", \"2. high\": \"11\", \"3. low\": \"9\", \"4. "
       "close\": \"None\", \"6. volume\": \"100\"},"
       "\"2024-01-02\": {\"1. open\": \"10\", \"2. high\": \"11\", \"3. low\": \"9\", \"6. "
       "volume\": \"100\"},"
       "\"2023-12-29\": {\"1. open\": \"10\", \"2. high\": \"11\", \"3. low\": \"9\", \"4. "
       "close\": \"10\", \"5. adjusted close\": \"9.9\", \"6. volume\": \"70\"},"
       "\"2024-13-01\": {\"1. open\": \"10\", \"2. high\": \"11\", \"3. low\": \"9\", \"4. "
       "close\": \"10\"},"
       "\"2024-01-08\": {\"1. open\": \"10\", \"2. high\": \"11\", \"3. low\": \"9\", \"4. "
       "close\": \"10\", \"5. adjusted close\": \"9.9\", \"6. volume\": \"50\"}"
       "}}",
       PF_AUTO, &s);
    ck_assert_str_eq(s.symbol, "IBM");
    ck_assert_uint_eq(s.n, 3);
    ck_assert(s.bars[2].has_adj && s.bars[2].adj_close == 10.4);
    ck_assert_int_eq(s.bars[0].date, D("2023-12-29"));
    ck_assert(has_problem(&s, 0, "close: not a number: 'None'"));
    ck_assert(has_problem(&s, 0, "close: missing"));
    ck_assert(has_problem(&s, 0, "not a date: '2024-13-01'"));
    /* 2024-01-08 after 2024-01-05 in a newest-first file */
    ck_assert(has_problem(&s, 0, "date 2024-01-08 out of order"));
    ck_assert_uint_eq(s.nproblems, 4);
    ck_assert(strstr(s.problems[0].row, "2024-01-03") != NULL);
    price_series_free(&s);
}
END_TEST

/* ---- bad answers ---- */

/* Stooq's "No data" and "N/D", HTML instead of CSV, empty answers, text
 * that is no CSV at all (Stooq's daily-limit message). */
START_TEST(not_prices)
{
    refused("No data", "text/csv", PF_AUTO, "no data for this symbol (it answered \"No data\")");
    refused("N/D\r\n", NULL, PF_STOOQ_CSV, "no data for this symbol");
    refused("", NULL, PF_AUTO, "an empty answer");
    refused(" \r\n \n", NULL, PF_AUTO, "an empty answer");
    refused(
        "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>x</body></html>",
        "text/html", PF_STOOQ_CSV, "got an HTML page (\"Just a moment...\")");
    refused("\n\n<html><body><p>Service Unavailable</p></body></html>", NULL, PF_AUTO,
            "got an HTML page (\"Service Unavailable\")");
    refused("Exceeded the daily hits limit", NULL, PF_AUTO,
            "not a price CSV: no Date column in the first line \"Exceeded the daily hits limit\"");
    refused("Date,Open,High,Low\n2024-01-02,1,2,1\n", NULL, PF_AUTO, "no Close column");
    size_t len;
    char *page = slurp("edgar/errors/maintenance-503.html", &len);
    price_series s;
    char err[600];
    ck_assert_int_eq(prices_parse(page, len, NULL, PF_AUTO, &s, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "HTML page (\"SEC.gov | File Unavailable\")") != NULL, "%s", err);
    price_series_free(&s);
    free(page);
}
END_TEST

/* A header and no rows is an error, never zero bars; so are rows that are
 * all N/D. */
START_TEST(header_only_and_all_bad)
{
    refused("Date,Open,High,Low,Close,Volume\r\n", NULL, PF_AUTO,
            "no bars: the answer has a header but no rows");
    refused("<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>\n", NULL,
            PF_STOOQ_TXT, "header but no rows");
    refused("Date,Open,High,Low,Close,Adj Close,Volume\n", NULL, PF_YAHOO_CSV,
            "header but no rows");
    refused("Symbol,Date,Open,High,Low,Close,Volume\nNVDA.US,N/D,N/D,N/D,N/D,N/D,N/D\n", NULL,
            PF_AUTO, "no usable bars: all 1 rows are bad (first, line 2: not a date: 'N/D')");
    refused("Date,Open,High,Low,Close,Volume\n2024-01-02,N/D,N/D,N/D,N/D,N/"
            "D\n2024-01-03,null,1,1,1,1\n",
            NULL, PF_AUTO, "all 2 rows are bad (first, line 2: Open: N/D (no data))");
}
END_TEST

/* Missing and bad fields: each row set aside with its line and reason,
 * the good ones kept. */
START_TEST(bad_rows)
{
    price_series s;
    ok("Date,Open,High,Low,Close,Adj Close,Volume\n"
       "2024-01-02,10,11,9,10.5,10.4,1000\n" /* 2: good */
       "2024-01-03,10,11,9,10.5,10.4\n"      /* 3: a field short */
       "2024-01-04,10,11,9,,10.4,1000\n"     /* 4: empty close */
       "2024-01-05,10,11,9,abc,10.4,1000\n"  /* 5: not a number */
       "2024-01-08,10,11,9,null,null,null\n" /* 6: Yahoo's null row */
       "2024-01-09,0,11,9,10,10,1000\n"      /* 7: zero price */
       "2024-01-10,-1,11,9,10,10,1000\n"     /* 8: negative */
       "2024-01-11,10,9,11,10,10,1000\n"     /* 9: low above high */
       "2024-01-12,10,11,9,10,10,-5\n"       /* 10: negative volume */
       "2024-01-16,10,11,9,10,10,1.5\n"      /* 11: fractional volume */
       "01/17/2024,10,11,9,10,10,1000\n"     /* 12: not ISO */
       "2024-01-18,10,11,9,10,10,0\n"        /* 13: good, zero volume */
       "2024-01-19,inf,11,9,10,10,1000\n"    /* 14: infinity */
       "2024-01-22,0x10,11,9,10,10,1000\n"   /* 15: hex */
       "\n"
       "2024-01-23,10,11,9,10,10,1000.0\n", /* 17: good */
       PF_AUTO, &s);
    ck_assert_uint_eq(s.n, 3);
    ck_assert_int_eq(s.bars[1].volume, 0);
    ck_assert_int_eq(s.bars[2].volume, 1000);
    ck_assert(has_problem(&s, 3, "6 fields, the header has 7"));
    ck_assert(has_problem(&s, 4, "Close: empty"));
    ck_assert(has_problem(&s, 5, "Close: not a number: 'abc'"));
    ck_assert(has_problem(&s, 6, "Close: not a number: 'null'"));
    ck_assert(has_problem(&s, 7, "Open: not above zero: 0"));
    ck_assert(has_problem(&s, 8, "Open: not above zero: -1"));
    ck_assert(has_problem(&s, 9, "Low 11 is above High 9"));
    ck_assert(has_problem(&s, 10, "Volume: not a volume: '-5'"));
    ck_assert(has_problem(&s, 11, "Volume: not a whole number of shares: 1.5"));
    ck_assert(has_problem(&s, 12, "not a date: '01/17/2024'"));
    ck_assert(has_problem(&s, 14, "Open: not a number: 'inf'"));
    ck_assert(has_problem(&s, 15, "Open: not a number: '0x10'"));
    ck_assert_uint_eq(s.nproblems, 12);
    ck_assert_str_eq(s.problems[0].row, "2024-01-03,10,11,9,10.5,10.4");
    price_series_free(&s);
}
END_TEST

/* Repeated dates: identical copies count once; conflicting copies are
 * all set aside. Dates out of order are set aside too. */
START_TEST(duplicates_and_order)
{
    price_series s;
    ok("Date,Open,High,Low,Close,Volume\n"
       "2024-01-02,10,11,9,10,100\n"
       "2024-01-03,10,11,9,10,100\n"
       "2024-01-03,10,11,9,10,100\n"   /* 4: identical repeat */
       "2024-01-04,10,11,9,10,100\n"   /* 5: conflicts with 6 */
       "2024-01-04,10,11,9,10.5,100\n" /* 6 */
       "2024-01-08,10,11,9,10,100\n"
       "2024-01-05,10,11,9,10,100\n" /* 8: out of order */
       "2024-01-09,10,11,9,10,100\n",
       PF_AUTO, &s);
    ck_assert_uint_eq(s.n, 4);
    ck_assert_uint_eq(s.duplicates, 1);
    ck_assert(has_problem(
        &s, 5, "date 2024-01-04 appears 2 times with different values (first on line 5)"));
    ck_assert(has_problem(&s, 6, "appears 2 times"));
    ck_assert(has_problem(
        &s, 8,
        "date 2024-01-05 out of order: it comes after 2024-01-08 in a file in ascending order"));
    ck_assert_uint_eq(s.nproblems, 3);
    for (size_t i = 1; i < s.n; i++)
        ck_assert(s.bars[i - 1].date < s.bars[i].date);
    price_series_free(&s);
    /* a newest-first CSV is fine as it is */
    ok("Date,Open,High,Low,Close\n2024-01-04,1,2,1,2\n2024-01-03,1,2,1,2\n2024-01-02,1,2,1,2\n",
       PF_AUTO, &s);
    ck_assert_uint_eq(s.n, 3);
    ck_assert_uint_eq(s.nproblems, 0);
    ck_assert(!s.bars[0].has_volume);
    ck_assert_int_eq(s.bars[0].date, D("2024-01-02"));
    price_series_free(&s);
}
END_TEST

/* Stooq bulk rows for another ticker or period are set aside. */
START_TEST(stooq_txt_rows)
{
    price_series s;
    ok("<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>\r\n"
       "NVDA.US,D,20240102,000000,10,11,9,10,100,0\r\n"
       "AMD.US,D,20240103,000000,10,11,9,10,100,0\r\n"
       "NVDA.US,W,20240104,000000,10,11,9,10,100,0\r\n"
       "NVDA.US,D,2024-01-05,000000,10,11,9,10,100,0\r\n"
       "NVDA.US,D,20240108,000000,10,11,9,10,100,0\r\n",
       PF_AUTO, &s);
    ck_assert_str_eq(s.symbol, "NVDA.US");
    ck_assert_uint_eq(s.n, 2);
    ck_assert(has_problem(&s, 3, "ticker AMD.US is not the file's NVDA.US"));
    ck_assert(has_problem(&s, 4, "not a daily bar (<PER> is 'W')"));
    ck_assert(has_problem(&s, 5, "not a date: '2024-01-05'"));
    price_series_free(&s);
}
END_TEST

/* ---- feeds ---- */

START_TEST(feeds_config)
{
    price_feed *f;
    size_t n;
    char err[400];
    ck_assert_msg(prices_feeds_parse(
                      "[{\"url\": \"https://stooq.com/q/d/l/?s={symbol_lower}.us&i=d\", "
                      "\"format\": \"stooq_csv\"},"
                      "{\"url\": \"https://www.alphavantage.co/query?function=TIME_SERIES_DAILY"
                      "&symbol={symbol_upper}&apikey=SECRETKEY123\", \"format\": "
                      "\"alphavantage_json\", \"symbols\": [\"MSFT\"], \"max_rate\": 0.2,"
                      "\"symbol_map\": {\"MSFT\": \"msft\"}}]",
                      &f, &n, err, sizeof err) == 0,
                  "%s", err);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(f[0].name, "stooq");
    ck_assert_str_eq(f[1].name, "alphavantage");
    ck_assert_uint_eq(f[1].nsymbols, 1);
    ck_assert(f[1].max_rate == 0.2);
    char *u = prices_feed_url(&f[0], "BRK B");
    ck_assert_str_eq(u, "https://stooq.com/q/d/l/?s=brk%20b.us&i=d");
    free(u);
    u = prices_feed_url(&f[1], "MSFT");
    ck_assert_str_eq(u, "https://www.alphavantage.co/"
                        "query?function=TIME_SERIES_DAILY&symbol=MSFT&apikey=SECRETKEY123");
    char *msg = prices_redact(
        "GET https://www.alphavantage.co/query?function=X&apikey=SECRETKEY123: 503", u);
    ck_assert_str_eq(msg, "GET https://www.alphavantage.co/query?function=X&apikey=***: 503");
    free(msg);
    msg = prices_redact("no secret here", "https://stooq.com/q/d/l/?s=nvda.us&i=d");
    ck_assert_str_eq(msg, "no secret here");
    free(msg);
    free(u);
    prices_feeds_free(f, n);

    ck_assert_int_eq(prices_feeds_parse("[]", &f, &n, err, sizeof err), -1);
    ck_assert_int_eq(
        prices_feeds_parse("[{\"url\": \"ftp://x/{symbol}\"}]", &f, &n, err, sizeof err), -1);
    ck_assert_int_eq(
        prices_feeds_parse("[{\"url\": \"https://x/all.csv\"}]", &f, &n, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "no {symbol}") != NULL, "%s", err);
    ck_assert_int_eq(prices_feeds_parse("[{\"url\": \"https://x/{symbol}\", \"format\": \"csv\"}]",
                                        &f, &n, err, sizeof err),
                     -1);
    ck_assert_msg(strstr(err, "format must be") != NULL, "%s", err);
    ck_assert_int_eq(prices_feeds_parse("[{\"url\": \"https://x/{symbol}\", \"fromat\": \"auto\"}]",
                                        &f, &n, err, sizeof err),
                     -1);
    ck_assert_msg(strstr(err, "unknown key 'fromat'") != NULL, "%s", err);
    ck_assert_int_eq(
        prices_feeds_parse("[{\"url\": \"https://x/{symbol}\", \"format\": \"stooq_csv\"},"
                           "{\"url\": \"https://y/{symbol}\", \"format\": \"stooq_txt\"}]",
                           &f, &n, err, sizeof err),
        -1);
    ck_assert_msg(strstr(err, "both named 'stooq'") != NULL, "%s", err);
    /* one object is a list of one; no format means auto and a numbered name */
    ck_assert_int_eq(
        prices_feeds_parse("{\"url\": \"https://x/{symbol}\"}", &f, &n, err, sizeof err), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(f[0].name, "feed1");
    ck_assert_int_eq(f[0].format, PF_AUTO);
    prices_feeds_free(f, n);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("prices_parse");
    TCase *tc = tcase_create("all");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, stooq_csv);
    tcase_add_test(tc, stooq_txt);
    tcase_add_test(tc, yahoo_csv);
    tcase_add_test(tc, yfinance_csv);
    tcase_add_test(tc, yfinance_multirow);
    tcase_add_test(tc, alphavantage_daily);
    tcase_add_test(tc, alphavantage_errors);
    tcase_add_test(tc, alphavantage_rows);
    tcase_add_test(tc, not_prices);
    tcase_add_test(tc, header_only_and_all_bad);
    tcase_add_test(tc, bad_rows);
    tcase_add_test(tc, duplicates_and_order);
    tcase_add_test(tc, stooq_txt_rows);
    tcase_add_test(tc, feeds_config);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
