"""Nachnutzung: the shared catalogue – review updates, browse/search/filter, adopt, publish."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import editing, excel, views
from core.errors import CockpitError
from ui import auth as auth_ui, context, data, flash, text
from ui.text import t

FLASH = "reuse"
ctx = context.get()
lang = text.lang()
actor = auth_ui.current_actor()
pathways = text.pathway_labels()
area_names = dict(zip(ctx.areas["slug"], ctx.areas["name_de"], strict=True))

st.title(t("page_reuse"))
st.caption(t("reuse_intro"))
flash.show(FLASH)

with data.cursor() as cur:
    shared = editing.catalogue_is_shared(cur)
    offers = editing.update_offers(cur)
    adopted = editing.adopted_options(cur)
if not shared:
    st.info(t("reuse_single_city_note"))


def _run(action: str, **args: object) -> None:
    """One write through core (the actor is verified again at the click); flash the outcome."""
    who = auth_ui.current_actor()
    try:
        with data.cursor() as cur:
            if action == "accept":
                editing.accept_update(cur, who, args["option_id"])
                message = t("reuse_accepted", name=views.md(args["name"]))
            elif action == "decline":
                editing.decline_update(cur, who, args["option_id"])
                message = t("reuse_declined", name=views.md(args["name"]))
            elif action == "adopt":
                done = editing.adopt_entry(cur, who, args["entry_id"], args["area"])
                message = t("reuse_adopted", name=views.md(args["name"]), id=done.option_id)
                if done.skipped:
                    message += " " + t("reuse_skipped", items=views.md("; ".join(done.skipped)))
            else:
                revision, _ = editing.publish_option(cur, who, args["option_id"], args["note"])
                message = t("reuse_published", name=views.md(args["name"]), revision=revision)
    except CockpitError as exc:
        flash.set(FLASH, text.message(exc), "error")
        return
    flash.set(FLASH, message)


# --- updates of adopted options ------------------------------------------------------------
st.subheader(t("reuse_updates_header"))
if not offers:
    st.caption(t("reuse_no_updates"))
for offer in offers:
    title = t(
        "reuse_update_title",
        name=views.md(offer.option_name),
        publisher=views.md(offer.latest.publisher),
        old=offer.adopted.revision,
        new=offer.latest.revision,
    )
    with st.expander(title, expanded=True):
        if offer.latest.note:
            st.markdown(t("reuse_update_note", note=views.md(offer.latest.note)))
        st.dataframe(
            pd.DataFrame(
                {
                    t("reuse_col_part"): [t(f"reuse_part_{c.part}") for c in offer.changes],
                    t("reuse_col_row"): [c.key for c in offer.changes],
                    t("reuse_col_field"): [
                        excel.column_header(c.table, c.field, lang)
                        if c.field
                        else t("reuse_whole_row")
                        for c in offer.changes
                    ],
                    t("reuse_col_old"): [editing.reuse_value_text(c.old) for c in offer.changes],
                    t("reuse_col_new"): [editing.reuse_value_text(c.new) for c in offer.changes],
                }
            ),
            hide_index=True,
            width="stretch",
        )
        if actor.is_editor:
            left, right = st.columns(2)
            args = {"option_id": offer.option_id, "name": offer.option_name}
            left.button(
                t("reuse_accept"),
                key=f"reuse_accept_{offer.option_id}",
                type="primary",
                on_click=_run,
                args=("accept",),
                kwargs=args,
            )
            right.button(
                t("reuse_decline"),
                key=f"reuse_decline_{offer.option_id}",
                on_click=_run,
                args=("decline",),
                kwargs=args,
            )
        else:
            st.caption(t("reuse_viewer_note"))

# --- browse, search, filter, adopt ---------------------------------------------------------
st.subheader(t("reuse_browse_header"))
left, middle, right = st.columns(3)
query = left.text_input(t("reuse_search"), key="reuse_search")
with data.cursor() as cur:
    every = editing.catalogue_entries(cur)
areas_seen = sorted({(e.area, e.area_name) for e in every}, key=lambda pair: pair[1])
area_filter = middle.selectbox(
    t("reuse_filter_area"),
    [None, *(slug for slug, _ in areas_seen)],
    format_func=lambda s: t("reuse_all") if s is None else dict(areas_seen)[s],
    key="reuse_area",
)
pathway_filter = right.selectbox(
    t("reuse_filter_pathway"),
    [None, *pathways],
    format_func=lambda p: t("reuse_all") if p is None else pathways[p],
    key="reuse_pathway",
)
with data.cursor() as cur:
    found = editing.catalogue_entries(cur, text=query, area=area_filter, pathway=pathway_filter)
if not every:
    st.info(t("reuse_empty"))
elif not found:
    st.info(t("reuse_no_match"))
else:
    st.dataframe(
        pd.DataFrame(
            {
                t("reuse_col_publisher"): [e.publisher for e in found],
                t("reuse_col_area"): [e.area_name for e in found],
                t("reuse_col_option"): [e.name for e in found],
                t("reuse_col_pathway"): [pathways.get(e.pathway, e.pathway) for e in found],
                t("reuse_col_revision"): [e.revision for e in found],
                t("reuse_col_published"): [
                    pd.Timestamp(e.published_at).strftime("%d.%m.%Y") for e in found
                ],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    # keyed by publisher and option, so the choice survives a new revision of the entry
    by_key = {f"{e.publisher_role}/{e.option_key}": e for e in found}
    pick = st.selectbox(
        t("reuse_pick"),
        list(by_key),
        format_func=lambda k: f"{by_key[k].name} – {by_key[k].publisher}",
        key="reuse_pick",
    )
    chosen = by_key.get(pick) or found[0]
    st.markdown(
        t(
            "reuse_entry_detail",
            publisher=views.md(chosen.publisher),
            revision=chosen.revision,
            costs=len(chosen.payload["cost_lines"]),
            assessments=len(chosen.payload["assessments"]),
            sources=len(chosen.payload["sources"]),
        )
    )
    st.markdown(views.md(chosen.description))
    if actor.is_editor:
        slugs = list(area_names)
        target = st.selectbox(
            t("reuse_target_area"),
            slugs,
            index=slugs.index(chosen.area) if chosen.area in slugs else 0,
            format_func=lambda s: area_names[s],
            key="reuse_target",
        )
        st.button(
            t("reuse_adopt"),
            key="reuse_adopt",
            type="primary",
            on_click=_run,
            args=("adopt",),
            kwargs={"entry_id": chosen.id, "area": target, "name": chosen.name},
        )
    else:
        st.caption(t("reuse_viewer_note"))

# --- adopted options and their origin ------------------------------------------------------
st.subheader(t("reuse_adopted_header"))
if adopted.empty:
    st.caption(t("reuse_none_adopted"))
else:
    for row in adopted.itertuples():
        st.markdown(
            t(
                "reuse_origin",
                name=views.md(row.name),
                area=views.md(area_names.get(row.area, row.area)),
                publisher=views.md(row.origin_publisher),
                entry=views.md(row.origin_key),
                revision=row.revision,
            )
        )

# --- publish (editors) ---------------------------------------------------------------------
st.subheader(t("reuse_publish_header"))
if not actor.is_editor:
    st.caption(t("reuse_viewer_note"))
else:
    with data.cursor() as cur:
        options = editing.publishable_options(cur)
    labels = dict(zip(options["id"], options["name"], strict=True))
    with st.form("reuse_publish_form"):
        option = st.selectbox(
            t("reuse_publish_option"),
            list(labels),
            format_func=lambda o: labels[o],
            key="reuse_publish_option",
        )
        note = st.text_input(t("reuse_publish_note"), key="reuse_publish_note")
        if st.form_submit_button(t("reuse_publish"), type="primary", key="reuse_publish"):
            _run("publish", option_id=option, note=note, name=labels.get(option, ""))
            st.rerun()
