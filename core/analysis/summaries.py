"""Derived views over ranked areas: group indices, efficiency frontier, area summaries."""

from __future__ import annotations

import collections
import functools
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.scoring import area_model, normalization
from core.scoring.area_model import AreaModel
from core.scoring.methods.wsm import weighted_sum
from core.scoring.weightset import WeightSet


def group_index(model: AreaModel, weights: WeightSet, group: str) -> np.ndarray:
    """Weighted sum (min-max, 0–100) of one group's criteria alone, per option.

    This is "citizen value" or "feasibility" as its own number, independent of the group
    weights, used for the cost–value scatter and the portfolio's value objective.
    """
    mask = model.group_mask(group)
    if not mask.any() or len(model.options) == 0:
        return np.zeros(len(model.options))
    within = weights.within_weights(model.criteria)[mask]
    if within.sum() <= 0:
        within = np.ones(mask.sum())
    normalized = normalization.normalize(model.matrix[:, mask], model.benefit[mask], "minmax")
    return weighted_sum(normalized, within / within.sum()) * 100


def efficient_frontier(cost: np.ndarray, value: np.ndarray) -> np.ndarray:
    """Mask of options no other option beats on both cost (lower) and value (higher).

    An option is dominated if another is at least as good on both and strictly better on
    one; ties on both keep both options efficient.
    """
    cost = np.asarray(cost, dtype=float)
    value = np.asarray(value, dtype=float)
    no_worse = (cost[None, :] <= cost[:, None]) & (value[None, :] >= value[:, None])
    better = (cost[None, :] < cost[:, None]) | (value[None, :] > value[:, None])
    dominated = (no_worse & better).any(axis=1)
    return ~dominated


def scatter_points(model: AreaModel, weights: WeightSet) -> pd.DataFrame:
    """Rows for the cost–value scatter of one area."""
    citizen = group_index(model, weights, "citizen_value")
    feasible = group_index(model, weights, "feasibility")
    columns = model.columns()
    cost = columns["npv_cost"]
    return pd.DataFrame(
        {
            "option": columns["option"],
            "pathway": columns["pathway"],
            "npv_cost": cost,
            "citizen_value": citizen,
            "feasibility": feasible,
            "efficient": efficient_frontier(cost, citizen),
        }
    )


SUMMARY_COLUMNS = ("option_id", "option", "pathway", "partner", "rank", "score")


def area_summary(ranking: pd.DataFrame) -> dict[str, object]:
    """Best option, its lead over the runner-up and its cost change against the status quo."""
    names = [*SUMMARY_COLUMNS, "npv_cost", "annual_cost", "investment"]
    if "benefit" in ranking:
        names.append("benefit")
    return summary_of({name: ranking[name].to_numpy() for name in names})


def summary_of(values: Mapping[str, np.ndarray]) -> dict[str, object]:
    """:func:`area_summary` of a ranking given as its column values (as
    :func:`core.scoring.area_model.rank_area_values` returns them), without a frame."""
    col = values
    npv = np.asarray(values["npv_cost"], dtype=float)
    annual = np.asarray(values["annual_cost"], dtype=float)
    has_runner_up = len(col["option_id"]) > 1
    at_status_quo = np.flatnonzero(col["pathway"] == "status_quo")
    base = at_status_quo[0] if len(at_status_quo) else None
    return {
        "option_id": col["option_id"][0],
        "option": col["option"][0],
        "pathway": col["pathway"][0],
        "partner": col["partner"][0],
        "score": float(col["score"][0]),
        "lead": float(col["score"][0] - col["score"][1]) if has_runner_up else None,
        "runner_up": col["option"][1] if has_runner_up else None,
        "tied": len(area_model.tied_top_of(values)) > 1,
        "investment": float(values["investment"][0]),
        "benefit": float(values["benefit"][0]) if "benefit" in values else float("nan"),
        "annual_change": float(annual[0] - annual[base]) if base is not None else None,
        "npv_change": float(npv[0] - npv[base]) if base is not None else None,
    }


@functools.cache
def _summary_row(columns: tuple[str, ...]) -> type:
    """A named tuple class for a summary's columns (the one itertuples would make)."""
    return collections.namedtuple("Summary", columns, rename=True)


class Rankings(Mapping[str, pd.DataFrame]):
    """Area → ranking frame (as :func:`core.scoring.area_model.rank_area` returns it), each
    frame built on its first read from the ranking's columns and kept: a frame costs about a
    millisecond, and the Übersicht reads values only (:attr:`Overview.values`). Shared: do
    not change the frames in place."""

    def __init__(self, columns: Mapping[str, Mapping[str, np.ndarray] | None]) -> None:
        self._columns = dict(columns)
        self._frames: dict[str, pd.DataFrame] = {}

    def __getitem__(self, slug: str) -> pd.DataFrame:
        frame = self._frames.get(slug)
        if frame is None:
            frame = area_model.ranking_frame(self._columns[slug])
            # another thread may have built it meanwhile: every reader gets the same frame
            frame = self._frames.setdefault(slug, frame)
        return frame

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)


@dataclass(frozen=True, eq=False)
class Overview:
    """Every area ranked under one weighting (``weights``, which holds the criterion weights
    the rankings computed: an analysis under the same weighting reuses them): the rankings
    (frames built when read), their columns as values (``ranking[column].to_numpy()``,
    area → column → array) and one summary row per area with options (:func:`summary_of`),
    as column lists (``summary_columns``) and as a frame (:attr:`summary`, built when read:
    the Übersicht reads the lists only)."""

    weights: WeightSet
    rankings: Rankings
    values: Mapping[str, Mapping[str, np.ndarray]]
    summary_columns: Mapping[str, list[object]]

    @functools.cached_property
    def summary(self) -> pd.DataFrame:
        """The summary rows as a frame (no columns when no area has an option). Shared: do
        not change it in place."""
        return pd.DataFrame(dict(self.summary_columns) or [])

    def summary_rows(self) -> list[tuple]:
        """The rows of :attr:`summary` as named tuples with the values
        ``summary.itertuples(index=False)`` gives, without the frame: a missing number or
        name (None) reads as NaN, as in the frame's float or text column, unless the whole
        column is missing (an object column of None)."""
        columns = self.summary_columns
        if not columns:
            return []
        row = _summary_row(tuple(columns))
        return list(map(row._make, zip(*map(_as_in_frame, columns.values()))))

    def total(self, column: str) -> float:
        """The sum of a summary column as ``summary[column].sum()`` gives it (missing
        values skipped), from the column's values: the float column's array with its
        missing values set to 0 and summed, as pandas does, without a Series."""
        values = self.summary_columns[column]
        if all(value is None for value in values):  # an object column: pandas' own sum
            return pd.Series(values, dtype=object).sum()
        array = np.array([0.0 if value is None else value for value in values], dtype=float)
        array[np.isnan(array)] = 0.0
        return array.sum()

    def cells(self) -> pd.DataFrame:
        """:func:`pathway_cells` of the rankings, from their values."""
        return pathway_cells_of(self.values)

    def cell_columns(self) -> dict[str, list]:
        """:meth:`cells` as column lists (:func:`pathway_cell_columns`), no frame."""
        return pathway_cell_columns(self.values)


def _as_in_frame(values: list[object]) -> list[object]:
    """A summary column's values as its frame column gives them back: None is NaN in a
    column with other values (float or text), and stays None where every value is None."""
    if None not in values or all(value is None for value in values):
        return values
    return [math.nan if value is None else value for value in values]


def overview_of(models: Mapping[str, AreaModel], weights: WeightSet, method: str) -> Overview:
    """:func:`overview` as an :class:`Overview`: the same rankings and summary, without
    building a ranking frame until one is read, nor the summary frame."""
    columns: dict[str, dict[str, np.ndarray] | None] = {}
    values: dict[str, dict[str, np.ndarray]] = {}
    summary: dict[str, list[object]] = {}
    for slug, model in models.items():
        columns[slug], values[slug] = area_model.rank_area_arrays(model, weights, method)
        if len(values[slug]["option_id"]):
            row = {"area": slug, **summary_of(values[slug])}
            for name, value in row.items():
                summary.setdefault(name, []).append(value)
    return Overview(weights, Rankings(columns), values, summary)


def overview(
    models: Mapping[str, AreaModel], weights: WeightSet, method: str
) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """Rank every area; return the rankings and one summary row per area."""
    result = overview_of(models, weights, method)
    return dict(result.rankings.items()), result.summary


CELL_COLUMNS = ["area", "pathway", "score", "option"]


def pathway_cells(rankings: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Best score and option per area × pathway (for the heatmap)."""
    return pathway_cells_of(
        {
            slug: {name: ranking[name].to_numpy() for name in ("pathway", "score", "option")}
            for slug, ranking in rankings.items()
        }
    )


def pathway_cells_of(values: Mapping[str, Mapping[str, np.ndarray]]) -> pd.DataFrame:
    """:func:`pathway_cells` of rankings given as their column values (area → column →
    array, as :attr:`Overview.values`), without reading a frame."""
    cells = pathway_cell_columns(values)
    if not cells["area"]:
        return pd.DataFrame([], columns=CELL_COLUMNS)  # object columns, as a list of rows gave
    return pd.DataFrame(cells, columns=CELL_COLUMNS)


def pathway_cell_columns(values: Mapping[str, Mapping[str, np.ndarray]]) -> dict[str, list]:
    """The columns of :func:`pathway_cells_of` as lists (:data:`CELL_COLUMNS`, plain Python
    values), for a caller that builds its own frame from them."""
    cells: dict[str, list] = {name: [] for name in CELL_COLUMNS}
    area, pathway, score, option = (cells[name] for name in CELL_COLUMNS)
    for slug, columns in values.items():
        seen: set[str] = set()
        # A ranking is in rank order, so the first option of each pathway is its best.
        # tolist: the same Python values as iterating the columns, without a look-up each
        names = (columns[name].tolist() for name in ("pathway", "score", "option"))
        for best_pathway, best_score, best_option in zip(*names, strict=True):
            if best_pathway not in seen:
                seen.add(best_pathway)
                area.append(slug)
                pathway.append(best_pathway)
                score.append(best_score)
                option.append(best_option)
    return cells
