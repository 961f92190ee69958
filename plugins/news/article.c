/* article.c - article_extract(): parse, model, find metadata and body
 * (see article.h). */
#include "article.h"
#include "article_int.h"
#include "html_doc.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

/* Decode one character reference or named entity at s (just past '&');
 * returns the bytes used, 0 if it is not one. Metadata strings (JSON-LD,
 * meta content) are sometimes HTML-escaped a second time. */
static size_t entity(const char *s, sbuf *out)
{
    char name[32];
    size_t n = 0;
    unsigned long cp;
    char *end;

    if (*s == '#') {
        if (s[1] == 'x' || s[1] == 'X')
            cp = strtoul(s + 2, &end, 16);
        else
            cp = strtoul(s + 1, &end, 10);
        if (end == s + 1 || end == s + 2 || *end != ';' || cp == 0 ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        utf8_put(out, (unsigned)cp);
        return (size_t)(end - s) + 1;
    }
    while (n + 1 < sizeof name && ((s[n] >= 'a' && s[n] <= 'z') ||
                                   (s[n] >= 'A' && s[n] <= 'Z') ||
                                   (s[n] >= '0' && s[n] <= '9')))
        n++;
    if (n == 0 || s[n] != ';')
        return 0;
    memcpy(name, s, n);
    name[n] = '\0';
    {
        const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
        if (e == NULL)
            return 0;
        utf8_put(out, e->value);
    }
    return n + 1;
}

char *article_clean_str(const char *s)
{
    sbuf b = SBUF_INIT;
    int space = 0;

    if (s == NULL)
        return NULL;
    while (*s) {
        unsigned char c = (unsigned char)*s;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
            (c == 0xC2 && (unsigned char)s[1] == 0xA0)) {
            space = 1;
            s += c == 0xC2 ? 2 : 1;
            continue;
        }
        if (space && b.len)
            sbuf_addc(&b, ' ');
        space = 0;
        if (c == '&') {
            size_t k = entity(s + 1, &b);
            if (k) {
                s += k + 1;
                continue;
            }
        }
        sbuf_addc(&b, (char)c);
        s++;
    }
    if (b.len == 0 || sbuf_failed(&b)) {
        sbuf_free(&b);
        return NULL;
    }
    /* the source may be anything: make sure of the encoding */
    if (!utf8_valid(b.s, b.len)) {
        sbuf c = SBUF_INIT;
        utf8_sanitize_append(&c, b.s, b.len);
        sbuf_free(&b);
        return sbuf_detach(&c, NULL);
    }
    return sbuf_detach(&b, NULL);
}

int article_extract(const char *html, size_t len, const char *url,
                    const char *charset, article *out,
                    char *errbuf, size_t errlen)
{
    htmlDocPtr doc;
    ldmeta ld;
    apage pg;
    sbuf body = SBUF_INIT;

    memset(out, 0, sizeof *out);
    doc = html_parse(html, len, charset, url, errbuf, errlen);
    if (doc == NULL)
        return -1;
    article_jsonld(doc, &ld);
    article_meta(doc, &ld, out);
    if (article_dom_build(&pg, doc) != 0 || article_body(&pg, out->title, ld.body, &body) != 0) {
        article_dom_free(&pg);
        article_ldmeta_free(&ld);
        xmlFreeDoc(doc);
        sbuf_free(&body);
        article_free(out);
        snprintf(errbuf, errlen, "out of memory extracting the article");
        return -1;
    }
    article_dom_free(&pg);
    article_ldmeta_free(&ld);
    xmlFreeDoc(doc);
    out->text = sbuf_detach(&body, &out->text_len);
    if (out->text == NULL) {
        article_free(out);
        snprintf(errbuf, errlen, "out of memory extracting the article");
        return -1;
    }
    return 0;
}

void article_free(article *a)
{
    free(a->title);
    free(a->author);
    free(a->published_at);
    free(a->text);
    memset(a, 0, sizeof *a);
}
