"""Exact multiple-choice knapsack with up to two budgets (pure numpy, no pandas).

Choose exactly one item per group (area) to maximise the total value subject to
Σ cost₁ ≤ B₁ and Σ cost₂ ≤ B₂. The solver is a dynamic programme over the groups whose states
are partial portfolios (cost₁, cost₂, value). Exactness rests on three prunings that never
discard a state an optimal portfolio could extend:

1. *Dominance*: a state with no lower costs and no higher value than another state cannot
   lead to a better completion (the same completion fits the other state's budgets too).
2. *Feasibility*: a state whose cheapest completion breaks a budget is dropped.
3. *Bound*: the best completion of a state is at most the optimum of the remaining groups
   under each budget alone and under the surrogate budget c₁/B₁ + c₂/B₂ (each a relaxation,
   solved exactly as a one-budget Pareto DP). A state whose value plus that bound is below the
   value of a known feasible portfolio (found first by a beam search) is dropped.

With one budget the cost₂ column is all zero and the state set is the classic
(cost, value) Pareto front, which is also the exact efficiency curve.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

Bound = Callable[[int, np.ndarray, np.ndarray], np.ndarray]

VALUE_TOLERANCE = 1e-9
BEAM_WIDTH = 256
BLOCK = 256


def fits(cost: np.ndarray | float, budget: float) -> np.ndarray | bool:
    """Budget check that forgives float noise in sums of euro amounts."""
    return cost <= budget + 1e-9 * max(1.0, abs(budget)) if np.isfinite(budget) else cost < np.inf


def pareto_2d(cost: np.ndarray, value: np.ndarray) -> np.ndarray:
    """Indices of states not dominated on (lower cost, higher value), sorted by cost."""
    order = np.lexsort((-value, cost))
    v = value[order]
    previous_best = np.concatenate(([-np.inf], np.maximum.accumulate(v)[:-1]))
    return order[v > previous_best]


def pareto_3d(cost1: np.ndarray, cost2: np.ndarray, value: np.ndarray) -> np.ndarray:
    """Indices of states not dominated on (lower cost₁, lower cost₂, higher value).

    After sorting by (cost₁, cost₂, −value) a state is dominated iff an earlier one has
    cost₂ ≤ and value ≥. The states are taken in blocks: within a block by direct comparison,
    against all earlier kept states by a "staircase" (the (cost₂, value) Pareto front of the
    kept states, value rising with cost₂), where one binary search per state answers
    "best value among kept states with cost₂ ≤ mine".
    """
    if cost2.size == 0 or np.ptp(cost2) == 0:
        return pareto_2d(cost1, value)
    order = np.lexsort((-value, cost2, cost1))
    c2, v = cost2[order], value[order]
    keep = np.ones(len(order), dtype=bool)
    stair_c2, stair_v = np.empty(0), np.empty(0)
    earlier = np.tri(BLOCK, k=-1, dtype=bool)
    for start in range(0, len(order), BLOCK):
        bc2, bv = c2[start : start + BLOCK], v[start : start + BLOCK]
        n = len(bv)
        hit = ((bc2[None, :] <= bc2[:, None]) & (bv[None, :] >= bv[:, None]) & earlier[:n, :n]).any(
            axis=1
        )
        if stair_v.size:
            index = np.searchsorted(stair_c2, bc2, side="right") - 1
            hit |= (index >= 0) & (stair_v[np.maximum(index, 0)] >= bv)
        keep[start : start + BLOCK] = ~hit
        merged_c2 = np.concatenate((stair_c2, bc2[~hit]))
        merged_v = np.concatenate((stair_v, bv[~hit]))
        front = pareto_2d(merged_c2, merged_v)
        stair_c2, stair_v = merged_c2[front], merged_v[front]
    return order[keep]


@dataclass(frozen=True, eq=False)
class States:
    """Final DP states and the back-pointers to rebuild each state's choice per group."""

    cost1: np.ndarray
    cost2: np.ndarray
    value: np.ndarray
    parents: tuple[np.ndarray, ...]
    picks: tuple[np.ndarray, ...]

    def choices(self, index: int) -> list[int]:
        """Item index per group for final state ``index``."""
        result = []
        for parent, pick in zip(reversed(self.parents), reversed(self.picks), strict=True):
            result.append(int(pick[index]))
            index = int(parent[index])
        return result[::-1]


class TooManyStates(Exception):
    """The state set outgrew the given limit (the caller falls back to another method)."""


def forward(
    cost1: Sequence[np.ndarray],
    cost2: Sequence[np.ndarray],
    value: Sequence[np.ndarray],
    budget1: float,
    budget2: float,
    *,
    bound: Bound | None = None,
    lower_bound: float = -np.inf,
    beam: int | None = None,
    max_states: int | None = None,
    start: tuple[float, float, float] = (0.0, 0.0, 0.0),
) -> States:
    """The DP over the groups with dominance, feasibility and (optional) bound pruning.

    ``start``: costs and value already spent before the first group (groups fixed to one
    item elsewhere); the budgets and the bound see the totals including it."""
    s1, s2, sv = (np.full(1, float(x)) for x in start)
    if not (fits(s1[0], budget1) and fits(s2[0], budget2)):  # the fixed groups alone break it
        s1, s2, sv = np.zeros(0), np.zeros(0), np.zeros(0)
    parents: list[np.ndarray] = []
    picks: list[np.ndarray] = []
    for k, (c1, c2, v) in enumerate(zip(cost1, cost2, value, strict=True)):
        n1 = (s1[:, None] + c1[None, :]).reshape(-1)
        n2 = (s2[:, None] + c2[None, :]).reshape(-1)
        nv = (sv[:, None] + v[None, :]).reshape(-1)
        parent = np.repeat(np.arange(len(s1)), len(v))
        pick = np.tile(np.arange(len(v)), len(s1))
        ok = fits(n1, budget1) & fits(n2, budget2)
        upper = None
        if bound is not None:
            upper = nv + bound(k + 1, n1, n2)
            ok &= (upper > -np.inf) & (upper >= lower_bound - VALUE_TOLERANCE)
        n1, n2, nv, parent, pick = n1[ok], n2[ok], nv[ok], parent[ok], pick[ok]
        if beam is not None and upper is not None and len(nv) > beam:
            best = np.argpartition(-upper[ok], beam)[:beam]
            n1, n2, nv, parent, pick = n1[best], n2[best], nv[best], parent[best], pick[best]
        keep = pareto_3d(n1, n2, nv)
        s1, s2, sv = n1[keep], n2[keep], nv[keep]
        parents.append(parent[keep])
        picks.append(pick[keep])
        if max_states is not None and len(sv) > max_states:
            raise TooManyStates
    return States(s1, s2, sv, tuple(parents), tuple(picks))


def suffix_fronts(
    cost: Sequence[np.ndarray], value: Sequence[np.ndarray], budget: float
) -> list[tuple[np.ndarray, np.ndarray]]:
    """``fronts[k]``: the (cost, best value) Pareto front of groups k… alone, cost ≤ budget."""
    fronts: list[tuple[np.ndarray, np.ndarray]] = [(np.zeros(1), np.zeros(1))]
    fc, fv = fronts[0]
    for c, v in zip(reversed(cost), reversed(value), strict=True):
        nc = (fc[:, None] + c[None, :]).reshape(-1)
        nv = (fv[:, None] + v[None, :]).reshape(-1)
        ok = fits(nc, budget)
        keep = pareto_2d(nc[ok], nv[ok])
        fc, fv = nc[ok][keep], nv[ok][keep]
        fronts.append((fc, fv))
    return fronts[::-1]


def front_value(front: tuple[np.ndarray, np.ndarray], residual: np.ndarray) -> np.ndarray:
    """Best value of a front with cost ≤ ``residual`` (−inf where nothing fits)."""
    cost, value = front
    if cost.size == 0:
        return np.full(np.shape(residual), -np.inf)
    slack = 1e-9 * np.maximum(1.0, np.abs(residual))
    index = np.searchsorted(cost, residual + slack, side="right") - 1
    return np.where(index >= 0, value[np.maximum(index, 0)], -np.inf)


def lagrange_multiplier(
    cost: Sequence[np.ndarray], value: Sequence[np.ndarray], budget: float
) -> float:
    """λ ≥ 0 minimising λ·B + Σ_groups max(v − λ·c): the LP dual of the one-budget problem.

    The minimiser is the smallest λ at which the unconstrained choice per group (ties to the
    cheaper item) fits the budget; found by bisection on a log scale. Any λ ≥ 0 gives a valid
    bound, so a rough λ costs tightness, never exactness.
    """
    if not cost or not np.isfinite(budget):
        return 0.0
    width = max(len(c) for c in cost)
    c = np.full((len(cost), width), np.inf)
    v = np.full((len(cost), width), -np.inf)
    for k, (ck, vk) in enumerate(zip(cost, value, strict=True)):
        c[k, : len(ck)], v[k, : len(vk)] = ck, vk

    def spent(lam: float) -> float:
        gain = np.where(np.isfinite(c), v - lam * np.where(np.isfinite(c), c, 0.0), -np.inf)
        best = gain.max(axis=1, keepdims=True)
        tied = gain >= best - VALUE_TOLERANCE * max(1.0, lam)
        return float(np.where(tied, c, np.inf).min(axis=1).sum())

    if spent(0.0) <= budget:
        return 0.0
    finite_v = v[np.isfinite(v)]
    finite_c = c[np.isfinite(c)]
    scale = (np.ptp(finite_v) + 1.0) / max(np.ptp(finite_c), 1.0)
    low, high = np.log(scale) - 30.0, np.log(scale) + 30.0
    if spent(float(np.exp(high))) > budget:
        return float(np.exp(high))
    for _ in range(60):
        mid = (low + high) / 2
        if spent(float(np.exp(mid))) <= budget:
            high = mid
        else:
            low = mid
    return float(np.exp(high))


def relaxation_bound(
    cost1: Sequence[np.ndarray],
    cost2: Sequence[np.ndarray],
    value: Sequence[np.ndarray],
    budget1: float,
    budget2: float,
    multipliers: tuple[float, float] | None = None,
) -> Bound:
    """Upper bound on the best completion of a state (see the module docstring, point 3).

    Relaxations: each budget alone (exact one-budget fronts), and each budget moved into the
    objective with a Lagrange multiplier λ (value v − λ·c, plus λ times the budget left), with
    the other budget kept as a front. Every one of them is ≥ the true best completion, for
    any λ ≥ 0: ``multipliers`` (λ₁, λ₂) gives them (e.g. the LP relaxation's budget duals);
    without it each λ is the dual of its budget alone (:func:`lagrange_multiplier`).
    """
    # What fits() accepts: a completion may use the budget left plus its tolerance.
    room1, room2 = (b + 1e-9 * max(1.0, abs(b)) for b in (budget1, budget2))
    relaxations: list[tuple[list, Callable[[np.ndarray, np.ndarray], np.ndarray]]] = []
    lagrange: list[tuple[list, float, int]] = []
    if np.isfinite(budget1) and np.isfinite(budget2):
        for moved, kept, kept_budget, which in (
            (cost2, cost1, budget1, 2),
            (cost1, cost2, budget2, 1),
        ):
            if multipliers is not None:
                lam = multipliers[which - 1]
            else:
                lam = lagrange_multiplier(moved, value, budget2 if which == 2 else budget1)
            if lam > 0:
                shifted = [v - lam * c for v, c in zip(value, moved, strict=True)]
                lagrange.append((suffix_fronts(kept, shifted, kept_budget), lam, which))
    # λ = 0 is the one-budget relaxation itself; add it where no multiplier replaced it.
    if np.isfinite(budget1) and not any(which == 2 for _, _, which in lagrange):
        relaxations.append((suffix_fronts(cost1, value, budget1), lambda a, b: room1 - a))
    if np.isfinite(budget2) and not any(which == 1 for _, _, which in lagrange):
        relaxations.append((suffix_fronts(cost2, value, budget2), lambda a, b: room2 - b))

    def bound(k: int, spent1: np.ndarray, spent2: np.ndarray) -> np.ndarray:
        result = np.full(spent1.shape, np.inf)
        for fronts, residual in relaxations:
            result = np.minimum(result, front_value(fronts[k], residual(spent1, spent2)))
        for fronts, lam, which in lagrange:
            if which == 2:
                extra = front_value(fronts[k], room1 - spent1) + lam * (room2 - spent2)
            else:
                extra = front_value(fronts[k], room2 - spent2) + lam * (room1 - spent1)
            result = np.minimum(result, extra)
        return result

    return bound


def best_state(states: States) -> int | None:
    """Index of the best final state: highest value, then lower cost₁, then lower cost₂."""
    if len(states.value) == 0:
        return None
    every = np.arange(len(states.value))
    return best_of(every, states.value, states.cost1, states.cost2)


def best_of(candidates: np.ndarray, value: np.ndarray, cost1: np.ndarray, cost2: np.ndarray) -> int:
    """The best of ``candidates`` (indices into the other arrays, at least one): the highest
    value (within :data:`VALUE_TOLERANCE`), then the lower cost₁, then the lower cost₂, then
    the first. Every solver here breaks ties by this rule."""
    values = value[candidates]
    candidates = candidates[values >= values.max() - VALUE_TOLERANCE]
    return int(candidates[np.lexsort((cost2[candidates], cost1[candidates]))[0]])


def undominated_items(cost1: np.ndarray, cost2: np.ndarray, value: np.ndarray) -> np.ndarray:
    """Indices of a group's items that no other item of the group beats on all three counts.

    Replacing a dominated item by its dominator keeps every portfolio feasible and no worse,
    so dropping dominated items never loses the optimum.
    """
    return np.sort(pareto_3d(cost1, cost2, value))


def solve(
    cost1: Sequence[np.ndarray],
    cost2: Sequence[np.ndarray],
    value: Sequence[np.ndarray],
    budget1: float = np.inf,
    budget2: float = np.inf,
) -> tuple[list[int], float] | None:
    """Exact optimum: item index per group and total value, or None if nothing fits."""
    c1 = [
        np.zeros(len(v)) if not np.isfinite(budget1) else np.asarray(c)
        for c, v in zip(cost1, value, strict=True)
    ]
    c2 = [
        np.zeros(len(v)) if not np.isfinite(budget2) else np.asarray(c)
        for c, v in zip(cost2, value, strict=True)
    ]
    kept = [undominated_items(a, b, np.asarray(v)) for a, b, v in zip(c1, c2, value, strict=True)]
    c1 = [a[k] for a, k in zip(c1, kept, strict=True)]
    c2 = [b[k] for b, k in zip(c2, kept, strict=True)]
    v = [np.asarray(x)[k] for x, k in zip(value, kept, strict=True)]
    result = _solve_reduced(c1, c2, v, budget1, budget2)
    if result is None:
        return None
    choice, total = result
    return [int(k[i]) for k, i in zip(kept, choice, strict=True)], total


def _solve_reduced(
    cost1: Sequence[np.ndarray],
    cost2: Sequence[np.ndarray],
    value: Sequence[np.ndarray],
    budget1: float,
    budget2: float,
) -> tuple[list[int], float] | None:
    bound = relaxation_bound(cost1, cost2, value, budget1, budget2)
    guess = forward(cost1, cost2, value, budget1, budget2, bound=bound, beam=BEAM_WIDTH)
    guess_index = best_state(guess)
    lower = float(guess.value[guess_index]) if guess_index is not None else -np.inf
    states = forward(cost1, cost2, value, budget1, budget2, bound=bound, lower_bound=lower)
    index = best_state(states)
    if index is None:
        return None
    return states.choices(index), float(states.value[index])


def solve_exhaustive(
    cost1: Sequence[np.ndarray],
    cost2: Sequence[np.ndarray],
    value: Sequence[np.ndarray],
    budget1: float = np.inf,
    budget2: float = np.inf,
) -> tuple[list[int], float] | None:
    """Try every combination (the reference for tests and tiny instances)."""
    sizes = [len(v) for v in value]
    grid = np.indices(sizes).reshape(len(sizes), -1) if sizes else np.zeros((0, 1), dtype=int)
    total1 = sum((c[g] for c, g in zip(cost1, grid, strict=True)), np.zeros(grid.shape[1]))
    total2 = sum((c[g] for c, g in zip(cost2, grid, strict=True)), np.zeros(grid.shape[1]))
    totalv = sum((v[g] for v, g in zip(value, grid, strict=True)), np.zeros(grid.shape[1]))
    ok = fits(total1, budget1) & fits(total2, budget2)
    if not ok.any():
        return None
    best = best_of(np.flatnonzero(ok), totalv, total1, total2)
    return [int(x) for x in grid[:, best]], float(totalv[best])


def _outer_sum(parts: Sequence[np.ndarray]) -> np.ndarray:
    """The sum of one entry of each part for every combination, in the order of
    ``np.indices`` (the first part varies slowest), summed in the parts' order."""
    total = np.zeros(1)
    for part in parts:
        total = np.add.outer(total, np.asarray(part, dtype=float)).ravel()
    return total


class Enumeration:
    """Every combination of one item per group, its totals summed once.

    The best combination within a pair of budgets is then a mask and a maximum, so that
    several budgets on the same instance (a portfolio and what 50,000 € more on each budget
    would buy) cost one enumeration. Same choice as :func:`solve_exhaustive` (:func:`best_of`,
    the costs in euros also for an unlimited budget, in ``np.indices`` order). ``links``
    are ((group, item), (group, item)) pairs: choosing the first item needs the second one.
    """

    def __init__(
        self,
        cost1: Sequence[np.ndarray],
        cost2: Sequence[np.ndarray],
        value: Sequence[np.ndarray],
        links: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
    ) -> None:
        self.sizes = tuple(len(v) for v in value)
        self.total1 = _outer_sum(cost1)
        self.total2 = _outer_sum(cost2)
        self.value = _outer_sum(value)
        self.allowed: np.ndarray | None = None
        if links:
            grid = np.indices(self.sizes).reshape(len(self.sizes), -1)
            allowed = np.ones(grid.shape[1], dtype=bool)
            for (ga, ia), (gb, ib) in links:
                allowed &= (grid[ga] != ia) | (grid[gb] == ib)
            self.allowed = allowed

    def best(
        self, budget1: float = np.inf, budget2: float = np.inf
    ) -> tuple[list[int], float] | None:
        """Item index per group and total value of the best combination, None if none fits."""
        ok = fits(self.total1, budget1) & fits(self.total2, budget2)
        if self.allowed is not None:
            ok &= self.allowed
        candidates = np.flatnonzero(ok)
        if len(candidates) == 0:
            return None
        best = best_of(candidates, self.value, self.total1, self.total2)
        return [int(i) for i in np.unravel_index(best, self.sizes)], float(self.value[best])
