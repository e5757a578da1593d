"""An unknown page in the link: our own page in the UI language instead of Streamlit's
English "Page not found" dialog.

``st.navigation`` sends Streamlit's dialog (English, no parameter to change it) when the
address names no page. The app therefore registers, for an unknown address, one hidden page
under exactly that address (:func:`page_for`): navigation finds it, no dialog is sent, and
the page says in German (or English) that the address does not exist and links to the
overview.
"""

from __future__ import annotations

from collections.abc import Collection
from urllib.parse import unquote, urlsplit

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from core import views
from ui.text import t


def requested_path(url: str | None, base_path: str, known: Collection[str]) -> str | None:
    """The page name of ``url`` if it names no known page (None for a known page, the main
    page or a nested path, which Streamlit cannot register)."""
    if not url:
        return None
    path = unquote(urlsplit(url).path).strip("/")
    base = base_path.strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base) :].strip("/")
    if not path or "/" in path or path in known:
        return None
    return path


def page_for(known: Collection[str], home: StreamlitPage) -> StreamlitPage | None:
    """A hidden page at this run's address if it names no page in ``known``, or None."""
    path = requested_path(st.context.url, str(st.get_option("server.baseUrlPath")), known)
    if path is None:
        return None

    def not_found() -> None:
        st.title(t("page_not_found_title"))
        st.warning(t("page_not_found", path=views.md(path)), icon="🧭")
        st.page_link(home, label=t("page_not_found_home"), icon="🗂️")

    return st.Page(not_found, title=t("page_not_found_title"), url_path=path, visibility="hidden")
