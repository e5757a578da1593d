"""Präsentation: the committee's slides on the projector.

The deck opens with a summary (the recommendation per area and the totals), has one slide
per review area (recommendation, stability sentence, the stacked ranking chart with every
option) and closes with the budget portfolio; every slide names data version, scenario,
method and the weights in %. In presentation mode (toggle or ``?present=1``) type is large,
the sidebar hidden, no weight can be changed and a slide fits the screen without scrolling.
Off the projector the page adds the tables and the A4 summaries for the council papers.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from core import scoring, settings, views
from ui import context, data, presentation, slides, stability_summary, text, weights_panel
from ui.text import t


def _downloads(
    ctx: context.Context, rankings: Mapping[str, pd.DataFrame], area: str, lang: str
) -> None:
    """The A4 summaries of this area and of all areas."""
    slugs = ctx.areas["slug"].tolist()
    st.subheader(t("present_downloads"))
    summary_context = views.SummaryContext(
        stand=t("data_stand", version=ctx.version, date=views.format_date(ctx.date, lang)),
        scenario=views.scenario_name(ctx.weights, data.presets(ctx.version), lang),
        method=text.method_label(ctx.method),
        group_shares=ctx.weights.group_shares(),
        horizon_years=ctx.horizon_years,
        method_code=ctx.method,
        source_max_age_years=data.sourcing(ctx.version).max_age_years,
        printed=views.format_date(dt.date.today().isoformat(), lang),
    )
    area_texts = ctx.areas.set_index("slug")["description_de"]

    def page(slug: str) -> views.SummaryPage:
        model = ctx.models()[slug]
        return views.SummaryPage(
            slug=slug,
            name=ctx.area_name(slug, lang),
            description=str(area_texts.get(slug, "")),
            ranking=rankings[slug],
            stability=stability_summary.sentence(ctx, slug, rankings[slug])
            if len(rankings[slug])
            else None,
            sources=views.area_sources(
                model.options["source"],
                data.assessments(ctx.version, slug)["source"],
                data.cost_lines(ctx.version, slug)["source"],
                data.systems(ctx.version, slug)["source"],
                sourcing=data.sourcing(ctx.version),
                lang=lang,
            ),
        )

    documents = {  # key: (area or None for all, document, PDF label, HTML label)
        "area": (
            area,
            views.summary_html([page(area)], summary_context, lang),
            t("present_download_area"),
            t("present_download_area_html"),
        ),
        "all": (
            None,
            views.summary_html([page(s) for s in slugs], summary_context, lang),
            t("present_download_all"),
            t("present_download_all_html"),
        ),
    }
    chromium = views.chromium_path(settings.get("chromium"))
    if chromium is None:
        st.caption(t("present_pdf_unavailable"))
    for column, (name, (slug, document, pdf_label, html_label)) in zip(
        st.columns(2), documents.items(), strict=True
    ):
        if chromium is None:  # the HTML prints the same pages from any browser
            column.download_button(
                html_label,
                document,
                file_name=views.summary_file_name(slug, ctx.version, "html"),
                mime="text/html",
                key=f"present_download_{name}",
                help=t("present_download_help_html"),
                on_click="ignore",
                width="stretch",
            )
            continue
        column.download_button(
            pdf_label,
            # made on the click (Streamlit calls it then), not on every run
            functools.partial(presentation.summary_pdf, document, chromium),
            file_name=views.summary_file_name(slug, ctx.version),
            mime="application/pdf",
            key=f"present_download_{name}",
            help=t("present_download_help"),
            on_click="ignore",
            width="stretch",
        )


ctx = context.get()
lang = text.lang()
presenting = presentation.is_on()
if presenting:
    presentation.projector_style()
presentation.keyboard_stepping()

slugs = ctx.areas["slug"].tolist()
deck = presentation.deck(slugs)
titles = {
    presentation.SUMMARY: t("slide_summary_title"),
    **{slug: ctx.area_name(slug, lang) for slug in slugs},
    presentation.PORTFOLIO: t("slide_portfolio_title"),
}
slide = presentation.current_slide(deck, weights_panel.AREA_KEY)
rankings = {
    slug: scoring.rank_area(model, ctx.weights, ctx.method) for slug, model in ctx.models().items()
}

if not presenting:  # on the projector the switch sits between the slide buttons
    presentation.toggle()
if slide == presentation.SUMMARY:
    slides.summary(ctx, rankings, lang)
elif slide == presentation.PORTFOLIO:
    slides.portfolio(ctx, rankings, lang)
else:
    slides.area(ctx, slide, rankings[slide], lang)
presentation.slide_buttons(deck, weights_panel.AREA_KEY, titles)
if not presenting:  # the projector shows the slide alone
    if slide in rankings:
        slides.area_tables(ctx, rankings[slide], lang)
    st.caption(t("present_keys_hint"))
    _downloads(ctx, rankings, st.session_state.get(weights_panel.AREA_KEY) or slugs[0], lang)
