"""Colour contrast after WCAG 2.1: relative luminance, contrast ratio, alpha blending.

Used by the tests to prove that the theme and the chart colours meet WCAG 2.1 AA
(text ≥ 4.5:1, large text and graphical objects ≥ 3:1) before a browser ever sees them.
Formulas: https://www.w3.org/TR/WCAG21/#dfn-relative-luminance and #dfn-contrast-ratio.
"""

from __future__ import annotations

import re

TEXT_AA = 4.5
LARGE_TEXT_AA = 3.0
NON_TEXT_AA = 3.0

_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def parse_hex(colour: str) -> tuple[int, int, int]:
    """'#0b5394' or '0b5394' or '#fff' → (11, 83, 148); anything else raises ValueError."""
    match = _HEX.match(colour.strip())
    if not match:
        raise ValueError(f"not a hex colour: {colour!r}")
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance in [0, 1] (0 = black, 1 = white)."""
    r, g, b = (_linear(c) for c in parse_hex(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """(L_lighter + 0.05) / (L_darker + 0.05), from 1 (same colour) to 21 (black on white)."""
    first, second = relative_luminance(foreground), relative_luminance(background)
    lighter, darker = max(first, second), min(first, second)
    return (lighter + 0.05) / (darker + 0.05)


def blend(foreground: str, background: str, alpha: float) -> str:
    """The opaque colour of ``foreground`` drawn with opacity ``alpha`` over ``background``.

    Streamlit draws captions as the text colour at 60 % opacity; this is what the eye sees.
    """
    if not 0 <= alpha <= 1:
        raise ValueError(f"alpha must be in [0, 1], got {alpha}")
    fg, bg = parse_hex(foreground), parse_hex(background)
    mixed = (round(alpha * f + (1 - alpha) * b) for f, b in zip(fg, bg))
    return "#" + "".join(f"{c:02x}" for c in mixed)
