"""HTML pages through trafilatura and RSS/Atom feeds through feedparser."""

from __future__ import annotations

from kg.model import Article
from loaders import load
from loaders.feeds import html_to_text
from tests.loaders.conftest import split


def test_html_page_text_and_metadata(data):
    (article,) = split(load([str(data / "page.html")]))[0]
    assert article.title == "Bridge Reopens After Repairs"
    assert article.url == "https://courier.example/news/bridge-reopens"
    assert article.published == "2024-03-05"
    assert article.source == "Valley Courier"
    assert article.language == "en"
    assert article.id == Article.make_id(article.text, article.url)
    assert "reopened on Tuesday after six months of repairs" in article.text
    assert "Copyright" not in article.text and "Home" not in article.text
    # blocks are blank-line separated so the headline is its own sentence
    assert article.text.startswith("Bridge Reopens After Repairs\n\nThe river bridge")


def test_html_without_article_text_is_one_failure(data):
    articles, failures = split(load([str(data / "empty-page.html"), str(data / "page.html")]))
    assert len(articles) == 1
    assert [(f.origin, f.level) for f in failures] == [(str(data / "empty-page.html"), "error")]
    assert "no article text" in failures[0].message


def test_rss_entries_with_one_broken_entry(data):
    path = str(data / "feed.rss")
    articles, failures = split(load([path]))
    assert [a.origin for a in articles] == [f"{path}#1", f"{path}#3"]
    storm = articles[0]
    assert (
        storm.text == "The port of Westhaven was closed on Tuesday, the coastguard said.\n\n"
        "Ships were told to wait offshore."
    )
    assert (storm.title, storm.url, storm.published, storm.source, storm.language) == (
        "Storm closes port",
        "https://coastal.example/storm",
        "2024-03-05T10:00:00Z",
        "Coastal Times",
        "en",
    )
    assert articles[1].text.endswith("return this year & expand.")
    assert [f.origin for f in failures] == [f"{path}#2"]


def test_atom_feed_language_and_utc_date(data):
    (article,) = split(load([str(data / "feed.atom")]))[0]
    assert article.language == "de"
    assert article.published == "2024-04-01T10:00:00Z"
    assert article.text == "Die neue Brücke wurde am Montag eröffnet, sagte der Bürgermeister."
    assert article.source == "Rheinblatt"


def test_bozo_feed_with_entries_loads_them_with_one_warning(data):
    articles, failures = split(load([str(data / "bozo.rss")]))
    assert [a.title for a in articles] == ["Still readable"]
    assert len(failures) == 1 and failures[0].level == "warning"
    assert failures[0].origin == str(data / "bozo.rss")


def test_xml_that_is_not_a_feed_fails_and_feed_xml_loads(tmp_path, data):
    other = tmp_path / "config.xml"
    other.write_text('<?xml version="1.0"?><config><item>1</item></config>', encoding="utf-8")
    feed = tmp_path / "news.xml"
    feed.write_bytes((data / "feed.rss").read_bytes())
    articles, failures = split(load([str(other), str(feed)]))
    assert len(articles) == 2
    assert [f.origin for f in failures] == [str(other), f"{feed}#2"]
    assert "not an RSS or Atom feed" in failures[0].message


def test_html_to_text_drops_scripts_and_keeps_paragraphs():
    fragment = "<p>One &amp; two</p><script>var x = 1;</script><ul><li>three</li><li>four</li></ul>"
    assert html_to_text(fragment) == "One & two\n\nthree\n\nfour"
