"""WCAG 2.1 AA contrast of the theme and the chart colours, computed from the sources.

Text ≥ 4.5:1 (SC 1.4.3), graphical objects ≥ 3:1 (SC 1.4.11). The theme is read from
.streamlit/config.toml, so a colour change there is checked before any browser sees it.
"""

from __future__ import annotations

import tomllib

import pytest

from core import settings
from core.views import charts, contrast

THEME = tomllib.loads((settings.REPO_ROOT / ".streamlit" / "config.toml").read_text("utf-8"))[
    "theme"
]
WHITE = "#ffffff"
CAPTION_OPACITY = 0.6  # Streamlit draws captions and help text as textColor at 60 %


def test_formula_matches_published_values() -> None:
    """WCAG 2.1 definitions; #767676 on white is the well-known 4.54:1 boundary grey."""
    assert contrast.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast.contrast_ratio("#123456", "#123456") == pytest.approx(1.0)
    assert contrast.contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast.contrast_ratio("#ffffff", "#767676") == contrast.contrast_ratio(
        "#767676", "#ffffff"
    )
    assert contrast.relative_luminance("#fff") == pytest.approx(1.0)
    assert contrast.relative_luminance("#000000") == 0.0


def test_blend_and_parse() -> None:
    assert contrast.blend("#000000", "#ffffff", 0.6) == "#666666"
    assert contrast.blend("#123456", "#abcdef", 1.0) == "#123456"
    assert contrast.parse_hex("0b5394") == (11, 83, 148)
    with pytest.raises(ValueError):
        contrast.parse_hex("red")
    with pytest.raises(ValueError):
        contrast.blend("#000000", "#ffffff", 1.5)


def test_theme_is_light() -> None:
    assert THEME["base"] == "light"
    assert contrast.relative_luminance(THEME["backgroundColor"]) > 0.9


@pytest.mark.parametrize("background", ["backgroundColor", "secondaryBackgroundColor"])
def test_theme_text_and_captions_meet_aa(background: str) -> None:
    text, bg = THEME["textColor"], THEME[background]
    assert contrast.contrast_ratio(text, bg) >= contrast.TEXT_AA
    caption = contrast.blend(text, bg, CAPTION_OPACITY)
    assert contrast.contrast_ratio(caption, bg) >= contrast.TEXT_AA, (background, caption)


def test_primary_colour_meets_aa_both_ways() -> None:
    """Primary is link/slider-value text on white and the background of primary buttons."""
    assert contrast.contrast_ratio(THEME["primaryColor"], WHITE) >= contrast.TEXT_AA
    assert contrast.contrast_ratio(WHITE, THEME["primaryColor"]) >= contrast.TEXT_AA


def test_chart_text_is_the_theme_text_colour() -> None:
    assert charts.TEXT_COLOR.lower() == THEME["textColor"].lower()
    assert contrast.contrast_ratio(charts.TEXT_COLOR, THEME["backgroundColor"]) >= 7.0


@pytest.mark.parametrize("pathway", sorted(charts.PATHWAY_COLORS))
def test_pathway_marks_stand_out_from_white(pathway: str) -> None:
    colour = charts.PATHWAY_COLORS[pathway]
    assert contrast.contrast_ratio(colour, WHITE) >= contrast.NON_TEXT_AA, (pathway, colour)


@pytest.mark.parametrize("group", sorted(charts.GROUP_COLORS))
def test_segment_labels_and_outlines_are_readable_on_every_group_colour(group: str) -> None:
    fill = charts.GROUP_COLORS[group]
    assert contrast.contrast_ratio(charts.TEXT_COLOR, fill) >= contrast.TEXT_AA, (group, fill)


def test_palettes_do_not_reuse_a_colour() -> None:
    colours = [c.lower() for c in [*charts.PATHWAY_COLORS.values(), *charts.GROUP_COLORS.values()]]
    assert len(set(colours)) == len(colours)


def test_group_colours_differ_in_lightness() -> None:
    """Dark → light in stacking order, so the segments part even in greyscale print."""
    lum = [
        contrast.relative_luminance(charts.GROUP_COLORS[g])
        for g in ("cost", "citizen_value", "feasibility")
    ]
    assert lum == sorted(lum)
    assert all(b / a >= 1.5 for a, b in zip(lum, lum[1:]))
