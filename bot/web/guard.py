"""Never leave a person without a reply.

When the action server is down or restarting, Rasa logs the failed action and
sends nothing: the person would see silence. Every channel of this bot wraps
its message handler with :func:`never_silent`, which adds the polite error
message (wording from domain.yml, kind ``error`` in the reply contract) when a
turn produced no reply of its own. Nothing stored is lost: the user's message
is already in the tracker, and the next turn is answered normally.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

logger = logging.getLogger(__name__)

DOMAIN = Path(__file__).resolve().parents[2] / "domain.yml"
ERROR_RESPONSE = "utter_error"
# Messages that do not answer the person's turn by themselves.
NOT_A_REPLY = {"disclaimer"}


@lru_cache(maxsize=1)
def _error_text() -> str:
    domain = yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))
    return str(domain["responses"][ERROR_RESPONSE][0]["text"])


def error_message() -> dict[str, Any]:
    """The error reply, a new dict every time.

    Rasa's output channels pop "text" and "custom" out of the dict they send, so a shared one
    would be empty from the second failed turn on. The wording is read once, when a channel is
    created (:func:`load_error_text`), so that no file is needed at error time.
    """
    return bare_reply(_error_text(), "error")


def load_error_text() -> None:
    """Read the error wording now (at start-up), not when a turn fails (files may be out of reach then)."""
    _error_text()


def bare_reply(text: str, kind: str) -> dict[str, Any]:
    """A bot message that answers from no fact: the reply contract with every field empty."""
    return {
        "text": text,
        "custom": {
            "kind": kind,
            "condition": None,
            "topic": None,
            "facts": [],
            "sources": [],
            "term": None,
            "conditions": None,
        },
    }


def _answers(messages: list[dict[str, Any]]) -> bool:
    kinds = [(m.get("custom") or {}).get("kind") for m in messages]
    texts = [m for m in messages if m.get("text")]
    # A text without a kind (another channel's format) still counts as an answer.
    return any(kind not in NOT_A_REPLY for kind in kinds if kind) or (bool(texts) and not any(kinds))


def never_silent(on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Callable[[UserMessage], Awaitable[Any]]:
    """Wrap a channel's message handler so that every turn gets at least one reply."""
    load_error_text()

    async def handler(message: UserMessage) -> Any:
        collector = message.output_channel
        before = len(collector.messages) if isinstance(collector, CollectingOutputChannel) else None
        try:
            result = await on_new_message(message)
        except Exception:  # a failure anywhere in the turn must still reach the person politely
            logger.exception("turn failed for a conversation; sending the error reply")
            result = None
        if before is not None and not _answers(collector.messages[before:]):
            await collector.send_response(message.sender_id, error_message())
        return result

    return handler
