"""Bounded connections for both servers: read deadlines and a cap on open connections.

Sanic 21.12 (both servers) restarts its ``REQUEST_TIMEOUT`` at every byte received, so a client
that trickles one header byte every few seconds keeps its socket forever, and it accepts every
connection: about 20,000 trickled sockets used up the file descriptors and every new request
failed. Sanic has no setting for a whole-request deadline or a connection limit, so
:class:`BoundedHttp` (Sanic's HTTP/1 handler, with the checks of :class:`~bot.web.framing.CheckedHttp`)
adds them:

- the request head must be complete within ``MND_HEADER_TIMEOUT`` seconds (default 10) of its
  first byte, and a body within ``MND_BODY_TIMEOUT`` seconds (default 30) of the head; otherwise
  408 and the connection is closed. A connection that sends nothing is closed by Sanic's own
  ``KEEP_ALIVE_TIMEOUT`` (5 s).
- at most ``MND_MAX_CONNECTIONS`` (default 500, and at most half the process's file-descriptor
  limit) connections stay open per server. A connection beyond it closes the ones that have waited
  longest for their request (idle keep-alive ones, or a head or body still trickling in: 503), the
  way nginx reuses its connections; a request already being answered is never cut off. Only when every
  open connection is busy answering is the new one refused with 503. Normal users keep being
  answered while the cap holds; the log says so at most once a minute.

The scaled profile's nginx sets the same bounds in front of the servers (bot/scaled/nginx.py).
"""

from __future__ import annotations

import asyncio
import logging
import os
import resource
import time
from collections.abc import Mapping
from dataclasses import dataclass

from sanic.exceptions import RequestTimeout, ServiceUnavailable
from sanic.http import Http, Stage
from sanic.server.protocols import http_protocol

from bot.web.framing import CheckedHttp

logger = logging.getLogger(__name__)

HEADER_TIMEOUT_ENV, BODY_TIMEOUT_ENV, MAX_CONNECTIONS_ENV = (
    "MND_HEADER_TIMEOUT",
    "MND_BODY_TIMEOUT",
    "MND_MAX_CONNECTIONS",
)
DEFAULT_HEADER_TIMEOUT, DEFAULT_BODY_TIMEOUT, DEFAULT_MAX_CONNECTIONS = 10.0, 30.0, 500
LOG_EVERY = 60.0  # seconds between two log lines about the cap
_WAITING = (Stage.IDLE, Stage.REQUEST)
_REFUSAL_TEXT = b"Too many connections. Please try again in a moment."
_REFUSAL = (
    b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\n"
    b"retry-after: 5\r\nconnection: close\r\ncontent-length: %d\r\n\r\n%s" % (len(_REFUSAL_TEXT), _REFUSAL_TEXT)
)


@dataclass(frozen=True)
class Limits:
    header_timeout: float = DEFAULT_HEADER_TIMEOUT
    body_timeout: float = DEFAULT_BODY_TIMEOUT
    max_connections: int = DEFAULT_MAX_CONNECTIONS

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Limits:
        """The limits from the environment; a value that is not a positive number stops start-up."""
        values = []
        for name, default, kind in (
            (HEADER_TIMEOUT_ENV, DEFAULT_HEADER_TIMEOUT, float),
            (BODY_TIMEOUT_ENV, DEFAULT_BODY_TIMEOUT, float),
            (MAX_CONNECTIONS_ENV, DEFAULT_MAX_CONNECTIONS, int),
        ):
            raw = env.get(name, "").strip()
            try:
                value = kind(raw) if raw else default
            except ValueError:
                value = 0
            if value <= 0:
                raise SystemExit(f"error: {name} must be a positive number, not {raw!r}")
            values.append(value)
        header, body, cap = values
        # Each connection is a file descriptor; the rest of the process (model, databases, logs,
        # the connections it opens itself) needs the other half.
        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        if soft != resource.RLIM_INFINITY:
            cap = min(int(cap), max(1, soft // 2))
        return cls(float(header), float(body), int(cap))


LIMITS = Limits()


class _CapLog:
    """What the cap did since the last line, logged at most once every LOG_EVERY seconds."""

    closed = refused = 0
    last = -LOG_EVERY

    @classmethod
    def note(cls, *, closed: int = 0, refused: int = 0) -> None:
        cls.closed += closed
        cls.refused += refused
        now = time.monotonic()
        if now - cls.last >= LOG_EVERY:
            logger.warning(
                "Connection cap (%d) reached: closed %d connections waiting for a request, refused %d.",
                LIMITS.max_connections, cls.closed, cls.refused,
            )  # fmt: skip
            cls.closed = cls.refused = 0
            cls.last = now


class BoundedHttp(CheckedHttp):
    """Sanic's HTTP/1 handler with the framing checks, read deadlines and the connection cap."""

    __slots__ = ("deadline", "waiting_since", "evicted")  # Sanic's metaclass gives every class slots

    def __init__(self, protocol: http_protocol.HttpProtocol) -> None:
        super().__init__(protocol)
        self._receive_more = self._receive_by_deadline  # Sanic's readers call it by this name
        self.deadline: float | None = None
        self.waiting_since = protocol.loop.time()
        self.evicted = False

    def init_for_request(self) -> None:
        super().init_for_request()
        self.deadline = None  # waiting for the next request: Sanic's KEEP_ALIVE_TIMEOUT applies
        self.waiting_since = self.protocol.loop.time()

    @property
    def receiving(self) -> bool:
        """Waiting for a request, or for the rest of its head or body: nothing is being answered yet."""
        return self.stage in _WAITING or bool(self.request_body and self.deadline is not None)

    async def _receive_by_deadline(self) -> None:
        if self.deadline is None:
            await self.protocol.receive_more()
            return
        try:
            async with asyncio.timeout_at(self.deadline):
                await self.protocol.receive_more()
        except TimeoutError:
            self.keep_alive = False
            self.request_body = None  # nothing more is read from this connection
            raise RequestTimeout("Request Timeout: the request was not received in time") from None

    async def http1_request_header(self) -> None:
        loop = self.protocol.loop
        self.deadline = loop.time() + LIMITS.header_timeout
        await CheckedHttp.http1_request_header(self)
        self.deadline = loop.time() + LIMITS.body_timeout if self.request_body else None

    async def http1(self) -> None:
        if not _admit(self.protocol):
            self.keep_alive = False
            await self._send(_REFUSAL)
            return
        await Http.http1(self)


def _admit(protocol: http_protocol.HttpProtocol) -> bool:
    """Whether this new connection may stay, after closing waiting ones to make room."""
    if len(protocol.connections) <= LIMITS.max_connections:
        return True  # the usual case, checked without looking at each connection
    others = [c for c in protocol.connections if c is not protocol and not _evicted(c)]
    excess = len(others) + 1 - LIMITS.max_connections
    if excess <= 0:
        return True
    handlers = [getattr(c, "_http", None) for c in others]  # None before a connection's task starts
    waiting = sorted(
        (h for h in handlers if isinstance(h, BoundedHttp) and h.receiving),
        key=lambda http: http.waiting_since,
    )
    for http in waiting[:excess]:
        _evict(http)
    refused = len(waiting) < excess
    _CapLog.note(closed=min(excess, len(waiting)), refused=int(refused))
    return not refused


def _evicted(protocol: http_protocol.HttpProtocol) -> bool:
    http = getattr(protocol, "_http", None)
    return isinstance(http, BoundedHttp) and http.evicted


def _evict(http: BoundedHttp) -> None:
    # As Sanic's own timeouts do: cancel the connection's task. A request still arriving gets this
    # exception's 503; an idle keep-alive connection is closed without a word (HTTP allows that).
    http.evicted = True
    http.keep_alive = False
    http.exception = ServiceUnavailable("Too many connections. Please try again in a moment.")
    task = http.protocol._task
    if task is not None:
        task.cancel()


def install() -> None:
    """Bound every connection of this process's Sanic servers (reads the limits from the environment)."""
    global LIMITS
    LIMITS = Limits.from_env()
    http_protocol.Http = BoundedHttp  # the one place Sanic creates its HTTP/1 handler
