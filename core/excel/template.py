"""The empty import template: a guide, the four data sheets, the scope sheet, the catalogues.

The template uses exactly the data sheets of an export (:mod:`core.excel.schema`), so what a
person fills in here is read the same way as an edited export. The catalogue sheet lists
the valid area ids, criteria (with unit, direction and valid range), pathways and kinds.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from core import i18n, store
from core.excel.data_sheets import data_rows, data_sheet
from core.excel.layout import (
    WorkbookBuilder,
    add_table,
    fit_row,
    fit_widths,
    header_row,
    print_setup,
    small_table,
    text_cell,
)
from core.excel.schema import ASSESSMENTS, COST_LINES, OPTIONS, SCOPE, SYSTEMS

GUIDE_LINES = 9
GUIDE_WIDTH = 120


def _guide(book: WorkbookBuilder) -> None:
    lang = book.lang
    ws = book.sheet(i18n.t("xl_sheet_guide", lang))
    text_cell(ws, 1, 1, i18n.t("xl_template_title", lang), book.styles, "title")
    for i in range(1, GUIDE_LINES + 1):
        text_cell(ws, 2 + i, 1, f"{i}.", book.styles, "label")
        text_cell(ws, 2 + i, 2, i18n.t(f"xl_guide_{i}", lang), book.styles, "wrap")
        fit_row(ws, 2 + i, [(i18n.t(f"xl_guide_{i}", lang), GUIDE_WIDTH)])
    ws.column_dimensions["A"].width = 5
    ws.column_dimensions["B"].width = GUIDE_WIDTH
    print_setup(ws, "1:1", i18n.t("xl_template_title", lang))


def _catalogue(book: WorkbookBuilder, conn: duckdb.DuckDBPyConnection) -> None:
    """Valid ids and codes, each list as its own table, side by side."""
    lang = book.lang
    t = i18n.t
    ws = book.sheet(t("xl_sheet_catalogue", lang))
    areas = store.areas(conn)
    criteria = store.criteria(conn)
    name = i18n.localized_column("name", lang)
    label = i18n.localized_column("label", lang)
    derived = t("xl_derived", lang)
    blocks: list[tuple[str, list[str], list[str], list[list[object]]]] = [
        (
            "areas",
            [t("xl_h_area_id", lang), t("col_area", lang)],
            ["text", "text"],
            [[a["slug"], a[name]] for a in areas.to_dict("records")],
        ),
        (
            "criteria",
            [
                t("xl_h_criterion_id", lang),
                t("xl_h_criterion", lang),
                t("xl_h_unit", lang),
                t("xl_h_direction", lang),
                t("xl_min", lang),
                t("xl_max", lang),
                t("xl_note", lang),
            ],
            ["text", "text", "text", "text", "num", "num", "text"],
            [
                [
                    c["key"],
                    c[label],
                    c["unit"],
                    t(f"direction_{c['direction']}", lang),
                    float(c["min_value"]),
                    float(c["max_value"]),
                    derived if isinstance(c["derived_from"], str) and c["derived_from"] else "",
                ]
                for c in criteria.to_dict("records")
            ],
        ),
        (
            "pathways",
            [t("xl_h_pathway", lang), t("xl_meaning", lang)],
            ["text", "text"],
            [[p, t(f"pathway_{p}", lang)] for p in store.PATHWAYS],
        ),
        (
            "kinds",
            [t("xl_h_kind", lang), t("xl_meaning", lang)],
            ["text", "text"],
            [[k, t(f"kind_{k}", lang)] for k in store.SYSTEM_KINDS],
        ),
    ]
    column = 1
    for key, headers, styles, rows in blocks:
        text_cell(ws, 1, column, t(f"xl_catalogue_{key}", lang), book.styles, "label")
        header_row(ws, 2, headers, book.styles, first_column=column)
        for i, values in enumerate(rows):
            shifted = [None] * (column - 1) + list(values)
            small_table(ws, book, 3 + i, ["text"] * (column - 1) + styles, [shifted])
        add_table(ws, book.table(f"catalogue_{key}"), 2, 2 + len(rows), headers, first_col=column)
        columns = [[r[j] for r in rows] for j in range(len(headers))]
        fit_widths(ws, columns, headers, first_column=column)
        column += len(headers) + 1
    ws.freeze_panes = "A3"
    print_setup(ws, "1:2", t("xl_sheet_catalogue", lang))


def build(conn: duckdb.DuckDBPyConnection, lang: str = "de") -> bytes:
    """The template workbook as bytes."""
    book = WorkbookBuilder(lang)
    _guide(book)
    for sheet in (SYSTEMS, OPTIONS, COST_LINES, ASSESSMENTS, SCOPE):
        empty = pd.DataFrame({c.key: [] for c in sheet.columns})
        data_sheet(
            book, sheet, sheet.title(lang), data_rows(sheet, empty), sheet.table, sheet.title(lang)
        )
    _catalogue(book, conn)
    return book.bytes()
