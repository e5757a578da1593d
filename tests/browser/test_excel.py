"""End-to-end: download this area's workbook; sign in, switch on Bearbeiten, upload a broken
file and see the German error; upload an edited export, see the preview and apply it."""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from core.editing import auth
from core.excel import export as excel_export
from core.scoring.weightset import WeightSet
from core.store import seed
from tests.browser.conftest import serve
from tests.browser.helpers import wait_rendered

pytestmark = pytest.mark.browser
EDITOR, PASSWORD = "Frau Beispiel", "Import-Test-2026"


@pytest.fixture(scope="module")
def editor_server(
    tmp_path_factory: pytest.TempPathFactory, chromium: str
) -> Iterator[tuple[str, bytes]]:
    """The app on loopback with its own store and one editor account (secrets in a temp HOME),
    and an export of that store taken before the server locks the file."""
    root = tmp_path_factory.mktemp("excel-browser")
    (root / ".streamlit").mkdir()
    (root / ".streamlit" / "secrets.toml").write_text(
        f'[cockpit.editors]\n"{EDITOR}" = "{auth.hash_password(PASSWORD)}"\n', encoding="utf-8"
    )
    db = str(root / "cockpit.duckdb")
    with seed.opened(db) as conn:  # closes the connection and gives back its lock
        export = excel_export.area_workbook(conn, "ozg", excel_export.ExportRequest(WeightSet()))
    with serve(db, {"HOME": str(root)}) as url:
        yield url, export


def _open(page, url: str) -> None:
    """Load a page and close the app's intermittent "Page not found" dialog if it shows."""
    page.goto(url)
    wait_rendered(page)
    if page.get_by_role("dialog").count():
        page.keyboard.press("Escape")
        page.get_by_role("dialog").wait_for(state="detached")


def _sign_in(page, url: str) -> None:
    from playwright.sync_api import expect

    _open(page, f"{url}/daten")
    page.get_by_text("Anmelden zum Bearbeiten").click()
    page.get_by_label("Benutzername").fill(EDITOR)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).click()
    expect(page.get_by_text("Bearbeiten", exact=True)).to_be_visible()


def test_download_the_area_workbook(server: str, page, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    _open(page, f"{server}/bereich?area=ozg")
    button = page.get_by_role("button", name="Excel-Export dieses Bereichs")
    expect(button).to_be_visible()
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == f"IT-Reorg_ozg_{dt.date.today().isoformat()}.xlsx"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames[:3] == ["Übersicht", "Ranking", "Rechenmodell"]
    best = [c.value for c in book["Ranking"][4]][1]
    expect(page.locator(".st-key-ranking_table tbody tr:first-child td:nth-child(2)")).to_have_text(
        best
    )


def test_upload_broken_then_edited_file(
    editor_server: tuple[str, bytes], page, tmp_path: Path, artifacts: Path
) -> None:
    from playwright.sync_api import expect

    url, export = editor_server
    _sign_in(page, url)
    page.get_by_text("Bearbeiten", exact=True).click()
    broken = tmp_path / "haushalt.xlsx"
    broken.write_bytes(os.urandom(30_000))
    page.locator('input[type="file"]').set_input_files(str(broken))
    alert = page.locator('[data-testid="stAlert"]').filter(has_text="1 Fehler")
    expect(alert).to_contain_text("keine Excel-Arbeitsmappe")
    page.screenshot(path=str(artifacts / "daten-upload-error.png"))
    assert "Traceback" not in page.content()

    book = openpyxl.load_workbook(io.BytesIO(export))
    book["Optionen"]["F3"] = "Neuer Partner (Browser)"
    edited = tmp_path / "ozg-bearbeitet.xlsx"
    book.save(edited)
    page.locator('input[type="file"]').set_input_files(str(edited))
    expect(page.get_by_text("Vorschau: 0 hinzufügen, 1 ändern, 0 entfernen.")).to_be_visible()
    page.screenshot(path=str(artifacts / "daten-upload-preview.png"))
    page.get_by_role("button", name="Änderungen übernehmen").click()
    expect(page.get_by_text("Import übernommen", exact=False)).to_be_visible()
    # the change log (last table, now with the import's entries): column "Wer"
    expect(page.locator('[data-testid="glide-cell-2-0"]').last).to_have_text(EDITOR)
    page.screenshot(path=str(artifacts / "daten-upload-applied.png"))
