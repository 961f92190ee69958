/*
 * edgar_submissions.h - data.sec.gov submissions JSON: a company's name,
 * tickers and fiscal year end, its recent filings (column arrays under
 * filings.recent) and the names of the older-filings pages
 * (filings.files), each of which is a bare set of the same columns.
 */
#ifndef EDGAR_SUBMISSIONS_H
#define EDGAR_SUBMISSIONS_H

#include <stddef.h>
#include <stdint.h>

typedef struct edgar_filing {
    char accession[21];  /* 0001045810-26-000024 */
    char form[24];       /* 8-K, 10-K/A, ... */
    int64_t filed;       /* filingDate, days since 1970 */
    int64_t accepted_us; /* acceptanceDateTime in microseconds UTC, or 0 */
    int is_xbrl;         /* isXBRL or isInlineXBRL */
    char *primary_doc;   /* file name in the filing's folder; "" when none */
    char *description;   /* primaryDocDescription; "" when none */
} edgar_filing;

typedef struct edgar_filing_list {
    edgar_filing *v;
    size_t n, cap;
    size_t bad_rows;     /* rows skipped: bad accession number or date */
    char first_bad[160]; /* what was wrong with the first of them */
} edgar_filing_list;

typedef struct edgar_page {
    char *name;   /* CIK0000789019-submissions-001.json */
    int64_t from; /* filingFrom, days; INT64_MIN when absent */
    int64_t to;   /* filingTo, days; INT64_MAX when absent */
} edgar_page;

typedef struct edgar_company {
    char cik[11];  /* ten digits */
    char *name;    /* "NVIDIA CORP" */
    char *tickers; /* "NVDA" or "GOOGL,GOOG"; "" when none */
    char fye[5];   /* fiscalYearEnd "0131"; "" when unknown */
    edgar_page *pages;
    size_t npages;
} edgar_company;

/* Parses the main submissions file. On success returns 0 with co filled
 * and the recent filings appended to out. Returns -1 with err set when
 * the body is not a submissions object (error pages, truncated or other
 * JSON): a clear, one-line reason. Free co with edgar_company_free. */
int edgar_parse_submissions(const char *body, size_t len, const char *content_type,
                            edgar_company *co, edgar_filing_list *out, char *err, size_t errlen);

/* Parses one older-filings page (the bare column arrays), appending to
 * out. Returns 0 or -1 with err. */
int edgar_parse_submissions_page(const char *body, size_t len, const char *content_type,
                                 edgar_filing_list *out, char *err, size_t errlen);

void edgar_company_free(edgar_company *co);
void edgar_filing_list_free(edgar_filing_list *l);

#endif
