"""Start scripts/serve-cluster.sh (N app servers on loopback, one PostgreSQL) for a test or
the load benchmark, with password accounts for editors in a temporary secrets file."""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from core import settings
from core.editing import auth

SCRIPT = settings.REPO_ROOT / "scripts" / "serve-cluster.sh"
PASSWORD = "cluster-test-password"  # noqa: S105 - a throwaway account of a loopback test


def free_ports(count: int) -> int:
    """A first port such that it and the ``count - 1`` next ones are free on 127.0.0.1."""
    for _ in range(200):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            first = probe.getsockname()[1]
        if first + count > 65535:
            continue
        try:
            with contextlib.ExitStack() as stack:
                for offset in range(count):
                    sock = stack.enter_context(socket.socket())
                    sock.bind(("127.0.0.1", first + offset))
            return first
        except OSError:
            continue
    raise RuntimeError("no run of free loopback ports")


def write_secrets(path: Path, editors: list[str], extra: str = "") -> Path:
    """A secrets.toml with these editor accounts (all with :data:`PASSWORD`)."""
    hashed = auth.hash_password(PASSWORD)
    lines = ["[cockpit.editors]", *(f'{name} = "{hashed}"' for name in editors)]
    path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return path


@contextlib.contextmanager
def cluster(
    db: str, secrets: Path, count: int = 2, log: Path | None = None, timeout: float = 240
) -> Iterator[list[str]]:
    """Run the cluster script; yield the servers' URLs; stop it (SIGTERM) afterwards."""
    first = free_ports(count)
    err = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        ["bash", str(SCRIPT), "-n", str(count), "-p", str(first), "-s", str(secrets)],
        cwd=settings.REPO_ROOT,
        env={**os.environ, "COCKPIT_DB": db},
        stdout=subprocess.PIPE,
        stderr=err,
    )
    try:
        urls = _ready(process, timeout, log)
        yield urls
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if log:
            err.close()  # type: ignore[union-attr]


def _ready(process: subprocess.Popen, timeout: float, log: Path | None) -> list[str]:
    assert process.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if selector.select(timeout=1):
            line = process.stdout.readline().decode()
            if line.startswith("ready "):
                return line.split()[1:]
            if not line:
                break
        if process.poll() is not None:
            break
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)  # the script is ending: let it say how
    tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    raise RuntimeError(f"the cluster did not start (exit {process.poll()}): {tail}")
