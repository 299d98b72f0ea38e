"""The micro-batcher of batched policies: an error reaches every caller of its batch."""

from __future__ import annotations

import asyncio

import pytest

from mssbench_embodied.policies.batching import MicroBatcher


def test_micro_batcher_errors_reach_every_caller_of_the_batch() -> None:
    def run(items: list[int]) -> list[int]:
        if 3 in items:
            raise ValueError("bad item")
        return [i * 10 for i in items]

    async def go() -> list[object]:
        batcher = MicroBatcher(run, batch_size=2)
        return await asyncio.gather(*(batcher.submit(i) for i in range(5)), return_exceptions=True)

    results = asyncio.run(go())
    assert results[0:2] == [0, 10] and results[4] == 40
    assert all(isinstance(r, ValueError) for r in results[2:4])
    with pytest.raises(ValueError, match="batch_size"):
        MicroBatcher(run, batch_size=0)
