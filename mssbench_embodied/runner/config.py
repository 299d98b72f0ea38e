"""Run configuration and its validation.

:class:`RunConfig` mirrors the options of ``mssbench-embodied run``. :func:`check_config` validates every scalar
option up front and raises :class:`ConfigError` with one line per problem, so that a run fails before any model
is called. What a run writes in its folder (``run.json``, resume checks) is in :mod:`~mssbench_embodied.runner.folder`.

Example:
    >>> cfg = RunConfig(setting="qc", shard="1/2", out=Path("runs/x"))
    >>> check_config(cfg)
    >>> cfg.shard_spec is not None
    True
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from mssbench_embodied.data.errors import ConfigError, SpecError
from mssbench_embodied.data.settings import SETTINGS
from mssbench_embodied.data.types import TASKS
from mssbench_embodied.registry import get_setting, plugin_entry_points, renderer_names, setting_names
from mssbench_embodied.runner.shard import ShardSpec, parse_shard

RUN_FILE = "run.json"
#: The summary the api layer writes beside the ledger (``report.summary.SUMMARY_FILE``; the runner never writes it).
SUMMARY_FILE = "summary.json"
TASK_CHOICES: tuple[str, ...] = (*TASKS, "all")
RENDERERS: tuple[str, ...] = ("sketch", "thor")
#: Label modes of household images (the render layer's ``LABEL_MODES``; kept here so the CLI need not import PIL).
LABEL_CHOICES: tuple[str, ...] = ("none", "objects", "full")
DEFAULT_SUITE = "household"
SUITE_HINT = (
    "use 'household' (built in) or a folder holding household/embodied/*.yaml and/or household/chat/*.yaml "
    "(objects.yaml and rules/ optional; see tasks/SCHEMA.md)"
)
#: Config keys that must match an existing run in ``--out`` to resume into it.
IDENTITY_KEYS: tuple[str, ...] = ("policy", "judge", "setting", "suite", "renderer", "labels", "mode")
#: ``--mode`` and ``--history`` choices (interactive episodes: :mod:`mssbench_embodied.runner.interactive`).
MODE_CHOICES: tuple[str, ...] = ("plan", "interactive")
HISTORY_CHOICES: tuple[str, ...] = ("last", "images")


#: At most this many problem lines are shown for one bad input (then a count of the rest).
MAX_PROBLEM_LINES = 20


def problem_lines(exc: BaseException, prefix: str = "") -> list[str]:
    """One line per problem an exception reports (``.problems`` if it has them, else its message lines).

    Example:
        >>> problem_lines(ValueError("a\\nb"), "--data x: ")
        ['--data x: a', '--data x: b']
    """
    problems = getattr(exc, "problems", None)
    if isinstance(problems, (list, tuple)) and problems:
        lines = [" ".join(str(p).split()) for p in problems]
    else:
        lines = [" ".join(line.split()) for line in str(exc).splitlines() if line.strip()] or [
            type(exc).__name__
        ]
    if len(lines) > MAX_PROBLEM_LINES:
        lines = lines[:MAX_PROBLEM_LINES] + [f"... and {len(lines) - MAX_PROBLEM_LINES} more"]
    return [prefix + line for line in lines]


@dataclass
class RunConfig:
    """Everything one ``run`` needs. Field names follow the CLI flags.

    Attributes:
        data: MSSBench folder, or ``hf:OWNER/NAME[@REVISION]`` (a Hub dataset, replaced by its local snapshot folder
            when the run is prepared); ``None`` uses ``suite``.
        suite: Built-in suite name (``"household"``) when ``data`` is ``None``.
        task: ``"embodied"``, ``"chat"`` or ``"all"``.
        setting: One of ``if``, ``qc``, ``ic``, ``ic_selfcap``, ``ic_gtcap``, ``cot``, or a plug-in setting's name
            (``registry.setting_names()``).
        policy: Policy spec (``scripted:comply``, ``openai:<model>``, ``hf:<id>``, a preset name, ...).
        judge: Judge spec (``rules`` or ``openai:<model>``).
        renderer: Image renderer for household scenarios (``sketch`` or ``thor``).
        labels: Labels in household images: ``objects`` (default: objects named, never their hazard attribute),
            ``none`` or ``full`` (detailed, for debugging).
        out: Output folder; ``None`` means ``runs/<timestamp>``.
        concurrency: Episodes in flight at once.
        limit: First ``limit`` pairs of each task (``None``: all).
        seed: Seed passed to the policy and judge factories.
        request_timeout: Seconds per model request (API policies and judges).
        base_url: OpenAI-compatible endpoint of an ``openai:`` policy.
        judge_base_url: Endpoint of an ``openai:`` judge (default: ``OPENAI_BASE_URL``, not ``base_url``).
        batch_size: Generation batch size (``hf:`` policies).
        executor: ``"local"`` (asyncio in this process, the default) or ``"ray"`` (episodes fanned out to Ray
            actors, one policy replica each; see :mod:`mssbench_embodied.runner.ray_executor`).
        ray_address: ``executor="ray"``: the cluster to join (``auto``, ``ray://head:10001``); ``None`` starts a
            local one unless Ray is already initialised in this process.
        replicas: ``executor="ray"``: policy replicas (actors); ``None``: as many as the cluster's GPUs hold with
            ``gpus_per_replica``, else one per node.
        gpus_per_replica: ``executor="ray"``: GPUs each replica holds (``hf:`` models); ``None`` or 0: none.
        shard: ``"I/N"`` (or a :class:`ShardSpec`): run only that shard of the pairs.
        skip_invalid: Drop invalid dataset items with a warning instead of failing.
        resume: Skip episodes already recorded in ``out`` (the default); ``False`` moves old results aside.
        progress: Show a progress bar; ``None`` means only when stderr is a terminal.
        policy_options: Extra keyword options for the policy factory.
        judge_options: Extra keyword options for the judge factory.
        mode: ``"plan"`` (one reply per episode) or ``"interactive"`` (household embodied episodes act step by
            step, one action per turn; see :mod:`mssbench_embodied.runner.interactive`).
        max_steps: Interactive mode: most steps per episode.
        history: Interactive mode: ``"last"`` (earlier turns keep their text, only the newest image is sent) or
            ``"images"`` (every turn's image is sent).
        data_spec: The ``hf:...`` spec ``data`` was given as (set when the run is prepared), else ``None``.
        data_revision: The Hub commit that spec resolved to (recorded in ``run.json``), else ``None``.
    """

    data: Path | None = None
    suite: str | None = None
    task: str = "all"
    setting: str = "if"
    policy: str = "scripted:comply"
    judge: str = "rules"
    renderer: str = "sketch"
    labels: str = "objects"
    out: Path | None = None
    concurrency: int = 8
    limit: int | None = None
    seed: int | None = None
    request_timeout: float | None = None
    base_url: str | None = None
    judge_base_url: str | None = None
    batch_size: int | None = None
    executor: str = "local"
    ray_address: str | None = None
    replicas: int | None = None
    gpus_per_replica: float | None = None
    shard: str | ShardSpec | None = None
    skip_invalid: bool = False
    resume: bool = True
    progress: bool | None = None
    policy_options: dict[str, Any] = field(default_factory=dict)
    judge_options: dict[str, Any] = field(default_factory=dict)
    mode: str = "plan"
    max_steps: int = 20
    history: str = "last"
    data_spec: str | None = None
    data_revision: str | None = None

    @property
    def tasks(self) -> list[str]:
        """The tasks this run covers, in the paper's order (chat, embodied)."""
        return ["chat", "embodied"] if self.task == "all" else [self.task]

    @property
    def shard_spec(self) -> ShardSpec | None:
        """The parsed shard, or ``None``."""
        if self.shard is None or isinstance(self.shard, ShardSpec):
            return self.shard
        return parse_shard(self.shard)

    def factory_options(self) -> dict[str, Any]:
        """Options passed to ``create_policy`` / ``create_judge`` (only the ones that are set)."""
        options = {
            "seed": self.seed,
            "base_url": self.base_url,
            "request_timeout": self.request_timeout,
            "batch_size": self.batch_size,
            "concurrency": self.concurrency,
        }
        return {k: v for k, v in options.items() if v is not None}


def is_suite(name: str | None) -> bool:
    """Whether ``name`` names a household suite: ``None``/``"household"`` (built in) or a tasks-like folder.

    Example:
        >>> is_suite("household"), is_suite("kitchen-only")
        (True, False)
    """
    if name is None or name == DEFAULT_SUITE:
        return True
    return Path(name).is_dir() and (Path(name) / "household").is_dir()


def default_out_dir(now: float | None = None) -> Path:
    """``runs/<YYYYmmdd-HHMMSS>`` relative to the working folder."""
    return Path("runs") / time.strftime("%Y%m%d-%H%M%S", time.localtime(now))


def check_config(config: RunConfig) -> None:
    """Validate the scalar options (not the data, specs or out folder).

    Raises:
        ConfigError: one line per bad option, naming the flag and what to do.
    """
    problems: list[str] = []
    if config.data is not None and config.suite is not None:
        problems.append(
            "--data and --suite: give one of them (a MSSBench folder, or the built-in 'household' suite)"
        )
    if config.data is None and not is_suite(config.suite):
        problems.append(f"--suite {config.suite!r}: {SUITE_HINT}")
    if config.task not in TASK_CHOICES:
        problems.append(f"--task {config.task!r}: use one of {', '.join(TASK_CHOICES)}")
    problems += _setting_problems(config.setting, config.executor)
    if config.renderer not in RENDERERS and config.renderer not in renderer_names():
        problems.append(f"--renderer {config.renderer!r}: use one of {', '.join(renderer_names())}")
    if config.labels not in LABEL_CHOICES:
        problems.append(f"--labels {config.labels!r}: use one of {', '.join(LABEL_CHOICES)}")
    if config.mode not in MODE_CHOICES:
        problems.append(f"--mode {config.mode!r}: use one of {', '.join(MODE_CHOICES)}")
    if config.history not in HISTORY_CHOICES:
        problems.append(f"--history {config.history!r}: use one of {', '.join(HISTORY_CHOICES)}")
    for flag, value, kind in (
        ("--concurrency", config.concurrency, int),
        ("--limit", config.limit, int),
        ("--max-steps", config.max_steps, int),
        ("--batch-size", config.batch_size, int),
        ("--request-timeout", config.request_timeout, float),
        ("--replicas", config.replicas, int),
    ):
        if value is None:
            continue
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or (kind is int and value != int(value))
        ):
            problems.append(f"{flag} {value!r}: must be a {'whole ' if kind is int else ''}number")
        elif value <= 0:
            problems.append(f"{flag} {value}: must be greater than 0")
    if config.seed is not None and (isinstance(config.seed, bool) or not isinstance(config.seed, int)):
        problems.append(f"--seed {config.seed!r}: must be a whole number")
    if not isinstance(config.policy, str) or not config.policy.strip():
        problems.append(
            "--policy: empty spec; use e.g. scripted:comply, openai:<model>, hf:<model> or a preset name"
        )
    if not isinstance(config.judge, str) or not config.judge.strip():
        problems.append("--judge: empty spec; use 'rules' or 'openai:<model>'")
    for flag, url in (("--base-url", config.base_url), ("--judge-base-url", config.judge_base_url)):
        if url is not None and urlsplit(url).scheme not in ("http", "https"):
            problems.append(f"{flag} {mask_url(url)!r}: must start with http:// or https://")
    try:
        config.shard_spec  # noqa: B018  (parses)
    except ValueError as exc:
        problems.append(str(exc))
    problems += _executor_problems(config)
    if problems:
        raise ConfigError(problems)


#: ``--executor`` choices.
EXECUTOR_CHOICES: tuple[str, ...] = ("local", "ray")


def _setting_problems(setting: str, executor: str = "local") -> list[str]:
    """``--setting``: a known name (built in or a plug-in's); a plug-in that fails to load is its own line. Ray
    workers are other processes: they know built-in and entry-point settings, not ones registered in this one."""
    try:
        get_setting(setting)
    except SpecError as exc:
        if str(exc).startswith("unknown setting"):
            return [f"--setting {setting!r}: use one of {', '.join(setting_names())}"]
        return [f"--setting {setting!r}: {exc}"]
    if executor == "ray" and setting not in SETTINGS and setting not in plugin_entry_points("settings"):
        return [
            f"--setting {setting!r}: registered in this process only, so Ray workers cannot see it; declare it "
            "under the mssbench_embodied.settings entry point (or use --executor local)"
        ]
    return []


def _executor_problems(config: RunConfig) -> list[str]:
    """Problems with ``--executor`` and the Ray options (which mean nothing to the local executor)."""
    if config.executor not in EXECUTOR_CHOICES:
        return [f"--executor {config.executor!r}: use one of {', '.join(EXECUTOR_CHOICES)}"]
    problems = []
    gpus = config.gpus_per_replica
    if gpus is not None and (isinstance(gpus, bool) or not isinstance(gpus, (int, float)) or gpus < 0):
        problems.append(f"--gpus-per-replica {gpus!r}: must be a number >= 0")
    if config.executor == "ray":
        import importlib.util

        if importlib.util.find_spec("ray") is None:
            problems.append(
                "--executor ray needs ray, which is not installed: pip install 'mssbench-embodied[ray]'"
            )
    if config.executor == "local":
        ray_options = (
            ("--ray-address", config.ray_address),
            ("--replicas", config.replicas),
            ("--gpus-per-replica", config.gpus_per_replica),
        )
        given = [flag for flag, value in ray_options if value is not None]
        if given:
            problems.append(f"{', '.join(given)}: only used with --executor ray")
        if config.base_url is not None and "," in config.base_url:
            problems.append("--base-url: several endpoints (A,B) need --executor ray (a replica each)")
    return problems


def mask_url(url: str | None) -> str | None:
    """Hide any ``user:password@`` in a URL.

    Example:
        >>> mask_url("https://me:secret@host/v1")
        'https://***@host/v1'
    """
    if not url:
        return url
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc="***@" + parts.netloc.rsplit("@", 1)[1]))
