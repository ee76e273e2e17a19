"""The stores are queried only through SQLAlchemy expressions or with bound parameters, never with SQL
built from strings, so nothing a person types can change a query."""

from __future__ import annotations

import ast

from bot.serve import ROOT

SOURCES = sorted(
    p for folder in ("bot", "actions") for p in (ROOT / folder).rglob("*.py") if "__pycache__" not in p.parts
)
EXECUTORS = {"execute", "executemany", "executescript", "exec_driver_sql", "text"}


def _built_from_strings(node: ast.expr) -> bool:
    """An f-string, a concatenation, %-formatting or .format(): SQL made by pasting values in."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.FormattedValue) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return True
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in {"format", "join"}
    )


def _called_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def test_no_query_is_built_from_strings() -> None:
    assert SOURCES
    problems = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and _called_name(node) in EXECUTORS
                and node.args
                and _built_from_strings(node.args[0])
            ):
                problems.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)[:100]}")
    assert not problems, "\n".join(problems)


def test_the_check_catches_pasted_sql() -> None:
    bad = ast.parse('cur.execute(f"SELECT * FROM fact WHERE id = {x}")\nsession.execute(text("DELETE " + y))')
    calls = [n for n in ast.walk(bad) if isinstance(n, ast.Call) and _called_name(n) in EXECUTORS and n.args]
    # The f-string, and the concatenation inside text(); not the execute(text(...)) around it.
    assert sorted(_built_from_strings(c.args[0]) for c in calls) == [False, True, True]
    good = ast.parse('cur.execute("SELECT * FROM fact WHERE id = ?", (x,))')
    calls = [n for n in ast.walk(good) if isinstance(n, ast.Call) and _called_name(n) in EXECUTORS]
    assert not any(_built_from_strings(c.args[0]) for c in calls)


def test_sources_are_found() -> None:
    assert ROOT / "bot" / "facts" / "queries.py" in SOURCES and ROOT / "actions" / "base.py" in SOURCES
