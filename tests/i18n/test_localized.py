"""Localized data columns: ``label_de``/``label_en``, ``name_de``/``name_en`` picked by language."""

from __future__ import annotations

import pandas as pd
import pytest

from core import i18n


@pytest.mark.parametrize(
    ("field", "lang", "column"),
    [
        ("label", "de", "label_de"),
        ("label", "en", "label_en"),
        ("name", "en", "name_en"),
        ("description", "de", "description_de"),
        ("label", "fr", "label_de"),  # unknown language: German, as t() falls back
        ("label", "", "label_de"),
    ],
)
def test_localized_column_names_the_column_of_the_language(
    field: str, lang: str, column: str
) -> None:
    assert i18n.localized_column(field, lang) == column


def test_localized_value_reads_the_language_and_falls_back_to_german() -> None:
    row = pd.Series({"name_de": "Ausgewogen", "name_en": "Balanced"})
    assert i18n.localized_value(row, "name", "de") == "Ausgewogen"
    assert i18n.localized_value(row, "name", "en") == "Balanced"
    assert i18n.localized_value(row, "name", "fr") == "Ausgewogen"
    for missing in ("", "   ", None, float("nan")):
        untranslated = {"name_de": "Haushaltskonsolidierung", "name_en": missing}
        assert i18n.localized_value(untranslated, "name", "en") == "Haushaltskonsolidierung"
