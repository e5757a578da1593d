"""Every cell and row validator: accepts what it should, refuses the rest with a keyed error."""

from __future__ import annotations

import datetime as dt
import math
import re

import pytest
from hypothesis import given, strategies as st

from core import i18n
from core.editing import rules, validation
from core.editing.validation import Field, clean
from core.errors import InputError
from core.views import fmt

MONEY = Field.ranged("cost_lines", "investment_eur", "number")
MONEY_MAX = rules.RANGES["money"].high
OPTIONAL_MONEY = Field.ranged("systems", "annual_cost_eur", "number", nullable=True)
YEAR = Field("year", "integer", minimum=1950, maximum=2100, nullable=True)
NAME = Field("name", "required_text", max_length=50)
NOTE = Field("note", "text", max_length=50)
FLAG = Field("flag", "boolean")
CHOICE = Field("pathway", "choice", choices=("standard", "joint_kdn"))
DAY = Field("day", "date", minimum=1990, maximum=2100)
SLUG = Field("id", "slug")
KEY = Field("key", "key")


def error_key(field: Field, raw: object) -> str:
    with pytest.raises(InputError) as info:
        clean(field, raw)
    assert i18n.t(info.value.key, "de", **info.value.params)  # a German message exists
    return info.value.key


@given(st.floats(min_value=0, max_value=MONEY_MAX, allow_nan=False))
def test_number_in_range_is_kept(value: float) -> None:
    assert clean(MONEY, value) == value


@given(st.floats(max_value=-1e-9, allow_nan=False, allow_infinity=False))
def test_number_below_minimum_is_refused(value: float) -> None:
    assert error_key(MONEY, value) == "edit_below_min"


@given(st.floats(min_value=MONEY_MAX * 1.01, allow_nan=False, allow_infinity=False))
def test_number_above_maximum_is_refused(value: float) -> None:
    assert error_key(MONEY, value) == "edit_above_max"


@given(st.sampled_from([math.inf, -math.inf, "inf", "1e400"]))
def test_infinite_numbers_are_refused(value: object) -> None:
    assert error_key(MONEY, value) in ("edit_not_finite", "edit_not_number")


@given(st.integers(min_value=0, max_value=10**9 - 1), st.integers(min_value=0, max_value=99))
def test_german_number_text_is_parsed(whole: int, cents: int) -> None:
    grouped = f"{whole:,}".replace(",", ".")
    assert clean(MONEY, f"{grouped},{cents:02d}") == pytest.approx(whole + cents / 100)
    assert clean(MONEY, f"{whole}.{cents:02d}") == pytest.approx(whole + cents / 100)


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
def test_numbers_as_the_cockpit_shows_them_are_read_back(value: float) -> None:
    """What fmt.number prints (German grouping, true minus sign) parses to the rounded value."""
    shown = fmt.number(value, 2)
    assert validation.parse_number(shown) == pytest.approx(round(value, 2), abs=0.006)


@given(st.text().filter(lambda s: s.strip() and not any(c.isdigit() for c in s)))
def test_words_are_not_numbers(text: str) -> None:
    assert error_key(MONEY, text) == "edit_not_number"


@given(st.sampled_from([None, float("nan"), "", "   "]))
def test_missing_number(value: object) -> None:
    assert clean(OPTIONAL_MONEY, value) is None
    assert error_key(MONEY, value) == "edit_required"


@given(st.booleans())
def test_booleans_are_not_numbers(value: bool) -> None:
    assert error_key(MONEY, value) == "edit_not_number"


@given(st.integers(min_value=1950, max_value=2100))
def test_year_in_range(year: int) -> None:
    assert clean(YEAR, float(year)) == year
    assert clean(YEAR, str(year)) == year


@given(st.integers(min_value=1950, max_value=2099), st.floats(min_value=0.01, max_value=0.99))
def test_fractional_year_is_refused(year: int, fraction: float) -> None:
    assert error_key(YEAR, year + fraction) == "edit_not_integer"


@given(st.integers().filter(lambda y: not 1950 <= y <= 2100))
def test_year_out_of_range(year: int) -> None:
    assert error_key(YEAR, year) in ("edit_below_min", "edit_above_max")


@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=50
    ).filter(lambda s: s.strip())
)
def test_required_text_is_trimmed(text: str) -> None:
    assert clean(NAME, text) == text.strip()


@given(st.sampled_from([None, "", "  ", float("nan")]))
def test_required_text_missing(value: object) -> None:
    assert error_key(NAME, value) == "edit_required"
    assert clean(NOTE, value) == ""


@given(st.text(min_size=51, max_size=80).filter(lambda s: len(s.strip()) > 50))
def test_text_too_long(text: str) -> None:
    assert error_key(NOTE, text) in ("edit_too_long", "edit_control_chars")


@given(st.text(max_size=10), st.sampled_from(["\x00", "\x07", "\x1b"]), st.text(max_size=10))
def test_control_characters_are_refused(left: str, bad: str, right: str) -> None:
    assert error_key(NOTE, f"x{left}{bad}{right}x") == "edit_control_chars"


@given(st.sampled_from([True, False, "ja", "nein", "true", "false", 1, 0, None, "", "x"]))
def test_boolean_words(value: object) -> None:
    expected = value in (True, "ja", "true", 1, "x")
    assert clean(FLAG, value) is expected


@given(
    st.text(min_size=1).filter(
        lambda s: s.strip().lower() not in (*validation.TRUE_WORDS, *validation.FALSE_WORDS)
    )
)
def test_other_words_are_not_booleans(value: str) -> None:
    assert error_key(FLAG, value) == "edit_not_boolean"


@given(st.sampled_from(["standard", "joint_kdn"]))
def test_choice_accepts_listed(value: str) -> None:
    assert clean(CHOICE, f" {value} ") == value


@given(
    st.text(min_size=1).filter(lambda s: s.strip() and s.strip() not in ("standard", "joint_kdn"))
)
def test_choice_refuses_others(value: str) -> None:
    assert error_key(CHOICE, value) in ("edit_not_choice", "edit_control_chars")


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_dates_in_both_notations(day: dt.date) -> None:
    assert clean(DAY, day) == day
    assert clean(DAY, day.isoformat()) == day
    assert clean(DAY, day.strftime("%d.%m.%Y")) == day


@given(st.dates(max_value=dt.date(1989, 12, 31)))
def test_dates_too_early(day: dt.date) -> None:
    assert error_key(DAY, day) == "edit_date_range"


@given(st.text(min_size=1).filter(lambda s: s.strip()))
def test_text_that_is_no_date(value: str) -> None:
    try:
        dt.date.fromisoformat(value.strip())
    except ValueError:
        assert error_key(DAY, value) in ("edit_not_date", "edit_date_range")


@given(st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True))
def test_slugs(value: str) -> None:
    assert clean(SLUG, value) == value


@given(
    st.text(min_size=1).filter(
        lambda s: s.strip() and not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s.strip())
    )
)
def test_not_slugs(value: str) -> None:
    assert error_key(SLUG, value) in ("edit_not_slug", "edit_control_chars")


@given(st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True))
def test_keys(value: str) -> None:
    assert clean(KEY, value) == value
    assert error_key(KEY, f"1{value}") == "edit_not_key"


@given(st.text(max_size=40), st.booleans(), st.text(max_size=40))
def test_honesty_rule(source: str, estimate: bool, reason: str) -> None:
    ok = bool(source.strip()) or (estimate and bool(reason.strip()))
    row = {"source": source, "is_estimate": estimate, "estimate_reason": reason}
    if ok:
        validation.check_honesty(row)
    else:
        with pytest.raises(InputError, match="Quelle"):
            validation.check_honesty(row)


@given(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6), st.floats(-1e6, 1e6))
def test_range_rules(value: float, a: float, b: float) -> None:
    low, high = min(a, b), max(a, b)
    if low < high:
        validation.check_min_below_max(low, high)
    else:
        with pytest.raises(InputError):
            validation.check_min_below_max(low, high)
    if low <= value <= high:
        validation.check_in_range(value, low, high)
    else:
        with pytest.raises(InputError) as info:
            validation.check_in_range(value, low, high)
        assert info.value.key == "edit_out_of_range"


@given(st.text(max_size=60))
def test_slugify_gives_a_slug_or_nothing(text: str) -> None:
    slug = validation.slugify(text)
    assert slug == "" or clean(SLUG, slug) == slug


def test_slugify_german() -> None:
    slug = validation.slugify("Fraktion Bündnis 90/Die Grünen")
    assert slug == "fraktion-buendnis-90-die-gruenen"
    assert validation.keyify("Datenschutz-Risiko") == "datenschutz_risiko"
    assert validation.keyify("2. Welle") == "k_2_welle"
