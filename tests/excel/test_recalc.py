"""The Rechenmodell recalculates in a real spreadsheet: LibreOffice headless computes every
formula, and the scores must equal the app's weighted sum to 1e-9 – also after a person
changes weights, horizon or rate in the yellow input cells.

Skipped only where LibreOffice is missing outside CI; under CI=true a missing soffice fails.
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import duckdb
import openpyxl

from core.excel import export as excel_export, model as excel_model
from core.scoring import area_model
from core.scoring.weightset import WeightSet

LABELS = {
    "homepage": "Homepage",
    "ozg": "OZG",
    "social-media": "Social Media",
    "city-app": "City App",
    "open-data": "Open Data",
    "gis": "GIS",
}
WEIGHTS = WeightSet(
    {"cost": 50, "citizen_value": 30, "feasibility": 20}, {"reach": 70, "risk": 40, "npv_cost": 10}
)


def recalculate(soffice: str, data: bytes, folder: Path) -> openpyxl.Workbook:
    """Let LibreOffice open, recalculate and save the workbook; return the computed values."""
    source = folder / "in" / "book.xlsx"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_bytes(data)
    out = folder / "out"
    profile = folder / "profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return openpyxl.load_workbook(out / "book.xlsx", data_only=True)


def model_rows(book: openpyxl.Workbook, sheet: str, n_criteria: int) -> dict[str, tuple]:
    """Option id → (utility, rank) from a recalculated Rechenmodell sheet."""
    ws = book[sheet]
    utility = excel_model.utility_column(n_criteria)
    rows = {}
    for values in ws.iter_rows(min_row=excel_model.FIRST_BODY_ROW, values_only=True):
        if values[0] is None:
            continue
        rows[values[0]] = (values[utility - 1], values[utility + 1])
    return rows


def test_formulas_give_the_app_scores_for_every_area(
    conn: duckdb.DuckDBPyConnection, soffice: str, tmp_path: Path
) -> None:
    request = excel_export.ExportRequest(WEIGHTS, "wsm", 5, 0.009)
    book = recalculate(soffice, excel_export.all_areas_workbook(conn, request), tmp_path)
    models = area_model.load_areas(conn, 5, 0.009)
    checked = 0
    for slug, label in LABELS.items():
        expected = area_model.rank_area(models[slug], WEIGHTS, "wsm").set_index("option_id")
        rows = model_rows(book, f"{label} Rechenmodell", len(models[slug].criteria))
        assert set(rows) == set(expected.index), slug
        for option, (utility, rank) in rows.items():
            assert isinstance(utility, float), (slug, option, utility)
            assert abs(utility - expected.at[option, "score"]) <= 1e-9, (slug, option)
            assert rank == expected.at[option, "rank"], (slug, option)
            checked += 1
    assert checked == sum(len(m.options) for m in models.values())


def _edit_inputs(data: bytes, sheet: str, values: dict[str, float]) -> bytes:
    """Change input cells the way a person would (then save)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    for address, value in values.items():
        book[sheet][address] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_changing_weights_in_excel_recomputes_the_ranking_as_core_predicts(
    conn: duckdb.DuckDBPyConnection, soffice: str, tmp_path: Path
) -> None:
    models = area_model.load_areas(conn, 5, 0.009)
    default = WeightSet()
    cost_only = WeightSet({"cost": 100, "citizen_value": 0, "feasibility": 0})
    slug = next(
        s
        for s, m in models.items()
        if area_model.rank_area(m, default)["option_id"].tolist()
        != area_model.rank_area(m, cost_only)["option_id"].tolist()
    )
    model = models[slug]
    data = excel_export.area_workbook(
        conn, slug, excel_export.ExportRequest(default, "wsm", 5, 0.009)
    )
    cells = excel_model.group_weight_cells()
    edited = _edit_inputs(
        data,
        "Rechenmodell",
        {cells["cost"]: 100, cells["citizen_value"]: 0, cells["feasibility"]: 0},
    )
    book = recalculate(soffice, edited, tmp_path)
    rows = model_rows(book, "Rechenmodell", len(model.criteria))
    expected = area_model.rank_area(model, cost_only).set_index("option_id")
    before = area_model.rank_area(model, default).set_index("option_id")
    assert {o: r for o, (_, r) in rows.items()} == expected["rank"].to_dict()
    assert expected["rank"].to_dict() != before["rank"].to_dict()
    for option, (utility, _) in rows.items():
        assert abs(utility - expected.at[option, "score"]) <= 1e-9


def test_changing_sub_weights_horizon_and_rate_in_excel(
    conn: duckdb.DuckDBPyConnection, soffice: str, tmp_path: Path
) -> None:
    slug = "ozg"
    data = excel_export.area_workbook(
        conn, slug, excel_export.ExportRequest(WeightSet(), "wsm", 5, 0.009)
    )
    keys = area_model.load_areas(conn, 5, 0.009)[slug].criteria["key"].tolist()
    within = dict(zip(keys, excel_model.within_weight_cells(len(keys)), strict=True))
    edits = {within["reach"]: 90, within["npv_cost"]: 5, "C4": 12, "C5": 0.035}
    book = recalculate(soffice, _edit_inputs(data, "Rechenmodell", edits), tmp_path)
    model = area_model.load_areas(conn, 12, 0.035)[slug]
    weights = WeightSet(within={"reach": 90, "npv_cost": 5})
    expected = area_model.rank_area(model, weights).set_index("option_id")
    rows = model_rows(book, "Rechenmodell", len(keys))
    for option, (utility, rank) in rows.items():
        assert abs(utility - expected.at[option, "score"]) <= 1e-9, option
        assert rank == expected.at[option, "rank"]
