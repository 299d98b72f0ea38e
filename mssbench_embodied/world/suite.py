"""The household suite: every scenario under ``tasks/``, its rules and catalogue, as episodes and worlds.

Example:
    >>> suite = load_suite()
    >>> eps = suite.episodes("embodied", "if")
    >>> eps[0].source, eps[0].variant, eps[1].variant, eps[0].pair_id == eps[1].pair_id
    ('household', 'safe', 'unsafe', True)
    >>> w = suite.world_for(eps[1])
    >>> w is not suite.world_for(eps[1])
    True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from mssbench_embodied.data.types import Episode, make_episode_id, make_pair_id
from mssbench_embodied.registry import get_setting
from mssbench_embodied.resources import resource_dir
from mssbench_embodied.world.catalog import Catalog, CatalogError, load_catalog, parse_catalog
from mssbench_embodied.world.rules import Rule, rule_problems
from mssbench_embodied.world.scenario import Scenario, ScenarioError, build_world, load_scenario
from mssbench_embodied.world.state import World
from mssbench_embodied.world.yamlio import read_yaml

#: File name endings of scenario files.
SCENARIO_SUFFIXES = (".yaml", ".yml")


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(f for f in folder.rglob("*") if f.suffix in SCENARIO_SUFFIXES and f.is_file())


def scenario_files(root: Path) -> list[Path]:
    """Scenario files under a tasks root: ``household/embodied/`` then ``household/chat/``, subfolders included.

    Both ``.yaml`` and ``.yml`` count, so nothing a user put there is silently left out.
    """
    return [f for sub in ("embodied", "chat") for f in _yaml_files(root / "household" / sub)]


def stray_files(root: Path) -> list[str]:
    """Problems for YAML files under ``household/`` that no loader reads (outside ``embodied/`` and ``chat/``)."""
    household = root / "household"
    if not household.is_dir():
        return []
    read = {household / "embodied", household / "chat"}
    return [
        f"{f}: file: not read: scenario files go under {household / 'embodied'} or {household / 'chat'}"
        for f in _yaml_files(household)
        if not any(parent in read for parent in f.parents)
    ]


@dataclass
class HouseholdSuite:
    """Scenarios, rules and the object catalogue of one tasks folder.

    Attributes:
        root: The tasks folder.
        catalog: Object types.
        rules: Hazard rules (all of ``rules/*.yaml``).
        embodied: Embodied scenarios, sorted by id.
        chat: Chat scenarios, sorted by id.
    """

    root: Path
    catalog: Catalog
    rules: list[Rule]
    embodied: list[Scenario] = field(default_factory=list)
    chat: list[Scenario] = field(default_factory=list)

    @property
    def scenarios(self) -> list[Scenario]:
        """All scenarios (embodied first)."""
        return [*self.embodied, *self.chat]

    def scenario(self, scenario_id: str) -> Scenario:
        """One scenario by id.

        Raises:
            KeyError: naming the id when no scenario has it.
        """
        for scn in self.scenarios:
            if scn.id == scenario_id:
                return scn
        raise KeyError(f"no household scenario {scenario_id!r} under {self.root}")

    def rule(self, rule_id: str) -> Rule:
        """One rule by id (``KeyError`` if unknown)."""
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(f"no hazard rule {rule_id!r}")

    def episodes(self, task: str, setting: str) -> list[Episode]:
        """Episodes of one task and setting: safe then unsafe of each pair, scenarios in id order.

        Embodied: one pair per instruction (settings that ask the intent, like the IC ones: one per scenario,
        ``instructions[0]``). Chat: one pair per query (intent settings: one per scenario, the ``intent``).

        Raises:
            ValueError: an unknown task; an unknown setting (a ``SpecError``, naming the known ones).

        Example:
            >>> eps = load_suite().episodes("embodied", "ic")
            >>> eps[0].episode_id == eps[0].case_id + "#0/safe", eps[1].variant
            (True, 'unsafe')
        """
        if task not in ("embodied", "chat"):
            raise ValueError(f"task must be 'embodied' or 'chat', got {task!r}")
        found = get_setting(setting)
        found.check_task(task)
        by_intent = found.asks == "intent"
        out: list[Episode] = []
        for scn in self.embodied if task == "embodied" else self.chat:
            if by_intent:
                texts = [scn.instructions[0] if task == "embodied" else scn.intent]
            else:
                texts = list(scn.instructions if task == "embodied" else scn.queries)
            for k, text in enumerate(texts):
                pair_id = make_pair_id(scn.id, k)
                for variant in ("safe", "unsafe"):
                    out.append(
                        Episode(
                            episode_id=make_episode_id(pair_id, variant),
                            pair_id=pair_id,
                            case_id=scn.id,
                            task=task,  # type: ignore[arg-type]
                            variant=variant,
                            category=scn.category,
                            setting=setting,
                            instruction=text,
                            source="household",
                            caption=scn.captions.get(variant),
                            unsafe_caption=scn.captions.get("unsafe"),
                            hazard=scn.hazard,
                            scenario_id=scn.id,
                        )  # fmt: skip
                    )
        return out

    def world_for(self, episode_or_scenario_id: Episode | str, variant: str | None = None) -> World:
        """A fresh world for a scenario variant (``variant`` defaults to the episode's).

        Raises:
            KeyError: unknown scenario. ValueError: no variant given for a scenario id.
        """
        if isinstance(episode_or_scenario_id, Episode):
            sid = episode_or_scenario_id.scenario_id or episode_or_scenario_id.case_id
            variant = variant or episode_or_scenario_id.variant
        else:
            sid = episode_or_scenario_id
        if variant not in ("safe", "unsafe"):
            raise ValueError(f"variant must be 'safe' or 'unsafe', got {variant!r}")
        return build_world(self.scenario(sid), variant, self.catalog)


#: Keys of a suite folder's optional ``suite.yaml``.
SETTINGS_KEYS = frozenset({"replace_builtin_rules", "replace_builtin_objects"})


def _is_bundled(root: Path) -> bool:
    try:
        return root.resolve() == resource_dir("tasks").resolve()
    except OSError:
        return False


def suite_settings(root: Path) -> tuple[dict[str, bool], list[str]]:
    """The settings of a suite folder (``suite.yaml``; all ``false`` when absent) and the problems found.

    ``replace_builtin_rules: true`` drops the bundled hazard rules, ``replace_builtin_objects: true`` the bundled
    catalogue; by default a folder's ``rules/`` and ``objects*.yaml`` *extend* the bundled ones.

    Example:
        >>> suite_settings(Path("/nonexistent"))
        ({'replace_builtin_rules': False, 'replace_builtin_objects': False}, [])
    """
    settings = dict.fromkeys(sorted(SETTINGS_KEYS, reverse=True), False)
    path = Path(root) / "suite.yaml"
    if not path.is_file():
        return settings, []
    try:
        data = read_yaml(path)
    except (OSError, yaml.YAMLError) as exc:
        return settings, [f"{path}: file: cannot read: {str(exc).splitlines()[0]}"]
    if data is None:
        return settings, []
    if not isinstance(data, dict):
        return settings, [f"{path}: file: must be a mapping ({', '.join(sorted(SETTINGS_KEYS))})"]
    problems: list[str] = []
    for key, value in data.items():
        if key not in SETTINGS_KEYS:
            problems.append(f"{path}: {key}: unknown key (known: {', '.join(sorted(SETTINGS_KEYS))})")
        elif not isinstance(value, bool):
            problems.append(f"{path}: {key}: must be true or false")
        else:
            settings[key] = value
    return settings, problems


def catalog_files(root: Path) -> list[Path]:
    """Catalogue files of a tasks folder: the bundled ``objects.yaml`` (unless the folder *is* the bundled one or
    its ``suite.yaml`` says ``replace_builtin_objects: true``), then its ``objects.yaml``, then ``objects_*.yaml``
    (sorted). A type may be defined once across them all."""
    root = Path(root)
    main = root / "objects.yaml"
    builtin = resource_dir("tasks") / "objects.yaml"
    own = [main] if main.is_file() else []
    extend = not _is_bundled(root) and not suite_settings(root)[0]["replace_builtin_objects"]
    first = [builtin] if extend or not own else []
    return [*first, *own, *sorted(root.glob("objects_*.yaml"))]


def rule_files(root: Path) -> list[Path]:
    """Hazard rule files of a tasks folder: the bundled ``rules/*.yaml``, then the folder's own ``rules/*.yaml``.

    A folder's rules *extend* the built-in ones (a rule id may be used once across both); ``suite.yaml`` with
    ``replace_builtin_rules: true`` keeps only the folder's own.
    """
    root = Path(root)
    builtin = sorted((resource_dir("tasks") / "rules").glob("*.yaml"))
    folder = root / "rules"
    if _is_bundled(root) or not folder.is_dir():
        return builtin
    own = sorted(folder.glob("*.yaml"))
    return own if suite_settings(root)[0]["replace_builtin_rules"] else [*builtin, *own]


def _catalog_for(root: Path) -> tuple[Catalog, list[str]]:
    cat = Catalog({}, {})
    problems: list[str] = []
    defined: dict[str, Path] = {}
    for path in catalog_files(root):
        try:
            part = load_catalog(path)
        except CatalogError as exc:
            problems += exc.problems
            try:
                part, _ = parse_catalog(read_yaml(path), str(path))
            except (ValueError, yaml.YAMLError):
                continue
        for name in sorted(set(part) & set(cat)):
            problems.append(
                f"{path}: type {name}: type already defined in an earlier catalogue file ({defined[name]})"
            )
        for mat in sorted(set(part.materials) & set(cat.materials)):
            if part.materials[mat] != cat.materials[mat]:
                problems.append(f"{path}: materials: {mat}: defined differently in an earlier catalogue file")
        defined.update(dict.fromkeys(part, path))
        cat = cat.extended(part)
    for name, otype in cat.items():
        like = otype.look.like if otype.look is not None else None
        if like is not None and like not in cat:
            problems.append(f"{defined[name]}: type {name}: look.like: unknown type {like!r}")
    return cat, problems


def collect_suite(root: Path) -> tuple[HouseholdSuite, list[str]]:
    """Load a tasks folder and return it with every structural problem found (no exception)."""
    root = Path(root)
    problems = suite_settings(root)[1]
    cat, cprob = _catalog_for(root)
    rules, rprob = rule_problems(rule_files(root), cat)
    problems += cprob + rprob
    suite = HouseholdSuite(root=root, catalog=cat, rules=rules)
    problems += stray_files(root)
    files = scenario_files(root)
    if not files:
        problems.append(
            f"{root / 'household'}: folder: no scenario files under embodied/ or chat/ (nothing to run)"
        )
    seen: dict[str, Path] = {}
    for f in files:
        scn, sprob = load_scenario(f, cat)
        problems += sprob
        if scn is None:
            continue
        if scn.id in seen:
            problems.append(f"{f}: scenario {scn.id}: id: same id as {seen[scn.id]}")
            continue
        seen[scn.id] = f
        if not sprob:
            (suite.embodied if scn.task == "embodied" else suite.chat).append(scn)
    suite.embodied.sort(key=lambda s: s.id)
    suite.chat.sort(key=lambda s: s.id)
    return suite, problems


def load_suite(root: Path | None = None) -> HouseholdSuite:
    """Load the household suite from a tasks folder (default: the bundled ``tasks/``).

    The folder holds ``household/{embodied,chat}/**/*.yaml`` (subfolders included; a scenario id may be used
    once across all of them) and optionally ``objects.yaml`` and ``objects_*.yaml`` (more types) and
    ``rules/*.yaml`` (more hazard rules): these extend the bundled catalogue and rules (a type or rule id may be
    defined once across both) unless its ``suite.yaml`` says ``replace_builtin_objects: true`` or
    ``replace_builtin_rules: true``.

    Raises:
        ScenarioError: listing every problem, one line each ("FILE: scenario ID: key: what").
    """
    suite, problems = collect_suite(Path(root) if root is not None else resource_dir("tasks"))
    if problems:
        raise ScenarioError(problems)
    return suite


__all__ = ["HouseholdSuite", "collect_suite", "load_suite", "suite_settings"]
