"""Which tenant and role a signed-in OIDC account gets: the ``[tenants]`` mapping.

A broker such as Keycloak federates each member municipality's identity provider and hands
the cockpit a verified e-mail address (``st.login``). The secrets map accounts and e-mail
domains to a tenant and a role (``secrets.example.toml``)::

    [tenants.muelheim]
    name = "Mülheim an der Ruhr"
    viewers = ["@muelheim-ruhr.de"]
    editors = ["kaemmerei@muelheim-ruhr.de", "@it.muelheim-ruhr.de"]

An entry is an exact address or ``@domain`` (that domain exactly: ``@muelheim-ruhr.de``
does not cover ``it.muelheim-ruhr.de``). The most specific entry decides: an exact address
beats a domain; between entries of the same kind, ``editors`` beats ``viewers``. An account
that the most specific entries place in two different tenants gets no access at all
(:data:`AMBIGUOUS`) instead of a guess; so does an address the provider marks unverified.
The mapping is read once per run and checked: a tenant key that is not a valid slug or an
entry that is neither an address nor a domain is a configuration error with a clear message.

Participant links are tenant-bound: each tenant signs its links with a key derived from the
link secret and the tenant (:func:`tenant_key`), so a link of one tenant never opens the form
of another, even with the tenant in the URL changed.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from core import store
from core.editing.auth import EDITOR, VIEWER
from core.errors import InputError

MATCHED = "matched"
UNMAPPED = "unmapped"
AMBIGUOUS = "ambiguous"
UNVERIFIED = "unverified"
_ADDRESS = re.compile(r"[^@\s]+@[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?")
_DOMAIN = re.compile(r"@[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?")
_EXACT, _DOMAIN_MATCH = 2, 1


@dataclass(frozen=True)
class TenantRule:
    """One tenant's entry of the mapping: display name, viewer and editor entries."""

    tenant: str
    name: str
    viewers: tuple[str, ...]
    editors: tuple[str, ...]


@dataclass(frozen=True)
class Access:
    """What an account may do: ``status`` MATCHED with a tenant and role, or why not."""

    status: str
    tenant: str | None = None
    role: str = VIEWER
    entry: str = ""  # the entry that decided (shown to the account, logged)

    @property
    def granted(self) -> bool:
        return self.status == MATCHED


def _entries(value: Any, tenant: str, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InputError("tenants_bad_list", tenant=tenant, field=field)
    found = []
    for raw in value:
        entry = str(raw).strip().lower()
        if not (_ADDRESS.fullmatch(entry) or _DOMAIN.fullmatch(entry)):
            raise InputError("tenants_bad_entry", tenant=tenant, entry=str(raw))
        found.append(entry)
    return tuple(found)


def tenant_rules(mapping: Mapping[str, Any] | None) -> dict[str, TenantRule]:
    """The ``[tenants]`` section as rules by tenant key; empty if there is none.

    Raises :class:`~core.errors.InputError` for an invalid tenant key, a table that is not
    one, or an entry that is neither an e-mail address nor ``@domain``.
    """
    if not mapping:
        return {}
    rules = {}
    for key, table in mapping.items():
        tenant = store.check_tenant(str(key))
        if not isinstance(table, Mapping):
            raise InputError("tenants_bad_table", tenant=tenant)
        name = table.get("name")
        rules[tenant] = TenantRule(
            tenant,
            str(name).strip() if isinstance(name, str) and name.strip() else tenant,
            _entries(table.get("viewers"), tenant, "viewers"),
            _entries(table.get("editors"), tenant, "editors"),
        )
    return rules


def _score(address: str, entry: str) -> int:
    if entry.startswith("@"):
        return _DOMAIN_MATCH if address.rsplit("@", 1)[-1] == entry[1:] else 0
    return _EXACT if address == entry else 0


def oidc_access(email: str | None, verified: object, rules: Mapping[str, TenantRule]) -> Access:
    """The tenant and role of the account ``email`` under ``rules`` (see the module text).

    ``verified`` is the provider's ``email_verified`` claim: False refuses the account (a
    domain rule must not trust an address nobody checked); None (claim absent) is accepted,
    so the broker should assert it.
    """
    address = (email or "").strip().lower()
    if not _ADDRESS.fullmatch(address):
        return Access(UNMAPPED)
    if verified is False or (isinstance(verified, str) and verified.lower() == "false"):
        return Access(UNVERIFIED)
    best: list[tuple[int, int, str, str]] = []  # (score, editor?, tenant, entry)
    for rule in rules.values():
        for role_rank, entries in ((1, rule.editors), (0, rule.viewers)):
            for entry in entries:
                score = _score(address, entry)
                if score:
                    best.append((score, role_rank, rule.tenant, entry))
    if not best:
        return Access(UNMAPPED)
    top = max(score for score, *_ in best)
    winners = [b for b in best if b[0] == top]
    if len({tenant for _, _, tenant, _ in winners}) > 1:
        return Access(AMBIGUOUS, entry=", ".join(sorted({e for *_, e in winners})))
    score, role_rank, tenant, entry = max(winners)
    return Access(MATCHED, tenant, EDITOR if role_rank else VIEWER, entry)


def tenant_key(secret: bytes, tenant: str | None) -> bytes:
    """The key that signs participant links of ``tenant`` (the secret itself without tenants)."""
    if tenant is None:
        return secret
    label = f"cockpit-participant-links:{store.check_tenant(tenant)}".encode()
    return hmac.new(secret, label, hashlib.sha256).digest()
