/*
 * pg_reject.c - setting aside a row the server refused.
 *
 * A COPY that fails on a value names it in the error's context: "COPY t,
 * line N" (binary COPY counts tuples as lines, from 1), often with ",
 * column c". pg_load.c uses that line to find the row; here it is turned
 * back into a record (from its encoded bytes: the batch's records are
 * gone by commit time) and written to the dead-letter file with the
 * server's message, the SQLSTATE and the table, so the entry says what
 * was wrong and where. The row is marked, so no later attempt in this
 * batch (a retry after a reconnect included) sends or reports it again.
 */
#include "pg_sink.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

unsigned long pg_copy_line(const PGresult *res)
{
    const char *ctx = res ? PQresultErrorField(res, PG_DIAG_CONTEXT) : NULL;
    if (!ctx)
        return 0;
    /* the context may hold several lines (a trigger's, then the COPY's) */
    for (const char *p = ctx; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        if (strncmp(p, "COPY ", 5) != 0)
            continue;
        const char *eol = strchr(p, '\n');
        const char *line = strstr(p, ", line ");
        if (!line || (eol && line > eol))
            continue;
        char *end;
        unsigned long n = strtoul(line + 7, &end, 10);
        if (end != line + 7)
            return n;
    }
    return 0;
}

size_t pg_live_rows(const pg_table *t, size_t from, size_t to)
{
    size_t n = 0;
    for (size_t i = from; i < to; i++)
        n += t->b->mark[i] == PG_ROW_LIVE;
    return n;
}

size_t pg_nth_live(const pg_table *t, size_t from, size_t to, unsigned long n)
{
    for (size_t i = from; i < to && n; i++)
        if (t->b->mark[i] == PG_ROW_LIVE && --n == 0)
            return i;
    return (size_t)-1;
}

/* Appends s as a JSON string. */
static void json_str(pg_buf *b, const char *s)
{
    pg_buf_add(b, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            pg_buf_printf(b, "\\%c", *p);
        else if (*p < 0x20)
            pg_buf_printf(b, "\\u%04x", *p);
        else
            pg_buf_add(b, p, 1);
    }
    pg_buf_add(b, "\"", 1);
}

char *pg_reject_detail(const pg_table *t, const char *sqlstate, const char *column)
{
    pg_buf b = {0};
    pg_buf_str(&b, "{\"table\":");
    json_str(&b, t->display);
    if (sqlstate && *sqlstate) {
        pg_buf_str(&b, ",\"sqlstate\":");
        json_str(&b, sqlstate);
    }
    if (column && *column) {
        pg_buf_str(&b, ",\"column\":");
        json_str(&b, column);
    }
    pg_buf_str(&b, "}");
    return pg_buf_take(&b);
}

/* The column a COPY context names (", column c"), copied into out. */
static void context_column(const PGresult *res, char *out, size_t len)
{
    out[0] = '\0';
    const char *ctx = res ? PQresultErrorField(res, PG_DIAG_CONTEXT) : NULL;
    const char *col = ctx ? strstr(ctx, ", column ") : NULL;
    if (!col)
        return;
    col += 9;
    size_t n = strcspn(col, ":\n");
    snprintf(out, len, "%.*s", (int)n, col);
}

pg_status pg_reject_row(pg_sink *s, pg_table *t, size_t i, const PGresult *res, const char *why)
{
    const assay_host *h = s->h;
    char reason[1536], column[128];
    const char *code = pg_sqlstate(res);
    context_column(res, column, sizeof column);
    if (res) {
        const char *m = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
        const char *detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
        snprintf(reason, sizeof reason,
                 "PostgreSQL refused this row of %s%s%s: %s%s%s (SQLSTATE %s)", t->display,
                 column[0] ? ", column " : "", column, m ? m : "(no message)", detail ? "; " : "",
                 detail ? detail : "", *code ? code : "none");
    } else {
        snprintf(reason, sizeof reason, "cannot load this row into %s: %s", t->display, why);
    }
    char *masked = pg_mask(s, reason);
    char *what = pg_reject_detail(t, code, column);
    assay_record *rec = pg_decode_row(s, t, i);
    assay_rc rc = h->dead_letter(s->ctx, rec, what, masked ? masked : reason);
    if (rec)
        h->record_free(rec);
    free(what);
    free(masked);
    t->b->mark[i] = PG_ROW_REJECTED;
    t->b->rejects++;
    if (rc != ASSAY_OK) {
        pg_fail(s, rc,
                "stopping at a row %s refused (the pipeline's on_error, or the dead-letter "
                "file): %s",
                t->display, h->error_message(s->ctx));
        return PG_FAILED;
    }
    return PG_OK;
}
