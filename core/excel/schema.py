"""The data sheets an export, the template and the importer share.

Four sheets carry the store's data (current systems, options, cost lines, assessments) plus
one sheet that names the areas a file replaces completely. Each column has a machine key
(the store column), a header text from the catalogue and a kind that the importer checks.
Headers are written in the workbook's language; the importer accepts the German header,
the English header or the key, so an English export is a valid template too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from core import i18n
from core.editing import rules
from core.store import PATHWAYS, SYSTEM_KINDS

KINDS = ("id", "text", "number", "integer", "bool", "date", "enum", "cost_id")


@dataclass(frozen=True)
class Column:
    """One column of a data sheet.

    ``info`` columns help people read the sheet (an option's name next to its id); the
    importer ignores them except ``checked`` ones, which must match the catalogue if filled.
    """

    key: str
    header_key: str
    kind: str
    required: bool = False
    style: str = "text"
    width: int | None = None
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    info: bool = False
    checked: bool = False
    default: Any = None
    english: bool = False  # the English twin of a text column (core.editing.english)

    def header(self, lang: str = "de") -> str:
        if self.english:  # "Name (englisch)": the German column's header and a marker
            return i18n.t("xl_h_english", lang, label=i18n.t(self.header_key, lang))
        return i18n.t(self.header_key, lang)


@dataclass(frozen=True)
class DataSheet:
    """A data sheet: its table in the store, title key and columns."""

    table: str
    title_key: str
    columns: tuple[Column, ...]

    def title(self, lang: str = "de") -> str:
        return i18n.t(self.title_key, lang)

    def titles(self) -> set[str]:
        return {i18n.t(self.title_key, lang).casefold() for lang in i18n.LANGUAGES}

    @property
    def stored(self) -> tuple[Column, ...]:
        """The columns that are written to the store (the English twins to ``english_texts``)."""
        return tuple(c for c in self.columns if not c.info)

    @property
    def own(self) -> tuple[Column, ...]:
        """The stored columns of the table itself (without the English twins)."""
        return tuple(c for c in self.stored if not c.english)


def _range(table: str, key: str) -> dict[str, float | None]:
    """minimum/maximum of a column from the one declaration in :mod:`core.editing.rules`."""
    low, high = rules.bounds(table, key)
    return {"minimum": low, "maximum": high}


_SOURCE = Column("source", "xl_h_source", "text", width=40, style="wrap")
# Export only (the importer ignores info columns): how old the cited sources are.
_STAND = Column("source_stand", "xl_h_source_stand", "text", info=True, width=30, style="wrap")
_ESTIMATE = Column("is_estimate", "xl_h_is_estimate", "bool", style="num")
_REASON = Column("estimate_reason", "xl_h_estimate_reason", "text", width=50, style="wrap")


def _english(*twins: tuple[str, str]) -> tuple[Column, ...]:
    """English twins (key, header key of the German column) at the end of a sheet: the
    English texts of :data:`core.store.ENGLISH`, so a round trip keeps them and an editor can
    change them in the file (written to ``english_texts`` by the import)."""
    return tuple(
        Column(f"{key}_en", header, "text", width=50, style="wrap", english=True)
        for key, header in twins
    )


SYSTEMS = DataSheet(
    "systems",
    "xl_sheet_systems",
    (
        Column("id", "xl_h_system_id", "id", required=True),
        Column("area", "xl_h_area_id", "id", required=True),
        Column("name", "xl_h_name", "text", required=True, width=40),
        Column("kind", "xl_h_kind", "enum", required=True, choices=SYSTEM_KINDS),
        Column("operator", "xl_h_operator", "text", width=30),
        Column(
            "annual_cost_eur",
            "xl_h_annual_cost",
            "number",
            style="eur",
            **_range("systems", "annual_cost_eur"),
        ),
        Column(
            "reach_value",
            "xl_h_reach",
            "number",
            style="weight",
            **_range("systems", "reach_value"),
        ),
        Column("reach_unit", "xl_h_reach_unit", "text"),
        Column(
            "in_use_since",
            "xl_h_in_use_since",
            "integer",
            style="year",
            **_range("systems", "in_use_since"),
        ),
        Column("notes", "xl_h_notes", "text", width=60, style="wrap"),
        _SOURCE,
        _ESTIMATE,
        _REASON,
        _STAND,
        *_english(
            ("name", "xl_h_name"),
            ("operator", "xl_h_operator"),
            ("reach_unit", "xl_h_reach_unit"),
            ("notes", "xl_h_notes"),
            ("estimate_reason", "xl_h_estimate_reason"),
        ),
    ),
)
OPTIONS = DataSheet(
    "options",
    "xl_sheet_options",
    (
        Column("id", "xl_h_option_id", "id", required=True),
        Column("area", "xl_h_area_id", "id", required=True),
        Column("replaces_system", "xl_h_replaces", "id"),
        Column("pathway", "xl_h_pathway", "enum", required=True, choices=PATHWAYS),
        Column("name", "xl_h_name", "text", required=True, width=40),
        Column("partner", "xl_h_partner", "text", width=30),
        Column("description", "xl_h_description", "text", width=60, style="wrap"),
        _SOURCE,
        _ESTIMATE,
        _REASON,
        _STAND,
        *_english(
            ("name", "xl_h_name"),
            ("partner", "xl_h_partner"),
            ("description", "xl_h_description"),
            ("estimate_reason", "xl_h_estimate_reason"),
        ),
    ),
)
COST_LINES = DataSheet(
    "cost_lines",
    "xl_sheet_costs",
    (
        Column("id", "xl_h_cost_id", "cost_id", style="rank"),
        Column("option_id", "xl_h_option_id", "id", required=True),
        Column("item", "xl_h_item", "text", required=True, width=40),
        Column(
            "investment_eur",
            "xl_h_investment",
            "number",
            style="eur",
            default=0.0,
            **_range("cost_lines", "investment_eur"),
        ),
        Column(
            "annual_cost_eur",
            "xl_h_annual_cost",
            "number",
            style="eur",
            default=0.0,
            **_range("cost_lines", "annual_cost_eur"),
        ),
        Column(
            "staff_fte",
            "xl_h_fte",
            "number",
            style="fte",
            default=0.0,
            **_range("cost_lines", "staff_fte"),
        ),
        _SOURCE,
        _ESTIMATE,
        _REASON,
        _STAND,
        # Optional ranges (issue 13): empty means the declared default by kind applies.
        Column(
            "investment_low",
            "xl_h_investment_low",
            "number",
            style="eur",
            **_range("cost_lines", "investment_low"),
        ),
        Column(
            "investment_high",
            "xl_h_investment_high",
            "number",
            style="eur",
            **_range("cost_lines", "investment_high"),
        ),
        Column(
            "annual_low",
            "xl_h_annual_low",
            "number",
            style="eur",
            **_range("cost_lines", "annual_low"),
        ),
        Column(
            "annual_high",
            "xl_h_annual_high",
            "number",
            style="eur",
            **_range("cost_lines", "annual_high"),
        ),
        *_english(("item", "xl_h_item"), ("estimate_reason", "xl_h_estimate_reason")),
    ),
)
ASSESSMENTS = DataSheet(
    "assessments",
    "xl_sheet_assessments",
    (
        Column("option_id", "xl_h_option_id", "id", required=True),
        Column("option", "xl_h_option", "text", info=True, width=36),
        Column("criterion", "xl_h_criterion_id", "id", required=True),
        Column("criterion_label", "xl_h_criterion", "text", info=True, width=30),
        Column(
            "value",
            "xl_h_value",
            "number",
            required=True,
            style="num",
            **_range("assessments", "value"),
        ),
        Column("unit", "xl_h_unit", "text", info=True, checked=True),
        Column("direction", "xl_h_direction", "text", info=True, checked=True, width=24),
        Column("rationale", "xl_h_rationale", "text", width=60, style="wrap"),
        _SOURCE,
        _ESTIMATE,
        _REASON,
        Column(
            "assessed_on",
            "xl_h_assessed_on",
            "date",
            style="date",
            **_range("assessments", "assessed_on"),
        ),
        _STAND,
        # Optional range (issue 13): empty means the declared default by kind applies.
        Column(
            "value_low",
            "xl_h_value_low",
            "number",
            style="num",
            **_range("assessments", "value_low"),
        ),
        Column(
            "value_high",
            "xl_h_value_high",
            "number",
            style="num",
            **_range("assessments", "value_high"),
        ),
        *_english(("rationale", "xl_h_rationale"), ("estimate_reason", "xl_h_estimate_reason")),
    ),
)
SCOPE = DataSheet(
    "scope",
    "xl_sheet_scope",
    (
        Column("area", "xl_h_area_id", "id", required=True),
        Column("area_name", "xl_h_area_name", "text", info=True, width=44),
    ),
)
# Export only: the sources the data cite, with dates and the age flag (not imported; sources
# are added on the Daten page).
SOURCES = DataSheet(
    "sources",
    "xl_sheet_sources",
    (
        Column("id", "xl_h_source_key", "text", width=26),
        Column("title", "xl_h_source_title", "text", width=50, style="wrap"),
        Column("publisher", "xl_h_publisher", "text", width=26, style="wrap"),
        Column("address", "xl_h_address", "text", width=50, style="wrap"),
        Column("published", "xl_h_published", "text"),
        Column("accessed", "xl_h_accessed", "text"),
        Column("stand", "xl_h_source_stand", "text", width=30, style="wrap"),
        Column("supports", "xl_h_supports", "text", width=50, style="wrap"),
        Column("note", "xl_h_note", "text", width=50, style="wrap"),
    ),
)
DATA_SHEETS: tuple[DataSheet, ...] = (SYSTEMS, OPTIONS, COST_LINES, ASSESSMENTS)

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
CRITERION_KEY = re.compile(r"[a-z][a-z0-9_]*")


def normalise_header(text: str) -> str:
    """Header text compared case- and space-insensitively."""
    return " ".join(str(text).split()).casefold()


def header_aliases(column: Column) -> set[str]:
    """Every accepted spelling of a column header: German, English, machine key."""
    return {normalise_header(column.header(lang)) for lang in i18n.LANGUAGES} | {
        normalise_header(column.key)
    }


def sheet_kind(title: str) -> DataSheet | None:
    """The data sheet a worksheet title stands for ("Bestand", "OZG Bestand"), or None."""
    folded = " ".join(title.split()).casefold()
    for sheet in (*DATA_SHEETS, SCOPE):
        for name in sheet.titles():
            if folded == name or folded.endswith(" " + name):
                return sheet
    return None
