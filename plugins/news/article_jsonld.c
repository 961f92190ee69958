/* article_jsonld.c - schema.org metadata from JSON-LD script blocks
 * (see article_jsonld() in article_int.h).
 *
 * Pages put one or more <script type="application/ld+json"> blocks in
 * head or body: single objects, arrays, or {"@graph": [...]}. The object
 * taken is the Article-like one (NewsArticle, BlogPosting, Report...)
 * with the most of headline/author/datePublished/articleBody; failing
 * that, any object with a datePublished.
 */
#include "article_int.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#define MAX_DEPTH 16

static int type_is_article(json_t *t)
{
    size_t i;
    json_t *v;

    if (json_is_string(t)) {
        const char *s = json_string_value(t);
        return strstr(s, "Article") != NULL || strstr(s, "BlogPosting") != NULL ||
               strcmp(s, "Report") == 0 || strcmp(s, "LiveBlogPosting") == 0;
    }
    if (json_is_array(t))
        json_array_foreach(t, i, v)
            if (type_is_article(v))
                return 1;
    return 0;
}

static const char *str_field(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);

    if (json_is_array(v) && json_array_size(v) > 0)
        v = json_array_get(v, 0);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Author names from a string, a Person/Organization, or an array. */
static void authors(json_t *v, sbuf *out, int depth)
{
    size_t i;
    json_t *e;
    const char *name = NULL;

    if (depth > 3 || v == NULL)
        return;
    if (json_is_array(v)) {
        json_array_foreach(v, i, e)
            authors(e, out, depth + 1);
        return;
    }
    if (json_is_string(v))
        name = json_string_value(v);
    else if (json_is_object(v))
        name = str_field(v, "name");
    if (name == NULL || *name == '\0' || strncmp(name, "http", 4) == 0)
        return;
    if (out->len)
        sbuf_add(out, ", ", 2);
    sbuf_adds(out, name);
}

typedef struct best {
    json_t *obj;
    int score;
} best;

static void consider(json_t *o, best *b)
{
    int s = 0;

    if (type_is_article(json_object_get(o, "@type")))
        s += 8;
    if (str_field(o, "headline"))
        s += 2;
    if (json_object_get(o, "author"))
        s += 2;
    if (str_field(o, "datePublished"))
        s += 3;
    if (str_field(o, "articleBody"))
        s += 2;
    if (s >= 3 && s > b->score) {
        b->obj = o;
        b->score = s;
    }
}

static void visit(json_t *v, best *b, int depth)
{
    size_t i;
    json_t *e;
    const char *k;

    if (depth > MAX_DEPTH)
        return;
    if (json_is_array(v)) {
        json_array_foreach(v, i, e)
            visit(e, b, depth + 1);
    } else if (json_is_object(v)) {
        consider(v, b);
        json_object_foreach(v, k, e)
            if (json_is_object(e) || json_is_array(e))
                if (strcmp(k, "author") != 0 && strcmp(k, "publisher") != 0)
                    visit(e, b, depth + 1);
    }
}

/* Parse one script's text. Raw control characters (invalid inside JSON
 * strings, common in articleBody) become spaces; text around the value
 * (comments, CDATA markers) is cut off. */
static json_t *load(const char *s)
{
    size_t n = strlen(s), a = 0, z = n, i;
    char *buf;
    json_t *v;

    while (a < n && s[a] != '{' && s[a] != '[')
        a++;
    while (z > a && s[z - 1] != '}' && s[z - 1] != ']')
        z--;
    if (z <= a)
        return NULL;
    buf = malloc(z - a + 1);
    if (buf == NULL)
        return NULL;
    for (i = a; i < z; i++)
        buf[i - a] = (unsigned char)s[i] < 0x20 ? ' ' : s[i];
    buf[z - a] = '\0';
    v = json_loadb(buf, z - a, JSON_DECODE_ANY, NULL);
    free(buf);
    return v;
}

static char *dup_or_null(const char *s)
{
    return s && *s ? strdup(s) : NULL;
}

void article_jsonld(xmlDoc *doc, ldmeta *out)
{
    xmlNode *root = xmlDocGetRootElement(doc), *n = root;
    json_t *keep[16];
    int nkeep = 0, i;
    best b = {NULL, 0};

    memset(out, 0, sizeof *out);
    if (root == NULL)
        return;
    while (n) {
        if (n->type == XML_ELEMENT_NODE && n->name &&
            strcmp((const char *)n->name, "script") == 0) {
            const xmlAttr *a;
            int ld = 0;
            for (a = n->properties; a; a = a->next)
                if (strcmp((const char *)a->name, "type") == 0 && a->children &&
                    a->children->content &&
                    strstr((const char *)a->children->content, "ld+json"))
                    ld = 1;
            if (ld && nkeep < 16) {
                xmlChar *txt = xmlNodeGetContent(n);
                json_t *v = txt ? load((const char *)txt) : NULL;
                xmlFree(txt);
                if (v) {
                    keep[nkeep++] = v;
                    visit(v, &b, 0);
                }
            }
        } else if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        while (n != root && n->next == NULL)
            n = n->parent;
        if (n == root)
            break;
        n = n->next;
    }
    if (b.obj) {
        sbuf au = SBUF_INIT;
        out->headline = dup_or_null(str_field(b.obj, "headline"));
        if (out->headline == NULL && type_is_article(json_object_get(b.obj, "@type")))
            out->headline = dup_or_null(str_field(b.obj, "name"));
        out->date_published = dup_or_null(str_field(b.obj, "datePublished"));
        if (out->date_published == NULL)
            out->date_published = dup_or_null(str_field(b.obj, "dateCreated"));
        out->date_modified = dup_or_null(str_field(b.obj, "dateModified"));
        out->body = dup_or_null(str_field(b.obj, "articleBody"));
        authors(json_object_get(b.obj, "author"), &au, 0);
        if (au.len == 0)
            authors(json_object_get(b.obj, "creator"), &au, 0);
        out->author = au.len ? sbuf_detach(&au, NULL) : NULL;
        sbuf_free(&au);
    }
    for (i = 0; i < nkeep; i++)
        json_decref(keep[i]);
}

void article_ldmeta_free(ldmeta *m)
{
    free(m->headline);
    free(m->author);
    free(m->date_published);
    free(m->date_modified);
    free(m->body);
    memset(m, 0, sizeof *m);
}
