"""Every page in English: no German string reaches the UI.

The detector knows German by two signs:

* a word with an umlaut or ß, unless it is one of the few proper names that English texts
  use too (:data:`PROPER_NAMES`);
* a word of four letters or more that the German texts use (UI catalogue, prose, the seed's
  German data texts) and no English text does (UI catalogue, prose, the seed's English texts),
  plus the commonest short German words (:data:`SHORT_GERMAN`).

What a page shows is read from AppTest's element tree: every string of every element's
message (labels, options, help, Markdown, captions, alerts, table cells) and the Arrow tables
of data frames and charts, decoded. Source titles and publishers are cited as published and
stripped first (they are the one data text that is not translated, see migration 0009).
"""

from __future__ import annotations

import io
import re
import tomllib
from collections.abc import Callable, Iterator

import pandas as pd
import pyarrow as pa
import pytest
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

from core import settings

I18N = settings.REPO_ROOT / "core" / "i18n"
SEED = settings.SEED_DIR
WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")
UMLAUT = re.compile(r"[ÄÖÜäöüß]")
MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
ADDRESS = re.compile(r"https?://[^\s)\],]+")
LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
SLUG = re.compile(r"\b[a-z0-9]+(?:-[a-z0-9]+)+\b")
VEGA_DATUM = re.compile(r"\bdatum(?=\.|\[)")
# Code, not text: a <script>/<style> block of an st.html element, and the keys of a chart's
# JSON spec ("filter", "scale", …) — only their values can reach a reader.
CODE_BLOCK = re.compile(r"<(script|style)\b.*?</\1>", re.S)
JSON_KEY = re.compile(r'"[A-Za-z_]+"\s*:')
# Proper names with an umlaut that English texts keep: the city, places and bodies.
PROPER_NAMES = {"mülheim", "düsseldorf", "südwestfalen", "bawü", "württemberg"}
# The city's full name and other names with German function words, kept in English texts.
# "Deutsch" is the language selector's own name for German; "Mülheim wächst" an article's title.
PROPER_PHRASES = ("Mülheim an der Ruhr", "Freiburg im Breisgau", "Mülheim wächst", "Deutsch")
SHORT_GERMAN = {"und", "der", "des", "für", "mit", "ist", "auf", "zum", "zur", "dem", "vom"}
GERMAN_SEED = {
    "areas.csv": ["name_de", "description_de"],
    "criteria.csv": ["label_de", "unit", "help_de"],
    "weight_profiles.csv": ["name_de", "description_de"],
    "systems.csv": ["name", "operator", "reach_unit", "notes", "estimate_reason"],
    "options.csv": ["name", "partner", "description", "estimate_reason"],
    "sources.csv": ["note"],
    "cost_lines.csv": ["item", "estimate_reason"],
    "assessments.csv": ["rationale", "estimate_reason"],
}
ENGLISH_SEED_COLUMNS = {"areas.csv": ["name_en"], "criteria.csv": ["label_en"]}
ENGLISH_SEED_COLUMNS["weight_profiles.csv"] = ["name_en"]


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}


def _catalogue(lang: str) -> list[str]:
    texts: list[str] = []
    for path in sorted(I18N.glob("*.toml")):
        for entry in tomllib.loads(path.read_text(encoding="utf-8")).values():
            texts.append(str(entry.get(lang, "")))
    texts += [p.read_text(encoding="utf-8") for p in sorted((I18N / "prose").glob(f"*.{lang}.md"))]
    return texts


def _seed_texts(english: bool) -> list[str]:
    texts: list[str] = []
    if english:
        for path in sorted((SEED / "en").glob("*.csv")):
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
            key_like = {"id", "slug", "key", "option", "criterion", "item"}
            texts += [v for c in frame.columns if c not in key_like for v in frame[c]]
        for file, columns in ENGLISH_SEED_COLUMNS.items():
            frame = pd.read_csv(SEED / file, dtype=str, keep_default_na=False)
            texts += [v for c in columns for v in frame[c]]
        return texts
    for file, columns in GERMAN_SEED.items():
        frame = pd.read_csv(SEED / file, dtype=str, keep_default_na=False)
        texts += [v for c in columns for v in frame[c]]
    return texts


ENGLISH_WORDS = set().union(*map(_words, _catalogue("en") + _seed_texts(english=True)))
GERMAN_ONLY = {
    w
    for w in set().union(*map(_words, _catalogue("de") + _seed_texts(english=False)))
    if len(w) >= 4 and w not in ENGLISH_WORDS
} | SHORT_GERMAN
CITED_AS_PUBLISHED = sorted(
    {
        v
        for c in ("title", "publisher")
        for v in pd.read_csv(SEED / "sources.csv", dtype=str, keep_default_na=False)[c]
        if v
    },
    key=len,
    reverse=True,
)


def german_words(text: str) -> list[str]:
    """The words of ``text`` that are German by the rules above."""
    text = MARKDOWN_ESCAPE.sub(r"\1", text)  # static tables escape data text for Markdown
    for cited in (*CITED_AS_PUBLISHED, *PROPER_PHRASES):
        text = text.replace(cited, " ")
    text = VEGA_DATUM.sub(" ", text)  # chart specs: Vega's "datum.x" is code, not German
    text = CODE_BLOCK.sub(" ", text)
    text = JSON_KEY.sub(" ", text)
    text = ADDRESS.sub(" ", text)  # a source's web address is its address, in any language
    text = LINK_TARGET.sub("]", text)  # "[⚠ Estimate](methodik?quelle=…)": a page's address
    text = SLUG.sub(" ", text)  # keys of sources and options ("recherche-keine-app") are ids
    found = []
    for word in WORD.findall(text):
        lower = word.lower()
        if UMLAUT.search(word) and lower not in PROPER_NAMES:
            found.append(word)
        elif lower in GERMAN_ONLY:
            found.append(word)
    return found


def _arrow_text(blob: bytes) -> str | None:
    try:
        table = pa.ipc.open_stream(io.BytesIO(blob)).read_all()
    except (pa.ArrowInvalid, OSError):
        return None
    return table.to_pandas().to_csv(index=False)


# Fields that hold ids, keys and the like, not text a reader sees.
NOT_SHOWN = {"id", "form_id", "key", "element_id", "fragment_id", "query_params"}


def _strings(message: Message) -> Iterator[str]:
    for field, value in message.ListFields():
        if field.name in NOT_SHOWN:
            continue
        repeated = not isinstance(value, (str, bytes, Message, int, float, bool))
        values = value if repeated else [value]
        for item in values:
            if isinstance(item, Message):
                yield from _strings(item)
            elif isinstance(item, str):
                yield item
            elif isinstance(item, bytes):
                decoded = _arrow_text(item)
                if decoded:
                    yield decoded


def _elements(node) -> Iterator:
    proto = getattr(node, "proto", None)
    if isinstance(proto, Message):
        yield node
    for child in getattr(node, "children", {}).values():
        yield from _elements(child)


def shown(at: AppTest) -> list[str]:
    """Every string the page's elements carry."""
    return [text for element in _elements(at._tree) for text in _strings(element.proto)]


def leaks(at: AppTest) -> dict[str, list[str]]:
    """German words per shown text (the text shortened)."""
    found = {}
    for text in shown(at):
        words = german_words(text)
        if words:
            found[text[:160]] = sorted(set(words))
    return found


def test_the_detector_finds_german_and_passes_english() -> None:
    """The detector itself can fail: German sentences of the UI and the data are found."""
    assert german_words("Die beste Option unterscheidet sich in 2 von 6 Bereichen")
    assert german_words("Schätzung: Experteneinschätzung; keine Nutzerbefragung vorhanden.")
    assert german_words("Betrieb und Pflege der GDI")  # no umlaut, still German
    assert not german_words("The best option differs in 2 of 6 areas: Mülheim, Düsseldorf.")
    assert not german_words("Keep running the relaunched homepage (Government Site Builder)")


def test_english_texts_use_only_the_listed_proper_names_with_umlauts() -> None:
    """The allow-list stays small: every umlaut word of the English catalogue and the English
    seed texts is one of PROPER_NAMES."""
    english = " ".join(_catalogue("en") + _seed_texts(english=True))
    for cited in (*CITED_AS_PUBLISHED, *PROPER_PHRASES):  # titles as published
        english = english.replace(cited, " ")
    umlaut_words = {w for w in _words(english) if UMLAUT.search(w) and w not in PROPER_NAMES}
    assert not umlaut_words


PAGES = [
    "pages/overview.py",
    "pages/sensitivity.py",
    "pages/method.py",
    "pages/data.py",
    "pages/scenarios.py",
    "pages/committee.py",
    "pages/reuse.py",
    "pages/present.py",
]


@pytest.fixture
def english_app(make_app: Callable[..., AppTest]) -> Callable[..., AppTest]:
    def make(page: str | None, **query: str) -> AppTest:
        return make_app(page, lang="en", **query)

    return make


@pytest.mark.parametrize("page", PAGES)
def test_page_shows_no_german_in_english(english_app: Callable[..., AppTest], page: str) -> None:
    at = english_app(page)
    assert at.session_state["lang"] == "en"
    assert not leaks(at)


def test_every_area_and_option_shows_no_german_in_english(
    english_app: Callable[..., AppTest], models
) -> None:
    """The Bereich page of every area, with the details of every option (its rationales,
    cost lines and estimate reasons)."""
    found = {}
    for area, model in models.items():
        at = english_app("pages/area.py", area=area)
        for option in model.options["id"]:
            at.selectbox(key=f"detail_{area}").set_value(option).run()
            assert not at.exception, at.exception
            for text, words in leaks(at).items():
                found[f"{area}/{option}: {text}"] = words
    assert not found


def test_every_slide_shows_no_german_in_english(
    english_app: Callable[..., AppTest], models
) -> None:
    """The link alone leads to the slides (app.py switches to the presentation page); a
    second switch by the test would make AppTest run the entrypoint under another script
    hash, which gives the sidebar's widgets new identities – a real server keeps them
    (tests/ui/test_weights_fragment.py) – and so would show them at their defaults."""
    found = {}
    for slide in ["summary", *models, "portfolio"]:
        at = english_app(None, present="1", slide=slide)
        assert at.session_state["lang"] == "en" and at.title  # on the slides, in English
        for text, words in leaks(at).items():
            found[f"{slide}: {text}"] = words
    assert not found


def test_the_detector_sees_the_german_ui(make_app: Callable[..., AppTest]) -> None:
    """Run on the German Bereich page, the same walk finds German in labels, tables and the
    option details – so a German string left in the English UI would be caught."""
    found = leaks(make_app("pages/area.py", area="ozg"))
    words = {w.lower() for ws in found.values() for w in ws}
    assert {"bewertung", "schätzung", "begründung"} & words
    assert len(found) > 10


def test_the_detector_skips_code_but_not_text_in_it() -> None:
    """A script that sets the page language and a chart spec's keys are code; a German value
    inside a spec is still found."""
    assert not german_words('<script>document.documentElement.lang = "en";</script>')
    assert not german_words('{"transform": [{"filter": "datum.x > 0"}]}')
    assert german_words('{"title": "Kosten und Nutzen"}')
