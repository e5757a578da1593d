"""Error types shared by core, CLI and UI.

Every error carries a message key from :mod:`core.i18n` plus parameters, so the UI can
show it in German or English and the CLI can print one clear line without a traceback.
"""

from __future__ import annotations

from typing import Any


class CockpitError(Exception):
    """Base class: an expected, user-facing error with a translatable message."""

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("de"))

    def message(self, lang: str = "de") -> str:
        """Return the message in ``lang`` ('de' or 'en')."""
        from core import i18n  # local import: i18n is a plain catalogue, no cycle at runtime

        return i18n.t(self.key, lang, **self.params)


class InputError(CockpitError, ValueError):
    """Invalid input: weights, matrices, parameters, files."""


class WeightError(InputError):
    """Invalid weights: negative, NaN, all zero, wrong length."""


class NotFoundError(CockpitError, LookupError):
    """An unknown area, option, criterion or profile."""


class StoreError(CockpitError, RuntimeError):
    """The store refused a change (constraint, migration, conflict)."""
