#!/usr/bin/python3
"""A real SMTP server for the email tests, built on aiosmtpd (Debian's python3-aiosmtpd).

Run it with Debian's interpreter (/usr/bin/python3): another python3 on PATH may lack the module.

Every accepted message is written to --out as NNNN.eml (the bytes received) and NNNN.json (what Python's
email parser makes of it: envelope, decoded and raw headers, the leaf MIME parts decoded). Files appear
atomically (written under a temporary name, then renamed), so a reader never sees half a message.

Stdout, one line each, flushed: "READY <port>" once listening, "CONNECT" per TCP connection,
"MESSAGE <path-without-extension>" per accepted message. The test reads these to synchronise.
"""

import argparse
import asyncio
import email
import email.policy
import json
import os
import re
import signal
import ssl
import sys
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: any free one)")
    p.add_argument("--out", required=True, help="directory for the received messages")
    p.add_argument("--cert", help="PEM certificate; with --key enables TLS")
    p.add_argument("--key", help="PEM private key")
    p.add_argument("--tls", choices=["none", "starttls", "ssl"], default="none",
                   help="starttls: offer and require STARTTLS; ssl: implicit TLS (SMTPS)")
    p.add_argument("--user", help="require AUTH (PLAIN or LOGIN) with this user")
    p.add_argument("--password", help="the password for --user")
    p.add_argument("--reject-rcpt", help="answer 550 to RCPT TO for addresses matching this regex")
    p.add_argument("--tempfail-rcpt", help="answer 451 to RCPT TO for addresses matching this regex")
    p.add_argument("--reject-data", help="answer 554 after DATA when a recipient matches this regex")
    return p.parse_args()


class Handler:
    def __init__(self, args):
        self.out = args.out
        self.reject_rcpt = re.compile(args.reject_rcpt) if args.reject_rcpt else None
        self.tempfail_rcpt = re.compile(args.tempfail_rcpt) if args.tempfail_rcpt else None
        self.reject_data = re.compile(args.reject_data) if args.reject_data else None
        # Continue numbering after files a previous run left, so a restarted fixture never overwrites.
        existing = [int(n[:4]) for n in os.listdir(self.out) if re.fullmatch(r"\d{4}\.json", n)]
        self.count = max(existing, default=0)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.reject_rcpt and self.reject_rcpt.search(address):
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        if self.tempfail_rcpt and self.tempfail_rcpt.search(address):
            return "451 4.3.0 <%s>: try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.reject_data and any(self.reject_data.search(r) for r in envelope.rcpt_tos):
            return "554 5.6.0 message content rejected"
        data = envelope.original_content or envelope.content
        self.count += 1
        base = os.path.join(self.out, "%04d" % self.count)
        write_atomically(base + ".eml", data)
        write_atomically(base + ".json", json.dumps(summarise(envelope, data, session), indent=1).encode())
        print("MESSAGE", base, flush=True)
        return "250 2.0.0 OK queued as %04d" % self.count


def summarise(envelope, data, session):
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    raw = email.message_from_bytes(data, policy=email.policy.compat32)
    parts = []
    for part in parsed.walk():
        if part.is_multipart():
            continue
        parts.append({
            "content_type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "transfer_encoding": str(part.get("Content-Transfer-Encoding", "")),
            "content": part.get_content(),
        })
    return {
        "mail_from": envelope.mail_from,
        "rcpt_tos": list(envelope.rcpt_tos),
        "tls": session.ssl is not None,
        "authenticated": bool(session.authenticated),
        "headers": {k: str(v) for k, v in parsed.items()},
        "raw_headers": {k: str(v) for k, v in raw.items()},
        "content_type": parsed.get_content_type(),
        "multipart_types": [p.get_content_type() for p in parsed.walk() if p.is_multipart()],
        "parts": parts,
        "defects": [type(d).__name__ for p in parsed.walk() for d in p.defects],
    }


def write_atomically(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def main():
    # aiosmtpd warns about its own deprecated internals on every AUTH; that noise would bury real errors.
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    args = parse_args()
    os.makedirs(args.out, exist_ok=True)
    tls_context = None
    if args.tls != "none":
        if not (args.cert and args.key):
            sys.exit("--tls %s needs --cert and --key" % args.tls)
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(args.cert, args.key)

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login == args.user.encode()
              and auth_data.password == (args.password or "").encode())
        return AuthResult(success=ok, handled=False)

    handler = Handler(args)

    def factory():
        print("CONNECT", flush=True)
        kwargs = dict(hostname="betthat-test-smtpd")
        if args.tls == "starttls":
            kwargs.update(tls_context=tls_context, require_starttls=True)
        if args.user:
            kwargs.update(auth_required=True, authenticator=authenticator,
                          auth_require_tls=args.tls == "starttls")
        return SMTP(handler, **kwargs)

    async def serve():
        loop = asyncio.get_running_loop()
        server = await loop.create_server(factory, host="127.0.0.1", port=args.port,
                                          ssl=tls_context if args.tls == "ssl" else None)
        print("READY", server.sockets[0].getsockname()[1], flush=True)
        stop = asyncio.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()
        server.close()

    asyncio.run(serve())


if __name__ == "__main__":
    main()
