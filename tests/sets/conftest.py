"""The real stack on free ports, for scoring the independent sets through the REST channel."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.serve import Stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with Stack.isolated(tmp_path_factory.mktemp("stack")) as running:
        yield running
