/* html_doc.c - parse HTML bytes with libxml2 (see html_doc.h). */
#include "html_doc.h"
#include "html_charset.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>
#include <libxml/parser.h>

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void init_libxml(void)
{
    xmlInitParser();
}

/* Case-insensitive: does p[0..n) start with the lower-case word w? */
static int starts_ci(const char *p, size_t n, const char *w)
{
    size_t i;

    for (i = 0; w[i]; i++) {
        char c;
        if (i >= n)
            return 0;
        c = p[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != w[i])
            return 0;
    }
    return 1;
}

/* Index of the next "</name" (any case) at or after i, or n. */
static size_t find_end_tag(const char *s, size_t i, size_t n, const char *name)
{
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        if (lt == NULL)
            return n;
        i = (size_t)(lt - s);
        if (i + 1 < n && s[i + 1] == '/' && starts_ci(s + i + 2, n - i - 2, name))
            return i;
        i++;
    }
    return n;
}

/* Attributes the HTML helpers read; the parser is spared the others
 * (srcset, data-*, inline handlers...: a third of a page's bytes). */
static int keep_attr(const char *p, size_t n)
{
    static const char *const keep[] = {
        "aria-hidden", "charset", "class", "content", "datetime", "hidden",
        "http-equiv", "id", "itemprop", "itemtype", "name", "property",
        "rel", "role", "style", "type",
    };
    size_t i;

    for (i = 0; i < sizeof keep / sizeof keep[0]; i++)
        if (strlen(keep[i]) == n && starts_ci(p, n, keep[i]))
            return 1;
    return 0;
}

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Copy the start tag at s[i] (s[i] == '<', a letter follows) to s[*j],
 * keeping only the attributes keep_attr() wants. Returns the index just
 * past the tag's '>' (or n). Writes never overtake reads, so this works
 * in place. */
static size_t copy_start_tag(char *s, size_t i, size_t n, size_t *j)
{
    size_t w = *j;

    /* '<' and the name */
    while (i < n && s[i] != '>' && !is_ws(s[i]) && !(s[i] == '/' && w > *j + 1))
        s[w++] = s[i++];
    for (;;) {
        size_t a0, a1, v1;
        while (i < n && (is_ws(s[i]) || s[i] == '/'))
            i++;
        if (i >= n)
            break;
        if (s[i] == '>') {
            s[w++] = '>';
            i++;
            break;
        }
        a0 = i;
        while (i < n && s[i] != '=' && s[i] != '>' && !is_ws(s[i]) &&
               !(s[i] == '/' && i > a0))
            i++;
        a1 = i;
        if (a1 == a0)                   /* a stray '=' */
            a1 = ++i;
        while (i < n && is_ws(s[i]))
            i++;
        if (i < n && s[i] == '=') {
            i++;
            while (i < n && is_ws(s[i]))
                i++;
            if (i < n && (s[i] == '"' || s[i] == '\'')) {
                char q = s[i++];
                while (i < n && s[i] != q)
                    i++;
                if (i < n)
                    i++;
            } else {
                while (i < n && s[i] != '>' && !is_ws(s[i]))
                    i++;
            }
        }
        v1 = i;
        if (keep_attr(s + a0, a1 - a0)) {
            s[w++] = ' ';
            memmove(s + w, s + a0, v1 - a0);
            w += v1 - a0;
        }
    }
    *j = w;
    return i;
}

/* Drop, in place, what never shows and the parser would otherwise read
 * character by character: comments, the bodies of <script>, <style> and
 * <svg>
 * (about half the bytes of a news page; JSON-LD scripts are kept for the
 * metadata) and attributes no helper reads. Elements and text stay, so
 * the tree has the same shape. Returns the new length. */
static size_t strip_invisible(char *s, size_t n)
{
    size_t i = 0, j = 0;

    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        size_t at, start;
        const char *name;
        char c;

        if (lt == NULL) {
            memmove(s + j, s + i, n - i);
            j += n - i;
            break;
        }
        at = (size_t)(lt - s);
        memmove(s + j, s + i, at - i);
        j += at - i;
        if (at + 3 < n && s[at + 1] == '!' && s[at + 2] == '-' && s[at + 3] == '-') {
            size_t k;
            for (k = at + 2; k + 2 < n; k++)
                if (s[k] == '-' && s[k + 1] == '-' && s[k + 2] == '>')
                    break;
            i = k + 2 < n ? k + 3 : n;      /* unclosed: the rest is comment */
            continue;
        }
        c = at + 1 < n ? s[at + 1] : '\0';
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
            s[j++] = '<';                   /* end tag, <!DOCTYPE, text */
            i = at + 1;
            continue;
        }
        name = starts_ci(s + at + 1, n - at - 1, "script") ? "script"
             : starts_ci(s + at + 1, n - at - 1, "style") ? "style"
             : starts_ci(s + at + 1, n - at - 1, "svg") ? "svg" : NULL;
        if (name) {
            size_t after = at + 1 + strlen(name);
            c = after < n ? s[after] : '>';
            if (c != '>' && c != '/' && !is_ws(c))
                name = NULL;                /* <scripts>, <styler>... */
        }
        start = j;
        i = copy_start_tag(s, at, n, &j);
        if (name == NULL)
            continue;
        if (name[1] == 'c') {               /* keep JSON-LD */
            size_t k;
            int ld = 0;
            for (k = start; k + 7 <= j && !ld; k++)
                ld = starts_ci(s + k, j - k, "ld+json");
            if (ld)
                continue;
        }
        i = find_end_tag(s, i, n, name);
    }
    return j;
}

/* Parser errors are expected on real pages; say nothing. */
static void quiet(void *ctx, xmlErrorPtr err)
{
    (void)ctx;
    (void)err;
}

htmlDocPtr html_parse(const char *html, size_t len, const char *charset,
                      const char *url, char *errbuf, size_t errlen)
{
    const int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                     HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                     HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC |
                     XML_PARSE_HUGE;
    htmlParserCtxtPtr ctxt;
    htmlDocPtr doc = NULL;
    size_t ulen = 0;
    char *utf8;

    pthread_once(&init_once, init_libxml);
    utf8 = html_to_utf8(html ? html : "", html ? len : 0, charset, &ulen,
                        NULL, 0, errbuf, errlen);
    if (utf8 == NULL)
        return NULL;
    if (ulen > (size_t)0x7fffffff) {
        free(utf8);
        snprintf(errbuf, errlen, "document too large (%zu bytes, the limit is 2 GiB)", ulen);
        return NULL;
    }
    ulen = strip_invisible(utf8, ulen);
    if (ulen > 0) {
        ctxt = htmlNewParserCtxt();
        if (ctxt == NULL) {
            free(utf8);
            snprintf(errbuf, errlen, "out of memory creating an HTML parser");
            return NULL;
        }
        if (ctxt->sax)
            ctxt->sax->serror = quiet;
        doc = htmlCtxtReadMemory(ctxt, utf8, (int)ulen, url, "UTF-8", opts);
        htmlFreeParserCtxt(ctxt);
    }
    free(utf8);
    if (doc == NULL) {
        /* Empty (or unparseable) input: an empty document, not an error. */
        doc = htmlNewDocNoDtD(NULL, NULL);
        if (doc == NULL)
            snprintf(errbuf, errlen, "out of memory creating an HTML document");
    }
    return doc;
}
