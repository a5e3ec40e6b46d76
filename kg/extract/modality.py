"""Modality of an event: did it happen, is it denied, planned, threatened, conditional, asked?

News states many events that did not happen: "The U.S. is not engaged in the bombing campaign",
"Iran refused to attack", "Russia denied attacking Ukraine", "Israel will strike", "if they attack".
The rules read the trigger and the verbs that govern it (the light verb of an event noun, then up
the chain of open clauses "threatened to", "plans to"):

* negation: ``neg`` on any of them ("not", "never", "n't"), "no" on an event noun ("no attacks"), a
  subject or object that excludes every party ("Neither X nor Y attended", "no group claimed",
  "attacked neither X nor Y"), a verb after "nor" ("X did not attack Y, nor did it strike Z"), or
  a governing verb of refusal or failure ("refused to", "failed to", "declined to", "stopped"): the
  event is ``negated`` (a writer's negation drops it; inside a claim it makes the relation denied);
* a governing "deny" ("denied attacking"): ``denied_by`` is that verb (the subject denies);
* ``mode``: ``future`` ("will"), ``possible`` ("may", "might", "could", "would"), ``planned``
  ("plans/intends/vows/prepares to"), ``threatened`` ("threatened to"), ``requested`` ("urged X to",
  "called on X to"), ``conditional`` (inside an "if"/"unless" clause); None when it happened;
* a question ("Did Russia attack ...?") carries no event at all (``is_question``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kg.extract.event_lexicon import argument_words

_REFUSE = frozenset({"refuse", "fail", "decline", "stop", "cease", "halt", "avoid", "abandon", "reject", "forgo",
                     "cancel", "postpone", "scrap",
                     "unwilling", "reluctant", "unable", "loath"})  # "Iran is unwilling to negotiate"
# refusals of will, as against failures ("was unable to", "postponed"): only these reject a party
WILFUL = frozenset({"refuse", "decline", "reject", "unwilling", "reluctant", "loath"})
_ONGOING = frozenset({"stop", "cease", "halt"})  # "halted its airstrikes": on a noun, the strikes had happened
_PRETEND = frozenset({"simulate", "rehearse", "feign"})  # "simulated an attack on X": no attack
_DENY = frozenset({"deny"})
_PLAN = frozenset({"plan", "intend", "aim", "prepare", "vow", "pledge", "promise", "seek", "want", "propose",
                   "consider", "decide", "hope", "try", "attempt", "plot", "mull", "threaten",
                   # "is ready to negotiate", "remains committed to supporting": disposed to, not done
                   "ready", "willing", "prepared", "eager", "determined", "keen", "poised", "committed"})
_PLAN_NOUNS = _PLAN | frozenset({"intention", "decision", "bid", "effort", "scheme", "order"})
_REQUEST = frozenset({"urge", "ask", "call", "demand", "press", "encourage", "order", "request", "appeal", "invite"})
_FUTURE = frozenset({"will", "shall", "'ll", "wo"})
_POSSIBLE = frozenset({"may", "might", "could", "would", "should", "can", "ca"})
_CONDITION = frozenset({"if", "unless", "whether"})


@dataclass(frozen=True)
class Modality:
    negated: bool = False
    denied_by: Any = None  # the governing "deny" verb token, when there is one
    refused_by: Any = None  # the governing verb of refusal ("refused to"), when there is one
    mode: str | None = None


def is_question(sent: Any) -> bool:
    """A sentence that asks: its last non-space token is "?"."""
    for tok in reversed(sent):
        if not tok.is_space and tok.text not in ('"', "'", "\u201d", "\u2019", ")"):
            return tok.text == "?"
    return False


def modality(trigger: Any) -> Modality:
    """Negation, denial and mode of the event ``trigger`` announces."""
    negated = any(c.lower_ == "no" and c.dep_ == "det" for c in trigger.children)
    denied_by = refused_by = None
    mode: str | None = None
    refusals: list[Any] = []
    for node, governor in _chain(trigger):
        lemma = node.lemma_.lower()
        # a negated refusal affirms: "will not stop bombing", "never failed to strike"
        double = governor and lemma in _REFUSE and any(c.dep_ == "neg" for c in node.children)
        if _excluded(node) and not double:
            negated = True
        for c in node.children:
            if c.dep_ == "neg" and not double:
                negated = True
            elif c.dep_ in ("aux", "auxpass") and mode is None:
                low = c.lower_
                if low in _FUTURE:
                    mode = "future"
                elif low in _POSSIBLE:
                    mode = "possible"
            elif c.dep_ == "mark" and c.lower_ in _CONDITION and node.dep_ == "advcl":
                mode = "conditional"  # "if Russia attacks Lithuania, ..."
        if governor:
            if lemma in _REFUSE:
                if not double:
                    refusals.append(node)
            elif lemma in _PRETEND:
                negated = True
            elif lemma in _DENY:
                denied_by = node
            elif lemma == "threaten":
                mode = "threatened"
            elif lemma in _PLAN:
                mode = mode if mode in ("future", "possible") else "planned"
            elif lemma in _REQUEST:
                mode = "requested"
    if len(refusals) % 2:  # "refused to stop supporting X" refuses the refusal: X is supported
        negated, refused_by = True, refusals[-1]
    for node, _gov in _chain(trigger)[:2]:  # "Turkey will attack them if they cross the border"
        if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITION for m in c.children)
               for c in node.children):
            mode = "conditional"
    if mode is None and trigger.dep_ == "acl" and trigger.head.pos_ == "NOUN" and any(
            a.lower_ == "to" and a.dep_ == "aux" for a in trigger.children):
        noun = trigger.head.lemma_.lower()  # "a plan to strike", "the right to attack": not (yet) done
        mode = "threatened" if noun == "threat" else "planned" if noun in _PLAN_NOUNS else "possible"
    return Modality(negated=negated, denied_by=denied_by, refused_by=refused_by, mode=mode)


_NONE_DETS = frozenset({"neither", "no"})


def _excluded(node: Any) -> bool:
    """A clause whose subject or object names no party ("Neither Israel nor Hamas agreed", "No
    group has claimed the attack", "struck neither X nor Y") or that follows "nor" ("nor did it
    strike Z": the parser hangs "nor" on the first verb)."""
    for c in node.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj") and any(
                g.dep_ in ("preconj", "det") and g.lower_ in _NONE_DETS for g in c.children):
            return True
    return node.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ == "nor" and c.i < node.i
                                       for c in node.head.children)


def _chain(trigger: Any) -> list[tuple[Any, bool]]:
    """The trigger, the light verb of an event noun, then the verbs whose open clause it is.
    The flag says whether the node governs the trigger (its lemma then sets refusal or mode)."""
    out: list[tuple[Any, bool]] = [(trigger, False)]
    cur = trigger
    if trigger.pos_ in ("NOUN", "PROPN"):
        noun = trigger.head if trigger.dep_ == "compound" else trigger  # "the bombing campaign"
        head = noun.head.head if noun.dep_ == "pobj" else noun.head
        if head.dep_ == "dobj" and head.lemma_.lower() in argument_words("responsibility_nouns"):
            noun, head = head, head.head  # "no group claimed responsibility for the attack": the claim's verb
        if head is trigger or head.pos_ not in ("VERB", "AUX"):
            return out
        # the verb an event noun is the object of sets refusal, denial and mode as a governing verb
        # does ("cancelled the meeting", "denied the attack", "planned an attack", "threatened strikes");
        # a light verb ("launched", "held") is in none of those lists
        # ("called the shootings a tragedy" names them: "call" requests only "for" an act; "ordered the
        # raid" reports who was behind a raid, as "ordered troops to attack" does not)
        # Only "for"/"on" makes a verb govern its prepositional object ("called for strikes", "agreed
        # on talks"; not "failed in its assault"), and a verb that names its object something else
        # ("considered the strike a success") governs nothing.
        lemma = head.lemma_.lower()
        governs = (noun.dep_ == "pobj" and noun.head.lower_ in ("for", "on")) or (
            noun.dep_ == "dobj" and lemma not in ("call", "order")
            and not any(c.dep_ in ("oprd", "ccomp", "xcomp") for c in head.children))
        out.append((head, lemma not in _ONGOING and governs))
        cur = head
    for _ in range(3):
        if cur.dep_ in ("xcomp", "pcomp") or (cur.dep_ == "pobj" and cur.head.dep_ == "prep"):
            nxt = cur.head if cur.dep_ != "pobj" else cur.head.head
            if nxt is cur:
                break
            out.append((nxt, True))
            cur = nxt
        elif cur.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in cur.children) \
                and cur.head.pos_ in ("VERB", "AUX"):
            nxt = cur.head  # a purpose shares its verb's fate: "vowed to form a force to crack down on X"
            out.append((nxt, True))  # is planned, "did not send troops to attack X" negated
            cur = nxt
        elif cur.dep_ == "acomp" or (cur.dep_ == "prep" and cur.head.pos_ == "ADJ"):
            nxt = cur.head  # "ready to negotiate", "committed to supporting": the adjective governs
            if cur.dep_ == "prep":
                out.append((nxt, True))
                cur = nxt
                continue
            out.append((nxt, False))
            cur = nxt
        elif cur.dep_ == "ccomp" and cur.head.lemma_.lower() in _DENY:
            out.append((cur.head, True))
            break
        else:
            break
    return out


_SMALL_WORDS = frozenset({"a", "an", "the", "of", "in", "on", "to", "for", "and", "or", "at", "by", "with", "as",
                          "from", "over", "vs", "via", "into", "after", "amid", "but", "is", "are"})
_END_PUNCT = tuple('.!?:;"\u201d\'\u2019)')


def headline_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of headline lines: no final punctuation and title case ("Trump Slams Clinton
    Over Russia Hack"). A parser reads such lines as noun phrases ("Threatens Israel" as a name), so
    they give no relations; the article's sentences state the same events properly."""
    out, pos = [], 0
    for line in text.split("\n"):
        start, stripped = pos, line.strip()
        pos += len(line) + 1
        if not stripped or stripped.endswith(_END_PUNCT):
            continue
        words = [w for w in stripped.split() if w[:1].isalpha() and w.lower() not in _SMALL_WORDS]
        if len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.8 * len(words):
            out.append((start, start + len(line)))
    return out
