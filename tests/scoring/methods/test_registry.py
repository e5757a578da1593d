"""The scoring-method registry: order, lookup, the built-in specs, registration and wording."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from core import i18n
from core.errors import InputError
from core.scoring import methods
from core.scoring.methods import registry
from core.scoring.methods.spec import KEY_PATTERN
from core.store import migration_methods


def test_methods_keep_todays_order() -> None:
    assert methods.METHODS == ("wsm", "topsis", "promethee2")
    assert methods.keys() == methods.METHODS


@pytest.mark.parametrize("key", ["ahp", "WSM", "", 3, None, ["wsm"]])
def test_unknown_keys_raise_unknown_method(key: object) -> None:
    with pytest.raises(InputError) as info:
        methods.get(key)
    assert info.value.key == "unknown_method"
    assert info.value.params == {"method": key, "allowed": "wsm, topsis, promethee2"}


def test_builtin_specs_declare_what_the_app_used_to_hard_code() -> None:
    wsm, topsis, promethee = (methods.get(k) for k in methods.METHODS)
    assert [s.normalization for s in (wsm, topsis, promethee)] == ["minmax", "vector", "none"]
    assert [s.linear for s in (wsm, topsis, promethee)] == [True, False, True]
    assert [s.signed for s in (wsm, topsis, promethee)] == [False, False, True]
    assert [s.text_variant for s in (wsm, topsis, promethee)] == [None, None, "netflow"]
    assert [s.uses_preferences for s in (wsm, topsis, promethee)] == [False, False, True]
    assert [s.excel_live_model for s in (wsm, topsis, promethee)] == [True, False, False]
    assert [s.key for s in (wsm, topsis, promethee)] == list(methods.METHODS)


@pytest.mark.parametrize("key", methods.METHODS)
def test_every_method_is_named_in_both_languages(key: str) -> None:
    label = methods.get(key).label_key
    assert label == f"method_{key}"
    assert i18n.t(label, "de") and i18n.t(label, "en")


@pytest.mark.parametrize("key", methods.METHODS)
def test_scores_come_with_contributions_that_add_up(key: str) -> None:
    spec = methods.get(key)
    rng = np.random.default_rng(7)
    normalized = rng.uniform(0, 1, (5, 4))
    weights = np.array([0.1, 0.2, 0.3, 0.4])
    scores, contributions = spec.score(normalized, weights, None)
    assert contributions.shape == normalized.shape
    np.testing.assert_allclose(contributions.sum(axis=1), scores, atol=1e-12)
    batch = spec.batch_kernel(normalized, None).scores(weights[None, :])[0]
    np.testing.assert_allclose(batch, scores, atol=1e-12)


def test_text_key_picks_the_methods_wording() -> None:
    twins = [k for k in i18n.TEXT if f"{k}_netflow" in i18n.TEXT]
    assert {"col_score", "chart_points", "recommendation", "heatmap_title"} <= set(twins)
    for key in twins:
        assert methods.text_key(key, "promethee2") == f"{key}_netflow"
        assert methods.text_key(key, "wsm") == key
        assert methods.text_key(key, "topsis") == key
    assert methods.text_key("col_option", "promethee2") == "col_option"  # no twin: unchanged
    with pytest.raises(InputError):
        methods.text_key("col_score", "electre")


def test_a_key_is_registered_once_and_builtins_stay() -> None:
    with pytest.raises(ValueError):
        methods.register(methods.get("wsm"))
    with pytest.raises(ValueError):
        methods.unregister("topsis")
    with pytest.raises(TypeError):
        methods.register("wsm")  # type: ignore[arg-type]
    assert methods.keys() == methods.METHODS


def test_registered_adds_for_the_block_only_even_on_error() -> None:
    extra = replace(methods.get("wsm"), key="wsm_copy", label_key="method_wsm")
    with pytest.raises(RuntimeError), methods.registered(extra):
        assert methods.keys() == (*methods.METHODS, "wsm_copy")
        assert methods.get("wsm_copy") is extra
        raise RuntimeError("boom")
    assert methods.keys() == methods.METHODS
    assert "wsm_copy" not in registry.keys()


def test_the_store_checks_the_same_key_format() -> None:
    assert KEY_PATTERN.pattern == migration_methods.METHOD_KEY
