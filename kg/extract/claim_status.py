"""A claim's status from its cue and sentence (:mod:`claims` finds the claims).

The cue lemma decides first: a verb of denying is ``denied``, of confirming ``confirmed``, of
alleging or seeming ``alleged``, and so is an impersonal passive ("it is reported that"). A cue the writer negates is ``negated`` ("did not criticise", "has
never told them", "declined to confirm", "could not confirm or deny"): the text says the attribution
did not happen, and a non-statement is news too ("did not condemn"). Otherwise a hedge word in the
sentence makes it ``alleged``, and anything else is ``asserted``.
"""

from __future__ import annotations

import re
from typing import Any

from kg.extract import cues
from kg.extract.cues import words
from kg.extract.nlp import text_of

# The writer's hedges: "X seems to ...", "Y appears to be ..." (no speaker; alleged).
SEEM_CUES = words("seem appear")


_HEDGE = re.compile(r"\b(?:" + "|".join(sorted(cues.HEDGE_WORDS)) + r")\b")


def claim_status(tok: Any, sent: Any, verb_cues: frozenset[str]) -> str:
    """The status of the claim cued by ``tok`` in ``sent`` (``verb_cues``: the lemmas that cue one)."""
    lemma = tok.lemma_.lower()
    if not_said(tok, verb_cues):
        return "negated"  # "did not criticise", "declined to confirm", "could not confirm or deny"
    if lemma in cues.DENIED_CUES:
        return "denied"
    if lemma in cues.CONFIRMED_CUES:
        return "confirmed"
    if lemma in cues.ALLEGED_CUES or lemma in SEEM_CUES:
        return "alleged"
    if _impersonal(tok):
        return "alleged"  # "It is reported that ...", "it was believed that ...": nobody vouches for it
    low = text_of(sent.doc)[sent.start_char:sent.end_char].lower()
    if _HEDGE.search(low) or any(p in low for p in cues.HEDGE_PHRASES):  # (no walk over the tokens)
        return "alleged"
    return "asserted"


def _impersonal(tok: Any) -> bool:
    """A passive cue with a dummy "it" and no agent: the writer reports hearsay no one signs."""
    kids = list(tok.children)
    return (any(c.dep_ == "auxpass" for c in kids) and any(c.dep_ in ("nsubjpass", "expl") and c.lower_ == "it"
                                                          for c in kids)
            and not any(c.dep_ == "agent" for c in kids))


def not_said(tok: Any, verb_cues: frozenset[str]) -> bool:
    """A cue the writer negates ("did not criticise", "has never told them"), one a verb of not
    doing governs ("declined to declare", "failed to acknowledge", "unable to confirm"), or the
    second of two negated verbs ("could not confirm or deny"): the text says this attribution did
    not happen (status ``negated``: a non-statement is news too, "did not condemn"). A speaker's own
    denial is a verb of denying, with status ``denied``."""
    if _negated(tok):
        return True
    if (tok.dep_ == "conj" and tok.head.lemma_.lower() in verb_cues and _negated(tok.head)
            and any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in tok.head.children)
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)):
        return True  # "could not confirm or deny"; not "did not confirm the toll but said ..."
    # "declined to confirm", "did not want to say"; a double negative affirms ("did not hesitate to call")
    return tok.dep_ == "xcomp" and (tok.head.lemma_.lower() in cues.NOT_DOING) != _negated(tok.head)


def _negated(verb: Any) -> bool:
    """"not"/"never"/"n't" in the verb's own group, before it ("did not say", "has never told");
    not a "not" the parser hung on it from elsewhere ("vowed not to repeat", "“Probably not,” she
    said")."""
    doc = verb.doc
    for c in verb.children:
        if c.dep_ == "neg" and verb.i - 3 <= c.i < verb.i and not (c.i + 1 < len(doc) and doc[c.i + 1].lower_ == "to"):
            between = doc[c.i + 1:verb.i]
            if all(t.pos_ in ("AUX", "ADV", "PART") for t in between):
                return True
    return False
