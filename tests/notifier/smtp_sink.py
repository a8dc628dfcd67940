#!/usr/bin/python3
"""A loopback SMTP server for the delivery test (Debian's python3-aiosmtpd). Binds 127.0.0.1 on a free port,
prints the port, saves each message (envelope in a .json, data in a .eml) into DIR, and exits after the first
message or after TIMEOUT seconds, whichever comes first.
Usage: smtp_sink.py DIR [TIMEOUT]"""
import json
import os
import socket
import sys
import threading
import time

from aiosmtpd.controller import Controller


class Saver:
    def __init__(self, directory, done):
        self.directory = directory
        self.done = done
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.directory, "msg%d" % self.count)
        with open(base + ".json", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, f)
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        self.done.set()
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    directory = sys.argv[1]
    timeout = float(sys.argv[2]) if len(sys.argv) > 2 else 20
    done = threading.Event()
    port = free_port()
    controller = Controller(Saver(directory, done), hostname="127.0.0.1", port=port)
    controller.start()
    print(port, flush=True)
    done.wait(timeout)
    time.sleep(0.2)  # let the server finish the QUIT exchange
    controller.stop()


if __name__ == "__main__":
    main()
