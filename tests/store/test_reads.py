"""Store reads: the catalogue look-ups."""

from __future__ import annotations

import pandas as pd

from core import store


def test_catalogue_is_plain_dicts_with_the_german_name_for_a_blank_translation() -> None:
    frame = pd.DataFrame(
        {
            "slug": ["a", "b"],
            "name_de": ["Alpha", "Beta"],
            "name_en": ["Alpha EN", ""],
            "description_de": ["Erste", "Zweite"],
        }
    )
    catalogue = store.catalogue(frame)
    assert catalogue.area_slugs == ("a", "b")
    assert catalogue.area_name("a", "en") == "Alpha EN"
    assert catalogue.area_name("b", "en") == "Beta"  # blank translation: German
    assert catalogue.area_name("b", "de") == "Beta"
    assert catalogue.area_descriptions == {"a": "Erste", "b": "Zweite"}
    assert all(
        type(k) is str and type(v) is str for k, v in catalogue.area_names["name_en"].items()
    )
