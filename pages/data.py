"""Daten: Excel export and template, and the guarded import (upload → check → preview → apply)."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from core import editing, excel
from core.errors import CockpitError
from ui import audit_view, auth as auth_ui, context, data, data_editing, downloads, text
from ui.text import t

EDIT_KEY = "data_edit"
PLAN_KEY = "_data_plan"
DONE_KEY = "_data_applied"

ctx = context.get()
lang = text.lang()
st.title(t("page_data"))
st.caption(t("data_intro"))
if DONE_KEY in st.session_state:
    st.success(st.session_state.pop(DONE_KEY), icon="✅")

st.subheader(t("data_downloads"))
left, right = st.columns(2)
with left:
    downloads.all_areas_button(ctx)
with right:
    downloads.template_button()


def _plan(upload: UploadedFile) -> excel.ImportPlan:
    """Check the file once per upload and data version (a rerun reuses the result)."""
    key = (upload.file_id, ctx.version, lang)
    cached = st.session_state.get(PLAN_KEY)
    if cached and cached[0] == key:
        return cached[1]
    with data.cursor() as cur:
        plan = excel.plan_import(cur, upload.getvalue(), upload.name, lang)
    st.session_state[PLAN_KEY] = (key, plan)
    return plan


def _apply(
    plan: excel.ImportPlan,
    who: editing.Actor,
    *,
    skip_conflicts: bool = False,
    allow_removals: bool = False,
) -> None:
    try:
        with data.cursor() as cur:
            result = excel.apply_plan(
                cur, plan, who, skip_conflicts=skip_conflicts, allow_removals=allow_removals
            )
    except CockpitError as exc:
        st.error(text.message(exc))
        return
    st.session_state.pop(PLAN_KEY, None)
    st.session_state[DONE_KEY] = t(
        "import_applied",
        added=result.added,
        changed=result.changed,
        removed=result.removed,
        version=result.version,
    )
    st.rerun()


def _review(upload: UploadedFile, who: editing.Actor) -> None:
    plan = _plan(upload)
    if not plan.ok:
        whole_file = [text.message(i) for i in plan.issues if not (i.sheet or i.row)]
        st.error(
            "\n".join(
                [t("import_errors_header", count=len(plan.issues))]
                + [f"- {message}" for message in whole_file]
            )
        )
        if len(whole_file) < len(plan.issues):
            st.dataframe(excel.issue_table(plan, lang), hide_index=True, width="stretch")
        return
    st.success(t("data_checked", name=upload.name))
    if plan.is_noop:
        st.info(t("import_nothing_to_do"))
        return
    if plan.export_version is not None and plan.export_version != plan.base_version:
        st.caption(t("import_versions", base=plan.export_version, now=plan.base_version))
    if plan.conflicts:
        st.warning(t("import_conflicts", count=len(plan.conflicts)))
    st.markdown(t("import_preview", **plan.totals()))
    if plan.scope:
        st.caption(t("data_scope", areas=", ".join(ctx.area_name(a, lang) for a in plan.scope)))
    with data.cursor() as cur:
        preview = excel.preview_table(cur, plan, lang)  # removed rows first, after conflicts
    st.dataframe(preview, hide_index=True, width="stretch")
    removed = len(excel.import_removals(plan))
    confirmed = not removed or st.checkbox(
        t("data_confirm_removals", count=removed), key="data_confirm_removals"
    )
    if plan.conflicts:
        left, right = st.columns(2)
        if plan.changes and left.button(
            t("data_apply_rest"), type="primary", key="data_apply_rest", disabled=not confirmed
        ):
            _apply(plan, who, skip_conflicts=True, allow_removals=confirmed)
        if right.button(t("data_cancel"), key="data_cancel"):
            st.session_state.pop(PLAN_KEY, None)
            st.session_state.pop("data_file", None)
            st.rerun()
    elif st.button(t("data_apply"), type="primary", key="data_apply", disabled=not confirmed):
        # the signed-in editor is named in the import log and audit trail
        _apply(plan, who, allow_removals=confirmed)


st.subheader(t("data_upload"))
actor = auth_ui.current_actor()  # verified each run; viewers get no toggle and no write path
if not (
    actor.is_editor and st.toggle(t("data_edit_toggle"), key=EDIT_KEY, help=t("data_edit_help"))
):
    st.info(t("data_read_only") if actor.is_editor else t("edit_viewer_note"))
else:
    upload = st.file_uploader(t("data_upload"), key="data_file", label_visibility="collapsed")
    if upload is not None:
        try:
            _review(upload, actor)
        except Exception as exc:  # noqa: BLE001 - the page promises no traceback
            st.error(t("data_unexpected", kind=type(exc).__name__))
    data_editing.show(ctx, actor)

st.subheader(t("data_log"))
with data.cursor() as cur:
    log = excel.import_log(cur)
if log.empty:
    st.caption(t("data_log_empty"))
else:
    st.dataframe(
        pd.DataFrame(
            {
                t("data_log_when"): log["imported_at"],
                t("data_log_who"): log["imported_by"],
                t("data_log_file"): log["file_name"],
                t("data_log_areas"): log["areas"],
                t("data_action_added"): log["added"],
                t("data_action_changed"): log["changed"],
                t("data_action_removed"): log["removed"],
                t("data_log_version"): log["data_version"],
            }
        ),
        hide_index=True,
        width="stretch",
    )

audit_view.show(ctx, actor)
