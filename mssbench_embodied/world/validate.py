"""Validation of household task data: catalogue, rules and scenarios, including running the reference steps.

Each problem is one line, ``"FILE: scenario ID: key: what is wrong"`` (rules: ``"FILE: rule ID: key: what"``).

Example:
    >>> from mssbench_embodied.resources import resource_dir
    >>> validate_tasks(resource_dir("tasks") / "household/embodied/microwave_foil_takeout.yaml")
    []
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from mssbench_embodied.resources import resource_dir
from mssbench_embodied.world.catalog import Catalog
from mssbench_embodied.world.parser import parse_plan
from mssbench_embodied.world.rules import HazardEvent, Rule
from mssbench_embodied.world.scenario import Scenario, build_world, load_scenario
from mssbench_embodied.world.sim import Simulator
from mssbench_embodied.world.state import World
from mssbench_embodied.world.suite import _catalog_for, collect_suite, rule_files, rule_problems


def run_reference(
    scn: Scenario, variant: str, cat: Catalog, rules: Sequence[Rule]
) -> tuple[Simulator, list[str]]:
    """Execute a scenario's reference steps in one variant (its world events included); returns the simulator
    and step problems."""
    from mssbench_embodied.world.events import event_schedule

    sim = Simulator(build_world(scn, variant, cat), rules)
    sim.schedule = event_schedule(scn, variant, cat)
    problems: list[str] = []
    for step in scn.reference_steps:
        parsed = parse_plan(step, sim.world)
        if not parsed.actions or parsed.unparsed:
            problems.append(f"reference_steps: cannot parse {step!r} ({variant} variant)")
            continue
        for action in parsed.actions:
            if action.needs_target and action.target is None:
                problems.append(f"reference_steps: {step!r} names no object of the {variant} scene")
                continue
            out = sim.step(action)
            if not out.ok:
                problems.append(f"reference_steps: {step!r} fails in the {variant} variant: {out.message}")
    return sim, problems


def _names(events: Sequence[HazardEvent]) -> str:
    return ", ".join(f"{e.rule_id} ({e.hazard})" for e in events)


def scenario_semantics(scn: Scenario, cat: Catalog, rules: Sequence[Rule]) -> list[str]:
    """Problems found by executing an embodied scenario ("key: what"); chat scenarios have none to run."""
    if scn.task != "embodied":
        return []
    out: list[str] = []
    rule_ids = {r.id for r in rules}
    if scn.expect_rule is not None and scn.expect_rule not in rule_ids:
        out.append(f"expect_rule: unknown rule {scn.expect_rule!r}")
    safe, safe_problems = run_reference(scn, "safe", cat, rules)
    out += safe_problems
    if safe.hazards:
        out.append(f"reference_steps: fire a hazard in the safe variant: {_names(safe.hazards)}")
    if not safe.goal_reached(scn.goal):
        out.append("goal: the safe variant does not reach the goal with the reference steps")
    unsafe, unsafe_problems = run_reference(scn, "unsafe", cat, rules)
    out += unsafe_problems
    fired = [e for e in unsafe.hazards if e.hazard == scn.hazard]
    if not fired:
        got = f" (fired: {_names(unsafe.hazards)})" if unsafe.hazards else ""
        out.append(f"hazard: the reference steps fire no {scn.hazard!r} rule in the unsafe variant{got}")
    if scn.expect_rule in rule_ids and scn.expect_rule not in {e.rule_id for e in unsafe.hazards}:
        out.append(f"expect_rule: the reference steps do not fire {scn.expect_rule!r} in the unsafe variant")
    for variant, sim in (("safe", safe), ("unsafe", unsafe)):
        pending = sim.schedule.pending if sim.schedule is not None else []
        out += [
            f"events: {e.id}: unreachable trigger: it never happens while the reference steps run ({variant} "
            "variant); lower at_step or change when"
            for e in pending
        ]
    return out


#: Catalogue words that a caption uses for a part, a material, a colour or the room itself, not for an object of the
#: scene ("the oven door", "glass bowl", "orange hose", "the blades", "the plug in"): never checked.
NOT_OBJECT_WORDS = frozenset(
    {"glass", "iron", "marble", "orange", "light", "screen", "blade", "plug", "drawer", "door", "window", "tank",
     "sheet", "hand", "cable", "wire", "cord", "power cord", "socket", "outlet", "fire", "flame", "user", "adult",
     "label", "engine", "yard", "plate", "tap", "bowl", "tray", "can", "lawn", "floor", "ground", "wall", "room",
     "change", "key", "water", "handle", "lid", "button", "top", "side", "edge", "corner", "rim", "base"}
)  # fmt: skip
#: A word before a noun that makes the clause say the object is *not* there ("no phone", "the baby is not in").
_NEGATIONS = frozenset({"no", "not", "without", "nothing", "none", "never", "nor", "isn", "aren"})
#: Words after which a clause tells what a screen or a sign shows, not what stands in the room.
_SHOWS = frozenset({"show", "showing", "display", "displaying", "reading", "say", "saying"})
#: Words that never tie a caption noun to an object name.
_FUNCTION_WORDS = frozenset(
    {"the", "a", "an", "of", "and", "with", "on", "in", "to", "at", "by", "for", "is", "s"}
)
#: A word before a noun that makes it a part of something already named ("its fans", "whose burner").
_PARTS_OF = frozenset({"its", "their", "whose", "his", "her"})


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _words(text: str) -> list[str]:
    return [_singular(w) for w in re.findall(r"[a-z]+|[.;:,!?]", text.lower())]


def _object_terms(cat: Catalog) -> dict[str, frozenset[str]]:
    """Object words of the catalogue (type names in words and synonyms, singular) -> the types they name."""
    terms: dict[str, set[str]] = {}
    for name, otype in cat.items():
        for phrase in (re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name), *otype.synonyms):
            key = " ".join(w for w in _words(phrase) if w.isalpha())
            if key and key not in NOT_OBJECT_WORDS and len(key) > 2:
                terms.setdefault(key, set()).add(name)
    return {k: frozenset(v) for k, v in terms.items()}


def caption_objects(caption: str, cat: Catalog) -> list[tuple[str, frozenset[str], frozenset[str]]]:
    """Object words a caption says are in the picture: ``(term, types it names, name words around it)``.

    Skipped: quoted text (a sign's words), what a screen shows ("the monitor shows a crib"), words in a negated
    clause ("the baby is not in the room"), a container
    naming its contents ("a bottle of bubble bath"), possessives and parts ("its fans", "children's party"), a
    noun used as a modifier ("petrol lawnmower") and figures of speech ("as a makeshift ladder").
    """
    terms = _object_terms(cat)
    longest = max((len(k.split()) for k in terms), default=1)
    clauses = re.split(r"[.;:!?]|,|\band\b", re.sub(r"\"[^\"]*\"", " ", caption.lower()))
    found: list[tuple[str, frozenset[str], frozenset[str]]] = []
    for clause in clauses:
        toks = _words(clause)
        if any(t in _NEGATIONS for t in toks) or "n't" in clause:
            continue
        shown = next((k for k, t in enumerate(toks) if t in _SHOWS), None)
        toks = toks if shown is None else toks[:shown]
        i = 0
        while i < len(toks):
            for n in range(min(longest, len(toks) - i), 0, -1):
                term = " ".join(toks[i : i + n])
                if term not in terms:
                    continue
                before, after = toks[max(0, i - 3) : i], toks[i + n : i + n + 1]
                skip = (
                    after in (["of"], ["s"])
                    or any(b in _PARTS_OF for b in before[-1:])
                    or "as" in before  # "as a makeshift ladder"
                )
                if not skip:
                    found.append((term, terms[term], frozenset([*toks[max(0, i - 1) : i], *after])))
                i += n - 1
                break
            i += 1
    return found


def _holds(world: World, term: str, types: frozenset[str], around: frozenset[str]) -> bool:
    """The world has an object of one of ``types``, named with ``term``'s head word, or ``term`` is a part or
    modifier of an object named right beside it ("sofa cushions", "petrol lawnmower", "cleaner bottle")."""
    head = term.split()[-1]
    for obj in world.objects.values():
        name = set(_words(obj.name or "")) | set(_words(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", obj.type)))
        if obj.material and head in _words(obj.material.replace("_", " ")):
            return True  # "a carpet" for a carpeted floor
        if obj.type in types or head in name or around & (name - _FUNCTION_WORDS):
            return True
    return False


def caption_problems(scn: Scenario, cat: Catalog) -> list[str]:
    """Objects a variant's caption names that its scene does not hold ("key: what"): the picture would not show
    what the caption (and a judge reading it) says is there."""
    out: list[str] = []
    for variant in ("safe", "unsafe"):
        caption = scn.captions.get(variant) or ""
        try:
            world = build_world(scn, variant, cat)
        except (KeyError, ValueError):
            continue  # a broken scene is reported by the other checks
        missing = sorted(
            {
                term
                for term, types, around in caption_objects(caption, cat)
                if not _holds(world, term, types, around)
            }
        )
        for term in missing:
            out.append(
                f"variants.{variant}.caption: names {term!r}, which the {variant} scene does not hold "
                "(add the object to the scene, or describe only what the picture shows)"
            )
    return out


def _find_root(path: Path) -> Path:
    for cand in [path if path.is_dir() else path.parent, *path.parents]:
        if (cand / "objects.yaml").is_file() or (cand / "household").is_dir():
            return cand
    return resource_dir("tasks")


def _not_a_suite(path: Path) -> str:
    above = next((p for p in path.resolve().parents if (p / "household").is_dir()), None)
    hint = f"; validate the suite folder {above}" if above is not None else ""
    return (
        f"{path}: folder: not a suite folder (it holds no household/ with embodied/ or chat/ scenarios; "
        f"run --suite refuses it too){hint}, or one scenario file"
    )


def load_checked(path: Path) -> tuple[Catalog, list[Rule], list[Scenario], list[str]]:
    """The catalogue, rules and well-formed scenarios of a suite folder or one scenario file (its catalogue and
    rules from the nearest enclosing tasks folder, else the bundled one), and the structural problems found."""
    path = Path(path)
    if path.is_dir():
        suite, problems = collect_suite(path)
        return suite.catalog, suite.rules, suite.scenarios, problems
    root = _find_root(path)
    cat, problems = _catalog_for(root)
    rules, rprob = rule_problems(rule_files(root), cat)
    scn, sprob = load_scenario(path, cat)
    return cat, rules, [scn] if scn is not None and not sprob else [], problems + rprob + sprob


def validate_tasks(path: Path | str) -> list[str]:
    """Check a suite folder or one scenario file; returns problems (empty when all is fine).

    A folder must be a suite, exactly as ``run --suite DIR`` requires (it holds ``household/``), and is checked
    whole as ``run`` loads it: catalogue, every rule file, every scenario under ``household/embodied/`` and
    ``household/chat/`` (subfolders included), duplicate ids, YAML files nothing would read. For a scenario
    file, the catalogue and rules come from the nearest enclosing tasks folder (else the bundled one).

    Checks: unknown object type, material, property or state key; dangling relation (``on``/``in``/``near`` to a
    missing id); placement cycles; unknown rule in ``expect_rule``; missing variant or caption; fewer than 3
    instructions (embodied) or 2 queries (chat); the same id twice; a goal the safe variant cannot reach with the
    reference steps; reference steps that fail, or fire a hazard in the safe variant; an unsafe variant where
    they fire no rule of the scenario's hazard (or not ``expect_rule``).

    Example:
        >>> validate_tasks("/nonexistent/x.yaml")
        ['/nonexistent/x.yaml: file: not found']
    """
    path = Path(path)
    if not path.exists():
        return [f"{path}: file: not found"]
    if path.is_dir() and not (path / "household").is_dir():  # exactly the folders `run --suite DIR` accepts
        return [_not_a_suite(path)]
    cat, rules, scenarios, problems = load_checked(path)
    for scn in scenarios:
        found = scenario_semantics(scn, cat, rules) + caption_problems(scn, cat)
        problems += [f"{scn.path}: scenario {scn.id}: {p}" for p in found]
    return problems
