"""Daten page, editors only: edit tables with ``st.data_editor``, add and remove entries.

Each table shows the rows as loaded (kept in the session while edits are pending, so a
save can tell whether someone else changed a row meanwhile). "Änderungen speichern" sends
the changed cells to :func:`core.editing.edits.save_edits`: invalid cells come back as a German
list, conflicts as a table with the loaded, the stored and the user's value; nothing is
written in either case. Nothing here decides who may write – core refuses a non-editor.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from core import editing, scoring, store, views
from core.errors import CockpitError
from ui import data, flash, text
from ui.context import Context
from ui.text import t

AREA_KEY = "edit_area"
PENDING_REMOVAL_KEY = "_edit_pending_removal"
FLASH = "edit"
TABS = (
    ("options", "edit_tab_options"),
    ("cost_lines", "edit_tab_costs"),
    ("assessments", "edit_tab_assessments"),
    ("systems", "edit_tab_systems"),
    ("sources", "edit_tab_sources"),
    ("criteria", "edit_tab_criteria"),
)
LABELS = {
    "id": "edit_col_id",
    "key": "edit_col_id",
    "area": "edit_col_area",
    "replaces_system": "edit_col_replaces",
    "name": "col_name",
    "pathway": "col_pathway",
    "partner": "col_partner",
    "description": "edit_col_description",
    "source": "edit_col_source_keys",
    "title": "edit_col_title",
    "publisher": "col_publisher",
    "address": "col_address",
    "published": "col_published",
    "accessed": "col_accessed",
    "note": "col_note",
    "kind": "col_kind",
    "operator": "col_operator",
    "annual_cost_eur": "col_annual",
    "reach_value": "col_reach",
    "reach_unit": "edit_col_reach_unit",
    "in_use_since": "col_since",
    "notes": "col_notes",
    "is_estimate": "col_estimate",
    "estimate_reason": "edit_col_reason",
    "option_id": "edit_col_option_id",
    "option_name": "col_option",
    "item": "col_item",
    "investment_eur": "col_investment",
    "staff_fte": "col_fte",
    "criterion_label": "col_criterion",
    "range_min": "edit_col_min",
    "range_max": "edit_col_max",
    "value": "col_value",
    "rationale": "col_rationale",
    "assessed_on": "edit_col_assessed_on",
    "derived_from": "edit_col_derived",
    "label_de": "edit_col_label_de",
    "label_en": "edit_col_label_en",
    "unit": "col_unit",
    "grp": "col_group",
    "direction": "col_direction",
    "min_value": "edit_col_min",
    "max_value": "edit_col_max",
    "default_weight": "col_default_weight",
    "help_de": "edit_col_help",
    "sort_order": "edit_col_order",
    "value_low": "xl_h_value_low",
    "value_high": "xl_h_value_high",
    "investment_low": "xl_h_investment_low",
    "investment_high": "xl_h_investment_high",
    "annual_low": "xl_h_annual_low",
    "annual_high": "xl_h_annual_high",
}
HIDDEN = {"assessments": ("option_id", "criterion"), "cost_lines": ("option_id",)}


def number_field(label: str, default: float, key: str, decimals: int = 0) -> str:
    """A number typed as text, shown the German way ("60.000", "0,5"): an <input
    type=number> cannot group digits. The text goes to core as typed; core's validation
    reads "60.000", "60000" and "1.234,5" and refuses anything else with a message."""
    lang = text.lang()
    typed = st.text_input(label, value=views.format_number(default, decimals, lang), key=key)
    return typed.replace(",", "") if lang == "en" else typed  # "60,000" in English


def label(column: str) -> str:
    """The German (or English) heading of a column."""
    key = LABELS.get(column)
    if key:
        return t(key)
    if column.endswith("_en"):  # the English twin of a German text column (core.editing)
        german = next((g for g in (column[:-3], column[:-3] + "_de") if g in LABELS), None)
        if german:
            return t("edit_col_english", label=label(german))
    return column


def _choice_labels(column: str) -> Callable[[Any], str]:
    def fmt(value: Any) -> str:
        if column == "pathway":
            return t(f"pathway_{value}")
        if column == "kind":
            return t(f"kind_{value}")
        if column == "grp":
            return t(f"group_{value}")
        if column == "direction":
            return t(f"direction_{value}")
        return str(value)

    return fmt


def _column(spec_field: editing.Field | None, column: str) -> Any:
    name = label(column)
    if spec_field is None:
        return st.column_config.Column(name, disabled=True)
    if spec_field.kind == "choice":
        return st.column_config.SelectboxColumn(
            name,
            options=list(spec_field.choices),
            format_func=_choice_labels(column),
            required=True,
        )
    if spec_field.kind == "boolean":
        return st.column_config.CheckboxColumn(name)
    if spec_field.kind == "date":
        return st.column_config.DateColumn(name, format="DD.MM.YYYY")
    if spec_field.kind in ("number", "integer"):
        return st.column_config.NumberColumn(
            name,
            min_value=spec_field.minimum,
            max_value=spec_field.maximum,
            step=1 if spec_field.kind == "integer" else None,
            required=not spec_field.nullable,
            # Grouped like every other number ("60.000" in a German browser), not "60000".
            format="localized",
        )
    return st.column_config.TextColumn(
        name, max_chars=spec_field.max_length, required=spec_field.kind == "required_text"
    )


def snapshot_key(entity: str, area: str) -> str:
    return f"_edit_snap_{entity}_{area}"


def editor_key(entity: str, area: str, version: int) -> str:
    """Session key of a table's editor (changes when the table is reloaded)."""
    return f"edit_{entity}_{area}_{version}"


def _pending(key: str) -> bool:
    state = st.session_state.get(key)
    return isinstance(state, dict) and bool(
        state.get("edited_rows") or state.get("added_rows") or state.get("deleted_rows")
    )


def _snapshot(ctx: Context, entity: str, area: str) -> tuple[int, pd.DataFrame]:
    """The rows as loaded: kept while edits are pending, reloaded when the data changed."""
    key = snapshot_key(entity, area)
    held = st.session_state.get(key)
    if held is not None and (held[0] == ctx.version or _pending(editor_key(entity, area, held[0]))):
        return held
    with data.cursor() as cur:
        frame = editing.edit_frame(cur, entity, area)
    st.session_state[key] = (ctx.version, frame)
    return ctx.version, frame


def _row_labels(entity: str, frame: pd.DataFrame) -> dict[str, str]:
    labels = {}
    for _, row in frame.iterrows():
        key = editing.key_text(editing.row_key(entity, row))
        if entity == "assessments":
            labels[key] = f"{row['option_name']} – {row['criterion_label']}"
        elif entity == "cost_lines":
            labels[key] = f"{row['option_name']} – {row['item']}"
        elif entity == "criteria":
            labels[key] = str(row["label_de"])
        else:
            labels[key] = str(row["name"])
    return labels


def _shown(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nein"
    return str(value)


def issue_table(issues: Sequence[editing.CellIssue], labels: dict[str, str]) -> pd.DataFrame:
    """Invalid cells as a German table: row, column, entry, problem."""
    return pd.DataFrame(
        {
            t("edit_issue_row"): [labels.get(i.key, i.key) or "–" for i in issues],
            t("edit_issue_field"): [label(i.field) if i.field else "–" for i in issues],
            t("edit_issue_value"): [_shown(i.value) for i in issues],
            t("edit_issue_problem"): [i.message(text.lang()) for i in issues],
        }
    )


def conflict_table(conflicts: Sequence[editing.Conflict], labels: dict[str, str]) -> pd.DataFrame:
    """Conflicts with both values (and the user's own entry)."""
    removed = t("edit_conflict_removed")
    return pd.DataFrame(
        {
            t("edit_issue_row"): [labels.get(c.key, c.key) for c in conflicts],
            t("edit_issue_field"): [removed if c.removed else label(c.field) for c in conflicts],
            t("edit_conflict_loaded"): [_shown(c.loaded) for c in conflicts],
            t("edit_conflict_current"): [
                removed if c.removed else _shown(c.current) for c in conflicts
            ],
            t("edit_conflict_mine"): [_shown(c.mine) for c in conflicts],
        }
    )


def _edits(entity: str, frame: pd.DataFrame, state: dict[str, Any]) -> list[editing.RowEdit]:
    edits = []
    for position, changes in (state.get("edited_rows") or {}).items():
        index = int(position)
        if not 0 <= index < len(frame) or not isinstance(changes, dict):
            continue
        row = frame.iloc[index]
        edits.append(
            editing.RowEdit(
                entity,
                editing.row_key(entity, row),
                editing.loaded_values(entity, row),
                dict(changes),
            )
        )
    return edits


def _outcome_key(entity: str, area: str) -> str:
    return f"_edit_outcome_{entity}_{area}"


def _save(actor: editing.Actor, entity: str, area: str, frame: pd.DataFrame, key: str) -> None:
    edits = _edits(entity, frame, st.session_state.get(key) or {})
    outcome = _outcome_key(entity, area)
    if not edits:
        st.session_state[outcome] = ("info", t("edit_nothing"))
        return
    try:
        with data.cursor() as cur:
            result = editing.save_edits(cur, actor, edits)
    except editing.ValidationFailed as exc:
        st.session_state[outcome] = ("issues", exc.issues)
        return
    except editing.EditConflict as exc:
        st.session_state[outcome] = ("conflicts", exc.conflicts)
        return
    except CockpitError as exc:
        st.session_state[outcome] = ("error", text.message(exc))
        return
    st.session_state.pop(snapshot_key(entity, area), None)
    st.session_state.pop(outcome, None)
    flash.set(
        FLASH,
        t("edit_saved", count=result.entries, version=result.version)
        if result.entries
        else t("edit_nothing"),
    )
    st.rerun()


def _show_outcome(entity: str, area: str, frame: pd.DataFrame) -> None:
    held = st.session_state.get(_outcome_key(entity, area))
    if not held:
        return
    kind, payload = held
    labels = _row_labels(entity, frame)
    if kind == "issues":
        st.error(t("edit_errors_header"))
        st.dataframe(issue_table(payload, labels), hide_index=True, width="stretch")
    elif kind == "conflicts":
        st.error(t("edit_conflict_header"))
        st.dataframe(conflict_table(payload, labels), hide_index=True, width="stretch")
    elif kind == "error":
        st.error(payload)
    else:
        st.info(payload)


def _discard(entity: str, area: str) -> None:
    st.session_state.pop(snapshot_key(entity, area), None)
    st.session_state.pop(_outcome_key(entity, area), None)


def table_section(ctx: Context, actor: editing.Actor, entity: str, area: str) -> None:
    """One editable table with its save and discard buttons."""
    loaded_version, frame = _snapshot(ctx, entity, area)
    key = editor_key(entity, area, loaded_version)
    if loaded_version != ctx.version:
        st.info(t("edit_stale_note", loaded=loaded_version, current=ctx.version))
    spec = editing.editable_fields(entity)  # with the English twins of the text columns
    shown = [c for c in frame.columns if c not in HIDDEN.get(entity, ())]
    st.data_editor(
        frame,
        key=key,
        hide_index=True,
        num_rows="fixed",
        column_order=shown,
        disabled=editing.read_only_columns(entity, list(frame.columns)),
        column_config={c: _column(spec.get(c), c) for c in frame.columns},
        width="stretch",
    )
    st.caption(t("edit_readonly_cols"))
    save, discard = st.columns(2)
    if save.button(t("edit_save"), key=f"save_{entity}_{area}", type="primary", width="stretch"):
        _save(actor, entity, area, frame, key)
    discard.button(
        t("edit_discard"),
        key=f"discard_{entity}_{area}",
        on_click=_discard,
        args=(entity, area),
        width="stretch",
    )
    _show_outcome(entity, area, frame)


# --- add and remove -------------------------------------------------------------------------------


def _run_change(action: Callable[[Any], Any], done: Callable[[Any], str]) -> None:
    """Run a core write with a fresh cursor; show German errors; flash and rerun on success."""
    try:
        with data.cursor() as cur:
            result = action(cur)
    except editing.ValidationFailed as exc:
        st.error(t("edit_errors_header"))
        st.dataframe(issue_table(exc.issues, {}), hide_index=True, width="stretch")
        return
    except (CockpitError, editing.PermissionDeniedError) as exc:
        st.error(text.message(exc))
        return
    flash.set(FLASH, done(result))
    st.rerun()


def _add_option(ctx: Context, actor: editing.Actor, area: str) -> None:
    with st.expander(t("edit_add_option")), st.form(f"add_option_{area}", clear_on_submit=False):
        values = {
            "area": area,
            "name": st.text_input(label("name"), key="new_option_name"),
            "pathway": st.selectbox(
                label("pathway"),
                store.PATHWAYS,
                index=1,
                format_func=_choice_labels("pathway"),
                key="new_option_pathway",
            ),
            "partner": st.text_input(label("partner"), key="new_option_partner"),
            "description": st.text_area(label("description"), key="new_option_description"),
            "source": st.text_input(label("source"), key="new_option_source"),
            # English texts (optional; the English UI shows the German text where none is given)
            "name_en": st.text_input(label("name_en"), key="new_option_name_en"),
            "description_en": st.text_area(
                label("description_en"), key="new_option_description_en"
            ),
        }
        if st.form_submit_button(t("edit_add_button")):
            _run_change(
                lambda cur: editing.add_option(cur, actor, values),
                lambda r: t("edit_added", name=views.md(values["name"]), version=r[1].version),
            )


def _add_criterion(actor: editing.Actor) -> None:
    with st.expander(t("edit_add_criterion")), st.form("add_criterion", clear_on_submit=False):
        values = {
            "label_de": st.text_input(label("label_de"), key="new_crit_label_de"),
            "label_en": st.text_input(label("label_en"), key="new_crit_label_en"),
            "grp": st.selectbox(
                label("grp"), scoring.GROUPS, format_func=_choice_labels("grp"), key="new_crit_grp"
            ),
            "direction": st.selectbox(
                label("direction"),
                ("benefit", "cost"),
                format_func=_choice_labels("direction"),
                key="new_crit_dir",
            ),
            "unit": st.text_input(label("unit"), value="Punkte (0–10)", key="new_crit_unit"),
            "min_value": number_field(label("min_value"), 0, key="new_crit_min"),
            "max_value": number_field(label("max_value"), 10, key="new_crit_max"),
            "default_weight": number_field(label("default_weight"), 20, key="new_crit_weight"),
            "help_de": st.text_input(label("help_de"), key="new_crit_help"),
        }
        if st.form_submit_button(t("edit_add_button")):
            _run_change(
                lambda cur: editing.add_criterion(cur, actor, values),
                lambda r: t("edit_added", name=views.md(values["label_de"]), version=r[1].version),
            )


def _add_source(actor: editing.Actor) -> None:
    with st.expander(t("edit_add_source")), st.form("add_source", clear_on_submit=False):
        values = {
            "title": st.text_input(label("title"), key="new_source_title"),
            "publisher": st.text_input(label("publisher"), key="new_source_publisher"),
            "address": st.text_input(label("address"), key="new_source_address"),
            "published": st.text_input(label("published"), key="new_source_published"),
            "accessed": st.text_input(label("accessed"), key="new_source_accessed"),
            "note": st.text_input(label("note"), key="new_source_note"),
        }
        if st.form_submit_button(t("edit_add_button")):
            _run_change(
                lambda cur: editing.add_source(cur, actor, values),
                lambda r: t("edit_added", name=f"{values['title']} ({r[0]})", version=r[1].version),
            )


def _add_cost_line(actor: editing.Actor, options: dict[str, str], area: str) -> None:
    with st.expander(t("edit_add_cost")), st.form(f"add_cost_{area}", clear_on_submit=False):
        values = {
            "option_id": st.selectbox(
                label("option_name"),
                list(options),
                format_func=options.__getitem__,
                key="new_cost_option",
            ),
            "item": st.text_input(label("item"), key="new_cost_item"),
            "item_en": st.text_input(label("item_en"), key="new_cost_item_en"),
            "investment_eur": number_field(label("investment_eur"), 0, key="new_cost_investment"),
            "annual_cost_eur": number_field(label("annual_cost_eur"), 0, key="new_cost_annual"),
            "staff_fte": number_field(label("staff_fte"), 0, key="new_cost_fte", decimals=1),
            "source": st.text_input(label("source"), key="new_cost_source"),
            "is_estimate": st.checkbox(label("is_estimate"), key="new_cost_estimate"),
            "estimate_reason": st.text_input(label("estimate_reason"), key="new_cost_reason"),
        }
        if st.form_submit_button(t("edit_add_button")):
            _run_change(
                lambda cur: editing.add_cost_line(cur, actor, values),
                lambda r: t("edit_added", name=views.md(values["item"]), version=r[1].version),
            )


def _removal_choices(area: str) -> list[tuple[str, Any, str]]:
    with data.cursor() as cur:
        options = editing.edit_frame(cur, "options", area)
        costs = editing.edit_frame(cur, "cost_lines", area)
        criteria = editing.edit_frame(cur, "criteria", None)
    return [
        *(("options", r.id, f"{t('edit_kind_option')}: {r.name}") for r in options.itertuples()),
        *(
            ("cost_lines", int(r.id), f"{t('edit_kind_cost')}: {r.option_name} – {r.item}")
            for r in costs.itertuples()
        ),
        *(
            ("criteria", r.key, f"{t('edit_kind_criterion')}: {r.label_de}")
            for r in criteria.itertuples()
        ),
    ]


def _set_pending(choice: tuple[str, Any, str] | None) -> None:
    st.session_state[PENDING_REMOVAL_KEY] = choice


def _removal(actor: editing.Actor, area: str) -> None:
    st.subheader(t("edit_remove_header"))
    choices = {
        f"{entity}:{key}": (entity, key, name) for entity, key, name in _removal_choices(area)
    }
    picked = st.selectbox(
        t("edit_remove_pick"),
        list(choices),
        index=None,
        format_func=lambda token: choices[token][2],
        placeholder=t("edit_pick_placeholder"),
        key=f"remove_pick_{area}",
    )
    st.button(
        t("edit_remove_button"),
        key="remove_ask",
        disabled=picked is None,
        on_click=_set_pending,
        args=(choices.get(picked or ""),),
    )
    pending = st.session_state.get(PENDING_REMOVAL_KEY)
    if not pending:
        return
    entity, key, name = pending
    st.warning(t("edit_remove_confirm", name=name))
    yes, no = st.columns(2)
    if yes.button(t("edit_remove_yes"), key="remove_yes", type="primary", width="stretch"):
        st.session_state[PENDING_REMOVAL_KEY] = None
        _run_change(
            lambda cur: editing.remove_row(cur, actor, entity, key),
            lambda r: t("edit_removed", name=name, version=r.version),
        )
    no.button(
        t("edit_remove_no"), key="remove_no", on_click=_set_pending, args=(None,), width="stretch"
    )


def show(ctx: Context, actor: editing.Actor) -> None:
    """The editing sections of the Daten page (nothing but a note for viewers)."""
    if not actor.is_editor:
        st.info(t("edit_viewer_note"))
        return
    lang = text.lang()
    st.header(t("edit_header"))
    st.caption(t("edit_intro"))
    flash.show(FLASH, success_icon="✅")
    slugs = ctx.areas["slug"].tolist()
    area = st.selectbox(
        t("edit_area"), slugs, key=AREA_KEY, format_func=lambda s: ctx.area_name(s, lang)
    )
    tabs = st.tabs([t(label_key) for _, label_key in TABS])
    for tab, (entity, _) in zip(tabs, TABS, strict=True):
        with tab:
            table_section(ctx, actor, entity, area)
    st.caption(t("edit_add_placeholder_note"))
    with data.cursor() as cur:
        options = editing.edit_frame(cur, "options", area)
    _add_option(ctx, actor, area)
    _add_cost_line(actor, dict(zip(options["id"], options["name"], strict=True)), area)
    _add_source(actor)
    _add_criterion(actor)
    _removal(actor, area)
