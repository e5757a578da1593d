"""AppTest fixtures: a seeded store file per test session, the app started on a page."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest, element_tree

from core import settings, store, views
from core.scoring import area_model
from core.store import seed
from tests.tenant_fixtures import two_tenants_url

APP = str(settings.REPO_ROOT / "app.py")
__all__ = ["two_tenants_url"]  # fixture: two seeded tenants on PostgreSQL
SOFT_HYPHEN = "\u00ad"


@pytest.fixture(autouse=True)
def tables_as_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables as a reader sees them: ui.tables.static escapes every text cell for Markdown
    (views.md) and puts invisible soft hyphens into long header words; tests name columns
    and compare cells without either."""
    value = element_tree.Table.value

    def read(table: element_tree.Table) -> pd.DataFrame:
        frame = value.fget(table)
        frame = frame.rename(
            columns=lambda c: c.replace(SOFT_HYPHEN, "") if isinstance(c, str) else c
        )
        for column in frame.columns:
            if pd.api.types.is_object_dtype(frame[column]) or pd.api.types.is_string_dtype(
                frame[column]
            ):
                frame[column] = frame[column].map(
                    lambda v: views.md_unescape(v) if isinstance(v, str) else v
                )
        return frame

    monkeypatch.setattr(element_tree.Table, "value", property(read))


@pytest.fixture(scope="session")
def app_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("app") / "cockpit.duckdb")
    seed.open_seeded(path).close()
    return path


@pytest.fixture
def make_app(app_db: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., AppTest]]:
    monkeypatch.setenv("COCKPIT_DB", app_db)

    def make(page: str | None = None, **query: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=30)
        if query:
            at.query_params.update(query)
        at.run()
        assert not at.exception, at.exception
        if page:
            at.switch_page(page).run()
            assert not at.exception, at.exception
        return at

    yield make


@pytest.fixture(scope="session")
def models(app_db: str) -> dict[str, area_model.AreaModel]:
    with store.connect(app_db) as conn:
        return area_model.load_areas(
            conn, settings.get("horizon_years"), settings.get("discount_rate")
        )


@pytest.fixture(scope="session")
def models_en(app_db: str) -> dict[str, area_model.AreaModel]:
    """The area models as the English UI has them (English option names)."""
    with store.connect(app_db) as conn:
        return area_model.load_areas(
            conn, settings.get("horizon_years"), settings.get("discount_rate"), lang="en"
        )


def table_options(at: AppTest, index: int = 0) -> list[str]:
    """Option names of the ranking table, top first."""
    frame = at.table[index].value
    column = next(c for c in frame.columns if c in ("Option",))
    return frame[column].tolist()


def _shown(at: AppTest) -> dict[str, list[str]]:
    """The values a reader sees, by element kind, in page order."""
    return {
        "text": [
            e.value for kind in ("caption", "markdown", "success", "warning") for e in at.get(kind)
        ],
        "metric": [m.value for m in at.metric],
        "table": [d.value.to_csv() for kind in ("dataframe", "table") for d in at.get(kind)],
    }


def _in_order(part: list[str], whole: list[str]) -> bool:
    rest = iter(whole)
    return all(any(item == other for other in rest) for item in part)


def settle(at: AppTest) -> AppTest:
    """After a widget change that reran only a fragment (the weights fragment, or its results
    part for a portfolio input): AppTest then holds only the fragment's elements. Rerun the
    whole app with the same state, check that the fragment showed exactly what the whole run
    shows (same values, same order), and return the app with its whole element tree."""
    assert not at.exception, at.exception
    fragment = _shown(at)
    at.run()
    assert not at.exception, at.exception
    whole = _shown(at)
    for kind, values in fragment.items():
        assert _in_order(values, whole[kind]), (kind, values, whole[kind])
    return at


def open_tab(at: AppTest, widget_key: str, label: str) -> AppTest:
    """Open a lazy tab (ui.view_tabs) by its label: AppTest cannot click a tab, so set the
    tabs' widget state, as a click does, and rerun the app."""
    at.session_state[widget_key] = label
    at.run()
    assert not at.exception, at.exception
    assert label in [tab.label for tab in at.tabs]
    return at


def spec(at: AppTest) -> Path:  # pragma: no cover - helper for debugging
    return Path(APP)


def elements(node) -> list[tuple[str, bytes]]:
    """Every element and block of the app's tree, in order, as its type and its proto (a
    download's file reference left out: the file is stored anew on every run)."""
    found = []
    proto = getattr(node, "proto", None)
    if proto is not None:
        if node.type == "download_button":
            copy = type(proto)()
            copy.CopyFrom(proto)
            proto = copy
            proto.ClearField("url")
            proto.ClearField("deferred_file_id")
        found.append((node.type, proto.SerializeToString(deterministic=True)))
    for child in getattr(node, "children", {}).values():
        found.extend(elements(child))
    return found
