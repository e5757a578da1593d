"""A real Streamlit server on loopback and clients that speak its websocket protocol.

The clients do what a browser tab does, without the browser: open a session on a page
(``rerun_script`` with the URL's query string and page name), then move a slider (a
``rerun_script`` carrying the slider's new value, and the fragment id when the slider sits
in a fragment, as the frontend sends it). A move counts as done when the server reports
``script_finished``; an exception element in the reply is an error, never a figure.

Server CPU is read from ``/proc/<pid>/stat`` (user + system time of every thread of the
server process), so it includes the websocket, protobuf and Arrow work, not only the script.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect

from core import settings
from core.store import seed
from tests.browser.helpers import wait_healthy
from ui import launch

TICKS = os.sysconf("SC_CLK_TCK")
FINISHED_EARLY = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
FINISHED_OK = (
    ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY,
    ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    pid: int

    def cpu_seconds(self) -> float:
        """User + system CPU time the server process has used so far."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS


def seeded_store(path: str) -> None:
    """Seed a new DuckDB store at ``path`` and close it: a writing connection holds the
    store's lock until it is closed, and a server started on a locked store only shows
    "busy" (a ``with store.connect(...)`` block closes DuckDB, not the lock)."""
    with seed.opened(path):
        pass


def baseline_store(root: str | Path, path: str) -> None:
    """Seed a new store at ``path`` with the code of the checkout ``root`` (a baseline
    commit's own migrations and seed data, as that commit's ``make run`` creates them), so
    that a baseline older than this checkout's schema runs on the store it knows."""
    done = subprocess.run(
        [sys.executable, "-m", "core", "seed"],
        cwd=root,
        env={**os.environ, "COCKPIT_DB": path, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"seeding the baseline {root} failed: {done.stderr.strip()}")


@contextlib.contextmanager
def serve_baseline(root: str | Path, db: str) -> Iterator[Server]:
    """The app of the baseline checkout ``root``, served on a new store at ``db`` that the
    baseline's own code seeds (one writer per store)."""
    baseline_store(root, db)
    with serve("app.py", db, root=Path(root)) as server:
        yield server


@contextlib.contextmanager
def serve(
    script: str | Path,
    db: str,
    *,
    launcher: bool = True,
    root: Path | None = None,
    extra: Sequence[str] = (),
) -> Iterator[Server]:
    """Run ``script`` on a free loopback port; yield the server. Both the app (``launcher``)
    and any other script (the skeleton, the floor) are served through ``ui.launch``, so
    they run on the same server settings (e.g. its ``TCP_NODELAY`` correction). ``root``:
    another checkout of the app to serve (a baseline commit, with that checkout's
    launcher), else this one; ``extra``: more server options (e.g. ``--secrets.files``)."""
    port = _free_port()
    options = [*launch.loopback_options(port), *extra]
    if launcher:
        command = [sys.executable, "-m", "ui.launch", *options]
    else:
        command = [sys.executable, "-m", "ui.launch", str(script), *options]
    process = subprocess.Popen(
        command,
        cwd=root or settings.REPO_ROOT,
        env={**os.environ, "COCKPIT_DB": db},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    wait_healthy(process, url)
    try:
        yield Server(url, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@dataclass
class Client:
    """One session: a websocket and what the server told it about the page."""

    url: str
    page: str
    query: str
    ws: ClientConnection | None = None
    page_hash: str = ""
    sliders: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (id, fragment)
    bytes_received: int = 0

    async def open(self) -> float:
        """Connect and run the page once; return the time to ``script_finished`` (ms)."""
        ws_url = self.url.replace("http://", "ws://") + "/_stcore/stream"
        self.ws = await connect(ws_url, subprotocols=["streamlit"], max_size=None)
        msg = BackMsg()
        msg.rerun_script.query_string = self.query
        msg.rerun_script.page_name = self.page
        return await self._run(msg)

    async def move(self, values: dict[str, float]) -> float:
        """Set the sliders with these user keys (all in one fragment, or none in any) as
        one change; return ms to the finished run."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        fragments = set()
        for key, value in values.items():
            widget_id, fragment = self.sliders[key]
            fragments.add(fragment)
            widget = state.widget_states.widgets.add()
            widget.id = widget_id
            widget.double_array_value.data.append(value)
        if len(fragments) != 1:
            raise ValueError(f"sliders {list(values)} are not in one fragment")
        state.fragment_id = fragments.pop()
        return await self._run(msg)

    async def _run(self, msg: BackMsg) -> float:
        assert self.ws is not None
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        error = None
        while True:
            raw = await self.ws.recv()
            self.bytes_received += len(raw)
            reply = ForwardMsg()
            reply.ParseFromString(raw)
            kind = reply.WhichOneof("type")
            if kind == "navigation":  # st.navigation names the page that ran
                self.page_hash = reply.navigation.page_script_hash
            elif kind == "delta":
                self._note_element(reply)
                element = reply.delta.new_element
                if element.WhichOneof("type") == "exception":
                    error = element.exception.message
            elif kind == "script_finished":
                if reply.script_finished == FINISHED_EARLY:
                    continue
                if error or reply.script_finished not in FINISHED_OK:
                    raise RuntimeError(f"script failed on {self.page}: {error}")
                return (time.perf_counter() - start) * 1000

    def _note_element(self, reply: ForwardMsg) -> None:
        element = reply.delta.new_element
        if element.WhichOneof("type") != "slider":
            return
        widget_id = element.slider.id
        key = widget_id.rsplit("-", 1)[-1]
        self.sliders[key] = (widget_id, reply.delta.fragment_id)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()


async def open_clients(url: str, page: str, query: str, count: int) -> list[Client]:
    clients = [Client(url, page, query) for _ in range(count)]
    for client in clients:  # one after another: opening is not what is measured
        await client.open()
    return clients


_moves = itertools.count()


def next_weights() -> dict[str, float]:
    """Group weights never sent before in this process (8,100 before any repeats): a move
    to weights seen before could be answered from a cache, which would flatter the figure.
    Both the cost and the feasibility weight change on every call (the pair n mod 90,
    (n + n div 90) mod 90 never repeats before 8,100), so neither a result that depends on
    the cost weight (rankings) nor one that does not (the portfolio's benefit) repeats."""
    n = next(_moves)
    return {"w_cost": 10 + n % 90, "w_feasibility": 10 + (n + n // 90) % 90}
