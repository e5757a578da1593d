"""ui/not_found.py: which address of a link names no page (the browser test shows the page)."""

from __future__ import annotations

import pytest

from ui import not_found

KNOWN = ["", "bereich", "daten"]


@pytest.mark.parametrize(
    ("url", "base", "expected"),
    [
        ("http://host/gibtsnicht", "", "gibtsnicht"),
        ("http://host/gibtsnicht/", "", "gibtsnicht"),
        ("http://host/bereich", "", None),  # a page
        ("http://host/", "", None),  # the main page
        ("http://host", "", None),
        ("http://host/a/b", "", None),  # nested: Streamlit cannot register it
        ("http://host/cockpit/gibtsnicht", "cockpit", "gibtsnicht"),
        ("http://host/cockpit/daten", "/cockpit/", None),
        ("http://host/cockpit", "cockpit", None),
        ("http://host/%C3%BCbersicht", "", "übersicht"),
        (None, "", None),  # no browser (AppTest)
    ],
)
def test_requested_path(url: str | None, base: str, expected: str | None) -> None:
    assert not_found.requested_path(url, base, KNOWN) == expected
