"""What an export is made of: the request (weights, method, NPV settings) and a store snapshot.

The snapshot reads the store once and builds every area model, so that one workbook shows
one consistent data version even while someone else imports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from core import i18n, settings, store
from core.editing import english
from core.scoring import area_model, methods
from core.scoring.area_model import AreaModel
from core.scoring.weights import GROUPS
from core.scoring.weightset import WeightSet
from core.views import fmt, sourcing as sourcing_view
from core.views.sourcing import Sourcing


@dataclass(frozen=True)
class ExportRequest:
    """What to export with: weights, method, NPV settings, language and a fixed clock."""

    weights: WeightSet = field(default_factory=WeightSet)
    method: str = "wsm"
    horizon_years: int = 5
    discount_rate: float = 0.009
    lang: str = "de"
    now: dt.datetime | None = None

    def timestamp(self) -> dt.datetime:
        return (self.now or dt.datetime.now()).replace(microsecond=0, tzinfo=None)


@dataclass(frozen=True)
class Snapshot:
    """Everything an export reads from the store, read once."""

    areas: pd.DataFrame
    criteria: pd.DataFrame
    systems: pd.DataFrame
    options: pd.DataFrame
    cost_lines: pd.DataFrame
    assessments: pd.DataFrame
    models: dict[str, AreaModel]
    version: int
    version_date: str
    sources: pd.DataFrame = field(default_factory=pd.DataFrame)
    sourcing: Sourcing | None = None

    def with_stand(self, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
        """``frame`` with ``source_stand``: how old its cited sources are, flagged when older
        than the limit (see :mod:`core.views.sourcing`)."""
        if self.sourcing is None or "source" not in frame:
            return frame
        sourcing = self.sourcing
        stands = [
            sourcing_view.stand_label(
                sourcing_view.row_stand(cell, sourcing.sources),
                lang,
                sourcing.today,
                sourcing.max_age_years,
            )
            if isinstance(cell, str) and cell.strip()
            else ""
            for cell in frame["source"]
        ]
        return frame.assign(source_stand=stands)


def _with_english(conn: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the stored English texts (None where there is none)."""
    return english.add_columns(conn, table, frame, None, stale=True)


def snapshot(
    conn: duckdb.DuckDBPyConnection,
    horizon_years: int,
    discount_rate: float,
    today: dt.date | None = None,
) -> Snapshot:
    """Read the store once and build every area model; ``today`` dates the age flags. The
    data tables carry their stored English texts (``<column>_en``, None where there is none;
    also a translation of an older German text, see :func:`core.editing.english.add_columns`)."""
    options = _with_english(conn, "options", store.options(conn))
    criteria = store.criteria(conn)
    assessments = _with_english(conn, "assessments", store.assessments(conn))
    costs = store.cost_totals(conn)
    areas = store.areas(conn)
    models = {
        slug: area_model.build_area(
            slug, options, criteria, assessments, costs, horizon_years, discount_rate
        )
        for slug in areas["slug"]
    }
    version, version_date = store.data_version(conn)
    sources = store.sources(conn)
    return Snapshot(
        areas=areas,
        criteria=criteria,
        systems=_with_english(conn, "systems", store.systems(conn)),
        options=options,
        cost_lines=_with_english(conn, "cost_lines", store.cost_lines(conn)),
        assessments=assessments,
        models=models,
        version=version,
        version_date=version_date,
        sources=sources,
        sourcing=Sourcing(
            sourcing_view.registry(sources),
            today or dt.date.today(),
            settings.get("source_max_age_years"),
        ),
    )


def t(key: str, lang: str, **params: object) -> str:
    return i18n.t(key, lang, **params)


def date_text(iso: str, lang: str) -> str:
    """'2026-11-24' → '24.11.2026' in German (the sheet is read by people, not machines)."""
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return day.strftime("%d.%m.%Y") if lang == "de" else day.isoformat()


def check_request(request: ExportRequest, snap: Snapshot) -> None:
    """Reject an unknown method or weights the app would reject, before building anything."""
    methods.get(request.method)
    request.weights.criterion_weights(snap.criteria)


def weights_text(weights: WeightSet, lang: str) -> str:
    """'Kosten 34 %, Bürgernutzen 33 %, Umsetzbarkeit 33 %'."""
    shares = weights.group_shares()
    return ", ".join(f"{t(f'group_{g}', lang)} {fmt.percent(shares[g], 0, lang)}" for g in GROUPS)
