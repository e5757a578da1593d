"""Load the seed data in ``data/seed/*.csv`` into the store, in one transaction."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from core import settings
from core.errors import InputError
from core.store import connection, dialect, locking, migration_english, migrations, sourcerefs
from core.store.dialect import Connection
from core.store.transactions import transaction

if TYPE_CHECKING:
    import pandas as pd

# Table name -> (CSV file, {csv column: table column}) in foreign-key order.
SEED_FILES: dict[str, tuple[str, dict[str, str]]] = {
    "sources": ("sources.csv", {}),
    "areas": ("areas.csv", {}),
    "criteria": ("criteria.csv", {}),
    "systems": ("systems.csv", {}),
    "options": ("options.csv", {}),
    "cost_lines": ("cost_lines.csv", {"option": "option_id"}),
    "assessments": ("assessments.csv", {"option": "option_id"}),
    "weight_profiles": ("weight_profiles.csv", {}),
}

NUMERIC = {
    "sources": [],
    "areas": ["sort_order"],
    "criteria": ["min_value", "max_value", "default_weight", "sort_order"],
    "systems": ["annual_cost_eur", "reach_value", "in_use_since"],
    "options": [],
    "cost_lines": ["investment_eur", "annual_cost_eur", "staff_fte"],
    "assessments": ["value"],
    "weight_profiles": ["w_cost", "w_citizen_value", "w_feasibility"],
}
NULLABLE_TEXT = {"systems": [], "options": ["replaces_system"], "criteria": ["derived_from"]}
BOOLEAN = ["is_estimate"]
# English twins of the seed's texts: data/seed/en/<file> per table, keyed by the seed file's
# key columns, one column per translated German column, named like it ("en_<column>" where
# the column is itself part of the key). Cost lines have no key in the seed; their option and
# German item name them.
ENGLISH_KEYS: dict[str, tuple[str, ...]] = {
    "areas": ("slug",),
    "systems": ("id",),
    "options": ("id",),
    "criteria": ("key",),
    "assessments": ("option_id", "criterion"),
    "cost_lines": ("option_id", "item"),
    "weight_profiles": ("slug",),
    "sources": ("id",),
}
# Tables emptied on reset, children first.
DELETE_ORDER = (
    "adoptions",  # which options came from the shared catalogue (the options go too)
    "english_texts",
    "profile_criterion_weights",
    "weight_profiles",
    "assessments",
    "cost_lines",
    "options",
    "systems",
    "criteria",
    "areas",
    "sources",
)
# Tables whose ``source`` column names source keys (:mod:`core.store.sourcerefs`).
CITING = {
    "systems": "systems.csv",
    "options": "options.csv",
    "cost_lines": "cost_lines.csv",
    "assessments": "assessments.csv",
}


def _parse_bool(value: str, file: str, row: int) -> bool:
    text = value.strip().lower()
    if text in ("true", "1", "ja", "yes"):
        return True
    if text in ("false", "0", "nein", "no", ""):
        return False
    raise InputError("seed_invalid", file=file, row=row, problem=f"is_estimate={value!r}")


def read_seed(seed_dir: Path = settings.SEED_DIR) -> dict[str, pd.DataFrame]:
    """Read and type every seed CSV; raise :class:`InputError` naming file and row on bad data."""
    import pandas as pd  # only when seeding: opening a seeded store needs no pandas

    frames: dict[str, pd.DataFrame] = {}
    for table, (file, renames) in SEED_FILES.items():
        path = Path(seed_dir) / file
        frame = pd.read_csv(path, dtype=str, keep_default_na=False).rename(columns=renames)
        for column in NUMERIC[table]:
            converted = pd.to_numeric(frame[column].str.strip().replace("", None), errors="coerce")
            bad = converted.isna() & (frame[column].str.strip() != "")
            if bad.any():
                row = int(bad.idxmax()) + 2
                raise InputError(
                    "seed_invalid", file=file, row=row, problem=f"{column} not numeric"
                )
            frame[column] = converted
        for column in BOOLEAN:
            if column in frame:
                frame[column] = [
                    _parse_bool(v, file, i + 2) for i, v in enumerate(frame[column].tolist())
                ]
        for column in NULLABLE_TEXT.get(table, []):
            frame[column] = frame[column].str.strip().replace("", None)
        frames[table] = frame
    _check_ranges(frames)
    _check_sources(frames)
    return frames


def _check_sources(frames: dict[str, pd.DataFrame]) -> None:
    """Every cited source key names a row of ``sources.csv``; dates and addresses are well
    formed (the store checks them too, but here the message names file and row)."""
    registry = frames["sources"]
    for i, record in enumerate(registry.itertuples(index=False)):
        for column in ("published", "accessed"):
            value = getattr(record, column)
            if value and not sourcerefs.is_partial_date(value):
                raise InputError(
                    "seed_invalid", file="sources.csv", row=i + 2, problem=f"{column}={value!r}"
                )
        if record.address and not sourcerefs.is_address(record.address):
            raise InputError(
                "seed_invalid", file="sources.csv", row=i + 2, problem=f"address={record.address!r}"
            )
    known = set(registry["id"])
    for table, file in CITING.items():
        for i, text in enumerate(frames[table]["source"].tolist()):
            unknown = sourcerefs.unknown_keys(text, known)
            if unknown:
                raise InputError(
                    "seed_invalid", file=file, row=i + 2, problem=f"unknown source {unknown}"
                )


def _check_ranges(frames: dict[str, pd.DataFrame]) -> None:
    """Assessment values must lie in their criterion's valid range (not expressible as CHECK)."""
    crit = frames["criteria"].set_index("key")
    values = frames["assessments"]
    for i, record in enumerate(values.itertuples(index=False)):
        if record.criterion not in crit.index:
            raise InputError(
                "seed_invalid", file="assessments.csv", row=i + 2, problem=record.criterion
            )
        low, high = crit.loc[record.criterion, ["min_value", "max_value"]]
        if not low <= record.value <= high:
            raise InputError(
                "seed_invalid",
                file="assessments.csv",
                row=i + 2,
                problem=f"{record.criterion}={record.value} outside [{low}, {high}]",
            )


def _check_columns(conn: Connection, table: str, frame: pd.DataFrame) -> None:
    """Only known table columns may be named in the INSERT (CSV headers are data)."""
    known = {
        row[0]
        for row in conn.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = ?",
            [table],
        ).fetchall()
    }
    unknown = [c for c in frame.columns if c not in known]
    if unknown:
        file = SEED_FILES[table][0]
        raise InputError("seed_invalid", file=file, row=1, problem=f"unknown columns {unknown}")


def _rows(frame: pd.DataFrame) -> list[list]:
    """The frame's rows as Python values (NaN/NA as None), for bound parameters."""
    import pandas as pd  # only when seeding: opening a seeded store needs no pandas

    columns = [
        [None if pd.isna(v) else v for v in frame[column].astype(object).tolist()]
        for column in frame.columns
    ]
    return [list(row) for row in zip(*columns, strict=True)]


def _insert(conn: Connection, frames: dict[str, pd.DataFrame]) -> None:
    """Insert every frame (DuckDB: as a registered view; PostgreSQL: bound rows)."""
    for table, frame in frames.items():
        _check_columns(conn, table, frame)
        columns = ", ".join(frame.columns)
        if dialect.of(conn).is_postgres:
            marks = ", ".join("?" for _ in frame.columns)
            sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
            conn.executemany(sql, _rows(frame))
            continue
        view = f"seed_{table}"
        conn.register(view, frame)
        conn.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {view}")  # noqa: S608


def read_english(
    frames: dict[str, pd.DataFrame], seed_dir: Path = settings.SEED_DIR
) -> list[tuple[str, tuple[str, ...], str, str, str]]:
    """The English texts of the seed (``data/seed/en``) as (table, seed key, column, English
    text, German text it translates). A key the seed does not have, a column that has no
    English twin or is not in the table, is an error naming file and row."""
    import pandas as pd  # only when seeding: opening a seeded store needs no pandas

    rows: list[tuple[str, tuple[str, ...], str, str, str]] = []
    for table, (file, renames) in SEED_FILES.items():
        path = Path(seed_dir) / "en" / file
        if not path.is_file():
            continue
        english = pd.read_csv(path, dtype=str, keep_default_na=False).rename(columns=renames)
        keys = ENGLISH_KEYS[table]
        # a column names the German column it translates; "en_item" where "item" is a key
        fields = {c: c.removeprefix("en_") for c in english.columns if c not in keys}
        unknown = [c for c, f in fields.items() if f not in migration_english.ENGLISH[table]]
        if unknown or any(k not in english.columns for k in keys):
            raise InputError(
                "seed_invalid", file=f"en/{file}", row=1, problem=f"columns {list(english.columns)}"
            )
        german = frames[table].astype(str).set_index(list(keys))
        for i, record in enumerate(english.to_dict("records")):
            key = tuple(record[k] for k in keys)
            lookup = key if len(key) > 1 else key[0]
            if lookup not in german.index:
                raise InputError(
                    "seed_invalid", file=f"en/{file}", row=i + 2, problem=f"unknown key {key}"
                )
            for column, field in fields.items():
                text = record[column].strip()
                if text:
                    german_text = (
                        key[keys.index(field)] if field in keys else german.loc[lookup, field]
                    )
                    rows.append((table, key, field, text, str(german_text)))
    return rows


def _insert_english(
    conn: Connection, english: list[tuple[str, tuple[str, ...], str, str, str]]
) -> None:
    """Store the English texts under their rows' keys (cost lines: their new ids)."""
    cost_ids = {
        (option, item): str(id_)
        for id_, option, item in conn.execute(
            "SELECT id, option_id, item FROM cost_lines"
        ).fetchall()
    }
    rows = [
        [
            table,
            cost_ids[key] if table == "cost_lines" else "/".join(key),
            field,
            text,
            german,
        ]
        for table, key, field, text, german in english
    ]
    if not rows:
        return
    if dialect.of(conn).is_postgres:
        conn.executemany(
            "INSERT INTO english_texts (tbl, row_key, field, text, german) VALUES (?, ?, ?, ?, ?)",
            rows,
        )
        return
    import pandas as pd  # only when seeding: opening a seeded store needs no pandas

    # DuckDB: one INSERT … SELECT from a registered frame (executemany is a statement a row)
    frame = pd.DataFrame(rows, columns=["tbl", "row_key", "field", "text", "german"])
    conn.register("seed_english_texts", frame)
    try:
        conn.execute(
            "INSERT INTO english_texts (tbl, row_key, field, text, german)"
            " SELECT tbl, row_key, field, text, german FROM seed_english_texts"
        )
    finally:
        with contextlib.suppress(duckdb.Error):  # an aborted transaction refuses even this
            conn.unregister("seed_english_texts")


def _unregister(conn: Connection, frames: dict[str, pd.DataFrame]) -> None:
    if dialect.of(conn).is_postgres:
        return
    for table in frames:
        try:
            conn.unregister(f"seed_{table}")
        except duckdb.Error:  # never registered
            pass


def validate_in_staging(
    frames: dict[str, pd.DataFrame], english: list[tuple[str, tuple[str, ...], str, str, str]]
) -> None:
    """Load ``frames`` (and their English texts) into a fresh in-memory store: every CHECK
    and foreign key must hold."""
    staging = duckdb.connect(":memory:")
    try:
        migrations.migrate(staging)
        with transaction(staging):
            _insert(staging, frames)
            _insert_english(staging, english)
    finally:
        staging.close()


def load_seed(conn: Connection, seed_dir: Path = settings.SEED_DIR, *, reset: bool = False) -> int:
    """Load the seed into the store; return the new data version.

    Without ``reset`` the load is one transaction and the store must be empty. With ``reset``
    the seed is first proven valid in an in-memory staging store; then the old rows are
    deleted table by table and the new ones inserted in one transaction. (DuckDB checks
    foreign keys eagerly: deleting child and parent rows, or deleting and re-inserting a
    referenced key, within one transaction is rejected. The staging dry run makes sure the
    insert cannot fail on the data once the old rows are gone.)
    """
    frames = read_seed(seed_dir)
    english = read_english(frames, seed_dir)
    try:
        if reset:
            validate_in_staging(frames, english)

            for table in DELETE_ORDER:  # one statement each: see docstring
                conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names

        with transaction(conn):
            _insert(conn, frames)
            _insert_english(conn, english)
            return connection.raise_version(conn)
    finally:
        _unregister(conn, frames)


def open_seeded(
    path: str | None = None,
    *,
    read_only: bool = False,
    wait: float | None = None,
    tenant: str | None = None,
) -> Connection:
    """Connect and migrate; seed from ``data/seed`` if the store holds no areas yet.

    ``read_only=True`` opens an existing, migrated and seeded DuckDB store read-only, so that
    commands that only read can run side by side; a store that is missing, empty or not yet
    migrated is opened for writing instead (it must be created or migrated first).
    ``tenant`` (default: the ``COCKPIT_TENANT`` setting) names the municipality on a
    PostgreSQL store with tenants (:func:`~core.store.connection.connect`).
    """
    target = path if path is not None else settings.get("db_path")
    if (
        read_only
        and target != ":memory:"
        and not dialect.is_postgres_url(target)
        and Path(target).is_file()
        and not locking.held_here(target)  # this process writes it already: share that
    ):
        try:
            conn = connection.connect(target, read_only=True, wait=wait)
        except duckdb.ConnectionException:  # open here with another configuration
            conn = None
        if conn is not None:
            if connection.is_current(conn) and not connection.is_empty(conn):
                return conn
            conn.close()
    conn = connection.connect(target, wait=wait, tenant=tenant)
    if connection.is_empty(conn):
        try:
            load_seed(conn, _seed_dir(target))
        except BaseException:
            connection.close(conn)
            raise
    return conn


def _seed_dir(target: str) -> Path:
    """The seed of an empty store: ``data/seed``, or the folder of the example tenant that
    ``COCKPIT_TENANT`` names; another tenant is seeded with ``tenant seed`` first."""
    tenant = settings.get("tenant") if dialect.is_postgres_url(target) else ""
    if not tenant:
        return settings.SEED_DIR
    from core.store import tenants  # PostgreSQL only (imports psycopg)

    example = tenants.EXAMPLES.get(tenant)
    if example is None:
        raise InputError("tenant_not_seeded", tenant=tenant)
    return example.seed_dir


@contextmanager
def opened(
    path: str | None = None, *, read_only: bool = False, wait: float | None = None
) -> Iterator[Connection]:
    """:func:`open_seeded` for one block: the connection and its lock end with the block."""
    conn = open_seeded(path, read_only=read_only, wait=wait)
    try:
        yield conn
    finally:
        connection.close(conn)
