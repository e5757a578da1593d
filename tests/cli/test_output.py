"""CLI output is inert (issue 17, point 7): CSV cells never start a formula, nothing printed
can steer the terminal."""

from __future__ import annotations

import csv
import io
import json

import pytest

from core import store
from core.cli import main
from core.excel.safety import FORMULA_TRIGGERS
from core.store import seed

ESC_NAME = "\x1b[2J\x1b[31mRot\x1b]0;Titel\x07\x9b0m\u202eevil"
FORMULA_NAME = '=HYPERLINK("http://127.0.0.1:9/";"Klick")'


@pytest.fixture
def hostile_db(tmp_path) -> str:
    path = str(tmp_path / "h.duckdb")
    with seed.opened(path) as conn:
        ids = store.options(conn, "ozg")["id"].tolist()
        conn.execute("UPDATE options SET name = ? WHERE id = ?", [FORMULA_NAME, ids[0]])
        conn.execute("UPDATE options SET name = ? WHERE id = ?", [ESC_NAME, ids[1]])
        conn.execute("UPDATE options SET partner = ? WHERE id = ?", ["+49 208 455-0", ids[2]])
        conn.execute("UPDATE options SET partner = ? WHERE id = ?", ["@SUMME(A1)", ids[3]])
    return path


def _run(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def test_csv_cells_never_start_a_formula(hostile_db, capsys) -> None:
    out = _run(capsys, "--db", hostile_db, "rank-area", "ozg", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    header, body = rows[0], rows[1:]
    texts = [c for row in body for c, h in zip(row, header, strict=True) if h != "score"]
    assert f"'{FORMULA_NAME}" in texts
    assert "'+49 208 455-0" in texts and "'@SUMME(A1)" in texts
    numeric = {"rank", "score", "npv_cost", "investment", "annual_cost", "staff_fte"}
    for row in body:
        for value, name in zip(row, header, strict=True):
            if name not in numeric and name not in {"cost", "citizen_value", "feasibility"}:
                assert not value.startswith(FORMULA_TRIGGERS), (name, value)


@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_table_and_csv_output_carry_no_control_characters(hostile_db, capsys, fmt) -> None:
    out = _run(capsys, "--db", hostile_db, "rank-area", "ozg", "--format", fmt)
    assert "Rot" in out
    assert not any(c in out for c in "\x1b\x07\x9b\u202e\x00")


def test_json_keeps_the_data_but_escapes_control_characters(hostile_db, capsys) -> None:
    out = _run(capsys, "--db", hostile_db, "rank-area", "ozg", "--format", "json")
    assert not any(c in out for c in "\x1b\x07\x9b\u202e")
    names = {r["option"] for r in json.loads(out)}
    assert ESC_NAME in names and FORMULA_NAME in names


def test_an_error_message_with_a_hostile_value_is_inert(hostile_db, capsys) -> None:
    assert main(["--db", hostile_db, "rank-area", "\x1b[31mozg"]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "[31mozg" in err


def test_the_cli_filter_removes_what_the_views_remove() -> None:
    """core.cli.output keeps its own copy of the control-character rule (the CLI starts
    without pandas, so it cannot import core.views); both must remove the same characters."""
    from core.cli import output
    from core.views import terminal

    every = "".join(chr(c) for c in range(0x2070)) + ESC_NAME
    assert output.terminal(every) == terminal(every)
    assert "\x1b" not in output.terminal(ESC_NAME) and "\u202e" not in output.terminal(ESC_NAME)
