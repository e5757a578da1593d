"""Command-line interface: ``python -m core <command>``.

Every expected error prints one line on stderr and exits with code 2, never a traceback.
Messages are German by default; ``--lang en`` or ``COCKPIT_LANG=en`` switches to English.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from core import i18n, settings
from core.cli import output
from core.cli.choices import METHOD_OPTION
from core.errors import CockpitError, InputError

if TYPE_CHECKING:
    import pandas as pd

# Start-up (issue 18): ``--help`` and ``areas`` must not pay for numpy, pandas, altair or the
# Excel and analysis packages. The commands import them where they use them, and the method
# choices are looked up when argparse first needs them (core.cli.choices).

EXIT_USAGE = 2


# argparse's own messages, in German (the CLI's default language); others stay English.
_USAGE_DE = (
    (re.compile(r"the following arguments are required: (.+)"), "es fehlt: {0}"),
    (re.compile(r"unrecognized arguments: (.+)"), "unbekannte Angaben: {0}"),
    (
        re.compile(r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)"),
        "ungültiger Wert {1} für {0} (erlaubt: {2})",
    ),
    (re.compile(r"argument (\S+): invalid (\w+) value: (.+)"), "ungültiger Wert {2} für {0}"),
    (re.compile(r"argument (\S+): expected one argument"), "{0} braucht einen Wert"),
)


def usage_detail(message: str, lang: str) -> str:
    """argparse's error ``message`` in ``lang`` where we know its German form."""
    if lang == "de":
        for pattern, german in _USAGE_DE:
            match = pattern.fullmatch(message)
            if match:
                return german.format(*match.groups())
    return message


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, translated, exit code 2."""

    lang = "de"  # set by build_parser: argparse calls error() on subparsers too

    def error(self, message: str) -> NoReturn:
        raise InputError("cli_usage", detail=usage_detail(message, _Parser.lang))


def _read_json(path: str) -> Any:
    file = Path(path)
    if not file.is_file():
        raise InputError("file_not_found", path=path)
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError("invalid_json", path=path, line=exc.lineno, column=exc.colno) from None
    except UnicodeDecodeError:
        raise InputError("invalid_json", path=path, line=1, column=1) from None


def _print_json(data: Any) -> None:
    print(output.json_text(data))


def cmd_rank(args: argparse.Namespace) -> int:
    from core.scoring import decision

    data = _read_json(args.file)
    if not isinstance(data, dict):
        raise InputError("problem_bad_type", field="(root)")
    problem = decision.DecisionProblem.from_dict(data)
    result = decision.evaluate(
        problem,
        method=data.get("method", "wsm"),
        normalization=data.get("normalization"),
        preference=data.get("preference"),
    )
    _print_json(result.to_json_dict())
    return 0


def cmd_ahp(args: argparse.Namespace) -> int:
    import numpy as np

    from core.scoring.methods.ahp import ahp_priorities

    data = _read_json(args.file)
    if not isinstance(data, dict) or "items" not in data or "matrix" not in data:
        raise InputError("problem_missing_field", field="items/matrix")
    items = data["items"]
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise InputError("problem_bad_type", field="items")
    try:
        matrix = np.asarray(data["matrix"], dtype=float)
    except (TypeError, ValueError):
        raise InputError("problem_bad_type", field="matrix") from None
    if matrix.ndim != 2 or matrix.shape != (len(items), len(items)):
        raise InputError("ahp_not_square")
    result = ahp_priorities(matrix)
    _print_json(
        {
            "weights": dict(zip(items, map(float, result.weights))),
            "lambda_max": float(result.lambda_max),
            "consistency_index": float(result.consistency_index),
            "consistency_ratio": float(result.consistency_ratio),
        }
    )
    return 0


def cmd_areas(args: argparse.Namespace) -> int:
    from core import store  # DuckDB only: areas are read as plain rows, without pandas
    from core.store import seed

    with seed.opened(args.db, read_only=True) as conn:
        rows = store.area_rows(conn)
    if args.format == "table":
        print(areas_text(rows, args.lang))
        return 0
    records = [{key: row[key] for key in ("slug", "name_de", "n_options")} for row in rows]
    if args.format == "json":
        _print_json(records)
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, ["slug", "name_de", "n_options"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
        sys.stdout.write(buffer.getvalue())
    return 0


def areas_text(rows: list[dict[str, Any]], lang: str) -> str:
    """The review areas (as from :func:`core.store.area_rows`) as a text table in ``lang``:
    slug, name (a blank translation shows the German name) and number of options, laid out
    as pandas prints a frame without index (right-aligned, numbers' headers one wider)."""
    column = i18n.localized_column("name", lang)
    names = [str(row.get(column) or "") or str(row["name_de"]) for row in rows]
    columns = [
        (i18n.t("cli_col_slug", lang), [str(row["slug"]) for row in rows], False),
        (i18n.t("col_area", lang), names, False),
        (i18n.t("cli_col_n_options", lang), [str(int(row["n_options"])) for row in rows], True),
    ]
    if not rows:
        return "  ".join(header for header, _, _ in columns)
    cells = []
    for header, values, numeric in columns:
        head = f" {header}" if numeric else header
        width = max(len(head), *(len(v) for v in values))
        cells.append([head.rjust(width), *(v.rjust(width) for v in values)])
    return "\n".join(" ".join(line) for line in zip(*cells, strict=True))


def _emit(frame: pd.DataFrame, fmt: str) -> None:
    """Machine output: JSON records or CSV, English keys and raw values."""
    if fmt == "json":
        _print_json(json.loads(frame.to_json(orient="records", force_ascii=False)))
    else:
        sys.stdout.write(output.csv_text(frame))


def cmd_rank_area(args: argparse.Namespace) -> int:
    from core import store
    from core.scoring import area_model
    from core.scoring.weightset import parse_weights_spec
    from core.store import seed
    from core.views import tables

    if args.area and args.area_slug and args.area != args.area_slug:
        raise InputError("cli_two_areas", first=args.area_slug, second=args.area)
    args.area = args.area or args.area_slug
    if not args.area:
        raise InputError(
            "cli_usage",
            detail=usage_detail("the following arguments are required: AREA", args.lang),
        )
    with seed.opened(args.db, read_only=True) as conn:
        store.require_area(conn, args.area)
        # The table is for people: option names and partners in their language (English
        # where translated, else German); json and csv keep the stored German texts.
        texts = args.lang if args.format == "table" else "de"
        model = area_model.load_areas(conn, args.horizon, args.rate, lang=texts)[args.area]
        area_row = store.areas(conn).set_index("slug").loc[args.area]
    weights = parse_weights_spec(args.weights, set(model.criteria["key"]))
    ranking = area_model.rank_area(model, weights, args.method)
    if args.format == "table":
        name = i18n.localized_value(area_row, "name", args.lang)
        print(tables.ranking_caption(name, args.method, args.lang))
        print(
            tables.to_text(
                tables.ranking_table(
                    ranking, args.lang, args.horizon, method=args.method, wide=True
                )
            )
        )
    elif args.format == "json":
        _print_json(
            [
                {
                    "option": r.option,
                    "pathway": r.pathway,
                    "partner": r.partner,
                    "rank": int(r.rank),
                    "score": float(r.score),
                    "group_scores": {g: float(getattr(r, g)) for g in area_model.GROUPS},
                    "npv_cost": float(r.npv_cost),
                    "investment": float(r.investment),
                    "annual_cost": float(r.annual_cost),
                }
                for r in ranking.itertuples(index=False)
            ]
        )
    else:
        _emit(ranking.drop(columns=["option_id"]), args.format)
    return 0


def cmd_seed(args: argparse.Namespace) -> int:
    from core import store
    from core.store import seed

    conn = store.connect(args.db)
    try:
        if not args.reset and not store.is_empty(conn):
            print(i18n.t("seed_exists", args.lang), file=sys.stderr)
            return 0
        version = seed.load_seed(conn, reset=args.reset)
    finally:
        store.close(conn)
    print(i18n.t("seed_done", args.lang, version=version))
    return 0


def build_parser(lang: str = "de") -> argparse.ArgumentParser:
    _Parser.lang = lang
    parser = _Parser(prog="python -m core", description="IT-Reorg-Cockpit (CLI)")
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default=None, help="de | en")
    parser.add_argument("--db", default=None, help="DuckDB file (default: COCKPIT_DB)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("rank", help="rank any decision problem given as JSON")
    p.add_argument("file")
    p.set_defaults(func=cmd_rank)

    p = sub.add_parser("ahp", help="AHP priorities and consistency from a pairwise matrix")
    p.add_argument("file")
    p.set_defaults(func=cmd_ahp)

    p = sub.add_parser("areas", help="list the review areas")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.set_defaults(func=cmd_areas)

    p = sub.add_parser("rank-area", help="rank the options of one review area")
    p.add_argument("area_slug", nargs="?", metavar="AREA", help="the area (or --area)")
    p.add_argument("--area", default=None)
    p.add_argument("--weights", default=None, help="cost=40,citizen_value=40,feasibility=20")
    p.add_argument("--method", **METHOD_OPTION)
    p.add_argument("--format", choices=("json", "csv", "table"), default="json")
    p.add_argument("--horizon", type=int, default=None)
    p.add_argument("--rate", type=float, default=None)
    p.set_defaults(func=cmd_rank_area)

    p = sub.add_parser("seed", help="create the store from data/seed (--reset replaces data)")
    p.add_argument("--reset", action="store_true")
    p.set_defaults(func=cmd_seed)
    from core.cli import excel as cli_excel  # Excel export and import (issue 4)

    cli_excel.register(sub)
    from core.cli import admin as cli_admin  # hash-password (issue 6)

    cli_admin.register(sub)
    from core.cli import analysis as cli_analysis  # sensitivity, portfolio, montecarlo

    cli_analysis.register(sub)
    from core.cli import tenant as cli_tenant  # tenants on PostgreSQL (issue 16)

    cli_tenant.register(sub)
    return parser


GLOBAL_OPTIONS = ("--lang", "--db")


def _global_options_first(argv: list[str]) -> list[str]:
    """Move ``--lang X`` / ``--db X`` (also ``--lang=X``) to the front, so they work after the
    command too (``python -m core rank-area ozg --lang en``)."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(argv):
        token = argv[i]
        name = token.split("=", 1)[0]
        if name in GLOBAL_OPTIONS and "=" in token:
            front += [name, token.split("=", 1)[1]]
        elif token in GLOBAL_OPTIONS and i + 1 < len(argv):
            front += [token, argv[i + 1]]
            i += 1
        else:
            rest.append(token)
        i += 1
    return front + rest


def _db_of(argv: list[str]) -> str:
    """The store path the command line names (``--db``), else the setting."""
    if "--db" in argv and argv.index("--db") + 1 < len(argv):
        return argv[argv.index("--db") + 1]
    return str(settings.get("db_path"))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code. Nothing it prints can steer the terminal."""
    with output.inert_streams():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    argv = _global_options_first(list(sys.argv[1:] if argv is None else argv))
    lang = os.environ.get("COCKPIT_LANG", "de")
    if "--lang" in argv:
        i = argv.index("--lang")
        lang = argv[i + 1] if i + 1 < len(argv) else lang
    lang = lang if lang in i18n.LANGUAGES else "de"
    try:
        args = build_parser(lang).parse_args(argv)
        args.lang = args.lang or lang
        if hasattr(args, "horizon"):
            args.horizon = settings.get("horizon_years") if args.horizon is None else args.horizon
            args.rate = settings.get("discount_rate") if args.rate is None else args.rate
        return int(args.func(args))
    except CockpitError as exc:
        print(exc.message(lang), file=sys.stderr)
        return EXIT_USAGE
    except MemoryError:
        print(i18n.t("out_of_memory", lang), file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # noqa: BLE001 - the CLI promises no traceback
        duckdb = sys.modules.get("duckdb")  # imported by the commands that open the store
        if duckdb is not None and isinstance(exc, duckdb.IOException):  # e.g. a locked file
            from core import store  # loaded already: duckdb came with it

            key = "store_busy" if store.is_lock_conflict(exc) else "store_unavailable"
            detail = str(exc).splitlines()[0] if exc.args else ""
            print(i18n.t(key, lang, path=Path(_db_of(argv)).name, detail=detail), file=sys.stderr)
            return EXIT_USAGE
        print(i18n.t("internal_error", lang, kind=type(exc).__name__, detail=exc), file=sys.stderr)
        return 1
