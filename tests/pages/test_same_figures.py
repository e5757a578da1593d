"""Issue 13: the benefit on the fixed scale is one number everywhere – the Übersicht card, the
Bereich table, the slides and the Excel ranking sheet show the same figure for each option."""

from __future__ import annotations

import io
from collections.abc import Callable

import openpyxl
from streamlit.testing.v1 import AppTest

from core import store, views
from core.excel import export as excel_export
from core.scoring import area_model
from core.scoring.weightset import WeightSet
from core.views import fmt

HEADER = "Nutzen (fester Maßstab, 0–100)"
WEIGHTS = {"w_cost": "20", "w_citizen_value": "60", "w_feasibility": "20"}


def test_benefit_is_the_same_on_every_surface(
    make_app: Callable[..., AppTest], models, app_db: str
) -> None:
    weights = WeightSet({"cost": 20, "citizen_value": 60, "feasibility": 20})
    ranking = area_model.rank_area(models["ozg"], weights)
    expected = {o: fmt.number(float(b), 1) for o, b in zip(ranking["option"], ranking["benefit"])}
    top = ranking["option"].iloc[0]

    area = make_app("pages/area.py", area="ozg", **WEIGHTS)
    captions = [views.md_unescape(c.value) for c in area.caption]  # names are escaped data
    line = next(c for c in captions if c.startswith("Nutzen auf festem Maßstab"))
    assert all(f"{option}: {value}" in line for option, value in expected.items())

    overview = make_app("pages/overview.py", **WEIGHTS)
    # a card's lines (lead, benefit, costs, stability) are one caption
    lines = [line for c in overview.caption for line in c.value.split("  \n")]
    assert f"Nutzen auf festem Maßstab (über Bereiche vergleichbar): {expected[top]} Punkte" in (
        lines
    )

    slides = make_app("pages/present.py", slide="ozg", **WEIGHTS)
    table = slides.table[0].value
    assert dict(zip(table["Option"], table[HEADER], strict=True)) == expected

    with store.connect(app_db) as conn:
        data = excel_export.area_workbook(
            conn, "ozg", excel_export.ExportRequest(weights, "wsm", 5, 0.009)
        )
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Ranking"]
    headers = [c.value for c in sheet[3]]
    column = headers.index(HEADER)
    option = headers.index("Option")
    cells = {
        row[option]: row[column]
        for row in sheet.iter_rows(min_row=4, values_only=True)
        if row[0] is not None
    }
    assert {o: fmt.number(float(v), 1) for o, v in cells.items()} == expected
