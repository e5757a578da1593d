"""Fast bulk rows for openpyxl workbooks: openpyxl lays out, we stream the big tables.

openpyxl (without lxml, as here) needs about 8 µs per cell; a store with 10,000 options has
well over a million cells. So openpyxl builds everything that needs its object model –
titles, header rows, styles, tables, charts, print set-up – and the body rows of the large
tables are written here as plain sheet XML (about 1–2 µs per cell) and spliced into the
saved file. Style ids come from openpyxl's own style table (see :class:`StyleBook`), so the
result is one consistent workbook.

Every text is written as an inline string, never as a formula (see :mod:`core.excel_safety`);
only :class:`Formula` values become formulas.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.worksheet import Worksheet

from core.excel_safety import needs_guard, needs_space_preserve, xml_text

# Number formats are stored in the file's invariant notation: "," groups thousands and "."
# separates decimals. Excel and LibreOffice render them in the reader's locale, so on a
# German PC "#,##0 [$€-407]" shows as "1.234 €" and "0.0 %" as "0,9 %". A literal
# "#.##0 €" would be wrong: the file format has no locale-specific format codes. Dates use
# an explicit day.month.year order, which is German everywhere.
FORMATS: dict[str, str] = {
    "eur": "#,##0 [$€-407]",
    "num": "General",
    "fte": "#,##0.00",
    "year": "0",
    "points": "0.0",
    "score": "0.000000",
    "share": "0.0 %",
    "weight": "#,##0.##",
    "date": "DD.MM.YYYY",
    "datetime": "DD.MM.YYYY hh:mm",
    "rank": "0",
    "factor": "0.000000",
}
INPUT_FILL = PatternFill("solid", start_color="FFF2CC", end_color="FFF2CC")
FORMULA_FILL = PatternFill("solid", start_color="EDF3FB", end_color="EDF3FB")
_THIN = Side(style="thin", color="BF9000")
INPUT_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass(frozen=True)
class Formula:
    """A cell formula, written without the leading ``=`` into ``<f>``."""

    text: str


class StyleBook:
    """Named cell styles registered in the workbook's style table, with their ids.

    openpyxl assigns a style id when a styled cell asks for it; the ids stay valid after
    the scratch sheet used to ask is removed, because the style table belongs to the
    workbook. Text styles have a ``quotePrefix`` twin for hostile-looking texts.
    """

    def __init__(self, workbook: Workbook) -> None:
        self._workbook = workbook
        self._ids: dict[tuple[str, bool], int] = {}
        self._scratch = workbook.create_sheet("_styles")

    def style(self, cell: Any, key: str, quote: bool = False) -> None:
        """Apply style ``key`` to an openpyxl cell."""
        base, _, variant = key.partition("+")
        if base in FORMATS:
            cell.number_format = FORMATS[base]
        if base == "wrap":
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        elif base in ("title",):
            cell.font = Font(bold=True, size=14, color="1F3864")
        elif base in ("label", "header"):
            cell.font = Font(bold=True)
        else:
            cell.alignment = Alignment(vertical="top")
        if variant == "input":
            cell.fill = INPUT_FILL
            cell.border = INPUT_BORDER
            cell.font = Font(bold=True, color="7F6000")
        elif variant == "formula":
            cell.fill = FORMULA_FILL
        if quote:
            cell.quotePrefix = True

    def id(self, key: str, quote: bool = False) -> int:
        """The style id of ``key`` (registered on first use)."""
        wanted = (key, quote)
        if wanted not in self._ids:
            probe = self._scratch.cell(row=len(self._ids) + 1, column=1)
            self.style(probe, key, quote)
            self._ids[wanted] = probe.style_id
        return self._ids[wanted]

    def close(self) -> None:
        """Remove the scratch sheet (the registered styles stay in the workbook)."""
        if self._scratch in self._workbook.worksheets:
            self._workbook.remove(self._scratch)


@dataclass
class Block:
    """Body rows of one sheet, written from ``first_row`` on, one style key per column."""

    sheet: Worksheet
    first_row: int
    styles: Sequence[str]
    rows: list[list[Any]] = field(default_factory=list)
    first_column: int = 1

    @property
    def last_row(self) -> int:
        return self.first_row + max(len(self.rows), 1) - 1


def _cell_xml(ref: str, value: Any, style: int, quoted_style: int) -> str:
    """One ``<c>`` element; empty string for an empty cell."""
    if value is None:
        return ""
    if isinstance(value, str):
        if value == "":
            return ""
        sid = quoted_style if needs_guard(value) else style
        space = ' xml:space="preserve"' if needs_space_preserve(value) else ""
        return f'<c r="{ref}" s="{sid}" t="inlineStr"><is><t{space}>{xml_text(value)}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" s="{style}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, Formula):
        return f'<c r="{ref}" s="{style}"><f>{xml_text(value.text)}</f></c>'
    if isinstance(value, dt.date):
        return f'<c r="{ref}" s="{style}"><v>{to_excel(value)!r}</v></c>'
    number = float(value)
    if not math.isfinite(number):
        return ""
    text = repr(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)
    return f'<c r="{ref}" s="{style}"><v>{text}</v></c>'


def _rows_xml(block: Block, book: StyleBook) -> str:
    """The ``<row>`` elements of a block."""
    width = len(block.styles)
    letters = [get_column_letter(block.first_column + j) for j in range(width)]
    plain = [book.id(key) for key in block.styles]
    quoted = [book.id(key, quote=key.split("+")[0] in ("text", "wrap")) for key in block.styles]
    parts: list[str] = []
    for i, values in enumerate(block.rows):
        r = block.first_row + i
        cells = "".join(
            _cell_xml(f"{letters[j]}{r}", values[j], plain[j], quoted[j])
            for j in range(min(width, len(values)))
        )
        parts.append(f'<row r="{r}">{cells}</row>')
    return "".join(parts)


_SHEET_DATA = re.compile(r"<sheetData\s*/>|</sheetData>")
_DIMENSION = re.compile(r'<dimension ref="[^"]*"\s*/>')


def _splice(xml: str, rows: str, dimension: str) -> str:
    """Insert ``rows`` at the end of ``<sheetData>`` and set the dimension."""
    match = _SHEET_DATA.search(xml)
    if match is None:  # pragma: no cover - openpyxl always writes sheetData
        raise ValueError("sheetData missing")
    if match.group().startswith("<sheetData"):
        replacement = f"<sheetData>{rows}</sheetData>"
    else:
        replacement = f"{rows}</sheetData>"
    xml = xml[: match.start()] + replacement + xml[match.end() :]
    return _DIMENSION.sub(f'<dimension ref="{dimension}" />', xml, count=1)


def save(workbook: Workbook, book: StyleBook, blocks: Iterable[Block]) -> bytes:
    """Save ``workbook`` and splice the blocks' rows into their sheets; return the bytes."""
    book.close()
    blocks = [b for b in blocks if b.rows]
    by_sheet: dict[str, list[Block]] = {}
    for block in blocks:
        by_sheet.setdefault(block.sheet.title, []).append(block)
    staged = {title: "".join(_rows_xml(b, book) for b in sorted(bs, key=lambda b: b.first_row))
              for title, bs in by_sheet.items()}
    raw = io.BytesIO()
    workbook.save(raw)
    parts: dict[str, tuple[str, str]] = {}
    for ws in workbook.worksheets:
        if ws.title in staged:
            sheet_blocks = by_sheet[ws.title]
            last_row = max(max(b.last_row for b in sheet_blocks), ws.max_row)
            last_col = max(
                max(b.first_column + len(b.styles) - 1 for b in sheet_blocks), ws.max_column
            )
            parts[ws.path.lstrip("/")] = (staged[ws.title], f"A1:{get_column_letter(last_col)}{last_row}")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename in parts:
                rows, dimension = parts[info.filename]
                xml = _splice(data.decode("utf-8"), rows, dimension)
                data = xml.encode("utf-8")
                level = 1 if len(data) > 1_000_000 else 6
            else:
                level = 6
            target.writestr(info.filename, data, compresslevel=level)
    return out.getvalue()
