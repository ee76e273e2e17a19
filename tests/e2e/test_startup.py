"""Start-up refuses, with one clear line and the command that fixes it, when a part is missing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.serve import ROOT, Stack, StartupError, free_port


def _serve(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.launcher"],
        cwd=ROOT,
        env={**os.environ, "MND_PORT": str(free_port()), "MND_ACTIONS_PORT": str(free_port()), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_corrupt_fact_store_is_refused_with_one_line(tmp_path: Path) -> None:
    corrupt = tmp_path / "facts.db"
    corrupt.write_bytes(b"this is not a database")
    result = _serve(tmp_path, MND_FACTS_URL=f"sqlite:///{corrupt}")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "fact store cannot be read" in lines[0] and "make facts" in lines[0]
    assert "Traceback" not in result.stdout + result.stderr


def test_missing_fact_store_is_refused(tmp_path: Path) -> None:
    result = _serve(tmp_path, MND_FACTS_URL=f"sqlite:///{tmp_path / 'nowhere.db'}")
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: no fact store at {tmp_path / 'nowhere.db'}; run `make facts` to build it"


def test_missing_model_is_refused(tmp_path: Path) -> None:
    stack = Stack(port=free_port(), actions_port=free_port(), model=tmp_path / "none.tar.gz")
    with pytest.raises(StartupError, match=r"no trained model .*; run `make train`"):
        stack.preflight()


def test_port_in_use_is_one_clear_line(tmp_path: Path) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = _serve(tmp_path, MND_PORT=str(port))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"error: port {port} on 127.0.0.1 is already in use; stop what uses it or set MND_PORT / "
        "MND_ACTIONS_PORT to free ports"
    ]
