"""Model presets: ``models/<name>.yaml`` files that name a backend, a model and its settings.

``--policy gpt-4o`` resolves ``models/gpt-4o.yaml`` to ``openai:gpt-4o`` plus the preset's options; explicit
options (CLI flags) override the preset's. A preset file looks like::

    name: qwen2.5-vl-7b             # optional; must equal the file name when given
    backend: hf                     # hf | openai
    model: Qwen/Qwen2.5-VL-7B-Instruct
    paper: false                    # evaluated in the MSSBench paper?
    options: {dtype: bfloat16, max_new_tokens: 512}
    notes: Free text: where the weights come from, licences, how to serve it.

Example:
    >>> spec, options = resolve_preset("gpt-4o")
    >>> spec, options["temperature"]
    ('openai:gpt-4o', 0.0)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mssbench_embodied.registry import SpecError, register_preset_resolver
from mssbench_embodied.resources import resource_dir

BACKENDS = ("hf", "openai")
_KEYS = {"name", "backend", "model", "paper", "options", "notes"}


class PresetError(SpecError):
    """A preset file that cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class Preset:
    """One model preset.

    Attributes:
        name: Preset name (the file name without ``.yaml``), used as ``--policy NAME``.
        backend: ``"hf"`` or ``"openai"``.
        model: Model id for the backend (Hub id, or the name the endpoint serves).
        options: Policy options (generation settings, endpoint, dtype, ...).
        paper: Whether the MSSBench paper evaluated this model.
        notes: Free-text notes.
        path: The YAML file.
    """

    name: str
    backend: str
    model: str
    options: dict[str, Any] = field(default_factory=dict)
    paper: bool = False
    notes: str = ""
    path: Path | None = None

    @property
    def spec(self) -> str:
        """The policy spec the preset stands for, e.g. ``"hf:Qwen/Qwen2.5-VL-7B-Instruct"``."""
        return f"{self.backend}:{self.model}"


def presets_dir() -> Path:
    """The bundled ``models/`` folder."""
    return resource_dir("models")


def load_preset(path: Path) -> Preset:
    """Read and check one preset file.

    Raises:
        PresetError: unreadable YAML, a missing or mistyped field, or an unknown key (one line, naming both).
    """
    where = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PresetError(f"{where}: cannot read preset: {' '.join(str(exc).split())}") from None
    if not isinstance(data, dict):
        raise PresetError(f"{where}: a preset must be a mapping with backend, model and options")
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise PresetError(f"{where}: unknown key {unknown[0]!r}; allowed keys: {sorted(_KEYS)}")
    name = data.get("name", path.stem)
    if name != path.stem:
        raise PresetError(f"{where}: field name: {name!r} must equal the file name {path.stem!r}")
    backend = data.get("backend")
    if backend not in BACKENDS:
        raise PresetError(f"{where}: field backend: {backend!r} is not one of {list(BACKENDS)}")
    model = data.get("model")
    if not isinstance(model, str) or not model.strip():
        raise PresetError(f"{where}: field model: must be a non-empty string (a Hub id or served model name)")
    options = data.get("options") or {}
    if not isinstance(options, dict) or not all(isinstance(k, str) for k in options):
        raise PresetError(f"{where}: field options: must be a mapping of option names to values")
    if any("key" in k.lower() and k != "api_key_env" for k in options):
        raise PresetError(f"{where}: field options: never put credentials in a preset; use api_key_env")
    paper = data.get("paper", False)
    if not isinstance(paper, bool):
        raise PresetError(f"{where}: field paper: must be true or false")
    notes = data.get("notes") or ""
    if not isinstance(notes, str):
        raise PresetError(f"{where}: field notes: must be text")
    return Preset(name, backend, model.strip(), dict(options), paper, notes.strip(), path)


def list_presets(folder: Path | None = None) -> list[Preset]:
    """Every preset in ``folder`` (default: the bundled ``models/``), sorted by name.

    Raises:
        PresetError: for the first broken file.
    """
    root = folder or presets_dir()
    return [load_preset(p) for p in sorted(root.glob("*.yaml"))]


def find_preset(name: str, folder: Path | None = None) -> Preset | None:
    """The preset called ``name``, or ``None`` when there is no such file.

    Raises:
        PresetError: the file exists but is broken.
    """
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    path = (folder or presets_dir()) / f"{name}.yaml"
    return load_preset(path) if path.is_file() else None


def resolve_preset(name: str) -> tuple[str, dict[str, Any]] | None:
    """Registry hook: ``(spec, options)`` for a preset name, or ``None`` if it is not one.

    Raises:
        PresetError: the preset file exists but is broken.
    """
    preset = find_preset(name)
    return None if preset is None else (preset.spec, dict(preset.options))


register_preset_resolver(resolve_preset)
