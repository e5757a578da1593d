"""CLI commands ``sensitivity``, ``portfolio`` and ``montecarlo`` (see ``build_parser``).

    python -m core sensitivity --area SLUG [--weights …] [--method …]
    python -m core portfolio [--budget-invest N] [--budget-annual N] [--weights …]
                             [--area-weights AREA=N,…] [--objective benefit|citizen_value]
                             [--pin AREA=OPTION …] [--exclude AREA …]
                             [--exclude-option OPTION …] [--requires OPTION>OPTION …]
                             [--solver auto|dp|milp] [--curve] [--confidence]
    python -m core montecarlo [--area SLUG] [--weights …] [--method …] [--samples N]
                              [--seed N] [--weights-only] [--ranges]

Benefit is in points on the global value scales times the area weights (comparable across
areas); costs are euros.

Both print JSON on stdout. Weights in the output are shares in [0, 1]. A budget nothing fits
is a result (``"feasible": false``, exit code 0), not an error; invalid input follows
:mod:`core.cli`: one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import math
from typing import TYPE_CHECKING, Any

from core.cli.choices import METHOD_OPTION, OBJECTIVE_CHOICES, SOLVER_CHOICES
from core.errors import InputError

if TYPE_CHECKING:
    from core.scoring import area_model

# The heavy modules (numpy, pandas, DuckDB) are imported inside the commands, so that
# building the parser for `--help` or `areas` stays fast.
MONTECARLO_SAMPLES = 10_000  # = analysis.montecarlo.DEFAULT_SAMPLES (tests/cli check it)
MONTECARLO_SEED = 2021  # = analysis.montecarlo.DEFAULT_SEED


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def cmd_sensitivity(args: argparse.Namespace) -> int:
    from core import store
    from core.analysis import sensitivity
    from core.scoring import area_model
    from core.scoring.weightset import parse_weights_spec
    from core.store import seed

    with seed.open_seeded(args.db) as conn:
        store.require_area(conn, args.area)
        model = area_model.load_areas(conn, args.horizon, args.rate)[args.area]
    weights = parse_weights_spec(args.weights, set(model.criteria["key"]))
    result = sensitivity.area_stability(model, weights, args.method)
    _print_json({**sensitivity.to_json_dict(result), "group_weights": weights.group_shares()})
    return 0


def _pins(specs: list[str] | None) -> dict[str, str]:
    pins: dict[str, str] = {}
    for spec in specs or []:
        area, sep, option = spec.partition("=")
        if not sep or not area.strip() or not option.strip():
            raise InputError("portfolio_bad_pin", spec=spec)
        pins[area.strip()] = option.strip()
    return pins


def _links(specs: list[str] | None) -> list[tuple[str, str]]:
    links = []
    for spec in specs or []:
        option, sep, needed = spec.partition(">")
        if not sep or not option.strip() or not needed.strip():
            raise InputError("portfolio_bad_link", spec=spec)
        links.append((option.strip(), needed.strip()))
    return links


def cmd_portfolio(args: argparse.Namespace) -> int:
    from core import store
    from core.analysis import portfolio
    from core.scoring import area_model, global_value
    from core.scoring.weightset import parse_weights_spec
    from core.store import seed

    with seed.open_seeded(args.db) as conn:
        models = area_model.load_areas(conn, args.horizon, args.rate)
        keys = set(store.criteria(conn)["key"])
    weights = parse_weights_spec(args.weights, keys)
    area_weights = global_value.parse_area_weights(args.area_weights, models)
    items = portfolio.portfolio_items(models, weights, area_weights, args.objective)
    constraints: dict[str, Any] = {
        "pinned": _pins(args.pin),
        "excluded": list(args.exclude or []),
        "excluded_options": list(args.exclude_option or []),
        "requires": _links(args.requires),
    }
    result = portfolio.solve(
        items, args.budget_invest, args.budget_annual, solver=args.solver, **constraints
    )
    output: dict[str, Any] = {
        "objective": args.objective,
        "unit": "benefit points on the global value scales × area weight; costs in EUR",
        "group_weights": weights.group_shares(),
        "area_weights": area_weights.to_json_dict(models),
        **result.to_json_dict(),
    }
    if result.feasible:
        output["next_50000_eur"] = [
            step.to_json_dict() for step in portfolio.next_steps(items, result, **constraints)
        ]
    output["best_buys"] = [
        {
            "order": int(row.order),
            "area": row.area,
            "option_id": row.option_id,
            "extra_npv_cost": round(float(row.extra_cost), 2),
            "extra_value": round(float(row.extra_value), 6),
            "value_per_100k_eur": None
            if not math.isfinite(row.value_per_100k)
            else round(float(row.value_per_100k), 6),
        }
        for row in portfolio.best_buys(items).itertuples(index=False)
    ]
    if args.curve:
        curve = portfolio.efficiency_curve(items, "investment", args.budget_annual, **constraints)
        output["efficiency_curve"] = [
            {
                "budget_investment": float(row["budget"]),
                "value": round(float(row["value"]), 6),
                "choices": {a: row[a] for a in curve.columns[3:]},
            }
            for _, row in curve.iterrows()
        ]
    if args.confidence:
        confidence = portfolio.portfolio_confidence(
            models, weights, area_weights, result, items, objective=args.objective, **constraints
        )
        output["confidence"] = None if confidence is None else confidence.to_json_dict()
    _print_json(output)
    return 0


def _ranges_json(model: area_model.AreaModel) -> list[dict[str, Any]]:
    """Every cell's value and range (low – high) of one area, for the JSON output."""
    low, high = model.bounds
    rows = []
    for i, option in enumerate(model.options["id"]):
        for j, key in enumerate(model.criteria["key"]):
            rows.append(
                {
                    "option_id": option,
                    "criterion": key,
                    "value": float(model.matrix[i, j]),
                    "low": float(low[i, j]),
                    "high": float(high[i, j]),
                }
            )
    return rows


def cmd_montecarlo(args: argparse.Namespace) -> int:
    from core import store
    from core.analysis import montecarlo
    from core.scoring import area_model, ranges
    from core.scoring.weightset import parse_weights_spec
    from core.store import seed

    with seed.open_seeded(args.db) as conn:
        models = area_model.load_areas(conn, args.horizon, args.rate)
        if args.area:
            store.require_area(conn, args.area)
            models = {args.area: models[args.area]}
        keys = set(store.criteria(conn)["key"])
    weights = parse_weights_spec(args.weights, keys)
    areas = []
    for slug, model in models.items():
        result = montecarlo.rank_acceptability(
            model,
            weights.for_criteria(model.criteria),
            args.method,
            samples=args.samples,
            seed=args.seed,
            data=not args.weights_only,
        )
        table = result.table()
        entry: dict[str, Any] = {
            "area": slug,
            "options": [
                {
                    "option_id": row.option_id,
                    "option": row.option,
                    "expected_rank": round(float(row.expected_rank), 4),
                    "first_share": round(float(row.first_share), 4),
                    "rank_shares": [
                        round(float(x), 4)
                        for x in result.acceptability[result.option_ids.index(row.option_id)]
                    ],
                }
                for row in table.itertuples(index=False)
            ],
        }
        if args.ranges:
            entry["ranges"] = _ranges_json(model)
        areas.append(entry)
    _print_json(
        {
            "method": args.method,
            "samples": args.samples,
            "seed": args.seed,
            "sampled": "weights" if args.weights_only else "data and weights",
            "default_ranges": {
                "assessment_estimate_share_of_scale": ranges.ASSESSMENT_ESTIMATE_SHARE,
                "cost_estimate_low_factor": ranges.COST_ESTIMATE_LOW,
                "cost_estimate_high_factor": ranges.COST_ESTIMATE_HIGH,
            },
            "group_weights": weights.group_shares(),
            "areas": areas,
        }
    )
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``sensitivity`` and ``portfolio`` to the CLI."""
    p = subparsers.add_parser("sensitivity", help="weight stability of one area's ranking")
    p.add_argument("--area", required=True)
    p.add_argument("--weights", default=None, help="cost=40,citizen_value=40,feasibility=20")
    p.add_argument("--method", **METHOD_OPTION)
    p.add_argument("--horizon", type=int, default=None)
    p.add_argument("--rate", type=float, default=None)
    p.set_defaults(func=cmd_sensitivity)

    p = subparsers.add_parser("portfolio", help="best option per area within budgets")
    p.add_argument("--budget-invest", type=float, default=None, help="one-off budget in €")
    p.add_argument("--budget-annual", type=float, default=None, help="annual budget in €")
    p.add_argument("--weights", default=None, help="cost=40,citizen_value=40,feasibility=20")
    p.add_argument("--method", **METHOD_OPTION)
    p.add_argument("--area-weights", default=None, help="homepage=2,ozg=1 (default: all 1)")
    p.add_argument(
        "--objective",
        choices=OBJECTIVE_CHOICES,
        default="benefit",
        metavar="OBJECTIVE",
        help="%(choices)s (default: %(default)s)",
    )
    p.add_argument("--pin", action="append", help="AREA=OPTION_ID, a must-have (repeatable)")
    p.add_argument("--exclude", action="append", help="AREA (repeatable)")
    p.add_argument("--exclude-option", action="append", help="OPTION_ID (repeatable)")
    p.add_argument("--requires", action="append", help="OPTION>REQUIRED_OPTION (repeatable)")
    p.add_argument(
        "--solver",
        choices=SOLVER_CHOICES,
        default="auto",
        metavar="SOLVER",
        help="%(choices)s (default: %(default)s)",
    )
    p.add_argument("--curve", action="store_true", help="add the efficiency curve")
    p.add_argument("--confidence", action="store_true", help="Monte Carlo over data+weights")
    p.add_argument("--horizon", type=int, default=None)
    p.add_argument("--rate", type=float, default=None)
    p.set_defaults(func=cmd_portfolio)

    p = subparsers.add_parser("montecarlo", help="rank acceptability under uncertain data")
    p.add_argument("--area", default=None, help="one area (default: all)")
    p.add_argument("--weights", default=None, help="cost=40,citizen_value=40,feasibility=20")
    p.add_argument("--method", **METHOD_OPTION)
    p.add_argument("--samples", type=int, default=MONTECARLO_SAMPLES)
    p.add_argument("--seed", type=int, default=MONTECARLO_SEED)
    p.add_argument("--weights-only", action="store_true", help="keep the data fixed")
    p.add_argument("--ranges", action="store_true", help="list every value with its range")
    p.add_argument("--horizon", type=int, default=None)
    p.add_argument("--rate", type=float, default=None)
    p.set_defaults(func=cmd_montecarlo)
