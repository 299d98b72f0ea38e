"""The policies layer: the registered policy kinds are imported here so their specs resolve.

``openai:`` (OpenAI-compatible APIs), ``hf:`` (transformers, loaded lazily), ``multiagent:<inner>`` and model
presets from ``models/`` (``--policy gpt-4o``). Heavy dependencies stay inside the modules' functions.
"""

from mssbench_embodied.policies import hf as _hf  # noqa: F401  (registers "hf"; torch/transformers stay lazy)
from mssbench_embodied.policies import multiagent as _multiagent  # noqa: F401  (registers "multiagent")
from mssbench_embodied.policies import openai_api as _openai_api  # noqa: F401  (registers "openai")
from mssbench_embodied.policies import presets as _presets  # noqa: F401  (registers the models/ preset resolver)
from mssbench_embodied.policies import replay as _replay  # noqa: F401  (registers "replay")
from mssbench_embodied.policies import scripted as _scripted  # noqa: F401  (registers "scripted")
