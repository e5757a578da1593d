"""Reads of the store. Every function takes a connection and returns a DataFrame.

Reads return pandas DataFrames with stable column names and hide soft-removed rows
(``removed_at``, see :mod:`core.store.migration_editing`). All SQL values are bound
parameters; no value is ever formatted into SQL text. The SQL is the part DuckDB and
PostgreSQL share: no ``EXCLUDE`` (the ``removed_at`` column is dropped from the frame), no
``GROUP BY ALL``, and an optional filter value is cast (``CAST(? AS VARCHAR) IS NULL``) so that
PostgreSQL knows its type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from core import i18n
from core.errors import NotFoundError
from core.store.dialect import Connection

if TYPE_CHECKING:  # DuckDB's .df() imports pandas when a read first needs it
    import pandas as pd

PATHWAYS = ("status_quo", "standard", "best_practice", "joint_kdn")
SYSTEM_KINDS = ("in_house", "standard", "saas", "shared")


def _frame(conn: Connection, sql: str, params: list | None = None) -> pd.DataFrame:
    frame = conn.execute(sql, params or []).df()
    return frame.drop(columns="removed_at") if "removed_at" in frame.columns else frame


_AREAS_SQL = """
    SELECT a.slug, a.name_de, a.name_en, a.description_de, a.sort_order,
           count(o.id)::INTEGER AS n_options
    FROM areas a LEFT JOIN options o ON o.area = a.slug AND o.removed_at IS NULL
    GROUP BY a.slug, a.name_de, a.name_en, a.description_de, a.sort_order
    ORDER BY a.sort_order, a.slug
"""


def areas(conn: Connection) -> pd.DataFrame:
    """All review areas with their number of options, in the motion's order."""
    return _frame(conn, _AREAS_SQL)


def area_rows(conn: Connection) -> list[dict[str, object]]:
    """:func:`areas` as plain rows (dicts), without pandas: for the command line, which
    lists areas before anything else and should start fast."""
    cursor = conn.execute(_AREAS_SQL)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def area_slugs(conn: Connection) -> list[str]:
    """Slugs of all areas in display order."""
    return areas(conn)["slug"].tolist()


def require_area(conn: Connection, slug: str) -> None:
    """Raise :class:`NotFoundError` unless ``slug`` names an area."""
    slugs = area_slugs(conn)
    if slug not in slugs:
        raise NotFoundError("unknown_area", area=slug, allowed=", ".join(slugs))


def systems(conn: Connection, area: str | None = None) -> pd.DataFrame:
    """Current systems, optionally of one area."""
    return _frame(
        conn,
        "SELECT * FROM systems WHERE (CAST(? AS VARCHAR) IS NULL OR area = ?) ORDER BY area, name",
        [area, area],
    )


def options(conn: Connection, area: str | None = None) -> pd.DataFrame:
    """Options, optionally of one area, status quo first."""
    return _frame(
        conn,
        """
        SELECT o.* FROM options o JOIN areas a ON a.slug = o.area
        WHERE o.removed_at IS NULL AND (CAST(? AS VARCHAR) IS NULL OR o.area = ?)
        ORDER BY a.sort_order, CASE o.pathway WHEN 'status_quo' THEN 0 WHEN 'standard' THEN 1
                 WHEN 'best_practice' THEN 2 ELSE 3 END, o.name
        """,
        [area, area],
    )


def criteria(conn: Connection) -> pd.DataFrame:
    """The criteria catalogue in display order."""
    return _frame(
        conn,
        """
        SELECT * FROM criteria WHERE removed_at IS NULL
        ORDER BY CASE grp WHEN 'cost' THEN 0 WHEN 'citizen_value' THEN 1 ELSE 2 END,
                 sort_order, key
        """,
    )


def assessments(conn: Connection, area: str | None = None) -> pd.DataFrame:
    """Assessments (long format), optionally of one area's options."""
    return _frame(
        conn,
        """
        SELECT s.* FROM assessments s JOIN options o ON o.id = s.option_id
        JOIN criteria k ON k.key = s.criterion
        WHERE s.removed_at IS NULL AND o.removed_at IS NULL AND k.removed_at IS NULL
          AND (CAST(? AS VARCHAR) IS NULL OR o.area = ?) ORDER BY s.option_id, s.criterion
        """,
        [area, area],
    )


def cost_lines(conn: Connection, area: str | None = None) -> pd.DataFrame:
    """Cost lines, optionally of one area's options."""
    return _frame(
        conn,
        """
        SELECT c.* FROM cost_lines c JOIN options o ON o.id = c.option_id
        WHERE c.removed_at IS NULL AND o.removed_at IS NULL
          AND (CAST(? AS VARCHAR) IS NULL OR o.area = ?)
        ORDER BY c.option_id, c.id
        """,
        [area, area],
    )


def cost_totals(conn: Connection, area: str | None = None) -> pd.DataFrame:
    """Per option: summed investment, annual cost and staff FTE (zeros if no lines)."""
    return _frame(
        conn,
        """
        SELECT o.id AS option_id,
               coalesce(sum(c.investment_eur), 0)::DOUBLE PRECISION AS investment,
               coalesce(sum(c.annual_cost_eur), 0)::DOUBLE PRECISION AS annual_cost,
               coalesce(sum(c.staff_fte), 0)::DOUBLE PRECISION AS staff_fte,
               coalesce(bool_or(c.is_estimate), false) AS cost_is_estimate
        FROM options o LEFT JOIN cost_lines c ON c.option_id = o.id AND c.removed_at IS NULL
        WHERE o.removed_at IS NULL AND (CAST(? AS VARCHAR) IS NULL OR o.area = ?)
        GROUP BY o.id ORDER BY o.id
        """,
        [area, area],
    )


def weight_profiles(conn: Connection, kind: str | None = "preset") -> pd.DataFrame:
    """Named weight profiles, presets by default."""
    return _frame(
        conn,
        "SELECT * FROM weight_profiles"
        " WHERE removed_at IS NULL AND (CAST(? AS VARCHAR) IS NULL OR kind = ?)"
        " ORDER BY created_at, slug",
        [kind, kind],
    )


def _english(table: str, key: str, field: str, german: str) -> str:
    """SQL for the English text of ``german`` (column ``field`` of the ``table`` row with key
    expression ``key``) where there is one that translates this German text, else ``german``.
    Every argument is a constant of this module, never user input."""
    return (
        f"coalesce((SELECT e.text FROM english_texts e WHERE e.tbl = '{table}'"  # noqa: S608
        f" AND e.row_key = {key} AND e.field = '{field}'"
        f" AND (e.german = '' OR e.german = {german})), {german})"
    )


def _cited_sql(lang: str = "de") -> str:
    """The rows with a figure and its sources; labels and estimate reasons in ``lang``
    (English where translated, :mod:`core.store.migration_english`)."""
    en = lang == "en"

    def text(table: str, key: str, field: str, german: str) -> str:
        return _english(table, key, field, german) if en else german

    option = text("options", "o.id", "name", "o.name")
    criterion = "coalesce(nullif(trim(k.label_en), ''), k.label_de)" if en else "k.label_de"
    return f"""
    WITH cited AS (
        SELECT 'systems' AS kind, id AS key, area,
               {text("systems", "systems.id", "name", "systems.name")} AS label, source,
               is_estimate,
               {text("systems", "systems.id", "estimate_reason", "systems.estimate_reason")}
                   AS estimate_reason
        FROM systems
        UNION ALL SELECT 'options', o.id, o.area, {option}, o.source, o.is_estimate,
               {text("options", "o.id", "estimate_reason", "o.estimate_reason")}
        FROM options o WHERE o.removed_at IS NULL
        UNION ALL SELECT 'cost_lines', CAST(c.id AS VARCHAR), o.area,
               {option} || ': ' || {text("cost_lines", "CAST(c.id AS VARCHAR)", "item", "c.item")},
               c.source, c.is_estimate,
               {text("cost_lines", "CAST(c.id AS VARCHAR)", "estimate_reason", "c.estimate_reason")}
        FROM cost_lines c JOIN options o ON o.id = c.option_id
        WHERE c.removed_at IS NULL AND o.removed_at IS NULL
        UNION ALL SELECT 'assessments', s.option_id || '/' || s.criterion, o.area,
               {option} || ': ' || {criterion}, s.source, s.is_estimate,
               {
        text(
            "assessments",
            "s.option_id || '/' || s.criterion",
            "estimate_reason",
            "s.estimate_reason",
        )
    }
        FROM assessments s JOIN options o ON o.id = s.option_id
        JOIN criteria k ON k.key = s.criterion
        WHERE s.removed_at IS NULL AND o.removed_at IS NULL AND k.removed_at IS NULL
    )"""  # noqa: S608 - constants of this module only


_CITED = _cited_sql()


def cited_rows(conn: Connection, area: str | None = None, lang: str = "de") -> pd.DataFrame:
    """Every row with a figure and its source keys: kind (table), key, area, label, source,
    is_estimate, estimate_reason – the rows whose age the Methodik page and the export show
    (labels and reasons in ``lang``)."""
    return _frame(
        conn,
        _cited_sql(lang)  # noqa: S608 - fixed SQL text, values bound
        + " SELECT * FROM cited WHERE (CAST(? AS VARCHAR) IS NULL OR area = ?)"
        " ORDER BY area, kind, label",
        [area, area],
    )


def sources(conn: Connection, area: str | None = None, lang: str = "de") -> pd.DataFrame:
    """The sources table with what cites each source: ``citations`` (how many rows),
    ``used_in`` (table names), ``areas`` (area slugs) and ``supports`` (the options and systems
    whose figures it supports), each comma- or ' · '-separated. With ``area``, only the
    sources cited in that area (counts then cover that area only). ``supports`` names
    them in ``lang`` where translated."""
    return _frame(
        conn,
        _cited_sql(lang)  # noqa: S608 - fixed SQL text, values bound
        + """, refs AS (
            SELECT trim(unnest(string_to_array(source, ';'))) AS id, kind, area,
                   split_part(label, ': ', 1) AS label
            FROM cited
        ), scoped AS (
            SELECT * FROM refs WHERE length(id) > 0 AND (CAST(? AS VARCHAR) IS NULL OR area = ?)
        )
        SELECT s.id, s.title, s.publisher, s.address, s.published, s.accessed, s.note,
               count(r.id)::INTEGER AS citations,
               coalesce(string_agg(DISTINCT r.kind, ',' ORDER BY r.kind), '') AS used_in,
               coalesce(string_agg(DISTINCT r.area, ',' ORDER BY r.area), '') AS areas,
               coalesce(string_agg(DISTINCT r.label, ' · ' ORDER BY r.label), '') AS supports
        FROM sources s LEFT JOIN scoped r ON r.id = s.id
        WHERE s.removed_at IS NULL
        GROUP BY s.id, s.title, s.publisher, s.address, s.published, s.accessed, s.note
        HAVING CAST(? AS VARCHAR) IS NULL OR count(r.id) > 0
        ORDER BY s.title, s.id
        """,
        [area, area, area],
    )


def source_keys(conn: Connection) -> set[str]:
    """Keys of the sources a row may cite (not removed)."""
    return {
        r[0] for r in conn.execute("SELECT id FROM sources WHERE removed_at IS NULL").fetchall()
    }


def dangling_source_refs(conn: Connection) -> pd.DataFrame:
    """Cited keys that name no source (the write paths refuse them; a check for tests)."""
    return _frame(
        conn,
        _CITED  # noqa: S608 - fixed SQL text, values bound
        + """, refs AS (
            SELECT kind, key, trim(unnest(string_to_array(source, ';'))) AS id FROM cited
        )
        SELECT kind, key, id FROM refs
        WHERE length(id) > 0 AND id NOT IN (SELECT id FROM sources WHERE removed_at IS NULL)
        ORDER BY kind, key, id
        """,
    )


def estimate_share(conn: Connection) -> pd.DataFrame:
    """How many values per table are estimates, for the honesty note on screen."""
    return _frame(
        conn,
        """
        SELECT 'assessments' AS tbl, count(*) FILTER (WHERE is_estimate)::INTEGER AS estimates,
               count(*)::INTEGER AS total FROM assessments WHERE removed_at IS NULL
        UNION ALL SELECT 'cost_lines', count(*) FILTER (WHERE is_estimate)::INTEGER,
               count(*)::INTEGER FROM cost_lines WHERE removed_at IS NULL
        UNION ALL SELECT 'systems', count(*) FILTER (WHERE is_estimate)::INTEGER,
               count(*)::INTEGER FROM systems
        """,
    )


@dataclass(frozen=True)
class Catalogue:
    """Plain look-ups over the small catalogue frames, built once per data version (the UI
    caches it): reading a name from a dict costs nothing, indexing an Arrow-backed pandas
    column on every rerun does.

    ``area_names`` maps a name column (``name_de``, ``name_en``) to slug → name (a blank
    translation shows the German name); ``area_descriptions`` slug → German description;
    ``area_slugs`` the slugs in display order.
    """

    area_slugs: tuple[str, ...]
    area_names: dict[str, dict[str, str]]
    area_descriptions: dict[str, str]

    def area_name(self, slug: str, lang: str) -> str:
        return self.area_names[i18n.localized_column("name", lang)][slug]


def catalogue(areas_frame: pd.DataFrame) -> Catalogue:
    """The :class:`Catalogue` of the areas frame from :func:`areas`."""
    slugs = [str(s) for s in areas_frame["slug"].tolist()]
    german = [str(n) for n in areas_frame["name_de"].tolist()]
    names: dict[str, dict[str, str]] = {}
    for lang in i18n.LANGUAGES:
        column = i18n.localized_column("name", lang)
        values = areas_frame[column].tolist() if column in areas_frame else german
        names[column] = {
            slug: (str(value) if isinstance(value, str) and value else fallback)
            for slug, value, fallback in zip(slugs, values, german, strict=True)
        }
    descriptions = dict(zip(slugs, map(str, areas_frame["description_de"].tolist()), strict=True))
    return Catalogue(tuple(slugs), names, descriptions)


def english_texts(conn: Connection) -> pd.DataFrame:
    """Every English text (``english_texts``: tbl, row_key, field, text, german), for
    :func:`core.store.localize`."""
    return _frame(conn, "SELECT tbl, row_key, field, text, german FROM english_texts")
