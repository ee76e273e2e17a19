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
