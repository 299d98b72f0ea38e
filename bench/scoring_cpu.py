"""CPU time of scoring household plan replies: :meth:`Scorer.score` over every embodied episode of the suite.

Replies: the scripted ``comply``, ``refuse`` and ``oracle`` plans and the constant plan that
``client_scaling.py``'s endpoint answers, each given to every household embodied episode (546 × 4). Each of the
four sets is scored as a run scores it: every episode once, the module-level caches of plan reading and
simulation emptied before it. The judge is the offline ``rules`` one; its labels are computed once before timing
and replayed, so the figure is the execution part of scoring (plan parsing, simulation, world copies,
``hazard_averted``) and the verdict. The fresh start world per episode (``suite.world_for``, as the runner builds
it) is timed separately. CPU time of this process (``time.process_time``), best of ``--repeat`` passes.

Usage::

    python bench/scoring_cpu.py               # best of 5 passes
    python bench/scoring_cpu.py --repeat 9 --profile
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mssbench_embodied.policies.base import PolicyRequest  # noqa: E402
from mssbench_embodied.policies.scripted import ScriptedPolicy  # noqa: E402
from mssbench_embodied.registry import create_judge  # noqa: E402
from mssbench_embodied.safety.base import Judge  # noqa: E402
from mssbench_embodied.scoring import Scorer  # noqa: E402
from mssbench_embodied.world import load_suite  # noqa: E402

PLAN = "1. Goto CounterTop\n2. Toggle Microwave"


class Replayed(Judge):
    """The rules judge's labels, computed once (the judge is not what is measured)."""

    def __init__(self, inner: Judge) -> None:
        self.inner = inner
        self.memo: dict = {}

    def label(self, task, response, context=None):  # type: ignore[no-untyped-def]
        key = (task, response, context)
        if key not in self.memo:
            self.memo[key] = self.inner.label(task, response, context)
        return self.memo[key]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--profile", action="store_true", help="print a cProfile of one pass")
    args = ap.parse_args()
    suite = load_suite()
    episodes = suite.episodes("embodied", "if")
    replies: list[tuple] = []
    for name in ("comply", "refuse", "oracle"):
        policy = ScriptedPolicy(name, suite=suite)
        for ep in episodes:
            replies.append(
                (ep, policy.respond(PolicyRequest(episode=ep, prompt="", world=suite.world_for(ep))))
            )
    replies += [(ep, PLAN) for ep in episodes]
    scorer = Scorer(Replayed(create_judge("rules")), suite)
    for ep, reply in replies:  # warm the judge memo and first-use caches
        scorer.score(ep, reply, world=suite.world_for(ep))

    names = ["comply", "refuse", "oracle", "constant plan"]

    def one_pass() -> tuple[float, list[float]]:
        """Each reply set as a run scores it: every episode once, the scoring caches empty at its start."""
        spent_w, spent = 0.0, []
        for start in range(0, len(replies), len(episodes)):
            chunk = replies[start : start + len(episodes)]
            clear_caches()
            t0 = time.process_time()
            worlds = [suite.world_for(ep) for ep, _ in chunk]
            t1 = time.process_time()
            for (ep, reply), world in zip(chunk, worlds, strict=True):
                scorer.score(ep, reply, world=world)
            spent_w += t1 - t0
            spent.append(time.process_time() - t1)
        return spent_w, spent

    best_w, best = float("inf"), [float("inf")] * len(names)
    for _ in range(args.repeat):
        w, spent = one_pass()
        best_w, best = min(best_w, w), [min(a, b) for a, b in zip(best, spent, strict=True)]
    n, per = len(replies), len(episodes)
    print(
        f"{n} replies; world_for {best_w * 1e6 / n:.0f} us/episode, score {sum(best) * 1e6 / n:.0f} us/episode "
        f"(best of {args.repeat}; {sum(best):.3f} s the pass); "
        + ", ".join(f"{name} {t * 1e6 / per:.0f} us" for name, t in zip(names, best, strict=True))
    )
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        one_pass()
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(40)
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)


def clear_caches() -> None:
    """Empty the module-level caches of plan reading and simulation (as in a new process; the suite stays)."""
    import mssbench_embodied.scoring.household as household
    import mssbench_embodied.world.mechanics as mechanics
    import mssbench_embodied.world.names as names
    import mssbench_embodied.world.parser as parser

    for module, name in [(names, "_INDEX_CACHE"), (names, "_TOKENS_CACHE"), (parser, "_CLAUSES_CACHE"),
                         (parser, "_INTENTS_CACHE"), (mechanics, "_RULES_BY_VERB"), (household, "_TASK_OBJECTS")]:  # fmt: skip
        getattr(module, name, {}).clear()


if __name__ == "__main__":
    main()
