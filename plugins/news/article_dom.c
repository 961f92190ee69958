/* article_dom.c - the page model the extractor scores (see article_int.h).
 *
 * Three linear passes over the tree:
 *   1. pre-order walk (iterative) giving each visible element an anode,
 *      with its class/id/role hints and the text directly in it;
 *   2. bottom-up sums (children have larger indexes than their parent,
 *      so one backwards loop does it), then top-down junk marking;
 *   3. the sums again, leaving out junk, plus each block's running text.
 */
#include "article_int.h"
#include "html_walk.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------
 * Class / id words
 * ------------------------------------------------------------------- */

/* Class and id words, sorted, with what they say. Matched against whole
 * tokens of class and id values ("post-share-bar" -> post, share, bar;
 * "relatedLinks" -> related, links), and PAIR entries against two
 * tokens run together ("article-body", "entryContent"). These are the
 * words sites in general use for these parts; none comes from one
 * particular site.
 *   HINT_JUNK:  boilerplate (navigation, ads, sharing, comments, ...)
 *   HINT_META:  bylines, datelines, captions
 *   HINT_GOOD:  content containers
 *   PAIR:       the article body, when run together */
#define PAIR 0x100

static const struct word {
    const char *w;
    unsigned hint;
} words[] = {
    {"ad", HINT_JUNK},
    {"ads", HINT_JUNK},
    {"adslot", HINT_JUNK},
    {"adunit", HINT_JUNK},
    {"adv", HINT_JUNK},
    {"advert", HINT_JUNK},
    {"advertisement", HINT_JUNK},
    {"advertising", HINT_JUNK},
    {"adverts", HINT_JUNK},
    {"article", HINT_GOOD},
    {"articlebody", PAIR},
    {"articlecontent", PAIR},
    {"articletext", PAIR},
    {"author", HINT_META},
    {"authors", HINT_META},
    {"banner", HINT_JUNK},
    {"blog", HINT_GOOD},
    {"body", HINT_GOOD},
    {"bodytext", PAIR},
    {"breadcrumb", HINT_JUNK},
    {"breadcrumbs", HINT_JUNK},
    {"byline", HINT_META},
    {"caption", HINT_META},
    {"carousel", HINT_JUNK},
    {"comment", HINT_JUNK | HINT_COMMENT},
    {"comments", HINT_JUNK | HINT_COMMENT},
    {"consent", HINT_JUNK},
    {"content", HINT_GOOD},
    {"contentbody", PAIR},
    {"cookie", HINT_JUNK},
    {"cookies", HINT_JUNK},
    {"copy", HINT_GOOD},
    {"credit", HINT_META},
    {"credits", HINT_META},
    {"cta", HINT_JUNK},
    {"dateline", HINT_META},
    {"disqus", HINT_JUNK | HINT_COMMENT},
    {"donate", HINT_JUNK},
    {"entry", HINT_GOOD},
    {"entrybody", PAIR},
    {"entrycontent", PAIR},
    {"footer", HINT_JUNK},
    {"gallery", HINT_JUNK},
    {"gdpr", HINT_JUNK},
    {"kicker", HINT_META},
    {"lightbox", HINT_JUNK},
    {"login", HINT_JUNK},
    {"main", HINT_GOOD},
    {"masthead", HINT_JUNK},
    {"menu", HINT_JUNK},
    {"meta", HINT_META},
    {"modal", HINT_JUNK},
    {"mostread", HINT_JUNK | HINT_RELATED},
    {"nav", HINT_JUNK},
    {"navbar", HINT_JUNK},
    {"navigation", HINT_JUNK},
    {"newsletter", HINT_JUNK},
    {"newsletters", HINT_JUNK},
    {"outbrain", HINT_JUNK},
    {"overlay", HINT_JUNK},
    {"pager", HINT_JUNK},
    {"pagination", HINT_JUNK},
    {"partner", HINT_JUNK},
    {"partners", HINT_JUNK},
    {"popular", HINT_JUNK | HINT_RELATED},
    {"popup", HINT_JUNK},
    {"post", HINT_GOOD},
    {"postbody", PAIR},
    {"postcontent", PAIR},
    {"posttext", PAIR},
    {"promo", HINT_JUNK},
    {"promos", HINT_JUNK},
    {"promoted", HINT_JUNK},
    {"promotion", HINT_JUNK},
    {"prose", HINT_GOOD},
    {"published", HINT_META},
    {"rating", HINT_JUNK},
    {"recirc", HINT_JUNK | HINT_RELATED},
    {"recirculation", HINT_JUNK | HINT_RELATED},
    {"recommendation", HINT_JUNK | HINT_RELATED},
    {"recommendations", HINT_JUNK | HINT_RELATED},
    {"recommended", HINT_JUNK | HINT_RELATED},
    {"register", HINT_JUNK},
    {"related", HINT_JUNK | HINT_RELATED},
    {"share", HINT_JUNK},
    {"sharebar", HINT_JUNK},
    {"shares", HINT_JUNK},
    {"sharing", HINT_JUNK},
    {"sidebar", HINT_JUNK},
    {"signin", HINT_JUNK},
    {"signup", HINT_JUNK},
    {"skip", HINT_JUNK},
    {"slider", HINT_JUNK},
    {"slideshow", HINT_JUNK},
    {"social", HINT_JUNK},
    {"sponsor", HINT_JUNK},
    {"sponsored", HINT_JUNK},
    {"story", HINT_GOOD},
    {"storybody", PAIR},
    {"storycontent", PAIR},
    {"storytext", PAIR},
    {"subscribe", HINT_JUNK},
    {"subscription", HINT_JUNK},
    {"taboola", HINT_JUNK},
    {"tags", HINT_JUNK},
    {"teaser", HINT_JUNK},
    {"teasers", HINT_JUNK},
    {"text", HINT_GOOD},
    {"ticker", HINT_JUNK},
    {"timestamp", HINT_META},
    {"toolbar", HINT_JUNK},
    {"tools", HINT_JUNK},
    {"trending", HINT_JUNK | HINT_RELATED},
    {"updated", HINT_META},
    {"widget", HINT_JUNK},
    {"widgets", HINT_JUNK},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int cmp_word(const void *key, const void *elem)
{
    return strcmp((const char *)key, ((const struct word *)elem)->w);
}

static unsigned word_hint(const char *w)
{
    const struct word *e = bsearch(w, words, COUNT(words), sizeof words[0], cmp_word);

    return e ? e->hint : 0;
}

/* Run-together names ("relatedposts", "sharethis", "commentlist"): a
 * few words distinctive enough to match as a prefix. */
static unsigned junk_prefix(const char *tok)
{
    static const struct word pre[] = {
        {"advert", HINT_JUNK}, {"breadcrumb", HINT_JUNK},
        {"comment", HINT_JUNK | HINT_COMMENT}, {"newsletter", HINT_JUNK},
        {"recommend", HINT_JUNK | HINT_RELATED},
        {"related", HINT_JUNK | HINT_RELATED}, {"sharethis", HINT_JUNK},
        {"sidebar", HINT_JUNK}, {"socialshare", HINT_JUNK},
        {"sponsor", HINT_JUNK},
    };
    size_t i;

    if (strncmp(tok, "commentary", 10) == 0)
        return 0;
    for (i = 0; i < COUNT(pre); i++)
        if (tok[0] == pre[i].w[0] && strncmp(tok, pre[i].w, strlen(pre[i].w)) == 0)
            return pre[i].hint;
    return 0;
}

static int is_lower(int c) { return c >= 'a' && c <= 'z'; }
static int is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static int is_digit(int c) { return c >= '0' && c <= '9'; }

/* Hints from one class or id value. */
static unsigned hint_words(const char *v)
{
    char tok[48], prev[48] = "";
    unsigned h = 0, w;
    size_t i = 0, j;

    while (v[i]) {
        j = 0;
        while (v[i] && !is_lower((unsigned char)v[i]) &&
               !is_upper((unsigned char)v[i]) && !is_digit((unsigned char)v[i]))
            i++;
        if (!v[i])
            break;
        /* a token: letters then stop at a case rise or a digit change */
        if (is_digit((unsigned char)v[i])) {
            while (is_digit((unsigned char)v[i]))
                i++;
            prev[0] = '\0';
            continue;
        }
        tok[j++] = (char)(v[i] | 0x20);
        i++;
        while (is_lower((unsigned char)v[i]) ||
               (is_upper((unsigned char)v[i]) && is_upper((unsigned char)v[i - 1]) &&
                !is_lower((unsigned char)v[i + 1]))) {
            if (j + 1 < sizeof tok)
                tok[j++] = (char)(v[i] | 0x20);
            i++;
        }
        tok[j] = '\0';
        w = word_hint(tok);
        if (w == 0 && j > 6)
            w = junk_prefix(tok);
        h |= w & ~(unsigned)PAIR;
        if (w & PAIR)
            h |= HINT_BODY;             /* written as one word: "storybody" */
        /* pairs all end in body, content or text */
        if (prev[0] && (tok[0] == 'b' || tok[0] == 'c' || tok[0] == 't') &&
            strlen(prev) + j < sizeof tok) {
            char pair[96];
            strcpy(pair, prev);
            strcat(pair, tok);
            if (word_hint(pair) & PAIR)
                h |= HINT_BODY;
        }
        memcpy(prev, tok, j + 1);
    }
    return h;
}

static unsigned node_hints(const xmlNode *el)
{
    const char *v;
    unsigned h = 0;

    if (el->properties == NULL)
        return 0;
    if ((v = html_attr(el, "class")) != NULL)
        h |= hint_words(v);
    if ((v = html_attr(el, "id")) != NULL)
        h |= hint_words(v);
    if ((v = html_attr(el, "itemprop")) != NULL &&
        (strstr(v, "articleBody") || strstr(v, "reviewBody")))
        h |= HINT_BODY;
    if ((v = html_attr(el, "role")) != NULL) {
        if (strcmp(v, "navigation") == 0 || strcmp(v, "complementary") == 0 ||
            strcmp(v, "contentinfo") == 0 || strcmp(v, "banner") == 0 ||
            strcmp(v, "menu") == 0 || strcmp(v, "menubar") == 0 ||
            strcmp(v, "dialog") == 0 || strcmp(v, "alertdialog") == 0 ||
            strcmp(v, "search") == 0 || strcmp(v, "toolbar") == 0)
            h |= HINT_ROLEJUNK;
        else if (strcmp(v, "main") == 0 || strcmp(v, "article") == 0)
            h |= HINT_GOOD;
    }
    return h;
}

/* ---------------------------------------------------------------------
 * Text statistics
 * ------------------------------------------------------------------- */

/* Characters (not bytes, not whitespace) and punctuation marks that end
 * or split sentences, in any script. */
static void count_text(const unsigned char *s, unsigned *chars, unsigned *punct)
{
    unsigned c = 0, p = 0;

    for (; *s; s++) {
        unsigned b = *s;
        if (b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\f')
            continue;
        if ((b & 0xC0) == 0x80)
            continue;                   /* continuation byte */
        c++;
        if (b == ',' || b == '.' || b == '!' || b == '?' || b == ';' ||
            b == ':')
            p++;
        else if (b == 0xEF && s[1] == 0xBC &&
                 (s[2] == 0x8C || s[2] == 0x81 || s[2] == 0x9F))
            p++;                        /* fullwidth , ! ? */
        else if (b == 0xE3 && s[1] == 0x80 && (s[2] == 0x81 || s[2] == 0x82))
            p++;                        /* 、 。 */
        else if (b == 0xC2 && s[1] == 0xA0)
            c--;                        /* no-break space */
    }
    *chars = c;
    *punct = p;
}

/* ---------------------------------------------------------------------
 * Building
 * ------------------------------------------------------------------- */

int article_dom_index(const apage *pg, const xmlNode *n)
{
    intptr_t v;

    if (n == NULL || n->type != XML_ELEMENT_NODE || n->doc != pg->doc)
        return -1;
    v = (intptr_t)n->_private;
    return (v > 0 && v <= pg->count) ? (int)(v - 1) : -1;
}

static int push(apage *pg, int *cap, xmlNode *n, unsigned flags, int parent)
{
    anode *a;

    if (pg->count == *cap) {
        int nc = *cap ? *cap * 2 : 256;
        anode *p = realloc(pg->n, (size_t)nc * sizeof *p);
        if (p == NULL)
            return -1;
        pg->n = p;
        *cap = nc;
    }
    a = &pg->n[pg->count];
    memset(a, 0, sizeof *a);
    a->node = n;
    a->flags = flags;
    a->parent = parent;
    a->tag = html_el_id((const char *)n->name);
    a->hint = (unsigned char)node_hints(n);
    if (parent >= 0) {
        anode *p = &pg->n[parent];
        a->in_link = p->in_link || a->tag == HTML_TAG_A;
    } else {
        a->in_link = a->tag == HTML_TAG_A;
    }
    a->block = (parent < 0 || (flags & (HTML_EL_LINE | HTML_EL_PARA | HTML_EL_CELL)))
                   ? pg->count : pg->n[parent].block;
    n->_private = (void *)(intptr_t)(pg->count + 1);
    return pg->count++;
}

/* Per-node direct text, kept apart so the sums can be redone. */
typedef struct direct {
    unsigned chars, link, punct;
} direct;

static int walk(apage *pg, direct **dirp)
{
    xmlNode *root = xmlDocGetRootElement(pg->doc), *n = root;
    int cap = 0, dcap = 0, i;
    direct *dir = NULL;

    *dirp = NULL;
    if (root == NULL)
        return 0;
    for (;;) {
        int down = 0;

        if (n->type == XML_ELEMENT_NODE) {
            unsigned f = html_node_flags(n);
            if (!(f & HTML_EL_SKIP)) {
                int parent = n == root ? -1 : article_dom_index(pg, n->parent);
                i = push(pg, &cap, n, f, parent);
                if (i < 0)
                    goto oom;
                if (n->children)
                    down = 1;
                else
                    pg->n[i].next = i + 1;
            }
        } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
                   n->content && n != root) {
            unsigned c, p;
            int at = article_dom_index(pg, n->parent);
            count_text(n->content, &c, &p);
            if (at >= 0 && c) {
                if (dcap < cap) {
                    direct *d = realloc(dir, (size_t)cap * sizeof *d);
                    if (d == NULL)
                        goto oom;
                    memset(d + dcap, 0, (size_t)(cap - dcap) * sizeof *d);
                    dir = d;
                    dcap = cap;
                }
                dir[at].chars += c;
                dir[at].punct += p;
                if (pg->n[at].in_link)
                    dir[at].link += c;
            }
        }
        if (down) {
            n = n->children;
            continue;
        }
        while (n != root && n->next == NULL) {
            n = n->parent;
            i = article_dom_index(pg, n);
            if (i >= 0)
                pg->n[i].next = pg->count;
        }
        if (n == root)
            break;
        n = n->next;
    }
    if (dcap < pg->count) {
        direct *d = realloc(dir, (size_t)(pg->count ? pg->count : 1) * sizeof *d);
        if (d == NULL)
            goto oom;
        memset(d + dcap, 0, (size_t)(pg->count - dcap) * sizeof *d);
        dir = d;
    }
    *dirp = dir;
    return 0;
oom:
    free(dir);
    return -1;
}

/* Sum the direct counts up the tree, leaving out junk when skip_junk. */
static void sum_up(apage *pg, const direct *dir, int skip_junk)
{
    int i;

    for (i = 0; i < pg->count; i++) {
        anode *a = &pg->n[i];
        int out = skip_junk && a->junk;
        a->sub_chars = out ? 0 : dir[i].chars;
        a->sub_link = out ? 0 : dir[i].link;
        a->sub_punct = out ? 0 : dir[i].punct;
        a->sub_imgs = !out && (a->tag == HTML_TAG_IMG || a->tag == HTML_TAG_PICTURE);
        a->sub_lis = !out && a->tag == HTML_TAG_LI;
        a->sub_inputs = !out && (a->tag == HTML_TAG_INPUT || a->tag == HTML_TAG_BUTTON ||
                                 a->tag == HTML_TAG_SELECT);
        a->sub_blocks = 0;
        a->own_chars = a->own_link = a->own_punct = 0;
        a->sub_paras = 0;
        a->sub_pchars = 0;
        a->sub_qchars = 0;
    }
    /* running text of each block: the direct text of the block and of
     * the inline elements under it */
    for (i = 0; i < pg->count; i++) {
        anode *a = &pg->n[i], *b = &pg->n[a->block];
        if (skip_junk && a->junk)
            continue;
        b->own_chars += dir[i].chars;
        b->own_link += dir[i].link;
        b->own_punct += dir[i].punct;
    }
    for (i = pg->count - 1; i >= 0; i--) {
        anode *a = &pg->n[i];
        if (a->block == i && a->own_chars >= 40 &&
            a->own_link * 3 < a->own_chars && a->tag != HTML_TAG_A &&
            !(skip_junk && a->junk)) {
            a->sub_paras++;
            a->sub_pchars += a->own_chars;
        }
        if (a->block == i && !(skip_junk && a->junk))
            a->sub_blocks++;
        if (a->tag == HTML_TAG_BLOCKQUOTE)
            a->sub_qchars = a->sub_chars;
        if (a->parent >= 0) {
            anode *p = &pg->n[a->parent];
            p->sub_qchars += a->sub_qchars;
            p->sub_chars += a->sub_chars;
            p->sub_link += a->sub_link;
            p->sub_punct += a->sub_punct;
            p->sub_paras += a->sub_paras;
            p->sub_pchars += a->sub_pchars;
            p->sub_imgs += a->sub_imgs;
            p->sub_lis += a->sub_lis;
            p->sub_inputs += a->sub_inputs;
            p->sub_blocks += a->sub_blocks;
        }
    }
}

/* Is this element boilerplate by itself (not counting its ancestors)? */
static int junk_self(const apage *pg, const anode *a)
{
    int big;

    if (a->hint & HINT_BODY)
        return 0;
    if (a->tag == HTML_TAG_HTML || a->tag == HTML_TAG_BODY)
        return 0;
    /* A container holding most of the page's paragraph text is not
     * junk by its structure or a modifier word in its class
     * (class="page-content with-sidebar", a <form> around the page). */
    big = pg->para_chars > 0 && a->sub_pchars * 2 >= pg->para_chars;
    switch (a->tag) {
    case HTML_TAG_NAV:
    case HTML_TAG_ASIDE:
    case HTML_TAG_BUTTON:
    case HTML_TAG_DIALOG:
    case HTML_TAG_SELECT:
        return 1;
    case HTML_TAG_FOOTER:
    case HTML_TAG_HEADER:
    case HTML_TAG_FORM:
    case HTML_TAG_FIGURE:
    case HTML_TAG_FIGCAPTION:
        return !big;
    default:
        break;
    }
    if (a->hint & HINT_ROLEJUNK)
        return !big;
    if (a->hint & HINT_COMMENT)
        return 1;
    /* a container introduced by a "related stories" heading is that list */
    if (a->block == (int)(a - pg->n) && a->next > (int)(a - pg->n) + 1) {
        const anode *c = a + 1;                 /* the first child */
        if ((c->flags & HTML_EL_HEADING) && (c->hint & HINT_RELATED))
            return 1;
    }
    /* an embedded quote (a tweet, a post) in a widget box is quoted text */
    if ((a->hint & HINT_JUNK) && a->sub_qchars * 2 > a->sub_chars && a->sub_chars > 0)
        return 0;
    if (a->hint & HINT_JUNK)
        return !big;
    /* tag links (rel=tag) are an index, never article text */
    if (a->tag == HTML_TAG_A && a->node->properties) {
        const char *rel = html_attr(a->node, "rel");
        if (rel && strstr(rel, "tag"))
            return 1;
    }
    if (a->hint & HINT_META)
        return !big;
    return 0;
}

int article_dom_build(apage *pg, xmlDoc *doc)
{
    direct *dir = NULL;
    int i;

    memset(pg, 0, sizeof *pg);
    pg->doc = doc;
    if (walk(pg, &dir) != 0)
        return -1;
    if (pg->count == 0) {
        free(dir);
        return 0;
    }
    sum_up(pg, dir, 0);
    pg->total_chars = pg->n[0].sub_chars;
    pg->para_chars = pg->n[0].sub_pchars;
    for (i = 0; i < pg->count; i++) {
        anode *a = &pg->n[i];
        a->junk = (a->parent >= 0 && pg->n[a->parent].junk) || junk_self(pg, a);
    }
    sum_up(pg, dir, 1);
    free(dir);
    return 0;
}

void article_dom_free(apage *pg)
{
    int i;

    for (i = 0; i < pg->count; i++)
        pg->n[i].node->_private = NULL;
    free(pg->n);
    memset(pg, 0, sizeof *pg);
}
