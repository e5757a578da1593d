"""The "Rechenmodell" sheet: the weighted-sum model of one area as live Excel formulas.

It reproduces :func:`core.scoring.area_model.rank_area` with ``method="wsm"`` cell by cell:

* final weight = group share × share within the group
  (:func:`core.scoring.weights.hierarchical_weights`);
* min-max normalisation per criterion within the area, cost criteria inverted as
  (max − x)/(max − min), and a column without spread (≤ 1e-12 relative) set to 1
  (:mod:`core.scoring.normalization`);
* score = SUMPRODUCT(normalised row, final weights); rank = RANK over the score rounded like
  :func:`core.scoring.ranking.competition_ranks` (10 decimals), so ties share the better rank;
* the cost NPV = investment + annual cost × annuity factor, with horizon and rate as inputs
  (:mod:`core.scoring.finance`).

Weights, horizon and rate sit in yellow input cells: change one and scores and ranks
recompute. A LibreOffice recalculation test checks the scores against the app to 1e-9.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils import get_column_letter as col
from openpyxl.worksheet.worksheet import Worksheet

from core import i18n
from core.excel.layout import (
    add_table,
    header_row,
    number_validation,
    print_setup,
    text_cell,
    value_cell,
)
from core.excel.writer import Block, Formula, StyleBook
from core.scoring import methods
from core.scoring.area_model import AreaModel
from core.scoring.weights import GROUPS
from core.scoring.weightset import WeightSet

# Fixed layout (row numbers); the criteria blocks depend on the number of criteria.
PARAM_ROWS = {"horizon": 4, "rate": 5, "annuity": 6}
GROUP_FIRST_ROW = 4
ROW_GROUP, ROW_MIN_SUB, ROW_MAX_SHARE, ROW_FINAL = 8, 9, 10, 11
HEADER_ROW = 12
FIRST_BODY_ROW = 13
FIXED_COLUMNS = 5  # Options-ID, Option, Weg, Investition, laufende Kosten


@dataclass(frozen=True)
class ModelLayout:
    """Column positions of one Rechenmodell sheet (1-based)."""

    n_criteria: int
    n_options: int

    @property
    def raw_first(self) -> int:
        return FIXED_COLUMNS + 1

    @property
    def norm_label(self) -> int:
        return self.raw_first + self.n_criteria

    @property
    def norm_first(self) -> int:
        return self.norm_label + 1

    @property
    def utility(self) -> int:
        return self.norm_first + self.n_criteria

    @property
    def points(self) -> int:
        return self.utility + 1

    @property
    def rank(self) -> int:
        return self.utility + 2

    @property
    def last_row(self) -> int:
        return HEADER_ROW + max(self.n_options, 1)


def _t(key: str, lang: str, **params: object) -> str:
    return i18n.t(key, lang, **params)


def _parameters(ws: Worksheet, book: StyleBook, horizon: int, rate: float, lang: str) -> None:
    text_cell(ws, PARAM_ROWS["horizon"], 2, _t("xl_param_horizon", lang), book, "label")
    value_cell(ws, PARAM_ROWS["horizon"], 3, horizon, book, "year+input")
    text_cell(ws, PARAM_ROWS["rate"], 2, _t("xl_param_rate", lang), book, "label")
    value_cell(ws, PARAM_ROWS["rate"], 3, rate, book, "share+input")
    text_cell(ws, PARAM_ROWS["annuity"], 2, _t("xl_param_annuity", lang), book, "label")
    h, r = f"$C${PARAM_ROWS['horizon']}", f"$C${PARAM_ROWS['rate']}"
    value_cell(
        ws,
        PARAM_ROWS["annuity"],
        3,
        f"=IF({r}=0,{h},(1-(1+{r})^(-{h}))/{r})",
        book,
        "factor+formula",
    )
    number_validation(ws, f"C{PARAM_ROWS['horizon']}", 1, 50, whole=True)
    number_validation(ws, f"C{PARAM_ROWS['rate']}", -0.49, 0.99)


def _groups(ws: Worksheet, book: StyleBook, weights: WeightSet, lang: str) -> None:
    """Group weights (inputs) and their shares in D4:G6 (labels in E, weights F, shares G)."""
    text_cell(ws, GROUP_FIRST_ROW - 1, 5, _t("xl_group_header", lang), book, "label")
    text_cell(ws, GROUP_FIRST_ROW - 1, 6, _t("xl_weight", lang), book, "label")
    text_cell(ws, GROUP_FIRST_ROW - 1, 7, _t("xl_share", lang), book, "label")
    last = GROUP_FIRST_ROW + len(GROUPS) - 1
    for i, group in enumerate(GROUPS):
        r = GROUP_FIRST_ROW + i
        text_cell(ws, r, 5, _t(f"group_{group}", lang), book, "label")
        value_cell(ws, r, 6, float(weights.groups[group]), book, "weight+input")
        total = f"SUM($F${GROUP_FIRST_ROW}:$F${last})"
        value_cell(ws, r, 7, f"=IF({total}=0,0,F{r}/{total})", book, "share+formula")
    number_validation(ws, f"F{GROUP_FIRST_ROW}:F{last}", 0)


def _criteria_rows(
    ws: Worksheet,
    book: StyleBook,
    model: AreaModel,
    weights: WeightSet,
    layout: ModelLayout,
    lang: str,
) -> None:
    """Group, min/max (raw block) and sub-weight/share/final weight rows (normalised block)."""
    crit = model.criteria
    within = weights.within_weights(crit)
    norm_a, norm_z = col(layout.norm_first), col(layout.norm_first + layout.n_criteria - 1)
    body = f"{FIRST_BODY_ROW}:{{c}}{layout.last_row}"
    labels = [
        (ROW_GROUP, "xl_row_group", "xl_row_group"),
        (ROW_MIN_SUB, "xl_row_min", "xl_row_sub_weight"),
        (ROW_MAX_SHARE, "xl_row_max", "xl_row_within_share"),
        (ROW_FINAL, None, "xl_row_final_weight"),
    ]
    for row, raw_label, norm_label in labels:
        if raw_label:
            text_cell(ws, row, FIXED_COLUMNS, _t(raw_label, lang), book, "label")
        text_cell(ws, row, layout.norm_label, _t(norm_label, lang), book, "label")
    groups = f"${norm_a}${ROW_GROUP}:${norm_z}${ROW_GROUP}"
    subs = f"${norm_a}${ROW_MIN_SUB}:${norm_z}${ROW_MIN_SUB}"
    group_labels = f"$E${GROUP_FIRST_ROW}:$E${GROUP_FIRST_ROW + len(GROUPS) - 1}"
    group_shares = f"$G${GROUP_FIRST_ROW}:$G${GROUP_FIRST_ROW + len(GROUPS) - 1}"
    for j, row in enumerate(crit.itertuples(index=False)):
        raw, norm = col(layout.raw_first + j), col(layout.norm_first + j)
        group_label = _t(f"group_{row.grp}", lang)
        text_cell(ws, ROW_GROUP, layout.raw_first + j, group_label, book, "text")
        text_cell(ws, ROW_GROUP, layout.norm_first + j, group_label, book, "text")
        column_range = f"{raw}{body.format(c=raw)}"
        value_cell(
            ws, ROW_MIN_SUB, layout.raw_first + j, f"=MIN({column_range})", book, "num+formula"
        )
        value_cell(
            ws, ROW_MAX_SHARE, layout.raw_first + j, f"=MAX({column_range})", book, "num+formula"
        )
        value_cell(ws, ROW_MIN_SUB, layout.norm_first + j, float(within[j]), book, "weight+input")
        subtotal = f"SUMIF({groups},{norm}${ROW_GROUP},{subs})"
        value_cell(
            ws,
            ROW_MAX_SHARE,
            layout.norm_first + j,
            f"=IF({subtotal}=0,0,{norm}{ROW_MIN_SUB}/{subtotal})",
            book,
            "share+formula",
        )
        value_cell(
            ws,
            ROW_FINAL,
            layout.norm_first + j,
            f"=SUMIF({group_labels},{norm}${ROW_GROUP},{group_shares})*{norm}{ROW_MAX_SHARE}",
            book,
            "share+formula",
        )
    number_validation(ws, f"{norm_a}{ROW_MIN_SUB}:{norm_z}{ROW_MIN_SUB}", 0)


def _headers(model: AreaModel, lang: str) -> list[str]:
    labels = model.criteria[i18n.localized_column("label", lang)].tolist()
    return [
        _t("xl_h_option_id", lang),
        _t("col_option", lang),
        _t("col_pathway", lang),
        _t("xl_col_invest_sum", lang),
        _t("xl_col_annual_sum", lang),
        *labels,
        _t("xl_col_label", lang),
        *(_t("xl_col_normalized", lang, label=label) for label in labels),
        _t("xl_col_utility", lang),
        _t("xl_col_points", lang),
        _t("col_rank", lang),
    ]


def _body(model: AreaModel, layout: ModelLayout, lang: str) -> list[list[object]]:
    """One row per option: values, derived-cost formulas, normalisation, score and rank."""
    crit = model.criteria
    derived = [d if isinstance(d, str) else "" for d in crit["derived_from"]]
    opts = model.options
    names = {p: _t(f"pathway_{p}", lang) for p in opts["pathway"].unique()}
    norm_a = col(layout.norm_first)
    norm_z = col(layout.norm_first + layout.n_criteria - 1)
    finals = f"${norm_a}${ROW_FINAL}:${norm_z}${ROW_FINAL}"
    points = col(layout.points)
    utility = col(layout.utility)
    rank_range = f"${points}${FIRST_BODY_ROW}:${points}${layout.last_row}"
    annuity = f"$C${PARAM_ROWS['annuity']}"
    # Per criterion: a template with {r} for the row (the constant parts are built once).
    normalise = []
    for j in range(layout.n_criteria):
        x = col(layout.raw_first + j)
        low, high = f"{x}${ROW_MIN_SUB}", f"{x}${ROW_MAX_SHARE}"
        spread = f"({high}-{low})"
        value = f"({x}{{r}}-{low})" if model.benefit[j] else f"({high}-{x}{{r}})"
        normalise.append(f"IF({spread}<=1E-12*MAX(ABS({low}),ABS({high})),1,{value}/{spread})")
    matrix = model.matrix.tolist()
    rows: list[list[object]] = []
    columns = zip(
        opts["id"].tolist(),
        opts["name"].tolist(),
        opts["pathway"].tolist(),
        opts["investment"].astype(float).tolist(),
        opts["annual_cost"].astype(float).tolist(),
        strict=True,
    )
    for i, (option, name, pathway, investment, annual) in enumerate(columns):
        r = FIRST_BODY_ROW + i
        row: list[object] = [option, name, names[pathway], investment, annual]
        for j, kind in enumerate(derived):
            if kind == "npv":
                row.append(Formula(f"D{r}+E{r}*{annuity}"))
            elif kind == "investment":
                row.append(Formula(f"D{r}"))
            else:
                row.append(matrix[i][j])
        row.append(None)
        row.extend(Formula(template.format(r=r)) for template in normalise)
        row.append(Formula(f"SUMPRODUCT({norm_a}{r}:{norm_z}{r},{finals})"))
        row.append(Formula(f"ROUND(100*{utility}{r},8)"))
        row.append(Formula(f"RANK({points}{r},{rank_range})"))
        rows.append(row)
    return rows


def _styles(layout: ModelLayout, model: AreaModel) -> list[str]:
    units = model.criteria["unit"].tolist()
    raw = ["eur" if u == "€" else ("fte" if "VZÄ" in u else "num") for u in units]
    return [
        "text",
        "text",
        "text",
        "eur",
        "eur",
        *raw,
        "text",
        *(["score+formula"] * layout.n_criteria),
        "score+formula",
        "points+formula",
        "rank+formula",
    ]


def build(
    ws: Worksheet,
    book: StyleBook,
    model: AreaModel,
    weights: WeightSet,
    method: str,
    horizon: int,
    rate: float,
    area_name: str,
    table: str,
    lang: str,
) -> Block:
    """Lay out the Rechenmodell of one area on ``ws``; return the body block to splice."""
    layout = ModelLayout(len(model.criteria), len(model.options))
    text_cell(ws, 1, 1, _t("xl_model_title", lang, area=area_name), book, "title")
    note = _t("xl_model_note", lang)
    spec = methods.get(method)
    if not spec.excel_live_model:
        note += " " + _t("xl_model_method_note", lang, method=_t(spec.label_key, lang))
    text_cell(ws, 2, 1, note, book, "text")
    _parameters(ws, book, horizon, rate, lang)
    _groups(ws, book, weights, lang)
    _criteria_rows(ws, book, model, weights, layout, lang)
    headers = _headers(model, lang)
    header_row(ws, HEADER_ROW, headers, book)
    add_table(ws, table, HEADER_ROW, layout.last_row, headers)
    widths = [
        16,
        34,
        20,
        14,
        14,
        *([14] * layout.n_criteria),
        16,
        *([12] * layout.n_criteria),
        11,
        9,
        7,
    ]
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[col(j)].width = width
    ws.column_dimensions["B"].width = max(
        34, 10 + max((len(n) for n in model.options["name"]), default=0) // 2
    )
    ws.freeze_panes = f"C{FIRST_BODY_ROW}"
    ws.row_dimensions[HEADER_ROW].height = 60
    print_setup(
        ws, f"{HEADER_ROW}:{HEADER_ROW}", _t("xl_model_title", lang, area=area_name), wide=True
    )
    block = Block(ws, FIRST_BODY_ROW, _styles(layout, model))
    block.rows = _body(model, layout, lang) if layout.n_options else []
    return block


def final_weight_cells(n_criteria: int) -> list[str]:
    """Addresses of the final-weight cells (for tests and documentation)."""
    layout = ModelLayout(n_criteria, 1)
    return [f"{col(layout.norm_first + j)}{ROW_FINAL}" for j in range(n_criteria)]


def utility_column(n_criteria: int) -> int:
    """1-based column of the utility (score in [0, 1])."""
    return ModelLayout(n_criteria, 1).utility


def within_weight_cells(n_criteria: int) -> list[str]:
    """Addresses of the within-group weight inputs, in criteria order."""
    layout = ModelLayout(n_criteria, 1)
    return [f"{col(layout.norm_first + j)}{ROW_MIN_SUB}" for j in range(n_criteria)]


def group_weight_cells() -> dict[str, str]:
    """Addresses of the group weight inputs."""
    return {g: f"F{GROUP_FIRST_ROW + i}" for i, g in enumerate(GROUPS)}
