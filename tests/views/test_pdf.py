"""core.views.pdf without a real Chromium: which one is used, and every failure is a
PdfError with a reason (the browser test prints the real summary with Chromium)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from core.errors import CockpitError
from core.views import pdf


def _script(folder: Path, body: str) -> str:
    path = folder / "fake-chromium"
    path.write_text(f"#!/bin/sh\n{body}\n", "utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_a_configured_executable_wins_and_a_missing_one_falls_back(tmp_path: Path) -> None:
    fake = _script(tmp_path, "exit 0")
    assert pdf.chromium_path(fake) == fake
    fallback = pdf.chromium_path(str(tmp_path / "nope"))
    assert fallback is None or (Path(fallback).is_file() and os.access(fallback, os.X_OK))


def test_the_document_is_printed_from_a_private_file_to_the_requested_target(
    tmp_path: Path,
) -> None:
    # The fake writes the file named by --print-to-pdf and records its arguments.
    log = tmp_path / "args"
    fake = _script(
        tmp_path,
        f'printf "%s\\n" "$@" > {log}\n'
        'for a in "$@"; do case "$a" in --print-to-pdf=*) printf "%%PDF-1.4 x" > "${a#*=}";; '
        "esac; done",
    )
    assert pdf.html_to_pdf("<p>x</p>", fake) == b"%PDF-1.4 x"
    args = log.read_text("utf-8").splitlines()
    assert "--headless" in args and "--no-pdf-header-footer" in args
    assert args[-1].startswith("file://") and args[-1].endswith("/summary.html")
    assert any(a.startswith("--user-data-dir=") for a in args)  # a throw-away profile


def test_no_pdf_written_is_an_error_with_the_last_line_of_stderr(tmp_path: Path) -> None:
    fake = _script(tmp_path, 'echo "first" >&2; echo "Aborted: no display" >&2; exit 3')
    with pytest.raises(pdf.PdfError) as failure:
        pdf.html_to_pdf("<p>x</p>", fake)
    assert isinstance(failure.value, CockpitError)
    assert "Aborted: no display" in failure.value.message("de")
    assert failure.value.message("de").startswith("Das PDF konnte nicht erstellt werden")


def test_a_hanging_chromium_is_stopped(tmp_path: Path) -> None:
    fake = _script(tmp_path, "sleep 30")
    with pytest.raises(pdf.PdfError, match="> 1 s"):
        pdf.html_to_pdf("<p>x</p>", fake, timeout_s=1)
