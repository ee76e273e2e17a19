"""Every query test of tests/unit/test_queries.py, on SQLite and on PostgreSQL.

The test functions are taken from that module as they are (new ones are picked up automatically);
here they get this folder's ``session`` fixture, parametrised over both databases (conftest.py), so
each runs twice: ``test_x[sqlite-...]`` and ``test_x[postgresql-...]``.
"""

from __future__ import annotations

from tests.unit import test_queries as _on_sqlite

globals().update({name: test for name, test in vars(_on_sqlite).items() if name.startswith("test_")})
