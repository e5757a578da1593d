"""Source references: the ``sources`` table's formats and the key lists rows cite.

A row of ``systems``, ``options``, ``cost_lines`` or ``assessments`` names its sources in its
``source`` column as source keys separated by ``;`` (``"kdn; waz-216516659"``); each key is
the ``id`` of a row of ``sources`` (title, publisher, address, publication date, accessed
date). DuckDB cannot check a key list against another table, so the write paths (seed load,
data editing, Excel import) call :func:`unknown_keys` and refuse unknown keys.

Dates of a source are partial ISO dates: ``2012``, ``2020-01`` or ``2013-02-19``, because
many sources only say a year or a month. An address is written without a scheme, as the
audit gives it (``moers.de/de/aktuelles/…``); ``https://`` is added when it is shown as a
link. The same patterns are CHECK constraints in the store (migration ``0007_sources``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

SEPARATOR = ";"
# A host with at least one dot, optionally a scheme and a path; no spaces, quotes or brackets,
# so an address cannot carry markup or a ``javascript:`` scheme (the host has no colon).
ADDRESS = r"""(https?://)?[^\s/:?#<>"'\\]+\.[^\s/:?#<>"'\\]+(/[^\s<>"'\\]*)?"""
PARTIAL_DATE = r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?"
KEY = r"[a-z0-9]+(-[a-z0-9]+)*"

_ADDRESS = re.compile(ADDRESS)
_DATE = re.compile(PARTIAL_DATE)
_KEY = re.compile(KEY)
_SCHEME = re.compile(r"^https?://", re.IGNORECASE)


def keys(text: object) -> list[str]:
    """The source keys a ``source`` cell names, in order, each once."""
    if not isinstance(text, str):
        return []
    seen: dict[str, None] = {}
    for part in text.split(SEPARATOR):
        key = part.strip()
        if key:
            seen.setdefault(key, None)
    return list(seen)


def join(source_keys: Iterable[str]) -> str:
    """The ``source`` cell for ``source_keys``."""
    return f"{SEPARATOR} ".join(source_keys)


def unknown_keys(text: object, known: Iterable[str]) -> list[str]:
    """Keys in ``text`` that are not in ``known`` (malformed keys count as unknown)."""
    known_set = set(known)
    return [k for k in keys(text) if k not in known_set or not _KEY.fullmatch(k)]


def is_address(text: str) -> bool:
    return bool(_ADDRESS.fullmatch(text))


def is_partial_date(text: str) -> bool:
    if not _DATE.fullmatch(text):
        return False
    parts = [int(p) for p in text.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def href(address: str) -> str:
    """The link target of an address: ``https://`` unless it names its scheme."""
    return address if _SCHEME.match(address) else f"https://{address}"


def domain(address: str) -> str:
    """The host of an address without ``www.`` (what a reader sees before following it)."""
    host = _SCHEME.sub("", address).split("/", 1)[0]
    return host.removeprefix("www.")


def stand(published: str, accessed: str) -> str:
    """The date a source's figures stand for: its publication date, else when it was read."""
    return published or accessed


def as_date(partial: str) -> dt.date | None:
    """The first day a partial date can mean (``2012`` → 2012-01-01); None if empty."""
    if not partial:
        return None
    parts = [int(p) for p in partial.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def age_years(partial: str, today: dt.date) -> float | None:
    """How old a partial date is in years on ``today``, counted from its last possible day
    (``2012`` counts from 31.12.2012), so a figure is never called older than it may be."""
    if not partial:
        return None
    parts = [int(p) for p in partial.split("-")]
    if len(parts) == 1:
        last = dt.date(parts[0], 12, 31)
    elif len(parts) == 2:
        nxt = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        last = nxt - dt.timedelta(days=1)
    else:
        last = dt.date(*parts)
    return (today - last).days / 365.25


def is_outdated(partial: str, today: dt.date, max_age_years: float) -> bool:
    """True when a dated figure is older than ``max_age_years``; undated is not 'outdated'
    (it is 'undated', which the views say separately)."""
    age = age_years(partial, today)
    return age is not None and age > max_age_years
