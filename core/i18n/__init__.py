"""The text catalogue: every user-facing string, in German and English.

The texts are data, not Python. ``core/i18n/<topic>.toml`` (app, analysis, editing, excel)
hold one table per key with the German (``de``) and English (``en``) text side by side;
the prose of the Methodik page (mandate, method, data, accessibility statement) lives in
``core/i18n/prose/<name>.<lang>.md``. Both are read once, at import.

``t(key, lang, **params)`` and ``prose(name, lang, **params)`` format with ``str.format``,
so a literal brace is written ``{{`` or ``}}``. A missing English text falls back to German;
a missing key raises ``KeyError`` so tests catch typos. ``localized_column`` and
``localized_value`` pick the ``<field>_de``/``<field>_en`` column of data by language.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

LANGUAGES = ("de", "en")

CATALOGUE_DIR = Path(__file__).parent
PROSE_DIR = CATALOGUE_DIR / "prose"


def _load_texts(folder: Path) -> dict[str, dict[str, str]]:
    """Every ``*.toml`` topic file in ``folder`` merged into one catalogue; a key that two
    files define is refused."""
    texts: dict[str, dict[str, str]] = {}
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as file:
            topic = tomllib.load(file)
        if twice := texts.keys() & topic.keys():
            raise KeyError(f"defined twice ({path.name}): {sorted(twice)}")
        for key, entry in topic.items():
            if not isinstance(entry, dict) or not all(
                lang in LANGUAGES and isinstance(text, str) for lang, text in entry.items()
            ):
                raise ValueError(f"{path.name}: [{key}] may hold only the strings {LANGUAGES}")
        texts.update(topic)
    return texts


def _load_prose(folder: Path) -> dict[str, dict[str, str]]:
    """``<name>.<lang>.md`` files as ``{name: {lang: text}}``; a file's final newline is not
    part of the text."""
    prose: dict[str, dict[str, str]] = {}
    for path in sorted(folder.glob("*.md")):
        name, _, lang = path.stem.rpartition(".")
        if lang not in LANGUAGES:
            raise ValueError(f"{path.name}: expected <name>.<{'|'.join(LANGUAGES)}>.md")
        text = path.read_text(encoding="utf-8").removesuffix("\n")
        prose.setdefault(name, {})[lang] = text
    return prose


TEXT: dict[str, dict[str, str]] = _load_texts(CATALOGUE_DIR)
PROSE: dict[str, dict[str, str]] = _load_prose(PROSE_DIR)


def t(key: str, lang: str = "de", /, **params: Any) -> str:
    """Translate ``key`` into ``lang`` and fill in ``params``; with ``count=1`` the singular
    twin ``<key>_one`` is used where the catalogue has one ("1 Eintrag", not "1 Einträge")."""
    if params.get("count") == 1 and f"{key}_one" in TEXT:
        key = f"{key}_one"
    entry = TEXT[key]
    template = entry.get(lang) or entry["de"]
    return template.format(**params) if params else template


def prose(name: str, lang: str = "de", /, **params: Any) -> str:
    """The Markdown prose ``name`` in ``lang``, with ``params`` filled in like :func:`t`."""
    texts = PROSE[name]
    template = texts.get(lang) or texts["de"]
    return template.format(**params) if params else template


def localized_column(field: str, lang: str) -> str:
    """The data column that holds ``field`` in ``lang`` (``label`` → ``label_en``); the
    German column for a language the cockpit does not know."""
    return f"{field}_{lang}" if lang in LANGUAGES else f"{field}_de"


def localized_value(row: Mapping[str, Any] | pd.Series, field: str, lang: str) -> Any:
    """``row``'s ``field`` in ``lang``, or the German value where that is not a non-blank
    string (a weight profile's English name is optional)."""
    value = row[localized_column(field, lang)]
    return value if isinstance(value, str) and value.strip() else row[f"{field}_de"]
