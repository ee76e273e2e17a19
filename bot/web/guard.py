"""Never leave a person without a reply.

When the action server is down or restarting, Rasa logs the failed action and
sends nothing: the person would see silence. Every channel of this bot wraps
its message handler with :func:`never_silent`, which adds the polite error
message (wording from domain.yml, kind ``error`` in the reply contract) when a
turn produced no reply of its own. Nothing stored is lost: the user's message
is already in the tracker, and the next turn is answered normally.

It also keeps the other promise of a turn: it is stored, or the person is told. The guard opens a
turn record (bot/store_state.py) that the tracker store fills in; when some of the turn could not
be saved, every message of the reply gets ``"saved": false`` in its payload and one more message
(kind ``not_saved``, wording ``utter_not_saved`` from domain.yml) says so plainly.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.store_state import begin_turn, end_turn

logger = logging.getLogger(__name__)

DOMAIN = Path(__file__).resolve().parents[2] / "domain.yml"
ERROR_RESPONSE = "utter_error"
NOT_SAVED_RESPONSE = "utter_not_saved"
# Messages that do not answer the person's turn by themselves.
NOT_A_REPLY = {"disclaimer"}


@lru_cache(maxsize=1)
def _texts() -> dict[str, str]:
    responses = yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))["responses"]
    return {name: str(responses[name][0]["text"]) for name in (ERROR_RESPONSE, NOT_SAVED_RESPONSE)}


def error_message() -> dict[str, Any]:
    """The error reply, a new dict every time.

    Rasa's output channels pop "text" and "custom" out of the dict they send, so a shared one
    would be empty from the second failed turn on. The wording is read once, when a channel is
    created (:func:`load_error_text`), so that no file is needed at error time.
    """
    return bare_reply(_texts()[ERROR_RESPONSE], "error")


def not_saved_message() -> dict[str, Any]:
    """The line that tells the person this conversation could not be saved (a new dict every time)."""
    reply = bare_reply(_texts()[NOT_SAVED_RESPONSE], "not_saved")
    reply["custom"]["saved"] = False
    return reply


def load_error_text() -> None:
    """Read the wordings now (at start-up), not when a turn fails (files may be out of reach then)."""
    _texts()


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
        turn, token = begin_turn()
        try:
            result = await on_new_message(message)
        except Exception:  # a failure anywhere in the turn must still reach the person politely
            logger.exception("turn failed for a conversation; sending the error reply")
            result = None
        finally:
            end_turn(token)
        if before is not None and not _answers(collector.messages[before:]):
            await collector.send_response(message.sender_id, error_message())
        if before is not None and turn.lost:
            for sent in collector.messages[before:]:
                if isinstance(sent.get("custom"), dict):
                    sent["custom"]["saved"] = False
            await collector.send_response(message.sender_id, not_saved_message())
        return result

    return handler
