#!/usr/bin/env python3
"""Uses the browser build as a person would, in headless Chromium with the network blocked,
driven through the DevTools protocol over a pipe (no extra packages): opens the page from
disk, clicks File > Open files..., picks a CSV in the page's file picker, waits for the app
to read it, clicks File > Export CSV and checks the downloaded file holds the grades read;
then saves the Excel workbook and the Word briefing, which must arrive as such; opens the page
again, with a grade put in My grades in the page's storage, and checks the view was kept and
the grade is exported.

    python3 .ci/web_drive.py PAGE.html GRADES.csv OUT_DIR

Exits 0 when all holds; screenshots and the downloaded CSV are left in OUT_DIR.
"""

import base64
import json
import os
import subprocess
import sys
import time

# Where the File menu and its items are on a 1366x768 page (the top bar's first button).
FILE_MENU = (128, 12)
OPEN_FILES = (154, 41)
EXPORT_LONG_CSV = (190, 73)
EXPORT_WORKBOOK = (190, 119)
SAVE_WORD_BRIEFING = (190, 188)
COMPARE_TAB = (480, 12)

# Where the page keeps My grades (src/gui/app.rs, MY_GRADES_KEY), and one made up to put
# there: a grade the published record lacks, with the page it came from. Its note says it is
# made up.
MY_GRADES_KEY = "peel-explorer-my-grades"
MY_GRADE = ("unit,period,area,grade,carried_over,source,source_kind,entered,note\n"
            "Bedfordshire,2018/19,Serious and organised crime,Good,no,"
            "https://example.org/made-up-page,other,2026-12-08,made up for the browser check\n")


class Browser:
    def __init__(self, out):
        self.out = out
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()

        def fds():
            os.dup2(to_child_r, 3)
            os.dup2(from_child_w, 4)

        flags = [
            "--headless=new", "--no-sandbox", "--use-angle=swiftshader",
            "--enable-unsafe-swiftshader", "--host-resolver-rules=MAP * ~NOTFOUND",
            "--window-size=1366,768", "--no-first-run", "--remote-debugging-pipe",
            "--user-data-dir=" + os.path.join(out, "profile"),
        ]
        log = open(os.path.join(out, "chromium.log"), "w")
        self.proc = subprocess.Popen(["chromium", *flags, "about:blank"], preexec_fn=fds,
                                     pass_fds=(3, 4), stdout=log, stderr=log)
        os.close(to_child_r)
        os.close(from_child_w)
        self.next_id = 0
        self.buffer = b""
        self.events = []
        self.console = []
        self.session = None

    def send(self, method, params=None, session=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_child, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.read(30)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def read(self, timeout):
        deadline = time.time() + timeout
        while b"\0" not in self.buffer:
            if time.time() > deadline:
                raise TimeoutError("no answer from the browser")
            chunk = os.read(self.from_child, 1 << 20)
            if not chunk:
                raise RuntimeError("the browser closed")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        message = json.loads(raw)
        if "method" in message:
            self.events.append(message)
            if message["method"] == "Runtime.consoleAPICalled":
                args = message["params"]["args"]
                self.console.append(" ".join(str(a.get("value", "")) for a in args))
        return message

    def wait_for(self, what, test, timeout=60):
        """Reads messages until `test` holds (it sees the console and the events)."""
        deadline = time.time() + timeout
        while not test():
            if time.time() > deadline:
                raise TimeoutError(f"waited {timeout} s for {what}")
            self.read(deadline - time.time())

    def click(self, at):
        x, y = at
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y,
                                                   "button": "left", "clickCount": 1})
        time.sleep(0.3)

    def screenshot(self, name):
        shot = self.send("Page.captureScreenshot", {"format": "png"})
        with open(os.path.join(self.out, name), "wb") as f:
            f.write(base64.b64decode(shot["data"]))

    def close(self):
        self.proc.kill()
        self.proc.wait()


def completed(b):
    """The downloads the browser has finished."""
    return [e for e in b.events if e["method"] == "Browser.downloadProgress"
            and e["params"].get("state") == "completed"]


def main():
    page, grades, out = (os.path.abspath(a) for a in sys.argv[1:4])
    downloads = os.path.join(out, "downloads")
    os.makedirs(downloads, exist_ok=True)
    b = Browser(out)
    try:
        b.send("Browser.setDownloadBehavior",
               {"behavior": "allow", "downloadPath": downloads, "eventsEnabled": True},
               session=False)
        target = b.send("Target.createTarget", {"url": "about:blank"}, session=False)
        b.session = b.send("Target.attachToTarget",
                           {"targetId": target["targetId"], "flatten": True},
                           session=False)["sessionId"]
        for method in ("Page.enable", "Runtime.enable"):
            b.send(method)
        b.send("Page.setInterceptFileChooserDialog", {"enabled": True})
        b.send("Page.navigate", {"url": "file://" + page})
        b.wait_for("the first frame", lambda: any("first frame" in c for c in b.console))
        time.sleep(1)

        # File > Open files..., and the CSV given to the page's file picker.
        b.click(FILE_MENU)
        b.screenshot("menu.png")
        b.click(OPEN_FILES)
        chooser = lambda: [e for e in b.events if e["method"] == "Page.fileChooserOpened"]
        b.wait_for("the file picker", chooser)
        b.send("DOM.setFileInputFiles",
               {"files": [grades], "backendNodeId": chooser()[0]["params"]["backendNodeId"]})
        name = os.path.basename(grades)
        b.wait_for("the file to be read", lambda: any(f"read {name}" in c for c in b.console))
        read = next(c for c in b.console if f"read {name}" in c)
        print(read)
        if "rejected" in read:
            raise RuntimeError(read)
        time.sleep(1)
        b.screenshot("loaded.png")

        # File > Export CSV, one row per grade: a download holding the file's grades.
        b.click(FILE_MENU)
        b.click(EXPORT_LONG_CSV)
        done = lambda: any(e["method"] == "Browser.downloadProgress"
                           and e["params"].get("state") == "completed" for e in b.events)
        b.wait_for("the download", done)
        files = [f for f in os.listdir(downloads) if f.endswith(".csv")]
        if not files:
            raise RuntimeError("no CSV was downloaded")
        with open(os.path.join(downloads, files[0]), encoding="utf-8") as f:
            text = f.read()
        print(f"downloaded {files[0]}: {len(text.splitlines())} lines")
        # The published record grades Kent otherwise in 2018/19: this line is the file's.
        if "Kent,2018/19,Outstanding" not in text:
            raise RuntimeError("the download lacks the file's grade for Kent in 2018/19")
        b.screenshot("exported.png")

        # The workbook and the Word briefing (its charts drawn in the page) as downloads.
        for at, name, part in ((EXPORT_WORKBOOK, "peel-grades.xlsx", b"xl/workbook.xml"),
                               (SAVE_WORD_BRIEFING, "peel-briefing.docx", b"word/document.xml")):
            before = len(completed(b))
            b.click(FILE_MENU)
            b.click(at)
            b.wait_for(name, lambda: len(completed(b)) > before, timeout=120)
            with open(os.path.join(downloads, name), "rb") as f:
                data = f.read()
            if not data.startswith(b"PK") or part not in data:
                raise RuntimeError(f"{name} is not what it should be")
            print(f"downloaded {name}: {len(data)} bytes")

        # Settings kept in the browser's storage: the page opened again shows Compare. And
        # My grades kept there too: one put in the page's storage before it opens again
        # must be read and exported with its page.
        def shown():
            return b.send("Runtime.evaluate", {"expression": "location.hash"})["result"]["value"]
        for _ in range(3):  # a click that lands as a menu closes is tried again
            b.click(COMPARE_TAB)
            time.sleep(1)
            if shown().startswith("#view=compare"):
                break
        else:
            raise RuntimeError(f"the Compare tab did not open: {shown()}")
        # Saved in the page's storage within a second or two, whether or not the page loses
        # focus before it closes.
        def stored():
            expression = 'localStorage.getItem("peel-explorer-settings") || ""'
            return b.send("Runtime.evaluate", {"expression": expression})["result"]["value"]
        deadline = time.time() + 3
        while "view:Compare" not in stored().replace(" ", "") and time.time() < deadline:
            time.sleep(0.2)
        if "view:Compare" not in stored().replace(" ", ""):
            raise RuntimeError("the view was not in the page's storage 3 s after it changed")
        seed = (f"try {{ if (location.protocol === 'file:') localStorage.setItem("
                f"{json.dumps(MY_GRADES_KEY)}, {json.dumps(MY_GRADE)}); }} catch (e) {{}}")
        b.send("Page.addScriptToEvaluateOnNewDocument", {"source": seed})
        b.send("Page.navigate", {"url": "about:blank"})
        time.sleep(1)
        b.send("Page.navigate", {"url": "file://" + page})
        b.wait_for("the page again", lambda: sum("first frame" in c for c in b.console) >= 2)
        address = shown()
        print(f"opened again: {address}")
        if not address.startswith("#view=compare"):
            raise RuntimeError("the settings were not kept in the browser's storage")
        b.screenshot("again.png")
        before = len(completed(b))
        b.click(FILE_MENU)
        b.click(EXPORT_LONG_CSV)
        b.wait_for("the second CSV", lambda: len(completed(b)) > before)
        newest = max((f for f in os.listdir(downloads) if f.endswith(".csv")),
                     key=lambda f: os.path.getmtime(os.path.join(downloads, f)))
        with open(os.path.join(downloads, newest), encoding="utf-8") as f:
            mine = [line.strip() for line in f if line.startswith("Bedfordshire,2018/19,")
                    and ",Serious and organised crime," in line]
        print(f"my grade exported: {mine}")
        if len(mine) != 1 or ",Good," not in mine[0] or "example.org/made-up-page" not in mine[0]:
            raise RuntimeError("the grade in My grades was not read from the page's storage")
    finally:
        b.close()


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # noqa: BLE001 - any failure is the check failing
        print(f"FAIL: {e}")
        sys.exit(1)
