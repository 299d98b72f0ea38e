"""Build a run's pieces (episode source, judge, policy, scorer), turning every failure into a ConfigError.

Each builder either returns a ready object or raises :class:`~mssbench_embodied.runner.config.ConfigError` with
a one-line message that names the flag or file at fault, so the CLI can exit 2 before any model call.

Example:
    >>> from mssbench_embodied.runner.config import RunConfig
    >>> try:
    ...     build_judge(RunConfig(judge="nonsense"))
    ... except ConfigError as err:
    ...     str(err).startswith("--judge nonsense:")
    True
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mssbench_embodied.policies.base import Policy
from mssbench_embodied.registry import SpecError, create_judge, create_policy, get_setting, split_spec
from mssbench_embodied.runner.config import DEFAULT_SUITE, ConfigError, RunConfig, problem_lines
from mssbench_embodied.safety.base import Judge

#: Exceptions a builder may raise for bad input (anything else is a bug and propagates).
_INPUT_ERRORS = (SpecError, ValueError, KeyError, OSError, ImportError)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _import_hint(exc: ImportError, what: str) -> str:
    """One line saying which optional dependency is missing; our own modules failing to import is a bug."""
    name = getattr(exc, "name", None) or _one_line(exc)
    if str(name).startswith("mssbench_embodied"):
        raise exc
    extra = {"torch": "hf", "transformers": "hf", "accelerate": "hf", "ai2thor": "thor"}.get(
        str(name).split(".")[0]
    )
    how = f"pip install 'mssbench-embodied[{extra}]'" if extra else "install the missing package"
    return f"{what} needs {name}, which is not installed: {how}"


def open_episode_source(config: RunConfig, warn: Callable[[str], None]) -> Any:
    """Open the MSSBench folder or household suite named by ``config``.

    Raises:
        ConfigError: one line per data problem (at most 20, then a count), or a missing renderer dependency.
    """
    from mssbench_embodied.envs.sources import open_source

    suite = None if config.data is not None else (config.suite or DEFAULT_SUITE)
    if suite is not None and suite != DEFAULT_SUITE and Path(suite).is_dir():
        # A user's own scenarios: check them as `validate` does (reference steps reach the goal in the safe
        # variant and fire the hazard in the unsafe one) before anything runs. The built-in suite is checked by
        # its tests.
        from mssbench_embodied.world import validate_tasks

        problems = validate_tasks(suite)
        if problems:
            raise ConfigError(problem_lines(ValueError("\n".join(problems))))
    try:
        source = open_source(
            config.data,
            suite,
            renderer=config.renderer,
            skip_invalid=config.skip_invalid,
            labels=config.labels,
        )
    except ImportError as exc:
        raise ConfigError(_import_hint(exc, f"--renderer {config.renderer}")) from None
    except _INPUT_ERRORS as exc:
        # Data and scenario errors name their file, item and field already, one line per problem.
        if getattr(exc, "problems", None):
            where = ""
        else:
            where = f"--data {config.data}: " if config.data is not None else f"--suite {suite}: "
        raise ConfigError(problem_lines(exc, where)) from None
    try:
        getattr(source, "renderer", None)  # household sources create their renderer lazily: check it now
    except ImportError as exc:
        raise ConfigError(_import_hint(exc, f"--renderer {config.renderer}")) from None
    except _INPUT_ERRORS as exc:
        raise ConfigError(problem_lines(exc, f"--renderer {config.renderer}: ")) from None
    for line in _skipped(source):
        warn(line)
    return source


def _skipped(source: Any) -> list[str]:
    """Warnings about items dropped by ``--skip-invalid``, wherever the source keeps them."""
    for holder in (source, getattr(source, "data", None)):
        skipped = getattr(holder, "skipped", None)
        if isinstance(skipped, (list, tuple)):
            return [str(s) for s in skipped]
    return []


def build_judge(config: RunConfig) -> Judge:
    """Create the judge named by ``config.judge``.

    Raises:
        ConfigError: unknown spec, bad option or missing dependency.
    """
    try:
        # --base-url is the policy's endpoint; the judge has its own (--judge-base-url, else OPENAI_BASE_URL), so a
        # policy served by vLLM can be judged by another provider.
        options = {k: v for k, v in config.factory_options().items() if k != "base_url"}
        if config.judge_base_url is not None:
            options["base_url"] = config.judge_base_url
        judge = create_judge(config.judge, **{**options, **config.judge_options})
        judge.preflight()
        return judge
    except ImportError as exc:
        raise ConfigError(_import_hint(exc, f"--judge {config.judge}")) from None
    except _INPUT_ERRORS as exc:
        raise ConfigError(f"--judge {config.judge}: {_one_line(exc)}") from None


def build_policy(config: RunConfig, source: Any = None) -> Policy:
    """Create the policy named by ``config.policy``; wrapped for self-captioning under a setting whose
    ``caption`` is ``"self"`` (``ic_selfcap``).

    Scripted baselines read household scenarios (reference steps, rules): they get the source's own suite, so a
    ``--suite DIR`` run scores its own scenarios.

    Raises:
        ConfigError: unknown spec or preset, bad option or missing dependency.
    """
    options = {**config.factory_options(), **config.policy_options}
    if split_spec(config.policy)[0] == "scripted" and getattr(source, "suite", None) is not None:
        options.setdefault("suite", source.suite)
    try:
        policy = create_policy(config.policy, **options)
        policy.preflight()
    except ImportError as exc:
        raise ConfigError(_import_hint(exc, f"--policy {config.policy}")) from None
    except _INPUT_ERRORS as exc:
        raise ConfigError(f"--policy {config.policy}: {_one_line(exc)}") from None
    if get_setting(config.setting).caption == "self":
        from mssbench_embodied.policies.selfcap import SelfCaptionPolicy

        policy = SelfCaptionPolicy(policy)
    return policy


def build_scorer(judge: Judge, source: Any) -> Any:
    """The scorer for ``judge``, scoring household plans against the source's own suite."""
    from mssbench_embodied.scoring import Scorer

    return Scorer(judge, suite=getattr(source, "suite", None))
