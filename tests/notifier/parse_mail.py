#!/usr/bin/env python3
"""Parses RFC 5322 messages with Python's standard `email` package and prints what the Catch2 tests check, as
JSON: decoded headers, the decoded text/plain and text/html parts, parser defects and the longest raw line.
Usage: parse_mail.py FILE   (FILE may hold one message, or an mbox of several)"""
import email
import email.policy
import json
import mailbox
import sys


def describe(raw: bytes):
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    parts = {}
    defects = [str(d) for d in msg.defects]
    for part in msg.walk():
        defects += [str(d) for d in part.defects]
        if part.get_content_maintype() == "text":
            # The parser keeps the CRLF of the wire format; the renderers write "\n".
            parts[part.get_content_type()] = part.get_content().replace("\r\n", "\n")
    lines = raw.split(b"\r\n")
    return {
        "subject": str(msg["subject"]),
        "from": str(msg["from"]),
        "to": [str(a.addr_spec) for a in msg["to"].addresses] if msg["to"] else [],
        "date": str(msg["date"]),
        "message_id": str(msg["message-id"]),
        "mime_version": str(msg["mime-version"]),
        "content_type": msg.get_content_type(),
        "header_names": [k.lower() for k in msg.keys()],
        "text": parts.get("text/plain"),
        "html": parts.get("text/html"),
        "defects": defects,
        "max_line": max(len(l) for l in lines),
        "bare_lf": b"\n" in raw.replace(b"\r\n", b""),
    }


def main():
    data = open(sys.argv[1], "rb").read()
    if data.startswith(b"From "):
        box = mailbox.mbox(sys.argv[1])
        out = [describe(m.as_bytes()) for m in box]
    else:
        out = [describe(data)]
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
