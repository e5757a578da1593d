"""Text from data is text: Markdown escaping for Streamlit, links only from an address field,
and terminal-safe output.

Streamlit interprets Markdown (and LaTeX between ``$``, colour directives ``:red[…]``,
emoji shortcodes) in ``st.markdown``, captions, alerts, headers, expander and tab labels and
radio options. Option names, descriptions, sources and every other text that people typed
into the store or an import must reach those elements escaped, so that
``![x](http://host/p.png)`` stays these characters on screen and no browser fetches an
image, follows a link or renders formulae. :func:`md` escapes one text; sentences built for
Markdown (the recommendation) escape their data parameters with it, and the print summary
takes the escapes off again before it HTML-escapes (:func:`md_unescape`).

A source is shown as a link only from the address field of the sources table, built by the
page with its domain as the visible text; a URL inside any other text stays text.

:func:`terminal` removes control characters (ESC sequences, NUL, bell, …) from text that a
command prints, keeping line feeds and tabs.
"""

from __future__ import annotations

import re

# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping all of
# them also breaks LaTeX ($), colour directives and shortcodes (:), autolinks (: and .),
# HTML (<, &) and table pipes (|).
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_LINE_BREAK = re.compile(r"\r\n?|\n")
# GitHub-style autolinks ("http://…", "www.…", "name@host") are found in the text *after*
# escapes are resolved, so escaping cannot stop them; an invisible word joiner (U+2060)
# between the parts does: the text looks and reads the same, it is no longer an address.
_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?i)(?<=[a-z])(?=://)|(?<=\bwww)(?=\.)|(?=@)")
# C0 and C1 control characters except tab and line feed; plus the bidirectional overrides
# that can make a terminal or a page show text in another order than it is stored.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def md(value: object) -> str:
    """``value`` as Markdown that renders exactly its characters (line breaks kept)."""
    if value is None:
        return ""
    text = str(value)
    if not text:
        return text
    joined = _AUTOLINK.sub(_JOINER, _CONTROL.sub("", text))
    escaped = _PUNCTUATION.sub(r"\\\1", joined)
    return _LINE_BREAK.sub("  \n", escaped)


def md_unescape(text: str) -> str:
    """Take the backslash escapes of :func:`md` off again (for HTML output)."""
    return _ESCAPED.sub(r"\1", text.replace("  \n", "\n")).replace(_JOINER, "")


def terminal(value: object) -> str:
    """``value`` without control characters, so printing it cannot steer the terminal."""
    return _CONTROL.sub("", "" if value is None else str(value))


def has_control(text: str) -> bool:
    """True if ``text`` holds a character :func:`terminal` would remove."""
    return bool(_CONTROL.search(text))
