"""Which articles a picture draws from: publication dates (``--since``/``--until``) and publishers
(``--source``), for ``kg viz`` and ``kg map``.

Why through articles: every sourced relation lists the articles that state it (``r.articles``) and
every mention hangs off an ``Article``, so "what did Reuters report in March" is the set of
articles published then by Reuters, and a relation or a place is in the picture when one of those
articles says it. Dates compare as ISO strings (``Article.published`` is ISO 8601), so a day, a
month or a year is a prefix bound: ``--until 2026-03`` keeps everything published in March. Values
are always query parameters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from kg.errors import KgError

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _parse(value: str, option: str) -> tuple[int, int | None, int | None]:
    match = _DATE.match(value.strip())
    if not match:
        raise KgError(f"{option} {value!r}: give a date as YYYY-MM-DD, YYYY-MM or YYYY")
    y, m, d = (int(g) if g else None for g in match.groups())
    try:
        date(y or 1, m or 1, d or 1)
    except ValueError as exc:
        raise KgError(f"{option} {value!r}: {exc}") from exc
    return y or 1, m, d


def lower_bound(value: str) -> str:
    """``--since`` as the first ISO string it admits."""
    y, m, d = _parse(value, "--since")
    return f"{y:04d}" + (f"-{m:02d}" if m else "") + (f"-{d:02d}" if d else "")


def upper_bound(value: str) -> str:
    """``--until`` (inclusive) as the first ISO string after it: 2026-03 -> 2026-04."""
    y, m, d = _parse(value, "--until")
    if d and m:
        return (date(y, m, d) + timedelta(days=1)).isoformat()
    if m:
        return f"{y + 1:04d}-01" if m == 12 else f"{y:04d}-{m + 1:02d}"
    return f"{y + 1:04d}"


@dataclass(frozen=True)
class Scope:
    since: str | None = None
    until: str | None = None
    sources: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.since or self.until or self.sources)

    def where(self, var: str = "art") -> tuple[str, dict[str, Any]]:
        """A WHERE condition on the article variable ``var`` and its parameters."""
        parts: list[str] = []
        params: dict[str, Any] = {}
        if self.since:
            parts.append(f"{var}.published >= $scope_since")
            params["scope_since"] = lower_bound(self.since)
        if self.until:
            # not ``published < $x``: FalkorDB's range index scan answers a string "<" with every
            # article (">=" is right); comparing a prefix keeps the index out of it
            parts.append(f"left({var}.published, size($scope_until)) < $scope_until")
            params["scope_until"] = upper_bound(self.until)
        if self.sources:
            parts.append(f"toLower({var}.source) IN $scope_sources")
            params["scope_sources"] = [s.strip().lower() for s in self.sources]
        return " AND ".join(parts) or "true", params

    def describe(self) -> str:
        bits = []
        if self.since or self.until:
            bits.append(f"published {self.since or '...'} to {self.until or '...'}")
        if self.sources:
            bits.append("source " + " or ".join(self.sources))
        return ", ".join(bits)

    def check(self) -> None:
        """Raise a clear error for a malformed date before any query runs."""
        self.where()
