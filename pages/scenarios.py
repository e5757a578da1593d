"""Szenarien: save the current weighting under a name; load, rename, delete; compare them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import editing, i18n, scoring, views
from core.errors import CockpitError
from ui import (
    auth as auth_ui,
    context,
    data,
    flash,
    portfolio_section,
    profiles,
    tables,
    text,
    weights_panel,
)
from ui.text import t

FLASH = "scenarios"
CURRENT = "__current__"
ctx = context.get()
lang = text.lang()
actor = auth_ui.current_actor()
saved = profiles.saved_scenarios(ctx.version)
by_slug = {p.slug: p for p in saved}

st.title(t("page_scenarios"))
st.caption(t("scen_intro"))
flash.show(FLASH)


def current_weights() -> scoring.WeightSet:
    """The sidebar's weighting with every sub-criterion weight spelt out."""
    within = ctx.weights.within_weights(ctx.criteria)
    return ctx.weights.with_within(dict(zip(ctx.criteria["key"], within)))


def weights_text(weights: scoring.WeightSet) -> str:
    labels = text.group_labels()
    shares = weights.group_shares()
    return " · ".join(
        f"{labels[g]} {views.format_percent(shares[g], 0, lang)}" for g in scoring.GROUPS
    )


loaded = by_slug.get(st.session_state.get(weights_panel.SCENARIO_KEY) or "")
if loaded:
    st.info(t("scen_active", name=views.md(loaded.name)))

# --- save ------------------------------------------------------------------------------------
st.subheader(t("scen_save_header"))
st.caption(
    t("scen_current", weights=weights_text(current_weights()), method=text.method_label(ctx.method))
)
if not actor.is_editor:
    st.info(t("scen_viewer_note"))
else:
    with st.form("scenario_save_form"):
        name = st.text_input(t("scen_name"), key="scenario_name")
        description = st.text_input(t("scen_description"), key="scenario_description")
        overwrite = st.checkbox(t("scen_overwrite"), key="scenario_overwrite")
        if st.form_submit_button(t("scen_save"), type="primary", key="scenario_save"):
            try:
                with data.cursor() as cur:
                    slug, _ = editing.save_scenario(
                        cur,
                        actor,
                        name,
                        current_weights(),
                        ctx.criteria,
                        overwrite=overwrite,
                        description=description,
                        area_weights=portfolio_section.area_weights(
                            list(ctx.areas["slug"])
                        ).non_default(),
                    )
            except CockpitError as exc:
                st.error(text.message(exc))
            else:
                flash.set(FLASH, t("scen_saved", name=views.md(name.strip()), slug=slug))
                st.rerun()

# --- list, load, rename, delete ----------------------------------------------------------------
st.subheader(t("scen_list_header"))


def _load(profile: editing.Profile) -> None:
    weights_panel.apply_scenario(profile.slug, profile.weights, ctx.criteria)
    portfolio_section.apply_area_weights(profile.area_weights, list(ctx.areas["slug"]))
    flash.set(FLASH, t("scen_loaded", name=views.md(profile.name)))


def _change(action: str, slug: str) -> None:
    """Rename or delete (editors; the actor is verified again at the click)."""
    who = auth_ui.current_actor()
    try:
        with data.cursor() as cur:
            if action == "rename":
                new_name = str(st.session_state.get("scenario_new_name") or "")
                editing.rename_scenario(cur, who, slug, new_name)
                message = t("scen_renamed", name=views.md(new_name.strip()))
            else:
                editing.delete_scenario(cur, who, slug)
                message = t("scen_deleted", name=views.md(by_slug[slug].name))
                st.session_state.pop("_scenario_delete", None)
    except CockpitError as exc:
        flash.set(FLASH, text.message(exc), "error")
        return
    flash.set(FLASH, message)


if not saved:
    st.info(t("scen_none"))
else:
    st.dataframe(
        pd.DataFrame(
            {
                t("scen_col_name"): [p.name for p in saved],
                t("scen_col_author"): [p.author for p in saved],
                t("scen_col_created"): [
                    pd.Timestamp(p.created_at).strftime("%d.%m.%Y %H:%M") for p in saved
                ],
                t("scen_col_method"): [text.method_label(p.weights.method) for p in saved],
                t("print_weights"): [weights_text(p.weights) for p in saved],
                t("scen_col_link"): [f"?scenario={p.slug}" for p in saved],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    pick = st.selectbox(
        t("scen_pick"), list(by_slug), key="scenario_pick", format_func=lambda s: by_slug[s].name
    )
    st.button(
        t("scen_load"), key="scenario_load", on_click=_load, args=(by_slug[pick],), type="primary"
    )
    if actor.is_editor:
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        left.text_input(t("scen_new_name"), key="scenario_new_name")
        right.button(
            t("scen_rename"),
            key="scenario_rename",
            on_click=_change,
            args=("rename", pick),
            width="stretch",
        )
        if st.button(t("scen_delete"), key="scenario_delete_ask"):
            st.session_state["_scenario_delete"] = pick
        if st.session_state.get("_scenario_delete") == pick:
            st.warning(t("scen_delete_confirm", name=views.md(by_slug[pick].name)))
            yes, no = st.columns(2)
            yes.button(
                t("edit_remove_yes"),
                key="scenario_delete_yes",
                on_click=_change,
                args=("delete", pick),
                type="primary",
                width="stretch",
            )
            no.button(
                t("edit_remove_no"),
                key="scenario_delete_no",
                width="stretch",
                on_click=lambda: st.session_state.pop("_scenario_delete", None),
            )

# --- compare -------------------------------------------------------------------------------------
# Anyone (signed in or not) compares the current weighting, the built-in presets and the saved
# scenarios side by side; nothing is saved. Preset keys carry a prefix: a saved scenario may
# have the same slug as a preset.
st.subheader(t("scen_compare_header"))
st.caption(t("scen_compare_intro"))
PRESET = "preset:"
presets = data.presets(ctx.version)
preset_weights = editing.preset_weights(presets, current_weights())
preset_names = {
    PRESET + str(row["slug"]): i18n.localized_value(row, "name", lang)
    for _, row in presets.iterrows()
}
choices = [CURRENT, *preset_names, *by_slug]
names: dict[str, str] = {}
for key, label in [
    (CURRENT, t("scen_compare_current")),
    *((k, t("scen_compare_preset", name=n)) for k, n in preset_names.items()),
    *((s, p.name) for s, p in by_slug.items()),
]:  # each a column of its own, even if a saved scenario is named like another weighting
    shown_as, n = label, 2
    while shown_as in names.values():
        shown_as, n = f"{label} ({n})", n + 1
    names[key] = shown_as
chosen = st.multiselect(
    t("scen_compare_pick"),
    choices,
    default=[CURRENT, *preset_names][:4],
    key="scenario_compare",
    format_func=names.__getitem__,
    placeholder=t("edit_pick_placeholder"),
)


def _weights(key: str) -> scoring.WeightSet:
    if key == CURRENT:
        return current_weights()
    if key.startswith(PRESET):
        return preset_weights[key.removeprefix(PRESET)]
    return by_slug[key].weights


def show_comparison(chosen: list[str]) -> None:
    """Top option per area under each weighting, differing areas marked; rank and score of
    every option per area."""
    named = {names[s]: _weights(s) for s in chosen}
    comparison = editing.compare_scenarios(ctx.models(), named)
    area_names = {s: ctx.area_name(s, lang) for s in ctx.areas["slug"]}
    if comparison.differing:
        st.warning(
            t(
                "scen_differs",
                count=len(comparison.differing),
                total=len(comparison.ranks),
                areas=", ".join(area_names[a] for a in comparison.differing),
            ),
            icon="⚠️",
        )
    else:
        st.success(t("scen_same"))

    st.markdown(f"**{t('scen_top_header')}**")
    cells = comparison.tops.assign(
        top=[
            f"{top} ({views.format_points(score, 1, lang)})"
            for top, score in zip(comparison.tops["top"], comparison.tops["score"])
        ]
    )
    tops = cells.pivot(index="area", columns="scenario", values="top")
    tops = tops.reindex(index=list(comparison.ranks), columns=list(named))
    tops.index = [("⚠ " if a in comparison.differing else "") + area_names[a] for a in tops.index]
    tops.index.name = t("col_area")
    # A wrapping HTML table: with four or five weightings a grid would scroll sideways at
    # 1024 px; the ⚠ marks the areas whose best option differs.
    tables.static(tops.reset_index(), key="scenario_tops")
    st.caption(t("scen_top_note"))

    st.markdown(f"**{t('scen_ranks_header')}**")
    for area, table in comparison.ranks.items():
        differs = area in comparison.differing
        title = t("scen_area_differs" if differs else "scen_area_same", area=area_names[area])
        scores = comparison.scores[area]
        with st.expander(title, expanded=differs):
            shown = pd.DataFrame({t("col_option"): table["option"]})
            for label in named:
                shown[t("scen_col_rank_score", scenario=label)] = [
                    t(
                        "scen_rank_score",
                        rank=int(rank),
                        score=views.format_points(score, 1, lang),
                    )
                    for rank, score in zip(table[label], scores[label])
                ]
            tables.static(shown, key=f"scenario_ranks_{area}", numeric=list(shown.columns[1:]))


if len(chosen) < 2:
    st.info(t("scen_compare_need_two"))
else:
    show_comparison(chosen)
