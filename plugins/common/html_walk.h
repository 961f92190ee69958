/* html_walk.h - what HTML elements mean for text, and turning a libxml2
 * subtree into readable plain text.
 *
 * Shared by html_text (a whole page) and the news plugin's article
 * extractor (chosen parts of a page), so both write text the same way:
 *   - script, style, noscript, template, svg, head and friends say nothing;
 *   - block elements end a line; paragraph-like ones (p, h1-h6, ul, table,
 *     blockquote, pre, ...) leave a blank line; <br> is a line break;
 *     never more than one blank line in a row;
 *   - whitespace in running text collapses to one space (U+00A0 counts as
 *     whitespace); lines never start or end with spaces;
 *   - <pre> text is kept as it is, except that trailing spaces on its
 *     lines are dropped and CR LF becomes LF.
 * Walks are iterative: any depth is fine.
 */
#ifndef ASSAY_COMMON_HTML_WALK_H
#define ASSAY_COMMON_HTML_WALK_H

#include <stddef.h>
#include <libxml/tree.h>
#include "sbuf.h"

/* Element kinds, as bit flags. */
#define HTML_EL_SKIP    0x01    /* never visible (script, style, head...) */
#define HTML_EL_LINE    0x02    /* block: ends a line (div, li, tr...) */
#define HTML_EL_PARA    0x04    /* block: leaves a blank line (p, h2...) */
#define HTML_EL_BR      0x08    /* <br> */
#define HTML_EL_PRE     0x10    /* whitespace kept (pre, textarea...) */
#define HTML_EL_CELL    0x20    /* table cell: separated by a space */
#define HTML_EL_HEADING 0x40    /* h1-h6 */
#define HTML_EL_LIST    0x80    /* ul, ol, dl, menu */
#define HTML_EL_KNOWN   0x100   /* an HTML element we know about */
#define HTML_EL_INLINE  0x200   /* phrasing content (a, span, em...) */

/* Ids for the tags code needs to tell apart. */
typedef enum html_tag {
    HTML_TAG_OTHER = 0,
    HTML_TAG_A,
    HTML_TAG_ADDRESS,
    HTML_TAG_ARTICLE,
    HTML_TAG_ASIDE,
    HTML_TAG_AUDIO,
    HTML_TAG_B,
    HTML_TAG_BLOCKQUOTE,
    HTML_TAG_BODY,
    HTML_TAG_BR,
    HTML_TAG_BUTTON,
    HTML_TAG_CAPTION,
    HTML_TAG_CENTER,
    HTML_TAG_CITE,
    HTML_TAG_CODE,
    HTML_TAG_DD,
    HTML_TAG_DETAILS,
    HTML_TAG_DIALOG,
    HTML_TAG_DIV,
    HTML_TAG_DL,
    HTML_TAG_DT,
    HTML_TAG_EM,
    HTML_TAG_FIGCAPTION,
    HTML_TAG_FIGURE,
    HTML_TAG_FONT,
    HTML_TAG_FOOTER,
    HTML_TAG_FORM,
    HTML_TAG_H1,
    HTML_TAG_H2,
    HTML_TAG_H3,
    HTML_TAG_H4,
    HTML_TAG_H5,
    HTML_TAG_H6,
    HTML_TAG_HEAD,
    HTML_TAG_HEADER,
    HTML_TAG_HR,
    HTML_TAG_HTML,
    HTML_TAG_I,
    HTML_TAG_IFRAME,
    HTML_TAG_IMG,
    HTML_TAG_INPUT,
    HTML_TAG_LABEL,
    HTML_TAG_LI,
    HTML_TAG_LINK,
    HTML_TAG_MAIN,
    HTML_TAG_MENU,
    HTML_TAG_META,
    HTML_TAG_NAV,
    HTML_TAG_NOSCRIPT,
    HTML_TAG_OL,
    HTML_TAG_P,
    HTML_TAG_PICTURE,
    HTML_TAG_PRE,
    HTML_TAG_Q,
    HTML_TAG_SCRIPT,
    HTML_TAG_SECTION,
    HTML_TAG_SELECT,
    HTML_TAG_SMALL,
    HTML_TAG_SPAN,
    HTML_TAG_STRONG,
    HTML_TAG_STYLE,
    HTML_TAG_SUB,
    HTML_TAG_SUMMARY,
    HTML_TAG_SUP,
    HTML_TAG_SVG,
    HTML_TAG_TABLE,
    HTML_TAG_TD,
    HTML_TAG_TEMPLATE,
    HTML_TAG_TEXTAREA,
    HTML_TAG_TH,
    HTML_TAG_TIME,
    HTML_TAG_TITLE,
    HTML_TAG_TR,
    HTML_TAG_UL,
    HTML_TAG_VIDEO,
    HTML_TAG_COUNT
} html_tag;

/* Tag id of an element name (lower case), HTML_TAG_OTHER if not listed. */
int html_el_id(const char *name);

/* Flags for an element name (lower case, as libxml2 gives them). Unknown
 * names give 0 (treated as inline). */
unsigned html_el_flags(const char *name);

/* Flags of an element node, including the "hidden" attribute and inline
 * display:none / visibility:hidden (which make it HTML_EL_SKIP). */
unsigned html_node_flags(const xmlNode *el);

/* Value of attribute name (lower case) on el without copying: "" for an
 * attribute with no value, NULL when absent. Valid as long as the tree.
 * Trees from html_parse() keep only the attributes listed in html_doc.h
 * (no href, src, data-*...). */
const char *html_attr(const xmlNode *el, const char *name);

/* Text writer state. Breaks and spaces are kept pending and written only
 * before the next text, so the output never ends with whitespace. */
typedef struct html_textout {
    sbuf *out;
    int want;       /* newlines wanted before the next text (0..2) */
    int space;      /* a space is wanted before the next text */
    int pre;        /* > 0 inside whitespace-keeping elements */
} html_textout;

/* Start writing to out (which may already hold text). */
void html_textout_init(html_textout *t, sbuf *out);
/* Running text (UTF-8): collapsed, or kept as is inside <pre>. */
void html_textout_text(html_textout *t, const char *s, size_t n);
/* Ask for a line break (n=1) or a blank line (n=2) before the next text. */
void html_textout_break(html_textout *t, int n);
/* A <br>: one more line break, at most a blank line. */
void html_textout_br(html_textout *t);

/* A filter decides, per element, whether the walk skips its subtree.
 * Return nonzero to skip. ud is the caller's. */
typedef int (*html_filter_fn)(const xmlNode *el, unsigned flags, void *ud);

/* Write the text of the subtree at root (root included) to t, skipping
 * HTML_EL_SKIP elements and those the filter (may be NULL) rejects. */
void html_textout_node(html_textout *t, const xmlNode *root,
                       html_filter_fn filter, void *ud);

/* Trim trailing whitespace the output may end with (the last line of a
 * <pre>). Call once when done writing. */
void html_textout_finish(html_textout *t);

/* The text of the document's first <title> (outside <svg>), whitespace
 * collapsed, malloc'd; NULL if there is none or it is empty. */
char *html_find_title(const xmlDoc *doc);

#endif
