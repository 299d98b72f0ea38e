"""A run's folder: ``run.json`` (the configuration, never an API key), what may be written where, and whether a
folder may be resumed.

``run.json`` records the configuration (credentials in ``--base-url`` are masked) and the data's content
fingerprint, so that a resumed run refuses another policy, judge, setting or changed data.

Example:
    >>> from mssbench_embodied.runner.config import RunConfig
    >>> cfg = RunConfig(setting="qc", shard="1/2", out=Path("runs/x"))
    >>> run_config_dict(cfg)["setting"], run_config_dict(cfg)["shard"]
    ('qc', '1/2')
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from mssbench_embodied.data.errors import ConfigError
from mssbench_embodied.runner.config import DEFAULT_SUITE, IDENTITY_KEYS, RUN_FILE, RunConfig, mask_url

#: What a run writes in its folder; ``run.lock`` alone (a run stopped before it wrote anything) is still "empty".
RUN_FILE_NAMES: tuple[str, ...] = ("results.jsonl", "summary.json", RUN_FILE, "report.html", "report.md")
_EMPTY_FOLDER_NAMES = ("run.lock",)


def is_run_folder(out: Path) -> bool:
    """Whether ``out`` holds a run of ours: a readable ``run.json`` with its ``config`` and ``invocations``, and a
    ``results.jsonl`` (if any) whose first record is one of ours.

    Example:
        >>> is_run_folder(Path("/nonexistent"))
        False
    """
    run = read_run_file(out)
    if run is None or not isinstance(run.get("config"), dict) or not isinstance(run.get("invocations"), list):
        return False
    try:
        with (out / "results.jsonl").open("rb") as fh:
            first = fh.readline(1 << 20).strip()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    if not first:
        return True
    try:
        record = json.loads(first)
    except ValueError:
        return not first.endswith(b"}")  # a first line cut by a kill is still ours; garbage is not
    return isinstance(record, dict) and {"episode_id", "prompt_hash", "policy"} <= set(record)


def _foreign_entries(out: Path) -> list[str]:
    names = []
    for entry in out.iterdir():
        if entry.name in _EMPTY_FOLDER_NAMES or entry.name.startswith(".write-probe-"):
            continue
        names.append(entry.name)
        if len(names) >= 3:
            break
    return sorted(names)


def check_out_dir(out: Path) -> None:
    """Check that ``out`` is, or can be created as, a writable folder that is empty or one of our runs, and that no
    other run is writing it now. Creates nothing.

    Raises:
        ConfigError: when it is a file, holds files that are not a run of ours (we would overwrite or append to
            them), is locked by a live run, or it (or its nearest existing parent) is not writable.
    """
    if out.exists() and not out.is_dir():
        raise ConfigError(f"--out {out}: is a file, not a folder; choose a folder for the run's results")
    if out.is_dir():
        try:
            foreign = _foreign_entries(out)
        except OSError as exc:
            raise ConfigError(f"--out {out}: cannot list it ({exc.strerror or exc})") from None
        if foreign and not is_run_folder(out):
            raise ConfigError(
                f"--out {out}: holds files that are not a mssbench-embodied run (e.g. {foreign[0]!r}) and nothing "
                "was written there; choose a new or empty folder, or the folder of an earlier run to resume it"
            )
        from mssbench_embodied.runner.lock import RunLock

        RunLock.check_free(out)
    existing = out
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise ConfigError(f"--out {out}: {existing} is a file, not a folder; choose another --out")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise ConfigError(f"--out {out}: {existing} is not writable; choose another --out")


def make_out_dir(out: Path) -> None:
    """Create ``out`` (and parents) and prove a file can be written there.

    Raises:
        ConfigError: when that fails (read-only file system, permissions, ...).
    """
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / f".write-probe-{os.getpid()}"
        probe.write_text("ok", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        raise ConfigError(
            f"--out {out}: cannot write there ({exc.strerror or exc}); choose another folder"
        ) from None


def run_config_dict(config: RunConfig) -> dict[str, Any]:
    """The configuration as written to ``run.json`` (JSON-able, no secrets)."""
    shard = config.shard_spec
    return {
        "data": str(config.data) if config.data is not None else None,
        "data_spec": config.data_spec,
        "data_revision": config.data_revision,
        "suite": None if config.data is not None else (config.suite or DEFAULT_SUITE),
        "task": config.task,
        "setting": config.setting,
        "policy": config.policy,
        "judge": config.judge,
        "renderer": config.renderer,
        "labels": config.labels,
        "out": str(config.out) if config.out is not None else None,
        "concurrency": config.concurrency,
        "limit": config.limit,
        "seed": config.seed,
        "request_timeout": config.request_timeout,
        "base_url": mask_url(config.base_url),
        "judge_base_url": mask_url(config.judge_base_url),
        "batch_size": config.batch_size,
        "executor": config.executor,
        "replicas": config.replicas,
        "gpus_per_replica": config.gpus_per_replica,
        "shard": str(shard) if shard else None,
        "skip_invalid": config.skip_invalid,
        "policy_options": _jsonable(config.policy_options),
        "judge_options": _jsonable(config.judge_options),
        "mode": config.mode,
        "max_steps": config.max_steps if config.mode == "interactive" else None,
        "history": config.history if config.mode == "interactive" else None,
    }


_SECRET_WORDS = ("key", "token", "secret", "password", "authorization")


def _jsonable(options: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in options.items():
        if any(word in key.lower() for word in _SECRET_WORDS):
            out[key] = "***"
        elif isinstance(value, (str, int, float, bool)) or value is None:
            out[key] = value
        else:
            out[key] = repr(value)
    return out


def read_run_file(out: Path) -> dict[str, Any] | None:
    """``out/run.json`` as a dict, or ``None`` if missing or unreadable."""
    path = out / RUN_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_run_file(out: Path, data: dict[str, Any]) -> None:
    """Write ``out/run.json`` atomically."""
    path = out / RUN_FILE
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)  # a failed write (disk full) leaves the old run.json and no .tmp behind
        raise


def data_fingerprint(config: RunConfig) -> str | None:
    """The content fingerprint of the run's data (``--data`` folder, or the suite's scenario folder); resume and
    ``merge`` compare it instead of the path, which may be spelled differently for the same data.

    Raises:
        ConfigError: a file of the data cannot be read.
    """
    from mssbench_embodied.data.fingerprint import fingerprint_folder

    if config.data is not None:
        folder, flag = Path(config.data), f"--data {config.data}"
    elif config.suite in (None, DEFAULT_SUITE):
        from mssbench_embodied.resources import resource_dir

        folder, flag = resource_dir("tasks"), f"--suite {DEFAULT_SUITE}"
    else:
        folder, flag = Path(str(config.suite)), f"--suite {config.suite}"
    if not folder.is_dir():
        return None
    try:
        return fingerprint_folder(folder)
    except OSError as exc:
        raise ConfigError(f"{flag}: cannot read {exc.filename or folder} ({exc.strerror or exc})") from None


def check_resumable(out: Path, config: RunConfig) -> None:
    """Refuse to resume into a folder that holds a run of another policy, judge, setting, suite, renderer or
    label mode (household images only), or of data whose content changed since (by fingerprint, not by path).

    Raises:
        ConfigError: naming the differing option and the two ways out.
    """
    previous = read_run_file(out)
    if previous is None or not isinstance(previous.get("config"), dict):
        return
    old = previous["config"]
    new = run_config_dict(config)
    if (
        old.get("suite") and "labels" not in old
    ):  # household runs from before label modes drew detailed labels
        old = {**old, "labels": "full"}
    for key in IDENTITY_KEYS:
        if key == "labels" and new["suite"] is None:  # MSSBench images are files: labels do not apply
            continue
        if key in old and old[key] != new[key]:
            raise ConfigError(
                f"--out {out}: holds a run with {key} {old[key]!r}, not {new[key]!r}; "
                "choose another --out, or pass --no-resume to start over there (old results are kept as a backup)"
            )
    recorded = previous.get("data_fingerprint")
    current = data_fingerprint(config) if isinstance(recorded, str) else None
    if current is not None and current != recorded:
        what = f"--data {config.data}" if config.data is not None else f"--suite {new['suite']}"
        raise ConfigError(
            f"{what}: its content changed since the run in --out {out} started (fingerprint {recorded} is now "
            f"{current}), so its records came from other data; choose another --out, or pass --no-resume to "
            "start over there"
        )
