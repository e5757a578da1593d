"""Scoring: weights, normalisation, the scoring methods and their registry, one area's model and
ranking, finance and batch scoring for many weightings.

Pages and ui use the names below (``from core import scoring``); the modules are the
package's own business and its tests'.

The names are loaded on first use (PEP 562 ``__getattr__``): the command line reads the list
of methods without importing pandas or DuckDB, which the area model needs (issue 18: the CLI
starts in under 0.3 s).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# public name -> (module, name in that module)
_EXPORTS: dict[str, tuple[str, str]] = {
    "AreaModel": ("area_model", "AreaModel"),
    "load_areas": ("area_model", "load_areas"),
    "area_benefit": ("area_model", "area_benefit"),
    "rank_area": ("area_model", "rank_area"),
    "rank_area_values": ("area_model", "rank_area_values"),
    "tied_top": ("area_model", "tied_top"),
    "tied_top_of": ("area_model", "tied_top_of"),
    "build_scorer": ("batch", "build_scorer"),
    "DecisionProblem": ("decision", "DecisionProblem"),
    "Evaluation": ("decision", "Evaluation"),
    "evaluate": ("decision", "evaluate"),
    "annuity_factor": ("finance", "annuity_factor"),
    "npv_cost": ("finance", "npv_cost"),
    "METHODS": ("methods", "METHODS"),
    "MethodSpec": ("methods", "MethodSpec"),
    "method_spec": ("methods", "get"),
    "method_keys": ("methods", "keys"),
    "text_key": ("methods", "text_key"),
    "GROUPS": ("weights", "GROUPS"),
    "DEFAULT_GROUP_WEIGHTS": ("weightset", "DEFAULT_GROUP_WEIGHTS"),
    "DEFAULT_METHOD": ("weightset", "DEFAULT_METHOD"),
    "CriteriaKeys": ("weightset", "CriteriaKeys"),
    "WeightSet": ("weightset", "WeightSet"),
    "parse_weights_spec": ("weightset", "parse_weights_spec"),
}

__all__ = [
    "AreaModel",
    "CriteriaKeys",
    "DEFAULT_GROUP_WEIGHTS",
    "DEFAULT_METHOD",
    "DecisionProblem",
    "Evaluation",
    "GROUPS",
    "METHODS",
    "MethodSpec",
    "WeightSet",
    "annuity_factor",
    "area_benefit",
    "build_scorer",
    "evaluate",
    "load_areas",
    "method_keys",
    "method_spec",
    "npv_cost",
    "parse_weights_spec",
    "rank_area",
    "rank_area_values",
    "text_key",
    "tied_top",
    "tied_top_of",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = _EXPORTS[name]
    value = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
    globals()[name] = value  # later look-ups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from core.scoring.area_model import (
        AreaModel,
        load_areas,
        rank_area,
        rank_area_values,
        tied_top,
        tied_top_of,
    )
    from core.scoring.batch import build_scorer
    from core.scoring.decision import DecisionProblem, Evaluation, evaluate
    from core.scoring.finance import annuity_factor, npv_cost
    from core.scoring.methods import (
        METHODS,
        MethodSpec,
        get as method_spec,
        keys as method_keys,
        text_key,
    )
    from core.scoring.weights import GROUPS
    from core.scoring.weightset import (
        DEFAULT_GROUP_WEIGHTS,
        DEFAULT_METHOD,
        CriteriaKeys,
        WeightSet,
        parse_weights_spec,
    )
