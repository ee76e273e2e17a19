"""The real stack for the bad-input tests: both servers on free ports, a tracker store and logs of their own."""

from __future__ import annotations

import http.client
import json
import socket
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from bot.serve import Stack
from tests.support import bot_messages, widget_proof

CHANNELS = {"rest": "/webhooks/rest/webhook", "widget": "/webhooks/widget/webhook"}


def raw_exchange(url: str, data: bytes, timeout: float = 15) -> bytes:
    """Send these exact bytes and read what comes back until the server closes or stays silent."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=timeout) as sock:
        sock.sendall(data)
        received = b""
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except TimeoutError:
            pass
        return received


@dataclass
class Answer:
    """What the server sent back to one request."""

    status: int
    content_type: str
    raw: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.raw) if "json" in self.content_type and self.raw else None


@dataclass
class Server:
    stack: Stack
    conversations: Path

    @property
    def logs(self) -> Path:
        return self.stack.log_dir

    def request(
        self, path: str, body: bytes, headers: dict[str, str], timeout: float = 120, method: str = "POST"
    ) -> Answer:
        """Send exactly these bytes and headers (http.client adds no Content-Type of its own)."""
        parts = urlsplit(self.stack.url)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            return Answer(resp.status, resp.headers.get("Content-Type", ""), resp.read())
        finally:
            conn.close()

    def messages(self, channel: str, answer: Answer) -> list[dict[str, Any]]:
        """The bot messages of a 200 answer, one object each (text, buttons and payload together)."""
        data = answer.json
        assert isinstance(data, list), answer
        return bot_messages(data) if channel == "rest" else data

    def proof(self, channel: str, sender: str) -> dict[str, str]:
        """The header a widget request about ``sender`` needs (none for REST)."""
        return widget_proof(self.stack.state_dir, sender) if channel == "widget" else {}

    def ask(self, channel: str, sender: str, message: str) -> list[dict[str, Any]]:
        body = json.dumps({"sender": sender, "message": message}).encode()
        headers = {"Content-Type": "application/json", **self.proof(channel, sender)}
        answer = self.request(CHANNELS[channel], body, headers)
        assert answer.status == 200, answer
        return self.messages(channel, answer)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("reliability")
    with Stack.isolated(tmp) as stack:
        yield Server(stack, tmp / "conversations.db")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """The fault table (fault -> what the user saw -> turns stored / expected -> recovered without restart),
    once, after the fault tests (tests/reliability/test_*_faults.py) that ran."""
    faults = sys.modules.get("tests.reliability.store_faults")
    if faults is not None and faults.TABLE.rows:
        terminalreporter.write_sep("-", "fault table")
        for line in faults.TABLE.lines():
            terminalreporter.write_line(line)
