"""The global guard: no traceback ever reaches the page.

``with guard.page():`` wraps the whole app script. Any exception that escapes a page is
logged server-side with its traceback (logger ``cockpit``) and replaced on the page by one
German (or English) sentence with a reference the operator can find in the log. Streamlit's
own control flow (``st.rerun``, ``st.stop``) derives from BaseException and passes through.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from ui.text import t

LOG = logging.getLogger("cockpit")


@contextmanager
def page() -> Iterator[None]:
    """Run the block; on an unexpected error log it and show a short message instead."""
    try:
        yield
    except Exception:  # noqa: BLE001 - the page promises no traceback
        reference = secrets.token_hex(4)
        LOG.exception("unexpected error on a page (reference %s)", reference)
        st.error(t("app_unexpected_error", reference=reference), icon="⚠️")
