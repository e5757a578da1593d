"""Excel export: one review area or all areas as a workbook (bytes), plus a store checksum.

Each area gets: Übersicht (what, when, which data, method and weights, the motion, a
legend), Ranking (exactly :func:`core.scoring.area_model.rank_area`, as values, with a native bar
chart), Rechenmodell (the weighted sum as live formulas, see :mod:`core.excel.model`),
Bewertung (every assessment with unit, direction, rationale, source and estimate flag),
Bestand (current systems) and the data sheets Optionen and Kosten. Together with the
Importumfang sheet, every export is also a valid import template (:mod:`core.excel.importer`).
"""

from __future__ import annotations

import hashlib

import duckdb
import pandas as pd

from core import i18n, store
from core.excel import base as excel_base, model as excel_model
from core.excel.data_sheets import area_data_sheets, assessment_frame, scope_sheet, sources_sheet
from core.excel.layout import (
    WorkbookBuilder,
    sheet_title,
)
from core.excel.sheets import SHEET_KINDS, area_overview, ranking_sheet, summary_sheet
from core.excel.snapshot import ExportRequest, Snapshot, check_request, snapshot, t
from core.scoring import area_model


def _area_label(slug: str) -> str:
    """Short sheet-name prefix from the slug: "ozg" → "OZG", "social-media" → "Social Media"."""
    words = slug.split("-")
    if len(words) == 1 and len(slug) <= 3:
        return slug.upper()
    return " ".join(w.capitalize() for w in words)[:16].strip()


def _area_sheets(
    book: WorkbookBuilder,
    request: ExportRequest,
    snap: Snapshot,
    area: str,
    prefix: str,
    assessments: pd.DataFrame,
) -> dict[str, str]:
    """All sheets of one area; return the sheet title per kind."""
    lang = request.lang
    model = snap.models[area]
    name = snap.areas.set_index("slug").loc[area, i18n.localized_column("name", lang)]
    ranking = area_model.rank_area(model, request.weights, request.method)
    taken = [ws.title for ws in book.wb.worksheets]
    titles: dict[str, str] = {}
    for kind in SHEET_KINDS:
        titles[kind] = sheet_title(f"{prefix}{t(f'xl_sheet_{kind}', lang)}", taken)
        taken.append(titles[kind])
    area_overview(
        book,
        titles["overview"],
        request,
        snap,
        area,
        {k: v for k, v in titles.items() if k != "overview"},
    )
    ranking_sheet(book, titles["ranking"], request, snap, area, ranking, name)
    ws = book.sheet(titles["model"])
    book.blocks.append(
        excel_model.build(
            ws,
            book.styles,
            model,
            request.weights,
            request.method,
            request.horizon_years,
            request.discount_rate,
            name,
            book.table(f"model_{area}"),
            lang,
        )
    )
    area_data_sheets(book, snap, area, titles, assessments, name)
    return titles


_DATA_KINDS = {
    "systems": "systems",
    "options": "options",
    "costs": "cost_lines",
    "assessments": "assessments",
}


def _base_sheet(
    book: WorkbookBuilder, snap: Snapshot, titles: dict[str, dict[str, str]], store_id: str
) -> None:
    """The hidden base sheet of the exported areas (see :mod:`core.excel.base`)."""
    areas = set(titles)
    options = snap.options[snap.options["area"].isin(areas)]
    frames = {
        "systems": snap.systems[snap.systems["area"].isin(areas)],
        "options": options,
        "cost_lines": snap.cost_lines[snap.cost_lines["option_id"].isin(options["id"])],
        "assessments": snap.assessments[snap.assessments["option_id"].isin(options["id"])],
    }
    sheets = [
        (kinds[kind], area, table)
        for area, kinds in titles.items()
        for kind, table in _DATA_KINDS.items()
    ]
    excel_base.base_sheet(book, snap.version, frames, sheets, store_id)


def area_workbook(conn: duckdb.DuckDBPyConnection, area: str, request: ExportRequest) -> bytes:
    """The workbook of one review area (see module docstring)."""
    store.require_area(conn, area)
    snap = snapshot(conn, request.horizon_years, request.discount_rate, request.timestamp().date())
    check_request(request, snap)
    book = WorkbookBuilder(request.lang)
    titles = _area_sheets(book, request, snap, area, "", assessment_frame(snap, request.lang))
    sources_sheet(book, snap, [area])
    scope_sheet(book, snap, [area])
    _base_sheet(book, snap, {area: titles}, store.store_id(conn))
    return book.bytes()


def all_areas_workbook(conn: duckdb.DuckDBPyConnection, request: ExportRequest) -> bytes:
    """One workbook for all areas: a summary sheet, then each area's sheets by area name."""
    snap = snapshot(conn, request.horizon_years, request.discount_rate, request.timestamp().date())
    check_request(request, snap)
    book = WorkbookBuilder(request.lang)
    summary = book.sheet(t("xl_sheet_all_overview", request.lang))
    assessments = assessment_frame(snap, request.lang)
    titles = {
        slug: _area_sheets(book, request, snap, slug, f"{_area_label(slug)} ", assessments)
        for slug in snap.areas["slug"]
    }
    summary_sheet(summary, book, request, snap, titles)
    sources_sheet(book, snap, list(snap.areas["slug"]))
    scope_sheet(book, snap, list(snap.areas["slug"]))
    _base_sheet(book, snap, titles, store.store_id(conn))
    return book.bytes()


def template_workbook(conn: duckdb.DuckDBPyConnection, lang: str = "de") -> bytes:
    """An empty import template: guide, the four data sheets, scope and the catalogues."""
    from core.excel import (
        template as excel_template,  # the template's guide and catalogues live apart
    )

    return excel_template.build(conn, lang)


# --- checksum ---------------------------------------------------------------------------------


def store_checksum(conn: duckdb.DuckDBPyConnection) -> str:
    """SHA-256 over a canonical dump of every table in the store (data, not xlsx bytes).

    An xlsx file carries timestamps, so two exports of the same data differ; this hashes the
    data itself: each table's name, columns and rows in a fixed order.
    """
    digest = hashlib.sha256()
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            " AND table_catalog = current_database() AND table_type = 'BASE TABLE'"
            " ORDER BY table_name"
        ).fetchall()
    ]
    for table in tables:
        columns = [
            r[0]
            for r in conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?"
                " AND table_schema = current_schema() ORDER BY ordinal_position",
                [table],
            ).fetchall()
        ]
        digest.update(f"{table}({','.join(columns)})\n".encode())
        order = ", ".join(str(i) for i in range(1, len(columns) + 1))
        rows = conn.execute(f'SELECT * FROM "{table}" ORDER BY {order}').fetchall()  # noqa: S608
        for row in rows:
            digest.update(repr(row).encode())
            digest.update(b"\n")
    return digest.hexdigest()
