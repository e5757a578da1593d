"""The app's required elements with fixed data and no computation (bench only).

The baseline the dashboard is measured against, in AppTest (`bench/app.py`) and served by a
real Streamlit server to websocket clients and Chromium (`bench/server.py`, `bench/app.py`):
whatever the app costs beyond this is its own computation. It draws what the real app draws
on every run: the sidebar with the language selector, the weights panel (three group sliders
with their shares, four presets, the closed sub-criteria expander, the method selector,
reset) and the data-state captions, the navigation, and two pages served under the app's
URL paths:

- ``bereich``: the area selector, the recommendation, the ranking table, the stacked bars, the
  cost–value scatter, the current systems and one option's assessments and cost lines;
- ``uebersicht``: six area cards, the totals, the pathway heatmap (its table in a second lazy
  tab, as in the app), and the portfolio section (objective, two budget sliders, the closed
  expanders, and in the first of three lazy tabs the totals, the chosen options, the next
  step and the confidence switch).

Its read-only tables are the app's kind of table: plain HTML tables drawn by the app's own
``ui.tables.static`` (a keyed container, a scoped style and ``st.table``), not data grids, so
that a figure against the skeleton compares like with like.

Nothing is computed from the weights. What the app redraws on a slider move follows the cost
slider here too, by a comparison, not a computation: below 50 and from 50 on, the ranking
table and the bar and scatter charts show one of two fixed versions, as the app's get new
values on every move. The ranking's rows come in reverse order under other points, so that
its first option is "Skelett A" or "Skelett B" (a browser can see the table change) and 44
of its 55 cells change, about as large a share as in the app's ranking when the bench's key
press changes its first option (39 of 50): ``st.table`` draws every cell as Markdown, and the
browser parses each changed cell again, which is the browser's work, not the app's. The
charts swap their data in place. With ``?still=1`` in the first address of a session the
charts keep one data set and the table changes its first option's name only (the skeleton
the first figures of issue 18 were measured against), for comparison. The skeleton runs the
whole script on every slider move, as a Streamlit app without fragments does.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pandas as pd
import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # served as a script
from ui.tables import static  # noqa: E402  (the app's table element, not a copy of it)

TOP_LOW, TOP_HIGH = "Skelett A", "Skelett B"
AREAS = ["homepage", "ozg", "social-media", "city-app", "open-data", "gis"]
OPTIONS = [f"Option {i} mit einem längeren Namen" for i in range(5)]
TEXT_COLUMNS = ("Rang", "Option", "Weg", "Partner")
NUMBER_COLUMNS = ("Gesamtpunkte", "Kosten", "Nutzen", "Umsetzbarkeit")
MONEY_COLUMNS = ("Barwert", "Investition", "Laufend")
STILL_KEY = "_skeleton_still"  # ?still=1: the charts never change, the table barely
BARS = {
    high: pd.DataFrame(
        {
            "option": [o for o in OPTIONS for _ in range(3)],
            "group": ["Kosten", "Nutzen", "Umsetzbarkeit"] * 5,
            "points": [20.0 if high else 15.0] * 15,
        }
    )
    for high in (False, True)
}
POINTS = {
    high: pd.DataFrame(
        {
            "option": OPTIONS,
            "cost": [1e5 * (i + 1) for i in range(5)],
            "value": [60.0 if high else 50.0] * 5,
        }
    )
    for high in (False, True)
}
HEAT = pd.DataFrame(
    {
        "area": [a for a in AREAS for _ in range(5)],
        "pathway": ["a", "b", "c", "d", "e"] * 6,
        "score": [0.5] * 30,
    }
)
TEXT_TABLE = pd.DataFrame({c: ["Text " * 4] * 8 for c in ("A", "B", "C", "D", "E")})
BAR_SPEC = {
    "mark": "bar",
    "encoding": {
        "y": {"field": "option", "type": "nominal"},
        "x": {"field": "points", "type": "quantitative", "stack": "zero"},
        "color": {"field": "group", "type": "nominal"},
    },
}
SCATTER_SPEC = {
    "mark": "circle",
    "encoding": {
        "x": {"field": "cost", "type": "quantitative"},
        "y": {"field": "value", "type": "quantitative"},
    },
}
HEAT_SPEC = {
    "mark": "rect",
    "encoding": {
        "x": {"field": "pathway", "type": "nominal"},
        "y": {"field": "area", "type": "nominal"},
        "color": {"field": "score", "type": "quantitative"},
    },
}


def _points(first: float, step: float) -> list[str]:
    return [f"{first - step * i:.1f}".replace(".", ",") for i in range(5)]


def ranking(high: bool, still: bool = False) -> pd.DataFrame:
    """The ranking table with fixed texts, every row its own; on the cost slider's upper
    half its rows in reverse order under other points, so that "Skelett B" leads instead of
    "Skelett A" (ranks stay in place, money moves with its option). ``still``: one table
    whose first option's name alone follows the slider."""
    frame = pd.DataFrame(
        {name: [f"{name} {i}" for i in range(5)] for name in TEXT_COLUMNS}
        | {name: _points(45.6, 7.3) for name in NUMBER_COLUMNS}
        | {
            name: [f"{1_234_567 - 98_765 * i:,} €".replace(",", ".") for i in range(5)]
            for name in MONEY_COLUMNS
        }
    )
    if still:
        frame.loc[0, "Option"] = TOP_HIGH if high else TOP_LOW
        return frame
    frame.loc[0, "Option"], frame.loc[4, "Option"] = TOP_LOW, TOP_HIGH
    if high:
        frame = frame.iloc[::-1].reset_index(drop=True)
        frame[TEXT_COLUMNS[0]] = [f"{TEXT_COLUMNS[0]} {i}" for i in range(5)]
        for name in NUMBER_COLUMNS:
            frame[name] = _points(82.3, 11.1)
    return frame


def area_page() -> None:
    st.selectbox("Bereich", AREAS, key="area_select")
    st.title("Bereich")
    st.caption("Beschreibung des Bereichs in einem Satz.")
    st.success("Empfehlung: Option 0 mit 45,6 Punkten, 3,2 Punkte vor Option 1.")
    st.caption("Die Empfehlung bleibt, solange die Kosten zwischen 20 % und 60 % zählen.")
    st.subheader("Rangfolge")
    high = st.session_state.get("w_cost", 0) >= 50
    still = st.session_state.get(STILL_KEY, False)
    static(
        ranking(high, still),
        "ranking_table",
        [TEXT_COLUMNS[0], *NUMBER_COLUMNS, *MONEY_COLUMNS],
    )
    st.download_button("Download", b"x", file_name="bereich.xlsx")
    charts_high = high and not still
    st.vega_lite_chart(BARS[charts_high], BAR_SPEC, width="stretch")
    st.caption("1. Option 0 (45,6); 2. Option 1 (42,4)")
    st.vega_lite_chart(POINTS[charts_high], SCATTER_SPEC, width="stretch")
    st.caption("Effizient: Option 0, Option 2")
    st.subheader("Heutige Systeme")
    static(TEXT_TABLE, "systems_table")
    st.subheader("Optionen im Detail")
    st.selectbox("Option", OPTIONS, key="detail")
    st.markdown("Beschreibung der Option.")
    static(TEXT_TABLE, "assessment_table")
    static(TEXT_TABLE, "cost_line_table")


def overview_page() -> None:
    """The Übersicht as the app draws it by default: five elements a card, the totals, the
    pathway chart in the first of two lazy tabs (its table only when that tab is open), the
    portfolio's inputs and, in the first of three lazy tabs, its result."""
    st.title("IT-Reorg-Cockpit")
    st.caption("Einleitung")
    columns = st.columns(3)
    for i, area in enumerate(AREAS):
        with columns[i % 3].container(border=True):
            st.markdown(f"#### {area}\n\n**Option 0**  \nWeg · Partner")
            st.metric("Punkte", "45,6")
            st.caption(
                "3,2 Punkte vor Option 1  \nJährlich: −12.345 €  \nBarwert: −123.456 €  \n"
                "Die Empfehlung bleibt, solange die Kosten zwischen 20 % und 60 % zählen."
            )
            st.button("Öffnen", key=f"open_{area}")
    st.subheader("Summen")
    totals = st.columns(3)
    for i in range(3):
        totals[i].metric(f"Summe {i}", "1.234.567 €")
    st.download_button("Download", b"x", file_name="alle.xlsx")
    st.subheader("Wege im Vergleich")
    chart, table = st.tabs(["Diagramm", "Tabelle"], key="pathway_tabs", on_change="rerun")
    if chart.open:
        with chart:
            st.vega_lite_chart(HEAT, HEAT_SPEC, width="stretch")
            st.caption("Heatmap")
    if table.open:
        with table:
            static(TEXT_TABLE, "pathway_table")
    st.header("Portfolio")
    st.caption("Einleitung")
    st.caption("Spannen")
    st.radio("Ziel", ["Punkte", "Kosten"], key="pf_objective")
    st.expander("Gewichte der Bereiche")
    left, right = st.columns(2)
    with left:
        st.checkbox("Investition begrenzen", key="pf_invest_on", value=True)
        st.slider("Investition", 0, 1_000_000, 500_000, step=10_000, key="pf_invest")
        st.caption("Budget: 500.000 €")
    with right:
        st.checkbox("Laufende Kosten begrenzen", key="pf_annual_on", value=True)
        st.slider("Laufend", 0, 100_000, 50_000, step=1_000, key="pf_annual")
        st.caption("Budget: 50.000 €")
    st.expander("Festlegen")
    st.expander("Ausschließen und verknüpfen")
    result, curve, value = st.tabs(
        ["Auswahl", "Effizienzkurve", "Preis-Leistung"], key="pf_tabs", on_change="rerun"
    )
    for tab, key in ((curve, "pf_curve_table"), (value, "pf_value_table")):
        if tab.open:
            with tab:
                static(TEXT_TABLE, key)
    if result.open:
        with result:
            summary = st.columns(3)
            for i in range(3):
                summary[i].metric(f"Portfolio {i}", "1.234.567 €")
            static(TEXT_TABLE, "portfolio_choice_table")
            st.markdown("**Die nächsten 50.000 €**: Option 1 in Bereich 2.")
            st.toggle("Wie sicher ist die Auswahl?", key="pf_confidence")


st.set_page_config(page_title="Skelett", layout="wide")
if STILL_KEY not in st.session_state:  # the session's first address decides
    st.session_state[STILL_KEY] = st.query_params.get("still") == "1"
sidebar = st.sidebar
sidebar.selectbox("Sprache", ("de", "en"), key="lang")
sidebar.header("Gewichte")
for group, label in (
    ("cost", "Kosten"),
    ("citizen_value", "Bürgernutzen"),
    ("feasibility", "Umsetzbarkeit"),
):
    sidebar.slider(label, 0, 100, 33, key=f"w_{group}")
sidebar.caption("Kosten 34 % · Bürgernutzen 33 % · Umsetzbarkeit 33 %")
sidebar.caption("Voreinstellungen")
for preset in ("a", "b", "c", "d"):
    sidebar.button(preset, key=f"preset_{preset}")
sidebar.expander("Unterkriterien", key="sub_open", on_change="rerun")
sidebar.selectbox("Methode", ("wsm", "topsis", "promethee2"), key="method")
sidebar.button("Zurücksetzen", key="reset")
sidebar.divider()
sidebar.caption("Datenstand 1 vom 01.12.2026")
sidebar.caption("12 von 100 Bewertungen sind Schätzungen.")
# Served, the Übersicht is the default page as in the app (a deep link to a default page's
# path would show "Page not found"); AppTest, which cannot switch to a function page, sets
# SKELETON_AREA_FIRST=1 to start on the Bereich.
area_first = os.environ.get("SKELETON_AREA_FIRST") == "1"
st.navigation(
    [
        st.Page(overview_page, title="Übersicht", url_path="uebersicht", default=not area_first),
        st.Page(area_page, title="Bereich", url_path="bereich", default=area_first),
    ]
).run()
