"""URL state: plain numbers and slugs, invalid values fall back to defaults with a note."""

from __future__ import annotations

from hypothesis import given, strategies as st

from core.scoring.methods import METHODS
from core.scoring.weightset import DEFAULT_GROUP_WEIGHTS, WeightSet
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
    assert state.weights.groups == {"cost": 60, "citizen_value": 25, "feasibility": 15}
    assert state.weights.within == {"reach": 80}
    assert (state.weights.method, state.area, state.lang) == ("topsis", "ozg", "en")
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
    assert state.weights.groups == {g: int(v) for g, v in DEFAULT_GROUP_WEIGHTS.items()}
    assert state.weights.within == {}
    assert (state.weights.method, state.area, state.lang) == ("wsm", None, "de")


def test_all_zero_group_weights_are_rejected() -> None:
    params = {"w_cost": "0", "w_citizen_value": "0", "w_feasibility": "0"}
    state, ignored = urlstate.parse_query(params, AREAS, WITHIN)
    assert sorted(ignored) == ["w_citizen_value", "w_cost", "w_feasibility"]
    assert sum(state.weights.groups.values()) > 0


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
    assert sum(state.weights.groups.values()) > 0
    assert all(0 <= v <= 100 for v in state.weights.groups.values())
    assert state.area in (None, *AREAS)
    assert state.weights.group_shares()  # a valid weighting: built without an error


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


url_weight = st.integers(0, 100).map(str)
url_queries = st.builds(
    lambda groups, within, method, area, lang, present, scenario: {
        **dict(zip(urlstate.GROUP_PARAM.values(), groups, strict=True)),
        **{f"s_{k}": v for k, v in sorted(within.items()) if int(v) != WITHIN[k]},
        "method": method,
        **({"area": area} if area else {}),
        **({"lang": lang} if lang != "de" else {}),
        **({"present": "1"} if present else {}),
        **({"scenario": scenario} if scenario else {}),
    },
    st.tuples(url_weight, url_weight, url_weight).filter(lambda g: any(int(v) for v in g)),
    st.dictionaries(st.sampled_from(sorted(WITHIN)), url_weight),
    st.sampled_from(METHODS),
    st.sampled_from([None, *AREAS]),
    st.sampled_from(urlstate.LANGS),
    st.booleans(),
    st.sampled_from([None, "sparkurs", "haushalt-2027"]),
)


@given(url_queries)
def test_url_to_state_to_url_is_identical(params: dict[str, str]) -> None:
    state, ignored = urlstate.parse_query(params, AREAS, WITHIN)
    assert ignored == []
    assert list(urlstate.to_query(state).items()) == list(params.items())  # same order too
    again, _ = urlstate.parse_query(urlstate.to_query(state), AREAS, WITHIN)
    assert again == state


def test_a_scenario_link_rounds_its_weights_and_the_url_wins() -> None:
    saved = WeightSet({"cost": 33.6, "citizen_value": 41.2, "feasibility": 0.4}, {"reach": 72.4})
    saved = saved.with_within({"risk": 25.0}).with_method("topsis")
    state, _ = urlstate.parse_query({"scenario": "s", "s_risk": "3"}, AREAS, WITHIN)
    params = {"scenario": "s", "s_risk": "3"}
    loaded = urlstate.overlay_scenario(state, params, saved, WITHIN).weights
    assert loaded == WeightSet(
        {"cost": 34, "citizen_value": 41, "feasibility": 0}, {"reach": 72, "risk": 3}, "topsis"
    )
    state, _ = urlstate.parse_query({"w_cost": "5", "method": "wsm"}, AREAS, WITHIN)
    params = {"w_cost": "5", "method": "wsm"}
    loaded = urlstate.overlay_scenario(state, params, saved, WITHIN).weights
    assert (loaded.groups["cost"], loaded.groups["citizen_value"], loaded.method) == (5, 33, "wsm")


def test_a_five_thousand_digit_weight_falls_back_to_the_default() -> None:
    params = {"w_cost": "1" + "2" * 4999, "s_reach": "9" * 5000}
    state, ignored = urlstate.parse_query(params, AREAS, WITHIN)
    assert "w_cost" in ignored
    assert state.weights.groups["cost"] == urlstate.DEFAULT_GROUP_WEIGHTS["cost"]


def test_slide_round_trips_as_a_slug_and_a_bad_one_is_reported() -> None:
    for slide in ("summary", "ozg", "portfolio"):
        state, ignored = urlstate.parse_query({"present": "1", "slide": slide}, AREAS, WITHIN)
        assert ignored == []
        assert state.slide == slide
        assert urlstate.to_query(state)["slide"] == slide
    state, ignored = urlstate.parse_query({"slide": "mars"}, AREAS, WITHIN)
    assert ignored == ["slide"]
    assert state.slide is None
    assert "slide" not in urlstate.to_query(state)
    assert urlstate.describe_ignored("slide", "x", "de", {}) == "Folie „x“ (slide)"


def test_page_settings_round_trip_and_bad_ones_are_reported() -> None:
    params = {
        "tab": "feasibility",
        "pf_tab": "curve",
        "pathway_tab": "table",
        "option": "ozg-kommunalportal",
        "pf_invest": "385000",
        "pf_annual": "off",
        "mc_mode": "uniform",
        "mc_concentration": "20",
        "mc_samples": "5000",
        "mc_seed": "7",
    }
    state, ignored = urlstate.parse_query(params, AREAS, WITHIN)
    assert ignored == []
    assert dict(state.settings) == params
    query = urlstate.to_query(state)
    assert {k: query[k] for k in params} == params
    bad = {
        "tab": "money",
        "pf_tab": "Effizienzkurve",  # a tab is named by its slug, not its label
        "pathway_tab": "diagramm",
        "option": "<script>",
        "pf_invest": "-5",
        "pf_annual": "1e6",
        "mc_mode": "wild",
        "mc_concentration": "0",
        "mc_samples": "99",
        "mc_seed": "x",
    }
    state, ignored = urlstate.parse_query(bad, AREAS, WITHIN)
    assert sorted(ignored) == sorted(bad)
    assert dict(state.settings) == {}
