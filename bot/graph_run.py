"""Rasa's model graph run in a fixed order instead of through dask's scheduler (installed by bot/tuning.py).

Rasa runs its model as a graph twice or three times a turn: the NLU pipeline on the message, then
the policies for each action to predict. ``DaskGraphRunner.run`` rebuilds the graph's minimal
schema and a dask task graph for the targets on every call, and dask's synchronous scheduler then
orders the tasks (``dask.order``), keeps its state and fires them one by one. For our graphs (a
chain of NLU components; a policy and the ensemble) that bookkeeping cost about as much as the
components themselves: py-spy on the Rasa server under 8 users put dask's share at about 10% of
its CPU, and in-process a parse took 5.7 ms with it and 4.4 ms without, a prediction 0.38 ms and
0.03 ms (bench/README.md).

:func:`run` computes, once per set of targets, the nodes the targets need in dependency order
(each node after everything it needs), and calls each node with its parents' outputs, which is
what dask does with the same graph: every node is a ``GraphNode`` whose arguments are the
``(name, output)`` tuples of the nodes it needs, and inputs enter as ``(name, value)`` tuples. An
input named like a node is refused, and a ``RuntimeError`` becomes ``GraphRunError``, as in Rasa.
tests/reliability/test_graph_run.py checks that parses and predictions of the trained model are
the same either way.
"""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

from rasa.engine.exceptions import GraphRunError
from rasa.engine.graph import GraphSchema
from rasa.engine.runner.dask import DaskGraphRunner

Plan = List[Tuple[str, Tuple[str, ...]]]


def plan(schema: GraphSchema, targets: List[str]) -> Plan:
    """The nodes ``targets`` need, each after the nodes it needs, with the names of those nodes."""
    nodes = schema.minimal_graph_schema(targets).nodes
    placed: set[str] = set()
    order: Plan = []

    def place(name: str) -> None:
        if name in placed or name not in nodes:  # placed already, or an input
            return
        placed.add(name)
        needs = tuple(nodes[name].needs.values())
        for need in needs:
            place(need)
        order.append((name, needs))

    for target in targets:
        place(target)
    return order


def run(
    self: DaskGraphRunner, inputs: Dict[str, Any] | None = None, targets: List[str] | None = None
) -> Dict[str, Any]:
    """``DaskGraphRunner.run`` without dask: the same nodes, called with the same arguments."""
    run_targets = list(targets) if targets else self._graph_schema.target_names
    plans: dict[tuple[str, ...], Plan] = self.__dict__.setdefault("_plans", {})
    steps = plans.get(tuple(run_targets))
    if steps is None:
        steps = plans[tuple(run_targets)] = plan(self._graph_schema, run_targets)
    outputs: dict[str, Any] = {}
    for name, value in (inputs or {}).items():
        if isinstance(value, str) and value in self._graph_schema.nodes:
            raise GraphRunError(
                f"Input value '{value}' clashes with a node name. Make sure that none of the input names passed "
                f"to the `run` method are the same as node names in the graph schema."
            )
        outputs[name] = (name, value)
    try:
        for name, needs in steps:
            # A need that is neither a node nor an input reaches the node as the plain string, as with dask.
            outputs[name] = self._instantiated_nodes[name](*[outputs.get(need, need) for need in needs])
    except RuntimeError as e:
        raise GraphRunError("Error running runner.") from e
    return dict(outputs[target] for target in run_targets)
