"""ui.data: the session's (store, tenant), the first part of every cache key, is found once per
full run (``begin_run``) and read by every cached look-up of that run and of the fragment runs
after it; a full run finds it afresh."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core import settings
from ui import data, tenancy


def _script() -> None:
    import streamlit as st

    from ui import data

    data.begin_run()  # as app.py's data.ensure_store does first
    st.caption(repr(data.store_key()))

    @st.fragment(key="part")
    def part() -> None:
        st.markdown(repr(data.store_key()))

    part()
    # as the app's portfolio inputs do (ui.weights_fragment.on_input): rerun only the fragment
    st.button("again", key="again", on_click=lambda: st.rerun("part"))


@pytest.fixture
def tenant(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """The tenant tenancy.current() finds, settable, and how often it was asked."""
    found: dict[str, object] = {"tenant": "muelheim", "asked": 0}

    def current() -> str | None:
        found["asked"] = int(found["asked"]) + 1  # type: ignore[call-overload]
        return found["tenant"]  # type: ignore[return-value]

    monkeypatch.setattr(tenancy, "current", current)
    return found


def test_a_full_run_finds_the_tenant_once_and_a_fragment_run_reads_it(tenant) -> None:
    at = AppTest.from_function(_script)
    at.run()
    assert not at.exception, at.exception
    want = repr((settings.get("db_path"), "muelheim"))
    assert at.caption[0].value == at.markdown[0].value == want
    assert tenant["asked"] == 1  # two look-ups, one search
    tenant["tenant"] = "essen"  # e.g. a sign-in, which reruns the whole app
    at.button(key="again").click().run()
    assert not at.exception, at.exception
    assert not at.caption  # only the fragment ran
    assert at.markdown[0].value == want and tenant["asked"] == 1  # not asked again
    at.run()
    assert at.caption[0].value == repr((settings.get("db_path"), "essen"))
    assert tenant["asked"] == 2


def test_outside_a_run_the_tenant_is_found_on_every_call(tenant) -> None:
    assert data.store_key() == (settings.get("db_path"), "muelheim")
    tenant["tenant"] = None
    assert data.store_key() == (settings.get("db_path"), "")
    assert tenant["asked"] == 2
