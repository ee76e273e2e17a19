""" "Was this helpful?": one answer's Yes or No, kept with that conversation for the operators' report.

    POST /webhooks/widget/feedback   {"sender": "...", "answer": "<the answer's text>", "helpful": true|false}
                                     -> 200 {"recorded": true}

The feedback is appended to the conversation's events in the tracker store as a Rasa slot event

    {"event": "slot", "name": "feedback",
     "value": {"helpful": true|false, "topic": <topic or null>, "condition": <condition or null>, "kind": <kind>}}

(the slot ``feedback`` in domain.yml: no NLU mapping, no influence on the dialogue), so "Forget"
deletes it with the rest of the conversation and the retention purge ages it out the same way.

Nothing the client says about the answer is trusted: the topic, condition and kind are read from
the reply contract of the bot message with that text, found among this sender's own stored events
(the newest one if it was said more than once). A sender id is the only credential, exactly as for
messages: whoever can send messages as a conversation can rate its answers, nobody else can, and
an answer that this conversation was never given gets 404. Requests pass the same origin check as
messages and have a rate limit of their own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from rasa.shared.core.events import BotUttered, SlotSet

from bot.web.validation import MAX_BODY_BYTES, SENDER_RULE, RequestRefused, valid_sender

SLOT = "feedback"
# Replies a person is asked about: answers of any kind, never the disclaimer, an emergency card,
# small talk, a clarifying question or an error.
RATED_KINDS = frozenset({"answer", "definition", "compare", "not_covered", "no_diagnosis", "out_of_scope"})
EXAMPLE = '{"sender": "...", "answer": "...", "helpful": true}'


@dataclass(frozen=True)
class FeedbackRequest:
    sender: str
    answer: str
    helpful: bool


def parse_feedback(body: bytes | None) -> FeedbackRequest:
    """Check a feedback request's body; raise :class:`RequestRefused` with the 4xx answer if it is bad."""
    body = body or b""
    if len(body) > MAX_BODY_BYTES:
        raise RequestRefused(413, "too_large", f"The request body is larger than {MAX_BODY_BYTES // 1024} KB.")
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise RequestRefused(400, "invalid_json", f"Send JSON like {EXAMPLE}.") from None
    if not isinstance(data, dict):
        raise RequestRefused(400, "invalid_json", f"Send JSON like {EXAMPLE}.")
    fields = (("sender", str, "a string"), ("answer", str, "a string"), ("helpful", bool, "true or false"))
    for name, kind, what in fields:
        if data.get(name) is None:
            raise RequestRefused(400, "missing_field", f'The field "{name}" is required.')
        if not isinstance(data[name], kind):
            raise RequestRefused(400, "wrong_type", f'The field "{name}" must be {what}.')
    if not valid_sender(data["sender"]):
        raise RequestRefused(400, "invalid_sender", SENDER_RULE)
    if not data["answer"].strip():
        raise RequestRefused(400, "empty_answer", "The answer's text is empty.")
    return FeedbackRequest(data["sender"], data["answer"], data["helpful"])


def rated_answer(events: list[Any], text: str) -> dict[str, Any] | None:
    """The reply contract of the newest bot message with this text that may be rated, or None."""
    for event in reversed(events):
        if not isinstance(event, BotUttered) or event.text != text:
            continue
        custom = (event.data or {}).get("custom")
        if isinstance(custom, dict) and custom.get("kind") in RATED_KINDS:
            return custom
    return None


def feedback_event(custom: dict[str, Any], helpful: bool) -> SlotSet:
    """The slot event that records it (the value's shape is what the operators' report reads)."""
    value = {"helpful": helpful, "topic": custom.get("topic"), "condition": custom.get("condition")}
    return SlotSet(SLOT, {**value, "kind": custom["kind"]})


async def record_feedback(tracker_store: Any, request: FeedbackRequest) -> bool:
    """Append the feedback to the sender's conversation; False when it holds no such answer.

    The caller holds the conversation's lock (as Rasa does while it handles a message).
    """
    full = await tracker_store.retrieve_full_tracker(request.sender)
    custom = rated_answer(list(full.events), request.answer) if full else None
    if custom is None:
        return False
    tracker = await tracker_store.retrieve(request.sender)
    tracker.update(feedback_event(custom, request.helpful))
    await tracker_store.save(tracker)
    return True
