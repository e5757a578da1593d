"""One number format in Excel: every number format of the export comes from the one formatting
module (core.views.fmt.excel_formats), the cells stay numbers, and a real spreadsheet shows
them as the app's tables do (true minus, euro sign placement, + / − for cost changes)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
from pathlib import Path

import duckdb
import openpyxl
import pytest

from core import i18n, settings
from core.excel import export as excel_export
from core.excel.writer import FORMATS
from core.scoring.weightset import WeightSet
from core.views import fmt

NOW = dt.datetime(2026, 3, 2, 9, 30)
UNSTYLED = "General"  # openpyxl's format of a cell nobody styled


def _request(lang: str) -> excel_export.ExportRequest:
    return excel_export.ExportRequest(
        weights=WeightSet(),
        method="wsm",
        horizon_years=settings.get("horizon_years"),
        discount_rate=settings.get("discount_rate"),
        now=NOW,
        lang=lang,
    )


def test_signs_and_euro_follow_the_cockpits_convention() -> None:
    for lang in ("de", "en"):
        formats = fmt.excel_formats(lang)
        positive, negative = formats["eur"].split(";")
        assert negative == f'"{fmt.MINUS}"{positive}'  # the true minus, never a hyphen
        plus, minus, zero = formats["eur_change"].split(";")
        assert (plus, minus, zero) == (f'"+"{positive}', negative, positive)
        for kind in ("points", "share", "fte", "num", "score", "factor"):
            assert formats[kind].split(";")[1].startswith(f'"{fmt.MINUS}"'), kind
    assert fmt.excel_formats("de")["eur"].startswith("#,##0 [$€")  # 1.234 €
    assert fmt.excel_formats("en")["eur"].startswith("[$€")  # €1,234
    assert FORMATS == fmt.excel_formats("de")


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("scope", ["ozg", None])
def test_every_number_format_of_the_export_comes_from_fmt(
    conn: duckdb.DuckDBPyConnection, lang: str, scope: str | None
) -> None:
    request = _request(lang)
    data = (
        excel_export.area_workbook(conn, scope, request)
        if scope
        else excel_export.all_areas_workbook(conn, request)
    )
    book = openpyxl.load_workbook(io.BytesIO(data))
    allowed = set(fmt.excel_formats(lang).values())
    seen: set[str] = set()
    numbers = 0
    for ws in book.worksheets:
        if ws.sheet_state == "hidden":  # the export's base for the import, not for reading
            continue
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, bool) or value is None:
                    continue
                if isinstance(value, int | float | dt.datetime):
                    numbers += 1
                    seen.add(cell.number_format)
                    assert cell.number_format in allowed | {UNSTYLED}, (
                        ws.title,
                        cell.coordinate,
                        cell.number_format,
                    )
                elif isinstance(value, str) and value.startswith("="):
                    assert cell.number_format in allowed, (ws.title, cell.coordinate)
    assert numbers > 100
    euro = {fmt.excel_formats(lang)["eur"]}
    assert euro <= seen  # the money columns are formatted, not left General
    if scope is None:  # the summary's cost changes carry the sign convention
        assert fmt.excel_formats(lang)["eur_change"] in seen


def _shown(soffice: str, data: bytes, folder: Path, locale: str) -> list[list[str]]:
    """The first sheet as a reader sees it: LibreOffice in ``locale`` writes the cells'
    displayed texts to CSV (UTF-8, "as shown")."""
    source = folder / "in" / "book.xlsx"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_bytes(data)
    out = folder / "out"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "LANG": locale, "LC_ALL": locale},
    )
    return list(csv.reader(io.StringIO((out / "book.csv").read_text("utf-8"))))


@pytest.mark.parametrize(("lang", "locale"), [("de", "de_DE.UTF-8"), ("en", "en_US.UTF-8")])
def test_a_spreadsheet_shows_the_summary_as_the_app_does(
    conn: duckdb.DuckDBPyConnection, soffice: str, tmp_path: Path, lang: str, locale: str
) -> None:
    """Investment and the two cost changes of the Gesamtübersicht, as LibreOffice in the
    reader's locale displays them, equal fmt.eur / fmt.cost_change of the cell values."""
    data = excel_export.all_areas_workbook(conn, _request(lang))
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    shown = _shown(soffice, data, tmp_path, locale)
    header = next(i for i, r in enumerate(shown) if r and r[0] == i18n.t("col_area", lang))
    columns = {name: j for j, name in enumerate(shown[header])}
    money = {
        i18n.t("col_investment", lang): fmt.eur,
        i18n.t("xl_col_annual_change", lang): fmt.cost_change,
        i18n.t("xl_col_npv_change", lang, years=settings.get("horizon_years")): fmt.cost_change,
    }
    checked = signs = 0
    for offset, line in enumerate(shown[header + 1 : header + 7]):
        for name, expected in money.items():
            value = ws.cell(header + 2 + offset, columns[name] + 1).value
            assert isinstance(value, int | float), (name, value)  # numbers, not text
            assert line[columns[name]] == expected(value, 0, lang), (name, value)
            checked += 1
            signs += value < 0
    assert checked == 18 and signs > 0  # the true minus was really displayed
    assert i18n.t("sign_convention", lang) in {r[0] for r in shown if r}
