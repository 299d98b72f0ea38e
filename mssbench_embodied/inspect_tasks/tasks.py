"""inspect_ai tasks: the household suite and MSSBench, each for the embodied and the chat task.

Registered through inspect's entry point (``[project.entry-points.inspect_ai]`` in ``pyproject.toml``), so that

.. code-block:: bash

    inspect eval mssbench_embodied/household_embodied --model mockllm/model --limit 10
    inspect eval mssbench_embodied/household_chat --model openai/gpt-4o -T setting=qc
    inspect eval mssbench_embodied/mssbench_embodied --model openai/gpt-4o -T data=~/data/mssbench
    inspect eval mssbench_embodied/mssbench_chat --model openai/gpt-4o -T data=~/data/mssbench -T setting=cot

run with our scorer (:func:`~mssbench_embodied.inspect_tasks.scoring.mssbench_scorer`). Every task takes
``setting`` (``if``, ``qc``, ``ic``, ``ic_selfcap``, ``ic_gtcap``, ``cot``, or an installed plug-in's) and
``judge`` (``rules``, or ``openai:<model>`` for the LLM rubric judge); household tasks take ``suite`` (a folder
laid out like ``tasks/``), ``renderer`` and ``labels``; MSSBench tasks need ``data``.

Example:
    >>> t = household_chat(setting="qc")
    >>> len(t.dataset) > 0, t.metadata["setting"]
    (True, 'qc')
"""

from __future__ import annotations

from inspect_ai import Task, task

from mssbench_embodied.data.errors import ConfigError
from mssbench_embodied.inspect_tasks.bank import EpisodeBank
from mssbench_embodied.inspect_tasks.scoring import mssbench_scorer, show_episode


def _task(bank: EpisodeBank, name: str) -> Task:
    return Task(
        dataset=bank.samples(),
        solver=show_episode(bank),
        scorer=mssbench_scorer(bank),
        name=name,
        metadata={
            "task": bank.task,
            "setting": bank.setting,
            "judge": bank.judge_spec,
            "source": getattr(bank.source, "name", None),
        },
    )


@task
def household_embodied(
    setting: str = "if",
    judge: str = "rules",
    suite: str = "household",
    renderer: str = "sketch",
    labels: str = "objects",
) -> Task:
    """The household suite's embodied scenarios: plans are executed in the world and scored by what they do."""
    bank = EpisodeBank.open(
        task="embodied", setting=setting, suite=suite, judge=judge, renderer=renderer, labels=labels
    )
    return _task(bank, "household_embodied")


@task
def household_chat(
    setting: str = "if",
    judge: str = "rules",
    suite: str = "household",
    renderer: str = "sketch",
    labels: str = "objects",
) -> Task:
    """The household suite's chat scenarios (a user asks about something in the picture)."""
    bank = EpisodeBank.open(
        task="chat", setting=setting, suite=suite, judge=judge, renderer=renderer, labels=labels
    )
    return _task(bank, "household_chat")


def _need_data(data: str | None, name: str) -> str:
    if not data:
        raise ConfigError(
            f"{name}: give the MSSBench folder with -T data=DIR (combined.json, chat/, embodied/)"
        )
    return data


@task
def mssbench_embodied(data: str | None = None, setting: str = "if", judge: str = "rules") -> Task:
    """MSSBench's embodied task from a local folder (``-T data=DIR``)."""
    bank = EpisodeBank.open(
        task="embodied", setting=setting, data=_need_data(data, "mssbench_embodied"), judge=judge
    )
    return _task(bank, "mssbench_embodied")


@task
def mssbench_chat(data: str | None = None, setting: str = "if", judge: str = "rules") -> Task:
    """MSSBench's chat task from a local folder (``-T data=DIR``)."""
    bank = EpisodeBank.open(task="chat", setting=setting, data=_need_data(data, "mssbench_chat"), judge=judge)
    return _task(bank, "mssbench_chat")


__all__ = ["household_chat", "household_embodied", "mssbench_chat", "mssbench_embodied"]
