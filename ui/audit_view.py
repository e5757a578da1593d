"""Daten page: the audit trail with filters and an Excel download; undo for editors."""

from __future__ import annotations

import datetime as dt
import functools

import pandas as pd
import streamlit as st

from core import editing, excel
from core.errors import CockpitError
from ui import auth as auth_ui, data, flash, text
from ui.context import Context
from ui.text import t

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FLASH = "audit"
LIMIT = 5000


def _filters(names: list[str], ctx: Context) -> tuple[dict[str, object], str | None]:
    every = t("audit_all")
    area = st.selectbox(
        t("audit_filter_area"),
        [None, *ctx.areas["slug"]],
        key="audit_area",
        format_func=lambda a: every if a is None else ctx.area_name(a, text.lang()),
    )
    first, second, third = st.columns(3)
    entity = first.selectbox(
        t("audit_filter_entity"),
        [None, *editing.AUDIT_ENTITIES],
        key="audit_entity",
        format_func=lambda e: every if e is None else t(f"audit_entity_{e}"),
    )
    actor = second.selectbox(
        t("audit_filter_actor"),
        [None, *names],
        key="audit_actor",
        format_func=lambda a: every if a is None else a,
    )
    action = third.selectbox(
        t("audit_filter_action"),
        [None, *editing.AUDIT_ACTIONS],
        key="audit_action",
        format_func=lambda a: every if a is None else t(f"audit_action_{a}"),
    )
    since_col, until_col, text_col = st.columns(3)
    since = since_col.date_input(
        t("audit_filter_from"), value=None, key="audit_from", format="DD.MM.YYYY"
    )
    until = until_col.date_input(
        t("audit_filter_to"), value=None, key="audit_to", format="DD.MM.YYYY"
    )
    search = text_col.text_input(t("audit_filter_text"), key="audit_text")
    return {
        "entity": entity,
        "actor": actor,
        "action": action,
        "since": since,
        "until": until,
        "text": search,
    }, area


def _rows(
    cur: object, filters: dict[str, object], area: str | None, limit: int | None
) -> pd.DataFrame:
    """Filtered entries in words (core.excel.audit_table); the area filter applies to them."""
    table = excel.audit_table(cur, editing.audit_entries(cur, **filters, limit=limit), text.lang())
    if area is not None:
        table = table[table["area_slug"] == area]
    return table


def _excel(
    filters: dict[str, object], area: str | None, version: int, date: str, lang: str
) -> bytes:
    """The filtered entries as .xlsx (runs on click, with its own cursor)."""
    with data.cursor() as cur:
        table = _rows(cur, filters, area, None)
    return excel.audit_workbook(table, version, date, lang)


def _undo(entry_id: int, what: str) -> None:
    actor = auth_ui.current_actor()  # verified again at the click
    try:
        with data.cursor() as cur:
            result = editing.undo_entry(cur, actor, entry_id)
    except CockpitError as exc:
        flash.set(FLASH, text.message(exc), "error")
        return
    flash.set(FLASH, t("audit_undone", what=what, version=result.version))


def _undo_section() -> None:
    st.markdown(f"**{t('audit_undo_header')}**")
    with data.cursor() as cur:
        removable = editing.removed_rows(cur)
    if removable.empty:
        st.caption(t("audit_undo_none"))
        return
    for row in removable.head(20).itertuples(index=False):
        old = editing.decode_audit_value(row.old_value) or {}
        name = old.get("name") or old.get("label_de") or old.get("item") or row.entity_key
        what = f"{t(f'audit_entity_{row.entity}')} „{name}“"
        when = pd.Timestamp(row.changed_at).strftime("%d.%m.%Y %H:%M")
        st.button(
            f"{t('audit_undo_button', what=what)} ({row.actor}, {when})",
            key=f"undo_{row.id}",
            on_click=_undo,
            args=(int(row.id), what),
        )


def show(ctx: Context, actor: editing.Actor) -> None:
    """The audit trail: filters, the table, the Excel download and (editors) undo."""
    lang = text.lang()
    st.header(t("audit_header"))
    st.caption(t("audit_intro"))
    flash.show(FLASH)
    with data.cursor() as cur:
        names = editing.audit_actors(cur)
    filters, area = _filters(names, ctx)
    with data.cursor() as cur:
        table = _rows(cur, filters, area, LIMIT)
    if table.empty:
        st.info(t("audit_empty"))
    else:
        st.caption(t("audit_count", count=len(table)))
        st.dataframe(excel.audit_headed(table, lang), hide_index=True, width="stretch")
        st.download_button(
            t("audit_download"),
            data=functools.partial(_excel, filters, area, ctx.version, ctx.date, lang),
            file_name=f"IT-Reorg_Aenderungsprotokoll_{dt.date.today().isoformat()}.xlsx",
            mime=XLSX_MIME,
            key="audit_download",
        )
    if actor.is_editor:
        _undo_section()
