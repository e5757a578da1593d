"""Cross-tenant access: every public function that reads or writes a store, called across two
tenants, shows no leak.

The functions are enumerated from the ``__all__`` of every package that takes a store
connection (store, editing, analysis, scoring, excel): each public function whose first
parameter is ``conn``. The test fails if one of them is in neither ``READS`` nor ``WRITES``,
so a new store function cannot be forgotten here.

The two tenants are the shipped examples, "Mülheim an der Ruhr" (the full seed) and "Moers"
(two areas, its own rows), and their keys overlap on purpose (option ids such as
``open-data-ckan``, cost-line numbers, criteria, weight profiles). Every read of a tenant
equals the read of a single-city DuckDB store holding that tenant's seed, before and after
the other tenant's writes; every write of one tenant changes that tenant and leaves the other
tenant's tables row for row unchanged. Participant links and Excel workbooks are bound to
their tenant: a link or a workbook of one does not work in the other.
"""

from __future__ import annotations

import inspect
import io
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import openpyxl
import pandas as pd
import pytest

from core import analysis, editing, excel, scoring, store
from core.errors import CockpitError
from core.scoring import WeightSet
from core.store import pg, seed, tenants

PACKAGES: tuple[ModuleType, ...] = (store, editing, analysis, scoring, excel)
EDITOR = editing.Actor("anna", editing.EDITOR)
SECRET = b"a-link-secret-shared-by-both-tenants"
REQUEST = excel.ExportRequest(WeightSet(), "wsm", 5, 0.009)
MUELHEIM, MOERS = tenants.EXAMPLES["muelheim"], tenants.EXAMPLES["moers"]


def store_functions() -> set[str]:
    """``package.name`` of every public function whose first parameter is a connection."""
    found = set()
    for package in PACKAGES:
        for name in package.__all__:
            obj = getattr(package, name)
            if inspect.isfunction(obj):
                params = list(inspect.signature(obj).parameters)
                if params and params[0] == "conn":
                    found.add(f"{package.__name__.removeprefix('core.')}.{name}")
    return found


def _frame(value: pd.DataFrame) -> list[tuple]:
    return sorted(value.astype(str).itertuples(index=False, name=None))


def _strings(book: bytes) -> set[str]:
    """Every text cell of a workbook."""
    workbook = openpyxl.load_workbook(io.BytesIO(book), read_only=True)
    return {
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str)
    }


def _no_time(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.drop(columns=[c for c in ("created_at", "changed_at") if c in frame])


# A read returns a value that must equal the same read on a single-city DuckDB store with the
# tenant's seed; workbooks are compared by their text cells, which name every row.
READS: dict[str, Callable[[store.Connection], object]] = {
    "store.area_rows": lambda c: sorted(map(repr, store.area_rows(c))),
    "store.area_slugs": store.area_slugs,
    "store.areas": lambda c: _frame(store.areas(c)),
    "store.english_texts": lambda c: _frame(store.english_texts(c)),
    "store.assessments": lambda c: _frame(store.assessments(c)),
    "store.cited_rows": lambda c: _frame(store.cited_rows(c)),
    "store.cost_lines": lambda c: _frame(store.cost_lines(c)),
    "store.cost_totals": lambda c: _frame(store.cost_totals(c)),
    "store.criteria": lambda c: _frame(store.criteria(c)),
    "store.dangling_source_refs": lambda c: repr(store.dangling_source_refs(c)),
    "store.data_version": lambda c: store.data_version(c)[0],
    "store.estimate_share": lambda c: repr(store.estimate_share(c)),
    "store.is_current": store.is_current,
    "store.is_empty": store.is_empty,
    "store.options": lambda c: _frame(store.options(c, "open-data")),
    "store.require_area": lambda c: [_unknown(c, slug) for slug in ("open-data", "ozg", "gis")],
    "store.source_keys": lambda c: sorted(store.source_keys(c)),
    "store.sources": lambda c: _frame(store.sources(c)),
    "store.systems": lambda c: _frame(store.systems(c)),
    "store.weight_profiles": lambda c: _frame(_no_time(store.weight_profiles(c, None))),
    "editing.audit_actors": editing.audit_actors,
    "editing.audit_entries": lambda c: _frame(_no_time(editing.audit_entries(c))),
    "editing.edit_frame": lambda c: _frame(editing.edit_frame(c, "options", None)),
    "editing.list_profiles": lambda c: sorted(p.slug for p in editing.list_profiles(c, "scenario")),
    "editing.removed_rows": lambda c: len(editing.removed_rows(c)),
    "editing.adopted_options": lambda c: _frame(editing.adopted_options(c)),
    "editing.update_offers": lambda c: len(editing.update_offers(c)),
    "editing.publishable_options": lambda c: _frame(editing.publishable_options(c)),
    "analysis.stakeholder_profiles": lambda c: sorted(
        p.slug for p in analysis.stakeholder_profiles(c)
    ),
    "scoring.load_areas": lambda c: {
        area: (sorted(model.options["id"]), model.matrix.round(9).tolist())
        for area, model in scoring.load_areas(c, 5, 0.009).items()
    },
    "excel.all_areas_workbook": lambda c: sorted(
        _strings(excel.all_areas_workbook(c, REQUEST)) - _volatile(c)
    ),
    "excel.area_workbook": lambda c: sorted(
        _strings(excel.area_workbook(c, "open-data", REQUEST)) - _volatile(c)
    ),
    "excel.template_workbook": lambda c: sorted(_strings(excel.template_workbook(c))),
    "excel.import_log": lambda c: len(excel.import_log(c)),
    "excel.audit_table": lambda c: _frame(_no_time(excel.audit_table(c, editing.audit_entries(c)))),
    "excel.plan_import": lambda c: _own_plan(c).is_noop,
    "excel.preview_table": lambda c: len(excel.preview_table(c, _own_plan(c))),
}
# Reads checked by their own test below (values that differ per store by design).
BOUND = {"store.store_id", "editing.link_status", "editing.new_link_token"}
# The shared catalogue is read by every tenant on purpose: tests/store/test_reuse_tenants.py.
SHARED = {"editing.catalogue_entries", "editing.catalogue_entry", "editing.catalogue_is_shared"}
WRITES = {
    "store.bump_data_version",
    "store.door",
    "store.transaction",
    "store.load_seed",
    "store.close",
    "editing.add_cost_line",
    "editing.add_criterion",
    "editing.add_option",
    "editing.add_source",
    "editing.delete_scenario",
    "editing.remove_row",
    "editing.rename_scenario",
    "editing.revoke_links",
    "editing.save_edits",
    "editing.save_scenario",
    "editing.undo_entry",
    "analysis.save_stakeholder",
    "excel.apply_plan",
    "editing.publish_option",
    "editing.adopt_entry",
    "editing.decline_update",
    "editing.accept_update",
}


def _unknown(conn: store.Connection, slug: str) -> bool:
    """Whether the store refuses ``slug`` as an area."""
    try:
        store.require_area(conn, slug)
    except CockpitError:
        return True
    return False


def _volatile(conn: store.Connection) -> set[str]:
    """Workbook cells that name the store or the moment, not the data."""
    return {store.store_id(conn)}


def _own_plan(conn: store.Connection) -> excel.ImportPlan:
    """The store's own workbook, read back as an import plan (nothing to change)."""
    return excel.plan_import(conn, excel.area_workbook(conn, "open-data", REQUEST), "x.xlsx")


def snapshot(conn: store.Connection) -> dict[str, list[tuple]]:
    """Every row of every table of the connection's own schema."""
    names = conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        " AND table_type = 'BASE TABLE'"
    ).fetchall()
    return {
        name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)  # noqa: S608
        for (name,) in names
    }


@pytest.fixture
def two(pg_url: str, tmp_path: Path) -> Iterator[dict[str, store.Connection]]:
    """Tenants "Mülheim" and "Moers" (unique keys per test) with their shipped seeds."""
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


@pytest.fixture(scope="module")
def single_city() -> Iterator[dict[str, store.Connection]]:
    """DuckDB stores holding one example each: what each tenant must read."""
    conns = {}
    for key, example in (("a", MUELHEIM), ("b", MOERS)):
        conns[key] = store.connect(":memory:")
        seed.load_seed(conns[key], example.seed_dir)
    yield conns
    for conn in conns.values():
        conn.close()


def test_every_store_function_is_covered_here() -> None:
    functions = store_functions()
    assert len(functions) >= 40  # the enumeration sees the packages (an empty one proves nothing)
    assert functions == set(READS) | BOUND | SHARED | WRITES


def test_every_read_sees_its_own_tenant_only(two: dict, single_city: dict) -> None:
    differ = 0
    for name, read in READS.items():
        mine, theirs = read(two["a"]), read(two["b"])
        assert mine == read(single_city["a"]), f"Mülheim: {name}"
        assert theirs == read(single_city["b"]), f"Moers: {name}"
        differ += mine != theirs
    assert differ >= 15  # the tenants hold different data: equal reads would prove nothing
    assert store.area_slugs(two["b"]) == ["open-data", "city-app"]


def _edit(conn: store.Connection, option: str, **changes: object) -> editing.RowEdit:
    from core.editing.edits import current_row

    row = current_row(conn, "options", (option,))
    assert row is not None
    return editing.RowEdit("options", (option,), dict(row), changes)


def _in_door(conn: store.Connection) -> None:
    with store.door(conn):
        store.bump_data_version(conn)


def _in_transaction(conn: store.Connection) -> None:
    with store.transaction(conn):
        conn.execute("UPDATE meta SET value = ? WHERE key = 'data_date'", ["2030-01-01"])


def _closed_cursor(conn: store.Connection) -> None:
    cursor = conn.cursor()
    cursor.execute("UPDATE meta SET value = ? WHERE key = 'data_date'", ["2031-01-01"])
    store.close(cursor)


def _import(conn: store.Connection) -> None:
    book = openpyxl.load_workbook(io.BytesIO(excel.area_workbook(conn, "open-data", REQUEST)))
    sheet = book["Optionen"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(2, header.index("Partner") + 1).value = "Anderer Partner (Import)"
    out = io.BytesIO()
    book.save(out)
    plan = excel.plan_import(conn, out.getvalue(), "mandant.xlsx")
    assert plan.ok and plan.changes, plan.issues
    assert excel.apply_plan(conn, plan, EDITOR).applied


def _own_entry(conn: store.Connection) -> int:
    (entry,) = [
        e for e in editing.catalogue_entries(conn) if e.own and e.option_key == "open-data-kdn"
    ]
    return entry.id


def _correct_then(conn: store.Connection, decide: Callable[..., object]) -> None:
    """The publisher corrects its option; the adopted copy's update is decided."""
    partner = f"Partner {store.data_version(conn)[0]}"
    editing.save_edits(conn, EDITOR, [_edit(conn, "open-data-kdn", partner=partner)])
    editing.publish_option(conn, EDITOR, "open-data-kdn")
    (offer,) = editing.update_offers(conn)
    decide(conn, EDITOR, offer.option_id)


def test_every_write_stays_in_its_own_tenant(two: dict, single_city: dict) -> None:
    mine, other = two["a"], two["b"]
    line = mine.execute("SELECT min(id) FROM cost_lines").fetchone()[0]
    # the same cost-line number exists in the other tenant: a leak would hit it
    assert other.execute("SELECT count(*) FROM cost_lines WHERE id = ?", [line]).fetchone()[0]
    criteria = store.criteria(mine)
    weights = WeightSet({"cost": 60, "citizen_value": 20, "feasibility": 20})
    writes: dict[str, Callable[[], object]] = {
        "store.bump_data_version": lambda: _in_door(mine),
        "store.door": lambda: _in_door(mine),
        "store.transaction": lambda: _in_transaction(mine),
        "store.close": lambda: _closed_cursor(mine),
        "editing.save_edits": lambda: editing.save_edits(
            mine, EDITOR, [_edit(mine, "open-data-ckan", name="CKAN (geändert)")]
        ),
        "editing.add_option": lambda: editing.add_option(
            mine,
            EDITOR,
            {"area": "open-data", "name": "Nur hier", "pathway": "standard", "source": "kdn"},
        ),
        "editing.add_cost_line": lambda: editing.add_cost_line(
            mine,
            EDITOR,
            {
                "option_id": "open-data-ckan",
                "item": "Schulung",
                "investment_eur": 1000,
                "annual_cost_eur": 0,
                "staff_fte": 0,
                "source": "kdn",
            },
        ),
        "editing.add_criterion": lambda: editing.add_criterion(
            mine,
            EDITOR,
            {
                "label_de": "Datenschutz",
                "grp": "feasibility",
                "direction": "benefit",
                "min_value": 0,
                "max_value": 10,
                "default_weight": 10,
            },
        ),
        "editing.add_source": lambda: editing.add_source(
            mine, EDITOR, {"title": "Ratsvorlage", "address": "https://example.org/vorlage"}
        ),
        "editing.remove_row": lambda: editing.remove_row(mine, EDITOR, "cost_lines", line),
        "editing.undo_entry": lambda: editing.undo_entry(
            mine, EDITOR, int(mine.execute("SELECT max(id) FROM audit_log").fetchone()[0])
        ),
        "editing.save_scenario": lambda: editing.save_scenario(
            mine, EDITOR, "Sparkurs", weights, criteria
        ),
        "editing.rename_scenario": lambda: editing.rename_scenario(
            mine, EDITOR, "sparkurs", "Sparkurs 2"
        ),
        "editing.delete_scenario": lambda: editing.delete_scenario(mine, EDITOR, "sparkurs"),
        "analysis.save_stakeholder": lambda: analysis.save_stakeholder(
            mine, EDITOR, "Fraktion A", weights, criteria
        ),
        "editing.revoke_links": lambda: editing.revoke_links(mine, EDITOR, "fraktion-a"),
        "excel.apply_plan": lambda: _import(mine),
        "editing.publish_option": lambda: editing.publish_option(mine, EDITOR, "open-data-kdn"),
        "editing.adopt_entry": lambda: editing.adopt_entry(mine, EDITOR, _own_entry(mine)),
        "editing.decline_update": lambda: _correct_then(mine, editing.decline_update),
        "editing.accept_update": lambda: _correct_then(mine, editing.accept_update),
        "store.load_seed": lambda: seed.load_seed(mine, MUELHEIM.seed_dir, reset=True),
    }
    assert set(writes) == WRITES
    before = snapshot(other)
    reads_before = {name: read(other) for name, read in READS.items()}
    changed = snapshot(mine)
    for name, write in writes.items():
        write()
        assert snapshot(other) == before, name
        now = snapshot(mine)
        assert now != changed, f"{name} wrote nothing: the check would prove nothing"
        changed = now
    for name, read in READS.items():  # and the other tenant still reads its own seed
        assert read(other) == reads_before[name] == read(single_city["b"]), name


def test_links_and_workbooks_are_bound_to_their_tenant(two: dict) -> None:
    mine, other = two["a"], two["b"]
    assert store.store_id(mine) and store.store_id(other)
    assert store.store_id(mine) != store.store_id(other)
    now = time.time()
    token = editing.new_link_token(mine, SECRET, "fraktion-a", now=now)
    assert editing.link_status(mine, SECRET, "fraktion-a", token, now=now) == editing.LINK_VALID
    # the same participant key, the same secret: the link of one tenant opens nothing in the other
    assert editing.link_status(other, SECRET, "fraktion-a", token, now=now) == editing.LINK_INVALID
    theirs = editing.new_link_token(other, SECRET, "fraktion-a", now=now)
    assert editing.link_status(other, SECRET, "fraktion-a", theirs, now=now) == editing.LINK_VALID
    assert editing.link_status(mine, SECRET, "fraktion-a", theirs, now=now) == editing.LINK_INVALID
    # a workbook exported by one tenant is refused by the other (both have "open-data")
    book = excel.area_workbook(mine, "open-data", REQUEST)
    assert excel.plan_import(mine, book, "x.xlsx").ok
    foreign = excel.plan_import(other, book, "x.xlsx")
    assert not foreign.ok and not foreign.changes
