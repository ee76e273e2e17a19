"""bot/log_privacy.py in-process: what a log line keeps (what failed) and what it loses (whose data)."""

from __future__ import annotations

import asyncio
import io
import logging
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from rasa_sdk import Action
from rasa_sdk.executor import ActionExecutor

from bot import log_privacy

SENDER, TEXT, CONDITION = "leak-unit-7f3a9c", "my wife has kennedy disease zq7f3a", "kennedy disease"


@pytest.fixture
def log() -> Iterator[io.StringIO]:
    """Everything logged at WARNING and above through a plain handler, with the redacting factory installed."""
    previous = logging.getLogRecordFactory()
    log_privacy.install_factory()
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s - %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield out
    finally:
        root.removeHandler(handler)
        logging.setLogRecordFactory(previous)
        logging.captureWarnings(False)


def test_a_turns_sender_text_and_slots_are_replaced_and_the_line_kept(log: io.StringIO) -> None:
    with log_privacy.turn(log_privacy.private(SENDER, TEXT, [CONDITION, ["mum", "no"]])):
        logging.getLogger("rasa.core.processor").warning("Failed for %s: %r (%s)", SENDER, TEXT, CONDITION)
    logging.getLogger("other").warning("outside a turn %s", SENDER)
    lines = log.getvalue().splitlines()
    assert lines[0] == "WARNING rasa.core.processor - Failed for <sender>: '<text>' (<slot>)"
    assert lines[1] == f"WARNING other - outside a turn {SENDER}"  # nothing to redact is known outside a turn


def test_sql_parameters_never_reach_a_log_even_from_an_engine_that_prints_them(log: io.StringIO) -> None:
    engine = sa.create_engine("sqlite://")  # without hide_parameters: SQLAlchemy puts them in str(error)
    with engine.begin() as db:
        db.execute(sa.text("CREATE TABLE events (sender_id TEXT UNIQUE, data TEXT)"))
        db.execute(sa.text("INSERT INTO events VALUES (:s, :d)"), {"s": SENDER, "d": TEXT})
    try:
        with engine.begin() as db:
            db.execute(sa.text("INSERT INTO events VALUES (:s, :d)"), {"s": SENDER, "d": TEXT})
    except sa.exc.IntegrityError:
        logging.getLogger("bot.tracker_store").exception("Conversation store: cannot write")
    written = log.getvalue()
    assert "Conversation store: cannot write" in written and "IntegrityError" in written
    assert "[parameters hidden]" in written
    assert SENDER not in written and TEXT not in written


class _Failing(Action):
    def name(self) -> str:
        return "action_leaky"

    async def run(self, dispatcher: Any, tracker: Any, domain: Any) -> list[dict[str, Any]]:
        raise ValueError(f"no facts for {tracker.get_slot('condition')} ({tracker.sender_id})")


def test_the_action_servers_traceback_of_a_failing_action_names_no_one(
    log: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ActionExecutor, "run", ActionExecutor.run)  # undone after the test
    log_privacy.install_actions()
    executor = ActionExecutor()
    executor.register_action(_Failing)
    call = {
        "next_action": "action_leaky",
        "sender_id": SENDER,
        "tracker": {"sender_id": SENDER, "slots": {"condition": CONDITION}, "latest_message": {"text": TEXT}},
        "domain": {},
        "version": "3.6.0",
    }
    try:
        asyncio.run(executor.run(call))
    except ValueError:
        logging.getLogger("rasa_sdk.endpoint").exception("Exception occurred during execution of request")
    written = log.getvalue()
    assert "ValueError: no facts for <slot> (<sender>)" in written
    assert SENDER not in written and CONDITION not in written


def test_a_log_call_whose_arguments_do_not_fit_is_logged_without_them(
    log: io.StringIO, capsys: pytest.CaptureFixture[str]
) -> None:
    logging.getLogger("rasa.core.processor").warning("two values %s %s", SENDER)  # logging would print SENDER
    assert log.getvalue().startswith("WARNING rasa.core.processor - two values %s %s (log call with arguments")
    assert SENDER not in log.getvalue() + capsys.readouterr().err


def test_a_python_warning_during_a_turn_is_logged_without_the_persons_text(log: io.StringIO) -> None:
    with warnings.catch_warnings(), log_privacy.turn(log_privacy.private(SENDER, TEXT)):
        warnings.simplefilter("always")
        log_privacy.install_factory()  # inside catch_warnings: pytest's own warning capture is restored after
        warnings.warn(f"Parsed an intent '{TEXT}' which is not defined in the domain.", UserWarning, stacklevel=1)
    assert "Parsed an intent '<text>' which is not defined in the domain." in log.getvalue()
    assert TEXT not in log.getvalue()
