"""Monte Carlo rank acceptability: how often each option takes each rank under uncertain weights.

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
from core.scoring.area_model import AreaModel
from core.scoring.batch import build_scorer
from core.scoring.weightset import WeightSet

SAMPLING_MODES: tuple[str, ...] = ("around", "uniform")
DEFAULT_SAMPLES = 10_000
DEFAULT_CONCENTRATION = 50.0
DEFAULT_SEED = 2021
MAX_SAMPLES = 1_000_000
CHUNK = 2_000
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
) -> RankAcceptability:
    """Share of samples in which each option takes each rank, and its expected rank.

    The same seed gives the same result. ``progress(done, total)`` is called after each chunk.
    """
    _validate(samples, concentration, mode, seed)
    weights.criterion_weights(model.criteria)  # same validation as rank_area
    scorer = build_scorer(model, weights, method)
    m = scorer.n_options
    counts = np.zeros((m, m))
    rank_sum = np.zeros(m)
    if m:
        shares = sample_shares(scorer.current_shares(weights), samples, mode, concentration, seed)
        for start in range(0, samples, CHUNK):
            ranks = competition_ranks_many(scorer.group_scores(shares[start : start + CHUNK]))
            rank_sum += ranks.sum(axis=0)
            cells = (np.arange(m)[None, :] * m + ranks - 1).reshape(-1)
            counts += np.bincount(cells, minlength=m * m).reshape(m, m)
            if progress is not None:
                progress(min(start + CHUNK, samples), samples)
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
    )
