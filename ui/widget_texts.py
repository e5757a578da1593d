"""Streamlit's own texts inside widgets, in the UI language.

Streamlit 1.67 lets a select box or multiselect set its placeholder (``placeholder=``) and
a date field its order (``format="DD.MM.YYYY"``), but writes some texts itself, in English,
with no parameter:

- the empty list of an open dropdown says "No results". Its list box carries
  ``data-empty``; the style hides that text there (``visibility: hidden`` also takes it out
  of the accessibility tree) and shows the catalogue's text ("Keine Treffer") in its place.
- an empty date field shows the segments "dd.mm.yyyy". Each empty segment carries
  ``data-placeholder`` and ``data-type`` (day, month, year); on the German UI the style
  shows "TT.MM.JJJJ" instead.
"""

from __future__ import annotations

import streamlit as st

from ui import text
from ui.text import t

EMPTY_ITEM = '[role="listbox"][data-empty] > [role="option"] > span'
DATE_SEGMENT = '[data-testid="stDateInputField"] [data-placeholder="true"][data-type="{kind}"]'
DATE_SEGMENTS = {  # segment type → catalogue key of its German placeholder
    "day": "date_placeholder_day",
    "month": "date_placeholder_month",
    "year": "date_placeholder_year",
}


def css_string(value: str) -> str:
    """``value`` as a quoted CSS string: quotes, backslashes, markup and anything beyond
    printable ASCII written as hex escapes (``\\e4 `` for "ä"), so no text can end the rule."""
    safe = (ch if (" " <= ch <= "~" and ch not in '"\\<>&') else f"\\{ord(ch):x} " for ch in value)
    return '"' + "".join(safe) + '"'


def style() -> str:
    """The style element for the current language."""
    rules = [
        f"{EMPTY_ITEM} {{ visibility: hidden; }}",
        f"{EMPTY_ITEM}::after {{ content: {css_string(t('dropdown_no_results'))};"
        " visibility: visible; }",
    ]
    if text.lang() == "de":  # the English segments are Streamlit's own
        for kind, key in DATE_SEGMENTS.items():
            segment = DATE_SEGMENT.format(kind=kind)
            placeholder = css_string(t(key))
            rules.append(f"{segment} {{ font-size: 0; }}")
            rules.append(f"{segment}::before {{ content: {placeholder}; font-size: 1rem; }}")
    return f"<style>{' '.join(rules)}</style>"


def style_in_language() -> None:
    """Set once per run by app.py, after the language selector."""
    st.html(style())
