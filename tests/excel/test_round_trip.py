"""The conflict-safe round trip: a stale workbook never overwrites newer data; a file re-saved
by LibreOffice Calc imports as "nothing to change"; the preview speaks a clerk's words; every
import is audited (one entry per changed field and one for the import)."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest

from core import editing, store
from core.errors import StoreError
from core.excel import (
    apply as excel_apply,
    export as excel_export,
    importer as excel_import,
    preview as excel_preview,
)
from core.scoring.weightset import WeightSet

REQUEST = excel_export.ExportRequest(WeightSet(), "wsm", 5, 0.009)
ANNA = editing.Actor("Anna", editing.EDITOR)
BERND = editing.Actor("Bernd", editing.EDITOR)


def edit(data: bytes, change) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def find_row(ws, column: int, value: object) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, column).value == value)


def assessment_row(ws, option: str, criterion: str) -> int:
    return next(
        r
        for r in range(2, ws.max_row + 1)
        if ws.cell(r, 1).value == option and ws.cell(r, 3).value == criterion
    )


def value_of(conn: duckdb.DuckDBPyConnection, option: str, criterion: str) -> float:
    return conn.execute(
        "SELECT value FROM assessments WHERE option_id = ? AND criterion = ?", [option, criterion]
    ).fetchone()[0]


def set_in_app(conn, actor, option: str, criterion: str, value: float) -> None:
    loaded = {"value": value_of(conn, option, criterion)}
    editing.save_edits(
        conn,
        actor,
        [editing.RowEdit("assessments", (option, criterion), loaded, {"value": value})],
    )


def two_options(conn: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    ids = conn.execute(
        "SELECT id FROM options WHERE area = 'ozg' AND removed_at IS NULL ORDER BY id LIMIT 2"
    ).fetchall()
    return ids[0][0], ids[1][0]


def test_stale_workbook_conflicts_instead_of_overwriting(conn) -> None:
    first, second = two_options(conn)
    export = excel_export.area_workbook(conn, "ozg", REQUEST)  # version n
    # a colleague changes reach of `first` in the app (version n+1)
    old = value_of(conn, first, "reach")
    theirs = 9.0 if old != 9 else 8.0
    set_in_app(conn, BERND, first, "reach", theirs)

    # the stale file changes the same cell, and another cell nobody else touched
    mine = 2.0 if old != 2 else 3.0
    other_old = value_of(conn, second, "risk")
    other_new = 1.0 if other_old != 1 else 2.0

    def change(book) -> None:
        ws = book["Bewertung"]
        ws.cell(assessment_row(ws, first, "reach"), 5).value = mine
        ws.cell(assessment_row(ws, second, "risk"), 5).value = other_new

    data = edit(export, change)
    plan = excel_import.plan_import(conn, data, "alt.xlsx")
    assert plan.ok
    assert [(c.table, c.key, c.kind) for c in plan.conflicts] == [
        ("assessments", f"{first}|reach", "changed_both")
    ]
    (field,) = plan.conflicts[0].fields
    assert field[0] == "value" and field[1] == mine and field[2] == theirs
    assert plan.totals() == {"added": 0, "changed": 1, "removed": 0}
    # the conflict comes first in the preview, with both values in German
    rows = excel_preview.change_rows(conn, plan, "de")
    assert rows[0]["action"] == "Konflikt"
    assert f"Datei {int(mine)} Punkte" in rows[0]["detail"]
    assert f"Cockpit {int(theirs)} Punkte" in rows[0]["detail"]
    assert f"{int(other_old)} Punkte → {int(other_new)} Punkte" in rows[1]["detail"]

    before = excel_export.store_checksum(conn)
    with pytest.raises(StoreError) as info:
        excel_apply.apply_plan(conn, plan, ANNA)  # not applied silently
    assert info.value.key == "import_conflicts"
    assert excel_export.store_checksum(conn) == before

    result = excel_apply.apply_plan(conn, plan, ANNA, skip_conflicts=True)  # "apply the rest"
    assert result.applied and result.changed == 1
    assert value_of(conn, first, "reach") == theirs  # the colleague's value survives
    assert value_of(conn, second, "risk") == other_new


def test_unchanged_rows_of_a_stale_file_leave_newer_values_alone(conn) -> None:
    first, second = two_options(conn)
    export = excel_export.area_workbook(conn, "ozg", REQUEST)
    old = value_of(conn, first, "reach")
    theirs = 9.0 if old != 9 else 8.0
    set_in_app(conn, BERND, first, "reach", theirs)
    other_old = value_of(conn, second, "risk")
    other_new = 1.0 if other_old != 1 else 2.0
    data = edit(
        export,
        lambda b: (
            b["Bewertung"]
            .cell(assessment_row(b["Bewertung"], second, "risk"), 5)
            .__setattr__("value", other_new)
        ),
    )
    plan = excel_import.plan_import(conn, data, "alt.xlsx")
    assert plan.ok and not plan.conflicts and plan.totals()["changed"] == 1
    excel_apply.apply_plan(conn, plan, ANNA)
    assert value_of(conn, first, "reach") == theirs
    assert value_of(conn, second, "risk") == other_new


def test_rows_added_in_the_app_after_the_export_are_not_removed(conn) -> None:
    export = excel_export.area_workbook(conn, "ozg", REQUEST)
    new_id, _ = editing.add_option(
        conn,
        BERND,
        {"area": "ozg", "name": "Neue Option", "pathway": "standard", "source": "kdn"},
    )
    plan = excel_import.plan_import(conn, export, "alt.xlsx")
    assert plan.ok and plan.is_noop, plan.changes[:3]
    assert conn.execute("SELECT removed_at FROM options WHERE id = ?", [new_id]).fetchone() == (
        None,
    )


def test_removing_a_row_the_app_changed_meanwhile_is_a_conflict(conn) -> None:
    first, _ = two_options(conn)
    export = excel_export.area_workbook(conn, "ozg", REQUEST)
    old = value_of(conn, first, "reach")
    set_in_app(conn, BERND, first, "reach", 9.0 if old != 9 else 8.0)

    def drop(book) -> None:
        ws = book["Bewertung"]
        ws.delete_rows(assessment_row(ws, first, "reach"))

    plan = excel_import.plan_import(conn, edit(export, drop), "alt.xlsx")
    kinds = {(c.key, c.kind) for c in plan.conflicts}
    assert (f"{first}|reach", "removed_in_file") in kinds


def test_import_is_audited_per_field_and_once_per_import(conn) -> None:
    _, second = two_options(conn)
    export = excel_export.area_workbook(conn, "ozg", REQUEST)
    other_old = value_of(conn, second, "risk")
    other_new = 1.0 if other_old != 1 else 2.0

    def change(book) -> None:
        ws = book["Bewertung"]
        row = assessment_row(ws, second, "risk")
        ws.cell(row, 5).value = other_new
        ws.cell(row, 8).value = "neu begründet"

    plan = excel_import.plan_import(conn, edit(export, change), "neu.xlsx")
    version = store.data_version(conn)[0]
    result = excel_apply.apply_plan(conn, plan, ANNA)
    assert result.version == version + 1
    log = editing.audit_entries(conn)
    mine = log[log["data_version"] == result.version]
    assert sorted(zip(mine["action"], mine["field"], strict=True)) == [
        ("import", ""),
        ("update", "rationale"),
        ("update", "value"),
    ]
    assert set(mine["actor"]) == {"Anna"}
    details = editing.decode_audit_value(mine.loc[mine["action"] == "import", "new_value"].iloc[0])
    assert details["sha256"] == plan.sha256 and details["changed"] == 1
    assert details["file"] == "neu.xlsx"


def test_missing_scoped_sheet_is_an_error_naming_the_sheet(conn) -> None:
    export = excel_export.all_areas_workbook(conn, REQUEST)

    def drop(book) -> None:
        del book["OZG Kosten"]

    plan = excel_import.plan_import(conn, edit(export, drop), "alle.xlsx")
    assert not plan.ok
    (issue,) = [i for i in plan.issues if i.key == "import_missing_scoped_sheet"]
    assert issue.sheet == "OZG Kosten" and "OZG Kosten" in issue.line()


def test_implausible_money_is_refused_by_import_and_editor(conn) -> None:
    export = excel_export.area_workbook(conn, "ozg", REQUEST)
    data = edit(export, lambda b: b["Kosten"].cell(2, 4).__setattr__("value", 1e300))
    plan = excel_import.plan_import(conn, data, "x.xlsx")
    assert [(i.sheet, i.row, i.key) for i in plan.issues] == [("Kosten", 2, "import_column_range")]
    line_id = conn.execute("SELECT min(id) FROM cost_lines").fetchone()[0]
    with pytest.raises(editing.ValidationFailed):
        editing.save_edits(
            conn,
            ANNA,
            [editing.RowEdit("cost_lines", (line_id,), {}, {"investment_eur": 1e300})],
        )


def test_a_libreoffice_re_save_imports_as_nothing_to_change(
    conn, tmp_path: Path, soffice: str
) -> None:
    """A real `soffice --headless --convert-to xlsx` re-save: =TRUE(), dates, numbers."""
    source = tmp_path / "in" / "ozg.xlsx"
    source.parent.mkdir()
    source.write_bytes(excel_export.area_workbook(conn, "ozg", REQUEST))
    out = tmp_path / "out"
    profile = tmp_path / "profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    resaved = (out / "ozg.xlsx").read_bytes()
    assert b"TRUE()" in _sheet_xml(resaved)  # Calc really wrote its formula booleans
    plan = excel_import.plan_import(conn, resaved, "ozg.xlsx")
    assert plan.ok, [i.line() for i in plan.issues][:5]
    assert plan.is_noop, plan.changes[:5]


def _sheet_xml(data: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return b"".join(
            archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")
        )


def test_booleans_german_numbers_and_text_dates_are_accepted(conn) -> None:
    """What other spreadsheets write: WAHR, 'TRUE', '60.000,5' as text, dates as text."""
    export = excel_export.area_workbook(conn, "ozg", REQUEST)
    line = conn.execute(
        "SELECT l.id, l.investment_eur FROM cost_lines l JOIN options o ON o.id = l.option_id"
        " WHERE o.area = 'ozg' ORDER BY l.id LIMIT 1"
    ).fetchone()

    def change(book) -> None:
        ws = book["Kosten"]
        row = find_row(ws, 1, line[0])
        ws.cell(row, 4).value = (
            f"{line[1]:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
        )
        bw = book["Bewertung"]
        bw.cell(2, 10).value = "WAHR" if bw.cell(2, 10).value else "FALSCH"
        day = bw.cell(2, 12).value
        bw.cell(2, 12).value = day.strftime("%d.%m.%Y")

    plan = excel_import.plan_import(conn, edit(export, change), "x.xlsx")
    assert plan.ok, [i.line() for i in plan.issues][:5]
    assert plan.is_noop, plan.changes[:3]


def test_a_file_of_another_store_is_read_without_its_base(conn) -> None:
    """Another installation's export: its base does not describe this store, so its rows are
    added or replace rows as in a template (and a scoped area is replaced)."""
    from core.store import seed

    other = store.connect(":memory:")
    seed.load_seed(other)
    try:
        assert store.store_id(other) != store.store_id(conn) != ""
        first, _ = two_options(other)
        export = excel_export.area_workbook(other, "ozg", REQUEST)
    finally:
        other.close()
    old = value_of(conn, first, "reach")
    set_in_app(conn, BERND, first, "reach", 9.0 if old != 9 else 8.0)
    plan = excel_import.plan_import(conn, export, "fremd.xlsx")
    assert plan.ok and plan.export_version is None and not plan.conflicts
    assert [(c.table, c.key, c.action) for c in plan.changes] == [
        ("assessments", f"{first} · reach", "changed")
    ]


def test_an_import_keeps_the_english_texts(conn) -> None:
    """An import rebuilds the data tables but leaves the English texts (migration 0009) in
    place: an unchanged row still reads in English, a row whose German rationale the import
    changed (its English twin untouched) shows the new German text until someone translates
    it again (tests/excel/test_english_columns.py: English edited in the file)."""
    _, second = two_options(conn)
    before = store.english_texts(conn)
    export = excel_export.area_workbook(conn, "ozg", REQUEST)

    def change(book) -> None:
        ws = book["Bewertung"]
        ws.cell(assessment_row(ws, second, "risk"), 8).value = "neu begründet"

    plan = excel_import.plan_import(conn, edit(export, change), "neu.xlsx")
    excel_apply.apply_plan(conn, plan, ANNA)
    after = store.english_texts(conn)
    pd.testing.assert_frame_equal(
        before.sort_values(["tbl", "row_key", "field"]).reset_index(drop=True),
        after.sort_values(["tbl", "row_key", "field"]).reset_index(drop=True),
    )
    shown = store.localize(store.assessments(conn, "ozg"), "assessments", "en", after)
    shown = shown.set_index(["option_id", "criterion"])["rationale"]
    assert shown[(second, "risk")] == "neu begründet"
    assert (
        shown[(second, "reach")]
        == after.set_index(["tbl", "row_key", "field"]).loc[
            ("assessments", f"{second}/reach", "rationale"), "text"
        ]
    )
    assert "Bewertung" in {ws.title for ws in openpyxl.load_workbook(io.BytesIO(export))}
    headers = [c.value for c in openpyxl.load_workbook(io.BytesIO(export))["Bewertung"][1]]
    assert not any(str(h).endswith("_en") for h in headers)  # headers, not keys
    assert "Begründung (englisch)" in headers
