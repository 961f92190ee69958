/* edgar_body.c - JSON bodies, and what a body was when it was not JSON. */
#include "edgar_body.h"

#include "html_text.h"

#include <ctype.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *find_ci(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; n && i + n <= len; i++)
        if (strncasecmp(hay + i, needle, n) == 0)
            return hay + i;
    return NULL;
}

int edgar_is_rate_limit_page(const char *body, size_t len)
{
    if (!body)
        return 0;
    size_t n = len < 65536 ? len : 65536;
    return find_ci(body, n, "Request Rate Threshold Exceeded") != NULL ||
           find_ci(body, n, "exceeded the SEC") != NULL;
}

static size_t skip_space(const char *p, size_t len, size_t i)
{
    if (len >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
        (unsigned char)p[2] == 0xBF && i == 0)
        i = 3;
    while (i < len && isspace((unsigned char)p[i]))
        i++;
    return i;
}

/* Copies at most max bytes of s into out, on a UTF-8 boundary, with
 * newlines as spaces. */
static void clip(const char *s, size_t max, char *out, size_t outlen)
{
    size_t n = strlen(s);
    if (n > max) {
        n = max;
        while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    if (n >= outlen)
        n = outlen - 1;
    for (size_t i = 0; i < n; i++)
        out[i] = s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' ' : s[i];
    out[n] = '\0';
}

/* The text of the first element called name under node, or NULL. */
static xmlChar *xml_child_text(xmlNodePtr node, const char *name)
{
    for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
            return xmlNodeGetContent(c);
    return NULL;
}

static void describe_xml(const char *body, size_t len, char *out, size_t outlen)
{
    xmlDocPtr doc = xmlReadMemory(body, (int)(len > 1 << 20 ? 1 << 20 : len), NULL, NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                      XML_PARSE_RECOVER);
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (root && strcmp((const char *)root->name, "Error") == 0) {
        xmlChar *code = xml_child_text(root, "Code");
        xmlChar *msg = xml_child_text(root, "Message");
        char c[128], m[200];
        clip(code ? (const char *)code : "?", 100, c, sizeof c);
        clip(msg ? (const char *)msg : "", 180, m, sizeof m);
        snprintf(out, outlen, "an XML error document (%s%s%s)", c, *m ? ": " : "", m);
        xmlFree(code);
        xmlFree(msg);
    } else if (root) {
        char r[128];
        clip((const char *)root->name, 100, r, sizeof r);
        snprintf(out, outlen, "an XML document (<%s>)", r);
    } else {
        snprintf(out, outlen, "an XML document that does not parse");
    }
    xmlFreeDoc(doc);
}

static void describe_html(const char *body, size_t len, char *out, size_t outlen)
{
    char *text = NULL, *title = NULL, err[128];
    size_t tlen = 0;
    if (html_to_text(body, len, NULL, &text, &tlen, &title, err, sizeof err) != 0) {
        snprintf(out, outlen, "an HTML page");
        return;
    }
    const char *what = title && *title ? title : text;
    char shown[240];
    clip(what ? what : "", 200, shown, sizeof shown);
    if (*shown)
        snprintf(out, outlen, "an HTML page (\"%s\")", shown);
    else
        snprintf(out, outlen, "an HTML page");
    free(text);
    free(title);
}

void edgar_describe_body(const char *body, size_t len, const char *content_type, char *out,
                         size_t outlen)
{
    size_t i = skip_space(body ? body : "", body ? len : 0, 0);
    if (!body || i >= len) {
        snprintf(out, outlen, "an empty body");
        return;
    }
    const char *p = body + i;
    size_t rest = len - i;
    int html = (content_type && strstr(content_type, "html")) ||
               find_ci(p, rest < 512 ? rest : 512, "<html") ||
               find_ci(p, rest < 64 ? rest : 64, "<!doctype html");
    if (html) {
        describe_html(body, len, out, outlen);
    } else if (*p == '<') {
        describe_xml(p, rest, out, outlen);
    } else if (memchr(p, '\0', rest < 4096 ? rest : 4096)) {
        snprintf(out, outlen, "binary data (%zu bytes)", len);
    } else {
        char first[160];
        size_t n = strcspn(p, "\r\n");
        char line[200];
        if (n > sizeof line - 1)
            n = sizeof line - 1;
        memcpy(line, p, n);
        line[n] = '\0';
        clip(line, 120, first, sizeof first);
        snprintf(out, outlen, "text starting \"%s\"", first);
    }
}

json_t *edgar_json_object(const char *body, size_t len, const char *content_type, char *err,
                          size_t errlen)
{
    size_t i = skip_space(body ? body : "", body ? len : 0, 0);
    if (!body || i >= len || (body[i] != '{' && body[i] != '[')) {
        char what[400];
        edgar_describe_body(body, len, content_type, what, sizeof what);
        snprintf(err, errlen, "expected JSON, got %s", what);
        return NULL;
    }
    json_error_t je;
    json_t *v = json_loadb(body + i, len - i, 0, &je);
    if (!v) {
        if (je.position >= (int)(len - i) - 1 || strstr(je.text, "premature end"))
            snprintf(err, errlen,
                     "the JSON is cut short at byte %zu of %zu (%s): a truncated answer", len, len,
                     je.text);
        else
            snprintf(err, errlen, "the JSON does not parse at line %d, column %d: %s", je.line,
                     je.column, je.text);
        return NULL;
    }
    if (!json_is_object(v)) {
        snprintf(err, errlen, "expected a JSON object, got a JSON %s",
                 json_is_array(v) ? "array" : "value");
        json_decref(v);
        return NULL;
    }
    return v;
}
