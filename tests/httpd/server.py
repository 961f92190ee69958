#!/usr/bin/env python3
"""
server.py - assay's HTTP test server: a real server on 127.0.0.1 that serves
a folder of fixtures and misbehaves on purpose on dedicated paths.

Test tooling, not product: Python 3 standard library only. Every path it
answers is documented in README.md next to this file; keep the two in step.

    python3 tests/httpd/server.py [--root DIR] [--port N] [--port-file FILE]
                                  [--latency-ms MS] [--verbose]

It binds 127.0.0.1 (a free port unless --port), prints the port on stdout as
one line, writes it to --port-file (atomically) when given, and runs until
SIGTERM/SIGINT or until its parent process dies.
"""

import argparse
import email.utils
import gzip
import json
import mimetypes
import os
import signal
import socket
import struct
import sys
import threading
import time
import urllib.parse
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "fixtures"))

TYPES = {
    ".html": "text/html", ".htm": "text/html", ".rss": "application/rss+xml",
    ".atom": "application/atom+xml", ".xml": "application/xml",
    ".json": "application/json", ".csv": "text/csv", ".txt": "text/plain",
    ".idx": "text/plain", ".md": "text/markdown", ".jsonl": "application/x-ndjson",
}


class State:
    """Everything a test can inspect or reset, behind one lock."""

    def __init__(self, latency_ms):
        self.lock = threading.Lock()
        self.default_latency_ms = latency_ms
        self.reset()

    def reset(self):
        with getattr(self, "lock", threading.Lock()):
            self.log = []
            self.counters = {}          # /fail/... path -> requests seen
            self.robots = {}            # Host header (or "*") -> robots.txt text
            self.versions = {}          # /doc/<name> -> version number
            self.latency_ms = self.default_latency_ms
            self.inflight = 0
            self.max_inflight = 0
            self.inflight_host = {}
            self.max_inflight_host = {}
            self.seq = 0


STATE = None
ROOT = None
VERBOSE = False
GZIP_CACHE = {}
GZIP_LOCK = threading.Lock()


SIDECAR_LOCK = threading.Lock()
SIDECAR_COUNTS = {}  # sidecar answers given, per file


def gzip_bomb(mib):
    """A gzip member that inflates to mib MiB of zeros (built once per size)."""
    with GZIP_LOCK:
        if mib not in GZIP_CACHE:
            c = zlib.compressobj(9, zlib.DEFLATED, 31)
            chunk = bytes(1 << 20)
            parts = [c.compress(chunk) for _ in range(mib)]
            parts.append(c.flush())
            GZIP_CACHE[mib] = b"".join(parts)
        return GZIP_CACHE[mib]


def http_date(t):
    return email.utils.formatdate(t, usegmt=True)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes: without TCP_NODELAY, Nagle
    # and the client's delayed ACK add ~40 ms to every keep-alive answer.
    disable_nagle_algorithm = True
    server_version = "assay-testd/1"
    sys_version = ""

    def version_string(self):
        return self.server_version

    def log_message(self, fmt, *args):
        if VERBOSE:
            sys.stderr.write("httpd: " + (fmt % args) + "\n")

    # -- plumbing ----------------------------------------------------------

    def do_GET(self):
        self.handle_any(body=True)

    def do_HEAD(self):
        self.handle_any(body=False)

    def do_POST(self):
        self.handle_any(body=True)

    def do_PUT(self):
        self.handle_any(body=True)

    def read_request_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n > 0 else b""

    def handle_any(self, body):
        self.want_body = body
        url = urllib.parse.urlsplit(self.path)
        self.url_path = urllib.parse.unquote(url.path)
        self.query = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        if self.url_path.startswith("/__"):
            self.control()
            return
        entry = {
            "method": self.command, "path": self.path,
            "headers": {k: v for k, v in self.headers.items()},
            "host": self.headers.get("Host", ""), "time": time.time(),
            "client_port": self.client_address[1],
        }
        host = entry["host"]
        with STATE.lock:
            STATE.seq += 1
            entry["seq"] = STATE.seq
            STATE.log.append(entry)
            STATE.inflight += 1
            STATE.max_inflight = max(STATE.max_inflight, STATE.inflight)
            n = STATE.inflight_host.get(host, 0) + 1
            STATE.inflight_host[host] = n
            STATE.max_inflight_host[host] = max(STATE.max_inflight_host.get(host, 0), n)
            latency = STATE.latency_ms
        self.status_sent = 0
        try:
            if self.command in ("POST", "PUT"):
                self.read_request_body()
            delay = float(self.query.get("delay", latency) or 0)
            if delay > 0:
                time.sleep(delay / 1000.0)
            self.route()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            with STATE.lock:
                STATE.inflight = max(0, STATE.inflight - 1)
                STATE.inflight_host[host] = max(0, STATE.inflight_host.get(host, 1) - 1)
                entry["end"] = time.time()
                entry["status"] = self.status_sent

    def send_status(self, code, headers=(), body=b"", content_type="text/plain", length=None):
        """One whole response. content_type None: no Content-Type header."""
        self.status_sent = code
        self.send_response(code)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        for k, v in headers:
            self.send_header(k, v)
        if code != 304:
            self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        if self.want_body and code != 304 and body:
            self.wfile.write(body)

    def retry_after_headers(self):
        h = []
        if "retry_after" in self.query:
            h.append(("Retry-After", self.query["retry_after"]))
        if "retry_after_date" in self.query:
            t = time.time() + float(self.query["retry_after_date"])
            h.append(("Retry-After", http_date(t)))
        return h

    # -- control endpoints (never logged) -----------------------------------

    def control(self):
        p = self.url_path
        if p == "/__log":
            with STATE.lock:
                doc = {"requests": list(STATE.log), "max_inflight": STATE.max_inflight,
                       "max_inflight_host": dict(STATE.max_inflight_host),
                       "inflight": STATE.inflight}
                data = json.dumps(doc).encode()
            self.send_status(200, body=data, content_type="application/json")
        elif p == "/__reset":
            if self.command in ("POST", "PUT"):
                self.read_request_body()
            STATE.reset()
            self.send_status(200, body=b"reset\n")
        elif p == "/__config":
            if "latency_ms" in self.query:
                with STATE.lock:
                    STATE.latency_ms = float(self.query["latency_ms"] or 0)
            self.send_status(200, body=json.dumps({"latency_ms": STATE.latency_ms}).encode(),
                             content_type="application/json")
        elif p == "/__robots":
            text = self.read_request_body() if self.command in ("POST", "PUT") else None
            if text is None:
                text = self.query.get("text", "").encode()
            host = self.query.get("host", "*")
            status = int(self.query.get("status", "200"))
            with STATE.lock:
                if "clear" in self.query:
                    STATE.robots.pop(host, None)
                else:
                    STATE.robots[host] = (status, text)
            self.send_status(200, body=b"robots set\n")
        elif p.startswith("/__bump/"):
            name = p[len("/__bump/"):]
            with STATE.lock:
                STATE.versions[name] = STATE.versions.get(name, 1) + 1
                v = STATE.versions[name]
            self.send_status(200, body=("%s version %d\n" % (name, v)).encode())
        else:
            self.send_status(404, body=b"no such control path\n")

    # -- the served paths ---------------------------------------------------

    def route(self):
        p = self.url_path
        parts = [x for x in p.split("/") if x]
        head = parts[0] if parts else ""
        if p == "/robots.txt":
            self.robots()
        elif p == "/ok":
            self.send_status(200, body=b"ok\n")
        elif head == "status" and len(parts) == 2:
            code = int(parts[1])
            self.send_status(code, self.retry_after_headers(),
                             body=("status %d\n" % code).encode())
        elif head == "fail" and len(parts) >= 3:
            self.fail(int(parts[1]), int(parts[2]), "/".join(parts[3:]))
        elif p == "/reset":
            self.reset_mid_body()
        elif p == "/trickle":
            self.trickle()
        elif p == "/big":
            self.big()
        elif p == "/gzip-bomb":
            mib = int(self.query.get("mb", "100"))
            self.send_status(200, [("Content-Encoding", "gzip")], body=gzip_bomb(mib),
                             content_type="text/html")
        elif head == "gzip" and len(parts) >= 2:
            self.serve_file("/".join(parts[1:]), force_gzip=True)
        elif head == "redirect-loop":
            n = int(parts[1]) if len(parts) > 1 else 0
            self.send_status(302, [("Location", "/redirect-loop/%d" % (n + 1))], body=b"")
        elif head == "redirect" and len(parts) == 2:
            n = int(parts[1])
            to = self.query.get("to", "/ok")
            if n <= 0:
                self.send_status(200, body=b"ok\n")
            else:
                q = urllib.parse.urlencode({"to": to})
                loc = to if n == 1 else "/redirect/%d?%s" % (n - 1, q)
                self.send_status(302, [("Location", loc)], body=b"")
        elif p == "/redirect-to":
            code = int(self.query.get("code", "302"))
            self.send_status(code, [("Location", self.query.get("url", "/ok"))], body=b"")
        elif p == "/redirect-file":
            self.send_status(302, [("Location", "file:///etc/passwd")], body=b"")
        elif p == "/wrong-type":
            self.send_status(200, body=b"<html><body><p>Not a PNG.</p></body></html>\n",
                             content_type="image/png")
        elif p == "/no-type":
            self.send_status(200, body=b"<html><body><p>No type.</p></body></html>\n",
                             content_type=None)
        elif p == "/invalid-utf8":
            self.send_status(200, body=b"<html><body><p>bad \xff\xfe \xc3\x28 bytes</p></body></html>\n",
                             content_type="text/html; charset=utf-8")
        elif p == "/empty":
            self.send_status(200, body=b"", content_type="text/html")
        elif p == "/echo":
            data = json.dumps({"method": self.command, "path": self.path,
                               "headers": {k: v for k, v in self.headers.items()}}).encode()
            self.send_status(200, body=data, content_type="application/json")
        elif head == "doc" and len(parts) == 2:
            self.versioned(parts[1])
        elif head == "pages" and len(parts) == 2:
            n = parts[1]
            body = ("<html><head><title>Page %s</title></head><body><p>%s</p></body></html>\n"
                    % (n, ("Page %s of the bench. " % n) * 40)).encode()
            self.send_status(200, body=body, content_type="text/html; charset=utf-8")
        else:
            self.serve_file(p.lstrip("/"))

    def robots(self):
        host = self.headers.get("Host", "")
        with STATE.lock:
            got = STATE.robots.get(host, STATE.robots.get("*"))
        if got is None:
            self.send_status(404, body=b"no robots.txt\n")
        else:
            self.send_status(got[0], body=got[1])

    def fail(self, code, n, tag):
        key = self.url_path
        with STATE.lock:
            seen = STATE.counters.get(key, 0) + 1
            STATE.counters[key] = seen
        if seen <= n:
            self.send_status(code, self.retry_after_headers(),
                             body=("status %d (request %d of %d failing)\n" % (code, seen, n)).encode())
        else:
            self.send_status(200, body=("ok %s\n" % tag).encode())

    def reset_mid_body(self):
        after = int(self.query.get("after", "1000"))
        self.status_sent = 200
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(after * 100 + 1000))
        self.end_headers()
        if self.want_body:
            self.wfile.write(b"x" * after)
        self.wfile.flush()
        # SO_LINGER with a zero timeout: close() sends RST, not FIN.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def trickle(self):
        total = int(self.query.get("bytes", "100"))
        interval = float(self.query.get("interval_ms", "1000")) / 1000.0
        self.status_sent = 200
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(total))
        self.end_headers()
        self.wfile.flush()
        for _ in range(total):
            if not self.want_body:
                break
            self.wfile.write(b"t")
            self.wfile.flush()
            time.sleep(interval)

    def big(self):
        mib = float(self.query.get("mb", "50"))
        total = int(mib * (1 << 20))
        chunked = self.query.get("chunked") == "1"
        self.status_sent = 200
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(total))
        self.end_headers()
        if not self.want_body:
            return
        block = b"b" * 65536
        left = total
        while left > 0:
            piece = block[: min(left, len(block))]
            if chunked:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            else:
                self.wfile.write(piece)
            left -= len(piece)
        if chunked:
            self.wfile.write(b"0\r\n\r\n")

    def conditional(self, etag, mtime):
        """1 when the request's validators match (answer 304)."""
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            tags = [t.strip() for t in inm.split(",")]
            return "*" in tags or etag in tags or ("W/" + etag) in tags
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                t = email.utils.parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError):
                return False
            return int(mtime) <= int(t)
        return False

    def versioned(self, name):
        with STATE.lock:
            v = STATE.versions.get(name, 1)
        etag = '"%s-v%d"' % (name, v)
        mtime = 1700000000 + v * 3600
        headers = [("ETag", etag), ("Last-Modified", http_date(mtime))]
        if self.conditional(etag, mtime):
            self.send_status(304, headers, content_type=None)
            return
        self.send_status(200, headers, body=("%s version %d\n" % (name, v)).encode())

    def answer_sidecar(self, path):
        """A served file X may have a sidecar X.answer.json saying how to
        answer it instead: {"status": 503, "body": "other/file.html",
        "content_type": "text/html", "times": 1} -- the status, a file under
        the root whose bytes are sent (default X), its type (default by
        extension), and for how many requests (default always; after that X
        is served as usual). Real servers send error pages of their own
        (maintenance pages, S3 XML errors) with their status. Returns True
        when it answered."""
        side = path + ".answer.json"
        if not os.path.isfile(side):
            return False
        with open(side) as f:
            spec = json.load(f)
        with SIDECAR_LOCK:
            n = SIDECAR_COUNTS.get(path, 0) + 1
            SIDECAR_COUNTS[path] = n
        if "times" in spec and n > int(spec["times"]):
            return False
        body_rel = spec.get("body")
        body_path = os.path.normpath(os.path.join(ROOT, body_rel)) if body_rel else path
        if not body_path.startswith(ROOT + os.sep):
            self.send_status(403, body=b"sidecar body outside the root\n")
            return True
        with open(body_path, "rb") as f:
            data = f.read()
        ctype = spec.get("content_type")
        if ctype is None:
            ctype = TYPES.get(os.path.splitext(body_path)[1].lower(), "application/octet-stream")
        self.send_status(int(spec.get("status", 200)), body=data, content_type=ctype)
        return True

    def serve_file(self, rel, force_gzip=False):
        ctype_override = self.query.get("content_type")
        path = os.path.normpath(os.path.join(ROOT, rel))
        if not (path == ROOT or path.startswith(ROOT + os.sep)):
            self.send_status(403, body=b"outside the root\n")
            return
        if self.answer_sidecar(path):
            return
        stored_gz = False
        if not os.path.isfile(path) and os.path.isfile(path + ".gz"):
            path, stored_gz = path + ".gz", True
        if not os.path.isfile(path):
            self.send_status(404, body=("not found: /%s\n" % rel).encode())
            return
        st = os.stat(path)
        etag = '"%x-%x"' % (st.st_mtime_ns, st.st_size)
        headers = [("ETag", etag), ("Last-Modified", http_date(st.st_mtime))]
        ctype = TYPES.get(os.path.splitext(rel)[1].lower())
        if ctype is None and rel.endswith(".gz"):
            ctype = "application/gzip"
        if ctype is None:
            ctype = mimetypes.guess_type(rel)[0] or "application/octet-stream"
        if ctype_override is not None:
            ctype = ctype_override or None
        if self.conditional(etag, st.st_mtime):
            self.send_status(304, headers, content_type=None)
            return
        with open(path, "rb") as f:
            data = f.read()
        accepts_gzip = "gzip" in (self.headers.get("Accept-Encoding") or "")
        if stored_gz:
            if accepts_gzip or force_gzip:
                headers.append(("Content-Encoding", "gzip"))
            else:
                data = gzip.decompress(data)
        elif force_gzip:
            data = gzip.compress(data)
            headers.append(("Content-Encoding", "gzip"))
        self.send_status(200, headers, body=data, content_type=ctype)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256

    def handle_error(self, request, client_address):
        # A client that hangs up (a reset, a cap reached) is routine here.
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


def watch_parent(ppid):
    """Exits the process when the parent that started it is gone."""
    while True:
        time.sleep(0.2)
        if os.getppid() != ppid:
            os._exit(0)


def main():
    global STATE, ROOT, VERBOSE
    ap = argparse.ArgumentParser(description="assay's HTTP test server (127.0.0.1 only)")
    ap.add_argument("--root", default=DEFAULT_ROOT, help="folder to serve (default: shared/fixtures)")
    ap.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    ap.add_argument("--port-file", help="write the port here (atomically)")
    ap.add_argument("--latency-ms", type=float, default=0, help="added latency per request")
    ap.add_argument("--verbose", action="store_true", help="log requests to stderr")
    args = ap.parse_args()
    ROOT = os.path.realpath(args.root)
    VERBOSE = args.verbose
    STATE = State(args.latency_ms)

    srv = Server(("127.0.0.1", args.port), Handler)
    port = srv.server_address[1]
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write("%d\n" % port)
        os.rename(tmp, args.port_file)
    sys.stdout.write("%d\n" % port)
    sys.stdout.flush()

    threading.Thread(target=watch_parent, args=(os.getppid(),), daemon=True).start()

    def stop(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        srv.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    srv.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
