"""The Monte Carlo block of the Sensitivität page: sampling controls, progress, result.

Owns the session-state keys ``mc_mode``, ``mc_concentration``, ``mc_samples``, ``mc_seed``
and ``mc_data`` (draw the data from their ranges too; on by default).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pandas as pd
import streamlit as st

from core import analysis, scoring, views
from core.errors import CockpitError
from ui import context, tables, text
from ui.text import t

CONCENTRATIONS = (2, 5, 10, 20, 50, 100, 200, 500)
# Draw counts offered on the slider, shown German-formatted ("10.000"); an <input
# type=number> cannot group digits. A count from a link (100–100.000) joins the list.
SAMPLE_COUNTS = (100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000)
PROGRESS_AFTER_SECONDS = 1.0


def _progress() -> tuple[Callable[[int, int], None], Callable[[], None]]:
    """A progress callback that shows a bar only once the run has taken over a second."""
    start = time.perf_counter()
    bar: list = []

    def report(done: int, total: int) -> None:
        if not bar and time.perf_counter() - start > PROGRESS_AFTER_SECONDS:
            bar.append(st.progress(0.0))
        if bar:
            bar[0].progress(done / total, text=t("mc_progress", done=done, total=total))

    def finish() -> None:
        if bar:
            bar[0].empty()

    return report, finish


def sample_counts(current: int) -> tuple[int, ...]:
    """The slider's draw counts, with ``current`` (e.g. from a link) in its place."""
    return tuple(sorted({*SAMPLE_COUNTS, current}))


def _controls() -> tuple[str, float, int, int, bool]:
    st.session_state.setdefault("mc_data", True)
    st.session_state.setdefault("mc_mode", "around")
    st.session_state.setdefault("mc_concentration", int(analysis.MC_DEFAULT_CONCENTRATION))
    st.session_state.setdefault("mc_samples", analysis.MC_DEFAULT_SAMPLES)
    st.session_state.setdefault("mc_seed", analysis.MC_DEFAULT_SEED)
    if st.session_state["mc_concentration"] not in CONCENTRATIONS:  # e.g. from a link
        st.session_state["mc_concentration"] = int(analysis.MC_DEFAULT_CONCENTRATION)
    left, right = st.columns(2)
    labels = {m: t(f"mc_mode_{m}") for m in analysis.MC_SAMPLING_MODES}  # bound now: AppTest
    mode = left.radio(
        t("mc_mode"), analysis.MC_SAMPLING_MODES, key="mc_mode", format_func=labels.get
    )
    concentration = left.select_slider(
        t("mc_concentration"),
        options=CONCENTRATIONS,
        key="mc_concentration",
        help=t("mc_concentration_help"),
        disabled=mode == "uniform",
    )
    samples = right.select_slider(
        t("mc_samples"),
        options=sample_counts(int(st.session_state["mc_samples"])),
        key="mc_samples",
        format_func=lambda v: views.format_number(v, 0, text.lang()),
    )
    # The seed names a sequence of random numbers (an identifier, not an amount): digits as typed.
    seed = right.number_input(
        t("mc_seed"), 0, 2**31 - 1, step=1, key="mc_seed", help=t("mc_seed_help")
    )
    data = st.toggle(t("mc_data"), key="mc_data", help=t("mc_data_help"))
    return mode, float(concentration), int(samples), int(seed), data


def show(ctx: context.Context, model: scoring.AreaModel) -> None:
    """Controls, run and result of the rank-acceptability analysis for one area."""
    lang = text.lang()
    st.header(t("mc_header"))
    mode, concentration, samples, seed, data = _controls()
    st.caption(t("mc_intro", samples=views.format_number(samples, 0, lang)))
    if data:
        st.caption(t("mc_data_note"))
    report, finish = _progress()
    try:
        result = analysis.rank_acceptability(
            model,
            ctx.weights,
            ctx.method,
            samples=samples,
            mode=mode,
            concentration=concentration,
            seed=seed,
            progress=report,
            data=data,
        )
    except CockpitError as exc:
        st.error(text.message(exc))
        return
    finally:
        finish()
    table = result.table()
    best = table.iloc[0]
    st.markdown(
        t(
            "mc_summary",
            option=views.md(best["option"]),
            share=views.format_percent(best["first_share"], 1, lang),
            rank=views.format_number(best["expected_rank"], 2, lang),
        )
    )
    long = result.long()
    alt_text = t(
        "mc_alt",
        items="; ".join(
            f"{r.option}: {t('mc_col_first_share')} "
            f"{views.format_percent(r.first_share, 1, lang)}, "
            f"{t('mc_col_expected_rank')} {views.format_number(r.expected_rank, 2, lang)}"
            for r in table.itertuples(index=False)
        ),
    )
    st.altair_chart(
        views.rank_acceptability_bars(
            long,
            title=t("chart_mc_title"),
            x_title=t("chart_mc_share"),
            y_title=t("col_option"),
            legend_title=t("chart_mc_rank"),
            lang=lang,
        ),
        width="stretch",
    )
    st.caption(views.md(alt_text))
    view = pd.DataFrame(
        {
            t("col_option"): table["option"],
            t("mc_col_expected_rank"): table["expected_rank"].map(
                lambda v: views.format_number(v, 2, lang)
            ),
            t("mc_col_first_share"): table["first_share"].map(
                lambda v: views.format_percent(v, 1, lang)
            ),
        }
    )
    tables.static(view, "mc_table", list(view.columns[1:]))
