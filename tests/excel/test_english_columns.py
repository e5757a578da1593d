"""English texts in the workbook: every data sheet carries the English twins of its texts as
"… (englisch)" columns; the round trip keeps them, an English text changed in the file is
imported through the audited door (with the German text it translates), and a file without
those columns (template, older export) leaves the stored English texts alone."""

from __future__ import annotations

import io

import openpyxl

from core import editing, store
from core.editing import audit
from core.excel import apply as excel_apply, export as excel_export, importer as excel_import
from core.scoring.weightset import WeightSet

REQUEST = excel_export.ExportRequest(WeightSet(), "wsm", 5, 0.009)
ANNA = editing.Actor("Anna", editing.EDITOR)


def _edit(data: bytes, change) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _column(ws, header: str) -> int:
    return next(c.column for c in ws[1] if c.value == header)


def _row(ws, key: str) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == key)


def _english(conn, table: str, key: str, field: str) -> tuple[str, str] | None:
    row = conn.execute(
        "SELECT text, german FROM english_texts WHERE tbl = ? AND row_key = ? AND field = ?",
        [table, key, field],
    ).fetchone()
    return None if row is None else (row[0], row[1])


def test_the_export_carries_the_english_texts(conn) -> None:
    book = openpyxl.load_workbook(io.BytesIO(excel_export.area_workbook(conn, "ozg", REQUEST)))
    ws = book["Optionen"]
    for option_id in store.options(conn, "ozg")["id"]:
        stored = _english(conn, "options", option_id, "description")
        cell = ws.cell(_row(ws, option_id), _column(ws, "Beschreibung (englisch)")).value
        assert cell == (stored[0] if stored else None)
    assert _column(ws, "Name (englisch)") > _column(ws, "Name")
    english = openpyxl.load_workbook(
        io.BytesIO(
            excel_export.area_workbook(
                conn, "ozg", excel_export.ExportRequest(WeightSet(), "wsm", 5, 0.009, lang="en")
            )
        )
    )
    headers = [c.value for c in english["Options"][1]]
    assert "Name (English)" in headers and "Description (English)" in headers


def test_an_english_text_changed_in_the_file_is_imported_and_audited(conn) -> None:
    option = store.options(conn, "ozg").iloc[0]
    version = store.data_version(conn)[0]
    export = excel_export.area_workbook(conn, "ozg", REQUEST)

    def change(book) -> None:
        ws = book["Optionen"]
        ws.cell(_row(ws, option["id"]), _column(ws, "Name (englisch)")).value = "Renamed in English"

    plan = excel_import.plan_import(conn, _edit(export, change), "en.xlsx")
    assert plan.ok, [i.line() for i in plan.issues]
    assert [(c.table, c.key, c.fields) for c in plan.changes] == [
        ("options", option["id"], ("name_en",))
    ]
    excel_apply.apply_plan(conn, plan, ANNA)
    assert store.data_version(conn)[0] == version + 1
    assert _english(conn, "options", option["id"], "name") == ("Renamed in English", option["name"])
    shown = store.localize(store.options(conn, "ozg"), "options", "en", store.english_texts(conn))
    assert shown.set_index("id").loc[option["id"], "name"] == "Renamed in English"
    entries = audit.entries(conn)
    assert ("options", option["id"], "name_en") in set(
        zip(entries["entity"], entries["entity_key"], entries["field"], strict=True)
    )
    # the same file again, and a fresh export: nothing to change
    assert excel_import.plan_import(conn, _edit(export, change), "en.xlsx").is_noop
    again = excel_export.area_workbook(conn, "ozg", REQUEST)
    assert excel_import.plan_import(conn, again, "again.xlsx").is_noop


def test_emptying_an_english_cell_removes_the_translation(conn) -> None:
    option = store.options(conn, "ozg").iloc[1]
    assert _english(conn, "options", option["id"], "partner") or _english(
        conn, "options", option["id"], "description"
    )
    field = "description" if _english(conn, "options", option["id"], "description") else "partner"
    header = {"description": "Beschreibung (englisch)", "partner": "Partner (englisch)"}[field]
    export = excel_export.area_workbook(conn, "ozg", REQUEST)

    def change(book) -> None:
        ws = book["Optionen"]
        ws.cell(_row(ws, option["id"]), _column(ws, header)).value = None

    plan = excel_import.plan_import(conn, _edit(export, change), "leer.xlsx")
    excel_apply.apply_plan(conn, plan, ANNA)
    assert _english(conn, "options", option["id"], field) is None
    shown = store.localize(store.options(conn, "ozg"), "options", "en", store.english_texts(conn))
    assert shown.set_index("id").loc[option["id"], field] == option[field]  # German fallback


def test_a_file_without_the_english_columns_keeps_the_english_texts(conn) -> None:
    before = store.english_texts(conn).sort_values(["tbl", "row_key", "field"])
    export = excel_export.area_workbook(conn, "ozg", REQUEST)

    def drop(book) -> None:
        for title in ("Bestand", "Optionen", "Kosten", "Bewertung"):
            ws = book[title]
            for cell in reversed(list(ws[1])):
                if str(cell.value or "").endswith("(englisch)"):
                    ws.delete_cols(cell.column)

    plan = excel_import.plan_import(conn, _edit(export, drop), "alt.xlsx")
    assert plan.ok, [i.line() for i in plan.issues]
    assert plan.is_noop, plan.changes[:3]
    after = store.english_texts(conn).sort_values(["tbl", "row_key", "field"])
    assert before.reset_index(drop=True).equals(after.reset_index(drop=True))
