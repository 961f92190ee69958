/* article_int.h - what the article_*.c files share; not a public API.
 *
 * The extractor first builds a page model (article_dom.c): one anode per
 * visible element in document order with its text statistics, computed
 * in linear passes (no recursion, no quadratic walks). The body finder
 * (article_body.c) scores that model; the metadata finder
 * (article_meta.c) reads JSON-LD (article_jsonld.c), meta tags and <time>
 * and normalises dates (article_date.c).
 */
#ifndef ASSAY_NEWS_ARTICLE_INT_H
#define ASSAY_NEWS_ARTICLE_INT_H

#include <stddef.h>
#include <libxml/tree.h>

#include "article.h"
#include "sbuf.h"

/* Hints from class, id, role and itemprop (anode.hint bits). */
#define HINT_JUNK     0x01  /* boilerplate word (share, comment, nav...) */
#define HINT_GOOD     0x02  /* content word (article, body, story...) */
#define HINT_BODY     0x04  /* itemprop=articleBody or an "article body"
                               class/id */
#define HINT_ROLEJUNK 0x08  /* role=navigation/complementary/... */
#define HINT_META     0x10  /* byline/dateline/author/caption words */
#define HINT_COMMENT  0x20  /* comment, comments, disqus */
#define HINT_RELATED  0x40  /* related, recommended, popular, trending... */

/* One visible element. Text counts are Unicode characters other than
 * whitespace. "own" counts are for text whose nearest block ancestor is
 * this element (the element's running text); "sub" counts cover the
 * whole subtree. After article_dom_build() both leave out junk. A "good
 * paragraph" is a block with at least 40 characters of running text of
 * which under a third is link text. */
typedef struct anode {
    xmlNode *node;
    int parent;             /* index of the parent element, -1 at the top */
    int block;              /* index of the nearest block element (self) */
    int next;               /* index just past this subtree */
    unsigned flags;         /* html_node_flags() */
    int tag;                /* HTML_TAG_* */
    unsigned char hint;     /* HINT_* */
    unsigned char junk;     /* 1: left out of the body (self or ancestor) */
    unsigned char in_link;  /* 1: inside an <a> */
    unsigned own_chars, own_link, own_punct;
    unsigned sub_chars, sub_link, sub_punct;
    unsigned sub_paras;     /* good paragraphs in the subtree */
    unsigned sub_pchars;    /* and their characters */
    unsigned sub_qchars;    /* characters inside <blockquote> */
    unsigned sub_imgs, sub_lis, sub_inputs, sub_blocks;
    float score;            /* content score (article_body.c) */
    unsigned char scored;   /* score has been initialised */
} anode;

typedef struct apage {
    xmlDoc *doc;
    anode *n;
    int count;
    unsigned total_chars;   /* visible text in the whole page, junk too */
    unsigned para_chars;    /* in good paragraphs, whole page, junk too */
} apage;

/* Build the model of doc (article_dom.c). Returns 0, or -1 when out of
 * memory. Uses xmlNode._private to map nodes to indexes. */
int article_dom_build(apage *pg, xmlDoc *doc);
/* Index of the element node n, or -1. */
int article_dom_index(const apage *pg, const xmlNode *n);
void article_dom_free(apage *pg);

/* Find the body and write its text to out (article_body.c). title is
 * the page's title as found by article_meta() (may be NULL); ld_body is a
 * schema.org articleBody from JSON-LD or NULL. Returns 0 or -1 (OOM). */
int article_body(apage *pg, const char *title, const char *ld_body, sbuf *out);

/* Metadata found in JSON-LD (article_jsonld.c); fields malloc'd or NULL. */
typedef struct ldmeta {
    char *headline, *author, *date_published, *date_modified, *body;
} ldmeta;
/* Read every <script type="application/ld+json"> in doc and take the
 * fields of the best Article-like object. */
void article_jsonld(xmlDoc *doc, ldmeta *out);
void article_ldmeta_free(ldmeta *m);

/* Title, author and date into a (article_meta.c). */
void article_meta(xmlDoc *doc, const ldmeta *ld, article *a);

/* Parse a date/time in the forms pages use (ISO 8601 and RFC 3339 with
 * any offset, RFC 822/1123, "November 19, 2019 10:02 AM EST", Unix
 * seconds or milliseconds...) and write it as UTC "YYYY-MM-DDTHH:MM:SSZ"
 * to out (21 bytes). A date with no time is taken as 00:00:00 UTC.
 * Returns 0, or -1 if s is not a date (article_date.c). */
int article_date_iso(const char *s, char out[21]);
/* Unix time t as "YYYY-MM-DDTHH:MM:SSZ"; -1 outside years 1900-2200. */
int article_epoch_iso(long long t, char out[21]);

/* Collapse whitespace runs to one space and trim; returns malloc'd copy
 * or NULL if nothing is left (article.c). */
char *article_clean_str(const char *s);

#endif
