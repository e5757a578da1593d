"""Weight stability: analytic crossings and intervals against a brute-force sweep through the
decision API, the numerical TOPSIS path, edge cases and the plain-language sentences."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from core.analysis import sensitivity
from core.errors import WeightError
from core.scoring import area_model, decision, weights as weight_math
from core.scoring.weights import GROUPS
from core.scoring.weightset import WeightSet
from core.views import fmt, stability_text
from tests.analysis_factory import make_model, random_model

FAST = settings(max_examples=25, deadline=None)


def brute_scores(
    model: area_model.AreaModel, weights: WeightSet, method: str, group: str, shares: np.ndarray
) -> np.ndarray:
    """Scores (T×m) straight from decision.evaluate, group ``group`` at each share, the other
    groups in their current proportion (an independent re-implementation of the sweep)."""
    others = [g for g in GROUPS if g != group]
    rest = np.array([weights.groups[g] for g in others], dtype=float)
    rest = rest / rest.sum() if rest.sum() > 0 else np.full(2, 0.5)
    preference = area_model.promethee_preferences(model) if method == "promethee2" else None
    member = list(model.criteria["grp"])
    within = weights.within_weights(model.criteria)
    alternatives, criteria = tuple(model.options["id"]), tuple(model.criteria["key"])
    rows = []
    for t in shares:
        groups = {group: t, **{g: (1 - t) * r for g, r in zip(others, rest, strict=True)}}
        w = weight_math.hierarchical_weights(groups, member, within)
        problem = decision.DecisionProblem(alternatives, criteria, model.matrix, model.benefit, w)
        rows.append(decision.evaluate(problem, method, preference=preference).scores)
    return np.array(rows)


def _grid(points: int) -> np.ndarray:
    # Offset so that no grid point lands exactly on a crossing of integer-valued data.
    return np.clip((np.arange(points) + 0.5 / np.pi) / (points - 1), 0.0, 1.0)


def _sign_change_cells(scores: np.ndarray, grid: np.ndarray) -> set[tuple[int, int, int]]:
    """(i, j, cell) for each pair whose score difference changes sign between grid points."""
    cells = set()
    m = scores.shape[1]
    for i in range(m):
        for j in range(i + 1, m):
            diff = scores[:, i] - scores[:, j]
            sign = np.where(np.abs(diff) < 1e-12, 0, np.sign(diff))
            nonzero = np.flatnonzero(sign)
            for a, b in zip(nonzero[:-1], nonzero[1:], strict=True):
                if sign[a] != sign[b]:
                    cells.add((i, j, int(a)))
    return cells


def _analytic_cells(
    result: sensitivity.GroupStability, ids: list[str], grid: np.ndarray
) -> set[tuple[int, int, int]]:
    cells = set()
    for c in result.crossings:
        i, j = sorted((ids.index(c.leader_below), ids.index(c.leader_above)))
        cell = int(np.searchsorted(grid, c.weight, side="right") - 1)
        if 0 <= cell < len(grid) - 1:
            cells.add((i, j, cell))
    return cells


def _check_against_brute_force(
    model: area_model.AreaModel, weights: WeightSet, method: str, points: int
) -> None:
    stability = sensitivity.area_stability(model, weights, method)
    ids = list(model.options["id"])
    grid = _grid(points)
    for group in GROUPS:
        result = stability.groups[group]
        if not result.applicable:
            continue
        brute = brute_scores(model, weights, method, group, grid)
        assert _analytic_cells(result, ids, grid) == _sign_change_cells(brute, grid), group
        for c in result.crossings:
            at = brute_scores(model, weights, method, group, np.array([c.weight]))[0]
            assert at[ids.index(c.leader_below)] == pytest.approx(
                at[ids.index(c.leader_above)], abs=1e-9
            )
        top = ids.index(result.top)
        leads = brute[:, top] >= brute.max(axis=1) - 1e-9
        inside = (grid >= result.lower + 1e-9) & (grid <= result.upper - 1e-9)
        outside = (grid < result.lower - 1e-9) | (grid > result.upper + 1e-9)
        assert leads[inside].all(), group
        assert not leads[outside].any(), group


@pytest.mark.parametrize("method", ["wsm", "promethee2"])
def test_exact_crossings_and_intervals_agree_with_a_brute_force_sweep(conn, method: str) -> None:
    models = area_model.load_areas(conn, 5, 0.009)
    weights = WeightSet({"cost": 60, "citizen_value": 25, "feasibility": 15})
    for model in models.values():
        _check_against_brute_force(model, weights, method, 201)


@FAST
@given(
    seed=st.integers(0, 100_000),
    m=st.integers(2, 5),
    raw=st.lists(st.integers(0, 100), min_size=3, max_size=3).filter(lambda w: sum(w) > 0),
)
def test_exact_crossings_agree_with_brute_force_on_random_models(
    seed: int, m: int, raw: list[int]
) -> None:
    weights = WeightSet(dict(zip(GROUPS, map(float, raw), strict=True)))
    _check_against_brute_force(random_model(seed, m), weights, "wsm", 101)


def test_topsis_crossings_are_found_to_a_tenth_of_a_percentage_point(conn) -> None:
    model = area_model.load_areas(conn, 5, 0.009)["homepage"]
    weights = WeightSet()
    stability = sensitivity.area_stability(model, weights, "topsis")
    ids = list(model.options["id"])
    grid = np.linspace(0.0, 1.0, 1001)
    for group in GROUPS:
        result = stability.groups[group]
        assert not result.exact
        brute = brute_scores(model, weights, "topsis", group, grid)
        found = _analytic_cells(result, ids, grid)
        expected = _sign_change_cells(brute, grid)
        # A crossing exactly on a grid point may be counted in either neighbouring cell.
        assert {(i, j) for i, j, _ in found} == {(i, j) for i, j, _ in expected}, group
        assert len(found) == len(expected)
        for c in result.crossings:
            at = brute_scores(model, weights, "topsis", group, np.array([c.weight]))[0]
            assert at[ids.index(c.leader_below)] == pytest.approx(
                at[ids.index(c.leader_above)], abs=1e-6
            )
        top = ids.index(result.top)
        leads = brute[:, top] >= brute.max(axis=1) - 1e-9
        assert leads[(grid >= result.lower + 1e-3) & (grid <= result.upper - 1e-3)].all()
        assert not leads[(grid < result.lower - 1e-3) | (grid > result.upper + 1e-3)].any()


def test_interval_contains_the_current_weight_and_names_the_neighbours(conn) -> None:
    models = area_model.load_areas(conn, 5, 0.009)
    for method in ("wsm", "topsis", "promethee2"):
        for model in models.values():
            stability = sensitivity.area_stability(model, WeightSet(), method)
            top = area_model.rank_area(model, WeightSet(), method).iloc[0]["option_id"]
            for result in stability.groups.values():
                assert result.top == top
                assert result.lower <= result.current <= result.upper
                assert (result.below is None) == (result.lower <= 0)
                assert (result.above is None) == (result.upper >= 1)
                assert result.below != top and result.above != top


def test_single_option_is_robust_and_says_so() -> None:
    model = make_model([[1, 2, 3]], ["cost", "citizen_value", "feasibility"])
    stability = sensitivity.area_stability(model, WeightSet(), "wsm")
    for result in stability.groups.values():
        assert result.robust and result.crossings == ()
    assert (
        stability_text.area_sentence(stability)
        == "Nur eine Option – die Empfehlung hängt nicht von der Gewichtung ab."
    )


@pytest.mark.parametrize("method", ["wsm", "topsis", "promethee2"])
def test_all_options_tied_have_no_crossings_and_no_clear_recommendation(method: str) -> None:
    model = make_model([[4, 4, 4]] * 3, ["cost", "citizen_value", "feasibility"])
    stability = sensitivity.area_stability(model, WeightSet(), method)
    assert len(stability.tied_top) == 3
    for result in stability.groups.values():
        assert result.crossings == () and result.robust
    sentence = stability_text.area_sentence(stability)
    assert "gleichauf" in sentence and all(f"Option {i}" in sentence for i in range(3))


def test_group_weight_zero_starts_the_interval_at_zero(conn) -> None:
    model = area_model.load_areas(conn, 5, 0.009)["ozg"]
    weights = WeightSet({"cost": 0, "citizen_value": 50, "feasibility": 50})
    stability = sensitivity.area_stability(model, weights, "wsm")
    assert stability.groups["cost"].current == 0.0
    _check_against_brute_force(model, weights, "wsm", 201)


def test_only_one_weighted_group_sweeps_the_others_equally(conn) -> None:
    model = area_model.load_areas(conn, 5, 0.009)["gis"]
    weights = WeightSet({"cost": 100, "citizen_value": 0, "feasibility": 0})
    stability = sensitivity.area_stability(model, weights, "wsm")
    assert stability.groups["cost"].current == 1.0
    _check_against_brute_force(model, weights, "wsm", 201)


def test_group_without_weighted_criteria_is_not_applicable() -> None:
    model = make_model([[1, 5, 3], [4, 2, 3]], ["cost", "citizen_value", "feasibility"])
    weights = WeightSet({"cost": 50, "citizen_value": 50, "feasibility": 0}, {"c2": 0})
    stability = sensitivity.area_stability(model, weights, "wsm")
    assert not stability.groups["feasibility"].applicable
    assert stability.groups["cost"].applicable
    assert "kann die Rangfolge hier nicht ändern" in stability_text.group_sentence(
        stability, stability.groups["feasibility"]
    )


def test_weighted_group_without_weighted_criteria_is_an_error() -> None:
    model = make_model([[1, 5, 3], [4, 2, 3]], ["cost", "citizen_value", "feasibility"])
    with pytest.raises(WeightError):
        sensitivity.area_stability(model, WeightSet(within={"c2": 0}), "wsm")


def test_nan_weights_are_rejected() -> None:
    with pytest.raises(WeightError):
        WeightSet({"cost": float("nan"), "citizen_value": 1, "feasibility": 1})


def test_range_sentence_carries_the_computed_bounds() -> None:
    # Option 0 leads at balanced weights, option 1 when cost dominates, option 2 when it
    # hardly counts: a two-sided interval for the cost weight.
    model = make_model(
        [[7, 7, 7], [10, 0, 0], [0, 10, 10]], ["cost", "citizen_value", "feasibility"]
    )
    stability = sensitivity.area_stability(model, WeightSet(), "wsm")
    cost = stability.groups["cost"]
    assert 0 < cost.lower < cost.current < cost.upper < 1
    sentence = stability_text.group_sentence(stability, cost)
    lower = fmt.percent(cost.lower, 1).replace(",0 %", " %")
    upper = fmt.percent(cost.upper, 1).replace(",0 %", " %")
    assert sentence == (
        f"Die Empfehlung „Option 0“ bleibt stabil, solange das Gewicht für Kosten zwischen "
        f"{lower} und {upper} liegt; darunter liegt „Option 2“ vorn, darüber „Option 1“."
    )
    assert "between" in stability_text.group_sentence(stability, cost, "en")


def test_score_curves_pass_through_current_weight_and_crossings(conn) -> None:
    model = area_model.load_areas(conn, 5, 0.009)["homepage"]
    curve = sensitivity.score_curves(model, WeightSet(), "wsm", "cost")
    stability = sensitivity.area_stability(model, WeightSet(), "wsm")
    weights = set(curve["weight"].round(12))
    assert round(stability.groups["cost"].current, 12) in weights
    assert all(round(c.weight, 12) in weights for c in stability.groups["cost"].crossings)
    given = sensitivity.score_curves(
        model, WeightSet(), "wsm", "cost", crossings=stability.groups["cost"].crossings
    )
    assert given.equals(curve)  # the page hands over the crossings it has
    now = curve[np.isclose(curve["weight"], stability.groups["cost"].current)]
    ranking = area_model.rank_area(model, WeightSet(), "wsm").set_index("option_id")["score"]
    assert now.set_index("option_id")["score"].to_dict() == pytest.approx(ranking.to_dict())


def test_json_view_lists_every_group_with_shares(conn) -> None:
    model = area_model.load_areas(conn, 5, 0.009)["ozg"]
    stability = sensitivity.area_stability(model, WeightSet(), "wsm")
    data = sensitivity.to_json_dict(stability)
    assert [g["group"] for g in data["groups"]] == list(GROUPS)
    for entry, group in zip(data["groups"], GROUPS, strict=True):
        result = stability.groups[group]
        assert entry["interval"] == [round(result.lower, 6), round(result.upper, 6)]
        assert len(entry["crossings"]) == len(result.crossings)


def test_a_near_tie_at_the_top_is_no_clear_recommendation(conn) -> None:
    """The stability sentence agrees with the recommendation box: a lead that prints as
    0,0 points is a tie (seed data: Social Media under the default weights)."""
    model = area_model.load_areas(conn, 5, 0.009)["social-media"]
    ranking = area_model.rank_area(model, WeightSet(), "wsm")
    lead = ranking["score"].iloc[0] - ranking["score"].iloc[1]
    assert 0 < lead < area_model.NEAR_TIE and ranking["rank"].iloc[1] == 2
    stability = sensitivity.area_stability(model, WeightSet(), "wsm")
    assert stability.tied_top == tuple(ranking["option_id"].iloc[:2])
    assert "gleichauf" in stability_text.area_sentence(stability)


# --- interval alone (the sentence) vs. the full crossing list (the Sensitivity page) ------


def _interval_only_agrees(model: area_model.AreaModel, weights: WeightSet, method: str) -> None:
    """The one-pass interval equals the interval read off the full crossing list, and the
    sentences are the same."""
    full = sensitivity.area_stability(model, weights, method)
    alone = sensitivity.area_stability(model, weights, method, crossings=False)
    assert alone.top == full.top and alone.tied_top == full.tied_top
    for group in GROUPS:
        a, f = alone.groups[group], full.groups[group]
        assert (a.lower, a.upper, a.below, a.above) == (f.lower, f.upper, f.below, f.above)
        assert not a.crossings and a.crossings_listed is False and f.crossings_listed is True
        assert stability_text.group_sentence(alone, a) == stability_text.group_sentence(full, f)
    for lang in ("de", "en"):
        assert stability_text.area_sentence(alone, lang) == stability_text.area_sentence(full, lang)


@pytest.mark.parametrize("method", ["wsm", "topsis", "promethee2"])
def test_interval_alone_equals_the_crossing_list_on_the_seed_data(conn, method: str) -> None:
    models = area_model.load_areas(conn, 5, 0.009)
    for raw in ((34, 33, 33), (60, 25, 15), (0, 50, 50), (10, 80, 10), (100, 0, 0)):
        weights = WeightSet(dict(zip(GROUPS, map(float, raw), strict=True)), method=method)
        for model in models.values():
            _interval_only_agrees(model, weights, method)


@FAST
@given(
    seed=st.integers(0, 100_000),
    m=st.integers(2, 40),
    method=st.sampled_from(["wsm", "topsis", "promethee2"]),
    raw=st.lists(st.integers(0, 100), min_size=3, max_size=3).filter(lambda w: sum(w) > 0),
)
def test_interval_alone_equals_the_crossing_list_on_random_models(
    seed: int, m: int, method: str, raw: list[int]
) -> None:
    """Integer values 0–10: many ties and options level with the top."""
    weights = WeightSet(dict(zip(GROUPS, map(float, raw), strict=True)), method=method)
    _interval_only_agrees(random_model(seed, m), weights, method)


def test_a_passed_ranking_is_used_instead_of_ranking_again(conn) -> None:
    model = area_model.load_areas(conn, 5, 0.009)["ozg"]
    ranking = area_model.rank_area(model, WeightSet(), "wsm")
    second = ranking.iloc[[1, 0, *range(2, len(ranking))]]  # pretend another option is on top
    stability = sensitivity.area_stability(model, WeightSet(), "wsm", ranking=second)
    assert stability.top == second["option_id"].iloc[0] != ranking["option_id"].iloc[0]


@pytest.mark.parametrize("method", ["wsm", "topsis"])
def test_small_work_blocks_give_the_same_crossings(monkeypatch, method: str) -> None:
    """Pairs, brackets and scores taken in blocks of a few cells (as for thousands of
    options) give exactly the crossings of one block."""
    model = random_model(17, 30, n_per_group=3)
    weights = WeightSet({"cost": 20, "citizen_value": 50, "feasibility": 30}, method=method)
    whole = sensitivity.area_stability(model, weights, method)
    monkeypatch.setattr(sensitivity, "BLOCK_CELLS", 64)
    blocks = sensitivity.area_stability(model, weights, method)
    for group in GROUPS:
        assert blocks.groups[group].crossings == whole.groups[group].crossings
        assert blocks.groups[group].crossings
    assert sum(len(g.crossings) for g in whole.groups.values()) > 30


def test_pair_blocks_cover_every_pair_once() -> None:
    for m in (0, 1, 2, 7, 50):
        for width in (1, 5, 1000, 1 << 30):
            pairs = [
                (int(i), int(j))
                for first, second in sensitivity._pair_blocks(m, width)
                for i, j in zip(first, second, strict=True)
            ]
            assert pairs == [(i, j) for i in range(m) for j in range(i + 1, m)]
