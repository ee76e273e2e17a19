"""One node of the scaled-out profile: a Rasa server and an action server, as one application machine runs.

Standard library only: tests in either environment use it (see the package docstring).
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from dataclasses import replace
from pathlib import Path

from bot.scaled.settings import Settings
from bot.serve import RASA_PYTHON, ROOT, Stack, port_in_use
from bot.supervision import Program

ENDPOINTS = ROOT / "endpoints.scaled.yml"
CREDENTIALS = ROOT / "credentials.yml"


class Node(Stack):
    """One Rasa server and one action server: what one application machine runs in a real deployment.

    The embedded profile's :class:`~bot.serve.Stack`, except that the Rasa server uses
    endpoints.scaled.yml, sends its action calls to the action servers' load balancer, and always
    serves the HTTP API behind the token, which it reads from its environment (see :func:`rasa_main`).
    """

    def __init__(self, name: str, settings: Settings, *, rasa_port: int, actions_port: int, log_dir: Path) -> None:
        super().__init__(
            host=settings.host,
            port=rasa_port,
            actions_port=actions_port,
            facts_url=settings.facts_url(),
            model=settings.model,
            endpoints=ENDPOINTS,
            credentials=CREDENTIALS,
            log_dir=log_dir,
            extra_env=settings.server_env(),
        )
        self.name = name

    def start_rasa(self, timeout: float = 300.0) -> None:
        super().start_rasa(timeout)

    def _rasa_args(self) -> list[str]:
        return [
            str(RASA_PYTHON), "-m", "bot.scaled", "rasa", "run",
            "--model", str(self.model), "--endpoints", str(self.endpoints), "--credentials", str(self.credentials),
            "--interface", self.host, "--port", str(self.port), "--enable-api",
        ]  # fmt: skip

    def programs(self) -> list[Program]:
        return [replace(p, label=f"{p.label} {self.name}") for p in super().programs()]

    def kill_rasa(self) -> None:
        """SIGKILL the Rasa server, as a crash or a pulled plug would (tests); return once its port is closed.

        supervisord restarts it; the new one listens only once it has loaded the model.
        """
        if self.rasa is None or self.rasa.poll() is not None or not self.rasa.pid:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.rasa.pid, signal.SIGKILL)
        # Its other threads end a moment after the main one; until then the kernel still accepts connections.
        deadline = time.monotonic() + 30
        while port_in_use(self.host, self.port) and time.monotonic() < deadline:
            time.sleep(0.05)
