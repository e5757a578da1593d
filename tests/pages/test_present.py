"""Präsentation page: the slide shows the essentials, steps through the areas, hides editing."""

from __future__ import annotations

import json

from core import views
from core.analysis import sensitivity
from core.scoring import area_model
from core.scoring.weightset import WeightSet
from core.views import stability_text

PAGE = "pages/present.py"


def _markdown(at) -> str:
    return " ".join(m.value for m in at.markdown)


def _table_options(at) -> list[str]:
    return [views.md_unescape(v) for v in at.table[0].value["Option"]]  # cells are escaped


def test_present_param_opens_the_slide_without_editing_controls(make_app, models) -> None:
    at = make_app(present="1")
    assert not at.exception
    first = next(iter(models))
    ranking = area_model.rank_area(models[first], WeightSet())
    assert at.title[0].value.startswith(at.session_state["_context"].area_name(first, "de"))
    assert f"**{ranking.iloc[0]['option']}**" in at.success[0].value
    assert _table_options(at) == ranking["option"].tolist()
    stability = sensitivity.area_stability(models[first], WeightSet(), "wsm")
    text = _markdown(at)
    assert stability_text.area_sentence(stability, "de") in text
    assert "**Stand:** Datenstand 1 vom" in text
    assert "**Szenario:** Ausgewogen" in text and "Nutzwertanalyse" in text
    assert len(at.sidebar.slider) == 0 and len(at.sidebar.button) == 0  # nothing to edit
    assert at.query_params["present"] in ("1", ["1"])
    chart = json.loads((at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart"))[0].proto.spec)
    assert chart["config"]["axis"]["labelFontSize"] == 22


def test_buttons_step_through_the_areas_and_wrap_around(make_app, models) -> None:
    slugs = list(models)
    at = make_app(present="1")
    at.button(key="present_next").click().run()
    assert not at.exception
    assert at.session_state["area"] == slugs[1]
    assert any(f"Bereich 2 von {len(slugs)}" in m.value for m in at.markdown)
    second = area_model.rank_area(models[slugs[1]], WeightSet())
    assert _table_options(at) == second["option"].tolist()
    assert at.query_params["area"] in (slugs[1], [slugs[1]])
    at.button(key="present_prev").click().run()
    at.button(key="present_prev").click().run()
    assert not at.exception
    assert at.session_state["area"] == slugs[-1]


def test_toggle_switches_the_mode_and_keeps_the_weights(make_app) -> None:
    at = make_app(PAGE, w_cost="80")
    assert not at.exception
    assert len(at.sidebar.slider) > 0  # not presenting yet: the weights panel is there
    assert "present" not in at.query_params
    at.toggle(key="present_toggle").set_value(True).run()
    assert not at.exception
    assert len(at.sidebar.slider) == 0
    assert at.query_params["present"] in ("1", ["1"])
    assert "**Szenario:** Eigene Gewichtung" in _markdown(at)
    at.toggle(key="present_toggle").set_value(False).run()
    assert not at.exception
    assert at.slider(key="w_cost").value == 80
    assert "present" not in at.query_params


def test_preset_weights_name_the_scenario(make_app) -> None:
    at = make_app(present="1", w_cost="60", w_citizen_value="25", w_feasibility="15")
    assert "**Szenario:** Haushaltskonsolidierung" in _markdown(at)


def test_english_slide(make_app, models) -> None:
    at = make_app(present="1", lang="en")
    assert not at.exception
    assert "**Data:** Data version 1 of" in _markdown(at)
    assert [b.label for b in at.button][:2] == ["◀ Back", "Next ▶"]


def test_other_pages_lead_to_the_slides_while_presenting(make_app) -> None:
    at = make_app("pages/method.py", present="1")
    assert not at.exception
    assert at.button(key="present_next").label == "Weiter ▶"


def test_bad_present_value_is_reported_and_ignored(make_app) -> None:
    at = make_app(present="yes")
    assert any("present" in w.value for w in at.warning)
    assert len(at.sidebar.slider) > 0


def test_method_page_has_the_accessibility_statement(make_app) -> None:
    at = make_app("pages/method.py")
    assert not at.exception
    assert "Erklärung zur Barrierefreiheit" in [h.value for h in at.header]
    text = _markdown(at)
    assert "BITV 2.0" in text and "WCAG" in text and "Feedback und Kontakt" in text
