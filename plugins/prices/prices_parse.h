/*
 * prices_parse.h - daily OHLCV bars from the bodies price feeds send:
 * Stooq CSV (Date,Open,High,Low,Close,Volume), Stooq bulk text
 * (<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,...), Yahoo CSV (with Adj Close),
 * yfinance CSV (one header row, or its three-row Price/Ticker/Date form)
 * and Alpha Vantage TIME_SERIES_DAILY(_ADJUSTED) JSON.
 *
 * Nothing is made up: a bar is kept only when every field its format
 * has reads as a number that can be a price (finite, above zero; volume a
 * whole number, zero or more; low not above high). A row that fails is a
 * problem with its line and reason, for the dead-letter file. Dates
 * repeated with the same values count once; repeated with different
 * values, every copy is a problem (there is no telling which is right).
 * A date out of the file's order (ascending or descending, whichever most
 * rows follow) is a problem too. A body that holds no bars at all -- an
 * error message, an HTML page, Stooq's "N/D" or "No data", a header with
 * no rows -- is an error for the whole answer, never zero bars.
 */
#ifndef PRICES_PARSE_H
#define PRICES_PARSE_H

#include <stddef.h>
#include <stdint.h>

typedef enum price_format {
    PF_AUTO = 0,     /* detected from the body */
    PF_STOOQ_CSV,    /* Date,Open,High,Low,Close[,Volume] */
    PF_STOOQ_TXT,    /* <TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT> */
    PF_YAHOO_CSV,    /* Date,Open,High,Low,Close,Adj Close,Volume */
    PF_YFINANCE_CSV, /* Date,Open,High,Low,Close,Volume (or Price/Ticker/Date rows) */
    PF_ALPHAVANTAGE  /* {"Meta Data": ..., "Time Series (Daily)": {...}} */
} price_format;

/* "auto", "stooq_csv", ... to a format; -1 when unknown. */
int price_format_from_name(const char *name);
const char *price_format_name(price_format f);

typedef struct price_bar {
    int64_t date; /* days since 1970-01-01 */
    double open, high, low, close;
    double adj_close;
    int has_adj;
    int64_t volume;
    int has_volume;
} price_bar;

typedef struct price_problem {
    long line; /* 1-based line of a CSV body; 0 for JSON */
    char *row; /* the row as written (CSV line, or the JSON date key) */
    char why[200];
} price_problem;

typedef struct price_series {
    price_format format; /* the format read (detected when PF_AUTO was asked) */
    char symbol[40];     /* the symbol the body names (<TICKER>, "2. Symbol"); "" if none */
    price_bar *bars;     /* ascending by date, one per date */
    size_t n;
    price_problem *problems;
    size_t nproblems;
    size_t duplicates; /* identical repeats dropped */
    size_t rows;       /* data rows read */
    int limited;       /* the answer was a usage-limit message (Alpha Vantage's
                          "Note" or "Information"): ask this feed no more now */
} price_series;

/* Parses a body in format fmt (PF_AUTO: detect it). Returns 0 with out
 * filled (at least one bar), or -1 with err saying why the body gives no
 * bars. Free out with price_series_free either way. */
int prices_parse(const char *body, size_t len, const char *content_type, price_format fmt,
                 price_series *out, char *err, size_t errlen);
void price_series_free(price_series *s);

/* Days since 1970-01-01 from "YYYY-MM-DD" (optionally followed by a time)
 * or "YYYYMMDD". Returns 0, or -1 when not a real date. */
int prices_parse_date(const char *s, size_t len, int64_t *days);
void prices_format_date(int64_t days, char out[11]);

#endif
