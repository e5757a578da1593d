"""Methodik & Quellen page: mandate, method, data version, every source."""

from __future__ import annotations

import re

import pandas as pd

from core import store


def _sources(at) -> pd.DataFrame:
    """The sources table as shown: Markdown escapes removed, each address link as its URL."""
    frame = next(t.value for t in reversed(at.table) if "Schlüssel" in t.value.columns)
    frame = frame.map(lambda v: re.sub(r"\\(.)", r"\1", v) if isinstance(v, str) else v)
    frame["Adresse"] = frame["Adresse"].map(
        lambda v: re.search(r"\]\((.*)\)$", v).group(1) if str(v).startswith("[") else None
    )
    return frame


def test_method_page_lists_every_source(make_app, app_db) -> None:
    at = make_app("pages/method.py")
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "A 21/0509-01" in text
    assert "Normalisierung" in text and "PROMETHEE II" in text and "TOPSIS" in text
    assert "Datenstand 1" in text
    with store.connect(app_db) as conn:
        sources = store.sources(conn)
    table = _sources(at)
    assert table["Quelle"].tolist() == sources["title"].tolist()
    assert table["Schlüssel"].tolist() == sources["id"].tolist()
    # the address is a link built only from the address field, https added, None if empty
    expected = [f"https://{a}" if a else None for a in sources["address"]]
    assert [None if pd.isna(a) else a for a in table["Adresse"]] == expected
    moers = table[table["Schlüssel"] == "moers-open-data"].iloc[0]
    assert moers["Veröffentlicht"] == "19.02.2013" and moers["Abgerufen"] == "11/2026"
    assert "älter als 5 Jahre" in moers["Stand"]
    assert "Open-Data-Portal nach Moerser Vorbild" in moers["Stützt"]
    kdn = table[table["Schlüssel"] == "kdn"].iloc[0]
    assert kdn["Stand"].startswith("Stand 2012")
    assert table[table["Schlüssel"] == "ozg-efa"].iloc[0]["Stand"] == "Stand unbekannt"


def test_method_page_explains_maturity_and_old_figures(make_app) -> None:
    at = make_app("pages/method.py")
    text = " ".join(m.value for m in at.markdown)
    assert "Reifegradmodell 2.0" in text and "× 7/4" in text and "5,25" in text
    assert "173.255" in text and "175.133" in text
    headers = [h.value for h in at.header]
    assert "Alter der Zahlen (Grenze: 5 Jahre)" in headers
    old = next(d.value for d in at.dataframe if "Prüfbereich" in d.value.columns)  # old figures
    assert set(old.columns) == {"Prüfbereich", "Art", "Zeile", "Stand", "Quelle"}
    assert old["Stand"].str.contains("älter als 5 Jahre").all()
    assert (old["Zeile"] == "KDN-Mitglied").sum() == 0  # rows, not sources
    assert "Kommunalportal.NRW (KDN)" in set(old["Zeile"])


def test_age_limit_is_a_setting(make_app, monkeypatch) -> None:
    monkeypatch.setenv("COCKPIT_SOURCE_MAX_AGE_YEARS", "20")
    at = make_app("pages/method.py")
    assert "Alter der Zahlen (Grenze: 20 Jahre)" in [h.value for h in at.header]
    table = _sources(at)
    assert not table["Stand"].str.contains("älter als").any()  # nothing is older than 2006


def test_sources_filter_by_area_and_by_marker_link(make_app, app_db) -> None:
    at = make_app("pages/method.py")
    at.selectbox(key="method_source_area").set_value("gis").run()
    assert not at.exception
    table = _sources(at)
    with store.connect(app_db) as conn:
        gis = store.sources(conn, "gis")
    assert table["Schlüssel"].tolist() == gis["id"].tolist()
    assert "kommonitor-hs-bochum" in set(table["Schlüssel"])
    assert "lvz-leipzig-app" not in set(table["Schlüssel"])
    # a figure's marker links to methodik?quelle=<key>: the page shows that source only
    at.query_params["quelle"] = "lvz-leipzig-app"
    at.run()
    assert not at.exception
    table = _sources(at)
    assert table["Schlüssel"].tolist() == ["lvz-leipzig-app"]
    assert table["Adresse"].iloc[0].startswith("https://lvz.de/lokales/leipzig/")


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
