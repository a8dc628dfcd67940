#!/usr/bin/env python3
"""Drives headless Chromium over the DevTools protocol (--remote-debugging-pipe: NUL-terminated JSON on fds 3/4,
no websocket library needed) through the resolve form of an `opfolg serve` flag page, as a clerk would: open the
page, fill in name and note, click the button, follow the redirect, then open the overdue list.
Prints JSON: {"after_submit": URL, "page_text": ..., "listed_after": bool}.
Usage: cdp_resolve.py CHROMIUM BASE_URL FLAG_ID PROFILE_DIR"""
import json
import os
import select
import subprocess
import sys
import time

DEADLINE = time.time() + 60


class Browser:
    def __init__(self, chromium, profile):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        # Chromium reads commands on fd 3 and writes replies and events on fd 4. The pipes may themselves be fds
        # 3 and 4, so they go through fresh descriptors first (dup2 onto itself would keep close-on-exec).
        def fds():
            read_end, write_end = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)
        self.proc = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
             "--disable-background-networking", "--disable-component-update", "--user-data-dir=" + profile,
             "--remote-debugging-pipe", "about:blank"],
            close_fds=False, preexec_fn=fds,  # close_fds would close 3 and 4 after preexec_fn
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer, self.next_id, self.events = b"", 0, []

    def read_message(self):
        while b"\0" not in self.buffer:
            left = DEADLINE - time.time()
            if left <= 0 or not select.select([self.from_chrome], [], [], left)[0]:
                raise TimeoutError("chromium did not answer in time")
            chunk = os.read(self.from_chrome, 65536)
            if not chunk:
                raise EOFError("chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, session=None, **params):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.read_message()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(method + ": " + json.dumps(reply["error"]))
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, method):
        while True:
            for i, e in enumerate(self.events):
                if e.get("method") == method:
                    del self.events[i]
                    return e
            self.events.append(self.read_message())

    def close(self):
        try:
            self.call("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def main():
    chromium, base, flag, profile = sys.argv[1:5]
    b = Browser(chromium, profile)
    try:
        target = b.call("Target.createTarget", url="about:blank")["targetId"]
        s = b.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        b.call("Page.enable", session=s)

        def load(url):
            b.call("Page.navigate", session=s, url=url)
            b.wait_event("Page.loadEventFired")

        def evaluate(expression):
            return b.call("Runtime.evaluate", session=s, expression=expression, returnByValue=True)["result"].get("value")

        load(base + "/flag/" + flag)
        # DevTools evaluation is not page script: the page's CSP (no scripts at all) does not apply to it.
        submitted = evaluate("""(() => {
            const form = document.querySelector('form[action$="/resolve"]');
            if (!form) return false;
            form.querySelector('input[name=by]').value = 'Chromium Klik';
            form.querySelector('input[name=note]').value = 'løst i browseren';
            form.querySelector('button[type=submit]').click();
            return true; })()""")
        result = {"submitted": submitted}
        if submitted:
            b.wait_event("Page.loadEventFired")
            result["after_submit"] = evaluate("location.pathname")
            result["page_text"] = evaluate("document.body.innerText")
        load(base + "/")
        result["listed_after"] = evaluate("document.querySelector('a[href=\"/flag/%s\"]') !== null" % flag)
        result["list_loaded"] = evaluate("document.querySelector('h1') && document.querySelector('h1').innerText")
        print(json.dumps(result))
    finally:
        b.close()


if __name__ == "__main__":
    main()
