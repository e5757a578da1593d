"""A throwaway PostgreSQL server for the tests, from Debian's ``postgresql`` package.

:class:`PgServer` runs ``initdb`` into a temporary directory, starts the server on a free
port of 127.0.0.1 only (its unix socket also lives in the temporary directory), creates a
database and stops the server and removes the directory afterwards. The machine may run as
root, which ``initdb`` and ``postgres`` refuse: then the cluster belongs to the ``postgres``
system user (made by the Debian package) and every server command runs as that user
through ``setpriv``. Authentication is scram-sha-256 with a random password; the URL carries
it. The server is tuned for throwaway data (no fsync).

Manual use: ``.venv/bin/python -m tests.pg_server`` prints the URL and waits for Ctrl-C;
``.venv/bin/python -m tests.pg_server -- CMD ARGS`` runs CMD with ``COCKPIT_DB`` set to the URL.
"""

from __future__ import annotations

import argparse
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from types import TracebackType

SERVER_USER = "postgres"  # the system user of Debian's postgresql package
DATABASE = "cockpit_test"
ROLE = "cockpit"


class PgServerUnavailable(RuntimeError):
    """The PostgreSQL server binaries (Debian package ``postgresql``) are not installed."""


def bin_dir() -> Path:
    """The newest ``/usr/lib/postgresql/<version>/bin`` holding ``initdb`` (Debian layout)."""
    found = [p.parent for p in Path("/usr/lib/postgresql").glob("*/bin/initdb")]
    found.sort(key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)
    if not found:
        raise PgServerUnavailable(
            "PostgreSQL server not installed (Debian package 'postgresql'); "
            "run scripts/install-system-deps.sh"
        )
    return found[-1]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PgServer:
    """Context manager: a running throwaway cluster; ``url`` is its database URL."""

    def __init__(self) -> None:
        self.bin = bin_dir()
        self.root = Path(tempfile.mkdtemp(prefix="cockpit-pg-"))
        self.data = self.root / "data"
        self.port = 0
        self.password = secrets.token_urlsafe(18)
        self.running = False
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            try:
                user = pwd.getpwnam(SERVER_USER)
            except KeyError:
                raise PgServerUnavailable(f"system user {SERVER_USER!r} missing") from None
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self._as_user = [
                "setpriv",
                f"--reuid={user.pw_uid}",
                f"--regid={user.pw_gid}",
                "--init-groups",
                "--",
            ]
        self.root.chmod(0o700)

    @property
    def url(self) -> str:
        return f"postgresql://{ROLE}:{self.password}@127.0.0.1:{self.port}/{DATABASE}"

    def _run(self, *args: str) -> None:
        command = [*self._as_user, *args]
        env = {**os.environ, "LC_ALL": "C.UTF-8", "PGTZ": "UTC"}
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        if done.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(
                f"{' '.join(args[:2])} failed ({done.returncode}): {done.stderr.strip()}\n{tail}"
            )

    def start(self) -> str:
        pwfile = self.root / "pwfile"
        pwfile.write_text(self.password + "\n")
        if self._as_user:
            user = pwd.getpwnam(SERVER_USER)
            os.chown(pwfile, user.pw_uid, user.pw_gid)
        pwfile.chmod(0o600)
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            ROLE,
            f"--pwfile={pwfile}",
            "--auth-host=scram-sha-256",
            "--auth-local=scram-sha-256",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        pwfile.unlink()
        self.port = free_port()
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port}"
            f" -c unix_socket_directories={self.root}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            " -c max_connections=100 -c timezone=UTC"
        )
        self._run(
            str(self.bin / "pg_ctl"),
            "start",
            "-D",
            str(self.data),
            "-w",
            "-t",
            "60",
            "-l",
            str(self.root / "server.log"),
            "-o",
            options,
        )
        self.running = True
        import psycopg  # the driver the store uses; only needed once a server runs

        with psycopg.connect(
            f"postgresql://{ROLE}:{self.password}@127.0.0.1:{self.port}/postgres",
            autocommit=True,
        ) as admin:
            admin.execute(f"CREATE DATABASE {DATABASE}")  # fixed name, no user input
        return self.url

    def stop(self) -> None:
        try:
            if self.running:
                self._run(str(self.bin / "pg_ctl"), "stop", "-D", str(self.data), "-m", "fast")
                self.running = False
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PgServer:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs=argparse.REMAINDER, help="run this with COCKPIT_DB set")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    with PgServer() as server:
        if command:
            env = {**os.environ, "COCKPIT_DB": server.url}
            return subprocess.run(command, env=env, check=False).returncode
        stop = {signal.SIGINT, signal.SIGTERM}
        signal.pthread_sigmask(signal.SIG_BLOCK, stop)
        print(server.url, flush=True)
        signal.sigwait(stop)
    return 0


if __name__ == "__main__":
    sys.exit(main())
