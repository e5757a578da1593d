"""Saved weight scenarios (and stakeholder profiles): save, load, rename, delete, compare.

Both live in ``weight_profiles`` (kind ``scenario`` or ``stakeholder``) with one row per
criterion in ``profile_criterion_weights``, so a saved weighting (a
:class:`~core.scoring.weightset.WeightSet`) keeps every sub-criterion weight and the method.
The slug is fixed when a profile is first saved; renaming changes only the name, so links
like ``?scenario=<slug>`` keep working. Deleting is a soft delete
(undo from the audit trail). Every change goes through :func:`core.editing.audit.audited_write`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from core import store
from core.editing import audit, auth, links
from core.editing.validation import Field, clean, slugify
from core.errors import InputError, NotFoundError
from core.scoring.area_model import AreaModel, rank_area
from core.scoring.global_value import AreaWeights
from core.scoring.weights import GROUPS
from core.scoring.weightset import WeightSet

KINDS = ("scenario", "stakeholder")
ENTITY = {"scenario": "scenarios", "stakeholder": "stakeholders"}
NAME_FIELD = Field("name", "required_text", max_length=80)
GROUP_COLUMNS = {g: f"w_{g}" for g in GROUPS}
WEIGHT_COLUMNS = (*GROUP_COLUMNS.values(), "method")


@dataclass(frozen=True)
class Profile:
    """A saved scenario or stakeholder profile."""

    slug: str
    name: str
    kind: str
    author: str
    created_at: dt.datetime
    weights: WeightSet
    description: str = ""
    area_weights: Mapping[str, float] = field(default_factory=dict)


def profile_name(name: str) -> str:
    """``name`` as a profile is saved under (trimmed); :class:`InputError` if it is unusable."""
    return clean(NAME_FIELD, name)


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise InputError("profile_unknown_kind", kind=kind)


def list_profiles(conn: duckdb.DuckDBPyConnection, kind: str) -> list[Profile]:
    """Active profiles of ``kind``, oldest first."""
    _check_kind(kind)
    rows = conn.execute(
        "SELECT slug, name_de, kind, author, created_at, w_cost, w_citizen_value, w_feasibility,"
        " method, description_de FROM weight_profiles WHERE kind = ? AND removed_at IS NULL"
        " ORDER BY created_at, slug",
        [kind],
    ).fetchall()
    within = _within(conn, [r[0] for r in rows])
    by_area = _area_weights(conn, [r[0] for r in rows])
    return [
        Profile(
            slug=r[0],
            name=r[1],
            kind=r[2],
            author=r[3],
            created_at=r[4],
            weights=WeightSet.from_row(
                dict(zip(WEIGHT_COLUMNS, r[5:9], strict=True)), within.get(r[0], {})
            ),
            description=r[9],
            area_weights=by_area.get(r[0], {}),
        )
        for r in rows
    ]


def _area_weights(
    conn: duckdb.DuckDBPyConnection, slugs: Sequence[str]
) -> dict[str, dict[str, float]]:
    """Saved area weights per profile (areas without a row weigh 1)."""
    if not slugs:
        return {}
    rows = conn.execute(
        "SELECT profile, area, weight FROM profile_area_weights WHERE profile = ANY(?)",
        [list(slugs)],
    ).fetchall()
    result: dict[str, dict[str, float]] = {}
    for profile, area, weight in rows:
        result.setdefault(profile, {})[area] = float(weight)
    return result


def _write_area_weights(
    conn: duckdb.DuckDBPyConnection, slug: str, area_weights: Mapping[str, float]
) -> list[tuple[str, float | None, float]]:
    """Replace the profile's area weights; return (area, old, new) where changed (1 = none)."""
    store.require_door()
    known = {r[0] for r in conn.execute("SELECT slug FROM areas").fetchall()}
    clean = AreaWeights(area_weights).non_default()
    for area in clean:
        if area not in known:
            raise NotFoundError("unknown_area", area=area, allowed=", ".join(sorted(known)))
    old = dict(
        conn.execute(
            "SELECT area, weight FROM profile_area_weights WHERE profile = ?", [slug]
        ).fetchall()
    )
    conn.execute("DELETE FROM profile_area_weights WHERE profile = ?", [slug])
    for area, weight in sorted(clean.items()):
        conn.execute("INSERT INTO profile_area_weights VALUES (?, ?, ?)", [slug, area, weight])
    return [
        (area, old.get(area), clean.get(area, 1.0))
        for area in sorted(set(old) | set(clean))
        if float(old.get(area, 1.0)) != float(clean.get(area, 1.0))
    ]


def _within(conn: duckdb.DuckDBPyConnection, slugs: Sequence[str]) -> dict[str, dict[str, float]]:
    if not slugs:
        return {}
    rows = conn.execute(
        "SELECT w.profile, w.criterion, w.weight FROM profile_criterion_weights w"
        " JOIN criteria c ON c.key = w.criterion"
        " WHERE c.removed_at IS NULL AND w.profile = ANY(?)",
        [list(slugs)],
    ).fetchall()
    result: dict[str, dict[str, float]] = {}
    for profile, criterion, weight in rows:
        result.setdefault(profile, {})[criterion] = float(weight)
    return result


def _revive(conn: duckdb.DuckDBPyConnection, kind: str, slug: str | None) -> bool:
    """A participant link names a removed participant whose links were issued anew: the
    participant is back (the caller has checked the link); True if a row was restored."""
    store.require_door()
    if slug is None or kind != "stakeholder":
        return False
    row = conn.execute(
        "SELECT 1 FROM weight_profiles WHERE slug = ? AND kind = ? AND removed_at IS NOT NULL",
        [slug, kind],
    ).fetchone()
    if row is None:
        return False
    conn.execute("UPDATE weight_profiles SET removed_at = NULL WHERE slug = ?", [slug])
    return True


def load(conn: duckdb.DuckDBPyConnection, slug: str, kind: str = "scenario") -> Profile:
    """The active profile ``slug`` of ``kind``; :class:`NotFoundError` if there is none."""
    for profile in list_profiles(conn, kind):
        if profile.slug == slug:
            return profile
    raise NotFoundError("profile_not_found", slug=slug)


def _active_by_name(conn: duckdb.DuckDBPyConnection, kind: str, name: str) -> str | None:
    row = conn.execute(
        "SELECT slug FROM weight_profiles WHERE kind = ? AND removed_at IS NULL"
        " AND lower(trim(name_de)) = lower(trim(?))",
        [kind, name],
    ).fetchone()
    return None if row is None else row[0]


def _free_slug(conn: duckdb.DuckDBPyConnection, base: str) -> str:
    base = base or "profil"
    candidate, n = base, 2
    while conn.execute("SELECT 1 FROM weight_profiles WHERE slug = ?", [candidate]).fetchone():
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _criterion_rows(conn: duckdb.DuckDBPyConnection) -> list[tuple[str, float]]:
    return [
        (r[0], float(r[1]))
        for r in conn.execute(
            "SELECT key, default_weight FROM criteria WHERE removed_at IS NULL ORDER BY key"
        ).fetchall()
    ]


def _write_weights(
    conn: duckdb.DuckDBPyConnection, slug: str, weights: WeightSet
) -> list[tuple[str, float | None, float]]:
    """Upsert one weight per active criterion; return (criterion, old, new) where changed."""
    store.require_door()
    old = dict(
        conn.execute(
            "SELECT criterion, weight FROM profile_criterion_weights WHERE profile = ?", [slug]
        ).fetchall()
    )
    changed = []
    for key, default in _criterion_rows(conn):
        new = float(weights.within.get(key, default))
        if key not in old:
            conn.execute("INSERT INTO profile_criterion_weights VALUES (?, ?, ?)", [slug, key, new])
            changed.append((key, None, new))
        elif float(old[key]) != new:
            conn.execute(
                "UPDATE profile_criterion_weights SET weight = ? WHERE profile = ?"
                " AND criterion = ?",
                [new, slug, key],
            )
            changed.append((key, float(old[key]), new))
    return changed


def save(
    conn: duckdb.DuckDBPyConnection,
    actor: auth.Actor,
    name: str,
    weights: WeightSet,
    criteria: pd.DataFrame,
    *,
    kind: str = "scenario",
    slug: str | None = None,
    overwrite: bool = False,
    description: str = "",
    permit: Callable[[auth.Actor], object] | None = None,
    area_weights: Mapping[str, float] | None = None,
) -> tuple[str, audit.WriteResult]:
    """Save ``weights`` under ``name``; return the slug and the write result.

    A new name gets a new slug (from the name, made unique). An existing active name of the
    same kind is refused unless ``overwrite``; ``slug`` pins the profile to write (a
    participant link). ``permit`` defaults to editors only.
    """
    _check_kind(kind)
    label = profile_name(name)
    if slug is not None:
        slug = clean(Field("slug", "slug", max_length=80), slug)
    text = clean(Field("description", "text", max_length=500), description)
    weights.validate(criteria)
    check = permit or auth.require_editor
    check(actor)
    entity = ENTITY[kind]
    saved: dict[str, str] = {}

    def work(when: dt.datetime) -> list[audit.Entry]:
        target = slug or _active_by_name(conn, kind, label)
        revived = _revive(conn, kind, slug)
        exists = (
            target is not None
            and conn.execute(
                "SELECT 1 FROM weight_profiles WHERE slug = ? AND kind = ? AND removed_at IS NULL",
                [target, kind],
            ).fetchone()
            is not None
        )
        if (
            target is not None
            and conn.execute(
                "SELECT 1 FROM weight_profiles WHERE slug = ?"
                " AND (kind <> ? OR removed_at IS NOT NULL)",
                [target, kind],
            ).fetchone()
        ):
            raise InputError("profile_slug_taken", slug=target)
        if exists and not overwrite:
            raise InputError("profile_name_taken", name=label)
        other = _active_by_name(conn, kind, label)
        if other is not None and other != target:
            raise InputError("profile_name_taken", name=label)
        groups = [weights.groups[g] for g in GROUPS]
        entries: list[audit.Entry] = (
            [audit.Entry("restore", entity, target, "", None, "active")] if revived else []
        )
        if exists:
            before = conn.execute(
                "SELECT name_de, w_cost, w_citizen_value, w_feasibility, method FROM"
                " weight_profiles WHERE slug = ?",
                [target],
            ).fetchone()
            conn.execute(
                "UPDATE weight_profiles SET name_de = ?, w_cost = ?, w_citizen_value = ?,"
                " w_feasibility = ?, method = ? WHERE slug = ?",
                [label, *groups, weights.method, target],
            )
            after = (label, *groups, weights.method)
            for column, old, new in zip(
                ("name", *GROUP_COLUMNS.values(), "method"), before, after, strict=True
            ):
                if old != new:
                    entries.append(audit.Entry("update", entity, target, column, old, new))
        else:
            target = target or _free_slug(conn, slugify(label))
            conn.execute(
                "INSERT INTO weight_profiles (slug, name_de, kind, w_cost, w_citizen_value,"
                " w_feasibility, method, description_de, author, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [target, label, kind, *groups, weights.method, text, actor.name, when],
            )
        written = _write_weights(conn, target, weights)
        areas_written = _write_area_weights(conn, target, area_weights or {})
        if exists:
            entries.extend(
                audit.Entry("update", entity, target, f"s_{key}", old, new)
                for key, old, new in written
            )
            entries.extend(
                audit.Entry("update", entity, target, f"aw_{area}", old, new)
                for area, old, new in areas_written
            )
        else:
            entries.append(
                audit.Entry(
                    "add",
                    entity,
                    target,
                    "",
                    None,
                    {
                        "name": label,
                        **{GROUP_COLUMNS[g]: weights.groups[g] for g in GROUPS},
                        "method": weights.method,
                        "within": {key: new for key, _, new in written},
                        "area_weights": {area: new for area, _, new in areas_written},
                    },
                )
            )
        saved["slug"] = target
        return entries

    result = audit.audited_write(conn, actor, work, permit=check)
    return saved.get("slug") or (slug or ""), result


def rename(
    conn: duckdb.DuckDBPyConnection,
    actor: auth.Actor,
    slug: str,
    new_name: str,
    kind: str = "scenario",
) -> audit.WriteResult:
    """Give profile ``slug`` a new name (the slug, and so every link, stays)."""
    _check_kind(kind)
    label = profile_name(new_name)
    auth.require_editor(actor)

    def work(_when: dt.datetime) -> list[audit.Entry]:
        old = load(conn, slug, kind).name
        other = _active_by_name(conn, kind, label)
        if other is not None and other != slug:
            raise InputError("profile_name_taken", name=label)
        if old == label:
            return []
        conn.execute("UPDATE weight_profiles SET name_de = ? WHERE slug = ?", [label, slug])
        return [audit.Entry("update", ENTITY[kind], slug, "name", old, label)]

    return audit.audited_write(conn, actor, work)


def delete(
    conn: duckdb.DuckDBPyConnection, actor: auth.Actor, slug: str, kind: str = "scenario"
) -> audit.WriteResult:
    """Remove profile ``slug`` (soft delete; undo from the audit trail)."""
    _check_kind(kind)
    auth.require_editor(actor)

    def work(when: dt.datetime) -> list[audit.Entry]:
        profile = load(conn, slug, kind)
        conn.execute("UPDATE weight_profiles SET removed_at = ? WHERE slug = ?", [when, slug])
        revoked = links.revoke_entries(conn, slug, when) if kind == "stakeholder" else []
        return [
            *revoked,
            audit.Entry(
                "remove",
                ENTITY[kind],
                slug,
                "",
                {
                    "name": profile.name,
                    **{GROUP_COLUMNS[g]: profile.weights.groups[g] for g in GROUPS},
                    "method": profile.weights.method,
                },
                None,
            ),
        ]

    return audit.audited_write(conn, actor, work)


# --- comparison -------------------------------------------------------------------------------


def top_options(ranking: pd.DataFrame) -> frozenset[str]:
    """Ids of the options ranked first (several on a tie)."""
    if ranking.empty:
        return frozenset()
    return frozenset(ranking.loc[ranking["rank"] == ranking["rank"].min(), "option_id"])


@dataclass(frozen=True)
class Comparison:
    """Rankings of every area under several weightings, side by side."""

    ranks: dict[str, pd.DataFrame]  # area → option rows, one rank column per scenario
    tops: pd.DataFrame  # area, scenario, top (option names joined by " = "), score (of the top)
    differing: tuple[str, ...]  # areas whose top option is not the same under all scenarios
    # area → option rows (option_id, option), one score column per scenario (the method's score)
    scores: dict[str, pd.DataFrame] = field(default_factory=dict)


def preset_weights(presets: pd.DataFrame, base: WeightSet) -> dict[str, WeightSet]:
    """Each built-in preset (rows of ``store.weight_profiles(conn, "preset")``) as a weighting:
    the preset's group weights with the sub-criterion weights and the method of ``base`` —
    what the sidebar shows after a click on the preset's button."""
    return {
        str(row.slug): WeightSet(
            {g: float(getattr(row, GROUP_COLUMNS[g])) for g in GROUPS},
            dict(base.within),
            base.method,
        )
        for row in presets.itertuples(index=False)
    }


def compare(
    models: Mapping[str, AreaModel],
    named: Mapping[str, WeightSet],
    option_names: Mapping[str, str] | None = None,
) -> Comparison:
    """Rank every area under each named weighting; mark areas where the winners differ.

    ``option_names`` (option id → name, e.g. in the reader's language) replaces the stored
    option names where it has one."""
    if len(named) < 1:
        raise InputError("compare_needs_scenarios")
    ranks: dict[str, pd.DataFrame] = {}
    scores: dict[str, pd.DataFrame] = {}
    rows = []
    differing = []
    shown = dict(option_names or {})
    for area, model in models.items():
        ids = model.options["id"]
        names = [shown.get(i) or n for i, n in zip(ids, model.options["name"])]
        table = pd.DataFrame({"option_id": ids, "option": names})
        score_table = table.copy()
        name_of = dict(zip(table["option_id"], table["option"]))
        winners = set()
        for label, weights in named.items():
            ranking = rank_area(model, weights.for_criteria(model.criteria), weights.method)
            table[label] = table["option_id"].map(dict(zip(ranking["option_id"], ranking["rank"])))
            score_of = dict(zip(ranking["option_id"], ranking["score"]))
            score_table[label] = score_table["option_id"].map(score_of)
            top = top_options(ranking)
            winners.add(top)
            rows.append(
                {
                    "area": area,
                    "scenario": label,
                    "top": " = ".join(sorted(name_of[o] for o in top)),
                    "score": max((score_of[o] for o in top), default=float("nan")),
                }
            )
        first = next(iter(named))
        order = table.sort_values([first, "option"], kind="stable").index
        ranks[area] = table.loc[order].reset_index(drop=True)
        scores[area] = score_table.loc[order].reset_index(drop=True)
        if len(winners) > 1:
            differing.append(area)
    return Comparison(
        ranks,
        pd.DataFrame(rows, columns=["area", "scenario", "top", "score"]),
        tuple(differing),
        scores,
    )
