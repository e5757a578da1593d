"""Print an HTML document to an A4 PDF with the headless Chromium the project already installs.

Chosen over a PDF library (no new dependency, no second layout engine and fonts to keep in
line with the browser) and over Playwright at runtime (a test tool with its own driver
process): Debian's ``chromium --headless --print-to-pdf`` lays the page out exactly as the
browser test measures it and honours ``@page`` (size, margins, page-number boxes). The
document is our own (data escaped, a Content-Security-Policy without scripts or loads); it
is written to a private temporary directory and Chromium runs with a throw-away profile,
no network services and a time limit.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from core.errors import CockpitError

TIMEOUT_S = 90.0
FLAGS = (
    "--headless",
    "--disable-gpu",
    "--no-first-run",
    "--disable-extensions",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)


class PdfError(CockpitError, RuntimeError):
    """Chromium could not print the summary (missing, failed or too slow)."""


def chromium_path(configured: str = "") -> str | None:
    """The Chromium to use: ``configured`` (the ``chromium`` setting), else ``chromium`` on
    the PATH, else Debian's /usr/bin/chromium; None when none exists."""
    for candidate in (configured, shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def html_to_pdf(document: str, chromium: str, timeout_s: float = TIMEOUT_S) -> bytes:
    """The PDF Chromium prints from the HTML ``document`` (paper size from its ``@page``)."""
    with tempfile.TemporaryDirectory(prefix="cockpit-pdf-") as folder:
        source = Path(folder) / "summary.html"
        target = Path(folder) / "summary.pdf"
        source.write_text(document, encoding="utf-8")
        command = [
            chromium,
            *FLAGS,
            # Chromium refuses to start as root inside its sandbox (containers run as root).
            *(["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        stderr = _run(command, folder, timeout_s)
        if not target.is_file() or target.stat().st_size == 0:
            lines = stderr.decode("utf-8", "replace").strip().splitlines()
            raise PdfError("pdf_failed", reason=(lines[-1] if lines else "no PDF")[:200])
        return target.read_bytes()


def _run(command: list[str], folder: str, timeout_s: float) -> bytes:
    """Run Chromium in a session of its own; on timeout stop it with all its helpers
    (renderer, zygote), which would otherwise keep running and hold the pipe open."""
    try:
        process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=folder,
            start_new_session=True,
        )
    except OSError as exc:
        raise PdfError("pdf_failed", reason=exc.strerror or str(exc)) from None
    try:
        return process.communicate(timeout=timeout_s)[1]
    except subprocess.TimeoutExpired:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows: no process groups of this kind
            process.kill()
        process.communicate()
        raise PdfError("pdf_failed", reason=f"> {timeout_s:.0f} s") from None
