"""The Rasa server's calls to the action server over kept-alive connections.

Rasa 3.6's ``EndpointConfig.request`` makes a new aiohttp ``ClientSession`` for every request, so
every action call opened and closed a TCP connection to the action server. py-spy under 8 bench
users put the session and the connection at about 7% of the Rasa server's CPU, and accepting the
connection cost the action server about 4% of its own. Here the action calls (the requests whose
body is Rasa's action call: ``next_action`` and ``tracker``) share one session per event loop, whose
connections are kept open between calls; every other request of an endpoint (and an action endpoint
with a ``cafile`` of its own) is Rasa's own.

A kept connection is never used after :data:`KEEPALIVE_SECONDS` idle, well before the action server
closes it (Sanic's ``KEEP_ALIVE_TIMEOUT``, 5 s). A connection the action server closed anyway (it
restarted, or closed its longest-idle connections at its connection cap, bot/web/connections.py)
fails before any reply: such a call is made once more, on a new connection. Actions only read the
tracker and the fact store, so a repeated call changes nothing but its own reply. An action server
that is down fails the second call as before: Rasa's error, and the person's error reply.

The call's body (the tracker's recent turns and the domain, about 57 KB) is encoded with ujson, a
dependency of Rasa and Sanic already installed (Sanic encodes its own replies with it): py-spy under
8 bench users put the standard library's encoder at 5% of the Rasa server's CPU, and ujson takes
about a quarter of its time. The action server decodes the same values; a body ujson cannot encode
(an integer beyond 64 bits) is encoded by the standard library as before.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp
import ujson
from aiohttp import ContentTypeError
from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT
from rasa.utils.endpoints import ClientResponseError, EndpointConfig, concat_url

KEEPALIVE_SECONDS = 2.0
# A kept connection closed by the other side shows as one of these before any reply arrives.
STALE = (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError)

_SESSIONS: dict[tuple[int, int], aiohttp.ClientSession] = {}


def encode(body: Any) -> str:
    """``body`` as JSON: ujson, or the standard library for what ujson refuses."""
    try:
        return ujson.dumps(body, escape_forward_slashes=False)
    except (OverflowError, TypeError, ValueError):
        return json.dumps(body)


def is_action_call(body: Any) -> bool:
    """Whether a request body is Rasa's call to run a custom action."""
    return isinstance(body, dict) and "next_action" in body and "tracker" in body


def _session(endpoint: EndpointConfig) -> aiohttp.ClientSession:
    """The kept session of ``endpoint`` on the running event loop, made on first use (as Rasa makes each)."""
    key = (id(asyncio.get_running_loop()), id(endpoint))
    session = _SESSIONS.get(key)
    if session is None or session.closed:
        auth = (
            aiohttp.BasicAuth(endpoint.basic_auth["username"], endpoint.basic_auth["password"])
            if endpoint.basic_auth
            else None
        )
        session = _SESSIONS[key] = aiohttp.ClientSession(
            headers=endpoint.headers,
            auth=auth,
            timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
            json_serialize=encode,
            connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_SECONDS),
        )
    return session


async def request(
    self: EndpointConfig,
    method: str = "post",
    subpath: str | None = None,
    content_type: str | None = "application/json",
    compress: bool = False,
    **kwargs: Any,
) -> Any:
    """``EndpointConfig.request``: the same request and answer, on a kept connection for an action call."""
    if not is_action_call(kwargs.get("json")) or self.cafile:
        return await request.rasa(self, method, subpath, content_type, compress, **kwargs)  # type: ignore[attr-defined]
    headers = {"Content-Type": content_type} if content_type else {}
    headers.update(kwargs.pop("headers", {}))
    headers.update(self.headers)
    url = concat_url(self.url, subpath)
    params = self.combine_parameters(kwargs)
    for attempt in (1, 2):
        try:
            async with _session(self).request(
                method, url, headers=headers, params=params, compress=compress, **kwargs
            ) as response:
                if response.status >= 400:
                    raise ClientResponseError(response.status, response.reason, await response.content.read())
                try:
                    return await response.json()
                except ContentTypeError:
                    return None
        except STALE:
            if attempt == 2:
                raise


async def close_sessions(*_: Any) -> None:
    """Close the kept sessions of the running event loop (when the server stops)."""
    loop = id(asyncio.get_running_loop())
    for key in [k for k in _SESSIONS if k[0] == loop]:
        await _SESSIONS.pop(key).close()


def install() -> None:
    """Make ``EndpointConfig.request`` keep action calls' connections (idempotent)."""
    if EndpointConfig.request is not request:
        request.rasa = EndpointConfig.request  # type: ignore[attr-defined]  # Rasa's own
        EndpointConfig.request = request  # type: ignore[method-assign]
