"""Shared helpers for the loader tests: the data folder and a splitter of loader output."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.model import Article
from loaders import LoadFailure

DATA = Path(__file__).parent / "data"


def split(items) -> tuple[list[Article], list[LoadFailure]]:
    """Articles and failures of one load, checking nothing else came out."""
    articles, failures = [], []
    for item in items:
        if isinstance(item, Article):
            articles.append(item)
        else:
            assert isinstance(item, LoadFailure), item
            failures.append(item)
    return articles, failures


@pytest.fixture
def data() -> Path:
    return DATA
