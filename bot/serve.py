"""The action server and the Rasa server, started, supervised and stopped together (:class:`Stack`).

supervisord (bot/supervision.py) runs both and restarts one that dies. `make run` uses this through
bot/launcher.py; tests and benchmarks in either environment start a :class:`Stack` of their own
(standard library only).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from bot.listening import rest_token_required
from bot.private_files import kept_secret
from bot.restarts import Events
from bot.supervision import ALIVE, LOG_BYTES, STOP_SECONDS, Handle, Program, Supervisor, SupervisorError

ROOT = Path(__file__).resolve().parents[1]
RASA = ROOT / ".venv" / "bin" / "rasa"
RASA_PYTHON = ROOT / ".venv" / "bin" / "python"
ACTIONS_PYTHON = ROOT / ".venv-actions" / "bin" / "python"
SUPERVISORD = ROOT / ".venv-actions" / "bin" / "supervisord"
MODEL = ROOT / "models" / "mnd.tar.gz"
SPACY_MODEL = ROOT / "build" / "spacy_mnd"
LOG_DIR = ROOT / "build" / "logs"


class StartupError(RuntimeError):
    """The stack cannot start; the message says why and what fixes it."""


def port_in_use(host: str, port: int) -> bool:
    """True if something already listens on host:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on right now (for tests)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return 200 <= resp.status < 300
    except (urllib.error.URLError, OSError):
        return False


def _end(proc: subprocess.Popen[bytes] | None, grace: float) -> None:
    """Terminate a child's process group; kill it if it does not end within ``grace`` seconds."""
    if proc is None or proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


class Stack:
    """The action server and the Rasa server, run by a supervisord of their own (bot/supervision.py).

    With ``autorestart`` (the default) supervisord restarts a server that dies, with a growing pause
    when it keeps dying at start-up; :attr:`rasa` and :attr:`actions` look like child processes
    (``pid``, ``poll()``) and follow the current process of each server.
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 5005,
        actions_port: int = 5055,
        facts_url: str | None = None,
        api_token: str | None = None,
        model: Path = MODEL,
        endpoints: Path = ROOT / "endpoints.yml",
        credentials: Path = ROOT / "credentials.yml",
        log_dir: Path = LOG_DIR,
        state_dir: Path = ROOT / "build",
        extra_env: dict[str, str] | None = None,
        autorestart: bool = True,
        log_bytes: str = LOG_BYTES,
    ) -> None:
        self.host, self.port, self.actions_port = host, port, actions_port
        self.facts_url = facts_url
        self.api_token = api_token
        self.model, self.endpoints, self.credentials = model, endpoints, credentials
        self.log_dir = log_dir
        self.state_dir = state_dir
        self.extra_env = extra_env or {}
        self.autorestart = autorestart
        self.log_bytes = log_bytes  # each server's log is rotated at this size (supervisord)
        self.supervisor: Supervisor | None = None

    @classmethod
    def isolated(cls, workdir: Path, **kwargs: Any) -> Stack:
        """A stack whose conversations and logs stay in ``workdir`` (conversations.db, logs/); free ports by default."""
        endpoints = workdir / "endpoints.yml"
        endpoints.write_text(
            (ROOT / "endpoints.yml")
            .read_text(encoding="utf-8")
            .replace("build/conversations.db", str(workdir / "conversations.db")),
            encoding="utf-8",
        )
        kwargs.setdefault("port", free_port())
        kwargs.setdefault("actions_port", free_port())
        return cls(endpoints=endpoints, log_dir=workdir / "logs", state_dir=workdir, **kwargs)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def actions_url(self) -> str:
        return f"http://{self.host}:{self.actions_port}"

    @property
    def rasa(self) -> Handle | None:
        """The Rasa server's current process (None before the stack starts)."""
        return Handle(self.supervisor, "rasa") if self.supervisor is not None else None

    @property
    def actions(self) -> Handle | None:
        """The action server's current process (None before the stack starts)."""
        return Handle(self.supervisor, "actions") if self.supervisor is not None else None

    def preflight(self) -> None:
        """Refuse to start, with one clear line, when something is missing or a port is taken."""
        if not RASA.exists() or not ACTIONS_PYTHON.exists() or not SUPERVISORD.exists():
            raise StartupError("the virtual environments are missing; run `make run` (or `make venvs`)")
        if not self.model.is_file():
            shown = self.model.relative_to(ROOT) if self.model.is_relative_to(ROOT) else self.model
            raise StartupError(f"no trained model at {shown}; run `make train`")
        if not SPACY_MODEL.is_dir():
            raise StartupError("the spaCy pipeline is missing; run `make spacy`")
        check = subprocess.run(
            [str(ACTIONS_PYTHON), "-m", "bot.facts", "check"],
            cwd=ROOT,
            env=self._env(),
            capture_output=True,
            text=True,
        )
        if check.returncode != 0:
            lines = check.stderr.strip().splitlines() or ["the fact store cannot be checked"]
            raise StartupError(lines[-1].removeprefix("error: "))
        for port in (self.port, self.actions_port):
            if port_in_use(self.host, port):
                raise StartupError(
                    f"port {port} on {self.host} is already in use; stop what uses it or set "
                    f"MND_PORT / MND_ACTIONS_PORT to free ports"
                )

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            {
                "PYTHONPATH": str(ROOT),
                "ACTION_SERVER_URL": f"{self.actions_url}/webhook",
                "TF_CPP_MIN_LOG_LEVEL": "2",
                # rasa-sdk listens on all interfaces unless told otherwise.
                "SANIC_HOST": self.host,
                "RASA_TELEMETRY_ENABLED": "false",
                "PYTHONUNBUFFERED": "1",
            }
        )
        if self.facts_url:
            env["MND_FACTS_URL"] = self.facts_url
        if self.api_token:
            env["MND_API_TOKEN"] = self.api_token
        env.update(self.extra_env)
        # Secrets in 0600 files of the run's directory, made once and kept (conversations outlive a restart).
        if not env.get("MND_WIDGET_SECRET"):
            env["MND_WIDGET_SECRET_FILE"] = str(kept_secret(self.state_dir / "widget.secret"))
        if self.rest_token_file is not None:
            env["MND_REST_TOKEN_FILE"] = str(kept_secret(self.rest_token_file))
        return env

    @property
    def rest_token_file(self) -> Path | None:
        """Where the REST token is kept when REST needs one and $MND_REST_TOKEN is not set, else None."""
        env = {**os.environ, **self.extra_env}
        if not rest_token_required(self.host, env) or env.get("MND_REST_TOKEN"):
            return None
        return self.state_dir / "rest.token"

    def programs(self) -> list[Program]:
        """The two servers as supervisord runs them (the action server starts first and stops last)."""
        return [
            Program("actions", "action server", self._actions_args(), f"{self.actions_url}/health", 100),
            Program("rasa", "Rasa server", self._rasa_args(), f"{self.url}/webhooks/rest/", 200),
        ]

    def _supervised(self) -> Supervisor:
        if self.supervisor is None or not self.supervisor.running:
            # The servers inherit supervisord's environment: the API token is never in a file or on a command line.
            supervisor = Supervisor(
                SUPERVISORD,
                self.programs(),
                log_dir=self.log_dir,
                directory=ROOT,
                env=self._env(),
                autorestart=self.autorestart,
                log_bytes=self.log_bytes,
            )
            try:
                supervisor.launch()
            except SupervisorError as exc:
                supervisor.shutdown(1.0)
                raise StartupError(str(exc)) from exc
            self.supervisor = supervisor
        return self.supervisor

    def start(self, timeout: float = 180.0) -> None:
        """Start both servers side by side and return once both answer their health endpoints."""
        self.preflight()
        # Rasa does not need the action server while it loads, so both start at once. A server that
        # exits now is a setting or a build to fix, not a crash to retry.
        self._start(["actions", "rasa"], timeout, retries=False)

    def start_actions(self, timeout: float = 180.0) -> None:
        """Start the action server (or wait for supervisord's restart of it) until it answers."""
        self._start(["actions"], timeout, retries=self.autorestart)

    def start_rasa(self, timeout: float = 180.0) -> None:
        """Start the Rasa server (or wait for supervisord's restart of it) until it answers."""
        self._start(["rasa"], timeout, retries=self.autorestart)

    def _start(self, names: list[str], timeout: float, *, retries: bool) -> None:
        supervisor = self._supervised()
        programs = {p.name: p for p in supervisor.programs}
        try:
            for name in names:
                supervisor.start(name)
            for name in names:
                self._wait(supervisor, programs[name], timeout, retries)
        except BaseException:
            self.stop()
            raise

    def _wait(self, supervisor: Supervisor, program: Program, timeout: float, retries: bool) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = supervisor.info(program.name)["statename"]
            # With retries, supervisord's own tries (EXITED, BACKOFF) are waited for; it gives up with FATAL.
            if state in ("FATAL", "STOPPED") or (state not in ALIVE and not retries):
                raise StartupError(f"the {program.label} exited during start-up; see {self.log_dir}/")
            if _answers(program.health_url):
                return
            time.sleep(0.25)
        raise StartupError(
            f"the {program.label} did not answer {program.health_url} within {timeout:.0f} s; see {self.log_dir}/"
        )

    def _actions_args(self) -> list[str]:
        return [
            str(ACTIONS_PYTHON),
            "-m",
            "bot.web.actions_main",
            "--actions",
            "actions",
            "--port",
            str(self.actions_port),
        ]

    def stop_actions(self, grace: float = 10.0) -> None:
        """Stop the action server only (the Rasa server keeps serving); it stays down until :meth:`start_actions`."""
        if self.supervisor is not None and self.supervisor.running:
            self.supervisor.stop("actions")

    def _rasa_args(self) -> list[str]:
        # Rasa's own CLI, through bot.web.rasa_main so that "/" is the widget's demo page rather
        # than Rasa's "Hello from Rasa" (Sanic allows one route per path; see that module).
        args = [
            str(RASA_PYTHON),
            "-m",
            "bot.web.rasa_main",
            "run",
            "--model",
            str(self.model),
            "--endpoints",
            str(self.endpoints),
            "--credentials",
            str(self.credentials),
            "--interface",
            self.host,
            "--port",
            str(self.port),
        ]
        if self.api_token:
            # The token goes in the environment, where `ps` does not show it (bot/web/rasa_main.py).
            args += ["--enable-api"]
        return args

    def events(self) -> Events:
        """What happens to the servers from now on, in plain words (see :class:`~bot.supervision.Events`)."""
        return Events(self._supervised(), _answers)

    def stop(self, grace: float = 10.0) -> None:
        """Stop both servers (Rasa first) and their supervisord, killing whatever does not end in time."""
        if self.supervisor is not None:
            self.supervisor.shutdown(grace + 2 * STOP_SECONDS)
            self.supervisor = None

    def __enter__(self) -> Stack:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
