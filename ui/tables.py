"""Display tables: German number formats via pandas Styler, so values stay numeric."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import fmt
from core.weights import GROUPS
from ui import text
from ui.text import t


def ranking_table(ranking: pd.DataFrame, horizon_years: int) -> pd.DataFrame:
    """The ranking with German labels and numbers already formatted (1.234.567 €, 45,6).

    Formatting here instead of with a pandas Styler keeps a slider move cheap; the table is
    shown in rank order, so sorting by a text column is not needed.
    """
    lang = text.lang()
    labels = text.group_labels()
    pathways = text.pathway_labels()

    def points(values: pd.Series) -> list[str]:
        return [fmt.number(v * 100, 1, lang) for v in values]

    def money(values: pd.Series) -> list[str]:
        return [fmt.eur(v, 0, lang) for v in values]

    return pd.DataFrame(
        {
            t("col_rank"): ranking["rank"].astype(int),
            t("col_option"): ranking["option"],
            t("col_pathway"): ranking["pathway"].map(pathways),
            t("col_partner"): ranking["partner"].fillna(""),
            t("col_score"): points(ranking["score"]),
            **{labels[g]: points(ranking[g]) for g in GROUPS},
            t("col_npv", years=horizon_years): money(ranking["npv_cost"]),
            t("col_investment"): money(ranking["investment"]),
            t("col_annual"): money(ranking["annual_cost"]),
        }
    )


def right_aligned(frame: pd.DataFrame, first: int) -> dict[str, st.column_config.Column]:
    """Column config aligning the formatted number columns (from index ``first``) right."""
    return {c: st.column_config.TextColumn(alignment="right") for c in frame.columns[first:]}


def _marker(is_estimate: bool) -> str:
    return f"⚠ {t('estimate_marker')}" if is_estimate else f"✓ {t('sourced_marker')}"


def systems_table(systems: pd.DataFrame) -> pd.DataFrame:
    """Current systems with German labels; estimates say so next to their source."""
    lang = text.lang()
    return pd.DataFrame(
        {
            t("col_name"): systems["name"],
            t("col_kind"): systems["kind"].map(lambda k: t(f"kind_{k}")),
            t("col_operator"): systems["operator"],
            t("col_annual"): systems["annual_cost_eur"].map(lambda v: fmt.eur(v, 0, lang)),
            t("col_reach"): [
                f"{fmt.number(v, 0, lang)} {u}".strip() if pd.notna(v) else "–"
                for v, u in zip(systems["reach_value"], systems["reach_unit"])
            ],
            t("col_since"): systems["in_use_since"].map(
                lambda y: "–" if pd.isna(y) else str(int(y))
            ),
            t("col_notes"): systems["notes"],
            t("col_estimate"): systems["is_estimate"].map(_marker),
            t("col_source"): [
                f"{s} — {t('estimate_marker')}: {why}" if e else s
                for s, e, why in zip(
                    systems["source"], systems["is_estimate"], systems["estimate_reason"]
                )
            ],
        }
    )


def assessment_table(
    assessments: pd.DataFrame, option_id: str, criteria: pd.DataFrame
) -> pd.DataFrame:
    """Every assessment of one option: value, unit, rationale, source, estimate marker."""
    lang = text.lang()
    crit = criteria.set_index("key")
    label_col = "label_de" if lang == "de" else "label_en"
    rows = assessments[assessments["option_id"] == option_id]
    rows = rows.assign(order=rows["criterion"].map(crit["sort_order"])).sort_values("order")
    return pd.DataFrame(
        {
            t("col_criterion"): rows["criterion"].map(crit[label_col]),
            t("col_value"): rows["value"].map(lambda v: fmt.number(v, 1, lang)),
            t("col_unit"): rows["criterion"].map(crit["unit"]),
            t("col_estimate"): rows["is_estimate"].map(_marker),
            t("col_rationale"): rows["rationale"],
            t("col_source"): [
                f"{s} — {t('estimate_marker')}: {why}".strip(" —") if e else s
                for s, e, why in zip(rows["source"], rows["is_estimate"], rows["estimate_reason"])
            ],
        }
    )


def cost_line_table(lines: pd.DataFrame, option_id: str) -> pd.DataFrame:
    """The cost lines of one option."""
    lang = text.lang()
    own = lines[lines["option_id"] == option_id]
    return pd.DataFrame(
        {
            t("col_item"): own["item"],
            t("col_investment"): own["investment_eur"].map(lambda v: fmt.eur(v, 0, lang)),
            t("col_annual"): own["annual_cost_eur"].map(lambda v: fmt.eur(v, 0, lang)),
            t("col_fte"): own["staff_fte"].map(lambda v: fmt.number(v, 2, lang)),
            t("col_estimate"): own["is_estimate"].map(_marker),
            t("col_source"): [
                f"{s} — {t('estimate_marker')}: {why}".strip(" —") if e else s
                for s, e, why in zip(own["source"], own["is_estimate"], own["estimate_reason"])
            ],
        }
    )
