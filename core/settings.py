"""Settings, declared once with a default and a help text.

Each setting can be overridden by an environment variable. The README documents every
setting (``tests/test_docs.py`` checks that). Values are parsed and validated here so that
a bad environment variable gives a clear error instead of a wrong number.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.errors import InputError

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = REPO_ROOT / "data" / "seed"


@dataclass(frozen=True)
class Setting:
    """One setting: its name, environment variable, default and a help text."""

    name: str
    env: str
    default: Any
    help: str
    parse: Callable[[str], Any] = str


def _rate(text: str) -> float:
    value = float(text)
    if not -0.5 < value < 1.0:
        raise ValueError(text)
    return value


def _horizon(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 50:
        raise ValueError(text)
    return value


def _age(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 100:
        raise ValueError(text)
    return value


def _days(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 365:
        raise ValueError(text)
    return value


def _wait(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 600:
        raise ValueError(text)
    return value


def _contact(text: str) -> str:
    value = " ".join(text.split())  # one line; the statement shows it as Markdown
    if len(value) > 200:
        raise ValueError(text)
    return value


def _pool(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 500:
        raise ValueError(text)
    return value


def _tenant(text: str) -> str:
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,39}", text):
        raise ValueError(text)
    return text


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "db_path",
        "COCKPIT_DB",
        str(REPO_ROOT / "data" / "cockpit.duckdb"),
        "The store: path of the DuckDB file (created and seeded if missing; ':memory:' for "
        "tests), or a PostgreSQL database as postgresql://user:password@host:port/db "
        "(migrated and seeded if empty; for one cockpit on several app servers).",
    ),
    Setting(
        "tenant",
        "COCKPIT_TENANT",
        "",
        "The municipality (tenant key, e.g. muelheim) whose store the app opens on a "
        "PostgreSQL COCKPIT_DB with tenants; empty: the store without tenants (always on DuckDB).",
        _tenant,
    ),
    Setting(
        "pg_pool_size",
        "COCKPIT_PG_POOL_SIZE",
        20,
        "PostgreSQL only: connections per tenant that one app process keeps at most (1–500). "
        "Each session working at the same moment holds one; more wait for a free one.",
        _pool,
    ),
    Setting(
        "discount_rate",
        "COCKPIT_DISCOUNT_RATE",
        0.009,
        "Discount rate for the net present value of cost, as a fraction (0.009 = 0.9 %, "
        "BMF guidance 07/2023; the 2011 rate was 0.033).",
        _rate,
    ),
    Setting(
        "horizon_years",
        "COCKPIT_HORIZON_YEARS",
        5,
        "Horizon in years for the net present value of cost (1–50).",
        _horizon,
    ),
    Setting(
        "source_max_age_years",
        "COCKPIT_SOURCE_MAX_AGE_YEARS",
        5,
        "Figures whose source is older than this many years (1–100) are flagged as old on the "
        "Methodik page, in the Excel export and in the print summary.",
        _age,
    ),
    Setting(
        "store_wait_seconds",
        "COCKPIT_STORE_WAIT",
        10.0,
        "How long a command waits for a store that another process holds (seconds, 0–600) "
        "before it gives up with a message; the app waits briefly and then retries by itself.",
        _wait,
    ),
    Setting(
        "link_days",
        "COCKPIT_LINK_DAYS",
        14,
        "How many days a participant link of the committee page stays valid (1–365).",
        _days,
    ),
    Setting(
        "contact",
        "COCKPIT_CONTACT",
        "",
        "Where people report barriers and give feedback (office and e-mail), shown in the "
        "accessibility statement; until set, the statement says it is still to be filled in.",
        _contact,
    ),
    Setting(
        "chromium",
        "COCKPIT_CHROMIUM",
        "",
        "Path of the Chromium that prints the summary as PDF (and runs the browser tests); "
        "empty: chromium on the PATH, else /usr/bin/chromium. Without one the summary is "
        "offered as HTML.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> Any:
    """Return the value of setting ``name``: the environment variable if set, else the default."""
    setting = _BY_NAME[name]
    raw = os.environ.get(setting.env)
    if raw is None or raw.strip() == "":
        return setting.default
    try:
        return setting.parse(raw.strip())
    except ValueError:
        raise InputError("bad_setting", env=setting.env, value=raw) from None
