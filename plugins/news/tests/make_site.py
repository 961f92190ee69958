#!/usr/bin/env python3
"""make_site.py - the web site the news source's end-to-end tests read,
built in a folder that tests/httpd/server.py then serves on 127.0.0.1.

    make_site.py ROOT PORT

Everything links to http://127.0.0.1:PORT (or is relative to a feed served
from there): nothing in it points off the machine.

  articles/html/<id>.html  the 90 article pages of shared/fixtures/articles,
                           uncompressed
  feeds/guardian.rss       shared/fixtures/feeds/guardian-us.rss with every
                           item's <link> pointing at page 0..54 (absolute,
                           with utm_* parameters and a fragment to drop)
  feeds/latin1.rss         the ISO-8859-1 feed (Latin-1 bytes kept), links
                           made relative ("/articles/html/<id>.html") to pages
                           50..89: 50..54 are also in guardian.rss
  feeds/heise.atom         the Atom feed with xml:base on <feed> and relative
                           rel="alternate" links to pages 0..14 (all also in
                           guardian.rss: nothing new)
  feeds/faults.rss         items linking to the server's fault paths, to page
                           64 served without a content type, to a page (63 or
                           the next that suits) with invalid UTF-8 bytes (articles/html/invalid-utf8.html)
                           served as charset=utf-8, and to three good pages
                           (60, 61, 62: also in latin1.rss)
  feeds/truncated.rss      guardian.rss cut in the middle of an item
  feeds/big.rss            10,000 items linking to /pages/0 .. /pages/9999
  feeds/growing.rss        two items; the test appends a third later
  ids.txt                  the page ids in order, one a line

Run by plugins/news/tests/test_news_e2e.c.
"""
import gzip
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("ASSAY_SHARED") or os.path.normpath(os.path.join(HERE, "../../../../shared"))
if not os.path.isdir(SHARED):
    SHARED = "/work/shared"
FIX = os.path.join(SHARED, "fixtures")

FAULTS = [
    "/status/404",
    "/status/410",
    "/status/429?retry_after=1",
    "/fail/500/1/e2e",
    "/reset?after=1000",
    "/trickle?bytes=100&interval_ms=1000",
    "/big?mb=50",
    "/gzip-bomb?mb=100",
    "/redirect-loop",
    "/redirect-file",
    "/wrong-type",
    "/no-type",
    "/invalid-utf8",
    "/empty",
]


def rss(items, title="Test feed"):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>',
           "<title>%s</title><link>http://127.0.0.1/</link><description>test</description>" % title]
    for it in items:
        out.append("<item><title>%s</title><link>%s</link>%s</item>" % (
            it["title"], it["link"].replace("&", "&amp;"),
            "<pubDate>%s</pubDate>" % it["date"] if it.get("date") else ""))
    out.append("</channel></rss>\n")
    return "\n".join(out)


def main():
    root, port = sys.argv[1], int(sys.argv[2])
    base = "http://127.0.0.1:%d" % port
    html_dir = os.path.join(root, "articles", "html")
    feeds = os.path.join(root, "feeds")
    os.makedirs(html_dir, exist_ok=True)
    os.makedirs(feeds, exist_ok=True)

    src = os.path.join(FIX, "articles", "html")
    ids = sorted(f.split(".")[0] for f in os.listdir(src) if f.endswith(".html.gz"))
    for i in ids:
        with gzip.open(os.path.join(src, i + ".html.gz")) as fh:
            data = fh.read()
        with open(os.path.join(html_dir, i + ".html"), "wb") as fh:
            fh.write(data)
    with open(os.path.join(root, "ids.txt"), "w") as fh:
        fh.write("\n".join(ids) + "\n")

    def page(k):
        return "/articles/html/%s.html" % ids[k]

    # guardian: absolute links with tracking parameters and a fragment
    text = open(os.path.join(FIX, "feeds", "guardian-us.rss"), encoding="utf-8").read()
    counter = iter(range(10 ** 6))

    def link_sub(m):
        k = next(counter)
        return "<link>%s%s?utm_source=rss&amp;utm_medium=feed#comments</link>" % (
            base, page(k))
    head, sep, rest = text.partition("<item>")
    rest = re.sub(r"<link>[^<]*</link>", link_sub, rest)
    text = head + sep + rest
    with open(os.path.join(feeds, "guardian.rss"), "w", encoding="utf-8") as fh:
        fh.write(text)
    n_guardian = next(counter)

    # the truncated copy: cut inside the 20th item
    cut = [m.start() for m in re.finditer("<item>", text)][19] + 300
    with open(os.path.join(feeds, "truncated.rss"), "w", encoding="utf-8") as fh:
        fh.write(text[:cut])

    # Latin-1, relative links
    raw = open(os.path.join(FIX, "feeds", "jn-ultimas-iso-8859-1.rss"), "rb").read()
    counter = iter(range(50, 10 ** 6))

    def rel_sub(m):
        k = next(counter)
        return ("<link>%s?utm_campaign=a</link>" % page(k % len(ids))).encode()
    head, sep, rest = raw.partition(b"<item>")
    rest = re.sub(rb"<link>[^<]*</link>", rel_sub, rest)
    rest = re.sub(rb"<guid[^>]*>[^<]*</guid>", b"", rest)
    rest = re.sub(rb"<feedburner:origLink>[^<]*</feedburner:origLink>", b"", rest)
    with open(os.path.join(feeds, "latin1.rss"), "wb") as fh:
        fh.write(head + sep + rest)

    # Atom with xml:base and relative links
    text = open(os.path.join(FIX, "feeds", "heise-developer.atom"), encoding="utf-8").read()
    text = text.replace("<feed ", '<feed xml:base="%s/articles/" ' % base, 1)
    counter = iter(range(10 ** 6))

    def atom_sub(m):
        k = next(counter)
        return '<link rel="alternate" type="text/html" href="html/%s.html"' % ids[k]
    text = re.sub(r'<link rel="alternate" type="text/html" href="[^"]*"', atom_sub, text)
    head, sep, rest = text.partition("<entry>")
    rest = re.sub(r"<id>[^<]*</id>", "", rest)
    with open(os.path.join(feeds, "heise.atom"), "w", encoding="utf-8") as fh:
        fh.write(head + sep + rest)

    # a real page with invalid UTF-8 bytes in its article text: inserted
    # before the first words of its true body (ground-truth.json) that
    # appear as they are in the HTML
    import json
    truth = json.load(open(os.path.join(FIX, "articles", "ground-truth.json"), encoding="utf-8"))
    for k in range(63, len(ids)):
        data = open(os.path.join(html_dir, ids[k] + ".html"), "rb").read()
        words = truth[ids[k]]["articleBody"].split()
        snippet = " ".join(words[5:12]).encode("utf-8")
        body = data.find(b"<body")
        at = data.find(snippet, body) if body > 0 else -1
        if len(words) > 12 and at > 0:
            data = data[:at] + b"bad \xff\xfe and \xc3\x28 bytes " + data[at:]
            break
    with open(os.path.join(html_dir, "invalid-utf8.html"), "wb") as fh:
        fh.write(data)

    # faults, and five good pages: two of them served without a content
    # type, or with a charset=utf-8 header over invalid bytes
    faults = FAULTS + [
        page(64) + "?content_type=",
        "/articles/html/invalid-utf8.html?content_type=text/html%3B%20charset%3Dutf-8",
    ]
    items = [{"title": "fault %s" % p.replace("&", "&amp;"), "link": base + p} for p in faults]
    items += [{"title": "good %d" % k, "link": base + page(k)} for k in (60, 61, 62)]
    with open(os.path.join(feeds, "faults.rss"), "w", encoding="utf-8") as fh:
        fh.write(rss(items, "Faults"))

    # 10,000 items
    items = [{"title": "Page %d" % k, "link": "%s/pages/%d" % (base, k),
              "date": "Mon, 02 Jan 2006 15:04:05 GMT"} for k in range(10000)]
    with open(os.path.join(feeds, "big.rss"), "w", encoding="utf-8") as fh:
        fh.write(rss(items, "Ten thousand"))

    # a feed that grows between runs
    items = [{"title": "grow %d" % k, "link": base + page(k)} for k in (70, 71)]
    with open(os.path.join(feeds, "growing.rss"), "w", encoding="utf-8") as fh:
        fh.write(rss(items, "Growing"))
    print(n_guardian)


if __name__ == "__main__":
    main()
