/*
 * edgar_tickers.h - SEC's company_tickers.json: ticker to CIK.
 *
 * The file is one object of numbered entries,
 *   {"0": {"cik_str": 1045810, "ticker": "NVDA", "title": "NVIDIA CORP"}, ...}
 * Tickers match case-insensitively, with '.' and '-' the same (BRK.B is
 * BRK-B).
 */
#ifndef EDGAR_TICKERS_H
#define EDGAR_TICKERS_H

#include <stddef.h>

/* Looks up n tickers in body. ciks[i] gets the ten-digit CIK of
 * tickers[i], or "" when the file does not list it. Returns 0, or -1 with
 * err when the body is not a tickers file. */
int edgar_tickers_find(const char *body, size_t len, const char *content_type,
                       const char *const *tickers, size_t n, char (*ciks)[11], char *err,
                       size_t errlen);

/* 1 when s looks like a ticker (letters, digits, '.', '-', 1 to 12
 * characters, not all digits), 0 otherwise. */
int edgar_is_ticker(const char *s);

#endif
