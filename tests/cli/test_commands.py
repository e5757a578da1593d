"""CLI: published example via `rank`, AHP, areas, rank-area, seed; one-line errors, exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core import cli, settings, store
from core.views import fmt


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "cli.duckdb")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, data: object, name: str = "p.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


TRIANTAPHYLLOU = {
    "alternatives": ["A1", "A2", "A3"],
    "criteria": [
        {"name": "C1", "direction": "benefit", "weight": 0.20},
        {"name": "C2", "direction": "benefit", "weight": 0.15},
        {"name": "C3", "direction": "benefit", "weight": 0.40},
        {"name": "C4", "direction": "benefit", "weight": 0.25},
    ],
    "matrix": [[25, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]],
    "normalization": "none",
}


def test_rank_reproduces_triantaphyllou_wsm(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Triantaphyllou (2000), Multi-Criteria Decision Making Methods: A Comparative Study, p. 6:
    A1 = 21.50, A2 = 22.00, A3 = 22.00 (A2 and A3 tie for first place)."""
    code, out, err = run(capsys, "rank", write(tmp_path, TRIANTAPHYLLOU))
    assert code == 0, err
    result = json.loads(out)
    assert result["scores"] == pytest.approx({"A1": 21.5, "A2": 22.0, "A3": 22.0})
    assert result["ranks"] == {"A1": 3, "A2": 1, "A3": 1}
    assert result["ranking"] == ["A2", "A3", "A1"]


def test_rank_topsis_and_promethee(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for method in ("topsis", "promethee2"):
        problem = {**TRIANTAPHYLLOU, "method": method}
        problem.pop("normalization")
        code, out, err = run(capsys, "rank", write(tmp_path, problem))
        assert code == 0, err
        result = json.loads(out)
        assert set(result["scores"]) == {"A1", "A2", "A3"}
        assert sorted(result["ranks"].values())[0] == 1


def test_ahp(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = {"items": ["a", "b", "c"], "matrix": [[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]]}
    code, out, err = run(capsys, "ahp", write(tmp_path, data))
    assert code == 0, err
    result = json.loads(out)
    assert result["weights"] == pytest.approx({"a": 4 / 7, "b": 2 / 7, "c": 1 / 7})
    assert result["lambda_max"] == pytest.approx(3.0)
    assert result["consistency_ratio"] == pytest.approx(0.0, abs=1e-9)


def test_areas_and_rank_every_area(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = run(capsys, "--db", db, "areas", "--format", "json")
    assert code == 0, err
    areas = json.loads(out)
    assert [a["slug"] for a in areas] == [
        "homepage",
        "ozg",
        "social-media",
        "city-app",
        "open-data",
        "gis",
    ]
    for area in areas:
        for method in ("wsm", "topsis", "promethee2"):
            code, out, err = run(
                capsys, "--db", db, "rank-area", "--area", area["slug"], "--method", method
            )
            assert code == 0, err
            rows = json.loads(out)
            assert len(rows) == area["n_options"]
            assert rows[0]["rank"] == 1
            assert set(rows[0]) == {
                "option",
                "pathway",
                "partner",
                "rank",
                "score",
                "group_scores",
                "npv_cost",
                "investment",
                "annual_cost",
            }
            if method != "topsis":  # additive methods: groups sum to the score
                for row in rows:
                    assert sum(row["group_scores"].values()) == pytest.approx(row["score"])


def test_rank_area_weights_change_the_ranking(capsys: pytest.CaptureFixture[str], db: str) -> None:
    tops = set()
    for spec in (
        "cost=100,citizen_value=0,feasibility=0",
        "cost=0,citizen_value=100,feasibility=0",
    ):
        flips = []
        for area in ("homepage", "ozg", "social-media", "city-app", "open-data", "gis"):
            code, out, _ = run(capsys, "--db", db, "rank-area", "--area", area, "--weights", spec)
            assert code == 0
            flips.append(json.loads(out)[0]["option"])
        tops.add(tuple(flips))
    assert len(tops) == 2


def test_rank_area_csv_and_table(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, _ = run(capsys, "--db", db, "rank-area", "--area", "ozg", "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("option,pathway,partner,rank,score")
    code, out, _ = run(capsys, "--db", db, "rank-area", "--area", "ozg", "--format", "table")
    assert code == 0 and "Rang" in out.splitlines()[1]


def _first_row(capsys: pytest.CaptureFixture[str], db: str, *extra: str) -> dict:
    code, out, err = run(capsys, "--db", db, "rank-area", "--area", "ozg", *extra)
    assert code == 0, err
    return json.loads(out)[0]


def test_rank_area_table_speaks_german_by_default(
    capsys: pytest.CaptureFixture[str], db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COCKPIT_LANG", raising=False)
    top = _first_row(capsys, db)
    code, out, err = run(capsys, "--db", db, "rank-area", "--area", "ozg", "--format", "table")
    assert code == 0, err
    caption, header = out.splitlines()[:2]
    assert "Onlinezugangsgesetz" in caption and "Nutzwertanalyse" in caption
    for column in ("Rang", "Option", "Weg", "Gesamtpunkte", "Bürgernutzen", "Einmalinvestition"):
        assert column in header
    for raw in ("rank", "score", "npv_cost", "citizen_value", "annual_cost"):
        assert raw not in out
    for code_ in ("joint_kdn", "best_practice", "status_quo", "wsm"):
        assert code_ not in out
    assert "Gemeinsam (KDN/regional)" in out and "Status quo" in out
    assert fmt.eur(top["npv_cost"], 0, "de") in out  # 151.695 €
    assert fmt.points(top["score"], 1, "de") in out  # 80,0
    assert "," in fmt.points(top["score"], 1, "de")


def test_rank_area_table_in_english(
    capsys: pytest.CaptureFixture[str], db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COCKPIT_LANG", raising=False)
    top = _first_row(capsys, db)
    code, out, err = run(
        capsys, "--lang", "en", "--db", db, "rank-area", "--area", "ozg", "--format", "table"
    )
    assert code == 0, err
    caption, header = out.splitlines()[:2]
    assert "Online Access Act" in caption and "Weighted sum (WSM)" in caption
    for column in ("Rank", "Pathway", "Total score", "Citizen value", "One-off investment"):
        assert column in header
    assert "joint_kdn" not in out and "Joint (KDN/regional)" in out
    assert fmt.eur(top["npv_cost"], 0, "en") in out  # €151,695
    # data texts in English: the translated option names, not the German ones
    with store.connect(db, read_only=True) as conn:
        english = store.localize(
            store.options(conn, "ozg"), "options", "en", store.english_texts(conn)
        )
        german = store.options(conn, "ozg")
    translated = [
        (en, de) for en, de in zip(english["name"], german["name"], strict=True) if en != de
    ]
    assert translated
    for en, de in translated:
        assert en[:30] in out and de[:30] not in out
    monkeypatch.setenv("COCKPIT_LANG", "en")
    code, out_env, _ = run(capsys, "--db", db, "rank-area", "--area", "ozg", "--format", "table")
    assert code == 0 and out_env == out


def test_rank_area_table_names_the_method(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = run(
        capsys,
        "--db",
        db,
        "rank-area",
        "--area",
        "ozg",
        "--method",
        "promethee2",
        "--format",
        "table",
    )
    assert code == 0, err
    assert "PROMETHEE II" in out.splitlines()[0] and "promethee2" not in out


def test_machine_formats_keep_english_keys_and_codes(
    capsys: pytest.CaptureFixture[str], db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COCKPIT_LANG", raising=False)
    for lang in ("de", "en"):
        code, out, _ = run(
            capsys, "--lang", lang, "--db", db, "rank-area", "--area", "ozg", "--format", "csv"
        )
        assert code == 0
        assert out.splitlines()[0] == (
            "option,pathway,partner,rank,score,cost,citizen_value,feasibility,"
            "npv_cost,investment,annual_cost,staff_fte,benefit"
        )
        assert "joint_kdn" in out and "€" not in out
        assert _first_row(capsys, db, "--format", "json")["pathway"] in {
            "status_quo",
            "standard",
            "best_practice",
            "joint_kdn",
        }
        code, out, _ = run(capsys, "--lang", lang, "--db", db, "areas", "--format", "csv")
        assert code == 0 and out.splitlines()[0] == "slug,name_de,n_options"
        code, out, _ = run(capsys, "--lang", lang, "--db", db, "areas", "--format", "json")
        assert code == 0 and set(json.loads(out)[0]) == {"slug", "name_de", "n_options"}


def test_areas_table_speaks_the_cli_language(
    capsys: pytest.CaptureFixture[str], db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COCKPIT_LANG", raising=False)
    code, out, err = run(capsys, "--db", db, "areas")  # table is the default
    assert code == 0, err
    header = out.splitlines()[0]
    assert "Kennung" in header and "Prüfbereich" in header and "Optionen" in header
    assert "name_de" not in out and "n_options" not in out
    assert "Umsetzung des Onlinezugangsgesetzes (OZG)" in out
    code, out, err = run(capsys, "--lang", "en", "--db", db, "areas", "--format", "table")
    assert code == 0, err
    assert "Review area" in out.splitlines()[0] and "Options" in out.splitlines()[0]
    assert "Online Access Act" in out and "slug" not in out


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["rank-area", "--area", "mars"], "mars"),
        (["rank-area", "--area", "ozg", "--weights", "cost=-1"], "negativ"),
        (["rank-area", "--area", "ozg", "--weights", "cost=nan"], "NaN"),
        (
            ["rank-area", "--area", "ozg", "--weights", "cost=0,citizen_value=0,feasibility=0"],
            "größer als 0",
        ),
        (["rank-area", "--area", "ozg", "--weights", "banana=3"], "banana"),
        (["rank-area", "--area", "ozg", "--weights", "cost"], "schluessel=zahl"),
        (["rank-area", "--area", "ozg", "--method", "magic"], "magic"),
        (["rank", "/no/such/file.json"], "nicht gefunden"),
        (["frobnicate"], "Aufruf"),
    ],
)
def test_errors_are_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], db: str, args: list[str], needle: str
) -> None:
    code, out, err = run(capsys, "--db", db, *args)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert needle in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("payload", "needle"),
    [
        ("{not json", "kein gültiges JSON"),
        (json.dumps({**TRIANTAPHYLLOU, "matrix": [[1, 2, 3, 4]]}), "Form"),
        (json.dumps({**TRIANTAPHYLLOU, "method": "electre"}), "electre"),
        (
            json.dumps(
                {
                    **TRIANTAPHYLLOU,
                    "criteria": [{**c, "weight": -1} for c in TRIANTAPHYLLOU["criteria"]],
                }
            ),
            "negativ",
        ),
        (json.dumps([1, 2, 3]), ""),
    ],
)
def test_rank_bad_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, payload: str, needle: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(payload, encoding="utf-8")
    code, out, err = run(capsys, "rank", str(path))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and needle in err


def test_english_messages(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, _, err = run(capsys, "--lang", "en", "--db", db, "rank-area", "--area", "mars")
    assert code == 2 and "Unknown review area" in err


def test_seed_reset(capsys: pytest.CaptureFixture[str], db: str) -> None:
    assert run(capsys, "--db", db, "seed")[0] == 0
    code, _, err = run(capsys, "--db", db, "seed")
    assert code == 0 and "bereits" in err
    code, out, _ = run(capsys, "--db", db, "seed", "--reset")
    assert code == 0 and "Datenstand 2" in out


def test_module_entry_point_has_no_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "core",
            "--db",
            str(tmp_path / "x.duckdb"),
            "rank-area",
            "--area",
            "nope",
        ],
        capture_output=True,
        text=True,
        cwd=settings.REPO_ROOT,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "nope" in result.stderr


def test_locked_store_is_a_clear_error(tmp_path: Path) -> None:
    """A second process cannot open a DuckDB file another process writes to."""
    path = tmp_path / "locked.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
            "print('ready', flush=True); time.sleep(30)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        result = subprocess.run(
            [sys.executable, "-m", "core", "--db", str(path), "areas"],
            capture_output=True,
            text=True,
            cwd=settings.REPO_ROOT,
            check=False,
            env={**os.environ, "COCKPIT_STORE_WAIT": "0.5"},
        )
    finally:
        holder.kill()
    assert result.returncode == 2
    assert "wird gerade von einem anderen Programm benutzt" in result.stderr
    assert "Traceback" not in result.stderr and "PID" not in result.stderr


def test_area_may_be_named_without_option_and_lang_after_the_command(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    code, out, _ = run(capsys, "--db", db, "rank-area", "ozg", "--format", "json")
    assert code == 0
    by_option = json.loads(out)
    code, again, _ = run(capsys, "--db", db, "rank-area", "--area", "ozg", "--format", "json")
    assert code == 0 and json.loads(again) == by_option
    code, out, _ = run(capsys, "rank-area", "ozg", "--format", "table", "--lang", "en", "--db", db)
    assert code == 0 and out.splitlines()[1].split()[0] == "Rank"
    code, out, _ = run(capsys, "rank-area", "ozg", "--format", "table", f"--db={db}", "--lang=en")
    assert code == 0 and out.splitlines()[1].split()[0] == "Rank"


@pytest.mark.parametrize(
    ("args", "german", "english"),
    [
        (["rank-area"], "es fehlt: AREA", "required: AREA"),
        (["rank-area", "ozg", "--method", "x"], "ungültiger Wert 'x' für --method", "invalid"),
        (["areas", "--bogus"], "unbekannte Angaben: --bogus", "unrecognized"),
        (
            ["rank-area", "ozg", "--horizon", "abc"],
            "ungültiger Wert 'abc' für --horizon",
            "invalid",
        ),
        (["rank-area", "ozg", "--area", "gis"], "Zwei verschiedene Bereiche", "Two different"),
    ],
)
def test_usage_errors_speak_the_cli_language(
    capsys: pytest.CaptureFixture[str], db: str, args: list[str], german: str, english: str
) -> None:
    code, out, err = run(capsys, "--db", db, *args)
    assert code == 2 and out == "" and german in err and "the following" not in err
    code, out, err = run(capsys, "--db", db, *args, "--lang", "en")
    assert code == 2 and out == "" and english in err


def test_areas_table_is_laid_out_as_before(
    capsys: pytest.CaptureFixture[str], db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pandas-free table prints exactly what pandas printed for the seed areas."""
    import pandas as pd

    from core import i18n, store

    monkeypatch.delenv("COCKPIT_LANG", raising=False)
    with store.open_seeded(db) as conn:
        areas = store.areas(conn)
    for lang in ("de", "en"):
        code, out, err = run(capsys, "--lang", lang, "--db", db, "areas")
        assert code == 0, err
        expected = pd.DataFrame(
            {
                i18n.t("cli_col_slug", lang): areas["slug"].tolist(),
                i18n.t("col_area", lang): areas[i18n.localized_column("name", lang)].tolist(),
                i18n.t("cli_col_n_options", lang): areas["n_options"].astype(int).tolist(),
            }
        ).to_string(index=False)
        assert out == expected + "\n"


@pytest.mark.parametrize("argv", [["--help"], ["areas"], ["areas", "--format", "json"]])
def test_start_imports_no_heavy_module(db: str, argv: list[str]) -> None:
    """Issue 18: ``--help`` and ``areas`` start without numpy, pandas, altair, openpyxl or
    the analysis package (what made the start slow); only ``areas`` opens DuckDB. (Seeding an
    empty store reads the seed CSVs with pandas; the store here is seeded already.)"""
    from core import store

    store.open_seeded(db).close()
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "core", "--db", db, *argv],
        capture_output=True,
        text=True,
        cwd=settings.REPO_ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    imported = {
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    heavy = {"numpy", "pandas", "altair", "openpyxl", "scipy", "core.analysis", "core.views"}
    assert imported & heavy == set()
    assert ("duckdb" in imported) == (argv[0] == "areas")


def test_areas_on_a_duckdb_store_imports_neither_psycopg_nor_pandas(db: str) -> None:
    """The command line's start (issue 18: ``areas`` in under 0.3 s) is mostly imports: a
    DuckDB store needs neither the PostgreSQL driver nor pandas for ``areas``."""
    with store.opened(db):  # seeded here: seeding a new store does need pandas
        pass
    probe = (
        "import sys\n"
        "from core import cli\n"
        f"code = cli.main(['--db', {db!r}, 'areas'])\n"
        "print(code, 'psycopg' in sys.modules, 'pandas' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True, text=True, cwd=settings.REPO_ROOT, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "0 False False"
