"""The trained model, loaded once for the NLU tests."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "mnd.tar.gz"


@pytest.fixture(scope="session")
def parse() -> Callable[[str], dict[str, Any]]:
    """Parse one message with the trained model (NLU pipeline only, in-process)."""
    from rasa.core.agent import Agent

    agent = Agent.load(str(MODEL))
    loop = asyncio.new_event_loop()
    return lambda text: loop.run_until_complete(agent.parse_message(text))
