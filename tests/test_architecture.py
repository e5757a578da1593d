"""The shape of the house: subpackages, their layering, and what pages and ui may import.

core/ holds subpackages and only four plain modules. Imports between subpackages go
downwards in LAYERS (a cycle is therefore impossible, and is reported as one). core never
imports streamlit. Pages, ui and app.py use the public names a subpackage's __init__
exports, never its modules.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "core"
PLAIN_MODULES = {"__init__", "__main__", "errors", "settings"}
# Lowest first: a subpackage may import from its own and lower layers only. "base" is the
# plain modules errors and settings; "entry" is ``python -m core`` (core/__main__.py).
LAYERS = (
    "i18n",
    "base",
    "store",
    "scoring",
    "editing",
    "analysis",
    "views",
    "excel",
    "cli",
    "entry",
)
PACKAGES = tuple(layer for layer in LAYERS if layer not in ("base", "entry"))


def _python_files(*folders: Path) -> Iterator[Path]:
    for folder in folders:
        yield from sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """Every module a file imports (module-level and inside functions), absolute."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"


def _layer_of_core(dotted: str) -> str | None:
    """The subpackage (or "base") that ``core.x.y`` belongs to; None outside core."""
    parts = dotted.split(".")
    if parts[0] != "core" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in PACKAGES else "base"


def _layer_of_file(path: Path) -> str:
    rel = path.relative_to(CORE)
    if len(rel.parts) > 1:
        return rel.parts[0]
    return "entry" if path.stem == "__main__" else "base"


def package_graph() -> dict[str, set[str]]:
    """Subpackage → subpackages it imports."""
    graph: dict[str, set[str]] = {layer: set() for layer in LAYERS}
    for path in _python_files(CORE):
        source = _layer_of_file(path)
        for _, name in _imports(path):
            target = _layer_of_core(name)
            if target and target != source:
                graph[source].add(target)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a path (first node repeated at the end), or None."""
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*trail[trail.index(nxt) :], nxt] if nxt in trail else [node, nxt]
            if nxt not in state and (found := visit(nxt, [*trail, nxt])):
                return found
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start, [start])):
            return found
    return None


def test_core_is_subpackages_and_four_plain_modules() -> None:
    loose = sorted(p.stem for p in CORE.glob("*.py") if p.stem not in PLAIN_MODULES)
    assert loose == [], f"modules outside a subpackage: {loose}"
    folders = sorted(p.name for p in CORE.iterdir() if p.is_dir() and p.name != "__pycache__")
    assert folders == sorted(PACKAGES)


@pytest.mark.parametrize("package", PACKAGES)
def test_every_subpackage_names_its_public_api(package: str) -> None:
    module = importlib.import_module(f"core.{package}")
    assert module.__doc__ and module.__doc__.strip()
    if package == "i18n":
        return  # the catalogue is one module: t, for_method, LANGUAGES
    exported = getattr(module, "__all__", None)
    assert exported, f"core.{package} has no __all__"
    missing = [name for name in exported if not hasattr(module, name)]
    assert missing == []


def test_core_never_imports_streamlit() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in _python_files(CORE)
        for line, name in _imports(path)
        if name == "streamlit" or name.startswith("streamlit.")
    ]
    assert offenders == []


def test_subpackages_import_only_downwards() -> None:
    rank = {layer: i for i, layer in enumerate(LAYERS)}
    upward = []
    for path in _python_files(CORE):
        source = _layer_of_file(path)
        for line, name in _imports(path):
            target = _layer_of_core(name)
            if target and rank[target] > rank[source]:
                upward.append(f"{path.relative_to(ROOT)}:{line} {source} -> {name}")
    assert upward == []


def test_no_import_cycle_between_subpackages() -> None:
    assert find_cycle(package_graph()) is None


def test_the_cycle_finder_finds_a_cycle() -> None:
    """The check above can fail: a made-up graph with a cycle is caught."""
    assert find_cycle({"store": {"scoring"}, "scoring": {"editing"}, "editing": {"store"}}) == [
        "editing",
        "store",
        "scoring",
        "editing",
    ]
    assert find_cycle({"store": set(), "scoring": {"store"}}) is None


def test_pages_and_ui_use_public_names_only() -> None:
    allowed = {f"core.{p}" for p in PACKAGES} | {"core.errors", "core.settings"}
    private = []
    for path in [ROOT / "app.py", *_python_files(ROOT / "pages", ROOT / "ui")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("core"):
                if node.module == "core":
                    names = {f"core.{a.name}" for a in node.names}
                    if names - allowed:
                        private.append(f"{path.relative_to(ROOT)}:{node.lineno}")
                elif node.module not in {"core.errors"}:
                    private.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.module}")
            elif isinstance(node, ast.Import) and any(
                a.name.startswith("core") for a in node.names
            ):
                private.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert private == []


def test_pages_and_ui_reach_no_module_through_a_package() -> None:
    """``views.fmt.eur`` would bypass the public API; only exported names are used."""
    bad = []
    for path in [ROOT / "app.py", *_python_files(ROOT / "pages", ROOT / "ui")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        bound = {
            alias.asname or alias.name: importlib.import_module(f"core.{alias.name}")
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "core"
            for alias in node.names
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                module = bound.get(node.value.id)
                if module is None:
                    continue
                public = getattr(module, "__all__", None)
                value = getattr(module, node.attr, None)
                if (public is not None and node.attr not in public) or isinstance(value, type(ast)):
                    bad.append(
                        f"{path.relative_to(ROOT)}:{node.lineno} {node.value.id}.{node.attr}"
                    )
    assert bad == []


def test_every_cache_of_the_app_is_keyed_by_tenant() -> None:
    """Two tenants at the same data version must never share a cached result: pages and ui
    cache only through ui.data's tenant-keyed decorators (``data.cache_data`` /
    ``data.cache_resource``); only ui/data.py itself touches ``st.cache_*`` (for the
    connection per store and tenant, and to build those decorators)."""
    offenders = []
    for path in _python_files(ROOT / "pages", ROOT / "ui"):
        if path == ROOT / "ui" / "data.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in ("cache_data", "cache_resource")
                and isinstance(node.value, ast.Name)
                and node.value.id == "st"
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, offenders
