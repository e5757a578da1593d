"""The app's secrets (``.streamlit/secrets.toml``, see ``secrets.example.toml``), read for
sign-in (:mod:`ui.auth`) and the session's tenant (:mod:`ui.tenancy`).

``[auth]`` configures OIDC for ``st.login``; ``[cockpit]`` holds password accounts
(``editors``), ``oidc_editors`` of a single-city install and the participant links'
``link_secret``; ``[tenants]`` maps OIDC accounts and e-mail domains to tenant and role
(:mod:`core.editing.access`).
"""

from __future__ import annotations

import secrets as token_source
from collections.abc import Mapping
from typing import Any

import streamlit as st

from core import editing

SECTION = "cockpit"
TENANTS = "tenants"
# Signs password session tokens (and participant links without a configured link_secret);
# new on every start of the process.
PROCESS_SECRET = token_source.token_bytes(32)


class SecretsMissing(Exception):
    """There is no secrets file at all."""


def read() -> Mapping[str, Any]:
    """The app's secrets; :class:`SecretsMissing` if no secrets file exists."""
    try:
        return {key: st.secrets[key] for key in st.secrets}
    except FileNotFoundError:  # StreamlitSecretNotFoundError is one
        raise SecretsMissing from None


def table(name: str) -> Mapping[str, Any]:
    """The secrets table ``name`` (empty if missing or not a table)."""
    try:
        found = read().get(name)
    except SecretsMissing:
        return {}
    return found if isinstance(found, Mapping) else {}


def section() -> Mapping[str, Any]:
    """The ``[cockpit]`` table."""
    return table(SECTION)


def oidc_configured() -> bool:
    """Whether an ``[auth]`` section for ``st.login`` exists."""
    try:  # one table, not the whole file: asked on every cached read (ui.data.store_key)
        return isinstance(st.secrets.get("auth"), Mapping)
    except FileNotFoundError:  # no secrets file (StreamlitSecretNotFoundError is one)
        return False


def tenant_rules() -> dict[str, editing.TenantRule]:
    """The ``[tenants]`` mapping, checked (an InputError names what is wrong)."""
    return editing.tenant_rules(table(TENANTS))


def link_secret(tenant: str | None) -> tuple[bytes, bool]:
    """The key of ``tenant``'s participant links and whether it is stable (``link_secret``
    set in the secrets: the same on every app server and after a restart)."""
    configured = section().get("link_secret")
    if isinstance(configured, str) and len(configured) >= 16:
        return editing.tenant_key(configured.encode("utf-8"), tenant), True
    return editing.tenant_key(PROCESS_SECRET, tenant), False
