"""How sources, their age and data text are shown (core/views/sourcing.py, fmt.plain_markdown)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from core.views import fmt, sourcing

TODAY = dt.date(2026, 12, 1)
SOURCES = {
    "alt": sourcing.Source("alt", "Alt", "", "2012", ""),
    "neu": sourcing.Source("neu", "Neu", "neu.de/x", "", "2026-11"),
    "ohne": sourcing.Source("ohne", "Ohne Datum", "", "", ""),
}


def test_partial_dates_read_as_people_write_them() -> None:
    assert sourcing.partial_date("2012", "de") == "2012"
    assert sourcing.partial_date("2020-01", "de") == "01/2020"
    assert sourcing.partial_date("2013-02-19", "de") == "19.02.2013"
    assert sourcing.partial_date("2013-02-19", "en") == "19 Feb 2013"
    assert sourcing.partial_date("", "de") == ""


def test_a_row_is_as_old_as_its_oldest_dated_source() -> None:
    assert sourcing.row_stand("neu; alt; ohne", SOURCES) == "2012"
    assert sourcing.row_stand("ohne", SOURCES) == ""
    assert sourcing.stand_label("2012", "de", TODAY, 5) == "Stand 2012 · älter als 5 Jahre"
    assert sourcing.stand_label("2012", "de", TODAY, 20) == "Stand 2012"
    assert sourcing.stand_label("", "en", TODAY, 5) == "date unknown"


def test_marker_links_to_the_first_known_source() -> None:
    link = sourcing.marker("unbekannt; neu; alt", False, SOURCES, "de", TODAY, 5)
    assert link == "methodik?quelle=neu#✓ belegt · Stand 2012 · älter als 5 Jahre"
    assert sourcing.marker_text(link) == "✓ belegt · Stand 2012 · älter als 5 Jahre"
    assert sourcing.marker("", True, SOURCES, "de", TODAY, 5) == "methodik#⚠ Schätzung"


def test_old_rows_are_listed_with_their_stand() -> None:
    cited = pd.DataFrame(
        {
            "kind": ["options", "cost_lines", "assessments"],
            "key": ["a", "1", "a/reach"],
            "area": ["gis"] * 3,
            "label": ["A", "A: Betrieb", "A: Reichweite"],
            "source": ["alt", "neu", "ohne"],
            "is_estimate": [False, True, True],
            "estimate_reason": ["", "x", "y"],
        }
    )
    old = sourcing.outdated_rows(cited, SOURCES, TODAY, 5)
    assert old["key"].tolist() == ["a"]
    assert sourcing.count_by_kind(old) == {
        "systems": 0,
        "options": 1,
        "cost_lines": 0,
        "assessments": 0,
    }
    table = sourcing.outdated_table(old, SOURCES, "de", TODAY, 5, {"gis": "GIS"})
    assert table.iloc[0].tolist() == ["GIS", "Option", "A", "Stand 2012 · älter als 5 Jahre",
                                      "Alt (Stand 2012 · älter als 5 Jahre)"]  # fmt: skip


def test_data_text_is_never_markdown() -> None:
    text = "**fett** [klick](javascript:alert(1)) :red[rot] $x$ <b>1.</b>"
    escaped = fmt.plain_markdown(text)
    for raw in ("**", "](", ":red[", "$x$", "<b>"):
        assert raw not in escaped
    assert escaped.replace("\\", "") == text
    assert fmt.plain_markdown(None) == ""
