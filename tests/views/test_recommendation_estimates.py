"""The recommendation says when it rests mostly on estimates."""

from __future__ import annotations

from core.views import recommendation_text


def test_mostly_estimates_is_said_with_the_count() -> None:
    note = recommendation_text.estimate_note([True, True, False], "de")
    assert note is not None
    assert "überwiegend auf Schätzungen" in note and "2 von 3" in note
    english = recommendation_text.estimate_note([True, True, False], "en")
    assert english is not None and "2 of 3" in english


def test_half_or_fewer_estimates_or_nothing_add_no_note() -> None:
    assert recommendation_text.estimate_note([True, False], "de") is None
    assert recommendation_text.estimate_note([False, False, False], "de") is None
    assert recommendation_text.estimate_note([], "de") is None


def test_certainty_says_the_share_and_the_number_of_draws() -> None:
    note = recommendation_text.certainty_note(0.6484, 1000, "de")
    assert "In 65 % von 1.000 Simulationen" in note
    assert "65% of 1,000 simulations" in recommendation_text.certainty_note(0.6484, 1000, "en")
