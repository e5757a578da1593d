"""Präsentation page: summary, area and portfolio slides, stepping, no editing on the projector."""

from __future__ import annotations

import json

from core import analysis, views
from core.analysis import sensitivity
from core.scoring import area_model
from core.scoring.weightset import WeightSet
from core.views import stability_text
from ui import recommendation_box

PAGE = "pages/present.py"


def _markdown(at) -> str:
    return " ".join(m.value for m in at.markdown)


def _table_column(at, column: str, index: int = 0) -> list[str]:
    return at.table[index].value[column].tolist()


def _chart_spec(at) -> dict:
    return json.loads((at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart"))[0].proto.spec)


def test_present_param_opens_the_summary_slide(make_app, models) -> None:
    at = make_app(present="1")
    assert not at.exception
    assert at.title[0].value == "Empfehlungen im Überblick"
    names = at.session_state["_context"].area_name
    assert _table_column(at, "Prüfbereich") == [names(s, "de") for s in models]
    best = [area_model.rank_area(m, WeightSet()).iloc[0]["option"] for m in models.values()]
    assert _table_column(at, "Empfehlung") == best
    labels = [m.label for m in at.metric]
    assert "Einmalinvestition gesamt" in labels
    assert any("Vorzeichen" in c.value for c in at.caption)  # the sign convention, once
    assert sum("Vorzeichen" in c.value for c in at.caption) == 1
    captions = " ".join(c.value for c in at.caption)
    assert "**Gewichte:** Kosten 34 % · Bürgernutzen 33 % · Umsetzbarkeit 33 %" in captions
    assert len(at.sidebar.slider) == 0 and len(at.sidebar.button) == 0  # nothing to edit
    assert at.query_params["present"] in ("1", ["1"])
    assert any(f"Folie 1 von {len(models) + 2}" in m.value for m in at.markdown)


def test_area_slide_shows_recommendation_stability_and_chart(make_app, models) -> None:
    first = next(iter(models))
    at = make_app(present="1", slide=first)
    assert not at.exception
    ranking = area_model.rank_area(models[first], WeightSet())
    assert at.title[0].value.startswith(at.session_state["_context"].area_name(first, "de"))
    box = at.info[0].value  # the seed's values are mostly estimates: the box says so
    assert f"**{ranking.iloc[0]['option']}**" in box
    assert "überwiegend auf Schätzungen" in box
    # how sure: the share of draws over data and weights in which the top option leads
    draws = analysis.rank_acceptability(
        models[first], WeightSet(), "wsm", samples=recommendation_box.CERTAINTY_SAMPLES, data=True
    )
    share = views.format_percent(draws.first_share(ranking.iloc[0]["option_id"]), 0, "de")
    assert f"Wie sicher: In {share} von 1.000 Simulationen" in box
    stability = sensitivity.area_stability(models[first], WeightSet(), "wsm")
    assert stability_text.area_sentence(stability, "de") in _markdown(at)
    captions = " ".join(c.value for c in at.caption)
    assert "**Stand:** Datenstand 1 vom" in captions
    assert "**Szenario:** Ausgewogen" in captions and "Nutzwertanalyse" in captions
    spec = _chart_spec(at)
    assert spec["config"]["axis"]["labelFontSize"] == 18
    assert spec["layer"][0]["encoding"]["color"]["legend"]["orient"] == "top"  # no line lost
    assert not at.table  # on the projector the chart carries the numbers


def test_closing_slide_shows_the_portfolio(make_app, models) -> None:
    at = make_app(present="1", slide="portfolio")
    assert not at.exception
    assert at.title[0].value == "Portfolio im Budget"
    names = at.session_state["_context"].area_name
    assert _table_column(at, "Prüfbereich") == [names(s, "de") for s in models]
    assert "770.000 €" in _markdown(at)  # the Übersicht's default investment budget (issue 13)
    assert [m.label for m in at.metric] == [
        "Gesamtnutzen",
        "Investition gesamt",
        "Laufende Kosten p. a. gesamt",
    ]


def test_buttons_step_through_the_deck_and_wrap_around(make_app, models) -> None:
    slugs = list(models)
    at = make_app(present="1")
    at.button(key="present_next").click().run()
    assert not at.exception
    assert at.session_state["slide"] == slugs[0]
    assert at.session_state["area"] == slugs[0]
    at.button(key="present_next").click().run()
    assert at.session_state["area"] == slugs[1]
    assert any(f"Folie 3 von {len(slugs) + 2}" in m.value for m in at.markdown)
    assert at.query_params["area"] in (slugs[1], [slugs[1]])
    assert at.query_params["slide"] in (slugs[1], [slugs[1]])
    for _ in range(3):
        at.button(key="present_prev").click().run()
    assert not at.exception
    assert at.session_state["slide"] == "portfolio"
    assert at.title[0].value == "Portfolio im Budget"


def test_off_the_projector_tables_align_numbers_right(make_app, models) -> None:
    first = next(iter(models))
    at = make_app(PAGE, slide=first)
    assert not at.exception
    ranking = area_model.rank_area(models[first], WeightSet())
    assert _table_column(at, "Option") == ranking["option"].tolist()
    styles = " ".join(h.proto.body for h in at.get("html"))
    # Rank (1st) and score (4th) column of the ranking table: right-aligned, header too.
    assert ".st-key-slide_ranking_table [data-testid='stTable'] :is(td, th):nth-child(1)" in styles
    assert ".st-key-slide_ranking_table [data-testid='stTable'] :is(td, th):nth-child(4)" in styles
    assert "text-align: right !important" in styles


def test_toggle_switches_the_mode_and_keeps_the_weights(make_app) -> None:
    at = make_app(PAGE, w_cost="80")
    assert not at.exception
    assert len(at.sidebar.slider) > 0  # not presenting yet: the weights panel is there
    assert "present" not in at.query_params
    at.toggle(key="present_toggle").set_value(True).run()
    assert not at.exception
    assert len(at.sidebar.slider) == 0
    assert at.query_params["present"] in ("1", ["1"])
    assert "**Szenario:** Eigene Gewichtung" in " ".join(c.value for c in at.caption)
    at.toggle(key="present_toggle").set_value(False).run()
    assert not at.exception
    assert at.slider(key="w_cost").value == 80
    # the browser dropped the sliders while presenting: it is told their value, else it
    # would show the slider's minimum (0)
    assert at.slider(key="w_cost").proto.set_value
    assert "present" not in at.query_params


def test_preset_weights_name_the_scenario(make_app) -> None:
    at = make_app(present="1", w_cost="60", w_citizen_value="25", w_feasibility="15")
    captions = " ".join(c.value for c in at.caption)
    assert "**Szenario:** Haushaltskonsolidierung" in captions
    assert "Kosten 60 % · Bürgernutzen 25 % · Umsetzbarkeit 15 %" in captions


def test_english_slide(make_app, models) -> None:
    at = make_app(present="1", lang="en")
    assert not at.exception
    assert "**Data:** Data version 1 of" in " ".join(c.value for c in at.caption)
    assert at.title[0].value == "Recommendations at a glance"
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


def _download_labels(at) -> list[str]:
    return [button.proto.label for button in at.get("download_button")]


def test_downloads_offer_the_pdf_when_chromium_is_there(make_app, monkeypatch) -> None:
    from core import views

    monkeypatch.setattr(views, "chromium_path", lambda configured="": "/usr/bin/chromium")
    at = make_app(PAGE)
    assert not at.exception
    assert _download_labels(at) == [
        "Zusammenfassung dieses Bereichs (PDF, A4)",
        "Zusammenfassung aller Bereiche (PDF, A4)",
    ]
    assert not any("kein Chromium" in c.value for c in at.caption)


def test_without_chromium_the_summary_comes_as_html_with_a_note(make_app, monkeypatch) -> None:
    from core import views

    monkeypatch.setattr(views, "chromium_path", lambda configured="": None)
    at = make_app(PAGE)
    assert not at.exception
    assert _download_labels(at) == [
        "Zusammenfassung dieses Bereichs (HTML, A4)",
        "Zusammenfassung aller Bereiche (HTML, A4)",
    ]
    note = " ".join(c.value for c in at.caption)
    assert "kein Chromium installiert" in note and "„Als PDF speichern“" in note
