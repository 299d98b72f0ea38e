"""One render and one encode per distinct frame, shared by every episode (and request) that shows it."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from mssbench_embodied.data.frames import ImageRef, SingleFlight, image_pool
from mssbench_embodied.envs.observation import make_observation
from mssbench_embodied.envs.sources import HouseholdSource, MSSBenchSource
from mssbench_embodied.llm.images import DataUrlCache, decode_data_url, original_data_url
from mssbench_embodied.llm.local_server import LocalOpenAIServer
from mssbench_embodied.policies.base import PolicyRequest
from mssbench_embodied.policies.openai_api import OpenAIPolicy
from mssbench_embodied.render import get_renderer
from mssbench_embodied.runner import RunConfig, run_evaluation_sync
from tests.mssbench_fixture import make_mssbench


def test_single_flight_computes_once_for_concurrent_callers() -> None:
    memo: SingleFlight[int] = SingleFlight(maxsize=4)
    calls: list[int] = []
    gate = threading.Event()

    def slow() -> int:
        calls.append(1)
        gate.wait(5)
        return 42

    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(memo.get("k", slow))) for _ in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(0.1)  # every thread is now waiting on the one computation
    gate.set()
    for thread in threads:
        thread.join(5)
    assert results == [42] * 8 and calls == [1]
    assert memo.computed == 1 and memo.hits == 7


def test_single_flight_shares_a_failure_and_does_not_keep_it() -> None:
    memo: SingleFlight[int] = SingleFlight()

    def boom() -> int:
        raise OSError("disk")

    with pytest.raises(OSError, match="disk"):
        memo.get("k", boom)
    assert memo.get("k", lambda: 7) == 7  # the next caller tries again


class CountingRenderer:
    """The sketch renderer, counting its renders (slowed down so that requests overlap)."""

    def __init__(self) -> None:
        self.inner = get_renderer("sketch")
        self.renders = 0
        self.lock = threading.Lock()

    def render(self, world: Any) -> np.ndarray:
        with self.lock:
            self.renders += 1
        time.sleep(0.05)
        return np.asarray(self.inner.render(world))


def test_household_frame_is_rendered_once_however_many_threads_ask() -> None:
    renderer = CountingRenderer()
    source = HouseholdSource("household", renderer=renderer)
    episode = source.episodes("embodied", "if")[0]
    frames = list(image_pool().map(lambda _: source.image(episode), range(12)))
    assert renderer.renders == 1
    assert all(np.array_equal(frames[0], f) for f in frames)
    assert frames[0] is not frames[1]  # callers get their own copy


def test_episodes_of_one_variant_share_one_frame_key() -> None:
    source = HouseholdSource("household")
    episodes = source.episodes("embodied", "if")
    by_variant: dict[tuple[str, str], set[Any]] = {}
    for episode in episodes:
        _, ref = make_observation(source, episode)
        assert isinstance(ref, ImageRef)
        by_variant.setdefault((episode.scenario_id or episode.case_id, episode.variant), set()).add(ref.key)
    assert all(len(keys) == 1 for keys in by_variant.values())
    assert len({k for keys in by_variant.values() for k in keys}) == len(by_variant)


def test_dataset_file_is_sent_as_its_own_bytes(tmp_path: Path) -> None:
    root = make_mssbench(tmp_path / "data", n_chat=2, n_embodied=2)
    source = MSSBenchSource(root)
    jpeg = next(e for e in source.episodes("chat", "if") if str(e.image_path).endswith(".jpg"))
    _, ref = make_observation(source, jpeg)
    cache = DataUrlCache()
    mime, data = decode_data_url(cache.url(ref))
    assert mime == "image/jpeg" and data == Path(str(jpeg.image_path)).read_bytes()


def test_files_outside_the_caps_are_reencoded_once_as_jpeg(tmp_path: Path) -> None:
    big = tmp_path / "big.png"
    noise = np.random.default_rng(0).integers(0, 255, size=(300, 400, 3), dtype=np.uint8)
    Image.fromarray(noise).save(big)
    rgba = tmp_path / "alpha.png"
    Image.new("RGBA", (20, 10), (1, 2, 3, 0)).save(rgba)
    assert original_data_url(big, max_bytes=50_000) is None  # too big as it is
    assert original_data_url(rgba) is None  # alpha: the model must see what a local loader sees
    loads: list[str] = []

    def ref(path: Path) -> ImageRef:
        def load() -> np.ndarray:
            loads.append(path.name)
            return np.asarray(Image.open(path).convert("RGB"))

        return ImageRef(("file", str(path)), load, path=path)

    cache = DataUrlCache(max_bytes=50_000)
    urls = {cache.url(ref(big)) for _ in range(3)} | {cache.url(ref(rgba))}
    assert sorted(decode_data_url(u)[0] for u in urls) == ["image/jpeg", "image/jpeg"]
    assert sorted(loads) == ["alpha.png", "big.png"] and cache.encoded == 2


def test_concurrent_requests_for_one_frame_encode_it_once() -> None:
    renderer = CountingRenderer()
    source = HouseholdSource("household", renderer=renderer)
    episodes = [e for e in source.episodes("embodied", "if") if e.variant == "unsafe"][:3]
    with LocalOpenAIServer(reply="1. Goto Sink") as server:
        policy = OpenAIPolicy("m", base_url=server.base_url)

        async def ask_all() -> None:
            requests = []
            for episode in episodes:
                prompt, ref = make_observation(source, episode)
                requests += [PolicyRequest(prompt=prompt, image=ref) for _ in range(6)]
            try:
                await asyncio.gather(*(policy.generate(r) for r in requests))
            finally:
                await policy.aclose()

        asyncio.run(ask_all())
        urls = [r.image_urls[0] for r in server.requests]
    distinct = {(e.scenario_id, e.variant) for e in episodes}
    assert len(urls) == 18 and len(set(urls)) == len(distinct)
    assert renderer.renders == len(distinct) and policy.image_urls.encoded == len(distinct)
    assert {decode_data_url(u)[0] for u in urls} == {"image/jpeg"}


def test_a_run_renders_and_encodes_each_distinct_frame_once(tmp_path: Path) -> None:
    renderer = CountingRenderer()
    source = HouseholdSource("household", renderer=renderer)
    with LocalOpenAIServer(reply="1. Goto Sink") as server:
        policy = OpenAIPolicy("m", base_url=server.base_url, name="openai:m")
        config = RunConfig(task="embodied", limit=6, concurrency=16, out=tmp_path / "run", progress=False)
        outcome = run_evaluation_sync(config, policy=policy, source=source, warn=lambda _: None)
        n_requests = server.n_requests
    frames = {(r.scenario_id, r.variant) for r in outcome.records}
    assert outcome.errors == 0 and n_requests == len(outcome.records) == 12
    assert renderer.renders == len(frames) and policy.image_urls.encoded == len(frames)
