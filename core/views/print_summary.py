"""A printable A4 summary per review area, as one self-contained HTML document.

For the council papers: each area on its own A4 page with the recommendation, the ranking
table (total and group points, costs), the stability sentence where there is one, the data
version ("Stand") and the scenario; the areas' sources follow on their own page(s), so an
area's page does not grow with its source list. Every value from the data is HTML-escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from core import i18n
from core.scoring import methods
from core.scoring.weights import GROUPS
from core.store import sourcerefs
from core.views import fmt
from core.views.plain import md_unescape
from core.views.recommendation_text import recommendation
from core.views.sourcing import Sourcing, partial_date

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ABBREVIATION_SPACE = re.compile(r"(\d|\bp\.) (?=J\.|a\.|yrs)")

_CSS = """
@page { size: A4; margin: 12mm 14mm 12mm; }
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


def _split_top_level(text: str, separator: str = ";") -> list[str]:
    """Split at ``separator`` outside parentheses: 'A (x; y); B' → ['A (x; y)', 'B']."""
    parts, depth, current = [], 0, []
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == separator and depth <= 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


def area_sources(
    *columns: Iterable[object], sourcing: Sourcing | None = None, lang: str = "de"
) -> tuple[str, ...]:
    """Distinct sources in order of first appearance.

    A cell may cite several sources separated by ';'; each is listed once. With
    ``sourcing`` a source key is shown compactly for the A4 page as its title, its stand
    (marked ⚠ when older than the limit, "o. J." when undated) and the domain of its
    address: 'KDN … (2012 ⚠)', 'Stadt Moers startet … (19.02.2013 ⚠) – moers.de'; a key it
    does not know is shown as it is. The legend is :func:`sources_legend`.
    """
    seen: dict[str, None] = {}
    for column in columns:
        for value in column:
            if isinstance(value, str):
                for source in _split_top_level(value):
                    seen.setdefault(source, None)
    if sourcing is None:
        return tuple(seen)
    shown = []
    for key in seen:
        source = sourcing.sources.get(key)
        if source is None:
            shown.append(key)
            continue
        stand = source.stand
        if stand:
            label = partial_date(stand, lang)
            if sourcerefs.is_outdated(stand, sourcing.today, sourcing.max_age_years):
                label += " ⚠"
        else:
            label = i18n.t("print_undated", lang)
        text = f"{_shorten(source.title)} ({label})"
        if source.address:
            text += f" – {sourcerefs.domain(source.address)}"
        shown.append(text)
    return tuple(shown)


PRINT_TITLE_CHARS = 48


def _shorten(title: str, limit: int = PRINT_TITLE_CHARS) -> str:
    """A source title cut at a word boundary for the A4 page (the full title is on the
    Methodik page and in the export)."""
    if len(title) <= limit:
        return title
    cut = title[:limit].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return f"{cut} …"


def sources_legend(max_age_years: int, lang: str) -> str:
    """What the brackets after a source mean on the A4 page."""
    return i18n.t("print_sources_legend", lang, years=max_age_years)


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


def _sources_section(pages: Sequence[AreaPage], context: Context, lang: str) -> str:
    """The sources of every area, after the areas: a source list grows with the data, so it
    does not share an area's page (which then always fits one A4 page)."""
    listed = [page for page in pages if page.sources]
    if not listed:
        return ""
    legend = html.escape(sources_legend(context.source_max_age_years, lang))
    parts = [
        '<section class="sources">',
        f"<h1>{html.escape(i18n.t('print_sources', lang))}</h1>",
        f'<p class="meta">{legend}</p>',
    ]
    for page in listed:
        items = " · ".join(f'<span class="source">{_text(s)}</span>' for s in page.sources)
        parts.append(f'<h2>{_text(page.name)}</h2><p class="sources">{items}</p>')
    parts.append("</section>")
    return "\n".join(parts)


def summary_html(pages: Sequence[AreaPage], context: Context, lang: str = "de") -> str:
    """One HTML document, one A4 page per area in ``pages`` (in that order)."""
    title = i18n.t("print_title", lang)
    if len(pages) == 1:
        title = f"{title}: {pages[0].name}"
    body = "\n".join(
        [*(_section(page, context, lang) for page in pages), _sources_section(pages, context, lang)]
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head>"
        f"<body>\n{body}\n</body></html>\n"
    )


def file_name(slug: str | None, version: int) -> str:
    """Download name, e.g. ``zusammenfassung-ozg-v3.html`` (``alle-bereiche`` for all)."""
    return f"zusammenfassung-{slug or 'alle-bereiche'}-v{int(version)}.html"
