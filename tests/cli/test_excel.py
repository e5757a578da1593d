"""CLI: `export` (one area, all areas) and `import` (dry run, errors, apply), run as users do."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from core import cli, store
from core.excel import apply as excel_apply, export as excel_export
from core.scoring import area_model
from core.scoring.weightset import WeightSet
from core.store import seed


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "cockpit.duckdb")
    seed.open_seeded(path).close()
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_one_area_with_weights_and_method(db, tmp_path, capsys) -> None:
    target = tmp_path / "ozg.xlsx"
    code, out, err = run(
        capsys,
        "--db",
        db,
        "export",
        "--area",
        "ozg",
        "--out",
        str(target),
        "--weights",
        "cost=70,citizen_value=20,feasibility=10",
        "--method",
        "topsis",
    )
    assert (code, err) == (0, "")
    assert str(target) in out
    book = openpyxl.load_workbook(target)
    assert book.sheetnames[:3] == ["Übersicht", "Ranking", "Rechenmodell"]
    weights = WeightSet({"cost": 70, "citizen_value": 20, "feasibility": 10})
    with store.connect(db, read_only=True) as conn:
        model = area_model.load_areas(conn, 5, 0.009)["ozg"]
    expected = area_model.rank_area(model, weights, "topsis")["option_id"].tolist()
    ranking = book["Ranking"]
    ids = [r[11] for r in ranking.iter_rows(min_row=4, values_only=True) if r[0] is not None]
    assert ids == expected


def test_export_all_areas(db, tmp_path, capsys) -> None:
    target = tmp_path / "alle.xlsx"
    code, _, _ = run(capsys, "--db", db, "export", "--all", "--out", str(target))
    assert code == 0
    assert openpyxl.load_workbook(target, read_only=True).sheetnames[0] == "Gesamtübersicht"


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["export", "--out", "x.xlsx"], "--area"),
        (["export", "--area", "mars", "--out", "x.xlsx"], "mars"),
        (["export", "--area", "ozg", "--out", "x.xlsx", "--weights", "cost=-1"], "negativ"),
        (["export", "--area", "ozg", "--all", "--out", "x.xlsx"], "Aufruf"),
        (["import", "gibt/es/nicht.xlsx"], "nicht gefunden"),
    ],
)
def test_usage_errors_are_one_line_exit_2(db, capsys, argv, fragment) -> None:
    code, out, err = run(capsys, "--db", db, *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and fragment in err


def test_import_dry_run_of_an_export_changes_nothing(db, tmp_path, capsys) -> None:
    target = tmp_path / "ozg.xlsx"
    run(capsys, "--db", db, "export", "--area", "ozg", "--out", str(target))
    with store.connect(db) as conn:
        before = excel_export.store_checksum(conn)
    code, out, err = run(capsys, "--db", db, "import", str(target), "--dry-run")
    assert (code, err) == (0, "")
    assert "Vorschau: 0 hinzufügen, 0 ändern, 0 entfernen." in out and "Probelauf" in out
    with store.connect(db) as conn:
        assert excel_export.store_checksum(conn) == before


def test_import_with_errors_lists_sheet_row_column_and_exits_2(db, tmp_path, capsys) -> None:
    target = tmp_path / "ozg.xlsx"
    run(capsys, "--db", db, "export", "--area", "ozg", "--out", str(target))
    book = openpyxl.load_workbook(target)
    book["Bewertung"]["E3"] = "viel"
    book["Kosten"]["D2"] = -10
    book.save(target)
    code, out, err = run(capsys, "--db", db, "import", str(target))
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert lines[0] == "2 Fehler – die Datei wird nicht übernommen:"
    assert any(line.startswith("Blatt „Bewertung“, Zeile 3, Spalte E (Wert):") for line in lines)
    assert any(line.startswith("Blatt „Kosten“, Zeile 2, Spalte D") for line in lines)
    code, _, err = run(capsys, "--db", db, "--lang", "en", "import", str(target))
    assert code == 2 and "sheet 'Bewertung', row 3" in err


def test_import_applies_and_logs(db, tmp_path, capsys) -> None:
    target = tmp_path / "ozg.xlsx"
    run(capsys, "--db", db, "export", "--area", "ozg", "--out", str(target))
    book = openpyxl.load_workbook(target)
    book["Optionen"]["F2"] = "Neuer Partner"
    out_bytes = io.BytesIO()
    book.save(out_bytes)
    target.write_bytes(out_bytes.getvalue())
    code, out, err = run(capsys, "--db", db, "import", str(target), "--user", "Herr Test")
    assert (code, err) == (0, "")
    assert "Import übernommen: 0 hinzugefügt, 1 geändert, 0 entfernt. Datenstand 2." in out
    with store.connect(db) as conn:
        log = excel_apply.import_log(conn)
        assert log.iloc[0]["imported_by"] == "Herr Test"
        assert store.data_version(conn)[0] == 2
    code, out, _ = run(capsys, "--db", db, "import", str(target))
    assert code == 0 and "nichts zu ändern" in out


def test_garbage_file_gives_a_german_error_not_a_traceback(db, tmp_path, capsys) -> None:
    target = tmp_path / "daten.xlsx"
    target.write_text("id;name\n1;x\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", db, "import", str(target))
    assert code == 2 and "Traceback" not in err
    assert "keine Excel-Arbeitsmappe" in err


def test_stale_file_conflict_exit_2_then_skip_conflicts_applies_the_rest(
    db, tmp_path, capsys
) -> None:
    from core import editing

    with store.connect(db) as conn:
        data = excel_export.area_workbook(
            conn, "ozg", excel_export.ExportRequest(WeightSet(), "wsm", 5, 0.009)
        )
        option, partner = conn.execute(
            "SELECT id, partner FROM options WHERE area = 'ozg' ORDER BY id LIMIT 1"
        ).fetchone()
        editing.save_edits(
            conn,
            editing.Actor("Kollegin", editing.EDITOR),
            [editing.RowEdit("options", (option,), {"partner": partner}, {"partner": "Neuer"})],
        )
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book["Optionen"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == option)
    ws.cell(row, 6).value = "Meiner"
    ws.cell(3 if row == 2 else 2, 7).value = "Andere Beschreibung"
    file = tmp_path / "alt.xlsx"
    book.save(file)
    code, out, err = run(capsys, "import", str(file), "--db", db, "--user", "anna")
    assert code == 2
    assert "1 Konflikt" in err and "Datei „Meiner“ / Cockpit „Neuer“" in err
    assert "--skip-conflicts" in err
    assert "Beschreibung: " in out and "→ „Andere Beschreibung“" in out  # preview in words
    code, out, err = run(
        capsys, "import", str(file), "--db", db, "--user", "anna", "--skip-conflicts"
    )
    assert code == 0, err
    with store.connect(db) as conn:
        assert conn.execute("SELECT partner FROM options WHERE id = ?", [option]).fetchone() == (
            "Neuer",
        )
        actions = conn.execute(
            "SELECT action, actor FROM audit_log WHERE action = 'import'"
        ).fetchall()
        assert actions == [("import", "anna")]
