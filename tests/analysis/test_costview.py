"""Cost view: NPV and savings against the status quo, the absolute citizen-value score, WiBe."""

from __future__ import annotations

import numpy as np
import pytest

from core.analysis import costview
from core.scoring import area_model, finance
from core.scoring.weightset import WeightSet
from tests.analysis_factory import make_model


@pytest.mark.parametrize(("horizon", "rate"), [(5, 0.009), (10, 0.033), (1, 0.0)])
def test_npv_and_savings_follow_the_settings(conn, horizon: int, rate: float) -> None:
    for model in area_model.load_areas(conn, 5, 0.009).values():
        view = costview.cost_view(model, WeightSet(), horizon, rate)
        npv = finance.npv_cost(
            model.options["investment"], model.options["annual_cost"], horizon, rate
        )
        assert view["npv_cost"].to_numpy() == pytest.approx(npv)
        status_quo = view[view["pathway"] == "status_quo"]
        assert len(status_quo) == 1
        assert status_quo["savings"].iloc[0] == 0.0
        assert status_quo["wibe_status"].iloc[0] == "baseline"
        baseline = status_quo["npv_cost"].iloc[0]
        assert view["savings"].to_numpy() == pytest.approx(baseline - view["npv_cost"].to_numpy())


def test_verdict_applies_the_wibe_rule_to_every_option(conn) -> None:
    for model in area_model.load_areas(conn, 5, 0.009).values():
        view = costview.cost_view(model, WeightSet(), 5, 0.009)
        for row in view[view["pathway"] != "status_quo"].itertuples(index=False):
            if row.savings > 0:
                assert row.wibe_status == "economic"
            elif round(row.qualitative_score, 1) >= costview.WIBE_THRESHOLD:  # as shown
                assert row.wibe_status == "justified_by_value"
            else:
                assert row.wibe_status == "not_justified"


@pytest.mark.parametrize(
    ("savings", "score", "expected"),
    [
        (1.0, 0.0, "economic"),
        (0.0, 50.0, "justified_by_value"),
        (-1e6, 49.9, "not_justified"),
        (-1e6, 49.99999999999999, "justified_by_value"),  # shown as 50,0: it is 50
        (-1e6, 49.94, "not_justified"),  # shown as 49,9
        (-1.0, 80.0, "justified_by_value"),
    ],
)
def test_wibe_status_cases(savings: float, score: float, expected: str) -> None:
    assert costview.wibe_status(savings, score, is_status_quo=False) == expected


def test_qualitative_score_uses_the_catalogue_range_not_the_area() -> None:
    groups = ["citizen_value", "citizen_value", "cost"]
    model = make_model(
        [[10, 0, 5], [0, 4, 5], [5, 4, 5]],
        groups,
        benefit=[True, False, False],
        ranges=[(0, 10), (0, 4), (0, 10)],
    )
    score = costview.qualitative_score(model, WeightSet())
    # Option 0: best on both citizen criteria (10 of 10 on a benefit, 0 of 4 on a cost one).
    assert score[0] == pytest.approx(100.0)
    # Option 1: worst on both.
    assert score[1] == pytest.approx(0.0)
    # Option 2: half way on the first, worst on the second; equal within weights.
    assert score[2] == pytest.approx(25.0)
    weighted = costview.qualitative_score(model, WeightSet(within={"c0": 3, "c1": 1}))
    assert weighted[2] == pytest.approx(37.5)


def test_area_without_status_quo_has_no_baseline() -> None:
    model = make_model(
        [[1, 2, 3], [3, 2, 1]], ["cost", "citizen_value", "feasibility"], annual=[100, 200]
    )
    model.options.loc[:, "pathway"] = "standard"
    view = costview.cost_view(model, WeightSet(), 5, 0.009)
    assert view["savings"].isna().all()
    assert set(view["wibe_status"]) == {"no_baseline"}


def test_empty_area_gives_an_empty_view() -> None:
    model = make_model(np.zeros((0, 3)), ["cost", "citizen_value", "feasibility"])
    assert costview.cost_view(model, WeightSet(), 5, 0.009).empty
