"""Participant links of the committee page: they expire, and each participant's links can be
revoked on their own.

A link carries its issue and expiry time, both signed (:func:`core.editing.auth.
participant_token`). It is valid for ``link_days`` days (a setting). Revoking a participant's
links stores the moment in ``link_revocations`` (migration ``0008_link_revocations``): every
link of that participant issued up to then stops working, with a message that says so; a
new link works again. Removing a participant from the committee revokes their links too, so
a removed person sees "widerrufen", not an error about ids.

A link is bound to its store: the signature covers the store's identity
(``store.store_id``, a random id per DuckDB file and per PostgreSQL tenant schema) besides
the participant, so a link issued for one municipality (tenant) does not open the form of a
participant with the same name in another one, even when both share the link secret.
"""

from __future__ import annotations

import datetime as dt
import time

import duckdb

from core import settings, store
from core.editing import audit, auth
from core.editing.validation import slugify

ENTITY = "stakeholders"
FIELD = "links_revoked_at"


def _millis(moment: dt.datetime) -> int:
    return int(moment.replace(tzinfo=dt.UTC).timestamp() * 1000)


def bound_name(conn: duckdb.DuckDBPyConnection, slug: str) -> str:
    """What a link of ``slug`` signs: the store's identity and the participant."""
    return f"{store.store_id(conn)}/{slug}"


def new_token(
    conn: duckdb.DuckDBPyConnection, secret: bytes, slug: str, now: float | None = None
) -> str:
    """A fresh link token for ``slug`` in this store, valid for ``link_days`` days from ``now``."""
    issued = int((time.time() if now is None else now) * 1000)
    expires = issued + int(settings.get("link_days") * 86_400_000)
    return auth.participant_token(secret, bound_name(conn, slug), issued, expires)


def revoked_before(conn: duckdb.DuckDBPyConnection, slug: str) -> int | None:
    """Links of ``slug`` issued at or before this Unix time (ms) are revoked; None: none are."""
    row = conn.execute("SELECT revoked_at FROM link_revocations WHERE slug = ?", [slug]).fetchone()
    return None if row is None else _millis(row[0])


def status(
    conn: duckdb.DuckDBPyConnection,
    secret: bytes,
    slug: str,
    token: object,
    now: float | None = None,
) -> str:
    """LINK_VALID, LINK_INVALID, LINK_EXPIRED or LINK_REVOKED for a link to ``slug``."""
    moment = int((time.time() if now is None else now) * 1000)
    name = bound_name(conn, slug)
    return auth.participant_link_status(secret, name, token, moment, revoked_before(conn, slug))


def revoke_entries(
    conn: duckdb.DuckDBPyConnection, slug: str, when: dt.datetime
) -> list[audit.Entry]:
    """Store the revocation of ``slug``'s links (inside the caller's write); its audit entry."""
    store.require_door()
    row = conn.execute("SELECT revoked_at FROM link_revocations WHERE slug = ?", [slug]).fetchone()
    stamp = when.replace(tzinfo=None)
    if row is None:
        conn.execute("INSERT INTO link_revocations (slug, revoked_at) VALUES (?, ?)", [slug, stamp])
    else:
        conn.execute("UPDATE link_revocations SET revoked_at = ? WHERE slug = ?", [stamp, slug])
    old = None if row is None else row[0].isoformat(timespec="seconds")
    return [audit.Entry("update", ENTITY, slug, FIELD, old, stamp.isoformat(timespec="seconds"))]


def revoke(conn: duckdb.DuckDBPyConnection, actor: auth.Actor, slug: str) -> audit.WriteResult:
    """Revoke every link of participant ``slug`` issued so far (editors only; audited)."""
    return audit.audited_write(conn, actor, lambda when: revoke_entries(conn, slug, when))


def display_name(slug: str, offered: object = None) -> str:
    """How the page names the participant of a link before they saved anything.

    The link carries the name the facilitator typed (``name=Fraktion A``) beside its signed
    slug; that name is used only if it gives the same slug, so a link cannot name someone
    else. Without it the slug is spelt as words: ``fraktion-a`` → ``Fraktion A``."""
    if isinstance(offered, str) and offered.strip() and slugify(offered) == slug:
        return " ".join(offered.split())
    return " ".join(part[:1].upper() + part[1:] for part in slug.split("-") if part)
