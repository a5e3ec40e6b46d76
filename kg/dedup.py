"""Near-duplicate articles: the same wire story from two outlets, or under two ids, is one story.

How: MinHash over word 5-shingles with LSH banding (Broder 1997; Leskovec, Rajaraman & Ullman,
*Mining of Massive Datasets*, ch. 3). Each article gets a 64-value signature; 21 bands of 3 values
each become ``story_keys`` on the Article, indexed, so the articles that may be near-duplicates of
a new one are found with a few index seeks whatever the size of the store. A candidate sharing a
band is confirmed when the two signatures agree on at least ``THRESHOLD`` of their values (the
estimated Jaccard resemblance of the shingle sets). With 21 bands of 3, a pair at resemblance 0.5
becomes a candidate with probability 0.94, at 0.6 with 0.99, at 0.2 with 0.16.

Why 5-word shingles and 0.5: two outlets running one agency story share most 5-word runs even when
one trims the last paragraphs, adds a byline or changes the headline (resemblance 0.6-1.0), while
two stories written separately about the same event share few (quotes and names, well under 0.2).

Why not datasketch: it pulls in scipy (tens of MB) for its parameter tuning; the hashing here is a
few numpy lines. The hash functions are fixed (splitmix64 finaliser over crc32-based shingle
hashes, seeds below), so signatures are stable across processes and runs; ``VERSION`` is part of
every key, and changing any constant here must change it.

Stories are the connected components of confirmed pairs; a story's id is the lowest article id in
it, so the outcome does not depend on import order. ``Stories.link`` does this for one batch, within
the batch and against the store, before the batch is written.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from kg.graph import GraphBatch
from kg.model import Article

VERSION = "m1"
SHINGLE = 5
HASHES = 64
BANDS, ROWS = 21, 3  # BANDS * ROWS <= HASHES
THRESHOLD = 0.5
MIN_SHINGLES = 8  # a text of fewer than 12 words has too few shingles to call anything a copy of it

_WORD = re.compile(r"\w+")
_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


def _splitmix(values: np.ndarray) -> np.ndarray:
    """The splitmix64 finaliser, element-wise (uint64 arithmetic wraps, as the algorithm intends)."""
    z = values
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


_SEEDS = _splitmix(np.arange(1, HASHES + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15))[:, None]
_MULTS = _splitmix(np.arange(101, 101 + SHINGLE, dtype=np.uint64)) | np.uint64(1)  # odd: no bit is lost


def shingles(text: str) -> np.ndarray:
    """64-bit hashes of the text's word 5-shingles (case-folded words; punctuation ignored), in text
    order, repeats included."""
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE:
        return np.zeros(0, dtype=np.uint64)
    hashed = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
    n = len(words) - SHINGLE + 1
    out = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(SHINGLE):
            out += hashed[j : j + n] * _MULTS[j]
    return out  # repeated shingles stay: they cannot change a minimum


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature (``HASHES`` uint32 values), or None for a text too short to compare."""
    sh = shingles(text)
    if len(sh) < MIN_SHINGLES:
        return None
    with np.errstate(over="ignore"):
        mins = _splitmix(sh[None, :] ^ _SEEDS).min(axis=1)
    return (mins >> np.uint64(32)).astype(np.uint32)


def band_keys(sig: np.ndarray) -> list[str]:
    """The LSH keys of a signature: ``VERSION:band:values``; two articles sharing one are candidates."""
    return [f"{VERSION}:{b}:" + sig[b * ROWS : (b + 1) * ROWS].tobytes().hex() for b in range(BANDS)]


def encode(sig: np.ndarray) -> str:
    return VERSION + ":" + sig.astype("<u4").tobytes().hex()


def decode(text: str | None) -> np.ndarray | None:
    """A stored signature, or None when it is missing or from another ``VERSION``."""
    if not isinstance(text, str) or not text.startswith(VERSION + ":"):
        return None
    try:
        raw = bytes.fromhex(text[len(VERSION) + 1 :])
    except ValueError:  # edited by hand, or cut: compare nothing rather than fail the import
        return None
    return np.frombuffer(raw, dtype="<u4") if len(raw) == 4 * HASHES else None


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard resemblance of two articles' shingle sets: the share of equal MinHash values."""
    return float(np.count_nonzero(a == b)) / HASHES


@dataclass
class _Stored:
    id: str
    story_id: str
    sig: np.ndarray


class _Components:
    """Union-find whose root is always the lowest id (the story id)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


class Stories:
    """Finds a batch's near-duplicates (within it and in the store) and records them on the batch."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def _stored(self, keys: list[str], exclude: set[str]) -> list[_Stored]:
        if not keys:
            return []
        rows = self.store.read(
            "UNWIND $keys AS k MATCH (a:Article) WHERE k IN a.story_keys "
            "RETURN DISTINCT a.id, a.story_id, a.story_sig", {"keys": keys}).rows
        out = []
        for art_id, story_id, sig_text in rows:
            sig = decode(sig_text)
            if sig is not None and art_id not in exclude:
                out.append(_Stored(str(art_id), str(story_id or art_id), sig))
        return out

    def _split(self, batch: GraphBatch) -> dict[str, str]:
        """Stored articles whose story held together through an article now re-imported with another
        text: each one's story as the remaining ``SAME_STORY`` links make it (the changed text is
        compared afresh, and its old links are deleted by ``stale_article_segments``)."""
        arts = [{"id": a["id"], "content_hash": a["content_hash"]} for a in batch.articles]
        if not arts:
            return {}
        changed = self.store.read(
            "UNWIND $arts AS art MATCH (a:Article {id: art.id}) WHERE a.content_hash <> art.content_hash "
            "AND a.story_id IS NOT NULL RETURN a.id, a.story_id", {"arts": arts}).rows
        if not changed:
            return {}
        in_batch = set(batch.nodes.get("Article", {}))
        rows = self.store.read("UNWIND $stories AS s MATCH (o:Article {story_id: s}) RETURN o.id, o.story_id",
                               {"stories": sorted({str(sid) for _, sid in changed})}).rows
        old = {str(oid): str(sid) for oid, sid in rows if str(oid) not in in_batch}
        comps = _Components()
        for oid in old:
            comps.find(oid)
        for a, b in self.store.read("UNWIND $ids AS i MATCH (o:Article {id: i})-[:SAME_STORY]-(p:Article) "
                                    "RETURN o.id, p.id", {"ids": sorted(old)}).rows:
            if str(b) in old:  # links to a changed (batch) article are going
                comps.union(str(a), str(b))
        return {oid: comps.find(oid) for oid in old}

    def link(self, batch: GraphBatch, articles: Iterable[Article]) -> None:
        """Set ``story_id``/``story_keys``/``story_sig`` on the batch's Articles, add ``SAME_STORY``
        between confirmed pairs (from the higher id to the lower), and queue the renames of stored
        stories that a new article joins with a lower id or merges (``GraphBatch.story_renames``)."""
        sigs: dict[str, np.ndarray] = {}
        for art in articles:
            sig = signature(art.text)
            if sig is not None:
                sigs[art.id] = sig
        keys = {aid: band_keys(sig) for aid, sig in sigs.items()}
        by_key: dict[str, list[str]] = {}
        for aid in sorted(keys):
            for key in keys[aid]:
                by_key.setdefault(key, []).append(aid)
        split = self._split(batch)
        if split:
            batch.story_sets.update(split)
            batch.recount_stories.extend(sorted(set(split.values())))
        stored = [_Stored(r.id, split.get(r.id, r.story_id), r.sig)
                  for r in self._stored(sorted(by_key), set(batch.nodes.get("Article", {})))]
        stored_by_key: dict[str, list[_Stored]] = {}
        for row in stored:
            for key in band_keys(row.sig):
                if key in by_key:
                    stored_by_key.setdefault(key, []).append(row)

        comps = _Components()
        pairs: dict[tuple[str, str], float] = {}
        for aid, sig in sigs.items():
            others: dict[str, np.ndarray] = {}
            for key in keys[aid]:
                others.update((o, sigs[o]) for o in by_key[key] if o != aid)
                for row in stored_by_key.get(key, []):
                    others[row.id] = row.sig
                    comps.union(row.id, row.story_id)
            for other, osig in others.items():
                sim = similarity(sig, osig)
                if sim >= THRESHOLD:
                    pairs[tuple(sorted((aid, other)))] = sim  # type: ignore[index]
                    comps.union(aid, other)
        merged: set[str] = set()
        for row in {r.id: r for r in stored}.values():
            if not any(row.id in pair for pair in pairs):
                continue  # a candidate that was not confirmed changes nothing
            new = comps.find(row.id)
            if new != row.story_id:
                batch.story_renames[row.story_id] = new
                merged.add(new)
        batch.recount_stories.extend(sorted(merged))
        for aid in batch.nodes.get("Article", {}):
            if aid in sigs:
                batch.add_node("Article", aid, {"story_id": comps.find(aid), "story_keys": keys[aid],
                                                "story_sig": encode(sigs[aid])})
            else:  # too short to compare: a story of its own
                batch.add_node("Article", aid, {"story_id": aid, "story_keys": [], "story_sig": None})
        for (lo, hi), sim in sorted(pairs.items()):
            batch.add_rel("SAME_STORY", ("Article", hi), ("Article", lo), props={"similarity": round(sim, 3)})
