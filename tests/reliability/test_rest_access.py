"""When the REST channel asks for its token, and what it accepts as the token (bot/web/rest_access.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.listening import interface_of
from bot.web.rest_access import RestAccess


@pytest.mark.parametrize(
    ("host", "env", "needs_token"),
    [
        ("127.0.0.1", {}, False),
        ("127.0.0.2", {}, False),
        ("::1", {}, False),
        ("[::1]", {}, False),
        ("localhost", {}, False),
        ("0.0.0.0", {"MND_REST_TOKEN": "s3cret"}, True),
        ("::", {"MND_REST_TOKEN": "s3cret"}, True),
        ("192.168.1.20", {"MND_REST_TOKEN": "s3cret"}, True),
        ("bot.clinic.example", {"MND_REST_TOKEN": "s3cret"}, True),
        ("127.0.0.1", {"MND_REST_TOKEN": "s3cret", "MND_REST_TOKEN_REQUIRED": "1"}, True),
    ],
)
def test_the_token_is_needed_beyond_loopback_only(host: str, env: dict[str, str], needs_token: bool) -> None:
    access = RestAccess.from_env({"MND_LISTEN_HOST": host, **env})
    assert access.allows(None, None) is not needs_token
    assert access.allows("Bearer s3cret", None)


def test_what_counts_as_the_token() -> None:
    access = RestAccess.from_env({"MND_LISTEN_HOST": "0.0.0.0", "MND_REST_TOKEN": "s3cret"})
    assert access.allows("Bearer s3cret", None) and access.allows("bearer  s3cret ", None)
    assert access.allows(None, "s3cret")
    wrong = (("Bearer wrong", None), ("Basic s3cret", None), ("s3cret", None), (None, "wrong"), (None, ""))
    for header, query in wrong:
        assert not access.allows(header, query), (header, query)


def test_the_token_can_come_from_a_private_file_only(tmp_path: Path) -> None:
    token = tmp_path / "rest.token"
    token.write_text("from-a-file\n")
    token.chmod(0o600)
    access = RestAccess.from_env({"MND_LISTEN_HOST": "0.0.0.0", "MND_REST_TOKEN_FILE": str(token)})
    assert access.allows("Bearer from-a-file", None) and not access.allows(None, None)
    token.chmod(0o644)  # readable by every local user: refused, with the reason
    with pytest.raises(RuntimeError, match="0600"):
        RestAccess.from_env({"MND_LISTEN_HOST": "0.0.0.0", "MND_REST_TOKEN_FILE": str(token)})


def test_beyond_loopback_without_a_token_the_server_refuses_to_start() -> None:
    with pytest.raises(RuntimeError, match="MND_REST_TOKEN"):
        RestAccess.from_env({"MND_LISTEN_HOST": "0.0.0.0"})


def test_where_rasa_listens_is_read_from_its_command_line() -> None:
    assert interface_of(["run", "--interface", "127.0.0.1", "--port", "5005"]) == "127.0.0.1"
    assert interface_of(["run", "-i", "10.0.0.5"]) == "10.0.0.5"
    assert interface_of(["run", "--interface=::1"]) == "::1"
    assert interface_of(["run", "--port", "5005"]) == "0.0.0.0"  # Rasa's default: every address
