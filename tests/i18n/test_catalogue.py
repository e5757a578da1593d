"""The text catalogue is complete in both languages and its placeholders match."""

from __future__ import annotations

import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from core import i18n, settings


def test_every_entry_has_both_languages_with_the_same_placeholders() -> None:
    for key, entry in i18n.TEXT.items():
        assert entry.get("de"), key
        assert entry.get("en"), key
        de = set(re.findall(r"{(\w+)}", entry["de"]))
        en = set(re.findall(r"{(\w+)}", entry["en"]))
        assert de == en, key


def test_method_labels_fit_the_sidebar_selectbox() -> None:
    """The sidebar shows about 20 characters; the English labels must not be cut off."""
    for method in ("wsm", "topsis", "promethee2"):
        de, en = i18n.t(f"method_{method}", "de"), i18n.t(f"method_{method}", "en")
        assert len(de) <= 20 and len(en) <= 20, (method, de, en)
    assert i18n.t("method_wsm", "de") == "Nutzwertanalyse"
    assert i18n.t("method_wsm", "en") == "Weighted sum (WSM)"


def _placeholders(template: str) -> set[str]:
    """The fields ``str.format`` fills in (``{{`` and ``}}`` are literal braces)."""
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


def test_every_text_and_prose_formats_with_the_same_fields_in_both_languages() -> None:
    for source in (i18n.TEXT, i18n.PROSE):
        for key, entry in source.items():
            assert _placeholders(entry["de"]) == _placeholders(entry["en"]), key


def test_every_prose_text_has_a_file_in_both_languages() -> None:
    assert i18n.PROSE, "no prose found in core/i18n/prose"
    for name, texts in i18n.PROSE.items():
        assert set(texts) == set(i18n.LANGUAGES), name
        for lang in i18n.LANGUAGES:
            assert (i18n.PROSE_DIR / f"{name}.{lang}.md").is_file(), (name, lang)
            assert texts[lang].strip(), (name, lang)


def test_prose_is_read_without_the_files_final_newline_and_formatted() -> None:
    text = i18n.prose("a11y_statement", "en", contact="it@example.org")
    assert text.startswith("The city of Mülheim an der Ruhr") and not text.endswith("\n")
    assert "it@example.org" in text
    assert i18n.prose("method_motion", "fr") == i18n.prose("method_motion", "de")


def test_the_catalogue_is_found_next_to_the_module_from_any_working_directory(
    tmp_path: Path,
) -> None:
    code = "from core import i18n; print(len(i18n.TEXT), len(i18n.PROSE))"
    env = {**os.environ, "PYTHONPATH": str(settings.REPO_ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(len(i18n.TEXT)), str(len(i18n.PROSE))]


def test_a_key_defined_in_two_topic_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('[reset]\nde = "Zurücksetzen"\nen = "Reset"\n', "utf-8")
    (tmp_path / "b.toml").write_text('[reset]\nde = "Neu"\nen = "New"\n', "utf-8")
    with pytest.raises(KeyError, match="reset"):
        i18n._load_texts(tmp_path)


@pytest.mark.parametrize(
    "entry", ['de = "Ja"\nfr = "Oui"\n', "de = 1\n", 'text = "Ja"\n', '[x.de]\nen = "Yes"\n']
)
def test_an_entry_other_than_language_strings_is_refused(tmp_path: Path, entry: str) -> None:
    (tmp_path / "a.toml").write_text(f"[x]\n{entry}", "utf-8")
    with pytest.raises(ValueError, match=r"\[x\]"):
        i18n._load_texts(tmp_path)


def test_count_of_one_takes_the_singular() -> None:
    from core import i18n

    assert i18n.t("audit_count", "de", count=1) == "1 Eintrag"
    assert i18n.t("audit_count", "de", count=2) == "2 Einträge"
    assert i18n.t("audit_count", "en", count=1) == "1 entry"
    assert i18n.t("edit_saved", "de", count=1, version=3).startswith("Gespeichert: 1 Wert geändert")
    for key in i18n.TEXT:  # every singular twin has the plural it stands in for
        if key.endswith("_one"):
            assert key.removesuffix("_one") in i18n.TEXT, key
