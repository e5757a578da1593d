"""Cached reads of saved scenarios and stakeholder profiles (keyed by the data version)."""

from __future__ import annotations

import streamlit as st

from core.analysis import stakeholders
from core.editing import scenarios
from core.editing.scenarios import Profile
from ui import data


@st.cache_data(show_spinner=False)
def saved_scenarios(data_version: int) -> list[Profile]:
    """Active weight scenarios, oldest first."""
    with data.cursor() as cur:
        return scenarios.list_profiles(cur, "scenario")


@st.cache_data(show_spinner=False)
def stakeholder_profiles(data_version: int) -> list[Profile]:
    """Active stakeholder profiles, oldest first."""
    with data.cursor() as cur:
        return stakeholders.profiles(cur)


def scenario(data_version: int, slug: str) -> Profile | None:
    """The active scenario ``slug``, or None."""
    return next((p for p in saved_scenarios(data_version) if p.slug == slug), None)
