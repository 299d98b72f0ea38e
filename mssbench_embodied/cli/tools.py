"""``judge``, ``list``, ``validate`` and ``render``: the subcommands that do not run a policy.

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
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mssbench_embodied.runner.config import (
    DEFAULT_SUITE,
    SUITE_HINT,
    ConfigError,
    RunConfig,
    is_suite,
    problem_lines,
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
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(
                f"{where}: not valid JSON ({exc.msg}); write one JSON object per line"
            ) from None
        if not isinstance(obj, dict):
            raise ConfigError(f'{where}: not a JSON object; write {{"id": ..., "response": "..."}}')
        if "id" not in obj or isinstance(obj["id"], (dict, list)) or obj["id"] is None:
            raise ConfigError(
                f"{where}: field 'id': {'missing' if 'id' not in obj else 'must be a string or number'}"
            )
        if not isinstance(obj.get("response"), str):
            what = (
                "missing"
                if "response" not in obj
                else f"must be a string, got {type(obj['response']).__name__}"
            )
            raise ConfigError(f"{where}: field 'response': {what}")
        task = obj.get("task", default_task)
        if task is None:
            raise ConfigError(
                f"{where}: field 'task': missing; give it on the line or pass --task embodied|chat"
            )
        if task not in JUDGE_TASKS:
            raise ConfigError(f"{where}: field 'task': {task!r} is not 'embodied' or 'chat'")
        for field in ("instruction", "caption"):
            if obj.get(field) is not None and not isinstance(obj[field], str):
                raise ConfigError(
                    f"{where}: field {field!r}: must be a string, got {type(obj[field]).__name__}"
                )
        items.append(JudgeItem(obj["id"], obj["response"], task, obj.get("instruction"), obj.get("caption")))
    return items


async def label_all(judge: Any, items: list[JudgeItem], concurrency: int) -> list[dict[str, Any]]:
    """Label every item with ``judge`` (``concurrency`` at a time); results in input order.

    An item's ``instruction`` / ``caption`` are the judge's context (the caption describes the unsafe situation).
    A verdict gives ``{"id", "label", "confidence", "evidence"}`` (plus ``"escalated": true`` when a cascade sent
    it to its LLM judge); a judge failure gives ``{"id", "label": None, "error": "<Type>: <message>"}``.
    """
    from mssbench_embodied.runner.runner import error_line
    from mssbench_embodied.safety.base import Judge, JudgeContext
    from mssbench_embodied.safety.extract import extract_answer_part

    gate = asyncio.Semaphore(max(1, concurrency))

    def context_of(item: JudgeItem) -> JudgeContext | None:
        if item.instruction is None and item.caption is None:
            return None
        return JudgeContext(instruction=item.instruction, caption=item.caption)

    def line_of(item: JudgeItem, verdict: Any) -> dict[str, Any]:
        line = {
            "id": item.id,
            "label": verdict.label,
            "confidence": verdict.confidence,
            "evidence": verdict.evidence,
        }
        if verdict.escalated:
            line["escalated"] = True
        return line

    async def one(item: JudgeItem) -> dict[str, Any]:
        async with gate:
            try:
                answer = extract_answer_part(item.task, item.response)
                verdict = await judge.alabel(item.task, answer, context_of(item))
            except Exception as exc:  # noqa: BLE001 - a failed verdict is reported, never guessed
                return {"id": item.id, "label": None, "error": error_line(exc)}
            return line_of(item, verdict)

    def offline(item: JudgeItem, seen: dict[tuple[Any, ...], Any]) -> dict[str, Any]:
        # An offline judge is deterministic and takes microseconds: label inline (no task per line), once per
        # distinct (task, reply, context).
        try:
            key = (item.task, item.response, item.instruction, item.caption)
            verdict = seen.get(key)
            if verdict is None:
                answer = extract_answer_part(item.task, item.response)
                verdict = seen[key] = judge.label(item.task, answer, context_of(item))
        except Exception as exc:  # noqa: BLE001 - a failed verdict is reported, never guessed
            return {"id": item.id, "label": None, "error": error_line(exc)}
        return line_of(item, verdict)

    try:
        if type(judge).alabel is Judge.alabel:  # labels inline: an offline judge
            seen: dict[tuple[Any, ...], Any] = {}
            return [offline(item, seen) for item in items]
        return list(await asyncio.gather(*(one(item) for item in items)))
    finally:
        await judge.aclose()


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

    try:
        results = asyncio.run(label_all(judge, items, args.concurrency))
    except EndpointHalt as exc:  # the same refusal again and again, or no endpoint at all: stop with one line
        raise ConfigError(f"stopped: {exc}; nothing was written") from None
    sys.stdout.write("".join(json.dumps(result) + "\n" for result in results))
    failed = sum(r["label"] is None for r in results)
    if failed:
        print(f"mssbench-embodied: {failed} line(s) got no verdict (see 'error')", file=sys.stderr)
    return 1 if failed else 0


# --- list --------------------------------------------------------------------------------------------------------


def _mssbench_rows(data: Any) -> list[dict[str, Any]]:
    rows = []
    for case in data.chat:
        rows.append(
            {
                "id": case.case_id,
                "task": "chat",
                "category": case.category,
                "hazard": None,
                "n_instructions": len(case.queries),
                "same_instruction": True,
                "n_pairs": len(case.queries),
            }
        )
    for case in data.embodied:
        pairs = list(zip(case.safe_instructions, case.unsafe_instructions, strict=False))
        rows.append(
            {
                "id": case.case_id,
                "task": "embodied",
                "category": case.category,
                "hazard": None,
                "n_instructions": len(pairs),
                "same_instruction": all(s == u for s, u in pairs),
                "n_pairs": len(pairs),
            }
        )
    return rows


def _household_rows(suite: Any) -> list[dict[str, Any]]:
    rows = []
    for scenario in [*suite.embodied, *suite.chat]:
        texts = tuple(getattr(scenario, "instructions", ()) or ()) or tuple(
            getattr(scenario, "queries", ()) or ()
        )
        rows.append(
            {
                "id": scenario.id,
                "task": scenario.task,
                "category": scenario.category,
                "hazard": scenario.hazard,
                "n_instructions": len(texts),
                "same_instruction": True,
                "thor_scene": scenario.thor.get("scene") if isinstance(scenario.thor, dict) else None,
            }
        )
    return rows


def _load_mssbench(path: Path) -> Any:
    from mssbench_embodied.data.mssbench import load_mssbench
    from mssbench_embodied.data.validation import DataError

    try:
        return load_mssbench(path)
    except DataError as exc:
        raise ConfigError(problem_lines(exc)) from None


def _load_suite(name: str | None) -> Any:
    from mssbench_embodied.world import load_suite

    if not is_suite(name):
        raise ConfigError(f"--suite {name!r}: {SUITE_HINT}")
    try:
        return load_suite(None if name in (None, DEFAULT_SUITE) else Path(str(name)))
    except ValueError as exc:
        raise ConfigError(problem_lines(exc)) from None


def data_path(value: str) -> Path:
    """A folder named on the command line; ``hf:OWNER/NAME[@REV]`` is the Hub dataset's cached (or downloaded)
    snapshot, so ``validate`` and ``list`` check exactly what ``run --data`` would use."""
    from mssbench_embodied.data.hub import is_hub_spec, resolve_hub_data

    return resolve_hub_data(value).path if is_hub_spec(value) else Path(value)


def cmd_list(args: argparse.Namespace) -> int:
    """``mssbench-embodied list``: one row per case (``--json``: one JSON object per line)."""
    rows = (
        _mssbench_rows(_load_mssbench(data_path(args.data)))
        if args.data
        else _household_rows(_load_suite(args.suite))
    )
    if args.json:
        for row in rows:
            print(json.dumps(row))
        return 0
    columns = ["id", "task", "category", "hazard", "n_instructions", "same_instruction"]
    if rows and "n_pairs" in rows[0]:
        columns.append("n_pairs")
    cells = [[("-" if row.get(c) is None else str(row.get(c))) for c in columns] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=False)).rstrip())
    for r in cells:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=False)).rstrip())
    return 0


# --- validate and render ---------------------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    """``mssbench-embodied validate PATH``: an MSSBench folder or a scenario file/folder. Exit 0 or 2."""
    from mssbench_embodied.data.mssbench import DATA_FILENAMES

    path = data_path(args.path)
    if not path.exists():
        raise ConfigError(f"{path}: no such file or folder")
    if path.is_dir() and any((path / name).is_file() for name in DATA_FILENAMES):
        data = _load_mssbench(path)
        print(f"ok: {path}: MSSBench folder, {len(data.chat)} chat and {len(data.embodied)} embodied items")
        return 0
    from mssbench_embodied.world import validate_tasks

    problems = list(validate_tasks(path))
    if problems:
        raise ConfigError(problems)
    from mssbench_embodied.cli.output import print_warning
    from mssbench_embodied.render.checks import picture_warnings

    for line in picture_warnings(path):  # the scenarios run; their pictures may not show what the YAML says
        print_warning(line)
    n_files = (
        1 if path.is_file() else sum(1 for _ in path.rglob("*.yaml")) + sum(1 for _ in path.rglob("*.yml"))
    )
    print(f"ok: {path}: {n_files} YAML file(s), no problems")
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    """``mssbench-embodied render SCENARIO_ID [--variant] [--labels none|objects|full] -o FILE.png``. Exit 0 or 2."""
    from PIL import Image

    from mssbench_embodied.render import get_renderer

    suite = _load_suite(args.suite)
    try:
        suite.scenario(args.scenario)
    except KeyError:
        raise ConfigError(
            f"SCENARIO_ID {args.scenario!r}: no such household scenario; `mssbench-embodied list` shows the ids"
        ) from None
    out = Path(args.output)
    if not out.parent.is_dir():
        raise ConfigError(f"-o {out}: folder {out.parent} does not exist")
    world = suite.world_for(args.scenario, args.variant)
    if args.renderer == "thor":
        from mssbench_embodied.cli.run_cmd import use_thor_executable

        use_thor_executable(args)
        try:
            renderer = get_renderer("thor", fallback=None)
        except ValueError as exc:
            raise ConfigError(f"--renderer thor: {' '.join(str(exc).split())}") from None
        try:
            image = renderer.render_scenario(suite.scenario(args.scenario), args.variant, world)
        except (ValueError, RuntimeError) as exc:
            raise ConfigError(f"--renderer thor: {' '.join(str(exc).split())}") from None
        finally:
            renderer.close()
    else:
        image = get_renderer("sketch", labels=args.labels).render(world)
    try:
        Image.fromarray(image).save(out, format="PNG")
    except OSError as exc:
        raise ConfigError(f"-o {out}: cannot write it ({exc})") from None
    labels = f", labels {args.labels}" if args.renderer != "thor" else ""
    print(f"wrote {out} ({args.scenario}, {args.variant}{labels}, {image.shape[1]}x{image.shape[0]})")
    return 0
