"""The dashboard's view state and its URL form: plain numbers and slugs only.

``parse_query`` turns query parameters into a :class:`ViewState`, replacing every invalid
value by its default and reporting which parameters were ignored, so a copied link
reproduces the view and a broken link still opens a sensible one. Nothing here is pickled
or evaluated; values are parsed as integers or matched against known slugs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from core import i18n
from core.analysis.montecarlo import SAMPLING_MODES
from core.scoring import methods
from core.scoring.weights import GROUPS
from core.scoring.weightset import DEFAULT_GROUP_WEIGHTS, DEFAULT_METHOD, WeightSet

LANGS = ("de", "en")
SCENARIO_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
GROUP_PARAM = {g: f"w_{g}" for g in GROUPS}
SUB_PREFIX = "s_"
MAX_WEIGHT = 100
# Presentation slides besides the areas: the summary opens the deck, the portfolio closes it.
SLIDE_SUMMARY = "summary"
SLIDE_PORTFOLIO = "portfolio"
EXTRA_SLIDES = (SLIDE_SUMMARY, SLIDE_PORTFOLIO)
# The Übersicht's tabs as a link names them, the default first: the portfolio's results
# (``pf_tab``) and the pathway heatmap or its table (``pathway_tab``). A link carries a tab
# only when it is not the default one.
PORTFOLIO_TABS = ("selection", "curve", "value")
PATHWAY_TABS = ("chart", "table")


@dataclass(frozen=True)
class ViewState:
    """Everything a link must reproduce: the weighting and where and how it is viewed.

    In a link the weights are whole numbers 0–100 (``w_<group>``, ``s_<criterion>``), and
    only sub-weights that differ from their default are named.
    """

    weights: WeightSet = field(default_factory=WeightSet)
    area: str | None = None
    lang: str = "de"
    present: bool = False  # presentation mode (committee view), ``present=1``
    scenario: str | None = None  # saved weight scenario the weights start from, ``scenario=slug``
    slide: str | None = None  # presentation slide: ``summary``, ``portfolio`` or an area slug
    # What a page set besides the weights (budgets, tab, option, Monte Carlo settings), by
    # parameter name, each value checked by :data:`VIEW_PARAMS`.
    settings: Mapping[str, str] = field(default_factory=dict)


def _whole(low: int, high: int) -> Callable[[str], bool]:
    def check(text: str) -> bool:
        return text.isascii() and text.isdigit() and low <= int(text) <= high

    return check


def _budget(text: str) -> bool:
    """A budget in whole euros, or ``off`` (not limited)."""
    return text == "off" or _whole(0, 10**12)(text)


# Page settings a link carries: parameter -> check of its (stripped) value. Plain numbers and
# slugs only; the page that owns a setting maps it to its widget (ui.weights_panel.VIEW_KEYS).
VIEW_PARAMS: dict[str, Callable[[str], bool]] = {
    "tab": lambda text: text in GROUPS,  # Sensitivität: the group tab
    "pf_tab": lambda text: text in PORTFOLIO_TABS,  # Übersicht: the portfolio results' tab
    "pathway_tab": lambda text: text in PATHWAY_TABS,  # Übersicht: heatmap or its table
    "option": lambda text: bool(SCENARIO_SLUG.fullmatch(text)),  # Bereich: option details
    "pf_invest": _budget,  # Übersicht: portfolio budgets
    "pf_annual": _budget,
    "mc_mode": lambda text: text in SAMPLING_MODES,  # Sensitivität: Monte Carlo
    "mc_concentration": _whole(1, 1000),
    "mc_samples": _whole(100, 100_000),
    "mc_seed": _whole(0, 2**31 - 1),
}


MAX_WEIGHT_DIGITS = 3  # "100"; longer values are refused before int() sees them


def _as_int_weight(raw: str) -> int | None:
    text = raw.strip()
    if len(text) > MAX_WEIGHT_DIGITS:  # a 5,000-digit "weight" must not reach int()
        return None
    if not (text.isascii() and text.isdigit()):  # rejects signs, decimals, words, "²", empty
        return None
    value = int(text)
    return value if value <= MAX_WEIGHT else None


def _first(value: str | Iterable[str]) -> str:
    if isinstance(value, str):
        return value
    items = list(value)
    return items[-1] if items else ""


def parse_query(
    params: Mapping[str, str | Iterable[str]],
    area_slugs: Iterable[str],
    default_within: Mapping[str, int],
) -> tuple[ViewState, list[str]]:
    """Parse query parameters; return the state and the names of ignored parameters."""
    slugs = set(area_slugs)
    ignored: list[str] = []
    groups = {g: int(v) for g, v in DEFAULT_GROUP_WEIGHTS.items()}
    parsed_groups: dict[str, int] = {}
    for group, name in GROUP_PARAM.items():
        if name in params:
            value = _as_int_weight(_first(params[name]))
            if value is None:
                ignored.append(name)
            else:
                parsed_groups[group] = value
    if parsed_groups:
        candidate = {**groups, **parsed_groups}
        if sum(candidate.values()) > 0:
            groups = candidate
        else:
            ignored.extend(GROUP_PARAM[g] for g in parsed_groups)
    within: dict[str, int] = {}
    for name, raw in params.items():
        if not name.startswith(SUB_PREFIX):
            continue
        key = name[len(SUB_PREFIX) :]
        value = _as_int_weight(_first(raw))
        if key not in default_within or value is None:
            ignored.append(name)
        elif value != default_within[key]:
            within[key] = value
    method = _first(params.get("method", DEFAULT_METHOD)).strip()
    if method not in methods.keys():
        ignored.append("method")
        method = DEFAULT_METHOD
    area: str | None = None
    if "area" in params:
        area = _first(params["area"]).strip()
        if area not in slugs:
            ignored.append("area")
            area = None
    lang = _first(params.get("lang", "de")).strip()
    if lang not in LANGS:
        ignored.append("lang")
        lang = "de"
    present = False
    if "present" in params:
        parsed = parse_present(_first(params["present"]))
        if parsed is None:
            ignored.append("present")
        else:
            present = parsed
    scenario: str | None = None
    if "scenario" in params:
        scenario = _first(params["scenario"]).strip()
        if not SCENARIO_SLUG.fullmatch(scenario):
            ignored.append("scenario")
            scenario = None
    slide: str | None = None
    if "slide" in params:
        slide = _first(params["slide"]).strip()
        if slide not in slugs and slide not in EXTRA_SLIDES:
            ignored.append("slide")
            slide = None
    settings: dict[str, str] = {}
    for name, valid in VIEW_PARAMS.items():
        if name in params:
            value = _first(params[name]).strip()
            if valid(value):
                settings[name] = value
            else:
                ignored.append(name)
    weights = WeightSet(groups, within, method)
    return ViewState(weights, area, lang, present, scenario, slide, settings), ignored


def parse_present(raw: str | None) -> bool | None:
    """``present`` as a flag: '1' → True, '0' or missing → False, anything else → None."""
    if raw is None:
        return False
    text = raw.strip()
    return {"1": True, "0": False}.get(text)


def group_params(groups: Mapping[str, float]) -> dict[str, str]:
    """The group weights as query parameters (whole numbers)."""
    return {GROUP_PARAM[g]: str(int(groups[g])) for g in GROUPS}


def to_query(state: ViewState) -> dict[str, str]:
    """The state as query parameters (sub-weights only where they differ from the default)."""
    weights = state.weights
    query = group_params(weights.groups)
    query.update({f"{SUB_PREFIX}{k}": str(int(v)) for k, v in sorted(weights.within.items())})
    query["method"] = weights.method
    if state.area:
        query["area"] = state.area
    if state.lang != "de":
        query["lang"] = state.lang
    if state.present:
        query["present"] = "1"
    if state.scenario:
        query["scenario"] = state.scenario
    if state.slide:
        query["slide"] = state.slide
    query.update({k: v for k, v in state.settings.items() if k in VIEW_PARAMS})
    return query


def overlay_scenario(
    state: ViewState,
    params: Mapping[str, str | Iterable[str]],
    scenario: WeightSet,
    default_within: Mapping[str, int],
) -> ViewState:
    """Start from a saved scenario's weights; weights and method named in the URL win.

    A link ``?scenario=slug`` loads the scenario; the app's own links also carry the
    current weights, so a view changed after loading a scenario is reproduced exactly.
    The scenario's weights are rounded to the whole numbers a link holds.
    """
    current = state.weights
    explicit_groups = any(name in params for name in GROUP_PARAM.values())
    new_groups = (
        dict(current.groups)
        if explicit_groups
        else {g: _url_weight(scenario.groups[g]) for g in GROUPS}
    )
    if sum(new_groups.values()) <= 0:
        new_groups = dict(current.groups)
    new_within = {
        key: _url_weight(value) for key, value in scenario.within.items() if key in default_within
    }
    new_within = {k: v for k, v in new_within.items() if v != default_within[k]}
    for key in default_within:
        if f"{SUB_PREFIX}{key}" in params:
            new_within.pop(key, None)
            if key in current.within:
                new_within[key] = int(current.within[key])
    new_method = current.method if "method" in params else scenario.method
    return replace(state, weights=WeightSet(new_groups, new_within, new_method))


def _url_weight(value: float) -> int:
    """A weight as a link holds it: rounded to a whole number in 0–100."""
    return min(MAX_WEIGHT, max(0, int(round(value))))


# Characters of a rejected value that the note repeats; anything else (Markdown, HTML,
# control characters) becomes "?", and long values are cut.
_SHOWN_VALUE = re.compile(r"[^0-9A-Za-zÄÖÜäöüß .,+\-]")
_SHOWN_LENGTH = 30


def describe_ignored(
    name: str,
    raw: str | Iterable[str] | None,
    lang: str,
    criterion_labels: Mapping[str, str],
) -> str:
    """A rejected query parameter as the note names it: what it sets, in the user's words,
    the value it had and the parameter itself, e.g. 'Gewicht Kosten „abc“ (w_cost)'."""
    if name.startswith("w_") and name[2:] in GROUPS:
        label = i18n.t("param_weight", lang, group=i18n.t(f"group_{name[2:]}", lang))
    elif name.startswith("s_") and name[2:] in criterion_labels:
        label = i18n.t("param_sub_weight", lang, criterion=criterion_labels[name[2:]])
    elif f"param_{name}" in i18n.TEXT:
        label = i18n.t(f"param_{name}", lang)
    else:
        label = name
    value = _first(raw) if raw is not None else ""
    shown = _SHOWN_VALUE.sub("?", value[:_SHOWN_LENGTH]) + (
        "…" if len(value) > _SHOWN_LENGTH else ""
    )
    quoted = f"„{shown}“" if lang == "de" else f"'{shown}'"
    return f"{label} {quoted} ({name})" if value else f"{label} ({name})"
