"""Display tables: column names, pathways and markers in the chosen language, numbers in its
format (German: ``1.234.567 €``, ``45,6``). Shared by the dashboard and the CLI's
``--format table``; JSON and CSV keep their English machine keys and raw values.

The cells are text, already formatted: a table shown in rank order needs no numeric sort,
and formatting here (not with a pandas Styler) keeps a slider move cheap.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import pandas as pd

from core import i18n
from core.scoring import methods
from core.scoring.weights import GROUPS
from core.views import fmt, plain
from core.views.sourcing import Sourcing


def _points(values: Iterable[float], lang: str) -> list[str]:
    return [fmt.points(float(v), 1, lang) for v in values]


def _money(values: Iterable[float], lang: str) -> list[str]:
    return [fmt.eur(float(v), 0, lang) for v in values]


def benefit_line(ranking: pd.DataFrame, lang: str) -> str:
    """The options' benefit on the fixed scale in one line (under the dashboard's ranking,
    which has no room for another column): "A: 67,8 · B: 66,8 · …". A Markdown line: the
    names are data and escaped (:func:`core.views.plain.md`)."""
    values = _benefit(ranking, lang)
    items = " · ".join(
        f"{plain.md(o)}: {v}" for o, v in zip(ranking["option"], values, strict=True)
    )
    return i18n.t("ranking_benefit_line", lang, items=items)


def _benefit(ranking: pd.DataFrame, lang: str) -> list[str]:
    """The benefit on the global value scales (``–`` where there is none)."""
    if "benefit" not in ranking.columns:
        return ["–"] * len(ranking)
    return [fmt.number(float(v), 1, lang) if pd.notna(v) else "–" for v in ranking["benefit"]]


def score_label(method: str, lang: str) -> str:
    """Name of the score column: points for WSM and TOPSIS, the net flow for PROMETHEE II
    (a net flow in [−1, 1] is not a share of 100 points)."""
    return i18n.t(methods.text_key("col_score", method), lang)


def ranking_table(
    ranking: pd.DataFrame,
    lang: str,
    horizon_years: int,
    *,
    method: str = "wsm",
    wide: bool = False,
) -> pd.DataFrame:
    """One area's ranking (from :func:`core.scoring.area_model.rank_area`), labelled and formatted.

    ``wide`` adds the annual cost, staff and fixed-scale benefit columns (the CLI's table; the
    dashboard shows the benefit in :func:`benefit_line`). The dashboard keeps its
    table narrow enough to read without scrolling sideways; the NPV already contains the
    annual cost, and the cost view and the Excel export show it on its own.
    """
    t = i18n.t
    table = {
        t("col_rank", lang): ranking["rank"].astype(int).tolist(),
        t("col_option", lang): ranking["option"].tolist(),
        t("col_pathway", lang): [t(f"pathway_{p}", lang) for p in ranking["pathway"]],
        t("col_partner", lang): ranking["partner"].fillna("").tolist(),
        score_label(method, lang): _points(ranking["score"], lang),
        **{group_points_header(g, lang): _points(ranking[g], lang) for g in GROUPS},
        t("col_npv", lang, years=horizon_years): _money(ranking["npv_cost"], lang),
        t("col_investment", lang): _money(ranking["investment"], lang),
    }
    if wide:
        table[t("col_annual", lang)] = _money(ranking["annual_cost"], lang)
        table[t("col_fte", lang)] = [fmt.number(float(v), 2, lang) for v in ranking["staff_fte"]]
        table[t("col_benefit", lang)] = _benefit(ranking, lang)
    return pd.DataFrame(table)


def group_points_header(group: str, lang: str) -> str:
    """A group's column of points, named so beside euro columns: 'Kosten (Pkt.)'."""
    return i18n.t("col_group_points", lang, group=i18n.t(f"group_{group}", lang))


def ranking_short_headers(lang: str, horizon_years: int, *, method: str = "wsm") -> dict[str, str]:
    """Short headers for the number columns of :func:`ranking_table`, keyed by the full ones:
    the dashboard shows the table narrow and keeps the full header as the column's tooltip."""
    t = i18n.t
    score = methods.text_key("col_score", method)
    return {
        t(score, lang): t(f"{score}_short", lang),
        **{group_points_header(g, lang): t(f"group_{g}_short", lang) for g in GROUPS},
        **{
            t(key, lang, years=horizon_years): t(f"{key}_short", lang, years=horizon_years)
            for key in ("col_npv", "col_investment")
        },
    }


# Glyph widths in pixels of the dashboard tables' 14 px Source Sans, rounded up per group
# (measured in Chromium); any other character counts as DEFAULT_GLYPH_PX.
_GLYPH_GROUPS = {
    " !',.:;Iijl|": 3.5,
    "()-/[]{}frt": 4.9,
    '"*?cksvxyzFJLY': 6.9,
    "BCDGKPR&ß": 8.6,
    "HNOQUÖÜ": 9.3,
    "mwMW%@—…": 11.9,
}
GLYPH_PX = {c: px for chars, px in _GLYPH_GROUPS.items() for c in chars}
DEFAULT_GLYPH_PX = 7.8


def text_px(text: str) -> float:
    """Estimated width of ``text`` in a dashboard table cell, in pixels (slightly over)."""
    return sum(GLYPH_PX.get(c, DEFAULT_GLYPH_PX) for c in text)


@functools.lru_cache(maxsize=16_384)  # the same names are measured on every slider move
def wrapped_lines(text: str, width_px: float) -> int:
    """Lines ``text`` takes when wrapped at spaces into lines ``width_px`` wide; a word
    wider than a line is broken inside, as the table grid does."""
    space = GLYPH_PX[" "]
    lines, used = 1, 0.0
    for word in text.split():
        word_px = text_px(word)
        if used and used + space + word_px > width_px:
            lines, used = lines + 1, 0.0
        used += (space if used else 0.0) + word_px
        while used > width_px:  # the rest of an over-long word goes on to the next line
            lines, used = lines + 1, used - width_px
    return lines


def _markers(frame: pd.DataFrame, sourcing: Sourcing, lang: str) -> list[str]:
    """Each row's marker as a link to its source (shown with ``sourcing.MARKER_DISPLAY``)."""
    return [sourcing.marker(s, e, lang) for s, e in zip(frame["source"], frame["is_estimate"])]


def _sources(frame: pd.DataFrame, sourcing: Sourcing, lang: str) -> list[str]:
    """The sources of each row by title with their stand; an estimate says so, with its
    reason."""
    marker = i18n.t("estimate_marker", lang)

    def reason(why: str) -> str:  # most reasons begin "Schätzung: …" themselves: say it once
        why = str(why).strip()
        return why if why.lower().startswith(marker.lower()) else f"{marker}: {why}"

    return [
        f"{sourcing.text(s, lang)} — {reason(why)}".strip(" —") if e else sourcing.text(s, lang)
        for s, e, why in zip(frame["source"], frame["is_estimate"], frame["estimate_reason"])
    ]


def systems_table(systems: pd.DataFrame, lang: str, sourcing: Sourcing) -> pd.DataFrame:
    """An area's current systems (as from :func:`core.store.systems`)."""
    t = i18n.t
    return pd.DataFrame(
        {
            t("col_name", lang): systems["name"].tolist(),
            t("col_kind", lang): [t(f"kind_{k}", lang) for k in systems["kind"]],
            t("col_operator", lang): systems["operator"].tolist(),
            t("col_annual", lang): _money(systems["annual_cost_eur"], lang),
            t("col_reach", lang): [
                f"{fmt.number(v, 0, lang)} {u}".strip() if pd.notna(v) else "–"
                for v, u in zip(systems["reach_value"], systems["reach_unit"])
            ],
            t("col_since", lang): [
                "–" if pd.isna(y) else str(int(y)) for y in systems["in_use_since"]
            ],
            t("col_notes", lang): systems["notes"].tolist(),
            t("col_estimate", lang): _markers(systems, sourcing, lang),
            t("col_source", lang): _sources(systems, sourcing, lang),
        }
    )


def assessment_table(
    assessments: pd.DataFrame,
    option_id: str,
    criteria: pd.DataFrame,
    lang: str,
    sourcing: Sourcing,
) -> pd.DataFrame:
    """Every assessment of one option, in catalogue order: value, unit, rationale, source."""
    t = i18n.t
    crit = criteria.set_index("key")
    label_col = i18n.localized_column("label", lang)
    rows = assessments[assessments["option_id"] == option_id]
    rows = rows.assign(order=rows["criterion"].map(crit["sort_order"])).sort_values("order")
    return pd.DataFrame(
        {
            t("col_criterion", lang): rows["criterion"].map(crit[label_col]).tolist(),
            t("col_value", lang): [fmt.number(v, 1, lang) for v in rows["value"]],
            t("col_unit", lang): rows["criterion"].map(crit["unit"]).tolist(),
            t("col_estimate", lang): _markers(rows, sourcing, lang),
            t("col_rationale", lang): rows["rationale"].tolist(),
            t("col_source", lang): _sources(rows, sourcing, lang),
        }
    )


def cost_line_table(
    lines: pd.DataFrame, option_id: str, lang: str, sourcing: Sourcing
) -> pd.DataFrame:
    """The cost lines of one option."""
    t = i18n.t
    own = lines[lines["option_id"] == option_id]
    return pd.DataFrame(
        {
            t("col_item", lang): own["item"].tolist(),
            t("col_investment", lang): _money(own["investment_eur"], lang),
            t("col_annual", lang): _money(own["annual_cost_eur"], lang),
            t("col_fte", lang): [fmt.number(v, 2, lang) for v in own["staff_fte"]],
            t("col_estimate", lang): _markers(own, sourcing, lang),
            t("col_source", lang): _sources(own, sourcing, lang),
        }
    )


def ranking_caption(area_name: str, method: str, lang: str) -> str:
    """The line above the CLI's ranking table: area and scoring method in words."""
    label = i18n.t(methods.get(method).label_key, lang)
    return i18n.t("cli_rank_caption", lang, area=area_name, method=label)


def to_text(frame: pd.DataFrame) -> str:
    """The table as plain text, without the index; an empty table is just its header."""
    if frame.empty:  # pandas would print "Empty DataFrame …" in English
        return "  ".join(map(str, frame.columns))
    return frame.to_string(index=False)


def pathway_table(
    cells: pd.DataFrame,
    area_names: dict[str, str],
    pathways: dict[str, str],
    lang: str,
    area_header: str,
) -> pd.DataFrame:
    """The pathway heatmap as a table (``cells`` as ``analysis.pathway_cells``): one row per
    area in the heatmap's order (not alphabetical), one column per pathway under its label,
    the best score × 100 formatted, "–" where the area has no option on that pathway.

    Built over plain lists and dicts: a pivot, a reindex and a formatting map over the frame
    cost several times as much on every slider move."""
    best = dict(
        zip(
            zip(cells["area"].tolist(), cells["pathway"].tolist(), strict=True),
            cells["score"].tolist(),
            strict=True,
        )
    )
    areas = list(dict.fromkeys(cells["area"].tolist()))

    def shown(score: float | None) -> str:
        return "–" if score is None or pd.isna(score) else fmt.number(score * 100, 1, lang)

    return pd.DataFrame(
        {
            area_header: [area_names[a] for a in areas],
            **{label: [shown(best.get((a, p))) for a in areas] for p, label in pathways.items()},
        }
    )
