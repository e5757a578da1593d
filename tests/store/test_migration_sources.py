"""Migrations 0007: a store created before them and edited by users keeps its edits.

The store is built at the schema before 0007 from the frozen seed of that time
(``seed_before_0007``), then edited as users do (a changed source text, a new option with a
free-text source, a soft-removed cost line, an audit entry, a scenario). Migrating must keep
every row and every edit; free-text sources become source records (known texts map to the
audited seed sources, anything else – including every user text – becomes a source of its
own with the text as title); the maturity values are mapped 0–4 → 0–7. Every test runs on
DuckDB and on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from core import store
from core.store import dialect, migration_sources, migrations, sourcerefs
from core.store.pg import PgConnection

OLD_SEED = Path(__file__).parent / "seed_before_0007"
# the schema this test's old seed was written for: before the sources (0007) and before the
# data ranges and area weights (0006) that add columns to assessments and cost lines
BEFORE = [m for m in migrations.MIGRATIONS if not m.name.startswith(("0006_", "0007_"))]
ORDER = ("areas", "criteria", "systems", "options", "cost_lines", "assessments", "weight_profiles")
RENAMES = {"cost_lines": {"option": "option_id"}, "assessments": {"option": "option_id"}}


def _load_old_seed(conn: store.Connection) -> None:
    for table in ORDER:
        frame = pd.read_csv(OLD_SEED / f"{table}.csv").rename(columns=RENAMES.get(table, {}))
        for column in frame.columns:
            if not pd.api.types.is_numeric_dtype(frame[column]):
                frame[column] = frame[column].fillna("")
        if table == "options":
            frame["replaces_system"] = frame["replaces_system"].replace("", None)
        if table == "criteria":
            frame["derived_from"] = frame["derived_from"].replace("", None)
        columns = ", ".join(frame.columns)
        if dialect.of(conn).is_postgres:
            rows = [
                [None if isinstance(v, float) and v != v else v for v in row]  # NaN -> NULL
                for row in frame.astype(object).itertuples(index=False, name=None)
            ]
            marks = ", ".join("?" for _ in frame.columns)
            conn.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)  # noqa: S608
            continue
        conn.register("old_seed", frame)
        conn.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM old_seed")  # noqa: S608
        conn.unregister("old_seed")


USER_SOURCE = "Gespräch mit dem Amt 62 am 03.11.2026 (Protokoll; nicht veröffentlicht)"


@pytest.fixture
def old_store(store_target: str) -> Iterator[store.Connection]:
    """A store at the schema before 0007 with the old seed and users' edits, on each back-end."""
    conn = duckdb.connect(":memory:") if store_target == ":memory:" else PgConnection(store_target)
    _edit_old_store(conn)
    yield conn
    conn.close()


def _edit_old_store(conn: store.Connection) -> None:
    migrations.migrate(conn, BEFORE)
    _load_old_seed(conn)
    # users' edits at the old schema
    conn.execute(
        "UPDATE cost_lines SET annual_cost_eur = 91000, source = ? WHERE option_id ="
        " 'gis-status-quo' AND item LIKE 'Betrieb GDI%'",
        [USER_SOURCE],
    )
    conn.execute(
        "INSERT INTO options (id, area, pathway, name, partner, description, source)"
        " VALUES ('gis-eigenes', 'gis', 'standard', 'Eigene Idee', '', 'Von Hand', ?)",
        [f"{USER_SOURCE}; WAZ 10981749"],
    )
    conn.execute(
        "INSERT INTO assessments (option_id, criterion, value, rationale, source, is_estimate,"
        " estimate_reason, assessed_on, removed_at)"
        " SELECT 'gis-eigenes', criterion, value, rationale, source,"
        " is_estimate, estimate_reason, assessed_on, NULL FROM assessments"
        " WHERE option_id = 'gis-qgis'"
    )
    conn.execute(
        "UPDATE cost_lines SET removed_at = TIMESTAMP '2026-11-30 10:00:00'"
        " WHERE option_id = 'open-data-ckan' AND item = 'Hosting und Wartung'"
    )
    conn.execute(
        "UPDATE assessments SET value = 3, rationale = 'Von Hand geändert'"
        " WHERE option_id = 'ozg-status-quo' AND criterion = 'online_availability'"
    )
    conn.execute(
        "INSERT INTO audit_log (changed_at, actor, role, action, entity, entity_key, field,"
        " old_value, new_value, data_version) VALUES (TIMESTAMP '2026-11-30 10:00:00', 'anna',"
        " 'editor', 'update', 'assessments', 'ozg-status-quo/online_availability', 'value',"
        " '2.0', '3.0', 2)"
    )
    conn.execute(
        "INSERT INTO weight_profiles (slug, name_de, kind, w_cost, w_citizen_value,"
        " w_feasibility, method) VALUES ('sparkurs', 'Sparkurs', 'scenario', 3, 1, 1, 'topsis')"
    )


def _table(conn: store.Connection, table: str, drop: tuple[str, ...] = ()) -> pd.DataFrame:
    frame = conn.execute(f"SELECT * FROM {table}").df()  # noqa: S608
    keys = [c for c in frame.columns if c not in drop]
    return frame[keys].sort_values(keys[:2]).reset_index(drop=True)


@pytest.fixture
def migrated(old_store: store.Connection) -> tuple[store.Connection, dict[str, pd.DataFrame]]:
    conn = old_store
    before = {t: _table(conn, t) for t in (*ORDER, "audit_log", "profile_criterion_weights")}
    applied = migrations.migrate(conn)
    assert applied == [m.name for m in migrations.MIGRATIONS if m not in BEFORE]
    assert {"0007_sources", "0007_maturity_model_2"} <= set(applied)
    return conn, before


def test_every_row_and_edit_survives(migrated) -> None:
    conn, before = migrated
    for table in ("areas", "weight_profiles", "audit_log", "profile_criterion_weights"):
        pd.testing.assert_frame_equal(_table(conn, table), before[table])
    for table in ("systems", "options", "cost_lines"):
        after = _table(conn, table, ("source", "is_estimate", "estimate_reason"))
        # columns that later migrations add (the data ranges of 0006) did not exist before
        after = after[[c for c in after.columns if c in before[table].columns]]
        old = before[table][list(after.columns)]
        pd.testing.assert_frame_equal(after, old, check_dtype=False)
    line = conn.execute(
        "SELECT annual_cost_eur FROM cost_lines WHERE option_id = 'gis-status-quo'"
        " AND item LIKE 'Betrieb GDI%'"
    ).fetchone()
    assert line == (91000.0,)
    removed = conn.execute(
        "SELECT removed_at FROM cost_lines WHERE option_id = 'open-data-ckan'"
        " AND item = 'Hosting und Wartung'"
    ).fetchone()[0]
    assert removed is not None
    options = store.options(conn)
    assert not options["is_estimate"].any() and (options["estimate_reason"] == "").all()
    assert "gis-eigenes" in set(options["id"])


def test_free_text_sources_become_source_records(migrated) -> None:
    conn, before = migrated
    assert store.dangling_source_refs(conn).empty
    sources = store.sources(conn).set_index("id")
    user_key = migration_sources.legacy_key(USER_SOURCE)
    assert sources.loc[user_key, "title"] == USER_SOURCE  # the user's text, kept verbatim
    assert sources.loc[user_key, "address"] == "" and sources.loc[user_key, "published"] == ""
    own = conn.execute("SELECT source FROM options WHERE id = 'gis-eigenes'").fetchone()[0]
    assert sourcerefs.keys(own) == [user_key, "waz-10981749"]
    # a seed text that keeps its meaning maps to the audited source, with address or date
    kdn = conn.execute(
        "SELECT source FROM cost_lines WHERE option_id = 'gis-kdn-hosting'"
        " AND item = 'Umzug der GDI'"
    ).fetchone()[0]
    assert kdn == "kdn" and sources.loc["kdn", "published"] == "2012"
    # a text whose figure the audit contradicted is not given the new source
    heimat = conn.execute(
        "SELECT DISTINCT source FROM cost_lines WHERE option_id = 'city-app-heimat-info'"
        " AND item = 'Einrichtung'"
    ).fetchone()[0]
    assert heimat.startswith("quelle-")
    assert sources.loc[heimat, "title"] == "Heimat-Info (1.995 € Einrichtung + 119 €/Monat)"
    # every free text of the old seed that has an audited twin maps to it
    old_texts = set()
    for table in ("systems", "options", "cost_lines", "assessments"):
        for cell in before[table]["source"]:
            old_texts.update(migration_sources.split_legacy(cell))
    unmapped = sorted(t for t in old_texts if t not in migration_sources.LEGACY)
    assert unmapped == sorted(
        [
            USER_SOURCE,
            "Heimat-Info (1.995 € Einrichtung + 119 €/Monat)",
            "Stadt Leipzig: App Stufe 1 (200.000 €)",
            "Wikipedia (de): Mülheim an der Ruhr",
        ]
    )


def test_maturity_values_are_mapped_to_model_2(migrated) -> None:
    conn, before = migrated
    criterion = store.criteria(conn).set_index("key").loc["online_availability"]
    assert (criterion["min_value"], criterion["max_value"]) == (0, 7)
    assert criterion["unit"] == "Reifegrad (0–7)"
    old = before["assessments"].query("criterion == 'online_availability'")
    new = _table(conn, "assessments").query("criterion == 'online_availability'")
    assert new["value"].tolist() == pytest.approx((old["value"] * 7 / 4).tolist())
    edited = new[new["option_id"] == "ozg-status-quo"].iloc[0]
    assert edited["value"] == pytest.approx(5.25)  # the user's 3 on 0–4
    assert edited["rationale"].startswith("Von Hand geändert")  # the user's text kept
    assert "× 7/4" in edited["rationale"]
    others = _table(conn, "assessments").query("criterion != 'online_availability'")
    others = others[[c for c in others.columns if c in before["assessments"].columns]]
    pd.testing.assert_frame_equal(
        others.drop(columns=["source"]).reset_index(drop=True),
        before["assessments"]
        .query("criterion != 'online_availability'")
        .drop(columns=["source"])
        .reset_index(drop=True),
    )


def test_honesty_check_now_holds_for_options_and_rerun_is_a_no_op(migrated) -> None:
    conn, _ = migrated
    with pytest.raises(store.constraint_errors()):
        conn.execute(
            "INSERT INTO options (id, area, pathway, name) VALUES ('x', 'gis', 'standard', 'X')"
        )
    conn.execute(
        "INSERT INTO options (id, area, pathway, name, is_estimate, estimate_reason)"
        " VALUES ('x', 'gis', 'standard', 'X', true, 'Vorschlag ohne Quelle')"
    )
    with pytest.raises(store.constraint_errors()):  # sources are checked too
        conn.execute("INSERT INTO sources (id, title, address) VALUES ('s', 'S', 'javascript:x')")
    with pytest.raises(store.constraint_errors()):
        conn.execute("INSERT INTO sources (id, title, published) VALUES ('s', 'S', '2012-13')")
    assert migrations.migrate(conn) == []


def test_a_user_scale_for_online_availability_is_left_alone(old_store: store.Connection) -> None:
    conn = old_store
    conn.execute("UPDATE criteria SET max_value = 5 WHERE key = 'online_availability'")
    before = _table(conn, "assessments").query("criterion == 'online_availability'")
    migrations.migrate(conn)
    after = _table(conn, "assessments").query("criterion == 'online_availability'")
    assert after["value"].tolist() == before["value"].tolist()
    assert store.criteria(conn).set_index("key").loc["online_availability", "max_value"] == 5
