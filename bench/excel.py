"""Excel export and import: the seed data, and a synthetic store with 10,000 options.

Targets (issue 4): all areas from the seed data under 1 s; 10,000 options under 10 s for the
export and for the import (read, validate, preview and apply).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

import duckdb
import numpy as np
import pandas as pd

from core import editing, store
from core.excel import apply as excel_apply, export as excel_export, importer as excel_import
from core.scoring.weightset import WeightSet
from core.store import seed

Timer = Callable[[Callable[[], object]], float]
REQUEST = excel_export.ExportRequest(WeightSet(), "wsm", 5, 0.009)


def seeded() -> duckdb.DuckDBPyConnection:
    """An in-memory store with the seed data."""
    conn = store.connect(":memory:")
    seed.load_seed(conn)
    return conn


def reference_only() -> duckdb.DuckDBPyConnection:
    """A store with the seed's areas and criteria, but no systems, options or values."""
    conn = store.connect(":memory:")
    frames = seed.read_seed()
    for table in ("areas", "criteria"):
        conn.register("bench_frame", frames[table])
        columns = ", ".join(frames[table].columns)
        conn.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM bench_frame")  # noqa: S608
        conn.unregister("bench_frame")
    return conn


def synthetic_store(
    n_options: int, seed_value: int = 7, path: str = ":memory:"
) -> duckdb.DuckDBPyConnection:
    """The seed's areas and criteria with ``n_options`` generated options (spread over the
    areas), one system per 50 options, two cost lines per option and every assessment; in
    memory or in the store file ``path``."""
    rng = np.random.default_rng(seed_value)
    conn = store.connect(path)
    frames = seed.read_seed()
    areas = frames["areas"]["slug"].tolist()
    criteria = frames["criteria"]
    assessed = criteria[criteria["derived_from"].isna()]
    option_area = [areas[i % len(areas)] for i in range(n_options)]
    n_systems = max(len(areas), n_options // 50)
    systems = pd.DataFrame(
        {
            "id": [f"sys-{i}" for i in range(n_systems)],
            "area": [areas[i % len(areas)] for i in range(n_systems)],
            "name": [f"System {i}" for i in range(n_systems)],
            "kind": ["in_house"] * n_systems,
            "operator": ["Amt 62"] * n_systems,
            "annual_cost_eur": rng.integers(1_000, 500_000, n_systems).astype(float),
            "reach_value": rng.integers(100, 50_000, n_systems).astype(float),
            "reach_unit": ["Aufrufe/Tag"] * n_systems,
            "in_use_since": rng.integers(1995, 2024, n_systems),
            "notes": ["synthetisch"] * n_systems,
            "source": ["Benchmark (synthetisch)"] * n_systems,
            "is_estimate": [False] * n_systems,
            "estimate_reason": [""] * n_systems,
        }
    )
    pathways = ("status_quo", "standard", "best_practice", "joint_kdn")
    options = pd.DataFrame(
        {
            "id": [f"opt-{i}" for i in range(n_options)],
            "area": option_area,
            "replaces_system": [
                f"sys-{i % n_systems}" if i % n_systems < n_systems else None
                for i in range(n_options)
            ],
            "pathway": [pathways[i % 4] for i in range(n_options)],
            "name": [f"Option {i}" for i in range(n_options)],
            "partner": ["KDN"] * n_options,
            "description": ["Synthetische Option für den Benchmark."] * n_options,
            "source": ["Benchmark (synthetisch)"] * n_options,
        }
    )
    # replaces_system must be in the same area only by convention; any existing id is valid
    lines = pd.DataFrame(
        {
            "option_id": np.repeat(options["id"].to_numpy(), 2),
            "item": ["Einführung", "Betrieb"] * n_options,
            "investment_eur": rng.integers(0, 300_000, 2 * n_options).astype(float),
            "annual_cost_eur": rng.integers(0, 100_000, 2 * n_options).astype(float),
            "staff_fte": rng.integers(0, 8, 2 * n_options) / 2,
            "source": ["Benchmark (synthetisch)"] * (2 * n_options),
            "is_estimate": [True] * (2 * n_options),
            "estimate_reason": ["Schätzung: synthetisch"] * (2 * n_options),
        }
    )
    keys = assessed["key"].tolist()
    low = dict(zip(assessed["key"], assessed["min_value"], strict=True))
    high = dict(zip(assessed["key"], assessed["max_value"], strict=True))
    option_ids = np.repeat(options["id"].to_numpy(), len(keys))
    criterion = np.tile(np.array(keys, dtype=object), n_options)
    values = [float(rng.integers(int(low[k]), int(high[k]) + 1)) for k in criterion]
    assessments = pd.DataFrame(
        {
            "option_id": option_ids,
            "criterion": criterion,
            "value": values,
            "rationale": ["Synthetische Bewertung."] * len(values),
            "source": ["Benchmark (synthetisch)"] * len(values),
            "is_estimate": [False] * len(values),
            "estimate_reason": [""] * len(values),
            "assessed_on": [dt.date(2026, 1, 1)] * len(values),
        }
    )
    tables = {
        "areas": frames["areas"],
        "criteria": frames["criteria"],
        "systems": systems,
        "options": options,
        "cost_lines": lines,
        "assessments": assessments,
    }
    conn.execute("BEGIN TRANSACTION")
    for table, frame in tables.items():
        conn.register("bench_frame", frame)
        columns = ", ".join(frame.columns)
        conn.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM bench_frame")  # noqa: S608
        conn.unregister("bench_frame")
    store.bump_data_version(conn)
    conn.execute("COMMIT")
    return conn


def _once(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def run(timer: Timer) -> list[dict[str, object]]:
    results: list[dict[str, object]] = []
    conn = seeded()
    results.append(
        {
            "name": "excel export one area (seed)",
            "value": timer(lambda: excel_export.area_workbook(conn, "ozg", REQUEST)),
            "unit": "ms",
        }
    )
    results.append(
        {
            "name": "excel export all areas (seed; target < 1000)",
            "value": timer(lambda: excel_export.all_areas_workbook(conn, REQUEST)),
            "unit": "ms",
        }
    )
    workbook = excel_export.all_areas_workbook(conn, REQUEST)
    results.append(
        {
            "name": "excel import plan all areas (seed)",
            "value": timer(lambda: excel_import.plan_import(conn, workbook, "all.xlsx")),
            "unit": "ms",
        }
    )
    big = synthetic_store(10_000)
    holder: dict[str, bytes] = {}

    def export_big() -> None:
        holder["file"] = excel_export.all_areas_workbook(big, REQUEST)

    results.append(
        {
            "name": "excel export 10000 options (target < 10000)",
            "value": _once(export_big),
            "unit": "ms",
        }
    )

    target = reference_only()

    def import_big() -> None:
        # into a store with areas and criteria only: every row is added and written
        plan = excel_import.plan_import(target, holder["file"], "big.xlsx")
        if not plan.ok:
            raise RuntimeError(plan.issues[0].line())
        excel_apply.apply_plan(target, plan, editing.Actor("bench", editing.EDITOR))

    results.append(
        {
            "name": "excel import 10000 options, check+apply (target < 10000)",
            "value": _once(import_big),
            "unit": "ms",
        }
    )
    return results
