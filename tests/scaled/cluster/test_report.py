"""`make report` on the scaled-out profile: the usage report reads the PostgreSQL tracker store that
endpoints.scaled.yml configures (Rasa's stock SQL store, as the profile's Rasa servers write it)."""

from __future__ import annotations

import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa.core.tracker_store import SQLTrackerStore

from bot.forgetting import forget_sender
from bot.report.__main__ import main as write_report
from bot.scaled import Postgres
from bot.serve import ROOT, free_port
from tests.report.conversations import DOMAIN, Turn, feedback, now, reply, save
from tests.report.test_report import Tables


@pytest.fixture(scope="module")
def postgres() -> Iterator[tuple[Postgres, str]]:
    base = Path(tempfile.mkdtemp(prefix="mnd-report-pg-"))
    base.chmod(0o755)  # the cluster runs as ``postgres``
    cluster = Postgres(base, port=free_port())
    try:
        cluster.init()
        cluster.start()
        password = secrets.token_urlsafe(16)
        cluster.ensure_app("mnd", password, ["conversations"])
        yield cluster, password
    finally:
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)


def test_report_reads_the_postgresql_tracker_store(
    postgres: tuple[Postgres, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cluster, password = postgres
    settings = {
        "MND_PG_HOST": cluster.host,
        "MND_PG_PORT": str(cluster.port),
        "MND_PG_CONVERSATIONS_DB": "conversations",
        "MND_PG_USER": "mnd",
        "MND_PG_PASSWORD": password,
    }
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    store = SQLTrackerStore(DOMAIN, dialect="postgresql", host=cluster.host, port=cluster.port,
                            db="conversations", username="mnd", password=password)  # fmt: skip
    t = now() - 600
    save(store, "pg-sender-one", t, [
        Turn("what is PMA", [reply("answer", "pma", "definition")], feedback(False, "definition", "pma")),
        Turn("is there a blood test for PMA", [reply("not_covered", "pma", "diagnosis")]),
    ])  # fmt: skip
    save(store, "pg-sender-two", t + 30, [Turn("a secret about PLS", [reply("not_covered", "pls", "symptoms")])])
    forget_sender(store, "pg-sender-two")
    store.engine.dispose()

    assert write_report(["--endpoints", str(ROOT / "endpoints.scaled.yml"), "--out", str(tmp_path)]) == 0
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    tables = Tables(page).tables
    summary = dict((row[0], row[1]) for row in tables["summary"])
    assert summary["Conversations"] == "1" and summary["Turns (messages people sent)"] == "2"
    assert summary["Turns it could not answer"] == "1 (50.0%)"
    assert tables["feedback"] == [["definition", "0", "1", "0.0%"]]
    assert [row[:2] for row in tables["questions"]] == [["is there a blood test for pma", "1"]]
    assert "pg-sender" not in page and "secret" not in page
