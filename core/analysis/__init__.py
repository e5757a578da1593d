"""Analysis on top of the rankings: summaries, sensitivity, Monte Carlo, budget portfolio, cost
view, method comparison and stakeholder aggregation.

Pages and ui use the names below (``from core import analysis``); the modules are the
package's own business and its tests'.
"""

from core.analysis.costview import (
    WIBE_THRESHOLD,
    cost_view,
)
from core.analysis.method_comparison import (
    compare_methods,
)
from core.analysis.montecarlo import (
    DEFAULT_CONCENTRATION as MC_DEFAULT_CONCENTRATION,
    DEFAULT_SAMPLES as MC_DEFAULT_SAMPLES,
    DEFAULT_SEED as MC_DEFAULT_SEED,
    SAMPLING_MODES as MC_SAMPLING_MODES,
    data_stack as mc_data_stack,
    rank_acceptability,
)
from core.analysis.portfolio import (
    CURVE_GRID,
    OBJECTIVES as PORTFOLIO_OBJECTIVES,
    AreaWeights,
    NextStep,
    PortfolioResult,
    best_buys,
    budget_range,
    efficiency_curve,
    next_steps as portfolio_next_steps,
    portfolio_confidence,
    portfolio_items,
    solve as solve_portfolio,
    solve_with_next_steps as solve_portfolio_with_next_steps,
    value_for_money,
)
from core.analysis.sensitivity import (
    AreaStability,
    area_stability,
    score_curves,
    sentence_stability,
)
from core.analysis.stakeholders import (
    MEANS as STAKEHOLDER_MEANS,
    aggregate as aggregate_stakeholders,
    dissent as stakeholder_dissent,
    profiles as stakeholder_profiles,
    save as save_stakeholder,
    spread as stakeholder_spread,
)
from core.analysis.summaries import (
    Overview,
    area_summary,
    efficient_frontier,
    group_index,
    overview,
    overview_of,
    pathway_cells,
    pathway_cells_of,
    scatter_points,
    summary_of,
)
from core.scoring.global_value import parse_area_weights

__all__ = [
    "AreaStability",
    "AreaWeights",
    "CURVE_GRID",
    "MC_DEFAULT_CONCENTRATION",
    "MC_DEFAULT_SAMPLES",
    "MC_DEFAULT_SEED",
    "MC_SAMPLING_MODES",
    "PORTFOLIO_OBJECTIVES",
    "NextStep",
    "Overview",
    "PortfolioResult",
    "STAKEHOLDER_MEANS",
    "WIBE_THRESHOLD",
    "aggregate_stakeholders",
    "area_stability",
    "sentence_stability",
    "area_summary",
    "best_buys",
    "budget_range",
    "compare_methods",
    "cost_view",
    "efficiency_curve",
    "efficient_frontier",
    "group_index",
    "overview",
    "overview_of",
    "parse_area_weights",
    "pathway_cells",
    "pathway_cells_of",
    "portfolio_confidence",
    "portfolio_next_steps",
    "portfolio_items",
    "mc_data_stack",
    "rank_acceptability",
    "save_stakeholder",
    "scatter_points",
    "score_curves",
    "solve_portfolio",
    "solve_portfolio_with_next_steps",
    "stakeholder_dissent",
    "stakeholder_profiles",
    "stakeholder_spread",
    "summary_of",
    "value_for_money",
]
