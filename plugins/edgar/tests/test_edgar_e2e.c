/*
 * test_edgar_e2e.c - the edgar source run by build/assay against the test
 * HTTP server on 127.0.0.1, serving the EDGAR fixtures in SEC's URL
 * layout (data.sec.gov's /submissions and /api/xbrl/companyfacts, and
 * www.sec.gov's /Archives and /files), plus small files written here for
 * what the fixtures lack (marked as test data). Each test says what it
 * proves. The figures the issue asks for (requests and seconds of a
 * second, incremental run against the first) are printed by
 * incremental_run.
 */
#include "e2e.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define UA "assay-tests ops@example.com"

/* Writes p.json: one edgar entry with the test server's URLs and the
 * given extra config, a csv sink for its three streams. */
static void write_pipeline(env *e, const char *fmt, ...)
{
    char extra[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(extra, sizeof extra, fmt, ap);
    va_end(ap);
    char text[8192];
    snprintf(text, sizeof text,
             "{\"name\": \"e2e\",\n"
             " \"sources\": [{\"id\": \"edgar\", \"plugin\": \"edgar\",\n"
             "   \"data_url\": \"%s/data\", \"archives_url\": \"%s/www\",\n"
             "   \"tickers_url\": \"%s/www/files/company_tickers.json\",\n"
             "   \"user_agent\": \"" UA "\",\n"
             "   \"http\": {\"retries\": 0, \"backoff_base\": 0.05},\n"
             "   %s}],\n"
             " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\",\n"
             "   \"input\": [\"edgar.documents\", \"edgar.facts\", \"edgar.xbrl\"]}]}\n",
             e->srv.base, e->srv.base, e->srv.base, extra);
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

static json_t *out_rows(env *e, const char *stream)
{
    char rel[64];
    snprintf(rel, sizeof rel, "out/%s.csv", stream);
    return env_csv(e, rel);
}

static json_t *dead_letters(env *e)
{
    return env_json_lines(e, "state/e2e/dead-letter.jsonl");
}

static void clear_outputs(env *e)
{
    static const char *const names[] = {"out/documents.csv", "out/facts.csv", "out/xbrl.csv",
                                        "state/e2e/dead-letter.jsonl", NULL};
    env_remove(e, names);
}

/* ---- files for the server ---- */

typedef struct sub_filing {
    const char *acc, *date, *form, *doc, *accepted;
    int xbrl;
} sub_filing;

/* A submissions file in data.sec.gov's shape (test data). */
static void put_submissions(env *e, const char *cik10, const char *name, const char *fye,
                            const sub_filing *f, size_t n)
{
    json_t *cols = json_object();
    const char *keys[] = {
        "accessionNumber", "filingDate",   "reportDate",      "acceptanceDateTime",   "form",
        "isXBRL",          "isInlineXBRL", "primaryDocument", "primaryDocDescription"};
    for (int k = 0; k < 9; k++)
        json_object_set_new(cols, keys[k], json_array());
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(json_object_get(cols, "accessionNumber"), json_string(f[i].acc));
        json_array_append_new(json_object_get(cols, "filingDate"), json_string(f[i].date));
        json_array_append_new(json_object_get(cols, "reportDate"), json_string(""));
        json_array_append_new(json_object_get(cols, "acceptanceDateTime"),
                              json_string(f[i].accepted ? f[i].accepted : ""));
        json_array_append_new(json_object_get(cols, "form"), json_string(f[i].form));
        json_array_append_new(json_object_get(cols, "isXBRL"), json_integer(f[i].xbrl));
        json_array_append_new(json_object_get(cols, "isInlineXBRL"), json_integer(f[i].xbrl));
        json_array_append_new(json_object_get(cols, "primaryDocument"), json_string(f[i].doc));
        json_array_append_new(json_object_get(cols, "primaryDocDescription"),
                              json_string(f[i].form));
    }
    json_t *root = json_pack("{s:s, s:s, s:s, s:[], s:s, s:{s:o, s:[]}}", "cik", cik10, "name",
                             name, "fiscalYearEnd", fye, "tickers", "_note",
                             "test data written by test_edgar_e2e.c, not SEC's", "filings",
                             "recent", cols, "files");
    char *text = json_dumps(root, JSON_COMPACT);
    char rel[128];
    snprintf(rel, sizeof rel, "data/submissions/CIK%s.json", cik10);
    put_text(e->root, rel, text);
    free(text);
    json_decref(root);
}

static void link_fixture(env *e, const char *rel, const char *fixture_rel)
{
    char *target = path_in(FIXTURES, fixture_rel);
    link_to(e->root, rel, target);
    free(target);
}

/* An "answer" sidecar for the test server: rel is answered with status and
 * the bytes of body_rel (a path under the root), times times (0: always). */
static void answer_with(env *e, const char *rel, int status, const char *body_rel, int times)
{
    char side[512], text[1024];
    snprintf(side, sizeof side, "%s.answer.json", rel);
    if (times)
        snprintf(text, sizeof text, "{\"status\": %d, \"body\": \"%s\", \"times\": %d}", status,
                 body_rel, times);
    else
        snprintf(text, sizeof text, "{\"status\": %d, \"body\": \"%s\"}", status, body_rel);
    put_text(e->root, side, text);
}

static const char tickers_json[] =
    "{\"0\": {\"cik_str\": 1045810, \"ticker\": \"NVDA\", \"title\": \"NVIDIA CORP\"},"
    " \"1\": {\"cik_str\": 789019, \"ticker\": \"MSFT\", \"title\": \"MICROSOFT CORP\"},"
    " \"2\": {\"cik_str\": 1318605, \"ticker\": \"TSLA\", \"title\": \"Tesla, Inc.\"},"
    " \"3\": {\"cik_str\": 1652044, \"ticker\": \"GOOGL\", \"title\": \"Alphabet Inc.\"},"
    " \"4\": {\"cik_str\": 1835632, \"ticker\": \"MRVL\", \"title\": \"Marvell Technology, "
    "Inc.\"}}";

/* ---- tests ---- */

/* Against sec.gov the plugin refuses to start without a contact e-mail in
 * its User-Agent, quoting SEC's rule, and refuses a rate over 10/s;
 * `assay check` says so with the file position; with an e-mail it passes. */
START_TEST(user_agent_rule)
{
    char *dir = tmpdir_new();
    char *p = path_in(dir, "p.json");
    const char *variants[] = {
        "", "\"user_agent\": \"Acme Research\",",
        "\"user_agent\": \"Acme Research ops@acme.example\", \"max_rate\": 20,",
        "\"user_agent\": \"Acme Research ops@acme.example\","};
    for (int v = 0; v < 4; v++) {
        char text[2048];
        snprintf(text, sizeof text,
                 "{\"name\": \"ua\", \"sources\": [{\"id\": \"edgar\", \"plugin\": \"edgar\", %s "
                 "\"companies\": [\"1045810\"]}],\n"
                 " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [\"edgar\"]}]}\n",
                 variants[v]);
        write_text(p, text);
        proc pr;
        const char *args[] = {"check", p, NULL};
        int code = assay_run(&pr, dir, args, 60);
        if (v < 2) {
            ck_assert_msg(code == 2, "check passed without an e-mail: %s %s", pr.out, pr.err);
            ck_assert_msg(
                contains(pr.err, "refuses to send requests to sec.gov without a contact e-mail"),
                "%s", pr.err);
            ck_assert_msg(
                contains(pr.err, "Sample Company Name AdminContact@<sample company domain>.com"),
                "%s", pr.err);
            ck_assert_msg(contains(pr.err, "p.json:"), "no position: %s", pr.err);
        } else if (v == 2) {
            ck_assert_int_eq(code, 2);
            ck_assert_msg(contains(pr.err, "no more than 10 requests per second"), "%s", pr.err);
        } else {
            ck_assert_msg(code == 0, "check refused a good config: %s %s", pr.out, pr.err);
        }
        proc_free(&pr);
        if (v == 0) { /* run refuses too, before any request */
            const char *rargs[] = {"run", p, NULL};
            code = assay_run(&pr, dir, rargs, 60);
            ck_assert_msg(code == 2 || code == 3, "run exit %d: %s", code, pr.err);
            ck_assert_msg(contains(pr.err, "contact e-mail"), "%s", pr.err);
            proc_free(&pr);
        }
    }
    free(p);
    tmpdir_free(dir);
}
END_TEST

/* Every submissions and companyfacts fixture as SEC serves it: tickers
 * resolved through company_tickers.json; NVIDIA's capex from both of its
 * concepts as capex; restatements said; the same fact once; Alphabet and
 * Marvell facts; a filer without reports gives no facts; an unknown
 * ticker and a CIK that does not exist are dead letters while the others
 * go on; every request carries the User-Agent and keeps under 10/s. Then
 * a second run: nothing emitted again, and far fewer requests. */
START_TEST(fixtures_and_incremental)
{
    env e;
    env_init(&e);
    link_fixture(&e, "data/submissions/CIK0001045810.json", "edgar/submissions/CIK0001045810.json");
    link_fixture(&e, "data/submissions/CIK0000789019.json", "edgar/submissions/CIK0000789019.json");
    link_fixture(&e, "data/submissions/CIK0001800903.json", "edgar/submissions/CIK0001800903.json");
    link_fixture(&e, "data/api/xbrl/companyfacts/CIK0001045810.json",
                 "edgar/companyfacts/CIK0001045810.json");
    link_fixture(&e, "data/api/xbrl/companyfacts/CIK0001652044.json",
                 "edgar/companyfacts/CIK0001652044.json");
    link_fixture(&e, "data/api/xbrl/companyfacts/CIK0001835632.json",
                 "edgar/companyfacts/CIK0001835632.json");
    /* no submissions fixture for Alphabet and Marvell: a 10-K each (test data) */
    sub_filing goog[] = {{"0001652044-26-000010", "2026-02-04", "10-K", "goog-20251231.htm",
                          "2026-02-04T21:05:00.000Z", 1}};
    put_submissions(&e, "0001652044", "Alphabet Inc.", "1231", goog, 1);
    sub_filing mrvl[] = {{"0001835632-26-000011", "2026-03-10", "10-K", "mrvl-20260131.htm",
                          "2026-03-10T20:30:00.000Z", 1}};
    put_submissions(&e, "0001835632", "Marvell Technology, Inc.", "0131", mrvl, 1);
    put_text(e.root, "www/files/company_tickers.json", tickers_json);
    write_pipeline(&e, "\"companies\": [\"NVDA\", \"789019\", \"1800903\", \"1652044\", \"MRVL\", "
                       "\"ZZZZ\", \"9999999999\"], \"since\": \"2026-02-20\"");
    proc p;
    int code = run(&e, &p);
    ck_assert_msg(code == 1, "exit %d (want 1: partial)\n%s\n%s", code, p.out, p.err);
    json_t *log1 = httpd_log(&e.srv);
    json_t *sum1 = run_summary(&p);
    size_t req1 = log_count(log1, NULL);
    double sec1 = json_real_value(json_object_get(sum1, "seconds"));

    json_t *facts = out_rows(&e, "facts");
    /* distinct rows per company and mapped concept, counted with Python */
    ck_assert_uint_eq(rows_where(facts, "entity", "NVIDIA CORP"), 292);
    ck_assert_uint_eq(rows_where(facts, "entity", "ALPHABET INC."), 224);
    ck_assert_uint_eq(rows_where(facts, "entity", "MARVELL TECHNOLOGY, INC"), 121);
    ck_assert_uint_eq(json_array_size(facts), 292 + 224 + 121);
    size_t nv_capex_old = 0, nv_capex_new = 0, i;
    json_t *r;
    json_array_foreach(facts, i, r)
    {
        if (strcmp(col(r, "entity"), "NVIDIA CORP") || strcmp(col(r, "metric"), "capex"))
            continue;
        nv_capex_old +=
            strcmp(col(r, "concept"), "us-gaap:PaymentsToAcquirePropertyPlantAndEquipment") == 0;
        nv_capex_new += strcmp(col(r, "concept"), "us-gaap:PaymentsToAcquireProductiveAssets") == 0;
        ck_assert_str_eq(col(r, "kind"), "money");
        ck_assert_str_eq(col(r, "unit"), "USD");
        ck_assert_str_eq(col(r, "low"), col(r, "high"));
        ck_assert_str_eq(col(r, "text"), "");
        ck_assert_str_eq(col(r, "sentence"), "");
        ck_assert_str_eq(col(r, "span_start"), "");
        ck_assert_int_eq(strlen(col(r, "fact_id")), 64);
        ck_assert_msg(strncmp(col(r, "cue"), "XBRL us-gaap:", 13) == 0, "%s", col(r, "cue"));
    }
    ck_assert_uint_eq(nv_capex_old, 35);
    ck_assert_uint_eq(nv_capex_new, 23);
    /* FY2026 capex (the new concept) and Q1 FY2027 */
    json_t *fy26 = NULL;
    json_array_foreach(facts, i, r) if (strcmp(col(r, "concept"),
                                               "us-gaap:PaymentsToAcquireProductiveAssets") == 0 &&
                                        strcmp(col(r, "period"), "2026") == 0) fy26 = r;
    ck_assert_ptr_nonnull(fy26);
    ck_assert_str_eq(col(fy26, "low"), "6042000000");
    ck_assert_str_eq(col(fy26, "doc_id"), "0001045810-26-000021");
    ck_assert_msg(strstr(col(fy26, "cue"),
                         "2025-01-27..2026-01-25, 10-K 0001045810-26-000021 filed 2026-02-25") !=
                      NULL,
                  "%s", col(fy26, "cue"));
    /* a restated value says so */
    json_t *re = NULL;
    json_array_foreach(
        facts, i,
        r) if (strstr(col(r, "cue"),
                      "restates 29068000 reported in 0001045810-14-000085 (a rounding of it)")) re =
        r;
    ck_assert_ptr_nonnull(re);
    ck_assert_str_eq(col(re, "low"), "29000000");
    ck_assert_str_eq(col(re, "period"), "2015-Q1");
    /* fact ids are unique */
    json_t *ids = json_object();
    json_array_foreach(facts, i, r) json_object_set_new(ids, col(r, "fact_id"), json_true());
    ck_assert_uint_eq(json_object_size(ids), json_array_size(facts));
    json_decref(ids);
    /* the typed xbrl stream carries the same rows */
    json_t *xbrl = out_rows(&e, "xbrl");
    ck_assert_uint_eq(json_array_size(xbrl), json_array_size(facts));
    json_t *x = row_where(xbrl, "fact_id", col(fy26, "fact_id"));
    ck_assert_ptr_nonnull(x);
    ck_assert_str_eq(col(x, "period_start"), "2025-01-27");
    ck_assert_str_eq(col(x, "period_end"), "2026-01-25");
    ck_assert_str_eq(col(x, "fiscal_year"), "2026");
    ck_assert_str_eq(col(x, "fy"), "2026");
    ck_assert_str_eq(col(x, "fp"), "FY");
    ck_assert_str_eq(col(x, "form"), "10-K");
    ck_assert_str_eq(col(x, "filed"), "2026-02-25");
    ck_assert_str_eq(col(x, "restates"), "false");

    /* the bad companies, each with its own clear reason */
    json_t *dl = dead_letters(&e);
    ck_assert_msg(dead_letter_has(dl, "ticker ZZZZ is not in SEC's ticker list", NULL), "%s",
                  p.err);
    ck_assert_msg(dead_letter_has(dl, "CIK 9999999999: cannot read its submissions", "HTTP 404",
                                  "no such company on EDGAR? check the CIK", NULL),
                  "%s", p.err);
    /* NVIDIA's filings since 2026-02-20 are listed but not in the fixtures */
    ck_assert(dead_letter_has(dl, "NVIDIA CORP (CIK 0001045810) 10-K 0001045810-26-000021",
                              "HTTP 404", NULL));
    ck_assert(dead_letter_has(dl, "0001045810-26-000019: cannot read its index page", NULL));
    ck_assert_int_eq(summary_counter(sum1, "edgar", "companies"), 5);
    /* requests: the User-Agent on each, under 10/s to the host */
    size_t j;
    json_array_foreach(json_object_get(log1, "requests"), j, r)
    {
        const char *ua =
            json_string_value(json_object_get(json_object_get(r, "headers"), "User-Agent"));
        if (strcmp(json_string_value(json_object_get(r, "path")), "/robots.txt") != 0)
            ck_assert_msg(ua && strcmp(ua, UA) == 0, "User-Agent %s", ua ? ua : "(none)");
    }
    /* 10/s: the client starts requests 100 ms apart; as they arrive (a new
     * connection takes longer than a kept one) a second may see one more */
    ck_assert_msg(log_mean_rate(log1) <= 10.2, "%.2f requests/s", log_mean_rate(log1));
    ck_assert_msg(log_max_per_second(log1) <= 11, "%zu requests in one second",
                  log_max_per_second(log1));
    ck_assert_uint_eq(log_count(log1, "/www/files/company_tickers.json"), 1);
    /* NVIDIA, Alphabet, Marvell; and Microsoft's, which is not among the
     * fixtures: a dead letter, asked again next run */
    ck_assert_uint_eq(log_count(log1, "/data/api/xbrl/companyfacts/"), 4);
    ck_assert(dead_letter_has(dl,
                              "MICROSOFT CORP (CIK 0000789019): cannot read its XBRL company facts",
                              "HTTP 404", NULL));
    json_decref(dl);
    json_decref(facts);
    json_decref(xbrl);
    proc_free(&p);

    /* the second run: nothing again; tickers from state; no companyfacts */
    clear_outputs(&e);
    httpd_reset(&e.srv);
    code = run(&e, &p);
    ck_assert_msg(code == 1, "exit %d\n%s", code, p.err); /* ZZZZ and 9999999999 still fail */
    json_t *log2 = httpd_log(&e.srv);
    json_t *sum2 = run_summary(&p);
    size_t req2 = log_count(log2, NULL);
    double sec2 = json_real_value(json_object_get(sum2, "seconds"));
    facts = out_rows(&e, "facts");
    json_t *docs = out_rows(&e, "documents");
    ck_assert_uint_eq(json_array_size(facts), 0);
    ck_assert_uint_eq(json_array_size(docs), 0);
    ck_assert_uint_eq(log_count(log2, "/data/api/xbrl/companyfacts/"),
                      1); /* Microsoft's, still missing */
    ck_assert_uint_eq(log_count(log2, "/www/Archives/"), 0);
    ck_assert_uint_eq(log_count(log2, "/www/files/company_tickers.json"), 1); /* only for ZZZZ */
    ck_assert_uint_eq(log_count(log2, "/data/submissions/"), 6);
    printf("edgar incremental: first run %zu requests, %.3f s (server %.3f s); "
           "second run %zu requests, %.3f s (server %.3f s)\n",
           req1, sec1, log_seconds(log1), req2, sec2, log_seconds(log2));
    ck_assert_uint_lt(req2, req1);
    json_decref(facts);
    json_decref(docs);
    json_decref(sum1);
    json_decref(sum2);
    json_decref(log1);
    json_decref(log2);
    proc_free(&p);
    env_free(&e);
}
END_TEST

/* Older filings: Tesla's page file is read when `since` reaches it and
 * its 10-Qs are fetched; Microsoft's newer page is missing (a dead letter
 * naming it) and its older page, before `since`, is never asked for. A
 * second run does not read a page it read through. */
START_TEST(older_filings_pages)
{
    env e;
    env_init(&e);
    link_fixture(&e, "data/submissions/CIK0001318605.json", "edgar/submissions/CIK0001318605.json");
    link_fixture(&e, "data/submissions/CIK0001318605-submissions-001.json",
                 "edgar/submissions/CIK0001318605-submissions-001.json");
    link_fixture(&e, "data/submissions/CIK0000789019.json", "edgar/submissions/CIK0000789019.json");
    write_pipeline(&e, "\"companies\": [\"1318605\", \"789019\"], \"since\": \"2017-06-01\", "
                       "\"forms\": [\"10-K\"], \"facts\": false");
    proc p;
    int code = run(&e, &p);
    ck_assert_msg(code == 1, "exit %d\n%s", code, p.err);
    json_t *log = httpd_log(&e.srv);
    ck_assert_uint_eq(log_count(log, "/data/submissions/CIK0001318605-submissions-001.json"), 1);
    ck_assert_uint_eq(log_count(log, "/data/submissions/CIK0000789019-submissions-001.json"), 1);
    ck_assert_uint_eq(log_count(log, "/data/submissions/CIK0000789019-submissions-002.json"), 0);
    /* Tesla's 10-K filed 2018-02-23 is in the recent list, its 10-K of
     * 2017-03-01 is before since; the page (to 2018-02-11) adds none after
     * 2017-06-01 but is read; every Tesla 10-K since then is asked for */
    json_t *dl = dead_letters(&e);
    ck_assert_msg(
        dead_letter_has(dl, "cannot read older filings page CIK0000789019-submissions-001.json",
                        "HTTP 404", NULL),
        "%s", p.err);
    size_t tesla = log_count(log, "/www/Archives/edgar/data/1318605/");
    ck_assert_uint_ge(tesla, 8);
    json_decref(dl);
    json_decref(log);
    proc_free(&p);

    httpd_reset(&e.srv);
    clear_outputs(&e);
    code = run(&e, &p);
    log = httpd_log(&e.srv);
    ck_assert_uint_eq(log_count(log, "/data/submissions/CIK0001318605-submissions-001.json"), 0);
    ck_assert_uint_eq(log_count(log, "/data/submissions/CIK0000789019-submissions-001.json"),
                      1); /* not read through: asked again */
    ck_assert_uint_eq(log_count(log, "/www/Archives/"), 0);
    json_decref(log);
    proc_free(&p);
    env_free(&e);
}
END_TEST

/* Filing documents: NVIDIA's 8-K (inline XBRL, from its index page),
 * Meta's 10-K (a 2.4 MB inline XBRL document served gzip-encoded) and a
 * press-release 8-K whose EX-99.1 is fetched from the index page (and its
 * EX-10.1 is not) become plain-text documents with every filing field;
 * the second run fetches nothing. */
START_TEST(filing_documents)
{
    env e;
    env_init(&e);
    sub_filing nv[] = {{"0001045810-26-000024", "2026-03-06", "8-K", "nvda-20260302.htm",
                        "2026-03-06T21:11:25.000Z", 1},
                       {"0001045810-26-000021", "2026-02-25", "10-K", "nvda-20260125.htm",
                        "2026-02-25T21:10:00.000Z", 1}};
    put_submissions(&e, "0001045810", "NVIDIA CORP", "0131", nv, 2);
    link_fixture(&e, "www/Archives/edgar/data/1045810/000104581026000024/nvda-20260302.htm",
                 "edgar/filings/1045810/000104581026000024/nvda-20260302.htm");
    link_fixture(
        &e, "www/Archives/edgar/data/1045810/000104581026000024/0001045810-26-000024-index.html",
        "edgar/filings/1045810/000104581026000024/0001045810-26-000024-index.html");
    sub_filing meta[] = {
        {"0001326801-25-000017", "2025-01-30", "10-K", "meta-20241231.htm",
         "2025-01-30T21:20:00.000Z", 1},
        {"0001326801-24-000081", "2024-10-30", "8-K", "meta-20241030.htm",
         "2024-10-30T20:05:00.000Z", 1},
        {"0001326801-24-000080", "2024-10-29", "4", "form4.xml", "2024-10-29T20:05:00.000Z", 0}};
    put_submissions(&e, "0001326801", "Meta Platforms, Inc.", "1231", meta, 3);
    link_fixture(&e, "www/Archives/edgar/data/1326801/000132680125000017/meta-20241231.htm.gz",
                 "edgar/documents/meta-20241231-10k.htm.gz");
    const char *ddir = "www/Archives/edgar/data/1326801/000132680124000081/";
    char rel[512];
    snprintf(rel, sizeof rel, "%smeta-20241030.htm", ddir);
    put_text(e.root, rel,
             "<html><head><title>meta-20241030</title></head><body><p>FORM 8-K</p>"
             "<p>Item 2.02 Results of Operations and Financial Condition.</p>"
             "<p>The press release is furnished as Exhibit 99.1. (Test data.)</p></body></html>");
    snprintf(rel, sizeof rel, "%s0001326801-24-000081-index.html", ddir);
    put_text(
        e.root, rel,
        "<html><head><title>EDGAR Filing Documents for 0001326801-24-000081 (test "
        "data)</title></head><body>"
        "<table class=\"tableFile\" summary=\"Document Format Files\">"
        "<tr><th>Seq</th><th>Description</th><th>Document</th><th>Type</th><th>Size</th></tr>"
        "<tr><td>1</td><td>8-K</td><td><a "
        "href=\"/ix?doc=/Archives/edgar/data/1326801/000132680124000081/"
        "meta-20241030.htm\">meta-20241030.htm</a></td><td>8-K</td><td>300</td></tr>"
        "<tr><td>2</td><td>PRESS RELEASE</td><td><a "
        "href=\"/Archives/edgar/data/1326801/000132680124000081/"
        "meta-2024q3-ex99-1.txt\">meta-2024q3-ex99-1.txt</a></td><td>EX-99.1</td><td>9000</td></tr>"
        "<tr><td>3</td><td>AGREEMENT</td><td><a "
        "href=\"/Archives/edgar/data/1326801/000132680124000081/ex10-1.htm\">ex10-1.htm</a></"
        "td><td>EX-10.1</td><td>9000</td></tr>"
        "</table></body></html>");
    snprintf(rel, sizeof rel, "%smeta-2024q3-ex99-1.txt", ddir);
    link_fixture(&e, rel, "edgar/documents/meta-2024q3-ex99-1.md");
    write_pipeline(&e, "\"companies\": [\"1045810\", \"1326801\"], \"facts\": false");
    proc p;
    int code = run(&e, &p);
    ck_assert_msg(code == 1, "exit %d\n%s", code, p.err); /* NVIDIA's 10-K document is missing */
    json_t *sum1 = run_summary(&p);
    json_t *log1 = httpd_log(&e.srv);
    json_t *docs = out_rows(&e, "documents");
    ck_assert_uint_eq(json_array_size(docs), 4);
    json_t *d = row_where(docs, "id", "0001045810-26-000024");
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(col(d, "kind"), "filing");
    ck_assert_str_eq(col(d, "cik"), "0001045810");
    ck_assert_str_eq(col(d, "company"), "NVIDIA CORP");
    ck_assert_str_eq(col(d, "form"), "8-K");
    ck_assert_str_eq(col(d, "accession"), "0001045810-26-000024");
    ck_assert_str_eq(col(d, "filed_at"), "2026-03-06");
    ck_assert_str_eq(col(d, "published_at"), "2026-03-06T21:11:25Z");
    ck_assert_str_eq(col(d, "title"), "NVIDIA CORP 8-K filed 2026-03-06");
    ck_assert_str_eq(col(d, "source"), "edgar");
    ck_assert_msg(strstr(col(d, "url"),
                         "/www/Archives/edgar/data/1045810/000104581026000024/nvda-20260302.htm") !=
                      NULL,
                  "%s", col(d, "url"));
    ck_assert(strstr(col(d, "text"),
                     "adopted the Variable Compensation Plan for Fiscal Year 2027") != NULL);
    ck_assert(strstr(col(d, "text"), "<") == NULL || strstr(col(d, "text"), "<div") == NULL);
    ck_assert_int_eq(strlen(col(d, "content_hash")), 64);
    d = row_where(docs, "id", "0001326801-25-000017");
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(col(d, "form"), "10-K");
    ck_assert(strstr(col(d, "text"), "Capital expenditures, including principal payments on "
                                     "finance leases, were $39.23 billion") != NULL);
    ck_assert(strstr(col(d, "text"), "We anticipate making capital expenditures of approximately "
                                     "$60 billion to $65 billion in 2025") != NULL);
    ck_assert(strstr(col(d, "text"), "xbrli:") == NULL);
    d = row_where(docs, "id", "0001326801-24-000081/meta-2024q3-ex99-1.txt");
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(col(d, "title"),
                     "Meta Platforms, Inc. 8-K filed 2024-10-30, EX-99.1: PRESS RELEASE");
    ck_assert_str_eq(col(d, "accession"), "0001326801-24-000081");
    ck_assert(strstr(col(d, "text"), "were $9.20 billion") != NULL);
    ck_assert_ptr_nonnull(row_where(docs, "id", "0001326801-24-000081"));
    json_t *log = httpd_log(&e.srv);
    ck_assert_uint_eq(
        log_count(log, "/www/Archives/edgar/data/1326801/000132680124000081/ex10-1.htm"), 0);
    ck_assert_uint_eq(log_count(log, "/www/Archives/edgar/data/1326801/000132680124000080/"),
                      0); /* Form 4 not asked */
    json_t *dl = dead_letters(&e);
    ck_assert(dead_letter_has(dl, "10-K 0001045810-26-000021", "HTTP 404", NULL));
    json_decref(dl);
    json_decref(log);
    json_decref(docs);
    proc_free(&p);

    httpd_reset(&e.srv);
    clear_outputs(&e);
    code = run(&e, &p);
    ck_assert_msg(code == 0, "exit %d\n%s", code, p.err);
    log = httpd_log(&e.srv);
    ck_assert_uint_eq(log_count(log, "/www/"), 0);
    json_t *sum2 = run_summary(&p);
    printf("edgar documents incremental: first run %zu requests, %.3f s; second run %zu requests, "
           "%.3f s\n",
           log_count(log1, NULL), json_real_value(json_object_get(sum1, "seconds")),
           log_count(log, NULL), json_real_value(json_object_get(sum2, "seconds")));
    json_decref(sum1);
    json_decref(sum2);
    json_decref(log1);
    docs = out_rows(&e, "documents");
    ck_assert_uint_eq(json_array_size(docs), 0);
    json_decref(docs);
    json_decref(log);
    proc_free(&p);
    env_free(&e);
}
END_TEST

/* Bad answers where JSON was expected, each a clear error for its company
 * alone: SEC's maintenance page with 503, S3's XML error with 403, the
 * maintenance page with 200 labelled JSON, truncated JSON, a filer with no
 * filings, companyfacts truncated or refused. NVIDIA's facts still come. */
START_TEST(bad_answers)
{
    env e;
    env_init(&e);
    link_fixture(&e, "errors/maintenance-503.html", "edgar/errors/maintenance-503.html");
    link_fixture(&e, "errors/403.xml", "edgar/errors/full-index-2099-QTR1-403.xml");
    link_fixture(&e, "data/submissions/CIK0001045810.json", "edgar/submissions/CIK0001045810.json");
    link_fixture(&e, "data/api/xbrl/companyfacts/CIK0001045810.json",
                 "edgar/companyfacts/CIK0001045810.json");
    put_text(e.root, "data/submissions/CIK0000000001.json", "{}");
    answer_with(&e, "data/submissions/CIK0000000001.json", 503, "errors/maintenance-503.html", 0);
    put_text(e.root, "data/submissions/CIK0000000002.json", "{}");
    answer_with(&e, "data/submissions/CIK0000000002.json", 403, "errors/403.xml", 0);
    link_fixture(&e, "data/submissions/CIK0000000003.json", "edgar/errors/maintenance-503.html");
    size_t len;
    char *nv = fixture("edgar/submissions/CIK0001045810.json", &len);
    put_file(e.root, "data/submissions/CIK0000000004.json", nv, len / 3);
    free(nv);
    put_submissions(&e, "0000000005", "Nothing Filed LLC", "1231", NULL, 0);
    sub_filing one[] = {
        {"0000000006-26-000001", "2026-01-15", "10-Q", "q.htm", "2026-01-15T21:00:00.000Z", 1}};
    put_submissions(&e, "0000000006", "Half Facts Inc.", "1231", one, 1);
    char *cf = fixture("edgar/companyfacts/CIK0001835632.json", &len);
    put_file(e.root, "data/api/xbrl/companyfacts/CIK0000000006.json", cf, len - 200);
    free(cf);
    sub_filing seven[] = {
        {"0000000007-26-000001", "2026-01-15", "10-Q", "q.htm", "2026-01-15T21:00:00.000Z", 1}};
    put_submissions(&e, "0000000007", "Refused Facts Inc.", "1231", seven, 1);
    put_text(e.root, "data/api/xbrl/companyfacts/CIK0000000007.json", "{}");
    answer_with(&e, "data/api/xbrl/companyfacts/CIK0000000007.json", 403, "errors/403.xml", 0);
    write_pipeline(&e,
                   "\"companies\": [\"1\", \"2\", \"3\", \"4\", \"5\", \"6\", \"7\", \"1045810\"], "
                   "\"since\": \"2026-03-01\"");
    proc p;
    int code = run(&e, &p);
    ck_assert_msg(code == 1, "exit %d\n%s", code, p.err);
    json_t *dl = dead_letters(&e);
    ck_assert_msg(dead_letter_has(dl, "CIK 0000000001: cannot read its submissions", "HTTP 503",
                                  "an HTML page (\"SEC.gov | File Unavailable\")", NULL),
                  "%s", p.err);
    ck_assert_msg(dead_letter_has(dl, "CIK 0000000002: cannot read its submissions", "HTTP 403",
                                  "an XML error document (AccessDenied: Access Denied)", NULL),
                  "%s", p.err);
    ck_assert_msg(
        dead_letter_has(dl, "CIK 0000000003",
                        "expected JSON, got an HTML page (\"SEC.gov | File Unavailable\")", NULL),
        "%s", p.err);
    ck_assert_msg(dead_letter_has(dl, "CIK 0000000004", "the JSON is cut short", "truncated", NULL),
                  "%s", p.err);
    ck_assert_msg(
        dead_letter_has(dl, "Nothing Filed LLC (CIK 0000000005) has no filings on EDGAR", NULL),
        "%s", p.err);
    ck_assert_msg(dead_letter_has(dl, "Half Facts Inc. (CIK 0000000006)", "cut short", NULL), "%s",
                  p.err);
    ck_assert_msg(dead_letter_has(
                      dl, "Refused Facts Inc. (CIK 0000000007): cannot read its XBRL company facts",
                      "AccessDenied", NULL),
                  "%s", p.err);
    json_t *facts = out_rows(&e, "facts");
    ck_assert_uint_eq(json_array_size(facts), 292);
    /* each refused company was asked once (no retries configured) */
    json_t *log = httpd_log(&e.srv);
    ck_assert_uint_eq(log_count(log, "/data/submissions/CIK0000000001.json"), 1);
    json_decref(log);
    json_decref(facts);
    json_decref(dl);
    proc_free(&p);
    env_free(&e);
}
END_TEST

/* SEC's "Request Rate Threshold Exceeded" (403): the plugin pauses
 * rate_limit_pause seconds and asks once more (A: then answered); when it
 * comes again (B) it sends nothing more this run (C is never asked) and
 * says so; the warning quotes SEC's rule. */
START_TEST(rate_limit_backoff)
{
    env e;
    env_init(&e);
    link_fixture(&e, "errors/rate-exceeded.html", "edgar/errors/rate-exceeded.html");
    sub_filing none[] = {{"0000000011-26-000001", "2026-01-02", "D", "d.xml", "", 0}};
    put_submissions(&e, "0000000011", "A Corp", "1231", none, 1);
    answer_with(&e, "data/submissions/CIK0000000011.json", 403, "errors/rate-exceeded.html", 1);
    put_submissions(&e, "0000000012", "B Corp", "1231", none, 1);
    answer_with(&e, "data/submissions/CIK0000000012.json", 403, "errors/rate-exceeded.html", 0);
    put_submissions(&e, "0000000013", "C Corp", "1231", none, 1);
    write_pipeline(&e, "\"companies\": [\"11\", \"12\", \"13\"], \"rate_limit_pause\": 1");
    proc p;
    int code = run(&e, &p);
    ck_assert_msg(code == 1, "exit %d\n%s", code, p.err);
    json_t *log = httpd_log(&e.srv);
    ck_assert_uint_eq(log_count(log, "/data/submissions/CIK0000000011.json"), 2);
    ck_assert_uint_eq(log_count(log, "/data/submissions/CIK0000000012.json"), 2);
    ck_assert_uint_eq(log_count(log, "/data/submissions/CIK0000000013.json"), 0);
    ck_assert_msg(log_seconds(log) >= 2.0, "paused only %.2f s", log_seconds(log));
    ck_assert_msg(contains(p.err, "Request Rate Threshold Exceeded"), "%s", p.err);
    ck_assert_msg(contains(p.err, "no more than 10 requests per second"), "%s", p.err);
    json_t *dl = dead_letters(&e);
    ck_assert_msg(dead_letter_has(dl, "CIK 0000000012", "rate-limited this address twice", NULL),
                  "%s", p.err);
    ck_assert_msg(dead_letter_has(dl, "CIK 0000000013", "not sent", NULL), "%s", p.err);
    ck_assert(!dead_letter_has(dl, "CIK 0000000011", NULL));
    json_decref(dl);
    json_decref(log);
    proc_free(&p);
    env_free(&e);
}
END_TEST

/* A new 10-Q in the submissions file makes the next run read companyfacts
 * again and emit only what is new; state is put only after its rows. */
START_TEST(facts_refetch_on_new_report)
{
    env e;
    env_init(&e);
    sub_filing first[] = {{"0001835632-26-000011", "2026-03-10", "10-K", "mrvl.htm", "", 1}};
    put_submissions(&e, "0001835632", "Marvell Technology, Inc.", "0131", first, 1);
    size_t len;
    char *cf = fixture("edgar/companyfacts/CIK0001835632.json", &len);
    /* the first companyfacts lacks the newest filing's facts */
    json_t *all = json_loadb(cf, len, 0, NULL);
    free(cf);
    ck_assert_ptr_nonnull(all);
    json_t *older = json_deep_copy(all);
    const char *tax, *name, *unit;
    json_t *concepts, *concept, *list;
    char newest[11] = "";
    json_object_foreach(json_object_get(all, "facts"), tax, concepts)
        json_object_foreach(concepts, name, concept)
            json_object_foreach(json_object_get(concept, "units"), unit, list)
    {
        size_t i;
        json_t *f;
        json_array_foreach(list, i, f)
        {
            const char *fd = json_string_value(json_object_get(f, "filed"));
            if (strcmp(fd, newest) > 0)
                snprintf(newest, sizeof newest, "%s", fd);
        }
    }
    size_t dropped = 0;
    json_object_foreach(json_object_get(older, "facts"), tax, concepts)
        json_object_foreach(concepts, name, concept)
            json_object_foreach(json_object_get(concept, "units"), unit, list)
    {
        for (size_t i = json_array_size(list); i-- > 0;)
            if (strcmp(json_string_value(json_object_get(json_array_get(list, i), "filed")),
                       newest) == 0) {
                json_array_remove(list, i);
                dropped++;
            }
    }
    ck_assert_uint_gt(dropped, 0);
    char *text = json_dumps(older, JSON_COMPACT);
    put_text(e.root, "data/api/xbrl/companyfacts/CIK0001835632.json", text);
    free(text);
    write_pipeline(&e, "\"companies\": [\"1835632\"], \"filings\": false");
    proc p;
    int code = run(&e, &p);
    ck_assert_msg(code == 0, "exit %d\n%s", code, p.err);
    json_t *facts = out_rows(&e, "facts");
    size_t n1 = json_array_size(facts);
    json_decref(facts);
    proc_free(&p);

    /* nothing new: no companyfacts request */
    clear_outputs(&e);
    httpd_reset(&e.srv);
    code = run(&e, &p);
    json_t *log = httpd_log(&e.srv);
    ck_assert_uint_eq(log_count(log, "/data/api/xbrl/companyfacts/"), 0);
    json_decref(log);
    proc_free(&p);

    /* a 10-Q filed today appears, and companyfacts gains its facts */
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    char today[16];
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    sub_filing second[] = {{"0001835632-26-000099", today, "10-Q", "mrvl-q.htm", "", 1},
                           {"0001835632-26-000011", "2026-03-10", "10-K", "mrvl.htm", "", 1}};
    put_submissions(&e, "0001835632", "Marvell Technology, Inc.", "0131", second, 2);
    text = json_dumps(all, JSON_COMPACT);
    put_text(e.root, "data/api/xbrl/companyfacts/CIK0001835632.json", text);
    free(text);
    clear_outputs(&e);
    httpd_reset(&e.srv);
    code = run(&e, &p);
    ck_assert_msg(code == 0, "exit %d\n%s", code, p.err);
    log = httpd_log(&e.srv);
    ck_assert_uint_eq(log_count(log, "/data/api/xbrl/companyfacts/"), 1);
    facts = out_rows(&e, "facts");
    size_t n2 = json_array_size(facts);
    ck_assert_uint_gt(n2, 0);
    ck_assert_uint_eq(n1 + n2, 121); /* all of Marvell's rows, each once */
    size_t i;
    json_t *r;
    json_array_foreach(facts, i, r)
        ck_assert_msg(strstr(col(r, "cue"), newest) != NULL, "%s", col(r, "cue"));
    json_decref(facts);
    json_decref(log);
    proc_free(&p);
    /* and the run after that reads it no more (SEC's newest filing is in) */
    clear_outputs(&e);
    httpd_reset(&e.srv);
    code = run(&e, &p);
    log = httpd_log(&e.srv);
    ck_assert_uint_eq(log_count(log, "/data/api/xbrl/companyfacts/"),
                      1); /* today's 10-Q is not in it */
    json_decref(log);
    proc_free(&p);
    json_decref(all);
    json_decref(older);
    env_free(&e);
}
END_TEST

/* The shipped pipelines (pipelines/edgar.json, pipelines/prices.json)
 * pass `assay check` once their variables are set, and not before. */
START_TEST(shipped_pipelines_check)
{
    const char *files[] = {REPO_DIR "/pipelines/edgar.json", REPO_DIR "/pipelines/prices.json"};
    const char *with[] = {"SEC_CONTACT=research@acme.example", "ALPHAVANTAGE_API_KEY=demo", NULL};
    const char *without[] = {"SEC_CONTACT=", "ALPHAVANTAGE_API_KEY=demo", NULL};
    for (int i = 0; i < 2; i++) {
        const char *argv[] = {ASSAY_BIN, "check", files[i], NULL};
        proc p;
        int code = proc_run(&p, REPO_DIR, argv, with, 60);
        ck_assert_msg(code == 0, "%s: exit %d\n%s", files[i], code, p.err);
        proc_free(&p);
    }
    const char *argv[] = {ASSAY_BIN, "check", files[0], NULL};
    proc p;
    int code = proc_run(&p, REPO_DIR, argv, without, 60);
    ck_assert_msg(code == 2 && contains(p.err, "contact e-mail"), "exit %d\n%s", code, p.err);
    proc_free(&p);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("edgar_e2e");
    TCase *tc = tcase_create("all");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, user_agent_rule);
    tcase_add_test(tc, shipped_pipelines_check);
    tcase_add_test(tc, fixtures_and_incremental);
    tcase_add_test(tc, older_filings_pages);
    tcase_add_test(tc, filing_documents);
    tcase_add_test(tc, bad_answers);
    tcase_add_test(tc, rate_limit_backoff);
    tcase_add_test(tc, facts_refetch_on_new_report);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
