"""The shared catalogue across tenants (PostgreSQL): what Mülheim publishes, Moers browses,
searches, filters and adopts into its own review; Mülheim's later correction is offered to
Moers as an update, never applied silently; and the database lets a tenant publish only in
its own name and change nothing already published."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from core import editing, store
from core.errors import NotFoundError
from core.store import pg, seed, tenants
from tests.store.test_tenant_access import snapshot

EDITOR = editing.Actor("anna", editing.EDITOR)
MUELHEIM, MOERS = tenants.EXAMPLES["muelheim"], tenants.EXAMPLES["moers"]


@pytest.fixture
def two(pg_url: str, tmp_path: Path) -> Iterator[dict[str, store.Connection]]:
    suffix = tmp_path.name.replace("-", "_").lower()[-10:]
    conns: dict[str, store.Connection] = {}
    for key, example in (("a", MUELHEIM), ("b", MOERS)):
        slug = f"{example.slug}_{suffix}"
        tenants.create(pg_url, slug, example.name)
        conns[key] = store.connect(pg_url, tenant=slug)
        seed.load_seed(conns[key], example.seed_dir)
    yield conns
    for conn in conns.values():
        conn.close()
    pg.close_pool(pg_url)


def _from(conn: store.Connection, publisher: store.Connection, **filters: str):
    role = editing.reuse.me(publisher)
    return [e for e in editing.catalogue_entries(conn, **filters) if e.publisher_role == role]


def test_one_tenant_publishes_another_adopts_and_reviews_the_correction(two: dict) -> None:
    a, b = two["a"], two["b"]
    editing.publish_option(a, EDITOR, "open-data-ckan")
    editing.publish_option(a, EDITOR, "gis-masterportal")
    seen = _from(b, a)
    assert [(e.publisher, e.option_key, e.own) for e in seen] == [
        ("Mülheim an der Ruhr", "gis-masterportal", False),
        ("Mülheim an der Ruhr", "open-data-ckan", False),
    ]
    assert [e.option_key for e in _from(b, a, area="gis")] == ["gis-masterportal"]
    assert [e.option_key for e in _from(b, a, pathway="standard", text="CKAN")] == [
        "open-data-ckan"
    ]
    assert all(e.own for e in _from(a, a))
    ckan = next(e for e in seen if e.option_key == "open-data-ckan")
    gis = next(e for e in seen if e.option_key == "gis-masterportal")
    # Moers has no GIS area: the entry goes into an area of its own choice
    with pytest.raises(NotFoundError):
        editing.adopt_entry(b, EDITOR, gis.id)
    a_before = snapshot(a)
    adopted = editing.adopt_entry(b, EDITOR, gis.id, "open-data")
    assert snapshot(a) == a_before  # adopting writes only the adopter's own tables
    assert adopted.option_id == "gis-masterportal"
    # Moers has its own "open-data-ckan": the copy gets a new key and a free name
    copy = editing.adopt_entry(b, EDITOR, ckan.id).option_id
    assert copy == "open-data-ckan-2"
    names = store.options(b, "open-data").set_index("id")["name"]
    assert names[copy] == "CKAN-Portal mit DCAT-AP.de (Nachnutzung Mülheim an der Ruhr)"
    origin = editing.adopted_options(b).set_index("option_id")
    assert origin.loc[copy, "origin_publisher"] == "Mülheim an der Ruhr"
    assert editing.adopted_options(a).empty
    # the publisher corrects: Moers is offered the difference, Mülheim's copy is the source
    a.execute("UPDATE options SET partner = 'Dataport' WHERE id = 'open-data-ckan'")
    b_before = snapshot(b)
    editing.publish_option(a, EDITOR, "open-data-ckan", "Partner ergänzt")
    assert snapshot(b) == b_before  # publishing changes nothing in the adopter's store
    (offer,) = editing.update_offers(b)
    assert (offer.option_id, offer.latest.note) == (copy, "Partner ergänzt")
    assert [(c.field, c.new) for c in offer.changes] == [("partner", "Dataport")]
    assert not editing.update_offers(a)
    editing.accept_update(b, EDITOR, copy)
    assert store.options(b).set_index("id").loc[copy, "partner"] == "Dataport"
    assert not editing.update_offers(b)


def test_a_tenant_publishes_only_in_its_own_name(two: dict) -> None:
    a, b = two["a"], two["b"]
    editing.publish_option(a, EDITOR, "open-data-ckan")
    (entry,) = _from(b, a)
    role_a = editing.reuse.me(a)
    forged = (
        "INSERT INTO catalogue.revisions (publisher_role, publisher, option_key, revision, area,"
        " area_name, pathway, name, payload, published_by, published_at)"
        " VALUES (?, 'Mülheim an der Ruhr', 'open-data-ckan', 2, 'open-data', 'Open Data',"
        " 'standard', 'Gefälscht', '{}', 'x', current_timestamp)"
    )
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        b.execute(forged, [role_a])
    for sql in (
        "UPDATE catalogue.revisions SET name = 'Gefälscht'",
        "DELETE FROM catalogue.revisions",
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            b.execute(sql)
    assert editing.catalogue_entry(b, entry.id).name == entry.name
    assert [e.revision for e in _from(a, a)] == [1]
