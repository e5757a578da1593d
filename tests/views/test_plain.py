"""Text from data is text (issue 17, point 6) and terminal output is inert (point 7)."""

from __future__ import annotations

import re

import markdown_it
import pytest

from core import views
from core.views.print_summary import _markdown_bold
from core.views.recommendation_text import recommendation

HOSTILE = [
    "![x](http://127.0.0.1:9/p.png)",
    "[Klick](javascript:alert(1))",
    "<img src=http://127.0.0.1:9/q.png>",
    "**fett** _kursiv_ ~~weg~~",
    "$x^2$ und $$\\int_0^1$$",
    ":red[rot] :rocket:",
    "http://example.org/auto",
    "# Überschrift",
    "1. Liste",
    "| a | b |",
    "a\\*b",
    "`code`",
    "Zeile 1\nZeile 2",
]


def _html(markdown: str) -> str:
    """CommonMark with GitHub's tables and strikethrough (autolinks: see the test below)."""
    return markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_as_its_own_characters(text: str) -> None:
    html = _html(views.md(text))
    assert "<img" not in html and "<a " not in html and "<strong>" not in html
    assert "<em>" not in html and "<h1>" not in html and "<ol>" not in html
    assert "<code>" not in html and "<table>" not in html and "<s>" not in html


@pytest.mark.parametrize("text", HOSTILE)
def test_unescaping_gives_the_text_back(text: str) -> None:
    assert views.md_unescape(views.md(text)) == text


def test_a_bare_address_cannot_become_an_autolink() -> None:
    """GitHub-style autolinks need "http://" or "www." literally; both are broken up."""
    escaped = views.md("http://example.org www.example.org anna@example.org")
    assert re.search(r"https?\\?:", escaped) is None  # "http" and ":" never touch
    assert re.search(r"www\\?\.", escaped) is None and re.search(r"\w\\?@", escaped) is None
    assert views.md_unescape(escaped) == "http://example.org www.example.org anna@example.org"


def test_dollar_colon_and_brackets_are_escaped_for_streamlit_extensions() -> None:
    """LaTeX ($), colour directives and shortcodes (:…[ / :…:) are Streamlit's own syntax."""
    escaped = views.md("$x$ :red[rot] :rocket:")
    assert "$" not in escaped.replace("\\$", "")
    assert ":" not in escaped.replace("\\:", "")
    assert "[" not in escaped.replace("\\[", "")


def test_the_recommendation_names_the_option_escaped_and_the_print_summary_shows_it_plain():
    import pandas as pd

    ranking = pd.DataFrame(
        {
            "option_id": ["a", "b"],
            "option": ["![x](http://127.0.0.1:9/p.png)", "**B**"],
            "pathway": ["standard", "status_quo"],
            "partner": ["", ""],
            "rank": [1, 2],
            "score": [80.0, 60.0],
            "cost": [1.0, 1.0],
            "citizen_value": [1.0, 1.0],
            "feasibility": [1.0, 1.0],
            "npv_cost": [1.0, 1.0],
            "annual_cost": [1.0, 1.0],
            "investment": [1.0, 1.0],
        }
    )
    _kind, sentence = recommendation(ranking, "de")
    assert "<img" not in _html(sentence) and "<a " not in _html(sentence)
    assert "\\!\\[x\\]" in sentence
    printed = _markdown_bold(sentence)
    assert "<strong>![x](http://127.0.0.1:9/p.png)</strong>" in printed
    assert "**B**" in printed and "<strong>B</strong>" not in printed


def test_terminal_text_loses_control_characters_only() -> None:
    text = "a\x1b[31mrot\x1b[0m\x00b\x07\tc\nd\u202eevil\x9b"
    assert views.terminal(text) == "a[31mrot[0mb\tc\ndevil"
    assert views.has_control(text) and not views.has_control("Ä ö ü ß – „x“\n\t")
