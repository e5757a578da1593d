"""Test helpers: data-sheet rows from the store, quick workbooks from rows, odd archives."""

from __future__ import annotations

import copy
import io
import struct
import zipfile
from typing import Any

import duckdb
import pandas as pd
from openpyxl import Workbook

from core import store
from core.excel.data_sheets import assessment_frame, data_rows
from core.excel.export import snapshot
from core.excel.schema import ASSESSMENTS, COST_LINES, OPTIONS, SCOPE, SYSTEMS

Sheets = dict[str, list[list[Any]]]


def base_sheets(conn: duckdb.DuckDBPyConnection, area: str = "ozg") -> Sheets:
    """The data sheets of one area as rows (header first), like an export of that area."""
    snap = snapshot(conn, 5, 0.009)
    options = snap.options[snap.options["area"] == area]
    assessments = assessment_frame(snap, "de")
    frames = {
        SYSTEMS: snap.systems[snap.systems["area"] == area],
        OPTIONS: options,
        COST_LINES: snap.cost_lines[snap.cost_lines["option_id"].isin(options["id"])],
        ASSESSMENTS: assessments[assessments["area"] == area],
        SCOPE: pd.DataFrame({"area": [area], "area_name": [area]}),
    }
    return {
        sheet.title(): [[c.header() for c in sheet.columns], *data_rows(sheet, frame)]
        for sheet, frame in frames.items()
    }


def build(sheets: Sheets) -> bytes:
    """A plain workbook from rows (strings starting with '=' become formulas, as in Excel)."""
    book = Workbook(write_only=True)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def mutated(sheets: Sheets) -> Sheets:
    return copy.deepcopy(sheets)


def column(sheets: Sheets, sheet: str, header: str) -> int:
    return sheets[sheet][0].index(header)


def zip_of(parts: dict[str, bytes], level: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", level) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def with_part(xlsx: bytes, name: str, data: bytes) -> bytes:
    """The workbook with one part replaced (or added)."""
    parts = {}
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        for info in archive.infolist():
            parts[info.filename] = archive.read(info.filename)
    parts[name] = data
    return zip_of(parts)


def declare_size(xlsx: bytes, name: str, size: int) -> bytes:
    """Patch the central directory so that ``name`` claims ``size`` uncompressed bytes."""
    data = bytearray(xlsx)
    encoded = name.encode()
    position = 0
    while True:
        position = data.find(b"PK\x01\x02", position)
        if position < 0:
            raise ValueError(name)
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        if bytes(data[position + 46 : position + 46 + name_length]) == encoded:
            struct.pack_into("<I", data, position + 24, size)
            return bytes(data)
        position += 4


def area_ids(conn: duckdb.DuckDBPyConnection, area: str = "ozg") -> list[str]:
    return store.options(conn, area)["id"].tolist()
