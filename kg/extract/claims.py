"""Attributed claims: who asserted what, with which cue, how hedged, in which sentence.

Rules over the dependency parse, no extra model:

* a cue verb (``cues.CUE_VERBS``) with a clausal complement: ``ccomp``/``xcomp`` is the content,
  ``nsubj`` (or the passive ``agent``) the speaker; participles and conjuncts without a subject
  ("..., adding that", "and warned that") borrow their head's subject;
* a speech verb attached to a quotation ("“...,” X said", "X said: “...”"): the quotation is the
  content, extended over the following quotation-only sentences (``quotes.py``);
* "according to X": X is the speaker, the rest of the clause the content;
* cue nouns with a "that"-clause ("X's claim that ...", "the allegation that ...");
* impersonal and passive attribution ("it was alleged that", "X is alleged to") has no speaker.

Status (:mod:`claim_status`): a cue the writer negates is ``negated``; then the cue lemma decides
(alleged/denied/confirmed sets in ``cues.py``); otherwise a hedge in the sentence ("reportedly",
"allegedly", "according to his account") makes it ``alleged``; else ``asserted``. One more rule turns ``asserted`` into ``alleged``: when a named
party (the speaker resolves to an entity) reports wrongdoing (``cues.WRONGDOING_STEMS``: recruiting
mercenaries, training saboteurs, attacks, fraud ...) by someone else (the content names another
entity, or mercenaries), the report is an accusation by an interested party, not a neutral
assertion, whatever its verb ("the briefing asserted that the embassy recruits ..."). Claims the
article itself makes (no speaker) and self-reports are left as they are. Nested attribution needs nothing special: a cue inside another
claim's content is a claim of its own.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from kg.extract import cues
from kg.extract.claim_status import SEEM_CUES, claim_status
from kg.extract.content import (
    DOBJ_CUES,
    XCOMP_CUES,
    after_colon,
    attached_quote,
    complement,
    extend_over_quotes,
    tidy,
)
from kg.extract.name_junk import lower_words
from kg.extract.nlp import candidates, text_of
from kg.extract.quotes import QuoteIndex, quote_index
from kg.extract.speaker_names import signer, speaker_ids
from kg.extract.speakers import (
    EntityIndex,
    clip_speaker,
    inverted_speaker,
    left_subject,
    preceding_speaker,
    speaker_phrase,
)
from kg.extract.speakers import end_of as _end
from kg.ids import make_id
from kg.model import Article, Claim, Entity, Span, Speaker

_VERB_CUES = cues.CUE_VERBS | DOBJ_CUES | XCOMP_CUES | SEEM_CUES
# the only tokens that can cue a claim: cue verbs and nouns, "according (to)", "in (a poll)", a headline's colon
_CLAIM_LEMMAS = frozenset(_VERB_CUES | cues.CUE_NOUNS)
_CLAIM_WORDS = frozenset({"according", "in", ":"})
# “...” ― Sonya Herridge: a quotation signed with a dash and a name (letters, vox pops, epigraphs)
_SIGNED = re.compile(r"[ \t\u00a0]*([\u2015\u2014\u2013]|--)[ \t\u00a0]*([A-Z][\w.'\u2019-]*(?:[ \t\u00a0]+[A-Z][\w.'\u2019-]*){0,3})")
# Transcript turns: a paragraph opening with an upper-case name and a colon ("WALLACE: Let's start ...")
_TURN = re.compile(r"(?m)^[\"\u201c]?([A-Z][A-Z.'\u2019-]+(?:[ \t]+[A-Z][A-Z.'\u2019-]+){0,2})(:)[ \t]+(\S[^\n]*)")


def find_claims(doc: Any, article: Article, entities: list[Entity]) -> list[Claim]:
    """Every attribution in ``doc`` (a spaCy Doc of ``article.text``) as a Claim. Speaker names
    NER missed become entities and are appended to ``entities`` (see :mod:`speaker_names`)."""
    index = EntityIndex(entities, article.text)
    quotes = quote_index(doc)
    claims: list[Claim] = []
    lemmas: dict[str, str] = {}
    last_speaker: str | None = None
    lower = lower_words(article.text)
    cands = candidates(doc, _CLAIM_LEMMAS, _CLAIM_WORDS)
    for sent in doc.sents:
        lo, hi = bisect_left(cands, sent.start), bisect_left(cands, sent.end)
        for found in _sentence_claims(sent, quotes, [doc[i] for i in cands[lo:hi]]):
            cue_tok, cue_span, spk, content = found
            if quotes.containing(cue_span[0]) is not None:
                continue  # "I think" inside direct speech is part of the quoted words, not a new claim
            speaker = None
            if spk is not None:
                s, e, head = spk
                ids = speaker_ids(index, entities, head, s, e, last_speaker, lower)
                ent = ids[0] if ids else None
                speaker = Speaker(s, e, text_of(doc)[s:e], ent, ids, head=head.idx)
                if ent:
                    last_speaker = ent
            content = extend_over_quotes(content, quotes, doc, sent.end_char)
            cspan = Span(content[0], content[1], text_of(doc)[content[0]:content[1]]) if content else None
            about = index.ids_within(*content) if content else []
            status = claim_status(cue_tok, sent, _VERB_CUES)
            if status == "asserted" and _is_accusation(speaker, cspan, about):
                status = "alleged"
            claims.append(Claim(
                id=make_id("Claim", article.id, cue_span[0], cue_span[1]),
                cue=Span(cue_span[0], cue_span[1], text_of(doc)[cue_span[0]:cue_span[1]]),
                sentence=(sent.start_char, sent.end_char),
                status=status, speaker=speaker, content=cspan, about=about))
            lemmas[claims[-1].id] = cue_tok.lemma_.lower()
    claims.extend(_signed_quotes(doc, article, index, quotes, {c.cue.start for c in claims}, entities))
    claims.extend(_transcript_turns(doc, article, index, {c.cue.start for c in claims}))
    kept = _drop_restatements(claims, lemmas)
    kept.sort(key=lambda c: c.cue.start)  # reading order
    return kept


def _signed_quotes(doc: Any, article: Article, index: EntityIndex, quotes: QuoteIndex,
                   taken: set[int], entities: list[Entity]) -> list[Claim]:
    """A quotation signed with a dash and a name: that person said it (a signer NER missed is a
    new Person, when the signature has a given name and a surname)."""
    out = []
    for start, end in quotes.regions:
        m = _SIGNED.match(text_of(doc), end)
        if m is None or m.start(1) in taken:
            continue
        cue = Span(m.start(1), m.end(1), m.group(1))
        s, e = m.start(2), m.end(2)
        sent = doc.char_span(cue.start, cue.end, alignment_mode="expand")
        sentence = (sent.sent.start_char, sent.sent.end_char) if sent is not None else (start, e)
        about = index.ids_within(start, end)
        out.append(Claim(id=make_id("Claim", article.id, cue.start, cue.end), cue=cue, sentence=sentence,
                         status="asserted", speaker=Speaker(s, e, m.group(2), index.best_within(s, e)
                                                            or signer(index, entities, s, m.group(2))),
                         content=Span(start, end, text_of(doc)[start:end]), about=about))
    return out


def _transcript_turns(doc: Any, article: Article, index: EntityIndex, taken: set[int]) -> list[Claim]:
    """Interview transcripts mark each turn with the speaker's name in capitals and a colon; the
    turn's paragraph is what that speaker said. Quotation marks around a turn are often left open,
    so this works on the raw text rather than on quotation regions or the parse."""
    out = []
    for m in _TURN.finditer(text_of(doc)):
        if m.start(2) in taken or any(w in cues.EDITORIAL_LABELS for w in m.group(1).lower().split()):
            continue  # "CORRECTION:", "UPDATE:": the publication's own labels, not a speaker's turn
        s, e = m.start(1), m.end(1)
        content = tidy(text_of(doc), m.start(3), m.end(3))
        if content is None:
            continue
        cue = Span(m.start(2), m.end(2), ":")
        sent = doc.char_span(cue.start, cue.end, alignment_mode="expand")
        sentence = (sent.sent.start_char, sent.sent.end_char) if sent is not None else (s, content[1])
        out.append(Claim(id=make_id("Claim", article.id, cue.start, cue.end), cue=cue, sentence=sentence,
                         status="asserted", speaker=Speaker(s, e, m.group(1), index.best_within(s, e)
                                                                or index.person_named(m.group(1).split()[-1])),
                         content=Span(content[0], content[1], text_of(doc)[content[0]:content[1]]),
                         about=index.ids_within(*content)))
    return out


def _drop_restatements(claims: list[Claim], lemmas: dict[str, str]) -> list[Claim]:
    """A stance verb inside a claim's own content, by the same speaker ("X said she wants to ...",
    "X said, recalling ..."), restates that claim; it is not a second attribution. Different
    speakers ("Reuters reported that the minister said ...") stay nested claims."""
    kept = []
    for b in claims:
        outer = [a for a in claims if a is not b and a.content and a.content.start <= b.cue.start < a.content.end]
        if outer and lemmas.get(b.id, "say") not in cues.SPEECH_VERBS and any(_same_speaker(a, b) for a in outer):
            continue
        kept.append(b)
    return kept


def _same_speaker(a: Claim, b: Claim) -> bool:
    if b.speaker is None or a.speaker is None:
        return b.speaker is None
    if a.speaker.entity and a.speaker.entity == b.speaker.entity:
        return True
    word = b.speaker.text.lower()
    return word in cues.PERSON_PRONOUNS or word in cues.GROUP_PRONOUNS or b.speaker.text == a.speaker.text


def _sentence_claims(sent: Any, quotes: QuoteIndex, tokens: list[Any]) -> list[tuple]:
    """Claims cued in ``sent``; ``tokens`` are its tokens that can cue one (``_CLAIM_LEMMAS``)."""
    out, used = [], set()
    for tok in tokens:
        found = (_verb_claim(tok, sent, quotes) or _according_to(tok) or _noun_claim(tok)
                 or _in_record(tok) or _headline_colon(tok, sent))
        if found and found[1] not in used:
            used.add(found[1])
            out.append(found)
    return out


def _verb_claim(tok: Any, sent: Any, quotes: QuoteIndex) -> tuple | None:
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX") or lemma not in _VERB_CUES or tok.dep_ in ("amod", "aux"):
        return None
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        return None  # "a mechanism intended to ...", "statements attributed to ...": a modifier
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in cues.DIRECTIVES and any(
            c.dep_ == "dobj" and c.i < tok.i for c in tok.head.children):
        return None  # "asked the fans to praise the referee": what was asked for, not said
    if lemma in SEEM_CUES:
        return _seeming(tok)
    content = complement(tok, lemma)
    speech = lemma in cues.SPEECH_VERBS
    if speech and quotes.containing(tok.idx) is None:
        quoted = attached_quote(tok, sent, quotes)
        if quoted and (content is None or _overlaps(quoted, content) or quoted[0] < tok.idx):
            content = quoted if content is None else (min(quoted[0], content[0]), max(quoted[1], content[1]))
    if content is None and speech:
        content = after_colon(tok, sent, quotes)
    if content is None and speech and tok.dep_ == "parataxis":
        # "Too often, Mr. Clarke said, the debate ...": the host clause is the content
        content = tidy(text_of(tok.doc), tok.head.left_edge.idx, _end(tok.head.right_edge))
    if content is None:
        return None
    spk = speaker_phrase(tok, quotes)
    if spk is not None and quotes.containing(spk[2].idx) is not None:
        spk = None  # a subject inside the quoted words is a misparse: the speaker stands outside them
    if spk is None and speech:
        spk = inverted_speaker(tok) or preceding_speaker(tok, quotes) or left_subject(tok, quotes)
    return tok, _cue_span(tok), clip_speaker(spk, tok), content


def _seeming(tok: Any) -> tuple | None:
    """"The minister seems to have left the talks": the writer's own hedged claim, with no
    speaker; the subject belongs to what is claimed."""
    kids = list(tok.children)
    subj = next((k for k in kids if k.dep_ in ("nsubj", "csubj")), None)
    comp = next((k for k in kids if k.dep_ in ("xcomp", "acomp", "attr")), None)
    if subj is None or comp is None or subj.i > tok.i or subj.pos_ == "PRON" and subj.lower_ == "it":
        return None
    content = tidy(text_of(tok.doc), subj.left_edge.idx, _end(comp.right_edge))
    return (tok, _cue_span(tok), None, content) if content else None


def _according_to(tok: Any) -> tuple | None:
    if tok.lower_ != "according":
        return None
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if pobj is None or to is None:
        return None
    head = tok.head if tok.head != tok else None
    if head is None:
        return None
    clause = head
    while clause.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "relcl") and clause.head != clause:
        clause = clause.head
    content = _clause_around(clause, tok.left_edge.idx, _end(to.right_edge))
    if content is None:
        return None
    spk = (pobj.left_edge.idx, _end(pobj.right_edge), pobj)
    return tok, (tok.idx, _end(to)), spk, content


def _clause_around(clause: Any, start: int, end: int) -> tuple[int, int] | None:
    """The clause without the attribution phrase at ``[start, end)`` in it ("according to X", "in a
    poll"): the longer of the two sides, which is what is attributed."""
    left, right = (clause.left_edge.idx, start), (end, _end(clause.right_edge))
    return tidy(text_of(clause.doc), *(left if left[1] - left[0] > right[1] - right[0] else right))


def _in_record(tok: Any) -> tuple | None:
    """"In the latest poll, Clinton led Trump by 5 points": a poll, study or survey as the source of
    the clause it introduces, when no verb of the clause cues a claim of its own."""
    if tok.lower_ != "in" or tok.dep_ != "prep":
        return None
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    head = tok.head
    if pobj is None or pobj.lemma_.lower() not in cues.EVIDENCE_NOUNS or head.pos_ not in ("VERB", "AUX"):
        return None
    if head.dep_ not in ("ROOT", "ccomp", "conj") or head.lemma_.lower() in _VERB_CUES:
        return None
    content = _clause_around(head, tok.idx, _end(tok.right_edge))
    if content is None:
        return None
    return tok, (tok.idx, _end(tok)), (pobj.left_edge.idx, _end(pobj.right_edge), pobj), content


def _headline_colon(tok: Any, sent: Any) -> tuple | None:
    """Headline style "Poll: Voters abandon X" / "Caddell: ...": a short name, a colon, the words."""
    if tok.text != ":" or tok.i - sent.start > 5 or tok.i == sent.start or sent.end - tok.i < 4:
        return None
    before = sent.doc[sent.start:tok.i]
    if any(t.pos_ in ("VERB", "AUX", "PRON") for t in before) or not any(t.pos_ in ("PROPN", "NOUN")
                                                                          for t in before):
        return None
    if before[0].text in "([" or any(t.lower_ in cues.EDITORIAL_LABELS for t in before):
        return None  # "Editor's note:", "Correction:", "(WARNING: ...)": the publication's own labels
    head = before.root
    if len(before) > 1 and not _source_label(head):
        return None  # "Success on water reform:", "Old allies again:": a section heading, not a source
    content = tidy(text_of(tok.doc), _end(tok), sent.end_char)
    if content is None:
        return None
    return tok, (tok.idx, _end(tok)), (before.start_char, before.end_char, head), content


def _source_label(head: Any) -> bool:
    """Can several words before a headline colon be the source of what follows? A name ("Ana Ruiz:"),
    a record or a role ("New poll:", "Kremlin spokesman:"), a common noun a name qualifies ("Clinton
    campaign:") or says it comes from ("A lesson from Ana Ruiz:"); any other common noun heads a
    section heading ("Success on water reform:", "Old allies again:"). One word is a source label."""
    if head.pos_ in ("PROPN", "PRON"):
        return True
    lemma = head.lemma_.lower()
    if lemma in cues.EVIDENCE_NOUNS or lemma in cues.ROLE_NOUNS or lemma in cues.ISSUED_NOUNS:
        return True
    for c in head.children:
        if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN":
            return True
        if c.dep_ == "prep" and c.lower_ in ("from", "by") and any(g.pos_ == "PROPN" for g in c.subtree):
            return True
    return False


def _noun_claim(tok: Any) -> tuple | None:
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in cues.CUE_NOUNS:
        return None
    clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp", "appos")
                   and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)), None)
    if clause is None:
        return None
    content = tidy(text_of(tok.doc), clause.left_edge.idx, _end(clause.right_edge))
    if content is None:
        return None
    spk = None
    for c in tok.children:
        if c.dep_ == "poss":
            spk = (c.left_edge.idx, _end(c.right_edge), c)
        elif c.dep_ in ("prep", "agent") and c.lower_ == "by":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                spk = (obj.left_edge.idx, _end(obj.right_edge), obj)
    if spk is None:  # "Trump claims that ...", misparsed as a noun compound: the name speaks
        name = next((c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
        if name is not None and tok.dep_ == "ROOT":
            spk = (name.left_edge.idx, _end(name), name)
    if spk is None and tok.dep_ in ("dobj", "pobj"):
        verb = tok.head if tok.dep_ == "dobj" else tok.head.head
        spk = clip_speaker(speaker_phrase(verb), tok)
    return tok, (tok.idx, _end(tok)), spk, content


def _cue_span(tok: Any) -> tuple[int, int]:
    end = _end(tok)
    for c in tok.children:
        if c.dep_ == "prt" and c.i == tok.i + 1:
            end = _end(c)
    return tok.idx, end


def _is_accusation(speaker: Speaker | None, content: Span | None, about: list[str]) -> bool:
    """A named party telling of someone else's wrongdoing makes an allegation, whatever the verb."""
    if speaker is None or speaker.entity is None or content is None:
        return False
    if not any(a != speaker.entity for a in about) and "mercenar" not in content.text.lower():
        return False
    low = content.text.lower()
    return any(stem in low for stem in cues.WRONGDOING_STEMS)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
