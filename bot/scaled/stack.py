"""The whole scaled-out profile: PostgreSQL, Redis, nginx and the nodes (see the package docstring), started
in dependency order and stopped in the reverse order; each kind of process has a module of its own.

Standard library only, so tests in either environment can use :class:`ScaledStack` (and
:class:`~bot.scaled.postgres.Postgres`).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bot.private_files import write_private
from bot.scaled.children import wait_until
from bot.scaled.nginx import Nginx
from bot.scaled.node import Node
from bot.scaled.packages import missing_packages
from bot.scaled.postgres import Postgres
from bot.scaled.redis_server import Redis
from bot.scaled.settings import Settings
from bot.serve import (
    ACTIONS_PYTHON,
    RASA_PYTHON,
    ROOT,
    SPACY_MODEL,
    StartupError,
    _answers,
    port_in_use,
)
from bot.supervision import Handle


def _cmdline(pid: int) -> str:
    """The command line of process ``pid`` ("" if there is none, or it has ended and not been reaped)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


class ScaledStack:
    """Everything the profile runs, started in dependency order and stopped in the reverse order."""

    def __init__(self, settings: Settings) -> None:
        if not settings.complete:
            settings = settings.with_secrets()
        if len(settings.rasa_ports) != len(settings.actions_ports):
            raise StartupError("MND_SCALED_RASA_PORTS and MND_SCALED_ACTIONS_PORTS must list as many ports")
        self.settings = s = settings
        self.logs = s.state_dir / "logs"
        self.postgres: Postgres | None = None
        self.leftovers_ended: list[str] = []
        self.redis = Redis(s.state_dir / "redis", host=s.host, port=s.redis_port, password=s.redis_password,
                           log=self.logs / "redis.log")
        self.nginx = Nginx(s, s.state_dir / "nginx", self.logs)
        self.nodes = [
            Node(str(i + 1), s, rasa_port=r, actions_port=a, log_dir=self.logs / f"node{i + 1}")
            for i, (r, a) in enumerate(zip(s.rasa_ports, s.actions_ports, strict=True))
        ]

    @property
    def url(self) -> str:
        return f"http://{self.settings.host}:{self.settings.port}"

    def node_serving(self, served_by: str) -> Node:
        """The node whose Rasa server answered, from nginx's X-Served-By header (the last address tried)."""
        port = int(served_by.split(",")[-1].strip().rsplit(":", 1)[1])
        return next(n for n in self.nodes if n.port == port)

    def preflight(self) -> None:
        missing = missing_packages()
        if missing:
            raise StartupError(f"missing Debian packages {', '.join(missing)}; run `make run-scaled` "
                               f"(it installs them) or apt-get install {' '.join(missing)}")
        if not RASA_PYTHON.exists() or not ACTIONS_PYTHON.exists():
            raise StartupError("the virtual environments are missing; run `make run-scaled` (or `make venvs`)")
        if not self.settings.model.is_file():
            raise StartupError(f"no trained model at {self.settings.model}; run `make train`")
        if not SPACY_MODEL.is_dir():
            raise StartupError("the spaCy pipeline is missing; run `make spacy`")
        ports = self.settings.all_ports()
        if len(ports) != 6 + 2 * (len(self.nodes) - 1):
            raise StartupError("two settings name the same port; every MND_*PORT* must differ")
        for port, setting in ports.items():
            if port_in_use(self.settings.host, port):
                raise StartupError(f"port {port} on {self.settings.host} is already in use; stop what uses it "
                                   f"or set {setting} to a free port")

    def start(self, timeout: float = 300.0) -> None:
        """Start everything and return once the public address answers; on failure stop what started."""
        s = self.settings
        try:
            self.leftovers_ended = self.end_leftovers()
            self.preflight()
            self.postgres = Postgres(s.state_dir / "postgres", host=s.host, port=s.pg_port,
                                     log=self.logs / "postgres.log")
            self.postgres.init()
            self.postgres.start()
            self.postgres.ensure_app(s.pg_user, s.pg_password, [s.conversations_db, s.facts_db])
            self.build_facts()
            self.redis.start()
            self.nginx.start()
            self._each(lambda node: node.start_actions(timeout))
            self._each(lambda node: node.start_rasa(timeout))
            wait_until(lambda: _answers(f"{self.url}/webhooks/rest/"), self.nginx.proc,  # type: ignore[arg-type]
                        "nginx", self.logs / "nginx-error.log", 30)
            self.record_processes()
        except BaseException:
            self.stop()
            raise

    # A launcher killed outright (SIGKILL, a closed terminal) cannot stop its children; the next run
    # ends them, recognising each by its process id AND its unchanged command line.

    @property
    def _record(self) -> Path:
        return self.settings.state_dir / "processes.json"

    def record_processes(self) -> None:
        """Note the processes this run started (again after a restart), for :meth:`end_leftovers`."""
        running = {name: p.pid for name, p in self.processes().items() if p is not None and p.poll() is None}
        record = {
            "launcher": {"pid": os.getpid(), "cmdline": _cmdline(os.getpid())},
            "processes": {name: {"pid": pid, "cmdline": _cmdline(pid)} for name, pid in running.items()},
        }
        write_private(self._record, json.dumps(record, indent=1))

    def end_leftovers(self) -> list[str]:
        """End what an earlier run with this state directory started and left running; return their names."""
        try:
            record = json.loads(self._record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        launcher = record["launcher"]
        if launcher["pid"] != os.getpid() and _cmdline(launcher["pid"]) == launcher["cmdline"]:
            raise StartupError(f"the scaled profile is already running from {self.settings.state_dir} "
                               f"(process {launcher['pid']}); stop it with Ctrl-C first")
        left = {name: e["pid"] for name, e in record["processes"].items() if _cmdline(e["pid"]) == e["cmdline"]}
        for name, pid in left.items():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGINT if name == "PostgreSQL" else signal.SIGTERM)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(_cmdline(pid) for pid in left.values()):
            time.sleep(0.2)
        for pid in left.values():
            if _cmdline(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pid, signal.SIGKILL)
        self._record.unlink(missing_ok=True)
        return sorted(left)

    def _each(self, start: object) -> None:
        """Start the nodes' servers side by side (Rasa servers take a while to load the model)."""
        pool = ThreadPoolExecutor(len(self.nodes))
        futures = [pool.submit(start, node) for node in self.nodes]  # type: ignore[arg-type]
        try:
            for future in futures:
                future.result()
        except BaseException:
            # Ctrl-C or a node that failed: end the others' processes so that their waits end now.
            for node in self.nodes:
                node.stop()
            raise
        finally:
            pool.shutdown(wait=True)

    def build_facts(self) -> None:
        """(Re)build the fact store on PostgreSQL from data/facts, in one transaction."""
        result = subprocess.run(
            [str(ACTIONS_PYTHON), "-m", "bot.facts", "build"],
            cwd=ROOT, capture_output=True, text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT), "MND_FACTS_URL": self.settings.facts_url()},
        )
        if result.returncode != 0:
            raise StartupError(f"the fact store could not be built on PostgreSQL: {result.stderr.strip()}")

    def infrastructure(self) -> dict[str, subprocess.Popen[bytes] | None]:
        """PostgreSQL, Redis and nginx: nothing can go on without any of them."""
        return {
            "PostgreSQL": self.postgres.proc if self.postgres else None,
            "Redis": self.redis.proc,
            "nginx": self.nginx.proc,
        }

    def processes(self) -> dict[str, subprocess.Popen[bytes] | Handle | None]:
        """Every process of the profile: the infrastructure, each node's supervisord and its servers."""
        found: dict[str, subprocess.Popen[bytes] | Handle | None] = dict(self.infrastructure())
        for node in self.nodes:
            found[f"supervisord {node.name}"] = node.supervisor.proc if node.supervisor else None
            found[f"Rasa server {node.name}"] = node.rasa
            found[f"action server {node.name}"] = node.actions
        return found

    def stop(self) -> None:
        """Stop everything that started: nginx, the Rasa servers, the action servers, Redis, PostgreSQL."""
        self.nginx.stop()
        for node in self.nodes:
            node.stop()
        self.redis.stop()
        if self.postgres is not None:
            self.postgres.stop()
        if all(proc is None or proc.poll() is not None for proc in self.processes().values()):
            self._record.unlink(missing_ok=True)

    def __enter__(self) -> ScaledStack:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
