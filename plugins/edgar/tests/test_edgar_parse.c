/*
 * test_edgar_parse.c - the edgar parsers on every EDGAR fixture and on
 * the bad bodies SEC (or a proxy) can send where JSON was expected: no
 * network, no host. What each test proves is in its name and comment.
 */
#include "edgar_body.h"
#include "edgar_facts.h"
#include "edgar_index.h"
#include "edgar_submissions.h"
#include "edgar_tickers.h"
#include "edgar_util.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_MAP                                                                                \
    "{\"us-gaap:PaymentsToAcquirePropertyPlantAndEquipment\": \"capex\", "                         \
    "\"us-gaap:PaymentsToAcquireProductiveAssets\": \"capex\", "                                   \
    "\"us-gaap:Revenues\": \"revenue\", "                                                          \
    "\"us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax\": \"revenue\", "               \
    "\"us-gaap:PropertyPlantAndEquipmentNet\": \"ppe_net\", "                                      \
    "\"us-gaap:PropertyPlantAndEquipmentGross\": \"ppe_gross\"}"

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
    ck_assert_msg(edgar_parse_date(s, strlen(s), &d) == 0, "bad test date %s", s);
    return d;
}

/* ---- small helpers ---- */

START_TEST(dates_round_trip)
{
    char out[11];
    for (int64_t d = -800000; d < 800000; d += 997) {
        edgar_format_date(d, out);
        int64_t back;
        if (d >= D("1800-01-01") && d < D("9999-12-31")) {
            ck_assert_int_eq(edgar_parse_date(out, 10, &back), 0);
            ck_assert_int_eq(back, d);
        }
    }
    ck_assert_int_eq(D("1970-01-01"), 0);
    ck_assert_int_eq(D("2026-03-06") - D("2026-02-25"), 9);
    int64_t x;
    ck_assert_int_eq(edgar_parse_date("2026-02-29", 10, &x), -1);
    ck_assert_int_eq(edgar_parse_date("2024-02-29", 10, &x), 0);
    ck_assert_int_eq(edgar_parse_date("2026-1-01", 9, &x), -1);
    ck_assert_int_eq(edgar_parse_date("2026-13-01", 10, &x), -1);
    ck_assert_int_eq(edgar_parse_date("20260101xx", 10, &x), -1);
}
END_TEST

START_TEST(ciks_accessions_hosts)
{
    char c[11];
    ck_assert_int_eq(edgar_cik10("1045810", c), 0);
    ck_assert_str_eq(c, "0001045810");
    ck_assert_int_eq(edgar_cik10("0001045810", c), 0);
    ck_assert_str_eq(c, "0001045810");
    ck_assert_int_eq(edgar_cik10("000001045810", c), 0); /* extra leading zeros are fine */
    ck_assert_int_eq(edgar_cik10("12345678901", c), -1);
    ck_assert_int_eq(edgar_cik10("NVDA", c), -1);
    ck_assert_int_eq(edgar_cik10("0", c), -1);
    ck_assert_int_eq(edgar_cik10("", c), -1);
    ck_assert(edgar_is_accession("0001045810-26-000024"));
    ck_assert(!edgar_is_accession("000104581026000024"));
    ck_assert(!edgar_is_accession("0001045810-26-00002x"));
    char nd[19];
    edgar_accession_nodash("0001045810-26-000024", nd);
    ck_assert_str_eq(nd, "000104581026000024");
    ck_assert(edgar_is_sec_url("https://data.sec.gov/submissions/x.json"));
    ck_assert(edgar_is_sec_url("https://www.sec.gov"));
    ck_assert(edgar_is_sec_url("https://SEC.GOV:443/x"));
    ck_assert(edgar_is_sec_url("https://user@efts.sec.gov/x"));
    ck_assert(!edgar_is_sec_url("http://127.0.0.1:8080/sec.gov/x"));
    ck_assert(!edgar_is_sec_url("https://notsec.gov/"));
    ck_assert(!edgar_is_sec_url("https://sec.gov.example.com/"));
    ck_assert(edgar_has_email("Acme Research ops@acme.example"));
    ck_assert(edgar_has_email("assay/1.0 (mailto:a.b@c.io)"));
    ck_assert(!edgar_has_email("Acme Research"));
    ck_assert(!edgar_has_email("ops@localhost"));
    ck_assert(!edgar_has_email("@acme.example"));
    ck_assert(!edgar_has_email("ops@.example"));
    ck_assert(edgar_is_ticker("NVDA"));
    ck_assert(edgar_is_ticker("BRK.B"));
    ck_assert(!edgar_is_ticker("1045810"));
    ck_assert(!edgar_is_ticker("NV DA"));
}
END_TEST

/* ---- submissions ---- */

/* NVIDIA's submissions: company fields, 1007 recent filings with their
 * forms and documents, one older page with its date range. */
START_TEST(submissions_nvidia)
{
    size_t len;
    char *body = slurp("edgar/submissions/CIK0001045810.json", &len);
    edgar_company co;
    edgar_filing_list l = {0};
    char err[512];
    ck_assert_msg(
        edgar_parse_submissions(body, len, "application/json", &co, &l, err, sizeof err) == 0, "%s",
        err);
    ck_assert_str_eq(co.cik, "0001045810");
    ck_assert_str_eq(co.name, "NVIDIA CORP");
    ck_assert_str_eq(co.tickers, "NVDA");
    ck_assert_str_eq(co.fye, "0131");
    ck_assert_uint_eq(l.n, 1007);
    ck_assert_uint_eq(l.bad_rows, 0);
    ck_assert_uint_eq(co.npages, 1);
    ck_assert_str_eq(co.pages[0].name, "CIK0001045810-submissions-001.json");
    ck_assert_int_eq(co.pages[0].from, D("1998-03-06"));
    ck_assert_int_eq(co.pages[0].to, D("2019-11-18"));
    size_t k8 = 0, k10 = 0, q10 = 0;
    for (size_t i = 0; i < l.n; i++) {
        k8 += strcmp(l.v[i].form, "8-K") == 0;
        k10 += strcmp(l.v[i].form, "10-K") == 0;
        q10 += strcmp(l.v[i].form, "10-Q") == 0;
    }
    ck_assert_uint_eq(k8, 60);
    ck_assert_uint_eq(k10, 7);
    ck_assert_uint_eq(q10, 18);
    ck_assert_str_eq(l.v[0].accession, "0001347842-26-000007");
    ck_assert_str_eq(l.v[0].form, "4");
    ck_assert_int_eq(l.v[0].filed, D("2026-03-04"));
    /* 2026-03-04T17:33:32.000Z */
    ck_assert_int_eq(l.v[0].accepted_us,
                     (D("2026-03-04") * 86400 + 17 * 3600 + 33 * 60 + 32) * 1000000LL);
    ck_assert_str_eq(l.v[0].primary_doc, "xslF345X05/wk-form4_1772663608.xml");
    int found10k = 0;
    for (size_t i = 0; i < l.n; i++)
        if (strcmp(l.v[i].form, "10-K") == 0 && !found10k) {
            found10k = 1;
            ck_assert(l.v[i].is_xbrl);
            ck_assert(strstr(l.v[i].primary_doc, ".htm") != NULL);
        }
    ck_assert(found10k);
    edgar_company_free(&co);
    edgar_filing_list_free(&l);
    free(body);
}
END_TEST

/* Microsoft lists two older pages; Tesla's page file is bare columns
 * (720 filings) and adds to the recent ones. */
START_TEST(submissions_pages)
{
    size_t len;
    char err[512];
    char *body = slurp("edgar/submissions/CIK0000789019.json", &len);
    edgar_company co;
    edgar_filing_list l = {0};
    ck_assert_msg(edgar_parse_submissions(body, len, NULL, &co, &l, err, sizeof err) == 0, "%s",
                  err);
    ck_assert_uint_eq(co.npages, 2);
    ck_assert_str_eq(co.pages[1].name, "CIK0000789019-submissions-002.json");
    ck_assert_int_eq(co.pages[1].to, D("2007-12-09"));
    ck_assert_uint_eq(l.n, 1006);
    ck_assert_str_eq(co.fye, "0630");
    edgar_company_free(&co);
    edgar_filing_list_free(&l);
    free(body);

    body = slurp("edgar/submissions/CIK0001318605.json", &len);
    ck_assert_msg(edgar_parse_submissions(body, len, NULL, &co, &l, err, sizeof err) == 0, "%s",
                  err);
    free(body);
    ck_assert_uint_eq(l.n, 1002);
    ck_assert_str_eq(co.name, "Tesla, Inc.");
    body = slurp("edgar/submissions/CIK0001318605-submissions-001.json", &len);
    ck_assert_msg(
        edgar_parse_submissions_page(body, len, "application/json", &l, err, sizeof err) == 0, "%s",
        err);
    ck_assert_uint_eq(l.n, 1002 + 720);
    ck_assert_str_eq(l.v[1002].accession, "0000950103-18-001851");
    ck_assert_str_eq(l.v[1002].form, "SC 13G/A");
    /* a page file is not a main submissions file, and the reverse */
    edgar_company co2;
    edgar_filing_list l2 = {0};
    ck_assert_int_eq(edgar_parse_submissions(body, len, NULL, &co2, &l2, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "not a submissions file") != NULL, "%s", err);
    edgar_filing_list_free(&l2);
    free(body);
    edgar_company_free(&co);
    edgar_filing_list_free(&l);
}
END_TEST

/* A non-operating filer: no tickers, one Form D, no pages. */
START_TEST(submissions_tiny_filer)
{
    size_t len;
    char err[512];
    char *body = slurp("edgar/submissions/CIK0001800903.json", &len);
    edgar_company co;
    edgar_filing_list l = {0};
    ck_assert_msg(edgar_parse_submissions(body, len, NULL, &co, &l, err, sizeof err) == 0, "%s",
                  err);
    ck_assert_str_eq(co.tickers, "");
    ck_assert_str_eq(co.name, "&VEST Domestic Fund II LP");
    ck_assert_uint_eq(l.n, 1);
    ck_assert_str_eq(l.v[0].form, "D");
    ck_assert_uint_eq(co.npages, 0);
    edgar_company_free(&co);
    edgar_filing_list_free(&l);
    free(body);
}
END_TEST

/* Damaged submissions: columns of different lengths, bad rows skipped and
 * counted, a filer with no filings at all. */
START_TEST(submissions_damaged)
{
    char err[512];
    edgar_company co;
    edgar_filing_list l = {0};
    const char *mismatch =
        "{\"cik\":\"0000000001\",\"name\":\"X\",\"filings\":{\"recent\":{"
        "\"accessionNumber\":[\"0000000001-26-000001\",\"0000000001-26-000002\"],"
        "\"filingDate\":[\"2026-01-01\"],\"form\":[\"8-K\",\"8-K\"]},\"files\":[]}}";
    ck_assert_int_eq(
        edgar_parse_submissions(mismatch, strlen(mismatch), NULL, &co, &l, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "differ in length") != NULL, "%s", err);
    edgar_filing_list_free(&l);

    const char *bad =
        "{\"cik\":1,\"name\":\"X\",\"filings\":{\"recent\":{"
        "\"accessionNumber\":[\"0000000001-26-000001\",\"nope\",\"0000000001-26-000003\"],"
        "\"filingDate\":[\"2026-01-01\",\"2026-01-02\",\"2026-02-30\"],"
        "\"form\":[\"8-K\",\"8-K\",\"10-Q\"]},\"files\":[{\"name\":\"../etc/passwd\"}]}}";
    ck_assert_msg(edgar_parse_submissions(bad, strlen(bad), NULL, &co, &l, err, sizeof err) == 0,
                  "%s", err);
    ck_assert_uint_eq(l.n, 1);
    ck_assert_uint_eq(l.bad_rows, 2);
    ck_assert_msg(strstr(l.first_bad, "row 2") != NULL, "%s", l.first_bad);
    ck_assert_uint_eq(co.npages, 0); /* a page name that is a path is ignored */
    ck_assert_str_eq(l.v[0].primary_doc, "");
    edgar_company_free(&co);
    edgar_filing_list_free(&l);

    const char *empty = "{\"cik\":\"0000000002\",\"name\":\"Empty LLC\",\"filings\":{\"recent\":{"
                        "\"accessionNumber\":[],\"filingDate\":[],\"form\":[]},\"files\":[]}}";
    ck_assert_int_eq(edgar_parse_submissions(empty, strlen(empty), NULL, &co, &l, err, sizeof err),
                     0);
    ck_assert_uint_eq(l.n, 0);
    ck_assert_uint_eq(co.npages, 0);
    edgar_company_free(&co);
    edgar_filing_list_free(&l);
}
END_TEST

/* ---- bodies that are not JSON ---- */

/* SEC's 503 maintenance page where JSON was expected: named by title. */
START_TEST(body_maintenance_html)
{
    size_t len;
    char err[512];
    char *body = slurp("edgar/errors/maintenance-503.html", &len);
    edgar_company co;
    edgar_filing_list l = {0};
    ck_assert_int_eq(edgar_parse_submissions(body, len, "text/html", &co, &l, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "expected JSON, got an HTML page (\"SEC.gov | File Unavailable\")"),
                  "%s", err);
    /* also without a content type */
    ck_assert_int_eq(edgar_parse_submissions(body, len, NULL, &co, &l, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "HTML page") != NULL, "%s", err);
    ck_assert(!edgar_is_rate_limit_page(body, len));
    edgar_filing_list_free(&l);
    free(body);
}
END_TEST

/* S3's 403 XML error document: code and message. */
START_TEST(body_s3_xml)
{
    size_t len;
    char err[512];
    char *body = slurp("edgar/errors/full-index-2099-QTR1-403.xml", &len);
    xbrl_map map;
    ck_assert_int_eq(xbrl_map_parse(DEFAULT_MAP, &map, err, sizeof err), 0);
    xbrl_facts xf;
    ck_assert_int_eq(
        xbrl_facts_parse(body, len, "application/xml", &map, NULL, &xf, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "an XML error document (AccessDenied: Access Denied)") != NULL, "%s",
                  err);
    xbrl_map_free(&map);
    free(body);
}
END_TEST

/* The rate-limit page is recognised (and nothing else is). */
START_TEST(body_rate_limit)
{
    size_t len;
    char *body = slurp("edgar/errors/rate-exceeded.html", &len);
    ck_assert(edgar_is_rate_limit_page(body, len));
    char what[400];
    edgar_describe_body(body, len, "text/html", what, sizeof what);
    ck_assert_msg(strstr(what, "Request Rate Threshold Exceeded") != NULL, "%s", what);
    free(body);
    body = slurp("edgar/submissions/CIK0001045810.json", &len);
    ck_assert(!edgar_is_rate_limit_page(body, len));
    free(body);
}
END_TEST

/* Truncated JSON (cut at half and one byte short), empty bodies, JSON that
 * is not an object, a plain-text answer. */
START_TEST(body_truncated_and_odd)
{
    size_t len;
    char err[512];
    char *body = slurp("edgar/submissions/CIK0001045810.json", &len);
    edgar_company co;
    edgar_filing_list l = {0};
    ck_assert_int_eq(edgar_parse_submissions(body, len / 2, NULL, &co, &l, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "cut short") != NULL && strstr(err, "truncated") != NULL, "%s", err);
    ck_assert_int_eq(edgar_parse_submissions(body, len - 1, NULL, &co, &l, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "cut short") != NULL, "%s", err);
    free(body);
    ck_assert_int_eq(edgar_parse_submissions("", 0, NULL, &co, &l, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "an empty body") != NULL, "%s", err);
    ck_assert_int_eq(edgar_parse_submissions("  \n", 3, NULL, &co, &l, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "an empty body") != NULL, "%s", err);
    ck_assert_int_eq(edgar_parse_submissions("[1,2]", 5, NULL, &co, &l, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "JSON array") != NULL, "%s", err);
    ck_assert_int_eq(edgar_parse_submissions("{\"a\":1}", 7, NULL, &co, &l, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "not a submissions file") != NULL, "%s", err);
    ck_assert_int_eq(edgar_parse_submissions("Service Unavailable\n", 20, "text/plain", &co, &l,
                                             err, sizeof err),
                     -1);
    ck_assert_msg(strstr(err, "text starting \"Service Unavailable\"") != NULL, "%s", err);
    ck_assert_int_eq(
        edgar_parse_submissions("{\"cik\": 1, \"filings\": {", 24, NULL, &co, &l, err, sizeof err),
        -1);
    ck_assert_msg(strstr(err, "cut short") != NULL, "%s", err);
    edgar_filing_list_free(&l);
}
END_TEST

/* ---- filing index pages ---- */

/* NVIDIA's 8-K index: the primary document (viewer prefix removed), the
 * EX-10.1, the complete submission file, and the XBRL data files. */
START_TEST(index_nvidia_8k)
{
    size_t len;
    char err[512];
    char *body =
        slurp("edgar/filings/1045810/000104581026000024/0001045810-26-000024-index.html", &len);
    edgar_index ix;
    ck_assert_msg(edgar_parse_index(body, len, &ix, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_ge(ix.n, 4);
    ck_assert_int_eq(ix.v[0].seq, 1);
    ck_assert_str_eq(ix.v[0].type, "8-K");
    ck_assert_str_eq(ix.v[0].name, "nvda-20260302.htm");
    ck_assert_str_eq(ix.v[0].href,
                     "/Archives/edgar/data/1045810/000104581026000024/nvda-20260302.htm");
    ck_assert_int_eq(ix.v[1].seq, 2);
    ck_assert_str_eq(ix.v[1].type, "EX-10.1");
    ck_assert_str_eq(ix.v[1].description, "EX-10.1");
    ck_assert_int_eq(ix.v[2].seq, 0);
    ck_assert_str_eq(ix.v[2].name, "0001045810-26-000024.txt");
    ck_assert_str_eq(ix.v[2].type, "");
    int sch = 0;
    for (size_t i = 0; i < ix.n; i++)
        sch += strcmp(ix.v[i].type, "EX-101.SCH") == 0;
    ck_assert_int_eq(sch, 1);
    const char *ex99[] = {"EX-99"};
    for (size_t i = 0; i < ix.n; i++)
        ck_assert(!edgar_type_matches(ix.v[i].type, ex99, 1)); /* this 8-K has no press release */
    edgar_index_free(&ix);
    free(body);
}
END_TEST

/* A press-release 8-K index (test data in the same layout): EX-99.1 and
 * EX-99.2 match "EX-99", EX-990 and EX-10.1 do not. */
START_TEST(index_press_release)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/index-ex99.html", EDGAR_TESTDATA);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "%s", path);
    char body[65536];
    size_t len = fread(body, 1, sizeof body - 1, f);
    fclose(f);
    body[len] = '\0';
    edgar_index ix;
    char err[512];
    ck_assert_msg(edgar_parse_index(body, len, &ix, err, sizeof err) == 0, "%s", err);
    const char *ex99[] = {"EX-99"};
    int n = 0;
    for (size_t i = 0; i < ix.n; i++)
        if (edgar_type_matches(ix.v[i].type, ex99, 1)) {
            n++;
            ck_assert(strncmp(ix.v[i].type, "EX-99.", 6) == 0);
        }
    ck_assert_int_eq(n, 2);
    ck_assert(!edgar_type_matches("EX-990", ex99, 1));
    ck_assert(edgar_type_matches("ex-99.1", ex99, 1));
    ck_assert(edgar_type_matches("EX-99", ex99, 1));
    edgar_index_free(&ix);
}
END_TEST

/* Not index pages: the maintenance page and an empty body. */
START_TEST(index_not_an_index)
{
    size_t len;
    char err[512];
    char *body = slurp("edgar/errors/maintenance-503.html", &len);
    edgar_index ix;
    ck_assert_int_eq(edgar_parse_index(body, len, &ix, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "not a filing index page") != NULL && strstr(err, "File Unavailable"),
                  "%s", err);
    free(body);
    ck_assert_int_eq(edgar_parse_index("", 0, &ix, err, sizeof err), -1);
}
END_TEST

/* ---- tickers ---- */

START_TEST(tickers_lookup)
{
    const char *body =
        "{\"0\":{\"cik_str\":1045810,\"ticker\":\"NVDA\",\"title\":\"NVIDIA CORP\"},"
        "\"1\":{\"cik_str\":1067983,\"ticker\":\"BRK-B\",\"title\":\"BERKSHIRE\"},"
        "\"2\":{\"cik_str\":\"789019\",\"ticker\":\"MSFT\",\"title\":\"MICROSOFT\"}}";
    const char *want[] = {"nvda", "BRK.B", "MSFT", "ZZZZ"};
    char ciks[4][11];
    char err[256];
    ck_assert_int_eq(edgar_tickers_find(body, strlen(body), NULL, want, 4, ciks, err, sizeof err),
                     0);
    ck_assert_str_eq(ciks[0], "0001045810");
    ck_assert_str_eq(ciks[1], "0001067983");
    ck_assert_str_eq(ciks[2], "0000789019");
    ck_assert_str_eq(ciks[3], "");
    ck_assert_int_eq(edgar_tickers_find("{}", 2, NULL, want, 4, ciks, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "not a company_tickers.json") != NULL, "%s", err);
    size_t len;
    char *page = slurp("edgar/errors/maintenance-503.html", &len);
    ck_assert_int_eq(edgar_tickers_find(page, len, "text/html", want, 4, ciks, err, sizeof err),
                     -1);
    ck_assert_msg(strstr(err, "HTML page") != NULL, "%s", err);
    free(page);
}
END_TEST

/* ---- company facts ---- */

static const xbrl_row *find_row(const xbrl_facts *xf, const char *concept, const char *start,
                                const char *end, double value)
{
    int64_t s = start ? D(start) : INT64_MIN, e = D(end);
    for (size_t i = 0; i < xf->n; i++) {
        const xbrl_row *r = &xf->rows[i];
        if (strcmp(r->concept->name, concept) == 0 && r->start == s && r->end == e &&
            (value < 0 || r->value == value))
            return r;
    }
    return NULL;
}

static size_t count_rows(const xbrl_facts *xf, const char *concept, const char *metric)
{
    size_t n = 0;
    for (size_t i = 0; i < xf->n; i++)
        n += (!concept || strcmp(xf->rows[i].concept->name, concept) == 0) &&
             (!metric || strcmp(xf->rows[i].concept->metric, metric) == 0);
    return n;
}

/* NVIDIA: both capex concepts come out as capex (the tag moved in 2020);
 * a value repeated in later filings is one row with its first filing; the
 * periods are NVIDIA's fiscal years (ending late January). */
START_TEST(facts_nvidia_capex)
{
    size_t len;
    char err[512];
    char *body = slurp("edgar/companyfacts/CIK0001045810.json", &len);
    xbrl_map map;
    ck_assert_int_eq(xbrl_map_parse(DEFAULT_MAP, &map, err, sizeof err), 0);
    xbrl_facts xf;
    ck_assert_msg(xbrl_facts_parse(body, len, NULL, &map, "0131", &xf, err, sizeof err) == 0, "%s",
                  err);
    ck_assert_str_eq(xf.cik, "0001045810");
    ck_assert_str_eq(xf.entity, "NVIDIA CORP");
    ck_assert_uint_eq(xf.skipped, 0);
    /* distinct rows per concept, counted independently in Python */
    ck_assert_uint_eq(count_rows(&xf, "PaymentsToAcquirePropertyPlantAndEquipment", NULL), 35);
    ck_assert_uint_eq(count_rows(&xf, "PaymentsToAcquireProductiveAssets", NULL), 23);
    ck_assert_uint_eq(count_rows(&xf, NULL, "capex"), 58);
    ck_assert_uint_eq(count_rows(&xf, "Revenues", NULL), 128);
    ck_assert_uint_eq(count_rows(&xf, "PropertyPlantAndEquipmentNet", "ppe_net"), 70);

    /* the old tag's last fact and the new tag's latest ones */
    const xbrl_row *old = find_row(&xf, "PaymentsToAcquirePropertyPlantAndEquipment", "2020-01-27",
                                   "2020-07-26", 372000000);
    ck_assert_ptr_nonnull(old);
    ck_assert_str_eq(old->concept->metric, "capex");
    ck_assert_str_eq(old->period, "2021-H1");
    ck_assert_int_eq(old->fiscal_year, 2021);
    ck_assert_str_eq(old->accession, "0001045810-20-000147");
    const xbrl_row *fy = find_row(&xf, "PaymentsToAcquireProductiveAssets", "2025-01-27",
                                  "2026-01-25", 6042000000.0);
    ck_assert_ptr_nonnull(fy);
    ck_assert_str_eq(fy->concept->metric, "capex");
    ck_assert_str_eq(fy->period, "2026");
    ck_assert_str_eq(fy->form, "10-K");
    ck_assert_int_eq(fy->filed, D("2026-02-25"));
    ck_assert_str_eq(fy->value_text, "6042000000");
    ck_assert_int_eq(fy->restates, 0);
    const xbrl_row *q1 = find_row(&xf, "PaymentsToAcquireProductiveAssets", "2026-01-26",
                                  "2026-04-26", 1757000000.0);
    ck_assert_ptr_nonnull(q1);
    ck_assert_str_eq(q1->period, "2027-Q1");
    const xbrl_row *m9 =
        find_row(&xf, "PaymentsToAcquireProductiveAssets", "2025-01-27", "2025-10-26", -1);
    ck_assert_ptr_nonnull(m9);
    ck_assert_str_eq(m9->period, "2026-9M");
    /* repeated in 0001045810-20-000189 and -21-000163: one row, the first */
    const xbrl_row *rep =
        find_row(&xf, "PaymentsToAcquireProductiveAssets", "2020-01-27", "2020-10-25", -1);
    ck_assert_ptr_nonnull(rep);
    ck_assert_str_eq(rep->accession, "0001045810-20-000189");
    size_t dup = 0;
    for (size_t i = 0; i < xf.n; i++)
        dup += strcmp(xf.rows[i].concept->name, "PaymentsToAcquireProductiveAssets") == 0 &&
               xf.rows[i].end == D("2020-10-25") && xf.rows[i].start == D("2020-01-27");
    ck_assert_uint_eq(dup, 1);
    /* the newest filing in the file, over every concept */
    ck_assert_int_eq(xf.last_filed, D("2026-05-20"));
    ck_assert_uint_eq(xf.nlast, 1);
    ck_assert_str_eq(xf.last_accessions[0], "0001045810-26-000052");
    /* rows come oldest filing first */
    for (size_t i = 1; i < xf.n; i++)
        ck_assert(xf.rows[i - 1].filed <= xf.rows[i].filed);
    xbrl_facts_free(&xf);
    xbrl_map_free(&map);
    free(body);
}
END_TEST

/* Restatements: NVIDIA's Q1 FY2015 capex (29068000, then 29000000 a year
 * later) is two rows, the second restating the first by rounding;
 * Alphabet's 2014 capex 10959000000 -> 11014000000 is a real restatement;
 * a balance (instant) at the fiscal year end is labelled with the year. */
START_TEST(facts_restated)
{
    size_t len;
    char err[512];
    xbrl_map map;
    ck_assert_int_eq(xbrl_map_parse(DEFAULT_MAP, &map, err, sizeof err), 0);
    char *body = slurp("edgar/companyfacts/CIK0001045810.json", &len);
    xbrl_facts xf;
    ck_assert_int_eq(xbrl_facts_parse(body, len, NULL, &map, "0131", &xf, err, sizeof err), 0);
    const xbrl_row *a = find_row(&xf, "PaymentsToAcquirePropertyPlantAndEquipment", "2014-01-27",
                                 "2014-04-27", 29068000);
    const xbrl_row *b = find_row(&xf, "PaymentsToAcquirePropertyPlantAndEquipment", "2014-01-27",
                                 "2014-04-27", 29000000);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(a->restates, 0);
    ck_assert_int_eq(b->restates, 1);
    ck_assert_int_eq(b->rounding, 1);
    ck_assert_str_eq(b->prev_value, "29068000");
    ck_assert_str_eq(b->prev_accession, "0001045810-14-000085");
    ck_assert_str_eq(b->accession, "0001045810-15-000097");
    ck_assert_str_eq(a->period, "2015-Q1");
    const xbrl_row *ppe =
        find_row(&xf, "PropertyPlantAndEquipmentNet", NULL, "2015-01-25", 557282000);
    ck_assert_ptr_nonnull(ppe);
    ck_assert_str_eq(ppe->period, "2015");
    xbrl_facts_free(&xf);
    free(body);

    body = slurp("edgar/companyfacts/CIK0001652044.json", &len);
    ck_assert_int_eq(xbrl_facts_parse(body, len, NULL, &map, "1231", &xf, err, sizeof err), 0);
    ck_assert_str_eq(xf.entity, "ALPHABET INC.");
    ck_assert_uint_eq(count_rows(&xf, "PaymentsToAcquirePropertyPlantAndEquipment", "capex"), 66);
    const xbrl_row *g = find_row(&xf, "PaymentsToAcquirePropertyPlantAndEquipment", "2014-01-01",
                                 "2014-12-31", 11014000000.0);
    ck_assert_ptr_nonnull(g);
    ck_assert_int_eq(g->restates, 1);
    ck_assert_int_eq(g->rounding, 0);
    ck_assert_str_eq(g->prev_value, "10959000000");
    ck_assert_str_eq(g->period, "2014");
    const xbrl_row *q = find_row(&xf, "PaymentsToAcquirePropertyPlantAndEquipment", "2015-01-01",
                                 "2015-09-30", 7815000000.0);
    ck_assert_ptr_nonnull(q);
    ck_assert_str_eq(q->period, "2015-9M");
    xbrl_facts_free(&xf);
    free(body);

    /* Marvell without a fiscal year end given: worked out from its 10-Ks */
    body = slurp("edgar/companyfacts/CIK0001835632.json", &len);
    ck_assert_int_eq(xbrl_facts_parse(body, len, NULL, &map, NULL, &xf, err, sizeof err), 0);
    ck_assert_str_eq(xf.entity, "MARVELL TECHNOLOGY, INC");
    ck_assert_uint_eq(count_rows(&xf, "PaymentsToAcquirePropertyPlantAndEquipment", NULL), 31);
    ck_assert_uint_eq(count_rows(&xf, "RevenueFromContractWithCustomerExcludingAssessedTax", NULL),
                      44);
    ck_assert_int_eq(xf.fye[0], '0'); /* January or February */
    const xbrl_row *m = find_row(&xf, "PaymentsToAcquirePropertyPlantAndEquipment", "2020-02-02",
                                 "2021-01-30", 106800000);
    ck_assert_ptr_nonnull(m);
    ck_assert_str_eq(m->period, "2021");
    ck_assert_int_eq(m->restates, 1);
    ck_assert_int_eq(m->rounding, 1);
    xbrl_facts_free(&xf);
    free(body);
    xbrl_map_free(&map);
}
END_TEST

/* A map of one concept reads only it; a concept the file lacks is no
 * error; a bad map is refused with a message. */
START_TEST(facts_map)
{
    char err[512];
    xbrl_map map;
    ck_assert_int_eq(xbrl_map_parse("{\"FinanceLeasePrincipalPayments\": \"capex_leases\", "
                                    "\"us-gaap:NoSuchConcept\": \"x\"}",
                                    &map, err, sizeof err),
                     0);
    ck_assert_str_eq(map.v[0].taxonomy, "us-gaap");
    size_t len;
    char *body = slurp("edgar/companyfacts/CIK0001652044.json", &len);
    xbrl_facts xf;
    ck_assert_int_eq(xbrl_facts_parse(body, len, NULL, &map, "1231", &xf, err, sizeof err), 0);
    ck_assert_uint_gt(xf.n, 0);
    ck_assert_uint_eq(count_rows(&xf, NULL, "capex_leases"), xf.n);
    xbrl_facts_free(&xf);
    free(body);
    char id1[17], id2[17];
    xbrl_map_id(&map, id1);
    xbrl_map_free(&map);
    ck_assert_int_eq(xbrl_map_parse(DEFAULT_MAP, &map, err, sizeof err), 0);
    xbrl_map_id(&map, id2);
    ck_assert_str_ne(id1, id2);
    xbrl_map_free(&map);
    ck_assert_int_eq(xbrl_map_parse("[]", &map, err, sizeof err), -1);
    ck_assert_int_eq(xbrl_map_parse("{\"a b\": \"x\"}", &map, err, sizeof err), -1);
    ck_assert_int_eq(xbrl_map_parse("{\"Revenues\": 3}", &map, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "mapped to a metric") != NULL, "%s", err);
}
END_TEST

/* Facts bodies that are not facts: truncated, HTML, an entity with none. */
START_TEST(facts_bad_bodies)
{
    char err[512];
    xbrl_map map;
    ck_assert_int_eq(xbrl_map_parse(DEFAULT_MAP, &map, err, sizeof err), 0);
    size_t len;
    char *body = slurp("edgar/companyfacts/CIK0001835632.json", &len);
    xbrl_facts xf;
    ck_assert_int_eq(xbrl_facts_parse(body, len - 100, NULL, &map, NULL, &xf, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "cut short") != NULL, "%s", err);
    free(body);
    body = slurp("edgar/errors/maintenance-503.html", &len);
    ck_assert_int_eq(xbrl_facts_parse(body, len, "text/html", &map, NULL, &xf, err, sizeof err),
                     -1);
    ck_assert_msg(strstr(err, "HTML page") != NULL, "%s", err);
    free(body);
    const char *none = "{\"cik\": 1800903, \"entityName\": \"&VEST\", \"facts\": {}}";
    ck_assert_int_eq(xbrl_facts_parse(none, strlen(none), NULL, &map, NULL, &xf, err, sizeof err),
                     0);
    ck_assert_uint_eq(xf.n, 0);
    ck_assert(xf.last_filed == INT64_MIN);
    xbrl_facts_free(&xf);
    const char *odd =
        "{\"cik\": 1, \"entityName\": \"X\", \"facts\": {\"us-gaap\": {\"Revenues\": {\"units\": "
        "{\"USD\": [{\"end\": \"2025-12-31\", \"start\": \"2025-01-01\", \"val\": \"12\", "
        "\"accn\": \"0000000001-26-000001\", \"filed\": \"2026-02-01\"}, "
        "{\"end\": \"2025-12-31\", \"start\": \"2026-01-01\", \"val\": 12, "
        "\"accn\": \"0000000001-26-000001\", \"filed\": \"2026-02-01\"}, "
        "{\"end\": \"2025-12-31\", \"start\": \"2025-01-01\", \"val\": 12.5, "
        "\"accn\": \"0000000001-26-000001\", \"filed\": \"2026-02-01\", \"fy\": 2025, \"fp\": "
        "\"FY\", \"form\": \"10-K\"}]}}}}}";
    ck_assert_msg(xbrl_facts_parse(odd, strlen(odd), NULL, &map, NULL, &xf, err, sizeof err) == 0,
                  "%s", err);
    ck_assert_uint_eq(xf.skipped, 2); /* a string value, a start after the end */
    ck_assert_uint_eq(xf.n, 1);
    ck_assert_str_eq(xf.rows[0].value_text, "12.5");
    ck_assert_str_eq(xf.rows[0].period, "2025");
    xbrl_facts_free(&xf);
    xbrl_map_free(&map);
}
END_TEST

/* Period labels: 52/53-week years either side of the nominal end,
 * calendar years, quarters, halves, nine months, odd spans, instants. */
START_TEST(period_labels)
{
    char out[32];
    int fy;
    xbrl_period_label(D("2024-01-29"), D("2025-01-26"), 1, 31, out, sizeof out, &fy);
    ck_assert_str_eq(out, "2025");
    ck_assert_int_eq(fy, 2025);
    xbrl_period_label(D("2025-01-01"), D("2025-03-31"), 12, 31, out, sizeof out, &fy);
    ck_assert_str_eq(out, "2025-Q1");
    xbrl_period_label(D("2025-10-01"), D("2025-12-31"), 12, 31, out, sizeof out, &fy);
    ck_assert_str_eq(out, "2025-Q4");
    /* a 53-week year ending 2021-01-02 is fiscal 2020 */
    xbrl_period_label(D("2019-12-29"), D("2021-01-02"), 12, 31, out, sizeof out, &fy);
    ck_assert_str_eq(out, "2020");
    xbrl_period_label(D("2024-07-01"), D("2024-12-31"), 6, 30, out, sizeof out, &fy);
    ck_assert_str_eq(out, "2025-H1");
    xbrl_period_label(D("2024-07-01"), D("2025-03-31"), 6, 30, out, sizeof out, &fy);
    ck_assert_str_eq(out, "2025-9M");
    xbrl_period_label(D("2025-03-28"), D("2025-06-30"), 12, 31, out, sizeof out, &fy);
    ck_assert_str_eq(out, "2025-Q2");
    xbrl_period_label(D("2025-03-01"), D("2025-12-31"), 12, 31, out, sizeof out, &fy);
    ck_assert_str_eq(out, "2025-03-01..2025-12-31");
    xbrl_period_label(INT64_MIN, D("2025-09-30"), 12, 31, out, sizeof out, &fy);
    ck_assert_str_eq(out, "2025-Q3");
    xbrl_period_label(INT64_MIN, D("2025-06-30"), 6, 30, out, sizeof out, &fy);
    ck_assert_str_eq(out, "2025");
    xbrl_period_label(INT64_MIN, D("2024-02-29"), 2, 29, out, sizeof out, &fy);
    ck_assert_str_eq(out, "2024");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("edgar_parse");
    TCase *tc = tcase_create("all");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, dates_round_trip);
    tcase_add_test(tc, ciks_accessions_hosts);
    tcase_add_test(tc, submissions_nvidia);
    tcase_add_test(tc, submissions_pages);
    tcase_add_test(tc, submissions_tiny_filer);
    tcase_add_test(tc, submissions_damaged);
    tcase_add_test(tc, body_maintenance_html);
    tcase_add_test(tc, body_s3_xml);
    tcase_add_test(tc, body_rate_limit);
    tcase_add_test(tc, body_truncated_and_odd);
    tcase_add_test(tc, index_nvidia_8k);
    tcase_add_test(tc, index_press_release);
    tcase_add_test(tc, index_not_an_index);
    tcase_add_test(tc, tickers_lookup);
    tcase_add_test(tc, facts_nvidia_capex);
    tcase_add_test(tc, facts_restated);
    tcase_add_test(tc, facts_map);
    tcase_add_test(tc, facts_bad_bodies);
    tcase_add_test(tc, period_labels);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
