"""One way to show a message after a rerun: set it before ``st.rerun()``, show it next run.

Each place that flashes names its own channel (``"edit"``, ``"audit"``, ...), so a message
appears where the user acted and nowhere else, exactly once.
"""

from __future__ import annotations

from typing import Literal

import streamlit as st

Kind = Literal["success", "error"]


def _key(channel: str) -> str:
    return f"_flash_{channel}"


def set(channel: str, message: str, kind: Kind = "success") -> None:
    """Keep ``message`` for the next run of the page that shows ``channel``."""
    st.session_state[_key(channel)] = (kind, message)


def show(channel: str, *, success_icon: str | None = None) -> None:
    """Show and forget the message kept for ``channel``, if any."""
    held = st.session_state.pop(_key(channel), None)
    if not held:
        return
    kind, message = held
    if kind == "error":
        st.error(message)
    else:
        st.success(message, icon=success_icon)
