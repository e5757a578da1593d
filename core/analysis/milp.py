"""The budget portfolio as a mixed-integer programme, solved by HiGHS (``scipy.optimize.milp``).

One binary x_i per option; Σ x_i = 1 over each area's options; Σ investment·x ≤ B₁,
Σ annual·x ≤ B₂; a link "option a requires option b" is x_a ≤ x_b; maximise Σ benefit·x.
Budget rows are divided by their budget so that HiGHS' absolute tolerances mean the same
for 10,000 € and for 10 million €; the relative gap is 0 (the optimum is proven, not
approximated). A solution is checked against the budgets with the same tolerance the dynamic
programme uses, up to HiGHS' feasibility tolerance of 1e-7 of the budget.

HiGHS has no exponential cliff where the custom dynamic programme has one (120 areas × 10
options with two budgets: over 30 s on some instances); for small instances without links
the dynamic programme is faster and stays in use (measured in ``make bench``).
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator, Sequence

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array

_QUIET = threading.Lock()


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Silence file descriptor 1 while HiGHS runs.

    HiGHS 1.x (inside scipy) prints a debug line ("HighsMipSolverData::…") straight to the C
    stdout on some instances, whatever ``disp`` says; the CLI's JSON on stdout must stay
    clean. Python's own buffers are flushed first so nothing of ours is lost.
    """
    with _QUIET:
        sys.stdout.flush()
        try:
            saved = os.dup(1)
        except OSError:  # pragma: no cover - no usable descriptor 1
            yield
            return
        try:
            with open(os.devnull, "wb") as null:
                os.dup2(null.fileno(), 1)
            yield
        finally:
            os.dup2(saved, 1)
            os.close(saved)


# HiGHS' own default relative gap is 1e-4: fine for planning, not for "the exact optimum".
MIP_REL_GAP = 0.0


def solve(
    cost1: Sequence[np.ndarray],
    cost2: Sequence[np.ndarray],
    value: Sequence[np.ndarray],
    budget1: float = np.inf,
    budget2: float = np.inf,
    requires: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
) -> tuple[list[int], float] | None:
    """Exact optimum: item index per group and total value, or None if nothing fits.

    ``requires``: pairs ((group, item), (group, item)): choosing the first needs the second.
    """
    sizes = [len(v) for v in value]
    if not sizes:
        return [], 0.0
    offsets = np.concatenate(([0], np.cumsum(sizes)))
    n = int(offsets[-1])
    v = np.concatenate([np.asarray(x, dtype=float) for x in value])
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    data: list[np.ndarray] = []
    lower: list[float] = []
    upper: list[float] = []
    row = 0
    for k, size in enumerate(sizes):  # one option per area
        rows.append(np.full(size, row))
        cols.append(np.arange(offsets[k], offsets[k + 1]))
        data.append(np.ones(size))
        lower.append(1.0)
        upper.append(1.0)
        row += 1
    for cost, budget in ((cost1, budget1), (cost2, budget2)):
        if not np.isfinite(budget):
            continue
        c = np.concatenate([np.asarray(x, dtype=float) for x in cost])
        # at least 1 €: a budget of a few cents keeps HiGHS' tolerance absolute, and a
        # subnormal one would overflow the row to infinity (nothing would fit)
        scale = max(budget, 1.0)
        nonzero = np.flatnonzero(c)
        rows.append(np.full(len(nonzero), row))
        cols.append(nonzero)
        data.append(c[nonzero] / scale)
        lower.append(-np.inf)
        upper.append(budget / scale)
        row += 1
    for (ga, ia), (gb, ib) in requires:
        rows.append(np.array([row, row]))
        cols.append(np.array([offsets[ga] + ia, offsets[gb] + ib]))
        data.append(np.array([1.0, -1.0]))
        lower.append(-np.inf)
        upper.append(0.0)
        row += 1
    matrix = csr_array(
        (np.concatenate(data), (np.concatenate(rows), np.concatenate(cols))), shape=(row, n)
    )
    with _quiet_stdout():
        result = milp(
            -v,
            constraints=LinearConstraint(matrix, np.array(lower), np.array(upper)),
            integrality=np.ones(n),
            bounds=Bounds(0, 1),
            options={"mip_rel_gap": MIP_REL_GAP},
        )
    if result.x is None or result.status not in (0,):
        return None
    x = np.round(result.x).astype(bool)
    picks = [int(np.flatnonzero(x[offsets[k] : offsets[k + 1]])[0]) for k in range(len(sizes))]
    total = float(sum(np.asarray(val)[i] for val, i in zip(value, picks, strict=True)))
    return picks, total
