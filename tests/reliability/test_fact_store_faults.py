"""The fact store changes under a running stack: each change is served, or refused, without a restart.

Real servers on a copy of the built store (build/facts.db). A store truncated and then restored is
answered from again. A new build written by the loader (as `make facts` does: a temporary file, then
os.replace) is served from the next turn. A store edited in place, its build record left as it was,
is refused: the person gets the polite error reply and neither the old nor the new text under the
fact's source, the action server's health says why, its log says so once; once the content matches
its record again it is served again. The action server's process is the same throughout, and every
turn is in the conversation store. The fault table is printed at the end.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
import subprocess
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.facts.settings import DEFAULT_DB_PATH
from bot.serve import ACTIONS_PYTHON, ROOT, Stack
from tests.fact_builds import FACT, NEW, OLD, changed_data
from tests.reliability.conftest import Server
from tests.reliability.store_faults import TABLE, Conversations, Turn, wait_until

QUESTION = "what is PLS?"
REFUSED_LINE = "Fact store refused (checksum_mismatch)"


@dataclass
class Served:
    """A running stack whose fact store is ``store``, a copy of the built one (``whole``, its bytes)."""

    chat: Conversations
    store: Path
    whole: bytes

    @property
    def stack(self) -> Stack:
        return self.chat.server.stack

    def ask(self, sender: str) -> Turn:
        return self.chat.say("rest", sender, QUESTION)

    def health(self) -> dict[str, Any]:
        """The fact store's part of the action server's health answer."""
        with urllib.request.urlopen(self.stack.actions_url + "/health", timeout=60) as resp:
            return dict(json.loads(resp.read())["fact_store"])

    def log_lines(self, text: str) -> list[str]:
        log = self.stack.log_dir / "actions.log"
        return [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if text in line]

    def edit_fact(self, answer: str) -> None:
        """Change the fact's text in place, as an UPDATE in an sqlite3 shell would; the record stays."""
        with contextlib.closing(sqlite3.connect(self.store)) as db:
            assert db.execute("UPDATE fact SET answer = ? WHERE id = ?", (answer, FACT)).rowcount == 1
            db.commit()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    work = tmp_path_factory.mktemp("fact-store")
    store = work / "facts.db"
    shutil.copyfile(DEFAULT_DB_PATH, store)
    with Stack.isolated(work, facts_url=f"sqlite:///{store}") as stack:
        yield Served(Conversations(Server(stack, work / "conversations.db")), store, store.read_bytes())


@pytest.fixture
def fact_store(served: Served) -> Iterator[Served]:
    """The running stack, serving the copied build; put back afterwards, so each test starts from it."""
    served.chat.turns.clear()
    yield served
    served.store.write_bytes(served.whole)


def text_of(turn: Turn) -> str:
    return " ".join(m.get("text") or "" for m in turn.replies)


def cites_the_fact(turn: Turn) -> bool:
    return any(FACT in ((m.get("custom") or {}).get("facts") or []) for m in turn.replies)


def politely_refused(turn: Turn) -> bool:
    """The polite error reply, and nothing from the fact."""
    return turn.answer()["kind"] == "error" and "try again" in text_of(turn) and not cites_the_fact(turn)


def answered_with(turn: Turn, text: str) -> bool:
    return turn.answer()["kind"] == "answer" and cites_the_fact(turn) and text in text_of(turn)


def test_a_truncated_then_restored_store_is_answered_from_again_without_a_restart(fact_store: Served) -> None:
    served = fact_store
    actions_pid = served.stack.actions.pid  # type: ignore[union-attr]
    assert answered_with(served.ask("trunc-a"), OLD)
    with served.store.open("r+b") as handle:
        handle.truncate(0)
    during = [served.ask("trunc-b"), served.ask("trunc-c")]
    refused = served.health()["state"] == "refused"
    served.store.write_bytes(served.whole)
    after = [served.ask("trunc-d"), served.ask("trunc-e")]
    recovered = all(answered_with(t, OLD) for t in after) and served.stack.actions.pid == actions_pid  # type: ignore[union-attr]
    errors = sum(politely_refused(t) for t in during)
    saw = f"the error reply ({errors}/{len(during)})"
    TABLE.add("fact store truncated, then restored", saw, served.chat.stored_count(), 5, recovered)

    assert errors == len(during), [text_of(t) for t in during]  # a polite error, not silence or a crash
    assert refused, "the action server's health did not report the unreadable store"
    assert recovered
    assert served.chat.mismatches() == []


def test_a_new_build_is_served_from_the_next_turn_without_a_restart(fact_store: Served, tmp_path: Path) -> None:
    served = fact_store
    actions_pid = served.stack.actions.pid  # type: ignore[union-attr]
    first_build = served.health()["build_id"]
    assert answered_with(served.ask("build-a"), OLD)
    # The loader on a copy of data/facts with the fact's text changed, writing to the served store.
    subprocess.run(
        [str(ACTIONS_PYTHON), "-m", "bot.facts", "--url", f"sqlite:///{served.store}", "build"]
        + ["--data", str(changed_data(tmp_path))],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    after = [served.ask("build-a"), served.ask("build-b")]
    health = served.health()
    recovered = served.stack.actions.pid == actions_pid  # type: ignore[union-attr]
    new_text = sum(answered_with(t, NEW) and OLD not in text_of(t) for t in after)
    saw = f"the new text from the next turn ({new_text}/{len(after)})"
    TABLE.add("fact store rebuilt while serving", saw, served.chat.stored_count(), 3, recovered)

    assert new_text == len(after), [text_of(t) for t in after]
    assert health["state"] == "ok" and health["build_id"] != first_build
    assert recovered, "the action server was restarted"
    assert served.chat.mismatches() == []


def test_a_store_edited_in_place_is_refused_until_it_matches_its_build_record_again(fact_store: Served) -> None:
    served = fact_store
    actions_pid = served.stack.actions.pid  # type: ignore[union-attr]
    assert answered_with(served.ask("edit-a"), OLD)
    refusals_before = len(served.log_lines(REFUSED_LINE))
    served.edit_fact(NEW)
    during = [served.ask("edit-a"), served.ask("edit-b"), served.ask("edit-c")]
    health = served.health()
    logged = wait_until(lambda: len(served.log_lines(REFUSED_LINE)) > refusals_before)
    served.edit_fact(OLD)  # put back as built: the content matches its record again
    after = [served.ask("edit-a"), served.ask("edit-d")]
    recovered = all(answered_with(t, OLD) for t in after) and served.stack.actions.pid == actions_pid  # type: ignore[union-attr]
    refused = sum(politely_refused(t) and OLD not in text_of(t) and NEW not in text_of(t) for t in during)
    saw = f"the error reply, neither text ({refused}/{len(during)})"
    TABLE.add("fact store edited in place, record not", saw, served.chat.stored_count(), 6, recovered)

    assert refused == len(during), [text_of(t) for t in during]
    assert health["state"] == "refused" and health["problem"] == "checksum_mismatch"
    assert logged and len(served.log_lines(REFUSED_LINE)) == refusals_before + 1, "one log line, not one per turn"
    assert not served.log_lines(NEW[:40]), "the changed text is not logged"
    assert recovered
    assert served.health()["state"] == "ok"
    assert served.chat.mismatches() == []
