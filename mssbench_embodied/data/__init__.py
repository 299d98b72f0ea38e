"""The data layer: typed cases and episodes, the MSSBench loader and validator, lazy image loading.

Example:
    >>> from mssbench_embodied.data import SETTINGS, load_mssbench, build_mssbench_episodes
    >>> "ic_gtcap" in SETTINGS
    True
"""

from mssbench_embodied.data.episodes import build_mssbench_episodes, check_task_setting
from mssbench_embodied.data.images import load_image_array
from mssbench_embodied.data.mssbench import DATA_FILENAMES, MSSBenchData, find_data_file, load_mssbench
from mssbench_embodied.data.settings import BUILTIN_SETTINGS, SETTINGS, Setting
from mssbench_embodied.data.types import (
    TASKS,
    VARIANTS,
    ChatCase,
    EmbodiedCase,
    Episode,
    Source,
    Task,
    Variant,
    make_episode_id,
    make_pair_id,
)
from mssbench_embodied.data.validation import DataError

__all__ = [
    "BUILTIN_SETTINGS",
    "DATA_FILENAMES",
    "SETTINGS",
    "TASKS",
    "VARIANTS",
    "ChatCase",
    "DataError",
    "EmbodiedCase",
    "Episode",
    "MSSBenchData",
    "Setting",
    "Source",
    "Task",
    "Variant",
    "build_mssbench_episodes",
    "check_task_setting",
    "find_data_file",
    "load_image_array",
    "load_mssbench",
    "make_episode_id",
    "make_pair_id",
]
