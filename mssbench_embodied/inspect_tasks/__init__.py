"""inspect_ai front door: our tasks, solver and scorer for ``inspect eval`` (needs ``pip install
'mssbench-embodied[inspect]'``).

Importing this package registers the tasks with inspect (inspect's entry point for this project points here):
``mssbench_embodied/household_embodied``, ``household_chat``, ``mssbench_embodied``, ``mssbench_chat``.

Example:
    >>> from mssbench_embodied.inspect_tasks import household_embodied
    >>> household_embodied().name
    'household_embodied'
"""

from mssbench_embodied.inspect_tasks.tasks import (
    household_chat,
    household_embodied,
    mssbench_chat,
    mssbench_embodied,
)

__all__ = ["household_chat", "household_embodied", "mssbench_chat", "mssbench_embodied"]
