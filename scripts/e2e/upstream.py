#!/usr/bin/env python3
"""The app behind watop in the forwarding tests: a small HTTP/1.1 server that logs every
request it gets (with the mode it answered in) and answers as the file MODE in its folder says, read anew for each request:

  ok            200 "app-ok", or the hub.challenge of Meta's verification handshake
  status:N      N with a one-line body
  hang          never answers
  garbage       bytes that are not HTTP
  cut           closes mid-answer
  redirect      302 to /elsewhere
  slow:S        200 after S seconds

Usage: upstream.py FOLDER [PORT]   (writes FOLDER/port once listening, FOLDER/requests.jsonl;
PORT 0 or none picks a free one)
"""
import base64
import json
import os
import socket
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

folder = sys.argv[1]


class App(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        try:
            with open(os.path.join(folder, "mode")) as f:
                mode = f.read().strip()
        except FileNotFoundError:
            mode = "ok"
        with open(os.path.join(folder, "requests.jsonl"), "a") as log:
            log.write(json.dumps({
                "method": self.command, "path": self.path, "mode": mode,
                "headers": [[k, v] for k, v in self.headers.items()],
                "body_base64": base64.b64encode(body).decode(),
            }) + "\n")
        if mode == "hang":
            time.sleep(3600)
        if mode == "garbage":
            self.wfile.write(b"this is not HTTP at all\r\n\r\n")
            self.close_connection = True
            return
        if mode == "cut":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part")
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
            return
        if mode.startswith("slow:"):
            time.sleep(float(mode[5:]))
            mode = "ok"
        status, text, extra = 200, b"app-ok", []
        # As a Meta app does, answer the verification handshake with its challenge.
        challenge = parse_qs(urlsplit(self.path).query).get("hub.challenge")
        if challenge:
            text = challenge[0].encode()
        if mode.startswith("status:"):
            status = int(mode[7:])
            text = ("app says %d" % status).encode()
        elif mode == "redirect":
            status, text, extra = 302, b"moved", [("Location", "/elsewhere")]
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("X-App", "upstream")
        for name, value in extra:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(text)))
        self.end_headers()
        self.wfile.write(text)

    do_GET = do_POST = do_PUT = handle_any


ThreadingHTTPServer.allow_reuse_address = True
server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2]) if len(sys.argv) > 2 else 0), App)
server.daemon_threads = True
with open(os.path.join(folder, "port.tmp"), "w") as f:
    f.write(str(server.server_address[1]))
os.rename(os.path.join(folder, "port.tmp"), os.path.join(folder, "port"))
server.serve_forever()
