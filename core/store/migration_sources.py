"""Migrations ``0007_sources`` and ``0007_maturity_model_2``: sources as data, OZG model 2.0.

``0007_sources``
    * creates ``sources`` (title, publisher, address, publication and accessed date as
      partial ISO dates, note) with format checks (:mod:`core.store.sourcerefs`);
    * rebuilds ``options`` with ``is_estimate`` and ``estimate_reason`` and the same honesty
      CHECK as the other tables (an option names a source or is a reasoned estimate);
    * turns every free-text ``source`` cell of an existing store into source keys. A text
      that the audited seed cites under the same meaning maps to that seed source (copied
      from ``data/seed/sources.csv``); any other text – including every text a user typed –
      becomes a source of its own whose title is the text, without address or date, so
      nothing is lost and the sources page shows it as unchecked. The row keeps its values.
    * On PostgreSQL, ``options`` is altered in place (new columns appended, the source check
      swapped for the honesty check); the columns and checks end up as on DuckDB.

``0007_maturity_model_2``
    The OZG maturity model 2.0 (levels 0–7) replaced the model 0–4 in 07/2025. If the
    criterion ``online_availability`` still has the scale 0–4, every assessment value is
    mapped linearly (value × 7/4: 0→0, 1→1.75, 2→3.5, 3→5.25, 4→7) and the criterion gets the
    new scale, unit and help text. A linear map keeps the order and the normalised points of
    the options, so no ranking changes from the rescale alone. The rationale of each mapped
    value says so. A store whose user gave the criterion another scale is left alone.
"""

from __future__ import annotations

import csv
import hashlib

from core import settings
from core.store import dialect, sourcerefs
from core.store.dialect import Connection, Dialect
from core.store.rebuild import rebuild_table

NAME = "0007_sources"
MATURITY_NAME = "0007_maturity_model_2"
HONESTY = "(length(trim(source)) > 0 OR (is_estimate AND length(trim(estimate_reason)) > 0))"

_DATE = f"'{sourcerefs.PARTIAL_DATE}'"
_ADDRESS = "'" + sourcerefs.ADDRESS.replace("'", "''") + "'"
SOURCES_DDL = f"""
    CREATE TABLE sources (
        id VARCHAR PRIMARY KEY CHECK (regexp_full_match(id, '{sourcerefs.KEY}')),
        title VARCHAR NOT NULL CHECK (length(trim(title)) > 0),
        publisher VARCHAR NOT NULL DEFAULT '',
        address VARCHAR NOT NULL DEFAULT ''
            CHECK (address = '' OR regexp_full_match(address, {_ADDRESS})),
        published VARCHAR NOT NULL DEFAULT ''
            CHECK (published = '' OR regexp_full_match(published, {_DATE})),
        accessed VARCHAR NOT NULL DEFAULT ''
            CHECK (accessed = '' OR regexp_full_match(accessed, {_DATE})),
        note VARCHAR NOT NULL DEFAULT '',
        removed_at TIMESTAMP
    )"""


def sources_ddl(d: Dialect) -> str:
    """The ``sources`` table on PostgreSQL (DuckDB keeps :data:`SOURCES_DDL` verbatim)."""
    if not d.is_postgres:
        return SOURCES_DDL
    return f"""
    CREATE TABLE sources (
        id VARCHAR PRIMARY KEY CHECK ({d.full_match("id", sourcerefs.KEY)}),
        title VARCHAR NOT NULL CHECK (length(trim(title)) > 0),
        publisher VARCHAR NOT NULL DEFAULT '',
        address VARCHAR NOT NULL DEFAULT ''
            CHECK (address = '' OR {d.full_match("address", sourcerefs.ADDRESS)}),
        published VARCHAR NOT NULL DEFAULT ''
            CHECK (published = '' OR {d.full_match("published", sourcerefs.PARTIAL_DATE)}),
        accessed VARCHAR NOT NULL DEFAULT ''
            CHECK (accessed = '' OR {d.full_match("accessed", sourcerefs.PARTIAL_DATE)}),
        note VARCHAR NOT NULL DEFAULT '',
        removed_at TIMESTAMP
    )"""


OPTIONS_DDL = f"""
    CREATE TABLE options (
        id VARCHAR PRIMARY KEY CHECK (regexp_full_match(id, '[a-z0-9]+(-[a-z0-9]+)*')),
        area VARCHAR NOT NULL REFERENCES areas (slug),
        replaces_system VARCHAR REFERENCES systems (id),
        pathway VARCHAR NOT NULL
            CHECK (pathway IN ('status_quo', 'standard', 'best_practice', 'joint_kdn')),
        name VARCHAR NOT NULL CHECK (length(trim(name)) > 0),
        partner VARCHAR NOT NULL DEFAULT '',
        description VARCHAR NOT NULL DEFAULT '',
        source VARCHAR NOT NULL DEFAULT '',
        removed_at TIMESTAMP,
        is_estimate BOOLEAN NOT NULL DEFAULT FALSE,
        estimate_reason VARCHAR NOT NULL DEFAULT '',
        CHECK {HONESTY}
    )"""
OPTION_COLUMNS = (
    "id, area, replaces_system, pathway, name, partner, description, source, removed_at"
)
CITING_TABLES = ("systems", "options", "cost_lines", "assessments")

# Free-text sources of the seed before 0007 whose meaning an audited seed source keeps.
# Texts whose figure the audit contradicted (Heimat-Info price, Leipzig 200.000 €) or whose
# source changed (Wikipedia → state statistics) are not mapped: they become sources of
# their own, so a migrated store does not pretend its old figure has the new source.
LEGACY: dict[str, str] = {
    "BITV 2.0 / BITV NRW (EN 301 549, WCAG 2.1 AA)": "bitv-2",
    "Bitkom Smart City Index 2021/2022 (Rang 76/81 bzw. 74/81)": "bitkom-smart-city-index",
    "DorfFunk / Digitale Dörfer (12.500 € einmalig + 745 €/Monat)": "dorffunk",
    "EGovG NRW § 16a (seit 14.07.2020)": "egovg-nrw-16a",
    "Faustregel Stadt-App: 50.000–100.000 €": "faustregel-stadt-app",
    "Geobasisdaten NRW entgeltfrei seit 01.01.2017 (dl-de/by-2-0)": "geobasis-nrw",
    "GovData (über 60.000 Datensätze, DCAT-AP.de)": "govdata",
    "Government Site Builder 11 (Bund; TYPO3, Open Source)": "gsb-11",
    "IT.NRW: Serviceportal.NRW (Start 05/2021)": "it-nrw-serviceportal",
    "KDN / Kommunalportal.NRW": "kommunalportal-nrw",
    "KDN – Dachverband Kommunaler IT-Dienstleister (Zweckverband seit 2004; 23 Mitglieder"
    " für über 11 Mio. Einwohner, 2012)": "kdn",
    "Kommunale CMS-Produkte: TYPO3, iKISS (Advantic), NOLIS, Sitepark IES": "cms-produkte",
    "Kreis Paderborn: Serviceportal (ca. 1 Mio. €, Eigenanteil 213.000 €, 2019)": (
        "paderborn-serviceportal"
    ),
    "Lokalkompass (Social Media Stadt Mülheim, Stand 01/2020)": "lokalkompass-social-media",
    "Masterportal (Open Source, Hamburg; Partnerschaft seit 2018, 56 Mitglieder Ende 2025)": (
        "masterportal"
    ),
    "OZG 2.0 (in Kraft seit 24.07.2024)": "ozg-2-0",
    "OZG-Reifegradmodell (Stufen 0–4)": "ozg-reifegradmodell-2-0",
    "OZG-Umsetzungsstand (33 von 575 Leistungen Ende 2022; NRW 197 Dienste 01/2025)": (
        "ozg-umsetzungsstand"
    ),
    "OZG: Einer-für-Alle-Prinzip (EfA)": "ozg-efa",
    "Open.NRW (CKAN, über 6.000 Datensätze)": "open-nrw",
    "Pressemitteilung Stadt Mülheim (Serviceportal)": "pm-serviceportal",
    "RVR: Geonetzwerk.metropoleRuhr / geoportal.ruhr (Beitritt Mülheim 2013; 345.000 €/Jahr"
    " für 53 Kommunen)": "rvr-geonetzwerk",
    "Recherche Domain-Brief: keine städtische App gefunden": "recherche-keine-app",
    "Rhein-Kreis Neuss / ITK Rheinland: Ablösung Desktop-GIS durch QGIS machbar": "rkn-itk-qgis",
    "Rhein-Kreis Neuss: gemeinsames Open-Data-Portal mit 8 Kommunen (über 240 Datensätze)": (
        "rkn-open-data"
    ),
    "Smart Village App (Open Source; 14.900 € einmalig + 400 €/Monat; über 50 Apps)": (
        "smart-village-app"
    ),
    "Staatsanzeiger BW (Social-Media-Aufwand)": "staatsanzeiger-social-media",
    "Stadt Bonn: Open-Data-Portal (seit 28.05.2014)": "bonn-open-data",
    "Stadt Chemnitz: Relaunch (35.000 € Design, ca. 125.000 € CMS)": "chemnitz-relaunch",
    "Stadt Dortmund: Open Data (584 Datensätze, 03/2025)": "dortmund-open-data",
    "Stadt Düsseldorf: keine App": "duesseldorf-keine-app",
    "Stadt Hattersheim: Relaunch (47.000 €)": "hattersheim-relaunch",
    "Stadt Köln: App (2012, 50.000 Downloads), Neubau verworfen zugunsten mobile-first": (
        "koeln-app"
    ),
    "Stadt Köln: Open Data (seit 2012; 400.000 € für 2023–24)": "koeln-open-data",
    "Stadt Moers: Open-Data-Portal (seit 15.02.2013, ca. 400 Datensätze 2021)": ("moers-open-data"),
    "Stadt Mülheim, Amt 62: Geodateninfrastruktur (seit Ende der 1990er)": "muelheim-gdi",
    "Stadt Mülheim: CycloMedia-360°-Bilder (seit 2015, ca. 600 km)": "muelheim-cyclomedia",
    "Stadt Mülheim: Open-Data-Pool (Regelbetrieb seit 18.11.2015)": "muelheim-open-data-pool",
    "Stadt Schiltach: Relaunch (26.668 €)": "schiltach-relaunch",
    "Starnberg: Kostenschätzung GIS-Ablösung (145.000 €)": "starnberg-gis",
    "WAZ 10981749": "waz-10981749",
    "WAZ 216516659": "waz-216516659",
    "WAZ 233870593": "waz-233870593",
    "WAZ 233870593 (Team Digitalisierung seit 11/2019, Amt für Digitalisierung 2021)": (
        "waz-233870593"
    ),
    "WAZ 407839135 (Haushaltslücke 53 Mio. € im Entwurf 2025)": "waz-407839135",
    "Wirtschafts-Service-Portal.NRW (Anschlusspflicht nach NRW-Recht)": "wsp-nrw",
    "bawü.social": "bawue-social",
    "bawü.social (u. a. Stadt Freiburg)": "bawue-social",
    "haushaltsforum2010.muelheim-ruhr.de (KDN-Mitglied seit 2004)": "muelheim-haushaltsforum-it",
    "social.bund.de (BfDI, seit 29.04.2020)": "social-bund",
    "social.sachsen.de": "social-sachsen",
    "stadtplan.geoportal.ruhr": "stadtplan-geoportal-ruhr",
}
SOURCE_COLUMNS = ("id", "title", "publisher", "address", "published", "accessed", "note")


def split_legacy(text: str) -> list[str]:
    """Split a free-text source cell at ``;`` outside parentheses ('A (x; y); B')."""
    parts, depth, current = [], 0, []
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ";" and depth <= 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


def legacy_key(text: str) -> str:
    """The key of a source made from free text: stable, so every row citing it shares it."""
    return "quelle-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _seed_sources() -> dict[str, dict[str, str]]:
    path = settings.SEED_DIR / "sources.csv"
    if not path.exists():
        return {}
    # the csv module, not pandas: the migrations are imported by every CLI start
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {row["id"]: {c: row.get(c) or "" for c in SOURCE_COLUMNS} for row in rows}


def _convert_sources(conn: Connection) -> None:
    seed = _seed_sources()
    texts: set[str] = set()
    for table in CITING_TABLES:
        rows = conn.execute(
            f"SELECT DISTINCT source FROM {table} WHERE length(trim(source)) > 0"  # noqa: S608
        ).fetchall()
        texts.update(r[0] for r in rows)
    new_sources: dict[str, dict[str, str]] = {}
    replacement: dict[str, str] = {}
    for text in sorted(texts):
        cell_keys: list[str] = []
        for part in split_legacy(text):
            key = LEGACY.get(part)
            if key in seed:
                new_sources[key] = seed[key]
            else:
                key = legacy_key(part)
                new_sources[key] = {
                    "id": key,
                    "title": part,
                    "publisher": "",
                    "address": "",
                    "published": "",
                    "accessed": "",
                    "note": "Freitext-Quelle vor Migration 0007; Adresse und Datum nicht erfasst.",
                }
            if key not in cell_keys:
                cell_keys.append(key)
        replacement[text] = sourcerefs.join(cell_keys)
    for row in new_sources.values():
        conn.execute(
            "INSERT INTO sources (id, title, publisher, address, published, accessed, note)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [row[c] for c in SOURCE_COLUMNS],
        )
    for table in CITING_TABLES:
        for old, new in replacement.items():
            conn.execute(
                f"UPDATE {table} SET source = ? WHERE source = ?",  # noqa: S608
                [new, old],
            )


def apply(conn: Connection) -> None:
    """Create ``sources``, give options the honesty columns, turn free text into keys."""
    d = dialect.of(conn)
    conn.execute(sources_ddl(d))
    if d.is_postgres:
        conn.execute(
            "ALTER TABLE options ADD COLUMN is_estimate BOOLEAN NOT NULL DEFAULT FALSE,"
            " ADD COLUMN estimate_reason VARCHAR NOT NULL DEFAULT ''"
        )
        # PostgreSQL's name for the column check on ``source`` of migration 0001.
        conn.execute("ALTER TABLE options DROP CONSTRAINT options_source_check")
        conn.execute("ALTER TABLE options ALTER COLUMN source SET DEFAULT ''")
        conn.execute(f"ALTER TABLE options ADD CONSTRAINT options_honesty_check CHECK {HONESTY}")
    else:
        rebuild_table(conn, "options", OPTIONS_DDL, OPTION_COLUMNS, NAME)
    _convert_sources(conn)


MATURITY = {
    "label_de": "Online-Verfügbarkeit (OZG-Reifegrad 2.0)",
    "label_en": "Online availability (OZG maturity 2.0)",
    "unit": "Reifegrad (0–7)",
    "help_de": (
        "Reifegradmodell 2.0 des OZG (seit 07/2025): Stufen 0–7 über 13 Kriterien, das"
        " schwächste Kriterium bestimmt die Stufe; 0 = nicht online, 7 = höchste Stufe."
        " Einstufungen nach dem alten Modell 0–4 sind linear umgerechnet (Wert × 7/4); in"
        " Bereichen ohne Anträge sinngemäß angewandt."
    ),
}
SCALE = 7 / 4
MAPPED_NOTE = " [Wert aus dem Reifegradmodell 0–4 linear umgerechnet: × 7/4]"


def apply_maturity(conn: Connection) -> None:
    """Map ``online_availability`` from the model 0–4 to 2.0 (0–7) if it still has 0–4."""
    row = conn.execute(
        "SELECT min_value, max_value FROM criteria WHERE key = 'online_availability'"
    ).fetchone()
    if row is None or (row[0], row[1]) != (0, 4):
        return
    conn.execute(
        "UPDATE assessments SET value = value * ?, rationale = rationale || ?"
        " WHERE criterion = 'online_availability'",
        [SCALE, MAPPED_NOTE],
    )
    conn.execute(
        "UPDATE criteria SET max_value = 7, label_de = ?, label_en = ?, unit = ?, help_de = ?"
        " WHERE key = 'online_availability'",
        [MATURITY["label_de"], MATURITY["label_en"], MATURITY["unit"], MATURITY["help_de"]],
    )
