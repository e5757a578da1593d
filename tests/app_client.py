"""A browser tab without the browser: one session of a served app over Streamlit's websocket.

:class:`AppSession` opens a page as the frontend does (``rerun_script`` with the page name
and query string), notes every widget the server draws – by its user key, with its element
kind and fragment – and sends changed widget values back as the frontend would: a text input
as a string, a button or form submit as a trigger, an expander as open/closed, a data
editor as its JSON edit state. After each run it keeps what the page showed: Markdown and
alert texts, and every dataframe (decoded from Arrow). An exception element in a reply is
an error (:class:`AppError`), never a result.

Used by the two-servers test (tests/deploy) and the load benchmark (bench/load.py).
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pyarrow as pa
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect

FINISHED_EARLY = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
FINISHED_OK = (
    ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY,
    ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
)
TEXT_KINDS = ("text_input", "text_area")
TRIGGER_KINDS = ("button",)


class AppError(RuntimeError):
    """The page ran into an exception (shown as an exception element) or did not finish."""


@dataclass(frozen=True)
class Widget:
    id: str
    kind: str
    fragment: str


@dataclass
class AppSession:
    """One session of the app at ``url`` (``http://127.0.0.1:port``)."""

    url: str
    page: str
    query: str = ""
    timeout: float = 120.0
    decode: bool = True  # keep texts and frames (False: widgets only, cheaper under load)
    ws: ClientConnection | None = None
    page_hash: str = ""
    widgets: dict[str, Widget] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)  # by widget key or index

    async def open(self) -> float:
        """Connect and run the page once; return ms to the finished run."""
        ws_url = self.url.replace("http://", "ws://") + "/_stcore/stream"
        self.ws = await connect(ws_url, subprotocols=["streamlit"], max_size=None)
        msg = BackMsg()
        msg.rerun_script.query_string = self.query
        msg.rerun_script.page_name = self.page
        return await self._run(msg)

    async def rerun(self) -> float:
        """Run the page again with nothing changed (as a click elsewhere would)."""
        return await self.send({})

    async def send(self, values: dict[str, Any]) -> float:
        """Set the widgets with these user keys (True for a button: a click) in one run;
        return ms to the finished run. Widgets of one fragment rerun only that fragment."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        fragments = set()
        for key, value in values.items():
            widget = self.widgets.get(key)
            if widget is None:
                raise AppError(f"no widget {key!r} on {self.page}; have {sorted(self.widgets)}")
            fragments.add(widget.fragment)
            entry = state.widget_states.widgets.add()
            entry.id = widget.id
            _set_value(entry, widget.kind, value)
        if len(fragments) == 1 and (fragment := fragments.pop()):
            state.fragment_id = fragment
        return await self._run(msg)

    def frame(self, key: str) -> pd.DataFrame:
        """The dataframe (or data editor) drawn with this widget key in the last run."""
        return self.frames[key]

    def shows(self, text: str) -> bool:
        """Whether a Markdown or alert element of the last run contains ``text``."""
        return any(text in each for each in self.texts)

    async def _run(self, msg: BackMsg) -> float:
        if self.ws is None:
            raise AppError("session not open")
        self.texts, self.frames = [], {}
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        error = None
        while True:
            remaining = self.timeout - (time.perf_counter() - start)
            if remaining <= 0:
                raise AppError(f"{self.page}: no finished run within {self.timeout} s")
            try:
                raw = await asyncio.wait_for(self.ws.recv(), remaining)
            except TimeoutError:
                raise AppError(f"{self.page}: no finished run within {self.timeout} s") from None
            reply = ForwardMsg()
            reply.ParseFromString(raw)
            kind = reply.WhichOneof("type")
            if kind == "navigation":
                self.page_hash = reply.navigation.page_script_hash
            elif kind == "delta":
                error = self._note(reply) or error
            elif kind == "script_finished":
                if reply.script_finished == FINISHED_EARLY:
                    continue
                if error or reply.script_finished not in FINISHED_OK:
                    raise AppError(f"script failed on {self.page}: {error}")
                return (time.perf_counter() - start) * 1000

    def _note(self, reply: ForwardMsg) -> str | None:
        delta = reply.delta
        if delta.WhichOneof("type") == "add_block":
            block = delta.add_block
            if block.WhichOneof("type") == "expandable" and block.expandable.id:
                self._widget(block.expandable.id, "expandable", delta.fragment_id)
            return None
        if delta.WhichOneof("type") != "new_element":
            return None
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            return element.exception.message or element.exception.type
        if not self.decode:
            pass
        elif kind == "markdown":
            self.texts.append(element.markdown.body)
        elif kind == "alert":
            self.texts.append(element.alert.body)
        body = getattr(element, kind) if kind else None
        widget_id = getattr(body, "id", "") if body is not None else ""
        if widget_id:
            self._widget(widget_id, kind, delta.fragment_id)
        if self.decode and kind == "dataframe" and element.dataframe.arrow_data.data:
            name = _user_key(widget_id) if widget_id else str(len(self.frames))
            self.frames[name] = _decode(element.dataframe.arrow_data.data)
        return None

    def _widget(self, widget_id: str, kind: str, fragment: str) -> None:
        self.widgets[_user_key(widget_id)] = Widget(widget_id, kind, fragment)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None


def _user_key(widget_id: str) -> str:
    return widget_id.rsplit("-", 1)[-1]


def _decode(data: bytes) -> pd.DataFrame:
    with pa.ipc.open_stream(pa.BufferReader(data)) as reader:
        return reader.read_pandas()


def _set_value(entry: Any, kind: str, value: Any) -> None:
    if kind in TRIGGER_KINDS:
        entry.trigger_value = bool(value)
    elif kind in TEXT_KINDS:
        entry.string_value = str(value)
    elif kind in ("expandable", "checkbox", "toggle"):
        entry.bool_value = bool(value)
    elif kind == "dataframe":  # a data editor: its edit state as JSON
        entry.string_value = json.dumps(value)
    elif kind == "slider":
        entry.double_array_value.data.extend(value if isinstance(value, list) else [value])
    else:
        raise AppError(f"setting a {kind} is not supported")


def editor_state(edited_rows: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """The JSON edit state of a data editor with these changed cells (row position → cells)."""
    return {
        "edited_rows": {str(k): v for k, v in edited_rows.items()},
        "added_rows": [],
        "deleted_rows": [],
    }
