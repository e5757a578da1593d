"""Fast bulk rows for openpyxl workbooks: openpyxl lays out, we stream the big tables.

openpyxl (without lxml, as here) needs about 8 µs per cell; a store with 10,000 options has
well over a million cells. So openpyxl builds everything that needs its object model –
titles, header rows, styles, tables, charts, print set-up – and the body rows of the large
tables are written here as plain sheet XML (about 1–2 µs per cell) and spliced into the
saved file. Style ids come from openpyxl's own style table (see :class:`StyleBook`), so the
result is one consistent workbook.

Every text is written as an inline string, never as a formula (see :mod:`core.excel.safety`);
only :class:`Formula` values become formulas.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from copy import copy
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.worksheet import Worksheet

from core.excel.safety import needs_guard, needs_space_preserve, xml_text
from core.views import fmt

# Number formats come from the one formatting module (core.views.fmt.excel_formats): the
# file's invariant notation, the true minus sign, the euro sign where the UI puts it and the
# one sign convention for cost changes. FORMATS is the German set (the template's and tests').
FORMATS: dict[str, str] = fmt.excel_formats("de")
INPUT_FILL = PatternFill("solid", start_color="FFF2CC", end_color="FFF2CC")
FORMULA_FILL = PatternFill("solid", start_color="EDF3FB", end_color="EDF3FB")
HEADER_FILL = PatternFill("solid", start_color="1F4E78", end_color="1F4E78")
LINE_HEIGHT = 15.0  # points per text line at the default font size
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

    def __init__(self, workbook: Workbook, lang: str = "de") -> None:
        self._workbook = workbook
        self.formats = fmt.excel_formats(lang)
        self._ids: dict[tuple[str, bool], int] = {}
        self._probes: dict[tuple[str, bool], Any] = {}
        self._scratch = workbook.create_sheet("_styles")

    def _probe(self, key: str, quote: bool) -> Any:
        """A scratch cell carrying style ``key`` (created once per key)."""
        wanted = (key, quote)
        if wanted not in self._probes:
            cell = self._scratch.cell(row=len(self._probes) + 1, column=1)
            base, _, variant = key.partition("+")
            if base in self.formats:
                cell.number_format = self.formats[base]
            if base == "wrap":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif base == "title":
                cell.font = Font(bold=True, size=14, color="1F3864")
            elif base == "label":
                cell.font = Font(bold=True)
                cell.alignment = Alignment(vertical="top")
            elif base == "header":
                cell.font = Font(bold=True, color="FFFFFF")
                cell.fill = HEADER_FILL
                cell.alignment = Alignment(wrap_text=True, vertical="center")
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
            self._probes[wanted] = cell
        return self._probes[wanted]

    def style(self, cell: Any, key: str, quote: bool = False) -> None:
        """Apply style ``key`` to an openpyxl cell (a copy of the probe's style array)."""
        cell._style = copy(self._probe(key, quote)._style)

    def id(self, key: str, quote: bool = False) -> int:
        """The style id of ``key`` (registered on first use)."""
        wanted = (key, quote)
        if wanted not in self._ids:
            self._ids[wanted] = self._probe(key, quote).style_id
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
    widths: Sequence[float] = ()  # column widths, used to size rows with wrapped text

    @property
    def last_row(self) -> int:
        return self.first_row + max(len(self.rows), 1) - 1


class SharedStrings:
    """The workbook's shared string table: each distinct text is stored once."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def add(self, text: str) -> int:
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.index)
        return found

    def xml(self) -> str:
        items = []
        for text in self.index:
            space = ' xml:space="preserve"' if needs_space_preserve(text) else ""
            items.append(f"<si><t{space}>{xml_text(text)}</t></si>")
        count = len(self.index)
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
            f' count="{count}" uniqueCount="{count}">{"".join(items)}</sst>'
        )


def _rows_xml(block: Block, book: StyleBook, strings: SharedStrings) -> str:
    """The ``<row>`` elements of a block (texts as shared strings, never formulas)."""
    width = len(block.styles)
    letters = [get_column_letter(block.first_column + j) for j in range(width)]
    plain = [book.id(key) for key in block.styles]
    quoted = [book.id(key, quote=key.split("+")[0] in ("text", "wrap")) for key in block.styles]
    text_cells: dict[tuple[str, int], str] = {}  # (text, column) -> '" s=.. t="s"><v>i</v>'
    wrapped = [
        (j, max(block.widths[j], 4.0) if j < len(block.widths) else 40.0)
        for j, key in enumerate(block.styles)
        if key.split("+")[0] == "wrap"
    ]
    parts: list[str] = []
    append = parts.append
    for i, values in enumerate(block.rows):
        r = block.first_row + i
        cells: list[str] = []
        add = cells.append
        for j in range(min(width, len(values))):
            value = values[j]
            if value is None or value == "":
                continue
            kind = type(value)
            if kind is str:
                tail = text_cells.get((value, j))
                if tail is None:
                    sid = quoted[j] if needs_guard(value) else plain[j]
                    tail = f'" s="{sid}" t="s"><v>{strings.add(value)}</v></c>'
                    text_cells[(value, j)] = tail
                add(f'<c r="{letters[j]}{r}{tail}')
            elif kind is float or kind is int:
                number = float(value)
                if math.isfinite(number):
                    text = (
                        repr(int(number))
                        if number.is_integer() and abs(number) < 1e15
                        else repr(number)
                    )
                    add(f'<c r="{letters[j]}{r}" s="{plain[j]}"><v>{text}</v></c>')
            elif kind is bool:
                add(f'<c r="{letters[j]}{r}" s="{plain[j]}" t="b"><v>{int(value)}</v></c>')
            elif kind is Formula:  # code-made: only &, <, > need escaping
                formula = value.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                add(f'<c r="{letters[j]}{r}" s="{plain[j]}"><f>{formula}</f></c>')
            elif isinstance(value, dt.date):
                add(f'<c r="{letters[j]}{r}" s="{plain[j]}"><v>{to_excel(value)!r}</v></c>')
            else:
                number = float(value)  # numpy numbers
                if math.isfinite(number):
                    add(f'<c r="{letters[j]}{r}" s="{plain[j]}"><v>{number!r}</v></c>')
        lines = wrapped_lines(values, wrapped) if wrapped else 1
        if lines > 1:
            height = min(409.0, LINE_HEIGHT * lines)
            append(f'<row r="{r}" ht="{height}" customHeight="1">{"".join(cells)}</row>')
        else:
            append(f'<row r="{r}">{"".join(cells)}</row>')
    return "".join(parts)


def wrapped_lines(values: Sequence[Any], wrapped: Sequence[tuple[int, float]]) -> int:
    """Estimated text lines of a row whose wrapped columns have the given widths.

    Neither Excel nor LibreOffice fits row heights when opening a file, so wrapped text
    would be cut off; the estimate (characters per line ≈ column width) errs on the tall side.
    """
    lines = 1
    for j, width in wrapped:
        text = values[j] if j < len(values) else None
        if type(text) is not str:
            continue
        per_line = max(int(width * 1.1) - 1, 1)
        if len(text) <= per_line and "\n" not in text:
            continue
        count = sum(-(-len(part) // per_line) or 1 for part in text.split("\n"))
        lines = max(lines, count)
    return lines


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
    blocks = [b for b in blocks if b.rows]
    by_sheet: dict[str, list[Block]] = {}
    for block in blocks:
        by_sheet.setdefault(block.sheet.title, []).append(block)
    strings = SharedStrings()
    staged = {
        title: "".join(_rows_xml(b, book, strings) for b in sorted(bs, key=lambda b: b.first_row))
        for title, bs in by_sheet.items()
    }
    book.close()
    workbook.active = 0
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
            parts[ws.path.lstrip("/")] = (
                staged[ws.title],
                f"A1:{get_column_letter(last_col)}{last_row}",
            )
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename in parts:
                rows, dimension = parts[info.filename]
                xml = _splice(data.decode("utf-8"), rows, dimension)
                data = xml.encode("utf-8")
            elif strings.index and info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", _SST_TYPE + b"</Types>")
            elif strings.index and info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", _SST_REL + b"</Relationships>")
            target.writestr(info.filename, data, compresslevel=1 if len(data) > 1 << 20 else 6)
        if strings.index:
            target.writestr("xl/sharedStrings.xml", strings.xml().encode("utf-8"))
    return out.getvalue()


_SST_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml" />'
)
_SST_REL = (
    b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'sharedStrings" Target="sharedStrings.xml" Id="rIdSharedStrings" />'
)
