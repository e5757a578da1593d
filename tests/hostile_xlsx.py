"""Hand-built hostile workbooks: raw OOXML parts, so a test controls every byte.

:func:`workbook` writes a minimal valid .xlsx (content types, relationships, workbook, shared
strings, one worksheet per sheet) from rows of cells. A cell is ``("s", index)`` (a shared
string), ``("i", text)`` (an inline string) or a number. The amplification files of issue 17
(one large shared string referenced from many rows) are built here, small on disk and huge
once expanded.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape

from openpyxl.utils import get_column_letter

from core.excel.schema import ASSESSMENTS, COST_LINES, OPTIONS, SCOPE, SYSTEMS

Cell = tuple[str, object] | float | int | None

_CT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def _cell(ref: str, cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, tuple):
        kind, value = cell
        if kind == "s":
            return f'<c r="{ref}" t="s"><v>{value}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'
    return f'<c r="{ref}"><v>{cell!r}</v></c>'


def sheet_xml(rows: Iterable[Sequence[Cell]]) -> bytes:
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    ]
    for number, row in enumerate(rows, start=1):
        cells = "".join(
            _cell(f"{get_column_letter(i)}{number}", c) for i, c in enumerate(row, start=1)
        )
        parts.append(f'<row r="{number}">{cells}</row>')
    parts.append("</sheetData></worksheet>")
    return "".join(parts).encode()


def shared_xml(strings: Sequence[str]) -> bytes:
    items = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{items}</sst>"
    ).encode()


def workbook(sheets: dict[str, bytes], shared: bytes | None = None) -> bytes:
    """A zip with the given worksheet parts (title → sheet XML) and shared strings."""
    entries = []
    rels = []
    parts: dict[str, bytes] = {}
    for number, (title, xml) in enumerate(sheets.items(), start=1):
        entries.append(f'<sheet name="{escape(title)}" sheetId="{number}" r:id="rId{number}"/>')
        rels.append(
            f'<Relationship Id="rId{number}" Type="{_REL}worksheet" '
            f'Target="worksheets/sheet{number}.xml"/>'
        )
        parts[f"xl/worksheets/sheet{number}.xml"] = xml
    if shared is not None:
        rels.append(
            f'<Relationship Id="rIdS" Type="{_REL}sharedStrings" Target="sharedStrings.xml"/>'
        )
        parts["xl/sharedStrings.xml"] = shared
    book = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'xmlns:r="{_REL}"><sheets>{"".join(entries)}</sheets></workbook>'
    )
    book_rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{''.join(rels)}</Relationships>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CT)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", book)
        archive.writestr("xl/_rels/workbook.xml.rels", book_rels)
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _headers(sheet) -> list[Cell]:
    return [("i", c.header()) for c in sheet.columns]


def empty_sheets() -> dict[str, list[list[Cell]]]:
    """The five sheets an import needs, headers only."""
    return {s.title(): [_headers(s)] for s in (SYSTEMS, OPTIONS, COST_LINES, ASSESSMENTS, SCOPE)}


def amplified(rows: int, string_chars: int = 2**20) -> bytes:
    """One ``string_chars`` shared string referenced from every text cell of ``rows`` options."""
    sheets = empty_sheets()
    option_rows: list[list[Cell]] = [_headers(OPTIONS)]
    for number in range(rows):
        row: list[Cell] = []
        for column in OPTIONS.columns:
            if column.key == "id":
                row.append(("i", f"o{number}"))
            elif column.key == "area":
                row.append(("i", "ozg"))
            elif column.key == "pathway":
                row.append(("i", "status_quo"))
            elif column.key == "name":
                row.append(("i", f"Option {number}"))
            elif column.key == "replaces_system":
                row.append(None)
            else:
                row.append(("s", 0))
        option_rows.append(row)
    sheets[OPTIONS.title()] = option_rows
    xml = {title: sheet_xml(r) for title, r in sheets.items()}
    return workbook(xml, shared_xml(["A" * string_chars]))


def many_cells(rows: int, columns: int = 12) -> bytes:
    """``rows`` identical rows of ``columns`` one-digit cells without references on the
    assessment sheet: the smallest XML per cell, so the most cells per compressed byte."""
    sheets = empty_sheets()
    xml = {title: sheet_xml(r) for title, r in sheets.items()}
    head = sheet_xml([_headers(ASSESSMENTS)]).split(b"</sheetData>")[0]
    row = b"<row>" + b"<c><v>1</v></c>" * columns + b"</row>"
    xml[ASSESSMENTS.title()] = head + row * rows + b"</sheetData></worksheet>"
    return workbook(xml)


def many_shared_strings(count: int) -> bytes:
    """``count`` distinct short shared strings (the table itself is the load)."""
    xml = {title: sheet_xml(r) for title, r in empty_sheets().items()}
    return workbook(xml, shared_xml([f"s{i}" for i in range(count)]))


def amplified_costs(option_id: str, rows: int, string_chars: int = 2**20) -> bytes:
    """``rows`` new cost lines of a stored option whose item and source are one shared string
    of ``string_chars`` characters: valid in every other respect, so the whole import
    pipeline (diff, preview, apply) sees them."""
    sheets = empty_sheets()
    body: list[list[Cell]] = [_headers(COST_LINES)]
    for _ in range(rows):
        row: list[Cell] = []
        for column in COST_LINES.columns:
            if column.key == "option_id":
                row.append(("i", option_id))
            elif column.key in ("item", "source"):
                row.append(("s", 0))
            elif column.kind == "number":
                row.append(0)
            else:
                row.append(None)
        body.append(row)
    sheets[COST_LINES.title()] = body
    xml = {title: sheet_xml(r) for title, r in sheets.items()}
    return workbook(xml, shared_xml(["A" * string_chars]))


def many_cells_split(sheets: int, rows: int, columns: int = 12) -> bytes:
    """Like :func:`many_cells`, spread over ``sheets`` assessment sheets ("1 Bewertung", …)
    each under the 2 MB at which the per-part compression ratio is checked."""
    base = empty_sheets()
    xml = {title: sheet_xml(r) for title, r in base.items()}
    head = sheet_xml([_headers(ASSESSMENTS)]).split(b"</sheetData>")[0]
    row = b"<row>" + b"<c><v>1</v></c>" * columns + b"</row>"
    for number in range(sheets):
        xml[f"{number} {ASSESSMENTS.title()}"] = head + row * rows + b"</sheetData></worksheet>"
    return workbook(xml)
