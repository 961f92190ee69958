/* csvread.c - reading RFC 4180 CSV from memory. */
#include "csvread.h"

#include "mem.h"

#include <stdio.h>
#include <stdlib.h>

void csv_reader_init(csv_reader *r, const char *data, size_t len)
{
    r->p = data;
    r->end = data + len;
    r->line = 1;
}

void csv_row_free(csv_row *row)
{
    for (size_t i = 0; i < row->n; i++)
        free(row->fields[i].text);
    free(row->fields);
    row->fields = NULL;
    row->n = 0;
}

static void push(csv_row *row, buf *field, int quoted)
{
    row->fields = xrealloc(row->fields, (row->n + 1) * sizeof *row->fields);
    row->fields[row->n].len = field->len;
    row->fields[row->n].quoted = quoted;
    row->fields[row->n].text = buf_steal(field);
    row->n++;
}

int csv_next(csv_reader *r, csv_row *row, char *err, size_t errlen)
{
    row->fields = NULL;
    row->n = 0;
    if (r->p >= r->end)
        return 0;
    size_t start_line = r->line;
    buf field;
    buf_init(&field);
    for (;;) {
        int quoted = 0;
        if (r->p < r->end && *r->p == '"') {
            quoted = 1;
            r->p++;
            for (;;) {
                if (r->p >= r->end) {
                    snprintf(err, errlen, "line %zu: a quoted field is not closed", start_line);
                    buf_free(&field);
                    csv_row_free(row);
                    return -1;
                }
                if (*r->p == '"') {
                    if (r->p + 1 < r->end && r->p[1] == '"') {
                        buf_putc(&field, '"');
                        r->p += 2;
                        continue;
                    }
                    r->p++;
                    break;
                }
                if (*r->p == '\n')
                    r->line++;
                buf_putc(&field, *r->p++);
            }
            if (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r') {
                snprintf(err, errlen, "line %zu: text after a closing quote", r->line);
                buf_free(&field);
                csv_row_free(row);
                return -1;
            }
        } else {
            while (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r') {
                if (*r->p == '"') {
                    snprintf(err, errlen, "line %zu: a quote inside an unquoted field", r->line);
                    buf_free(&field);
                    csv_row_free(row);
                    return -1;
                }
                buf_putc(&field, *r->p++);
            }
        }
        push(row, &field, quoted);
        if (r->p >= r->end)
            return 1;
        if (*r->p == ',') {
            r->p++;
            continue;
        }
        if (*r->p == '\r')
            r->p++;
        if (r->p < r->end && *r->p == '\n')
            r->p++;
        r->line++;
        return 1;
    }
}
