"""ui.tables: a table given as columns of text (:func:`tables.static_texts`, the Übersicht's
chosen set on every slider move) is drawn exactly as :func:`tables.static` draws the frame of
those columns: the same cells (escaped), headings (hyphenated), Arrow bytes and rules."""

from __future__ import annotations

import contextlib

import pandas as pd
import pytest
from streamlit import dataframe_util

from ui import tables


class Recorder:
    """Stands in for ``streamlit`` in ui.tables: records the containers, tables and rules."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []

    def container(self, key: str):  # type: ignore[no-untyped-def]
        self.calls.append(("container", key))
        return contextlib.nullcontext()

    def table(self, frame: pd.DataFrame, hide_index: bool) -> None:
        self.calls.append(("table", (frame, hide_index)))

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
    (shown, hide), (former, former_hide) = new[2][1], old[2][1]  # type: ignore[misc]
    assert hide is former_hide is True
    pd.testing.assert_frame_equal(shown, former, check_exact=True)
    assert list(shown.columns) == list(former.columns)
    assert dataframe_util.convert_pandas_df_to_arrow_bytes(
        shown
    ) == dataframe_util.convert_pandas_df_to_arrow_bytes(former)
    if rows:  # the check can fail: a cell is escaped and a heading hyphenated
        assert shown.iloc[0, 1] != COLUMNS["Option"][0]
        assert "\u00ad" in "".join(shown.columns)
