"""The array paths of the area ranking (issue 18) give exactly what the frame paths gave.

The former implementations are kept here as oracles: ``WeightSet.criterion_weights`` and
``global_value.benefit_weights`` reading the criteria frame on every call, ``rank_area``
building a :class:`DecisionProblem` and calling :func:`decision.evaluate`, ``tied_top`` and
``area_summary`` indexing the ranking frame, ``build_scorer`` normalising the matrix and
building the kernel on every call. Rankings are compared frame for frame (values exact,
dtypes, column order), errors by class and key.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from core import analysis, views
from core.analysis import sensitivity, summaries
from core.errors import CockpitError, InputError, WeightError
from core.scoring import (
    area_model,
    batch,
    decision,
    global_value,
    methods,
    normalization,
    weights as weight_math,
)
from core.scoring.methods import METHODS
from core.scoring.weights import GROUPS
from core.scoring.weightset import CriteriaKeys, WeightSet
from tests.analysis_factory import make_model

FAST = settings(max_examples=60, deadline=None)


# --- the former implementations (oracles) ----------------------------------------------------


def old_within_weights(weights: WeightSet, criteria: pd.DataFrame) -> np.ndarray:
    return np.array(
        [
            weights.within.get(k, d)
            for k, d in zip(
                criteria["key"].tolist(), criteria["default_weight"].tolist(), strict=True
            )
        ],
        dtype=float,
    )


def old_criterion_weights(weights: WeightSet, criteria: pd.DataFrame) -> np.ndarray:
    unknown = set(weights.within) - set(criteria["key"].tolist())
    if unknown:
        raise InputError("unknown_criterion", criterion=sorted(unknown)[0])
    return weight_math.hierarchical_weights(
        weights.groups, criteria["grp"].tolist(), old_within_weights(weights, criteria)
    )


def old_benefit_weights(criteria: pd.DataFrame, weights: WeightSet) -> np.ndarray:
    groups = criteria["grp"].to_numpy()
    within = old_within_weights(weights, criteria)
    present = {
        g: weights.groups[g]
        for g in global_value.BENEFIT_GROUPS
        if weights.groups[g] > 0 and within[groups == g].sum() > 0
    }
    total = sum(present.values())
    if total <= 0:
        raise WeightError("benefit_weights_zero")
    result = np.zeros(len(groups))
    for g, w in present.items():
        mask = groups == g
        result[mask] = (w / total) * within[mask] / within[mask].sum()
    return result


def old_area_benefit(model: area_model.AreaModel, weights: WeightSet) -> np.ndarray:
    try:
        w = old_benefit_weights(model.criteria, weights)
    except WeightError:
        return np.full(len(model.options), np.nan)
    return model.global_values @ w


def old_rank_area(model: area_model.AreaModel, weights: WeightSet, method: str) -> pd.DataFrame:
    if len(model.options) == 0:
        return pd.DataFrame(columns=area_model.RANKING_COLUMNS)
    columns = model.columns()
    problem = decision.DecisionProblem(
        alternatives=tuple(columns["option_id"]),
        criteria=tuple(model.criteria["key"].tolist()),
        matrix=model.matrix,
        benefit=model.benefit,
        weights=old_criterion_weights(weights, model.criteria),
    )
    spec = methods.get(method)
    preference = area_model.promethee_preferences(model) if spec.uses_preferences else None
    result = decision.evaluate(problem, method=method, preference=preference)
    ranks = result.ranks.astype(int)
    order = np.lexsort((model._name_order, ranks))
    contributions = {
        g: result.contributions[:, mask].sum(axis=1)[order]
        for g, mask in model._group_masks.items()
    }
    head = {name: columns[name][order] for name in ("option_id", "option", "pathway", "partner")}
    tail = {
        name: columns[name][order]
        for name in ("npv_cost", "investment", "annual_cost", "staff_fte")
    }
    return pd.DataFrame(
        {
            **head,
            "rank": ranks[order],
            "score": result.scores[order],
            **contributions,
            **tail,
            "benefit": old_area_benefit(model, weights)[order],
        }
    )


def old_tied_top(ranking: pd.DataFrame) -> tuple[str, ...]:
    if ranking.empty:
        return ()
    scores = ranking["score"].to_numpy(dtype=float)
    level = (ranking["rank"].to_numpy() == ranking["rank"].iloc[0]) | (
        scores > scores[0] - area_model.NEAR_TIE
    )
    return tuple(ranking["option_id"].to_numpy()[level])


def old_area_summary(ranking: pd.DataFrame) -> dict[str, object]:
    col = {name: ranking[name].to_numpy() for name in summaries.SUMMARY_COLUMNS}
    npv = ranking["npv_cost"].to_numpy(dtype=float)
    annual = ranking["annual_cost"].to_numpy(dtype=float)
    has_runner_up = len(ranking) > 1
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
        "tied": len(old_tied_top(ranking)) > 1,
        "investment": float(ranking["investment"].iloc[0]),
        "benefit": float(ranking["benefit"].iloc[0]) if "benefit" in ranking else float("nan"),
        "annual_change": float(annual[0] - annual[base]) if base is not None else None,
        "npv_change": float(npv[0] - npv[base]) if base is not None else None,
    }


def old_overview(
    models: dict[str, area_model.AreaModel], weights: WeightSet, method: str
) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    rankings = {slug: old_rank_area(model, weights, method) for slug, model in models.items()}
    rows = [
        {"area": slug, **old_area_summary(ranking)}
        for slug, ranking in rankings.items()
        if len(ranking)
    ]
    return rankings, pd.DataFrame(rows)


def old_pathway_cells(rankings: dict[str, pd.DataFrame]) -> pd.DataFrame:
    rows = []
    for slug, ranking in rankings.items():
        seen: set[str] = set()
        for pathway, score, option in zip(ranking["pathway"], ranking["score"], ranking["option"]):
            if pathway not in seen:
                seen.add(pathway)
                rows.append({"area": slug, "pathway": pathway, "score": score, "option": option})
    return pd.DataFrame(rows, columns=["area", "pathway", "score", "option"])


def old_build_scorer(
    model: area_model.AreaModel, weights: WeightSet, method: str = "wsm"
) -> batch.BatchScorer:
    spec = methods.get(method)
    within = old_within_weights(weights, model.criteria)
    member = model.criteria["grp"].to_numpy()
    groups = tuple(g for g in GROUPS if within[member == g].sum() > 0)
    group_index = np.array([groups.index(g) if g in groups else -1 for g in member], dtype=int)
    share = np.zeros(len(member))
    for g in groups:
        mask = member == g
        share[mask] = within[mask] / within[mask].sum()
    if len(model.options) == 0:
        kernel = methods.LinearKernel(unit=np.zeros((0, len(member))))
    else:
        normalized = normalization.normalize(model.matrix, model.benefit, spec.normalization)
        preference = area_model.promethee_preferences(model) if spec.uses_preferences else None
        kernel = spec.batch_kernel(normalized, preference)
    columns = model.columns()
    return batch.BatchScorer(
        method=spec.key,
        linear=spec.linear,
        option_ids=tuple(columns["option_id"]),
        option_names=tuple(columns["option"]),
        pathways=tuple(columns["pathway"]),
        groups=groups,
        group_index=group_index,
        within_share=share,
        kernel=kernel,
    )


def old_area_stability(
    model: area_model.AreaModel, weights: WeightSet, method: str, ranking: pd.DataFrame
) -> sensitivity.AreaStability:
    """The former area_stability: the same body on the former scorer and frame reads."""
    old_criterion_weights(weights, model.criteria)
    scorer = old_build_scorer(model, weights, method)
    names = dict(zip(scorer.option_ids, scorer.option_names, strict=True))
    top_id = ranking["option_id"].iloc[0]
    top = scorer.option_ids.index(top_id)
    groups = {
        g: sensitivity.group_stability(scorer, weights, g, top, crossings=False) for g in GROUPS
    }
    return sensitivity.AreaStability(
        model.area, method, top_id, names, groups, old_tied_top(ranking)
    )


# --- helpers ---------------------------------------------------------------------------------


def outcome(fn: Callable[[], object]) -> tuple[str, object]:
    """The result, or the error's class and key (errors must match too)."""
    try:
        return "ok", fn()
    except CockpitError as exc:
        return "error", (type(exc), exc.key, exc.params)


def assert_same_summary(new: dict[str, object], old: dict[str, object]) -> None:
    assert list(new) == list(old)
    for key in old:
        a, b = new[key], old[key]
        if isinstance(b, float) and np.isnan(b):
            assert isinstance(a, float) and np.isnan(a), key
        else:
            assert type(a) is type(b) and a == b, (key, a, b)


@st.composite
def models(draw: st.DrawFn) -> area_model.AreaModel:
    """Small models with ties (few distinct values), empty groups, mixed directions."""
    m = draw(st.integers(1, 7))
    n = draw(st.integers(1, 6))
    groups = draw(st.lists(st.sampled_from(GROUPS), min_size=n, max_size=n))
    benefit = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    levels = draw(st.sampled_from([(0.0, 1.0, 2.0), (0.0, 2.5, 5.0, 7.5, 10.0), (1.0,)]))
    cells = draw(st.lists(st.sampled_from(levels), min_size=m * n, max_size=m * n))
    matrix = np.array(cells, dtype=float).reshape(m, n)
    if draw(st.booleans()):  # some real-valued noise too
        matrix = matrix + draw(st.floats(0, 1e-3)) * np.arange(m * n).reshape(m, n)
    model = make_model(matrix, groups, benefit, investment=np.arange(m) * 1000.0)
    if draw(st.booleans()):  # names out of id order, repeated names
        names = draw(st.lists(st.sampled_from(["Ä", "B", "a", "Z"]), min_size=m, max_size=m))
        options = model.options.assign(name=names)
        model = area_model.AreaModel(model.area, options, model.criteria, model.matrix)
    return model


@st.composite
def weightings(draw: st.DrawFn, keys: tuple[str, ...]) -> WeightSet:
    raw = st.sampled_from([0.0, 0.0, 1.0, 10.0, 33.0, 50.0]) | st.floats(0, 100)
    groups = {g: draw(raw) for g in GROUPS}
    if sum(groups.values()) <= 0:
        groups["cost"] = 1.0
    chosen = draw(st.lists(st.sampled_from([*keys, "unknown"]), unique=True, max_size=3))
    within = {k: draw(raw) for k in chosen}
    return WeightSet(groups, within, draw(st.sampled_from(METHODS)))


# --- property tests --------------------------------------------------------------------------


@FAST
@given(data=st.data(), model=models())
def test_rank_area_equals_the_former_evaluation(data: st.DataObject, model) -> None:
    weights = data.draw(weightings(tuple(model.criteria["key"])))
    method = weights.method
    new = outcome(lambda: area_model.rank_area(model, weights, method))
    old = outcome(lambda: old_rank_area(model, weights, method))
    assert new[0] == old[0], (new, old)
    if old[0] == "error":
        assert new[1] == old[1]
        return
    pd.testing.assert_frame_equal(new[1], old[1], check_exact=True)
    ranking, values = area_model.rank_area_values(model, weights, method)
    pd.testing.assert_frame_equal(ranking, old[1], check_exact=True)
    for name in ranking.columns:
        np.testing.assert_array_equal(values[name], ranking[name].to_numpy())
        assert values[name].dtype == ranking[name].to_numpy().dtype
    assert area_model.tied_top_of(values) == old_tied_top(old[1])
    assert area_model.tied_top(ranking) == old_tied_top(old[1])
    assert_same_summary(summaries.summary_of(values), old_area_summary(old[1]))
    assert_same_summary(analysis.area_summary(ranking), old_area_summary(old[1]))
    cells = analysis.pathway_cells({"a": ranking, "b": ranking.iloc[:0]})
    former = old_pathway_cells({"a": old[1], "b": old[1].iloc[:0]})
    pd.testing.assert_frame_equal(cells, former, check_exact=True)


@FAST
@given(data=st.data(), model=models())
def test_weights_of_criteria_keys_equal_the_frame_versions(data: st.DataObject, model) -> None:
    weights = data.draw(weightings(tuple(model.criteria["key"])))
    criteria = model.criteria
    keys = CriteriaKeys.of(criteria)
    final = outcome(lambda: old_criterion_weights(weights, criteria))
    within = outcome(lambda: old_within_weights(weights, criteria))
    benefit = outcome(lambda: old_benefit_weights(criteria, weights))
    for new, old in (
        (lambda: weights.criterion_weights(criteria), final),
        (lambda: model.criterion_weights(weights), final),
        (lambda: weights.criterion_weights_of(keys), final),
        (lambda: weights.within_weights(criteria), within),
        (lambda: weights.within_weights_of(keys), within),
        (lambda: global_value.benefit_weights(criteria, weights), benefit),
        (lambda: model.benefit_weights(weights), benefit),
    ):
        a = outcome(new)
        assert a[0] == old[0]
        if old[0] == "ok":
            np.testing.assert_array_equal(a[1], old[1])
        else:
            assert a[1] == old[1]
    known = set(criteria["key"])
    old_fitted = {k: v for k, v in weights.within.items() if k in known}
    assert weights.for_keys(keys) == weights.for_criteria(criteria)
    assert dict(weights.for_criteria(criteria).within) == old_fitted


@FAST
@given(data=st.data(), model=models())
def test_scorer_and_stability_equal_the_former(data: st.DataObject, model) -> None:
    weights = data.draw(weightings(tuple(model.criteria["key"])))
    method = weights.method
    ranking = outcome(lambda: old_rank_area(model, weights, method))
    if ranking[0] == "error":
        new = outcome(lambda: analysis.area_stability(model, weights, method, crossings=False))
        assert new[0] == "error" and new[1] == ranking[1]
        return
    new_scorer = batch.build_scorer(model, weights, method)
    old_scorer = old_build_scorer(model, weights, method)
    for name in ("method", "linear", "option_ids", "option_names", "pathways", "groups"):
        assert getattr(new_scorer, name) == getattr(old_scorer, name)
    np.testing.assert_array_equal(new_scorer.group_index, old_scorer.group_index)
    np.testing.assert_array_equal(new_scorer.within_share, old_scorer.within_share)
    if new_scorer.groups:
        shares = np.random.default_rng(0).dirichlet(np.ones(len(new_scorer.groups)), 5)
        np.testing.assert_array_equal(
            new_scorer.group_scores(shares), old_scorer.group_scores(shares)
        )
    new = analysis.area_stability(model, weights, method, ranking=ranking[1], crossings=False)
    old = old_area_stability(model, weights, method, ranking[1])
    assert new == old
    for lang in ("de", "en"):
        assert views.stability_sentence(new, lang) == views.stability_sentence(old, lang)


def test_model_caches_are_read_only_and_per_method_spec() -> None:
    model = make_model([[1.0, 2.0], [3.0, 1.0], [2.0, 2.0]], ["cost", "feasibility"])
    normalized = model.normalized("minmax")
    assert not normalized.flags.writeable
    assert model.normalized("minmax") is normalized
    spec = methods.get("wsm")
    first = batch.build_scorer(model, WeightSet(), "wsm").kernel
    assert batch.build_scorer(model, WeightSet(), "wsm").kernel is first
    # a method registered again under the same key gets its own normalisation and kernel
    kernels = []
    for norm in ("minmax", "max"):
        again = methods.MethodSpec(
            key="test_again", label_key=spec.label_key, normalization=norm,
            score=spec.score, batch_kernel=spec.batch_kernel, linear=True,
        )  # fmt: skip
        with methods.registered(again):
            kernels.append(batch.build_scorer(model, WeightSet(), "test_again").kernel)
            ranking = area_model.rank_area(model, WeightSet(), "test_again")
            reference = old_rank_area(model, WeightSet(), "test_again")
        pd.testing.assert_frame_equal(ranking, reference, check_exact=True)
    assert kernels[0] is not kernels[1]
    assert not np.array_equal(kernels[0].unit, kernels[1].unit)


def test_invalid_model_raises_on_every_ranking() -> None:
    model = make_model([[1.0, 2.0], [3.0, 1.0]], ["cost", "feasibility"])
    options = model.options.assign(id=["same", "same"])
    broken = area_model.AreaModel(model.area, options, model.criteria, model.matrix)
    for _ in range(2):
        with pytest.raises(InputError) as new:
            area_model.rank_area(broken, WeightSet())
        with pytest.raises(InputError) as old:
            old_rank_area(broken, WeightSet(), "wsm")
        assert new.value.key == old.value.key == "duplicate_names"


# --- the seed data, every method, a grid of weightings ----------------------------------------

GRID = [0.0, 5.0, 34.0, 100.0]


@pytest.mark.parametrize("method", METHODS)
def test_seed_overview_and_stability_equal_the_former(conn, method: str) -> None:
    models = area_model.load_areas(conn, 5, 0.009)
    some = next(iter(models.values())).criteria["key"].tolist()
    withins = [{}, {some[0]: 0.0, some[-1]: 80.0}, {k: 10.0 + i for i, k in enumerate(some)}]
    checked = 0
    for values, within in itertools.product(itertools.product(GRID, repeat=3), withins):
        if sum(values) <= 0:
            continue
        weights = WeightSet(dict(zip(GROUPS, values, strict=True)), within, method)
        new = outcome(lambda weights=weights: analysis.overview(models, weights, method))
        old = outcome(lambda weights=weights: old_overview(models, weights, method))
        assert new[0] == old[0]
        if old[0] == "error":
            assert new[1] == old[1]
            continue
        (rankings, summary), (old_rankings, old_summary) = new[1], old[1]
        assert list(rankings) == list(old_rankings)
        for slug, ranking in rankings.items():
            pd.testing.assert_frame_equal(ranking, old_rankings[slug], check_exact=True)
            stability = analysis.area_stability(
                models[slug], weights, method, ranking=ranking, crossings=False
            )
            former = old_area_stability(models[slug], weights, method, old_rankings[slug])
            assert stability == former
            assert views.stability_sentence(stability, "de") == views.stability_sentence(
                former, "de"
            )
        pd.testing.assert_frame_equal(summary, old_summary, check_exact=True)
        pd.testing.assert_frame_equal(
            analysis.pathway_cells(rankings), old_pathway_cells(old_rankings), check_exact=True
        )
        checked += 1
    assert checked > 100
