"""An async micro-batcher: concurrent single calls are queued and run together by a blocking batch function.

A local model generates a batch of prompts in about the time of one, so many coroutines each asking for one
answer should share ``generate`` calls. :class:`MicroBatcher` collects the items submitted while the previous
batch runs (up to ``batch_size``), runs the batch function in a worker thread (the event loop stays free), and
resolves each caller's future with its own result. A runner with ``concurrency >= batch_size`` fills batches.

Example:
    >>> import asyncio
    >>> sizes = []
    >>> def double_all(items):
    ...     sizes.append(len(items))
    ...     return [2 * x for x in items]
    >>> async def main():
    ...     batcher = MicroBatcher(double_all, batch_size=4)
    ...     return await asyncio.gather(*(batcher.submit(i) for i in range(6)))
    >>> asyncio.run(main()), sizes
    ([0, 2, 4, 6, 8, 10], [4, 2])
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


@dataclass
class _Pending(Generic[T, R]):
    item: T
    future: asyncio.Future[R]


@dataclass
class _LoopQueue(Generic[T, R]):
    pending: list[_Pending[T, R]] = field(default_factory=list)
    worker: asyncio.Task[None] | None = None


class MicroBatcher(Generic[T, R]):
    """Groups concurrent :meth:`submit` calls into batches for a blocking ``run_batch(items) -> results``.

    Args:
        run_batch: Called in a worker thread with up to ``batch_size`` items; returns one result per item, in
            order. If it raises, every caller of that batch gets the exception.
        batch_size: Most items per call.
        wait_s: How long the worker waits for company after the first item of an idle period arrives.

    Attributes:
        batch_sizes: Size of every batch run so far (for reports and tests).
    """

    def __init__(
        self, run_batch: Callable[[list[T]], Sequence[R]], *, batch_size: int = 8, wait_s: float = 0.005
    ):
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        self.run_batch = run_batch
        self.batch_size = batch_size
        self.wait_s = wait_s
        self.batch_sizes: list[int] = []
        self._queues: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _LoopQueue[T, R]] = (
            weakref.WeakKeyDictionary()
        )

    async def submit(self, item: T) -> R:
        """Queue one item and wait for its result."""
        loop = asyncio.get_running_loop()
        queue = self._queues.get(loop)
        if queue is None:
            queue = self._queues[loop] = _LoopQueue()
        pending: _Pending[T, R] = _Pending(item, loop.create_future())
        queue.pending.append(pending)
        if queue.worker is None or queue.worker.done():
            queue.worker = loop.create_task(self._work(queue))
        return await pending.future

    async def _work(self, queue: _LoopQueue[T, R]) -> None:
        await asyncio.sleep(self.wait_s)
        while queue.pending:
            batch = [p for p in queue.pending[: self.batch_size] if not p.future.done()]
            del queue.pending[: self.batch_size]
            if not batch:
                continue
            self.batch_sizes.append(len(batch))
            try:
                results = await asyncio.to_thread(self.run_batch, [p.item for p in batch])
                if len(results) != len(batch):
                    raise RuntimeError(
                        f"batch function returned {len(results)} results for {len(batch)} items"
                    )
            except Exception as exc:  # noqa: BLE001 - handed to every caller of the batch
                for p in batch:
                    if not p.future.done():
                        p.future.set_exception(exc)
                continue
            for p, result in zip(batch, results, strict=True):
                if not p.future.done():
                    p.future.set_result(result)
