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


def test_negative_numbers_carry_the_true_minus_sign() -> None:
    assert fmt.number(-26.7, 1) == "\u221226,7"
    assert fmt.number(-1234.5, 1, "en") == "\u22121,234.5"
    assert fmt.eur(-140372) == "\u2212140.372 €"
    assert fmt.percent(-0.05) == "\u22125 %"
    assert fmt.number(-0.01, 1) == "0,0"  # no "−0,0"
    assert "-" not in fmt.number(-5) + fmt.eur(-5) + fmt.points(-0.3)


def test_cost_change_is_always_signed_minus_a_saving() -> None:
    assert fmt.cost_change(-15000) == "\u221215.000 €"
    assert fmt.cost_change(2000) == "+2.000 €"
    assert fmt.cost_change(0) == "0 €"
    assert fmt.cost_change(-15000, lang="en") == "\u2212€15,000"


def test_euro_axis_counts_in_thousands_or_millions() -> None:
    assert fmt.eur_axis(240_000) == (1e3, "Tsd. €")
    assert fmt.eur_axis(-240_000) == (1e3, "Tsd. €")
    assert fmt.eur_axis(3_500_000) == (1e6, "Mio. €")
    assert fmt.eur_axis(9_000) == (1, "€")
    assert fmt.eur_axis(3_500_000, "en") == (1e6, "€ m")
    assert fmt.eur_axis(float("nan")) == (1, "€")
