/* cmd_table.c - `assay table FILE.csv`: a CSV file as an aligned table,
 * for the demo and for a quick look at a sink's output. */
#include "cli.h"
#include "csvread.h"
#include "factfmt.h"
#include "mem.h"
#include "runner.h"
#include "utf8.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TABLE_MAX_BYTES (256u << 20)
#define VALUE_COLUMN ((size_t)-1) /* made from a fact's kind, low, high, unit */

/* Code points in s[0..len), treating invalid bytes as one each. */
static size_t display_width(const char *s, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i < len; w++) {
        size_t n = utf8_seq_len((const unsigned char *)s + i, len - i);
        i += n ? n : 1;
    }
    return w;
}

/* Copies at most width code points of s, flattening line breaks and tabs,
 * ending in an ellipsis when cut. */
static char *cell_text(const char *s, size_t len, size_t width)
{
    buf b;
    buf_init(&b);
    size_t w = 0, i = 0;
    int cut = 0;
    while (i < len) {
        size_t n = utf8_seq_len((const unsigned char *)s + i, len - i);
        if (!n)
            n = 1;
        if (w + 1 > width) {
            cut = 1;
            break;
        }
        if (s[i] == '\n' || s[i] == '\r' || s[i] == '\t')
            buf_putc(&b, ' ');
        else
            buf_append(&b, s + i, n);
        i += n;
        w++;
    }
    if (cut && width >= 1) {
        /* make room for the ellipsis */
        while (b.len && display_width(b.data, b.len) > width - 1) {
            size_t k = b.len - 1;
            while (k > 0 && ((unsigned char)b.data[k] & 0xC0) == 0x80)
                k--;
            b.len = k;
            b.data[k] = '\0';
        }
        buf_puts(&b, "\xE2\x80\xA6");
    }
    return buf_steal(&b);
}

/* The named field of a row, by the header row; "" when absent. */
static const char *row_field(const csv_row *header, const csv_row *row, const char *name)
{
    for (size_t j = 0; j < header->n && j < row->n; j++)
        if (strcmp(header->fields[j].text, name) == 0)
            return row->fields[j].text;
    return "";
}

/* A facts row's value as an analyst reads it ("$115bn-$135bn"). */
static char *fact_value(const csv_row *header, const csv_row *row)
{
    buf b;
    buf_init(&b);
    const char *low = row_field(header, row, "low"), *high = row_field(header, row, "high");
    if (*low) {
        fact_value_format(&b, row_field(header, row, "kind"), strtod(low, NULL),
                          strtod(*high ? high : low, NULL), row_field(header, row, "unit"),
                          row_field(header, row, "per"), row_field(header, row, "qualifier"));
    }
    return buf_steal(&b);
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    buf b;
    buf_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        buf_append(&b, chunk, n);
        if (b.len > TABLE_MAX_BYTES) {
            errno = EFBIG;
            buf_free(&b);
            fclose(f);
            return NULL;
        }
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        buf_free(&b);
        errno = EIO;
        return NULL;
    }
    *len = b.len;
    return buf_steal(&b);
}

int cmd_table(const cli_common *c, int argc, char **argv)
{
    (void)c;
    const char *file = NULL, *columns = NULL;
    size_t width = 48;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--columns") && i + 1 < argc) {
            columns = argv[++i];
        } else if (!strcmp(argv[i], "--width") && i + 1 < argc) {
            width = (size_t)strtoul(argv[++i], NULL, 10);
            if (width < 4)
                width = 4;
        } else if (argv[i][0] == '-') {
            return usage_error("unknown option '%s' for table", argv[i]);
        } else {
            file = argv[i];
        }
    }
    if (!file)
        return usage_error("table needs a CSV file");
    size_t len;
    char *data = read_all(file, &len);
    if (!data) {
        fprintf(stderr, "assay: %s: %s\n", file, strerror(errno));
        return EXIT_USAGE;
    }
    csv_reader r;
    csv_reader_init(&r, data, len);
    csv_row *rows = NULL;
    size_t nrows = 0;
    char err[256];
    int rc;
    csv_row row;
    while ((rc = csv_next(&r, &row, err, sizeof err)) == 1) {
        rows = xrealloc(rows, (nrows + 1) * sizeof *rows);
        rows[nrows++] = row;
    }
    int code = EXIT_OK;
    if (rc < 0) {
        fprintf(stderr, "assay: %s: %s\n", file, err);
        code = EXIT_USAGE;
        goto done;
    }
    if (nrows == 0) {
        fprintf(stderr, "assay: %s: empty\n", file);
        goto done;
    }
    /* Which columns, in which order. */
    size_t ncols = 0, *cols = xcalloc(rows[0].n + 64, sizeof *cols);
    if (columns) {
        char *list = xstrdup(columns), *save = NULL;
        for (char *name = strtok_r(list, ",", &save); name && ncols < rows[0].n + 64;
             name = strtok_r(NULL, ",", &save)) {
            size_t j = 0;
            while (j < rows[0].n && strcmp(rows[0].fields[j].text, name) != 0)
                j++;
            if (j == rows[0].n && strcmp(name, "value") == 0) {
                cols[ncols++] = VALUE_COLUMN;
                continue;
            }
            if (j == rows[0].n) {
                fprintf(stderr, "assay: %s has no column '%s'\n", file, name);
                code = EXIT_USAGE;
                free(list);
                free(cols);
                goto done;
            }
            cols[ncols++] = j;
        }
        free(list);
    } else {
        for (size_t j = 0; j < rows[0].n; j++)
            cols[ncols++] = j;
    }
    char ***cells = xcalloc(nrows, sizeof *cells);
    size_t *widths = xcalloc(ncols, sizeof *widths);
    for (size_t i = 0; i < nrows; i++) {
        cells[i] = xcalloc(ncols, sizeof **cells);
        for (size_t k = 0; k < ncols; k++) {
            if (cols[k] == VALUE_COLUMN) {
                char *v = i == 0 ? xstrdup("value") : fact_value(&rows[0], &rows[i]);
                cells[i][k] = cell_text(v, strlen(v), width);
                free(v);
            } else {
                const csv_field *f = cols[k] < rows[i].n ? &rows[i].fields[cols[k]] : NULL;
                cells[i][k] = cell_text(f ? f->text : "", f ? f->len : 0, width);
            }
            size_t w = display_width(cells[i][k], strlen(cells[i][k]));
            if (w > widths[k])
                widths[k] = w;
        }
    }
    for (size_t i = 0; i < nrows; i++) {
        for (size_t k = 0; k < ncols; k++) {
            size_t w = display_width(cells[i][k], strlen(cells[i][k]));
            fputs(cells[i][k], stdout);
            if (k + 1 < ncols)
                for (size_t pad = w; pad < widths[k] + 2; pad++)
                    putchar(' ');
        }
        putchar('\n');
        if (i == 0) {
            for (size_t k = 0; k < ncols; k++) {
                for (size_t pad = 0; pad < widths[k]; pad++)
                    putchar('-');
                if (k + 1 < ncols)
                    fputs("  ", stdout);
            }
            putchar('\n');
        }
    }
    printf("(%zu row%s)\n", nrows - 1, nrows == 2 ? "" : "s");
    for (size_t i = 0; i < nrows; i++) {
        for (size_t k = 0; k < ncols; k++)
            free(cells[i][k]);
        free(cells[i]);
    }
    free(cells);
    free(widths);
    free(cols);
done:
    for (size_t i = 0; i < nrows; i++)
        csv_row_free(&rows[i]);
    free(rows);
    free(data);
    return code;
}
