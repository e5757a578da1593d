"""ui/flash.py: a message set before a rerun shows once, on its own channel."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _script() -> None:
    import streamlit as st

    from ui import flash

    if st.button("ok", key="ok"):
        flash.set("edit", "Gespeichert")
        st.rerun()
    if st.button("fail", key="fail"):
        flash.set("edit", "Nicht erlaubt", "error")
        st.rerun()
    flash.show("audit")
    flash.show("edit", success_icon="✅")


def test_a_success_shows_once_where_it_was_set() -> None:
    at = AppTest.from_function(_script).run()
    assert not at.exception and not at.success and not at.error
    at.button(key="ok").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Gespeichert"]
    assert at.success[0].icon == "✅"
    at.run()  # shown once, then forgotten
    assert not at.success


def test_an_error_shows_as_an_error() -> None:
    at = AppTest.from_function(_script).run()
    at.button(key="fail").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["Nicht erlaubt"] and not at.success
