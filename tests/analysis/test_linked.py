"""Linked groups (core.analysis.linked): a component of linked groups becomes one group of the
combinations that keep its links; merging member by member with early dropping gives exactly
the filtered product."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings, strategies as st

from core.analysis import linked
from tests.analysis.test_lagrange import problems


def test_linked_groups_become_one_group_of_the_combinations_the_links_allow() -> None:
    cost = [np.array([1.0, 2.0]), np.array([10.0, 20.0, 30.0]), np.array([5.0])]
    value = [np.array([1.0, 2.0]), np.array([3.0, 4.0, 5.0]), np.array([6.0])]
    links = [((0, 1), (1, 2))]  # item 1 of group 0 requires item 2 of group 1
    assert linked.components(3, links) == [[0, 1], [2]]
    every = [np.arange(len(x)) for x in value]
    grid = linked.combine([0, 1], every, [0 * x for x in value], np.inf, links)
    assert [tuple(p) for p in grid.tolist()] == [(0, 0), (0, 1), (0, 2), (1, 2)]
    assert linked.sum_over(cost, [0, 1], grid).tolist() == [11.0, 21.0, 31.0, 32.0]
    assert linked.sum_over(value, [0, 1], grid).tolist() == [4.0, 5.0, 6.0, 7.0]
    # a limit on the summed weights drops combinations as they are built
    short = linked.combine([0, 1], every, cost, 25.0, links)
    assert [tuple(p) for p in short.tolist()] == [(0, 0), (0, 1)]


@settings(max_examples=100, deadline=None)
@given(problems(), st.floats(0, 30), st.integers(0, 2**32 - 1))
def test_combinations_are_the_product_filtered_by_links_and_limit(problem, limit, seed) -> None:
    """Merging member by member with early dropping gives exactly the combinations of the
    full product that keep every link and whose weights add up to at most the limit."""
    _, _, value, _, _, links = problem
    rng = np.random.default_rng(seed)
    weight = [rng.uniform(0, 10, len(x)) for x in value]
    items = [np.flatnonzero(rng.random(len(x)) < 0.8) for x in value]
    for members in linked.components(len(value), links):
        grid = linked.combine(members, items, weight, limit, links)
        expected = []
        for combination in itertools.product(*(items[g] for g in members)):
            pick = dict(zip(members, combination, strict=True))
            keeps = all(
                pick[ga] != ia or pick[gb] == ib
                for (ga, ia), (gb, ib) in links
                if ga in pick and gb in pick
            )
            total = sum(weight[g][i] for g, i in pick.items())
            if keeps and total <= limit:
                expected.append(tuple(int(i) for i in combination))
        assert sorted(map(tuple, grid.tolist())) == sorted(expected)
