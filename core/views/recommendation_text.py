"""The recommendation sentence of one area (best option, pathway, score, lead), as Markdown.

Shared by the presentation slide and the print summary, so both say exactly the same.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from core import i18n
from core.analysis import summaries as analysis
from core.scoring import methods
from core.views import fmt
from core.views.plain import md


def recommendation(ranking: pd.DataFrame, lang: str = "de", method: str = "wsm") -> tuple[str, str]:
    """(kind, Markdown sentence) for a non-empty ranking; kind is 'single', 'tie' or 'lead'.

    The sentence names the best option in bold and, where there is one, its lead over the
    runner-up in points (under PROMETHEE II: in net flow × 100).
    """
    summary = analysis.area_summary(ranking)
    summary["option"] = md(summary["option"])  # names are data: escaped, never Markdown
    if summary["runner_up"] is not None:
        summary["runner_up"] = md(summary["runner_up"])
    pathway = i18n.t(f"pathway_{summary['pathway']}", lang)
    if summary["runner_up"] is None:
        return "single", i18n.t(
            "recommendation_single", lang, option=summary["option"], pathway=pathway
        )
    score = fmt.points(summary["score"], 1, lang)
    if summary["tied"]:
        return "tie", i18n.t(
            methods.text_key("recommendation_tie", method),
            lang,
            option=summary["option"],
            runner_up=summary["runner_up"],
            score=score,
        )
    return "lead", i18n.t(
        methods.text_key("recommendation", method),
        lang,
        option=summary["option"],
        pathway=pathway,
        score=score,
        lead=fmt.lead_points(summary["lead"], lang),
        runner_up=summary["runner_up"],
    )


# A recommendation "rests mostly on estimates" when more than this share of the recommended
# option's values (assessments and cost lines) are estimates rather than sourced figures.
ESTIMATE_MAJORITY = 0.5


def estimate_note(is_estimate: Iterable[bool], lang: str = "de") -> str | None:
    """The sentence the recommendation box adds when the recommended option's values
    (``is_estimate`` per assessment and cost line) are mostly estimates; None otherwise."""
    flags = [bool(f) for f in is_estimate]
    estimates = sum(flags)
    if not flags or estimates / len(flags) <= ESTIMATE_MAJORITY:
        return None
    return i18n.t("recommendation_estimates", lang, estimates=estimates, total=len(flags))


def certainty_note(first_share: float, samples: int, lang: str = "de") -> str:
    """How sure the recommendation is: the share of Monte Carlo draws (data within their
    ranges and weights around the current setting, :func:`core.analysis.rank_acceptability`
    with ``data=True``) in which the recommended option comes first."""
    return i18n.t(
        "recommendation_certainty",
        lang,
        share=fmt.percent(first_share, 0, lang),
        samples=fmt.number(samples, 0, lang),
    )
