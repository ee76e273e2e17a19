"""Start the action server and the Rasa server, wait until both answer, stop both on Ctrl-C.

    python bot/serve.py            (what `make run` does after building)

Settings (environment): MND_HOST (127.0.0.1), MND_PORT (5005), MND_ACTIONS_PORT (5055),
MND_FACTS_URL (the fact store), MND_API_TOKEN (if set, Rasa's HTTP API is enabled and
requires it). Standard library only, so tests and benchmarks in either environment can
start the stack with :class:`Stack`.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RASA = ROOT / ".venv" / "bin" / "rasa"
RASA_PYTHON = ROOT / ".venv" / "bin" / "python"
ACTIONS_PYTHON = ROOT / ".venv-actions" / "bin" / "python"
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
    """The action server and the Rasa server as child processes."""

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
        extra_env: dict[str, str] | None = None,
    ) -> None:
        self.host, self.port, self.actions_port = host, port, actions_port
        self.facts_url = facts_url
        self.api_token = api_token
        self.model, self.endpoints, self.credentials = model, endpoints, credentials
        self.log_dir = log_dir
        self.extra_env = extra_env or {}
        self.actions: subprocess.Popen[bytes] | None = None
        self.rasa: subprocess.Popen[bytes] | None = None

    @classmethod
    def isolated(cls, workdir: Path, **kwargs: object) -> Stack:
        """A stack on free ports whose conversations (workdir/conversations.db) and logs stay in ``workdir``."""
        endpoints = workdir / "endpoints.yml"
        endpoints.write_text(
            (ROOT / "endpoints.yml")
            .read_text(encoding="utf-8")
            .replace("build/conversations.db", str(workdir / "conversations.db")),
            encoding="utf-8",
        )
        return cls(port=free_port(), actions_port=free_port(), endpoints=endpoints, log_dir=workdir / "logs", **kwargs)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def actions_url(self) -> str:
        return f"http://{self.host}:{self.actions_port}"

    def preflight(self) -> None:
        """Refuse to start, with one clear line, when something is missing or a port is taken."""
        if not RASA.exists() or not ACTIONS_PYTHON.exists():
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
        return env

    def _spawn(self, name: str, args: list[str]) -> subprocess.Popen[bytes]:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 - handed to the child
        # Own process group: Ctrl-C in the terminal is handled by us, and stop() ends children too.
        return subprocess.Popen(
            args, cwd=ROOT, env=self._env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def start(self, timeout: float = 180.0) -> None:
        """Start both servers side by side and return once both answer their health endpoints."""
        self.preflight()
        # Rasa does not need the action server while it loads, so both start at once.
        self.actions = self._spawn_actions()
        self.rasa = self._spawn_rasa()
        self._wait(f"{self.actions_url}/health", self.actions, "action server", timeout)
        self._wait(f"{self.url}/webhooks/rest/", self.rasa, "Rasa server", timeout)

    def start_actions(self, timeout: float = 180.0) -> None:
        """Start the action server and wait until it answers."""
        self.actions = self._spawn_actions()
        self._wait(f"{self.actions_url}/health", self.actions, "action server", timeout)

    def _spawn_actions(self) -> subprocess.Popen[bytes]:
        return self._spawn(
            "actions",
            [
                str(ACTIONS_PYTHON),
                "-m",
                "bot.web.actions_main",
                "--actions",
                "actions",
                "--port",
                str(self.actions_port),
            ],
        )

    def stop_actions(self, grace: float = 10.0) -> None:
        """Stop the action server only (the Rasa server keeps serving)."""
        _end(self.actions, grace)

    def start_rasa(self, timeout: float = 180.0) -> None:
        """Start the Rasa server and wait until it answers."""
        self.rasa = self._spawn_rasa()
        self._wait(f"{self.url}/webhooks/rest/", self.rasa, "Rasa server", timeout)

    def _spawn_rasa(self) -> subprocess.Popen[bytes]:
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
        return self._spawn("rasa", args)

    def _wait(self, url: str, proc: subprocess.Popen[bytes], what: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                self.stop()
                raise StartupError(f"the {what} exited during start-up; see {self.log_dir}/")
            if _answers(url):
                return
            time.sleep(0.25)
        self.stop()
        raise StartupError(f"the {what} did not answer {url} within {timeout:.0f} s; see {self.log_dir}/")

    def stop(self, grace: float = 10.0) -> None:
        """Stop both servers (Rasa first), killing whatever does not end within ``grace`` seconds."""
        _end(self.rasa, grace)
        _end(self.actions, grace)

    def __enter__(self) -> Stack:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main() -> int:
    stack = Stack(
        host=os.environ.get("MND_HOST", "127.0.0.1"),
        port=int(os.environ.get("MND_PORT", "5005")),
        actions_port=int(os.environ.get("MND_ACTIONS_PORT", "5055")),
        api_token=os.environ.get("MND_API_TOKEN") or None,
    )
    stopping = False

    def _stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    started = time.monotonic()
    print("Starting the action server and the Rasa server (about 6 s)...", flush=True)
    try:
        stack.start()
    except StartupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"Ready in {time.monotonic() - started:.0f} s.", flush=True)
    print(f"Chat page:     {stack.url}/", flush=True)
    print(f"REST channel:  POST {stack.url}/webhooks/rest/webhook", flush=True)
    print(f"Logs:          {LOG_DIR.relative_to(ROOT)}/   Press Ctrl-C to stop.", flush=True)
    code = 0
    while not stopping:
        for name, proc in (("Rasa server", stack.rasa), ("action server", stack.actions)):
            if proc is not None and proc.poll() is not None:
                print(f"error: the {name} stopped unexpectedly; see {LOG_DIR.relative_to(ROOT)}/", file=sys.stderr)
                stopping, code = True, 1
        time.sleep(0.5)
    print("Stopping...", flush=True)
    stack.stop()
    print("Stopped.", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
