"""Reading a follow-up: whether it only re-asks the last question about another condition ("and PLS?",
"sorry, I meant PMA"), whether it corrects the last question, and which topic it asks about ("the
second one, what age?", "and the brainstem one?", "is that the fast one?")."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from actions.conversation import State
from actions.descriptions import describes, describing
from actions.first import CORRECTION, I_MEAN, I_MEANT, asks_meaning
from actions.pointed_topic import POINTED, pointed_topic
from actions.pointing import mentions_in
from actions.targets import Targets
from actions.understanding import Question
from actions.words_asked import WHAT_IS_IT
from bot.facts import across, names
from bot.facts.text import normalise
from bot.facts.words import asks, question_part, sentences
from bot.mentions import strip_mentions

# Words that, around a name and nothing else, ask the last question again about it.
_FOLLOW_UP_WORDS = frozenset(
    "what about how and does do did the same same for then too also instead so ok okay oh ah wait sorry no not "
    "i meant mean it typed wrong my bad one please pls thanks is that with isnt of them those among either "
    # "and PMA is the other one like that, isn't it?"
    "other another like right yeah true as well "
    # "is there one like that for PLS as well?"
    "there any "
    # "where does PLS fit in?", "and the PLS gentleman?"
    "where fit in into gentleman lady resident man woman patient client chap bloke guy fella person".split()
)
# ("so ALS isnt one of them?" after a listing re-asks what the listing answered, about ALS)
_FOLLOW_UP_CUES = frozenset("about same meant mean instead and too also typed them those fit well".split())


def only_a_name(session: Session, text: str) -> bool:
    """Whether ``text`` is a name with only follow-up words around it ("and PLS?", "i meant PMA")."""
    words = names.without_condition_names(session, text).split()
    if "mean" in words and not {"i", "meant"} & set(words):
        return False  # "what does ALS mean?" asks what it is
    return bool(words) and set(words) <= _FOLLOW_UP_WORDS and bool(set(words) & _FOLLOW_UP_CUES)


def picks_a_choice(question: Question, state: State) -> bool:
    """ "Which one do you mean? (PMA or SMA)", then "progressive i think. progressive muscular something": one of
    the choices named, asking nothing else (the question asked is about the one picked)."""
    return (
        state.listed_kind == "choices"
        and len(question.named) == 1
        and question.named[0] in state.listed
        and bool(question.text)
        and not any(map(asks, sentences(question.text)))
    )


def opens_with_a_name(session: Session, question: Question, state: State) -> bool:
    """A first question that is only a name ("ALS", "MND?"): what it is, however the classifier read it."""
    return (
        bool(question.text)
        and state.topic is None
        and len(question.named) == 1
        and not names.without_condition_names(session, question.text).split()
    )


def corrects_last_question(question: Question, state: State) -> bool:
    """A correction of the last question's condition or topic ("sorry, I meant PBP", "it typed wrong, I meant
    inherited", "it wrote police, I mean polio"): that question again, not a word to explain."""
    plain = normalise(question.text) if question.text else ""
    if state.topic and _SAME_QUESTION.search(plain) and _points(question):
        return True  # "wait no, they changed it, they think its ALS now. same question"
    if not (state.topic and CORRECTION.search(plain)) or asks_meaning(question, I_MEAN.sub(" ", plain)):
        return False  # "sorry, what does inherited mean?" asks for the word
    return _points(question) or bool(_TOPIC_WORD.search(normalise(question.text)))


def _points(question: Question) -> bool:
    """Whether a message names or points at a condition ("PBP", "the sixth", "the babies one")."""
    named = [c for c in question.named if c != "motor_neuron" or not question.neuron_kind]
    return bool(named or mentions_in(question) or describes(question.text))


def is_follow_up(session: Session, text: str) -> bool:
    """A message that only re-asks the last question ("and PLS?", "sorry, I meant PMA")."""
    return only_a_name(session, text) or bool(CORRECTION.search(normalise(text)))


# "What else is part of it?": more of the last answer's topic, not a new question.
ELSE = re.compile(r"\b(?:else|other|more)\b")


def asks_for_the_rest(question: Question, state: State) -> bool:
    """Whether ``question`` asks for more on the topic just answered ("what else is part of it?")."""
    return bool(
        question.text
        and state.topic
        and not question.named
        and question.worded_topic == state.topic
        and ELSE.search(normalise(strip_mentions(question.text)))  # not "the other one, does it…"
    )


def narrows_last_question(session: Session, question: Question, state: State) -> bool:
    """Whether a remark that asks nothing says which type the last question, asked about MND in general,
    was about: "Was it something in the water?" then "It was the bulbar one he had."."""
    from bot.facts.ranking import index_for

    if not (question.text and state.topic and state.focus == "mnd") or any(map(asks, sentences(question.text))):
        return False
    specific = [c for c in question.named if c not in ("mnd", "motor_neuron")]
    rest = describing(names.without_condition_names(session, question.text))
    described = rest != normalise(names.without_condition_names(session, question.text))
    return len(specific) + described == 1 and not index_for(session).terms(rest)


# How a condition was pointed at when its topic is the conversation's, not the pointing words'.


# Words that name a topic outright, for corrections ("no, I meant the symptoms").
_TOPIC_WORD = re.compile(
    r"\b(?:(?P<treatment>treatments?|cures?|medicines?|medications?|meds|therapy|therapies|physio\w*|exercises?)"
    r"|(?P<symptoms>symptoms?|signs)"
    r"|(?P<causes>causes?|caused)"
    r"|(?P<inheritance>inherited|inheritance|genetic|hereditary|passed down)"
    r"|(?P<diagnosis>diagnosed|diagnosis|tests?|testing)"
    r"|(?P<outlook>outlook|prognosis|life expectancy|lifespan|life span|survival)"
    r"|(?P<upper_lower>neurons?|neurones?))\b"
)
# A correction asks another question only when the classifier is at least this sure of its topic.
CORRECTED_OWN_TOPIC = 0.4
# A follow-up's own topic wins over the last one when the classifier is at least this sure of it
# and the follow-up says more than which condition ("the second one, what age?").
OWN_TOPIC = 0.4


# A word or two and "too": "reflexes too?", "and the arms as well?": the last question, about that as well.
_TOO = re.compile(r"^(?:and |what about |how about )?(?:the |their |his |her )?\w+(?: \w+)? (?:too|as well|also)\W*$")
# "Same question", "same again": the last question, about the one now meant.
_SAME_QUESTION = re.compile(r"\bsame (?:question|thing|again|q|qu)\b")


# "Is it the one that starts in the legs?", "is that the fast one?"
SHORT_ATTRIBUTE = 5
_WHAT_IS_POINTED = re.compile(r"^(?:and |so |ok |but )?(?:what s|whats|what is|what was|which is) (?:the|that)\b")
_MORE_ABOUT = re.compile(r"\b(?:more|a bit more|a little more) (?:about|on) (?:the |that |this )?(\w+(?: \w+)?)")
# "Is it inherited?", then "and what about my daughters?": the same question, about them.
ABOUT_FAMILY = re.compile(
    r"^(?:and |so |but |ok )?(?:and )?(?:what|how) about (?:my|our|his|her|their|the) (?:\w+ )?(?:sons?|daughters?|"
    r"kids?|child|children|boys?|girls?|grandchildren|grandkids|grandsons?|granddaughters?|brothers?|sisters?|"
    r"siblings|cousins?|family|relatives)(?: then| too)?$"
)


# A group of people alone: "kids?", "and women?", "what about teenagers?".
_PEOPLE_ALONE = re.compile(
    r"^(?:and |so |but |ok |what about |how about )*(?:in )?(?:the )?(?:kids?|children|child|babies|baby|infants?|"
    r"teenagers|teens|young people|younger people|women|men|females|males|adults|older people|old people|"
    r"the elderly|elderly people)(?: then| too| as well)?\W*$"
)
_ABOUT_PEOPLE = ("risk_factors", "inheritance")


def names_people_only(question: Question, state: State) -> bool:
    """ "Kids?", "and teenagers?" after who gets it or whether it is passed on: the same question about them."""
    return bool(question.text) and state.topic in _ABOUT_PEOPLE and bool(_PEOPLE_ALONE.match(normalise(question.text)))


def also_asked(question: Question, state: State) -> bool:
    """ "Reflexes too?", "and the arms as well?": the last question again, about a word or two more."""
    return bool(state.topic and question.text and not question.named and _TOO.match(normalise(question.text)))


def topic_named(question: Question) -> str | None:
    """The topic "tell me more about the inherited bit" names, if it names one; read as agreeing ("exercise
    ok?"), the topic its words name."""
    text = normalise(question.text) if question.text else ""
    more_about = _MORE_ABOUT.search(text)
    about = more_about.group(1) if more_about else (text if question.intent == "affirm" else "")
    named = _TOPIC_WORD.search(about) if about else None
    return next(topic for topic, word in named.groupdict().items() if word) if named else None


def follow_up_topic(session: Session, question: Question, state: State, targets: Targets) -> str | None:
    """The topic of a follow-up: its own, if it asks one; what described the condition ("is it the one
    that starts in the legs?"); what a listing's item is (after a listing); else the last topic."""
    from bot.facts.ranking import index_for

    if targets.via == "chosen" and state.topic:
        return state.topic  # "progressive i think, not spinal" picks one of the choices for the last question
    own = max(question.topic_weights.items(), key=lambda kv: kv[1], default=(None, 0.0))
    # What is asked, without the words that point ("the first one") or describe ("the hands one").
    rest = describing(strip_mentions(question_part(question.text))) if question.text else ""
    if targets.asked is not None:
        rest = describing(strip_mentions(question_part(targets.asked)))
    says_more = bool(index_for(session).terms(rest))
    if question.text and state.topic and question.named and only_a_name(session, question.text):
        return state.topic  # "and PLS?", "does PMA do the same?"
    if question.text and state.topic and ABOUT_FAMILY.match(normalise(question.text)):
        return state.topic
    if names_people_only(question, state):
        return state.topic  # "kids?" after "what age do people get it?": who gets it, not whether it is passed on
    if also_asked(question, state):
        return state.topic  # "reflexes too?" after what motor neurons do: whether they do that as well
    named_topic = topic_named(question)
    if named_topic is not None:
        return named_topic  # "tell me more about the inherited bit"
    by_grammar = pointed_topic(session, question, targets)
    if by_grammar is not None:
        return by_grammar
    if question.worded_topic:
        return question.worded_topic  # "the 2nd one, what does it do to you?": its effects, by the wording
    # "Sorry, I meant PMA", "so sorry, I counted wrong, it is the sixth": the same question about
    # another condition ("sorry" reads as feelings to the classifier), unless it clearly asks another.
    correcting = bool(question.text) and bool(CORRECTION.search(normalise(question.text)))
    last = question_part(question.text) if question.text else ""
    if _SAME_QUESTION.search(normalise(question.text)) and state.topic and (correcting or question.named):
        # "the care plan says SMA not PMA, sorry. same question", "they think its ALS now. same question",
        # "same q for post polio"
        return state.topic
    if correcting and says_more and last != question.text and not CORRECTION.search(normalise(last)) and asks(last):
        # "Sorry, it's PMA she has, not PLS. Which motor neurones does it affect?": the correction,
        # then a question of its own ("Sorry typo, I meant SMA. My nephew asked me" asks none); "sorry meant his,
        # not PLS. lifespan?": the topic its one word names.
        word = _TOPIC_WORD.search(normalise(last))
        if word and len(normalise(last).split()) <= SHORT_ATTRIBUTE:
            return next(topic for topic, said in word.groupdict().items() if said)
        return own[0] if own[0] and own[1] >= OWN_TOPIC else None
    named_topic = _TOPIC_WORD.search(normalise(rest)) if correcting else None
    if named_topic:
        # "Sorry, I meant what are the treatments": the topic it names.
        return next(topic for topic, word in named_topic.groupdict().items() if word)
    meant = I_MEANT.search(normalise(question.text)) if correcting else None
    if meant and across.names_the_body(session, meant.group(1)):
        return "symptoms"  # "sorry not her arms, i meant her chewing": a part of the body or a symptom
    if meant and says_more and not question.named and asks(meant.group(1)):
        return None  # "sorry no, I meant which chromosome is it on": a question of its own, read from its words
    if correcting and state.topic and (not says_more or own[0] in (None, "coping") or own[1] < CORRECTED_OWN_TOPIC):
        return state.topic
    if says_more and across.names_the_body(session, rest):
        return "symptoms"  # "What about chewing?", "legs?": a part of the body or a symptom
    if targets.via in POINTED and rest and len(rest.split()) <= SHORT_ATTRIBUTE:
        # "And the first - lower only?", "the first - both kinds?", "2nd one men only?": what the few words name.
        named_value = across.attribute_question(session, rest, require_across=False)
        if named_value is not None and named_value.attribute in across.PLAIN_ATTRIBUTES:
            return named_value.topic
    if says_more and targets.via in POINTED and len(targets.conditions) == 1:
        # Its own question after pointing words ("the first of those two, which gene", "the one that affects
        # babies, what causes it"): the classifier's reading leans on the pointing words, so the topic is
        # read from what is left.
        from actions.compose import pool_of
        from bot.facts.scoring import choose_topic

        scored = index_for(session).rank(
            rest, conditions=pool_of(session, targets.conditions[0]), topic_weights=question.topic_weights
        )
        return choose_topic(scored, question.topic_weights) or own[0]
    if own[0] and own[1] >= OWN_TOPIC and says_more and targets.via not in POINTED:
        return own[0]
    if says_more:
        return None  # its own question: the topic is read from it (actions/compose.py)
    if targets.via in POINTED and state.listed_kind == "choices" and state.topic and not says_more:
        return state.topic  # picking one of the choices offered for the last question
    if targets.via == "described" and targets.topic and targets.topic == state.topic and not says_more:
        # "Which give only upper signs, which only lower?", then "and the one that does both?": the same question,
        # and the description answers it
        return state.topic
    if targets.via in POINTED and state.listed_kind in ("types", "match") and not says_more:
        # "And the last one?": right after the listing, what that one is; after questions about one
        # of the listed ("symptoms?"), the same question about the one pointed at.
        asked_since = state.focus in state.listed and not state.just_listed
        if question.text and (
            _WHAT_IS_POINTED.match(normalise(question.text)) or WHAT_IS_IT.search(normalise(question.text))
        ):
            return "definition"  # "whats the first one on that list": what it is, whatever was asked before
        return state.topic if state.topic and asked_since else "definition"
    return state.topic or "definition"
