"""Saved web pages (``.html``, ``.htm``): trafilatura finds the article text and its metadata.

trafilatura drops navigation, comments and boilerplate and reads title, date, canonical URL and site
name from the page's metadata; a page where it finds fewer than ``MIN_WORDS`` words has no article.
The page's declared language (``<html lang>`` or a ``content-language`` meta tag) fills
``Article.language``. The page is decoded here, not by trafilatura: trafilatura ignores a BOM and the
page's ``<meta charset>`` and trusts charset-normalizer alone, which reads a short Latin-1 page as
big5; ``loaders.encoding`` checks BOM, UTF-8, the declared charset, then detects (``--encoding``
overrides all of it).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import BinaryIO

from kg.model import Article
from loaders.base import (
    Format,
    Item,
    LoadFailure,
    detected_warning,
    looks_binary,
    max_article_bytes,
    register,
    replaced_warning,
    too_large,
)
from loaders.encoding import DETECT_BYTES, declared_charset, detect_encoding

_LANG = re.compile(
    rb"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*"""
    rb"""|<meta\b[^>]*?http-equiv\s*=\s*["']?content-language["']?[^>]*?content\s*=\s*["']?([A-Za-z]{2,3})""",
    re.IGNORECASE,
)


MIN_WORDS = 15  # fewer words is page chrome ("Home | About", a cookie notice), not an article: even
# a news brief has a sentence or two


def page_language(head: bytes) -> str | None:
    """The primary language subtag the page declares, lower-cased (``en-GB`` -> ``en``)."""
    match = _LANG.search(head)
    if not match:
        return None
    code = match.group(1) or match.group(2)
    return code.decode("ascii").lower()


def extract_page(data: bytes | str) -> tuple[str, dict[str, str | None]] | None:
    """Article text and metadata of one page, or None when trafilatura finds no article text."""
    import trafilatura  # imported lazily: it is slow to import and only HTML needs it

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its "empty page" chatter goes to stderr
    doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False, include_tables=False)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(text.split()) < MIN_WORDS:
        return None
    # trafilatura writes one line per block; a blank line between blocks lets the sentence
    # splitter see that a headline or list item ends where its line ends.
    text = "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
    meta = {key: getattr(doc, key, None) for key in ("title", "date", "url", "sitename", "hostname")}
    return text, meta


def decode_page(data: bytes, encoding: str | None = None) -> tuple[str, str | None]:
    """The page as text and a warning when bytes had to be replaced (see the module docstring)."""
    declared = declared_charset(data[:8192])
    codec = encoding or detect_encoding(data[:DETECT_BYTES], declared)
    # a page that declares the charset it is read in needs no word; a guess does
    note = None if encoding or codec == declared else detected_warning(codec)
    try:
        return data.decode(codec), note
    except UnicodeDecodeError:
        return data.decode(codec, errors="replace"), "; ".join(n for n in (note, replaced_warning(codec)) if n)


def load_html(stream: BinaryIO, origin: str, fields: dict[str, str], encoding: str | None = None) -> Iterator[Item]:
    """Read one HTML page as one article (``encoding`` None: detected). ``fields`` does not apply to HTML."""
    del fields
    limit = max_article_bytes()
    data = stream.read(limit + 1)
    if not data:
        yield LoadFailure(origin, "empty file")
        return
    if len(data) > limit:
        yield LoadFailure(origin, too_large(None, limit))
        return
    if looks_binary(data[:8192]) and not encoding:
        yield LoadFailure(origin, "binary file, not HTML")
        return
    page, warning = decode_page(data, encoding)
    if warning:
        yield LoadFailure(origin, warning, "warning")
    try:
        found = extract_page(page)
    except Exception as exc:  # noqa: BLE001 - a parser crash on one page must not stop the import
        yield LoadFailure(origin, f"could not parse HTML: {exc}")
        return
    if found is None:
        yield LoadFailure(origin, "no article text found in the HTML page")
        return
    text, meta = found
    url = meta["url"] or None
    yield Article(
        id=Article.make_id(text, url),
        text=text,
        title=meta["title"] or None,
        url=url,
        published=meta["date"] or None,
        source=meta["sitename"] or meta["hostname"] or None,
        origin=origin,
        language=page_language(data[:65536]),
    )


HTML = register(Format("html", (".html", ".htm", ".xhtml"), load_html, aliases=("htm",)))
