"""The decision model of one review area: options × criteria, ranked under a weighting.

Cost criteria marked ``derived_from`` come from the cost lines (NPV, investment, FTE); all
other values come from assessments. Building is separate from ranking so that the UI can
cache the built areas and rank them again on every slider move in microseconds.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from core import store
from core.errors import InputError, WeightError
from core.scoring import decision, finance, global_value, methods, ranges
from core.scoring.weights import GROUPS
from core.scoring.weightset import WeightSet

DERIVED_COLUMNS = {"npv": "npv_cost", "investment": "investment", "fte": "staff_fte"}
RANKING_COLUMNS = [
    "option_id",
    "option",
    "pathway",
    "partner",
    "rank",
    "score",
    *GROUPS,
    "npv_cost",
    "investment",
    "annual_cost",
    "staff_fte",
    "benefit",
]


@dataclass(frozen=True)
class AreaModel:
    """One area's options (with cost totals and NPV), criteria and the value matrix."""

    area: str
    options: pd.DataFrame
    criteria: pd.DataFrame
    matrix: np.ndarray
    low: np.ndarray | None = None
    high: np.ndarray | None = None

    @functools.cached_property
    def global_values(self) -> np.ndarray:
        """The matrix on the global value scales (0–100; 0 for the cost group), computed once."""
        return global_value.values(self.matrix, self.criteria)

    @functools.cached_property
    def global_bounds(self) -> tuple[np.ndarray, np.ndarray]:
        """:attr:`bounds` on the global value scales, computed once."""
        low, high = self.bounds
        return global_value.values(low, self.criteria), global_value.values(high, self.criteria)

    @property
    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        """Low and high value of every cell (the matrix itself where no range is known).

        Derived cost columns carry the bounds of the cost lines (NPV from the bounds of
        investment and annual cost); see :mod:`core.scoring.ranges`.
        """
        low = self.matrix if self.low is None else self.low
        high = self.matrix if self.high is None else self.high
        return low, high

    @functools.cached_property
    def benefit(self) -> np.ndarray:
        return (self.criteria["direction"] == "benefit").to_numpy()

    def columns(self) -> dict[str, np.ndarray]:
        """The option columns as arrays, in option order (shared: do not change them)."""
        return self._columns

    def group_mask(self, group: str) -> np.ndarray:
        """Which criteria belong to ``group``."""
        return self._group_masks[group]

    @functools.cached_property
    def _columns(self) -> dict[str, np.ndarray]:
        """The option columns a ranking carries, as arrays (a ranking runs on every slider
        move; indexing arrays is much cheaper than reindexing frames)."""
        opts = self.options
        columns = {
            "option_id": opts["id"].to_numpy(dtype=object),
            "option": opts["name"].to_numpy(dtype=object),
            "pathway": opts["pathway"].to_numpy(dtype=object),
            "partner": opts["partner"].to_numpy(dtype=object),
        }
        for name in ("npv_cost", "investment", "annual_cost", "staff_fte"):
            columns[name] = opts[name].to_numpy(dtype=float)
        return columns

    @functools.cached_property
    def _name_order(self) -> np.ndarray:
        """Position of each option in name order (the tie-break of equal ranks)."""
        order = np.empty(len(self.options), dtype=int)
        order[np.argsort(self._columns["option"].astype(str), kind="stable")] = np.arange(
            len(self.options)
        )
        return order

    @functools.cached_property
    def _group_masks(self) -> dict[str, np.ndarray]:
        group_of = self.criteria["grp"].to_numpy()
        return {g: group_of == g for g in GROUPS}


def build_area(
    area: str,
    options: pd.DataFrame,
    criteria: pd.DataFrame,
    assessments: pd.DataFrame,
    cost_totals: pd.DataFrame,
    horizon_years: int,
    discount_rate: float,
    cost_bounds: pd.DataFrame | None = None,
) -> AreaModel:
    """Assemble the matrix of one area from store frames (pure; no I/O).

    ``cost_bounds`` (per option, as :func:`core.scoring.ranges.option_cost_bounds`) and the
    assessments' ``value_low``/``value_high`` give the data ranges; without them the
    declared defaults of :mod:`core.scoring.ranges` apply to estimates.
    """
    opts = options[options["area"] == area].reset_index(drop=True)
    costs = (
        cost_totals.set_index("option_id")
        .reindex(opts["id"])
        .fillna(
            {"investment": 0.0, "annual_cost": 0.0, "staff_fte": 0.0, "cost_is_estimate": False}
        )
    )
    opts = opts.assign(
        investment=costs["investment"].to_numpy(dtype=float),
        annual_cost=costs["annual_cost"].to_numpy(dtype=float),
        staff_fte=costs["staff_fte"].to_numpy(dtype=float),
        cost_is_estimate=costs["cost_is_estimate"].to_numpy(dtype=bool),
    )
    opts["npv_cost"] = finance.npv_cost(
        opts["investment"], opts["annual_cost"], horizon_years, discount_rate
    )
    bounds = (
        cost_bounds.set_index("option_id").reindex(opts["id"])
        if cost_bounds is not None and len(cost_bounds)
        else pd.DataFrame(index=opts["id"])
    )
    for name in ("investment", "annual_cost"):
        for end in ("low", "high"):
            column = f"{name}_{end}"
            given = (
                bounds[column].to_numpy(dtype=float)
                if column in bounds.columns
                else np.full(len(opts), np.nan)
            )
            opts[column] = np.where(np.isfinite(given), given, opts[name].to_numpy(dtype=float))
    for end in ("low", "high"):
        opts[f"npv_cost_{end}"] = finance.npv_cost(
            opts[f"investment_{end}"], opts[f"annual_cost_{end}"], horizon_years, discount_rate
        )
    crit = criteria.reset_index(drop=True)
    own = assessments[assessments["option_id"].isin(opts["id"])]
    if len(own):
        own = ranges.assessment_bounds(own, crit)
    else:
        own = own.assign(low=[], high=[])
    cells = {
        name: own.pivot(index="option_id", columns="criterion", values=name)
        for name in ("value", "low", "high")
    }
    matrix = np.empty((len(opts), len(crit)), dtype=float)
    low, high = np.empty_like(matrix), np.empty_like(matrix)
    for j, row in enumerate(crit.itertuples(index=False)):
        derived = row.derived_from if isinstance(row.derived_from, str) else None
        if derived:
            column = DERIVED_COLUMNS[derived]
            matrix[:, j] = opts[column].to_numpy(dtype=float)
            has_range = column in ("npv_cost", "investment")
            low[:, j] = opts[f"{column}_low"] if has_range else matrix[:, j]
            high[:, j] = opts[f"{column}_high"] if has_range else matrix[:, j]
            continue
        present = row.key in cells["value"].columns
        for i, option_id in enumerate(opts["id"]):
            value = cells["value"][row.key].get(option_id, np.nan) if present else np.nan
            if pd.isna(value):
                raise InputError("missing_assessment", option=option_id, criterion=row.key)
            matrix[i, j] = value
            low[i, j] = cells["low"][row.key][option_id]
            high[i, j] = cells["high"][row.key][option_id]
    for array in (matrix, low, high):
        array.setflags(write=False)
    return AreaModel(area, opts, crit, matrix, low, high)


def load_areas(
    conn: duckdb.DuckDBPyConnection, horizon_years: int, discount_rate: float, lang: str = "de"
) -> dict[str, AreaModel]:
    """Read the store once and build every area's model, keyed by slug in display order;
    option names, partners and descriptions in ``lang`` (English where translated)."""
    options = store.options(conn)
    if lang != "de":
        options = store.localize(options, "options", lang, store.english_texts(conn))
    criteria = store.criteria(conn)
    assessments = store.assessments(conn)
    costs = store.cost_totals(conn)
    cost_bounds = ranges.option_cost_bounds(store.cost_lines(conn))
    return {
        slug: build_area(
            slug, options, criteria, assessments, costs, horizon_years, discount_rate, cost_bounds
        )
        for slug in store.area_slugs(conn)
    }


# A lead below half a tenth of a point prints as "0,0": at the precision shown the two are
# level, so summaries and stability sentences call it a tie rather than naming a winner by
# rounding noise.
NEAR_TIE = 0.0005


def tied_top(ranking: pd.DataFrame) -> tuple[str, ...]:
    """Ids of the options level with the best one (same rank, or within :data:`NEAR_TIE`)."""
    if ranking.empty:
        return ()
    scores = ranking["score"].to_numpy(dtype=float)
    level = (ranking["rank"].to_numpy() == ranking["rank"].iloc[0]) | (
        scores > scores[0] - NEAR_TIE
    )
    return tuple(ranking["option_id"].to_numpy()[level])


INDIFFERENCE_SHARE = 0.1  # differences below 10 % of a criterion's spread count as equal
PREFERENCE_SHARE = 0.5  # differences from half the spread on count as full preference


def promethee_preferences(model: AreaModel) -> list[dict[str, float | str]]:
    """Linear preference with indifference (type V) scaled to each criterion's spread.

    q = 10 % and p = 50 % of the spread in this area. A V-shape with p = spread would make
    the net flow a rescaled weighted sum (same ranking, nothing learned); the indifference
    zone and the saturation make PROMETHEE II judge small and large differences on their
    own terms. A criterion without spread gets the usual function (it cannot discriminate).
    """
    spread = np.ptp(model.matrix, axis=0) if len(model.matrix) else np.zeros(len(model.criteria))
    return [
        {"function": "linear", "q": INDIFFERENCE_SHARE * float(s), "p": PREFERENCE_SHARE * float(s)}
        if s > 0
        else {"function": "usual"}
        for s in spread
    ]


def rank_area(model: AreaModel, weights: WeightSet, method: str = "wsm") -> pd.DataFrame:
    """Rank the options of one area; one row per option, best first.

    ``score`` is the method's score (weighted sum and TOPSIS in [0, 1], PROMETHEE II net
    flow in [−1, 1]); the group columns hold each group's additive contribution. Methods with
    PROMETHEE preference functions get :func:`promethee_preferences` of this area.
    """
    if len(model.options) == 0:
        return pd.DataFrame(columns=RANKING_COLUMNS)
    columns = model._columns
    problem = decision.DecisionProblem(
        alternatives=tuple(columns["option_id"]),
        criteria=tuple(model.criteria["key"].tolist()),
        matrix=model.matrix,
        benefit=model.benefit,
        weights=weights.criterion_weights(model.criteria),
    )
    preference = promethee_preferences(model) if methods.get(method).uses_preferences else None
    result = decision.evaluate(problem, method=method, preference=preference)
    ranks = result.ranks.astype(int)
    order = np.lexsort((model._name_order, ranks))  # by rank, then by name
    contributions = {
        g: result.contributions[:, mask].sum(axis=1)[order]
        for g, mask in model._group_masks.items()
    }
    head = {name: columns[name][order] for name in ("option_id", "option", "pathway", "partner")}
    tail = {
        name: columns[name][order]
        for name in ("npv_cost", "investment", "annual_cost", "staff_fte")
    }
    benefit = area_benefit(model, weights)[order]
    return pd.DataFrame(
        {
            **head,
            "rank": ranks[order],
            "score": result.scores[order],
            **contributions,
            **tail,
            "benefit": benefit,
        }
    )


def area_benefit(model: AreaModel, weights: WeightSet) -> np.ndarray:
    """Benefit per option (option order) on the global value scales, area weight 1.

    The number that is comparable across areas (:mod:`core.scoring.global_value`); NaN when
    citizen value and feasibility both weigh 0 (there is no benefit to speak of).
    """
    try:
        w = global_value.benefit_weights(model.criteria, weights)
    except WeightError:
        return np.full(len(model.options), np.nan)
    return model.global_values @ w
