"""Async micro-batcher: merge the segments of concurrent requests into one cascade call.

A request submits its items and awaits them. The worker takes whatever is queued (waiting at most
``max_wait_ms`` for more, up to ``max_items``; with 0 it never waits, and batches form naturally
from the requests that arrive while the previous batch runs — no added latency when idle), runs one ``Scorer.score`` in a worker thread so
the event loop never blocks, and hands each request its slice. One batch runs at a time:
onnxruntime already uses every core, so parallel batches would only contend.
"""
from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable

from .scoring import BatchStats, Item, Result, Scorer


@dataclass
class _Job:
    items: list[Item]
    future: asyncio.Future
    queued_at: float = field(default_factory=time.perf_counter)


BatchObserver = Callable[[int, int, float], None]  # (items in batch, queue depth after, seconds)


class MicroBatcher:
    def __init__(self, scorer: Scorer, max_items: int = 512, max_wait_ms: float = 0.0,
                 observer: BatchObserver | None = None):
        self.scorer = scorer
        self.max_items = max_items
        self.max_wait = max_wait_ms / 1000.0
        self.observer = observer
        self._queue: asyncio.Queue[_Job] | None = None
        self._task: asyncio.Task | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="scorer")

    @property
    def depth(self) -> int:
        return self._queue.qsize() if self._queue else 0

    async def submit(self, items: list[Item]) -> tuple[list[Result], BatchStats]:
        if not items:
            return [], BatchStats()
        self._ensure_worker()
        fut = asyncio.get_running_loop().create_future()
        assert self._queue is not None
        await self._queue.put(_Job(items, fut))
        return await fut

    def _ensure_worker(self) -> None:
        if self._task is None or self._task.done():
            self._queue = self._queue or asyncio.Queue()
            self._task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        assert self._queue is not None
        loop = asyncio.get_running_loop()
        while True:
            first = await self._queue.get()
            jobs = [first]
            count = len(first.items)
            deadline = loop.time() + self.max_wait
            while count < self.max_items:
                timeout = deadline - loop.time()
                if timeout <= 0 and self._queue.empty():
                    break
                try:
                    job = self._queue.get_nowait() if timeout <= 0 else await asyncio.wait_for(self._queue.get(), timeout)
                except (asyncio.TimeoutError, asyncio.QueueEmpty):
                    break
                jobs.append(job)
                count += len(job.items)
            items = [it for j in jobs for it in j.items]
            started = time.perf_counter()
            try:
                results, stats = await loop.run_in_executor(self._pool, self.scorer.score, items)
            except Exception as exc:  # surface to every waiting request, keep the worker alive
                for j in jobs:
                    if not j.future.done():
                        j.future.set_exception(exc)
                continue
            if self.observer:
                self.observer(len(items), self._queue.qsize(), time.perf_counter() - started)
            k = 0
            for j in jobs:
                n = len(j.items)
                if not j.future.done():
                    j.future.set_result((results[k : k + n], stats))
                k += n

    async def close(self) -> None:
        if self._task:
            self._task.cancel()
            try:
                await self._task
            except (asyncio.CancelledError, Exception):
                pass
        self._pool.shutdown(wait=False, cancel_futures=True)
