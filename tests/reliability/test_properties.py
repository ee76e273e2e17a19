"""Property-based tests (hypothesis) of condition resolution and the fact loader.

Runs in the action server's environment (.venv-actions: hypothesis, SQLAlchemy 2):
`make reliability`, or `.venv-actions/bin/python -m pytest -q tests/reliability/test_properties.py`.
"""

from __future__ import annotations

import shutil
import string
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz
from sqlalchemy import create_engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from bot.facts import names
from bot.facts.loader import FactData, FactDataError, load_dir, load_into
from bot.facts.models import GlossaryTerm
from bot.facts.settings import DATA_DIR
from bot.facts.text import normalise
from bot.facts.vocab import CONDITIONS

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

DATA = load_dir(DATA_DIR)
CONDITION_NAMES = {
    normalise(alias): cond["slug"]
    for cond in DATA.conditions
    for alias in [cond["name"], cond["short_name"], *cond["aliases"]]
}
TERM_NAMES = {normalise(alias): term["term"] for term in DATA.terms for alias in [term["term"], *term["aliases"]]}
ALIASES = sorted(
    {(alias, c["slug"]) for c in DATA.conditions for alias in [c["name"], c["short_name"], *c["aliases"]]}
)
TERMS = sorted({(alias, term["term"]) for term in DATA.terms for alias in [term["term"], *term["aliases"]]})
NAME_WORDS = {word for name in [*CONDITION_NAMES, *TERM_NAMES] for word in name.split()}

# Everyday words around a name. Kept only if they are no part of a name, not close to any word of one
# (near misses are matched on purpose), and not a word after which "pls" is read as "please".
_EVERYDAY = [
    "my", "mother", "was", "told", "today", "about", "her", "doctor", "visit", "and", "we", "wondered", "whether",
    "she", "could", "ask", "what", "happens", "next", "because", "our", "family", "would", "like", "some", "clear",
    "words", "from", "someone", "who", "knows", "people", "with", "this", "kind", "of", "thing", "so", "thank",
    "you", "for", "explaining", "slowly",
]
FILLERS = sorted(
    {
        w
        for w in _EVERYDAY
        if w not in NAME_WORDS
        and all(fuzz.ratio(w, n) < 60 for n in NAME_WORDS)
        and w not in names._REQUEST_ENDINGS
    }
)
assert len(FILLERS) >= 10, FILLERS


@pytest.fixture(scope="module")
def session() -> Iterator[Session]:
    engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    load_into(engine)
    with Session(engine) as s:
        yield s
    engine.dispose()


def _phrases(text: str) -> set[str]:
    """Every run of whole words of the normalised text."""
    words = normalise(text).split()
    return {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}


# Free text: anything at all, and text made of pieces of names, typos and punctuation.
name_words = st.sampled_from(sorted(NAME_WORDS))
typo = name_words.flatmap(
    lambda w: st.integers(0, max(0, len(w) - 1)).map(lambda i: w[:i] + w[i + 1 :] if len(w) > 1 else w)
)
pieces = st.one_of(name_words, typo, st.sampled_from(FILLERS), st.text(max_size=8), st.sampled_from(list("?!.,'’-/()")))
free_text = st.one_of(st.text(max_size=200), st.lists(pieces, max_size=12).map(" ".join))


@SETTINGS
@given(text=free_text)
def test_resolution_never_raises_and_gives_only_known_slugs(session: Session, text: str) -> None:
    found = names.find_conditions(session, text)
    assert set(found) <= set(CONDITIONS) and len(found) == len(set(found))
    assert names.resolve_condition(session, text) == (found[0] if found else None)
    named = names.conditions_in(session, entities=[text, text.upper()], text=text)
    assert set(named) <= set(CONDITIONS) and len(named) == len(set(named))
    term = names.find_term(session, text)
    assert term is None or (isinstance(term, GlossaryTerm) and term.term in TERM_NAMES.values())


def _cased(name: str, how: str) -> str:
    return {"lower": name.lower(), "upper": name.upper(), "title": name.title(), "as is": name}[how]


# Other words: everyday ones, or random ones that are no part of a name and not close to one.
far_words = st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=10).filter(
    lambda w: all(fuzz.ratio(w, n) < 60 for n in NAME_WORDS) and w not in names._REQUEST_ENDINGS
)
around = st.lists(st.one_of(st.sampled_from(FILLERS), far_words), max_size=5)
casing = st.sampled_from(["lower", "upper", "title", "as is"])
wrapping = st.sampled_from(["{}", "{}?", "({})", '"{}"', "{},", "¿{}?", "{}!!"])


@SETTINGS
@given(alias=st.sampled_from(ALIASES), before=around, after=around, how=casing, wrap=wrapping)
def test_an_exact_name_among_other_words_is_found(
    session: Session, alias: tuple[str, str], before: list[str], after: list[str], how: str, wrap: str
) -> None:
    name, slug = alias
    text = " ".join([*before, wrap.format(_cased(name, how)), *after])
    assert names.find_conditions(session, text) == [slug], text
    assert names.resolve_condition(session, text) == slug


@SETTINGS
@given(alias=st.sampled_from(TERMS), before=around, after=around, how=casing, wrap=wrapping)
def test_an_exact_glossary_word_among_other_words_is_found(
    session: Session, alias: tuple[str, str], before: list[str], after: list[str], how: str, wrap: str
) -> None:
    name, term = alias
    text = " ".join([*before, wrap.format(_cased(name, how)), *after])
    found = names.find_term(session, text)
    assert found is not None and found.term == term, text


@SETTINGS
@given(junk=st.one_of(st.text(max_size=4), st.text(alphabet=string.ascii_letters + string.digits + " .'-", max_size=4)))
def test_junk_of_four_characters_or_fewer_never_resolves(session: Session, junk: str) -> None:
    # Only a name typed exactly (say "ALS") may match something this short: no guessing.
    exact = {CONDITION_NAMES[p] for p in _phrases(junk) if p in CONDITION_NAMES}
    assert set(names.find_conditions(session, junk)) <= exact, junk
    if not exact:
        assert names.resolve_condition(session, junk) is None


@SETTINGS
@given(text=st.one_of(st.text(), free_text))
def test_normalise_is_idempotent_and_plain(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert set(once) <= set(string.ascii_lowercase + string.digits + " ")
    assert "  " not in once and once == once.strip()


# --- the loader, fed random mutations of the curated data ---------------------------------------

FILES = {
    "sources.yml": "sources",
    "topics.yml": "topics",
    "conditions.yml": "conditions",
    "glossary.yml": "terms",
    "gaps.yml": "gaps",
    **{f"facts/{p.name}": "facts" for p in sorted((DATA_DIR / "facts").glob("*.yml"))},
}
PLACEHOLDER = "@@RAW-SCALAR@@"

junk_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.just(""),
    st.just("   "),
    st.dates(),
    st.lists(st.one_of(st.text(max_size=6), st.integers(), st.none()), max_size=3),
    st.dictionaries(st.text(max_size=6), st.one_of(st.text(max_size=6), st.integers()), max_size=3),
)
# Values written into the YAML text as they are, so YAML's own typing and syntax are exercised too.
raw_scalars = st.one_of(
    st.sampled_from(
        ["yes", "no", "~", "null", "1e3", ".inf", ".nan", "0x1F", "0o17", "12:30:00", "2025-06-05", "2025-13-45",
         "!!binary aGk=", "!!int x", "!!bool x", "!!float x", "!!timestamp x", "!!python/name:os.system",
         "&anchor x", "*missing", "[", "{", "'", "|", ">-", "- a", "? x", "%TAG", "@", "`", "\t", "[" * 2000]
    ),
    st.text(alphabet=string.printable, max_size=12),
)
MUTATIONS = [
    "drop_field",
    "wrong_type",
    "raw_scalar",
    "unknown_field",
    "nested_junk",
    "entry_junk",
    "drop_entry",
    "duplicate_entry",
    "document_junk",
    "file_text",
    "file_bytes",
    "delete_file",
]


def _mutate(root: Path, data: st.DataObject) -> str:
    """Apply one random mutation to one random file under ``root``; describe it."""
    name = data.draw(st.sampled_from(sorted(FILES)), label="file")
    key = FILES[name]
    path = root / name
    kind = data.draw(st.sampled_from(MUTATIONS), label="mutation")
    if kind == "delete_file":
        path.unlink(missing_ok=True)
        return f"{name}: deleted"
    if kind == "file_text":
        path.write_text(data.draw(st.text(max_size=200), label="text"), encoding="utf-8")
        return f"{name}: random text"
    if kind == "file_bytes":
        path.write_bytes(data.draw(st.binary(max_size=200), label="bytes"))
        return f"{name}: random bytes"
    if not path.is_file():
        return f"{name}: already gone"
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except Exception:  # an earlier mutation broke it; the loader must say so
        return f"{name}: already unreadable"
    entries = doc.get(key) if isinstance(doc, dict) else None
    raw: str | None = None
    if kind == "document_junk" or not isinstance(entries, list) or not entries:
        doc = data.draw(st.one_of(junk_values, st.fixed_dictionaries({key: junk_values})), label="document")
        kind = "document_junk"
    else:
        index = data.draw(st.integers(0, len(entries) - 1), label="entry")
        entry: Any = entries[index]
        if kind == "drop_entry":
            del entries[index]
        elif kind == "duplicate_entry":
            entries.insert(index, entry)
        elif kind == "entry_junk" or not isinstance(entry, dict) or not entry:
            entries[index] = data.draw(junk_values, label="entry value")
            kind = "entry_junk"
        else:
            fld = data.draw(st.sampled_from(sorted(entry, key=str)), label="field")
            if kind == "drop_field":
                del entry[fld]
            elif kind == "wrong_type":
                entry[fld] = data.draw(junk_values, label="value")
            elif kind == "raw_scalar":
                entry[fld] = PLACEHOLDER
                raw = data.draw(raw_scalars, label="raw scalar")
            elif kind == "unknown_field":
                new_key = data.draw(st.one_of(st.text(max_size=8), st.integers()), label="new field")
                entry[new_key] = data.draw(junk_values, label="value")
            elif kind == "nested_junk":
                lists = [k for k, v in entry.items() if isinstance(v, list) and v]
                if lists:
                    inner = entry[data.draw(st.sampled_from(sorted(lists, key=str)), label="list field")]
                    inner[data.draw(st.integers(0, len(inner) - 1), label="item")] = data.draw(junk_values)
                else:
                    entry[fld] = data.draw(junk_values, label="value")
    text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
    if raw is not None:
        text = text.replace(repr(PLACEHOLDER), raw).replace(PLACEHOLDER, raw)
    path.write_text(text, encoding="utf-8")
    return f"{name}: {kind}"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), count=st.integers(1, 3))
def test_the_loader_loads_or_names_every_problem(data: st.DataObject, count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "facts"
        shutil.copytree(DATA_DIR, root)
        done = [_mutate(root, data) for _ in range(count)]
        files = {str(p.relative_to(root)) for p in root.rglob("*")} | set(FILES) | {"facts"}
        try:
            loaded = load_dir(root)
        except FactDataError as exc:
            assert exc.problems, done
            for problem in exc.problems:
                assert problem.file in files, (problem, done)
                for part in (problem.entry, problem.field, problem.message):
                    assert isinstance(part, str) and part.strip(), (problem, done)
                assert str(problem) in str(exc)
        else:
            assert isinstance(loaded, FactData)
            assert {c["slug"] for c in loaded.conditions} == set(CONDITIONS)


# What the mutations above found (each crashed the loader with a traceback before it was fixed).
@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("sources.yml", 'reviewed: "05/06/2025"', "reviewed: 2025-13-05"),  # a date that does not exist
        ("facts/als.yml", "topic: definition", "topic: !!bool x"),
        ("facts/als.yml", "topic: definition", "topic: !!int x"),
        ("conditions.yml", "  - slug: motor_neuron\n", "  - slug: motor_neuron\n    1: one\n    two: 2\n"),
        ("conditions.yml", "  - slug: motor_neuron\n", '  - slug: motor_neuron\n    "": empty\n'),
    ],
    ids=["impossible-date", "bad-bool-tag", "bad-int-tag", "number-and-text-keys", "empty-key"],
)
def test_loader_reports_what_used_to_crash_it(tmp_path: Path, file: str, old: str, new: str) -> None:
    root = tmp_path / "facts"
    shutil.copytree(DATA_DIR, root)
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(FactDataError) as exc:
        load_dir(root)
    problems = exc.value.problems
    assert any(p.file == file for p in problems), problems
    assert all(p.entry.strip() and p.field.strip() and p.message.strip() for p in problems), problems
