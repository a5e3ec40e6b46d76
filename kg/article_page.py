"""The HTML page of ``kg article ID -o page.html``: the article's text with its evidence highlighted.

Spans overlap (a mention inside a claim's content inside a relation's evidence sentence), so the
text is cut at every span boundary and each piece carries the classes of all spans covering it:
no nesting to get wrong, and every character keeps all its readings (listed in its tooltip).
One file, inline CSS, no script and nothing fetched: it opens offline and can be mailed.
"""

from __future__ import annotations

import html
from typing import Any

from kg.scope import show_date

LABEL_COLOURS = {"Person": "#4e79a7", "Organization": "#f28e2b", "Group": "#b07aa1", "Event": "#59a14f",
                 "Place": "#76b7b2", "Country": "#c9a227"}

STYLE = """
body{font:16px/1.6 Georgia,serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.5rem;line-height:1.3;margin-bottom:.2rem} .meta{color:#666;font:14px sans-serif}
.text{white-space:pre-wrap;margin:1.5rem 0;padding:1rem;background:#fafafa;border-radius:6px}
.ent{border-bottom:3px solid var(--c);background:color-mix(in srgb,var(--c) 12%,transparent)}
.cue{font-weight:bold;color:#a00} .content{background:#fff3b0} .evidence{text-decoration:underline dotted #555}
.legend span,.k{display:inline-block;margin-right:.8rem;font:13px sans-serif}
table{border-collapse:collapse;font:14px sans-serif;width:100%;margin-bottom:1.5rem}
th,td{border-bottom:1px solid #ddd;padding:.25rem .4rem;text-align:left;vertical-align:top}
.s-alleged{color:#c66000} .s-denied{color:#b00020} .s-confirmed{color:#2a7a2a} .s-negated{color:#666;text-decoration:line-through}
"""


def _layers(view: Any) -> list[tuple[int, int, list[str], str, str]]:
    """(start, end, classes, style, note) for every span the graph records in this article."""
    out: list[tuple[int, int, list[str], str, str]] = []
    for m in view.mentions:
        colour = LABEL_COLOURS.get(m["label"], "#888")
        for s, e in m["spans"]:
            out.append((s, e, ["ent"], f"--c:{colour}", f"{m['entity']} [{m['label']}]"))
    for n, c in enumerate(view.claims, 1):
        if c["cue_span"]:
            out.append((*c["cue_span"], ["cue", f"claim-{n}"], "", f"claim {n}: {c['speaker'] or 'unknown speaker'} {c['cue']} "
                                                                  f"({c['status']})"))
        if c["content_span"]:
            out.append((*c["content_span"], ["content", f"claim-{n}"], "", f"claim {n} content ({c['status']})"))
    for n, r in enumerate(view.relations, 1):
        for s, e in r["spans"]:
            out.append((s, e, ["evidence", f"rel-{n}"], "",
                        f"relation {n}: {r['source']} {r['type']} {r['target']} ({r['status'] or 'asserted'})"))
    size = len(view.text)
    return [(max(0, s), min(size, e), cls, st, note) for s, e, cls, st, note in out if 0 <= s < e]


def highlight(view: Any) -> str:
    """The article text as HTML, cut at every span boundary (see the module docstring)."""
    layers = _layers(view)
    text = view.text
    cuts = sorted({0, len(text), *(s for s, *_ in layers), *(e for _, e, *_ in layers)})
    anchors = {s: cls[1] for s, _e, cls, _st, _n in layers if len(cls) > 1}
    out = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        if start in anchors:
            out.append(f'<a id="{anchors.pop(start)}"></a>')
        piece = html.escape(text[start:end])
        active = [lay for lay in layers if lay[0] <= start and end <= lay[1]]
        if not active:
            out.append(piece)
            continue
        classes = sorted({c for lay in active for c in lay[2]})
        style = ";".join(lay[3] for lay in active if lay[3])
        note = "\n".join(lay[4] for lay in active)
        out.append(f'<span class="{" ".join(classes)}"{f" style={chr(34)}{style}{chr(34)}" if style else ""} '
                   f'title="{html.escape(note)}">{piece}</span>')
    return "".join(out)


def _table(columns: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>" if rows else "<p class=meta>none</p>"


def render_page(view: Any) -> str:
    e = html.escape
    title = e(view.title or view.id)
    link = f' · <a href="{e(view.url)}">{e(view.url)}</a>' if view.url else ""
    legend = "".join(f'<span class="ent" style="--c:{c}">{lb}</span>' for lb, c in LABEL_COLOURS.items())
    legend += '<span class="cue">claim cue</span><span class="content">claim content</span>'
    legend += '<span class="evidence">relation evidence</span>'
    claims = [[f'<a href="#claim-{n}">{n}</a>', f'<span class="s-{e(str(c["status"]))}">{e(str(c["status"]))}</span>',
               e(c["speaker"] or ""), e(c["cue"] or ""), e(c["claim"] or ""), e(", ".join(c["about"]))]
              for n, c in enumerate(view.claims, 1)]
    rels = [[f'<a href="#rel-{n}">{n}</a>' if r["spans"] else str(n), e(r["source"] or ""), e(r["type"]),
             f'<span class="s-{e(str(r["status"]))}">{e(str(r["status"] or ""))}</span>', e(r["target"] or "")]
            for n, r in enumerate(view.relations, 1)]
    ents = [[f'<span class="ent" style="--c:{LABEL_COLOURS.get(m["label"], "#888")}">{e(m["entity"] or "")}</span>',
             e(m["label"]), str(m["count"])] for m in view.mentions]
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta name="generator" content="kg article"><style>{STYLE}</style></head>
<body>
<h1>{title}</h1>
<div class="meta">{e(show_date(view.published))} · {e(view.source or "unknown source")} · {e(view.id)}{link}</div>
<div class="legend meta">{legend}</div>
<div class="text">{highlight(view)}</div>
<h2>Claims ({len(claims)})</h2>
{_table(["#", "status", "speaker", "cue", "claim", "about"], claims)}
<h2>Relations ({len(rels)})</h2>
{_table(["#", "source", "relation", "status", "target"], rels)}
<h2>Entities ({len(ents)})</h2>
{_table(["entity", "label", "mentions"], ents)}
</body></html>
"""
