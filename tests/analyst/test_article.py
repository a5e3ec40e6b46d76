"""``kg article ID|URL``: one article's entities, claims and relations, and its highlighted HTML page."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from kg.article import article_view, format_article, write_article_html
from kg.cli import main
from kg.errors import QueryError
from tests.analyst.sample import A2


class Spans(HTMLParser):
    """The text inside each highlighted span of the page's article text, by class."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[set[str]] = []
        self.in_text = 0
        self.by_class: dict[str, str] = {}
        self.plain = ""
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "script":
            self.scripts += 1
        if tag == "div" and "text" in classes:
            self.in_text = 1
        elif self.in_text and tag == "div":
            self.in_text += 1
        if tag == "span" and self.in_text:
            self.stack.append(classes)

    def handle_endtag(self, tag):
        if tag == "span" and self.in_text and self.stack:
            self.stack.pop()
        elif tag == "div" and self.in_text:
            self.in_text -= 1

    def handle_data(self, data):
        if not self.in_text:
            return
        self.plain += data
        for classes in self.stack:
            for c in classes:
                self.by_class[c] = self.by_class.get(c, "") + data


def test_view_of_an_article(sample_store):
    view = article_view(sample_store, "a2")
    assert view.title == "Zelensky denies" and view.text == A2
    names = {m["entity"]: m for m in view.mentions}
    start, end = names["Volodymyr Zelensky"]["spans"][0]
    assert A2[start:end] == "Volodymyr Zelensky"
    denied = next(c for c in view.claims if c["status"] == "denied")
    assert A2[slice(*denied["cue_span"])] == "denied"
    assert A2[slice(*denied["content_span"])] == "the Armed Forces of Ukraine train Swedish mercenaries"
    rels = {(r["source"], r["type"], r["status"], r["target"]): r for r in view.relations}
    trains = rels[("Armed Forces of Ukraine", "TRAINS", "denied", "Swedish mercenaries")]
    assert A2[slice(*trains["spans"][0])].startswith("Volodymyr Zelensky denied")
    # the relation from a1 (alleged) is not this article's
    assert ("Armed Forces of Ukraine", "TRAINS", "alleged", "Swedish mercenaries") not in rels
    by_url = article_view(sample_store, "https://example.org/a1")
    assert by_url.id == "a1"
    with pytest.raises(QueryError, match="no article"):
        article_view(sample_store, "https://example.org/missing")


def test_text_view_fits_80_columns(sample_store):
    text = format_article(article_view(sample_store, "a1"), width=80)
    assert "claims (2):" in text and "RECRUITS_FOR" in text and "Nikolai Patrushev" in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_html_page_highlights_the_evidence(sample_store, tmp_path):
    page = write_article_html(article_view(sample_store, "a2"), tmp_path / "page.html")
    parsed = Spans()
    parsed.feed(page.read_text(encoding="utf-8"))
    assert parsed.plain == A2  # the whole text, once, in order
    assert parsed.scripts == 0 and "http://" not in page.read_text().replace("https://example.org", "")
    assert "Volodymyr Zelensky" in parsed.by_class["ent"] and "Kyiv" in parsed.by_class["ent"]
    assert "denied" in parsed.by_class["cue"]
    assert "the Armed Forces of Ukraine train Swedish mercenaries" in parsed.by_class["content"]
    assert "Sweden supports Ukraine, he said in Kyiv." in parsed.by_class["evidence"]


def test_article_command(sample_store, tmp_path):
    runner = CliRunner()
    piped = runner.invoke(main, ["article", "a3"])
    assert piped.exit_code == 0, piped.output
    data = json.loads(piped.output)
    assert data["title"] == "Strikes on Kyiv" and data["relations"][0]["type"] == "ATTACKS"
    table = runner.invoke(main, ["article", "a3", "--format", "table"])
    assert table.exit_code == 0 and "Strikes on Kyiv" in table.output and "2023-07-01" in table.output
    out = tmp_path / "a3.html"
    page = runner.invoke(main, ["article", "a3", "-o", str(out)])
    assert page.exit_code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    missing = runner.invoke(main, ["article", "nope"])
    assert missing.exit_code == 1 and "no article with id or url 'nope'" in missing.output
