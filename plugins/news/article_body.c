/* article_body.c - find the article body in the page model and write
 * its text (see article_int.h).
 *
 * 1. Score: every block with running text of its own (a paragraph) adds
 *    to its ancestors' scores, less and less going up (1, 1/2, 1/6,
 *    ...), by its length and punctuation, less its links. The best
 *    container is the one with the highest score times (1 - its link
 *    density), with bonuses for article/body hints.
 *    The candidate holding the first paragraph after the title heading
 *    gets a bonus (related-story lists come after the article).
 * 2. Widen: a parent that scores higher than the winner; the ancestor
 *    holding more chunks like the winner (articles cut up by ads);
 *    siblings that score close to it.
 * 3. Write: the chosen nodes' text, leaving out junk and sub-blocks that
 *    look like link lists, forms or galleries, all-link paragraphs and
 *    lone furniture words ("Advertisement").
 * 4. When that finds (almost) nothing but the page carries a schema.org
 *    articleBody, use that instead.
 */
#include "article_int.h"
#include "html_text.h"
#include "html_walk.h"

#include <stdlib.h>
#include <string.h>

static float base_score(const anode *a)
{
    float s = 0;

    switch (a->tag) {
    case HTML_TAG_DIV:
    case HTML_TAG_ARTICLE:
    case HTML_TAG_MAIN:
    case HTML_TAG_SECTION:
        s = 5;
        break;
    case HTML_TAG_PRE:
    case HTML_TAG_TD:
    case HTML_TAG_BLOCKQUOTE:
        s = 3;
        break;
    case HTML_TAG_ADDRESS:
    case HTML_TAG_OL:
    case HTML_TAG_UL:
    case HTML_TAG_DL:
    case HTML_TAG_DD:
    case HTML_TAG_DT:
    case HTML_TAG_LI:
    case HTML_TAG_FORM:
        s = -3;
        break;
    case HTML_TAG_H1: case HTML_TAG_H2: case HTML_TAG_H3:
    case HTML_TAG_H4: case HTML_TAG_H5: case HTML_TAG_H6:
    case HTML_TAG_TH:
        s = -5;
        break;
    default:
        break;
    }
    if (a->hint & HINT_GOOD)
        s += 25;
    if (a->hint & HINT_BODY)
        s += 50;
    return s;
}

static void add_score(apage *pg, int i, float s)
{
    anode *a = &pg->n[i];

    if (!a->scored) {
        a->score = base_score(a);
        a->scored = 1;
    }
    a->score += s;
}

static int is_heading(int tag)
{
    return tag == HTML_TAG_H1 || tag == HTML_TAG_H2 || tag == HTML_TAG_H3 ||
           tag == HTML_TAG_H4 || tag == HTML_TAG_H5 || tag == HTML_TAG_H6;
}

static float link_density(const anode *a)
{
    return a->sub_chars ? (float)a->sub_link / (float)a->sub_chars : 0;
}

static void score_paragraphs(apage *pg)
{
    int i;

    for (i = 0; i < pg->count; i++) {
        anode *a = &pg->n[i];
        float s, ld;
        int up, level;

        if (a->junk || a->block != i || a->own_chars < 25 || is_heading(a->tag))
            continue;
        ld = (float)a->own_link / (float)a->own_chars;
        s = 1.0f + (float)a->own_punct * 0.5f;
        s += a->own_chars >= 300 ? 3.0f : (float)(a->own_chars / 100);
        s *= 1.0f - ld;
        /* a container holding running text itself (text between <br>s)
         * is a candidate too, not only its parent */
        if (a->tag == HTML_TAG_DIV || a->tag == HTML_TAG_TD ||
            a->tag == HTML_TAG_ARTICLE || a->tag == HTML_TAG_SECTION ||
            a->tag == HTML_TAG_MAIN || a->tag == HTML_TAG_OTHER)
            add_score(pg, i, s);
        for (up = a->parent, level = 0; up >= 0 && level < 5;
             up = pg->n[up].parent, level++) {
            float d = level == 0 ? 1.0f : level == 1 ? 2.0f : (float)level * 3.0f;
            add_score(pg, up, s / d);
        }
    }
}

static float final_score(const anode *a)
{
    return a->score * (1.0f - link_density(a));
}

/* Paragraph text in elements like model (same tag and class) under
 * anc, outside the subtree at skip. */
static unsigned chunk_chars(const apage *pg, int anc, int skip, const anode *model)
{
    const char *cls = html_attr(model->node, "class");
    unsigned sum = 0;
    size_t k;
    int i;

    if (cls == NULL)
        return 0;
    while (*cls == ' ')
        cls++;
    k = strcspn(cls, " \t\n");
    if (k == 0)
        return 0;
    for (i = anc + 1; i < pg->n[anc].next;) {
        const anode *a = &pg->n[i];
        const char *c;
        if (i == skip) {
            i = a->next;
            continue;
        }
        if (a->tag == model->tag && !a->junk && (c = html_attr(a->node, "class")) &&
            (c += strspn(c, " "), strncmp(c, cls, k) == 0) &&
            (c[k] == '\0' || c[k] == ' ' || c[k] == '\t' || c[k] == '\n')) {
            sum += a->sub_pchars;
            i = a->next;
            continue;
        }
        i++;
    }
    return sum;
}

/* Articles cut into several containers of the same kind (ads between
 * the chunks): go up to the ancestor that holds the other chunks, as
 * long as what it adds is mostly those chunks. */
static int climb_chunks(const apage *pg, int top)
{
    const anode *model = &pg->n[top];
    int c = top, p, levels;

    for (p = model->parent, levels = 0; p >= 0 && levels < 8;
         p = pg->n[p].parent, levels++) {
        const anode *pa = &pg->n[p], *ca = &pg->n[c];
        unsigned extra_p, same;
        if (pa->tag == HTML_TAG_BODY || pa->tag == HTML_TAG_HTML)
            break;
        extra_p = pa->sub_pchars - ca->sub_pchars;
        if (extra_p == 0)
            continue;                   /* a wrapper: look further up */
        same = chunk_chars(pg, p, top, model);
        if (same * 5 < model->sub_pchars || (extra_p - same) * 4 > same)
            break;
        c = p;
    }
    return c == top ? top : c;
}

/* A candidate holding the first paragraph after the title heading is
 * where the article starts: its score counts this much more. */
#define TITLE_BONUS 1.5f
/* Siblings after the winner join only when they score this share of it
 * (before it, readability's 20% is enough: standfirsts, summaries). */
#define AFTER_RATIO 0.5f

/* Lower-case ASCII letters and digits of s, other bytes as they are,
 * whitespace and punctuation dropped. */
static void squeeze(const char *s, char *out, size_t outlen)
{
    size_t j = 0;

    for (; *s && j + 1 < outlen; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 'A' && c <= 'Z')
            out[j++] = (char)(c + 32);
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
            out[j++] = (char)c;
    }
    out[j] = '\0';
}

/* The heading that titles the article: the first h1 (else h2) whose text
 * and the page title contain one another; else the first h1. */
static int title_heading(const apage *pg, const char *title)
{
    char t[512], h[512];
    int i, first_h1 = -1, pass;

    squeeze(title ? title : "", t, sizeof t);
    for (pass = 0; pass < 2; pass++) {
        int want = pass == 0 ? HTML_TAG_H1 : HTML_TAG_H2;
        for (i = 0; i < pg->count; i++) {
            const anode *a = &pg->n[i];
            xmlChar *txt;
            int hit;
            if (a->tag != want || a->sub_chars < 8)
                continue;
            if (want == HTML_TAG_H1 && first_h1 < 0)
                first_h1 = i;
            if (t[0] == '\0')
                break;
            txt = xmlNodeGetContent(a->node);
            squeeze(txt ? (const char *)txt : "", h, sizeof h);
            xmlFree(txt);
            hit = h[0] && (strstr(t, h) != NULL || strstr(h, t) != NULL);
            if (hit)
                return i;
        }
    }
    return first_h1;
}

/* The first good paragraph after the title heading, or -1. */
static int first_para_after_title(const apage *pg, const char *title)
{
    int h = title_heading(pg, title), i;

    if (h < 0)
        return -1;
    for (i = pg->n[h].next; i < pg->count; i++) {
        const anode *a = &pg->n[i];
        if (a->block == i && !a->junk && a->own_chars >= 40 &&
            a->own_link * 3 < a->own_chars) {
            return i;
        }
    }
    return -1;
}

static int pick_top(apage *pg, int p0)
{
    int i, top = -1;
    float best = 0;

    for (i = 0; i < pg->count; i++) {
        anode *a = &pg->n[i];
        float f;
        if (!a->scored || a->junk)
            continue;
        f = final_score(a);
        if (p0 >= 0 && i <= p0 && p0 < a->next)
            f *= TITLE_BONUS;
        if (top < 0 || f > best) {
            best = f;
            top = i;
        }
    }
    if (top < 0)
        return -1;
    /* A parent that scores higher than the winner's own score wins. */
    {
        float last = final_score(&pg->n[top]), threshold = last / 3;
        int p = pg->n[top].parent;
        while (p >= 0 && pg->n[p].tag != HTML_TAG_BODY) {
            float ps;
            if (!pg->n[p].scored) {
                p = pg->n[p].parent;
                continue;
            }
            ps = final_score(&pg->n[p]);
            if (ps < threshold)
                break;
            if (ps > last) {
                top = p;
                break;
            }
            last = ps;
            p = pg->n[p].parent;
        }
    }
    top = climb_chunks(pg, top);
    /* An only child says nothing by itself: use its parent. */
    while (pg->n[top].parent >= 0 &&
           pg->n[pg->n[top].parent].tag != HTML_TAG_BODY &&
           pg->n[pg->n[top].parent].sub_chars == pg->n[top].sub_chars &&
           pg->n[pg->n[top].parent].sub_blocks == pg->n[top].sub_blocks + 1)
        top = pg->n[top].parent;
    return top;
}

/* ---------------------------------------------------------------------
 * Writing
 * ------------------------------------------------------------------- */

typedef struct wctx {
    apage *pg;
    char title[512];    /* squeezed page title, "" if none */
    size_t title_len;
} wctx;

/* Is this block the headline again (<p class="title">, a kicker h2)? */
static int repeats_title(const wctx *w, const anode *a)
{
    char b[512];
    xmlChar *t;
    size_t n;

    if (w->title_len < 15 || a->own_chars > 300 || a->sub_chars != a->own_chars)
        return 0;
    t = xmlNodeGetContent(a->node);
    squeeze(t ? (const char *)t : "", b, sizeof b);
    xmlFree(t);
    n = strlen(b);
    return n >= 15 && n * 2 >= w->title_len && strncmp(w->title, b, n) == 0;
}

/* A block whose whole text is a word of page furniture (ad labels,
 * gallery buttons) rather than of the article. */
static int ui_word(const xmlNode *el)
{
    static const char *const words[] = {
        "ad", "ads", "advert", "advertisement", "anzeige", "caption",
        "close", "comments", "continue reading", "loading", "publicidad",
        "publicidade", "pubblicità", "publicité", "read more", "share",
        "skip", "sponsored", "tweet", "werbung",
    };
    xmlChar *t = xmlNodeGetContent(el);
    char buf[32];
    size_t i, j = 0;
    int hit = 0;

    if (t == NULL)
        return 0;
    for (i = 0; t[i] && j + 1 < sizeof buf; i++) {
        unsigned char c = t[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == ':' || c == '.') {
            if (j && buf[j - 1] != ' ')
                buf[j++] = ' ';
            continue;
        }
        buf[j++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
    }
    while (j && buf[j - 1] == ' ')
        j--;
    buf[j] = '\0';
    xmlFree(t);
    for (i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(buf, words[i]) == 0)
            hit = 1;
    return hit;
}

/* A grid of teasers: at least three children, most of them a linked
 * image with a little text (a headline, a line of summary). */
static int teaser_grid(const apage *pg, int i)
{
    const anode *a = &pg->n[i];
    int c, items = 0, total = 0;

    for (c = i + 1; c < a->next; c = pg->n[c].next) {
        const anode *k = &pg->n[c];
        total++;
        if (k->sub_imgs > 0 && k->sub_link > 0 && k->sub_chars - k->sub_link < 250)
            items++;
    }
    return items >= 3 && items * 3 >= total * 2;
}

/* Leave out sub-blocks of the body that are not article text. */
static int filter(const xmlNode *el, unsigned flags, void *ud)
{
    wctx *w = ud;
    int i = article_dom_index(w->pg, el);
    const anode *a;
    float ld;

    if (i < 0)
        return 1;
    a = &w->pg->n[i];
    if (a->junk)
        return 1;
    if (a->tag == HTML_TAG_H1)
        return 1;
    if (a->sub_chars == 0)
        return 0;
    ld = link_density(a);
    /* a paragraph that is (nearly) all link: "READ MORE: other story" */
    if (a->block == i && a->own_chars > 0 && a->own_link * 4 >= a->own_chars * 3 &&
        a->sub_chars == a->own_chars && !(flags & HTML_EL_LIST))
        return 1;
    if (a->block == i && a->sub_chars <= 24 && a->sub_chars == a->own_chars &&
        ui_word(el))
        return 1;
    if (a->block == i && repeats_title(w, a))
        return 1;
    switch (a->tag) {
    case HTML_TAG_DIV:
    case HTML_TAG_SECTION:
    case HTML_TAG_UL:
    case HTML_TAG_OL:
    case HTML_TAG_TABLE:
    case HTML_TAG_FORM:
    case HTML_TAG_FIGURE:
    case HTML_TAG_DL:
    case HTML_TAG_HEADER:
    case HTML_TAG_FOOTER: {
        int weight = (a->hint & (HINT_GOOD | HINT_BODY)) ? 25 : 0;
        unsigned p = a->sub_paras, img = a->sub_imgs;
        int is_list = a->tag == HTML_TAG_UL || a->tag == HTML_TAG_OL;
        if (img >= 3 && teaser_grid(w->pg, i))
            return 1;
        if (a->sub_punct >= 10 && ld < 0.5f)
            return 0;
        if (img > 1 && p == 0 && a->tag != HTML_TAG_FIGURE)
            return 1;

        if (!is_list && a->sub_lis > p + 1)
            return 1;
        if (a->sub_inputs > p / 3 + 1)
            return 1;
        if (weight < 25 && ld > 0.2f)
            return 1;
        if (weight >= 25 && ld > 0.5f)
            return 1;
        return 0;
    }
    default:
        break;
    }
    return 0;
}

/* Write a JSON-LD articleBody (plain text or HTML) as the body, when it
 * is long enough to be one. */
static int ld_fallback(const char *ld_body, sbuf *out)
{
    char *text = NULL, *title = NULL, err[128];
    size_t len = 0;

    if (ld_body == NULL || strlen(ld_body) < 200)
        return 0;
    if (html_to_text(ld_body, strlen(ld_body), "utf-8", &text, &len, &title,
                     err, sizeof err) != 0)
        return -1;
    sbuf_add(out, text, len);
    free(text);
    free(title);
    return sbuf_failed(out) ? -1 : 0;
}

int article_body(apage *pg, const char *title, const char *ld_body, sbuf *out)
{
    html_textout t;
    wctx w;
    int top, parent, i;
    float threshold;

    if (pg->count == 0)
        return ld_fallback(ld_body, out);
    score_paragraphs(pg);
    top = pick_top(pg, first_para_after_title(pg, title));
    if (top < 0)
        return ld_fallback(ld_body, out);
    w.pg = pg;
    squeeze(title ? title : "", w.title, sizeof w.title);
    w.title_len = strlen(w.title);
    html_textout_init(&t, out);
    parent = pg->n[top].parent;
    threshold = final_score(&pg->n[top]) * 0.2f;
    if (threshold < 10)
        threshold = 10;
    if (parent < 0) {
        html_textout_node(&t, pg->n[top].node, filter, &w);
    } else {
        /* the winner's siblings that score well, or look like paragraphs */
        for (i = parent + 1; i < pg->n[parent].next; i = pg->n[i].next) {
            anode *s = &pg->n[i];
            int take = i == top;
            if (!take && !s->junk) {
                /* after the article, only what scores like it */
                float need = i > top ? final_score(&pg->n[top]) * AFTER_RATIO : threshold;
                if (s->scored && final_score(s) >= need)
                    take = 1;
                else if (s->tag == HTML_TAG_P && s->own_chars > 80 &&
                         link_density(s) < 0.25f)
                    take = 1;
            }
            if (take) {
                html_textout_break(&t, 2);
                html_textout_node(&t, s->node, filter, &w);
            }
        }
    }
    html_textout_finish(&t);
    if (sbuf_failed(out))
        return -1;
    if (ld_body && out->len * 3 < strlen(ld_body)) {
        sbuf_truncate(out, 0);
        return ld_fallback(ld_body, out);
    }
    return 0;
}
