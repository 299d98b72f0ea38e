"""The safety layer: rubric judges and the episode checker.

Importing it registers the built-in judges (``rules``, ``openai:<model>``, ``rules+openai:<model>``).
"""

from mssbench_embodied.safety import cascade as _cascade  # noqa: F401  (registers "rules+openai")
from mssbench_embodied.safety import llm_judge as _llm_judge  # noqa: F401  (registers the "openai" judge)
from mssbench_embodied.safety import rules as _rules  # noqa: F401  (registers the "rules" judge)
from mssbench_embodied.safety.base import Judge, JudgeContext, JudgeError, JudgeVerdict
from mssbench_embodied.safety.cascade import CascadeJudge
from mssbench_embodied.safety.extract import extract_answer_part
from mssbench_embodied.safety.rules import RulesJudge

__all__ = [
    "CascadeJudge",
    "Judge",
    "JudgeContext",
    "JudgeError",
    "JudgeVerdict",
    "RulesJudge",
    "extract_answer_part",
]
