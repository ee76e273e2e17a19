"""The per-sender rate limit, the reply to a sender over it, and each channel's request limits as
configured in credentials.yml (see "Rate limit" in bot/web/validation.py).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.web.guard import bare_reply
from bot.web.validation import DEFAULT_MAX_MESSAGE_LENGTH

DEFAULT_RATE_LIMIT_MESSAGES = 10
DEFAULT_RATE_LIMIT_SECONDS = 20.0
DEFAULT_MAX_SENDERS = 10_000

SLOW_DOWN_TEXT = (
    "You are sending messages faster than I can answer them. Please wait a few seconds, "
    "then send your question again. There is no rush."
)


class RateLimiter:
    """Per-sender token buckets: ``messages`` at once, refilled at ``messages`` per ``seconds``.

    In memory, for one process. Senders idle long enough to have a full bucket again are
    forgotten, and at most ``max_senders`` are kept (the least recently seen go first).
    """

    def __init__(
        self,
        messages: int = DEFAULT_RATE_LIMIT_MESSAGES,
        seconds: float = DEFAULT_RATE_LIMIT_SECONDS,
        *,
        max_senders: int = DEFAULT_MAX_SENDERS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if messages < 0 or seconds <= 0 or max_senders < 1:
            raise ValueError("rate limit: messages must be >= 0, seconds > 0 and max_senders >= 1")
        self.messages, self.seconds, self.max_senders = messages, float(seconds), max_senders
        self.clock = clock
        # sender -> (tokens left, when last counted); oldest first.
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    @property
    def enabled(self) -> bool:
        return self.messages > 0

    def __len__(self) -> int:
        return len(self._buckets)

    def allow(self, sender: str) -> bool:
        """Count one message from ``sender``; False when it is over the limit (and is not counted)."""
        if not self.enabled:
            return True
        now = self.clock()
        self._forget_idle(now)
        rate = self.messages / self.seconds
        tokens, then = self._buckets.pop(sender, (float(self.messages), now))
        tokens = min(float(self.messages), tokens + max(0.0, now - then) * rate)
        allowed = tokens >= 1.0
        if allowed:
            tokens -= 1.0
        self._buckets[sender] = (tokens, now)
        while len(self._buckets) > self.max_senders:
            self._buckets.popitem(last=False)
        return allowed

    def _forget_idle(self, now: float) -> None:
        # A sender unseen for `seconds` has a full bucket: the same as never seen.
        while self._buckets:
            sender, (_, then) = next(iter(self._buckets.items()))
            if now - then < self.seconds:
                return
            del self._buckets[sender]


_LIMITERS: dict[tuple[int, float, int], RateLimiter] = {}


def shared_limiter(
    messages: int = DEFAULT_RATE_LIMIT_MESSAGES,
    seconds: float = DEFAULT_RATE_LIMIT_SECONDS,
    max_senders: int = DEFAULT_MAX_SENDERS,
) -> RateLimiter:
    """One limiter per setting in this process, so channels configured alike share their counts."""
    key = (messages, float(seconds), max_senders)
    if key not in _LIMITERS:
        _LIMITERS[key] = RateLimiter(messages, seconds, max_senders=max_senders)
    return _LIMITERS[key]


@dataclass(frozen=True)
class Limits:
    """The request limits of one channel, as configured in credentials.yml."""

    max_message_length: int = DEFAULT_MAX_MESSAGE_LENGTH
    rate_limit_messages: int = DEFAULT_RATE_LIMIT_MESSAGES
    rate_limit_seconds: float = DEFAULT_RATE_LIMIT_SECONDS
    max_senders: int = DEFAULT_MAX_SENDERS

    @classmethod
    def from_credentials(cls, credentials: Mapping[str, Any] | None) -> Limits:
        """Read the options; a missing or null option keeps its default; a bad one stops start-up."""
        options = credentials or {}

        def option(name: str, kind: Callable[[Any], Any], default: Any, low: float) -> Any:
            value = options.get(name)
            if value is None:
                return default
            try:
                number = kind(value)
            except (TypeError, ValueError):
                number = None
            if number is None or isinstance(value, bool) or number < low:
                raise ValueError(f"credentials.yml: {name} must be a number >= {low}, not {value!r}")
            return number

        return cls(
            max_message_length=option("max_message_length", int, DEFAULT_MAX_MESSAGE_LENGTH, 1),
            rate_limit_messages=option("rate_limit_messages", int, DEFAULT_RATE_LIMIT_MESSAGES, 0),
            rate_limit_seconds=option("rate_limit_seconds", float, DEFAULT_RATE_LIMIT_SECONDS, 0.001),
            max_senders=option("rate_limit_max_senders", int, DEFAULT_MAX_SENDERS, 1),
        )

    def limiter(self) -> RateLimiter:
        return shared_limiter(self.rate_limit_messages, self.rate_limit_seconds, self.max_senders)


def slow_down_message() -> dict[str, Any]:
    """The one bot message a sender over the rate limit gets (kind "clarify" in the reply contract).

    ``rate_limited: true`` tells a client that the message was not read, so it can offer to send it again.
    """
    message = bare_reply(SLOW_DOWN_TEXT, "clarify")
    message["custom"]["rate_limited"] = True
    return message
