"""End-to-end on PostgreSQL with two tenants: Mülheim has published an option; an editor of
Moers signs in, finds it on the page "Nachnutzung", adopts it into Moers' own review (the
origin is shown), and after Mülheim's correction reviews the difference and accepts it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core import editing, store
from core.editing import auth
from core.store import pg, seed, tenants
from tests.browser.conftest import serve
from tests.browser.helpers import wait_rendered

pytestmark = pytest.mark.browser
EDITOR, PASSWORD = "Herr Beispiel", "Nachnutzung-Test-2026"
PUBLISHER = editing.Actor("anna", editing.EDITOR)


@pytest.fixture(scope="module")
def moers_server(
    tmp_path_factory: pytest.TempPathFactory, chromium: str, pg_url: str
) -> Iterator[tuple[str, str]]:
    """Tenants Mülheim (publishes open-data-ckan) and Moers; the app serves Moers."""
    root = tmp_path_factory.mktemp("reuse-browser")
    (root / ".streamlit").mkdir()
    (root / ".streamlit" / "secrets.toml").write_text(
        f'[cockpit.editors]\n"{EDITOR}" = "{auth.hash_password(PASSWORD)}"\n', encoding="utf-8"
    )
    suffix = root.name.replace("-", "_").lower()[-10:]
    slugs = {}
    for example in (tenants.EXAMPLES["muelheim"], tenants.EXAMPLES["moers"]):
        slugs[example.slug] = f"{example.slug}_{suffix}"
        # the run's server holds other tests' tenants too: a name of its own for the publisher
        name = f"{example.name} (Browsertest)" if example.slug == "muelheim" else example.name
        tenants.create(pg_url, slugs[example.slug], name)
        with store.connect(pg_url, tenant=slugs[example.slug]) as conn:
            seed.load_seed(conn, example.seed_dir)
    with store.connect(pg_url, tenant=slugs["muelheim"]) as conn:
        editing.publish_option(conn, PUBLISHER, "open-data-ckan", "Erstfassung")
    env = {"HOME": str(root), "COCKPIT_TENANT": slugs["moers"]}
    with serve(pg_url, env) as url:
        yield url, slugs["muelheim"]
    pg.close_pool(pg_url)


def _open(page, url: str) -> None:
    page.goto(url)
    wait_rendered(page)
    if page.get_by_role("dialog").count():
        page.keyboard.press("Escape")
        page.get_by_role("dialog").wait_for(state="detached")


def test_adopt_and_review_a_correction(
    moers_server: tuple[str, str], page, pg_url: str, artifacts: Path
) -> None:
    from playwright.sync_api import expect

    url, publisher = moers_server
    _open(page, f"{url}/nachnutzung")
    page.get_by_text("Anmelden zum Bearbeiten").click()
    page.get_by_label("Benutzername").fill(EDITOR)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).click()
    adopt = page.get_by_role("button", name="In die eigene Prüfung übernehmen")
    expect(adopt).to_be_visible()
    search = page.get_by_label("Suche (Name, Kommune, Beschreibung)")
    search.fill("Browsertest")  # search by the publishing municipality
    search.press("Enter")
    expect(page.get_by_text("Von Mülheim an der Ruhr (Browsertest), Revision 1")).to_be_visible()
    expect(page.get_by_text("Einzelinstallation")).to_have_count(0)  # a shared catalogue
    page.screenshot(path=str(artifacts / "nachnutzung-katalog.png"))
    adopt.click()
    expect(page.get_by_text("übernommen (Option open-data-ckan-2)", exact=False)).to_be_visible()
    expect(
        page.get_by_text(
            "übernommen von Mülheim an der Ruhr (Browsertest), Katalogeintrag", exact=False
        )
    ).to_be_visible()

    with store.connect(pg_url, tenant=publisher) as conn:  # Mülheim corrects and republishes
        conn.execute("UPDATE options SET partner = 'Dataport' WHERE id = 'open-data-ckan'")
        editing.publish_option(conn, PUBLISHER, "open-data-ckan", "Partner ergänzt")
    # the next interaction of the same (signed-in) session shows the offer
    search.fill("CKAN")
    search.press("Enter")
    expect(page.get_by_text("hat Revision 2 veröffentlicht", exact=False)).to_be_visible()
    expect(page.get_by_text("Partner ergänzt", exact=False)).to_be_visible()
    page.screenshot(path=str(artifacts / "nachnutzung-aktualisierung.png"))
    page.get_by_role("button", name="Aktualisierung übernehmen").click()
    expect(page.get_by_text("Aktualisierung für", exact=False)).to_be_visible()
    expect(page.get_by_text("Keine offenen Aktualisierungen.")).to_be_visible()
    assert "Traceback" not in page.content()
