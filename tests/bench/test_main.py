"""`python -m bench`: a failing suite is named and the others' figures are still written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import bench.__main__ as bench_main


def _fine(_timer: object) -> list[dict[str, object]]:
    return [
        {"name": "fine figure", "value": 12.5, "unit": "ms", "peer": "floor", "peer_value": 5.0}
    ]


def _broken(_timer: object) -> list[dict[str, object]]:
    raise AssertionError("the baseline's ranking table cannot be read")


def test_a_failing_suite_keeps_the_other_suites_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    results = tmp_path / "bench-results.json"
    monkeypatch.setattr(bench_main, "RESULTS", results)
    monkeypatch.setattr(bench_main, "_suites", lambda: {"fine": _fine, "broken": _broken})
    assert bench_main.main(["broken", "fine"]) == 1
    written = json.loads(results.read_text(encoding="utf-8"))
    assert [r["name"] for r in written] == ["fine figure"]
    out, err = capsys.readouterr()
    assert "fine figure" in out and "ratio 2.50" in out
    assert "cannot be read" in err and "failed suite(s): broken" in err


def test_all_suites_fine_is_exit_0(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench_main, "RESULTS", tmp_path / "bench-results.json")
    monkeypatch.setattr(bench_main, "_suites", lambda: {"fine": _fine})
    assert bench_main.main(["fine"]) == 0


def test_an_unknown_suite_is_refused_before_anything_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    results = tmp_path / "bench-results.json"
    monkeypatch.setattr(bench_main, "RESULTS", results)
    monkeypatch.setattr(bench_main, "_suites", lambda: {"fine": _fine})
    assert bench_main.main(["fine", "nonsense"]) == 2
    assert not results.exists()
