"""Run the servers under supervisord, which restarts one that dies.

supervisord (the ``supervisor`` package, installed in the action server's environment) starts each
server as a program of its own, restarts one that exits (a crash, ``kill -9``, the OOM killer) at
once, and when a restarted server dies again during start-up it waits 1 s, 2 s, 3 s ... before
each new try, giving up after :data:`START_RETRIES` tries in a row. This module writes its
configuration, starts it and talks to it over its XML-RPC interface (a Unix socket in a private
directory); bot/restarts.py reads its log to tell an operator what happened. Standard library only.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shlex
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import xmlrpc.client
from dataclasses import dataclass
from pathlib import Path

# A restarted server that dies within STARTSECS of starting counts as a failed start: supervisord
# then waits one second longer before each try, and gives up after START_RETRIES in a row.
STARTSECS = 5
START_RETRIES = 10
# A server has this long to stop on SIGTERM (Rasa finishes the turns in progress) before SIGKILL.
STOP_SECONDS = 10
# Each server's log is rotated at this size, keeping LOG_BACKUPS old ones (rasa.log.1 ...).
LOG_BYTES, LOG_BACKUPS = "10MB", 3
# supervisord's process states (supervisor.states.ProcessStates) that mean "a process is there".
ALIVE = {"STARTING", "RUNNING", "STOPPING"}
ALREADY_STARTED = 60  # supervisor.xmlrpc.Faults


class SupervisorError(RuntimeError):
    """supervisord could not be started or answered with an error."""


@dataclass(frozen=True)
class Program:
    """One server as supervisord runs it."""

    name: str  # supervisord's name, also the log file's: build/logs/<name>.log
    label: str  # what an operator reads: "Rasa server"
    args: list[str]
    health_url: str  # answers 2xx once the server serves
    priority: int  # started in ascending order, stopped in descending order


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, socket_path: str, timeout: float) -> None:
        super().__init__("localhost", timeout=timeout)
        self._socket_path = socket_path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        sock.connect(self._socket_path)
        self.sock = sock


class _UnixTransport(xmlrpc.client.Transport):
    def __init__(self, socket_path: str, timeout: float) -> None:
        super().__init__()
        self._socket_path, self._timeout = socket_path, timeout

    def make_connection(self, host: object) -> http.client.HTTPConnection:
        return _UnixConnection(self._socket_path, self._timeout)


def _quote(text: str) -> str:
    # supervisord expands %(name)s in its values, and splits `command` the way a shell would.
    return text.replace("%", "%%")


def config_text(
    programs: list[Program],
    *,
    socket_path: Path,
    log_dir: Path,
    directory: Path,
    autorestart: bool,
    log_bytes: str = LOG_BYTES,
) -> str:
    """supervisord's configuration for these programs (none started until asked: see :meth:`Supervisor.start`)."""
    sections = [
        "[supervisord]\nnodaemon=true\n"
        f"logfile={_quote(str(log_dir / 'supervisord.log'))}\nlogfile_maxbytes=1MB\nlogfile_backups=2\n"
        f"pidfile={_quote(str(socket_path.parent / 'supervisord.pid'))}\n"
        f"childlogdir={_quote(str(log_dir))}\n",
        # The socket's directory is private (0700), so only this user can control the servers.
        f"[unix_http_server]\nfile={_quote(str(socket_path))}\nchmod=0700\n",
        "[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n",
    ]
    for p in programs:
        sections.append(
            f"[program:{p.name}]\n"
            f"command={_quote(shlex.join(p.args))}\n"
            f"directory={_quote(str(directory))}\n"
            f"priority={p.priority}\nautostart=false\n"
            f"autorestart={'true' if autorestart else 'false'}\n"
            f"startsecs={STARTSECS}\nstartretries={START_RETRIES}\n"
            f"stopsignal=TERM\nstopwaitsecs={STOP_SECONDS}\nstopasgroup=true\nkillasgroup=true\n"
            f"redirect_stderr=true\nstdout_logfile={_quote(str(log_dir / f'{p.name}.log'))}\n"
            f"stdout_logfile_maxbytes={log_bytes}\nstdout_logfile_backups={LOG_BACKUPS}\n"
        )
    return "\n".join(sections)


class Handle:
    """A supervised server seen like a child process: ``pid`` and ``poll()`` (None while it runs)."""

    def __init__(self, supervisor: Supervisor, name: str) -> None:
        self._supervisor, self.name = supervisor, name

    @property
    def pid(self) -> int:
        return int(self._supervisor.info(self.name)["pid"])

    def poll(self) -> int | None:
        info = self._supervisor.info(self.name)
        return None if info["statename"] in ALIVE else int(info["exitstatus"]) or -1


class Supervisor:
    """A supervisord of our own: one per stack, in its own session, controlled through a private socket."""

    def __init__(
        self,
        executable: Path,
        programs: list[Program],
        *,
        log_dir: Path,
        directory: Path,
        env: dict[str, str],
        autorestart: bool,
        log_bytes: str = LOG_BYTES,
    ) -> None:
        self.executable, self.programs, self.log_dir, self.env = executable, programs, log_dir, env
        self.directory = directory
        self.autorestart = autorestart
        self.log_bytes = log_bytes
        self.proc: subprocess.Popen[bytes] | None = None
        self.private: Path | None = None
        self.log_start = 0

    @property
    def log(self) -> Path:
        return self.log_dir / "supervisord.log"

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def _rpc(self, timeout: float = 60.0) -> xmlrpc.client.ServerProxy:
        # A new proxy (and connection) per call: callers use it from several threads.
        assert self.private is not None
        transport = _UnixTransport(str(self.private / "supervisor.sock"), timeout)
        return xmlrpc.client.ServerProxy("http://localhost", transport=transport)

    def launch(self, timeout: float = 30.0) -> None:
        """Start supervisord (no server yet) and return once it answers on its socket."""
        self.log_dir.mkdir(parents=True, exist_ok=True)
        # A short private path: Unix socket paths are limited to about 100 characters.
        self.private = Path(tempfile.mkdtemp(prefix="mnd-supervisor-"))
        sock = self.private / "supervisor.sock"
        conf = self.private / "supervisord.conf"
        conf.write_text(
            config_text(
                self.programs,
                socket_path=sock,
                log_dir=self.log_dir,
                directory=self.directory,
                autorestart=self.autorestart,
                log_bytes=self.log_bytes,
            ),
            encoding="utf-8",
        )
        self.log_start = self.log.stat().st_size if self.log.exists() else 0
        out = open(self.log_dir / "supervisord.out", "ab")  # noqa: SIM115 - handed to the child
        try:
            # Own session: Ctrl-C reaches only the launcher, which stops the servers in order.
            self.proc = subprocess.Popen(
                [str(self.executable), "-n", "-c", str(conf)],
                cwd=self.directory,
                env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        finally:
            out.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SupervisorError(f"supervisord exited at start; see {self.log_dir}/supervisord.out")
            with contextlib.suppress(OSError, xmlrpc.client.Error):
                if self._rpc(2).supervisor.getState()["statename"] == "RUNNING":
                    return
            time.sleep(0.1)
        raise SupervisorError(f"supervisord did not answer within {timeout:.0f} s")

    def start(self, name: str) -> None:
        """Ask supervisord to start a server (it returns at once; the caller waits for the health URL)."""
        try:
            self._rpc().supervisor.startProcess(name, False)
        except xmlrpc.client.Fault as fault:
            if fault.faultCode != ALREADY_STARTED:
                raise SupervisorError(f"supervisord could not start {name}: {fault.faultString}") from fault

    def stop(self, name: str) -> None:
        """Stop a server (SIGTERM, then SIGKILL after STOP_SECONDS); it stays stopped until :meth:`start`."""
        with contextlib.suppress(xmlrpc.client.Fault):  # NOT_RUNNING: nothing to stop
            self._rpc().supervisor.stopProcess(name, True)

    def info(self, name: str) -> dict[str, object]:
        return dict(self._rpc().supervisor.getProcessInfo(name))  # type: ignore[arg-type]

    def shutdown(self, grace: float) -> None:
        """Stop every server (in descending priority) and supervisord; kill whatever is left after ``grace``."""
        if self.proc is None:
            return
        pids = []
        if self.running:
            with contextlib.suppress(OSError, xmlrpc.client.Error):
                pids = [int(i["pid"]) for i in self._rpc(5).supervisor.getAllProcessInfo() if i["pid"]]  # type: ignore[union-attr]
            with contextlib.suppress(OSError, xmlrpc.client.Error):
                for program in sorted(self.programs, key=lambda p: -p.priority):
                    self.stop(program.name)
                self._rpc(5).supervisor.shutdown()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=grace)
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        for pid in pids:  # a server supervisord could not stop in time (it was killed first)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)
        if self.private is not None:
            shutil.rmtree(self.private, ignore_errors=True)

    def log_lines(self, offset: int) -> tuple[list[str], int]:
        """supervisord's log lines written after byte ``offset`` of its log, and the new offset."""
        try:
            with self.log.open("rb") as f:
                if f.seek(0, os.SEEK_END) < offset:  # rotated: start the new file from its beginning
                    offset = 0
                f.seek(offset)
                data = f.read()
        except OSError:
            return [], offset
        complete = data[: data.rfind(b"\n") + 1]
        return complete.decode(errors="replace").splitlines(), offset + len(complete)
