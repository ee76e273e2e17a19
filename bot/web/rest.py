"""Rasa's REST channel with this bot's input checks, rate limit and never-silent guard.

Registered in credentials.yml as ``bot.web.rest.RestInput:``; it keeps the stock name, routes
and reply format:

    GET  /webhooks/rest/           health: {"status": "ok", "conversation_store": {...}} (bot/web/health.py)
    POST /webhooks/rest/webhook    {"sender": "...", "message": "..."} -> list of reply items

As in Rasa's stock channel, a bot message with text and a custom payload comes back as two
consecutive items: the text (with its buttons), then ``{"recipient_id", "custom"}``.

What differs from the stock channel:

- Requests are checked first, exactly as in the widget channel (bot/web/validation.py): bad
  JSON, missing or mistyped fields, odd sender ids, empty or over-long messages get a 4xx
  JSON error ``{"error", "detail"}`` instead of a 500, a Sanic error page or a turn under the
  shared sender id "default"; the text is cleaned before Rasa sees it.
- A sender over the rate limit gets one polite bot message and the message is not handled.
- A turn with no reply gets the polite error message (guard.py).
- The optional "metadata" field must be a JSON object with only the keys in METADATA_KEYS, each a
  string of at most MAX_METADATA_VALUE characters (4xx otherwise). The client cannot set "input_channel"
  (it is always "rest"), and ``?stream=true`` is refused with 400 unsupported_option:
  replies always come as one JSON list.
- The person's words never go into the logs, even when a turn fails.
- Who may call it: a page of another origin gets 403 ``origin_not_allowed`` unless listed under
  ``allowed_origins``, as for the widget (origins.py; requests without Origin, such as curl and
  scripts, are allowed); beyond loopback every message needs the REST token (rest_access.py).
  Sender ids of the widget's form (``w-`` and 32 hex digits) get 403 ``widget_sender``: a widget
  conversation is reached only through the widget, with its proof (sessions.py).

Options (credentials.yml): allowed_origins, max_message_length, rate_limit_messages,
rate_limit_seconds, as for the widget (see validation.py).
"""

from __future__ import annotations

import inspect
import logging
from asyncio import CancelledError
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.core.channels.rest import RestInput as StockRestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.web.guard import error_message, never_silent
from bot.web.health import health_response
from bot.web.limits import Limits, slow_down_message
from bot.web.origins import Origins
from bot.web.questions import each_question
from bot.web.rest_access import RestAccess
from bot.web.sessions import WIDGET_SENDER
from bot.web.validation import RequestRefused, error, parse_chat_request

logger = logging.getLogger(__name__)

_TRUE = {"1", "true", "yes", "on"}


# What a client may say about itself with a message; every value a short string. Anything else is
# refused, so that no client can make the tracker store keep arbitrary data with every turn.
METADATA_KEYS = frozenset({"page", "language", "client", "note"})
MAX_METADATA_VALUE = 200


def metadata_problem(metadata: object) -> tuple[int, str, str] | None:
    """Why a message's "metadata" is refused (status, code, detail), or None when it is fine."""
    if metadata is None:
        return None
    if not isinstance(metadata, dict):
        return 400, "wrong_type", 'The field "metadata" must be a JSON object.'
    unknown = sorted(str(k) for k in metadata if k not in METADATA_KEYS)
    if unknown:
        allowed = ", ".join(sorted(METADATA_KEYS))
        return 400, "unknown_field", f'"metadata" may only have these keys: {allowed}.'
    if any(not isinstance(v, str) for v in metadata.values()):
        return 400, "wrong_type", 'Each "metadata" value must be a string.'
    if any(len(v) > MAX_METADATA_VALUE for v in metadata.values()):
        return 413, "too_large", f'Each "metadata" value may be at most {MAX_METADATA_VALUE} characters.'
    return None


class RestInput(StockRestInput):
    """The stock REST channel with the shared input checks, the rate limit and the never-silent guard."""

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls(
            Limits.from_credentials(credentials),
            origins=Origins(Origins.from_credentials(credentials), headers="Content-Type, Authorization"),
            access=RestAccess.from_env(),
        )

    def __init__(
        self, limits: Limits | None = None, *, origins: Origins | None = None, access: RestAccess | None = None
    ) -> None:
        self.limits = limits or Limits()
        self.limiter = self.limits.limiter()
        self.origins = origins or Origins()
        self.access = access or RestAccess()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        module = inspect.getmodule(self)
        rest = Blueprint(f"custom_webhook_{type(self).__name__}", module.__name__ if module else None)
        handle = never_silent(each_question(on_new_message))

        @rest.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return health_response(request)

        self.origins.serve(rest, "/webhook")

        @rest.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            refused = self.origins.refused(request) or self.access.refused(request)
            if refused:
                return refused
            try:
                chat = parse_chat_request(
                    request.body,
                    request.headers.get("content-type"),
                    max_message_length=self.limits.max_message_length,
                )
            except RequestRefused as refused_request:
                return refused_request.response()
            if WIDGET_SENDER.fullmatch(chat.sender):
                return error(403, "widget_sender", "This is a chat widget conversation: use the widget to continue it.")
            metadata = chat.data.get("metadata")
            problem = metadata_problem(metadata)
            if problem is not None:
                return error(*problem)
            if str(request.args.get("stream", "")).lower() in _TRUE:
                return error(
                    400, "unsupported_option", "Streaming is not supported: leave out stream=true to get all replies."
                )
            collector = CollectingOutputChannel()
            if not self.limiter.allow(chat.sender):
                await collector.send_response(chat.sender, slow_down_message())
                return response.json(collector.messages)
            message = UserMessage(chat.text, collector, chat.sender, input_channel=self.name(), metadata=metadata)
            try:
                await handle(message)
            except CancelledError:
                # Logged without the text (the stock channel logs it): it may be about someone's health.
                logger.error("rest: timed out handling a message")
                if not collector.messages:
                    await collector.send_response(chat.sender, error_message())
            return response.json(collector.messages)

        return rest
