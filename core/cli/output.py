"""What the command line prints is inert: no control characters, no formulas in CSV.

Text from the store or from an imported file (names, sources, error values) may hold ESC
sequences, NUL, bell or bidirectional overrides; printed raw, they would steer the terminal
(colours, cursor, a forged prompt). :func:`inert_streams` filters everything written to
stdout and stderr while a command runs; JSON output escapes such characters instead
(``\\u001b``), so the data survive for machines. CSV output guards every text cell that a
spreadsheet would read as a formula, with the same rule the Excel export uses
(:func:`core.excel.safety.needs_guard`): the cell gets a leading apostrophe.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:  # pandas and core.excel load only where a command writes CSV (fast start)
    import pandas as pd

# = core.views.plain's control characters; core.views is not imported here, because every
# command (also `--help` and `areas`, which start without pandas) prints through this filter.
# tests/cli/test_output.py checks that both remove the same characters.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal(value: object) -> str:
    """``value`` without control characters (same rule as :func:`core.views.terminal`)."""
    return _CONTROL.sub("", "" if value is None else str(value))


# What json.dumps(ensure_ascii=False) leaves raw but a terminal would act on.
_JSON_RAW_CONTROL = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class _Inert:
    """A text stream that writes through :func:`core.views.terminal`."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(terminal(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def inert_streams() -> Iterator[None]:
    """Filter control characters from stdout and stderr for the block."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Inert(out), _Inert(err)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def json_text(data: Any) -> str:
    """Indented JSON whose every control character is a ``\\uXXXX`` escape."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_RAW_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _guarded(value: Any) -> Any:
    from core.excel.safety import needs_guard

    if isinstance(value, str) and needs_guard(value):
        return "'" + value
    return value


def csv_text(frame: pd.DataFrame) -> str:
    """CSV of ``frame`` with every formula-looking text cell guarded by an apostrophe."""
    import pandas as pd

    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]) and not pd.api.types.is_bool_dtype(
            safe[column]
        ):
            safe[column] = safe[column].map(_guarded)
    return safe.to_csv(index=False)
