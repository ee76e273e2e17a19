"""The real stack (action server + Rasa server) on free ports, and a client for Rasa's REST channel."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from bot.serve import ROOT, Stack
from tests.support import Chat

FACTS = {
    fact["id"]: fact
    for path in sorted((ROOT / "data" / "facts" / "facts").glob("*.yml"))
    for fact in yaml.safe_load(path.read_text(encoding="utf-8"))["facts"]
}


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with Stack.isolated(tmp_path_factory.mktemp("stack")) as running:
        yield running


@pytest.fixture
def chat(stack: Stack) -> Chat:
    return Chat(stack.url)


def source_ids(reply: dict[str, Any]) -> set[str]:
    return {s["id"] for s in reply["custom"]["sources"]}


def assert_from_store(reply: dict[str, Any]) -> None:
    """An answer's text is made of the facts its payload names, and cites their sources."""
    custom = reply["custom"]
    assert custom["facts"], reply
    part = custom.get("part", "answer")
    for fact_id in custom["facts"]:
        assert FACTS[fact_id][part] in reply["text"]
    assert source_ids(reply) >= {FACTS[i]["source"] for i in custom["facts"]}
    assert all(s["citation"] for s in custom["sources"])
