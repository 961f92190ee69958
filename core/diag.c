/* diag.c - collecting and printing pipeline diagnostics. */
#include "diag.h"

#include "mem.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void diags_init(diags *d, const char *file)
{
    memset(d, 0, sizeof *d);
    d->file = file;
}

void diags_free(diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->items[i].msg);
        free(d->items[i].hint);
    }
    free(d->items);
    d->items = NULL;
    d->n = d->errors = 0;
}

static void add(diags *d, int warning, int line, int col, const char *hint, const char *fmt,
                va_list ap)
{
    buf b;
    buf_init(&b);
    buf_vprintf(&b, fmt, ap);
    d->items = xrealloc(d->items, (d->n + 1) * sizeof *d->items);
    diag_item *it = &d->items[d->n++];
    it->line = line;
    it->col = col;
    it->warning = warning;
    it->msg = buf_steal(&b);
    it->hint = hint ? xstrdup(hint) : NULL;
    if (!warning)
        d->errors++;
}

void diag_error(diags *d, int line, int col, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, 0, line, col, hint, fmt, ap);
    va_end(ap);
}

void diag_warning(diags *d, int line, int col, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, 1, line, col, hint, fmt, ap);
    va_end(ap);
}

void diags_print(const diags *d, FILE *f)
{
    int colour = f == stderr && isatty(STDERR_FILENO);
    for (size_t i = 0; i < d->n; i++) {
        const diag_item *it = &d->items[i];
        const char *what = it->warning ? "warning" : "error";
        const char *on = colour ? (it->warning ? "\033[33m" : "\033[1;31m") : "";
        const char *off = colour ? "\033[0m" : "";
        if (it->line > 0)
            fprintf(f, "%s:%d:%d: %s%s%s: %s\n", d->file, it->line, it->col, on, what, off, it->msg);
        else
            fprintf(f, "%s: %s%s%s: %s\n", d->file, on, what, off, it->msg);
        if (it->hint)
            fprintf(f, "  hint: %s\n", it->hint);
    }
}

int edit_distance(const char *a, const char *b)
{
    int n = (int)strlen(a), m = (int)strlen(b);
    if (n > 64)
        n = 64;
    if (m > 64)
        m = 64;
    int d[65][65];
    for (int i = 0; i <= n; i++)
        d[i][0] = i;
    for (int j = 0; j <= m; j++)
        d[0][j] = j;
    for (int i = 1; i <= n; i++)
        for (int j = 1; j <= m; j++) {
            int cost = a[i - 1] != b[j - 1];
            int best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < best)
                best = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1; /* a transposition */
            d[i][j] = best;
        }
    return d[n][m];
}

const char *nearest_word(const char *word, const char *const *candidates, size_t n)
{
    const char *best = NULL;
    int best_d = 1 << 30;
    int len = (int)strlen(word);
    int limit = len <= 3 ? 1 : len <= 8 ? 2 : 3;
    for (size_t i = 0; i < n; i++) {
        int dist = edit_distance(word, candidates[i]);
        if (dist < best_d) {
            best_d = dist;
            best = candidates[i];
        }
    }
    return best_d <= limit ? best : NULL;
}
