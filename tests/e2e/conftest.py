"""The real stack (action server + Rasa server) on free ports, and a client for Rasa's REST channel."""

from __future__ import annotations

import json
import urllib.request
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from bot.serve import ROOT, Stack
from tests.support import bot_messages

FACTS = {
    fact["id"]: fact
    for path in sorted((ROOT / "data" / "facts" / "facts").glob("*.yml"))
    for fact in yaml.safe_load(path.read_text(encoding="utf-8"))["facts"]
}


class Chat:
    """One person's conversation through POST /webhooks/rest/webhook."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.sender = f"e2e-{uuid.uuid4().hex[:12]}"

    def post(self, message: str) -> list[dict[str, Any]]:
        body = json.dumps({"sender": self.sender, "message": message}).encode()
        request = urllib.request.Request(
            f"{self.url}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return bot_messages(json.loads(response.read()))

    def say(self, message: str) -> dict[str, Any]:
        """Send a message; return the bot's one reply to it (after any session disclaimer)."""
        replies = [m for m in self.post(message) if m.get("custom", {}).get("kind") != "disclaimer"]
        assert len(replies) == 1, replies
        return replies[0]


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with Stack.isolated(tmp_path_factory.mktemp("stack")) as running:
        yield running


@pytest.fixture
def chat(stack: Stack) -> Chat:
    return Chat(stack.url)


def source_ids(reply: dict[str, Any]) -> set[str]:
    return {s["id"] for s in reply["custom"]["sources"]}
