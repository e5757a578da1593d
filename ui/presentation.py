"""Presentation mode for the committee projector: mode switch, slide stepping, styling.

This module owns the session-state keys ``present`` (the mode, also ``?present=1`` in the
URL), ``present_toggle`` (its widget) and ``slide`` (the slide shown, ``?slide=``). The mode
is read before ``st.set_page_config`` so the sidebar starts collapsed; ``ui.weights_panel``
keeps mode and slide in the URL it rewrites.

The deck: a summary slide, one slide per review area, the portfolio as the closing slide.
The buttons "◀ Zurück" and "Weiter ▶" step through it and work alone (mouse, touch,
Tab + Enter); the arrow keys and PageUp/PageDown (what presenter remotes send) press the
same buttons, unless the focus is in a form field.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import streamlit as st

from core import views
from ui.text import t

PRESENT_KEY = "present"
TOGGLE_KEY = "present_toggle"
SLIDE_KEY = "slide"
PREV_KEY = "present_prev"
NEXT_KEY = "present_next"
SUMMARY = views.SLIDE_SUMMARY
PORTFOLIO = views.SLIDE_PORTFOLIO
# The chart's type is fixed in pixels (Vega knows no rem): core.views.slide_fit chooses it
# from the number of options and the root font from what the viewport's height leaves.
LABEL_WRAP = 36  # characters per line of an option name on the projector chart

# Larger type, tight margins and no editing chrome: readable from four metres, and a whole
# slide fits 1280×720, 1024×768 and 1920×1080 without scrolling (the type follows the
# smaller of width and height). The main container takes the keyboard focus when clicked;
# its focus ring would cross the title, and the slide buttons keep their own.
_STYLE = """
<style>
  html { font-size: ROOT_FONT; }
  [data-testid="stMainBlockContainer"] { padding: 0.6rem 1.5rem 0.4rem; max-width: 100%; }
  [data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0.45rem; }
  [data-testid="stMain"] h1 { font-size: 1.6rem; padding: 0.1rem 0 0; line-height: 1.25; }
  /* Streamlit pulls the next element 1rem up under a heading; the meta line would cross
     the title's descenders. */
  [data-testid="stMain"] [data-testid="stHeading"] [data-testid="stMarkdownContainer"] {
    margin-bottom: -0.35rem;
  }
  [data-testid="stMain"] [data-testid="stCaptionContainer"] { font-size: 0.8rem; }
  [data-testid="stMain"] [data-testid="stAlertContainer"] { padding: 0.5rem 0.9rem; }
  [data-testid="stTable"] :is(td, th) { font-size: 0.85rem; padding: 0.2rem 0.5rem; }
  [data-testid="stMetricValue"] { font-size: 1.6rem; }
  [data-testid="stMain"]:focus, [data-testid="stMain"] :focus:not(:focus-visible) {
    outline: none;
  }
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


@functools.lru_cache(maxsize=8)
def summary_pdf(document: str, chromium: str) -> bytes:
    """The PDF of a print summary (made when the download is clicked, on Streamlit's
    download thread; the same document gives the same PDF, so a second click is instant)."""
    return views.html_to_pdf(document, chromium)


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
    st.html(_STYLE.replace("ROOT_FONT", views.SLIDE_ROOT_FONT))


def fit_root_font(css_size: str) -> None:
    """Set the projector's root font size (after :func:`projector_style`), e.g. the one
    ``views.area_root_font`` leaves beside a slide's chart."""
    st.html(f"<style>html {{ font-size: {css_size}; }}</style>")


def keyboard_stepping() -> None:
    """Let ←/→ and PageUp/PageDown press the slide buttons (the buttons work without it)."""
    st.html(_KEYS, unsafe_allow_javascript=True)


def deck(area_slugs: Sequence[str]) -> list[str]:
    """The slides in order: the summary, the areas, the portfolio."""
    return [SUMMARY, *area_slugs, PORTFOLIO]


def current_slide(slides: Sequence[str], area_key: str) -> str:
    """The slide shown now (the summary if the state holds none or an unknown one).

    An area slide also becomes the chosen area (``area_key``), so the other pages follow."""
    if st.session_state.get(SLIDE_KEY) not in slides:
        st.session_state[SLIDE_KEY] = slides[0]
    slide = st.session_state[SLIDE_KEY]
    if slide not in (SUMMARY, PORTFOLIO):
        st.session_state[area_key] = slide
    return slide


def _step(slides: Sequence[str], area_key: str, delta: int) -> None:
    index = list(slides).index(current_slide(slides, area_key))
    st.session_state[SLIDE_KEY] = slides[(index + delta) % len(slides)]
    current_slide(slides, area_key)


def slide_buttons(slides: Sequence[str], area_key: str, names: dict[str, str]) -> None:
    """◀ Zurück · "Folie n von N" · Weiter ▶ (wrapping around) for the slides in ``slides``,
    on the projector with the mode switch; ``names`` gives each slide's title for the
    buttons' help."""
    position = list(slides).index(current_slide(slides, area_key))
    presenting = is_on()
    # On the projector the mode switch shares the row: a slide has no line to spare.
    columns = st.columns([1, 1, 1.4, 1] if presenting else [1, 2, 1], vertical_alignment="center")
    back, where, forward = columns[0], columns[1], columns[-1]
    back.button(
        t("present_prev"),
        key=PREV_KEY,
        on_click=_step,
        args=(slides, area_key, -1),
        help=t("present_prev_help", name=names[slides[position - 1]]),
        width="stretch",
    )
    where.markdown(
        # margin-bottom: 1rem offsets the -1rem Streamlit gives a Markdown block, so the text
        # sits level with the buttons beside it
        f'<p role="status" style="text-align:center;margin:0 0 1rem">'
        f"{t('present_slide', n=position + 1, total=len(slides))}</p>",
        unsafe_allow_html=True,
    )
    forward.button(
        t("present_next"),
        key=NEXT_KEY,
        on_click=_step,
        args=(slides, area_key, 1),
        help=t("present_next_help", name=names[slides[(position + 1) % len(slides)]]),
        width="stretch",
    )
    if presenting:
        with columns[2]:
            toggle()
