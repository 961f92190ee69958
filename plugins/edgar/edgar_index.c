/* edgar_index.c - the document table of a filing index page. */
#include "edgar_index.h"

#include "edgar_body.h"

#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { COL_SEQ, COL_DESC, COL_DOC, COL_TYPE, NCOLS };

/* The next node in document order under (and not leaving) top. */
static xmlNodePtr next_node(xmlNodePtr n, xmlNodePtr top, int descend)
{
    if (descend && n->children)
        return n->children;
    while (n && n != top) {
        if (n->next)
            return n->next;
        n = n->parent;
    }
    return NULL;
}

static int is_el(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, name) == 0;
}

/* The text of a node, trimmed, with runs of whitespace (and U+00A0) as
 * one space. Caller frees. */
static char *node_text(xmlNodePtr n)
{
    xmlChar *raw = xmlNodeGetContent(n);
    const char *s = raw ? (const char *)raw : "";
    size_t len = strlen(s);
    char *out = malloc(len + 1);
    size_t o = 0;
    int space = 0;
    for (size_t i = 0; out && i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        int ws = isspace(c);
        if (c == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
            ws = 1, i++;
        if (ws) {
            space = o > 0;
            continue;
        }
        if (space)
            out[o++] = ' ';
        space = 0;
        out[o++] = (char)c;
    }
    if (out)
        out[o] = '\0';
    xmlFree(raw);
    return out;
}

static int has_class(xmlNodePtr n, const char *cls)
{
    xmlChar *c = xmlGetProp(n, (const xmlChar *)"class");
    int yes = 0;
    if (c) {
        size_t k = strlen(cls);
        for (const char *p = (const char *)c; (p = strstr(p, cls)) != NULL; p += k)
            if ((p == (const char *)c || isspace((unsigned char)p[-1])) &&
                (p[k] == '\0' || isspace((unsigned char)p[k]))) {
                yes = 1;
                break;
            }
    }
    xmlFree(c);
    return yes;
}

/* The cells (th or td) of a row, at most max. */
static size_t row_cells(xmlNodePtr tr, xmlNodePtr *cells, size_t max)
{
    size_t n = 0;
    for (xmlNodePtr c = tr->children; c && n < max; c = c->next)
        if (is_el(c, "td") || is_el(c, "th"))
            cells[n++] = c;
    return n;
}

static xmlNodePtr first_link(xmlNodePtr cell)
{
    for (xmlNodePtr n = cell; n; n = next_node(n, cell, 1))
        if (is_el(n, "a"))
            return n;
    return NULL;
}

/* "/ix?doc=/Archives/..." (SEC's inline XBRL viewer) is the document
 * "/Archives/...". */
static char *clean_href(const char *href)
{
    const char *p = href;
    if (strncmp(p, "/ix?doc=", 8) == 0)
        p += 8;
    return strdup(p);
}

static int add_doc(edgar_index *ix, size_t *cap, const edgar_index_doc *d)
{
    if (ix->n == *cap) {
        size_t c = *cap ? *cap * 2 : 16;
        edgar_index_doc *v = realloc(ix->v, c * sizeof *v);
        if (!v)
            return -1;
        ix->v = v, *cap = c;
    }
    ix->v[ix->n++] = *d;
    return 0;
}

static void doc_free(edgar_index_doc *d)
{
    free(d->description);
    free(d->name);
    free(d->href);
    free(d->type);
}

/* Reads one tableFile table into ix. Returns 1 when it had a header row
 * naming a Document column, 0 when not, -1 when out of memory. */
static int read_table(xmlNodePtr table, edgar_index *ix, size_t *cap)
{
    int col[NCOLS] = {-1, -1, -1, -1};
    int header = 0;
    for (xmlNodePtr n = table; n; n = next_node(n, table, !is_el(n, "tr"))) {
        if (!is_el(n, "tr"))
            continue;
        xmlNodePtr cells[16];
        size_t nc = row_cells(n, cells, 16);
        if (nc == 0)
            continue;
        if (is_el(cells[0], "th")) {
            for (size_t i = 0; i < nc; i++) {
                char *t = node_text(cells[i]);
                if (!t)
                    return -1;
                if (strcasecmp(t, "Seq") == 0)
                    col[COL_SEQ] = (int)i;
                else if (strcasecmp(t, "Description") == 0)
                    col[COL_DESC] = (int)i;
                else if (strcasecmp(t, "Document") == 0)
                    col[COL_DOC] = (int)i;
                else if (strcasecmp(t, "Type") == 0)
                    col[COL_TYPE] = (int)i;
                free(t);
            }
            header = col[COL_DOC] >= 0;
            continue;
        }
        if (!header || (size_t)col[COL_DOC] >= nc)
            continue;
        xmlNodePtr a = first_link(cells[col[COL_DOC]]);
        xmlChar *href = a ? xmlGetProp(a, (const xmlChar *)"href") : NULL;
        if (!href)
            continue;
        edgar_index_doc d;
        memset(&d, 0, sizeof d);
        char *seq =
            col[COL_SEQ] >= 0 && (size_t)col[COL_SEQ] < nc ? node_text(cells[col[COL_SEQ]]) : NULL;
        d.seq = seq ? atoi(seq) : 0;
        free(seq);
        d.description = col[COL_DESC] >= 0 && (size_t)col[COL_DESC] < nc
                            ? node_text(cells[col[COL_DESC]])
                            : strdup("");
        d.type = col[COL_TYPE] >= 0 && (size_t)col[COL_TYPE] < nc ? node_text(cells[col[COL_TYPE]])
                                                                  : strdup("");
        d.name = node_text(a);
        d.href = clean_href((const char *)href);
        xmlFree(href);
        if (!d.description || !d.type || !d.name || !d.href || add_doc(ix, cap, &d) != 0) {
            doc_free(&d);
            return -1;
        }
    }
    return header;
}

int edgar_parse_index(const char *body, size_t len, edgar_index *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (len > (size_t)1 << 30) {
        snprintf(err, errlen, "an index page over 1 GiB");
        return -1;
    }
    htmlDocPtr doc = htmlReadMemory(body, (int)len, NULL, NULL,
                                    HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                        HTML_PARSE_NOWARNING | HTML_PARSE_NOBLANKS);
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    size_t cap = 0;
    int tables = 0, rc = 0;
    for (xmlNodePtr n = root; n && rc >= 0; n = next_node(n, root, 1)) {
        if (is_el(n, "table") && has_class(n, "tableFile")) {
            rc = read_table(n, out, &cap);
            tables += rc > 0;
        }
    }
    xmlFreeDoc(doc);
    if (rc < 0) {
        edgar_index_free(out);
        snprintf(err, errlen, "out of memory reading the index page");
        return -1;
    }
    if (tables == 0) {
        char what[400];
        edgar_describe_body(body, len, "text/html", what, sizeof what);
        edgar_index_free(out);
        snprintf(err, errlen,
                 "no document table (class \"tableFile\") in %s: not a filing index page", what);
        return -1;
    }
    return 0;
}

void edgar_index_free(edgar_index *ix)
{
    for (size_t i = 0; i < ix->n; i++)
        doc_free(&ix->v[i]);
    free(ix->v);
    memset(ix, 0, sizeof *ix);
}

int edgar_type_matches(const char *type, const char *const *prefixes, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t k = strlen(prefixes[i]);
        if (k && strncasecmp(type, prefixes[i], k) == 0) {
            char next = type[k];
            if (next == '\0' || next == '.' || next == ' ' || !isdigit((unsigned char)next))
                return 1;
        }
    }
    return 0;
}
