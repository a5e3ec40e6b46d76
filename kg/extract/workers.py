"""Extraction on every core: a pool of processes, each running the whole Extractor.

Why not spaCy's own ``n_process``: it parallelises only the spaCy pipeline and hands every Doc
back to the parent, which then runs the rules (mentions, resolution, geocoding, claims, relations)
alone, so the parent becomes the bottleneck and a third process competes for two cores. Here each
worker loads spaCy and the gazetteers once and returns finished ``Extraction`` records (small,
picklable dataclasses); the parent only reads inputs and writes to the store.

The window of chunks in flight is bounded, so memory does not grow with the corpus, and results
come back in input order.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any

from kg.errors import KgError
from kg.model import Article, Extraction

_WORKER: Any = None  # the Extractor of this worker process


def _die_with(parent: int) -> None:
    """A worker must not outlive a killed ``kg import``: it would keep running and hold the parent's
    stdout/stderr open. Linux sends it SIGKILL when the parent dies (PR_SET_PDEATHSIG); elsewhere
    a watchdog thread notices the parent is gone within a second."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    threading.Thread(target=watch, name="kg-parent-watch", daemon=True).start()


def _init_worker(parent: int) -> None:
    global _WORKER
    _die_with(parent)
    from kg.extract.extractor import Extractor

    _WORKER = Extractor()


def _extract_chunk(articles: list[Article]) -> list[Extraction]:
    return list(_WORKER.extract_many(articles, batch_size=len(articles)))


def extract_in_pool(articles: Iterable[Article], batch_size: int, n_process: int) -> Iterator[Extraction]:
    """Extractions in input order from ``n_process`` worker processes, ``batch_size`` articles per task.

    Nothing starts until the first article arrives, so an input with nothing new to extract costs
    no model loading.
    """
    it = iter(articles)
    first = list(islice(it, batch_size))
    if not first:
        return
    # spawn: a fresh interpreter per worker; forking a parent that holds a store connection is unsafe
    ctx = multiprocessing.get_context("spawn")
    window: deque[Future[list[Extraction]]] = deque()
    try:
        with ProcessPoolExecutor(n_process, mp_context=ctx, initializer=_init_worker,
                                 initargs=(os.getpid(),)) as pool:
            chunk = first
            while chunk:
                window.append(pool.submit(_extract_chunk, chunk))
                while len(window) > 2 * n_process:  # bounded: a few chunks per worker in flight
                    yield from window.popleft().result()
                chunk = list(islice(it, batch_size))
            while window:
                yield from window.popleft().result()
    except BrokenProcessPool as exc:
        raise KgError(f"an extraction worker died ({exc}); out of memory? try --workers 1") from exc
