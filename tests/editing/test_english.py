"""English data texts in the editor: the editor's rows carry the English twins, a save writes
them through the audited door (with the German text they translate), an emptied cell removes
one, a concurrent change is a conflict, and rows added in the app can have English texts."""

from __future__ import annotations

import duckdb
import pytest

from core import store
from core.editing import audit, english, frames, rows
from core.editing.auth import Actor, PermissionDeniedError
from core.editing.edits import EditConflict, RowEdit, ValidationFailed, save_edits

EDITOR = Actor("anna", "editor")
VIEWER = Actor("vera", "viewer")


def _frame(conn: duckdb.DuckDBPyConnection, entity: str, area: str | None = "ozg"):
    return frames.frame(conn, entity, area)


def _edit(conn, entity: str, index: int, area: str | None = "ozg", **changes: object) -> RowEdit:
    row = _frame(conn, entity, area).iloc[index]
    return RowEdit(entity, frames.row_key(entity, row), frames.loaded_values(entity, row), changes)


def _english(conn, table: str) -> dict[tuple[str, str], str]:
    texts = store.english_texts(conn)
    mine = texts[texts["tbl"] == table]
    return dict(zip(zip(mine["row_key"], mine["field"], strict=True), mine["text"], strict=True))


def _shown_en(conn, table: str, key: str, field: str) -> object:
    reader = {"options": store.options, "cost_lines": store.cost_lines}[table]
    frame = store.localize(reader(conn), table, "en", store.english_texts(conn))
    column = "id"
    return frame.set_index(column).loc[int(key) if table == "cost_lines" else key, field]


def test_every_editable_table_gets_its_english_columns(conn) -> None:
    assert english.columns("criteria") == {"unit_en": "unit", "help_en": "help_de"}
    for entity in english.EDITABLE:
        frame = _frame(conn, entity, None if entity in ("sources", "criteria") else "ozg")
        for en, de in english.columns(entity).items():
            assert list(frame.columns).index(en) == list(frame.columns).index(de) + 1
        editable = set(english.columns(entity))
        assert editable and editable.isdisjoint(frames.read_only_columns(entity, list(frame)))
    options = _frame(conn, "options")
    seed = _english(conn, "options")
    for _, row in options.iterrows():
        assert row["name_en"] == seed.get((row["id"], "name"), "")
    assert (options["description_en"] != "").all()  # the seed translates every description


def test_saving_an_english_text_is_audited_and_shown_in_english(conn) -> None:
    version = store.data_version(conn)[0]
    row = _frame(conn, "options").iloc[0]
    result = save_edits(conn, EDITOR, [_edit(conn, "options", 0, name_en="Own portal, renewed")])
    assert result.version == version + 1 and result.entries == 1
    assert _english(conn, "options")[(row["id"], "name")] == "Own portal, renewed"
    assert _shown_en(conn, "options", row["id"], "name") == "Own portal, renewed"
    assert store.options(conn).set_index("id").loc[row["id"], "name"] == row["name"]  # German kept
    entry = audit.entries(conn).iloc[0]
    assert (entry["entity"], entry["field"], entry["actor"]) == ("options", "name_en", "anna")
    assert audit.decode(entry["old_value"]) == (row["name_en"] or None)
    assert audit.decode(entry["new_value"]) == "Own portal, renewed"


def test_emptying_removes_the_translation_and_english_falls_back_to_german(conn) -> None:
    row = _frame(conn, "options").iloc[1]
    assert row["description_en"]
    save_edits(conn, EDITOR, [_edit(conn, "options", 1, description_en="  ")])
    assert (row["id"], "description") not in _english(conn, "options")
    assert _shown_en(conn, "options", row["id"], "description") == row["description"]
    assert _frame(conn, "options").iloc[1]["description_en"] == ""


def test_german_and_english_changed_together_keep_the_translation(conn) -> None:
    row = _frame(conn, "cost_lines").iloc[0]
    save_edits(
        conn, EDITOR, [_edit(conn, "cost_lines", 0, item="Schulung neu", item_en="New training")]
    )
    assert _shown_en(conn, "cost_lines", str(row["id"]), "item") == "New training"
    # German changed alone later: the English text no longer translates it (not shown)
    save_edits(conn, EDITOR, [_edit(conn, "cost_lines", 0, item="Schulung ganz neu")])
    assert _shown_en(conn, "cost_lines", str(row["id"]), "item") == "Schulung ganz neu"
    assert _frame(conn, "cost_lines").iloc[0]["item_en"] == ""


def test_assessments_and_criteria_help(conn) -> None:
    save_edits(conn, EDITOR, [_edit(conn, "assessments", 0, rationale_en="Because it is so.")])
    row = _frame(conn, "assessments").iloc[0]
    assert row["rationale_en"] == "Because it is so."
    save_edits(conn, EDITOR, [_edit(conn, "criteria", 0, None, help_en="What it measures.")])
    assert _frame(conn, "criteria", None).iloc[0]["help_en"] == "What it measures."


def test_a_concurrent_english_change_is_a_conflict(conn) -> None:
    stale = _edit(conn, "options", 0, name_en="Mine")
    save_edits(conn, Actor("bernd", "editor"), [_edit(conn, "options", 0, name_en="Theirs")])
    version = store.data_version(conn)[0]
    with pytest.raises(EditConflict) as info:
        save_edits(conn, EDITOR, [stale])
    assert [c.field for c in info.value.conflicts] == ["name_en"]
    assert store.data_version(conn)[0] == version


def test_bad_english_text_and_viewers_are_refused(conn) -> None:
    version = store.data_version(conn)[0]
    with pytest.raises(ValidationFailed) as info:
        save_edits(conn, EDITOR, [_edit(conn, "options", 0, name_en="x" * 201)])
    assert info.value.issues[0].field == "name_en"
    with pytest.raises(ValidationFailed):
        save_edits(conn, EDITOR, [_edit(conn, "options", 0, name_en="bell\x07")])
    with pytest.raises(PermissionDeniedError):
        save_edits(conn, VIEWER, [_edit(conn, "options", 0, name_en="Viewer text")])
    assert store.data_version(conn)[0] == version
    assert "Viewer text" not in _english(conn, "options").values()


def test_rows_added_in_the_app_can_have_english_texts(conn) -> None:
    option_id, _ = rows.add_option(
        conn,
        EDITOR,
        {
            "area": "ozg",
            "name": "Neue Option",
            "pathway": "standard",
            "description": "Beschreibung",
            "name_en": "New option",
            "description_en": "Description",
            "is_estimate": True,
            "estimate_reason": "Erste Annahme",
        },
    )
    assert _shown_en(conn, "options", option_id, "name") == "New option"
    assert _shown_en(conn, "options", option_id, "description") == "Description"
    assert _shown_en(conn, "options", option_id, "estimate_reason") == "Erste Annahme"  # fallback
    cost_id, _ = rows.add_cost_line(
        conn,
        EDITOR,
        {
            "option_id": option_id,
            "item": "Lizenz",
            "item_en": "Licence",
            "investment_eur": "1.000",
            "annual_cost_eur": 0,
            "staff_fte": 0,
            "is_estimate": True,
            "estimate_reason": "Angebot",
        },
    )
    assert _shown_en(conn, "cost_lines", str(cost_id), "item") == "Licence"
    fields = set(audit.entries(conn)["field"])
    assert {"name_en", "description_en", "item_en"} <= fields
