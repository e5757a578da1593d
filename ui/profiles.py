"""Cached reads of saved scenarios and stakeholder profiles (keyed by the data version)."""

from __future__ import annotations

from core import analysis, editing
from ui import data


@data.cache_data()
def saved_scenarios(data_version: int) -> list[editing.Profile]:
    """Active weight scenarios, oldest first."""
    with data.cursor() as cur:
        return editing.list_profiles(cur, "scenario")


@data.cache_data()
def stakeholder_profiles(data_version: int) -> list[editing.Profile]:
    """Active stakeholder profiles, oldest first."""
    with data.cursor() as cur:
        return analysis.stakeholder_profiles(cur)


def scenario(data_version: int, slug: str) -> editing.Profile | None:
    """The active scenario ``slug``, or None."""
    return next((p for p in saved_scenarios(data_version) if p.slug == slug), None)
