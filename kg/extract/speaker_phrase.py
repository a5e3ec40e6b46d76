"""Where the speaker phrase stands in the parse (the second half of attribution; :mod:`speakers`
maps the phrase to an entity).

The cue's subject (whole subtree, as annotators mark titles and appositions), a passive agent, the
subject borrowed by participles and conjuncts (a participle opening its sentence takes the main
clause's; one the parser hung on quoted words takes the named subject outside them), the antecedent
of "who", a post-verbal name ("..., said Mr. Burman"); never a subject inside quoted words and never
a span that runs over the cue.
"""

from __future__ import annotations

import re
from typing import Any

from kg.extract.cues import (
    GROUP_PRONOUNS,
    ISSUED_NOUNS,
    OBJECT_CONTROL,
    PERSON_PRONOUNS,
    QUOTE_CLOSE,
    QUOTE_OPEN,
    SPEECH_VERBS,
    words,
)
from kg.extract.nlp import text_of
from kg.extract.quotes import QuoteIndex

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_TRIM = " \t\n,;:-\u2013\u2014"
_QUOTES = QUOTE_OPEN + QUOTE_CLOSE
_WHEN = ("DATE", "TIME")
_WEEKDAYS = words("monday tuesday wednesday thursday friday saturday sunday today yesterday")
_DATELINE_DASH = re.compile(r"\s(?:--|\u2014|\u2013|-)\s")


def speaker_phrase(verb: Any, quotes: QuoteIndex | None = None) -> tuple[int, int, Any] | None:
    """Subject of the cue (or the agent of a passive), borrowed from the head for bare participles.
    A subject inside quoted words is a misparse ("“My reaction ...,” said X") and is passed over."""
    fronted = _fronted_participle(verb, quotes)
    if fronted is not None:
        return fronted
    cur = verb
    for _ in range(5):
        for c in cur.children:
            if c.dep_ == "agent":
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return np_span(obj)
        for c in _subjects(cur, quotes):
            if c.dep_ in _SUBJ:
                if c.dep_ == "nsubjpass" or (c.lower_ in ("it", "there") and _impersonal(cur)):
                    return None  # "it was alleged that", "it seems that": no speaker
                if c.lower_ in ("who", "which", "that") and cur.dep_ == "relcl":
                    return np_span(cur.head)  # "X, who said ...": the antecedent speaks
                return np_span(c)
        if cur.dep_ == "acl" and cur.tag_ == "VBG" and cur.head.pos_ in ("NOUN", "PROPN"):
            issuer = _issuer(cur.head, quotes)
            if issuer is not None:
                return issuer  # "X issued a statement calling ...": X speaks through the document
            return np_span(cur.head)  # "a statement saying ...", "a tweet attacking ...": the noun speaks
        if cur.dep_ == "pcomp" and cur.head.head != cur.head:
            owner = cur.head.head
            poss = next((c for c in owner.children if c.dep_ == "poss"), None)
            if owner.pos_ == "NOUN" and poss is not None:
                return np_span(poss)  # "his campaign of questioning ...": the possessor
            cur = owner  # "by announcing", "before asking": the governing verb's subject
            continue
        if cur.dep_ in ("prep", "advmod") and cur.pos_ in ("ADP", "ADV") and cur.head != cur:
            cur = cur.head  # "aside from saying ...": climb through the preposition to the verb
            continue
        if (quotes is not None and cur.dep_ in ("conj", "advcl", "xcomp") and cur.head != cur
                and quotes.containing(cur.head.idx) is not None and quotes.containing(cur.idx) is None):
            # "“...,” Okafor said, not even needing to name ...": the parser hung the participle on
            # the quoted words; its subject is the one who speaks outside them
            return _outside_subject(verb, quotes)
        if cur.dep_ == "xcomp" and cur.head != cur and cur.head.lemma_.lower() in OBJECT_CONTROL:
            obj = next((c for c in cur.head.children if c.dep_ == "dobj" and c.i < cur.i), None)
            if obj is not None:
                return np_span(obj)  # "forced Halvorsen to admit ...", "urged them to say": the object speaks
        if cur.dep_ in ("conj", "advcl", "xcomp", "relcl", "acl", "acomp") and cur.head != cur:
            if cur.dep_ == "relcl" or (cur.dep_ == "acl" and cur.tag_ == "VBD" and cur.head.dep_ == "ROOT"):
                # "X, who said ...": the antecedent speaks; a misparsed finite verb ("Disclosures
                # alluded to ...") hangs as acl under its own subject
                return np_span(cur.head)
            if coordinated_with_outer_cue(cur) or _adjunct_of_outer_cue(cur, verb):
                cur = cur.head.head  # "X said Y would go and warned ...": X warned, not Y
                continue
            cur = cur.head
            continue
        return None
    return None


def _fronted_participle(verb: Any, quotes: QuoteIndex | None) -> tuple[int, int, Any] | None:
    """"Claiming the audit was rigged, Ruiz told reporters ...": a participle that opens its
    sentence has the main clause's subject (whatever the parser hung it on)."""
    if verb.tag_ != "VBG" or verb.dep_ == "ROOT" or any(c.dep_ in _SUBJ for c in verb.children):
        return None
    doc, k = verb.doc, verb.i
    while not doc[k].is_sent_start and (doc[k - 1].is_punct or doc[k - 1].is_space):
        k -= 1  # (verb.sent is built token by token: only the sentence's opening words are looked at)
    if not doc[k].is_sent_start:
        return None
    root = verb.sent.root
    subs = [c for c in _subjects(root, quotes) if c.dep_ == "nsubj" and c.i > verb.i]
    return np_span(subs[0]) if subs and not verb.is_ancestor(subs[0]) else None


def _outside_subject(verb: Any, quotes: QuoteIndex) -> tuple[int, int, Any] | None:
    """The nearest subject before ``verb`` in its sentence that stands outside quoted words and
    names someone (a name or a personal pronoun)."""
    for tok in reversed(verb.doc[verb.sent.start:verb.i]):
        if (tok.dep_ == "nsubj" and quotes.containing(tok.idx) is None
                and (tok.pos_ == "PROPN" or tok.lower_ in PERSON_PRONOUNS)):
            return np_span(tok)
    return None


def coordinated_with_outer_cue(verb: Any) -> bool:
    """A speech verb conjoined to the reported clause of another speech verb ("Merrill says Machado
    promised to stay and said she would ...") is, in news prose, the reporter's second verb: the
    parser attaches it to the nearest verb, but its subject is the outer speaker."""
    head = verb.head
    return (verb.dep_ == "conj" and verb.lemma_.lower() in SPEECH_VERBS and head.dep_ == "ccomp"
            and head.head.lemma_.lower() in SPEECH_VERBS and head.head.i < head.i)


def _adjunct_of_outer_cue(part: Any, verb: Any) -> bool:
    """"Lindqvist said the budget was too small, adding that ...", "..., going on to say ...": a speech
    participle the parser hung on the reported clause continues the outer speaker's report (the
    plan adds nothing)."""
    head = part.head
    return (part.dep_ == "advcl" and part.tag_ == "VBG" and part.i > head.i
            and verb.lemma_.lower() in SPEECH_VERBS and head.dep_ == "ccomp"
            and head.head.lemma_.lower() in SPEECH_VERBS and head.head.i < head.i)


def _issuer(noun: Any, quotes: QuoteIndex | None) -> tuple[int, int, Any] | None:
    """Who put out a document: the subject of the verb it is the object of ("the council issued a
    statement", "lawyers filed papers", "she said at a news conference")."""
    if noun.lemma_.lower() not in ISSUED_NOUNS or noun.dep_ not in ("dobj", "pobj"):
        return None
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN" \
            and noun.head.head.dep_ in ("dobj", "pobj"):
        noun = noun.head.head  # "unleashed a series of tweets attacking ...": the series was put out
    verb = noun.head if noun.dep_ == "dobj" else noun.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subs = [c for c in _subjects(verb, quotes) if c.dep_ in ("nsubj", "csubj")]
    return np_span(subs[0]) if subs else None


def _subjects(verb: Any, quotes: QuoteIndex | None) -> list[Any]:
    """The verb's subjects, nearest first, minus misparses: a subject inside quoted words, and a
    heading or timestamp glued on before a line break or colon ("The Latest: Trump urges ...",
    "2:45 p.m.\n\nDonald Trump says ...") when a subject stands on the verb's own side of it."""
    subs = [c for c in verb.children if c.dep_ in _SUBJ
            and not (quotes is not None and quotes.containing(c.idx) is not None)]
    if len(subs) < 2:
        return subs
    text = text_of(verb.doc)

    def broken(c: Any) -> bool:
        lo, hi = sorted((end_of(c.right_edge), verb.idx))
        return "\n" in text[lo:hi] or ":" in text[lo:hi]

    kept = [c for c in subs if not broken(c)]
    return sorted(kept or subs, key=lambda c: abs(c.i - verb.i))


def _impersonal(verb: Any) -> bool:
    """"It was alleged", "it seems", "it is clear that": an expletive subject, not a speaker."""
    return verb.lemma_ in ("be", "seem", "appear") or any(c.dep_ == "auxpass" for c in verb.children)


def inverted_speaker(verb: Any) -> tuple[int, int, Any] | None:
    """Quotative inversion ("..., said Mr. Burman"): a name right after the cue, whatever its label."""
    for c in verb.rights:
        if c.i - verb.i > 3:
            break
        if c.ent_type_ in _WHEN or c.lower_ in _WEEKDAYS:
            continue  # "..., Jordan said Monday": a date, not a speaker
        if c.dep_ in ("dobj", "attr", "npadvmod", "dep", "appos", "nsubj") and (
                c.pos_ == "PROPN" or c.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS):
            return np_span(c)
    if verb.dep_ == "compound" and verb.head.pos_ == "PROPN" and verb.head.i > verb.i:
        return np_span(verb.head)  # "Said Ellis: “...”": the parser made the cue part of the name
    return None


def left_subject(verb: Any, quotes: QuoteIndex) -> tuple[int, int, Any] | None:
    """A finite cue verb the parser left without a subject ("the $5 billion analysts say it needs",
    "Dana Reyes, the head of the union, firmly told ..."): the nominal right before
    it speaks; after a comma, the phrase that comma closes (climbing out of its appositions)."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    k = verb.i - 1
    sent_start = verb.sent.start
    while k >= sent_start and verb.doc[k].pos_ in ("ADV", "AUX", "PART"):
        k -= 1
    if k < sent_start:
        return None
    tok = verb.doc[k]
    if tok.text == "," and k - 1 >= sent_start:
        tok = verb.doc[k - 1]
        while tok.dep_ in ("pobj", "prep", "appos", "compound", "amod") and tok.head != tok and tok.head.i < verb.i:
            tok = tok.head
        if tok.pos_ != "PROPN":
            return None
    if tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ in _WHEN or tok.lower_ in _WEEKDAYS:
        return None
    if quotes.containing(tok.idx) is not None:
        return None
    start = min([tok.idx] + [c.left_edge.idx for c in tok.lefts if c.dep_ == "compound"])
    end = max(end_of(tok), end_of(tok.right_edge) if tok.right_edge.i < verb.i else end_of(tok))
    while end > start and text_of(verb.doc)[end - 1] in _TRIM:
        end -= 1
    return start, end, tok


def preceding_speaker(verb: Any, quotes: QuoteIndex) -> tuple[int, int, Any] | None:
    """“...,” Flynn, a top surrogate, said: the parser hung the name on the quoted clause, so the
    cue has no subject. The speaker is then the short stretch between the closing quote and the
    cue, when it holds a name or pronoun and no verb of its own."""
    region = quotes.overlapping(verb.sent.start_char, verb.idx)
    if not region or region[-1][1] > verb.idx:
        return None
    toks = [t for t in verb.doc[verb.sent.start:verb.i] if t.idx >= region[-1][1]]
    words_ = [t for t in toks if not t.is_punct and not t.is_space]
    if not words_ or len(words_) > 15 or any(t.pos_ in ("VERB", "AUX") and t.is_lower for t in words_):
        return None
    heads = [t for t in words_ if t.pos_ == "PROPN" or t.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS]
    if not heads:
        heads = [t for t in words_ if t.pos_ == "NOUN"]
        if not heads:
            return None
    start, end = words_[0].idx, end_of(words_[-1])
    return start, end, heads[0]


def clip_speaker(spk: tuple[int, int, Any] | None, cue: Any) -> tuple[int, int, Any] | None:
    """A speaker phrase never runs over its cue (misparses can hang a whole sentence on it)."""
    if spk is None or not (spk[0] <= cue.idx < spk[1]):
        return spk
    head = spk[2]
    return (spk[0], cue.idx, head) if head.idx < cue.idx else (end_of(cue), spk[1], head)


def np_span(tok: Any) -> tuple[int, int, Any]:
    """The speaker phrase: the subject's whole subtree, titles and appositions included, as
    annotators mark it ("Cornell Brooks, president of the NAACP,"); trailing commas dropped."""
    start, end = tok.left_edge.idx, end_of(tok.right_edge)
    text = text_of(tok.doc)
    cut = max(text.rfind(":", start, tok.idx), text.rfind("\n", start, tok.idx))
    if cut >= 0:  # "The Latest: Trump says ...", a dateline or a heading glued on by the parser
        start = cut + 1
        while start < tok.idx and text[start].isspace():
            start += 1
    dash = _DATELINE_DASH.search(text, start, end)
    if dash is not None and not any(c.islower() for c in text[start:dash.start()].replace("(AP)", "")):
        start = dash.end()  # "BEIRUT (AP) — A militia spokesman": the dateline is not the speaker
        if tok.idx < start and (dash.start() - tok.idx > 40 or (tok.idx and text[tok.idx - 1] != "\n")):
            start = tok.left_edge.idx  # not a dateline opening its line ("NATO -- already stretched -- said")
        elif tok.idx < start:  # the parser made the dateline the head ("NAIROBI -- President Ruto, ...")
            after = tok.doc.char_span(start, end, alignment_mode="contract")
            if after is None or not len(after):
                return start, end, tok
            tok = after.root
            end = end_of(tok.right_edge) if tok.right_edge.idx < end else end
    while start < tok.idx and text[start] in _TRIM + _QUOTES:
        start += 1  # a misparse can hang the closing punctuation of a quotation on the subject
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end, tok


def end_of(tok: Any) -> int:
    return tok.idx + len(tok.text)
