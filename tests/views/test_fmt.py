"""German number formats."""

from core.views import fmt


def test_german_formats() -> None:
    assert fmt.eur(1234567) == "1.234.567 €"
    assert fmt.eur(-2500.4) == "−2.500 €"
    assert fmt.eur(1000, signed=True) == "+1.000 €"
    assert fmt.number(1234.5, 1) == "1.234,5"
    assert fmt.percent(0.384) == "38 %"
    assert fmt.points(0.4567) == "45,7"
    assert fmt.eur(float("nan")) == "–"


def test_english_formats() -> None:
    assert fmt.eur(1234567, lang="en") == "€1,234,567"
    assert fmt.number(1234.5, 1, lang="en") == "1,234.5"
    assert fmt.percent(0.384, lang="en") == "38%"


def test_tiny_lead_is_not_shown_as_zero() -> None:
    assert fmt.lead_points(0.0001) == "< 0,1"
    assert fmt.lead_points(0.0123) == "1,2"
    assert fmt.lead_points(0.0001, lang="en") == "< 0.1"


def test_dates() -> None:
    assert fmt.date_text("2026-11-24") == "24.11.2026"
    assert fmt.date_text("2026-11-24", lang="en") == "24 Nov 2026"
    assert fmt.date_text("kein Datum") == "kein Datum"
