"""Words as the fact search sees them: lower case, stemmed, stop words dropped, synonyms joined.

The same function reads the facts when the store is built (bot/facts/loader.py writes each fact's
search terms) and the person's question at answer time (bot/facts/ranking.py), so both sides
always agree. Stemming is snowballstemmer's English (Porter 2) stemmer: "swallowing" and
"swallow" meet, as do "hands" and "hand". Word groups from data/facts/words.yml join different
words for one idea ("speak", "speech", "talk"): a term in a group also stands for the group
("~3"), so a question and a fact that use different words of one group still meet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer

from bot.facts.text import HOW_LIKELY, normalise

# Words that say nothing about what is asked. Question words, negations and pronouns are
# dropped too: the topic and the condition carry that part of a question.
STOP_WORDS = frozenset(
    """
    a about above after again against all am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her
    here hers herself him himself his how i if in into is it its itself just me more most my myself no nor
    not now of off on once only or our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too under until up
    very was we were what when which while who whom why will with would you your yours yourself yourselves
    im ive id youre hes shes its theyre dont doesnt didnt isnt arent wasnt cant wont also get gets got
    please pls plz thanks thank tell know want like really much many lot lots bit something anything thing
    things one ones say says said mean means go goes going ever even still yet whats hows wheres
    whos thats theres heres lets define definition explain explained meaning word words term terms
    actually usually normally simply plain english basically anyone someone somebody people person
    yeah yes yep yup no nope ok okay right eh hey hi hello hiya oh ah um er well wait sorry lol
    wat wot u r ur n ya im idk tho oops whoops meant typo typos autocorrect autocorrected spellcheck
    misspelled misspelt ugh argh doh considered counted classed classified regarded mr mrs ms mx
    daft silly stupid dumb somehow maybe perhaps possibly honestly literally genuinely push pushing pushed
    anymore practically dense think believe reckon guess apparently rubbish nonsense
    """.split()
)
# Phrases that only add weight to a question: "what is a motor neuron in the first place?" asks nothing about firsts.
_FILLERS = re.compile(r"\b(?:in the first place|to begin with|to start with|for starters|at the end of the day)\b")
# What the ones asked about are not: "what causes the ones that aren't inherited?" asks nothing about inheriting.
_NOT_WHAT = re.compile(
    r"\b((?:ones?|types?|kinds?|cases?|forms?|sorts?) (?:that|which) "
    r"(?:arent|are not|isnt|is not|dont|do not|doesnt|does not|werent|were not) )(?:\w+ly )?\w+"
)
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


class Vocabulary:
    """Word groups: which group each stem (or stemmed phrase) belongs to."""

    def __init__(self, groups: Iterable[Iterable[str]] = ()) -> None:
        self.single: dict[str, set[str]] = {}
        self.phrases: dict[tuple[str, ...], set[str]] = {}
        for number, group in enumerate(groups):
            key = f"~{number}"
            for member in group:
                stems = tuple(stem(w) for w in normalise(member).split())
                if len(stems) == 1:
                    self.single.setdefault(stems[0], set()).add(key)
                elif stems:
                    self.phrases.setdefault(stems, set()).add(key)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[int, str]]) -> Vocabulary:
        """From (group number, word) rows as the store keeps them."""
        groups: dict[int, list[str]] = {}
        for number, word in rows:
            groups.setdefault(number, []).append(word)
        return cls(groups[n] for n in sorted(groups))

    def terms(self, text: str) -> list[str]:
        """The search terms of ``text``: its stems, plus the group of every word or phrase in a group."""
        words = _NOT_WHAT.sub(r"\1", _FILLERS.sub(" ", normalise(text))).split()
        stems = [stem(w) for w in words]
        found: list[str] = [s for s, w in zip(stems, words, strict=True) if _meaningful(w)]
        for i, s in enumerate(stems):
            found.extend(self.single.get(s, ()))
            for phrase, keys in self.phrases.items():
                if tuple(stems[i : i + len(phrase)]) == phrase:
                    found.extend(keys)
        return found


def _meaningful(word: str) -> bool:
    return word.isdigit() or (word not in STOP_WORDS and len(word) > 1)


# Asking which types there are: "what the different types are", "how many kinds are there".
TYPES_ASKED = re.compile(
    r"\b(?:different|various|main|all the) (?:types|kinds|forms|sorts)\b"
    r"|\b(?:what|which) (?:types|kinds|forms|sorts) (?:are there|exist|of (?:it|mnd|motor \w+ disease) are there)\b"
    r"|\bhow many (?:types|kinds|forms|sorts)\b"
)
# Clauses of a message: "Sorry, not PLS - PMA. Will it spread?" has three.
CLAUSES = re.compile(r"[.?!,;:]+|\s[-–]+\s")
# A question sentence this short ("does it?") is read with the sentence before it.
SHORT_QUESTION = 4
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")
QUESTION_START = re.compile(
    r"^(?:(?:and|so|but|also|ok|okay|right|well|sorry|please|pls|anyway)\s+)*"
    r"(?:what|whats|which|who|whos|why|how|hows|when|where|is|are|does|do|can|could|will|would|should|has|have|"
    r"did|was|were|any|tell|explain|describe|define)\b"
)


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, in order."""
    return [s.strip() for s in _SENTENCES.split(text) if s.strip()]


def asks(sentence: str) -> bool:
    """Whether a sentence asks something: a question mark, or the words a question starts with."""
    return sentence.rstrip().endswith("?") or bool(QUESTION_START.match(normalise(sentence)))


# A short question that asks its own thing ("what causes it?"), unlike "does it?" or "why?" about the sentence before.
_WH_START = re.compile(
    r"^(?:and |so |but |then )?(?:(?:what|whats|which|who|whos|how|hows|when|where|wheres) \w+ \w+"
    # "whats pma?" names what it asks about ("whats that?" leans on the sentence before)
    r"|(?:whats|whos|hows|wheres) (?!(?:it|that|this|those|these|them|they|he|she)\b)\w+)"
)


# Saying which comes first before asking, with a dash or colon: "starting with her - what does PBP affect?",
# "first off: …", "next, the gentleman - …". Not part of what is asked.
_ORDERING = re.compile(
    r"^\s*(?:(?:ok|okay|right|so)[,\s]+)?(?:starting|beginning|to start|first|firstly|first of all|first off|next|"
    r"now|then|secondly|lastly)(?: (?:with|of all|off|up))?(?: (?:her|him|them|mine|the \w+|my \w+|his \w+|her \w+))?"
    r"\s*[-–—:]\s*",
    re.IGNORECASE,
)


# Said after a question to be kind, not to say what it means: "sma symptoms?? pls help".
_COURTESY = frozenset("help thanks thank cheers ta x xx xxx please pls plz ty".split())
_POINTS_BACK = re.compile(r"\b(?:that|this|it|those|these)\b")
# "why does that happen", "how come it's getting worse": why the sign said before comes (as the opening of a
# sentence; WHY_IT_HAPPENS: as the whole sentence)
WHY_IT_HAPPENS_OPENING = re.compile(
    r"^(?:so |and |but |ok )?(?:why|how come) (?:does|do|is|would|did|has) (?:that|this|it) (?:\w+ )?"
    r"(?:happen|happening|happened|start|started|get worse|getting worse|do that|do this|doing that|doing this)\b"
)
WHY_IT_HAPPENS = re.compile(WHY_IT_HAPPENS_OPENING.pattern + r"\W*$")
# Asking whether a claim is true: "is that actually true?", "true or not?" (the claim is what is asked).
IS_IT_TRUE = re.compile(
    r"\b(?:is|was) (?:that|it|this) (?:actually |really |even |definitely )?(?:true|right|correct|a fact|a myth)\b"
    r"|\btrue or (?:not|false|rubbish|nonsense|myth)\b"
)


def question_part(text: str) -> str:
    """The sentence of a longer message that asks the question: the last one ending in "?" or
    starting like a question, else the last one. A one-sentence message is returned whole."""
    parts = sentences(text)
    if len(parts) <= 1:
        return text
    for index in range(len(parts) - 1, -1, -1):
        sentence = _ORDERING.sub("", parts[index]) or parts[index]
        if asks(sentence):
            plain = normalise(sentence)
            short = len(plain.split()) < SHORT_QUESTION
            # ("someone said it's the top genetic reason babies die. is that actually true": the claim is asked)
            claim = IS_IT_TRUE.search(plain) and len(plain.split()) <= SHORT_QUESTION + 2
            if index > 0 and (short and not _WH_START.match(plain) or HOW_LIKELY.match(plain) or claim):
                return f"{parts[index - 1]} {sentence}"  # "... his thinking. does it?" (not "what causes it?")
            # ("he struggles to swallow now. why does that happen?": why the sign in the sentence before comes)
            happens = WHY_IT_HAPPENS.match(plain)
            wordless = not set(plain.split()) - STOP_WORDS
            if index > 0 and not short and _POINTS_BACK.search(plain) and (happens or wordless):
                # "…is struggling to swallow now. What do they usually do about that?": "that" is the sentence before
                return f"{parts[index - 1]} {sentence}"
            said_after = set(normalise(parts[-1]).split())
            meaning = said_after - STOP_WORDS - _COURTESY
            if index == len(parts) - 2 and len(said_after) < SHORT_QUESTION and meaning:
                # "and the rest of the list? the later symptoms": a few words after the question say what it means
                return f"{sentence} {parts[-1]}"
            return sentence
    return parts[-1]


def asking_clauses(text: str) -> str:
    """The clauses of ``text`` that ask something ("quick one for my anatomy module: where are motor neurons?"
    -> "where are motor neurons?"); the whole text when none or all of them do."""
    clauses = [c.strip() for c in CLAUSES.split(text) if c.strip()]
    asking = [c for c in clauses if asks(c)]
    return " ".join(asking) if asking else text


# People a question is about, and the one word each is kept under (actions/people.py). Never a detail
# asked about: "my client", "our resident" are who, not what.
RELATIVES = {
    "mum": "mum", "mom": "mum", "mother": "mum", "mam": "mum", "mummy": "mum", "mommy": "mum", "ma": "mum",
    "dad": "dad", "father": "dad", "daddy": "dad", "papa": "dad", "pa": "dad",
    "husband": "husband", "hubby": "husband", "wife": "wife", "partner": "partner",
    "boyfriend": "partner", "girlfriend": "partner", "fiance": "partner", "fiancee": "partner",
    "son": "son", "daughter": "daughter", "boy": "son", "girl": "daughter", "baby": "baby",
    "brother": "brother", "sister": "sister", "grandad": "grandad", "grandpa": "grandad",
    "grandfather": "grandad", "gran": "gran", "granny": "gran", "grandma": "gran", "nan": "gran",
    "nana": "gran", "grandmother": "gran", "uncle": "uncle", "aunt": "aunt", "auntie": "aunt",
    "aunty": "aunt", "cousin": "cousin", "friend": "friend", "neighbour": "neighbour",
    "neighbor": "neighbour", "niece": "niece", "nephew": "nephew", "client": "client", "patient": "patient",
    "resident": "resident", "grandson": "grandson", "granddaughter": "granddaughter", "grandchild": "grandchild",
    "grandkid": "grandchild", "gentleman": "client", "gent": "client", "lady": "client", "chap": "client",
    "bloke": "client", "fella": "client",
}  # fmt: skip
