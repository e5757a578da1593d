"""Weight stability: how far a group weight may move before the ranking changes.

One group's share t runs from 0 to 1 while the other effective groups keep their proportion
(s_o(t) = (1 − t) · s_o / Σ s_others). Along that line the weighted sum and PROMETHEE II are
linear in t (score_i(t) = a_i + b_i · t), so every pairwise crossing and the interval in which
the top option stays on top are computed exactly. TOPSIS is not linear: it is evaluated on a
0.1-percentage-point grid and every sign change is refined by bisection, so crossings closer
together than 0.1 pp can be missed (the documented resolution).

Ties are "weak": an option is on top when no other scores more than :data:`TOLERANCE` above it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from core.scoring import area_model
from core.scoring.area_model import AreaModel, rank_area
from core.scoring.batch import BatchScorer, build_scorer
from core.scoring.methods import WeightPath, weight_path
from core.scoring.weights import GROUPS
from core.scoring.weightset import WeightSet

TOLERANCE = 1e-9
GRID_STEPS = 1000  # 0.1 percentage points
BISECTION_STEPS = 26  # 0.001 / 2**26 ≈ 1.5e-11: far below any displayed digit
# Work arrays (sign tables, scores at many shares) stay near this many float64 cells (32 MB)
# whatever the number of options.
BLOCK_CELLS = 1 << 22
# Rows per block while walking out from the current share when options can be bounded over
# a block (TOPSIS): shorter blocks bound more tightly, longer ones cost fewer steps.
EDGE_BLOCK_ROWS = 32
# The first block has at least this many cells (rows × options): with few options one block
# covers the whole side.
EDGE_BLOCK_CELLS = 1 << 15
# Bounds are computed in floating point: an option counts as surely below the top only with
# this much room beyond TOLERANCE.
CERTAIN_MARGIN = 1e-12


@dataclass(frozen=True)
class Crossing:
    """At share ``weight`` options ``leader_below`` and ``leader_above`` swap their order."""

    weight: float
    leader_below: str
    leader_above: str
    score: float
    changes_top: bool


@dataclass(frozen=True)
class GroupStability:
    """Stability of the current top option while one group's share runs from 0 to 1.

    ``lower``/``upper`` bound the interval (shares) in which ``top`` stays on top;
    ``below``/``above`` name the option on top just outside it (None at 0 or 1).
    ``applicable`` is False when the group has no weighted criteria in the area or is the
    only such group, so moving it cannot change anything. ``crossings_listed`` is False when
    only the interval was asked for (``crossings`` is then empty, not "no crossings").
    """

    group: str
    applicable: bool
    exact: bool
    current: float = 0.0
    top: str | None = None
    lower: float = 0.0
    upper: float = 1.0
    below: str | None = None
    above: str | None = None
    crossings: tuple[Crossing, ...] = field(default_factory=tuple)
    crossings_listed: bool = True

    @property
    def robust(self) -> bool:
        """True when the top option stays on top for every weight of this group."""
        return self.lower <= 0.0 and self.upper >= 1.0


@dataclass(frozen=True)
class AreaStability:
    """Stability per group for one area under one weighting and method."""

    area: str
    method: str
    top: str | None
    option_names: dict[str, str]
    groups: dict[str, GroupStability]
    tied_top: tuple[str, ...] = ()


def sweep_shares(scorer: BatchScorer, current: np.ndarray, k: int, t: np.ndarray) -> np.ndarray:
    """Group shares (T×G) with group ``k`` at ``t`` and the others in their current proportion.

    If the others all weigh 0 (t is 1 now), they share the rest equally.
    """
    others = _others(len(current), k)
    rest = current[others]
    total = rest.sum()
    rest = rest / total if total > 0 else np.full(len(others), 1.0 / len(others))
    shares = np.empty((len(t), len(current)))
    shares[:, k] = t
    shares[:, others] = (1.0 - t)[:, None] * rest[None, :]
    return shares


@functools.cache
def _others(groups: int, k: int) -> np.ndarray:
    """The positions of the groups other than ``k`` among ``groups`` (read-only)."""
    others = np.array([g for g in range(groups) if g != k], dtype=int)
    others.setflags(write=False)
    return others


def sweep_scores(scorer: BatchScorer, current: np.ndarray, k: int, t: np.ndarray) -> np.ndarray:
    """Scores (T×m) along the sweep of group ``k``."""
    return scorer.group_scores(sweep_shares(scorer, current, k, np.asarray(t, dtype=float)))


def _top_index(scores: np.ndarray) -> int:
    """Index of the best option; ties go to the first in input order."""
    return int(np.flatnonzero(scores >= scores.max() - TOLERANCE)[0])


def _leader(scorer: BatchScorer, current: np.ndarray, k: int, t: float, exclude: int) -> str:
    """The option on top at ``t`` other than ``exclude`` if it is tied there (for ``below``)."""
    scores = sweep_scores(scorer, current, k, np.array([t]))[0]
    candidates = np.flatnonzero(scores >= scores.max() - TOLERANCE)
    pick = next((int(c) for c in candidates if c != exclude), int(candidates[0]))
    return scorer.option_ids[pick]


def _linear_ends(scorer: BatchScorer, current: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Intercepts a and slopes b of a score linear in t: score_i(t) = a_i + b_i · t."""
    ends = sweep_scores(scorer, current, k, np.array([0.0, 1.0]))
    return ends[0], ends[1] - ends[0]


def _linear_interval(
    scorer: BatchScorer, current: np.ndarray, k: int, top: int
) -> tuple[float, float]:
    """Exact interval of the top option, closed form over all options at once: each other
    option's line meets the top's at −Δa/Δb; rising ones bound it below, falling ones above."""
    a, b = _linear_ends(scorer, current, k)
    da, db = a[top] - a, b[top] - b
    moving = np.abs(db) > TOLERANCE
    roots = -da[moving] / db[moving]
    rising = db[moving] > 0
    # max(0.0, …) as a Python float: a root of −0.0 (equal intercepts) reads as 0.
    return max(0.0, float(roots[rising].max(initial=0.0))), min(
        1.0, float(roots[~rising].min(initial=1.0))
    )


def _linear_crossings(scorer: BatchScorer, current: np.ndarray, k: int) -> list[Crossing]:
    """Every pairwise crossing inside (0, 1) of the lines a + b·t, a block of pairs at a time."""
    a, b = _linear_ends(scorer, current, k)
    parts = []
    for i, j in _pair_blocks(scorer.n_options, 1):
        db = b[i] - b[j]
        moving = np.abs(db) > TOLERANCE
        i, j, db = i[moving], j[moving], db[moving]
        roots = -(a[i] - a[j]) / db
        inside = (roots > TOLERANCE) & (roots < 1.0 - TOLERANCE)
        parts.append((roots[inside], i[inside], j[inside], db[inside] > 0))
    return _crossings_at(scorer, *_joined(parts), lambda t: a[None, :] + b[None, :] * t[:, None])


def _joined(
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The blocks' (roots, first, second, first_rises) as four arrays."""
    if not parts:
        empty = np.zeros(0)
        return empty, empty.astype(int), empty.astype(int), empty.astype(bool)
    roots, first, second, rises = zip(*parts, strict=True)
    return (
        np.concatenate(roots),
        np.concatenate(first),
        np.concatenate(second),
        np.concatenate(rises),
    )


def _pair_blocks(m: int, width: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """All pairs (i, j > i) of ``m`` options, in blocks of whole rows i whose pairs times
    ``width`` cells stay near :data:`BLOCK_CELLS` (one row at least)."""
    budget = max(1, BLOCK_CELLS // max(width, 1))
    start, size = 0, 0
    for i in range(m):
        size += m - 1 - i
        if size >= budget or i == m - 1:
            counts = m - 1 - np.arange(start, i + 1)
            first = np.repeat(np.arange(start, i + 1), counts)
            offsets = np.arange(first.size) - np.repeat(np.cumsum(counts) - counts, counts)
            if first.size:
                yield first, first + 1 + offsets
            start, size = i + 1, 0


def _crossings_at(
    scorer: BatchScorer,
    roots: np.ndarray,
    first: np.ndarray,
    second: np.ndarray,
    first_rises: np.ndarray,
    scores_at: Callable[[np.ndarray], np.ndarray],
) -> list[Crossing]:
    """Crossings of options ``first`` and ``second`` at shares ``roots`` (``first_rises``: the
    first leads above its root); the scores at the roots are taken a block at a time."""
    ids = scorer.option_ids
    crossings: list[Crossing] = []
    step = max(1, BLOCK_CELLS // max(scorer.n_options, 1))
    for lo in range(0, roots.size, step):
        t, rises = roots[lo : lo + step], first_rises[lo : lo + step]
        i, j = first[lo : lo + step], second[lo : lo + step]
        scores = scores_at(t)
        rows = np.arange(t.size)
        level = (scores[rows, i] + scores[rows, j]) / 2
        changes = level >= scores.max(axis=1) - 1e-7
        below, above = np.where(rises, j, i), np.where(rises, i, j)
        crossings.extend(
            Crossing(float(w), ids[lead_below], ids[lead_above], float(s), bool(c))
            for w, lead_below, lead_above, s, c in zip(t, below, above, level, changes, strict=True)
        )
    return crossings


def _sweep_path(scorer: BatchScorer, current: np.ndarray, k: int) -> WeightPath:
    """Scores along the sweep of group ``k``: the criterion weights are affine in t."""
    ends = scorer.criterion_weights(sweep_shares(scorer, current, k, np.array([0.0, 1.0])))
    return weight_path(scorer.kernel, ends[0], ends[1])


def _bisect(
    lo: np.ndarray, hi: np.ndarray, gap: Callable[[np.ndarray, np.ndarray], np.ndarray]
) -> np.ndarray:
    """Vectorised bisection: roots in [lo, hi] of ``gap(t, brackets)`` (a sign change), where
    ``gap`` gives one value per bracket (two options' scores, not every option's)."""
    left, right = lo.astype(float).copy(), hi.astype(float).copy()
    brackets = np.arange(left.size)
    sign_lo = np.sign(gap(left, brackets))
    for _ in range(BISECTION_STEPS):
        mid = (left + right) / 2
        same = np.sign(gap(mid, brackets)) == sign_lo
        left = np.where(same, mid, left)
        right = np.where(same, right, mid)
    return (left + right) / 2


def _signs(values: np.ndarray) -> np.ndarray:
    """−1, 0, +1 per value, 0 within :data:`TOLERANCE` of 0 (as float64)."""
    signs = np.sign(values)
    signs[np.abs(values) <= TOLERANCE] = 0
    return signs


def _grid(t0: float) -> np.ndarray:
    """The 0.1-pp grid plus the current share."""
    return np.union1d(np.linspace(0.0, 1.0, GRID_STEPS + 1), [t0])


def _numerical_interval(
    scorer: BatchScorer, current: np.ndarray, k: int, top: int
) -> tuple[float, float]:
    """Interval of the top option for TOPSIS, from the pairs that include it only.

    The same grid and bisection as :func:`_numerical_crossings`, but walked outwards from the
    current share in growing blocks of rows, and only until no later sign change of a pair
    (top, other) can lie nearer: the edges equal those of the full crossing list, usually
    after a few dozen grid rows instead of all pairs on all 1,001.
    """
    if scorer.n_options < 2:
        return 0.0, 1.0
    path = _sweep_path(scorer, current, k)
    grid = _grid(float(current[k]))
    here = int(np.searchsorted(grid, float(current[k])))
    lower = _edge(scorer.n_options, path, grid, here, -1, top)
    upper = _edge(scorer.n_options, path, grid, here, 1, top)
    return (0.0 if lower is None else lower), (1.0 if upper is None else upper)


def _edge(
    m: int, path: WeightPath, grid: np.ndarray, here: int, direction: int, top: int
) -> float | None:
    """The nearest share beyond grid row ``here`` (``direction`` +1 up, −1 down) where another
    option overtakes the top: the first bracket, in scan order, whose sign of (top − other)
    flips from + to −. None when there is none inside (0, 1).

    Where the path bounds each option's score over a block of rows (TOPSIS), options whose
    upper bound stays more than :data:`TOLERANCE` below the top's lower bound are + on every
    row of the block without being scored: only the options near the top are evaluated.
    """
    t0 = float(grid[here])
    bounds = getattr(path, "bounds", None)

    def signs_at(rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """Signs of (top − option) for ``columns`` on grid ``rows``; the top's own is 0."""
        scores = path.scores(grid[rows], np.concatenate([[top], columns]))
        signs = _signs(scores[:, :1] - scores[:, 1:])
        signs[:, columns == top] = 0
        return signs

    everyone = np.arange(m)
    last = signs_at(np.array([here]), everyone)[0]  # last non-zero sign per option (scan order)
    last_row = np.full(m, here)
    tied = np.flatnonzero(last == 0)
    tied = tied[tied != top]
    if tied.size:  # a pair tied at t0: its bracket starts at its last sign before t0
        behind = np.arange(here - direction, -1 if direction > 0 else grid.size, -direction)
        if behind.size:
            signs = signs_at(behind, tied)
            nonzero = signs != 0
            found = nonzero.any(axis=0)
            first = nonzero.argmax(axis=0)
            last[tied[found]] = signs[first[found], np.flatnonzero(found)]
            last_row[tied[found]] = behind[first[found]]
    best: float | None = None
    # Few options: the whole side in one block (a step costs more than scoring it all).
    frontier, size = here, max(8, EDGE_BLOCK_CELLS // max(m, 1))
    cap = max(size, BLOCK_CELLS // max(m, 1))
    bounded_cap = max(size, EDGE_BLOCK_ROWS)
    while True:
        rows = np.arange(frontier + direction, frontier + direction * (size + 1), direction)
        rows = rows[(rows >= 0) & (rows < grid.size)]
        if rows.size == 0:
            break
        columns = everyone
        if bounds is not None:
            low, high = bounds(float(grid[rows].min()), float(grid[rows].max()))
            below = low[top] - high > TOLERANCE + CERTAIN_MARGIN  # + on every row of the block
            below[top] = False
            last[below] = 1.0
            last_row[below] = rows[-1]
            columns = np.flatnonzero(~below)
        signs = signs_at(rows, columns)
        start, end, position = _falls(last[columns], signs, columns == top)
        column = columns[position]
        if column.size:
            start_row = np.where(start == 0, last_row[column], rows[np.maximum(start - 1, 0)])
            end_row = rows[end - 1]
            roots = _bisect(
                grid[np.minimum(start_row, end_row)],
                grid[np.maximum(start_row, end_row)],
                _gaps(path, top, column),
            )
            valid = (roots > TOLERANCE) & (roots < 1.0 - TOLERANCE)
            valid &= roots >= t0 if direction > 0 else roots <= t0
            if valid.any():
                near = float(roots[valid].min() if direction > 0 else roots[valid].max())
                if best is None or (near < best if direction > 0 else near > best):
                    best = near
        nonzero = signs != 0
        seen = nonzero.any(axis=0)
        newest = signs.shape[0] - 1 - nonzero[::-1].argmax(axis=0)
        last[columns[seen]] = signs[newest[seen], np.flatnonzero(seen)]
        last_row[columns[seen]] = rows[newest[seen]]
        frontier = int(rows[-1])
        if best is not None:
            # A later bracket starts at its option's last non-zero row (or beyond the frontier).
            starts = grid[np.where(last != 0, last_row, frontier)]
            if np.all(starts >= best) if direction > 0 else np.all(starts <= best):
                break
        size = min(size * 2, cap, bounded_cap if bounds is not None else cap)
    return best


def _gaps(
    path: WeightPath, top: int, others: np.ndarray
) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """The bisection's gap of :func:`_edge`: the top's score minus that of each option of
    ``others`` (one bracket each), from the path's ``gaps`` where it has one (TOPSIS: the
    same values, the options' coefficients taken once per bisection)."""

    def each(t: np.ndarray, part: np.ndarray) -> np.ndarray:
        return path.option_scores(t, np.full(part.size, top)) - path.option_scores(t, others[part])

    gaps = getattr(path, "gaps", None)
    if gaps is None:
        return each
    whole = gaps(top, others)
    # every bracket at once (as _bisect asks) from the path's gaps, a part of them as above
    return lambda t, part: whole(t) if part.size == others.size else each(t, part)


def _falls(last: np.ndarray, signs: np.ndarray, is_top: np.ndarray) -> tuple[np.ndarray, ...]:
    """Brackets (start, end, column) in the table ``last`` over ``signs`` (row 0 is ``last``)
    where a sign flips from + to − (the top is overtaken), zeros skipped; ``is_top`` marks
    the top's own column (always 0)."""
    others_zero = signs == 0
    others_zero[:, is_top] = False
    if not others_zero.any():  # no ties in this block: a flip is a change between rows
        previous = np.vstack([last[None, :], signs[:-1]])
        end, column = np.nonzero((previous > 0) & (signs < 0))
        return end, end + 1, column
    start, end, column = _sign_changes(np.vstack([last[None, :], signs]))
    before = np.where(start == 0, last[column], signs[np.maximum(start - 1, 0), column])
    falls = before > 0
    return start[falls], end[falls], column[falls]


def _numerical_crossings(scorer: BatchScorer, current: np.ndarray, k: int) -> list[Crossing]:
    """Every pairwise crossing for TOPSIS (grid of 0.1 pp plus bisection), pairs a block at a
    time so that the sign table stays within :data:`BLOCK_CELLS` for any number of options."""
    path = _sweep_path(scorer, current, k)
    grid = _grid(float(current[k]))
    scores = path.scores(grid)
    parts = []
    for i, j in _pair_blocks(scorer.n_options, len(grid)):
        signs = _signs(scores[:, i] - scores[:, j])
        start, end, pair = _sign_changes(signs)
        if pair.size == 0:
            continue
        first, second = i[pair], j[pair]
        roots = _bisect(
            grid[start],
            grid[end],
            lambda t, part, a=first, b=second: (
                path.option_scores(t, a[part]) - path.option_scores(t, b[part])
            ),
        )
        inside = (roots > TOLERANCE) & (roots < 1.0 - TOLERANCE)
        rises = signs[start, pair] < 0
        parts.append((roots[inside], first[inside], second[inside], rises[inside]))
    return _crossings_at(scorer, *_joined(parts), path.scores)


def _sign_changes(signs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Brackets (start row, end row, column) where a column's non-zero sign flips.

    Zeros (ties) are skipped: a bracket runs from the last non-zero row to the next one.
    """
    rows = np.arange(len(signs))[:, None]
    last = np.maximum.accumulate(np.where(signs != 0, rows, -1), axis=0)
    previous = np.vstack([np.full((1, signs.shape[1]), -1), last[:-1]])
    safe = np.maximum(previous, 0)
    before = np.take_along_axis(signs, safe, axis=0)
    flip = (signs != 0) & (previous >= 0) & (before != signs)
    end, column = np.nonzero(flip)
    return previous[end, column], end, column


def group_stability(
    scorer: BatchScorer,
    weights: WeightSet,
    group: str,
    top: int | None = None,
    *,
    crossings: bool = True,
    current: np.ndarray | None = None,
    leaders: bool = True,
) -> GroupStability:
    """Stability interval (and, with ``crossings``, every crossing) while ``group``'s share
    runs from 0 to 1. ``leaders=False`` leaves ``below`` and ``above`` unnamed (None) for
    :func:`sentence_stability`, which names them for one group only.

    The interval alone is one pass over the options (the stability sentence needs nothing
    more); the crossing list looks at every pair and is what the Sensitivity page shows.
    ``current`` is ``scorer.current_shares(weights)`` where the caller has it.
    """
    exact = scorer.linear
    if group not in scorer.groups or len(scorer.groups) < 2 or scorer.n_options == 0:
        return GroupStability(group=group, applicable=False, exact=exact)
    if current is None:
        current = scorer.current_shares(weights)
    k = scorer.groups.index(group)
    t0 = float(current[k])
    if top is None:
        top = _top_index(sweep_scores(scorer, current, k, np.array([t0]))[0])
    if exact:
        lower, upper = _linear_interval(scorer, current, k, top)
        listed = _linear_crossings(scorer, current, k) if crossings else []
    else:
        lower, upper = _numerical_interval(scorer, current, k, top)
        listed = _numerical_crossings(scorer, current, k) if crossings else []
    lower, upper = min(lower, t0), max(upper, t0)
    below, above = _leaders(scorer, current, k, top, lower, upper) if leaders else (None, None)
    return GroupStability(
        group=group,
        applicable=True,
        exact=exact,
        current=t0,
        top=scorer.option_ids[top],
        lower=float(lower),
        upper=float(upper),
        below=below,
        above=above,
        crossings=tuple(sorted(listed, key=lambda c: (c.weight, c.leader_below))),
        crossings_listed=crossings,
    )


LEADER_STEP = 1e-6  # how far beyond an interval's edge its neighbour is looked up


def _leaders(
    scorer: BatchScorer, current: np.ndarray, k: int, top: int, lower: float, upper: float
) -> tuple[str | None, str | None]:
    """The options on top just below and just above the interval [lower, upper] of the
    sweep of group ``k`` (None at 0 or 1)."""
    below = _leader(scorer, current, k, max(lower - LEADER_STEP, 0.0), top) if lower > 0 else None
    above = _leader(scorer, current, k, min(upper + LEADER_STEP, 1.0), top) if upper < 1 else None
    return below, above


def area_stability(
    model: AreaModel,
    weights: WeightSet,
    method: str = "wsm",
    *,
    ranking: pd.DataFrame | None = None,
    ranked: Mapping[str, np.ndarray] | None = None,
    crossings: bool = True,
) -> AreaStability:
    """Stability of the recommendation of one area for each of the three groups.

    The top option is the first row of :func:`core.scoring.area_model.rank_area`, so the analysis
    speaks about the option the Bereich page recommends; a caller that has that ranking (for
    ``weights`` and ``method``) passes it instead of ranking again, as the frame
    (``ranking``) or as its values (``ranked``: ``option_id``, ``rank`` and ``score`` as
    :func:`core.scoring.area_model.rank_area_values` gives them; that ranking has checked the
    weights already). ``crossings=False`` skips the crossing lists (see
    :func:`group_stability`): the sentence needs only the intervals.
    """
    return _area_stability(model, weights, method, ranking, ranked, crossings, leaders=True)


def sentence_stability(
    model: AreaModel, weights: WeightSet, method: str, *, ranked: Mapping[str, np.ndarray]
) -> AreaStability:
    """What the area's stability sentence reads (``views.stability_sentence``), for less:
    :func:`area_stability` without crossings (``ranked`` as there) whose neighbours
    (``below``/``above``) are named for the group the sentence speaks about only
    (:func:`most_sensitive_group`), not for the others (None). For the sentence, not as an
    analysis to show."""
    stability = _area_stability(model, weights, method, None, ranked, False, leaders=False)
    group = most_sensitive_group(stability)
    if group is None:
        return stability
    scorer = build_scorer(model, weights, method)
    current = scorer.current_shares(weights)
    k = scorer.groups.index(group.group)
    top = scorer.option_ids.index(stability.top)
    below, above = _leaders(scorer, current, k, top, group.lower, group.upper)
    groups = {**stability.groups, group.group: replace(group, below=below, above=above)}
    return replace(stability, groups=groups)


def _area_stability(
    model: AreaModel,
    weights: WeightSet,
    method: str,
    ranking: pd.DataFrame | None,
    ranked: Mapping[str, np.ndarray] | None,
    crossings: bool,
    *,
    leaders: bool,
) -> AreaStability:
    """:func:`area_stability`, with the groups' neighbours named unless ``leaders`` is
    False."""
    if ranked is None or len(model.options) == 0:
        model.criterion_weights(weights)  # same validation (and errors) as rank_area
    scorer = build_scorer(model, weights, method)
    names = dict(zip(scorer.option_ids, scorer.option_names, strict=True))
    if scorer.n_options == 0:
        groups = {g: GroupStability(group=g, applicable=False, exact=scorer.linear) for g in GROUPS}
        return AreaStability(model.area, method, None, names, groups)
    if ranked is None:
        if ranking is None:
            ranking = rank_area(model, weights, method)
        # the three columns read once, as arrays (indexing the frame costs more than the sweep)
        ranked = {name: ranking[name].to_numpy() for name in ("option_id", "rank", "score")}
    top_id = ranked["option_id"][0]
    top = scorer.option_ids.index(top_id)
    # the shares every applicable group starts from (none is applicable with fewer than two)
    current = scorer.current_shares(weights) if len(scorer.groups) >= 2 else None
    groups = {
        g: group_stability(
            scorer, weights, g, top, crossings=crossings, current=current, leaders=leaders
        )
        for g in GROUPS
    }
    tied = area_model.tied_top_of(ranked)
    return AreaStability(model.area, method, top_id, names, groups, tied)


def score_curves(
    model: AreaModel,
    weights: WeightSet,
    method: str,
    group: str,
    points: int = 101,
    crossings: tuple[Crossing, ...] | None = None,
) -> pd.DataFrame:
    """Long table (weight, option_id, option, pathway, score) for the stability chart.

    The grid holds ``points`` evenly spaced shares plus the current share and every
    crossing, so the lines pass exactly through the marked points. ``crossings`` are the
    group's crossings where the caller has them (:func:`area_stability`), else computed.
    """
    scorer = build_scorer(model, weights, method)
    columns = ["weight", "option_id", "option", "pathway", "score"]
    if group not in scorer.groups or len(scorer.groups) < 2 or scorer.n_options == 0:
        return pd.DataFrame(columns=columns)
    current = scorer.current_shares(weights)
    k = scorer.groups.index(group)
    if crossings is None:
        crossings = group_stability(scorer, weights, group).crossings
    grid = np.union1d(np.linspace(0.0, 1.0, points), [current[k], *(c.weight for c in crossings)])
    scores = sweep_scores(scorer, current, k, grid)
    m = scorer.n_options
    return pd.DataFrame(
        {
            "weight": np.repeat(grid, m),
            "option_id": np.tile(scorer.option_ids, len(grid)),
            "option": np.tile(scorer.option_names, len(grid)),
            "pathway": np.tile(scorer.pathways, len(grid)),
            "score": scores.reshape(-1),
        },
        columns=columns,
    )


def most_sensitive_group(stability: AreaStability) -> GroupStability | None:
    """The applicable group whose interval edge lies closest to its current weight."""
    candidates = [g for g in stability.groups.values() if g.applicable and not g.robust]
    if not candidates:
        return None

    def distance(g: GroupStability) -> float:
        edges = [e for e, real in ((g.lower, g.lower > 0), (g.upper, g.upper < 1)) if real]
        return min(abs(g.current - e) for e in edges)

    return min(candidates, key=distance)


def to_json_dict(stability: AreaStability) -> dict[str, object]:
    """Plain-JSON view for the CLI: shares in [0, 1], option names next to ids."""
    names = stability.option_names

    def group_dict(g: GroupStability) -> dict[str, object]:
        if not g.applicable:
            return {"group": g.group, "applicable": False}
        return {
            "group": g.group,
            "applicable": True,
            "exact": g.exact,
            "current_weight": round(g.current, 6),
            "top": names[g.top],
            "interval": [round(g.lower, 6), round(g.upper, 6)],
            "below": names.get(g.below) if g.below else None,
            "above": names.get(g.above) if g.above else None,
            "crossings": [
                {
                    "weight": round(c.weight, 6),
                    "leader_below": names[c.leader_below],
                    "leader_above": names[c.leader_above],
                    "changes_top": c.changes_top,
                }
                for c in g.crossings
            ],
        }

    return {
        "area": stability.area,
        "method": stability.method,
        "top": names.get(stability.top) if stability.top else None,
        "groups": [group_dict(stability.groups[g]) for g in GROUPS],
    }
