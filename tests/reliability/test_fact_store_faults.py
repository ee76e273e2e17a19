"""A fact store file that breaks and comes back is used again without a restart."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.facts.settings import DEFAULT_DB_PATH
from bot.serve import Stack
from tests.reliability.conftest import Server


def test_a_truncated_then_restored_store_is_answered_from_again_without_a_restart(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    work = tmp_path_factory.mktemp("store-fault")
    store = work / "facts.db"
    shutil.copyfile(DEFAULT_DB_PATH, store)
    whole = store.read_bytes()
    with Stack.isolated(work, facts_url=f"sqlite:///{store}") as stack:
        server = Server(stack, work / "conversations.db")

        def kinds(sender: str) -> list[str]:
            return [m["custom"]["kind"] for m in server.ask("rest", sender, "what is PLS?")]

        assert "answer" in kinds("fault-1")
        with store.open("r+b") as handle:
            handle.truncate(0)
        assert kinds("fault-2")[-1] == "error"  # a polite error, not silence or a crash
        Path(store).write_bytes(whole)
        assert "answer" in kinds("fault-3")
        assert "answer" in kinds("fault-4")
