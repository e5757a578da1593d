"""The Übersicht's values per weighting (issue 18) equal what the frame paths gave.

``analysis.overview_of`` ranks every area without building the ranking frames (they are
built when read), the stability sentences read the ranking's values (``ranked=``), the
criterion and benefit weights are computed once per weighting and criteria, the stability
sweep reuses its index and spread arrays, a sentence escapes only the names it prints and
the heatmap's labels are looked up without ``Series.map``. The former implementations are
kept here as oracles (with those of tests/scoring/test_area_model_arrays.py): frames and
values exact, dtypes, column order, stability intervals and names, sentences (de and en)
and errors by class and key — on the seed data over a weighting grid for every method, and
on generated models.
"""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

from core import analysis, i18n, views
from core.analysis import sensitivity, summaries
from core.scoring import area_model, batch
from core.scoring.methods import METHODS
from core.scoring.weights import GROUPS
from core.scoring.weightset import WeightSet
from core.views import stability_text
from core.views.plain import md
from tests.analysis_factory import make_model
from tests.scoring.test_area_model_arrays import (
    FAST,
    GRID,
    assert_same_summary,
    models as model_strategy,
    old_area_summary,
    old_build_scorer,
    old_criterion_weights,
    old_overview,
    old_pathway_cells,
    old_rank_area,
    old_tied_top,
    outcome,
    weightings,
)

# --- the former stability sweep and sentence (oracles) -----------------------------------------


def old_criterion_weights_of_shares(scorer: batch.BatchScorer, shares: np.ndarray) -> np.ndarray:
    s = np.atleast_2d(np.asarray(shares, dtype=float))
    safe = np.where(scorer.group_index >= 0, scorer.group_index, 0)
    return s[:, safe] * np.where(scorer.group_index >= 0, scorer.within_share, 0.0)


def old_sweep_shares(current: np.ndarray, k: int, t: np.ndarray) -> np.ndarray:
    others = np.delete(np.arange(len(current)), k)
    rest = current[others]
    rest = rest / rest.sum() if rest.sum() > 0 else np.full(len(others), 1.0 / len(others))
    shares = np.empty((len(t), len(current)))
    shares[:, k] = t
    shares[:, others] = (1.0 - t)[:, None] * rest[None, :]
    return shares


def old_sweep_scores(scorer, current, k, t) -> np.ndarray:
    shares = old_sweep_shares(current, k, np.asarray(t, dtype=float))
    return scorer.kernel.scores(old_criterion_weights_of_shares(scorer, shares))


def old_leader(scorer, current, k, t, exclude) -> str:
    scores = old_sweep_scores(scorer, current, k, np.array([t]))[0]
    candidates = np.flatnonzero(scores >= scores.max() - sensitivity.TOLERANCE)
    pick = next((int(c) for c in candidates if c != exclude), int(candidates[0]))
    return scorer.option_ids[pick]


def old_linear_interval(scorer, current, k, top) -> tuple[float, float]:
    ends = old_sweep_scores(scorer, current, k, np.array([0.0, 1.0]))
    a, b = ends[0], ends[1] - ends[0]
    da, db = a[top] - a, b[top] - b
    moving = np.abs(db) > sensitivity.TOLERANCE
    roots = -da[moving] / db[moving]
    rising = db[moving] > 0
    return max(0.0, float(roots[rising].max(initial=0.0))), min(
        1.0, float(roots[~rising].min(initial=1.0))
    )


def old_numerical_interval(scorer, current, k, top) -> tuple[float, float]:
    if scorer.n_options < 2:
        return 0.0, 1.0
    ends = old_criterion_weights_of_shares(
        scorer, old_sweep_shares(current, k, np.array([0.0, 1.0]))
    )
    path = sensitivity.weight_path(scorer.kernel, ends[0], ends[1])
    grid = sensitivity._grid(float(current[k]))
    here = int(np.searchsorted(grid, float(current[k])))
    lower = sensitivity._edge(scorer.n_options, path, grid, here, -1, top)
    upper = sensitivity._edge(scorer.n_options, path, grid, here, 1, top)
    return (0.0 if lower is None else lower), (1.0 if upper is None else upper)


def old_group_stability(scorer, weights, group, top) -> sensitivity.GroupStability:
    """The former group_stability without crossings (all the sentence reads)."""
    exact = scorer.linear
    if group not in scorer.groups or len(scorer.groups) < 2 or scorer.n_options == 0:
        return sensitivity.GroupStability(group=group, applicable=False, exact=exact)
    current = scorer.current_shares(weights)
    k = scorer.groups.index(group)
    t0 = float(current[k])
    interval = old_linear_interval if exact else old_numerical_interval
    lower, upper = interval(scorer, current, k, top)
    lower, upper = min(lower, t0), max(upper, t0)
    step = 1e-6
    below = old_leader(scorer, current, k, max(lower - step, 0.0), top) if lower > 0 else None
    above = old_leader(scorer, current, k, min(upper + step, 1.0), top) if upper < 1 else None
    return sensitivity.GroupStability(
        group=group,
        applicable=True,
        exact=exact,
        current=t0,
        top=scorer.option_ids[top],
        lower=float(lower),
        upper=float(upper),
        below=below,
        above=above,
        crossings=(),
        crossings_listed=False,
    )


def old_area_stability(model, weights, method, ranking: pd.DataFrame) -> sensitivity.AreaStability:
    old_criterion_weights(weights, model.criteria)
    scorer = old_build_scorer(model, weights, method)
    names = dict(zip(scorer.option_ids, scorer.option_names, strict=True))
    top_id = ranking["option_id"].iloc[0]
    top = scorer.option_ids.index(top_id)
    groups = {g: old_group_stability(scorer, weights, g, top) for g in GROUPS}
    return sensitivity.AreaStability(
        model.area, method, top_id, names, groups, old_tied_top(ranking)
    )


def old_group_sentence(stability, group, lang: str) -> str:
    label = i18n.t(f"group_{group.group}", lang)
    if not group.applicable:
        return i18n.t("stability_not_applicable", lang, group=label)
    names = {key: md(name) for key, name in stability.option_names.items()}
    option = names[group.top]
    if group.robust:
        return i18n.t("stability_robust_group", lang, option=option, group=label)
    percent = stability_text._percent
    lower, upper = percent(group.lower, lang), percent(group.upper, lang)
    below = names.get(group.below, "") if group.below else ""
    above = names.get(group.above, "") if group.above else ""
    if group.lower > 0 and group.upper < 1:
        key = "stability_range"
    elif group.lower > 0:
        key = "stability_lower"
    else:
        key = "stability_upper"
    return i18n.t(
        key, lang, option=option, group=label, lower=lower, upper=upper, below=below, above=above
    )


def old_area_sentence(stability: sensitivity.AreaStability, lang: str) -> str:
    if stability.top is None:
        return i18n.t("stability_no_options", lang)
    if len(stability.option_names) == 1:
        return i18n.t("stability_single", lang)
    if len(stability.tied_top) > 1:
        names = [md(stability.option_names[o]) for o in stability.tied_top]
        return i18n.t("stability_tied_top", lang, names=stability_text._quoted(names, lang))
    group = sensitivity.most_sensitive_group(stability)
    if group is None:
        return i18n.t(
            "stability_robust_all", lang, option=md(stability.option_names[stability.top])
        )
    return old_group_sentence(stability, group, lang)


def old_heatmap_frame(cells: pd.DataFrame, labels: dict[str, object]) -> pd.DataFrame:
    return cells.assign(pathway_label=cells["pathway"].map(labels), points=cells["score"] * 100)


def old_page_heatmap_frame(
    cells: pd.DataFrame, names: dict[str, str], labels: dict[str, object]
) -> pd.DataFrame:
    """What the Übersicht drew before (pages/overview.py): the cells frame, the area names
    set as a column, then the labels and points."""
    cells = cells.copy()
    cells["area_name"] = [names[a] for a in cells["area"].tolist()]
    return old_heatmap_frame(cells, labels)


# --- checks --------------------------------------------------------------------------------


def assert_reads_as(light: sensitivity.AreaStability, full: sensitivity.AreaStability) -> None:
    """``sentence_stability`` equals the full analysis but for the neighbours, which it
    names for the sentence's group only (and those as the full analysis does)."""
    chosen = sensitivity.most_sensitive_group(full)
    assert sensitivity.most_sensitive_group(light) == chosen
    unnamed = {
        g: dataclasses.replace(group, below=None, above=None) for g, group in full.groups.items()
    }
    if chosen is not None:
        unnamed[chosen.group] = chosen
    assert light == dataclasses.replace(full, groups=unnamed)


def assert_same_value(new: object, old: object) -> None:
    """Equal values of the same type; NaN equals NaN (a float both)."""
    if isinstance(old, float) and np.isnan(old):
        assert isinstance(new, float) and np.isnan(new), (new, old)
    elif isinstance(old, str):
        assert isinstance(new, str) and new == old, (new, old)
    else:
        assert type(new) is type(old) and new == old, (new, old)


def assert_same_rows(new: list[tuple], old: list[tuple]) -> None:
    """``Overview.summary_rows`` against the summary frame's ``itertuples(index=False)``:
    the same fields, and per row the same values (see :func:`assert_same_value`)."""
    assert len(new) == len(old)
    for new_row, old_row in zip(new, old, strict=True):
        assert new_row._fields == old_row._fields
        for a, b in zip(new_row, old_row, strict=True):
            assert_same_value(a, b)


PATHWAY_LABEL_SETS = [
    {
        p: i18n.t(f"pathway_{p}", lang)
        for p in ("status_quo", "standard", "best_practice", "joint_kdn")
    }
    for lang in ("de", "en")
] + [{"status_quo": "Status quo", "standard": 1}]  # a pathway without a (text) label


def assert_heatmap_frame_equals_the_former(result: summaries.Overview, cells: pd.DataFrame) -> None:
    """The heatmap's frame from the overview's column lists equals what the page built
    from the cells frame, for both languages' labels and labels that miss a pathway."""
    names = {slug: f"Bereich {slug} <Ä>" for slug in result.values}
    for labels in PATHWAY_LABEL_SETS:
        pd.testing.assert_frame_equal(
            views.heatmap_frame_of(result.cell_columns(), names, labels),
            old_page_heatmap_frame(cells, names, labels),
            check_exact=True,
        )


def assert_overview_equals_the_former(models, weights: WeightSet, method: str) -> int:
    """Compare ``overview_of`` and what the Übersicht reads of it with the oracles; the
    number of areas whose stability was compared."""
    new = outcome(lambda: analysis.overview_of(models, weights, method))
    old = outcome(lambda: old_overview(models, weights, method))
    assert new[0] == old[0]
    if old[0] == "error":
        assert new[1] == old[1]
        return 0
    result, (old_rankings, old_summary) = new[1], old[1]
    assert list(result.rankings) == list(old_rankings) == list(result.values)
    assert len(result.rankings) == len(old_rankings)
    pd.testing.assert_frame_equal(result.summary, old_summary, check_exact=True)
    assert result.summary is result.summary  # built once, then shared
    assert_same_rows(result.summary_rows(), list(old_summary.itertuples(index=False)))
    for column in ("investment", "annual_change", "npv_change"):
        if column in old_summary:
            assert_same_value(result.total(column), old_summary[column].sum())
    pd.testing.assert_frame_equal(result.cells(), old_pathway_cells(old_rankings), check_exact=True)
    assert_heatmap_frame_equals_the_former(result, old_pathway_cells(old_rankings))
    compared = 0
    for slug, former in old_rankings.items():
        ranking = result.rankings[slug]
        assert result.rankings[slug] is ranking  # built once, then shared
        pd.testing.assert_frame_equal(ranking, former, check_exact=True)
        values = result.values[slug]
        for name in former.columns:
            np.testing.assert_array_equal(values[name], former[name].to_numpy())
            assert values[name].dtype == former[name].to_numpy().dtype
        if not len(former):
            continue
        assert_same_summary(analysis.summary_of(values), old_area_summary(former))
        stability = analysis.area_stability(
            models[slug], result.weights, method, ranked=values, crossings=False
        )
        reference = old_area_stability(models[slug], weights, method, former)
        assert stability == reference
        light = analysis.sentence_stability(models[slug], result.weights, method, ranked=values)
        assert_reads_as(light, reference)
        for lang in ("de", "en"):
            assert views.stability_sentence(stability, lang) == old_area_sentence(reference, lang)
            assert views.stability_sentence(light, lang) == old_area_sentence(reference, lang)
        compared += 1
    pd.testing.assert_frame_equal(
        analysis.pathway_cells(result.rankings), old_pathway_cells(old_rankings), check_exact=True
    )
    overview = analysis.overview(models, weights, method)
    assert isinstance(overview[0], dict)
    for slug, ranking in overview[0].items():
        pd.testing.assert_frame_equal(ranking, old_rankings[slug], check_exact=True)
    pd.testing.assert_frame_equal(overview[1], old_summary, check_exact=True)
    return compared


@pytest.mark.parametrize("method", METHODS)
def test_seed_overview_values_and_sentences_equal_the_former(conn, method: str) -> None:
    models = area_model.load_areas(conn, 5, 0.009)
    some = next(iter(models.values())).criteria["key"].tolist()
    withins = [{}, {some[0]: 0.0, some[-1]: 80.0}, {"unknown": 1.0}]
    compared = 0
    for values, within in itertools.product(itertools.product(GRID, repeat=3), withins):
        if sum(values) <= 0:
            continue
        weights = WeightSet(dict(zip(GROUPS, values, strict=True)), within, method)
        compared += assert_overview_equals_the_former(models, weights, method)
    assert compared > 200


@FAST
@given(
    data=st.data(),
    model=model_strategy(),
    empty=st.booleans(),
    single=st.booleans(),
    without_status_quo=st.booleans(),
)
def test_overview_of_generated_models_equals_the_former(
    data: st.DataObject, model, empty: bool, single: bool, without_status_quo: bool
) -> None:
    """Besides the area drawn: an area without options, one with a single option (no
    runner-up, no lead) and one without its status quo (no cost changes), so that the
    summary's columns mix values and missing ones (or hold missing ones only)."""
    weights = data.draw(weightings(tuple(model.criteria["key"])))
    models = {"a": model}

    def part(slug: str, rows: slice) -> area_model.AreaModel:
        options = model.options.iloc[rows].assign(area=slug)
        return area_model.AreaModel(slug, options, model.criteria, model.matrix[rows])

    if empty:  # an area without options: an empty ranking, no summary row, no sentence
        models["b"] = part("b", slice(0, 0))
    if single:
        models["c"] = part("c", slice(0, 1))
    if without_status_quo:  # option 0 is the status quo
        models["d"] = part("d", slice(1, None))
    assert_overview_equals_the_former(models, weights, weights.method)


def test_overview_without_options_has_no_summary_rows_and_a_frame_without_columns() -> None:
    model = make_seedless_model()
    bare = area_model.AreaModel("b", model.options.iloc[:0], model.criteria, model.matrix[:0])
    weights = WeightSet({"cost": 1.0})
    result = analysis.overview_of({"b": bare}, weights, "wsm")
    old = old_overview({"b": bare}, weights, "wsm")[1]
    pd.testing.assert_frame_equal(result.summary, old, check_exact=True)
    assert result.summary_rows() == list(old.itertuples(index=False)) == []
    assert_heatmap_frame_equals_the_former(
        result, old_pathway_cells({"b": old_rank_area(bare, weights, "wsm")})
    )


@FAST
@given(data=st.data(), model=model_strategy())
def test_stability_of_a_weighting_equals_the_former(data: st.DataObject, model) -> None:
    """area_stability with the frame, without a ranking and group_stability on its own
    (every crossing too) under the shared current shares and spread arrays."""
    weights = data.draw(weightings(tuple(model.criteria["key"])))
    method = weights.method
    ranking = outcome(lambda: old_rank_area(model, weights, method))
    if ranking[0] == "error":
        return
    reference = old_area_stability(model, weights, method, ranking[1])
    for new in (
        analysis.area_stability(model, weights, method, ranking=ranking[1], crossings=False),
        analysis.area_stability(model, weights, method, crossings=False),
    ):
        assert new == reference
    scorer = batch.build_scorer(model, weights, method)
    if scorer.groups:
        shares = np.random.default_rng(1).dirichlet(np.ones(len(scorer.groups)), 4)
        np.testing.assert_array_equal(
            scorer.criterion_weights(shares), old_criterion_weights_of_shares(scorer, shares)
        )
    if len(scorer.groups) >= 2:  # a sweep needs another group to give its share to
        current = scorer.current_shares(weights)
        top = scorer.option_ids.index(ranking[1]["option_id"].iloc[0])
        for group in GROUPS:  # the shares area_stability takes once for the three groups
            given_current = sensitivity.group_stability(
                scorer, weights, group, top, crossings=True, current=current
            )
            assert given_current == sensitivity.group_stability(scorer, weights, group, top)
            assert given_current.crossings_listed
        for k in range(len(scorer.groups)):
            t = np.array([0.0, 0.25, 1.0])
            np.testing.assert_array_equal(
                sensitivity.sweep_shares(scorer, current, k, t), old_sweep_shares(current, k, t)
            )


def test_criterion_weights_are_computed_once_per_weighting_and_given_as_copies() -> None:
    model = make_seedless_model()
    weights = WeightSet({"cost": 1.0, "feasibility": 3.0})
    first = model.criterion_weights(weights)
    first[:] = -1.0  # a caller's copy: the next caller gets the weights, not this
    again = model.criterion_weights(weights)
    np.testing.assert_array_equal(again, old_criterion_weights(weights, model.criteria))
    benefit = model.benefit_weights(weights)
    benefit[:] = -1.0
    assert (model.benefit_weights(weights) >= 0).all()
    # one computation for every area with the same criteria (the six of a catalogue)
    other = area_model.AreaModel("other", model.options, model.criteria.copy(), model.matrix)
    cache = weights.__dict__["_computed"]
    size = len(cache)
    other.criterion_weights(weights)
    other.benefit_weights(weights)
    assert len(cache) == size
    # an error is raised on every call, nothing is kept for it
    unknown = WeightSet({"cost": 1.0}, {"nope": 1.0})
    for _ in range(2):
        error = outcome(lambda: model.criterion_weights(unknown))
        assert error[0] == "error" and error[1][1] == "unknown_criterion"
    # equality, hashing and pickling see the weighting's values only
    assert weights == WeightSet({"cost": 1.0, "feasibility": 3.0})
    assert hash(weights) == hash(WeightSet({"cost": 1.0, "feasibility": 3.0}))


def make_seedless_model() -> area_model.AreaModel:
    return make_model(
        [[1.0, 2.0, 5.0], [3.0, 1.0, 4.0], [2.0, 2.0, 1.0]],
        ["cost", "feasibility", "citizen_value"],
    )


@FAST
@given(
    pathways=st.lists(st.sampled_from(["status_quo", "ozg", "partner", "x"]), max_size=8),
    labels=st.dictionaries(
        st.sampled_from(["status_quo", "ozg", "partner", "x"]),
        st.sampled_from(["Status quo", "OZG", "Ä", "", 1, None]),
    ),
)
def test_heatmap_frame_equals_the_former(pathways: list[str], labels: dict[str, object]) -> None:
    cells = pd.DataFrame(
        [
            {"area": "a", "pathway": p, "score": i / 7, "option": f"o{i}"}
            for i, p in enumerate(pathways)
        ],
        columns=summaries.CELL_COLUMNS,
    )
    cells["area_name"] = ["A"] * len(cells)
    pd.testing.assert_frame_equal(
        views.heatmap_frame(cells, labels), old_heatmap_frame(cells, labels), check_exact=True
    )


def test_summary_of_areas_without_a_status_quo_or_runner_up_equals_the_former() -> None:
    """Columns that hold missing values only (no area has a status quo, or a runner-up):
    the frame's object columns of None, their sums (0) and rows as the former frame gave."""
    model = make_seedless_model()
    weights = WeightSet({"cost": 1.0, "feasibility": 2.0})

    def part(slug: str, rows: slice) -> area_model.AreaModel:
        options = model.options.iloc[rows].assign(area=slug)
        return area_model.AreaModel(slug, options, model.criteria, model.matrix[rows])

    unknown_investment = area_model.AreaModel(
        "n",
        model.options.assign(area="n", investment=np.nan),
        model.criteria,
        model.matrix,
    )
    for models in (
        {"d": part("d", slice(1, None)), "e": part("e", slice(2, None))},
        {"c": part("c", slice(0, 1))},
        {"a": model, "d": part("d", slice(1, None))},
        {"a": model, "n": unknown_investment},  # a missing number (NaN) in a summed column
    ):
        compared = assert_overview_equals_the_former(models, weights, "wsm")
        assert compared == len(models)
        if set(models) == {"d", "e"}:  # the object column's branch of Overview.total ran
            result = analysis.overview_of(models, weights, "wsm")
            assert result.summary["annual_change"].dtype == object


def test_topsis_stability_with_the_paths_gaps_equals_the_former_bisection(
    conn, monkeypatch: pytest.MonkeyPatch
) -> None:
    """TOPSIS's stability intervals (the sweep's bisection reads TopsisPath.gaps) equal
    those of the former gap, two option_scores calls per step, on the seed data over the
    weighting grid: every group's interval, leaders and the sentences (de and en)."""
    from core.scoring.methods.topsis import TopsisPath

    models = area_model.load_areas(conn, 5, 0.009)
    weightings = [
        WeightSet(dict(zip(GROUPS, values, strict=True)), {}, "topsis")
        for values in itertools.product(GRID, repeat=3)
        if sum(values) > 0
    ]

    def stabilities() -> list[sensitivity.AreaStability]:
        return [
            analysis.area_stability(model, weights, "topsis", crossings=False)
            for weights in weightings
            for model in models.values()
        ]

    new = stabilities()
    with monkeypatch.context() as patch:
        patch.delattr(TopsisPath, "gaps")
        former = stabilities()
    assert new == former
    edges = [g for s in new for g in s.groups.values() if g.applicable and not g.robust]
    assert len(edges) > 100  # intervals with an edge inside (0, 1): bisected
    for stability, reference in zip(new[::7], former[::7], strict=True):
        for lang in ("de", "en"):
            assert views.stability_sentence(stability, lang) == old_area_sentence(reference, lang)
