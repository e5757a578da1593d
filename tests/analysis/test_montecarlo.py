"""Monte Carlo rank acceptability: reproducible, consistent, statistically right, edge cases."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

from core.analysis import montecarlo
from core.errors import InputError
from core.scoring import area_model
from core.scoring.ranking import competition_ranks
from core.scoring.weightset import WeightSet
from tests.analysis_factory import make_model, random_model

GROUPS3 = ["cost", "citizen_value", "feasibility"]


def test_same_seed_same_result_other_seed_other_result(conn) -> None:
    model = area_model.load_areas(conn, 5, 0.009)["homepage"]
    first = montecarlo.rank_acceptability(model, WeightSet(), samples=3_000, seed=7)
    again = montecarlo.rank_acceptability(model, WeightSet(), samples=3_000, seed=7)
    other = montecarlo.rank_acceptability(model, WeightSet(), samples=3_000, seed=8)
    np.testing.assert_array_equal(first.acceptability, again.acceptability)
    np.testing.assert_array_equal(first.expected_rank, again.expected_rank)
    assert not np.array_equal(first.acceptability, other.acceptability)


@pytest.mark.parametrize("method", ["wsm", "topsis", "promethee2"])
@pytest.mark.parametrize("mode", montecarlo.SAMPLING_MODES)
def test_shares_sum_to_one_and_expected_rank_is_their_mean(conn, method: str, mode: str) -> None:
    model = area_model.load_areas(conn, 5, 0.009)["city-app"]
    result = montecarlo.rank_acceptability(model, WeightSet(), method, samples=2_000, mode=mode)
    assert result.acceptability.sum(axis=1) == pytest.approx(np.ones(len(model.options)))
    ranks = np.arange(1, len(model.options) + 1)
    assert result.expected_rank == pytest.approx(result.acceptability @ ranks)
    table = result.table()
    assert table["expected_rank"].is_monotonic_increasing


def test_uniform_sampling_matches_the_symmetry_of_the_simplex() -> None:
    """Option 0 wins on cost, option 1 on citizen value; under uniform weights each leads when
    its group outweighs the other, which by symmetry happens in half of all weightings."""
    model = make_model([[10, 0], [0, 10]], ["cost", "citizen_value"])
    result = montecarlo.rank_acceptability(
        model, WeightSet(), samples=20_000, mode="uniform", seed=3
    )
    sigma = np.sqrt(0.25 / 20_000)
    assert result.acceptability[0, 0] == pytest.approx(0.5, abs=4 * sigma)


def test_high_concentration_stays_at_the_current_ranking(conn) -> None:
    model = area_model.load_areas(conn, 5, 0.009)["ozg"]
    weights = WeightSet({"cost": 20, "citizen_value": 20, "feasibility": 60})
    ranking = area_model.rank_area(model, weights)
    result = montecarlo.rank_acceptability(model, weights, samples=2_000, concentration=1e7)
    top = list(model.options["id"]).index(ranking.iloc[0]["option_id"])
    assert result.acceptability[top, 0] == pytest.approx(1.0)


def test_dirichlet_samples_center_on_current_shares_and_keep_zero_groups_at_zero() -> None:
    current = np.array([0.6, 0.4, 0.0])
    shares = montecarlo.sample_shares(current, 20_000, "around", 50.0, seed=1)
    assert shares.sum(axis=1) == pytest.approx(np.ones(20_000))
    assert (shares[:, 2] == 0).all()
    assert shares.mean(axis=0) == pytest.approx(current, abs=0.005)
    expected_sd = np.sqrt(0.6 * 0.4 / 51)
    assert shares[:, 0].std() == pytest.approx(expected_sd, rel=0.05)


def test_progress_reports_every_chunk_up_to_the_total() -> None:
    calls: list[tuple[int, int]] = []
    model = random_model(2, 5)
    montecarlo.rank_acceptability(
        model, WeightSet(), samples=5_001, progress=lambda done, total: calls.append((done, total))
    )
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert calls[-1] == (5_001, 5_001)
    assert len(calls) == -(-5_001 // montecarlo.CHUNK)


def test_all_options_tied_share_rank_one_always() -> None:
    model = make_model([[3, 3, 3]] * 4, GROUPS3)
    result = montecarlo.rank_acceptability(model, WeightSet(), samples=500, mode="uniform")
    assert result.acceptability[:, 0] == pytest.approx(np.ones(4))
    assert result.expected_rank == pytest.approx(np.ones(4))


def test_single_option_is_always_first() -> None:
    model = make_model([[1, 2, 3]], GROUPS3)
    result = montecarlo.rank_acceptability(model, WeightSet(), samples=100)
    assert result.acceptability.tolist() == [[1.0]]


def test_zero_group_weight_stays_zero_around_current() -> None:
    # Option 1 only wins through feasibility; with feasibility weighted 0 it never leads.
    model = make_model([[5, 5, 0], [0, 0, 10]], GROUPS3)
    weights = WeightSet({"cost": 50, "citizen_value": 50, "feasibility": 0})
    result = montecarlo.rank_acceptability(model, weights, samples=1_000, concentration=2)
    assert result.acceptability[1, 0] == 0.0


@pytest.mark.parametrize(
    "kwargs",
    [
        {"samples": 0},
        {"samples": montecarlo.MAX_SAMPLES + 1},
        {"concentration": float("nan")},
        {"concentration": 0.0},
        {"mode": "gaussian"},
        {"seed": -1},
    ],
)
def test_invalid_settings_raise_a_clear_error(kwargs: dict) -> None:
    with pytest.raises(InputError):
        montecarlo.rank_acceptability(random_model(1, 3), WeightSet(), **kwargs)


@settings(max_examples=40, deadline=None)
@given(
    hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=2, max_dims=2, max_side=6),
        elements=st.sampled_from([0.0, 0.1, 0.2, 0.5, 1.0]),
    )
)
def test_batched_ranks_equal_the_app_ranking_row_by_row(scores: np.ndarray) -> None:
    batched = montecarlo.competition_ranks_many(scores)
    for row, ranks in zip(scores, batched, strict=True):
        assert ranks.tolist() == competition_ranks(row).tolist()


@pytest.mark.parametrize("method", ["wsm", "topsis", "promethee2"])
@pytest.mark.parametrize("samples", [1_000, 777])  # whole chunks, and a last short one
def test_data_draws_made_once_give_the_same_result(conn, method: str, samples: int) -> None:
    """The data draws do not depend on the weights: drawn once (data_stack) and passed in,
    they give exactly what rank_acceptability draws itself, under any weighting."""
    model = area_model.load_areas(conn, 5, 0.009)["ozg"]
    stack = montecarlo.data_stack(model, samples, seed=11)
    assert stack.shape == (samples, *model.matrix.shape)
    for groups in ({"cost": 80, "citizen_value": 10, "feasibility": 10}, None):
        weights = WeightSet(groups) if groups else WeightSet()
        drawn = montecarlo.rank_acceptability(
            model, weights, method, samples=samples, seed=11, data=True
        )
        given_stack = montecarlo.rank_acceptability(
            model, weights, method, samples=samples, seed=11, data=True, data_stack=stack
        )
        np.testing.assert_array_equal(drawn.acceptability, given_stack.acceptability)
        np.testing.assert_array_equal(drawn.expected_rank, given_stack.expected_rank)


def test_a_data_stack_must_fit_the_run(conn) -> None:
    model = area_model.load_areas(conn, 5, 0.009)["ozg"]
    stack = montecarlo.data_stack(model, 500)
    with pytest.raises(ValueError, match="data_stack"):
        montecarlo.rank_acceptability(model, WeightSet(), samples=400, data=True, data_stack=stack)
    with pytest.raises(ValueError, match="data_stack"):
        montecarlo.rank_acceptability(model, WeightSet(), samples=500, data_stack=stack)
