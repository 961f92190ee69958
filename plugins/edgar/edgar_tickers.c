/* edgar_tickers.c - ticker to CIK through company_tickers.json. */
#include "edgar_tickers.h"

#include "edgar_body.h"
#include "edgar_util.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

static int same_ticker(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = (char)toupper((unsigned char)*a), y = (char)toupper((unsigned char)*b);
        if (x == '.')
            x = '-';
        if (y == '.')
            y = '-';
        if (x != y)
            return 0;
    }
    return *a == *b;
}

int edgar_is_ticker(const char *s)
{
    size_t n = s ? strlen(s) : 0, digits = 0;
    if (n == 0 || n > 12)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isdigit(c))
            digits++;
        else if (!isalpha(c) && c != '.' && c != '-')
            return 0;
    }
    return digits < n;
}

int edgar_tickers_find(const char *body, size_t len, const char *content_type,
                       const char *const *tickers, size_t n, char (*ciks)[11], char *err,
                       size_t errlen)
{
    for (size_t i = 0; i < n; i++)
        ciks[i][0] = '\0';
    json_t *root = edgar_json_object(body, len, content_type, err, errlen);
    if (!root)
        return -1;
    const char *key;
    json_t *e;
    size_t entries = 0;
    json_object_foreach(root, key, e)
    {
        const char *t = json_string_value(json_object_get(e, "ticker"));
        json_t *c = json_object_get(e, "cik_str");
        if (!t || !c)
            continue;
        entries++;
        char num[24];
        if (json_is_integer(c))
            snprintf(num, sizeof num, "%lld", (long long)json_integer_value(c));
        else
            snprintf(num, sizeof num, "%s", json_is_string(c) ? json_string_value(c) : "");
        for (size_t i = 0; i < n; i++)
            if (!ciks[i][0] && same_ticker(t, tickers[i]) && edgar_cik10(num, ciks[i]) != 0)
                ciks[i][0] = '\0';
    }
    json_decref(root);
    if (entries == 0) {
        snprintf(err, errlen,
                 "no {\"cik_str\", \"ticker\"} entries: not a company_tickers.json file");
        return -1;
    }
    return 0;
}
