"""The one number format of the cockpit: tables, cards, sentences, slider captions, chart axes,
grids, Excel and the print summary take their numbers from here.

German: ``1.234.567 €``, ``45,6``, ``38 %``; English: ``€1,234,567``, ``45.6``, ``38%``. A
negative number carries the true minus sign (U+2212), never a hyphen. Cost changes against
the status quo follow one convention: − is a saving, + extra cost (:func:`cost_change`).
Chart axes in euros count in thousands or millions (:func:`eur_axis`).
"""

from __future__ import annotations

import math

_GERMAN = str.maketrans({",": ".", ".": ","})  # 1,234.5 -> 1.234,5 in one pass
MINUS = "\u2212"
# Axis units for euro amounts: (threshold, divisor, German unit, English unit).
_EUR_SCALES = ((1e6, 1e6, "Mio. €", "€ m"), (1e4, 1e3, "Tsd. €", "€ k"), (0, 1, "€", "€"))


def _group(text: str, lang: str) -> str:
    return text.translate(_GERMAN) if lang == "de" else text


def number(value: float | None, decimals: int = 0, lang: str = "de") -> str:
    """1234567.8 -> '1.234.568' (de) or '1,234,568' (en); None/NaN -> '–'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = _group(f"{abs(value):,.{decimals}f}", lang)
    negative = value < 0 and text.strip("0.,") != ""  # −0,0 reads 0,0
    return MINUS + text if negative else text


def eur(value: float | None, decimals: int = 0, lang: str = "de", signed: bool = False) -> str:
    """Euro amount: '1.234.567 €' (de) or '€1,234,567' (en); ``signed`` adds '+'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = number(abs(value), decimals, lang)
    shown = text.strip("0.,") != ""  # an amount that rounds to 0 gets no sign
    sign = MINUS if value < 0 and shown else ("+" if signed and value > 0 and shown else "")
    return f"{sign}{text} €" if lang == "de" else f"{sign}€{text}"


def cost_change(value: float | None, decimals: int = 0, lang: str = "de") -> str:
    """A cost change against the status quo, always signed: '−15.000 €' is a saving,
    '+2.000 €' extra cost, '0 €' none (the convention the UI explains once)."""
    return eur(value, decimals, lang, signed=True)


def eur_axis(largest: float, lang: str = "de") -> tuple[float, str]:
    """Divisor and unit for a chart axis of euro amounts up to ``largest`` (absolute):
    (1e6, 'Mio. €') from a million, (1e3, 'Tsd. €') from ten thousand, else (1, '€')."""
    size = abs(largest) if largest == largest else 0.0  # NaN counts as 0
    for threshold, divisor, de, en in _EUR_SCALES:
        if size >= threshold:
            return divisor, de if lang == "de" else en
    return 1, "€"


def percent(share: float, decimals: int = 0, lang: str = "de") -> str:
    """0.384 -> '38 %' (de) or '38%' (en)."""
    text = number(share * 100, decimals, lang)
    return f"{text} %" if lang == "de" else f"{text}%"


def points(score: float, decimals: int = 1, lang: str = "de") -> str:
    """A score in [0, 1] (or [−1, 1]) shown as points out of 100."""
    return number(score * 100, decimals, lang)


def lead_points(lead: float, lang: str = "de") -> str:
    """A lead in points; a lead that would print as 0.0 reads '< 0,1' instead."""
    if 0 < lead * 100 < 0.05:
        return "< " + number(0.1, 1, lang)
    return points(lead, 1, lang)


def date_text(iso: str, lang: str = "de") -> str:
    """'2026-11-24' -> '24.11.2026' (de) or '24 Nov 2026' (en); other text is returned as is."""
    import datetime as dt

    try:
        day = dt.date.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    return day.strftime("%d.%m.%Y") if lang == "de" else day.strftime("%d %b %Y")


# Excel number formats, in the file's invariant notation ("," groups thousands, "." separates
# decimals; Excel and LibreOffice show them in the reader's locale, so a German PC reads
# "1.234 €" and "0,9 %"). The cells stay numbers; what the format adds matches the rest of
# the cockpit: the true minus sign (a literal U+2212 in the negative section instead of
# Excel's hyphen), the euro sign where the UI puts it (after the number in German, before it
# in English) and the one sign convention for cost changes against the status quo
# (+ extra cost, − saving, 0 none; :func:`cost_change`). Dates are day.month.year.
_XL_MINUS = f'"{MINUS}"'
_XL_EUR = {"de": "#,##0 [$€-407]", "en": "[$€-1809]#,##0"}  # 1809: English (Ireland), euro


def _xl_signed(body: str, plus: bool = False) -> str:
    """``body`` with the true minus for negatives (and '+' for positives with ``plus``)."""
    if plus:
        return f'"+"{body};{_XL_MINUS}{body};{body}'
    return f"{body};{_XL_MINUS}{body}"


def excel_formats(lang: str = "de") -> dict[str, str]:
    """The Excel number format of every cell kind of the export and the template."""
    eur_body = _XL_EUR["en" if lang == "en" else "de"]
    return {
        "eur": _xl_signed(eur_body),
        "eur_change": _xl_signed(eur_body, plus=True),
        "num": _xl_signed("General"),
        "fte": _xl_signed("#,##0.00"),
        "year": "0",
        "points": _xl_signed("0.0"),
        "score": _xl_signed("0.000000"),
        "share": _xl_signed("0.0 %" if lang == "de" else "0.0%"),  # as percent() writes it
        "weight": _xl_signed("#,##0.##"),
        "date": "DD.MM.YYYY",
        "datetime": "DD.MM.YYYY hh:mm",
        "timestamp": "DD.MM.YYYY hh:mm:ss",
        "rank": "0",
        "factor": _xl_signed("0.000000"),
    }
