"""The clinician's review page lists every fact, gap, term, name and note, and marks what changed
since an earlier review."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.facts.loader import build
from bot.facts.models import Fact, Gap, GlossaryTerm
from bot.facts.settings import DATA_DIR
from bot.review.__main__ import main


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('review') / 'facts.db'}"
    build(DATA_DIR, url)
    return url


def _review(store: str, out: Path, *extra: str) -> str:
    assert main(["--url", store, "--out", str(out), *extra]) == 0
    return (out / "index.html").read_text(encoding="utf-8")


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as src:
        return list(csv.DictReader(src))


def _fact_row(page: str, fact_id: str) -> str:
    match = re.search(rf'<tr data-fact-id="{re.escape(fact_id)}"[^>]*>.*?</tr>', page, re.S)
    assert match is not None, fact_id
    return match.group(0)


def test_review_lists_every_fact_gap_term_and_note(store: str, session: Session, tmp_path: Path) -> None:
    page = _review(store, tmp_path)
    fact_ids = list(session.scalars(select(Fact.id).order_by(Fact.position)))
    assert re.findall(r'<tr data-fact-id="([^"]+)"', page) == fact_ids
    for gap in session.scalars(select(Gap)):
        assert f'data-gap-id="{gap.id}"' in page and gap.missing in page
    for term in session.scalars(select(GlossaryTerm.term)):
        assert f'data-term-id="{term}"' in page
    assert 'data-name-id="Charcot disease"' in page  # a recognition-only name, with its note
    assert "an older name for ALS used in some countries" in page
    # The reviewer notes that used to be YAML comments show, on the row of their file.
    assert 'data-note-id="facts/kennedy.yml"' in page and "so there is no upper_lower fact" in page
    assert "US order: month/day" in page
    assert "No earlier review was given" in page and 'class="signoff"' in page
    rows = _csv(tmp_path / "review.csv")
    assert [r["id"] for r in rows if r["kind"] == "fact"] == fact_ids


def test_fact_row_shows_what_a_reviewer_checks(store: str, tmp_path: Path) -> None:
    row = _fact_row(_review(store, tmp_path), "kennedy.definition.1")
    assert "X chromosome" in row  # the answer
    assert "kennedy" in row and "definition" in row and "types" in row  # condition and topics
    assert "Motor Neuron Disease (MND)" in row and "types_kennedy" in row  # source and section
    assert re.search(r"<td>\d+\.\d</td>", row)  # a reading grade


def test_changed_added_and_removed_items_are_marked_against_an_earlier_review(store: str, tmp_path: Path) -> None:
    _review(store, tmp_path / "first")
    earlier = _csv(tmp_path / "first" / "review.csv")
    by_id = {r["id"]: r for r in earlier}
    by_id["pls.definition.1"]["answer"] = "An older wording of this fact."  # changed since
    earlier.remove(by_id["sma.definition.1"])  # not there before: added since
    earlier.append({**by_id["als.definition.1"], "id": "als.definition.99", "answer": "A fact since withdrawn."})
    saved = tmp_path / "signed-off.csv"
    with saved.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(earlier[0]))
        writer.writeheader()
        writer.writerows(earlier)

    page = _review(store, tmp_path / "second", "--earlier", str(saved))
    changed = _fact_row(page, "pls.definition.1")
    assert 'data-change="changed"' in changed
    assert re.search(r"<mark>[^<]*PLS[^<]*</mark><span class=was>An older wording of this fact.</span>", changed)
    assert 'data-change="added"' in _fact_row(page, "sma.definition.1")
    assert "data-change" not in _fact_row(page, "als.definition.1")
    assert "1 added" in page.replace("<strong>", "").replace("</strong>", "")
    removed = re.search(r'<tr class="removed" data-change="removed">.*?</tr>', page, re.S)
    assert removed is not None and "als.definition.99" in removed.group(0) and "since withdrawn" in removed.group(0)
    assert len(re.findall(r'data-change="changed"', page)) == 1


def test_an_unreadable_earlier_review_is_refused_in_one_line(
    store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "notes.csv"
    bad.write_text("name,comment\nx,y\n", encoding="utf-8")
    assert main(["--url", store, "--out", str(tmp_path), "--earlier", str(bad)]) == 1
    assert main(["--url", store, "--out", str(tmp_path), "--earlier", str(tmp_path / "missing.csv")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "not a review CSV" in err[0] and "cannot be read" in err[1]
    assert not (tmp_path / "index.html").exists()
