"""The registry of scoring methods: key → :class:`MethodSpec`, in display order.

It is built from the specs the method modules declare; :data:`METHODS` is the tuple of their
keys. Code that needs a method's properties asks :func:`get` (unknown keys raise the same
``unknown_method`` error everywhere) and lists methods with :func:`keys`, so a method added
with :func:`register` (or, in a test, :func:`registered`) shows up in every list and check.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from core import i18n
from core.errors import InputError
from core.scoring.methods import promethee, topsis, wsm
from core.scoring.methods.spec import MethodSpec

_SPECS: dict[str, MethodSpec] = {}


def register(spec: MethodSpec) -> None:
    """Add a scoring method after the registered ones; a key may be registered once."""
    if not isinstance(spec, MethodSpec):
        raise TypeError(f"not a MethodSpec: {spec!r}")
    if spec.key in _SPECS:
        raise ValueError(f"scoring method {spec.key!r} is already registered")
    _SPECS[spec.key] = spec


def unregister(key: str) -> None:
    """Remove a registered method (tests; the built-in methods stay)."""
    if key in METHODS:
        raise ValueError(f"built-in scoring method {key!r} cannot be removed")
    del _SPECS[key]


@contextmanager
def registered(spec: MethodSpec) -> Iterator[MethodSpec]:
    """Register ``spec`` for the duration of a ``with`` block."""
    register(spec)
    try:
        yield spec
    finally:
        unregister(spec.key)


def keys() -> tuple[str, ...]:
    """The registered method keys, in display order."""
    return tuple(_SPECS)


def get(key: object) -> MethodSpec:
    """The spec of method ``key``; :class:`InputError` ``unknown_method`` if there is none."""
    spec = _SPECS.get(key) if isinstance(key, str) else None
    if spec is None:
        raise InputError("unknown_method", method=key, allowed=", ".join(_SPECS))
    return spec


def text_key(key: str, method: str) -> str:
    """The catalogue key to use for ``key`` under ``method``: its ``<key>_<variant>`` twin
    where the method has a text variant and the twin exists (PROMETHEE II's net flows are
    not points out of 100), else ``key`` itself."""
    variant = get(method).text_variant
    if variant is not None and f"{key}_{variant}" in i18n.TEXT:
        return f"{key}_{variant}"
    return key


for _spec in (wsm.SPEC, topsis.SPEC, promethee.SPEC):
    register(_spec)

METHODS: tuple[str, ...] = keys()
