"""Shared pieces of the page tests that write: a fresh store per test, secrets, login."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import duckdb
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from core import store
from core.editing import auth
from core.store import seed
from tests.pages.conftest import APP
from ui import auth as auth_ui

PASSWORD = "Rathaus-Mülheim-2026"
HASH = auth.hash_password(PASSWORD)  # a real scrypt hash, made per test run, never stored
SECRETS = {"cockpit": {"editors": {"anna": HASH}, "link_secret": "x" * 32}}


@pytest.fixture
def fresh_db(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A seeded store of its own, so writes never leak into other tests."""
    path = str(tmp_path / "cockpit.duckdb")
    seed.open_seeded(path).close()
    monkeypatch.setenv("COCKPIT_DB", path)
    st.cache_data.clear()
    yield path
    st.cache_data.clear()


@pytest.fixture
def app(fresh_db: str, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """An AppTest on the fresh store, optionally with secrets and query parameters.

    The login rate limiter is per process and AppTest sessions share one id, so each test
    gets a fresh limiter.
    """
    monkeypatch.setattr(auth_ui, "LIMITER", auth.RateLimiter())

    def make(
        *, secrets: dict[str, Any] | None = None, page: str | None = None, **query: str
    ) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in (secrets or {}).items():
            at.secrets[key] = value
        if query:
            at.query_params.update(query)
        at.run()
        assert not at.exception, at.exception
        if page:  # as if the link opened this page directly: the query reaches it too
            at.query_params.update(query)
            at.switch_page(page).run()
            assert not at.exception, at.exception
        return at

    return make


def open_login(at: AppTest) -> AppTest:
    """Open the sign-in expander (its form is drawn only while it is open)."""
    at.session_state[auth_ui.LOGIN_OPEN_KEY] = True
    at.run()
    assert not at.exception, at.exception
    return at


def login(at: AppTest, user: str, password: str) -> AppTest:
    open_login(at)
    at.text_input(key="login_user").input(user)
    at.text_input(key="login_password").input(password)
    at.button(key="login_submit").click().run()
    assert not at.exception, at.exception
    return at


def editor_on_data_page(app: Callable[..., AppTest]) -> AppTest:
    """Anna (editor) signed in on the Daten page with editing switched on."""
    at = login(app(secrets=SECRETS), "anna", PASSWORD)
    at.switch_page("pages/data.py").run()
    at.toggle(key="data_edit").set_value(True).run()
    assert not at.exception
    return at


def read(path: str) -> duckdb.DuckDBPyConnection:
    return store.connect(path)


def texts(elements: Any) -> str:
    return " ".join(str(e.value) for e in elements)
