"""Reads of the store. Every function takes a connection and returns a DataFrame.

Reads return pandas DataFrames with stable column names and hide soft-removed rows
(``removed_at``, see :mod:`core.store.migration_editing`). All SQL values are bound
parameters; no value is ever formatted into SQL text. The SQL is the part DuckDB and
PostgreSQL share: no ``EXCLUDE`` (the ``removed_at`` column is dropped from the frame), no
``GROUP BY ALL``, and an optional filter value is cast (``CAST(? AS VARCHAR) IS NULL``) so that
PostgreSQL knows its type.
"""

from __future__ import annotations

import pandas as pd

from core.errors import NotFoundError
from core.store.dialect import Connection

PATHWAYS = ("status_quo", "standard", "best_practice", "joint_kdn")
SYSTEM_KINDS = ("in_house", "standard", "saas", "shared")


def _frame(conn: Connection, sql: str, params: list | None = None) -> pd.DataFrame:
    frame = conn.execute(sql, params or []).df()
    return frame.drop(columns="removed_at") if "removed_at" in frame.columns else frame


def areas(conn: Connection) -> pd.DataFrame:
    """All review areas with their number of options, in the motion's order."""
    return _frame(
        conn,
        """
        SELECT a.slug, a.name_de, a.name_en, a.description_de, a.sort_order,
               count(o.id)::INTEGER AS n_options
        FROM areas a LEFT JOIN options o ON o.area = a.slug AND o.removed_at IS NULL
        GROUP BY a.slug, a.name_de, a.name_en, a.description_de, a.sort_order
        ORDER BY a.sort_order, a.slug
        """,
    )


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


def sources(conn: Connection) -> pd.DataFrame:
    """Every distinct source cited in the data, with where and how often it is used."""
    return _frame(
        conn,
        """
        WITH cited AS (
            SELECT source, 'Bestand' AS used_in FROM systems
            UNION ALL SELECT source, 'Optionen' FROM options WHERE removed_at IS NULL
            UNION ALL SELECT source, 'Kosten' FROM cost_lines WHERE removed_at IS NULL
            UNION ALL SELECT source, 'Bewertungen' FROM assessments WHERE removed_at IS NULL
        ), parts AS (
            SELECT trim(unnest(string_to_array(source, ';'))) AS source, used_in FROM cited
        )
        SELECT source, string_agg(DISTINCT used_in, ', ' ORDER BY used_in) AS used_in,
               count(*)::INTEGER AS citations
        FROM parts WHERE length(source) > 0
        GROUP BY source ORDER BY source
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
