"""Where chunks are scored: this process, a pool of local processes, or a Dask cluster.

Every engine yields results in the order the chunks were read, whatever order the workers finish
in, so the output is the same for any ``--jobs`` and any engine. Only a bounded window of chunks
is in flight at a time: reading never runs ahead of scoring, which keeps memory flat however
large the corpus is (``multiprocessing.Pool.imap`` would read the whole input into its queue).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

from framing.corpus.scorer import ChunkResult, Item, ScoreSettings, analyzer_for, score_chunk
from framing.errors import FramingError
from framing.runtime import collect_less_often

T = TypeVar("T")
WINDOW_PER_WORKER = 3
CONNECT_TIMEOUT = "15s"  # Dask retries a refused connection until then


class Engine(Protocol):
    def map(
        self, chunks: Iterable[tuple[T, Sequence[Item]]]
    ) -> Iterator[tuple[T, ChunkResult]]: ...

    def close(self) -> None: ...


def _ordered(
    chunks: Iterable[tuple[T, Sequence[Item]]], submit: Any, window: int
) -> Iterator[tuple[T, Any]]:
    """Submit at most ``window`` chunks ahead and hand back their results in input order."""
    pending: deque[tuple[T, Any]] = deque()
    for key, items in chunks:
        pending.append((key, submit(items)))
        if len(pending) >= window:
            yield pending.popleft()
    yield from pending


class InProcess:
    """``--jobs 1``: score in this process, no pickling, no start-up cost."""

    def __init__(self, settings: ScoreSettings) -> None:
        self.settings = settings

    def map(self, chunks: Iterable[tuple[T, Sequence[Item]]]) -> Iterator[tuple[T, ChunkResult]]:
        for key, items in chunks:
            yield key, score_chunk(self.settings, items)

    def close(self) -> None:
        """Nothing to release."""


class ProcessPool:
    """``--jobs N``: N worker processes, each with its own analyzer.

    On Linux this process builds the analyzer once and the workers are forked from it, so
    they start scoring at once instead of each importing spaCy and building a pipeline again
    (a second of every worker's time; the parent starts no threads of its own before it
    forks). Elsewhere, where forking a process that has loaded these libraries is not safe
    (macOS), they are spawned and build their own. A ``ProcessPoolExecutor`` rather than
    ``multiprocessing.Pool``: when a worker dies (killed for memory, say) the run stops with
    an error instead of waiting forever for its chunk.
    """

    def __init__(self, settings: ScoreSettings, jobs: int) -> None:
        import multiprocessing
        import sys
        from concurrent.futures import ProcessPoolExecutor

        self.settings = settings
        self.jobs = jobs
        method = "fork" if sys.platform.startswith("linux") else "spawn"
        if method == "fork":
            analyzer_for(settings).nlp  # noqa: B018  (built here, inherited by the workers)
        self.pool = ProcessPoolExecutor(
            jobs, mp_context=multiprocessing.get_context(method), initializer=collect_less_often
        )

    def map(self, chunks: Iterable[tuple[T, Sequence[Item]]]) -> Iterator[tuple[T, ChunkResult]]:
        from concurrent.futures.process import BrokenProcessPool

        def submit(items: Sequence[Item]) -> Any:
            return self.pool.submit(score_chunk, self.settings, list(items))

        try:
            for key, future in _ordered(chunks, submit, self.jobs * WINDOW_PER_WORKER):
                yield key, future.result()
        except BrokenProcessPool as exc:
            raise FramingError("E159", reason=str(exc) or "a worker process died") from None

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskCluster:
    """``--engine dask``: the same ``score_chunk`` on a Dask cluster's workers.

    With a scheduler address it connects to that cluster; without, it starts a
    ``LocalCluster`` of ``jobs`` single-threaded worker processes (spaCy pipelines are not
    meant to be shared between threads).
    """

    def __init__(self, settings: ScoreSettings, jobs: int, scheduler: str | None) -> None:
        from framing.corpus.records import require

        distributed = require("distributed", "--engine dask")
        self.settings = settings
        self.cluster = None
        try:
            if scheduler is None:
                import logging

                self.cluster = distributed.LocalCluster(
                    n_workers=jobs,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self.client = distributed.Client(self.cluster)
            else:
                self.client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            address = scheduler or "a local cluster"
            reason = " ".join(str(exc).split())[:200] or type(exc).__name__
            raise FramingError("E166", address=address, reason=reason) from None
        threads = sum(self.client.nthreads().values()) or jobs
        self.window = max(2, threads * WINDOW_PER_WORKER)

    def map(self, chunks: Iterable[tuple[T, Sequence[Item]]]) -> Iterator[tuple[T, ChunkResult]]:
        def submit(items: Sequence[Item]) -> Any:
            return self.client.submit(score_chunk, self.settings, list(items), pure=False)

        for key, future in _ordered(chunks, submit, self.window):
            result = future.result()
            future.release()
            yield key, result

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def engine_for(
    settings: ScoreSettings, *, jobs: int = 1, engine: str = "local", scheduler: str | None = None
) -> Engine:
    if engine == "dask":
        return DaskCluster(settings, jobs, scheduler)
    if jobs <= 1:
        return InProcess(settings)
    return ProcessPool(settings, jobs)
