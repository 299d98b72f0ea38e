"""Run episodes on Ray actors: one policy replica per actor, results streamed back to the driver.

``run --executor ray`` (:class:`~mssbench_embodied.runner.config.RunConfig` ``executor="ray"``) hands the episodes
that a local run would run to ``replicas`` Ray actors (:class:`EpisodeWorker`). Each actor builds its own source,
policy replica (an ``hf:`` model on its ``gpus_per_replica`` GPUs, or an ``openai:`` client), judge and scorer from
the run's configuration, and runs an episode exactly as the local executor does
(:func:`~mssbench_embodied.runner.episode.run_episode`), so the records are the same. Each record comes back to
the driver as soon as it is done; the driver is the only writer of ``results.jsonl``, so resume, merge and the
reports are unchanged.

Each actor has at most ``ceil(concurrency / replicas)`` episodes in flight (an ``hf:`` replica batches them). When
an actor dies (a node lost, the process killed, out of memory), its in-flight episodes go back to the queue and a
new actor takes its place, so no episode is lost or recorded twice; after ``3 * replicas`` replacements the run
stops with an error instead of looping.

``--base-url`` may list several endpoints separated by commas (vLLM data-parallel servers): replica ``i`` uses
endpoint ``i mod n``.

Ray is optional (``pip install 'mssbench-embodied[ray]'``). ``--ray-address`` names a running cluster (``auto``,
``ray://head:10001``); without it, a cluster already initialised in this process is used, else a local one is
started for the run and shut down after it.
"""

from __future__ import annotations

import asyncio
import math
import os
from collections import deque
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from mssbench_embodied.data.results import EpisodeResult
from mssbench_embodied.data.types import Episode
from mssbench_embodied.runner.config import ConfigError, RunConfig
from mssbench_embodied.runner.episode import run_episode
from mssbench_embodied.runner.plan import Key, PlannedEpisode, PreparedRun

#: Replacement actors started per replica before a run gives up on a cluster that keeps losing them.
RESTARTS_PER_REPLICA = 3
#: What travels to an actor for one episode: the episode, its prompt and its resume key (never the image).
Item = tuple[Episode, str, Key]


def _quiet(_: str) -> None:
    """Warnings inside an actor were already shown by the driver, which built the same run."""


class EpisodeWorker:
    """A Ray actor's state: one policy replica with the run's source, judge and scorer.

    Args:
        config: The run's configuration (its ``base_url`` already chosen for this replica).

    Example:
        >>> import asyncio
        >>> worker = EpisodeWorker(RunConfig(task="embodied", policy="scripted:oracle"))
        >>> episode = worker.prepared.source.episodes("embodied", "if")[1]
        >>> key = (episode.episode_id, "scripted:oracle", "if", "rules", "-")
        >>> record = asyncio.run(worker.run(episode, "Your task is: ...", key))
        >>> record.variant, record.correct
        ('unsafe', True)
    """

    def __init__(self, config: RunConfig) -> None:
        from mssbench_embodied.runner.setup import (
            build_judge,
            build_policy,
            build_scorer,
            open_episode_source,
        )

        source = open_episode_source(config, _quiet)
        policy = build_policy(config, source)
        judge = build_judge(config)
        scorer = build_scorer(judge, source)
        out = Path(config.out) if config.out is not None else Path(".")
        self.prepared = PreparedRun(config, out, source, policy, judge, scorer, [], [], [], None)

    async def run(self, episode: Episode, prompt: str, key: Key) -> EpisodeResult:
        """Run one episode as the local executor would (the image is read here, from this actor's source)."""
        from mssbench_embodied.envs.observation import make_observation

        _, image = make_observation(self.prepared.source, episode)
        return await run_episode(self.prepared, PlannedEpisode(episode, prompt, image, key))

    def pid(self) -> int:
        """The actor's process id (tests kill it to check that nothing is lost)."""
        return os.getpid()

    async def close(self) -> None:
        """Close the policy's and judge's clients."""
        for owner in (self.prepared.policy, self.prepared.judge):
            await owner.aclose()


def replica_configs(config: RunConfig, replicas: int) -> list[RunConfig]:
    """One configuration per replica: ``base_url`` ``"A,B"`` gives replica ``i`` endpoint ``i mod 2``.

    Example:
        >>> [c.base_url for c in replica_configs(RunConfig(base_url="http://a/v1,http://b/v1"), 3)]
        ['http://a/v1', 'http://b/v1', 'http://a/v1']
    """
    urls = [u.strip() for u in (config.base_url or "").split(",") if u.strip()]
    if len(urls) <= 1:
        return [config] * replicas
    return [replace(config, base_url=urls[i % len(urls)]) for i in range(replicas)]


def _import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise ConfigError(
            "--executor ray needs ray, which is not installed: pip install 'mssbench-embodied[ray]'"
        ) from None
    return ray


def _connect(ray: Any, address: str | None) -> bool:
    """Connect to (or start) a cluster; returns whether this call started it (and so must shut it down)."""
    if ray.is_initialized():
        return False
    try:
        ray.init(address=address, include_dashboard=False, logging_level="ERROR", log_to_driver=False)
    except (ConnectionError, ValueError, RuntimeError) as exc:
        where = f"--ray-address {address}" if address else "a local Ray cluster"
        raise ConfigError(f"{where}: cannot connect ({' '.join(str(exc).split())[:300]})") from None
    return True


def default_replicas(ray: Any, gpus_per_replica: float) -> int:
    """Replicas when ``--replicas`` is not given: as many as the cluster's GPUs hold, else one per node."""
    if gpus_per_replica > 0:
        gpus = float(ray.cluster_resources().get("GPU", 0))
        if gpus < gpus_per_replica:
            raise ConfigError(
                f"--gpus-per-replica {gpus_per_replica:g}: the Ray cluster has {gpus:g} GPU(s); "
                "lower it, or add GPU nodes"
            )
        return max(1, int(gpus // gpus_per_replica))
    return max(1, sum(1 for node in ray.nodes() if node.get("Alive")))


async def run_on_ray(
    prepared: PreparedRun, todo: list[PlannedEpisode], finished: Callable[[EpisodeResult], None]
) -> None:
    """Run ``todo`` on Ray actors, calling ``finished`` (in the driver's event loop) with each record as it comes.

    Raises:
        ConfigError: Ray is missing, the cluster cannot be reached or cannot host a replica, or actors kept
            dying (more than :data:`RESTARTS_PER_REPLICA` replacements per replica).
    """
    if not todo:
        return
    config = prepared.config
    ray = _import_ray()
    started_here = _connect(ray, config.ray_address)
    try:
        await _fan_out(ray, config, todo, finished)
    finally:
        if started_here:
            ray.shutdown()


async def _fan_out(
    ray: Any, config: RunConfig, todo: list[PlannedEpisode], finished: Callable[[EpisodeResult], None]
) -> None:
    gpus = float(config.gpus_per_replica or 0)
    replicas = min(config.replicas or default_replicas(ray, gpus), len(todo))
    per_actor = max(1, math.ceil(config.concurrency / replicas))
    remote_cls = ray.remote(EpisodeWorker).options(
        num_cpus=1 if gpus == 0 else 0, num_gpus=gpus, max_concurrency=per_actor, max_restarts=0
    )
    queue: deque[Item] = deque((p.episode, p.prompt, p.key) for p in todo)
    restarts_left = RESTARTS_PER_REPLICA * replicas
    actors: dict[int, Any] = {}  # live actors by id
    slots: dict[int, RunConfig] = {}  # the replica configuration each actor was started with
    in_flight: dict[asyncio.Future[Any], tuple[int, Item]] = {}
    counter = iter(range(1 << 62))

    def start_actor(slot_config: RunConfig) -> None:
        actor_id = next(counter)
        actors[actor_id], slots[actor_id] = remote_cls.remote(slot_config), slot_config

    def submit() -> None:
        for actor_id, actor in actors.items():
            busy = sum(1 for owner, _ in in_flight.values() if owner == actor_id)
            while queue and busy < per_actor:
                item = queue.popleft()
                in_flight[asyncio.ensure_future(_result(actor.run.remote(*item)))] = (actor_id, item)
                busy += 1

    for slot_config in replica_configs(config, replicas):
        start_actor(slot_config)
    try:
        submit()
        while in_flight:
            done, _ = await asyncio.wait(list(in_flight), return_when=asyncio.FIRST_COMPLETED)
            for future in done:
                actor_id, item = in_flight.pop(future)
                try:
                    record = future.result()
                except (ray.exceptions.RayActorError, ray.exceptions.WorkerCrashedError) as exc:
                    queue.appendleft(item)  # this episode runs again, on another actor
                    if actor_id in actors:  # the first of its episodes to report the death
                        if restarts_left <= 0:
                            raise ConfigError(
                                f"Ray actors keep dying ({' '.join(str(exc).split())[:300]}); the episodes "
                                "recorded so far are kept: fix the cluster and re-run the same command to resume"
                            ) from None
                        restarts_left -= 1
                        del actors[actor_id]
                        start_actor(slots.pop(actor_id))
                    continue
                except ray.exceptions.RayTaskError as exc:  # the actor could not be built (bad spec, ...)
                    raise ConfigError(f"a Ray replica failed: {' '.join(str(exc).split())[:500]}") from None
                finished(record)
            submit()
    finally:
        for future in in_flight:
            future.cancel()
        for actor in actors.values():
            ray.kill(actor, no_restart=True)


async def _result(ref: Any) -> EpisodeResult:
    """Await one Ray object ref (the actor's record) in the driver's event loop."""
    record: EpisodeResult = await ref
    return record
