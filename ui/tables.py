"""Display tables: German number formats via pandas Styler, so values stay numeric."""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

from core import fmt
from core.weights import GROUPS
from ui import text
from ui.text import t


def ranking_table(ranking: pd.DataFrame, horizon_years: int) -> Styler:
    """The ranking with German labels: rank, option, pathway, partner, scores, costs."""
    lang = text.lang()
    labels = text.group_labels()
    pathways = text.pathway_labels()
    frame = pd.DataFrame(
        {
            t("col_rank"): ranking["rank"].astype(int),
            t("col_option"): ranking["option"],
            t("col_pathway"): ranking["pathway"].map(pathways),
            t("col_partner"): ranking["partner"].fillna(""),
            t("col_score"): ranking["score"] * 100,
            **{labels[g]: ranking[g] * 100 for g in GROUPS},
            t("col_npv", years=horizon_years): ranking["npv_cost"],
            t("col_investment"): ranking["investment"],
            t("col_annual"): ranking["annual_cost"],
        }
    )
    score_cols = [t("col_score"), *(labels[g] for g in GROUPS)]
    money_cols = [t("col_npv", years=horizon_years), t("col_investment"), t("col_annual")]
    return frame.style.format(lambda v: fmt.number(v, 1, lang), subset=score_cols).format(
        lambda v: fmt.eur(v, 0, lang), subset=money_cols
    ).hide(axis="index")
