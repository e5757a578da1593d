"""The CLI's lazily built parser repeats a few defaults of the analysis package (so that
``--help`` does not import numpy); they must stay the same as the package's own."""

from core.analysis import montecarlo, portfolio
from core.cli import analysis as cli_analysis
from core.cli.choices import OBJECTIVE_CHOICES, SOLVER_CHOICES


def test_montecarlo_defaults_match_the_analysis_package() -> None:
    assert cli_analysis.MONTECARLO_SAMPLES == montecarlo.DEFAULT_SAMPLES
    assert cli_analysis.MONTECARLO_SEED == montecarlo.DEFAULT_SEED


def test_lazy_choices_list_the_package_values() -> None:
    assert tuple(OBJECTIVE_CHOICES) == tuple(portfolio.OBJECTIVES)
    assert tuple(SOLVER_CHOICES) == tuple(portfolio.SOLVERS)
    assert "benefit" in OBJECTIVE_CHOICES and "nonsense" not in SOLVER_CHOICES
