"""Scoring: weights, normalisation, the scoring methods and their registry, one area's model and
ranking, finance and batch scoring for many weightings.

Pages and ui use the names below (``from core import scoring``); the modules are the
package's own business and its tests'.
"""

from core.scoring.area_model import (
    AreaModel,
    area_benefit,
    load_areas,
    rank_area,
    tied_top,
)
from core.scoring.batch import (
    build_scorer,
)
from core.scoring.decision import (
    DecisionProblem,
    Evaluation,
    evaluate,
)
from core.scoring.finance import (
    annuity_factor,
    npv_cost,
)
from core.scoring.methods import (
    METHODS,
    MethodSpec,
    get as method_spec,
    keys as method_keys,
    text_key,
)
from core.scoring.weights import (
    GROUPS,
)
from core.scoring.weightset import (
    DEFAULT_GROUP_WEIGHTS,
    DEFAULT_METHOD,
    WeightSet,
    parse_weights_spec,
)

__all__ = [
    "AreaModel",
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
    "text_key",
    "tied_top",
]
