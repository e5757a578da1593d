"""How sources and the age of figures are shown: "Stand 2012", the old-figure flag, the
marker that links a figure to its source, and the tables of the sources page and export.

A row cites sources by key (:mod:`core.store.sourcerefs`); its figures are as old as the
oldest dated source it cites ("Stand"): a source's date is its publication date, else the
date it was read. Figures older than the ``source_max_age_years`` setting are flagged. An
undated source is said to be undated, never guessed. Every text here is plain text for a
table cell or for HTML escaping by the caller; nothing is Markdown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import quote

import pandas as pd

from core import i18n
from core.store import sourcerefs

METHOD_PAGE = "methodik"  # url_path of the Methodik & Quellen page
QUERY_KEY = "quelle"
# LinkColumn display text: what follows '#' in a marker link is what the cell shows.
MARKER_DISPLAY = r"#(.*)$"
# LinkColumn display text for addresses: the host without www.
ADDRESS_DISPLAY = r"^https?://(?:www\.)?([^/]+)"
CITING_KINDS = ("systems", "options", "cost_lines", "assessments")


@dataclass(frozen=True)
class Source:
    """One row of the sources table, as the views need it."""

    key: str
    title: str
    address: str
    published: str
    accessed: str

    @property
    def stand(self) -> str:
        return sourcerefs.stand(self.published, self.accessed)


Registry = Mapping[str, Source]


@dataclass(frozen=True)
class Sourcing:
    """What a table needs to show sources: the sources by key, today and the age limit."""

    sources: Registry
    today: dt.date
    max_age_years: int

    def text(self, cell: object, lang: str) -> str:
        return source_text(cell, self.sources, lang, self.today, self.max_age_years)

    def marker(self, cell: object, is_estimate: bool, lang: str) -> str:
        return marker(cell, bool(is_estimate), self.sources, lang, self.today, self.max_age_years)


def registry(frame: pd.DataFrame) -> dict[str, Source]:
    """Sources keyed by id, from :func:`core.store.sources` (or the raw table)."""
    return {
        str(r.id): Source(
            str(r.id), str(r.title), str(r.address), str(r.published), str(r.accessed)
        )
        for r in frame.itertuples(index=False)
    }


def partial_date(partial: str, lang: str) -> str:
    """'2012' → '2012'; '2020-01' → '01/2020' (en 'Jan 2020'); '2013-02-19' → '19.02.2013'."""
    if not partial:
        return ""
    day = sourcerefs.as_date(partial)
    assert day is not None
    parts = partial.count("-")
    if parts == 0:
        return str(day.year)
    if parts == 1:
        return day.strftime("%m/%Y") if lang == "de" else day.strftime("%b %Y")
    return day.strftime("%d.%m.%Y") if lang == "de" else day.strftime("%d %b %Y")


def row_stand(cell: object, sources: Registry) -> str:
    """The stand of a row's figures: the oldest date among the sources it cites ('' if none)."""
    dates = [sources[k].stand for k in sourcerefs.keys(cell) if k in sources and sources[k].stand]
    return min(dates, key=lambda d: sourcerefs.as_date(d) or dt.date.max) if dates else ""


def is_old(stand: str, today: dt.date, max_age_years: int) -> bool:
    return sourcerefs.is_outdated(stand, today, max_age_years)


def stand_label(stand: str, lang: str, today: dt.date, max_age_years: int) -> str:
    """'Stand 2012 · älter als 5 Jahre', 'Stand 01/2020' or 'Stand unbekannt'."""
    if not stand:
        return i18n.t("stand_unknown", lang)
    label = i18n.t("stand_label", lang, date=partial_date(stand, lang))
    if is_old(stand, today, max_age_years):
        label += " · " + i18n.t("stand_old", lang, years=max_age_years)
    return label


def source_text(
    cell: object, sources: Registry, lang: str, today: dt.date, max_age_years: int
) -> str:
    """The cited sources of a row by title, each with its stand: 'KDN … (Stand 2012 · älter
    als 5 Jahre); WAZ … (Stand 2019)'. An unknown key is shown as the key itself."""
    parts = []
    for key in sourcerefs.keys(cell):
        source = sources.get(key)
        if source is None:
            parts.append(key)
            continue
        label = stand_label(source.stand, lang, today, max_age_years)
        parts.append(f"{source.title} ({label})")
    return "; ".join(parts)


def method_link(key: str | None = None, fragment: str = "") -> str:
    """A relative link to the sources page, filtered to ``key``; ``fragment`` is the text a
    link column shows (see :data:`MARKER_DISPLAY`)."""
    query = f"?{QUERY_KEY}={quote(key)}" if key else ""
    return f"{METHOD_PAGE}{query}#{fragment}"


def marker(
    cell: object,
    is_estimate: bool,
    sources: Registry,
    lang: str,
    today: dt.date,
    max_age_years: int,
) -> str:
    """The marker of a figure as a link to its (first) source: '✓ belegt · Stand 2019' or
    '⚠ Schätzung · Stand 2012 · älter als 5 Jahre'. Shown with :data:`MARKER_DISPLAY`."""
    keys = [k for k in sourcerefs.keys(cell) if k in sources]
    text = (
        f"⚠ {i18n.t('estimate_marker', lang)}"
        if is_estimate
        else f"✓ {i18n.t('sourced_marker', lang)}"
    )
    if keys:
        text += " · " + stand_label(row_stand(cell, sources), lang, today, max_age_years)
    return method_link(keys[0] if keys else None, text)


def marker_text(link: str) -> str:
    """What a marker link shows (for plain-text outputs)."""
    return link.split("#", 1)[1] if "#" in link else link


def sources_table(
    frame: pd.DataFrame,
    lang: str,
    today: dt.date,
    max_age_years: int,
    area_names: Mapping[str, str],
) -> pd.DataFrame:
    """The sources page's table (from :func:`core.store.sources`): title, publisher, address
    as an https link (shown as its domain), dates, stand with the age flag, what the source
    supports, areas, citations and note."""
    t = i18n.t
    return pd.DataFrame(
        {
            t("col_source", lang): frame["title"].tolist(),
            t("col_publisher", lang): frame["publisher"].tolist(),
            t("col_address", lang): [
                sourcerefs.href(a) if a else None for a in frame["address"].tolist()
            ],
            t("col_published", lang): [partial_date(p, lang) for p in frame["published"]],
            t("col_accessed", lang): [partial_date(p, lang) for p in frame["accessed"]],
            t("col_stand", lang): [
                stand_label(sourcerefs.stand(p, a), lang, today, max_age_years)
                for p, a in zip(frame["published"], frame["accessed"])
            ],
            t("col_supports", lang): frame["supports"].tolist(),
            t("col_areas", lang): [
                ", ".join(area_names.get(a, a) for a in areas.split(",") if a)
                for areas in frame["areas"]
            ],
            t("col_citations", lang): frame["citations"].astype(int).tolist(),
            t("col_note", lang): frame["note"].tolist(),
            t("col_source_key", lang): frame["id"].tolist(),
        }
    )


def outdated_rows(
    cited: pd.DataFrame, sources: Registry, today: dt.date, max_age_years: int
) -> pd.DataFrame:
    """Rows of :func:`core.store.cited_rows` whose stand is older than the limit, with it."""
    stands = [row_stand(cell, sources) for cell in cited["source"]]
    old = [is_old(s, today, max_age_years) for s in stands]
    return cited.assign(stand=stands)[old].reset_index(drop=True)


def outdated_table(
    old: pd.DataFrame,
    sources: Registry,
    lang: str,
    today: dt.date,
    max_age_years: int,
    area_names: Mapping[str, str],
) -> pd.DataFrame:
    """The Methodik page's list of old figures (from :func:`outdated_rows`)."""
    t = i18n.t
    return pd.DataFrame(
        {
            t("col_area", lang): [area_names.get(a, a) for a in old["area"]],
            t("col_kind_row", lang): [t(f"row_kind_{k}", lang) for k in old["kind"]],
            t("col_row", lang): old["label"].tolist(),
            t("col_stand", lang): [
                stand_label(s, lang, today, max_age_years) for s in old["stand"]
            ],
            t("col_source", lang): [
                source_text(c, sources, lang, today, max_age_years) for c in old["source"]
            ],
        }
    )


def count_by_kind(old: pd.DataFrame) -> dict[str, int]:
    """How many old rows per table kind (every kind present, zero if none)."""
    counts = old["kind"].value_counts() if len(old) else pd.Series(dtype=int)
    return {kind: int(counts.get(kind, 0)) for kind in CITING_KINDS}


def area_names(areas: pd.DataFrame, lang: str) -> dict[str, str]:
    """Area slug → name in ``lang`` (German when the translation is blank)."""
    column = i18n.localized_column("name", lang)
    names: Iterable[str] = areas[column] if column in areas else areas["name_de"]
    return {
        slug: (name if isinstance(name, str) and name.strip() else de)
        for slug, name, de in zip(areas["slug"], names, areas["name_de"])
    }
