"""The web chat widget's input channel: its static files, a message endpoint and a forget endpoint.

Registered in credentials.yml as ``bot.web.channel.WidgetInput:``; Rasa mounts it under
``/webhooks/widget/``:

    GET    /webhooks/widget/                      health, with the conversation store's state (bot/web/health.py)
    GET    /webhooks/widget/widget.js             the widget script (plain JS, no build step)
    GET    /webhooks/widget/widget.css            the widget stylesheet
    GET    /webhooks/widget/mndw-*.js             the parts widget.js loads
    GET    /webhooks/widget/suggestions.json      the questions suggested while typing (404 if not built)
    GET    /webhooks/widget/demo                  the demo page (also at "/" via bot.web.rasa_main)
    POST   /webhooks/widget/session               a new conversation: {"sender", "proof"} (bot/web/sessions.py)
    POST   /webhooks/widget/webhook               {"sender": "...", "message": "..."} -> list of bot messages
    POST   /webhooks/widget/feedback              "Was this helpful?" on one answer (bot/web/feedback.py)
    DELETE /webhooks/widget/conversations/<id>    delete every stored event of that sender (feedback too)

Every request about a conversation (message, feedback, forget) carries its proof in the
``X-Sender-Proof`` header: without the right one it gets 403 ``sender_not_proven`` and nothing is
read or written, so a sender id is not a credential (bot/web/sessions.py).

Unlike the stock REST channel, each bot message comes back as ONE object that keeps its text,
buttons and custom payload (the reply contract) together, and text is not split on blank lines.

Bad input (empty, too long, not JSON, odd sender ids, a sender flooding messages) is answered
as bot/web/validation.py specifies, the same way as in the REST channel.

Options (credentials.yml):
    allowed_origins: other origins whose pages may embed the widget (list, or "*"). By default
        only pages served by the bot itself may call it: no CORS headers are sent to other
        origins and their POST/DELETE requests are refused with 403 (bot/web/origins.py).
    max_message_length: longest accepted message in characters (default 2000).
    rate_limit_messages, rate_limit_seconds: each sender may send this many messages per this
        many seconds (default 10 per 20; 0 messages turns the limit off).
"""

from __future__ import annotations

import inspect
import logging
from asyncio import CancelledError
from dataclasses import replace
from typing import Any, Awaitable, Callable, Dict, Iterable

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.forgetting import ForgetUnsupported, forget_sender, removal_pending
from bot.web.feedback import parse_feedback, record_feedback
from bot.web.guard import never_silent
from bot.web.health import health_response
from bot.web.limits import Limits, RateLimiter, slow_down_message
from bot.web.origins import Origins
from bot.web.questions import each_question
from bot.web.sessions import PROOF_HEADER, SenderProofs
from bot.web.site import ASSETS, demo_page_response
from bot.web.validation import SENDER_RULE, RequestRefused, error, parse_chat_request, valid_sender

logger = logging.getLogger(__name__)


class WidgetOutput(CollectingOutputChannel):
    """Collects bot messages, keeping each message's text, buttons and custom payload in one object."""

    @classmethod
    def name(cls) -> str:
        return "widget_collector"

    async def send_response(self, recipient_id: str, message: Dict[str, Any]) -> None:
        out: Dict[str, Any] = {"recipient_id": recipient_id}
        if message.get("text") is not None:
            out["text"] = message["text"]
        buttons = message.get("buttons") or message.get("quick_replies")
        if buttons:
            out["buttons"] = buttons
        for key in ("image", "attachment", "elements", "custom"):
            if message.get(key):
                out[key] = message[key]
        if len(out) > 1:
            await self._persist_message(out)


class WidgetInput(InputChannel):
    """Serves the chat widget and answers its requests."""

    @classmethod
    def name(cls) -> str:
        return "widget"

    @classmethod
    def from_credentials(cls, credentials: Dict[str, Any] | None) -> InputChannel:
        return cls(
            allowed_origins=Origins.from_credentials(credentials),
            limits=Limits.from_credentials(credentials),
        )

    def __init__(
        self,
        allowed_origins: Iterable[str] = (),
        max_message_length: int | None = None,
        limits: Limits | None = None,
        proofs: SenderProofs | None = None,
    ) -> None:
        self.origins = Origins(allowed_origins, headers=f"Content-Type, {PROOF_HEADER}")
        self.proofs = proofs or SenderProofs.from_env()
        limits = limits or Limits()
        if max_message_length is not None:
            limits = replace(limits, max_message_length=max_message_length)
        self.limits = limits
        self.limiter = limits.limiter()
        # Feedback has a bucket of its own: rating answers never uses up a person's questions.
        self.feedback_limiter = RateLimiter(
            limits.rate_limit_messages, limits.rate_limit_seconds, max_senders=limits.max_senders
        )

    @property
    def max_message_length(self) -> int:
        return self.limits.max_message_length

    @property
    def allowed_origins(self) -> list[str]:
        return self.origins.allowed

    # --- routes -------------------------------------------------------------------------------

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        module = inspect.getmodule(self)
        widget = Blueprint(f"custom_webhook_{type(self).__name__}", module.__name__ if module else None)
        # A turn that produced no reply (say, the action server is down) still gets the polite error.
        on_new_message = never_silent(each_question(on_new_message))

        self.origins.serve(widget, "/session", "/webhook", "/feedback", "/conversations/<sender>")

        @widget.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return health_response(request)

        @widget.route("/demo", methods=["GET"])
        async def demo(request: Request) -> HTTPResponse:
            return demo_page_response()

        def static_file(filename: str) -> Callable[[Request], Awaitable[HTTPResponse]]:
            async def serve(request: Request) -> HTTPResponse:
                try:
                    return ASSETS.respond(request, filename)
                except OSError:
                    return error(404, "not_built", f"{filename} is missing: run `make facts` to build it.")

            return serve

        # One fixed route per file: nothing else under static/ (or build/) can be asked for.
        for filename in ASSETS.files:
            widget.add_route(static_file(filename), f"/{filename}", methods=["GET"], name=filename.replace(".", "_"))

        @widget.route("/session", methods=["POST"])
        async def session(request: Request) -> HTTPResponse:
            refused = self.origins.refused(request)
            if refused:
                return refused
            return response.json(self.proofs.issue(), headers={"Cache-Control": "no-store"})

        @widget.route("/webhook", methods=["GET", "PUT", "PATCH", "DELETE"])
        async def webhook_wrong_method(request: Request) -> HTTPResponse:
            resp = error(405, "method_not_allowed", "Use POST with a JSON body.")
            resp.headers["Allow"] = "POST, OPTIONS"
            return resp

        @widget.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            refused = self.origins.refused(request)
            if refused:
                return refused
            try:
                chat = parse_chat_request(
                    request.body, request.headers.get("content-type"), max_message_length=self.max_message_length
                )
            except RequestRefused as refused_request:
                return refused_request.response()
            sender, text = chat.sender, chat.text
            refused = self.proofs.refused(request, sender)
            if refused:
                return refused
            collector = WidgetOutput()
            if not self.limiter.allow(sender):
                await collector.send_response(sender, slow_down_message())
                return response.json(collector.messages)
            agent = getattr(request.app.ctx, "agent", None)
            if agent is None or not agent.is_ready():
                # Rasa itself would accept the message and silently drop it.
                return error(503, "not_ready", "The assistant is not ready yet. Please try again in a moment.")
            try:
                await on_new_message(UserMessage(text, collector, sender, input_channel=self.name()))
            except CancelledError:
                logger.error("widget: timed out handling a message")  # whose, never: see bot/log_privacy.py
                if not collector.messages:
                    return error(503, "timeout", "The assistant took too long to answer. Please try again.")
            except Exception:
                # The person's words stay out of the logs: they may be about their health.
                logger.exception("widget: failed handling a message")
                if not collector.messages:
                    return error(503, "unavailable", "The assistant could not answer just now. Please try again.")
            return response.json(collector.messages)

        @widget.route("/feedback", methods=["POST"])
        async def feedback(request: Request) -> HTTPResponse:
            refused = self.origins.refused(request)
            if refused:
                return refused
            try:
                rating = parse_feedback(request.body)
            except RequestRefused as refused_request:
                return refused_request.response()
            refused = self.proofs.refused(request, rating.sender)
            if refused:
                return refused
            if not self.feedback_limiter.allow(rating.sender):
                return error(429, "too_many_requests", "Please wait a few seconds before rating again.")
            agent = getattr(request.app.ctx, "agent", None)
            if agent is None or agent.tracker_store is None:
                return error(503, "not_ready", "The assistant is not ready yet. Please try again.")
            try:
                async with agent.lock_store.lock(rating.sender):
                    recorded = await record_feedback(agent.tracker_store, rating)
            except Exception:
                logger.exception("widget: failed to record feedback")
                return error(503, "unavailable", "The feedback could not be saved just now. Please try again.")
            if not recorded:
                return error(404, "unknown_answer", "This conversation has no answer with that text to rate.")
            return response.json({"recorded": True})

        @widget.route("/conversations/<sender>", methods=["DELETE"])
        async def forget(request: Request, sender: str) -> HTTPResponse:
            refused = self.origins.refused(request)
            if refused:
                return refused
            if not valid_sender(sender):
                return error(400, "invalid_sender", SENDER_RULE)
            refused = self.proofs.refused(request, sender)
            if refused:
                return refused
            agent = getattr(request.app.ctx, "agent", None)
            if agent is None or agent.tracker_store is None:
                return error(503, "not_ready", "The assistant is not ready yet. Please try again.")
            try:
                # Hold the conversation's lock so a message being answered cannot re-save it half-way.
                async with agent.lock_store.lock(sender):
                    forget_sender(agent.tracker_store, sender)
                pending = removal_pending(agent.tracker_store)
            except ForgetUnsupported as exc:
                return error(501, "unsupported_store", f"Cannot delete conversations from a {exc} tracker store.")
            except Exception:
                logger.exception("widget: failed to forget a conversation")
                return error(503, "unavailable", "The conversation could not be deleted just now. Please try again.")
            logger.info("widget: forgot a conversation")
            # "forgotten" only once no copy is left; until then the removal is pending (README "What is logged").
            # The same answer whether or not the conversation had anything stored: it says nothing about that.
            return response.json({"forgotten": not pending, "removal_pending": pending})

        return widget
