"""CLI command group ``tenant`` (registered by :func:`core.cli.commands.build_parser`).

    python -m core --db postgresql://… tenant create moers --name "Moers"
    python -m core --db postgresql://… tenant list
    python -m core --db postgresql://… tenant seed muelheim          # the shipped seed
    python -m core --db postgresql://… tenant seed kleve --from DIR   # own CSV folder

Tenants exist only on PostgreSQL (:mod:`core.store.tenants`); a DuckDB file holds one
municipality, and asking it for tenants is an input error (exit 2).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from core import i18n, settings


def _url(args: argparse.Namespace) -> str:
    return str(args.db if args.db is not None else settings.get("db_path"))


def cmd_tenant_create(args: argparse.Namespace) -> int:
    from core.store import tenants

    tenants.create(_url(args), tenants.check_slug(args.slug), args.name)
    print(i18n.t("cli_tenant_created", args.lang, tenant=args.slug, name=args.name.strip()))
    return 0


def cmd_tenant_list(args: argparse.Namespace) -> int:
    from core.store import tenants

    rows = tenants.listing(_url(args))
    if not rows:
        print(i18n.t("cli_tenant_none", args.lang))
    for slug, name in rows:
        print(f"{slug}\t{name}")
    return 0


def cmd_tenant_seed(args: argparse.Namespace) -> int:
    from core.store import tenants

    folder = Path(args.source) if args.source is not None else None
    version = tenants.seed(_url(args), args.slug, folder, reset=args.reset)
    print(i18n.t("cli_tenant_seeded", args.lang, tenant=args.slug, version=version))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``tenant create|list|seed`` to the CLI's subcommands."""
    group = sub.add_parser("tenant", help="municipalities on a PostgreSQL store")
    actions = group.add_subparsers(dest="tenant_command", required=True, parser_class=type(group))
    p = actions.add_parser("create", help="create a tenant (schema, role, migrations)")
    p.add_argument("slug", metavar="TENANT")
    p.add_argument("--name", required=True, help="the municipality's name")
    p.set_defaults(func=cmd_tenant_create)
    p = actions.add_parser("list", help="list the tenants")
    p.set_defaults(func=cmd_tenant_list)
    p = actions.add_parser("seed", help="load seed data (shipped examples: muelheim, moers)")
    p.add_argument("slug", metavar="TENANT")
    p.add_argument("--from", dest="source", default=None, help="folder with the seed CSVs")
    p.add_argument("--reset", action="store_true", help="replace the tenant's data")
    p.set_defaults(func=cmd_tenant_seed)
