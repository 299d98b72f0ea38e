"""The safety layer."""

from mssbench_embodied.safety import llm_judge as _llm_judge  # noqa: F401,E402  (registers judge "openai")
