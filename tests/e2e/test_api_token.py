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
        assert stack.supervisor is not None and stack.supervisor.private is not None
        for proc in (stack.rasa, stack.actions, stack.supervisor.proc):
            assert proc is not None
            cmdline = Path(f"/proc/{proc.pid}/cmdline").read_bytes().decode(errors="replace")
            assert token not in cmdline
        # supervisord passes its own environment on: the token is in no file it reads or writes either.
        written = [*stack.supervisor.private.iterdir(), *stack.log_dir.iterdir()]
        assert any(path.name == "supervisord.conf" for path in written)
        for path in written:
            if path.is_file():
                assert token not in path.read_text(errors="replace"), path


@pytest.mark.parametrize("token", ["-starts-with-a-dash", "--two-dashes", "plain_token"])
def test_any_generated_token_reaches_rasa_as_given(token: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # secrets.token_urlsafe() starts with "-" about once in 64 runs; Rasa must still start and use it.
    from rasa.__main__ import create_argument_parser

    from bot.web.rasa_main import with_token

    monkeypatch.setenv("MND_API_TOKEN", token)
    argv = with_token(["run", "--enable-api", "--model", "models/mnd.tar.gz"])
    assert create_argument_parser().parse_args(argv).auth_token == token
