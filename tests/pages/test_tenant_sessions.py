"""Per-session tenant: every cache of ui.data is keyed by (store, tenant) and data version.

Both tenants stand at data version 1; a cache keyed by the version alone would show the
second tenant the first one's areas.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import APP
from tests.tenant_fixtures import TwoTenants


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
