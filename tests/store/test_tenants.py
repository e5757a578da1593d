"""Tenants on PostgreSQL: no read or write of one municipality reaches another's rows.

Two tenants hold overlapping keys: "muelheim" the full seed, "musterstadt" two of its areas
(a test subset of the same sourced rows). Every store read returns, per tenant, exactly what
a single-city DuckDB store with that tenant's seed returns; every write of one tenant leaves
the other's tables byte for byte unchanged; and the database itself refuses a hand-written
reach into the other tenant's schema.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import psycopg
import pytest

from core import settings, store
from core.editing import rows as editing_rows, scenarios
from core.editing.auth import Actor
from core.editing.edits import RowEdit, current_row, save_edits
from core.errors import InputError
from core.scoring import WeightSet
from core.store import pg, seed, tenants

EDITOR = Actor("anna", "editor")
SMALL_AREAS = ("homepage", "ozg")
READS: dict[str, Callable[[store.Connection], object]] = {
    "areas": store.areas,
    "area_slugs": store.area_slugs,
    "systems": store.systems,
    "options": store.options,
    "criteria": store.criteria,
    "assessments": store.assessments,
    "cost_lines": store.cost_lines,
    "cost_totals": store.cost_totals,
    "weight_profiles": lambda c: store.weight_profiles(c).drop(columns="created_at"),
    "sources": store.sources,
    "estimate_share": store.estimate_share,
    "data_version": lambda c: store.data_version(c)[0],
    "is_empty": store.is_empty,
    "ozg_options": lambda c: store.options(c, "ozg"),
    "ozg_assessments": lambda c: store.assessments(c, "ozg"),
}


def small_seed(target: Path) -> Path:
    """The seed restricted to two areas (same rows, same sources)."""
    frames = {
        f.name: pd.read_csv(f, dtype=str, keep_default_na=False)
        for f in settings.SEED_DIR.glob("*.csv")
    }
    frames["areas.csv"] = frames["areas.csv"][frames["areas.csv"]["slug"].isin(SMALL_AREAS)]
    for name in ("systems.csv", "options.csv"):
        frames[name] = frames[name][frames[name]["area"].isin(SMALL_AREAS)]
    kept = set(frames["options.csv"]["id"])
    for name in ("cost_lines.csv", "assessments.csv"):
        frames[name] = frames[name][frames[name]["option"].isin(kept)]
    target.mkdir()
    for name, frame in frames.items():
        frame.to_csv(target / name, index=False)
    return target


@pytest.fixture
def two_tenants(pg_url: str, tmp_path: Path) -> Iterator[dict[str, store.Connection]]:
    suffix = tmp_path.name.replace("-", "_").lower()[-12:]
    names = {"muelheim": f"muelheim_{suffix}", "musterstadt": f"musterstadt_{suffix}"}
    tenants.create(pg_url, names["muelheim"], "Mülheim an der Ruhr")
    tenants.create(pg_url, names["musterstadt"], "Musterstadt (Testauszug)")
    conns = {key: store.connect(pg_url, tenant=slug) for key, slug in names.items()}
    seed.load_seed(conns["muelheim"])
    seed.load_seed(conns["musterstadt"], small_seed(tmp_path / "small"))
    conns["_url"] = pg_url  # type: ignore[assignment]
    conns["_names"] = names  # type: ignore[assignment]
    yield conns
    for key in ("muelheim", "musterstadt"):
        conns[key].close()
    pg.close_pool(pg_url)


def _same(ours: object, theirs: object, what: str) -> None:
    if isinstance(theirs, pd.DataFrame):
        pd.testing.assert_frame_equal(ours, theirs, obj=what)  # type: ignore[arg-type]
    else:
        assert ours == theirs, what


def snapshot(conn: store.Connection) -> dict[str, list[tuple]]:
    """Every row of every table of the connection's own schema."""
    names = conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    ).fetchall()
    return {
        name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)  # noqa: S608
        for (name,) in names
    }


def test_every_read_sees_only_its_own_tenant(two_tenants: dict, tmp_path: Path) -> None:
    full = store.connect(":memory:")
    seed.load_seed(full)
    part = store.connect(":memory:")
    seed.load_seed(part, tmp_path / "small")
    try:
        for name, read in READS.items():
            _same(read(two_tenants["muelheim"]), read(full), f"muelheim {name}")
            _same(read(two_tenants["musterstadt"]), read(part), f"musterstadt {name}")
    finally:
        full.close()
        part.close()
    assert len(store.areas(two_tenants["musterstadt"])) == len(SMALL_AREAS)


def _edit(conn: store.Connection, entity: str, key: tuple, **changes: object) -> RowEdit:
    row = current_row(conn, entity, key)
    assert row is not None
    return RowEdit(entity, key, dict(row), changes)


def _bump_in_door(conn: store.Connection) -> int:
    with store.door(conn):
        return store.bump_data_version(conn)


def test_every_write_stays_in_its_own_tenant(two_tenants: dict) -> None:
    mine, other = two_tenants["muelheim"], two_tenants["musterstadt"]
    criteria = store.criteria(mine)
    writes: dict[str, Callable[[], object]] = {
        "save_edits": lambda: save_edits(
            mine, EDITOR, [_edit(mine, "options", ("homepage-gsb",), name="GSB 11")]
        ),
        "add_option": lambda: editing_rows.add_option(
            mine,
            EDITOR,
            {"area": "ozg", "name": "Nur hier", "pathway": "standard", "source": "kdn"},
        ),
        "remove": lambda: editing_rows.remove(mine, EDITOR, "options", "homepage-gsb"),
        "undo": lambda: editing_rows.undo(
            mine, EDITOR, int(mine.execute("SELECT max(id) FROM audit_log").fetchone()[0])
        ),
        "save_scenario": lambda: scenarios.save(
            mine,
            EDITOR,
            "Sparkurs",
            WeightSet({"cost": 60, "citizen_value": 20, "feasibility": 20}),
            criteria,
        ),
        "bump_data_version": lambda: _bump_in_door(mine),
        "reset_seed": lambda: seed.load_seed(mine, reset=True),
        "migrate": lambda: store.connect(
            two_tenants["_url"], tenant=two_tenants["_names"]["muelheim"]
        ).close(),
    }
    before = snapshot(other)
    changed = snapshot(mine)
    for name, write in writes.items():
        write()
        assert snapshot(other) == before, name
        now = snapshot(mine)
        if name != "migrate":
            assert now != changed, f"{name} wrote nothing: the check would prove nothing"
        changed = now


def test_a_tenant_cannot_reach_into_another_schema(two_tenants: dict) -> None:
    mine = two_tenants["muelheim"]
    other_schema = tenants.schema_name(two_tenants["_names"]["musterstadt"])
    # the schema name comes from tenants.schema_name, no user input
    for sql in (
        f'SELECT * FROM "{other_schema}".options',  # noqa: S608
        f"UPDATE \"{other_schema}\".meta SET value = '99'",  # noqa: S608
        f'SET search_path = "{other_schema}"',  # allowed, but then nothing resolves
    ):
        try:
            mine.execute(sql)
        except psycopg.errors.InsufficientPrivilege:
            continue
        with pytest.raises((psycopg.errors.InsufficientPrivilege, psycopg.errors.UndefinedTable)):
            mine.execute("SELECT * FROM options")
    mine.close()  # back to the pool, which sets role and search path up again
    with store.connect(two_tenants["_url"], tenant=two_tenants["_names"]["muelheim"]) as again:
        assert len(store.areas(again)) == 6
    listing = tenants.listing(two_tenants["_url"])
    assert (two_tenants["_names"]["musterstadt"], "Musterstadt (Testauszug)") in listing


def test_tenant_keys_are_checked_and_duckdb_has_none(pg_url: str) -> None:
    for bad in ("Mülheim", "1stadt", "a; DROP", "", "x" * 41):
        with pytest.raises(InputError):
            tenants.create(pg_url, bad, "X")
    with pytest.raises(InputError):
        store.connect(":memory:", tenant="muelheim")
    tenants.create(pg_url, "doppelt", "Doppelt")
    with pytest.raises(InputError, match="doppelt"):
        tenants.create(pg_url, "doppelt", "Doppelt")


def test_an_empty_tenant_is_seeded_with_its_own_example(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app opens ``COCKPIT_TENANT``'s store: an empty example tenant gets its own seed
    (never Mülheim's data in another municipality); any other empty tenant is refused."""
    tenants.create(pg_url, "muelheim", "Mülheim an der Ruhr")
    monkeypatch.setenv("COCKPIT_TENANT", "muelheim")
    with seed.opened(pg_url) as conn:
        assert len(store.areas(conn)) == 6
    other = f"leer_{tmp_path.name.replace('-', '_').lower()[-10:]}"
    tenants.create(pg_url, other, "Leer")
    monkeypatch.setenv("COCKPIT_TENANT", other)
    with pytest.raises(InputError, match="enthält noch keine Daten"):
        seed.open_seeded(pg_url)
    with store.connect(pg_url, tenant=other) as conn:
        assert store.is_empty(conn)
    pg.close_pool(pg_url)
