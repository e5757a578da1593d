"""Budget portfolio: one option per review area, the most benefit within the budgets in euros.

Benefit is measured on the global value scales of :mod:`core.scoring.global_value` (the same
in every area) times the area weights, so points of different areas can be added. Objective
``benefit``: citizen value and feasibility as weighted by the user; ``citizen_value``: the
citizen-value group alone. Costs stay in euros: a one-off investment budget and an annual
operating budget, each optional.

Constraints besides the budgets: an area can be pinned to one option (a must-have) or left
out; single options can be excluded; "requires" links say that choosing one option needs
another option chosen (e.g. a mobile-first website requires the homepage relaunch).

Solvers (all exact): tiny instances are enumerated, every set summed once for all the budgets
asked on it (:class:`knapsack.Enumeration`); among sets of equal benefit the one with the
lower investment, then the lower annual cost is chosen. Without links the dynamic
programme of :mod:`core.analysis.knapsack` runs while its state set stays small; larger
instances go to the reduced-cost passes of :mod:`core.analysis.lagrange` (the LP bound and
each option's shortfall against it; each pass looks for a portfolio reaching a target just
below the bound among the options that leave it within reach, and one that does is the
optimum), and to the mixed-integer programme of :mod:`core.analysis.milp` (HiGHS) if that
one reaches its limits; ``exhaustive=True`` tries every combination (the reference in
tests). A budget no set of options fits is a normal result (``feasible=False`` with the
cheapest possible totals), not an exception; invalid input raises.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from core.analysis import knapsack, lagrange, milp
from core.errors import InputError, NotFoundError
from core.scoring import global_value, ranges
from core.scoring.area_model import AreaModel
from core.scoring.global_value import AreaWeights
from core.scoring.weightset import WeightSet

OBJECTIVES: tuple[str, ...] = ("benefit", "citizen_value")
ITEM_COLUMNS = [
    "area", "option_id", "option", "pathway", "value", "investment", "annual_cost",
]  # fmt: skip
EXTRA_COLUMNS = [
    "npv_cost", "staff_fte", "area_weight", "value_gain", "npv_change",
    "value_low", "value_high",
]  # fmt: skip
BUDGET_DIMENSIONS = {"investment": "investment", "annual": "annual_cost"}
CURVE_STATE_LIMIT = 200_000
CURVE_GRID = 41
NEXT_STEP_EUR = 50_000.0
# The dynamic programme is used without links while its state set stays below this size;
# beyond it (its exponential cliff) HiGHS takes over. Measured in ``make bench``.
DP_STATE_LIMIT = 20_000
SOLVERS: tuple[str, ...] = ("auto", "dp", "milp")
# Up to this many combinations every set is tried (the seed data: 14,400), with or without
# links: faster than the dynamic programme and than starting HiGHS (measured in make bench).
SMALL_ENUMERATION = 20_000
# Without links the plain dynamic programme is used up to this many combinations; beyond it
# the reduced-cost method of core.analysis.lagrange, which has no cliff where the plain
# programme has one. Measured in ``make bench``.
SMALL_DP = 1_000_000

Link = tuple[str, str]


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
    solver: str = "dp"
    requires: tuple[Link, ...] = ()
    excluded_options: tuple[str, ...] = ()
    total_gain: float = 0.0
    area_weights: Mapping[str, float] = field(default_factory=dict)

    def to_json_dict(self) -> dict[str, object]:
        """Plain-JSON view for the CLI (benefit in points on the global scales)."""
        return {
            "feasible": self.feasible,
            "budget_investment": self.budget_investment,
            "budget_annual": self.budget_annual,
            "solver": self.solver,
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
                "value_gain_over_status_quo": round(self.total_gain, 6),
                "investment": self.total_investment,
                "annual_cost": self.total_annual,
            },
            "cheapest_possible": {
                "investment": self.min_investment,
                "annual_cost": self.min_annual,
            },
            "excluded": list(self.excluded),
            "excluded_options": list(self.excluded_options),
            "requires": [{"option": a, "requires": b} for a, b in self.requires],
        }


def portfolio_items(
    models: Mapping[str, AreaModel],
    weights: WeightSet,
    area_weights: AreaWeights | None = None,
    objective: str = "benefit",
) -> pd.DataFrame:
    """One row per option of every area: its benefit (global scales × area weight), costs.

    ``value`` is the benefit in points; ``value_gain`` the gain over the area's status quo
    (0 where the area has none); ``npv_change`` the change in NPV cost against it;
    ``value_low``/``value_high`` the benefit at the ends of the data ranges.
    """
    if objective not in OBJECTIVES:
        raise InputError(
            "portfolio_bad_objective", objective=objective, allowed=", ".join(OBJECTIVES)
        )
    area_weights = area_weights or AreaWeights()
    parts: dict[str, list] = {c: [] for c in [*ITEM_COLUMNS, *EXTRA_COLUMNS]}
    for slug, model in models.items():
        if len(model.options) == 0:
            continue
        factor = area_weights.of(slug)
        low, high = model.bounds
        if objective == "benefit":
            fitted = weights.for_keys(model.criteria_keys)
            model.criterion_weights(fitted)  # raises if it cannot weigh these
            w = model.benefit_weights(fitted)
            points = [x @ w for x in (model.global_values, *model.global_bounds)]
        else:
            ws = weights.for_criteria(model.criteria)
            points = [
                global_value.group_value(x, model.criteria, ws, "citizen_value")
                for x in (model.matrix, low, high)
            ]
        value, v_a, v_b = (factor * p for p in points)
        columns = model.columns()
        pathway = columns["pathway"]
        npv = columns["npv_cost"]
        base = np.flatnonzero(pathway == "status_quo")
        b = int(base[0]) if len(base) else None
        n = len(value)
        for name, column in (  # the text columns in the frame's str dtype, converted once
            ("area", model.filled_text(slug)),
            ("option_id", model.text("option_id")),
            ("option", model.text("option")),
            ("pathway", model.text("pathway")),
            ("value", value),
            ("investment", columns["investment"]),
            ("annual_cost", columns["annual_cost"]),
            ("npv_cost", npv),
            ("staff_fte", columns["staff_fte"]),
            ("area_weight", np.full(n, factor, dtype=float)),
            ("value_gain", value - value[b] if b is not None else 0.0 * value),
            ("npv_change", npv - npv[b] if b is not None else 0.0 * npv),
            ("value_low", np.minimum(v_a, v_b)),
            ("value_high", np.maximum(v_a, v_b)),
        ):
            parts[name].append(column)
    if not parts["area"]:
        return pd.DataFrame(columns=[*ITEM_COLUMNS, *EXTRA_COLUMNS])
    frame = pd.DataFrame({name: _concat(arrays) for name, arrays in parts.items()})
    # The same column labels, as one shared index whose lookup table is built once: a new
    # frame's own index builds it again on the first column read (each weighting's items).
    frame.columns = _ITEM_INDEX
    return frame


_ITEM_INDEX = pd.Index([*ITEM_COLUMNS, *EXTRA_COLUMNS])
_ITEM_INDEX.get_loc("area")  # its lookup table, built now and shared by every frame of items


def _concat(arrays: list) -> object:
    """The areas' parts of one column joined: numpy arrays or pandas str arrays (a new one,
    never a shared part itself)."""
    if isinstance(arrays[0], np.ndarray):
        return np.concatenate(arrays)
    return type(arrays[0])._concat_same_type(arrays)


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


@dataclass(frozen=True)
class _Problem:
    """The instance after pins, exclusions and links: candidate rows per included area.

    ``rows[k]`` are the positions (in ``items``) of the included area ``included[k]``'s
    candidate options; links refer to (area index, candidate index)."""

    included: list[str]
    rows: list[np.ndarray]
    links: list[tuple[tuple[int, int], tuple[int, int]]]
    excluded_areas: tuple[str, ...]
    impossible: bool
    option_ids: np.ndarray

    def ids(self, k: int) -> list[str]:
        """The candidate option ids of the ``k``-th included area."""
        return [str(o) for o in self.option_ids[self.rows[k]]]


def _links(items: pd.DataFrame, requires: Sequence[Link]) -> tuple[Link, ...]:
    """Validated links (option, required option), both known option ids, de-duplicated."""
    if not requires:
        return ()
    known = set(items["option_id"])
    clean: list[Link] = []
    for link in requires:
        if len(link) != 2:
            raise InputError("portfolio_bad_link", spec=str(link))
        a, b = (str(x).strip() for x in link)
        for option in (a, b):
            if option not in known:
                raise NotFoundError("portfolio_link_unknown", option=option)
        if a != b and (a, b) not in clean:
            clean.append((a, b))
    return tuple(clean)


def _problem(
    items: pd.DataFrame,
    pinned: Mapping[str, str],
    excluded: Collection[str],
    excluded_options: Collection[str] = (),
    requires: Sequence[Link] = (),
) -> _Problem:
    """Included areas and their candidate rows after pins, exclusions and links.

    An option whose required option cannot be chosen (its area left out, the option
    excluded, another option pinned in its area, or the same area) is dropped, repeatedly,
    since dropping one option can strand another.
    """
    area_column = items["area"].to_numpy(dtype=object)
    ids = items["option_id"].to_numpy(dtype=object)
    areas = list(dict.fromkeys(area_column))
    for area in [*pinned, *excluded]:
        if area not in areas:
            raise NotFoundError("unknown_area", area=area, allowed=", ".join(areas))
    both = sorted(set(pinned) & set(excluded))
    if both:
        raise InputError("portfolio_pin_and_exclude", area=both[0])
    area_of = dict(zip(ids, area_column, strict=True))
    for option in excluded_options:
        if option not in area_of:
            raise NotFoundError("portfolio_link_unknown", option=option)
    allowed = set(area_of) - set(excluded_options)
    for area, option in pinned.items():
        if area_of.get(option) != area:
            raise NotFoundError("portfolio_unknown_option", option=option, area=area)
        allowed -= {o for o, a in area_of.items() if a == area and o != option}
    if excluded:
        allowed -= {o for o, a in area_of.items() if a in excluded}
    links = _links(items, requires)
    changed = True
    while changed:
        changed = False
        for a, b in links:
            if a in allowed and (b not in allowed or area_of[a] == area_of[b]):
                allowed.discard(a)
                changed = True
    keep = np.fromiter((o in allowed for o in ids), dtype=bool, count=len(ids))
    included, rows = [], []
    impossible = False
    for area in areas:
        if area in excluded:
            continue
        positions = np.flatnonzero((area_column == area) & keep)
        impossible |= len(positions) == 0
        included.append(area)
        rows.append(positions)
    position = {ids[r]: (k, i) for k, positions in enumerate(rows) for i, r in enumerate(positions)}
    constraints = [(position[a], position[b]) for a, b in links if a in position and b in position]
    excluded_areas = tuple(a for a in areas if a not in included)
    return _Problem(included, rows, constraints, excluded_areas, impossible, ids)


def _arrays(items: pd.DataFrame, rows: list[np.ndarray], column: str) -> list[np.ndarray]:
    values = items[column].to_numpy(dtype=float)
    return [values[r] for r in rows]


def exhaustive_search(
    cost1: Sequence[np.ndarray],
    cost2: Sequence[np.ndarray],
    value: Sequence[np.ndarray],
    budget1: float,
    budget2: float,
    links: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
) -> tuple[list[int], float] | None:
    """Every combination tried (with links): the reference for tests. Among sets of equal
    value the one with the lower cost₁, then cost₂, as :func:`knapsack.solve_exhaustive`."""
    if not links:
        return knapsack.solve_exhaustive(cost1, cost2, value, budget1, budget2)
    sizes = [len(v) for v in value]
    grid = np.indices(sizes).reshape(len(sizes), -1)
    ok = np.ones(grid.shape[1], dtype=bool)
    for (ga, ia), (gb, ib) in links:
        ok &= (grid[ga] != ia) | (grid[gb] == ib)
    total1 = sum(c[g] for c, g in zip(cost1, grid, strict=True))
    total2 = sum(c[g] for c, g in zip(cost2, grid, strict=True))
    totalv = sum(v[g] for v, g in zip(value, grid, strict=True))
    ok &= knapsack.fits(total1, budget1) & knapsack.fits(total2, budget2)
    if not ok.any():
        return None
    best = knapsack.best_of(np.flatnonzero(ok), totalv, total1, total2)
    return [int(x) for x in grid[:, best]], float(totalv[best])


def _dp(
    cost1: list[np.ndarray],
    cost2: list[np.ndarray],
    value: list[np.ndarray],
    budget1: float,
    budget2: float,
    max_states: int | None,
) -> tuple[list[int], float] | None:
    """The dynamic programme on undominated items; :class:`knapsack.TooManyStates` past the cap."""
    c1 = [np.zeros(len(v)) if not np.isfinite(budget1) else c for c, v in zip(cost1, value)]
    c2 = [np.zeros(len(v)) if not np.isfinite(budget2) else c for c, v in zip(cost2, value)]
    kept = [knapsack.undominated_items(a, b, v) for a, b, v in zip(c1, c2, value, strict=True)]
    r1 = [a[k] for a, k in zip(c1, kept, strict=True)]
    r2 = [b[k] for b, k in zip(c2, kept, strict=True)]
    rv = [v[k] for v, k in zip(value, kept, strict=True)]
    bound = knapsack.relaxation_bound(r1, r2, rv, budget1, budget2)
    guess = knapsack.forward(r1, r2, rv, budget1, budget2, bound=bound, beam=knapsack.BEAM_WIDTH)
    guess_index = knapsack.best_state(guess)
    lower = float(guess.value[guess_index]) if guess_index is not None else -np.inf
    states = knapsack.forward(
        r1, r2, rv, budget1, budget2, bound=bound, lower_bound=lower, max_states=max_states
    )
    index = knapsack.best_state(states)
    if index is None:
        return None
    choice = states.choices(index)
    return [int(k[i]) for k, i in zip(kept, choice, strict=True)], float(states.value[index])


def run_solver(
    cost1: list[np.ndarray],
    cost2: list[np.ndarray],
    value: list[np.ndarray],
    budget1: float,
    budget2: float,
    links: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
    solver: str = "auto",
    enumeration: knapsack.Enumeration | None = None,
) -> tuple[tuple[list[int], float] | None, str]:
    """The optimum and the solver that found it (``auto``: see the module docstring).

    ``enumeration``: the instance's combinations already summed (:func:`enumerate_small`),
    for several budgets on one instance."""
    if solver not in SOLVERS:
        raise InputError("portfolio_bad_solver", solver=solver, allowed=", ".join(SOLVERS))
    if solver == "auto":
        if enumeration is None:
            enumeration = enumerate_small(cost1, cost2, value, links)
        if enumeration is not None:
            return enumeration.best(budget1, budget2), "exhaustive"
    if solver == "milp":
        return milp.solve(cost1, cost2, value, budget1, budget2, links), "milp"
    if solver == "dp":
        if links:
            raise InputError("portfolio_dp_links")
        return _dp(cost1, cost2, value, budget1, budget2, None), "dp"
    if solver == "auto" and not links and math.prod(len(v) for v in value) <= SMALL_DP:
        try:
            return _dp(cost1, cost2, value, budget1, budget2, DP_STATE_LIMIT), "dp"
        except knapsack.TooManyStates:
            pass
    try:
        return lagrange.solve(cost1, cost2, value, budget1, budget2, links), "lagrange"
    except knapsack.TooManyStates:
        return milp.solve(cost1, cost2, value, budget1, budget2, links), "milp"


def enumerate_small(
    cost1: Sequence[np.ndarray],
    cost2: Sequence[np.ndarray],
    value: Sequence[np.ndarray],
    links: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
) -> knapsack.Enumeration | None:
    """Every set summed once if there are at most :data:`SMALL_ENUMERATION` (the seed data:
    14,400), else None. Trying every set is then faster than the dynamic programme (0.2
    against 3 ms on the seed data) and than starting HiGHS with links (measured in make
    bench), and just as exact."""
    if math.prod(len(v) for v in value) > SMALL_ENUMERATION:
        return None
    return knapsack.Enumeration(cost1, cost2, value, links)


def solve(
    items: pd.DataFrame,
    budget_investment: float | None = None,
    budget_annual: float | None = None,
    pinned: Mapping[str, str] | None = None,
    excluded: Collection[str] = (),
    *,
    excluded_options: Collection[str] = (),
    requires: Sequence[Link] = (),
    exhaustive: bool = False,
    solver: str = "auto",
) -> PortfolioResult:
    """The best set of options (one per included area) within the budgets.

    ``pinned``: area → must-have option; ``excluded``: areas left out; ``excluded_options``:
    options never chosen; ``requires``: (option, required option) links.
    ``exhaustive=True`` tries every combination (the reference in tests).
    """
    _budget(budget_investment, "budget-invest")  # bad budgets are named before bad constraints
    _budget(budget_annual, "budget-annual")
    instance = _prepare(items, pinned, excluded, excluded_options, requires, enumerate_=False)
    return _solve_instance(instance, budget_investment, budget_annual, exhaustive, solver)


def solve_with_next_steps(
    items: pd.DataFrame,
    budget_investment: float | None = None,
    budget_annual: float | None = None,
    pinned: Mapping[str, str] | None = None,
    excluded: Collection[str] = (),
    *,
    excluded_options: Collection[str] = (),
    requires: Sequence[Link] = (),
    extra: float = NEXT_STEP_EUR,
) -> tuple[PortfolioResult, list[NextStep]]:
    """:func:`solve` and :func:`next_steps` of its result in one: the instance (pins, links,
    the item columns, the area weights and, for a tiny one, every set summed) is prepared
    once for the three budgets, and the next steps' results are built only when read (their
    gain and changes come from the solver's picks)."""
    _budget(budget_investment, "budget-invest")
    _budget(budget_annual, "budget-annual")
    instance = _prepare(items, pinned, excluded, excluded_options, requires)
    found, used = _found(instance, budget_investment, budget_annual)
    result = _result_of(instance, budget_investment, budget_annual, found, used)
    before = instance.picked(found[0]) if found is not None else {}
    total = result.total_value if result.feasible else None
    return result, _instance_steps(instance, before, total, budget_investment, budget_annual, extra)


_Arrays = tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]


# The columns a result sums over its chosen rows (value_gain only if the items have it).
_TOTALS = ("value", "investment", "annual_cost", "value_gain")


@dataclass(frozen=True)
class _Instance:
    """An instance prepared once for one or more budgets: the problem (:func:`_problem`), its
    arrays, validated links, the excluded options, every set summed if it is tiny
    (:func:`enumerate_small`; None otherwise or when not asked for), the columns a result
    sums and reads (as arrays, each read from the frame once), the cheapest totals and the
    area weights."""

    items: pd.DataFrame
    problem: _Problem
    arrays: _Arrays
    links: tuple[Link, ...]
    excluded_options: tuple[str, ...]
    enumeration: knapsack.Enumeration | None
    columns: dict[str, np.ndarray]
    areas: np.ndarray
    min_investment: float
    min_annual: float
    area_weights: dict[str, float]

    def picked(self, picks: list[int]) -> dict[str, str]:
        """Area → option id of the candidates ``picks`` (one per included area, in order)."""
        rows = [int(r[i]) for r, i in zip(self.problem.rows, picks, strict=True)]
        ids = self.problem.option_ids
        return {str(self.areas[r]): str(ids[r]) for r in rows}


def _prepare(
    items: pd.DataFrame,
    pinned: Mapping[str, str] | None,
    excluded: Collection[str],
    excluded_options: Collection[str],
    requires: Sequence[Link],
    *,
    enumerate_: bool = True,
) -> _Instance:
    """The instance of ``items`` under the constraints (invalid ones raise, as :func:`solve`
    names them)."""
    problem = _problem(items, dict(pinned or {}), excluded, excluded_options, requires)
    links = _links(items, requires)
    present = set(items.columns)
    columns = {c: items[c].to_numpy(dtype=float) for c in _TOTALS if c in present}
    arrays = tuple(  # investment, annual cost and benefit per candidate of each area
        [columns[c][r] for r in problem.rows] for c in ("investment", "annual_cost", "value")
    )
    small = None
    if enumerate_ and not problem.impossible:
        small = enumerate_small(*arrays, problem.links)
    invest, annual, _value = arrays
    areas = items["area"].to_numpy(dtype=object)
    return _Instance(
        items=items,
        problem=problem,
        arrays=arrays,  # type: ignore[arg-type]
        links=links,
        excluded_options=tuple(excluded_options),
        enumeration=small,
        columns=columns,
        areas=areas,
        min_investment=float(sum(c.min() for c in invest if len(c))),
        min_annual=float(sum(c.min() for c in annual if len(c))),
        area_weights=_area_weights(items, areas),
    )


def _found(
    instance: _Instance,
    budget_investment: float | None,
    budget_annual: float | None,
    exhaustive: bool = False,
    solver: str = "auto",
) -> tuple[tuple[list[int], float] | None, str]:
    """The solver's picks and total within the budgets (None if nothing fits), and its name."""
    b_inv = _budget(budget_investment, "budget-invest")
    b_ann = _budget(budget_annual, "budget-annual")
    invest, annual, value = instance.arrays
    problem = instance.problem
    used = "exhaustive" if exhaustive else solver
    found = None
    if not problem.impossible:
        if exhaustive:
            found = exhaustive_search(invest, annual, value, b_inv, b_ann, problem.links)
        else:
            found, used = run_solver(
                invest, annual, value, b_inv, b_ann, problem.links, solver, instance.enumeration
            )
    return found, used


def _solve_instance(
    instance: _Instance,
    budget_investment: float | None,
    budget_annual: float | None,
    exhaustive: bool = False,
    solver: str = "auto",
) -> PortfolioResult:
    """:func:`solve` on a prepared instance."""
    found, used = _found(instance, budget_investment, budget_annual, exhaustive, solver)
    return _result_of(instance, budget_investment, budget_annual, found, used)


def _chosen(instance: _Instance, picks: list[int]) -> list[int]:
    """The item positions of ``picks`` (one candidate index per included area)."""
    return [int(r[i]) for r, i in zip(instance.problem.rows, picks, strict=True)]


def _total_value(instance: _Instance, chosen: list[int], total: float) -> float:
    """The chosen set's benefit as pandas sums it (NaN skipped); the solver's total if none."""
    return float(np.nansum(instance.columns["value"][chosen])) if chosen else float(total)


def _result_of(
    instance: _Instance,
    budget_investment: float | None,
    budget_annual: float | None,
    found: tuple[list[int], float] | None,
    used: str,
) -> PortfolioResult:
    """The result of the solver's ``found`` picks: the chosen rows and their totals."""
    items, problem = instance.items, instance.problem
    common = {
        "budget_investment": budget_investment,
        "budget_annual": budget_annual,
        "min_investment": instance.min_investment,
        "min_annual": instance.min_annual,
        "excluded": problem.excluded_areas,
        "solver": used,
        "requires": instance.links,
        "excluded_options": instance.excluded_options,
        "area_weights": dict(instance.area_weights),
    }
    if found is None:
        return PortfolioResult(False, pd.DataFrame(columns=ITEM_COLUMNS), 0.0, 0.0, 0.0, **common)  # type: ignore[arg-type]
    picks, total = found
    columns = [c for c in items.columns if c in [*ITEM_COLUMNS, *EXTRA_COLUMNS]]
    chosen = _chosen(instance, picks)
    # all columns (the items of portfolio_items): one take instead of a take and a copy
    taken = items.take(chosen) if columns == list(items.columns) else items.iloc[chosen][columns]
    choices = taken.reset_index(drop=True)
    sums = instance.columns
    gain = float(np.nansum(sums["value_gain"][chosen])) if "value_gain" in columns else 0.0
    return PortfolioResult(
        feasible=True,
        choices=choices,
        total_value=_total_value(instance, chosen, total),
        total_investment=float(np.nansum(sums["investment"][chosen])),
        total_annual=float(np.nansum(sums["annual_cost"][chosen])),
        total_gain=gain,
        **common,  # type: ignore[arg-type]
    )


def _area_weights(items: pd.DataFrame, areas: np.ndarray | None = None) -> dict[str, float]:
    """Area → its weight, read off the items (empty if they have no area weights);
    ``areas``: the area column as an array if it is at hand."""
    if "area_weight" not in items.columns:
        return {}
    weights: dict[str, float] = {}
    if areas is None:
        areas = items["area"].to_numpy(dtype=object)  # iterating arrays, not the Series
    for a, w in zip(areas, items["area_weight"].to_numpy(dtype=float), strict=True):
        weights.setdefault(str(a), float(w))
    return weights


@dataclass(frozen=True)
class NextStep:
    """What ``extra`` more euros on one budget would buy: the new choice and its gain.

    ``result`` (the whole portfolio with the extra euros) is built when first read: the
    page shows only the gain and the changes."""

    budget: str
    extra: float
    gain: float
    changes: tuple[tuple[str, str, str], ...]  # (area, option before, option after)
    feasible: bool
    build: Callable[[], PortfolioResult] = field(repr=False, compare=False)

    @cached_property
    def result(self) -> PortfolioResult:
        """The portfolio with ``extra`` € more on :attr:`budget`."""
        return self.build()

    def to_json_dict(self) -> dict[str, object]:
        return {
            "budget": self.budget,
            "extra_eur": self.extra,
            "feasible": self.feasible,
            "value_gain": round(self.gain, 6),
            "changes": [{"area": a, "from": b, "to": c} for a, b, c in self.changes],
        }


def _same(result: PortfolioResult) -> PortfolioResult:
    return result


def _more(
    budget_investment: float | None, budget_annual: float | None, extra: float
) -> list[tuple[str, float | None, float | None]]:
    """Each limited budget's name and the two budgets with ``extra`` € more on it."""
    steps: list[tuple[str, float | None, float | None]] = []
    if budget_investment is not None:
        steps.append(("investment", float(budget_investment) + extra, budget_annual))
    if budget_annual is not None:
        steps.append(("annual", budget_investment, float(budget_annual) + extra))
    return steps


def _changes(
    before: Mapping[str, str], after: Mapping[str, str]
) -> tuple[tuple[str, str, str], ...]:
    """(area, option before or "", option after) for every area whose choice changes."""
    return tuple(
        (area, before.get(area, ""), option)
        for area, option in after.items()
        if before.get(area) != option
    )


def _instance_steps(
    instance: _Instance,
    before: Mapping[str, str],
    base_total: float | None,
    budget_investment: float | None,
    budget_annual: float | None,
    extra: float,
) -> list[NextStep]:
    """The next steps on a prepared instance: ``before`` the base's choice per area,
    ``base_total`` its benefit (None if it is not feasible); results built when read."""
    steps = []
    for name, b_inv, b_ann in _more(budget_investment, budget_annual, extra):
        found, used = _found(instance, b_inv, b_ann)
        build = functools.partial(_result_of, instance, b_inv, b_ann, found, used)
        if found is None:
            steps.append(NextStep(name, extra, 0.0, (), False, build))
            continue
        picks, total = found
        value = _total_value(instance, _chosen(instance, picks), total)
        gain = value - base_total if base_total is not None else value
        changes = _changes(before, instance.picked(picks))
        steps.append(NextStep(name, extra, gain, changes, True, build))
    return steps


def next_steps(
    items: pd.DataFrame,
    base: PortfolioResult,
    extra: float = NEXT_STEP_EUR,
    **constraints: object,
) -> list[NextStep]:
    """For each limited budget: the portfolio with ``extra`` € more on it, and what changes."""
    before = dict(zip(base.choices["area"], base.choices["option_id"], strict=True))
    base_total = base.total_value if base.feasible else None
    if set(constraints) <= {"pinned", "excluded", "excluded_options", "requires"}:
        # the instance is the same for both solves: prepare it once
        instance = _prepare(
            items,
            constraints.get("pinned"),  # type: ignore[arg-type]
            constraints.get("excluded", ()),  # type: ignore[arg-type]
            constraints.get("excluded_options", ()),  # type: ignore[arg-type]
            constraints.get("requires", ()),  # type: ignore[arg-type]
        )
        return _instance_steps(
            instance, before, base_total, base.budget_investment, base.budget_annual, extra
        )
    steps = []
    for name, b_inv, b_ann in _more(base.budget_investment, base.budget_annual, extra):
        result = solve(items, b_inv, b_ann, **constraints)  # type: ignore[arg-type]
        after = dict(zip(result.choices["area"], result.choices["option_id"], strict=True))
        changes = _changes(before, after)
        gain = result.total_value - base.total_value if base.feasible else result.total_value
        gain = gain if result.feasible else 0.0
        ready = functools.partial(_same, result)
        steps.append(NextStep(name, extra, gain, changes, result.feasible, ready))
    return steps


def best_buys(items: pd.DataFrame) -> pd.DataFrame:
    """The order of best buys across all areas (Phillips & Bana e Costa).

    From each area's status quo (its cheapest option if it has none) the area's upgrades are
    the steps along the upper convex hull of (NPV cost, benefit): at each step the option
    with the most extra benefit per extra euro; a step that costs nothing or saves money and
    gains benefit comes first. All steps of all areas sorted by that ratio are the order in
    which a growing budget is best spent; cumulative cost and benefit are the efficiency
    curve. Columns: order, area, from_option, option_id, option, extra_cost, extra_value,
    value_per_100k (benefit per 100,000 €; ∞ for free steps), cumulative_cost,
    cumulative_value.
    """
    steps = []
    areas = items["area"].to_numpy(dtype=object)
    all_cost = items["npv_cost"].to_numpy(dtype=float)
    all_value = items["value"].to_numpy(dtype=float)
    all_names = items["option"].to_numpy(dtype=object)
    all_ids = items["option_id"].to_numpy(dtype=object)
    all_pathways = items["pathway"].to_numpy(dtype=object)
    for area in dict.fromkeys(areas):
        rows = np.flatnonzero(areas == area)
        cost, value = all_cost[rows], all_value[rows]
        names, ids = all_names[rows], all_ids[rows]
        sq = np.flatnonzero(all_pathways[rows] == "status_quo")
        at = int(sq[0]) if len(sq) else int(np.argmin(cost))
        while True:
            dv, dc = value - value[at], cost - cost[at]
            better = dv > knapsack.VALUE_TOLERANCE
            if not better.any():
                break
            free = better & (dc <= 0)
            if free.any():
                candidates = np.flatnonzero(free)
                nxt = int(candidates[np.lexsort((cost[candidates], -value[candidates]))[0]])
                ratio = math.inf
            else:
                slope = np.where(better, dv / np.where(dc > 0, dc, 1.0), -np.inf)
                top = slope.max()
                tied = np.flatnonzero(slope >= top * (1 - 1e-12))
                nxt = int(tied[np.argmax(value[tied])])
                ratio = float(top) * 100_000
            steps.append(
                (
                    area,
                    names[at],
                    ids[nxt],
                    names[nxt],
                    float(cost[nxt] - cost[at]),
                    float(value[nxt] - value[at]),
                    ratio,
                )
            )
            at = nxt
    columns = [
        "order", "area", "from_option", "option_id", "option", "extra_cost", "extra_value",
        "value_per_100k", "cumulative_cost", "cumulative_value",
    ]  # fmt: skip
    if not steps:
        return pd.DataFrame(columns=columns)
    # by ratio, best first; ties keep the order of the steps (a stable descending sort)
    ranked = [steps[i] for i in np.argsort([-step[6] for step in steps], kind="stable")]
    area_, from_option, option_id, option, extra_cost, extra_value, ratio_ = zip(
        *ranked, strict=True
    )
    extra_cost_ = np.array(extra_cost, dtype=float)
    extra_value_ = np.array(extra_value, dtype=float)
    return pd.DataFrame(
        {
            "order": np.arange(1, len(ranked) + 1),
            "area": list(area_),
            "from_option": list(from_option),
            "option_id": list(option_id),
            "option": list(option),
            "extra_cost": extra_cost_,
            "extra_value": extra_value_,
            "value_per_100k": np.array(ratio_, dtype=float),
            "cumulative_cost": np.cumsum(extra_cost_),
            "cumulative_value": np.cumsum(extra_value_),
        }
    )


def value_for_money(items: pd.DataFrame, order: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every option that is not a status quo: benefit gained and NPV change against it.

    ``value_per_100k``: benefit gained per 100,000 € of extra NPV cost (∞ where the option
    gains benefit and costs no more; NaN where it gains nothing); ``best_buy`` is the
    option's position in :func:`best_buys` (0 if it is not on the hull); pass ``order``
    if :func:`best_buys` of these items is at hand.
    """
    # positions and arrays instead of a boolean Series and column reads of the copy
    keep = np.flatnonzero(items["pathway"].to_numpy(dtype=object) != "status_quo")
    rows = items.take(keep)
    gain = items["value_gain"].to_numpy(dtype=float)[keep]
    change = items["npv_change"].to_numpy(dtype=float)[keep]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(
            gain > knapsack.VALUE_TOLERANCE,
            np.where(change > 0, gain / np.where(change > 0, change, 1.0) * 100_000, np.inf),
            np.nan,
        )
    rows["value_per_100k"] = ratio
    order = best_buys(items) if order is None else order
    position = dict(zip(order["option_id"], order["order"], strict=True))
    ids = items["option_id"].to_numpy(dtype=object)[keep]
    rows["best_buy"] = [int(position.get(o, 0)) for o in ids]
    return rows.reset_index(drop=True)


def efficiency_curve(
    items: pd.DataFrame,
    along: str = "investment",
    other_budget: float | None = None,
    pinned: Mapping[str, str] | None = None,
    excluded: Collection[str] = (),
    *,
    excluded_options: Collection[str] = (),
    requires: Sequence[Link] = (),
) -> pd.DataFrame:
    """Best total benefit for every budget ``along`` one dimension, the other budget fixed.

    One row per step of the curve: ``budget`` is the smallest budget at which ``value``
    becomes reachable, ``exact`` says the steps are exact breakpoints (False: the curve was
    sampled at :data:`CURVE_GRID` budgets, each solved exactly, because the state set grew
    too large or links between options need the MILP), and one column per included area names
    the chosen option id. Empty if nothing fits.
    """
    if along not in BUDGET_DIMENSIONS:
        raise InputError(
            "portfolio_bad_dimension", along=along, allowed=", ".join(BUDGET_DIMENSIONS)
        )
    other_name = "annual" if along == "investment" else "investment"
    other_flag = "budget-annual" if along == "investment" else "budget-invest"
    b_other = _budget(other_budget, other_flag)
    problem = _problem(items, dict(pinned or {}), excluded, excluded_options, requires)
    columns = ["budget", "value", "exact", *problem.included]
    if problem.impossible:
        return pd.DataFrame(columns=columns)
    cost = _arrays(items, problem.rows, BUDGET_DIMENSIONS[along])
    constraints = {
        "pinned": pinned, "excluded": excluded,
        "excluded_options": excluded_options, "requires": requires,
    }  # fmt: skip
    if problem.links:
        return _sampled_curve(items, along, other_budget, cost, columns, constraints)
    other = _arrays(items, problem.rows, BUDGET_DIMENSIONS[other_name])
    value = _arrays(items, problem.rows, "value")
    if not math.isfinite(b_other):
        other = [np.zeros(len(c)) for c in other]
    try:
        states = knapsack.forward(
            cost, other, value, math.inf, b_other, max_states=CURVE_STATE_LIMIT
        )
    except knapsack.TooManyStates:
        return _sampled_curve(items, along, other_budget, cost, columns, constraints)
    front = knapsack.pareto_2d(states.cost1, states.value)
    ids = [problem.ids(k) for k in range(len(problem.rows))]
    rows = []
    for index in front:
        picks = states.choices(int(index))
        rows.append(
            [float(states.cost1[index]), float(states.value[index]), True]
            + [names[i] for names, i in zip(ids, picks, strict=True)]
        )
    return pd.DataFrame(rows, columns=columns)


def _sampled_curve(
    items: pd.DataFrame,
    along: str,
    other_budget: float | None,
    cost: list[np.ndarray],
    columns: list[str],
    constraints: Mapping[str, object],
) -> pd.DataFrame:
    """The curve at evenly spaced budgets, each solved exactly (large instances, links)."""
    top = float(sum(c.max() for c in cost))
    rows: list[list[object]] = []
    for budget in np.linspace(0.0, top, CURVE_GRID):
        kwargs = {"budget_investment": budget, "budget_annual": other_budget}
        if along == "annual":
            kwargs = {"budget_investment": other_budget, "budget_annual": budget}
        result = solve(items, **kwargs, **constraints)  # type: ignore[arg-type]
        if result.feasible and (not rows or result.total_value > float(rows[-1][1]) + 1e-9):  # type: ignore[arg-type]
            spent = result.total_investment if along == "investment" else result.total_annual
            rows.append([spent, result.total_value, False, *result.choices["option_id"]])
    return pd.DataFrame(rows, columns=columns)


def budget_range(items: pd.DataFrame, column: str) -> tuple[float, float]:
    """Cheapest and dearest possible total of ``column`` (one option per area)."""
    if items.empty:
        return 0.0, 0.0
    grouped = items.groupby("area", sort=False)[column]
    return float(grouped.min().sum()), float(grouped.max().sum())


ENUMERATION_LIMIT = 50_000
CONFIDENCE_SAMPLES = 1_000
SOLVER_SAMPLES_CAP = 200


@dataclass(frozen=True)
class PortfolioConfidence:
    """How sure the chosen portfolio is under uncertain data and weights.

    ``optimal_share``: share of draws in which the chosen set is still the best set within
    the budgets; ``within_budget_share``: share in which it still fits the budgets (cost
    figures drawn from their ranges); ``chosen_share``: per area and option, the share of
    draws whose best set picks that option.
    """

    samples: int
    seed: int
    optimal_share: float
    within_budget_share: float
    chosen_share: Mapping[str, Mapping[str, float]]

    def to_json_dict(self) -> dict[str, object]:
        return {
            "samples": self.samples,
            "seed": self.seed,
            "optimal_share": round(self.optimal_share, 4),
            "within_budget_share": round(self.within_budget_share, 4),
            "chosen_share": {
                a: {o: round(s, 4) for o, s in shares.items()}
                for a, shares in self.chosen_share.items()
            },
        }


def _drawn_items(
    models: Mapping[str, AreaModel],
    weights: WeightSet,
    area_weights: AreaWeights,
    items: pd.DataFrame,
    samples: int,
    seed: int,
    concentration: float,
    objective: str,
) -> dict[str, np.ndarray]:
    """Per item (columns aligned with ``items``): drawn benefit, investment, annual cost."""
    rng = np.random.default_rng(seed)
    shares = np.array([weights.groups[g] for g in global_value.BENEFIT_GROUPS], dtype=float)
    if objective == "benefit" and (shares > 0).sum() > 1:
        drawn = rng.dirichlet(concentration * shares / shares.sum(), size=samples)
    else:
        drawn = np.tile(shares / max(shares.sum(), 1e-12), (samples, 1))
    out = {k: [] for k in ("value", "investment", "annual_cost")}
    for slug, model in models.items():
        if len(model.options) == 0 or slug not in set(items["area"]):
            continue
        criteria = model.criteria
        ws = weights.for_criteria(criteria)
        low, high = model.bounds
        u = rng.random((samples, *model.matrix.shape))
        matrix = ranges.triangular_quantile(u, low, model.matrix, high)
        points = global_value.values(matrix, criteria)  # samples × m × n
        if objective == "benefit":
            per_group = []
            for g in global_value.BENEFIT_GROUPS:
                mask = (criteria["grp"] == g).to_numpy()
                within = ws.within_weights(criteria) * mask
                per_group.append(
                    points @ (within / within.sum()) if within.sum() > 0 else 0 * points[..., 0]
                )
            total = drawn.sum(axis=1, keepdims=True)
            value = sum(drawn[:, [k]] / total * per_group[k] for k in range(len(per_group)))
        else:
            value = global_value.group_value(matrix, criteria, ws, "citizen_value")
        u_cost = rng.random((samples, len(model.options)))
        opts = model.options
        cost = {
            name: ranges.triangular_quantile(
                u_cost,
                opts[f"{name}_low"].to_numpy(dtype=float)
                if f"{name}_low" in opts
                else opts[name].to_numpy(dtype=float),
                opts[name].to_numpy(dtype=float),
                opts[f"{name}_high"].to_numpy(dtype=float)
                if f"{name}_high" in opts
                else opts[name].to_numpy(dtype=float),
            )
            for name in ("investment", "annual_cost")
        }
        out["value"].append(area_weights.of(slug) * np.asarray(value))
        out["investment"].append(cost["investment"])
        out["annual_cost"].append(cost["annual_cost"])
    return {k: np.concatenate(v, axis=1) for k, v in out.items()}


def portfolio_confidence(
    models: Mapping[str, AreaModel],
    weights: WeightSet,
    area_weights: AreaWeights | None,
    base: PortfolioResult,
    items: pd.DataFrame,
    *,
    objective: str = "benefit",
    samples: int = CONFIDENCE_SAMPLES,
    seed: int = 2021,
    concentration: float = 50.0,
    pinned: Mapping[str, str] | None = None,
    excluded: Collection[str] = (),
    excluded_options: Collection[str] = (),
    requires: Sequence[Link] = (),
) -> PortfolioConfidence | None:
    """Draw data (ranges) and weights; how often is ``base`` still the best set?

    Instances with at most :data:`ENUMERATION_LIMIT` combinations are enumerated for all
    draws at once; larger ones are solved draw by draw (at most
    :data:`SOLVER_SAMPLES_CAP` draws). None if ``base`` is not feasible.
    """
    if not base.feasible or base.choices.empty:
        return None
    area_weights = area_weights or AreaWeights()
    b_inv = _budget(base.budget_investment, "budget-invest")
    b_ann = _budget(base.budget_annual, "budget-annual")
    problem = _problem(items, dict(pinned or {}), excluded, excluded_options, requires)
    sizes = [len(r) for r in problem.rows]
    combos = int(np.prod(sizes)) if sizes else 0
    if combos > ENUMERATION_LIMIT:
        samples = min(samples, SOLVER_SAMPLES_CAP)
    drawn = _drawn_items(
        models, weights, area_weights, items, samples, seed, concentration, objective
    )
    row_of = {o: i for i, o in enumerate(items["option_id"])}
    groups = [problem.ids(k) for k in range(len(problem.rows))]
    index = [np.array([row_of[o] for o in g]) for g in groups]
    base_pick = [g.index(o) for g, o in zip(groups, base.choices["option_id"], strict=True)]
    base_rows = np.array([ix[p] for ix, p in zip(index, base_pick, strict=True)])
    fits_base = knapsack.fits(drawn["investment"][:, base_rows].sum(axis=1), b_inv) & knapsack.fits(
        drawn["annual_cost"][:, base_rows].sum(axis=1), b_ann
    )
    counts = [np.zeros(s) for s in sizes]
    optimal = 0
    if combos <= ENUMERATION_LIMIT:
        grid = np.indices(sizes).reshape(len(sizes), -1)
        ok = np.ones(grid.shape[1], dtype=bool)
        for (ga, ia), (gb, ib) in problem.links:
            ok &= (grid[ga] != ia) | (grid[gb] == ib)
        grid = grid[:, ok]
        select = np.zeros((len(items), grid.shape[1]))  # item × combination, 0/1
        for ix, g in zip(index, grid, strict=True):
            select[ix[g], np.arange(grid.shape[1])] = 1.0
        base_col = np.flatnonzero((grid.T == np.array(base_pick)).all(axis=1))
        step = 250
        for start in range(0, samples, step):
            part = slice(start, start + step)
            value = drawn["value"][part] @ select
            feasible = knapsack.fits(drawn["investment"][part] @ select, b_inv)
            feasible &= knapsack.fits(drawn["annual_cost"][part] @ select, b_ann)
            masked = np.where(feasible, value, -np.inf)
            best = masked.argmax(axis=1)
            top = masked[np.arange(len(best)), best]
            has = np.isfinite(top)
            if len(base_col):
                at_base = masked[:, base_col[0]]
                optimal += int((has & (at_base >= top - knapsack.VALUE_TOLERANCE)).sum())
            for k in range(len(sizes)):
                counts[k] += np.bincount(grid[k][best[has]], minlength=sizes[k])
    else:
        for t in range(samples):
            value = [drawn["value"][t, ix] for ix in index]
            c1 = [drawn["investment"][t, ix] for ix in index]
            c2 = [drawn["annual_cost"][t, ix] for ix in index]
            found, _ = run_solver(c1, c2, value, b_inv, b_ann, problem.links)
            if found is None:
                continue
            picks, total = found
            for k, p in enumerate(picks):
                counts[k][p] += 1
            base_total = sum(v[p] for v, p in zip(value, base_pick, strict=True))
            if fits_base[t] and base_total >= total - knapsack.VALUE_TOLERANCE:
                optimal += 1
    chosen = {
        area: {str(o): float(c / samples) for o, c in zip(g, counts[k], strict=True) if c > 0}
        for k, (area, g) in enumerate(zip(problem.included, groups, strict=True))
    }
    return PortfolioConfidence(
        samples=samples,
        seed=seed,
        optimal_share=optimal / samples,
        within_budget_share=float(fits_base.mean()),
        chosen_share=chosen,
    )
