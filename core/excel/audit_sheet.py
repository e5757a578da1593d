"""The audit trail as an .xlsx workbook (every text written as text, never as a formula)."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core import i18n
from core.editing.audit import ACTIONS, ENTITIES, display_value, now
from core.excel.safety import write_text

EXPORT_COLUMNS = (
    ("id", "audit_col_id"),
    ("changed_at", "audit_col_when"),
    ("actor", "audit_col_actor"),
    ("role", "audit_col_role"),
    ("action", "audit_col_action"),
    ("entity", "audit_col_entity"),
    ("entity_key", "audit_col_key"),
    ("field", "audit_col_field"),
    ("old_value", "audit_col_old"),
    ("new_value", "audit_col_new"),
    ("data_version", "audit_col_version"),
    ("undoes", "audit_col_undoes"),
)


def audit_workbook(
    frame: pd.DataFrame, data_version: int, data_date: str, lang: str = "de"
) -> bytes:
    """The audit entries in ``frame`` as an .xlsx workbook (every text written as text)."""
    wb = Workbook()
    ws = wb.active
    ws.title = i18n.t("audit_sheet", lang)[:31]
    write_text(ws.cell(1, 1), i18n.t("audit_title", lang))
    ws.cell(1, 1).font = Font(bold=True, size=14)
    write_text(ws.cell(2, 1), i18n.t("xl_data_version_label", lang))
    ws.cell(2, 2).value = int(data_version)
    write_text(ws.cell(2, 3), data_date)
    write_text(ws.cell(3, 1), i18n.t("audit_exported_at", lang))
    write_text(ws.cell(3, 2), now().strftime("%Y-%m-%d %H:%M UTC"))
    header_row = 5
    for col, (_, key) in enumerate(EXPORT_COLUMNS, start=1):
        cell = write_text(ws.cell(header_row, col), i18n.t(key, lang))
        cell.font = Font(bold=True)
    actions = {a: i18n.t(f"audit_action_{a}", lang) for a in ACTIONS}
    entities = {e: i18n.t(f"audit_entity_{e}", lang) for e in ENTITIES}
    for offset, row in enumerate(frame.to_dict("records"), start=1):
        r = header_row + offset
        ws.cell(r, 1).value = int(row["id"])
        stamp = row["changed_at"]
        ws.cell(r, 2).value = pd.Timestamp(stamp).to_pydatetime()
        ws.cell(r, 2).number_format = "DD.MM.YYYY hh:mm:ss"
        write_text(ws.cell(r, 3), str(row["actor"]))
        write_text(ws.cell(r, 4), str(row["role"]))
        write_text(ws.cell(r, 5), actions.get(row["action"], str(row["action"])))
        write_text(ws.cell(r, 6), entities.get(row["entity"], str(row["entity"])))
        write_text(ws.cell(r, 7), str(row["entity_key"]))
        write_text(ws.cell(r, 8), str(row["field"] or ""))
        write_text(ws.cell(r, 9), display_value(row["old_value"]))
        write_text(ws.cell(r, 10), display_value(row["new_value"]))
        ws.cell(r, 11).value = int(row["data_version"])
        undoes = row["undoes"]
        ws.cell(r, 12).value = None if pd.isna(undoes) else int(undoes)
    widths = (8, 20, 18, 12, 16, 18, 28, 18, 40, 40, 10, 12)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
