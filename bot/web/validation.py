"""The checks every chat request passes before Rasa sees it, shared by both channels.

The REST channel (bot/web/rest.py, POST /webhooks/rest/webhook) and the widget channel
(bot/web/channel.py, POST /webhooks/widget/webhook) run the same checks in the same order
and answer bad input the same way. A refused request gets a 4xx JSON error
``{"error": code, "detail": a sentence saying what to change}``, never a 5xx or a stack trace:

    request                                              answer
    body over 64 KB (MAX_BODY_BYTES)                     413 too_large
    empty body                                           400 empty_body
    body not JSON and declared as another type           415 unsupported_media_type (names application/json)
    body not UTF-8                                       400 invalid_encoding
    body not JSON, or JSON but not an object             400 invalid_json
    "sender" or "message" missing or null                400 missing_field
    "sender" or "message" not a string                   400 wrong_type
    sender not 1-128 of A-Z a-z 0-9 _ . : - (a letter    400 invalid_sender
      or digit first)
    message empty once cleaned (see below)               400 empty_message
    message over max_message_length once cleaned         400 message_too_long (the detail asks for a
      (2000 characters by default)                           shorter question and says the limit)
    sender over its rate limit                           200 with ONE bot message, kind "clarify", asking
                                                             the person to wait a little (SLOW_DOWN_TEXT);
                                                             the message is not passed to Rasa

Length. Too long is a 4xx, not a bot reply: the widget's text box stops at 2000 characters,
so a person using it never meets the limit; only a client program can, and it is better told
plainly in the status and the detail. The limit counts characters (code points) of the
cleaned text; the 64 KB body limit comes first, so a 1 MB request is never parsed.

Content type. A body that parses as a JSON object is accepted whatever its Content-Type
says: ``curl -d`` and Python's urllib label JSON as form data unless told otherwise, and
Rasa's stock REST channel accepted such requests. A body that does not parse and is declared
as something other than JSON (text/plain, form data, multipart, XML) gets 415 naming
application/json. A UTF-8 byte-order mark is allowed; other encodings are not (RFC 8259).

Cleaning. Before Rasa sees a message it is cleaned by bot/web/cleaning.py: whitespace made
single spaces, control and invisible characters removed, NFKC normalisation (full-width, styled
and compatibility letters become plain ones, so emergencies and condition names typed in them
are recognised), decorations on plain letters removed, trimmed. Markup and SQL-shaped text
are left as they are: the bot treats them as words, the widget shows them as text, and the
stores are only queried with bound parameters.

Rate limit. Each sender may send ``rate_limit_messages`` messages (default 10) per
``rate_limit_seconds`` (default 20), as a token bucket: a burst of up to that many, then one
message per seconds/messages. It counts messages accepted by the checks above, is kept in
memory per process, is shared by both channels (a conversation is the same whichever channel
its messages come through), and forgets idle senders, keeping at most
``rate_limit_max_senders`` (default 10,000). A limit of 0 messages turns it off. The options
are read from each channel's entry in credentials.yml.

Button payloads. Rasa reads a message of the form ``/intent{"entity": "value"}`` as that
intent with those entities (the bot's buttons send such payloads), and logs the whole text of
any it cannot read. So a message passes in that form only when it names an intent of
domain.yml with, optionally, a JSON object of its entities and their string values; any other message starting with
"/" (say "/restart" or a broken payload) has its leading slashes dropped and is read as words.

Privacy. Nothing here logs the text of a message: it may be about someone's health.

Where: the body checks are here (parse_chat_request); which "/..." messages pass as payloads is
decided by bot/web/payloads.py; the rate limit and the options read from credentials.yml are in
bot/web/limits.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sanic import response
from sanic.response import HTTPResponse

from bot.web.cleaning import clean_text
from bot.web.payloads import Payloads, as_words_unless_payload, domain_payloads

MAX_BODY_BYTES = 64 * 1024
DEFAULT_MAX_MESSAGE_LENGTH = 2000
SENDER_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}")
SENDER_RULE = "The sender id must be 1-128 letters, digits, _ . : or -, starting with a letter or digit."
JSON_EXAMPLE = '{"sender": "...", "message": "..."}'


def error(status: int, code: str, detail: str) -> HTTPResponse:
    """A 4xx/5xx answer a client (or a developer with curl) can read: never a stack trace."""
    return response.json({"error": code, "detail": detail}, status=status)


class RequestRefused(Exception):
    """A chat request that is refused before Rasa sees it, with the 4xx answer to give."""

    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(f"{status} {code}: {detail}")
        self.status, self.code, self.detail = status, code, detail

    def response(self) -> HTTPResponse:
        return error(self.status, self.code, self.detail)


@dataclass(frozen=True)
class ChatRequest:
    """A request that passed every check: who sent it, the cleaned text, and the whole JSON object."""

    sender: str
    text: str
    data: Mapping[str, Any]


def valid_sender(sender: str) -> bool:
    return SENDER_ID.fullmatch(sender) is not None


# --- parsing ----------------------------------------------------------------------------------


def _declared_json(content_type: str | None) -> bool:
    """True when the request says nothing about its type, or says it is JSON."""
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return media in ("", "application/json") or media.endswith("+json")


def _refuse_unparsed(content_type: str | None, *, decoded: bool) -> RequestRefused:
    if not _declared_json(content_type):
        media = (content_type or "").split(";", 1)[0].strip()
        return RequestRefused(
            415, "unsupported_media_type", f"Send the request as application/json, not {media}: {JSON_EXAMPLE}."
        )
    if not decoded:
        return RequestRefused(400, "invalid_encoding", "The request body is not valid UTF-8 text.")
    return RequestRefused(400, "invalid_json", "The request body is not valid JSON.")


def parse_chat_request(
    body: bytes | None,
    content_type: str | None,
    *,
    max_message_length: int = DEFAULT_MAX_MESSAGE_LENGTH,
    max_body_bytes: int = MAX_BODY_BYTES,
    payloads: Payloads | None = None,
) -> ChatRequest:
    """Check a chat request's body; raise :class:`RequestRefused` with the answer to give if it is bad.

    ``payloads``: the intents and entities "/intent{...}" messages may name (default: domain.yml's).
    """
    body = body or b""
    if len(body) > max_body_bytes:
        raise RequestRefused(
            413,
            "too_large",
            f"The request body is larger than {max_body_bytes // 1024} KB. "
            f"Please send a shorter question (at most {max_message_length} characters).",
        )
    if not body.strip():
        raise RequestRefused(400, "empty_body", f"Send JSON like {JSON_EXAMPLE}.")
    try:
        decoded = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refuse_unparsed(content_type, decoded=False) from None
    try:
        data = json.loads(decoded)
    except (ValueError, RecursionError):  # RecursionError: nesting too deep ([[[[...)
        raise _refuse_unparsed(content_type, decoded=True) from None
    if not isinstance(data, dict):
        raise RequestRefused(400, "invalid_json", f"The request body must be a JSON object like {JSON_EXAMPLE}.")
    for name in ("sender", "message"):
        if data.get(name) is None:
            raise RequestRefused(400, "missing_field", f'The field "{name}" is required.')
        if not isinstance(data[name], str):
            raise RequestRefused(400, "wrong_type", f'The field "{name}" must be a string.')
    sender = data["sender"]
    if not valid_sender(sender):
        raise RequestRefused(400, "invalid_sender", SENDER_RULE)
    text = as_words_unless_payload(clean_text(data["message"]), payloads or domain_payloads())
    if not text:
        raise RequestRefused(400, "empty_message", "The message is empty.")
    if len(text) > max_message_length:
        raise RequestRefused(
            400,
            "message_too_long",
            f"The message is {len(text)} characters long. "
            f"Please send a shorter question (at most {max_message_length} characters).",
        )
    return ChatRequest(sender, text, data)
