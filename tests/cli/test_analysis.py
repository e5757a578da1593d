"""CLI `sensitivity` and `portfolio`: JSON that matches core, one-line errors with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core import cli, store
from core.analysis import montecarlo, portfolio, sensitivity
from core.scoring import area_model, global_value
from core.scoring.weightset import WeightSet, parse_weights_spec
from core.store import seed


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "cli.duckdb")
    seed.open_seeded(path).close()
    return path


@pytest.fixture(scope="module")
def models(db: str) -> dict[str, area_model.AreaModel]:
    with store.connect(db, read_only=True) as conn:
        return area_model.load_areas(conn, 5, 0.009)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("method", ["wsm", "topsis", "promethee2"])
def test_sensitivity_prints_intervals_and_crossings(capsys, db, models, method: str) -> None:
    spec = "cost=50,citizen_value=30,feasibility=20"
    code, out, err = run(
        capsys, "--db", db, "sensitivity", "--area", "ozg", "--weights", spec, "--method", method
    )
    assert code == 0, err
    data = json.loads(out)
    expected = sensitivity.area_stability(models["ozg"], parse_weights_spec(spec), method)
    assert data == json.loads(
        json.dumps({**sensitivity.to_json_dict(expected), "group_weights": data["group_weights"]})
    )
    assert data["group_weights"] == pytest.approx(
        {"cost": 0.5, "citizen_value": 0.3, "feasibility": 0.2}
    )
    cost = next(g for g in data["groups"] if g["group"] == "cost")
    assert cost["exact"] == (method != "topsis")
    assert cost["interval"][0] <= cost["current_weight"] <= cost["interval"][1]


def test_portfolio_prints_the_chosen_set_and_totals(capsys, db, models) -> None:
    code, out, err = run(
        capsys, "--db", db, "portfolio", "--budget-invest", "150000", "--budget-annual", "200000",
        "--pin", "gis=gis-status-quo", "--exclude", "city-app", "--curve",
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    items = portfolio.portfolio_items(models, WeightSet())
    expected = portfolio.solve(items, 150_000, 200_000, {"gis": "gis-status-quo"}, ["city-app"])
    assert data["feasible"] is True
    assert [c["option_id"] for c in data["choices"]] == list(expected.choices["option_id"])
    assert data["totals"]["value"] == pytest.approx(expected.total_value)
    assert data["totals"]["investment"] == expected.total_investment <= 150_000
    assert data["excluded"] == ["city-app"]
    assert {c["area"]: c["option_id"] for c in data["choices"]}["gis"] == "gis-status-quo"
    assert data["efficiency_curve"][-1]["value"] >= data["totals"]["value"] - 1e-6


def test_portfolio_budget_nothing_fits_is_a_result(capsys, db) -> None:
    code, out, err = run(capsys, "--db", db, "portfolio", "--budget-annual", "0")
    assert code == 0, err
    data = json.loads(out)
    assert data["feasible"] is False and data["choices"] == []
    assert data["cheapest_possible"]["annual_cost"] > 0


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("sensitivity", "--area", "atlantis"), "Unbekannter Prüfbereich"),
        (("sensitivity", "--area", "ozg", "--weights", "cost=nan"), "Gewichte müssen Zahlen sein"),
        (("sensitivity", "--area", "ozg", "--method", "electre"), "Aufruf fehlerhaft"),
        (("portfolio", "--budget-invest", "-5"), "darf nicht negativ sein"),
        (("portfolio", "--budget-annual", "nan"), "endliche Zahl"),
        (("portfolio", "--pin", "ozg"), "bereich=option"),
        (("portfolio", "--pin", "ozg=homepage-kdn"), "gehört nicht zum Bereich"),
        (("portfolio", "--exclude", "atlantis"), "Unbekannter Prüfbereich"),
        (("portfolio", "--budget-invest", "viel"), "Aufruf fehlerhaft"),
    ],
)
def test_errors_are_one_line_and_exit_2(capsys, db, args: tuple[str, ...], fragment: str) -> None:
    code, out, err = run(capsys, "--db", db, *args)
    assert code == 2
    assert out == ""
    assert fragment in err and err.count("\n") == 1


def test_errors_in_english(capsys, db) -> None:
    code, _, err = run(capsys, "--db", db, "--lang", "en", "portfolio", "--budget-invest", "-1")
    assert code == 2 and "must not be negative" in err


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out, _ = capsys.readouterr()
    assert "sensitivity" in out and "portfolio" in out


def test_portfolio_with_area_weights_links_and_confidence(capsys, db, models) -> None:
    code, out, err = run(
        capsys, "--db", db, "portfolio", "--budget-invest", "150000", "--budget-annual", "200000",
        "--area-weights", "ozg=2", "--requires", "city-app-koeln>homepage-gsb",
        "--exclude-option", "homepage-kdn", "--confidence",
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    area_weights = global_value.AreaWeights({"ozg": 2})
    items = portfolio.portfolio_items(models, WeightSet(), area_weights)
    expected = portfolio.solve(
        items, 150_000, 200_000, excluded_options=["homepage-kdn"],
        requires=[("city-app-koeln", "homepage-gsb")],
    )  # fmt: skip
    assert data["totals"]["value"] == pytest.approx(expected.total_value)
    assert data["area_weights"]["ozg"] == 2.0 and data["area_weights"]["gis"] == 1.0
    assert data["solver"] == "exhaustive"  # seed data with a link: 12,000 sets
    assert data["requires"] == [{"option": "city-app-koeln", "requires": "homepage-gsb"}]
    assert [s["budget"] for s in data["next_50000_eur"]] == ["investment", "annual"]
    assert data["best_buys"][0]["order"] == 1
    assert 0 <= data["confidence"]["optimal_share"] <= 1


def test_montecarlo_prints_acceptability_and_ranges(capsys, db, models) -> None:
    code, out, err = run(
        capsys, "--db", db, "montecarlo", "--area", "ozg", "--samples", "2000", "--ranges"
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["sampled"] == "data and weights"
    expected = montecarlo.rank_acceptability(
        models["ozg"], WeightSet(), samples=2000, data=True
    ).table()
    options = data["areas"][0]["options"]
    assert [o["option_id"] for o in options] == list(expected["option_id"])
    assert options[0]["first_share"] == pytest.approx(expected["first_share"].iloc[0], abs=1e-4)
    cells = data["areas"][0]["ranges"]
    assert all(c["low"] <= c["value"] <= c["high"] for c in cells)
    assert any(c["low"] < c["high"] for c in cells)


@pytest.mark.parametrize(
    "args",
    [
        ("portfolio", "--requires", "city-app-koeln"),
        ("portfolio", "--area-weights", "ozg=-1"),
        ("portfolio", "--area-weights", "nowhere=2"),
        ("montecarlo", "--area", "nowhere"),
        ("montecarlo", "--samples", "0"),
    ],
)
def test_portfolio_and_montecarlo_reject_bad_input(capsys, db, args) -> None:
    code, out, err = run(capsys, "--db", db, *args)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
