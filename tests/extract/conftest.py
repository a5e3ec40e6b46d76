"""One real Extractor (spaCy + gazetteers) for the whole test session: loading it is the slow part."""

from __future__ import annotations

import pytest

from kg.extract import Extractor
from kg.model import Article, Entity, Extraction


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def extract(extractor: Extractor):
    def run(text: str, article_id: str = "t1") -> Extraction:
        return extractor.extract(Article(article_id, text))
    return run


def _by_label(x: Extraction, label: str) -> list[Entity]:
    return [e for e in x.entities if e.label == label]


def _named(x: Extraction, label: str, fragment: str) -> Entity:
    found = [e for e in x.entities if e.label == label
             and (fragment in e.name or any(fragment in a for a in e.aliases))]
    assert found, f"no {label} {fragment!r} in {[(e.label, e.name) for e in x.entities]}"
    return found[0]


@pytest.fixture(scope="session")
def by_label():
    """``by_label(extraction, "Person")`` -> the entities with that label."""
    return _by_label


@pytest.fixture(scope="session")
def named():
    """``named(extraction, "Place", "Dushanbe")`` -> the entity whose name or alias contains the text."""
    return _named
