"""Every catalogue key is used by the code, and every key the code names is in the catalogue.

"Used" is read from the Python sources of core/, ui/, pages/ and app.py with ``ast``: a string
constant equal to a key uses that key. Keys the code builds at run time are declared below,
family by family, so that a key nothing uses still fails the test.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from core import editing, excel, i18n, scoring, settings
from core.scoring import decision

SOURCES = ("core", "ui", "pages", "app.py")

# f"<prefix>{value}" builds a key from data: it uses every key with that prefix.
DYNAMIC_PREFIXES = (
    "audit_action_",  # an audit row's action (core/excel/audit_sheet.py, ui/audit_view.py)
    "audit_entity_",  # an audit row's table
    "comm_mean_",  # the committee's way of averaging (pages/committee.py)
    "data_action_",  # an import change: added, changed, removed (core/excel/importer.py)
    "direction_",  # a criterion's direction: benefit or cost
    "import_conflict_",  # an import conflict's kind (core/excel/preview.py)
    "group_",  # a criterion group: cost, citizen_value, feasibility
    "kind_",  # a system's kind: in_house, saas, shared, standard
    "mc_mode_",  # the Monte Carlo sampling mode (ui/montecarlo_section.py)
    "param_",  # a rejected URL parameter (core/views/urlstate.py)
    "pathway_",  # an option's pathway
    "pf_objective_",  # the portfolio objective (ui/portfolio_section.py)
    "preview_",  # a row's table in the import preview (core/excel/preview.py)
    "reuse_part_",  # the part of a catalogue update (pages/reuse.py)
    "row_kind_",  # the table a cited row is from (core/views/sourcing.py)
    "wibe_",  # a WiBe verdict (ui/cost_section.py)
    "xl_catalogue_",  # the Kataloge sheet's blocks (core/excel/template.py)
    "xl_guide_",  # the numbered steps of the Anleitung sheet
    "xl_legend_",  # a sheet's legend (core/excel/sheets.py)
    "xl_sheet_",  # a sheet's name
)

# f"{key}<suffix>" builds the twin of a used key.
DYNAMIC_SUFFIXES = (
    "_short",  # views.ranking_short_headers: the narrow table's header
    "_one",  # i18n.t: the singular twin of a text with {count}, used when count is 1
)
# scoring.text_key builds f"{key}_{variant}" for a method's text variant (PROMETHEE II:
# "_netflow", wording of a text that names points); the registry declares the variants.
VARIANT_SUFFIXES = tuple(
    sorted(
        {
            f"_{scoring.method_spec(m).text_variant}"
            for m in scoring.METHODS
            if scoring.method_spec(m).text_variant
        }
    )
)

# Families whose values the code declares: every key they build must exist.
KEY_FAMILIES = {
    "method_": scoring.METHODS,
    "group_": scoring.GROUPS,
    "direction_": decision.DIRECTIONS,
    "audit_action_": editing.AUDIT_ACTIONS,
    "audit_entity_": editing.AUDIT_ENTITIES,
    "import_conflict_": excel.CONFLICT_KINDS,
    "preview_": ("systems", "options", "cost_line", "assessment"),
}

# Callables whose first argument is a catalogue key: t() and its aliases, text_key().
KEY_FUNCTIONS = {"t", "_t", "text_key"}
ERROR_BASE = "CockpitError"


@dataclass(frozen=True)
class Sources:
    """What the scanned sources say about keys."""

    constants: frozenset[str]
    fstring_prefixes: frozenset[str]  # literal text before an f-string's first value
    fstring_suffixes: frozenset[str]  # literal text after an f-string's last value
    key_arguments: tuple[tuple[str, str], ...]  # (location, key) of t("key"), Error("key")
    prose_arguments: tuple[tuple[str, str], ...]  # (location, name) of prose("name")


def _python_files() -> Iterator[Path]:
    for name in SOURCES:
        path = settings.REPO_ROOT / name
        yield from sorted(path.rglob("*.py")) if path.is_dir() else [path]


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _error_classes(trees: list[ast.Module]) -> set[str]:
    """CockpitError and every class derived from it, by name."""
    names = {ERROR_BASE}
    classes = [node for tree in trees for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    while True:
        found = {
            c.name
            for c in classes
            if c.name not in names
            and any((b.id if isinstance(b, ast.Name) else None) in names for b in c.bases)
        }
        if not found:
            return names
        names |= found


@functools.cache
def scan() -> Sources:
    files = {path: ast.parse(path.read_text(encoding="utf-8")) for path in _python_files()}
    errors = _error_classes(list(files.values()))
    constants: set[str] = set()
    prefixes: set[str] = set()
    suffixes: set[str] = set()
    keys: list[tuple[str, str]] = []
    prose: list[tuple[str, str]] = []
    for path, tree in files.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                constants.add(node.value)
            elif isinstance(node, ast.JoinedStr) and len(node.values) >= 2:
                first, second = node.values[:2]
                if isinstance(first, ast.Constant) and isinstance(second, ast.FormattedValue):
                    prefixes.add(first.value)
                before_last, last = node.values[-2:]
                if isinstance(last, ast.Constant) and isinstance(before_last, ast.FormattedValue):
                    suffixes.add(last.value)
            elif isinstance(node, ast.Call) and node.args:
                argument = node.args[0]
                if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
                    continue
                where = f"{path.relative_to(settings.REPO_ROOT)}:{node.lineno}"
                callee = _callee(node)
                if callee in KEY_FUNCTIONS or callee in errors:
                    keys.append((where, argument.value))
                elif callee == "prose":
                    prose.append((where, argument.value))
    return Sources(
        frozenset(constants), frozenset(prefixes), frozenset(suffixes), tuple(keys), tuple(prose)
    )


def used_keys(keys: set[str], sources: Sources) -> set[str]:
    """The keys of ``keys`` that ``sources`` use, directly or through a declared family."""
    used = keys & sources.constants
    used |= {
        key
        for key in keys
        for prefix in DYNAMIC_PREFIXES
        if key.startswith(prefix) and prefix in sources.fstring_prefixes
    }
    while twins := {
        key
        for key in keys - used
        for suffix in (*DYNAMIC_SUFFIXES, *VARIANT_SUFFIXES)
        if key.endswith(suffix)
        and key.removesuffix(suffix) in used
        and (suffix in sources.fstring_suffixes or suffix in VARIANT_SUFFIXES)
    }:
        used |= twins
    return used


def test_every_key_is_used_by_the_code() -> None:
    unused = set(i18n.TEXT) - used_keys(set(i18n.TEXT), scan())
    assert not unused, f"catalogue keys nothing uses: {sorted(unused)}"


def test_every_prose_text_is_used_by_the_code() -> None:
    assert set(i18n.PROSE) == {name for _, name in scan().prose_arguments}


def test_an_unused_key_is_found() -> None:
    """The check can fail: a key and its twin that the code never names are reported."""
    keys = set(i18n.TEXT) | {"zz_unused", "zz_unused_netflow", "zz_unused_short"}
    assert not {"zz_unused", "zz_unused_netflow", "zz_unused_short"} & used_keys(keys, scan())


@pytest.mark.parametrize("prefix", DYNAMIC_PREFIXES)
def test_declared_prefix_families_are_built_by_the_code(prefix: str) -> None:
    assert prefix in scan().fstring_prefixes, f'no f"{prefix}{{...}}" left: drop the family'
    assert any(key.startswith(prefix) for key in i18n.TEXT), prefix


@pytest.mark.parametrize("suffix", DYNAMIC_SUFFIXES)
def test_declared_suffix_families_are_built_by_the_code(suffix: str) -> None:
    assert suffix in scan().fstring_suffixes, f'no f"{{...}}{suffix}" left: drop the family'
    assert any(key.endswith(suffix) for key in i18n.TEXT), suffix


def test_every_key_the_code_names_is_in_the_catalogue() -> None:
    named = scan().key_arguments
    assert len(named) > 500  # the scan finds t("...") and Error("...") calls at all
    missing = [(where, key) for where, key in named if key not in i18n.TEXT]
    assert not missing
    for where, key in named:
        assert i18n.TEXT[key].get("de") and i18n.TEXT[key].get("en"), (where, key)


def test_every_prose_text_the_code_names_exists_in_both_languages() -> None:
    for where, name in scan().prose_arguments:
        assert name in i18n.PROSE, (where, name)
        assert set(i18n.PROSE[name]) == set(i18n.LANGUAGES), (where, name)


@pytest.mark.parametrize(("prefix", "values"), KEY_FAMILIES.items())
def test_every_key_a_family_builds_exists(prefix: str, values: tuple[str, ...]) -> None:
    for value in values:
        assert f"{prefix}{value}" in i18n.TEXT, f"{prefix}{value}"
