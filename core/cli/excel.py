"""CLI commands ``export`` and ``import`` (registered by :func:`core.cli.build_parser`).

    python -m core export (--area SLUG | --all) --out FILE.xlsx [--weights …] [--method …]
    python -m core import FILE.xlsx [--dry-run] [--user NAME]

Errors follow :mod:`core.cli`: one line per problem on stderr and exit code 2. An import
with validation errors prints every error (sheet, row, column) and changes nothing.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from core import i18n
from core.cli.choices import METHOD_OPTION
from core.errors import InputError

EXIT_INVALID = 2


def cmd_export(args: argparse.Namespace) -> int:
    from core import store
    from core.excel import export as excel_export
    from core.scoring.weightset import parse_weights_spec
    from core.store import seed

    if bool(args.area) == bool(args.all):
        raise InputError("export_area_or_all")
    with seed.open_seeded(args.db) as conn:
        weights = parse_weights_spec(args.weights, set(store.criteria(conn)["key"]))
        request = excel_export.ExportRequest(
            weights, args.method, args.horizon, args.rate, args.lang
        )
        if args.all:
            data = excel_export.all_areas_workbook(conn, request)
        else:
            data = excel_export.area_workbook(conn, args.area, request)
    out = Path(args.out)
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise InputError("file_not_found", path=f"{args.out} ({exc.strerror})") from None
    print(i18n.t("export_written", args.lang, path=args.out))
    return 0


def _user(args: argparse.Namespace) -> str:
    if args.user:
        return args.user
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (containers)
        return "cli"


def cmd_import(args: argparse.Namespace) -> int:
    from core.editing import auth
    from core.excel import apply as excel_apply, importer as excel_import, preview as excel_preview
    from core.store import seed

    path = Path(args.file)
    if not path.is_file():
        raise InputError("file_not_found", path=args.file)
    data = path.read_bytes()
    lang = args.lang
    with seed.open_seeded(args.db) as conn:
        plan = excel_import.plan_import(conn, data, path.name, lang)
        if not plan.ok:
            print(i18n.t("import_errors_header", lang, count=len(plan.issues)), file=sys.stderr)
            for issue in plan.issues:
                print(issue.line(lang), file=sys.stderr)
            return EXIT_INVALID
        for line in excel_preview.lines(conn, plan, lang):
            print(line)
        if plan.conflicts and not args.skip_conflicts:
            print(i18n.t("import_conflicts", lang, count=len(plan.conflicts)), file=sys.stderr)
            for line in excel_preview.conflict_lines(conn, plan, lang):
                print(line, file=sys.stderr)
            print(i18n.t("import_conflicts_cli_hint", lang), file=sys.stderr)
            return EXIT_INVALID
        if args.dry_run:
            print(i18n.t("import_dry_run", lang))
            return 0
        if not plan.changes:
            print(i18n.t("import_nothing_to_do", lang))
            return 0
        actor = auth.Actor(_user(args), auth.EDITOR)  # whoever runs the CLI owns the store file
        result = excel_apply.apply_plan(conn, plan, actor, skip_conflicts=args.skip_conflicts)
    print(
        i18n.t(
            "import_applied",
            lang,
            added=result.added,
            changed=result.changed,
            removed=result.removed,
            version=result.version,
        )
    )
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``export`` and ``import`` commands."""
    p = subparsers.add_parser("export", help="Excel workbook of one area or of all areas")
    scope = p.add_mutually_exclusive_group()
    scope.add_argument("--area", default=None, help="area slug, e.g. ozg")
    scope.add_argument("--all", action="store_true", help="all areas in one workbook")
    p.add_argument("--out", required=True, help="target .xlsx file")
    p.add_argument("--weights", default=None, help="cost=40,citizen_value=40,feasibility=20")
    p.add_argument("--method", **METHOD_OPTION)
    p.add_argument("--horizon", type=int, default=None)
    p.add_argument("--rate", type=float, default=None)
    p.set_defaults(func=cmd_export)

    p = subparsers.add_parser("import", help="check and apply an Excel workbook (or template)")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="check and preview only")
    p.add_argument("--user", default=None, help="name for the import log (default: login)")
    p.add_argument(
        "--skip-conflicts",
        action="store_true",
        help="apply the rest of a file whose rows conflict with newer changes",
    )
    p.set_defaults(func=cmd_import)
