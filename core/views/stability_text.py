"""Plain-language sentences about the stability of a recommendation (German or English)."""

from __future__ import annotations

from core import i18n
from core.analysis.sensitivity import AreaStability, GroupStability, most_sensitive_group
from core.views import fmt
from core.views.plain import md


def _percent(share: float, lang: str) -> str:
    """A share as percent with one decimal, dropped when it is zero ("22 %", "21,1 %")."""
    text = fmt.percent(share, 1, lang)
    return text.replace(",0 %", " %") if lang == "de" else text.replace(".0%", "%")


def _quoted(names: list[str], lang: str) -> str:
    quoted = [f"„{n}“" if lang == "de" else f"'{n}'" for n in names]
    joiner = " und " if lang == "de" else " and "
    return ", ".join(quoted[:-1]) + joiner + quoted[-1] if len(quoted) > 1 else quoted[0]


def group_sentence(stability: AreaStability, group: GroupStability, lang: str = "de") -> str:
    """One sentence on how far ``group``'s weight may move before the top option changes."""
    label = i18n.t(f"group_{group.group}", lang)
    if not group.applicable:
        return i18n.t("stability_not_applicable", lang, group=label)
    names = stability.option_names  # escaped as used (not every option of the area)
    option = md(names[group.top])
    if group.robust:
        return i18n.t("stability_robust_group", lang, option=option, group=label)
    lower, upper = _percent(group.lower, lang), _percent(group.upper, lang)
    below = md(names[group.below]) if group.below and group.below in names else ""
    above = md(names[group.above]) if group.above and group.above in names else ""
    if group.lower > 0 and group.upper < 1:
        key = "stability_range"
    elif group.lower > 0:
        key = "stability_lower"
    else:
        key = "stability_upper"
    return i18n.t(
        key, lang, option=option, group=label, lower=lower, upper=upper, below=below, above=above
    )


def area_sentence(stability: AreaStability, lang: str = "de") -> str:
    """The one sentence for an area: its most sensitive group, or why there is none."""
    if stability.top is None:
        return i18n.t("stability_no_options", lang)
    if len(stability.option_names) == 1:
        return i18n.t("stability_single", lang)
    if len(stability.tied_top) > 1:
        names = [md(stability.option_names[o]) for o in stability.tied_top]
        return i18n.t("stability_tied_top", lang, names=_quoted(names, lang))
    group = most_sensitive_group(stability)
    if group is None:
        return i18n.t(
            "stability_robust_all", lang, option=md(stability.option_names[stability.top])
        )
    return group_sentence(stability, group, lang)
