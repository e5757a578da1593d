"""ui.kept: a widget's value outlives the full runs that do not draw it, and a widget that
stays on screen is never sent with the server's value (``set_value``)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _script() -> None:
    import streamlit as st

    from ui import kept

    kept.restore(["level"], st.session_state.get("language", "de"))
    try:
        if st.session_state.get("fail"):
            raise RuntimeError("a page failed")  # reported by the guard in app.py
        if st.session_state.get("show", True):
            st.slider("Level", 0, 100, 10, key="level")
    except RuntimeError:
        st.error("failed")
    kept.finish_run()


def _app() -> AppTest:
    at = AppTest.from_function(_script)
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_widget_on_screen_is_not_sent_with_the_servers_value() -> None:
    at = _app()
    at.slider(key="level").set_value(42).run()
    at.run()
    assert at.slider(key="level").value == 42
    assert not at.slider(key="level").proto.set_value


def test_a_value_outlives_runs_without_its_widget_and_comes_back_shown() -> None:
    at = _app()
    at.slider(key="level").set_value(42).run()
    at.session_state["show"] = False
    at.run()
    at.run()
    assert at.session_state["level"] == 42
    at.session_state["show"] = True
    at.run()
    assert at.slider(key="level").value == 42
    assert at.slider(key="level").proto.set_value  # the browser must show the kept value
    at.run()
    assert not at.slider(key="level").proto.set_value


def test_a_value_outlives_a_run_whose_page_failed() -> None:
    at = _app()
    at.slider(key="level").set_value(42).run()
    at.session_state["fail"] = True
    at.run()
    assert at.error and not at.slider
    at.session_state["fail"] = False
    at.run()
    assert at.slider(key="level").value == 42


def test_after_a_language_switch_every_kept_widget_is_sent_with_its_value() -> None:
    """The browser holds a select-type widget's value as its label: drawn under another
    language's labels, it must be sent with the value in the new label."""
    at = _app()
    at.slider(key="level").set_value(42).run()
    at.run()
    assert not at.slider(key="level").proto.set_value
    at.session_state["language"] = "en"
    at.run()
    assert at.slider(key="level").proto.set_value
    at.run()
    assert not at.slider(key="level").proto.set_value
