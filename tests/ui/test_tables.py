"""ui.tables: a table given as columns of text (:func:`tables.static_texts`, the Übersicht's
chosen set on every slider move) is drawn exactly as :func:`tables.static` draws the frame of
those columns: the same cells (escaped), headings (hyphenated), Arrow bytes and rules; and a
table prepared once (:func:`tables.prepared`, :func:`tables.with_sources`, cached for the
Bereich's tables) is drawn as the former per-run path drew the frame (the oracle here)."""

from __future__ import annotations

import contextlib

import pandas as pd
import pytest
from streamlit import dataframe_util

from core import views
from ui import tables, text


class Recorder:
    """Stands in for ``streamlit`` in ui.tables: records the containers, tables and rules."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []

    def container(self, key: str):  # type: ignore[no-untyped-def]
        self.calls.append(("container", key))
        return contextlib.nullcontext()

    def table(self, data: object, hide_index: bool) -> None:
        # what st.table sends: the Arrow bytes of the frame or table it is given
        sent = dataframe_util.convert_anything_to_arrow_bytes(data)
        self.calls.append(("table", (data, sent, hide_index)))

    def html(self, body: str) -> None:
        self.calls.append(("html", body))


def _drawn(monkeypatch, lang: str, draw) -> list[tuple[str, object]]:  # type: ignore[no-untyped-def]
    recorder = Recorder()
    monkeypatch.setattr(tables, "st", recorder)
    monkeypatch.setattr(tables.text, "lang", lambda: lang)
    draw()
    return recorder.calls


COLUMNS = {
    "Bereich": ["Homepage", "OZG-Umsetzung", "Geoinformationssystem"],
    "Option": ["Relaunch *mit* CMS", "Plattform [Land]", "Open-Source-Lösung | QGIS"],
    "Umsetzungsweg": ["Standardsoftware", "Eigenentwicklung", "Status quo"],
    "Nutzen (Punkte)": ["12,3", "4,0", "-1,5"],
    "Investition": ["120.000 €", "0 €", "1.250.000 €"],
    "Laufende Kosten p. a.": ["10.000 €", "2.500 €", "0 €"],
}
NUMERIC = ["Nutzen (Punkte)", "Investition", "Laufende Kosten p. a."]


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("rows", [3, 1, 0])
def test_static_texts_draw_what_static_draws_of_the_frame(monkeypatch, lang, rows) -> None:
    columns = {name: values[:rows] for name, values in COLUMNS.items()}
    new = _drawn(monkeypatch, lang, lambda: tables.static_texts(columns, "t", NUMERIC))
    old = _drawn(monkeypatch, lang, lambda: tables.static(pd.DataFrame(columns), "t", NUMERIC))
    assert [kind for kind, _ in new] == [kind for kind, _ in old] == ["container", "html", "table"]
    assert new[:2] == old[:2]  # the container and its rules
    (shown, sent, hide), (_, former_sent, former_hide) = new[2][1], old[2][1]  # type: ignore[misc]
    assert hide is former_hide is True
    assert sent == former_sent
    if rows:  # the check can fail: a cell is escaped and a heading hyphenated
        assert shown.iloc[0, 1] != COLUMNS["Option"][0]
        assert "\u00ad" in "".join(shown.columns)


# The former per-run path of the read-only tables (before they were prepared once): kept as
# the oracle of tables.prepared, tables.with_sources and tables.draw.


def former_static(frame, key, numeric=None, markdown=(), *, styled=True) -> None:  # type: ignore[no-untyped-def]
    lang = text.lang()
    cells = []
    for position, (name, column) in enumerate(frame.items()):
        if name in markdown or pd.api.types.is_numeric_dtype(column):
            cells.append((position, column.to_numpy()))
        else:
            cells.append((position, [views.md(v) if isinstance(v, str) else v for v in column]))
    shown = pd.DataFrame(dict(cells))
    shown.columns = [views.soft_hyphens(str(c), lang) for c in frame.columns]
    tables._draw(shown, key, list(frame.columns), numeric, styled)


def former_static_with_sources(table, key, numeric=None, addresses=()) -> None:  # type: ignore[no-untyped-def]
    frame = table.to_pandas() if hasattr(table, "to_pandas") else table.copy()
    marker = text.t("col_estimate")
    links = tuple(c for c in frame.columns if c == marker or c in addresses)
    for column in links:
        frame[column] = frame[column].map(
            tables._marker_link if column == marker else tables._address_link
        )
    former_static(frame, key, numeric, markdown=links)


SOURCED = pd.DataFrame(
    {
        "Kriterium": ["Barrierefreiheit *neu*", "Kosten [Land]", '=HYPERLINK("x")'],
        "Wert": [3, 4, 5],
        "Begründung": ["laut `Audit`", "Schätzung | grob", "<b>fett</b>"],
        "Quelle": ["https://www.muelheim-ruhr.de/a b", "", "https://example.org/x)y"],
    }
)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("rows", [3, 0])
@pytest.mark.parametrize(("numeric", "addresses"), [(["Wert"], ("Quelle",)), (None, ())])
def test_prepared_tables_send_what_the_former_path_sent(
    monkeypatch, lang, rows, numeric, addresses
) -> None:
    marker = tables.i18n.t("col_estimate", lang)
    frame = SOURCED.head(rows).assign(**{marker: ["#Schätzung", "/methodik#q1", "x"][:rows]})
    new = _drawn(
        monkeypatch,
        lang,
        lambda: tables.draw(tables.with_sources(frame, lang, addresses), "t", numeric),
    )
    old = _drawn(
        monkeypatch, lang, lambda: former_static_with_sources(frame, "t", numeric, addresses)
    )
    assert [c[0] for c in new] == [c[0] for c in old] == ["container", "html", "table"]
    assert new[:2] == old[:2]  # the container and its rules
    assert new[2][1][1:] == old[2][1][1:]  # the Arrow bytes sent and the hidden index
    static_new = _drawn(monkeypatch, lang, lambda: tables.static(frame, "s", numeric))
    static_old = _drawn(monkeypatch, lang, lambda: former_static(frame, "s", numeric))
    assert static_new == [*static_old[:2], ("table", (static_new[2][1][0], *static_old[2][1][1:]))]
    if rows:  # the check can fail: links were built, cells escaped, headings hyphenated
        sent = tables.with_sources(frame, lang, ("Quelle",)).table.to_pandas()
        assert sent.iloc[0, 3].startswith("[muelheim\\-ruhr\\.de](https://")
        assert sent.iloc[0, 0] != SOURCED.iloc[0, 0]
        assert "\u00ad" in "".join(sent.columns) or lang == "en"
