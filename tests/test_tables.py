"""Display tables (core/tables.py): labels and formats per language, estimate markers."""

from __future__ import annotations

import duckdb
import pandas as pd

from core import area_model, store, tables
from core.weightset import WeightSet


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
    assert "Personal" not in " ".join(table.columns)  # the dashboard's table stays narrow


def test_ranking_table_in_english_with_staff(conn: duckdb.DuckDBPyConnection) -> None:
    ranking = _ranking(conn)
    table = tables.ranking_table(ranking, "en", 5, with_fte=True)
    assert list(table.columns[:2]) == ["Rank", "Option"]
    assert table.iloc[0, -1] == f"{ranking['staff_fte'].iloc[0]:,.2f}"
    pathways = set(table["Pathway"])
    assert not pathways & {"status_quo", "standard", "best_practice", "joint_kdn"}  # labels


def test_estimates_carry_their_reason(conn: duckdb.DuckDBPyConnection) -> None:
    systems = store.systems(conn)
    assert systems["is_estimate"].any() and not systems["is_estimate"].all()
    table = tables.systems_table(systems, "de")
    assert len(table) == len(systems)
    for row, (_, system) in zip(table.to_dict("records"), systems.iterrows()):
        if system["is_estimate"]:
            assert row["Schätzung"] == "⚠ Schätzung"
            assert row["Quelle"].endswith(f"Schätzung: {system['estimate_reason']}")
        else:
            assert row["Schätzung"] == "✓ belegt" or row["Schätzung"].startswith("✓")
            assert row["Quelle"] == system["source"]


def test_assessments_follow_the_catalogue_order(conn: duckdb.DuckDBPyConnection) -> None:
    criteria = store.criteria(conn)
    assessments = store.assessments(conn, "ozg")
    option = assessments["option_id"].iloc[0]
    table = tables.assessment_table(assessments, option, criteria, "de")
    own = assessments[assessments["option_id"] == option]
    assert len(table) == len(own)
    order = criteria.set_index("key")["sort_order"]
    labels = criteria.set_index("key")["label_de"]
    expected = own.assign(o=own["criterion"].map(order)).sort_values("o")["criterion"]
    assert table["Kriterium"].tolist() == expected.map(labels).tolist()
    marked = table["Schätzung"].str.startswith("⚠").tolist()
    assert (
        marked == own.assign(o=own["criterion"].map(order)).sort_values("o")["is_estimate"].tolist()
    )


def test_cost_lines_of_one_option(conn: duckdb.DuckDBPyConnection) -> None:
    lines = store.cost_lines(conn, "ozg")
    option = lines["option_id"].iloc[0]
    table = tables.cost_line_table(lines, option, "en")
    own = lines[lines["option_id"] == option]
    assert table["Item"].tolist() == own["item"].tolist()
    assert table.iloc[0, 1] == f"€{round(own['investment_eur'].iloc[0]):,}"


def test_an_empty_table_prints_its_header() -> None:
    frame = pd.DataFrame({"Rang": [], "Option": []})
    assert tables.to_text(frame) == "Rang  Option"
