/* news_feed.c - RSS and Atom feeds to items (see news_feed.h).
 *
 * Three steps: bytes to clean UTF-8 (charset chosen here, converted by
 * plugins/common), UTF-8 to a libxml2 tree (recover mode, errors counted
 * by a structured error handler on the parser context), tree to items
 * (one reader per format, sharing the helpers that read text, dates,
 * people and links). Elements are matched by local name; a namespace is
 * checked only where two vocabularies use one name (an atom:link inside
 * an RSS item is not the item's <link>).
 */
#include "news_feed.h"

#include "article_int.h"
#include "html_charset.h"
#include "html_text.h"
#include "news_url.h"
#include "sbuf.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#define NS_ATOM "http://www.w3.org/2005/Atom"
#define NS_ATOM03 "http://purl.org/atom/ns#"
#define NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

#define MAX_ITEMS 200000 /* beyond this a feed is not a feed */

/* ---- bytes to UTF-8 ---- */

/* The encoding named by an XML declaration at the start of p (after a
 * UTF-8 byte-order mark), lower case, into out; 0 if none. */
static int xml_decl_encoding(const char *p, size_t n, char *out, size_t outlen)
{
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3, n -= 3;
    if (n < 6 || memcmp(p, "<?xml", 5) != 0)
        return 0;
    size_t end = 5;
    while (end + 1 < n && end < 512 && !(p[end] == '?' && p[end + 1] == '>'))
        end++;
    for (size_t i = 5; i + 9 < end; i++) {
        if (memcmp(p + i, "encoding", 8) != 0)
            continue;
        size_t j = i + 8;
        while (j < end && (p[j] == ' ' || p[j] == '\t' || p[j] == '\r' || p[j] == '\n'))
            j++;
        if (j >= end || p[j] != '=')
            return 0;
        j++;
        while (j < end && (p[j] == ' ' || p[j] == '\t' || p[j] == '\r' || p[j] == '\n'))
            j++;
        if (j >= end || (p[j] != '"' && p[j] != '\''))
            return 0;
        char q = p[j++];
        size_t k = 0;
        while (j < end && p[j] != q && k + 1 < outlen) {
            char c = p[j++];
            out[k++] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
        }
        out[k] = '\0';
        return k > 0;
    }
    return 0;
}

/* Appends text[0..n) with its ampersands made well-formed, outside CDATA
 * sections and comments: the five XML entities and numeric references
 * stay, HTML's named entities become numeric references (&nbsp; is the
 * commonest error in real feeds), and any other '&' is escaped ("AT&T").
 * libxml2 stops expanding entities for the rest of a document after its
 * first error, so one stray '&' would otherwise lose every later one.
 * With declared entities (a DTD's <!ENTITY) only the '&'s that begin no
 * reference at all are touched. */
static void fix_ampersands(sbuf *out, const char *text, size_t n)
{
    static const char *const xml_names[] = {"amp", "lt", "gt", "quot", "apos", NULL};
    int declared = memmem(text, n, "<!ENTITY", 8) != NULL;
    size_t i = 0, from = 0;
    while (i < n) {
        char c = text[i];
        if (c == '<' && n - i >= 9 && memcmp(text + i, "<![CDATA[", 9) == 0) {
            const char *end = memmem(text + i, n - i, "]]>", 3);
            i = end ? (size_t)(end - text) + 3 : n;
            continue;
        }
        if (c == '<' && n - i >= 4 && memcmp(text + i, "<!--", 4) == 0) {
            const char *end = memmem(text + i, n - i, "-->", 3);
            i = end ? (size_t)(end - text) + 3 : n;
            continue;
        }
        if (c != '&') {
            i++;
            continue;
        }
        /* a reference: &name; or &#digits; or &#xhex; */
        size_t j = i + 1;
        int numeric = j < n && text[j] == '#';
        if (numeric) {
            j++;
            int hex = j < n && (text[j] == 'x' || text[j] == 'X');
            j += (size_t)hex;
            size_t d = j;
            while (j < n && (hex ? strchr("0123456789abcdefABCDEF", text[j]) != NULL
                                 : (text[j] >= '0' && text[j] <= '9')) &&
                   text[j])
                j++;
            if (j > d && j < n && text[j] == ';') {
                i = j + 1; /* fine as it is */
                continue;
            }
        } else {
            while (j < n && j - i < 40 &&
                   ((text[j] >= 'a' && text[j] <= 'z') || (text[j] >= 'A' && text[j] <= 'Z') ||
                    (text[j] >= '0' && text[j] <= '9') || text[j] == '_' || text[j] == '-' ||
                    text[j] == '.'))
                j++;
            if (j > i + 1 && j < n && text[j] == ';') {
                char name[48];
                size_t len = j - i - 1;
                memcpy(name, text + i + 1, len);
                name[len] = '\0';
                int known = 0;
                for (const char *const *x = xml_names; *x && !known; x++)
                    known = strcmp(name, *x) == 0;
                if (known || declared) {
                    i = j + 1;
                    continue;
                }
                const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
                if (e) {
                    char num[16];
                    sbuf_add(out, text + from, i - from);
                    snprintf(num, sizeof num, "&#%u;", e->value);
                    sbuf_adds(out, num);
                    i = from = j + 1;
                    continue;
                }
            }
        }
        /* not a reference: the '&' is a character */
        sbuf_add(out, text + from, i - from);
        sbuf_adds(out, "&amp;");
        i = from = i + 1;
    }
    sbuf_add(out, text + from, n - from);
}

/* The feed's bytes as UTF-8 an XML parser accepts: chosen charset,
 * converted, the characters XML 1.0 forbids (form feed) replaced and the
 * ampersands made well-formed. Returns malloc'd text, or NULL when out of
 * memory (err says so). */
static char *feed_utf8(const char *data, size_t len, const char *http_charset, size_t *outlen,
                       char *used, size_t usedlen, char *err, size_t errlen)
{
    char label[64] = "";
    const unsigned char *s = (const unsigned char *)data;
    int bom16 = len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF));
    const char *hint = http_charset;
    if (xml_decl_encoding(data, len, label, sizeof label)) {
        /* a declaration read in ASCII bytes cannot mean UTF-16 */
        hint = strncmp(label, "utf-16", 6) == 0 && !bom16 ? "utf-8" : label;
    }
    size_t ulen = 0;
    char *u = html_to_utf8(data, len, hint, &ulen, used, usedlen, err, errlen);
    if (!u)
        return NULL;
    for (size_t i = 0; i < ulen; i++)
        if (u[i] == '\f')
            u[i] = ' ';
    sbuf out = SBUF_INIT;
    sbuf_reserve(&out, ulen + ulen / 16 + 16);
    fix_ampersands(&out, u, ulen);
    free(u);
    if (sbuf_failed(&out)) {
        sbuf_free(&out);
        snprintf(err, errlen, "out of memory reading the feed");
        return NULL;
    }
    return sbuf_detach(&out, outlen);
}

/* ---- errors ---- */

typedef struct errs {
    int count;
    char first[256];
} errs;

/* Structured error handler: data is the parser context (libxml2 hands
 * the context's userData, which the tree builder needs to be the context
 * itself), whose _private is our errs. */
static void on_xml_error(void *data, xmlErrorPtr e)
{
    xmlParserCtxtPtr ctxt = data;
    errs *er = ctxt ? ctxt->_private : NULL;
    if (!er || !e || e->level < XML_ERR_ERROR)
        return;
    if (er->count++ == 0) {
        char msg[200];
        snprintf(msg, sizeof msg, "%s", e->message ? e->message : "malformed XML");
        size_t n = strlen(msg);
        while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
            msg[--n] = '\0';
        snprintf(er->first, sizeof er->first, "line %d: %s", e->line, msg);
    }
}

/* ---- tree helpers ---- */

static int is_el(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static int ns_is(const xmlNode *n, const char *uri)
{
    return n->ns && n->ns->href && strcmp((const char *)n->ns->href, uri) == 0;
}

static int atom_ns(const xmlNode *n)
{
    return ns_is(n, NS_ATOM) || ns_is(n, NS_ATOM03);
}

static const char *attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (strcmp((const char *)a->name, name) == 0 && a->children &&
            (a->children->type == XML_TEXT_NODE) && a->children->content)
            return (const char *)a->children->content;
    return NULL;
}

/* The text of n's subtree: text and CDATA, and references to entities the
 * feed never declared (HTML's &nbsp; and friends) read from HTML's table.
 * Declared entities are not expanded (no amplification). */
static void gather(const xmlNode *n, sbuf *out)
{
    const xmlNode *c = n->children;
    while (c) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                sbuf_adds(out, (const char *)c->content);
        } else if (c->type == XML_ENTITY_REF_NODE) {
            const htmlEntityDesc *e = htmlEntityLookup(c->name);
            if (e)
                utf8_put(out, e->value);
        } else if (c->type == XML_ELEMENT_NODE && c->children) {
            c = c->children;
            continue;
        }
        while (c && !c->next && c != n) {
            c = c->parent;
            if (c == n)
                c = NULL;
        }
        if (c)
            c = c->next;
    }
}

/* The raw text of n (malloc'd), or NULL when out of memory. */
static char *raw_text(const xmlNode *n)
{
    sbuf b = SBUF_INIT;
    gather(n, &b);
    if (sbuf_failed(&b)) {
        sbuf_free(&b);
        return NULL;
    }
    return sbuf_detach(&b, NULL);
}

/* HTML source to plain text; NULL when empty. */
static char *html_plain(const char *html, size_t len)
{
    char *text = NULL, *title = NULL, err[128];
    size_t tlen = 0;
    if (html_to_text(html, len, "utf-8", &text, &tlen, &title, err, sizeof err) != 0)
        return NULL;
    free(title);
    if (tlen == 0) {
        free(text);
        return NULL;
    }
    return text;
}

/* Does s look like HTML markup (a tag or an entity)? */
static int looks_html(const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p == '<' && (p[1] == '/' || p[1] == '!' || (p[1] >= 'a' && p[1] <= 'z') ||
                          (p[1] >= 'A' && p[1] <= 'Z')))
            return 1;
        if (*p == '&' && p[1] && p[1] != ' ')
            return 1;
    }
    return 0;
}

/* Serialised children of an Atom type="xhtml" construct. */
static char *xhtml_source(const xmlNode *n)
{
    xmlBufferPtr buf = xmlBufferCreate();
    char *out = NULL;
    if (!buf)
        return NULL;
    for (xmlNode *c = n->children; c; c = c->next)
        xmlNodeDump(buf, c->doc, c, 0, 0);
    const char *s = (const char *)xmlBufferContent(buf);
    out = strdup(s ? s : "");
    xmlBufferFree(buf);
    return out;
}

/* A text construct as plain text: RSS text (which is often escaped HTML),
 * or Atom text/html/xhtml by its type. one_line collapses it to one line
 * (titles). NULL when empty. */
static char *text_of(const xmlNode *n, int one_line)
{
    const char *type = attr(n, "type");
    char *raw, *plain;
    if (type && (strcmp(type, "xhtml") == 0 || strcmp(type, "application/xhtml+xml") == 0))
        raw = xhtml_source(n);
    else
        raw = raw_text(n);
    if (!raw)
        return NULL;
    int html = type ? (strcmp(type, "html") == 0 || strstr(type, "html") != NULL)
                    : looks_html(raw);
    if (type && strcmp(type, "text") == 0)
        html = 0;
    plain = html ? html_plain(raw, strlen(raw)) : NULL;
    if (html) {
        free(raw);
        raw = plain;
        if (!raw)
            return NULL;
    }
    if (one_line) {
        plain = article_clean_str(raw);
        free(raw);
        return plain;
    }
    /* multi-line text: only make sure it is not blank */
    if (strspn(raw, " \t\r\n") == strlen(raw)) {
        free(raw);
        return NULL;
    }
    return raw;
}

/* A date element to "YYYY-MM-DDTHH:MM:SSZ", or NULL. */
static char *date_of(const xmlNode *n)
{
    char *raw = raw_text(n), iso[21];
    char *out = NULL;
    if (raw && article_date_iso(raw, iso) == 0)
        out = strdup(iso);
    free(raw);
    return out;
}

/* The base URL in force at n: the feed's URL with every xml:base from the
 * root down to n applied in turn. malloc'd, or NULL. */
static char *base_at(const xmlNode *n, const char *feed_url)
{
    const xmlNode *chain[256];
    size_t depth = 0;
    for (const xmlNode *p = n; p && p->type == XML_ELEMENT_NODE && depth < 256; p = p->parent)
        chain[depth++] = p;
    char *base = feed_url ? strdup(feed_url) : NULL;
    while (depth--) {
        xmlChar *b = xmlGetNsProp(chain[depth], (const xmlChar *)"base", XML_XML_NAMESPACE);
        if (b) {
            char *next = url_resolve(base, (const char *)b);
            xmlFree(b);
            if (next) {
                free(base);
                base = next;
            }
        }
    }
    return base;
}

/* ref resolved against the base in force at n; NULL when empty. */
static char *link_at(const xmlNode *n, const char *ref, const char *feed_url)
{
    if (!ref)
        return NULL;
    char *base = base_at(n, feed_url);
    char *out = url_resolve(base, ref);
    free(base);
    return out;
}

static int is_http(const char *u)
{
    return u && (strncasecmp(u, "http://", 7) == 0 || strncasecmp(u, "https://", 8) == 0);
}

/* "name@example.com (Jo Writer)" -> "Jo Writer"; else the text cleaned. */
static char *person_of(const xmlNode *n)
{
    char *raw = raw_text(n), *out;
    if (!raw)
        return NULL;
    char *open = strchr(raw, '('), *close = open ? strrchr(open, ')') : NULL;
    if (open && close && close > open + 1 && memchr(raw, '@', (size_t)(open - raw))) {
        *close = '\0';
        out = article_clean_str(open + 1);
    } else {
        out = article_clean_str(raw);
    }
    free(raw);
    return out;
}

/* Atom people: every <author><name> under n, joined with ", ". */
static char *atom_authors(const xmlNode *n)
{
    sbuf b = SBUF_INIT;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (!is_el(c, "author"))
            continue;
        for (const xmlNode *k = c->children; k; k = k->next) {
            if (!is_el(k, "name"))
                continue;
            char *name = person_of(k);
            if (name) {
                if (b.len)
                    sbuf_adds(&b, ", ");
                sbuf_adds(&b, name);
                free(name);
            }
        }
    }
    if (b.len == 0 || sbuf_failed(&b)) {
        sbuf_free(&b);
        return NULL;
    }
    return sbuf_detach(&b, NULL);
}

/* The best Atom link among n's children: rel="alternate" (or no rel)
 * with an HTML type or none, else any alternate. Resolved; NULL if none. */
static char *atom_link(const xmlNode *n, const char *feed_url)
{
    const xmlNode *best = NULL;
    int best_rank = 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (!is_el(c, "link") || !attr(c, "href"))
            continue;
        if (c->ns && !atom_ns(c))
            continue;
        const char *rel = attr(c, "rel"), *type = attr(c, "type");
        if (rel && strcmp(rel, "alternate") != 0)
            continue;
        int rank = 1 + (!type || strstr(type, "html") != NULL);
        if (rank > best_rank)
            best = c, best_rank = rank;
    }
    return best ? link_at(best, attr(best, "href"), feed_url) : NULL;
}

/* ---- items ---- */

static void item_free(feed_item *it)
{
    free(it->link);
    free(it->id);
    free(it->title);
    free(it->author);
    free(it->published);
    free(it->summary);
    memset(it, 0, sizeof *it);
}

/* Keeps it in f (or counts it as skipped when it has no http(s) link).
 * Returns 0, or -1 when out of memory (it is freed either way). */
static int keep_item(feed *f, feed_item *it)
{
    if (!is_http(it->link)) {
        f->skipped++;
        item_free(it);
        return 0;
    }
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 64;
        feed_item *p = realloc(f->items, cap * sizeof *p);
        if (!p) {
            item_free(it);
            return -1;
        }
        f->items = p;
        f->cap = cap;
    }
    f->items[f->n++] = *it;
    memset(it, 0, sizeof *it);
    return 0;
}

/* Replaces *slot with v when *slot is empty; frees v otherwise. */
static void take(char **slot, char *v)
{
    if (!*slot)
        *slot = v;
    else
        free(v);
}

/* An RSS 0.9x/2.0 or 1.0 item. */
static int read_rss_item(feed *f, const xmlNode *n, const char *feed_url, const char *feed_author)
{
    feed_item it = {0};
    char *date_pub = NULL, *date_dc = NULL, *date_other = NULL;
    char *desc = NULL, *encoded = NULL, *orig = NULL, *alt = NULL, *guid = NULL;
    int guid_perma = 1;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)c->name;
        if (strcmp(name, "link") == 0) {
            if (atom_ns(c)) {
                const char *rel = attr(c, "rel");
                if (!rel || strcmp(rel, "alternate") == 0)
                    take(&alt, link_at(c, attr(c, "href"), feed_url));
            } else {
                char *raw = raw_text(c);
                take(&it.link, link_at(c, raw, feed_url));
                free(raw);
            }
        } else if (strcmp(name, "origLink") == 0) {
            char *raw = raw_text(c);
            take(&orig, link_at(c, raw, feed_url));
            free(raw);
        } else if (strcmp(name, "title") == 0 && !atom_ns(c)) {
            take(&it.title, text_of(c, 1));
        } else if (strcmp(name, "guid") == 0) {
            const char *p = attr(c, "isPermaLink");
            guid_perma = !(p && strcasecmp(p, "false") == 0);
            char *raw = raw_text(c);
            take(&guid, article_clean_str(raw));
            free(raw);
        } else if (strcmp(name, "pubDate") == 0) {
            take(&date_pub, date_of(c));
        } else if (strcmp(name, "date") == 0) {
            take(&date_dc, date_of(c));
        } else if (strcmp(name, "published") == 0 || strcmp(name, "updated") == 0 ||
                   strcmp(name, "issued") == 0 || strcmp(name, "modified") == 0) {
            take(&date_other, date_of(c));
        } else if (strcmp(name, "author") == 0 || strcmp(name, "creator") == 0) {
            if (c->children && c->children->type == XML_ELEMENT_NODE)
                take(&it.author, atom_authors(n));
            else
                take(&it.author, person_of(c));
        } else if (strcmp(name, "description") == 0 || strcmp(name, "summary") == 0) {
            take(&desc, text_of(c, 0));
        } else if (strcmp(name, "encoded") == 0 || strcmp(name, "content") == 0) {
            take(&encoded, text_of(c, 0));
        }
    }
    if (orig && is_http(orig)) {
        free(it.link);
        it.link = orig;
        orig = NULL;
    }
    if (!is_http(it.link) && is_http(alt)) {
        free(it.link);
        it.link = alt;
        alt = NULL;
    }
    const char *about = attr(n, "about");
    if (!is_http(it.link) && about) {
        free(it.link);
        it.link = link_at(n, about, feed_url);
    }
    if (!is_http(it.link) && guid && guid_perma) {
        char *g = link_at(n, guid, feed_url);
        if (is_http(g)) {
            free(it.link);
            it.link = g;
        } else {
            free(g);
        }
    }
    it.id = guid ? guid : (about ? strdup(about) : NULL);
    guid = NULL;
    it.published = date_pub ? date_pub : date_dc ? date_dc : date_other;
    if (it.published == date_pub)
        date_pub = NULL;
    else if (it.published == date_dc)
        date_dc = NULL;
    else
        date_other = NULL;
    it.summary = desc ? desc : encoded;
    if (desc)
        desc = NULL;
    else
        encoded = NULL;
    if (!it.author && feed_author)
        it.author = strdup(feed_author);
    free(date_pub);
    free(date_dc);
    free(date_other);
    free(desc);
    free(encoded);
    free(orig);
    free(alt);
    free(guid);
    return keep_item(f, &it);
}

/* An Atom entry. */
static int read_atom_entry(feed *f, const xmlNode *n, const char *feed_url, const char *feed_author)
{
    feed_item it = {0};
    char *published = NULL, *updated = NULL, *summary = NULL, *content = NULL;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)c->name;
        if (strcmp(name, "title") == 0) {
            take(&it.title, text_of(c, 1));
        } else if (strcmp(name, "id") == 0) {
            char *raw = raw_text(c);
            take(&it.id, article_clean_str(raw));
            free(raw);
        } else if (strcmp(name, "published") == 0 || strcmp(name, "issued") == 0 ||
                   (strcmp(name, "date") == 0 && !atom_ns(c))) {
            take(&published, date_of(c));
        } else if (strcmp(name, "updated") == 0 || strcmp(name, "modified") == 0) {
            take(&updated, date_of(c));
        } else if (strcmp(name, "summary") == 0) {
            take(&summary, text_of(c, 0));
        } else if (strcmp(name, "content") == 0) {
            take(&content, text_of(c, 0));
        } else if (strcmp(name, "creator") == 0) {
            take(&it.author, person_of(c));
        } else if (strcmp(name, "origLink") == 0) {
            char *raw = raw_text(c);
            take(&it.link, link_at(c, raw, feed_url));
            free(raw);
        }
    }
    if (!is_http(it.link)) {
        free(it.link);
        it.link = atom_link(n, feed_url);
    }
    if (!is_http(it.link) && it.id) {
        char *g = link_at(n, it.id, feed_url);
        if (is_http(g)) {
            free(it.link);
            it.link = g;
        } else {
            free(g);
        }
    }
    char *people = atom_authors(n);
    if (people) {
        free(it.author);
        it.author = people;
    }
    if (!it.author) {
        for (const xmlNode *c = n->children; c && !it.author; c = c->next)
            if (is_el(c, "source"))
                it.author = atom_authors(c);
    }
    if (!it.author && feed_author)
        it.author = strdup(feed_author);
    it.published = published ? published : updated;
    if (published)
        free(updated);
    it.summary = summary ? summary : content;
    if (summary)
        free(content);
    return keep_item(f, &it);
}

/* The feed's own title, and (Atom) the feed-level authors that stand for
 * an entry's own when it names none. */
static void read_head(feed *f, const xmlNode *head, char **author)
{
    for (const xmlNode *c = head ? head->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)c->name, "title") == 0 && !f->title)
            f->title = text_of(c, 1);
        else if (f->format == FEED_ATOM && strcmp((const char *)c->name, "author") == 0 &&
                 !*author)
            *author = atom_authors(head);
    }
}

static int read_items(feed *f, const xmlNode *root, const char *url)
{
    char *feed_author = NULL;
    int rc = 0;
    if (f->format == FEED_ATOM) {
        read_head(f, root, &feed_author);
        for (const xmlNode *c = root->children; c && rc == 0 && f->n < MAX_ITEMS; c = c->next)
            if (is_el(c, "entry"))
                rc = read_atom_entry(f, c, url, feed_author);
    } else if (f->format == FEED_RSS) {
        const xmlNode *channel = NULL;
        for (const xmlNode *c = root->children; c && !channel; c = c->next)
            if (is_el(c, "channel"))
                channel = c;
        read_head(f, channel, &feed_author);
        /* items belong in the channel; some feeds put them beside it */
        const xmlNode *parents[2] = {channel, root};
        for (int p = 0; p < 2 && rc == 0; p++)
            for (const xmlNode *c = parents[p] ? parents[p]->children : NULL;
                 c && rc == 0 && f->n < MAX_ITEMS; c = c->next)
                if (is_el(c, "item"))
                    rc = read_rss_item(f, c, url, feed_author);
    } else {
        const xmlNode *channel = NULL;
        for (const xmlNode *c = root->children; c && !channel; c = c->next)
            if (is_el(c, "channel"))
                channel = c;
        read_head(f, channel, &feed_author);
        for (const xmlNode *c = root->children; c && rc == 0 && f->n < MAX_ITEMS; c = c->next)
            if (is_el(c, "item"))
                rc = read_rss_item(f, c, url, feed_author);
    }
    free(feed_author);
    return rc;
}

/* ---- the entry point ---- */

int feed_parse(const char *data, size_t len, const char *url, const char *charset, feed *out,
               char *err, size_t errlen)
{
    char used[32] = "";
    size_t ulen = 0;
    char *utf8 = NULL;
    xmlParserCtxtPtr ctxt = NULL;
    xmlDocPtr doc = NULL;
    errs er = {0, ""};
    int rc = -1;

    memset(out, 0, sizeof *out);
    if (len > 0x7fffffffu) {
        snprintf(err, errlen, "the feed is over 2 GiB");
        return -1;
    }
    utf8 = feed_utf8(data ? data : "", len, charset, &ulen, used, sizeof used, err, errlen);
    if (!utf8)
        goto done;
    out->charset = strdup(used);
    ctxt = xmlNewParserCtxt();
    if (!ctxt || !out->charset) {
        snprintf(err, errlen, "out of memory parsing the feed");
        goto done;
    }
    ctxt->_private = &er;
    if (ctxt->sax) {
        ctxt->sax->initialized = XML_SAX2_MAGIC;
        ctxt->sax->serror = on_xml_error;
    }
    doc = xmlCtxtReadMemory(ctxt, utf8, (int)ulen, url, "UTF-8",
                            XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
                                XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_IGNORE_ENC |
                                XML_PARSE_COMPACT | XML_PARSE_BIG_LINES);
    if (er.count == 0 && !ctxt->wellFormed) {
        /* the handler was not reached: take what the context kept */
        xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
        er.count = 1;
        snprintf(er.first, sizeof er.first, "line %d: %s", e ? e->line : 0,
                 e && e->message ? e->message : "malformed XML");
        size_t n = strlen(er.first);
        while (n && er.first[n - 1] == '\n')
            er.first[--n] = '\0';
    }
    const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        if (ulen == 0 || strspn(utf8, " \t\r\n") == ulen)
            snprintf(err, errlen, "not a feed: the body is empty");
        else
            snprintf(err, errlen, "not a feed: no XML element%s%s%s", er.count ? " (" : "",
                     er.count ? er.first : "", er.count ? ")" : "");
        goto done;
    }
    const char *rname = (const char *)root->name;
    if (strcmp(rname, "rss") == 0)
        out->format = FEED_RSS;
    else if (strcmp(rname, "RDF") == 0)
        out->format = FEED_RDF;
    else if (strcmp(rname, "feed") == 0)
        out->format = FEED_ATOM;
    else {
        snprintf(err, errlen, "not a feed: the root element is <%.40s>, not rss, rdf:RDF or feed",
                 rname);
        goto done;
    }
    if (read_items(out, root, url) != 0) {
        snprintf(err, errlen, "out of memory reading the feed's items");
        goto done;
    }
    out->errors = er.count;
    if (er.count && !(out->error = strdup(er.first))) {
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    rc = 0;
done:
    if (doc)
        xmlFreeDoc(doc);
    if (ctxt)
        xmlFreeParserCtxt(ctxt);
    free(utf8);
    if (rc != 0)
        feed_free(out);
    return rc;
}

void feed_free(feed *f)
{
    for (size_t i = 0; i < f->n; i++)
        item_free(&f->items[i]);
    free(f->items);
    free(f->title);
    free(f->charset);
    free(f->error);
    memset(f, 0, sizeof *f);
}

const char *feed_format_name(feed_format f)
{
    switch (f) {
    case FEED_RSS: return "RSS";
    case FEED_RDF: return "RSS 1.0 (RDF)";
    case FEED_ATOM: return "Atom";
    case FEED_UNKNOWN: break;
    }
    return "unknown";
}
