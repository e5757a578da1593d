"""English data texts in the browser: an English name entered through the editing door shows
on the English Bereich page, an option without an English description shows its German one,
and a signed-in editor finds the English columns beside the German ones on Daten."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from core import store
from core.editing import auth, edits, frames
from core.store import seed
from tests.browser.conftest import serve
from tests.browser.helpers import wait_rendered

pytestmark = pytest.mark.browser
EDITOR, PASSWORD = "Frau Beispiel", "Englisch-Test-2026"
NEW_NAME = "Own service portal, renewed in 2026"


@pytest.fixture(scope="module")
def english_server(tmp_path_factory: pytest.TempPathFactory, chromium: str) -> Iterator[dict]:
    """Its own store: one option renamed in English and one English description removed
    (both through core's audited save), then the app with one editor account."""
    root = tmp_path_factory.mktemp("english-browser")
    (root / ".streamlit").mkdir()
    (root / ".streamlit" / "secrets.toml").write_text(
        f'[cockpit.editors]\n"{EDITOR}" = "{auth.hash_password(PASSWORD)}"\n', encoding="utf-8"
    )
    db = str(root / "cockpit.duckdb")
    actor = auth.Actor(EDITOR, auth.EDITOR)
    with seed.opened(db) as conn:
        rows = frames.frame(conn, "options", "ozg")
        first, second = rows.iloc[0], rows.iloc[1]
        changes = [({"name_en": NEW_NAME}, first), ({"description_en": ""}, second)]
        edits.save_edits(
            conn,
            actor,
            [
                edits.RowEdit(
                    "options", frames.row_key("options", r), frames.loaded_values("options", r), c
                )
                for c, r in changes
            ],
        )
        german = store.options(conn, "ozg").set_index("id").loc[second["id"]]
    with serve(db, {"HOME": str(root)}) as url:
        yield {"url": url, "second": second["id"], "second_description": german["description"]}


def test_the_english_area_page_shows_the_edit_and_falls_back_to_german(
    english_server: dict, page, artifacts
) -> None:
    from playwright.sync_api import expect

    page.set_default_timeout(60_000)
    page.goto(f"{english_server['url']}/bereich?area=ozg&lang=en")
    wait_rendered(page)
    expect(page.get_by_text(NEW_NAME).first).to_be_visible()
    # the option without an English description: its details show the German one
    page.goto(f"{english_server['url']}/bereich?area=ozg&lang=en&option={english_server['second']}")
    wait_rendered(page)
    described = english_server["second_description"]
    expect(page.get_by_text(described[:40], exact=False).first).to_be_visible()
    page.screenshot(path=str(artifacts / "english-texts-bereich-en.png"))


def test_an_editor_sees_the_english_columns(english_server: dict, page, artifacts) -> None:
    from playwright.sync_api import expect

    url = english_server["url"]
    page.set_default_timeout(60_000)
    page.goto(f"{url}/daten")
    wait_rendered(page)
    page.get_by_text("Anmelden zum Bearbeiten").click()
    page.get_by_label("Benutzername").fill(EDITOR)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).click()
    expect(page.get_by_text("Bearbeiten", exact=True)).to_be_visible()
    page.get_by_text("Bearbeiten", exact=True).click()
    headers = page.locator("[role=columnheader]")  # the grid's accessible header row
    expect(headers.filter(has_text="Name (englisch)").first).to_be_attached()
    texts = headers.evaluate_all("els => els.map(e => e.textContent)")
    assert texts.index("Name (englisch)") == texts.index("Name") + 1  # beside its German twin
    page.screenshot(path=str(artifacts / "english-columns-daten-de.png"))
