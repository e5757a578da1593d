"""Daten page: the Bearbeiten switch, upload → German error list or preview → apply, the log,
and the Excel download buttons on Übersicht, Bereich and Daten. Never an exception."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from core import editing, settings, store
from core.editing import auth
from core.excel import apply as excel_apply, export as excel_export
from core.scoring.weightset import WeightSet
from core.store import seed
from tests.pages.editing_support import open_login

APP = str(settings.REPO_ROOT / "app.py")
PAGE = "pages/data.py"
EDITOR, PASSWORD = "Frau Test", "Prüfbereich-2026"
HASH = auth.hash_password(PASSWORD)


@pytest.fixture
def fresh_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A store of its own: these tests write to it."""
    path = str(tmp_path / "cockpit.duckdb")
    seed.open_seeded(path).close()
    monkeypatch.setenv("COCKPIT_DB", path)
    yield path


def _sign_in(at: AppTest) -> AppTest:
    open_login(at)
    at.text_input(key="login_user").input(EDITOR)
    at.text_input(key="login_password").input(PASSWORD)
    at.button(key="login_submit").click().run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def data_page(fresh_db: str) -> Callable[..., AppTest]:
    """The Daten page, signed in as an editor unless ``editor=False``."""

    def make(editor: bool = True) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.secrets["cockpit"] = {"editors": {EDITOR: HASH}}
        at.run()
        if editor:
            _sign_in(at)
        at.switch_page(PAGE).run()
        assert not at.exception, at.exception
        return at

    return make


def _export(path: str, change: Callable[[openpyxl.Workbook], None] | None = None) -> bytes:
    with store.connect(path) as conn:
        data = excel_export.area_workbook(
            conn, "ozg", excel_export.ExportRequest(WeightSet(), "wsm", 5, 0.009)
        )
    if change is None:
        return data
    book = openpyxl.load_workbook(io.BytesIO(data))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.toggle(key="data_edit").set_value(True).run()
    at.file_uploader(key="data_file").upload(name, content).run()
    assert not at.exception, at.exception
    return at


def test_viewers_cannot_upload(data_page) -> None:
    at = data_page(editor=False)
    assert all(t.key != "data_edit" for t in at.toggle)
    assert len(at.file_uploader) == 0
    assert any("Anmeldung" in i.value for i in at.info)


def test_upload_is_behind_the_bearbeiten_switch(data_page) -> None:
    at = data_page()
    assert at.toggle(key="data_edit").label == "Bearbeiten"
    assert not at.toggle(key="data_edit").value
    assert len(at.file_uploader) == 0
    assert any("Bearbeiten" in i.value for i in at.info)
    assert any("Noch keine Importe" in c.value for c in at.caption)
    at.toggle(key="data_edit").set_value(True).run()
    assert len(at.file_uploader) == 1


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("zufall.xlsx", os.urandom(50_000), "keine Excel-Arbeitsmappe"),
        ("leer.xlsx", b"", "Die Datei ist leer"),
        ("tabelle.xlsx", b"Name;Wert\nA;1\n", "keine Excel-Arbeitsmappe"),
    ],
)
def test_garbage_gets_a_german_error_and_no_exception(data_page, name, content, fragment) -> None:
    at = _upload(data_page(), name, content)
    message = at.error[0].value
    assert message.startswith("1 Fehler – die Datei wird nicht übernommen:")
    assert fragment in message
    assert all(b.key != "data_apply" for b in at.button)


def test_cell_errors_are_listed_with_sheet_row_and_column(data_page, fresh_db) -> None:
    def break_it(book: openpyxl.Workbook) -> None:
        book["Bewertung"]["E4"] = "hoch"
        book["Kosten"]["E2"] = -1

    at = _upload(data_page(), "ozg.xlsx", _export(fresh_db, break_it))
    table = at.dataframe[0].value
    rows = {(r["Blatt"], r["Zeile"], r["Spalte"]) for r in table.to_dict("records")}
    assert ("Bewertung", "4", "E (Wert)") in rows
    assert ("Kosten", "2", "E (Laufende Kosten p. a. (€))") in rows
    assert all(b.key != "data_apply" for b in at.button)


def test_valid_file_preview_then_apply_with_a_name(data_page, fresh_db) -> None:
    def rename(book: openpyxl.Workbook) -> None:
        book["Optionen"]["F3"] = "Neuer Partner"

    at = _upload(data_page(), "ozg.xlsx", _export(fresh_db, rename))
    assert any("keine Fehler" in s.value for s in at.success)
    assert any("Vorschau: 0 hinzufügen, 1 ändern, 0 entfernen." in m.value for m in at.markdown)
    preview = at.dataframe[0].value
    first = preview.iloc[0]
    assert first["Änderung"] == "geändert" and "OZG" in first["Bereich"]
    assert first["Eintrag"].startswith("Option „") and first["alt → neu"].startswith("Partner: ")
    assert first["alt → neu"].endswith("→ „Neuer Partner“")
    at.button(key="data_apply").click().run()
    assert not at.exception, at.exception
    assert any("Import übernommen" in s.value for s in at.success)
    with store.connect(fresh_db) as conn:
        assert "Neuer Partner" in set(store.options(conn, "ozg")["partner"])
        assert excel_apply.import_log(conn).iloc[0]["imported_by"] == "Frau Test"
    log = at.dataframe[-1].value
    assert log.iloc[0]["Wer"] == "Frau Test"


def test_stale_file_lists_the_conflict_first_and_applies_the_rest(data_page, fresh_db) -> None:
    with store.connect(fresh_db) as conn:
        data = excel_export.area_workbook(
            conn, "ozg", excel_export.ExportRequest(WeightSet(), "wsm", 5, 0.009)
        )
        option, partner = conn.execute(
            "SELECT id, partner FROM options WHERE area = 'ozg' ORDER BY id LIMIT 1"
        ).fetchone()
        editing.save_edits(
            conn,
            editing.Actor("Kollegin", editing.EDITOR),
            [editing.RowEdit("options", (option,), {"partner": partner}, {"partner": "Neuer"})],
        )
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book["Optionen"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == option)
    ws.cell(row, 6).value = "Meiner"
    ws.cell(3 if row == 2 else 2, 7).value = "Andere Beschreibung"  # another option's row
    out = io.BytesIO()
    book.save(out)
    at = _upload(data_page(), "alt.xlsx", out.getvalue())
    assert any("1 Konflikt" in w.value for w in at.warning)
    preview = at.dataframe[0].value
    assert preview.iloc[0]["Änderung"] == "Konflikt"
    assert "Datei „Meiner“ / Cockpit „Neuer“" in preview.iloc[0]["alt → neu"]
    at.button(key="data_apply_rest").click().run()
    assert not at.exception, at.exception
    with store.connect(fresh_db) as conn:
        assert conn.execute("SELECT partner FROM options WHERE id = ?", [option]).fetchone() == (
            "Neuer",
        )
        assert "Andere Beschreibung" in set(store.options(conn, "ozg")["description"])


def test_unchanged_export_says_nothing_to_change(data_page, fresh_db) -> None:
    at = _upload(data_page(), "ozg.xlsx", _export(fresh_db))
    assert any("nichts zu ändern" in i.value for i in at.info)


def test_download_buttons_on_overview_area_and_data(data_page) -> None:
    at = data_page()
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Excel-Export aller Bereiche", "Leere Importvorlage (.xlsx)"]
    at.switch_page("pages/area.py").run()
    assert not at.exception
    assert [b.proto.label for b in at.get("download_button")] == ["Excel-Export dieses Bereichs"]
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    assert [b.proto.label for b in at.get("download_button")] == ["Excel-Export aller Bereiche"]
