"""Methodik & Quellen page: mandate, method, data version, every source."""

from __future__ import annotations

from core import store


def test_method_page_lists_every_source(make_app, app_db) -> None:
    at = make_app("pages/method.py")
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "A 21/0509-01" in text
    assert "Normalisierung" in text and "PROMETHEE II" in text and "TOPSIS" in text
    assert "Datenstand 1" in text
    with store.connect(app_db) as conn:
        sources = store.sources(conn)["source"].tolist()
    shown = at.table[-1].value.iloc[:, 0].tolist()
    assert shown == sources


def test_accessibility_statement_names_the_contact(make_app, monkeypatch) -> None:
    text = " ".join(m.value for m in make_app("pages/method.py").markdown)
    assert "Kontakt wird vor der Veröffentlichung eingetragen" in text
    monkeypatch.setenv("COCKPIT_CONTACT", "Amt für Digitalisierung, barrierefrei@example.org")
    text = " ".join(m.value for m in make_app("pages/method.py").markdown)
    assert (
        "zuständigen Stelle der Stadtverwaltung Mülheim an der Ruhr: Amt für Digitalisierung"
        in text
    )
    assert "vor der Veröffentlichung" not in text
