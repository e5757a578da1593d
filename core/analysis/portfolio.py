"""Budget portfolio: one option per review area, the best total value within the budgets.

The value of an option is either its total score in its area (points out of 100 under the
current weighting and method) or its citizen value (the citizen-value group index, 0–100).
Budgets: a one-off investment budget and/or an annual operating budget (the sum of the chosen
options' annual cost), each optional. Areas can be pinned to one option or excluded.

The optimisation is the exact multiple-choice knapsack of :mod:`core.analysis.knapsack`.
A budget that no set of options fits is a normal result (``feasible=False`` with the
cheapest possible totals), not an exception; invalid input (negative budget, unknown area) raises.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.analysis import knapsack
from core.analysis.summaries import group_index
from core.errors import InputError, NotFoundError
from core.scoring.area_model import AreaModel, rank_area
from core.scoring.weightset import WeightSet

OBJECTIVES: tuple[str, ...] = ("score", "citizen_value")
ITEM_COLUMNS = ["area", "option_id", "option", "pathway", "value", "investment", "annual_cost"]
BUDGET_DIMENSIONS = {"investment": "investment", "annual": "annual_cost"}
CURVE_STATE_LIMIT = 200_000
CURVE_GRID = 41


@dataclass(frozen=True)
class PortfolioResult:
    """The chosen option per included area and the totals; ``feasible`` False if none fits."""

    feasible: bool
    choices: pd.DataFrame
    total_value: float
    total_investment: float
    total_annual: float
    budget_investment: float | None
    budget_annual: float | None
    min_investment: float
    min_annual: float
    excluded: tuple[str, ...]

    def to_json_dict(self) -> dict[str, object]:
        """Plain-JSON view for the CLI."""
        return {
            "feasible": self.feasible,
            "budget_investment": self.budget_investment,
            "budget_annual": self.budget_annual,
            "choices": [
                {
                    "area": r.area,
                    "option_id": r.option_id,
                    "option": r.option,
                    "pathway": r.pathway,
                    "value": round(float(r.value), 6),
                    "investment": float(r.investment),
                    "annual_cost": float(r.annual_cost),
                }
                for r in self.choices.itertuples(index=False)
            ],
            "totals": {
                "value": round(self.total_value, 6),
                "investment": self.total_investment,
                "annual_cost": self.total_annual,
            },
            "cheapest_possible": {
                "investment": self.min_investment,
                "annual_cost": self.min_annual,
            },
            "excluded": list(self.excluded),
        }


def portfolio_items(
    models: Mapping[str, AreaModel],
    weights: WeightSet,
    method: str = "wsm",
    objective: str = "score",
    rankings: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """One row per option of every area: its value under ``objective`` and its costs.

    ``rankings`` (per area, as from :func:`rank_area` under the same weights and method) are
    reused instead of ranking again, e.g. those the overview has just computed.
    """
    if objective not in OBJECTIVES:
        raise InputError(
            "portfolio_bad_objective", objective=objective, allowed=", ".join(OBJECTIVES)
        )
    frames = []
    for slug, model in models.items():
        if len(model.options) == 0:
            continue
        if objective == "score":
            ranking = rankings[slug] if rankings is not None else rank_area(model, weights, method)
            score_of = dict(zip(ranking["option_id"], ranking["score"]))
            value = np.array([score_of[o] for o in model.options["id"]], dtype=float) * 100
        else:
            value = group_index(model, weights, "citizen_value")
        frames.append(
            pd.DataFrame(
                {
                    "area": slug,
                    "option_id": model.options["id"].to_numpy(),
                    "option": model.options["name"].to_numpy(),
                    "pathway": model.options["pathway"].to_numpy(),
                    "value": np.asarray(value, dtype=float),
                    "investment": model.options["investment"].to_numpy(dtype=float),
                    "annual_cost": model.options["annual_cost"].to_numpy(dtype=float),
                }
            )
        )
    if not frames:
        return pd.DataFrame(columns=ITEM_COLUMNS)
    return pd.concat(frames, ignore_index=True)


def _budget(value: float | None, name: str) -> float:
    """A budget as a float (∞ for None); negative, NaN or infinite input raises."""
    if value is None:
        return math.inf
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError("budget_not_number", budget=name, value=value) from None
    if not math.isfinite(number):
        raise InputError("budget_not_number", budget=name, value=value)
    if number < 0:
        raise InputError("budget_negative", budget=name, value=number)
    return number


def _groups(
    items: pd.DataFrame, pinned: Mapping[str, str], excluded: Collection[str]
) -> tuple[list[str], list[pd.DataFrame]]:
    """Included areas (in order) and their candidate rows, after pins and exclusions."""
    areas = list(dict.fromkeys(items["area"]))
    for area in [*pinned, *excluded]:
        if area not in areas:
            raise NotFoundError("unknown_area", area=area, allowed=", ".join(areas))
    both = sorted(set(pinned) & set(excluded))
    if both:
        raise InputError("portfolio_pin_and_exclude", area=both[0])
    included, groups = [], []
    for area in areas:
        if area in excluded:
            continue
        rows = items[items["area"] == area]
        if area in pinned:
            rows = rows[rows["option_id"] == pinned[area]]
            if rows.empty:
                raise NotFoundError("portfolio_unknown_option", option=pinned[area], area=area)
        included.append(area)
        groups.append(rows)
    return included, groups


def _arrays(groups: list[pd.DataFrame], column: str) -> list[np.ndarray]:
    return [g[column].to_numpy(dtype=float) for g in groups]


def solve(
    items: pd.DataFrame,
    budget_investment: float | None = None,
    budget_annual: float | None = None,
    pinned: Mapping[str, str] | None = None,
    excluded: Collection[str] = (),
    *,
    exhaustive: bool = False,
) -> PortfolioResult:
    """The best set of options (one per included area) within the budgets.

    ``exhaustive=True`` tries every combination instead of the DP (the reference in tests).
    """
    b_inv = _budget(budget_investment, "budget-invest")
    b_ann = _budget(budget_annual, "budget-annual")
    pinned = dict(pinned or {})
    included, groups = _groups(items, pinned, excluded)
    invest, annual, value = (
        _arrays(groups, "investment"),
        _arrays(groups, "annual_cost"),
        _arrays(groups, "value"),
    )
    run = knapsack.solve_exhaustive if exhaustive else knapsack.solve
    found = run(invest, annual, value, b_inv, b_ann)
    min_inv = float(sum(c.min() for c in invest))
    min_ann = float(sum(c.min() for c in annual))
    excluded_areas = tuple(a for a in dict.fromkeys(items["area"]) if a not in included)
    if found is None:
        return PortfolioResult(
            False, pd.DataFrame(columns=ITEM_COLUMNS), 0.0, 0.0, 0.0,
            budget_investment, budget_annual, min_inv, min_ann, excluded_areas,
        )  # fmt: skip
    picks, total = found
    choices = pd.DataFrame(
        [g.iloc[i] for g, i in zip(groups, picks, strict=True)], columns=ITEM_COLUMNS
    ).reset_index(drop=True)
    return PortfolioResult(
        feasible=True,
        choices=choices,
        total_value=float(total),
        total_investment=float(choices["investment"].sum()),
        total_annual=float(choices["annual_cost"].sum()),
        budget_investment=budget_investment,
        budget_annual=budget_annual,
        min_investment=min_inv,
        min_annual=min_ann,
        excluded=excluded_areas,
    )


def efficiency_curve(
    items: pd.DataFrame,
    along: str = "investment",
    other_budget: float | None = None,
    pinned: Mapping[str, str] | None = None,
    excluded: Collection[str] = (),
) -> pd.DataFrame:
    """Best total value for every budget ``along`` one dimension, the other budget fixed.

    One row per step of the curve: ``budget`` is the smallest budget at which ``value``
    becomes reachable, ``exact`` says the steps are exact breakpoints (False: the curve was
    sampled at :data:`CURVE_GRID` budgets because the state set grew too large), and one
    column per included area names the chosen option id. Empty if nothing fits.
    """
    if along not in BUDGET_DIMENSIONS:
        raise InputError(
            "portfolio_bad_dimension", along=along, allowed=", ".join(BUDGET_DIMENSIONS)
        )
    other_name = "annual" if along == "investment" else "investment"
    other_flag = "budget-annual" if along == "investment" else "budget-invest"
    b_other = _budget(other_budget, other_flag)
    included, groups = _groups(items, dict(pinned or {}), excluded)
    cost = _arrays(groups, BUDGET_DIMENSIONS[along])
    other = _arrays(groups, BUDGET_DIMENSIONS[other_name])
    value = _arrays(groups, "value")
    if not math.isfinite(b_other):
        other = [np.zeros(len(c)) for c in other]
    columns = ["budget", "value", "exact", *included]
    try:
        states = knapsack.forward(
            cost, other, value, math.inf, b_other, max_states=CURVE_STATE_LIMIT
        )
    except knapsack.TooManyStates:
        return _sampled_curve(items, along, other_budget, pinned, excluded, cost, columns)
    front = knapsack.pareto_2d(states.cost1, states.value)
    rows = []
    for index in front:
        picks = states.choices(int(index))
        rows.append(
            [float(states.cost1[index]), float(states.value[index]), True]
            + [g.iloc[i]["option_id"] for g, i in zip(groups, picks, strict=True)]
        )
    return pd.DataFrame(rows, columns=columns)


def _sampled_curve(
    items: pd.DataFrame,
    along: str,
    other_budget: float | None,
    pinned: Mapping[str, str] | None,
    excluded: Collection[str],
    cost: list[np.ndarray],
    columns: list[str],
) -> pd.DataFrame:
    """The curve at evenly spaced budgets, each solved exactly (for very large instances)."""
    top = float(sum(c.max() for c in cost))
    rows = []
    for budget in np.linspace(0.0, top, CURVE_GRID):
        kwargs = {"budget_investment": budget, "budget_annual": other_budget}
        if along == "annual":
            kwargs = {"budget_investment": other_budget, "budget_annual": budget}
        result = solve(items, pinned=pinned, excluded=excluded, **kwargs)
        if result.feasible and (not rows or result.total_value > rows[-1][1] + 1e-9):
            spent = result.total_investment if along == "investment" else result.total_annual
            rows.append([spent, result.total_value, False, *result.choices["option_id"]])
    return pd.DataFrame(rows, columns=columns)


def budget_range(items: pd.DataFrame, column: str) -> tuple[float, float]:
    """Cheapest and dearest possible total of ``column`` (one option per area)."""
    if items.empty:
        return 0.0, 0.0
    grouped = items.groupby("area", sort=False)[column]
    return float(grouped.min().sum()), float(grouped.max().sum())
