"""Who may change what: password hashes, login rate limiting, actors and participant links.

Pure Python (no Streamlit). Passwords are stored only as salted scrypt hashes in the form
``scrypt$<n>$<r>$<p>$<salt, base64>$<hash, base64>`` and compared in constant time.
Every write function in ``core`` takes an :class:`Actor` and calls :func:`require_editor`
(or :func:`require_participant`), so a crafted UI state without a verified login cannot
write, whatever the widgets say.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import math
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from core.errors import CockpitError, InputError

VIEWER = "viewer"
EDITOR = "editor"
PARTICIPANT = "participant"
ROLES = (VIEWER, EDITOR, PARTICIPANT)

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
HASH_BYTES = 32
MAX_PASSWORD_CHARS = 1024  # scrypt cost grows with the input; refuse absurd lengths early
_MAX_MEMORY = 2**27  # scrypt needs 128·n·r bytes; refuse hashes that would need more


class PermissionDeniedError(CockpitError, PermissionError):
    """A write was attempted without the role it needs."""


@dataclass(frozen=True)
class Actor:
    """Who is acting: a display name and a role (viewer, editor or participant).

    A participant may only write the stakeholder profile named by ``scope``.
    """

    name: str = ""
    role: str = VIEWER
    scope: str = ""

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise InputError("auth_unknown_role", role=self.role)
        object.__setattr__(self, "name", str(self.name).strip())
        if self.role != VIEWER and not self.name:
            raise InputError("auth_name_missing")

    @property
    def is_editor(self) -> bool:
        return self.role == EDITOR

    @classmethod
    def viewer(cls) -> Actor:
        return cls("", VIEWER)


def require_editor(actor: Actor | None) -> Actor:
    """Return ``actor`` if it is an editor; raise :class:`PermissionDeniedError` otherwise."""
    if not isinstance(actor, Actor) or not actor.is_editor:
        raise PermissionDeniedError("auth_editor_required")
    return actor


def require_participant(actor: Actor | None, profile: str) -> Actor:
    """An editor, or the participant whose link names ``profile``."""
    if isinstance(actor, Actor) and (
        actor.is_editor or (actor.role == PARTICIPANT and actor.scope == profile)
    ):
        return actor
    raise PermissionDeniedError("auth_editor_required")


# --- password hashes --------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _check_password(password: str) -> bytes:
    if not isinstance(password, str) or password == "":
        raise InputError("auth_password_empty")
    if len(password) > MAX_PASSWORD_CHARS:
        raise InputError("auth_password_too_long", max=MAX_PASSWORD_CHARS)
    return password.encode("utf-8")


def hash_password(
    password: str,
    *,
    salt: bytes | None = None,
    n: int = SCRYPT_N,
    r: int = SCRYPT_R,
    p: int = SCRYPT_P,
) -> str:
    """A salted scrypt hash of ``password`` as one string for ``secrets.toml``."""
    data = _check_password(password)
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    digest = hashlib.scrypt(
        data, salt=salt, n=n, r=r, p=p, dklen=HASH_BYTES, maxmem=2 * _MAX_MEMORY
    )
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(digest)}"


@dataclass(frozen=True)
class ParsedHash:
    """The parts of a stored hash."""

    n: int
    r: int
    p: int
    salt: bytes
    digest: bytes


def parse_hash(encoded: str) -> ParsedHash:
    """Split a stored hash; raise :class:`InputError` ``auth_bad_hash`` if it is malformed."""
    if not isinstance(encoded, str):
        raise InputError("auth_bad_hash")
    parts = encoded.strip().split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        raise InputError("auth_bad_hash")
    try:
        n, r, p = (int(x) for x in parts[1:4])
        salt = base64.b64decode(parts[4], validate=True)
        digest = base64.b64decode(parts[5], validate=True)
    except ValueError:
        raise InputError("auth_bad_hash") from None
    power_of_two = n > 1 and (n & (n - 1)) == 0
    if not (power_of_two and 1 <= r <= 64 and 1 <= p <= 16 and 128 * n * r <= _MAX_MEMORY):
        raise InputError("auth_bad_hash")
    if len(salt) < 8 or len(digest) < 16:
        raise InputError("auth_bad_hash")
    return ParsedHash(n, r, p, salt, digest)


def verify_password(password: str, encoded: str) -> bool:
    """True if ``password`` matches the stored hash (constant-time comparison).

    Raises :class:`InputError` for an empty password (``auth_password_empty``) or a
    malformed stored hash (``auth_bad_hash``), so the user sees what is wrong.
    """
    data = _check_password(password)
    parsed = parse_hash(encoded)
    try:
        digest = hashlib.scrypt(
            data,
            salt=parsed.salt,
            n=parsed.n,
            r=parsed.r,
            p=parsed.p,
            dklen=len(parsed.digest),
            maxmem=2 * _MAX_MEMORY,
        )
    except (ValueError, MemoryError):
        raise InputError("auth_bad_hash") from None
    return hmac.compare_digest(digest, parsed.digest)


# --- editor accounts from the secrets -------------------------------------------------------


def editor_accounts(section: Mapping[str, Any] | None) -> dict[str, str]:
    """User name → stored hash from the ``[cockpit.editors]`` secrets table (names trimmed)."""
    if not section:
        return {}
    editors = section.get("editors") if isinstance(section, Mapping) else None
    if not isinstance(editors, Mapping):
        return {}
    return {
        str(name).strip(): str(value)
        for name, value in editors.items()
        if str(name).strip() and isinstance(value, str)
    }


def login(accounts: Mapping[str, str], user: str, password: str) -> Actor:
    """Check a password login; return the editor :class:`Actor` or raise.

    Raises ``auth_not_configured`` (no accounts), ``auth_user_missing``,
    ``auth_password_empty``, ``auth_bad_hash`` or ``auth_wrong`` (unknown user and wrong
    password give the same message, and both cost one scrypt run).
    """
    if not accounts:
        raise InputError("auth_not_configured")
    name = (user or "").strip()
    if not name:
        raise InputError("auth_user_missing")
    _check_password(password)
    stored = accounts.get(name)
    if stored is None:
        verify_password(password, _dummy_for(accounts))  # same cost as a real check
        raise InputError("auth_wrong")
    if not verify_password(password, stored):
        raise InputError("auth_wrong")
    return Actor(name, EDITOR)


def oidc_is_editor(email: str | None, allowed: Iterable[str] | None) -> bool:
    """Whether a signed-in OIDC account may edit: its e-mail or ``@domain`` is listed."""
    if not email or not allowed:
        return False
    address = email.strip().lower()
    for entry in allowed:
        item = str(entry).strip().lower()
        if not item:
            continue
        if item.startswith("@") and address.endswith(item):
            return True
        if address == item:
            return True
    return False


# --- rate limiting --------------------------------------------------------------------------


@dataclass
class _Failures:
    count: int = 0
    blocked_until: float = 0.0


@dataclass
class RateLimiter:
    """Exponential back-off after failed logins, per key (session and user name).

    The first ``free_attempts`` failures cost nothing; each further failure doubles the
    wait, starting at ``base_seconds`` and capped at ``max_seconds``. A success clears the
    key. Thread-safe; lives in memory for the life of the process.
    """

    free_attempts: int = 3
    base_seconds: float = 2.0
    max_seconds: float = 300.0
    clock: Callable[[], float] = time.monotonic
    _state: dict[str, _Failures] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_seconds(self, *keys: str) -> float:
        """Seconds until the next attempt is allowed for any of ``keys`` (0 if allowed now)."""
        now = self.clock()
        with self._lock:
            waits = [self._state[k].blocked_until - now for k in keys if k in self._state]
        return max([0.0, *waits])

    def check(self, *keys: str) -> None:
        """Raise ``auth_rate_limited`` if any key is still blocked."""
        wait = self.wait_seconds(*keys)
        if wait > 0:
            raise InputError("auth_rate_limited", seconds=max(1, math.ceil(wait)))

    def failure(self, *keys: str) -> float:
        """Record a failed attempt for every key; return the longest wait it causes."""
        now = self.clock()
        longest = 0.0
        with self._lock:
            for key in keys:
                entry = self._state.setdefault(key, _Failures())
                entry.count += 1
                excess = entry.count - self.free_attempts
                if excess > 0:
                    wait = min(self.max_seconds, self.base_seconds * 2 ** (excess - 1))
                    entry.blocked_until = now + wait
                    longest = max(longest, wait)
        return longest

    def success(self, *keys: str) -> None:
        """Forget the failures of ``keys``."""
        with self._lock:
            for key in keys:
                self._state.pop(key, None)


# --- signed session tokens and participant links ----------------------------------------------


def sign(secret: bytes, *parts: str) -> str:
    """HMAC-SHA256 of ``parts`` (joined unambiguously) as hex."""
    message = "\x1f".join(parts).encode("utf-8")
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def signature_valid(secret: bytes, signature: object, *parts: str) -> bool:
    """Constant-time check of a :func:`sign` result."""
    if not isinstance(signature, str):
        return False
    return hmac.compare_digest(sign(secret, *parts), signature)


LINK_TOKEN_CHARS = 32
LINK_VALID, LINK_INVALID, LINK_EXPIRED, LINK_REVOKED = "valid", "invalid", "expired", "revoked"


def participant_token(secret: bytes, profile: str, issued: int, expires: int) -> str:
    """The token of a participant link for ``profile``, issued and expiring at the given
    Unix times: ``<issued hex>.<expires hex>.<signature>`` – both times are signed."""
    signature = sign(secret, "participant", profile, str(issued), str(expires))
    return f"{issued:x}.{expires:x}.{signature[:LINK_TOKEN_CHARS]}"


def participant_link_status(
    secret: bytes, profile: str, token: object, now: float, revoked_before: float | None = None
) -> str:
    """Whether ``token`` opens the entry form of ``profile``: LINK_VALID, or why not
    (LINK_INVALID: forged or damaged; LINK_EXPIRED; LINK_REVOKED: issued before the
    participant's links were revoked). The signature is checked first, in constant time."""
    if not isinstance(token, str) or len(token) > 64:
        return LINK_INVALID
    parts = token.split(".")
    if len(parts) != 3 or len(parts[2]) != LINK_TOKEN_CHARS:
        return LINK_INVALID
    try:
        issued, expires = int(parts[0], 16), int(parts[1], 16)
    except ValueError:
        return LINK_INVALID
    expected = sign(secret, "participant", profile, str(issued), str(expires))
    if not hmac.compare_digest(expected[:LINK_TOKEN_CHARS], parts[2]):
        return LINK_INVALID
    if revoked_before is not None and issued <= revoked_before:
        return LINK_REVOKED
    if now >= expires:
        return LINK_EXPIRED
    return LINK_VALID


def participant_token_valid(secret: bytes, profile: str, token: object, now: float) -> bool:
    """Whether ``token`` is a genuine, unexpired link of ``profile`` (revocation aside)."""
    return participant_link_status(secret, profile, token, now) == LINK_VALID


@functools.cache
def _dummy_hash(n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    return hash_password("not-a-real-password", salt=b"cockpit-dummy-salt", n=n, r=r, p=p)


def _dummy_for(accounts: Mapping[str, str]) -> str:
    """A dummy hash as costly as the configured ones (the costliest if they differ), so an
    unknown name takes as long as a known one whatever scrypt parameters are configured."""
    costs = []
    for encoded in accounts.values():
        try:
            parsed = parse_hash(encoded)
        except InputError:
            continue
        costs.append((parsed.n * parsed.r * parsed.p, parsed.n, parsed.r, parsed.p))
    if not costs:
        return _dummy_hash()
    _, n, r, p = max(costs)
    return _dummy_hash(n, r, p)
