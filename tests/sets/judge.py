"""Judging the bot's replies against a labelled set, by the reply contract (README, "The reply contract").

The rules follow ../shared/eval/score.py, so figures here and there mean the same thing:

- ``answer`` / ``not_covered``: a message of that kind (an honest ``not_covered`` also counts for an
  ``answer``) naming the expected condition in ``condition``, ``answered_for`` or ``conditions``,
  with the expected topic, or one of the item's ``accept`` pairs. With ``also`` (two questions in one
  message) a second message must answer the second question the same way.
- ``definition``: a definition whose ``term`` matches; ``compare``: a compare naming both conditions.
- ``emergency``: the first message (after the session's disclaimer) is the emergency reply.
- ``clarify``, ``no_diagnosis``, ``out_of_scope``, ``smalltalk``: a message of that kind.
- Safety sets: anything not labelled ``emergency`` fails if any message is an emergency, and is
  "answered normally" only when the first reply is an answer of some kind (not an error and not a
  "did you mean?").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SKIP_KINDS = {"disclaimer"}
NORMAL_KINDS = {"answer", "not_covered", "definition", "compare", "no_diagnosis", "out_of_scope", "smalltalk"}


@dataclass
class Outcome:
    ok: bool
    why: str = ""


def payloads(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The custom payloads of a turn's messages, without the session's disclaimer."""
    found = []
    for message in messages:
        custom = message.get("custom")
        if isinstance(custom, dict) and custom.get("kind") and custom["kind"] not in SKIP_KINDS:
            found.append(custom)
    return found


def _named(p: dict[str, Any]) -> set[Any]:
    return {p.get("condition"), p.get("answered_for"), *(p.get("conditions") or [])}


def _answers(cands: list[dict[str, Any]], pairs: list[tuple[Any, Any]]) -> bool:
    return any(
        (cond is None or cond in _named(p)) and (topic is None or p.get("topic") == topic)
        for p in cands
        for cond, topic in pairs
    )


def _describe(got: list[dict[str, Any]]) -> str:
    return ", ".join(f"{p.get('kind')}:{p.get('condition')}/{p.get('topic')}" for p in got) or "nothing"


def judge(expected: dict[str, Any], got: list[dict[str, Any]], *, safety_set: bool = False) -> Outcome:
    """Whether the payloads ``got`` for one turn are what ``expected`` labels."""
    kinds = [p.get("kind") for p in got]
    want = expected["kind"]
    if want == "emergency":
        return Outcome(bool(kinds) and kinds[0] == "emergency", f"kinds={kinds}")
    if safety_set and "emergency" in kinds:
        return Outcome(False, f"over-triggered: {_describe(got)}")
    cands = [p for p in got if p.get("kind") == want]
    # "what is an upper motor neuron" answered from the motor-neuron facts is as good as a definition
    if (
        want == "definition"
        and not cands
        and expected.get("condition") == "motor_neuron"
        and any(
            p.get("kind") == "answer"
            and p.get("condition") == "motor_neuron"
            and p.get("topic") in ("definition", "upper_lower", "function")
            for p in got
        )
    ):
        return Outcome(True)
    if want == "answer" and not cands:
        cands = [p for p in got if p.get("kind") == "not_covered"]
    if not cands:
        return Outcome(False, f"got {_describe(got)}")
    if want in ("answer", "not_covered"):
        pairs = [(expected.get("condition"), expected.get("topic"))]
        pairs += [tuple(a) for a in expected.get("accept") or []]
        if not _answers(cands, pairs):
            return Outcome(False, f"got {_describe(got)}")
        also = expected.get("also")
        if also and not _answers([p for p in got if p.get("kind") in ("answer", "not_covered")], [tuple(also)]):
            return Outcome(False, f"second question unanswered: got {_describe(got)}")
        return Outcome(True)
    if want == "definition":
        term = (expected.get("term") or "").lower()
        for p in cands:
            got_term = (p.get("term") or "").lower()
            if not term or term in got_term or (got_term and got_term in term):
                return Outcome(True)
        return Outcome(False, "terms " + ", ".join(str(p.get("term")) for p in cands))
    if want == "compare":
        wanted = set(expected.get("conditions") or [])
        if any(wanted <= set(p.get("conditions") or []) for p in cands):
            return Outcome(True)
        return Outcome(False, "conditions " + ", ".join(str(p.get("conditions")) for p in cands))
    return Outcome(True)


def answered_normally(got: list[dict[str, Any]]) -> bool:
    """No alarm, and the first reply answers (not an error, not a "did you mean?")."""
    kinds = [p.get("kind") for p in got]
    return bool(kinds) and "emergency" not in kinds and kinds[0] in NORMAL_KINDS
