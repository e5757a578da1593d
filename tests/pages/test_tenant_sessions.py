"""Per-session tenant: every cache of ui.data is keyed by (store, tenant) and data version.

Both tenants stand at data version 1; a cache keyed by the version alone would show the
second tenant the first one's areas.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core import editing, store
from tests.pages.conftest import APP
from tests.tenant_fixtures import TwoTenants
from ui import tenancy


def _area_choices(monkeypatch: pytest.MonkeyPatch, url: str, tenant: str) -> list[str]:
    monkeypatch.setenv("COCKPIT_DB", url)
    monkeypatch.setenv("COCKPIT_TENANT", tenant)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    at.switch_page("pages/area.py").run()
    assert not at.exception, at.exception
    return list(at.selectbox(key="area_select").options)


def test_each_tenant_sees_its_own_areas_in_one_process(
    two_tenants_url: TwoTenants, monkeypatch: pytest.MonkeyPatch
) -> None:
    full = _area_choices(monkeypatch, two_tenants_url.url, two_tenants_url.full)
    small = _area_choices(monkeypatch, two_tenants_url.url, two_tenants_url.small)
    assert len(full) == 6
    assert len(small) == len(two_tenants_url.small_areas)
    assert set(small) < set(full)
    # and back: the first tenant's cached frames are still its own
    assert _area_choices(monkeypatch, two_tenants_url.url, two_tenants_url.full) == full


# --- sign-in per tenant: st.login accounts mapped by [tenants] ------------------------------

OIDC = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "c" * 32,
    "client_id": "cockpit",
    "client_secret": "s",
    "server_metadata_url": "https://login.example/.well-known/openid-configuration",
}
LINK_SECRET = "l" * 24


def _secrets(tenants: TwoTenants) -> dict:
    return {
        "auth": OIDC,
        "cockpit": {"link_secret": LINK_SECRET},
        "tenants": {
            tenants.full: {
                "name": "Mülheim an der Ruhr",
                "viewers": ["@muelheim-ruhr.de"],
                "editors": ["anna@muelheim-ruhr.de"],
            },
            tenants.small: {"name": "Musterstadt", "editors": ["@musterstadt.de"]},
        },
    }


def _app(
    tenants: TwoTenants, monkeypatch: pytest.MonkeyPatch, secrets: dict, **query: str
) -> AppTest:
    monkeypatch.setenv("COCKPIT_DB", tenants.url)
    monkeypatch.setenv("COCKPIT_TENANT", tenants.full)  # the default tenant
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in secrets.items():
        at.secrets[key] = value
    if query:
        at.query_params.update(query)
    return at


def _texts(elements: object) -> str:
    return "\n".join(str(e.value) for e in elements)  # type: ignore[attr-defined]


def _as(at: AppTest, email: str | None, **claims: object) -> AppTest:
    if email is None:
        at.user = {"is_logged_in": False}
    else:
        at.user = {"is_logged_in": True, "email": email, "name": email.split("@")[0], **claims}
    at.switch_page("pages/area.py").run()
    assert not at.exception, at.exception
    return at


def _areas(at: AppTest) -> int:
    return len(at.selectbox(key="area_select").options)


def _can_edit(at: AppTest) -> bool:
    at.switch_page("pages/data.py").run()
    assert not at.exception, at.exception
    return any(w.key == "data_edit" for w in at.toggle)


def test_the_mapping_picks_tenant_and_role_of_each_account(
    two_tenants_url: TwoTenants, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _app(two_tenants_url, monkeypatch, _secrets(two_tenants_url))
    at.run()
    assert not at.exception, at.exception

    _as(at, None)  # nobody signed in: the default tenant, read only
    assert _areas(at) == 6
    assert "Mandant: Mülheim an der Ruhr" in _texts(at.sidebar.caption)
    assert not _can_edit(at)

    _as(at, "it@musterstadt.de")  # the domain of the second tenant: its editor
    assert _areas(at) == len(two_tenants_url.small_areas)
    assert "Mandant: Musterstadt" in _texts(at.sidebar.caption)
    assert _can_edit(at)

    _as(at, "anna@muelheim-ruhr.de")  # an exact address: editor of the first tenant
    assert _areas(at) == 6
    assert _can_edit(at)

    _as(at, "leser@muelheim-ruhr.de")  # the first tenant's domain: read only
    assert _areas(at) == 6
    assert "mit Leserecht" in _texts(at.sidebar.caption)
    assert not _can_edit(at)

    _as(at, "jemand@example.org")  # not in the mapping: default tenant, read only, said so
    assert _areas(at) == 6
    assert "keinem Mandanten zugeordnet" in _texts(at.sidebar.caption)
    assert not _can_edit(at)

    _as(at, "it@musterstadt.de", email_verified=False)  # unverified address: no tenant
    assert _areas(at) == 6
    assert "nicht bestätigt" in _texts(at.sidebar.caption)
    assert not _can_edit(at)


def test_a_broken_mapping_stops_with_its_message(
    two_tenants_url: TwoTenants, monkeypatch: pytest.MonkeyPatch
) -> None:
    secrets = _secrets(two_tenants_url)
    secrets["tenants"][two_tenants_url.small]["editors"] = ["musterstadt.de"]  # no @
    at = _app(two_tenants_url, monkeypatch, secrets)
    at.user = {"is_logged_in": True, "email": "it@musterstadt.de", "name": "it"}
    at.run()
    assert not at.exception, at.exception
    assert "„musterstadt.de“" in _texts(at.error) and "secrets.toml" in _texts(at.error)
    assert not at.selectbox  # nothing else is drawn


def _link(tenants: TwoTenants, tenant: str, for_tenant: str) -> dict[str, str]:
    key = editing.tenant_key(LINK_SECRET.encode(), for_tenant)
    conn = store.connect(tenants.url, tenant=for_tenant, read_only=True)
    try:  # the token is signed with the store identity of the tenant it was made for, too
        token = editing.new_link_token(conn, key, "rat_a")
    finally:
        store.close(conn)
    return {"participant": "rat_a", "token": token, "tenant": tenant}


def test_a_participant_link_opens_its_own_tenant_only(
    two_tenants_url: TwoTenants, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = two_tenants_url.small
    secrets = _secrets(two_tenants_url)
    link = _link(two_tenants_url, small, small)
    at = _app(two_tenants_url, monkeypatch, secrets, **link)
    at.run()
    at.query_params.update(link)  # as if the link opened the page directly
    at.switch_page("pages/committee.py").run()
    assert not at.exception, at.exception
    assert at.session_state[tenancy.LINK_TENANT_KEY] == small
    assert "Ihre Gewichtung" in _texts(at.title)
    assert not at.error
    _as(at, None)  # the session reads the link's tenant
    assert _areas(at) == len(two_tenants_url.small_areas)

    # the same token with the other tenant in the URL: refused, and the session stays put
    forged = _link(two_tenants_url, two_tenants_url.full, small)
    at = _app(two_tenants_url, monkeypatch, secrets, **forged)
    at.run()
    at.query_params.update(forged)
    at.switch_page("pages/committee.py").run()
    assert not at.exception, at.exception
    assert "ungültig" in _texts(at.error)
    assert tenancy.LINK_TENANT_KEY not in at.session_state
