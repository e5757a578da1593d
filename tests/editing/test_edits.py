"""Editing: validated saves, optimistic concurrency, add/remove/undo, and no lost update."""

from __future__ import annotations

import random
import threading
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from core import settings, store
from core.editing import audit, edits as editing, frames as editing_frames, rows as editing_rows
from core.editing.auth import Actor, PermissionDeniedError
from core.editing.edits import EditConflict, RowEdit, ValidationFailed
from core.errors import InputError
from core.scoring import area_model
from core.store import seed

EDITOR = Actor("anna", "editor")
OTHER = Actor("bernd", "editor")


def loaded(conn: duckdb.DuckDBPyConnection, entity: str, key: tuple) -> dict:
    row = editing.current_row(conn, entity, key)
    assert row is not None
    return {f.name: row[f.name] for f in editing.SPECS[entity].fields}


def edit(conn: duckdb.DuckDBPyConnection, entity: str, key: tuple, **changes: object) -> RowEdit:
    return RowEdit(entity, key, loaded(conn, entity, key), changes)


def audit_rows(conn: duckdb.DuckDBPyConnection) -> int:
    return conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]


def models(conn: duckdb.DuckDBPyConnection) -> dict[str, area_model.AreaModel]:
    return area_model.load_areas(conn, settings.get("horizon_years"), settings.get("discount_rate"))


def test_editor_saves_cells_in_one_audited_step(conn: duckdb.DuckDBPyConnection) -> None:
    before = store.data_version(conn)[0]
    result = editing.save_edits(
        conn,
        EDITOR,
        [
            edit(conn, "options", ("homepage-gsb",), name="GSB 11", partner="ITZBund"),
            edit(conn, "assessments", ("homepage-gsb", "reach"), value="7,5"),
        ],
    )
    assert result == audit.WriteResult(before + 1, 3)
    assert loaded(conn, "options", ("homepage-gsb",))["name"] == "GSB 11"  # renamable
    assert loaded(conn, "assessments", ("homepage-gsb", "reach"))["value"] == 7.5
    log = audit.entries(conn)
    assert sorted(log["field"]) == ["name", "partner", "value"]
    assert set(log["data_version"]) == {before + 1}
    value = log[log["field"] == "value"].iloc[0]
    assert (audit.decode(value["new_value"]), value["entity_key"]) == (7.5, "homepage-gsb/reach")


@pytest.mark.parametrize("actor", [Actor.viewer(), Actor("x", "participant", scope="x")])
def test_viewers_cannot_save(conn: duckdb.DuckDBPyConnection, actor: Actor) -> None:
    change = edit(conn, "options", ("homepage-gsb",), name="Gekapert")
    with pytest.raises(PermissionDeniedError):
        editing.save_edits(conn, actor, [change])
    for write in (
        lambda: editing_rows.remove(conn, actor, "options", "homepage-gsb"),
        lambda: editing_rows.add_option(
            conn, actor, {"area": "ozg", "name": "X", "pathway": "standard", "source": "kdn"}
        ),
        lambda: editing_rows.undo(conn, actor, 1),
    ):
        with pytest.raises(PermissionDeniedError):
            write()
    assert loaded(conn, "options", ("homepage-gsb",))["name"] != "Gekapert"
    assert audit_rows(conn) == 0


def test_second_session_changing_the_same_row_is_refused(tmp_path: Path) -> None:
    """Two store sessions load the same row; the first save wins, the second is refused."""
    path = str(tmp_path / "c.duckdb")
    seed.open_seeded(path).close()
    with store.connect(path) as base:
        first, second = base.cursor(), base.cursor()
        key = ("homepage-cms",)
        mine = edit(first, "systems", key, annual_cost_eur=60000)
        theirs = edit(second, "systems", key, notes="Vertrag läuft 2027 aus")
        stored_before = mine.loaded["annual_cost_eur"]
        editing.save_edits(first, EDITOR, [mine])
        version = store.data_version(base)[0]
        with pytest.raises(EditConflict) as info:
            editing.save_edits(second, OTHER, [theirs])
        (conflict,) = info.value.conflicts
        assert conflict.field == "annual_cost_eur"
        assert conflict.loaded == stored_before
        assert conflict.current == 60000
        assert "geändert" in info.value.message("de")
        row = loaded(base, "systems", key)
        assert row["annual_cost_eur"] == 60000  # the first save stands
        assert row["notes"] != "Vertrag läuft 2027 aus"  # nothing overwritten silently
        assert store.data_version(base)[0] == version
        assert audit.entries(base)["actor"].tolist() == ["anna"]
        first.close()
        second.close()


def test_editing_a_removed_row_is_a_conflict(conn: duckdb.DuckDBPyConnection) -> None:
    change = edit(conn, "options", ("ozg-kommunalportal",), partner="KDN")
    editing_rows.remove(conn, OTHER, "options", "ozg-kommunalportal")
    with pytest.raises(EditConflict) as info:
        editing.save_edits(conn, EDITOR, [change])
    assert info.value.conflicts[0].removed


def test_every_bad_cell_is_reported_and_nothing_written(conn: duckdb.DuckDBPyConnection) -> None:
    before = store.data_version(conn)[0]
    with pytest.raises(ValidationFailed) as info:
        editing.save_edits(
            conn,
            EDITOR,
            [
                edit(conn, "cost_lines", (1,), investment_eur=-5, staff_fte="viel", item=" "),
                edit(conn, "systems", ("homepage-cms",), in_use_since=1800, kind="cloud", id="neu"),
                edit(conn, "options", ("homepage-gsb",), name="Gültig"),
            ],
        )
    found = {(i.field, i.error_key) for i in info.value.issues}
    assert found == {
        ("investment_eur", "edit_below_min"),
        ("staff_fte", "edit_not_number"),
        ("item", "edit_required"),
        ("in_use_since", "edit_below_min"),
        ("kind", "edit_not_choice"),
        ("id", "edit_not_editable"),
    }
    assert all(i.message("de") for i in info.value.issues)
    assert store.data_version(conn)[0] == before
    assert loaded(conn, "options", ("homepage-gsb",))["name"] != "Gültig"


@pytest.mark.parametrize(
    ("entity", "key", "changes", "error"),
    [
        ("assessments", ("homepage-gsb", "reach"), {"value": 11}, "edit_out_of_range"),
        ("cost_lines", (1,), {"source": "", "is_estimate": False}, "edit_honesty"),
        (
            "cost_lines",
            (1,),
            {"source": "", "is_estimate": True, "estimate_reason": ""},
            "edit_honesty",
        ),
        ("cost_lines", (1,), {"source": "kdn; erfunden"}, "edit_unknown_source"),
        (
            "options",
            ("homepage-gsb",),
            {"source": "Freitext statt Schlüssel"},
            "edit_unknown_source",
        ),
        ("systems", ("gis-gdi",), {"source": "", "is_estimate": False}, "edit_honesty"),
        ("criteria", ("reach",), {"min_value": 5, "max_value": 4}, "edit_min_not_below_max"),
        (
            "assessments",
            ("homepage-gsb", "reach"),
            {"value": 5, "value_low": 6, "value_high": 8},
            "range_bad",
        ),
        ("assessments", ("homepage-gsb", "reach"), {"value_low": 2}, "range_half"),
        (
            "cost_lines",
            (1,),
            {"annual_cost_eur": 1000, "annual_low": 500, "annual_high": 900},
            "range_bad",
        ),
        ("criteria", ("reach",), {"max_value": 2}, "edit_range_excludes"),
        (
            "options",
            ("homepage-gsb",),
            {"name": "relaunchte homepage weiterbetreiben "},
            "edit_name_taken",
        ),
    ],
)
def test_row_rules(
    conn: duckdb.DuckDBPyConnection, entity: str, key: tuple, changes: dict, error: str
) -> None:
    with pytest.raises(ValidationFailed) as info:
        editing.save_edits(conn, EDITOR, [edit(conn, entity, key, **changes)])
    assert [i.error_key for i in info.value.issues] == [error]


def test_a_save_without_changes_writes_nothing(conn: duckdb.DuckDBPyConnection) -> None:
    before = store.data_version(conn)[0]
    row = loaded(conn, "options", ("homepage-gsb",))
    result = editing.save_edits(
        conn, EDITOR, [RowEdit("options", ("homepage-gsb",), row, {"name": row["name"] + "  "})]
    )
    assert result.entries == 0
    assert store.data_version(conn)[0] == before


def test_add_option_gets_placeholders_and_ranks(conn: duckdb.DuckDBPyConnection) -> None:
    option_id, result = editing_rows.add_option(
        conn,
        EDITOR,
        {
            "area": "ozg",
            "name": "Serviceportal der Nachbarstadt",
            "pathway": "best_practice",
            "partner": "Essen",
            "description": "",
            "source": "kdn",
        },
    )
    assert option_id == "ozg-serviceportal-der-nachbarstadt"
    rows = store.assessments(conn, "ozg")
    mine = rows[rows["option_id"] == option_id]
    assessed = store.criteria(conn)["derived_from"].isna().sum()
    assert len(mine) == assessed and mine["is_estimate"].all()
    assert result.entries == 1 + assessed
    assert option_id in set(
        area_model.rank_area(models(conn)["ozg"], area_model.WeightSet())["option_id"]
    )
    with pytest.raises(InputError) as info:
        editing_rows.add_option(
            conn,
            EDITOR,
            {
                "area": "ozg",
                "name": "Serviceportal der Nachbarstadt",
                "pathway": "standard",
                "source": "kdn",
            },
        )
    assert info.value.key == "edit_name_taken"
    with pytest.raises(ValidationFailed):
        editing_rows.add_option(conn, EDITOR, {"area": "mars", "name": "", "pathway": "x"})


def test_remove_and_undo_an_option(conn: duckdb.DuckDBPyConnection) -> None:
    area_options = len(store.options(conn, "ozg"))
    costs = len(store.cost_lines(conn))
    result = editing_rows.remove(conn, EDITOR, "options", "ozg-kommunalportal")
    assert len(store.options(conn, "ozg")) == area_options - 1
    assert "ozg-kommunalportal" not in set(store.assessments(conn)["option_id"])
    assert len(store.cost_lines(conn)) < costs
    assert len(models(conn)["ozg"].options) == area_options - 1
    (entry,) = editing_rows.removed(conn).itertuples()
    assert entry.entity_key == "ozg-kommunalportal"
    undone = editing_rows.undo(conn, EDITOR, int(entry.id))
    assert undone.version == result.version + 1
    assert len(store.options(conn, "ozg")) == area_options
    assert len(store.cost_lines(conn)) == costs
    assert editing_rows.removed(conn).empty
    with pytest.raises(InputError) as info:
        editing_rows.undo(conn, EDITOR, int(entry.id))
    assert info.value.key == "edit_undo_done"
    restore = audit.entries(conn, action="restore").iloc[0]
    assert int(restore["undoes"]) == int(entry.id)


def test_remove_criterion_then_add_option_then_undo(conn: duckdb.DuckDBPyConnection) -> None:
    editing_rows.remove(conn, EDITOR, "criteria", "skills")
    assert "skills" not in set(store.criteria(conn)["key"])
    new_id, _ = editing_rows.add_option(
        conn, EDITOR, {"area": "gis", "name": "Neu", "pathway": "standard", "source": "kdn"}
    )
    entry = editing_rows.removed(conn).iloc[0]
    editing_rows.undo(conn, EDITOR, int(entry["id"]))
    # the option added meanwhile got a placeholder for the restored criterion
    rows = store.assessments(conn, "gis")
    assert ((rows["option_id"] == new_id) & (rows["criterion"] == "skills")).sum() == 1
    models(conn)  # every matrix is complete again


def test_removal_guards(conn: duckdb.DuckDBPyConnection) -> None:
    editing_rows.remove(conn, EDITOR, "criteria", "npv_cost")
    editing_rows.remove(conn, EDITOR, "criteria", "investment")
    with pytest.raises(InputError) as info:
        editing_rows.remove(conn, EDITOR, "criteria", "staff_fte")
    assert info.value.key == "edit_last_criterion"
    with pytest.raises(InputError) as info:
        editing_rows.remove(conn, EDITOR, "criteria", "npv_cost")
    assert info.value.key == "edit_already_removed"
    for option_id in store.options(conn, "social-media")["id"].tolist()[1:]:
        editing_rows.remove(conn, EDITOR, "options", option_id)
    last = store.options(conn, "social-media")["id"].tolist()
    with pytest.raises(InputError) as info:
        editing_rows.remove(conn, EDITOR, "options", last[0])
    assert info.value.key == "edit_last_option"
    with pytest.raises(InputError) as info:
        editing_rows.remove(conn, EDITOR, "systems", "homepage-cms")
    assert info.value.key == "edit_not_removable"


def test_cost_lines_add_remove_undo(conn: duckdb.DuckDBPyConnection) -> None:
    totals = store.cost_totals(conn).set_index("option_id")
    line_id, _ = editing_rows.add_cost_line(
        conn,
        EDITOR,
        {
            "option_id": "gis-masterportal",
            "item": "Schulung",
            "investment_eur": "12.500",
            "annual_cost_eur": 0,
            "staff_fte": 0,
            "source": "",
            "is_estimate": True,
            "estimate_reason": "Schätzung: zwei Schulungstage",
        },
    )
    after = store.cost_totals(conn).set_index("option_id")
    assert (
        after.loc["gis-masterportal", "investment"]
        == totals.loc["gis-masterportal", "investment"] + 12500
    )
    editing_rows.remove(conn, EDITOR, "cost_lines", line_id)
    assert line_id not in set(store.cost_lines(conn)["id"])
    editing_rows.undo(conn, EDITOR, int(editing_rows.removed(conn).iloc[0]["id"]))
    assert line_id in set(store.cost_lines(conn)["id"])
    with pytest.raises(ValidationFailed):
        editing_rows.add_cost_line(
            conn,
            EDITOR,
            {
                "option_id": "gis-masterportal",
                "item": "Ohne Beleg",
                "investment_eur": 1,
                "annual_cost_eur": 0,
                "staff_fte": 0,
            },
        )


def test_add_criterion(conn: duckdb.DuckDBPyConnection) -> None:
    key, _ = editing_rows.add_criterion(
        conn,
        EDITOR,
        {
            "label_de": "Datenschutz",
            "grp": "feasibility",
            "direction": "benefit",
            "min_value": 0,
            "max_value": 10,
            "default_weight": 20,
        },
    )
    assert key == "datenschutz"
    crit = store.criteria(conn).set_index("key")
    assert crit.loc[key, "label_en"] == "Datenschutz"
    counts = store.assessments(conn).groupby("criterion").size()
    assert counts[key] == len(store.options(conn))
    assert models(conn)["ozg"].matrix.shape[1] == len(crit)


def test_editable_frames_match_the_store(conn: duckdb.DuckDBPyConnection) -> None:
    for entity in editing_frames.ENTITIES:
        frame = editing_frames.frame(conn, entity, "ozg")
        assert not frame.empty
        row = frame.iloc[0]
        stored = loaded(conn, entity, editing_frames.row_key(entity, row))
        shown = editing_frames.loaded_values(entity, row)
        spec = editing.SPECS[entity].by_name
        assert all(editing.same(spec[c], shown[c], stored[c]) for c in stored)


def test_seed_reset_after_edits_and_removals(conn: duckdb.DuckDBPyConnection) -> None:
    editing_rows.remove(conn, EDITOR, "options", "ozg-kommunalportal")
    editing.save_edits(conn, EDITOR, [edit(conn, "options", ("homepage-gsb",), name="X")])
    seed.load_seed(conn, reset=True)
    assert "ozg-kommunalportal" in set(store.options(conn)["id"])
    assert "X" not in set(store.options(conn)["name"])
    assert audit_rows(conn) == 2  # the trail survives a reset


THREADS = 20
WRITES_PER_THREAD = 50


def test_concurrent_writes_lose_no_update(tmp_path: Path) -> None:
    """20 threads, 1,000 writes: each is applied and audited, or refused as a conflict.

    Every write adds 1 to a cost line's investment, based on the value its thread loaded.
    A lost update would leave a line short of (initial + applied writes on it).
    """
    path = str(tmp_path / "c.duckdb")
    seed.open_seeded(path).close()
    conn = store.connect(path)
    lines = [int(i) for i in store.cost_lines(conn)["id"].head(5)]
    initial = {i: loaded(conn, "cost_lines", (i,))["investment_eur"] for i in lines}
    start_version = store.data_version(conn)[0]
    applied: Counter[int] = Counter()
    refused = Counter[str]()
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker(seed_number: int) -> None:
        cur = conn.cursor()
        rng = random.Random(seed_number)
        try:
            for _ in range(WRITES_PER_THREAD):
                line = rng.choice(lines)
                before = loaded(cur, "cost_lines", (line,))
                change = RowEdit(
                    "cost_lines", (line,), before, {"investment_eur": before["investment_eur"] + 1}
                )
                try:
                    editing.save_edits(cur, EDITOR, [change])
                except EditConflict:
                    with lock:
                        refused["conflict"] += 1
                else:
                    with lock:
                        applied[line] += 1
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            cur.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    total_applied = sum(applied.values())
    print(f"\nconcurrency: {total_applied} applied, {refused['conflict']} refused as conflicts")
    assert total_applied + refused["conflict"] == THREADS * WRITES_PER_THREAD
    assert total_applied > 0
    audited = conn.execute(
        "SELECT count(*) FROM audit_log WHERE entity = 'cost_lines' AND field = 'investment_eur'"
    ).fetchone()[0]
    assert audited == total_applied
    assert store.data_version(conn)[0] == start_version + total_applied
    for line in lines:
        final = loaded(conn, "cost_lines", (line,))["investment_eur"]
        assert final == initial[line] + applied[line]
    conn.close()


COST = {
    "option_id": "gis-qgis",
    "item": "Schulung",
    "investment_eur": 1000,
    "annual_cost_eur": 0,
    "staff_fte": 0,
}


def test_sources_are_added_edited_and_then_citable(conn: duckdb.DuckDBPyConnection) -> None:
    """A new source gets a key from its title; rows may cite it from then on; its address and
    dates are checked (https:// is dropped, German dates are read)."""
    with pytest.raises(ValidationFailed):
        editing_rows.add_cost_line(
            conn,
            EDITOR,
            {**COST, "source": "ratsvorlage-2026"},
        )
    source_id, _ = editing_rows.add_source(
        conn,
        EDITOR,
        {
            "title": "Ratsvorlage 2026",
            "publisher": "Stadt Mülheim an der Ruhr",
            "address": "https://www.muelheim-ruhr.de/vorlage",
            "published": "19.02.2026",
            "accessed": "11/2026",
        },
    )
    assert source_id == "ratsvorlage-2026"
    row = store.sources(conn).set_index("id").loc[source_id]
    assert (row["address"], row["published"], row["accessed"]) == (
        "www.muelheim-ruhr.de/vorlage",
        "2026-02-19",
        "2026-11",
    )
    line_id, _ = editing_rows.add_cost_line(
        conn,
        EDITOR,
        {**COST, "source": f"kdn; {source_id}"},
    )
    assert line_id > 0
    assert store.dangling_source_refs(conn).empty
    for field, bad in (("address", "javascript:alert(1)"), ("published", "2026-13")):
        with pytest.raises(ValidationFailed) as info:
            editing.save_edits(conn, EDITOR, [edit(conn, "sources", (source_id,), **{field: bad})])
        assert [i.error_key for i in info.value.issues] == [
            {"address": "edit_not_address", "published": "edit_not_partial_date"}[field]
        ]
    editing.save_edits(conn, EDITOR, [edit(conn, "sources", (source_id,), note="geprüft")])
    assert store.sources(conn).set_index("id").loc[source_id, "note"] == "geprüft"


def test_ranges_are_editable_and_used(conn: duckdb.DuckDBPyConnection) -> None:
    """An explicit range saved on the data page replaces the default range of an estimate."""
    editing.save_edits(
        conn,
        EDITOR,
        [edit(conn, "assessments", ("homepage-gsb", "reach"), value=7, value_low=4, value_high=9)],
    )
    row = loaded(conn, "assessments", ("homepage-gsb", "reach"))
    assert (row["value_low"], row["value_high"]) == (4.0, 9.0)
    model = models(conn)["homepage"]
    i = list(model.options["id"]).index("homepage-gsb")
    j = list(model.criteria["key"]).index("reach")
    low, high = model.bounds
    assert (low[i, j], high[i, j]) == (4.0, 9.0)
