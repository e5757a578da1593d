"""The decision model of one review area: options × criteria, ranked under a weighting.

Cost criteria marked ``derived_from`` come from the cost lines (NPV, investment, FTE); all
other values come from assessments. Building is separate from ranking so that the UI can
cache the built areas and rank them again on every slider move in microseconds.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

import duckdb
import numpy as np
import pandas as pd

from core import store
from core.errors import InputError, WeightError
from core.scoring import decision, finance, global_value, methods, ranges
from core.scoring.normalization import normalize
from core.scoring.ranking import competition_ranks
from core.scoring.weights import GROUPS, normalize_weights, validate_weights
from core.scoring.weightset import CriteriaKeys, WeightSet

DERIVED_COLUMNS = {"npv": "npv_cost", "investment": "investment", "fte": "staff_fte"}
T = TypeVar("T")
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


_STR = pd.api.types.pandas_dtype("str")


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
    def _frame_text(self) -> dict[str, np.ndarray]:
        """The text columns of :attr:`_columns` as a frame built from them gives them back
        (``to_numpy()``; a missing value reads as that frame stores it), in option order."""
        frame = pd.DataFrame(
            {name: self._columns[name] for name in ("option_id", "option", "pathway", "partner")}
        )
        return {name: frame[name].to_numpy() for name in frame.columns}

    def text(self, name: str) -> pd.api.extensions.ExtensionArray:
        """The text column ``name`` of :meth:`columns` in pandas' str dtype (what a frame
        stores of it), converted once (shared: do not change it)."""
        return self._text(("column", name), lambda: self._columns[name])

    def filled_text(self, value: str) -> pd.api.extensions.ExtensionArray:
        """``value`` once per option in pandas' str dtype, converted once per value (shared:
        do not change it)."""
        return self._text(("filled", value), lambda: np.full(len(self.options), value, object))

    def _text(
        self, key: tuple[str, str], values: Callable[[], np.ndarray]
    ) -> pd.api.extensions.ExtensionArray:
        cache = self._texts
        if key not in cache:
            cache[key] = pd.array(values(), dtype=_STR)
        return cache[key]

    @functools.cached_property
    def _texts(self) -> dict[tuple[str, str], pd.api.extensions.ExtensionArray]:
        """The converted text columns (:meth:`text`, :meth:`filled_text`)."""
        return {}

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

    # --- per data version, for ranking under a new weighting without reading frames ------

    @functools.cached_property
    def criteria_keys(self) -> CriteriaKeys:
        """Key, group and default weight of every criterion, read from the frame once."""
        return CriteriaKeys.of(self.criteria)

    def criterion_weights(self, weights: WeightSet) -> np.ndarray:
        """``weights.criterion_weights(self.criteria)`` (same values, same errors)."""
        return weights.criterion_weights_of(self.criteria_keys)

    def benefit_weights(self, weights: WeightSet) -> np.ndarray:
        """``global_value.benefit_weights(self.criteria, weights)`` (same values and errors)."""
        return global_value.benefit_weights_of(self.criteria_keys, weights)

    @functools.cached_property
    def _checked(self) -> bool:
        """The checks :class:`decision.DecisionProblem` makes of names and matrix (those do
        not change with the weights), made once; an invalid model raises on every ranking."""
        decision.DecisionProblem(
            alternatives=tuple(self._columns["option_id"]),
            criteria=self.criteria_keys.keys,
            matrix=self.matrix,
            benefit=self.benefit,
            weights=np.ones(len(self.criteria)),
        )
        return True

    @functools.cached_property
    def _derived(self) -> dict[object, object]:
        """Weight-independent results per scoring method (normalised matrix, batch kernel),
        filled on first use by :meth:`derived`."""
        return {}

    def derived(self, key: object, compute: Callable[[], T]) -> T:
        """``compute()`` once per model and ``key`` (results that depend on the data only,
        such as a method's normalised matrix or batch kernel); shared: do not change it.

        ``key`` should hold the method's spec object, not just its name, so that a method
        registered again under the same key gets its own results.
        """
        cache = self._derived
        try:
            return cache[key]  # type: ignore[return-value]
        except KeyError:
            value = compute()
            return cache.setdefault(key, value)  # type: ignore[return-value]

    def normalized(self, normalization: str) -> np.ndarray:
        """The matrix normalised with ``normalization`` (read-only, computed once)."""

        def compute() -> np.ndarray:
            array = normalize(self.matrix, self.benefit, normalization)
            array.setflags(write=False)
            return array

        return self.derived(("normalized", normalization), compute)

    @functools.cached_property
    def preferences(self) -> list[dict[str, float | str]]:
        """:func:`promethee_preferences` of this model, computed once (shared: read only)."""
        return promethee_preferences(self)


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
    return tied_top_of({name: ranking[name].to_numpy() for name in ("option_id", "rank", "score")})


def tied_top_of(values: Mapping[str, np.ndarray]) -> tuple[str, ...]:
    """:func:`tied_top` of a ranking given as its column values (``option_id``, ``rank``,
    ``score``; as :func:`rank_area_values` returns them), without a frame."""
    ids = values["option_id"]
    if len(ids) == 0:
        return ()
    scores = np.asarray(values["score"], dtype=float)
    ranks = values["rank"]
    level = (ranks == ranks[0]) | (scores > scores[0] - NEAR_TIE)
    return tuple(ids[level])


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
    columns, _order = _ranked(model, weights, method)
    return pd.DataFrame(columns)


def rank_area_values(
    model: AreaModel, weights: WeightSet, method: str = "wsm"
) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """:func:`rank_area` and its columns as ``ranking[column].to_numpy()`` gives them, for
    callers that read values of the ranking (a summary, the tie at the top): reading arrays
    is much cheaper than indexing the frame, which costs more than the ranking itself."""
    columns, values = rank_area_arrays(model, weights, method)
    return ranking_frame(columns), values


def rank_area_arrays(
    model: AreaModel, weights: WeightSet, method: str = "wsm"
) -> tuple[dict[str, np.ndarray] | None, dict[str, np.ndarray]]:
    """The columns :func:`rank_area` builds its frame from (None for an area without
    options) and the values :func:`rank_area_values` gives, without building the frame
    (a frame costs about a millisecond; a caller that reads values only needs none, and
    :func:`ranking_frame` builds it from the columns when one is asked for)."""
    if len(model.options) == 0:
        ranking = ranking_frame(None)
        return None, {name: ranking[name].to_numpy() for name in RANKING_COLUMNS}
    columns, order = _ranked(model, weights, method)
    text = model._frame_text
    values = {name: text[name][order] if name in text else array for name, array in columns.items()}
    return columns, values


def ranking_frame(columns: Mapping[str, np.ndarray] | None) -> pd.DataFrame:
    """The frame :func:`rank_area` returns for the columns of :func:`rank_area_arrays`."""
    if columns is None:
        return pd.DataFrame(columns=RANKING_COLUMNS)
    return pd.DataFrame(columns)


def _ranked(
    model: AreaModel, weights: WeightSet, method: str
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The columns of :func:`rank_area` as arrays (best first) and the order of the options.

    Evaluates exactly as :func:`core.scoring.decision.evaluate` does on the model's
    :class:`~core.scoring.decision.DecisionProblem` (same checks in the same order, same
    weights, normalised matrix and score function); what does not depend on the weights
    comes from the model: the checks of names and matrix, the normalised matrix and the
    preference functions. The model must have options.
    """
    columns = model._columns
    criterion_weights = model.criterion_weights(weights)
    model._checked  # noqa: B018 - the DecisionProblem's checks of names and matrix
    final = normalize_weights(validate_weights(criterion_weights, expected=len(model.criteria)))
    spec = methods.get(method)
    preference = model.preferences if spec.uses_preferences else None
    scores, contributions = spec.score(model.normalized(spec.normalization), final, preference)
    ranks = competition_ranks(scores)
    order = np.lexsort((model._name_order, ranks))  # by rank, then by name
    by_group = {
        g: contributions[:, mask].sum(axis=1)[order] for g, mask in model._group_masks.items()
    }
    head = {name: columns[name][order] for name in ("option_id", "option", "pathway", "partner")}
    tail = {
        name: columns[name][order]
        for name in ("npv_cost", "investment", "annual_cost", "staff_fte")
    }
    ranked = {
        **head,
        "rank": ranks[order],
        "score": np.asarray(scores)[order],
        **by_group,
        **tail,
        "benefit": area_benefit(model, weights)[order],
    }
    return ranked, order


def area_benefit(model: AreaModel, weights: WeightSet) -> np.ndarray:
    """Benefit per option (option order) on the global value scales, area weight 1.

    The number that is comparable across areas (:mod:`core.scoring.global_value`); NaN when
    citizen value and feasibility both weigh 0 (there is no benefit to speak of).
    """
    try:
        w = model.benefit_weights(weights)
    except WeightError:
        return np.full(len(model.options), np.nan)
    return model.global_values @ w
