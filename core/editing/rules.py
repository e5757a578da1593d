"""Plausible ranges of every number, declared once, and the one check that applies them.

The data editor (:mod:`core.editing.edits`, via :class:`~core.editing.validation.Field`), the
Excel import (:mod:`core.excel.schema` columns) and the CLI (which imports through the
importer) all take their limits from :data:`COLUMN_RANGES` through :func:`bounds`, so a value
refused in one place is refused in all. Assessment values
are checked against their criterion's own scale (``criteria.min_value``/``max_value``) by
:func:`core.editing.validation.check_in_range`; the wide bounds below only keep them finite.

Other per-column rules (text rules, …) belong here as further declarations keyed by
``(table, column)``, read by ``Field`` (editor) and the Excel schema's ``Column`` (import);
callers never repeat a limit.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Range:
    """Inclusive plausible range of a kind of number, with the reason for the limits."""

    low: float
    high: float
    why: str


RANGES: dict[str, Range] = {
    "money": Range(0, 1e9, "euro amounts of one municipal IT item: 0 € … 1 bn €"),
    "fte": Range(0, 1_000, "staff in full-time equivalents for one item"),
    "year": Range(1990, 2100, "years of operation and of an assessment"),
    "reach": Range(0, 1e9, "users, visits or followers per year"),
    "score_bound": Range(-1e12, 1e12, "a criterion's scale limits (finite)"),
    "weight": Range(0, 100, "a weight in percent"),
    "order": Range(0, 10_000, "a sort position"),
}

COLUMN_RANGES: dict[tuple[str, str], str] = {
    ("systems", "annual_cost_eur"): "money",
    ("systems", "reach_value"): "reach",
    ("systems", "in_use_since"): "year",
    ("cost_lines", "investment_eur"): "money",
    ("cost_lines", "annual_cost_eur"): "money",
    ("cost_lines", "staff_fte"): "fte",
    ("cost_lines", "investment_low"): "money",
    ("cost_lines", "investment_high"): "money",
    ("cost_lines", "annual_low"): "money",
    ("cost_lines", "annual_high"): "money",
    ("assessments", "value"): "score_bound",
    ("assessments", "assessed_on"): "year",
    ("assessments", "value_low"): "score_bound",
    ("assessments", "value_high"): "score_bound",
    ("criteria", "min_value"): "score_bound",
    ("criteria", "max_value"): "score_bound",
    ("criteria", "default_weight"): "weight",
    ("criteria", "sort_order"): "order",
}


def bounds(table: str, column: str) -> tuple[float, float] | tuple[None, None]:
    """The plausible (low, high) of ``table.column``, or (None, None) if it has none."""
    name = COLUMN_RANGES.get((table, column))
    if name is None:
        return None, None
    limits = RANGES[name]
    return limits.low, limits.high


def show(value: float) -> str:
    """A number for a message, German style (1.234,5; 1e300 as 1e+300)."""
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}".replace(",", ".")
    text = f"{value:,.6g}" if abs(value) >= 1e15 else f"{value:,.6f}".rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
