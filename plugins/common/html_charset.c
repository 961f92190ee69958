/* html_charset.c - charset sniffing and conversion to UTF-8 (see
 * html_charset.h). Conversion goes through the C library's iconv. */
#include "html_charset.h"
#include "sbuf.h"
#include "utf8.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>

#define SNIFF_BYTES 8192

static int lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Case-insensitive: does p[0..n) start with the lower-case word w? */
static int starts_with(const char *p, size_t n, const char *w)
{
    size_t i;

    for (i = 0; w[i]; i++)
        if (i >= n || lower((unsigned char)p[i]) != w[i])
            return 0;
    return 1;
}

/* Copy a label, trimmed of spaces and quotes and lower-cased. */
static void copy_label(const char *p, size_t n, char *out, size_t outlen)
{
    size_t i = 0, j = 0;

    while (i < n && (is_space((unsigned char)p[i]) || p[i] == '"' || p[i] == '\''))
        i++;
    while (n > i && (is_space((unsigned char)p[n - 1]) || p[n - 1] == '"' ||
                     p[n - 1] == '\'' || p[n - 1] == ';'))
        n--;
    for (; i < n && j + 1 < outlen; i++)
        out[j++] = (char)lower((unsigned char)p[i]);
    if (outlen)
        out[j] = '\0';
}

/* Find "charset=" in a content attribute value and copy what follows. */
static int charset_from_content(const char *v, size_t n, char *out, size_t outlen)
{
    size_t i, j;

    for (i = 0; i + 7 <= n; i++) {
        if (!starts_with(v + i, n - i, "charset"))
            continue;
        j = i + 7;
        while (j < n && is_space((unsigned char)v[j]))
            j++;
        if (j >= n || v[j] != '=')
            continue;
        j++;
        while (j < n && is_space((unsigned char)v[j]))
            j++;
        i = j;
        while (j < n && v[j] != ';' && !is_space((unsigned char)v[j]) &&
               (j == i || (v[j] != '"' && v[j] != '\'')))
            j++;
        copy_label(v + i, j - i, out, outlen);
        return out[0] != '\0';
    }
    return 0;
}

/* Parse one attribute at p[*i]; set name/value spans. Returns 0 at '>'
 * or the end of the buffer. */
static int next_attr(const char *p, size_t n, size_t *i, const char **name,
                     size_t *nlen, const char **val, size_t *vlen)
{
    size_t k = *i;
    char q;

    while (k < n && (is_space((unsigned char)p[k]) || p[k] == '/'))
        k++;
    if (k >= n || p[k] == '>') {
        *i = k;
        return 0;
    }
    *name = p + k;
    while (k < n && p[k] != '=' && p[k] != '>' && p[k] != '/' &&
           !is_space((unsigned char)p[k]))
        k++;
    *nlen = (size_t)(p + k - *name);
    *val = p + k;
    *vlen = 0;
    while (k < n && is_space((unsigned char)p[k]))
        k++;
    if (k < n && p[k] == '=') {
        k++;
        while (k < n && is_space((unsigned char)p[k]))
            k++;
        if (k < n && (p[k] == '"' || p[k] == '\'')) {
            q = p[k++];
            *val = p + k;
            while (k < n && p[k] != q)
                k++;
            *vlen = (size_t)(p + k - *val);
            if (k < n)
                k++;
        } else {
            *val = p + k;
            while (k < n && p[k] != '>' && !is_space((unsigned char)p[k]))
                k++;
            *vlen = (size_t)(p + k - *val);
        }
    }
    if (*nlen == 0)                     /* a lone '=' or similar: skip it */
        k++;
    *i = k;
    return 1;
}

/* Scan the start of the document for a meta charset declaration. */
static int sniff_meta(const char *p, size_t n, char *out, size_t outlen)
{
    size_t i = 0;

    if (n > SNIFF_BYTES)
        n = SNIFF_BYTES;
    while (i < n) {
        const char *hit = memchr(p + i, '<', n - i);
        const char *name, *val;
        size_t nlen, vlen;
        int pragma = 0, got = 0;
        char cs[64] = "";

        if (hit == NULL)
            return 0;
        i = (size_t)(hit - p);
        if (starts_with(p + i, n - i, "<!--")) {
            const char *end = NULL;
            size_t k;
            for (k = i + 4; k + 2 < n; k++)
                if (p[k] == '-' && p[k + 1] == '-' && p[k + 2] == '>') {
                    end = p + k;
                    break;
                }
            if (end == NULL)
                return 0;
            i = (size_t)(end - p) + 3;
            continue;
        }
        if (!starts_with(p + i, n - i, "<meta") || i + 5 >= n ||
            !(is_space((unsigned char)p[i + 5]) || p[i + 5] == '/')) {
            i++;
            continue;
        }
        i += 5;
        while (next_attr(p, n, &i, &name, &nlen, &val, &vlen)) {
            if (nlen == 7 && starts_with(name, nlen, "charset")) {
                copy_label(val, vlen, cs, sizeof cs);
                got = cs[0] != '\0';
            } else if (nlen == 10 && starts_with(name, nlen, "http-equiv")) {
                pragma = vlen >= 12 && starts_with(val, vlen, "content-type");
            } else if (nlen == 7 && starts_with(name, nlen, "content") && !got) {
                char tmp[64];
                if (charset_from_content(val, vlen, tmp, sizeof tmp))
                    memcpy(cs, tmp, sizeof cs);
            }
        }
        if (cs[0] && (got || pragma)) {
            copy_label(cs, strlen(cs), out, outlen);
            return 1;
        }
    }
    return 0;
}

/* <?xml version="1.0" encoding="..."?> at the very start. */
static int sniff_xmldecl(const char *p, size_t n, char *out, size_t outlen)
{
    size_t i, end;

    if (!starts_with(p, n, "<?xml"))
        return 0;
    for (end = 5; end + 1 < n && end < 256; end++)
        if (p[end] == '?' && p[end + 1] == '>')
            break;
    for (i = 5; i + 8 < end; i++) {
        if (starts_with(p + i, end - i, "encoding")) {
            const char *name, *val;
            size_t nlen, vlen, k = i;
            if (next_attr(p, end, &k, &name, &nlen, &val, &vlen) && vlen) {
                copy_label(val, vlen, out, outlen);
                return out[0] != '\0';
            }
        }
    }
    return 0;
}

int html_sniff_charset(const char *p, size_t len, char *out, size_t outlen,
                       size_t *bom_len)
{
    const unsigned char *s = (const unsigned char *)p;

    *bom_len = 0;
    if (outlen)
        out[0] = '\0';
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        *bom_len = 3;
        snprintf(out, outlen, "utf-8");
        return 1;
    }
    if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
        *bom_len = 2;
        snprintf(out, outlen, "utf-16le");
        return 1;
    }
    if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
        *bom_len = 2;
        snprintf(out, outlen, "utf-16be");
        return 1;
    }
    if (sniff_meta(p, len, out, outlen))
        return 1;
    return sniff_xmldecl(p, len, out, outlen);
}

/* Map a label to the name iconv knows, the way browsers read labels.
 * Returns NULL for UTF-8 (no conversion needed). */
static const char *iconv_name(const char *label, int from_meta)
{
    static const struct { const char *label, *name; } map[] = {
        {"utf-8", NULL}, {"utf8", NULL}, {"unicode-1-1-utf-8", NULL},
        {"iso-8859-1", "WINDOWS-1252"}, {"iso8859-1", "WINDOWS-1252"},
        {"latin1", "WINDOWS-1252"}, {"l1", "WINDOWS-1252"},
        {"us-ascii", "WINDOWS-1252"}, {"ascii", "WINDOWS-1252"},
        {"iso_8859-1", "WINDOWS-1252"}, {"cp1252", "WINDOWS-1252"},
        {"x-cp1252", "WINDOWS-1252"}, {"cp819", "WINDOWS-1252"},
        {"iso-8859-9", "WINDOWS-1254"}, {"latin5", "WINDOWS-1254"},
        {"iso-8859-11", "WINDOWS-874"}, {"tis-620", "WINDOWS-874"},
        {"gb2312", "GB18030"}, {"gbk", "GB18030"}, {"x-gbk", "GB18030"},
        {"gb_2312-80", "GB18030"}, {"chinese", "GB18030"},
        {"shift_jis", "CP932"}, {"sjis", "CP932"}, {"x-sjis", "CP932"},
        {"ms_kanji", "CP932"}, {"windows-31j", "CP932"},
        {"euc-kr", "CP949"}, {"ks_c_5601-1987", "CP949"},
        {"big5", "BIG5-HKSCS"}, {"x-mac-roman", "MACINTOSH"},
    };
    size_t i;

    for (i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(label, map[i].label) == 0)
            return map[i].name;
    /* A meta tag cannot really declare UTF-16: the bytes it was read from
     * were ASCII-compatible (HTML spec, "prescan"). */
    if (from_meta && strncmp(label, "utf-16", 6) == 0)
        return NULL;
    return label;
}

/* Convert with iconv; each byte it cannot read becomes U+FFFD. Returns 0,
 * or -1 if cd could not be opened (unknown charset). */
static int convert(const char *name, const char *p, size_t len, sbuf *raw)
{
    iconv_t cd = iconv_open("UTF-8", name);
    char *in = (char *)p;
    size_t inleft = len;

    if (cd == (iconv_t)-1)
        return -1;
    while (inleft > 0) {
        char *out;
        size_t outleft, room = inleft * 4 + 16, rc;

        if (sbuf_reserve(raw, room) != 0)
            break;
        out = raw->s + raw->len;
        outleft = room;
        rc = iconv(cd, &in, &inleft, &out, &outleft);
        raw->len = (size_t)(out - raw->s);
        raw->s[raw->len] = '\0';
        if (rc != (size_t)-1)
            break;
        if (errno == E2BIG)
            continue;
        sbuf_add(raw, "\xEF\xBF\xBD", 3);       /* EILSEQ or EINVAL */
        if (errno == EINVAL) {
            inleft = 0;
            break;
        }
        in++;
        inleft--;
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    iconv_close(cd);
    return 0;
}

char *html_to_utf8(const char *p, size_t len, const char *charset,
                   size_t *outlen, char *used, size_t usedlen,
                   char *errbuf, size_t errlen)
{
    sbuf out = SBUF_INIT, raw = SBUF_INIT;
    char label[64] = "";
    const char *name = NULL;
    size_t bom = 0;
    int from_meta = 0, have = 0;
    char *res;

    int sniffed = html_sniff_charset(p, len, label, sizeof label, &bom);

    if (sniffed && bom) {
        have = 1;                       /* a BOM beats everything */
    } else if (charset && *charset) {
        copy_label(charset, strlen(charset), label, sizeof label);
        have = label[0] != '\0';       /* the HTTP header beats meta */
    }
    if (!have && sniffed) {
        have = 1;
        from_meta = 1;
    }
    p += bom;
    len -= bom;

    if (have) {
        name = iconv_name(label, from_meta);
        if (name && convert(name, p, len, &raw) != 0) {
            name = NULL;                /* unknown label: guess below */
            have = 0;
        }
    }
    if (!have) {
        size_t bad, multi;
        utf8_stats(p, len, &bad, &multi);
        name = (bad == 0 || multi >= bad) ? NULL : "WINDOWS-1252";
        snprintf(label, sizeof label, "%s", name ? "windows-1252" : "utf-8");
        if (name && convert(name, p, len, &raw) != 0)
            name = NULL;
    }
    if (name)
        utf8_sanitize_append(&out, raw.s ? raw.s : "", raw.len);
    else
        utf8_sanitize_append(&out, p, len);
    sbuf_free(&raw);
    if (used && usedlen)
        snprintf(used, usedlen, "%s", name ? name : "UTF-8");
    res = sbuf_detach(&out, outlen);
    if (res == NULL)
        snprintf(errbuf, errlen, "out of memory converting %zu bytes to UTF-8", len);
    return res;
}
