"""Card grids that reflow with the width: three cards a row on a wide screen, two at 1024 px
with the sidebar open, so a long German word in a card's heading never has to break."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

# A card is at least CARD_MIN_REM wide and the row holds at most three.
CARD_MIN_REM = 17


def card_grid_style(key: str) -> None:
    """The sizes of the cards in the grid ``key`` (:func:`card_grid`). Draw it once per
    full run, outside the fragment the grid is drawn in: a style stays in force while a
    fragment reruns (as app.py's page margins do), and each element costs server time on
    every slider move."""
    st.html(
        # Each card sits in an unnamed wrapper of the row: size the wrappers.
        f"<style>.st-key-{key} > div {{ flex: 1 1 calc(33% - 1rem) !important;"
        f" min-width: {CARD_MIN_REM}rem !important; }}</style>"
    )


def card_grid(key: str) -> DeltaGenerator:
    """A wrapping row for :func:`card` containers, sized by :func:`card_grid_style`."""
    return st.container(key=key, horizontal=True, wrap=True, gap="small")


def card(grid: DeltaGenerator, key: str) -> DeltaGenerator:
    """One bordered card in ``grid``."""
    return grid.container(border=True, key=key)


# Streamlit keeps 5rem on either side of the page; below 1200 px (1024 px with the sidebar
# open leaves about 560 px for the content) that is room the tables need.
_NARROW = """<style>
@media (max-width: 1200px) {
  [data-testid="stMainBlockContainer"] { padding-left: 1.5rem; padding-right: 1.5rem; }
}
</style>"""


def narrow_screen_style() -> None:
    """Less page margin on narrow screens (every page; set once per run by app.py)."""
    st.html(_NARROW)
