"""Settings: defaults, overrides, validation."""

from __future__ import annotations

import pytest

from core import settings
from core.errors import InputError


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for s in settings.SETTINGS:
        monkeypatch.delenv(s.env, raising=False)
    assert settings.get("discount_rate") == 0.009
    assert settings.get("horizon_years") == 5
    assert settings.get("db_path").endswith("data/cockpit.duckdb")
    assert settings.get("contact") == ""


def test_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COCKPIT_DB", ":memory:")
    monkeypatch.setenv("COCKPIT_DISCOUNT_RATE", "0.033")
    monkeypatch.setenv("COCKPIT_HORIZON_YEARS", "10")
    assert settings.get("db_path") == ":memory:"
    assert settings.get("discount_rate") == 0.033
    assert settings.get("horizon_years") == 10


@pytest.mark.parametrize(
    ("env", "value"),
    [
        ("COCKPIT_DISCOUNT_RATE", "abc"),
        ("COCKPIT_HORIZON_YEARS", "0"),
        ("COCKPIT_HORIZON_YEARS", "5.5"),
        ("COCKPIT_CONTACT", "x" * 201),
    ],
)
def test_bad_override(monkeypatch: pytest.MonkeyPatch, env: str, value: str) -> None:
    monkeypatch.setenv(env, value)
    name = next(s.name for s in settings.SETTINGS if s.env == env)
    with pytest.raises(InputError) as info:
        settings.get(name)
    assert env in str(info.value)


def test_contact_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COCKPIT_CONTACT", "  Amt für IT,\n  it@example.org ")
    assert settings.get("contact") == "Amt für IT, it@example.org"
