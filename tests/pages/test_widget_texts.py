"""ui/widget_texts.py: the style that puts Streamlit's own widget texts into the UI language
(what the browser draws is checked in tests/browser/test_widget_texts.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from ui import widget_texts


@pytest.mark.parametrize(
    ("value", "quoted"),
    [
        ("Keine Treffer", '"Keine Treffer"'),
        ("Größe", '"Gr\\f6 \\df e"'),
        ('a"b\\c', '"a\\22 b\\5c c"'),
        ("</style><script>", '"\\3c /style\\3e \\3c script\\3e "'),
        ("x\ny", '"x\\a y"'),
    ],
)
def test_css_string_escapes_everything_that_could_end_the_rule(value: str, quoted: str) -> None:
    assert widget_texts.css_string(value) == quoted


def _style(at: AppTest) -> str:
    return next(h.proto.body for h in at.get("html") if widget_texts.EMPTY_ITEM in h.proto.body)


def test_the_style_follows_the_language(make_app: Callable[..., AppTest]) -> None:
    german = _style(make_app())
    assert 'content: "Keine Treffer"' in german
    assert 'content: "TT"' in german and 'content: "JJJJ"' in german
    english = _style(make_app(lang="en"))
    assert 'content: "No results"' in english
    assert "stDateInputField" not in english  # Streamlit's own segments are English already
