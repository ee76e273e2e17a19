"""Rasa's REST channel, unchanged except that a turn never ends in silence (see guard.py).

Registered in credentials.yml as ``bot.web.rest.RestInput:``; it keeps the stock name
and route, POST /webhooks/rest/webhook.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput as StockRestInput
from sanic import Blueprint

from bot.web.guard import never_silent


class RestInput(StockRestInput):
    """The stock REST channel with the never-silent guard."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return super().blueprint(never_silent(on_new_message))
