#!/usr/bin/python3
"""A real HTTP receiver for the webhook tests (standard library only; run with Debian's /usr/bin/python3).

Listens on 127.0.0.1:--port. Every POST is recorded as one JSON line in --out/requests.jsonl:
{"n", "path", "headers" (names lowercased), "body" (text), "answered"}; the line is written before the answer
is sent, so a test that saw the answer finds the line.

What it answers is read from --out/mode.json at each request, so a test changes it between requests without a
restart: {"status": 204} (default), {"status": 429, "retry_after": "1"}, {"status": 410}, {"close": true}
(drop the connection without an answer), {"fail_next": N, "status": 500} (N failures, then 204), or
{"delay_ms": 200}, {"hold": true}; with "path": "/x" a mode applies to that path only (keep every request waiting until the mode changes). "Down" is the test stopping the process.

Stdout: "READY <port>" once listening.
"""

import argparse
import http.server
import json
import os
import signal
import socket
import sys
import threading
import time

lock = threading.Lock()


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--out", required=True)
    return p.parse_args()


ARGS = parse_args()
os.makedirs(ARGS.out, exist_ok=True)
REQUESTS = os.path.join(ARGS.out, "requests.jsonl")
MODE = os.path.join(ARGS.out, "mode.json")


def read_mode():
    try:
        with open(MODE) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def write_mode(mode):
    tmp = MODE + ".tmp"
    with open(tmp, "w") as f:
        json.dump(mode, f)
    os.replace(tmp, MODE)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real receivers do

    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        with lock:
            mode = read_mode()
            if "path" in mode and mode["path"] != self.path:
                mode = {}  # the mode applies to that path only; the others are answered 204
            status = mode.get("status", 204)
            close = mode.get("close", False)
            if "fail_next" in mode:
                if mode["fail_next"] > 0:
                    mode["fail_next"] -= 1
                    write_mode(mode)
                else:
                    status, close = 204, False
            answered = 0 if close else status
            with open(REQUESTS, "a") as f:
                f.write(json.dumps({
                    "path": self.path,
                    "headers": {k.lower(): v for k, v in self.headers.items()},
                    "body": body.decode("utf-8"),
                    "answered": answered,
                }) + "\n")
        # {"hold": true}: recorded, then kept waiting (the sender stuck in it) until the test changes the mode.
        while read_mode().get("hold") and read_mode().get("path", self.path) == self.path:
            time.sleep(0.05)
        if mode.get("delay_ms"):
            time.sleep(mode["delay_ms"] / 1000.0)
        if close:
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        payload = b"" if status == 204 else b'{"ok": false}'
        self.send_response(status)
        if "retry_after" in mode:
            self.send_header("Retry-After", str(mode["retry_after"]))
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", ARGS.port), Handler)
    server.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    print("READY %d" % server.server_address[1], flush=True)
    server.serve_forever()
    server.server_close()


if __name__ == "__main__":
    sys.exit(main())
