"""The shared catalogue ("Nachnutzung") in one store, on both back-ends: publish, browse,
search and filter, adopt with a visible origin, corrections offered (never applied silently),
accept and decline – every write through the door, audited, editors only.

In a store without tenants the catalogue lives in the same database (schema ``catalogue``);
it holds this city's own publications. The cross-tenant case is tests/store/test_reuse_tenants.py.
"""

from __future__ import annotations

import pytest

from core import editing, store
from core.editing import reuse
from core.errors import InputError, NotFoundError

EDITOR = editing.Actor("anna", editing.EDITOR)


@pytest.fixture(autouse=True)
def empty_catalogue(empty_conn: store.Connection) -> None:
    """A PostgreSQL test server's catalogue is shared by every test schema on it, all
    published by the same login role here: start each test with an empty catalogue (the
    login role owns it; tenant roles cannot delete – tests/store/test_reuse_tenants.py)."""
    empty_conn.execute("DELETE FROM catalogue.revisions")


def _mine(conn: store.Connection) -> list[editing.CatalogueEntry]:
    """The catalogue entries of this store (a PostgreSQL server's catalogue is shared)."""
    return [e for e in editing.catalogue_entries(conn) if e.own]


def test_publish_puts_the_option_with_its_evidence_in_the_catalogue(conn) -> None:
    version = store.data_version(conn)[0]
    revision, result = editing.publish_option(conn, EDITOR, "open-data-moers", "Erstfassung")
    assert revision == 1 and result.version == version + 1
    (entry,) = _mine(conn)
    assert (entry.option_key, entry.revision, entry.area, entry.pathway) == (
        "open-data-moers", 1, "open-data", "best_practice",
    )  # fmt: skip
    assert entry.publisher == "Mülheim an der Ruhr" and entry.area_name == "Open Data"
    data = entry.payload
    assert data["option"]["name"] == "Open-Data-Portal nach Moerser Vorbild"
    costs = store.cost_lines(conn)
    assert len(data["cost_lines"]) == (costs["option_id"] == "open-data-moers").sum() == 3
    assert {a["criterion"] for a in data["assessments"]} >= {"reach", "risk", "skills"}
    assert [s["id"] for s in data["sources"]] == ["bitv-2", "bonn-open-data",
                                                  "moers-open-data", "ozg-reifegradmodell-2-0",
                                                  "waz-216516659"]  # fmt: skip
    logged = editing.audit_entries(conn, entity="catalogue")
    assert len(logged) == 1 and logged.iloc[0]["entity_key"] == "open-data-moers"


def test_browse_search_and_filter(conn) -> None:
    for option in ("open-data-moers", "open-data-ckan", "gis-masterportal"):
        editing.publish_option(conn, EDITOR, option)
    assert len(_mine(conn)) == 3
    assert [e.option_key for e in editing.catalogue_entries(conn, area="gis") if e.own] == [
        "gis-masterportal"
    ]
    standard = {e.option_key for e in editing.catalogue_entries(conn, pathway="standard") if e.own}
    assert standard == {"open-data-ckan", "gis-masterportal"}
    found = [e.option_key for e in editing.catalogue_entries(conn, text="moers") if e.own]
    assert found == ["open-data-moers"]  # name, publisher, area and description are searched
    assert [e for e in editing.catalogue_entries(conn, text="DCAT-AP.de") if e.own][
        0
    ].option_key == ("open-data-ckan")
    assert not [e for e in editing.catalogue_entries(conn, text="kein-treffer-xyz") if e.own]


def test_what_is_not_published(conn) -> None:
    before = store.data_version(conn)[0]
    with pytest.raises(InputError, match="Status-quo"):
        editing.publish_option(conn, EDITOR, "open-data-status-quo")
    with pytest.raises(NotFoundError):
        editing.publish_option(conn, EDITOR, "gibt-es-nicht")
    editing.publish_option(conn, EDITOR, "open-data-ckan")
    with pytest.raises(InputError, match="unverändert"):
        editing.publish_option(conn, EDITOR, "open-data-ckan")
    with pytest.raises(editing.PermissionDeniedError):
        editing.publish_option(conn, editing.Actor.viewer(), "open-data-kdn")
    assert store.data_version(conn)[0] == before + 1
    assert [e.option_key for e in _mine(conn)] == ["open-data-ckan"]


def test_adopt_copies_with_origin_and_sources(conn) -> None:
    editing.publish_option(conn, EDITOR, "open-data-moers")
    (entry,) = _mine(conn)
    # this store changes a source the entry cites: adopting must not re-point the citation
    conn.execute("UPDATE sources SET title = 'Anders' WHERE id = 'bonn-open-data'")
    adopted = editing.adopt_entry(conn, EDITOR, entry.id, "gis")
    assert adopted.option_id == "open-data-moers-2"
    option = store.options(conn, "gis").set_index("id").loc["open-data-moers-2"]
    assert option["name"] == "Open-Data-Portal nach Moerser Vorbild"
    (row,) = editing.adopted_options(conn).itertuples()
    assert (row.option_id, row.origin_publisher, row.origin_key, row.revision) == (
        "open-data-moers-2", "Mülheim an der Ruhr", "open-data-moers", 1,
    )  # fmt: skip
    costs = store.cost_lines(conn)
    assert (costs["option_id"] == "open-data-moers-2").sum() == 3
    values = store.assessments(conn)
    assert (values["option_id"] == "open-data-moers-2").sum() == len(entry.payload["assessments"])
    risk = values[(values["option_id"] == "open-data-moers-2") & (values["criterion"] == "risk")]
    assert risk.iloc[0]["source"] == "moers-open-data; bonn-open-data-nachnutzung"
    copied = conn.execute("SELECT title FROM sources WHERE id = 'bonn-open-data-nachnutzung'")
    assert copied.fetchone()[0] != "Anders"
    with pytest.raises(InputError, match="bereits übernommen"):
        editing.adopt_entry(conn, EDITOR, entry.id, "open-data")
    with pytest.raises(editing.PermissionDeniedError):
        editing.adopt_entry(conn, editing.Actor.viewer(), entry.id)
    assert not editing.update_offers(conn)


def test_adopt_into_the_same_area_gets_a_free_name(conn) -> None:
    editing.publish_option(conn, EDITOR, "open-data-ckan")
    (entry,) = _mine(conn)
    adopted = editing.adopt_entry(conn, EDITOR, entry.id)
    option = store.options(conn, "open-data").set_index("id").loc[adopted.option_id]
    assert option["name"] == "CKAN-Portal mit DCAT-AP.de (Nachnutzung Mülheim an der Ruhr)"


def test_corrections_are_offered_and_accepted_field_by_field(conn) -> None:
    editing.publish_option(conn, EDITOR, "open-data-ckan")
    (entry,) = _mine(conn)
    adopted = editing.adopt_entry(conn, EDITOR, entry.id).option_id
    # the adopter changes a field of its own copy; the publisher corrects other things
    conn.execute("UPDATE options SET partner = 'Eigener Partner' WHERE id = ?", [adopted])
    conn.execute("UPDATE options SET description = 'Korrigiert.' WHERE id = 'open-data-ckan'")
    conn.execute(
        "UPDATE assessments SET value = 7 WHERE option_id = 'open-data-ckan' AND criterion = 'risk'"
    )
    conn.execute(
        "UPDATE cost_lines SET investment_eur = 45000 WHERE option_id = 'open-data-ckan'"
        " AND item = 'Aufbau Portal und Metadaten'"
    )
    before = store.data_version(conn)[0]
    revision, _ = editing.publish_option(conn, EDITOR, "open-data-ckan", "Kosten korrigiert")
    assert revision == 2
    # nothing changed in the adopted copy by publishing: it is only offered
    assert store.data_version(conn)[0] == before + 1
    copy = store.options(conn).set_index("id").loc[adopted]
    assert copy["description"] != "Korrigiert."
    (offer,) = editing.update_offers(conn)
    assert (offer.option_id, offer.adopted.revision, offer.latest.revision) == (adopted, 1, 2)
    assert offer.latest.note == "Kosten korrigiert"
    changed = {(c.part, c.key, c.field, c.new) for c in offer.changes}
    assert changed == {
        ("option", "", "description", "Korrigiert."),
        ("assessments", "risk", "value", 7.0),
        ("cost_lines", "Aufbau Portal und Metadaten", "investment_eur", 45000.0),
    }
    editing.accept_update(conn, EDITOR, adopted)
    copy = store.options(conn).set_index("id").loc[adopted]
    assert copy["description"] == "Korrigiert."
    assert copy["partner"] == "Eigener Partner"  # the adopter's own change stays
    values = store.assessments(conn).set_index(["option_id", "criterion"])
    assert values.loc[(adopted, "risk"), "value"] == 7
    costs = store.cost_lines(conn)
    line = costs[(costs["option_id"] == adopted) & (costs["item"] == "Aufbau Portal und Metadaten")]
    assert line["investment_eur"].tolist() == [45000]
    assert not editing.update_offers(conn)
    assert editing.adopted_options(conn).iloc[0]["revision"] == 2


def test_a_declined_update_returns_only_with_a_newer_revision(conn) -> None:
    editing.publish_option(conn, EDITOR, "gis-masterportal")
    (entry,) = _mine(conn)
    adopted = editing.adopt_entry(conn, EDITOR, entry.id).option_id
    conn.execute("UPDATE options SET partner = 'Neu' WHERE id = 'gis-masterportal'")
    editing.publish_option(conn, EDITOR, "gis-masterportal")
    assert len(editing.update_offers(conn)) == 1
    with pytest.raises(editing.PermissionDeniedError):
        editing.decline_update(conn, editing.Actor.viewer(), adopted)
    editing.decline_update(conn, EDITOR, adopted)
    assert not editing.update_offers(conn)
    assert store.options(conn).set_index("id").loc[adopted, "partner"] != "Neu"
    with pytest.raises(NotFoundError):
        editing.accept_update(conn, EDITOR, adopted)
    conn.execute("UPDATE options SET partner = 'Neuer' WHERE id = 'gis-masterportal'")
    editing.publish_option(conn, EDITOR, "gis-masterportal")
    (offer,) = editing.update_offers(conn)
    assert offer.adopted.revision == 1 and offer.latest.revision == 3
    assert [(c.field, c.new) for c in offer.changes] == [("partner", "Neuer")]
    log = editing.audit_entries(conn, entity="catalogue")
    assert "declined_revision" in set(log["field"])


def test_the_diff_names_added_and_removed_rows() -> None:
    old = {
        "option": {"name": "A"},
        "cost_lines": [{"item": "Betrieb", "annual_cost_eur": 1.0}],
        "assessments": [{"criterion": "risk", "value": 3.0}],
    }
    new = {
        "option": {"name": "B"},
        "cost_lines": [{"item": "Aufbau", "investment_eur": 5.0}],
        "assessments": [{"criterion": "risk", "value": 3.0}],
    }
    changes = reuse.diff(old, new)
    assert [(c.part, c.key, c.field) for c in changes] == [
        ("option", "", "name"),
        ("cost_lines", "Aufbau", ""),
        ("cost_lines", "Betrieb", ""),
    ]
    assert changes[1].old is None and changes[2].new is None


def test_assessments_this_review_cannot_hold_are_skipped_and_named(conn) -> None:
    editing.publish_option(conn, EDITOR, "open-data-ckan")
    (entry,) = _mine(conn)
    # this review measures risk on 0–2 and has no criterion "skills" (any more)
    conn.execute("UPDATE criteria SET max_value = 2 WHERE key = 'risk'")
    conn.execute("UPDATE criteria SET removed_at = current_timestamp WHERE key = 'skills'")
    adopted = editing.adopt_entry(conn, EDITOR, entry.id)
    assert adopted.skipped == (
        "risk: Wert außerhalb des hiesigen Bereichs 0–2",
        "skills: dieses Kriterium gibt es hier nicht",
    )
    values = store.assessments(conn)
    mine = values[values["option_id"] == adopted.option_id].set_index("criterion")
    assert "skills" not in mine.index
    # the matrix stays complete: risk gets the placeholder of the middle, flagged as estimate
    assert mine.loc["risk", "value"] == 1 and bool(mine.loc["risk", "is_estimate"])
