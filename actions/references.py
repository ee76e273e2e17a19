"""Which condition(s) a question is about: named, pointed at ("the second one"), described, or in focus.

Order of evidence:
1. conditions named in the message (a correction's "not PLS" does not count);
2. a mention of what was listed (bot/mentions.py): "the second one", "the last one" (position),
   "the other one" (the listed one not in focus), "both"/"either" (all listed);
3. a description: "the one that affects babies", "the legs one", "the one you said starts in the
   legs", matched against what the documents state about each listed type (or every type);
4. "they"/"them" after a listing of two: both; otherwise the condition in focus.
When two readings are equally likely the result offers the choices instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sqlalchemy.orm import Session

from actions import descriptions, people
from actions.conversation import State
from actions.focus import PLURAL, focus_of, general_about_focus, topics_of
from actions.pointing import AFTER_WHOSE, NOT_WHOSE, anchor, by_mention, mentions_in
from actions.targets import Targets
from actions.understanding import Question
from bot.facts import across, names
from bot.facts.text import normalise
from bot.facts.words import question_part

# "The bulbar kind of MND", "the spinal form of motor neurone disease": a type by a word of its own name.
_NAMED_KIND = re.compile(r"\bthe (\w+) (?:kind|form|type|sort|version) of (?:mnd|motor neurone? disease)\b")
# "Is it the one that…", "(Mum) so is that the kind with…": the one in focus, said to be as described.
_IS_IT_THE_ONE = re.compile(
    r"^(?:\w+ ){0,2}?(?:(?:is|isnt|was) (?:it|that|this|hers|his)|thats|its) (?:the|a) "
    r"(?:(?:one|type|kind) (?:that|thats|which|with|where)|\w+(?: \w+)? (?:one|type|kind)(?: right| yeah| isnt it)?$)\b"
    # "how would you even know if it's the family type": whether the one in focus is of that kind
    r"|\b(?:if|whether) (?:its|it is|thats|hers|his|hes|shes) (?:the|a) \w+(?: \w+)? (?:one|type|kind|form)\b"
    # "is that one of the types that mostly affect men?", "is it among the ones that run in families?"
    r"|^(?:\w+ ){0,2}?(?:(?:is|isnt|was) (?:it|that|this|that one|hers|his)|thats|its) (?:one of|among) "
    r"(?:the|those) (?:\w+ )?(?:types|ones|kinds|forms|mnds) (?:that|thats|which|with|where)\b"
)
_ASKED_ABOUT = re.compile(
    r"\b(?:i|we) (?:first )?(?:asked|talked|spoke|chatted|read|started) (?:about|with)\b"
    r"|\byou (?:first )?(?:told me|explained|described)\b|\bwe (?:discussed|covered|started with)\b"
)
MEMBER_OF = re.compile(
    r"\b(?:counted as|count as|classed as|classified as|considered|(?:a|one) (?:type|kind|form|sort) of|one of the"
    r"|an?) "
    r"(?:motor neurone? diseases?|mnds?)\b"
)
_FIRST_ASKED = re.compile(
    r"\b(?:the )?(?:first|1st|original|very first) (?:thing|question|one|condition) (?:i|we) (?:asked|mentioned|said)"
    r"(?: about)?\b|\b(?:back to|in|about|to) (?:my|the) (?:first|1st|original|very first) "
    r"(?:question|message|q|point)\b"
)
# "The other one, not the hands one": a description that rules one out.
_NOT_DESCRIBED = re.compile(r"\b(?:not|isnt|wasnt) ((?:the|that) (?:\w+ ){1,2}?(?:one|type))\b")




def resolve(session: Session, question: Question, state: State) -> Targets:
    """The conditions ``question`` is about, given what the conversation has listed and is focused on."""
    targets = _resolve(session, question, state)
    if question.text and people.claimed(question.text):
        # "The fifth one is alfie's, isn't it?": whose it is is not part of the question.
        targets.asked = people.without_claim(targets.asked if targets.asked is not None else question.text)
    return targets


# Someone's type as a yardstick: "like my uncle's one", "like his", "the same as mine".
_LIKE_WHOSE = re.compile(
    r"\b(?:like|as with|same as|unlike) (?:(?:my|his|her|our|their) \w+s(?: one| type| kind)?|his|hers|mine|theirs)\b"
)
# Someone as the subject: "she wants to know…", "could he…", "he keeps asking…".
_SUBJECT = re.compile(r"(?:^|\b(?:and|but|so|if|could|would|will|can|does|is|has) )(she|he)\b")
_PERSON = re.compile(r"\b(he|she|his|her|him)\b")
_NEURON_WORDS = re.compile(r"\b(?:upper|lower|motor|neurone?s?|nerves?)\b")
_THE_ONE_THAT = re.compile(r"\b(?:the|that|which) (?:one|type|kind)s? (?:that|which|with|where)\b")
# "The one I typed by mistake", "the one I mixed it up with": the type named before the one now talked about.
_MISTAKEN = re.compile(
    r"\bthe (?:one|type|kind) (?:that )?i (?:typed|said|wrote|put|asked about|mentioned|named|had)(?: \w+){0,2} "
    r"(?:by mistake|wrongly|in error|first|at first|before|at the start|to start with)\b"
    r"|\bthe (?:one|type|kind) i (?:mixed|muddled|confused) (?:it |them )?(?:up )?with\b"
)


def _resolve(session: Session, question: Question, state: State) -> Targets:
    if question.text and not question.named and state.listed_kind == "choices" and len(state.listed) > 1:
        # "Which one do you mean?" (PMA or SMA), then "progressive i think, not spinal": PMA, for the same question.
        chosen = descriptions.choice_by_name_words(session, question.text, [c for c in state.listed if c])
        if chosen is not None:
            return Targets([chosen], via="chosen")
    mistaken = _MISTAKEN.search(normalise(question.text)) if question.text and not question.named else None
    before = [c for c in state.replied_about if c != state.focus]
    if mistaken and before:
        # "Sorry, I meant PLS not PBP", then "the one I typed by mistake, what does that one do?": PBP.
        return Targets([before[0]], via="other", asked=normalise(question.text).replace(mistaken.group(0), " "))
    found = mentions_in(question)
    pointing = [m for m in found if m.lstrip("-").isdigit()] if question.text else []
    if question.named == ["motor_neuron"] and pointing and state.listed:
        question = replace(question, named=[])  # "For the second, is it upper motor neurone only?": the second
    described = bool(question.text) and bool(descriptions.DESCRIBED.search(normalise(question.text)))
    described_by = descriptions.DESCRIBED.search(normalise(question.text)) if described else None
    by_its_own = described_by is not None and not _NEURON_WORDS.search(described_by.group(0))
    if by_its_own and question.named == ["motor_neuron"] and not question.neuron_kind:
        # "The one that only affects the upper motor neurons, what's that one?": the neurons describe a type.
        question = replace(question, named=[])
    neurons_only = question.named == ["motor_neuron"] and not question.neuron_kind
    if neurons_only and question.intent_topic and question.intent_topic not in topics_of(session, "motor_neuron"):
        # "Why does polio hit motor neurons in the first place?" after PPS: motor neurons have no causes of
        # their own; the disease in focus does.
        neurons_only = state.focus not in (None, "mnd", "motor_neuron")
    else:
        neurons_only = False
    if state.focus not in (None, "mnd", "motor_neuron") and (general_about_focus(question) or neurons_only):
        # "Which motor neurons does it damage?", "is it a kind of MND?", "his legs are stiff, is that
        # the upper motor neurons?": the type in focus, not motor neurons or MND in general, unless a
        # description says which ("our patient has the slow one that only affects the upper neurones").
        picked = descriptions.described(session, question, state, [c for c in state.listed if c]) if described else None
        if picked is not None and len(picked.conditions) == 1:
            return Targets(picked.conditions, via="named")  # as good as named; what is asked is the question's own
        return Targets([state.focus], via="focus")  # type: ignore[list-item]
    listed_now = [c for c in state.listed if c]
    if question.named == ["mnd"] and listed_now and any(m != "focus" for m in found):
        # "The last one isn't really an MND, is it?": the one pointed at, asked whether it is one.
        pointed = by_mention(session, question, state, found, listed_now)
        if pointed is not None and pointed.conditions:
            return pointed
    if question.named == ["mnd"] and described and MEMBER_OF.search(normalise(question.text or "")):
        # "The one babies get - does that count as mnd too?": whether the type described is one of them.
        picked = descriptions.described(session, question, state, listed_now)
        if picked is not None and len(picked.conditions) == 1:
            return Targets(picked.conditions, via="named", topic="types", asked=picked.asked)
    kind_of = _NAMED_KIND.search(normalise(question.text or "")) if question.named == ["mnd"] else None
    if kind_of and descriptions.aside_to_the_types(question.text or "", kind_of.group(0)):
        kind_of = None
    owner = names.name_words(session).get(kind_of.group(1)) if kind_of else None
    if owner is not None:
        # "She has the bulbar kind of MND, what is that?": the type a word of its own name picks, of MND.
        return Targets([owner], via="described")
    likened_only = bool(question.named) and set(question.named) <= set(question.likened)
    if likened_only and question.pronoun_singular and state.focus and state.focus not in question.named:
        # "Does it shorten your life like ALS?": ALS is the yardstick, "it" the one in focus.
        return Targets([state.focus], via="focus")
    if question.named == ["mnd"] and state.focus not in (None, "mnd", "motor_neuron") and question.text:
        asking = question_part(question.text)
        if asking != question.text and "mnd" not in names.find_conditions(session, asking):
            # "why are my feet numb then? i thought mnd didnt cause numbness" about Kennedy's: MND is named in a
            # remark, the question is about the type in focus.
            return Targets([state.focus], via="focus")
    if question.named and not question.neuron_kind:
        # "Is PLS fatal like ALS is?": ALS is the yardstick, PLS what is asked about; "is PPS counted as a
        # motor neurone disease?": MND is the group it is asked to belong to.
        named = [c for c in question.named if c not in question.likened] or list(question.named)
        types = [c for c in named if c not in ("mnd", "motor_neuron")]
        if len(types) == 1 and "mnd" in named and MEMBER_OF.search(normalise(question.text or "")):
            named = types
        elif len(types) == 1 and "mnd" in named and question.text:
            asking = question_part(question.text)
            if asking != question.text and not names.find_conditions(session, asking):
                # "Got told today I have motor neurone disease, the ALS type. I don't know what to do": the type.
                named = types
        disagreeing = descriptions.disagreeing(session, question, types) if described and len(types) in (1, 2) else None
        if disagreeing is not None:
            # "My grandson has PLS, the spinal muscle one", "Leo has Kennedy's, the baby muscle one": the
            # name and the description say different types; ask which, rather than guess.
            return Targets(choices=list(disagreeing), via="named")
        return Targets(named, via="named")
    in_focus = state.focus not in (None, "mnd", "motor_neuron") and set(found) <= {"focus"} and bool(question.text)
    if in_focus and _IS_IT_THE_ONE.search(normalise(question_part(question.text))):
        # "Is it the one that's the most common genetic cause of infant death?": whether the one in focus
        # is as described, asked about the one in focus, on what the description says.
        described = across.attribute_question(
            session, question_part(question.text), require_across=False, specific_first=True
        )
        topic = described.topic if described is not None else None
        return Targets([state.focus], via="focus", topic=topic)  # type: ignore[list-item]
    if question.typed_near:
        # "PBA": PBP or PMA? "PLM": PLS? A guess at a typo is asked, not assumed ("what is PIP?").
        return Targets(choices=list(question.typed_near), via="named")
    first = state.first_asked or state.opened
    if question.text and first and _FIRST_ASKED.search(normalise(question.text)):
        # "Back to the first thing I asked about": what the conversation's first answer was about.
        return Targets([first], via="person", asked=_FIRST_ASKED.sub(" ", normalise(question.text)))
    # "And the second one, that's mine": a claim says whose the pointed-at one is; it does not point.
    claim = bool(question.text) and people.claimed(question.text) is not None
    # "The one after mine": counted from theirs (below), not theirs.
    counted_from = bool(question.text) and bool(AFTER_WHOSE.search(normalise(question.text)))
    # ("does that run in families like my uncle's one?": his is the yardstick, "that" what is asked about)
    likened = bool(question.text) and question.pronoun and bool(_LIKE_WHOSE.search(normalise(question.text)))
    whose = (
        people.pointed_at(question.text, state.people, state.opened)
        if question.text and not claim and not counted_from and not likened
        else None
    )
    if whose is not None:
        return Targets([whose], via="person", asked=people.without_pointer(question.text))
    called = people.named_person(question.text, state.people) if question.text else None
    if called is not None:
        # "So why has alfie got it so young?": the one called by name, and the name is not asked about.
        return Targets([called[0]], via="person", asked=called[1])
    subject = _SUBJECT.search(normalise(question.text)) if question.text and not question.named else None
    person = _PERSON.search(normalise(question.text)) if question.text and not question.named else None
    if person and state.focus == "motor_neuron" and not mentions_in(question):
        # "what is the difference between upper and lower?" asked aside, then "his legs have gone stiff. Will it move
        # into his arms?": his illness, whose type was said, not motor neurons.
        theirs = people.of_pronoun(person.group(1), state.people)
        if theirs is not None:
            return Targets([theirs], via="person")
    if subject and state.listed_kind in ("match", "types") and not mentions_in(question):
        # "Which of the others run in families?", then "she wants to know if she could have kids without
        # passing it on": "she" is the daughter whose type was said, not the last one listed.
        theirs = people.of_pronoun(subject.group(1), state.people)
        if theirs is not None and theirs != state.focus:
            return Targets([theirs], via="person")
    listed = [c for c in state.listed if c]
    ruled_out = _NOT_DESCRIBED.search(normalise(question.text)) if question.text and listed else None
    if ruled_out is not None:
        # "The other one, not the hands one": the listing without the one described, and the question
        # without the description.
        excluded = descriptions.described(session, replace(question, text=ruled_out.group(1)), state, listed)
        if excluded is not None and excluded.conditions and set(excluded.conditions) < set(listed):
            plain = normalise(question.text)
            rest = f"{plain[: ruled_out.start()]} {plain[ruled_out.end() :]}".strip()
            kept = replace(state, listed=[c for c in listed if c not in excluded.conditions])
            targets = resolve(session, replace(question, text=rest), kept)
            targets.asked = targets.asked if targets.asked is not None else rest
            return targets
    not_theirs = anchor(question.text, state, NOT_WHOSE) if question.text and listed else None
    if not_theirs in listed and len(listed) == 2:
        return Targets([c for c in listed if c != not_theirs], via="other")
    if question.text and _ASKED_ABOUT.search(normalise(question.text)) and state.history:
        # "The first one I asked about": in the order they came up, not the last listing.
        listed = [c for c in state.history if c not in ("mnd", "motor_neuron")]
    if found and descriptions.DESCRIBED.search(normalise(question.text)):
        # "Going back to the first one, the hands one": when a description is there, it says which.
        described = descriptions.described(session, question, state, listed)
        if described is not None and len(described.conditions) == 1:
            return described
    pointed = by_mention(session, question, state, found, listed)
    if pointed is not None:
        return pointed
    described = descriptions.described(session, question, state, listed)
    if described is not None:
        return described
    plural = PLURAL.search(normalise(question.text)) and not question.pronoun_singular
    if listed and len(listed) == 2 and plural and state.focus != "motor_neuron":
        # (After "what's a motor neuron?", "where are they?" means motor neurons.)
        return Targets(list(listed), via="plural")
    if "focus" in found and state.focus is None and listed:
        return Targets(choices=list(listed), via="focus")
    if question.neuron_kind and (state.focus in (None, "mnd", "motor_neuron") or not question.pronoun):
        return Targets(["motor_neuron"], via="named")  # "what happens when the upper ones are damaged?"
    general = state.focus in (None, "mnd", "motor_neuron") and bool(question.text) and not question.named
    owner = names.term_owner(session, question.text) if general else None
    if owner is not None:
        # "and the SMN protein, what happens when it's missing?" while talking about motor neurons: the one type
        # whose facts use the word.
        return Targets([owner], via="named")
    if _pair_asked_fresh(question, state):
        # "ALS vs PMA, what's the difference?" as the first thing asked, then "how long do people live with it?":
        # either could be meant; ask. ("How is PLS different from ALS?" after PLS, or "my mum has PBP, how is
        # that different from ALS?": "it" is the one talked about, or hers.)
        return Targets(choices=list(state.listed), via="focus")
    if state.focus:
        return Targets([focus_of(session, question, state)], via="focus")
    return Targets()


def _pair_asked_fresh(question: Question, state: State) -> bool:
    """Whether the last reply compared two types that neither an earlier reply nor anyone's diagnosis was about,
    and ``question`` says only "it" or "that" of them."""
    pair = [c for c in state.listed if c]
    if state.listed_kind != "pair" or not state.just_listed or len(pair) != 2 or question.named:
        return False
    if not question.pronoun_singular or PLURAL.search(normalise(question.text or "")):
        return False
    known = set(state.before_last) | set(state.people.values())
    # ("How is PLS different from ALS?" asks about PLS: "its symptoms" are PLS's)
    return not known & set(pair) and bool(_SIDE_BY_SIDE.search(normalise(state.asked_before)))


# Two types asked about side by side, neither the subject: "ALS vs PMA", "ALS or PMA, which…", "the difference
# between ALS and PMA".
_SIDE_BY_SIDE = re.compile(r"\b(?:vs|versus|or)\b|\bdifferences? between\b")
