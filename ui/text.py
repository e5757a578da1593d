"""Text lookup in the session's language."""

from __future__ import annotations

from typing import Any

import streamlit as st

from core import i18n

LANG_KEY = "lang"


def lang() -> str:
    """The session's language: 'de' (default) or 'en'."""
    value = st.session_state.get(LANG_KEY, "de")
    return value if value in i18n.LANGUAGES else "de"


def t(key: str, **params: Any) -> str:
    """Catalogue text for ``key`` in the session's language."""
    return i18n.t(key, lang(), **params)


def group_labels() -> dict[str, str]:
    return {g: t(f"group_{g}") for g in ("cost", "citizen_value", "feasibility")}


def pathway_labels() -> dict[str, str]:
    return {p: t(f"pathway_{p}") for p in ("status_quo", "standard", "best_practice", "joint_kdn")}
