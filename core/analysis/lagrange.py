"""Exact portfolio optimum for large instances: LP duals, reduced-cost elimination, then
passes of the dynamic programme of :mod:`core.analysis.knapsack` on what is left.

The problem is a multiple-choice knapsack with up to two budgets: one item per group (area),
Σ cost₁ ≤ B₁, Σ cost₂ ≤ B₂, maximise Σ value, and "requires" links between items of
different groups.

Why it is exact. The LP relaxation (the links as rows x_a − x_b ≤ 0) has duals λ₁, λ₂ ≥ 0
per euro and μ ≥ 0 per link. Every item gets a reduced value r = v − λ₁c₁ − λ₂c₂, minus μ of
each link that needs it, plus μ of each link it serves (:func:`reduced_values`); let m_g be
the best r of group g and δ = m_g − r ≥ 0 an item's shortfall. For every portfolio x that
keeps the links and fits the budgets,

    value(x) ≤ Σ_g m_g + λ₁B₁ + λ₂B₂ − Σ_{i∈x} δ_i = U − Σ_{i∈x} δ_i

(each budget adds λ·(B − c(x)) ≥ 0, each link μ·(x_b − x_a) ≥ 0). So a portfolio worth at
least a target T uses only items whose δ add up to at most U − T. A *pass* for T keeps just
those: linked groups are merged into one group of the kept combinations that keep the links
(:func:`linked.combine`, member by member, dropping a partial combination as soon as its δ exceed
U − T), groups left with one item are fixed (they only shift the sums), and the dynamic
programme over the rest drops every state whose bound falls below T: the Lagrangian bound
above and, tighter, the exact one-budget fronts of the remaining groups with the other
budget priced at its λ (:func:`knapsack.relaxation_bound`). If the pass's best portfolio
reaches T it is the optimum (any better one was in the pass); if not, the optimum is below T
and the next pass lowers T (U − T grows by half each time, from the smallest step that gives
a few groups a choice). The passes near U are tiny, and the one that succeeds starts close
to the optimum, where the bound prunes hardest. A short beam search over each group's four
best items by δ gives a floor: at the latest a pass at its value succeeds. Nothing is
approximated: no time limit, no gap.

Where it wins (``make bench``, suite ``portfolio``): 120 areas × 10 options and 60 × 20 with
two budgets, with and without links and must-haves, where HiGHS needs seconds to close the
last fraction of a point of gap on instances whose values rise with cost. The caller falls
back to HiGHS if the state set or a merged group grows past its limit
(:class:`knapsack.TooManyStates`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_array

from core.analysis import knapsack
from core.analysis.linked import Link, combine, components, sum_over

MAX_STATES = 1_000_000
GAP_GROWTH = 1.5  # each failed pass: U − target × 1.5
FIRST_SHARE = 20  # the first pass gives about one group in 20 a choice
INCUMBENT_BEAM = 64  # the floor's beam: states kept per group …
INCUMBENT_ITEMS = 4  # … over each group's items with the smallest δ


def _duals(
    cost1: list[np.ndarray],
    cost2: list[np.ndarray],
    value: list[np.ndarray],
    budget1: float,
    budget2: float,
    links: Sequence[Link] = (),
) -> tuple[float, float, np.ndarray] | None:
    """The LP relaxation's duals: per euro of each budget (0 for an unlimited budget) and per
    link; None if even the LP has no solution (then no portfolio fits). A link "a requires
    b" is the row x_a − x_b ≤ 0; each budget allows what :func:`knapsack.fits` allows."""
    sizes = [len(v) for v in value]
    n, groups = sum(sizes), len(sizes)
    offsets = np.concatenate(([0], np.cumsum(sizes)))
    equal = csr_array(
        (np.ones(n), (np.repeat(np.arange(groups), sizes), np.arange(n))), shape=(groups, n)
    )
    rows, limits, scales = [], [], []
    for cost, budget in ((cost1, budget1), (cost2, budget2)):
        if np.isfinite(budget):
            scale = max(budget, 1.0)  # rows per budget; below 1 € per euro (no overflow)
            rows.append(np.concatenate(cost) / scale)
            limits.append(_room(budget) / scale)
            scales.append(scale)
        else:
            scales.append(np.inf)
    if not rows:  # no budget: the best item of every group, links aside, is a bound
        return 0.0, 0.0, np.zeros(len(links))
    dense = np.array(rows)
    row_index = [np.repeat(np.arange(len(rows)), n)]
    col_index = [np.tile(np.arange(n), len(rows))]
    data = [dense.reshape(-1)]
    for k, ((ga, ia), (gb, ib)) in enumerate(links):
        row_index.append(np.full(2, len(rows) + k))
        col_index.append(np.array([offsets[ga] + ia, offsets[gb] + ib]))
        data.append(np.array([1.0, -1.0]))
    upper = csr_array(
        (np.concatenate(data), (np.concatenate(row_index), np.concatenate(col_index))),
        shape=(len(rows) + len(links), n),
    )
    lp = linprog(
        -np.concatenate(value),
        A_ub=upper,
        b_ub=np.concatenate((limits, np.zeros(len(links)))),
        A_eq=equal,
        b_eq=np.ones(groups),
        bounds=(0, 1),
        method="highs",
    )
    if lp.status == 2:  # infeasible
        return None
    if lp.status != 0:  # numerical trouble: leave the instance to HiGHS' MILP
        raise knapsack.TooManyStates
    marginals = np.maximum(-lp.ineqlin.marginals, 0.0)
    budgets = iter(marginals[: len(rows)])
    lam = [float(next(budgets)) / scale if np.isfinite(scale) else 0.0 for scale in scales]
    return lam[0], lam[1], marginals[len(rows) :]


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
    c1 = [c[k] for c, k in zip(cost1, first, strict=True)]
    c2 = [c[k] for c, k in zip(cost2, first, strict=True)]
    v = [x[k] for x, k in zip(value, first, strict=True)]
    kept = [((ga, position[ga][ia]), (gb, position[gb][ib])) for (ga, ia), (gb, ib) in links]
    duals = _duals(c1, c2, v, budget1, budget2, kept)
    if duals is None:
        return None
    found = _search(c1, c2, v, budget1, budget2, kept, duals)
    if found is None:
        return None
    choice, total = found
    return [int(k[i]) for k, i in zip(first, choice, strict=True)], total


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


def _room(budget: float) -> float:
    """A budget as the bounds use it: what :func:`knapsack.fits` accepts (0 if unlimited:
    its costs count as 0)."""
    return budget + 1e-9 * max(1.0, abs(budget)) if np.isfinite(budget) else 0.0


@dataclass(frozen=True)
class _Reduced:
    """The groups with their reduced values under the duals; flat arrays over all items
    (group by group) for the passes; the links are kept by merging linked groups in each
    pass (:meth:`split`)."""

    c1: list[np.ndarray]
    c2: list[np.ndarray]
    v: list[np.ndarray]
    budget1: float
    budget2: float
    links: Sequence[Link]
    l1: float
    l2: float
    reduced: list[np.ndarray]  # r per item (with the link duals)
    shortfall: list[np.ndarray]  # δ per item: best r of its group − its own
    top: float  # U
    linked: list[list[int]]  # components of more than one group
    alone: np.ndarray  # per group: in no link
    offsets: np.ndarray  # flat position of each group's first item
    group_of: np.ndarray  # per flat item: its group
    local: np.ndarray  # per flat item: its index in its group
    flat: dict[str, np.ndarray]  # c1, c2, v, shortfall per flat item

    @classmethod
    def of(
        cls,
        c1: list[np.ndarray],
        c2: list[np.ndarray],
        v: list[np.ndarray],
        budget1: float,
        budget2: float,
        links: Sequence[Link],
        duals: tuple[float, float, np.ndarray],
    ) -> _Reduced:
        l1, l2, _ = duals
        reduced = reduced_values(c1, c2, v, links, duals)
        best = np.array([r.max() for r in reduced])
        top = float(best.sum() + l1 * _room(budget1) + l2 * _room(budget2))
        shortfall = [m - r for m, r in zip(best, reduced, strict=True)]
        sizes = np.array([len(x) for x in v])
        linked = [m for m in components(len(v), links) if len(m) > 1]
        alone = np.ones(len(v), dtype=bool)
        alone[[g for m in linked for g in m]] = False
        flat = {
            "c1": np.concatenate(c1),
            "c2": np.concatenate(c2),
            "v": np.concatenate(v),
            "shortfall": np.concatenate(shortfall),
        }
        offsets = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        group_of = np.repeat(np.arange(len(v)), sizes)
        local = np.arange(int(sizes.sum())) - offsets[group_of]
        return cls(
            c1, c2, v, budget1, budget2, links, l1, l2, reduced, shortfall, top, linked, alone,
            offsets, group_of, local, flat,
        )  # fmt: skip

    def split(
        self, mask: np.ndarray, limit: float
    ) -> tuple[list[float], np.ndarray, list[_Group]] | None:
        """A pass over the flat items in ``mask``: the sums of the groups it fixes (one item
        left; the programme's starting state), the item per fixed group, and the groups with
        a choice. Each set of linked groups is merged into one group of the combinations of
        kept items that keep the links and whose δ add up to at most ``limit``. None if a
        group has nothing left."""
        count = np.bincount(self.group_of[mask], minlength=len(self.v))
        if (count == 0).any():
            return None
        fixed = mask & (self.alone & (count == 1))[self.group_of]
        picks = np.zeros(len(self.v), dtype=int)
        picks[self.group_of[fixed]] = self.local[fixed]
        start = [float(self.flat[name][fixed].sum()) for name in ("c1", "c2", "v")]
        free = []
        for g in np.flatnonzero(self.alone & (count > 1)):
            items = self.local[self.offsets[g] : self.offsets[g] + len(self.v[g])]
            items = items[mask[self.offsets[g] : self.offsets[g] + len(self.v[g])]]
            parts = (x[g][items] for x in (self.c1, self.c2, self.v, self.reduced))
            free.append(_Group([int(g)], items[:, None], *parts))
        for members in self.linked:
            keep = {g: self.local[self.group_of == g][mask[self.group_of == g]] for g in members}
            grid = combine(members, keep, self.shortfall, limit, self.links)
            if len(grid) == 0:
                return None
            group = _Group(
                members, grid,
                *(sum_over(x, members, grid) for x in (self.c1, self.c2, self.v, self.reduced)),
            )  # fmt: skip
            if len(grid) > 1:
                free.append(group)
                continue
            for k, name in enumerate(("c1", "c2", "v")):
                start[k] += float(getattr(group, name)[0])
            picks[members] = grid[0]
        return start, picks, free

    def bound(self, best: np.ndarray) -> knapsack.Bound:
        """The Lagrangian bound on the best completion of groups k… (their best reduced
        values in ``best``)."""
        rest = np.concatenate((np.cumsum(best[::-1])[::-1], [0.0]))
        room1, room2 = _room(self.budget1), _room(self.budget2)
        return lambda k, spent1, spent2: (
            rest[k] + self.l1 * (room1 - spent1) + self.l2 * (room2 - spent2)
        )


@dataclass(frozen=True)
class _Group:
    """One group of a pass: its members (original groups), its items (combinations: one
    item index per member) and their costs, values and reduced values."""

    members: list[int]
    grid: np.ndarray
    c1: np.ndarray
    c2: np.ndarray
    v: np.ndarray
    reduced: np.ndarray


def _search(
    c1: list[np.ndarray],
    c2: list[np.ndarray],
    v: list[np.ndarray],
    budget1: float,
    budget2: float,
    links: Sequence[Link],
    duals: tuple[float, float, np.ndarray],
) -> tuple[list[int], float] | None:
    """The optimum by passes towards a falling target (see the module docstring)."""
    problem = _Reduced.of(c1, c2, v, budget1, budget2, links, duals)
    shortfall, top = problem.shortfall, problem.top
    tolerance = 1e-9 * max(1.0, abs(top))
    lower, solution = _incumbent(problem)
    widest = max(float(d.max()) for d in shortfall)
    gap = _first_gap(shortfall, top)
    while True:
        # Once the gap covers every item, a last pass at the floor (or without one) decides.
        target = max(top - gap, lower) if gap < widest else lower
        found = _exact(problem, target)
        if found is not None and found[1] >= lower - tolerance:
            solution, lower = found
        # A portfolio worth at least `target` uses only items whose δ add up to at most
        # U − target: all were in this pass, so if its best reaches the target it is the
        # optimum.
        done = found is not None and found[1] >= target - knapsack.VALUE_TOLERANCE
        if done or target <= lower + tolerance:
            return (solution, lower) if solution is not None else None
        gap *= GAP_GROWTH


def reduced_values(
    c1: Sequence[np.ndarray],
    c2: Sequence[np.ndarray],
    v: Sequence[np.ndarray],
    links: Sequence[Link],
    duals: tuple[float, float, np.ndarray],
) -> list[np.ndarray]:
    """r = v − λ₁c₁ − λ₂c₂, minus the duals of the links an item needs, plus those of the
    links that need it. For every portfolio x that keeps the links and fits the budgets,
    value(x) ≤ Σ_{i∈x} r_i + λ₁B₁ + λ₂B₂ (each link adds μ·(x_a − x_b) ≤ 0)."""
    l1, l2, per_link = duals
    reduced = [x - l1 * a - l2 * b for x, a, b in zip(v, c1, c2, strict=True)]
    for ((ga, ia), (gb, ib)), mu in zip(links, per_link, strict=True):
        reduced[ga][ia] -= mu
        reduced[gb][ib] += mu
    return reduced


def _first_gap(shortfall: list[np.ndarray], top: float) -> float:
    """The first pass's U − target: the smallest δ at which about one group in
    :data:`FIRST_SHARE` (at least two) has a second item (a group's step away from its
    Lagrangian choice is its smallest positive δ). Smaller gaps would only repeat passes
    that cannot reach the optimum."""
    steps = sorted(float(d[d > 0].min()) for d in shortfall if (d > 0).any())
    if not steps:
        return max(1.0, abs(top))
    first = steps[min(max(1, len(shortfall) // FIRST_SHARE), len(steps) - 1)]
    # near-ties (float noise) would only add passes that keep the same items
    return max(first, 1e-4 * steps[-1], 1e-9 * max(1.0, abs(top)))


def _incumbent(problem: _Reduced) -> tuple[float, list[int] | None]:
    """A portfolio to fall back on (value, item per group), or (−∞, None): a beam search
    over each group's :data:`INCUMBENT_ITEMS` items with the smallest δ."""
    mask = np.zeros(len(problem.group_of), dtype=bool)
    for g, d in enumerate(problem.shortfall):
        mask[problem.offsets[g] + np.argsort(d, kind="stable")[:INCUMBENT_ITEMS]] = True
    split = problem.split(mask, np.inf)
    if split is None:
        return -np.inf, None
    start, picks, free = split
    guess = knapsack.forward(
        [x.c1 for x in free],
        [x.c2 for x in free],
        [x.v for x in free],
        problem.budget1,
        problem.budget2,
        bound=problem.bound(np.array([x.reduced.max() for x in free])),
        beam=INCUMBENT_BEAM,
        start=(start[0], start[1], start[2]),
    )
    index = knapsack.best_state(guess)
    if index is None:
        return -np.inf, None
    return float(guess.value[index]), _picks(picks, free, guess.choices(index))


def _picks(picks: np.ndarray, free: list[_Group], chosen: list[int]) -> list[int]:
    """Item index per original group: the fixed ones' and one item per group with a choice."""
    picks = picks.copy()
    for group, item in zip(free, chosen, strict=True):
        picks[group.members] = group.grid[item]
    return [int(x) for x in picks]


def _exact(problem: _Reduced, target: float) -> tuple[list[int], float] | None:
    """The pass for ``target``: the best portfolio among items whose δ add up to at most
    U − target, exact if its value reaches the target (states whose bound falls below it
    are dropped); None if no state is left."""
    slack = (problem.top - target) + 1e-9 * max(1.0, abs(problem.top))
    split = problem.split(problem.flat["shortfall"] <= slack, slack)
    if split is None:
        return None
    start, picks, free = split
    # Groups whose items differ most in cost first: the budgets bite early and the bound
    # prunes sooner.
    b1, b2 = problem.budget1, problem.budget2
    scale1 = b1 if np.isfinite(b1) and b1 > 0 else 1.0
    scale2 = b2 if np.isfinite(b2) and b2 > 0 else 1.0
    free.sort(key=lambda x: -float(np.ptp(x.c1) / scale1 + np.ptp(x.c2) / scale2))
    o1, o2, ov = [x.c1 for x in free], [x.c2 for x in free], [x.v for x in free]
    lagrangian = problem.bound(np.array([x.reduced.max() for x in free]))
    relaxation = knapsack.relaxation_bound(o1, o2, ov, b1, b2, multipliers=(problem.l1, problem.l2))

    def bound(k: int, spent1: np.ndarray, spent2: np.ndarray) -> np.ndarray:
        return np.minimum(lagrangian(k, spent1, spent2), relaxation(k, spent1, spent2))

    states = knapsack.forward(
        o1, o2, ov, b1, b2, bound=bound, lower_bound=target, max_states=MAX_STATES,
        start=(start[0], start[1], start[2]),
    )  # fmt: skip
    index = knapsack.best_state(states)
    if index is None:
        return None
    return _picks(picks, free, states.choices(index)), float(states.value[index])
