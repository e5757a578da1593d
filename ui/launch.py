"""Start the app: ``python -m ui.launch [script.py] [streamlit options]``.

Two corrections to Streamlit 1.67's server are made before it starts.

Small messages without delay: Streamlit binds its listening socket itself with
``socket.socket(family)``, whose protocol number reads 0; the connections it accepts
inherit that, and asyncio switches Nagle's algorithm off (``TCP_NODELAY``) only on sockets
that name TCP. So after the first small message of a script run, every further one waited
for the browser's delayed acknowledgement (up to 40 ms on Linux): a slider move's elements
arrived in bursts about 40 ms late (measured in Chromium and with websocket clients, see
README "Benchmarks"). The listening socket is handed over under its real protocol, so every
accepted connection sends at once, as Tornado's websockets did before Streamlit's move to
Starlette.

Fewer garbage collections: one rerun of the Übersicht allocates enough objects (pandas
frames, protobuf messages) to set off about eight of Python's young-generation collections
at the default threshold of 700, each walking every object allocated since; on the app's
heap that was 4–6 ms of garbage collection per slider move (measured with ``gc.callbacks``
on a served app, README "Benchmarks"). A young-generation threshold of 20,000 collects
about once per three moves, ~1.5 ms per move; the app keeps few reference cycles, so
memory stays where it was. Set for every script served this way (the bench's skeleton too).

Old-style pages: Streamlit treats a folder named ``pages/`` next to the main script as an old-style
multipage app until the first run calls ``st.navigation``. A deep link (``/bereich?…``)
as the very first request after start would then show a spurious "Page not found" dialog.
Our ``pages/`` holds ``st.navigation`` pages only, so we switch that detection off before
the server starts. If a future Streamlit drops the attribute, the app still works; only the
dialog may reappear on a first deep link.
"""

from __future__ import annotations

import gc
import socket
import sys
from collections.abc import Callable

from streamlit.web import cli

APP = "app.py"
# Young generation, and how many collections of one generation before the next is collected.
GC_THRESHOLDS = (20_000, 20, 20)


def loopback_options(port: int) -> list[str]:
    """Server options of a headless app on ``127.0.0.1:port`` (tests and benchmarks): no
    browser, no usage statistics, no file watcher."""
    return [
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip


def as_tcp(sock: socket.socket) -> socket.socket:
    """``sock`` as a socket object that names its protocol (read from the descriptor), so
    that the connections it accepts do too and asyncio sets ``TCP_NODELAY`` on them."""
    if sock.proto != 0 or sock.family not in (socket.AF_INET, socket.AF_INET6):
        return sock
    blocking = sock.getblocking()
    tcp = socket.socket(fileno=sock.detach())  # family, type and protocol from the kernel
    tcp.setblocking(blocking)
    return tcp


def _tcp_binding(bind: Callable[..., socket.socket]) -> Callable[..., socket.socket]:
    def bind_tcp(*args: object, **kwargs: object) -> socket.socket:
        return as_tcp(bind(*args, **kwargs))

    bind_tcp.__wrapped__ = bind  # type: ignore[attr-defined]
    return bind_tcp


def no_delay() -> bool:
    """Make Streamlit's server accept connections that send small messages at once (see
    the module's docstring); False if this Streamlit binds its socket some other way."""
    try:
        from streamlit.web.server.starlette import starlette_server
    except ImportError:  # pragma: no cover - another server in a future Streamlit
        return False
    bind = getattr(starlette_server, "_bind_socket", None)
    if bind is None:  # pragma: no cover - future Streamlit
        return False
    if not hasattr(bind, "__wrapped__"):
        starlette_server._bind_socket = _tcp_binding(bind)
    return True


def tune_gc() -> None:
    """Collect garbage less often (see the module's docstring)."""
    gc.set_threshold(*GC_THRESHOLDS)


def main(argv: list[str]) -> int:
    """Serve ``app.py`` (or the ``.py`` script given first: the bench's skeleton, served
    the same way as the app) with the given Streamlit options."""
    try:
        from streamlit.runtime.pages_manager import PagesManager

        PagesManager.uses_pages_directory = False
    except (ImportError, AttributeError):  # pragma: no cover - future Streamlit
        pass
    no_delay()
    tune_gc()
    script, options = (argv[0], argv[1:]) if argv[:1] and argv[0].endswith(".py") else (APP, argv)
    sys.argv = ["streamlit", "run", script, *options]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
