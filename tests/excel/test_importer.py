"""Excel import: every validation rule, the preview, one-transaction apply, the import log,
the version bump, round trips that change nothing, and 200+ malformed workbooks that all get
a clear error and leave the store exactly as it was (checksum over every table)."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable, Iterator

import duckdb
import openpyxl
import pytest

from core import editing, i18n, store
from core.errors import InputError, StoreError
from core.excel import (
    apply as excel_apply,
    export as excel_export,
    importer as excel_import,
    reader as excel_reader,
)
from core.scoring.weightset import WeightSet
from core.store import seed
from tests import xlsx_factory as xf

REQUEST = excel_export.ExportRequest(WeightSet(), "wsm", 5, 0.009)
EDITOR_ACTOR = editing.Actor("Frau Beispiel", editing.EDITOR)


def plan(conn: duckdb.DuckDBPyConnection, data: bytes, name: str = "datei.xlsx"):
    return excel_import.plan_import(conn, data, name)


def keys(result: excel_import.ImportPlan) -> set[str]:
    return {i.key for i in result.issues}


def edit(data: bytes, change: Callable[[openpyxl.Workbook], None]) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rows_of(ws, key_column: int, value: str) -> list[int]:
    return [
        c.row
        for c in ws.iter_cols(min_col=key_column, max_col=key_column, min_row=2).__next__()
        if c.value == value
    ]


# --- validation, one rule at a time -------------------------------------------------------------


@pytest.fixture
def export(conn: duckdb.DuckDBPyConnection) -> bytes:
    return excel_export.area_workbook(conn, "ozg", REQUEST)


@pytest.fixture(scope="module")
def readonly() -> Iterator[tuple[duckdb.DuckDBPyConnection, bytes]]:
    """A seeded store and its ozg export for tests that only check (never apply)."""
    conn = store.connect(":memory:")
    seed.load_seed(conn)
    yield conn, excel_export.area_workbook(conn, "ozg", REQUEST)
    conn.close()


def test_text_in_a_number_cell_is_named_by_sheet_row_and_column(readonly) -> None:
    conn, export = readonly
    data = edit(export, lambda b: b["Bewertung"].cell(row=5, column=5, value="sieben"))
    result = plan(conn, data)
    assert not result.ok
    issue = next(i for i in result.issues if i.key == "import_not_number")
    assert (issue.sheet, issue.row, issue.column) == ("Bewertung", 5, "E (Wert)")
    assert issue.line() == (
        "Blatt „Bewertung“, Zeile 5, Spalte E (Wert): Zahl erwartet, gefunden: „sieben“ (Text)."
        " Bitte als Zahl eintragen."
    )
    assert "sheet 'Bewertung', row 5" in issue.line("en")


@pytest.mark.parametrize(
    ("sheet", "column", "value", "key"),
    [
        ("Kosten", 4, -1000, "import_column_range"),
        ("Kosten", 6, -0.5, "import_column_range"),
        ("Bestand", 6, -1, "import_column_range"),
        ("Bestand", 9, 1800, "import_column_range"),
        ("Bestand", 9, 2001.5, "import_not_integer"),
        ("Bewertung", 5, 11, "import_out_of_range"),
        ("Bewertung", 5, -1, "import_out_of_range"),
        ("Optionen", 4, "teleport", "import_bad_choice"),
        ("Bestand", 4, "cloud", "import_bad_choice"),
        ("Optionen", 1, "Neue Option", "import_bad_id"),
        ("Optionen", 2, "mars", "import_unknown_area"),
        ("Bewertung", 3, "beauty", "import_unknown_criterion"),
        ("Bewertung", 3, "npv_cost", "import_derived_criterion"),
        ("Bewertung", 6, "Euro", "import_unit_mismatch"),
        ("Bewertung", 7, "je mehr, desto schlechter", "import_direction_mismatch"),
        ("Bewertung", 10, "vielleicht", "import_bad_bool"),
        ("Bewertung", 12, "31.02.2026", "import_bad_date"),
        ("Bewertung", 5, "=1+1", "import_formula"),
        ("Optionen", 5, '=HYPERLINK("http://example.org","klick")', "import_formula"),
        ("Optionen", 5, None, "import_required"),
        ("Optionen", 3, "gibt-es-nicht", "import_unknown_system"),
        ("Kosten", 2, "ozg-unbekannt", "import_unknown_option"),
    ],
)
def test_each_rule_reports_its_error(readonly, sheet, column, value, key) -> None:
    conn, export = readonly

    def change(book: openpyxl.Workbook) -> None:
        book[sheet].cell(row=2, column=column).value = value

    result = plan(conn, edit(export, change))
    assert key in keys(result), [i.line() for i in result.issues]
    issue = next(i for i in result.issues if i.key == key)
    assert issue.sheet == sheet and issue.row == 2
    assert issue.message("de") and issue.message("en")


def test_missing_sheet_and_missing_column(readonly) -> None:
    conn, export = readonly
    result = plan(conn, edit(export, lambda b: b.remove(b["Bewertung"])))
    assert keys(result) == {"import_missing_sheet"}
    assert "Bewertung" in result.issues[0].message()
    result = plan(conn, edit(export, lambda b: b["Kosten"].delete_cols(3)))
    assert keys(result) == {"import_missing_column"}
    assert result.issues[0].column == "Position"


def test_duplicates_are_refused(readonly) -> None:
    conn, export = readonly

    def duplicate_option(book: openpyxl.Workbook) -> None:
        ws = book["Optionen"]
        ws.append([c.value for c in ws[2]])

    assert {"import_duplicate_id", "import_duplicate_option_name_file"} <= keys(
        plan(conn, edit(export, duplicate_option))
    )

    def duplicate_name(book: openpyxl.Workbook) -> None:
        book["Optionen"]["E3"] = book["Optionen"]["E2"].value

    assert "import_duplicate_option_name_file" in keys(plan(conn, edit(export, duplicate_name)))

    def duplicate_assessment(book: openpyxl.Workbook) -> None:
        ws = book["Bewertung"]
        ws.append([c.value for c in ws[2]])

    assert "import_duplicate_assessment" in keys(plan(conn, edit(export, duplicate_assessment)))


def test_a_missing_assessment_and_missing_sources_are_refused(readonly) -> None:
    conn, export = readonly
    result = plan(conn, edit(export, lambda b: b["Bewertung"].delete_rows(3)))
    assert keys(result) == {"import_missing_assessment"}

    def no_source(book: openpyxl.Workbook) -> None:
        ws = book["Kosten"]
        ws["G2"] = None
        ws["H2"] = False

    assert keys(plan(conn, edit(export, no_source))) == {"import_honesty"}


def test_removing_a_system_an_option_replaces_is_refused(readonly) -> None:
    conn, export = readonly

    def remove_systems(book: openpyxl.Workbook) -> None:
        book["Bestand"].delete_rows(2, book["Bestand"].max_row)

    assert "import_unknown_system" in keys(plan(conn, edit(export, remove_systems)))


# --- preview and apply ------------------------------------------------------------------------


def _edited(export: bytes) -> bytes:
    """Rename one option, change one value, remove one option (with its rows), add a line."""

    def change(book: openpyxl.Workbook) -> None:
        options = book["Optionen"]
        for row in options.iter_rows(min_row=2):
            if row[0].value == "ozg-paderborn":
                row[4].value = "Paderborner Modell (geprüft)"
        for title, col in (("Optionen", 1), ("Bewertung", 1), ("Kosten", 2)):
            ws = book[title]
            for number in reversed(rows_of(ws, col, "ozg-kommunalportal")):
                ws.delete_rows(number)
        bewertung = book["Bewertung"]
        for row in bewertung.iter_rows(min_row=2):
            if row[0].value == "ozg-status-quo" and row[2].value == "reach":
                row[4].value = 6
        book["Kosten"].append(
            [None, "ozg-paderborn", "Schulung", 5000, 0, 0, "paderborn-serviceportal", False, None]
        )

    return edit(export, change)


def test_preview_lists_added_changed_removed(readonly) -> None:
    conn, export = readonly
    result = plan(conn, _edited(export))
    assert result.ok, [i.line() for i in result.issues]
    counts = result.counts()
    assert counts["options"] == {"added": 0, "changed": 1, "removed": 1}
    assert counts["cost_lines"]["added"] == 1
    assert counts["cost_lines"]["removed"] == len(
        store.cost_lines(conn, "ozg").query("option_id == 'ozg-kommunalportal'")
    )
    assert counts["assessments"]["changed"] == 1
    renamed = next(c for c in result.changes if c.table == "options" and c.action == "changed")
    assert renamed.key == "ozg-paderborn" and renamed.fields == ("name",)
    table = excel_import.change_table(result)
    assert set(table["Änderung"]) == {"hinzugefügt", "geändert", "entfernt"}


def test_apply_writes_everything_logs_it_and_raises_the_version(conn, export) -> None:
    version = store.data_version(conn)[0]
    result = plan(conn, _edited(export), "ozg-bearbeitet.xlsx")
    applied = excel_apply.apply_plan(conn, result, EDITOR_ACTOR)
    assert applied.applied and applied.version == version + 1
    assert store.data_version(conn)[0] == version + 1
    options = store.options(conn, "ozg").set_index("id")
    assert "ozg-kommunalportal" not in options.index
    assert options.at["ozg-paderborn", "name"] == "Paderborner Modell (geprüft)"
    assert store.assessments(conn, "ozg").query("option_id == 'ozg-kommunalportal'").empty
    log = excel_apply.import_log(conn)
    assert len(log) == 1
    entry = log.iloc[0]
    assert (entry["imported_by"], entry["file_name"], entry["areas"]) == (
        "Frau Beispiel",
        "ozg-bearbeitet.xlsx",
        "ozg",
    )
    assert entry["added"] + entry["changed"] + entry["removed"] == len(result.changes)
    assert entry["data_version"] == version + 1
    # the same file again: the new cost line is recognised, nothing changes
    assert plan(conn, _edited(export)).is_noop


def test_removal_is_a_soft_delete_and_history_survives_an_import(conn, export) -> None:
    """Rows removed on the editing page stay as history; the import marks, never forgets."""
    conn.execute(
        "UPDATE cost_lines SET removed_at = TIMESTAMP '2026-01-02 03:04:05'"
        " WHERE id = (SELECT min(id) FROM cost_lines WHERE option_id = 'gis-status-quo')"
    )
    hidden = conn.execute("SELECT * FROM cost_lines WHERE removed_at IS NOT NULL").fetchall()
    result = plan(conn, _edited(export))
    excel_apply.apply_plan(conn, result, EDITOR_ACTOR)
    assert (
        conn.execute(
            "SELECT * FROM cost_lines WHERE removed_at IS NOT NULL AND option_id = 'gis-status-quo'"
        ).fetchall()
        == hidden
    )
    row = conn.execute("SELECT removed_at FROM options WHERE id = 'ozg-kommunalportal'").fetchone()
    assert row is not None and row[0] is not None  # kept, marked removed
    assert "ozg-kommunalportal" not in set(store.options(conn)["id"])


def test_re_adding_a_removed_option_does_not_resurrect_its_old_cost_lines(conn, export) -> None:
    excel_apply.apply_plan(conn, plan(conn, _edited(export)), EDITOR_ACTOR)
    lines_before = store.cost_lines(conn, "ozg")
    stale = plan(conn, export)  # the old export does not undo the removal made since
    assert stale.ok and stale.is_noop, [i.line() for i in stale.issues][:3]
    # without its base (like a template) the original export brings the option back
    result = plan(conn, edit(export, lambda b: b.remove(b["Importbasis"])))
    assert result.ok, [i.line() for i in result.issues][:3]
    assert any(
        c.table == "options" and c.action == "added" and c.key == "ozg-kommunalportal"
        for c in result.changes
    )
    excel_apply.apply_plan(conn, result, EDITOR_ACTOR)
    lines = store.cost_lines(conn, "ozg")
    mine = lines[lines["option_id"] == "ozg-kommunalportal"]
    assert len(mine) == len(result.result["cost_lines"].query("option_id == 'ozg-kommunalportal'"))
    assert len(lines) >= len(lines_before)
    assert plan(conn, export).is_noop


def test_apply_is_one_transaction_a_failure_changes_nothing(conn, export, monkeypatch) -> None:
    before = excel_export.store_checksum(conn)
    result = plan(conn, _edited(export))

    def broken(_conn: duckdb.DuckDBPyConnection) -> int:
        raise duckdb.IOException("disk full")

    monkeypatch.setattr(store, "bump_data_version", broken)
    with pytest.raises(StoreError) as info:
        excel_apply.apply_plan(conn, result, EDITOR_ACTOR)
    assert info.value.key == "import_failed"
    assert excel_export.store_checksum(conn) == before
    assert len(store.assessments(conn)) > 0


def test_a_stale_plan_is_refused(conn, export) -> None:
    result = plan(conn, _edited(export))
    with conn.cursor() as other, store.door(other):
        store.bump_data_version(other)
    before = excel_export.store_checksum(conn)
    with pytest.raises(StoreError) as info:
        excel_apply.apply_plan(conn, result, EDITOR_ACTOR)
    assert info.value.key == "import_stale"
    assert excel_export.store_checksum(conn) == before


def test_apply_needs_a_valid_plan_and_an_editor(conn, export) -> None:
    with pytest.raises(InputError) as info:
        excel_apply.apply_plan(conn, plan(conn, b"kaputt"), EDITOR_ACTOR)
    assert info.value.key == "import_not_valid"
    before = excel_export.store_checksum(conn)
    for who in (editing.Actor.viewer(), "Test", None):
        with pytest.raises(editing.PermissionDeniedError):
            excel_apply.apply_plan(conn, plan(conn, _edited(export)), who)
    assert excel_export.store_checksum(conn) == before


# --- round trips --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["de", "en"])
def test_round_trip_of_an_export_changes_nothing(conn, lang) -> None:
    before = excel_export.store_checksum(conn)
    request = excel_export.ExportRequest(WeightSet(), "topsis", 5, 0.009, lang)
    for data in (
        excel_export.all_areas_workbook(conn, request),
        excel_export.area_workbook(conn, "social-media", request),
    ):
        result = plan(conn, data)
        assert result.ok and result.is_noop, [i.line() for i in result.issues][:5]
        applied = excel_apply.apply_plan(conn, result, EDITOR_ACTOR)
        assert not applied.applied
    assert excel_export.store_checksum(conn) == before


def test_round_trip_keeps_hostile_texts_exactly(conn) -> None:
    from tests.excel.test_export import HOSTILE, _insert_hostile

    _insert_hostile(conn)
    before = excel_export.store_checksum(conn)
    data = excel_export.area_workbook(conn, "ozg", REQUEST)
    result = plan(conn, data)
    assert result.ok and result.is_noop, [c for c in result.changes][:5]
    names = set(store.options(conn, "ozg")["name"]) | set(store.systems(conn, "ozg")["name"])
    assert HOSTILE[0] in names
    assert excel_export.store_checksum(conn) == before


def test_a_filled_template_adds_and_never_removes(conn) -> None:
    template = excel_export.template_workbook(conn)

    def fill(book: openpyxl.Workbook) -> None:
        book["Bestand"].append(
            [
                "ozg-fachverfahren",
                "ozg",
                "Fachverfahren X",
                "standard",
                "Amt 33",
                1200,
                None,
                None,
                2019,
                None,
                "waz-407839135",
                False,
                None,
            ]
        )

    result = plan(conn, edit(template, fill))
    assert result.ok, [i.line() for i in result.issues]
    assert result.totals() == {"added": 1, "changed": 0, "removed": 0}
    excel_apply.apply_plan(conn, result, EDITOR_ACTOR)
    assert "ozg-fachverfahren" in set(store.systems(conn, "ozg")["id"])
    assert len(store.options(conn, "ozg")) == 4


# --- bad input: 200+ malformed workbooks ---------------------------------------------------------


@pytest.fixture(scope="module")
def shared() -> Iterator[tuple[duckdb.DuckDBPyConnection, xf.Sheets, bytes, str]]:
    conn = store.connect(":memory:")
    seed.load_seed(conn)
    sheets = xf.base_sheets(conn)
    valid = xf.build(sheets)
    yield conn, sheets, valid, excel_export.store_checksum(conn)
    conn.close()


def _set(sheet: str, header: str, value: object, row: int = 1):
    def make(sheets: xf.Sheets) -> None:
        sheets[sheet][row][xf.column(sheets, sheet, header)] = value

    return make


def _drop_column(sheet: str, header: str):
    def make(sheets: xf.Sheets) -> None:
        index = xf.column(sheets, sheet, header)
        for row in sheets[sheet]:
            del row[index]

    return make


def _assessment_of(criterion: str, value: float):
    def make(sheets: xf.Sheets) -> None:
        rows = sheets["Bewertung"]
        index = next(i for i, r in enumerate(rows) if r[2] == criterion)
        rows[index][4] = value

    return make


def _sheet_cases() -> list[tuple[str, Callable[[xf.Sheets], None], str | None]]:
    """(id, mutation of the data-sheet rows, expected issue key or None)."""
    cases: list[tuple[str, Callable[[xf.Sheets], None], str | None]] = []
    # "12,5", "1.000" and "12 €" are numbers stored as text (accepted); these are not numbers
    texts = ["abc", "1,2,3", "12,5,6", "—", "n/a", "1e3x", "zwölf", "0x1F"]
    numbers = [
        ("Kosten", "Einmalinvestition (€)"),
        ("Kosten", "Laufende Kosten p. a. (€)"),
        ("Kosten", "Personal (VZÄ)"),
        ("Bewertung", "Wert"),
        ("Bestand", "Laufende Kosten p. a. (€)"),
        ("Bestand", "Reichweite"),
        ("Bestand", "In Betrieb seit (Jahr)"),
    ]
    for sheet, header in numbers:
        for text in texts:
            cases.append(
                (f"text-{sheet}-{header}-{text}", _set(sheet, header, text), "import_not_number")
            )
    for header in ("Einmalinvestition (€)", "Laufende Kosten p. a. (€)", "Personal (VZÄ)"):
        for value in (-1, -0.01, -1e6):
            cases.append(
                (
                    f"negative-{header}-{value}",
                    _set("Kosten", header, value),
                    "import_column_range",
                )
            )
    cases.append(
        (
            "negative-system-cost",
            _set("Bestand", "Laufende Kosten p. a. (€)", -5),
            "import_column_range",
        )
    )
    for header, value in (
        ("Einmalinvestition (€)", 1e300),
        ("Einmalinvestition (€)", 1.5e9),
        ("Laufende Kosten p. a. (€)", "1.000.000.001"),
        ("Personal (VZÄ)", 1001),
        ("Personal (VZÄ)", "1.000,5"),
    ):
        cases.append(
            (f"implausible-{header}-{value}", _set("Kosten", header, value), "import_column_range")
        )
    cases.append(
        (
            "implausible-year",
            _set("Bestand", "In Betrieb seit (Jahr)", 1989),
            "import_column_range",
        )
    )
    limits = {
        "reach": 10,
        "service_quality": 10,
        "online_availability": 7,
        "accessibility": 10,
        "time_to_implement": 60,
        "risk": 10,
        "skills": 10,
        "vendor_dependency": 10,
    }
    for criterion, high in limits.items():
        for value in (high + 1, -1, 1e9):
            cases.append(
                (
                    f"range-{criterion}-{value}",
                    _assessment_of(criterion, value),
                    "import_out_of_range",
                )
            )
    formulas = ["=1+1", '=HYPERLINK("http://example.org","klick")', "=SUM(A1:A3)"]
    targets = [
        ("Bestand", "Name"),
        ("Optionen", "Name"),
        ("Optionen", "Quelle"),
        ("Kosten", "Position"),
        ("Kosten", "Einmalinvestition (€)"),
        ("Bewertung", "Wert"),
    ]
    for sheet, header in targets:
        for formula in formulas:
            cases.append(
                (
                    f"formula-{sheet}-{header}-{formula}",
                    _set(sheet, header, formula),
                    "import_formula",
                )
            )
    for sheet, header, value, key in [
        ("Optionen", "Weg", "teleport", "import_bad_choice"),
        ("Optionen", "Weg", "Standardprodukt", "import_bad_choice"),
        ("Optionen", "Weg", 3, "import_bad_choice"),
        ("Bestand", "Art", "cloud", "import_bad_choice"),
        ("Bestand", "Art", "", "import_required"),
        ("Bewertung", "Schätzung", "vielleicht", "import_bad_bool"),
        ("Kosten", "Schätzung", 7, "import_bad_bool"),
        ("Bewertung", "Bewertet am", "gestern", "import_bad_date"),
        ("Bewertung", "Bewertet am", "2026-13-45", "import_bad_date"),
        ("Bewertung", "Bewertet am", -5, "import_bad_date"),
        ("Optionen", "Options-ID", "Neue Option", "import_bad_id"),
        ("Optionen", "Options-ID", "ä-x", "import_bad_id"),
        ("Bestand", "Bestand-ID", "x_y", "import_bad_id"),
        ("Bewertung", "Kriterium-ID", "Reach", "import_bad_id"),
        ("Optionen", "Bereich-ID", "mars", "import_unknown_area"),
        ("Bestand", "Bereich-ID", "venus", "import_unknown_area"),
        ("Importumfang", "Bereich-ID", "jupiter", "import_unknown_area"),
        ("Bewertung", "Kriterium-ID", "beauty", "import_unknown_criterion"),
        ("Bewertung", "Kriterium-ID", "npv_cost", "import_derived_criterion"),
        ("Bewertung", "Kriterium-ID", "investment", "import_derived_criterion"),
        ("Bewertung", "Kriterium-ID", "staff_fte", "import_derived_criterion"),
        ("Bewertung", "Einheit", "Euro", "import_unit_mismatch"),
        ("Bewertung", "Richtung", "egal", "import_direction_mismatch"),
        ("Optionen", "Name", None, "import_required"),
        ("Optionen", "Quelle", "gibt-es-nicht", "import_unknown_source"),
        ("Bestand", "Quelle", "Freitext statt Schlüssel", "import_unknown_source"),
        ("Kosten", "Quelle", "kdn; erfunden", "import_unknown_source"),
        ("Kosten", "Position", None, "import_required"),
        ("Kosten", "Kosten-ID", 0, "import_not_integer"),
        ("Kosten", "Kosten-ID", 2.5, "import_not_integer"),
        ("Kosten", "Options-ID", "ozg-nirgends", "import_unknown_option"),
        ("Bewertung", "Options-ID", "ozg-nirgends", "import_unknown_option"),
        ("Optionen", "Ersetzt System (Bestand-ID)", "kein-system", "import_unknown_system"),
        ("Bewertung", "Wert", None, "import_required"),
    ]:
        cases.append((f"cell-{sheet}-{header}-{value}", _set(sheet, header, value), key))

    def duplicate_row(sheet: str):
        def make(sheets: xf.Sheets) -> None:
            sheets[sheet].append(list(sheets[sheet][1]))

        return make

    for sheet, key in (
        ("Optionen", "import_duplicate_id"),
        ("Bestand", "import_duplicate_id"),
        ("Kosten", "import_duplicate_id"),
        ("Bewertung", "import_duplicate_assessment"),
    ):
        cases.append((f"duplicate-{sheet}", duplicate_row(sheet), key))

    def no_source(sheet: str):
        def make(sheets: xf.Sheets) -> None:
            row = sheets[sheet][1]
            row[xf.column(sheets, sheet, "Quelle")] = ""
            row[xf.column(sheets, sheet, "Schätzung")] = False

        return make

    for sheet in ("Bestand", "Optionen", "Kosten", "Bewertung"):
        cases.append((f"no-source-{sheet}", no_source(sheet), "import_honesty"))

    def same_name(sheets: xf.Sheets) -> None:
        sheets["Optionen"][2][4] = sheets["Optionen"][1][4]

    cases.append(("duplicate-option-name", same_name, "import_duplicate_option_name_file"))

    def drop_assessment(sheets: xf.Sheets) -> None:
        del sheets["Bewertung"][3]

    cases.append(("missing-assessment", drop_assessment, "import_missing_assessment"))

    def drop_systems(sheets: xf.Sheets) -> None:
        del sheets["Bestand"][1:]

    cases.append(("systems-removed-but-replaced", drop_systems, "import_unknown_system"))

    for title in ("Bestand", "Optionen", "Kosten", "Bewertung"):
        cases.append(
            (f"missing-sheet-{title}", lambda s, t=title: s.pop(t), "import_missing_sheet")
        )

        def rename(sheets: xf.Sheets, t: str = title) -> None:
            sheets["Tabelle1"] = sheets.pop(t)

        cases.append((f"renamed-sheet-{title}", rename, "import_missing_sheet"))

        def no_header(sheets: xf.Sheets, t: str = title) -> None:
            sheets[t] = sheets[t][1:]

        cases.append((f"no-header-{title}", no_header, "import_missing_column"))

        def duplicate_header(sheets: xf.Sheets, t: str = title) -> None:
            for row in sheets[t]:
                row.append(row[0])

        cases.append((f"duplicate-header-{title}", duplicate_header, "import_duplicate_column"))
    from core.excel.schema import DATA_SHEETS

    for sheet in DATA_SHEETS:
        for col in sheet.columns:
            if col.required:
                cases.append(
                    (
                        f"no-column-{sheet.title()}-{col.header()}",
                        _drop_column(sheet.title(), col.header()),
                        "import_missing_column",
                    )
                )

    def only_other_sheet(sheets: xf.Sheets) -> None:
        sheets.clear()
        sheets["Tabelle1"] = [["a", "b"], [1, 2]]

    cases.append(("only-a-wrong-sheet", only_other_sheet, "import_missing_sheet"))

    def empty_data(sheets: xf.Sheets) -> None:
        for title in list(sheets):
            del sheets[title][1:]

    cases.append(("no-data-rows", empty_data, "import_no_rows"))
    return cases


def _raw_cases() -> list[tuple[str, Callable[[bytes], bytes], str | None]]:
    """(id, bytes from a valid xlsx, expected issue key) for files that are not clean xlsx."""
    rng = random.Random(4)
    csv = b"Options-ID;Bereich-ID;Weg;Name\nozg-x;ozg;standard;X\n"
    cases: list[tuple[str, Callable[[bytes], bytes], str | None]] = [
        ("empty-file", lambda v: b"", "import_empty_file"),
        ("one-byte", lambda v: b"\x00", "import_not_xlsx"),
        ("renamed-csv", lambda v: csv, "import_not_xlsx"),
        ("renamed-csv-utf16", lambda v: csv.decode().encode("utf-16"), "import_not_xlsx"),
        ("pdf", lambda v: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "import_not_xlsx"),
        ("png", lambda v: b"\x89PNG\r\n\x1a\n" + bytes(200), "import_not_xlsx"),
        ("html", lambda v: b"<html><body>Tabelle</body></html>", "import_not_xlsx"),
        ("old-xls", lambda v: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000), "import_not_xlsx"),
        ("plain-zip", lambda v: xf.zip_of({"notiz.txt": b"hallo"}), "import_not_xlsx"),
        (
            "docx-like",
            lambda v: xf.zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}),
            "import_not_xlsx",
        ),
        ("truncated", lambda v: v[: len(v) // 2], "import_not_xlsx"),
        (
            "garbage-workbook-xml",
            lambda v: xf.with_part(v, "xl/workbook.xml", b"<<<nicht xml"),
            "import_bad_xml",
        ),
        (
            "garbage-sheet-xml",
            lambda v: xf.with_part(v, "xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row>"),
            "import_bad_xml",
        ),
        (
            "billion-laughs",
            lambda v: xf.with_part(
                v,
                "xl/worksheets/sheet1.xml",
                b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
                b'"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><worksheet><sheetData>'
                b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
                b"</sheetData></worksheet>",
            ),
            "import_bad_xml",
        ),
        (
            "external-entity",
            lambda v: xf.with_part(
                v,
                "xl/workbook.xml",
                b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                b"<workbook>&e;</workbook>",
            ),
            "import_bad_xml",
        ),
        (
            "zip-bomb-ratio",
            lambda v: xf.with_part(v, "xl/worksheets/sheet9.xml", b"\x00" * (24 * 2**20)),
            "import_zip_bomb",
        ),
        (
            "zip-bomb-declared",
            lambda v: xf.declare_size(v, "xl/workbook.xml", 3 * 2**30),
            "import_zip_bomb",
        ),
        (
            "many-entries",
            lambda v: xf.zip_of(
                {f"x/{i}.xml": b"" for i in range(5000)} | {"[Content_Types].xml": b"<Types/>"}
            ),
            "import_zip_bomb",
        ),
        (
            "huge-row-number",
            lambda v: xf.with_part(
                v,
                "xl/worksheets/sheet1.xml",
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                b'<sheetData><row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData>'
                b"</worksheet>",
            ),
            "import_too_many_rows",
        ),
    ]
    for size in (10, 1000, 100_000, 2**20, 10 * 2**20):
        noise = rng.randbytes(size)
        cases.append((f"random-{size}-bytes", lambda v, n=noise: n, "import_not_xlsx"))
    cases.append(
        ("random-with-zip-magic", lambda v: b"PK\x03\x04" + rng.randbytes(5000), "import_not_xlsx")
    )
    return cases


SHEET_CASES = _sheet_cases()
RAW_CASES = _raw_cases()


def test_there_are_at_least_200_malformed_workbooks() -> None:
    assert len(SHEET_CASES) + len(RAW_CASES) >= 200


def _refused(conn, data: bytes, expected: str | None, checksum: str) -> None:
    result = plan(conn, data, "kaputt.xlsx")
    assert not result.ok
    for issue in result.issues:
        text = issue.line("de")
        assert text and "Traceback" not in text and issue.key in i18n.TEXT
    if expected:
        assert expected in keys(result), [i.line() for i in result.issues][:5]
    with pytest.raises(InputError):
        excel_apply.apply_plan(conn, result, EDITOR_ACTOR)
    assert excel_export.store_checksum(conn) == checksum


@pytest.mark.parametrize(
    ("mutate", "expected"), [c[1:] for c in SHEET_CASES], ids=[c[0] for c in SHEET_CASES]
)
def test_malformed_sheets_get_a_clear_error_and_change_nothing(shared, mutate, expected) -> None:
    conn, sheets, _, checksum = shared
    bad = xf.mutated(sheets)
    mutate(bad)
    _refused(conn, xf.build(bad), expected, checksum)


@pytest.mark.parametrize(
    ("make", "expected"), [c[1:] for c in RAW_CASES], ids=[c[0] for c in RAW_CASES]
)
def test_files_that_are_not_clean_xlsx_get_a_clear_error(shared, make, expected) -> None:
    conn, _, valid, checksum = shared
    _refused(conn, make(valid), expected, checksum)


def test_the_valid_base_of_the_generator_is_accepted(shared) -> None:
    conn, _, valid, _ = shared
    result = plan(conn, valid)
    assert result.ok and result.is_noop, [i.line() for i in result.issues][:5]


def test_a_zip_bomb_is_refused_before_any_xml_is_parsed(shared, monkeypatch) -> None:
    conn, _, valid, checksum = shared

    def no_parsing() -> None:
        raise AssertionError("XML parsed before the archive check")

    monkeypatch.setattr(excel_reader, "_parser", no_parsing)
    bomb = xf.with_part(valid, "xl/worksheets/sheet1.xml", b"<" * (30 * 2**20))
    result = plan(conn, bomb)
    assert keys(result) == {"import_zip_bomb"}
    assert excel_export.store_checksum(conn) == checksum


def test_more_rows_than_the_cap_are_refused(shared, monkeypatch) -> None:
    conn, sheets, _, checksum = shared
    monkeypatch.setattr(excel_reader, "MAX_ROWS", 1000)
    big = xf.mutated(sheets)
    template = big["Bewertung"][1]
    big["Bewertung"].extend([list(template) for _ in range(1500)])
    result = plan(conn, xf.build(big))
    assert keys(result) == {"import_too_many_rows"}
    assert "1000" in result.issues[0].message()
    assert excel_export.store_checksum(conn) == checksum


def test_error_list_is_capped_for_huge_broken_files(shared) -> None:
    conn, sheets, _, _ = shared
    big = xf.mutated(sheets)
    header = big["Bewertung"][0]
    big["Bewertung"] = [header] + [["x", None, "reach", None, "zu viel"] + [None] * 7] * 3000
    result = plan(conn, xf.build(big))
    assert len(result.issues) <= excel_import.MAX_ISSUES


def test_an_encrypted_file_is_refused(shared) -> None:
    conn, _, valid, checksum = shared
    data = bytearray(valid)
    position = data.find(b"PK\x01\x02")
    data[position + 8] |= 0x1  # the "encrypted" flag in the central directory
    result = plan(conn, bytes(data))
    assert not result.ok and result.issues[0].key in ("import_encrypted", "import_not_xlsx")
    assert excel_export.store_checksum(conn) == checksum
    with zipfile.ZipFile(io.BytesIO(valid)) as archive:
        assert archive.testzip() is None


def _column_of(ws, header: str) -> int:
    return next(c.column for c in ws[1] if c.value == header)


def _with_ranges(export: bytes, low: float, high: float, cost: tuple[float, float]) -> bytes:
    """Give ozg-status-quo's reach and its first cost line an explicit range."""

    def change(book: openpyxl.Workbook) -> None:
        ws = book["Bewertung"]
        lo, hi = _column_of(ws, "Wert von (Spanne)"), _column_of(ws, "Wert bis (Spanne)")
        for row in ws.iter_rows(min_row=2):
            if row[0].value == "ozg-status-quo" and row[2].value == "reach":
                ws.cell(row[0].row, lo).value = low
                ws.cell(row[0].row, hi).value = high
        costs = book["Kosten"]
        row = rows_of(costs, 2, "ozg-status-quo")[0]
        costs.cell(row, _column_of(costs, "Laufende Kosten von (Spanne, €)")).value = cost[0]
        costs.cell(row, _column_of(costs, "Laufende Kosten bis (Spanne, €)")).value = cost[1]

    return edit(export, change)


def test_ranges_round_trip_through_excel(conn, export) -> None:
    """Ranges are exported (empty columns by default), imported, stored and used."""
    from core.scoring import area_model

    reach = store.assessments(conn, "ozg").query(
        "option_id == 'ozg-status-quo' and criterion == 'reach'"
    )
    value = float(reach["value"].iloc[0])
    annual = float(
        store.cost_lines(conn, "ozg")
        .query("option_id == 'ozg-status-quo'")["annual_cost_eur"]
        .iloc[0]
    )
    data = _with_ranges(export, value - 2, value + 1, (annual * 0.9, annual * 2))
    result = plan(conn, data)
    assert result.ok, [i.line() for i in result.issues]
    excel_apply.apply_plan(conn, result, EDITOR_ACTOR)
    stored = store.assessments(conn, "ozg").query(
        "option_id == 'ozg-status-quo' and criterion == 'reach'"
    )
    assert (stored["value_low"].iloc[0], stored["value_high"].iloc[0]) == (value - 2, value + 1)
    model = area_model.load_areas(conn, 5, 0.009)["ozg"]
    i = list(model.options["id"]).index("ozg-status-quo")
    j = list(model.criteria["key"]).index("reach")
    low, high = model.bounds
    assert (low[i, j], high[i, j]) == (value - 2, value + 1)
    # exported again, the ranges come back and a second import changes nothing
    again = excel_export.area_workbook(conn, "ozg", REQUEST)
    assert plan(conn, again).is_noop


@pytest.mark.parametrize(
    "low, high", [(7.0, 9.0), (1.0, None)], ids=["value outside", "one end only"]
)
def test_bad_ranges_are_refused(readonly, low, high) -> None:
    conn, export = readonly
    reach = store.assessments(conn, "ozg").query(
        "option_id == 'ozg-status-quo' and criterion == 'reach'"
    )
    value = float(reach["value"].iloc[0])
    shifted = (value + low - 5, None if high is None else value + high - 5)
    data = _with_ranges(export, *shifted, (0.0, 1e9))
    assert "import_bad_range" in keys(plan(conn, data))
