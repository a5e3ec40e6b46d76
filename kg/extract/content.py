"""What a cue claims: the content span of a cue verb (clause, object, quotation, paragraph).

``claims.py`` finds the cues and their speakers; this module answers, for one cue, which words are
what was said: the clause it governs, its object for verbs that take one ("denied the report"), an
attached quotation (before, inside or after the cue's sentence, run over the quotations that follow),
or the paragraph after "X added:". Offsets are character offsets into the article text.
"""

from __future__ import annotations

import re
from typing import Any

from kg.extract import cues
from kg.extract.cues import words
from kg.extract.nlp import text_of
from kg.extract.quotes import QuoteIndex
from kg.extract.speakers import coordinated_with_outer_cue
from kg.extract.speakers import end_of as _end

# Volition cues whose infinitive is what is wanted or demanded ("urged Congress to act").
XCOMP_CUES = words("""
want plan intend decide agree hope expect promise pledge vow refuse decline urge threaten seek call
ask demand warn tell vote propose offer encourage
""")
# Cues whose direct object is what was said or stood for ("echoed the statement", "opposed the deal").
DOBJ_CUES = words("""
claim allege deny confirm announce report reveal disclose acknowledge admit mention cite echo describe
discuss question dispute reject dismiss refute criticize criticise blast slam condemn praise tout
oppose support defend endorse back welcome thank attack blame accuse promise pledge propose offer
recommend predict estimate demand repeat reiterate recall stress emphasize emphasise cite reference
express unveil outline call liken dub label brand denounce characterize characterise
examine highlight note
""")
# Evidence verbs whose direct object is the finding when a record is the subject ("the poll shows
# Clinton ahead", "a study found 31 incidents"), not when a person shows or finds a thing.
_EVIDENCE_CUES = words("show find reveal indicate suggest demonstrate confirm")
# Naming verbs with an object predicate: "called him a genius", "labeled it a hoax".
_NAMING_CUES = words("call label dub brand term describe")
_TO_CUES = words("allude refer point object")
_ABOUT_PREPS = ("about", "of", "on", "against", "over")
_TRIM = " \t\n,;:-\u2013\u2014"


def _evidence_subject(kids: list[Any]) -> bool:
    """Is the subject a poll, study, video or other record ("A 2014 study by ... found 31 cases")?"""
    subj = next((k for k in kids if k.dep_ == "nsubj"), None)
    return subj is not None and subj.lemma_.lower() in cues.EVIDENCE_NOUNS



def complement(tok: Any, lemma: str) -> tuple[int, int] | None:
    """The clause a cue verb governs: ccomp, then xcomp (for volition cues), then "call for X"."""
    kids = list(tok.children)
    for dep in ("ccomp", "xcomp"):
        for c in kids:
            if c.dep_ != dep:
                continue
            if dep == "ccomp" and lemma in cues.PERCEPTION_VERBS and c.tag_ in ("VB", "VBG") and not any(
                    k.dep_ in ("mark", "aux", "auxpass") for k in c.children):
                continue  # "would see their incomes go up", "saw prices rising": an experience, not a view
            if dep == "xcomp" and lemma not in XCOMP_CUES:
                # "X is alleged to play": passive xcomp of an allegation verb
                if not (lemma in cues.ALLEGED_CUES and any(k.dep_ == "nsubjpass" for k in kids)):
                    continue
                subj = next(k for k in kids if k.dep_ == "nsubjpass")
                # the content runs over the cue: "these trainees are alleged to play ..."
                return tidy(text_of(tok.doc), min(subj.left_edge.idx, c.left_edge.idx), _end(c.right_edge))
            if dep == "xcomp":
                # "urged Congress to act": the object belongs to the content
                obj = next((k for k in kids if k.dep_ == "dobj" and k.i < c.i), None)
                left = obj.left_edge if obj is not None else c.left_edge
                return _clip(left.idx, _end(c.right_edge), tok)
            return _clip(c.left_edge.idx, _reported_end(c), tok)
    if lemma in _NAMING_CUES:  # "called him a master at ...": the object and what it is called
        pred = [k for k in kids if k.dep_ == "oprd"]
        obj = next((k for k in kids if k.dep_ == "dobj" and k.i < pred[0].i), None) if pred else None
        if pred:
            left = obj.left_edge if obj is not None else pred[0].left_edge
            right = max((p.right_edge for p in pred), key=lambda t: t.i)
            for k in kids:  # "a gift to Tehran": the parser hangs the phrase's prepositions on the verb
                if k.dep_ == "prep" and k.i == right.i + 1:
                    right = k.right_edge
            return tidy(text_of(tok.doc), left.idx, _end(right))
    if lemma in DOBJ_CUES or (lemma in _EVIDENCE_CUES and _evidence_subject(kids)):
        for c in kids:
            if c.dep_ == "dobj" and c.pos_ != "PRON":
                return tidy(text_of(tok.doc), c.left_edge.idx, _end(c.right_edge))
    if lemma in cues.SPEECH_VERBS:
        preps = _ABOUT_PREPS + (("to",) if lemma in _TO_CUES else ())
        for c in kids:
            if c.dep_ == "prep" and c.lower_ in preps:
                objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if objs:
                    return tidy(text_of(tok.doc), objs[0].left_edge.idx, _end(c.right_edge))
    if lemma == "call":
        for c in kids:
            if c.dep_ == "prep" and c.lower_ in ("for", "on"):
                objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if objs:
                    return objs[0].left_edge.idx, _end(c.right_edge)
    if lemma in ("accuse", "charge", "blame"):
        for c in kids:
            if c.dep_ == "prep" and c.lower_ in ("of", "for", "with"):
                return c.idx, _end(c.right_edge)
    return None


def _reported_end(clause: Any) -> int:
    """End of a reported clause, short of a speech verb coordinated with the outer cue ("says Y
    promised to stay and said ..."): that verb is a second claim by the same speaker."""
    second = [k for k in clause.children if k.dep_ == "conj" and coordinated_with_outer_cue(k)]
    if not second:
        return _end(clause.right_edge)
    cut = min(second, key=lambda k: k.i).left_edge.i
    while cut > clause.left_edge.i and _is_link(clause.doc[cut - 1]):
        cut -= 1
    return _end(clause.doc[cut - 1])


def _is_link(tok: Any) -> bool:
    return tok.dep_ in ("cc", "punct") or tok.is_space


def _clip(start: int, end: int, cue: Any) -> tuple[int, int] | None:
    """A content span never includes its own cue: keep the larger side if it does."""
    if start <= cue.idx < end:
        left, right = (start, cue.idx), (_end(cue), end)
        start, end = left if left[1] - left[0] >= right[1] - right[0] else right
    return tidy(text_of(cue.doc), start, end)


def tidy(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM + ".":
        end -= 1
    if end < len(text) and text[end:end + 1] in cues.QUOTE_CLOSE and text[end - 1:end] in ".,!?":
        end += 1  # keep the closing quote after the final punctuation, as annotators do
    return (start, end) if end - start > 1 else None


def attached_quote(tok: Any, sent: Any, quotes: QuoteIndex) -> tuple[int, int] | None:
    """Quotation(s) in the cue's sentence that are not inside another clause's cue."""
    regions = quotes.overlapping(sent.start_char, sent.end_char)
    regions = [r for r in regions if not (r[0] <= tok.idx < r[1]) and r[1] - r[0] > 12]
    outer = next((a for a in tok.ancestors if a.i < tok.i and a.lemma_.lower() in cues.SPEECH_VERBS), None)
    if outer is not None:  # "“...,” Ruiz said, adding that voters would reject it": the quote is Ruiz's
        regions = [r for r in regions if r[1] > outer.idx]
    if regions:
        # "... it would add new rules for accountants. ''There are ...'': a quotation after a full
        # stop is a new sentence the parser glued on, not the object of a verb that has its own
        # unquoted one ("said Mr. Ruiz. ''And more ...''" still runs on: its object is the quotation)
        text = text_of(tok.doc)
        glued = [r for r in regions if r[0] > tok.idx and _after_full_stop(text, r[0])]
        if glued and any(c.dep_ in ("dobj", "ccomp") and c.i > tok.i and quotes.containing(c.idx) is None
                         for c in tok.children):
            regions = [r for r in regions if r not in glued]
    if not regions:
        return _quote_before(tok, sent, quotes)
    return regions[0][0], regions[-1][1]


_FULL_STOP = re.compile(r"[a-z]{2}[a-z)\]]*[.!?][\s\u00a0]*\Z")


def _after_full_stop(text: str, pos: int) -> bool:
    """Does a sentence end right before ``pos`` (a lower-case word and a full stop, so no "Mr.")?"""
    return _FULL_STOP.search(text, max(0, pos - 12), pos) is not None


def after_colon(tok: Any, sent: Any, quotes: QuoteIndex) -> tuple[int, int] | None:
    """"The governor added:" and a blank line: what follows (the quotation that opens there, else
    the paragraph) is what was said."""
    last = next((t for t in reversed(sent) if not t.is_space), None)
    if last is None or last.text != ":" or last.i <= tok.i:
        return None
    text = text_of(tok.doc)
    pos = last.idx + 1
    while pos < len(text) and text[pos].isspace():
        pos += 1
    quoted = quotes.starting_at(pos, slack=0)
    if quoted is not None:
        return quoted
    end = text.find("\n\n", pos)
    return tidy(text, pos, end if end >= 0 else len(text))


def _quote_before(tok: Any, sent: Any, quotes: QuoteIndex) -> tuple[int, int] | None:
    """“How many times ...?” Clinton said. — the parser ends a sentence at a quotation's own ? or !,
    leaving "Clinton said." alone: the quotation just before it, on the same line, is what was said,
    when only the speaker stands before the cue."""
    if tok.i - sent.start > 8 or any(t.dep_ in ("ccomp", "dobj") for t in tok.children):
        return None
    text = text_of(tok.doc)
    pos = sent.start_char
    while pos > 0 and text[pos - 1] in " \t\u00a0":
        pos -= 1
    before = quotes.containing(pos - 1) if pos > 0 else None
    if before is None or before[1] != pos or before[1] - before[0] <= 12:
        return None
    return before


def extend_over_quotes(content: tuple[int, int] | None, quotes: QuoteIndex, doc: Any, sent_end: int):
    """Run content to the end of its quotation and over directly following quotation sentences."""
    if content is None:
        return None
    start, end = content
    inside = quotes.starting_at(start) or quotes.containing(start)
    if inside is None or start - inside[0] > 3:
        return content  # starts mid-quotation: a nested remark, not the quotation itself
    start, end = min(start, inside[0]), max(end, inside[1])
    text = text_of(doc)
    pos = max(end, sent_end)  # “A,” X said. “B.”: look past the cue's own sentence
    while True:
        gap = pos
        while gap < len(text) and text[gap] in " \t":
            gap += 1
        nxt = quotes.starting_at(gap, slack=0)
        if nxt is None:
            break
        # stop if the next quotation carries its own cue ("“B,” she replied.")
        tail = text[nxt[1]:nxt[1] + 40]
        if (tail[:1] and tail[:1] in ",\u2014-") or tail.lstrip()[:1].islower():
            break
        end = pos = nxt[1]
    return start, end
