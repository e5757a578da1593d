"""Text lookup in the session's language."""

from __future__ import annotations

import json
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core import i18n, scoring, views

LANG_KEY = "lang"


_last_lang = "de"


def lang() -> str:
    """The session's language: 'de' (default) or 'en'.

    Outside a script run (AppTest formats widget options after the run has ended) the
    language of the last run is used, so a ``format_func`` gives the labels it gave then.
    """
    global _last_lang
    if get_script_run_ctx(suppress_warning=True) is None:
        return _last_lang
    value = st.session_state.get(LANG_KEY, "de")
    _last_lang = value if value in i18n.LANGUAGES else "de"
    return _last_lang


def declare_language() -> None:
    """Give the page the session's language (``<html lang>``): Streamlit's page says "en"
    whatever its text, so screen readers would read German with English rules (WCAG 3.1.1)."""
    code = json.dumps(lang())
    st.html(
        f"<script>document.documentElement.lang = {code};</script>",
        unsafe_allow_javascript=True,
    )


def t(key: str, **params: Any) -> str:
    """Catalogue text for ``key`` in the session's language."""
    return i18n.t(key, lang(), **params)


def message(error: Any) -> str:
    """The message of a :class:`~core.errors.CockpitError` (or of a cell or import issue) for
    an alert, a flash or a caption, which render Markdown: its parameters can carry data text
    (a name someone typed, a cell's value), so text parameters are escaped and show as typed."""
    key = getattr(error, "error_key", None) or error.key
    params = {k: views.md(v) if isinstance(v, str) else v for k, v in error.params.items()}
    return i18n.t(key, lang(), **params)


def prose(name: str, **params: Any) -> str:
    """Markdown prose ``name`` (core/i18n/prose) in the session's language."""
    return i18n.prose(name, lang(), **params)


def group_labels() -> dict[str, str]:
    return {g: t(f"group_{g}") for g in ("cost", "citizen_value", "feasibility")}


def method_label(method: str) -> str:
    """The scoring method's name, e.g. 'Nutzwertanalyse' for ``wsm``."""
    return t(scoring.method_spec(method).label_key)


def pathway_labels() -> dict[str, str]:
    return {p: t(f"pathway_{p}") for p in ("status_quo", "standard", "best_practice", "joint_kdn")}


def cost_change(value: float) -> str:
    """A cost change against the status quo with its meaning spelt out: '−1.000 € (günstiger)'."""
    amount = views.format_cost_change(value, 0, lang())
    if value < 0:
        return t("cost_cheaper", value=amount)
    if value > 0:
        return t("cost_dearer", value=amount)
    return t("cost_same", value=amount)
