"""CLI command ``hash-password`` (registered by :func:`core.cli.build_parser`).

    python -m core hash-password --user anna            # asks twice, without echo
    printf '%s\\n' "$PW" | python -m core hash-password --user anna --stdin

Prints the salted scrypt hash and the lines to put into ``.streamlit/secrets.toml``. The
password itself is never printed or written anywhere.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from core import i18n
from core.errors import InputError


def _read_password(args: argparse.Namespace) -> str:
    if args.stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    first = getpass.getpass(i18n.t("cli_hash_prompt", args.lang))
    second = getpass.getpass(i18n.t("cli_hash_repeat", args.lang))
    if first != second:
        raise InputError("cli_hash_mismatch")
    return first


def cmd_hash_password(args: argparse.Namespace) -> int:
    """Print a salted scrypt hash of a password read from the terminal or stdin."""
    from core.editing import auth  # the editing package loads pandas: only for this command

    user = args.user.strip()
    if not user:
        raise InputError("auth_user_missing")
    encoded = auth.hash_password(_read_password(args))
    print(encoded)
    print(i18n.t("cli_hash_help", args.lang, user=_toml_key(user), hash=encoded), file=sys.stderr)
    return 0


def _toml_key(name: str) -> str:
    """``name`` as a TOML key: bare if it is one, quoted otherwise."""
    if name.replace("-", "").replace("_", "").isalnum() and name.isascii():
        return name
    escaped = name.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``hash-password`` to the CLI's subcommands."""
    p = sub.add_parser("hash-password", help="salted scrypt hash for .streamlit/secrets.toml")
    p.add_argument("--user", default="redaktion", help="user name for the secrets entry")
    p.add_argument("--stdin", action="store_true", help="read the password from stdin")
    p.set_defaults(func=cmd_hash_password)
