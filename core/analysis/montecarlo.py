"""Monte Carlo rank acceptability: how often each option takes each rank under uncertain weights
and, with ``data=True``, uncertain data too.

Data (``data=True``): every assessment is drawn from the triangular distribution over its
range (:mod:`core.scoring.ranges`; explicit or the declared default by kind), every option's
cost figures (investment, annual cost, NPV) from theirs with one shared draw per option (cost
lines of one option move together). Each draw is normalised and scored on its own, so an
outlier moves the area's scale as it would in the real ranking.

What is sampled: the shares of the three criterion *groups* (cost, citizen value,
feasibility); the within-group split of each group stays as the user set it. The groups are
what the committee argues about; sampling every criterion weight would mostly measure noise
in sub-weights nobody disputes and would make the result depend on how many criteria a group
happens to have.

How: ``"around"`` draws from a Dirichlet distribution with mean at the current shares and
concentration c (α_g = c · s_g; larger c = closer to the current weights; the standard
deviation of a share s is √(s(1 − s)/(c + 1))). A group weighted 0 stays at 0, the limit of
the Dirichlet as α_g → 0. ``"uniform"`` draws uniformly from all weightings (Dirichlet(1, …, 1)).
All samples are drawn at once from a seeded generator, scored with one matrix product
(:mod:`core.scoring.batch`) and ranked with the app's competition ranking, in chunks so a
progress callback can report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.errors import InputError
from core.scoring import methods, normalization
from core.scoring.area_model import AreaModel, promethee_preferences
from core.scoring.batch import build_scorer
from core.scoring.weightset import WeightSet

SAMPLING_MODES: tuple[str, ...] = ("around", "uniform")
DEFAULT_SAMPLES = 10_000
DEFAULT_CONCENTRATION = 50.0
DEFAULT_SEED = 2021
MAX_SAMPLES = 1_000_000
CHUNK = 2_000
# Data draws make several (draws × options × criteria) temporaries per chunk; small chunks
# keep them in the allocator's reused heap instead of fresh pages from the OS (measured: a
# 2,000-row chunk was 50× slower per draw than 250-row chunks on a loaded machine).
DATA_CHUNK = 250
RANK_DECIMALS = 10  # as core.scoring.ranking.competition_ranks

Progress = Callable[[int, int], None]


@dataclass(frozen=True, eq=False)
class RankAcceptability:
    """One run's result: ``acceptability[i, r]`` = share of samples with option i at rank r+1."""

    option_ids: tuple[str, ...]
    option_names: tuple[str, ...]
    pathways: tuple[str, ...]
    acceptability: np.ndarray
    expected_rank: np.ndarray
    samples: int
    seed: int
    mode: str
    concentration: float
    data: bool = False

    def first_share(self, option_id: str) -> float:
        """Share of draws in which ``option_id`` ranks first (ties share rank 1)."""
        return float(self.acceptability[self.option_ids.index(option_id), 0])

    def table(self) -> pd.DataFrame:
        """One row per option, best expected rank first: expected rank and share of rank 1."""
        frame = pd.DataFrame(
            {
                "option_id": self.option_ids,
                "option": self.option_names,
                "pathway": self.pathways,
                "expected_rank": self.expected_rank,
                "first_share": self.acceptability[:, 0] if self.acceptability.size else [],
            }
        )
        return frame.sort_values(["expected_rank", "option"], kind="stable").reset_index(drop=True)

    def long(self) -> pd.DataFrame:
        """Long table (option, rank, share) for the stacked bar chart; zero shares dropped."""
        m = len(self.option_ids)
        frame = pd.DataFrame(
            {
                "option_id": np.repeat(self.option_ids, m),
                "option": np.repeat(self.option_names, m),
                "expected_rank": np.repeat(self.expected_rank, m),
                "rank": np.tile(np.arange(1, m + 1), m),
                "share": self.acceptability.reshape(-1),
            }
        )
        return frame[frame["share"] > 0].reset_index(drop=True)


def _validate(samples: int, concentration: float, mode: str, seed: int) -> None:
    if mode not in SAMPLING_MODES:
        raise InputError("mc_bad_mode", mode=mode, allowed=", ".join(SAMPLING_MODES))
    if not isinstance(samples, int | np.integer) or not 1 <= samples <= MAX_SAMPLES:
        raise InputError("mc_bad_samples", value=samples, max=MAX_SAMPLES)
    if not np.isfinite(concentration) or concentration <= 0:
        raise InputError("mc_bad_concentration", value=concentration)
    if not isinstance(seed, int | np.integer) or seed < 0:
        raise InputError("mc_bad_seed", value=seed)


def sample_shares(
    current: np.ndarray, samples: int, mode: str, concentration: float, seed: int
) -> np.ndarray:
    """Group shares (samples × G), each row summing to 1."""
    rng = np.random.default_rng(seed)
    if mode == "uniform":
        return rng.dirichlet(np.ones(len(current)), size=samples)
    shares = np.zeros((samples, len(current)))
    positive = current > 0
    if positive.sum() == 1:
        shares[:, positive] = 1.0
    else:
        shares[:, positive] = rng.dirichlet(concentration * current[positive], size=samples)
    return shares


def competition_ranks_many(scores: np.ndarray) -> np.ndarray:
    """Competition ranks per row (1 + number of strictly better scores, rounded as the app).

    Sorted per row, an option's rank is one plus the position where its run of equal scores
    starts; O(m log m) per row instead of comparing every pair.
    """
    keys = -np.round(scores, RANK_DECIMALS) + 0.0
    order = np.argsort(keys, axis=1, kind="stable")
    ordered = np.take_along_axis(keys, order, axis=1)
    position = np.broadcast_to(np.arange(keys.shape[1]), keys.shape)
    starts = np.ones(keys.shape, dtype=bool)
    starts[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    run_start = np.maximum.accumulate(np.where(starts, position, 0), axis=1)
    ranks = np.empty(keys.shape, dtype=int)
    np.put_along_axis(ranks, order, run_start + 1, axis=1)
    return ranks


def rank_acceptability(
    model: AreaModel,
    weights: WeightSet,
    method: str = "wsm",
    *,
    samples: int = DEFAULT_SAMPLES,
    mode: str = "around",
    concentration: float = DEFAULT_CONCENTRATION,
    seed: int = DEFAULT_SEED,
    progress: Progress | None = None,
    data: bool = False,
    data_stack: np.ndarray | None = None,
) -> RankAcceptability:
    """Share of samples in which each option takes each rank, and its expected rank.

    ``data=True`` draws the data from their ranges together with the weights.
    The same seed gives the same result. ``progress(done, total)`` is called after each chunk.

    ``data_stack``: with ``data=True``, the draws :func:`data_stack` made for this model,
    ``samples`` and ``seed`` (they do not depend on the weights: a caller that ranks one
    area under many weightings draws them once); the result is the same as without.
    """
    _validate(samples, concentration, mode, seed)
    if data_stack is not None and (not data or len(data_stack) != samples):
        raise ValueError("data_stack: only with data=True, one matrix per sample")
    weights.criterion_weights(model.criteria)  # same validation as rank_area
    scorer = build_scorer(model, weights, method)
    m = scorer.n_options
    counts = np.zeros((m, m))
    rank_sum = np.zeros(m)
    if m:
        shares = sample_shares(scorer.current_shares(weights), samples, mode, concentration, seed)
        draws = DataDraws(model, seed) if data and data_stack is None else None
        step = DATA_CHUNK if data else CHUNK
        for start in range(0, samples, step):
            chunk = shares[start : start + step]
            if not data:
                scores = scorer.group_scores(chunk)
            else:
                if data_stack is not None:
                    stack = data_stack[start : start + step]
                else:
                    assert draws is not None
                    stack = draws.matrices(len(chunk))
                scores = stack_scores(stack, scorer.criterion_weights(chunk), model, method)
            ranks = competition_ranks_many(scores)
            rank_sum += ranks.sum(axis=0)
            cells = (np.arange(m)[None, :] * m + ranks - 1).reshape(-1)
            counts += np.bincount(cells, minlength=m * m).reshape(m, m)
            if progress is not None:
                progress(min(start + step, samples), samples)
    return RankAcceptability(
        option_ids=scorer.option_ids,
        option_names=scorer.option_names,
        pathways=scorer.pathways,
        acceptability=counts / samples,
        expected_rank=rank_sum / samples,
        samples=samples,
        seed=int(seed),
        mode=mode,
        concentration=float(concentration),
        data=data,
    )


def data_stack(model: AreaModel, samples: int, seed: int = DEFAULT_SEED) -> np.ndarray:
    """The data draws :func:`rank_acceptability` with ``data=True`` makes for this model,
    ``samples`` and ``seed`` (samples × options × criteria), drawn in the same chunks and
    order, so that passing them as its ``data_stack`` gives the same result."""
    _validate(samples, DEFAULT_CONCENTRATION, "around", seed)
    draws = DataDraws(model, seed)
    m, n = model.matrix.shape
    chunks = [
        draws.matrices(min(DATA_CHUNK, samples - start)) for start in range(0, samples, DATA_CHUNK)
    ]
    return np.concatenate(chunks) if chunks else np.empty((0, m, n))


class DataDraws:
    """Seeded draws of one area's matrix from its data ranges, chunk by chunk.

    The generator is separate from the weights' (seed + 1), so switching data sampling on
    does not change the weight draws. Derived cost columns share one uniform number per
    option and draw (its cost lines move together).
    """

    def __init__(self, model: AreaModel, seed: int) -> None:
        self.model = model
        self.rng = np.random.default_rng(seed + 1)
        self.low, self.high = model.bounds
        derived = model.criteria["derived_from"].to_numpy(dtype=object)
        self.cost_columns = np.array([isinstance(d, str) for d in derived], dtype=bool)
        # Only cells with a range are drawn; the triangular quantile's constants per drawn
        # cell are computed once (see ranges.triangular_quantile).
        mode = model.matrix
        width = self.high - self.low
        varies = width > 0
        if self.cost_columns.any():  # an option's cost columns share one draw
            varies |= self.cost_columns & varies.any(axis=1, keepdims=True)
        self.cells = np.flatnonzero(varies.reshape(-1))
        self.shared = (
            self.cost_columns.reshape(1, -1).repeat(mode.shape[0], 0).reshape(-1)[self.cells]
        )
        self.row = np.repeat(np.arange(mode.shape[0]), mode.shape[1])[self.cells]
        flat = (self.low.reshape(-1), mode.reshape(-1), self.high.reshape(-1), width.reshape(-1))
        low, mid, high, wide = (a[self.cells] for a in flat)
        self.cell_low, self.cell_high = low, high
        self.split = np.where(wide > 0, (mid - low) / np.where(wide > 0, wide, 1.0), 1.0)
        self.left = wide * (mid - low)
        self.right = wide * (high - mid)

    def matrices(self, size: int) -> np.ndarray:
        """``size`` sampled matrices (size × options × criteria)."""
        m, n = self.model.matrix.shape
        out = np.broadcast_to(self.model.matrix.reshape(-1), (size, m * n)).copy()
        if len(self.cells):
            u = self.rng.random((size, len(self.cells)))
            if self.shared.any():
                per_option = self.rng.random((size, m))
                u[:, self.shared] = per_option[:, self.row[self.shared]]
            below = u < self.split
            root = np.sqrt(np.where(below, u * self.left, (1.0 - u) * self.right))
            out[:, self.cells] = np.where(below, self.cell_low + root, self.cell_high - root)
        return out.reshape(size, m, n)


def normalize_stack(stack: np.ndarray, benefit: np.ndarray, method: str) -> np.ndarray:
    """:func:`core.scoring.normalization.normalize` applied to every matrix of a stack.

    Same formulas and the same rule for columns without spread (1.0), over axis 1 (options).
    """
    if method == "none":
        return np.where(benefit, stack, -stack)
    scale = np.max(np.abs(stack), axis=1, keepdims=True)
    spread = np.ptp(stack, axis=1, keepdims=True)
    constant = spread <= normalization.CONSTANT_TOLERANCE * scale
    y = stack / np.where(scale > 0, scale, 1.0)
    if method == "minmax":
        low, high = y.min(axis=1, keepdims=True), y.max(axis=1, keepdims=True)
        width = np.where(constant, 1.0, high - low)
        result = np.where(benefit, (y - low) / width, (high - y) / width)
    elif method == "max":
        high = y.max(axis=1, keepdims=True)
        if np.any((high <= 0) & ~constant):
            raise InputError("normalization_nonpositive", normalization=method, criterion=1)
        high = np.where(constant, 1.0, high)
        result = np.where(benefit, y / high, 1.0 - y / high)
    elif method == "vector":
        norm = np.sqrt(np.sum(y * y, axis=1, keepdims=True))
        norm = np.where(constant, 1.0, norm)
        result = np.where(benefit, y / norm, 1.0 - y / norm)
    else:  # "sum" and any other: one matrix at a time
        result = np.stack([normalization.normalize(x, benefit, method) for x in stack])
        return result
    return np.where(constant, normalization.CONSTANT_VALUE, result)


def _wsm_minmax(stack: np.ndarray, weights: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """Weighted sum of min–max normalised draws without building the normalised stack.

    Per draw t and criterion j the normalised value is a + c·x with c = ±1/spread (− for a
    cost column) and a constant, so the score is Σ_j w_j c_j x_ij + Σ_j w_j a_j: one
    weighted reduction over the raw draws. A column without spread counts 1.0 (as
    :func:`core.scoring.normalization.normalize`).
    """
    low, high = stack.min(axis=1), stack.max(axis=1)  # T × n
    spread = high - low
    scale = np.maximum(np.abs(low), np.abs(high))
    constant = spread <= normalization.CONSTANT_TOLERANCE * scale
    safe = np.where(constant, 1.0, spread)
    slope = np.where(constant, 0.0, np.where(benefit, 1.0, -1.0) / safe)
    intercept = np.where(
        constant, normalization.CONSTANT_VALUE, np.where(benefit, -low, high) / safe
    )
    coefficient = weights * slope
    return np.einsum("tij,tj->ti", stack, coefficient) + (weights * intercept).sum(axis=1)[:, None]


def stack_scores(
    stack: np.ndarray, criterion_weights: np.ndarray, model: AreaModel, method: str
) -> np.ndarray:
    """Scores (draws × options), draw t scored on matrix ``stack[t]`` with weights row t.

    Weighted sum and TOPSIS in closed form over the stack, PROMETHEE II by pairwise
    differences with the area's preference functions; another registered method one draw
    at a time through its spec.
    """
    spec = methods.get(method)
    if method == "wsm" and spec.normalization == "minmax":
        return _wsm_minmax(stack, criterion_weights, model.benefit)
    normalized = normalize_stack(stack, model.benefit, spec.normalization)
    w = criterion_weights[:, None, :]
    if method == "wsm":
        return np.einsum("tij,tj->ti", normalized, criterion_weights)
    if method == "topsis":
        v = normalized * w
        d_plus = np.sqrt(np.sum((v - v.max(axis=1, keepdims=True)) ** 2, axis=2))
        d_minus = np.sqrt(np.sum((v - v.min(axis=1, keepdims=True)) ** 2, axis=2))
        total = d_plus + d_minus
        closeness = np.full(total.shape, 0.5)
        np.divide(d_minus, total, out=closeness, where=total > 0)
        return closeness
    preference = promethee_preferences(model) if spec.uses_preferences else None
    if method == "promethee2" and preference is not None:
        m = normalized.shape[1]
        if m < 2:
            return np.zeros(normalized.shape[:2])
        net = np.zeros(normalized.shape)
        for j, pref in enumerate(preference):
            column = normalized[:, :, j]
            d = column[:, :, None] - column[:, None, :]
            if pref["function"] == "linear":
                q, p = float(pref["q"]), float(pref["p"])  # type: ignore[arg-type]
                pairwise = np.clip((d - q) / (p - q), 0.0, 1.0)
            else:
                pairwise = (d > 0).astype(float)
            net[:, :, j] = (pairwise.sum(axis=2) - pairwise.sum(axis=1)) / (m - 1)
        return np.einsum("tij,tj->ti", net, criterion_weights)
    return np.stack(
        [
            spec.score(x, wt / wt.sum(), preference)[0]
            for x, wt in zip(normalized, criterion_weights, strict=True)
        ]
    )
