"""Article sources -> ``kg.model.Article`` records: plain text, HTML, JSON Lines, JSON, RSS/Atom.

    from loaders import load, LoadFailure
    for item in load(["news/", "feed.rss", "-"]):
        if isinstance(item, LoadFailure): ...   # reported inline, the import goes on

``load`` streams: folders are walked lazily, JSON Lines and JSON arrays are read record by record.
It never raises for bad input (each unreadable file, line, record or entry is one ``LoadFailure``);
it raises ``kg.errors.ConfigError`` at call time for an unknown format, an unknown field name in
``fields``, an unknown ``encoding`` or an invalid ``KG_MAX_ARTICLE_BYTES``.

Encodings: a BOM, else UTF-8, else (HTML) the declared charset, else detected with charset-normalizer
(biased to windows-1252 for mostly-ASCII text); ``encoding`` overrides detection.

Origins: ``path`` (one article per file), ``path:LINE`` (JSON Lines, from 1), ``path#N`` (JSON array
items and feed entries, from 1), ``<stdin>`` / ``<stdin>:LINE``.

``KG_MAX_ARTICLE_BYTES`` (default 20 MiB, suffixes K/M/G accepted) caps one article: whole-document
files (txt, html, feeds) above it are refused before reading; JSON/JSON Lines check each record's text.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from kg.model import Article
from loaders import feeds, plaintext, records, webpage  # noqa: F401 - importing registers the formats
from loaders.base import Format, LoadFailure, format_names, get_format, max_article_bytes
from loaders.encoding import check_encoding
from loaders.records import FIELDS, check_fields
from loaders.sources import load_path, sniff

__all__ = [
    "FIELDS",
    "Format",
    "LoadFailure",
    "format_names",
    "get_format",
    "load",
    "max_article_bytes",
    "sniff",
]


def load(
    paths: Sequence[str],
    format: str = "auto",
    fields: Mapping[str, str] | None = None,
    encoding: str | None = None,
) -> Iterator[Article | LoadFailure]:
    """Articles and inline failures from files, folders and ``-`` (stdin), in the order given.

    ``format`` is ``auto`` (extension, then content) or one of ``format_names()``; it applies to
    every input. ``fields`` maps our field names to the input's for JSON and JSON Lines.
    ``encoding`` (a Python codec name) overrides detection for every input (see ``loaders.encoding``).
    Settings and arguments are checked here, before the first item, so a usage error surfaces at once.
    """
    fmt = None if (format or "auto").strip().lower() == "auto" else get_format(format)
    mapping = check_fields(fields)
    codec = check_encoding(encoding)
    max_article_bytes()  # an invalid KG_MAX_ARTICLE_BYTES is a usage error, not a per-file failure
    if isinstance(paths, str):
        paths = [paths]
    return _load(list(paths), fmt, mapping, codec)


def _load(paths: list[str], fmt: Format | None, fields: dict[str, str],
          encoding: str | None) -> Iterator[Article | LoadFailure]:
    for path in paths:
        yield from load_path(str(path), fmt, fields, encoding)
