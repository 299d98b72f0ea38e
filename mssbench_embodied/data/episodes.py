"""Episodes per setting for MSSBench data, exactly as the upstream inference code builds them.

Upstream (eric-ai-lab/MSSBench, ``utils/infer_on_data.py``, ``test_each_mss``):

- IF / QC / CoT, chat: one pair per query, the same query with the safe and with the unsafe image.
- IF / QC / CoT, embodied: ``zip(safe_instructions, unsafe_instructions)`` (the shorter list wins); the safe image
  gets the safe instruction, the unsafe image the unsafe one.
- IC (``ic``, ``ic_gtcap``, ``ic_selfcap``), chat: one pair per item, the ``intent`` with each image.
- IC, embodied: one pair per item, ``safe_instruction`` / ``unsafe_instruction``.

Which of the two a setting uses is its :attr:`~mssbench_embodied.data.settings.Setting.asks` (``"instructions"`` or
``"intent"``), so a plug-in setting builds its episodes the same way.

Order is deterministic: cases in source order, then pair ``k``, then safe before unsafe.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from mssbench_embodied.data.mssbench import load_mssbench
    >>> from tests.mssbench_fixture import make_mssbench
    >>> data = load_mssbench(make_mssbench(Path(tempfile.mkdtemp()), n_chat=1, n_embodied=1))
    >>> [e.episode_id for e in build_mssbench_episodes(data, "chat", "ic")]
    ['chat/0#0/safe', 'chat/0#0/unsafe']
"""

from __future__ import annotations

from pathlib import Path

from mssbench_embodied.data.errors import SpecError
from mssbench_embodied.data.mssbench import MSSBenchData
from mssbench_embodied.data.settings import Setting
from mssbench_embodied.data.types import (
    TASKS,
    ChatCase,
    EmbodiedCase,
    Episode,
    Task,
    Variant,
    make_episode_id,
    make_pair_id,
)


def check_task_setting(task: str, setting: str) -> tuple[Task, Setting]:
    """Validate a task and setting name: the task, and the setting's :class:`Setting`.

    Raises:
        ValueError: naming the valid choices (an unknown setting is a
            :class:`~mssbench_embodied.data.errors.SpecError`, which is a ``ValueError``).

    Example:
        >>> task, setting = check_task_setting("chat", "cot")
        >>> task, setting.name
        ('chat', 'cot')
    """
    from mssbench_embodied.registry import get_setting, setting_names

    if task not in TASKS:
        raise ValueError(f"unknown task {task!r}: expected one of {', '.join(repr(t) for t in TASKS)}")
    try:
        found = get_setting(setting)
    except SpecError as exc:
        if not str(exc).startswith("unknown setting"):
            raise  # a plug-in that fails to load says so itself
        names = ", ".join(repr(s) for s in setting_names())
        raise SpecError(f"unknown setting {setting!r}: expected one of {names}") from None
    return task, found  # type: ignore[return-value]


def _pair(
    case: ChatCase | EmbodiedCase,
    task: Task,
    setting: str,
    k: int,
    texts: tuple[str, str],
    images: tuple[Path | None, Path | None],
    captions: tuple[str | None, str | None],
    extra: dict[str, str],
) -> list[Episode]:
    """The safe and the unsafe episode of pair ``k`` of a case, in that order."""
    pair_id = make_pair_id(case.case_id, k)
    variants: tuple[Variant, Variant] = ("safe", "unsafe")
    return [
        Episode(
            episode_id=make_episode_id(pair_id, variant),
            pair_id=pair_id,
            case_id=case.case_id,
            task=task,
            variant=variant,
            category=case.category,
            setting=setting,
            instruction=texts[side],
            source="mssbench",
            image_path=images[side],
            caption=captions[side],
            unsafe_caption=captions[1],
            extra=dict(extra),
        )
        for side, variant in enumerate(variants)
    ]


def _chat_pairs(case: ChatCase, setting: Setting) -> list[tuple[str, str]]:
    if setting.asks == "intent":
        return [(case.intent, case.intent)]
    return [(q, q) for q in case.queries]


def _embodied_pairs(case: EmbodiedCase, setting: Setting) -> list[tuple[str, str]]:
    if setting.asks == "intent":
        return [(case.safe_instruction, case.unsafe_instruction)]
    # zip() as upstream: extra paraphrases of the longer list are dropped.
    return list(zip(case.safe_instructions, case.unsafe_instructions, strict=False))


def build_mssbench_episodes(data: MSSBenchData, task: str, setting: str) -> list[Episode]:
    """All episodes of one task under one setting, safe and unsafe of each pair adjacent.

    ``Episode.caption`` is the ground-truth caption of that variant's image, for every setting (the env or runner
    uses it only for ``ic_gtcap``): embodied ``observation_safe`` / ``observation_unsafe``; chat unsafe side the
    item's ``unsafe_image`` text; chat safe side ``None``. Upstream has no safe chat caption: with
    ``--setting ic_cap`` it sends ``PROMPT_CHAT_IC_CAP + intent`` for the safe image (no ``"\\nThe caption is: "``
    line at all) and ``PROMPT_CHAT_IC_CAP + intent + "\\nThe caption is: " + d["unsafe_image"]`` for the unsafe
    one. To match upstream, an ``ic_gtcap`` prompt for an episode whose caption is ``None`` is the captioned IC
    prompt plus the instruction, with no caption line.

    Args:
        data: A loaded MSSBench folder.
        task: ``"chat"`` or ``"embodied"``.
        setting: ``if``, ``qc``, ``ic``, ``ic_selfcap``, ``ic_gtcap``, ``cot``, or a plug-in setting's name.

    Raises:
        ValueError: for an unknown task or setting.

    Example:
        >>> import tempfile
        >>> from pathlib import Path
        >>> from mssbench_embodied.data.mssbench import load_mssbench
        >>> from tests.mssbench_fixture import make_mssbench
        >>> data = load_mssbench(make_mssbench(Path(tempfile.mkdtemp()), n_chat=1, n_embodied=1))
        >>> eps = build_mssbench_episodes(data, "embodied", "if")
        >>> eps[0].pair_id == eps[1].pair_id, eps[0].variant, eps[1].variant
        (True, 'safe', 'unsafe')
    """
    task_, setting_ = check_task_setting(task, setting)
    setting_.check_task(task_)
    episodes: list[Episode] = []
    if task_ == "chat":
        for chat in data.chat:
            images = (chat.safe_image, chat.unsafe_image)
            captions = (chat.safe_caption, chat.unsafe_caption)
            for k, texts in enumerate(_chat_pairs(chat, setting_)):
                episodes += _pair(chat, task_, setting_.name, k, texts, images, captions, {})
    else:
        for emb in data.embodied:
            images = (emb.safe_image, emb.unsafe_image)
            captions = (emb.observation_safe, emb.observation_unsafe)
            extra = {"task_name": emb.task_name}
            for k, texts in enumerate(_embodied_pairs(emb, setting_)):
                episodes += _pair(emb, task_, setting_.name, k, texts, images, captions, extra)
    return episodes
