"""Keep people's data out of both servers' logs: no sender id, message text, slot value or SQL parameter.

Log files (build/logs/) are read by operators and kept for days; a sender id ties a line to a
person, and what they typed or what the bot stored about them (a condition, a relationship) may
be about their health. Rather than editing every call site, Rasa's and rasa-sdk's included,
each server installs one record factory at start-up:

- while a turn is handled (Rasa: ``MessageProcessor.handle_message``; action server:
  ``ActionExecutor.run``), that turn's sender id, text and slot values are known, and any of them
  in a log line or traceback becomes ``<sender>``, ``<text>`` or ``<slot>``;
- SQL parameters printed by SQLAlchemy (``[parameters: ...]``) become ``[parameters hidden]``
  in any line (the tracker store's engines also use SQLAlchemy's own ``hide_parameters=True``).

The line itself stays: what failed and where is kept, never whose data. Standard library only
(the action server's environment has no Rasa); the hooks import Rasa or rasa-sdk when installed.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import logging
import re
from collections.abc import Iterable, Iterator
from typing import Any

# The current turn's private strings, each with what it is replaced by.
_PRIVATE: contextvars.ContextVar[tuple[tuple[str, str], ...]] = contextvars.ContextVar("log_private", default=())
# The attribute on an exception raised during a turn: that turn's pairs, for whoever logs it later.
_CARRIED = "_log_private_pairs"
# Shorter values ("no", "en") are too common in ordinary log text to replace safely, and say little.
SHORTEST = 3
_PARAMETERS = re.compile(r"\[parameters: .*?\](?=[ \t]*$)", re.DOTALL | re.MULTILINE)


def private(sender: Any = None, text: Any = None, slots: Iterable[Any] = ()) -> tuple[tuple[str, str], ...]:
    """The (value, stand-in) pairs of one turn, longest first (a text may contain a slot value)."""
    pairs = [(sender, "<sender>"), (text, "<text>")]
    for value in slots:
        values = value if isinstance(value, list | tuple) else [value]
        pairs += [(v, "<slot>") for v in values]
    kept = {v: mark for v, mark in reversed(pairs) if isinstance(v, str) and len(v.strip()) >= SHORTEST}
    return tuple(sorted(kept.items(), key=lambda pair: -len(pair[0])))


def redact(message: str, pairs: tuple[tuple[str, str], ...] | None = None) -> str:
    """``message`` with SQL parameters and the current turn's private strings replaced."""
    if "[parameters: " in message:
        message = _PARAMETERS.sub("[parameters hidden]", message)
    for value, mark in _PRIVATE.get() if pairs is None else pairs:
        if value in message:
            message = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", mark, message)
    return message


def _redacting_factory(make: Any) -> Any:
    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make(*args, **kwargs)
        error = record.exc_info[1] if record.exc_info else None
        # An error raised in a turn is often logged after it, by whoever catches it: it carries its turn's strings.
        pairs = _PRIVATE.get() + getattr(error, _CARRIED, ())
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a malformed call: logging would print its arguments to stderr (the log)
            message = f"{redact(str(record.msg), pairs)} (log call with arguments that do not fit; not shown)"
            record.msg, record.args = message, ()
        clean = redact(message, pairs)
        if clean != message:
            record.msg, record.args = clean, ()
        if error is not None:
            # Formatters reuse exc_text when it is set: the traceback is redacted once, here.
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info), pairs)
        return record

    factory.redacting = True  # type: ignore[attr-defined]
    return factory


def install_factory() -> None:
    """Redact every log record made in this process from now on (idempotent).

    Python warnings (Rasa's ``raise_warning``, e.g. "Parsed an intent '...'" with a person's
    text in it) are written as log records too, so they pass the same redaction.
    """
    make = logging.getLogRecordFactory()
    if not getattr(make, "redacting", False):
        logging.setLogRecordFactory(_redacting_factory(make))
    logging.captureWarnings(True)


@contextlib.contextmanager
def turn(pairs: tuple[tuple[str, str], ...]) -> Iterator[None]:
    """Within the block, log records have ``pairs`` (from :func:`private`) replaced."""
    token = _PRIVATE.set(pairs)
    try:
        yield
    except BaseException as error:
        with contextlib.suppress(AttributeError, TypeError):  # a few built-in exceptions take no attributes
            setattr(error, _CARRIED, getattr(error, _CARRIED, ()) + pairs)
        raise
    finally:
        _PRIVATE.reset(token)


def _during(pairs_of: Any, run: Any) -> Any:
    @functools.wraps(run)
    async def wrapper(self: Any, call: Any) -> Any:
        with turn(pairs_of(call)):
            return await run(self, call)

    wrapper.redacting = True  # type: ignore[attr-defined]
    return wrapper


def install_rasa() -> None:
    """In the Rasa server: redact records, with each message's sender id and text while it is handled."""
    from rasa.core.processor import MessageProcessor

    install_factory()
    if not getattr(MessageProcessor.handle_message, "redacting", False):
        MessageProcessor.handle_message = _during(
            lambda message: private(message.sender_id, message.text), MessageProcessor.handle_message
        )


def _action_call_private(call: Any) -> tuple[tuple[str, str], ...]:
    tracker = (call or {}).get("tracker") or {}
    latest = tracker.get("latest_message") or {}
    return private(call.get("sender_id"), latest.get("text"), (tracker.get("slots") or {}).values())


def install_actions() -> None:
    """In the action server: redact records, with each call's sender id, text and slot values while it runs."""
    from rasa_sdk.executor import ActionExecutor

    install_factory()
    if not getattr(ActionExecutor.run, "redacting", False):
        ActionExecutor.run = _during(_action_call_private, ActionExecutor.run)
