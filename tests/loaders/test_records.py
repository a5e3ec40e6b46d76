"""JSON Lines and JSON: exact text, field mapping, and one failure per bad line or record."""

from __future__ import annotations

import io
import json

import pytest

import loaders.records as records
from kg.errors import ConfigError
from kg.model import Article
from loaders import load
from tests.loaders.conftest import split


def test_jsonl_bad_lines_fail_alone_and_text_is_kept_exactly(data):
    path = str(data / "records.jsonl")
    articles, failures = split(load([path]))
    assert [a.origin for a in articles] == [f"{path}:1", f"{path}:5"]
    first = articles[0]
    assert first.id == "rec-1"  # the record's own id wins
    assert first.text == "  The minister said the plan would go ahead.\n"  # not trimmed: offsets index it
    assert (first.title, first.url, first.published, first.source) == (
        "First record",
        "https://news.example/1",
        "2024-01-02",
        "News Example",
    )
    assert articles[1].id == Article.make_id(articles[1].text, "https://news.example/4")
    assert [(f.origin, f.level) for f in failures] == [(f"{path}:2", "error"), (f"{path}:3", "error")]
    assert failures[0].message.startswith("invalid JSON")
    assert "missing" in failures[1].message


def test_json_array_items_are_numbered_from_one(data):
    path = str(data / "array.json")
    articles, failures = split(load([path]))
    assert [a.origin for a in articles] == [f"{path}#1", f"{path}#3"]
    assert [a.id for a in articles][0] == "a1"
    assert [(f.origin, "empty" in f.message) for f in failures] == [(f"{path}#2", True)]


def test_field_mapping_with_nested_names(data):
    fields = {"title": "headline", "text": "body", "published": "meta.date", "url": "meta.link"}
    (article,) = split(load([str(data / "single.json")], fields=fields))[0]
    assert article.origin == str(data / "single.json")
    assert article.text == "The mayor announced a new park."
    assert article.title == "Mapped fields"
    assert article.published == "2023-06-01"
    assert article.url == "https://news.example/park"


def test_field_mapping_in_jsonl_and_numeric_values(tmp_path):
    path = tmp_path / "mapped.ndjson"
    path.write_text(json.dumps({"uid": 7, "body": "Text.", "date": 0, "lang": "EN"}) + "\n", encoding="utf-8")
    fields = {"id": "uid", "text": "body", "published": "date", "language": "lang"}
    (article,) = split(load([str(path)], fields=fields))[0]
    assert (article.id, article.published, article.language) == ("7", "1970-01-01T00:00:00Z", "en")


def test_unknown_field_name_is_a_config_error(data):
    with pytest.raises(ConfigError, match="valid fields"):
        load([str(data / "records.jsonl")], fields={"body": "text"})


def test_non_object_records_and_invalid_utf8_lines(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'[1, 2]\n"just a string"\n{"text": "caf\xe9"}\n{"text": "Good one."}\n')
    articles, failures = split(load([str(path)]))
    assert [a.text for a in articles] == ["Good one."]
    assert [f.origin.rsplit(":", 1)[1] for f in failures] == ["1", "2", "3"]
    assert "invalid UTF-8" in failures[2].message


def test_record_text_over_the_limit_fails_alone(tmp_path, monkeypatch):
    path = tmp_path / "big.jsonl"
    path.write_text(
        json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": "small"}) + "\n", encoding="utf-8"
    )
    monkeypatch.setenv("KG_MAX_ARTICLE_BYTES", "4096")
    articles, failures = split(load([str(path)]))
    assert [a.text for a in articles] == ["small"]
    assert len(failures) == 1 and failures[0].origin.endswith(":1")
    assert "KG_MAX_ARTICLE_BYTES" in failures[0].message


def test_json_array_streams_across_chunk_boundaries(monkeypatch):
    """With a tiny read chunk every value straddles a boundary; all must still parse."""
    monkeypatch.setattr(records, "READ_CHUNK", 7)
    items = [
        {"id": f"r{i}", "text": f"Story number {i} \u00e9\u4e2d.", "published": 1700000000 + i}
        for i in range(30)
    ]
    data = ("\ufeff[\n" + ",\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n]\n").encode()
    out = list(records.load_json(io.BytesIO(data), "mem.json", {}))
    assert [a.id for a in out] == [f"r{i}" for i in range(30)]
    assert out[3].text == "Story number 3 \u00e9\u4e2d."


def test_json_syntax_error_keeps_the_records_before_it():
    data = b'[{"text": "one"}, {"text": "two"}, {"text": oops}, {"text": "four"}]'
    out = list(records.load_json(io.BytesIO(data), "mem.json", {}))
    assert [getattr(a, "text", None) for a in out[:2]] == ["one", "two"]
    assert len(out) == 3 and out[2].origin == "mem.json#3" and "invalid JSON" in out[2].message


def test_empty_json_and_concatenated_objects():
    assert [f.message for f in records.load_json(io.BytesIO(b"[]"), "e.json", {})] == [
        "no JSON records (empty file or empty array)"
    ]
    out = list(records.load_json(io.BytesIO(b'{"text": "a"}\n{"text": "b"}\n'), "c.json", {}))
    assert [(a.origin, a.text) for a in out] == [("c.json", "a"), ("c.json#2", "b")]


def test_overlong_jsonl_line_fails_alone_and_the_next_loads(tmp_path, monkeypatch):
    monkeypatch.setattr(records, "READ_CHUNK", 16)
    monkeypatch.setenv("KG_MAX_ARTICLE_BYTES", "64")
    path = tmp_path / "long.jsonl"
    path.write_text(
        json.dumps({"text": "y" * 1000}) + "\n" + json.dumps({"text": "fine"}) + "\n", encoding="utf-8"
    )
    articles, failures = split(load([str(path)]))
    assert [(a.origin, a.text) for a in articles] == [(f"{path}:2", "fine")]
    assert [f.origin for f in failures] == [f"{path}:1"] and "longer than" in failures[0].message


def test_missing_text_field_is_reported_once_per_file_with_keys_and_hint(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": f"r{i}", "headline": f"Story {i}", "body": f"The council met on day {i} and voted."})
             for i in range(1, 18)]
    lines.insert(9, json.dumps({"id": "ok", "text": "A record with text."}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, failures = split(load([str(path)]))
    assert [a.id for a in articles] == ["ok"]
    (failure,) = failures
    assert failure.origin == f"{path}:1" and failure.count == 17
    assert "in 17 records (lines 1-9, 11-18)" in failure.message
    assert "fields: id, headline, body" in failure.message and "--field text=body" in failure.message
    # the mapping it suggests reads every record
    articles, failures = split(load([str(path)], fields={"text": "body"}))
    assert len(articles) == 17 and [f.origin for f in failures] == [f"{path}:10"]


def test_json_array_missing_text_names_the_item_and_counts_once(tmp_path):
    path = tmp_path / "dump.json"
    path.write_text(json.dumps([{"id": "a", "content": "First story text."}, {"id": "b", "content": "Second."}]),
                    encoding="utf-8")
    (failure,) = split(load([str(path)]))[1]
    assert failure.origin == f"{path}#1" and failure.count == 2 and "--field text=content" in failure.message
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "a", "content": "Only story."}), encoding="utf-8")
    (failure,) = split(load([str(one)]))[1]
    assert failure.origin == str(one) and "the record has fields: id, content" in failure.message


def test_import_counts_every_record_of_a_grouped_failure(tmp_path, store):
    from kg.extract import Extractor
    from kg.pipeline import Importer

    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps({"id": f"r{i}", "body": "Text."}) + "\n" for i in range(5)), encoding="utf-8")
    report = Importer(store, Extractor()).run(load([str(path)]))  # no article reaches spaCy
    assert report.failed == 5 and len(report.errors) == 1 and "--field text=body" in report.errors[0]


def test_dates_as_publishers_write_them_become_iso(tmp_path):
    """Date filters compare ISO strings: a written-out date is read, a non-date is no date."""
    path = tmp_path / "dates.jsonl"
    rows = [{"id": "a", "text": "One.", "published": "March 3, 2017"},
            {"id": "b", "text": "Two.", "published": "Fri, 03 Mar 2017 10:00:00 GMT"},
            {"id": "c", "text": "Three.", "published": "2017-03-03"},
            {"id": "d", "text": "Four.", "published": "last week"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    got = {a.id: a.published for a in split(load(str(path)))[0]}
    assert got == {"a": "2017-03-03", "b": "2017-03-03T10:00:00Z", "c": "2017-03-03", "d": None}
