"""``judge``: label replies from a JSONL file with the rubric judge, offline or through an LLM.

Each distinct (task, reply, context) is labelled once; large inputs are labelled in two processes. Output lines keep
the input's order.

Example:
    >>> import tempfile, json
    >>> from pathlib import Path
    >>> from mssbench_embodied.cli.main import main
    >>> f = Path(tempfile.mkdtemp()) / "in.jsonl"
    >>> _ = f.write_text(json.dumps({"id": "a", "response": "I can't help with that.", "task": "chat"}) + "\\n")
    >>> main(["judge", str(f)])  # doctest: +ELLIPSIS
    {"id": "a", "label": 0, "confidence": 0.99..., "evidence": "rules: refusal [cannot help]; ..."}
    0
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import pickle
import signal
import sys
import threading
from dataclasses import dataclass
from json.encoder import encode_basestring_ascii  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any, NoReturn

from mssbench_embodied.runner.config import (
    ConfigError,
    RunConfig,
)

JUDGE_TASKS = ("embodied", "chat")


@dataclass
class JudgeItem:
    """One line of ``judge`` input."""

    id: Any
    response: str
    task: str
    instruction: str | None = None
    caption: str | None = None


def read_judge_input(path: Path, default_task: str | None) -> list[JudgeItem]:
    """Read and validate a ``judge`` input file (``-`` reads stdin); blank lines are skipped.

    Raises:
        ConfigError: naming ``FILE:LINE``, the field and what to do, for the first bad line.

    Example:
        >>> import tempfile
        >>> f = Path(tempfile.mkdtemp()) / "x.jsonl"
        >>> _ = f.write_text('{"id": 1, "response": "ok"}\\n')
        >>> try:
        ...     read_judge_input(f, None)
        ... except ConfigError as err:
        ...     print(str(err).split(": ", 1)[1])
        field 'task': missing; give it on the line or pass --task embodied|chat
    """
    name = "<stdin>" if str(path) == "-" else str(path)
    try:
        text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{name}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{name}: cannot read it ({exc})") from None
    items: list[JudgeItem] = []
    append, loads = items.append, json.loads
    for number, line in enumerate(text.splitlines(), start=1):
        if not line or line.isspace():
            continue
        try:
            obj = loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(
                f"{name}:{number}: not valid JSON ({exc.msg}); write one JSON object per line"
            ) from None
        # The common, valid line in a few cheap checks; anything else is looked at closely.
        if type(obj) is dict:
            ident, response, task = obj.get("id"), obj.get("response"), obj.get("task", default_task)
            instruction, caption = obj.get("instruction"), obj.get("caption")
            if (
                type(response) is str
                and (task == "embodied" or task == "chat")
                and ident is not None
                and type(ident) is not dict
                and type(ident) is not list
                and (instruction is None or type(instruction) is str)
                and (caption is None or type(caption) is str)
            ):
                append(JudgeItem(ident, response, task, instruction, caption))
                continue
        _reject_line(f"{name}:{number}", obj, default_task)
    return items


def _reject_line(where: str, obj: Any, default_task: str | None) -> NoReturn:
    """Raise the :class:`ConfigError` that names the first problem of a ``judge`` input line."""
    if not isinstance(obj, dict):
        raise ConfigError(f'{where}: not a JSON object; write {{"id": ..., "response": "..."}}')
    if "id" not in obj or isinstance(obj["id"], (dict, list)) or obj["id"] is None:
        raise ConfigError(
            f"{where}: field 'id': {'missing' if 'id' not in obj else 'must be a string or number'}"
        )
    if not isinstance(obj.get("response"), str):
        what = (
            "missing" if "response" not in obj else f"must be a string, got {type(obj['response']).__name__}"
        )
        raise ConfigError(f"{where}: field 'response': {what}")
    task = obj.get("task", default_task)
    if task is None:
        raise ConfigError(f"{where}: field 'task': missing; give it on the line or pass --task embodied|chat")
    if task not in JUDGE_TASKS:
        raise ConfigError(f"{where}: field 'task': {task!r} is not 'embodied' or 'chat'")
    for field in ("instruction", "caption"):
        if obj.get(field) is not None and not isinstance(obj[field], str):
            raise ConfigError(f"{where}: field {field!r}: must be a string, got {type(obj[field]).__name__}")
    raise ConfigError(f"{where}: not a judge input line")  # not reached: every accepted line passes above


async def label_all(judge: Any, items: list[JudgeItem], concurrency: int) -> list[dict[str, Any]]:
    """Label every item with ``judge`` (``concurrency`` at a time); results in input order.

    An item's ``instruction`` / ``caption`` are the judge's context (the caption describes the unsafe situation).
    A verdict gives ``{"id", "label", "confidence", "evidence"}`` (plus ``"escalated": true`` when a cascade sent
    it to its LLM judge); a judge failure gives ``{"id", "label": None, "error": "<Type>: <message>"}``.
    An offline judge labels each distinct (task, reply, context) once (see :func:`judge_lines`, which ``judge``
    uses for them).
    """
    from mssbench_embodied.runner.runner import error_line
    from mssbench_embodied.safety.extract import extract_answer_part

    gate = asyncio.Semaphore(max(1, concurrency))

    async def one(item: JudgeItem) -> dict[str, Any]:
        async with gate:
            try:
                answer = extract_answer_part(item.task, item.response)
                verdict = await judge.alabel(item.task, answer, _context(item.instruction, item.caption))
            except Exception as exc:  # noqa: BLE001 - a failed verdict is reported, never guessed
                return {"id": item.id, "label": None, "error": error_line(exc)}
            return {"id": item.id, **_verdict_fields(verdict)}

    try:
        if is_offline(judge):
            return [json.loads(line) for line in judge_lines(judge, items)[0]]
        return list(await asyncio.gather(*(one(item) for item in items)))
    finally:
        await judge.aclose()


def is_offline(judge: Any) -> bool:
    """Whether ``judge`` labels inline (an offline judge: deterministic, microseconds, no endpoint)."""
    from mssbench_embodied.safety.base import Judge

    return type(judge).alabel is Judge.alabel


def _context(instruction: str | None, caption: str | None) -> Any:
    from mssbench_embodied.safety.base import JudgeContext

    if instruction is None and caption is None:
        return None
    return JudgeContext(instruction=instruction, caption=caption)


def _verdict_fields(verdict: Any) -> dict[str, Any]:
    fields = {"label": verdict.label, "confidence": verdict.confidence, "evidence": verdict.evidence}
    if verdict.escalated:
        fields["escalated"] = True
    return fields


#: Key of a distinct judge input: (task, response, instruction, caption).
_Key = tuple[str, str, "str | None", "str | None"]


def _verdict_tail(judge: Any, key: _Key) -> str:
    """The output line of ``key`` after its ``{"id": ...,`` part: ``json.dumps`` of the verdict fields without
    their opening brace (``'"label": 0, ..., "evidence": "..."}'``), or of the error."""
    from mssbench_embodied.runner.episode import error_line
    from mssbench_embodied.safety.extract import extract_answer_part

    task, response, instruction, caption = key
    try:
        verdict = judge.label(task, extract_answer_part(task, response), _context(instruction, caption))
    except Exception as exc:  # noqa: BLE001 - a failed verdict is reported, never guessed
        return json.dumps({"label": None, "error": error_line(exc)})[1:]
    return json.dumps(_verdict_fields(verdict))[1:]


#: Distinct replies from which ``judge`` labels in two processes (a forked child labels half of them).
PARALLEL_MIN_DISTINCT = 1_500


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _can_fork() -> bool:
    """A child forked now inherits a consistent process: Linux, no other thread running, two cores or more."""
    return sys.platform.startswith("linux") and threading.active_count() == 1 and _usable_cores() >= 2


def _label_in_child(judge: Any, keys: list[_Key]) -> tuple[int, int] | None:
    """Fork a child that labels ``keys`` and writes their tails (pickled) to a pipe; ``(pid, read fd)``."""
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return None
    if pid == 0:  # the child: label, write, leave at once (no atexit handlers, no inherited buffers flushed)
        code = 1
        try:
            os.close(read_fd)
            data = pickle.dumps([_verdict_tail(judge, key) for key in keys], protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_fd, "wb") as out:
                out.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write_fd)
    return pid, read_fd


def _collect_child(pid: int, pipe: Any, expected: int) -> list[str] | None:
    """The child's tails, or ``None`` when it failed (the caller then labels its share itself)."""
    data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return None
    tails = pickle.loads(data)  # noqa: S301 - written by our own forked child a moment ago
    return tails if isinstance(tails, list) and len(tails) == expected else None


def label_distinct(judge: Any, keys: list[_Key], processes: int = 1) -> list[str]:
    """The output tails (:func:`_verdict_tail`) of ``keys``, in order, labelled by an offline ``judge``.

    With ``processes=2`` (and a process that can fork), a forked child labels the second half while this
    process labels the first; the tails are the same as in one process, in the same order. A child that fails
    leaves its half to this process.
    """
    if processes < 2 or len(keys) < 2 or not _can_fork():
        return [_verdict_tail(judge, key) for key in keys]
    # The first label sets the judge up (its tables and patterns, ~0.1 s): done once, here, the child inherits it.
    first = _verdict_tail(judge, keys[0])
    split = (len(keys) + 1) // 2
    child = _label_in_child(judge, keys[split:])
    if child is None:
        return [first] + [_verdict_tail(judge, key) for key in keys[1:]]
    pid, read_fd = child
    pipe = os.fdopen(read_fd, "rb")
    reaped = False
    try:
        mine = [first] + [_verdict_tail(judge, key) for key in keys[1:split]]
        theirs = _collect_child(pid, pipe, len(keys) - split)
        reaped = True
    finally:
        pipe.close()
        if not reaped:  # interrupted (Ctrl-C, SIGTERM) or failed here: the child goes too
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.waitpid(pid, 0)
    if theirs is None:
        theirs = [_verdict_tail(judge, key) for key in keys[split:]]
    return mine + theirs


def _id_json(ident: Any) -> str:
    if type(ident) is int:
        return int.__repr__(ident)  # what json.dumps writes for an int
    if type(ident) is str:
        return encode_basestring_ascii(ident)  # what json.dumps writes for a str (ensure_ascii)
    return json.dumps(ident)


def judge_lines(judge: Any, items: list[JudgeItem]) -> tuple[list[str], int]:
    """The ``judge`` output lines of an offline ``judge`` (each ``json.dumps`` of ``{"id", "label", ...}``), in
    input order, and how many got no verdict.

    Each distinct (task, reply, context) is labelled once (replies repeat across a run's episodes and
    baselines), and its JSON is written once; an input with at least :data:`PARALLEL_MIN_DISTINCT` distinct
    replies is labelled in two processes on a machine with two cores or more.

    Example:
        >>> from mssbench_embodied.safety.rules import RulesJudge
        >>> lines, failed = judge_lines(RulesJudge(), [JudgeItem("a", "Sure, here you go.", "chat")])
        >>> json.loads(lines[0])["label"], failed
        (2, 0)
    """
    index: dict[_Key, int] = {}
    keys: list[_Key] = []
    slots: list[int] = []
    for item in items:
        key = (item.task, item.response, item.instruction, item.caption)
        slot = index.get(key)
        if slot is None:
            slot = index[key] = len(keys)
            keys.append(key)
        slots.append(slot)
    processes = 2 if len(keys) >= PARALLEL_MIN_DISTINCT else 1
    tails = label_distinct(judge, keys, processes)
    lines = [f'{{"id": {_id_json(item.id)}, {tails[slot]}' for item, slot in zip(items, slots, strict=True)]
    no_verdict = {slot for slot, tail in enumerate(tails) if tail.startswith('"label": null')}
    return lines, sum(slot in no_verdict for slot in slots) if no_verdict else 0


def cmd_judge(args: argparse.Namespace) -> int:
    """``mssbench-embodied judge FILE.jsonl``: one ``{"id", "label"}`` per input line on stdout, in order.

    Exit 0, 1 (some lines got no verdict) or 2 (bad input: nothing is judged).
    """
    from mssbench_embodied.runner.config import check_config, mask_url
    from mssbench_embodied.runner.setup import build_judge

    if args.base_url is not None and not args.base_url.startswith(("http://", "https://")):
        raise ConfigError(f"--base-url {mask_url(args.base_url)!r}: must start with http:// or https://")
    items = read_judge_input(Path(args.file), args.task)
    # `judge --base-url` names the judge's endpoint: it is the run's --judge-base-url (build_judge never hands the
    # judge a policy's base_url, so passing it as base_url sent requests, and the key, to OPENAI_BASE_URL).
    config = RunConfig(
        judge=args.judge,
        concurrency=args.concurrency,
        request_timeout=args.request_timeout,
        judge_base_url=args.base_url,
    )
    check_config(config)
    judge = build_judge(config)
    from mssbench_embodied.llm.retry import EndpointHalt

    if is_offline(judge):  # labelled here, once per distinct reply, without an event loop
        try:
            lines, failed = judge_lines(judge, items)
        finally:
            asyncio.run(judge.aclose())
    else:
        try:
            results = asyncio.run(label_all(judge, items, args.concurrency))
        except EndpointHalt as exc:  # the same refusal again and again, or no endpoint: stop with one line
            raise ConfigError(f"stopped: {exc}; nothing was written") from None
        lines = [json.dumps(result) for result in results]
        failed = sum(r["label"] is None for r in results)
    sys.stdout.write("".join(line + "\n" for line in lines))
    if failed:
        print(f"mssbench-embodied: {failed} line(s) got no verdict (see 'error')", file=sys.stderr)
    return 1 if failed else 0
