"""The channels' health check, with the conversation store's state.

    GET /webhooks/rest/      and      GET /webhooks/widget/

    {"status": "ok", "conversation_store": {"state": "ok", "turns_not_saved": 0}}
    {"status": "degraded", "conversation_store": {"state": "failing", "problem": "disk_full",
     "failing_since": "2026-11-30T10:02:11Z", "turns_not_saved": 3}}

The answer stays 200 while the store fails: the bot still answers (each reply then says the
conversation could not be saved), and in the scaled-out profile every server shares one store, so
a load balancer that took failing servers out would take them all out. ``status`` tells a monitor
to raise the alarm. The state is what the store's last read or write found (bot/store_state.py):
checking it costs no database access.
"""

from __future__ import annotations

from typing import Any

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse


def _store_health(store: Any) -> Any:
    """The health record of the configured store, inside Rasa's fail-safe and awaitable wrappers."""
    seen = 0
    while store is not None and seen < 5:
        health = getattr(store, "store_health", None)
        if health is not None:
            return health
        store, seen = getattr(store, "_tracker_store", None), seen + 1
    return None


def health_response(request: Request) -> HTTPResponse:
    agent = getattr(request.app.ctx, "agent", None)
    health = _store_health(getattr(agent, "tracker_store", None))
    if health is None:
        return response.json({"status": "ok"})
    return response.json({"status": "ok" if health.ok else "degraded", "conversation_store": health.as_dict()})
