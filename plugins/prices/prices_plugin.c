/*
 * prices_plugin.c - the `prices` source: daily OHLCV bars for a list of
 * symbols from one or more feeds (Stooq, Yahoo/yfinance-style CSV, Alpha
 * Vantage JSON), emitted on the standard bars stream.
 *
 * Incremental: state "last:<feed>:<symbol>" keeps the newest date taken
 * from that feed for that symbol; a run emits only bars after it, plus
 * the last overlap_days days again (feeds correct recent bars; the
 * sinks' upsert on (symbol, date, source) makes the repeat harmless). The
 * date is put only after the bars it covers were emitted.
 *
 * A feed answer that gives no bars (an error message served with HTTP
 * 200, an HTML page, "N/D", a header alone) is a warning and a dead
 * letter for that feed and symbol; a bad row is a dead letter of its own;
 * the other symbols and feeds go on. After a usage-limit answer (Alpha
 * Vantage's "Note"/"Information") the feed is asked nothing more this run.
 */
#include <assay/assay.h>

#include "prices_feed.h"
#include "prices_parse.h"

#include <ctype.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define BATCH 8 /* symbols of one feed fetched at once */

typedef struct prices {
    const assay_host *h;
    assay_ctx *ctx;
    price_feed *feeds;
    size_t nfeeds;
    int64_t overlap;
    int64_t since; /* days; INT64_MIN when unset */
    double max_rate;
    size_t max_bytes;
    const assay_stream *bars;
    int f_symbol, f_date, f_open, f_high, f_low, f_close, f_adj, f_volume, f_source;
    int stopping; /* emit() said the run is stopping */
} prices;

typedef struct job {
    prices *p;
    price_feed *feed;
    const char *symbol;
    char *url;
    int *feed_limited;
} job;

/* ---- problems, with secrets kept out ---- */

static assay_rc problem(prices *p, const job *j, long line, const char *row, const char *counter,
                        const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static assay_rc problem(prices *p, const job *j, long line, const char *row, const char *counter,
                        const char *fmt, ...)
{
    char raw[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    char *reason = prices_redact(raw, j->url);
    char *url = prices_redact(j->url, j->url);
    json_t *what = json_object();
    json_object_set_new(what, "feed", json_string(j->feed->name));
    json_object_set_new(what, "symbol", json_string(j->symbol));
    if (url)
        json_object_set_new(what, "url", json_string(url));
    if (line > 0)
        json_object_set_new(what, "line", json_integer(line));
    if (row)
        json_object_set_new(what, "row", json_string(row));
    char *detail = json_dumps(what, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(what);
    assay_rc rc = p->h->dead_letter(p->ctx, NULL, detail, reason ? reason : raw);
    free(detail);
    free(reason);
    free(url);
    p->h->count(p->ctx, counter, 1);
    return rc;
}

/* ---- one answer ---- */

static int same_symbol(const char *file, const char *want)
{
    size_t n = strlen(want);
    return strncasecmp(file, want, n) == 0 && (file[n] == '\0' || file[n] == '.');
}

static assay_rc emit_bar(prices *p, const job *j, const price_bar *b)
{
    const assay_host *h = p->h;
    assay_record *r = h->record_new(p->ctx, p->bars);
    if (!r)
        return h->fail(p->ctx, ASSAY_ERR_NOMEM, "out of memory");
    assay_rc rc = h->set_string(r, p->f_symbol, j->symbol, strlen(j->symbol));
    if (!rc)
        rc = h->set_date(r, p->f_date, b->date);
    if (!rc)
        rc = h->set_float(r, p->f_open, b->open);
    if (!rc)
        rc = h->set_float(r, p->f_high, b->high);
    if (!rc)
        rc = h->set_float(r, p->f_low, b->low);
    if (!rc)
        rc = h->set_float(r, p->f_close, b->close);
    if (!rc && b->has_adj)
        rc = h->set_float(r, p->f_adj, b->adj_close);
    if (!rc && b->has_volume)
        rc = h->set_int(r, p->f_volume, b->volume);
    if (!rc)
        rc = h->set_string(r, p->f_source, j->feed->name, strlen(j->feed->name));
    if (rc) {
        char msg[400];
        snprintf(msg, sizeof msg, "%s", h->error_message(p->ctx));
        h->record_free(r);
        return problem(p, j, 0, NULL, "bad_rows", "%s %s: cannot make a bar: %s", j->feed->name,
                       j->symbol, msg);
    }
    rc = h->emit(p->ctx, r);
    return rc == ASSAY_ERR_SCHEMA ? ASSAY_OK : rc;
}

static void state_key(const job *j, char *out, size_t outlen)
{
    snprintf(out, outlen, "last:%s:%s", j->feed->name, j->symbol);
}

/* Parses one answer and emits what is new. */
static assay_rc take_answer(prices *p, job *j, const assay_http_response *res)
{
    const assay_host *h = p->h;
    const char *fname = j->feed->name, *sym = j->symbol;
    if (res->rc != ASSAY_OK) {
        if (res->rc == ASSAY_ERR_STOPPED)
            return ASSAY_ERR_STOPPED;
        char what[400] = "";
        if (res->body_len) {
            price_series tmp;
            char perr[300];
            if (prices_parse(res->body, res->body_len, res->content_type, j->feed->format, &tmp,
                             perr, sizeof perr) != 0)
                snprintf(what, sizeof what, "; the answer: %s", perr);
            price_series_free(&tmp);
        }
        return problem(p, j, 0, NULL, "feed_errors", "%s %s: %s%s", fname, sym,
                       res->error ? res->error : "the request failed", what);
    }
    price_series s;
    char err[600];
    if (prices_parse(res->body, res->body_len, res->content_type, j->feed->format, &s, err,
                     sizeof err) != 0) {
        if (s.limited)
            *j->feed_limited = 1;
        price_series_free(&s);
        return problem(p, j, 0, NULL, "feed_errors", "%s %s (%s): %s", fname, sym, j->url, err);
    }
    assay_rc rc = ASSAY_OK;
    char mapped[128] = "";
    if (j->feed->symbol_map) {
        json_t *m = json_loads(j->feed->symbol_map, 0, NULL);
        snprintf(mapped, sizeof mapped, "%s",
                 json_string_value(json_object_get(m, sym))
                     ? json_string_value(json_object_get(m, sym))
                     : "");
        json_decref(m);
    }
    if (*s.symbol && !same_symbol(s.symbol, sym) && !(*mapped && same_symbol(s.symbol, mapped))) {
        rc = problem(p, j, 0, NULL, "feed_errors",
                     "%s %s (%s): the answer is for symbol %s, not %s: check the URL template",
                     fname, sym, j->url, s.symbol, sym);
        price_series_free(&s);
        return rc;
    }
    for (size_t i = 0; i < s.nproblems && rc == ASSAY_OK; i++) {
        char where[40] = "";
        if (s.problems[i].line)
            snprintf(where, sizeof where, " line %ld", s.problems[i].line);
        rc = problem(p, j, s.problems[i].line ? s.problems[i].line : -1, s.problems[i].row,
                     "bad_rows", "%s %s%s: %s", fname, sym, where, s.problems[i].why);
    }
    if (s.nproblems)
        h->log(p->ctx, ASSAY_LOG_WARN, "%s %s: %zu bad row%s set aside (see the dead-letter file)",
               fname, sym, s.nproblems, s.nproblems == 1 ? "" : "s");
    char key[300];
    state_key(j, key, sizeof key);
    char *old = h->state_get(p->ctx, key);
    int64_t last = INT64_MIN;
    if (old && prices_parse_date(old, strlen(old), &last) != 0)
        last = INT64_MIN;
    h->free(old);
    int64_t from = last == INT64_MIN ? INT64_MIN : last - p->overlap; /* emit dates > from */
    int64_t newest = last;
    size_t emitted = 0, fresh = 0;
    for (size_t i = 0; i < s.n && rc == ASSAY_OK; i++) {
        const price_bar *b = &s.bars[i];
        if ((from != INT64_MIN && b->date <= from) || (p->since != INT64_MIN && b->date < p->since))
            continue;
        rc = emit_bar(p, j, b);
        emitted++;
        fresh += last == INT64_MIN || b->date > last;
        if (b->date > newest)
            newest = b->date;
    }
    h->count(p->ctx, "bars", (int64_t)emitted);
    h->count(p->ctx, "bars_new", (int64_t)fresh);
    if (s.duplicates)
        h->count(p->ctx, "duplicate_rows", (int64_t)s.duplicates);
    char newest_text[11], last_text[11] = "the start", in_answer[11];
    prices_format_date(s.bars[s.n - 1].date, in_answer);
    if (last != INT64_MIN)
        prices_format_date(last, last_text);
    if (rc == ASSAY_OK && newest != INT64_MIN && newest != last) {
        prices_format_date(newest, newest_text);
        h->state_put(p->ctx, key, newest_text);
    }
    if (!fresh)
        h->log(p->ctx, ASSAY_LOG_INFO,
               "%s %s: nothing after %s (the newest bar in the answer is %s)", fname, sym,
               last_text, in_answer);
    else
        h->log(p->ctx, ASSAY_LOG_DEBUG, "%s %s: %zu bars (%zu new) as %s", fname, sym, emitted,
               fresh, price_format_name(s.format));
    price_series_free(&s);
    return rc;
}

static void on_done(const assay_http_response *res, void *ud)
{
    prices *p = ud;
    job *j = res->request->user;
    if (p->stopping)
        return;
    assay_rc rc = take_answer(p, j, res);
    if (rc == ASSAY_ERR_STOPPED || (rc != ASSAY_OK && rc != ASSAY_ERR_REJECT))
        p->stopping = 1;
}

/* ---- the run ---- */

static void feed_symbols(prices *p, const price_feed *f, size_t *n, const char **out)
{
    *n = 0;
    if (f->symbols) {
        for (size_t i = 0; i < f->nsymbols; i++)
            out[(*n)++] = f->symbols[i];
    } else {
        for (size_t i = 0; i < p->h->cfg_list_len(p->ctx, "symbols"); i++)
            out[(*n)++] = p->h->cfg_list_item(p->ctx, "symbols", i);
    }
}

static assay_rc run_feed(prices *p, price_feed *f)
{
    const assay_host *h = p->h;
    size_t cap = (f->symbols ? f->nsymbols : h->cfg_list_len(p->ctx, "symbols")) + 1;
    const char **syms = calloc(cap, sizeof *syms);
    if (!syms)
        return h->fail(p->ctx, ASSAY_ERR_NOMEM, "out of memory");
    size_t n;
    feed_symbols(p, f, &n, syms);
    int limited = 0;
    assay_rc rc = ASSAY_OK;
    /* a feed slower than a request a second is asked one symbol at a time,
     * so that a usage-limit answer stops it before the next request */
    double rate = f->max_rate > 0 ? f->max_rate : p->max_rate;
    size_t batch = rate <= 1 ? 1 : rate < BATCH ? (size_t)rate : BATCH;
    for (size_t i = 0; i < n && rc == ASSAY_OK && !p->stopping; i += batch) {
        size_t m = n - i < batch ? n - i : batch;
        job jobs[BATCH];
        assay_http_request reqs[BATCH];
        memset(reqs, 0, sizeof reqs);
        for (size_t k = 0; k < m; k++) {
            jobs[k] = (job){p, f, syms[i + k], prices_feed_url(f, syms[i + k]), &limited};
            if (limited) {
                rc = problem(p, &jobs[k], 0, NULL, "feed_errors",
                             "%s %s: not fetched: the feed answered with a usage limit earlier in "
                             "this run; the next run asks again",
                             f->name, syms[i + k]);
                continue;
            }
            reqs[k].url = jobs[k].url;
            reqs[k].max_bytes = p->max_bytes;
            reqs[k].max_rate = f->max_rate > 0 ? f->max_rate : p->max_rate;
            reqs[k].user = &jobs[k];
        }
        if (!limited && rc == ASSAY_OK) {
            h->count(p->ctx, "requests", (int64_t)m);
            if (h->http_fetch(p->ctx, reqs, m, on_done, p) == ASSAY_ERR_STOPPED)
                p->stopping = 1;
        }
        for (size_t k = 0; k < m; k++)
            free(jobs[k].url);
    }
    free(syms);
    return rc;
}

static assay_rc prices_run(void *self, assay_ctx *ctx)
{
    prices *p = self;
    assay_rc rc = ASSAY_OK;
    for (size_t i = 0; i < p->nfeeds && rc == ASSAY_OK && !p->stopping && !p->h->should_stop(ctx);
         i++)
        rc = run_feed(p, &p->feeds[i]);
    return rc == ASSAY_ERR_STOPPED ? ASSAY_OK : rc;
}

/* ---- config ---- */

/* Checks everything that can be checked before a run (check(), for
 * `assay check`, and create()); hands the parsed feeds back when out is
 * not NULL. */
static assay_rc check_config(const assay_host *h, assay_ctx *ctx, price_feed **out, size_t *nout)
{
    price_feed *feeds;
    size_t n;
    char err[400];
    if (prices_feeds_parse(h->cfg_json(ctx, "feeds"), &feeds, &n, err, sizeof err) != 0)
        return h->fail(ctx, ASSAY_ERR_CONFIG, "%s", err);
    assay_rc rc = ASSAY_OK;
    size_t top = h->cfg_list_len(ctx, "symbols");
    for (size_t i = 0; i < top && rc == ASSAY_OK; i++)
        if (!*h->cfg_list_item(ctx, "symbols", i))
            rc = h->fail(ctx, ASSAY_ERR_CONFIG, "symbols: an empty symbol");
    for (size_t i = 0; i < n && rc == ASSAY_OK; i++)
        if (!feeds[i].symbols && top == 0)
            rc = h->fail(ctx, ASSAY_ERR_CONFIG,
                         "feed '%s' has no symbols: set \"symbols\" for the entry or the feed",
                         feeds[i].name);
    if (rc == ASSAY_OK && h->cfg_int(ctx, "overlap_days") < 0)
        rc = h->fail(ctx, ASSAY_ERR_CONFIG, "overlap_days must be 0 or more");
    if (rc == ASSAY_OK && !(h->cfg_float(ctx, "max_rate") > 0))
        rc = h->fail(ctx, ASSAY_ERR_CONFIG, "max_rate must be above 0 requests per second");
    if (rc == ASSAY_OK && h->cfg_int(ctx, "max_bytes") < 0)
        rc = h->fail(ctx, ASSAY_ERR_CONFIG, "max_bytes must be 0 (the HTTP default) or more");
    const char *since = h->cfg_string(ctx, "since");
    int64_t d;
    if (rc == ASSAY_OK && since && *since &&
        (strlen(since) != 10 || prices_parse_date(since, strlen(since), &d) != 0))
        rc = h->fail(ctx, ASSAY_ERR_CONFIG, "since must be a date YYYY-MM-DD, not '%s'", since);
    if (rc == ASSAY_OK && out) {
        *out = feeds;
        *nout = n;
    } else {
        prices_feeds_free(feeds, n);
    }
    return rc;
}

static assay_rc prices_check(const assay_host *h, assay_ctx *ctx)
{
    return check_config(h, ctx, NULL, NULL);
}

static assay_rc prices_create(const assay_host *h, assay_ctx *ctx, void **self)
{
    prices *p = calloc(1, sizeof *p);
    if (!p)
        return h->fail(ctx, ASSAY_ERR_NOMEM, "out of memory");
    *self = p;
    p->h = h;
    p->ctx = ctx;
    assay_rc rc = check_config(h, ctx, &p->feeds, &p->nfeeds);
    if (rc)
        return rc;
    p->overlap = h->cfg_int(ctx, "overlap_days");
    p->max_rate = h->cfg_float(ctx, "max_rate");
    p->max_bytes = (size_t)h->cfg_int(ctx, "max_bytes");
    const char *since = h->cfg_string(ctx, "since");
    p->since = INT64_MIN;
    if (since && *since)
        prices_parse_date(since, strlen(since), &p->since);
    p->bars = h->stream(ctx, "bars");
    p->f_symbol = h->stream_field_index(p->bars, "symbol");
    p->f_date = h->stream_field_index(p->bars, "date");
    p->f_open = h->stream_field_index(p->bars, "open");
    p->f_high = h->stream_field_index(p->bars, "high");
    p->f_low = h->stream_field_index(p->bars, "low");
    p->f_close = h->stream_field_index(p->bars, "close");
    p->f_adj = h->stream_field_index(p->bars, "adj_close");
    p->f_volume = h->stream_field_index(p->bars, "volume");
    p->f_source = h->stream_field_index(p->bars, "source");
    return ASSAY_OK;
}

static void prices_destroy(void *self)
{
    prices *p = self;
    if (!p)
        return;
    prices_feeds_free(p->feeds, p->nfeeds);
    free(p);
}

static const assay_config_key prices_config[] = {
    {"symbols", ASSAY_CFG_LIST, 0, "[]",
     "tickers to fetch from every feed (as written here they become bars.symbol)"},
    {"feeds", ASSAY_CFG_JSON, 1, NULL,
     "feeds, each {\"url\": \"https://...{symbol}...\", \"format\": \"auto|stooq_csv|stooq_txt|"
     "yahoo_csv|yfinance_csv|alphavantage_json\", \"name\", \"symbols\", \"symbol_map\", "
     "\"max_rate\"}"},
    {"overlap_days", ASSAY_CFG_INT, 0, "7",
     "days before the last bar taken that are emitted again (feeds correct recent bars)"},
    {"since", ASSAY_CFG_STRING, 0, NULL, "earliest date emitted (YYYY-MM-DD); unset: everything"},
    {"max_rate", ASSAY_CFG_FLOAT, 0, "1", "requests per second to each host (a feed may set less)"},
    {"max_bytes", ASSAY_CFG_INT, 0, "0", "largest answer read (0: the HTTP service's cap)"},
    {NULL, 0, 0, NULL, NULL}};

static const assay_stream_def prices_streams[] = {
    {"bars", NULL, "daily OHLCV bars, one per symbol, date and feed"}, {NULL, NULL, NULL}};

ASSAY_EXPORT const assay_plugin assay_plugin_descriptor = {
    ASSAY_PLUGIN_HEADER,
    .name = "prices",
    .kind = ASSAY_SOURCE,
    .version = "1.0.0",
    .description =
        "daily OHLCV bars from Stooq, Yahoo/yfinance-style CSV and Alpha Vantage JSON feeds",
    .config = prices_config,
    .streams = prices_streams,
    .create = prices_create,
    .run = prices_run,
    .destroy = prices_destroy,
    .check = prices_check,
};
