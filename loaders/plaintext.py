"""Plain-text articles (``.txt``): the title is the first non-empty line, page furniture is cut.

Offsets downstream index into ``Article.text``, so the body is kept character for character:
furniture is removed only by cutting whole lines (news-site chrome such as "No time to read?" /
"Get a summary") and a trailing "Previous Article / Next Article" link block. Paragraphs are never
re-flowed and the title line stays in the text (a headline often carries a claim worth extracting).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import BinaryIO

from kg.model import Article
from loaders.base import (
    Format,
    Item,
    LoadFailure,
    Prefixed,
    looks_binary,
    max_article_bytes,
    read_text_parts,
    register,
    too_large,
)

# Whole lines that are page chrome, not article text; each line goes together with the blank
# lines after it, so "Title\n\nNo time to read?\nGet a summary\n\nBody" becomes "Title\n\nBody".
_FURNITURE_LINE = re.compile(
    r"^[ \t]*(?:No time to read\?|Get a summary)[ \t]*(?:\r?\n|\Z)(?:[ \t]*\r?\n)*",
    re.MULTILINE | re.IGNORECASE,
)
# The start of the trailing link block ("Previous Article", "Next Article", with optional arrows).
_NAV_LINE = re.compile(
    r"^[ \t]*[«‹←<]*[ \t]*(?:Previous|Next|Prev\.?)[ \t]+(?:Article|Post|Story)[ \t]*[»›→>]*[ \t]*\r?$",
    re.MULTILINE | re.IGNORECASE,
)
_TAIL_WINDOW = 4096  # the link block is short: only the end of the text is searched for it
_MAX_NAV_HEADLINES = 4  # link titles a nav block may carry ("Previous Article\n\n<headline>")
_MAX_HEADLINE_CHARS = 300
_MAX_TITLE_CHARS = 500  # a longer "first line" is a paragraph, not a title
_NON_SPACE = re.compile(r"\S")


def strip_furniture(text: str) -> str:
    """Cut furniture lines and a trailing nav block; returns ``text`` itself when there is none."""
    return join_without_furniture([text])


def join_without_furniture(parts: list[str]) -> str:
    """Join decoded chunks into the article text with furniture cut from the first and last chunk.

    Working on the chunks before the single join keeps a large article's peak memory near twice
    its text (chunks + result) instead of one more full copy per cut. Furniture sits in the head
    and the tail of a page, so for texts longer than one chunk (about 1 MiB) only those are searched.
    """
    parts = [part for part in parts if part]
    if not parts:
        return ""
    if len(parts) >= 2 and len(parts[-1]) < 2 * _TAIL_WINDOW:
        parts = [*parts[:-2], parts[-2] + parts[-1]]
    if len(parts) == 1:
        return _cut_nav_block(_cut_lines(parts[0]))
    head, tail = _cut_lines(parts[0]), _cut_nav_block(_cut_lines(parts[-1]))
    parts[0] = parts[-1] = ""  # drop the uncut chunks before the join
    return "".join([head, *parts[1:-1], tail])


def _cut_lines(text: str) -> str:
    return _FURNITURE_LINE.sub("", text) if _FURNITURE_LINE.search(text) else text


def _cut_nav_block(text: str) -> str:
    start = max(0, len(text) - _TAIL_WINDOW)
    tail = text[start:]
    for match in _NAV_LINE.finditer(tail):
        rest = tail[match.start() :]
        others = [ln.strip() for ln in rest.splitlines() if ln.strip() and not _NAV_LINE.match(ln)]
        if len(others) <= _MAX_NAV_HEADLINES and all(len(ln) <= _MAX_HEADLINE_CHARS for ln in others):
            return text[: start + match.start()].rstrip()
    return text


def first_line_title(text: str) -> str | None:
    for line in text[: _MAX_TITLE_CHARS * 4].splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= _MAX_TITLE_CHARS else None
    return None


_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_MONTH = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_FORMS = (  # ISO, "March 3, 2017", "3 March 2017"
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),
    re.compile(_MONTH.replace("(", "(?P<mon>", 1) + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b"),
    re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH.replace("(", "(?P<mon>", 1) + r",?\s+(?P<y>\d{4})\b"),
)
# where a publication date stands: a line that opens with it ("Published: Monday, March 3, 2017"),
# or a wire dateline after the place ("LONDON, March 3, 2017 (Reuters) -", "ATHENS, Ga. - June 2, 2020")
_DATE_LEAD = re.compile(r"(?:(?:published|posted|updated|date)\b:?\s*)?(?:(?:on\s+)?[A-Z][a-z]+day,?\s+)?",
                        re.IGNORECASE)
_PLACE = r"[A-Z][A-Z.'\u2019-]+(?:[ \t][A-Z][A-Za-z.'\u2019-]+){0,3},[ \t]*"
_DASH = r"(?:[-\u2013\u2014]+[ \t]*)?"
_DATELINES = (re.compile(_PLACE + _DASH), re.compile(_PLACE + r"[A-Z][a-z]{1,4}\.,?[ \t]*" + _DASH))


def dateline_date(text: str) -> str | None:
    """The publication date a plain-text article gives in its first lines, as an ISO day: a line
    that is (or opens with) a date, or a wire dateline's date. Dates later in the prose are events,
    not publication, and are left alone; a date without a year is not enough."""
    lines = [ln.strip() for ln in text[:2000].splitlines() if ln.strip()][:3]
    for line in lines:
        for lead in (_DATE_LEAD, *_DATELINES):
            opening = lead.match(line)
            rest = line[opening.end():] if opening else line
            for form in _DATE_FORMS:
                found = form.match(rest)
                if found is None:
                    continue
                parts = found.groupdict()
                month = int(parts["m"]) if parts.get("m") else _MONTHS[parts["mon"][:3].lower()]
                try:
                    return date(int(parts["y"]), month, int(parts["d"])).isoformat()
                except ValueError:
                    continue
    return None


def article_from_parts(parts: list[str], origin: str) -> Iterator[Item]:
    """One Article from decoded text chunks, or a failure when nothing is left."""
    text = join_without_furniture(parts)
    del parts[:]
    if not _NON_SPACE.search(text):
        yield LoadFailure(origin, "empty file: no article text")
        return
    yield Article(id=Article.make_id(text), text=text, title=first_line_title(text), origin=origin,
                  published=dateline_date(text))


def load_text(stream: BinaryIO, origin: str, fields: dict[str, str], encoding: str | None = None) -> Iterator[Item]:
    """Read one plain-text article (``encoding`` None: detected). ``fields`` does not apply to plain text."""
    del fields
    head = stream.read(8192)
    if not head:
        yield LoadFailure(origin, "empty file")
        return
    if looks_binary(head) and not encoding:  # UTF-16 without a BOM has NULs: readable when named
        yield LoadFailure(origin, "binary file, not text")
        return
    limit = max_article_bytes()
    parts, warning, size = read_text_parts(Prefixed(head, stream), limit + 1, encoding)  # type: ignore[arg-type]
    if size > limit:
        yield LoadFailure(origin, too_large(None, limit))
        return
    if warning:
        yield LoadFailure(origin, warning, "warning")
    yield from article_from_parts(parts, origin)


TXT = register(Format("txt", (".txt", ".text"), load_text, aliases=("text",)))
