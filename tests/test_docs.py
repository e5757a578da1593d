"""The README stays true: two commands first, every setting documented."""

from __future__ import annotations

from core import settings

README = (settings.REPO_ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    lines = [line for line in README.splitlines() if line.strip()]
    code = [line.split("#")[0].strip() for line in lines[1:5] if line.startswith("make")]
    assert code == ["make run", "make test"]


def test_every_setting_is_documented() -> None:
    for setting in settings.SETTINGS:
        assert f"`{setting.env}`" in README, setting.env
        assert setting.name in README, setting.name


def test_ci_runs_make_test() -> None:
    ci = (settings.REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
