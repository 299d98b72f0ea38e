"""MSSBench from the Hugging Face Hub: ``--data hf:kzhou35/mssbench[@REVISION]``.

:func:`resolve_hub_data` downloads the dataset repository with ``huggingface_hub`` into its standard cache
(``HF_HUB_CACHE``, else ``HF_HOME/hub``, else ``~/.cache/huggingface/hub``) and returns the local snapshot folder,
which is then validated exactly as a local ``--data`` folder is, and the commit it resolved to, which a run records
in ``run.json``. With ``HF_HUB_OFFLINE=1`` it reads the cache only, and says in one line how to fill it when the
revision is not there. Needs ``huggingface_hub`` (``pip install 'mssbench-embodied[hub]'``), imported only here.

Example:
    >>> parse_hub_spec("hf:kzhou35/mssbench@v2")
    ('kzhou35/mssbench', 'v2')
    >>> parse_hub_spec("hf:kzhou35/mssbench")
    ('kzhou35/mssbench', None)
    >>> is_hub_spec("hf:kzhou35/mssbench"), is_hub_spec("~/data/mssbench")
    (True, False)
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mssbench_embodied.data.errors import ConfigError
from mssbench_embodied.data.mssbench import DATA_FILENAMES

HUB_PREFIX = "hf:"
_REPO_RE = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
_TRUE = ("1", "true", "yes", "on")


@dataclass(frozen=True)
class HubData:
    """A dataset snapshot in the local Hugging Face cache.

    Attributes:
        spec: What was asked for (``"hf:kzhou35/mssbench@v2"``).
        repo_id: The dataset repository. requested: The revision asked for (``None``: the default branch).
        revision: The commit it resolved to (40 hex digits). path: The MSSBench folder inside the snapshot.
    """

    spec: str
    repo_id: str
    requested: str | None
    revision: str
    path: Path


def is_hub_spec(data: Any) -> bool:
    """Whether ``data`` names a Hub dataset (``hf:owner/name[@revision]``) rather than a local folder."""
    return data is not None and str(data).startswith(HUB_PREFIX)


def parse_hub_spec(spec: str) -> tuple[str, str | None]:
    """``(repo_id, revision or None)`` of ``hf:owner/name[@revision]``.

    Raises:
        ConfigError: not of that form.
    """
    body = str(spec)[len(HUB_PREFIX) :]
    repo_id, _, revision = body.partition("@")
    if not _REPO_RE.match(repo_id) or (revision == "" and "@" in body):
        raise ConfigError(
            f"--data {spec}: use hf:OWNER/NAME or hf:OWNER/NAME@REVISION (e.g. hf:kzhou35/mssbench)"
        )
    return repo_id, revision or None


def hub_cache_dir() -> Path:
    """The cache ``huggingface_hub`` uses, read from the environment now (``HF_HUB_CACHE``, ``HF_HOME``)."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    home = os.environ.get("HF_HOME") or os.path.join(
        os.environ.get("XDG_CACHE_HOME", "~/.cache"), "huggingface"
    )
    return Path(home).expanduser() / "hub"


def _offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in _TRUE


def find_mssbench_root(snapshot: Path) -> Path:
    """The folder holding ``combined.json`` (or ``combine.json``) in a snapshot: its top, or one folder down.

    Raises:
        ConfigError: no such folder (the snapshot is not an MSSBench layout).
    """
    candidates = [
        snapshot,
        *sorted(p for p in snapshot.iterdir() if p.is_dir() and not p.name.startswith(".")),
    ]
    for folder in candidates:
        if any((folder / name).is_file() for name in DATA_FILENAMES):
            return folder
    looked = " or ".join(DATA_FILENAMES)
    raise ConfigError(f"{snapshot}: the dataset snapshot holds no {looked} at its top or one folder down")


def resolve_hub_data(spec: str) -> HubData:
    """Download (or, offline, find in the cache) the dataset ``spec`` names; the MSSBench folder and its commit.

    Raises:
        ConfigError: a malformed spec, ``huggingface_hub`` missing, the repository or revision unknown, no network
            and no cached copy, or a snapshot that is not an MSSBench layout. One line each.
    """
    repo_id, requested = parse_hub_spec(spec)
    try:
        from huggingface_hub import snapshot_download
        from huggingface_hub.errors import HfHubHTTPError, LocalEntryNotFoundError
    except ImportError:
        raise ConfigError(
            f"--data {spec}: needs huggingface_hub, which is not installed: pip install 'mssbench-embodied[hub]'"
        ) from None
    cache = hub_cache_dir()
    offline = _offline()
    get = f"huggingface-cli download {repo_id} --repo-type dataset" + (
        f" --revision {requested}" if requested else ""
    )
    try:
        folder = snapshot_download(
            repo_id, repo_type="dataset", revision=requested, cache_dir=str(cache), local_files_only=offline
        )
    except LocalEntryNotFoundError:
        why = "HF_HUB_OFFLINE is set" if offline else "the Hub cannot be reached"
        raise ConfigError(
            f"--data {spec}: not in the Hugging Face cache {cache} and {why}; fetch it once where the Hub is "
            f"reachable ({get}, same HF_HUB_CACHE), or give a local folder with --data DIR"
        ) from None
    except (HfHubHTTPError, OSError, ValueError) as exc:
        reason = " ".join(str(exc).split())[:300] or type(exc).__name__
        raise ConfigError(f"--data {spec}: cannot download it ({reason})") from None
    snapshot = Path(folder)
    return HubData(spec, repo_id, requested, snapshot.name, find_mssbench_root(snapshot))


__all__ = [
    "HUB_PREFIX",
    "HubData",
    "find_mssbench_root",
    "hub_cache_dir",
    "is_hub_spec",
    "parse_hub_spec",
    "resolve_hub_data",
]
