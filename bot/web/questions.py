"""Two questions in one message get two answers: "what is ALS and how is it treated?".

Both channels pass each message through :func:`each_question`. A message that asks two or three
questions is handled as that many turns, in order, so each answer has its own payload and the
second question's "it" means what the first one was about; a sentence that only sets the scene
("My son has SMA.") goes with the question after it. Any emergency reply is moved to the front,
after the session's disclaimer. A message with one question is passed on as it is.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.facts.text import HOW_LIKELY, WHICH_ARE_THEY
from bot.facts.vocab import CONDITIONS

MAX_QUESTIONS = 3
_OPENERS = (
    r"(?:how|what|whats|what's|why|is|are|can|could|does|do|did|will|would|who|when|where|which|should|has|have|"
    r"was|were|tell me|explain)"
)
# "..., and how is it treated", "... and is it inherited", "... also, what causes it"
# ("what causes SMA and at what age does it show up": a preposition may come before the question word)
_JOIN = re.compile(
    r"(?:,\s*|\s+)(?:and|also|plus|&|then)\s*,?\s+(?=(?:(?:at|from|in|by|for|on|to|with) (?:what|which|how)\b)|"
    + _OPENERS
    + r"\b)",
    re.IGNORECASE,
)
_QUESTION = re.compile(
    r"^\s*(?:(?:and|so|but|also|ok|okay|oh|well|sorry|please)[,\s]+)*" + _OPENERS + r"\b", re.IGNORECASE
)
_SENTENCE = re.compile(r"(?<=[?.!])\s+")
_PAYLOAD = "/"
# A sentence of these words only ("Ok fine.", "Thanks!", "Right, I see.") before a question just
# acknowledges the last answer: the question is what is asked ("ok fine. so there's no cure?").
# "No" is not among them: "No. What about PLS?" may correct the last answer.
_ACKNOWLEDGING = frozenset(
    "ok okay k fine right alright all thanks thank you thx ty cheers great good cool nice i see got it "
    "understood sure yes yeah yep hmm hm mm oh ah well so wow interesting".split()
)
_WORD = re.compile(r"[a-z]+")


def _acknowledges(sentence: str) -> bool:
    words = _WORD.findall(sentence.lower())
    return bool(words) and len(words) <= 4 and all(w in _ACKNOWLEDGING for w in words)


# A short label before the question: "PPS - who is at risk…", "Kennedy's: is it inherited…".
_LABEL = re.compile(r"^\s*[\w'’ ]{1,40}?\s+[-–:]\s+|^\s*[\w'’]{1,20}:\s*")


# A statement hedged with a question mark: "I was diagnosed yesterday with progressive bulbar palsy I think?"
_HEDGED = re.compile(r"\b(?:i think|i believe|i guess|i reckon|apparently)\W*\?\W*$", re.IGNORECASE)


def _is_question(text: str) -> bool:
    if _HEDGED.search(text) and not _QUESTION.match(text):
        return False
    return text.rstrip().endswith("?") or bool(_QUESTION.match(text)) or bool(_QUESTION.match(_LABEL.sub("", text)))


def _split_sentence(sentence: str) -> list[str]:
    """One sentence asking two questions joined by "and": both halves must read as questions."""
    parts = [p.strip(" ,") for p in _JOIN.split(sentence)]
    if len(parts) < 2 or not _is_question(parts[0]) or any(len(p.split()) < 2 for p in parts):
        return [sentence]
    return parts


# A question that only asks about what came just before: "riluzole?? what is that".
_BACK_REFERENCE = re.compile(
    r"^(?:so |and |ok )?(?:what|whats|what's) (?:is |does )?(?:that|this|it)(?: mean| one)?\W*$", re.IGNORECASE
)
# Whether what was just said is so: "someone said it's the top genetic cause of baby deaths?? is that true".
_IS_IT_SO = re.compile(
    r"^(?:so |and |but |ok )?(?:is|was) (?:that|this|it) (?:actually |really |even )?(?:true|right|correct|a fact|"
    r"a myth)\W*$|^(?:true|really|right)\W*$",
    re.IGNORECASE,
)
_FRAGMENT_WORDS = 3
_TYPE_WORDS = frozenset(CONDITIONS) | {"kennedy"}
# A few words with a question mark and no question word: "MRI?", "nerve conduction?" after "what tests…?" ("and PMA?",
# "what about PLS?" ask again, of something else).
_EXAMPLE = re.compile(r"^(?!(?:and|or|but|so|what|how|plus|also)\b)[\w'’-]+(?: [\w'’-]+){0,2}\s*\?+\s*$", re.IGNORECASE)


def _gives_an_example(question: str) -> bool:
    """Whether ``question`` is a few words that give an example of the question before ("MRI?"), not a question of
    its own ("is it inherited?") or the same question of another type ("PMA?")."""
    words = {w.lower().replace("’", "'").removesuffix("'s") for w in re.findall(r"[\w'’]+", question)}
    return bool(_EXAMPLE.match(question)) and not _QUESTION.match(question) and not words & _TYPE_WORDS


def _merged_back_references(questions: list[str]) -> list[str]:
    """Joins a "what is that?" to the short fragment it is about, which it does not repeat, "is that true?" to
    the claim before it, and "what are the odds?" or "what are they?" to the question before it."""
    merged: list[str] = []
    for question in questions:
        if merged and _BACK_REFERENCE.match(question) and len(merged[-1].split()) <= _FRAGMENT_WORDS:
            merged[-1] = f"{merged[-1]} {question}"
        elif merged and _gives_an_example(question) and merged[-1].rstrip().endswith("?"):
            # "what tests will they do? MRI? nerve conduction?": examples of what was just asked, not questions
            merged[-1] = f"{merged[-1]} {question}"
        elif merged and (_IS_IT_SO.match(question) or HOW_LIKELY.match(question) or WHICH_ARE_THEY.match(question)):
            # the claim and whether it is so are one question; so are a question and how likely it is, and
            # "there are different types?? what are they"
            merged[-1] = f"{merged[-1]} {question}"
        else:
            merged.append(question)
    return merged


def split_questions(text: str) -> list[str]:
    """The questions a message asks, in order (a message with one question comes back whole, unless
    it opens with an acknowledgement, which is left out)."""
    if text.startswith(_PAYLOAD):
        return [text]
    questions: list[str] = []
    pending = ""
    acknowledged = False
    sentences = [s.strip() for s in _SENTENCE.split(text) if s.strip()]
    for number, sentence in enumerate(sentences):
        if not _is_question(sentence):
            if _acknowledges(sentence) and any(_is_question(s) for s in sentences[number + 1 :]):
                acknowledged = True
                continue
            pending = f"{pending} {sentence}".strip()
            continue
        for part in _split_sentence(sentence):
            questions.append(f"{pending} {part}".strip() if pending else part)
            pending = ""
    if pending:
        if not questions:
            return [text]
        questions[-1] = f"{questions[-1]} {pending}"
    questions = _merged_back_references(questions)
    if len(questions) > MAX_QUESTIONS or (len(questions) == 1 and not acknowledged):
        return [text]
    return questions


def _urgent_first(messages: list[dict[str, Any]]) -> None:
    """Move emergency replies to the front (after the disclaimer), keeping the order otherwise."""

    def rank(message: dict[str, Any]) -> int:
        kind = (message.get("custom") or {}).get("kind")
        return 0 if kind == "disclaimer" else 1 if kind == "emergency" else 2

    messages[:] = sorted(messages, key=rank)


def each_question(
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
) -> Callable[[UserMessage], Awaitable[Any]]:
    """Wrap a channel's message handler so that a message asking several questions gets every answer."""

    async def handler(message: UserMessage) -> Any:
        text = message.text or ""
        parts = split_questions(text)
        if len(parts) < 2:
            if parts == [text]:
                return await on_new_message(message)
            # One question after an acknowledgement: the question is understood, the whole
            # message is kept with the turn (metadata "said").
            return await on_new_message(
                UserMessage(
                    parts[0],
                    message.output_channel,
                    message.sender_id,
                    input_channel=message.input_channel,
                    metadata={**(message.metadata or {}), "said": text},
                )
            )
        collector = message.output_channel
        before = len(collector.messages) if isinstance(collector, CollectingOutputChannel) else None
        result = None
        for number, part in enumerate(parts, 1):
            metadata = {**(message.metadata or {}), "question": {"part": number, "of": len(parts)}}
            result = await on_new_message(
                UserMessage(
                    part,
                    collector,
                    message.sender_id,
                    input_channel=message.input_channel,
                    metadata=metadata,
                )
            )
        if before is not None:
            replies = collector.messages[before:]
            _urgent_first(replies)
            collector.messages[before:] = replies
        return result

    return handler
