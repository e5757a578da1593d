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
