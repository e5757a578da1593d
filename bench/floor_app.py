"""The floor (bench only): a script that draws two weight sliders and nothing else.

Served like the app, it shows what Streamlit itself costs per slider move: the websocket,
the script run, the session bookkeeping.
"""

from __future__ import annotations

import streamlit as st

st.slider("Kosten", 0, 100, 33, key="w_cost")
st.slider("Umsetzbarkeit", 0, 100, 33, key="w_feasibility")
