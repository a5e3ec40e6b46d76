"""Quotation regions of an article: where direct speech starts and ends, across sentences.

The parser sees one sentence at a time, but a quotation often runs over several sentences and
is split by its cue (“A,” he said. “B.”). Attribution corpora mark such content as one span
from the first opening quote to the last closing one, so claims extend their content over the
quotation regions found here. A region never crosses a paragraph break: news style leaves a
quotation open at a paragraph's end when it continues, and we prefer a short, certain span.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from kg.extract.nlp import text_of

_CURLY_OPEN, _CURLY_CLOSE = "\u201c", "\u201d"
_MAX_LEN = 2000
_CANDIDATE = re.compile("[\n\"'`\u201c\u201d]")  # every character the scan below acts on


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Half-open ``(start, end)`` ranges of double-quoted passages, quote marks included."""
    regions: list[tuple[int, int]] = []
    start: int | None = None
    opener = ""
    i = 0
    while (m := _CANDIDATE.search(text, i)) is not None:  # jump over text that cannot matter
        i = m.start()
        ch = text[i]
        if ch == "\n" and start is not None and text.startswith("\n\n", i):
            start = None  # unclosed at paragraph end: drop rather than guess
        elif start is None and (ch == _CURLY_OPEN or ch == '"' or text.startswith("''", i) or
                                text.startswith("``", i) or (ch == _CURLY_CLOSE and _line_start(text, i))):
            start, opener = i, ch if ch in (_CURLY_OPEN, '"', _CURLY_CLOSE) else text[i:i + 2]
            i += len(opener)
            continue
        elif start is not None and _closes(text, i, opener):
            end = i + (2 if len(opener) == 2 else 1)
            if end - start <= _MAX_LEN:
                regions.append((start, end))
            start = None
            i = end
            continue
        i += 1
    return regions


def _line_start(text: str, i: int) -> bool:
    """A closing quote mark typed at the start of a line opens a quotation (a common slip in
    letters and vox pops: ”Mr. Trump embodies ...” ― Sonya H.)."""
    return i == 0 or text[i - 1] == "\n"


def _closes(text: str, i: int, opener: str) -> bool:
    ch = text[i]
    if opener in (_CURLY_OPEN, _CURLY_CLOSE):
        return ch == _CURLY_CLOSE
    if opener == '"':
        return ch == '"' or ch == _CURLY_CLOSE
    return text.startswith("''", i)


class QuoteIndex:
    """Fast lookup of the quotation region containing or overlapping a character range."""

    def __init__(self, text: str) -> None:
        self.regions = quote_regions(text)
        self._starts = [s for s, _ in self.regions]

    def containing(self, pos: int) -> tuple[int, int] | None:
        k = bisect_right(self._starts, pos) - 1
        if k >= 0 and self.regions[k][0] <= pos < self.regions[k][1]:
            return self.regions[k]
        return None

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        k = max(0, bisect_right(self._starts, start) - 1)
        out = []
        for s, e in self.regions[k:]:
            if s >= end:
                break
            if e > start:
                out.append((s, e))
        return out

    def starting_at(self, pos: int, slack: int = 3) -> tuple[int, int] | None:
        """The region that opens at ``pos`` or within ``slack`` characters after it."""
        k = bisect_right(self._starts, pos + slack) - 1
        if k >= 0 and pos <= self.regions[k][0] <= pos + slack:
            return self.regions[k]
        return None


def quote_index(doc: Any) -> QuoteIndex:
    """The Doc's quotation regions, found once per Doc (claims and coreference both ask)."""
    found = doc.user_data.get("kg_quotes")
    if found is None:
        found = doc.user_data["kg_quotes"] = QuoteIndex(text_of(doc))
    return found
