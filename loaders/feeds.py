"""RSS and Atom feeds (``.rss``, ``.atom``, and ``.xml`` when it sniffs as a feed), via feedparser.

Each entry is one article: its full content when the feed carries it, else its summary, with the
HTML turned into plain text (paragraphs become blank-line separated, markup and scripts go).
Title, link (as url), published date (ISO 8601, UTC) and the feed's title (as source) come along;
the entry's or feed's declared language fills ``Article.language``. Entries are "path#N", N from 1.
feedparser never raises on a malformed feed; it sets ``bozo``. A bozo feed that still yields
entries loads them with one warning; one with no entries is one error.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any, BinaryIO

from kg.model import Article
from loaders.base import Format, Item, LoadFailure, iso_published, max_article_bytes, register, too_large

_BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "table",
    "section",
    "article",
    "figure",
    "figcaption",
    "pre",
    "hr",
    "dd",
    "dt",
}
_SKIP = {"script", "style", "noscript", "template", "head"}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BREAKS = re.compile(r"\s*\n\s*(?:\n\s*)+")


class _TextCollector(HTMLParser):
    """Collects the text of an HTML fragment, marking block boundaries as paragraph breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _SKIP:
            self._skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: one paragraph per block, single spaces, no markup."""
    if "<" not in fragment:
        text = html.unescape(fragment)
    else:
        parser = _TextCollector()
        parser.feed(fragment)
        parser.close()
        text = "".join(parser.parts)
    lines = (_SPACES.sub(" ", ln).strip() for ln in text.split("\n"))
    return _BREAKS.sub("\n\n", "\n".join(lines)).strip()


def _iso(parsed: time.struct_time | None) -> str | None:
    if not parsed:
        return None
    try:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
    except (TypeError, ValueError):
        return None


def _language(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return re.split(r"[-_]", value.strip(), maxsplit=1)[0].lower() or None


def _entry_text(entry: Any) -> str:
    """The entry's richest text: full content if present, else the summary, as plain text."""
    for block in entry.get("content") or []:
        value = block.get("value") or ""
        text = html_to_text(value) if "html" in (block.get("type") or "html") else value.strip()
        if text:
            return text
    summary = entry.get("summary") or ""
    return html_to_text(summary) if summary else ""


def entry_to_article(entry: Any, origin: str, source: str | None, feed_language: str | None) -> Item:
    text = _entry_text(entry)
    if not text:
        return LoadFailure(origin, "feed entry has no content or summary text")
    url = (entry.get("link") or "").strip() or None
    key = url or (entry.get("id") or "").strip() or None  # a guid identifies a link-less entry
    content = (entry.get("content") or [{}])[0]
    language = _language(content.get("language")) or feed_language
    published = _iso(entry.get("published_parsed") or entry.get("updated_parsed")) or iso_published(
        entry.get("published") or entry.get("updated") or None
    )
    title = html_to_text(entry.get("title") or "") or None
    return Article(
        id=Article.make_id(text, key),
        text=text,
        title=title,
        url=url,
        published=published,
        source=source,
        origin=origin,
        language=language,
    )


def load_feed(stream: BinaryIO, origin: str, fields: dict[str, str], encoding: str | None = None) -> Iterator[Item]:
    """All entries of one feed document. ``fields`` does not apply to feeds and is ignored.

    feedparser reads the XML declaration and detects the rest; ``encoding`` overrides both (as an
    HTTP charset would, RFC 3023)."""
    del fields
    import feedparser  # imported lazily: only feeds need it

    limit = max_article_bytes()
    data = stream.read(limit + 1)
    if not data.strip():
        yield LoadFailure(origin, "empty file")
        return
    if len(data) > limit:
        yield LoadFailure(origin, too_large(None, limit))
        return
    try:
        parsed = feedparser.parse(data, response_headers=(
            {"content-type": f"application/xml; charset={encoding.removesuffix('-sig')}"} if encoding else None))
    except Exception as exc:  # noqa: BLE001 - feedparser is meant not to raise; be safe all the same
        yield LoadFailure(origin, f"could not parse feed: {exc}")
        return
    entries = parsed.get("entries") or []
    if parsed.get("bozo"):
        reason = parsed.get("bozo_exception") or "malformed feed"
        if not entries:
            yield LoadFailure(origin, f"not a readable feed: {reason}")
            return
        yield LoadFailure(origin, f"malformed feed, {len(entries)} entries read anyway: {reason}", "warning")
    elif not entries:
        yield LoadFailure(origin, "feed has no entries")
        return
    meta = parsed.get("feed") or {}
    source = html_to_text(meta.get("title") or "") or None
    feed_language = _language(meta.get("language"))
    for number, entry in enumerate(entries, start=1):
        where = f"{origin}#{number}"
        try:
            yield entry_to_article(entry, where, source, feed_language)
        except Exception as exc:  # noqa: BLE001 - one odd entry must not lose the others
            yield LoadFailure(where, f"could not read feed entry: {exc}")


RSS = register(Format("rss", (".rss", ".atom"), load_feed, aliases=("atom", "feed")))
