"""Starting a program of the profile as a child of the launcher, and waiting until it is ready.

Standard library only: tests in either environment use it (see the package docstring).
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from bot.serve import StartupError


def spawn(args: list[str], log: Path, **kwargs: object) -> subprocess.Popen[bytes]:
    """A child in its own session (Ctrl-C reaches only the launcher, which stops the children in order)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    out = open(log, "ab")  # noqa: SIM115 - handed to the child
    try:
        return subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, **kwargs)  # type: ignore[call-overload]
    finally:
        out.close()


def wait_until(check: object, proc: subprocess.Popen[bytes], what: str, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise StartupError(f"{what} exited during start-up; see {log}")
        if check():  # type: ignore[operator]
            return
        time.sleep(0.2)
    raise StartupError(f"{what} did not become ready within {timeout:.0f} s; see {log}")
