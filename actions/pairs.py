"""Which two conditions a comparison is about (named, one named and one pointed at, the two listed or talked
about), and the wordings that compare ("how is it different from…", "or something different?", "which
one is worse?")."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from actions import people
from actions.conversation import State
from actions.pointing import mentions_in
from actions.references import MEMBER_OF, resolve
from actions.understanding import Question
from bot.facts import names
from bot.facts.text import normalise
from bot.facts.words import question_part

# "Is X the same as Y?", "is X another name for Y?", "X and Y, same thing?"
SAME = re.compile(
    r"\b(?:same|another name|other name|other word|different name|also called|also known|aka)\b"
    r"|\bwhat (?:they|people|doctors|you|we|some) (?:call|calls)\b"
)
# Words that make a question a comparison even when it was classified as a topic question.
# Asking how two compare as a whole: "do they overlap at all?", "what do they have in common?".
IN_COMMON = re.compile(r"\b(?:overlap|overlaps|overlapping|in common)\b")
COMPARE = re.compile(
    r"\b(?:different (?:from|to|than)|differ|differs|diff|difference|differences|compare|comparing|"
    r"compared? (?:to|with)|"
    r"vs|v|versus|same as|similar to|unlike|or is it|same thing|same (?:condition|illness|disease)|"
    r"same (?:kind|sort|type) of (?:thing|illness|disease)|"
    r"related to|milder|a mild (?:form|version|kind) of|"
    r"separates?|sets? (?:them|it|\w+) apart|tells? (?:them|the two|those two|these two|\w+) apart|distinguish(?:es)?|"
    r"what (?:they|people|doctors|you|we|some) (?:call|calls))\b"
    # "and spinal muscular atrophy is the same?" of the type in focus
    r"|\b(?:als|pls|pma|pbp|sma|mnd|kennedys?|pps|atrophy|sclerosis|palsy|syndrome) (?:is|are) (?:the )?same\W*$"
    # "so is it ALS or not?" of the type in focus: is that one the named one
    r"|\b(?:is|isnt) (?:it|that|this|hers|his) (?:actually |really |just )?(?:als|pls|pma|pbp|sma|kennedys?|pps)"
    r"(?: then)? or not\b"
    r"|\b(?:how (?:is|are|do|does|s)|hows)\b.{0,30}\b(?:different|differ)\b"
    # "is PBP a type of ALS or something different?", "…or a totally different disease?"
    r"|\bor (?:is it )?(?:something|somethin) (?:else|different)\b"
    r"|\bor (?:a |an )?(?:totally |completely |entirely |whole )?(?:different|separate|other) (?:thing|disease|illness|"
    r"condition|one)\b"
    # "the 3rd and 4th sound almost identical, PLS and PMA?"
    r"|\b(?:identical|alike|sound (?:the )?same|sound similar|look (?:the )?same|confusingly similar)\b"
    # "is PMA basically the opposite of PLS?", "are they mirror images?"
    r"|\b(?:the )?(?:opposite|reverse|mirror image) of\b|\bmirror images?\b"
    # "is the first one the faster one?" of two listed
    r"|\bthe (?:faster|quicker|slower|worse|milder|rarer|commoner|deadlier|more (?:common|serious|aggressive)) "
    r"(?:one|of the two)\b"
    # "…and a friend has progressive muscular atrophy. are they the same?"
    r"|\b(?:are|arent) (?:they|the two|these|those|these two|those two|both)(?: \w+)? (?:the )?same\b"
    # "our uncle has PLS and our cousin has SMA. are they related conditions at all?"
    r"|\b(?:are|is) (?:they|the two|these|those|these two|those two|\w+ and \w+) (?:\w+ )?(?:related|linked|connected)"
    r"(?! to\b)\b"
    # "Is ALS generally quicker than post-polio?", "is it quicker or slower than ALS?"
    r"|\b(?:quicker|faster|slower|worse|milder|rarer|commoner|deadlier|longer|shorter|(?:more|less) "
    r"(?:common|serious|aggressive|dangerous|painful|severe|likely))(?: or (?:\w+ )?\w+)? than\b"
    # "is that one as bad as ALS?", "is it as quick as the other one": weighed against another
    r"|\bas (?:bad|serious|quick|fast|slow|common|rare|severe|aggressive|deadly|dangerous|painful) as\b"
    # "do they overlap at all?", "is there any overlap between PMA and PPS?"
    r"|" + IN_COMMON.pattern
)
# "Which one gets worse faster?", "which of the two is more common?": the two just listed, weighed.
WHICH_OF_TWO = re.compile(
    r"\bwhich (?:one|1|of (?:the|those|these|them|the) two|of (?:them|those|these) two|of them|of the pair|is|gets|"
    r"has|goes|moves|affects|starts|progresses|spreads|hits)\b.{0,40}?\b(?:more|less|most|least|worse|worst|"
    r"better|faster|slower|quicker|sooner|earlier|later|commoner|rarer|younger|older|milder|harder|easier)\b"
)
_FRAGMENT = 3
# "The difference between them", "between that and mine": the two talked about last.
CORRECTION_WORDS = re.compile(r"\b(?:sorry|i meant|i mean|typo|oops|my mistake|wrong)\b")
_THAT = re.compile(r"\b(?:to|with|from|than|and|versus|vs) (?:that|that one|it|this|that thing)\b")
GROUPS = ("mnd", "motor_neuron")
_TWO_BACK = re.compile(r"\b(?:them|they|both|those two|these two|the two|mine|his|hers|theirs|yours)\b")


def pair(session: Session, question: Question, state: State) -> list[str]:
    """The two conditions a comparison is about: named, or one named and one pointed at ("that")."""
    slugs = [c for c in dict.fromkeys(question.named) if c != "motor_neuron"]  # motor neurons are no condition
    types = [c for c in slugs if c not in GROUPS]
    if len(types) >= 2:
        slugs = types  # "two of our residents have mnd, one has PBP and the other PLS. can you compare them"
    if len(slugs) == 1 and question.negated and not CORRECTION_WORDS.search(normalise(question.text or "")):
        # "they think I might have PLS not ALS. what's the actual difference?": ALS is the other one.
        slugs.append(question.negated[0])
    places = (
        [int(m) for m in mentions_in(question, asking_only=False) if m.lstrip("-").isdigit()] if question.text else []
    )
    listed = [c for c in state.listed if c]
    if not slugs and len(places) >= 2 and all(-len(listed) <= p < len(listed) for p in places[:2]):
        # "The first one is what dad has. How is it different from the second?": those two of the listing.
        return list(dict.fromkeys(listed[p] for p in places[:2]))
    # ("the 5th one, is it the same as dad's?", "how is that one different from what my husband has?")
    whose = people.pointed_at(question.text, state.people, state.opened) if question.text and not slugs else None
    counted = listed[places[0]] if len(places) == 1 and -len(listed) <= places[0] < len(listed) else None
    if whose is not None and counted is not None and counted not in (whose, *GROUPS):
        return [counted, whose]
    if whose is not None and not places and state.focus not in (None, whose, *GROUPS):
        return [state.focus, whose]  # type: ignore[list-item]
    if not slugs and len(places) == 1 and -len(listed) <= places[0] < len(listed):
        # "Is it the same as the fifth one?": the one in focus and that one of the listing.
        other = listed[places[0]]
        if state.focus and state.focus not in (other, *GROUPS):
            return [state.focus, other]
    if not slugs and len(listed) == 2 and question.text and len(normalise(question.text).split()) <= _FRAGMENT:
        return listed  # "diff?", "differences?" right after two were listed
    if len(slugs) == 1 and question.text and _THAT.search(normalise(question_part(question.text))):
        # "…the same thing Lou Gehrig had. So what's different about PLS compared to that?": "that" is the
        # other type the message named before its question.
        before = [c for c in names.find_conditions(session, question.text) if c not in (*slugs, *GROUPS)]
        if len(before) == 1:
            slugs.append(before[0])
    if slugs == ["mnd"] and MEMBER_OF.search(normalise(question.text or "")):
        return slugs  # "is it a type of MND or something separate?": where the one in focus stands, no comparison
    if len(slugs) < 2:
        # "How are those two different?", "how is that different from ALS?"
        pointed = resolve(session, Question(**{**question.__dict__, "named": []}), state)
        others = [c for c in pointed.conditions if c not in slugs and c not in ("mnd", "motor_neuron")]
        if not slugs and len(others) >= 2:
            slugs = others[:2]
        elif not slugs and others and state.focus and others[0] != state.focus:
            slugs = [state.focus, others[0]]  # "how is it different to the first one?"
        elif slugs and others:
            slugs = [others[0], slugs[0]]
        elif slugs and state.focus == "mnd" and question.pronoun_singular and slugs[0] != "mnd":
            slugs = ["mnd", slugs[0]]  # "what is MND?", then "is it the same as ALS?"
    if len(slugs) < 2 and question.text and _TWO_BACK.search(normalise(question.text)):
        # Nothing listed: the two types talked about last, the one in focus first.
        talked = [c for c in [state.focus, *reversed(state.history)] if c and c not in ("mnd", "motor_neuron")]
        for slug in talked:
            if slug not in slugs and len(slugs) < 2:
                slugs.append(slug)
    return slugs


def listed_pair(state: State) -> list[str]:
    return [c for c in state.listed if c not in ("mnd", "motor_neuron")]


def weighs_listed_pair(question: Question, state: State) -> bool:
    """ "Which one gets worse faster?" right after two conditions were listed or compared."""
    return (
        bool(question.text)
        and len(question.named) < 2
        and len(listed_pair(state)) == 2
        and bool(WHICH_OF_TWO.search(normalise(question.text)))
    )
