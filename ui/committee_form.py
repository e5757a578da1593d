"""The weight entry form of the committee page (facilitator and participant link).

Owns the session-state keys ``<form_key>_name``, ``<form_key>_w_<group>`` and
``<form_key>_s_<criterion>``. The sliders sit in a form, so moving one does not rerun the
page on a participant's phone; only "Gewichte speichern" does.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from core import i18n, scoring
from core.errors import WeightError
from ui import text
from ui.text import t


@dataclass(frozen=True)
class Entry:
    """What the form returned: submitted or not, the name and the weights (None while every
    group slider is at 0: that is no weighting)."""

    submitted: bool
    name: str
    weights: scoring.WeightSet | None


def _start(value: float) -> int:
    return min(100, max(0, int(round(value))))


def weights_form(
    criteria: pd.DataFrame,
    form_key: str,
    *,
    initial: scoring.WeightSet | None = None,
    name_default: str = "",
    name_editable: bool = True,
) -> Entry:
    """Name, three group sliders and the sub-criteria sliders in one form."""
    labels = text.group_labels()
    label_col = i18n.localized_column("label", text.lang())
    start = initial or scoring.WeightSet()
    with st.form(form_key):
        name = st.text_input(
            t("comm_name"), value=name_default, key=f"{form_key}_name", disabled=not name_editable
        )
        for group in scoring.GROUPS:
            st.slider(
                labels[group],
                0,
                100,
                value=_start(start.groups[group]),
                key=f"{form_key}_w_{group}",
            )
        with st.expander(t("sub_weights")):
            for group in scoring.GROUPS:
                st.markdown(f"**{labels[group]}**")
                for row in criteria[criteria["grp"] == group].itertuples(index=False):
                    st.slider(
                        getattr(row, label_col),
                        0,
                        100,
                        value=_start(start.within.get(row.key, row.default_weight)),
                        key=f"{form_key}_s_{row.key}",
                        help=row.help_de or None,
                    )
        submitted = st.form_submit_button(t("comm_save"), type="primary", key=f"{form_key}_save")
    name = str(name or name_default)
    try:
        weights = scoring.WeightSet(
            {g: float(st.session_state[f"{form_key}_w_{g}"]) for g in scoring.GROUPS},
            {k: float(st.session_state[f"{form_key}_s_{k}"]) for k in criteria["key"]},
            "wsm",
        )
    except WeightError:
        return Entry(submitted, name, None)
    return Entry(submitted, name, weights)
