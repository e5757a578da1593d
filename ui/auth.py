"""Sign-in in the sidebar and the session's role, derived on every run from verified state.

Ways to become an editor (see the README, "Anmeldung und Rollen"):

* **Password** (single-city install): ``[cockpit.editors]`` in ``.streamlit/secrets.toml``
  maps user names to salted scrypt hashes (``python -m core hash-password``). A successful
  login stores a token signed with a per-process secret and bound to the stored hash; every
  run checks the signature again, so a session-state value someone crafts is worthless, and
  changing the hash in the secrets ends the session. A password account works in the
  default tenant (``COCKPIT_TENANT``).
* **OIDC**: with an ``[auth]`` section Streamlit's ``st.login`` signs people in. With a
  ``[tenants]`` mapping the account's e-mail or domain decides tenant and role
  (:func:`core.editing.oidc_access`, :mod:`ui.tenancy`); without one, an account is an editor
  of the single store if its e-mail (or ``@domain``) is listed in ``[cockpit] oidc_editors``.

Failed password logins are rate-limited per session and per user name (exponential
back-off). Participants of the committee get a signed link instead of a login
(:func:`participant_actor`); with tenants the link names its tenant and is signed with that
tenant's key.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st
from streamlit.errors import StreamlitAuthError
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core import editing, views
from core.errors import InputError
from ui import app_secrets, data, tenancy, text
from ui.app_secrets import SecretsMissing
from ui.text import t

SESSION_KEY = tenancy.PASSWORD_SESSION_KEY
USER_KEY = "login_user"
PASSWORD_KEY = "login_password"
FORM_KEY = "login_form"
LOGIN_OPEN_KEY = "_login_open"  # the sign-in expander is open
LOGIN_BUTTON_KEY = "login_submit"
LOGOUT_KEY = "logout"
OIDC_KEY = "oidc_login"
MESSAGE_KEY = "_auth_message"

LIMITER = editing.RateLimiter()
_secrets = app_secrets.read
_section = app_secrets.section
oidc_configured = app_secrets.oidc_configured


def accounts() -> dict[str, str]:
    """Password accounts: user name → stored hash (empty if not configured)."""
    return editing.editor_accounts(_section())


def _session_keys(user: str) -> tuple[str, ...]:
    ctx = get_script_run_ctx()
    session = ctx.session_id if ctx is not None else "none"
    return (f"session:{session}", f"user:{user.strip().lower()}")


def _token(user: str, stored_hash: str) -> dict[str, str]:
    return {
        "user": user,
        "sig": editing.sign(app_secrets.PROCESS_SECRET, "editor", user, stored_hash),
    }


def _password_actor() -> editing.Actor | None:
    token = st.session_state.get(SESSION_KEY)
    if not isinstance(token, Mapping):
        return None
    user = token.get("user")
    if not isinstance(user, str):
        return None
    stored = accounts().get(user)
    if stored is None or not editing.signature_valid(
        app_secrets.PROCESS_SECRET, token.get("sig"), "editor", user, stored
    ):
        return None
    return editing.Actor(user, editing.EDITOR)


def _oidc_user() -> tuple[str, str] | None:
    """(display name, e-mail) of a signed-in OIDC account, else None."""
    return tenancy.oidc_user()


def current_actor() -> editing.Actor:
    """Who is acting in this run: an editor (password or OIDC) or a viewer."""
    actor = _password_actor()
    if actor is not None:
        return actor
    oidc = _oidc_user()
    if oidc is None:
        return editing.Actor.viewer()
    access = tenancy.oidc_access()
    if access is not None:  # [tenants]: the mapping decides, in the tenant it names
        if access.granted and access.role == editing.EDITOR:
            return editing.Actor(oidc[1] or oidc[0], editing.EDITOR)
        return editing.Actor.viewer()
    if editing.oidc_is_editor(oidc[1], _section().get("oidc_editors")):
        return editing.Actor(oidc[1] or oidc[0], editing.EDITOR)
    return editing.Actor.viewer()


def link_secret() -> tuple[bytes, bool]:
    """The key of the session tenant's participant links and whether it is stable."""
    return app_secrets.link_secret(tenancy.current())


def participant_actor(
    slug: object, token: object, name: str | None = None
) -> tuple[editing.Actor | None, str]:
    """The participant a link names and the link's status (``editing.LINK_VALID``, or why
    it does not open the form: invalid, expired, revoked); the actor only if valid."""
    if not isinstance(slug, str) or not slug:
        return None, editing.LINK_INVALID
    with data.cursor() as cur:
        status = editing.link_status(cur, link_secret()[0], slug, token)
    if status != editing.LINK_VALID:
        return None, status
    return editing.Actor(name or slug, editing.PARTICIPANT, scope=slug), status


def participant_token(slug: str) -> str:
    """A fresh token for a participant link, valid for ``link_days`` (callers: editors)."""
    with data.cursor() as cur:
        return editing.new_link_token(cur, link_secret()[0], slug)


# --- widgets ---------------------------------------------------------------------------------


def _submit_login() -> None:
    """Form callback: check the password once, before the next run draws anything."""
    user = str(st.session_state.get(USER_KEY) or "").strip()
    password = str(st.session_state.get(PASSWORD_KEY) or "")
    st.session_state[PASSWORD_KEY] = ""  # never keep the password in the session
    keys = _session_keys(user or "-")
    try:
        LIMITER.check(*keys)
        try:
            _secrets()
        except SecretsMissing:
            raise InputError("auth_no_secrets_file") from None
        actor = editing.login(accounts(), user, password)
    except InputError as exc:
        if exc.key == "auth_wrong":
            LIMITER.failure(*keys)
        st.session_state[MESSAGE_KEY] = ("error", text.message(exc))
        return
    LIMITER.success(*keys)
    # No message of its own: the role line under it says who is signed in (once).
    st.session_state[SESSION_KEY] = _token(actor.name, accounts()[actor.name])


def _logout() -> None:
    st.session_state.pop(SESSION_KEY, None)


def _show_message() -> None:
    message = st.session_state.pop(MESSAGE_KEY, None)
    if message:
        _, body = message
        st.sidebar.error(body)


def sidebar() -> editing.Actor:
    """Draw who is signed in, the login or logout controls; return the current actor."""
    actor = current_actor()
    sidebar = st.sidebar
    sidebar.divider()
    _show_message()
    _show_tenant()
    if actor.is_editor:
        sidebar.markdown(t("auth_role_editor", name=views.md(actor.name)))
        if _password_actor() is not None:
            sidebar.button(t("auth_logout"), key=LOGOUT_KEY, on_click=_logout, width="stretch")
        elif sidebar.button(t("auth_logout"), key=LOGOUT_KEY, width="stretch"):
            st.logout()
        return actor
    sidebar.caption(t("auth_role_viewer"))
    oidc = _oidc_user()
    if oidc is not None:
        sidebar.caption(_oidc_note(oidc[0]))
        if sidebar.button(t("auth_logout"), key=LOGOUT_KEY, width="stretch"):
            st.logout()
    elif oidc_configured() and sidebar.button(t("auth_oidc_button"), key=OIDC_KEY, width="stretch"):
        _start_oidc()
    # Drawn only while open: a closed form costs nothing on a slider move.
    login = sidebar.expander(t("auth_login_expander"), key=LOGIN_OPEN_KEY, on_change="rerun")
    if not login.open:
        return actor
    with login:
        setup_problem = _setup_problem()
        if setup_problem:  # say so before anyone types a password into a form that cannot work
            st.info(t(setup_problem))
            return actor
        with st.form(FORM_KEY, border=False):
            st.text_input(t("auth_user"), key=USER_KEY, autocomplete="username")
            st.text_input(
                t("auth_password"),
                key=PASSWORD_KEY,
                type="password",
                autocomplete="current-password",
            )
            st.form_submit_button(
                t("auth_login_button"),
                key=LOGIN_BUTTON_KEY,
                on_click=_submit_login,
                width="stretch",
            )
    return actor


def _show_tenant() -> None:
    """With a ``[tenants]`` mapping: whose data this session shows."""
    rules = app_secrets.tenant_rules()
    tenant = tenancy.current()
    if rules and tenant:
        rule = rules.get(tenant)
        st.sidebar.caption(t("auth_tenant", name=views.md(rule.name if rule else tenant)))


def _oidc_note(name: str) -> str:
    """Why a signed-in OIDC account only views (in the user's words)."""
    access = tenancy.oidc_access()
    shown = views.md(name)
    if access is None:
        return t("auth_oidc_no_rights", name=shown)
    if access.granted:
        return t("auth_oidc_tenant_viewer", name=shown)
    key = {
        editing.ACCESS_AMBIGUOUS: "auth_oidc_ambiguous",
        editing.ACCESS_UNVERIFIED: "auth_oidc_unverified",
    }.get(access.status, "auth_oidc_no_tenant")
    return t(key, name=shown)


def _setup_problem() -> str | None:
    """Catalogue key of why password sign-in cannot work here, or None if it can."""
    try:
        _secrets()
    except SecretsMissing:
        return "auth_no_secrets_file"
    return None if accounts() else "auth_not_configured"


def _start_oidc() -> None:
    provider = _section().get("oidc_provider")
    try:
        st.login(provider if isinstance(provider, str) and provider else None)
    except StreamlitAuthError as exc:
        if type(exc).__name__ == "StreamlitMissingAuthlibError":
            st.sidebar.error(t("auth_oidc_missing_lib"))
        else:
            st.sidebar.error(t("auth_oidc_error", detail=str(exc).splitlines()[0]))
