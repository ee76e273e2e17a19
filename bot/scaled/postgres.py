"""The profile's own PostgreSQL cluster (tracker store and fact store), run as a child process.

Standard library only: tests in either environment use it (see the package docstring).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
from pathlib import Path

from bot.scaled.children import spawn, wait_until
from bot.scaled.packages import postgres_bin
from bot.serve import StartupError, _end, port_in_use


class Postgres:
    """A PostgreSQL cluster of the project's own (not the system's), run as a child process.

    Its data directory is created once (initdb) and reused by later runs. PostgreSQL refuses to run
    as root, so as root the cluster belongs to, and runs as, the ``postgres`` user. TCP connections
    (the servers) need a password (scram-sha-256); the launcher administers the cluster through a
    Unix socket in a directory only the cluster's owner (and root) can enter.
    """

    def __init__(self, base: Path, *, host: str = "127.0.0.1", port: int = 15432, log: Path | None = None) -> None:
        self.base = base
        self.data = base / "data"
        self.sockets = base / "run"
        self.host, self.port = host, port
        self.log = log or base / "postgres.log"
        self.proc: subprocess.Popen[bytes] | None = None
        found = postgres_bin()
        if found is None:
            raise StartupError("PostgreSQL is not installed; run `make run-scaled` (it installs it) "
                               "or apt-get install postgresql")
        self.bin = found

    @property
    def _as_owner(self) -> dict[str, object]:
        if os.geteuid() != 0:
            return {}
        return {"user": "postgres", "group": "postgres", "extra_groups": []}

    def _own(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(path, "postgres", "postgres")
        path.chmod(0o700)

    def init(self) -> bool:
        """Create the cluster unless it exists; True if it was created."""
        self.base.mkdir(parents=True, exist_ok=True)
        self._own(self.sockets)
        if (self.data / "PG_VERSION").is_file():
            return False
        if self.data.exists():
            shutil.rmtree(self.data)  # a half-made cluster from an interrupted first run
        self._own(self.data)
        result = subprocess.run(
            [str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-E", "UTF8", "--locale=C",
             "--auth-local=trust", "--auth-host=scram-sha-256", "--no-instructions"],
            cwd=self.data, capture_output=True, text=True, **self._as_owner,  # type: ignore[call-overload]
        )
        if result.returncode != 0:
            raise StartupError(f"initdb failed: {result.stderr.strip().splitlines()[-1:]}")
        return True

    def start(self, timeout: float = 60.0) -> None:
        if port_in_use(self.host, self.port):
            raise StartupError(f"port {self.port} on {self.host} is already in use; set MND_PG_PORT to a free port")
        self.proc = spawn(
            [str(self.bin / "postgres"), "-D", str(self.data), "-p", str(self.port), "-k", str(self.sockets),
             "-c", f"listen_addresses={self.host}", "-c", "unix_socket_permissions=0700",
             "-c", "password_encryption=scram-sha-256", "-c", "max_connections=200"],
            self.log, cwd=self.data, **self._as_owner,
        )
        wait_until(self._ready, self.proc, "PostgreSQL", self.log, timeout)

    def _ready(self) -> bool:
        result = subprocess.run(
            [str(self.bin / "pg_isready"), "-q", "-h", str(self.sockets), "-p", str(self.port), "-U", "postgres"],
            capture_output=True,
        )
        return result.returncode == 0

    def psql(self, sql: str, database: str = "postgres") -> str:
        """Run ``sql`` as the superuser through the Unix socket (the SQL goes on stdin, never on argv)."""
        result = subprocess.run(
            [str(self.bin / "psql"), "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", str(self.sockets),
             "-p", str(self.port), "-U", "postgres", "-d", database],
            input=sql, capture_output=True, text=True,
        )
        if result.returncode != 0:
            raise StartupError(f"PostgreSQL refused the set-up: {result.stderr.strip()}")
        return result.stdout

    def ensure_app(self, user: str, password: str, databases: list[str]) -> None:
        """The application's role (password as given, every run) and its databases (created once)."""
        for name in (user, *databases):
            if not name.replace("_", "").isalnum():
                raise StartupError(f"{name!r}: PostgreSQL names here are letters, digits and underscores")
        literal = "'" + password.replace("'", "''") + "'"
        self.psql(
            f"SELECT 'CREATE ROLE {user} LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{user}')"
            f"\\gexec\nALTER ROLE {user} WITH LOGIN PASSWORD {literal};\n"
            + "".join(
                f"SELECT 'CREATE DATABASE {db} OWNER {user}' "
                f"WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '{db}')\\gexec\n"
                f"REVOKE ALL ON DATABASE {db} FROM PUBLIC;\n"
                for db in databases
            )
        )

    def stop(self, grace: float = 20.0) -> None:
        """Fast shutdown (SIGINT: open sessions are ended, everything committed is kept)."""
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            _end(proc, 1.0)
