"""Helpers shared by the tests that talk to the real servers."""

from __future__ import annotations

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
