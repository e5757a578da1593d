"""Validators for edited cells and rows; each returns the clean value or raises a keyed error.

Every editable column of the data tables has a :class:`Field`; :func:`clean` turns what a
user typed (a number, a text with a German decimal comma, a checkbox, a date) into the
stored value or raises :class:`~core.errors.InputError` with a catalogue key, so the UI
shows a German message per cell. Row rules (the honesty rule, an assessment inside its
criterion's range, min < max) are separate functions.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from core.editing import rules
from core.errors import InputError
from core.store import sourcerefs

MAX_TEXT = 2000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_KEY = re.compile(r"[a-z][a-z0-9_]*")
_GERMAN_NUMBER = re.compile(r"[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(\.\d{3})+")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
TRUE_WORDS = ("true", "1", "ja", "yes", "wahr", "x")
FALSE_WORDS = ("false", "0", "nein", "no", "falsch", "")

KINDS = (
    "text",
    "required_text",
    "number",
    "integer",
    "boolean",
    "choice",
    "date",
    "slug",
    "key",
    "address",
    "partial_date",
)


@dataclass(frozen=True)
class Field:
    """How one editable column is validated."""

    name: str
    kind: str
    minimum: float | None = None
    maximum: float | None = None
    nullable: bool = False
    choices: tuple[str, ...] = ()
    max_length: int = MAX_TEXT

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown field kind {self.kind!r}")

    @classmethod
    def ranged(cls, table: str, name: str, kind: str, *, nullable: bool = False) -> Field:
        """A number, integer or date field whose limits come from :mod:`core.editing.rules`."""
        low, high = rules.bounds(table, name)
        return cls(name, kind, minimum=low, maximum=high, nullable=nullable)


def is_missing(value: Any) -> bool:
    """None, NaN, NaT, pandas NA or an all-blank text."""
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    if isinstance(value, float | np.floating) and math.isnan(float(value)):
        return True
    return isinstance(value, str) and value.strip() == ""


def parse_number(raw: Any) -> float:
    """A finite float from a number or a text (``1.234,5``, ``1234.5``, ``−2``), else an error."""
    if isinstance(raw, bool | np.bool_):
        raise InputError("edit_not_number", value=str(raw))
    if isinstance(raw, int | float | np.integer | np.floating):
        value = float(raw)
    elif isinstance(raw, str):
        text = raw.strip().replace("\u00a0", "").replace(" ", "").replace("€", "")
        text = text.replace("\u2212", "-")  # the true minus sign the cockpit shows
        if "," in text:  # German: "." groups thousands, "," separates decimals
            if not _GERMAN_NUMBER.fullmatch(text):
                raise InputError("edit_not_number", value=raw)
            text = text.replace(".", "").replace(",", ".")
        elif _THOUSANDS.fullmatch(text):  # "1.234" and "1.234.567" are German thousands
            text = text.replace(".", "")
        elif not _PLAIN_NUMBER.fullmatch(text):
            raise InputError("edit_not_number", value=raw)
        value = float(text)
    else:
        raise InputError("edit_not_number", value=str(raw))
    if not math.isfinite(value):
        raise InputError("edit_not_finite")
    return value


def _number(field: Field, raw: Any) -> float | None:
    if is_missing(raw):
        if field.nullable:
            return None
        raise InputError("edit_required")
    value = parse_number(raw)
    if field.minimum is not None and value < field.minimum:
        raise InputError("edit_below_min", value=_show(value), minimum=_show(field.minimum))
    if field.maximum is not None and value > field.maximum:
        raise InputError("edit_above_max", value=_show(value), maximum=_show(field.maximum))
    return value


def _integer(field: Field, raw: Any) -> int | None:
    value = _number(field, raw)
    if value is None:
        return None
    if not float(value).is_integer():
        raise InputError("edit_not_integer", value=_show(value))
    return int(value)


def _text(field: Field, raw: Any, required: bool) -> str:
    if is_missing(raw):
        if required:
            raise InputError("edit_required")
        return ""
    if not isinstance(raw, str):
        if isinstance(raw, float | int | np.number) and not isinstance(raw, bool):
            raw = str(raw)
        else:
            raise InputError("edit_not_text")
    text = raw.strip()
    if _CONTROL.search(text):
        raise InputError("edit_control_chars")
    if len(text) > field.max_length:
        raise InputError("edit_too_long", length=len(text), maximum=field.max_length)
    return text


def _address(field: Field, raw: Any) -> str:
    """A source's address as the audit writes it (``moers.de/…``); a leading https:// is
    dropped, anything else that is not a plain web address is refused."""
    text = _text(field, raw, required=False)
    text = re.sub(r"^https://", "", text, flags=re.IGNORECASE)
    if text and not sourcerefs.is_address(text):
        raise InputError("edit_not_address", value=text)
    return text


def _partial_date(field: Field, raw: Any) -> str:
    """A year, a month or a day: ``2012``, ``2020-01``, ``2013-02-19`` (also ``01/2020``,
    ``19.02.2013``)."""
    if isinstance(raw, dt.date):
        return raw.isoformat()
    text = _text(field, raw, required=False)
    german = re.fullmatch(r"(?:(\d{1,2})\.)?(\d{1,2})[./](\d{4})", text)
    if german:
        day, month, year = german.groups()
        text = f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
    if text and not sourcerefs.is_partial_date(text):
        raise InputError("edit_not_partial_date", value=text)
    return text


def _boolean(raw: Any) -> bool:
    if raw is None or raw is pd.NA:
        return False
    if isinstance(raw, bool | np.bool_):
        return bool(raw)
    if isinstance(raw, float | np.floating) and math.isnan(float(raw)):
        return False
    if isinstance(raw, int | np.integer) and int(raw) in (0, 1):
        return bool(raw)
    if isinstance(raw, str):
        word = raw.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    raise InputError("edit_not_boolean", value=str(raw))


def _date(field: Field, raw: Any) -> dt.date:
    if is_missing(raw):
        raise InputError("edit_required")
    if isinstance(raw, pd.Timestamp | dt.datetime):
        value = pd.Timestamp(raw).date()
    elif isinstance(raw, dt.date):
        value = raw
    elif isinstance(raw, str):
        text = raw.strip()
        value = None
        for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
            try:
                value = dt.datetime.strptime(text, pattern).date()
                break
            except ValueError:
                continue
        if value is None:
            raise InputError("edit_not_date", value=raw)
    else:
        raise InputError("edit_not_date", value=str(raw))
    low = dt.date(int(field.minimum or 1990), 1, 1)
    high = dt.date(int(field.maximum or 2100), 12, 31)
    if not low <= value <= high:
        raise InputError("edit_date_range", value=value.isoformat(), low=low.year, high=high.year)
    return value


def clean(field: Field, raw: Any) -> Any:
    """The stored value for ``raw`` in ``field``, or :class:`InputError` with an ``edit_*`` key."""
    if field.kind == "number":
        return _number(field, raw)
    if field.kind == "integer":
        return _integer(field, raw)
    if field.kind == "boolean":
        return _boolean(raw)
    if field.kind == "date":
        return _date(field, raw)
    if field.kind in ("text", "required_text"):
        return _text(field, raw, required=field.kind == "required_text")
    if field.kind == "address":
        return _address(field, raw)
    if field.kind == "partial_date":
        return _partial_date(field, raw)
    text = _text(field, raw, required=True)
    if field.kind == "choice":
        if text not in field.choices:
            raise InputError("edit_not_choice", value=text, allowed=", ".join(field.choices))
        return text
    if field.kind == "slug" and not _SLUG.fullmatch(text):
        raise InputError("edit_not_slug", value=text)
    if field.kind == "key" and not _KEY.fullmatch(text):
        raise InputError("edit_not_key", value=text)
    return text


_show = rules.show


# --- row rules ----------------------------------------------------------------------------------


def check_honesty(row: Mapping[str, Any]) -> None:
    """A row with a figure names its source or is a reasoned estimate (the schema's rule)."""
    source = str(row.get("source") or "").strip()
    reason = str(row.get("estimate_reason") or "").strip()
    if source or (bool(row.get("is_estimate")) and reason):
        return
    raise InputError("edit_honesty")


def check_in_range(value: float, low: float, high: float) -> None:
    """An assessment value lies in its criterion's range."""
    if not low <= value <= high:
        raise InputError("edit_out_of_range", value=_show(value), low=_show(low), high=_show(high))


def check_min_below_max(low: float, high: float) -> None:
    """A criterion's range is not empty."""
    if not low < high:
        raise InputError("edit_min_not_below_max", low=_show(low), high=_show(high))


_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"}
)


def slugify(text: str, max_length: int = 60) -> str:
    """A URL slug from a German name: ``Fraktion Bündnis 90`` → ``fraktion-buendnis-90``."""
    lowered = str(text).translate(_UMLAUTS).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", lowered).strip("-")
    return slug[:max_length].strip("-")


def keyify(text: str, max_length: int = 40) -> str:
    """A criterion key from a label: ``Datenschutz-Risiko`` → ``datenschutz_risiko``."""
    slug = slugify(text, max_length).replace("-", "_")
    return slug if slug[:1].isalpha() else f"k_{slug}".rstrip("_")
