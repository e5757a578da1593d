"""The shared catalogue ("Nachnutzung"): publish an option, browse, adopt, review updates.

A municipality publishes one of its options – with the sources it cites, its assessments,
cost lines and their ranges – to the catalogue (:mod:`core.store.migration_catalogue`) that
every tenant can browse, search and filter by area and pathway. Adopting copies an entry
into one's own review as a new option and records its origin (``adoptions``), which the
page shows. When the publisher corrects the option and publishes again, the catalogue gets
a new revision; an adopter is *offered* the difference (publisher's previous revision →
new revision) and accepts or declines it. Nothing is ever applied silently: accepting
applies exactly the publisher's changes to the local copy (fields the adopter changed
locally and the publisher did not touch stay as they are), declining hides the offer until
the next revision.

Every write – publish, adopt, accept, decline – goes through the write door
(:func:`core.editing.audit.audited_write`): editors only, one transaction, audited, data
version +1. On PostgreSQL the catalogue row and the tenant's own rows land in that one
transaction; row-level security lets a tenant publish only under its own role.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pandas as pd

from core import i18n, store
from core.editing import audit, auth
from core.editing.edits import key_text
from core.editing.integrity import STATUS_QUO
from core.editing.rows import fill_placeholders
from core.errors import InputError, NotFoundError
from core.store import sourcerefs
from core.store.migration_catalogue import LOCAL_PUBLISHER, SCHEMA

ENTITY = "catalogue"
OPTION_FIELDS = ("name", "pathway", "partner", "description", "source", "is_estimate",
                 "estimate_reason")  # fmt: skip
COST_FIELDS = ("item", "investment_eur", "annual_cost_eur", "staff_fte", "source", "is_estimate",
               "estimate_reason", "investment_low", "investment_high", "annual_low",
               "annual_high")  # fmt: skip
ASSESSMENT_FIELDS = ("criterion", "value", "value_low", "value_high", "rationale", "source",
                     "is_estimate", "estimate_reason", "assessed_on")  # fmt: skip
SOURCE_FIELDS = ("id", "title", "publisher", "address", "published", "accessed", "note")
SINGLE_CITY = "Mülheim an der Ruhr"  # the publisher's name in a store without tenants


@dataclass(frozen=True)
class CatalogueEntry:
    """One revision of a published option."""

    id: int
    publisher_role: str
    publisher: str
    option_key: str
    revision: int
    area: str
    area_name: str
    pathway: str
    name: str
    note: str
    published_by: str
    published_at: dt.datetime
    payload: dict[str, Any] = field(repr=False)
    own: bool = False

    @property
    def description(self) -> str:
        return str(self.payload["option"].get("description") or "")


@dataclass(frozen=True)
class Change:
    """One difference between two revisions: part (option, cost line, assessment), the row's
    key (cost-line item or criterion), the field ('' for a whole row added or removed)."""

    part: str
    key: str
    field: str
    old: Any
    new: Any

    @property
    def table(self) -> str:
        """The store table of the changed row (options, cost_lines, assessments)."""
        return "options" if self.part == "option" else self.part


@dataclass(frozen=True)
class Offer:
    """A publisher's update of an adopted option, waiting for the adopter's decision."""

    option_id: str
    option_name: str
    adopted: CatalogueEntry
    latest: CatalogueEntry
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Adopted:
    """What an adoption did: the new option, and assessments not taken over (and why)."""

    option_id: str
    result: audit.WriteResult
    skipped: tuple[str, ...]


# --- who publishes ----------------------------------------------------------------------------


def _is_pg(conn: store.Connection) -> bool:
    return not isinstance(conn, duckdb.DuckDBPyConnection)


def me(conn: store.Connection) -> str:
    """The publisher role of this store: its database role on PostgreSQL, else ``local``."""
    if _is_pg(conn):
        return str(conn.execute("SELECT current_user").fetchone()[0])
    return LOCAL_PUBLISHER


def publisher_name(conn: store.Connection) -> str:
    """The municipality this store belongs to (the tenant's name; Mülheim without tenants)."""
    tenant = getattr(conn, "tenant", None)
    if tenant:
        row = conn.execute(
            "SELECT name FROM public.cockpit_tenants WHERE slug = ?", [tenant]
        ).fetchone()
        if row is not None:
            return str(row[0])
    return SINGLE_CITY


def is_shared(conn: store.Connection) -> bool:
    """Whether this store's catalogue is shared with other municipalities (a tenant on
    PostgreSQL); a single-city store's catalogue holds only its own publications."""
    return getattr(conn, "tenant", None) is not None


def value_text(value: Any) -> str:
    """A value of an update's difference for people (a whole row as JSON, '' for none)."""
    return audit.display_value(audit.encode(value))


def publishable(conn: store.Connection) -> pd.DataFrame:
    """Active options that may be published (every pathway except the status quo)."""
    return conn.execute(
        "SELECT o.id, o.name, o.area FROM options o JOIN areas a ON a.slug = o.area"
        " WHERE o.removed_at IS NULL AND o.pathway <> ? ORDER BY a.sort_order, o.name",
        [STATUS_QUO],
    ).df()


# --- reading the catalogue --------------------------------------------------------------------

_SELECT = (
    f"SELECT id, publisher_role, publisher, option_key, revision, area, area_name, pathway, name,"  # noqa: S608
    f" note, published_by, published_at, payload FROM {SCHEMA}.revisions r"
)


_LATEST_FILTERED = (
    " WHERE revision = (SELECT max(x.revision) FROM catalogue.revisions x"
    "  WHERE x.publisher_role = r.publisher_role AND x.option_key = r.option_key)"
    " AND (CAST(? AS VARCHAR) IS NULL OR area = ?)"
    " AND (CAST(? AS VARCHAR) IS NULL OR pathway = ?)"
    " AND (CAST(? AS VARCHAR) IS NULL OR name ILIKE ? OR publisher ILIKE ?"
    "      OR area_name ILIKE ? OR payload ILIKE ?)"
    " ORDER BY publisher, area_name, name"
)


def _entry(row: tuple, mine: str) -> CatalogueEntry:
    return CatalogueEntry(*row[:12], payload=json.loads(row[12]), own=row[1] == mine)


def entries(
    conn: store.Connection,
    *,
    text: str | None = None,
    area: str | None = None,
    pathway: str | None = None,
) -> list[CatalogueEntry]:
    """The latest revision of every published option, filtered; by publisher, area, name."""
    pattern = f"%{text.strip()}%" if text and text.strip() else None
    rows = conn.execute(
        _SELECT + _LATEST_FILTERED,
        [area, area, pathway, pathway, pattern, pattern, pattern, pattern, pattern],
    ).fetchall()
    mine = me(conn)
    return [_entry(row, mine) for row in rows]


def entry(conn: store.Connection, entry_id: int) -> CatalogueEntry:
    """One catalogue revision by id; NotFoundError if there is none."""
    row = conn.execute(_SELECT + " WHERE id = ?", [int(entry_id)]).fetchone()
    if row is None:
        raise NotFoundError("reuse_unknown_entry", id=entry_id)
    return _entry(row, me(conn))


def _revision(conn: store.Connection, role: str, key: str, revision: int | None) -> CatalogueEntry:
    """Revision ``revision`` (None: the latest) of entry (``role``, ``key``)."""
    if revision is None:
        row = conn.execute(
            _SELECT + " WHERE publisher_role = ? AND option_key = ? ORDER BY revision DESC LIMIT 1",
            [role, key],
        ).fetchone()
    else:
        row = conn.execute(
            _SELECT + " WHERE publisher_role = ? AND option_key = ? AND revision = ?",
            [role, key, revision],
        ).fetchone()
    if row is None:
        raise NotFoundError("reuse_unknown_entry", id=key)
    return _entry(row, me(conn))


# --- publishing -------------------------------------------------------------------------------


def _records(frame: pd.DataFrame, columns: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{c: audit.plain(row[c]) for c in columns} for _, row in frame.iterrows()]


def payload(conn: store.Connection, option_id: str) -> dict[str, Any]:
    """The option with its cost lines, assessments (active rows) and every source they cite."""
    option = conn.execute(
        "SELECT * FROM options WHERE id = ? AND removed_at IS NULL", [option_id]
    ).df()
    if option.empty:
        raise NotFoundError("reuse_unknown_option", id=option_id)
    costs = conn.execute(
        "SELECT * FROM cost_lines WHERE option_id = ? AND removed_at IS NULL ORDER BY item, id",
        [option_id],
    ).df()
    values = conn.execute(
        "SELECT * FROM assessments WHERE option_id = ? AND removed_at IS NULL ORDER BY criterion",
        [option_id],
    ).df()
    cited: set[str] = set()
    for text in [option.iloc[0]["source"], *costs["source"], *values["source"]]:
        cited.update(sourcerefs.keys(text))
    sources = conn.execute("SELECT * FROM sources WHERE removed_at IS NULL ORDER BY id").df()
    sources = sources[sources["id"].isin(cited)]
    return {
        "option": _records(option, OPTION_FIELDS)[0],
        "cost_lines": _records(costs, COST_FIELDS),
        "assessments": _records(values, ASSESSMENT_FIELDS),
        "sources": _records(sources, SOURCE_FIELDS),
    }


def _encode(data: Mapping[str, Any]) -> str:
    return json.dumps(audit.plain(dict(data)), ensure_ascii=False, sort_keys=True)


def publish(
    conn: store.Connection, actor: auth.Actor, option_id: str, note: str = ""
) -> tuple[int, audit.WriteResult]:
    """Publish ``option_id`` (first time: revision 1; again: the next revision).

    A status-quo option describes one city's own system and is not published; publishing
    again without any change is refused, so adopters are only offered real corrections.
    """
    auth.require_editor(actor)
    note = " ".join(str(note or "").split())[:500]
    published: dict[str, int] = {}

    def work(when: dt.datetime) -> list[audit.Entry]:
        data = payload(conn, option_id)
        if data["option"]["pathway"] == STATUS_QUO:
            raise InputError("reuse_status_quo")
        role = me(conn)
        last = conn.execute(
            f"SELECT revision, payload FROM {SCHEMA}.revisions WHERE publisher_role = ?"  # noqa: S608
            " AND option_key = ? ORDER BY revision DESC LIMIT 1",
            [role, option_id],
        ).fetchone()
        encoded = _encode(data)
        if last is not None and json.loads(last[1]) == json.loads(encoded):
            raise InputError("reuse_unchanged", name=data["option"]["name"])
        revision = 1 if last is None else int(last[0]) + 1
        area = conn.execute(
            "SELECT slug, name_de FROM areas WHERE slug = (SELECT area FROM options WHERE id = ?)",
            [option_id],
        ).fetchone()
        conn.execute(
            f"INSERT INTO {SCHEMA}.revisions (publisher, option_key, revision, area, area_name,"  # noqa: S608
            " pathway, name, note, payload, published_by, published_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                publisher_name(conn),
                option_id,
                revision,
                area[0],
                area[1],
                data["option"]["pathway"],
                data["option"]["name"],
                note,
                encoded,
                actor.name,
                when,
            ],
        )
        published["revision"] = revision
        old = None if last is None else int(last[0])
        return [audit.Entry("add", ENTITY, option_id, "revision", old, revision)]

    result = audit.audited_write(conn, actor, work)
    return published["revision"], result


# --- adopting ---------------------------------------------------------------------------------


def _unique(conn: store.Connection, table: str, column: str, base: str) -> str:
    candidate, n = base, 2
    while conn.execute(
        f'SELECT 1 FROM "{table}" WHERE "{column}" = ?',  # noqa: S608 - fixed names
        [candidate],
    ).fetchone():
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _same_source(local: Mapping[str, Any], theirs: Mapping[str, Any]) -> bool:
    return all(
        str(local.get(k) or "") == str(theirs.get(k) or "")
        for k in ("title", "publisher", "address", "published", "accessed")
    )


def _import_sources(
    conn: store.Connection, sources: list[dict[str, Any]]
) -> tuple[dict[str, str], list[audit.Entry]]:
    """Make every cited source exist here; a key taken by a different source gets a new key.

    Returns the key mapping (publisher's key → local key) and the audit entries.
    """
    store.require_door()
    mapping: dict[str, str] = {}
    added: list[audit.Entry] = []
    for source in sources:
        key = str(source["id"])
        frame = conn.execute("SELECT * FROM sources WHERE id = ?", [key]).df()
        if not frame.empty and _same_source(frame.iloc[0].to_dict(), source):
            mapping[key] = key
            continue
        local = key if frame.empty else _unique(conn, "sources", "id", f"{key}-nachnutzung")
        row = {**{k: source.get(k) or "" for k in SOURCE_FIELDS}, "id": local}
        conn.execute(
            "INSERT INTO sources (id, title, publisher, address, published, accessed, note)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [row[k] for k in SOURCE_FIELDS],
        )
        mapping[key] = local
        added.append(audit.Entry("add", "sources", local, "", None, row))
    return mapping, added


def _cite(text: Any, mapping: Mapping[str, str]) -> str:
    return sourcerefs.join(mapping.get(k, k) for k in sourcerefs.keys(text))


def _criteria(conn: store.Connection) -> dict[str, tuple[float, float]]:
    rows = conn.execute(
        "SELECT key, min_value, max_value FROM criteria"
        " WHERE removed_at IS NULL AND derived_from IS NULL"
    ).fetchall()
    return {key: (float(low), float(high)) for key, low, high in rows}


def _assessment_fits(row: Mapping[str, Any], criteria: Mapping[str, tuple[float, float]]) -> str:
    """'' if the assessment can be taken over here, else why not (for the adopter)."""
    if row["criterion"] not in criteria:
        return i18n.t("reuse_skip_criterion", "de", criterion=row["criterion"])
    low, high = criteria[row["criterion"]]
    values = [row["value"], row.get("value_low"), row.get("value_high")]
    if any(v is not None and not low <= float(v) <= high for v in values):
        return i18n.t("reuse_skip_range", "de", criterion=row["criterion"], low=low, high=high)
    return ""


def _insert_cost_line(
    conn: store.Connection, option_id: str, line: Mapping[str, Any], mapping: Mapping[str, str]
) -> audit.Entry:
    store.require_door()
    row = {k: line.get(k) for k in COST_FIELDS}
    row["source"] = _cite(row["source"], mapping)
    row["estimate_reason"] = row["estimate_reason"] or ""
    columns = ["option_id", *COST_FIELDS]
    new_id = conn.execute(
        f"INSERT INTO cost_lines ({', '.join(columns)})"  # noqa: S608
        f" VALUES ({', '.join('?' * len(columns))}) RETURNING id",
        [option_id, *row.values()],
    ).fetchone()[0]
    return audit.Entry("add", "cost_lines", str(new_id), "", None, {"option_id": option_id, **row})


def _insert_assessment(
    conn: store.Connection, option_id: str, value: Mapping[str, Any], mapping: Mapping[str, str]
) -> audit.Entry:
    store.require_door()
    row = {k: value.get(k) for k in ASSESSMENT_FIELDS}
    row["source"] = _cite(row["source"], mapping)
    row["estimate_reason"] = row["estimate_reason"] or ""
    row["assessed_on"] = dt.date.fromisoformat(str(row["assessed_on"])[:10])
    columns = ["option_id", *ASSESSMENT_FIELDS]
    conn.execute(
        f"INSERT INTO assessments ({', '.join(columns)})"  # noqa: S608
        f" VALUES ({', '.join('?' * len(columns))})",
        [option_id, *row.values()],
    )
    key = key_text((option_id, row["criterion"]))
    return audit.Entry("add", "assessments", key, "", None, {"option_id": option_id, **row})


def _free_name(conn: store.Connection, area: str, name: str, publisher: str) -> str:
    taken = {
        str(r[0]).casefold()
        for r in conn.execute(
            "SELECT name FROM options WHERE area = ? AND removed_at IS NULL", [area]
        ).fetchall()
    }
    candidate, n = name, 2
    if candidate.casefold() in taken:
        candidate = f"{name} (Nachnutzung {publisher})"
    while candidate.casefold() in taken:
        candidate, n = f"{name} (Nachnutzung {publisher}, {n})", n + 1
    return candidate


def adopt(
    conn: store.Connection, actor: auth.Actor, entry_id: int, area: str | None = None
) -> Adopted:
    """Copy catalogue entry ``entry_id`` into this review as a new option in ``area``
    (default: the publisher's area key, if this review has it), with its cost lines, the
    assessments this review's criteria can hold, and the sources they cite."""
    auth.require_editor(actor)
    found = entry(conn, entry_id)
    target = area or found.area
    store.require_area(conn, target)
    skipped: list[str] = []
    created: dict[str, str] = {}

    def work(when: dt.datetime) -> list[audit.Entry]:
        if conn.execute(
            "SELECT 1 FROM adoptions a JOIN options o ON o.id = a.option_id"
            " WHERE a.origin_role = ? AND a.origin_key = ? AND o.removed_at IS NULL",
            [found.publisher_role, found.option_key],
        ).fetchone():
            raise InputError("reuse_already_adopted", name=found.name)
        mapping, entries = _import_sources(conn, found.payload["sources"])
        option = dict(found.payload["option"])
        option_id = _unique(conn, "options", "id", found.option_key)
        option["name"] = _free_name(conn, target, option["name"], found.publisher)
        option["source"] = _cite(option["source"], mapping)
        option["estimate_reason"] = option["estimate_reason"] or ""
        columns = ["id", "area", *OPTION_FIELDS]
        conn.execute(
            f"INSERT INTO options ({', '.join(columns)})"  # noqa: S608
            f" VALUES ({', '.join('?' * len(columns))})",
            [option_id, target, *(option[k] for k in OPTION_FIELDS)],
        )
        origin = {
            "publisher": found.publisher,
            "option_key": found.option_key,
            "revision": found.revision,
        }
        entries.append(
            audit.Entry(
                "add",
                "options",
                option_id,
                "",
                None,
                {"id": option_id, "area": target, **option, "origin": origin},
            )
        )
        for line in found.payload["cost_lines"]:
            entries.append(_insert_cost_line(conn, option_id, line, mapping))
        criteria = _criteria(conn)
        for value in found.payload["assessments"]:
            why = _assessment_fits(value, criteria)
            if why:
                skipped.append(why)
                continue
            entries.append(_insert_assessment(conn, option_id, value, mapping))
        conn.execute(
            "INSERT INTO adoptions (option_id, origin_role, origin_key, origin_publisher,"
            " revision, adopted_at) VALUES (?, ?, ?, ?, ?, ?)",
            [option_id, found.publisher_role, found.option_key, found.publisher,
             found.revision, when],
        )  # fmt: skip
        entries.extend(fill_placeholders(conn, when))  # criteria the publisher does not have
        created["id"] = option_id
        return entries

    result = audit.audited_write(conn, actor, work)
    return Adopted(created["id"], result, tuple(skipped))


def adoptions(conn: store.Connection) -> pd.DataFrame:
    """This review's adopted options with their origin (publisher, entry, revision)."""
    return conn.execute(
        "SELECT a.option_id, o.name, o.area, a.origin_publisher, a.origin_key, a.revision,"
        " a.declined_revision, a.adopted_at FROM adoptions a JOIN options o ON o.id = a.option_id"
        " WHERE o.removed_at IS NULL ORDER BY o.area, o.name"
    ).df()


# --- updates ----------------------------------------------------------------------------------


def _by(rows: list[dict[str, Any]], key: str) -> dict[str, dict[str, Any]]:
    return {str(row[key]): row for row in rows}


def diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    """What changed from payload ``old`` to payload ``new`` (the publisher's correction)."""
    changes = [
        Change("option", "", f, old["option"].get(f), new["option"].get(f))
        for f in OPTION_FIELDS
        if old["option"].get(f) != new["option"].get(f)
    ]
    for part, key, fields in (
        ("cost_lines", "item", COST_FIELDS),
        ("assessments", "criterion", ASSESSMENT_FIELDS),
    ):
        before, after = _by(old[part], key), _by(new[part], key)
        for name in sorted(before.keys() | after.keys()):
            if name not in after:
                changes.append(Change(part, name, "", before[name], None))
            elif name not in before:
                changes.append(Change(part, name, "", None, after[name]))
            else:
                changes.extend(
                    Change(part, name, f, before[name].get(f), after[name].get(f))
                    for f in fields
                    if f != key and before[name].get(f) != after[name].get(f)
                )
    return changes


def offers(conn: store.Connection) -> list[Offer]:
    """Every adopted option whose publisher has published a revision not yet accepted or
    declined here, with the difference between the adopted and the latest revision."""
    rows = conn.execute(
        "SELECT a.option_id, o.name, a.origin_role, a.origin_key, a.revision,"
        " coalesce(a.declined_revision, 0) FROM adoptions a JOIN options o ON o.id = a.option_id"
        " WHERE o.removed_at IS NULL ORDER BY o.name"
    ).fetchall()
    found = []
    for option_id, name, role, key, revision, declined in rows:
        latest = _revision(conn, role, key, None)
        if latest.revision <= max(int(revision), int(declined)):
            continue
        adopted = _revision(conn, role, key, int(revision))
        changes = tuple(diff(adopted.payload, latest.payload))
        found.append(Offer(option_id, name, adopted, latest, changes))
    return found


def _offer(conn: store.Connection, option_id: str) -> Offer:
    for offer in offers(conn):
        if offer.option_id == option_id:
            return offer
    raise NotFoundError("reuse_no_update", id=option_id)


def _set_fields(
    conn: store.Connection, table: str, where: str, params: list[Any], values: dict[str, Any]
) -> None:
    store.require_door()
    assignments = ", ".join(f'"{f}" = ?' for f in values)
    conn.execute(
        f'UPDATE "{table}" SET {assignments} WHERE {where}',  # noqa: S608 - names from constants
        [*values.values(), *params],
    )


def accept(conn: store.Connection, actor: auth.Actor, option_id: str) -> audit.WriteResult:
    """Apply the publisher's latest correction to the adopted option (exactly the changed
    fields and rows), and record the revision as adopted."""
    auth.require_editor(actor)

    def work(when: dt.datetime) -> list[audit.Entry]:
        offer = _offer(conn, option_id)
        mapping, entries = _import_sources(conn, offer.latest.payload["sources"])
        fields = {}
        for change in offer.changes:
            if change.part != "option":
                continue
            value = _cite(change.new, mapping) if change.field == "source" else change.new
            fields[change.field] = "" if value is None and change.field != "partner" else value
        if fields:
            old = conn.execute(
                f"SELECT {', '.join(fields)} FROM options WHERE id = ?",  # noqa: S608
                [option_id],
            ).fetchone()
            _set_fields(conn, "options", "id = ?", [option_id], fields)
            entries.extend(
                audit.Entry("update", "options", option_id, f, before, after)
                for (f, after), before in zip(fields.items(), old, strict=True)
            )
        criteria = _criteria(conn)
        latest_costs = _by(offer.latest.payload["cost_lines"], "item")
        latest_values = _by(offer.latest.payload["assessments"], "criterion")
        for key in sorted({c.key for c in offer.changes if c.part == "cost_lines"}):
            line = conn.execute(
                "SELECT id FROM cost_lines WHERE option_id = ? AND item = ? AND removed_at IS NULL"
                " ORDER BY id LIMIT 1",
                [option_id, key],
            ).fetchone()
            if key not in latest_costs:  # the publisher removed the line
                if line is not None:
                    _set_fields(conn, "cost_lines", "id = ?", [line[0]], {"removed_at": when})
                    entries.append(audit.Entry("remove", "cost_lines", str(line[0]), "", key, None))
                continue
            if line is None:  # a line the publisher added (or one removed here): add it
                entries.append(_insert_cost_line(conn, option_id, latest_costs[key], mapping))
                continue
            values = {f: latest_costs[key].get(f) for f in COST_FIELDS if f != "item"}
            values["source"] = _cite(values["source"], mapping)
            values["estimate_reason"] = values["estimate_reason"] or ""
            before = conn.execute(
                f"SELECT {', '.join(values)} FROM cost_lines WHERE id = ?",  # noqa: S608
                [line[0]],
            ).fetchone()
            _set_fields(conn, "cost_lines", "id = ?", [line[0]], values)
            entries.extend(
                audit.Entry("update", "cost_lines", str(line[0]), f, old_value, new_value)
                for (f, new_value), old_value in zip(values.items(), before, strict=True)
                if audit.plain(old_value) != audit.plain(new_value)
            )
        for key in sorted({c.key for c in offer.changes if c.part == "assessments"}):
            if key not in latest_values or _assessment_fits(latest_values[key], criteria):
                continue  # removed by the publisher or not representable here: keep ours
            row = {k: latest_values[key].get(k) for k in ASSESSMENT_FIELDS if k != "criterion"}
            row["source"] = _cite(row["source"], mapping)
            row["estimate_reason"] = row["estimate_reason"] or ""
            row["assessed_on"] = dt.date.fromisoformat(str(row["assessed_on"])[:10])
            exists = conn.execute(
                "SELECT 1 FROM assessments WHERE option_id = ? AND criterion = ?", [option_id, key]
            ).fetchone()
            if exists is None:
                entries.append(_insert_assessment(conn, option_id, latest_values[key], mapping))
                continue
            _set_fields(
                conn,
                "assessments",
                "option_id = ? AND criterion = ?",
                [option_id, key],
                {**row, "removed_at": None},
            )
            entries.append(
                audit.Entry("update", "assessments", key_text((option_id, key)), "", None, row)
            )
        conn.execute(
            "UPDATE adoptions SET revision = ?, declined_revision = NULL WHERE option_id = ?",
            [offer.latest.revision, option_id],
        )
        entries.append(
            audit.Entry(
                "update", ENTITY, option_id, "revision", offer.adopted.revision,
                offer.latest.revision,
            )
        )  # fmt: skip
        return entries

    return audit.audited_write(conn, actor, work)


def decline(conn: store.Connection, actor: auth.Actor, option_id: str) -> audit.WriteResult:
    """Keep the local copy as it is; the offer returns only with a newer revision."""
    auth.require_editor(actor)

    def work(_when: dt.datetime) -> list[audit.Entry]:
        offer = _offer(conn, option_id)
        old = conn.execute(
            "SELECT declined_revision FROM adoptions WHERE option_id = ?", [option_id]
        ).fetchone()[0]
        conn.execute(
            "UPDATE adoptions SET declined_revision = ? WHERE option_id = ?",
            [offer.latest.revision, option_id],
        )
        return [
            audit.Entry(
                "update", ENTITY, option_id, "declined_revision", old, offer.latest.revision
            )
        ]

    return audit.audited_write(conn, actor, work)
