/* lines.c - reading the line-based files analysts extend (the gazetteer,
 * the metric rules): lines, '#' comments and trimming, shared so that both
 * files follow one set of rules and report the same line numbers. */
#include "fig_int.h"

#include <string.h>

char *fig_trim(char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = 0;
    return s;
}

char *fig_next_line(char **cursor, int *lineno, int hash_after_blank)
{
    while (*cursor && **cursor) {
        char *line = *cursor;
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = 0;
        *cursor = nl ? nl + 1 : NULL;
        (*lineno)++;
        char *hash = strchr(line, '#');
        if (hash && (!hash_after_blank || hash == line || hash[-1] == '\t' || hash[-1] == ' '))
            *hash = 0;
        char *p = line;
        while (*p == ' ' || *p == '\t' || *p == '\r')
            p++;
        if (*p)
            return line;
    }
    return NULL;
}
