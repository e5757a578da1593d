"""Soft hyphens in the long words of table headings, so a narrow column breaks a heading at a
syllable ("Geo­informations­systeme") and never anywhere inside a word.

Done here rather than with CSS ``hyphens: auto``: Chromium on Linux ships no hyphenation
dictionaries (tested: a 60 px box with lang="de" leaves "Geoinformationssysteme" whole and
overflowing), so the browser would not hyphenate on the machines that run the app.
Pyphen carries LibreOffice's dictionaries and is pure Python.
"""

from __future__ import annotations

import functools
import re

import pyphen

SOFT_HYPHEN = "\u00ad"
MIN_WORD_CHARS = 10  # shorter words fit any column
EDGE_CHARS = 3  # at least this many letters stay on each side of a break
_DICTIONARIES = {"de": "de_DE", "en": "en_US"}
_LONG_WORD = re.compile(rf"[^\W\d_]{{{MIN_WORD_CHARS},}}")


@functools.lru_cache(maxsize=4)
def _dictionary(lang: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=_DICTIONARIES.get(lang, "de_DE"), left=EDGE_CHARS, right=EDGE_CHARS)


@functools.lru_cache(maxsize=1024)
def soft_hyphens(text: str, lang: str) -> str:
    """``text`` with soft hyphens at the syllables of its words of MIN_WORD_CHARS letters or
    more (a soft hyphen is invisible unless the line breaks there)."""
    dictionary = _dictionary(lang)
    return _LONG_WORD.sub(lambda m: dictionary.inserted(m.group(0), hyphen=SOFT_HYPHEN), text)
