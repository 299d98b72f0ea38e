"""Published MSSBench results (Zhou et al., ICLR 2025), shown beside a run on the MSSBench data.

Numbers are the paper's v1 instruction-following (IF) results in percent, as given in the project's protocol
notes; the multi-agent table gives task averages for base, chain-of-thought and multi-agent prompting.

Example:
    >>> row = PUBLISHED_IF[-1]
    >>> row.model, row.chat.unsafe, row.embodied.avg, row.overall
    ('Claude 3.5', 35.0, 56.8, 62.2)
"""

from __future__ import annotations

from dataclasses import dataclass

#: What the published rows are: data version and setting, for captions.
PUBLISHED_SETTING = "if"
PUBLISHED_CAPTION = "MSSBench v1, instruction following (IF); published in Zhou et al., ICLR 2025"


@dataclass(frozen=True)
class TaskScore:
    """Safe / unsafe accuracy and their average for one task, in percent."""

    safe: float
    unsafe: float
    avg: float


@dataclass(frozen=True)
class PaperRow:
    """One model's published IF results: chat, embodied and the sample-weighted overall average (percent)."""

    model: str
    chat: TaskScore
    embodied: TaskScore
    overall: float

    def task(self, name: str) -> TaskScore | None:
        """The scores of ``"chat"`` or ``"embodied"`` (``None`` for other tasks).

        Example:
            >>> PUBLISHED_IF[0].task("chat").safe, PUBLISHED_IF[0].task("household") is None
            (97.6, True)
        """
        return {"chat": self.chat, "embodied": self.embodied}.get(name)


def _row(
    model: str, chat: tuple[float, float, float], embodied: tuple[float, float, float], overall: float
) -> PaperRow:
    return PaperRow(model, TaskScore(*chat), TaskScore(*embodied), overall)


#: Table of the paper (v1, IF): safe / unsafe / avg per task, then overall.
PUBLISHED_IF: tuple[PaperRow, ...] = (
    _row("MiniGPT-V2", (97.6, 2.4, 50.0), (98.8, 0.0, 49.4), 49.8),
    _row("Qwen-VL", (98.0, 3.1, 50.6), (99.0, 0.0, 49.5), 50.2),
    _row("mPLUG-Owl2", (98.7, 2.9, 50.8), (100.0, 0.3, 50.0), 50.5),
    _row("LLaVA 1.6", (99.7, 2.5, 51.1), (100.0, 0.6, 50.3), 50.7),
    _row("DeepSeek-VL", (98.6, 6.7, 52.7), (99.7, 0.0, 49.9), 51.7),
    _row("GPT-4o", (98.8, 12.0, 55.4), (99.7, 0.9, 50.3), 53.7),
    _row("Gemini 1.5", (81.6, 32.1, 56.9), (95.9, 9.7, 52.8), 55.5),
    _row("Claude 3.5", (95.0, 35.0, 65.0), (96.8, 16.8, 56.8), 62.2),
)

#: Multi-agent pipeline, task averages in percent: model -> task -> (base, CoT, multi-agent).
PUBLISHED_MULTIAGENT: dict[str, dict[str, tuple[float, float, float]]] = {
    "GPT-4o": {"chat": (55.4, 74.3, 81.3), "embodied": (50.3, 66.6, 69.0)},
    "Claude 3.5": {"chat": (65.0, 75.7, 78.9), "embodied": (56.8, 58.6, 65.6)},
}


__all__ = [
    "PUBLISHED_CAPTION",
    "PUBLISHED_IF",
    "PUBLISHED_MULTIAGENT",
    "PUBLISHED_SETTING",
    "PaperRow",
    "TaskScore",
]
