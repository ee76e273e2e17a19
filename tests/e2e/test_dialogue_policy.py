"""Through the REST channel, each message runs its rule's action once and the bot then waits (bot/dialogue)."""

from __future__ import annotations

import json
import sqlite3

from bot.serve import Stack
from tests.support import Chat


def _actions_after_the_first_message(stack: Stack, sender: str) -> list[tuple[str, str | None]]:
    with sqlite3.connect(stack.endpoints.parent / "conversations.db") as db:
        rows = db.execute("SELECT type_name, data FROM events WHERE sender_id = ? ORDER BY id", (sender,)).fetchall()
    first_user = next(i for i, (kind, _) in enumerate(rows) if kind == "user")
    actions = [json.loads(data) for kind, data in rows[first_user:] if kind == "action"]
    return [(action["name"], action["policy"]) for action in actions]


def test_each_message_gets_its_rule_action_then_the_bot_waits(stack: Stack, chat: Chat) -> None:
    turns = [("what is PLS", "answer"), ("tell me more", "answer"), ("thanks", "smalltalk")]
    for message, kind in turns:
        assert chat.say(message)["custom"]["kind"] == kind, message
    policy = "IntentMapPolicy"
    assert _actions_after_the_first_message(stack, chat.sender) == [
        ("action_answer_topic", policy),
        ("action_listen", policy),
        ("action_tell_more", policy),
        ("action_listen", policy),
        ("action_smalltalk", policy),
        ("action_listen", policy),
    ]
