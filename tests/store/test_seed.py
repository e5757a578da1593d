"""Checks of the seed data in ``data/seed/*.csv`` against ``docs/data-model.md``.

Uses only pandas and the standard library, so the seed can be checked without the store.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

SEED_DIR = Path(__file__).resolve().parents[2] / "data" / "seed"

COLUMNS: dict[str, list[str]] = {
    "areas.csv": ["slug", "name_de", "name_en", "description_de", "sort_order"],
    "systems.csv": [
        "id",
        "area",
        "name",
        "kind",
        "operator",
        "annual_cost_eur",
        "reach_value",
        "reach_unit",
        "in_use_since",
        "notes",
        "source",
        "is_estimate",
        "estimate_reason",
    ],
    "options.csv": [
        "id",
        "area",
        "replaces_system",
        "pathway",
        "name",
        "partner",
        "description",
        "source",
        "is_estimate",
        "estimate_reason",
    ],
    "sources.csv": ["id", "title", "publisher", "address", "published", "accessed", "note"],
    "criteria.csv": [
        "key",
        "grp",
        "label_de",
        "label_en",
        "unit",
        "direction",
        "min_value",
        "max_value",
        "default_weight",
        "derived_from",
        "help_de",
        "sort_order",
    ],
    "cost_lines.csv": [
        "option",
        "item",
        "investment_eur",
        "annual_cost_eur",
        "staff_fte",
        "source",
        "is_estimate",
        "estimate_reason",
    ],
    "assessments.csv": [
        "option",
        "criterion",
        "value",
        "rationale",
        "source",
        "is_estimate",
        "estimate_reason",
        "assessed_on",
    ],
    "weight_profiles.csv": [
        "slug",
        "name_de",
        "name_en",
        "w_cost",
        "w_citizen_value",
        "w_feasibility",
        "description_de",
    ],
}

AREA_SLUGS = ["homepage", "ozg", "social-media", "city-app", "open-data", "gis"]
PATHWAYS = {"status_quo", "standard", "best_practice", "joint_kdn"}
KINDS = {"in_house", "standard", "saas", "shared"}
GROUPS = {"cost", "citizen_value", "feasibility"}
DIRECTIONS = {"benefit", "cost"}
DERIVED = {"npv", "investment", "fte"}
PROFILES = {"ausgewogen", "haushaltskonsolidierung", "buergernutzen-zuerst", "schnell-umsetzbar"}
# criterion key -> (grp, direction, min, max, default_weight, derived_from)
CRITERIA = {
    "npv_cost": ("cost", "cost", 0, 100_000_000, 50, "npv"),
    "investment": ("cost", "cost", 0, 100_000_000, 25, "investment"),
    "staff_fte": ("cost", "cost", 0, 100, 25, "fte"),
    "reach": ("citizen_value", "benefit", 0, 10, 30, ""),
    "service_quality": ("citizen_value", "benefit", 0, 10, 30, ""),
    "online_availability": ("citizen_value", "benefit", 0, 7, 20, ""),
    "accessibility": ("citizen_value", "benefit", 0, 10, 20, ""),
    "time_to_implement": ("feasibility", "cost", 0, 60, 25, ""),
    "risk": ("feasibility", "cost", 0, 10, 25, ""),
    "skills": ("feasibility", "benefit", 0, 10, 25, ""),
    "vendor_dependency": ("feasibility", "cost", 0, 10, 25, ""),
}
NUMERIC = {
    "areas.csv": ["sort_order"],
    "systems.csv": ["annual_cost_eur", "reach_value", "in_use_since"],
    "criteria.csv": ["min_value", "max_value", "default_weight", "sort_order"],
    "cost_lines.csv": ["investment_eur", "annual_cost_eur", "staff_fte"],
    "assessments.csv": ["value"],
    "weight_profiles.csv": ["w_cost", "w_citizen_value", "w_feasibility"],
}
COST_HEAVY = {"cost": 70, "citizen_value": 15, "feasibility": 15}
CITIZEN_HEAVY = {"cost": 10, "citizen_value": 70, "feasibility": 20}
HORIZON_YEARS = 5
DISCOUNT_RATE = 0.009


def read(name: str) -> pd.DataFrame:
    """Read one seed file as text, empty cells as empty strings (as the loader does)."""
    return pd.read_csv(SEED_DIR / name, dtype=str, keep_default_na=False, encoding="utf-8")


def numeric(frame: pd.DataFrame, column: str) -> pd.Series:
    return pd.to_numeric(frame[column].str.strip().replace("", None), errors="coerce")


@pytest.fixture(scope="module")
def seed() -> dict[str, pd.DataFrame]:
    return {name: read(name) for name in COLUMNS}


@pytest.fixture(scope="module")
def criteria(seed: dict[str, pd.DataFrame]) -> pd.DataFrame:
    frame = seed["criteria.csv"].copy()
    for column in NUMERIC["criteria.csv"]:
        frame[column] = numeric(frame, column)
    return frame.set_index("key")


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_file_parses_with_required_columns(name: str) -> None:
    frame = read(name)
    assert len(frame) > 0
    missing = [c for c in COLUMNS[name] if c not in frame.columns]
    assert not missing, f"{name}: missing columns {missing}"


@pytest.mark.parametrize("name", sorted(NUMERIC))
def test_numeric_columns_are_numbers(name: str) -> None:
    frame = read(name)
    for column in NUMERIC[name]:
        text = frame[column].str.strip()
        values = numeric(frame, column)
        bad = frame.loc[values.isna() & (text != ""), column]
        assert bad.empty, f"{name}.{column}: not numeric {bad.tolist()}"
        assert not text.str.contains(",").any(), f"{name}.{column}: decimal comma"


@pytest.mark.parametrize(
    "name", ["systems.csv", "cost_lines.csv", "assessments.csv"], ids=lambda n: n
)
def test_booleans_are_true_or_false(name: str) -> None:
    assert set(read(name)["is_estimate"]) <= {"true", "false"}


def test_areas_are_the_six_of_the_motion_in_order(seed: dict[str, pd.DataFrame]) -> None:
    areas = seed["areas.csv"]
    assert areas["slug"].tolist() == AREA_SLUGS
    assert numeric(areas, "sort_order").tolist() == list(range(1, 7))
    assert (areas["name_de"].str.strip() != "").all()
    assert (areas["name_en"].str.strip() != "").all()
    assert (areas["description_de"].str.strip() != "").all()


def test_criteria_catalogue(criteria: pd.DataFrame) -> None:
    assert set(criteria.index) == set(CRITERIA)
    assert criteria.index.is_unique
    for key, (grp, direction, low, high, weight, derived) in CRITERIA.items():
        row = criteria.loc[key]
        assert (row["grp"], row["direction"], row["derived_from"]) == (grp, direction, derived)
        assert (row["min_value"], row["max_value"], row["default_weight"]) == (low, high, weight)
        assert row["label_de"].strip() and row["label_en"].strip() and row["help_de"].strip()
    assert set(criteria["grp"]) <= GROUPS
    assert set(criteria["direction"]) <= DIRECTIONS
    assert set(criteria["derived_from"]) - {""} <= DERIVED
    assert sorted(criteria["sort_order"]) == list(range(1, len(CRITERIA) + 1))


def test_weight_profiles(seed: dict[str, pd.DataFrame]) -> None:
    profiles = seed["weight_profiles.csv"]
    assert set(profiles["slug"]) == PROFILES
    assert profiles["slug"].is_unique
    weights = profiles[["w_cost", "w_citizen_value", "w_feasibility"]].apply(pd.to_numeric)
    assert ((weights >= 0) & (weights <= 100)).all().all()
    assert (weights.sum(axis=1) > 0).all()
    assert (profiles["name_de"].str.strip() != "").all()


def test_ids_unique(seed: dict[str, pd.DataFrame]) -> None:
    assert seed["areas.csv"]["slug"].is_unique
    assert seed["systems.csv"]["id"].is_unique
    assert seed["options.csv"]["id"].is_unique
    pairs = seed["assessments.csv"][["option", "criterion"]]
    assert not pairs.duplicated().any()


def test_slugs_are_lowercase_kebab(seed: dict[str, pd.DataFrame]) -> None:
    pattern = r"[a-z0-9]+(-[a-z0-9]+)*"
    for name, column in [
        ("areas.csv", "slug"),
        ("systems.csv", "id"),
        ("options.csv", "id"),
        ("weight_profiles.csv", "slug"),
    ]:
        assert seed[name][column].str.fullmatch(pattern).all(), f"{name}.{column}"


def test_enums(seed: dict[str, pd.DataFrame]) -> None:
    assert set(seed["systems.csv"]["kind"]) <= KINDS
    assert set(seed["options.csv"]["pathway"]) <= PATHWAYS


def test_foreign_keys(seed: dict[str, pd.DataFrame], criteria: pd.DataFrame) -> None:
    areas = set(seed["areas.csv"]["slug"])
    systems = seed["systems.csv"].set_index("id")
    options = seed["options.csv"]
    assert set(systems["area"]) <= areas
    assert set(options["area"]) <= areas
    replaced = options[options["replaces_system"] != ""]
    assert set(replaced["replaces_system"]) <= set(systems.index)
    # a replaced system belongs to the option's own area
    assert (systems.loc[replaced["replaces_system"], "area"].to_numpy() == replaced["area"]).all()
    option_ids = set(options["id"])
    assert set(seed["cost_lines.csv"]["option"]) <= option_ids
    assert set(seed["assessments.csv"]["option"]) <= option_ids
    assert set(seed["assessments.csv"]["criterion"]) <= set(criteria.index)


def test_every_area_has_all_pathways_and_one_status_quo(seed: dict[str, pd.DataFrame]) -> None:
    options = seed["options.csv"]
    for area in AREA_SLUGS:
        own = options[options["area"] == area]
        assert len(own) >= 4, area
        assert set(own["pathway"]) == PATHWAYS, area
        assert (own["pathway"] == "status_quo").sum() == 1, area
        assert own["name"].is_unique, area
        status_quo = own[own["pathway"] == "status_quo"]
        assert (status_quo["partner"] == "").all(), area
        assert (own.loc[own["pathway"] != "status_quo", "partner"].str.strip() != "").all(), area


def test_every_option_has_cost_lines(seed: dict[str, pd.DataFrame]) -> None:
    missing = set(seed["options.csv"]["id"]) - set(seed["cost_lines.csv"]["option"])
    assert not missing


def test_costs_are_non_negative(seed: dict[str, pd.DataFrame]) -> None:
    lines = seed["cost_lines.csv"]
    for column in ["investment_eur", "annual_cost_eur", "staff_fte"]:
        values = numeric(lines, column)
        assert values.notna().all(), column
        assert (values >= 0).all(), column
    assert (lines["item"].str.strip() != "").all()
    annual = numeric(seed["systems.csv"], "annual_cost_eur").dropna()
    assert (annual >= 0).all()
    reach = numeric(seed["systems.csv"], "reach_value").dropna()
    assert (reach >= 0).all()


def test_every_option_has_one_assessment_per_assessed_criterion(
    seed: dict[str, pd.DataFrame], criteria: pd.DataFrame
) -> None:
    assessed = set(criteria.index[criteria["derived_from"] == ""])
    assessments = seed["assessments.csv"]
    assert not set(assessments["criterion"]) & set(criteria.index[criteria["derived_from"] != ""])
    counts = assessments.groupby(["option", "criterion"]).size()
    for option in seed["options.csv"]["id"]:
        for criterion in assessed:
            assert counts.get((option, criterion), 0) == 1, (option, criterion)


def test_assessment_values_within_range(
    seed: dict[str, pd.DataFrame], criteria: pd.DataFrame
) -> None:
    assessments = seed["assessments.csv"]
    values = numeric(assessments, "value")
    assert values.notna().all()
    low = assessments["criterion"].map(criteria["min_value"])
    high = assessments["criterion"].map(criteria["max_value"])
    outside = assessments[(values < low) | (values > high)]
    assert outside.empty, outside[["option", "criterion", "value"]].to_dict("records")


def test_assessments_have_rationale_and_date(seed: dict[str, pd.DataFrame]) -> None:
    assessments = seed["assessments.csv"]
    assert (assessments["rationale"].str.strip() != "").all()
    for value in assessments["assessed_on"]:
        dt.date.fromisoformat(value)


@pytest.mark.parametrize(
    "name", ["systems.csv", "options.csv", "cost_lines.csv", "assessments.csv"]
)
def test_honesty_rule(name: str) -> None:
    """Every row names a source or is an estimate with a reason."""
    frame = read(name)
    sourced = frame["source"].str.strip() != ""
    estimated = (frame["is_estimate"] == "true") & (frame["estimate_reason"].str.strip() != "")
    offenders = frame[~(sourced | estimated)]
    assert offenders.empty, offenders.iloc[:, :3].to_dict("records")
    # an estimate always says why
    flagged = frame[frame["is_estimate"] == "true"]
    assert (flagged["estimate_reason"].str.strip() != "").all()


def test_options_have_name_and_description(seed: dict[str, pd.DataFrame]) -> None:
    options = seed["options.csv"]
    assert (options["name"].str.strip() != "").all()
    assert (options["description"].str.strip() != "").all()


def _area_matrix(seed: dict[str, pd.DataFrame], criteria: pd.DataFrame, area: str) -> pd.DataFrame:
    """Options × criteria of one area; derived criteria computed from the cost lines."""
    ids = seed["options.csv"].loc[seed["options.csv"]["area"] == area, "id"]
    lines = seed["cost_lines.csv"].copy()
    for column in ["investment_eur", "annual_cost_eur", "staff_fte"]:
        lines[column] = numeric(lines, column)
    totals = lines.groupby("option")[["investment_eur", "annual_cost_eur", "staff_fte"]].sum()
    totals = totals.reindex(ids)
    annuity = sum((1 + DISCOUNT_RATE) ** -t for t in range(1, HORIZON_YEARS + 1))
    derived = pd.DataFrame(
        {
            "npv": totals["investment_eur"] + totals["annual_cost_eur"] * annuity,
            "investment": totals["investment_eur"],
            "fte": totals["staff_fte"],
        }
    )
    assessments = seed["assessments.csv"].assign(value=numeric(seed["assessments.csv"], "value"))
    values = assessments.pivot(index="option", columns="criterion", values="value").reindex(ids)
    matrix = pd.DataFrame(index=ids)
    for key, row in criteria.iterrows():
        matrix[key] = derived[row["derived_from"]] if row["derived_from"] else values[key]
    return matrix


def _top_option(matrix: pd.DataFrame, criteria: pd.DataFrame, groups: dict[str, float]) -> str:
    """Min-max normalised weighted sum (cost criteria inverted); best option id."""
    group_total = sum(groups.values())
    within_total = criteria.groupby("grp")["default_weight"].sum()
    score = pd.Series(0.0, index=matrix.index)
    for key, row in criteria.iterrows():
        column = matrix[key].astype(float)
        spread = column.max() - column.min()
        if spread == 0:
            continue  # a constant criterion does not change the order
        normalised = (column - column.min()) / spread
        if row["direction"] == "cost":
            normalised = 1 - normalised
        weight = groups[row["grp"]] / group_total * row["default_weight"] / within_total[row["grp"]]
        score += weight * normalised
    return str(score.idxmax())


def test_weights_matter_in_at_least_three_areas(
    seed: dict[str, pd.DataFrame], criteria: pd.DataFrame
) -> None:
    flips = []
    for area in AREA_SLUGS:
        matrix = _area_matrix(seed, criteria, area)
        assert matrix.notna().all().all(), area
        if _top_option(matrix, criteria, COST_HEAVY) != _top_option(
            matrix, criteria, CITIZEN_HEAVY
        ):
            flips.append(area)
    assert len(flips) >= 3, f"top option changes only in {flips}"
