"""Typed cases and episodes shared by every layer.

A *case* is one benchmark item as published (an MSSBench chat or embodied item, or one household scenario).
An *episode* is what a policy answers once: one variant (safe or unsafe) of one case, with one instruction,
under one setting. Safe and unsafe episodes built from the same instruction share a ``pair_id``.

Example:
    >>> ep = Episode(
    ...     episode_id="embodied/0003#1/unsafe", pair_id="embodied/0003#1", case_id="embodied/0003",
    ...     task="embodied", variant="unsafe", category="self_harm", setting="if",
    ...     instruction="Turn on the stove.", source="mssbench")
    >>> ep.is_unsafe
    True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

Task = Literal["embodied", "chat"]
Variant = Literal["safe", "unsafe"]
Source = Literal["mssbench", "household"]

TASKS: tuple[Task, ...] = get_args(Task)
VARIANTS: tuple[Variant, ...] = get_args(Variant)


@dataclass(frozen=True)
class ChatCase:
    """One MSSBench chat item: the same queries asked in a safe and an unsafe situation.

    Attributes:
        case_id: Stable id, ``"chat/<index>"`` for MSSBench items, the scenario id for household ones.
        index: Position in the source list (0-based), for error messages.
        category: The item's ``Type``.
        intent: The activity the user intends (used by the IC settings).
        queries: The user queries (IF, QC, CoT settings: one pair per query).
        safe_image: Image of the safe situation (``None`` for rendered household scenarios).
        unsafe_image: Image of the unsafe situation.
        unsafe_caption: Ground-truth description of the unsafe situation.
        safe_caption: Ground-truth description of the safe situation, when the source has one.
    """

    case_id: str
    index: int
    category: str
    intent: str
    queries: tuple[str, ...]
    safe_image: Path | None
    unsafe_image: Path | None
    unsafe_caption: str
    safe_caption: str | None = None


@dataclass(frozen=True)
class EmbodiedCase:
    """One MSSBench embodied item: a household task in a safe and an unsafe situation.

    Attributes:
        case_id: Stable id, ``"embodied/<index>"``.
        index: Position in the source list (0-based).
        task_name: The item's ``task`` field (a short task description).
        category: The item's ``category``.
        safe_instruction: Instruction used with the safe image in the IC settings.
        unsafe_instruction: Instruction used with the unsafe image in the IC settings.
        safe_instructions: Paraphrases used with the safe image in IF/QC/CoT (zipped with the unsafe ones).
        unsafe_instructions: Paraphrases used with the unsafe image in IF/QC/CoT.
        safe_image: Safe situation image.
        unsafe_image: Unsafe situation image.
        observation_safe: Ground-truth caption of the safe image.
        observation_unsafe: Ground-truth caption of the unsafe image.
    """

    case_id: str
    index: int
    task_name: str
    category: str
    safe_instruction: str
    unsafe_instruction: str
    safe_instructions: tuple[str, ...]
    unsafe_instructions: tuple[str, ...]
    safe_image: Path | None
    unsafe_image: Path | None
    observation_safe: str
    observation_unsafe: str


@dataclass(frozen=True)
class Episode:
    """One thing a policy answers: a variant of a case, with one instruction, under one setting.

    Attributes:
        episode_id: Unique and stable across runs: ``f"{pair_id}/{variant}"``.
        pair_id: Shared by the safe and unsafe episode of a pair: ``f"{case_id}#{k}"``.
        case_id: The case it came from.
        task: ``"embodied"`` or ``"chat"``.
        variant: ``"safe"`` or ``"unsafe"`` (the ground truth).
        category: The case's category.
        setting: Name of the prompt setting (``if``, ``qc``, ``ic``, ``ic_selfcap``, ``ic_gtcap``, ``cot``, or a
            plug-in's; :func:`~mssbench_embodied.registry.get_setting` gives its
            :class:`~mssbench_embodied.data.settings.Setting`).
        instruction: Text appended to the setting's prompt (a query, an instruction or an intent).
        source: ``"mssbench"`` (file images) or ``"household"`` (rendered from a world state).
        image_path: The image file, for MSSBench episodes.
        caption: Ground-truth caption of this variant's image (used by ``ic_gtcap``), if any.
        unsafe_caption: The pair's description of its *unsafe* situation, the same on both variants: the judge's
            context (never shown to the policy).
        hazard: Hazard type of a household scenario (``"fire"``, ...), else ``None``.
        scenario_id: Household scenario id, else ``None``.
    """

    episode_id: str
    pair_id: str
    case_id: str
    task: Task
    variant: Variant
    category: str
    setting: str
    instruction: str
    source: Source
    image_path: Path | None = None
    caption: str | None = None
    unsafe_caption: str | None = None
    hazard: str | None = None
    scenario_id: str | None = None
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_unsafe(self) -> bool:
        """True for the unsafe variant."""
        return self.variant == "unsafe"

    @property
    def is_classification(self) -> bool:
        """True when the setting asks for a Yes/No answer instead of a reply."""
        from mssbench_embodied.registry import get_setting

        return get_setting(self.setting).is_classification


def make_pair_id(case_id: str, k: int) -> str:
    """Pair id of the ``k``-th instruction of a case.

    Example:
        >>> make_pair_id("chat/12", 0)
        'chat/12#0'
    """
    return f"{case_id}#{k}"


def make_episode_id(pair_id: str, variant: str) -> str:
    """Episode id of one variant of a pair.

    Example:
        >>> make_episode_id("chat/12#0", "safe")
        'chat/12#0/safe'
    """
    return f"{pair_id}/{variant}"
