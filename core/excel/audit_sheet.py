"""The audit trail in a clerk's words, on the page and as an .xlsx workbook.

:func:`readable` turns raw audit entries into rows people read: local time (Europe/Berlin),
the action, the area, the entry in words (Option „…“, „Option“ · Kriterium, Kostenposition
„…“ von „…“), the field's label and old/new values formatted in German (60.000 €, 9 Punkte,
ja/nein). :func:`audit_workbook` writes those rows; every text is written as text, never as a
formula.
"""

from __future__ import annotations

import io
import json
from typing import Any

import duckdb
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core import i18n
from core.editing.audit import decode, display_value, now
from core.excel import preview
from core.excel.safety import write_text
from core.views import fmt

TIMEZONE = "Europe/Berlin"
TIMESTAMP = fmt.excel_formats()["timestamp"]  # the one formatting module
DATA_TABLES = ("systems", "options", "cost_lines", "assessments")
COLUMNS = (
    ("id", "audit_col_id"),
    ("when", "audit_col_when"),
    ("actor", "audit_col_actor"),
    ("action", "audit_col_action"),
    ("area", "audit_col_area"),
    ("what", "audit_col_what"),
    ("field", "audit_col_field"),
    ("old", "audit_col_old"),
    ("new", "audit_col_new"),
    ("version", "audit_col_version"),
)


def local_time(stamp: Any) -> pd.Timestamp:
    """A stored UTC timestamp (naive) as local time in Berlin (naive, for display and Excel)."""
    return pd.Timestamp(stamp).tz_localize("UTC").tz_convert(TIMEZONE).tz_localize(None)


def _value(names: preview.Names, table: str, field: str, raw: Any, record: dict, lang: str) -> str:
    value = decode(raw) if isinstance(raw, str) else None
    if value is None:
        return ""
    if table in DATA_TABLES and field and not isinstance(value, dict | list):
        return preview.value_text(names, table, field, value, record, lang)
    if isinstance(value, dict):
        shown = {k: v for k, v in value.items() if k in ("name", "item", "label_de", "value")}
        if shown and table in DATA_TABLES:
            return "; ".join(
                f"{preview.header(table, k, lang)}: "
                f"{preview.value_text(names, table, k, v, value, lang)}"
                for k, v in shown.items()
            )
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return display_value(raw)


def readable(
    conn: duckdb.DuckDBPyConnection, frame: pd.DataFrame, lang: str = "de"
) -> pd.DataFrame:
    """Audit entries as rows for people (machine column names; ``area_slug`` for filtering)."""
    names = preview.Names.read(conn, None, lang)
    slugs = {name: slug for slug, name in names.areas.items()}
    rows = []
    for entry in frame.to_dict("records"):
        table, key, field = entry["entity"], str(entry["entity_key"]), entry["field"] or ""
        record: dict[str, Any] = {}
        if table in DATA_TABLES:
            record = preview.record_for(names, table, key.replace("/", "|"))
            what = preview.entity_text(names, table, record, lang)
            area = names.area_of(table, record)
            label = preview.header(table, field, lang) if field else ""
        else:
            what = f"{i18n.t(f'audit_entity_{table}', lang)} „{key}“"
            area, label = "", field
        rows.append(
            {
                "id": int(entry["id"]),
                "when": local_time(entry["changed_at"]),
                "actor": entry["actor"],
                "action": i18n.t(f"audit_action_{entry['action']}", lang),
                "area": area,
                "area_slug": slugs.get(area, ""),
                "what": what,
                "field": label,
                "old": _value(names, table, field, entry["old_value"], record, lang),
                "new": _value(names, table, field, entry["new_value"], record, lang),
                "version": int(entry["data_version"]),
            }
        )
    return pd.DataFrame(rows, columns=[*(c for c, _ in COLUMNS), "area_slug"])


def headed(table: pd.DataFrame, lang: str = "de") -> pd.DataFrame:
    """:func:`readable` rows with the catalogue's headings (for the page)."""
    shown = table.assign(when=table["when"].dt.strftime("%d.%m.%Y %H:%M:%S"))
    return pd.DataFrame({i18n.t(key, lang): shown[column] for column, key in COLUMNS})


def audit_workbook(
    table: pd.DataFrame, data_version: int, data_date: str, lang: str = "de"
) -> bytes:
    """The :func:`readable` rows as an .xlsx workbook (every text written as text)."""
    wb = Workbook()
    ws = wb.active
    ws.title = i18n.t("audit_sheet", lang)[:31]
    write_text(ws.cell(1, 1), i18n.t("audit_title", lang))
    ws.cell(1, 1).font = Font(bold=True, size=14)
    write_text(ws.cell(2, 1), i18n.t("xl_data_version_label", lang))
    ws.cell(2, 2).value = int(data_version)
    write_text(ws.cell(2, 3), data_date)
    write_text(ws.cell(3, 1), i18n.t("audit_exported_at", lang))
    write_text(ws.cell(3, 2), local_time(now()).strftime("%d.%m.%Y %H:%M"))
    header_row = 5
    for col, (_, key) in enumerate(COLUMNS, start=1):
        cell = write_text(ws.cell(header_row, col), i18n.t(key, lang))
        cell.font = Font(bold=True)
    for offset, row in enumerate(table.to_dict("records"), start=1):
        r = header_row + offset
        for col, (column, _) in enumerate(COLUMNS, start=1):
            value = row[column]
            if column in ("id", "version"):
                ws.cell(r, col).value = int(value)
            elif column == "when":
                ws.cell(r, col).value = pd.Timestamp(value).to_pydatetime()
                ws.cell(r, col).number_format = TIMESTAMP
            else:
                write_text(ws.cell(r, col), str(value or ""))
    widths = (8, 20, 18, 16, 22, 44, 24, 36, 36, 10)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
