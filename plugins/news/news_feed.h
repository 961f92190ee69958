/* news_feed.h - RSS 2.0 (and 0.9x), RSS 1.0 (RDF) and Atom 1.0 feeds to a
 * list of items, with libxml2.
 *
 * The bytes may be in any charset: a byte-order mark, then the XML
 * declaration's encoding, then the HTTP header's charset, then a guess
 * (UTF-8 when the bytes mostly are, else windows-1252) decide, with the
 * labels read the browser way (ISO-8859-1 means windows-1252). They are
 * turned into clean UTF-8 first (plugins/common), so one bad byte never
 * ends the parse. The XML parser then runs in recover mode, without
 * network access, DTD loading or entity expansion: a malformed or
 * truncated feed gives every item that parsed, and the first error (with
 * its line) and the number of errors are reported beside them.
 *
 * Per item: the link (resolved against xml:base, inherited, and the feed's
 * URL; for RSS a permalink guid stands in for a missing link; for Atom the
 * rel="alternate" link, else the first without rel), the title (plain
 * text, HTML decoded), the date (pubDate, dc:date, published, updated,
 * issued, modified; as "YYYY-MM-DDTHH:MM:SSZ" UTC), the author (author,
 * dc:creator, Atom author/name, else the feed's author) and the
 * description (description, summary, content:encoded or Atom content, as
 * plain text with the HTML removed).
 *
 * Not thread-bound: feeds may be parsed from several threads at once.
 */
#ifndef ASSAY_NEWS_FEED_H
#define ASSAY_NEWS_FEED_H

#include <stddef.h>

typedef struct feed_item {
    char *link;        /* absolute URL (not canonical), or NULL */
    char *id;          /* guid / atom:id / rdf:about, or NULL */
    char *title;       /* plain text, or NULL */
    char *author;      /* plain text, or NULL */
    char *published;   /* "YYYY-MM-DDTHH:MM:SSZ" (UTC), or NULL */
    char *summary;     /* plain text of the description, or NULL */
} feed_item;

typedef enum feed_format {
    FEED_UNKNOWN = 0,
    FEED_RSS = 1,  /* RSS 0.9x / 2.0: <rss><channel><item> */
    FEED_RDF = 2,  /* RSS 1.0: <rdf:RDF><item> */
    FEED_ATOM = 3  /* Atom 1.0: <feed><entry> */
} feed_format;

typedef struct feed {
    feed_format format;
    char *title;        /* the feed's own title, or NULL */
    char *charset;      /* the charset the bytes were read in */
    feed_item *items;
    size_t n, cap;
    size_t skipped;     /* items without a usable link */
    int errors;         /* XML errors met (the parser recovered) */
    char *error;        /* the first one: "line L: message", or NULL */
} feed;

/* Parses data[0..len) (any bytes). url is where the feed came from (the
 * base of relative links; may be NULL), charset the HTTP header's (may be
 * NULL). Returns 0 with *out filled, possibly with errors and items;
 * returns -1 with a message in err when the bytes are not a feed at all
 * (no XML element, or a root that is not rss, RDF or feed) or out of
 * memory; *out is then empty. Free with feed_free() either way. */
int feed_parse(const char *data, size_t len, const char *url, const char *charset, feed *out,
               char *err, size_t errlen);

void feed_free(feed *f);

/* Name of a format: "RSS", "RSS 1.0 (RDF)", "Atom", "unknown". */
const char *feed_format_name(feed_format f);

#endif
