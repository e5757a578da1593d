"""Removals are explicit, audited and undoable (issue 17, point 2); a dry run is the real
apply rolled back (point 3)."""

from __future__ import annotations

import dataclasses

import duckdb
import pandas as pd
import pytest

from core import editing, store
from core.cli import main
from core.editing import audit
from core.errors import InputError, StoreError
from core.excel import apply as excel_apply, export as excel_export, importer as excel_import
from core.store import seed
from tests import xlsx_factory as xf

EDITOR = editing.Actor("anna", editing.EDITOR)


def _without_option(conn: duckdb.DuckDBPyConnection, index: int = -1) -> tuple[bytes, str]:
    """An export of ozg whose Optionen sheet lacks one non-status-quo option (and its rows)."""
    sheets = xf.base_sheets(conn)
    options = sheets["Optionen"]
    way = xf.column(sheets, "Optionen", "Weg")
    candidates = [r for r in options[1:] if r[way] not in ("Status quo", "status_quo")]
    gone = candidates[index][0]
    sheets["Optionen"] = [r for r in options if r[0] != gone]
    sheets["Kosten"] = [r for r in sheets["Kosten"] if r[1] != gone]
    sheets["Bewertung"] = [r for r in sheets["Bewertung"] if r[0] != gone]
    return xf.build(sheets), gone


def test_an_import_that_removes_needs_explicit_consent(conn) -> None:
    data, gone = _without_option(conn)
    plan = excel_import.plan_import(conn, data, "weniger.xlsx")
    assert plan.ok
    assert [c.key for c in excel_apply.removals(plan) if c.table == "options"] == [gone]
    table = excel_import.change_table(plan)
    assert table.iloc[0, 1] == "entfernt"  # removals head the preview
    before = excel_export.store_checksum(conn)
    with pytest.raises(InputError) as refused:
        excel_apply.apply_plan(conn, plan, EDITOR)
    assert refused.value.key == "import_removals_unconfirmed"
    assert excel_export.store_checksum(conn) == before
    result = excel_apply.apply_plan(conn, plan, EDITOR, allow_removals=True)
    assert result.applied and result.removed >= 1
    assert gone not in set(store.options(conn, "ozg")["id"])
    logged = audit.entries(conn)
    removal = logged[(logged["action"] == "remove") & (logged["entity_key"] == gone)]
    assert len(removal) == 1 and removal.iloc[0]["actor"] == "anna"
    editing.undo_entry(conn, EDITOR, int(removal.iloc[0]["id"]))
    assert gone in set(store.options(conn, "ozg")["id"])


def test_the_cli_lists_removals_first_and_wants_allow_removals(tmp_path, capsys) -> None:
    path = str(tmp_path / "s.duckdb")
    with seed.opened(path) as conn:
        data, gone = _without_option(conn)
    file = tmp_path / "weniger.xlsx"
    file.write_bytes(data)
    assert main(["--db", path, "import", str(file)]) == 2
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[1].endswith("– entfernt")  # removals first, right after the totals
    assert "--allow-removals" in captured.err
    with seed.opened(path, read_only=True) as conn:
        assert gone in set(store.options(conn, "ozg")["id"])
    assert main(["--db", path, "import", str(file), "--allow-removals"]) == 0
    with seed.opened(path, read_only=True) as conn:
        assert gone not in set(store.options(conn, "ozg")["id"])


def test_one_file_cannot_empty_the_other_areas(conn) -> None:
    """All six areas in scope with one option in total: refused, nothing removed."""
    sheets = xf.base_sheets(conn)
    sheets["Importumfang"] = [sheets["Importumfang"][0]] + [
        [slug, slug] for slug in store.area_slugs(conn)
    ]
    plan = excel_import.plan_import(conn, xf.build(sheets), "alles.xlsx")
    assert not plan.ok
    assert {i.key for i in plan.issues} >= {"rule_area_no_option"}
    assert all(i.sheet == "Optionen" for i in plan.issues if i.key.startswith("rule_"))


def test_a_dry_run_runs_the_real_apply_and_names_the_real_cause(conn) -> None:
    sheets = xf.base_sheets(conn)
    plan = excel_import.plan_import(conn, xf.build(sheets), "x.xlsx")
    assert plan.ok
    name = xf.column(sheets, "Optionen", "Name")
    sheets["Optionen"][1][name] = sheets["Optionen"][1][name] + " (neu)"
    plan = excel_import.plan_import(conn, xf.build(sheets), "neu.xlsx")
    assert plan.ok and not plan.is_noop
    before = excel_export.store_checksum(conn)
    version = store.data_version(conn)[0]
    dry = excel_apply.apply_plan(conn, plan, EDITOR, dry_run=True)
    assert not dry.applied and dry.changed == 1
    assert excel_export.store_checksum(conn) == before
    assert store.data_version(conn)[0] == version
    assert excel_apply.import_log(conn).empty
    # a plan that only the store refuses (CHECK length(trim(name)) > 0): the dry run finds it
    options = plan.result["options"].copy()
    options.loc[options.index[0], "name"] = "   "
    broken = dataclasses.replace(plan, result={**plan.result, "options": options})
    with pytest.raises(StoreError) as failed:
        excel_apply.apply_plan(conn, broken, EDITOR, dry_run=True)
    message = failed.value.message("de")
    assert "check" in message.lower() and "aborted" not in message, message
    assert excel_export.store_checksum(conn) == before


def test_a_name_of_spaces_is_refused_before_any_store_constraint(conn) -> None:
    sheets = xf.base_sheets(conn)
    sheets["Optionen"][1][xf.column(sheets, "Optionen", "Name")] = "   "
    plan = excel_import.plan_import(conn, xf.build(sheets), "leer.xlsx")
    assert "edit_required" in {i.key for i in plan.issues} or "import_required" in {
        i.key for i in plan.issues
    }


def test_the_cli_dry_run_applies_and_rolls_back(tmp_path, capsys) -> None:
    path = str(tmp_path / "s.duckdb")
    with seed.opened(path) as conn:
        sheets = xf.base_sheets(conn)
        before = excel_export.store_checksum(conn)
    name = xf.column(sheets, "Optionen", "Name")
    sheets["Optionen"][1][name] += " (neu)"
    file = tmp_path / "neu.xlsx"
    file.write_bytes(xf.build(sheets))
    assert main(["--db", path, "import", str(file), "--dry-run"]) == 0
    assert "zurückgerollt" in capsys.readouterr().out
    with seed.opened(path, read_only=True) as conn:
        assert excel_export.store_checksum(conn) == before
        assert pd.DataFrame(excel_apply.import_log(conn)).empty
