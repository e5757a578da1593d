"""ui.launch: Streamlit's server accepts connections with Nagle's algorithm off."""

from __future__ import annotations

import asyncio
import socket

from tests import own_loop
from ui import launch


def _accepted_nodelay(listener: socket.socket) -> int:
    """TCP_NODELAY of a connection that asyncio accepted on ``listener``."""

    async def accept() -> int:
        loop = asyncio.get_running_loop()
        accepted: asyncio.Future[int] = loop.create_future()

        def on_connect(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            sock = writer.get_extra_info("socket")
            accepted.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(on_connect, sock=listener)
        async with server:
            _reader, writer = await asyncio.open_connection(*listener.getsockname()[:2])
            value = await asyncio.wait_for(accepted, 10)
            writer.close()
            return value

    return own_loop.run(accept())


def _listener() -> socket.socket:
    """A listening socket made the way Streamlit 1.67 makes its own (protocol left at 0)."""
    sock = socket.socket(family=socket.AF_INET)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.setblocking(False)
    return sock


def test_a_socket_made_like_streamlits_accepts_with_nagle_on() -> None:
    """The premise: without the correction asyncio leaves Nagle's algorithm on."""
    with _listener() as listener:
        assert listener.proto == 0
        assert _accepted_nodelay(listener) == 0


def test_as_tcp_names_the_protocol_and_accepted_connections_send_at_once() -> None:
    with launch.as_tcp(_listener()) as listener:
        assert listener.proto == socket.IPPROTO_TCP
        assert not listener.getblocking()
        assert _accepted_nodelay(listener) == 1


def test_no_delay_wraps_streamlits_binding_once() -> None:
    from streamlit.web.server.starlette import starlette_server

    original = starlette_server._bind_socket
    try:
        assert launch.no_delay()
        assert launch.no_delay()  # a second call does not wrap twice
        bind = starlette_server._bind_socket
        assert bind.__wrapped__ is getattr(original, "__wrapped__", original)
        listener = bind("127.0.0.1", 0, 8)
        try:
            assert listener.proto == socket.IPPROTO_TCP
            assert _accepted_nodelay(listener) == 1
        finally:
            listener.close()
    finally:
        starlette_server._bind_socket = original


def test_main_serves_the_app_or_the_script_given_first(monkeypatch) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr(launch.cli, "main", lambda: calls.append(list(launch.sys.argv)) or 0)
    monkeypatch.setattr(launch, "no_delay", lambda: True)
    monkeypatch.setattr(launch, "tune_gc", lambda: None)  # the test process keeps its own
    launch.main(["--server.port", "1"])
    launch.main(["bench/skeleton_app.py", "--server.port", "1"])
    assert calls == [
        ["streamlit", "run", "app.py", "--server.port", "1"],
        ["streamlit", "run", "bench/skeleton_app.py", "--server.port", "1"],
    ]


def test_main_collects_garbage_less_often_before_streamlit_starts(monkeypatch) -> None:
    """The server runs with the young-generation threshold raised (fewer collections per
    rerun); the thresholds are in force when Streamlit's own entry point is called."""
    import gc

    from streamlit.web import cli

    seen: list[tuple[int, int, int]] = []
    monkeypatch.setattr(cli, "main", lambda: seen.append(gc.get_threshold()) or 0)
    monkeypatch.setattr("sys.argv", ["launch"])
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)  # CPython's default
    try:
        assert launch.main(["bench/floor_app.py", "--server.headless", "true"]) == 0
    finally:
        gc.set_threshold(*before)
    assert seen == [launch.GC_THRESHOLDS]
    assert launch.GC_THRESHOLDS[0] > 700
