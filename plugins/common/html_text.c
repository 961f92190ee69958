/* html_text.c - the visible text of an HTML document (see html_text.h). */
#include "html_text.h"
#include "html_doc.h"
#include "html_walk.h"
#include "sbuf.h"

#include <stdio.h>
#include <stdlib.h>

int html_to_text(const char *html, size_t len, const char *charset,
                 char **text, size_t *text_len, char **title,
                 char *errbuf, size_t errlen)
{
    htmlDocPtr doc;
    html_textout t;
    sbuf out = SBUF_INIT;

    *text = NULL;
    *title = NULL;
    *text_len = 0;
    doc = html_parse(html, len, charset, NULL, errbuf, errlen);
    if (doc == NULL)
        return -1;
    *title = html_find_title(doc);
    html_textout_init(&t, &out);
    html_textout_node(&t, xmlDocGetRootElement(doc), NULL, NULL);
    html_textout_finish(&t);
    xmlFreeDoc(doc);
    *text = sbuf_detach(&out, text_len);
    if (*text == NULL) {
        free(*title);
        *title = NULL;
        snprintf(errbuf, errlen, "out of memory writing the text of %zu bytes of HTML", len);
        return -1;
    }
    return 0;
}
