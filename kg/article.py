"""One article as the graph holds it, for ``kg article ID|URL``: its entities, claims and relations,
each with the character spans of the text it was read from.

Why: an analyst who doubts a relation or a claim must be able to see the sentence behind it, in
context, without reading Cypher. The text view lists what was found; the HTML page
(kg/article_page.py) shows the article's own text with every span highlighted: entity mentions,
claim cues and contents, and relation evidence sentences.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import QueryError
from kg.schema import own_label
from kg.scope import show_date
from kg.store.base import Store

Span = tuple[int, int]


@dataclass
class ArticleView:
    id: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    text: str = ""
    mentions: list[dict[str, Any]] = field(default_factory=list)  # entity, label, id, count, spans
    claims: list[dict[str, Any]] = field(default_factory=list)  # speaker, cue, status, claim, about, spans
    relations: list[dict[str, Any]] = field(default_factory=list)  # source, type, status, target, spans

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _spans(values: list[Any] | None, prefix: str = "") -> list[Span]:
    """``"start:end"`` (or ``"article_id:start:end"`` with ``prefix`` = the article id + ":") as pairs."""
    out = []
    for value in values or []:
        text = str(value)
        if prefix:
            if not text.startswith(prefix):
                continue
            text = text[len(prefix):]
        start, _, end = text.rpartition(":")
        if start.lstrip("-").isdigit() and end.isdigit():
            out.append((int(start), int(end)))
    return sorted(out)


def find_article(store: Store, ref: str) -> dict[str, Any]:
    """The Article node with id ``ref``, else with url ``ref``; QueryError naming what was tried."""
    ref = ref.strip()
    for prop in ("id", "url"):
        rows = store.read(f"MATCH (a:Article) WHERE a.{prop} = $ref RETURN a LIMIT 1", {"ref": ref}).rows
        if rows:
            return dict(rows[0][0])
    raise QueryError(f"no article with id or url {ref!r} (ids look like article:...; "
                     "find them with: kg query --saved articles-mentioning --param name=NAME)")


def article_view(store: Store, ref: str) -> ArticleView:
    node = find_article(store, ref)
    aid = str(node["id"])
    p = {"id": aid}
    view = ArticleView(id=aid, title=node.get("title"), url=node.get("url"), published=node.get("published"),
                       source=node.get("source"), text=node.get("text") or "")
    for r in store.read("MATCH (a:Article {id: $id})-[m:MENTIONS]->(e:Entity) RETURN e.id, e.name, labels(e), "
                        "m.count, m.spans", p).rows:
        label = own_label(r[2])
        view.mentions.append({"entity": r[1], "label": label, "id": r[0], "count": r[3] or 0,
                              "spans": _spans(r[4])})
    view.mentions.sort(key=lambda m: (m["spans"][0][0] if m["spans"] else len(view.text), m["entity"] or ""))
    for r in store.read(
            "MATCH (c:Claim) WHERE c.article_id = $id OPTIONAL MATCH (s:Entity)-[:ASSERTS]->(c) "
            "OPTIONAL MATCH (c)-[:ABOUT]->(e:Entity) RETURN c, s.name, collect(DISTINCT e.name)", p).rows:
        c = r[0]
        view.claims.append({
            "id": c["id"], "speaker": r[1] or c.get("speaker_text"), "cue": c.get("cue"), "status": c.get("status"),
            "claim": c.get("text"), "about": sorted(x for x in r[2] if x), "sentence": c.get("sentence"),
            "cue_span": _pair(c.get("cue_start"), c.get("cue_end")),
            "content_span": _pair(c.get("content_start"), c.get("content_end")),
            "sentence_span": _pair(c.get("sentence_start"), c.get("sentence_end"))})
    view.claims.sort(key=lambda c: (c["cue_span"] or (len(view.text), 0), c["id"]))
    prefix = f"{aid}:"
    for r in store.read(
            "MATCH (a:Article {id: $id})-[:MENTIONS]->(x:Entity)-[r]->(y:Entity) "
            "WHERE type(r) <> 'CO_MENTIONED' AND $id IN coalesce(r.articles, []) "
            "RETURN x.name, type(r), r.status, y.name, r.evidence", p).rows:
        view.relations.append({"source": r[0], "type": r[1], "status": r[2], "target": r[3],
                               "spans": _spans(r[4], prefix)})
    view.relations.sort(key=lambda r: (r["spans"][0] if r["spans"] else (len(view.text), 0), r["type"]))
    return view


def _pair(start: Any, end: Any) -> Span | None:
    return (int(start), int(end)) if isinstance(start, int) and isinstance(end, int) else None


def format_article(view: ArticleView, width: int = 80) -> str:
    """The article's header and its findings as tables ``width`` wide."""
    from kg.table import cut, render_table

    lines = [cut(view.title or view.id, width),
             cut(f"  {show_date(view.published, day=True)}  {view.source or 'unknown source'}  {view.id}", width)]
    if view.url:
        lines.append(cut(f"  {view.url}", width))

    def section(title: str, columns: list[str], rows: list[list[Any]]) -> None:
        lines.extend(["", f"{title} ({len(rows)}):"])
        lines.extend(render_table(columns, rows, width) if rows else ["  none"])

    section("relations", ["source", "relation", "status", "target"],
            [[r["source"], r["type"], r["status"], r["target"]] for r in view.relations])
    section("claims", ["status", "speaker", "cue", "claim"],
            [[c["status"], c["speaker"], c["cue"], c["claim"]] for c in view.claims])
    section("entities", ["entity", "label", "mentions"], [[m["entity"], m["label"], m["count"]] for m in view.mentions])
    return "\n".join(lines)


def write_article_html(view: ArticleView, path: Path) -> Path:
    """A self-contained page (no script from elsewhere) with the article's spans highlighted."""
    from kg.article_page import render_page

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_page(view), encoding="utf-8")
    return path
