"""Add and remove options, criteria and cost lines; undo a removal from the audit trail.

Removal is a soft delete: the row and its dependent rows get the same ``removed_at``
timestamp (DuckDB cannot delete a parent and its children in one transaction, see
:mod:`core.store.migration_editing`), every read hides them, and the audit entry of the removal
carries that timestamp, so undoing it restores exactly the rows removed together.

A new option gets a placeholder assessment for every active criterion, and a new criterion
one for every active option, so every area still has a complete matrix. Placeholders are
the middle of the criterion's range, flagged as estimates with a reason that says they still
need assessing; the honesty rule of the data holds for them too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import duckdb
import pandas as pd

from core import i18n, store
from core.editing import audit, auth, english
from core.editing.edits import (
    SPECS,
    CellIssue,
    ValidationFailed,
    check_source_keys,
    key_text,
)
from core.editing.integrity import STATUS_QUO, check_option_name_free
from core.editing.validation import (
    Field,
    check_honesty,
    check_min_below_max,
    clean,
    keyify,
    slugify,
)
from core.errors import InputError, NotFoundError

REMOVABLE = ("options", "criteria", "cost_lines")
PLACEHOLDER_REASON_KEY = "edit_placeholder_reason"


def _clean_all(entity: str, fields: Mapping[str, Field], raw: Mapping[str, Any]) -> dict[str, Any]:
    issues, values = [], {}
    for name, spec_field in fields.items():
        try:
            values[name] = clean(spec_field, raw.get(name))
        except InputError as exc:
            issues.append(CellIssue(entity, "", name, raw.get(name), exc.key, exc.params))
    if issues:
        raise ValidationFailed(issues)
    return values


def _clean_english(entity: str, raw: Mapping[str, Any]) -> dict[str, str]:
    """The English texts an add form gave (``name_en`` …), cleaned; empty ones left out."""
    fields = english.fields(entity, SPECS[entity].by_name)
    given = {name: raw.get(name) for name in fields if name in raw}
    return {k: v for k, v in _clean_all(entity, fields, given).items() if v}


def _row_dict(
    conn: duckdb.DuckDBPyConnection, table: str, where: str, params: list[Any]
) -> dict[str, Any] | None:
    frame = conn.execute(f'SELECT * FROM "{table}" WHERE {where}', params).df()  # noqa: S608
    return None if frame.empty else {k: audit.plain(v) for k, v in frame.iloc[0].items()}


def _unique_id(
    conn: duckdb.DuckDBPyConnection, table: str, column: str, base: str, sep: str = "-"
) -> str:
    candidate, n = base, 2
    while conn.execute(
        f'SELECT 1 FROM "{table}" WHERE "{column}" = ?',  # noqa: S608
        [candidate],
    ).fetchone():
        candidate, n = f"{base}{sep}{n}", n + 1
    return candidate


def fill_placeholders(conn: duckdb.DuckDBPyConnection, when: dt.datetime) -> list[audit.Entry]:
    """Give every active option an assessment for every active assessed criterion.

    A missing pair whose assessment was removed earlier is revived; a pair without any
    row gets a placeholder (middle of the range, estimate with a reason).
    """
    store.require_door()
    entries: list[audit.Entry] = []
    revived = conn.execute(
        """
        UPDATE assessments s SET removed_at = NULL
        FROM options o, criteria c
        WHERE s.option_id = o.id AND s.criterion = c.key AND s.removed_at IS NOT NULL
          AND o.removed_at IS NULL AND c.removed_at IS NULL AND c.derived_from IS NULL
        RETURNING s.option_id, s.criterion
        """
    ).fetchall()
    entries.extend(
        audit.Entry("restore", "assessments", key_text(pair), "", None, "active")
        for pair in revived
    )
    missing = conn.execute(
        """
        SELECT o.id, c.key, (c.min_value + c.max_value) / 2 AS value
        FROM options o CROSS JOIN criteria c
        WHERE o.removed_at IS NULL AND c.removed_at IS NULL AND c.derived_from IS NULL
          AND NOT EXISTS (SELECT 1 FROM assessments s
                          WHERE s.option_id = o.id AND s.criterion = c.key)
        ORDER BY o.id, c.key
        """
    ).fetchall()
    reason = i18n.t(PLACEHOLDER_REASON_KEY, "de")
    for option_id, criterion, value in missing:
        conn.execute(
            "INSERT INTO assessments (option_id, criterion, value, rationale, source,"
            " is_estimate, estimate_reason, assessed_on) VALUES (?, ?, ?, '', '', true, ?, ?)",
            [option_id, criterion, float(value), reason, when.date()],
        )
        entries.append(
            audit.Entry(
                "add",
                "assessments",
                key_text((option_id, criterion)),
                "",
                None,
                {"value": float(value), "is_estimate": True, "estimate_reason": reason},
            )
        )
    return entries


def _check_sourced(entity: str, conn: duckdb.DuckDBPyConnection, values: dict[str, Any]) -> None:
    """The honesty rule and known source keys, reported at the source cell."""
    try:
        check_honesty(values)
        check_source_keys(conn, values.get("source"))
    except InputError as exc:
        raise ValidationFailed(
            [CellIssue(entity, "", "source", values.get("source"), exc.key, exc.params)]
        ) from None


# --- add ------------------------------------------------------------------------------------


def add_option(
    conn: duckdb.DuckDBPyConnection, actor: auth.Actor, raw: Mapping[str, Any]
) -> tuple[str, audit.WriteResult]:
    """Add an option (id from the name if not given); return its id and the write result."""
    auth.require_editor(actor)
    areas = tuple(r[0] for r in conn.execute("SELECT slug FROM areas ORDER BY 1").fetchall())
    fields = {
        "area": Field("area", "choice", choices=areas),
        **{f.name: f for f in SPECS["options"].fields},
    }
    values = _clean_all("options", fields, raw)
    texts = _clean_english("options", raw)
    _check_sourced("options", conn, values)
    wanted = str(raw.get("id") or "").strip()
    if wanted:
        wanted = clean(Field("id", "slug", max_length=80), wanted)
    created: dict[str, str] = {}

    def work(when: dt.datetime) -> list[audit.Entry]:
        option_id = wanted or _unique_id(
            conn, "options", "id", slugify(f"{values['area']} {values['name']}") or "option"
        )
        if conn.execute("SELECT 1 FROM options WHERE id = ?", [option_id]).fetchone():
            raise InputError("edit_id_taken", id=option_id)
        check_option_name_free(conn, values["area"], values["name"], None)
        columns = ["id", *values]
        conn.execute(
            f"INSERT INTO options ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",  # noqa: S608
            [option_id, *values.values()],
        )
        created["id"] = option_id
        return [
            audit.Entry("add", "options", option_id, "", None, {"id": option_id, **values}),
            *english.write(conn, "options", option_id, {"id": option_id, **values}, texts),
            *fill_placeholders(conn, when),
        ]

    result = audit.audited_write(conn, actor, work)
    return created["id"], result


def add_source(
    conn: duckdb.DuckDBPyConnection, actor: auth.Actor, raw: Mapping[str, Any]
) -> tuple[str, audit.WriteResult]:
    """Add a source (key from the title if not given); rows then cite it by its key."""
    auth.require_editor(actor)
    fields = {f.name: f for f in SPECS["sources"].fields}
    values = _clean_all("sources", fields, raw)
    wanted = str(raw.get("id") or "").strip()
    if wanted:
        wanted = clean(Field("id", "slug", max_length=80), wanted)
    created: dict[str, str] = {}

    def work(_when: dt.datetime) -> list[audit.Entry]:
        source_id = wanted or _unique_id(
            conn, "sources", "id", slugify(values["title"], 50) or "quelle"
        )
        if conn.execute("SELECT 1 FROM sources WHERE id = ?", [source_id]).fetchone():
            raise InputError("edit_id_taken", id=source_id)
        columns = ["id", *values]
        conn.execute(
            f"INSERT INTO sources ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",  # noqa: S608
            [source_id, *values.values()],
        )
        created["id"] = source_id
        return [audit.Entry("add", "sources", source_id, "", None, {"id": source_id, **values})]

    result = audit.audited_write(conn, actor, work)
    return created["id"], result


def add_criterion(
    conn: duckdb.DuckDBPyConnection, actor: auth.Actor, raw: Mapping[str, Any]
) -> tuple[str, audit.WriteResult]:
    """Add an assessed criterion (key from the German label if not given)."""
    auth.require_editor(actor)
    fields = {f.name: f for f in SPECS["criteria"].fields if f.name != "sort_order"}
    raw = dict(raw)
    if is_blank(raw.get("label_en")):
        raw["label_en"] = raw.get("label_de")
    values = _clean_all("criteria", fields, raw)
    check_min_below_max(values["min_value"], values["max_value"])
    wanted = str(raw.get("key") or "").strip()
    if wanted:
        wanted = clean(Field("key", "key", max_length=60), wanted)
    created: dict[str, str] = {}

    def work(when: dt.datetime) -> list[audit.Entry]:
        key = wanted or _unique_id(conn, "criteria", "key", keyify(values["label_de"]) or "k", "_")
        if conn.execute("SELECT 1 FROM criteria WHERE key = ?", [key]).fetchone():
            raise InputError("edit_id_taken", id=key)
        order = conn.execute("SELECT coalesce(max(sort_order), 0) + 1 FROM criteria").fetchone()[0]
        row = {"key": key, **values, "sort_order": int(order)}
        conn.execute(
            f"INSERT INTO criteria ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",  # noqa: S608
            list(row.values()),
        )
        created["key"] = key
        return [audit.Entry("add", "criteria", key, "", None, row), *fill_placeholders(conn, when)]

    result = audit.audited_write(conn, actor, work)
    return created["key"], result


def is_blank(value: Any) -> bool:
    return (
        value is None
        or (isinstance(value, str) and not value.strip())
        or (isinstance(value, float) and pd.isna(value))
    )


def add_cost_line(
    conn: duckdb.DuckDBPyConnection, actor: auth.Actor, raw: Mapping[str, Any]
) -> tuple[int, audit.WriteResult]:
    """Add a cost line to an active option."""
    auth.require_editor(actor)
    fields = {f.name: f for f in SPECS["cost_lines"].fields}
    values = _clean_all("cost_lines", fields, raw)
    texts = _clean_english("cost_lines", raw)
    _check_sourced("cost_lines", conn, values)
    option_id = str(raw.get("option_id") or "")
    created: dict[str, int] = {}

    def work(_when: dt.datetime) -> list[audit.Entry]:
        if not conn.execute(
            "SELECT 1 FROM options WHERE id = ? AND removed_at IS NULL", [option_id]
        ).fetchone():
            raise NotFoundError("edit_unknown_option", option=option_id)
        columns = ["option_id", *values]
        marks = ", ".join("?" * len(columns))
        new_id = conn.execute(
            f"INSERT INTO cost_lines ({', '.join(columns)}) VALUES ({marks}) RETURNING id",  # noqa: S608
            [option_id, *values.values()],
        ).fetchone()[0]
        created["id"] = int(new_id)
        row = {"id": int(new_id), **values}
        return [
            audit.Entry(
                "add", "cost_lines", str(new_id), "", None, {"option_id": option_id, **values}
            ),
            *english.write(conn, "cost_lines", str(new_id), row, texts),
        ]

    result = audit.audited_write(conn, actor, work)
    return created["id"], result


# --- remove and undo ----------------------------------------------------------------------------


def _removal_guard(conn: duckdb.DuckDBPyConnection, entity: str, row: Mapping[str, Any]) -> None:
    if entity == "options":
        left = conn.execute(
            "SELECT count(*) FROM options WHERE area = ? AND removed_at IS NULL", [row["area"]]
        ).fetchone()[0]
        if left <= 1:
            raise InputError("edit_last_option")
        if row.get("pathway") == STATUS_QUO:
            others = conn.execute(
                "SELECT count(*) FROM options WHERE area = ? AND removed_at IS NULL"
                " AND pathway = ? AND id <> ?",
                [row["area"], STATUS_QUO, row["id"]],
            ).fetchone()[0]
            if not others:
                raise InputError("rule_area_no_status_quo", area=row["area"])
    if entity == "criteria":
        left = conn.execute(
            "SELECT count(*) FROM criteria WHERE grp = ? AND removed_at IS NULL", [row["grp"]]
        ).fetchone()[0]
        if left <= 1:
            raise InputError("edit_last_criterion")


def remove(
    conn: duckdb.DuckDBPyConnection, actor: auth.Actor, entity: str, key: Any
) -> audit.WriteResult:
    """Remove an option (with its assessments and cost lines), a criterion or a cost line."""
    auth.require_editor(actor)
    if entity not in REMOVABLE:
        raise InputError("edit_not_removable", entity=entity)
    column = SPECS[entity].key[0]
    if entity == "cost_lines":
        key = int(key)

    def work(when: dt.datetime) -> list[audit.Entry]:
        row = _row_dict(conn, entity, f'"{column}" = ?', [key])
        if row is None:
            raise NotFoundError("edit_row_missing", key=str(key))
        if row.get("removed_at") is not None:
            raise InputError("edit_already_removed", key=str(key))
        _removal_guard(conn, entity, row)
        conn.execute(
            f'UPDATE "{entity}" SET removed_at = ? WHERE "{column}" = ?',  # noqa: S608
            [when, key],
        )
        children = 0
        if entity == "options":
            for child in ("assessments", "cost_lines"):
                children += len(
                    conn.execute(
                        f"UPDATE {child} SET removed_at = ? WHERE option_id = ?"  # noqa: S608
                        " AND removed_at IS NULL RETURNING 1",
                        [when, key],
                    ).fetchall()
                )
        if entity == "criteria":
            children += len(
                conn.execute(
                    "UPDATE assessments SET removed_at = ? WHERE criterion = ?"
                    " AND removed_at IS NULL RETURNING 1",
                    [when, key],
                ).fetchall()
            )
        row.pop("removed_at", None)
        return [
            audit.Entry("remove", entity, str(key), "", {**row, "removed_with": children}, None)
        ]

    return audit.audited_write(conn, actor, work)


def removed(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Removals that can still be undone: the entry, what it removed and when, newest first."""
    frame = conn.execute(
        """
        SELECT a.id, a.changed_at, a.actor, a.entity, a.entity_key, a.old_value
        FROM audit_log a
        WHERE a.action = 'remove'
          AND NOT EXISTS (SELECT 1 FROM audit_log u WHERE u.undoes = a.id)
          AND (
            (a.entity = 'options' AND EXISTS (SELECT 1 FROM options o
                WHERE o.id = a.entity_key AND o.removed_at = a.changed_at))
            OR (a.entity = 'criteria' AND EXISTS (SELECT 1 FROM criteria c
                WHERE c.key = a.entity_key AND c.removed_at = a.changed_at))
            OR (a.entity = 'cost_lines' AND EXISTS (SELECT 1 FROM cost_lines l
                WHERE CAST(l.id AS VARCHAR) = a.entity_key AND l.removed_at = a.changed_at))
            OR (a.entity IN ('scenarios', 'stakeholders') AND EXISTS (SELECT 1
                FROM weight_profiles p WHERE p.slug = a.entity_key
                AND p.removed_at = a.changed_at))
          )
        ORDER BY a.id DESC
        """
    ).df()
    return frame


def undo(conn: duckdb.DuckDBPyConnection, actor: auth.Actor, entry_id: int) -> audit.WriteResult:
    """Undo the removal recorded in audit entry ``entry_id`` (restores the rows removed with it)."""
    auth.require_editor(actor)

    def work(when: dt.datetime) -> list[audit.Entry]:
        entry = audit.entry(conn, entry_id)
        if entry is None or entry["action"] != "remove":
            raise InputError("edit_undo_not_removal", id=entry_id)
        if entry_id in audit.undone_ids(conn):
            raise InputError("edit_undo_done", id=entry_id)
        entity, key = entry["entity"], entry["entity_key"]
        stamp = pd.Timestamp(entry["changed_at"]).to_pydatetime()
        table, column = _undo_target(entity)
        params: list[Any] = [int(key) if entity == "cost_lines" else key, stamp]
        row = _row_dict(conn, table, f'"{column}" = ? AND removed_at = ?', params)
        if row is None:
            raise InputError("edit_undo_stale", id=entry_id)
        if entity == "options":
            check_option_name_free(conn, row["area"], row["name"], row["id"])
        conn.execute(
            f'UPDATE "{table}" SET removed_at = NULL WHERE "{column}" = ?'  # noqa: S608
            " AND removed_at = ?",
            params,
        )
        # Children come back with their parent, an assessment only if its other parent
        # (criterion or option) is active: active assessments always have both.
        if entity == "options":
            conn.execute(
                "UPDATE cost_lines SET removed_at = NULL WHERE option_id = ? AND removed_at = ?",
                params,
            )
            conn.execute(
                "UPDATE assessments SET removed_at = NULL WHERE option_id = ?"
                " AND removed_at = ? AND criterion IN"
                " (SELECT key FROM criteria WHERE removed_at IS NULL)",
                params,
            )
        if entity == "criteria":
            conn.execute(
                "UPDATE assessments SET removed_at = NULL WHERE criterion = ?"
                " AND removed_at = ? AND option_id IN"
                " (SELECT id FROM options WHERE removed_at IS NULL)",
                params,
            )
        restored = audit.Entry("restore", entity, key, "", None, "active", undoes=entry_id)
        extra = fill_placeholders(conn, when) if entity in ("options", "criteria") else []
        return [restored, *extra]

    return audit.audited_write(conn, actor, work)


def _undo_target(entity: str) -> tuple[str, str]:
    if entity in ("scenarios", "stakeholders"):
        return "weight_profiles", "slug"
    if entity in REMOVABLE:
        return entity, SPECS[entity].key[0]
    raise InputError("edit_not_removable", entity=entity)
