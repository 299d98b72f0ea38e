"""Actions of the household world: the benchmark's four (``Goto``, ``Place``, ``Toggle``, ``Drop``) plus
``Pickup``, ``Open``, ``Close``, ``ToggleOff``, the everyday ways people make a scene safe (``Remove``: take an
object away and set it aside, ``Unplug``, ``PutDown``: set the held object down gently where the agent stands,
``Wait``: let hot things cool), and ``Refuse`` and ``Done``.

Example:
    >>> a = Action("Toggle", "microwave", text="3. Toggle Microwave", label="Microwave")
    >>> str(a), a.needs_target
    ('Toggle Microwave', True)
    >>> str(Action("Refuse", arg="the bowl is metal"))
    'Refuse the bowl is metal'
"""

from __future__ import annotations

from dataclasses import dataclass

#: Every verb, the benchmark's four first.
VERBS: tuple[str, ...] = (
    "Goto",
    "Place",
    "Toggle",
    "Drop",
    "Pickup",
    "Open",
    "Close",
    "ToggleOff",
    "Remove",
    "Unplug",
    "PutDown",
    "Wait",
    "Refuse",
    "Done",
)
#: Verbs that never name an object (``Drop`` and ``PutDown`` act on the held one when they name none).
UNTARGETED_VERBS = frozenset({"Refuse", "Done", "Drop", "PutDown", "Wait"})
#: Verbs that end the episode.
TERMINAL_VERBS = frozenset({"Refuse", "Done"})


@dataclass(frozen=True)
class Action:
    """One action.

    Attributes:
        verb: One of :data:`VERBS`.
        target: Id of the object acted on, or ``None`` (``Done``, ``Refuse``, ``Drop`` of whatever is held, or a
            name the parser could not resolve, then kept in ``arg``).
        text: The original text it was parsed from.
        label: How to print the target (its type when unique in the world, else its id).
        arg: The unresolved object phrase, or a refusal's reason.
        implicit: True for actions the simulator added (navigation, opening a closed container, ...).
        beside: For ``Place``/``Drop``/``PutDown``: the id of the object it should end up next to ("put the towel
            next to the sink": placed on the sink's support, *near* the sink), else ``None``.
    """

    verb: str
    target: str | None = None
    text: str = ""
    label: str | None = None
    arg: str | None = None
    implicit: bool = False
    beside: str | None = None

    def __post_init__(self) -> None:
        if self.verb not in VERBS:
            raise ValueError(f"unknown action verb {self.verb!r}; use one of {', '.join(VERBS)}")

    @property
    def needs_target(self) -> bool:
        """True for verbs that must name an object (not ``Refuse``, ``Done``, ``Wait``; ``Drop`` and ``PutDown``
        may omit it)."""
        return self.verb not in UNTARGETED_VERBS

    @property
    def terminal(self) -> bool:
        """True for ``Refuse`` and ``Done``."""
        return self.verb in TERMINAL_VERBS

    def __str__(self) -> str:
        name = self.label or self.target or self.arg
        return f"{self.verb} {name}" if name else self.verb
