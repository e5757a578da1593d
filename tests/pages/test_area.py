"""Bereich page: ranking reacts to weights, URLs reproduce it, bad parameters fall back."""

from __future__ import annotations

import json
from collections.abc import Callable

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from core import views
from core.scoring import area_model
from core.scoring.weightset import WeightSet
from tests.pages.conftest import elements, settle, table_options
from tests.ui.test_tables import former_static, former_static_with_sources
from ui import data, tables

PAGE = "pages/area.py"
COST_ONLY = {"cost": 100.0, "citizen_value": 0.0, "feasibility": 0.0}
VALUE_ONLY = {"cost": 0.0, "citizen_value": 100.0, "feasibility": 0.0}


def _flipping_area(models: dict[str, area_model.AreaModel]) -> tuple[str, str, str]:
    """An area whose top option differs between cost-only and value-only weights (from data)."""
    for slug, model in models.items():
        cheap = area_model.rank_area(model, WeightSet(COST_ONLY)).iloc[0]["option"]
        useful = area_model.rank_area(model, WeightSet(VALUE_ONLY)).iloc[0]["option"]
        if cheap != useful:
            return slug, cheap, useful
    raise AssertionError("seed data: no area where the weights matter")


def test_area_page_shows_ranking_systems_and_charts(
    make_app: Callable[..., AppTest], models
) -> None:
    at = make_app(PAGE, area="ozg")
    assert at.selectbox(key="area_select").value == "ozg"
    expected = area_model.rank_area(models["ozg"], WeightSet())["option"].tolist()
    assert table_options(at) == expected
    frame = at.table[0].value
    assert list(frame.columns)[:5] == ["Rang", "Option", "Weg", "Partner", "Gesamt"]
    charts = at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    assert len(charts) == 2
    spec = json.loads(charts[0].proto.spec)
    assert "Gesamtpunkte" in json.dumps(spec, ensure_ascii=False)
    assert any("Bestand" in s.value for s in at.subheader)
    details = at.table[-2].value  # the chosen option's assessments
    # each marker links to its source on the Methodik page and says how old it is
    # each marker is a Markdown link "[text](methodik?quelle=…)": as (link, text) "link#text"
    markers = [
        f"{m.split('](', 1)[1][:-1]}#{m[1:].split('](', 1)[0]}".replace("\\", "")
        for m in details["Schätzung"].tolist()
    ]
    # a cited row links to its first source; an estimate that cites none to the method page
    cited = [m for m in markers if m.startswith("methodik?quelle=")]
    assert len(cited) >= len(markers) - 1 and len(cited) >= 5
    assert all(m.startswith(("methodik?quelle=", "methodik#")) for m in markers)
    shown = [m.split("#", 1)[1] for m in markers]
    assert all(s.startswith("⚠ Schätzung") for s in shown)
    assert all(m.split("#", 1)[1].startswith("⚠ Schätzung · Stand") for m in cited)
    assert any("älter als 5 Jahre" in s for s in shown)


def test_moving_the_cost_slider_changes_the_top_option(make_app, models) -> None:
    slug, cheap, useful = _flipping_area(models)
    at = make_app(PAGE, area=slug)
    settle(at.slider(key="w_cost").set_value(0).run())
    settle(at.slider(key="w_feasibility").set_value(0).run())
    at.slider(key="w_citizen_value").set_value(100).run()
    assert not at.exception
    assert table_options(at)[0] == useful  # the fragment's ranking
    settle(at)
    assert table_options(at)[0] == useful  # the whole run's
    settle(at.slider(key="w_citizen_value").set_value(0).run())
    at.slider(key="w_cost").set_value(100).run()
    assert table_options(at)[0] == cheap
    settle(at)
    assert table_options(at)[0] == cheap
    assert at.query_params["w_cost"] == ["100"] or at.query_params["w_cost"] == "100"


def test_url_with_weights_reproduces_the_ranking(make_app, models) -> None:
    slug, cheap, _ = _flipping_area(models)
    at = make_app(
        PAGE, area=slug, w_cost="100", w_citizen_value="0", w_feasibility="0", method="wsm"
    )
    assert at.slider(key="w_cost").value == 100
    assert table_options(at)[0] == cheap
    expected = area_model.rank_area(models[slug], WeightSet(COST_ONLY))["option"].tolist()
    assert table_options(at) == expected


def test_method_in_url_is_used(make_app, models) -> None:
    at = make_app(PAGE, area="gis", method="topsis")
    assert at.selectbox(key="method").value == "topsis"
    expected = area_model.rank_area(models["gis"], WeightSet(), "topsis")["option"].tolist()
    assert table_options(at) == expected


def test_bad_parameters_fall_back_with_a_note(make_app, models) -> None:
    at = make_app(PAGE, area="mars", w_cost="-5", w_citizen_value="abc", method="magic")
    assert any("ungültig" in w.value for w in at.warning)
    note = next(w.value for w in at.warning if "ungültig" in w.value)
    for name in ("area", "w_cost", "w_citizen_value", "method"):
        assert name in note
    for described in ("Bereich „mars“", "Gewicht Kosten „-5“", "Gewicht Bürgernutzen „abc“"):
        assert described in note  # in the user's words, with the value given
    assert at.slider(key="w_cost").value == 34
    assert at.selectbox(key="method").value == "wsm"
    first = next(iter(models))
    assert at.selectbox(key="area_select").value == first


def test_choosing_another_area_updates_url(make_app) -> None:
    at = make_app(PAGE, area="ozg")
    at.selectbox(key="area_select").set_value("open-data").run()
    assert not at.exception
    assert at.title[0].value.startswith("Open Data")
    assert "open-data" in str(at.query_params["area"])


def test_english_switch(make_app) -> None:
    at = make_app(PAGE, area="ozg", lang="en")
    assert list(at.table[0].value.columns)[:2] == ["Rank", "Option"]


def test_promethee_ranking_names_the_net_flow(make_app: Callable[..., AppTest]) -> None:
    at = make_app(PAGE, area="ozg", method="promethee2")
    columns = list(at.table[0].value.columns)
    assert "Nettofluss" in columns and "Gesamt" not in columns
    recommendation = " ".join(a.value for a in [*at.success, *at.warning, *at.info])
    assert "Nettofluss" in recommendation and "Punkt" not in recommendation
    wsm = make_app(PAGE, area="ozg")
    assert "Gesamt" in list(wsm.table[0].value.columns)


def test_a_top_option_off_the_frontier_is_explained(make_app, models) -> None:
    from core.analysis import summaries as analysis

    def top_is_efficient(slug: str) -> bool:
        top = area_model.rank_area(models[slug], WeightSet())["option"].iloc[0]
        points = analysis.scatter_points(models[slug], WeightSet())
        return bool(points.loc[points["option"] == top, "efficient"].any())

    off = next(slug for slug in models if not top_is_efficient(slug))
    on = next(slug for slug in models if top_is_efficient(slug))
    note = "liegt aber nicht auf der Effizienzgrenze"
    assert note in " ".join(c.value for c in make_app(PAGE, area=off).caption)
    assert note not in " ".join(c.value for c in make_app(PAGE, area=on).caption)


def test_a_slider_move_reruns_only_the_part_that_reads_the_weights(make_app) -> None:
    """The weights fragment: a slider move redraws the recommendation, ranking and charts
    (AppTest then holds only those) and not the area selector, the current systems or the
    option details; what it redraws equals what a whole run shows."""
    at = make_app(PAGE, area="ozg")
    tables_whole = len(at.table)
    at.slider(key="w_cost").set_value(5).run()
    assert not at.exception
    assert "area_select" not in [s.key for s in at.selectbox]
    assert len(at.table) == 1  # the ranking only
    assert len(at.success) + len(at.warning) + len(at.info) >= 1  # the recommendation
    settle(at)
    assert len(at.table) == tables_whole
    assert at.selectbox(key="area_select").value == "ozg"


def test_the_charts_keep_spec_and_text_when_the_weights_change(make_app, models) -> None:
    """Streamlit's frontend rebuilds a chart whose spec or text alternative changed (the
    text becomes the spec's description) and only swaps the data of one that did not: a
    slider move must change the charts' data, never their spec or text. The values the
    text alternative used to repeat stand in the captions under the charts."""
    slug, cheap, useful = _flipping_area(models)
    at = make_app(PAGE, area=slug)
    settle(at.slider(key="w_cost").set_value(100).run())
    settle(at.slider(key="w_feasibility").set_value(0).run())
    settle(at.slider(key="w_citizen_value").set_value(0).run())

    def charts() -> list[tuple[str, str, bytes]]:
        found = at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
        return [(c.proto.spec, c.proto.alt, c.proto.data.data) for c in found]

    before = charts()
    assert table_options(at)[0] == cheap
    settle(at.slider(key="w_cost").set_value(0).run())
    at.slider(key="w_citizen_value").set_value(100).run()  # the fragment's charts
    assert table_options(at)[0] == useful
    after = charts()
    assert len(before) == len(after) == 2
    for (spec, alt, _), (spec_after, alt_after, _) in zip(before, after):
        assert alt and alt == alt_after and spec == spec_after
    assert before[0][2] != after[0][2]  # the bars' values follow the weights
    captions = " ".join(views.md_unescape(c.value) for c in at.caption)
    assert f"1. {useful} (" in captions  # the ranking as text, under the bars


def test_a_slider_move_writes_the_address_once(make_app) -> None:
    """A move reruns three call sites of the weights fragment (the shares, the sub-weights
    note, the page's part); the first rewrites the address, the others would write the same."""
    from unittest import mock

    from ui import weights_panel

    at = make_app(PAGE, area="ozg")
    with mock.patch.object(weights_panel, "sync_url", wraps=weights_panel.sync_url) as sync:
        at.slider(key="w_cost").set_value(7).run()
    assert not at.exception
    assert sync.call_count == 1
    assert at.query_params["w_cost"] == "7"


def test_the_certainty_draws_its_data_once_not_per_slider_move(make_app) -> None:
    """The recommendation box's Monte Carlo data draws do not depend on the weights: they
    are made once per data version and area (ui.recommendation_box), not on every move."""
    from unittest import mock

    from core.analysis import montecarlo

    at = make_app(PAGE, area="ozg")
    with mock.patch.object(montecarlo, "DataDraws", wraps=montecarlo.DataDraws) as draws:
        for value in (3, 4, 6):  # weightings not met before: each move computes the box
            at.slider(key="w_cost").set_value(value).run()
            assert not at.exception
            at.run()  # the whole app again: the sliders for the next move
    assert draws.call_count <= 1
    assert any("Simulationen" in box.value for box in [*at.success, *at.info, *at.warning])


def _former_tables(patch) -> None:  # type: ignore[no-untyped-def]
    """The Bereich's weight-independent tables as they were drawn before being prepared once:
    cached as plain Arrow, then escaped, linked and hyphenated on every run."""

    def arrow(frame):  # type: ignore[no-untyped-def]
        return pa.Table.from_pandas(frame, preserve_index=False)

    def systems(version, area, lang):  # type: ignore[no-untyped-def]
        return arrow(views.systems_table(data.systems(version, area), lang, data.sourcing(version)))

    def assessments(version, area, option_id, lang):  # type: ignore[no-untyped-def]
        frame = views.assessment_table(
            data.assessments(version, area),
            option_id,
            data.criteria(version),
            lang,
            data.sourcing(version),
        )
        return arrow(frame)

    def cost_lines(version, area, option_id, lang):  # type: ignore[no-untyped-def]
        frame = views.cost_line_table(
            data.cost_lines(version, area), option_id, lang, data.sourcing(version)
        )
        return arrow(frame)

    patch.setattr(tables, "systems_view", systems)
    patch.setattr(tables, "assessment_view", assessments)
    patch.setattr(tables, "cost_line_view", cost_lines)
    patch.setattr(tables, "draw", former_static_with_sources)
    patch.setattr(tables, "static_with_sources", former_static_with_sources)
    patch.setattr(tables, "static", former_static)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_tables_prepared_once_show_what_the_former_path_showed(
    make_app, models, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """The systems, assessments and cost lines, prepared once per data version and shown
    from the cache, send exactly what the former per-run path sent (every element's proto),
    in every area, for its first and its last option, and the Methodik's sources table too."""

    def shown(former: bool) -> list[list[tuple[str, bytes]]]:
        found = []
        with monkeypatch.context() as patch:
            if former:
                _former_tables(patch)
            for slug, model in models.items():
                at = make_app(PAGE, area=slug, lang=lang)
                found.append(elements(at._tree))
                last = model.options["id"].iloc[-1]
                at.selectbox(key=f"detail_{slug}").set_value(last).run()
                assert not at.exception, at.exception
                found.append(elements(at._tree))
            found.append(elements(make_app("pages/method.py", lang=lang)._tree))
        return found

    new, former = shown(False), shown(True)
    assert sum(kind == "table" for kind, _ in new[0]) >= 3  # ranking, systems, assessments…
    assert new == former
