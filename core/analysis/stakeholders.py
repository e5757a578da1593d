"""Stakeholder weights for the committee: profiles, group aggregation, spread, dissent.

Each participant (a faction, a department) saves a weighting as a stakeholder profile
(``weight_profiles`` kind ``stakeholder``, see :mod:`core.editing.scenarios`). The group weighting
aggregates the individual priorities (AIP): every profile is first turned into shares –
group shares summing to 1, and within each group sub-criterion shares summing to 1 – then
the shares are averaged, by the arithmetic or the geometric mean, and renormalised.
(Forman & Peniwati 1998, "Aggregating individual judgments and priorities with the
analytic hierarchy process", EJOR 108(1), 165–169: for AIP both means are valid; the
geometric mean is the one that keeps ratios, and a zero from one participant acts as a
veto.) If the geometric mean leaves a level with nothing but zeros (each participant zeroed
a different item), that level falls back to the arithmetic mean and the result says so.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from core.editing import audit, auth, scenarios
from core.editing.scenarios import Profile
from core.errors import InputError
from core.scoring.area_model import AreaModel, rank_area
from core.scoring.weights import GROUPS
from core.scoring.weightset import WeightSet

MEANS = ("arithmetic", "geometric")
KIND = "stakeholder"


def save(
    conn: duckdb.DuckDBPyConnection,
    actor: auth.Actor,
    name: str,
    weights: WeightSet,
    criteria: pd.DataFrame,
    *,
    slug: str | None = None,
) -> tuple[str, audit.WriteResult]:
    """Save a stakeholder's weights: an editor any profile, a participant only their own.

    A participant's link names the slug, so their entry always lands in the same profile
    and overwrites their earlier one; an editor (the facilitator) may overwrite any.
    """
    if isinstance(actor, auth.Actor) and actor.role == auth.PARTICIPANT:
        if not slug or slug != actor.scope:
            raise auth.PermissionDeniedError("auth_editor_required")
        permit: Callable[[auth.Actor], object] = lambda a: auth.require_participant(a, slug)  # noqa: E731
    else:
        permit = auth.require_editor
    return scenarios.save(
        conn, actor, name, weights, criteria, kind=KIND, slug=slug, overwrite=True, permit=permit
    )


def profiles(conn: duckdb.DuckDBPyConnection) -> list[Profile]:
    """All active stakeholder profiles, oldest first."""
    return scenarios.list_profiles(conn, KIND)


# --- shares and aggregation ---------------------------------------------------------------------


def _group_share_rows(weights: Sequence[WeightSet]) -> np.ndarray:
    """One row of group shares (:data:`GROUPS` order) per weighting."""
    return np.array([list(w.group_shares().values()) for w in weights], dtype=float)


def within_shares(weights: WeightSet, criteria: pd.DataFrame) -> np.ndarray:
    """Sub-criterion weights as shares within their group (each group sums to 1, or 0 if empty)."""
    raw = weights.within_weights(criteria)
    groups = criteria["grp"].to_numpy()
    shares = np.zeros(len(raw))
    for group in GROUPS:
        mask = groups == group
        total = raw[mask].sum()
        if total > 0:
            shares[mask] = raw[mask] / total
    return shares


def _mean(matrix: np.ndarray, how: str) -> tuple[np.ndarray, bool]:
    """Column means of share rows, renormalised to sum 1; True if geometric fell back."""
    if how == "arithmetic":
        mean = matrix.mean(axis=0)
    else:
        with np.errstate(divide="ignore"):
            mean = np.exp(np.log(matrix).mean(axis=0))
        if mean.sum() <= 0:
            return _mean(matrix, "arithmetic")[0], True
    total = mean.sum()
    return (mean / total if total > 0 else mean), False


@dataclass(frozen=True)
class Aggregate:
    """The group weighting and which levels fell back from geometric to arithmetic."""

    weights: WeightSet
    fallbacks: tuple[str, ...]  # "groups" and/or group keys


def aggregate(
    members: Sequence[WeightSet],
    criteria: pd.DataFrame,
    how: str = "arithmetic",
    method: str = "wsm",
) -> Aggregate:
    """The group weighting of ``members`` by the arithmetic or geometric mean of shares.

    Group weights come out in percent (summing to 100), sub-criterion weights in percent of
    their group; ``method`` is the scoring method the group result is ranked with.
    """
    if how not in MEANS:
        raise InputError("aggregate_unknown_mean", how=how, allowed=", ".join(MEANS))
    if not members:
        raise InputError("aggregate_no_profiles")
    fallbacks: list[str] = []
    groups, fell_back = _mean(_group_share_rows(members), how)
    if fell_back:
        fallbacks.append("groups")
    within_matrix = np.vstack([within_shares(m, criteria) for m in members])
    member_groups = criteria["grp"].to_numpy()
    within = np.zeros(len(criteria))
    for group in GROUPS:
        mask = member_groups == group
        if not mask.any():
            continue
        block = within_matrix[:, mask]
        block = block[block.sum(axis=1) > 0]  # a member who left the group at 0 has no say in it
        if len(block) == 0:
            continue
        part, fell_back = _mean(block, how)
        within[mask] = part
        if fell_back:
            fallbacks.append(group)
    result = WeightSet(
        {g: float(v) * 100 for g, v in zip(GROUPS, groups, strict=True)},
        {k: float(v) * 100 for k, v in zip(criteria["key"], within, strict=True)},
        method,
    )
    return Aggregate(result, tuple(fallbacks))


def spread(
    members: Mapping[str, WeightSet], criteria: pd.DataFrame, group: WeightSet
) -> pd.DataFrame:
    """Per weight (group share, sub-criterion share within its group): min, max, group value.

    All values are percentages. Rows: the three groups first, then every criterion.
    """
    names = list(members)
    g_matrix = _group_share_rows([members[n] for n in names]) * 100
    w_matrix = np.vstack([within_shares(members[n], criteria) for n in names]) * 100
    group_row = _group_share_rows([group])[0] * 100
    within_row = within_shares(group, criteria) * 100
    rows = []
    for j, g in enumerate(GROUPS):
        column = g_matrix[:, j]
        rows.append(
            {
                "level": "group",
                "key": g,
                "group": g,
                "min": column.min(),
                "max": column.max(),
                "min_by": names[int(column.argmin())],
                "max_by": names[int(column.argmax())],
                "aggregate": group_row[j],
            }
        )
    for j, (key, grp) in enumerate(zip(criteria["key"], criteria["grp"], strict=True)):
        column = w_matrix[:, j]
        rows.append(
            {
                "level": "criterion",
                "key": key,
                "group": grp,
                "min": column.min(),
                "max": column.max(),
                "min_by": names[int(column.argmin())],
                "max_by": names[int(column.argmax())],
                "aggregate": within_row[j],
            }
        )
    frame = pd.DataFrame(rows)
    frame["range"] = frame["max"] - frame["min"]
    return frame


def dissent(
    models: Mapping[str, AreaModel],
    members: Mapping[str, WeightSet],
    group: WeightSet,
) -> pd.DataFrame:
    """Per stakeholder and area: their top option, the group's top option, whether they differ."""
    rows = []
    for area, model in models.items():
        group_rank = rank_area(model, group.for_criteria(model.criteria), group.method)
        group_top = scenarios.top_options(group_rank)
        names = dict(zip(group_rank["option_id"], group_rank["option"]))
        for name, weights in members.items():
            ranking = rank_area(model, weights.for_criteria(model.criteria), group.method)
            own = scenarios.top_options(ranking)
            rows.append(
                {
                    "stakeholder": name,
                    "area": area,
                    "own_top": " = ".join(sorted(names[o] for o in own)),
                    "group_top": " = ".join(sorted(names[o] for o in group_top)),
                    "differs": own != group_top,
                }
            )
    return pd.DataFrame(rows, columns=["stakeholder", "area", "own_top", "group_top", "differs"])
