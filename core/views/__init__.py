"""Views: what pages and the print summary show – chart data, tables, number formats,
recommendation and stability sentences, URL state.

Pages and ui use the names below (``from core import views``); the modules are the
package's own business and its tests'.
"""

from core.views.charts import (
    FONT_SIZE as CHART_FONT_SIZE,
    cost_value_scatter,
    heatmap_frame,
    pathway_heatmap,
    ranking_bars,
    ranking_frame,
    scatter_frame,
    wrap_label,
)
from core.views.charts_analysis import (
    efficiency_curve as efficiency_curve_chart,
    efficiency_frame,
    rank_acceptability_bars,
    savings_bars,
    stability_lines,
    value_for_money_chart,
    value_for_money_frame,
)
from core.views.fmt import (
    cost_change as format_cost_change,
    date_text as format_date,
    eur as format_eur,
    eur_axis,
    lead_points as format_lead,
    number as format_number,
    percent as format_percent,
    points as format_points,
)
from core.views.hyphenate import (
    soft_hyphens,
)
from core.views.pdf import (
    PdfError,
    chromium_path,
    html_to_pdf,
)
from core.views.plain import (
    has_control,
    md,
    md_unescape,
    terminal,
)
from core.views.print_sources import (
    area_sources,
)
from core.views.print_summary import (
    AreaPage as SummaryPage,
    Context as SummaryContext,
    file_name as summary_file_name,
    summary_html,
)
from core.views.recommendation_text import (
    certainty_note,
    estimate_note,
    recommendation,
)
from core.views.scenario_label import (
    scenario_name,
)
from core.views.slide_fit import (
    ROOT_FONT as SLIDE_ROOT_FONT,
    area_root_font,
    chart_font as slide_chart_font,
    chart_height_px as slide_chart_height_px,
)
from core.views.sourcing import (
    ADDRESS_DISPLAY,
    MARKER_DISPLAY,
    QUERY_KEY as SOURCE_QUERY_KEY,
    Sourcing,
    area_names,
    count_by_kind as count_old_by_kind,
    marker_text,
    outdated_rows,
    outdated_table,
    registry as source_registry,
    sources_table,
)
from core.views.stability_text import (
    area_sentence as stability_sentence,
    group_sentence as group_stability_sentence,
)
from core.views.tables import (
    assessment_table,
    benefit_line as ranking_benefit_line,
    cost_line_table,
    pathway_table,
    ranking_short_headers,
    ranking_table,
    score_label,
    systems_table,
    text_px,
    to_text,
    wrapped_lines,
)
from core.views.urlstate import (
    PATHWAY_TABS,
    PORTFOLIO_TABS,
    SLIDE_PORTFOLIO,
    SLIDE_SUMMARY,
    ViewState,
    describe_ignored as describe_ignored_params,
    group_params,
    overlay_scenario,
    parse_present,
    parse_query,
    to_query,
)

__all__ = [
    "ADDRESS_DISPLAY",
    "CHART_FONT_SIZE",
    "MARKER_DISPLAY",
    "PATHWAY_TABS",
    "PORTFOLIO_TABS",
    "PdfError",
    "SOURCE_QUERY_KEY",
    "Sourcing",
    "SLIDE_PORTFOLIO",
    "SLIDE_ROOT_FONT",
    "SLIDE_SUMMARY",
    "SummaryContext",
    "SummaryPage",
    "ViewState",
    "area_names",
    "area_root_font",
    "area_sources",
    "assessment_table",
    "chromium_path",
    "cost_line_table",
    "cost_value_scatter",
    "count_old_by_kind",
    "describe_ignored_params",
    "efficiency_curve_chart",
    "efficiency_frame",
    "certainty_note",
    "estimate_note",
    "eur_axis",
    "format_cost_change",
    "format_date",
    "format_eur",
    "format_lead",
    "format_number",
    "pathway_table",
    "format_percent",
    "format_points",
    "group_params",
    "group_stability_sentence",
    "has_control",
    "heatmap_frame",
    "html_to_pdf",
    "marker_text",
    "outdated_rows",
    "outdated_table",
    "md",
    "md_unescape",
    "overlay_scenario",
    "parse_present",
    "parse_query",
    "pathway_heatmap",
    "rank_acceptability_bars",
    "ranking_bars",
    "ranking_frame",
    "ranking_short_headers",
    "ranking_benefit_line",
    "ranking_table",
    "recommendation",
    "savings_bars",
    "slide_chart_font",
    "soft_hyphens",
    "slide_chart_height_px",
    "scatter_frame",
    "scenario_name",
    "source_registry",
    "sources_table",
    "score_label",
    "stability_lines",
    "stability_sentence",
    "summary_file_name",
    "summary_html",
    "systems_table",
    "terminal",
    "text_px",
    "to_query",
    "to_text",
    "value_for_money_chart",
    "value_for_money_frame",
    "wrap_label",
    "wrapped_lines",
]
