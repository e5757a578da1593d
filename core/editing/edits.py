"""Validated edits of the data tables with optimistic concurrency, audited, in one transaction.

An edit names a row by its key, carries the row *as it was loaded* and the changed cells.
Saving cleans every changed cell (:mod:`core.editing.validation`), then – in one transaction –
compares the loaded row with the stored one: if anyone changed any editable column of that
row since it was loaded (or removed the row), the whole save is refused with a
:class:`EditConflict` that lists the loaded, the stored and the user's value. Otherwise the
rows are updated with bound parameters, one audit entry per changed cell is written and the
data version rises by one. Add, remove and undo live in :mod:`core.editing.rows`.

Key columns and foreign-key columns (``area``, ``option_id``, ``replaces_system``,
``derived_from``) are not editable: DuckDB executes an update of an indexed column as
delete + insert, which its eager foreign-key check refuses for a referenced row.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pandas as pd

from core import i18n, store
from core.editing import audit, auth, english
from core.editing.integrity import check_option_name_free, require_area_structure
from core.editing.validation import (
    Field,
    check_honesty,
    check_in_range,
    check_min_below_max,
    clean,
    is_missing,
)
from core.errors import InputError, StoreError
from core.scoring import ranges
from core.scoring.weights import GROUPS

_HONESTY = (
    Field("source", "text"),
    Field("is_estimate", "boolean"),
    Field("estimate_reason", "text"),
)


@dataclass(frozen=True)
class EntitySpec:
    """An editable table: its key columns, editable fields and context columns for rules."""

    table: str
    key: tuple[str, ...]
    fields: tuple[Field, ...]
    context: tuple[str, ...] = ()
    soft_delete: bool = True
    honesty: bool = False

    @property
    def by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}


SPECS: dict[str, EntitySpec] = {
    "systems": EntitySpec(
        "systems",
        ("id",),
        (
            Field("name", "required_text", max_length=200),
            Field("kind", "choice", choices=store.SYSTEM_KINDS),
            Field("operator", "text", max_length=200),
            Field.ranged("systems", "annual_cost_eur", "number", nullable=True),
            Field.ranged("systems", "reach_value", "number", nullable=True),
            Field("reach_unit", "text", max_length=100),
            Field.ranged("systems", "in_use_since", "integer", nullable=True),
            Field("notes", "text"),
            *_HONESTY,
        ),
        context=("area",),
        soft_delete=False,
        honesty=True,
    ),
    "options": EntitySpec(
        "options",
        ("id",),
        (
            Field("name", "required_text", max_length=200),
            Field("pathway", "choice", choices=store.PATHWAYS),
            Field("partner", "text", max_length=200),
            Field("description", "text"),
            *_HONESTY,
        ),
        context=("area",),
        honesty=True,
    ),
    "cost_lines": EntitySpec(
        "cost_lines",
        ("id",),
        (
            Field("item", "required_text", max_length=200),
            Field.ranged("cost_lines", "investment_eur", "number"),
            Field.ranged("cost_lines", "annual_cost_eur", "number"),
            Field.ranged("cost_lines", "staff_fte", "number"),
            *_HONESTY,
            *(
                Field.ranged("cost_lines", name, "number", nullable=True)
                for name in ("investment_low", "investment_high", "annual_low", "annual_high")
            ),
        ),
        context=("option_id",),
        honesty=True,
    ),
    "assessments": EntitySpec(
        "assessments",
        ("option_id", "criterion"),
        (
            Field.ranged("assessments", "value", "number"),
            Field("rationale", "text"),
            *_HONESTY,
            Field.ranged("assessments", "assessed_on", "date"),
            Field.ranged("assessments", "value_low", "number", nullable=True),
            Field.ranged("assessments", "value_high", "number", nullable=True),
        ),
        honesty=True,
    ),
    "sources": EntitySpec(
        "sources",
        ("id",),
        (
            Field("title", "required_text", max_length=500),
            Field("publisher", "text", max_length=200),
            Field("address", "address", max_length=1000),
            Field("published", "partial_date"),
            Field("accessed", "partial_date"),
            Field("note", "text"),
        ),
        soft_delete=False,
    ),
    "criteria": EntitySpec(
        "criteria",
        ("key",),
        (
            Field("label_de", "required_text", max_length=200),
            Field("label_en", "required_text", max_length=200),
            Field("unit", "text", max_length=50),
            Field("grp", "choice", choices=GROUPS),
            Field("direction", "choice", choices=("benefit", "cost")),
            Field.ranged("criteria", "min_value", "number"),
            Field.ranged("criteria", "max_value", "number"),
            Field.ranged("criteria", "default_weight", "number"),
            Field("help_de", "text"),
            Field.ranged("criteria", "sort_order", "integer"),
        ),
    ),
}


def editable_fields(entity: str) -> dict[str, Field]:
    """Every editable column of ``entity``: its table's fields and the English twins of its
    text columns (:mod:`core.editing.english`)."""
    spec = SPECS[entity]
    return {**spec.by_name, **english.fields(entity, spec.by_name)}


@dataclass(frozen=True)
class RowEdit:
    """Changed cells of one row, with the row as the user loaded it."""

    entity: str
    key: tuple[Any, ...]
    loaded: Mapping[str, Any]
    changes: Mapping[str, Any]


@dataclass(frozen=True)
class CellIssue:
    """A cell (or row) that failed validation: where, what was entered, and why."""

    entity: str
    key: str
    field: str
    value: Any
    error_key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "de") -> str:
        return i18n.t(self.error_key, lang, **self.params)


class ValidationFailed(InputError):
    """One or more cells are invalid; nothing was written."""

    def __init__(self, issues: Iterable[CellIssue]) -> None:
        self.issues = tuple(issues)
        super().__init__("edit_invalid", count=len(self.issues))


@dataclass(frozen=True)
class Conflict:
    """A cell someone else changed after it was loaded (``removed``: the row is gone)."""

    entity: str
    key: str
    field: str
    loaded: Any
    current: Any
    mine: Any
    removed: bool = False


class EditConflict(StoreError):
    """The save was refused because rows changed after they were loaded; nothing was written."""

    def __init__(self, conflicts: Iterable[Conflict]) -> None:
        self.conflicts = tuple(conflicts)
        super().__init__("edit_conflict", count=len(self.conflicts))


def key_text(key: Sequence[Any]) -> str:
    """The audit form of a key: ``homepage-gsb`` or ``homepage-gsb/reach``."""
    return "/".join(str(audit.plain(k)) for k in key)


def normal(spec_field: Field | None, value: Any) -> Any:
    """A comparable form of a stored or loaded value."""
    if spec_field is not None and spec_field.kind in ("text", "required_text", "choice"):
        return "" if is_missing(value) else str(value)
    if is_missing(value):
        return None
    if spec_field is not None and spec_field.kind == "date":
        return pd.Timestamp(value).date().isoformat()
    if spec_field is not None and spec_field.kind == "boolean":
        return bool(value)
    if spec_field is not None and spec_field.kind in ("number", "integer"):
        return float(value)
    return audit.plain(value)


def same(spec_field: Field | None, a: Any, b: Any) -> bool:
    """Whether two values of one field are equal (floats to 12 significant digits)."""
    left, right = normal(spec_field, a), normal(spec_field, b)
    if isinstance(left, float) and isinstance(right, float):
        return math.isclose(left, right, rel_tol=1e-12, abs_tol=0.0)
    return left == right


def _where(spec: EntitySpec) -> str:
    return " AND ".join(f'"{k}" = ?' for k in spec.key)


def current_row(
    conn: duckdb.DuckDBPyConnection, entity: str, key: Sequence[Any]
) -> dict[str, Any] | None:
    """The stored row (editable, context and soft-delete columns), or None."""
    spec = SPECS[entity]
    columns = [*spec.key, *spec.context, *(f.name for f in spec.fields)]
    if spec.soft_delete:
        columns.append("removed_at")
    names = ", ".join(f'"{c}"' for c in columns)
    row = conn.execute(
        f'SELECT {names} FROM "{spec.table}" WHERE {_where(spec)}',  # noqa: S608 - fixed names
        list(key),
    ).fetchone()
    return None if row is None else dict(zip(columns, row, strict=True))


def clean_edits(edits: Sequence[RowEdit]) -> list[tuple[RowEdit, dict[str, Any]]]:
    """Clean every changed cell; raise :class:`ValidationFailed` listing every bad cell."""
    issues: list[CellIssue] = []
    cleaned: list[tuple[RowEdit, dict[str, Any]]] = []
    for edit in edits:
        spec = SPECS.get(edit.entity)
        if spec is None:
            raise InputError("edit_unknown_entity", entity=edit.entity)
        values: dict[str, Any] = {}
        for column, raw in edit.changes.items():
            spec_field = editable_fields(edit.entity).get(column)
            if spec_field is None:
                issues.append(
                    CellIssue(
                        edit.entity,
                        key_text(edit.key),
                        column,
                        raw,
                        "edit_not_editable",
                        {"field": column},
                    )
                )
                continue
            try:
                value = clean(spec_field, raw)
            except InputError as exc:
                issues.append(
                    CellIssue(edit.entity, key_text(edit.key), column, raw, exc.key, exc.params)
                )
                continue
            if column not in edit.loaded or not same(spec_field, edit.loaded[column], value):
                values[column] = value
        cleaned.append((edit, values))
    if issues:
        raise ValidationFailed(issues)
    return [(edit, values) for edit, values in cleaned if values]


def _conflicts(
    spec: EntitySpec, edit: RowEdit, values: Mapping[str, Any], stored: dict[str, Any] | None
) -> list[Conflict]:
    key = key_text(edit.key)
    if stored is None or (spec.soft_delete and stored.get("removed_at") is not None):
        return [Conflict(edit.entity, key, "", None, None, None, removed=True)]
    found = []
    for spec_field in editable_fields(spec.table).values():
        if spec_field.name in edit.loaded and not same(
            spec_field, edit.loaded[spec_field.name], stored[spec_field.name]
        ):
            found.append(
                Conflict(
                    edit.entity,
                    key,
                    spec_field.name,
                    normal(spec_field, edit.loaded[spec_field.name]),
                    normal(spec_field, stored[spec_field.name]),
                    values.get(spec_field.name),
                )
            )
    return found


def _criterion_range(conn: duckdb.DuckDBPyConnection, criterion: str) -> tuple[float, float]:
    row = conn.execute(
        "SELECT min_value, max_value FROM criteria WHERE key = ?", [criterion]
    ).fetchone()
    return float(row[0]), float(row[1])


def _check_data_range(merged: dict[str, Any], value: str, low: str, high: str) -> None:
    """An optional range (issue 13): both ends or neither, low ≤ value ≤ high."""

    def number(name: str) -> float | None:
        raw = merged.get(name)
        return None if raw is None or (isinstance(raw, float) and math.isnan(raw)) else float(raw)

    ranges.check_range(number(low), float(merged[value]), number(high), field=value)


def _row_rules(conn: duckdb.DuckDBPyConnection, edit: RowEdit, merged: dict[str, Any]) -> None:
    """Rules across cells of one row (and its neighbours), on the row as it would be saved."""
    spec = SPECS[edit.entity]
    if spec.honesty:
        check_honesty(merged)
        check_source_keys(conn, merged.get("source"))
    if edit.entity == "assessments":
        check_in_range(float(merged["value"]), *_criterion_range(conn, str(merged["criterion"])))
        _check_data_range(merged, "value", "value_low", "value_high")
    if edit.entity == "cost_lines":
        _check_data_range(merged, "investment_eur", "investment_low", "investment_high")
        _check_data_range(merged, "annual_cost_eur", "annual_low", "annual_high")
    if edit.entity == "criteria":
        low, high = float(merged["min_value"]), float(merged["max_value"])
        check_min_below_max(low, high)
        outside = conn.execute(
            "SELECT count(*) FROM assessments WHERE criterion = ? AND removed_at IS NULL"
            " AND (value < ? OR value > ?)",
            [merged["key"], low, high],
        ).fetchone()[0]
        if outside:
            raise InputError("edit_range_excludes", count=int(outside))
    if edit.entity == "options":
        check_option_name_free(conn, str(merged["area"]), str(merged["name"]), str(merged["id"]))


def check_source_keys(conn: duckdb.DuckDBPyConnection, text: object) -> None:
    """Every key a ``source`` cell names is a source of the store (see
    :mod:`core.store.sourcerefs`); otherwise :class:`InputError` naming the unknown keys."""
    unknown = store.sourcerefs.unknown_keys(text, store.source_keys(conn))
    if unknown:
        raise InputError("edit_unknown_source", keys=", ".join(unknown))


def save_edits(
    conn: duckdb.DuckDBPyConnection, actor: auth.Actor, edits: Sequence[RowEdit]
) -> audit.WriteResult:
    """Validate and save ``edits`` in one transaction; raise instead of writing anything wrong.

    Raises :class:`~core.editing.auth.PermissionDeniedError` for a non-editor,
    :class:`ValidationFailed` for bad cells or rows and :class:`EditConflict` if a row
    changed since it was loaded. A save without real changes writes nothing.
    """
    auth.require_editor(actor)
    cleaned = clean_edits(edits)

    def work(_when: Any) -> list[audit.Entry]:
        conflicts: list[Conflict] = []
        issues: list[CellIssue] = []
        planned: list[tuple[EntitySpec, RowEdit, dict[str, Any], dict[str, Any]]] = []
        for edit, values in cleaned:
            spec = SPECS[edit.entity]
            stored = current_row(conn, edit.entity, edit.key)
            if stored is not None:
                stored.update(english.stored(conn, edit.entity, stored))
            found = _conflicts(spec, edit, values, stored)
            if found:
                conflicts.extend(found)
                continue
            merged = {**stored, **values}
            try:
                _row_rules(conn, edit, merged)
            except InputError as exc:
                issues.append(
                    CellIssue(edit.entity, key_text(edit.key), "", None, exc.key, exc.params)
                )
                continue
            planned.append((spec, edit, values, stored))
        if conflicts:
            raise EditConflict(conflicts)
        if issues:
            raise ValidationFailed(issues)
        entries: list[audit.Entry] = []
        for spec, edit, values, stored in planned:
            fields = editable_fields(edit.entity)
            changed = {c: v for c, v in values.items() if not same(fields[c], stored[c], v)}
            if not changed:
                continue
            own = {c: v for c, v in changed.items() if c in spec.by_name}
            if own:
                assignments = ", ".join(f'"{c}" = ?' for c in own)
                conn.execute(
                    f'UPDATE "{spec.table}" SET {assignments} WHERE {_where(spec)}',  # noqa: S608
                    [*own.values(), *edit.key],
                )
            entries.extend(
                audit.Entry("update", edit.entity, key_text(edit.key), c, stored[c], v)
                for c, v in own.items()
            )
            translated = {c: v for c, v in changed.items() if c not in spec.by_name}
            if translated:  # English twins, recorded with the German text as now saved
                entries.extend(
                    english.write(
                        conn,
                        edit.entity,
                        key_text(edit.key),
                        {**stored, **own},
                        translated,
                        old=stored,
                    )
                )
            if edit.entity == "options" and "pathway" in changed:
                try:  # the area must keep a status quo (as in the import)
                    require_area_structure(conn, str(stored["area"]))
                except InputError as exc:
                    issue = CellIssue(
                        edit.entity, key_text(edit.key), "pathway", None, exc.key, exc.params
                    )
                    raise ValidationFailed([issue]) from None
        return entries

    return audit.audited_write(conn, actor, work)
