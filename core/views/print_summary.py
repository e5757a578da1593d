"""The print summary for the council papers, as one self-contained HTML document for A4.

A cover page (title, city, date, data version, scenario, method, weights), the summary
(every area's recommendation and the totals), one page per area (recommendation, stability
sentence, points and cost tables) and the sources with the date at the end. Every part
starts a new page; an area's page does not carry its source list, so it fits one A4 page
(the browser test measures each). ``core.views.pdf`` prints it to PDF with Chromium; the
HTML itself is the fallback download. Every value from the data is HTML-escaped, and a
Content-Security-Policy forbids scripts and any loading from outside the document.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from core import i18n
from core.analysis.summaries import area_summary
from core.scoring import methods
from core.scoring.weights import GROUPS
from core.views import fmt
from core.views.plain import md_unescape
from core.views.print_sources import sources_section
from core.views.recommendation_text import recommendation

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ABBREVIATION_SPACE = re.compile(r"(\d|\bp\.) (?=J\.|a\.|yrs)")

_CSS = """
@page { size: A4; margin: 12mm 14mm 14mm;
        @bottom-left { content: FOOTER_TITLE; font-size: 7.5pt; color: #444444; }
        @bottom-right { content: FOOTER_PAGE; font-size: 7.5pt; color: #444444; } }
* { box-sizing: border-box; }
body { font-family: "Source Sans 3", "Noto Sans", "DejaVu Sans", Arial, sans-serif;
       font-size: 10pt; line-height: 1.35; color: #111111; background: #ffffff; margin: 0; }
section + section { break-before: page; page-break-before: always; }
header p, .meta { margin: 0 0 2pt; font-size: 9pt; }
h1 { font-size: 16pt; margin: 4pt 0 2pt; }
h2 { font-size: 10.5pt; margin: 8pt 0 3pt; }
.description { font-size: 9pt; margin: 0 0 6pt; }
.recommendation { border-left: 3pt solid #0b5394; padding: 4pt 8pt; background: #eef2f6;
                  margin: 8pt 0; }
table { width: 100%; border-collapse: collapse; font-size: 8.5pt; }
caption { text-align: left; font-weight: bold; padding-bottom: 3pt; }
th, td { border-bottom: 0.5pt solid #8a8a8a; padding: 2pt 3pt; text-align: left;
         vertical-align: top; }
thead th { border-bottom: 1pt solid #111111; vertical-align: bottom; }
thead th.group { text-align: center; border-bottom: 0.5pt solid #111111; }
table.costs { margin-top: 8pt; }
.num { text-align: right; }
td.num { white-space: nowrap; }
.partner { display: block; font-size: 7pt; font-weight: normal; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
p.sources { font-size: 8pt; line-height: 1.3; margin: 0 0 4pt; }
section.cover { padding-top: 60mm; }
section.cover h1 { font-size: 24pt; margin-bottom: 4pt; }
section.cover .city { font-size: 14pt; margin: 0 0 24pt; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4pt 12pt;
           font-size: 11pt; margin: 0 0 18pt; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
section.cover ol { font-size: 11pt; margin: 4pt 0 0; padding-left: 16pt; }
table.totals { width: auto; margin-top: 10pt; font-size: 10pt; }
table.totals th { font-weight: normal; padding-right: 12pt; }
p.note { font-size: 9pt; margin-top: 6pt; }
footer { font-size: 7.5pt; margin-top: 8pt; border-top: 0.5pt solid #8a8a8a; padding-top: 3pt; }
@media screen { body { max-width: 210mm; margin: 1em auto; padding: 0 12mm; }
                section { border-bottom: 2px dashed #8a8a8a; padding-bottom: 1em; } }
"""


@dataclass(frozen=True)
class AreaPage:
    """What one A4 page shows: the area's name and text, its ranking, sentence and sources."""

    slug: str
    name: str
    description: str
    ranking: pd.DataFrame
    stability: str | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Context:
    """What every page repeats: data version, scenario, method, weights, NPV horizon."""

    stand: str
    scenario: str
    method: str
    group_shares: Mapping[str, float]
    horizon_years: int
    method_code: str = "wsm"  # the method's key: PROMETHEE II scores are net flows, not points
    source_max_age_years: int = 5  # sources older than this are marked ⚠ in the list
    printed: str = ""  # the date the summary was made, as text ("02.12.2026")


def _text(value: object) -> str:
    return html.escape("" if value is None or pd.isna(value) else str(value))


def _markdown_bold(sentence: str) -> str:
    """The sentence's ``**bold**`` as <strong>; the data inside stays escaped text."""
    parts = _BOLD.split(sentence)  # [text, bold, text, bold, …]
    return "".join(
        f"<strong>{html.escape(md_unescape(p))}</strong>" if i % 2 else html.escape(md_unescape(p))
        for i, p in enumerate(parts)
    )


def _header(text: str) -> str:
    """Escaped header text; abbreviations such as "p. a." and "5 J." do not break apart."""
    return _ABBREVIATION_SPACE.sub("\\1&nbsp;", html.escape(text))


def _option_cell(row: object, with_partner: bool = True) -> str:
    partner = getattr(row, "partner", None)
    partner_html = (
        f'<span class="partner">{_text(partner)}</span>'
        if with_partner and isinstance(partner, str) and partner.strip()
        else ""
    )
    return f'<th scope="row">{_text(row.option)}{partner_html}</th>'


def _ranking_table(ranking: pd.DataFrame, lang: str, method: str = "wsm") -> str:
    """Rank, option, pathway and the points: total and each group's contribution."""
    rank, option, pathway = (i18n.t(k, lang) for k in ("col_rank", "col_option", "col_pathway"))
    points = [i18n.t("print_total", lang), *(i18n.t(f"group_{g}", lang) for g in GROUPS)]
    unit = methods.text_key("chart_points", method)
    head = (
        f'<tr><th scope="col" rowspan="2" class="num">{html.escape(rank)}</th>'
        f'<th scope="col" rowspan="2">{html.escape(option)}</th>'
        f'<th scope="col" rowspan="2">{html.escape(pathway)}</th>'
        f'<th scope="colgroup" colspan="{len(points)}" class="group">'
        f"{html.escape(i18n.t(unit, lang))}</th></tr>"
        "<tr>" + "".join(f'<th scope="col" class="num">{html.escape(p)}</th>' for p in points)
    )
    rows = []
    for row in ranking.itertuples(index=False):
        cells = [
            f'<td class="num">{int(row.rank)}</td>',
            _option_cell(row),
            f"<td>{html.escape(i18n.t(f'pathway_{row.pathway}', lang))}</td>",
            f'<td class="num"><strong>{fmt.points(row.score, 1, lang)}</strong></td>',
            *(f'<td class="num">{fmt.points(getattr(row, g), 1, lang)}</td>' for g in GROUPS),
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    caption = html.escape(i18n.t("ranking", lang))
    return (
        f"<table><caption>{caption}</caption><thead>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _cost_table(ranking: pd.DataFrame, context: Context, lang: str) -> str:
    """Rank, option and the money: NPV over the horizon, investment, annual cost."""
    headers = [
        (i18n.t("col_rank", lang), "num"),
        (i18n.t("col_option", lang), ""),
        (i18n.t("col_npv", lang, years=context.horizon_years), "num"),
        (i18n.t("col_investment", lang), "num"),
        (i18n.t("col_annual", lang), "num"),
    ]
    head = "".join(f'<th scope="col" class="{css}">{_header(h)}</th>' for h, css in headers)
    rows = []
    for row in ranking.itertuples(index=False):
        cells = [
            f'<td class="num">{int(row.rank)}</td>',
            _option_cell(row, with_partner=False),
            f'<td class="num">{fmt.eur(row.npv_cost, 0, lang)}</td>',
            f'<td class="num">{fmt.eur(row.investment, 0, lang)}</td>',
            f'<td class="num">{fmt.eur(row.annual_cost, 0, lang)}</td>',
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    caption = html.escape(i18n.t("print_costs", lang))
    return (
        f'<table class="costs"><caption>{caption}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _meta(context: Context, lang: str) -> str:
    shares = ", ".join(
        f"{i18n.t(f'group_{g}', lang)} {fmt.percent(context.group_shares.get(g, 0.0), 0, lang)}"
        for g in GROUPS
    )
    meta = i18n.t(
        "present_meta", lang, stand=context.stand, scenario=context.scenario, method=context.method
    )
    weights = f"{html.escape(i18n.t('print_weights', lang))}: {html.escape(shares)}"
    return f'<p class="meta">{_markdown_bold(meta)}</p><p class="meta">{weights}</p>'


def _section(page: AreaPage, context: Context, lang: str) -> str:
    parts = [
        f'<section class="area" id="area-{html.escape(page.slug)}">',
        f"<header><p>{html.escape(i18n.t('app_title', lang))} · "
        f"{html.escape(i18n.t('print_title', lang))}</p></header>",
        f"<h1>{_text(page.name)}</h1>",
        f'<p class="description">{_text(page.description)}</p>',
        _meta(context, lang),
    ]
    if page.ranking.empty:
        parts.append(f"<p>{html.escape(i18n.t('no_options', lang))}</p>")
    else:
        _, sentence = recommendation(page.ranking, lang, context.method_code)
        parts.append(f'<p class="recommendation">{_markdown_bold(sentence)}</p>')
        if page.stability:
            parts.append(f"<p>{_markdown_bold(page.stability)}</p>")
        parts.append(_ranking_table(page.ranking, lang, context.method_code))
        parts.append(_cost_table(page.ranking, context, lang))
    parts.append(f"<footer>{html.escape(i18n.t('print_footer', lang))}</footer></section>")
    return "\n".join(parts)


def _weights_text(context: Context, lang: str) -> str:
    return " · ".join(
        f"{i18n.t(f'group_{g}', lang)} {fmt.percent(context.group_shares.get(g, 0.0), 0, lang)}"
        for g in GROUPS
    )


def _cover(pages: Sequence[AreaPage], context: Context, lang: str) -> str:
    """Title, city and date, then what every page rests on, and the areas in order."""
    facts = [
        ("print_printed", context.printed),
        ("print_data", context.stand),
        ("print_scenario", context.scenario),
        ("print_method", context.method),
        ("print_weights", _weights_text(context, lang)),
        ("print_horizon", i18n.t("print_horizon_years", lang, years=context.horizon_years)),
    ]
    rows = "".join(
        f"<dt>{html.escape(i18n.t(key, lang))}</dt><dd>{html.escape(value)}</dd>"
        for key, value in facts
        if value
    )
    areas = "".join(f"<li>{_text(page.name)}</li>" for page in pages)
    return (
        '<section class="cover">'
        f"<p>{html.escape(i18n.t('app_title', lang))}</p>"
        f"<h1>{html.escape(i18n.t('print_title', lang))}</h1>"
        f'<p class="city">{html.escape(i18n.t("print_city", lang))}</p>'
        f'<dl class="facts">{rows}</dl>'
        f"<h2>{html.escape(i18n.t('print_contents', lang))}</h2><ol>{areas}</ol>"
        "</section>"
    )


def _overview(pages: Sequence[AreaPage], context: Context, lang: str) -> str:
    """Every area's recommendation with its points, lead and costs, and the totals."""
    score_head = i18n.t(methods.text_key("chart_points", context.method_code), lang)
    heads = [
        (i18n.t("col_area", lang), ""),
        (i18n.t("slide_col_recommendation", lang), ""),
        (score_head, "num"),
        (i18n.t("col_lead", lang), "num"),
        (i18n.t("col_investment_short", lang), "num"),
        (i18n.t("slide_col_annual_change", lang), "num"),
    ]
    head = "".join(f'<th scope="col" class="{css}">{_header(h)}</th>' for h, css in heads)
    rows, totals = [], {"investment": 0.0, "annual_change": 0.0, "npv_change": 0.0}
    for page in pages:
        if page.ranking.empty:
            rows.append(
                f'<tr><th scope="row">{_text(page.name)}</th>'
                f'<td colspan="5">{html.escape(i18n.t("no_options", lang))}</td></tr>'
            )
            continue
        best = area_summary(page.ranking)
        lead = best["lead"]
        annual = best["annual_change"]
        for key in totals:
            totals[key] += float(best[key] or 0.0)
        cells = [
            f'<th scope="row">{_text(page.name)}</th>',
            f"<td><strong>{_text(best['option'])}</strong></td>",
            f'<td class="num">{fmt.points(float(best["score"]), 1, lang)}</td>',
            f'<td class="num">{"–" if lead is None else fmt.lead_points(lead, lang)}</td>',
            f'<td class="num">{fmt.eur(float(best["investment"]), 0, lang)}</td>',
            f'<td class="num">{"–" if annual is None else fmt.eur(annual, 0, lang, signed=True)}'
            "</td>",
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    total_rows = [
        (i18n.t("total_investment", lang), fmt.eur(totals["investment"], 0, lang)),
        (
            i18n.t("total_annual_change", lang),
            fmt.eur(totals["annual_change"], 0, lang, signed=True),
        ),
        (
            i18n.t("total_npv_change", lang, years=context.horizon_years),
            fmt.eur(totals["npv_change"], 0, lang, signed=True),
        ),
    ]
    total_html = "".join(
        f'<tr><th scope="row">{_header(label)}</th><td class="num"><strong>{value}</strong>'
        "</td></tr>"
        for label, value in total_rows
    )
    return (
        '<section class="overview">'
        f"<h1>{html.escape(i18n.t('slide_summary_title', lang))}</h1>"
        f"{_meta(context, lang)}"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f'<table class="totals"><tbody>{total_html}</tbody></table>'
        f'<p class="note">{html.escape(i18n.t("sign_convention", lang))}</p>'
        "</section>"
    )


def _closing(context: Context, lang: str) -> str:
    """The last line of the document: when it was made and from which data."""
    return (
        f'<footer class="closing">{html.escape(i18n.t("print_made", lang, date=context.printed))}'
        f" · {html.escape(context.stand)}</footer>"
    )


def _css(title: str, lang: str) -> str:
    """The style sheet with the page footer: the title left, "Seite n von m" right."""
    page = i18n.t("print_page", lang, page="<page>", pages="<pages>")
    before, rest = page.split("<page>")
    middle, after = rest.split("<pages>")
    counter = (
        f'"{_css_string(before)}" counter(page) "{_css_string(middle)}" counter(pages) '
        f'"{_css_string(after)}"'
    )
    return _CSS.replace("FOOTER_TITLE", f'"{_css_string(title)}"').replace("FOOTER_PAGE", counter)


def _css_string(text: str) -> str:
    """Text for a CSS string in double quotes: quotes, backslashes and "<" escaped."""
    return "".join(c if c.isalnum() or c in " .,:;–-()" else f"\\{ord(c):x} " for c in text)


def summary_html(
    pages: Sequence[AreaPage], context: Context, lang: str = "de", overview: bool | None = None
) -> str:
    """One HTML document: the cover, the overview of all areas (by default when there is more
    than one), one A4 page per area in ``pages`` (in that order), the sources and the date."""
    title = i18n.t("print_title", lang)
    if len(pages) == 1:
        title = f"{title}: {pages[0].name}"
    with_overview = len(pages) > 1 if overview is None else overview
    sources = sources_section(
        [(page.name, page.sources) for page in pages], context.source_max_age_years, lang
    )
    parts = [
        _cover(pages, context, lang),
        _overview(pages, context, lang) if with_overview else "",
        *(_section(page, context, lang) for page in pages),
        sources,
    ]
    body = "\n".join(part for part in parts if part)
    if context.printed:
        body = body[: body.rindex("</section>")] + _closing(context, lang) + "</section>"
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>{html.escape(title)}</title><style>{_css(title, lang)}</style></head>"
        f"<body>\n{body}\n</body></html>\n"
    )


def file_name(slug: str | None, version: int, extension: str = "pdf") -> str:
    """Download name, e.g. ``zusammenfassung-ozg-v3.pdf`` (``alle-bereiche`` for all)."""
    return f"zusammenfassung-{slug or 'alle-bereiche'}-v{int(version)}.{extension}"
