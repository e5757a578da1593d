"""Widget values that outlive the full runs which do not draw their widget.

At the end of a full run Streamlit forgets the value of every widget that run did not draw:
a page without it, the projector without the sidebar, a closed expander. A key written
through session state is kept as a plain value instead; but a key written in a run is sent
with its widget for the browser to show, and when that run had started before the user's
latest presses, the browser jumped back to the older value (quick arrow presses on a slider
were lost). So a key is written back only where it must be:

- at the end of a full run (:func:`finish_run`), when this run did not draw its widget: it
  stays a plain value;
- at the start of a full run (:func:`restore`), when the last completed full run did not
  draw its widget: drawn again, the widget then shows the kept value, not its default;
- at the start of a full run in another language than the last one, every key: the browser
  holds a select-type widget's value as its label and sends that back, and the server maps
  it through the labels of the widget's latest drawing; a key written is sent with the label
  of the language drawn (the portfolio's inputs are kept keys too,
  ui.portfolio_section.kept_keys).

Whether a run drew a widget is Streamlit's own record: writing the key of a widget drawn in
this run raises :class:`StreamlitWidgetAlreadyInstantiatedError`. No drawing code has to
report anything. A run cut short (``st.rerun``, ``st.stop``, a newer run replacing it) does
not reach :func:`finish_run`; Streamlit forgets nothing after such a run either.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st
from streamlit.errors import StreamlitWidgetAlreadyInstantiatedError

_KEYS = "_kept_keys"  # the keys kept, as the latest restore named them
_LAST = "_kept_drawn_last"  # those whose widgets the last completed full run drew
_LANG = "_kept_lang"  # the language the last completed full run drew its labels in
_LANG_NOW = "_kept_lang_now"  # the language this run draws in


def restore(keys: Iterable[str], lang: str) -> None:
    """Write back, before their widgets are drawn, the ``keys`` whose widgets the last
    completed full run did not draw, or all of them if that run was not in ``lang`` (the
    language this run draws in); remember both for :func:`finish_run`."""
    state = st.session_state
    keys = tuple(keys)
    state[_KEYS] = keys
    last = state.get(_LAST, frozenset()) if state.get(_LANG) == lang else frozenset()
    state[_LANG_NOW] = lang
    for key in keys:
        if key not in last and key in state:
            state[key] = state[key]


def finish_run() -> None:
    """Call last in a full run that completed (also after an error the page reported):
    write back the kept keys whose widgets this run did not draw, and note those it drew."""
    state = st.session_state
    drawn = set()
    for key in state.get(_KEYS, ()):
        if key not in state:
            continue
        try:
            state[key] = state[key]
        except StreamlitWidgetAlreadyInstantiatedError:
            drawn.add(key)
    state[_LAST] = frozenset(drawn)
    state[_LANG] = state.get(_LANG_NOW)
