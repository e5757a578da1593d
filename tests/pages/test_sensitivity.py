"""Sensitivität page: stability sentences and tables, method comparison, Monte Carlo controls,
cost view; the stability sentence on the Bereich page; an area without options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from core import views
from core.analysis import costview, method_comparison, montecarlo, sensitivity
from core.scoring.weights import GROUPS
from core.scoring.weightset import WeightSet
from core.store import seed
from core.views import fmt, stability_text
from tests.pages.conftest import APP

PAGE = "pages/sensitivity.py"


def _frames(at: AppTest, column: str) -> list:
    return [d.value for d in at.table if column in d.value.columns]


def _chart_specs(at: AppTest) -> list[str]:
    charts = at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    return [json.dumps(json.loads(c.proto.spec), ensure_ascii=False) for c in charts]


def test_page_shows_every_section_with_core_values(make_app, models) -> None:
    at = make_app(PAGE, area="ozg")
    assert not at.exception
    assert at.selectbox(key="sens_area_select").value == "ozg"
    model = models["ozg"]
    stability = sensitivity.area_stability(model, WeightSet(), "wsm")
    assert at.info[0].value == stability_text.area_sentence(stability)
    source = [m.value for m in at.markdown]  # core builds these sentences escaped, as shown
    for group in GROUPS:
        assert stability_text.group_sentence(stability, stability.groups[group]) in source
    markdown = [views.md_unescape(m) for m in source]  # data text as the reader sees it
    crossing_tables = _frames(at, "Vorn darunter")
    expected = [len(stability.groups[g].crossings) for g in GROUPS if stability.groups[g].crossings]
    assert [len(f) for f in crossing_tables] == expected
    assert any("Exakt berechnet" in c.value for c in at.caption)

    comparison = method_comparison.compare_methods(model, WeightSet())
    table = _frames(at, "TOPSIS")[0]
    assert table["TOPSIS"].tolist() == comparison.ranks["topsis"].tolist()
    assert table["PROMETHEE II"].tolist() == comparison.ranks["promethee2"].tolist()
    names = dict(zip(model.options["id"], model.options["name"], strict=True))
    if comparison.agree:
        assert any(
            names[comparison.agreed_top] in m and "Alle drei Methoden" in m for m in markdown
        )
    else:
        assert any("nicht einig" in w.value for w in at.warning)

    result = montecarlo.rank_acceptability(model, WeightSet(), "wsm", data=True).table().iloc[0]
    share = fmt.percent(result["first_share"], 1)
    assert f"„{result['option']}“ liegt in {share} der Ziehungen vorn" in " ".join(markdown)

    view = costview.cost_view(model, WeightSet(), 5, 0.009)
    costs = _frames(at, "WiBe-Urteil")[0]
    assert costs["Option"].tolist() == view["option"].tolist()
    assert costs["WiBe-Urteil"].iloc[0] == "Vergleichsbasis"
    assert any("Diskontsatz 0,9 %" in c.value for c in at.caption)

    specs = _chart_specs(at)
    assert len(specs) == 5
    assert sum("Punkte je Option über dem Gewicht" in s for s in specs) == 3
    assert any("Anteil der Ziehungen je Rang" in s for s in specs)


def test_monte_carlo_controls_change_the_run(make_app, models) -> None:
    at = make_app(PAGE, area="homepage")
    model = models["homepage"]
    at.number_input(key="mc_seed").set_value(99).run()
    samples = at.select_slider(key="mc_samples")
    assert samples.value == 10_000
    assert "10.000" in samples.options and "100.000" in samples.options  # German grouping
    samples.set_value(2_000).run()
    assert not at.exception
    top = (
        montecarlo.rank_acceptability(model, WeightSet(), samples=2_000, seed=99, data=True)
        .table()
        .iloc[0]
    )
    text = " ".join(m.value for m in at.markdown)
    assert f"in {fmt.percent(top['first_share'], 1)} der Ziehungen vorn" in text
    assert "2.000-mal" in " ".join(c.value for c in at.caption)

    at.radio(key="mc_mode").set_value("uniform").run()
    assert not at.exception
    assert at.select_slider(key="mc_concentration").disabled
    top = (
        montecarlo.rank_acceptability(
            model, WeightSet(), samples=2_000, seed=99, mode="uniform", data=True
        )
        .table()
        .iloc[0]
    )
    text = " ".join(m.value for m in at.markdown)
    assert f"„{top['option']}“ liegt in {fmt.percent(top['first_share'], 1)}" in text


def test_topsis_is_analysed_numerically(make_app, models) -> None:
    at = make_app(PAGE, area="homepage")
    at.selectbox(key="method").set_value("topsis").run()
    assert not at.exception
    stability = sensitivity.area_stability(models["homepage"], WeightSet(), "topsis")
    assert at.info[0].value == stability_text.area_sentence(stability)
    assert any("Numerisch berechnet" in c.value for c in at.caption)


def test_switching_the_area_updates_the_page(make_app, models) -> None:
    at = make_app(PAGE, area="ozg")
    at.selectbox(key="sens_area_select").set_value("gis").run()
    assert not at.exception
    assert "Geoinformation" in at.title[0].value or "GIS" in at.title[0].value
    stability = sensitivity.area_stability(models["gis"], WeightSet(), "wsm")
    assert at.info[0].value == stability_text.area_sentence(stability)


def test_area_page_shows_the_stability_sentence(make_app, models) -> None:
    at = make_app("pages/area.py", area="city-app")
    stability = sensitivity.area_stability(models["city-app"], WeightSet(), "wsm")
    assert stability_text.area_sentence(stability) in [c.value for c in at.caption]


def test_area_without_options_shows_a_plain_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = str(tmp_path / "no-gis.duckdb")
    with seed.open_seeded(path) as conn:
        for table in ("assessments", "cost_lines"):
            conn.execute(
                f"DELETE FROM {table} WHERE option_id IN (SELECT id FROM options WHERE area = ?)",  # noqa: S608
                ["gis"],
            )
        conn.execute("DELETE FROM options WHERE area = ?", ["gis"])
    monkeypatch.setenv("COCKPIT_DB", path)
    # The UI caches by data version, not by file: use empty caches for this store only.
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(APP, default_timeout=30)
        at.query_params.update({"area": "gis"})
        at.run()
        assert not at.exception
        at.switch_page(PAGE).run()
        assert not at.exception
        assert any("keine Optionen" in i.value for i in at.info)
        at.switch_page("pages/overview.py").run()
        assert not at.exception
        assert any(m.label == "Gesamtnutzen" for m in at.metric)
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()


def test_english_page_and_controls(make_app, models_en) -> None:
    at = make_app(PAGE, area="ozg", lang="en")
    assert [h.value for h in at.header][:2] == ["Weight stability", "Method comparison"]
    stability = sensitivity.area_stability(models_en["ozg"], WeightSet(), "wsm")
    assert at.info[0].value == stability_text.area_sentence(stability, "en")
    at.radio(key="mc_mode").set_value("uniform").run()
    assert not at.exception
    at.switch_page("pages/overview.py").run()
    at.radio(key="pf_objective").set_value("citizen_value").run()
    assert not at.exception
    assert "Total benefit" in [m.label for m in at.metric]
