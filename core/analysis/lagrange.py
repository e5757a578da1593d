"""Exact portfolio optimum for large instances: LP duals, reduced-cost elimination, then the
dynamic programme of :mod:`core.analysis.knapsack` on what is left.

The problem is a multiple-choice knapsack with up to two budgets: one item per group (area),
Σ cost₁ ≤ B₁, Σ cost₂ ≤ B₂, maximise Σ value; "requires" links between items of different
groups are handled by merging each set of linked groups into one group whose items are the
combinations that respect the links (:func:`merge_linked`).

Why it is exact. With the LP relaxation's budget duals λ₁, λ₂ ≥ 0 every item has a reduced
value r = v − λ₁c₁ − λ₂c₂; let m_g be the best reduced value of group g and δ = m_g − r ≥ 0
its shortfall. For every portfolio x that fits the budgets,

    value(x) ≤ Σ_g m_g + λ₁B₁ + λ₂B₂ − Σ_{i∈x} δ_i = U − Σ_{i∈x} δ_i

(add λ·(B − c(x)) ≥ 0 to Σ r). So a portfolio better than a known one of value z uses only
items with δ ≤ U − z: every other item is dropped. A beam search over the dynamic programme
(guided by the same bound) finds z; the exact dynamic programme on the remaining items, with
the bound U − Σδ − λ·(budget left) and the one-budget relaxations of
:func:`knapsack.relaxation_bound` pruning its states, then proves the optimum. Nothing is
approximated: a time limit or a gap is never used.

Where it wins (``make bench``, suite ``portfolio``): 120 areas × 10 options and 60 × 20 with
two budgets, where HiGHS needs seconds to close the last fraction of a point of gap on
instances whose values rise with cost. The caller falls back to HiGHS if the state set or a
merged group grows past its limit (:class:`knapsack.TooManyStates`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_array

from core.analysis import knapsack

BEAM_WIDTH = 1024
MAX_STATES = 1_000_000
MERGE_LIMIT = 200_000  # at most this many combinations in one merged group of linked groups

Link = tuple[tuple[int, int], tuple[int, int]]


def merge_linked(
    cost1: Sequence[np.ndarray],
    cost2: Sequence[np.ndarray],
    value: Sequence[np.ndarray],
    links: Sequence[Link],
) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray], list[list[int]], list[np.ndarray]]:
    """Groups joined by links merged into one group of their link-respecting combinations.

    Returns the new groups' costs and values, ``members[j]`` (original groups of new group
    j) and ``picks[j]`` (combination × member: the original item index). Raises
    :class:`knapsack.TooManyStates` when a merged group would exceed :data:`MERGE_LIMIT`."""
    n = len(value)
    parent = list(range(n))

    def root(g: int) -> int:
        while parent[g] != g:
            parent[g] = parent[parent[g]]
            g = parent[g]
        return g

    for (ga, _), (gb, _) in links:
        parent[root(ga)] = root(gb)
    components: dict[int, list[int]] = {}
    for g in range(n):
        components.setdefault(root(g), []).append(g)
    out1, out2, outv, members, picks = [], [], [], [], []
    for group in sorted(components.values(), key=lambda m: m[0]):
        sizes = [len(value[g]) for g in group]
        if int(np.prod(sizes, dtype=float)) > MERGE_LIMIT:
            raise knapsack.TooManyStates
        grid = np.indices(sizes).reshape(len(group), -1)  # member × combination
        ok = np.ones(grid.shape[1], dtype=bool)
        where = {g: k for k, g in enumerate(group)}
        for (ga, ia), (gb, ib) in links:
            if ga in where:
                ok &= (grid[where[ga]] != ia) | (grid[where[gb]] == ib)
        grid = grid[:, ok]
        out1.append(sum((np.asarray(cost1[g])[grid[k]] for k, g in enumerate(group)), 0.0))
        out2.append(sum((np.asarray(cost2[g])[grid[k]] for k, g in enumerate(group)), 0.0))
        outv.append(sum((np.asarray(value[g])[grid[k]] for k, g in enumerate(group)), 0.0))
        members.append(group)
        picks.append(grid.T)
    return out1, out2, outv, members, picks


def _duals(
    cost1: list[np.ndarray],
    cost2: list[np.ndarray],
    value: list[np.ndarray],
    budget1: float,
    budget2: float,
) -> tuple[float, float] | None:
    """The LP relaxation's budget duals per euro (0 for an unlimited budget); None if even
    the LP has no solution (then no portfolio fits)."""
    sizes = [len(v) for v in value]
    n, groups = sum(sizes), len(sizes)
    equal = csr_array(
        (np.ones(n), (np.repeat(np.arange(groups), sizes), np.arange(n))), shape=(groups, n)
    )
    rows, limits, scales = [], [], []
    for cost, budget in ((cost1, budget1), (cost2, budget2)):
        if np.isfinite(budget):
            scale = budget if budget > 0 else 1.0
            rows.append(np.concatenate(cost) / scale)
            limits.append(budget / scale)
            scales.append(scale)
        else:
            scales.append(np.inf)
    if not rows:
        return 0.0, 0.0
    lp = linprog(
        -np.concatenate(value),
        A_ub=np.array(rows),
        b_ub=np.array(limits),
        A_eq=equal,
        b_eq=np.ones(groups),
        bounds=(0, 1),
        method="highs",
    )
    if lp.status == 2:  # infeasible
        return None
    if lp.status != 0:  # numerical trouble: leave the instance to HiGHS' MILP
        raise knapsack.TooManyStates
    marginals = iter(-lp.ineqlin.marginals)
    lam = [
        max(float(next(marginals)), 0.0) / scale if np.isfinite(scale) else 0.0 for scale in scales
    ]
    return lam[0], lam[1]


def solve(
    cost1: Sequence[np.ndarray],
    cost2: Sequence[np.ndarray],
    value: Sequence[np.ndarray],
    budget1: float = np.inf,
    budget2: float = np.inf,
    links: Sequence[Link] = (),
) -> tuple[list[int], float] | None:
    """Exact optimum: item index per group and total value, or None if nothing fits.

    Raises :class:`knapsack.TooManyStates` if the instance is beyond this method's limits
    (the caller then uses HiGHS)."""
    groups = len(value)
    if groups == 0:
        return [], 0.0
    value = [np.asarray(x, dtype=float) for x in value]
    # an unlimited budget does not constrain: its costs count as 0
    cost1 = [_costs(c, x, budget1) for c, x in zip(cost1, value, strict=True)]
    cost2 = [_costs(c, x, budget2) for c, x in zip(cost2, value, strict=True)]
    if any(len(x) == 0 for x in value):
        return None
    first = _undominated(cost1, cost2, value, links)
    position = [{int(i): j for j, i in enumerate(k)} for k in first]
    c1, c2, v, members, combos = merge_linked(
        [c[k] for c, k in zip(cost1, first, strict=True)],
        [c[k] for c, k in zip(cost2, first, strict=True)],
        [x[k] for x, k in zip(value, first, strict=True)],
        [((ga, position[ga][ia]), (gb, position[gb][ib])) for (ga, ia), (gb, ib) in links],
    )
    if any(len(x) == 0 for x in v):  # linked groups with no combination the links allow
        return None
    kept = [knapsack.undominated_items(a, b, x) for a, b, x in zip(c1, c2, v, strict=True)]
    c1 = [a[k] for a, k in zip(c1, kept, strict=True)]
    c2 = [b[k] for b, k in zip(c2, kept, strict=True)]
    v = [x[k] for x, k in zip(v, kept, strict=True)]
    found = _solve_merged(c1, c2, v, budget1, budget2)
    if found is None:
        return None
    choice, total = found
    picks = [0] * groups
    for j, (group, item) in enumerate(zip(members, choice, strict=True)):
        combination = combos[j][kept[j][item]]
        for g, pick in zip(group, combination, strict=True):
            picks[g] = int(first[g][pick])
    return picks, total


def _costs(cost: np.ndarray, value: np.ndarray, budget: float) -> np.ndarray:
    return np.asarray(cost, dtype=float) if np.isfinite(budget) else np.zeros(len(value))


def _undominated(
    cost1: list[np.ndarray], cost2: list[np.ndarray], value: list[np.ndarray], links: Sequence[Link]
) -> list[np.ndarray]:
    """Per group, the items to keep: every item a link names, and every other item unless an
    item of its group that requires nothing is no dearer on both budgets and worth no less
    (swapping to that one keeps every link and budget: nothing requires the item dropped)."""
    named = {item for link in links for item in link}
    requires = {source for source, _ in links}
    result = []
    for g, (a, b, x) in enumerate(zip(cost1, cost2, value, strict=True)):
        n = len(x)
        beats = (a[:, None] <= a[None, :]) & (b[:, None] <= b[None, :]) & (x[:, None] >= x[None, :])
        strictly = (a[:, None] < a[None, :]) | (b[:, None] < b[None, :]) | (x[:, None] > x[None, :])
        earlier = np.tri(n, k=-1, dtype=bool).T  # [d, o]: d < o (equal items: keep the first)
        beats &= strictly | earlier
        np.fill_diagonal(beats, False)
        able = np.array([(g, i) not in requires for i in range(n)])  # may replace another
        beats &= able[:, None]
        dropped = beats.any(axis=0) & np.array([(g, i) not in named for i in range(n)])
        result.append(np.flatnonzero(~dropped))
    return result


def _solve_merged(
    c1: list[np.ndarray],
    c2: list[np.ndarray],
    v: list[np.ndarray],
    budget1: float,
    budget2: float,
) -> tuple[list[int], float] | None:
    lam = _duals(c1, c2, v, budget1, budget2)
    if lam is None:
        return None
    l1, l2 = lam
    b1 = budget1 if np.isfinite(budget1) else 0.0
    b2 = budget2 if np.isfinite(budget2) else 0.0
    reduced = [x - l1 * a - l2 * b for x, a, b in zip(v, c1, c2, strict=True)]
    best = np.array([r.max() for r in reduced])

    def lagrange_bound(order_best: np.ndarray) -> knapsack.Bound:
        rest = np.concatenate((np.cumsum(order_best[::-1])[::-1], [0.0]))
        return lambda k, spent1, spent2: rest[k] + l1 * (b1 - spent1) + l2 * (b2 - spent2)

    top = float(best.sum() + l1 * b1 + l2 * b2)  # U
    tolerance = 1e-9 * max(1.0, abs(top))
    guess = knapsack.forward(
        c1, c2, v, budget1, budget2, bound=lagrange_bound(best), beam=BEAM_WIDTH
    )
    index = knapsack.best_state(guess)
    if index is None:  # nothing found by the beam (tight budgets): nothing can be dropped
        lower, solution, threshold = -np.inf, None, np.inf
    else:
        lower, solution = float(guess.value[index]), guess.choices(index)
        threshold = CORE_SHARE * (top - lower)
    while True:
        found = _exact(c1, c2, v, best, reduced, budget1, budget2, threshold, lower, l1, l2)
        if found is not None and found[1] >= lower - tolerance:
            solution, lower = found
        # A portfolio better than `lower` uses only items with δ ≤ U − lower: if they were
        # all in this pass, its best is the optimum.
        if top - lower <= threshold + tolerance:
            break
        threshold = top - lower
    if solution is None:
        return None
    return solution, lower


CORE_SHARE = 0.3  # the first exact pass keeps items with δ ≤ 0.3 (U − z): the "core"


def _exact(
    c1: list[np.ndarray],
    c2: list[np.ndarray],
    v: list[np.ndarray],
    best: np.ndarray,
    reduced: list[np.ndarray],
    budget1: float,
    budget2: float,
    threshold: float,
    lower: float,
    l1: float,
    l2: float,
) -> tuple[list[int], float] | None:
    """The best portfolio of at least ``lower`` among items with δ ≤ ``threshold``, exactly
    (None if there is none), by the dynamic programme with both bounds."""
    slack = threshold + 1e-9 * max(1.0, abs(float(best.sum())))
    keep = [np.flatnonzero(m - r <= slack) for m, r in zip(best, reduced, strict=True)]
    if any(len(k) == 0 for k in keep):
        return None
    r1 = [a[k] for a, k in zip(c1, keep, strict=True)]
    r2 = [b[k] for b, k in zip(c2, keep, strict=True)]
    rv = [x[k] for x, k in zip(v, keep, strict=True)]
    # Groups with one item left first (they only shift the sums), then those whose items
    # differ most in cost: the budgets bite early and the bound prunes sooner.
    scale1 = budget1 if np.isfinite(budget1) and budget1 > 0 else 1.0
    scale2 = budget2 if np.isfinite(budget2) and budget2 > 0 else 1.0
    spread = [float(np.ptp(a) / scale1 + np.ptp(b) / scale2) for a, b in zip(r1, r2, strict=True)]
    order = sorted(range(len(rv)), key=lambda g: (len(rv[g]) > 1, -spread[g]))
    o1, o2, ov = [r1[g] for g in order], [r2[g] for g in order], [rv[g] for g in order]
    b1 = budget1 if np.isfinite(budget1) else 0.0
    b2 = budget2 if np.isfinite(budget2) else 0.0
    rest = np.concatenate((np.cumsum(best[order][::-1])[::-1], [0.0]))
    relaxation = knapsack.relaxation_bound(o1, o2, ov, budget1, budget2)

    def bound(k: int, spent1: np.ndarray, spent2: np.ndarray) -> np.ndarray:
        lagrangian = rest[k] + l1 * (b1 - spent1) + l2 * (b2 - spent2)
        return np.minimum(lagrangian, relaxation(k, spent1, spent2))

    states = knapsack.forward(
        o1, o2, ov, budget1, budget2, bound=bound, lower_bound=lower, max_states=MAX_STATES
    )
    index = knapsack.best_state(states)
    if index is None:
        return None
    chosen = states.choices(index)
    picks = [0] * len(rv)
    for position, g in enumerate(order):
        picks[g] = int(keep[g][chosen[position]])
    return picks, float(states.value[index])
