"""The profile's Redis server (Rasa's lock store), run as a child process.

Standard library only: tests in either environment use it (see the package docstring).
"""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

from bot.private_files import write_private
from bot.scaled.children import spawn, wait_until
from bot.scaled.packages import find_program
from bot.serve import StartupError, _end, port_in_use


class Redis:
    """Redis for Rasa's lock store: in memory only (locks live seconds), password required."""

    def __init__(self, base: Path, *, host: str, port: int, password: str, log: Path) -> None:
        self.base, self.host, self.port, self.password, self.log = base, host, port, password, log
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 30.0) -> None:
        program = find_program("redis-server")
        if program is None:
            raise StartupError("redis-server is not installed; run `make run-scaled` or apt-get install redis-server")
        if port_in_use(self.host, self.port):
            raise StartupError(f"port {self.port} on {self.host} is already in use; set MND_REDIS_PORT to a free port")
        conf = self.base / "redis.conf"
        # The password is in a 0600 file, not on the command line.
        write_private(
            conf,
            f"bind {self.host}\nport {self.port}\nprotected-mode yes\ndaemonize no\nsave \"\"\n"
            f"appendonly no\ndir {self.base}\nlogfile \"\"\nrequirepass {self.password}\n",
        )
        self.proc = spawn([program, str(conf)], self.log, cwd=self.base)
        wait_until(self.ping, self.proc, "Redis", self.log, timeout)

    def ping(self) -> bool:
        try:
            with socket.create_connection((self.host, self.port), timeout=1) as sock:
                pw = self.password.encode()
                sock.sendall(b"*2\r\n$4\r\nAUTH\r\n$%d\r\n%s\r\n*1\r\n$4\r\nPING\r\n" % (len(pw), pw))
                reply = b""
                while reply.count(b"\r\n") < 2:
                    chunk = sock.recv(64)
                    if not chunk:
                        break
                    reply += chunk
                return reply == b"+OK\r\n+PONG\r\n"
        except OSError:
            return False

    def stop(self, grace: float = 10.0) -> None:
        _end(self.proc, grace)
