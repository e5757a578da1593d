"""Excel import: the checks across rows and tables (ids, references, ranges, completeness).

Every check reports :class:`core.excel.rows.Issue` objects located at sheet, row and
column; the list is capped so that a broken file of 100,000 rows stays readable.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from core import i18n
from core.excel.rows import Issue, SheetRows
from core.store import sourcerefs

MAX_ISSUES = 500


class Issues(list):
    """Issues with a cap, so a broken file of 100,000 rows gives a readable list."""

    def add(self, sheet: str, row: int | None, column: str | None, key: str, **params: Any) -> None:
        if len(self) < MAX_ISSUES:
            self.append(Issue(sheet, row, column, key, params))

    def at(self, rows: SheetRows, index: Any, column: str, key: str, **params: Any) -> None:
        """An issue located at a frame row of ``rows`` (its own sheet, row and column)."""
        sheet, row, header = rows.where(index, column)
        self.add(sheet, row, header, key, **params)


def check_duplicates(rows: SheetRows, issues: Issues, columns: tuple[str, ...], key: str) -> None:
    frame = rows.frame
    if frame.empty:
        return
    subset = frame[list(columns)].dropna()
    involved = subset[subset.duplicated(keep=False).to_numpy()]
    dup = involved.duplicated(keep="first")
    first_rows: dict[tuple, str] = {}
    for index, values in zip(
        involved.index, involved.itertuples(index=False, name=None), strict=True
    ):
        sheet, row, _ = rows.where(index, columns[-1])
        first_rows.setdefault(values, f"{sheet} {row}")
    subset = involved
    for index in subset.index[dup.to_numpy()]:
        values = tuple(subset.loc[index])
        issues.at(
            rows,
            index,
            columns[-1],
            key,
            value=" / ".join(map(str, values)),
            first=first_rows[values],
        )


def check_reference_data(
    data: dict[str, SheetRows], areas: set[str], criteria: pd.DataFrame, issues: Issues, lang: str
) -> None:
    """Areas and criteria must exist; values must lie in the criterion's range."""
    for table in ("systems", "options", "scope"):
        rows = data[table]
        area = rows.frame["area"]
        for index in rows.frame.index[(area.notna() & ~area.isin(areas)).to_numpy()]:
            issues.at(
                rows,
                index,
                "area",
                "import_unknown_area",
                area=area[index],
                allowed=", ".join(sorted(areas)),
            )
    rows = data["assessments"]
    frame = rows.frame
    if frame.empty:
        return
    crit = criteria.set_index("key")
    derived = {
        k for k, d in zip(crit.index, crit["derived_from"], strict=True) if isinstance(d, str) and d
    }
    keys = frame["criterion"]
    present = keys.notna().to_numpy()
    known = keys.isin(crit.index).to_numpy()
    is_derived = keys.isin(derived).to_numpy()
    for index in frame.index[present & ~known]:
        issues.at(rows, index, "criterion", "import_unknown_criterion", criterion=keys[index])
    for index in frame.index[is_derived]:
        issues.at(rows, index, "criterion", "import_derived_criterion", criterion=keys[index])
    usable = known & ~is_derived
    labels = crit[i18n.localized_column("label", lang)]
    values = frame["value"].to_numpy(dtype=float, na_value=np.nan)
    low = keys.map(crit["min_value"]).to_numpy(dtype=float, na_value=np.nan)
    high = keys.map(crit["max_value"]).to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        outside = usable & ~np.isnan(values) & ((values < low) | (values > high))
    for index in frame.index[outside]:
        key = keys[index]
        issues.at(
            rows,
            index,
            "value",
            "import_out_of_range",
            value=_show(frame.at[index, "value"], lang),
            minimum=_show(crit.at[key, "min_value"], lang),
            maximum=_show(crit.at[key, "max_value"], lang),
            criterion=labels[key],
        )
    units = frame["unit"].map(lambda u: u.strip() if isinstance(u, str) else "")
    expected = keys.map(crit["unit"])
    for index in frame.index[usable & (units != "").to_numpy() & (units != expected).to_numpy()]:
        issues.at(
            rows,
            index,
            "unit",
            "import_unit_mismatch",
            found=frame.at[index, "unit"],
            expected=expected[index],
            criterion=labels[keys[index]],
        )
    accepted = {
        d: {i18n.t(f"direction_{d}", lg).casefold() for lg in i18n.LANGUAGES} | {d}
        for d in ("benefit", "cost")
    }
    given = frame["direction"].map(lambda d: d.strip().casefold() if isinstance(d, str) else "")
    wanted = keys.map(crit["direction"])
    wrong = [
        g != "" and w in accepted and g not in accepted[w]
        for g, w in zip(given, wanted, strict=True)
    ]
    for index in frame.index[usable & np.array(wrong, dtype=bool)]:
        issues.at(
            rows,
            index,
            "direction",
            "import_direction_mismatch",
            found=frame.at[index, "direction"],
            criterion=labels[keys[index]],
        )


def _show(value: float, lang: str) -> str:
    from core.views import fmt

    decimals = 0 if float(value).is_integer() else 2
    return fmt.number(float(value), decimals, lang)


def check_source_keys(data: dict[str, SheetRows], issues: Issues, known: set[str]) -> None:
    """Every source key a row names is a source of the store (sources are added on the Daten
    page; the Quellen sheet of an export is not imported)."""
    for table in ("systems", "options", "cost_lines", "assessments"):
        rows = data[table]
        if rows.frame.empty:
            continue
        for index, cell in rows.frame["source"].items():
            unknown = sourcerefs.unknown_keys(cell, known)
            if unknown:
                issues.at(rows, index, "source", "import_unknown_source", keys=", ".join(unknown))


def check_honesty(data: dict[str, SheetRows], issues: Issues) -> None:
    """A figure needs a source, or the estimate flag with a reason (the store's rule)."""
    for table in ("systems", "options", "cost_lines", "assessments"):
        rows = data[table]
        frame = rows.frame
        if frame.empty:
            continue
        source = frame["source"].fillna("").astype(str).str.strip()
        reason = frame["estimate_reason"].fillna("").astype(str).str.strip()
        estimate = frame["is_estimate"].fillna(False).astype(bool)
        bad = (source == "") & ~(estimate & (reason != ""))
        for index in frame.index[bad.to_numpy()]:
            issues.at(rows, index, "source", "import_honesty")


RANGE_COLUMNS = {
    "assessments": (("value", "value_low", "value_high"),),
    "cost_lines": (
        ("investment_eur", "investment_low", "investment_high"),
        ("annual_cost_eur", "annual_low", "annual_high"),
    ),
}


def check_ranges(data: dict[str, SheetRows], issues: Issues) -> None:
    """An optional range needs both ends and low ≤ value ≤ high (issue 13)."""
    for table, triples in RANGE_COLUMNS.items():
        rows = data[table]
        frame = rows.frame
        if frame.empty:
            continue
        for value_col, low_col, high_col in triples:
            if low_col not in frame.columns or high_col not in frame.columns:
                continue
            value = pd.to_numeric(frame[value_col], errors="coerce")
            low = pd.to_numeric(frame[low_col], errors="coerce")
            high = pd.to_numeric(frame[high_col], errors="coerce")
            half = low.isna() != high.isna()
            wrong = low.notna() & high.notna() & ((low > value) | (high < value))
            for index in frame.index[(half | wrong).to_numpy()]:
                issues.at(rows, index, low_col, "import_bad_range")


def check_result(
    result: dict[str, pd.DataFrame],
    data: dict[str, SheetRows],
    criteria: pd.DataFrame,
    issues: Issues,
    gone: set[str] | None = None,
) -> None:
    """References, completeness and unique names in the resulting tables.

    ``gone``: options removed in the store since the export whose rows the file left
    unchanged; the file's rows of those options are not applied, so they refer to nothing.
    """
    systems = set(result["systems"]["id"])
    options = result["options"]
    option_ids = set(options["id"]) | (gone or set())
    rows = data["options"]
    file_options = set(rows.frame["id"].dropna())
    for index, system in rows.frame["replaces_system"].items():
        if isinstance(system, str) and system not in systems:
            issues.at(rows, index, "replaces_system", "import_unknown_system", system=system)
    for option, system in zip(options["id"], options["replaces_system"], strict=True):
        if option not in file_options and isinstance(system, str) and system not in systems:
            issues.add(
                data["systems"].title,
                None,
                data["systems"].header("id"),
                "import_system_still_used",
                system=system,
                option=option,
            )
    for table in ("cost_lines", "assessments"):
        sheet = data[table]
        ids = sheet.frame["option_id"]
        for index in sheet.frame.index[(ids.notna() & ~ids.isin(option_ids)).to_numpy()]:
            issues.at(sheet, index, "option_id", "import_unknown_option", option=ids[index])
    names = options[["area", "name"]]
    for index in names.index[names.duplicated(keep=False).to_numpy()]:
        option = options.at[index, "id"]
        match = rows.frame.index[rows.frame["id"] == option]
        if len(match):
            issues.at(
                rows,
                match[0],
                "name",
                "import_duplicate_option_name",
                name=options.at[index, "name"],
                area=options.at[index, "area"],
            )
    assessed = criteria.loc[
        ~criteria["derived_from"].map(lambda d: isinstance(d, str) and bool(d)), "key"
    ].tolist()
    have = set(
        zip(result["assessments"]["option_id"], result["assessments"]["criterion"], strict=True)
    )
    sheet = data["assessments"]
    for option in options["id"]:
        missing = [c for c in assessed if (option, c) not in have]
        if missing:
            issues.add(
                sheet.title,
                None,
                sheet.header("criterion"),
                "import_missing_assessment",
                option=option,
                criteria=", ".join(missing),
            )
