"""Soft hyphens in long heading words: only at syllables, only in long words, text intact."""

from __future__ import annotations

from core.views import hyphenate

SHY = hyphenate.SOFT_HYPHEN


def test_long_words_get_soft_hyphens_at_syllables_short_ones_none() -> None:
    shown = hyphenate.soft_hyphens("Geoinformationssysteme / Geoportale", "de")
    assert shown.replace(SHY, "") == "Geoinformationssysteme / Geoportale"
    assert f"Geo{SHY}in{SHY}for" in shown
    assert hyphenate.soft_hyphens("Kosten (Pkt.)", "de") == "Kosten (Pkt.)"  # < 10 letters
    assert hyphenate.soft_hyphens("Rang 1.234.567 €", "de") == "Rang 1.234.567 €"


def test_every_piece_keeps_its_edge_letters() -> None:
    for word in ("Einmalinvestition", "Bürgerkommunikation", "Onlinezugangsgesetzes"):
        pieces = hyphenate.soft_hyphens(word, "de").split(SHY)
        assert len(pieces) > 1, word
        assert len(pieces[0]) >= hyphenate.EDGE_CHARS and len(pieces[-1]) >= hyphenate.EDGE_CHARS


def test_english_uses_the_english_dictionary() -> None:
    assert hyphenate.soft_hyphens("Procurement", "en").split(SHY) == ["Pro", "cure", "ment"]
    assert hyphenate.soft_hyphens("Procurement", "de").split(SHY) == ["Pro", "cu", "re", "ment"]
