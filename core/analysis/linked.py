"""Linked groups of the portfolio: "requires" links join groups (areas) into components, and a
component becomes one group whose items are the combinations of its members' items that keep
every link (used by :mod:`core.analysis.lagrange`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from core.analysis import knapsack

MERGE_LIMIT = 200_000  # at most this many combinations in one merged group of linked groups

Link = tuple[tuple[int, int], tuple[int, int]]


def components(groups: int, links: Sequence[Link]) -> list[list[int]]:
    """The sets of groups that links join (each sorted, in order of their first group)."""
    parent = list(range(groups))

    def root(g: int) -> int:
        while parent[g] != g:
            parent[g] = parent[parent[g]]
            g = parent[g]
        return g

    for (ga, _), (gb, _) in links:
        parent[root(ga)] = root(gb)
    found: dict[int, list[int]] = {}
    for g in range(groups):
        found.setdefault(root(g), []).append(g)
    return sorted(found.values(), key=lambda m: m[0])


def combine(
    members: list[int],
    items: Sequence[np.ndarray] | Mapping[int, np.ndarray],
    weight: Sequence[np.ndarray],
    limit: float,
    links: Sequence[Link],
) -> np.ndarray:
    """The combinations (rows; one column per member: an item index) of the members'
    ``items`` that keep every link among the members and whose ``weight`` (≥ 0 per item)
    adds up to at most ``limit``. Built one member at a time, each partial combination
    checked at once (weights only grow), so what is dropped never multiplies. Raises
    :class:`knapsack.TooManyStates` past :data:`MERGE_LIMIT` combinations."""
    column = {g: k for k, g in enumerate(members)}
    grid = np.asarray(items[members[0]])[:, None]
    total = np.asarray(weight[members[0]])[grid[:, 0]]
    grid, total = grid[total <= limit], total[total <= limit]
    for k, g in enumerate(members[1:], start=1):
        chosen = np.asarray(items[g])
        if len(grid) * len(chosen) > MERGE_LIMIT:
            raise knapsack.TooManyStates
        grid = np.hstack(
            (np.repeat(grid, len(chosen), axis=0), np.tile(chosen, len(grid))[:, None])
        )
        total = np.repeat(total, len(chosen)) + np.tile(np.asarray(weight[g])[chosen], len(total))
        ok = total <= limit
        for (ga, ia), (gb, ib) in links:  # checked once both ends are in
            if ga in column and gb in column and max(column[ga], column[gb]) == k:
                ok &= (grid[:, column[ga]] != ia) | (grid[:, column[gb]] == ib)
        grid, total = grid[ok], total[ok]
    return grid


def sum_over(arrays: Sequence[np.ndarray], members: list[int], grid: np.ndarray) -> np.ndarray:
    """Per combination, the sum of its members' entries."""
    parts = (np.asarray(arrays[g])[grid[:, k]] for k, g in enumerate(members))
    return sum(parts, np.zeros(len(grid)))
