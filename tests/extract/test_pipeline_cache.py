"""The gazetteer ruler patterns are cached on disk, keyed by the data and code they come from."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from kg import settings
from kg.extract.nlp import demonym_patterns, ruler_patterns
from kg.extract.pipeline_cache import cache_key, cached_patterns
from kg.geo.reference import reference


def _build() -> dict:
    return {"reference": ruler_patterns(reference()), "demonyms": demonym_patterns(reference())}


def test_patterns_are_built_once_then_read_back_equal(tmp_path):
    calls = []

    def build() -> dict:
        calls.append(1)
        return _build()

    first = cached_patterns(build, key="k1", folder=tmp_path)
    again = cached_patterns(build, key="k1", folder=tmp_path)
    assert len(calls) == 1  # the second process start reads the file
    assert again == first == _build()
    assert {"label": "GPE", "pattern": "Lithuania"} in again["reference"]
    assert list(tmp_path.iterdir()) == [tmp_path / "nlp-patterns-k1.json"]  # no temporary file left


def test_damaged_cache_file_is_rebuilt(tmp_path):
    path = tmp_path / "nlp-patterns-k2.json"
    path.write_text('{"reference": [{"label": "GPE"', encoding="utf-8")  # a half-written file
    assert cached_patterns(_build, key="k2", folder=tmp_path) == _build()
    assert cached_patterns(lambda: pytest.fail("rebuilt twice"), key="k2", folder=tmp_path) == _build()


def test_key_follows_the_reference_data(tmp_path, monkeypatch):
    schema = tmp_path / "schema"
    shutil.copytree(settings.schema_dir(), schema)
    monkeypatch.setenv("KG_SCHEMA_DIR", str(schema))
    before = cache_key()
    assert cache_key() == before  # stable for unchanged data
    ref = schema / "reference.yaml"
    ref.write_text(ref.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    assert cache_key() != before  # an edit to reference.yaml invalidates the cached patterns


def test_concurrent_writers_leave_one_whole_file(tmp_path):
    patterns = _build()
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: cached_patterns(lambda: patterns, key="k3", folder=tmp_path), range(8)))
    assert all(r == patterns for r in results)
    assert sorted(p.name for p in Path(tmp_path).iterdir()) == ["nlp-patterns-k3.json"]


def test_a_cached_file_missing_a_list_is_rebuilt(tmp_path):
    (tmp_path / "nlp-patterns-k4.json").write_text('{"reference": []}', encoding="utf-8")
    assert cached_patterns(_build, key="k4", folder=tmp_path, names=("reference", "demonyms")) == _build()

