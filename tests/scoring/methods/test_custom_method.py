"""A method registered from outside the app works everywhere a built-in one does.

The weighted product model (WPM) below is declared here and nowhere else: score_i =
Π_j (½ + ½ n_ij)^w_j on the min-max normalised matrix (shifted into [½, 1] so that no factor
is 0). It is not linear in the weights, so the stability analysis takes its numerical path.
Registering it is the only step: evaluate, the area ranking, batch scoring, the stability
analysis, Monte Carlo, the method comparison, the URL state, the CLI and saved scenarios
(including the store's CHECK on ``weight_profiles.method``) pick it up from the registry.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pytest

from core import cli, store
from core.analysis import method_comparison, montecarlo, sensitivity
from core.editing import scenarios
from core.editing.auth import Actor
from core.errors import InputError
from core.scoring import area_model, batch, decision, methods
from core.scoring.methods import MethodSpec, Preference
from core.scoring.weightset import WeightSet
from core.store import seed
from core.views import urlstate

KEY = "weighted_product"
WEIGHTS = WeightSet({"cost": 50, "citizen_value": 30, "feasibility": 20})


def _logs(normalized: np.ndarray) -> np.ndarray:
    return np.log(0.5 + 0.5 * normalized)


def _score(
    normalized: np.ndarray, weights: np.ndarray, preference: Preference
) -> tuple[np.ndarray, np.ndarray]:
    """Scores, and contributions apportioned in proportion to w_j · log factor_ij."""
    weighted = _logs(normalized) * weights
    scores = np.exp(weighted.sum(axis=1))
    totals = weighted.sum(axis=1, keepdims=True)
    shares = np.where(totals != 0, weighted / np.where(totals != 0, totals, 1.0), weights)
    return scores, scores[:, None] * shares


@dataclass(frozen=True, eq=False)
class _ProductKernel:
    logs: np.ndarray

    def scores(self, criterion_weights: np.ndarray) -> np.ndarray:
        return np.exp(criterion_weights @ self.logs.T)


SPEC = MethodSpec(
    key=KEY,
    label_key="method_weighted_product",  # not in the catalogue: nothing here shows it
    normalization="minmax",
    score=_score,
    batch_kernel=lambda normalized, preference: _ProductKernel(_logs(normalized)),
)


@pytest.fixture
def product() -> Iterator[MethodSpec]:
    with methods.registered(SPEC) as spec:
        yield spec
    assert KEY not in methods.keys()


@pytest.fixture
def model(conn: duckdb.DuckDBPyConnection) -> area_model.AreaModel:
    return area_model.load_areas(conn, 5, 0.009)["ozg"]


def _expected(model: area_model.AreaModel, weights: WeightSet) -> np.ndarray:
    """The product straight from its definition, independent of the spec's code path."""
    low, high = model.matrix.min(axis=0), model.matrix.max(axis=0)
    spread = np.where(high > low, high - low, 1.0)
    n = np.where(model.benefit, model.matrix - low, high - model.matrix) / spread
    n[:, high == low] = 1.0
    w = weights.criterion_weights(model.criteria)
    return np.prod((0.5 + 0.5 * n) ** w, axis=1)


def test_the_registry_lists_it_after_the_builtins_while_registered(product: MethodSpec) -> None:
    assert methods.keys() == ("wsm", "topsis", "promethee2", KEY)
    assert methods.METHODS == ("wsm", "topsis", "promethee2")  # the app's own methods
    with pytest.raises(ValueError):
        methods.register(SPEC)


def test_evaluate(product: MethodSpec) -> None:
    problem = decision.DecisionProblem(
        alternatives=("a", "b", "c"),
        criteria=("price", "quality"),
        matrix=np.array([[100.0, 7.0], [80.0, 5.0], [90.0, 9.0]]),
        benefit=np.array([False, True]),
        weights=np.array([2.0, 1.0]),
    )
    result = decision.evaluate(problem, KEY)
    # min-max: price (cost) a 0, b 1, c 0.5; quality a 0.5, b 0, c 1
    expected = [0.5 ** (2 / 3) * 0.75 ** (1 / 3), 0.5 ** (1 / 3), 0.75 ** (2 / 3)]
    np.testing.assert_allclose(result.scores, expected, rtol=1e-12)
    assert (result.method, result.normalization) == (KEY, "minmax")
    assert result.ranking == ["c", "b", "a"]
    np.testing.assert_allclose(result.contributions.sum(axis=1), result.scores, rtol=1e-12)


def test_rank_area(product: MethodSpec, model: area_model.AreaModel) -> None:
    ranking = area_model.rank_area(model, WEIGHTS, KEY)
    expected = dict(zip(model.options["id"], _expected(model, WEIGHTS), strict=True))
    np.testing.assert_allclose(
        ranking["score"], [expected[o] for o in ranking["option_id"]], rtol=1e-12
    )
    assert list(ranking["rank"]) == sorted(ranking["rank"])
    groups = ranking[["cost", "citizen_value", "feasibility"]].sum(axis=1)
    np.testing.assert_allclose(groups, ranking["score"], rtol=1e-12)


def test_batch_scoring_matches_rank_area(product: MethodSpec, model: area_model.AreaModel) -> None:
    rng = np.random.default_rng(3)
    for raw in rng.uniform(1, 100, (5, 3)):
        weights = WeightSet(dict(zip(("cost", "citizen_value", "feasibility"), raw)))
        scorer = batch.build_scorer(model, weights, KEY)
        assert (scorer.method, scorer.linear) == (KEY, False)
        ranking = area_model.rank_area(model, weights, KEY).set_index("option_id")
        got = scorer.group_scores(scorer.current_shares(weights))[0]
        want = ranking.loc[list(scorer.option_ids), "score"].to_numpy()
        np.testing.assert_allclose(got, want, rtol=1e-12)


def test_stability_and_monte_carlo(product: MethodSpec, model: area_model.AreaModel) -> None:
    stability = sensitivity.area_stability(model, WEIGHTS, KEY)
    ranking = area_model.rank_area(model, WEIGHTS, KEY)
    assert stability.method == KEY
    assert stability.top == ranking["option_id"].iloc[0]
    for result in stability.groups.values():
        assert result.applicable and not result.exact  # not linear: the numerical path
        assert result.lower <= result.current <= result.upper
    acceptability = montecarlo.rank_acceptability(model, WEIGHTS, KEY, samples=200)
    assert set(acceptability.option_ids) == set(model.options["id"])


def test_method_comparison(product: MethodSpec, model: area_model.AreaModel) -> None:
    comparison = method_comparison.compare_methods(model, WEIGHTS)
    assert list(comparison.top) == [*methods.METHODS, KEY]
    ranking = area_model.rank_area(model, WEIGHTS, KEY).set_index("option_id")["rank"]
    mine = comparison.ranks.set_index("option_id")[KEY]
    assert mine.to_dict() == ranking.to_dict()
    assert comparison.top[KEY] == tuple(ranking[ranking == 1].index)


def test_url_state_accepts_it(product: MethodSpec) -> None:
    state, ignored = urlstate.parse_query({"method": KEY}, ["ozg"], {})
    assert (state.weights.method, ignored) == (KEY, [])
    assert urlstate.to_query(state)["method"] == KEY


def test_cli_offers_it(
    product: MethodSpec, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "cli.duckdb")
    seed.open_seeded(db).close()
    code = cli.main(["--db", db, "rank-area", "ozg", "--method", KEY, "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert len(json.loads(out)) > 1


def test_a_saved_scenario_keeps_it_and_passes_the_store_check(
    product: MethodSpec, conn: duckdb.DuckDBPyConnection
) -> None:
    criteria = store.criteria(conn)
    weights = WEIGHTS.with_method(KEY)
    slug, _ = scenarios.save(conn, Actor("anna", "editor"), "Produkt", weights, criteria)
    assert scenarios.load(conn, slug).weights.method == KEY
    (stored,) = conn.execute("SELECT method FROM weight_profiles WHERE slug = ?", [slug]).fetchone()
    assert stored == KEY


def test_without_registration_it_is_unknown(conn: duckdb.DuckDBPyConnection) -> None:
    for call in (
        lambda: WeightSet({"cost": 1}, method=KEY),
        lambda: area_model.rank_area(area_model.load_areas(conn, 5, 0.009)["ozg"], WEIGHTS, KEY),
        lambda: batch.build_scorer(area_model.load_areas(conn, 5, 0.009)["ozg"], WEIGHTS, KEY),
    ):
        with pytest.raises(InputError) as info:
            call()
        assert info.value.key == "unknown_method"
