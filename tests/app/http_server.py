#!/usr/bin/env python3
"""A loopback HTTP server for the `opfolg fetch` tests: a FirstAgenda publication site in miniature.
Binds 127.0.0.1 on a free port, writes the port to PORT_FILE, logs each request as a JSON line to LOG_FILE and
exits after TIMEOUT seconds at the latest. Files are looked up in the ROOTs in order (the first has them wins).
  /api/agenda/dagsorden/<id>   the file *_<id>.json or <id>.json
  /api/agenda/udvalgsliste     udvalgsliste.json
  /files/<name>                <name>
  /noetag/<name>               <name> without ETag or Last-Modified
  /doc/<stem>                  the file <stem>.* (a URL without an extension; the type tells what it is)
  /redirect/<path>             302 to /<path>
  /goto/<url>                  302 to the percent-decoded <url> (e.g. file:///etc/passwd)
  /loop                        302 to itself
  /always304                   304 Not Modified, asked or not
  /die/<name>                  the headers and half the body of <name>, then the whole server exits (also
                               /files/<name> once the first ROOT holds a file named die-next)
  /stall/<name>                the headers, then nothing for 30 s
  /huge                        declares a 100 MiB body
  /any/<text>                  the decoded <text> itself (a URL whose last segment is a hostile name)
Conditional requests: If-None-Match (ETag: a hash of the content) and If-Modified-Since (the file's mtime).
Usage: http_server.py PORT_FILE LOG_FILE TIMEOUT ROOT..."""
import email.utils
import glob
import hashlib
import http.server
import json
import os
import sys
import threading
import time
import urllib.parse


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle's algorithm each kept-alive response would wait 40 ms
    # for the client's delayed ACK.
    disable_nagle_algorithm = True
    roots = []
    log_file = None
    log_lock = threading.Lock()

    def log_message(self, *args):
        pass

    def record(self, status):
        entry = {"path": self.path, "status": status,
                 "if_none_match": self.headers.get("If-None-Match"),
                 "if_modified_since": self.headers.get("If-Modified-Since")}
        with self.log_lock, open(self.log_file, "a") as f:
            f.write(json.dumps(entry) + "\n")

    def find(self, pattern):
        for root in self.roots:
            hits = sorted(glob.glob(os.path.join(glob.escape(root), pattern)))
            if hits:
                return hits[0]
        return None

    def plain(self, status, text):
        body = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.record(status)

    def do_GET(self):
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        parts = path.strip("/").split("/", 1)
        kind, rest = parts[0], parts[1] if len(parts) > 1 else ""
        if path.startswith("/api/agenda/dagsorden/"):
            ident = path.rsplit("/", 1)[1]
            return self.serve(self.find("*_" + glob.escape(ident) + ".json") or self.find(glob.escape(ident) + ".json"))
        if path == "/api/agenda/udvalgsliste":
            return self.serve(self.find("udvalgsliste.json"))
        if kind in ("redirect", "goto", "loop"):
            self.send_response(302)
            self.send_header("Location", {"redirect": "/" + urllib.parse.quote(rest), "goto": rest,
                                          "loop": "/loop"}[kind])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return self.record(302)
        if kind == "always304":
            self.send_response(304)
            self.end_headers()
            return self.record(304)
        if kind == "any":
            body = rest.encode("utf-8", "surrogateescape")
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.record(200)
            return self.wfile.write(body)
        if kind == "huge":
            self.send_response(200)
            self.send_header("Content-Length", str(100 << 20))
            self.end_headers()
            self.record(200)
            return self.wfile.write(b"x" * 1024)
        if kind == "doc" and rest and "/" not in rest:
            return self.serve(self.find(glob.escape(rest) + ".*"))
        if kind in ("files", "noetag", "die", "stall") and "/" not in rest:
            return self.serve(self.find(glob.escape(rest)) if rest else None, kind)
        return self.plain(404, "no route\n")

    def serve(self, file, kind="files"):
        if not file:
            return self.plain(404, "not found\n")
        with open(file, "rb") as f:
            body = f.read()
        etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
        mtime = int(os.stat(file).st_mtime)
        if kind == "files" and os.path.exists(os.path.join(self.roots[0], "die-next")):
            kind = "die"
        validators = kind != "noetag"
        if validators:
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            not_modified = inm == etag if inm else False
            if not inm and ims:
                try:
                    not_modified = mtime <= email.utils.parsedate_to_datetime(ims).timestamp()
                except (TypeError, ValueError):
                    pass
            if not_modified:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return self.record(304)
        self.send_response(200)
        types = {".json": "application/json", ".html": "text/html; charset=utf-8", ".pdf": "application/pdf",
                 ".txt": "text/plain; charset=utf-8"}
        self.send_header("Content-Type", types.get(os.path.splitext(file)[1], "application/octet-stream"))
        self.send_header("Content-Length", str(len(body)))
        if validators:
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", email.utils.formatdate(mtime, usegmt=True))
        self.end_headers()
        self.record(200)
        if kind == "die":
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            os._exit(0)
        if kind == "stall":
            self.wfile.flush()
            time.sleep(30)
            return
        self.wfile.write(body)


def main():
    port_file, log_file, timeout, roots = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4:]
    Handler.roots = roots
    Handler.log_file = log_file
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with open(port_file + ".tmp", "w") as f:
        f.write("%d\n" % server.server_address[1])
    os.rename(port_file + ".tmp", port_file)
    time.sleep(timeout)
    os._exit(0)


if __name__ == "__main__":
    main()
