"""Gremium: stakeholder weights, the group weighting, its spread and who dissents.

A participant link (``?participant=<slug>&token=…``, with tenants also ``&tenant=<key>``) opens
only the entry form; the token is signed (with tenants: with the tenant's own key), so a
made-up link cannot write and a link of one tenant never opens another's form. The
facilitator (an editor) can type weights in during the meeting, create links, and remove
entries.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import pandas as pd
import streamlit as st

from core import analysis, editing, i18n, scoring, settings, views
from core.errors import CockpitError, WeightError
from ui import (
    auth as auth_ui,
    committee_form,
    context,
    data,
    flash,
    profiles,
    tenancy,
    text,
    weights_panel,
)
from ui.text import t

LINK_KEY = "_participant_link"  # (slug, token, name) from the first URL of the session
FLASH = "committee"
ctx = context.get()
lang = text.lang()
if "participant" in st.query_params:  # the URL is rewritten after the first run: keep the link
    st.session_state[LINK_KEY] = (
        st.query_params.get("participant"),
        st.query_params.get("token"),
        st.query_params.get("name"),
    )
members = profiles.stakeholder_profiles(ctx.version)
by_slug = {m.slug: m for m in members}


def _save(who: editing.Actor, entry: committee_form.Entry, slug: str | None) -> None:
    try:
        if entry.weights is None:  # every group slider at 0; a bad name is named first
            editing.profile_name(entry.name)
            raise WeightError("weights_all_zero")
        with data.cursor() as cur:
            analysis.save_stakeholder(cur, who, entry.name, entry.weights, ctx.criteria, slug=slug)
    except CockpitError as exc:
        st.error(text.message(exc))
        return
    key = "comm_participant_saved" if who.role == "participant" else "comm_saved"
    flash.set(FLASH, t(key, name=views.md(entry.name.strip())))
    st.rerun()


def participant_view(slug: object, token: object, offered_name: object = None) -> None:
    """The simple entry form behind a participant link."""
    own = by_slug.get(slug) if isinstance(slug, str) else None
    name = own.name if own else None
    if name is None and isinstance(slug, str):  # nothing saved yet: "Fraktion A", not the slug
        name = editing.participant_display_name(slug, offered_name)
    who, status = auth_ui.participant_actor(slug, token, name)
    st.title(t("comm_participant_title"))
    if who is None:
        refused = {
            editing.LINK_EXPIRED: "comm_participant_expired",
            editing.LINK_REVOKED: "comm_participant_revoked",
        }.get(status, "comm_participant_invalid")
        st.error(t(refused, days=settings.get("link_days")))
        return
    st.markdown(t("auth_role_participant", name=views.md(who.name)))
    st.caption(t("comm_participant_intro"))
    flash.show(FLASH)
    entry = committee_form.weights_form(
        ctx.criteria,
        "participant",
        initial=own.weights if own else None,
        name_default=who.name,
    )
    if entry.submitted:
        _save(who, entry, who.scope)


def _link(slug: str, name: str) -> str:
    """The participant's link; ``name`` (plain text, unsigned) only names them on the form
    until they save, and only if it gives the signed slug (editing.participant_display_name)."""
    params = {"participant": slug, "token": auth_ui.participant_token(slug), "name": name.strip()}
    tenant = tenancy.current()
    if tenant is not None:  # the link opens this tenant's form only (signed with its key)
        params["tenant"] = tenant
    query = urlencode(params)
    url = st.context.url
    if url:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}/gremium?{query}"
    return f"/gremium?{query}"


def facilitator_tools(actor: editing.Actor) -> None:
    """Typing weights in during the meeting, and links for participants' own devices."""
    with st.expander(t("comm_entry_header"), expanded=not members):
        entry = committee_form.weights_form(ctx.criteria, "facilitator")
        if entry.submitted:
            _save(actor, entry, None)
    with st.expander(t("comm_links_header")):
        name = st.text_input(t("comm_link_name"), key="comm_link_name")
        slug = editing.slugify(name)
        if slug:
            st.caption(t("comm_link_text", name=views.md(name.strip())))
            st.code(_link(slug, name), language=None)
            st.caption(t("comm_link_expiry", days=settings.get("link_days")))
        if not auth_ui.link_secret()[1]:
            st.caption(t("comm_link_secret_note"))
        if members:
            _revoke_picker()


def _revoke(slug: str) -> None:
    who = auth_ui.current_actor()  # verified again at the click
    try:
        with data.cursor() as cur:
            editing.revoke_links(cur, who, slug)
    except CockpitError as exc:
        flash.set(FLASH, text.message(exc), "error")
        return
    flash.set(FLASH, t("comm_links_revoked", name=views.md(by_slug[slug].name)))


def _revoke_picker() -> None:
    """Revoke the links of one participant: every link sent to them so far stops working."""
    pick = st.selectbox(
        t("comm_revoke"),
        list(by_slug),
        index=None,
        key="comm_revoke",
        format_func=lambda s: by_slug[s].name,
        placeholder=t("edit_pick_placeholder"),
    )
    if pick:
        st.button(t("comm_revoke_yes"), key="comm_revoke_yes", on_click=_revoke, args=(pick,))


def _remove(slug: str) -> None:
    who = auth_ui.current_actor()  # verified again at the click
    try:
        with data.cursor() as cur:
            editing.delete_scenario(cur, who, slug, kind="stakeholder")
    except CockpitError as exc:
        flash.set(FLASH, text.message(exc), "error")


def member_table() -> pd.DataFrame:
    labels = text.group_labels()
    rows = {t("comm_col_stakeholder"): [m.name for m in members]}
    for group in scoring.GROUPS:
        rows[f"{labels[group]} %"] = [
            round(m.weights.group_shares()[group] * 100, 1) for m in members
        ]
    return pd.DataFrame(rows)


def group_result() -> None:
    """Aggregate, rank every area with the group weighting, show spread and dissent."""
    how = st.radio(
        t("comm_mean"),
        analysis.STAKEHOLDER_MEANS,
        horizontal=True,
        key="comm_mean",
        format_func=lambda m: t(f"comm_mean_{m}"),
        help=t("comm_mean_help"),
    )
    result = analysis.aggregate_stakeholders(
        [m.weights for m in members], ctx.criteria, how, ctx.method
    )
    group = result.weights
    if result.fallbacks:
        names = {"groups": t("weights_header"), **text.group_labels()}
        st.info(t("comm_fallback", levels=", ".join(names[f] for f in result.fallbacks)))
    st.subheader(t("comm_group_header"))
    labels = text.group_labels()
    shares = group.group_shares()
    st.caption(
        t(
            "comm_group_weights",
            weights=" · ".join(
                f"{labels[g]} {views.format_percent(shares[g], 1, lang)}" for g in scoring.GROUPS
            ),
        )
    )
    summary = analysis.overview_of(
        ctx.models(), group.for_criteria(ctx.criteria), group.method
    ).summary
    st.dataframe(
        pd.DataFrame(
            {
                t("col_area"): summary["area"].map(lambda s: ctx.area_name(s, lang)),
                t("col_best"): summary["option"],
                t("col_score"): summary["score"].map(lambda v: views.format_points(v, 1, lang)),
                t("col_lead"): summary["lead"].map(
                    lambda v: "–" if v is None or pd.isna(v) else views.format_lead(v, lang)
                ),
            }
        ),
        hide_index=True,
        width="stretch",
    )
    st.button(
        t("comm_use_group"),
        key="comm_use_group",
        on_click=weights_panel.apply_scenario,
        args=("", group, ctx.criteria),
    )

    st.subheader(t("comm_spread_header"))
    spread = analysis.stakeholder_spread({m.name: m.weights for m in members}, ctx.criteria, group)
    label_col = i18n.localized_column("label", lang)
    crit_labels = dict(zip(ctx.criteria["key"], ctx.criteria[label_col]))
    table = pd.DataFrame(
        {
            t("comm_col_weight"): [
                labels[k] if lvl == "group" else f"{labels[g]} › {crit_labels[k]}"
                for lvl, k, g in zip(spread["level"], spread["key"], spread["group"])
            ],
            t("comm_col_min"): spread["min"],
            t("comm_col_max"): spread["max"],
            t("comm_col_group_value"): spread["aggregate"],
            t("comm_col_range"): spread["range"],
            t("comm_col_min_by"): spread["min_by"],
            t("comm_col_max_by"): spread["max_by"],
        }
    )
    numbers = [
        t(k) for k in ("comm_col_min", "comm_col_max", "comm_col_group_value", "comm_col_range")
    ]
    st.dataframe(
        table.style.format(lambda v: views.format_number(v, 1, lang), subset=numbers).hide(
            axis="index"
        ),
        hide_index=True,
        width="stretch",
    )

    st.subheader(t("comm_dissent_header"))
    dissent = analysis.stakeholder_dissent(
        ctx.models(), {m.name: m.weights for m in members}, group
    )
    differing = dissent[dissent["differs"]]
    if differing.empty:
        st.success(t("comm_dissent_none"))
    else:
        st.dataframe(
            pd.DataFrame(
                {
                    t("comm_col_stakeholder"): differing["stakeholder"],
                    t("col_area"): differing["area"].map(lambda s: ctx.area_name(s, lang)),
                    t("comm_col_own_top"): differing["own_top"],
                    t("comm_col_group_top"): differing["group_top"],
                }
            ),
            hide_index=True,
            width="stretch",
        )


link = st.session_state.get(LINK_KEY)
if link:
    participant_view(*link)
else:
    actor = auth_ui.current_actor()
    st.title(t("page_committee"))
    st.caption(t("comm_intro"))
    flash.show(FLASH)
    if actor.is_editor:
        facilitator_tools(actor)
    else:
        st.info(t("comm_viewer_note"))
    st.subheader(t("comm_profiles_header", count=len(members)))
    if not members:
        st.info(t("comm_none"))
    else:
        st.dataframe(member_table(), hide_index=True, width="stretch")
        if actor.is_editor:
            gone = st.selectbox(
                t("comm_remove"),
                list(by_slug),
                index=None,
                key="comm_remove",
                format_func=lambda s: by_slug[s].name,
                placeholder=t("edit_pick_placeholder"),
            )
            if gone:
                st.warning(t("comm_remove_confirm", name=views.md(by_slug[gone].name)))
                st.button(
                    t("edit_remove_yes"), key="comm_remove_yes", on_click=_remove, args=(gone,)
                )
        group_result()
