"""Checking the options a factory receives (a policy or the LLM judge; from the CLI, a preset, or Python).

The runner passes every policy the same run-wide options (``seed``, ``base_url``, ``request_timeout``,
``concurrency``, ``batch_size``, ...); a factory keeps those it understands and ignores the rest. Any *other*
unknown option (a typo in a preset) is an error that names the valid ones.

Example:
    >>> class P:
    ...     def __init__(self, model, *, temperature=0.0): ...
    >>> split_options("demo", P, {"temperature": 0.5, "seed": 3, "base_url": None})
    {'temperature': 0.5}
"""

from __future__ import annotations

import inspect
from typing import Any

#: Options the runner may pass to any policy; a policy that has no use for one ignores it.
RUN_OPTIONS = frozenset(
    {
        "seed",
        "base_url",
        "request_timeout",
        "concurrency",
        "batch_size",
        "max_new_tokens",
        "max_tokens",
        "temperature",
        "trust_remote_code",
        "image_size",
        "name",
    }
)
#: Preset-only keys that describe the preset rather than configure the policy.
PRESET_KEYS = frozenset({"notes", "paper", "description", "license", "backend", "model", "spec"})


def split_options(kind: str, cls: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments of ``cls`` found in ``options`` (``None`` values dropped).

    Raises:
        SpecError: for an option that is neither a parameter of ``cls`` nor a run-wide/preset key.
    """
    from mssbench_embodied.registry import SpecError

    params = inspect.signature(cls.__init__).parameters
    accepted = {
        name
        for name, p in params.items()
        if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD) and name != "self"
    }
    kwargs: dict[str, Any] = {}
    for key, value in options.items():
        if key in accepted:
            if value is not None:
                kwargs[key] = value
        elif key not in RUN_OPTIONS and key not in PRESET_KEYS:
            valid = sorted(accepted - {"model", "inner", "model_id"})
            raise SpecError(f"{kind} policy: unknown option {key!r}; valid options: {valid}")
    return kwargs
