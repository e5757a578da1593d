"""The one write door: every function in core that writes to the store is found by reading the
source, and each one is shown to be behind the door – a viewer calling any public write
function directly is refused and the store is unchanged, and every helper that writes rows
refuses to run outside the door's transaction."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from core import editing, excel, store
from core.analysis import stakeholders
from core.editing import audit, english, links, reuse, rows, scenarios
from core.excel import apply as excel_apply, export as excel_export, importer as excel_import
from core.scoring.weightset import WeightSet

CORE = Path(__file__).resolve().parents[2] / "core"
WRITE_SQL = re.compile(
    r"\b(INSERT\s+INTO|UPDATE\s+\"?\w+\"?\s+(\w+\s+)?SET|DELETE\s+FROM|DROP\s+TABLE|"
    r"CREATE\s+(TEMP\s+)?TABLE|ALTER\s+TABLE)",
)
# Bootstrap of an empty store (migrations, seed) runs before any actor exists: the only
# writers outside the door, by design. Everything else must be listed below.
# Migrations (core.store.migrations and every core.store.migration_* module) write before any
# actor exists; so do the seed and the table rebuild the migrations use.
MIGRATION_PREFIX = "core.store.migration"
BOOTSTRAP_MODULES = {
    "core.store.rebuild",
    "core.store.seed",
    "core.store.connection",  # raise_version (seed); bump_data_version requires the door
    "core.store.tenants",  # create: a new tenant's empty schema and registry row (PostgreSQL)
}


def _module(path: Path) -> str:
    return ".".join(path.relative_to(CORE.parent).with_suffix("").parts)


def _calls(node: ast.AST, name: str) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call):
            func = sub.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called == name:
                return True
    return False


def store_writers() -> dict[str, tuple[ast.FunctionDef, list[ast.FunctionDef]]]:
    """Every function whose body holds write SQL: qualified name → (function, its parents)."""
    found: dict[str, tuple[ast.FunctionDef, list[ast.FunctionDef]]] = {}
    for path in sorted(CORE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module = _module(path)

        def visit(node: ast.AST, parents: list[ast.FunctionDef], module: str = module) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                    visit(child, [*parents, child])
                    continue
                if (
                    isinstance(child, ast.Constant)
                    and isinstance(child.value, str)
                    and WRITE_SQL.search(child.value)
                    and parents
                ):
                    name = ".".join([module, *(p.name for p in parents)])
                    found[name] = (parents[-1], parents[:-1])
                visit(child, parents)

        visit(tree, [])
    return found


def test_every_store_writer_is_behind_the_door() -> None:
    """A writer is a door closure (``work`` passed to audited_write), guards itself with
    ``require_door``, or belongs to the bootstrap (migrations, seed)."""
    writers = store_writers()
    assert len(writers) >= 15  # the scan sees the writers (a scan that finds none proves nothing)
    unguarded = []
    for name, (function, parents) in writers.items():
        module = name.rsplit(".", len(parents) + 1)[0]
        if module in BOOTSTRAP_MODULES or module.startswith(MIGRATION_PREFIX):
            continue
        if _calls(function, "require_door"):
            continue
        if parents and _calls(parents[0], "audited_write"):
            continue  # a closure run by the door
        unguarded.append(name)
    assert unguarded == []


def test_the_scan_finds_a_writer_that_bypasses_the_door(tmp_path, monkeypatch) -> None:
    """The scan itself can fail: a function with an INSERT and no door is reported."""
    source = 'def sneaky(conn):\n    conn.execute("INSERT INTO options VALUES (1)")\n'
    tree = ast.parse(source)
    function = tree.body[0]
    assert WRITE_SQL.search(function.body[0].value.args[0].value)
    assert not _calls(function, "require_door") and not _calls(function, "audited_write")


# --- the helpers refuse to run outside the door -----------------------------------------------


def _table_contents(conn: store.Connection) -> dict[str, list[tuple]]:
    """Every row of every table of the store's own schema (both back-ends)."""
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            " AND table_catalog = current_database() AND table_type = 'BASE TABLE'"
        ).fetchall()
    ]
    assert {"options", "audit_log", "meta"} <= set(tables)
    return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}  # noqa: S608


def test_row_writing_helpers_refuse_outside_the_door(conn) -> None:
    import datetime as dt

    import pandas as pd

    before = _table_contents(conn)
    when = dt.datetime(2026, 1, 1)
    helpers: dict[str, Callable[[], object]] = {
        "core.store.connection.bump_data_version": lambda: store.bump_data_version(conn),
        "core.editing.audit.record": lambda: audit.record(
            conn, editing.Actor("x", editing.EDITOR), [audit.Entry("add", "options", "x")], 1, when
        ),
        "core.editing.rows.fill_placeholders": lambda: rows.fill_placeholders(conn, when),
        "core.editing.scenarios._write_weights": lambda: scenarios._write_weights(
            conn, "x", WeightSet()
        ),
        "core.editing.scenarios._write_area_weights": lambda: scenarios._write_area_weights(
            conn, "x", {"ozg": 2}
        ),
        "core.editing.scenarios._revive": lambda: scenarios._revive(conn, "stakeholder", "x"),
        "core.editing.links.revoke_entries": lambda: links.revoke_entries(conn, "x", when),
        "core.excel.apply._rebuild": lambda: excel_apply._rebuild(conn, {}, when),
        "core.excel.apply._keep": lambda: excel_apply._keep(conn, "options", pd.DataFrame(), when),
        "core.editing.reuse._import_sources": lambda: reuse._import_sources(
            conn, [{"id": "neu", "title": "T"}]
        ),
        "core.editing.reuse._insert_cost_line": lambda: reuse._insert_cost_line(
            conn, "x", {"item": "I", "source": ""}, {}
        ),
        "core.editing.reuse._insert_assessment": lambda: reuse._insert_assessment(
            conn, "x", {"criterion": "risk", "source": "", "assessed_on": "2026-01-01"}, {}
        ),
        "core.excel.apply._stage": lambda: excel_apply._stage(
            conn, "import_keys", pd.DataFrame({"k": ["x"]})
        ),
        "core.excel.apply._unregister": lambda: excel_apply._unregister(conn, "import_keys"),
        "core.editing.english.write": lambda: english.write(
            conn, "options", "x", {"id": "x", "name": "N"}, {"name_en": "E"}
        ),
        "core.excel.apply._insert_frame": lambda: excel_apply._insert_frame(
            conn, "options", pd.DataFrame({"id": ["x"]}), ["id"]
        ),
    }
    guarded = {
        name
        for name, (function, parents) in store_writers().items()
        if not parents and _calls(function, "require_door")
    }
    # a new guarded helper needs its line here (bump_data_version writes via raise_version)
    assert guarded == set(helpers) - {"core.store.connection.bump_data_version"}
    for name, call in helpers.items():
        with pytest.raises(store.OutsideDoorError):
            call()
        assert _table_contents(conn) == before, name


# --- a viewer calling every public write function directly ------------------------------------


def door_callers() -> set[str]:
    """Public functions (not closures) that open the door: they call audited_write."""
    names = set()
    for name, (_function, parents) in store_writers().items():
        if parents and _calls(parents[0], "audited_write"):
            module = name.rsplit(".", len(parents) + 1)[0]
            names.add(f"{module}.{parents[0].name}")
    names.add("core.excel.apply.apply_plan")  # opens the door around _rebuild
    return names


@pytest.fixture
def a_plan(conn) -> excel_import.ImportPlan:
    export = excel_export.area_workbook(
        conn, "ozg", excel_export.ExportRequest(WeightSet(), "wsm", 5, 0.009)
    )
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(export))
    book["Optionen"].cell(2, 6).value = "Anderer Partner"
    out = io.BytesIO()
    book.save(out)
    plan = excel_import.plan_import(conn, out.getvalue(), "x.xlsx")
    assert plan.ok and plan.changes
    return plan


@pytest.mark.parametrize(
    "who",
    [editing.Actor.viewer(), None, "anna", editing.Actor("p", editing.PARTICIPANT, "other")],
    ids=["viewer", "none", "plain-name", "participant-of-another-profile"],
)
def test_a_viewer_calling_every_write_function_is_refused(conn, a_plan, who) -> None:
    option = conn.execute("SELECT id FROM options ORDER BY id LIMIT 1").fetchone()[0]
    line = conn.execute("SELECT id FROM cost_lines ORDER BY id LIMIT 1").fetchone()[0]
    criteria = store.criteria(conn)
    calls: dict[str, Callable[[], object]] = {
        "core.editing.edits.save_edits": lambda: editing.save_edits(
            conn, who, [editing.RowEdit("options", (option,), {}, {"partner": "X"})]
        ),
        "core.editing.rows.add_option": lambda: editing.add_option(
            conn, who, {"area": "ozg", "name": "N", "pathway": "standard", "source": "S"}
        ),
        "core.editing.rows.add_criterion": lambda: editing.add_criterion(
            conn,
            who,
            {
                "label_de": "K",
                "grp": "feasibility",
                "direction": "benefit",
                "min_value": 0,
                "max_value": 10,
                "default_weight": 10,
            },
        ),
        "core.editing.rows.add_cost_line": lambda: editing.add_cost_line(
            conn, who, {"option_id": option, "item": "I", "source": "S"}
        ),
        "core.editing.rows.add_source": lambda: editing.add_source(
            conn, who, {"title": "Quelle", "address": "https://example.org/q"}
        ),
        "core.editing.rows.remove": lambda: editing.remove_row(conn, who, "cost_lines", line),
        "core.editing.rows.undo": lambda: editing.undo_entry(conn, who, 1),
        "core.editing.scenarios.save": lambda: editing.save_scenario(
            conn, who, "Szenario", WeightSet(), criteria
        ),
        "core.editing.scenarios.rename": lambda: editing.rename_scenario(conn, who, "x", "y"),
        "core.editing.scenarios.delete": lambda: editing.delete_scenario(conn, who, "x"),
        "core.excel.apply.apply_plan": lambda: excel.apply_plan(conn, a_plan, who),
        "core.editing.reuse.publish": lambda: editing.publish_option(conn, who, option),
        "core.editing.reuse.adopt": lambda: editing.adopt_entry(conn, who, 1),
        "core.editing.reuse.accept": lambda: editing.accept_update(conn, who, option),
        "core.editing.reuse.decline": lambda: editing.decline_update(conn, who, option),
        "stakeholders.save": lambda: stakeholders.save(
            conn, who, "Fraktion", WeightSet(), criteria, slug="fraktion"
        ),
    }
    assert door_callers() <= set(calls)  # every door caller is exercised here
    before = _table_contents(conn)
    for name, call in calls.items():
        with pytest.raises(editing.PermissionDeniedError):
            call()
        assert _table_contents(conn) == before, name
