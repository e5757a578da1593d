"""URL state: plain numbers and slugs, invalid values fall back to defaults with a note."""

from __future__ import annotations

from hypothesis import given, strategies as st

from core.scoring.weightset import DEFAULT_GROUP_WEIGHTS
from core.views import urlstate

AREAS = ["homepage", "ozg"]
WITHIN = {"reach": 30, "risk": 25}


def test_valid_query_round_trips() -> None:
    params = {
        "w_cost": "60",
        "w_citizen_value": "25",
        "w_feasibility": "15",
        "s_reach": "80",
        "method": "topsis",
        "area": "ozg",
        "lang": "en",
    }
    state, ignored = urlstate.parse_query(params, AREAS, WITHIN)
    assert ignored == []
    assert state.groups == {"cost": 60, "citizen_value": 25, "feasibility": 15}
    assert state.within == {"reach": 80}
    assert (state.method, state.area, state.lang) == ("topsis", "ozg", "en")
    assert urlstate.to_query(state) == params


def test_bad_values_fall_back_and_are_reported() -> None:
    params = {
        "w_cost": "abc",
        "w_feasibility": "-5",
        "s_reach": "1e3",
        "s_nope": "3",
        "method": "magic",
        "area": "mars",
        "lang": "fr",
    }
    state, ignored = urlstate.parse_query(params, AREAS, WITHIN)
    assert set(ignored) == {
        "w_cost",
        "w_feasibility",
        "s_reach",
        "s_nope",
        "method",
        "area",
        "lang",
    }
    assert state.groups == {g: int(v) for g, v in DEFAULT_GROUP_WEIGHTS.items()}
    assert state.within == {}
    assert (state.method, state.area, state.lang) == ("wsm", None, "de")


def test_all_zero_group_weights_are_rejected() -> None:
    params = {"w_cost": "0", "w_citizen_value": "0", "w_feasibility": "0"}
    state, ignored = urlstate.parse_query(params, AREAS, WITHIN)
    assert sorted(ignored) == ["w_citizen_value", "w_cost", "w_feasibility"]
    assert sum(state.groups.values()) > 0


def test_pickled_or_code_payloads_are_just_invalid_text() -> None:
    params = {"w_cost": "__import__('os').system('x')", "area": "gASVAAAAAAAAAAB9lC4="}
    state, ignored = urlstate.parse_query(params, AREAS, WITHIN)
    assert set(ignored) == {"w_cost", "area"}


@given(
    st.dictionaries(
        st.sampled_from(
            [
                "w_cost",
                "w_citizen_value",
                "w_feasibility",
                "method",
                "area",
                "lang",
                "s_reach",
                "s_risk",
                "junk",
            ]
        ),
        st.text(max_size=12),
    )
)
def test_any_query_gives_a_valid_state(params: dict[str, str]) -> None:
    state, _ = urlstate.parse_query(params, AREAS, WITHIN)
    assert sum(state.groups.values()) > 0
    assert all(0 <= v <= 100 for v in state.groups.values())
    assert state.area in (None, *AREAS)
    state.weight_set()  # never raises


def test_present_flag_round_trips_and_is_left_out_when_off() -> None:
    state, ignored = urlstate.parse_query({"present": "1", "area": "ozg"}, AREAS, WITHIN)
    assert ignored == []
    assert state.present is True
    assert urlstate.to_query(state)["present"] == "1"
    off, _ = urlstate.parse_query({"present": "0"}, AREAS, WITHIN)
    assert off.present is False
    assert "present" not in urlstate.to_query(off)
    assert "present" not in urlstate.to_query(urlstate.ViewState())


def test_bad_present_flag_is_ignored_and_reported() -> None:
    for raw in ("yes", "2", "", "true"):
        state, ignored = urlstate.parse_query({"present": raw}, AREAS, WITHIN)
        assert ignored == ["present"], raw
        assert state.present is False


def test_parse_present() -> None:
    assert urlstate.parse_present(None) is False
    assert urlstate.parse_present(" 1 ") is True
    assert urlstate.parse_present("0") is False
    assert urlstate.parse_present("on") is None


def test_rejected_parameters_are_named_in_the_users_words() -> None:
    labels = {"npv_cost": "Kosten-Barwert"}
    assert (
        urlstate.describe_ignored("w_cost", "abc", "de", labels) == "Gewicht Kosten „abc“ (w_cost)"
    )
    assert urlstate.describe_ignored("area", ["mars"], "en", labels) == "review area 'mars' (area)"
    assert (
        urlstate.describe_ignored("s_npv_cost", "-5", "de", labels)
        == "Unterkriterium Kosten-Barwert „-5“ (s_npv_cost)"
    )
    hostile = urlstate.describe_ignored(
        "method", "[x](javascript:alert(1))**" + "y" * 40, "de", labels
    )
    assert hostile.startswith("Methode „?x??javascript?alert?1???")
    assert "[" not in hostile and "*" not in hostile and "(j" not in hostile and "…" in hostile
    assert urlstate.describe_ignored("scenario", None, "de", labels) == "Szenario (scenario)"
