"""Excel import: data sheets → typed frames, with an issue per bad cell (sheet, row, column).

Each data sheet is found by its title (also with an area prefix, "OZG Bestand"), its header
row among the first rows by the known header texts, and every cell is converted by its
column's kind. A formula in a data cell, text in a number cell, a number outside the
column's range or an unknown code is an issue; the value is then left empty so that later
checks do not report the same cell twice.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from openpyxl.utils import get_column_letter

from core import i18n
from core.editing.validation import parse_number
from core.errors import InputError
from core.excel.reader import ERROR, FORMULA, Cell, XlsxFile
from core.excel.schema import (
    CRITERION_KEY,
    DATA_SHEETS,
    SCOPE,
    SLUG,
    Column,
    DataSheet,
    normalise_header,
    sheet_kind,
)

HEADER_SEARCH_ROWS = 10
TRUE_WORDS = {"ja", "wahr", "true", "yes", "x", "1", "j", "y"}
FALSE_WORDS = {"nein", "falsch", "false", "no", "0", "n", ""}
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


@dataclass(frozen=True)
class Issue:
    """One validation error: where (sheet, Excel row, column) and what (catalogue key)."""

    sheet: str
    row: int | None
    column: str | None
    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "de") -> str:
        return i18n.t(self.key, lang, **self.params)

    def location(self, lang: str = "de") -> str:
        parts = [i18n.t("import_at_sheet", lang, sheet=self.sheet)] if self.sheet else []
        if self.row is not None:
            parts.append(i18n.t("import_at_row", lang, row=self.row))
        if self.column:
            parts.append(i18n.t("import_at_column", lang, column=self.column))
        return ", ".join(parts)

    def line(self, lang: str = "de") -> str:
        """'Blatt „Bewertung“, Zeile 7, Spalte E (Wert): Zahl erwartet …'"""
        where = self.location(lang)
        return f"{where}: {self.message(lang)}" if where else self.message(lang)


@dataclass
class SheetRows:
    """The rows of one kind of data sheet (possibly from several sheets), typed."""

    kind: DataSheet
    frame: pd.DataFrame
    columns: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return next(iter(self.columns), self.kind.title())

    def header(self, key: str, sheet: str | None = None) -> str:
        """'E (Wert)' – column letter and header text of ``key`` on ``sheet``."""
        columns = self.columns.get(sheet or self.title, {})
        if key in columns:
            return columns[key]
        column = next((c for c in self.kind.columns if c.key == key), None)
        return column.header() if column else key

    def where(self, index: Any, key: str) -> tuple[str, int, str]:
        sheet = str(self.frame.at[index, "_sheet"])
        return sheet, int(self.frame.at[index, "_row"]), self.header(key, sheet)


def _choices(column: Column) -> dict[str, str]:
    """Accepted spellings of an enum code: the code and its German and English labels."""
    prefix = "pathway" if column.key == "pathway" else "kind"
    accepted = {}
    for code in column.choices:
        accepted[code.casefold()] = code
        for lang in i18n.LANGUAGES:
            accepted[i18n.t(f"{prefix}_{code}", lang).casefold()] = code
    return accepted


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def _excel_date(serial: float, date1904: bool) -> dt.date:
    base = dt.date(1904, 1, 1) if date1904 else dt.date(1899, 12, 30)
    return base + dt.timedelta(days=int(serial))


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _number_text(value)
    return str(value)


def _empty(column: Column) -> Any:
    if column.kind == "bool":
        return False
    if column.kind == "text":
        return ""
    return column.default


class _Column:
    """Converts one column's raw cells to typed values, recording an issue per bad cell."""

    def __init__(
        self, column: Column, sheet: str, label: str | None, date1904: bool, issues: list[Issue]
    ) -> None:
        self.column = column
        self.sheet = sheet
        self.label = label
        self.date1904 = date1904
        self.issues = issues

    def problem(self, row: int, key: str, **params: Any) -> None:
        self.issues.append(Issue(self.sheet, row, self.label, key, params))

    def convert(self, raws: list[Cell | None], rows: list[int]) -> list[Any]:
        column = self.column
        empty = _empty(column)
        one = getattr(self, f"_{column.kind}")
        out: list[Any] = []
        append = out.append
        for raw, row in zip(raws, rows, strict=True):
            if raw is None or raw[0] is None or raw[0] == "":
                if raw is not None and raw[1] == FORMULA:
                    self.problem(row, "import_formula")
                elif column.required:
                    self.problem(row, "import_required")
                append(empty)
            elif raw[1] == FORMULA:
                self.problem(row, "import_formula")
                append(None)
            elif raw[1] == ERROR:
                self.problem(row, "import_error_value", value=str(raw[0]))
                append(None)
            else:
                append(one(raw[0], row))
        return out

    def _text(self, value: Any, row: int) -> str:
        return value if type(value) is str else _as_text(value)

    def _id(self, value: Any, row: int) -> str | None:
        text = (value if type(value) is str else _as_text(value)).strip()
        pattern = CRITERION_KEY if self.column.key == "criterion" else SLUG
        if pattern.fullmatch(text):
            return text
        self.problem(row, "import_bad_id", value=text)
        return None

    def _enum(self, value: Any, row: int) -> str | None:
        table = getattr(self, "_table", None)
        if table is None:
            table = self._table = _choices(self.column)
        code = table.get(_as_text(value).strip().casefold())
        if code is None:
            self.problem(
                row,
                "import_bad_choice",
                value=_as_text(value),
                allowed=", ".join(self.column.choices),
            )
        return code

    def _bool(self, value: Any, row: int) -> bool | None:
        if isinstance(value, bool):
            return value
        word = _as_text(value).strip().casefold()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        self.problem(row, "import_bad_bool", value=_as_text(value))
        return None

    def _number(self, value: Any, row: int) -> float | int | None:
        column = self.column
        if type(value) is str:  # a number stored as text, German or not: "1.234,5", "60000"
            try:
                value = parse_number(value)
            except InputError:
                pass
        if type(value) is not float or not math.isfinite(value):
            self.problem(row, "import_not_number", value=_as_text(value))
            return None
        if column.kind != "number":
            if not value.is_integer() or (column.kind == "cost_id" and value < 1):
                self.problem(row, "import_not_integer", value=_number_text(value))
                return None
            value = int(value)
        low, high = column.minimum, column.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            if high is None:
                self.problem(
                    row,
                    "import_below_minimum",
                    value=_number_text(value),
                    minimum=_number_text(low),
                )
            else:
                self.problem(
                    row,
                    "import_column_range",
                    value=_number_text(value),
                    minimum=_number_text(low or 0),
                    maximum=_number_text(high),
                )
            return None
        return value

    _integer = _number
    _cost_id = _number

    def _date(self, value: Any, row: int) -> dt.date | None:
        found = self._any_date(value, row)
        column = self.column
        if found is not None and column.minimum is not None and column.maximum is not None:
            if not column.minimum <= found.year <= column.maximum:
                self.problem(
                    row,
                    "import_column_range",
                    value=found.strftime("%d.%m.%Y"),
                    minimum=_number_text(column.minimum),
                    maximum=_number_text(column.maximum),
                )
                return None
        return found

    def _any_date(self, value: Any, row: int) -> dt.date | None:
        if type(value) is float:
            if 1 <= value < 2_958_466:
                return _excel_date(value, self.date1904)
            self.problem(row, "import_bad_date", value=_number_text(value))
            return None
        text = _as_text(value).strip()
        for pattern, order in ((_ISO_DATE, (0, 1, 2)), (_GERMAN_DATE, (2, 1, 0))):
            match = pattern.match(text)
            if match:
                parts = [int(p) for p in match.groups()]
                try:
                    return dt.date(parts[order[0]], parts[order[1]], parts[order[2]])
                except ValueError:
                    break
        self.problem(row, "import_bad_date", value=text)
        return None


def _find_header(
    rows: list[tuple[int, dict[int, Cell]]], sheet: DataSheet
) -> tuple[int, dict[str, int], list[str]] | None:
    """(header row number, key → column index, duplicate keys) or None if not found.

    A cell matches a column by its German or English header first, by the machine key only
    if no header matches (the English header "Criterion" is also the key of "Kriterium-ID").
    """
    by_header = {}
    by_key = {}
    for column in sheet.columns:
        for lang in i18n.LANGUAGES:
            by_header.setdefault(normalise_header(column.header(lang)), column.key)
        by_key.setdefault(normalise_header(column.key), column.key)
    best: tuple[int, dict[str, int], list[str]] | None = None
    for number, cells in rows[:HEADER_SEARCH_ROWS]:
        found: dict[str, int] = {}
        duplicates: list[str] = []
        for index, (value, _flag) in sorted(cells.items()):
            if not isinstance(value, str):
                continue
            text = normalise_header(value)
            key = by_header.get(text) or by_key.get(text)
            if key is None:
                continue
            if key in found:
                duplicates.append(key)
            else:
                found[key] = index
        if found and (best is None or len(found) > len(best[1])):
            best = (number, found, duplicates)
    return best


def _read_sheet(
    workbook: XlsxFile, title: str, sheet: DataSheet, issues: list[Issue], lang: str
) -> tuple[dict[str, list[Any]], dict[str, str]]:
    """Typed columns of one worksheet (``_row``/``_sheet`` included) and its column labels."""
    rows_iter = workbook.rows(title)
    head: list[tuple[int, dict[int, Cell]]] = []
    for item in rows_iter:
        head.append(item)
        if len(head) >= HEADER_SEARCH_ROWS:
            break
    found = _find_header(head, sheet)
    required = [c for c in sheet.columns if c.required]
    if found is None:
        for column in required:
            issues.append(Issue(title, None, column.header(lang), "import_missing_column"))
        return {}, {}
    header_number, positions, duplicates = found
    for key in duplicates:
        column = next(c for c in sheet.columns if c.key == key)
        issues.append(Issue(title, header_number, column.header(lang), "import_duplicate_column"))
    missing = [c for c in required if c.key not in positions]
    for column in missing:
        issues.append(Issue(title, header_number, column.header(lang), "import_missing_column"))
    if missing:
        return {}, {}
    labels = {
        c.key: f"{get_column_letter(positions[c.key])} ({c.header(lang)})"
        for c in sheet.columns
        if c.key in positions
    }
    wanted = [(c, positions.get(c.key)) for c in sheet.columns if not c.info or c.key in positions]
    raws: list[list[Cell | None]] = [[] for _ in wanted]
    numbers: list[int] = []

    def consume(number: int, cells: dict[int, Cell]) -> None:
        if number <= header_number:
            return
        if not any(v not in (None, "") or f == FORMULA for v, f in cells.values()):
            return
        numbers.append(number)
        for target, (_, index) in zip(raws, wanted, strict=True):
            target.append(cells.get(index) if index is not None else None)

    for number, cells in head:
        consume(number, cells)
    for number, cells in rows_iter:
        consume(number, cells)
    columns: dict[str, list[Any]] = {}
    for (column, _), cells in zip(wanted, raws, strict=True):
        if column.info and not column.checked:
            columns[column.key] = [c[0] if c is not None else None for c in cells]
            continue
        found_issues: list[Issue] = []
        values = _Column(
            column, title, labels.get(column.key), workbook.date1904, found_issues
        ).convert(cells, numbers)
        if column.info:  # checked info columns: an empty cell is fine
            found_issues = [i for i in found_issues if i.key != "import_required"]
        issues.extend(found_issues)
        columns[column.key] = values
    for column in sheet.columns:
        columns.setdefault(column.key, [None] * len(numbers))
    columns["_row"] = numbers
    columns["_sheet"] = [title] * len(numbers)
    return columns, labels


def _frame(sheet: DataSheet, columns: dict[str, list[Any]]) -> pd.DataFrame:
    """Typed columns: nullable floats/ints, bools, dates (empty → today), text as objects."""
    data: dict[str, Any] = {}
    today = dt.date.today()
    size = len(columns.get("_row", []))
    for column in sheet.columns:
        values = columns.get(column.key, [None] * size)
        if column.kind == "number":
            data[column.key] = pd.array(values, dtype="Float64")
        elif column.kind in ("integer", "cost_id"):
            data[column.key] = pd.array(values, dtype="Int64")
        elif column.kind == "bool":
            data[column.key] = pd.array([bool(v) for v in values], dtype=bool)
        elif column.kind == "date":
            data[column.key] = pd.to_datetime(
                pd.Series([v if v is not None else today for v in values], dtype=object)
            ).astype("datetime64[ns]")
        else:
            data[column.key] = pd.Series(values, dtype=object)
    data["_row"] = pd.array(columns.get("_row", []), dtype="int64")
    data["_sheet"] = pd.Series(columns.get("_sheet", []), dtype=object)
    return pd.DataFrame(data)


def read_sheets(workbook: XlsxFile, lang: str = "de") -> tuple[dict[str, SheetRows], list[Issue]]:
    """Every data sheet's rows, typed, plus the issues found cell by cell."""
    issues: list[Issue] = []
    by_kind: dict[str, list[str]] = {s.table: [] for s in (*DATA_SHEETS, SCOPE)}
    for title in workbook.sheet_names:
        kind = sheet_kind(title)
        if kind is not None:
            by_kind[kind.table].append(title)
    for sheet in DATA_SHEETS:
        if not by_kind[sheet.table]:
            issues.append(
                Issue(
                    sheet.title(lang),
                    None,
                    None,
                    "import_missing_sheet",
                    {"sheet": sheet.title(lang)},
                )
            )
    if issues:
        return {}, issues
    result: dict[str, SheetRows] = {}
    for sheet in (*DATA_SHEETS, SCOPE):
        merged: dict[str, list[Any]] = {}
        labels_by_sheet: dict[str, dict[str, str]] = {}
        for title in by_kind[sheet.table]:
            found, labels = _read_sheet(workbook, title, sheet, issues, lang)
            for key, values in found.items():
                merged.setdefault(key, []).extend(values)
            labels_by_sheet[title] = labels
        size = len(merged.get("_row", []))
        for key in [c.key for c in sheet.columns]:
            merged.setdefault(key, [None] * size)
        result[sheet.table] = SheetRows(sheet, _frame(sheet, merged), labels_by_sheet)
    return result, issues
