"""The one registry of pluggable pieces: policies, judges, renderers and settings, built in or from other packages.

A spec is ``"<kind>:<argument>"`` (``"scripted:comply"``, ``"openai:gpt-4o"``, ``"hf:./my-model"``) or, for
policies, a preset name from ``models/``. Built-in modules register factories on import; ``import
mssbench_embodied`` imports all of them (heavy dependencies stay lazy inside each factory).

Other packages add kinds through entry points, without touching this code (see :data:`ENTRY_POINT_GROUPS`):

.. code-block:: toml

    [project.entry-points."mssbench_embodied.policies"]
    my-policy = "my_package.policy:make_policy"      # factory(argument, **options) -> Policy
    [project.entry-points."mssbench_embodied.judges"]
    my-judge = "my_package.judge:make_judge"         # factory(argument, **options) -> Judge
    [project.entry-points."mssbench_embodied.renderers"]
    my-renderer = "my_package.render:MyRenderer"     # MyRenderer(**options).render(world) -> HxWx3 uint8
    [project.entry-points."mssbench_embodied.settings"]
    my-setting = "my_package.settings:MY_SETTING"    # a Setting (or a function returning one)

so that ``--policy my-policy:anything`` builds ``make_policy("anything", seed=..., ...)``. A plug-in is loaded
the first time its kind is asked for; a built-in kind of the same name wins.

Example:
    >>> from mssbench_embodied.registry import split_spec
    >>> split_spec("multiagent:openai:gpt-4o")
    ('multiagent', 'openai:gpt-4o')
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import EntryPoint, entry_points
from typing import TYPE_CHECKING, Any

from mssbench_embodied.data.errors import SpecError
from mssbench_embodied.data.settings import BUILTIN_SETTINGS, Setting

if TYPE_CHECKING:
    from mssbench_embodied.policies.base import Policy
    from mssbench_embodied.safety.base import Judge


#: Entry point group per kind of piece (``importlib.metadata`` groups other packages declare).
ENTRY_POINT_GROUPS: dict[str, str] = {
    "policies": "mssbench_embodied.policies",
    "judges": "mssbench_embodied.judges",
    "renderers": "mssbench_embodied.renderers",
    "settings": "mssbench_embodied.settings",
}

PolicyFactory = Callable[..., "Policy"]
JudgeFactory = Callable[..., "Judge"]
_POLICIES: dict[str, PolicyFactory] = {}
_JUDGES: dict[str, JudgeFactory] = {}
_SETTINGS: dict[str, Setting] = {setting.name: setting for setting in BUILTIN_SETTINGS}
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


def register_setting(setting: Setting) -> Setting:
    """Register ``setting`` under its name (replacing a registered one of the same name) and return it.

    Raises:
        SpecError: a different setting under a built-in setting's name (the benchmark's settings stay as published).

    Example:
        >>> from mssbench_embodied.data.settings import Setting
        >>> s = register_setting(Setting(name="doc-strict", prompts={"chat": "Is it safe? Answer: Yes/No. "},
        ...                              scoring="classification"))
        >>> get_setting("doc-strict") is s
        True
        >>> _ = _SETTINGS.pop("doc-strict")  # tidy up after the example
    """
    if not isinstance(setting, Setting):
        raise TypeError(f"register_setting takes a Setting, got {type(setting).__name__}")
    builtin = next((s for s in BUILTIN_SETTINGS if s.name == setting.name), None)
    if builtin is not None and builtin != setting:
        raise SpecError(f"setting name {setting.name!r} is a built-in setting's; give yours another name")
    _SETTINGS[setting.name] = setting
    return setting


def setting_name(setting: str | Setting) -> str:
    """The name to run ``setting`` under: a name as is; a :class:`Setting` is registered first (for this process).

    Example:
        >>> setting_name("cot")
        'cot'
    """
    return register_setting(setting).name if isinstance(setting, Setting) else setting


def register_preset_resolver(resolver: Callable[[str], tuple[str, dict[str, Any]] | None]) -> None:
    """Install the function that maps a preset name to ``(spec, options)`` (or ``None`` if unknown)."""
    _PRESET_RESOLVER.append(resolver)


def plugin_entry_points(piece: str) -> dict[str, EntryPoint]:
    """Entry points other installed packages declare for ``piece`` (``"policies"``, ``"judges"``,
    ``"renderers"``, ``"settings"``), by name. Read afresh on each call, so a package installed while running is seen.

    Example:
        >>> "scripted" in plugin_entry_points("policies")  # built-in kinds are not entry points
        False
    """
    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUPS[piece])}


def load_plugin(piece: str, name: str) -> Any | None:
    """The object an installed package's entry point ``name`` names for ``piece``, or ``None`` if none does.

    Raises:
        SpecError: the entry point exists but fails to import, naming the package and what it points at.
    """
    ep = plugin_entry_points(piece).get(name)
    if ep is None:
        return None
    try:
        return ep.load()
    except Exception as exc:  # noqa: BLE001 - a broken plug-in is the user's configuration problem
        package = ep.dist.name if ep.dist is not None else "an installed package"
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise SpecError(
            f"{piece[:-1]} plug-in {name!r} from {package} ({ep.value}) failed to load: {reason}; fix or "
            "uninstall that package"
        ) from None


def policy_kinds() -> list[str]:
    """Policy kinds, built in and from installed packages' entry points, sorted."""
    return sorted(set(_POLICIES) | set(plugin_entry_points("policies")))


def judge_kinds() -> list[str]:
    """Judge kinds, built in and from installed packages' entry points, sorted."""
    return sorted(set(_JUDGES) | set(plugin_entry_points("judges")))


def renderer_names() -> list[str]:
    """Renderer names: the built-in ``sketch`` and ``thor``, and those of installed packages' entry points.

    Example:
        >>> renderer_names()[:2]
        ['sketch', 'thor']
    """
    return ["sketch", "thor", *sorted(set(plugin_entry_points("renderers")) - {"sketch", "thor"})]


def setting_names() -> list[str]:
    """Setting names: the built-in ones in the paper's order, then registered and installed packages' ones, sorted.

    Example:
        >>> setting_names()[:6]
        ['if', 'qc', 'ic', 'ic_selfcap', 'ic_gtcap', 'cot']
    """
    builtin = [s.name for s in BUILTIN_SETTINGS]
    return [*builtin, *sorted((set(_SETTINGS) | set(plugin_entry_points("settings"))) - set(builtin))]


def get_setting(name: str | Setting) -> Setting:
    """The :class:`~mssbench_embodied.data.settings.Setting` named ``name`` (a Setting is returned as is).

    Raises:
        SpecError: unknown name (naming the known ones), or a plug-in entry point that fails to load or names
            something that is not a Setting.

    Example:
        >>> get_setting("qc").scoring
        'classification'
    """
    if isinstance(name, Setting):
        return name
    found = _SETTINGS.get(name)
    if found is not None:
        return found
    plugin = load_plugin("settings", name) if isinstance(name, str) else None
    if plugin is None:
        raise SpecError(f"unknown setting {name!r}: use one of {setting_names()}")
    setting = plugin() if callable(plugin) and not isinstance(plugin, Setting) else plugin
    if not isinstance(setting, Setting):
        raise SpecError(
            f"setting plug-in {name!r} names a {type(setting).__name__}, not a Setting "
            "(mssbench_embodied.data.settings.Setting); fix or uninstall that package"
        )
    if setting.name != name:  # the entry point's name is the one users type and records keep
        from dataclasses import replace

        setting = replace(setting, name=name)
    _SETTINGS[name] = setting
    return setting


def _policy_factory(kind: str) -> PolicyFactory | None:
    if kind not in _POLICIES:
        factory = load_plugin("policies", kind)
        if factory is None:
            return None
        _POLICIES[kind] = factory
    return _POLICIES[kind]


def create_policy(spec: str, **options: Any) -> Policy:
    """Build a policy from a spec such as ``"scripted:oracle"`` or a preset name.

    Options (``seed``, ``base_url``, ``request_timeout``, ``concurrency``, ``batch_size``, ...) are passed to
    the factory, which ignores the ones it does not use. Preset options are overridden by explicit ones.

    Raises:
        SpecError: unknown kind or preset, naming what is available.
    """
    kind, arg = split_spec(spec)
    factory = _policy_factory(kind) if (arg or ":" in spec) else None
    if factory is not None:
        policy = factory(arg, **options)
        # A plug-in that left its policy unnamed: name it by its spec.
        if getattr(policy, "name", "policy") == "policy":
            policy.name = spec
        return policy
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
        plugin = load_plugin("judges", kind)
        if plugin is not None:
            _JUDGES[kind] = plugin
    if kind not in _JUDGES:
        raise SpecError(
            f"unknown judge {spec!r}: use one of {judge_kinds()} (e.g. 'rules', 'openai:gpt-4o', 'rules+openai:gpt-4o')"
        )
    judge = _JUDGES[kind](arg, **options)
    if getattr(judge, "name", "judge") == "judge":  # a plug-in that did not name it
        judge.name = spec
    return judge
