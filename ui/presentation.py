"""Presentation mode for the committee projector: mode switch, slide stepping, styling.

This module owns the session-state keys ``present`` (the mode, also ``?present=1`` in the
URL) and ``present_toggle`` (its widget). The mode is read before ``st.set_page_config`` so
the sidebar starts collapsed; ``ui.weights_panel`` keeps it in the URL it rewrites.

Slides are the review areas. The buttons "◀ Zurück" and "Weiter ▶" step through them and
work alone (mouse, touch, Tab + Enter); the arrow keys and PageUp/PageDown (what presenter
remotes send) press the same buttons, unless the focus is in a form field.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from core import views
from ui.text import t

PRESENT_KEY = "present"
TOGGLE_KEY = "present_toggle"
PREV_KEY = "present_prev"
NEXT_KEY = "present_next"
CHART_FONT_SIZE = 22
LABEL_WRAP = 30  # characters per line of an option name on the projector chart

# Larger type, tight margins and no editing chrome: readable from four metres on 1024×768.
_STYLE = """
<style>
  html { font-size: clamp(20px, 1.45vw, 28px); }
  [data-testid="stMainBlockContainer"] { padding: 1.2rem 1.5rem 3rem; max-width: 100%; }
  [data-testid="stMain"] h1 { font-size: 2.1rem; padding-top: 0.2rem; }
  [data-testid="stMain"] [data-testid="stCaptionContainer"] { font-size: 0.9rem; }
  [data-testid="stTable"] td, [data-testid="stTable"] th { font-size: 1rem; }
  /* No sidebar on the projector: nothing off-screen can take the keyboard focus. */
  [data-testid="stHeader"], [data-testid="stSidebar"] { display: none; }
</style>
"""

# Clicks the slide buttons for ←/→ and PageUp/PageDown; installed once per browser tab.
_KEYS = """
<script>
if (!window.__cockpitSlideKeys) {
  window.__cockpitSlideKeys = true;
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const fields = "input:not([type=checkbox]):not([type=button]), textarea, select, "
      + "[contenteditable], [role=slider], [role=combobox], [role=listbox], [role=radiogroup]";
    if (event.target && event.target.closest && event.target.closest(fields)) return;
    const key = {ArrowRight: "present_next", PageDown: "present_next",
                 ArrowLeft: "present_prev", PageUp: "present_prev"}[event.key];
    if (!key) return;
    const button = document.querySelector(`.st-key-${key} button`);
    if (!button || button.disabled) return;
    event.preventDefault();
    button.click();
  });
}
</script>
"""


def is_on() -> bool:
    """Whether the presentation mode is on: the session's choice, else ``?present=1``."""
    if PRESENT_KEY in st.session_state:
        return bool(st.session_state[PRESENT_KEY])
    return views.parse_present(st.query_params.get(PRESENT_KEY)) is True


def set_on(value: bool) -> None:
    st.session_state[PRESENT_KEY] = bool(value)


def _copy_toggle() -> None:
    set_on(st.session_state[TOGGLE_KEY])


def toggle() -> bool:
    """The "Präsentationsmodus" switch; returns the mode."""
    st.session_state[TOGGLE_KEY] = is_on()
    st.toggle(t("present_toggle"), key=TOGGLE_KEY, on_change=_copy_toggle, help=t("present_help"))
    return is_on()


def projector_style() -> None:
    """Large type and tight margins for the projector (only in presentation mode)."""
    st.html(_STYLE)


def keyboard_stepping() -> None:
    """Let ←/→ and PageUp/PageDown press the slide buttons (the buttons work without it)."""
    st.html(_KEYS, unsafe_allow_javascript=True)


def _step(slugs: Sequence[str], state_key: str, delta: int) -> None:
    current = st.session_state.get(state_key)
    index = list(slugs).index(current) if current in slugs else 0
    st.session_state[state_key] = slugs[(index + delta) % len(slugs)]


def current_slide(slugs: Sequence[str], state_key: str) -> str:
    """The slug shown now (the first if the state holds none or an unknown one)."""
    if st.session_state.get(state_key) not in slugs:
        st.session_state[state_key] = slugs[0]
    return st.session_state[state_key]


def slide_buttons(slugs: Sequence[str], state_key: str, names: dict[str, str]) -> None:
    """◀ Zurück · "Folie n von N" · Weiter ▶ (wrapping around) for the slides in ``slugs``."""
    current = current_slide(slugs, state_key)
    position = list(slugs).index(current)
    back, where, forward = st.columns([1, 2, 1], vertical_alignment="center")
    back.button(
        t("present_prev"),
        key=PREV_KEY,
        on_click=_step,
        args=(slugs, state_key, -1),
        help=t("present_prev_help", name=names[slugs[position - 1]]),
        width="stretch",
    )
    where.markdown(
        f'<p role="status" style="text-align:center;margin:0">'
        f"{t('present_slide', n=position + 1, total=len(slugs))}</p>",
        unsafe_allow_html=True,
    )
    forward.button(
        t("present_next"),
        key=NEXT_KEY,
        on_click=_step,
        args=(slugs, state_key, 1),
        help=t("present_next_help", name=names[slugs[(position + 1) % len(slugs)]]),
        width="stretch",
    )
