"""Shared tools of the robustness suite: run the real ``kg`` CLI on a private KG_HOME, read the graph
back, generate corpora, and keep the tally of inputs tried / survived / lost.

Everything goes through the CLI an analyst runs (a subprocess per command) and the real embedded
store; the graph is read back through ``FalkorStore`` without starting a server, so a reader never
hides a store that the CLI failed to start.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
KG = Path(sys.executable).with_name("kg")
IGNORED_PROPS = {"imported_at", "last_seen", "first_seen"}
CLI_TIMEOUT = 300
CORPUS_SIZE = 40  # articles in the generated corpus of the shared reference import


# ---- running kg ---------------------------------------------------------------------------------
def kg_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env.update({"KG_HOME": str(home), "KG_STORE": "embedded", "COLUMNS": "250", "NO_COLOR": "1",
                "TERM": "dumb", "PYTHONUNBUFFERED": "1"})
    return env


def kg(home: Path, *args: str, timeout: float = CLI_TIMEOUT, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``kg ARGS`` with ``KG_HOME=home`` and return the finished process (text output)."""
    return subprocess.run([str(KG), *args], env=kg_env(home), capture_output=True, text=True, timeout=timeout,
                          input=stdin, cwd=str(home.parent), check=False)


def kg_popen(home: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([str(KG), *args], env=kg_env(home), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=str(home.parent))


def outcome(proc: subprocess.CompletedProcess[str]) -> str:
    """For assertion messages: what the command said."""
    return f"exit={proc.returncode}\n--- stdout ---\n{proc.stdout[-4000:]}\n--- stderr ---\n{proc.stderr[-4000:]}"


def report_lines(stderr: str, name: str) -> list[str]:
    """The ``error:`` / ``warning:`` lines of an import that name the input ``name``."""
    return [ln for ln in stderr.splitlines()
            if ln.lower().lstrip().startswith(("error", "warning")) and name in ln]


# ---- homes --------------------------------------------------------------------------------------
class Homes:
    """Short private KG_HOMEs (a unix socket path must fit in 108 bytes; pytest's tmp_path may not).

    ``close`` stops each home's server (``kg store stop``, else the library) and deletes the home.
    """

    def __init__(self) -> None:
        self.made: list[Path] = []

    def new(self, prefix: str = "kgr-") -> Path:
        home = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
        self.made.append(home)
        return home

    def close(self) -> None:
        for home in self.made:
            stop_store(home)
            shutil.rmtree(home, ignore_errors=True)


def stop_store(home: Path) -> None:
    if not (home / "store").exists():
        return
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc = kg(home, "store", "stop", timeout=60)
        if proc.returncode == 0:
            return
    from kg.store.embedded import EmbeddedServer

    server = EmbeddedServer(home)
    with contextlib.suppress(Exception):
        server.stop()


def server_pid(home: Path) -> int | None:
    try:
        return int((home / "store" / "redis.pid").read_text().strip())
    except (OSError, ValueError):
        return None


# ---- reading the graph back -----------------------------------------------------------------------
def reader(home: Path) -> Any:
    """A ``FalkorStore`` on the CLI's graph of ``home`` that never starts a server itself."""
    from kg.store.embedded import EmbeddedServer
    from kg.store.falkor import FalkorStore

    return FalkorStore(graph="kg", server=EmbeddedServer(home), start=False)


def read(home: Path, cypher: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
    with reader(home) as st:
        return st.read(cypher, params).rows


def _props(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if not k.startswith("_") and k not in IGNORED_PROPS}


@dataclass
class Snapshot:
    """The whole graph as comparable Python values (timestamps left out)."""

    nodes: dict[tuple[tuple[str, ...], str], dict[str, Any]] = field(default_factory=dict)
    rels: list[tuple[str, str, str, dict[str, Any]]] = field(default_factory=list)
    node_count: int = 0
    duplicate_node_ids: list[tuple[tuple[str, ...], str]] = field(default_factory=list)

    @property
    def node_keys(self) -> set[tuple[tuple[str, ...], str]]:
        return set(self.nodes)

    @property
    def rel_keys(self) -> set[tuple[str, str, str]]:
        return {(t, s, d) for t, s, d, _ in self.rels}

    def rel_multiplicity(self) -> Counter[tuple[str, str, str]]:
        return Counter((t, s, d) for t, s, d, _ in self.rels)

    def rel_props(self) -> dict[tuple[str, str, str], dict[str, Any]]:
        return {(t, s, d): p for t, s, d, p in self.rels}

    def label_counts(self) -> Counter[tuple[str, ...]]:
        return Counter(labels for labels, _ in self.nodes)

    def articles(self) -> dict[str, dict[str, Any]]:
        return {nid: p for (labels, nid), p in self.nodes.items() if "Article" in labels}


@dataclass
class Reference:
    """The generated corpus imported once, uninterrupted: what other runs must reproduce."""

    corpus: Path
    home: Path
    snap: Snapshot


def snapshot(home: Path) -> Snapshot:
    with reader(home) as st:
        return snapshot_of(st)


def snapshot_of(st: Any) -> Snapshot:
    """The graph behind a Store (``read`` only)."""
    snap = Snapshot()
    for labels, node in st.read("MATCH (n) RETURN labels(n), n").rows:
        key = (tuple(sorted(labels)), node.get("id"))
        if key in snap.nodes:
            snap.duplicate_node_ids.append(key)
        snap.nodes[key] = _props(node)
        snap.node_count += 1
    for rtype, src, dst, rel in st.read("MATCH (a)-[r]->(b) RETURN type(r), a.id, b.id, r").rows:
        snap.rels.append((rtype, src, dst, _props(rel)))
    return snap


def wait_for(predicate: Any, timeout: float = 120.0, interval: float = 0.02) -> bool:
    """Poll ``predicate`` until true (used to land a kill mid-run, never to assert a duration)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if predicate():
                return True
        time.sleep(interval)
    return False


# ---- corpora ------------------------------------------------------------------------------------
FIRST = ["Anna", "Boris", "Carlos", "Daria", "Erik", "Fatima", "Georg", "Hanna", "Igor", "Julia", "Karim",
         "Lena", "Marek", "Nadia", "Oleg", "Petra", "Rafael", "Sofia", "Tomas", "Viktor", "Yusuf"]
LAST = ["Kowalski", "Lindqvist", "Moreau", "Petrenko", "Schmidt", "Novak", "Haddad", "Ivanova", "Brennan",
        "Okafor", "Rossi", "Jansen", "Horvath", "Dubois", "Nilsson", "Costa", "Weber"]
CITIES = ["London", "Paris", "Berlin", "Warsaw", "Kyiv", "Vienna", "Madrid", "Rome", "Prague", "Stockholm"]
COUNTRIES = ["France", "Germany", "Poland", "Ukraine", "Sweden", "Italy", "Spain", "Austria"]
ORGS = ["the United Nations", "NATO", "the European Union", "the World Bank", "Amnesty International",
        "the Red Cross"]
TEMPLATES = [
    "{p1} met {p2} in {city} on Tuesday to discuss the new trade agreement.",
    "{p1} said that {org} supports the plan to rebuild the port of {city2}.",
    "According to {org}, {p2} was accused of recruiting fighters in {country}.",
    "Officials in {country} denied the report, {p3} told reporters in {city}.",
    "{p3}, a spokesperson for {org2}, confirmed that the talks would continue in {city2} next month.",
    "{p2} condemned the attack on the convoy near {city2}, {org2} said in a statement.",
    "The government of {country2} imposed sanctions on three companies linked to {p1}.",
    "{p1} told the newspaper that {country} would not accept the proposal.",
]


def person(i: int) -> str:
    return f"{FIRST[i % len(FIRST)]} {LAST[(i * 7 + i // len(FIRST)) % len(LAST)]}"


def article_text(i: int, marker: str | None = None) -> str:
    """An English news article of about ten sentences with names varied by ``i``."""
    slots = {"p1": person(i), "p2": person(i + 5), "p3": person(i + 11), "city": CITIES[i % len(CITIES)],
             "city2": CITIES[(i * 3 + 1) % len(CITIES)], "country": COUNTRIES[i % len(COUNTRIES)],
             "country2": COUNTRIES[(i + 3) % len(COUNTRIES)], "org": ORGS[i % len(ORGS)],
             "org2": ORGS[(i + 2) % len(ORGS)]}
    title = f"{slots['p1']} and {slots['p2']} meet in {slots['city']}"
    body = [t.format(**slots) for t in TEMPLATES]
    body = [s[0].upper() + s[1:] for s in body]
    tail = f"The report was filed under reference {marker}." if marker else f"This was report number {i}."
    return f"{title}\n\n{' '.join(body[:4])}\n\n{' '.join(body[4:])} {tail}\n"


def make_corpus(folder: Path, indices: range | list[int]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in indices:
        path = folder / f"article_{i:03d}.txt"
        path.write_text(article_text(i), encoding="utf-8")
        paths.append(path)
    return paths


def handmade_extractions(n: int) -> list[Any]:
    """``n`` Extractions built by hand (no spaCy): an Article, two Persons, a Place and a Claim each."""
    from kg.model import Article, Claim, Entity, Extraction, Span, Speaker, entity_id

    out = []
    for i in range(n):
        p1, p2, city = person(i), person(i + 5), CITIES[i % len(CITIES)]
        text = f"{p1} said that {p2} arrived in {city}."
        cue = text.index("said")
        ents = [Entity(entity_id(label, name), label, name, mentions=[Span(text.index(name), text.index(name) + len(name), name)])
                for label, name in (("Person", p1), ("Person", p2), ("Place", city))]
        claim = Claim(id=f"claim:hand-{i}", cue=Span(cue, cue + 4, "said"), sentence=(0, len(text)),
                      speaker=Speaker(0, len(p1), p1, ents[0].id),
                      content=Span(cue + 10, len(text), text[cue + 10:]), about=[ents[1].id, ents[2].id])
        art = Article(id=f"hand-{i}", text=text, title=f"Hand {i}", source="Hand Wire", published="2024-06-04",
                      origin=f"hand-{i}")
        out.append(Extraction(article=art, entities=ents, claims=[claim],
                              comentions=[(ents[1].id, ents[2].id, 0, len(text))]))
    return out


def write_handmade(home: Path, n: int) -> None:
    """Write ``n`` handmade articles into the CLI's graph of ``home`` through the library."""
    from kg.graph import GraphBatch
    from kg.schema import load_schema
    from kg.store.embedded import EmbeddedServer
    from kg.store.falkor import FalkorStore

    with FalkorStore(graph="kg", server=EmbeddedServer(home)) as st:
        st.apply_schema(load_schema())
        batch = GraphBatch(load_schema())
        for ex in handmade_extractions(n):
            batch.add(ex)
        st.write(batch)


# ---- the tally ------------------------------------------------------------------------------------
@dataclass
class Ledger:
    """Per theme: inputs tried, survived (good records in the graph, bad inputs handled without
    stopping the import), lost (tried - survived: must be 0) and bad inputs not reported by name."""

    rows: dict[str, list[int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # measured figures worth a line in the summary

    def record(self, theme: str, tried: int, survived: int, unreported: int = 0) -> None:
        row = self.rows.setdefault(theme, [0, 0, 0, 0])
        for i, value in enumerate((tried, survived, tried - survived, unreported)):
            row[i] += value

    def lines(self) -> list[str]:
        def fmt(theme: str, row: list[int]) -> str:
            return f"{theme:<30} tried={row[0]:>4} survived={row[1]:>4} lost={row[2]} unreported={row[3]}"
        total = [sum(r[i] for r in self.rows.values()) for i in range(4)]
        return [fmt(theme, row) for theme, row in self.rows.items()] + [fmt("TOTAL", total), *self.notes]


LEDGER = Ledger()
