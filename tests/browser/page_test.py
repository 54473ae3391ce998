#!/usr/bin/env python3
"""Browser test of the interactive page (spheres.html), run by CI.

Starts chromedriver on 127.0.0.1, drives headless Chromium over the WebDriver JSON protocol
(standard library only) and opens the page from file://. Checks that moving the slider changes
the map, that hovering and focusing a region shows its details, that the arrow keys step the
years, that no request leaves the page and that the console has no error.

    python3 tests/browser/page_test.py PAGE.html [--screenshots DIR]
"""

import argparse
import base64
import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
KEYS = {"ArrowLeft": "\ue012", "ArrowRight": "\ue014", "End": "\ue010", "Tab": "\ue004"}
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
]


class WebDriver:
    """The few WebDriver commands the test needs."""

    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.session = None

    def call(self, method, path, body=None):
        url = self.base + (f"/session/{self.session}" if self.session else "") + path
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.load(response).get("value")
        except urllib.error.HTTPError as e:
            raise RuntimeError(f"{method} {path}: {e.read().decode(errors='replace')}") from None

    def start(self, binary, user_data_dir, size):
        flags = CHROMIUM_FLAGS + [f"--user-data-dir={user_data_dir}", f"--window-size={size}"]
        capabilities = {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": binary, "args": flags},
            "goog:loggingPrefs": {"browser": "ALL", "performance": "ALL"},
        }
        value = self.call("POST", "/session", {"capabilities": {"alwaysMatch": capabilities}})
        self.session = value["sessionId"]

    def quit(self):
        if self.session:
            try:
                self.call("DELETE", "")
            finally:
                self.session = None

    def run(self, script, *args):
        return self.call("POST", "/execute/sync", {"script": script, "args": list(args)})

    def find(self, css):
        return self.call("POST", "/element", {"using": "css selector", "value": css})[ELEMENT]

    def keys(self, element, *names):
        text = "".join(KEYS[n] for n in names)
        self.call("POST", f"/element/{element}/value", {"text": text})

    def press(self, name):
        """A key pressed wherever the focus is."""
        key = KEYS[name]
        actions = [{"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}]
        self.call("POST", "/actions", {"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})

    def hover(self, x, y):
        move = {"type": "pointerMove", "duration": 0, "origin": "viewport", "x": x, "y": y}
        pointer = {"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"}, "actions": [move]}
        self.call("POST", "/actions", {"actions": [pointer]})

    def log(self, kind):
        return self.call("POST", "/se/log", {"type": kind}) or []

    def screenshot(self, path):
        path.write_bytes(base64.b64decode(self.call("GET", "/screenshot")))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_chromedriver(driver_binary):
    port = free_port()
    process = subprocess.Popen(
        [driver_binary, f"--port={port}", "--allowed-ips=127.0.0.1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=2) as r:
                if json.load(r)["value"].get("ready"):
                    return process, port
        except (OSError, ValueError):
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("chromedriver did not start")


# What the map shows: the year class, and for each region whether it shows and its paint.
MAP_STATE = """
const map = document.getElementById('map');
const regions = Array.from(map.querySelectorAll('[data-kind="region"]')).map(g => {
  const shown = getComputedStyle(g).display !== 'none';
  const poly = Array.from(g.querySelectorAll('polygon')).find(p => getComputedStyle(p).display !== 'none');
  return g.id + ':' + shown + ':' + (poly ? getComputedStyle(poly).fill : '');
});
return {year: map.getAttribute('class'), shown: document.getElementById('year-shown').textContent,
        regions: regions.join('|')};
"""


# A region drawn this year and a viewport point where it is what the pointer reaches.
FIND_REGION_POINT = """
const data = JSON.parse(document.getElementById('page-data').textContent);
const year = data.years.find(y => 'y' + y.year === document.getElementById('map').getAttribute('class'));
for (const g of document.querySelectorAll('#map [data-kind="region"]')) {
  if (getComputedStyle(g).display === 'none') continue;
  g.scrollIntoView({block: 'center'});
  const r = g.getBoundingClientRect();
  for (let i = 1; i < 10; i++) for (let j = 1; j < 10; j++) {
    const x = Math.round(r.left + r.width * i / 10), y = Math.round(r.top + r.height * j / 10);
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
    const hit = document.elementFromPoint(x, y);
    if (hit && hit.closest('[data-id]') === g && year.regions[g.dataset.id])
      return {id: g.id, name: year.regions[g.dataset.id].name, x: x, y: y};
  }
}
return null;
"""


class Failures:
    def __init__(self):
        self.list = []

    def check(self, ok, what):
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            self.list.append(what)


def test_page(wd, page, failures):
    wd.call("POST", "/url", {"url": page.resolve().as_uri()})
    years = wd.run("return JSON.parse(document.getElementById('page-data').textContent).years.map(y => y.year);")
    failures.check(len(years) >= 2, f"the page has {len(years)} years")
    first = wd.run(MAP_STATE)
    failures.check(first["year"] == f"y{years[0]}", f"the map opens on {years[0]} ({first['year']})")

    # The slider, moved with the keyboard as a reader would, changes the year and the map.
    slider = wd.find("#year")
    wd.keys(slider, "End")
    last = wd.run(MAP_STATE)
    failures.check(last["year"] == f"y{years[-1]}", f"the slider's End moves to {years[-1]} ({last['year']})")
    failures.check(last["shown"] == str(years[-1]), "the year shown follows the slider")
    failures.check(last["regions"] != first["regions"], "the map changes with the slider")
    announced = wd.run("return document.getElementById('announce').textContent;")
    failures.check(str(years[-1]) in announced, "the live region announces the new year")

    # The arrow keys step the years when the focus is elsewhere on the page.
    wd.run("document.activeElement.blur(); document.body.focus();")
    wd.press("ArrowLeft")
    failures.check(wd.run(MAP_STATE)["year"] == f"y{years[-2]}", "ArrowLeft steps back one year")
    wd.press("ArrowRight")
    failures.check(wd.run(MAP_STATE)["year"] == f"y{years[-1]}", "ArrowRight steps on one year")

    # Hovering a region shows its details: the pointer goes to a point where the region itself
    # is the topmost thing one can ask about.
    target = wd.run(FIND_REGION_POINT)
    failures.check(target is not None, f"a region can be pointed at ({target})")
    if target:
        wd.hover(target["x"], target["y"])
        heading = wd.run("const h = document.querySelector('#details h2'); return h ? h.textContent : '';")
        failures.check(heading == f"{target['name']} ({years[-1]})", f"hovering {target['id']} shows its details ({heading!r})")
        outlined = wd.run("return document.querySelectorAll('#highlight polygon').length;")
        failures.check(outlined > 0, f"the hovered region is outlined ({outlined} shapes)")

    # Tab from the top of the page passes the controls and reaches a region, whose details show.
    wd.run("document.activeElement.blur(); window.scrollTo(0, 0);")
    focused = [None, None, ""]
    for _ in range(10):
        wd.press("Tab")
        focused = wd.run("const e = document.activeElement; return [e.getAttribute('data-kind'), e.getAttribute('aria-label'), document.getElementById('details').textContent];")
        if focused[0] == "region":
            break
    failures.check(focused[0] == "region", f"Tab reaches a region ({focused[1]})")
    failures.check(bool(focused[1]) and focused[1].split(":")[0] in focused[2], "the focused region's details show")

    # Play steps the years by itself.
    wd.run("document.getElementById('year').value = 0; document.getElementById('year').dispatchEvent(new Event('input'));")
    wd.run("document.getElementById('play').click();")
    time.sleep(2.0)
    playing = wd.run(MAP_STATE)["year"]
    wd.run("document.getElementById('play').click();")
    failures.check(playing != f"y{years[0]}", f"play steps the years ({playing})")


def check_logs(wd, failures):
    errors = [e for e in wd.log("browser") if e.get("level") == "SEVERE"]
    for e in errors:
        print("  console:", e.get("message"))
    failures.check(not errors, "the console has no error")
    # The page's own requests may only read itself (file:) and its inline data (data:); and
    # nothing at all, the browser's own pages included, may go out to the network.
    remote = []
    for entry in wd.log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            params = message["params"]
            url = params["request"]["url"]
            from_page = params.get("documentURL", "").startswith("file:")
            if (from_page and not url.startswith(("file:", "data:"))) or url.startswith(
                ("http:", "https:", "ws:", "wss:", "ftp:")
            ):
                remote.append(url)
    for url in remote:
        print("  request:", url)
    failures.check(not remote, "no request leaves the page")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=pathlib.Path)
    parser.add_argument("--screenshots", type=pathlib.Path, help="save phone and slide screenshots here")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_binary = shutil.which("chromedriver")
    if not chromium or not driver_binary:
        sys.exit("chromium and chromedriver are needed (Debian: apt-get install chromium chromium-driver)")
    failures = Failures()
    process, port = start_chromedriver(driver_binary)
    try:
        with tempfile.TemporaryDirectory() as profile:
            wd = WebDriver(port)
            wd.start(chromium, profile, "1920,1080")
            try:
                test_page(wd, args.page, failures)
                check_logs(wd, failures)
                if args.screenshots:
                    shoot(wd, args.page, args.screenshots)
            finally:
                wd.quit()
    finally:
        process.terminate()
        process.wait(timeout=10)
    if failures.list:
        sys.exit(f"{len(failures.list)} browser check(s) failed")
    print("browser test passed")


def shoot(wd, page, folder):
    """The page at slide and phone width, on a year with much on it, for a person to look at."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (width, height, mobile) in {"slide": (1920, 1080, False), "phone": (390, 844, True)}.items():
        # Chromium's windows have a minimum width: the device metrics set the viewport itself.
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}
        wd.call("POST", "/goog/cdp/execute", {"cmd": "Emulation.setDeviceMetricsOverride", "params": metrics})
        wd.call("POST", "/url", {"url": page.resolve().as_uri()})
        wd.run("""const s = document.getElementById('year');
          const years = JSON.parse(document.getElementById('page-data').textContent).years;
          const i = Math.max(0, years.findIndex(y => y.year === 1912));
          s.value = i; s.dispatchEvent(new Event('input'));
          const g = document.querySelector('#map [data-id="korea"]'); if (g) g.focus({preventScroll: true});""")
        wd.screenshot(folder / f"{name}.png")
        full = int(wd.run("return document.documentElement.scrollHeight;"))
        metrics["height"] = max(height, full)
        wd.call("POST", "/goog/cdp/execute", {"cmd": "Emulation.setDeviceMetricsOverride", "params": metrics})
        wd.screenshot(folder / f"{name}-full.png")
    # The page as it prints: the year shown as a normal map.
    metrics = {"width": 1123, "height": 794, "deviceScaleFactor": 1, "mobile": False}
    wd.call("POST", "/goog/cdp/execute", {"cmd": "Emulation.setDeviceMetricsOverride", "params": metrics})
    wd.call("POST", "/goog/cdp/execute", {"cmd": "Emulation.setEmulatedMedia", "params": {"media": "print"}})
    wd.screenshot(folder / "print.png")
    wd.call("POST", "/goog/cdp/execute", {"cmd": "Emulation.setEmulatedMedia", "params": {"media": ""}})

if __name__ == "__main__":
    main()
