"""The sheets people read first: Übersicht (one area), Gesamtübersicht (all areas) and
Ranking (values exactly as the app shows them, with a native bar chart).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from core import i18n, store
from core.analysis import summaries as analysis
from core.excel.data_sheets import plain
from core.excel.layout import (
    WorkbookBuilder,
    add_table,
    fit_row,
    fit_widths,
    header_row,
    internal_link,
    print_setup,
    small_table,
    text_cell,
    value_cell,
)
from core.excel.snapshot import ExportRequest, Snapshot, date_text, t, weights_text
from core.excel.writer import Block
from core.scoring import methods
from core.scoring.weights import GROUPS
from core.views import fmt

CHART_MAX_BARS = 30
OVERVIEW_TEXT_WIDTH = 90
SUMMARY_TEXT_WIDTH = 40
SHEET_KINDS = ("overview", "ranking", "model", "assessments", "systems", "options", "costs")


def _facts(request: ExportRequest, snap: Snapshot) -> list[tuple[str, Any, str]]:
    """(label, value, style) lines every overview sheet starts with."""
    lang = request.lang
    return [
        (t("xl_created", lang), request.timestamp(), "datetime"),
        (
            t("xl_data_version_label", lang),
            t("data_stand", lang, version=snap.version, date=date_text(snap.version_date, lang)),
            "text",
        ),
        (t("method", lang), t(methods.get(request.method).label_key, lang), "text"),
        (
            t("xl_npv_label", lang),
            t(
                "xl_npv_settings",
                lang,
                years=request.horizon_years,
                rate=fmt.percent(request.discount_rate, 1, lang),
            ),
            "text",
        ),
        (t("xl_weights_label", lang), weights_text(request.weights, lang), "text"),
        (t("xl_motion_label", lang), t("xl_motion_text", lang), "wrap"),
    ]


def _fact_rows(
    ws: Worksheet,
    book: WorkbookBuilder,
    row: int,
    facts: list[tuple[str, Any, str]],
    width: float = OVERVIEW_TEXT_WIDTH,
) -> int:
    for label, value, style in facts:
        text_cell(ws, row, 1, label, book.styles, "label")
        if isinstance(value, str):
            text_cell(ws, row, 2, value, book.styles, style)
            if style == "wrap":
                fit_row(ws, row, [(value, width)])
        else:
            value_cell(ws, row, 2, value, book.styles, style)
        row += 1
    return row


def _weights_table(
    ws: Worksheet,
    book: WorkbookBuilder,
    row: int,
    request: ExportRequest,
    criteria: pd.DataFrame,
    table: str,
) -> int:
    """Criterion weights as used: group, group weight, sub-weight and final weight."""
    lang = request.lang
    text_cell(ws, row, 1, t("xl_weights_header", lang), book.styles, "label")
    headers = [
        t("col_criterion", lang),
        t("xl_h_criterion_id", lang),
        t("col_group", lang),
        t("xl_col_group_weight", lang),
        t("xl_row_sub_weight", lang),
        t("xl_row_final_weight", lang),
    ]
    header_row(ws, row + 1, headers, book.styles)
    finals = request.weights.criterion_weights(criteria)
    within = request.weights.within_weights(criteria)
    label = i18n.localized_column("label", lang)
    rows = [
        [
            c[label],
            c["key"],
            t(f"group_{c['grp']}", lang),
            float(request.weights.groups[c["grp"]]),
            float(within[i]),
            float(finals[i]),
        ]
        for i, c in enumerate(criteria.to_dict("records"))
    ]
    small_table(ws, book, row + 2, ["text", "text", "text", "weight", "weight", "share"], rows)
    add_table(ws, book.table(table), row + 1, row + 1 + len(rows), headers)
    return row + 2 + len(rows)


def _legend(
    ws: Worksheet,
    book: WorkbookBuilder,
    row: int,
    kinds: Sequence[str],
    width: float = OVERVIEW_TEXT_WIDTH,
) -> int:
    lang = book.lang
    text_cell(ws, row, 1, t("xl_legend_header", lang), book.styles, "label")
    row += 1
    for kind in kinds:
        text_cell(ws, row, 1, t(f"xl_sheet_{kind}", lang), book.styles, "label")
        text_cell(ws, row, 2, t(f"xl_legend_{kind}", lang), book.styles, "wrap")
        fit_row(ws, row, [(t(f"xl_legend_{kind}", lang), width)])
        row += 1
    samples = [
        ("xl_input_sample", "text+input", "xl_legend_input"),
        ("xl_formula_sample", "text+formula", "xl_legend_formula"),
        ("estimate_marker", "label", "xl_legend_estimate"),
    ]
    for sample, style, explanation in samples:
        text_cell(ws, row, 1, t(sample, lang), book.styles, style)
        text_cell(ws, row, 2, t(explanation, lang), book.styles, "wrap")
        fit_row(ws, row, [(t(explanation, lang), width)])
        row += 1
    return row


def area_overview(
    book: WorkbookBuilder,
    title: str,
    request: ExportRequest,
    snap: Snapshot,
    area: str,
    links: dict[str, str],
) -> None:
    lang = request.lang
    ws = book.sheet(title)
    info = snap.areas.set_index("slug").loc[area]
    name = info[i18n.localized_column("name", lang)]
    text_cell(ws, 1, 1, t("xl_title_area", lang, area=name), book.styles, "title")
    facts = [
        (t("col_area", lang), name, "text"),
        (t("xl_h_area_id", lang), area, "text"),
        (t("xl_description", lang), info["description_de"], "wrap"),
        *_facts(request, snap),
    ]
    row = _fact_rows(ws, book, 3, facts) + 1
    row = _weights_table(ws, book, row, request, snap.criteria, f"weights_{area}") + 1
    text_cell(ws, row, 1, t("xl_sheets_header", lang), book.styles, "label")
    row += 1
    for kind, sheet in links.items():
        text_cell(ws, row, 1, sheet, book.styles, "text")
        ws.cell(row=row, column=1).hyperlink = internal_link(sheet)
        ws.cell(row=row, column=1).font = Font(color="0563C1", underline="single")
        text_cell(ws, row, 2, t(f"xl_legend_{kind}", lang), book.styles, "wrap")
        fit_row(ws, row, [(t(f"xl_legend_{kind}", lang), OVERVIEW_TEXT_WIDTH)])
        row += 1
    _legend(ws, book, row + 1, ())
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = OVERVIEW_TEXT_WIDTH
    for letter in "CDEF":
        ws.column_dimensions[letter].width = 16
    print_setup(ws, "1:1", t("xl_title_area", lang, area=name))


def ranking_sheet(
    book: WorkbookBuilder,
    title: str,
    request: ExportRequest,
    snap: Snapshot,
    area: str,
    ranking: pd.DataFrame,
    area_name: str,
) -> None:
    """The ranking exactly as the app shows it (values), plus a bar chart of the scores."""
    lang = request.lang
    ws = book.sheet(title)
    text_cell(ws, 1, 1, t("xl_ranking_title", lang, area=area_name), book.styles, "title")
    subtitle = " · ".join(
        [
            t(methods.get(request.method).label_key, lang),
            weights_text(request.weights, lang),
            t("data_stand", lang, version=snap.version, date=date_text(snap.version_date, lang)),
        ]
    )
    text_cell(ws, 2, 1, subtitle, book.styles, "text")
    headers = [
        t("col_rank", lang),
        t("col_option", lang),
        t("col_pathway", lang),
        t("col_partner", lang),
        t("col_score", lang),
        *(t(f"group_{g}", lang) for g in GROUPS),
        t("col_npv", lang, years=request.horizon_years),
        t("col_investment", lang),
        t("col_annual", lang),
        t("xl_h_option_id", lang),
        t("col_benefit", lang),
    ]
    header_row(ws, 3, headers, book.styles)
    pathways = {p: t(f"pathway_{p}", lang) for p in store.PATHWAYS}
    rows = [
        [
            int(r["rank"]),
            r["option"],
            pathways[r["pathway"]],
            plain(r["partner"]) or "",
            float(r["score"]) * 100,
            *(float(r[g]) * 100 for g in GROUPS),
            float(r["npv_cost"]),
            float(r["investment"]),
            float(r["annual_cost"]),
            r["option_id"],
            float(r["benefit"]) if pd.notna(r["benefit"]) else "–",
        ]
        for r in ranking.to_dict("records")
    ]
    styles = [
        "rank",
        "text",
        "text",
        "text",
        "points",
        "points",
        "points",
        "points",
        "eur",
        "eur",
        "eur",
        "text",
        "points",
    ]
    book.blocks.append(Block(ws, 4, styles, rows))
    add_table(ws, book.table(f"ranking_{area}"), 3, 3 + len(rows), headers)
    columns = [[row[j] for row in rows] for j in range(len(headers))]
    widths = fit_widths(ws, columns, headers, [7, 40, 22, 30, 14, 12, 14, 14, 18, 16, 18, 24, 14])
    fit_row(ws, 3, list(zip(headers, widths, strict=True)))
    ws.freeze_panes = "C4"
    print_setup(ws, "1:3", t("xl_ranking_title", lang, area=area_name))
    if rows:
        _bar_chart(ws, len(rows), lang, f"B{3 + len(rows) + 3}")


def _bar_chart(ws: Worksheet, n_rows: int, lang: str, anchor: str) -> None:
    """A native horizontal bar chart of the total scores, best at the top."""
    shown = min(n_rows, CHART_MAX_BARS)
    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart.title = t("xl_chart_title", lang)
    chart.y_axis.title = t("chart_points", lang)
    chart.x_axis.scaling.orientation = "maxMin"  # best option on top
    chart.y_axis.crosses = "max"  # … and the value axis at the bottom
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend = None
    data = Reference(ws, min_col=5, min_row=3, max_row=3 + shown)
    categories = Reference(ws, min_col=2, min_row=4, max_row=3 + shown)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(categories)
    chart.height = max(7.5, 1.0 + 0.9 * shown)
    chart.width = 24
    ws.add_chart(chart, anchor)


def summary_sheet(
    ws: Worksheet,
    book: WorkbookBuilder,
    request: ExportRequest,
    snap: Snapshot,
    titles: dict[str, dict[str, str]],
) -> None:
    """Gesamtübersicht: facts, the best option per area and links to every area's sheets."""
    lang = request.lang
    text_cell(ws, 1, 1, t("xl_title_all", lang), book.styles, "title")
    row = _fact_rows(ws, book, 3, _facts(request, snap), SUMMARY_TEXT_WIDTH) + 1
    summary = analysis.overview_of(snap.models, request.weights, request.method).summary
    names = snap.areas.set_index("slug")[i18n.localized_column("name", lang)]
    text_cell(ws, row, 1, t("xl_best_header", lang), book.styles, "label")
    headers = [
        t("col_area", lang),
        t("col_best", lang),
        t("col_pathway", lang),
        t("col_score", lang),
        t("col_lead", lang),
        t("col_investment", lang),
        t("xl_col_annual_change", lang),
        t("xl_col_npv_change", lang, years=request.horizon_years),
        t("xl_col_sheets", lang),
    ]
    header = row + 1
    header_row(ws, header, headers, book.styles)
    rows = []
    for r in summary.to_dict("records") if len(summary) else []:
        rows.append(
            [
                names[r["area"]],
                r["option"],
                t(f"pathway_{r['pathway']}", lang),
                r["score"] * 100,
                None if r["lead"] is None else r["lead"] * 100,
                r["investment"],
                r["annual_change"],
                r["npv_change"],
                titles[r["area"]]["ranking"],
            ]
        )
    first = row + 2
    small_table(
        ws,
        book,
        first,
        ["text", "text", "text", "points", "points", "eur", "eur_change", "eur_change", "text"],
        rows,
    )
    add_table(ws, book.table("summary"), row + 1, row + 1 + len(rows), headers)
    for i, r in enumerate(rows):
        link = ws.cell(row=first + i, column=len(headers))
        link.hyperlink = internal_link(r[-1])
        link.font = Font(color="0563C1", underline="single")
    columns = [[r[j] for r in rows] for j in range(len(headers))]
    widths = fit_widths(ws, columns, headers, [44, SUMMARY_TEXT_WIDTH, 22, 14, 12, 16, 18, 18, 22])
    fit_row(ws, header, list(zip(headers, widths, strict=True)))
    note = first + max(len(rows), 1)  # the sign convention, once, under its two columns
    text_cell(ws, note, 1, t("sign_convention", lang), book.styles, "text")
    row = note + 2
    row = _weights_table(ws, book, row, request, snap.criteria, "weights_all") + 1
    kinds = ["all_overview", *SHEET_KINDS, "scope"]
    _legend(ws, book, row, kinds, SUMMARY_TEXT_WIDTH)
    ws.freeze_panes = "A2"
    print_setup(ws, "1:1", t("xl_title_all", lang))
