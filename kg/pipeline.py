"""The import flow: Article stream -> Extraction -> GraphBatch -> Store, streaming and atomic.

* Streaming: articles are pulled lazily through one ``nlp.pipe`` stream; nothing holds the corpus.
* Skips: articles already stored with the same content hash are not extracted again.
* Atomic: a batch of articles (``WRITE_BATCH``) is written in one transaction; if that fails, each of
  its articles is retried alone, so one bad article loses only itself and every article is whole or absent.
* Overlapped: one writer thread writes a batch while the next one is extracted.
* Near-duplicates: before a batch is written, its articles are compared with each other and with
  the stored ones (``kg.dedup``, MinHash LSH); copies of one story are linked by ``SAME_STORY`` and
  share a ``story_id``, so rankings count the story once. The writer thread does this, so earlier
  batches of the same import are already in the store when a batch is compared.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Protocol

from kg.dedup import Stories
from kg.errors import KgError
from kg.graph import GraphBatch
from kg.model import Article, Extraction
from kg.schema import Schema, load_schema
from kg.settings import EXTRACT_CHUNK, WRITE_BATCH
from kg.store.base import Store


class Failure(Protocol):
    origin: str
    message: str
    level: str


class ExtractorLike(Protocol):
    def extract_many(self, articles: Iterable[Article], batch_size: int = ..., n_process: int = ...
                     ) -> Iterator[Extraction]: ...


@dataclass
class ImportReport:
    new: int = 0
    skipped: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)  # "origin: message", one per failed input
    warnings: list[str] = field(default_factory=list)
    nodes: int = 0  # node rows written (merged) this run
    relationships: Counter[str] = field(default_factory=Counter)  # rows written per type

    @property
    def ok(self) -> bool:
        return self.failed == 0


ProgressFn = Callable[[str, Article | None], None]  # event ("new"|"skipped"|"failed"), article


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class Importer:
    """Streams inputs through extraction into a store; see module docstring for the guarantees."""

    def __init__(self, store: Store, extractor: ExtractorLike, schema: Schema | None = None,
                 batch_size: int = WRITE_BATCH, n_process: int = 1, progress: ProgressFn | None = None,
                 chunk_size: int = EXTRACT_CHUNK) -> None:
        self.store, self.extractor = store, extractor
        self.schema = schema or load_schema()
        self.batch_size, self.n_process, self.chunk_size = batch_size, n_process, chunk_size
        self.progress = progress or (lambda event, article: None)
        self.report = ImportReport()
        self._seen_pairs: set[tuple[str, str]] = set()
        self._warned: set[str] = set()
        self._writer: ThreadPoolExecutor | None = None
        self._inflight: tuple[Future[GraphBatch], list[Extraction]] | None = None
        self.stories = Stories(store)

    def _todo(self, items: Iterable[Article | Failure]) -> Iterator[Article]:
        """Articles that need extracting; records failures and skips as a side effect."""
        for chunk in _chunks(items, 64):
            articles = []
            for item in chunk:
                if isinstance(item, Article):
                    articles.append(item)
                elif getattr(item, "level", "error") == "warning":
                    self.report.warnings.append(f"{item.origin}: {item.message}")
                else:  # one failure may stand for several records with the same problem
                    self.report.failed += getattr(item, "count", 1)
                    self.report.errors.append(f"{item.origin}: {item.message}")
                    self.progress("failed", None)
            stored = self.store.article_hashes([a.id for a in articles]) if articles else {}
            for art in articles:
                if stored.get(art.id) == art.content_hash or (art.id, art.content_hash) in self._seen_pairs:
                    self.report.skipped += 1
                    self.progress("skipped", art)
                    continue
                self._seen_pairs.add((art.id, art.content_hash))
                yield art

    def run(self, items: Iterable[Article | Failure]) -> ImportReport:
        # One writer thread: a batch is written while the next is extracted (the store works in
        # its own process, so the wait overlaps extraction); at most one batch is in flight.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-writer") as writer:
            self._writer = writer
            pending: list[Extraction] = []
            for ex in self.extractor.extract_many(self._todo(items), batch_size=self.chunk_size,
                                                  n_process=self.n_process):
                if ex.error:
                    self._fail(ex, ex.error)
                    continue
                pending.append(ex)
                if len(pending) >= self.batch_size:
                    self._submit(pending)
                    pending = []
            if pending:
                self._submit(pending)
            self._settle()
        return self.report

    def _build_and_write(self, extractions: list[Extraction]) -> GraphBatch:
        batch = GraphBatch(self.schema)
        for ex in extractions:
            batch.add(ex)
        self.stories.link(batch, [ex.article for ex in extractions])
        self.store.write(batch)
        return batch

    def _submit(self, extractions: list[Extraction]) -> None:
        self._settle()
        assert self._writer is not None, "_submit runs inside run()"
        self._inflight = (self._writer.submit(self._build_and_write, extractions), extractions)

    def _settle(self) -> None:
        """Wait for the batch in flight and account for it; a failed batch is retried article by
        article, so one bad article loses only itself."""
        if self._inflight is None:
            return
        future, extractions = self._inflight
        self._inflight = None
        try:
            self._record(extractions, future.result())
            return
        except KgError as exc:
            if len(extractions) == 1:
                self._fail(extractions[0], exc)
                return
        for ex in extractions:  # isolate the article that broke the batch
            try:
                self._record([ex], self._build_and_write([ex]))
            except KgError as one:
                self._fail(ex, one)

    def _record(self, extractions: list[Extraction], batch: GraphBatch) -> None:
        self.report.new += len(extractions)
        self.report.nodes += batch.node_count()
        self.report.relationships.update(batch.rel_counts())
        for warning in batch.warnings:  # a schema refusal repeats in every batch: say it once
            if warning not in self._warned:
                self._warned.add(warning)
                self.report.warnings.append(warning)
        for ex in extractions:
            self.progress("new", ex.article)

    def _fail(self, ex: Extraction, why: Exception | str) -> None:
        self.report.failed += 1
        origin = ex.article.origin or ex.article.id
        self.report.errors.append(f"{origin}: not written to the store ({why})")
        self.progress("failed", ex.article)


def import_articles(items: Iterable[Article | Failure], store: Store, extractor: ExtractorLike,
                    **options: object) -> ImportReport:
    """Import a stream of loader items (Articles and failures) into ``store``."""
    return Importer(store, extractor, **options).run(items)  # type: ignore[arg-type]
