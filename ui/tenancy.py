"""The session's tenant: whose store this browser session reads and writes.

A single-city install (DuckDB, or PostgreSQL without tenants) has no tenant. On a
PostgreSQL store with tenants the tenant is derived on every run from verified state only:
the signed-in OIDC account and the ``[tenants]`` mapping of the secrets (:mod:`ui.auth`), and
otherwise the ``COCKPIT_TENANT`` setting. Nothing a browser sends can choose it.
"""

from __future__ import annotations

from core import settings


def default() -> str | None:
    """The tenant of a session nobody signed in to (``COCKPIT_TENANT``), or None."""
    return settings.get("tenant") or None


def current() -> str | None:
    """The tenant of this run's session (None: the store without tenants)."""
    return default()
