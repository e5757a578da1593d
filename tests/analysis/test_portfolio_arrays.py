"""The portfolio's items and value for money (issue 18: fewer frame reads per weighting) give
exactly what the former code gave; the former ``portfolio_items``, ``value_for_money`` and
``_area_weights`` are kept here as oracles, and the whole results block of the Übersicht
(solve, next steps, efficiency curve, best buys, value for money) is compared on the seed data
for every method and a grid of weightings, with pins, exclusions and links."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from core.analysis import knapsack, portfolio
from core.errors import CockpitError, InputError
from core.scoring import area_model, global_value
from core.scoring.area_model import AreaModel
from core.scoring.global_value import AreaWeights
from core.scoring.methods import METHODS
from core.scoring.weights import GROUPS
from core.scoring.weightset import WeightSet
from tests.analysis_factory import random_model
from tests.scoring.test_area_model_arrays import old_benefit_weights, old_criterion_weights

FAST = settings(max_examples=40, deadline=None)


# --- the former implementations (oracles) ----------------------------------------------------


def old_portfolio_items(
    models: Mapping[str, AreaModel],
    weights: WeightSet,
    area_weights: AreaWeights | None = None,
    objective: str = "benefit",
) -> pd.DataFrame:
    """One row per option of every area: its benefit (global scales × area weight), costs.

    ``value`` is the benefit in points; ``value_gain`` the gain over the area's status quo
    (0 where the area has none); ``npv_change`` the change in NPV cost against it;
    ``value_low``/``value_high`` the benefit at the ends of the data ranges.
    """
    if objective not in portfolio.OBJECTIVES:
        raise InputError(
            "portfolio_bad_objective", objective=objective, allowed=", ".join(portfolio.OBJECTIVES)
        )
    area_weights = area_weights or AreaWeights()
    parts: dict[str, list[np.ndarray]] = {
        c: [] for c in [*portfolio.ITEM_COLUMNS, *portfolio.EXTRA_COLUMNS]
    }
    for slug, model in models.items():
        if len(model.options) == 0:
            continue
        factor = area_weights.of(slug)
        low, high = model.bounds
        if objective == "benefit":
            fitted = weights.for_criteria(model.criteria)
            old_criterion_weights(fitted, model.criteria)  # raises if it cannot weigh these
            w = old_benefit_weights(model.criteria, fitted)
            points = [x @ w for x in (model.global_values, *model.global_bounds)]
        else:
            ws = weights.for_criteria(model.criteria)
            points = [
                global_value.group_value(x, model.criteria, ws, "citizen_value")
                for x in (model.matrix, low, high)
            ]
        value, v_a, v_b = (factor * p for p in points)
        columns = model.columns()
        pathway = columns["pathway"]
        npv = columns["npv_cost"]
        base = np.flatnonzero(pathway == "status_quo")
        b = int(base[0]) if len(base) else None
        n = len(value)
        for name, column in (
            ("area", np.full(n, slug, dtype=object)),
            ("option_id", columns["option_id"]),
            ("option", columns["option"]),
            ("pathway", pathway),
            ("value", value),
            ("investment", columns["investment"]),
            ("annual_cost", columns["annual_cost"]),
            ("npv_cost", npv),
            ("staff_fte", columns["staff_fte"]),
            ("area_weight", np.full(n, factor, dtype=float)),
            ("value_gain", value - value[b] if b is not None else 0.0 * value),
            ("npv_change", npv - npv[b] if b is not None else 0.0 * npv),
            ("value_low", np.minimum(v_a, v_b)),
            ("value_high", np.maximum(v_a, v_b)),
        ):
            parts[name].append(column)
    if not parts["area"]:
        return pd.DataFrame(columns=[*portfolio.ITEM_COLUMNS, *portfolio.EXTRA_COLUMNS])
    frame = pd.DataFrame({name: np.concatenate(arrays) for name, arrays in parts.items()})
    for name in ("area", "option_id", "option", "pathway"):
        frame[name] = frame[name].astype("str")
    return frame


def old_value_for_money(items: pd.DataFrame, order: pd.DataFrame) -> pd.DataFrame:
    rows = items[items["pathway"] != "status_quo"].copy()
    gain = rows["value_gain"].to_numpy(dtype=float)
    change = rows["npv_change"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(
            gain > knapsack.VALUE_TOLERANCE,
            np.where(change > 0, gain / np.where(change > 0, change, 1.0) * 100_000, np.inf),
            np.nan,
        )
    rows["value_per_100k"] = ratio
    position = dict(zip(order["option_id"], order["order"], strict=True))
    rows["best_buy"] = [int(position.get(o, 0)) for o in rows["option_id"]]
    return rows.reset_index(drop=True)


def old_area_weights(items: pd.DataFrame) -> dict[str, float]:
    if "area_weight" not in items.columns:
        return {}
    weights: dict[str, float] = {}
    for a, w in zip(items["area"], items["area_weight"].to_numpy(dtype=float), strict=True):
        weights.setdefault(str(a), float(w))
    return weights


def outcome(fn):  # type: ignore[no-untyped-def]
    try:
        return "ok", fn()
    except CockpitError as exc:
        return "error", (type(exc), exc.key, exc.params)


# --- property tests --------------------------------------------------------------------------


@st.composite
def area_models(draw: st.DrawFn) -> dict[str, AreaModel]:
    count = draw(st.integers(1, 4))
    models = {}
    for k in range(count):
        m = draw(st.integers(0, 5))
        seed = draw(st.integers(0, 10_000))
        model = random_model(seed, max(m, 1), n_per_group=draw(st.integers(1, 2)), area=f"a{k}")
        if m == 0:  # an area without options
            model = AreaModel(model.area, model.options.iloc[:0], model.criteria, model.matrix[:0])
        else:
            rng = np.random.default_rng(seed)
            options = model.options.assign(
                investment=rng.integers(0, 5, m) * 10_000.0,
                annual_cost=rng.integers(0, 5, m) * 1_000.0,
            )
            if draw(st.booleans()):  # no status quo in this area
                options = options.assign(pathway="standard")
            model = AreaModel(model.area, options, model.criteria, model.matrix)
        models[model.area] = model
    return models


@FAST
@given(data=st.data(), models=area_models())
def test_items_and_value_for_money_equal_the_former(data: st.DataObject, models) -> None:
    keys = [*next(iter(models.values())).criteria["key"], "elsewhere"]
    raw = st.sampled_from([0.0, 1.0, 25.0]) | st.floats(0, 100)
    groups = {g: data.draw(raw) for g in GROUPS}
    if sum(groups.values()) <= 0:
        groups["feasibility"] = 1.0
    within = {k: data.draw(raw) for k in data.draw(st.lists(st.sampled_from(keys), max_size=3))}
    weights = WeightSet(groups, within, data.draw(st.sampled_from(METHODS)))
    area_weights = AreaWeights(
        {a: data.draw(st.sampled_from([0.0, 0.5, 1.0, 3.0])) for a in models}
    )
    objective = data.draw(st.sampled_from(portfolio.OBJECTIVES))
    new = outcome(lambda: portfolio.portfolio_items(models, weights, area_weights, objective))
    old = outcome(lambda: old_portfolio_items(models, weights, area_weights, objective))
    assert new[0] == old[0]
    if old[0] == "error":
        assert new[1] == old[1]
        return
    items = new[1]
    pd.testing.assert_frame_equal(items, old[1], check_exact=True)
    assert portfolio._area_weights(items) == old_area_weights(items)
    if len(items):
        order = portfolio.best_buys(items)
        pd.testing.assert_frame_equal(
            portfolio.value_for_money(items, order),
            old_value_for_money(items, order),
            check_exact=True,
        )


def test_text_columns_not_read_as_str_are_still_cast() -> None:
    model = random_model(3, 3, area="x")
    options = model.options.assign(name=np.array([np.nan] * 3, dtype=object))
    models = {"x": AreaModel("x", options, model.criteria, model.matrix)}
    new = portfolio.portfolio_items(models, WeightSet())
    pd.testing.assert_frame_equal(new, old_portfolio_items(models, WeightSet()), check_exact=True)
    assert new["option"].dtype == pd.api.types.pandas_dtype("str")


# --- the seed data: the Übersicht's whole results block ----------------------------------------


def _results(items: pd.DataFrame, budgets: tuple[float, float], constraints: Mapping) -> list:
    result = portfolio.solve(items, *budgets, **constraints)
    steps = portfolio.next_steps(items, result, **constraints) if result.feasible else []
    curve = portfolio.efficiency_curve(items, "investment", budgets[1], **constraints)
    buys = portfolio.best_buys(items)
    return [result, steps, curve, buys, portfolio.value_for_money(items, buys)]


def _same(a: object, b: object) -> None:
    if isinstance(b, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b, check_exact=True)  # type: ignore[arg-type]
    elif isinstance(b, list | tuple):
        assert isinstance(a, list | tuple) and len(a) == len(b)
        for x, y in zip(a, b, strict=True):
            _same(x, y)
    elif dataclasses.is_dataclass(b):
        for f in dataclasses.fields(b):
            if f.compare:  # a next step's result (built when read) is compared below
                _same(getattr(a, f.name), getattr(b, f.name))
        if isinstance(b, portfolio.NextStep):
            _same(a.result, b.result)  # type: ignore[attr-defined]
    else:
        assert a == b, (a, b)


CONSTRAINTS = [
    {},
    {"pinned": {"ozg": "ozg-paderborn"}, "excluded": ["gis"]},
    {"excluded_options": ["homepage-gsb"], "requires": [("city-app-leipzig", "homepage-gsb")]},
]


@pytest.mark.parametrize("method", METHODS)
def test_seed_results_block_equals_the_former(conn, method: str) -> None:
    models = area_model.load_areas(conn, 5, 0.009)
    ids = set(portfolio.portfolio_items(models, WeightSet())["option_id"])
    for c in CONSTRAINTS:  # the seed's option ids (the test would pass vacuously otherwise)
        assert set(c.get("pinned", {}).values()) | set(c.get("excluded_options", [])) <= ids
    some = next(iter(models.values())).criteria["key"].tolist()
    checked = 0
    grid = itertools.product([0.0, 10.0, 50.0], [0.0, 20.0, 100.0], [{}, {some[-1]: 0.0}])
    for (citizen, feasible, within), objective in itertools.product(grid, portfolio.OBJECTIVES):
        if citizen + feasible <= 0:
            continue
        weights = WeightSet({"cost": 30.0, "citizen_value": citizen, "feasibility": feasible},
                            within, method)  # fmt: skip
        area_weights = AreaWeights({"ozg": 2.0})
        new = portfolio.portfolio_items(models, weights, area_weights, objective)
        old = old_portfolio_items(models, weights, area_weights, objective)
        pd.testing.assert_frame_equal(new, old, check_exact=True)
        top = [portfolio.budget_range(new, c)[1] for c in ("investment", "annual_cost")]
        for c in CONSTRAINTS:
            for share in (0.3, 0.6):
                budgets = (share * top[0], share * top[1])
                found = _results(new, budgets, c)
                former = _results(old, budgets, c)
                _same(found, former)
                buys = former[3]
                _same(found[4], old_value_for_money(old, buys))
                assert found[0].area_weights == old_area_weights(old)
                checked += 1
    assert checked > 20
