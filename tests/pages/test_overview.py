"""Übersicht page: one card per area, totals, heatmap; reacts to weights."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from core import i18n, views
from core.analysis import summaries as analysis
from core.scoring.methods import METHODS
from core.scoring.weightset import WeightSet
from core.store import PATHWAYS
from tests.analysis.test_overview_arrays import old_page_heatmap_frame
from tests.pages.conftest import elements, open_tab, settle


def _metric_values(at) -> list[str]:
    return [m.value for m in at.metric]


def _pathway_tables(at) -> list:
    """The pathway table(s) on the page: a column per pathway besides the area."""
    pathways = {i18n.t(f"pathway_{p}", "de") for p in PATHWAYS}
    return [d.value for d in at.table if pathways <= set(d.value.columns)]


def test_overview_cards_match_core(make_app, models) -> None:
    at = make_app()
    assert not at.exception
    _, summary = analysis.overview(models, WeightSet(), "wsm")
    markdown = " ".join(views.md_unescape(m.value) for m in at.markdown)  # data is escaped
    for option in summary["option"]:
        assert option in markdown
    assert len(at.button) >= len(summary)  # one "Bereich öffnen" per card (+ sidebar buttons)
    charts = at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    spec = json.dumps(json.loads(charts[0].proto.spec), ensure_ascii=False)
    assert "Beste Punktzahl je Bereich und Weg" in spec
    assert not _pathway_tables(at)  # the table's tab is closed: not built
    open_tab(at, "pathway_tabs", "Tabelle")
    (heat_table,) = _pathway_tables(at)
    assert heat_table.shape[0] == 6
    names = heat_table["Prüfbereich"].tolist()
    assert names[0].startswith("Städtische Homepage") and "Geo" in names[-1]  # heatmap order


def test_overview_follows_weights(make_app, models) -> None:
    at = make_app(w_cost="100", w_citizen_value="0", w_feasibility="0")
    _, cheap = analysis.overview(
        models, WeightSet({"cost": 100, "citizen_value": 0, "feasibility": 0}), "wsm"
    )
    markdown = " ".join(views.md_unescape(m.value) for m in at.markdown)  # data is escaped
    for option in cheap["option"]:
        assert option in markdown
    settle(at.slider(key="w_cost").set_value(0).run())
    settle(at.slider(key="w_citizen_value").set_value(100).run())
    _, useful = analysis.overview(
        models, WeightSet({"cost": 0, "citizen_value": 100, "feasibility": 0}), "wsm"
    )
    markdown = " ".join(views.md_unescape(m.value) for m in at.markdown)  # data is escaped
    for option in useful["option"]:
        assert option in markdown
    assert set(cheap["option"]) != set(useful["option"])


def test_preset_button_sets_weights(make_app) -> None:
    at = make_app()
    settle(at.button(key="preset_haushaltskonsolidierung").click().run())
    assert at.slider(key="w_cost").value == 60
    assert at.slider(key="w_citizen_value").value == 25


def test_reset_restores_defaults(make_app) -> None:
    at = make_app(w_cost="90", method="topsis")
    reset = next(b for b in at.sidebar.button if b.label == "Zurücksetzen")
    settle(reset.click().run())
    assert at.slider(key="w_cost").value == 34
    assert at.selectbox(key="method").value == "wsm"


def test_bad_parameters_note_on_overview(make_app) -> None:
    at = make_app(w_feasibility="lots")
    assert any("w_feasibility" in w.value for w in at.warning)


def test_promethee_overview_speaks_of_net_flow(make_app, models) -> None:
    at = make_app(method="promethee2")
    assert not at.exception
    charts = at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    spec = json.dumps(json.loads(charts[0].proto.spec), ensure_ascii=False)
    assert "Bester Nettofluss (× 100) je Bereich und Weg" in spec
    assert '"domainMid": 0' in spec  # negative net flows get their own colour, not white
    _, summary = analysis.overview(models, WeightSet(), "promethee2")
    # a card's lines are one caption; the lead (or tie) is its first line
    leads = [c.value.split("  \n")[0] for c in at.caption if c.value.startswith("Vorsprung")]
    assert len(leads) == int((~summary["tied"]).sum())
    assert all("Nettofluss" in lead and "Punkte" not in lead for lead in leads)
    assert any(m.label == "Nettofluss × 100" for m in at.metric)


def test_a_huge_weight_in_the_url_shows_the_note_not_a_traceback(make_app) -> None:
    at = make_app(w_cost="123" * 1700)
    assert not at.exception
    texts = " ".join(str(e.value) for e in (*at.error, *at.warning, *at.info, *at.caption))
    assert "Traceback" not in texts and "w_cost" in texts


def test_the_global_guard_shows_a_german_message_and_logs_details(caplog) -> None:
    from streamlit.testing.v1 import AppTest

    def script() -> None:
        from ui import guard

        with guard.page():
            raise RuntimeError("/srv/geheim/pfad kaputt")

    at = AppTest.from_function(script).run()
    assert not at.exception
    (error,) = at.error
    assert "unerwarteter Fehler" in error.value and "/srv/geheim" not in error.value


def test_each_card_shows_its_lines_in_one_caption(make_app, models) -> None:
    """A card's lines (lead or tie, benefit, annual and NPV cost change, stability) are one
    caption, in that order, with the values of core's summary; a slider move (a fragment
    rerun) shows what a whole run shows."""
    from core.analysis import sensitivity
    from core.views import stability_text

    def check(at, weights: WeightSet) -> None:
        _, summary = analysis.overview(models, weights, "wsm")
        cards = [c.value.split("  \n") for c in at.caption if c.value.count("  \n") >= 3]
        assert len(cards) == len(summary)
        for lines, row in zip(cards, summary.itertuples(index=False), strict=True):
            if row.tied:
                assert lines[0].startswith("Gleichstand mit")
            else:
                lead = views.format_lead(row.lead, "de")
                assert lines[0].startswith(f"Vorsprung {lead} Punkte vor")
            benefit = views.format_number(row.benefit, 1, "de")
            assert lines[1].endswith(f"{benefit} Punkte")
            assert lines[2].startswith("Laufende Kosten ggü. Status quo:")
            assert lines[3].startswith("Kosten-Barwert")
            stability = sensitivity.area_stability(models[row.area], weights, "wsm")
            assert lines[4] == stability_text.area_sentence(stability)

    at = make_app()
    check(at, WeightSet())
    at.slider(key="w_cost").set_value(80).run()
    check(settle(at), WeightSet({**WeightSet().groups, "cost": 80}))


def _former_heatmap_frame_of(columns, names, labels) -> pd.DataFrame:
    """The page's former heatmap data: a cells frame from row dicts, then the area names
    and the labels added to it (tests/analysis/test_overview_arrays.py's oracle)."""
    rows = [dict(zip(columns, row, strict=True)) for row in zip(*columns.values(), strict=True)]
    cells = pd.DataFrame(rows, columns=analysis.CELL_COLUMNS)
    return old_page_heatmap_frame(cells, names, labels)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_cards_totals_and_heatmap_are_what_the_former_paths_drew(
    make_app, monkeypatch: pytest.MonkeyPatch, method: str, lang: str
) -> None:
    """The summary's rows and totals read from its column lists and the heatmap's frame
    built from lists draw exactly what the frame paths drew (every element's proto, the
    chart's Arrow data included), on the first run and after a slider move."""

    def shown(former: bool) -> list[list[tuple[str, bytes]]]:
        with monkeypatch.context() as patch:
            if former:
                patch.setattr(
                    analysis.Overview,
                    "summary_rows",
                    lambda self: list(self.summary.itertuples(index=False)),
                )
                patch.setattr(analysis.Overview, "total", lambda self, c: self.summary[c].sum())
                patch.setattr(views, "heatmap_frame_of", _former_heatmap_frame_of)
            at = make_app(method=method, lang=lang, w_cost="70", w_feasibility="15")
            assert not at.exception
            first = elements(at._tree)
            at.slider(key="w_citizen_value").set_value(5).run()
            assert not at.exception
            return [first, elements(at._tree)]

    new, former = shown(False), shown(True)
    assert [kind for kind, _ in new[0]].count("vega_lite_chart") + [
        kind for kind, _ in new[0]
    ].count("arrow_vega_lite_chart") == 1
    assert new == former
