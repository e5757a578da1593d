"""One plain-language stability sentence per area, for the Bereich and Übersicht pages."""

from __future__ import annotations

from typing import Any

import pandas as pd

from core import analysis, scoring, views
from ui import context, data, text


@data.cache_resource(max_entries=256)
def stability(
    version: int,
    horizon_years: int,
    discount_rate: float,
    groups: tuple[tuple[str, float], ...],
    within: tuple[tuple[str, float], ...],
    method: str,
    area: str,
    lang: str,
    crossings: bool = True,
    _ranking: pd.DataFrame | None = None,
) -> analysis.AreaStability:
    """The stability analysis of one area, cached by plain values (data version, weights,
    and the language: it names options, and the models carry their names in ``lang``) for all
    sessions of the tenant, shared read-only (a resource: no copy is pickled and unpickled on
    every call — six per Übersicht rerun).

    ``crossings=False`` computes the intervals only (all the sentence needs). ``_ranking``
    is the page's ranking under the same values, so the analysis does not rank again; it
    is not part of the cache key (the values before it determine it).
    """
    model = data.models(version, horizon_years, discount_rate)[area]
    weights = scoring.WeightSet(dict(groups), dict(within), method)
    return analysis.area_stability(
        model, weights, weights.method, ranking=_ranking, crossings=crossings
    )


def for_area(
    ctx: context.Context,
    area: str,
    ranking: pd.DataFrame | None = None,
    *,
    crossings: bool = True,
) -> analysis.AreaStability:
    """The cached stability analysis of ``area`` under the context's weights and method
    (with every crossing unless ``crossings`` is False)."""
    return stability(
        ctx.version,
        ctx.horizon_years,
        ctx.discount_rate,
        tuple(sorted(ctx.weights.groups.items())),
        tuple(sorted(ctx.weights.within.items())),
        ctx.method,
        area,
        text.lang(),
        crossings,
        ranking,
    )


def sentence(ctx: context.Context, area: str, ranking: pd.DataFrame | None = None) -> str:
    """One plain-German (or English) sentence on how stable the area's recommendation is.

    Pass the page's ranking of ``area`` (under the context's weights and method) where there
    is one: the sentence then needs no second ranking, only the stability intervals.
    """
    return views.stability_sentence(for_area(ctx, area, ranking, crossings=False), text.lang())


def sentences(ctx: context.Context, overview: analysis.Overview | None = None) -> dict[str, str]:
    """:func:`sentence` of every area (slug → sentence) under the context's weighting, for
    the Übersicht's cards: computed in one go once per data version, weighting and language
    for all sessions, from the areas' rankings of ``ctx.overview()`` (read as values, no
    frame: one cache look-up a run instead of one per area). Pass ``overview`` where the
    caller holds ``ctx.overview()`` already."""
    return _sentences(ctx.weights_key(), ctx.overview() if overview is None else overview)


@data.cache_resource(max_entries=64)
def _sentences(key: tuple[Any, ...], _overview: analysis.Overview) -> dict[str, str]:
    """The sentences for a :meth:`context.Context.weights_key`; ``_overview`` is the
    overview under the same key (not part of the cache key: the key determines it)."""
    (_store, lang), version, horizon_years, discount_rate, _groups, _within, method = key
    models = data.models(version, horizon_years, discount_rate)
    weights = _overview.weights  # the key's weighting, with the criterion weights computed
    return {
        area: views.stability_sentence(
            analysis.sentence_stability(models[area], weights, method, ranked=ranked), lang
        )
        for area, ranked in _overview.values.items()
        if len(ranked["option_id"])
    }
