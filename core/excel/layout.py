"""Sheet layout shared by every workbook: header rows, tables, widths, print set-up.

Every list in a workbook is an Excel table (banded style, filter buttons), its header row is
frozen, columns are as wide as their content (within limits), and every sheet prints in
landscape, fitted to the page width, with its title rows repeated on each page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from core.excel.safety import write_text
from core.excel.writer import LINE_HEIGHT, Block, StyleBook, save, wrapped_lines

TABLE_STYLE = "TableStyleMedium2"
MIN_WIDTH = 8
MAX_WIDTH = 60
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_TABLE_NAME = re.compile(r"[^A-Za-z0-9_]")


def sheet_title(text: str, taken: Iterable[str]) -> str:
    """A valid, unique sheet name (at most 31 characters, no ``[]:*?/\\``)."""
    base = _BAD_SHEET_CHARS.sub("", text).strip().strip("'")[:31] or "Blatt"
    taken_folded = {t.casefold() for t in taken}
    candidate, n = base, 2
    while candidate.casefold() in taken_folded:
        suffix = f" {n}"
        candidate = base[: 31 - len(suffix)] + suffix
        n += 1
    return candidate


def table_name(text: str, taken: set[str]) -> str:
    """A valid, workbook-unique Excel table name derived from ``text``."""
    base = "T_" + _TABLE_NAME.sub("_", text)
    candidate, n = base, 2
    while candidate.casefold() in {t.casefold() for t in taken}:
        candidate = f"{base}_{n}"
        n += 1
    taken.add(candidate)
    return candidate


def text_cell(
    ws: Worksheet, row: int, column: int, text: str, book: StyleBook, style: str = "text"
) -> None:
    """Write a text cell safely (never a formula) with a named style."""
    cell = ws.cell(row=row, column=column)
    write_text(cell, text)
    book.style(cell, style, quote=bool(cell.quotePrefix))


def value_cell(
    ws: Worksheet, row: int, column: int, value: Any, book: StyleBook, style: str = "num"
) -> None:
    """Write a number, bool, date or formula string (code-made, never user text)."""
    cell = ws.cell(row=row, column=column, value=value)
    book.style(cell, style)


def header_row(
    ws: Worksheet, row: int, headers: Sequence[str], book: StyleBook, first_column: int = 1
) -> None:
    """Write a table's header row (texts, bold)."""
    for j, text in enumerate(headers):
        text_cell(ws, row, first_column + j, text, book, "header")


def add_table(
    ws: Worksheet,
    name: str,
    header_row_index: int,
    last_row: int,
    headers: Sequence[str],
    first_col: int = 1,
) -> Table:
    """An Excel table over header + body (at least one body row, as Excel requires).

    The column names are set here: openpyxl would otherwise read them back from the sheet
    by materialising every cell of the table range.
    """
    last_col = first_col + len(headers) - 1
    ref = (
        f"{get_column_letter(first_col)}{header_row_index}:"
        f"{get_column_letter(last_col)}{max(last_row, header_row_index + 1)}"
    )
    table = Table(displayName=name, ref=ref)
    table.tableColumns = [TableColumn(id=i, name=h) for i, h in enumerate(headers, start=1)]
    table.autoFilter = AutoFilter(ref=ref)  # the filter buttons in the header row
    table.tableStyleInfo = TableStyleInfo(name=TABLE_STYLE, showRowStripes=True)
    ws.add_table(table)
    return table


def fit_widths(
    ws: Worksheet,
    columns: Sequence[Sequence[Any]],
    headers: Sequence[str],
    fixed: Sequence[int | None] | None = None,
    first_column: int = 1,
) -> list[float]:
    """Set column widths from the longest text per column (numbers count as 12 characters)."""
    widths: list[float] = []
    for j, header in enumerate(headers):
        width = fixed[j] if fixed and fixed[j] else None
        if width is None:
            values = columns[j] if j < len(columns) else ()
            texts = [v for v in values if type(v) is str]
            longest = len(header) + 3  # room for the filter button
            if texts:
                longest = max(longest, max(map(len, texts)) + 1)
            if len(texts) < len(values) and any(v is not None for v in values):
                longest = max(longest, 12)  # numbers and dates
            width = longest
        widths.append(float(max(MIN_WIDTH, min(MAX_WIDTH, width))))
        ws.column_dimensions[get_column_letter(first_column + j)].width = widths[-1]
    return widths


def fit_row(ws: Worksheet, row: int, texts: Sequence[tuple[str, float]]) -> None:
    """Give a row with wrapped texts (text, column width) enough height for every line."""
    lines = wrapped_lines([t for t, _ in texts], [(j, w) for j, (_, w) in enumerate(texts)])
    if lines > 1:
        ws.row_dimensions[row].height = min(409.0, LINE_HEIGHT * lines)


def print_setup(ws: Worksheet, title_rows: str, heading: str, wide: bool = False) -> None:
    """Landscape A4 (A3 if ``wide``), fitted to the page width, title rows and a running
    head on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A3 if wide else ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows
    ws.print_options.gridLines = False
    ws.oddHeader.center.text = heading.replace("&", "&&")
    ws.oddHeader.center.size = 9
    ws.oddFooter.left.text = "&A"
    ws.oddFooter.right.text = "&P / &N"


def list_validation(ws: Worksheet, choices: Sequence[str], cell_range: str) -> None:
    """A drop-down list of allowed codes (a hint in Excel; the importer checks anyway)."""
    if not choices:
        return
    validation = DataValidation(
        type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True
    )
    validation.add(cell_range)
    ws.add_data_validation(validation)


def number_validation(
    ws: Worksheet,
    cell_range: str,
    minimum: float,
    maximum: float | None = None,
    whole: bool = False,
) -> None:
    """Reject numbers outside [minimum, maximum] typed into input cells."""
    kind = "whole" if whole else "decimal"
    if maximum is None:
        validation = DataValidation(type=kind, operator="greaterThanOrEqual", formula1=str(minimum))
    else:
        validation = DataValidation(
            type=kind, operator="between", formula1=str(minimum), formula2=str(maximum)
        )
    validation.add(cell_range)
    ws.add_data_validation(validation)


def internal_link(sheet: str) -> str:
    """Hyperlink target of a sheet's first cell."""
    return f"#{quote_sheetname(sheet)}!A1"


def new_sheet(wb: Workbook, title: str) -> Worksheet:
    """Create a sheet with the view defaults used everywhere."""
    ws = wb.create_sheet(title)
    ws.sheet_view.zoomScale = 100
    return ws


class WorkbookBuilder:
    """One workbook under construction: sheets, styles, blocks to splice, table names."""

    def __init__(self, lang: str) -> None:
        self.wb = Workbook()
        self.wb.remove(self.wb.active)
        self.styles = StyleBook(self.wb, lang)
        self.blocks: list[Block] = []
        self.tables: set[str] = set()
        self.lang = lang

    def sheet(self, title: str) -> Worksheet:
        taken = [ws.title for ws in self.wb.worksheets]
        return new_sheet(self.wb, sheet_title(title, taken))

    def table(self, name: str) -> str:
        return table_name(name, self.tables)

    def bytes(self) -> bytes:
        return save(self.wb, self.styles, self.blocks)


def small_table(
    ws: Worksheet,
    book: WorkbookBuilder,
    first_row: int,
    styles: Sequence[str],
    rows: Sequence[Sequence[Any]],
) -> None:
    """Body rows written by openpyxl (small tables that also carry hyperlinks)."""
    for i, values in enumerate(rows):
        for j, (value, style) in enumerate(zip(values, styles, strict=True), start=1):
            if isinstance(value, str):
                text_cell(ws, first_row + i, j, value, book.styles, style)
            elif value is not None:
                value_cell(ws, first_row + i, j, value, book.styles, style)
