"""The text catalogue is complete in both languages and its placeholders match."""

from __future__ import annotations

import re

from core import i18n


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
