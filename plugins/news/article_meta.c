/* article_meta.c - title, author and publication date of an article page
 * (see article_meta() in article_int.h).
 *
 * Sources, best first:
 *   title:  JSON-LD headline, og:title, twitter:title, the first <h1>,
 *           <title>;
 *   author: JSON-LD author, <meta name=author> and kin (article:author,
 *           dc.creator, parsely-author, sailthru.author, byl), an
 *           itemprop=author or rel=author element's text;
 *   date:   JSON-LD datePublished, article:published_time and kin
 *           (og:, dc.date, pubdate, publishdate, parsely-pub-date,
 *           sailthru.date, date), itemprop=datePublished, the first
 *           <time datetime>, then JSON-LD dateModified.
 */
#include "article_int.h"
#include "html_walk.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { T_LD, T_OG, T_TW, T_META, T_H1, T_TITLE, T_N };
enum { A_LD, A_META, A_ITEMPROP, A_REL, A_N };
enum { D_LD, D_META, D_ITEMPROP, D_TIME, D_MOD, D_N };

typedef struct found {
    const char *title[T_N];
    const char *author[A_N];
    const char *date[D_N];
    char *owned[8];     /* node texts we had to copy */
    int nowned;
} found;

static const char *keep(found *f, xmlChar *s)
{
    if (s == NULL)
        return NULL;
    if (f->nowned == 8) {
        xmlFree(s);
        return NULL;
    }
    f->owned[f->nowned++] = (char *)s;
    return (const char *)s;
}

static int name_in(const char *v, const char *const *list)
{
    for (; *list; list++)
        if (strcasecmp(v, *list) == 0)
            return 1;
    return 0;
}

static void from_meta(found *f, const xmlNode *el)
{
    static const char *const titles_og[] = {"og:title", NULL};
    static const char *const titles_tw[] = {"twitter:title", NULL};
    static const char *const authors[] = {
        "author", "article:author", "dc.creator", "dcterms.creator",
        "parsely-author", "sailthru.author", "byl", "cxenseparse:author",
        "twitter:creator:name", NULL};
    static const char *const dates[] = {
        "article:published_time", "og:published_time", "published_time",
        "article.published", "datepublished", "pubdate", "publishdate",
        "publish-date", "publish_date", "dc.date", "dc.date.issued",
        "dcterms.date", "dcterms.issued", "parsely-pub-date",
        "sailthru.date", "date", "og:article:published_time",
        "article_date_original", "original-publish-date", NULL};
    const char *key = html_attr(el, "property");
    const char *content = html_attr(el, "content");

    if (content == NULL || *content == '\0')
        return;
    if (key == NULL)
        key = html_attr(el, "name");
    if (key == NULL)
        key = html_attr(el, "itemprop");
    if (key == NULL)
        return;
    if (!f->title[T_OG] && name_in(key, titles_og))
        f->title[T_OG] = content;
    else if (!f->title[T_TW] && name_in(key, titles_tw))
        f->title[T_TW] = content;
    else if (!f->author[A_META] && name_in(key, authors) &&
             strncmp(content, "http", 4) != 0 && content[0] != '@')
        f->author[A_META] = content;
    else if (!f->date[D_META] && name_in(key, dates))
        f->date[D_META] = content;
}

/* One pass over every element, scripts and head included. */
static void scan(xmlDoc *doc, found *f)
{
    xmlNode *root = xmlDocGetRootElement(doc), *n = root;

    while (n) {
        if (n->type == XML_ELEMENT_NODE && n->name) {
            const char *name = (const char *)n->name;
            int tag = html_el_id(name);
            const char *ip = n->properties ? html_attr(n, "itemprop") : NULL;

            if (tag == HTML_TAG_META) {
                from_meta(f, n);
            } else if (tag == HTML_TAG_TITLE && !f->title[T_TITLE]) {
                f->title[T_TITLE] = keep(f, xmlNodeGetContent(n));
            } else if (tag == HTML_TAG_H1 && !f->title[T_H1]) {
                f->title[T_H1] = keep(f, xmlNodeGetContent(n));
            } else if (tag == HTML_TAG_TIME && !f->date[D_TIME]) {
                f->date[D_TIME] = html_attr(n, "datetime");
            }
            if (ip && !f->date[D_ITEMPROP] && strcmp(ip, "datePublished") == 0) {
                const char *v = html_attr(n, "content");
                if (v == NULL)
                    v = html_attr(n, "datetime");
                f->date[D_ITEMPROP] = v;
            }
            if (ip && !f->author[A_ITEMPROP] && strcmp(ip, "author") == 0 &&
                tag != HTML_TAG_META && tag != HTML_TAG_LINK)
                f->author[A_ITEMPROP] = keep(f, xmlNodeGetContent(n));
            if (!f->author[A_REL] && tag == HTML_TAG_A) {
                const char *rel = html_attr(n, "rel");
                if (rel && strcmp(rel, "author") == 0)
                    f->author[A_REL] = keep(f, xmlNodeGetContent(n));
            }
            if (n->children && tag != HTML_TAG_SVG && tag != HTML_TAG_SCRIPT &&
                tag != HTML_TAG_STYLE) {
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
}

/* "By Jane Doe | May 1, 2019" -> "Jane Doe"; "Analysis by Jo Ng" ->
 * "Jo Ng"; a trailing "@handle" goes too. NULL if nothing is left or it
 * is too long to be a name. */
static char *clean_author(const char *s)
{
    char *a = article_clean_str(s), *p;
    size_t i;

    if (a == NULL)
        return NULL;
    for (i = 0; i < 24 && a[i]; i++)
        if ((i == 0 || a[i - 1] == ' ') && strncasecmp(a + i, "by ", 3) == 0) {
            memmove(a, a + i + 3, strlen(a + i + 3) + 1);
            break;
        }
    if ((p = strstr(a, " | ")) != NULL)
        *p = '\0';
    if ((p = strstr(a, " @")) != NULL && p > a)
        *p = '\0';
    if (*a == '\0' || strlen(a) > 200) {
        free(a);
        return NULL;
    }
    return a;
}

void article_meta(xmlDoc *doc, const ldmeta *ld, article *a)
{
    found f;
    char iso[21];
    int i;

    memset(&f, 0, sizeof f);
    f.title[T_LD] = ld->headline;
    f.author[A_LD] = ld->author;
    f.date[D_LD] = ld->date_published;
    f.date[D_MOD] = ld->date_modified;
    scan(doc, &f);

    a->title = NULL;
    for (i = 0; i < T_N && a->title == NULL; i++)
        if (f.title[i])
            a->title = article_clean_str(f.title[i]);
    for (i = 0; i < A_N && a->author == NULL; i++)
        if (f.author[i])
            a->author = clean_author(f.author[i]);
    for (i = 0; i < D_N && a->published_at == NULL; i++)
        if (f.date[i] && article_date_iso(f.date[i], iso) == 0)
            a->published_at = strdup(iso);
    for (i = 0; i < f.nowned; i++)
        xmlFree(f.owned[i]);
}
