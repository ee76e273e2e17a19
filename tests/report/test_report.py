"""The usage report from a tracker store with known conversations: its figures, and what it never shows."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bot.forgetting import forget_sender
from bot.privacy import ROOT
from bot.report.__main__ import main
from bot.report.figures import day_of
from tests.report.conversations import DAY, Turn, endpoints_for, feedback, now, open_store, reply, save

SENDERS = (
    "sender-alice-7f3a9c",
    "sender-bob-91c2e0",
    "sender-carol-55aa01",
    "sender-dave-0ld000",
    "sender-erin-f0rg07",
)


class Tables(HTMLParser):
    """The report's tables by their data-figure name: rows of cell texts (header row left out)."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._name: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_head = False
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._name = dict(attrs).get("data-figure") or ""
            self.tables[self._name] = []
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr" and not self._in_head:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "thead":
            self._in_head = False
        elif tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None and self._name is not None:
            self.tables[self._name].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture(scope="module")
def endpoints(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five conversations: three in the period, one too old, one forgotten by its owner."""
    db = tmp_path_factory.mktemp("report") / "conversations.db"
    store = open_store(db)
    t = now() - 3600
    alice, bob, carol, dave, erin = SENDERS
    save(store, alice, t, [
        Turn("what is ALS", [reply("answer", "als", "definition")], feedback(True, "definition", "als")),
        Turn("Can a keto diet cure ALS?", [reply("out_of_scope")]),
    ])  # fmt: skip
    save(store, bob, t + 60, [
        Turn("I can't breathe", [reply("emergency", emergency="breathing")]),
        Turn("can a keto diet cure mnd", [reply("out_of_scope")]),
        Turn("what are the first signs of PLS", [reply("not_covered", "pls", "symptoms")],
             feedback(False, "symptoms", "pls", "not_covered")),
    ])  # fmt: skip
    save(store, carol, t - 2 * DAY, [
        Turn("compare als and pls", [reply("compare", None, None, conditions=["als", "pls"])]),
        Turn("what causes ALS? ring me on 07700 900123", [reply("not_covered", "als", "causes")]),
    ])  # fmt: skip
    save(store, dave, t - 40 * DAY, [Turn("what is PMA exactly", [reply("not_covered", "pma", "definition")])])
    save(store, erin, t, [Turn("my private question about SMA", [reply("not_covered", "sma", "symptoms")])])
    assert forget_sender(store, erin) > 0
    store.engine.dispose()
    return endpoints_for(db)


def _report(endpoints: Path, out: Path, *extra: str) -> str:
    assert main(["--endpoints", str(endpoints), "--out", str(out), "--since", "30d", *extra]) == 0
    return (out / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page(endpoints: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    return _report(endpoints, tmp_path_factory.mktemp("out"))


def test_report_counts_conversations_turns_and_days(page: str) -> None:
    tables = Tables(page).tables
    summary = dict((row[0], row[1]) for row in tables["summary"])
    assert summary["Conversations"] == "3" and summary["Turns (messages people sent)"] == "7"
    assert summary["Bot replies"] == "10"  # 3 disclaimers and 7 replies
    assert summary["Turns it could not answer"] == "4 (57.1%)"
    per_day = {row[0]: (int(row[1]), int(row[2])) for row in tables["per-day"]}
    assert len(per_day) == 31  # every day of the period, quiet ones too
    today, before = f"{day_of(now() - 3600):%Y-%m-%d}", f"{day_of(now() - 3600 - 2 * DAY):%Y-%m-%d}"
    assert per_day[today] == (2, 5) and per_day[before] == (1, 2)
    assert sum(c for c, _ in per_day.values()) == 3 and sum(t for _, t in per_day.values()) == 7
    unanswered = {row[0]: row[1:] for row in tables["unanswered"]}
    assert unanswered[today] == ["5", "3", "60.0%"] and unanswered[before] == ["2", "1", "50.0%"]


def test_report_counts_replies_by_kind_and_what_was_asked(page: str) -> None:
    tables = Tables(page).tables
    kinds = {row[0]: (int(row[1]), row[2]) for row in tables["kinds"]}
    assert kinds["error"] == (0, "0.0%") and kinds["clarify"] == (0, "0.0%")  # listed, though none
    assert {kind: n for kind, n in kinds.items() if n[0]} == {
        "answer": (1, "10.0%"),
        "compare": (1, "10.0%"),
        "not_covered": (2, "20.0%"),
        "emergency": (1, "10.0%"),
        "out_of_scope": (2, "20.0%"),
        "disclaimer": (3, "30.0%"),
    }
    assert [row[:2] for row in tables["conditions"]] == [["als", "3"], ["pls", "2"]]
    assert sorted(row[:2] for row in tables["topics"]) == [["causes", "1"], ["definition", "1"], ["symptoms", "1"]]
    assert tables["emergencies"] == [[f"{day_of(now() - 3600 + 60):%Y-%m-%d}", "1"]]


def test_report_counts_feedback_by_topic(page: str) -> None:
    assert sorted(Tables(page).tables["feedback"]) == [
        ["definition", "1", "0", "100.0%"],
        ["symptoms", "0", "1", "0.0%"],
    ]


def test_unanswered_questions_are_grouped_by_similarity_with_counts(page: str) -> None:
    rows = Tables(page).tables["questions"]
    assert rows[0][1] == "2" and "keto diet cure" in rows[0][0] and "keto diet cure" in rows[0][2]
    shown = {row[0]: row[1] for row in rows}
    assert shown["what are the first signs of pls"] == "1"
    assert shown["what causes als? ring me on [number]"] == "1"  # a phone number is never shown
    assert len(rows) == 3 and "07700" not in page


def test_report_never_shows_a_sender_id_a_forgotten_or_an_old_conversation(page: str) -> None:
    for sender in SENDERS:
        assert sender not in page and sender.split("-")[-1] not in page
    assert "private question" not in page  # forgotten: deleted, so never counted or shown
    assert "what is pma" not in page.lower()  # older than the period asked for
    assert "<tr><td>sma</td>" not in page


def test_question_text_setting_turns_text_off_entirely(endpoints: Path, tmp_path: Path) -> None:
    off = _report(endpoints, tmp_path / "flag", "--no-question-text")
    assert "keto" not in off and "first signs" not in off and "Question text is turned off" in off
    assert "<td>Conversations</td><td class=num>3</td>" in off  # the figures are all still there
    env = {"MND_REPORT_QUESTION_TEXT": "off", "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    subprocess.run(
        [sys.executable, "-m", "bot.report", "--endpoints", str(endpoints), "--out", str(tmp_path / "env")],
        env=env,
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    by_env = (tmp_path / "env" / "index.html").read_text(encoding="utf-8")
    assert "keto" not in by_env and "MND_REPORT_QUESTION_TEXT=off" in by_env


def test_page_is_self_contained(page: str) -> None:
    assert page.count('<img src="data:image/png;base64,') >= 6
    for marker in ("http://", "https://", 'src="//', "@import", "url("):
        assert marker not in page


def test_bad_arguments_get_one_line(endpoints: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--endpoints", str(endpoints), "--out", str(tmp_path), "--since", "last tuesday"])
    assert exited.value.code == 2 and "not like 30d" in capsys.readouterr().err
    assert main(["--endpoints", str(tmp_path / "none.yml"), "--out", str(tmp_path)]) == 1
    assert "no endpoints file" in capsys.readouterr().err
