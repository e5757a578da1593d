"""Show core's Altair charts with their spec cached and only the data sent each run.

Building and validating an Altair spec costs tens of milliseconds; the spec of our charts
depends only on labels, titles and language, never on the values. So the spec is built once
per set of texts (from an empty frame with the same columns), the data set is stripped, and
``st.vega_lite_chart`` gets the current data on every run. The spec is a pure function of
plain strings, so a process-wide ``lru_cache`` holds it (``st.cache_data`` would hash the
arguments and unpickle a copy on every run); Streamlit copies a spec before it adjusts it.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import pandas as pd
import streamlit as st

from core import views


@functools.lru_cache(maxsize=128)
def _spec(builder: str, columns: tuple[tuple[str, str], ...], options: str) -> dict[str, Any]:
    template = pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in columns})
    spec = getattr(views, builder)(template, **json.loads(options)).to_dict()
    spec.pop("datasets", None)
    spec.pop("data", None)
    if any("data" in layer for layer in spec.get("layer", [])):
        raise ValueError(f"{builder}: every layer must read the chart's top-level data")
    return spec


def show(builder: str, data: pd.DataFrame, *, alt_text: str, **options: Any) -> None:
    """Draw the chart ``core.views.<builder>(data, **options)`` with a cached spec and a
    text alternative.

    The browser puts ``alt_text`` into the chart's spec (its description): when the text
    changes, Streamlit's frontend throws the chart away and builds it anew (Vega-Lite compile,
    dataflow, every mark) instead of swapping its data in place, which cost ~20 ms of the
    browser's main thread per chart and slider move (bench/app.py). So the text describes
    the chart and does not repeat its values; the values go into a caption next to it."""
    columns = tuple((name, str(dtype)) for name, dtype in data.dtypes.items())
    spec = _spec(builder, columns, json.dumps(options, sort_keys=True, ensure_ascii=False))
    st.vega_lite_chart(data, spec, width="stretch", alt=alt_text)
