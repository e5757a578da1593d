"""The audit trail: one door for writes, entries in the same transaction, filters, Excel."""

from __future__ import annotations

import datetime as dt
import io

import duckdb
import pandas as pd
import pytest
from hypothesis import given, strategies as st
from openpyxl import load_workbook

from core import store
from core.editing import audit
from core.editing.auth import Actor, PermissionDeniedError
from core.excel import audit_sheet

EDITOR = Actor("anna", "editor")


def _count(conn: duckdb.DuckDBPyConnection) -> int:
    return conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]


def _rename_system(conn: duckdb.DuckDBPyConnection, name: str) -> audit.Entry:
    old = conn.execute("SELECT name FROM systems WHERE id = 'homepage-cms'").fetchone()[0]
    conn.execute("UPDATE systems SET name = ? WHERE id = 'homepage-cms'", [name])
    return audit.Entry("update", "systems", "homepage-cms", "name", old, name)


def test_a_write_is_audited_and_raises_the_version(conn: duckdb.DuckDBPyConnection) -> None:
    before = store.data_version(conn)[0]
    result = audit.audited_write(conn, EDITOR, lambda _: [_rename_system(conn, "Neues CMS")])
    assert result == audit.WriteResult(before + 1, 1)
    row = audit.entries(conn).iloc[0]
    assert (row["actor"], row["role"], row["action"], row["entity"]) == (
        "anna",
        "editor",
        "update",
        "systems",
    )
    assert (row["entity_key"], row["field"]) == ("homepage-cms", "name")
    assert audit.decode(row["new_value"]) == "Neues CMS"
    assert audit.decode(row["old_value"]) != "Neues CMS"
    assert int(row["data_version"]) == before + 1


@pytest.mark.parametrize("actor", [Actor.viewer(), Actor("p", "participant", scope="x"), None])
def test_non_editors_cannot_reach_a_write(conn: duckdb.DuckDBPyConnection, actor: Actor) -> None:
    before = store.data_version(conn)[0]
    ran: list[int] = []
    with pytest.raises(PermissionDeniedError):
        audit.audited_write(conn, actor, lambda _: ran.append(1) or [])  # type: ignore[arg-type]
    assert ran == []
    assert store.data_version(conn)[0] == before
    assert _count(conn) == 0


def test_a_failing_write_rolls_everything_back(conn: duckdb.DuckDBPyConnection) -> None:
    before = store.data_version(conn)[0]

    def work(_: dt.datetime) -> list[audit.Entry]:
        _rename_system(conn, "Halb fertig")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        audit.audited_write(conn, EDITOR, work)
    assert store.data_version(conn)[0] == before
    assert _count(conn) == 0
    name = conn.execute("SELECT name FROM systems WHERE id = 'homepage-cms'").fetchone()[0]
    assert name != "Halb fertig"


def test_a_write_without_entries_changes_nothing(conn: duckdb.DuckDBPyConnection) -> None:
    before = store.data_version(conn)[0]
    assert audit.audited_write(conn, EDITOR, lambda _: []) == audit.WriteResult(before, 0)
    assert store.data_version(conn)[0] == before


def test_entries_are_checked() -> None:
    with pytest.raises(ValueError):
        audit.Entry("drop", "systems", "x")
    with pytest.raises(ValueError):
        audit.Entry("update", "meta", "x")


values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(values)
def test_values_round_trip_as_json(value: object) -> None:
    assert audit.decode(audit.encode(value)) == value


def test_plain_values() -> None:
    assert audit.plain(float("nan")) is None
    assert audit.plain(dt.date(2026, 1, 2)) == "2026-01-02"
    assert audit.encode(None) is None


def test_filters(conn: duckdb.DuckDBPyConnection) -> None:
    audit.audited_write(conn, EDITOR, lambda _: [_rename_system(conn, "Erstes")])
    audit.audited_write(
        conn,
        Actor("bernd", "editor"),
        lambda _: [
            _rename_system(conn, "Zweites"),
            audit.Entry("remove", "options", "ozg-x", "", {"name": "X"}, None),
        ],
    )
    assert len(audit.entries(conn)) == 3
    assert audit.entries(conn)["id"].is_monotonic_decreasing  # newest first
    assert set(audit.entries(conn, actor="bernd")["actor"]) == {"bernd"}
    assert audit.entries(conn, entity="options")["entity_key"].tolist() == ["ozg-x"]
    assert audit.entries(conn, action="remove")["entity_key"].tolist() == ["ozg-x"]
    assert len(audit.entries(conn, text="zweit")) == 1
    today = dt.datetime.now(dt.UTC).date()
    assert len(audit.entries(conn, since=today, until=today)) == 3
    assert audit.entries(conn, until=today - dt.timedelta(days=1)).empty
    assert len(audit.entries(conn, limit=2)) == 2
    assert audit.actors(conn) == ["anna", "bernd"]


def test_excel_export_keeps_text_as_text(conn: duckdb.DuckDBPyConnection) -> None:
    audit.audited_write(conn, EDITOR, lambda _: [_rename_system(conn, '=HYPERLINK("x")')])
    version, date = store.data_version(conn)
    table = audit_sheet.readable(conn, audit.entries(conn))
    data = audit_sheet.audit_workbook(table, version, date)
    ws = load_workbook(io.BytesIO(data)).active
    assert ws.title == "Änderungsprotokoll"
    assert ws["A2"].value == "Datenstand"
    assert ws["B2"].value == version
    headers = [c.value for c in ws[5]]
    assert (
        headers
        == [
            "Nr.",
            "Zeitpunkt (Berlin)",
            "Wer",
            "Aktion",
            "Bereich",
            "Eintrag",
            "Spalte",
            "Alter Wert",
            "Neuer Wert",
            "Datenstand",
        ][: len(headers)]
    )
    row = [c for c in ws[6]]
    assert row[2].value == "anna"
    assert row[3].value == "geändert"
    assert row[5].value.startswith("Bestandssystem „")  # the entry in words
    assert row[8].value == '„=HYPERLINK("x")“'
    assert row[8].data_type == "s"  # text, never a formula
    assert row[9].value == version


def test_audit_in_human_words_berlin_time_euros_and_area(conn: duckdb.DuckDBPyConnection) -> None:
    line, old = conn.execute(
        "SELECT l.id, l.investment_eur FROM cost_lines l JOIN options o ON o.id = l.option_id"
        " WHERE o.area = 'ozg' ORDER BY l.id LIMIT 1"
    ).fetchone()
    from core.editing import edits

    edits.save_edits(
        conn,
        EDITOR,
        [edits.RowEdit("cost_lines", (line,), {"investment_eur": old}, {"investment_eur": 65000})],
    )
    entries = audit.entries(conn)
    (row,) = audit_sheet.readable(conn, entries).to_dict("records")
    assert row["area_slug"] == "ozg" and row["area"] != "ozg"
    assert row["field"] == "Einmalinvestition (€)"
    assert row["new"] == "65.000 €"
    assert row["what"].startswith("Kostenposition „")
    stamp = pd.Timestamp(entries["changed_at"].iloc[0])
    offset = row["when"] - stamp
    assert offset in (pd.Timedelta(hours=1), pd.Timedelta(hours=2))  # CET / CEST
