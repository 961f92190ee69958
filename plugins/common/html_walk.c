/* html_walk.c - element kinds and the HTML-to-text writer (see
 * html_walk.h). */
#include "html_walk.h"

#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------
 * Element table (sorted by name for bsearch)
 * ------------------------------------------------------------------- */

#define K  HTML_EL_KNOWN
#define SK (HTML_EL_SKIP | K)
#define LN (HTML_EL_LINE | K)
#define PA (HTML_EL_PARA | K)
#define IN (HTML_EL_INLINE | K)
#define HD (HTML_EL_PARA | HTML_EL_HEADING | K)
#define LS (HTML_EL_PARA | HTML_EL_LIST | K)
#define PR (HTML_EL_PARA | HTML_EL_PRE | K)

static const struct el {
    const char *name;
    unsigned flags;
    int id;
} els[] = {
    {"a", IN, HTML_TAG_A}, {"abbr", IN, HTML_TAG_OTHER},
    {"address", PA, HTML_TAG_ADDRESS}, {"applet", SK, HTML_TAG_OTHER},
    {"area", SK, HTML_TAG_OTHER}, {"article", PA, HTML_TAG_ARTICLE},
    {"aside", PA, HTML_TAG_ASIDE}, {"audio", SK, HTML_TAG_AUDIO},
    {"b", IN, HTML_TAG_B}, {"base", SK, HTML_TAG_OTHER},
    {"bdi", IN, HTML_TAG_OTHER}, {"bdo", IN, HTML_TAG_OTHER},
    {"big", IN, HTML_TAG_OTHER}, {"blockquote", PA, HTML_TAG_BLOCKQUOTE},
    {"body", LN, HTML_TAG_BODY}, {"br", HTML_EL_BR | K, HTML_TAG_BR},
    {"button", IN, HTML_TAG_BUTTON}, {"canvas", SK, HTML_TAG_OTHER},
    {"caption", LN, HTML_TAG_CAPTION}, {"center", PA, HTML_TAG_CENTER},
    {"cite", IN, HTML_TAG_CITE}, {"code", IN, HTML_TAG_CODE},
    {"col", SK, HTML_TAG_OTHER}, {"colgroup", SK, HTML_TAG_OTHER},
    {"data", IN, HTML_TAG_OTHER}, {"datalist", SK, HTML_TAG_OTHER},
    {"dd", LN, HTML_TAG_DD}, {"del", IN, HTML_TAG_OTHER},
    {"details", PA, HTML_TAG_DETAILS}, {"dfn", IN, HTML_TAG_OTHER},
    {"dialog", SK, HTML_TAG_DIALOG},
    {"dir", LN | HTML_EL_LIST, HTML_TAG_OTHER}, {"div", LN, HTML_TAG_DIV},
    {"dl", LS, HTML_TAG_DL}, {"dt", LN, HTML_TAG_DT}, {"em", IN, HTML_TAG_EM},
    {"embed", SK, HTML_TAG_OTHER}, {"fieldset", PA, HTML_TAG_OTHER},
    {"figcaption", LN, HTML_TAG_FIGCAPTION}, {"figure", PA, HTML_TAG_FIGURE},
    {"font", IN, HTML_TAG_FONT}, {"footer", PA, HTML_TAG_FOOTER},
    {"form", PA, HTML_TAG_FORM}, {"frame", SK, HTML_TAG_OTHER},
    {"frameset", SK, HTML_TAG_OTHER}, {"h1", HD, HTML_TAG_H1},
    {"h2", HD, HTML_TAG_H2}, {"h3", HD, HTML_TAG_H3}, {"h4", HD, HTML_TAG_H4},
    {"h5", HD, HTML_TAG_H5}, {"h6", HD, HTML_TAG_H6},
    {"head", SK, HTML_TAG_HEAD}, {"header", PA, HTML_TAG_HEADER},
    {"hgroup", PA, HTML_TAG_OTHER}, {"hr", PA, HTML_TAG_HR},
    {"html", LN, HTML_TAG_HTML}, {"i", IN, HTML_TAG_I},
    {"iframe", SK, HTML_TAG_IFRAME}, {"img", IN, HTML_TAG_IMG},
    {"input", SK, HTML_TAG_INPUT}, {"ins", IN, HTML_TAG_OTHER},
    {"kbd", IN, HTML_TAG_OTHER}, {"label", IN, HTML_TAG_LABEL},
    {"legend", LN, HTML_TAG_OTHER}, {"li", LN, HTML_TAG_LI},
    {"link", SK, HTML_TAG_LINK}, {"listing", PR, HTML_TAG_OTHER},
    {"main", PA, HTML_TAG_MAIN}, {"map", SK, HTML_TAG_OTHER},
    {"mark", IN, HTML_TAG_OTHER}, {"math", SK, HTML_TAG_OTHER},
    {"menu", LS, HTML_TAG_MENU}, {"meta", SK, HTML_TAG_META},
    {"meter", SK, HTML_TAG_OTHER}, {"nav", PA, HTML_TAG_NAV},
    {"nobr", IN, HTML_TAG_OTHER}, {"noembed", SK, HTML_TAG_OTHER},
    {"noframes", SK, HTML_TAG_OTHER}, {"noscript", SK, HTML_TAG_NOSCRIPT},
    {"object", SK, HTML_TAG_OTHER}, {"ol", LS, HTML_TAG_OL},
    {"optgroup", LN, HTML_TAG_OTHER}, {"option", LN, HTML_TAG_OTHER},
    {"output", IN, HTML_TAG_OTHER}, {"p", PA, HTML_TAG_P},
    {"param", SK, HTML_TAG_OTHER}, {"picture", IN, HTML_TAG_PICTURE},
    {"plaintext", PR, HTML_TAG_OTHER}, {"pre", PR, HTML_TAG_PRE},
    {"progress", SK, HTML_TAG_OTHER}, {"q", IN, HTML_TAG_Q},
    {"rp", IN, HTML_TAG_OTHER}, {"rt", IN, HTML_TAG_OTHER},
    {"ruby", IN, HTML_TAG_OTHER}, {"s", IN, HTML_TAG_OTHER},
    {"samp", IN, HTML_TAG_OTHER}, {"script", SK, HTML_TAG_SCRIPT},
    {"search", PA, HTML_TAG_OTHER}, {"section", PA, HTML_TAG_SECTION},
    {"select", SK, HTML_TAG_SELECT}, {"small", IN, HTML_TAG_SMALL},
    {"source", SK, HTML_TAG_OTHER}, {"span", IN, HTML_TAG_SPAN},
    {"strike", IN, HTML_TAG_OTHER}, {"strong", IN, HTML_TAG_STRONG},
    {"style", SK, HTML_TAG_STYLE}, {"sub", IN, HTML_TAG_SUB},
    {"summary", LN, HTML_TAG_SUMMARY}, {"sup", IN, HTML_TAG_SUP},
    {"svg", SK, HTML_TAG_SVG}, {"table", PA, HTML_TAG_TABLE},
    {"tbody", LN, HTML_TAG_OTHER}, {"td", HTML_EL_CELL | K, HTML_TAG_TD},
    {"template", SK, HTML_TAG_TEMPLATE}, {"textarea", SK, HTML_TAG_TEXTAREA},
    {"tfoot", LN, HTML_TAG_OTHER}, {"th", HTML_EL_CELL | K, HTML_TAG_TH},
    {"thead", LN, HTML_TAG_OTHER}, {"time", IN, HTML_TAG_TIME},
    {"title", SK, HTML_TAG_TITLE}, {"tr", LN, HTML_TAG_TR},
    {"track", SK, HTML_TAG_OTHER}, {"tt", IN, HTML_TAG_OTHER},
    {"u", IN, HTML_TAG_OTHER}, {"ul", LS, HTML_TAG_UL},
    {"var", IN, HTML_TAG_OTHER}, {"video", SK, HTML_TAG_VIDEO},
    {"wbr", IN, HTML_TAG_OTHER}, {"xmp", PR, HTML_TAG_OTHER},
};

static int el_cmp(const void *key, const void *e)
{
    return strcmp((const char *)key, ((const struct el *)e)->name);
}

static const struct el *el_find(const char *name)
{
    if (name == NULL)
        return NULL;
    return bsearch(name, els, sizeof els / sizeof els[0], sizeof els[0], el_cmp);
}

unsigned html_el_flags(const char *name)
{
    const struct el *e = el_find(name);

    return e ? e->flags : 0;
}

int html_el_id(const char *name)
{
    const struct el *e = el_find(name);

    return e ? e->id : HTML_TAG_OTHER;
}

const char *html_attr(const xmlNode *el, const char *name)
{
    const xmlAttr *a;

    for (a = el->properties; a; a = a->next) {
        if (a->name && strcmp((const char *)a->name, name) == 0) {
            if (a->children && a->children->content)
                return (const char *)a->children->content;
            return "";
        }
    }
    return NULL;
}

/* Does an inline style hide the element? Looks for display:none and
 * visibility:hidden, ignoring case and spaces. */
static int style_hides(const char *s)
{
    char buf[256];
    size_t j = 0;

    for (; *s && j + 1 < sizeof buf; s++) {
        char c = *s;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        buf[j++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
    }
    buf[j] = '\0';
    return strstr(buf, "display:none") != NULL ||
           strstr(buf, "visibility:hidden") != NULL;
}

unsigned html_node_flags(const xmlNode *el)
{
    unsigned f = html_el_flags((const char *)el->name);
    const xmlAttr *a;

    for (a = el->properties; a; a = a->next) {
        const char *n = (const char *)a->name;
        if (strcmp(n, "hidden") == 0) {
            f |= HTML_EL_SKIP;
        } else if (strcmp(n, "style") == 0 && a->children &&
                   a->children->content &&
                   style_hides((const char *)a->children->content)) {
            f |= HTML_EL_SKIP;
        }
    }
    return f;
}

/* ---------------------------------------------------------------------
 * Text writer
 * ------------------------------------------------------------------- */

void html_textout_init(html_textout *t, sbuf *out)
{
    t->out = out;
    t->want = 0;
    t->space = 0;
    t->pre = 0;
}

static int trailing_newlines(const sbuf *b)
{
    if (b->len == 0)
        return 2;                       /* the start counts as a break */
    if (b->s[b->len - 1] != '\n')
        return 0;
    if (b->len == 1 || b->s[b->len - 2] != '\n')
        return 1;
    return 2;
}

static void trim_spaces(sbuf *b)
{
    size_t n = b->len;

    while (n > 0 && (b->s[n - 1] == ' ' || b->s[n - 1] == '\t'))
        n--;
    sbuf_truncate(b, n);
}

/* Write what is pending before new text. */
static void flush(html_textout *t)
{
    sbuf *b = t->out;

    if (t->want) {
        int have;
        trim_spaces(b);
        have = trailing_newlines(b);
        while (have < t->want) {
            sbuf_addc(b, '\n');
            have++;
        }
    } else if (t->space && b->len && b->s[b->len - 1] != '\n' &&
               b->s[b->len - 1] != ' ') {
        sbuf_addc(b, ' ');
    }
    t->want = 0;
    t->space = 0;
}

/* Length of the whitespace character at s (ASCII space, tab, CR, LF, FF,
 * or U+00A0), or 0. */
static size_t ws_len(const unsigned char *s, size_t n)
{
    if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r' || *s == '\f')
        return 1;
    if (*s == 0xC2 && n > 1 && s[1] == 0xA0)
        return 2;
    return 0;
}

static void pre_text(html_textout *t, const char *s, size_t n)
{
    size_t i = 0, run;

    while (i < n) {
        if (s[i] == '\n' || s[i] == '\r') {
            if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
                i++;
            i++;
            trim_spaces(t->out);
            if (t->want == 0 && trailing_newlines(t->out) < 2)
                sbuf_addc(t->out, '\n');
            t->space = 0;
            continue;
        }
        run = i;
        while (i < n && s[i] != '\n' && s[i] != '\r')
            i++;
        flush(t);
        sbuf_add(t->out, s + run, i - run);
    }
}

void html_textout_text(html_textout *t, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, k, run;

    if (t->pre > 0) {
        pre_text(t, s, n);
        return;
    }
    while (i < n) {
        k = ws_len(u + i, n - i);
        if (k) {
            t->space = 1;
            i += k;
            continue;
        }
        run = i;
        while (i < n && ws_len(u + i, n - i) == 0)
            i++;
        flush(t);
        sbuf_add(t->out, s + run, i - run);
    }
}

void html_textout_break(html_textout *t, int n)
{
    if (n > t->want)
        t->want = n;
    t->space = 0;
}

void html_textout_br(html_textout *t)
{
    /* Count what the output already ends with, so <br><br> after a
     * line break is still one blank line, not two. */
    if (t->want == 0 && t->out->len && t->out->s[t->out->len - 1] == '\n')
        t->want = trailing_newlines(t->out);
    if (t->want < 2)
        t->want++;
    t->space = 0;
}

void html_textout_finish(html_textout *t)
{
    sbuf *b = t->out;
    size_t n = b->len;

    while (n > 0 && (b->s[n - 1] == ' ' || b->s[n - 1] == '\t' ||
                     b->s[n - 1] == '\n'))
        n--;
    sbuf_truncate(b, n);
    t->want = 0;
    t->space = 0;
}

static void open_el(html_textout *t, unsigned f)
{
    if (f & HTML_EL_BR)
        html_textout_br(t);
    else if (f & HTML_EL_PARA)
        html_textout_break(t, 2);
    else if (f & HTML_EL_LINE)
        html_textout_break(t, 1);
    else if (f & HTML_EL_CELL)
        t->space = 1;
    if (f & HTML_EL_PRE)
        t->pre++;
}

static void close_el(html_textout *t, unsigned f)
{
    if (f & HTML_EL_PARA)
        html_textout_break(t, 2);
    else if (f & HTML_EL_LINE)
        html_textout_break(t, 1);
    else if (f & HTML_EL_CELL)
        t->space = 1;
    if ((f & HTML_EL_PRE) && t->pre > 0)
        t->pre--;
}

void html_textout_node(html_textout *t, const xmlNode *root,
                       html_filter_fn filter, void *ud)
{
    const xmlNode *n = root;

    if (root == NULL)
        return;
    for (;;) {
        int down = 0;

        switch (n->type) {
        case XML_ELEMENT_NODE: {
            unsigned f = html_node_flags(n);
            if ((f & HTML_EL_SKIP) || (filter && filter(n, f, ud)))
                break;
            open_el(t, f);
            if (n->children)
                down = 1;
            else
                close_el(t, f);
            break;
        }
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
            if (n->content)
                html_textout_text(t, (const char *)n->content,
                                  strlen((const char *)n->content));
            break;
        case XML_DOCUMENT_NODE:
        case XML_HTML_DOCUMENT_NODE:
            down = n->children != NULL;
            break;
        default:
            break;
        }
        if (down) {
            n = n->children;
            continue;
        }
        while (n != root && n->next == NULL) {
            n = n->parent;
            if (n->type == XML_ELEMENT_NODE)
                close_el(t, html_node_flags(n));
        }
        if (n == root)
            break;
        n = n->next;
    }
}

char *html_find_title(const xmlDoc *doc)
{
    const xmlNode *root = (const xmlNode *)doc, *n;
    html_textout t;
    sbuf b = SBUF_INIT;

    if (doc == NULL || doc->children == NULL)
        return NULL;
    n = doc->children;
    while (n) {
        if (n->type == XML_ELEMENT_NODE && n->name) {
            const char *name = (const char *)n->name;
            if (strcmp(name, "title") == 0) {
                const xmlNode *c;
                html_textout_init(&t, &b);
                for (c = n->children; c; c = c->next)
                    html_textout_node(&t, c, NULL, NULL);
                html_textout_finish(&t);
                break;
            }
            /* Not into svg or math: their <title> is a tooltip. */
            if (n->children && strcmp(name, "svg") != 0 &&
                strcmp(name, "math") != 0) {
                n = n->children;
                continue;
            }
        }
        while (n != root && n->next == NULL)
            n = n->parent;
        if (n == root)
            break;
        n = n->next;
    }
    if (b.len == 0) {
        sbuf_free(&b);
        return NULL;
    }
    return sbuf_detach(&b, NULL);
}
