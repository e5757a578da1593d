"""Excel export: sheets, values equal to the app, formats, tables, print set-up, chart, safety."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import duckdb
import openpyxl
import pytest

from core import settings, store
from core.errors import InputError, NotFoundError, WeightError
from core.excel import export as excel_export
from core.excel.writer import FORMATS
from core.scoring import area_model
from core.scoring.weightset import WeightSet

NOW = dt.datetime(2026, 3, 2, 9, 30)
AREA_SHEETS = [
    "Übersicht",
    "Ranking",
    "Rechenmodell",
    "Bewertung",
    "Bestand",
    "Optionen",
    "Kosten",
    "Quellen",
    "Importumfang",
    "Importbasis",  # hidden: the state of the export (core/excel/base.py)
]
HOSTILE = [
    '=HYPERLINK("http://example.org","klick")',
    "@SUM(1)",
    "+1+1",
    "-2+3",
    "\tTabulator",
    "\rWagenrücklauf",
]


def _request(**kwargs: object) -> excel_export.ExportRequest:
    base = {
        "weights": WeightSet(),
        "method": "wsm",
        "horizon_years": settings.get("horizon_years"),
        "discount_rate": settings.get("discount_rate"),
        "now": NOW,
    }
    return excel_export.ExportRequest(**{**base, **kwargs})


def _load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _table_rows(ws, header_row: int) -> list[dict[str, object]]:
    headers = [c.value for c in ws[header_row]]
    rows = []
    for values in ws.iter_rows(min_row=header_row + 1, values_only=True):
        if all(v is None for v in values):
            continue
        rows.append(dict(zip(headers, values, strict=False)))
    return rows


@pytest.fixture
def area_book(conn: duckdb.DuckDBPyConnection) -> openpyxl.Workbook:
    return _load(excel_export.area_workbook(conn, "ozg", _request()))


@pytest.fixture
def all_book(conn: duckdb.DuckDBPyConnection) -> openpyxl.Workbook:
    return _load(excel_export.all_areas_workbook(conn, _request()))


def test_area_workbook_has_the_sheets_of_the_issue(area_book: openpyxl.Workbook) -> None:
    assert area_book.sheetnames == AREA_SHEETS
    overview = area_book["Übersicht"]
    texts = [str(c.value) for row in overview.iter_rows() for c in row if c.value is not None]
    joined = " ".join(texts)
    for expected in (
        "Umsetzung des Onlinezugangsgesetzes",
        "A 21/0509-01",
        "Nutzwertanalyse",
        "Legende",
        "Datenstand 1 vom",
        "Endgewicht",
    ):
        assert expected in joined
    assert any(
        isinstance(c.value, dt.datetime) and c.value == NOW
        for row in overview.iter_rows()
        for c in row
    )
    scope = _table_rows(area_book["Importumfang"], 1)
    assert [r["Bereich-ID"] for r in scope] == ["ozg"]


def test_all_areas_workbook_names_every_area_and_links_to_it(
    conn: duckdb.DuckDBPyConnection, all_book: openpyxl.Workbook
) -> None:
    names = all_book.sheetnames
    assert names[0] == "Gesamtübersicht"
    assert names[-2:] == ["Importumfang", "Importbasis"]
    assert all_book["Importbasis"].sheet_state == "hidden"
    labels = {
        "homepage": "Homepage",
        "ozg": "OZG",
        "social-media": "Social Media",
        "city-app": "City App",
        "open-data": "Open Data",
        "gis": "GIS",
    }
    assert set(labels) == set(store.area_slugs(conn))
    for label in labels.values():
        for kind in AREA_SHEETS[:-3]:  # Quellen, Importumfang, Importbasis: once per book
            assert f"{label} {kind}" in names
    summary = all_book["Gesamtübersicht"]
    links = {
        c.hyperlink.location or c.hyperlink.target
        for row in summary.iter_rows()
        for c in row
        if c.hyperlink
    }
    assert any("OZG Ranking" in (link or "") for link in links)
    scope = _table_rows(all_book["Importumfang"], 1)
    assert sorted(r["Bereich-ID"] for r in scope) == sorted(labels)


@pytest.mark.parametrize("method", ["wsm", "topsis", "promethee2"])
def test_ranking_sheet_is_exactly_the_app_ranking(
    conn: duckdb.DuckDBPyConnection, method: str
) -> None:
    weights = WeightSet({"cost": 60, "citizen_value": 25, "feasibility": 15}, {"reach": 80})
    book = _load(excel_export.all_areas_workbook(conn, _request(weights=weights, method=method)))
    models = area_model.load_areas(
        conn, settings.get("horizon_years"), settings.get("discount_rate")
    )
    for slug, label in (("ozg", "OZG"), ("gis", "GIS"), ("homepage", "Homepage")):
        expected = area_model.rank_area(models[slug], weights, method)
        rows = _table_rows(book[f"{label} Ranking"], 3)
        assert [r["Options-ID"] for r in rows] == expected["option_id"].tolist()
        assert [r["Rang"] for r in rows] == expected["rank"].tolist()
        for row, score, npv in zip(rows, expected["score"], expected["npv_cost"], strict=True):
            assert row["Gesamtpunkte"] == pytest.approx(score * 100, abs=1e-12)
            assert row["Kosten-Barwert 5 J."] == pytest.approx(npv, rel=1e-15)


def test_bewertung_bestand_optionen_kosten_hold_the_store(
    conn: duckdb.DuckDBPyConnection, area_book: openpyxl.Workbook
) -> None:
    assessments = store.assessments(conn, "ozg")
    rows = _table_rows(area_book["Bewertung"], 1)
    assert len(rows) == len(assessments)
    first = rows[0]
    for column in (
        "Einheit",
        "Richtung",
        "Begründung",
        "Quelle",
        "Schätzung",
        "Begründung der Schätzung",
        "Bewertet am",
    ):
        assert column in first
    stored = assessments.set_index(["option_id", "criterion"])
    for row in rows:
        record = stored.loc[(row["Options-ID"], row["Kriterium-ID"])]
        assert row["Wert"] == record["value"]
        assert row["Schätzung"] is bool(record["is_estimate"])
        assert (row["Begründung"] or "") == record["rationale"]
    systems = _table_rows(area_book["Bestand"], 1)
    assert [r["Bestand-ID"] for r in systems] == store.systems(conn, "ozg")["id"].tolist()
    options = _table_rows(area_book["Optionen"], 1)
    assert [r["Options-ID"] for r in options] == store.options(conn, "ozg")["id"].tolist()
    costs = _table_rows(area_book["Kosten"], 1)
    assert sorted(r["Kosten-ID"] for r in costs) == sorted(store.cost_lines(conn, "ozg")["id"])


def test_german_number_currency_and_date_formats(area_book: openpyxl.Workbook) -> None:
    ranking = area_book["Ranking"]
    headers = [c.value for c in ranking[3]]
    npv = ranking.cell(row=4, column=headers.index("Kosten-Barwert 5 J.") + 1)
    points = ranking.cell(row=4, column=headers.index("Gesamtpunkte") + 1)
    assert npv.number_format == FORMATS["eur"] == '#,##0 [$€-407];"−"#,##0 [$€-407]'
    assert points.number_format == FORMATS["points"] == '0.0;"−"0.0'  # true minus
    bewertung = area_book["Bewertung"]
    date_cell = bewertung.cell(row=2, column=12)
    assert isinstance(date_cell.value, dt.datetime)
    assert date_cell.number_format == "DD.MM.YYYY"
    model = area_book["Rechenmodell"]
    assert model["C5"].number_format == FORMATS["share"] == '0.0 %;"−"0.0 %'  # discount rate
    assert model["C5"].fill.start_color.rgb.endswith("FFF2CC")  # styled as an input


def test_every_sheet_has_tables_frozen_headers_widths_and_print_setup(
    all_book: openpyxl.Workbook,
) -> None:
    names: set[str] = set()
    for ws in all_book.worksheets:
        if ws.sheet_state != "visible":
            continue  # the hidden Importbasis is for the importer, not for print
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.print_title_rows, ws.title
        if ws.title.endswith("Übersicht") and ws.title != "Gesamtübersicht":
            continue
        assert ws.freeze_panes, ws.title
        assert ws.tables, ws.title
        for table in ws.tables.values():
            assert table.tableStyleInfo.name.startswith("TableStyle")
            assert table.autoFilter is not None and table.autoFilter.ref == table.ref
            assert table.name.casefold() not in names
            names.add(table.name.casefold())
        widths = [d.width for d in ws.column_dimensions.values() if d.width]
        assert widths and max(widths) > 13, ws.title
    bewertung = all_book["OZG Bewertung"]
    assert bewertung.freeze_panes == "A2"
    assert bewertung.column_dimensions["H"].width >= 40  # Begründung fits and wraps


def test_ranking_sheet_has_a_native_bar_chart_of_the_scores(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    data = excel_export.area_workbook(conn, "ozg", _request())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        chart = archive.read(charts[0]).decode()
        rels = archive.read("xl/worksheets/_rels/sheet2.xml.rels").decode()
    assert "<c:barChart>" in chart or "<barChart>" in chart.replace("c:", "")
    assert "Ranking" in chart and "$E$4" in chart  # the Gesamtpunkte column
    assert "drawing" in rels


def _insert_hostile(conn: duckdb.DuckDBPyConnection) -> None:
    """An option, a system, a cost line, assessments and a source whose texts look like
    formulas (rows cite the source by its key, as the store requires)."""
    conn.execute(
        "INSERT INTO sources (id, title, publisher, note) VALUES ('evil-source', ?, ?, ?)",
        [HOSTILE[3], HOSTILE[1], HOSTILE[2]],
    )
    conn.execute(
        "INSERT INTO systems (id, area, name, kind, operator, notes, source) VALUES"
        " ('evil-system', 'ozg', ?, 'saas', ?, ?, 'evil-source')",
        [HOSTILE[0], HOSTILE[1], HOSTILE[4]],
    )
    conn.execute(
        "INSERT INTO options (id, area, pathway, name, partner, description, source) VALUES"
        " ('evil-option', 'ozg', 'standard', ?, ?, ?, 'evil-source')",
        [HOSTILE[0], HOSTILE[1], HOSTILE[2]],
    )
    conn.execute(
        "INSERT INTO cost_lines (option_id, item, investment_eur, annual_cost_eur, staff_fte,"
        " source) VALUES ('evil-option', ?, 1, 2, 0, 'evil-source')",
        [HOSTILE[5]],
    )
    criteria = store.criteria(conn)
    for row in criteria[criteria["derived_from"].isna()].itertuples(index=False):
        conn.execute(
            "INSERT INTO assessments (option_id, criterion, value, rationale, source,"
            " assessed_on) VALUES ('evil-option', ?, ?, ?, 'evil-source', DATE '2026-01-01')",
            [row.key, row.min_value, HOSTILE[0]],
        )


def test_hostile_texts_are_written_as_text_never_as_formulas(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    _insert_hostile(conn)
    data = excel_export.area_workbook(conn, "ozg", _request())
    book = _load(data)
    found = []
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value in HOSTILE:
                    found.append(cell)
                    assert cell.data_type == "s", (ws.title, cell.coordinate)
                    assert isinstance(cell.value, str)
                    assert cell.quotePrefix, (ws.title, cell.coordinate)
                elif cell.data_type == "f":
                    assert ws.title == "Rechenmodell" or cell.value.startswith("=IF("), cell.value
                    assert "HYPERLINK" not in cell.value and "SUM(1)" not in cell.value
    assert {c.value for c in found} == set(HOSTILE)
    assert any(c.parent.title == "Ranking" and c.value == HOSTILE[0] for c in found)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                assert b"<f>HYPERLINK" not in archive.read(name), name


def test_store_checksum_hashes_data_not_bytes(conn: duckdb.DuckDBPyConnection) -> None:
    before = excel_export.store_checksum(conn)
    first = excel_export.area_workbook(conn, "ozg", _request(now=NOW))
    second = excel_export.area_workbook(conn, "ozg", _request(now=NOW + dt.timedelta(hours=1)))
    assert first != second
    assert excel_export.store_checksum(conn) == before
    conn.execute(
        "UPDATE assessments SET rationale = rationale || '.' WHERE criterion = 'reach'"
        " AND option_id = 'ozg-status-quo'"
    )
    assert excel_export.store_checksum(conn) != before


def test_template_has_empty_data_sheets_and_the_catalogues(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    book = _load(excel_export.template_workbook(conn))
    assert book.sheetnames == [
        "Anleitung",
        "Bestand",
        "Optionen",
        "Kosten",
        "Bewertung",
        "Importumfang",
        "Kataloge",
    ]
    assert [c.value for c in book["Optionen"][1]] == [
        "Options-ID",
        "Bereich-ID",
        "Ersetzt System (Bestand-ID)",
        "Weg",
        "Name",
        "Partner",
        "Beschreibung",
        "Quelle",
        "Schätzung",
        "Begründung der Schätzung",
        "Stand der Quelle",
        "Name (englisch)",
        "Partner (englisch)",
        "Beschreibung (englisch)",
        "Begründung der Schätzung (englisch)",
    ]
    for title in ("Bestand", "Optionen", "Kosten", "Bewertung"):
        assert _table_rows(book[title], 1) == []
        assert book[title].tables
    catalogue = " ".join(
        str(c.value) for row in book["Kataloge"].iter_rows() for c in row if c.value is not None
    )
    for word in ("ozg", "npv_cost", "aus den Kosten berechnet", "joint_kdn", "in_house"):
        assert word in catalogue


def test_export_refuses_unknown_area_method_and_invalid_weights(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    with pytest.raises(NotFoundError):
        excel_export.area_workbook(conn, "mars", _request())
    with pytest.raises(InputError) as info:
        excel_export.area_workbook(conn, "ozg", _request(method="magic"))
    assert info.value.key == "unknown_method"
    zero_group = WeightSet(
        {"cost": 100, "citizen_value": 0, "feasibility": 0},
        {"npv_cost": 0, "investment": 0, "staff_fte": 0},
    )
    with pytest.raises(WeightError):
        excel_export.all_areas_workbook(conn, _request(weights=zero_group))


def test_english_export_uses_english_headers(conn: duckdb.DuckDBPyConnection) -> None:
    book = _load(excel_export.area_workbook(conn, "ozg", _request(lang="en")))
    assert book.sheetnames[:3] == ["Overview", "Ranking", "Model"]
    assert [c.value for c in book["Ranking"][3]][:2] == ["Rank", "Option"]


def test_export_dates_every_figure_and_lists_its_sources(area_book: openpyxl.Workbook) -> None:
    """Each data row says how old its sources are ('Stand 2012 · älter als 5 Jahre'); the
    Quellen sheet lists every cited source with address, dates and the same flag."""
    costs = _table_rows(area_book["Kosten"], 1)
    assert all(r["Stand der Quelle"] for r in costs if r["Quelle"])
    options = _table_rows(area_book["Optionen"], 1)
    kdn = [r for r in options if "kdn" in str(r["Quelle"]).split("; ")]
    assert kdn and all("Stand 2012 · älter als 5 Jahre" in r["Stand der Quelle"] for r in kdn)
    assert {"Schätzung", "Begründung der Schätzung"} <= set(options[0])
    sources = {r["Schlüssel"]: r for r in _table_rows(area_book["Quellen"], 1)}
    assert "d-nrw-einbuergerung" in sources and "lvz-leipzig-app" not in sources  # ozg only
    moers_free = sources["gkdpb-einbuergerung"]
    assert moers_free["Adresse"].startswith("https://gkdpb.de/")
    assert moers_free["Abgerufen"] == "11/2026"
    assert sources["kdn"]["Stand der Quelle"] == "Stand 2012 · älter als 5 Jahre"
    assert sources["ozg-efa"]["Stand der Quelle"] == "Stand unbekannt"
    assert "Kommunalportal.NRW (KDN)" in sources["kdn"]["Stützt"]
