"""Reading a message the way the emergency detector needs: plain tokens, and cues of time and intent.

Cues say whether danger is happening NOW, or the words only look like it: an event that is over
("he coughed it up, he's fine now"), a plan or a what-if ("what should I do if he chokes?"), a
general question about a condition ("does ALS affect breathing?"), a long-term care question,
figurative speech ("this paperwork is killing me") or a negated opening ("I'm not suicidal but…").
They are features of the detector's model and decide whether a pattern hit is certain.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "", "‘": "", "'": "", "`": "", "´": ""})
_TOKEN = re.compile(r"[a-z0-9]+|\?")
_REPEATS = re.compile(r"(.)\1{2,}")


def prepare(text: str) -> str:
    """Lower case, accents and apostrophes dropped ("can't" -> "cant"), letters repeated 3+ times cut to 2."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    folded = folded.lower().translate(_APOSTROPHES)
    return _REPEATS.sub(r"\1\1", folded)


def tokens(prepared: str) -> list[str]:
    """Words, numbers and question marks of a prepared text."""
    return _TOKEN.findall(prepared)


_PERSON = (
    r"(?:i|im|ive|me|my|he|hes|him|his|she|shes|her|they|theyre|them|their|we|were|us|our|you|"
    r"mum|mom|mam|mummy|mommy|dad|daddy|husband|hubby|wife|son|daughter|baby|babys|boy|girl|child|kid|"
    r"partner|brother|sister|grandad|granddad|grandpa|grandma|gran|nan|nana|uncle|aunt|auntie|friend|"
    r"patient|neighbour|neighbor|someone|somebody|client|resident|toddler|newborn|infant|twins)"
)

# Each cue: a name and the pattern (on prepared text) that raises it.
CUES: dict[str, re.Pattern[str]] = {
    # Something happening now, or just now.
    "now": re.compile(
        # ("not right now, he's fine now": denied)
        r"\b(?:(?<!not )right now|"
        r"(?<!fine )(?<!ok )(?<!okay )(?<!better )(?<!settled )(?<!alright )(?<!good )(?<!calm )(?<!stable )"
        r"(?<!healed )(?<!place )(?<!over )(?<!recovered )(?<!safe )(?<![0-9] )"
        # ("he can't move much now": these days)
        r"(?<!much )(?<!anymore )(?<!any more )(?<!not right )"
        # ("my wife does practically everything now", "she does it all for me now": these days)
        r"(?<!everything )(?<!all )(?<!for me )(?<!for him )(?<!for her )(?<!for us )now"
        # ("now at 68 my legs are going weak again": these days)
        r"(?! (?:at|aged|im|i am|hes|shes|he is|she is) \d)"
        # ("…and now the neurologist says it's PBP": news of a diagnosis, not danger now)
        # ("…and now after loads of appointments they said PBP")
        r"(?!(?:,? after(?: \w+){1,4}?)? (?:the |her |his |my |our |their )?"
        r"(?:neurologist|doctor|doctors|consultant|gp|nurse|specialist|hospital|"
        r"team|they|he|she|we) (?:says?|said|think|thinks|thought|tells?|told|reckons?|confirmed|diagnosed)\b)|"
        r"at the moment|atm|currently|this minute|as we speak|as i type|"
        # ("keeps saying it", "keeps asking": talk, not a sign that goes on)
        r"still|keeps(?! (?:saying|telling|asking|talking|mentioning|on about|coming back|reading|using|repeating))|"
        # ("will it keep getting worse?", "is it normal for it to keep getting worse": how it goes, not now)
        # ("i cant stop thinking it might be in me": worry, not a sign that goes on)
        r"wont stop|cant stop(?! (?:thinking|worrying|wondering|reading|googling|looking|going over))|"
        r"(?<!keep )(?<!keep on )getting worse|worse and worse|by the minute|"
        # ("pls" is please only beside "help": "it's PLS" names primary lateral sclerosis)
        r"helpp+|please|pls(?= help)|(?<=help )pls|plz|emergency|ambulance|911|999|112|hurry|quick|quickly|asap|"
        r"urgent)\b"
        # "help" as a cry ("help!", "help my dad can't breathe", "please help me"), not as a verb in a
        # question ("how do they help people who can't swallow?").
        r"|(?:^|[.!?,;]\s*|\b(?:please|someone|somebody|pls|plz|need|get|call|send) )help\b"
        r"|\bhelp(?: me| us| him| her| them)?\s*(?:$|[.!?,;])"
    ),
    "sudden": re.compile(
        r"\b(?:suddenly|sudden|all of a sudden|out of nowhere|out of the blue|just now|just started|"
        r"(?:few |couple of |\d+ )?minutes? ago|an hour ago|half an hour|this morning|tonight|since lunch|"
        r"since this morning|since breakfast|since an hour|overnight|"
        r"(?:in )?the (?:last|past) (?:few |couple of |\d+ )?(?:minutes?|hour))\b"
    ),
    # Over and done with.
    "past": re.compile(
        r"\b(?:yesterday|last (?:night|week|month|year|time|weekend|christmas|summer|winter|spring|autumn)|"
        r"(?:days|weeks|months|years) ago|(?:a|one|two|three) (?:day|week|month|year)s? ago|"
        r"the other (?:day|night|week)|back in|in the past|once before|earlier (?:this|in the) "
        r"(?:week|month|year))\b"
    ),
    "resolved": re.compile(
        r"\b(?:(?:fine|ok|okay|alright|all right|better|settled|calm|good) (?:now|again)|"
        r"(?:hes|shes|im|theyre|were|theyve|hes been|shes been) (?:ok|okay|fine|alright|all right|breathing fine|"
        r"breathing normally|doing ok|doing fine|absolutely fine|totally fine|completely fine)|"
        r"no harm done|nothing serious|no damage|not hurt|wasnt hurt|unhurt|(?:coughed|spat|brought) it (?:up|out)|"
        r"came round|came to|back to normal|all good|crisis over|panic over|sorted now|passed now|"
        r"went away|has passed|it passed|recovered|got (?:him|her|them|myself) up|healed|all clear|"
        r"checked (?:him|her|them|me) over|said (?:all was|it was|he was|she was|everything was) (?:fine|ok|okay)|"
        r"turned out (?:to be|it was)|nothing serious|(?:he|she|it|i) was fine|home now|stable now|better now|"
        r"(?:in a )?(?:much |far |lot |way )?better place|"
        r"(?:doing|feeling) (?:much |a lot |loads |way )?better)\b"
    ),
    # Help already called or on its way ("ok ive called them and im going round, thank you"). Silences the
    # model only (bot/safety/detector.py), never a danger phrase: "ive rung them, he still cant breathe" stays.
    "help_called": re.compile(
        r"\b(?:(?:ive|i have|i|weve|we have|we) (?:just )?(?:called|rang|rung|phoned|contacted|got hold of) "
        r"(?:them|him|her|someone|for help|the crisis line|the helpline|samaritans|his gp|her gp|the gp|the doctor)|"
        r"(?:im|i am) (?:going|heading|driving|on my way) (?:round|over|there)|on my way (?:round|over|there)|"
        r"help is (?:coming|on (?:its|the) way))\b"
    ),
    # A plan, a what-if or later on.
    "plan": re.compile(
        r"\b(?:what if|if (?:(?:my|our|his|her|the|a) \w+(?: \w+){0,3}?|"
        + _PERSON
        + r"|it|this|that) (?:ever|starts|start|gets|get|has|have|does|"
        r"do|is|are|was|were|should|cant|cannot|can|becomes|stops|falls|fall|chokes|choke)|in case|just in case|"
        r"what (?:should|do|would|can) (?:i|we) do (?:if|when)|how (?:do|should|can|would) (?:i|we|you) "
        r"(?:know|tell|recognise|recognize|spot|prepare|plan|prevent|stop|avoid|help)|"
        r"(?:is|are) (?:it|this|that|als|mnd|pls|pma|pbp|sma|pps) (?:going to|gonna) (?:take|affect|spread|reach)|"
        r"plan|planning|prepare|prepared|preparing|ready for|later on|in the future|eventually|one day|"
        # "what helps with keeping his joints moving?": care, asked about
        r"what (?:helps|can help|would help|might help|could help)|"
        r"down the line|future|prevent|prevention|avoid|reduce the risk|risk of)\b"
    ),
    # A general question about a condition or about people with it.
    "question": re.compile(
        r"(?:^|\b(?:and|so|but|also|just wondering|wondering|quick question|question)\b\s*)"
        r"(?:does|do|can|could|will|would|is|are|why|how|what|when|which|should|whats|hows)\b"
        r".{0,60}\b(?:als|mnd|mnds|pls|pma|pbp|sma|kennedys?|polio|pps|motor neurone?s?|"
        r"people with|patients|it|this condition|the disease|the condition)\b"
        r".{0,40}\b(?:cause|causes|affect|affects|lead|leads|make|makes|mean|normal|common|usual|happen|"
        r"happens|get|start|progress|end|treat|treated|help|manage|managed|feed|fed|eat|breathe|take|takes|"
        r"spread|spreads|reach|reaches|involve|involves|attack|attacks)\b"
        # "so is that why he can't swallow properly?": asking the cause of what is already happening
        r"|\b(?:is|was|could|would) (?:that|this|it|dat|tht) (?:be )?(?:why|y|the reason)\b"
        r"|\b(?:thats|that s|dats|is that) (?:why|the reason)\b|\bexplains? why\b"
    ),
    # About people in general, not someone here: "how do they help people who can't swallow?"
    "general": re.compile(r"\b(?:people|patients|someone|anyone|those|children|babies|kids) (?:who|with|that)\b"),
    # A short question about a symptom and a condition ("als chest pain?", "is choking part of PBP?").
    "topic": re.compile(
        r"(?:\b(?:als|mnd|mnds|pls|pma|pbp|sma|kennedys?|polio|pps|motor neurone?s?)\b.{0,40}\?\s*$)"
        r"|\b(?:a symptom of|symptom of|part of (?:the )?(?:als|mnd|pls|pma|pbp|sma|kennedys|pps|condition|disease)|"
        r"linked to (?:the )?(?:als|mnd|pls|pma|pbp|sma|kennedys|pps)|"
        r"related to (?:the )?(?:als|mnd|pls|pma|pbp|sma|pps))\b"
    ),
    # Figurative speech.
    # Fear of getting the illness a relative had: "I keep thinking I'll end up like her" (read only where no
    # danger phrase the patterns know is there; see bot/safety/detector.py).
    # A worry about what may come, with no wish to die, no means and no goodbye: "I don't want to end up being a
    # burden on my wife", "scared of becoming dependent".
    "feared_future": re.compile(
        r"^(?!.*\b(?:pills|tablets|meds|overdose|rope|gun|goodbye|tonight|end it|end my|kill|die|dying|dead|suicid\w*|"
        r"better off|not (?:be )?here|gone|letters?|plan|planned|anymore|any more|no point|cant go on)\b)"
        r".*\b(?:(?:dont|do not|never) want (?:to|him to|her to|them to) (?:end up|become|be|turn into|have to)|"
        r"(?:worried|worry|scared|afraid|frightened|terrified|fear|dread\w*) (?:(?:that )?(?:i|ill|i will|i might) "
        r"(?:be|become|end up)|of (?:being|becoming|ending up|needing|relying))|"
        r"(?:will|would) i (?:be|become|end up) (?:a|such a) burden)\b"
    ),
    # Asking how it will go for someone, with no sign of danger now: "is she going to die?", "will my baby die?"
    "prognosis": re.compile(
        r"^(?:(?:and|so|but|ok|sorry)\s+)?(?:is|will|are|could|might) (?:he|she|they|my \w+|our \w+|the baby|him|her)"
        r"(?: \w+)? (?:going to |gonna )?(?:die|be dying|pass away|pass)\b"
        r"(?! (?:now|right now|tonight|today|any minute))"
    ),
    "feared_illness": re.compile(
        r"\b(?:end up|ending up|turn out|be) like (?:her|him|them|my (?:mum|mom|dad|sister|brother|\w+))\b"
        r"|\b(?:get|getting|have|inherit) (?:it|what (?:she|he) had|the same) (?:too|as well)\b"
    ),
    "figurative": re.compile(
        r"\b(?:(?:is|are|was|its|thats|this|these|the) \w+ (?:is |are )?killing me|killing me(?: with)?|"
        r"dying (?:to|for)|could (?:kill|murder) (?:for|a)|"
        r"choked up|nearly choked laughing|choked (?:on my|with) (?:tea|coffee|laughter)|took my breath away|"
        r"breath of fresh air|sigh of relief|breathe easy|breathe easier|hold my breath|holding my breath|"
        r"scared to death|bored to death|sick to death|to death of|dead tired|dead on my feet|dead end|"
        r"heart attack when|gave me a heart attack|my heart sank|fell in love|fall apart|falling apart|"
        r"fell asleep|falling asleep|fall asleep|killed it|kill time|dying of (?:boredom|embarrassment|laughter)|"
        r"over my dead body|drop dead|died laughing|head over heels|fell for|fall behind|fell behind|"
        r"fall through|fell through|swallow my pride|hard to swallow|bitter pill|killer|face fall|face fell|"
        r"suffocating under|(?:is|its|feels|felt|so|was|been) suffocating|choking back (?:tears|a sob|sobs)|"
        r"drowning in (?:paperwork|forms|appointments|emails|admin|bills)|"
        r"choking on (?:emails|forms)|"
        # guilt, not harm: "did I bring this on myself?"
        r"(?:brought|bring|brings|bringing) (?:it|this|that|all this) on "
        r"(?:myself|himself|herself|themselves|ourselves)|"
        r"laugh\w* so hard)\b"
    ),
    # A negated or hedged opening about the danger itself.
    "negated": re.compile(
        r"\b(?:(?:im|hes|shes|theyre|were|its|this is|thats) not (?:suicidal|in danger|an emergency|urgent|"
        r"choking|going to (?:hurt|do anything|harm)|hurt|injured|struggling to breathe)|"
        r"not (?:an emergency|urgent|in danger|suicidal|choking)|no (?:one|body) is (?:in danger|hurt)|"
        r"nobody is hurt|nothing urgent|isnt urgent|not right now|"
        r"(?:breathing|swallowing) (?:fine|ok|okay|normally|well)|never (?:would|could) (?:hurt|harm)|"
        r"not sudden\w*|no (?:chest pain|pain|breathing (?:trouble|problems)|injur\w*)|"
        r"(?:isnt|is not|arent|wasnt|not) (?:struggling|choking|gasping|in danger|hurt|injured|unconscious|bleeding)|"
        r"nothing (?:like that|scary|urgent))\b"
    ),
    # Taking leave of the chat, nothing else: "thank you, you've been very kind. goodbye now". Not "thank you for
    # everything, goodbye": only thanks for the chat's help may come before the goodbye.
    "signing_off": re.compile(
        r"^(?:(?:ok|okay|right|well|anyway|great|lovely|brilliant)[ ,!.]+)?(?:thank you|thanks|thank u|thx|ta|cheers)"
        r"(?: so much| very much| again)?(?: for (?:your|the|all your|all the) (?:help|info\w*|answers?|time|"
        r"explanations?|patience|chat))?[ ,!.]*(?:(?:you(?:ve| have) been|youre|you are|that was|thats been) "
        r"(?:very |so |really |ever so )?(?:kind|helpful|useful|lovely|great|a (?:great|big) help)[ ,!.]*)?"
        r"(?:good ?bye|bye(?: bye)?|see (?:you|ya)|good ?night|night|take care)(?: now| for now| then)?[ ,!.]*$"
    ),
    # Laughing it off, or telling the bot not to worry: defuses a symptom ("choking on my tea lol"),
    # never thoughts of suicide or of harming someone ("lol dont worry about me, ive decided im done").
    "laughing": re.compile(r"\b(?:lol|lmao|haha\w*|hehe)\b"),
    "reassuring": re.compile(r"\b(?:dont worry|do not worry|no need to worry|not to worry)\b"),
    # Putting right what the bot (or the person) got wrong about the question: "sorry not her arms,
    # i meant her chewing", "sorry breathing not breeding". A correction of words, not news of danger:
    # it silences the model only (bot/safety/detector.py), never a danger pattern.
    "correcting": re.compile(
        r"\b(?:i meant|i mean to (?:say|ask)|meant to (?:say|type|ask|write)|typo|autocorrect|"
        r"(?:sorry|no|oops),? (?:not|wrong|i meant)|(?:sorry|oops),? \w+ not \w+|wrong (?:one|word|type)|"
        # "I've got the letters muddled, it's PLS"
        r"(?:got|get|getting) (?:the |my |them |those )?(?:letters|names|initials|types|ones)? ?"
        r"(?:muddled|mixed up|mixed|confused|the wrong way round)|"
        r"(?:muddled|mixed) up (?:the )?(?:letters|names|initials)|"
        # "just found the letter, it says PMA not PLS": one type named instead of another
        r"(?:als|pls|pma|pbp|sma|mnd|pps|kennedys?) not (?:als|pls|pma|pbp|sma|mnd|pps|kennedys?))\b"
    ),
    "ongoing": re.compile(
        r"\b(?:for (?:weeks|months|years|a while|ages|some time)|"
        # "for about a year", "for nearly two months"
        r"for (?:about|around|nearly|almost|over|more than|the last|the past) "
        r"(?:a|an|one|two|three|four|six|a few|a couple of|several|\d+) (?:weeks?|months?|years?)|"
        r"over (?:the )?(?:weeks|months|years|time)|"
        r"gradually|slowly|more and more|(?:getting|got) (?:a bit |slightly )?(?:worse|harder|weaker) (?:over|since)|"
        r"anymore|any more|these days|lately|recently|since (?:the|his|her|my) diagnosis|"
        r"most (?:nights|days|mornings)|every (?:night|day|morning|week|month|year)|often|sometimes|occasionally|"
        # "she's choking on drinks a lot": often, not this minute
        r"a lot(?! (?:right )?now)|lots|all the time|frequently|regularly|more often|most meals|"
        r"at (?:every|most) meals?|"
        # Less well than before, not "not at all": "can't swallow properly", "can't talk as well".
        r"(?:swallow|swallowing|talk|talking|speak|speaking|walk|walking|eat|eating) "
        r"(?:properly|proper|very well|as well|normally|like (?:before|he used to|she used to|i used to)))\b"
    ),
}


def cues(prepared: str) -> set[str]:
    """The names of the cues a prepared text raises."""
    return {name for name, pattern in CUES.items() if pattern.search(prepared)}


# Cues that make a danger-sounding message something other than danger now.
DEFUSING = frozenset(
    {
        "past",
        "resolved",
        "plan",
        "question",
        "topic",
        "general",
        "figurative",
        "negated",
        "ongoing",
        "laughing",
        "reassuring",
    }
)

# A danger phrase right after a negation ("no chest pain", "isn't drooping") is not danger.
_NEGATOR = re.compile(
    r"\b(?:no|not|isnt|hasnt|havent|wasnt|arent|werent|never|without|dont|doesnt|didnt|wont|nobody|nothing)"
    r"\b(?:\s+\w+){0,2}\s*$"
)


def negated_before(prepared: str, start: int) -> bool:
    """True when a negation comes in the three words before position ``start``."""
    return bool(_NEGATOR.search(prepared[max(0, start - 30) : start]))


URGENT = frozenset({"now", "sudden"})


_SENTENCE_END = re.compile(r"[.!?;]+")


def sentence_at(prepared: str, position: int) -> str:
    """The sentence of a prepared text that contains ``position``."""
    start = 0
    for match in _SENTENCE_END.finditer(prepared):
        if match.end() > position:
            return prepared[start : match.end()]
        start = match.end()
    return prepared[start:]
