"""Method comparison: the rankings of every registered method (weighted sum, TOPSIS,
PROMETHEE II) side by side."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.scoring import methods
from core.scoring.area_model import AreaModel, rank_area
from core.scoring.weightset import WeightSet


@dataclass(frozen=True)
class MethodComparison:
    """``ranks``: one row per option, one rank column per method; ``agreed_top`` is the
    option every method ranks first (None if they disagree or the area is empty)."""

    ranks: pd.DataFrame
    top: dict[str, tuple[str, ...]]
    agreed_top: str | None

    @property
    def agree(self) -> bool:
        return self.agreed_top is not None


def compare_methods(model: AreaModel, weights: WeightSet) -> MethodComparison:
    """Rank the area with every method; the rows follow the weighted-sum order.

    With a tie at the top a method has several first options; the methods agree when one
    option is first under all of them.
    """
    keys = methods.keys()
    if len(model.options) == 0:
        columns = ["option_id", "option", "pathway", *keys]
        return MethodComparison(pd.DataFrame(columns=columns), {m: () for m in keys}, None)
    rankings = {m: rank_area(model, weights, m) for m in keys}
    base = rankings[keys[0]][["option_id", "option", "pathway"]].copy()
    top: dict[str, tuple[str, ...]] = {}
    for method, ranking in rankings.items():
        base[method] = base["option_id"].map(ranking.set_index("option_id")["rank"]).astype(int)
        top[method] = tuple(ranking.loc[ranking["rank"] == 1, "option_id"])
    shared = set.intersection(*(set(t) for t in top.values()))
    agreed = next((o for o in base["option_id"] if o in shared), None)
    return MethodComparison(base.reset_index(drop=True), top, agreed)
