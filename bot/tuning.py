"""Measured fixes to Rasa's per-turn hot path, installed before Rasa's server starts.

Profiling the Rasa server under load (py-spy, 8 users; see bench/README.md) showed that
about 45% of its CPU went into one line: ``RemoteAction._validate_action_result`` calls
``jsonschema.validate(response, schema)`` on every action server reply. That function
first checks the *schema* itself against JSON Schema's meta-schema (every time), then
checks each event against a ``oneOf`` of 23 event schemas, i.e. every event is tried
against all 23 alternatives.

:func:`install` replaces that method with one that gives the same verdicts faster:

* the validators are built once, and the schemas are checked against the meta-schema
  once, when they are built;
* each event is checked against the common part of Rasa's event schema plus the one
  alternative whose ``event`` constant matches the event's type. Every alternative in
  Rasa's ``oneOf`` pins ``event`` to a different constant, so at most one alternative can
  ever match, and "exactly one matches" is the same as "the matching one validates";
* whenever the fast check does not accept a reply, Rasa's own method runs, so a bad reply
  is refused with Rasa's exact error.

tests/reliability/test_action_reply_check.py checks that the fast check and Rasa's agree on
valid and broken replies of every event type.

Profiling a conversation at turn 200 (bench/README.md, after bot/history.py bounded what a
turn reads) found a second one: 14% of the Rasa server's CPU went into
``Event.resolve_by_type``, which finds the class of every stored event it reads by listing
*every* subclass of ``Event`` (walking the class tree) and comparing type names, for each
event. :func:`install` also makes it remember the class it found for each type name; a name
Rasa does not resolve to a class (an unknown one, or a default) still goes to Rasa's own
method each time, so its errors and defaults are unchanged.
tests/reliability/test_event_lookup.py checks both give the same class for every type.

Profiling after the dialogue policy became a map (bot/dialogue/intent_map.py) found dask's
scheduler, which runs the model graph for each parse and prediction, at about 10% of the Rasa
server's CPU: :func:`install` also runs the graph in a fixed order without it (bot/graph_run.py),
and computes the count features without scikit-learn's per-call overhead (bot/counts.py).
Issue 13's second round found a new connection to the action server for every action call at
about 7% of the Rasa server's CPU: :func:`install` also keeps those connections open
(bot/action_calls.py). And every parse asked ``Domain.is_empty``, which builds a whole empty
Domain to compare with (about 2%): the empty domain's data is now built once.
"""

from __future__ import annotations

from typing import Any

from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event
from rasa.shared.utils.schemas.events import EVENT_SCHEMA

from bot import action_calls, counts, graph_run


class ActionReplyCheck:
    """Decides whether an action server reply is valid, by Rasa's own schema."""

    def __init__(self) -> None:
        outer = dict(RemoteAction.action_response_format_spec())
        outer["properties"] = {**outer["properties"], "events": {"type": "array"}}
        common = {key: value for key, value in EVENT_SCHEMA.items() if key != "oneOf"}
        self._outer = self._compile(outer)
        self._common = self._compile(common)
        self._by_event: dict[str, Any] = {}
        for alternative in EVENT_SCHEMA["oneOf"]:
            constant = alternative["properties"]["event"]["const"]
            if constant in self._by_event:  # a later Rasa might break the assumption; refuse to guess
                raise RuntimeError(f"two event schemas share the event type {constant!r}")
            self._by_event[constant] = self._compile(alternative)

    @staticmethod
    def _compile(schema: dict[str, Any]) -> Any:
        cls = validator_for(schema)
        cls.check_schema(schema)
        return cls(schema)

    def accepts(self, reply: Any) -> bool:
        """True if Rasa's ``jsonschema.validate`` would accept ``reply`` (never a false True)."""
        if not self._outer.is_valid(reply):
            return False
        for event in reply.get("events", []):
            if not self._common.is_valid(event):
                return False
            alternative = self._by_event.get(event["event"])
            if alternative is None or not alternative.is_valid(event):
                return False
        return True


def install() -> None:
    """Install the fixes (idempotent)."""
    _install_reply_check()
    action_calls.install()
    _install_event_lookup()
    _install_graph_run()
    _install_empty_domain_check()
    CountVectorsFeaturizer._create_features = counts.create_features  # type: ignore[method-assign]


def _install_graph_run() -> None:
    """Make ``DaskGraphRunner.run`` call the graph's nodes in a fixed order instead of through dask."""
    if DaskGraphRunner.run is not graph_run.run:
        graph_run.run.rasa = DaskGraphRunner.run  # type: ignore[attr-defined]  # Rasa's own, for tests
        DaskGraphRunner.run = graph_run.run  # type: ignore[method-assign]


def _install_empty_domain_check() -> None:
    """Make ``Domain.is_empty`` compare with an empty domain's data built once, not once per call."""
    if getattr(Domain.is_empty, "rasa", None) is not None:
        return
    rasa_is_empty = Domain.is_empty
    empty = Domain.empty().as_dict()  # a Domain's data never changes once it is made

    def is_empty(self: Domain) -> bool:
        return self.as_dict() == empty

    is_empty.rasa = rasa_is_empty  # type: ignore[attr-defined]  # Rasa's own, for tests to compare with
    Domain.is_empty = is_empty  # type: ignore[method-assign]


def _install_event_lookup() -> None:
    """Make ``Event.resolve_by_type`` remember the class found for each type name."""
    if getattr(Event.resolve_by_type, "remembers", False):
        return
    rasa_resolve = Event.resolve_by_type
    found: dict[str, type[Event]] = {}

    def resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
        known = found.get(type_name)
        if known is not None:
            return known
        resolved = rasa_resolve(type_name, default)
        if resolved is not None and resolved is not default and resolved.type_name == type_name:
            found[type_name] = resolved
        return resolved

    resolve_by_type.remembers = True  # type: ignore[attr-defined]
    resolve_by_type.rasa = rasa_resolve  # type: ignore[attr-defined]  # Rasa's own, for tests to compare with
    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[method-assign]


def _install_reply_check() -> None:
    """Make ``RemoteAction`` validate replies with :class:`ActionReplyCheck`."""
    if getattr(RemoteAction._validate_action_result, "fast_check", False):
        return
    check = ActionReplyCheck()
    rasa_validate = RemoteAction._validate_action_result

    def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        if check.accepts(result):
            return True
        return rasa_validate(self, result)  # raises Rasa's own ValidationError

    _validate_action_result.fast_check = True  # type: ignore[attr-defined]
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
