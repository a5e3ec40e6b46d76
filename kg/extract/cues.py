"""Vocabulary of attribution: the words that cue a claim and the words that hedge it.

Kept as data so the rules in ``claims.py`` stay readable and the lists can grow without touching
logic. Lemmas are lower-case spaCy lemmas. News attribution is broader than verbs of saying:
annotated corpora (PolNeAR) also count cognition ("believes"), stance ("wants", "calls for") and
evidence verbs ("a poll found"), so those are cues too, but only when they govern a clause or a
quotation (see ``claims.py``), which keeps "found a wallet" from becoming a claim.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string, the readable way to keep lexicons."""
    return frozenset(text.split())


# Verbs of saying: a cue even without a complement clause when a quotation or colon is attached.
SPEECH_VERBS = words("""
say tell claim allege indicate accuse deny warn state add note argue insist announce confirm report write
tweet post assert declare explain stress emphasize emphasise reply respond answer ask acknowledge admit
concede reveal disclose suggest contend maintain repeat reiterate recall remark comment observe point
mention describe call urge demand pledge promise vow predict estimate testify charge complain boast
joke quip shout chant sing yell whisper continue conclude counter retort rebut dispute refute reject
dismiss question lament criticize criticise blast slam condemn praise tout caution advise propose
recommend concede signal hint imply announce brief inform notify assure threaten swear affirm
allude refer
""")

# Verbs of thinking, knowing, finding and wanting: a cue only when they govern a clause.
COGNITION_VERBS = words("""
believe think feel know expect hope fear worry doubt understand agree find show conclude suspect
predict want plan intend decide consider acknowledge realize realise learn hear see recognize
recognise assume guess argue imagine wish estimate project forecast determine rule demonstrate prove
suggest reveal document indicate
""")

CUE_VERBS = SPEECH_VERBS | COGNITION_VERBS

# Verbs of wanting and deciding: "X planned to attack Y" states X's intention (an attribution in
# PolNeAR's sense), but it vouches for no event: an event inside one is attributed by the claim around
# it ("prosecutors said X planned to attack Y"), its mode comes from kg.extract.modality.
INTENT_VERBS = words("want plan intend decide wish hope")

# Nouns that carry an attribution when they take a "that"-clause or a possessive speaker.
CUE_NOUNS = words("""
claim statement allegation assertion accusation warning announcement report belief view argument
suggestion charge denial admission insistence contention remark comment testimony prediction
""")

# Discourse nouns that stand for the most recent speaker's words ("the briefing asserted ...").
DISCOURSE_NOUNS = words("""
briefing statement remarks remark address speech report description narrative account message
announcement comments comment presentation testimony interview letter disclosure disclosures
""")

# Records that can be the source of a finding ("a poll shows ...", "the study found ...").
EVIDENCE_NOUNS = words("""
poll polls survey surveys study studies analysis analyses report reports data research review audit
investigation inquiry probe video footage recording record records document documents figures statistics
count census estimate estimates model projection average averages assessment tally
""")

# Documents and occasions a party issues or speaks at: "X issued a statement calling ...", "she said at a
# news conference announcing ...": the issuer, not the document, is the speaker of the participle.
ISSUED_NOUNS = words("""
statement paper papers letter release conference briefing tweet post memo filing brief report video ad
advertisement op-ed editorial
""")

# Recordings that show someone speaking: "footage of X saying ...", "a video of X asking ...": X speaks.
RECORDING_NOUNS = words("footage video videos recording recordings tape tapes clip clips audio")

# Labels a publication puts before a colon ("Editor's note:", "Correction:", "Two questions:"): not speakers.
EDITORIAL_LABELS = words("""
note correction corrections clarification update updates video photo photos watch warning related editor
question questions disclosure transcript excerpt excerpts advertisement
""")

# Status words. A cue lemma in one of these sets sets the claim's status directly.
ALLEGED_CUES = words("allege claim purport accuse charge")
DENIED_CUES = words("deny reject dismiss refute rebut dispute")
CONFIRMED_CUES = words("confirm acknowledge admit concede")

# Hedges anywhere in the cue's sentence make an otherwise plain assertion an allegation.
HEDGE_WORDS = words("allegedly reportedly purportedly supposedly alleged purported")
HEDGE_PHRASES = ("according to his account", "according to her account", "according to their account",
                 "according to its account", "what he described as", "what she described as",
                 "what they described as", "what it described as")

# nouns that name a person by the role the article gave them ("the spokeswoman said")
ROLE_NOUNS = words("""
spokesman spokeswoman spokesperson senator congressman congresswoman representative governor mayor
president minister secretary ambassador envoy chairman chairwoman chair director chief commander
general judge prosecutor lawyer attorney candidate nominee leader premier chancellor sheriff
""")
PERSON_PRONOUNS = words("he she him her his hers i we me us")
THIRD_PERSON = words("he she him her his hers")
# people named by whom they stand against or beside: the one named after "of" is not among them
RELATIONAL_NOUNS = words("opponent critic supporter ally rival foe enemy detractor fan friend relative neighbour "
                         "neighbor victim")
# verbs of perception: with a bare infinitive or a participle ("see their taxes go up") they report
# what befalls someone; only "see that ..." or "see X as Y" is a view
PERCEPTION_VERBS = words("see hear watch notice feel")
# verbs whose object does what their infinitive says ("forced Ruiz to admit", "urged them to say"); not
# "promised them to ..." (the subject does) nor "used the example to prove ..." (a purpose). After a
# directive ("asked the fans to praise ...") the infinitive is only wanted: no claim of its own.
DIRECTIVES = words("ask urge tell order invite encourage challenge dare instruct beg implore advise want request")
OBJECT_CONTROL = DIRECTIVES | words("force persuade pressure press push compel prompt convince get lead")
# verbs and adjectives of not doing: what they govern did not happen ("declined to comment")
NOT_DOING = words("decline refuse fail neglect unable hesitate")
GROUP_PRONOUNS = words("they them it its their")

QUOTE_OPEN = "\"\u201c\u2018'`\u00ab"
QUOTE_CLOSE = "\"\u201d\u2019'\u00bb"

# Wrongdoing vocabulary: content with one of these, told by a named party about someone else, is an
# accusation, so an ``asserted`` claim becomes ``alleged`` (see the claims module docstring).
WRONGDOING_STEMS = ("mercenar", "saboteur", "sabotag", "recruit", "terror", "attack", "strike",
                    "bomb", "shell", "invad", "invasion", "crime", "criminal", "war crime", "genocide",
                    "massacre", "kill", "murder", "tortur", "fraud", "corrupt", "brib", "launder",
                    "smuggl", "traffick", "espionage", "spy", "spies", "illegal", "provocat",
                    "interfer", "aggress", "hostil", "extremis", "militant", "weapons")
