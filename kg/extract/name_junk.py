"""Text NER calls a name that names nobody (issue 14 item 2: junk out), kept apart from the
mention finder so the rules read as one list: malformed text, legislators' party tags, court cases,
headline fragments, lone role and generic words, platforms read as people."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from kg import settings, yamlfile
from kg.extract.gender import is_given_name

DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
# "(D-Newport News)", "R-Ohio", "I-Vt.": a legislator's party and home, not a body's name
_PARTY_TAG = re.compile(r"[DRI]-[A-Z]")
_BRACKET_IN_WORD = re.compile(r"\w[\[\]]|[\[\]]\w")
# a lower-case word on its own: not the tail of a hyphenated name ("Soo-moon", "Hye-won")
_LOWER_ALONE = re.compile(r"(?<![\w\u2019'-])[a-z]+(?![\w-])")
_LOWER_WORD = re.compile(r"(?<![\w'\u2019-])[a-z]{4,}")
_SPACED_DASHES = (" - ", " -- ", " \u2013 ", " \u2014 ")
# "Brown v. Board of Education", "Roe v Wade": a court case between two parties
_CASE = re.compile(r"[A-Z][\w.'\u2019-]*\s+vs?\.?\s+[A-Z]")


def is_headline(span: Any, text: str) -> bool:
    """Is the span on a title-cased line (a headline or menu item): one without sentence punctuation,
    or one ending in a full stop whose every longer word is capitalised?"""
    lo = text.rfind("\n", 0, span.start_char) + 1
    hi = text.find("\n", span.end_char)
    return _headline_line(text[lo: hi if hi >= 0 else len(text)].strip())


@lru_cache(maxsize=256)
def _headline_line(line: str) -> bool:
    """(One answer per line: an article's names share few lines.)"""
    if line[-1:] in ".!?\"'\u201d":
        # a headline with a full stop: every longer word capitalised, verbs too ("Mayor Was Rushed
        # to Court But Released."), which a sentence never does
        if _LOWER_WORD.search(line):
            return False
        longer = [w for w in line.split() if w[:1].isalpha() and len(w) >= 4]
        return len(longer) >= 5 and all(w[0].isupper() for w in longer)
    words = [w for w in line.split() if w[:1].isalpha()]
    if len(words) < 3:
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= 0.7


def common_noun_name(words: list[str], text: str) -> bool:
    """A PERSON span of two or more words that opens with no given name and whose first and last
    words the article also writes in lower case ("Modest Gains", "Water Reform", "Cheap Ferries"): a
    headline's or title's words, not a person. A real name keeps at least one of its words
    capitalised throughout ("Keron Blair", "Condoleezza Rice" beside "rice exports")."""
    if len(words) < 2 or words[0].lower().strip(".") in titles() or is_given_name(words[0]):
        return False
    lower = lower_words(text)  # both ends: "Condoleezza Rice" stays a person beside "rice exports"
    return words[-1].lower() in lower and words[0].lower() in lower


def _in_heading(span: Any, text: str) -> bool:
    """Does the span open a title-cased heading that runs to a colon ("Modest Means to Fight
    Smuggling: The agency ...")? A name and a colon ("Ruiz: ...", a transcript) is not one, nor a name
    later in the heading ("Advice from Ana Ruiz: ...")."""
    lo = text.rfind("\n", 0, span.start_char) + 1
    colon = text.find(": ", lo, lo + 90)
    if colon < 0 or span.start_char >= colon or text[lo:span.start_char].strip():
        return False  # only the heading's opening words: "Advice from Ana Ruiz:" names a source
    words = [w for w in text[lo:colon].split() if w[:1].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) >= 0.7 and not any(
        c in text[lo:colon] for c in ".!?\"\u201c")


@lru_cache(maxsize=4)
def lower_words(text: str) -> frozenset[str]:
    """Words the article writes in lower case (a capitalised one of them is a common noun). One set
    per article, asked by the mention finder, the name sweep and the speakers."""
    return frozenset(_LOWER_ALONE.findall(text))


@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    """``schema/names.yaml``: titles and role words, generic body names (read once)."""
    data = yamlfile.read(settings.schema_dir() / "names.yaml") or {}
    return {k: frozenset(str(w).lower() for w in v or ()) for k, v in data.items()}


def titles() -> frozenset[str]:
    return lexicon()["titles"]


def malformed(text: str) -> bool:
    """Text no name is written as, whatever NER called it: no capital letter ("school"), a single
    letter ("L."), a bracket inside a word ("W]e", an editor's insertion)."""
    cased = any(c.isalpha() and c.lower() != c.upper() for c in text)  # Arabic, Chinese: no case at all
    if (cased and text.lower() == text) or (len(text) <= 3 and sum(c.isalpha() for c in text) <= 1):
        return True  # (a longer text with one letter has no capital either)
    return ("[" in text or "]" in text) and _BRACKET_IN_WORD.search(text) is not None


def has_spaced_dash(text: str, start: int, end: int) -> bool:
    return any(text.find(d, start, end) >= 0 for d in _SPACED_DASHES)


def after_dash(span: Any) -> Any:
    """"BRUSSELS - European", "Reconstruction - Virginia": a dateline or heading joined to a name
    by a spaced dash; the name is what follows the last such dash."""
    for tok in reversed(span):
        if tok.i > span.start and tok.is_punct and tok.text.strip("-\u2013\u2014") == "" and tok.whitespace_ \
                and span.doc[tok.i - 1].whitespace_:
            return span.doc[tok.i + 1:span.end]
    return span


def party_tag(text: str, start: int, end: int) -> bool:
    """"Sen. Ana Ruiz (D-Newport News)", "Ryan, R-Wis., said": a legislator's party and home after
    the name, in brackets or between commas, is no body's name ("D-Day" stays)."""
    if _PARTY_TAG.match(text[start:end]) is None:
        return False
    before = text[max(0, start - 2):start]
    return before.endswith("(") or before == ", "


def court_case(text: str) -> bool:
    return " v" in text and _CASE.search(text) is not None


_NOT_IN_NAMES = frozenset({"VERB", "ADV", "AUX"})


def junk(span: Any, label: str, text: str) -> bool:
    """Spans NER calls a person or organisation that name nobody: a headline fragment ("Trump Warns
    Clinton", "OBAMA FOCUSED ON ECONOMY"), a run with a verb or adverb inside ("British Bank Abruptly
    Drops"), a lone title or generic word ("Councilor", "Party", "State"), or a lone word used as a
    platform or an event is used ("on Twitter", "after Brexit") read as a person. A body that goes by
    one word ("Congress", "Parliament", "the Council") stays."""
    if label not in ("Person", "Organization"):
        return False
    if _in_heading(span, text):
        return True
    words = [t for t in span if t.is_alpha]
    if len(words) >= 2 and all(t.is_upper for t in words):
        return True
    if len(words) >= 2 and any(t.pos_ in _NOT_IN_NAMES and t.i > span.start and t.lower_ not in lexicon()["name_particles"]
                               for t in words):
        return True
    written = text[span.start_char:span.end_char]
    if label == "Person" and any(c.isdigit() for c in written) and not written.isupper():
        return True  # "Room 101": no one's name has a digit ("MI6", in capitals, is a body: entities.py)
    if label == "Person" and len(words) >= 3 and is_headline(span, text):
        return True
    if label == "Person" and len(words) >= 2 and words[-1].lower_.strip(".") in lexicon()["lone_roles"]:
        return True  # "Warns Governor": a name never ends with a title
    if len(span) == 1:
        word = span[0].lower_.strip(".")
        lex = lexicon()
        if word in lex["lone_roles"] or word in lex["lone_generic_words"]:
            return True
        if label == "Person" and span.root.dep_ == "pobj" and span.root.head.lower_ in lexicon()["platform_preps"]:
            return True
    return False


# words that are never a body's short name on their own ("Congress", "Parliament" are; "Party" is not)


