"""Questions about one person, which the bot declines kindly (actions/safety.py): whether someone has a
condition ("is this ALS?", "could I have PBP?"), what will happen to them ("will he need a feeding tube?",
"is he dying soon?"), or what they should do ("should she have the tube?")."""

from __future__ import annotations

import re

from bot.facts.text import normalise
from bot.facts.words import CLAUSES, asks, sentences

# "Should I get it looked at?", "should he go and see someone?": when to see a provider, not a decision for one
# person (which the bot declines).
_SEEN_TO = (
    r"(?! (?:it |this |that |them |him |her |my \w+ |his \w+ |her \w+ )?(?:looked at|checked|checked out|seen to|"
    r"seen|looked into|tested)\b)(?! (?:to|and) (?:see )?(?:a |the |my |his |her )?(?:doctor|gp|someone|somebody|"
    r"neurologist|specialist|provider))"
)
# Asking the bot to say whether someone has a condition: "is this ALS?", "could it be MND?", "do I have PLS?".
_PERSONAL = re.compile(
    r"(?<!what )(?<!whats )(?<!why )(?<!how come )"
    r"\b(?:is (?:it|this|that)|could (?:it|this|that) be|might (?:it|this|that) be|"
    r"do i (?:have|hav|hve|av)|have i got|(?:could|might|can) (?:i|he|she|my \w+) (?:have|have got|be getting)|"
    r"mean (?:that )?(?:i|he|she|we|my \w+)(?:ve| have| has)? (?:dont |do not |doesnt |does not )?(?:have|has|got)|"
    r"does (?:he|she|my \w+) have|has (?:he|she|my \w+) got|am i getting|"
    r"do you think (?:it|i|he|she)(?:s| is| has| have)?|"
    # "does that sound like PMA to you?"
    r"(?:does|do|would) (?:that|this|it|these|all that|all this) (?:sound|seem|look) like)"
    # ("is it true SMA is…", "is it right that ALS…" ask about a fact, not about someone)
    r"\s+(?:(?!(?:true|right|correct|possible|normal|common|fair|ok|okay|likely|so)\b)\w+\s+)?"
    r"(?:als|mnd|pls|pma|pbp|sma|kennedys?|pps|post polio|motor neurone? disease|lou gehrigs?|"
    r"kennedy|motor_neuron)\b"
)
# A fear of having it, said with no other question: "I'm panicking it's ALS", "so scared I've got MND" (with "when
# should someone see a doctor?" after it, that question is answered).
_WORRY = re.compile(
    r"\b(?:im|i am|i m|i|were|we are|we re)(?: \w+)? "
    r"(?:panicking|panicked|terrified|scared|afraid|worried|convinced|paranoid|thinking|sure|fear|petrified) "
    r"(?:that )?(?:its|it is|it s|this is|it might be|it could be|i might have|i have|ive got|i ve got|i have got)"
    r"\s+(?:\w+\s+)?(?:als|mnd|pls|pma|pbp|sma|kennedys?|pps|motor_neuron)\b"
)
# Asking what will happen to one person: "will he need a feeding tube?", "how long for her specifically?"
# One person (or one family's children) as the subject: "my husband", "ours", "both of mine".
# What is asked for is seeing someone, not a treatment: "should we push for a referral?" asks when to see a provider.
_NOT_SEEING_SOMEONE = (
    r"(?! (?:a |an |another )?(?:referral|appointment|second opinion|tests?|scans?|check ?up|specialist))"
)
_ONE = (
    r"(?:he|she|i|my \w+|our \w+|mine|ours|(?:both|either|one|any|each) of (?:ours|mine|my \w+|our \w+)|"
    r"(?:this|the|next|new|unborn) (?:baby|child|kid|pregnancy))"  # "will this baby have it too?"
)
_PREDICTION = re.compile(
    r"(?:^|[-:.?!,]\s*|\b(?:so|and|but|ok)\s+)(?:will|is|are) " + _ONE + r" (?:ever |still |soon )?"
    r"(?:need|get|have|live|die|be able|end up|going to die|lose|walk|talk|"
    r"going to get|going to need|going to end up|end up|make it|survive|see (?:his|her|their|my) \w+|"
    r"be in a wheelchair)\b"
    r"|\bfor (?:her|him|me|my \w+|us) (?:specifically|personally|in particular)\b"
    r"|\b(?:is|will|could) (?:it|this|that|mnd|als|sma|\w+s one) (?:gonna |going to |)kill (?:him|her|me|us|my \w+)\b"
    r"|\bwill " + _ONE + r" (?:ever |still )?be (?:in pain|ok|okay|alright|able|around|here)\b"
    # ("who should i take her to, just the gp?" asks whom to see)
    r"|\bshould (?:i|he|she|we|my \w+) "
    r"(?:take(?! (?:him|her|them|me|us|my \w+) (?:to|in|along)\b)|stop|start|skip|double|try|get tested|be tested|"
    r"go on|be on|come off|push for|have the|be (?:going on|taking|starting|trying)|"
    r"get (?:them|him|her|the (?:kids|girls|boys|children)|my \w+|our \w+) tested)\b"
    # "should her kids get tested then", "do his daughters need to get tested": a decision for one family
    r"|\b(?:should|do|does|will|would) (?:his|her|my|our|their) \w+ (?:need to |have to )?(?:get|be) tested\b"
    # "could she still join one at this stage": whether one person can take part
    r"|\b(?:could|can|would|will) (?:i|he|she|we|my \w+) still (?:join|take part in|get into|get on|qualify for|"
    r"be accepted (?:into|onto|on|for)|sign up (?:to|for))\b"
    # "is that going to keep happening to her": how it will go for one person
    r"|\b(?:is|will|would) (?:it|this|that) (?:going to |gonna )?(?:keep (?:happening|coming back)|happen again|"
    r"come back) (?:to|for|with) (?:him|her|me|us|my \w+)\b"
    # "it has been seventy years for me, so it can't be that, can it?": whether one person has it, from their story
    r"|\b(?:it|that|this) (?:cant|cannot|couldnt|can not) (?:possibly |really )?be "
    r"(?:that|it|this|mnd|als|pls|pma|pbp|sma|kennedys?|pps|post polio)\b"
    r"|\bhow long (?:has|have|does|will|would) " + _ONE + r" (?:got|have|get|live|last)\b"
    r"|\bhow many (?:more )?(?:years|months|weeks) (?:has|have|does|do|will|would) (?:he|she|i|we|my \w+)\b"
    r"|\b(?:time|years|months) (?:he|she|i|we) (?:has|have|ve) (?:got )?left\b|\bgot left\b|\bleft to live\b"
    # "is my mum's MND at the end stage now?", "is he in the final stages?": how far one person's has gone
    r"|\b(?:is|are|was) (?:he|she|they|my \w+|(?:my|his|her|our) \w+ (?:mnd|als|pls|pma|pbp|sma|condition|illness)) "
    r"(?:now |already |nearly |near )?(?:at|in|near|reaching|entering) (?:the |her |his |its )?"
    r"(?:end|last|final|late|later|terminal) stages?\b"
    # A treatment decision for one person: "can he take riluzole?" (not "can I get help at home?").
    r"|\b(?:can|could|may) (?:i|he|she|we|my \w+) (?:take|try|stop|start|go on|come off|switch to)\b"
    r"|\bshould (?:i|he|she|we|my \w+) (?:get (?:one|a|an|it|that)|switch|sign up|join|enrol|enroll|"
    r"put (?:him|her|them|my \w+|our \w+) (?:in|on|into))\b"
    + _SEEN_TO
    # Whether one person will get it or is a carrier: "would I get it?", "could I be a carrier?" ("could my kids
    # get it?" asks whether it can be passed on, not what will happen)
    + r"|\b(?:would|will|might) (?:i|he|she|we|my \w+|our \w+|his \w+|her \w+|their \w+|me and my \w+|my \w+ and i) "
    r"(?:get|inherit|catch|develop|end up with) (?:it|this|that)\b"
    r"|\b(?:could|might|am|is|are) (?:i|he|she|we|my \w+|our \w+) (?:be )?(?:a )?carriers?\b"
    r"|\b(?:could|might|is|am|are) (?:i|he|she|we|my \w+|our \w+) (?:be )?carrying (?:it|this|that|the gene)\b"
    # Whether a treatment would work for one person: "would they work for him, do you think?"
    r"|\b(?:would|will|could|might|do|does) (?:they|it|that|this|these|those|either(?: of them)?|the \w+(?: one)?) "
    r"(?:(?:work|help|do anything|be any good|make a difference|do any good) (?:for|on|with)|help) "
    r"(?:him|her|me|my \w+|us)\b"
    # Which one someone has: "if someone has slurred speech and weak hands, which one have they got?"
    r"|\bwhich (?:one|type|kind|form) (?:have|has) (?:they|he|she|i|we|my \w+|someone|somebody) got\b"
    r"|\bwhich (?:one|type|kind|form) (?:do|does|would|could|might) (?:he|she|i|we|my \w+) (?:have|has)\b"
    # "so does that mean I've got it??"
    r"|\bmean (?:that )?(?:ive|hes|shes|weve|i ve|he s|she s|we ve) (?:got|had) (?:it|this|that|mnd|als|pls|pma|pbp|"
    r"sma|kennedys?|pps)\b"
    # What one person can still do: "can he keep working?"
    r"|\bcan (?:i|he|she|we|my \w+) (?:keep|carry on|continue|go on) (?:working|driving|walking|at work|with work)\b"
    # Which one a person has: "is that the one she probably has?", "do you suppose that is what I have?"
    r"|\b(?:is (?:that|it|this)|(?:could|might|may|would) (?:that|it|this) be) (?:the one|what) "
    r"(?:she|he|i|my \w+|hes|shes|ive) "
    r"(?:probably |might |may |could )?(?:has|have|got)\b"
    r"|\b(?:do|would|d) you (?:think|suppose|reckon) (?:that|this|it)(?:s| is) (?:the one|what) "
    r"(?:she|he|i|my \w+|hes|shes|ive) (?:probably |might |may |could )?(?:has|have|got)\b"
    # Whether one person has it: "could he have it?", "does that mean she has it?"
    r"|\b(?:could|might|does|do|can) (?:he|she|i|we|my \w+) (?:have|have got|has) (?:it|this|that)\b"
    r"|\bmean (?:that )?(?:i|he|she|we|my \w+) (?:has|have|got|ve got) (?:it|this|that)\b"
    # Asked to say whether someone has it: "can you tell me if its motor neurone disease?"
    r"|\b(?:tell me|tell us|let me know|say) (?:if|whether) (?:its|it is|this is|thats|that is|"
    r"(?:i|he|she|we|my \w+) (?:has|have|got|ve got)|ive got|hes got|shes got)\b"
    # Asked to second-guess a diagnosis: "the neurologist thinks he has MND, do you reckon they got it wrong?"
    r"|\b(?:do|would) you (?:think|reckon|say) (?:that )?(?:they|he|she|my \w+|the (?:doctors?|neurologists?|"
    r"consultants?|gps?|specialists?|hospital|nurses?)) (?:have |has |might have |may have )?"
    r"(?:got it wrong|(?:is|are|was|were) wrong|made a mistake|(?:is|are|was|were) right|misdiagnos\w*)\b"
    # Whether a diagnosis was right: "does that mean it's not PMA after all?"
    r"|\bmeans? (?:that )?(?:it|its|it is|it isnt|it s) (?:not )?(?:definitely |really |probably )?"
    r"(?:als|mnd|pls|pma|pbp|sma|kennedys?|pps)\b"
    # Whether one person will live to a time, or what their own risk is: "do you think he'll still be here
    # at christmas?", "what are MY chances of getting it?"
    r"|\b(?:he|she|i|we|my \w+|our \w+) will (?:still )?(?:be (?:here|around|alive)|live|make it|survive|last)\b"
    r"|\bwhat (?:are|is) (?:my|his|her|our) (?:chances?|odds|risk)\b"
    r"|\b(?:tell me|give me|work out|calculate|whats)\b.{0,10}\b(?:my|his|her|our) (?:own |personal )?"
    r"(?:chances?|odds|risk)\b"
    # Whether one person should have or ask for a treatment: "should he have one?", "should I ask for it?"
    r"|\bshould "
    + _ONE
    + r" (?:have|get|ask for|ask about|try|use|be on|go for) (?:one|it|that|this|them)\b"
    + _SEEN_TO
    + r"|\bshould (?:we|i) (?:ask for|ask about|push for|get|try) (?:\w+ ){1,2}for (?:him|her|them|me|my \w+)\b"
    # When it will reach something in one person: "how long before it gets to my breathing?" (where it
    # goes, "will it spread to her legs?", is answered from what the material says of the type)
    r"|\bhow long (?:before|until|till) (?:it|this|that) (?:gets? to|reaches|spreads to|takes|affects) "
    r"(?:his|her|my|our|their) \w+"
    # "would she be better off with one?", "should he get the tube", "am i going to get it too",
    # "she asked me how long he's got"
    r"|\b(?:would|will) " + _ONE + r" be better off (?:with|having|getting|on|without)\b"
    r"|\bshould (?:i|he|she|we|my \w+) (?:get|have) the \w+\b"
    r"|\b(?:am i|im|i m|i am|is (?:he|she)|hes|he s|shes|she s) (?:going to|gonna) (?:get|inherit|have|develop) "
    r"(?:it|this|that|mnd|als|pls|pma|pbp|sma|kennedys?|pps|motor neurone? disease)\b"
    # "does that mean I'll get it?": one's own risk
    r"|(?<!how )(?<!when )(?<!where )\b(?:i ll|ill|i will|will i|he ll|hell|he will|will he|she ll|shell|she will|"
    r"will she) (?:definitely |also |then )?(?:get|inherit|develop) (?:it|this|that)\b"
    r"(?! (?:checked|looked at|diagnosed|tested|seen|confirmed|sorted|treated))"
    # "ok back to mine, am i gonna end up in a wheelchair": how it will go for one person
    r"|\b(?:am i|will i|im|i m|is (?:he|she)|will (?:he|she)|hes|he s|shes|she s) (?:going to |gonna )?end up\b"
    # "his speech is slurring more, does that mean he's getting worse quicker?": how one person's is going
    r"|\bmean (?:that )?(?:hes|he s|he is|shes|she s|she is|im|i m|i am|my \w+ is|(?:his|her|my) (?:\w+ )?"
    r"(?:mnd|als|pls|pma|pbp|sma|illness|condition) is) (?:getting (?:worse|weaker)|going (?:downhill|faster|quicker)|"
    r"progressing|declining|deteriorating|on the way|near(?:ing)? the end|close to the end|dying)\b"
    r"|(?<!why )(?<!how )(?<!when )\b(?:have|has) (?:i|he|she|we|my \w+) got (?:it|this|that)\b"
    # "is her speech going to go?", "will his walking get worse?": how it will go for one person
    r"|\b(?:is|are|will) (?:his|her|my|their|our) (?:speech|voice|walking|legs|arms|hands|breathing|swallowing|eating|"
    r"talking|memory|mind|thinking|strength|muscles) (?:ever |soon |eventually )?(?:going to|gonna|go|get|stop|fail|"
    r"last|be (?:affected|ok|okay|alright))\b"
    # "will his turn into ALS, do you think?": how one person's will go
    r"|\b(?:will|could|might|would|is) (?:his|hers|her|mine|my \w+|our \w+|(?:his|her|my|our) (?:\w+ )?(?:pls|pma|"
    r"pbp|als|one|condition|illness|diagnosis)) (?:ever |eventually |one day )?(?:turn|change|develop|progress|evolve|"
    r"going to turn|gonna turn) (?:in)?to\b"
    # "would the second one be better for her than the first?": a treatment choice for one person
    r"|\b(?:would|will|is|could) (?:the \w+ one|the \w+ drug|it|that|this|\w+) be (?:better|best|safer|right|worth it) "
    r"for (?:him|her|me|my \w+|us)\b"
    # "is it going to shorten her life?", "is it gonna get worse for him": how it will go for one person ("will it
    # shorten life?" asks what the material says)
    r"|\b(?:is|will|would|could) (?:it|this|that|mnd|als|pls|pma|pbp|sma|kennedys?|pps) (?:going to |gonna )?"
    r"(?:shorten|cut short|get worse|get any worse|go downhill|progress|kill) (?:much |quickly |fast |quick )?"
    r"(?:for (?:him|her|me|us|my \w+)|(?:his|her|my|our) (?:life|lifespan|time))\b"
    # "is he dying soon?", "will my daughter with SMA ever be able to walk?"
    r"|\b(?:is|are) (?:he|she|my \w+) dying\b"
    # "in my own case, at 71, how many years might I expect?"
    r"|\bin (?:my|his|her) (?:own )?case\b"
    # "is it worth me asking for it?", "would riluzole help her?": a medicine decision for one person
    r"|\b(?:is it|it is|its) worth (?:me|him|her|us|my \w+) (?:asking|trying|getting|taking|having|going)\b"
    # "is riluzole something i should be asking for?", "should we push for a feeding tube?"
    r"|(?<!what )(?<!which )(?<!who )\b(?:should|shall|ought) (?:i|we|he|she|my \w+) (?:to )?(?:be )?"
    r"(?:ask|asking|push|pushing|request|requesting|demand|demanding) (?:for|about)\b"
    + _NOT_SEEING_SOMEONE
    + r"|\b(?:i|we|he|she) (?:should|ought to) (?:be )?(?:ask|asking|push|pushing|request|requesting) for\b"
    + _NOT_SEEING_SOMEONE
    + r"|\b(?:would|will|could|might) (?:riluzole|edaravone|the medicines?|the drugs?|the tablets?|the pills?) "
    r"(?:help|work for|do anything for) (?:him|her|me|us|my \w+)\b"
    # "she worked with pesticides for years, is that why she got it?": the cause in one person
    r"|\bis (?:that|this|it) (?:why|the reason|what caused|how) (?:he|she|i|my \w+) (?:got|has|have|ended up with|"
    r"developed) (?:it|this|that|mnd|als|pls|pma|pbp|sma|kennedys?|pps)\b"
    # "does that mean he's got the inherited kind?", "have I got the common one or a rare one?"
    r"|\bmean (?:that )?(?:ive|hes|shes|i ve|he s|she s|i have|he has|she has|my \w+ has) (?:got )?(?:the|a|an) "
    r"(?:\w+ )?(?:kind|type|one|form|sort)\b"
    r"|\b(?:have|has) (?:i|he|she|my \w+) got (?:the|a|an) (?:\w+ )?(?:kind|type|one|form|sort)\b"
    r"|\bhow (?:many|much) (?:more )?(?:years|months|time)\b.{0,30}\b(?:i|he|she|we)\b.{0,25}"
    r"\b(?:have|got|left|expect)\b"
    r"|\bwill (?:my|our) \w+ with (?:\w+ ){1,3}?(?:ever |still )?(?:be able|walk|talk|live|need|get|survive)\b"
    r"|\bhow long (?:(?:he|she|i|we) (?:s|has|have|ve)|hes|shes|ive) (?:got|left)\b"
)
# Other ways of asking for a judgement on one person, beyond the two above: "should I be worried?",
# "what are his chances?". A message the classifier took for personal advice that has none of these
# is answered as a question (see actions/safety.py).
_JUDGEMENT = re.compile(
    # ("should I see someone about it?", "should I get it looked at?" ask when to see a provider)
    r"\bshould (?:i|he|she|we|my \w+) (?:be )?(?:worried|worry|concerned|panic|ask|push|insist)\b"
    r"|\b(?:do|does|did) (?:i|he|she|my \w+) (?:have|need|qualify)\b"
    r"|\bwhat (?:are|is|are the|is the) (?:my|his|her|our|their) (?:chances?|prognosis|outlook|odds|life expectancy)\b"
    r"|\bhow long (?:do|does|have|has|will|would) (?:i|he|she|we|my \w+)\b"
    r"|\b(?:am|is) (?:i|he|she|my \w+) (?:dying|going to die|going to get|getting)\b"
    r"|\b(?:think|worried|scared|afraid|fear|sure|suspect) (?:that )?(?:i|he|she|my \w+)"
    r"(?:ve| have| has| might| may| could)? (?:got|have|has|having|developing|get)\b"
    r"|\b(?:diagnose|assess|check) (?:me|him|her|my \w+)\b|\btell me (?:if|whether) (?:i|he|she|my \w+)\b"
    r"|\bwhich (?:medicines?|drugs?|treatments?|pills?|tablets?) should\b"
    r"|\bwhat do you (?:think|reckon)\b|\bwhat (?:could|might) (?:it|this|that) be\b|\bwhats? wrong with\b"
    r"|\bshould (?:i|he|she|we|they|my \w+) (?:switch|change|sign up|join|enrol|enroll|take part|have|get|do|go)\b"
    # ("should we have spotted it sooner?" looks back in regret: that it is no one's fault, not a decision)
    r"(?! (?:spotted|seen|noticed|known|caught|stopped|prevented|done something|realised|realized|picked)\b)"
    + _SEEN_TO
    + r"|\b(?:which|what) (?:type|kind|form|sort)\b.{0,25}\b(?:i|he|she|my \w+) (?:have|has|got|ve got)\b"
    r"|\blook at (?:my|his|her|our) symptoms\b"
    r"|\b(?:is|could|might) (?:this|that|it) (?:be )?(?:serious|normal)\b"
)
# "Is this…?", "could it be…?": about what the person has just described.
_THIS = re.compile(
    r"\b(?:is this|could this be|could it be|might this be|might it be)\b"
    # "legs weak, no pain. does that sound like MND to u?": what was just described, judged
    r"|\b(?:does|do|would) (?:that|this|it|these|all that|all this) (?:sound|seem|look) like\b"
)
# "I've had twitches… Is this how it starts?"
_HOW_IT_STARTS = re.compile(r"\b(?:is|could) (?:this|that) (?:be )?how (?:it|mnd|als|pls|pma|pbp) (?:starts|begins)\b")
# Someone in particular: the person writing or the one they write about.
_FIRST_PERSON = re.compile(r"\b(?:i|im|ive|my|me|mine|he|hes|she|shes|his|her)\b")


# Saying what is NOT asked: "im not asking you to tell me if ive got it but what tests…", "i know you cant
# diagnose me, but…". That part is left out before looking for a request about one person.
_NOT_ASKING = re.compile(
    r"\b(?:(?:im|i am|i m|not that im|this isnt|this is not|i dont want you|i do not want you|i wont ask you|"
    r"not|without) (?:asking|expecting|wanting|requesting|after) (?:for )?(?:you )?(?:to )?"
    r"|(?:i|we) (?:know|understand|realise|realize|get) (?:that )?you (?:cant|cannot|can not|arent able to|wont) )"
    r"(?:tell|say|diagnose|give|know|judge|work out|decide)\b[^.?!;]*?(?=\bbut\b|\bjust\b|[.?!;]|$)"
)


def without_disclaimers(text: str) -> str:
    """``text`` (normalised or not) without what it says it is not asking."""
    return _NOT_ASKING.sub(" ", text)


def asks_for_one_person(text: str) -> bool:
    """Whether a clause of ``text`` asks what will happen to one person, whether they have or carry it, or
    what they should do ("will it spread to her legs?", "could she be carrying it?")."""
    return any(_PREDICTION.search(without_disclaimers(normalise(clause))) for clause in CLAUSES.split(text))


def about_one_person(text: str, slugged: str) -> bool:
    """Whether ``text`` asks whether one person has a condition, what will happen to them or what they
    should do (``slugged``: its normalised words with condition names as their slugs)."""
    plain = without_disclaimers(normalise(text))
    slugged = without_disclaimers(slugged)
    return bool(
        (_PERSONAL.search(slugged) and (_FIRST_PERSON.search(plain) or _THIS.search(plain)))
        or asks_for_one_person(text)
        # "Ive had twitches in my arm since my sister died of ALS. Is this how it starts?"
        or (_FIRST_PERSON.search(plain) and _HOW_IT_STARTS.search(plain))
        or (bool(_WORRY.search(slugged)) and not _asks_besides_worry(text))
    )


def _asks_besides_worry(text: str) -> bool:
    """Whether a sentence of ``text`` other than the fear of having it asks something."""
    return any(asks(s) for s in sentences(text) if not _WORRY.search(normalise(s)))


def asks_a_judgement(plain: str) -> bool:
    """Any other way of asking for a judgement on one person ("should I be worried?"), on normalised text."""
    return bool(_JUDGEMENT.search(without_disclaimers(plain)))


# How it passes down a family, asked of one family: "could my mum be a carrier?", "could he have inherited it off
# his dad?", "will she be able to pass it on if she has kids?". The material says what it says of inheritance (and
# that it says no more), which answers these; whether the asker carries it is a judgement ("could I be a carrier?").
_PASSING_ON = re.compile(
    r"\bpass(?:ed|ing)? (?:it|this|that|the gene) (?:on|down)\b|\binherit(?:ed)? (?:it|this|that)\b"
    r"|\b(?:get|got|getting) (?:it|this|that) (?:off|from) (?:me|him|her|his|their|my|our|us|them)\b"
    r"|\bcarriers?\b|\bcarry (?:it|the gene)\b"
)
_OWN_CARRIER = re.compile(r"\b(?:could|might|am|can|may) i (?:be )?(?:a )?(?:carrier|carrying)\b|\bim a carrier\b")


def asks_how_it_passes(text: str) -> bool:
    """Whether ``text`` asks how it passes down one family, not whether the asker carries it."""
    plain = without_disclaimers(normalise(text))
    return bool(_PASSING_ON.search(plain)) and not _OWN_CARRIER.search(plain)


# "And me?", "what about him?": the last question about one person.
_AND_ME = re.compile(r"^(?:and|what about|how about|but) (?:for )?(?:me|him|her|mine|his|hers|in my case)\W*$")
# The topics where that asks a judgement on one person: how it will go, whether they will get it.
_FOR_ONE = frozenset({"outlook", "risk_factors", "inheritance"})


def asks_again_for_one(text: str | None, last_topic: str | None) -> bool:
    """Whether ``text`` asks the last question again about one person ("how long do people usually live with
    it?", then "and me?")."""
    return bool(text) and last_topic in _FOR_ONE and bool(_AND_ME.match(normalise(text or "")))
