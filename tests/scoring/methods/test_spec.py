"""MethodSpec: a method's declaration is checked when it is made; the linear batch kernel."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from core.scoring.methods import wsm
from core.scoring.methods.spec import KEY_PATTERN, LinearKernel, MethodSpec


def _spec(**changes: Any) -> MethodSpec:
    fields: dict[str, Any] = {
        "key": "plain",
        "label_key": "method_plain",
        "normalization": "minmax",
        "score": wsm.SPEC.score,
        "batch_kernel": wsm.SPEC.batch_kernel,
        **changes,
    }
    return MethodSpec(**fields)


def test_defaults_describe_a_plain_unsigned_nonlinear_method() -> None:
    spec = _spec()
    assert (spec.linear, spec.signed, spec.text_variant) == (False, False, None)
    assert (spec.uses_preferences, spec.excel_live_model) == (False, False)


@pytest.mark.parametrize(
    "changes",
    [
        {"key": "Plain"},
        {"key": "two words"},
        {"key": "1st"},
        {"key": "with-hyphen"},
        {"key": ""},
        {"normalization": "zscore"},
        {"label_key": ""},
        {"text_variant": "Net Flow"},
    ],
)
def test_bad_declarations_are_refused(changes: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        _spec(**changes)


def test_key_pattern_accepts_the_builtin_keys() -> None:
    assert all(KEY_PATTERN.fullmatch(k) for k in ("wsm", "topsis", "promethee2", "weighted_sum"))


def test_linear_kernel_is_a_matrix_product() -> None:
    unit = np.array([[1.0, 0.0], [0.25, 0.75]])
    weights = np.array([[0.5, 0.5], [1.0, 0.0]])
    assert LinearKernel(unit).scores(weights).tolist() == [[0.5, 0.5], [1.0, 0.25]]
