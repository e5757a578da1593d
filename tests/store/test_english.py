"""Migration 0009: English texts of the data, seeded from data/seed/en, read by language
(on DuckDB and PostgreSQL)."""

from __future__ import annotations

import pandas as pd
import pytest

from core import store
from core.errors import InputError
from core.store import migration_english, seed
from core.store.dialect import Connection


def test_every_seed_text_that_a_reader_sees_has_an_english_twin(conn: Connection) -> None:
    """Every area description, option name and description, system name, criterion help,
    cost line item, assessment rationale and estimate reason of the seed is translated (a
    text may stay as it is only where it is a name, e.g. "Heimat-Info")."""
    texts = store.english_texts(conn)
    counted = texts.groupby(["tbl", "field"]).size().to_dict()
    german = {
        ("areas", "description_de"): store.areas(conn)["description_de"],
        ("options", "description"): store.options(conn)["description"],
        ("criteria", "help_de"): store.criteria(conn)["help_de"],
        ("assessments", "rationale"): store.assessments(conn)["rationale"],
        ("cost_lines", "item"): store.cost_lines(conn)["item"],
        ("systems", "notes"): store.systems(conn)["notes"],
    }
    for key, column in german.items():
        assert counted.get(key) == int((column.str.strip() != "").sum()), key
    reasons = store.assessments(conn)
    estimated = int((reasons["estimate_reason"].str.strip() != "").sum())
    assert counted[("assessments", "estimate_reason")] == estimated


def test_localize_reads_english_and_falls_back_to_german(conn: Connection) -> None:
    texts = store.english_texts(conn)
    options = store.options(conn, "homepage")
    english = store.localize(options, "options", "en", texts)
    status_quo = english.set_index("id").loc["homepage-status-quo"]
    assert status_quo["name"] == "Keep running the relaunched homepage"
    assert status_quo["description"].startswith("The homepage keeps running")
    assert (english["id"] == options["id"]).all()  # keys and order untouched
    assert store.localize(options, "options", "de", texts) is options
    # no translation for a row: its German text
    none = texts[~((texts["tbl"] == "options") & (texts["row_key"] == "homepage-gsb"))]
    kept = store.localize(options, "options", "en", none).set_index("id")
    assert (
        kept.loc["homepage-gsb", "description"]
        == (options.set_index("id").loc["homepage-gsb", "description"])
    )


def test_an_edited_german_text_shows_until_translated_again(conn: Connection) -> None:
    """A translation counts only for the German text it was made from."""
    options = store.options(conn, "homepage").copy()
    texts = store.english_texts(conn)
    edited = options["id"] == "homepage-status-quo"
    options.loc[edited, "name"] = "Homepage weiterbetreiben (neu benannt)"
    shown = store.localize(options, "options", "en", texts).set_index("id")
    assert shown.loc["homepage-status-quo", "name"] == "Homepage weiterbetreiben (neu benannt)"
    assert shown.loc["homepage-gsb", "name"] == "Government Site Builder 11 (TYPO3)"


def test_cited_rows_and_sources_name_rows_in_english(conn: Connection) -> None:
    cited = store.cited_rows(conn, "homepage", lang="en").set_index("key")
    assert cited.loc["homepage-status-quo", "label"] == "Keep running the relaunched homepage"
    assert cited.loc["homepage-status-quo/reach", "label"] == (
        "Keep running the relaunched homepage: Reach"
    )
    assert cited.loc["homepage-status-quo/reach", "estimate_reason"].startswith("Estimate:")
    german = store.cited_rows(conn, "homepage").set_index("key")
    assert german.loc["homepage-status-quo", "label"] == "Relaunchte Homepage weiterbetreiben"
    supports = " ".join(store.sources(conn, "homepage", "en")["supports"])
    assert "Keep running the relaunched homepage" in supports


def test_reset_reloads_the_english_texts(conn: Connection) -> None:
    before = len(store.english_texts(conn))
    seed.load_seed(conn, reset=True)
    assert len(store.english_texts(conn)) == before > 800


def test_a_translation_of_an_unknown_row_is_refused(tmp_path, conn: Connection) -> None:
    frames = seed.read_seed()
    (tmp_path / "en").mkdir()
    for table, (file, _) in seed.SEED_FILES.items():
        frames[table].to_csv(tmp_path / file, index=False)
    pd.DataFrame({"id": ["gibt-es-nicht"], "name": ["Nothing"]}).to_csv(
        tmp_path / "en" / "options.csv", index=False
    )
    with pytest.raises(InputError, match="gibt-es-nicht"):
        seed.read_english(seed.read_seed(tmp_path), tmp_path)


def test_every_english_field_names_a_column_of_its_table(conn: Connection) -> None:
    for table, fields in migration_english.ENGLISH.items():
        columns = set(conn.execute(f"SELECT * FROM {table} LIMIT 0").df().columns)  # noqa: S608
        assert set(fields) <= columns, table
        assert set(migration_english.KEYS[table]) <= columns, table
