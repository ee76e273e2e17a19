"""The whole scaled-out profile (bot.scaled.ScaledStack) on free loopback ports, and clients for it.

Started once for the module: PostgreSQL, Redis, nginx, two action servers and two Rasa servers, with
secrets generated for the run. Its logs are kept in build/results/scaled/logs/ afterwards.
Runs in the Rasa environment (psycopg2 reads the tracker store).
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg2
import pytest

from bot.scaled import ScaledStack, Settings
from bot.serve import ROOT, free_port
from tests.support import Chat, bot_messages

RESULTS = ROOT / "build" / "results" / "scaled"


def _free_ports(count: int) -> list[int]:
    ports: list[int] = []
    while len(ports) < count:
        port = free_port()
        if port not in ports:
            ports.append(port)
    return ports


@pytest.fixture(scope="module")
def scaled() -> Iterator[ScaledStack]:
    port, lb, r1, r2, a1, a2, pg, redis = _free_ports(8)
    # Not under pytest's tmp dir: that is private to root, and PostgreSQL runs as ``postgres``.
    base = Path(tempfile.mkdtemp(prefix="mnd-scaled-"))
    base.chmod(0o755)
    settings = Settings(
        port=port, actions_lb_port=lb, rasa_ports=(r1, r2), actions_ports=(a1, a2), pg_port=pg, redis_port=redis,
        state_dir=base,
    ).with_secrets()  # fmt: skip
    stack = ScaledStack(settings)
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()
        logs = RESULTS / "logs"
        shutil.rmtree(logs, ignore_errors=True)
        if (base / "logs").is_dir():
            shutil.copytree(base / "logs", logs)
        shutil.rmtree(base, ignore_errors=True)


@dataclass
class Reply:
    """One HTTP exchange with the REST channel."""

    status: int
    messages: list[dict[str, Any]]
    served_by: str  # nginx's X-Served-By: the upstream address(es) tried, the last one answered
    seconds: float


class ScaledChat(Chat):
    """A person's conversation through nginx (or one server directly), noting which server answered each turn."""

    def __init__(self, url: str, prefix: str = "scaled") -> None:
        super().__init__(url)
        self.sender = self.sender.replace("e2e-", f"{prefix}-")
        self.sent: list[str] = []
        self.replies: list[Reply] = []

    def send(self, message: str, timeout: float = 120.0) -> Reply:
        body = json.dumps({"sender": self.sender, "message": message}).encode()
        request = urllib.request.Request(
            f"{self.url}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
        )
        started = time.monotonic()
        self.sent.append(message)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                reply = Reply(response.status, bot_messages(json.loads(response.read())),
                              response.headers.get("X-Served-By", ""), time.monotonic() - started)
        except urllib.error.HTTPError as exc:
            reply = Reply(exc.code, [], exc.headers.get("X-Served-By", ""), time.monotonic() - started)
        self.replies.append(reply)
        return reply

    def post(self, message: str) -> list[dict[str, Any]]:
        reply = self.send(message)
        assert reply.status == 200, reply
        return reply.messages


def answers(reply: Reply) -> list[dict[str, Any]]:
    """The messages that answer the turn (the session's disclaimer does not)."""
    return [m for m in reply.messages if m.get("custom", {}).get("kind") != "disclaimer"]


@dataclass
class Conversation:
    """A conversation as the tracker store (PostgreSQL) holds it."""

    events: list[dict[str, Any]] = field(default_factory=list)

    @property
    def user_texts(self) -> list[str]:
        return [e["text"] for e in self.events if e["event"] == "user"]

    def turns(self) -> list[list[dict[str, Any]]]:
        """The events from each user message up to the next one."""
        found: list[list[dict[str, Any]]] = []
        for event in self.events:
            if event["event"] == "user":
                found.append([])
            if found:
                found[-1].append(event)
        return found


def stored(stack: ScaledStack, sender: str) -> Conversation:
    s = stack.settings
    with psycopg2.connect(
        host=s.host, port=s.pg_port, user=s.pg_user, password=s.pg_password, dbname=s.conversations_db
    ) as conn, conn.cursor() as cur:
        cur.execute("SELECT data FROM events WHERE sender_id = %s ORDER BY id", (sender,))
        return Conversation([json.loads(data) for (data,) in cur.fetchall()])


def assert_complete(stack: ScaledStack, chat: ScaledChat) -> Conversation:
    """Every message the person sent is stored exactly once, in order, each followed by the bot's reply."""
    conversation = stored(stack, chat.sender)
    assert conversation.user_texts == chat.sent
    for turn in conversation.turns():
        assert any(e["event"] == "bot" for e in turn), f"no bot reply stored after {turn[0]['text']!r}"
        assert turn[-1]["event"] == "action" and turn[-1]["name"] == "action_listen", turn[-1]
    return conversation
