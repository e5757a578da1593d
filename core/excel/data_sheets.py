"""The data sheets of every export and of the template: Bewertung, Bestand, Optionen, Kosten,
and Importumfang. Their columns come from :mod:`core.excel.schema`; the importer reads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from openpyxl.worksheet.worksheet import Worksheet

from core import i18n
from core.excel.layout import (
    WorkbookBuilder,
    add_table,
    fit_row,
    fit_widths,
    header_row,
    list_validation,
    print_setup,
)
from core.excel.schema import (
    ASSESSMENTS,
    COST_LINES,
    OPTIONS,
    SCOPE,
    SOURCES,
    SYSTEMS,
    DataSheet,
)
from core.excel.snapshot import Snapshot, t
from core.excel.writer import Block
from core.store import sourcerefs
from core.views import sourcing as sourcing_view


def plain(value: Any) -> Any:
    """A cell value from a pandas value: NaN/NaT/NA → None, numpy scalars → Python."""
    if value is None:
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        return value
    return value.item() if hasattr(value, "item") else value


def _column_values(frame: pd.DataFrame, key: str, kind: str) -> list[Any]:
    """One column as cell values of the column's kind (vectorised; missing → None/"")."""
    if key not in frame:
        return [None] * len(frame)
    series = frame[key]
    if kind in ("number", "integer", "cost_id"):
        numbers = pd.to_numeric(series, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        if kind == "number":
            return numbers.tolist()  # NaN cells are left empty by the writer
        return [None if np.isnan(v) else int(v) for v in numbers.tolist()]
    if kind == "bool":
        return series.fillna(False).astype(bool).tolist()
    if kind == "date":
        dates = pd.to_datetime(series, errors="coerce")
        return [None if pd.isna(v) else v.date() for v in dates]
    missing = series.isna().to_numpy()
    values = series.astype(object).tolist()
    return ["" if m else str(v) for v, m in zip(values, missing, strict=True)]


def data_rows(sheet: DataSheet, frame: pd.DataFrame) -> list[list[Any]]:
    """Rows of a data sheet from a frame holding the sheet's column keys."""
    columns = [_column_values(frame, c.key, c.kind) for c in sheet.columns]
    return [list(row) for row in zip(*columns, strict=True)] if columns else []


def data_sheet(
    book: WorkbookBuilder,
    sheet: DataSheet,
    title: str,
    rows: list[list[Any]],
    table: str,
    heading: str,
) -> Worksheet:
    """A data sheet: header in row 1 (frozen), table, widths, drop-downs, print set-up."""
    ws = book.sheet(title)
    lang = book.lang
    headers = [c.header(lang) for c in sheet.columns]
    header_row(ws, 1, headers, book.styles)
    last_row = 1 + max(len(rows), 1)
    add_table(ws, book.table(table), 1, last_row, headers)
    columns = [[row[j] for row in rows] for j in range(len(headers))]
    widths = fit_widths(ws, columns, headers, [c.width for c in sheet.columns])
    fit_row(ws, 1, list(zip(headers, widths, strict=True)))
    for j, column in enumerate(sheet.columns, start=1):
        letter = ws.cell(row=1, column=j).column_letter
        if column.choices:
            list_validation(ws, column.choices, f"{letter}2:{letter}{max(last_row, 1000)}")
    ws.freeze_panes = "A2"
    print_setup(ws, "1:1", heading)
    book.blocks.append(Block(ws, 2, [c.style for c in sheet.columns], rows, widths=widths))
    return ws


def assessment_frame(snap: Snapshot, lang: str) -> pd.DataFrame:
    """All assessments with area, option name, criterion label, unit and direction, sorted."""
    options = snap.options.reset_index(drop=True)
    crit = snap.criteria.set_index("key")
    label = i18n.localized_column("label", lang)
    frame = snap.assessments.merge(
        options[["id", "area", "name"]].rename(columns={"id": "option_id", "name": "option"}),
        on="option_id",
        how="inner",
    )
    order = {k: i for i, k in enumerate(snap.criteria["key"])}
    option_order = {k: i for i, k in enumerate(options["id"])}
    frame = frame.assign(
        _o=frame["option_id"].map(option_order), _c=frame["criterion"].map(order)
    ).sort_values(["_o", "_c"], kind="stable")
    directions = {d: t(f"direction_{d}", lang) for d in ("benefit", "cost")}
    return frame.assign(
        criterion_label=frame["criterion"].map(crit[label]),
        unit=frame["criterion"].map(crit["unit"]),
        direction=frame["criterion"].map(crit["direction"]).map(directions),
    )


def area_data_sheets(
    book: WorkbookBuilder,
    snap: Snapshot,
    area: str,
    titles: dict[str, str],
    assessments: pd.DataFrame,
    heading: str,
) -> None:
    options = snap.options[snap.options["area"] == area]
    lang = book.lang
    frames = {
        "systems": snap.with_stand(snap.systems[snap.systems["area"] == area], lang),
        "options": snap.with_stand(options, lang),
        "costs": snap.with_stand(
            snap.cost_lines[snap.cost_lines["option_id"].isin(options["id"])], lang
        ),
        "assessments": snap.with_stand(assessments[assessments["area"] == area], lang),
    }
    sheets = {
        "assessments": ASSESSMENTS,
        "systems": SYSTEMS,
        "options": OPTIONS,
        "costs": COST_LINES,
    }
    for kind, sheet in sheets.items():
        data_sheet(
            book,
            sheet,
            titles[kind],
            data_rows(sheet, frames[kind]),
            f"{sheet.table}_{area}",
            f"{heading} – {sheet.title(book.lang)}",
        )


def sources_sheet(book: WorkbookBuilder, snap: Snapshot, areas: Sequence[str]) -> None:
    """The Quellen sheet: every source the exported areas cite, with publication and accessed
    date, stand (flagged when older than the limit), what it supports and the note. Export
    only; the importer ignores it."""
    lang = book.lang
    cited = snap.sources[
        snap.sources["areas"].map(lambda a: bool(set(str(a).split(",")) & set(areas)))
    ]
    sourcing = snap.sourcing
    frame = cited.assign(
        address=[sourcerefs.href(a) if a else "" for a in cited["address"]],
        published=[sourcing_view.partial_date(p, lang) for p in cited["published"]],
        accessed=[sourcing_view.partial_date(p, lang) for p in cited["accessed"]],
        stand=[
            sourcing_view.stand_label(
                sourcerefs.stand(p, a), lang, sourcing.today, sourcing.max_age_years
            )
            if sourcing is not None
            else ""
            for p, a in zip(cited["published"], cited["accessed"], strict=True)
        ],
    )
    title = SOURCES.title(lang)
    data_sheet(book, SOURCES, title, data_rows(SOURCES, frame), "sources", title)


def scope_sheet(book: WorkbookBuilder, snap: Snapshot, areas: Sequence[str]) -> None:
    """The Importumfang sheet: the areas this file replaces completely on import."""
    names = snap.areas.set_index("slug")[i18n.localized_column("name", book.lang)]
    frame = pd.DataFrame({"area": list(areas), "area_name": [names[a] for a in areas]})
    data_sheet(
        book,
        SCOPE,
        SCOPE.title(book.lang),
        data_rows(SCOPE, frame),
        "scope",
        SCOPE.title(book.lang),
    )
