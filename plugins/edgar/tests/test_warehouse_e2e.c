/*
 * test_warehouse_e2e.c - edgar + prices + figures into the postgres sink:
 * the filings and XBRL facts of NVIDIA and Meta, the figures read from
 * the filings' text, and daily bars from Stooq and Alpha Vantage, all
 * served by the test HTTP server on 127.0.0.1 and loaded by build/assay
 * into a throwaway PostgreSQL cluster. A second run adds no row; the
 * rows of the first are checked against the fixtures.
 */
#include "e2e.h"
#include "pgcluster.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static pgc cluster;

static void link_fixture(const char *root, const char *rel, const char *fixture_rel)
{
    char *target = path_in(FIXTURES, fixture_rel);
    link_to(root, rel, target);
    free(target);
}

/* The filings of the documents test (test data around real documents). */
static void serve_filings(const char *root)
{
    put_text(root, "data/submissions/CIK0001045810.json",
             "{\"cik\": \"0001045810\", \"name\": \"NVIDIA CORP\", \"fiscalYearEnd\": \"0131\", "
             "\"tickers\": [\"NVDA\"],"
             " \"_note\": \"test data around a real filing\","
             " \"filings\": {\"recent\": {\"accessionNumber\": [\"0001045810-26-000024\", "
             "\"0001045810-25-000230\"],"
             " \"filingDate\": [\"2026-03-06\", \"2025-11-19\"],"
             " \"acceptanceDateTime\": [\"2026-03-06T21:11:25.000Z\", \"\"], \"form\": [\"8-K\", "
             "\"10-Q\"], \"isXBRL\": [1, 1],"
             " \"primaryDocument\": [\"nvda-20260302.htm\", \"nvda-20251026.htm\"], "
             "\"primaryDocDescription\": [\"8-K\", \"10-Q\"]},"
             " \"files\": []}}");
    link_fixture(root, "www/Archives/edgar/data/1045810/000104581026000024/nvda-20260302.htm",
                 "edgar/filings/1045810/000104581026000024/nvda-20260302.htm");
    link_fixture(
        root, "www/Archives/edgar/data/1045810/000104581026000024/0001045810-26-000024-index.html",
        "edgar/filings/1045810/000104581026000024/0001045810-26-000024-index.html");
    link_fixture(root, "data/api/xbrl/companyfacts/CIK0001045810.json",
                 "edgar/companyfacts/CIK0001045810.json");
    put_text(root, "data/submissions/CIK0001326801.json",
             "{\"cik\": \"0001326801\", \"name\": \"Meta Platforms, Inc.\", \"fiscalYearEnd\": "
             "\"1231\", \"tickers\": [\"META\"],"
             " \"_note\": \"test data around real documents\","
             " \"filings\": {\"recent\": {\"accessionNumber\": [\"0001326801-25-000017\", "
             "\"0001326801-24-000081\"],"
             " \"filingDate\": [\"2025-01-30\", \"2024-10-30\"], \"acceptanceDateTime\": "
             "[\"2025-01-30T21:20:00.000Z\", \"2024-10-30T20:05:00.000Z\"],"
             " \"form\": [\"10-K\", \"8-K\"], \"isXBRL\": [0, 0], \"primaryDocument\": "
             "[\"meta-20241231.htm\", \"meta-20241030.htm\"],"
             " \"primaryDocDescription\": [\"10-K\", \"8-K\"]}, \"files\": []}}");
    link_fixture(root, "www/Archives/edgar/data/1326801/000132680125000017/meta-20241231.htm.gz",
                 "edgar/documents/meta-20241231-10k.htm.gz");
    put_text(
        root, "www/Archives/edgar/data/1326801/000132680124000081/meta-20241030.htm",
        "<html><body><p>Item 2.02 Results of Operations and Financial Condition. The press release "
        "is furnished as Exhibit 99.1. (Test data.)</p></body></html>");
    put_text(
        root, "www/Archives/edgar/data/1326801/000132680124000081/0001326801-24-000081-index.html",
        "<html><body><table class=\"tableFile\">"
        "<tr><th>Seq</th><th>Description</th><th>Document</th><th>Type</th><th>Size</th></tr>"
        "<tr><td>1</td><td>8-K</td><td><a "
        "href=\"/Archives/edgar/data/1326801/000132680124000081/"
        "meta-20241030.htm\">meta-20241030.htm</a></td><td>8-K</td><td>1</td></tr>"
        "<tr><td>2</td><td>PRESS RELEASE</td><td><a "
        "href=\"/Archives/edgar/data/1326801/000132680124000081/"
        "meta-2024q3-ex99-1.txt\">meta-2024q3-ex99-1.txt</a></td><td>EX-99.1</td><td>1</td></tr>"
        "</table></body></html>");
    link_fixture(root, "www/Archives/edgar/data/1326801/000132680124000081/meta-2024q3-ex99-1.txt",
                 "edgar/documents/meta-2024q3-ex99-1.md");
    link_fixture(root, "prices/stooq/nvda_us_d.csv", "prices/stooq/nvda_us_d.csv");
    link_fixture(root, "prices/alphavantage/TIME_SERIES_DAILY-MSFT-compact.json",
                 "prices/alphavantage/TIME_SERIES_DAILY-MSFT-compact.json");
}

static int run(const char *dir, const char *pipeline, proc *p)
{
    const char *args[] = {"run", pipeline, NULL};
    return pgc_assay(&cluster, p, dir, cluster.conninfo, args, 300);
}

START_TEST(edgar_prices_figures_into_postgres)
{
    char *dir = tmpdir_new();
    char *root = path_in(dir, "root");
    mkdir(root, 0755);
    serve_filings(root);
    httpd srv;
    httpd_start(&srv, root);
    char text[6000];
    snprintf(text, sizeof text,
             "{\"name\": \"wh\",\n"
             " \"sources\": [\n"
             "  {\"id\": \"edgar\", \"plugin\": \"edgar\", \"companies\": [\"1045810\", "
             "\"1326801\"], \"forms\": [\"8-K\", \"10-K\"],\n"
             "   \"data_url\": \"%s/data\", \"archives_url\": \"%s/www\", \"tickers_url\": "
             "\"%s/none\",\n"
             "   \"user_agent\": \"assay-tests ops@example.com\", \"http\": {\"retries\": 0}},\n"
             "  {\"id\": \"prices\", \"plugin\": \"prices\", \"max_rate\": 50, \"feeds\": [\n"
             "   {\"name\": \"stooq\", \"url\": \"%s/prices/stooq/{symbol_lower}_us_d.csv\", "
             "\"symbols\": [\"NVDA\"]},\n"
             "   {\"name\": \"alphavantage\", \"url\": "
             "\"%s/prices/alphavantage/TIME_SERIES_DAILY-{symbol}-compact.json?apikey=k\", "
             "\"symbols\": [\"MSFT\"]}]}],\n"
             " \"transforms\": [{\"id\": \"figures\", \"plugin\": \"figures\", \"input\": "
             "[\"edgar.documents\"]}],\n"
             " \"sinks\": [{\"id\": \"pg\", \"plugin\": \"postgres\", \"conninfo\": "
             "\"${ASSAY_PG}\", \"schema\": \"wh\",\n"
             "   \"input\": [\"edgar.documents\", \"edgar.facts\", \"figures.facts\", "
             "\"prices.bars\"]}]}\n",
             srv.base, srv.base, srv.base, srv.base, srv.base);
    char *pipeline = path_in(dir, "p.json");
    write_text(pipeline, text);
    proc p;
    int code = run(dir, pipeline, &p);
    ck_assert_msg(code == 0, "exit %d\n%s\n%s", code, p.out, p.err);
    json_t *sum1 = run_summary(&p);
    json_t *log1 = httpd_log(&srv);
    proc_free(&p);

    /* documents: the NVIDIA 8-K, Meta's 10-K, 8-K and its press release */
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM wh.documents WHERE kind = 'filing'"),
                     4);
    ck_assert_int_eq(
        pgc_count(&cluster,
                  "SELECT count(*) FROM wh.documents WHERE accession = '0001326801-24-000081'"),
        2);
    char *v = pgc_value(
        &cluster, "SELECT filed_at::text FROM wh.documents WHERE id = '0001045810-26-000024'");
    ck_assert_str_eq(v, "2026-03-06");
    free(v);
    /* XBRL facts: all of NVIDIA's rows, capex from both concepts */
    ck_assert_int_eq(
        pgc_count(&cluster, "SELECT count(*) FROM wh.facts WHERE concept LIKE 'us-gaap:%'"), 292);
    ck_assert_int_eq(
        pgc_count(&cluster,
                  "SELECT count(*) FROM wh.facts WHERE metric = 'capex' AND entity = 'NVIDIA CORP' "
                  "AND concept IN ('us-gaap:PaymentsToAcquirePropertyPlantAndEquipment', "
                  "'us-gaap:PaymentsToAcquireProductiveAssets')"),
        58);
    v = pgc_value(&cluster, "SELECT low::bigint::text FROM wh.facts WHERE concept = "
                            "'us-gaap:PaymentsToAcquireProductiveAssets' AND period = '2026'");
    ck_assert_str_eq(v, "6042000000");
    free(v);
    /* figures read from the filings' text, each traceable to its document */
    ck_assert_int_gt(
        pgc_count(&cluster,
                  "SELECT count(*) FROM wh.facts f JOIN wh.documents d ON d.id = f.doc_id "
                  "WHERE f.concept IS NULL AND d.kind = 'filing'"),
        0);
    ck_assert_int_eq(
        pgc_count(&cluster,
                  "SELECT count(*) FROM wh.facts WHERE doc_id = '0001326801-25-000017' "
                  "AND kind = 'money' AND abs(low - 60e9) < 1e3 AND abs(high - 65e9) < 1e3"),
        1);
    ck_assert_int_ge(
        pgc_count(&cluster, "SELECT count(*) FROM wh.facts WHERE doc_id = '0001326801-25-000017' "
                            "AND kind = 'money' AND abs(low - 39.23e9) < 1e3"),
        1);
    ck_assert_int_ge(pgc_count(&cluster, "SELECT count(*) FROM wh.facts WHERE doc_id = "
                                         "'0001326801-24-000081/meta-2024q3-ex99-1.txt' "
                                         "AND kind = 'money' AND abs(low - 9.2e9) < 1e3"),
                     1);
    /* bars */
    ck_assert_int_eq(
        pgc_count(&cluster,
                  "SELECT count(*) FROM wh.bars WHERE symbol = 'NVDA' AND source = 'stooq'"),
        6914);
    ck_assert_int_eq(
        pgc_count(&cluster,
                  "SELECT count(*) FROM wh.bars WHERE symbol = 'MSFT' AND source = 'alphavantage'"),
        100);
    v = pgc_value(&cluster,
                  "SELECT close::text FROM wh.bars WHERE symbol = 'NVDA' AND date = '2026-07-21'");
    ck_assert_str_eq(v, "207.29");
    free(v);
    long long docs = pgc_count(&cluster, "SELECT count(*) FROM wh.documents");
    long long facts = pgc_count(&cluster, "SELECT count(*) FROM wh.facts");
    long long nbars = pgc_count(&cluster, "SELECT count(*) FROM wh.bars");
    printf("warehouse: %lld documents, %lld facts (%lld XBRL), %lld bars\n", docs, facts,
           pgc_count(&cluster, "SELECT count(*) FROM wh.facts WHERE concept IS NOT NULL"), nbars);

    /* the second run: prices' overlap upserts, nothing else; no row doubled */
    httpd_reset(&srv);
    code = run(dir, pipeline, &p);
    ck_assert_msg(code == 0, "exit %d\n%s", code, p.err);
    json_t *sum2 = run_summary(&p);
    json_t *log2 = httpd_log(&srv);
    proc_free(&p);
    printf("warehouse incremental: first run %zu requests (edgar %lld, prices %lld), %.3f s; "
           "second run %zu requests (edgar %lld, prices %lld), %.3f s\n",
           log_count(log1, NULL), summary_counter(sum1, "edgar", "requests"),
           summary_counter(sum1, "prices", "requests"),
           json_real_value(json_object_get(sum1, "seconds")), log_count(log2, NULL),
           summary_counter(sum2, "edgar", "requests"), summary_counter(sum2, "prices", "requests"),
           json_real_value(json_object_get(sum2, "seconds")));
    ck_assert_int_lt(summary_counter(sum2, "edgar", "requests"),
                     summary_counter(sum1, "edgar", "requests"));
    json_decref(sum1);
    json_decref(sum2);
    json_decref(log1);
    json_decref(log2);
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM wh.documents"), docs);
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM wh.facts"), facts);
    ck_assert_int_eq(pgc_count(&cluster, "SELECT count(*) FROM wh.bars"), nbars);
    ck_assert_int_ge(pgc_count(&cluster, "SELECT count(*) FROM wh.runs"), 2);
    httpd_stop(&srv);
    free(pipeline);
    free(root);
    tmpdir_free(dir);
}
END_TEST

int main(void)
{
    int rc = pgc_start(&cluster);
    if (rc == -2)
        return PGC_SKIP;
    if (rc != 0) {
        pgc_stop(&cluster);
        return 1;
    }
    Suite *s = suite_create("warehouse_e2e");
    TCase *tc = tcase_create("all");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, edgar_prices_figures_into_postgres);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    pgc_stop(&cluster);
    return failed ? 1 : 0;
}
