"""CLI commands ``sensitivity`` and ``portfolio`` (registered by :func:`core.cli.build_parser`).

    python -m core sensitivity --area SLUG [--weights …] [--method …]
    python -m core portfolio [--budget-invest N] [--budget-annual N] [--weights …]
                             [--method …] [--objective score|citizen_value]
                             [--pin AREA=OPTION …] [--exclude AREA …] [--curve]

Both print JSON on stdout. Weights in the output are shares in [0, 1]. A budget nothing fits
is a result (``"feasible": false``, exit code 0), not an error; invalid input follows
:mod:`core.cli`: one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
from typing import Any

from core import store
from core.analysis import portfolio, sensitivity
from core.cli import output
from core.errors import InputError
from core.scoring import area_model, methods
from core.scoring.weightset import parse_weights_spec
from core.store import seed


def _print_json(data: Any) -> None:
    print(output.json_text(data))


def cmd_sensitivity(args: argparse.Namespace) -> int:
    with seed.opened(args.db, read_only=True) as conn:
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


def cmd_portfolio(args: argparse.Namespace) -> int:
    with seed.opened(args.db, read_only=True) as conn:
        models = area_model.load_areas(conn, args.horizon, args.rate)
        keys = set(store.criteria(conn)["key"])
    weights = parse_weights_spec(args.weights, keys)
    items = portfolio.portfolio_items(models, weights, args.method, args.objective)
    pins, excluded = _pins(args.pin), list(args.exclude or [])
    result = portfolio.solve(items, args.budget_invest, args.budget_annual, pins, excluded)
    output: dict[str, Any] = {
        "objective": args.objective,
        "method": args.method,
        **result.to_json_dict(),
    }
    if args.curve:
        curve = portfolio.efficiency_curve(items, "investment", args.budget_annual, pins, excluded)
        output["efficiency_curve"] = [
            {
                "budget_investment": float(row["budget"]),
                "value": round(float(row["value"]), 6),
                "choices": {a: row[a] for a in curve.columns[3:]},
            }
            for _, row in curve.iterrows()
        ]
    _print_json(output)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``sensitivity`` and ``portfolio`` to the CLI."""
    p = subparsers.add_parser("sensitivity", help="weight stability of one area's ranking")
    p.add_argument("--area", required=True)
    p.add_argument("--weights", default=None, help="cost=40,citizen_value=40,feasibility=20")
    p.add_argument("--method", choices=methods.keys(), default="wsm")
    p.add_argument("--horizon", type=int, default=None)
    p.add_argument("--rate", type=float, default=None)
    p.set_defaults(func=cmd_sensitivity)

    p = subparsers.add_parser("portfolio", help="best option per area within budgets")
    p.add_argument("--budget-invest", type=float, default=None, help="one-off budget in €")
    p.add_argument("--budget-annual", type=float, default=None, help="annual budget in €")
    p.add_argument("--weights", default=None, help="cost=40,citizen_value=40,feasibility=20")
    p.add_argument("--method", choices=methods.keys(), default="wsm")
    p.add_argument("--objective", choices=portfolio.OBJECTIVES, default="score")
    p.add_argument("--pin", action="append", help="AREA=OPTION_ID (repeatable)")
    p.add_argument("--exclude", action="append", help="AREA (repeatable)")
    p.add_argument("--curve", action="store_true", help="add the efficiency curve")
    p.add_argument("--horizon", type=int, default=None)
    p.add_argument("--rate", type=float, default=None)
    p.set_defaults(func=cmd_portfolio)
