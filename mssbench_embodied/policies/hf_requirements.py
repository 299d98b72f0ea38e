"""What an ``hf:`` checkpoint needs beyond torch and transformers, and load failures explained in one line.

transformers 5.x builds the video processor of Qwen2-VL, Qwen2.5-VL, LLaVA-OneVision, InternVL3 and SmolVLM2 even
for image-only use, and that needs ``torchvision``; SmolVLM's processor needs ``num2words``;
``attn_implementation: flash_attention_2`` needs ``flash-attn``. transformers reports these as an ``ImportError`` (or
a ``ValueError``) deep inside ``from_pretrained``; :func:`explain_load_failure` turns any load failure into one line
that names the missing package and how to install it. Nothing here imports torch or transformers at module level.

Example:
    >>> torchvision_install_hint("2.5.1+cu124")
    "pip install 'torch==2.5.1' 'torchvision==0.20.*' --index-url https://download.pytorch.org/whl/cu124"
    >>> torchvision_install_hint("2.6.0")
    "pip install 'torch==2.6.0' 'torchvision==0.21.*'"
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

#: Import name -> how to install it (torchvision's hint depends on the installed torch: see
#: :func:`torchvision_install_hint`).
INSTALL = {
    "num2words": "pip install num2words (SmolVLM and SmolVLM2 processors spell numbers out with it)",
    "flash_attn": (
        "pip install flash-attn --no-build-isolation (needs CUDA), or set attn_implementation: sdpa"
    ),
    "accelerate": "pip install accelerate (device_map needs it)",
}

#: Processor classes (as a checkpoint's config names them) -> what they need beyond torch and transformers in
#: transformers 5.x: their video processor needs torchvision even for images; SmolVLM's spells numbers out.
PROCESSOR_NEEDS = {
    "Qwen2VLProcessor": ("torchvision",),
    "Qwen2_5_VLProcessor": ("torchvision",),
    "LlavaOnevisionProcessor": ("torchvision",),
    "InternVLProcessor": ("torchvision",),
    "SmolVLMProcessor": ("torchvision", "num2words"),
}

_PYTORCH_PAGE = "https://pytorch.org/get-started/locally/"
_NOT_FOUND = re.compile(r"packages that were not found in your environment: ([\w\-, .]+?)\.?(?:\s|$)")


def torchvision_install_hint(torch_version: str | None = None) -> str:
    """A pip command installing the torchvision build that matches the installed torch (CPU/CUDA/ROCm).

    torch is pinned in the same command, so pip cannot swap it for another build; the index is PyTorch's own
    for the build suffix of the installed torch (``+cu124``, ``+cpu``, ``+rocm6.2``), PyPI when it has none.

    Args:
        torch_version: ``torch.__version__`` (default: read from the installed torch, without importing it).
    """
    version = torch_version or _installed_version("torch")
    match = re.fullmatch(r"2\.(\d+)\.(\d+)(?:[a-z]+\d*)?(?:\+([\w.]+))?", version or "")
    if match is None:
        return f"install the torchvision build matching your torch ({version or 'not found'}) and CUDA: {_PYTORCH_PAGE}"
    minor, patch, build = match.groups()
    command = f"pip install 'torch==2.{minor}.{patch}' 'torchvision==0.{int(minor) + 15}.*'"
    return command + (f" --index-url https://download.pytorch.org/whl/{build}" if build else "")


def install_hint(package: str) -> str:
    """How to install one missing import name (``torchvision``, ``num2words``, ``flash_attn``, ...)."""
    if package == "torchvision":
        return torchvision_install_hint()
    return INSTALL.get(package, f"pip install {package.replace('_', '-')}")


def missing_packages(names: list[str] | tuple[str, ...]) -> list[str]:
    """The import names among ``names`` that cannot be imported (checked without importing them).

    Example:
        >>> missing_packages(["json", "surely_not_installed_pkg"])
        ['surely_not_installed_pkg']
    """
    missing = []
    for name in names:
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            missing.append(name)
    return missing


def describe_missing(missing: list[str]) -> str:
    """One clause naming missing packages and how to install each.

    Example:
        >>> describe_missing(["num2words"])
        'needs num2words, which is not installed: pip install num2words (SmolVLM and SmolVLM2 processors spell numbers out with it)'
    """
    hints = "; ".join(f"{install_hint(name)}" for name in missing)
    return f"needs {', '.join(missing)}, which {'is' if len(missing) == 1 else 'are'} not installed: {hints}"


def explain_load_failure(
    model_id: str, stage: str, exc: BaseException, *, trust_remote_code: bool, revision: str | None = None
) -> str:
    """One line for a failed ``from_pretrained``: the missing package and its install command, CUDA out of
    memory, a checkpoint that runs its own code, or the exception's first line.

    Args:
        model_id: Hub id or folder (named in the line as ``hf:<model_id>``).
        stage: What was being loaded (``"processor"`` or ``"model"``).
        exc: The exception.
        trust_remote_code: Whether remote code was allowed (the hint to allow it is given only when it is off
            and the checkpoint declares its own code).
        revision: Hub revision, to look at the right cached files.

    Example:
        >>> explain_load_failure("m", "processor", ImportError("x", name="num2words"), trust_remote_code=False)
        'hf:m: the processor needs num2words, which is not installed: pip install num2words (SmolVLM and SmolVLM2 processors spell numbers out with it)'
    """
    where = f"hf:{model_id}: the {stage}"
    text = str(exc)
    lowered = text.lower()
    missing = _missing_from(exc, lowered)
    if missing:  # name everything the checkpoint needs at once (SmolVLM2: torchvision, then num2words)
        missing += [n for n in missing_packages(checkpoint_needs(model_id, revision)) if n not in missing]
        return f"{where} {describe_missing(missing)}"
    if "torchvision" in lowered:  # installed (else it would be missing above) but built for another torch
        return (
            f"{where}: torchvision is installed but does not work with this torch ({_first_line(exc)}); install "
            f"the matching build: {torchvision_install_hint()}"
        )
    if type(exc).__name__ == "OutOfMemoryError" or "out of memory" in lowered:
        return (
            f"{where}: out of GPU memory ({_first_line(exc)}); use dtype: bfloat16, device_map: auto over more GPUs, "
            "or a smaller model"
        )
    detail = f"cannot load the {stage}: {type(exc).__name__}: {_first_line(exc)}"
    if not trust_remote_code and ("trust_remote_code" in text or declares_remote_code(model_id, revision)):
        return (
            f"hf:{model_id}: the checkpoint runs its own code: set trust_remote_code: true, only for a checkpoint "
            f"you trust ({detail})"
        )
    return f"hf:{model_id}: {detail}"


def _missing_from(exc: BaseException, lowered: str) -> list[str]:
    """Import names an exception says are missing (in the order it names them)."""
    found: list[str] = []
    listed = _NOT_FOUND.search(str(exc))
    if listed:  # transformers' remote-code import check lists them all
        found = [n.strip().replace("-", "_") for n in listed.group(1).split(",") if n.strip()]
    name = getattr(exc, "name", None) if isinstance(exc, ImportError) else None
    if name:
        found.append(str(name).split(".")[0])
    for known in ("torchvision", "num2words", "flash_attn"):
        if known in lowered or known.replace("_", "-") in lowered:
            found.append(known)
    unique = list(dict.fromkeys(found))
    return [n for n in unique if n in missing_packages(unique)]


def checkpoint_needs(model_id: str, revision: str | None = None) -> tuple[str, ...]:
    """Packages the checkpoint's processor class needs (:data:`PROCESSOR_NEEDS`), read from its config files
    when they are local or already in the Hub cache (no network); ``()`` when unknown.

    Example:
        >>> checkpoint_needs("/no/such/folder")
        ()
    """
    for name in ("processor_config.json", "preprocessor_config.json", "tokenizer_config.json"):
        data = _read_json(model_id, name, revision)
        processor_class = data.get("processor_class")
        if isinstance(processor_class, str) and processor_class in PROCESSOR_NEEDS:
            return PROCESSOR_NEEDS[processor_class]
    return ()


def declares_remote_code(model_id: str, revision: str | None = None) -> bool:
    """Whether the checkpoint's config files (local, or already in the Hub cache) name code of their own
    (an ``auto_map``); reads no network."""
    names = ("config.json", "processor_config.json", "preprocessor_config.json", "tokenizer_config.json")
    return any(_read_json(model_id, name, revision).get("auto_map") for name in names)


def _read_json(model_id: str, name: str, revision: str | None) -> dict[str, Any]:
    """One of the checkpoint's JSON files, local or cached; ``{}`` when absent or unreadable."""
    path = _local_file(model_id, name, revision)
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _local_file(model_id: str, name: str, revision: str | None) -> Path | None:
    folder = Path(model_id).expanduser()
    if folder.is_dir():
        return folder / name if (folder / name).is_file() else None
    try:
        from huggingface_hub import try_to_load_from_cache

        cached = try_to_load_from_cache(model_id, name, revision=revision)
    except Exception:  # noqa: BLE001 - no hub client, or an id it rejects: nothing cached to read
        return None
    return Path(cached) if isinstance(cached, str) else None


def _installed_version(name: str) -> str | None:
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _first_line(exc: BaseException) -> str:
    """The first line of the message, with the next one when it only introduces it (ends with ':')."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__
    text = f"{lines[0]} {lines[1]}" if lines[0].endswith(":") and len(lines) > 1 else lines[0]
    return text[:200]
