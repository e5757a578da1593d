"""Addresses in a link that ``st.navigation`` cannot place: our own pages in the UI language
instead of Streamlit's English "Page not found" dialog.

``st.navigation`` sends Streamlit's dialog (English, no parameter to change it) when the
address names no page. Two kinds of address get there:

- an unknown name (``/gibtsnicht``): the app registers, for this run, one hidden page under
  exactly that address (:func:`unknown_page`); navigation finds it, no dialog is sent, and the
  page says in German (or English) that the address does not exist and links to the overview;
- the overview's own name (``/uebersicht``): Streamlit serves the default page at the root and
  matches no page under the default page's ``url_path``. For a run whose link names it, the
  overview is registered as an ordinary page (``default=False``, same ``url_path``, so the same
  page hash: widgets and AppTest see the same page) and a hidden default page takes the root
  (:func:`root_page`), which only passes on to the overview.

Without a browser (AppTest) ``st.context.url`` is None: the app's pages stay as declared.
"""

from __future__ import annotations

from collections.abc import Collection
from urllib.parse import unquote, urlsplit

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from core import views
from ui.text import t

ROOT_PATH = "start"  # the hidden default page's own name while the overview has its address


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


def requested(known: Collection[str]) -> str | None:
    """This run's page name if it names none of ``known`` (see :func:`requested_path`)."""
    return requested_path(st.context.url, str(st.get_option("server.baseUrlPath")), known)


def unknown_page(path: str, home: StreamlitPage) -> StreamlitPage:
    """A hidden page at ``path`` saying that the address names no page."""

    def not_found() -> None:
        st.title(t("page_not_found_title"))
        st.warning(t("page_not_found", path=views.md(path)), icon="🧭")
        st.page_link(home, label=t("page_not_found_home"), icon="🗂️")

    return st.Page(not_found, title=t("page_not_found_title"), url_path=path, visibility="hidden")


def root_page(home: StreamlitPage) -> StreamlitPage:
    """The hidden default page while ``home`` is served under its own address: it passes on to
    ``home`` (navigation falls back to it only for a page hash it does not know)."""

    def to_home() -> None:
        st.switch_page(home)

    return st.Page(to_home, title=home.title, url_path=ROOT_PATH, default=True, visibility="hidden")
