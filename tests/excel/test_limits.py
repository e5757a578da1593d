"""Bounded resources while reading an upload (issue 17, point 4).

The amplification files are small on disk and huge once expanded: one long shared string
referenced from every row, or millions of tiny cells in parts just under the size at which
the compression ratio is checked. Each is imported in a fresh subprocess and its peak
memory measured there (``ru_maxrss`` before and after the import).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from core.cli import main
from core.excel import importer as excel_import, reader
from tests import hostile_xlsx as hx

ROOT = Path(__file__).resolve().parents[2]
EXTRA_MB = 300  # what one hostile file of at most 200 KB may add to the process

_CHILD = r"""
import json, resource, sys
from core import store
from core.store import seed
from core.excel import importer
data = open(sys.argv[1], "rb").read()
conn = store.connect(":memory:")
seed.load_seed(conn)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
plan = importer.plan_import(conn, data, "feindlich.xlsx")
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"keys": [i.key for i in plan.issues][:3], "extra_mb": (after - before) / 1024}))
"""


def _in_subprocess(tmp_path: Path, data: bytes) -> dict:
    path = tmp_path / "feindlich.xlsx"
    path.write_bytes(data)
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        # one 1 MB shared string in item and source of 300 cost lines: 10 KB on disk
        (lambda: hx.amplified_costs("ozg-status-quo", 300), "import_cell_too_long_shared"),
        # a string just under Excel's cell limit, 5,000 times: 160 M characters of text
        (
            lambda: hx.amplified_costs("ozg-status-quo", 5_000, 32_000),
            "import_too_much_text",
        ),
        # 14 sheets of 120,000 one-digit cells, each part under the ratio check's 2 MB
        (lambda: hx.many_cells_split(14, 10_000), "import_too_large_unpacked"),
    ],
    ids=["1mb-string-x300", "32k-string-x5000", "tiny-cells-x1.5m"],
)
def test_amplification_files_are_refused_within_bounded_memory(tmp_path, make, expected) -> None:
    data = make()
    assert len(data) <= 200 * 1024
    found = _in_subprocess(tmp_path, data)
    assert expected in found["keys"]
    assert found["extra_mb"] < EXTRA_MB, found


def test_the_largest_file_inside_the_budget_stays_bounded_too(tmp_path) -> None:
    """Just inside every limit (11 parts of tiny cells): read completely, memory bounded."""
    data = hx.many_cells_split(11, 10_000)
    found = _in_subprocess(tmp_path, data)
    assert "import_too_large_unpacked" not in found["keys"]
    assert found["extra_mb"] < EXTRA_MB, found


@pytest.fixture(scope="module")
def readonly() -> duckdb.DuckDBPyConnection:
    from core import store
    from core.store import seed

    conn = store.connect(":memory:")
    seed.load_seed(conn)
    yield conn
    conn.close()


def _keys(conn: duckdb.DuckDBPyConnection, data: bytes) -> list[str]:
    return [i.key for i in excel_import.plan_import(conn, data, "x.xlsx").issues]


def test_an_inline_cell_over_the_excel_limit_is_named_by_sheet_row_and_column(readonly) -> None:
    sheets = hx.empty_sheets()
    sheets["Optionen"].append([("i", "x")] * 4 + [("i", "A" * (reader.MAX_CELL_CHARS + 1))])
    data = hx.workbook({t: hx.sheet_xml(r) for t, r in sheets.items()})
    plan = excel_import.plan_import(readonly, data, "x.xlsx")
    (issue,) = plan.issues
    assert issue.key == "import_cell_too_long"
    assert issue.params == {"sheet": "Optionen", "row": 2, "column": "E", "limit": 32_767}
    assert "Zeile 2, Spalte E" in issue.message("de")


def test_a_negative_shared_string_index_is_an_error_value_not_the_last_string(readonly) -> None:
    sheets = hx.empty_sheets()
    row = [("i", "opt-neu"), ("i", "ozg"), None, ("i", "status_quo"), ("s", -1)]
    sheets["Optionen"].append([*row, None, None, ("i", "Quelle")])
    data = hx.workbook(
        {t: hx.sheet_xml(r) for t, r in sheets.items()}, hx.shared_xml(["erste", "letzte"])
    )
    workbook = reader.XlsxFile(data)
    cells = dict(workbook.rows("Optionen"))[2]
    assert cells[5] == ("-1", reader.ERROR)
    assert "import_error_value" in _keys(readonly, data)


def test_too_many_shared_strings_is_its_own_message(readonly, monkeypatch) -> None:
    monkeypatch.setattr(reader, "MAX_SHARED_STRINGS", 1_000)
    assert _keys(readonly, hx.many_shared_strings(1_001)) == ["import_too_many_strings"]


def test_running_out_of_memory_is_a_german_message(readonly, monkeypatch) -> None:
    def exhausted(*_args, **_kwargs):
        raise MemoryError

    monkeypatch.setattr(excel_import, "read_sheets", exhausted)
    plan = excel_import.plan_import(readonly, hx.many_shared_strings(3), "x.xlsx")
    (issue,) = plan.issues
    assert issue.key == "import_out_of_memory"
    assert "Arbeitsspeicher" in issue.message("de")


def test_the_cli_refuses_an_amplification_file_in_german_with_exit_2(
    tmp_path, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("COCKPIT_DB", str(tmp_path / "s.duckdb"))
    path = tmp_path / "bombe.xlsx"
    path.write_bytes(hx.amplified_costs("ozg-status-quo", 300))
    assert main(["import", str(path), "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "32767 Zeichen" in err or "32.767 Zeichen" in err
    assert "Traceback" not in err and "Error" not in err


def test_the_cli_reports_memory_exhaustion_in_german_with_exit_2(
    tmp_path, capsys, monkeypatch
) -> None:
    from core.excel import importer as excel_import  # the CLI imports it when it runs

    monkeypatch.setenv("COCKPIT_DB", str(tmp_path / "s.duckdb"))
    path = tmp_path / "gross.xlsx"
    path.write_bytes(hx.many_shared_strings(3))

    def exhausted(*_args, **_kwargs):
        raise MemoryError

    monkeypatch.setattr(excel_import, "plan_import", exhausted)
    assert main(["import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Arbeitsspeicher" in err and "MemoryError" not in err
