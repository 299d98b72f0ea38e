"""Load and validate an MSSBench folder (the Hugging Face dataset ``kzhou35/mssbench``).

Layout (see ``docs/architecture.md``, "MSSBench data")::

    <root>/combined.json      # {"chat": [...], "embodied": [...]}; upstream code opens "combine.json", both work
    <root>/chat/...           # chat images, paths relative to chat/
    <root>/embodied/...       # embodied images, paths relative to embodied/ (may be in subfolders)

Everything is checked before anything is returned: JSON syntax, the top-level shape, every item's required fields
and their types, and every image (inside its folder, exists, PIL reads its header). Pixels are never loaded here;
:func:`mssbench_embodied.data.images.load_image_array` reads one image when it is needed.

Example:
    >>> import tempfile
    >>> from tests.mssbench_fixture import make_mssbench
    >>> data = load_mssbench(make_mssbench(Path(tempfile.mkdtemp())))
    >>> len(data.chat), len(data.embodied), data.chat[0].case_id
    (6, 4, 'chat/0')
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from mssbench_embodied.data.images import max_image_pixels
from mssbench_embodied.data.types import ChatCase, EmbodiedCase
from mssbench_embodied.data.validation import (
    DataError,
    ImageChecker,
    check_str,
    check_str_list,
    describe_type,
    problem,
)

#: Names the data file may have, in the order they are tried ("combine.json" is what the upstream code opens).
DATA_FILENAMES: tuple[str, ...] = ("combined.json", "combine.json")

#: Required chat fields: name -> kind ("text": non-empty str, "caption": any str, "list": non-empty str list,
#: "image": relative image path under chat/).
CHAT_FIELDS: dict[str, str] = {
    "safe_image_path": "image",
    "unsafe_image_path": "image",
    "intent": "text",
    "unsafe_image": "caption",
    "Type": "text",
    "queries": "list",
}

#: Required embodied fields (images under embodied/).
EMBODIED_FIELDS: dict[str, str] = {
    "task": "text",
    "category": "text",
    "safe_instruction": "text",
    "unsafe_instruction": "text",
    "safe_instructions": "list",
    "unsafe_instructions": "list",
    "safe": "image",
    "unsafe": "image",
    "observation_safe": "caption",
    "observation_unsafe": "caption",
}

_Case = TypeVar("_Case", ChatCase, EmbodiedCase)


@dataclass
class MSSBenchData:
    """A validated MSSBench folder. Holds paths and text only, never pixels.

    Attributes:
        root: The dataset folder.
        chat: Chat cases in source order (``case_id = "chat/<index in the source list>"``).
        embodied: Embodied cases in source order (``case_id = "embodied/<index>"``).
        skipped: One warning line per item dropped by ``skip_invalid=True`` (empty otherwise).
        data_file: The JSON file that was read (``combined.json`` or ``combine.json``).
    """

    root: Path
    chat: list[ChatCase]
    embodied: list[EmbodiedCase]
    skipped: list[str] = field(default_factory=list)
    data_file: Path | None = None

    def cases(self, task: str) -> list[ChatCase] | list[EmbodiedCase]:
        """The cases of one task (``"chat"`` or ``"embodied"``).

        Raises:
            ValueError: for any other task name.
        """
        if task == "chat":
            return self.chat
        if task == "embodied":
            return self.embodied
        raise ValueError(f"unknown task {task!r}: expected 'chat' or 'embodied'")


def find_data_file(root: Path) -> Path:
    """The dataset's JSON file: ``combined.json``, else ``combine.json``.

    Raises:
        DataError: when the folder does not exist or holds neither file (the message names both).

    Example:
        >>> import tempfile
        >>> try:
        ...     find_data_file(Path(tempfile.mkdtemp()))
        ... except DataError as err:
        ...     "combined.json" in str(err) and "combine.json" in str(err)
        True
    """
    if not root.exists():
        raise DataError(
            [f"{root}: folder not found (expected an MSSBench folder with combined.json, chat/, embodied/)"]
        )
    if not root.is_dir():
        raise DataError(
            [f"{root}: not a folder (expected an MSSBench folder with combined.json, chat/, embodied/)"]
        )
    for name in DATA_FILENAMES:
        candidate = root / name
        if candidate.is_file():
            return candidate
    looked = " or ".join(repr(n) for n in DATA_FILENAMES)
    raise DataError([f"{root}: no data file: looked for {looked} in this folder"])


def _read_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError([f"{path}: not UTF-8 text (byte {exc.start})"]) from None
    except OSError as exc:
        raise DataError([f"{path}: cannot read: {exc.strerror or exc}"]) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError([f"{path}: line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}"]) from None
    except RecursionError:
        raise DataError(
            [f"{path}: invalid JSON: nested too deeply (arrays or objects inside each other)"]
        ) from None
    except ValueError as exc:  # e.g. an integer longer than Python converts (sys.get_int_max_str_digits)
        raise DataError([f"{path}: invalid JSON: {' '.join(str(exc).split(';')[0].split())}"]) from None


def _top_level(data: Any, path: Path) -> tuple[list[Any], list[Any]]:
    if not isinstance(data, dict):
        raise DataError(
            [
                problem(
                    path,
                    "top level",
                    None,
                    f"expected an object with lists 'chat' and 'embodied', got {describe_type(data)}",
                )
            ]
        )
    problems: list[str] = []
    lists: dict[str, list[Any]] = {}
    for key in ("chat", "embodied"):
        if key not in data:
            problems.append(problem(path, "top level", key, f"missing (expected a list of {key} items)"))
        elif not isinstance(data[key], list):
            problems.append(
                problem(
                    path, "top level", key, f"expected a list of {key} items, got {describe_type(data[key])}"
                )
            )
        else:
            lists[key] = data[key]
    if problems:
        raise DataError(problems)
    if not lists["chat"] and not lists["embodied"]:
        raise DataError(
            [problem(path, "top level", None, "empty dataset: both 'chat' and 'embodied' are empty")]
        )
    return lists["chat"], lists["embodied"]


def _check_fields(
    item: Any, spec: Mapping[str, str], images: ImageChecker
) -> tuple[dict[str, Any], list[tuple[str | None, str]]]:
    """Check one item against a field spec. Returns (clean values, [(field, what is wrong), ...])."""
    if not isinstance(item, dict):
        return {}, [(None, f"expected an object, got {describe_type(item)}")]
    values: dict[str, Any] = {}
    errors: list[tuple[str | None, str]] = []
    for key, kind in spec.items():
        value: Any
        if kind == "list":
            value, what = check_str_list(item, key)
        else:
            value, what = check_str(item, key, allow_empty=(kind == "caption"))
            if what is None and kind == "image":
                value, what = images.check(value)
        if what is not None:
            errors.append((key, what))
        else:
            values[key] = value
    return values, errors


def _chat_case(index: int, v: dict[str, Any]) -> ChatCase:
    return ChatCase(
        case_id=f"chat/{index}",
        index=index,
        category=v["Type"],
        intent=v["intent"],
        queries=v["queries"],
        safe_image=v["safe_image_path"],
        unsafe_image=v["unsafe_image_path"],
        unsafe_caption=v["unsafe_image"],
        # MSSBench has no ground-truth caption of the safe chat image (see data/episodes.py).
        safe_caption=None,
    )


def _embodied_case(index: int, v: dict[str, Any]) -> EmbodiedCase:
    return EmbodiedCase(
        case_id=f"embodied/{index}",
        index=index,
        task_name=v["task"],
        category=v["category"],
        safe_instruction=v["safe_instruction"],
        unsafe_instruction=v["unsafe_instruction"],
        safe_instructions=v["safe_instructions"],
        unsafe_instructions=v["unsafe_instructions"],
        safe_image=v["safe"],
        unsafe_image=v["unsafe"],
        observation_safe=v["observation_safe"],
        observation_unsafe=v["observation_unsafe"],
    )


def _load_items(
    items: list[Any],
    task: str,
    spec: Mapping[str, str],
    folder: Path,
    data_file: Path,
    make: Callable[[int, dict[str, Any]], _Case],
    problems: list[str],
    skipped: list[str],
) -> list[_Case]:
    """Validate one task's items; bad ones go to ``problems`` (one line each) and ``skipped`` (one per item)."""
    images = ImageChecker(folder)
    cases: list[_Case] = []
    first_of: dict[str, int] = {}  # an item's canonical JSON -> the index of its first copy
    for index, item in enumerate(items):
        where = f"{task} item {index}"
        values, errors = _check_fields(item, spec, images)
        if not errors:
            first = first_of.setdefault(json.dumps(item, sort_keys=True), index)
            if first != index:  # the same pair twice would be counted twice
                errors = [(None, f"duplicate of {task} item {first} (every field the same); remove one")]
        if errors:
            problems.extend(problem(data_file, where, key, what) for key, what in errors)
            details = "; ".join(f"field {key!r}: {what}" if key else what for key, what in errors)
            skipped.append(f"{data_file}: {where}: skipped: {details}")
        else:
            cases.append(make(index, values))
    return cases


def load_mssbench(root: Path | str, *, skip_invalid: bool = False) -> MSSBenchData:
    """Load and validate an MSSBench folder.

    Args:
        root: Folder holding ``combined.json`` (or ``combine.json``), ``chat/`` and ``embodied/``; the path of
            the JSON file itself is accepted too.
        skip_invalid: Drop invalid items and record one warning line per dropped item in ``.skipped``
            instead of raising. Problems with the file as a whole (missing, bad JSON, wrong shape, missing image
            folder, nothing valid left) always raise.

    Returns:
        The validated cases; case ids use the index in the source list, so they stay stable when other items
        are skipped. An item identical to an earlier one of its task is a problem like an invalid one
        (``skip_invalid`` keeps the first copy).

    Raises:
        DataError: listing every problem, one line each (``FILE: ITEM: field 'X': what is wrong``).

    Example:
        >>> import tempfile
        >>> from tests.mssbench_fixture import make_mssbench
        >>> data = load_mssbench(make_mssbench(Path(tempfile.mkdtemp()), n_chat=2, n_embodied=1))
        >>> [c.case_id for c in data.chat], data.embodied[0].category, data.skipped
        (['chat/0', 'chat/1'], 'personal property damage', [])
    """
    max_image_pixels()  # a bad MSSBENCH_MAX_IMAGE_PIXELS is one line, not one per image
    root = Path(root).expanduser().absolute()
    if root.suffix == ".json" and root.is_file():  # the data file itself was given: its folder is the root
        root, data_file = root.parent, root
    else:
        data_file = find_data_file(root)
    chat_items, embodied_items = _top_level(_read_json(data_file), data_file)

    missing = [
        f"{root / task}: image folder not found (the {len(items)} {task} items need it)"
        for task, items in (("chat", chat_items), ("embodied", embodied_items))
        if items and not (root / task).is_dir()
    ]
    if missing:
        raise DataError(missing)

    problems: list[str] = []
    skipped: list[str] = []
    chat = _load_items(
        chat_items, "chat", CHAT_FIELDS, root / "chat", data_file, _chat_case, problems, skipped
    )
    embodied = _load_items(
        embodied_items,
        "embodied",
        EMBODIED_FIELDS,
        root / "embodied",
        data_file,
        _embodied_case,
        problems,
        skipped,
    )
    if problems and not skip_invalid:
        raise DataError(problems)
    if not chat and not embodied:
        total = len(chat_items) + len(embodied_items)
        raise DataError([f"{data_file}: no valid items: all {total} items are invalid", *skipped])
    return MSSBenchData(root=root, chat=chat, embodied=embodied, skipped=skipped, data_file=data_file)
