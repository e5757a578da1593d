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
