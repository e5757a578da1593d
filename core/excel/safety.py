"""Cell text that can never become a formula, shared by the export and the template.

A spreadsheet turns a typed text that starts with ``=``, ``+``, ``-`` or ``@`` into a
formula ("formula injection"); a leading tab or carriage return is the CSV variant of the
same trick. The cockpit therefore writes every user text as an explicit string cell
(``t="inlineStr"``), never as a formula, and marks hostile-looking texts with Excel's
``quotePrefix`` so that Excel keeps them text even when a user edits the cell. The visible
text stays exactly what the user typed: no apostrophe or space is added.

The second concern is XML itself: control characters are not allowed in XML 1.0, a carriage
return would be normalised to a line feed, and ``_xHHHH_`` is Excel's own escape. Both
writers here encode text the way Excel does, and the reader decodes it again, so a round
trip keeps every character.
"""

from __future__ import annotations

import re

from openpyxl.cell.cell import Cell

FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

# Characters XML 1.0 forbids (tab, line feed and carriage return are allowed) …
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# … and a literal text that Excel would mistake for its own escape sequence.
_LOOKS_ESCAPED = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def needs_guard(text: str) -> bool:
    """True if a spreadsheet would read ``text`` typed into a cell as a formula."""
    return text.startswith(FORMULA_TRIGGERS)


def ooxml_escape(text: str) -> str:
    """Encode characters XML cannot carry as ``_xHHHH_`` (and protect a literal ``_xHHHH_``)."""
    text = _LOOKS_ESCAPED.sub(r"_x005F_\1", text)
    return _ILLEGAL_XML.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def ooxml_unescape(text: str) -> str:
    """Decode Excel's ``_xHHHH_`` escapes (the inverse of :func:`ooxml_escape`)."""
    if "_x" not in text:
        return text
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


_NEEDS_ESCAPING = re.compile(r"[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")


def xml_text(text: str) -> str:
    """``text`` as the escaped content of an XML element, carriage returns kept as ``&#13;``."""
    if not _NEEDS_ESCAPING.search(text):
        return text
    text = ooxml_escape(text)
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def needs_space_preserve(text: str) -> bool:
    """True if leading/trailing whitespace or line breaks must survive XML parsing."""
    return bool(text) and (text[0].isspace() or text[-1].isspace() or "\n" in text)


def write_text(cell: Cell, text: str) -> Cell:
    """Write ``text`` into an openpyxl cell as a string, never as a formula."""
    cell.value = ooxml_escape(text).replace("\r", "_x000D_")  # openpyxl would write a bare CR
    cell.data_type = "s"  # openpyxl guesses "f" for a leading "="; a string it stays
    if needs_guard(text):
        cell.quotePrefix = True
    return cell
