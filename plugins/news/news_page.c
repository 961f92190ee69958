/* news_page.c - one fetched article page to one document (news_int.h).
 *
 * The answer is checked before anything is extracted: a transfer that
 * failed, an empty body, or a body that is not a web page (an image, a
 * PDF...) dead-letters the item with the reason. A page with no content
 * type is looked at: markup is read as HTML, other text as plain text.
 * HTML goes through article_extract() with the HTTP header's charset
 * (the page's own <meta> otherwise); plain text is converted to UTF-8.
 * Title, author and date come from the page, else from the feed.
 */
#include "news_int.h"

#include "article.h"
#include "html_charset.h"
#include "news_url.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef enum body_kind { BODY_HTML, BODY_TEXT, BODY_OTHER } body_kind;

/* What the body is, by its content type, or by a look when it has none. */
static body_kind kind_of(const assay_http_response *res)
{
    const char *ct = res->content_type;
    if (ct && *ct) {
        if (strcmp(ct, "text/html") == 0 || strcmp(ct, "application/xhtml+xml") == 0)
            return BODY_HTML;
        if (strcmp(ct, "text/plain") == 0)
            return BODY_TEXT;
        return BODY_OTHER;
    }
    const char *p = res->body, *end = res->body + res->body_len;
    if (res->body_len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        p++;
    if (p < end && *p == '<')
        return BODY_HTML;
    return memchr(res->body, '\0', res->body_len) ? BODY_OTHER : BODY_TEXT;
}

/* Unicode characters in UTF-8 text s[0..n). */
static size_t chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

assay_rc news_item_failed(news *nw, const news_item *it, long status, const char *reason)
{
    json_t *o = json_object();
    json_object_set_new(o, "url", json_string(it->url));
    if (it->feed)
        json_object_set_new(o, "feed", json_string(it->feed));
    if (status)
        json_object_set_new(o, "status", json_integer(status));
    char *what = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    nw->h->count(nw->ctx, "failed", 1);
    assay_rc rc = nw->h->dead_letter(nw->ctx, NULL, what, reason);
    free(what);
    return rc;
}

/* A failure: permanent for 3xx and 4xx answers other than 408 and 429
 * (the server will not change its mind), for a body over the size cap
 * and for a 2xx answer that is no article; transient for the rest
 * (network errors, timeouts, 429, 5xx), which a later run may retry. */
static page_outcome failed(news *nw, news_item *it, const assay_http_response *res,
                           const char *reason)
{
    long st = res->status;
    int permanent = (st >= 300 && st < 500 && st != 408 && st != 429) ||
                    res->rc == ASSAY_OK ||
                    (res->error && strstr(res->error, ": body over ") != NULL);
    int last = permanent || it->attempts >= nw->retry_failed;
    char msg[2048];
    snprintf(msg, sizeof msg, "%s%s", reason,
             last ? "" : " (a later run tries again)");
    if (news_item_failed(nw, it, st, msg) != ASSAY_OK)
        return PAGE_STOPPED;
    return last ? PAGE_FAILED : PAGE_RETRY;
}

/* Sets a string field unless s is NULL. */
static assay_rc set_str(news *nw, assay_record *r, int field, const char *s)
{
    return s ? nw->h->set_string(r, field, s, strlen(s)) : ASSAY_OK;
}

page_outcome news_page(news *nw, news_item *it, const assay_http_response *res)
{
    const assay_host *h = nw->h;
    char reason[2048], err[256], id[33], hash[65], outlet[256];
    article a = {0};
    assay_record *r = NULL;
    char *final = NULL, *text_owned = NULL;
    const char *text;
    size_t text_len;
    page_outcome out = PAGE_FAILED;
    int64_t published = NEWS_NO_TIME;

    if (res->rc == ASSAY_ERR_STOPPED)
        return PAGE_STOPPED;
    if (res->rc != ASSAY_OK)
        return failed(nw, it, res, res->error ? res->error : "the transfer failed");
    if (res->body_len == 0) {
        snprintf(reason, sizeof reason, "GET %s: HTTP %ld with an empty body", it->url,
                 res->status);
        return failed(nw, it, res, reason);
    }
    body_kind kind = kind_of(res);
    if (kind == BODY_OTHER) {
        snprintf(reason, sizeof reason, "GET %s: not a web page (content type %s)", it->url,
                 res->content_type && *res->content_type ? res->content_type
                                                         : "none, and the body is binary");
        return failed(nw, it, res, reason);
    }

    /* the page's own address, for the outlet and to spot the same page
     * reached through another link */
    const char *why;
    final = res->final_url ? url_canonical(res->final_url, (const char *const *)nw->strip, &why)
                           : NULL;
    uint64_t final_key = 0;
    if (final && strcmp(final, it->url) != 0) {
        final_key = news_url_key(h, final, NULL);
        if (news_seen_has(nw, final_key)) {
            h->count(nw->ctx, "same_page", 1);
            h->log(nw->ctx, ASSAY_LOG_DEBUG, "%s leads to %s, already emitted", it->url, final);
            out = PAGE_SKIPPED;
            goto done;
        }
    }

    if (kind == BODY_HTML) {
        if (article_extract(res->body, res->body_len, final ? final : it->url, res->charset, &a,
                            err, sizeof err) != 0) {
            snprintf(reason, sizeof reason, "%s: %s", it->url, err);
            out = failed(nw, it, res, reason);
            goto done;
        }
        text = a.text;
        text_len = a.text_len;
    } else {
        char used[32];
        text_owned = html_to_utf8(res->body, res->body_len, res->charset, &text_len, used,
                                  sizeof used, err, sizeof err);
        if (!text_owned) {
            snprintf(reason, sizeof reason, "%s: %s", it->url, err);
            out = failed(nw, it, res, reason);
            goto done;
        }
        /* trim the ends */
        char *s = text_owned;
        while (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t')
            s++, text_len--;
        while (text_len && (s[text_len - 1] == ' ' || s[text_len - 1] == '\n' ||
                            s[text_len - 1] == '\r' || s[text_len - 1] == '\t'))
            text_len--;
        memmove(text_owned, s, text_len);
        text_owned[text_len] = '\0';
        text = text_owned;
    }
    if (text_len == 0 || chars(text, text_len) < (size_t)nw->min_text) {
        snprintf(reason, sizeof reason,
                 "%s: no article text on the page (%zu characters; min_text_chars is %lld)",
                 it->url, chars(text, text_len), (long long)nw->min_text);
        out = failed(nw, it, res, reason);
        goto done;
    }

    if (a.published_at)
        h->parse_time(a.published_at, strlen(a.published_at), &published);
    if (published == NEWS_NO_TIME)
        published = it->published;
    if (nw->since && published != NEWS_NO_TIME && published < nw->since) {
        h->count(nw->ctx, "too_old", 1);
        out = PAGE_SKIPPED;
        goto done;
    }

    news_url_key(h, it->url, id);
    h->sha256_hex(text, text_len, hash);
    if (url_outlet(final ? final : it->url, outlet, sizeof outlet) != 0)
        snprintf(outlet, sizeof outlet, "%s", h->instance_id(nw->ctx));
    r = h->record_new(nw->ctx, nw->docs);
    if (!r) {
        h->fail(nw->ctx, ASSAY_ERR_NOMEM, "out of memory");
        out = PAGE_STOPPED;
        goto done;
    }
    const int *f = nw->f;
    assay_rc rc = set_str(nw, r, f[NF_ID], id);
    if (!rc)
        rc = set_str(nw, r, f[NF_URL], final ? final : it->url);
    if (!rc)
        rc = set_str(nw, r, f[NF_SOURCE], nw->source ? nw->source : outlet);
    if (!rc)
        rc = set_str(nw, r, f[NF_KIND], "article");
    if (!rc)
        rc = set_str(nw, r, f[NF_TITLE], a.title ? a.title : it->title);
    if (!rc)
        rc = set_str(nw, r, f[NF_AUTHOR], a.author ? a.author : it->author);
    if (!rc && published != NEWS_NO_TIME)
        rc = h->set_timestamp(r, f[NF_PUBLISHED], published);
    if (!rc)
        rc = h->set_timestamp(r, f[NF_FETCHED], h->now());
    if (!rc)
        rc = h->set_string(r, f[NF_TEXT], text, text_len);
    if (!rc)
        rc = set_str(nw, r, f[NF_HASH], hash);
    if (rc) {
        snprintf(reason, sizeof reason, "%s: cannot make a document of it: %s", it->url,
                 h->error_message(nw->ctx));
        h->record_free(r);
        out = failed(nw, it, res, reason);
        goto done;
    }
    rc = h->emit(nw->ctx, r);
    if (rc == ASSAY_ERR_STOPPED) {
        out = PAGE_STOPPED; /* emitted all the same: the core owns it */
        if (news_seen_add(nw, it->key) == 0 && final_key)
            news_seen_add(nw, final_key);
        goto done;
    }
    if (rc != ASSAY_OK) {
        out = PAGE_FAILED; /* the core dead-lettered it */
        goto done;
    }
    if (news_seen_add(nw, it->key) != 0 || (final_key && news_seen_add(nw, final_key) != 0)) {
        h->fail(nw->ctx, ASSAY_ERR_NOMEM, "out of memory");
        out = PAGE_STOPPED;
        goto done;
    }
    h->count(nw->ctx, "documents", 1);
    out = PAGE_EMITTED;
done:
    article_free(&a);
    free(text_owned);
    free(final);
    return out;
}
