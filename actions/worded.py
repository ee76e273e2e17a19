"""Wordings whose topic is plain from the grammar, which a bag-of-words classifier can miss: "what does
it cause?" asks for its effects, unlike "what causes it?"; "which part of the nervous system is it?"
asks which motor neurons."""

from __future__ import annotations

import re

from bot.facts.text import normalise
from bot.facts.words import asks, sentences

_TOPIC_BY_WORDING = [
    # "what does it cause?" (its effects), unlike "what causes it?"
    (
        re.compile(
            r"\bwhat (?:else )?(?:does|do|can|will|would) (?:it|this|that|they|\w+(?: \w+){0,4}?) "
            r"(?:actually |really )?cause\b"
            r"|\bwhat (?:does|do|will|would|can) (?:it|this|that|they|\w+) "
            r"(?:actually |really |even |usually |normally |typically |generally )?do to "
            r"(?:you|u|people|the body|him|her|them|me|a baby|babies|a child|children|kids|someone|a person|"
            r"(?:his|her|their|the|my|your) (?:\w+ )?(?:muscles|body|baby|child))\b"
            # "so what does that mean for my muscles?": what it does to them
            r"|\bwhat (?:does|will|would|could) (?:that|this|it) mean for (?:my|his|her|their|our|the|your) "
            r"(?:muscles?|body|legs|arms|hands|speech|breathing|walking|swallowing)\b"
        ),
        "symptoms",
    ),
    # "what does PBP attack?", "what part does PMA attack?", "what's actually being damaged in him?": which
    # motor neurons
    (
        re.compile(
            r"\bwhat (?:part |parts |nerves |cells |bit )?(?:does|do) (?:it|this|that|they|\w+) "
            r"(?:attack|target|damage|destroy|kill)\b"
            r"|\bwhat(?:s| is| are| exactly is| exactly| actually is)? (?:actually |exactly |really )?"
            r"(?:being|getting) "
            r"(?:damaged|attacked|destroyed|harmed|killed)\b"
        ),
        "upper_lower",
    ),
    # "which muscles are the last to be hit?", "what parts of the body go first?": where it shows
    (
        re.compile(
            r"\b(?:which|what) (?:muscles|body parts|parts of (?:the|his|her|my) body|bits of (?:the|his|her|my) body) "
            r"(?:are|get|go|does it|do they|will|would|is it)\b(?: \w+){0,4}? (?:hit|affected|first|last|weak\w*|"
            r"attacked|go|goes|affect|hit)\b"
        ),
        "symptoms",
    ),
    # "at what point should someone get this looked at?", "should he get it checked?": when to see a provider
    (
        re.compile(
            r"\b(?:get|getting|have|having) "
            r"(?:it|this|that|them|these|him|her|me|myself|things|my \w+|his \w+|her \w+) "
            r"(?:looked at|checked(?: out| over)?|seen to|examined)\b"
        ),
        "when_to_see_provider",
    ),
    # "what would the doctor be looking for?", "what do they check for?", "what tests would they have done?",
    # "do doctors look at whether it hurts?": how it is diagnosed
    (
        re.compile(
            r"\b(?:what|which) (?:tests?|scans?|investigations?|checks)\b(?! (?:are there for (?:carers|families)))"
            r"|\b(?:do|does|will|would) (?:the )?(?:doctors?|neurologists?|consultants?|they) (?:look at|check|test)\b"
            r"|\bwhat (?:would|will|do|does|did|might|are) (?:the |a |his |her |my |your )?"
            r"(?:doctors?|gps?|neurologists?|consultants?|specialists?|they) (?:be )?(?:look|looking|check|checking|"
            r"test|testing) (?:for|at)\b"
        ),
        "diagnosis",
    ),
    # "what symptoms should they expect?", "what signs are there?": its signs (however "as it goes on" leans)
    (re.compile(r"^(?:so |and |ok )?(?:what|which) (?:symptoms|signs)\b"), "symptoms"),
    # "is there a name for weakness coming back after polio?", "what is it called?": what it is
    (re.compile(r"\bis there a (?:name|word|term) for\b|\bwhat(?:s| is) (?:it|that|this) called\b"), "definition"),
    # "what signs should we look out for?", "what should staff watch for": its signs
    (
        re.compile(
            r"\bwhat (?:signs|symptoms|changes|things|should) (?:\w+ ){0,3}?(?:look out for|watch (?:out )?for|"
            r"keep an eye out for|be on the lookout for)\b"
        ),
        "symptoms",
    ),
    # "how long after polio can it come on?", "how many yrs after?": when it appears after the first illness
    (
        re.compile(
            r"\bhow (?:long|many (?:years|yrs|decades)|soon) after (?:the |having |getting |catching )?(?:polio|"
            r"original (?:illness|infection)|first illness|infection|recovery|recovering|they got better)\b"
            r"|^(?:and |so )?how (?:long|many (?:years|yrs|decades)) after\W*$"
        ),
        "risk_factors",
    ),
    # "what does PPS come from in the first place?", "where does it come from?": what causes it
    (
        re.compile(
            r"\b(?:where|what) (?:does|did|do) (?:it|this|that|they|\w+) (?:actually )?(?:come|stem|originate) from\b"
        ),
        "causes",
    ),
    # "the stiffness is the worst bit, why does that happen?": which motor neurons, and what their damage does
    (
        re.compile(
            r"\b(?:stiffness|stiff|weakness|wasting|twitching|thinner|overactive reflexes)\b.{0,40}"
            r"\bwhy (?:does|do|is|would) (?:that|this|it) (?:happen|happening)\b"
            # "why is she stiff rather than weak?", "why are his legs so tight?"
            r"|\bwhy (?:is|are|does|do|did|has|have) (?:she|he|they|it|her \w+|his \w+|my \w+) (?:so |getting |got |"
            r"gone |go |get )?(?:stiff|tight|rigid|floppy|wasting|shrinking|thin|thinner|twitch\w*)\b"
        ),
        "upper_lower",
    ),
    # "is post polio syndrome a real thing?", "is PLS an actual thing?": what it is
    (
        re.compile(
            r"\bis (?:\w+ ){1,4}?(?:a real thing|real|a thing|an actual thing|a proper thing|a real condition)\W*$"
        ),
        "definition",
    ),
    # "does it get easier to tell later on?", "is it hard to spot early?": telling it is MND
    (
        re.compile(
            r"\b(?:easier|harder|hard|easy|difficult|tricky) to (?:tell|spot|diagnose|pick up|confirm|be sure)\b"
        ),
        "diagnosis",
    ),
    # "how long does it take to get there?", "is it normal for it to take years to get that far?": how it goes
    (
        re.compile(
            r"\bhow long (?:does|will|would|can|might) (?:it|that|this) take to (?:get|reach|spread|go)\b"
            r"|\btakes? (?:years|months|decades|ages|a long time) to (?:get|reach|spread|go)\b"
        ),
        "outlook",
    ),
    # "is it serious?", "how bad is it?", "is that one deadly?": how it goes
    (
        re.compile(
            r"\b(?:is|s|are|was) (?:it|that|this|that one|this one|they|\w+) (?:very |really |always |so )?"
            r"(?:serious|bad|deadly|fatal|dangerous|life threatening|terminal)\b"
            r"|\bhow (?:serious|bad|deadly|dangerous) (?:is|are|s)\b"
        ),
        "outlook",
    ),
    # "…a bit twitchy. what are the different types of mnd": which types there are
    (
        re.compile(
            # (only asking which there are: "which types of mnd mostly affect men" asks across them)
            r"\b(?:what|which) (?:are )?(?:the )?(?:different |various |main )?(?:types|kinds|forms|sorts) "
            r"(?:of (?:mnd|motor neurone? disease|motor neurone? diseases)(?: (?:are there|exist|there are))?"
            r"|are there)"
            r"(?: (?:for me|please|then))?\W*$"
            r"|\bhow many (?:different )?(?:types|kinds|forms|sorts) of (?:mnd|motor neurone? disease)\b"
        ),
        "types",
    ),
    # "where abouts in the body are motor neurons?", "are motor neurones in the brain or the spinal cord?": what
    # and where they are (the upper and lower ones' own places are asked as such)
    (
        re.compile(
            r"\bwhere (?:abouts )?(?:in the body )?(?:are|is|do|does|would you find) (?:the |your |our )?"
            r"motor (?:neurone?s?|nerves?)\b"
            r"|\b(?:are|is) (?:the |your )?motor (?:neurone?s?|nerves?) (?:found |located )?(?:in|inside) "
            r"(?:the |your )?(?:brain|spine|spinal cord|muscles|body)\b"
        ),
        "definition",
    ),
    # "what non genetic things might be involved?": the other causes, not inheritance
    (
        re.compile(r"\b(?:non|other than|apart from|besides|aside from) ?(?:genetic|inherited|hereditary|genes?)"),
        "causes",
    ),
    # "which gene causes it?" (what causes it), "which gene is it?" (how it is inherited)
    (re.compile(r"\b(?:which|what) genes? (?:\w+ )?(?:causes?|caused|is behind|leads? to)\b"), "causes"),
    (re.compile(r"\b(?:which|what) genes? (?:is it|is involved|is that|do they mean|are involved)\b"), "inheritance"),
    # "he coughs when he eats. is that the kind of thing it does?": one of its effects
    (
        re.compile(
            r"\b(?:kind|sort|type) of (?:thing|things|symptoms?|problems?) (?:that )?(?:it|that|this|they|\w+) "
            r"(?:does|do|causes?|gives?|brings?)\b"
        ),
        "symptoms",
    ),
    # "is twitching one of them?" after its signs: whether that is one of its signs (not "is PLS one of them?")
    (
        re.compile(
            r"^(?:and |so |but )?(?:is|are|isnt|arent) (?!it\b|that\b|this\b|they\b|(?:als|pls|pma|pbp|sma|pps|mnd|"
            r"kennedys?|the \w+ one)\b)(?:\w+ ){1,3}(?:one of (?:them|those|the signs|the symptoms)|among them)\W*$"
        ),
        "symptoms",
    ),
    # "i thought mnd wasn't meant to cause pain?", "can PLS cause cramps?": whether it has that effect (a sign),
    # not what causes it
    (
        re.compile(
            r"\b(?:cause|causes|causing) (?:any |much |a lot of |some )?(?:pain|numbness|aches?|"
            r"aching|cramps?|cramping|tingling|pins and needles|stiffness|twitch\w*|spasms?|tiredness|fatigue|"
            r"weakness|drooling|choking|slurred speech|problems with|trouble with|difficulty with)\b"
        ),
        "symptoms",
    ),
    # "i keep thinking i brought it on myself", "is it my fault?": living with it, and that it is no one's fault
    (
        re.compile(
            r"\b(?:my|his|her|their|our) (?:own )?fault\b|\bblam\w* (?:myself|himself|herself|ourselves|me)\b"
            # "could we have done anything?", "should I have seen it coming?"
            r"|\b(?:could|should|would|might) (?:i|we|he|she|they) have (?:done|stopped|prevented|seen|spotted|"
            r"caught|noticed)\b"
            r"|\b(?:brought|bring|brings|bringing) (?:it|this|that) on "
            r"(?:myself|himself|herself|themselves|ourselves)\b"
        ),
        "coping",
    ),
    # "and when it's not inherited?": the other causes
    (
        re.compile(
            r"\b(?:when|that|which|where|if) (?:it |its |it s |it is |they |are |is )?(?:not|arent|isnt) "
            r"(?:inherited|genetic|in the family|passed down)\b"
        ),
        "causes",
    ),
    # "what kind of professionals should be involved in his care": who helps
    (
        re.compile(
            r"\b(?:what|which|who) (?:kind of |kinds of |sort of |type of )?(?:professionals?|specialists?|doctors|"
            r"people|experts|therapists|health ?care workers)\b.{0,30}\binvolved in (?:his|her|their|my|our|the) care\b"
        ),
        "treatment",
    ),
    # "what are the chances it happens again?", "what about our next baby?": whether it is passed on again
    (
        re.compile(
            r"\b(?:happens?|happening|get it|have it|be affected) again\b"
            r"|\b(?:next|another|second|future|other) (?:baby|babies|child|children|pregnancy|pregnancies|kids?)\b"
        ),
        "inheritance",
    ),
    # "is that one the most common?", "is ALS the most common one?": what it is, which says it is the most common
    # (not "is ALS the commonest type of MND?": where it stands among the types)
    (
        re.compile(
            r"\b(?:is|was) (?:it|that|this|that one|this one|\w+) the (?:most common|commonest)"
            r"(?: one)?\W*$"
        ),
        "definition",
    ),
    # "I thought it only happened to babies", "does it just affect men?": whom it affects
    (
        re.compile(
            r"\b(?:only|just|mainly|mostly) (?:happens?|happened|affects?|affected|hits?|gets?|goes for) (?:to )?"
            r"(?:babies|kids|children|men|women|old people|older people|the elderly|adults|young people)\b"
        ),
        "risk_factors",
    ),
    # "do the meds for it actually make people live longer?", "does the medicine work?": what helps
    (
        re.compile(
            r"\b(?:do|does|will|would|can|could) (?:the |these |those |his |her |any )?(?:meds|medicines?|medications?|"
            r"drugs?|tablets|pills|treatments?)\b"
        ),
        "treatment",
    ),
    # "can you give me a quick rundown of the MND types": which types there are
    (
        re.compile(
            r"\b(?:rundown|run down|overview|summary|list|run through|breakdown) of (?:all )?(?:the )?(?:different )?"
            r"(?:mnd |main )?(?:types|kinds|forms)\b"
        ),
        "types",
    ),
    # "could my kids get it?", "can our daughters inherit it from him?": whether it is passed on
    (
        re.compile(
            r"\b(?:can|could) (?:my|our|his|her|their|the) (?:kids|children|child|sons?|daughters?|grandkids|"
            r"grandchildren|family|baby|babies|boys|girls) (?:\w+ )?(?:get|inherit|catch) (?:it|this|that)\b"
        ),
        "inheritance",
    ),
    # "my grandad had motor neurone disease btw, does that change anything?", "my sister had dementia, the
    # frontal type. is that connected at all?": one's own risk
    (
        re.compile(
            # "there's a type of dementia linked to a higher chance of MND isn't there?": a risk
            r"\b(?:dementia|ftd)\b(?: \w+){0,6} (?:linked|connected|related|tied)\b"
            r"|\bdoes (?:that|this|it) (?:change anything|matter|mean anything|make (?:a|any) difference|"
            r"affect (?:me|my|us|our)|(?:raise|increase|up) (?:my|the|our) (?:risk|chances?))\b"
            r"|\b(?:is|could|are|might) (?:that|this|it|they|those) (?:be )?(?:connected|linked|related)"
            r"(?: (?:at all|in any way|somehow|then|too))?\W*$"
        ),
        "risk_factors",
    ),
    # "will it just keep getting worse?", "does it get worse over time?", "will she stay the same?": how it goes
    (
        re.compile(
            r"\b(?:keep|keeps|keep on|continue to|carry on) (?:getting|get|going) (?:worse|weaker|downhill)\b"
            r"|\b(?:get|gets|getting) (?:worse|weaker) (?:over time|with time|and worse|as time goes on)\b"
            r"|\b(?:stay|stays|staying) (?:the same|as (?:it|he|she) is|stable)\b|\bstop getting worse\b"
        ),
        "outlook",
    ),
    # "does that hit younger people as well?", "isn't he young for it?": whom it affects, by age
    (
        re.compile(
            r"\b(?:hit|hits|affect|affects|strike|strikes|happen to|happens to|get|gets)\b.{0,15}"
            r"\b(?:younger|older|young|old|elderly) (?:people|adults|men|women|ones|folk|patients)\b"
            r"|\b(?:too |very |quite |so )?(?:young|old) (?:for|to get|to have) (?:it|that|this|mnd|als|pls|pma|pbp)\b"
        ),
        "risk_factors",
    ),
    # "what do they do to work out if it's that?", "how will they find out whether it is?": how it is diagnosed
    (
        re.compile(
            r"\b(?:work out|find out|figure out|tell|check|confirm|know for sure) (?:if|whether) "
            r"(?:it is|its|it s|thats|that is|it might be|i have|ive got|he has|hes got|she has|shes got|"
            r"(?:i|he|she) (?:has|have|got))\b"
            r"|\bhow (?:do|does|will|would|can|could) (?:they|doctors|the doctors|the neurologist|a neurologist|you|"
            r"the hospital) (?:actually )?(?:test|check|find out if|work out if|confirm)\b"
        ),
        "diagnosis",
    ),
    # "does PLS ever turn into ALS?", "can PMA develop into ALS later?": how it goes on
    (
        # (not "who to turn to", "changing to a softer diet")
        re.compile(
            r"\b(?:turns?|turned|turning|develops?|developing|changes?|changing|evolves?) "
            r"(?:into|to (?:als|pls|pma|pbp|sma|mnd|kennedys|pps|another|the other|something|full|proper))\b"
        ),
        "outlook",
    ),
    # "the second one, which motor neurones?", "what kind of neurons does it hit": which motor neurons
    (
        re.compile(
            r"\bwhich (?:motor )?neur[oa]ne?s\b|\bwhat (?:kind|type|sort) of (?:motor )?neur[oa]ne?s?\b"
            r"|\bwhat (?:motor )?neur[oa]ne?s\b"  # "pbp wat neurons" (text-speak read as words first)
        ),
        "upper_lower",
    ),
    # "and where are they located?", "where are motor neurons found in the body?": which motor neurons sit where
    (
        re.compile(
            r"\bwhere (?:are|do|abouts are) (?:they|these|those|(?:the )?(?:upper |lower )?(?:motor )?neur[oa]ne?s"
            r"|(?:the |these |those )?(?:nerve )?cells) (?:actually )?(?:located|found|situated|based|live|sit|kept)\b"
        ),
        "upper_lower",
    ),
    # "is it normal for PMA to show up at his age?", "how can someone so young get it?": whom it affects
    (
        re.compile(
            r"\bat (?:his|her|my|their|your|our|this|that|such an?) (?:young )?age\b|\b(?:so|this|that) young\b"
            r"|\b(?:show|turn|come|start) (?:up|on) (?:so |this |that )?(?:young|early)\b"
        ),
        "risk_factors",
    ),
    # "is that part of it?", "is being cold a thing with it?", "is it normal with PPS?", "is that among them?": is
    # this one of its signs
    (
        re.compile(
            r"\b(?:is|are|could|might) (?:that|this|it|these|those) (?:also )?(?:among|amongst) "
            r"(?:them|those|the signs|the symptoms)\b"
            r"|\b(?:is|are|could|can|would|might) (?:that|this|it|these|those|(?:being |feeling )?(?!more|less)\w+"
            r"(?: (?:all the time|a lot|so much|constantly|every day|at night))?) "
            r"(?:be )?(?:just )?(?:a |one of the |another )?(?:part of|sign of|signs of|symptom of|symptoms of|"
            r"thing with|thing in|normal (?:with|in|for)|usual (?:with|in|for)|typical (?:of|with|in|for))\b"
            r"|\bwhat (?:else )?(?:is|are|comes|goes) (?:a )?(?:part|parts|sign|signs|symptom|symptoms|with) of "
            r"(?:it|this|that)\b"
        ),
        "symptoms",
    ),
    # "her legs are so stiff, is that because of it?": whether it is one of its signs
    (
        re.compile(
            r"\b(?:is|are|could|might) (?:that|this|these|those) (?:be )?(?:because of|due to|from|caused by) it\b"
            # "is that the illness?", "is because of this illness?" after something seen
            r"|\b(?:is|are|could|might) (?:that|this|these|those|it) (?:be )?(?:the|her|his|their|my) "
            r"(?:illness|disease|condition)\W*$"
            r"|\b(?:is|it is|its) (?:because of|due to|from|caused by) (?:this|that|the|her|his) (?:illness|disease|"
            r"condition)\b"
        ),
        "symptoms",
    ),
    # "is it from the mum's side?", "does it skip a generation?", "dominant or recessive?": how it is inherited
    (
        re.compile(
            r"\b(?:mums?|mothers?|moms?|mams?|dads?|fathers?) side\b|\bside of the family\b"
            r"|\bskips? (?:a |the )?generations?\b|\b(?:dominant|recessive)\b"
        ),
        "inheritance",
    ),
    # "why does polio hit motor neurons?", "how come it damages the nerves?": what causes the damage
    (
        re.compile(
            r"\b(?:why|how come|what makes)\b(?: \w+){0,4} (?:hits?|damages?|attacks?|harms?|kills?|destroys?|"
            r"targets?|goes? for|affects?) (?:the )?(?:motor )?(?:neurone?s|nerves?|nerve cells)\b"
        ),
        "causes",
    ),
    # "how do you get SMA?", "how do babies get it?": what causes it
    (
        re.compile(
            r"(?:^|\b(?:so|and|but|then|wondering|know|understand|ask)\s|\b(?:it|that|this|him|her|us) )"
            r"how (?:do|does|did|can|would|could) (?:you|u|people|babies|kids|children|someone|anyone|"
            r"a baby|a child|he|she|they|i|we|my \w+|our \w+) (?:get|got|catch|end up with|develop) "
            # ("how do u get kenedys diseas": a name however typed; not "how do you get it diagnosed")
            r"(?:it|this|that|mnd|als|pls|pma|pbp|sma|kennedys|pps|\w+ (?:disease|diseas|disese|syndrome))\b"
            r"(?! (?:diagnosed|checked|tested|confirmed|looked at|treated|under control|sorted|seen|managed))"
        ),
        "causes",
    ),
    # "is it catching?", "is SMA contagious?", "can you catch it?": what causes it (the material says what does)
    (
        re.compile(
            r"\b(?:catching|catchy|contagious|infectious)\b|\bcan (?:you|i|we|people|he|she) catch (?:it|this|that)\b"
        ),
        "causes",
    ),
    # "does it cause the swallowing trouble?", "will it make her tired?", "does it stop you eating?": its effects
    (
        re.compile(
            r"\b(?:does|do|can|could|will|would|did) (?:it|this|that|they) (?:also )?(?:cause|give|bring on|lead to|"
            r"make (?:you|people|them|him|her|me|us) (?:so |more |very )?(?:tired|weak|weaker|cold|stiff|sick|ill|"
            r"choke|cough|fall|drool|slur|twitch|cramp|shake|lose)|stop (?:you|people|them|him|her|me|us) \w+ing|"
            r"spread)\b"
            r"|\bwhat (?:order|sequence) does (?:it|this|that) (?:go|happen|come|spread)\b"
            # "what order do things go in", "order of progression?": how it moves through the body
            r"|\b(?:what|which) (?:order|sequence) (?:do|does|did) (?:things|symptoms|they|the symptoms)\b"
            r"|\border of (?:progression|spread|symptoms|things|events)\b|\bin what order\b"
        ),
        "symptoms",
    ),
    # "I didn't like to ask the doctor what it actually is", "what should I know about it?": what it is
    (
        re.compile(
            # (not "what that means for her", what it will do to someone)
            r"\bwhat (?:it|this|that|pbp|pls|pma|als|sma|pps|mnd) (?:actually |really |exactly )?(?:is|means)\b"
            r"(?! for (?:him|her|them|me|us|my|his|our|their|the family|people|someone|you)\b)"
            r"|\bwhat (?:even|actually|exactly|really) is (?:it|this|that)\b"
            r"|\bwhat (?:should|do|would|must) (?:i|we) (?:need to |have to )?(?:know|understand) about "
            r"(?:it|this|that)\b"
            r"|\bis there (?:such a thing as|a thing called|something called|an illness called)\b"
        ),
        "definition",
    ),
    # "How does it progress?", "how will it develop?", "what are the stages of it?": how it goes over time
    (
        re.compile(
            r"\bhow (?:does|will|do|would) (?:it|this|that|they|\w+s one) (?:usually |normally |typically |generally )?"
            r"(?:progress|develop|advance|go on)\b"
            r"|\b(?:what|which) (?:are )?(?:the )?(?:different |main |usual )?stages\b(?! of (?:diagnos\w*|testing))"
        ),
        "outlook",
    ),
    # "is it a motor neurone disease?", "is PPS counted as one of the MNDs?": where it stands among the types
    (
        re.compile(
            r"^(?:so |and |but |ok )?(?:is|isnt|was) (?:it|that|this) (?:actually |really |also |even )?"
            r"(?:counted as |classed as |classified as |considered |seen as )?(?:a |an |one of the )?"
            r"(?:(?:type|kind|form|sort) of )?(?:motor neurone? diseases?|mnds?)\b"
        ),
        "types",
    ),
    # "the last one, who gets that?", "who usually gets it?": whom it affects
    (
        re.compile(
            r"\bwho (?:usually |mostly |normally |typically |else )?(?:gets?|has|can get|is affected by) "
            r"(?:it|that|this|them|those|that one)\b"
        ),
        "risk_factors",
    ),
    # "Which motor neurones does that one affect?": which motor neurons
    (
        re.compile(
            r"\b(?:which|what) (?:motor )?(?:neurone?s?|nerves?) (?:does|do|did|will|would) (?:it|that|this|that one|"
            r"they|hers|his|\w+) (?:affect|attack|damage|hit|target|go for|involve|take)\b"
        ),
        "upper_lower",
    ),
    # "which part of the nervous system is it?": which motor neurons
    (
        re.compile(
            r"\b(?:which|what) (?:part|parts|bit|bits) of the (?:nervous system|nerves|nerve pathway|pathway|brain)\b"
        ),
        "upper_lower",
    ),
    # "is there another name for it?", "what else is it called?", "who was Lou Gehrig?": its names, which
    # its definition gives
    (
        re.compile(
            r"\b(?:other|another|alternative|different|full|proper|medical|real|official|older|old) names?\b"
            r"|\bwho (?:was|is) (?:lou |mr )?(?:gehrig|gehrigs|kennedy|kennedys|he)\b|\bnamed after\b"
            r"|\bwhat else (?:is|are) (?:it|this|that|they) (?:called|known as)\b"
        ),
        "definition",
    ),
    # "how can I make the nights easier for her?", "what can I do to help him?", "mum cries every night. what
    # helps?": coping, for the person and those around them
    (
        re.compile(
            r"\bwhat (?:can|could|should|do) (?:i|we) do (?:to|for) (?:help|support|make|cheer|comfort)\b"
            r"|\bhow (?:can|could|do|should) (?:i|we) (?:best |properly |really )?(?:help|support|comfort|cheer|"
            r"look after|care for|make (?:\w+ ){0,3}easier)\b"
            # "is there anything for carers like me?", "any help for people like us?"
            r"|\b(?:is there|are there|any) (?:anything|something|any help|any support|help|support|services?) "
            r"(?:out there )?for (?:carers?|caregivers?|famil\w*|me|us|parents|partners|relatives|"
            r"people like (?:me|us))\b"
            # "how do I explain what's happening to the little ones?"
            r"|\bhow (?:do|can|should|could|would) (?:i|we) (?:explain|tell|talk to|break (?:it|the news) to)\b"
            r"|\bwhat helps\W*$"
        ),
        "coping",
    ),
    # "What to do for Progressive bulbar palsy ?", "what drugs do they give people with MND": what helps
    (
        re.compile(
            r"^(?:so |and )?what (?:else )?(?:to do|can (?:be|you|we|i) do(?:ne)?|is done|do you do|do they do) "
            r"(?:for|about)\b"
            # "…struggling to swallow now. What do they usually do about that?"
            r"|\bwhat (?:do|will|would|can|could|might) (?:they|the doctors?|doctors|the team|the nurses?) (?:usually |"
            r"normally |typically |generally |actually )?do (?:for|about) (?:it|that|this|them|those|the \w+)\b"
            r"|\b(?:what|which|any) (?:drugs?|medicines?|medications?|meds|tablets|pills|painkillers|pain killers|"
            r"pain relief|pain medicines?)\b"
        ),
        "treatment",
    ),
    # "do they work for Kennedy's too?" (the medicines just named), "who should be in her care team?": what helps
    (
        re.compile(
            r"(?<!how )\b(?:do|does|would|will|can|could|did) (?:they|it|these|those|them|the (?:meds|medicines|drugs|"
            r"tablets)) (?:also |even |actually )?(?:work|help) (?:for|with|in|on|against)\b"
            r"|\b(?:what|which|who) (?:kind of |kinds of |sort of |type of )?(?:professionals?|specialists?|doctors|"
            r"people|experts|therapists) (?:should|would|will|could|are|is) (?:be )?(?:in|on|part of) (?:the|his|her|"
            r"their|my|our|a) (?:care |medical |healthcare )?team\b"
            # "what kind of team should be looking after him?", "what does a care team include?"
            r"|\b(?:what|which) (?:kind of |sort of |type of )?(?:care |medical |healthcare )?team\b"
            r"|\b(?:care|medical|healthcare) team (?:usually |normally )?(?:include|involve|have|made up|consist)"
        ),
        "treatment",
    ),
    # "what help is out there for me?", "what support is available?": where to find help and support
    (
        re.compile(
            r"\bwhat (?:help|support) (?:is|s) (?:there|(?:actually |really )?(?:out there|available|on offer))\b"
        ),
        "coping",
    ),
    # "is there anything for the stiffness?", "is there medicine for the pain?": what helps
    (
        re.compile(
            r"\bis there (?:any |a |some )?(?:anything|something|medicine|medication|medicines|drug|drugs|"
            r"tablet|tablets|pill|pills|treatment|cure|therapy) (?:that helps |to help )?(?:for|with)\b"
            # (not "is there anything for carers like me?", which asks for support)
            r"(?! (?:carers?|caregivers?|famil\w*|me|us|parents|partners|relatives|people like)\b)"
        ),
        "treatment",
    ),
]


# "Brother got kennedys disease. what is it": a last sentence that only asks what it is.
# "The one that starts in the hands, what's that one?", "…, what is it called?": the same, after a comma.
_WHAT_IS_IT_LAST = re.compile(
    r"^(?:so |and |ok |but )?(?:(?:what|which) (?:is|s)|whats) (?:it|this|that|that one|this one|the one)"
    r"(?: called)?(?: exactly| then| actually| again)?$"
)
_CLAUSE_END = re.compile(r"[,;:]| - ")


# Feelings said, with nothing asked: "I was diagnosed yesterday. I can't stop crying", "I'm devastated".
# (said of oneself: "his feet are numb" is a sign, "what protein is lost" a question)
_FEELINGS = re.compile(
    r"\b(?:i|im|i m|i am|i feel|i felt|im feeling|we|were|we re|we feel)\b(?: \w+){0,3}? "
    r"(?:cant stop crying|crying|in tears|devastated|heartbroken|broken hearted|gutted|terrified|so scared|"
    r"really scared|frightened|petrified|in shock|numb|overwhelmed|lost|falling apart|a mess|"
    r"dont know what to do|dont know how to feel|cant take it in|cant believe|cant get my head round|"
    r"exhausted|worn out|so tired|shattered|at the end of my rope|dont know who to turn to|(?:so |very )?alone|"
    r"guilty|ashamed|impatient|angry|resentful)\b"
)


def says_feelings(text: str) -> bool:
    """Feelings said of oneself, asking nothing: "I feel so guilty that I get impatient with her"."""
    return bool(_FEELINGS.search(normalise(text))) and not any(map(asks, sentences(text)))


def worded_topic(text: str) -> str | None:
    """The topic ``text``'s wording asks about, if its grammar says so plainly."""
    plain = normalise(text)
    found = next((topic for pattern, topic in _TOPIC_BY_WORDING if pattern.search(plain)), None)
    parts = sentences(text)
    if found is None and says_feelings(text):
        return "coping"  # how it feels, asking nothing: living with it
    if found is None and len(parts) > 1 and _WHAT_IS_IT_LAST.match(normalise(parts[-1])):
        return "definition"
    clauses = _CLAUSE_END.split(text)
    if found is None and len(clauses) > 1 and _WHAT_IS_IT_LAST.match(normalise(clauses[-1])):
        return "definition"
    return found
