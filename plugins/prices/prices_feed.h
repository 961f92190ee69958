/*
 * prices_feed.h - the `feeds` config of the prices source: where each
 * feed's bars come from (a URL template), in what format, under what
 * name (bars.source), for which symbols; and keeping secrets (API keys in
 * query strings) out of messages.
 */
#ifndef PRICES_FEED_H
#define PRICES_FEED_H

#include "prices_parse.h"

#include <stddef.h>

typedef struct price_feed {
    char *name;          /* bars.source: "stooq", "alphavantage", ... */
    char *url;           /* template with {symbol}, {symbol_lower}, {symbol_upper} */
    price_format format; /* PF_AUTO: detected per answer */
    char **symbols;      /* this feed's own list, or NULL for the top-level one */
    size_t nsymbols;
    char *symbol_map; /* JSON object text {"BRK-B": "brk-b"} or NULL */
    double max_rate;  /* requests/s to the feed's host; 0: the plugin's */
} price_feed;

/* Parses the feeds JSON (an array of objects, or one object). Each
 * object: "url" (required), "format", "name", "symbols", "symbol_map",
 * "max_rate". Returns 0, or -1 with err naming the feed and key. */
int prices_feeds_parse(const char *json, price_feed **out, size_t *n, char *err, size_t errlen);
void prices_feeds_free(price_feed *f, size_t n);

/* The URL for one symbol: the symbol (after symbol_map) replaces
 * {symbol}, lower-cased {symbol_lower}, upper-cased {symbol_upper},
 * percent-encoded. malloc'd, or NULL when out of memory. */
char *prices_feed_url(const price_feed *f, const char *symbol);

/* A copy of text (malloc'd) in which the values of url's query
 * parameters that hold secrets (apikey, api_key, key, token, access_key,
 * ...) are replaced by "***" wherever they occur. */
char *prices_redact(const char *text, const char *url);

#endif
