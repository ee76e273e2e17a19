"""With MND_API_TOKEN set, Rasa's HTTP API needs the token, and the token is on no command line."""

from __future__ import annotations

import secrets
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bot.serve import Stack


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return resp.status
    except urllib.error.HTTPError as err:
        return err.code


def test_the_api_token_is_required_and_never_on_a_command_line(tmp_path_factory: pytest.TempPathFactory) -> None:
    token = secrets.token_urlsafe(24)
    with Stack.isolated(tmp_path_factory.mktemp("token"), api_token=token) as stack:
        assert _status(f"{stack.url}/status") == 401
        assert _status(f"{stack.url}/status?token={token}") == 200
        for proc in (stack.rasa, stack.actions):
            assert proc is not None
            cmdline = Path(f"/proc/{proc.pid}/cmdline").read_bytes().decode(errors="replace")
            assert token not in cmdline
