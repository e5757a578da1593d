"""Fuzz of the CLI import: 200+ malformed or hostile workbooks derived from a real export.

Each one is changed in a single cell of a data sheet (text in a number cell, formulas, error
values, absurd and negative numbers, bad ids, codes, yes/no values, dates, emptied required
cells, wrong units), in one to three data rows. Every file must be refused by
``python -m core import`` with exit code 2, a message on stderr naming the sheet, the row and
the column of the bad cell, and every table of the store must hold exactly what it held
before (contents compared, not a timestamped export).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import duckdb
import pytest

from core import cli
from core.excel import export as excel_export
from core.excel.reader import XlsxFile
from core.scoring.weightset import WeightSet
from core.store import seed

REQUEST = excel_export.ExportRequest(WeightSet(), "wsm", 5, 0.009)


def text(value: str) -> str:
    return f'<is><t xml:space="preserve">{escape(value)}</t></is>', "inlineStr"


NUMBERS = [
    ("Kosten", "D"),
    ("Kosten", "E"),
    ("Kosten", "F"),
    ("Bewertung", "E"),
    ("Bestand", "F"),
    ("Bestand", "G"),
    ("Bestand", "I"),
]
BAD_NUMBERS = [
    text("abc"),
    text("1,2,3"),
    text("zwölf"),
    text("n/a"),
    text("1e999"),
    ("<f>1+1</f><v>2</v>", None),
    ("<v>#DIV/0!</v>", "e"),
    ("<v>1e300</v>", None),
    ("<v>-1</v>", None),
]
IDS = [
    ("Kosten", "B"),
    ("Bewertung", "A"),
    ("Bewertung", "C"),
    ("Bestand", "A"),
    ("Bestand", "B"),
    ("Optionen", "A"),
    ("Optionen", "B"),
]
BAD_IDS = [text("Ä Ö"), text("a b"), text("-x"), text("")]  # "": a row whose key was emptied
ENUMS = [("Optionen", "D"), ("Bestand", "D")]
BAD_ENUMS = [text("vielleicht"), text("1"), ("<f>A1</f><v>x</v>", "str")]
BOOLS = [("Kosten", "H"), ("Bewertung", "J"), ("Bestand", "L")]
BAD_BOOLS = [text("vielleicht"), text("2"), ("<f>1=1</f><v>1</v>", "b"), ("<v>#N/A</v>", "e")]
BAD_DATES = [
    text("32.13.2020"),
    text("gestern"),
    ("<f>TODAY()</f><v>46000</v>", None),
    text("01.01.1980"),
    ("<v>50000000</v>", None),
]
# (An option's source is not required since options carry the honesty columns: the ozg
# options cite sources and are also flagged estimates, so either alone is honest.)
REQUIRED = [("Kosten", "C"), ("Optionen", "E"), ("Bewertung", "E")]
CHECKED = [("Bewertung", "F", text("Kilo")), ("Bewertung", "G", text("seitwärts"))]


# data rows mutated per sheet (the ozg export has one current system, several cost lines)
ROWS = {"Bestand": (2,), "Kosten": (2, 3, 4), "Optionen": (2, 3), "Bewertung": (2, 3)}


def _cases() -> list[tuple[str, str, str, str, str | None]]:
    """(id, sheet, column, cell content XML, cell type) for every single-cell mutation."""
    kinds: list[tuple[str, str, str, str | None]] = []
    kinds += [(s, c, x, t) for s, c in NUMBERS for x, t in BAD_NUMBERS]
    kinds += [(s, c, x, t) for s, c in IDS for x, t in BAD_IDS]
    kinds += [(s, c, x, t) for s, c in ENUMS for x, t in BAD_ENUMS]
    kinds += [(s, c, x, t) for s, c in BOOLS for x, t in BAD_BOOLS]
    kinds += [("Bewertung", "L", x, t) for x, t in BAD_DATES]
    kinds += [(s, c, *text("")) for s, c in REQUIRED]
    kinds += [(s, c, x, t) for s, c, (x, t) in CHECKED]
    return [
        (f"{sheet}-{column}{row}-{n}", sheet, f"{column}{row}", xml, kind)
        for n, (sheet, column, xml, kind) in enumerate(kinds)
        for row in ROWS[sheet]
    ]


CASES = _cases()


def test_there_are_at_least_200_hostile_workbooks() -> None:
    assert len(CASES) >= 200


def set_cell(parts: dict[str, bytes], path: str, ref: str, content: str, kind: str | None) -> None:
    """Replace (or add) cell ``ref`` of the sheet part ``path``."""
    xml = parts[path].decode()
    kind_attr = f' t="{kind}"' if kind else ""
    cell = f'<c r="{ref}"{kind_attr}>{content}</c>'
    pattern = re.compile(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', re.S)
    if pattern.search(xml):
        xml = pattern.sub(lambda _m: cell, xml, count=1)
    else:
        row = re.search(r"\d+", ref).group()
        xml = re.sub(rf'(<row r="{row}"[^>]*>)', lambda m: m.group(1) + cell, xml, count=1)
    parts[path] = xml.encode()


def zipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def contents(path: str) -> dict[str, list[tuple]]:
    conn = duckdb.connect(path, read_only=True)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'"
            ).fetchall()
        ]
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY ALL').fetchall() for t in tables}  # noqa: S608
    finally:
        conn.close()


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> tuple[str, dict[str, bytes], dict[str, str], dict]:
    folder = tmp_path_factory.mktemp("fuzz")
    db = str(folder / "cockpit.duckdb")
    conn = seed.open_seeded(db)
    export = excel_export.area_workbook(conn, "ozg", REQUEST)
    conn.close()
    with zipfile.ZipFile(io.BytesIO(export)) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    return db, parts, XlsxFile(export).sheets, contents(db)


def test_the_unchanged_export_imports_as_nothing_to_change(world, tmp_path, capsys) -> None:
    db, parts, _, before = world
    file = tmp_path / "ozg.xlsx"
    file.write_bytes(zipped(parts))
    assert cli.main(["import", str(file), "--db", db]) == 0
    assert "0 ändern" in capsys.readouterr().out
    assert contents(db) == before


@pytest.mark.parametrize(
    ("sheet", "ref", "content", "kind"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_a_hostile_workbook_is_refused_by_the_cli(
    world, tmp_path: Path, capsys, sheet, ref, content, kind
) -> None:
    db, parts, sheets, before = world
    mutated = dict(parts)
    set_cell(mutated, sheets[sheet], ref, content, kind)
    file = tmp_path / "kaputt.xlsx"
    file.write_bytes(zipped(mutated))
    code = cli.main(["import", str(file), "--db", db, "--user", "fuzz"])
    out, err = capsys.readouterr()
    assert code == 2, out
    column, row = re.match(r"([A-Z]+)(\d+)", ref).groups()
    where = f"Blatt „{sheet}“, Zeile {row}, Spalte {column} ("
    assert where in err, err[:500]
    assert "Traceback" not in err
    assert contents(db) == before
