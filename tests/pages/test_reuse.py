"""Nachnutzung page: viewers browse and search; editors publish, adopt (origin shown) and
review a correction (the difference, accept or decline) – on a single-city DuckDB store,
whose catalogue lives in the same file (the page says so)."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from core import editing, store, views
from tests.pages import editing_support
from tests.pages.editing_support import PASSWORD, SECRETS, login, read, texts

app = editing_support.app  # fixtures
fresh_db = editing_support.fresh_db

PAGE = "pages/reuse.py"
EDITOR = editing.Actor("anna", editing.EDITOR)


def plain(elements: object) -> str:
    """The texts of ``elements`` with core's Markdown escaping undone (names are data)."""
    return views.md_unescape(texts(elements))


def _publish(path: str, option: str) -> None:
    with read(path) as conn:
        editing.publish_option(conn, EDITOR, option)


def test_viewer_browses_searches_and_filters(app: Callable[..., AppTest], fresh_db: str) -> None:
    for option in ("open-data-ckan", "gis-masterportal", "open-data-moers"):
        _publish(fresh_db, option)
    at = app(secrets=SECRETS, page=PAGE)
    assert at.title[0].value == "Nachnutzung"
    assert "Einzelinstallation" in texts(at.info)
    table = at.dataframe[-1].value
    with read(fresh_db) as conn:
        names = store.options(conn).set_index("id")["name"]
    published = ["open-data-ckan", "gis-masterportal", "open-data-moers"]
    assert sorted(table["Option"]) == sorted(names[published])
    assert set(table["Kommune"]) == {"Mülheim an der Ruhr"}
    at.selectbox(key="reuse_area").set_value("gis").run()
    assert at.dataframe[-1].value["Bereich"].tolist() == ["Geoinformationssysteme / Geoportale"]
    at.selectbox(key="reuse_area").set_value(None).run()
    at.selectbox(key="reuse_pathway").set_value("best_practice").run()
    assert at.dataframe[-1].value["Option"].tolist() == ["Open-Data-Portal nach Moerser Vorbild"]
    at.text_input(key="reuse_search").input("kein-treffer-xyz").run()
    assert "Kein Eintrag passt" in texts(at.info)
    # viewers never get a write control
    assert not any(b.key in ("reuse_adopt", "reuse_publish") for b in at.button)
    assert "der Redaktion vorbehalten" in texts(at.caption)
    assert not at.exception, at.exception


def test_editor_publishes_adopts_and_accepts_a_correction(
    app: Callable[..., AppTest], fresh_db: str
) -> None:
    at = login(app(secrets=SECRETS), "anna", PASSWORD)
    at.switch_page(PAGE).run()
    assert "Der Katalog ist noch leer." in texts(at.info)
    at.selectbox(key="reuse_publish_option").set_value("open-data-ckan")
    at.text_input(key="reuse_publish_note").input("Erstfassung")
    at.button(key="reuse_publish").click().run()
    assert not at.exception, at.exception
    assert "„CKAN-Portal mit DCAT-AP.de“ veröffentlicht (Revision 1)." in plain(at.success)
    assert at.dataframe[-1].value["Option"].tolist() == ["CKAN-Portal mit DCAT-AP.de"]
    at.selectbox(key="reuse_target").set_value("gis").run()
    at.button(key="reuse_adopt").click().run()
    assert not at.exception, at.exception
    assert "übernommen (Option open-data-ckan-2)" in plain(at.success)
    origin = plain(at.markdown)
    assert "übernommen von Mülheim an der Ruhr, Katalogeintrag „open-data-ckan“, Revision 1" in (
        origin
    )
    with read(fresh_db) as conn:
        assert "open-data-ckan-2" in set(store.options(conn, "gis")["id"])
        conn.execute("UPDATE options SET partner = 'Dataport' WHERE id = 'open-data-ckan'")
        editing.publish_option(conn, EDITOR, "open-data-ckan", "Partner ergänzt")
        adopted_partner = store.options(conn).set_index("id").loc["open-data-ckan-2", "partner"]
    assert adopted_partner != "Dataport"  # published, not applied
    at.run()
    diff = at.dataframe[0].value
    assert diff.to_dict("records") == [
        {"Teil": "Option", "Zeile": "", "Feld": "Partner",
         "bisher": "CKAN (Open Source); Harvesting durch Open.NRW und GovData", "neu": "Dataport"}
    ]  # fmt: skip
    assert "Hinweis der veröffentlichenden Kommune: Partner ergänzt" in plain(at.markdown)
    at.button(key="reuse_accept_open-data-ckan-2").click().run()
    assert not at.exception, at.exception
    assert "Aktualisierung für „CKAN-Portal mit DCAT-AP.de" in plain(at.success)
    assert "Keine offenen Aktualisierungen." in texts(at.caption)
    with read(fresh_db) as conn:
        assert store.options(conn).set_index("id").loc["open-data-ckan-2", "partner"] == "Dataport"
        log = editing.audit_entries(conn, entity="catalogue")
    assert set(log["actor"]) == {"anna"} and len(log) == 3  # two publications, one acceptance


def test_a_refused_publication_says_why(app: Callable[..., AppTest], fresh_db: str) -> None:
    _publish(fresh_db, "open-data-ckan")
    at = login(app(secrets=SECRETS), "anna", PASSWORD)
    at.switch_page(PAGE).run()
    at.selectbox(key="reuse_publish_option").set_value("open-data-ckan")
    at.button(key="reuse_publish").click().run()
    assert "unverändert seit der letzten Veröffentlichung" in plain(at.error)
    with read(fresh_db) as conn:
        assert len(editing.catalogue_entries(conn)) == 1
