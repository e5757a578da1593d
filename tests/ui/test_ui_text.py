"""ui.text: messages for Markdown elements show data text as typed."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from core.editing.edits import CellIssue
from core.errors import InputError
from ui import text

HOSTILE = "![x](http://host/p.png) **fett** $x^2$ :red[rot]"


@pytest.fixture(autouse=True)
def german(monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside a script run ui.text keeps the last run's language; these tests want German."""
    monkeypatch.setattr(text, "lang", lambda: "de")


def _html(markdown: str) -> str:
    return MarkdownIt("commonmark").render(markdown)


def test_an_error_with_a_typed_name_renders_no_image_link_or_emphasis() -> None:
    shown = text.message(InputError("profile_name_taken", name=HOSTILE))
    assert shown.startswith("Der Name „")
    html = _html(shown)
    assert "<img" not in html and "<a " not in html and "<strong>" not in html
    assert "![x](http://host/p.png)" in html.replace("\u2060", "")  # the text, as typed
    assert "\\$x\\^2\\$" in shown and "\\:red\\[" in shown  # no LaTeX, no colour directive


def test_a_cell_issue_uses_its_error_key_not_its_row_key() -> None:
    issue = CellIssue("options", "ozg-x", "name", HOSTILE, "profile_name_taken", {"name": HOSTILE})
    assert text.message(issue) == text.message(InputError("profile_name_taken", name=HOSTILE))


def test_numbers_are_passed_on_unchanged() -> None:
    plain = InputError("import_errors_header", count=3)
    assert text.message(plain) == plain.message("de")
