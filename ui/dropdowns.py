"""The empty dropdown's text in the UI language.

Streamlit 1.67 lets a select box or multiselect set its placeholder (``placeholder=``) but
writes the empty list's "No results" itself (hard-coded in its frontend, no parameter). The
list box of an open dropdown carries ``data-empty`` when nothing matches; this style hides
Streamlit's text there (``visibility: hidden`` also takes it out of the accessibility tree)
and shows the catalogue's text in its place.
"""

from __future__ import annotations

import streamlit as st

from ui.text import t

EMPTY_ITEM = '[role="listbox"][data-empty] > [role="option"] > span'


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string: quotes, backslashes, markup and anything beyond
    printable ASCII written as hex escapes (``\\e4 `` for "ä"), so no text can end the rule."""
    safe = (ch if (" " <= ch <= "~" and ch not in '"\\<>&') else f"\\{ord(ch):x} " for ch in text)
    return '"' + "".join(safe) + '"'


def style() -> str:
    """The style element for the current language."""
    text = css_string(t("dropdown_no_results"))
    return (
        f"<style>{EMPTY_ITEM} {{ visibility: hidden; }}"
        f" {EMPTY_ITEM}::after {{ content: {text}; visibility: visible; }}</style>"
    )


def empty_text_style() -> None:
    """Set once per run by app.py."""
    st.html(style())
