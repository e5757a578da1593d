"""CLI ``tenant create|list|seed`` on a real PostgreSQL: German messages, exit 2 on bad input,
and the store unchanged unless the whole command is valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from core import cli, store
from core.store import pg, tenants


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def suffix(tmp_path: Path) -> str:
    return tmp_path.name.replace("-", "_").lower()[-10:]


def test_create_list_and_seed(capsys, pg_url: str, suffix: str) -> None:
    slug = f"kleve_{suffix}"
    code, out, err = run(capsys, "--db", pg_url, "tenant", "create", slug, "--name", "Kleve")
    assert (code, err) == (0, "")
    assert out == f"Mandant „{slug}“ (Kleve) angelegt.\n"
    code, out, _ = run(capsys, "--db", pg_url, "tenant", "list")
    assert code == 0 and f"{slug}\tKleve\n" in out
    seed_dir = str(tenants.EXAMPLES["moers"].seed_dir)
    code, out, _ = run(capsys, "--db", pg_url, "tenant", "seed", slug, "--from", seed_dir)
    assert code == 0 and out.startswith(f"Mandant „{slug}“: Startdaten geladen, Datenstand 1")
    with store.connect(pg_url, tenant=slug) as conn:
        assert store.area_slugs(conn) == ["open-data", "city-app"]
    # a second seed without --reset changes nothing and says so
    code, _, err = run(capsys, "--db", pg_url, "tenant", "seed", slug, "--from", seed_dir)
    assert code == 2 and "enthält bereits Daten" in err
    code, out, _ = run(
        capsys, "--db", pg_url, "tenant", "seed", slug, "--from", seed_dir, "--reset"
    )
    assert code == 0 and "Datenstand 2" in out
    pg.close_pool(pg_url)


def test_the_examples_seed_without_a_folder(capsys, pg_url: str) -> None:
    """``tenant seed moers`` creates the shipped example and loads its data."""
    assert not tenants.exists(pg_url, "moers")  # the run's server is fresh; only this test seeds it
    code, out, err = run(capsys, "--db", pg_url, "tenant", "seed", "moers")
    assert (code, err) == (0, "") and "Mandant „moers“" in out
    assert ("moers", "Moers") in tenants.listing(pg_url)
    with store.connect(pg_url, tenant="moers") as conn:
        assert len(store.options(conn)) == 6
    pg.close_pool(pg_url)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("tenant", "create", "Mülheim", "--name", "X"), "Ungültiger Mandant „Mülheim“"),
        (("tenant", "create", "leer", "--name", "  "), "fehlt der Name"),
        (("tenant", "create", "ohne_name"), "es fehlt: --name"),
        (("tenant", "seed", "nirgendwo"), "keine mitgelieferten Daten"),
        (("tenant", "seed", "nirgendwo", "--from", "/no/such/dir"), "nicht gefunden"),
        (("tenant", "frobnicate"), "ungültiger Wert"),
    ],
)
def test_bad_input_exits_2_in_german(capsys, pg_url: str, args: tuple, message: str) -> None:
    before = tenants.listing(pg_url)
    code, out, err = run(capsys, "--db", pg_url, *args)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1, err
    assert tenants.listing(pg_url) == before


def test_an_existing_tenant_is_refused(capsys, pg_url: str, suffix: str) -> None:
    slug = f"doppelt_{suffix}"
    assert run(capsys, "--db", pg_url, "tenant", "create", slug, "--name", "A")[0] == 0
    code, _, err = run(capsys, "--db", pg_url, "tenant", "create", slug, "--name", "B")
    assert code == 2 and f"Den Mandanten „{slug}“ gibt es bereits" in err
    assert (slug, "A") in tenants.listing(pg_url)


def test_unknown_tenant_seed_from_a_folder(capsys, pg_url: str) -> None:
    folder = str(tenants.EXAMPLES["moers"].seed_dir)
    code, _, err = run(capsys, "--db", pg_url, "tenant", "seed", "unbekannt", "--from", folder)
    assert code == 2 and "Unbekannter Mandant „unbekannt“" in err


def test_duckdb_has_no_tenants(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path / "x.duckdb"), "tenant", "list")
    assert code == 2 and "Mandanten gibt es nur mit PostgreSQL" in err
