"""Plain-text tables that fit a terminal: one line per row, long cells cut at a word with an ellipsis.

Why not rich's folding tables: at 80 columns a fold breaks words and dates mid-token ("RECRUIT
S_FOR", "2026-03-1 9T17:40:0 0Z") and three claims fill a screen. The ``kubectl get`` layout
reads better: columns of short tokens (dates, numbers, statuses, names of one word) keep their
width, the long text columns share what is left, and a cut ends at a word boundary with "…".
Full values are one ``--format json|csv`` away. Nodes and relationships show as their names, not
their property maps.
"""

from __future__ import annotations

import json
import re
from typing import Any

from rich.cells import cell_len

from kg.scope import UNKNOWN

ELLIPSIS = "…"
GAP = 2
_MIN_FLEX = 8
_ATOMIC_MAX = 24  # a column whose cells are all single tokens up to this long is never cut
_TIMESTAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
_DATE_COLUMNS = re.compile(r"(^|_)(published|date|first_seen|last_seen|seen|when)$")


def is_date_column(name: str) -> bool:
    return bool(_DATE_COLUMNS.search(name.lower()))


def element_name(value: dict[str, Any]) -> str:
    """A node's name (or title, or id); a relationship's type and status; a path's chain."""
    if "_labels" in value:
        return str(value.get("name") or value.get("title") or value.get("text") or value.get("id") or "")
    if "_type" in value:
        return f"{value['_type']} ({value['status']})" if value.get("status") else str(value["_type"])
    if set(value) == {"nodes", "relationships"}:
        nodes = [element_name(n) for n in value["nodes"]]
        rels = [element_name(r) for r in value["relationships"]]
        out = nodes[:1]
        for rel, node in zip(rels, nodes[1:], strict=False):
            out.append(f"-[{rel}]- {node}")
        return " ".join(out)
    if set(value) == {"latitude", "longitude"}:
        return f"{value['latitude']:.4f}, {value['longitude']:.4f}"
    return ", ".join(f"{k}: {cell_text(v)}" for k, v in value.items())


def cell_text(value: Any, column: str = "") -> str:
    """One value as table text: names for graph elements, lists joined, whitespace flattened,
    timestamps as their day, missing dates as ``unknown``."""
    if value is None or value == "":
        return UNKNOWN if column and is_date_column(column) else ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, dict):
        return element_name(value)
    if isinstance(value, list | tuple):
        return ", ".join(t for t in (cell_text(v) for v in value) if t)
    text = " ".join(str(value).split())
    stamp = _TIMESTAMP.match(text)
    return stamp.group(1) if stamp else text


def cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells: whole if it fits, else cut at a word with "…"."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    out = ""
    for ch in text:
        if cell_len(out + ch) > width - 1:
            break
        out += ch
    if text[len(out)] != " ":  # the cut falls inside a word: end at the word before it
        space = out.rfind(" ")
        if space >= 1:  # one long token (a URL, an id) is cut where it must be
            out = out[:space]
    return out.rstrip(" ,;:-") + ELLIPSIS


def _fair(natural: list[int], budget: int, floor: int) -> list[int]:
    """Water-filling: each column gets its natural width or an equal share of what is left."""
    widths = [0] * len(natural)
    order = sorted(range(len(natural)), key=lambda i: natural[i])
    left, n = budget, len(natural)
    for rank, i in enumerate(order):
        share = max(floor, left // max(1, n - rank))
        widths[i] = min(natural[i], share)
        left -= widths[i]
    return widths


def column_widths(columns: list[str], cells: list[list[str]], width: int) -> list[int]:
    values = [[row[i] for row in cells] for i in range(len(columns))]
    natural = [max([cell_len(c) for c in col] + [cell_len(h)]) for h, col in zip(columns, values, strict=True)]
    budget = width - GAP * (len(columns) - 1)
    if sum(natural) <= budget:
        return natural
    atomic = [bool(col) and all(" " not in c and cell_len(c) <= _ATOMIC_MAX for c in col) for col in values]
    # an atomic column keeps its values whole; its header gives way to the text columns (down to 6 cells)
    fixed = {i: max([cell_len(c) for c in values[i]] + [min(cell_len(columns[i]), 6)])
             for i in range(len(columns)) if atomic[i]}
    flex = [i for i in range(len(columns)) if i not in fixed]
    rest = budget - sum(fixed.values())
    if flex and rest >= _MIN_FLEX * len(flex):
        shares = _fair([natural[i] for i in flex], rest, _MIN_FLEX)
        widths = [fixed.get(i, 0) for i in range(len(columns))]
        for i, w in zip(flex, shares, strict=True):
            widths[i] = w
        return widths
    return _fair(natural, budget, 4)  # too many columns: everything shares


def render_table(columns: list[str], rows: list[list[Any]], width: int = 80) -> list[str]:
    """The table as lines: header, a rule, one line per row, none longer than ``width`` cells
    (unless even four cells a column cannot fit)."""
    cells = [[cell_text(v, columns[i]) for i, v in enumerate(row)] for row in rows]
    widths = column_widths(columns, cells, width)

    def line(values: list[str]) -> str:
        parts = [cut(v, w) for v, w in zip(values, widths, strict=True)]
        padded = [p + " " * (w - cell_len(p)) for p, w in zip(parts, widths, strict=True)]
        return (" " * GAP).join(padded).rstrip()

    return [line(columns), (" " * GAP).join("─" * w for w in widths), *(line(r) for r in cells)]


def to_json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)
