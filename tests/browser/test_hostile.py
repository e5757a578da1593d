"""Hostile text and a busy store in a real browser (issue 17, points 5 and 6).

Option names, descriptions, partners and sources, and a scenario name, carry Markdown,
HTML and LaTeX that would fetch an image from a counting HTTP server on loopback. Every
page that shows them is opened; the server must see no request, and the text must be
visible as typed. Then the app is started on a store that another process holds: the page
says so in German and loads by itself once the store is free.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from core import editing, settings, store
from core.scoring.weightset import WeightSet
from core.store import seed
from tests.browser.conftest import serve
from tests.browser.helpers import wait_rendered

pytestmark = pytest.mark.browser


class _Counter(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        _Counter.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture(scope="module")
def trap() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _payloads(base: str) -> dict[str, str]:
    return {
        "name": f"![n]({base}/name.png) **fett** $x^2$",
        "description": f'<img src="{base}/desc.png"> [Link]({base}/l) ![d]({base}/d.png)',
        "partner": f":red[rot] ![p]({base}/partner.png)",
        "source": f"![s]({base}/source.png) {base}/auto",
    }


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory, chromium: str, trap: str) -> Iterator[str]:
    path = str(tmp_path_factory.mktemp("hostile") / "cockpit.duckdb")
    payloads = _payloads(trap)
    with seed.opened(path) as conn:
        options = store.options(conn, "ozg")
        for option_id in options["id"]:  # every ozg option, so the best one is hostile too
            for column, text in payloads.items():
                value = f"{text} {option_id}" if column == "name" else text
                conn.execute(
                    f'UPDATE options SET "{column}" = ? WHERE id = ?',  # noqa: S608
                    [value, option_id],
                )
        editing.save_scenario(
            conn,
            editing.Actor("anna", editing.EDITOR),
            f"![sz]({trap}/scenario.png)",
            WeightSet({"cost": 40, "citizen_value": 40, "feasibility": 20}),
            store.criteria(conn),
        )
    with serve(path) as url:
        yield url


PAGES = [
    "/?area=ozg",
    "/bereich?area=ozg",
    "/sensitivitaet?area=ozg",
    "/szenarien",
    "/methodik",
    "/praesentation?area=ozg&present=1",
]


def test_no_page_fetches_anything_a_text_names(hostile_server, page, trap) -> None:
    page.set_default_timeout(90_000)  # the first run of each page computes every area
    _Counter.hits.clear()
    remote: list[str] = []
    page.on("request", lambda r: remote.append(r.url) if r.url.startswith(trap) else None)
    for path in PAGES:
        page.goto(hostile_server + path)
        wait_rendered(page)
        page.wait_for_timeout(300)
    page.goto(hostile_server + "/bereich?area=ozg")
    wait_rendered(page)
    body = page.inner_text("body").replace("\u2060", "")  # the joiner that breaks autolinks
    assert "![d](" in body and "<img src=" in body  # shown as typed
    assert f"{trap}/source.png" in body
    assert page.locator(f'img[src^="{trap}"]').count() == 0
    assert page.locator(f'a[href^="{trap}"]').count() == 0
    print(f"\nremote fetches from rendered text: {len(remote)} (server saw {len(_Counter.hits)})")
    assert remote == [] and _Counter.hits == []


_HOLDER = r"""
import sys, time
from core import store
conn = store.connect(sys.argv[1])
print("held", flush=True)
sys.stdin.readline()
store.close(conn)
"""


def test_a_store_held_elsewhere_is_a_german_note_and_the_page_retries(
    tmp_path, chromium, page
) -> None:
    page.set_default_timeout(90_000)
    path = str(tmp_path / "busy.duckdb")
    with seed.opened(path):
        pass
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, path],
        cwd=settings.REPO_ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with serve(path) as url:
            page.goto(url)
            note = page.get_by_text("wird gerade von einem anderen Programm benutzt")
            note.wait_for(timeout=30_000)
            body = page.inner_text("body")
            assert "Traceback" not in body and "IOException" not in body and "PID" not in body
            holder.stdin.write("\n")
            holder.stdin.flush()
            holder.wait(timeout=30)
            page.get_by_text("Datenstand").first.wait_for(timeout=60_000)
            wait_rendered(page)
            assert "wird gerade von einem anderen Programm benutzt" not in page.inner_text("body")
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
