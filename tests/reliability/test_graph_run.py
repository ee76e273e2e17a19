"""The trained model parses and predicts the same with the graph run in a fixed order (bot/graph_run.py) as
with Rasa's dask runner."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from rasa.core.agent import Agent
from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import graph_run, tuning

ROOT = Path(__file__).resolve().parents[2]
RASA_RUN = getattr(DaskGraphRunner.run, "rasa", DaskGraphRunner.run)
# Every kind of message: questions on each topic, follow-ups, emergencies, look-alikes, nonsense, empty.
TEXTS = [json.loads(line)["text"] for line in (ROOT / "tests" / "sets" / "singles.jsonl").open()][::4] + [
    "tell me more",
    "what about PLS?",
    "my dad can't breathe",
    "I can't breathe when I laugh so hard",
    "asdf qwer",
    "",
    "/restart",
]


@pytest.fixture(scope="module")
def agent() -> Agent:
    return Agent.load(str(ROOT / "models" / "mnd.tar.gz"))


def _with(runner: Any, agent: Agent, work: Any) -> Any:
    saved = DaskGraphRunner.run
    DaskGraphRunner.run = runner  # type: ignore[method-assign]
    try:
        return work(agent)
    finally:
        DaskGraphRunner.run = saved  # type: ignore[method-assign]


def _parses(agent: Agent) -> list[dict[str, Any]]:
    loop = asyncio.new_event_loop()
    try:
        return [loop.run_until_complete(agent.parse_message(text)) for text in TEXTS]
    finally:
        loop.close()


def test_parses_are_the_same(agent: Agent) -> None:
    theirs = _with(RASA_RUN, agent, _parses)
    ours = _with(graph_run.run, agent, _parses)
    assert ours == theirs
    assert {p["intent"]["name"] for p in ours} >= {"report_emergency", "ask_more", "nlu_fallback"}


def _predictions(agent: Agent) -> list[Any]:
    loop = asyncio.new_event_loop()
    predictions = []
    try:
        for text in TEXTS:
            parse = loop.run_until_complete(agent.parse_message(text))
            message = UserUttered(text, parse["intent"], parse["entities"], parse)
            events = [ActionExecuted(ACTION_LISTEN_NAME), message]
            tracker = DialogueStateTracker.from_events("someone", events, agent.domain.slots)
            first = agent.processor._predict_next_with_tracker(tracker)
            tracker.update(ActionExecuted(agent.domain.action_names_or_texts[first.max_confidence_index]))
            predictions.append((first, agent.processor._predict_next_with_tracker(tracker)))
    finally:
        loop.close()
    return predictions


def test_predictions_are_the_same(agent: Agent) -> None:
    theirs = _with(RASA_RUN, agent, _predictions)
    ours = _with(graph_run.run, agent, _predictions)
    assert ours == theirs
    actions = agent.domain.action_names_or_texts
    decided = {actions[p.max_confidence_index] for pair in ours for p in pair}
    assert {"action_answer_topic", "utter_emergency", "action_tell_more", "action_default_fallback"} <= decided


def test_an_input_named_like_a_node_is_refused_as_by_rasa(agent: Agent) -> None:
    runner = agent.processor.graph_runner
    node = next(iter(runner._graph_schema.nodes))
    for run in (RASA_RUN, graph_run.run):
        with pytest.raises(GraphRunError, match="clashes with a node name"):
            run(runner, inputs={"__message__": node}, targets=[node])


def test_install_puts_it_in_place_once() -> None:
    tuning.install()
    tuning.install()
    assert DaskGraphRunner.run is graph_run.run
    assert graph_run.run.rasa is RASA_RUN  # type: ignore[attr-defined]
