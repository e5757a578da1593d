"""The sources part of the print summary: each area's sources, listed once with their
stand and domain, on their own page(s) after the areas."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from core import i18n
from core.store import sourcerefs
from core.views.sourcing import Sourcing, partial_date


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


def sources_section(
    names_and_sources: Sequence[tuple[str, Sequence[str]]], max_age_years: int, lang: str
) -> str:
    """The sources of every area, after the areas: a source list grows with the data, so it
    does not share an area's page (which then always fits one A4 page)."""
    listed = [(name, sources) for name, sources in names_and_sources if sources]
    if not listed:
        return ""
    legend = html.escape(sources_legend(max_age_years, lang))
    parts = [
        '<section class="sources">',
        f"<h1>{html.escape(i18n.t('print_sources', lang))}</h1>",
        f'<p class="meta">{legend}</p>',
    ]
    for name, sources in listed:
        items = " · ".join(f'<span class="source">{html.escape(s)}</span>' for s in sources)
        parts.append(f'<h2>{html.escape(name)}</h2><p class="sources">{items}</p>')
    parts.append("</section>")
    return "\n".join(parts)
