"""Excel download buttons: one area (Bereich page) and all areas (Übersicht, Daten pages).

The workbook is built only when the button is clicked (``data`` is a callable), so moving a
slider never pays for an export. The callable runs outside the script run: it gets every
value it needs as arguments and opens its own cursor.
"""

from __future__ import annotations

import datetime as dt
import functools

import streamlit as st

from core import excel
from ui import data, text
from ui.context import Context
from ui.text import t

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_name(area: str | None, day: dt.date | None = None) -> str:
    """``IT-Reorg_ozg_2026-11-24.xlsx`` (all areas: ``IT-Reorg_alle-Bereiche_…``)."""
    day = day or dt.date.today()
    return f"IT-Reorg_{area or 'alle-Bereiche'}_{day.isoformat()}.xlsx"


def _request(ctx: Context) -> excel.ExportRequest:
    return excel.ExportRequest(
        weights=ctx.weights,
        method=ctx.method,
        horizon_years=ctx.horizon_years,
        discount_rate=ctx.discount_rate,
        lang=text.lang(),
    )


def area_bytes(area: str, request: excel.ExportRequest) -> bytes:
    """The workbook of one area (called on click)."""
    with data.cursor() as cur:
        return excel.area_workbook(cur, area, request)


def all_areas_bytes(request: excel.ExportRequest) -> bytes:
    """The workbook of all areas (called on click)."""
    with data.cursor() as cur:
        return excel.all_areas_workbook(cur, request)


def template_bytes(lang: str) -> bytes:
    """The empty import template (called on click)."""
    with data.cursor() as cur:
        return excel.template_workbook(cur, lang)


def area_button(ctx: Context, area: str) -> None:
    """Download this area's workbook with the current weights and method."""
    st.download_button(
        t("download_area"),
        data=functools.partial(area_bytes, area, _request(ctx)),
        file_name=file_name(area),
        mime=XLSX_MIME,
        key=f"download_area_{area}",
        help=t("download_help"),
        icon=":material/download:",
        on_click="ignore",
    )


def all_areas_button(ctx: Context) -> None:
    """Download one workbook with every area."""
    st.download_button(
        t("download_all"),
        data=functools.partial(all_areas_bytes, _request(ctx)),
        file_name=file_name(None),
        mime=XLSX_MIME,
        key="download_all_areas",
        help=t("download_help"),
        icon=":material/download:",
        on_click="ignore",
    )


def template_button() -> None:
    """Download the empty import template."""
    st.download_button(
        t("data_template"),
        data=functools.partial(template_bytes, text.lang()),
        file_name=f"IT-Reorg_Importvorlage_{dt.date.today().isoformat()}.xlsx",
        mime=XLSX_MIME,
        key="download_template",
        icon=":material/table_view:",
        on_click="ignore",
    )
