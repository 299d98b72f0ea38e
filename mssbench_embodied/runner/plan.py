"""Plan a run: validate its whole configuration and list the episodes still to do. Calls no model.

:func:`prepare_run` checks the options, the output folder, the data, the judge and policy specs, builds every
episode's prompt (and so its resume key), and compares them with ``results.jsonl``:

- An episode is skipped when the ledger already has a record with its resume key (episode, policy, setting,
  judge, prompt hash) and no error. Records that are errors are retried.
- ``resume=False`` moves ``results.jsonl`` (and ``summary.json``) aside as ``*.bak-<timestamp>`` and starts over;
  this happens only after everything else validated.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> prepared = prepare_run(RunConfig(task="embodied", limit=2, out=Path(tempfile.mkdtemp())))
    >>> len(prepared.planned), len(prepared.todo)
    (4, 4)
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mssbench_embodied.data.hub import is_hub_spec, resolve_hub_data
from mssbench_embodied.data.results import prompt_hash
from mssbench_embodied.data.types import Episode
from mssbench_embodied.policies.base import Policy
from mssbench_embodied.runner.config import (
    SUMMARY_FILE,
    ConfigError,
    RunConfig,
    check_config,
    default_out_dir,
)
from mssbench_embodied.runner.folder import check_out_dir, check_resumable, make_out_dir
from mssbench_embodied.runner.ledger import RESULTS_FILE, latest_by_key, move_aside, read_ledger
from mssbench_embodied.runner.lock import RunLock
from mssbench_embodied.runner.setup import build_judge, build_policy, build_scorer, open_episode_source
from mssbench_embodied.runner.shard import first_pairs, select_shard
from mssbench_embodied.safety.base import Judge

#: Resume key of a record: (episode id, policy spec, setting, judge spec, prompt hash).
Key = tuple[str, str, str, str, str]
Warn = Callable[[str], None]


def stderr_warning(message: str) -> None:
    """Default warning sink: ``mssbench-embodied: warning: <message>`` on stderr."""
    print(f"mssbench-embodied: warning: {message}", file=sys.stderr, flush=True)


@dataclass
class PlannedEpisode:
    """One episode with what the policy will be sent and its resume key."""

    episode: Episode
    prompt: str
    image: Any
    key: Key


@dataclass
class PreparedRun:
    """A validated run, ready to execute (see :func:`prepare_run`)."""

    config: RunConfig
    out_dir: Path
    source: Any
    policy: Policy
    judge: Judge
    scorer: Any
    planned: list[PlannedEpisode]
    todo: list[PlannedEpisode]
    warnings: list[str] = field(default_factory=list)
    lock: RunLock | None = None  # the out folder's exclusive lock, held until the run has written its summary


def _plan_episodes(config: RunConfig, source: Any, policy: Policy) -> list[Episode]:
    """The episodes to run: those of each task the policy can answer (a replay file answers some), then
    ``--limit`` pairs of each task, then the shard."""
    answers = getattr(policy, "answers", None)
    episodes: list[Episode] = []
    for task in config.tasks:
        try:
            task_episodes = list(source.episodes(task, config.setting))
        except (ValueError, KeyError) as exc:
            raise ConfigError(f"--task {task} --setting {config.setting}: {exc}") from None
        if answers is not None:
            task_episodes = [e for e in task_episodes if answers(e)]
        episodes += first_pairs(task_episodes, config.limit)
    if not episodes:
        hint = (
            " that the replay file answers (check case_id, variant, setting)" if answers is not None else ""
        )
        raise ConfigError(
            f"no episodes for --task {config.task} in {source.name}{hint}; check --data/--suite and --task"
        )
    return select_shard(episodes, config.shard_spec)


def _observe(source: Any, episode: Episode) -> tuple[str, Any]:
    from mssbench_embodied.envs.observation import make_observation

    prompt, image = make_observation(source, episode)
    return prompt, image


def prepare_run(
    config: RunConfig,
    *,
    policy: Policy | None = None,
    judge: Judge | None = None,
    source: Any = None,
    warn: Warn = stderr_warning,
) -> PreparedRun:
    """Validate the whole run and work out which episodes still need running. Calls no model.

    Args:
        config: The run configuration (``config.out`` is filled in with ``runs/<timestamp>`` if unset).
        policy, judge, source: Ready-made objects to use instead of building them from ``config`` (tests, API).
        warn: Receives one-line warnings (default: printed to stderr).

    Raises:
        ConfigError: one line per problem (bad option, data, spec, output folder, ...).
    """
    check_config(config)
    if is_hub_spec(config.data):  # hf:OWNER/NAME[@REV]: the cached snapshot, then validated as a local folder
        hub = resolve_hub_data(str(config.data))
        config.data, config.data_spec, config.data_revision = hub.path, hub.spec, hub.revision
    if config.out is None:
        config.out = default_out_dir()
    out = Path(config.out)
    check_out_dir(out)
    if config.resume:
        check_resumable(out, config)
    warnings: list[str] = []

    def note(message: str) -> None:
        warnings.append(message)
        warn(message)

    if config.batch_size is not None and config.batch_size > config.concurrency:
        note(
            f"--batch-size {config.batch_size} > --concurrency {config.concurrency}: at most {config.concurrency} "
            f"requests are in flight, so batches stay that small; raise --concurrency to {config.batch_size} or more"
        )
    if source is None:
        source = open_episode_source(config, note)
    from mssbench_embodied.runner.interactive import check_interactive, interactive_identity, is_interactive

    check_interactive(config, source)
    policy = policy if policy is not None else build_policy(config, source)
    episodes = _plan_episodes(config, source, policy)
    if config.shard_spec is not None and not episodes:
        note(f"shard {config.shard_spec} holds no pairs of this configuration; nothing to run")
    judge = judge if judge is not None else build_judge(config)
    planned: list[PlannedEpisode] = []
    for episode in episodes:
        try:
            prompt, image = _observe(source, episode)
        except (ValueError, KeyError, OSError) as exc:
            raise ConfigError(f"episode {episode.episode_id}: cannot build its observation: {exc}") from None
        hashed = interactive_identity(prompt, config) if is_interactive(config, episode) else prompt
        key: Key = (episode.episode_id, config.policy, config.setting, config.judge, prompt_hash(hashed))
        planned.append(PlannedEpisode(episode, prompt, image, key))
    scorer = build_scorer(judge, source)
    make_out_dir(out)  # everything validated: only now touch the file system
    lock = RunLock.acquire(out)  # before --no-resume moves anything: a live run's ledger is never moved away
    ledger_path = out / RESULTS_FILE
    if config.resume:
        contents = read_ledger(ledger_path)
        for line in contents.warnings:
            note(line)
        done = {k for k, r in latest_by_key(contents.records).items() if r.error is None}
    else:
        for name in (RESULTS_FILE, SUMMARY_FILE):
            moved = move_aside(out / name)
            if moved is not None and name == RESULTS_FILE:
                note(f"--no-resume: previous results moved to {moved}")
        done = set()
    todo = [p for p in planned if p.key not in done]
    return PreparedRun(config, out, source, policy, judge, scorer, planned, todo, warnings, lock)
