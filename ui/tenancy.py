"""The session's tenant: whose store this browser session reads and writes.

A single-city install (DuckDB, or PostgreSQL without tenants) has no tenant. With tenants
the tenant is derived on every run from verified state only, in this order:

1. a password sign-in (the single-city accounts of ``[cockpit.editors]``): the default
   tenant ``COCKPIT_TENANT``;
2. an OIDC account (``st.user``, signed by Streamlit) that the ``[tenants]`` mapping places
   in a tenant (:func:`core.editing.oidc_access`);
3. a participant link whose signature the tenant's link key confirms (:func:`note_link`,
   so a link of one tenant never opens another's store);
4. otherwise the default tenant ``COCKPIT_TENANT`` (read only, as before).

Nothing a browser sends can choose the tenant without one of these proofs.
"""

from __future__ import annotations

import streamlit as st

from core import editing, settings, store
from core.errors import CockpitError
from ui import app_secrets

PASSWORD_SESSION_KEY = "_auth_session"  # the signed password token (ui.auth)
LINK_TENANT_KEY = "_link_tenant"  # a participant link's tenant, once its signature checked
LINK_PARAMS = ("participant", "token", "tenant")


def default() -> str | None:
    """The tenant of a session nobody signed in to (``COCKPIT_TENANT``), or None."""
    return settings.get("tenant") or None


def oidc_user() -> tuple[str, str] | None:
    """(display name, e-mail) of a signed-in OIDC account, else None."""
    if not app_secrets.oidc_configured() or not st.user.get("is_logged_in"):
        return None
    email = str(st.user.get("email") or "")
    name = str(st.user.get("name") or email or "?")
    return name, email


def oidc_access() -> editing.Access | None:
    """Tenant and role of the signed-in OIDC account under ``[tenants]``; None when nobody
    is signed in with OIDC or the install has no ``[tenants]`` mapping."""
    user = oidc_user()
    if user is None:
        return None
    rules = app_secrets.tenant_rules()
    if not rules:
        return None
    return editing.oidc_access(user[1], st.user.get("email_verified"), rules)


def current() -> str | None:
    """The tenant of this run's session (None: the store without tenants)."""
    if st.session_state.get(PASSWORD_SESSION_KEY):
        return default()
    access = oidc_access()
    if access is not None and access.granted:
        return access.tenant
    linked = st.session_state.get(LINK_TENANT_KEY)
    if isinstance(linked, str) and access is None:
        return linked
    return default()


def note_link() -> None:
    """Keep the tenant of a participant link (``?participant=…&token=…&tenant=…``) for the
    session if the link is signed with that tenant's link key; call early in every run.
    Expiry and revocation are the committee page's business (it checks the whole link)."""
    params = st.query_params
    if not all(name in params for name in LINK_PARAMS):
        return
    tenant, slug, token = (params.get(name) for name in ("tenant", "participant", "token"))
    if not isinstance(tenant, str) or not isinstance(slug, str):
        return
    try:
        secret = app_secrets.link_secret(tenant)[0]
        # a link signs the tenant store's identity too: check it against that store
        conn = store.connect(settings.get("db_path"), tenant=tenant, read_only=True)
    except CockpitError:  # not a tenant key at all, or no such tenant
        return
    try:
        if editing.link_status(conn, secret, slug, token, 0.0) != editing.LINK_INVALID:
            st.session_state[LINK_TENANT_KEY] = tenant
    finally:
        store.close(conn)
