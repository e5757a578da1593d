"""A real `streamlit run` on loopback and Debian's Chromium driven by Playwright.

Under CI (CI=true) a missing Chromium is a failure, never a skip.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from core import settings
from tests.browser.helpers import wait_healthy
from ui import launch

ARTIFACTS = settings.REPO_ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    candidate = (
        os.environ.get("COCKPIT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    )
    return candidate if Path(candidate).exists() else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium missing under CI: scripts/install-system-deps.sh must install it")
        pytest.skip("Chromium not installed (make test installs Debian's chromium)")
    return path


@contextlib.contextmanager
def serve(db: str, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """Run the app on a free loopback port with its own store file; yield its URL.

    ``extra_env`` adds variables, e.g. a temporary HOME holding a test secrets.toml."""
    port = _free_port()
    env = {**os.environ, "COCKPIT_DB": db, **(extra_env or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "ui.launch", *launch.loopback_options(port)],
        cwd=settings.REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    wait_healthy(process, url)
    try:
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, chromium: str) -> Iterator[str]:
    with serve(str(tmp_path_factory.mktemp("browser") / "cockpit.duckdb")) as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1700}, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


@pytest.fixture
def page_at(browser):
    """A factory for pages with a given viewport, e.g. the projector's 1024×768."""
    contexts = []

    def make(width: int, height: int):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="de-DE")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
