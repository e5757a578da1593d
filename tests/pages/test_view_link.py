"""The link carries the view: budgets, tab, option and Monte Carlo settings come back from
the URL, and the URL written after a run holds what the page shows."""

from __future__ import annotations


def _param(at, name: str) -> str:
    value = at.query_params[name]
    return value[0] if isinstance(value, list) else value


def test_budgets_come_from_the_link_snapped_to_the_slider(make_app) -> None:
    at = make_app(pf_invest="100000", pf_annual="off")
    assert not at.exception
    assert at.select_slider(key="pf_invest").value == 100_000
    assert at.checkbox(key="pf_annual_on").value is False
    assert _param(at, "pf_invest") == "100000"
    assert _param(at, "pf_annual") == "off"
    at.select_slider(key="pf_invest").set_value(50_000).run()
    assert _param(at, "pf_invest") == "50000"


def test_monte_carlo_settings_and_tab_come_from_the_link(make_app) -> None:
    at = make_app(
        "pages/sensitivity.py",
        area="ozg",
        tab="feasibility",
        mc_mode="uniform",
        mc_samples="2000",
        mc_seed="7",
    )
    assert not at.exception
    assert at.radio(key="mc_mode").value == "uniform"
    assert at.select_slider(key="mc_samples").value == 2000
    assert at.number_input(key="mc_seed").value == 7
    for name, value in (("tab", "feasibility"), ("mc_samples", "2000"), ("mc_seed", "7")):
        assert _param(at, name) == value
    at.number_input(key="mc_seed").set_value(11).run()
    assert _param(at, "mc_seed") == "11"


def test_a_draw_count_from_a_link_off_the_steps_is_kept(make_app) -> None:
    """A link may name any count from 100 to 100.000: the slider offers it in its place."""
    at = make_app("pages/sensitivity.py", area="ozg", mc_samples="3000")
    assert not at.exception
    slider = at.select_slider(key="mc_samples")
    assert slider.value == 3000
    assert slider.options[slider.options.index("2.000") + 1] == "3.000"
    assert _param(at, "mc_samples") == "3000"
    assert "3.000-mal" in " ".join(c.value for c in at.caption)


def test_option_details_come_from_the_link(make_app) -> None:
    at = make_app("pages/area.py", area="ozg", option="ozg-paderborn")
    assert not at.exception
    assert at.selectbox(key="detail_ozg").value == "ozg-paderborn"
    assert _param(at, "option") == "ozg-paderborn"
    at.selectbox(key="detail_ozg").set_value("ozg-status-quo").run()
    assert _param(at, "option") == "ozg-status-quo"


def test_a_bad_setting_is_named_in_the_note(make_app) -> None:
    at = make_app(mc_samples="lots")
    assert any("Anzahl Ziehungen" in w.value and "mc_samples" in w.value for w in at.warning)
