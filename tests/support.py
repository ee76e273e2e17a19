"""Helpers shared by the tests that talk to the real servers."""

from __future__ import annotations

import json
import urllib.request
import uuid
from pathlib import Path
from typing import Any


def bot_messages(output: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rasa's REST channel sends a message's text (with buttons) and its custom payload as two
    consecutive items; join them back into one message each."""
    messages: list[dict[str, Any]] = []
    for item in output:
        if "text" not in item and "custom" in item and messages and "custom" not in messages[-1]:
            messages[-1]["custom"] = item["custom"]
        else:
            messages.append(dict(item))
    return messages


def widget_proof(state_dir: Path, sender: str) -> dict[str, str]:
    """The header the widget channel needs with requests about ``sender``, made with the server's
    secret (``widget.secret`` in its run directory, see bot/serve.py): tests stand in for
    ``POST /webhooks/widget/session`` to keep readable sender ids. Rasa environment only."""
    from bot.web.sessions import PROOF_HEADER, SECRET_FILE_ENV, SenderProofs

    proofs = SenderProofs.from_env({SECRET_FILE_ENV: str(state_dir / "widget.secret")})
    return {PROOF_HEADER: proofs.proof(sender)}


class Chat:
    """One person's conversation through POST /webhooks/rest/webhook."""

    def __init__(self, url: str, prefix: str = "e2e") -> None:
        self.url = url
        self.sender = f"{prefix}-{uuid.uuid4().hex[:12]}"

    def post(self, message: str) -> list[dict[str, Any]]:
        body = json.dumps({"sender": self.sender, "message": message}).encode()
        request = urllib.request.Request(
            f"{self.url}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return bot_messages(json.loads(response.read()))

    def replies(self, message: str) -> list[dict[str, Any]]:
        """Send a message; return the bot's messages to it, without the session disclaimer."""
        return [m for m in self.post(message) if m.get("custom", {}).get("kind") != "disclaimer"]

    def say(self, message: str) -> dict[str, Any]:
        """Send a message; return the bot's one reply to it (after any session disclaimer)."""
        replies = self.replies(message)
        assert len(replies) == 1, replies
        return replies[0]


def about(reply: dict[str, Any]) -> tuple[str, str | None, str | None]:
    """What a reply is: its kind, condition and topic."""
    return reply["custom"]["kind"], reply["custom"].get("condition"), reply["custom"].get("topic")
