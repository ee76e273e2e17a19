"""The emergency detector: is someone in danger NOW, and of what kind?

Two layers, so that neither alone decides everything:

1. Red-flag patterns (data/safety/red_flag_patterns.yml): wordings that say plainly that someone
   is in danger now ("he can't breathe", "I want to end my life"). They are the floor: a match is
   an emergency unless a cue says the words are not about danger now (bot/safety/cues.py: an event
   that is over, a plan, a general question, figurative speech, a negated opening, a long-standing
   change) and the model agrees; then it becomes a safety note.
2. A linear model (multinomial logistic regression) over words, word pairs, character n-grams of
   words and the cues, trained on hundreds of emergencies of every kind and hundreds of
   look-alikes (data/safety/emergencies/*.jsonl) plus the bot's ordinary training questions as
   non-emergencies. It catches wordings no pattern lists ("his chest is sucking in"), but decides
   alone only when the message has words of the kind of danger it found (bot/safety/danger.py):
   "it all started with her dropping cups" is not a carer in crisis, however the words lean.

The verdict: ``emergency`` (the emergency reply comes first), ``note`` (answer normally, with one
line first: "If this is happening right now, call…") or ``none``. Prediction is pure Python and
NumPy over precomputed arrays: no model is loaded per message.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from bot.facts.text import TEXT_SPEAK
from bot.safety.cues import DEFUSING, URGENT, cues, negated_before, prepare, sentence_at, tokens
from bot.safety.danger import danger_kinds
from bot.safety.model import LinearModel, vectorise

ROOT = Path(__file__).resolve().parents[2]
PATTERNS_FILE = ROOT / "data" / "safety" / "red_flag_patterns.yml"
NONE = "none"
KINDS = ("breathing", "choking", "swallowing", "fall", "stroke", "chest_pain", "weakness", "self_harm", "carer_crisis")

# Words that stand for a class of words, so "my nan can't breathe" looks like "my mum can't breathe".
_PEOPLE = (
    "mum mom mam mummy mommy dad daddy husband hubby wife son daughter baby boy girl child kid partner "
    "brother sister grandad granddad grandpa grandma gran nan nana uncle aunt auntie friend patient "
    "neighbour neighbor client resident toddler newborn infant"
)
_CONDITIONS = "als mnd mnds pls pma pbp sma kennedys kennedy pps polio"
_CLASSES = {"@person": frozenset(_PEOPLE.split()), "@cond": frozenset(_CONDITIONS.split())}


@dataclass(frozen=True)
class Verdict:
    """What the detector decided about one message."""

    level: str  # "emergency", "note" or "none"
    kind: str | None  # one of KINDS, or None
    probability: float  # the model's probability that this is an emergency
    source: str  # "pattern", "model" or ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "kind": self.kind,
            "probability": round(self.probability, 4),
            "source": self.source,
        }


NO_DANGER = Verdict("none", None, 0.0, "")


def features(text: str) -> tuple[list[str], set[str]]:
    """The model's features of a message (with repeats), and the cues it raises."""
    prepared = prepare(text)
    # Text-speak as the words it stands for ("hw do i help her wen…" reads as "how do i help her when…").
    words = [TEXT_SPEAK.get(word, word) for word in tokens(prepared)]
    found = cues(prepared)
    feats: list[str] = [f"q:{name}" for name in sorted(found)]
    shown = []
    for word in words:
        shown.append(word)
        for name, members in _CLASSES.items():
            if word in members:
                shown[-1] = name
                feats.append(f"w:{word}")
        feats.append(f"w:{shown[-1]}")
        padded = f"<{word}>"
        if len(word) > 2 and word != "?":
            for n in (3, 4, 5):
                feats.extend(f"c:{padded[i : i + n]}" for i in range(len(padded) - n + 1))
    feats.extend(f"b:{a}_{b}" for a, b in zip(shown, shown[1:], strict=False))
    if len(words) <= 3:
        feats.append("q:short")
    return feats, found


# --- patterns ------------------------------------------------------------------------------------


def load_patterns(path: Path = PATTERNS_FILE) -> dict[str, list[re.Pattern[str]]]:
    """Compiled red-flag patterns by kind, with ``{people}`` filled in (they match prepared text)."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    people = doc.get("people", "")
    unknown = set(doc["patterns"]) - set(KINDS)
    if unknown:
        raise ValueError(f"{path}: unknown red-flag kinds {sorted(unknown)}")
    return {kind: [re.compile(p.replace("{people}", people)) for p in items] for kind, items in doc["patterns"].items()}


def pattern_match(prepared: str, patterns: dict[str, list[re.Pattern[str]]]) -> tuple[str, int] | None:
    """The kind and position of the first red-flag pattern that matches, not right after a negation."""
    for kind, compiled in patterns.items():
        for pattern in compiled:
            for match in pattern.finditer(prepared):
                if not negated_before(prepared, match.start()):
                    return kind, match.start()
    return None


def pattern_kind(text: str, patterns: dict[str, list[re.Pattern[str]]]) -> str | None:
    """The kind of the first red-flag pattern that matches, not right after a negation, or None."""
    found = pattern_match(prepare(text), patterns)
    return found[0] if found else None


# --- the model -----------------------------------------------------------------------------------


def train_model(texts: Sequence[str], labels: Sequence[str], *, c: float = 4.0, min_count: int = 2) -> LinearModel:
    """Fit the model; labels are NONE or one of KINDS."""
    from sklearn.linear_model import LogisticRegression

    rows = [features(t)[0] for t in texts]
    counts = Counter(f for feats in rows for f in set(feats))
    vocabulary = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    classes = [NONE, *sorted({label for label in labels if label != NONE})]
    target = np.asarray([classes.index(label) for label in labels])
    model = LogisticRegression(C=c, max_iter=5000, random_state=0)
    model.fit(vectorise(rows, vocabulary), target)
    coef = np.zeros((len(vocabulary), len(classes)))
    intercept = np.zeros(len(classes))
    for column, cls in enumerate(model.classes_):
        coef[:, cls] = model.coef_[column]
        intercept[cls] = model.intercept_[column]
    return LinearModel(vocabulary, coef, intercept, classes)


# --- the detector --------------------------------------------------------------------------------

# Model probability of an emergency at or above which the model alone decides "emergency",
# and at or above which a message gets a safety note. Chosen by leaving out each writer's wordings
# in turn and scoring them with a model trained on the others (bench/safety_cv.py).
EMERGENCY_AT = 0.5
NOTE_AT = 0.2
# A message of one or two words ("breathing", "choking?") is a topic as often as a cry for help:
# the model alone must be this sure.
SHORT_MESSAGE_AT, SHORT_MESSAGE_WORDS = 0.85, 2
# With no word of danger at all, the model must be this sure (and the message this long).
NO_DANGER_WORD_AT, NO_DANGER_WORD_MIN_WORDS = 0.9, 4
# A pattern hit, or the model's, that a cue defuses stays an emergency if the model is this sure.
DEFUSED_EMERGENCY_AT = 0.8
# Thoughts of suicide and a carer's fear are not defused by "since the diagnosis", a question or
# a plan: only by an event that is over, a denial or figurative speech.
_STRICT = {"self_harm", "carer_crisis"}
_STRICT_DEFUSING = frozenset({"past", "resolved", "negated", "figurative"})
# Cues that settle it whatever the model says: it is over and fine, it is about people in general,
# it is denied, or it is a figure of speech.
_SETTLED = frozenset({"resolved", "general", "negated", "figurative"})
# A message that opens by supposing: "if he stops breathing one night…", "what if she chokes…".
_SUPPOSING = re.compile(r"^(?:(?:and|but|so|ok|sorry)\s+)?(?:if|what if|in case|just in case)\b")
# Said of today: the words of danger may be about now.
_TODAY = re.compile(
    r"\b(?:today|tonight|this (?:morning|afternoon|evening|week)|since (?:this morning|lunch|breakfast|yesterday)|"
    r"all day|(?:the )?(?:last|past) (?:few|couple of|two|three) days)\b"
)
# Someone saying they have the danger sign themselves, now ("I've got a tight chest, probably just my
# cold. Does MND make chest infections worse?"): asked as a topic, but maybe now, so a note.
_OWN_NOW = re.compile(r"\b(?:ive got|i have got|ive been having|im having|i am having|i have a|ive a)\b")
# Thoughts or fears said in the present ("I'm frightened", "I keep thinking"): not over, whatever came before.
_FEELING_NOW = re.compile(r"\b(?:im|i am|i feel|i keep|i cant stop|i still|im still|im getting|im becoming)\b")


class Detector:
    """Patterns as the floor, the model for everything else (see the module docstring)."""

    def __init__(self, model: LinearModel, patterns: dict[str, list[re.Pattern[str]]]) -> None:
        self.model = model
        self.patterns = patterns

    def probability(self, text: str) -> tuple[float, str | None, set[str]]:
        """The model's probability of an emergency, its likeliest kind, and the cues raised."""
        feats, found = features(text)
        probs = self.model.probabilities(feats)
        kind = self.model.classes[1 + int(np.argmax(probs[1:]))] if len(probs) > 1 else None
        return float(1.0 - probs[0]), kind, found

    def assess(self, text: str) -> Verdict:
        if not text or text.startswith("/"):
            return NO_DANGER  # a button's payload
        p, model_kind, found = self.probability(text)
        prepared = prepare(text)
        # "She's struggling to eat now. What options are there if she can't swallow anymore?": a difficulty that
        # goes on and a question about what comes next; "now" there is these days, unless the model is sure.
        # "If he stops breathing in his sleep one night, do we ring an ambulance?": a question about a time that may
        # come, asked as one from its first word.
        supposing = "plan" in found and bool(_SUPPOSING.match(prepare(text)))
        looking_ahead = {"ongoing", "plan"} <= found or supposing
        looking_ahead = looking_ahead and "sudden" not in found and p < DEFUSED_EMERGENCY_AT
        urgent = bool(found & URGENT) and not looking_ahead
        hit = pattern_match(prepared, self.patterns)
        if hit is not None:
            kind, start = hit
            # Cues count where they are: in the sentence of the danger words (a plan, a question, the
            # past), or from there on ("he choked at lunch. he's fine now").
            local = cues(sentence_at(prepared, start))
            later = cues(prepared[start:])
            defusing = _STRICT_DEFUSING if kind in _STRICT else DEFUSING
            if kind in _STRICT and _FEELING_NOW.search(prepared[max(0, start - 15) : start + 40]):
                # "Last night I shook the cot and I'm frightened I'll hurt her": the fear is now.
                local, later = local - {"past"}, later - {"past"}
            settled = bool((local | later) & _SETTLED) and not urgent
            defused = (bool(local & defusing) and not urgent) or settled
            if not defused or (p >= DEFUSED_EMERGENCY_AT and not settled):
                return Verdict("emergency", kind, p, "pattern")
            return Verdict("note", kind, p, "pattern")
        present = danger_kinds(prepared)
        dangerous = bool(present)
        words = len(tokens(prepared))
        needed = SHORT_MESSAGE_AT if words <= SHORT_MESSAGE_WORDS else EMERGENCY_AT
        if found & DEFUSING and not urgent:
            needed = max(needed, DEFUSED_EMERGENCY_AT)
        if found & (_SETTLED | {"feared_illness", "feared_future", "prognosis", "help_called"}) and not urgent:
            # Over and fine, about people in general, denied or figurative, or the fear of getting the illness
            # a relative had with no danger phrase: a note at most.
            needed = 1.01
        if "signing_off" in found:
            return Verdict("none", None, p, "")  # thanks and goodbye to the chat, nothing else ("…goodbye now")
        if "correcting" in found and not urgent:
            # "sorry not her arms, i meant her chewing": a correction of the question, with no danger
            # phrase the patterns know; body words alone are not news of danger.
            return Verdict("none", None, p, "")
        # ("she keeps dropping cups and her right hand has gone weak": weakness that came on over time is no sign of a
        # stroke, which comes on suddenly)
        gradual_weakness = model_kind == "stroke" and "sudden" not in found
        named = model_kind in present or (p >= NO_DANGER_WORD_AT and words >= NO_DANGER_WORD_MIN_WORDS)
        if p >= needed and named and not gradual_weakness:
            return Verdict("emergency", model_kind, p, "model")
        today = bool(_TODAY.search(prepared))
        over_today = today and not found & (_SETTLED - {"resolved"})  # "fell this morning, got up ok"
        own_now = "topic" in found and bool(_OWN_NOW.search(prepared)) and not found & _SETTLED
        # "Now" or "this week" beside a word of danger may be news of danger; the words of self-harm and a carer's
        # crisis are everyday words ("will", "might", "here") that the model must hear as danger itself
        # ("he's really slow with meat now", "the weather in cleveland this week, we might go to the clinic").
        bodily = present - _STRICT
        # (nor is weakness "now" as in these days: "had polio as a kid, now getting weak again"; weaker "this week"
        # than last may be news)
        lasting = bodily - ({"weakness"} if "sudden" not in found else set())
        now_said = (urgent and bool(lasting)) or (today and bool(bodily))
        over_today = over_today and bool(bodily)
        if dangerous and (p >= NOTE_AT or (now_said and not found & _SETTLED) or over_today or own_now):
            # Danger words said of today ("coughing on his drinks all day today"), even when it is over,
            # or of oneself now: maybe now, so a note.
            return Verdict("note", model_kind, p, "model")
        return Verdict("none", None, p, "")

    # --- persistence ---------------------------------------------------------------------------

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        np.savez(directory / "detector.npz", coef=self.model.coef, intercept=self.model.intercept)
        meta = {"classes": self.model.classes, "vocabulary": self.model.vocabulary}
        (directory / "detector.json").write_text(json.dumps(meta), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path, patterns_file: Path = PATTERNS_FILE) -> Detector:
        meta = json.loads((directory / "detector.json").read_text(encoding="utf-8"))
        with np.load(directory / "detector.npz") as arrays:
            model = LinearModel(meta["vocabulary"], arrays["coef"], arrays["intercept"], meta["classes"])
        return cls(model, load_patterns(patterns_file))
