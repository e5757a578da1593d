"""Roles on the Daten page: viewers cannot reach a write; editors edit, save and are audited."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import streamlit
from streamlit.runtime.secrets import Secrets
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.util import patch_config_options

from core import store, views
from core.editing import audit, frames as editing_frames, rows as editing_rows
from core.editing.auth import Actor
from tests.pages import editing_support
from tests.pages.editing_support import HASH, PASSWORD, SECRETS, login, open_login, read, texts
from ui import auth as auth_ui, data_editing

app = editing_support.app  # fixtures
fresh_db = editing_support.fresh_db

PAGE = "pages/data.py"
WRITE_KEYS = ("save_", "remove_", "undo_", "discard_", "data_apply")


def _editing_controls(at: AppTest) -> list[str]:
    keys = [w.key for w in (*at.button, *at.toggle) if w.key]
    return [k for k in keys if k.startswith(WRITE_KEYS) or k == "data_edit"]


def _edit(version: int, area: str = "homepage", **cells: object) -> tuple[str, dict]:
    key = data_editing.editor_key("options", area, version)
    return key, {"edited_rows": {0: dict(cells)}, "added_rows": [], "deleted_rows": []}


def _first_option(path: str, area: str = "homepage") -> dict:
    with read(path) as conn:
        row = editing_frames.frame(conn, "options", area).iloc[0]
    return editing_frames.loaded_values("options", row) | {"id": row["id"]}


def test_viewer_sees_no_edit_controls(app: Callable[..., AppTest]) -> None:
    at = app(secrets=SECRETS, page=PAGE)
    assert _editing_controls(at) == []
    assert len(at.data_editor) == 0
    assert "nur nach Anmeldung als Redaktion" in texts(at.info)
    assert "Ansicht: nur lesen" in texts(at.sidebar.caption)
    assert "Änderungsprotokoll" in texts(at.header)  # the trail itself is public


def test_crafted_session_state_and_query_cannot_write(
    app: Callable[..., AppTest], fresh_db: str
) -> None:
    at = app(secrets=SECRETS, page=PAGE)
    version = store.data_version(read(fresh_db))[0]
    key, edits = _edit(version, partner="Gekapert")
    crafted = {
        "data_edit": True,
        auth_ui.SESSION_KEY: {"user": "anna", "sig": "0" * 64},
        key: edits,
        "save_options_homepage": True,
        data_editing.PENDING_REMOVAL_KEY: ("options", "homepage-gsb", "GSB"),
        "remove_yes": True,
        "actor": Actor("anna", "editor"),
        "role": "editor",
    }
    for name, value in crafted.items():
        at.session_state[name] = value
    at.query_params.update(role="editor", edit="1", user="anna")
    at.run()
    assert not at.exception
    assert _editing_controls(at) == []
    assert len(at.data_editor) == 0
    with read(fresh_db) as conn:
        assert store.data_version(conn)[0] == version
        assert audit.entries(conn).empty
        assert "homepage-gsb" in set(store.options(conn)["id"])
        assert "Gekapert" not in set(store.options(conn)["partner"])


def test_editor_edits_saves_and_is_audited(app: Callable[..., AppTest], fresh_db: str) -> None:
    at = login(app(secrets=SECRETS), "anna", PASSWORD)
    assert "Angemeldet als **anna**" in texts(at.sidebar.markdown)
    at.switch_page(PAGE).run()
    at.toggle(key="data_edit").set_value(True).run()
    assert not at.exception
    assert len(at.data_editor) == len(data_editing.TABS)
    version = store.data_version(read(fresh_db))[0]
    before = _first_option(fresh_db)
    key, edits = _edit(version, partner="ITZBund (Betrieb)")
    at.session_state[key] = edits
    at.button(key="save_options_homepage").click().run()
    assert not at.exception, at.exception
    assert f"Datenstand jetzt {version + 1}" in texts(at.success)
    with read(fresh_db) as conn:
        assert store.data_version(conn)[0] == version + 1
        after = store.options(conn, "homepage").set_index("id").loc[before["id"]]
        assert after["partner"] == "ITZBund (Betrieb)"
        (entry,) = audit.entries(conn).itertuples()
    assert (entry.actor, entry.action, entry.entity, entry.entity_key, entry.field) == (
        "anna",
        "update",
        "options",
        before["id"],
        "partner",
    )
    assert audit.decode(entry.old_value) == before["partner"]
    assert audit.decode(entry.new_value) == "ITZBund (Betrieb)"
    assert f"Datenstand {version + 1}" in texts(at.sidebar.caption)  # shown in the app


def test_invalid_cell_is_shown_in_german_and_not_saved(
    app: Callable[..., AppTest], fresh_db: str
) -> None:
    at = login(app(secrets=SECRETS), "anna", PASSWORD)
    at.switch_page(PAGE).run()
    at.toggle(key="data_edit").set_value(True).run()
    version = store.data_version(read(fresh_db))[0]
    key, edits = _edit(version, name="   ", pathway="teleport")
    at.session_state[key] = edits
    at.button(key="save_options_homepage").click().run()
    assert not at.exception
    assert "bitte diese Eingaben korrigieren" in texts(at.error)
    table = next(d.value for d in at.dataframe if "Problem" in d.value.columns)
    problems = " ".join(table["Problem"])
    assert "darf nicht leer sein" in problems
    assert "ist nicht erlaubt" in problems
    assert store.data_version(read(fresh_db))[0] == version


def test_conflict_shows_both_values_and_overwrites_nothing(
    app: Callable[..., AppTest], fresh_db: str
) -> None:
    at = login(app(secrets=SECRETS), "anna", PASSWORD)
    at.switch_page(PAGE).run()
    at.toggle(key="data_edit").set_value(True).run()
    version = store.data_version(read(fresh_db))[0]
    first = _first_option(fresh_db)
    with read(fresh_db) as conn:  # another session saves the same row meanwhile
        from core.editing import edits as editing

        editing.save_edits(
            conn,
            Actor("bernd", "editor"),
            [
                editing.RowEdit(
                    "options",
                    (first["id"],),
                    {k: v for k, v in first.items() if k != "id"},
                    {"partner": "Partner von Bernd"},
                )
            ],
        )
    key, edits = _edit(version, partner="Partner von Anna")
    at.session_state[key] = edits
    at.button(key="save_options_homepage").click().run()
    assert not at.exception
    assert "Nichts wurde überschrieben" in texts(at.error)
    table = next(d.value for d in at.dataframe if "Jetzt gespeichert" in d.value.columns)
    row = table.iloc[0]
    assert row["Beim Laden"] == first["partner"]
    assert row["Jetzt gespeichert"] == "Partner von Bernd"
    assert row["Ihre Eingabe"] == "Partner von Anna"
    with read(fresh_db) as conn:
        stored = store.options(conn, "homepage").set_index("id").loc[first["id"], "partner"]
        assert stored == "Partner von Bernd"
        assert store.data_version(conn)[0] == version + 1  # only Bernd's save


def test_remove_asks_first_and_can_be_undone(app: Callable[..., AppTest], fresh_db: str) -> None:
    at = login(app(secrets=SECRETS), "anna", PASSWORD)
    at.switch_page(PAGE).run()
    at.toggle(key="data_edit").set_value(True).run()
    picker = at.selectbox(key="remove_pick_homepage")
    index = next(i for i, label in enumerate(picker.options) if "Government Site Builder" in label)
    picker.select_index(index).run()
    assert "wirklich entfernen" not in texts(at.warning)  # nothing happens before the click
    at.button(key="remove_ask").click().run()
    assert at.session_state[data_editing.PENDING_REMOVAL_KEY][:2] == ("options", "homepage-gsb")
    assert "wirklich entfernen" in texts(at.warning)
    count = len(store.options(read(fresh_db), "homepage"))
    at.button(key="remove_no").click().run()
    assert len(store.options(read(fresh_db), "homepage")) == count  # cancelled
    at.button(key="remove_ask").click().run()
    at.button(key="remove_yes").click().run()
    assert not at.exception
    assert "Entfernt: Option: Government Site Builder" in texts(at.success)
    with read(fresh_db) as conn:
        assert "homepage-gsb" not in set(store.options(conn)["id"])
        entry_id = int(editing_rows.removed(conn).iloc[0]["id"])
    at.button(key=f"undo_{entry_id}").click().run()
    assert not at.exception
    assert "Wiederhergestellt" in texts(at.success)
    assert "homepage-gsb" in set(store.options(read(fresh_db))["id"])


def test_wrong_password_is_refused_clearly(app: Callable[..., AppTest]) -> None:
    at = login(app(secrets=SECRETS), "anna", "falsch")
    assert "Benutzername oder Passwort ist falsch." in texts(at.sidebar.error)
    assert "Ansicht: nur lesen" in texts(at.sidebar.caption)
    assert at.session_state["login_password"] == ""  # the password is not kept


def test_empty_password_is_refused_clearly(app: Callable[..., AppTest]) -> None:
    at = login(app(secrets=SECRETS), "anna", "")
    assert "Bitte ein Passwort eingeben" in texts(at.sidebar.error)
    assert "Ansicht: nur lesen" in texts(at.sidebar.caption)


def test_missing_secrets_file_is_explained(
    app: Callable[..., AppTest], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(streamlit, "secrets", Secrets())  # nothing parsed yet
    with patch_config_options({"secrets.files": [str(tmp_path / "fehlt" / "secrets.toml")]}):
        at = open_login(app())
    # said as soon as the sign-in is opened, and no password field is offered
    assert "keine Datei .streamlit/secrets.toml" in texts(at.sidebar.info)
    assert not at.text_input
    assert "Ansicht: nur lesen" in texts(at.sidebar.caption)


def test_secrets_without_editors_and_broken_hash(app: Callable[..., AppTest]) -> None:
    at = open_login(app(secrets={"other": {"x": 1}}))
    assert "[cockpit.editors]" in texts(at.sidebar.info)
    assert not at.text_input
    at = login(app(secrets={"cockpit": {"editors": {"anna": "klartext"}}}), "anna", PASSWORD)
    assert "hash-password" in texts(at.sidebar.error)


def test_failed_logins_are_rate_limited(
    app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the limiter's clock stands still: a slow run on a busy machine must not outwait the block
    monkeypatch.setattr(auth_ui.LIMITER, "clock", lambda: 1_000_000.0)
    secrets = {"cockpit": {"editors": {"rate-test": HASH}}}
    at = app(secrets=secrets)
    for _ in range(auth_ui.LIMITER.free_attempts + 1):
        login(at, "rate-test", "falsch")
    login(at, "rate-test", PASSWORD)  # even the right password must wait now
    assert "Zu viele Fehlversuche" in texts(at.sidebar.error)
    assert "Ansicht: nur lesen" in texts(at.sidebar.caption)


def test_logout_returns_to_viewer(app: Callable[..., AppTest]) -> None:
    at = login(app(secrets=SECRETS), "anna", PASSWORD)
    at.button(key=auth_ui.LOGOUT_KEY).click().run()
    assert "Ansicht: nur lesen" in texts(at.sidebar.caption)
    assert auth_ui.SESSION_KEY not in at.session_state


OIDC = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "c" * 32,
    "client_id": "cockpit",
    "client_secret": "s",
    "server_metadata_url": "https://login.example/.well-known/openid-configuration",
}


def test_oidc_login_button_and_roles(app: Callable[..., AppTest]) -> None:
    secrets = {"auth": OIDC, "cockpit": {"oidc_editors": ["@muelheim-ruhr.de"]}}
    at = app(secrets=secrets)
    assert at.button(key=auth_ui.OIDC_KEY).label == "Mit Dienstkonto anmelden"
    at.user = {"is_logged_in": True, "email": "anna@muelheim-ruhr.de", "name": "Anna"}
    at.switch_page(PAGE).run()
    signed_in = views.md_unescape(texts(at.sidebar.markdown))  # the name is escaped data
    assert "Angemeldet als **anna@muelheim-ruhr.de**" in signed_in
    assert "data_edit" in _editing_controls(at)
    at.user = {"is_logged_in": True, "email": "gast@example.org", "name": "Gast"}
    at.run()
    assert "ohne Bearbeitungsrecht" in texts(at.sidebar.caption)
    assert _editing_controls(at) == []


def test_oidc_without_authlib_and_oidc_logout(app: Callable[..., AppTest]) -> None:
    secrets = {"auth": OIDC, "cockpit": {"oidc_editors": ["anna@muelheim-ruhr.de"]}}
    at = app(secrets=secrets)
    at.button(key=auth_ui.OIDC_KEY).click().run()
    assert not at.exception
    errors = texts(at.sidebar.error)
    assert "Authlib" in errors or "falsch eingerichtet" in errors
    at.user = {"is_logged_in": True, "email": "anna@muelheim-ruhr.de", "name": "Anna"}
    at.run()
    assert "Angemeldet als" in texts(at.sidebar.markdown)
    at.button(key=auth_ui.LOGOUT_KEY).click().run()  # st.logout redirects; then a new run
    assert not at.exception
    assert at.user.get("is_logged_in") is False
    at.run()
    assert "Ansicht: nur lesen" in texts(at.sidebar.caption)


def test_sign_in_is_announced_once(app: Callable[..., AppTest]) -> None:
    """After signing in the sidebar says who is signed in once (the role line), not a second
    time in a success box above it; a wrong password still gets its error."""
    at = login(app(secrets=SECRETS), "anna", PASSWORD)
    sidebar = [
        e.value for kind in ("success", "info", "markdown", "caption") for e in at.sidebar.get(kind)
    ]
    assert sum("Angemeldet als" in str(v) for v in sidebar) == 1
    assert not at.sidebar.success
    wrong = login(app(secrets=SECRETS), "anna", "falsch")
    assert "Benutzername oder Passwort ist falsch." in texts(wrong.sidebar.error)
