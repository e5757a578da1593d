"""The import preview in a clerk's words: area, option and criterion by name, old → new in German.

Conflicts come first (both values), then every added, changed and removed row:
``OZG · „Kommunalportal“ · Reichweite: 6 → 9 Punkte``,
``OZG · Kostenposition „Lizenz“ von „Kommunalportal“: Investition 60.000 € → 65.000 €``.
The CLI prints :func:`lines`/:func:`conflict_lines`, the Daten page shows :func:`table`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from core import i18n, store
from core.excel.base import Conflict
from core.excel.importer import ImportPlan
from core.excel.schema import DATA_SHEETS, Column
from core.views import fmt

_COLUMNS: dict[str, dict[str, Column]] = {
    s.table: {c.key: c for c in s.columns} for s in DATA_SHEETS
}
MAX_TEXT = 60
MAX_LINES = 200  # the CLI lists at most this many rows, then says how many more


@dataclass(frozen=True)
class Names:
    """Readable names: areas, options (store and file), criteria with their unit."""

    areas: dict[str, str]
    options: dict[str, tuple[str, str]]  # id → (name, area)
    systems: dict[str, tuple[str, str]]  # id → (name, area)
    criteria: dict[str, tuple[str, str]]  # key → (label, unit without its range)
    cost_lines: dict[str, tuple[str, str]]  # id → (item, option id)

    @classmethod
    def read(cls, conn: duckdb.DuckDBPyConnection, plan: ImportPlan | None, lang: str) -> Names:
        """Names from the store (removed rows included: the audit trail names them too)
        and, for an import preview, from the plan's resulting tables."""
        areas = store.areas(conn)
        area_names = dict(zip(areas["slug"], areas[i18n.localized_column("name", lang)]))
        crit = store.criteria(conn)
        criteria = {
            k: (str(label), str(unit or "").split(" (")[0])
            for k, label, unit in zip(
                crit["key"], crit[i18n.localized_column("label", lang)], crit["unit"], strict=True
            )
        }
        options = {
            i: (str(n), str(a))
            for i, n, a in conn.execute("SELECT id, name, area FROM options").fetchall()
        }
        systems = {
            i: (str(n), str(a))
            for i, n, a in conn.execute("SELECT id, name, area FROM systems").fetchall()
        }
        lines = {
            str(i): (str(n), str(o))
            for i, n, o in conn.execute("SELECT id, item, option_id FROM cost_lines").fetchall()
        }
        if plan is not None:
            for table, target in (("options", options), ("systems", systems)):
                frame = plan.result.get(table)
                if frame is not None:
                    target.update(
                        {
                            i: (str(n), str(a))
                            for i, n, a in zip(frame["id"], frame["name"], frame["area"])
                        }
                    )
        return cls(area_names, options, systems, criteria, lines)

    def area_of(self, table: str, record: dict[str, Any]) -> str:
        if table in ("systems", "options"):
            slug = str(record.get("area") or "")
        else:
            slug = self.options.get(str(record.get("option_id")), ("", ""))[1]
        return self.areas.get(slug, slug)

    def option(self, option_id: Any) -> str:
        return self.options.get(str(option_id), (str(option_id), ""))[0]


def value_text(
    names: Names, table: str, column: str, value: Any, record: dict[str, Any], lang: str
) -> str:
    """One value as a clerk reads it: 60.000 €, 9 Punkte, ja, 24.11.2026, „Text“."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return "–"
    spec = _COLUMNS[table].get(column)
    if table == "assessments" and column == "value":
        unit = names.criteria.get(str(record.get("criterion")), ("", ""))[1]
        number = fmt.number(float(value), 0 if float(value).is_integer() else 2, lang)
        return f"{number} {unit}".strip()
    if isinstance(value, bool) or (spec is not None and spec.kind == "bool"):
        return i18n.t("yes" if value else "no", lang)
    if isinstance(value, dt.date | pd.Timestamp):
        return fmt.date_text(pd.Timestamp(value).date().isoformat(), lang)
    if spec is not None and spec.style == "eur":
        return fmt.eur(float(value), 0 if float(value).is_integer() else 2, lang)
    if spec is not None and spec.style == "fte":
        return f"{fmt.number(float(value), 2, lang)} {i18n.t('unit_fte', lang)}"
    if spec is not None and spec.kind in ("integer", "cost_id"):
        return str(int(value))
    if isinstance(value, float):
        return fmt.number(value, 0 if value.is_integer() else 2, lang)
    if spec is not None and spec.kind == "enum":
        prefix = "pathway" if column == "pathway" else "kind"
        return i18n.t(f"{prefix}_{value}", lang)
    text = str(value)
    if len(text) > MAX_TEXT:
        text = text[: MAX_TEXT - 1] + "…"
    return f"„{text}“" if lang == "de" else f"'{text}'"


def entity_text(names: Names, table: str, record: dict[str, Any], lang: str) -> str:
    """The row in words: Option „Kommunalportal“, „Kommunalportal“ · Reichweite, …"""
    if table == "assessments":
        criterion = names.criteria.get(str(record.get("criterion")), (record.get("criterion"), ""))
        return i18n.t(
            "preview_assessment",
            lang,
            option=names.option(record.get("option_id")),
            criterion=criterion[0],
        )
    if table == "cost_lines":
        return i18n.t(
            "preview_cost_line",
            lang,
            item=record.get("item") or "",
            option=names.option(record.get("option_id")),
        )
    return i18n.t(f"preview_{table}", lang, name=record.get("name") or record.get("id") or "")


def header(table: str, column: str, lang: str) -> str:
    spec = _COLUMNS[table].get(column)
    return spec.header(lang) if spec else column


def record_for(names: Names, table: str, key: str) -> dict[str, Any]:
    """A minimal record for a key (conflicts carry only the differing fields)."""
    if table == "assessments":
        option_id, _, criterion = key.partition("|")
        return {"option_id": option_id, "criterion": criterion}
    if table == "cost_lines":
        item, option_id = names.cost_lines.get(key, ("", ""))
        return {"id": key, "item": item, "option_id": option_id}
    source = names.options if table == "options" else names.systems
    name, area = source.get(key, (key, ""))
    return {"id": key, "name": name, "area": area}


def conflict_rows(
    conn: duckdb.DuckDBPyConnection, plan: ImportPlan, lang: str
) -> list[dict[str, str]]:
    """One row per conflict: area, what, kind, the differing values (file / cockpit)."""
    names = Names.read(conn, plan, lang)
    return [_conflict_row(names, c, lang) for c in plan.conflicts]


def _conflict_row(names: Names, conflict: Conflict, lang: str) -> dict[str, str]:
    record = record_for(names, conflict.table, conflict.key)
    for column, mine, theirs in conflict.fields:
        record.setdefault(column, mine if mine is not None else theirs)
    fields = "; ".join(
        i18n.t(
            "import_conflict_field",
            lang,
            field=header(conflict.table, column, lang),
            mine=value_text(names, conflict.table, column, mine, record, lang),
            theirs=value_text(names, conflict.table, column, theirs, record, lang),
        )
        for column, mine, theirs in conflict.fields
    )
    return {
        "area": names.area_of(conflict.table, record),
        "what": entity_text(names, conflict.table, record, lang),
        "action": i18n.t("preview_conflict", lang),
        "detail": f"{i18n.t(f'import_conflict_{conflict.kind}', lang)}: {fields}",
    }


def change_rows(
    conn: duckdb.DuckDBPyConnection, plan: ImportPlan, lang: str
) -> list[dict[str, str]]:
    """Conflicts first, then one row per added, changed and removed row, in words."""
    names = Names.read(conn, plan, lang)
    rows = [_conflict_row(names, c, lang) for c in plan.conflicts]
    for change in plan.changes:
        record = change.new or change.old or {}
        if change.action == "changed":
            old = change.old or {}
            detail = "; ".join(
                f"{header(change.table, f, lang)}: "
                f"{value_text(names, change.table, f, old.get(f), old, lang)} → "
                f"{value_text(names, change.table, f, record.get(f), record, lang)}"
                for f in change.fields
            )
        else:
            detail = ""
        rows.append(
            {
                "area": names.area_of(change.table, record),
                "what": entity_text(names, change.table, record, lang),
                "action": i18n.t(f"data_action_{change.action}", lang),
                "detail": detail,
            }
        )
    return rows


def table(conn: duckdb.DuckDBPyConnection, plan: ImportPlan, lang: str = "de") -> pd.DataFrame:
    """The preview as a table for the Daten page (conflicts on top)."""
    rows = change_rows(conn, plan, lang)
    headers = {
        "area": i18n.t("preview_col_area", lang),
        "what": i18n.t("preview_col_what", lang),
        "action": i18n.t("data_col_action", lang),
        "detail": i18n.t("preview_col_detail", lang),
    }
    return pd.DataFrame(
        [{headers[k]: r[k] for k in headers} for r in rows], columns=list(headers.values())
    )


def lines(conn: duckdb.DuckDBPyConnection, plan: ImportPlan, lang: str = "de") -> list[str]:
    """The preview for the CLI: totals, versions, then one line per row."""
    out = [i18n.t("import_preview", lang, **plan.totals())]
    if plan.export_version is not None and plan.export_version != plan.base_version:
        out.append(i18n.t("import_versions", lang, base=plan.export_version, now=plan.base_version))
    rows = change_rows(conn, plan, lang)[len(plan.conflicts) :]
    for row in rows[:MAX_LINES]:
        detail = f": {row['detail']}" if row["detail"] else ""
        out.append(f"  {row['area']} · {row['what']} – {row['action']}{detail}")
    if len(rows) > MAX_LINES:
        out.append(i18n.t("preview_more", lang, count=len(rows) - MAX_LINES))
    return out


def conflict_lines(
    conn: duckdb.DuckDBPyConnection, plan: ImportPlan, lang: str = "de"
) -> list[str]:
    """One line per conflict for the CLI's stderr."""
    return [
        f"  {row['area']} · {row['what']} – {row['detail']}"
        for row in conflict_rows(conn, plan, lang)
    ]
