"""NPV of cost."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, strategies as st

from core.errors import InputError
from core.scoring import finance


def test_npv_by_hand() -> None:
    # 100,000 now + 10,000 a year for 5 years at 0.9 %:
    expected = 100_000 + sum(10_000 / 1.009**t for t in range(1, 6))
    assert finance.npv_cost([100_000], [10_000], 5, 0.009)[0] == pytest.approx(expected, rel=1e-12)


def test_zero_rate_is_plain_sum() -> None:
    assert finance.npv_cost([5.0], [2.0], 5, 0.0)[0] == pytest.approx(15.0)


@pytest.mark.parametrize("horizon", [0, 51, 2.5])
def test_bad_horizon(horizon: object) -> None:
    with pytest.raises(InputError):
        finance.npv_cost([1.0], [1.0], horizon, 0.01)  # type: ignore[arg-type]


@pytest.mark.parametrize("rate", [float("nan"), -0.6, 1.5])
def test_bad_rate(rate: float) -> None:
    with pytest.raises(InputError):
        finance.npv_cost([1.0], [1.0], 5, rate)


def test_negative_cost_is_rejected() -> None:
    with pytest.raises(InputError) as info:
        finance.npv_cost([-1.0], [0.0], 5, 0.009)
    assert info.value.key == "negative_cost"


@given(
    st.floats(0, 1e7),
    st.floats(0, 1e6),
    st.integers(1, 50),
    st.floats(0.0, 0.2),
)
def test_npv_monotone_in_costs_and_rate(
    inv: float, annual: float, horizon: int, rate: float
) -> None:
    npv = finance.npv_cost([inv], [annual], horizon, rate)[0]
    assert inv <= npv <= inv + annual * horizon + 1e-6
    higher_rate = finance.npv_cost([inv], [annual], horizon, rate + 0.05)[0]
    assert higher_rate <= npv + 1e-6
    assert np.isfinite(npv)
