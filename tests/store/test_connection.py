"""Store reads and the seed loader on the real seed data, on DuckDB and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from core import settings, store
from core.errors import InputError, NotFoundError
from core.store import seed


def test_seed_fills_every_table(conn: store.Connection) -> None:
    assert len(store.areas(conn)) == 6
    assert store.areas(conn)["n_options"].min() >= 4
    assert not store.criteria(conn).empty
    assert not store.cost_totals(conn).empty
    assert len(store.weight_profiles(conn)) >= 4
    assert store.data_version(conn)[0] == 1


def test_open_store_seeds_a_missing_file_once(tmp_path: Path, store_target: str) -> None:
    path = str(tmp_path / "sub" / "cockpit.duckdb") if store_target == ":memory:" else store_target
    with seed.open_seeded(path) as conn:
        assert store.data_version(conn)[0] == 1
    with seed.open_seeded(path) as conn:  # existing file: not seeded again
        assert store.data_version(conn)[0] == 1


def test_reset_replaces_data_and_raises_version(conn: store.Connection) -> None:
    before = len(store.options(conn))
    conn.execute("DELETE FROM assessments WHERE option_id IN (SELECT id FROM options LIMIT 1)")
    version = seed.load_seed(conn, reset=True)
    assert version == 2
    assert len(store.options(conn)) == before
    assert len(store.assessments(conn)) == len(store.options(conn)) * int(
        store.criteria(conn)["derived_from"].isna().sum()
    )


def test_seed_into_filled_store_fails_and_changes_nothing(conn: store.Connection) -> None:
    before = conn.execute("SELECT count(*) FROM options").fetchone()[0]
    with pytest.raises(store.constraint_errors()):
        seed.load_seed(conn)  # duplicate keys: the whole transaction rolls back
    assert conn.execute("SELECT count(*) FROM options").fetchone()[0] == before
    assert store.data_version(conn)[0] == 1


def test_bad_seed_value_names_file_and_row(tmp_path: Path, empty_conn: store.Connection) -> None:
    for file in settings.SEED_DIR.glob("*.csv"):
        (tmp_path / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    lines = (tmp_path / "assessments.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("value")] = "99"
    lines[1] = ",".join(cells)
    (tmp_path / "assessments.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        seed.load_seed(empty_conn, tmp_path)
    assert "assessments.csv" in str(info.value) and "Zeile 2" in str(info.value)
    assert store.is_empty(empty_conn)


def test_unknown_area(conn: store.Connection) -> None:
    with pytest.raises(NotFoundError) as info:
        store.require_area(conn, "mars")
    assert "mars" in str(info.value) and "ozg" in str(info.value)


def test_sources_are_split_and_counted(conn: store.Connection) -> None:
    sources = store.sources(conn)
    assert len(sources) > 5 and sources["id"].is_unique
    # a source nothing cites is listed on purpose and says why in its note
    uncited = sources[sources["citations"] == 0]
    assert uncited["note"].str.contains("nicht übernommen").all()
    kdn = sources.set_index("id").loc["kdn"]
    counted = sum(
        "kdn" in store.sourcerefs.keys(cell)
        for table in (store.systems, store.options, store.cost_lines, store.assessments)
        for cell in table(conn)["source"]
    )
    assert kdn["citations"] == counted > 1
    assert set(kdn["used_in"].split(",")) == {"options", "cost_lines", "assessments"}
    gis = store.sources(conn, "gis")
    assert "kommonitor-essen" in set(gis["id"]) and "lvz-leipzig-app" not in set(gis["id"])


def test_bump_version(conn: store.Connection) -> None:
    with store.door(conn):
        assert store.bump_data_version(conn) == 2
    assert store.data_version(conn)[0] == 2


def test_bump_version_outside_the_door_is_refused(conn: store.Connection) -> None:
    with pytest.raises(store.OutsideDoorError):
        store.bump_data_version(conn)
    assert store.data_version(conn)[0] == 1
