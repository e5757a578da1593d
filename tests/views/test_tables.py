"""Display tables (core/views/tables.py): labels and formats per language, estimate markers."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from core import store
from core.scoring import area_model
from core.scoring.weightset import WeightSet
from core.views import fmt, sourcing, tables
from core.views.plain import md


def _ranking(conn: duckdb.DuckDBPyConnection, area: str = "ozg") -> pd.DataFrame:
    model = area_model.load_areas(conn, 5, 0.009)[area]
    return area_model.rank_area(model, WeightSet(), "wsm")


def test_ranking_table_in_german_formats(conn: duckdb.DuckDBPyConnection) -> None:
    ranking = _ranking(conn)
    table = tables.ranking_table(ranking, "de", 5)
    assert list(table.columns[:5]) == ["Rang", "Option", "Weg", "Partner", "Gesamtpunkte"]
    assert table["Rang"].tolist() == ranking["rank"].tolist()
    top = ranking.iloc[0]
    assert table["Gesamtpunkte"].iloc[0] == f"{top['score'] * 100:.1f}".replace(".", ",")
    npv = next(c for c in table.columns if "Barwert" in c)
    assert "5" in npv
    expected = f"{round(top['npv_cost']):,} €".replace(",", ".")
    assert table[npv].iloc[0] == expected
    # the dashboard's table stays narrow: no annual cost (it is in the NPV) and no staff
    assert not {"Laufende Kosten p. a.", "VZÄ"} & set(table.columns)
    assert list(table.columns)[-1] == "Einmalinvestition"
    wide = tables.ranking_table(ranking, "de", 5, wide=True)
    assert wide["Nutzen (fester Maßstab, 0–100)"].iloc[0] == f"{top['benefit']:.1f}".replace(
        ".", ","
    )
    line = tables.benefit_line(ranking, "de")
    assert f"{md(top['option'])}: " + f"{top['benefit']:.1f}".replace(".", ",") in line
    hostile = ranking.assign(option=["![x](http://host/p.png) **b**"] * len(ranking))
    assert "![x](" not in tables.benefit_line(hostile, "de")  # names are data, escaped


def test_ranking_table_in_english_with_staff(conn: duckdb.DuckDBPyConnection) -> None:
    ranking = _ranking(conn)
    table = tables.ranking_table(ranking, "en", 5, wide=True)
    assert list(table.columns[:2]) == ["Rank", "Option"]
    assert table.iloc[0, -2] == f"{ranking['staff_fte'].iloc[0]:,.2f}"
    assert table.iloc[0, -1] == f"{ranking['benefit'].iloc[0]:.1f}"
    assert table["Annual cost"].iloc[0] == f"€{round(ranking['annual_cost'].iloc[0]):,}"
    pathways = set(table["Pathway"])
    assert not pathways & {"status_quo", "standard", "best_practice", "joint_kdn"}  # labels


TODAY = dt.date(2026, 12, 1)


def _sourcing(conn: duckdb.DuckDBPyConnection) -> sourcing.Sourcing:
    return sourcing.Sourcing(sourcing.registry(store.sources(conn)), TODAY, 5)


def test_estimates_carry_their_reason(conn: duckdb.DuckDBPyConnection) -> None:
    systems = store.systems(conn)
    assert systems["is_estimate"].any() and not systems["is_estimate"].all()
    context = _sourcing(conn)
    table = tables.systems_table(systems, "de", context)
    assert len(table) == len(systems)
    for row, (_, system) in zip(table.to_dict("records"), systems.iterrows()):
        first = system["source"].split(";")[0].strip()
        assert row["Schätzung"].startswith(f"methodik?quelle={first}#")
        shown = sourcing.marker_text(row["Schätzung"])
        if system["is_estimate"]:
            assert shown.startswith("⚠ Schätzung · Stand")
            reason = system["estimate_reason"]  # "Schätzung: …" is said once, not twice
            assert row["Quelle"].endswith(f" — {reason}")
            assert "Schätzung: Schätzung" not in row["Quelle"]
        else:
            assert shown.startswith("✓ belegt · Stand")
            assert row["Quelle"] == context.text(system["source"], "de")
        assert context.sources[first].title in row["Quelle"]


def test_marker_and_source_say_how_old_a_figure_is(conn: duckdb.DuckDBPyConnection) -> None:
    lines = store.cost_lines(conn, "gis")
    table = tables.cost_line_table(lines, "gis-kdn-hosting", "de", _sourcing(conn))
    first = table.iloc[0]  # cites KDN (2012)
    assert sourcing.marker_text(first["Schätzung"]) == (
        "⚠ Schätzung · Stand 2012 · älter als 5 Jahre"
    )
    assert (
        "KDN – Dachverband" in first["Quelle"]
        and "(Stand 2012 · älter als 5 Jahre)" in (first["Quelle"])
    )
    newer = tables.cost_line_table(
        lines, "gis-kdn-hosting", "de", sourcing.Sourcing(_sourcing(conn).sources, TODAY, 20)
    )
    assert sourcing.marker_text(newer.iloc[0]["Schätzung"]) == "⚠ Schätzung · Stand 2012"


def test_assessments_follow_the_catalogue_order(conn: duckdb.DuckDBPyConnection) -> None:
    criteria = store.criteria(conn)
    assessments = store.assessments(conn, "ozg")
    option = assessments["option_id"].iloc[0]
    table = tables.assessment_table(assessments, option, criteria, "de", _sourcing(conn))
    own = assessments[assessments["option_id"] == option]
    assert len(table) == len(own)
    order = criteria.set_index("key")["sort_order"]
    labels = criteria.set_index("key")["label_de"]
    expected = own.assign(o=own["criterion"].map(order)).sort_values("o")["criterion"]
    assert table["Kriterium"].tolist() == expected.map(labels).tolist()
    marked = table["Schätzung"].map(sourcing.marker_text).str.startswith("⚠").tolist()
    assert (
        marked == own.assign(o=own["criterion"].map(order)).sort_values("o")["is_estimate"].tolist()
    )


def test_cost_lines_of_one_option(conn: duckdb.DuckDBPyConnection) -> None:
    lines = store.cost_lines(conn, "ozg")
    option = lines["option_id"].iloc[0]
    table = tables.cost_line_table(lines, option, "en", _sourcing(conn))
    own = lines[lines["option_id"] == option]
    assert table["Item"].tolist() == own["item"].tolist()
    assert table.iloc[0, 1] == f"€{round(own['investment_eur'].iloc[0]):,}"


def test_an_empty_table_prints_its_header() -> None:
    frame = pd.DataFrame({"Rang": [], "Option": []})
    assert tables.to_text(frame) == "Rang  Option"


def test_short_headers_cover_every_number_column(conn: duckdb.DuckDBPyConnection) -> None:
    """The dashboard shows each number column of the ranking under a shorter header."""
    for lang in ("de", "en"):
        for method in ("wsm", "promethee2"):
            table = tables.ranking_table(_ranking(conn), lang, 5, method=method)
            short = tables.ranking_short_headers(lang, 5, method=method)
            assert list(short) == list(table.columns[4:]), (lang, method)
            assert all(len(s) <= len(full) for full, s in short.items())
    assert tables.ranking_short_headers("de", 5)["Kosten-Barwert 5 J."] == "Barwert 5 J."


def test_wrapped_lines_break_at_spaces_and_inside_long_words() -> None:
    assert tables.wrapped_lines("Open Data", 200) == 1
    name = "Geoportal vollständig über geoportal.ruhr (RVR)"
    assert tables.wrapped_lines(name, tables.text_px(name)) == 1
    assert tables.wrapped_lines(name, 105) == 4  # as the table grid draws it at 1400 px
    word = "Onlinezugangsgesetz"  # wider than the column: broken inside
    assert tables.wrapped_lines(word, tables.text_px(word) / 2.5) == 3
    assert tables.text_px("mw") > tables.text_px("il")


def _pivoted(cells: pd.DataFrame, names: dict[str, str], pathways: dict[str, str]) -> pd.DataFrame:
    """The heatmap table as the Übersicht built it before (pivot, reindex, map): the
    reference the list-built :func:`tables.pathway_table` must equal."""
    cells = cells.assign(area_name=cells["area"].map(names))
    table = cells.pivot(index="area_name", columns="pathway", values="score").reindex(
        index=list(dict.fromkeys(cells["area_name"])), columns=list(pathways)
    )
    table = (table * 100).rename(columns=pathways)
    shown = table.map(lambda v: fmt.number(v, 1, "de") if pd.notna(v) else "–")
    shown.index.name = "Prüfbereich"
    return shown.reset_index().rename_axis(columns=None)  # tables.static drops the name


def test_pathway_table_equals_the_pivot_of_the_cells(conn: duckdb.DuckDBPyConnection) -> None:
    from core.analysis import summaries

    models = area_model.load_areas(conn, 5, 0.009)
    names = {slug: f"Bereich {slug}" for slug in models}
    pathways = {"status_quo": "Status quo", "kdn": "KDN", "made_up": "Nirgends"}
    labels = dict(pathways)
    for method in ("wsm", "topsis", "promethee2"):
        rankings, _ = summaries.overview(models, WeightSet(method=method), method)
        cells = summaries.pathway_cells(rankings)
        labels.update({p: p.upper() for p in cells["pathway"]} | pathways)
        shown = tables.pathway_table(cells, names, labels, "de", "Prüfbereich")
        pd.testing.assert_frame_equal(shown, _pivoted(cells, names, labels))
        assert (shown["Nirgends"] == "–").all()  # a pathway no area has
        assert shown["Prüfbereich"].tolist() == [names[s] for s in dict.fromkeys(cells["area"])]
