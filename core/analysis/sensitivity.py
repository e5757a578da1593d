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

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from core.scoring import area_model
from core.scoring.area_model import AreaModel, rank_area
from core.scoring.batch import BatchScorer, build_scorer
from core.scoring.weights import GROUPS
from core.scoring.weightset import WeightSet

TOLERANCE = 1e-9
GRID_STEPS = 1000  # 0.1 percentage points
BISECTION_STEPS = 26  # 0.001 / 2**26 ≈ 1.5e-11: far below any displayed digit


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
    only such group, so moving it cannot change anything.
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
    others = np.delete(np.arange(len(current)), k)
    rest = current[others]
    rest = rest / rest.sum() if rest.sum() > 0 else np.full(len(others), 1.0 / len(others))
    shares = np.empty((len(t), len(current)))
    shares[:, k] = t
    shares[:, others] = (1.0 - t)[:, None] * rest[None, :]
    return shares


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


def _linear_analysis(
    scorer: BatchScorer, current: np.ndarray, k: int, top: int
) -> tuple[float, float, list[Crossing]]:
    """Exact interval and crossings for a score linear in t: score = a + b·t."""
    ends = sweep_scores(scorer, current, k, np.array([0.0, 1.0]))
    a, b = ends[0], ends[1] - ends[0]
    lower, upper = 0.0, 1.0
    for j in range(scorer.n_options):
        da, db = a[top] - a[j], b[top] - b[j]
        if abs(db) <= TOLERANCE:
            continue
        root = -da / db
        if db > 0:
            lower = max(lower, root)
        else:
            upper = min(upper, root)
    crossings = []
    for i in range(scorer.n_options):
        for j in range(i + 1, scorer.n_options):
            db = b[i] - b[j]
            if abs(db) <= TOLERANCE:
                continue
            root = -(a[i] - a[j]) / db
            if not TOLERANCE < root < 1.0 - TOLERANCE:
                continue
            crossings.append(_crossing(scorer, current, k, root, i, j, db > 0))
    return lower, upper, crossings


def _crossing(
    scorer: BatchScorer, current: np.ndarray, k: int, t: float, i: int, j: int, i_rises: bool
) -> Crossing:
    """A crossing of options i and j at share t (``i_rises``: i leads above t)."""
    scores = sweep_scores(scorer, current, k, np.array([t]))[0]
    best = scores.max()
    level = (scores[i] + scores[j]) / 2
    below, above = (j, i) if i_rises else (i, j)
    return Crossing(
        weight=float(t),
        leader_below=scorer.option_ids[below],
        leader_above=scorer.option_ids[above],
        score=float(level),
        changes_top=bool(level >= best - 1e-7),
    )


def _bisect(
    scorer: BatchScorer,
    current: np.ndarray,
    k: int,
    lo: np.ndarray,
    hi: np.ndarray,
    gap,
) -> np.ndarray:
    """Vectorised bisection: roots of ``gap(scores, index)`` in [lo, hi] (sign change)."""
    lo, hi = lo.astype(float).copy(), hi.astype(float).copy()
    sign_lo = np.sign(gap(sweep_scores(scorer, current, k, lo), np.arange(len(lo))))
    for _ in range(BISECTION_STEPS):
        mid = (lo + hi) / 2
        value = np.sign(gap(sweep_scores(scorer, current, k, mid), np.arange(len(lo))))
        same = value == sign_lo
        lo = np.where(same, mid, lo)
        hi = np.where(same, hi, mid)
    return (lo + hi) / 2


def _signs(values: np.ndarray) -> np.ndarray:
    return np.where(np.abs(values) <= TOLERANCE, 0, np.sign(values))


def _numerical_analysis(
    scorer: BatchScorer, current: np.ndarray, k: int, top: int
) -> tuple[float, float, list[Crossing]]:
    """Grid of 0.1 pp plus bisection, for TOPSIS."""
    t0 = float(current[k])
    grid = np.union1d(np.linspace(0.0, 1.0, GRID_STEPS + 1), [t0])
    scores = sweep_scores(scorer, current, k, grid)
    m = scorer.n_options

    pairs = [(i, j) for i in range(m) for j in range(i + 1, m)]
    crossings: list[Crossing] = []
    if not pairs:
        return 0.0, 1.0, crossings
    first = np.array([p[0] for p in pairs])
    second = np.array([p[1] for p in pairs])
    signs = _signs(scores[:, first] - scores[:, second])
    start, end, pair = _sign_changes(signs)
    if pair.size == 0:
        return 0.0, 1.0, crossings

    def pair_gap(s: np.ndarray, rows: np.ndarray) -> np.ndarray:
        return s[rows, first[pair]] - s[rows, second[pair]]

    roots = _bisect(scorer, current, k, grid[start], grid[end], pair_gap)
    for p, root, x in zip(pair, roots, start, strict=True):
        i, j = int(first[p]), int(second[p])
        if TOLERANCE < root < 1.0 - TOLERANCE:
            crossings.append(_crossing(scorer, current, k, root, i, j, signs[x, p] < 0))
    # The top option leaves the top where another option overtakes it: the nearest crossing
    # with the top on either side of the current weight.
    top_id = scorer.option_ids[top]
    lower = max(
        (c.weight for c in crossings if c.leader_above == top_id and c.weight <= t0), default=0.0
    )
    upper = min(
        (c.weight for c in crossings if c.leader_below == top_id and c.weight >= t0), default=1.0
    )
    return lower, upper, crossings


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
    scorer: BatchScorer, weights: WeightSet, group: str, top: int | None = None
) -> GroupStability:
    """Stability interval and crossings while ``group``'s share runs from 0 to 1."""
    exact = scorer.linear
    if group not in scorer.groups or len(scorer.groups) < 2 or scorer.n_options == 0:
        return GroupStability(group=group, applicable=False, exact=exact)
    current = scorer.current_shares(weights)
    k = scorer.groups.index(group)
    t0 = float(current[k])
    if top is None:
        top = _top_index(sweep_scores(scorer, current, k, np.array([t0]))[0])
    analyse = _linear_analysis if exact else _numerical_analysis
    lower, upper, crossings = analyse(scorer, current, k, top)
    lower, upper = min(lower, t0), max(upper, t0)
    step = 1e-6
    below = _leader(scorer, current, k, max(lower - step, 0.0), top) if lower > 0 else None
    above = _leader(scorer, current, k, min(upper + step, 1.0), top) if upper < 1 else None
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
        crossings=tuple(sorted(crossings, key=lambda c: (c.weight, c.leader_below))),
    )


def area_stability(model: AreaModel, weights: WeightSet, method: str = "wsm") -> AreaStability:
    """Stability of the recommendation of one area for each of the three groups.

    The top option is the first row of :func:`core.scoring.area_model.rank_area`, so the analysis
    speaks about the option the Bereich page recommends.
    """
    weights.criterion_weights(model.criteria)  # same validation (and errors) as rank_area
    scorer = build_scorer(model, weights, method)
    names = dict(zip(scorer.option_ids, scorer.option_names, strict=True))
    if scorer.n_options == 0:
        groups = {g: GroupStability(group=g, applicable=False, exact=scorer.linear) for g in GROUPS}
        return AreaStability(model.area, method, None, names, groups)
    ranking = rank_area(model, weights, method)
    top_id = ranking.iloc[0]["option_id"]
    top = scorer.option_ids.index(top_id)
    groups = {g: group_stability(scorer, weights, g, top) for g in GROUPS}
    tied = area_model.tied_top(ranking)
    return AreaStability(model.area, method, top_id, names, groups, tied)


def score_curves(
    model: AreaModel, weights: WeightSet, method: str, group: str, points: int = 101
) -> pd.DataFrame:
    """Long table (weight, option_id, option, pathway, score) for the stability chart.

    The grid holds ``points`` evenly spaced shares plus the current share and every
    crossing, so the lines pass exactly through the marked points.
    """
    scorer = build_scorer(model, weights, method)
    columns = ["weight", "option_id", "option", "pathway", "score"]
    if group not in scorer.groups or len(scorer.groups) < 2 or scorer.n_options == 0:
        return pd.DataFrame(columns=columns)
    current = scorer.current_shares(weights)
    k = scorer.groups.index(group)
    stability = group_stability(scorer, weights, group)
    grid = np.union1d(
        np.linspace(0.0, 1.0, points), [current[k], *(c.weight for c in stability.crossings)]
    )
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
