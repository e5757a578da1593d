"""Gremium page: participant links, facilitator entry, group result, spread and dissent."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

from streamlit.testing.v1 import AppTest

from core import store
from core.analysis import stakeholders
from core.editing import audit, auth, links
from core.editing.auth import Actor
from core.scoring.weightset import WeightSet
from tests.pages import editing_support
from tests.pages.editing_support import PASSWORD, SECRETS, login, read, texts

app = editing_support.app  # fixtures
fresh_db = editing_support.fresh_db

PAGE = "pages/committee.py"
LINK_SECRET = SECRETS["cockpit"]["link_secret"].encode()


def _token(path: str, slug: str, now: float | None = None) -> str:
    """A link token for ``slug`` bound to the store at ``path`` (as the page issues it)."""
    with read(path) as conn:
        return links.new_token(conn, LINK_SECRET, slug, now=now)


def _add(path: str, name: str, groups: tuple[int, int, int]) -> None:
    weights = WeightSet(dict(zip(("cost", "citizen_value", "feasibility"), groups)))
    with read(path) as conn:
        stakeholders.save(conn, Actor("moderation", "editor"), name, weights, store.criteria(conn))


def test_participant_link_opens_the_form_and_saves(
    app: Callable[..., AppTest], fresh_db: str
) -> None:
    token = _token(fresh_db, "fraktion-a")
    at = app(secrets=SECRETS, page=PAGE, participant="fraktion-a", token=token)
    assert at.title[0].value == "Ihre Gewichtung"
    assert len(at.dataframe) == 0  # only the entry form, no group result
    at.text_input(key="participant_name").input("Fraktion A")
    at.slider(key="participant_w_cost").set_value(10)
    at.slider(key="participant_w_citizen_value").set_value(80)
    at.button(key="participant_save").click().run()
    assert not at.exception, at.exception
    assert "Danke! Ihre Gewichte sind gespeichert." in texts(at.success)
    with read(fresh_db) as conn:
        (saved,) = stakeholders.profiles(conn)
        entry = audit.entries(conn).iloc[0]
    assert (saved.slug, saved.name) == ("fraktion-a", "Fraktion A")
    assert saved.weights.groups["citizen_value"] == 80
    assert (entry["role"], entry["entity"]) == ("participant", "stakeholders")
    at.run()  # the URL was rewritten; the session keeps the link
    assert at.title[0].value == "Ihre Gewichtung"
    assert at.slider(key="participant_w_citizen_value").value == 80


def test_forged_participant_link_cannot_write(app: Callable[..., AppTest], fresh_db: str) -> None:
    for token in ("0" * 32, "", _token(fresh_db, "fraktion-b")):
        at = app(secrets=SECRETS, page=PAGE, participant="fraktion-a", token=token)
        assert "Dieser Link ist ungültig" in texts(at.error)
        assert len(at.slider) == 0 or not any(
            s.key and s.key.startswith("participant_") for s in at.slider
        )
    with read(fresh_db) as conn:
        assert stakeholders.profiles(conn) == []
        assert audit.entries(conn).empty


def test_viewer_sees_the_group_result(app: Callable[..., AppTest], fresh_db: str) -> None:
    _add(fresh_db, "Kämmerei", (100, 0, 0))
    _add(fresh_db, "Bürgerbüro", (0, 100, 0))
    at = app(page=PAGE)
    assert "Zum Erfassen und Entfernen bitte als Redaktion anmelden" in texts(at.info)
    assert not any(b.key == "facilitator_save" for b in at.button)
    members = at.dataframe[0].value
    assert members["Beteiligte/r"].tolist() == ["Kämmerei", "Bürgerbüro"]
    assert "Kosten 50,0 %" in texts(at.caption)  # arithmetic mean of 100/0/0 and 0/100/0
    spread = next(d.value for d in at.dataframe if "Spannweite" in d.value.columns)
    cost = spread[spread["Gewicht"] == "Kosten"].iloc[0]
    assert (cost["Minimum %"], cost["Maximum %"], cost["Minimum bei"]) == (0, 100, "Bürgerbüro")
    dissent = next(d.value for d in at.dataframe if "Eigene beste Option" in d.value.columns)
    assert set(dissent["Beteiligte/r"]) <= {"Kämmerei", "Bürgerbüro"}
    assert len(dissent) > 0
    at.radio(key="comm_mean").set_value("geometric").run()
    assert not at.exception
    assert "nur 0 übrig" in texts(at.info)  # the geometric mean fell back for the groups


def test_facilitator_enters_weights_and_makes_links(
    app: Callable[..., AppTest], fresh_db: str
) -> None:
    at = login(app(secrets=SECRETS), "anna", PASSWORD)
    at.switch_page(PAGE).run()
    at.text_input(key="facilitator_name").input("Dezernat II")
    at.slider(key="facilitator_w_feasibility").set_value(90)
    at.button(key="facilitator_save").click().run()
    assert not at.exception, at.exception
    assert "Gespeichert: Dezernat II." in texts(at.success)
    with read(fresh_db) as conn:
        (saved,) = stakeholders.profiles(conn)
    assert saved.weights.groups["feasibility"] == 90
    at.text_input(key="comm_link_name").input("Fraktion Bündnis 90").run()
    link = at.code[0].value
    query = parse_qs(urlsplit(link).query)
    token = query["token"][0]
    assert link.split("?")[1].startswith("participant=fraktion-buendnis-90&token=")
    assert query["name"] == ["Fraktion Bündnis 90"]  # names the participant until they save
    now = time.time()
    with read(fresh_db) as conn:
        name = links.bound_name(conn, "fraktion-buendnis-90")
    status = auth.participant_link_status(LINK_SECRET, name, token, int(now * 1000))
    assert status == auth.LINK_VALID
    assert "Der Link gilt 14 Tage" in texts(at.caption)
    at.selectbox(key="comm_remove").set_value(saved.slug).run()
    at.button(key="comm_remove_yes").click().run()
    assert not at.exception
    with read(fresh_db) as conn:
        assert stakeholders.profiles(conn) == []


def test_use_group_weighting_in_sidebar(app: Callable[..., AppTest], fresh_db: str) -> None:
    _add(fresh_db, "A", (60, 20, 20))
    _add(fresh_db, "B", (20, 60, 20))
    at = app(page=PAGE)
    at.button(key="comm_use_group").click().run()
    assert [at.slider(key=f"w_{g}").value for g in ("cost", "citizen_value", "feasibility")] == [
        40,
        40,
        20,
    ]


def test_crafted_participant_state_cannot_write(app: Callable[..., AppTest], fresh_db: str) -> None:
    at = app(secrets=SECRETS, page=PAGE)
    at.session_state["_participant_link"] = ("fraktion-a", "f" * 32)
    at.session_state["participant_save"] = True
    at.run()
    assert "Dieser Link ist ungültig" in texts(at.error)
    with read(fresh_db) as conn:
        assert stakeholders.profiles(conn) == []


def _participant(app: Callable[..., AppTest], token: str) -> AppTest:
    return app(secrets=SECRETS, page=PAGE, participant="fraktion-a", token=token)


def test_an_expired_link_says_so(app: Callable[..., AppTest], fresh_db: str, monkeypatch) -> None:
    monkeypatch.setenv("COCKPIT_LINK_DAYS", "2")
    old = _token(fresh_db, "fraktion-a", now=time.time() - 3 * 86_400)
    at = _participant(app, old)
    assert "Dieser Link ist abgelaufen (Links gelten 2 Tage)" in texts(at.error)
    fresh = _token(fresh_db, "fraktion-a")
    assert _participant(app, fresh).title[0].value == "Ihre Gewichtung"


def test_links_are_revoked_one_participant_at_a_time(
    app: Callable[..., AppTest], fresh_db: str
) -> None:
    _add(fresh_db, "Fraktion A", (50, 30, 20))
    _add(fresh_db, "Fraktion B", (20, 30, 50))
    link_a = _token(fresh_db, "fraktion-a")
    link_b = _token(fresh_db, "fraktion-b")
    at = login(app(secrets=SECRETS), "anna", PASSWORD)
    at.switch_page(PAGE).run()
    at.selectbox(key="comm_revoke").set_value("fraktion-a").run()
    at.button(key="comm_revoke_yes").click().run()
    assert not at.exception, at.exception
    assert "Die Links von „Fraktion A“ gelten nicht mehr." in texts(at.success)
    assert "wurde widerrufen" in texts(_participant(app, link_a).error)
    other = app(secrets=SECRETS, page=PAGE, participant="fraktion-b", token=link_b)
    assert other.title[0].value == "Ihre Gewichtung"  # B's link still works
    time.sleep(0.01)
    again = _token(fresh_db, "fraktion-a")
    assert _participant(app, again).title[0].value == "Ihre Gewichtung"
    with read(fresh_db) as conn:
        logged = audit.entries(conn)
    assert (logged["field"] == links.FIELD).sum() == 1


def test_a_removed_participant_is_told_the_link_was_revoked(
    app: Callable[..., AppTest], fresh_db: str
) -> None:
    token = _token(fresh_db, "fraktion-a")
    at = _participant(app, token)
    at.text_input(key="participant_name").input("Fraktion A")
    at.button(key="participant_save").click().run()
    assert "Danke!" in texts(at.success)
    editor = login(app(secrets=SECRETS), "anna", PASSWORD)
    editor.switch_page(PAGE).run()
    editor.selectbox(key="comm_remove").set_value("fraktion-a").run()
    editor.button(key="comm_remove_yes").click().run()
    at = _participant(app, token)
    assert "wurde widerrufen" in texts(at.error)
    assert "anderweitig vergeben" not in " ".join(texts(at.error))
    time.sleep(0.01)
    again = _participant(app, _token(fresh_db, "fraktion-a"))  # invited again
    again.text_input(key="participant_name").input("Fraktion A")
    again.button(key="participant_save").click().run()
    assert not again.exception, again.exception
    assert "Danke!" in texts(again.success)
    assert "anderweitig vergeben" not in " ".join(texts(again.error))
    with read(fresh_db) as conn:
        assert [p.slug for p in stakeholders.profiles(conn)] == ["fraktion-a"]


def test_a_new_participant_is_named_not_slugged(app: Callable[..., AppTest], fresh_db: str) -> None:
    """Before anything is saved the form names the participant as the facilitator typed it
    (the link's name), or the slug spelt as words for a link without it, never "fraktion-a"."""
    token = _token(fresh_db, "fraktion-a")
    for name, shown in (("Fraktion A", "Fraktion A"), (None, "Fraktion A"), ("Rat", "Fraktion A")):
        query = {"participant": "fraktion-a", "token": token}
        if name is not None:
            query["name"] = name
        at = app(secrets=SECRETS, page=PAGE, **query)
        assert f"Eingabe als Beteiligte/r: **{shown}**" in texts(at.markdown)
        assert at.text_input(key="participant_name").value == shown
        assert "fraktion-a" not in texts(at.markdown)
