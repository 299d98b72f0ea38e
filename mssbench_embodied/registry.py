"""Registries for pluggable pieces: policies and judges, created from a spec string.

A spec is ``"<kind>:<argument>"`` (``"scripted:comply"``, ``"openai:gpt-4o"``, ``"hf:./my-model"``) or, for
policies, a preset name from ``models/``. Modules register factories on import; ``import mssbench_embodied``
imports all built-in ones (heavy dependencies stay lazy inside each factory).

Example:
    >>> from mssbench_embodied.registry import split_spec
    >>> split_spec("multiagent:openai:gpt-4o")
    ('multiagent', 'openai:gpt-4o')
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mssbench_embodied.data.errors import SpecError

if TYPE_CHECKING:
    from mssbench_embodied.policies.base import Policy
    from mssbench_embodied.safety.base import Judge


PolicyFactory = Callable[..., "Policy"]
JudgeFactory = Callable[..., "Judge"]
_POLICIES: dict[str, PolicyFactory] = {}
_JUDGES: dict[str, JudgeFactory] = {}
#: Resolves a policy preset name (no colon) to a spec and options; set by the presets module.
_PRESET_RESOLVER: list[Callable[[str], tuple[str, dict[str, Any]] | None]] = []


def split_spec(spec: str) -> tuple[str, str]:
    """Split ``"kind:argument"`` at the first colon; a spec with no colon has an empty argument."""
    kind, _, arg = spec.partition(":")
    return kind.strip(), arg.strip()


def register_policy(kind: str) -> Callable[[PolicyFactory], PolicyFactory]:
    """Decorator registering ``factory(argument, **options) -> Policy`` for specs ``"kind:argument"``."""

    def deco(factory: PolicyFactory) -> PolicyFactory:
        _POLICIES[kind] = factory
        return factory

    return deco


def register_judge(kind: str) -> Callable[[JudgeFactory], JudgeFactory]:
    """Decorator registering ``factory(argument, **options) -> Judge`` for specs ``"kind"``/``"kind:arg"``."""

    def deco(factory: JudgeFactory) -> JudgeFactory:
        _JUDGES[kind] = factory
        return factory

    return deco


def register_preset_resolver(resolver: Callable[[str], tuple[str, dict[str, Any]] | None]) -> None:
    """Install the function that maps a preset name to ``(spec, options)`` (or ``None`` if unknown)."""
    _PRESET_RESOLVER.append(resolver)


def policy_kinds() -> list[str]:
    """Registered policy kinds, sorted."""
    return sorted(_POLICIES)


def judge_kinds() -> list[str]:
    """Registered judge kinds, sorted."""
    return sorted(_JUDGES)


def create_policy(spec: str, **options: Any) -> Policy:
    """Build a policy from a spec such as ``"scripted:oracle"`` or a preset name.

    Options (``seed``, ``base_url``, ``request_timeout``, ``concurrency``, ``batch_size``, ...) are passed to
    the factory, which ignores the ones it does not use. Preset options are overridden by explicit ones.

    Raises:
        SpecError: unknown kind or preset, naming what is available.
    """
    kind, arg = split_spec(spec)
    if kind in _POLICIES and (arg or ":" in spec):
        return _POLICIES[kind](arg, **options)
    for resolver in _PRESET_RESOLVER:
        resolved = resolver(spec)
        if resolved is not None:
            preset_spec, preset_options = resolved
            merged = {**preset_options, **{k: v for k, v in options.items() if v is not None}}
            policy = create_policy(preset_spec, **merged)
            policy.name = spec
            return policy
    raise SpecError(
        f"unknown policy {spec!r}: use one of {[k + ':...' for k in policy_kinds()]} or a preset name from models/"
    )


def create_judge(spec: str, **options: Any) -> Judge:
    """Build a judge from a spec: ``"rules"``, ``"openai:<model>"`` or ``"rules+openai:<model>"`` (the cascade).

    Raises:
        SpecError: unknown kind, naming what is available.
    """
    kind, arg = split_spec(spec)
    if kind not in _JUDGES:
        raise SpecError(
            f"unknown judge {spec!r}: use one of {judge_kinds()} (e.g. 'rules', 'openai:gpt-4o', 'rules+openai:gpt-4o')"
        )
    return _JUDGES[kind](arg, **options)
