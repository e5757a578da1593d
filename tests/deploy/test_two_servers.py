"""Two app servers against one PostgreSQL, started by scripts/serve-cluster.sh (the example
of docs/deployment.md) and driven over Streamlit's websocket protocol (tests/app_client.py).

* An edit saved on server A is what server B shows at its next interaction: every run reads
  the data version (one small query), and every cache is keyed by it.
* Two editors on different servers edit the same row: the one who saves second gets the
  conflict table (the row changed since they loaded it), and the first one's value stays.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core import i18n, store
from tests import own_loop
from tests.app_client import AppSession, editor_state
from tests.deploy.cluster import PASSWORD, cluster, write_secrets

PAGE = "daten"
EDITOR = "edit_options_{area}_{version}"


async def _sign_in(session: AppSession, user: str) -> None:
    await session.open()
    await session.send({"_login_open": True})
    await session.send({"login_user": user, "login_password": PASSWORD, "login_submit": True})
    assert any(user in text for text in session.texts), session.texts
    await session.send({"data_edit": True})  # the editors' toggle "Daten bearbeiten"


def _editor(session: AppSession) -> tuple[str, object]:
    keys = [k for k in session.frames if k.startswith("edit_options_")]
    assert len(keys) == 1, sorted(session.frames)
    return keys[0], session.frames[keys[0]]


async def _journey(urls: list[str], db: str) -> None:
    anna = AppSession(urls[0], PAGE)
    ben = AppSession(urls[1], PAGE)
    try:
        await _sign_in(anna, "anna")
        await _sign_in(ben, "ben")
        key_a, frame_a = _editor(anna)
        key_b, frame_b = _editor(ben)
        assert key_a == key_b  # same table, same version on both servers
        first = frame_a["name"].iloc[0]
        assert frame_b["name"].iloc[0] == first

        # 1. Anna saves a new name on server A …
        crossing = f"{first} (über Server A geändert)"
        await anna.send({key_a: editor_state({0: {"name": crossing}})})
        area = key_a.removeprefix("edit_options_").rsplit("_", 1)[0]
        await anna.send({f"save_options_{area}": True})
        assert anna.shows(i18n.t("edit_saved", count=1, version=2)), anna.texts
        # … and Ben's next interaction on server B shows it.
        await ben.rerun()
        key_b2, frame_b2 = _editor(ben)
        assert key_b2 != key_b  # reloaded at the new data version
        assert frame_b2["name"].iloc[0] == crossing

        # 2. Both have the row loaded; Ben edits its description (pending) …
        await anna.rerun()
        key_a2, _ = _editor(anna)
        assert key_a2 == key_b2
        await ben.send({key_b2: editor_state({0: {"description": "Bens Fassung"}})})
        # … Anna saves another name first, on server A …
        winner = f"{first} (zweite Änderung, Server A)"
        await anna.send({key_a2: editor_state({0: {"name": winner}})})
        await anna.send({f"save_options_{area}": True})
        assert anna.shows(i18n.t("edit_saved", count=1, version=3)), anna.texts
        # … then Ben saves on server B: a conflict, nothing of his is written.
        await ben.send({f"save_options_{area}": True})
        assert ben.shows(i18n.t("edit_conflict_header")), ben.texts
        conflict = next(f for k, f in ben.frames.items() if not k.startswith("edit_options_"))
        assert winner in conflict.astype(str).to_numpy().ravel().tolist(), conflict
    finally:
        await anna.close()
        await ben.close()

    with store.connect(db) as conn:
        options = store.options(conn)
        row = options[options["name"] == winner]
        assert len(row) == 1
        assert row["description"].iloc[0] != "Bens Fassung"
        assert store.data_version(conn)[0] == 3  # seed, Anna's two saves; Ben's refused


def test_an_edit_crosses_servers_and_a_stale_edit_is_refused(
    pg_schema_url: str, tmp_path: Path
) -> None:
    secrets = write_secrets(tmp_path / "secrets.toml", ["anna", "ben"])
    with cluster(pg_schema_url, secrets, count=2, log=tmp_path / "cluster.log") as urls:
        assert len(urls) == 2 and urls[0] != urls[1]
        own_loop.run(_journey(urls, pg_schema_url))


def test_the_cluster_script_refuses_a_duckdb_file(tmp_path: Path) -> None:
    secrets = write_secrets(tmp_path / "secrets.toml", ["anna"])
    with (
        pytest.raises(RuntimeError, match="exit 2"),
        cluster(str(tmp_path / "c.duckdb"), secrets, log=tmp_path / "c.log", timeout=30),
    ):
        pass
