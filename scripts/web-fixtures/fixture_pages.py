"""What scripts/record-web-fixtures and the rrweb benchmark peer (bench/peers/rrweb/) share:
Debian's chromium, rrweb's recorder 1.1.3 from the SHA-256 pinned django-rrweb wheel, the
fixture manifest, a loopback server for Fixtures/web/pages/ and the Chromium command line
that reaches it at the fixtures' realistic http://shop.example/… URLs.
"""
import hashlib
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.parse
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WEB = os.path.join(ROOT, "Fixtures", "web")
PAGES = os.path.join(WEB, "pages")
HARNESS = os.path.join(ROOT, "scripts", "web-fixtures", "harness.js")
SCRATCH = os.path.join(ROOT, ".build-fixtures")

WHEEL = "django_rrweb-4.0.5-py3-none-any.whl"
WHEEL_SHA256 = "dba5b513efd89c37af93ee89a1c42ffdacecebc98ed1f9e2459debf842fd6552"
RECORDER_IN_WHEEL = "django_rrweb/static/django-rrweb/rrweb-record-1-1-3.js"
RECORDER_SHA256 = "0dcba70e5917460a4184204a4dd91bec51cefeda69c6e7225eaeea0f836dd907"
HOSTS = ["shop.example", "cdn.shop.example"]


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def ensure_chromium(log):
    if shutil.which("chromium"):
        return shutil.which("chromium")
    log("installing Debian's chromium")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(sudo + ["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"], check=True, env=env)
    return shutil.which("chromium")


def chromium_version(chromium):
    return subprocess.run([chromium, "--version"], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL).stdout.decode().strip()


def ensure_recorder(log):
    """rrweb-record-1-1-3.js out of the pinned wheel, in .build-fixtures/ (git-ignored)."""
    recorder = os.path.join(SCRATCH, "rrweb-record.js")
    if os.path.exists(recorder) and sha256(recorder) == RECORDER_SHA256:
        return recorder
    os.makedirs(SCRATCH, exist_ok=True)
    wheel = os.path.join(SCRATCH, WHEEL)
    if not os.path.exists(wheel):
        log("downloading django-rrweb 4.0.5 from PyPI")
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "--only-binary", ":all:", "-d", SCRATCH, "django-rrweb==4.0.5"], check=True)
    if sha256(wheel) != WHEEL_SHA256:
        sys.exit(f"{WHEEL} has an unexpected SHA-256")
    with zipfile.ZipFile(wheel) as z, open(recorder, "wb") as out:
        out.write(z.read(RECORDER_IN_WHEEL))
    if sha256(recorder) != RECORDER_SHA256:
        sys.exit("rrweb-record-1-1-3.js has an unexpected SHA-256")
    return recorder


def read_manifest(only=()):
    """[(name, URL)] from pages/urls.txt (`name URL` lines; `#` starts a comment)."""
    fixtures = []
    with open(os.path.join(PAGES, "urls.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, url = line.split(None, 1)
            if not only or name in only:
                fixtures.append((name, url.strip()))
    return fixtures


def event_line(event):
    """One event as a line of Fixtures/web/<name>.jsonl (no newline)."""
    return json.dumps(event, ensure_ascii=False, separators=(",", ":"))


class PageServer:
    """Serves rrweb's recorder at /__rrweb/rrweb-record.js, `harness()` (bytes) at
    /__rrweb/harness.js, each fixture page at its URL's path, an empty 404 for anything else
    the pages reference, and hands POSTs to /__rrweb/result to `on_result(bytes)`."""

    def __init__(self, recorder, fixtures, harness, on_result=None):
        routes = {}
        for name, url in fixtures:
            path = urllib.parse.urlsplit(url).path.split(";", 1)[0] or "/"
            routes[path] = os.path.join(PAGES, f"{name}.html")

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def send(self, status, body, content_type):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                path = re.split(r"[?#;]", self.path, 1)[0]
                if path == "/__rrweb/rrweb-record.js":
                    with open(recorder, "rb") as f:
                        return self.send(200, f.read(), "text/javascript")
                if path == "/__rrweb/harness.js":
                    return self.send(200, harness(), "text/javascript")
                page = routes.get(path)
                if page:
                    with open(page, "rb") as f:
                        return self.send(200, f.read(), "text/html; charset=utf-8")
                # Images, stylesheets and pixels the pages reference: an empty answer.
                self.send(404, b"", "text/plain")

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path == "/__rrweb/result" and on_result:
                    on_result(body)
                    return self.send(204, b"", "text/plain")
                self.send(404, b"", "text/plain")

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def chromium_command(chromium, port, url, *extra):
    """Headless Chromium on `url`, the fixtures' host names mapped to the loopback port."""
    rules = ", ".join(f"MAP {h} 127.0.0.1:{port}" for h in HOSTS)
    return [
        chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable",
        f"--host-resolver-rules={rules}", "--window-size=1280,800", *extra, url,
    ]
