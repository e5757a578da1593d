"""The Bereich page's required elements with fixed data and no computation (bench only).

`bench/app.py` reruns this after a slider move next to the real page and the empty script:
it shows how much of the rerun the elements themselves cost in AppTest (widgets, tables,
charts), whatever the page computes. It draws what issue 3 asks of the page and the
weights panel: three group sliders with their shares, four presets, the (closed)
sub-criteria expander, the method selector, reset; the area selector, the recommendation,
the ranking table, the stacked bars, the cost–value scatter, the current systems and one
option's assessments.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

OPTIONS = [f"Option {i} mit einem längeren Namen" for i in range(5)]
RANKING = pd.DataFrame(
    {name: [f"{name} {i}" for i in range(5)] for name in ("Rang", "Option", "Weg", "Partner")}
    | {name: ["45,6"] * 5 for name in ("Gesamtpunkte", "Kosten", "Nutzen", "Umsetzbarkeit")}
    | {name: ["1.234.567 €"] * 5 for name in ("Barwert", "Investition", "Laufend")}
)
BARS = pd.DataFrame(
    {
        "option": [o for o in OPTIONS for _ in range(3)],
        "group": ["Kosten", "Nutzen", "Umsetzbarkeit"] * 5,
        "points": [15.0] * 15,
    }
)
POINTS = pd.DataFrame(
    {"option": OPTIONS, "cost": [1e5 * (i + 1) for i in range(5)], "value": [50.0] * 5}
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

sidebar = st.sidebar
for group in ("cost", "citizen_value", "feasibility"):
    sidebar.slider(group, 0, 100, 33, key=f"w_{group}")
sidebar.caption("Kosten 34 % · Bürgernutzen 33 % · Umsetzbarkeit 33 %")
for preset in ("a", "b", "c", "d"):
    sidebar.button(preset, key=f"preset_{preset}")
sidebar.expander("Unterkriterien", key="sub_open", on_change="rerun")
sidebar.selectbox("Methode", ("wsm", "topsis", "promethee2"), key="method")
sidebar.button("Zurücksetzen", key="reset")

st.selectbox("Bereich", ["homepage", "ozg", "social-media", "city-app", "open-data", "gis"])
st.title("Bereich")
st.success("Empfehlung: Option 0 mit 45,6 Punkten, 3,2 Punkte vor Option 1.")
st.dataframe(RANKING, hide_index=True)
st.vega_lite_chart(BARS, BAR_SPEC, width="stretch")
st.vega_lite_chart(POINTS, SCATTER_SPEC, width="stretch")
st.dataframe(TEXT_TABLE, hide_index=True)
st.selectbox("Option", OPTIONS)
st.dataframe(TEXT_TABLE, hide_index=True)
